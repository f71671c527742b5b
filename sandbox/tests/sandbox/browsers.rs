//! What browser clients meet: CORS as Wix answers it (preflights from any origin, the origin
//! on every API answer, errors included, none on pages), post-flow URLs compared as parsed
//! URLs, `profile.customFields` in the documented object form, an unknown login email as 404.

use reqwest::Method;
use serde_json::{Value, json};
use wix_auth_sandbox::{OAuthClient, Sandbox};

use crate::common::*;

const ORIGIN: &str = "http://127.0.0.1:4321";

/// A preflight the way a browser sends one before a `fetch` with a token and JSON.
async fn preflight(env: &Env, path: &str) -> reqwest::Response {
    env.http
        .request(Method::OPTIONS, format!("{}{path}", env.sandbox.base_url()))
        .header("origin", ORIGIN)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,x-wix-client-artifact-id",
        )
        .send()
        .await
        .unwrap()
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn every_api_route_answers_a_preflight_from_any_origin() {
    let env = start().await;
    for path in [
        "/oauth2/token",
        "/oauth2/token-info",
        "/_api/iam/authentication/v2/register",
        "/_api/iam/authentication/v2/login",
        "/_api/iam/verification/v1/auth/verify",
        "/_api/iam/recovery/v1/send-email",
        "/_api/redirects-api/v1/redirect-session",
        "/members/v1/members/my",
        "/_sandbox/outbox",
    ] {
        let answer = preflight(&env, path).await;
        assert_eq!(answer.status(), 204, "{path}");
        assert_eq!(
            header(&answer, "access-control-allow-origin"),
            ORIGIN,
            "{path}"
        );
        assert!(
            header(&answer, "access-control-allow-methods").contains("POST"),
            "{path}"
        );
        assert_eq!(
            header(&answer, "access-control-allow-headers"),
            "authorization,content-type,x-wix-client-artifact-id",
            "{path}: the requested headers are allowed"
        );
    }
}

/// A POST from the browser's origin with `body`.
async fn post_from_page(env: &Env, path: &str, body: &str) -> reqwest::Response {
    env.http
        .post(format!("{}{path}", env.sandbox.base_url()))
        .header("origin", ORIGIN)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_answer_to_a_page_carries_its_origin_errors_included() {
    let env = start_with(Sandbox::builder().limits(wix_auth_sandbox::Limits {
        max_body_bytes: 1024,
        ..Default::default()
    }))
    .await;
    let visitor = json!({"clientId": CLIENT, "grantType": "anonymous"}).to_string();
    let ok = post_from_page(&env, "/oauth2/token", &visitor).await;
    assert_eq!(ok.status(), 200);
    let token: Value = ok.json().await.unwrap();
    let login = json!({"loginId": {"email": "nobody@example.com"}, "password": "a-long-password"});
    let unauthenticated = post_from_page(
        &env,
        "/_api/iam/authentication/v2/login",
        &login.to_string(),
    )
    .await;
    let too_large = post_from_page(&env, "/oauth2/token", &"x".repeat(4096)).await;
    let unknown = post_from_page(&env, "/no/such/api", "{}").await;
    for (what, answer, status) in [
        ("401", unauthenticated, 401),
        ("413", too_large, 413),
        ("404", unknown, 404),
    ] {
        assert_eq!(answer.status(), status, "{what}");
        assert_eq!(
            header(&answer, "access-control-allow-origin"),
            ORIGIN,
            "{what}"
        );
        assert!(
            header(&answer, "access-control-expose-headers").contains("retry-after"),
            "{what}"
        );
    }
    let with_token = env
        .http
        .post(format!(
            "{}/_api/iam/authentication/v2/login",
            env.sandbox.base_url()
        ))
        .header("origin", ORIGIN)
        .header("authorization", token["access_token"].as_str().unwrap())
        .json(&login)
        .send()
        .await
        .unwrap();
    assert_eq!(with_token.status(), 404, "an unknown email");
    assert_eq!(header(&with_token, "access-control-allow-origin"), ORIGIN);
}

#[tokio::test]
async fn a_throttled_login_exposes_retry_after_to_the_page() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let call = |operation: &str, password: &str| {
        env.http
            .post(format!(
                "{}/_api/iam/authentication/v2/{operation}",
                env.sandbox.base_url()
            ))
            .header("origin", ORIGIN)
            .header("authorization", visitor.clone())
            .json(&json!({"loginId": {"email": "t@example.com"}, "password": password}))
            .send()
    };
    assert_eq!(
        call("register", "a-long-password").await.unwrap().status(),
        200
    );
    let mut throttled = None;
    for _ in 0..20 {
        let answer = call("login", "wrong-password").await.unwrap();
        if answer.status() == 429 {
            throttled = Some(answer);
            break;
        }
    }
    let throttled = throttled.expect("throttled within 20 wrong passwords");
    assert_eq!(header(&throttled, "access-control-allow-origin"), ORIGIN);
    assert!(!header(&throttled, "retry-after").is_empty());
    assert!(header(&throttled, "access-control-expose-headers").contains("retry-after"));
}

#[tokio::test]
async fn pages_a_browser_navigates_to_get_no_cors() {
    let env = start().await;
    for path in [
        "/_api/oauth2/authorize?clientId=x",
        "/_sandbox/login?id=x",
        "/_api/iam/authentication/v1/logout?clientId=x",
    ] {
        let answer = env
            .http
            .get(format!("{}{path}", env.sandbox.base_url()))
            .header("origin", ORIGIN)
            .send()
            .await
            .unwrap();
        assert!(
            answer
                .headers()
                .get("access-control-allow-origin")
                .is_none(),
            "{path}"
        );
    }
    let without_origin = env
        .http
        .post(format!("{}/oauth2/token", env.sandbox.base_url()))
        .json(&json!({"clientId": CLIENT, "grantType": "anonymous"}))
        .send()
        .await
        .unwrap();
    assert!(
        without_origin
            .headers()
            .get("access-control-allow-origin")
            .is_none(),
        "a request without an origin is not a browser's"
    );
}

#[tokio::test]
async fn a_post_flow_url_is_the_same_url_with_or_without_the_root_slash() {
    let env = start_with(
        Sandbox::builder().client(OAuthClient::new(CLIENT)).client(
            OAuthClient::new("browser-app")
                .redirect_uri(format!("{ORIGIN}/callback"))
                .post_flow_url(format!("{ORIGIN}/")),
        ),
    )
    .await;
    let visitor = env.visitor_token().await;
    let logout = |url: &str| json!({"logout": {"clientId": "browser-app"}, "callbacks": {"postFlowUrl": url}});
    let session = |body: Value| {
        env.http
            .post(format!(
                "{}/_api/redirects-api/v1/redirect-session",
                env.sandbox.base_url()
            ))
            .header("authorization", visitor.clone())
            .json(&body)
            .send()
    };
    for same in [
        ORIGIN.to_string(),
        format!("{ORIGIN}/"),
        "HTTP://127.0.0.1:4321".into(),
    ] {
        assert_eq!(
            session(logout(&same)).await.unwrap().status(),
            200,
            "{same}"
        );
    }
    for other in [
        format!("{ORIGIN}/other"),
        format!("{ORIGIN}/?q=1"),
        "http://127.0.0.1:4322/".to_string(),
        "https://127.0.0.1:4321/".to_string(),
    ] {
        assert_eq!(
            session(logout(&other)).await.unwrap().status(),
            400,
            "{other}"
        );
    }
}

#[tokio::test]
async fn custom_fields_in_the_documented_object_form_are_kept_in_the_array_form() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let register = |email: &str, custom: Value| {
        env.http
            .post(format!(
                "{}/_api/iam/authentication/v2/register",
                env.sandbox.base_url()
            ))
            .header("authorization", visitor.clone())
            .json(&json!({
                "loginId": {"email": email},
                "password": "a-long-password",
                "profile": {"firstName": "A", "customFields": custom}
            }))
            .send()
    };
    let object = register(
        "object@example.com",
        json!({"favColor": "blue", "age": 42, "vip": true}),
    )
    .await
    .unwrap();
    assert_eq!(object.status(), 200);
    let answer: Value = object.json().await.unwrap();
    let fields = &answer["identity"]["identityProfile"]["customFields"];
    let value_of = |name: &str| {
        fields
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .map(|f| f["value"].clone())
            .unwrap()
    };
    assert_eq!(value_of("favColor"), json!({"strValue": "blue"}));
    assert_eq!(value_of("age"), json!({"numValue": 42.0}));
    assert_eq!(value_of("vip"), json!({"boolValue": true}));

    let array = register(
        "array@example.com",
        json!([{"name": "favColor", "value": {"strValue": "red"}}]),
    )
    .await
    .unwrap();
    assert_eq!(array.status(), 200, "the SDK's array form still works");

    let nested = register("nested@example.com", json!({"favColor": {"r": 1}}))
        .await
        .unwrap();
    assert_eq!(nested.status(), 400);
}
