//! Calls made with an API key: the key alone (`Authorization: <key>`) or after a visitor
//! token (`Authorization: <visitor access token>,<API key>`, as `@wix/sdk`'s external login
//! sends it), with exactly one of `wix-site-id` / `wix-account-id` naming the key's site or
//! account.

use super::store::AccessGrant;
use super::{GrantError, Refusal, Site, SiteError};

/// The credentials a request carries in its headers.
#[derive(Debug, Clone, Default)]
pub struct KeyHeaders {
    /// `Authorization`, without a `Bearer ` prefix.
    pub authorization: Option<String>,
    /// `wix-site-id`.
    pub site_id: Option<String>,
    /// `wix-account-id`.
    pub account_id: Option<String>,
}

impl KeyHeaders {
    /// The access token of the `Authorization` header, if any.
    pub fn token(&self) -> Option<&str> {
        self.authorization.as_deref()
    }
}

/// A call authenticated by a configured API key.
pub struct ApiKeyCall {
    /// The visitor (or member) token sent before the key, when the header was composite.
    pub token: Option<AccessGrant>,
}

/// Why an API-key call is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyProblem {
    /// A composite header whose key is not configured.
    UnknownKey,
    /// A composite header whose token part is not a live access token.
    UnknownToken,
    /// Neither or both of `wix-site-id` and `wix-account-id`.
    Scope,
    /// The site or account header does not name the key's own.
    WrongScope,
}

impl ApiKeyProblem {
    fn message(self) -> &'static str {
        match self {
            Self::UnknownKey => "Unknown API key",
            Self::UnknownToken => {
                "The access token before the API key is missing, unknown or expired"
            }
            Self::Scope => {
                "Send exactly one of the wix-site-id and wix-account-id headers with an API key"
            }
            Self::WrongScope => "The API key does not belong to this site or account",
        }
    }

    /// The problem as a Wix API answers it.
    pub fn into_site(self) -> SiteError {
        match self {
            Self::UnknownKey | Self::UnknownToken => {
                SiteError::Refused(Refusal::BadApiKey(self.message()))
            }
            Self::Scope => SiteError::invalid("wix-site-id", "REQUIRED_FIELD", self.message()),
            Self::WrongScope => SiteError::Forbidden(self.message()),
        }
    }

    /// The problem as the token endpoint answers it (RFC 6749).
    pub fn into_grant(self) -> SiteError {
        match self {
            Self::UnknownKey | Self::UnknownToken => {
                SiteError::grant(GrantError::InvalidClient, self.message())
            }
            Self::Scope | Self::WrongScope => {
                SiteError::grant(GrantError::InvalidRequest, self.message())
            }
        }
    }
}

impl Site {
    /// The API-key call of the headers, or `None` when `Authorization` is not an API key (a
    /// plain access token, or nothing).
    pub fn api_key_call(&self, headers: &KeyHeaders) -> Result<Option<ApiKeyCall>, ApiKeyProblem> {
        let Some(value) = headers.token() else {
            return Ok(None);
        };
        let (token, key) = match value.split_once(',') {
            Some((token, key)) => (Some(token.trim()), key.trim()),
            None => (None, value),
        };
        let Some(config) = self.config.api_key(key) else {
            return match token {
                Some(_) => Err(ApiKeyProblem::UnknownKey),
                None => Ok(None),
            };
        };
        match (headers.site_id.as_deref(), headers.account_id.as_deref()) {
            (Some(site), None) if config.site_id.as_deref() == Some(site) => {}
            (None, Some(account)) if config.account_id.as_deref() == Some(account) => {}
            (Some(_), None) | (None, Some(_)) => return Err(ApiKeyProblem::WrongScope),
            _ => return Err(ApiKeyProblem::Scope),
        }
        let token = match token {
            Some(token) => Some(
                self.store()
                    .live_access(token, self.now())
                    .cloned()
                    .ok_or(ApiKeyProblem::UnknownToken)?,
            ),
            None => None,
        };
        Ok(Some(ApiKeyCall { token }))
    }
}
