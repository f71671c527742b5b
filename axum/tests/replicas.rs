//! Two replicas of the example site on one Redis (`REDIS_URL`): a cookie minted by one
//! works on the other, a refresh needed by both happens once, and a callback replayed on
//! the other replica is refused. Run with `cargo test -p wix-auth-axum --features redis
//! --test replicas`; `.ci/run` starts a Redis server for it. Without `REDIS_URL` these tests
//! fail: they are never skipped.

#[path = "../examples/site/app.rs"]
#[allow(dead_code)]
mod app;
#[path = "web/common.rs"]
#[allow(dead_code)]
mod common;

use std::time::Duration;

use common::{Agent, Clocks, Setup, Wix, location, member_page, register};
use wix_auth_flows::store::{RedisConfig, RedisStore};

async fn store(test: &str) -> RedisStore {
    let url = std::env::var("REDIS_URL")
        .expect("REDIS_URL must point at a Redis server (these tests are not skipped)");
    let config = RedisConfig {
        key_prefix: format!("wix-auth-axum-test:{}:{test}:", std::process::id()),
        lock_lease: Duration::from_millis(800),
        lock_wait: Duration::from_secs(10),
    };
    RedisStore::connect(&url, config).await.unwrap()
}

/// A sandbox and two replicas of the site over one Redis keyspace.
async fn replicas(test: &str, clocks: Option<Clocks>) -> (Wix, String, String) {
    let mut wix = Wix::start(Setup::expiring(clocks.clone())).await;
    let first = wix.serve(store(test).await, clocks.as_ref()).await;
    let second = wix.serve(store(test).await, clocks.as_ref()).await;
    (wix, first, second)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cookie_minted_by_one_replica_works_on_the_other() {
    let (_wix, first, second) = replicas("cookie", None).await;
    let agent = Agent::new();
    register(&agent, &first, "ra@example.com").await;
    let page = member_page(&agent.same_browser(), &second).await.unwrap();
    assert!(page.contains("ra@example.com"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn both_replicas_needing_a_refresh_make_one_refresh_call() {
    let clocks = Clocks::at(1_700_000_000);
    let (wix, first, second) = replicas("refresh", Some(clocks.clone())).await;
    let agent = Agent::new();
    register(&agent, &first, "rb@example.com").await;
    clocks.advance(601);
    let other = agent.same_browser();
    let pages = (0..8).map(|i| {
        let (agent, site) = if i % 2 == 0 {
            (&agent, &first)
        } else {
            (&other, &second)
        };
        member_page(agent, site)
    });
    for page in futures_util::future::join_all(pages).await {
        assert!(page.unwrap().contains("rb@example.com"));
    }
    assert_eq!(wix.sandbox.token_requests("refresh_token"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_callback_replayed_on_the_other_replica_is_refused() {
    let (wix, first, second) = replicas("replay", None).await;
    wix.seed("rc@example.com").await;
    let agent = Agent::new();
    let callback = wix
        .log_in_through_wix(&agent, &first, "returnTo=/members", "rc@example.com")
        .await;
    // An attacker holding a copy of the cookie with the pending login, and the callback URL.
    let copy = agent.same_browser();
    assert_eq!(location(&agent.get(&callback).await), "/members");
    assert_eq!(wix.sandbox.token_requests("authorization_code"), 1);
    let on_second = callback.replacen(&first, &second, 1);
    let replay = copy.get(&on_second).await;
    assert_eq!(replay.status(), 400);
    assert_eq!(wix.sandbox.token_requests("authorization_code"), 1);
    assert!(member_page(&copy, &second).await.is_err());
}
