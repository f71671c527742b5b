//! Safe by default: cookie attributes, no session fixation, no open redirect, callbacks
//! refused before any token request, CSRF, tokens out of the browser's reach, clean 4xx for
//! bad input, and start-up checks.

use wix_auth_axum::{ConfigError, WixAuthWeb};
use wix_auth_flows::{WixAuth, store::MemoryStore};

use crate::common::{Agent, KEY, Setup, location, member_page, register, site};

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_host_wide_and_lives_as_the_session() {
    let (_wix, site) = site(Setup::default()).await;
    let agent = Agent::new();
    register(&agent, &site, "ka@example.com").await;
    let set = agent.last_set_cookie.lock().unwrap().clone();
    assert_eq!(set.len(), 1, "{set:?}");
    let cookie = set[0].to_ascii_lowercase();
    for attribute in ["httponly", "samesite=lax", "path=/", "max-age=2592000"] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing in {cookie}"
        );
    }
    assert!(!cookie.contains("domain="), "{cookie}");
    // Loopback http was allowed explicitly: no `Secure`, and no `__Host-` name.
    assert!(cookie.starts_with("wix_session="));
    assert!(!cookie.contains("secure"));
}

#[tokio::test]
async fn https_sites_get_a_secure_host_prefixed_cookie() {
    let (mut wix, _) = site(Setup::default()).await;
    let auth = WixAuth::builder("site")
        .base_url(wix.sandbox.base_url())
        .redirect_uri("https://shop.example/auth/callback")
        .build()
        .unwrap();
    let web = WixAuthWeb::builder(auth, MemoryStore::new())
        .cookie_key(&KEY)
        .build()
        .unwrap();
    let url = wix.serve_web(web).await;
    let agent = Agent::new();
    agent.get(&format!("{url}/auth/login")).await;
    let set = agent.last_set_cookie.lock().unwrap().clone();
    let cookie = set[0].to_ascii_lowercase();
    assert!(cookie.starts_with("__host-wix_session="), "{cookie}");
    assert!(cookie.contains("; secure"), "{cookie}");
}

#[test]
fn unsafe_configurations_are_refused_at_start_up() {
    let auth = |redirect: &str| {
        WixAuth::builder("c")
            .redirect_uri(redirect)
            .build()
            .unwrap()
    };
    let build = |redirect: &str, key: Option<&[u8]>, loopback: bool| {
        let mut builder = WixAuthWeb::builder(auth(redirect), MemoryStore::new());
        if let Some(key) = key {
            builder = builder.cookie_key(key);
        }
        if loopback {
            builder = builder.allow_insecure_loopback();
        }
        builder.build().map(|_| ())
    };
    let ok = "https://shop.example/auth/callback";
    assert_eq!(build(ok, None, false), Err(ConfigError::MissingCookieKey));
    assert_eq!(
        build(ok, Some(&[1; 32]), false),
        Err(ConfigError::CookieKeyTooShort(32))
    );
    assert_eq!(build(ok, Some(&KEY), false), Ok(()));
    assert_eq!(
        build("http://127.0.0.1:3000/auth/callback", Some(&KEY), false),
        Err(ConfigError::InsecureOrigin)
    );
    assert_eq!(
        build("http://127.0.0.1:3000/auth/callback", Some(&KEY), true),
        Ok(())
    );
    assert_eq!(
        build("http://shop.example/auth/callback", Some(&KEY), true),
        Err(ConfigError::InsecureOrigin)
    );
    assert_eq!(
        build("https://shop.example/callback", Some(&KEY), false),
        Err(ConfigError::RedirectUriNotCallback("/auth/callback".into()))
    );
    let no_redirect = WixAuth::builder("c").build().unwrap();
    assert_eq!(
        WixAuthWeb::builder(no_redirect, MemoryStore::new())
            .cookie_key(&KEY)
            .build()
            .map(|_| ()),
        Err(ConfigError::MissingRedirectUri)
    );
}

#[tokio::test]
async fn a_login_rotates_the_session_id_so_a_planted_cookie_gains_nothing() {
    let (_wix, site) = site(Setup::default()).await;
    let victim = Agent::new();
    // The attacker's cookie, planted in the victim's browser before the login.
    victim.get(&format!("{site}/auth/login")).await;
    let planted = victim.session().unwrap();
    let attacker = Agent::new();
    attacker
        .cookies
        .lock()
        .unwrap()
        .insert("wix_session".into(), planted.clone());
    register(&victim, &site, "lu@example.com").await;
    assert_ne!(victim.session().unwrap(), planted);
    assert!(member_page(&victim, &site).await.is_ok());
    let (status, to) = member_page(&attacker, &site).await.unwrap_err();
    assert_eq!(status, 303);
    assert!(to.starts_with("/auth/login"));
}

#[tokio::test]
async fn return_to_must_be_a_same_origin_path() {
    let (wix, site) = site(Setup::default()).await;
    wix.seed("mo@example.com").await;
    for hostile in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
    ] {
        let agent = Agent::new();
        let answer = agent.log_in(&site, "mo@example.com", hostile).await;
        assert_eq!(location(&answer), "/", "{hostile}");
        let query = format!("returnTo={}", urlencode(hostile));
        let callback = wix
            .log_in_through_wix(&agent, &site, &query, "mo@example.com")
            .await;
        assert_eq!(location(&agent.get(&callback).await), "/", "{hostile}");
    }
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn a_callback_with_a_wrong_missing_or_replayed_state_makes_no_token_request() {
    let (wix, site) = site(Setup::default()).await;
    wix.seed("ni@example.com").await;
    let exchanges = || wix.sandbox.token_requests("authorization_code");
    let agent = Agent::new();
    let callback = wix
        .log_in_through_wix(&agent, &site, "returnTo=/members", "ni@example.com")
        .await;
    let code = callback
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();

    // Another browser's callback: no login in progress there.
    let stranger = Agent::new();
    assert_eq!(stranger.get(&callback).await.status(), 400);
    // A wrong state, then a missing one, end the login in progress without a token request.
    let wrong = format!("{site}/auth/callback?code={code}&state=not-the-state");
    let answer = agent.get(&wrong).await;
    assert_eq!(answer.status(), 400);
    assert_eq!(exchanges(), 0);
    assert_eq!(
        agent.get(&callback).await.status(),
        400,
        "the login ended with the refusal"
    );
    assert_eq!(exchanges(), 0);

    // A fresh login completes once; the back button replays its callback: refused.
    let callback = wix
        .log_in_through_wix(&agent, &site, "returnTo=/members", "ni@example.com")
        .await;
    let missing_state = callback.split("&state=").next().unwrap().to_string();
    let other = agent.same_browser();
    assert_eq!(other.get(&missing_state).await.status(), 400);
    assert_eq!(exchanges(), 0);
    assert_eq!(location(&agent.get(&callback).await), "/members");
    assert_eq!(exchanges(), 1);
    assert_eq!(agent.get(&callback).await.status(), 400);
    assert_eq!(exchanges(), 1);
    assert!(
        member_page(&agent, &site).await.is_ok(),
        "the replay did not end the session"
    );
}

#[tokio::test]
async fn a_tampered_or_foreign_cookie_is_no_session() {
    let (_wix, site) = site(Setup::default()).await;
    let agent = Agent::new();
    register(&agent, &site, "ol@example.com").await;
    let mut value = agent.session().unwrap();
    let flipped = if value.ends_with('A') { 'B' } else { 'A' };
    value.pop();
    value.push(flipped);
    agent
        .cookies
        .lock()
        .unwrap()
        .insert("wix_session".into(), value);
    let (status, to) = member_page(&agent, &site).await.unwrap_err();
    assert_eq!(status, 303);
    assert_eq!(to, "/auth/login?returnTo=%2Fmembers");
    // An API client (no HTML accepted) gets 401 JSON instead of a redirect.
    let api = agent
        .get_with(
            &format!("{site}/members"),
            &[("accept", "application/json")],
        )
        .await;
    assert_eq!(api.status(), 401);
    assert_eq!(api.text().await.unwrap(), r#"{"error":"login_required"}"#);
}

#[tokio::test]
async fn logout_needs_the_csrf_token_and_login_forms_refuse_cross_site_posts() {
    let (_wix, site) = site(Setup::default()).await;
    let agent = Agent::new();
    register(&agent, &site, "pa@example.com").await;
    for form in [vec![], vec![("csrf", "guess")]] {
        let answer = agent.post(&format!("{site}/auth/logout"), &form).await;
        assert!(
            answer.status() == 403 || answer.status() == 400,
            "{}",
            answer.status()
        );
    }
    assert!(member_page(&agent, &site).await.is_ok(), "still logged in");
    let cross = agent
        .post_with(
            &format!("{site}/auth/login"),
            &[("email", "pa@example.com"), ("password", "a-long-password")],
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(cross.status(), 403);
    let foreign_origin = agent
        .post_with(
            &format!("{site}/auth/register"),
            &[("email", "pb@example.com"), ("password", "a-long-password")],
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(foreign_origin.status(), 403);
}

#[tokio::test]
async fn the_token_endpoint_serves_same_origin_code_only_and_never_the_refresh_token() {
    let (_wix, site) = site(Setup::default()).await;
    let agent = Agent::new();
    let none = agent.get_with(&format!("{site}/auth/token"), &[]).await;
    assert_eq!(none.status(), 401);
    register(&agent, &site, "qi@example.com").await;
    let cross = agent
        .get_with(
            &format!("{site}/auth/token"),
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(cross.status(), 403);
    let answer = agent
        .get_with(
            &format!("{site}/auth/token"),
            &[("sec-fetch-site", "same-origin")],
        )
        .await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["role"], "member");
    assert!(body["accessToken"].as_str().unwrap().len() > 20);
    assert!(body["expiresAt"].as_u64().unwrap() > 0);
    assert_eq!(body.as_object().unwrap().len(), 3, "{body}");
}

#[tokio::test]
async fn bad_input_gets_a_clean_4xx() {
    let (_wix, site) = site(Setup::default()).await;
    let agent = Agent::new();
    let huge = "x".repeat(64 * 1024);
    let answer = agent
        .post(
            &format!("{site}/auth/login"),
            &[("email", &huge), ("password", "p")],
        )
        .await;
    assert_eq!(answer.status(), 413);
    let missing = agent
        .post(&format!("{site}/auth/login"), &[("email", "a@b.co")])
        .await;
    assert_eq!(missing.status(), 400);
    let no_login = agent
        .post(&format!("{site}/auth/verify"), &[("code", "123456")])
        .await;
    assert_eq!(no_login.status(), 400);
    let callback = agent.get(&format!("{site}/auth/callback")).await;
    assert_eq!(callback.status(), 400);
}
