//! The wire `@wix/sdk` speaks beyond the first spec: API keys with their site, the
//! `authorized_client` grant, redirect sessions without a redirect URI, social login through
//! an IdP connection, the MFA states, the pessimistic authorize mode and Get My Member.

use crate::common::*;
use serde_json::{Value, json};
use wix_auth_sandbox::config::{DEFAULT_ALLOWED_ORIGIN, DEFAULT_SITE_ID, GOOGLE_IDP_CONNECTION_ID};
use wix_auth_sandbox::{ApiKeyConfig, AuthorizeMode, Clock, Policy, Sandbox};

const KEY: &str = "IST.sandbox-key";

async fn with_key() -> Env {
    start_with(Sandbox::builder().api_key(ApiKeyConfig::for_site(KEY, DEFAULT_SITE_ID))).await
}

/// A form POST (the hosted pages' forms), without following the redirect.
async fn post_form(env: &Env, path: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    env.http
        .post(env.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Request headers as name and value.
type Headers<'a> = Vec<(&'a str, &'a str)>;

/// A JSON POST with headers: status and body.
async fn post(env: &Env, path: &str, headers: &[(&str, &str)], body: &Value) -> (u16, Value) {
    let mut request = env.http.post(env.url(path)).json(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn registered(env: &Env, email: &str) -> (String, String) {
    let visitor = env.visitor_token().await;
    let answer = ok(env
        .api
        .register_v2(&visitor, &credentials(email, "secret-pw").0)
        .await);
    (visitor, answer.identity.unwrap().id.unwrap())
}

#[tokio::test]
async fn authorized_client_issues_member_tokens_for_a_member_id() {
    let env = with_key().await;
    let (visitor, member) = registered(&env, "ext@example.com").await;
    let composite = format!("{visitor},{KEY}");
    let body =
        json!({"grant_type": "authorized_client", "member_id": member, "scope": "offline_access"});
    let (status, tokens) = post(
        &env,
        "/oauth2/token",
        &[
            ("authorization", &composite),
            ("wix-site-id", DEFAULT_SITE_ID),
        ],
        &body,
    )
    .await;
    assert_eq!(status, 200, "{tokens}");
    assert!(tokens["refresh_token"].is_string());
    let info = ok(env
        .api
        .token_info(&wix_auth_generated::types::TokenInfoRequest {
            token: tokens["access_token"].as_str().unwrap().into(),
        })
        .await);
    assert_eq!(info.subject_id.as_deref(), Some(member.as_str()));
    assert_eq!(
        info.client_id.as_deref(),
        Some(CLIENT),
        "the visitor token's client"
    );
}

#[tokio::test]
async fn authorized_client_refuses_what_the_docs_refuse() {
    let env = with_key().await;
    let (visitor, member) = registered(&env, "ref@example.com").await;
    let composite = format!("{visitor},{KEY}");
    let body = json!({"grant_type": "authorized_client", "member_id": member});
    let cases: Vec<(Headers, u16, &str)> = vec![
        (
            vec![("authorization", composite.as_str())],
            400,
            "invalid_request",
        ),
        (
            vec![
                ("authorization", composite.as_str()),
                ("wix-site-id", DEFAULT_SITE_ID),
                ("wix-account-id", "acct"),
            ],
            400,
            "invalid_request",
        ),
        (
            vec![
                ("authorization", composite.as_str()),
                ("wix-site-id", "another-site"),
            ],
            400,
            "invalid_request",
        ),
        (
            vec![
                ("authorization", "VISITOR,IST.wrong"),
                ("wix-site-id", DEFAULT_SITE_ID),
            ],
            401,
            "invalid_client",
        ),
        (
            vec![("authorization", KEY), ("wix-site-id", DEFAULT_SITE_ID)],
            400,
            "invalid_request",
        ),
        (vec![], 401, "invalid_client"),
    ];
    for (headers, status, error) in cases {
        let (got, answer) = post(&env, "/oauth2/token", &headers, &body).await;
        assert_eq!(
            (got, answer["error"].as_str()),
            (status, Some(error)),
            "{headers:?}: {answer}"
        );
    }
    let unknown = json!({"grant_type": "authorized_client", "member_id": "nobody"});
    let headers = [
        ("authorization", composite.as_str()),
        ("wix-site-id", DEFAULT_SITE_ID),
    ];
    let (status, answer) = post(&env, "/oauth2/token", &headers, &unknown).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn authorized_client_refuses_a_member_who_is_not_active() {
    let policy = Policy {
        require_owner_approval: true,
        ..Policy::default()
    };
    let env = start_with(
        Sandbox::builder()
            .api_key(ApiKeyConfig::for_site(KEY, DEFAULT_SITE_ID))
            .policy(policy),
    )
    .await;
    let (visitor, member) = registered(&env, "waiting@example.com").await;
    let composite = format!("{visitor},{KEY}");
    let headers = [
        ("authorization", composite.as_str()),
        ("wix-site-id", DEFAULT_SITE_ID),
    ];
    let body = json!({"grant_type": "authorized_client", "member_id": member});
    let (status, answer) = post(&env, "/oauth2/token", &headers, &body).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (400, Some("invalid_grant")),
        "{answer}"
    );
    env.approve("waiting@example.com");
    let (status, answer) = post(&env, "/oauth2/token", &headers, &body).await;
    assert_eq!(status, 200, "approved, the member is active: {answer}");
}

#[tokio::test]
async fn sign_on_with_an_api_key_then_authorized_client_with_its_session() {
    let env = with_key().await;
    let visitor = env.visitor_token().await;
    let composite = format!("{visitor},{KEY}");
    let site = [
        ("authorization", composite.as_str()),
        ("wix-site-id", DEFAULT_SITE_ID),
    ];
    let (status, signed) = post(
        &env,
        "/_api/iam/authentication/v2/sign-on",
        &site,
        &json!({"loginId": {"email": "sso@example.com"}, "verifyEmail": true}),
    )
    .await;
    assert_eq!(status, 200, "{signed}");
    let member = signed["identity"]["id"].as_str().unwrap();
    let session = signed["sessionToken"].as_str().unwrap();
    let grant =
        json!({"grant_type": "authorized_client", "member_id": member, "session_token": session});
    let (status, tokens) = post(&env, "/oauth2/token", &site, &grant).await;
    assert_eq!(status, 200, "{tokens}");
    let (again, answer) = post(&env, "/oauth2/token", &site, &grant).await;
    assert_eq!(
        (again, answer["error"].as_str()),
        (400, Some("invalid_grant")),
        "single use"
    );

    let key_alone = [("authorization", KEY), ("wix-site-id", DEFAULT_SITE_ID)];
    let body = json!({"loginId": {"email": "alone@example.com"}});
    let (status, _) = post(
        &env,
        "/_api/iam/authentication/v2/sign-on",
        &key_alone,
        &body,
    )
    .await;
    assert_eq!(status, 200, "an API key alone is an app identity");
    let (status, refused) = post(
        &env,
        "/_api/iam/authentication/v2/sign-on",
        &[("authorization", KEY)],
        &body,
    )
    .await;
    assert_eq!(status, 400, "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("wix-site-id"));
}

fn web_message_request(redirect: Option<&str>, mode: &str) -> Value {
    let mut request = json!({
        "clientId": CLIENT, "codeChallenge": CHALLENGE, "codeChallengeMethod": "S256",
        "responseMode": mode, "responseType": "code", "scope": "offline_access", "state": "st-1"
    });
    if let Some(redirect) = redirect {
        request["redirectUri"] = json!(redirect);
    }
    json!({"auth": {"authRequest": request, "prompt": "login"}})
}

#[tokio::test]
async fn redirect_sessions_without_a_redirect_uri() {
    let env = start().await;
    let visitor = env.visitor_token().await;
    let auth = [("authorization", visitor.as_str())];
    let path = "/_api/redirects-api/v1/redirect-session";
    let (status, session) =
        post(&env, path, &auth, &web_message_request(None, "web_message")).await;
    assert_eq!(status, 200, "the seed's step 8 body: {session}");
    for mode in ["query", "fragment"] {
        let (status, refused) = post(&env, path, &auth, &web_message_request(None, mode)).await;
        assert_eq!(status, 400);
        let message = refused["message"].as_str().unwrap();
        assert!(message.contains("missing"), "{mode}: {message}");
    }
    let _ = session;
}

#[tokio::test]
async fn web_message_without_a_redirect_uri_posts_to_the_allowed_origins() {
    let env = start().await;
    let (visitor, _) = registered(&env, "wm@example.com").await;
    let login = ok(env
        .api
        .login_v2(&visitor, &credentials("wm@example.com", "secret-pw").1)
        .await);
    let mut body = web_message_request(None, "web_message");
    body["auth"]["prompt"] = json!("none");
    body["auth"]["authRequest"]["sessionToken"] =
        json!(login.session_token.unwrap().expose_secret());
    let (_, session) = post(
        &env,
        "/_api/redirects-api/v1/redirect-session",
        &[("authorization", visitor.as_str())],
        &body,
    )
    .await;
    let (status, _, page) = env
        .get(session["redirectSession"]["fullUrl"].as_str().unwrap())
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("\"{DEFAULT_ALLOWED_ORIGIN}\"")),
        "{page}"
    );
    assert!(
        page.contains("\"code\"") && page.contains("\"state\":\"st-1\""),
        "{page}"
    );
}

#[tokio::test]
async fn a_social_login_goes_through_the_provider_page_and_back() {
    let env = start().await;
    let mut body = web_message_request(Some(REDIRECT), "query");
    body["auth"]["authRequest"]["idp"] = json!(GOOGLE_IDP_CONNECTION_ID);
    let url = {
        let visitor = env.visitor_token().await;
        let (status, session) = post(
            &env,
            "/_api/redirects-api/v1/redirect-session",
            &[("authorization", visitor.as_str())],
            &body,
        )
        .await;
        assert_eq!(status, 200, "{session}");
        session["redirectSession"]["fullUrl"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (status, _, page) = env.get(&url).await;
    assert_eq!(status, 200);
    assert!(page.contains("Sign in with Google"), "{page}");
    let form = [
        (
            "redirectSessionId",
            url.split("redirectSessionId=").nth(1).unwrap(),
        ),
        ("email", "social@example.com"),
    ];
    let back = post_form(&env, "/_sandbox/idp", &form).await;
    assert_eq!(back.status(), 302);
    let location = back.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(REDIRECT) && location.contains("state=st-1"),
        "{location}"
    );
    let code = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    env.exchange(&code).await.unwrap();
    let replay = post_form(&env, "/_sandbox/idp", &form).await;
    assert_eq!(replay.status(), 400, "the social login completes once");

    let mut unknown = body.clone();
    unknown["auth"]["authRequest"]["idp"] = json!("no-such-connection");
    let visitor = env.visitor_token().await;
    let (status, refused) = post(
        &env,
        "/_api/redirects-api/v1/redirect-session",
        &[("authorization", visitor.as_str())],
        &unknown,
    )
    .await;
    assert_eq!(status, 400, "{refused}");
}

#[tokio::test]
async fn one_wix_managed_login_completes_at_most_once() {
    let env = start().await;
    registered(&env, "once@example.com").await;
    let request = env.auth_session_request(
        None,
        wix_auth_generated::types::Prompt::Login,
        wix_auth_generated::types::ResponseMode::Query,
    );
    let url = env.full_url(&request).await;
    let id = url.split("redirectSessionId=").nth(1).unwrap().to_string();
    // Three views of the login page, then three submissions of the form.
    for _ in 0..3 {
        let (status, _, page) = env.get(&url).await;
        assert_eq!(status, 200);
        assert!(
            page.contains(&format!("value=\"{id}\"")),
            "one id for every view"
        );
    }
    let mut codes = 0;
    for _ in 0..3 {
        let answer = post_form(
            &env,
            "/_sandbox/login",
            &[
                ("redirectSessionId", id.as_str()),
                ("email", "once@example.com"),
                ("password", "secret-pw"),
            ],
        )
        .await;
        if answer.status() == 302 {
            codes += 1;
        }
    }
    assert_eq!(codes, 1);
}

#[tokio::test]
async fn mfa_states_come_from_the_policy_or_a_seeded_member() {
    let env = start_with(Sandbox::builder().policy(Policy {
        require_mfa: true,
        ..Default::default()
    }))
    .await;
    let (visitor, _) = registered(&env, "mfa@example.com").await;
    let answer = ok(env
        .api
        .login_v2(&visitor, &credentials("mfa@example.com", "secret-pw").1)
        .await);
    assert_eq!(state(&answer), "REQUIRE_MFA");
    assert!(answer.session_token.is_none() && answer.state_token.is_some());

    let env = start().await;
    for state_name in ["MFA_CHALLENGE", "REQUIRE_FIRST_FACTOR"] {
        let email = format!("{}@example.com", state_name.to_lowercase());
        let (status, _) = post(
            &env,
            "/_sandbox/members",
            &[],
            &json!({"email": email, "password": "secret-pw", "loginState": state_name}),
        )
        .await;
        assert_eq!(status, 200);
        let visitor = env.visitor_token().await;
        let answer = ok(env
            .api
            .login_v2(&visitor, &credentials(&email, "secret-pw").1)
            .await);
        assert_eq!(state(&answer), state_name);
        assert!(answer.session_token.is_none());
    }
}

#[tokio::test]
async fn the_pessimistic_mode_redirects_only_a_browser_navigation() {
    let env = start_with(Sandbox::builder().authorize_mode(AuthorizeMode::Pessimistic)).await;
    let (visitor, _) = registered(&env, "pess@example.com").await;
    let login = ok(env
        .api
        .login_v2(&visitor, &credentials("pess@example.com", "secret-pw").1)
        .await);
    let session = login.session_token.unwrap();
    let request = env.auth_session_request(
        Some(session.expose_secret()),
        wix_auth_generated::types::Prompt::None,
        wix_auth_generated::types::ResponseMode::Query,
    );
    let url = env.full_url(&request).await;
    let (status, location, page) = env.get(&url).await;
    assert_eq!(
        (status.as_u16(), location),
        (200, None),
        "a server read gets a page"
    );
    assert!(page.contains("browser"));
    let navigation = env
        .http
        .get(&url)
        .header("accept", "text/html,application/xhtml+xml")
        .header("sec-fetch-mode", "navigate")
        .send()
        .await
        .unwrap();
    assert_eq!(
        navigation.status(),
        302,
        "the session token was not used up by the page"
    );
}

#[tokio::test]
async fn get_my_member_answers_for_a_member_token_only() {
    let env = start().await;
    let tokens = env.member_tokens("me@example.com", "secret-pw").await;
    let visitor = env.visitor_token().await;
    let member = ok(env
        .api
        .token_info(&wix_auth_generated::types::TokenInfoRequest {
            token: tokens.access_token.clone(),
        })
        .await)
    .subject_id
    .unwrap();
    let mine = env
        .http
        .get(env.url("/members/v1/members/my"))
        .header("authorization", tokens.access_token.expose_secret())
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status(), 200);
    let body: Value = mine.json().await.unwrap();
    assert_eq!(body["member"]["id"], member.as_str());
    assert_eq!(body["member"]["loginEmail"], "me@example.com");
    assert_eq!(body["member"]["status"], "APPROVED");
    let as_visitor = env
        .http
        .get(env.url("/members/v1/members/my"))
        .header("authorization", visitor)
        .send()
        .await
        .unwrap();
    assert_eq!(as_visitor.status(), 403);
}

#[tokio::test]
async fn a_redirect_session_expires_and_is_swept() {
    let env = start().await;
    let request = env.auth_session_request(
        None,
        wix_auth_generated::types::Prompt::Login,
        wix_auth_generated::types::ResponseMode::Query,
    );
    let url = env.full_url(&request).await;
    assert_eq!(env.get(&url).await.0, 200);
    env.clock.advance(1801);
    let (status, _, page) = env.get(&url).await;
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("Unknown redirect session"));
}

#[tokio::test]
async fn the_typed_control_api_moves_only_a_manual_clock() {
    let env = start().await;
    let before = env.clock.now();
    assert_eq!(env.sandbox.advance_clock(60), Ok(before + 60));
    let system = Sandbox::builder().start().await.unwrap();
    assert_eq!(
        system.advance_clock(60),
        Err(wix_auth_sandbox::ControlError::NoManualClock)
    );
    assert_eq!(
        system.approve("nobody@example.com"),
        Err(wix_auth_sandbox::ControlError::NoSuchMember)
    );
    assert_eq!(
        system.add_contact("not an email"),
        Err(wix_auth_sandbox::ControlError::InvalidEmail)
    );
}
