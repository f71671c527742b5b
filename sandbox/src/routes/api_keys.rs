//! Calls made with an API key: the key alone (`Authorization: <key>`) or after a visitor
//! token (`Authorization: <visitor access token>,<key>`, as `@wix/sdk`'s external login
//! sends it), with exactly one of `wix-site-id` / `wix-account-id` naming the key's site or
//! account.

use axum::http::{HeaderMap, StatusCode};

use crate::AppState;
use crate::store::AccessGrant;
use crate::wire::{self, ApiError};

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

    /// The Wix envelope of the problem.
    pub fn into_wix(self) -> ApiError {
        match self {
            Self::UnknownKey | Self::UnknownToken => {
                ApiError::app(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", self.message())
            }
            Self::Scope => ApiError::field("wix-site-id", "REQUIRED_FIELD", self.message()),
            Self::WrongScope => ApiError::forbidden(self.message()),
        }
    }

    /// The RFC 6749 error of the problem, for the token endpoint.
    pub fn into_oauth(self) -> ApiError {
        match self {
            Self::UnknownKey | Self::UnknownToken => {
                ApiError::oauth("invalid_client", self.message())
            }
            Self::Scope | Self::WrongScope => ApiError::oauth("invalid_request", self.message()),
        }
    }
}

/// The API-key call of `headers`, or `None` when `Authorization` is not an API key (a plain
/// access token, or nothing).
pub fn api_key_call(
    app: &AppState,
    headers: &HeaderMap,
) -> Result<Option<ApiKeyCall>, ApiKeyProblem> {
    let Some(value) = wire::access_token(headers) else {
        return Ok(None);
    };
    let (token, key) = match value.split_once(',') {
        Some((token, key)) => (Some(token.trim()), key.trim()),
        None => (None, value),
    };
    let Some(config) = app.config.api_key(key) else {
        return match token {
            Some(_) => Err(ApiKeyProblem::UnknownKey),
            None => Ok(None),
        };
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match (header("wix-site-id"), header("wix-account-id")) {
        (Some(site), None) if config.site_id.as_deref() == Some(site) => {}
        (None, Some(account)) if config.account_id.as_deref() == Some(account) => {}
        (Some(_), None) | (None, Some(_)) => return Err(ApiKeyProblem::WrongScope),
        _ => return Err(ApiKeyProblem::Scope),
    }
    let token = match token {
        Some(token) => Some(
            app.store()
                .live_access(token, app.now())
                .cloned()
                .ok_or(ApiKeyProblem::UnknownToken)?,
        ),
        None => None,
    };
    Ok(Some(ApiKeyCall { token }))
}
