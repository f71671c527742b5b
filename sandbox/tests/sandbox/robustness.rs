//! Bad input gets Wix-style errors and never a panic; every response carries a request id;
//! the alias paths answer like the main ones.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_a_wix_400() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let response = env
        .post_raw(
            "/_api/iam/authentication/v2/login",
            &visitor,
            "application/json",
            "{\"loginId\": {\"email\": ",
        )
        .await;
    assert_eq!(response.status(), 400);
    assert!(response.headers().contains_key("x-wix-request-id"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["details"]["validationError"]["fieldViolations"][0]["description"],
        "The request body is not valid JSON"
    );
}

#[tokio::test]
async fn wrong_types_name_the_field_without_echoing_the_value() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let response = env
        .post_raw(
            "/_api/iam/authentication/v2/login",
            &visitor,
            "application/json",
            serde_json::to_vec(
                &json!({"loginId": {"email": "a@example.com"}, "password": 12345678}),
            )
            .unwrap(),
        )
        .await;
    assert_eq!(response.status(), 400);
    let text = response.text().await.unwrap();
    assert!(text.contains("\"field\":\"password\""), "{text}");
    assert!(!text.contains("12345678"), "{text}");
}

#[tokio::test]
async fn an_empty_body_is_a_wix_400() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let response = env
        .post_raw(
            "/_api/iam/authentication/v2/register",
            &visitor,
            "application/json",
            "",
        )
        .await;
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body["message"].is_string());
}

#[tokio::test]
async fn an_oversized_body_is_a_wix_413() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let huge = json!({"loginId": {"email": "a@example.com"}, "password": "x".repeat(100_000)});
    let response = env
        .post_raw(
            "/_api/iam/authentication/v2/register",
            &visitor,
            "application/json",
            serde_json::to_vec(&huge).unwrap(),
        )
        .await;
    assert_eq!(response.status(), 413);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["details"]["applicationError"]["code"],
        "PAYLOAD_TOO_LARGE"
    );
    let token = env
        .post_json("/oauth2/token", &json!({"clientId": "x".repeat(100_000)}))
        .await;
    assert_eq!(token.0, 413);
}

#[tokio::test]
async fn unknown_paths_and_methods_get_the_envelope_and_a_request_id() {
    let env = start().await;
    let missing = env
        .http
        .get(env.url("/_api/nothing/here"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert!(missing.headers().contains_key("x-wix-request-id"));
    let body: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(body["details"]["applicationError"]["code"], "NOT_FOUND");

    let wrong_method = env.http.get(env.url("/oauth2/token")).send().await.unwrap();
    assert_eq!(wrong_method.status(), 405);
    assert!(wrong_method.headers().contains_key("allow"));
    let body: serde_json::Value = wrong_method.json().await.unwrap();
    assert_eq!(
        body["details"]["applicationError"]["code"],
        "METHOD_NOT_ALLOWED"
    );
}

#[tokio::test]
async fn every_response_has_a_distinct_request_id() {
    let env = start().await;
    let mut ids = std::collections::HashSet::new();
    for path in ["/oauth2/token", "/_sandbox/members", "/nowhere"] {
        let response = env
            .http
            .post(env.url(path))
            .json(&json!({"clientId": CLIENT, "grantType": "anonymous"}))
            .send()
            .await
            .unwrap();
        let id = response.headers()["x-wix-request-id"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(ids.insert(id));
    }
}

#[tokio::test]
async fn alias_paths_serve_the_same_operations() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let auth_request = env.auth_session_request(
        None,
        wix_auth_generated::types::Prompt::Login,
        wix_auth_generated::types::ResponseMode::Query,
    );
    for path in [
        "/redirect-session/v1/redirect-session",
        "/headless/v1/redirect-session",
    ] {
        let response = env
            .post_raw(
                path,
                &visitor,
                "application/json",
                serde_json::to_vec(&auth_request).unwrap(),
            )
            .await;
        assert_eq!(response.status(), 200, "{path}");
    }
    env.register("alias@example.com", "secret-pw")
        .await
        .unwrap();
    let response = env
        .post_raw(
            "/_iam/recovery/v1/send-email",
            &visitor,
            "application/json",
            serde_json::to_vec(&json!({"email": "alias@example.com"})).unwrap(),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(env.outbox("alias@example.com").len(), 1);
}

#[tokio::test]
async fn reset_forgets_everything_and_the_clock_moves_over_http() {
    let env = start().await;
    env.register("gone@example.com", "secret-pw").await.unwrap();
    let (status, _, _) = env.post_json("/_sandbox/reset", &json!({})).await;
    assert_eq!(status, 200);
    let members = env.members().await;
    assert!(members.is_empty());
    let (status, _, body) = env
        .post_json("/_sandbox/clock", &json!({"advanceSeconds": 10}))
        .await;
    assert_eq!(
        (status.as_u16(), body["now"].as_u64()),
        (200, Some(1_700_000_010))
    );
}
