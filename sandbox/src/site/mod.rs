//! The Wix site the sandbox plays, as plain Rust: members, identities, sessions and tokens,
//! redirect sessions and the login page's decisions, the outbox, policies. Each rule is
//! written once here and answers typed values or a [`SiteError`]; nothing in this module
//! knows about HTTP (that is `crate::http`).

mod api_keys;
mod authorize;
pub mod control;
mod error;
mod members;
mod recovery;
mod redirects;
mod store;
mod tokens;
mod verification;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub use api_keys::KeyHeaders;
pub use authorize::{AuthRequest, AuthorizeQuery, Delivery, DeliveryMode, LoginProblem, Page};
pub use error::{GrantError, Refusal, SiteError};
pub use store::{AccessGrant, ClientRef, EmailKind, SentEmail, Store};
pub use tokens::TokenFields;

use crate::clock::{Clock, ManualClock, SystemClock};
use crate::config::{Config, OAuthClient};

/// The site: its configuration, its clock and its state.
pub struct Site {
    /// The configuration it runs with.
    pub config: Config,
    clock: Arc<dyn Clock>,
    manual_clock: Option<ManualClock>,
    store: Mutex<Store>,
    /// The sandbox's own URL, where redirect sessions point.
    pub base_url: String,
}

impl Site {
    /// A site with no members, on `manual_clock` or else the system clock.
    pub fn new(config: Config, manual_clock: Option<ManualClock>, base_url: String) -> Self {
        let clock: Arc<dyn Clock> = match &manual_clock {
            Some(clock) => Arc::new(clock.clone()),
            None => Arc::new(SystemClock),
        };
        Self {
            config,
            clock,
            manual_clock,
            store: Mutex::new(Store::default()),
            base_url,
        }
    }

    /// The site's time (Unix seconds).
    pub fn now(&self) -> u64 {
        self.clock.now()
    }

    /// The state; a rule that panicked while holding it cannot leave it unusable.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The configured client with this id.
    pub fn client_ref(&self, id: &str) -> Option<ClientRef> {
        self.config
            .clients
            .iter()
            .position(|c| c.id == id)
            .and_then(|i| u16::try_from(i).ok())
            .map(ClientRef)
    }

    /// The configured client a reference points at.
    pub fn client(&self, client: ClientRef) -> Option<&OAuthClient> {
        self.config.clients.get(usize::from(client.0))
    }

    /// The id of a client, for the wire.
    pub fn client_id(&self, client: ClientRef) -> &str {
        self.client(client).map_or("", |c| c.id.as_str())
    }
}
