//! The token stores per operation (load, save, claim, lock + release) against a bare call of
//! the same driver sending the same command or statement, on real servers (`REDIS_URL`,
//! `POSTGRES_URL`; SQLite on a temporary file), and the memory store's load.
//!
//! `source .ci/services.sh && start_services && cargo xtask bench-stores` starts the servers
//! and prints the ratios.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use tokio::runtime::Runtime;
use wix_auth_flows::store::{
    MemoryStore, PostgresStore, RedisConfig, RedisStore, SqlConfig, SqliteStore, TokenStore,
};
use wix_auth_flows::{Role, Tokens};

/// Tokens the size Wix's are: a JWS access token of about 1 KB and a refresh token.
fn tokens() -> Tokens {
    Tokens {
        access_token: format!("OauthNG.JWS.{}", "a".repeat(1000)).into(),
        refresh_token: Some(format!("JWS.{}", "r".repeat(300)).into()),
        expires_at: 1_700_000_000,
        role: Role::Member,
        member: None,
    }
}

fn in_a_day() -> SystemTime {
    SystemTime::now() + Duration::from_secs(86_400)
}

fn millis(at: SystemTime) -> i64 {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// A key no iteration has used (claims and locks must be free to be taken).
fn fresh(what: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "{what}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The store's `op` against the bare driver call, in one benchmark: every iteration times
/// one call of each, in alternating order, so both are measured in the same moments (on a
/// shared machine, a server's latency drifts between one benchmark and the next). Criterion
/// reports the store's call; the per-call medians of both go to
/// `target/criterion/<group>/<op>/paired.json`, which `cargo xtask bench --stores` compares.
fn paired<B, BF, S, SF>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    group_name: &str,
    rt: &Runtime,
    op: &str,
    bare: B,
    store: S,
) where
    B: Fn() -> BF,
    BF: Future,
    S: Fn() -> SF,
    SF: Future,
{
    let calls = std::sync::Mutex::new((Vec::new(), Vec::new()));
    group.bench_function(op, |b| {
        b.to_async(rt).iter_custom(|iters| {
            let (bare, store, calls) = (&bare, &store, &calls);
            async move {
                let mut store_total = Duration::ZERO;
                for i in 0..iters {
                    let mut timed = [Duration::ZERO; 2];
                    for which in [i % 2, 1 - i % 2] {
                        let started = Instant::now();
                        if which == 0 {
                            bare().await;
                        } else {
                            store().await;
                        }
                        timed[which as usize] = started.elapsed();
                    }
                    store_total += timed[1];
                    let mut calls = calls.lock().unwrap();
                    calls.0.push(timed[0]);
                    calls.1.push(timed[1]);
                }
                store_total
            }
        })
    });
    let (mut bare_calls, mut store_calls) = calls.into_inner().unwrap();
    let median = |calls: &mut Vec<Duration>| {
        calls.sort();
        calls.get(calls.len() / 2).map_or(0, |d| d.as_nanos())
    };
    let summary = serde_json::json!({
        "bare_median_ns": median(&mut bare_calls),
        "store_median_ns": median(&mut store_calls),
        "calls": store_calls.len(),
    });
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let dir = target.join("criterion").join(group_name).join(op);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("paired.json"), summary.to_string()).unwrap();
}

fn memory(c: &mut Criterion, rt: &Runtime) {
    let store = MemoryStore::new();
    rt.block_on(store.save("member", &tokens(), in_a_day()))
        .unwrap();
    c.benchmark_group("store_memory")
        .bench_function("load", |b| {
            b.to_async(rt)
                .iter(|| async { store.load("member").await.unwrap() })
        });
}

fn redis(c: &mut Criterion, rt: &Runtime) {
    let url = std::env::var("REDIS_URL").expect("REDIS_URL (see .ci/services.sh)");
    let config = RedisConfig {
        key_prefix: format!("bench:{}:", std::process::id()),
        ..RedisConfig::default()
    };
    let prefix = config.key_prefix.clone();
    let (store, bare) = rt.block_on(async {
        let client = redis::Client::open(url.as_str()).unwrap();
        let bare = redis::aio::ConnectionManager::new(client).await.unwrap();
        (RedisStore::from_manager(bare.clone(), config), bare)
    });
    let json = serde_json::to_string(&tokens()).unwrap();
    rt.block_on(store.save("member", &tokens(), in_a_day()))
        .unwrap();
    let release = redis::Script::new(
        r#"if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end"#,
    );

    let group_name = "store_redis";
    let mut group = c.benchmark_group(group_name);
    paired(
        &mut group,
        group_name,
        rt,
        "load",
        || async {
            let mut c = bare.clone();
            redis::cmd("GET")
                .arg(format!("{prefix}tokens:member"))
                .query_async::<Option<Vec<u8>>>(&mut c)
                .await
                .unwrap()
        },
        || async { store.load("member").await.unwrap() },
    );
    paired(
        &mut group,
        group_name,
        rt,
        "save",
        || async {
            let mut c = bare.clone();
            redis::cmd("SET")
                .arg(format!("{prefix}tokens:member"))
                .arg(&json)
                .arg("PX")
                .arg(86_400_000u64)
                .query_async::<()>(&mut c)
                .await
                .unwrap()
        },
        || async { store.save("member", &tokens(), in_a_day()).await.unwrap() },
    );
    paired(
        &mut group,
        group_name,
        rt,
        "claim",
        || async {
            let mut c = bare.clone();
            redis::cmd("SET")
                .arg(format!("{prefix}claim:{}", fresh("claim")))
                .arg("1")
                .arg("NX")
                .arg("PX")
                .arg(60_000u64)
                .query_async::<Option<String>>(&mut c)
                .await
                .unwrap()
        },
        || async {
            let claims = store.login_claims().unwrap();
            claims
                .claim_once(&fresh("claim"), Duration::from_secs(60))
                .await
                .unwrap()
        },
    );
    paired(
        &mut group,
        group_name,
        rt,
        "lock_release",
        || async {
            let mut c = bare.clone();
            let key = format!("{prefix}lock:member");
            let taken: Option<String> = redis::cmd("SET")
                .arg(&key)
                .arg("0123456789abcdef0123456789abcdef")
                .arg("NX")
                .arg("PX")
                .arg(10_000u64)
                .query_async(&mut c)
                .await
                .unwrap();
            assert!(taken.is_some());
            release
                .key(&key)
                .arg("0123456789abcdef0123456789abcdef")
                .invoke_async::<i64>(&mut c)
                .await
                .unwrap()
        },
        || async {
            let guard = store.refresh_lock().unwrap().lock_refresh("member").await;
            guard.unwrap().release().await.unwrap()
        },
    );
    group.finish();
}

/// The SQL stores: the same statements the store sends, bound the same way.
macro_rules! sql_bench {
    ($name:literal, $c:expr, $rt:expr, $store:expr) => {{
        let (c, rt, store) = ($c, $rt, $store);
        rt.block_on(store.migrate()).unwrap();
        rt.block_on(store.save("member", &tokens(), in_a_day()))
            .unwrap();
        let pool = store.pool().clone();
        let json = serde_json::to_string(&tokens()).unwrap();
        let t = "wix_auth_";
        let load = format!("SELECT tokens FROM {t}sessions WHERE key = $1 AND expires_at > $2");
        let save = format!(
            "INSERT INTO {t}sessions (key, tokens, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, expires_at = excluded.expires_at"
        );
        let claim = format!(
            "INSERT INTO {t}claims (key, expires_at) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE {t}claims.expires_at <= $3"
        );
        let lock = format!(
            "INSERT INTO {t}refresh_locks (key, owner, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at \
             WHERE {t}refresh_locks.expires_at <= $4"
        );
        let release = format!("DELETE FROM {t}refresh_locks WHERE key = $1 AND owner = $2");
        let now = || millis(SystemTime::now());

        let group_name = $name;
        let mut group = c.benchmark_group(group_name);
        paired(
        &mut group,
        group_name,
        rt,
        "load",
        || async {
                sqlx::query(&load)
                    .bind("member".to_string())
                    .bind(now())
                    .fetch_optional(&pool)
                    .await
                    .unwrap()
            },
        || async { store.load("member").await.unwrap() },
    );
        paired(
        &mut group,
        group_name,
        rt,
        "save",
        || async {
                sqlx::query(&save)
                    .bind("member".to_string())
                    .bind(json.clone())
                    .bind(millis(in_a_day()))
                    .execute(&pool)
                    .await
                    .unwrap()
            },
        || async { store.save("member", &tokens(), in_a_day()).await.unwrap() },
    );
        paired(
        &mut group,
        group_name,
        rt,
        "claim",
        || async {
                sqlx::query(&claim)
                    .bind(fresh("claim"))
                    .bind(now() + 60_000)
                    .bind(now())
                    .execute(&pool)
                    .await
                    .unwrap()
            },
        || async {
                let claims = store.login_claims().unwrap();
                claims
                    .claim_once(&fresh("claim"), Duration::from_secs(60))
                    .await
                    .unwrap()
            },
    );
        paired(
        &mut group,
        group_name,
        rt,
        "lock_release",
        || async {
                let owner = "0123456789abcdef0123456789abcdef".to_string();
                let taken = sqlx::query(&lock)
                    .bind("member".to_string())
                    .bind(owner.clone())
                    .bind(now() + 10_000)
                    .bind(now())
                    .execute(&pool)
                    .await
                    .unwrap();
                assert_eq!(taken.rows_affected(), 1);
                sqlx::query(&release)
                    .bind("member".to_string())
                    .bind(owner)
                    .execute(&pool)
                    .await
                    .unwrap()
            },
        || async {
                let guard = store.refresh_lock().unwrap().lock_refresh("member").await;
                guard.unwrap().release().await.unwrap()
            },
    );
        group.finish();
    }};
}

fn postgres(c: &mut Criterion, rt: &Runtime) {
    let url = std::env::var("POSTGRES_URL").expect("POSTGRES_URL (see .ci/services.sh)");
    let pool = rt.block_on(
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(4)
            .connect(&url),
    );
    let store = PostgresStore::new(pool.unwrap(), SqlConfig::default()).unwrap();
    sql_bench!("store_postgres", c, rt, &store);
}

fn sqlite(c: &mut Criterion, rt: &Runtime) {
    let dir = tempfile::tempdir().unwrap();
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.path().join("tokens.db"))
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
    let pool = rt.block_on(
        sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options),
    );
    let store = SqliteStore::new(pool.unwrap(), SqlConfig::default()).unwrap();
    sql_bench!("store_sqlite", c, rt, &store);
}

fn stores(c: &mut Criterion) {
    // One thread: no task hops between the timed calls (the servers and SQLite's workers
    // have threads of their own).
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    memory(c, &rt);
    redis(c, &rt);
    postgres(c, &rt);
    sqlite(c, &rt);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(100).measurement_time(Duration::from_secs(6));
    targets = stores
}
criterion_main!(benches);
