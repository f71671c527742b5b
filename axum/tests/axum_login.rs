//! axum-login with Wix as its backend, end to end against the sandbox: the app of
//! `examples/axum_login` (its own tower-sessions session), a password login, a protected
//! route that calls Wix as the member, one refresh at expiry for concurrent requests, Wix's
//! hosted login with a replayed callback refused, a refused refresh answered as "no user",
//! and logout.

#[path = "../examples/site/app.rs"]
#[allow(dead_code)]
mod app;
#[path = "../examples/axum_login/app.rs"]
mod axum_login_app;
#[path = "web/common.rs"]
#[allow(dead_code)]
mod common;

use common::{Agent, Clocks, PASSWORD, location};
use wix_auth_axum::axum_login::WixBackend;
use wix_auth_flows::{WixAuth, store::MemoryStore};
use wix_auth_sandbox::{Lifetimes, OAuthClient, RunningSandbox, Sandbox, SeedMember};

/// The example app against a sandbox whose access tokens live 10 minutes on `clocks`, with
/// one member: the sandbox and the app's URL.
async fn serve(clocks: &Clocks) -> (RunningSandbox, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    let sandbox = Sandbox::builder()
        .client(
            OAuthClient::new("axum-login")
                .redirect_uri(format!("{site}/callback"))
                .post_flow_url(format!("{site}/")),
        )
        .manual_clock(clocks.sandbox.clone())
        .lifetimes(Lifetimes {
            access_token: 600,
            ..Lifetimes::default()
        })
        .start()
        .await
        .unwrap();
    sandbox
        .seed_member(SeedMember::new("al@example.com", PASSWORD))
        .await
        .unwrap();
    let auth = WixAuth::builder("axum-login")
        .base_url(sandbox.base_url())
        .redirect_uri(format!("{site}/callback"))
        .clock(clocks.flows.clone())
        .build()
        .unwrap();
    let backend = WixBackend::new(auth, MemoryStore::new()).unwrap();
    let app = axum_login_app::app(
        backend,
        axum_login_app::App {
            site: site.clone(),
            wix_base: sandbox.base_url().to_string(),
        },
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (sandbox, site)
}

/// The protected page's `#member-id` and `#wix-id`, or the status and location.
async fn protected(agent: &Agent, site: &str) -> Result<(String, String), (u16, String)> {
    let answer = agent.get(&format!("{site}/protected")).await;
    if answer.status() != 200 {
        return Err((answer.status().as_u16(), location(&answer)));
    }
    let page = answer.text().await.unwrap();
    let span = |id: &str| {
        let start = page.find(&format!("<span id=\"{id}\">")).unwrap() + id.len() + 12;
        page[start..].split('<').next().unwrap().to_string()
    };
    Ok((span("member-id"), span("wix-id")))
}

async fn log_in(agent: &Agent, site: &str, password: &str) -> reqwest::Response {
    agent
        .post(
            &format!("{site}/login"),
            &[("email", "al@example.com"), ("password", password)],
        )
        .await
}

#[tokio::test]
async fn a_password_login_a_protected_route_one_refresh_and_logout() {
    let clocks = Clocks::at(1_800_000_000);
    let (sandbox, site) = serve(&clocks).await;
    let agent = Agent::new();
    assert_eq!(
        protected(&agent, &site).await.unwrap_err(),
        (307, "/login?next=%2Fprotected".to_string()),
        "axum-login's own redirect"
    );
    assert_eq!(log_in(&agent, &site, "wrong-password").await.status(), 401);

    let answer = log_in(&agent, &site, PASSWORD).await;
    assert_eq!(
        (answer.status().as_u16(), location(&answer)),
        (303, "/protected".into())
    );
    let (id, wix_id) = protected(&agent, &site).await.unwrap();
    assert!(!id.is_empty());
    assert_eq!(id, wix_id, "the member's Wix id, as Get My Member gives it");

    // The access token expires: four requests at once refresh once.
    clocks.advance(700);
    let refreshes = sandbox.token_requests("refresh_token");
    let pages: Vec<_> = (0..4)
        .map(|_| {
            let (agent, site) = (agent.clone(), site.clone());
            tokio::spawn(async move { protected(&agent, &site).await })
        })
        .collect();
    for page in pages {
        assert_eq!(page.await.unwrap().unwrap().0, id);
    }
    assert_eq!(sandbox.token_requests("refresh_token") - refreshes, 1);

    let logout = agent.post(&format!("{site}/logout"), &[]).await;
    assert_eq!(logout.status(), 303);
    assert!(
        location(&logout).starts_with(sandbox.base_url()),
        "through Wix's logout"
    );
    assert_eq!(protected(&agent, &site).await.unwrap_err().0, 307);
}

#[tokio::test]
async fn wix_hosted_login_through_the_callback_and_a_replay_refused() {
    let clocks = Clocks::at(1_800_000_000);
    let (sandbox, site) = serve(&clocks).await;
    let agent = Agent::new();
    let begin = agent.get(&format!("{site}/login/wix")).await;
    let callback = sandbox
        .log_in_on_page(&location(&begin), "al@example.com", PASSWORD)
        .await
        .unwrap();
    let replay_browser = agent.same_browser();
    let done = agent.get(&callback).await;
    assert_eq!(location(&done), "/protected");
    let (id, wix_id) = protected(&agent, &site).await.unwrap();
    assert_eq!(id, wix_id);
    let exchanges = sandbox.token_requests("authorization_code");
    // The same callback replayed with the pending login still in a copied session.
    let replayed = replay_browser.get(&callback).await;
    assert_eq!(replayed.status(), 400);
    assert_eq!(sandbox.token_requests("authorization_code"), exchanges);
    assert!(protected(&replay_browser, &site).await.is_err());
}

#[tokio::test]
async fn a_login_whose_refresh_wix_refuses_is_no_user_never_a_visitor() {
    let clocks = Clocks::at(1_800_000_000);
    let (_sandbox, site) = serve(&clocks).await;
    let agent = Agent::new();
    log_in(&agent, &site, PASSWORD).await;
    assert!(protected(&agent, &site).await.is_ok());
    // Months later: the access token has expired and Wix refuses the refresh token.
    clocks.advance(700);
    clocks.sandbox.advance(400 * 24 * 3600);
    let answer = protected(&agent, &site).await.unwrap_err();
    assert_eq!(answer, (307, "/login?next=%2Fprotected".to_string()));
    let home = agent.get(&format!("{site}/")).await.text().await.unwrap();
    assert!(
        home.contains("visitor"),
        "no member, and no tokens in its place: {home}"
    );
}
