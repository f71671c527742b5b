//! `/oauth2/token` for every grant, its RFC 6749 §5.2 errors, and Token Info.

use crate::common::*;
use serde_json::json;
use wix_auth_generated::types;
use wix_auth_sandbox::{Lifetimes, RefreshPolicy, Sandbox};

#[tokio::test]
async fn anonymous_grant_issues_visitor_tokens() {
    let env = start().await;
    let tokens = env.visitor().await;
    assert_eq!(tokens.token_type, "Bearer");
    assert_eq!(tokens.expires_in.seconds(), Some(14_400));
    assert!(tokens.refresh_token.is_some());
    let info = ok(env
        .api
        .token_info(&types::TokenInfoRequest {
            token: tokens.access_token.clone(),
        })
        .await);
    assert!(info.is_active());
    assert_eq!(info.subject_type.unwrap().to_string(), "VISITOR");
    assert_eq!(info.client_id.as_deref(), Some(CLIENT));
    assert_eq!(info.exp.unwrap().seconds(), Some(1_700_000_000 + 14_400));
    assert_eq!(info.iat.unwrap().seconds(), Some(1_700_000_000));
    assert_eq!(
        info.site_id.as_deref(),
        Some(wix_auth_sandbox::config::DEFAULT_SITE_ID)
    );
    assert!(matches!(info.active, Some(types::Active::Boolean(true))));
}

#[tokio::test]
async fn an_unknown_client_is_invalid_client() {
    let env = start().await;
    let grant: types::TokenRequest = types::AnonymousTokenRequest {
        client_id: "nobody".into(),
        grant_type: types::AnonymousTokenRequestGrantType::Anonymous,
    }
    .into();
    let failure = err(env.api.create_access_token(None, None, None, &grant).await).await;
    assert_eq!(failure.status, 401);
    assert_eq!(failure.oauth_error(), "invalid_client");
}

#[tokio::test]
async fn camel_snake_and_form_bodies_are_all_accepted() {
    let env = start().await;
    let (status, _, body) = env
        .post_json(
            "/oauth2/token",
            &json!({"client_id": CLIENT, "grant_type": "anonymous"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["access_token"].is_string());

    let form = env
        .http
        .post(env.url("/oauth2/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("client_id={CLIENT}&grant_type=anonymous"))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    assert_eq!(form.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn errors_follow_rfc6749() {
    let env = start().await;
    let (status, _, body) = env
        .post_json(
            "/oauth2/token",
            &json!({"clientId": CLIENT, "grantType": "password"}),
        )
        .await;
    assert_eq!(
        (status.as_u16(), body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    assert!(body["error_description"].is_string());

    let (status, _, body) = env
        .post_json("/oauth2/token", &json!({"grantType": "anonymous"}))
        .await;
    assert_eq!(
        (status.as_u16(), body["error"].as_str()),
        (400, Some("invalid_request"))
    );

    let response = env
        .http
        .post(env.url("/oauth2/token"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
}

#[tokio::test]
async fn authorization_code_with_pkce_gives_member_tokens() {
    let env = start().await;
    let tokens = env.member_tokens("ann@example.com", "secret-pw").await;
    assert!(
        tokens.refresh_token.is_some(),
        "offline_access gives a refresh token"
    );
    let info = ok(env
        .api
        .token_info(&types::TokenInfoRequest {
            token: tokens.access_token,
        })
        .await);
    assert_eq!(info.subject_type.unwrap().to_string(), "MEMBER");
}

#[tokio::test]
async fn a_reused_code_is_refused_and_revokes_what_it_issued() {
    let env = start().await;
    let session = env
        .register("bob@example.com", "secret-pw")
        .await
        .unwrap()
        .session_token
        .unwrap();
    let code = env.code_for(session.expose_secret()).await;
    let first = env.exchange(&code).await.unwrap();
    let again = env.exchange(&code).await.unwrap_err();
    assert_eq!(
        (again.status, again.oauth_error()),
        (400, "invalid_grant".into())
    );
    assert!(!env.is_active(first.access_token.expose_secret()).await);
}

#[tokio::test]
async fn a_wrong_verifier_is_refused() {
    let env = start().await;
    let session = env
        .register("cat@example.com", "secret-pw")
        .await
        .unwrap()
        .session_token
        .unwrap();
    let code = env.code_for(session.expose_secret()).await;
    let grant: types::TokenRequest = types::AuthorizationCodeTokenRequest {
        client_id: CLIENT.into(),
        grant_type: types::AuthorizationCodeTokenRequestGrantType::AuthorizationCode,
        code: code.as_str().into(),
        code_verifier: "x".repeat(43).into(),
        redirect_uri: None,
    }
    .into();
    let failure = err(env.api.create_access_token(None, None, None, &grant).await).await;
    assert_eq!(failure.oauth_error(), "invalid_grant");
    // The code is gone after a failed PKCE check, even with the right verifier.
    assert_eq!(
        env.exchange(&code).await.unwrap_err().oauth_error(),
        "invalid_grant"
    );
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let env = start().await;
    let session = env
        .register("dan@example.com", "secret-pw")
        .await
        .unwrap()
        .session_token
        .unwrap();
    let code = env.code_for(session.expose_secret()).await;
    env.clock.advance(61);
    assert_eq!(
        env.exchange(&code).await.unwrap_err().oauth_error(),
        "invalid_grant"
    );
}

#[tokio::test]
async fn a_code_for_another_client_or_redirect_is_refused() {
    let env = start_with(
        Sandbox::builder()
            .client(wix_auth_sandbox::OAuthClient::default_client())
            .client(
                wix_auth_sandbox::OAuthClient::new("other").redirect_uri("http://127.0.0.1:9/cb"),
            ),
    )
    .await;
    let session = env
        .register("eve@example.com", "secret-pw")
        .await
        .unwrap()
        .session_token
        .unwrap();
    let code = env.code_for(session.expose_secret()).await;
    let (status, _, body) = env
        .post_json(
            "/oauth2/token",
            &json!({"clientId": "other", "grantType": "authorization_code", "code": code, "codeVerifier": VERIFIER}),
        )
        .await;
    assert_eq!(
        (status.as_u16(), body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let (status, _, body) = env
        .post_json(
            "/oauth2/token",
            &json!({"clientId": CLIENT, "grantType": "authorization_code", "code": code,
                    "codeVerifier": VERIFIER, "redirectUri": "http://127.0.0.1:9/cb"}),
        )
        .await;
    assert_eq!(
        (status.as_u16(), body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    // Neither attempt used the code up.
    assert!(env.exchange(&code).await.is_ok());
}

#[tokio::test]
async fn refresh_reuses_the_refresh_token_by_default() {
    let env = start().await;
    let tokens = env.member_tokens("fay@example.com", "secret-pw").await;
    let refresh = tokens.refresh_token.unwrap();
    let renewed = env.refresh(refresh.expose_secret()).await.unwrap();
    assert_eq!(
        renewed.refresh_token.unwrap().expose_secret(),
        refresh.expose_secret()
    );
    assert!(env.is_active(renewed.access_token.expose_secret()).await);
    assert!(
        env.refresh(refresh.expose_secret()).await.is_ok(),
        "still valid"
    );
}

#[tokio::test]
async fn rotation_refuses_the_old_refresh_token() {
    let env = start_with(Sandbox::builder().refresh_policy(RefreshPolicy::Rotate)).await;
    let tokens = env.member_tokens("gus@example.com", "secret-pw").await;
    let old = tokens.refresh_token.unwrap();
    let renewed = env.refresh(old.expose_secret()).await.unwrap();
    let new = renewed.refresh_token.unwrap();
    assert_ne!(new.expose_secret(), old.expose_secret());
    assert_eq!(
        env.refresh(old.expose_secret())
            .await
            .unwrap_err()
            .oauth_error(),
        "invalid_grant"
    );
    assert!(
        env.refresh(new.expose_secret()).await.is_ok(),
        "plain rotation keeps the session"
    );
}

#[tokio::test]
async fn reuse_detection_revokes_the_whole_session() {
    let env =
        start_with(Sandbox::builder().refresh_policy(RefreshPolicy::RotateWithReuseDetection))
            .await;
    let tokens = env.member_tokens("hal@example.com", "secret-pw").await;
    let old = tokens.refresh_token.unwrap();
    let renewed = env.refresh(old.expose_secret()).await.unwrap();
    let new = renewed.refresh_token.unwrap();
    assert!(env.refresh(old.expose_secret()).await.is_err());
    assert_eq!(
        env.refresh(new.expose_secret())
            .await
            .unwrap_err()
            .oauth_error(),
        "invalid_grant"
    );
    assert!(!env.is_active(renewed.access_token.expose_secret()).await);
}

#[tokio::test]
async fn an_expired_refresh_token_is_refused() {
    let lifetimes = Lifetimes {
        refresh_token: 100,
        ..Lifetimes::default()
    };
    let env = start_with(Sandbox::builder().lifetimes(lifetimes)).await;
    let refresh = env.visitor().await.refresh_token.unwrap();
    env.clock.advance(101);
    assert_eq!(
        env.refresh(refresh.expose_secret())
            .await
            .unwrap_err()
            .oauth_error(),
        "invalid_grant"
    );
}

#[tokio::test]
async fn client_credentials_issue_an_app_token_without_refresh() {
    let env = start().await;
    let tokens = ok(env
        .api
        .create_access_token(None, None, None, &client_credentials(SECRET))
        .await);
    assert!(tokens.refresh_token.is_none());
    let failure = err(env
        .api
        .create_access_token(None, None, None, &client_credentials("wrong"))
        .await)
    .await;
    assert_eq!(
        (failure.status, failure.oauth_error()),
        (401, "invalid_client".into())
    );
}

#[tokio::test]
async fn token_info_of_an_expired_or_unknown_token_is_inactive() {
    let env = start().await;
    let access = env.visitor_token().await;
    assert!(env.is_active(&access).await);
    env.clock.advance(14_401);
    assert!(!env.is_active(&access).await);
    assert!(!env.is_active("not-a-token").await);
    let (status, _, answer) = env
        .post_json("/oauth2/token-info", &json!({"token": "not-a-token"}))
        .await;
    assert_eq!(
        (status.as_u16(), answer),
        (200, json!({"active": false})),
        "RFC 7662 §2.2: an inactive token answers exactly this"
    );
}
