//! The typed control API of a running sandbox — read the outbox, approve a member, seed
//! members and contacts, move the clock — shared by [`crate::RunningSandbox`]'s methods and
//! the `/_sandbox/…` HTTP endpoints (which stay for clients in other languages).

use wix_auth_generated::types;

use super::Site;
use super::members::is_email;
use serde::ser::{SerializeMap, Serializer as _};

use super::store::{COUNTED_GRANT_TYPES, EmailKind, Member, SentEmail, Store};
use crate::{RunningSandbox, crypto};

/// A member to add directly, with the states a test needs.
#[derive(Debug, Clone, Default)]
pub struct SeedMember {
    /// The login email.
    pub email: String,
    /// The password.
    pub password: String,
    /// Must reset the password before logging in (`-19973`).
    pub password_reset_required: bool,
    /// Waits for the site owner's approval.
    pub awaiting_approval: bool,
    /// Waits for the email code.
    pub awaiting_verification: bool,
    /// What a correct password answers instead of `SUCCESS`: `RequireMfa`, `MfaChallenge`
    /// or `RequireFirstFactor`.
    pub login_state: Option<types::LoginState>,
}

impl SeedMember {
    /// An active member with an email and a password.
    pub fn new(email: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            email: email.into(),
            password: password.into(),
            ..Self::default()
        }
    }
}

/// A member as `GET /_sandbox/members` lists it.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct MemberSummary<'a> {
    id: &'a str,
    email: &'a str,
    active: bool,
    awaiting_approval: bool,
    awaiting_verification: bool,
    email_verified: bool,
}

/// A sequence serialized from an iterator, without collecting it first.
struct Listing<I>(std::cell::RefCell<Option<I>>);

impl<'a, I: Iterator<Item = MemberSummary<'a>>> serde::Serialize for Listing<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(items) => serializer.collect_seq(items),
            None => serializer.collect_seq(std::iter::empty::<MemberSummary<'a>>()),
        }
    }
}

/// Why a control call was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ControlError {
    /// The email address is not valid.
    #[error("the email address is not valid")]
    InvalidEmail,
    /// A member with this email exists already.
    #[error("a member with this email already exists")]
    EmailExists,
    /// No member has this email.
    #[error("no member has this email")]
    NoSuchMember,
    /// The login state is not one a password can answer instead of `SUCCESS`.
    #[error("the login state must be REQUIRE_MFA, MFA_CHALLENGE or REQUIRE_FIRST_FACTOR")]
    InvalidLoginState,
    /// The sandbox runs on the system clock.
    #[error("the sandbox runs on the system clock; start it with a manual clock")]
    NoManualClock,
    /// The OS random source failed.
    #[error("the system random source failed")]
    Randomness,
}

impl Site {
    /// The emails sent to `to` (every email without it), oldest first.
    pub(crate) fn outbox(&self, to: Option<&str>) -> Vec<SentEmail> {
        self.store()
            .outbox()
            .iter()
            .filter(|e| to.is_none_or(|to| e.to.eq_ignore_ascii_case(to)))
            .cloned()
            .collect()
    }

    /// The site owner approves the member with this email; answers its id.
    pub(crate) fn approve(&self, email: &str) -> Result<String, ControlError> {
        let now = self.now();
        let mut store = self.store();
        let id = store
            .member_by_email(email)
            .map(|m| m.id.clone())
            .ok_or(ControlError::NoSuchMember)?;
        if let Some(member) = store.member_mut(&id) {
            member.awaiting_approval = false;
            member.touch(now);
        }
        Ok(id.to_string())
    }

    /// Adds an existing contact: registering with its email needs email verification.
    pub(crate) fn add_contact(&self, email: &str) -> Result<(), ControlError> {
        if !is_email(email) {
            return Err(ControlError::InvalidEmail);
        }
        self.store().add_contact(email);
        Ok(())
    }

    /// Adds a member directly; answers its id.
    pub(crate) async fn seed_member(&self, seed: SeedMember) -> Result<String, ControlError> {
        if !is_email(&seed.email) {
            return Err(ControlError::InvalidEmail);
        }
        if let Some(state) = seed.login_state
            && !matches!(
                state,
                types::LoginState::RequireMfa
                    | types::LoginState::MfaChallenge
                    | types::LoginState::RequireFirstFactor
            )
        {
            return Err(ControlError::InvalidLoginState);
        }
        let hash = crypto::hash_password(&seed.password, self.config.password_hash_rounds)
            .await
            .map_err(|_| ControlError::Randomness)?;
        let mut member = self
            .new_member(&seed.email, Some(hash))
            .map_err(|_| ControlError::Randomness)?;
        member.password_reset_required = seed.password_reset_required;
        member.awaiting_approval = seed.awaiting_approval;
        member.awaiting_verification = seed.awaiting_verification;
        member.email_verified = !seed.awaiting_verification;
        member.second_factor = seed.login_state;
        let mut store = self.store();
        if store.member_by_email(&seed.email).is_some() {
            return Err(ControlError::EmailExists);
        }
        let id = member.id.to_string();
        store.insert_member(member);
        Ok(id)
    }

    /// `{"members": […]}`: every member with its status, by email, serialized straight
    /// from the store (a listing of many members is the largest answer the sandbox gives).
    pub(crate) fn member_listing(&self) -> Result<Vec<u8>, serde_json::Error> {
        let store = self.store();
        let mut members: Vec<&Member> = store.members().collect();
        members.sort_unstable_by(|a, b| a.email.cmp(&b.email));
        let count = members.len();
        let summaries = members.into_iter().map(|m| MemberSummary {
            id: &m.id,
            email: &m.email,
            active: m.is_active(),
            awaiting_approval: m.awaiting_approval,
            awaiting_verification: m.awaiting_verification,
            email_verified: m.email_verified,
        });
        let mut out = Vec::with_capacity(16 + count * 192);
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut listing = serializer.serialize_map(Some(1))?;
        listing.serialize_entry(
            "members",
            &Listing(std::cell::RefCell::new(Some(summaries))),
        )?;
        SerializeMap::end(listing)?;
        Ok(out)
    }

    /// Token requests by grant type (those received), members, live tokens.
    pub(crate) fn stats(&self) -> serde_json::Value {
        let store = self.store();
        let (access, refresh) = store.token_counts();
        let requests: serde_json::Map<String, serde_json::Value> = COUNTED_GRANT_TYPES
            .iter()
            .zip(store.token_requests())
            .filter(|(_, n)| *n > 0)
            .map(|(grant, n)| ((*grant).to_string(), n.into()))
            .collect();
        serde_json::json!({
            "tokenRequests": requests,
            "members": store.members().len(),
            "accessTokens": access,
            "refreshTokens": refresh,
        })
    }

    /// Token requests received of one grant type (refused ones included).
    pub(crate) fn token_requests(&self, grant_type: &str) -> u64 {
        COUNTED_GRANT_TYPES
            .iter()
            .position(|g| *g == grant_type)
            .map_or(0, |i| self.store().token_requests()[i])
    }

    /// Forgets every member, contact, token and email.
    pub(crate) fn reset(&self) {
        *self.store() = Store::default();
    }

    /// Moves a manual clock forward; answers the new time.
    pub(crate) fn advance_clock(&self, seconds: u64) -> Result<u64, ControlError> {
        let clock = self
            .manual_clock
            .as_ref()
            .ok_or(ControlError::NoManualClock)?;
        clock.advance(seconds);
        Ok(self.now())
    }
}

impl RunningSandbox {
    /// Every email "sent", oldest first.
    pub fn outbox(&self) -> Vec<SentEmail> {
        self.state.outbox(None)
    }

    /// The emails sent to `email`, oldest first.
    pub fn emails_to(&self, email: &str) -> Vec<SentEmail> {
        self.state.outbox(Some(email))
    }

    /// The newest verification code sent to `email`.
    pub fn latest_code(&self, email: &str) -> Option<String> {
        self.latest(email, EmailKind::Verification)
            .and_then(|e| e.code)
    }

    /// The newest password-recovery token sent to `email`.
    pub fn latest_recovery_token(&self, email: &str) -> Option<String> {
        self.latest(email, EmailKind::Recovery)
            .and_then(|e| e.recovery_token)
    }

    fn latest(&self, email: &str, kind: EmailKind) -> Option<SentEmail> {
        self.emails_to(email)
            .into_iter()
            .rev()
            .find(|e| e.kind == kind)
    }

    /// The site owner approves the member with this email; answers its id.
    pub fn approve(&self, email: &str) -> Result<String, ControlError> {
        self.state.approve(email)
    }

    /// Adds an existing contact: registering with its email then needs verification.
    pub fn add_contact(&self, email: &str) -> Result<(), ControlError> {
        self.state.add_contact(email)
    }

    /// Adds a member directly; answers its id.
    pub async fn seed_member(&self, seed: SeedMember) -> Result<String, ControlError> {
        self.state.seed_member(seed).await
    }

    /// Token requests received of one grant type (`refresh_token`, …), refused ones
    /// included; `other` counts the grant types the sandbox does not know.
    pub fn token_requests(&self, grant_type: &str) -> u64 {
        self.state.token_requests(grant_type)
    }

    /// Moves the manual clock forward (see [`crate::SandboxBuilder::manual_clock`]); answers
    /// the new time.
    pub fn advance_clock(&self, seconds: u64) -> Result<u64, ControlError> {
        self.state.advance_clock(seconds)
    }
}
