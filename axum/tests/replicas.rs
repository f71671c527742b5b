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
use wix_auth_flows::{RedisConfig, RedisStore};
use wix_auth_sandbox::{Lifetimes, SeedMember};

async fn store(test: &str) -> RedisStore {
    let url = std::env::var("REDIS_URL")
        .expect("REDIS_URL must point at a Redis server (these tests are not skipped)");
    let config = RedisConfig {
        key_prefix: format!("wix-auth-axum-test:{}:{test}:", std::process::id()),
        lock_lease: Duration::from_millis(800),
        lock_wait: Duration::from_secs(10),
        ..RedisConfig::default()
    };
    RedisStore::connect(&url, config).await.unwrap()
}

/// A sandbox and two replicas of the site over one Redis keyspace.
async fn replicas(test: &str, clocks: Option<Clocks>) -> (Wix, String, String) {
    let setup = Setup {
        clock: clocks.clone(),
        lifetimes: Some(Lifetimes {
            access_token: 600,
            ..Lifetimes::default()
        }),
        ..Setup::default()
    };
    let mut wix = Wix::start(setup).await;
    let first = wix.serve(store(test).await, clocks.as_ref()).await;
    let second = wix.serve(store(test).await, clocks.as_ref()).await;
    (wix, first, second)
}

/// The same browser, pointed at another replica (cookies are per host:port here, so the
/// jar is shared explicitly, as a load balancer's one origin would).
fn same_browser(agent: &Agent) -> Agent {
    let other = Agent::new();
    other
        .cookies
        .lock()
        .unwrap()
        .extend(agent.cookies.lock().unwrap().clone());
    other
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cookie_minted_by_one_replica_works_on_the_other() {
    let (_wix, first, second) = replicas("cookie", None).await;
    let agent = Agent::new();
    register(&agent, &first, "ra@example.com").await;
    let page = member_page(&same_browser(&agent), &second).await.unwrap();
    assert!(page.contains("ra@example.com"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn both_replicas_needing_a_refresh_make_one_refresh_call() {
    let clocks = Clocks::at(1_700_000_000);
    let (wix, first, second) = replicas("refresh", Some(clocks.clone())).await;
    let agent = Agent::new();
    register(&agent, &first, "rb@example.com").await;
    clocks.advance(601);
    let other = same_browser(&agent);
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
    let copy = same_browser(&agent);
    assert_eq!(location(&agent.get(&callback).await), "/members");
    assert_eq!(wix.sandbox.token_requests("authorization_code"), 1);
    let on_second = callback.replacen(&first, &second, 1);
    let replay = copy.get(&on_second).await;
    assert_eq!(replay.status(), 400);
    assert_eq!(wix.sandbox.token_requests("authorization_code"), 1);
    assert!(member_page(&copy, &second).await.is_err());
}
