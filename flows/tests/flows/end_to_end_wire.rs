//! The flows of the SDK's wire end to end against the sandbox: the three routes from a
//! session token to member tokens (the server-side read refused by a pessimistic site, the
//! full-page redirect, external login with an API key), social login, the MFA states and a
//! resent verification code.

use crate::common::*;
use wix_auth_flows::{
    Credentials, Error, LoginOutcome, Registration, Role, WixAuth, authorize::IdentityProvider,
    external::ApiKeyScope, secrets::ApiKey,
};
use wix_auth_sandbox::config::DEFAULT_SITE_ID;
use wix_auth_sandbox::{ApiKeyConfig, AuthorizeMode, Policy, Sandbox};

const KEY: &str = "IST.flows-key";

/// Follows a URL as a browser navigation would, without following the redirect.
async fn navigate(env: &Env, url: &url::Url) -> reqwest::Response {
    env.http
        .get(url.clone())
        .header("accept", "text/html")
        .header("sec-fetch-mode", "navigate")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_pessimistic_site_needs_the_full_page_redirect() {
    let env = start_with(Sandbox::builder().authorize_mode(AuthorizeMode::Pessimistic)).await;
    let visitor = env.visitor().await;
    env.auth
        .register(&visitor, &Registration::new("fp@example.com", "secret-pw"))
        .await
        .unwrap();
    let login = |auth: &WixAuth| {
        let auth = auth.clone();
        let visitor = visitor.clone();
        async move {
            auth.login(&visitor, &Credentials::new("fp@example.com", "secret-pw"))
                .await
                .unwrap()
        }
    };
    let outcome = login(&env.auth).await;
    let err = env
        .auth
        .member_tokens(&visitor, outcome.session_token().unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NoRedirect { status: 200 }), "{err:?}");

    let outcome = login(&env.auth).await;
    let (url, pending) = env
        .auth
        .begin_session_login(&visitor, outcome.session_token().unwrap())
        .await
        .unwrap();
    let back = navigate(&env, &url).await;
    assert_eq!(back.status(), 302);
    let callback = back.headers()["location"].to_str().unwrap().to_string();
    let member = env.auth.complete_login(&callback, pending).await.unwrap();
    assert_eq!(member.role, Role::Member);
}

#[tokio::test]
async fn external_login_with_an_api_key() {
    let sandbox = Sandbox::builder()
        .api_key(ApiKeyConfig::for_site(KEY, DEFAULT_SITE_ID))
        .start()
        .await
        .unwrap();
    let auth = WixAuth::builder(CLIENT)
        .base_url(sandbox.base_url())
        .api_key(ApiKey::new(KEY), ApiKeyScope::Site(DEFAULT_SITE_ID.into()))
        .build()
        .unwrap();
    let visitor = auth.visitor_tokens().await.unwrap().access_token;
    let member = auth
        .external_login(&visitor, "ext@example.com", true)
        .await
        .unwrap();
    let info = auth.token_info(&member.access_token).await.unwrap();
    assert_eq!(info.role, Some(Role::Member));
    let again = auth
        .external_member_tokens(&visitor, info.subject_id.as_deref().unwrap())
        .await
        .unwrap();
    assert!(auth.refresh(&again).await.is_ok());

    let wrong_site = WixAuth::builder(CLIENT)
        .base_url(sandbox.base_url())
        .api_key(ApiKey::new(KEY), ApiKeyScope::Site("another-site".into()))
        .build()
        .unwrap();
    let err = wrong_site
        .external_login(&visitor, "ext@example.com", true)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
}

#[tokio::test]
async fn a_social_login_completes_through_the_provider_page() {
    let env = start().await;
    let visitor = env.visitor().await;
    let (url, pending) = env
        .auth
        .begin_social_login(&visitor, &IdentityProvider::Google)
        .await
        .unwrap();
    let page = navigate(&env, &url).await.text().await.unwrap();
    assert!(page.contains("Sign in with Google"), "{page}");
    let callback = env
        .sandbox
        .sign_in_with_provider(url.as_str(), "social@example.com")
        .await
        .unwrap();
    let member = env.auth.complete_login(&callback, pending).await.unwrap();
    assert_eq!(member.role, Role::Member);
}

#[tokio::test]
async fn an_mfa_site_never_yields_a_session_token() {
    let env = start_with(Sandbox::builder().policy(Policy {
        require_mfa: true,
        ..Default::default()
    }))
    .await;
    let visitor = env.visitor().await;
    let outcome = env
        .auth
        .register(&visitor, &Registration::new("mfa@example.com", "secret-pw"))
        .await
        .unwrap();
    assert!(
        matches!(
            outcome,
            LoginOutcome::MfaRequired {
                state_token: Some(_)
            }
        ),
        "{outcome:?}"
    );
    let outcome = env
        .auth
        .login(&visitor, &Credentials::new("mfa@example.com", "secret-pw"))
        .await
        .unwrap();
    assert!(outcome.session_token().is_none(), "{outcome:?}");
}

#[tokio::test]
async fn a_resent_code_completes_the_verification() {
    let env = start_with(Sandbox::builder().policy(Policy {
        require_email_verification: true,
        ..Default::default()
    }))
    .await;
    let visitor = env.visitor().await;
    let outcome = env
        .auth
        .register(
            &visitor,
            &Registration::new("again@example.com", "secret-pw"),
        )
        .await
        .unwrap();
    let LoginOutcome::EmailVerificationRequired {
        state_token,
        identity_id: Some(identity_id),
    } = outcome
    else {
        panic!("{outcome:?}");
    };
    env.auth
        .resend_verification_code(&visitor, &identity_id)
        .await
        .unwrap();
    let code = env.sandbox.latest_code("again@example.com").unwrap();
    let done = env
        .auth
        .verify_email(&visitor, &state_token, &code)
        .await
        .unwrap();
    assert!(done.session_token().is_some());
}
