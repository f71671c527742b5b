//! One-time claims kept in this process: what refuses a replayed login callback when the
//! store is not shared between processes.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::{LoginClaims, StoreError};

/// Keys claimed in this process, with when each claim ends. Ended claims are swept when
/// the map has doubled since the last sweep, so it stays bounded by the live claims.
#[derive(Debug, Default)]
pub(crate) struct LocalClaims(Mutex<ClaimMap>);

#[derive(Debug, Default)]
struct ClaimMap {
    until: HashMap<String, Instant>,
    swept_at_len: usize,
}

impl LocalClaims {
    pub(crate) fn claim(&self, key: &str, ttl: Duration) -> bool {
        let now = Instant::now();
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if map.until.len() >= 2 * map.swept_at_len.max(32) {
            map.until.retain(|_, until| *until > now);
            map.swept_at_len = map.until.len();
        }
        match map.until.get(key) {
            Some(until) if *until > now => false,
            _ => {
                map.until.insert(key.to_string(), now + ttl);
                true
            }
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .until
            .len()
    }
}

#[async_trait]
impl LoginClaims for LocalClaims {
    async fn claim_once(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        Ok(self.claim(key, ttl))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_holds_until_it_ends() {
        let claims = LocalClaims::default();
        assert!(claims.claim("a", Duration::from_secs(60)));
        assert!(!claims.claim("a", Duration::from_secs(60)), "a replay");
        assert!(claims.claim("b", Duration::from_secs(60)), "another key");
        assert!(claims.claim("short", Duration::ZERO));
        assert!(claims.claim("short", Duration::ZERO), "an ended claim");
    }

    #[test]
    fn ended_claims_are_swept_so_the_map_stays_bounded() {
        let claims = LocalClaims::default();
        for i in 0..10_000 {
            assert!(claims.claim(&format!("login-{i}"), Duration::ZERO));
        }
        assert!(claims.len() <= 64, "{} claims kept", claims.len());
        assert!(claims.claim("live", Duration::from_secs(60)));
        for i in 0..1_000 {
            claims.claim(&format!("later-{i}"), Duration::ZERO);
        }
        assert!(
            !claims.claim("live", Duration::from_secs(60)),
            "a live claim survives"
        );
    }
}
