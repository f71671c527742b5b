//! What the generated calls put on the wire, and what they make of what comes back, held
//! against a scripted server: one request per tag, and the error shapes that must keep
//! their status.

use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
mod common;

use wix_auth_generated::browser::BrowserResponse;
use wix_auth_generated::{Client, Error, types};

const CLIENT_ID: &str = "6dc0b3b4-4a6f-4e7c-9a0e-0c2b2f6b7f11";

async fn server_and_client() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::new(&server.uri()).unwrap();
    (server, client)
}

fn success_state() -> Value {
    json!({"state": "SUCCESS", "sessionToken": "MST.session"})
}

/// The single request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

fn assert_no_api_version(request: &Request) {
    assert!(
        request.headers.get("api-version").is_none(),
        "api-version must be stripped"
    );
}

#[tokio::test]
async fn authentication_login_sends_the_documented_request() {
    let (server, client) = server_and_client().await;
    Mock::given(method("POST"))
        .and(path("/_api/iam/authentication/v2/login"))
        .and(header("authorization", "VISITOR-AT"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "loginId": {"email": "john@doe.com"},
            "password": "verySecurePassword"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_state()))
        .expect(1)
        .mount(&server)
        .await;

    let body = common::login_request("john@doe.com", "verySecurePassword");
    let answer = client.login_v2("VISITOR-AT", &body).await.unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer.session_token.as_ref().unwrap().expose_secret(),
        "MST.session"
    );
    assert_no_api_version(&only_request(&server).await);
}

#[tokio::test]
async fn verification_verify_sends_code_and_state_token() {
    let (server, client) = server_and_client().await;
    Mock::given(method("POST"))
        .and(path("/_api/iam/verification/v1/auth/verify"))
        .and(header("authorization", "VISITOR-AT"))
        .and(body_json(
            json!({"code": "123456", "stateToken": "AST.state"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_state()))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::VerifyDuringAuthenticationRequest {
        code: "123456".into(),
        state_token: "AST.state".into(),
    };
    client
        .verify_during_authentication("VISITOR-AT", &body)
        .await
        .unwrap();
    assert_no_api_version(&only_request(&server).await);
}

#[tokio::test]
async fn recovery_send_email_sends_redirect_and_decodes_empty_object() {
    let (server, client) = server_and_client().await;
    Mock::given(method("POST"))
        .and(path("/_api/iam/recovery/v1/send-email"))
        .and(header("authorization", "VISITOR-AT"))
        .and(body_json(json!({
            "email": "john@doe.com",
            "redirect": {"url": "https://mtsite.vercel.app", "clientId": CLIENT_ID}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::SendRecoveryEmailRequest {
        email: "john@doe.com".into(),
        language: None,
        redirect: Some(types::Redirect {
            url: Some("https://mtsite.vercel.app".try_into().unwrap()),
            client_id: Some(CLIENT_ID.into()),
        }),
    };
    client
        .send_recovery_email("VISITOR-AT", &body)
        .await
        .unwrap();
}

#[tokio::test]
async fn redirects_create_session_sends_the_auth_intent() {
    let (server, client) = server_and_client().await;
    let expected = json!({
        "auth": {
            "authRequest": {
                "clientId": CLIENT_ID,
                "codeChallenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "codeChallengeMethod": "S256",
                "redirectUri": "https://app.example/callback",
                "responseMode": "query",
                "responseType": "code",
                "scope": "offline_access",
                "sessionToken": "MST.session",
                "state": "st-123"
            },
            "prompt": "none"
        }
    });
    Mock::given(method("POST"))
        .and(path("/_api/redirects-api/v1/redirect-session"))
        .and(header("authorization", "VISITOR-AT"))
        .and(body_json(expected))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "redirectSession": {"id": "83cab021", "fullUrl": "https://site.example/_api/oauth2/authorize?x=1"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::CreateRedirectSessionRequest {
        auth: Some(types::RedirectSessionAuthParams {
            auth_request: types::AuthorizeRequest {
                client_id: Some(CLIENT_ID.into()),
                code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into()),
                code_challenge_method: Some(types::CodeChallengeMethod::S256),
                redirect_uri: Some("https://app.example/callback".into()),
                response_mode: Some(types::ResponseMode::Query),
                response_type: Some("code".into()),
                scope: Some("offline_access".into()),
                session_token: Some("MST.session".into()),
                state: Some("st-123".into()),
                nonce: None,
                prompt: None,
                idp: None,
            },
            prompt: Some(types::Prompt::None),
        }),
        ..Default::default()
    };
    let session = client
        .create_redirect_session("VISITOR-AT", &body)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        session.redirect_session.unwrap().full_url.unwrap().as_str(),
        "https://site.example/_api/oauth2/authorize?x=1"
    );
}

#[tokio::test]
async fn oauth2_token_sends_camel_case_grants_without_authorization() {
    let (server, client) = server_and_client().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_json(
            json!({"clientId": CLIENT_ID, "grantType": "anonymous"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "OauthNG.JWS.a", "token_type": "Bearer", "expires_in": 14400, "refresh_token": "JWS.r"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let body: types::TokenRequest = types::AnonymousTokenRequest {
        client_id: CLIENT_ID.into(),
        grant_type: types::AnonymousTokenRequestGrantType::Anonymous,
    }
    .into();
    let tokens = client
        .create_access_token(None, None, None, &body)
        .await
        .unwrap();
    assert_eq!(tokens.expires_in.seconds(), Some(14400));
    let request = only_request(&server).await;
    assert!(request.headers.get("authorization").is_none());
    assert_no_api_version(&request);
}

#[tokio::test]
async fn oauth2_client_credentials_grant_is_snake_case() {
    let (server, client) = server_and_client().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_json(json!({
            "client_id": CLIENT_ID, "client_secret": "app-secret", "grant_type": "client_credentials"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "OauthNG.JWS.app", "token_type": "Bearer", "expires_in": "14400"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let body: types::TokenRequest = types::ClientCredentialsTokenRequest {
        client_id: CLIENT_ID.into(),
        client_secret: "app-secret".into(),
        grant_type: types::ClientCredentialsTokenRequestGrantType::ClientCredentials,
        instance_id: None,
    }
    .into();
    let tokens = client
        .create_access_token(None, None, None, &body)
        .await
        .unwrap();
    assert!(tokens.refresh_token.is_none());
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
    let body = common::login_request("a@b.c", "pw");
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
