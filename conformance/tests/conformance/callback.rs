//! Authorization responses: callback parsing, errors, response modes, request parameters.

use crate::common::*;
use conformance::{PROPTEST_CASES, covers};
use proptest::prelude::*;
use wix_auth_flows::pkce::OAuthState;
use wix_auth_flows::{Error, authorize::Callback, error::CallbackError};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(PROPTEST_CASES))]

    #[test]
    fn callback_parsing_never_panics(url in "\\PC{0,300}", state in "\\PC{0,40}") {
        covers!("STATE-04");
        let expected = OAuthState::generate().unwrap();
        if let Ok(callback) = Callback::parse(&url) {
            let _ = callback.into_code(&expected);
        }
        let with_state = format!("https://a.example/cb?code=c&state={state}");
        if let Ok(callback) = Callback::parse(&with_state) {
            prop_assert!(callback.into_code(&expected).is_err());
        }
    }

    #[test]
    fn callback_parsing_reads_query_and_fragment(code in "[A-Za-z0-9._~-]{1,40}", in_fragment in any::<bool>()) {
        covers!("STATE-04", "AUTHZ-03");
        let state = OAuthState::generate().unwrap();
        let separator = if in_fragment { '#' } else { '?' };
        let url = format!("https://a.example/cb{separator}code={code}&state={}", state.expose_secret());
        let got = Callback::parse(&url).unwrap().into_code(&state).unwrap();
        prop_assert_eq!(got.expose_secret(), code.as_str());
    }
}

#[test]
fn authz_missing_code_is_a_typed_error() {
    covers!("AUTHZ-01");
    let state = OAuthState::generate().unwrap();
    let url = format!("https://a.example/cb?state={}", state.expose_secret());
    assert!(matches!(
        Callback::parse(&url).unwrap().into_code(&state),
        Err(Error::Callback(CallbackError::MissingCode))
    ));
}

#[test]
fn authz_error_codes_decode() {
    covers!("AUTHZ-02");
    let state = OAuthState::generate().unwrap();
    let mut decoded = Vec::new();
    for code in [
        "invalid_request",
        "unauthorized_client",
        "access_denied",
        "unsupported_response_type",
        "invalid_scope",
        "server_error",
        "temporarily_unavailable",
        "wix_specific_error",
    ] {
        let url = format!(
            "https://a.example/cb?error={code}&error_description=Because+{code}&state={}",
            state.expose_secret()
        );
        let err = Callback::parse(&url)
            .unwrap()
            .into_code(&state)
            .unwrap_err();
        assert!(matches!(
            err,
            Error::Callback(CallbackError::AuthorizationDenied { .. })
        ));
        decoded.push(err.to_string());
    }
    insta::assert_debug_snapshot!(decoded);
}

#[tokio::test]
async fn authz_web_message_page_carries_code_and_state() {
    covers!("AUTHZ-03");
    let (sandbox, auth) = sandbox().await;
    let http = wix_auth_generated::http_client_builder().build().unwrap();
    let visitor = auth.visitor_tokens().await.unwrap().access_token;
    let outcome = auth
        .register(
            &visitor,
            &wix_auth_flows::Registration::new("wm@example.com", "secret-pw"),
        )
        .await
        .unwrap();
    let url = format!(
        "{}/_api/oauth2/authorize?clientId={}&responseType=code&redirectUri={}&state=st-1&codeChallenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&codeChallengeMethod=S256&prompt=none&responseMode=web_message&sessionToken={}",
        sandbox.base_url(),
        wix_auth_sandbox::config::DEFAULT_CLIENT_ID,
        url::form_urlencoded::byte_serialize(
            wix_auth_sandbox::config::DEFAULT_REDIRECT_URI.as_bytes()
        )
        .collect::<String>(),
        outcome.session_token().unwrap().expose_secret()
    );
    let page = http.get(url).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains("\"code\":\"") && page.contains("\"state\":\"st-1\""),
        "{page}"
    );
}

#[tokio::test]
async fn authz_request_parameters() {
    covers!("PKCE-06", "AUTHZ-05");
    let as_ = scripted(Answer::Good).await;
    let (_url, _pending) = as_.auth.begin_login(&"VISITOR".into()).await.unwrap();
    let mut body = as_.last_request();
    let request = &body["auth"]["authRequest"];
    assert_eq!(request["codeChallengeMethod"], "S256");
    assert_eq!(request["codeChallenge"].as_str().unwrap().len(), 43);
    redact(&mut body);
    insta::assert_json_snapshot!(body);
}
