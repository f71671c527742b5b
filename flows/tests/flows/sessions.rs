//! Token sessions as an API: fresh tokens kept, missing refresh tokens, logout cleanup,
//! single flight across handles and keys. (The stores: `stores/`.) (Expiry measured before the
//! request, one refresh for concurrent callers, no member → visitor downgrade and refresh
//! rotation are requirements: `conformance/tests/conformance/tok.rs`.)

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use wix_auth_flows::clock::ManualClock;
use wix_auth_flows::{Error, Role, Session, Sessions, Tokens, WixAuth, store::MemoryStore};

const START: u64 = 1_700_000_000;

fn member_tokens(expires_at: u64) -> Tokens {
    Tokens {
        access_token: "OLD-ACCESS".into(),
        refresh_token: Some("OLD-REFRESH".into()),
        expires_at,
        role: Role::Member,
        member: None,
    }
}

#[tokio::test]
async fn a_fresh_token_is_not_refreshed() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let session = Session::new(
        flows_with_clock(&server.uri(), ManualClock::at(START)),
        MemoryStore::new(),
        "s",
    );
    session.set(&member_tokens(START + 3600)).await.unwrap();
    assert_eq!(
        session.access_token().await.unwrap().expose_secret(),
        "OLD-ACCESS"
    );
}

#[tokio::test]
async fn an_expired_token_without_refresh_token_is_no_refresh_token() {
    let session = Session::new(flows_for("http://127.0.0.1:9"), MemoryStore::new(), "s");
    let mut tokens = member_tokens(0);
    tokens.refresh_token = None;
    session.set(&tokens).await.unwrap();
    assert!(matches!(
        session.tokens().await.unwrap_err(),
        Error::NoRefreshToken
    ));
    let empty = Session::new(flows_for("http://127.0.0.1:9"), MemoryStore::new(), "none");
    assert!(matches!(empty.tokens().await.unwrap_err(), Error::NoTokens));
}

#[tokio::test]
async fn sessions_refresh_members_against_the_sandbox_and_expired_tokens_get_401() {
    let clock = wix_auth_sandbox::ManualClock::at(START);
    let env = start_with(wix_auth_sandbox::Sandbox::builder().manual_clock(clock.clone())).await;
    let flows_clock = ManualClock::at(START);
    let auth = flows_with_clock(env.sandbox.base_url(), flows_clock.clone());
    let member = registered_member(&auth, "ref@example.com").await;
    let session = Session::new(auth.clone(), MemoryStore::new(), "m");
    session.set(&member).await.unwrap();

    clock.advance(14_401);
    flows_clock.advance(14_401);
    let err = auth
        .change_password(&member.access_token, &"another-pw".into())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthenticated(_)), "{err:?}");

    let renewed = session.tokens().await.unwrap();
    assert_eq!(renewed.role, Role::Member);
    assert!(
        auth.change_password(&renewed.access_token, &"another-pw".into())
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn logout_drops_local_tokens_even_when_the_call_fails() {
    let server = MockServer::start().await;
    Mock::given(path("/_api/redirects-api/v1/redirect-session"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let session = Session::new(flows_for(&server.uri()), MemoryStore::new(), "s");
    session.set(&member_tokens(START + 3600)).await.unwrap();
    let err = session.logout("http://127.0.0.1:3000/").await.unwrap_err();
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    assert!(session.stored().await.unwrap().is_none());
}

#[tokio::test]
async fn logout_against_the_sandbox_returns_the_logout_url() {
    let env = start().await;
    let session = Session::new(env.auth.clone(), MemoryStore::new(), "s");
    session.start_visitor().await.unwrap();
    let url = session.logout("http://127.0.0.1:3000/").await.unwrap();
    assert!(url.path().ends_with("/v1/logout"), "{url}");
    assert!(session.stored().await.unwrap().is_none());
}

#[test]
fn the_flows_report_the_client_id_and_redirect_uri_they_were_built_with() {
    let auth = WixAuth::builder("app-client-id")
        .redirect_uri("https://app.example/callback")
        .build()
        .unwrap();
    assert_eq!(auth.client_id(), "app-client-id");
    assert_eq!(
        auth.configured_redirect_uri(),
        Some("https://app.example/callback")
    );
    let without = WixAuth::builder("app-client-id").build().unwrap();
    assert_eq!(without.configured_redirect_uri(), None);
}

#[test]
fn a_timeout_beside_a_client_of_ones_own_is_refused_not_ignored() {
    let http = wix_auth_generated::http_client_builder().build().unwrap();
    let err = WixAuth::builder("c")
        .http_client(http.clone())
        .timeout(std::time::Duration::from_secs(1))
        .build()
        .unwrap_err();
    assert!(
        matches!(err, wix_auth_flows::Error::InvalidConfiguration(_)),
        "{err:?}"
    );
    assert!(err.to_string().contains("http_client"));
    assert!(WixAuth::builder("c").http_client(http).build().is_ok());
    assert!(
        WixAuth::builder("c")
            .timeout(std::time::Duration::from_secs(1))
            .build()
            .is_ok()
    );
}

/// A token endpoint that counts its calls and answers `template` after `delay`.
async fn counting_token_endpoint(
    template: ResponseTemplate,
    delay: std::time::Duration,
) -> (MockServer, Arc<AtomicUsize>) {
    counting_token_endpoint_by(move |_| template.clone().set_delay(delay)).await
}

/// A token endpoint that counts its calls and answers the `n`th (from 1) with `answer(n)`.
async fn counting_token_endpoint_by(
    answer: impl Fn(usize) -> ResponseTemplate + Send + Sync + 'static,
) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(move |_: &Request| answer(counter.fetch_add(1, Ordering::SeqCst) + 1))
        .mount(&server)
        .await;
    (server, calls)
}

/// 100 concurrent tasks, each with its own handle of `key` (as a server makes one per
/// request), ask for an access token.
async fn hundred_handles_ask(
    sessions: &Sessions,
    key: &str,
) -> Vec<Result<wix_auth_flows::secrets::AccessToken, Error>> {
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let session = sessions.get(key);
            tokio::spawn(async move { session.access_token().await })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

#[tokio::test]
async fn a_hundred_handles_of_one_key_share_one_refresh() {
    let fresh = ResponseTemplate::new(200).set_body_json(token_body(
        "NEW-ACCESS",
        Some("NEW-REFRESH"),
        14_400,
    ));
    let (server, calls) =
        counting_token_endpoint(fresh, std::time::Duration::from_millis(50)).await;
    let auth = flows_with_clock(&server.uri(), ManualClock::at(START));
    let sessions = Sessions::new(auth, MemoryStore::new());
    sessions
        .get("member")
        .set(&member_tokens(START + 30))
        .await
        .unwrap();
    for token in hundred_handles_ask(&sessions, "member").await {
        assert_eq!(token.unwrap().expose_secret(), "NEW-ACCESS");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_hundred_keys_refresh_side_by_side() {
    let delay = std::time::Duration::from_millis(300);
    let fresh = ResponseTemplate::new(200).set_body_json(token_body("NEW", Some("R"), 14_400));
    let (server, calls) = counting_token_endpoint(fresh, delay).await;
    let auth = flows_with_clock(&server.uri(), ManualClock::at(START));
    let sessions = Sessions::new(auth, Arc::new(MemoryStore::new()));
    for key in 0..100 {
        sessions
            .get(format!("member-{key}"))
            .set(&member_tokens(START + 30))
            .await
            .unwrap();
    }
    let started = std::time::Instant::now();
    let tasks: Vec<_> = (0..100)
        .map(|key| {
            let session = sessions.get(format!("member-{key}"));
            tokio::spawn(async move { session.access_token().await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let elapsed = started.elapsed();
    eprintln!("100 keys, each refresh taking {delay:?}: all refreshed in {elapsed:?}");
    assert_eq!(calls.load(Ordering::SeqCst), 100, "one refresh per key");
    // Serialised on one lock, 100 refreshes of 300 ms would take 30 s.
    assert!(
        elapsed < delay * 10,
        "100 keys took {elapsed:?}: they waited on each other"
    );
}

#[tokio::test]
async fn a_failed_refresh_reaches_every_waiter_and_keeps_the_stored_tokens() {
    let refused =
        ResponseTemplate::new(400).set_body_json(serde_json::json!({"error": "invalid_grant"}));
    let (server, calls) =
        counting_token_endpoint(refused, std::time::Duration::from_millis(50)).await;
    let auth = flows_with_clock(&server.uri(), ManualClock::at(START));
    let sessions = Sessions::new(auth, MemoryStore::new());
    let before = member_tokens(START + 30);
    sessions.get("member").set(&before).await.unwrap();
    for token in hundred_handles_ask(&sessions, "member").await {
        let err = token.unwrap_err();
        assert!(
            matches!(&err, Error::OAuth { error, .. } if error == "invalid_grant"),
            "{err:?}"
        );
    }
    assert_eq!(
        calls.load(Ordering::SeqCst),
        1,
        "the failure was shared, not retried"
    );
    let stored = sessions.get("member").stored().await.unwrap().unwrap();
    assert_eq!(stored.access_token.expose_secret(), "OLD-ACCESS");
    assert_eq!(stored.role, Role::Member);
}

#[tokio::test]
async fn each_rejected_token_gets_its_own_refresh_and_a_replaced_one_none() {
    let (server, calls) = counting_token_endpoint_by(|n| {
        ResponseTemplate::new(200).set_body_json(token_body(
            &format!("ACCESS-{n}"),
            Some(&format!("REFRESH-{n}")),
            14_400,
        ))
    })
    .await;
    let auth = flows_with_clock(&server.uri(), ManualClock::at(START));
    let session = Session::new(auth, MemoryStore::new(), "s");
    session.set(&member_tokens(START + 3600)).await.unwrap();

    let first = session
        .refresh_rejected(&"OLD-ACCESS".into())
        .await
        .unwrap();
    assert_eq!(first.access_token.expose_secret(), "ACCESS-1");
    // The old token, refused again by a slower caller: already replaced, no new refresh.
    let again = session
        .refresh_rejected(&"OLD-ACCESS".into())
        .await
        .unwrap();
    assert_eq!(again.access_token.expose_secret(), "ACCESS-1");
    // The new token refused later (say, revoked meanwhile): a refresh of its own.
    let second = session.refresh_rejected(&first.access_token).await.unwrap();
    assert_eq!(second.access_token.expose_secret(), "ACCESS-2");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_cleared_session_has_no_tokens() {
    let auth = flows_with_clock("http://127.0.0.1:9", ManualClock::at(START));
    let session = Session::new(auth, MemoryStore::new(), "s");
    session.set(&member_tokens(START + 3600)).await.unwrap();
    session.clear().await.unwrap();
    assert!(session.stored().await.unwrap().is_none());
    let err = session.tokens().await.unwrap_err();
    assert!(matches!(err, Error::NoTokens), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replicas_without_a_shared_store_get_the_session_revoked() {
    // Why replicas need a shared store: each redeems the refresh token, and Wix's reuse
    // detection (RFC 9700 §4.14.2) revokes the whole session.
    let env = crate::stores::contract::NearExpiry::new().await;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let session = Session::new(env.replica(), MemoryStore::new(), "member");
            let member = env.member.clone();
            tokio::spawn(async move {
                session.set(&member).await?;
                session.tokens().await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    assert!(
        results.iter().any(Result::is_err),
        "a replayed refresh token fails"
    );
    assert!(env.refreshes() > 1);
    let auth = flows_for(env.sandbox.base_url());
    for tokens in results.into_iter().flatten() {
        assert!(!auth.token_info(&tokens.access_token).await.unwrap().active);
    }
}

/// A store that records the expiry of every save.
#[derive(Debug, Default)]
struct ExpiryRecorder(std::sync::Mutex<Vec<std::time::SystemTime>>);

#[async_trait::async_trait]
impl wix_auth_flows::store::TokenStore for ExpiryRecorder {
    async fn load(&self, _: &str) -> Result<Option<Tokens>, wix_auth_flows::store::StoreError> {
        Ok(None)
    }

    async fn save(
        &self,
        _: &str,
        _: &Tokens,
        expires_at: std::time::SystemTime,
    ) -> Result<(), wix_auth_flows::store::StoreError> {
        self.0.lock().unwrap().push(expires_at);
        Ok(())
    }

    async fn clear(&self, _: &str) -> Result<(), wix_auth_flows::store::StoreError> {
        Ok(())
    }
}

#[tokio::test]
async fn every_save_hands_the_store_the_sessions_expiry() {
    let recorder = Arc::new(ExpiryRecorder::default());
    let lifetime = std::time::Duration::from_secs(7 * 24 * 3600);
    let sessions = Sessions::new(flows_for("http://127.0.0.1:9"), recorder.clone())
        .with_session_lifetime(lifetime);
    let before = std::time::SystemTime::now();
    sessions.get("s").set(&member_tokens(START)).await.unwrap();
    let after = std::time::SystemTime::now();
    let saved = recorder.0.lock().unwrap()[0];
    assert!(saved >= before + lifetime && saved <= after + lifetime);

    let default = Arc::new(ExpiryRecorder::default());
    let sessions = Sessions::new(flows_for("http://127.0.0.1:9"), default.clone());
    sessions.get("s").set(&member_tokens(START)).await.unwrap();
    let saved = default.0.lock().unwrap()[0];
    let expected = std::time::SystemTime::now() + wix_auth_flows::session::DEFAULT_SESSION_LIFETIME;
    assert!(expected.duration_since(saved).unwrap() < std::time::Duration::from_secs(5));
}
