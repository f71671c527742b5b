//! What the sandbox cannot produce, scripted with wiremock: the rarer login states, odd
//! error bodies, broken success bodies, timeouts, and forged authorize redirects (after which
//! the token endpoint must not be called).

use std::time::Duration;

use crate::common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wix_auth_flows::{Error, LoginOutcome, WixAuth, error::BodyKind, secrets::SessionToken};

#[tokio::test]
async fn rarer_states_are_their_own_variants() {
    for (state, check) in [
        (
            "STATUS_CHECK",
            (|o: &LoginOutcome| {
                matches!(
                    o,
                    LoginOutcome::StatusCheck {
                        state_token: Some(_)
                    }
                )
            }) as fn(&LoginOutcome) -> bool,
        ),
        ("REQUIRE_MISSING_FIELDS", |o| {
            matches!(o, LoginOutcome::MissingFields { .. })
        }),
        (
            "UNKNOWN_STATE",
            |o| matches!(o, LoginOutcome::Unknown { state, .. } if state == "UNKNOWN_STATE"),
        ),
        ("REQUIRE_MFA", |o| {
            matches!(
                o,
                LoginOutcome::MfaRequired {
                    state_token: Some(_)
                }
            ) && o.session_token().is_none()
        }),
        ("MFA_CHALLENGE", |o| {
            matches!(
                o,
                LoginOutcome::MfaChallenge {
                    state_token: Some(_)
                }
            ) && o.session_token().is_none()
        }),
        ("REQUIRE_FIRST_FACTOR", |o| {
            matches!(
                o,
                LoginOutcome::FirstFactorRequired {
                    state_token: Some(_)
                }
            ) && o.session_token().is_none()
        }),
        (
            "A_STATE_ADDED_LATER",
            |o| matches!(o, LoginOutcome::Unknown { state, .. } if state == "A_STATE_ADDED_LATER"),
        ),
    ] {
        let outcome = login_answer(
            ResponseTemplate::new(200)
                .set_body_json(json!({"state": state, "stateToken": "AST.x"})),
        )
        .await
        .unwrap();
        assert!(check(&outcome), "{state}: {outcome:?}");
    }
}

#[tokio::test]
async fn success_without_a_session_token_is_an_error_not_a_panic() {
    let err = login_answer(ResponseTemplate::new(200).set_body_json(json!({"state": "SUCCESS"})))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::MissingField {
                field: "sessionToken",
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_validation_error_without_an_application_error_is_handled() {
    let err = login_answer(ResponseTemplate::new(400).set_body_json(json!({
        "message": "invalid", "details": {"validationError": {"fieldViolations": [
            {"field": "loginId.email", "description": "not an email", "ruleName": "INVALID_EMAIL", "data": {"type": "EMAIL"}}
        ]}}
    })))
    .await
    .unwrap_err();
    match err {
        Error::Validation { violations, .. } => {
            assert_eq!(violations[0].field.as_deref(), Some("loginId.email"))
        }
        other => panic!("expected Validation, got {other:?}"),
    }
}

#[tokio::test]
async fn an_error_without_details_keeps_status_and_request_id() {
    let err = login_answer(
        ResponseTemplate::new(401)
            .insert_header("x-wix-request-id", "req-123")
            .set_body_json(json!({"message": "nope"})),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::Unauthenticated(_)), "{err:?}");
    let context = err.context().unwrap();
    assert_eq!(
        (
            context.operation,
            context.status,
            context.request_id.as_deref()
        ),
        ("loginV2", Some(401), Some("req-123"))
    );
    assert_eq!(
        context.to_string(),
        "loginV2 answered 401: nope [request id req-123]"
    );
}

#[tokio::test]
async fn html_empty_and_unavailable_answers_are_typed() {
    let html = login_answer(
        ResponseTemplate::new(502)
            .insert_header("content-type", "text/html")
            .set_body_string("<html>Bad gateway</html>"),
    )
    .await
    .unwrap_err();
    let context = html.context().unwrap();
    assert_eq!((context.status, context.body), (Some(502), BodyKind::Html));

    let empty = login_answer(ResponseTemplate::new(401)).await.unwrap_err();
    assert!(
        matches!(empty, Error::Unauthenticated(ref c) if c.body == BodyKind::Empty),
        "{empty:?}"
    );

    let unavailable = login_answer(ResponseTemplate::new(503).insert_header("retry-after", "7"))
        .await
        .unwrap_err();
    assert!(
        matches!(unavailable, Error::Unavailable { .. }),
        "{unavailable:?}"
    );
    assert_eq!(unavailable.retry_after(), Some(Duration::from_secs(7)));

    let throttled = login_answer(ResponseTemplate::new(429).insert_header("retry-after", "30"))
        .await
        .unwrap_err();
    assert_eq!(throttled.retry_after(), Some(Duration::from_secs(30)));

    let truncated = login_answer(
        ResponseTemplate::new(400)
            .insert_header("content-type", "application/json")
            .set_body_string("{\"message\": \"tr"),
    )
    .await
    .unwrap_err();
    assert_eq!(truncated.context().unwrap().body, BodyKind::UnreadableJson);
}

#[tokio::test]
async fn a_broken_success_body_names_the_path_but_not_the_value() {
    let err = login_answer(ResponseTemplate::new(200).set_body_json(json!({
        "state": "SUCCESS", "sessionToken": "MST.leaked-secret", "identity": {"revision": {"not": "a string"}}
    })))
    .await
    .unwrap_err();
    match &err {
        Error::Decode { path, category, .. } => {
            assert_eq!(path, "identity.revision");
            assert_eq!(*category, "data");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    let text = format!("{err} {err:?}");
    assert!(!text.contains("leaked-secret"), "{text}");
}

/// A server whose redirect session leads to an authorize endpoint answering `location`.
async fn forged_authorize(location: &str) -> (MockServer, WixAuth) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/_api/redirects-api/v1/redirect-session"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "redirectSession": {"id": "1", "fullUrl": format!("{}/_api/oauth2/authorize?x=1", server.uri())}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/_api/oauth2/authorize"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("AT", Some("RT"), 14400)))
        .expect(0)
        .named("the token endpoint, which a bad authorization response must not reach")
        .mount(&server)
        .await;
    let auth = flows_for(&server.uri());
    (server, auth)
}

#[tokio::test]
async fn forged_or_failed_redirects_never_reach_the_token_endpoint() {
    for (location, expected) in [
        (format!("{REDIRECT}?code=C&state=forged"), "StateMismatch"),
        (format!("{REDIRECT}?code=C"), "MissingState"),
        (
            format!("{REDIRECT}?error=login_required&error_description=no+session"),
            "AuthorizationDenied",
        ),
        (format!("{REDIRECT}#code=C&state=forged"), "StateMismatch"),
    ] {
        let (server, auth) = forged_authorize(&location).await;
        let err = auth
            .member_tokens(&"VISITOR".into(), &SessionToken::new("MST.x"))
            .await
            .unwrap_err();
        assert!(
            format!("{err:?}").starts_with(&format!("Callback({expected}")),
            "{location}: {err:?}"
        );
        server.verify().await;
    }
}

#[tokio::test]
async fn an_authorize_page_instead_of_a_redirect_is_no_redirect() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/_api/redirects-api/v1/redirect-session"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "redirectSession": {"fullUrl": format!("{}/_api/oauth2/authorize", server.uri())}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<form>login</form>"))
        .mount(&server)
        .await;
    let err = flows_for(&server.uri())
        .member_tokens(&"V".into(), &SessionToken::new("MST.x"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NoRedirect { status: 200 }), "{err:?}");
}

#[tokio::test]
async fn every_error_says_what_the_caller_can_do() {
    use wix_auth_flows::ErrorKind;
    let envelope =
        |code: &str| json!({"message": "m", "details": {"applicationError": {"code": code}}});
    for (template, kind) in [
        (
            ResponseTemplate::new(401).set_body_json(envelope("-19976")),
            ErrorKind::Input,
        ),
        (
            ResponseTemplate::new(400).set_body_json(envelope("SOMETHING_NEW")),
            ErrorKind::Input,
        ),
        (ResponseTemplate::new(401), ErrorKind::Reauthenticate),
        (
            ResponseTemplate::new(429).insert_header("retry-after", "30"),
            ErrorKind::RetryLater,
        ),
        (ResponseTemplate::new(503), ErrorKind::RetryLater),
        (ResponseTemplate::new(500), ErrorKind::Unexpected),
        (
            ResponseTemplate::new(502).set_body_string("<html>bad gateway</html>"),
            ErrorKind::Unexpected,
        ),
        (
            ResponseTemplate::new(200).set_body_string("{\"state\": 7}"),
            ErrorKind::Unexpected,
        ),
        (ResponseTemplate::new(403), ErrorKind::Misconfigured),
    ] {
        let error = login_answer(template).await.unwrap_err();
        assert_eq!(error.kind(), kind, "{error:?}");
    }
    let throttled = login_answer(ResponseTemplate::new(429).insert_header("retry-after", "30"))
        .await
        .unwrap_err();
    assert_eq!(throttled.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(throttled.to_string().matches("retry after").count(), 1);

    let no_redirect_uri = WixAuth::builder("c").build().unwrap();
    let missing = no_redirect_uri
        .begin_login(&"VISITOR".into())
        .await
        .unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::Misconfigured);
    let unreachable = WixAuth::builder("c")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap()
        .visitor_tokens()
        .await
        .unwrap_err();
    assert_eq!(unreachable.kind(), ErrorKind::Transport);
    assert_eq!(
        unreachable.to_string(),
        "createAccessToken: could not connect"
    );
}

#[tokio::test]
async fn login_errors_are_classified_by_their_code_whatever_the_status() {
    // The live API answers an unknown email 404 where older captures showed 401; the code,
    // not the status, says what happened.
    for status in [400, 401, 403, 404, 409] {
        for (code, expected) in [
            ("-19999", "UnknownAccount"),
            ("-19976", "InvalidCredentials"),
            ("-19995", "EmailExists"),
        ] {
            let body = json!({
                "message": "refused",
                "details": {"applicationError": {"code": code, "description": "refused"}}
            });
            let err = login_answer(ResponseTemplate::new(status).set_body_json(body))
                .await
                .unwrap_err();
            let got = match &err {
                Error::UnknownAccount(_) => "UnknownAccount",
                Error::InvalidCredentials(_) => "InvalidCredentials",
                Error::EmailExists(_) => "EmailExists",
                other => panic!("{code} at {status}: {other:?}"),
            };
            assert_eq!(got, expected, "{code} at {status}");
            assert_eq!(err.kind(), wix_auth_flows::ErrorKind::Input);
            assert_eq!(err.context().unwrap().status, Some(status));
        }
    }
}
