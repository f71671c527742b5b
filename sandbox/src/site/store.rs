//! The site's in-memory state: members, contacts, every issued token and code, redirect
//! sessions and the outbox. Kept compact so a long run stays small: tokens are held by
//! their SHA-256 digest (never as text), members are shared by a reference-counted id,
//! clients by their index in the configuration, visitors by their 16-byte GUID.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};
use wix_auth_generated::types;

use crate::crypto::PasswordHash;

/// The first 128 bits of a token's SHA-256 digest: what the store keys tokens and codes by
/// (a collision among 2^32 live tokens has a chance of 2^-64).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenKey([u8; 16]);

impl TokenKey {
    /// The key of `token`.
    pub fn of(token: &str) -> Self {
        let digest = Sha256::digest(token.as_bytes());
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        Self(key)
    }
}

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(..)")
    }
}

/// A grant with an end: usable before its `expires` instant (Unix seconds), never at or
/// after it. The one expiry rule of every token, code and state.
pub trait Expiring {
    /// The instant the grant ends.
    fn expires(&self) -> u64;

    /// Whether the grant is still usable at `now`.
    fn live_at(&self, now: u64) -> bool {
        self.expires() > now
    }
}

/// Every grant of one kind, by the digest of the token or code that stands for it: the
/// table hashes the token, applies the expiry rule and sweeps, so no caller does either.
#[derive(Debug)]
pub struct Grants<G> {
    by_key: HashMap<TokenKey, G>,
}

impl<G> Default for Grants<G> {
    fn default() -> Self {
        Self {
            by_key: HashMap::new(),
        }
    }
}

impl<G: Expiring> Grants<G> {
    /// Records the grant `token` stands for (replacing any earlier one).
    pub fn issue(&mut self, token: &str, grant: G) {
        self.by_key.insert(TokenKey::of(token), grant);
    }

    /// The grant of `token`, usable or not (an answer may tell "expired" from "unknown").
    pub fn find(&self, token: &str) -> Option<&G> {
        self.by_key.get(&TokenKey::of(token))
    }

    /// The grant of `token`, if it is usable at `now`.
    pub fn live(&self, token: &str, now: u64) -> Option<&G> {
        self.find(token).filter(|g| g.live_at(now))
    }

    /// The grant of `token` to change, if it is usable at `now`.
    pub fn live_mut(&mut self, token: &str, now: u64) -> Option<&mut G> {
        self.by_key
            .get_mut(&TokenKey::of(token))
            .filter(|g| g.live_at(now))
    }

    /// Ends the grant of `token` (single use), answering it usable or not.
    pub fn take(&mut self, token: &str) -> Option<G> {
        self.by_key.remove(&TokenKey::of(token))
    }

    /// Ends the grant of `token`, answering it only if it was usable at `now`.
    pub fn take_live(&mut self, token: &str, now: u64) -> Option<G> {
        self.take(token).filter(|g| g.live_at(now))
    }

    /// Drops every grant that has ended at `now`, and those `drop` names.
    pub fn sweep(&mut self, now: u64, drop: impl Fn(&G) -> bool) {
        self.by_key.retain(|_, g| g.live_at(now) && !drop(g));
    }

    /// Every grant, usable or not.
    pub fn values(&self) -> impl Iterator<Item = &G> {
        self.by_key.values()
    }

    /// Every grant to change.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut G> {
        self.by_key.values_mut()
    }

    /// How many grants are kept.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }
}

/// A member's identity id (a GUID), shared by every grant that names the member.
pub type MemberId = Arc<str>;

/// An OAuth client, by its position in the configuration (which never changes while the
/// sandbox runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientRef(pub u16);

/// Who a token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// An anonymous visitor.
    Visitor(uuid::Uuid),
    /// A site member.
    Member(MemberId),
    /// An app (client) through `client_credentials`.
    App(ClientRef),
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
}

/// A site member.
#[derive(Debug, Clone)]
pub struct Member {
    /// The identity ID (GUID).
    pub id: MemberId,
    /// The login email as registered.
    pub email: Box<str>,
    /// The password hash; `None` for members created by Sign On or a social provider.
    pub password: Option<PasswordHash>,
    /// The profile, when one was given.
    pub profile: Option<Box<types::IdentityProfile>>,
    /// The email was verified.
    pub email_verified: bool,
    /// Waiting for the email code.
    pub awaiting_verification: bool,
    /// Waiting for the site owner.
    pub awaiting_approval: bool,
    /// Must reset the password before logging in.
    pub password_reset_required: bool,
    /// The IdP connection the member signed in through, for social logins.
    pub idp_connection: Option<Box<str>>,
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

/// The id of the sandbox's password authenticator, in every password member's connections.
pub const PASSWORD_AUTHENTICATOR_ID: &str = "31ddd8fc-ea95-43ac-95c5-902497125b90";

impl Member {
    /// A new member record, created `now`.
    pub fn new(id: MemberId, email: &str, password: Option<PasswordHash>, now: u64) -> Self {
        Self {
            id,
            email: email.into(),
            password,
            profile: None,
            email_verified: false,
            awaiting_verification: false,
            awaiting_approval: false,
            password_reset_required: false,
            idp_connection: None,
            second_factor: None,
            created: now,
            updated: now,
            revision: 1,
        }
    }

    /// Records an update made `now`.
    pub fn touch(&mut self, now: u64) {
        self.updated = now;
        self.revision += 1;
    }

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
            id: Some(self.id.to_string()),
            revision: Some(self.revision.to_string()),
            created_date: Some(rfc3339(self.created)),
            updated_date: Some(rfc3339(self.updated)),
            identifiers: vec![types::Identifier {
                email: Some(self.email.to_string()),
            }],
            connections: self.connections(),
            identity_profile: Some(self.profile.as_deref().cloned().unwrap_or_default()),
            metadata: Some(types::IdentityMetadata { tags: Vec::new() }),
            email: Some(types::Email {
                address: Some(self.email.to_string()),
                is_verified: Some(self.email_verified),
            }),
            status: Some(types::IdentityStatus {
                name: Some(name.into()),
                reasons,
            }),
            factors: Vec::new(),
        }
    }

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
                idp_connection_id: Some(id.to_string()),
                idp_user_id: Some(self.id.to_string()),
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
    pub client: ClientRef,
    /// Expires at (it was issued one access-token lifetime before).
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
}

/// An issued refresh token.
#[derive(Debug, Clone)]
pub struct RefreshGrant {
    /// Whom it speaks for.
    pub subject: Subject,
    /// The client it was issued to.
    pub client: ClientRef,
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
    pub member: MemberId,
    /// What it continues.
    pub pending: Pending,
    /// Expires at.
    pub expires: u64,
}

/// A token that names a member until it expires: a session token, a recovery token.
#[derive(Debug, Clone)]
pub struct MemberGrant {
    /// The member.
    pub member: MemberId,
    /// Expires at.
    pub expires: u64,
}

/// What an unredeemed authorization code holds.
#[derive(Debug, Clone)]
pub struct OpenCode {
    /// The client it was issued to.
    pub client: ClientRef,
    /// The redirect URI it was delivered to.
    pub redirect_uri: Box<str>,
    /// The PKCE S256 challenge.
    pub challenge: Box<str>,
    /// The member it authorizes.
    pub member: MemberId,
    /// Whether a refresh token goes with it (`offline_access`).
    pub offline: bool,
}

/// An issued authorization code: open, or redeemed (kept until it expires, so a replay
/// can revoke what it opened).
#[derive(Debug, Clone)]
pub enum CodeGrant {
    /// Not redeemed yet.
    Open {
        /// What it authorizes.
        code: Box<OpenCode>,
        /// Expires at.
        expires: u64,
    },
    /// Redeemed; the session it opened.
    Redeemed {
        /// The session (refresh family).
        family: u64,
        /// Expires at.
        expires: u64,
    },
}

impl Expiring for CodeGrant {
    fn expires(&self) -> u64 {
        match self {
            Self::Open { expires, .. } | Self::Redeemed { expires, .. } => *expires,
        }
    }
}

/// The grants whose end is their `expires` field.
macro_rules! expiring {
    ($($grant:ty),*) => {
        $(impl Expiring for $grant {
            fn expires(&self) -> u64 {
                self.expires
            }
        })*
    };
}
expiring!(AccessGrant, RefreshGrant, StateGrant, MemberGrant);

/// What a redirect session leads to.
#[derive(Debug, Clone)]
pub enum RedirectIntent {
    /// Authorize with PKCE; the prompt of the redirect session, if any.
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

/// Failed logins of one email in the current window.
#[derive(Debug, Clone, Copy)]
pub struct FailedLogins {
    /// How many.
    pub count: u32,
    /// When the window started.
    pub since: u64,
}

/// Token requests received, by grant type (including refused ones); anything else is
/// counted as `other`, so arbitrary input cannot grow the table.
pub const COUNTED_GRANT_TYPES: [&str; 6] = [
    "anonymous",
    "authorization_code",
    "refresh_token",
    "client_credentials",
    "authorized_client",
    "other",
];

/// All sandbox state. Its tables are reached only through its methods and the [`Grants`]
/// they hand out, so hashing, expiry and sweeping have one home.
#[derive(Debug, Default)]
pub struct Store {
    /// Members by ID (boxed: a table slot stays small, so growing the table copies little).
    members: HashMap<MemberId, Box<Member>>,
    /// Member IDs by lower-cased email.
    by_email: HashMap<Box<str>, MemberId>,
    /// Lower-cased emails of existing contacts.
    contacts: HashSet<String>,
    /// Access tokens.
    access: Grants<AccessGrant>,
    /// Refresh tokens.
    refresh: Grants<RefreshGrant>,
    /// Session tokens.
    sessions: Grants<MemberGrant>,
    /// State tokens.
    states: Grants<StateGrant>,
    /// Authorization codes.
    codes: Grants<CodeGrant>,
    /// Recovery tokens.
    recoveries: Grants<MemberGrant>,
    /// Redirect sessions by ID, with their expiry.
    redirect_sessions: HashMap<String, (RedirectIntent, u64)>,
    /// Sent emails, oldest first.
    outbox: Vec<SentEmail>,
    /// Failed logins by lower-cased email.
    failed_logins: HashMap<String, FailedLogins>,
    /// The last session (refresh family) number handed out.
    last_family: u64,
    /// Token requests by grant type, in the order of [`COUNTED_GRANT_TYPES`].
    token_requests: [u64; COUNTED_GRANT_TYPES.len()],
    /// Revoked sessions (refresh families), until every token they issued has expired.
    revoked_families: HashMap<u64, u64>,
}

impl Store {
    /// The access tokens.
    pub fn access(&mut self) -> &mut Grants<AccessGrant> {
        &mut self.access
    }

    /// The refresh tokens.
    pub fn refresh(&mut self) -> &mut Grants<RefreshGrant> {
        &mut self.refresh
    }

    /// The session tokens (single use).
    pub fn sessions(&mut self) -> &mut Grants<MemberGrant> {
        &mut self.sessions
    }

    /// The state tokens.
    pub fn states(&mut self) -> &mut Grants<StateGrant> {
        &mut self.states
    }

    /// The authorization codes.
    pub fn codes(&mut self) -> &mut Grants<CodeGrant> {
        &mut self.codes
    }

    /// The recovery tokens (single use).
    pub fn recoveries(&mut self) -> &mut Grants<MemberGrant> {
        &mut self.recoveries
    }

    /// The member with this id.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.get(id).map(|m| &**m)
    }

    /// The member with this id, to change.
    pub fn member_mut(&mut self, id: &str) -> Option<&mut Member> {
        self.members.get_mut(id).map(|m| &mut **m)
    }

    /// Every member.
    pub fn members(&self) -> impl ExactSizeIterator<Item = &Member> {
        self.members.values().map(|m| &**m)
    }

    /// Whether `email` is an existing contact's (case-insensitively).
    pub fn is_contact(&self, email: &str) -> bool {
        self.contacts.contains(&email.to_lowercase())
    }

    /// Adds an existing contact.
    pub fn add_contact(&mut self, email: &str) {
        self.contacts.insert(email.to_lowercase());
    }

    /// Sends an email (into the outbox).
    pub fn send(&mut self, email: SentEmail) {
        self.outbox.push(email);
    }

    /// Every email sent, oldest first.
    pub fn outbox(&self) -> &[SentEmail] {
        &self.outbox
    }

    /// Failed logins of `email` in its current window.
    pub fn failed_logins(&mut self, email: &str) -> Option<&mut FailedLogins> {
        self.failed_logins.get_mut(email)
    }

    /// Counts a failed login of `email`, starting a window at `now` when there is none.
    pub fn count_failed_login(&mut self, email: &str, now: u64) -> &mut FailedLogins {
        self.failed_logins
            .entry(email.to_string())
            .or_insert(FailedLogins {
                count: 0,
                since: now,
            })
    }

    /// Forgets the failed logins of `email`.
    pub fn forget_failed_logins(&mut self, email: &str) {
        self.failed_logins.remove(email);
    }

    /// The last session (refresh family) number handed out.
    pub fn last_family(&self) -> u64 {
        self.last_family
    }

    /// Token requests received of each grant type, in the order of [`COUNTED_GRANT_TYPES`].
    pub fn token_requests(&self) -> [u64; COUNTED_GRANT_TYPES.len()] {
        self.token_requests
    }

    /// Live access tokens (not revoked) and refresh tokens kept.
    pub fn token_counts(&self) -> (usize, usize) {
        let access = self
            .access
            .values()
            .filter(|g| !self.is_revoked(g.family))
            .count();
        (access, self.refresh.len())
    }

    /// The member with this email, case-insensitively.
    pub fn member_by_email(&self, email: &str) -> Option<&Member> {
        let id = self.by_email.get(email.to_lowercase().as_str())?;
        self.members.get(id).map(|m| &**m)
    }

    /// Adds a member.
    pub fn insert_member(&mut self, member: Member) {
        self.by_email
            .insert(member.email.to_lowercase().into(), member.id.clone());
        self.members.insert(member.id.clone(), Box::new(member));
    }

    /// A fresh session number.
    pub fn next_family(&mut self) -> u64 {
        self.last_family += 1;
        self.last_family
    }

    /// Counts a token request of `grant_type`.
    pub fn count_token_request(&mut self, grant_type: &str) {
        let slot = COUNTED_GRANT_TYPES
            .iter()
            .position(|g| *g == grant_type)
            .unwrap_or(COUNTED_GRANT_TYPES.len() - 1);
        self.token_requests[slot] += 1;
    }

    /// The access grant of `token` if it is known, unexpired and not revoked.
    pub fn live_access(&self, token: &str, now: u64) -> Option<&AccessGrant> {
        self.access
            .live(token, now)
            .filter(|g| !self.is_revoked(g.family))
    }

    /// Whether a session (refresh family) was revoked.
    pub fn is_revoked(&self, family: u64) -> bool {
        self.revoked_families.contains_key(&family)
    }

    /// The member a live session token belongs to, using the token up (single use).
    pub fn redeem_session(&mut self, token: &str, now: u64) -> Option<MemberId> {
        self.sessions.take_live(token, now).map(|g| g.member)
    }

    /// Revokes every refresh and access token of a session, in constant time: the session
    /// is marked until `until`, when every token it issued has expired.
    pub fn revoke_family(&mut self, family: u64, until: u64) {
        self.revoked_families.insert(family, until);
    }

    /// Drops every expired token, code and pending state, and the access tokens of revoked
    /// sessions.
    pub fn purge_expired(&mut self, now: u64) {
        let revoked = &self.revoked_families;
        self.access.sweep(now, |g| revoked.contains_key(&g.family));
        self.revoked_families.retain(|_, until| *until > now);
        self.refresh.sweep(now, |_| false);
        self.sessions.sweep(now, |_| false);
        self.states.sweep(now, |_| false);
        self.codes.sweep(now, |_| false);
        self.recoveries.sweep(now, |_| false);
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
    fn a_grant_table_hashes_the_token_and_applies_the_one_expiry_rule() {
        let mut grants = Grants::default();
        let grant = |expires| MemberGrant {
            member: "m-1".into(),
            expires,
        };
        grants.issue("RCV.a", grant(10));
        grants.issue("RCV.b", grant(10));
        assert!(grants.live("RCV.a", 9).is_some());
        assert!(grants.live("RCV.a", 10).is_none(), "ended at its instant");
        assert!(
            grants.find("RCV.a").is_some(),
            "kept, to tell expired from unknown"
        );
        assert!(grants.live_mut("RCV.a", 10).is_none());
        assert!(
            grants.take_live("RCV.a", 10).is_none(),
            "taken, though ended"
        );
        assert!(grants.find("RCV.a").is_none());
        assert!(grants.take_live("RCV.b", 9).is_some());
        assert!(grants.take("RCV.b").is_none(), "single use");
        grants.issue("RCV.c", grant(5));
        grants.issue("RCV.d", grant(6));
        grants.issue("RCV.e", grant(6));
        grants.sweep(5, |_| false);
        assert_eq!(grants.len(), 2, "the ended one swept");
        grants.sweep(5, |_| true);
        assert_eq!(grants.len(), 0, "and those named");
        assert!(
            !format!("{grants:?}").contains("RCV"),
            "tokens are never kept as text"
        );
    }

    #[test]
    fn rfc3339_formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_689_765_248), "2023-07-19T11:14:08Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn tokens_are_kept_by_digest_and_used_once() {
        let mut store = Store::default();
        let id: MemberId = "m-1".into();
        store.sessions.issue(
            "MST.one",
            MemberGrant {
                member: id.clone(),
                expires: 10,
            },
        );
        assert_eq!(store.redeem_session("MST.other", 5), None);
        assert_eq!(store.redeem_session("MST.one", 5), Some(id));
        assert_eq!(store.redeem_session("MST.one", 5), None);
    }

    #[test]
    fn a_grant_ends_at_its_expiry_instant() {
        let mut store = Store::default();
        let id: MemberId = "m-1".into();
        for token in ["MST.a", "MST.b"] {
            store.sessions.issue(
                token,
                MemberGrant {
                    member: id.clone(),
                    expires: 10,
                },
            );
        }
        assert_eq!(store.redeem_session("MST.a", 9), Some(id.clone()));
        assert_eq!(store.redeem_session("MST.b", 10), None);

        store.access.issue("AT", access_grant(id, 10, 7));
        assert!(store.live_access("AT", 9).is_some());
        assert!(store.live_access("AT", 10).is_none());
    }

    #[test]
    fn a_revoked_session_is_swept_at_once_and_forgotten_when_its_tokens_are() {
        let mut store = Store::default();
        let id: MemberId = "m-1".into();
        store
            .access
            .issue("revoked", access_grant(id.clone(), 100, 1));
        store
            .access
            .issue("other", access_grant(id.clone(), 100, 2));
        store.access.issue("ending", access_grant(id, 5, 3));
        store.revoke_family(1, 100);
        assert!(store.live_access("revoked", 5).is_none());
        store.purge_expired(5);
        assert!(store.access.find("revoked").is_none(), "swept");
        assert!(store.access.find("ending").is_none(), "expired now");
        assert!(store.live_access("other", 5).is_some());
        assert!(store.is_revoked(1), "marked until its tokens have expired");
        store.purge_expired(99);
        assert!(store.is_revoked(1));
        store.purge_expired(100);
        assert!(store.revoked_families.is_empty());
    }

    #[test]
    fn a_sweep_drops_exactly_what_has_expired_in_every_table() {
        let mut store = Store::default();
        let member: MemberId = "m-1".into();
        for (name, expires) in [("ended", 5), ("live", 6)] {
            store
                .access
                .issue(name, access_grant(member.clone(), expires, 1));
            store.refresh.issue(
                name,
                RefreshGrant {
                    subject: Subject::Member(member.clone()),
                    client: ClientRef(0),
                    expires,
                    family: 1,
                    state: RefreshState::Active,
                },
            );
            let grant = MemberGrant {
                member: member.clone(),
                expires,
            };
            store.sessions.issue(name, grant.clone());
            store.recoveries.issue(name, grant);
            store.states.issue(
                name,
                StateGrant {
                    member: member.clone(),
                    pending: Pending::Approval,
                    expires,
                },
            );
            store
                .codes
                .issue(name, CodeGrant::Redeemed { family: 1, expires });
            store.open_redirect_session(name.into(), RedirectIntent::Logout, expires);
        }
        store.purge_expired(5);
        assert_eq!(
            [
                store.access.len(),
                store.refresh.len(),
                store.sessions.len(),
                store.recoveries.len(),
                store.states.len(),
                store.codes.len(),
            ],
            [1; 6]
        );
        assert!(store.access.find("live").is_some() && store.codes.find("live").is_some());
        assert!(store.refresh.find("live").is_some() && store.states.find("live").is_some());
        assert!(store.sessions.find("live").is_some() && store.recoveries.find("live").is_some());
        assert!(store.redirect_session("live", 5).is_some());
        assert_eq!(store.redirect_sessions.len(), 1);
    }

    #[test]
    fn a_redirect_session_ends_at_its_expiry_instant() {
        let mut store = Store::default();
        store.open_redirect_session("rs".into(), RedirectIntent::Logout, 10);
        assert!(store.redirect_session("rs", 9).is_some());
        assert!(store.redirect_session("rs", 10).is_none());
        assert!(store.take_redirect_session("rs", 10).is_none());
        store.open_redirect_session("rs".into(), RedirectIntent::Logout, 10);
        assert!(store.take_redirect_session("rs", 9).is_some());
        assert!(store.take_redirect_session("rs", 9).is_none(), "taken once");
    }

    fn access_grant(member: MemberId, expires: u64, family: u64) -> AccessGrant {
        AccessGrant {
            subject: Subject::Member(member),
            client: ClientRef(0),
            expires,
            family,
        }
    }

    #[test]
    fn unknown_grant_types_share_one_counter() {
        let mut store = Store::default();
        store.count_token_request("refresh_token");
        store.count_token_request("x-1");
        store.count_token_request("x-2");
        assert_eq!(store.token_requests[2], 1);
        assert_eq!(store.token_requests[5], 2);
    }
}
