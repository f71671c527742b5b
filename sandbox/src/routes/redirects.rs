//! Create Redirect Session: URLs to the sandbox's authorize endpoint, login page and logout.

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use wix_auth_generated::types;

use super::authorize::{AuthorizeProblem, check_client_and_redirect, check_code_request};
use super::members::caller;
use crate::AppState;
use crate::config::OAuthClient;
use crate::crypto;
use crate::store::RedirectIntent;
use crate::wire::{self, ApiError, WixJson};

/// `POST /_api/redirects-api/v1/redirect-session` (and its aliases).
pub async fn create(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    WixJson(body): WixJson<types::CreateRedirectSessionRequest>,
) -> Result<Response, ApiError> {
    caller(&app, &headers)?;
    let intents = [
        body.auth.is_some(),
        body.login.is_some(),
        body.logout.is_some(),
    ];
    if intents.iter().filter(|set| **set).count() != 1 {
        return Err(ApiError::field(
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
    let base = &app.base_url;
    let (intent, endpoint, params) = if let Some(auth) = body.auth {
        let request = &auth.auth_request;
        check_client_and_redirect(
            &app.config,
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
            ApiError::field(field, rule, problem.message())
        })?;
        if let Some(idp) = &request.idp
            && app.config.identity_provider(idp).is_none()
        {
            return Err(ApiError::field(
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
        .map_err(|(_, description)| ApiError::field("auth.authRequest", "INVALID", description))?;
        (
            RedirectIntent::Auth(Box::new(auth.auth_request), auth.prompt),
            format!("{base}/_api/oauth2/authorize"),
            vec![("redirectSessionId", id.clone())],
        )
    } else if body.login.is_some() {
        if let Some(url) = &post_flow_url {
            require_post_flow_url(app.config.clients.iter(), url)?;
        }
        (
            RedirectIntent::Login(post_flow_url),
            format!("{base}/_sandbox/login"),
            vec![("redirectSessionId", id.clone())],
        )
    } else {
        let client_id = body.logout.map(|l| l.client_id).unwrap_or_default();
        let client = app.config.client(&client_id).ok_or_else(|| {
            ApiError::field(
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
    let expires = app.now() + app.config.lifetimes.redirect_session;
    app.store()
        .open_redirect_session(id.clone(), intent, expires);
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter().map(|(k, v)| (*k, v.as_str())))
        .finish();
    let response = serde_json::json!({
        "redirectSession": {
            "id": id,
            "fullUrl": format!("{endpoint}?{query}"),
            "urlDetails": {
                "endpoint": endpoint,
                "searchParams": params.into_iter().collect::<std::collections::BTreeMap<_, _>>(),
            }
        }
    });
    Ok(wire::ok(&response))
}

fn require_post_flow_url<'a>(
    mut clients: impl Iterator<Item = &'a OAuthClient>,
    url: &str,
) -> Result<(), ApiError> {
    if clients.any(|c| c.post_flow_urls.iter().any(|u| u == url)) {
        Ok(())
    } else {
        Err(ApiError::field(
            "callbacks.postFlowUrl",
            "NOT_ALLOWED",
            "callbacks.postFlowUrl is not an allowed URL of the client",
        ))
    }
}
