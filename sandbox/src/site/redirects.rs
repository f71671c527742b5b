//! Create Redirect Session: checks an `auth`, `login` or `logout` intent against the
//! client's configuration and opens a session whose URL leads to the site's authorize
//! endpoint, login page or logout.

use wix_auth_generated::types;

use super::authorize::{AuthorizeProblem, check_client_and_redirect, check_code_request};
use super::store::RedirectIntent;
use super::{Site, SiteError};
use crate::config::OAuthClient;
use crate::crypto;

/// An opened redirect session, ready for the wire.
#[derive(Debug, Clone)]
pub struct RedirectSession {
    /// Its id.
    pub id: String,
    /// The URL without its query.
    pub endpoint: String,
    /// The query parameters.
    pub params: Vec<(&'static str, String)>,
}

fn require_post_flow_url<'a>(
    mut clients: impl Iterator<Item = &'a OAuthClient>,
    url: &str,
) -> Result<(), SiteError> {
    if clients.any(|c| c.allows_post_flow_url(url)) {
        Ok(())
    } else {
        Err(SiteError::invalid(
            "callbacks.postFlowUrl",
            "NOT_ALLOWED",
            "callbacks.postFlowUrl is not an allowed URL of the client",
        ))
    }
}

impl Site {
    /// Opens a redirect session for exactly one intent.
    pub fn create_redirect_session(
        &self,
        body: types::CreateRedirectSessionRequest,
    ) -> Result<RedirectSession, SiteError> {
        let intents = [
            body.auth.is_some(),
            body.login.is_some(),
            body.logout.is_some(),
        ];
        if intents.iter().filter(|set| **set).count() != 1 {
            return Err(SiteError::invalid(
                "",
                "ONE_OF",
                "Set exactly one intent: auth, login or logout",
            ));
        }
        let id = crypto::guid()?;
        let post_flow_url = body
            .callbacks
            .as_ref()
            .and_then(|c| c.post_flow_url.as_ref())
            .map(|u| u.to_string());
        let base = &self.base_url;
        let (intent, endpoint, params) = if let Some(auth) = body.auth {
            self.check_auth_request(&auth.auth_request)?;
            (
                RedirectIntent::Auth(Box::new(auth.auth_request), auth.prompt),
                format!("{base}/_api/oauth2/authorize"),
                vec![("redirectSessionId", id.clone())],
            )
        } else if body.login.is_some() {
            if let Some(url) = &post_flow_url {
                require_post_flow_url(self.config.clients.iter(), url)?;
            }
            (
                RedirectIntent::Login(post_flow_url),
                format!("{base}/_sandbox/login"),
                vec![("redirectSessionId", id.clone())],
            )
        } else {
            let client_id = body.logout.map(|l| l.client_id).unwrap_or_default();
            let client = self.config.client(&client_id).ok_or_else(|| {
                SiteError::invalid(
                    "logout.clientId",
                    "UNKNOWN_CLIENT",
                    "No OAuth app has this client ID",
                )
            })?;
            let mut params = vec![("clientId", client_id.clone())];
            if let Some(url) = &post_flow_url {
                require_post_flow_url(std::iter::once(client), url)?;
                params.push(("postLogoutRedirectUri", url.clone()));
            }
            (
                RedirectIntent::Logout,
                format!("{base}/_api/iam/authentication/v1/logout"),
                params,
            )
        };
        let expires = self.now() + self.config.lifetimes.redirect_session;
        self.store()
            .open_redirect_session(id.clone(), intent, expires);
        Ok(RedirectSession {
            id,
            endpoint,
            params,
        })
    }

    /// The checks of an `auth` intent, named by the field that fails.
    fn check_auth_request(&self, request: &types::AuthorizeRequest) -> Result<(), SiteError> {
        check_client_and_redirect(
            &self.config,
            request.client_id.as_deref().unwrap_or_default(),
            request.redirect_uri.as_deref().unwrap_or_default(),
            request.response_mode.map(|m| m.to_string()).as_deref(),
        )
        .map_err(|problem| {
            let (field, rule) = match problem {
                AuthorizeProblem::UnknownClient => ("auth.authRequest.clientId", "UNKNOWN_CLIENT"),
                AuthorizeProblem::UnregisteredRedirect => {
                    ("auth.authRequest.redirectUri", "NOT_ALLOWED")
                }
                AuthorizeProblem::MissingRedirect => {
                    ("auth.authRequest.redirectUri", "REQUIRED_FIELD")
                }
                AuthorizeProblem::NoAllowedOrigin => {
                    ("auth.authRequest.redirectUri", "NO_ALLOWED_ORIGIN")
                }
            };
            SiteError::invalid(field, rule, problem.message())
        })?;
        if let Some(idp) = &request.idp
            && self.config.identity_provider(idp).is_none()
        {
            return Err(SiteError::invalid(
                "auth.authRequest.idp",
                "UNKNOWN_IDP",
                "No identity-provider connection of the site has this id",
            ));
        }
        check_code_request(
            request.response_type.as_deref(),
            request.code_challenge.as_deref(),
            request
                .code_challenge_method
                .map(|m| m.to_string())
                .as_deref(),
        )
        .map_err(|(_, description)| SiteError::invalid("auth.authRequest", "INVALID", description))
    }
}
