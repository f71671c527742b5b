//! Outages on every route and extractor: the session store down, and Wix answering 503.
//! Each request gets a 503 (with `Retry-After` where Wix said when), the browser keeps its
//! cookie, nothing stored is cleared, and once the outage ends the same member session works.

use std::sync::Arc;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};
use wix_auth_axum::WixAuthWeb;
use wix_auth_flows::WixAuth;

use crate::common::{
    Agent, Clocks, FlakyStore, KEY, PASSWORD, Setup, Wix, assert_member, location, register,
};

/// What a request answered during an outage: its status, and the session cookie after it.
struct Answered {
    request: &'static str,
    status: u16,
    cookie: Option<String>,
}

/// Every route and extractor of the example site, as a browser of a logged-in member would
/// send them, one after another (logout last, with the member's CSRF token).
async fn every_request(agent: &Agent, site: &str, csrf: Option<&str>) -> Vec<Answered> {
    let form = [("email", "out@example.com"), ("password", PASSWORD)];
    let new_member = [("email", "new@example.com"), ("password", PASSWORD)];
    let mut answered = Vec::new();
    let mut record = |request, response: reqwest::Response| {
        answered.push(Answered {
            request,
            status: response.status().as_u16(),
            cookie: agent.session(),
        })
    };
    record("GET / (MaybeMember)", agent.get(&format!("{site}/")).await);
    record(
        "GET /members (Member)",
        agent.get(&format!("{site}/members")).await,
    );
    record(
        "GET /whoami (WixAccess)",
        agent.get(&format!("{site}/whoami")).await,
    );
    record(
        "GET /auth/token",
        agent.get(&format!("{site}/auth/token")).await,
    );
    record(
        "GET /auth/login",
        agent.get(&format!("{site}/auth/login")).await,
    );
    let login = agent.post(&format!("{site}/auth/login"), &form).await;
    record("POST /auth/login", login);
    let register = agent
        .post(&format!("{site}/auth/register"), &new_member)
        .await;
    record("POST /auth/register", register);
    let reset = [("email", "out@example.com")];
    let reset = agent
        .post(&format!("{site}/auth/password-reset"), &reset)
        .await;
    record("POST /auth/password-reset", reset);
    if let Some(csrf) = csrf {
        let logout = agent
            .post(&format!("{site}/auth/logout"), &[("csrf", csrf)])
            .await;
        record("POST /auth/logout", logout);
    }
    answered
}

fn csrf_of(page: &str) -> String {
    page.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn with_the_store_down_every_route_answers_503_and_the_member_stays() {
    let mut wix = Wix::start(Setup::default()).await;
    let store = Arc::new(FlakyStore::default());
    let site = wix.serve(store.clone(), None).await;
    let agent = Agent::new();
    register(&agent, &site, "out@example.com").await;
    let page = crate::common::member_page(&agent, &site).await.unwrap();
    let cookie = agent.session().unwrap();

    store.set_down(true);
    for Answered {
        request,
        status,
        cookie: after,
    } in every_request(&agent, &site, Some(&csrf_of(&page))).await
    {
        assert_eq!(status, 503, "{request}");
        assert_eq!(after.as_ref(), Some(&cookie), "{request} kept the cookie");
    }
    store.set_down(false);
    assert_member(&agent, &site, "out@example.com").await;
}

#[tokio::test]
async fn with_the_store_down_a_callback_and_a_code_wait_for_it() {
    let mut wix = Wix::start(Setup::verifying()).await;
    let store = Arc::new(FlakyStore::default());
    let site = wix.serve(store.clone(), None).await;

    // An emailed code typed during the outage: 503, and the verification is still open.
    let agent = Agent::new();
    assert_eq!(
        agent.register(&site, "code@example.com").await.status(),
        200
    );
    let code = wix.sandbox.latest_code("code@example.com").unwrap();
    store.set_down(true);
    let answer = agent
        .post(&format!("{site}/auth/verify"), &[("code", &code)])
        .await;
    assert_eq!(answer.status(), 503);
    store.set_down(false);
    let answer = agent
        .post(&format!("{site}/auth/verify"), &[("code", &code)])
        .await;
    assert_eq!(location(&answer), "/members");
    assert_member(&agent, &site, "code@example.com").await;

    // A Wix-managed login's callback during the outage: 503, the member session intact.
    wix.seed("cb@example.com").await;
    let callback = wix
        .log_in_through_wix(&agent, &site, "returnTo=/members", "cb@example.com")
        .await;
    store.set_down(true);
    assert_eq!(agent.get(&callback).await.status(), 503);
    store.set_down(false);
    assert_member(&agent, &site, "code@example.com").await;
}

#[tokio::test]
async fn with_wix_answering_503_every_route_answers_503_and_the_member_stays() {
    let clocks = Clocks::at(1_800_000_000);
    let mut wix = Wix::start(Setup::expiring(Some(clocks.clone()))).await;
    let store = Arc::new(FlakyStore::default());
    let site = wix.serve(store.clone(), Some(&clocks)).await;
    let agent = Agent::new();
    register(&agent, &site, "down@example.com").await;
    let page = crate::common::member_page(&agent, &site).await.unwrap();
    let cookie = agent.session().unwrap();

    // The same site over the same store, with a Wix that answers every call 503.
    let down = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "7"))
        .mount(&down)
        .await;
    let auth = WixAuth::builder("site")
        .base_url(down.uri())
        .redirect_uri(format!("{}/auth/callback", wix.site_url))
        .clock(clocks.flows.clone())
        .build()
        .unwrap();
    let web = WixAuthWeb::builder(auth, store.clone())
        .cookie_key(&KEY)
        .allow_insecure_loopback()
        .pages(crate::app::pages)
        .build()
        .unwrap();
    let down_site = wix.serve_web(web).await;
    clocks.advance(700); // the access token expired: every request needs Wix
    let answer = agent.get(&format!("{down_site}/members")).await;
    assert_eq!(
        answer.headers()["retry-after"],
        "7",
        "Wix's Retry-After is passed on"
    );

    for Answered {
        request,
        status,
        cookie: after,
    } in every_request(&agent, &down_site, None).await
    {
        assert_eq!(status, 503, "{request}");
        assert_eq!(after.as_ref(), Some(&cookie), "{request} kept the cookie");
    }
    // Wix is back (the first site): nothing was cleared, the member is there.
    assert_member(&agent, &site, "down@example.com").await;
    // Logging out needs no working Wix: the local session ends, as asked.
    let logout = agent
        .post(
            &format!("{down_site}/auth/logout"),
            &[("csrf", csrf_of(&page).as_str())],
        )
        .await;
    assert_eq!(logout.status(), 303);
    assert!(agent.session().is_none());
}

#[tokio::test]
async fn wix_answering_503_leaves_the_session_for_when_it_is_back() {
    let clocks = Clocks::at(1_800_000_000);
    let mut wix = Wix::start(Setup::expiring(Some(clocks.clone()))).await;
    let store = Arc::new(FlakyStore::default());
    let site = wix.serve(store.clone(), Some(&clocks)).await;
    let agent = Agent::new();
    register(&agent, &site, "back@example.com").await;

    let down = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&down)
        .await;
    let auth = WixAuth::builder("site")
        .base_url(down.uri())
        .redirect_uri(format!("{}/auth/callback", wix.site_url))
        .clock(clocks.flows.clone())
        .build()
        .unwrap();
    let web = WixAuthWeb::builder(auth, store.clone())
        .cookie_key(&KEY)
        .allow_insecure_loopback()
        .pages(crate::app::pages)
        .build()
        .unwrap();
    let down_site = wix.serve_web(web).await;
    clocks.advance(700);
    let answer = agent.get(&format!("{down_site}/members")).await;
    assert_eq!(answer.status(), 503);
    assert!(answer.headers().get("retry-after").is_none(), "none known");
    // Wix is back (the first site): the same session refreshes and serves the member.
    assert_member(&agent, &site, "back@example.com").await;
}
