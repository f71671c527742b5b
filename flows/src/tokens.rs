//! OAuth tokens with their expiry and whose they are.

use serde::{Deserialize, Serialize};
use wix_auth_generated::types;

use crate::secrets::{AccessToken, RefreshToken};

/// Whose tokens these are. Wix may add roles, so a match needs a wildcard arm.
///
/// Serialized as [`Role::as_str`] names it, the one place those names are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Role {
    /// An anonymous visitor.
    Visitor,
    /// A logged-in member.
    Member,
    /// An app (client credentials).
    App,
}

impl Role {
    const ALL: [Self; 3] = [Self::Visitor, Self::Member, Self::App];

    /// The role's name as the wire and this crate's JSON write it: `visitor`, `member`,
    /// `app`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Visitor => "visitor",
            Self::Member => "member",
            Self::App => "app",
        }
    }
}

impl Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == name)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown role `{name}`")))
    }
}

/// Who a member is: what an app keys its own data by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberIdentity {
    /// The member's Wix id (the identity id, a GUID).
    pub id: String,
    /// The login email, where Wix gave it (the custom login's answers do; Token Info, the
    /// source after a Wix-managed or social login, does not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl MemberIdentity {
    /// The identity of a Login, Register or Verify answer, when it names the member.
    pub fn from_identity(identity: &types::Identity) -> Option<Self> {
        Some(Self {
            id: identity.id.clone()?,
            email: identity.email.as_ref().and_then(|e| e.address.clone()),
        })
    }
}

/// An access token, its refresh token, when it expires, whose it is and, for a member, who.
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
    /// The member, when known: recorded once when a login is established and kept through
    /// refreshes, so nothing asks Wix who the member is per request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<MemberIdentity>,
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
            member: None,
        }
    }

    /// Whether the access token is still usable `margin` seconds from `now`.
    pub fn is_fresh(&self, now: u64, margin: u64) -> bool {
        now.saturating_add(margin) < self.expires_at
    }

    /// The tokens after a refresh: the new access token, the new refresh token or, when the
    /// server sent none, the old one (RFC 6749 §6), the same role and the same member.
    pub(crate) fn refreshed(&self, response: types::TokenResponse, requested_at: u64) -> Self {
        let mut next = Self::from_response(response, self.role, requested_at);
        if next.refresh_token.is_none() {
            next.refresh_token = self.refresh_token.clone();
        }
        next.member = self.member.clone();
        next
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn a_role_is_written_and_read_by_its_name() {
        for role in Role::ALL {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
        }
        let unknown = serde_json::from_str::<Role>("\"owner\"").unwrap_err();
        assert!(
            unknown.to_string().contains("unknown role `owner`"),
            "{unknown}"
        );
    }
}
