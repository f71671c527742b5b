//! Tokens in process memory, forgotten when their session expires, and optionally bounded.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use async_trait::async_trait;

use super::{ExpiredDeletion, StoreError, TokenStore};
use crate::tokens::Tokens;

/// Tokens in process memory, for one process (tests, a single server, a CLI).
///
/// Every entry expires with its session: an expired one is never returned and is dropped
/// by the next write, so a server minting visitor sessions all day stays at the size of its
/// live sessions. [`MemoryStore::with_capacity`] also bounds that: past the bound, the
/// session that expires first is evicted.
///
/// ```
/// use wix_auth_flows::store::MemoryStore;
///
/// let unbounded = MemoryStore::new();
/// let bounded = MemoryStore::with_capacity(100_000);
/// # let _ = (unbounded, bounded);
/// ```
#[derive(Default)]
pub struct MemoryStore {
    state: Mutex<State>,
    capacity: Option<usize>,
}

#[derive(Default)]
struct State {
    entries: HashMap<Arc<str>, Entry>,
    /// Every entry by (expiry, insertion order): the first is the next to expire.
    by_expiry: BTreeMap<(SystemTime, u64), Arc<str>>,
    next_order: u64,
}

struct Entry {
    tokens: Tokens,
    expires_at: SystemTime,
    order: u64,
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("sessions", &self.state().entries.len())
            .field("capacity", &self.capacity)
            .finish()
    }
}

impl MemoryStore {
    /// An empty store, bounded only by expiry.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store holding at most `capacity` sessions (at least one).
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            state: Mutex::default(),
            capacity: Some(capacity.max(1)),
        }
    }

    /// How many sessions are held, expired ones not yet dropped included.
    pub fn len(&self) -> usize {
        self.state().entries.len()
    }

    /// Whether no session is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl State {
    fn remove(&mut self, key: &str) -> Option<Entry> {
        let entry = self.entries.remove(key)?;
        self.by_expiry.remove(&(entry.expires_at, entry.order));
        Some(entry)
    }

    /// Drops every entry expired at `now`; how many.
    fn drop_expired(&mut self, now: SystemTime) -> u64 {
        let mut dropped = 0;
        while let Some(entry) = self.by_expiry.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let key = entry.remove();
            self.entries.remove(&key);
            dropped += 1;
        }
        // A burst of sessions that has expired gives its memory back.
        if self.entries.capacity() > 1024 && self.entries.len() * 4 < self.entries.capacity() {
            self.entries.shrink_to_fit();
        }
        dropped
    }

    fn evict_first_to_expire(&mut self) {
        if let Some((_, key)) = self.by_expiry.pop_first() {
            self.entries.remove(&key);
        }
    }
}

#[async_trait]
impl TokenStore for MemoryStore {
    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        let now = SystemTime::now();
        let state = self.state();
        Ok(state
            .entries
            .get(key)
            .filter(|entry| entry.expires_at > now)
            .map(|entry| entry.tokens.clone()))
    }

    async fn save(
        &self,
        key: &str,
        tokens: &Tokens,
        expires_at: SystemTime,
    ) -> Result<(), StoreError> {
        let mut state = self.state();
        state.drop_expired(SystemTime::now());
        let replaced = state.remove(key).is_some();
        if !replaced && self.capacity.is_some_and(|c| state.entries.len() >= c) {
            state.evict_first_to_expire();
        }
        let key: Arc<str> = Arc::from(key);
        let order = state.next_order;
        state.next_order += 1;
        state.by_expiry.insert((expires_at, order), key.clone());
        state.entries.insert(
            key,
            Entry {
                tokens: tokens.clone(),
                expires_at,
                order,
            },
        );
        Ok(())
    }

    async fn clear(&self, key: &str) -> Result<(), StoreError> {
        self.state().remove(key);
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for MemoryStore {
    async fn delete_expired(&self) -> Result<u64, StoreError> {
        Ok(self.state().drop_expired(SystemTime::now()))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::tokens::Role;

    fn tokens(access: &str) -> Tokens {
        Tokens {
            access_token: access.into(),
            refresh_token: None,
            expires_at: 0,
            role: Role::Visitor,
            member: None,
        }
    }

    fn after(seconds: u64) -> SystemTime {
        SystemTime::now() + Duration::from_secs(seconds)
    }

    /// An entry that expired a second ago and was never dropped (no write since).
    fn put_expired(store: &MemoryStore, key: &str) {
        let past = SystemTime::now() - Duration::from_secs(1);
        let mut state = store.state();
        let order = state.next_order;
        state.next_order += 1;
        state.by_expiry.insert((past, order), Arc::from(key));
        let entry = Entry {
            tokens: tokens("EXPIRED"),
            expires_at: past,
            order,
        };
        state.entries.insert(Arc::from(key), entry);
    }

    #[tokio::test]
    async fn past_its_capacity_the_session_that_expires_first_is_evicted() {
        let store = MemoryStore::with_capacity(3);
        store.save("a", &tokens("A"), after(30)).await.unwrap();
        store.save("b", &tokens("B"), after(10)).await.unwrap();
        store.save("c", &tokens("C"), after(20)).await.unwrap();
        store.save("a", &tokens("A2"), after(40)).await.unwrap();
        assert_eq!(store.len(), 3, "replacing a session takes no room");
        store.save("d", &tokens("D"), after(50)).await.unwrap();
        assert_eq!(store.len(), 3);
        assert!(store.load("b").await.unwrap().is_none(), "b expired first");
        for key in ["a", "c", "d"] {
            assert!(store.load(key).await.unwrap().is_some(), "{key} kept");
        }
        assert_eq!(MemoryStore::with_capacity(0).capacity, Some(1));
    }

    #[tokio::test]
    async fn a_write_drops_what_has_expired_and_gives_the_memory_back() {
        let store = MemoryStore::new();
        // Far enough ahead that a loaded machine still saves them all before any expires.
        let soon = SystemTime::now() + Duration::from_millis(500);
        for i in 0..10_000 {
            store
                .save(&format!("v{i}"), &tokens("V"), soon)
                .await
                .unwrap();
        }
        assert_eq!(store.len(), 10_000, "all saved before the first expired");
        let grown = store.state().entries.capacity();
        let until_expired = soon.duration_since(SystemTime::now()).unwrap_or_default();
        tokio::time::sleep(until_expired + Duration::from_millis(20)).await;
        store.save("member", &tokens("M"), after(60)).await.unwrap();
        assert_eq!(store.len(), 1, "the expired visitors are gone");
        assert_eq!(store.state().by_expiry.len(), 1);
        assert!(
            store.state().entries.capacity() < grown / 4,
            "and their room"
        );
        assert!(!store.is_empty());
    }

    #[tokio::test]
    async fn clear_and_delete_expired_keep_the_index_in_step() {
        let store = MemoryStore::new();
        store.save("live", &tokens("L"), after(60)).await.unwrap();
        store.save("gone", &tokens("G"), after(60)).await.unwrap();
        store.clear("gone").await.unwrap();
        assert_eq!(store.state().by_expiry.len(), 1);
        put_expired(&store, "stale");
        assert!(
            store.load("stale").await.unwrap().is_none(),
            "never returned"
        );
        assert_eq!(store.delete_expired().await.unwrap(), 1);
        assert_eq!(store.delete_expired().await.unwrap(), 0);
        assert_eq!(store.len(), 1);
        assert_eq!(
            format!("{store:?}"),
            "MemoryStore { sessions: 1, capacity: None }"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_background_deletion_runs_every_period() {
        let store = Arc::new(MemoryStore::new());
        put_expired(&store, "old");
        let task = tokio::spawn(crate::store::delete_expired_every(
            store.clone(),
            Duration::from_secs(300),
        ));
        tokio::time::sleep(Duration::from_secs(299)).await;
        assert_eq!(store.len(), 1, "not before the first period");
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(store.len(), 0, "deleted after it");
        task.abort();
    }
}
