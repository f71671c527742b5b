//! Tokens shared across replicas in Redis (feature `redis`): plain or TLS (`rediss://`),
//! one server or a cluster, with a cross-process refresh lock and one-time claims.

use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use redis::aio::{ConnectionLike, ConnectionManager};
use redis::cluster_async::ClusterConnection;
use redis::{Cmd, Pipeline, RedisFuture, Value};

use super::{
    HeldRefreshLock, LoginClaims, RefreshGuard, RefreshLock, StoreError, TokenStore, decode_tokens,
    encode_tokens, lock_owner,
};
use crate::tokens::Tokens;

/// How a [`RedisStore`] is set up.
#[derive(Debug, Clone)]
pub struct RedisConfig {
    /// The prefix of every key, e.g. `wix-auth:` (tokens at `<prefix>tokens:<session>`).
    pub key_prefix: String,
    /// How long a refresh lock is held at most; a holder that dies releases it by expiry.
    pub lock_lease: Duration,
    /// How long a replica waits for another's refresh before giving up.
    pub lock_wait: Duration,
}

impl Default for RedisConfig {
    fn default() -> Self {
        Self {
            key_prefix: "wix-auth:".into(),
            lock_lease: Duration::from_secs(10),
            lock_wait: Duration::from_secs(15),
        }
    }
}

/// Releases a lock only when the caller still owns it.
const RELEASE: &str = r#"if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end"#;

/// A [`TokenStore`] in Redis, shared by every replica of an app: tokens stored with the
/// session's expiry as the key's TTL, refreshes locked across processes with `SET NX PX`
/// and an owner value released only by its owner, and login claims with `SET NX`.
///
/// Every command names one key, so one code path serves a single server (plain or TLS) and
/// a Redis Cluster.
///
/// ```no_run
/// # async fn demo() -> Result<(), wix_auth_flows::store::StoreError> {
/// use wix_auth_flows::store::{RedisConfig, RedisStore};
///
/// // A managed Redis over TLS (ElastiCache, Upstash, Azure Cache, Redis Cloud):
/// let store = RedisStore::connect("rediss://default:password@cache.example:6380/", RedisConfig::default()).await?;
/// // A cluster:
/// let nodes = ["redis://10.0.0.1:6379/", "redis://10.0.0.2:6379/", "redis://10.0.0.3:6379/"];
/// let clustered = RedisStore::connect_cluster(&nodes, RedisConfig::default()).await?;
/// # let _ = (store, clustered); Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    connection: Connection,
    config: RedisConfig,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("key_prefix", &self.config.key_prefix)
            .finish_non_exhaustive()
    }
}

/// One server through a reconnecting manager, or a cluster: the same commands either way.
#[derive(Clone)]
enum Connection {
    Single(ConnectionManager),
    Cluster(ClusterConnection),
}

impl ConnectionLike for Connection {
    fn req_packed_command<'a>(&'a mut self, cmd: &'a Cmd) -> RedisFuture<'a, Value> {
        match self {
            Self::Single(c) => c.req_packed_command(cmd),
            Self::Cluster(c) => c.req_packed_command(cmd),
        }
    }

    fn req_packed_commands<'a>(
        &'a mut self,
        pipeline: &'a Pipeline,
        offset: usize,
        count: usize,
    ) -> RedisFuture<'a, Vec<Value>> {
        match self {
            Self::Single(c) => c.req_packed_commands(pipeline, offset, count),
            Self::Cluster(c) => c.req_packed_commands(pipeline, offset, count),
        }
    }

    fn get_db(&self) -> i64 {
        match self {
            Self::Single(c) => c.get_db(),
            Self::Cluster(c) => c.get_db(),
        }
    }
}

/// A Redis failure by its kind only: the error's text can hold the server's address.
fn redis_error(e: &redis::RedisError) -> StoreError {
    StoreError::unavailable("redis", format!("{:?}", e.kind()))
}

impl RedisStore {
    /// Connects to one server: `redis://` in plain text, `rediss://` over TLS (rustls,
    /// checked against the system's root certificates; `SSL_CERT_FILE` adds a private
    /// CA). For other TLS settings, build a client with `redis::Client::build_with_tls`
    /// and pass its manager to [`RedisStore::from_manager`].
    pub async fn connect(url: &str, config: RedisConfig) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(|e| redis_error(&e))?;
        let manager = ConnectionManager::new(client)
            .await
            .map_err(|e| redis_error(&e))?;
        Ok(Self::from_manager(manager, config))
    }

    /// Connects to a Redis Cluster through any of its nodes (`redis://` or `rediss://`).
    pub async fn connect_cluster(nodes: &[&str], config: RedisConfig) -> Result<Self, StoreError> {
        let client =
            redis::cluster::ClusterClient::new(nodes.to_vec()).map_err(|e| redis_error(&e))?;
        let connection = client
            .get_async_connection()
            .await
            .map_err(|e| redis_error(&e))?;
        Ok(Self::from_cluster(connection, config))
    }

    /// A store over a connection manager the app already has (its own TLS, timeouts or
    /// retries).
    pub fn from_manager(manager: ConnectionManager, config: RedisConfig) -> Self {
        Self {
            connection: Connection::Single(manager),
            config,
        }
    }

    /// A store over a cluster connection the app already has.
    pub fn from_cluster(connection: ClusterConnection, config: RedisConfig) -> Self {
        Self {
            connection: Connection::Cluster(connection),
            config,
        }
    }

    fn key(&self, kind: &str, key: &str) -> String {
        format!("{}{kind}:{key}", self.config.key_prefix)
    }

    async fn query<T: redis::FromRedisValue>(&self, cmd: &Cmd) -> Result<T, StoreError> {
        let mut connection = self.connection.clone();
        cmd.query_async(&mut connection)
            .await
            .map_err(|e| redis_error(&e))
    }

    /// `SET key value NX PX ttl`: whether the key was free and is now set.
    async fn set_if_free(&self, key: &str, value: &str, ttl: Duration) -> Result<bool, StoreError> {
        let mut cmd = redis::cmd("SET");
        cmd.arg(key).arg(value).arg("NX").arg("PX").arg(millis(ttl));
        Ok(self.query::<Option<String>>(&cmd).await?.is_some())
    }
}

/// A duration as Redis milliseconds, at least 1 (0 is refused by `PX`).
fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
}

#[async_trait]
impl TokenStore for RedisStore {
    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        let mut cmd = redis::cmd("GET");
        cmd.arg(self.key("tokens", key));
        let json: Option<Vec<u8>> = self.query(&cmd).await?;
        json.map(|json| decode_tokens("redis", key, &json))
            .transpose()
    }

    async fn save(
        &self,
        key: &str,
        tokens: &Tokens,
        expires_at: SystemTime,
    ) -> Result<(), StoreError> {
        let Ok(ttl) = expires_at.duration_since(SystemTime::now()) else {
            // A session saved already over is simply over.
            return self.clear(key).await;
        };
        let mut cmd = redis::cmd("SET");
        cmd.arg(self.key("tokens", key))
            .arg(encode_tokens(tokens))
            .arg("PX")
            .arg(millis(ttl));
        self.query::<()>(&cmd).await
    }

    async fn clear(&self, key: &str) -> Result<(), StoreError> {
        let mut cmd = redis::cmd("DEL");
        cmd.arg(self.key("tokens", key));
        self.query::<()>(&cmd).await
    }

    fn refresh_lock(&self) -> Option<&dyn RefreshLock> {
        Some(self)
    }

    fn login_claims(&self) -> Option<&dyn LoginClaims> {
        Some(self)
    }
}

#[async_trait]
impl LoginClaims for RedisStore {
    async fn claim_once(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        self.set_if_free(&self.key("claim", key), "1", ttl).await
    }
}

#[async_trait]
impl RefreshLock for RedisStore {
    async fn lock_refresh(&self, key: &str) -> Result<RefreshGuard, StoreError> {
        let lock_key = self.key("lock", key);
        let owner = lock_owner()?;
        let deadline = tokio::time::Instant::now() + self.config.lock_wait;
        loop {
            if self
                .set_if_free(&lock_key, &owner, self.config.lock_lease)
                .await?
            {
                return Ok(RefreshGuard::new(HeldRedisLock {
                    connection: self.connection.clone(),
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
}

/// A Redis refresh lock this process holds.
struct HeldRedisLock {
    connection: Connection,
    key: String,
    owner: String,
}

#[async_trait]
impl HeldRefreshLock for HeldRedisLock {
    async fn release(mut self: Box<Self>) -> Result<(), StoreError> {
        redis::Script::new(RELEASE)
            .key(&self.key)
            .arg(&self.owner)
            .invoke_async::<i64>(&mut self.connection)
            .await
            .map(drop)
            .map_err(|e| redis_error(&e))
    }
}
