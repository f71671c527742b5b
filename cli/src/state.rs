//! What the CLI keeps between commands: tokens in a `FileStore`, and beside them the last
//! session token, state token and pending login, all written atomically with 0600.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use wix_auth_flows::{FileStore, PendingLogin, SessionToken, StateToken};

use crate::failure::Failure;

/// The session key of the CLI's tokens.
pub const SESSION: &str = "default";

/// The continuation of a login between commands.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Continuation {
    /// The session token of the last SUCCESS, for `tokens`.
    pub session_token: Option<SessionToken>,
    /// The state token of a pending verification, for `verify`.
    pub state_token: Option<StateToken>,
    /// The identity of a pending verification, for `resend-code`.
    #[serde(default)]
    pub identity_id: Option<String>,
    /// The pending Wix-managed login, for `callback`.
    pub pending_login: Option<PendingLogin>,
}

/// The token file and its continuation file.
pub struct Files {
    tokens: PathBuf,
    continuation: PathBuf,
}

impl Files {
    /// The files for `--token-file`, or under the user's config dir.
    pub fn new(token_file: Option<&Path>) -> Result<Self, Failure> {
        let tokens = match token_file {
            Some(path) => path.to_path_buf(),
            None => dirs::config_dir()
                .ok_or_else(|| Failure::local("no config directory; pass --token-file"))?
                .join("wix-auth")
                .join("tokens.json"),
        };
        let continuation = tokens.with_extension("continuation.json");
        Ok(Self {
            tokens,
            continuation,
        })
    }

    /// The token store.
    pub fn store(&self) -> FileStore {
        FileStore::new(&self.tokens)
    }

    /// The saved continuation (empty when there is none).
    pub fn continuation(&self) -> Result<Continuation, Failure> {
        match std::fs::read(&self.continuation) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|_| {
                Failure::local(format!(
                    "{} is not a continuation file",
                    self.continuation.display()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Continuation::default()),
            Err(e) => Err(Failure::local(format!(
                "reading {}: {e}",
                self.continuation.display()
            ))),
        }
    }

    /// Saves the continuation.
    pub fn save_continuation(&self, continuation: &Continuation) -> Result<(), Failure> {
        let json = serde_json::to_vec(continuation).map_err(|e| Failure::local(e.to_string()))?;
        wix_auth_flows::store::write_private(&self.continuation, &json)
            .map_err(|e| Failure::from(wix_auth_flows::Error::from(e)))
    }
}
