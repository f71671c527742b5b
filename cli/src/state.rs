//! What the CLI keeps for a profile between commands — its tokens and the continuation of a
//! login (the last session token, a state token, a pending login with its PKCE verifier and
//! state) — as one record in the OS credential store (the kernel's persistent keyring on
//! Linux, Keychain on macOS, Credential Manager on Windows), or, where there is none or `--insecure-storage`
//! asks, in a 0600 file written atomically. Files of earlier versions are moved in on first
//! use and removed.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use wix_auth_flows::store::{FileStore, StoreError, TokenStore};
use wix_auth_flows::{PendingLogin, Tokens, secrets::SessionToken, secrets::StateToken};

use crate::failure::Failure;
use crate::output::error_line;

/// The session key of the CLI's tokens (one session per profile).
pub const SESSION: &str = "default";

/// The service name of the CLI's entries in the OS credential store.
const SERVICE: &str = "wix-auth";

/// The continuation of a login between commands.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Continuation {
    /// The session token of the last SUCCESS, for `tokens`.
    #[serde(default)]
    pub session_token: Option<SessionToken>,
    /// The state token of a pending verification, for `verify`.
    #[serde(default)]
    pub state_token: Option<StateToken>,
    /// The identity of a pending verification, for `resend-code`.
    #[serde(default)]
    pub identity_id: Option<String>,
    /// The pending Wix-managed login, for `callback`.
    #[serde(default)]
    pub pending_login: Option<PendingLogin>,
}

/// Everything kept for one profile.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Record {
    #[serde(default)]
    tokens: Option<Tokens>,
    #[serde(default)]
    continuation: Continuation,
}

impl Record {
    fn is_empty(&self) -> bool {
        let Continuation {
            session_token,
            state_token,
            identity_id,
            pending_login,
        } = &self.continuation;
        self.tokens.is_none()
            && session_token.is_none()
            && state_token.is_none()
            && identity_id.is_none()
            && pending_login.is_none()
    }
}

/// Where a profile's record lives.
enum Backend {
    /// One entry of the OS credential store.
    Keyring(keyring::Entry),
    /// A file readable by its owner only.
    File(PathBuf),
}

/// A profile's record, read and written whole; the tokens part is the session's
/// [`TokenStore`].
pub struct Credentials {
    backend: Backend,
    /// Serialises this process's read-modify-write cycles.
    lock: Mutex<()>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("where", &self.location())
            .finish()
    }
}

/// How the CLI chooses where secrets go.
pub struct Placement<'a> {
    /// The profile.
    pub profile: &'a str,
    /// `--token-file`: this file, whatever else.
    pub file: Option<&'a Path>,
    /// `--insecure-storage`: the profile's file instead of the credential store.
    pub insecure: bool,
    /// The CLI's directory in the user's config directory.
    pub config_dir: &'a Path,
}

/// The profile's entry when the credential store answers (with or without a record); none
/// where there is no credential store (a container, CI) or it refuses access.
fn answering_entry(profile: &str) -> Option<keyring::Entry> {
    #[cfg(target_os = "linux")]
    let entry = crate::kernel_keyring::KernelKeyring::entry(SERVICE, profile);
    #[cfg(not(target_os = "linux"))]
    let entry = keyring::Entry::new(SERVICE, profile).ok()?;
    match entry.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Some(entry),
        Err(_) => None,
    }
}

/// Where secrets go: `--token-file`, else the file `--insecure-storage` asks for, else the
/// credential store when it answers, else the file (and a note says so).
#[derive(Debug, PartialEq, Eq)]
pub enum Choice<E> {
    /// The OS credential store, through this entry.
    Keyring(E),
    /// A file, chosen by a flag.
    File(PathBuf),
    /// A file, because no credential store answers.
    Fallback(PathBuf),
}

/// The choice for `placement`; `entry` probes the credential store, only when it is needed.
pub fn choose<E>(placement: &Placement<'_>, entry: impl FnOnce() -> Option<E>) -> Choice<E> {
    let profile_file = || {
        placement
            .config_dir
            .join("credentials")
            .join(format!("{}.json", placement.profile))
    };
    if let Some(file) = placement.file {
        return Choice::File(file.to_path_buf());
    }
    if placement.insecure {
        return Choice::File(profile_file());
    }
    match entry() {
        Some(entry) => Choice::Keyring(entry),
        None => Choice::Fallback(profile_file()),
    }
}

impl Credentials {
    /// Opens the profile's record where [`choose`] puts it, moving in the files of earlier
    /// versions.
    pub async fn open(placement: &Placement<'_>) -> Result<Self, Failure> {
        let backend = match choose(placement, || answering_entry(placement.profile)) {
            Choice::Keyring(entry) => Backend::Keyring(entry),
            Choice::File(path) => Backend::File(path),
            Choice::Fallback(path) => {
                if !path.exists() {
                    error_line(&format!(
                        "note: no OS credential store answers here; keeping tokens in {} (readable by you only). --insecure-storage chooses the file without this note.",
                        path.display()
                    ));
                }
                Backend::File(path)
            }
        };
        let credentials = Self {
            backend,
            lock: Mutex::new(()),
        };
        if placement.profile == "default" && placement.file.is_none() {
            credentials
                .move_in_legacy(&placement.config_dir.join("tokens.json"))
                .await?;
        }
        Ok(credentials)
    }

    /// Where the record lives, for messages.
    pub fn location(&self) -> String {
        match &self.backend {
            Backend::Keyring(_) => "the OS credential store".into(),
            Backend::File(path) => path.display().to_string(),
        }
    }

    /// Moves an earlier version's token file (and its continuation beside it) into this
    /// record, then removes them; nothing happens without one.
    async fn move_in_legacy(&self, tokens: &Path) -> Result<(), Failure> {
        let continuation = tokens.with_extension("continuation.json");
        if !tokens.exists() && !continuation.exists() {
            return Ok(());
        }
        if matches!(&self.backend, Backend::File(path) if path == tokens) {
            return Ok(());
        }
        let legacy_tokens = FileStore::new(tokens)
            .load(SESSION)
            .await
            .map_err(store_failure)?;
        let legacy_continuation = match std::fs::read(&continuation) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|_| {
                Failure::local(format!(
                    "{} is not a continuation file",
                    continuation.display()
                ))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Continuation::default(),
            Err(e) => {
                return Err(Failure::local(format!(
                    "reading {}: {e}",
                    continuation.display()
                )));
            }
        };
        self.write(&Record {
            tokens: legacy_tokens,
            continuation: legacy_continuation,
        })
        .map_err(store_failure)?;
        for file in [tokens, continuation.as_path()] {
            let _ = std::fs::remove_file(file);
        }
        error_line(&format!(
            "note: moved the tokens of {} to {}",
            tokens.display(),
            self.location()
        ));
        Ok(())
    }

    fn read(&self) -> Result<Record, StoreError> {
        let text = match &self.backend {
            Backend::Keyring(entry) => match entry.get_password() {
                Ok(text) => text,
                Err(keyring::Error::NoEntry) => return Ok(Record::default()),
                Err(e) => return Err(keyring_error(&e)),
            },
            Backend::File(path) => match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Ok(Record::default());
                }
                Err(e) => {
                    return Err(StoreError::Io {
                        action: "reading",
                        path: path.clone(),
                        kind: e.kind(),
                    });
                }
            },
        };
        let mut de = serde_json::Deserializer::from_str(&text);
        serde_path_to_error::deserialize(&mut de).map_err(|e| StoreError::Corrupt {
            store: "wix-auth",
            key: SESSION.into(),
            at: e.path().to_string(),
        })
    }

    /// Writes the record; an empty one (after a logout) removes the entry or file, so nothing
    /// is left behind.
    fn write(&self, record: &Record) -> Result<(), StoreError> {
        if record.is_empty() {
            return self.remove();
        }
        // Strings and integers only: serializing cannot fail.
        let text = serde_json::to_string(record).unwrap_or_default();
        match &self.backend {
            Backend::Keyring(entry) => entry.set_password(&text).map_err(|e| keyring_error(&e)),
            Backend::File(path) => write_private(path, text.as_bytes()),
        }
    }

    fn remove(&self) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Keyring(entry) => match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(keyring_error(&e)),
            },
            Backend::File(path) => match std::fs::remove_file(path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(StoreError::Io {
                    action: "removing",
                    path: path.clone(),
                    kind: e.kind(),
                }),
            },
        }
    }

    /// Changes the record under this process's lock.
    fn update(&self, change: impl FnOnce(&mut Record)) -> Result<(), StoreError> {
        let _guard = self
            .lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut record = self.read()?;
        change(&mut record);
        self.write(&record)
    }

    /// The saved continuation (empty when there is none).
    pub fn continuation(&self) -> Result<Continuation, Failure> {
        self.read().map(|r| r.continuation).map_err(store_failure)
    }

    /// Saves the continuation.
    pub fn save_continuation(&self, continuation: &Continuation) -> Result<(), Failure> {
        self.update(|r| r.continuation = continuation.clone())
            .map_err(store_failure)
    }
}

/// A store failure as the CLI reports every flows error.
/// Writes the credential file atomically and readable by its owner only: `tempfile` creates
/// the new file 0600 beside the old one, and the rename replaces it whole.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let io = |action: &'static str, e: &std::io::Error| StoreError::Io {
        action,
        path: path.to_path_buf(),
        kind: e.kind(),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io("creating the directory of", &e))?;
    let mut file =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| io("creating a file beside", &e))?;
    std::io::Write::write_all(&mut file, bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| io("writing", &e))?;
    file.persist(path).map_err(|e| io("replacing", &e.error))?;
    Ok(())
}

fn store_failure(error: StoreError) -> Failure {
    Failure::from(wix_auth_flows::Error::from(error))
}

/// A credential-store failure by its kind only (its text can name the platform's entry).
fn keyring_error(error: &keyring::Error) -> StoreError {
    let reason = match error {
        keyring::Error::NoStorageAccess(_) => "the credential store refused access",
        keyring::Error::PlatformFailure(_) => "the credential store failed",
        keyring::Error::TooLong(..) => "the record is too long for the credential store",
        _ => "the credential store answered an error",
    };
    StoreError::unavailable("keyring", reason)
}

/// The tokens part of a profile's record, as the flows' store of the CLI's one session.
#[async_trait]
impl TokenStore for Credentials {
    async fn load(&self, _key: &str) -> Result<Option<Tokens>, StoreError> {
        Ok(self.read()?.tokens)
    }

    async fn save(
        &self,
        _key: &str,
        tokens: &Tokens,
        _expires_at: SystemTime,
    ) -> Result<(), StoreError> {
        self.update(|r| r.tokens = Some(tokens.clone()))
    }

    async fn clear(&self, _key: &str) -> Result<(), StoreError> {
        self.update(|r| r.tokens = None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placement<'a>(dir: &'a Path, file: Option<&'a Path>, insecure: bool) -> Placement<'a> {
        Placement {
            profile: "shop",
            file,
            insecure,
            config_dir: dir,
        }
    }

    #[test]
    fn secrets_go_to_the_credential_store_unless_a_flag_or_its_absence_says_otherwise() {
        let dir = Path::new("/cfg");
        let profile_file = dir.join("credentials/shop.json");
        let available = || Some("entry");
        let unavailable = || None::<&str>;
        assert_eq!(
            choose(&placement(dir, None, false), available),
            Choice::Keyring("entry")
        );
        assert_eq!(
            choose(&placement(dir, None, false), unavailable),
            Choice::Fallback(profile_file.clone()),
            "no credential store: the file, with a note"
        );
        assert_eq!(
            choose(&placement(dir, None, true), available),
            Choice::File(profile_file),
            "--insecure-storage: the file, even with a credential store"
        );
        let explicit = Path::new("/elsewhere/t.json");
        assert_eq!(
            choose(&placement(dir, Some(explicit), false), available),
            Choice::File(explicit.to_path_buf())
        );
    }
}
