//! Each seed sequence makes the documented calls, in the documented order, with the
//! documented bodies — checked against a recording server.

use crate::common::*;
use conformance::covers;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};
use wix_auth_flows::pkce::CodeVerifier;
use wix_auth_flows::{Credentials, LoginOutcome, Registration, Role, Session, store::MemoryStore};

async fn answer(as_: &Scripted, at: &str, body: Value) {
    Mock::given(method("POST"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&as_.server)
        .await;
}

fn redacted_bodies(requests: &[wiremock::Request]) -> Vec<Value> {
    requests
        .iter()
        .map(|r| {
            let mut body = json_body(r);
            redact(&mut body);
            json!({"request": format!("{} {}", r.method, r.url.path()), "body": body})
        })
        .collect()
}

#[tokio::test]
async fn flow_custom_login_sequence() {
    covers!(
        "FLOW-01",
        "PKCE-03",
        "PKCE-06",
        "PKCE-07",
        "REDIR-01",
        "TOKEN-01",
        "NATIVE-01"
    );
    let as_ = scripted(Answer::Good).await;
    answer(
        &as_,
        "/_api/iam/authentication/v2/register",
        json!({"state": "REQUIRE_EMAIL_VERIFICATION", "stateToken": "AST.1"}),
    )
    .await;
    answer(
        &as_,
        "/_api/iam/verification/v1/auth/verify",
        json!({"state": "SUCCESS", "sessionToken": "MST.1"}),
    )
    .await;

    let visitor = as_.auth.visitor_tokens().await.unwrap().access_token;
    let outcome = as_
        .auth
        .register(
            &visitor,
            &Registration::new("john@doe.com", "verySecurePassword"),
        )
        .await
        .unwrap();
    let LoginOutcome::EmailVerificationRequired { state_token, .. } = outcome else {
        panic!("{outcome:?}")
    };
    let verified = as_
        .auth
        .verify_email(&visitor, &state_token, "123456")
        .await
        .unwrap();
    let member = as_
        .auth
        .member_tokens(&visitor, verified.session_token().unwrap())
        .await
        .unwrap();
    assert_eq!(member.role, Role::Member);

    assert_eq!(
        as_.sequence().await,
        [
            "POST /oauth2/token",
            "POST /_api/iam/authentication/v2/register",
            "POST /_api/iam/verification/v1/auth/verify",
            "POST /_api/redirects-api/v1/redirect-session",
            "GET /_api/oauth2/authorize",
            "POST /oauth2/token",
        ]
    );
    let requests = as_.server.received_requests().await.unwrap();
    let auth_request = json_body(&requests[3])["auth"]["authRequest"].clone();
    let exchange = json_body(&requests[5]);
    let verifier = CodeVerifier::parse(exchange["codeVerifier"].as_str().unwrap()).unwrap();
    assert_eq!(
        auth_request["codeChallenge"].as_str().unwrap(),
        verifier.challenge()
    );
    assert_eq!(exchange["redirectUri"], auth_request["redirectUri"]);
    assert_eq!(exchange["code"], "CODE-1");
    assert_eq!(json_body(&requests[3])["auth"]["prompt"], "none");
    assert_eq!(auth_request["sessionToken"], "MST.1");
    for r in &requests[1..4] {
        assert_eq!(
            r.headers.get("authorization").unwrap(),
            visitor.expose_secret()
        );
    }
    insta::assert_json_snapshot!(redacted_bodies(&requests));
}

#[tokio::test]
async fn flow_login_states() {
    covers!("FLOW-02");
    let mut seen = Vec::new();
    for state in [
        "SUCCESS",
        "REQUIRE_EMAIL_VERIFICATION",
        "REQUIRE_OWNER_APPROVAL",
        "STATUS_CHECK",
        "REQUIRE_MISSING_FIELDS",
        "REQUIRE_MFA",
        "MFA_CHALLENGE",
        "REQUIRE_FIRST_FACTOR",
        "UNKNOWN_STATE",
        "A_NEW_STATE",
    ] {
        let as_ = scripted(Answer::Good).await;
        answer(
            &as_,
            "/_api/iam/authentication/v2/login",
            json!({"state": state, "sessionToken": "MST", "stateToken": "AST"}),
        )
        .await;
        let outcome = as_
            .auth
            .login(&"V".into(), &Credentials::new("a@b.c", "pw"))
            .await
            .unwrap();
        seen.push(format!("{state} => {outcome:?}"));
    }
    insta::assert_debug_snapshot!(seen);
}

#[tokio::test]
async fn flow_wix_managed_login_sequence() {
    covers!("FLOW-03", "NATIVE-01");
    let as_ = scripted(Answer::Good).await;
    let (login_url, pending) = as_.auth.begin_login(&"V".into()).await.unwrap();
    assert!(login_url.path().ends_with("/_api/oauth2/authorize"));
    assert_eq!(pending.redirect_uri(), REDIRECT);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(now.abs_diff(pending.created_at()) < 60, "created now");
    let body = as_.last_request();
    assert_eq!(body["auth"]["prompt"], "login");
    assert!(body["auth"]["authRequest"].get("sessionToken").is_none());
    let state = body["auth"]["authRequest"]["state"]
        .as_str()
        .unwrap()
        .to_string();
    // The pending login travels through a cookie between the two requests.
    let cookie = serde_json::to_string(&pending).unwrap();
    let pending: wix_auth_flows::PendingLogin = serde_json::from_str(&cookie).unwrap();
    let member = as_
        .auth
        .complete_login(&format!("{REDIRECT}#code=CODE-1&state={state}"), pending)
        .await
        .unwrap();
    assert_eq!(member.role, Role::Member);
    assert_eq!(
        as_.sequence().await,
        [
            "POST /_api/redirects-api/v1/redirect-session",
            "POST /oauth2/token"
        ]
    );
    let exchange = json_body(&as_.requests_to("/oauth2/token").await[0]);
    assert_eq!(exchange["grantType"], "authorization_code");
    assert_eq!(exchange["redirectUri"], REDIRECT);
}

#[tokio::test]
async fn flow_visitor_and_refresh_sequence() {
    covers!("FLOW-04");
    // Against a live deployment when CONFORMANCE_BASE_URL and CONFORMANCE_CLIENT_ID are set.
    let live = std::env::var("CONFORMANCE_BASE_URL")
        .ok()
        .zip(std::env::var("CONFORMANCE_CLIENT_ID").ok());
    let (_sandbox, auth) = match live {
        Some((base, client)) => (
            None,
            wix_auth_flows::WixAuth::builder(client)
                .base_url(base)
                .build()
                .unwrap(),
        ),
        None => {
            let (sandbox, auth) = sandbox().await;
            (Some(sandbox), auth)
        }
    };
    let visitor = auth.visitor_tokens().await.unwrap();
    assert_eq!(visitor.role, Role::Visitor);
    assert!(visitor.refresh_token.is_some());
    let renewed = auth.refresh(&visitor).await.unwrap();
    assert_eq!(renewed.role, Role::Visitor);
    assert!(renewed.refresh_token.is_some());
}

#[tokio::test]
async fn flow_password_reset_and_logout_sequence() {
    covers!("FLOW-05", "FLOW-06");
    let as_ = scripted(Answer::Good).await;
    answer(&as_, "/_api/iam/recovery/v1/send-email", json!({})).await;
    as_.auth
        .send_password_reset(&"V".into(), "john@doe.com", Some(REDIRECT))
        .await
        .unwrap();
    let sent = json_body(&as_.requests_to("/_api/iam/recovery/v1/send-email").await[0]);
    assert_eq!(
        sent,
        json!({"email": "john@doe.com", "redirect": {"url": REDIRECT, "clientId": CLIENT}})
    );

    let session = Session::new(as_.auth.clone(), MemoryStore::new(), "k");
    session
        .set(&wix_auth_flows::Tokens {
            access_token: "MEMBER".into(),
            refresh_token: None,
            expires_at: u64::MAX,
            role: Role::Member,
            member: None,
        })
        .await
        .unwrap();
    session.logout("https://app.example/").await.unwrap();
    let logout = json_body(
        as_.requests_to("/_api/redirects-api/v1/redirect-session")
            .await
            .last()
            .unwrap(),
    );
    assert_eq!(
        logout,
        json!({"logout": {"clientId": CLIENT}, "callbacks": {"postFlowUrl": "https://app.example/"}})
    );
    assert!(session.stored().await.unwrap().is_none());
}
