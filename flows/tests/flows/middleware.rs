//! The `reqwest-middleware` middleware against the sandbox's Get My Member: refresh ahead of
//! expiry, one forced refresh after a 401, no retry loop on a revoked session, one refresh
//! for 100 concurrent calls, no retry of a streamed body, and the API-key mode. Run with
//! `cargo test -p wix-auth-flows --features middleware --test flows middleware::`.

use std::sync::Arc;

use crate::common::*;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use wix_auth_flows::middleware::{ApiKeyAuth, MemberAuth, TokenScheme};
use wix_auth_flows::{
    Error, ErrorKind, Session, Sessions, WixAuth, external::ApiKeyScope, store::MemoryStore,
};
use wix_auth_sandbox::{ApiKeyConfig, Lifetimes, ManualClock, RunningSandbox, Sandbox};

const START: u64 = 1_700_000_000;

/// A sandbox and flows on clocks of their own, both at `START`; access tokens live 600 s.
async fn clocked() -> (
    RunningSandbox,
    ManualClock,
    wix_auth_flows::clock::ManualClock,
    WixAuth,
) {
    let sandbox_clock = ManualClock::at(START);
    let sandbox = Sandbox::builder()
        .manual_clock(sandbox_clock.clone())
        .lifetimes(Lifetimes {
            access_token: 600,
            ..Lifetimes::default()
        })
        .start()
        .await
        .unwrap();
    let flows_clock = wix_auth_flows::clock::ManualClock::at(START);
    let auth = flows_with_clock(sandbox.base_url(), flows_clock.clone());
    (sandbox, sandbox_clock, flows_clock, auth)
}

/// A member session over `store` and a client calling Wix as that member.
async fn member_client(
    auth: &WixAuth,
    store: Arc<MemoryStore>,
    email: &str,
) -> ClientWithMiddleware {
    let sessions = Sessions::new(auth.clone(), store);
    let session = sessions.get("member");
    session
        .set(&registered_member(auth, email).await)
        .await
        .unwrap();
    ClientBuilder::new(reqwest::Client::new())
        .with(MemberAuth::new(session))
        .build()
}

async fn my_member(
    client: &ClientWithMiddleware,
    base: &str,
) -> Result<reqwest::Response, reqwest_middleware::Error> {
    client
        .get(format!("{base}/members/v1/members/my"))
        .send()
        .await
}

fn refreshes(sandbox: &RunningSandbox) -> u64 {
    sandbox.token_requests("refresh_token")
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_before_the_call() {
    let (sandbox, sandbox_clock, flows_clock, auth) = clocked().await;
    let client = member_client(&auth, Arc::default(), "exp@example.com").await;
    sandbox_clock.advance(601);
    flows_clock.advance(601);
    let answer = my_member(&client, sandbox.base_url()).await.unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(refreshes(&sandbox), 1);
    let answer = my_member(&client, sandbox.base_url()).await.unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(refreshes(&sandbox), 1, "the refreshed token is reused");
}

#[tokio::test]
async fn a_401_forces_one_refresh_and_one_retry() {
    let (sandbox, sandbox_clock, _flows_clock, auth) = clocked().await;
    let client = member_client(&auth, Arc::default(), "401@example.com").await;
    // Wix considers the token expired while the client still thinks it fresh.
    sandbox_clock.advance(601);
    let answer = my_member(&client, sandbox.base_url()).await.unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(refreshes(&sandbox), 1);
}

#[tokio::test]
async fn a_revoked_session_is_the_typed_error_without_a_retry_loop() {
    let (sandbox, _sandbox_clock, flows_clock, auth) = clocked().await;
    let store = Arc::new(MemoryStore::new());
    let client = member_client(&auth, store.clone(), "rev@example.com").await;
    // Logging out at Wix revokes the session's refresh token.
    let session = Session::new(auth.clone(), store, "member");
    let tokens = session.stored().await.unwrap().unwrap();
    let http = wix_auth_generated::http_client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let logout = auth
        .logout_url(&tokens.access_token, "http://127.0.0.1:3000/")
        .await
        .unwrap();
    http.get(logout.as_str())
        .header("authorization", tokens.access_token.expose_secret())
        .send()
        .await
        .unwrap();
    flows_clock.advance(601);
    let error = my_member(&client, sandbox.base_url()).await.unwrap_err();
    let flows_error = match &error {
        reqwest_middleware::Error::Middleware(e) => e.downcast_ref::<Error>().cloned().unwrap(),
        other => panic!("not the flows error: {other}"),
    };
    assert_eq!(flows_error.kind(), ErrorKind::Reauthenticate);
    assert_eq!(refreshes(&sandbox), 1, "one refresh attempt, no loop");
    assert!(my_member(&client, sandbox.base_url()).await.is_err());
    assert_eq!(refreshes(&sandbox), 2, "each call tries once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_concurrent_calls_near_expiry_share_one_refresh() {
    let (sandbox, sandbox_clock, flows_clock, auth) = clocked().await;
    let client = member_client(&auth, Arc::default(), "many@example.com").await;
    sandbox_clock.advance(590);
    flows_clock.advance(590);
    let calls = (0..100).map(|_| my_member(&client, sandbox.base_url()));
    for answer in futures_util::future::join_all(calls).await {
        assert_eq!(answer.unwrap().status(), 200);
    }
    assert_eq!(refreshes(&sandbox), 1);
}

#[tokio::test]
async fn a_streamed_body_is_not_replayed_after_a_401() {
    let (sandbox, sandbox_clock, _flows_clock, auth) = clocked().await;
    let client = member_client(&auth, Arc::default(), "stream@example.com").await;
    sandbox_clock.advance(601);
    let chunks: Vec<Result<&'static str, std::io::Error>> =
        vec![Ok(r#"{"newPassword":"#), Ok(r#""another-long-one"}"#)];
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let answer = client
        .post(format!(
            "{}/_api/iam/authentication/v2/change-password",
            sandbox.base_url()
        ))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 401);
    assert_eq!(refreshes(&sandbox), 0);
}

#[tokio::test]
async fn bearer_is_an_option() {
    let (sandbox, _sandbox_clock, _flows_clock, auth) = clocked().await;
    let session = Session::new(auth.clone(), MemoryStore::new(), "m");
    session
        .set(&registered_member(&auth, "bearer@example.com").await)
        .await
        .unwrap();
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(MemberAuth::new(session).scheme(TokenScheme::Bearer))
        .build();
    assert_eq!(
        my_member(&client, sandbox.base_url())
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn the_api_key_mode_sends_the_key_and_one_scope_header() {
    let sandbox = Sandbox::builder()
        .api_key(ApiKeyConfig::for_site("IST.key", "site-1"))
        .start()
        .await
        .unwrap();
    let key = wix_auth_flows::secrets::ApiKey::from("IST.key".to_string());
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(ApiKeyAuth::new(key, ApiKeyScope::Site("site-1".into())))
        .build();
    let answer = client
        .post(format!(
            "{}/_api/iam/authentication/v2/sign-on",
            sandbox.base_url()
        ))
        .header("wix-account-id", "sneaked-in")
        .header("content-type", "application/json")
        .body(r#"{"loginId": {"email": "key@example.com"}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
    let wrong_site = ClientBuilder::new(reqwest::Client::new())
        .with(ApiKeyAuth::new(
            wix_auth_flows::secrets::ApiKey::from("IST.key".to_string()),
            ApiKeyScope::Site("site-2".into()),
        ))
        .build();
    let answer = wrong_site
        .post(format!(
            "{}/_api/iam/authentication/v2/sign-on",
            sandbox.base_url()
        ))
        .header("content-type", "application/json")
        .body(r#"{"loginId": {"email": "key@example.com"}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 403);
}
