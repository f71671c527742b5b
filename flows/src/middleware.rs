//! Calling other Wix APIs (Stores, Bookings, Members, …) through `reqwest-middleware`:
//! [`MemberAuth`] attaches a session's access token — refreshed ahead of expiry, once for all
//! concurrent calls, and once more after a 401 when the request can be replayed — and
//! [`ApiKeyAuth`] attaches an API key with exactly one of its site or account.
//!
//! ```
//! # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
//! # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
//! #     .redirect_uri(wix_auth_sandbox::config::DEFAULT_REDIRECT_URI)
//! #     .base_url(sandbox.base_url()).build()?;
//! # let base = sandbox.base_url();
//! use wix_auth_flows::middleware::MemberAuth;
//! use wix_auth_flows::{store::MemoryStore, Registration, Session};
//!
//! let session = Session::new(auth.clone(), MemoryStore::new(), "member-42");
//! # let visitor = auth.visitor_tokens().await?;
//! # let outcome = auth.register(&visitor.access_token, &Registration::new("m@example.com", "a-long-password")).await?;
//! # let member = auth.member_tokens(&visitor.access_token, outcome.session_token().unwrap()).await?;
//! session.set(&member).await?;
//! let wix = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(MemberAuth::new(session))
//!     .build();
//! let me: serde_json::Value = wix
//!     .get(format!("{base}/members/v1/members/my"))
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! assert_eq!(me["member"]["loginEmail"], "m@example.com");
//! # Ok(()) }
//! ```

use http::Extensions;
use reqwest::header::{AUTHORIZATION, HeaderValue};
use reqwest::{Request, Response, StatusCode};
use reqwest_middleware::{Middleware, Next, Result};

use crate::external::ApiKeyScope;
use crate::secrets::{AccessToken, ApiKey};
use crate::session::Session;

/// How the access token goes in `Authorization`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenScheme {
    /// The token alone, as Wix's APIs expect.
    #[default]
    Raw,
    /// `Bearer <token>`, for APIs that want it.
    Bearer,
}

/// Attaches a session's access token to every request (see the module docs).
pub struct MemberAuth {
    session: Session,
    scheme: TokenScheme,
}

impl MemberAuth {
    /// The session's token, raw in `Authorization`.
    pub fn new(session: Session) -> Self {
        Self {
            session,
            scheme: TokenScheme::Raw,
        }
    }

    /// Sends the token with another scheme.
    pub fn scheme(mut self, scheme: TokenScheme) -> Self {
        self.scheme = scheme;
        self
    }

    fn authorize(&self, request: &mut Request, token: &AccessToken) -> Result<()> {
        let value = match self.scheme {
            TokenScheme::Raw => HeaderValue::from_str(token.expose_secret()),
            TokenScheme::Bearer => {
                HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
            }
        };
        let mut value = value.map_err(|_| {
            reqwest_middleware::Error::middleware(crate::Error::InvalidConfiguration(
                "the access token is not a valid header value",
            ))
        })?;
        value.set_sensitive(true);
        request.headers_mut().insert(AUTHORIZATION, value);
        Ok(())
    }
}

#[async_trait::async_trait]
impl Middleware for MemberAuth {
    async fn handle(
        &self,
        mut request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> Result<Response> {
        let tokens = self
            .session
            .tokens()
            .await
            .map_err(reqwest_middleware::Error::middleware)?;
        // A streamed body cannot be sent twice: such a request is never retried.
        let replay = request.try_clone();
        self.authorize(&mut request, &tokens.access_token)?;
        let response = next.clone().run(request, extensions).await?;
        let Some(mut replay) = replay.filter(|_| response.status() == StatusCode::UNAUTHORIZED)
        else {
            return Ok(response);
        };
        let fresh = self
            .session
            .refresh_rejected(&tokens.access_token)
            .await
            .map_err(reqwest_middleware::Error::middleware)?;
        self.authorize(&mut replay, &fresh.access_token)?;
        next.run(replay, extensions).await
    }
}

/// Attaches an API key and exactly one of `wix-site-id` / `wix-account-id` (the scope is one
/// or the other by construction).
pub struct ApiKeyAuth {
    key: ApiKey,
    scope: ApiKeyScope,
}

impl ApiKeyAuth {
    /// The key and the site or account it belongs to.
    pub fn new(key: ApiKey, scope: ApiKeyScope) -> Self {
        Self { key, scope }
    }
}

#[async_trait::async_trait]
impl Middleware for ApiKeyAuth {
    async fn handle(
        &self,
        mut request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> Result<Response> {
        let invalid = |what: &'static str| {
            reqwest_middleware::Error::middleware(crate::Error::InvalidConfiguration(what))
        };
        let mut key = HeaderValue::from_str(self.key.expose_secret())
            .map_err(|_| invalid("the API key is not a valid header value"))?;
        key.set_sensitive(true);
        let (name, id) = match &self.scope {
            ApiKeyScope::Site(id) => ("wix-site-id", id),
            ApiKeyScope::Account(id) => ("wix-account-id", id),
        };
        let id = HeaderValue::from_str(id)
            .map_err(|_| invalid("the site or account id is not a valid header value"))?;
        let headers = request.headers_mut();
        headers.insert(AUTHORIZATION, key);
        headers.remove("wix-site-id");
        headers.remove("wix-account-id");
        headers.insert(name, id);
        next.run(request, extensions).await
    }
}
