//! Tokens in PostgreSQL or SQLite through `sqlx` (features `postgres`, `sqlite`): one
//! implementation, the same statements for both (`$N` parameters, `ON CONFLICT` upserts).
//!
//! Three tables, named from a prefix (default `wix_auth_`):
//! - `sessions (key, tokens, expires_at)`: the serialized [`Tokens`] of each session and
//!   when it may be forgotten (Unix milliseconds);
//! - `claims (key, expires_at)`: one-time claims, taken by an insert that conflicts;
//! - `refresh_locks (key, owner, expires_at)`: a lease row per session being refreshed,
//!   released by its owner only and taken over once its lease has passed.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use sqlx::query::Query;
use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Pool, Row, Type};

use super::{
    ExpiredDeletion, HeldRefreshLock, LoginClaims, RefreshGuard, RefreshLock, StoreError,
    TokenStore, decode_tokens, encode_tokens, lock_owner, unix_millis,
};
use crate::tokens::Tokens;

/// How a [`SqlStore`] is set up.
#[derive(Debug, Clone)]
pub struct SqlConfig {
    /// The prefix of the store's table names (default `wix_auth_`); letters, digits and
    /// `_`, optionally after a schema and a dot (`auth.wix_`).
    pub table_prefix: String,
    /// How long a refresh lock is held at most; a holder that dies is taken over after it.
    pub lock_lease: Duration,
    /// How long a replica waits for another's refresh before giving up.
    pub lock_wait: Duration,
}

impl Default for SqlConfig {
    fn default() -> Self {
        Self {
            table_prefix: "wix_auth_".into(),
            lock_lease: Duration::from_secs(10),
            lock_wait: Duration::from_secs(15),
        }
    }
}

/// The databases a [`SqlStore`] runs on: PostgreSQL and SQLite.
pub trait SqlDatabase: Database + sealed::Sealed {
    /// The store's name in errors.
    const STORE: &'static str;
    /// A statement run first in the migration's transaction, so that two processes
    /// migrating at once do not race.
    const MIGRATION_LOCK: Option<&'static str>;
    /// Rows changed by a statement.
    fn rows_affected(result: &Self::QueryResult) -> u64;
}

mod sealed {
    pub trait Sealed {}
}

#[cfg(feature = "postgres")]
impl sealed::Sealed for sqlx::Postgres {}

#[cfg(feature = "postgres")]
impl SqlDatabase for sqlx::Postgres {
    const STORE: &'static str = "postgres";
    const MIGRATION_LOCK: Option<&'static str> = Some("SELECT pg_advisory_xact_lock(7316802513)");
    fn rows_affected(result: &Self::QueryResult) -> u64 {
        result.rows_affected()
    }
}

#[cfg(feature = "sqlite")]
impl sealed::Sealed for sqlx::Sqlite {}

#[cfg(feature = "sqlite")]
impl SqlDatabase for sqlx::Sqlite {
    const STORE: &'static str = "sqlite";
    // A write transaction locks the whole file already.
    const MIGRATION_LOCK: Option<&'static str> = None;
    fn rows_affected(result: &Self::QueryResult) -> u64 {
        result.rows_affected()
    }
}

/// Tokens in PostgreSQL ([`PostgresStore`]) or SQLite ([`SqliteStore`]), over a pool the
/// app owns, shared by every replica that uses the same database: a cross-process refresh
/// lock and one-time claims come with it.
///
/// Create the tables once with [`SqlStore::migrate`], or run [`SqlStore::schema`] with your
/// own migration tool. Delete expired sessions with [`ExpiredDeletion::delete_expired`]
/// (or [`crate::store::delete_expired_every`] in the background).
///
/// ```no_run
/// # #[cfg(feature = "postgres")]
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// use wix_auth_flows::store::{PostgresStore, SqlConfig};
///
/// // TLS: `?sslmode=verify-full` (and `sslrootcert=…` for a private CA) in the URL.
/// let pool = sqlx::PgPool::connect(&std::env::var("DATABASE_URL")?).await?;
/// let store = PostgresStore::new(pool, SqlConfig::default())?;
/// store.migrate().await?;
/// # Ok(()) }
/// ```
pub struct SqlStore<DB: Database> {
    pool: Pool<DB>,
    config: SqlConfig,
    sql: Arc<Statements>,
    database: PhantomData<DB>,
}

/// Tokens in PostgreSQL (feature `postgres`).
#[cfg(feature = "postgres")]
pub type PostgresStore = SqlStore<sqlx::Postgres>;

/// Tokens in SQLite (feature `sqlite`).
#[cfg(feature = "sqlite")]
pub type SqliteStore = SqlStore<sqlx::Sqlite>;

impl<DB: Database> Clone for SqlStore<DB> {
    fn clone(&self) -> Self {
        Self {
            pool: self.pool.clone(),
            config: self.config.clone(),
            sql: self.sql.clone(),
            database: PhantomData,
        }
    }
}

impl<DB: SqlDatabase> std::fmt::Debug for SqlStore<DB> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the pool: its options hold the connection string and password.
        f.debug_struct("SqlStore")
            .field("database", &DB::STORE)
            .field("table_prefix", &self.config.table_prefix)
            .finish_non_exhaustive()
    }
}

/// The statements of one table prefix.
struct Statements {
    schema: Vec<String>,
    load: String,
    save: String,
    clear: String,
    claim: String,
    lock: String,
    release: String,
    delete_expired: [String; 3],
}

impl Statements {
    fn new(prefix: &str) -> Self {
        let (sessions, claims, locks) = (
            format!("{prefix}sessions"),
            format!("{prefix}claims"),
            format!("{prefix}refresh_locks"),
        );
        let index = format!(
            "{}sessions_expires_at",
            prefix.rsplit('.').next().unwrap_or(prefix)
        );
        Self {
            schema: vec![
                format!(
                    "CREATE TABLE IF NOT EXISTS {sessions} (key TEXT PRIMARY KEY, tokens TEXT NOT NULL, expires_at BIGINT NOT NULL)"
                ),
                format!("CREATE INDEX IF NOT EXISTS {index} ON {sessions} (expires_at)"),
                format!(
                    "CREATE TABLE IF NOT EXISTS {claims} (key TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)"
                ),
                format!(
                    "CREATE TABLE IF NOT EXISTS {locks} (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at BIGINT NOT NULL)"
                ),
            ],
            load: format!("SELECT tokens FROM {sessions} WHERE key = $1 AND expires_at > $2"),
            save: format!(
                "INSERT INTO {sessions} (key, tokens, expires_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, expires_at = excluded.expires_at"
            ),
            clear: format!("DELETE FROM {sessions} WHERE key = $1"),
            // A claim or lease row that has ended is taken over; a live one is left as it is
            // and the statement changes no row.
            claim: format!(
                "INSERT INTO {claims} (key, expires_at) VALUES ($1, $2) \
                 ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at \
                 WHERE {claims}.expires_at <= $3"
            ),
            lock: format!(
                "INSERT INTO {locks} (key, owner, expires_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at \
                 WHERE {locks}.expires_at <= $4"
            ),
            release: format!("DELETE FROM {locks} WHERE key = $1 AND owner = $2"),
            delete_expired: [
                format!("DELETE FROM {sessions} WHERE expires_at <= $1"),
                format!("DELETE FROM {claims} WHERE expires_at <= $1"),
                format!("DELETE FROM {locks} WHERE expires_at <= $1"),
            ],
        }
    }
}

/// Whether `prefix` is safe to put in SQL as part of a table name.
fn valid_prefix(prefix: &str) -> bool {
    let mut parts = prefix.split('.');
    let ident = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    match (parts.next(), parts.next(), parts.next()) {
        (Some(table), None, None) => ident(table),
        (Some(schema), Some(table), None) => ident(schema) && ident(table),
        _ => false,
    }
}

/// A driver failure by its category only: sqlx's text can hold the server's address or a
/// query's values.
fn sql_error(store: &'static str, error: &sqlx::Error) -> StoreError {
    let reason = match error {
        sqlx::Error::Io(e) => format!("i/o error ({:?})", e.kind()),
        sqlx::Error::Tls(_) => "the TLS connection failed".into(),
        sqlx::Error::PoolTimedOut => "no connection became free within the pool's timeout".into(),
        sqlx::Error::PoolClosed => "the connection pool is closed".into(),
        sqlx::Error::Database(e) => {
            let code = e.code().unwrap_or_default().into_owned();
            let missing = code == "42P01" || e.message().starts_with("no such table");
            if missing {
                format!("database error {code}: the store's tables are missing (run migrate())")
            } else {
                format!("database error {code}")
            }
        }
        sqlx::Error::Configuration(_) => "invalid connection configuration".into(),
        _ => "driver error".into(),
    };
    StoreError::unavailable(store, reason)
}

fn now_millis() -> i64 {
    unix_millis(SystemTime::now())
}

impl<DB> SqlStore<DB>
where
    DB: SqlDatabase,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'r> String: Decode<'r, DB>,
    usize: ColumnIndex<DB::Row>,
{
    /// A store over `pool`; the tables are named from `config.table_prefix`, refused when
    /// it is not a plain (optionally schema-qualified) name.
    pub fn new(pool: Pool<DB>, config: SqlConfig) -> Result<Self, StoreError> {
        if !valid_prefix(&config.table_prefix) {
            return Err(StoreError::InvalidConfiguration(
                "the table prefix must be letters, digits and `_`, optionally after `schema.`",
            ));
        }
        Ok(Self {
            sql: Arc::new(Statements::new(&config.table_prefix)),
            pool,
            config,
            database: PhantomData,
        })
    }

    /// The statements that create the store's tables and index (idempotent), for a
    /// migration tool of your own.
    pub fn schema(&self) -> String {
        self.sql.schema.iter().map(|s| format!("{s};\n")).collect()
    }

    /// Creates the store's tables and index when they do not exist, in one transaction.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let err = |e: sqlx::Error| sql_error(DB::STORE, &e);
        let mut tx = self.pool.begin().await.map_err(err)?;
        if let Some(lock) = DB::MIGRATION_LOCK {
            sqlx::query::<DB>(lock)
                .execute(&mut *tx)
                .await
                .map_err(err)?;
        }
        for statement in &self.sql.schema {
            sqlx::query::<DB>(statement)
                .execute(&mut *tx)
                .await
                .map_err(err)?;
        }
        tx.commit().await.map_err(err)
    }

    /// The pool.
    pub fn pool(&self) -> &Pool<DB> {
        &self.pool
    }

    /// Runs a statement; how many rows it changed.
    async fn run<'q>(&self, query: Query<'q, DB, DB::Arguments<'q>>) -> Result<u64, StoreError> {
        let result = query
            .execute(&self.pool)
            .await
            .map_err(|e| sql_error(DB::STORE, &e))?;
        Ok(DB::rows_affected(&result))
    }

    async fn load_tokens(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        let row = sqlx::query::<DB>(&self.sql.load)
            .bind(key.to_string())
            .bind(now_millis())
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| sql_error(DB::STORE, &e))?;
        let Some(row) = row else {
            return Ok(None);
        };
        let json: String = row.try_get(0).map_err(|_| StoreError::Corrupt {
            store: DB::STORE,
            key: key.to_string(),
            at: "tokens".into(),
        })?;
        decode_tokens(DB::STORE, key, json.as_bytes()).map(Some)
    }

    async fn save_tokens(
        &self,
        key: &str,
        tokens: &Tokens,
        expires_at: SystemTime,
    ) -> Result<(), StoreError> {
        let query = sqlx::query(&self.sql.save)
            .bind(key.to_string())
            .bind(encode_tokens(tokens))
            .bind(unix_millis(expires_at));
        self.run(query).await.map(drop)
    }

    async fn clear_tokens(&self, key: &str) -> Result<(), StoreError> {
        let query = sqlx::query(&self.sql.clear).bind(key.to_string());
        self.run(query).await.map(drop)
    }

    async fn claim(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        let now = now_millis();
        let until = now.saturating_add(i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX));
        let query = sqlx::query(&self.sql.claim)
            .bind(key.to_string())
            .bind(until)
            .bind(now);
        Ok(self.run(query).await? == 1)
    }

    /// Takes the lease row of `key`, waiting for a live one to end; the owner drawn.
    async fn take_lock(&self, key: &str) -> Result<String, StoreError> {
        let owner = lock_owner()?;
        let lease = i64::try_from(self.config.lock_lease.as_millis()).unwrap_or(i64::MAX);
        let deadline = tokio::time::Instant::now() + self.config.lock_wait;
        loop {
            let now = now_millis();
            let query = sqlx::query(&self.sql.lock)
                .bind(key.to_string())
                .bind(owner.clone())
                .bind(now.saturating_add(lease))
                .bind(now);
            if self.run(query).await? == 1 {
                return Ok(owner);
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(StoreError::LockTimeout);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    async fn release(&self, key: &str, owner: &str) -> Result<(), StoreError> {
        let query = sqlx::query(&self.sql.release)
            .bind(key.to_string())
            .bind(owner.to_string());
        self.run(query).await.map(drop)
    }

    async fn delete_expired_rows(&self) -> Result<u64, StoreError> {
        let now = now_millis();
        let [sessions, claims, locks] = &self.sql.delete_expired;
        let deleted = self.run(sqlx::query(sessions).bind(now)).await?;
        self.run(sqlx::query(claims).bind(now)).await?;
        self.run(sqlx::query(locks).bind(now)).await?;
        Ok(deleted)
    }
}

/// A lease row this process holds.
struct HeldSqlLock<DB: Database> {
    store: SqlStore<DB>,
    key: String,
    owner: String,
}

/// The store traits of one database, each method the generic one above.
macro_rules! sql_store_traits {
    ($db:ty) => {
        #[async_trait]
        impl TokenStore for SqlStore<$db> {
            async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
                self.load_tokens(key).await
            }

            async fn save(
                &self,
                key: &str,
                tokens: &Tokens,
                expires_at: SystemTime,
            ) -> Result<(), StoreError> {
                self.save_tokens(key, tokens, expires_at).await
            }

            async fn clear(&self, key: &str) -> Result<(), StoreError> {
                self.clear_tokens(key).await
            }

            fn refresh_lock(&self) -> Option<&dyn RefreshLock> {
                Some(self)
            }

            fn login_claims(&self) -> Option<&dyn LoginClaims> {
                Some(self)
            }
        }

        #[async_trait]
        impl RefreshLock for SqlStore<$db> {
            async fn lock_refresh(&self, key: &str) -> Result<RefreshGuard, StoreError> {
                let owner = self.take_lock(key).await?;
                Ok(RefreshGuard::new(HeldSqlLock {
                    store: self.clone(),
                    key: key.to_string(),
                    owner,
                }))
            }
        }

        #[async_trait]
        impl LoginClaims for SqlStore<$db> {
            async fn claim_once(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
                self.claim(key, ttl).await
            }
        }

        #[async_trait]
        impl ExpiredDeletion for SqlStore<$db> {
            async fn delete_expired(&self) -> Result<u64, StoreError> {
                self.delete_expired_rows().await
            }
        }

        #[async_trait]
        impl HeldRefreshLock for HeldSqlLock<$db> {
            async fn release(self: Box<Self>) -> Result<(), StoreError> {
                self.store.release(&self.key, &self.owner).await
            }
        }
    };
}

#[cfg(feature = "postgres")]
sql_store_traits!(sqlx::Postgres);
#[cfg(feature = "sqlite")]
sql_store_traits!(sqlx::Sqlite);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_table_prefixes_reach_the_sql() {
        for good in ["wix_auth_", "auth.wix_", "_x", "A1_"] {
            assert!(valid_prefix(good), "{good}");
        }
        for bad in [
            "",
            "1x",
            "a b",
            "x;drop table y",
            "a.b.c",
            "a.",
            ".a",
            "x-y",
            "\"x\"",
        ] {
            assert!(!valid_prefix(bad), "{bad}");
        }
    }
}
