//! The flows that follow `@wix/sdk`'s wire: external login with an API key, the full-page
//! session login, social login, verification resend, the typed error codes and the token
//! endpoint's error shapes. Each test asserts the exact request a scripted server received.

use crate::common::*;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use wix_auth_flows::{
    Credentials, Error, Role, WixAuth, authorize::IdentityProvider, error::BodyKind,
    external::ApiKeyScope, secrets::ApiKey,
};

const MEMBER: &str = "12432ed2-ef8b-6bf3-8f9n-94f3c4d0ef85";

fn with_key(server: &MockServer, scope: ApiKeyScope) -> WixAuth {
    WixAuth::builder(CLIENT)
        .base_url(server.uri())
        .redirect_uri(REDIRECT)
        .api_key(ApiKey::new("API-KEY"), scope)
        .build()
        .unwrap()
}

fn site() -> ApiKeyScope {
    ApiKeyScope::Site("site-1".into())
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

/// The `Authorization` header as sent (wiremock's `header` matcher splits values at commas,
/// which would accept `VISITOR` and `API-KEY` in any form).
fn raw_authorization(request: &Request) -> &str {
    request.headers["authorization"].to_str().unwrap()
}

fn body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

#[tokio::test]
async fn external_member_tokens_send_the_authorized_client_grant() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(header("wix-site-id", "site-1"))
        .and(body_json(json!({
            "grant_type": "authorized_client", "member_id": MEMBER, "scope": "offline_access"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(
            "OauthNG.m",
            Some("JWS.r"),
            14400,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let tokens = with_key(&server, site())
        .external_member_tokens(&"VISITOR".into(), MEMBER)
        .await
        .unwrap();
    assert_eq!(tokens.role, Role::Member);
    assert_eq!(tokens.refresh_token.unwrap().expose_secret(), "JWS.r");
    let sent = &requests(&server).await[0];
    assert_eq!(raw_authorization(sent), "VISITOR,API-KEY");
    assert!(sent.headers.get("wix-account-id").is_none());
}

#[tokio::test]
async fn an_account_scoped_key_sends_only_the_account_header() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(header("wix-account-id", "acct-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("a", None, 1)))
        .expect(1)
        .mount(&server)
        .await;
    with_key(&server, ApiKeyScope::Account("acct-1".into()))
        .external_member_tokens(&"VISITOR".into(), MEMBER)
        .await
        .unwrap();
    assert!(
        requests(&server).await[0]
            .headers
            .get("wix-site-id")
            .is_none()
    );
}

#[tokio::test]
async fn external_login_signs_on_then_grants_with_the_session_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/_api/iam/authentication/v2/sign-on"))
        .and(header("wix-site-id", "site-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "sessionToken": "MST.s", "identity": {"id": MEMBER}
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(header("wix-site-id", "site-1"))
        .and(body_json(json!({
            "grant_type": "authorized_client", "member_id": MEMBER, "session_token": "MST.s"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("m", Some("r"), 60)))
        .expect(1)
        .mount(&server)
        .await;
    let tokens = with_key(&server, site())
        .external_login(&"VISITOR".into(), "john@doe.com", true)
        .await
        .unwrap();
    assert_eq!(tokens.role, Role::Member);
    let sent = requests(&server).await;
    for request in &sent {
        assert_eq!(raw_authorization(request), "VISITOR,API-KEY");
    }
    let sign_on = body(&sent[0]);
    assert_eq!(sign_on["loginId"]["email"], "john@doe.com");
    assert_eq!(sign_on["verifyEmail"], true);
}

#[tokio::test]
async fn external_login_without_a_key_sends_nothing() {
    let server = MockServer::start().await;
    let auth = flows_for(&server.uri());
    let err = auth
        .external_login(&"VISITOR".into(), "a@b.c", false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::MissingApiKey), "{err:?}");
    let err = auth
        .external_member_tokens(&"VISITOR".into(), MEMBER)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::MissingApiKey), "{err:?}");
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn a_sign_on_without_the_identity_id_is_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/_api/iam/authentication/v2/sign-on"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sessionToken": "MST.s"})))
        .mount(&server)
        .await;
    let err = with_key(&server, site())
        .external_login(&"VISITOR".into(), "a@b.c", false)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::MissingField {
                field: "identity.id",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        requests(&server).await.len(),
        1,
        "no grant without a member id"
    );
}

#[tokio::test]
async fn the_api_key_stays_out_of_debug_and_errors() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "bad key"})))
        .mount(&server)
        .await;
    let auth = with_key(&server, site());
    let err = auth
        .external_member_tokens(&"VISITOR-SECRET".into(), MEMBER)
        .await
        .unwrap_err();
    let shown = format!("{auth:?} {err:?} {err}");
    assert!(!shown.contains("API-KEY"), "{shown}");
    assert!(!shown.contains("VISITOR-SECRET"), "{shown}");
    assert!(shown.contains("site-1"), "the scope is shown: {shown}");
}

/// A redirect-session answer whose `fullUrl` points back at the scripted server.
async fn redirect_session(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/_api/redirects-api/v1/redirect-session"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "redirectSession": {"id": "rs", "fullUrl": format!("{}/_api/oauth2/authorize?redirectSessionId=rs", server.uri())}
        })))
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_session_login_is_a_full_page_redirect_with_the_session_token() {
    let server = MockServer::start().await;
    redirect_session(&server).await;
    let auth = flows_for(&server.uri());
    let (url, pending) = auth
        .begin_session_login(&"VISITOR".into(), &"MST.s".into())
        .await
        .unwrap();
    assert_eq!(url.path(), "/_api/oauth2/authorize");
    assert_eq!(pending.redirect_uri(), REDIRECT);
    let sent = body(&requests(&server).await[0]);
    let request = &sent["auth"]["authRequest"];
    assert_eq!(sent["auth"]["prompt"], "none");
    assert_eq!(request["sessionToken"], "MST.s");
    assert_eq!(request["responseMode"], "query");
    assert_eq!(request["redirectUri"], REDIRECT);
    assert_eq!(request["codeChallengeMethod"], "S256");
    assert!(request.get("idp").is_none());
}

#[tokio::test]
async fn a_social_login_sends_the_connection_id() {
    for (provider, id) in [
        (
            IdentityProvider::Google,
            "0e6a50f5-b523-4e29-990d-f37fa2ffdd69",
        ),
        (
            IdentityProvider::Facebook,
            "3ecad13f-52c3-483d-911f-31dbcf2a6d23",
        ),
        (IdentityProvider::Connection("conn-7".into()), "conn-7"),
    ] {
        let server = MockServer::start().await;
        redirect_session(&server).await;
        flows_for(&server.uri())
            .begin_social_login(&"VISITOR".into(), &provider)
            .await
            .unwrap();
        let sent = body(&requests(&server).await[0]);
        assert_eq!(sent["auth"]["authRequest"]["idp"], id);
        assert_eq!(sent["auth"]["prompt"], "login");
        assert!(sent["auth"]["authRequest"].get("sessionToken").is_none());
    }
}

#[tokio::test]
async fn member_tokens_name_the_browser_route_when_authorize_answers_a_page() {
    let server = MockServer::start().await;
    redirect_session(&server).await;
    Mock::given(method("GET"))
        .and(path("/_api/oauth2/authorize"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html")
                .set_body_string("<!doctype html><script>/* login page */</script>"),
        )
        .mount(&server)
        .await;
    let err = flows_for(&server.uri())
        .member_tokens(&"VISITOR".into(), &"MST.s".into())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NoRedirect { status: 200 }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("begin_session_login"), "{message}");
    assert!(message.contains("API key"), "{message}");
    assert!(
        !requests(&server)
            .await
            .iter()
            .any(|r| r.url.path() == "/oauth2/token"),
        "no code, no token request"
    );
}

#[tokio::test]
async fn resend_starts_a_verification_for_the_identity() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/_api/iam/verification/v1/start"))
        .and(header("authorization", "VISITOR"))
        .and(body_json(json!({"identityId": MEMBER, "target": "EMAIL"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"verificationId": "v"})))
        .expect(1)
        .mount(&server)
        .await;
    flows_for(&server.uri())
        .resend_verification_code(&"VISITOR".into(), MEMBER)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_verification_state_carries_the_identity_id_for_a_resend() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/_api/iam/authentication/v2/login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "state": "REQUIRE_EMAIL_VERIFICATION", "stateToken": "AST.x", "identity": {"id": MEMBER}
        })))
        .mount(&server)
        .await;
    let outcome = flows_for(&server.uri())
        .login(&"VISITOR".into(), &Credentials::new("a@b.c", "pw"))
        .await
        .unwrap();
    assert!(matches!(
        outcome,
        wix_auth_flows::LoginOutcome::EmailVerificationRequired { identity_id: Some(ref id), .. } if id == MEMBER
    ));
}

async fn login_error(code: &str) -> Error {
    login_answer(ResponseTemplate::new(400).set_body_json(json!({
        "message": "refused", "details": {"applicationError": {"code": code, "description": "d"}}
    })))
    .await
    .unwrap_err()
}

/// The variant name of an error, e.g. `CaptchaRequired`.
fn variant(error: &Error) -> String {
    let shown = format!("{error:?}");
    shown
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn each_typed_code_is_the_variant_of_its_numeric_twin() {
    for (numeric, typed) in [
        ("-19971", "CAPTCHA_TOKEN_REQUIRED"),
        ("-19971", "MISSING_CAPTCHA_TOKEN"),
        ("-19971", "RECAPTCHA_REQUIRED"),
        ("-19970", "INVALID_CAPTCHA_TOKEN"),
        ("-19970", "RECAPTCHA_FAILED"),
        ("-19995", "DUPLICATE_EMAIL"),
        ("-19973", "REENROLLMENT_REQUIRED_BY_ADMIN"),
        ("-19959", "THROTTLED_FEATURE"),
    ] {
        let twin = login_error(numeric).await;
        let error = login_error(typed).await;
        assert_eq!(variant(&twin), variant(&error), "{numeric} / {typed}");
        assert_eq!(error.context().unwrap().code.as_deref(), Some(typed));
    }
}

#[tokio::test]
async fn codes_that_bar_a_login_are_not_permitted() {
    for code in [
        "TRUSTED_CLIENTS_ONLY",
        "IP_ADDRESS_FILTERED",
        "USER_EMAIL_OFAC_ADDRESS",
        "WIX_EMPLOYEE_PASSWORD_LOGIN_NOT_ALLOWED",
        "REGISTRATION_TO_EDITORX_NOT_ALLOWED",
    ] {
        let error = login_error(code).await;
        assert!(matches!(error, Error::NotPermitted(_)), "{code}: {error:?}");
    }
    let unknown = login_error("SOMETHING_NEW").await;
    assert!(matches!(unknown, Error::Api(_)), "{unknown:?}");
}

async fn refresh_error(template: ResponseTemplate) -> Error {
    let (_server, auth) = answering("/oauth2/token", template).await;
    let tokens = wix_auth_flows::Tokens {
        access_token: "a".into(),
        refresh_token: Some("JWS.r".into()),
        expires_at: 0,
        role: Role::Member,
        member: None,
    };
    auth.refresh(&tokens).await.unwrap_err()
}

#[tokio::test]
async fn token_errors_of_every_shape_decode() {
    let oauth = refresh_error(
        ResponseTemplate::new(400)
            .set_body_json(json!({"error": "invalid_grant", "error_description": "revoked"})),
    )
    .await;
    assert!(
        matches!(&oauth, Error::OAuth { error, .. } if error == "invalid_grant"),
        "{oauth:?}"
    );

    let envelope = refresh_error(
        ResponseTemplate::new(400)
            .insert_header("x-wix-request-id", "req-9")
            .set_body_json(json!({
                "message": "invalid refresh token",
                "details": {"applicationError": {"code": "INVALID_REFRESH_TOKEN"}}
            })),
    )
    .await;
    let context = envelope.context().expect("an error answer");
    assert!(matches!(envelope, Error::Api(_)), "{envelope:?}");
    assert_eq!(context.code.as_deref(), Some("INVALID_REFRESH_TOKEN"));
    assert_eq!(context.request_id.as_deref(), Some("req-9"));
    assert_eq!(context.body, BodyKind::Decoded);

    let empty = refresh_error(ResponseTemplate::new(401)).await;
    assert!(
        matches!(&empty, Error::Unauthenticated(c) if c.body == BodyKind::Empty && c.status == Some(401)),
        "{empty:?}"
    );
}
