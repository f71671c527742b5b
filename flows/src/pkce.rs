//! PKCE (RFC 7636, S256 only) and the OAuth `state`: values drawn from the OS CSPRNG,
//! compared in constant time.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use wix_auth_generated::Secret;

use crate::Error;

/// The shortest verifier RFC 7636 §4.1 allows.
pub const MIN_VERIFIER_LEN: usize = 43;
/// The longest verifier RFC 7636 §4.1 allows.
pub const MAX_VERIFIER_LEN: usize = 128;

/// Fills `N` bytes from the operating system's CSPRNG.
fn random<const N: usize>() -> Result<[u8; N], Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| Error::Randomness)?;
    Ok(bytes)
}

/// A PKCE code verifier: 43–128 characters of `[A-Za-z0-9-._~]`. A secret like the others:
/// zeroed on drop, redacted in `Debug`, no `Display`; it serializes (for a pending login).
#[derive(Clone)]
pub struct CodeVerifier(Secret);

impl CodeVerifier {
    /// A 43-character verifier from 32 random bytes (256 bits).
    pub fn generate() -> Result<Self, Error> {
        Ok(Self(URL_SAFE_NO_PAD.encode(random::<32>()?).into()))
    }

    /// A verifier of `len` characters (43–128) from random bytes.
    pub fn generate_with_len(len: usize) -> Result<Self, Error> {
        if !(MIN_VERIFIER_LEN..=MAX_VERIFIER_LEN).contains(&len) {
            return Err(Error::InvalidVerifier { len });
        }
        let bytes = random::<96>()?;
        let mut text = URL_SAFE_NO_PAD.encode(bytes);
        text.truncate(len);
        Ok(Self(text.into()))
    }

    /// Checks a verifier made elsewhere.
    pub fn parse(value: &str) -> Result<Self, Error> {
        let valid_len = (MIN_VERIFIER_LEN..=MAX_VERIFIER_LEN).contains(&value.len());
        let valid_chars = value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
        if valid_len && valid_chars {
            Ok(Self(value.into()))
        } else {
            Err(Error::InvalidVerifier { len: value.len() })
        }
    }

    /// The S256 challenge: BASE64URL(SHA-256(verifier)) without padding.
    pub fn challenge(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(self.expose_secret().as_bytes()))
    }

    /// The verifier; keep it out of logs.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl Serialize for CodeVerifier {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for CodeVerifier {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Secret::deserialize(deserializer)?;
        Self::parse(value.expose_secret()).map_err(serde::de::Error::custom)
    }
}

impl fmt::Debug for CodeVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CodeVerifier([REDACTED])")
    }
}

/// The OAuth `state`: 256 random bits, base64url; compared in constant time. Zeroed on drop,
/// redacted in `Debug`, no `Display`; it serializes (for a pending login).
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OAuthState(Secret);

impl OAuthState {
    /// A fresh state.
    pub fn generate() -> Result<Self, Error> {
        Ok(Self(URL_SAFE_NO_PAD.encode(random::<32>()?).into()))
    }

    /// Whether `other` is this state, compared in constant time.
    pub fn matches(&self, other: &str) -> bool {
        self.expose_secret()
            .as_bytes()
            .ct_eq(other.as_bytes())
            .into()
    }

    /// The state; keep it out of logs.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for OAuthState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OAuthState([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b() {
        let verifier = CodeVerifier::parse("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
        assert_eq!(
            verifier.challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn generated_verifiers_are_43_chars_and_distinct() {
        let a = CodeVerifier::generate().unwrap();
        let b = CodeVerifier::generate().unwrap();
        assert_eq!(a.expose_secret().len(), 43);
        assert_ne!(a.expose_secret(), b.expose_secret());
        assert!(CodeVerifier::parse(a.expose_secret()).is_ok());
    }

    #[test]
    fn lengths_outside_43_to_128_are_errors_not_panics() {
        assert!(matches!(
            CodeVerifier::generate_with_len(42),
            Err(Error::InvalidVerifier { len: 42 })
        ));
        assert!(matches!(
            CodeVerifier::generate_with_len(129),
            Err(Error::InvalidVerifier { len: 129 })
        ));
        assert_eq!(
            CodeVerifier::generate_with_len(128)
                .unwrap()
                .expose_secret()
                .len(),
            128
        );
        assert!(CodeVerifier::parse(&"a".repeat(42)).is_err());
        assert!(CodeVerifier::parse(&"a".repeat(129)).is_err());
        assert!(CodeVerifier::parse(&format!("{}+", "a".repeat(43))).is_err());
    }

    #[test]
    fn state_compares_and_redacts() {
        let state = OAuthState::generate().unwrap();
        assert!(state.matches(state.expose_secret()));
        assert!(!state.matches("other"));
        assert!(!format!("{state:?}").contains(state.expose_secret()));
        assert_eq!(state.expose_secret().len(), 43, "256 bits");
    }
}
