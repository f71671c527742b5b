//! The example site on loopback against a sandbox, and an HTTP client that keeps cookies
//! and does not follow redirects, so each step can be checked.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use wix_auth_axum::{WixAuthWeb, WixAuthWebBuilder};
use wix_auth_flows::store::StoreError;
use wix_auth_flows::{Tokens, WixAuth, store::MemoryStore, store::TokenStore};
use wix_auth_sandbox::{
    AuthorizeMode, Lifetimes, ManualClock, OAuthClient, Policy, RunningSandbox, Sandbox,
    SandboxBuilder,
};

use crate::app;

/// The cookie key of the tests (64 bytes).
pub const KEY: [u8; 64] = [7; 64];

/// The sandbox's clock and the site's, moved together.
#[derive(Clone)]
pub struct Clocks {
    pub sandbox: ManualClock,
    pub flows: wix_auth_flows::clock::ManualClock,
}

impl Clocks {
    pub fn at(unix: u64) -> Self {
        Self {
            sandbox: ManualClock::at(unix),
            flows: wix_auth_flows::clock::ManualClock::at(unix),
        }
    }

    pub fn advance(&self, seconds: u64) {
        self.sandbox.advance(seconds);
        self.flows.advance(seconds);
    }
}

/// How the sandbox behind a site behaves.
#[derive(Default, Clone)]
pub struct Setup {
    pub policy: Policy,
    pub pessimistic: bool,
    pub clock: Option<Clocks>,
    pub lifetimes: Option<Lifetimes>,
}

impl Setup {
    /// A site that emails a code to every new member.
    pub fn verifying() -> Self {
        Self {
            policy: Policy {
                require_email_verification: true,
                ..Policy::default()
            },
            ..Self::default()
        }
    }

    /// Access tokens living 10 minutes on `clocks`, so a test can move past their expiry.
    pub fn expiring(clocks: Option<Clocks>) -> Self {
        Self {
            clock: clocks,
            lifetimes: Some(Lifetimes {
                access_token: 600,
                ..Lifetimes::default()
            }),
            ..Self::default()
        }
    }
}

/// A sandbox, and the port the site will listen on.
pub struct Wix {
    pub sandbox: RunningSandbox,
    pub listener: Option<tokio::net::TcpListener>,
    pub site_url: String,
}

impl Wix {
    pub async fn start(setup: Setup) -> Self {
        Self::start_with(setup, |b| b).await
    }

    /// A sandbox with `setup`, then whatever `customize` adds.
    pub async fn start_with(
        setup: Setup,
        customize: impl FnOnce(SandboxBuilder) -> SandboxBuilder,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let site_url = format!("http://{}", listener.local_addr().unwrap());
        let mut builder = Sandbox::builder()
            .client(
                OAuthClient::new("site")
                    .redirect_uri(format!("{site_url}/auth/callback"))
                    .post_flow_url(format!("{site_url}/")),
            )
            .policy(setup.policy.clone());
        if setup.pessimistic {
            builder = builder.authorize_mode(AuthorizeMode::Pessimistic);
        }
        if let Some(clock) = setup.clock.clone() {
            builder = builder.manual_clock(clock.sandbox);
        }
        if let Some(lifetimes) = setup.lifetimes.clone() {
            builder = builder.lifetimes(lifetimes);
        }
        Self {
            sandbox: customize(builder).start().await.unwrap(),
            listener: Some(listener),
            site_url,
        }
    }

    /// The flows client the site uses (on the sandbox's clock when it has a manual one).
    pub fn auth(&self, clock: Option<&Clocks>) -> WixAuth {
        let mut builder = WixAuth::builder("site")
            .base_url(self.sandbox.base_url())
            .redirect_uri(format!("{}/auth/callback", self.site_url));
        if let Some(clock) = clock {
            builder = builder.clock(clock.flows.clone());
        }
        builder.build().unwrap()
    }

    /// Serves the example site over `store` on this Wix's listener (or a new port for a
    /// second replica); answers its URL.
    pub async fn serve<S: TokenStore + 'static>(
        &mut self,
        store: S,
        clock: Option<&Clocks>,
    ) -> String {
        self.serve_configured(store, clock, |builder| builder).await
    }

    /// Serves the example site over `store`, with what `configure` adds to the builder.
    pub async fn serve_configured<S: TokenStore + 'static>(
        &mut self,
        store: S,
        clock: Option<&Clocks>,
        configure: impl FnOnce(WixAuthWebBuilder) -> WixAuthWebBuilder,
    ) -> String {
        let builder = WixAuthWeb::builder(self.auth(clock), store)
            .cookie_key(&KEY)
            .allow_insecure_loopback()
            .pages(app::pages);
        self.serve_web(configure(builder).build().unwrap()).await
    }

    /// Serves the example site of `web`.
    pub async fn serve_web(&mut self, web: WixAuthWeb) -> String {
        let listener = match self.listener.take() {
            Some(listener) => listener,
            None => tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(),
        };
        let url = format!("http://{}", listener.local_addr().unwrap());
        let site = app::Site {
            wix_base: self.sandbox.base_url().to_string(),
        };
        let router = app::app(&web, site);
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        url
    }
}

/// A site and its sandbox with `setup` and a memory store.
pub async fn site(setup: Setup) -> (Wix, String) {
    site_with(setup, |b| b).await
}

/// A site and its sandbox with `setup` and what `customize` adds, over a memory store.
pub async fn site_with(
    setup: Setup,
    customize: impl FnOnce(SandboxBuilder) -> SandboxBuilder,
) -> (Wix, String) {
    let clock = setup.clock.clone();
    let mut wix = Wix::start_with(setup, customize).await;
    let url = wix.serve(MemoryStore::new(), clock.as_ref()).await;
    (wix, url)
}

/// One browser's worth of cookies, without redirects followed.
#[derive(Clone)]
pub struct Agent {
    http: reqwest::Client,
    pub cookies: Arc<Mutex<BTreeMap<String, String>>>,
    /// The `Set-Cookie` headers of the last answer.
    pub last_set_cookie: Arc<Mutex<Vec<String>>>,
}

impl Agent {
    pub fn new() -> Self {
        Self {
            http: wix_auth_generated::http_client_builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: Arc::default(),
            last_set_cookie: Arc::default(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> reqwest::Response {
        let response = request
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        let set: Vec<String> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect();
        for header in &set {
            let pair = header.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                let removed = header.to_ascii_lowercase().contains("max-age=0");
                let mut cookies = self.cookies.lock().unwrap();
                if removed {
                    cookies.remove(name);
                } else {
                    cookies.insert(name.to_string(), value.to_string());
                }
            }
        }
        *self.last_set_cookie.lock().unwrap() = set;
        response
    }

    pub async fn get(&self, url: &str) -> reqwest::Response {
        self.send(self.http.get(url).header("accept", "text/html"))
            .await
    }

    pub async fn get_with(&self, url: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.http.get(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request).await
    }

    pub async fn post(&self, url: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.post_with(url, form, &[]).await
    }

    pub async fn post_with(
        &self,
        url: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let mut request = self
            .http
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request).await
    }

    /// Another agent with a copy of this one's cookies: the same browser on another
    /// replica, or an attacker holding a copy of the cookie.
    pub fn same_browser(&self) -> Agent {
        let other = Agent::new();
        other
            .cookies
            .lock()
            .unwrap()
            .extend(self.cookies.lock().unwrap().clone());
        other
    }

    /// The session cookie's value.
    pub fn session(&self) -> Option<String> {
        self.cookies.lock().unwrap().get("wix_session").cloned()
    }
}

/// The `Location` of an answer.
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Registers a member through the site's form and lands on the member page.
pub async fn register(agent: &Agent, site: &str, email: &str) {
    let answer = agent.register(site, email).await;
    assert_eq!(answer.status(), 303, "{}", answer.text().await.unwrap());
    assert_eq!(location(&answer), "/members");
}

/// The member page's text, or the status and location when it is not served.
pub async fn member_page(agent: &Agent, site: &str) -> Result<String, (u16, String)> {
    let answer = agent.get(&format!("{site}/members")).await;
    if answer.status() == 200 {
        Ok(answer.text().await.unwrap())
    } else {
        Err((answer.status().as_u16(), location(&answer)))
    }
}

/// The password of every member the tests make.
pub const PASSWORD: &str = "a-long-password";

impl Wix {
    /// Adds an active member with [`PASSWORD`].
    pub async fn seed(&self, email: &str) {
        self.sandbox
            .seed_member(wix_auth_sandbox::SeedMember::new(email, PASSWORD))
            .await
            .unwrap();
    }

    /// Begins a Wix-managed login at `site` (the query after `/auth/login?`) and logs in on
    /// the sandbox's page as `email`: the callback URL to send the browser to.
    pub async fn log_in_through_wix(
        &self,
        agent: &Agent,
        site: &str,
        query: &str,
        email: &str,
    ) -> String {
        let begin = agent.get(&format!("{site}/auth/login?{query}")).await;
        self.sandbox
            .log_in_on_page(&location(&begin), email, PASSWORD)
            .await
            .unwrap()
    }
}

impl Agent {
    /// The site's custom login form.
    pub async fn log_in(&self, site: &str, email: &str, return_to: &str) -> reqwest::Response {
        self.credentials(&format!("{site}/auth/login"), email, return_to)
            .await
    }

    /// The site's registration form, back to `/members`.
    pub async fn register(&self, site: &str, email: &str) -> reqwest::Response {
        self.credentials(&format!("{site}/auth/register"), email, "/members")
            .await
    }

    async fn credentials(&self, url: &str, email: &str, return_to: &str) -> reqwest::Response {
        self.post(
            url,
            &[
                ("email", email),
                ("password", PASSWORD),
                ("returnTo", return_to),
            ],
        )
        .await
    }
}

/// The member page shows `email`.
pub async fn assert_member(agent: &Agent, site: &str, email: &str) {
    let page = member_page(agent, site).await.unwrap();
    assert!(
        page.contains(&format!("<span id=\"email\">{email}</span>")),
        "{page}"
    );
}

/// The answer sends the browser to `/members`, which then shows `email`.
pub async fn assert_lands_on_members(
    agent: &Agent,
    site: &str,
    answer: reqwest::Response,
    email: &str,
) {
    assert_eq!(answer.status(), 303);
    assert_eq!(location(&answer), "/members");
    assert_member(agent, site, email).await;
}

/// A memory store the test can switch off (every call then fails as a store that is down
/// would), and that remembers the keys it saved.
#[derive(Debug, Default)]
pub struct FlakyStore {
    inner: MemoryStore,
    down: AtomicBool,
    pub saved: Mutex<Vec<String>>,
}

impl FlakyStore {
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    fn check(&self) -> Result<(), StoreError> {
        if self.down.load(Ordering::SeqCst) {
            Err(StoreError::unavailable("flaky", "switched off by the test"))
        } else {
            Ok(())
        }
    }

    /// The key saved last.
    pub fn last_key(&self) -> String {
        self.saved.lock().unwrap().last().cloned().unwrap()
    }
}

#[async_trait::async_trait]
impl TokenStore for FlakyStore {
    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        self.check()?;
        self.inner.load(key).await
    }

    async fn save(
        &self,
        key: &str,
        tokens: &Tokens,
        expires_at: SystemTime,
    ) -> Result<(), StoreError> {
        self.check()?;
        self.saved.lock().unwrap().push(key.to_string());
        self.inner.save(key, tokens, expires_at).await
    }

    async fn clear(&self, key: &str) -> Result<(), StoreError> {
        self.check()?;
        self.inner.clear(key).await
    }
}
