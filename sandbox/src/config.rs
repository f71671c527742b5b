//! The sandbox's configuration: OAuth clients, site policies, lifetimes and limits, from a
//! builder or a TOML file.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The client ID the default configuration registers.
pub const DEFAULT_CLIENT_ID: &str = "5a2f1c9e-0b7d-4c3a-9e8f-1d2c3b4a5e6f";
/// The redirect URI the default client allows.
pub const DEFAULT_REDIRECT_URI: &str = "http://127.0.0.1:3000/callback";
/// The secret of the default client, for the `client_credentials` grant.
pub const DEFAULT_CLIENT_SECRET: &str = "sandbox-app-secret";
/// The origin the default client allows for `web_message` without a redirect URI.
pub const DEFAULT_ALLOWED_ORIGIN: &str = "http://127.0.0.1:3000";
/// The id of the sandbox's site, reported by Token Info and required with API keys.
pub const DEFAULT_SITE_ID: &str = "0c5a1b2e-3d4f-4a6b-8c7d-9e0f1a2b3c4d";
/// The IdP connection id `@wix/sdk` maps `google` to.
pub const GOOGLE_IDP_CONNECTION_ID: &str = "0e6a50f5-b523-4e29-990d-f37fa2ffdd69";
/// The IdP connection id `@wix/sdk` maps `facebook` to.
pub const FACEBOOK_IDP_CONNECTION_ID: &str = "3ecad13f-52c3-483d-911f-31dbcf2a6d23";

/// Everything the sandbox can be told.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The OAuth apps (clients) of the site.
    pub clients: Vec<OAuthClient>,
    /// The site's sign-up and login policies.
    pub policy: Policy,
    /// How long each token lives.
    pub lifetimes: Lifetimes,
    /// Brakes on abuse.
    pub limits: Limits,
    /// What a `refresh_token` grant does with the refresh token it is given.
    pub refresh: RefreshPolicy,
    /// PBKDF2-HMAC-SHA256 rounds for stored passwords.
    pub password_hash_rounds: u32,
    /// The site's id (Token Info's `siteId`; what `wix-site-id` must name with an API key).
    pub site_id: String,
    /// API keys with the permission "Manage Members Authentication" (Sign On, the
    /// `authorized_client` grant).
    pub api_keys: Vec<ApiKeyConfig>,
    /// The site's identity-provider connections (social login through `authRequest.idp`).
    pub identity_providers: Vec<IdentityProviderConfig>,
    /// How Authorize answers a request that does not look like a browser navigation.
    pub authorize: AuthorizeMode,
    /// Whether the site is published; an unpublished site's pages (authorize, login) answer
    /// 404, as a site domain with nothing published does.
    pub published: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            clients: vec![OAuthClient::default_client()],
            policy: Policy::default(),
            lifetimes: Lifetimes::default(),
            limits: Limits::default(),
            refresh: RefreshPolicy::default(),
            password_hash_rounds: 1_000,
            site_id: DEFAULT_SITE_ID.to_string(),
            api_keys: Vec::new(),
            identity_providers: vec![
                IdentityProviderConfig::new(GOOGLE_IDP_CONNECTION_ID, "Google"),
                IdentityProviderConfig::new(FACEBOOK_IDP_CONNECTION_ID, "Facebook"),
            ],
            authorize: AuthorizeMode::default(),
            published: true,
        }
    }
}

/// Whether two URLs are the same once parsed (the WHATWG URL standard, as a browser sees
/// them): an origin with an empty path is that origin with `/` (what `window.location.origin`
/// gives against what is registered), scheme and host compare without case, and a default
/// port equals none. Everything else compares as written — path (`/cb` is not `/cb/`),
/// query, fragment, percent-encoding — because Wix matches allowed URLs exactly and the
/// sandbox must not accept what Wix would refuse. A value that does not parse compares as a
/// string.
pub fn same_url(allowed: &str, given: &str) -> bool {
    match (url::Url::parse(allowed), url::Url::parse(given)) {
        (Ok(allowed), Ok(given)) => allowed == given,
        _ => allowed == given,
    }
}

/// An OAuth app (client) registered on the site.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OAuthClient {
    /// The client ID.
    pub id: String,
    /// Allowed authorization redirect URIs, matched as Wix does (see [`same_url`]).
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    /// Allowed `postFlowUrl` / `postLogoutRedirectUri` values, matched as redirect URIs are.
    #[serde(default)]
    pub post_flow_urls: Vec<String>,
    /// The secret for the `client_credentials` grant; `None` means the client cannot use it.
    #[serde(default)]
    pub secret: Option<String>,
    /// Origins a `web_message` answer without a redirect URI is posted to (Wix's "allowed
    /// redirect domains"), matched exactly.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

impl OAuthClient {
    /// A client with no redirect URIs and no secret.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            redirect_uris: Vec::new(),
            post_flow_urls: Vec::new(),
            secret: None,
            allowed_origins: Vec::new(),
        }
    }

    /// Allows a redirect URI.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uris.push(uri.into());
        self
    }

    /// Allows a post-flow (logout) URL.
    pub fn post_flow_url(mut self, url: impl Into<String>) -> Self {
        self.post_flow_urls.push(url.into());
        self
    }

    /// Allows an origin for `web_message` answers.
    pub fn allowed_origin(mut self, origin: impl Into<String>) -> Self {
        self.allowed_origins.push(origin.into());
        self
    }

    /// Whether `uri` is one of the client's redirect URIs (see [`same_url`]).
    pub fn allows_redirect_uri(&self, uri: &str) -> bool {
        self.redirect_uris
            .iter()
            .any(|allowed| same_url(allowed, uri))
    }

    /// Whether `url` is one of the client's post-flow URLs (see [`same_url`]).
    pub fn allows_post_flow_url(&self, url: &str) -> bool {
        self.post_flow_urls
            .iter()
            .any(|allowed| same_url(allowed, url))
    }

    /// Sets the `client_credentials` secret.
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// The client of the default configuration.
    pub fn default_client() -> Self {
        Self::new(DEFAULT_CLIENT_ID)
            .redirect_uri(DEFAULT_REDIRECT_URI)
            .post_flow_url("http://127.0.0.1:3000/")
            .allowed_origin(DEFAULT_ALLOWED_ORIGIN)
            .secret(DEFAULT_CLIENT_SECRET)
    }
}

/// An API key and the one site or account it belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyConfig {
    /// The key, as sent in `Authorization`.
    pub key: String,
    /// The site it acts on (`wix-site-id`).
    #[serde(default)]
    pub site_id: Option<String>,
    /// The account it acts on (`wix-account-id`).
    #[serde(default)]
    pub account_id: Option<String>,
}

impl ApiKeyConfig {
    /// A key for a site.
    pub fn for_site(key: impl Into<String>, site_id: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            site_id: Some(site_id.into()),
            account_id: None,
        }
    }
}

/// An identity-provider connection of the site; the sandbox serves a stand-in of the
/// provider's page for it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IdentityProviderConfig {
    /// The IdP connection id sent as `authRequest.idp`.
    pub id: String,
    /// The provider's name, shown on its stand-in page.
    pub name: String,
}

impl IdentityProviderConfig {
    /// A connection with its id and display name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
        }
    }
}

/// How Authorize answers a request that does not look like a browser navigation.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum AuthorizeMode {
    /// Redirect every request (a `302`), as a server-side read of the authorize URL needs.
    #[default]
    Redirect,
    /// Only a browser navigation (`Sec-Fetch-Mode: navigate`, or an `Accept` that names
    /// `text/html`) is redirected; anything else gets a `200` HTML page, as a site might
    /// answer a request without its cookies, so clients can prove their browser fallback.
    Pessimistic,
}

/// The site's member policies.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Every new member verifies the email with a code (existing contacts always do).
    pub require_email_verification: bool,
    /// New members wait for the site owner's approval.
    pub require_owner_approval: bool,
    /// Register and Login need a CAPTCHA token.
    pub require_captcha: bool,
    /// The shortest password accepted.
    pub password_min_length: usize,
    /// A correct password answers `REQUIRE_MFA` (a second factor Wix offers no public
    /// operation for) instead of `SUCCESS`.
    pub require_mfa: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            require_email_verification: false,
            require_owner_approval: false,
            require_captcha: false,
            password_min_length: 6,
            require_mfa: false,
        }
    }
}

/// Token lifetimes in seconds. Wix documents only the access token's (14,400 s); the others
/// are the sandbox's choices.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Lifetimes {
    /// Access tokens (documented: 4 hours).
    pub access_token: u64,
    /// Refresh tokens (undocumented; 30 days here).
    pub refresh_token: u64,
    /// Session tokens from Login/Register/Verify/Sign On (undocumented; 5 minutes here).
    pub session_token: u64,
    /// State tokens of pending states (undocumented; 15 minutes here).
    pub state_token: u64,
    /// Authorization codes (undocumented; 60 s here, RFC 6749 §4.1.2 advises at most 10 min).
    pub authorization_code: u64,
    /// Password-recovery tokens (undocumented; 1 hour here).
    pub recovery_token: u64,
    /// Redirect sessions, from creation to completion (undocumented; 30 minutes here).
    pub redirect_session: u64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Self {
            access_token: 14_400,
            refresh_token: 30 * 24 * 3600,
            session_token: 300,
            state_token: 900,
            authorization_code: 60,
            recovery_token: 3600,
            redirect_session: 1800,
        }
    }
}

/// Brakes on abuse.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Failed logins for one email before Login answers 429.
    pub failed_logins: u32,
    /// The window, in seconds, failed logins are counted in; also the `Retry-After` bound.
    pub failed_login_window: u64,
    /// Wrong codes a state token survives in Verify During Authentication.
    pub verification_attempts: u32,
    /// The largest request body, in bytes; larger bodies get 413.
    pub max_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            failed_logins: 5,
            failed_login_window: 900,
            verification_attempts: 5,
            max_body_bytes: 64 * 1024,
        }
    }
}

/// What the `refresh_token` grant does with the refresh token it redeems.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum RefreshPolicy {
    /// The same refresh token is returned and stays valid until it expires (what clients
    /// that keep the old refresh token, like `@wix/sdk`, expect).
    #[default]
    Reuse,
    /// A new refresh token is returned and the old one stops working.
    Rotate,
    /// As `Rotate`, and presenting a used refresh token revokes the whole session
    /// (RFC 9700 §4.14.2).
    RotateWithReuseDetection,
}

/// Why a configuration file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid sandbox TOML.
    #[error("invalid sandbox configuration: {0}")]
    Parse(#[from] toml::de::Error),
}

impl Config {
    /// Parses TOML text.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        Ok(toml::from_str(text)?)
    }

    /// Reads a TOML file.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_toml(&text)
    }

    /// The client with this ID.
    pub fn client(&self, id: &str) -> Option<&OAuthClient> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// The API key with this value, compared in constant time.
    pub fn api_key(&self, key: &str) -> Option<&ApiKeyConfig> {
        self.api_keys
            .iter()
            .find(|k| crate::crypto::secrets_equal(&k.key, key))
    }

    /// The identity-provider connection with this id.
    pub fn identity_provider(&self, id: &str) -> Option<&IdentityProviderConfig> {
        self.identity_providers.iter().find(|p| p.id == id)
    }
}
