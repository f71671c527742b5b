//! Tokens shared across replicas in Redis (feature `redis`), with a cross-process refresh
//! lock so two replicas never redeem the same refresh token.

use std::time::Duration;

use redis::AsyncCommands;
use redis::aio::ConnectionManager;

use crate::store::{RefreshLock, StoreError, TokenStore};
use crate::tokens::Tokens;

/// How a [`RedisStore`] is set up.
#[derive(Debug, Clone)]
pub struct RedisConfig {
    /// The prefix of every key, e.g. `wix-auth:` (tokens at `<prefix>tokens:<session>`).
    pub key_prefix: String,
    /// How long stored tokens live (match the refresh token's lifetime).
    pub token_ttl: Duration,
    /// How long a refresh lock is held at most; a holder that dies releases it by expiry.
    pub lock_lease: Duration,
    /// How long a replica waits for another's refresh before giving up.
    pub lock_wait: Duration,
}

impl Default for RedisConfig {
    fn default() -> Self {
        Self {
            key_prefix: "wix-auth:".into(),
            token_ttl: Duration::from_secs(30 * 24 * 3600),
            lock_lease: Duration::from_secs(10),
            lock_wait: Duration::from_secs(15),
        }
    }
}

/// Releases a lock only when the caller still owns it.
const RELEASE: &str = r#"if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end"#;

/// A [`TokenStore`] in Redis: tokens stored atomically with an expiry, and refreshes locked
/// across processes with `SET NX PX` and an owner value released only by its owner.
#[derive(Clone)]
pub struct RedisStore {
    connection: ConnectionManager,
    config: RedisConfig,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("key_prefix", &self.config.key_prefix)
            .finish_non_exhaustive()
    }
}

fn redis_error(e: &redis::RedisError) -> StoreError {
    StoreError::Redis {
        kind: format!("{:?}", e.kind()),
    }
}

impl RedisStore {
    /// Connects to `url` (e.g. `redis://127.0.0.1:6379/`).
    pub async fn connect(url: &str, config: RedisConfig) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(|e| redis_error(&e))?;
        let connection = ConnectionManager::new(client)
            .await
            .map_err(|e| redis_error(&e))?;
        Ok(Self { connection, config })
    }

    fn tokens_key(&self, key: &str) -> String {
        format!("{}tokens:{key}", self.config.key_prefix)
    }

    fn lock_key(&self, key: &str) -> String {
        format!("{}lock:{key}", self.config.key_prefix)
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
}

impl TokenStore for RedisStore {
    async fn claim_once(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        let mut connection = self.connection.clone();
        let taken: Option<String> = redis::cmd("SET")
            .arg(format!("{}claim:{key}", self.config.key_prefix))
            .arg("1")
            .arg("NX")
            .arg("PX")
            .arg(millis(ttl))
            .query_async(&mut connection)
            .await
            .map_err(|e| redis_error(&e))?;
        Ok(taken.is_some())
    }

    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        let mut connection = self.connection.clone();
        let json: Option<String> = connection
            .get(self.tokens_key(key))
            .await
            .map_err(|e| redis_error(&e))?;
        json.map(|json| {
            serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
                path: self.tokens_key(key).into(),
                at: String::new(),
            })
        })
        .transpose()
    }

    async fn save(&self, key: &str, tokens: &Tokens) -> Result<(), StoreError> {
        let json = serde_json::to_string(tokens).map_err(|_| StoreError::Corrupt {
            path: self.tokens_key(key).into(),
            at: String::new(),
        })?;
        let mut connection = self.connection.clone();
        redis::cmd("SET")
            .arg(self.tokens_key(key))
            .arg(json)
            .arg("PX")
            .arg(millis(self.config.token_ttl))
            .query_async::<()>(&mut connection)
            .await
            .map_err(|e| redis_error(&e))
    }

    async fn clear(&self, key: &str) -> Result<(), StoreError> {
        let mut connection = self.connection.clone();
        connection
            .del::<_, ()>(self.tokens_key(key))
            .await
            .map_err(|e| redis_error(&e))
    }

    async fn acquire_refresh_lock(&self, key: &str) -> Result<Option<RefreshLock>, StoreError> {
        let lock_key = self.lock_key(key);
        let mut owner_bytes = [0u8; 16];
        getrandom::fill(&mut owner_bytes).map_err(|_| StoreError::LockTimeout)?;
        let owner: String = owner_bytes.iter().map(|b| format!("{b:02x}")).collect();
        let deadline = tokio::time::Instant::now() + self.config.lock_wait;
        let mut connection = self.connection.clone();
        loop {
            let taken: Option<String> = redis::cmd("SET")
                .arg(&lock_key)
                .arg(&owner)
                .arg("NX")
                .arg("PX")
                .arg(millis(self.config.lock_lease))
                .query_async(&mut connection)
                .await
                .map_err(|e| redis_error(&e))?;
            if taken.is_some() {
                return Ok(Some(RefreshLock {
                    key: lock_key,
                    owner,
                }));
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(StoreError::LockTimeout);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    async fn release_refresh_lock(&self, lock: RefreshLock) -> Result<(), StoreError> {
        let mut connection = self.connection.clone();
        redis::Script::new(RELEASE)
            .key(&lock.key)
            .arg(&lock.owner)
            .invoke_async::<i64>(&mut connection)
            .await
            .map(drop)
            .map_err(|e| redis_error(&e))
    }
}
