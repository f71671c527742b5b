//! Where a session's tokens live: in memory, or in a file written atomically with 0600
//! permissions.

use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::tokens::Tokens;

/// Why a token store failed.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Reading or writing failed.
    #[error("{action} {path}: {kind}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The I/O error kind.
        kind: std::io::ErrorKind,
    },
    /// The refresh lock of another replica was not released within the wait bound.
    #[error("another replica holds the refresh lock of this session")]
    LockTimeout,
    /// The Redis server failed or could not be reached.
    #[error("redis: {kind}")]
    Redis {
        /// What failed, without the server's address or the command's arguments.
        kind: String,
    },
    /// The stored data is not tokens.
    #[error("{path} does not hold tokens (at `{at}`)")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Where decoding stopped.
        at: String,
    },
}

/// A held cross-process refresh lock; release it with [`TokenStore::release_refresh_lock`].
#[derive(Debug)]
pub struct RefreshLock {
    /// The lock's key.
    pub key: String,
    /// The random value only this holder knows, so only it can release the lock.
    pub owner: String,
}

/// A place to keep tokens by session key.
///
/// Stores shared between processes also lock a session's refresh across them; in-process
/// stores need not (the [`crate::Session`] serialises refreshes within a process).
pub trait TokenStore: Send + Sync {
    /// Takes the session's refresh lock, waiting a bounded time for another holder;
    /// `None` when the store needs no cross-process lock.
    fn acquire_refresh_lock(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<RefreshLock>, StoreError>> + Send {
        let _ = key;
        async { Ok(None) }
    }

    /// Releases a lock taken with [`TokenStore::acquire_refresh_lock`].
    fn release_refresh_lock(
        &self,
        lock: RefreshLock,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        let _ = lock;
        async { Ok(()) }
    }

    /// Claims `key` once for `ttl`: `true` for the first claim, `false` while it holds. Used
    /// to refuse a replayed login callback; a store shared between processes claims across
    /// them, so a callback replayed on another replica is refused too.
    fn claim_once(
        &self,
        key: &str,
        ttl: std::time::Duration,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The tokens of `key`, if any.
    fn load(&self, key: &str) -> impl Future<Output = Result<Option<Tokens>, StoreError>> + Send;
    /// Replaces the tokens of `key`.
    fn save(
        &self,
        key: &str,
        tokens: &Tokens,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Forgets the tokens of `key`.
    fn clear(&self, key: &str) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// A store shared behind an `Arc` is the store.
impl<S: TokenStore> TokenStore for std::sync::Arc<S> {
    fn acquire_refresh_lock(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<RefreshLock>, StoreError>> + Send {
        S::acquire_refresh_lock(self, key)
    }

    fn release_refresh_lock(
        &self,
        lock: RefreshLock,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        S::release_refresh_lock(self, lock)
    }

    fn claim_once(
        &self,
        key: &str,
        ttl: std::time::Duration,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        S::claim_once(self, key, ttl)
    }

    fn load(&self, key: &str) -> impl Future<Output = Result<Option<Tokens>, StoreError>> + Send {
        S::load(self, key)
    }

    fn save(
        &self,
        key: &str,
        tokens: &Tokens,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        S::save(self, key, tokens)
    }

    fn clear(&self, key: &str) -> impl Future<Output = Result<(), StoreError>> + Send {
        S::clear(self, key)
    }
}

/// Tokens in process memory.
#[derive(Debug, Default)]
pub struct MemoryStore(Mutex<HashMap<String, Tokens>>, Claims);

/// Keys claimed once in this process, with when each claim ends.
#[derive(Debug, Default)]
struct Claims(Mutex<HashMap<String, std::time::Instant>>);

impl Claims {
    fn claim(&self, key: &str, ttl: std::time::Duration) -> bool {
        let now = std::time::Instant::now();
        let mut claims = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        claims.retain(|_, until| *until > now);
        if claims.contains_key(key) {
            return false;
        }
        claims.insert(key.to_string(), now + ttl);
        true
    }
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Tokens>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl TokenStore for MemoryStore {
    async fn claim_once(&self, key: &str, ttl: std::time::Duration) -> Result<bool, StoreError> {
        Ok(self.1.claim(key, ttl))
    }

    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        Ok(self.map().get(key).cloned())
    }

    async fn save(&self, key: &str, tokens: &Tokens) -> Result<(), StoreError> {
        self.map().insert(key.to_string(), tokens.clone());
        Ok(())
    }

    async fn clear(&self, key: &str) -> Result<(), StoreError> {
        self.map().remove(key);
        Ok(())
    }
}

/// Tokens in one JSON file, keyed by session. Every write goes to a temporary file in the
/// same directory (created 0600) that is synced and renamed over the old one, so a crash
/// leaves the old file or the new one, never half of one.
#[derive(Debug)]
pub struct FileStore {
    path: PathBuf,
    /// Shared by every `FileStore` of this path in the process, so two stores on one file
    /// never interleave a read and a write.
    lock: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Claims live in this process only: a file is one machine's store.
    claims: Claims,
}

impl FileStore {
    /// A store at `path` (created on the first save).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        Self {
            lock: path_lock(&path),
            path,
            claims: Claims::default(),
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self, action: &'static str, e: &std::io::Error) -> StoreError {
        StoreError::Io {
            action,
            path: self.path.clone(),
            kind: e.kind(),
        }
    }

    fn read_all(&self) -> Result<HashMap<String, Tokens>, StoreError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
            Err(e) => return Err(self.io("reading", &e)),
        };
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(&mut de).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            at: e.path().to_string(),
        })
    }

    fn write_all(&self, all: &HashMap<String, Tokens>) -> Result<(), StoreError> {
        let json = serde_json::to_vec(all).map_err(|_| StoreError::Corrupt {
            path: self.path.clone(),
            at: String::new(),
        })?;
        write_private(&self.path, &json)
    }
}

/// Each token file's lock, while a store of that file lives.
type PathLocks = HashMap<PathBuf, std::sync::Weak<tokio::sync::Mutex<()>>>;

fn path_locks() -> std::sync::MutexGuard<'static, PathLocks> {
    static LOCKS: std::sync::OnceLock<Mutex<PathLocks>> = std::sync::OnceLock::new();
    LOCKS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The process-wide lock of a token file's path.
fn path_lock(path: &Path) -> std::sync::Arc<tokio::sync::Mutex<()>> {
    let mut locks = path_locks();
    let key = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if let Some(lock) = locks.get(&key).and_then(std::sync::Weak::upgrade) {
        return lock;
    }
    locks.retain(|_, lock| lock.strong_count() > 0);
    let lock = std::sync::Arc::new(tokio::sync::Mutex::new(()));
    locks.insert(key, std::sync::Arc::downgrade(&lock));
    lock
}

/// Writes `bytes` to `path` atomically, readable by the owner only: a temporary file
/// created 0600 in the same directory, synced, then renamed over `path`.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let io = |action: &'static str, e: &std::io::Error| StoreError::Io {
        action,
        path: path.to_path_buf(),
        kind: e.kind(),
    };
    // A bare file name's parent is "", which both calls below read as the working directory.
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io("creating the directory of", &e))?;
    let mut file =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| io("creating a file beside", &e))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| io("writing", &e))?;
    file.persist(path).map_err(|e| io("replacing", &e.error))?;
    Ok(())
}

impl TokenStore for FileStore {
    async fn claim_once(&self, key: &str, ttl: std::time::Duration) -> Result<bool, StoreError> {
        Ok(self.claims.claim(key, ttl))
    }

    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        let _guard = self.lock.lock().await;
        Ok(self.read_all()?.remove(key))
    }

    async fn save(&self, key: &str, tokens: &Tokens) -> Result<(), StoreError> {
        let _guard = self.lock.lock().await;
        let mut all = self.read_all()?;
        all.insert(key.to_string(), tokens.clone());
        self.write_all(&all)
    }

    async fn clear(&self, key: &str) -> Result<(), StoreError> {
        let _guard = self.lock.lock().await;
        let mut all = self.read_all()?;
        if all.remove(key).is_some() {
            self.write_all(&all)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_of_one_file_share_its_lock_while_any_lives() {
        let dir = tempfile::tempdir().unwrap();
        let (one, other) = (dir.path().join("one.json"), dir.path().join("other.json"));
        let first = path_lock(&one);
        // Taking another file's lock sweeps the map; a live lock must survive the sweep.
        let _other = path_lock(&other);
        assert!(std::sync::Arc::ptr_eq(&first, &path_lock(&one)));
        drop(first);
        drop(path_lock(&dir.path().join("third.json")));
        assert!(
            !path_locks().contains_key(&std::path::absolute(&one).unwrap()),
            "a lock without a store is swept"
        );
    }
}
