//! Token lifetimes: expiry, refresh ahead of it, rotation, serialised refreshes, no downgrade.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::token_body;
use conformance::covers;
use serde_json::json;
use wiremock::matchers::{body_partial_json, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use wix_auth_flows::clock::ManualClock;
use wix_auth_flows::{Error, Role, Session, Tokens, WixAuth, store::MemoryStore};

const NOW: u64 = 1_700_000_000;

fn member(expires_at: u64) -> Tokens {
    Tokens {
        access_token: "A0".into(),
        refresh_token: Some("R0".into()),
        expires_at,
        role: Role::Member,
        member: None,
    }
}

async fn server_with(refresh_answer: ResponseTemplate) -> (MockServer, WixAuth, ManualClock) {
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .and(body_partial_json(json!({"grantType": "refresh_token"})))
        .respond_with(refresh_answer)
        .mount(&server)
        .await;
    let clock = ManualClock::at(NOW);
    let auth = WixAuth::builder("c")
        .base_url(server.uri())
        .clock(clock.clone())
        .build()
        .unwrap();
    (server, auth, clock)
}

#[tokio::test]
async fn tok_expiry_is_measured_before_the_request() {
    covers!("TOKEN-05");
    let server = MockServer::start().await;
    let clock = ManualClock::at(NOW);
    let slow = clock.clone();
    Mock::given(path("/oauth2/token"))
        .respond_with(move |_: &Request| {
            slow.advance(45);
            ResponseTemplate::new(200).set_body_json(token_body("A", Some("R")))
        })
        .mount(&server)
        .await;
    let auth = WixAuth::builder("c")
        .base_url(server.uri())
        .clock(clock)
        .build()
        .unwrap();
    assert_eq!(
        auth.visitor_tokens().await.unwrap().expires_at,
        NOW + 14_400
    );

    let (_server, auth, _) =
        server_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "A", "token_type": "Bearer", "expires_in": "soon"}),
        ))
        .await;
    let unreadable = auth.refresh(&member(NOW)).await.unwrap();
    assert_eq!(
        unreadable.expires_at, NOW,
        "an unreadable lifetime counts as already expired"
    );
}

#[tokio::test]
async fn tok_rotated_refresh_token_replaces_the_old() {
    covers!("REFRESH-01");
    let (_server, auth, _) =
        server_with(ResponseTemplate::new(200).set_body_json(token_body("A1", Some("R1")))).await;
    let session = Session::new(auth, MemoryStore::new(), "k");
    session.set(&member(NOW)).await.unwrap();
    let renewed = session.tokens().await.unwrap();
    assert_eq!(renewed.refresh_token.unwrap().expose_secret(), "R1");
    let stored = session.stored().await.unwrap().unwrap();
    assert_eq!(
        stored.refresh_token.unwrap().expose_secret(),
        "R1",
        "the old one is discarded"
    );
}

#[tokio::test]
async fn tok_missing_refresh_token_keeps_the_old() {
    covers!("REFRESH-01");
    let (_server, auth, _) =
        server_with(ResponseTemplate::new(200).set_body_json(token_body("A1", None))).await;
    let renewed = auth.refresh(&member(NOW)).await.unwrap();
    assert_eq!(renewed.refresh_token.unwrap().expose_secret(), "R0");
    assert_eq!(renewed.role, Role::Member, "a refresh keeps the member");
}

#[tokio::test]
async fn tok_early_refresh() {
    covers!("TOK-01");
    let (server, auth, clock) =
        server_with(ResponseTemplate::new(200).set_body_json(token_body("A1", Some("R1")))).await;
    let session = Session::new(auth, MemoryStore::new(), "k")
        .with_refresh_margin(std::time::Duration::from_secs(120));
    session.set(&member(NOW + 300)).await.unwrap();
    assert_eq!(
        session.access_token().await.unwrap().expose_secret(),
        "A0",
        "still fresh"
    );
    clock.advance(181); // 119 s left: inside the margin, not yet expired
    assert_eq!(session.access_token().await.unwrap().expose_secret(), "A1");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    // The boundary: a token is fresh only while `now + margin` is before its expiry.
    let token = member(NOW + 300);
    assert!(token.is_fresh(NOW + 179, 120));
    assert!(
        !token.is_fresh(NOW + 180, 120),
        "now + margin = expiry is stale"
    );
}

#[tokio::test]
async fn tok_concurrent_refreshes_are_serialised() {
    covers!("TOK-02");
    let calls = Arc::new(AtomicUsize::new(0));
    let count = calls.clone();
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(move |_: &Request| {
            count.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(200)
                .set_body_json(token_body("A1", Some("R1")))
                .set_delay(std::time::Duration::from_millis(50))
        })
        .mount(&server)
        .await;
    let auth = WixAuth::builder("c")
        .base_url(server.uri())
        .clock(ManualClock::at(NOW))
        .build()
        .unwrap();
    let session = Arc::new(Session::new(auth, MemoryStore::new(), "k"));
    session.set(&member(NOW - 1)).await.unwrap();
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let s = session.clone();
            tokio::spawn(async move {
                s.access_token()
                    .await
                    .map(|t| t.expose_secret().to_string())
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), "A1");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let stored = session.stored().await.unwrap().unwrap();
    assert_eq!(stored.role, Role::Member);
    assert_eq!(stored.refresh_token.unwrap().expose_secret(), "R1");
}

#[tokio::test]
async fn tok_no_member_to_visitor_downgrade() {
    covers!("TOK-03");
    let (server, auth, _) =
        server_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_grant"})))
            .await;
    let session = Session::new(auth, MemoryStore::new(), "k");
    session.set(&member(NOW - 1)).await.unwrap();
    let err = session.tokens().await.unwrap_err();
    assert!(
        matches!(err, Error::OAuth { ref error, .. } if error == "invalid_grant"),
        "{err:?}"
    );
    let kept = session.stored().await.unwrap().unwrap();
    assert_eq!(
        (kept.role, kept.access_token.expose_secret()),
        (Role::Member, "A0"),
        "the member's tokens are kept, never replaced"
    );
    let anonymous = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains("anonymous"))
        .count();
    assert_eq!(anonymous, 0, "no visitor tokens were requested");
}
