//! A session's tokens over time: kept in a [`TokenStore`], refreshed ahead of expiry, one
//! refresh at a time however many tasks ask, and never downgraded from member to visitor.
//! [`Sessions`] serves many sessions over one shared store, with a cheap handle per request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, SystemTime};

use url::Url;

use crate::secrets::AccessToken;
use crate::store::TokenStore;
use crate::tokens::Tokens;
use crate::{Error, PendingLogin, WixAuth};

/// How long before expiry a session refreshes by default.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// How long a session lasts after its last save by default (30 days): the store forgets it
/// afterwards. Wix does not document how long its refresh tokens live.
pub const DEFAULT_SESSION_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);

/// One key's refresh: a lock taken by the task that refreshes, the number of refreshes
/// finished, and the last one's result, which every task that waited on it shares.
#[derive(Default)]
struct KeyFlight {
    finished: AtomicU64,
    last: tokio::sync::Mutex<Option<Result<Tokens, Error>>>,
}

/// What the sessions of one store share: the flows, the store, and a lock per key that
/// lives while a handle of that key does.
struct Shared {
    auth: WixAuth,
    store: Arc<dyn TokenStore>,
    flights: Mutex<HashMap<String, Weak<KeyFlight>>>,
}

impl Shared {
    fn new(auth: WixAuth, store: Arc<dyn TokenStore>) -> Self {
        Self {
            auth,
            store,
            flights: Mutex::new(HashMap::new()),
        }
    }

    /// The refresh of `key`, shared by every live handle of it. Keys without a live handle
    /// are forgotten when the map has doubled since the last sweep, so it stays bounded by
    /// the keys in use.
    fn flight(&self, key: &str) -> Arc<KeyFlight> {
        let mut flights = self.flights.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(flight) = flights.get(key).and_then(Weak::upgrade) {
            return flight;
        }
        if flights.len() >= 64 && flights.len().is_power_of_two() {
            flights.retain(|_, f| f.strong_count() > 0);
        }
        let flight = Arc::new(KeyFlight::default());
        flights.insert(key.to_string(), Arc::downgrade(&flight));
        flight
    }
}

/// Many sessions over one shared store, for a server with a handle per request:
/// [`Sessions::get`] is cheap, and a key refreshes once at a time across all its handles in
/// the process (and across processes through the store's [`crate::store::RefreshLock`],
/// e.g. Redis or PostgreSQL). Every save gives the store the session's expiry
/// ([`Sessions::with_session_lifetime`]). Cheap to clone.
///
/// ```
/// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
/// # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
/// #     .base_url(sandbox.base_url()).build()?;
/// use wix_auth_flows::{store::MemoryStore, Sessions};
///
/// let sessions = Sessions::new(auth, MemoryStore::new());
/// // In each request handler:
/// let session = sessions.get("cookie-session-id");
/// session.start_visitor().await?;
/// let token = session.access_token().await?;
/// # let _ = token;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Sessions {
    shared: Arc<Shared>,
    policy: Policy,
}

/// How the sessions of a [`Sessions`] refresh and expire.
#[derive(Debug, Clone, Copy)]
struct Policy {
    /// Refresh this many seconds before the access token expires.
    margin: u64,
    /// How long a session lasts after its last save.
    lifetime: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            margin: DEFAULT_REFRESH_MARGIN.as_secs(),
            lifetime: DEFAULT_SESSION_LIFETIME,
        }
    }
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions")
            .field("store", &self.shared.store)
            .field("refresh_margin_s", &self.policy.margin)
            .field("session_lifetime", &self.policy.lifetime)
            .finish_non_exhaustive()
    }
}

impl Sessions {
    /// Sessions of `auth` kept in `store`.
    pub fn new(auth: WixAuth, store: impl TokenStore + 'static) -> Self {
        Self::with_store(auth, Arc::new(store))
    }

    /// Sessions of `auth` kept in a store already shared as a trait object.
    pub fn with_store(auth: WixAuth, store: Arc<dyn TokenStore>) -> Self {
        Self {
            shared: Arc::new(Shared::new(auth, store)),
            policy: Policy::default(),
        }
    }

    /// Refresh this long before the access token expires (default 60 s).
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.policy.margin = margin.as_secs();
        self
    }

    /// How long a session lasts after its last save (default 30 days): the expiry every
    /// save hands the store, so it can forget sessions nobody comes back to.
    pub fn with_session_lifetime(mut self, lifetime: Duration) -> Self {
        self.policy.lifetime = lifetime;
        self
    }

    /// The session stored under `key`.
    pub fn get(&self, key: impl Into<String>) -> Session {
        let key = key.into();
        Session {
            flight: self.shared.flight(&key),
            shared: self.shared.clone(),
            key,
            policy: self.policy,
        }
    }

    /// The flows the sessions refresh and log in with.
    pub fn auth(&self) -> &WixAuth {
        &self.shared.auth
    }

    /// The store.
    pub fn store(&self) -> &dyn TokenStore {
        self.shared.store.as_ref()
    }
}

/// The tokens of one visitor or member, under one key of a store.
///
/// ```
/// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
/// # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
/// #     .base_url(sandbox.base_url()).build()?;
/// use wix_auth_flows::{store::MemoryStore, Session};
///
/// let session = Session::new(auth.clone(), MemoryStore::new(), "browser-session-42");
/// session.start_visitor().await?;
/// let token = session.access_token().await?; // refreshed first when close to expiry
/// # let _ = token;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Session {
    shared: Arc<Shared>,
    flight: Arc<KeyFlight>,
    key: String,
    policy: Policy,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Not the key: in a web app it is the session id.
        f.debug_struct("Session")
            .field("store", &self.shared.store)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A session stored under `key`, on a store of its own; for many sessions over one
    /// store, see [`Sessions`].
    pub fn new(auth: WixAuth, store: impl TokenStore + 'static, key: impl Into<String>) -> Self {
        Sessions::new(auth, store).get(key)
    }

    /// Refresh this long before the access token expires (default 60 s).
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.policy.margin = margin.as_secs();
        self
    }

    /// The store.
    pub fn store(&self) -> &dyn TokenStore {
        self.shared.store.as_ref()
    }

    /// Stores tokens, e.g. member tokens after a login, for the session's lifetime.
    pub async fn set(&self, tokens: &Tokens) -> Result<(), Error> {
        let expires_at = SystemTime::now() + self.policy.lifetime;
        Ok(self
            .shared
            .store
            .save(&self.key, tokens, expires_at)
            .await?)
    }

    /// The stored tokens as they are, without refreshing.
    pub async fn stored(&self) -> Result<Option<Tokens>, Error> {
        Ok(self.shared.store.load(&self.key).await?)
    }

    /// Starts a visitor session when there are no tokens yet, and returns the tokens.
    pub async fn start_visitor(&self) -> Result<Tokens, Error> {
        let _guard = self.flight.last.lock().await;
        if let Some(tokens) = self.shared.store.load(&self.key).await? {
            return Ok(tokens);
        }
        let tokens = self.shared.auth.visitor_tokens().await?;
        self.set(&tokens).await?;
        Ok(tokens)
    }

    /// Usable tokens: the stored ones, or refreshed ones when they expire within the
    /// margin. Concurrent callers of a key share one refresh and its result — a failure
    /// included, which leaves the stored tokens as they were; nothing falls back to a
    /// visitor.
    pub async fn tokens(&self) -> Result<Tokens, Error> {
        // Counted before the read: a refresh that finishes after this task read stale
        // tokens is joined, not repeated.
        let seen = self.flight.finished.load(Ordering::Acquire);
        let current = self.stored().await?.ok_or(Error::NoTokens)?;
        if current.is_fresh(self.shared.auth.now(), self.policy.margin) {
            return Ok(current);
        }
        let span = crate::telemetry::flow_span!("wix_auth.session.refresh");
        crate::telemetry::run_flow(span.clone(), async {
            let mut last = self.flight.last.lock().await;
            if self.flight.finished.load(Ordering::Acquire) != seen
                && let Some(result) = last.as_ref()
            {
                // A refresh finished while this task waited: its result is this task's too.
                span.record("wix.joined", true);
                return result.clone();
            }
            span.record("wix.joined", false);
            let result = self.refresh_across_processes(None).await;
            *last = Some(result.clone());
            self.flight.finished.fetch_add(1, Ordering::Release);
            result
        })
        .await
    }

    /// Refreshes because an API refused `rejected` (a 401) although it looked fresh: once
    /// for all callers of the key, as [`Session::tokens`] does, and not at all when the
    /// stored token is already another one (a refresh happened meanwhile, here or in another
    /// process). A failure is returned as is — nothing falls back to a visitor.
    pub async fn refresh_rejected(&self, rejected: &AccessToken) -> Result<Tokens, Error> {
        let seen = self.flight.finished.load(Ordering::Acquire);
        let mut last = self.flight.last.lock().await;
        if self.flight.finished.load(Ordering::Acquire) != seen
            && let Some(result) = last.as_ref()
        {
            return result.clone();
        }
        let result = self.refresh_across_processes(Some(rejected)).await;
        *last = Some(result.clone());
        self.flight.finished.fetch_add(1, Ordering::Release);
        result
    }

    /// Refreshes under the store's cross-process lock, when it has one, unless another
    /// process did already. A lock that cannot be released ends with its lease: the
    /// refresh's result stands either way.
    async fn refresh_across_processes(
        &self,
        rejected: Option<&AccessToken>,
    ) -> Result<Tokens, Error> {
        let guard = match self.shared.store.refresh_lock() {
            Some(lock) => Some(lock.lock_refresh(&self.key).await?),
            None => None,
        };
        let result = self.refresh_if_stale(rejected).await;
        if let Some(guard) = guard
            && let Err(error) = guard.release().await
        {
            tracing::warn!(%error, "a refresh lock was not released; it ends with its lease");
        }
        result
    }

    /// Refreshes the stored tokens when they are close to expiry or, with `rejected`, when
    /// they still hold the rejected access token.
    async fn refresh_if_stale(&self, rejected: Option<&AccessToken>) -> Result<Tokens, Error> {
        let current = self.stored().await?.ok_or(Error::NoTokens)?;
        let stale = match rejected {
            Some(rejected) => current.access_token.expose_secret() == rejected.expose_secret(),
            None => !current.is_fresh(self.shared.auth.now(), self.policy.margin),
        };
        if !stale {
            return Ok(current);
        }
        let next = self.shared.auth.refresh(&current).await?;
        self.set(&next).await?;
        Ok(next)
    }

    /// Completes a Wix-managed, social or full-page session login into this session (see
    /// [`WixAuth::complete_login`]) and stores the member tokens with the member's identity
    /// (Token Info's subject; when Token Info cannot answer now, the tokens are stored
    /// without it and [`Session::identify`] records it later). The completed login is
    /// claimed in the store when it has [`crate::store::LoginClaims`], so with a store shared
    /// between replicas (Redis, PostgreSQL) a callback replayed on another replica is refused
    /// before any token request; otherwise it is claimed in this process.
    pub async fn complete_login(
        &self,
        callback_url: &str,
        pending: PendingLogin,
    ) -> Result<Tokens, Error> {
        let auth = &self.shared.auth;
        let claims = self
            .shared
            .store
            .login_claims()
            .unwrap_or(&auth.inner.completed_logins);
        let mut tokens = auth
            .complete_claiming(callback_url, pending, claims)
            .await?;
        tokens.member = auth.member_identity(&tokens.access_token).await.ok();
        self.set(&tokens).await?;
        Ok(tokens)
    }

    /// Member tokens with the member's identity: `tokens` as they are when they carry it (or
    /// are not a member's), else with the identity Token Info gives, stored so it is asked
    /// once per session.
    pub async fn identify(&self, mut tokens: Tokens) -> Result<Tokens, Error> {
        if tokens.member.is_some() || tokens.role != crate::Role::Member {
            return Ok(tokens);
        }
        tokens.member = Some(
            self.shared
                .auth
                .member_identity(&tokens.access_token)
                .await?,
        );
        self.set(&tokens).await?;
        Ok(tokens)
    }

    /// A usable access token (see [`Session::tokens`]).
    pub async fn access_token(&self) -> Result<AccessToken, Error> {
        Ok(self.tokens().await?.access_token)
    }

    /// Forgets the tokens.
    pub async fn clear(&self) -> Result<(), Error> {
        Ok(self.shared.store.clear(&self.key).await?)
    }

    /// Logs out: the Wix logout URL to send the browser to, and the local tokens dropped —
    /// even when getting the URL fails (that error is then returned).
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).build()?;
    /// let session = wix_auth_flows::Session::new(auth, wix_auth_flows::store::MemoryStore::new(), "s");
    /// session.start_visitor().await?;
    /// let logout_url = session.logout("http://127.0.0.1:3000/").await?;
    /// assert!(session.stored().await?.is_none());
    /// # let _ = logout_url;
    /// # Ok(()) }
    /// ```
    pub async fn logout(&self, post_flow_url: &str) -> Result<Url, Error> {
        let url = match self.shared.store.load(&self.key).await {
            Ok(Some(tokens)) => {
                self.shared
                    .auth
                    .logout_url(&tokens.access_token, post_flow_url)
                    .await
            }
            Ok(None) => Err(Error::NoTokens),
            Err(e) => Err(e.into()),
        };
        self.shared.store.clear(&self.key).await?;
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    #[test]
    fn the_keyed_locks_forget_keys_without_a_handle() {
        let auth = WixAuth::builder("c").build().unwrap();
        let sessions = Sessions::new(auth, MemoryStore::new());
        let kept = sessions.get("kept");
        for key in 0..10_000 {
            drop(sessions.get(format!("request-{key}")));
        }
        let flights = sessions.shared.flights.lock().unwrap().len();
        assert!(flights <= 128, "{flights} keyed locks for 1 live handle");
        assert!(Arc::ptr_eq(&kept.flight, &sessions.get("kept").flight));
    }

    #[test]
    fn the_keyed_locks_are_swept_only_when_the_map_has_doubled() {
        // Sweeping is O(keys); doing it on every new key would make a busy server quadratic.
        let auth = WixAuth::builder("c").build().unwrap();
        let sessions = Sessions::new(auth, MemoryStore::new());
        let flights = || sessions.shared.flights.lock().unwrap().len();
        for key in 0..64 {
            drop(sessions.get(format!("request-{key}")));
        }
        assert_eq!(flights(), 64, "no sweep below 64 keys");
        drop(sessions.get("request-64"));
        assert_eq!(flights(), 1, "the 65th key swept the 64 without a handle");
    }
}
