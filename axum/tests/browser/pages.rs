//! The example site's pages, as a member meets them in Chromium.

use crate::common::{Clocks, PASSWORD, Setup, site};
use crate::driver::Browser;

/// Every token the sandbox could have issued shows one of these prefixes.
const TOKEN_MARKS: [&str; 4] = ["OauthNG.JWS.", "JWS.sbx-", "MST.sbx-", "AST.sbx-"];

fn no_token_in(cookies: &str) {
    for mark in TOKEN_MARKS {
        assert!(
            !cookies.contains(mark),
            "document.cookie shows a token: {cookies}"
        );
    }
}

#[tokio::test]
async fn register_with_the_emailed_code_then_the_member_page() {
    let (wix, site) = site(Setup::verifying()).await;
    let mut browser = Browser::launch("register").await;
    browser.goto(&format!("{site}/")).await;
    assert_eq!(browser.text("who").await.as_deref(), Some("visitor"));
    browser.click("#register").await;
    browser.fill("#email", "reg@example.com").await;
    browser.fill("#password", PASSWORD).await;
    browser.click("#submit").await;
    let code = wix.sandbox.latest_code("reg@example.com").unwrap();
    browser.fill("#code", &code).await;
    browser.click("#verify").await;
    assert_eq!(browser.path().await, "/members");
    assert_eq!(
        browser.text("email").await.as_deref(),
        Some("reg@example.com")
    );
    no_token_in(&browser.document_cookie().await);
    browser.close().await;
}

#[tokio::test]
async fn log_in_with_the_form_then_log_out() {
    let (wix, site) = site(Setup::default()).await;
    wix.seed("form@example.com").await;
    let mut browser = Browser::launch("login").await;
    browser.log_in_with_form(&site, "form@example.com").await;
    assert_eq!(
        browser.text("email").await.as_deref(),
        Some("form@example.com")
    );
    // The cookie is HttpOnly: page script sees nothing of the session.
    assert_eq!(browser.document_cookie().await, "");
    browser.click("#logout").await;
    // Wix's logout page, then back on the site as a visitor.
    browser.goto(&format!("{site}/")).await;
    assert_eq!(browser.text("who").await.as_deref(), Some("visitor"));
    browser.goto(&format!("{site}/members")).await;
    assert!(browser.path().await.starts_with("/login") || browser.text("email").await.is_none());
    browser.close().await;
}

#[tokio::test]
async fn log_in_through_wix_s_page() {
    let (wix, site) = site(Setup::default()).await;
    wix.seed("wix@example.com").await;
    let mut browser = Browser::launch("wix-login").await;
    browser.goto(&format!("{site}/")).await;
    browser.click("#wix-login").await;
    // The sandbox's hosted login page.
    let here = browser.client.current_url().await.unwrap();
    assert!(here.as_str().starts_with(wix.sandbox.base_url()), "{here}");
    browser.fill("input[name=email]", "wix@example.com").await;
    browser.fill("input[name=password]", PASSWORD).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.path().await, "/members");
    assert_eq!(
        browser.text("email").await.as_deref(),
        Some("wix@example.com")
    );
    no_token_in(&browser.document_cookie().await);
    browser.close().await;
}

#[tokio::test]
async fn after_expiry_two_tabs_at_once_share_one_refresh() {
    let clocks = Clocks::at(1_700_000_000);
    let (wix, site) = site(Setup::expiring(Some(clocks.clone()))).await;
    wix.seed("tabs@example.com").await;
    let mut browser = Browser::launch("tabs").await;
    browser.log_in_with_form(&site, "tabs@example.com").await;
    let first = browser.client.window().await.unwrap();
    let second = browser.client.new_window(true).await.unwrap().handle;
    clocks.advance(601);
    assert_eq!(wix.sandbox.token_requests("refresh_token"), 0);
    // Both tabs navigate without waiting for each other.
    let navigate = format!("window.location.href = {:?};", format!("{site}/members"));
    browser
        .client
        .switch_to_window(second.clone())
        .await
        .unwrap();
    browser.client.execute(&navigate, vec![]).await.unwrap();
    browser
        .client
        .switch_to_window(first.clone())
        .await
        .unwrap();
    browser.client.execute(&navigate, vec![]).await.unwrap();
    for tab in [first, second] {
        browser.client.switch_to_window(tab).await.unwrap();
        let mut email = None;
        for _ in 0..100 {
            email = browser.text("email").await;
            if email.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        browser.shot().await;
        assert_eq!(email.as_deref(), Some("tabs@example.com"));
    }
    assert_eq!(wix.sandbox.token_requests("refresh_token"), 1);
    browser.close().await;
}

#[tokio::test]
async fn a_tampered_cookie_sends_the_browser_to_login() {
    let (wix, site) = site(Setup::default()).await;
    wix.seed("tamper@example.com").await;
    let mut browser = Browser::launch("tampered").await;
    browser.log_in_with_form(&site, "tamper@example.com").await;
    assert_eq!(
        browser.text("email").await.as_deref(),
        Some("tamper@example.com")
    );
    let cookie = browser
        .client
        .get_named_cookie("wix_session")
        .await
        .unwrap();
    assert_eq!(cookie.http_only(), Some(true));
    let mut value = cookie.value().to_string();
    let last = if value.ends_with('A') { 'B' } else { 'A' };
    value.pop();
    value.push(last);
    let mut tampered = cookie.clone();
    tampered.set_value(value);
    browser.client.delete_cookie("wix_session").await.unwrap();
    browser.client.add_cookie(tampered).await.unwrap();
    browser.goto(&format!("{site}/members")).await;
    // The site's login route sent the browser on to Wix's login page.
    let here = browser.client.current_url().await.unwrap();
    assert!(here.as_str().starts_with(wix.sandbox.base_url()), "{here}");
    assert!(
        browser
            .client
            .find(fantoccini::Locator::Css("input[name=password]"))
            .await
            .is_ok()
    );
    browser.close().await;
}
