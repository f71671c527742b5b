//! Sign On, Change Password, Validate Email, and password recovery.

use crate::common::*;
use wix_auth_generated::types;

fn sign_on_body(email: &str) -> types::SignOnRequest {
    types::SignOnRequest {
        login_id: types::LoginId {
            email: email.into(),
        },
        profile: Some(types::IdentityProfile {
            first_name: Some("Sam".into()),
            ..Default::default()
        }),
        verify_email: true,
        merge_existing_contact: true,
    }
}

#[tokio::test]
async fn sign_on_with_an_app_token_creates_then_updates_the_member() {
    let env = start().await;
    let token = env.app_token().await;
    let first = ok(env
        .api
        .sign_on(&token, None, None, &sign_on_body("sam@example.com"))
        .await);
    let identity = first.identity.unwrap();
    assert!(identity.email.unwrap().is_verified.unwrap());
    assert_eq!(
        identity.identity_profile.unwrap().first_name.as_deref(),
        Some("Sam")
    );
    let second = ok(env
        .api
        .sign_on(&token, None, None, &sign_on_body("sam@example.com"))
        .await);
    assert_eq!(second.identity.unwrap().id, identity.id, "the same member");
    let code = env
        .code_for(first.session_token.unwrap().expose_secret())
        .await;
    assert!(env.exchange(&code).await.is_ok());
}

#[tokio::test]
async fn sign_on_refuses_visitor_tokens() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let failure = err(env
        .api
        .sign_on(&visitor, None, None, &sign_on_body("sam@example.com"))
        .await)
    .await;
    assert_eq!(failure.status, 403);
}

#[tokio::test]
async fn change_password_needs_a_member_and_applies_the_policy() {
    let env = start().await;
    let tokens = env.member_tokens("cp@example.com", "secret-pw").await;
    let member = tokens.access_token.expose_secret();
    let short = err(env
        .api
        .change_password(
            member,
            &types::ChangePasswordRequest {
                new_password: "abc".into(),
            },
        )
        .await)
    .await;
    assert_eq!(short.status, 400);
    ok(env
        .api
        .change_password(
            member,
            &types::ChangePasswordRequest {
                new_password: "new-secret".into(),
            },
        )
        .await);
    assert_eq!(
        env.login("cp@example.com", "secret-pw")
            .await
            .unwrap_err()
            .code(),
        "-19976"
    );
    assert_eq!(
        state(&env.login("cp@example.com", "new-secret").await.unwrap()),
        "SUCCESS"
    );

    let visitor = env.visitor_token().await;
    let refused = err(env
        .api
        .change_password(
            &visitor,
            &types::ChangePasswordRequest {
                new_password: "new-secret".into(),
            },
        )
        .await)
    .await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn validate_email_reports_format_dns_and_bounces() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let check = |email: &'static str| {
        let (env, visitor) = (&env, visitor.clone());
        async move {
            ok(env
                .api
                .validate_email(
                    &visitor,
                    &types::ValidateEmailRequest {
                        email: email.try_into().unwrap(),
                    },
                )
                .await)
        }
    };
    assert_eq!(check("ok@example.com").await.valid, Some(true));
    let bad = check("not-an-email").await;
    assert_eq!((bad.valid, bad.format_invalid), (Some(false), Some(true)));
    let dns = check("a@nowhere.invalid").await;
    assert_eq!(
        dns.failure.unwrap().reason.unwrap().to_string(),
        "EMAIL_DOMAIN_MISSING_DNS_RECORDS"
    );
    let bounced = check("bounce@example.com").await;
    assert_eq!(
        bounced.failure.unwrap().reason.unwrap().to_string(),
        "EMAIL_ADDRESS_BOUNCED"
    );
}

async fn send_recovery(env: &Env, email: &str, redirect: Option<&str>) -> Result<(), Failure> {
    let visitor = env.visitor_token().await;
    let body = types::SendRecoveryEmailRequest {
        email: email.into(),
        language: None,
        redirect: redirect.map(|url| types::Redirect {
            url: Some(url.try_into().unwrap()),
            client_id: Some(CLIENT.into()),
        }),
    };
    outcome(env.api.send_recovery_email(&visitor, &body).await)
        .await
        .map(drop)
}

async fn recover(
    env: &Env,
    token: &str,
    password: &str,
) -> Result<types::StateMachineResponse, Failure> {
    let body = types::RecoverRequest {
        recovery_token: token.into(),
        password: Some(password.into()),
    };
    outcome(env.api.recover(None, &body).await).await
}

#[tokio::test]
async fn recovery_email_then_recover_sets_the_password_once() {
    let env = start().await;
    env.register("rec@example.com", "secret-pw").await.unwrap();
    send_recovery(&env, "rec@example.com", Some(REDIRECT))
        .await
        .unwrap();
    let email = env.outbox("rec@example.com").pop().unwrap();
    assert_eq!(email.kind, EmailKind::Recovery);
    assert_eq!(email.redirect_url.as_deref(), Some(REDIRECT));
    let token = email.recovery_token.unwrap();

    let answer = recover(&env, &token, "fresh-pw").await.unwrap();
    assert_eq!(state(&answer), "SUCCESS");
    assert_eq!(
        state(&env.login("rec@example.com", "fresh-pw").await.unwrap()),
        "SUCCESS"
    );
    let reused = recover(&env, &token, "other-pw").await.unwrap_err();
    assert_eq!(reused.code(), "RECOVERY_TOKEN_DATA_NOT_FOUND");
}

#[tokio::test]
async fn an_expired_recovery_token_is_refused() {
    let env = start().await;
    env.register("exp@example.com", "secret-pw").await.unwrap();
    send_recovery(&env, "exp@example.com", None).await.unwrap();
    let token = env
        .sandbox
        .latest_recovery_token("exp@example.com")
        .unwrap();
    env.clock.advance(3601);
    assert_eq!(
        recover(&env, &token, "fresh-pw").await.unwrap_err().code(),
        "-19972"
    );
}

#[tokio::test]
async fn recovery_does_not_reveal_unknown_emails_and_checks_the_redirect() {
    let env = start().await;
    send_recovery(&env, "ghost@example.com", None)
        .await
        .unwrap();
    assert!(env.outbox("ghost@example.com").is_empty());
    let refused = send_recovery(&env, "ghost@example.com", Some("https://evil.example/"))
        .await
        .unwrap_err();
    assert_eq!(refused.status, 400);
}
