//! The axum integration as a browser meets it: no open redirect, cookie attributes, no
//! session fixation, CSRF, and no token within reach of page script.

use axum::Router;
use axum::routing::get;
use conformance::{PROPTEST_CASES, covers};
use proptest::prelude::*;
use wix_auth_axum::{Member, WixAuthWeb, safe_return_to};
use wix_auth_flows::{WixAuth, store::MemoryStore};
use wix_auth_sandbox::{OAuthClient, RunningSandbox, Sandbox, SeedMember};

const KEY: [u8; 64] = [42; 64];
const PASSWORD: &str = "a-long-password";

/// A site whose `/members` needs a member, against a sandbox with one member.
async fn site(redirect_origin: Option<&str>) -> (RunningSandbox, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let origin = redirect_origin.unwrap_or(&url).to_string();
    let sandbox = Sandbox::builder()
        .client(
            OAuthClient::new("web")
                .redirect_uri(format!("{origin}/auth/callback"))
                .post_flow_url(format!("{origin}/")),
        )
        .start()
        .await
        .unwrap();
    sandbox
        .seed_member(SeedMember::new("m@example.com", PASSWORD))
        .await
        .unwrap();
    let auth = WixAuth::builder("web")
        .base_url(sandbox.base_url())
        .redirect_uri(format!("{origin}/auth/callback"))
        .build()
        .unwrap();
    let web = WixAuthWeb::builder(auth, MemoryStore::new())
        .cookie_key(&KEY)
        .allow_insecure_loopback()
        .build()
        .unwrap();
    let app = Router::new()
        .route(
            "/members",
            get(|m: Member| async move { m.csrf_token().to_string() }),
        )
        .merge(web.router())
        .layer(web.layer());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (sandbox, url)
}

/// One request with a cookie header, redirects not followed: status, location, set-cookie.
async fn send(
    request: reqwest::RequestBuilder,
    cookie: &str,
) -> (u16, String, Option<String>, String) {
    let response = request.header("cookie", cookie).send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (location, set_cookie) = (header("location").unwrap_or_default(), header("set-cookie"));
    let status = response.status().as_u16();
    (status, location, set_cookie, response.text().await.unwrap())
}

fn http() -> reqwest::Client {
    wix_auth_generated::http_client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// `name=value` of a `Set-Cookie`.
fn pair(set_cookie: &Option<String>) -> String {
    set_cookie
        .as_deref()
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .to_string()
}

fn form(body: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(body)
        .finish()
}

/// The form login; answers the status, location and the session cookie pair.
async fn log_in(site: &str, cookie: &str, return_to: &str) -> (u16, String, String) {
    let request = http()
        .post(format!("{site}/auth/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("email", "m@example.com"),
            ("password", PASSWORD),
            ("returnTo", return_to),
        ]));
    let (status, location, set_cookie, _) = send(request, cookie).await;
    (status, location, pair(&set_cookie))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(PROPTEST_CASES))]

    #[test]
    fn web_return_to_is_never_another_origin(candidate in "\\PC{0,60}|//[a-z.]{1,20}|/\\\\[a-z.]{1,20}|https?://[a-z.]{1,20}/") {
        covers!("REDIR-03");
        if let Some(path) = safe_return_to(&candidate) {
            let base = url::Url::parse("https://site.example/").unwrap();
            let target = base.join(path).unwrap();
            prop_assert_eq!(target.origin(), base.origin(), "{}", candidate);
        }
    }
}

#[tokio::test]
async fn web_login_routes_refuse_foreign_return_targets() {
    covers!("REDIR-03");
    let (sandbox, site) = site(None).await;
    for hostile in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
    ] {
        let (status, location, _) = log_in(&site, "", hostile).await;
        assert_eq!((status, location.as_str()), (303, "/"), "{hostile}");
        let query: String = url::form_urlencoded::byte_serialize(hostile.as_bytes()).collect();
        let (_, to_wix, set_cookie, _) = send(
            http().get(format!("{site}/auth/login?returnTo={query}")),
            "",
        )
        .await;
        let callback = sandbox
            .log_in_on_page(&to_wix, "m@example.com", PASSWORD)
            .await
            .unwrap();
        let (status, location, _, _) = send(http().get(callback), &pair(&set_cookie)).await;
        assert_eq!((status, location.as_str()), (303, "/"), "{hostile}");
    }
}

#[tokio::test]
async fn web_session_cookie_attributes() {
    covers!("WEB-01");
    let (_sandbox, site_url) = site(None).await;
    let (_, _, set_cookie, _) = send(http().get(format!("{site_url}/auth/login")), "").await;
    let cookie = set_cookie.unwrap().to_ascii_lowercase();
    for attribute in ["; httponly", "; samesite=lax", "; path=/"] {
        assert!(cookie.contains(attribute), "{attribute}: {cookie}");
    }
    assert!(!cookie.contains("domain="), "{cookie}");
    let (_sandbox, https_site) = site(Some("https://shop.example")).await;
    let (_, _, set_cookie, _) = send(http().get(format!("{https_site}/auth/login")), "").await;
    let cookie = set_cookie.unwrap().to_ascii_lowercase();
    assert!(cookie.starts_with("__host-wix_session="), "{cookie}");
    assert!(
        cookie.contains("; secure") && cookie.contains("; path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("domain="), "{cookie}");
}

#[tokio::test]
async fn web_login_rotates_the_session_and_logout_ends_it() {
    covers!("WEB-02");
    let (_sandbox, site) = site(None).await;
    let (_, _, planted, _) = send(http().get(format!("{site}/auth/login")), "").await;
    let planted = pair(&planted);
    let (_, _, session) = log_in(&site, &planted, "/members").await;
    assert_ne!(session, planted);
    let (status, ..) = send(http().get(format!("{site}/members")), &planted).await;
    assert_eq!(status, 401, "the planted cookie is no member session");
    let (status, _, _, csrf) = send(http().get(format!("{site}/members")), &session).await;
    assert_eq!(status, 200);
    let logout = http()
        .post(format!("{site}/auth/logout"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("csrf", &csrf)]));
    let (status, _, removal, _) = send(logout, &session).await;
    assert_eq!(status, 303);
    assert!(removal.unwrap().to_ascii_lowercase().contains("max-age=0"));
    let (status, ..) = send(http().get(format!("{site}/members")), &session).await;
    assert_eq!(status, 401, "the logged-out cookie is no session");
}

#[tokio::test]
async fn web_logout_and_login_forms_resist_csrf() {
    covers!("WEB-03");
    let (_sandbox, site) = site(None).await;
    let (_, _, session) = log_in(&site, "", "/members").await;
    for body in ["", "csrf=guess"] {
        let logout = http()
            .post(format!("{site}/auth/logout"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        let (status, ..) = send(logout, &session).await;
        assert!(status == 400 || status == 403, "{body}: {status}");
    }
    let (status, ..) = send(http().get(format!("{site}/members")), &session).await;
    assert_eq!(status, 200, "still logged in");
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let request = http()
            .post(format!("{site}/auth/login"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header(name, value)
            .body(form(&[("email", "m@example.com"), ("password", PASSWORD)]));
        let (status, ..) = send(request, "").await;
        assert_eq!(status, 403, "{name}: {value}");
    }
}

#[tokio::test]
async fn web_no_token_reaches_browser_script() {
    covers!("WEB-04");
    let (_sandbox, site) = site(None).await;
    let (_, _, session) = log_in(&site, "", "/members").await;
    for mark in ["OauthNG.JWS.", "JWS.sbx-", "MST.sbx-"] {
        assert!(!session.contains(mark), "{session}");
    }
    let token = |fetch_site: &'static str| {
        http()
            .get(format!("{site}/auth/token"))
            .header("sec-fetch-site", fetch_site)
    };
    let (status, ..) = send(token("cross-site"), &session).await;
    assert_eq!(status, 403);
    let (status, _, _, body) = send(token("same-origin"), &session).await;
    assert_eq!(status, 200);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["accessToken", "expiresAt", "role"]);
}
