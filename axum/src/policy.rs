//! The one rule for what a request's session holds, used by every extractor and route:
//!
//! | the lookup | means | what happens |
//! |---|---|---|
//! | no cookie, or no tokens | no session | none |
//! | usable tokens (refreshed once when close to expiry) | a visitor or a member | the tokens |
//! | `ErrorKind::Reauthenticate` (revoked, refresh refused) | the session is over | its tokens dropped, its cookie removed |
//! | anything else (store down, Wix 5xx or 429, timeout) | an outage | 503 with `Retry-After` where known; nothing cleared |
//!
//! A member never becomes a visitor: an ended member session asks for a login.

use std::time::Duration;

use wix_auth_flows::{Error, ErrorKind, Role, Session, Tokens};

use crate::carrier::CookieSlot;
use crate::config::WixAuthWeb;

/// What a request's session holds.
pub(crate) enum Lookup {
    /// No session, or one without tokens.
    Empty,
    /// Usable tokens, a member's with the member's identity.
    Tokens(Session, Tokens),
    /// The session could not be refreshed and has been ended; it was a member's or not.
    Ended { was_member: bool },
    /// The store or Wix cannot answer now; nothing was changed.
    Unavailable(Outage),
}

/// An outage: when to retry, where known.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Outage {
    pub retry_after: Option<Duration>,
}

impl Outage {
    /// The outage an error stands for, logged once here.
    pub fn of(error: &Error) -> Self {
        tracing::warn!(kind = ?error.kind(), %error, "the member session cannot be read now");
        Self {
            retry_after: error.retry_after(),
        }
    }
}

impl WixAuthWeb {
    /// The request's session by the rule above.
    pub(crate) async fn lookup(&self, slot: &CookieSlot) -> Lookup {
        let Some(cookie) = slot.get() else {
            return Lookup::Empty;
        };
        let session = self.inner.sessions.get(cookie.store_key());
        let found = match session.tokens().await {
            Ok(tokens) => session.identify(tokens).await,
            Err(error) => Err(error),
        };
        match found {
            Ok(tokens) => Lookup::Tokens(session, tokens),
            Err(Error::NoTokens) => Lookup::Empty,
            Err(error) if error.kind() == ErrorKind::Reauthenticate => {
                let was_member = matches!(
                    session.stored().await,
                    Ok(Some(Tokens {
                        role: Role::Member,
                        ..
                    }))
                );
                self.end_session(slot, &session).await;
                Lookup::Ended { was_member }
            }
            Err(error) => Lookup::Unavailable(Outage::of(&error)),
        }
    }

    /// Visitor tokens for a request without usable tokens, in a new session when it has
    /// none.
    pub(crate) async fn start_visitor(&self, slot: &CookieSlot) -> Result<Tokens, Error> {
        let cookie = slot.get_or_start().map_err(|_| Error::Randomness)?;
        let session = self.inner.sessions.get(cookie.store_key());
        session.start_visitor().await
    }

    /// Ends a session whose tokens cannot be used again: its tokens dropped (best effort:
    /// they are dead either way), its cookie removed.
    pub(crate) async fn end_session(&self, slot: &CookieSlot, session: &Session) {
        let _ = session.clear().await;
        slot.set(None);
    }
}
