//! Measures the memory store's footprint: 1,000,000 short visitor sessions minted (100 waves
//! of 10,000, each living 50 ms, as a web app's bot traffic would) and expired, then the same
//! 1,000,000 sessions in a store that keeps them (a lifetime of a day: the bare baseline of
//! the same run, what a store that never forgets does). Prints the process's resident
//! memory at each step (Linux, `/proc/self/status`).
//!
//! `cargo run --release -p wix-auth-flows --example memory_store_rss`

use std::time::{Duration, Instant};

use wix_auth_flows::store::{ExpiredDeletion, MemoryStore};
use wix_auth_flows::{Role, Sessions, Tokens, WixAuth};

const WAVES: usize = 100;
const PER_WAVE: usize = 10_000;

/// Resident memory now, in MiB.
fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Visitor tokens the size Wix's are (a JWS access token of about 1 KB, a refresh token).
fn visitor(i: usize) -> Tokens {
    Tokens {
        access_token: format!("OauthNG.JWS.{i:010}{}", "a".repeat(1000)).into(),
        refresh_token: Some(format!("JWS.{i:010}{}", "r".repeat(300)).into()),
        expires_at: 1_700_014_400,
        role: Role::Visitor,
        member: None,
    }
}

async fn mint(sessions: &Sessions, wave: usize) {
    for i in wave * PER_WAVE..(wave + 1) * PER_WAVE {
        sessions
            .get(format!("web-session:{i}"))
            .set(&visitor(i))
            .await
            .expect("a memory store does not fail");
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let auth = WixAuth::builder("client").build()?;
    let start = rss_mib();
    println!("start: {start:.1} MiB");

    let store = std::sync::Arc::new(MemoryStore::new());
    let lifetime = Duration::from_millis(50);
    let sessions = Sessions::new(auth.clone(), store.clone()).with_session_lifetime(lifetime);
    let started = Instant::now();
    let mut peak = start;
    for wave in 0..WAVES {
        mint(&sessions, wave).await;
        peak = peak.max(rss_mib());
        tokio::time::sleep(lifetime).await;
    }
    tokio::time::sleep(lifetime).await;
    let deleted = store.delete_expired().await?;
    let end = rss_mib();
    println!(
        "expiring store: {} sessions minted in {:.1?}; {} held at the end ({deleted} deleted by \
         the last sweep); peak {peak:.1} MiB, end {end:.1} MiB ({:+.1} MiB from the start)",
        WAVES * PER_WAVE,
        started.elapsed(),
        store.len(),
        end - start
    );

    let baseline_start = rss_mib();
    let keeping = std::sync::Arc::new(MemoryStore::new());
    let day = Duration::from_secs(86_400);
    let kept = Sessions::new(auth, keeping.clone()).with_session_lifetime(day);
    for wave in 0..WAVES {
        mint(&kept, wave).await;
    }
    let baseline_end = rss_mib();
    println!(
        "baseline, sessions kept: {} held, {baseline_end:.1} MiB ({:+.1} MiB)",
        keeping.len(),
        baseline_end - baseline_start
    );
    Ok(())
}
