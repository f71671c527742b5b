//! Register V2 and Login V2: every state and every error code, throttling and state-token
//! continuation.

use crate::common::*;
use serde_json::json;
use wix_auth_generated::types;
use wix_auth_sandbox::{Policy, Sandbox};

#[tokio::test]
async fn register_succeeds_with_a_session_token_and_identity() {
    let env = start().await;
    let answer = env.register("ann@example.com", "secret-pw").await.unwrap();
    assert_eq!(state(&answer), "SUCCESS");
    assert!(
        answer
            .session_token
            .unwrap()
            .expose_secret()
            .starts_with("MST.")
    );
    let identity = answer.identity.unwrap();
    assert_eq!(
        identity.email.unwrap().address.as_deref(),
        Some("ann@example.com")
    );
    assert_eq!(identity.status.unwrap().name.unwrap().to_string(), "ACTIVE");
}

#[tokio::test]
async fn register_needs_a_visitor_token() {
    let env = start().await;
    let failure = err(env
        .api
        .register_v2("nope", &credentials("a@example.com", "secret-pw").0)
        .await)
    .await;
    assert_eq!(failure.status, 401);
    assert!(failure.headers.contains_key("x-wix-request-id"));
}

#[tokio::test]
async fn a_duplicate_email_is_19995() {
    let env = start().await;
    env.register("ann@example.com", "secret-pw").await.unwrap();
    let failure = env
        .register("ANN@example.com", "secret-pw")
        .await
        .unwrap_err();
    assert_eq!((failure.status, failure.code()), (409, "-19995".into()));
}

#[tokio::test]
async fn an_existing_contact_must_verify_by_email_code() {
    let env = start().await;
    let (status, _, _) = env
        .post_json("/_sandbox/contacts", &json!({"email": "con@example.com"}))
        .await;
    assert_eq!(status, 200);
    let answer = env.register("con@example.com", "secret-pw").await.unwrap();
    assert_eq!(state(&answer), "REQUIRE_EMAIL_VERIFICATION");
    assert!(answer.session_token.is_none());
    assert!(answer.state_token.is_some());
    let code = env.latest_code("con@example.com");
    assert_eq!(code.len(), 6);
    assert!(code.bytes().all(|b| b.is_ascii_digit()));
}

#[tokio::test]
async fn the_verification_policy_applies_to_new_emails_too() {
    let policy = Policy {
        require_email_verification: true,
        ..Policy::default()
    };
    let env = start_with(Sandbox::builder().policy(policy)).await;
    let answer = env.register("new@example.com", "secret-pw").await.unwrap();
    assert_eq!(state(&answer), "REQUIRE_EMAIL_VERIFICATION");
}

#[tokio::test]
async fn owner_approval_then_state_token_continuation() {
    let policy = Policy {
        require_owner_approval: true,
        ..Policy::default()
    };
    let env = start_with(Sandbox::builder().policy(policy)).await;
    let answer = env.register("pen@example.com", "secret-pw").await.unwrap();
    assert_eq!(state(&answer), "REQUIRE_OWNER_APPROVAL");
    let state_token = answer.state_token.unwrap();

    let continue_login = |token: String| {
        let env = &env;
        async move {
            let visitor = env.visitor_token().await;
            let body = types::LoginV2Request {
                login_id: types::LoginId {
                    email: "pen@example.com".into(),
                },
                password: None,
                captcha_tokens: vec![],
                client_meta_data: Default::default(),
                state_token: Some(token.into()),
            };
            ok(env.api.login_v2(&visitor, &body).await)
        }
    };
    let pending = continue_login(state_token.expose_secret().to_string()).await;
    assert_eq!(state(&pending), "REQUIRE_OWNER_APPROVAL");

    let refused = env.login("pen@example.com", "secret-pw").await.unwrap_err();
    assert_eq!((refused.status, refused.code()), (403, "-19958".into()));

    env.approve("pen@example.com");
    let done = continue_login(state_token.expose_secret().to_string()).await;
    assert_eq!(state(&done), "SUCCESS");
    assert!(done.session_token.is_some());
    let used = env.login("pen@example.com", "secret-pw").await.unwrap();
    assert_eq!(state(&used), "SUCCESS");
}

#[tokio::test]
async fn captcha_missing_invalid_and_valid() {
    let policy = Policy {
        require_captcha: true,
        ..Policy::default()
    };
    let env = start_with(Sandbox::builder().policy(policy)).await;
    let missing = env
        .register("cap@example.com", "secret-pw")
        .await
        .unwrap_err();
    assert_eq!((missing.status, missing.code()), (400, "-19971".into()));

    let visitor = env.visitor_token().await;
    let mut body = credentials("cap@example.com", "secret-pw").0;
    body.captcha_tokens = vec![types::CaptchaToken {
        recaptcha: Some("invalid-token".try_into().unwrap()),
        ..Default::default()
    }];
    let invalid = err(env.api.register_v2(&visitor, &body).await).await;
    assert_eq!((invalid.status, invalid.code()), (400, "-19970".into()));

    body.captcha_tokens = vec![types::CaptchaToken {
        invisible_recaptcha: Some("03AFcWeA5-good".try_into().unwrap()),
        ..Default::default()
    }];
    let answer = ok(env.api.register_v2(&visitor, &body).await);
    assert_eq!(state(&answer), "SUCCESS");
}

#[tokio::test]
async fn a_short_password_is_a_validation_error() {
    let env = start().await;
    let failure = env.register("short@example.com", "abc").await.unwrap_err();
    assert_eq!(failure.status, 400);
    let violation = failure.violation();
    assert_eq!(violation.field.as_deref(), Some("password"));
    assert_eq!(violation.rule_name.as_deref(), Some("VALUE_TOO_SHORT"));
}

#[tokio::test]
async fn login_succeeds_and_reports_wrong_password_and_unknown_email() {
    let env = start().await;
    env.register("ann@example.com", "secret-pw").await.unwrap();
    let answer = env.login("ann@example.com", "secret-pw").await.unwrap();
    assert_eq!(state(&answer), "SUCCESS");
    let wrong = env.login("ann@example.com", "wrong-pw").await.unwrap_err();
    assert_eq!((wrong.status, wrong.code()), (401, "-19976".into()));
    let unknown = env.login("zed@example.com", "secret-pw").await.unwrap_err();
    assert_eq!(
        (unknown.status, unknown.code()),
        (404, "-19999".into()),
        "Login V2 answers an unknown email 404, as the live API does"
    );
}

#[tokio::test]
async fn password_reset_required_is_19973() {
    let env = start().await;
    let (status, _, _) = env
        .post_json(
            "/_sandbox/members",
            &json!({"email": "old@example.com", "password": "secret-pw", "passwordResetRequired": true}),
        )
        .await;
    assert_eq!(status, 200);
    let failure = env.login("old@example.com", "secret-pw").await.unwrap_err();
    assert_eq!((failure.status, failure.code()), (403, "-19973".into()));
}

#[tokio::test]
async fn repeated_failures_are_throttled_until_the_window_passes() {
    let env = start().await;
    env.register("thr@example.com", "secret-pw").await.unwrap();
    for _ in 0..5 {
        let failure = env.login("thr@example.com", "wrong-pw").await.unwrap_err();
        assert_eq!(failure.status, 401);
    }
    let throttled = env.login("thr@example.com", "secret-pw").await.unwrap_err();
    assert_eq!((throttled.status, throttled.code()), (429, "-19959".into()));
    assert_eq!(throttled.headers["retry-after"], "900");
    let other = env.login("other@example.com", "x").await.unwrap_err();
    assert_eq!(other.status, 404, "throttling is per email: an unknown one");

    env.clock.advance(900);
    let answer = env.login("thr@example.com", "secret-pw").await.unwrap();
    assert_eq!(state(&answer), "SUCCESS");
}

#[tokio::test]
async fn failures_count_afresh_in_each_window() {
    let env = start().await;
    env.register("win@example.com", "secret-pw").await.unwrap();
    let fail = |n: usize| {
        let env = &env;
        async move {
            for _ in 0..n {
                let failure = env.login("win@example.com", "wrong-pw").await.unwrap_err();
                assert_eq!(failure.status, 401);
            }
        }
    };
    fail(4).await;
    env.clock.advance(900);
    fail(4).await; // the first four are forgotten: four in this window
    let answer = env.login("win@example.com", "secret-pw").await.unwrap();
    assert_eq!(state(&answer), "SUCCESS");

    fail(5).await;
    env.clock.advance(900);
    fail(5).await; // a window after a lockout locks out again
    let throttled = env.login("win@example.com", "secret-pw").await.unwrap_err();
    assert_eq!(throttled.status, 429);
}

#[tokio::test]
async fn an_invalid_state_token_is_refused() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let body = types::LoginV2Request {
        login_id: types::LoginId {
            email: "x@example.com".into(),
        },
        password: None,
        captcha_tokens: vec![],
        client_meta_data: Default::default(),
        state_token: Some("AST.bogus".into()),
    };
    let failure = err(env.api.login_v2(&visitor, &body).await).await;
    assert_eq!((failure.status, failure.code()), (400, "-19984".into()));
}

#[tokio::test]
async fn a_state_token_ends_with_its_lifetime() {
    let policy = Policy {
        require_owner_approval: true,
        ..Policy::default()
    };
    let env = start_with(Sandbox::builder().policy(policy)).await;
    let answer = env.register("st@example.com", "secret-pw").await.unwrap();
    let state_token = answer.state_token.unwrap().expose_secret().to_string();
    let visitor = env.visitor_token().await;
    let body = types::LoginV2Request {
        login_id: types::LoginId {
            email: "st@example.com".into(),
        },
        password: None,
        captcha_tokens: vec![],
        client_meta_data: Default::default(),
        state_token: Some(state_token.into()),
    };
    let lifetime = wix_auth_sandbox::Lifetimes::default().state_token;
    env.clock.advance(lifetime - 1);
    let pending = ok(env.api.login_v2(&visitor, &body).await);
    assert_eq!(state(&pending), "REQUIRE_OWNER_APPROVAL");
    env.clock.advance(1);
    let expired = err(env.api.login_v2(&visitor, &body).await).await;
    assert_eq!(
        expired.status, 400,
        "at its expiry the state token is spent"
    );
}
