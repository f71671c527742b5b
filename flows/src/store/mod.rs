//! Where sessions keep their tokens, and what a store shared by several processes adds.
//!
//! - [`TokenStore`] is storage: load, save and clear tokens by session key, each save with
//!   the session's expiry so the store can forget it. A store used by one process
//!   implements only this; [`crate::Sessions`] serialises refreshes within the process.
//! - [`RefreshLock`] is what a store shared by several processes (replicas of a web app)
//!   adds so that only one of them redeems a session's refresh token at a time; its
//!   [`RefreshGuard`] is opaque and released by its holder only.
//! - [`LoginClaims`] lets a shared store refuse a login callback replayed on another
//!   replica.
//! - [`ExpiredDeletion`] deletes expired sessions on demand; [`delete_expired_every`] runs it
//!   in the background.
//!
//! The stores: [`MemoryStore`] (expiring entries, optionally bounded), [`FileStore`] (one
//! file, written atomically, 0600), `RedisStore` (feature `redis`: plain or TLS, one server
//! or a cluster), `PostgresStore` and `SqliteStore` (features `postgres` and `sqlite`,
//! through `sqlx`).
//!
//! Every store passes one contract test suite (`flows/tests/flows/stores/contract.rs`).

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;

use crate::tokens::Tokens;

mod claims;
mod file;
mod memory;
#[cfg(feature = "redis")]
mod redis;
#[cfg(any(feature = "postgres", feature = "sqlite"))]
mod sql;

pub(crate) use claims::LocalClaims;
pub use file::FileStore;
pub use memory::MemoryStore;
#[cfg(feature = "redis")]
pub use redis::{RedisConfig, RedisStore};
#[cfg(feature = "postgres")]
pub use sql::PostgresStore;
#[cfg(feature = "sqlite")]
pub use sql::SqliteStore;
#[cfg(any(feature = "postgres", feature = "sqlite"))]
pub use sql::{SqlConfig, SqlStore};

/// Why a token store failed.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store's server could not be reached or failed: retry later. Nothing stored was
    /// lost or changed by the failure.
    #[error("the {store} store is unavailable: {reason}")]
    Unavailable {
        /// Which store (`redis`, `postgres`, `sqlite`, …).
        store: &'static str,
        /// What failed, without addresses, credentials or query arguments.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{action} {path}: {kind}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The I/O error kind.
        kind: std::io::ErrorKind,
    },
    /// Another process held the session's refresh lock past the wait bound.
    #[error("another process holds the refresh lock of this session")]
    LockTimeout,
    /// What is stored under a session key is not tokens (foreign or damaged data).
    #[error("the {store} store holds something other than tokens under `{key}` (at `{at}`)")]
    Corrupt {
        /// Which store.
        store: &'static str,
        /// The session key.
        key: String,
        /// Where decoding stopped.
        at: String,
    },
    /// A token file that is not a token store.
    #[error("{path} is not a token store (at `{at}`)")]
    CorruptFile {
        /// The file.
        path: PathBuf,
        /// Where decoding stopped.
        at: String,
    },
    /// The OS random source failed (a lock owner could not be drawn).
    #[error("the system random source failed")]
    Randomness,
    /// The store was given settings it cannot use.
    #[error("invalid store configuration: {0}")]
    InvalidConfiguration(&'static str),
}

impl StoreError {
    /// A store server that failed or could not be reached; `reason` must hold no address,
    /// credential or query argument.
    pub fn unavailable(store: &'static str, reason: impl Into<String>) -> Self {
        Self::Unavailable {
            store,
            reason: reason.into(),
        }
    }
}

/// Where a session's tokens live, by session key.
///
/// Object-safe: [`crate::Sessions`] holds it as `Arc<dyn TokenStore>`. A store used by one
/// process implements only these methods; a store several processes share also answers
/// [`TokenStore::refresh_lock`] and [`TokenStore::login_claims`], so that replicas refresh
/// a session once and refuse a replayed login callback.
///
/// A failure must be an error, never a missing session: `load` answers `Ok(None)` only
/// when the key holds nothing, so an outage never logs a member out.
#[async_trait]
pub trait TokenStore: fmt::Debug + Send + Sync {
    /// The tokens of `key`, unless there are none or the entry has expired.
    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError>;

    /// Replaces the tokens of `key`; the entry may be forgotten from `expires_at` on.
    async fn save(
        &self,
        key: &str,
        tokens: &Tokens,
        expires_at: SystemTime,
    ) -> Result<(), StoreError>;

    /// Forgets the tokens of `key`.
    async fn clear(&self, key: &str) -> Result<(), StoreError>;

    /// The cross-process refresh lock of a store shared between processes; `None` (the
    /// default) for a store one process uses.
    fn refresh_lock(&self) -> Option<&dyn RefreshLock> {
        None
    }

    /// The one-time claims of a store shared between processes; `None` (the default)
    /// leaves replay protection to the process ([`crate::WixAuth`] keeps its own).
    fn login_claims(&self) -> Option<&dyn LoginClaims> {
        None
    }
}

/// A store shared behind an `Arc` is the store.
#[async_trait]
impl<S: TokenStore + ?Sized> TokenStore for Arc<S> {
    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        (**self).load(key).await
    }

    async fn save(
        &self,
        key: &str,
        tokens: &Tokens,
        expires_at: SystemTime,
    ) -> Result<(), StoreError> {
        (**self).save(key, tokens, expires_at).await
    }

    async fn clear(&self, key: &str) -> Result<(), StoreError> {
        (**self).clear(key).await
    }

    fn refresh_lock(&self) -> Option<&dyn RefreshLock> {
        (**self).refresh_lock()
    }

    fn login_claims(&self) -> Option<&dyn LoginClaims> {
        (**self).login_claims()
    }
}

/// A session's refresh, locked across the processes that share a store, so one refresh
/// token is redeemed once.
#[async_trait]
pub trait RefreshLock: Send + Sync {
    /// Takes the lock of `key`, waiting a bounded time for another holder
    /// ([`StoreError::LockTimeout`] past it). A holder that dies without releasing must not
    /// block others past a lease the store chooses.
    async fn lock_refresh(&self, key: &str) -> Result<RefreshGuard, StoreError>;
}

/// A held refresh lock. Opaque: only the store that made it knows what it holds, and only
/// [`RefreshGuard::release`] gives it back. Dropped without release, it ends with its lease.
#[must_use = "release the lock when the refresh is done"]
pub struct RefreshGuard(Box<dyn HeldRefreshLock>);

impl RefreshGuard {
    /// Wraps a store's held lock.
    pub fn new(held: impl HeldRefreshLock + 'static) -> Self {
        Self(Box::new(held))
    }

    /// Releases the lock, if this holder still holds it.
    pub async fn release(self) -> Result<(), StoreError> {
        self.0.release().await
    }
}

impl fmt::Debug for RefreshGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshGuard(..)")
    }
}

/// What a store implementing [`RefreshLock`] keeps for a lock it handed out.
#[async_trait]
pub trait HeldRefreshLock: Send {
    /// Releases the lock, only if this holder still owns it.
    async fn release(self: Box<Self>) -> Result<(), StoreError>;
}

/// One-time claims across the processes that share a store: a completed login is claimed
/// once, so its callback replayed on any replica is refused before the token endpoint.
#[async_trait]
pub trait LoginClaims: Send + Sync {
    /// Claims `key` for `ttl`: `true` for the first claim, `false` while it holds.
    async fn claim_once(&self, key: &str, ttl: Duration) -> Result<bool, StoreError>;
}

/// Deleting expired sessions. Redis forgets them by itself (key expiry); the other stores
/// keep an expired entry (never returning it) until this runs.
#[async_trait]
pub trait ExpiredDeletion: TokenStore {
    /// Deletes every expired entry and answers how many sessions it deleted.
    async fn delete_expired(&self) -> Result<u64, StoreError>;
}

/// Runs [`ExpiredDeletion::delete_expired`] every `period`, forever; spawn it beside the
/// app: `tokio::spawn(delete_expired_every(store.clone(), Duration::from_secs(300)))`. A
/// failure (the store is down) is logged and the next period tries again.
pub async fn delete_expired_every<S: ExpiredDeletion + ?Sized>(store: Arc<S>, period: Duration) {
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    interval.tick().await;
    loop {
        interval.tick().await;
        match store.delete_expired().await {
            Ok(deleted) => tracing::debug!(deleted, "expired sessions deleted"),
            Err(error) => tracing::warn!(%error, "deleting expired sessions failed"),
        }
    }
}

/// Milliseconds since the Unix epoch (0 before it).
pub(crate) fn unix_millis(at: SystemTime) -> i64 {
    at.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Tokens as the server stores keep them: their JSON.
#[cfg(any(feature = "redis", feature = "postgres", feature = "sqlite"))]
pub(crate) fn encode_tokens(tokens: &Tokens) -> String {
    // Tokens are strings and integers: serializing them cannot fail.
    serde_json::to_string(tokens).unwrap_or_default()
}

/// Tokens read back from a server store; anything else is [`StoreError::Corrupt`] naming
/// the key.
#[cfg(any(feature = "redis", feature = "postgres", feature = "sqlite"))]
pub(crate) fn decode_tokens(
    store: &'static str,
    key: &str,
    json: &[u8],
) -> Result<Tokens, StoreError> {
    let mut de = serde_json::Deserializer::from_slice(json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| StoreError::Corrupt {
        store,
        key: key.to_string(),
        at: e.path().to_string(),
    })
}

/// A random lock owner: only the holder that drew it can release its lock.
#[cfg(any(feature = "redis", feature = "postgres", feature = "sqlite"))]
pub(crate) fn lock_owner() -> Result<String, StoreError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| StoreError::Randomness)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
