//! OpenID-conformance-style negative client tests: a bad authorization response must end in
//! a typed error with zero requests at `/oauth2/token`.

use crate::common::*;
use conformance::covers;
use wix_auth_flows::{Error, Registration, error::CallbackError, secrets::SessionToken};

async fn silent(answer: Answer) -> (Error, usize) {
    let as_ = scripted(answer).await;
    let err = as_
        .auth
        .member_tokens(&"VISITOR".into(), &SessionToken::new("MST"))
        .await
        .unwrap_err();
    let token_calls = as_.requests_to("/oauth2/token").await.len();
    (err, token_calls)
}

#[tokio::test]
async fn negative_wrong_state_never_reaches_the_token_endpoint() {
    covers!("STATE-02");
    let (err, calls) = silent(Answer::WrongState).await;
    assert!(
        matches!(err, Error::Callback(CallbackError::StateMismatch)),
        "{err:?}"
    );
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn negative_missing_state_never_reaches_the_token_endpoint() {
    covers!("STATE-02");
    let (err, calls) = silent(Answer::MissingState).await;
    assert!(
        matches!(err, Error::Callback(CallbackError::MissingState)),
        "{err:?}"
    );
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn negative_error_callback_never_reaches_the_token_endpoint() {
    covers!("STATE-05");
    let (err, calls) = silent(Answer::Error).await;
    assert!(
        matches!(err, Error::Callback(CallbackError::AuthorizationDenied { ref error, .. }) if error == "access_denied"),
        "{err:?}"
    );
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn negative_code_for_another_redirect_uri_is_refused() {
    covers!("REDIR-01");
    let (err, calls) = silent(Answer::OtherRedirect).await;
    assert!(
        matches!(err, Error::Callback(CallbackError::RedirectUriMismatch)),
        "{err:?}"
    );
    assert_eq!(calls, 0);

    let as_ = scripted(Answer::Good).await;
    let (_, pending) = as_.auth.begin_login(&"V".into()).await.unwrap();
    let err = as_
        .auth
        .complete_login("https://app.example/elsewhere?code=C&state=s", pending)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Callback(CallbackError::RedirectUriMismatch)),
        "{err:?}"
    );
    assert_eq!(as_.requests_to("/oauth2/token").await.len(), 0);
}

#[tokio::test]
async fn negative_replayed_state_is_refused() {
    covers!("STATE-03");
    let as_ = scripted(Answer::Good).await;
    let (_, pending) = as_.auth.begin_login(&"V".into()).await.unwrap();
    let state = as_.last_state();
    let callback = format!("{REDIRECT}?code=C&state={state}");
    as_.auth
        .complete_login(&callback, pending.clone())
        .await
        .unwrap();
    let err = as_
        .auth
        .complete_login(&callback, pending.clone())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Callback(CallbackError::PendingLoginUsed)),
        "{err:?}"
    );
    // Another login completing in between must not make the first one replayable.
    let (_, other) = as_.auth.begin_login(&"V".into()).await.unwrap();
    let other_state = as_.last_state();
    let other_callback = format!("{REDIRECT}?code=C&state={other_state}");
    as_.auth
        .complete_login(&other_callback, other)
        .await
        .unwrap();
    let err = as_
        .auth
        .complete_login(&callback, pending)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Callback(CallbackError::PendingLoginUsed)),
        "{err:?}"
    );
    assert_eq!(as_.requests_to("/oauth2/token").await.len(), 2);
}

#[tokio::test]
async fn negative_replayed_code_is_refused() {
    covers!("AUTHZ-01", "TOKEN-04");
    let (sandbox, auth) = sandbox().await;
    let visitor = auth.visitor_tokens().await.unwrap().access_token;
    auth.register(
        &visitor,
        &Registration::new("replay@example.com", "secret-pw"),
    )
    .await
    .unwrap();
    let (login_url, pending) = auth.begin_login(&visitor).await.unwrap();
    let callback = sandbox
        .log_in_on_page(login_url.as_str(), "replay@example.com", "secret-pw")
        .await
        .unwrap();
    auth.complete_login(&callback, pending.clone())
        .await
        .unwrap();
    // Another process with the same pending login and callback: the server refuses the code.
    let replica = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
        .base_url(sandbox.base_url())
        .redirect_uri(wix_auth_sandbox::config::DEFAULT_REDIRECT_URI)
        .build()
        .unwrap();
    let err = replica
        .complete_login(&callback, pending)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::OAuth { ref error, .. } if error == "invalid_grant"),
        "{err:?}"
    );
}

#[tokio::test]
async fn state_pending_login_expiry_boundary() {
    covers!("STATE-06");
    let as_ = scripted(Answer::Good).await;
    let clock = wix_auth_flows::clock::ManualClock::at(1_700_000_000);
    let auth = wix_auth_flows::WixAuth::builder(CLIENT)
        .base_url(as_.server.uri())
        .redirect_uri(REDIRECT)
        .pending_login_max_age(std::time::Duration::from_secs(600))
        .clock(clock.clone())
        .build()
        .unwrap();
    for (age, expired) in [(600, false), (601, true)] {
        let (_, pending) = auth.begin_login(&"V".into()).await.unwrap();
        let state = as_.last_state();
        clock.advance(age);
        let result = auth
            .complete_login(&format!("{REDIRECT}?code=C&state={state}"), pending)
            .await;
        assert_eq!(
            matches!(
                result,
                Err(Error::Callback(CallbackError::PendingLoginExpired))
            ),
            expired,
            "age {age}: {result:?}"
        );
    }
}

#[tokio::test]
async fn redirect_uri_refused_at_authorize_is_a_typed_error() {
    covers!("REDIR-02");
    let as_ = scripted(Answer::Good).await;
    wiremock::Mock::given(wiremock::matchers::path("/_api/oauth2/authorize"))
        .respond_with(
            wiremock::ResponseTemplate::new(400)
                .insert_header("content-type", "text/html")
                .set_body_string("<h1>Invalid redirect URI</h1>"),
        )
        .with_priority(1)
        .mount(&as_.server)
        .await;
    let err = as_
        .auth
        .member_tokens(&"V".into(), &SessionToken::new("MST"))
        .await
        .unwrap_err();
    let context = err.context().expect("an error answer");
    assert_eq!(
        (context.status, context.body),
        (Some(400), wix_auth_flows::error::BodyKind::Html),
        "{err:?}"
    );
    assert_eq!(as_.requests_to("/oauth2/token").await.len(), 0);
}

#[tokio::test]
async fn redirect_uri_exact_match_without_redirect() {
    covers!("REDIR-02");
    let (sandbox, _) = sandbox().await;
    let near_miss = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
        .base_url(sandbox.base_url())
        .redirect_uri(format!(
            "{}/",
            wix_auth_sandbox::config::DEFAULT_REDIRECT_URI
        ))
        .build()
        .unwrap();
    let visitor = near_miss.visitor_tokens().await.unwrap().access_token;
    let err = near_miss.begin_login(&visitor).await.unwrap_err();
    assert!(matches!(err, Error::Validation { .. }), "{err:?}");

    let http = wix_auth_generated::http_client_builder().build().unwrap();
    let direct = format!(
        "{}/_api/oauth2/authorize?clientId={}&responseType=code&redirectUri=https%3A%2F%2Fevil.example%2F&state=s&codeChallenge=x&codeChallengeMethod=S256",
        sandbox.base_url(),
        wix_auth_sandbox::config::DEFAULT_CLIENT_ID
    );
    let response = http.get(direct).send().await.unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.headers().get("location").is_none());
}
