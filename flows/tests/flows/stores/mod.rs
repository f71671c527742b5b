//! The token stores: one contract ([`contract`]) run against every store — memory, file,
//! Redis (one server, TLS, a cluster), PostgreSQL (plain and TLS), SQLite — and the
//! store-specific behaviour beside it. The server stores' modules build only with their
//! features and need their servers (`.ci/run` starts them; the URLs come from the
//! environment, and without them these tests fail: they are never skipped). The outage
//! tests start and stop servers of their own.

pub mod contract;
mod file;
mod memory;
#[cfg(any(feature = "redis", feature = "postgres"))]
mod outage;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "redis")]
mod redis;
#[cfg(any(feature = "redis", feature = "postgres"))]
pub mod servers;
#[cfg(feature = "sqlite")]
mod sqlite;

/// A name no other test of this run uses, for key and table prefixes.
#[cfg(any(feature = "redis", feature = "postgres", feature = "sqlite"))]
pub fn unique(what: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "t{}_{}_{what}_",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    )
}

/// An environment variable a server test needs.
#[cfg(any(feature = "redis", feature = "postgres"))]
pub fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} must be set (these tests are not skipped; see .ci/run)"))
}
