//! Create Redirect Session, the site-domain authorize endpoint, the login page and Logout.

use crate::common::*;
use wix_auth_generated::browser::BrowserResponse;
use wix_auth_generated::types;

async fn session_token(env: &Env, email: &str) -> String {
    env.register(email, "secret-pw")
        .await
        .unwrap()
        .session_token
        .unwrap()
        .expose_secret()
        .to_string()
}

#[tokio::test]
async fn silent_auth_redirects_with_code_and_state_in_the_query() {
    let env = start().await;
    let session = session_token(&env, "q@example.com").await;
    let code = env.code_for(&session).await;
    assert!(env.exchange(&code).await.is_ok());
}

#[tokio::test]
async fn fragment_mode_puts_the_result_in_the_fragment() {
    let env = start().await;
    let session = session_token(&env, "f@example.com").await;
    let request = env.auth_session_request(
        Some(&session),
        types::Prompt::None,
        types::ResponseMode::Fragment,
    );
    let (status, location, _) = env.get(&env.full_url(&request).await).await;
    assert_eq!(status, 302);
    let location = url::Url::parse(&location.unwrap()).unwrap();
    assert_eq!(location.query(), None);
    let fragment: std::collections::HashMap<_, _> =
        url::form_urlencoded::parse(location.fragment().unwrap().as_bytes())
            .into_owned()
            .collect();
    assert_eq!(fragment["state"], "state-123");
    assert!(env.exchange(&fragment["code"]).await.is_ok());
}

#[tokio::test]
async fn web_message_mode_posts_code_and_state_to_the_opener() {
    let env = start().await;
    let session = session_token(&env, "w@example.com").await;
    let request = env.auth_session_request(
        Some(&session),
        types::Prompt::None,
        types::ResponseMode::WebMessage,
    );
    let (status, _, page) = env.get(&env.full_url(&request).await).await;
    assert_eq!(status, 200);
    assert!(page.contains("postMessage({\"code\":\""), "{page}");
    assert!(page.contains("\"state\":\"state-123\""));
    assert!(
        page.contains("\"http://127.0.0.1:3000\""),
        "target origin is the redirect URI's"
    );
}

#[tokio::test]
async fn prompt_none_without_a_valid_session_is_login_required_on_the_redirect() {
    let env = start().await;
    let request = env.auth_session_request(
        Some("MST.bogus"),
        types::Prompt::None,
        types::ResponseMode::Query,
    );
    let (status, location, _) = env.get(&env.full_url(&request).await).await;
    assert_eq!(status, 302);
    let location = location.unwrap();
    assert!(location.starts_with(REDIRECT));
    assert!(location.contains("error=login_required"));
    assert!(location.contains("state=state-123"));
}

#[tokio::test]
async fn a_session_token_authorizes_only_once() {
    let env = start().await;
    let session = session_token(&env, "once@example.com").await;
    env.code_for(&session).await;
    let request = env.auth_session_request(
        Some(&session),
        types::Prompt::None,
        types::ResponseMode::Query,
    );
    let (_, location, _) = env.get(&env.full_url(&request).await).await;
    assert!(location.unwrap().contains("error=login_required"));
}

#[tokio::test]
async fn the_redirect_session_refuses_an_unregistered_redirect_uri() {
    let env = start().await;
    let mut request =
        env.auth_session_request(None, types::Prompt::Login, types::ResponseMode::Query);
    request.auth.as_mut().unwrap().auth_request.redirect_uri =
        Some("http://127.0.0.1:3000/callback/".into());
    let visitor = env.visitor_token().await;
    let failure = err(env.api.create_redirect_session(&visitor, &request).await).await;
    assert_eq!(failure.status, 400);
    let violation = failure.violation();
    assert_eq!(
        violation.field.as_deref(),
        Some("auth.authRequest.redirectUri")
    );
}

#[tokio::test]
async fn the_redirect_session_needs_exactly_one_intent() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let none = err(env
        .api
        .create_redirect_session(&visitor, &types::CreateRedirectSessionRequest::default())
        .await)
    .await;
    assert_eq!(none.status, 400);
    let mut two = env.auth_session_request(None, types::Prompt::Login, types::ResponseMode::Query);
    two.logout = Some(types::RedirectSessionLogoutParams {
        client_id: CLIENT.into(),
    });
    assert_eq!(
        err(env.api.create_redirect_session(&visitor, &two).await)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn authorize_with_an_unregistered_redirect_uri_answers_400_without_redirecting() {
    let env = start().await;
    let url = format!(
        "{}/_api/oauth2/authorize?clientId={CLIENT}&responseType=code&redirectUri=https%3A%2F%2Fevil.example%2F&state=s&codeChallenge={CHALLENGE}&codeChallengeMethod=S256&prompt=none",
        env.sandbox.base_url()
    );
    let (status, location, page) = env.get(&url).await;
    assert_eq!(status, 400);
    assert_eq!(location, None);
    assert!(page.contains("Invalid redirect URI"));
    let unknown = url.replace(CLIENT, "nobody");
    assert_eq!(env.get(&unknown).await.0, 400);
}

#[tokio::test]
async fn authorize_without_s256_errors_on_the_redirect() {
    let env = start().await;
    let url = format!(
        "{}/_api/oauth2/authorize?clientId={CLIENT}&responseType=code&redirectUri={}&state=s1&codeChallenge={CHALLENGE}&codeChallengeMethod=plain",
        env.sandbox.base_url(),
        url::form_urlencoded::byte_serialize(REDIRECT.as_bytes()).collect::<String>()
    );
    let (status, location, _) = env.get(&url).await;
    assert_eq!(status, 302);
    let location = location.unwrap();
    assert!(location.contains("error=invalid_request"), "{location}");
    assert!(location.contains("state=s1"));
}

#[tokio::test]
async fn the_generated_authorize_call_reaches_the_sandbox() {
    let env = start().await;
    let session = session_token(&env, "gen@example.com").await;
    let result = env
        .api
        .authorize(
            Some(CLIENT),
            Some(CHALLENGE),
            Some(types::CodeChallengeMethod::S256),
            None,
            None,
            Some(types::Prompt::None),
            Some(REDIRECT),
            Some(types::ResponseMode::Query),
            Some("code"),
            Some("offline_access"),
            Some(&session),
            Some("gen-state"),
        )
        .await;
    let answer = BrowserResponse::from_result(result).await.unwrap();
    assert_eq!(answer.status(), 302);
    assert!(answer.location().unwrap().contains("state=gen-state"));
}

#[tokio::test]
async fn the_login_page_drives_the_wix_managed_flow() {
    let env = start().await;
    env.register("page@example.com", "secret-pw").await.unwrap();
    let request = env.auth_session_request(None, types::Prompt::Login, types::ResponseMode::Query);
    let (status, _, page) = env.get(&env.full_url(&request).await).await;
    assert_eq!(status, 200);
    assert!(page.contains("<form method=\"post\" action=\"/_sandbox/login\">"));
    let id = redirect_session_id(&page);

    let post = |password: &'static str| {
        let (env, id) = (&env, id.clone());
        async move {
            env.http
                .post(env.url("/_sandbox/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(
                    url::form_urlencoded::Serializer::new(String::new())
                        .append_pair("email", "page@example.com")
                        .append_pair("password", password)
                        .append_pair("redirectSessionId", &id)
                        .finish(),
                )
                .send()
                .await
                .unwrap()
        }
    };
    let wrong = post("wrong-pw").await;
    assert_eq!(wrong.status(), 401);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("Wrong email or password")
    );

    let right = post("secret-pw").await;
    assert_eq!(right.status(), 302);
    let location = url::Url::parse(right.headers()["location"].to_str().unwrap()).unwrap();
    let code = location
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    assert!(env.exchange(&code).await.is_ok());
}

#[tokio::test]
async fn the_logout_intent_leads_to_logout_and_back() {
    let env = start().await;
    let request = types::CreateRedirectSessionRequest {
        logout: Some(types::RedirectSessionLogoutParams {
            client_id: CLIENT.into(),
        }),
        callbacks: Some(types::CallbackParams {
            post_flow_url: Some("http://127.0.0.1:3000/".try_into().unwrap()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let url = env.full_url(&request).await;
    assert!(url.contains("/_api/iam/authentication/v1/logout?"));
    let (status, location, _) = env.get(&url).await;
    assert_eq!(
        (status.as_u16(), location.as_deref()),
        (302, Some("http://127.0.0.1:3000/"))
    );
}

#[tokio::test]
async fn logout_clears_the_cookie_and_redirects_only_to_allowed_urls() {
    let env = start().await;
    let page = BrowserResponse::from_result(env.api.logout(None, None).await)
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );

    let redirect = BrowserResponse::from_result(
        env.api
            .logout(Some(CLIENT), Some("http://127.0.0.1:3000/"))
            .await,
    )
    .await
    .unwrap();
    assert_eq!(redirect.location(), Some("http://127.0.0.1:3000/"));

    let refused = env
        .api
        .logout(Some(CLIENT), Some("https://evil.example/"))
        .await;
    let failure = failure(refused.err().unwrap()).await;
    assert_eq!(failure.status, 400);
}

#[tokio::test]
async fn logout_with_a_member_token_revokes_its_session() {
    let env = start().await;
    let tokens = env.member_tokens("out@example.com", "secret-pw").await;
    let response = env
        .http
        .get(env.url("/_api/iam/authentication/v1/logout"))
        .header("authorization", tokens.access_token.expose_secret())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(!env.is_active(tokens.access_token.expose_secret()).await);
    let refresh = tokens.refresh_token.unwrap();
    assert!(env.refresh(refresh.expose_secret()).await.is_err());
}

/// A bare authorize query (no redirect session behind it) for the default client.
fn bare_authorize_url(env: &Env) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("clientId", CLIENT)
        .append_pair("redirectUri", REDIRECT)
        .append_pair("responseType", "code")
        .append_pair("codeChallenge", CHALLENGE)
        .append_pair("codeChallengeMethod", "S256")
        .append_pair("state", "st-bare")
        .append_pair("scope", "offline_access")
        .finish();
    env.url(&format!("/_api/oauth2/authorize?{query}"))
}

fn redirect_session_id(page: &str) -> String {
    page.split("name=\"redirectSessionId\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_bare_authorize_query_opens_a_login_page_that_lives_as_long_as_a_redirect_session() {
    let env = start().await;
    let (status, _, page) = env.get(&bare_authorize_url(&env)).await;
    assert_eq!(status, 200, "no session token, no prompt: the login page");
    assert!(page.contains("<form method=\"post\" action=\"/_sandbox/login\">"));
    let id = redirect_session_id(&page);
    let login_page = format!("/_sandbox/login?redirectSessionId={id}");

    let (status, _, again) = env.get(&env.url(&login_page)).await;
    assert_eq!(status, 200);
    assert_eq!(redirect_session_id(&again), id);
    let (status, _, unknown) = env
        .get(&env.url("/_sandbox/login?redirectSessionId=not-a-session"))
        .await;
    assert_eq!(status, 400);
    assert!(unknown.contains("Unknown redirect session."), "{unknown}");

    let lifetime = wix_auth_sandbox::Lifetimes::default().redirect_session;
    env.clock.advance(lifetime - 1);
    assert_eq!(env.get(&env.url(&login_page)).await.0, 200, "still open");
    env.clock.advance(2);
    assert_eq!(env.get(&env.url(&login_page)).await.0, 400, "expired");
}

#[tokio::test]
async fn an_unpublished_site_shows_no_login_page() {
    let config = wix_auth_sandbox::Config {
        published: false,
        ..Default::default()
    };
    let env = start_with(wix_auth_sandbox::Sandbox::builder().config(config)).await;
    let (status, _, page) = env
        .get(&env.url("/_sandbox/login?redirectSessionId=any"))
        .await;
    assert_eq!(status, 404);
    assert!(page.contains("not published"), "{page}");
}

#[tokio::test]
async fn web_message_without_a_redirect_uri_needs_an_allowed_origin() {
    let mut config = wix_auth_sandbox::Config::default();
    config
        .clients
        .push(wix_auth_sandbox::OAuthClient::new("no-origins").redirect_uri(REDIRECT));
    let env = start_with(wix_auth_sandbox::Sandbox::builder().config(config)).await;
    let visitor = env.visitor_token().await;
    let body = serde_json::json!({"auth": {"prompt": "login", "authRequest": {
        "clientId": "no-origins", "codeChallenge": CHALLENGE, "codeChallengeMethod": "S256",
        "responseMode": "web_message", "responseType": "code", "scope": "offline_access",
        "state": "st-1"
    }}});
    let refused = env
        .post_raw(
            "/_api/redirects-api/v1/redirect-session",
            &visitor,
            "application/json",
            body.to_string(),
        )
        .await;
    assert_eq!(refused.status(), 400);
    let text = refused.text().await.unwrap();
    assert!(text.contains("NO_ALLOWED_ORIGIN"), "{text}");
}

#[tokio::test]
async fn a_session_token_authorizes_only_within_its_lifetime() {
    let env = start().await;
    let lifetime = wix_auth_sandbox::Lifetimes::default().session_token;
    let young = session_token(&env, "young@example.com").await;
    let old = session_token(&env, "old@example.com").await;
    env.clock.advance(lifetime - 1);
    let authorize = |token: String| {
        let env = &env;
        async move {
            let request = env.auth_session_request(
                Some(&token),
                types::Prompt::None,
                types::ResponseMode::Query,
            );
            env.get(&env.full_url(&request).await).await.1.unwrap()
        }
    };
    assert!(authorize(young).await.contains("code="), "still valid");
    env.clock.advance(1);
    assert!(
        authorize(old).await.contains("error=login_required"),
        "expired at its lifetime"
    );
}

#[tokio::test]
async fn a_logout_intent_refuses_a_post_flow_url_the_client_does_not_allow() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let request = types::CreateRedirectSessionRequest {
        logout: Some(types::RedirectSessionLogoutParams {
            client_id: CLIENT.into(),
        }),
        callbacks: Some(types::CallbackParams {
            post_flow_url: Some("https://evil.example/".try_into().unwrap()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let refused = err(env.api.create_redirect_session(&visitor, &request).await).await;
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.violation().field.as_deref(),
        Some("callbacks.postFlowUrl")
    );
}

#[tokio::test]
async fn logging_one_member_out_leaves_every_other_session_alone() {
    let env = start().await;
    let leaving = env.member_tokens("leaving@example.com", "secret-pw").await;
    let staying = env.member_tokens("staying@example.com", "secret-pw").await;
    let response = env
        .http
        .get(env.url("/_api/iam/authentication/v1/logout"))
        .header("authorization", leaving.access_token.expose_secret())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(env.is_active(staying.access_token.expose_secret()).await);
    let refresh = staying.refresh_token.unwrap();
    assert!(env.refresh(refresh.expose_secret()).await.is_ok());
}
