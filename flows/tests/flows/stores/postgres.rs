//! The PostgreSQL store against a real server: the contract in plain text (`POSTGRES_URL`)
//! and over TLS (`POSTGRES_TLS_URL`, `sslmode=verify-full` with the test CA), then what only
//! the SQL stores have: the schema, its prefix, and no connection string in any message.

use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use wix_auth_flows::store::{ExpiredDeletion, PostgresStore, SqlConfig, StoreError, TokenStore};

use super::contract::{self, StoreUnderTest, store_contract};
use super::{env, unique};

const LEASE: Duration = Duration::from_millis(800);

/// Instances with pools of their own over one database and one table prefix.
struct Postgres {
    url: String,
    config: SqlConfig,
}

impl Postgres {
    async fn at(variable: &str) -> Self {
        let postgres = Self {
            url: env(variable),
            config: SqlConfig {
                table_prefix: unique("pg"),
                lock_lease: LEASE,
                lock_wait: Duration::from_secs(10),
            },
        };
        postgres.store().await.migrate().await.unwrap();
        postgres
    }

    async fn store(&self) -> PostgresStore {
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(5))
            .connect(&self.url)
            .await
            .unwrap();
        PostgresStore::new(pool, self.config.clone()).unwrap()
    }
}

impl StoreUnderTest for Postgres {
    async fn instance(&self) -> Arc<dyn TokenStore> {
        Arc::new(self.store().await)
    }

    fn shared(&self) -> bool {
        true
    }

    async fn deletion(&self) -> Option<Arc<dyn ExpiredDeletion>> {
        Some(Arc::new(self.store().await))
    }
}

mod plain {
    use super::*;
    store_contract!(Postgres::at("POSTGRES_URL").await, shared, lease = LEASE);
}

mod tls {
    use super::*;
    store_contract!(
        Postgres::at("POSTGRES_TLS_URL").await,
        shared,
        lease = LEASE
    );
}

#[tokio::test]
async fn corrupt_data_is_a_typed_error() {
    let postgres = Postgres::at("POSTGRES_URL").await;
    let store = postgres.store().await;
    let insert = format!(
        "INSERT INTO {}sessions (key, tokens, expires_at) VALUES ('damaged', 'not json', 9223372036854775807)",
        postgres.config.table_prefix
    );
    let corrupt = async move {
        sqlx::query(&insert).execute(store.pool()).await.unwrap();
    };
    contract::corrupt_data_is_a_typed_error(&postgres, corrupt).await;
}

#[tokio::test]
async fn the_schema_is_idempotent_and_given_for_migration_tools() {
    let postgres = Postgres::at("POSTGRES_URL").await;
    let store = postgres.store().await;
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
    let schema = store.schema();
    let prefix = &postgres.config.table_prefix;
    for table in ["sessions", "claims", "refresh_locks"] {
        assert!(
            schema.contains(&format!("CREATE TABLE IF NOT EXISTS {prefix}{table} ")),
            "{schema}"
        );
    }
    // The same statements, run by a migration tool, make a working store.
    let other = SqlConfig {
        table_prefix: unique("pg_tool"),
        ..postgres.config.clone()
    };
    let by_tool = PostgresStore::new(store.pool().clone(), other).unwrap();
    sqlx::raw_sql(&by_tool.schema())
        .execute(store.pool())
        .await
        .unwrap();
    assert!(by_tool.load("nobody").await.unwrap().is_none());
}

#[tokio::test]
async fn two_processes_migrating_at_once_both_succeed() {
    let postgres = Postgres::at("POSTGRES_URL").await;
    let fresh = SqlConfig {
        table_prefix: unique("pg_race"),
        ..postgres.config.clone()
    };
    let (one, two) = (postgres.store().await, postgres.store().await);
    let (one, two) = (
        PostgresStore::new(one.pool().clone(), fresh.clone()).unwrap(),
        PostgresStore::new(two.pool().clone(), fresh).unwrap(),
    );
    let (a, b) = tokio::join!(one.migrate(), two.migrate());
    a.unwrap();
    b.unwrap();
}

#[tokio::test]
async fn an_unmigrated_store_names_the_fix() {
    let postgres = Postgres::at("POSTGRES_URL").await;
    let pool = postgres.store().await.pool().clone();
    let config = SqlConfig {
        table_prefix: unique("pg_missing"),
        ..SqlConfig::default()
    };
    let err = PostgresStore::new(pool, config)
        .unwrap()
        .load("k")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("migrate()"), "{err}");
}

#[tokio::test]
async fn a_table_prefix_that_is_not_a_plain_name_is_refused() {
    let pool = PgPoolOptions::new()
        .connect_lazy(&env("POSTGRES_URL"))
        .unwrap();
    let config = SqlConfig {
        table_prefix: "x; DROP TABLE users; --".into(),
        ..SqlConfig::default()
    };
    let err = PostgresStore::new(pool, config).unwrap_err();
    assert!(
        matches!(err, StoreError::InvalidConfiguration(_)),
        "{err:?}"
    );
}

#[tokio::test]
async fn neither_messages_nor_debug_show_the_connection_string() {
    let password = "hunter2-must-not-leak";
    let url = format!("postgres://wix:{password}@127.0.0.1:9/tokens");
    let pool = PgPoolOptions::new()
        .acquire_timeout(Duration::from_millis(500))
        .connect_lazy(&url)
        .unwrap();
    let store = PostgresStore::new(pool, SqlConfig::default()).unwrap();
    let err = store.load("k").await.unwrap_err();
    let shown = format!("{err} {err:?} {store:?}");
    for secret in [password, "127.0.0.1", "wix:"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(
        matches!(
            err,
            StoreError::Unavailable {
                store: "postgres",
                ..
            }
        ),
        "{err:?}"
    );
}
