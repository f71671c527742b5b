//! The flows under a misbehaving server: a stall, a reset connection, a slow answer, a
//! truncated body, a 503 with Retry-After. Each ends in the typed error (or success) within
//! the configured timeout — a guard fails the test on a hang — and the token store is never
//! left half-written.

use std::time::Duration;

use crate::common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};
use wix_auth_flows::{Error, Role, Tokens, WixAuth, error::TransportKind};

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
