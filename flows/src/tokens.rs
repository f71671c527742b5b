//! OAuth tokens with their expiry and whose they are.

use serde::{Deserialize, Serialize};
use wix_auth_generated::types;

use crate::secrets::{AccessToken, RefreshToken};

/// Whose tokens these are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An anonymous visitor.
    Visitor,
    /// A logged-in member.
    Member,
    /// An app (client credentials).
    App,
}

/// An access token, its refresh token, when it expires, and whose it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tokens {
    /// The access token, sent raw in `Authorization`.
    pub access_token: AccessToken,
    /// The refresh token, when one was issued.
    pub refresh_token: Option<RefreshToken>,
    /// When the access token expires (Unix seconds), measured from before the request.
    pub expires_at: u64,
    /// Whose tokens these are.
    pub role: Role,
}

impl Tokens {
    /// Builds tokens from a token response. `requested_at` is the time just before the
    /// request was sent, so network time never makes a token look fresher than it is; an
    /// unreadable `expires_in` counts as already expired.
    pub(crate) fn from_response(
        response: types::TokenResponse,
        role: Role,
        requested_at: u64,
    ) -> Self {
        let lifetime = response.expires_in.seconds().unwrap_or(0);
        Self {
            access_token: response.access_token.into(),
            refresh_token: response.refresh_token.map(Into::into),
            expires_at: requested_at.saturating_add(lifetime),
            role,
        }
    }

    /// Whether the access token is still usable `margin` seconds from `now`.
    pub fn is_fresh(&self, now: u64, margin: u64) -> bool {
        now.saturating_add(margin) < self.expires_at
    }

    /// The tokens after a refresh: the new access token, the new refresh token or, when the
    /// server sent none, the old one (RFC 6749 §6), and the same role.
    pub(crate) fn refreshed(&self, response: types::TokenResponse, requested_at: u64) -> Self {
        let mut next = Self::from_response(response, self.role, requested_at);
        if next.refresh_token.is_none() {
            next.refresh_token = self.refresh_token.clone();
        }
        next
    }
}
