//! The entry point: [`WixAuth`], built from a client ID and a base URL.

use std::sync::Arc;
use std::time::Duration;

use wix_auth_generated::Client;

use crate::Error;
use crate::clock::{Clock, SystemClock};
use crate::external::{ApiKeyScope, ExternalLogin};
use crate::secrets::ApiKey;
use crate::store::LocalClaims;

/// The Wix REST host.
pub const DEFAULT_BASE_URL: &str = "https://www.wixapis.com";

/// How long a pending Wix-managed login stays valid by default.
pub const DEFAULT_PENDING_LOGIN_MAX_AGE: Duration = Duration::from_secs(600);

/// The flows of one OAuth app (client) against one Wix API host. Cheap to clone.
#[derive(Clone)]
pub struct WixAuth {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) client_id: String,
    pub(crate) api: Client,
    /// Never follows redirects: Authorize's `Location` carries the code and is read.
    pub(crate) no_redirects: reqwest::Client,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) redirect_uri: Option<String>,
    pub(crate) pending_max_age: u64,
    pub(crate) external: Option<ExternalLogin>,
    /// The pending logins completed in this process (claimed once, until they expire).
    pub(crate) completed_logins: LocalClaims,
}

impl std::fmt::Debug for WixAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WixAuth")
            .field("client_id", &self.inner.client_id)
            .field("redirect_uri", &self.inner.redirect_uri)
            .field("api_key", &self.inner.external)
            .finish_non_exhaustive()
    }
}

impl WixAuth {
    /// A builder for the OAuth app `client_id`.
    pub fn builder(client_id: impl Into<String>) -> WixAuthBuilder {
        WixAuthBuilder {
            client_id: client_id.into(),
            base_url: DEFAULT_BASE_URL.to_string(),
            http: None,
            timeout: None,
            clock: Arc::new(SystemClock),
            redirect_uri: None,
            pending_max_age: DEFAULT_PENDING_LOGIN_MAX_AGE,
            external: None,
        }
    }

    /// The OAuth app's client ID.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// The generated client, for calls the flows do not wrap.
    pub fn api(&self) -> &Client {
        &self.inner.api
    }

    /// The redirect URI of the OAuth flows, when configured.
    pub fn configured_redirect_uri(&self) -> Option<&str> {
        self.inner.redirect_uri.as_deref()
    }

    pub(crate) fn now(&self) -> u64 {
        self.inner.clock.now()
    }

    pub(crate) fn redirect_uri(&self) -> Result<&str, Error> {
        self.inner
            .redirect_uri
            .as_deref()
            .ok_or(Error::MissingRedirectUri)
    }
}

/// Configures a [`WixAuth`].
pub struct WixAuthBuilder {
    client_id: String,
    base_url: String,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    clock: Arc<dyn Clock>,
    redirect_uri: Option<String>,
    pending_max_age: Duration,
    external: Option<ExternalLogin>,
}

impl WixAuthBuilder {
    /// The API key of external login ([`WixAuth::external_login`],
    /// [`WixAuth::external_member_tokens`]) and the one site or account it acts on; the
    /// scope is an enum, so sending both ids or neither cannot be expressed.
    pub fn api_key(mut self, key: ApiKey, scope: ApiKeyScope) -> Self {
        self.external = Some(ExternalLogin { key, scope });
        self
    }

    /// The API host (default `https://www.wixapis.com`), e.g. a sandbox's base URL.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_string();
        self
    }

    /// A `reqwest::Client` of your own for the API calls. Build it from
    /// [`wix_auth_generated::http_client_builder`] so a TLS provider is installed, and set
    /// its timeout there: [`WixAuthBuilder::timeout`] cannot reach a client built already,
    /// so giving both is refused by [`WixAuthBuilder::build`].
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The timeout of each request (default 30 s); for the client this crate builds, so not
    /// together with [`WixAuthBuilder::http_client`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The redirect URI of the OAuth flows; it must be an allowed redirect URI of the app.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    /// How old a pending Wix-managed login may be when it completes (default 10 minutes).
    pub fn pending_login_max_age(mut self, age: Duration) -> Self {
        self.pending_max_age = age;
        self
    }

    /// The clock token expiry is computed with (default: the system clock).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Builds the flows; a timeout together with a client of your own is
    /// [`Error::InvalidConfiguration`], since it would be silently ignored.
    pub fn build(self) -> Result<WixAuth, Error> {
        if self.http.is_some() && self.timeout.is_some() {
            return Err(Error::InvalidConfiguration(
                "timeout() cannot reach a client given with http_client(): set the timeout on that client",
            ));
        }
        let mut builder = wix_auth_generated::http_client_builder();
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        let no_redirects = builder.build().map_err(|_| Error::HttpClient)?;
        let http = match self.http {
            Some(http) => http,
            None => no_redirects.clone(),
        };
        Ok(WixAuth {
            inner: Arc::new(Inner {
                client_id: self.client_id,
                api: Client::new_with_client(&self.base_url, http),
                no_redirects,
                clock: self.clock,
                redirect_uri: self.redirect_uri,
                pending_max_age: self.pending_max_age.as_secs(),
                external: self.external,
                completed_logins: LocalClaims::default(),
            }),
        })
    }
}
