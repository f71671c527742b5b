#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod clock;
pub mod config;
mod crypto;
mod http;
mod site;
#[cfg(feature = "spec-check")]
pub mod spec_check;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::site::Site;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{
    ApiKeyConfig, AuthorizeMode, Config, IdentityProviderConfig, Lifetimes, Limits, OAuthClient,
    Policy, RefreshPolicy,
};
pub use site::control::{ControlError, SeedMember};
pub use site::{EmailKind, SentEmail};

/// Entry point: [`Sandbox::builder`].
pub struct Sandbox;

impl Sandbox {
    /// A builder with the default configuration (one client, permissive policies).
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder {
            config: Config::default(),
            clients_replaced: false,
            manual_clock: None,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        }
    }
}

/// Configures and starts a sandbox.
pub struct SandboxBuilder {
    config: Config,
    clients_replaced: bool,
    manual_clock: Option<ManualClock>,
    addr: SocketAddr,
}

impl SandboxBuilder {
    /// Replaces the whole configuration.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self.clients_replaced = true;
        self
    }

    /// Registers an OAuth client; the first call replaces the default client.
    pub fn client(mut self, client: OAuthClient) -> Self {
        if !self.clients_replaced {
            self.config.clients.clear();
            self.clients_replaced = true;
        }
        self.config.clients.push(client);
        self
    }

    /// Sets the site policies.
    pub fn policy(mut self, policy: Policy) -> Self {
        self.config.policy = policy;
        self
    }

    /// Sets the token lifetimes.
    pub fn lifetimes(mut self, lifetimes: Lifetimes) -> Self {
        self.config.lifetimes = lifetimes;
        self
    }

    /// Sets the abuse limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.config.limits = limits;
        self
    }

    /// Registers an API key for a site or account.
    pub fn api_key(mut self, key: ApiKeyConfig) -> Self {
        self.config.api_keys.push(key);
        self
    }

    /// Registers a social identity-provider connection (an `idp` of authorize requests).
    pub fn identity_provider(mut self, provider: IdentityProviderConfig) -> Self {
        self.config.identity_providers.push(provider);
        self
    }

    /// Sets how Authorize answers requests that do not look like a browser navigation.
    pub fn authorize_mode(mut self, mode: AuthorizeMode) -> Self {
        self.config.authorize = mode;
        self
    }

    /// Sets what the `refresh_token` grant does with refresh tokens.
    pub fn refresh_policy(mut self, policy: RefreshPolicy) -> Self {
        self.config.refresh = policy;
        self
    }

    /// Uses a manual clock, so expiry is testable without sleeping; it can also be moved
    /// over HTTP with `POST /_sandbox/clock`.
    pub fn manual_clock(mut self, clock: ManualClock) -> Self {
        self.manual_clock = Some(clock);
        self
    }

    /// The address to listen on (default `127.0.0.1:0`, a free port).
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Binds and serves in the background until [`RunningSandbox::shutdown`] or drop.
    pub async fn start(self) -> std::io::Result<RunningSandbox> {
        let listener = TcpListener::bind(self.addr).await?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}");
        let state = Arc::new(Site::new(self.config, self.manual_clock, base_url.clone()));
        let router = http::router(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(RunningSandbox {
            addr,
            base_url,
            state,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// A sandbox serving on loopback.
pub struct RunningSandbox {
    addr: SocketAddr,
    base_url: String,
    state: Arc<Site>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    /// The base URL, e.g. `http://127.0.0.1:41234`; use it as the API base and site URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &Config {
        &self.state.config
    }

    /// Plays the browser on the sandbox's login page: opens `login_url` (a redirect session's
    /// `fullUrl` or an authorize URL that shows the form), submits `email` and `password`,
    /// and returns where the sandbox redirects — for the `auth` intent, the callback URL with
    /// the code and state.
    pub async fn log_in_on_page(
        &self,
        login_url: &str,
        email: &str,
        password: &str,
    ) -> Result<String, LoginPageError> {
        self.submit_page(
            login_url,
            "/_sandbox/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Plays the browser on a social provider's stand-in page (a login begun with an `idp`):
    /// opens `login_url`, continues as the provider account `email`, and returns the callback
    /// URL with the code and state.
    pub async fn sign_in_with_provider(
        &self,
        login_url: &str,
        email: &str,
    ) -> Result<String, LoginPageError> {
        self.submit_page(login_url, "/_sandbox/idp", &[("email", email)])
            .await
    }

    /// Opens a page with a form bound to a redirect session, posts `fields` with its id to
    /// `action`, and answers where the sandbox redirects.
    async fn submit_page(
        &self,
        page_url: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Result<String, LoginPageError> {
        let http = wix_auth_generated::http_client_builder()
            .build()
            .map_err(|_| LoginPageError::Http)?;
        let page = http
            .get(page_url)
            .send()
            .await
            .map_err(|_| LoginPageError::Http)?
            .text()
            .await
            .map_err(|_| LoginPageError::Http)?;
        let id = page
            .split("name=\"redirectSessionId\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .ok_or(LoginPageError::NoForm)?;
        let form = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .append_pair("redirectSessionId", id)
            .finish();
        let answer = http
            .post(format!("{}{action}", self.base_url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .map_err(|_| LoginPageError::Http)?;
        answer
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_string)
            .ok_or(LoginPageError::Refused {
                status: answer.status().as_u16(),
            })
    }

    /// Stops serving and waits for open connections to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Why [`RunningSandbox::log_in_on_page`] did not come back with a redirect.
#[derive(Debug, thiserror::Error)]
pub enum LoginPageError {
    /// The page could not be fetched or the form not sent.
    #[error("the login page could not be reached")]
    Http,
    /// The URL did not show the login form.
    #[error("the URL did not show the login form")]
    NoForm,
    /// The form was refused (wrong password, pending member, …).
    #[error("the login form answered {status} without a redirect")]
    Refused {
        /// The status of the answer.
        status: u16,
    },
}

/// The guide's chapter on the sandbox, its Rust blocks compiled as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../docs/src/sandbox.md")]
pub struct GuideSandbox;
