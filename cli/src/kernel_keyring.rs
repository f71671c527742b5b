//! The Linux kernel keyring as a credential store for the `keyring` crate: each entry a
//! `user` key in the user's persistent keyring (`persistent-keyring(7)`), which the kernel
//! keeps in memory across logins until a reboot or until it goes unused for
//! `/proc/sys/kernel/keys/persistent_keyring_expiry` seconds (three days by default; every
//! use restarts that timer). It works without a desktop session (a server, SSH, a
//! container).
//!
//! Why not the `keyring` crate's own keyutils store: it adds the key to the session keyring
//! and links it into the persistent one. A process without a session keyring of its own (a
//! container, a CI job, a service) then gets "permission denied" on the link, and the entry
//! can neither be written nor found. Keeping the key in the persistent keyring alone works
//! for every process of the user.

use std::any::Any;

use keyring::credential::CredentialApi;
use linux_keyutils::{KeyError, KeyRing, KeyRingIdentifier};

/// One entry: a key of this description in the user's persistent keyring.
#[derive(Debug)]
pub struct KernelKeyring {
    description: String,
}

impl KernelKeyring {
    /// The entry of `user` (the profile) for `service`.
    pub fn entry(service: &str, user: &str) -> keyring::Entry {
        keyring::Entry::new_with_credential(Box::new(Self {
            description: format!("{service}:{user}"),
        }))
    }

    fn ring() -> keyring::Result<KeyRing> {
        // Linked into this process's own keyring for the call, so nothing else changes.
        KeyRing::get_persistent(KeyRingIdentifier::Process).map_err(platform)
    }
}

/// A kernel error in the `keyring` crate's terms; every "not there" is `NoEntry`.
fn platform(error: KeyError) -> keyring::Error {
    match error {
        KeyError::KeyDoesNotExist | KeyError::KeyExpired | KeyError::KeyRevoked => {
            keyring::Error::NoEntry
        }
        // `KeyError` is no `std::error::Error`; its name is all it says.
        KeyError::AccessDenied => {
            keyring::Error::NoStorageAccess(Box::new(std::io::Error::other(format!("{error:?}"))))
        }
        other => {
            keyring::Error::PlatformFailure(Box::new(std::io::Error::other(format!("{other:?}"))))
        }
    }
}

impl CredentialApi for KernelKeyring {
    fn set_secret(&self, secret: &[u8]) -> keyring::Result<()> {
        // `add_key` replaces the payload of an existing key of the same description.
        Self::ring()?
            .add_key(&self.description, secret)
            .map(drop)
            .map_err(platform)
    }

    fn get_secret(&self) -> keyring::Result<Vec<u8>> {
        let key = Self::ring()?.search(&self.description).map_err(platform)?;
        key.read_to_vec().map_err(platform)
    }

    fn delete_credential(&self) -> keyring::Result<()> {
        let key = Self::ring()?.search(&self.description).map_err(platform)?;
        key.invalidate().map_err(platform)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
