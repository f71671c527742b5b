//! The Redis token store against a real Redis server (`REDIS_URL`), with a sandbox that
//! rotates refresh tokens and revokes the session on reuse (RFC 9700 §4.14.2).
//!
//! Run with `cargo test -p wix-auth-flows --features redis --test flows redis::`; `.ci/run` starts a
//! Redis server for it. Without `REDIS_URL` these tests fail: they are never skipped.

use std::sync::Arc;
use std::time::Duration;

use crate::common::*;
use wix_auth_flows::clock::ManualClock;
use wix_auth_flows::{
    CallbackError, Error, MemoryStore, RedisConfig, RedisStore, Role, Session, Sessions,
    TokenStore, Tokens, WixAuth,
};
use wix_auth_sandbox::{RefreshPolicy, Sandbox};

fn redis_url() -> String {
    std::env::var("REDIS_URL")
        .expect("REDIS_URL must point at a Redis server (these tests are not skipped)")
}

/// A key prefix of its own per test, so tests never share keys.
fn config(test: &str) -> RedisConfig {
    RedisConfig {
        key_prefix: format!("wix-auth-test:{}:{test}:", std::process::id()),
        lock_lease: Duration::from_millis(800),
        lock_wait: Duration::from_secs(10),
        ..RedisConfig::default()
    }
}

/// A sandbox with rotation and reuse detection, a member's tokens, and flows whose clock
/// says the access token is about to expire.
async fn member_near_expiry() -> (wix_auth_sandbox::RunningSandbox, Tokens, WixAuth) {
    let sandbox = Sandbox::builder()
        .refresh_policy(RefreshPolicy::RotateWithReuseDetection)
        .start()
        .await
        .unwrap();
    let auth = flows_for(sandbox.base_url());
    let member = registered_member(&auth, "shared@example.com").await;
    let late = ManualClock::at(member.expires_at - 30);
    let replicas_auth = flows_with_clock(sandbox.base_url(), late);
    (sandbox, member, replicas_auth)
}

fn refresh_requests(sandbox: &wix_auth_sandbox::RunningSandbox) -> u64 {
    sandbox.token_requests("refresh_token")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_replicas_share_one_refresh() {
    let (sandbox, member, auth) = member_near_expiry().await;
    let seed = RedisStore::connect(&redis_url(), config("eight"))
        .await
        .unwrap();
    seed.save("member", &member).await.unwrap();

    let mut replicas = Vec::new();
    for _ in 0..8 {
        let store = RedisStore::connect(&redis_url(), config("eight"))
            .await
            .unwrap();
        let session = Arc::new(Session::new(auth.clone(), store, "member"));
        replicas.push(tokio::spawn(async move { session.tokens().await }));
    }
    let mut access = std::collections::HashSet::new();
    for replica in replicas {
        let tokens = replica.await.unwrap().unwrap();
        assert_eq!(tokens.role, Role::Member);
        access.insert(tokens.access_token.expose_secret().to_string());
    }
    assert_eq!(access.len(), 1, "every replica ends with the same tokens");
    assert_eq!(
        refresh_requests(&sandbox),
        1,
        "exactly one refresh reached the server"
    );
    let token = wix_auth_flows::AccessToken::new(access.into_iter().next().unwrap());
    assert!(
        auth.token_info(&token).await.unwrap().active,
        "the session was not revoked"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn in_memory_stores_on_eight_replicas_get_the_session_revoked() {
    let (sandbox, member, auth) = member_near_expiry().await;
    let mut replicas = Vec::new();
    for _ in 0..8 {
        let session = Arc::new(Session::new(auth.clone(), MemoryStore::new(), "member"));
        session.set(&member).await.unwrap();
        replicas.push(tokio::spawn(async move { session.tokens().await }));
    }
    let results: Vec<_> = futures_join(replicas).await;
    let failures = results.iter().filter(|r| r.is_err()).count();
    assert!(failures >= 1, "replaying the refresh token must fail");
    assert!(refresh_requests(&sandbox) > 1);
    // Reuse detection revoked the whole session: even the winner's tokens are dead.
    for tokens in results.into_iter().flatten() {
        assert!(!auth.token_info(&tokens.access_token).await.unwrap().active);
        assert!(auth.refresh(&tokens).await.is_err());
    }
}

async fn futures_join(
    tasks: Vec<tokio::task::JoinHandle<Result<Tokens, Error>>>,
) -> Vec<Result<Tokens, Error>> {
    let mut out = Vec::new();
    for task in tasks {
        out.push(task.await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_lock_holder_releases_by_expiry() {
    let (sandbox, member, auth) = member_near_expiry().await;
    let cfg = config("dead");
    let store = RedisStore::connect(&redis_url(), cfg.clone())
        .await
        .unwrap();
    store.save("member", &member).await.unwrap();
    // A replica takes the lock and dies without releasing it.
    let dead = store.acquire_refresh_lock("member").await.unwrap().unwrap();
    std::mem::forget(dead);
    let started = std::time::Instant::now();
    let session = Session::new(auth.clone(), store, "member");
    let tokens = session.tokens().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "it waited for the lease"
    );
    assert_eq!(tokens.role, Role::Member);
    assert!(auth.token_info(&tokens.access_token).await.unwrap().active);
    assert_eq!(refresh_requests(&sandbox), 1);
}

#[tokio::test]
async fn redis_down_is_a_typed_error_and_never_a_visitor() {
    let err = RedisStore::connect("redis://127.0.0.1:9/", config("down"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, wix_auth_flows::store::StoreError::Redis { .. }),
        "{err:?}"
    );
    assert!(
        !err.to_string().contains("127.0.0.1"),
        "no address in the message: {err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_replayed_on_another_replica_is_refused_before_the_token_endpoint() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    // Two replicas: two flows, each with its own Redis connection below.
    let (one, two) = (flows_for(sandbox.base_url()), flows_for(sandbox.base_url()));
    registered_member(&one, "cb@example.com").await;
    let visitor = one.visitor_tokens().await.unwrap().access_token;
    let (url, pending) = one.begin_login(&visitor).await.unwrap();
    let callback = sandbox
        .log_in_on_page(url.as_str(), "cb@example.com", "secret-pw")
        .await
        .unwrap();
    let url = redis_url();
    let sessions_one = Sessions::new(
        one,
        RedisStore::connect(&url, config("replay")).await.unwrap(),
    );
    let sessions_two = Sessions::new(
        two,
        RedisStore::connect(&url, config("replay")).await.unwrap(),
    );

    let exchanges_before = sandbox.token_requests("authorization_code");
    let tokens = sessions_one
        .get("browser-a")
        .complete_login(&callback, pending.clone())
        .await
        .unwrap();
    assert_eq!(tokens.role, Role::Member);
    let replayed = sessions_two
        .get("browser-b")
        .complete_login(&callback, pending)
        .await
        .unwrap_err();
    assert!(
        matches!(replayed, Error::Callback(CallbackError::PendingLoginUsed)),
        "{replayed:?}"
    );
    assert!(
        sessions_two
            .get("browser-b")
            .stored()
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        sandbox.token_requests("authorization_code") - exchanges_before,
        1,
        "the replay never reached the token endpoint"
    );
}

#[tokio::test]
async fn debug_shows_the_key_prefix_and_never_the_server_address() {
    let store = RedisStore::connect(&redis_url(), config("debug"))
        .await
        .unwrap();
    let shown = format!("{store:?}");
    assert!(
        shown.starts_with("RedisStore { key_prefix: \"wix-auth-test:")
            && shown.ends_with(":debug:\", .. }"),
        "{shown}"
    );
    assert!(!shown.contains("127.0.0.1"), "{shown}");
}

#[tokio::test]
async fn a_released_lock_is_free_at_once_and_a_held_one_is_not() {
    let store = RedisStore::connect(
        &redis_url(),
        RedisConfig {
            lock_lease: Duration::from_secs(30),
            lock_wait: Duration::from_millis(200),
            ..config("release")
        },
    )
    .await
    .unwrap();
    let first = store.acquire_refresh_lock("member").await.unwrap().unwrap();
    let refused = store.acquire_refresh_lock("member").await.unwrap_err();
    assert!(
        matches!(refused, wix_auth_flows::store::StoreError::LockTimeout),
        "{refused:?}"
    );
    store.release_refresh_lock(first).await.unwrap();
    let second = store.acquire_refresh_lock("member").await.unwrap().unwrap();
    store.release_refresh_lock(second).await.unwrap();
}

#[tokio::test]
async fn cleared_tokens_are_gone() {
    let store = RedisStore::connect(&redis_url(), config("clear"))
        .await
        .unwrap();
    let tokens = Tokens {
        access_token: "A".into(),
        refresh_token: Some("R".into()),
        expires_at: 1_700_000_000,
        role: Role::Member,
    };
    store.save("member", &tokens).await.unwrap();
    assert!(store.load("member").await.unwrap().is_some());
    store.clear("member").await.unwrap();
    assert!(store.load("member").await.unwrap().is_none());
}
