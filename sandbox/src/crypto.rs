//! Randomness, password hashing and the PKCE check.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The operating system's random source failed.
#[derive(Debug, thiserror::Error)]
#[error("the system random source failed")]
pub struct RandomError;

/// `N` bytes from the system random source.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], RandomError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| RandomError)?;
    Ok(bytes)
}

/// A token of 256 random bits behind `prefix`, base64url without padding.
pub fn token(prefix: &str) -> Result<String, RandomError> {
    Ok(format!(
        "{prefix}{}",
        URL_SAFE_NO_PAD.encode(random_bytes::<32>()?)
    ))
}

/// A random GUID (UUID v4), as Wix IDs look.
pub fn guid() -> Result<String, RandomError> {
    Ok(uuid::Builder::from_random_bytes(random_bytes::<16>()?)
        .into_uuid()
        .to_string())
}

/// A six-digit verification code.
pub fn six_digit_code() -> Result<String, RandomError> {
    let n = u32::from_le_bytes(random_bytes::<4>()?) % 1_000_000;
    Ok(format!("{n:06}"))
}

/// A salted PBKDF2-HMAC-SHA256 password hash.
#[derive(Clone)]
pub struct PasswordHash {
    salt: [u8; 16],
    rounds: u32,
    hash: [u8; 32],
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash([REDACTED])")
    }
}

impl PasswordHash {
    /// Hashes `password` with a fresh salt.
    pub fn new(password: &str, rounds: u32) -> Result<Self, RandomError> {
        let salt = random_bytes::<16>()?;
        let rounds = rounds.max(1);
        Ok(Self {
            salt,
            rounds,
            hash: derive(password, &salt, rounds),
        })
    }

    /// Whether `password` matches, compared in constant time.
    pub fn verify(&self, password: &str) -> bool {
        derive(password, &self.salt, self.rounds)
            .ct_eq(&self.hash)
            .into()
    }
}

fn derive(password: &str, salt: &[u8], rounds: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, rounds, &mut out);
    out
}

/// Hashes on the blocking pool, so a high cost never stalls the request workers.
pub async fn hash_password(password: &str, rounds: u32) -> Result<PasswordHash, RandomError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || PasswordHash::new(&password, rounds))
        .await
        .map_err(|_| RandomError)?
}

/// Verifies on the blocking pool; a failed task counts as a mismatch.
pub async fn verify_password(hash: PasswordHash, password: &str) -> bool {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash.verify(&password))
        .await
        .unwrap_or(false)
}

/// Whether a PKCE verifier is well formed (RFC 7636 §4.1) and BASE64URL(SHA-256(verifier))
/// equals the challenge (S256), compared in constant time.
pub fn pkce_s256_matches(verifier: &str, challenge: &str) -> bool {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let matches: bool = computed.as_bytes().ct_eq(challenge.as_bytes()).into();
    well_formed && matches
}

/// Constant-time equality of two secrets.
pub fn secrets_equal(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector_matches() {
        assert!(pkce_s256_matches(
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
        assert!(!pkce_s256_matches(
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
    }

    #[test]
    fn short_or_malformed_verifiers_are_refused() {
        let short = "a".repeat(42);
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(short.as_bytes()));
        assert!(!pkce_s256_matches(&short, &challenge));
        let spaced = format!("{} ", "a".repeat(43));
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(spaced.as_bytes()));
        assert!(!pkce_s256_matches(&spaced, &challenge));
    }

    #[test]
    fn password_hash_verifies_only_the_password() {
        let hash = PasswordHash::new("correct horse", 10).unwrap();
        assert!(hash.verify("correct horse"));
        assert!(!hash.verify("correct horsf"));
        assert!(!format!("{hash:?}").contains("correct"));
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let code = six_digit_code().unwrap();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
    }
}
