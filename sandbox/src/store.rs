//! The sandbox's in-memory state: members, contacts, every issued token and code, redirect
//! sessions and the outbox. Handlers hold the lock only for map operations; password
//! hashing happens outside it.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use wix_auth_generated::types;

use crate::crypto::PasswordHash;

/// Who a token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// An anonymous visitor.
    Visitor(String),
    /// A site member.
    Member(String),
    /// An app (client) through `client_credentials`.
    App(String),
}

impl Subject {
    /// The token-info `subjectType`.
    pub fn kind(&self) -> types::SubjectType {
        match self {
            Self::Visitor(_) => types::SubjectType::Visitor,
            Self::Member(_) => types::SubjectType::Member,
            Self::App(_) => types::SubjectType::App,
        }
    }

    /// The subject's ID.
    pub fn id(&self) -> &str {
        match self {
            Self::Visitor(id) | Self::Member(id) | Self::App(id) => id,
        }
    }
}

/// A site member.
#[derive(Debug, Clone)]
pub struct Member {
    /// The identity ID (GUID).
    pub id: String,
    /// The login email as registered.
    pub email: String,
    /// The password hash; `None` for members created by Sign On.
    pub password: Option<PasswordHash>,
    /// The profile.
    pub profile: types::IdentityProfile,
    /// The email was verified.
    pub email_verified: bool,
    /// Waiting for the email code.
    pub awaiting_verification: bool,
    /// Waiting for the site owner.
    pub awaiting_approval: bool,
    /// Must reset the password before logging in.
    pub password_reset_required: bool,
    /// The IdP connection the member signed in through, for social logins.
    pub idp_connection: Option<String>,
    /// The state a correct password answers instead of `SUCCESS` (MFA, another first
    /// factor); the sandbox offers no way past it, as Wix offers no public one.
    pub second_factor: Option<types::LoginState>,
    /// Created at (Unix seconds).
    pub created: u64,
    /// Last updated at (Unix seconds).
    pub updated: u64,
    /// Grows with every update.
    pub revision: u64,
}

impl Member {
    /// Whether nothing keeps the member from logging in.
    pub fn is_active(&self) -> bool {
        !self.awaiting_verification && !self.awaiting_approval
    }

    /// The member as the wire's `Identity`.
    pub fn identity(&self) -> types::Identity {
        let mut reasons = Vec::new();
        if self.awaiting_verification {
            reasons.push(types::StatusReason::PendingEmailVerificationRequired.into());
        }
        if self.awaiting_approval {
            reasons.push(types::StatusReason::PendingAdminApprovalRequired.into());
        }
        let name = if self.is_active() {
            types::StatusName::Active
        } else {
            types::StatusName::Pending
        };
        types::Identity {
            id: Some(self.id.clone()),
            revision: Some(self.revision.to_string()),
            created_date: Some(rfc3339(self.created)),
            updated_date: Some(rfc3339(self.updated)),
            identifiers: vec![types::Identifier {
                email: Some(self.email.clone()),
            }],
            connections: self.connections(),
            identity_profile: Some(self.profile.clone()),
            metadata: Some(types::IdentityMetadata { tags: Vec::new() }),
            email: Some(types::Email {
                address: Some(self.email.clone()),
                is_verified: Some(self.email_verified),
            }),
            status: Some(types::IdentityStatus {
                name: Some(name.into()),
                reasons,
            }),
            factors: Vec::new(),
        }
    }
}

/// The id of the sandbox's password authenticator, in every password member's connections.
pub const PASSWORD_AUTHENTICATOR_ID: &str = "31ddd8fc-ea95-43ac-95c5-902497125b90";

impl Member {
    /// How the member authenticates: a password authenticator, an IdP connection.
    fn connections(&self) -> Vec<types::Connection> {
        let password = self.password.as_ref().map(|_| types::Connection {
            authenticator_connection: Some(types::AuthenticatorConnection {
                authenticator_connection_id: Some(PASSWORD_AUTHENTICATOR_ID.into()),
                re_enrollment_required: Some(false),
            }),
            idp_connection: None,
        });
        let idp = self.idp_connection.as_ref().map(|id| types::Connection {
            authenticator_connection: None,
            idp_connection: Some(types::IdpConnection {
                idp_connection_id: Some(id.clone()),
                idp_user_id: Some(self.id.clone()),
            }),
        });
        password.into_iter().chain(idp).collect()
    }
}

/// Unix seconds as an RFC 3339 UTC timestamp.
pub fn rfc3339(unix: u64) -> String {
    i64::try_from(unix)
        .ok()
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// An issued access token.
#[derive(Debug, Clone)]
pub struct AccessGrant {
    /// Whom it speaks for.
    pub subject: Subject,
    /// The client it was issued to.
    pub client_id: String,
    /// Issued at.
    pub issued: u64,
    /// Expires at.
    pub expires: u64,
    /// The session (refresh family) it belongs to.
    pub family: u64,
}

/// Where a refresh token stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshState {
    /// Redeemable.
    Active,
    /// Redeemed under a rotating policy.
    Used,
    /// Revoked with its session.
    Revoked,
}

/// An issued refresh token.
#[derive(Debug, Clone)]
pub struct RefreshGrant {
    /// Whom it speaks for.
    pub subject: Subject,
    /// The client it was issued to.
    pub client_id: String,
    /// Expires at.
    pub expires: u64,
    /// The session it belongs to.
    pub family: u64,
    /// Redeemable or not.
    pub state: RefreshState,
}

/// What a state token continues.
#[derive(Debug, Clone)]
pub enum Pending {
    /// `REQUIRE_EMAIL_VERIFICATION`: the code that was sent and the wrong tries so far.
    Verification {
        /// The six-digit code.
        code: String,
        /// Wrong codes presented.
        attempts: u32,
    },
    /// `REQUIRE_OWNER_APPROVAL`.
    Approval,
    /// `REQUIRE_MFA`, `MFA_CHALLENGE` or `REQUIRE_FIRST_FACTOR`: it never completes here.
    SecondFactor(types::LoginState),
}

/// An issued state token.
#[derive(Debug, Clone)]
pub struct StateGrant {
    /// The member in the pending state.
    pub member_id: String,
    /// What it continues.
    pub pending: Pending,
    /// Expires at.
    pub expires: u64,
}

/// An issued authorization code.
#[derive(Debug, Clone)]
pub struct CodeGrant {
    /// The client it was issued to.
    pub client_id: String,
    /// The redirect URI it was delivered to.
    pub redirect_uri: String,
    /// The PKCE S256 challenge.
    pub challenge: String,
    /// The member it authorizes.
    pub member_id: String,
    /// Whether a refresh token goes with it (`offline_access`).
    pub offline: bool,
    /// Expires at.
    pub expires: u64,
    /// Already redeemed, and the session it opened.
    pub redeemed: Option<u64>,
}

/// What a redirect session leads to.
#[derive(Debug, Clone)]
pub enum RedirectIntent {
    /// Authorize with PKCE.
    Auth(Box<types::AuthorizeRequest>, Option<types::Prompt>),
    /// The login page, then back to `post_flow_url`.
    Login(Option<String>),
    /// Log out (the URL goes straight to the logout endpoint).
    Logout,
}

/// What an email the sandbox "sent" is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EmailKind {
    /// A verification code (Register, Login, Start Verification).
    Verification,
    /// A password-recovery token (Send Recovery Email).
    Recovery,
}

/// An email the sandbox "sent"; read them with [`crate::RunningSandbox::outbox`].
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentEmail {
    /// The recipient.
    pub to: String,
    /// What it is for.
    pub kind: EmailKind,
    /// The verification code, for `verification`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The recovery token, for `recovery`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_token: Option<String>,
    /// Where the member returns after resetting, for `recovery` with a redirect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// When it was sent (Unix seconds).
    pub sent_at: u64,
}

impl SentEmail {
    /// A verification code sent to `to`.
    pub(crate) fn verification(to: String, code: String, sent_at: u64) -> Self {
        Self {
            to,
            kind: EmailKind::Verification,
            code: Some(code),
            recovery_token: None,
            redirect_url: None,
            sent_at,
        }
    }
}

/// Failed logins of one email in the current window.
#[derive(Debug, Clone, Copy)]
pub struct FailedLogins {
    /// How many.
    pub count: u32,
    /// When the window started.
    pub since: u64,
}

/// All sandbox state.
#[derive(Debug, Default)]
pub struct Store {
    /// Members by ID.
    pub members: HashMap<String, Member>,
    /// Member IDs by lower-cased email.
    pub by_email: HashMap<String, String>,
    /// Lower-cased emails of existing contacts.
    pub contacts: HashSet<String>,
    /// Access tokens.
    pub access: HashMap<String, AccessGrant>,
    /// Refresh tokens.
    pub refresh: HashMap<String, RefreshGrant>,
    /// Session tokens: member ID and expiry.
    pub sessions: HashMap<String, (String, u64)>,
    /// State tokens.
    pub states: HashMap<String, StateGrant>,
    /// Authorization codes.
    pub codes: HashMap<String, CodeGrant>,
    /// Recovery tokens: member ID and expiry.
    pub recoveries: HashMap<String, (String, u64)>,
    /// Redirect sessions by ID, with their expiry.
    redirect_sessions: HashMap<String, (RedirectIntent, u64)>,
    /// Sent emails, oldest first.
    pub outbox: Vec<SentEmail>,
    /// Failed logins by lower-cased email.
    pub failed_logins: HashMap<String, FailedLogins>,
    /// The last session (refresh family) number handed out.
    pub last_family: u64,
    /// Token requests received, by grant type (including refused ones).
    pub token_requests: HashMap<String, u64>,
}

impl Store {
    /// The member with this email, case-insensitively.
    pub fn member_by_email(&self, email: &str) -> Option<&Member> {
        let id = self.by_email.get(&email.to_lowercase())?;
        self.members.get(id)
    }

    /// Adds a member.
    pub fn insert_member(&mut self, member: Member) {
        self.by_email
            .insert(member.email.to_lowercase(), member.id.clone());
        self.members.insert(member.id.clone(), member);
    }

    /// A fresh session number.
    pub fn next_family(&mut self) -> u64 {
        self.last_family += 1;
        self.last_family
    }

    /// The access grant of `token` if it is known and unexpired.
    pub fn live_access(&self, token: &str, now: u64) -> Option<&AccessGrant> {
        self.access.get(token).filter(|g| g.expires > now)
    }

    /// Revokes every refresh and access token of a session.
    pub fn revoke_family(&mut self, family: u64) {
        for grant in self.refresh.values_mut() {
            if grant.family == family {
                grant.state = RefreshState::Revoked;
            }
        }
        self.access.retain(|_, g| g.family != family);
    }

    /// Drops every expired token, code and pending state.
    pub fn purge_expired(&mut self, now: u64) {
        self.access.retain(|_, g| g.expires > now);
        self.refresh.retain(|_, g| g.expires > now);
        self.sessions.retain(|_, (_, exp)| *exp > now);
        self.states.retain(|_, g| g.expires > now);
        self.codes.retain(|_, g| g.expires > now);
        self.recoveries.retain(|_, (_, exp)| *exp > now);
        self.redirect_sessions.retain(|_, (_, exp)| *exp > now);
    }

    /// Opens a redirect session until `expires`.
    pub fn open_redirect_session(&mut self, id: String, intent: RedirectIntent, expires: u64) {
        self.redirect_sessions.insert(id, (intent, expires));
    }

    /// The intent of a redirect session that has not expired.
    pub fn redirect_session(&self, id: &str, now: u64) -> Option<&RedirectIntent> {
        self.redirect_sessions
            .get(id)
            .filter(|(_, expires)| *expires > now)
            .map(|(intent, _)| intent)
    }

    /// Ends a redirect session, answering its intent if it had not expired.
    pub fn take_redirect_session(&mut self, id: &str, now: u64) -> Option<RedirectIntent> {
        self.redirect_sessions
            .remove(id)
            .filter(|(_, expires)| *expires > now)
            .map(|(intent, _)| intent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_689_765_248), "2023-07-19T11:14:08Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
