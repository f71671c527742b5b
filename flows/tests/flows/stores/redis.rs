//! The Redis store against real servers: the contract over one server in plain text
//! (`REDIS_URL`), one over TLS (`REDIS_TLS_URL`, its CA trusted through `SSL_CERT_FILE`),
//! and a cluster (`REDIS_CLUSTER_NODES`, comma-separated); then what only Redis has.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use wix_auth_flows::store::{ExpiredDeletion, RedisConfig, RedisStore, StoreError, TokenStore};
use wix_auth_flows::{Role, Tokens};

use super::contract::{self, StoreUnderTest, store_contract};
use super::{env, unique};

const LEASE: Duration = Duration::from_millis(800);

/// Instances over one server (or cluster) and one key prefix of their own.
struct Redis {
    nodes: Vec<String>,
    cluster: bool,
    config: RedisConfig,
}

impl Redis {
    fn at(variable: &str, cluster: bool) -> Self {
        Self {
            nodes: env(variable).split(',').map(str::to_string).collect(),
            cluster,
            config: RedisConfig {
                key_prefix: unique("redis"),
                lock_lease: LEASE,
                lock_wait: Duration::from_secs(10),
            },
        }
    }

    fn plain() -> Self {
        Self::at("REDIS_URL", false)
    }

    async fn connect(&self) -> RedisStore {
        if self.cluster {
            let nodes: Vec<&str> = self.nodes.iter().map(String::as_str).collect();
            RedisStore::connect_cluster(&nodes, self.config.clone())
                .await
                .unwrap()
        } else {
            RedisStore::connect(&self.nodes[0], self.config.clone())
                .await
                .unwrap()
        }
    }

    /// A plain connection to the first node, for writing around the store.
    async fn raw(&self) -> redis::aio::MultiplexedConnection {
        redis::Client::open(self.nodes[0].as_str())
            .unwrap()
            .get_multiplexed_async_connection()
            .await
            .unwrap()
    }
}

impl StoreUnderTest for Redis {
    async fn instance(&self) -> Arc<dyn TokenStore> {
        Arc::new(self.connect().await)
    }

    fn shared(&self) -> bool {
        true
    }

    async fn deletion(&self) -> Option<Arc<dyn ExpiredDeletion>> {
        None
    }
}

mod plain {
    use super::*;
    store_contract!(Redis::plain(), shared, lease = LEASE);
}

mod tls {
    use super::*;
    store_contract!(Redis::at("REDIS_TLS_URL", false), shared, lease = LEASE);
}

mod cluster {
    use super::*;
    store_contract!(
        Redis::at("REDIS_CLUSTER_NODES", true),
        shared,
        lease = LEASE
    );
}

#[tokio::test]
async fn corrupt_data_is_a_typed_error() {
    let redis = Redis::plain();
    let key = format!("{}tokens:damaged", redis.config.key_prefix);
    let mut raw = redis.raw().await;
    let corrupt = async move {
        redis::cmd("SET")
            .arg(key)
            .arg("{\"access_token\": [1]}")
            .query_async::<()>(&mut raw)
            .await
            .unwrap();
    };
    contract::corrupt_data_is_a_typed_error(&redis, corrupt).await;
}

#[tokio::test]
async fn a_session_lives_in_redis_for_exactly_its_lifetime() {
    let redis = Redis::plain();
    let store = redis.connect().await;
    let tokens = Tokens {
        access_token: "A".into(),
        refresh_token: None,
        expires_at: 1,
        role: Role::Member,
        member: None,
    };
    let in_a_day = SystemTime::now() + Duration::from_secs(86_400);
    store.save("member", &tokens, in_a_day).await.unwrap();
    let ttl: i64 = redis::cmd("PTTL")
        .arg(format!("{}tokens:member", redis.config.key_prefix))
        .query_async(&mut redis.raw().await)
        .await
        .unwrap();
    assert!(
        (86_390_000..=86_400_000).contains(&ttl),
        "the key's TTL is the session's remaining life: {ttl} ms"
    );
}

#[tokio::test]
async fn a_client_built_with_its_own_tls_settings_is_a_store() {
    let ca = std::fs::read(env("REDIS_TLS_CA")).unwrap();
    let client = redis::Client::build_with_tls(
        env("REDIS_TLS_URL"),
        redis::TlsCertificates {
            client_tls: None,
            root_cert: Some(ca),
        },
    )
    .unwrap();
    let manager = redis::aio::ConnectionManager::new(client).await.unwrap();
    let store = RedisStore::from_manager(manager, Redis::plain().config);
    let tokens = Tokens {
        access_token: "OVER-TLS".into(),
        refresh_token: None,
        expires_at: 1,
        role: Role::Visitor,
        member: None,
    };
    let in_a_minute = SystemTime::now() + Duration::from_secs(60);
    store.save("v", &tokens, in_a_minute).await.unwrap();
    let loaded = store.load("v").await.unwrap().unwrap();
    assert_eq!(loaded.access_token.expose_secret(), "OVER-TLS");
}

#[tokio::test]
async fn a_server_that_cannot_be_reached_is_a_typed_error_without_its_address() {
    let password = "hunter2-must-not-leak";
    let url = format!("redis://user:{password}@127.0.0.1:9/");
    let err = RedisStore::connect(&url, RedisConfig::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Unavailable { store: "redis", .. }),
        "{err:?}"
    );
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("127.0.0.1") && !shown.contains(password),
        "{shown}"
    );
    assert_eq!(
        wix_auth_flows::Error::from(err).kind(),
        wix_auth_flows::ErrorKind::Transport,
        "an outage is retried, never a logout"
    );
}

#[tokio::test]
async fn debug_shows_the_key_prefix_and_never_the_server() {
    let redis = Redis::plain();
    let store = redis.connect().await;
    let shown = format!("{store:?}");
    assert_eq!(
        shown,
        format!(
            "RedisStore {{ key_prefix: {:?}, .. }}",
            redis.config.key_prefix
        )
    );
}
