//! Authorization on the site's domain: the checks of an authorization request, the login
//! and provider pages it leads to (each completes at most once), and the code it ends with.
//! What comes back is a [`Page`]: what to show or where to send the browser.

use std::borrow::Cow;

use url::Url;
use wix_auth_generated::types;

use super::store::{CodeGrant, MemberId, OpenCode, RedirectIntent};
use super::{Site, SiteError};
use crate::config::{AuthorizeMode, Config};
use crate::crypto;

/// Why an authorization request cannot even be redirected back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorizeProblem {
    /// No client has this ID.
    UnknownClient,
    /// The redirect URI is not registered for the client (exact match).
    UnregisteredRedirect,
    /// `query` or `fragment` without a redirect URI: there is nowhere to redirect.
    MissingRedirect,
    /// `web_message` without a redirect URI, for a client with no allowed origin.
    NoAllowedOrigin,
}

impl AuthorizeProblem {
    /// What the problem says to the developer.
    pub fn message(self) -> &'static str {
        match self {
            Self::UnknownClient => "No OAuth app has this client ID",
            Self::UnregisteredRedirect => {
                "Invalid redirect URI: it is not an allowed redirect URI of the client"
            }
            Self::MissingRedirect => {
                "The redirect URI is missing: responseMode query and fragment redirect to it (only web_message works without one)"
            }
            Self::NoAllowedOrigin => {
                "web_message without a redirect URI posts to the client's allowed origins, and this client has none"
            }
        }
    }
}

/// Checks the client and where the answer goes; failures must not redirect (RFC 6749
/// §4.1.2.1). Without a redirect URI only `web_message` works, posting to the client's
/// allowed origins.
pub fn check_client_and_redirect(
    config: &Config,
    client_id: &str,
    redirect_uri: &str,
    response_mode: Option<&str>,
) -> Result<(), AuthorizeProblem> {
    let client = config
        .client(client_id)
        .ok_or(AuthorizeProblem::UnknownClient)?;
    if redirect_uri.is_empty() {
        return match response_mode {
            Some("web_message") if client.allowed_origins.is_empty() => {
                Err(AuthorizeProblem::NoAllowedOrigin)
            }
            Some("web_message") => Ok(()),
            _ => Err(AuthorizeProblem::MissingRedirect),
        };
    }
    if client.allows_redirect_uri(redirect_uri) {
        Ok(())
    } else {
        Err(AuthorizeProblem::UnregisteredRedirect)
    }
}

/// Checks `responseType=code` and a PKCE S256 challenge; a failure is an RFC 6749 error code
/// and description.
pub fn check_code_request(
    response_type: Option<&str>,
    challenge: Option<&str>,
    method: Option<&str>,
) -> Result<(), (&'static str, &'static str)> {
    if response_type != Some("code") {
        return Err(("unsupported_response_type", "responseType must be `code`"));
    }
    if challenge.is_none_or(str::is_empty) || method != Some("S256") {
        return Err((
            "invalid_request",
            "A PKCE codeChallenge with codeChallengeMethod S256 is required",
        ));
    }
    Ok(())
}

/// The parameters of `GET /oauth2/authorize`: a redirect session's id, or the request itself.
#[derive(Debug, Clone, Default)]
pub struct AuthorizeQuery {
    /// `redirectSessionId`.
    pub redirect_session_id: Option<String>,
    /// The request's own parameters, when there is no redirect session.
    pub request: AuthRequest,
    /// Whether the request looks like a browser navigating to the page.
    pub navigation: bool,
}

/// One authorization request, from a redirect session or from query parameters.
#[derive(Debug, Clone, Default)]
pub struct AuthRequest {
    /// `clientId`.
    pub client_id: String,
    /// `redirectUri` (empty when absent).
    pub redirect_uri: String,
    /// `responseType`.
    pub response_type: Option<String>,
    /// `responseMode`.
    pub response_mode: Option<String>,
    /// `scope`.
    pub scope: Option<String>,
    /// `state`.
    pub state: Option<String>,
    /// `codeChallenge`.
    pub code_challenge: Option<String>,
    /// `codeChallengeMethod`.
    pub code_challenge_method: Option<String>,
    /// `prompt`.
    pub prompt: Option<String>,
    /// `sessionToken`.
    pub session_token: Option<String>,
    /// `idp`.
    pub idp: Option<String>,
}

impl AuthRequest {
    fn from_intent(request: &types::AuthorizeRequest, prompt: Option<types::Prompt>) -> Self {
        Self {
            client_id: request.client_id.clone().unwrap_or_default(),
            redirect_uri: request.redirect_uri.clone().unwrap_or_default(),
            response_type: request.response_type.clone(),
            response_mode: request.response_mode.map(|m| m.to_string()),
            scope: request.scope.clone(),
            state: request
                .state
                .as_ref()
                .map(|s| s.expose_secret().to_string()),
            code_challenge: request.code_challenge.clone(),
            code_challenge_method: request.code_challenge_method.map(|m| m.to_string()),
            prompt: prompt
                .map(|p| p.to_string())
                .or_else(|| request.prompt.clone()),
            session_token: request
                .session_token
                .as_ref()
                .map(|s| s.expose_secret().to_string()),
            idp: request.idp.clone(),
        }
    }

    fn into_intent(self) -> RedirectIntent {
        let request = types::AuthorizeRequest {
            client_id: Some(self.client_id),
            redirect_uri: Some(self.redirect_uri),
            response_type: self.response_type,
            response_mode: self.response_mode.and_then(|m| m.parse().ok()),
            scope: self.scope,
            state: self.state.map(Into::into),
            code_challenge: self.code_challenge,
            code_challenge_method: self.code_challenge_method.and_then(|m| m.parse().ok()),
            session_token: None,
            nonce: None,
            prompt: None,
            idp: self.idp,
        };
        RedirectIntent::Auth(Box::new(request), Some(types::Prompt::Login))
    }
}

/// What an authorization ends with, for the redirect URI.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// An authorization code.
    Code(String),
    /// An RFC 6749 error and its description.
    Error(&'static str, &'static str),
}

/// An outcome on its way back to the client, per `responseMode`.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The code or error, then `state`, as query, fragment or message pairs.
    pub pairs: Vec<(&'static str, String)>,
    /// `query`, `fragment` or `web_message`.
    pub mode: DeliveryMode,
}

/// How a [`Delivery`] travels.
#[derive(Debug, Clone)]
pub enum DeliveryMode {
    /// A 302 to the redirect URI with the pairs in its query.
    Query(Url),
    /// A 302 to the redirect URI with the pairs in its fragment.
    Fragment(Url),
    /// A page that posts the pairs to its opener at each origin.
    WebMessage(Vec<String>),
}

/// Why the login form was refused.
#[derive(Debug, Clone)]
pub enum LoginProblem {
    /// Wrong email or password, throttled, reset needed, waiting for approval.
    Credentials(Cow<'static, str>),
    /// The member must verify the email first.
    Inactive,
}

/// What the browser gets from the site's authorize and login pages.
#[derive(Debug, Clone)]
pub enum Page {
    /// The outcome, delivered to the client.
    Deliver(Delivery),
    /// A 302 to a URL of the site (after a login-only redirect session).
    Redirect(String),
    /// The login form of a redirect session, with a problem of a previous submission.
    LoginForm {
        /// The redirect session it completes.
        session_id: String,
        /// Why the last submission was refused.
        problem: Option<LoginProblem>,
    },
    /// The stand-in of a social provider's page.
    Provider {
        /// The redirect session it completes.
        session_id: String,
        /// The provider's display name.
        name: String,
    },
    /// The pessimistic mode's answer to a request that is not a browser navigation.
    BrowserNeeded,
    /// A login-only session without a post-flow URL is done.
    LoggedIn,
    /// A request that cannot go anywhere (HTTP 400).
    Error(&'static str),
    /// The site is not published (HTTP 404).
    NotPublished,
}

const UNKNOWN_SESSION: Page = Page::Error("Unknown redirect session.");

impl Site {
    /// `GET /oauth2/authorize`: a code for a valid session token, a login or provider page,
    /// or an error delivered (or shown, when there is nowhere safe to deliver it).
    pub fn authorize(&self, query: AuthorizeQuery) -> Result<Page, SiteError> {
        if !self.config.published {
            return Ok(Page::NotPublished);
        }
        let now = self.now();
        let session_id = query.redirect_session_id;
        let request = match &session_id {
            Some(id) => match self.store().redirect_session(id, now) {
                Some(RedirectIntent::Auth(request, prompt)) => {
                    AuthRequest::from_intent(request, *prompt)
                }
                _ => return Ok(UNKNOWN_SESSION),
            },
            None => query.request,
        };
        if let Err(problem) = check_client_and_redirect(
            &self.config,
            &request.client_id,
            &request.redirect_uri,
            request.response_mode.as_deref(),
        ) {
            return Ok(Page::Error(problem.message()));
        }
        if let Err((error, description)) = check_code_request(
            request.response_type.as_deref(),
            request.code_challenge.as_deref(),
            request.code_challenge_method.as_deref(),
        ) {
            return Ok(self.deliver(&request, Outcome::Error(error, description)));
        }
        if self.config.authorize == AuthorizeMode::Pessimistic && !query.navigation {
            return Ok(Page::BrowserNeeded);
        }
        let login = request.prompt.as_deref() == Some("login");
        let member = match (&request.session_token, login) {
            (Some(token), false) => self.store().redeem_session(token, now),
            _ => None,
        };
        if let Some(member) = member {
            // One redirect session, one authorization: it ends with its code.
            if let Some(id) = &session_id {
                self.store().take_redirect_session(id, now);
            }
            return self.issue_code(&request, member);
        }
        if !login && request.prompt.as_deref() == Some("none") {
            return Ok(self.deliver(
                &request,
                Outcome::Error(
                    "login_required",
                    "prompt=none needs a valid, unused session token",
                ),
            ));
        }
        // One authorization request is one login page: views of a redirect session's URL
        // share its id, so it completes once; a bare query gets one id per view.
        let session_id = match session_id {
            Some(id) => id,
            None => {
                let id = crypto::guid()?;
                let expires = now + self.config.lifetimes.redirect_session;
                self.store().open_redirect_session(
                    id.clone(),
                    request.clone().into_intent(),
                    expires,
                );
                id
            }
        };
        Ok(
            match request
                .idp
                .as_deref()
                .and_then(|idp| self.config.identity_provider(idp))
            {
                Some(provider) => Page::Provider {
                    session_id,
                    name: provider.name.clone(),
                },
                None => Page::LoginForm {
                    session_id,
                    problem: None,
                },
            },
        )
    }

    /// The login page of a redirect session.
    pub fn login_page(&self, session_id: Option<&str>) -> Page {
        if !self.config.published {
            return Page::NotPublished;
        }
        match session_id {
            Some(id) if self.store().redirect_session(id, self.now()).is_some() => {
                Page::LoginForm {
                    session_id: id.to_string(),
                    problem: None,
                }
            }
            _ => UNKNOWN_SESSION,
        }
    }

    /// The login form, submitted: checks the password and completes the redirect session
    /// (once: of two correct submissions only the one that takes the session completes it).
    pub async fn submit_login(
        &self,
        session_id: &str,
        email: &str,
        password: &str,
    ) -> Result<Page, SiteError> {
        if self
            .store()
            .redirect_session(session_id, self.now())
            .is_none()
        {
            return Ok(UNKNOWN_SESSION);
        }
        let form = |problem| Page::LoginForm {
            session_id: session_id.to_string(),
            problem: Some(problem),
        };
        let member = match self.check_credentials(email, password).await {
            Ok(member) => member,
            Err(error) => return Ok(form(LoginProblem::Credentials(error.message()))),
        };
        let active = self.store().member(&member).is_some_and(|m| m.is_active());
        if !active {
            return Ok(form(LoginProblem::Inactive));
        }
        let Some(intent) = self.store().take_redirect_session(session_id, self.now()) else {
            return Ok(UNKNOWN_SESSION);
        };
        match intent {
            RedirectIntent::Auth(request, prompt) => {
                self.issue_code(&AuthRequest::from_intent(&request, prompt), member)
            }
            RedirectIntent::Login(Some(url)) => Ok(match Url::parse(&url) {
                Ok(mut target) => {
                    target
                        .query_pairs_mut()
                        .append_pair("wixMemberLoggedIn", "true");
                    Page::Redirect(target.into())
                }
                Err(_) => Page::Error("Invalid post-flow URL."),
            }),
            RedirectIntent::Login(None) => Ok(Page::LoggedIn),
            RedirectIntent::Logout => Ok(Page::Error("This redirect session is a logout.")),
        }
    }

    /// The provider's stand-in page, submitted with the provider account's `email`: its
    /// member is found or created (verified, linked to the IdP connection), and the
    /// authorization completes once, as after the login page.
    pub fn submit_provider(&self, session_id: &str, email: &str) -> Result<Page, SiteError> {
        let now = self.now();
        let request = match self.store().redirect_session(session_id, now) {
            Some(RedirectIntent::Auth(request, prompt)) => {
                AuthRequest::from_intent(request, *prompt)
            }
            _ => return Ok(UNKNOWN_SESSION),
        };
        let Some(connection) = request.idp.clone() else {
            return Ok(Page::Error("This login has no identity provider."));
        };
        if !super::members::is_email(email) {
            return Ok(Page::Error("The provider account needs an email."));
        }
        // Checked first, taken now: a refused form leaves the login open.
        if self
            .store()
            .take_redirect_session(session_id, now)
            .is_none()
        {
            return Ok(UNKNOWN_SESSION);
        }
        let member = self.provider_member(email, &connection)?;
        self.issue_code(&request, member)
    }

    fn issue_code(&self, request: &AuthRequest, member: MemberId) -> Result<Page, SiteError> {
        let code = crypto::token("")?;
        let client = self
            .client_ref(&request.client_id)
            .ok_or(SiteError::NotFound("No such client"))?;
        let open = OpenCode {
            client,
            redirect_uri: request.redirect_uri.as_str().into(),
            challenge: request.code_challenge.as_deref().unwrap_or_default().into(),
            member,
            offline: request
                .scope
                .as_deref()
                .is_some_and(|s| s.split(' ').any(|s| s == "offline_access")),
        };
        let expires = self.now() + self.config.lifetimes.authorization_code;
        self.store().codes().issue(
            &code,
            CodeGrant::Open {
                code: Box::new(open),
                expires,
            },
        );
        Ok(self.deliver(request, Outcome::Code(code)))
    }

    /// Where the outcome goes per `responseMode`: the redirect URI's query or fragment, or
    /// a message to the redirect URI's origin — without one, to each allowed origin of the
    /// client.
    fn deliver(&self, request: &AuthRequest, outcome: Outcome) -> Page {
        let mut pairs: Vec<(&'static str, String)> = match outcome {
            Outcome::Code(code) => vec![("code", code)],
            Outcome::Error(error, description) => vec![
                ("error", error.to_string()),
                ("error_description", description.to_string()),
            ],
        };
        if let Some(state) = &request.state {
            pairs.push(("state", state.clone()));
        }
        let target = Url::parse(&request.redirect_uri);
        let mode = match (request.response_mode.as_deref(), target) {
            (Some("web_message"), Ok(target)) => {
                DeliveryMode::WebMessage(vec![target.origin().ascii_serialization()])
            }
            (Some("web_message"), Err(_)) => DeliveryMode::WebMessage(
                self.config
                    .client(&request.client_id)
                    .map(|c| c.allowed_origins.clone())
                    .unwrap_or_default(),
            ),
            (_, Err(_)) => return Page::Error("Invalid redirect URI."),
            (Some("fragment"), Ok(target)) => DeliveryMode::Fragment(target),
            (_, Ok(target)) => DeliveryMode::Query(target),
        };
        Page::Deliver(Delivery { pairs, mode })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_requests_need_code_and_s256() {
        assert!(check_code_request(Some("code"), Some("abc"), Some("S256")).is_ok());
        let refused = |t, c, m| check_code_request(t, c, m).unwrap_err().0;
        assert_eq!(
            refused(Some("token"), Some("abc"), Some("S256")),
            "unsupported_response_type"
        );
        assert_eq!(
            refused(Some("code"), Some("abc"), Some("plain")),
            "invalid_request"
        );
        assert_eq!(refused(Some("code"), None, Some("S256")), "invalid_request");
    }
}
