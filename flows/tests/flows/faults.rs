//! The flows under a misbehaving server: a stall, a reset connection, a slow answer, a
//! truncated body, a 503 with Retry-After. Each ends in the typed error (or success) within
//! the configured timeout — a guard fails the test on a hang — and the token store is never
//! left half-written.

use std::sync::Arc;
use std::time::Duration;

use crate::common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};
use wix_auth_flows::{Error, FileStore, Role, Session, TokenStore, Tokens, TransportKind, WixAuth};

const TIMEOUT: Duration = Duration::from_millis(500);
/// Far above the timeout: reaching it means the call hung.
const HANG_GUARD: Duration = Duration::from_secs(10);

fn flows(base: &str) -> WixAuth {
    WixAuth::builder(CLIENT)
        .base_url(base)
        .timeout(TIMEOUT)
        .build()
        .unwrap()
}

async fn visitor_tokens(auth: &WixAuth) -> Result<Tokens, Error> {
    tokio::time::timeout(HANG_GUARD, auth.visitor_tokens())
        .await
        .expect("the call hung past the guard")
}

/// A raw TCP server that answers every connection with `reply` (then closes).
async fn raw_server(reply: &'static [u8]) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let _ = socket.write_all(reply).await;
            let _ = socket.shutdown().await;
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_stalled_server_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let err = visitor_tokens(&flows(&server.uri())).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "createAccessToken: timed out");
}

#[tokio::test]
async fn a_reset_connection_is_a_transport_error() {
    let base = raw_server(b"").await;
    let err = visitor_tokens(&flows(&base)).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                kind: TransportKind::Other,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "createAccessToken: the connection failed");
}

#[tokio::test]
async fn a_slow_answer_within_the_timeout_succeeds() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_body("A", Some("R"), 14_400))
                .set_delay(Duration::from_millis(150)),
        )
        .mount(&server)
        .await;
    assert_eq!(
        visitor_tokens(&flows(&server.uri())).await.unwrap().role,
        Role::Visitor
    );
}

#[tokio::test]
async fn a_truncated_body_is_a_transport_error() {
    let base = raw_server(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"access_token\": \"A",
    )
    .await;
    let err = visitor_tokens(&flows(&base)).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport { .. } | Error::Decode { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_503_surfaces_retry_after() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "12"))
        .expect(1)
        .mount(&server)
        .await;
    let err = visitor_tokens(&flows(&server.uri())).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(12)));
    server.verify().await; // not retried behind the caller's back
}

#[tokio::test]
async fn a_failing_refresh_leaves_the_file_store_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.json");
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string("{\"access_token\": ")
                .set_delay(Duration::from_millis(20)),
        )
        .mount(&server)
        .await;
    let session = Session::new(flows(&server.uri()), FileStore::new(&file), "k");
    let stale = Tokens {
        access_token: "A0".into(),
        refresh_token: Some("R0".into()),
        expires_at: 0,
        role: Role::Member,
    };
    session.set(&stale).await.unwrap();
    assert!(session.tokens().await.is_err());
    let kept = FileStore::new(&file).load("k").await.unwrap().unwrap();
    assert_eq!(
        (kept.access_token.expose_secret(), kept.role),
        ("A0", Role::Member)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_always_leave_a_readable_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokens.json");
    let store = Arc::new(FileStore::new(&path));
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let store = store.clone();
            tokio::spawn(async move {
                for i in 0..25u64 {
                    let tokens = Tokens {
                        access_token: format!("A-{w}-{i}").into(),
                        refresh_token: None,
                        expires_at: i,
                        role: Role::Visitor,
                    };
                    store.save(&format!("key-{w}"), &tokens).await.unwrap();
                }
            })
        })
        .collect();
    let reader = {
        let path = path.clone();
        tokio::spawn(async move {
            for _ in 0..200 {
                if let Ok(bytes) = std::fs::read(&path) {
                    let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&bytes);
                    assert!(parsed.is_ok(), "a reader saw a half-written file");
                }
                tokio::task::yield_now().await;
            }
        })
    };
    for w in writers {
        w.await.unwrap();
    }
    reader.await.unwrap();
    for w in 0..8 {
        let tokens = store.load(&format!("key-{w}")).await.unwrap().unwrap();
        assert_eq!(tokens.expires_at, 24);
    }
}
