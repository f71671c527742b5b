//! Tokens in one JSON file with 0600 permissions, written atomically.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::{ExpiredDeletion, StoreError, TokenStore, unix_millis};
use crate::tokens::Tokens;

/// Tokens in one JSON file, keyed by session, for one machine (a command-line tool, a
/// small server). Every write goes to a temporary file in the same directory (created
/// 0600) that is synced and renamed over the old one, so a crash leaves the old file or
/// the new one, never half of one. Expired sessions are never returned and are dropped by
/// [`ExpiredDeletion::delete_expired`]; files written by earlier versions (sessions without
/// an expiry) are read as sessions that do not expire.
#[derive(Debug)]
pub struct FileStore {
    path: PathBuf,
    /// Shared by every `FileStore` of this path in the process, so two stores on one file
    /// never interleave a read and a write.
    lock: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// The file: its format version and every session.
#[derive(Serialize, Deserialize, Default)]
struct TokenFile {
    version: u32,
    sessions: HashMap<String, Entry>,
}

/// One session in the file.
#[derive(Serialize, Deserialize)]
struct Entry {
    tokens: Tokens,
    /// When the session may be forgotten (Unix milliseconds); none in older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_at_ms: Option<i64>,
}

impl Entry {
    fn live_at(&self, now: i64) -> bool {
        self.expires_at_ms.is_none_or(|at| at > now)
    }
}

const VERSION: u32 = 2;

impl FileStore {
    /// A store at `path` (created on the first save).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        Self {
            lock: path_lock(&path),
            path,
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

    fn corrupt(&self, at: String) -> StoreError {
        StoreError::CorruptFile {
            path: self.path.clone(),
            at,
        }
    }

    fn read_all(&self) -> Result<TokenFile, StoreError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(TokenFile::default()),
            Err(e) => return Err(self.io("reading", &e)),
        };
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|_| self.corrupt(String::new()))?;
        if value.get("version").is_some() {
            return serde_path_to_error::deserialize(value)
                .map_err(|e| self.corrupt(e.path().to_string()));
        }
        // A file of an earlier version: a map of session key to tokens, without expiry.
        let legacy: HashMap<String, Tokens> = serde_path_to_error::deserialize(value)
            .map_err(|e| self.corrupt(e.path().to_string()))?;
        let sessions = legacy
            .into_iter()
            .map(|(key, tokens)| {
                let entry = Entry {
                    tokens,
                    expires_at_ms: None,
                };
                (key, entry)
            })
            .collect();
        Ok(TokenFile {
            version: VERSION,
            sessions,
        })
    }

    fn write_all(&self, mut file: TokenFile) -> Result<(), StoreError> {
        file.version = VERSION;
        // Strings and integers only: serializing cannot fail.
        let json = serde_json::to_vec(&file).unwrap_or_default();
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
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
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

fn now_millis() -> i64 {
    unix_millis(SystemTime::now())
}

#[async_trait]
impl TokenStore for FileStore {
    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        let _guard = self.lock.lock().await;
        let now = now_millis();
        Ok(self
            .read_all()?
            .sessions
            .remove(key)
            .filter(|entry| entry.live_at(now))
            .map(|entry| entry.tokens))
    }

    async fn save(
        &self,
        key: &str,
        tokens: &Tokens,
        expires_at: SystemTime,
    ) -> Result<(), StoreError> {
        let _guard = self.lock.lock().await;
        let mut file = self.read_all()?;
        let entry = Entry {
            tokens: tokens.clone(),
            expires_at_ms: Some(unix_millis(expires_at)),
        };
        file.sessions.insert(key.to_string(), entry);
        self.write_all(file)
    }

    async fn clear(&self, key: &str) -> Result<(), StoreError> {
        let _guard = self.lock.lock().await;
        let mut file = self.read_all()?;
        if file.sessions.remove(key).is_some() {
            self.write_all(file)?;
        }
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for FileStore {
    async fn delete_expired(&self) -> Result<u64, StoreError> {
        let _guard = self.lock.lock().await;
        let mut file = self.read_all()?;
        let now = now_millis();
        let before = file.sessions.len();
        file.sessions.retain(|_, entry| entry.live_at(now));
        let deleted = (before - file.sessions.len()) as u64;
        if deleted > 0 {
            self.write_all(file)?;
        }
        Ok(deleted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::Role;
    use std::time::Duration;

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

    #[tokio::test]
    async fn a_file_of_the_earlier_format_is_read_and_rewritten_in_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokens.json");
        let old = r#"{"default":{"access_token":"A","refresh_token":"R","expires_at":1700000000,"role":"member"}}"#;
        std::fs::write(&path, old).unwrap();
        let store = FileStore::new(&path);
        let tokens = store.load("default").await.unwrap().unwrap();
        assert_eq!(
            (tokens.access_token.expose_secret(), tokens.role),
            ("A", Role::Member)
        );
        store
            .save(
                "other",
                &tokens,
                SystemTime::now() + Duration::from_secs(60),
            )
            .await
            .unwrap();
        let written: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(written["version"], 2);
        assert!(written["sessions"]["default"]["expires_at_ms"].is_null());
        assert!(written["sessions"]["other"]["expires_at_ms"].is_i64());
        assert_eq!(store.delete_expired().await.unwrap(), 0, "no expiry, kept");
    }
}
