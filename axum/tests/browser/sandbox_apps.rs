//! The sandbox as the local Wix of a browser app: the pages of `sandbox/browser-apps/`
//! served from a second loopback origin (not the sandbox's) call the sandbox the way a
//! front end calls `https://www.wixapis.com` — a plain-JS client written from the REST docs,
//! and Wix's own `@wix/sdk` bundled with esbuild (`npm ci && npm run build` in
//! `sandbox/browser-apps`, as `.ci/run` does). Each page records its steps; every step must
//! succeed, and the browser's console must hold no CORS error.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use fantoccini::Locator;
use fantoccini::wd::WebDriverCompatibleCommand;
use wix_auth_sandbox::{IdentityProviderConfig, OAuthClient, Policy, RunningSandbox, Sandbox};

use crate::driver::Browser;

const CLIENT: &str = "browser-app";

fn apps_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../sandbox/browser-apps")
}

/// Serves `sandbox/browser-apps/` on a loopback port of its own, with `config.js` naming
/// the sandbox and the client; answers the app's origin.
async fn serve_apps(listener: tokio::net::TcpListener, sandbox: &str) -> String {
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let config = format!(
        "window.SANDBOX = {{ base: {:?}, clientId: {CLIENT:?} }};",
        sandbox
    );
    let file = |name: &'static str, kind: &'static str| {
        get(move || async move {
            let body = std::fs::read(apps_dir().join(name)).unwrap_or_else(|e| {
                panic!("sandbox/browser-apps/{name}: {e} (run `npm ci && npm run build` there)")
            });
            ([(header::CONTENT_TYPE, kind)], body).into_response()
        })
    };
    let html = "text/html; charset=utf-8";
    let js = "text/javascript";
    let app = Router::new()
        .route("/", file("index.html", html))
        .route("/plain.html", file("plain.html", html))
        .route("/callback", file("callback.html", html))
        .route("/plain.js", file("plain.js", js))
        .route("/sdk.html", file("sdk.html", html))
        .route("/dist/sdk.js", file("dist/sdk.js", js))
        .route(
            "/config.js",
            get(move || async move { ([(header::CONTENT_TYPE, js)], config) }),
        );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    origin
}

/// A sandbox whose client knows the app's origin (its callback, its bare origin as the
/// logout's post-flow URL, its origin for `web_message`), with email verification on and a
/// social connection; and the app served beside it.
async fn sandbox_and_app() -> (RunningSandbox, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let sandbox = Sandbox::builder()
        .client(
            OAuthClient::new(CLIENT)
                .redirect_uri(format!("{origin}/callback"))
                .post_flow_url(format!("{origin}/"))
                .allowed_origin(&origin),
        )
        .policy(Policy {
            require_email_verification: true,
            ..Policy::default()
        })
        .identity_provider(IdentityProviderConfig::new("idp-1", "Example ID"))
        .start()
        .await
        .unwrap();
    let origin = serve_apps(listener, sandbox.base_url()).await;
    (sandbox, origin)
}

/// Waits for the page to finish its steps; answers them as (step, ok, detail).
async fn results(browser: &Browser) -> Vec<(String, bool, String)> {
    for _ in 0..300 {
        let done = browser
            .client
            .execute("return window.__done === true", vec![])
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if done {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let raw = browser
        .client
        .execute("return JSON.stringify(window.__results || [])", vec![])
        .await
        .unwrap();
    let steps: Vec<serde_json::Value> = serde_json::from_str(raw.as_str().unwrap()).unwrap();
    steps
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap_or_default().to_string(),
                s["ok"].as_bool().unwrap_or(false),
                s["detail"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Every step named ran and succeeded (printed for the record).
fn assert_steps(client: &str, steps: &[(String, bool, String)], expected: &[&str]) {
    for (step, ok, detail) in steps {
        eprintln!(
            "{client}: {step}: {} {detail}",
            if *ok { "ok" } else { "FAILED" }
        );
    }
    let names: Vec<&str> = steps.iter().map(|(s, _, _)| s.as_str()).collect();
    assert_eq!(names, expected, "{client}: the steps that ran");
    for (step, ok, detail) in steps {
        assert!(ok, "{client}: {step} failed: {detail}");
    }
}

/// ChromeDriver's browser log (`goog:loggingPrefs` is set at launch).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(r#"{"type":"browser"}"#.into()),
        )
    }
}

/// The console's messages about CORS so far.
async fn cors_errors(browser: &Browser) -> Vec<String> {
    let log = browser
        .client
        .issue_cmd(BrowserLog)
        .await
        .expect("ChromeDriver gives the browser's console log");
    log.as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| entry["message"].as_str())
        .filter(|message| message.contains("CORS") || message.contains("Access-Control"))
        .map(str::to_string)
        .collect()
}

/// Waits until the browser is at `url` (a navigation the page started).
async fn wait_for_url(browser: &Browser, url: &str) {
    for _ in 0..100 {
        if browser.client.current_url().await.unwrap().as_str() == url {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the browser stayed at {}",
        browser.client.current_url().await.unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_client_written_from_the_rest_docs() {
    let (_sandbox, app) = sandbox_and_app().await;
    let mut browser = Browser::launch("plain-client").await;
    browser.goto(&format!("{app}/plain.html?run=steps")).await;
    let steps = results(&browser).await;
    browser.shot().await;
    assert_steps(
        "plain client",
        &steps,
        &[
            "visitor",
            "register",
            "verify-email",
            "member-tokens-iframe",
            "login",
            "refresh",
            "get-my-member",
            "wrong-password",
            "existing-email",
            "unknown-email",
        ],
    );

    // Logout through the URL Wix gives, back to the page's bare origin.
    browser
        .client
        .execute("startLogout()", vec![])
        .await
        .unwrap();
    wait_for_url(&browser, &format!("{app}/")).await;
    assert!(
        browser.text("back").await.is_some(),
        "logout came back to the page"
    );
    eprintln!("plain client: logout: ok back at {app}/");

    // Social login through the provider's stand-in, back to the page's callback.
    browser.goto(&format!("{app}/plain.html")).await;
    browser
        .client
        .execute("startSocialLogin()", vec![])
        .await
        .unwrap();
    let field = browser
        .client
        .wait()
        .for_element(Locator::Css("input[name=email]"))
        .await
        .unwrap();
    field.send_keys("social@example.com").await.unwrap();
    browser.click("button[type=submit]").await;
    let steps = results(&browser).await;
    assert_steps("plain client", &steps, &["social-login"]);
    assert!(browser.path().await.starts_with("/callback"));

    let cors = cors_errors(&browser).await;
    assert!(cors.is_empty(), "CORS errors in the console: {cors:?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wix_own_sdk_bundled_for_the_browser() {
    let (_sandbox, app) = sandbox_and_app().await;
    let mut browser = Browser::launch("wix-sdk").await;
    browser.goto(&format!("{app}/sdk.html")).await;
    let steps = results(&browser).await;
    browser.shot().await;
    assert_steps(
        "@wix/sdk",
        &steps,
        &[
            "generateVisitorTokens",
            "register",
            "login",
            "getMemberTokensForDirectLogin",
            "renewToken",
            "logout",
        ],
    );
    let logout = browser
        .client
        .execute("return window.__logoutUrl", vec![])
        .await
        .unwrap();
    browser.goto(logout.as_str().unwrap()).await;
    wait_for_url(&browser, &format!("{app}/")).await;
    eprintln!("@wix/sdk: logout URL followed: ok back at {app}/");

    let cors = cors_errors(&browser).await;
    assert!(cors.is_empty(), "CORS errors in the console: {cors:?}");
    browser.close().await;
}
