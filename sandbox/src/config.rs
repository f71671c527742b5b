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
        }
    }
}

/// An OAuth app (client) registered on the site.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OAuthClient {
    /// The client ID.
    pub id: String,
    /// Allowed authorization redirect URIs, matched exactly as Wix does.
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    /// Allowed `postFlowUrl` / `postLogoutRedirectUri` values, matched exactly.
    #[serde(default)]
    pub post_flow_urls: Vec<String>,
    /// The secret for the `client_credentials` grant; `None` means the client cannot use it.
    #[serde(default)]
    pub secret: Option<String>,
}

impl OAuthClient {
    /// A client with no redirect URIs and no secret.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            redirect_uris: Vec::new(),
            post_flow_urls: Vec::new(),
            secret: None,
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
            .secret(DEFAULT_CLIENT_SECRET)
    }
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
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            require_email_verification: false,
            require_owner_approval: false,
            require_captcha: false,
            password_min_length: 6,
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
}
