//! OAuth tokens: who a request's access token speaks for, every grant of the token endpoint
//! (anonymous, authorization_code with PKCE, refresh_token under the configured rotation,
//! client_credentials, authorized_client), and Token Info.

use std::collections::HashMap;

use wix_auth_generated::types;

use super::api_keys::{ApiKeyProblem, KeyHeaders};
use super::store::{
    AccessGrant, ClientRef, CodeGrant, Expiring, RefreshGrant, RefreshState, Store, Subject,
};
use super::{GrantError, Site, SiteError};
use crate::config::RefreshPolicy;
use crate::crypto;

/// The token request's fields, from JSON (camelCase or snake_case) or a form body.
#[derive(Debug, Default)]
pub struct TokenFields(pub HashMap<String, String>);

impl TokenFields {
    /// The field under its camelCase or snake_case name, if set and not empty.
    pub fn get(&self, camel: &str, snake: &str) -> Option<&str> {
        self.0
            .get(camel)
            .or_else(|| self.0.get(snake))
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn require(&self, camel: &'static str, snake: &str) -> Result<&str, SiteError> {
        self.get(camel, snake).ok_or_else(|| {
            SiteError::grant(GrantError::InvalidRequest, format!("`{camel}` is required"))
        })
    }
}

/// How many sessions are opened between sweeps of expired entries.
const PURGE_EVERY: u64 = 4096;

impl Site {
    /// The caller's live access token, of any kind.
    pub fn caller(&self, token: Option<&str>) -> Result<AccessGrant, SiteError> {
        let token = token.ok_or(SiteError::Unauthenticated)?;
        self.store()
            .live_access(token, self.now())
            .cloned()
            .ok_or(SiteError::Unauthenticated)
    }

    /// The token endpoint: tokens for one grant.
    pub fn token(
        &self,
        keys: &KeyHeaders,
        fields: &TokenFields,
    ) -> Result<types::TokenResponse, SiteError> {
        let grant_type = fields.require("grantType", "grant_type")?;
        self.store().count_token_request(grant_type);
        if grant_type == "authorized_client" {
            return self.authorized_client(keys, fields);
        }
        let client_id = fields.require("clientId", "client_id")?;
        let unknown_client = || SiteError::grant(GrantError::InvalidClient, "Unknown client");
        match grant_type {
            "anonymous" => {
                let client = self.client_ref(client_id).ok_or_else(unknown_client)?;
                let visitor = Subject::Visitor(uuid::Uuid::from_bytes(crypto::random_bytes()?));
                self.open_session(&mut self.store(), visitor, client, true)
            }
            "authorization_code" => self.authorization_code(fields, client_id),
            "refresh_token" => self.refresh(fields, client_id),
            "client_credentials" => {
                let secret = fields.require("clientSecret", "client_secret")?;
                let client = self
                    .client_ref(client_id)
                    .filter(|c| {
                        self.client(*c)
                            .and_then(|c| c.secret.as_deref())
                            .is_some_and(|s| crypto::secrets_equal(s, secret))
                    })
                    .ok_or_else(|| {
                        SiteError::grant(
                            GrantError::InvalidClient,
                            "Unknown client or wrong secret",
                        )
                    })?;
                self.open_session(&mut self.store(), Subject::App(client), client, false)
            }
            _ => Err(SiteError::grant(
                GrantError::UnsupportedGrantType,
                "grantType must be anonymous, authorization_code, refresh_token, client_credentials or authorized_client",
            )),
        }
    }

    /// The `authorized_client` grant: member tokens for a member id, to a caller holding an
    /// API key beside a visitor token (`Authorization: <visitor access token>,<API key>`).
    /// With a `session_token` (from Sign On) it must be this member's and is used up.
    fn authorized_client(
        &self,
        keys: &KeyHeaders,
        fields: &TokenFields,
    ) -> Result<types::TokenResponse, SiteError> {
        let call = self
            .api_key_call(keys)
            .map_err(ApiKeyProblem::into_grant)?
            .ok_or_else(|| {
                SiteError::grant(
                    GrantError::InvalidClient,
                    "authorized_client needs an API key",
                )
            })?;
        let visitor = call.token.ok_or_else(|| {
            SiteError::grant(
                GrantError::InvalidRequest,
                "authorized_client needs `<visitor access token>,<API key>` in Authorization",
            )
        })?;
        let member_id = fields.require("memberId", "member_id")?;
        let now = self.now();
        let mut store = self.store();
        let member = match store.member(member_id) {
            None => return Err(SiteError::invalid_grant("No member has this id")),
            Some(m) if !m.is_active() => {
                return Err(SiteError::invalid_grant("The member is not active"));
            }
            Some(m) => m.id.clone(),
        };
        if let Some(session_token) = fields.get("sessionToken", "session_token")
            && store.redeem_session(session_token, now).as_deref() != Some(member_id)
        {
            return Err(SiteError::invalid_grant(
                "The session token is unknown, used, expired or another member's",
            ));
        }
        self.open_session(&mut store, Subject::Member(member), visitor.client, true)
    }

    fn authorization_code(
        &self,
        fields: &TokenFields,
        client_id: &str,
    ) -> Result<types::TokenResponse, SiteError> {
        let code = fields.require("code", "code")?;
        let verifier = fields.require("codeVerifier", "code_verifier")?;
        let redirect_uri = fields.get("redirectUri", "redirect_uri");
        let now = self.now();
        let mut store = self.store();
        let open = match store.codes().find(code) {
            None => return Err(SiteError::invalid_grant("Unknown authorization code")),
            Some(CodeGrant::Redeemed { family, .. }) => {
                // RFC 6749 §4.1.2: a reused code revokes what it issued.
                let family = *family;
                store.revoke_family(family, self.revocation_end());
                return Err(SiteError::invalid_grant(
                    "The authorization code was already used",
                ));
            }
            Some(grant @ CodeGrant::Open { .. }) if !grant.live_at(now) => {
                store.codes().take(code);
                return Err(SiteError::invalid_grant("The authorization code expired"));
            }
            Some(CodeGrant::Open { code, expires }) => (code.clone(), *expires),
        };
        let (open, expires) = open;
        if self.client_id(open.client) != client_id {
            return Err(SiteError::invalid_grant(
                "The code was issued to another client",
            ));
        }
        if redirect_uri.is_some_and(|uri| uri != &*open.redirect_uri) {
            return Err(SiteError::invalid_grant(
                "redirectUri differs from the authorization request",
            ));
        }
        if !crypto::pkce_s256_matches(verifier, &open.challenge) {
            store.codes().take(code);
            return Err(SiteError::invalid_grant(
                "The code verifier does not match the code challenge",
            ));
        }
        let tokens = self.open_session(
            &mut store,
            Subject::Member(open.member.clone()),
            open.client,
            open.offline,
        )?;
        let family = store.last_family();
        store
            .codes()
            .issue(code, CodeGrant::Redeemed { family, expires });
        Ok(tokens)
    }

    fn refresh(
        &self,
        fields: &TokenFields,
        client_id: &str,
    ) -> Result<types::TokenResponse, SiteError> {
        let token = fields.require("refreshToken", "refresh_token")?;
        let now = self.now();
        let mut store = self.store();
        let grant = store
            .refresh()
            .find(token)
            .cloned()
            .ok_or_else(|| SiteError::invalid_grant("Unknown refresh token"))?;
        if store.is_revoked(grant.family) {
            return Err(SiteError::invalid_grant("The refresh token was revoked"));
        }
        match grant.state {
            RefreshState::Active => {}
            RefreshState::Used => {
                if self.config.refresh == RefreshPolicy::RotateWithReuseDetection {
                    store.revoke_family(grant.family, self.revocation_end());
                    return Err(SiteError::invalid_grant(
                        "The refresh token was already used; the session is revoked",
                    ));
                }
                return Err(SiteError::invalid_grant(
                    "The refresh token was already used",
                ));
            }
        }
        if !grant.live_at(now) {
            return Err(SiteError::invalid_grant("The refresh token expired"));
        }
        if self.client_id(grant.client) != client_id {
            return Err(SiteError::invalid_grant(
                "The refresh token was issued to another client",
            ));
        }
        if let Subject::Member(id) = &grant.subject
            && store.member(id).is_none()
        {
            return Err(SiteError::invalid_grant("The member no longer exists"));
        }
        match self.config.refresh {
            RefreshPolicy::Reuse => {
                let mut tokens =
                    self.issue(&mut store, grant.subject, grant.client, grant.family, false)?;
                tokens.refresh_token = Some(token.into());
                Ok(tokens)
            }
            RefreshPolicy::Rotate | RefreshPolicy::RotateWithReuseDetection => {
                if let Some(old) = store.refresh().live_mut(token, now) {
                    old.state = RefreshState::Used;
                }
                self.issue(&mut store, grant.subject, grant.client, grant.family, true)
            }
        }
    }

    /// Until when a session revoked now must stay marked: its last token expires by then.
    pub fn revocation_end(&self) -> u64 {
        let lifetimes = &self.config.lifetimes;
        self.now() + lifetimes.refresh_token.max(lifetimes.access_token)
    }

    /// Opens a session (refresh family) with its first tokens.
    fn open_session(
        &self,
        store: &mut Store,
        subject: Subject,
        client: ClientRef,
        with_refresh: bool,
    ) -> Result<types::TokenResponse, SiteError> {
        let family = store.next_family();
        if family.is_multiple_of(PURGE_EVERY) {
            store.purge_expired(self.now());
        }
        self.issue(store, subject, client, family, with_refresh)
    }

    /// Issues an access token (and a refresh token when asked) in a session.
    fn issue(
        &self,
        store: &mut Store,
        subject: Subject,
        client: ClientRef,
        family: u64,
        with_refresh: bool,
    ) -> Result<types::TokenResponse, SiteError> {
        let now = self.now();
        let lifetimes = &self.config.lifetimes;
        let access = crypto::token("OauthNG.JWS.sbx-")?;
        let refresh = if with_refresh {
            let refresh = crypto::token("JWS.sbx-")?;
            store.refresh().issue(
                &refresh,
                RefreshGrant {
                    subject: subject.clone(),
                    client,
                    expires: now + lifetimes.refresh_token,
                    family,
                    state: RefreshState::Active,
                },
            );
            Some(refresh.into())
        } else {
            None
        };
        store.access().issue(
            &access,
            AccessGrant {
                subject,
                client,
                expires: now + lifetimes.access_token,
                family,
            },
        );
        Ok(types::TokenResponse {
            access_token: access.into(),
            token_type: "Bearer".into(),
            expires_in: types::ExpiresIn::Int64(lifetimes.access_token as i64),
            refresh_token: refresh,
            scope: None,
        })
    }

    /// Token Info. An unknown or expired token answers `{"active": false}`.
    pub fn token_info(&self, token: &str) -> types::TokenInfoResponse {
        let Some(grant) = self.store().live_access(token, self.now()).cloned() else {
            return types::TokenInfoResponse {
                active: Some(types::Active::Boolean(false)),
                ..Default::default()
            };
        };
        let subject_id = match &grant.subject {
            Subject::Visitor(id) => id.to_string(),
            Subject::Member(id) => id.to_string(),
            Subject::App(client) => self.client_id(*client).to_string(),
        };
        types::TokenInfoResponse {
            active: Some(types::Active::Boolean(true)),
            subject_type: Some(grant.subject.kind().into()),
            subject_id: Some(subject_id),
            exp: Some(types::UnixSeconds::String(grant.expires.to_string())),
            iat: Some(types::UnixSeconds::String(
                grant
                    .expires
                    .saturating_sub(self.config.lifetimes.access_token)
                    .to_string(),
            )),
            client_id: Some(self.client_id(grant.client).to_string()),
            site_id: Some(self.config.site_id.clone()),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::config::Config;

    #[test]
    fn a_revocation_lasts_until_the_last_token_of_the_session_could_expire() {
        let clock = ManualClock::at(1_000);
        let site = Site::new(Config::default(), Some(clock), "http://sandbox".into());
        let lifetimes = &site.config.lifetimes;
        assert!(lifetimes.refresh_token > lifetimes.access_token);
        assert_eq!(site.revocation_end(), 1_000 + lifetimes.refresh_token);
    }
}
