//! Who the member is: `Member::id()` and `email()` after every kind of login (recorded once,
//! the same id Wix's Get My Member gives), the login hook, the app's own login page, the
//! as-member client refreshing once after a 401, and sessions of earlier versions, which
//! learn their member once.

use std::sync::{Arc, Mutex};

use wix_auth_axum::{EstablishedLogin, LoginMethod};
use wix_auth_flows::store::TokenStore;
use wix_auth_sandbox::IdentityProviderConfig;

use crate::common::{Agent, Clocks, FlakyStore, Setup, Wix, location, member_page, register, site};

/// The member page's `#member-id` (from `Member::id()`) and `#wix-id` (Get My Member's).
async fn ids(agent: &Agent, site: &str) -> (String, String) {
    let page = member_page(agent, site).await.unwrap();
    let span = |id: &str| {
        let start = page.find(&format!("<span id=\"{id}\">")).unwrap() + id.len() + 12;
        page[start..].split('<').next().unwrap().to_string()
    };
    (span("member-id"), span("wix-id"))
}

#[tokio::test]
async fn every_login_knows_the_member_by_the_id_wix_gives() {
    let (wix, site) = site(Setup::default()).await;
    // Registration.
    let agent = Agent::new();
    register(&agent, &site, "reg@example.com").await;
    let (id, wix_id) = ids(&agent, &site).await;
    assert!(!id.is_empty());
    assert_eq!(id, wix_id, "registration");
    // The custom login, on another browser.
    let other = Agent::new();
    other.log_in(&site, "reg@example.com", "/members").await;
    assert_eq!(
        ids(&other, &site).await,
        (id.clone(), id.clone()),
        "custom login"
    );
    // Wix's hosted login.
    wix.seed("hosted@example.com").await;
    let hosted = Agent::new();
    let callback = wix
        .log_in_through_wix(&hosted, &site, "returnTo=/members", "hosted@example.com")
        .await;
    assert_eq!(hosted.get(&callback).await.status(), 303);
    let (hosted_id, hosted_wix_id) = ids(&hosted, &site).await;
    assert_eq!(hosted_id, hosted_wix_id, "Wix-managed login");
    assert_ne!(hosted_id, id);
}

#[tokio::test]
async fn the_full_page_redirect_knows_the_member_too() {
    let (wix, site) = crate::common::site(Setup {
        pessimistic: true,
        ..Setup::default()
    })
    .await;
    wix.seed("page@example.com").await;
    let agent = Agent::new();
    let answer = agent.log_in(&site, "page@example.com", "/members").await;
    // The browser navigates to Wix, which redirects it back with the code.
    let back = agent.get(&location(&answer)).await;
    assert_eq!(agent.get(&location(&back)).await.status(), 303);
    let (id, wix_id) = ids(&agent, &site).await;
    assert_eq!(id, wix_id, "full-page session login");
}

#[tokio::test]
async fn a_social_login_knows_the_member_too() {
    let (wix, site) = crate::common::site_with(Setup::default(), |b| {
        b.identity_provider(IdentityProviderConfig::new("idp-1", "Example ID"))
    })
    .await;
    let social = Agent::new();
    let begin = social.get(&format!("{site}/auth/login?idp=idp-1")).await;
    let callback = wix
        .sandbox
        .sign_in_with_provider(&location(&begin), "social@example.com")
        .await
        .unwrap();
    assert_eq!(social.get(&callback).await.status(), 303);
    let (id, wix_id) = ids(&social, &site).await;
    assert_eq!(id, wix_id, "social login");
}

#[tokio::test]
async fn the_login_hook_runs_once_per_established_login_with_who_and_how() {
    let mut wix = Wix::start(Setup::default()).await;
    let logins: Arc<Mutex<Vec<EstablishedLogin>>> = Arc::default();
    let seen = logins.clone();
    let site = wix
        .serve_configured(
            wix_auth_flows::store::MemoryStore::new(),
            None,
            move |builder| {
                builder.on_login(move |login| {
                    let seen = seen.clone();
                    async move { seen.lock().unwrap().push(login) }
                })
            },
        )
        .await;
    let agent = Agent::new();
    register(&agent, &site, "hook@example.com").await;
    let page_id = ids(&agent, &site).await.0;
    let _ = agent.get(&format!("{site}/members")).await;
    wix.seed("wixhook@example.com").await;
    let hosted = Agent::new();
    let callback = wix
        .log_in_through_wix(&hosted, &site, "returnTo=/", "wixhook@example.com")
        .await;
    hosted.get(&callback).await;
    let wrong = Agent::new();
    wrong
        .post(
            &format!("{site}/auth/login"),
            &[("email", "hook@example.com"), ("password", "wrong-one")],
        )
        .await;

    let logins = logins.lock().unwrap();
    assert_eq!(
        logins.len(),
        2,
        "one per established login, none for a refusal"
    );
    assert_eq!(logins[0].member.id, page_id);
    assert_eq!(logins[0].member.email.as_deref(), Some("hook@example.com"));
    assert_eq!(logins[0].method, LoginMethod::Registration);
    assert_eq!(logins[0].return_to, "/members");
    assert_eq!(logins[1].method, LoginMethod::WixManaged);
    assert_eq!(logins[1].member.email, None, "Token Info gives no email");
    assert_eq!(logins[1].return_to, "/");
}

#[tokio::test]
async fn an_app_with_its_own_login_page_gets_the_visitor_sent_there() {
    let mut wix = Wix::start(Setup::default()).await;
    let site = wix
        .serve_configured(wix_auth_flows::store::MemoryStore::new(), None, |builder| {
            builder.login_page("/login")
        })
        .await;
    let answer = Agent::new()
        .get(&format!("{site}/members?tab=orders"))
        .await;
    assert_eq!(answer.status(), 303);
    assert_eq!(
        location(&answer),
        "/login?returnTo=%2Fmembers%3Ftab%3Dorders"
    );
}

#[tokio::test]
async fn a_rejected_token_is_refreshed_once_for_concurrent_as_member_calls() {
    let clocks = Clocks::at(1_800_000_000);
    let (wix, site) = site(Setup::expiring(Some(clocks.clone()))).await;
    let agent = Agent::new();
    register(&agent, &site, "rejected@example.com").await;
    let refreshes = wix.sandbox.token_requests("refresh_token");
    // Wix's clock moves past the token's expiry, the site's does not: the token looks
    // fresh to the site, and Get My Member answers 401.
    clocks.sandbox.advance(700);
    let pages: Vec<_> = (0..8)
        .map(|_| {
            let (agent, site) = (agent.clone(), site.clone());
            tokio::spawn(async move { member_page(&agent, &site).await })
        })
        .collect();
    for page in pages {
        let page = page.await.unwrap().unwrap();
        assert!(page.contains("rejected@example.com"), "{page}");
    }
    assert_eq!(
        wix.sandbox.token_requests("refresh_token") - refreshes,
        1,
        "one forced refresh for eight pages"
    );
}

#[tokio::test]
async fn a_session_of_an_earlier_version_learns_its_member_once() {
    let mut wix = Wix::start(Setup::default()).await;
    let store = Arc::new(FlakyStore::default());
    let site = wix.serve(store.clone(), None).await;
    let agent = Agent::new();
    register(&agent, &site, "old@example.com").await;
    let (id, _) = ids(&agent, &site).await;
    // The stored tokens as an earlier version wrote them: no member.
    let key = store.last_key();
    let mut tokens = store.load(&key).await.unwrap().unwrap();
    assert_eq!(
        tokens.member.as_ref().map(|m| m.id.as_str()),
        Some(id.as_str())
    );
    tokens.member = None;
    let day = std::time::SystemTime::now() + std::time::Duration::from_secs(86_400);
    store.save(&key, &tokens, day).await.unwrap();

    assert_eq!(ids(&agent, &site).await.0, id, "learned from Token Info");
    let stored = store.load(&key).await.unwrap().unwrap();
    assert_eq!(stored.member.unwrap().email, None, "and kept");
}
