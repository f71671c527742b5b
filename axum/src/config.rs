//! Building the integration: the flows client and store, the cookie key, where the routes
//! live, and the checks that refuse an unsafe configuration at start-up.

use std::sync::Arc;
use std::time::Duration;

use axum_extra::extract::cookie::Key;
use url::Url;
use wix_auth_flows::{Sessions, WixAuth, store::TokenStore};

use crate::hooks::{EstablishedLogin, LoginHook, login_hook};
use crate::outcome::{AuthPages, DefaultPages};

/// The shortest cookie key accepted: 64 bytes (512 bits), as the `cookie` crate derives its
/// encryption and signing keys from it.
pub const MIN_COOKIE_KEY_LEN: usize = 64;

/// How a request without a member session is answered by the [`crate::Member`] extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rejection {
    /// A redirect to the login route for a browser page (an `Accept` naming `text/html`),
    /// else `401` with a JSON body.
    #[default]
    Auto,
    /// Always a redirect to the login route.
    Redirect,
    /// Always `401` with a JSON body.
    Json,
}

/// Why the integration refused to start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// No cookie key was given.
    #[error(
        "a cookie key is required: call WixAuthWeb::builder(..).cookie_key(..) with at least 64 random bytes"
    )]
    MissingCookieKey,
    /// The cookie key is too short.
    #[error("the cookie key has {0} bytes; at least 64 random bytes are required")]
    CookieKeyTooShort(usize),
    /// The flows client has no redirect URI.
    #[error(
        "the WixAuth client needs a redirect URI (WixAuthBuilder::redirect_uri), the absolute URL of the callback route, registered on the Wix OAuth app"
    )]
    MissingRedirectUri,
    /// The redirect URI is not an absolute http(s) URL.
    #[error("the redirect URI is not an absolute http or https URL")]
    InvalidRedirectUri,
    /// The redirect URI is not the callback route under the prefix.
    #[error("the redirect URI's path must be the callback route, {0}")]
    RedirectUriNotCallback(String),
    /// Plain http for a host other than loopback, or for loopback without opting in.
    #[error(
        "the redirect URI uses plain http: allowed only for a loopback host, with allow_insecure_loopback()"
    )]
    InsecureOrigin,
    /// The prefix is not a path such as `/auth`.
    #[error("the route prefix must start with `/` and not end with one, e.g. `/auth`")]
    InvalidPrefix,
    /// The post-logout URL is not an absolute http(s) URL.
    #[error("the post-logout URL must be an absolute http or https URL")]
    InvalidPostLogoutUrl,
    /// The login page is not a path of the site, such as `/login`.
    #[error("the login page must be a path of the site, starting with a single `/`, e.g. `/login`")]
    InvalidLoginPage,
    /// The HTTP client for calls as the member could not be built.
    #[error("the HTTP client could not be built")]
    HttpClient,
}

/// What every route, the layer and the extractors share.
pub(crate) struct Inner {
    pub auth: WixAuth,
    pub sessions: Sessions,
    pub key: Key,
    pub prefix: String,
    pub redirect_uri: Url,
    pub origin: String,
    pub secure: bool,
    pub cookie_name: &'static str,
    pub session_lifetime: Duration,
    pub post_logout_url: String,
    pub default_return_to: String,
    pub rejection: Rejection,
    pub pages: Arc<dyn AuthPages>,
    pub max_form_bytes: usize,
    /// Where a request without a member session is sent to log in.
    pub login_page: String,
    /// The app's hook for each established login.
    pub on_login: Option<LoginHook>,
    /// The client of [`crate::Member::client`].
    pub http: reqwest::Client,
}

/// Wix member login for an axum app: mount [`WixAuthWeb::router`], wrap the app in
/// [`WixAuthWeb::layer`], and use the [`crate::Member`], [`crate::MaybeMember`] and
/// [`crate::WixAccess`] extractors. Cheap to clone.
#[derive(Clone)]
pub struct WixAuthWeb {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for WixAuthWeb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WixAuthWeb")
            .field("prefix", &self.inner.prefix)
            .field("redirect_uri", &self.inner.redirect_uri.as_str())
            .field("secure", &self.inner.secure)
            .finish_non_exhaustive()
    }
}

impl WixAuthWeb {
    /// A builder over a flows client (with its redirect URI set to the callback route) and
    /// the store that keeps the tokens server-side.
    pub fn builder(auth: WixAuth, store: impl TokenStore + 'static) -> WixAuthWebBuilder {
        WixAuthWebBuilder {
            store: Arc::new(store),
            auth,
            key: None,
            prefix: "/auth".into(),
            insecure_loopback: false,
            session_lifetime: Duration::from_secs(30 * 24 * 3600),
            post_logout_url: None,
            default_return_to: "/".into(),
            rejection: Rejection::Auto,
            pages: Arc::new(DefaultPages),
            max_form_bytes: 16 * 1024,
            login_page: None,
            on_login: None,
        }
    }

    /// The route prefix, e.g. `/auth`.
    pub fn prefix(&self) -> &str {
        &self.inner.prefix
    }

    /// The login page for a page that wants to come back to `return_to` afterwards: the
    /// app's own ([`WixAuthWebBuilder::login_page`]) or Wix's hosted login (`…/login`).
    pub fn login_url(&self, return_to: &str) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("returnTo", return_to)
            .finish();
        let separator = if self.inner.login_page.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{separator}{query}", self.inner.login_page)
    }
}

/// Configures [`WixAuthWeb`].
pub struct WixAuthWebBuilder {
    auth: WixAuth,
    store: Arc<dyn TokenStore>,
    key: Option<Result<Key, ConfigError>>,
    prefix: String,
    insecure_loopback: bool,
    session_lifetime: Duration,
    post_logout_url: Option<String>,
    default_return_to: String,
    rejection: Rejection,
    pages: Arc<dyn AuthPages>,
    max_form_bytes: usize,
    login_page: Option<String>,
    on_login: Option<LoginHook>,
}

impl WixAuthWebBuilder {
    /// The key the session cookie is encrypted and authenticated with: at least 64 random
    /// bytes, the same on every replica, kept secret (e.g. from an environment variable).
    pub fn cookie_key(mut self, key: &[u8]) -> Self {
        self.key = Some(Key::try_from(key).map_err(|_| ConfigError::CookieKeyTooShort(key.len())));
        self
    }

    /// Where the routes are mounted (default `/auth`).
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// Allows a plain-http redirect URI on a loopback host (`127.0.0.1`, `[::1]`,
    /// `localhost`) for local development; the cookie then lacks `Secure`.
    pub fn allow_insecure_loopback(mut self) -> Self {
        self.insecure_loopback = true;
        self
    }

    /// How long a session lasts after its last use that saved tokens (default 30 days):
    /// the cookie's `Max-Age` and the expiry the store keeps the tokens for. Wix does not
    /// document its refresh tokens' lifetime; set this to what your site's tokens live.
    pub fn session_lifetime(mut self, lifetime: Duration) -> Self {
        self.session_lifetime = lifetime;
        self
    }

    /// Where Wix sends the browser after logout (an absolute URL allowed for the OAuth app;
    /// default: the redirect URI's origin with `/`).
    pub fn post_logout_url(mut self, url: impl Into<String>) -> Self {
        self.post_logout_url = Some(url.into());
        self
    }

    /// Where a login returns without a (valid) `returnTo` (default `/`).
    pub fn default_return_to(mut self, path: impl Into<String>) -> Self {
        self.default_return_to = path.into();
        self
    }

    /// How [`crate::Member`] answers a request without a member session.
    pub fn rejection(mut self, rejection: Rejection) -> Self {
        self.rejection = rejection;
        self
    }

    /// The app's own pages for every login outcome (verification needed, wrong password, …).
    pub fn pages(mut self, pages: impl AuthPages) -> Self {
        self.pages = Arc::new(pages);
        self
    }

    /// The largest form body the login routes read (default 16 KiB); larger ones get 413.
    pub fn max_form_bytes(mut self, bytes: usize) -> Self {
        self.max_form_bytes = bytes;
        self
    }

    /// The app's own login page (a path such as `/login`), where [`crate::Member`] sends a
    /// visitor without a member session, with the page to come back to as `returnTo`
    /// (default: Wix's hosted login, `<prefix>/login`). The page's form posts to
    /// `<prefix>/login` with the same `returnTo`.
    pub fn login_page(mut self, path: impl Into<String>) -> Self {
        self.login_page = Some(path.into());
        self
    }

    /// A hook run once for every login established (custom, registration, Wix-managed,
    /// social), after the session is the member's and before the browser is sent on: the
    /// place to create or link the app's own user record by the member's id.
    ///
    /// ```no_run
    /// # fn demo(builder: wix_auth_axum::WixAuthWebBuilder) {
    /// let builder = builder.on_login(|login| async move {
    ///     println!("member {} logged in ({:?})", login.member.id, login.method);
    /// });
    /// # }
    /// ```
    pub fn on_login<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn(EstablishedLogin) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        self.on_login = Some(login_hook(hook));
        self
    }

    /// Checks the configuration and builds the integration.
    pub fn build(self) -> Result<WixAuthWeb, ConfigError> {
        let key = self.key.ok_or(ConfigError::MissingCookieKey)??;
        if !self.prefix.starts_with('/') || self.prefix.ends_with('/') || self.prefix.len() < 2 {
            return Err(ConfigError::InvalidPrefix);
        }
        let redirect_uri = self
            .auth
            .configured_redirect_uri()
            .ok_or(ConfigError::MissingRedirectUri)?;
        let redirect_uri = Url::parse(redirect_uri).map_err(|_| ConfigError::InvalidRedirectUri)?;
        let callback = format!("{}/callback", self.prefix);
        if redirect_uri.path() != callback {
            return Err(ConfigError::RedirectUriNotCallback(callback));
        }
        let secure = match redirect_uri.scheme() {
            "https" => true,
            "http" if self.insecure_loopback && is_loopback(&redirect_uri) => false,
            "http" => return Err(ConfigError::InsecureOrigin),
            _ => return Err(ConfigError::InvalidRedirectUri),
        };
        let origin = redirect_uri.origin().ascii_serialization();
        let post_logout_url = match self.post_logout_url {
            Some(url) => match Url::parse(&url) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => url,
                _ => return Err(ConfigError::InvalidPostLogoutUrl),
            },
            None => format!("{origin}/"),
        };
        let login_page = match self.login_page {
            Some(page) if page.starts_with('/') && !page.starts_with("//") => page,
            Some(_) => return Err(ConfigError::InvalidLoginPage),
            None => format!("{}/login", self.prefix),
        };
        let http = wix_auth_flows::http_client_builder()
            .build()
            .map_err(|_| ConfigError::HttpClient)?;
        let sessions = Sessions::with_store(self.auth.clone(), self.store)
            .with_session_lifetime(self.session_lifetime);
        Ok(WixAuthWeb {
            inner: Arc::new(Inner {
                auth: self.auth,
                sessions,
                key,
                prefix: self.prefix,
                redirect_uri,
                origin,
                secure,
                // `__Host-`: the browser accepts it only with Secure, Path=/ and no Domain,
                // so no subdomain can set or shadow the session cookie.
                cookie_name: if secure {
                    "__Host-wix_session"
                } else {
                    "wix_session"
                },
                session_lifetime: self.session_lifetime,
                post_logout_url,
                default_return_to: self.default_return_to,
                rejection: self.rejection,
                pages: self.pages,
                max_form_bytes: self.max_form_bytes,
                login_page,
                on_login: self.on_login,
                http,
            }),
        })
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}
