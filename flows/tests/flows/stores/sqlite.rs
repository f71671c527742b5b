//! The SQLite store on a temporary file: the contract, with two pools over the file as two
//! instances.

use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use wix_auth_flows::store::{ExpiredDeletion, SqlConfig, SqliteStore, TokenStore};

use super::contract::{self, StoreUnderTest, store_contract};
use super::unique;

const LEASE: Duration = Duration::from_millis(800);

struct Sqlite {
    dir: tempfile::TempDir,
    config: SqlConfig,
}

impl Sqlite {
    async fn new() -> Self {
        let sqlite = Self {
            dir: tempfile::tempdir().unwrap(),
            config: SqlConfig {
                table_prefix: unique("sqlite"),
                lock_lease: LEASE,
                lock_wait: Duration::from_secs(10),
            },
        };
        sqlite.store().await.migrate().await.unwrap();
        sqlite
    }

    async fn store(&self) -> SqliteStore {
        let options = SqliteConnectOptions::new()
            .filename(self.dir.path().join("tokens.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .unwrap();
        SqliteStore::new(pool, self.config.clone()).unwrap()
    }
}

impl StoreUnderTest for Sqlite {
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

store_contract!(Sqlite::new().await, shared, lease = LEASE);

#[tokio::test]
async fn corrupt_data_is_a_typed_error() {
    let sqlite = Sqlite::new().await;
    let store = sqlite.store().await;
    let insert = format!(
        "INSERT INTO {}sessions (key, tokens, expires_at) VALUES ('damaged', X'FF00', 9223372036854775807)",
        sqlite.config.table_prefix
    );
    let corrupt = async move {
        sqlx::query(&insert).execute(store.pool()).await.unwrap();
    };
    contract::corrupt_data_is_a_typed_error(&sqlite, corrupt).await;
}
