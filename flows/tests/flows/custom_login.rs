//! Custom login against the sandbox: every state, verification resumed from a stored state
//! token, owner approval, and each documented error code as its typed error.

use crate::common::*;
use wix_auth_flows::{Credentials, Error, LoginOutcome, Registration, Role, secrets::StateToken};
use wix_auth_sandbox::{Policy, Sandbox, SeedMember};

#[tokio::test]
async fn register_then_member_tokens() {
    let env = start().await;
    let visitor = env.visitor().await;
    let outcome = env
        .auth
        .register(&visitor, &Registration::new("ann@example.com", "secret-pw"))
        .await
        .unwrap();
    let LoginOutcome::Success {
        session_token,
        identity,
    } = outcome
    else {
        panic!("expected Success, got {outcome:?}");
    };
    assert!(identity.is_some());
    let member = env
        .auth
        .member_tokens(&visitor, &session_token)
        .await
        .unwrap();
    assert_eq!(member.role, Role::Member);
    assert!(member.refresh_token.is_some());
    let info = env.auth.token_info(&member.access_token).await.unwrap();
    assert_eq!((info.active, info.role), (true, Some(Role::Member)));
}

#[tokio::test]
async fn email_verification_resumes_from_a_stored_state_token() {
    let env = start().await;
    env.sandbox.add_contact("con@example.com").unwrap();
    let visitor = env.visitor().await;
    let outcome = env
        .auth
        .register(&visitor, &Registration::new("con@example.com", "secret-pw"))
        .await
        .unwrap();
    let LoginOutcome::EmailVerificationRequired { state_token, .. } = outcome else {
        panic!("expected EmailVerificationRequired, got {outcome:?}");
    };
    // Persisted, then picked up by another process with a fresh client and visitor.
    let stored = serde_json::to_string(&state_token).unwrap();
    let other = flows_for(env.sandbox.base_url());
    let state_token: StateToken = serde_json::from_str(&stored).unwrap();
    let visitor = other.visitor_tokens().await.unwrap().access_token;
    let code = env.sandbox.latest_code("con@example.com").unwrap();

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let err = other
        .verify_email(&visitor, &state_token, wrong)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::VerificationFailed(_)), "{err:?}");

    let outcome = other
        .verify_email(&visitor, &state_token, &code)
        .await
        .unwrap();
    let session = outcome.session_token().expect("verified").clone();
    assert_eq!(
        other.member_tokens(&visitor, &session).await.unwrap().role,
        Role::Member
    );

    let used = other
        .verify_email(&visitor, &state_token, &code)
        .await
        .unwrap_err();
    assert!(matches!(used, Error::InvalidStateToken(_)), "{used:?}");
}

#[tokio::test]
async fn owner_approval_is_a_state_then_an_error_then_success() {
    let policy = Policy {
        require_owner_approval: true,
        ..Policy::default()
    };
    let env = start_with(Sandbox::builder().policy(policy)).await;
    let visitor = env.visitor().await;
    let outcome = env
        .auth
        .register(&visitor, &Registration::new("pen@example.com", "secret-pw"))
        .await
        .unwrap();
    let LoginOutcome::OwnerApprovalRequired {
        state_token: Some(state_token),
    } = outcome
    else {
        panic!("expected OwnerApprovalRequired, got {outcome:?}");
    };
    let err = env
        .auth
        .login(&visitor, &Credentials::new("pen@example.com", "secret-pw"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::PendingApproval(_)), "{err:?}");
    let still = env
        .auth
        .continue_login(&visitor, "pen@example.com", &state_token)
        .await
        .unwrap();
    assert!(matches!(still, LoginOutcome::OwnerApprovalRequired { .. }));

    env.sandbox.approve("pen@example.com").unwrap();
    let done = env
        .auth
        .continue_login(&visitor, "pen@example.com", &state_token)
        .await
        .unwrap();
    assert!(done.session_token().is_some());
}

#[tokio::test]
async fn every_login_error_code_is_its_own_type_with_the_request_id() {
    let policy = Policy {
        require_captcha: true,
        ..Policy::default()
    };
    // A manual clock: the Retry-After asserted below must not depend on a second passing.
    let clock = wix_auth_sandbox::ManualClock::starting_now();
    let env = start_with(Sandbox::builder().policy(policy).manual_clock(clock)).await;
    let visitor = env.visitor().await;
    let captcha = |email: &str| {
        let mut r = Registration::new(email, "secret-pw");
        r.captcha = vec![wix_auth_flows::login::Captcha::Recaptcha("ok-token".into())];
        r
    };
    env.auth
        .register(&visitor, &captcha("ann@example.com"))
        .await
        .unwrap();

    let missing = env
        .auth
        .register(&visitor, &Registration::new("b@example.com", "secret-pw"))
        .await
        .unwrap_err();
    assert!(matches!(missing, Error::CaptchaRequired(_)), "{missing:?}");
    assert!(
        missing
            .request_id()
            .is_some_and(|id| id.starts_with("sbx-"))
    );

    let mut bad = captcha("b@example.com");
    bad.captcha = vec![wix_auth_flows::login::Captcha::InvisibleRecaptcha(
        "invalid".into(),
    )];
    assert!(matches!(
        env.auth.register(&visitor, &bad).await.unwrap_err(),
        Error::CaptchaInvalid(_)
    ));

    let exists = env
        .auth
        .register(&visitor, &captcha("ann@example.com"))
        .await
        .unwrap_err();
    assert!(matches!(exists, Error::EmailExists(_)), "{exists:?}");

    let mut short = captcha("c@example.com");
    short.password = "abc".into();
    match env.auth.register(&visitor, &short).await.unwrap_err() {
        Error::Validation {
            violations,
            context,
        } => {
            assert_eq!(violations[0].field.as_deref(), Some("password"));
            assert_eq!(violations[0].rule_name.as_deref(), Some("VALUE_TOO_SHORT"));
            assert_eq!(context.status, Some(400));
        }
        other => panic!("expected Validation, got {other:?}"),
    }

    let login = |email: &str, password: &str| {
        let mut c = Credentials::new(email, password);
        c.captcha = vec![wix_auth_flows::login::Captcha::Recaptcha("ok".into())];
        c
    };
    let wrong = env
        .auth
        .login(&visitor, &login("ann@example.com", "nope-nope"))
        .await
        .unwrap_err();
    assert!(matches!(wrong, Error::InvalidCredentials(_)), "{wrong:?}");
    let unknown = env
        .auth
        .login(&visitor, &login("zed@example.com", "secret-pw"))
        .await
        .unwrap_err();
    assert!(matches!(unknown, Error::UnknownAccount(_)), "{unknown:?}");
    for _ in 0..4 {
        let _ = env
            .auth
            .login(&visitor, &login("ann@example.com", "nope-nope"))
            .await;
    }
    let throttled = env
        .auth
        .login(&visitor, &login("ann@example.com", "secret-pw"))
        .await
        .unwrap_err();
    assert!(
        matches!(throttled, Error::Throttled { .. }),
        "{throttled:?}"
    );
    assert_eq!(throttled.retry_after().map(|d| d.as_secs()), Some(900));
}

#[tokio::test]
async fn password_reset_required_is_typed() {
    let env = start().await;
    env.sandbox
        .seed_member(SeedMember {
            password_reset_required: true,
            ..SeedMember::new("old@example.com", "secret-pw")
        })
        .await
        .unwrap();
    let visitor = env.visitor().await;
    let err = env
        .auth
        .login(&visitor, &Credentials::new("old@example.com", "secret-pw"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::PasswordResetRequired(_)), "{err:?}");
}

#[tokio::test]
async fn secrets_stay_out_of_errors_and_outcomes() {
    let env = start().await;
    let visitor = env.visitor().await;
    let outcome = env
        .auth
        .register(&visitor, &Registration::new("s@example.com", "secret-pw"))
        .await
        .unwrap();
    let session = outcome.session_token().unwrap().expose_secret().to_string();
    let shown = format!("{outcome:?}");
    assert!(!shown.contains(&session), "{shown}");
    let err = env
        .auth
        .login(
            &visitor,
            &Credentials::new("s@example.com", "hunter2-wrong"),
        )
        .await
        .unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(!text.contains(visitor.expose_secret()), "{text}");
}
