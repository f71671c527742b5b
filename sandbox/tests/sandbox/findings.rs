//! The defects an independent client found (`sandbox-findings.md`), each with the test that
//! failed before its fix: the identity's documented shape, profile validation, the email's
//! limits and a clean connection after a 413.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::*;
use serde_json::{Value, json};

async fn register_raw(env: &Env, body: Value) -> (u16, Value) {
    let visitor = env.visitor_token().await;
    let response = env
        .http
        .post(env.url("/_api/iam/authentication/v2/register"))
        .header("authorization", visitor)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn the_identity_has_the_documented_shape() {
    let env = start().await;
    let (status, answer) = register_raw(
        &env,
        json!({"loginId": {"email": "shape@example.com"}, "password": "secret-pw"}),
    )
    .await;
    assert_eq!(status, 200);
    let identity = &answer["identity"];
    for pointer in [
        "/identityProfile/emails",
        "/identityProfile/phones",
        "/identityProfile/labels",
        "/identityProfile/customFields",
        "/metadata/tags",
        "/status/reasons",
    ] {
        assert!(
            identity.pointer(pointer).is_some_and(Value::is_array),
            "{pointer}: {identity}"
        );
    }
    assert_eq!(identity["identityProfile"]["privacyStatus"], "UNDEFINED");
    let connection = &identity["connections"][0]["authenticatorConnection"];
    assert!(
        connection["authenticatorConnectionId"].is_string(),
        "{identity}"
    );
    assert_eq!(connection["reEnrollmentRequired"], false);
}

#[tokio::test]
async fn profile_values_outside_the_npm_types_are_refused() {
    let env = start().await;
    for (i, (profile, field)) in [
        (
            json!({"privacyStatus": "EVERYONE"}),
            "profile.privacyStatus",
        ),
        (
            json!({"secondaryEmails": [{"email": "s@example.com", "tag": "OFFICE"}]}),
            "profile.secondaryEmails[0].tag",
        ),
        (
            json!({"phonesV2": [{"phone": "555", "tag": "PAGER"}]}),
            "profile.phonesV2[0].tag",
        ),
        (
            json!({"addresses": [{"tag": "MOON"}]}),
            "profile.addresses[0].tag",
        ),
        (
            json!({"customFields": [{"name": "color", "value": {"text": "blue"}}]}),
            "profile.customFields[0].value",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let email = format!("p{i}@example.com");
        let body =
            json!({"loginId": {"email": email}, "password": "secret-pw", "profile": profile});
        let (status, answer) = register_raw(&env, body).await;
        assert_eq!(status, 400, "{field}: {answer}");
        let violation = &answer["details"]["validationError"]["fieldViolations"][0];
        assert_eq!(violation["field"], field);
    }
    let typed = json!({
        "loginId": {"email": "typed@example.com"}, "password": "secret-pw",
        "profile": {"privacyStatus": "PUBLIC", "customFields": [{"name": "color", "value": {"strValue": "blue"}}]}
    });
    let (status, answer) = register_raw(&env, typed).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["identity"]["identityProfile"]["customFields"][0]["value"]["strValue"],
        "blue"
    );
}

#[tokio::test]
async fn an_email_with_a_nul_or_over_254_characters_is_refused() {
    let env = start().await;
    let long = format!("{}@example.com", "a".repeat(243));
    assert_eq!(long.len(), 255);
    for email in ["nul\u{0}@example.com".to_string(), long] {
        let (status, answer) = register_raw(
            &env,
            json!({"loginId": {"email": email}, "password": "secret-pw"}),
        )
        .await;
        assert_eq!(status, 400, "{answer}");
    }
    let longest = format!("{}@example.com", "a".repeat(242));
    let (status, _) = register_raw(
        &env,
        json!({"loginId": {"email": longest}, "password": "secret-pw"}),
    )
    .await;
    assert_eq!(status, 200, "254 characters are allowed");
}

/// Sends one request on a raw connection and reads the answer's head.
fn exchange(stream: &mut TcpStream, request: &[u8]) -> String {
    stream.write_all(request).unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).to_lowercase()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_413_closes_its_connection_cleanly() {
    let env = start().await;
    let addr = env
        .sandbox
        .base_url()
        .trim_start_matches("http://")
        .to_string();
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(&addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let body = vec![b'x'; 100 * 1024];
        let mut request = format!(
            "POST /oauth2/token HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(&body);
        let head = exchange(&mut stream, &request);
        assert!(head.starts_with("http/1.1 413"), "{head}");
        assert!(head.contains("connection: close"), "{head}");
        // The server closes the connection after the 413 rather than reading the rest of
        // the body as a next request: the read ends (EOF or reset), it does not hang.
        let mut rest = Vec::new();
        let ended = match stream.read_to_end(&mut rest) {
            Ok(_) => true,
            Err(e) => e.kind() != std::io::ErrorKind::WouldBlock && e.kind() != std::io::ErrorKind::TimedOut,
        };
        assert!(ended, "the connection stays open");
    })
    .await
    .unwrap();
    // A pooled client keeps working after the oversized requests.
    for _ in 0..25 {
        let big = env
            .http
            .post(env.url("/oauth2/token"))
            .header("content-type", "application/json")
            .body(vec![b' '; 100 * 1024])
            .send()
            .await
            .unwrap();
        assert_eq!(big.status(), 413);
        env.visitor_token().await;
    }
}

#[tokio::test]
async fn an_unknown_client_of_a_recovery_redirect_is_named_as_such() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let response = env
        .http
        .post(env.url("/_api/iam/recovery/v1/send-email"))
        .header("authorization", visitor)
        .json(
            &json!({"email": "r@example.com", "redirect": {"url": REDIRECT, "clientId": "nobody"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["details"]["validationError"]["fieldViolations"][0]["field"],
        "redirect.clientId"
    );
}

/// With the test-only `spec-check` feature (on in the workspace's test builds), every JSON
/// answer of a spec operation is validated; a violation would have turned it into a 500.
#[cfg(feature = "spec-check")]
#[tokio::test]
async fn every_json_answer_is_held_against_the_spec() {
    use std::sync::atomic::Ordering;
    use wix_auth_sandbox::spec_check::CHECKED;
    let env = start().await;
    let before = CHECKED.load(Ordering::Relaxed);
    env.visitor_token().await;
    let refused = env
        .http
        .post(env.url("/oauth2/token"))
        .json(&json!({"grantType": "anonymous"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    let login = env
        .http
        .post(env.url("/_api/iam/authentication/v2/login"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(login.status().is_client_error());
    assert!(CHECKED.load(Ordering::Relaxed) >= before + 3);
}
