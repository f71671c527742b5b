//! What the generated calls make of what comes back, held against a scripted server: the
//! browser-navigation answers (a redirect read, not followed; an HTML page) and the error
//! shapes that must keep their status and bytes. (Each operation's request is snapshotted
//! by the conformance suite, WIRE-01.)

use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wix_auth_generated::browser::BrowserResponse;
use wix_auth_generated::{Client, Error, types};

const CLIENT_ID: &str = "6dc0b3b4-4a6f-4e7c-9a0e-0c2b2f6b7f11";

async fn server_and_client() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::new(&server.uri()).unwrap();
    (server, client)
}

#[tokio::test]
async fn oauth2_authorize_sends_camel_case_query_and_returns_the_redirect() {
    let (server, client) = server_and_client().await;
    let location = "https://app.example/callback?code=OLI79QEL&state=st-123";
    Mock::given(method("GET"))
        .and(path("/_api/oauth2/authorize"))
        .and(query_param("clientId", CLIENT_ID))
        .and(query_param("responseType", "code"))
        .and(query_param("redirectUri", "https://app.example/callback"))
        .and(query_param("codeChallengeMethod", "S256"))
        .and(query_param("prompt", "none"))
        .and(query_param("responseMode", "query"))
        .and(query_param("sessionToken", "MST.session"))
        .and(query_param("state", "st-123"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location))
        .expect(1)
        .mount(&server)
        .await;
    let result = client
        .authorize(
            Some(CLIENT_ID),
            Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
            Some(types::CodeChallengeMethod::S256),
            None,
            None,
            Some(types::Prompt::None),
            Some("https://app.example/callback"),
            Some(types::ResponseMode::Query),
            Some("code"),
            Some("offline_access"),
            Some("MST.session"),
            Some("st-123"),
        )
        .await;
    let answer = BrowserResponse::from_result(result).await.unwrap();
    assert!(answer.is_redirect());
    assert_eq!(answer.location(), Some(location));
    let shown = format!("{answer:?}");
    assert!(!shown.contains("OLI79QEL"), "{shown}");
}

#[tokio::test]
async fn logout_html_page_and_redirect_both_arrive() {
    let (server, client) = server_and_client().await;
    Mock::given(method("GET"))
        .and(path("/_api/iam/authentication/v1/logout"))
        .and(query_param("postLogoutRedirectUri", "https://app.example/"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", "https://app.example/")
                .insert_header("set-cookie", "smSession=; Max-Age=0"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/_api/iam/authentication/v1/logout"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html")
                .set_body_string("<html>bye</html>"),
        )
        .mount(&server)
        .await;

    let redirect =
        BrowserResponse::from_result(client.logout(None, Some("https://app.example/")).await)
            .await
            .unwrap();
    assert_eq!(redirect.status(), 302);
    assert_eq!(redirect.location(), Some("https://app.example/"));
    assert!(redirect.headers().contains_key("set-cookie"));

    let page = BrowserResponse::from_result(client.logout(Some(CLIENT_ID), None).await)
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.body(), b"<html>bye</html>");
}

/// Calls Login V2 against a server that answers with `template`.
async fn login_against(template: ResponseTemplate) -> Error<wix_auth_generated::ByteStream> {
    let (server, client) = server_and_client().await;
    Mock::given(method("POST"))
        .respond_with(template)
        .mount(&server)
        .await;
    let body = crate::common::login_request("a@b.c", "pw");
    client.login_v2("AT", &body).await.unwrap_err()
}

async fn error_body(error: Error<wix_auth_generated::ByteStream>) -> (u16, Vec<u8>) {
    let Error::ErrorResponse(response) = error else {
        panic!("expected ErrorResponse, got another error kind");
    };
    let status = response.status().as_u16();
    let answer = BrowserResponse::from_result(Ok(response)).await.unwrap();
    (status, answer.body().to_vec())
}

#[tokio::test]
async fn an_html_502_keeps_its_status_and_bytes() {
    let error = login_against(
        ResponseTemplate::new(502)
            .insert_header("content-type", "text/html")
            .set_body_string("<html>Bad gateway</html>"),
    )
    .await;
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    let (status, body) = error_body(error).await;
    assert_eq!(
        (status, body.as_slice()),
        (502, &b"<html>Bad gateway</html>"[..])
    );
}

#[tokio::test]
async fn an_empty_401_keeps_its_status() {
    let error = login_against(ResponseTemplate::new(401)).await;
    let (status, body) = error_body(error).await;
    assert_eq!(status, 401);
    assert!(body.is_empty());
}

#[tokio::test]
async fn a_wix_envelope_error_arrives_raw_and_decodes() {
    let error = login_against(ResponseTemplate::new(401).set_body_json(json!({
        "message": "Wrong email or password",
        "details": {"applicationError": {"code": "-19976", "description": "Wrong email or password"}}
    })))
    .await;
    let (status, body) = error_body(error).await;
    assert_eq!(status, 401);
    let envelope: types::WixError = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        envelope
            .details
            .unwrap()
            .application_error
            .unwrap()
            .code
            .as_deref(),
        Some("-19976")
    );
}

#[tokio::test]
async fn a_429_keeps_retry_after() {
    let error = login_against(ResponseTemplate::new(429).insert_header("retry-after", "30")).await;
    let Error::ErrorResponse(response) = error else {
        panic!("expected ErrorResponse");
    };
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers().get("retry-after").unwrap(), "30");
}

#[tokio::test]
async fn a_malformed_success_body_is_a_payload_error_not_a_panic() {
    let error = login_against(
        ResponseTemplate::new(200)
            .insert_header("content-type", "application/json")
            .set_body_string("{\"state\": \"SUCC"),
    )
    .await;
    assert!(matches!(error, Error::InvalidResponsePayload(..)));
}
