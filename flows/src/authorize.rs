//! From a session token, the Wix login page or a social provider to member tokens: a
//! redirect session, then either the authorize redirect read server-side (never followed)
//! or a browser sent through it and back to the callback; the state checked, the code
//! exchanged with the PKCE verifier.

pub use crate::client::DEFAULT_PENDING_LOGIN_MAX_AGE;

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;
use wix_auth_generated::types;

use crate::decode::transport;
use crate::error::CallbackError;
use crate::operation::Operation;
use crate::pkce::{CodeVerifier, OAuthState};
use crate::secrets::{AccessToken, AuthorizationCode, SessionToken};
use crate::store::LoginClaims;
use crate::tokens::Tokens;
use crate::{Error, WixAuth};

/// What a redirect back from Authorize carries.
#[derive(Debug, Clone, Default)]
pub struct Callback {
    /// The authorization code.
    pub code: Option<AuthorizationCode>,
    /// The state as returned.
    pub state: Option<String>,
    /// The `error` parameter.
    pub error: Option<String>,
    /// The `error_description` parameter.
    pub error_description: Option<String>,
}

impl Callback {
    /// Reads a callback URL: the query, or the fragment when the query carries none of
    /// `code`, `state` or `error` (`responseMode=fragment`). Never panics.
    pub fn parse(url: &str) -> Result<Self, Error> {
        let url =
            Url::parse(url).map_err(|_| Error::Callback(CallbackError::InvalidCallbackUrl))?;
        let from_query = Self::from_pairs(url.query_pairs());
        if from_query.code.is_some() || from_query.state.is_some() || from_query.error.is_some() {
            return Ok(from_query);
        }
        Ok(url
            .fragment()
            .map(|f| Self::from_pairs(url::form_urlencoded::parse(f.as_bytes())))
            .unwrap_or_default())
    }

    fn from_pairs<'a>(
        pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
    ) -> Self {
        let mut callback = Self::default();
        for (key, value) in pairs {
            let value = value.into_owned();
            match key.as_ref() {
                "code" => callback.code = Some(value.into()),
                "state" => callback.state = Some(value),
                "error" => callback.error = Some(value),
                "error_description" => callback.error_description = Some(value),
                _ => {}
            }
        }
        callback
    }

    /// Whether `callback_url` is at `redirect_uri`: same scheme, host, port and path (the
    /// query and fragment carry the result and are not compared).
    pub fn is_at(callback_url: &str, redirect_uri: &str) -> bool {
        let strip = |u: &str| {
            Url::parse(u).ok().map(|mut u| {
                u.set_query(None);
                u.set_fragment(None);
                u
            })
        };
        matches!((strip(callback_url), strip(redirect_uri)), (Some(a), Some(b)) if a == b)
    }

    /// The code, once the callback is checked against the expected state: an `error` is
    /// [`CallbackError::AuthorizationDenied`]; a missing or different state and a missing code are
    /// errors too, so no code from a forged redirect reaches the token endpoint.
    pub fn into_code(self, expected: &OAuthState) -> Result<AuthorizationCode, Error> {
        if let Some(error) = self.error {
            return Err(Error::Callback(CallbackError::AuthorizationDenied {
                error,
                description: self.error_description,
            }));
        }
        let state = self
            .state
            .ok_or(Error::Callback(CallbackError::MissingState))?;
        if !expected.matches(&state) {
            return Err(Error::Callback(CallbackError::StateMismatch));
        }
        self.code.ok_or(Error::Callback(CallbackError::MissingCode))
    }
}

/// A Wix-managed login between [`WixAuth::begin_login`] and [`WixAuth::complete_login`].
/// It serializes (serde) so a web server can keep it in a cookie or a session store; its
/// secrets stay out of `Debug`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingLogin {
    verifier: CodeVerifier,
    state: OAuthState,
    redirect_uri: String,
    created_at: u64,
}

impl PendingLogin {
    /// The redirect URI the callback arrives at.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// When the login began (Unix seconds).
    pub fn created_at(&self) -> u64 {
        self.created_at
    }

    /// The code of a callback to this login: at its redirect URI, `error` surfaced, its
    /// state checked in constant time.
    fn code_from(&self, callback_url: &str) -> Result<AuthorizationCode, Error> {
        if !Callback::is_at(callback_url, &self.redirect_uri) {
            return Err(Error::Callback(CallbackError::RedirectUriMismatch));
        }
        Callback::parse(callback_url)?.into_code(&self.state)
    }
}

/// A social identity provider for [`WixAuth::begin_social_login`], named by its Wix IdP
/// connection id.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdentityProvider {
    /// Google (the connection id `@wix/sdk` maps `google` to).
    Google,
    /// Facebook (the connection id `@wix/sdk` maps `facebook` to).
    Facebook,
    /// Any other IdP connection of the site, by id.
    Connection(String),
}

impl IdentityProvider {
    /// The IdP connection id sent as `authRequest.idp`.
    pub fn connection_id(&self) -> &str {
        match self {
            Self::Google => "0e6a50f5-b523-4e29-990d-f37fa2ffdd69",
            Self::Facebook => "3ecad13f-52c3-483d-911f-31dbcf2a6d23",
            Self::Connection(id) => id,
        }
    }
}

/// What one authorization asks Wix for, besides the PKCE pair and state it always sends.
struct Authorization<'a> {
    /// Where the answer goes; without one, `web_message` posts to the app's allowed origins.
    redirect_uri: Option<&'a str>,
    response_mode: types::ResponseMode,
    session_token: Option<&'a SessionToken>,
    prompt: types::Prompt,
    idp: Option<&'a IdentityProvider>,
}

/// The PKCE verifier and state of one authorization, with its redirect session request.
fn auth_request(
    auth: &WixAuth,
    authorization: Authorization<'_>,
) -> Result<
    (
        types::CreateRedirectSessionRequest,
        CodeVerifier,
        OAuthState,
    ),
    Error,
> {
    let verifier = CodeVerifier::generate()?;
    let state = OAuthState::generate()?;
    let request = types::CreateRedirectSessionRequest {
        auth: Some(types::RedirectSessionAuthParams {
            auth_request: types::AuthorizeRequest {
                client_id: Some(auth.inner.client_id.clone()),
                redirect_uri: authorization.redirect_uri.map(str::to_string),
                response_type: Some("code".into()),
                response_mode: Some(authorization.response_mode),
                scope: Some("offline_access".into()),
                state: Some(state.expose_secret().into()),
                code_challenge: Some(verifier.challenge()),
                code_challenge_method: Some(types::CodeChallengeMethod::S256),
                session_token: authorization.session_token.map(SessionToken::to_wire),
                nonce: None,
                prompt: None,
                idp: authorization.idp.map(|idp| idp.connection_id().to_string()),
            },
            prompt: Some(authorization.prompt),
        }),
        ..Default::default()
    };
    Ok((request, verifier, state))
}

/// What Authorize answered a request sent without the browser's cookies.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthorizeAnswer {
    /// A redirect, with its `Location` (the code and state of a login: keep it secret).
    Redirect(String),
    /// A page (the site wants a browser), with its status.
    Page {
        /// The status, usually 200.
        status: u16,
    },
}

/// Never the `Location`: it carries a code.
impl std::fmt::Debug for AuthorizeAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Redirect(_) => f.write_str("Redirect(..)"),
            Self::Page { status } => f.debug_struct("Page").field("status", status).finish(),
        }
    }
}

impl WixAuth {
    /// Reads Authorize at `url` the way a server can: one GET whose redirect is read, never
    /// followed; an error status is the typed error its body and status call for. The one
    /// reader of Authorize: [`WixAuth::member_tokens`] and `wix-auth doctor` use it.
    pub async fn read_authorize(&self, url: &Url) -> Result<AuthorizeAnswer, Error> {
        // Sent through the plain client: record what the generated client's hooks would.
        let operation = Operation::Authorize.id();
        let span = crate::telemetry::http_span(operation);
        span.record("http.request.method", "GET");
        span.record("url.template", url.path());
        let sent = self.inner.no_redirects.get(url.clone()).send();
        let response = tracing::Instrument::instrument(sent, span.clone())
            .await
            .map_err(|e| transport(operation, &e))?;
        span.record("http.response.status_code", response.status().as_u16());
        let status = response.status();
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .map(str::to_string);
        if let Some(location) = location.filter(|_| status.is_redirection()) {
            return Ok(AuthorizeAnswer::Redirect(location));
        }
        if status.is_client_error() || status.is_server_error() {
            let headers = response.headers().clone();
            let body = response
                .bytes()
                .await
                .map_err(|e| transport(operation, &e))?;
            return Err(crate::decode::from_error_answer(
                operation,
                status.as_u16(),
                &headers,
                &body,
            ));
        }
        Ok(AuthorizeAnswer::Page {
            status: status.as_u16(),
        })
    }

    /// Checks that Wix accepts an authorization of this app through `redirect_uri` — or,
    /// without one, through `web_message` to the app's allowed origins — by creating its
    /// redirect session (`prompt=none`): the authorize URL, or the typed refusal (a
    /// [`Error::Validation`] names the field and rule, e.g. `redirectUri`). For checking a
    /// site's configuration, as `wix-auth doctor` does; a login uses the flows above.
    pub async fn check_redirect_session(
        &self,
        visitor: &AccessToken,
        redirect_uri: Option<&str>,
    ) -> Result<Url, Error> {
        let response_mode = match redirect_uri {
            Some(_) => types::ResponseMode::Query,
            None => types::ResponseMode::WebMessage,
        };
        let (request, _, _) = auth_request(
            self,
            Authorization {
                redirect_uri,
                response_mode,
                session_token: None,
                prompt: types::Prompt::None,
                idp: None,
            },
        )?;
        self.redirect_session_url(visitor, &request).await
    }

    /// Creates a redirect session and returns its `fullUrl`.
    pub(crate) async fn redirect_session_url(
        &self,
        token: &AccessToken,
        request: &types::CreateRedirectSessionRequest,
    ) -> Result<Url, Error> {
        let operation = Operation::CreateRedirectSession;
        let full_url = operation
            .call(
                self.inner
                    .api
                    .create_redirect_session(token.expose_secret(), request),
            )
            .await?
            .redirect_session
            .and_then(|s| s.full_url)
            .ok_or(Error::MissingField {
                operation: operation.id(),
                field: "redirectSession.fullUrl",
            })?;
        Url::parse(&full_url).map_err(|_| Error::InvalidUrl("redirectSession.fullUrl"))
    }

    /// Turns a session token (from login, register, verify or Sign On) into member tokens,
    /// server-side and without a browser: a redirect session with `prompt=none`, one GET of
    /// its URL whose redirect is read but not followed, the state checked, the code
    /// exchanged with the PKCE verifier.
    ///
    /// Neither Wix's docs nor `@wix/sdk` read Authorize from a server (the SDK uses a hidden
    /// iframe), so a site may answer this request with a page instead of a redirect: that is
    /// [`Error::NoRedirect`], and the documented routes are
    /// [`WixAuth::begin_session_login`] (a full-page redirect of the browser) and, with an
    /// API key, [`WixAuth::external_login`].
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).redirect_uri(DEFAULT_REDIRECT_URI).build()?;
    /// use wix_auth_flows::{Credentials, Registration, Role};
    ///
    /// let visitor = auth.visitor_tokens().await?;
    /// auth.register(&visitor.access_token, &Registration::new("ann@example.com", "secret-pw")).await?;
    /// let outcome = auth.login(&visitor.access_token, &Credentials::new("ann@example.com", "secret-pw")).await?;
    /// let session_token = outcome.session_token().expect("logged in");
    /// let member = auth.member_tokens(&visitor.access_token, session_token).await?;
    /// assert_eq!(member.role, Role::Member);
    /// # Ok(()) }
    /// ```
    pub async fn member_tokens(
        &self,
        visitor: &AccessToken,
        session_token: &SessionToken,
    ) -> Result<Tokens, Error> {
        crate::telemetry::flow!("wix_auth.member_tokens", async move {
            // A browser login begun and completed by this server in one go.
            let (url, pending) = self
                .begin(visitor, Some(session_token), types::Prompt::None, None)
                .await?;
            let location = match self.read_authorize(&url).await? {
                AuthorizeAnswer::Redirect(location) => location,
                AuthorizeAnswer::Page { status } => return Err(Error::NoRedirect { status }),
            };
            let code = pending.code_from(&location)?;
            self.exchange_code(&code, &pending.verifier, &pending.redirect_uri)
                .await
        })
        .await
    }

    /// Starts a Wix-managed login: the URL to send the browser to (the Wix login page) and
    /// the pending login to keep until the callback arrives.
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).redirect_uri(DEFAULT_REDIRECT_URI).build()?;
    /// let visitor = auth.visitor_tokens().await?;
    /// let (login_url, pending) = auth.begin_login(&visitor.access_token).await?;
    /// let cookie = serde_json::to_string(&pending)?; // keep it until the callback
    /// // … redirect the browser to `login_url`; Wix redirects back to the redirect URI …
    /// # let callback_url = format!("{}?code=x&state=wrong", pending.redirect_uri());
    /// let pending = serde_json::from_str(&cookie)?;
    /// let result = auth.complete_login(&callback_url, pending).await;
    /// # assert!(matches!(result, Err(wix_auth_flows::Error::Callback(wix_auth_flows::error::CallbackError::StateMismatch))));
    /// # Ok(()) }
    /// ```
    pub async fn begin_login(&self, visitor: &AccessToken) -> Result<(Url, PendingLogin), Error> {
        crate::telemetry::flow!("wix_auth.begin_login", async move {
            self.begin(visitor, None, types::Prompt::Login, None).await
        })
        .await
    }

    /// Starts a login through a social identity provider (`authRequest.idp`): the URL to
    /// send the browser to and the pending login; [`WixAuth::complete_login`] finishes it.
    pub async fn begin_social_login(
        &self,
        visitor: &AccessToken,
        provider: &IdentityProvider,
    ) -> Result<(Url, PendingLogin), Error> {
        crate::telemetry::flow!("wix_auth.begin_social_login", async move {
            self.begin(visitor, None, types::Prompt::Login, Some(provider))
                .await
        })
        .await
    }

    /// Starts the documented full-page redirect for a session token (from login, register,
    /// verify or Sign On): a redirect session with `prompt=none`, the session token and
    /// `responseMode=query`. Send the browser to the URL; Wix redirects it back to the
    /// redirect URI with a code, and [`WixAuth::complete_login`] finishes it. Use it where
    /// [`WixAuth::member_tokens`] answers [`Error::NoRedirect`].
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).redirect_uri(DEFAULT_REDIRECT_URI).build()?;
    /// use wix_auth_flows::{Credentials, Registration};
    ///
    /// let visitor = auth.visitor_tokens().await?.access_token;
    /// auth.register(&visitor, &Registration::new("fp@example.com", "secret-pw")).await?;
    /// let outcome = auth.login(&visitor, &Credentials::new("fp@example.com", "secret-pw")).await?;
    /// let session_token = outcome.session_token().expect("logged in");
    /// let (url, pending) = auth.begin_session_login(&visitor, session_token).await?;
    /// // … redirect the browser to `url`; it comes back to the redirect URI with a code …
    /// # let http = wix_auth_generated::http_client_builder().build()?;
    /// # let back = http.get(url).send().await?;
    /// # let callback_url = back.headers()["location"].to_str()?.to_string();
    /// let member = auth.complete_login(&callback_url, pending).await?;
    /// assert_eq!(member.role, wix_auth_flows::Role::Member);
    /// # Ok(()) }
    /// ```
    pub async fn begin_session_login(
        &self,
        visitor: &AccessToken,
        session_token: &SessionToken,
    ) -> Result<(Url, PendingLogin), Error> {
        crate::telemetry::flow!("wix_auth.begin_session_login", async move {
            self.begin(visitor, Some(session_token), types::Prompt::None, None)
                .await
        })
        .await
    }

    /// Creates the redirect session of a browser login and the pending login to keep.
    async fn begin(
        &self,
        visitor: &AccessToken,
        session_token: Option<&SessionToken>,
        prompt: types::Prompt,
        idp: Option<&IdentityProvider>,
    ) -> Result<(Url, PendingLogin), Error> {
        let redirect_uri = self.redirect_uri()?.to_string();
        let (request, verifier, state) = auth_request(
            self,
            Authorization {
                redirect_uri: Some(&redirect_uri),
                response_mode: types::ResponseMode::Query,
                session_token,
                prompt,
                idp,
            },
        )?;
        let url = self.redirect_session_url(visitor, &request).await?;
        let pending = PendingLogin {
            verifier,
            state,
            redirect_uri,
            created_at: self.now(),
        };
        Ok((url, pending))
    }

    /// Completes a Wix-managed login from the callback URL (query or fragment): refuses a
    /// pending login that is too old or already completed and a callback at another URL
    /// than the redirect URI, surfaces `error`, checks the state in constant time, then
    /// exchanges the code. "Already completed" is remembered in this process; to refuse a
    /// callback replayed on another replica, complete through a [`crate::Session`] of a
    /// shared store ([`crate::Session::complete_login`]).
    pub async fn complete_login(
        &self,
        callback_url: &str,
        pending: PendingLogin,
    ) -> Result<Tokens, Error> {
        crate::telemetry::flow!("wix_auth.complete_login", async move {
            self.complete_claiming(callback_url, pending, &self.inner.completed_logins)
                .await
        })
        .await
    }

    /// [`WixAuth::complete_login`], remembering completed logins in `claims`: the callback
    /// is checked first (a refused one leaves the pending login usable), then the login is
    /// claimed once, then the code exchanged.
    pub(crate) async fn complete_claiming(
        &self,
        callback_url: &str,
        pending: PendingLogin,
        claims: &dyn LoginClaims,
    ) -> Result<Tokens, Error> {
        let now = self.now();
        let expires = pending
            .created_at
            .saturating_add(self.inner.pending_max_age);
        if now > expires {
            return Err(Error::Callback(CallbackError::PendingLoginExpired));
        }
        let code = pending.code_from(callback_url)?;
        let fingerprint = URL_SAFE_NO_PAD.encode(Sha256::digest(pending.state.expose_secret()));
        let ttl = Duration::from_secs(expires - now + 1);
        if !claims
            .claim_once(&format!("completed-login:{fingerprint}"), ttl)
            .await?
        {
            return Err(Error::Callback(CallbackError::PendingLoginUsed));
        }
        self.exchange_code(&code, &pending.verifier, &pending.redirect_uri)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_callback_is_checked_error_first_then_state_then_code() {
        let state = OAuthState::generate().unwrap();
        let ok = format!(
            "https://a.example/cb?code=C&state={}",
            state.expose_secret()
        );
        assert_eq!(
            Callback::parse(&ok)
                .unwrap()
                .into_code(&state)
                .unwrap()
                .expose_secret(),
            "C"
        );

        let no_code = format!("https://a.example/cb?state={}", state.expose_secret());
        assert!(matches!(
            Callback::parse(&no_code).unwrap().into_code(&state),
            Err(Error::Callback(CallbackError::MissingCode))
        ));

        let denied = "https://a.example/cb?error=access_denied&error_description=no&state=x";
        assert!(matches!(
            Callback::parse(denied).unwrap().into_code(&state),
            Err(Error::Callback(CallbackError::AuthorizationDenied { error, description: Some(d) })) if error == "access_denied" && d == "no"
        ));
        assert!(matches!(
            Callback::parse("not a url"),
            Err(Error::Callback(CallbackError::InvalidCallbackUrl))
        ));
        assert!(matches!(
            Callback::parse("https://a.example/cb")
                .unwrap()
                .into_code(&state),
            Err(Error::Callback(CallbackError::MissingState))
        ));
    }
}
