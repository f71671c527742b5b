//! Evidence that each deviation of deviations.toml still happens. When one of these fails,
//! the deviation is gone: remove it from deviations.toml.

use crate::common::*;
use conformance::covers;
use wix_auth_flows::{Credentials, secrets::SessionToken};

#[tokio::test]
async fn deviation_token_request_is_camel_case_json() {
    covers!("TOKEN-01");
    let as_ = scripted(Answer::Good).await;
    as_.auth
        .member_tokens(&"V".into(), &SessionToken::new("MST"))
        .await
        .unwrap();
    let exchange = &as_.requests_to("/oauth2/token").await[0];
    assert_eq!(
        exchange.headers.get("content-type").unwrap(),
        "application/json"
    );
    let body = json_body(exchange);
    assert!(body.get("grantType").is_some() && body.get("codeVerifier").is_some());
    assert!(body.get("grant_type").is_none());
}

#[tokio::test]
async fn deviation_authorize_parameters_are_camel_case() {
    covers!("AUTHZ-05");
    let as_ = scripted(Answer::Good).await;
    as_.auth.begin_login(&"V".into()).await.unwrap();
    let body = as_.last_request();
    let request = &body["auth"]["authRequest"];
    assert!(request.get("clientId").is_some() && request.get("redirectUri").is_some());
    assert!(request.get("client_id").is_none());
}

#[tokio::test]
async fn deviation_authorization_header_is_raw() {
    covers!("SECRET-03");
    let as_ = scripted(Answer::Good).await;
    wiremock::Mock::given(wiremock::matchers::path(
        "/_api/iam/authentication/v2/login",
    ))
    .respond_with(
        wiremock::ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"state": "SUCCESS", "sessionToken": "M"})),
    )
    .mount(&as_.server)
    .await;
    as_.auth
        .login(&"RAW-TOKEN".into(), &Credentials::new("a@b.c", "pw"))
        .await
        .unwrap();
    let login = &as_.requests_to("/_api/iam/authentication/v2/login").await[0];
    assert_eq!(login.headers.get("authorization").unwrap(), "RAW-TOKEN");
}

#[tokio::test]
async fn deviation_loopback_redirect_port_is_fixed() {
    covers!("NATIVE-02");
    let registered = "http://127.0.0.1:8765/callback";
    let sandbox = wix_auth_sandbox::Sandbox::builder()
        .client(wix_auth_sandbox::OAuthClient::new("native").redirect_uri(registered))
        .start()
        .await
        .unwrap();
    let flows = |redirect: &str| {
        wix_auth_flows::WixAuth::builder("native")
            .base_url(sandbox.base_url())
            .redirect_uri(redirect)
            .build()
            .unwrap()
    };
    let visitor = flows(registered)
        .visitor_tokens()
        .await
        .unwrap()
        .access_token;
    assert!(flows(registered).begin_login(&visitor).await.is_ok());
    // The same loopback callback on an ephemeral port is refused: the port is fixed.
    let ephemeral = flows("http://127.0.0.1:49152/callback")
        .begin_login(&visitor)
        .await
        .unwrap_err();
    assert!(
        matches!(ephemeral, wix_auth_flows::Error::Validation { .. }),
        "{ephemeral:?}"
    );
}
