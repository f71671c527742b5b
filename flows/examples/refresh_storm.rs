//! A refresh storm on PostgreSQL: 10,000 sessions whose access tokens expire at once, asked
//! for by two app instances (each its own flows, pool and store) at the same time. Every
//! session must be refreshed exactly once — 10,000 refresh requests reach the in-process
//! sandbox, not 20,000 — and the wall time is printed.
//!
//! `POSTGRES_URL=… cargo run --release -p wix-auth-flows --features postgres --example refresh_storm`
//! (`.ci/services.sh` starts a server and sets the URL).

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use wix_auth_flows::clock::ManualClock;
use wix_auth_flows::store::{PostgresStore, SqlConfig};
use wix_auth_flows::{Sessions, WixAuth};
use wix_auth_sandbox::Sandbox;
use wix_auth_sandbox::config::DEFAULT_CLIENT_ID;

const SESSIONS: usize = 10_000;
/// Requests each instance has in flight.
const CONCURRENCY: usize = 32;

async fn instance(
    base_url: &str,
    clock: &ManualClock,
    url: &str,
    prefix: &str,
) -> Result<Sessions, Box<dyn std::error::Error>> {
    let auth = WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(base_url)
        .clock(clock.clone())
        .build()?;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(CONCURRENCY as u32)
        .connect(url)
        .await?;
    let config = SqlConfig {
        table_prefix: prefix.to_string(),
        lock_wait: Duration::from_secs(60),
        ..SqlConfig::default()
    };
    let store = PostgresStore::new(pool, config)?;
    store.migrate().await?;
    Ok(Sessions::new(auth, store))
}

/// Asks for every session's tokens, `CONCURRENCY` at a time.
async fn ask_all(sessions: Sessions) -> Result<(), wix_auth_flows::Error> {
    let mut results = futures_util::stream::iter(0..SESSIONS)
        .map(|i| {
            let session = sessions.get(format!("storm-{i}"));
            async move { session.tokens().await }
        })
        .buffer_unordered(CONCURRENCY);
    while let Some(result) = results.next().await {
        result?;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url =
        std::env::var("POSTGRES_URL").map_err(|_| "set POSTGRES_URL (see .ci/services.sh)")?;
    let sandbox = Sandbox::builder().start().await?;
    let clock = ManualClock::at(0);
    let prefix = format!("storm_{}_", std::process::id());
    let one = instance(sandbox.base_url(), &clock, &url, &prefix).await?;
    let two = instance(sandbox.base_url(), &clock, &url, &prefix).await?;

    // Visitor sessions, minted now, all expiring within the refresh margin once the clock
    // moves.
    let minted = Arc::new(
        WixAuth::builder(DEFAULT_CLIENT_ID)
            .base_url(sandbox.base_url())
            .build()?,
    );
    let mut mint = futures_util::stream::iter(0..SESSIONS)
        .map(|i| {
            let (minted, one) = (minted.clone(), one.clone());
            async move {
                let tokens = minted.visitor_tokens().await?;
                one.get(format!("storm-{i}")).set(&tokens).await
            }
        })
        .buffer_unordered(CONCURRENCY);
    let mut expires_at = 0;
    while let Some(result) = mint.next().await {
        result?;
    }
    drop(mint);
    for i in 0..SESSIONS {
        let tokens = one
            .get(format!("storm-{i}"))
            .stored()
            .await?
            .ok_or("not stored")?;
        expires_at = expires_at.max(tokens.expires_at);
    }
    clock.advance(expires_at);

    let before = sandbox.token_requests("refresh_token");
    let started = Instant::now();
    let (a, b) = tokio::join!(ask_all(one), ask_all(two));
    a?;
    b?;
    let elapsed = started.elapsed();
    let refreshes = sandbox.token_requests("refresh_token") - before;
    println!(
        "{SESSIONS} sessions expiring at once, 2 instances on PostgreSQL ({CONCURRENCY} in flight each): \
         {refreshes} refresh requests in {elapsed:.2?}"
    );
    if refreshes != SESSIONS as u64 {
        return Err(format!("expected {SESSIONS} refresh requests, saw {refreshes}").into());
    }
    Ok(())
}
