//! Sign On, change password, password reset and recovery, token info, against the sandbox.

use crate::common::*;
use wix_auth_flows::{
    Credentials, Error, LoginOutcome, Registration, Role, secrets::ClientSecret,
    secrets::RecoveryToken,
};
use wix_auth_sandbox::config::DEFAULT_CLIENT_SECRET;

#[tokio::test]
async fn sign_on_with_an_app_token_gives_a_member_session() {
    let env = start().await;
    let app = env
        .auth
        .app_tokens(&ClientSecret::new(DEFAULT_CLIENT_SECRET))
        .await
        .unwrap();
    assert_eq!(app.role, Role::App);
    assert!(app.refresh_token.is_none());
    let described = env.auth.token_info(&app.access_token).await.unwrap();
    assert_eq!(
        (described.active, described.role),
        (true, Some(Role::App)),
        "Token Info names an app token's subject"
    );
    let session = env
        .auth
        .sign_on(&app.access_token, "sso@example.com", None, true)
        .await
        .unwrap();
    let visitor = env.visitor().await;
    let member = env.auth.member_tokens(&visitor, &session).await.unwrap();
    assert_eq!(
        env.auth
            .token_info(&member.access_token)
            .await
            .unwrap()
            .role,
        Some(Role::Member)
    );

    let refused = env
        .auth
        .sign_on(&visitor, "sso@example.com", None, true)
        .await
        .unwrap_err();
    assert!(matches!(refused, Error::Forbidden(_)), "{refused:?}");
    let wrong = env
        .auth
        .app_tokens(&ClientSecret::new("wrong"))
        .await
        .unwrap_err();
    assert!(
        matches!(wrong, Error::OAuth { ref error, .. } if error == "invalid_client"),
        "{wrong:?}"
    );
}

#[tokio::test]
async fn change_password_then_log_in_with_it() {
    let env = start().await;
    let visitor = env.visitor().await;
    let outcome = env
        .auth
        .register(&visitor, &Registration::new("cp@example.com", "secret-pw"))
        .await
        .unwrap();
    let member = env
        .auth
        .member_tokens(&visitor, outcome.session_token().unwrap())
        .await
        .unwrap();
    env.auth
        .change_password(&member.access_token, &"brand-new-pw".into())
        .await
        .unwrap();
    let old = env
        .auth
        .login(&visitor, &Credentials::new("cp@example.com", "secret-pw"))
        .await
        .unwrap_err();
    assert!(matches!(old, Error::InvalidCredentials(_)));
    let new = env
        .auth
        .login(
            &visitor,
            &Credentials::new("cp@example.com", "brand-new-pw"),
        )
        .await
        .unwrap();
    assert!(new.session_token().is_some());
}

#[tokio::test]
async fn password_reset_email_then_recover() {
    let env = start().await;
    let visitor = env.visitor().await;
    env.auth
        .register(&visitor, &Registration::new("rs@example.com", "secret-pw"))
        .await
        .unwrap();
    env.auth
        .send_password_reset(&visitor, "rs@example.com", Some(REDIRECT))
        .await
        .unwrap();
    let token = RecoveryToken::new(env.sandbox.latest_recovery_token("rs@example.com").unwrap());
    let outcome = env
        .auth
        .recover(&token, &"recovered-pw".into())
        .await
        .unwrap();
    assert!(
        matches!(outcome, LoginOutcome::Success { .. }),
        "{outcome:?}"
    );
    let again = env
        .auth
        .recover(&token, &"other-pw".into())
        .await
        .unwrap_err();
    assert!(matches!(again, Error::InvalidRecoveryToken(_)), "{again:?}");
    let refused = env
        .auth
        .send_password_reset(&visitor, "rs@example.com", Some("https://evil.example/"))
        .await
        .unwrap_err();
    assert!(matches!(refused, Error::Validation { .. }), "{refused:?}");
}

#[tokio::test]
async fn token_info_describes_visitors_and_inactive_tokens() {
    let env = start().await;
    let visitor = env.visitor().await;
    let info = env.auth.token_info(&visitor).await.unwrap();
    assert_eq!((info.active, info.role), (true, Some(Role::Visitor)));
    assert_eq!(info.client_id.as_deref(), Some(CLIENT));
    assert!(info.expires_at.unwrap() > info.issued_at.unwrap());
    let none = env.auth.token_info(&"not-a-token".into()).await.unwrap();
    assert!(!none.active);
}
