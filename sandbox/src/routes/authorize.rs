//! The site-domain authorize endpoint and the login page behind `prompt=login`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use url::Url;

use super::iam::check_credentials;
use super::members;
use crate::AppState;
use crate::config::{AuthorizeMode, Config};
use crate::crypto;
use crate::store::{CodeGrant, RedirectIntent};
use crate::wire::ApiError;

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
    if client.redirect_uris.iter().any(|u| u == redirect_uri) {
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

/// One authorization request, from a redirect session or from query parameters.
#[derive(Debug, Clone, Default)]
struct AuthRequest {
    client_id: String,
    redirect_uri: String,
    response_type: Option<String>,
    response_mode: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    prompt: Option<String>,
    session_token: Option<String>,
    idp: Option<String>,
}

impl AuthRequest {
    fn from_intent(
        request: &wix_auth_generated::types::AuthorizeRequest,
        prompt: Option<String>,
    ) -> Self {
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
            prompt: prompt.or_else(|| request.prompt.clone()),
            session_token: request
                .session_token
                .as_ref()
                .map(|s| s.expose_secret().to_string()),
            idp: request.idp.clone(),
        }
    }

    fn from_query(q: &HashMap<String, String>) -> Self {
        let get = |k: &str| q.get(k).cloned();
        Self {
            client_id: get("clientId").unwrap_or_default(),
            redirect_uri: get("redirectUri").unwrap_or_default(),
            response_type: get("responseType"),
            response_mode: get("responseMode"),
            scope: get("scope"),
            state: get("state"),
            code_challenge: get("codeChallenge"),
            code_challenge_method: get("codeChallengeMethod"),
            prompt: get("prompt"),
            session_token: get("sessionToken"),
            idp: get("idp"),
        }
    }

    fn into_intent(self) -> RedirectIntent {
        use wix_auth_generated::types;
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

/// Whether a request looks like a browser navigating to the page.
fn is_navigation(headers: &HeaderMap) -> bool {
    let value = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    value("sec-fetch-mode") == "navigate" || value("accept").contains("text/html")
}

/// `GET /_api/oauth2/authorize`.
pub async fn authorize(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let session_id = query.get("redirectSessionId").cloned();
    let request = match &session_id {
        Some(id) => match app.store().redirect_session(id, app.now()) {
            Some(RedirectIntent::Auth(request, prompt)) => {
                AuthRequest::from_intent(request, prompt.map(|p| p.to_string()))
            }
            _ => return error_page(StatusCode::BAD_REQUEST, "Unknown redirect session."),
        },
        None => AuthRequest::from_query(&query),
    };
    if let Err(problem) = check_client_and_redirect(
        &app.config,
        &request.client_id,
        &request.redirect_uri,
        request.response_mode.as_deref(),
    ) {
        return error_page(StatusCode::BAD_REQUEST, problem.message());
    }
    if let Err((error, description)) = check_code_request(
        request.response_type.as_deref(),
        request.code_challenge.as_deref(),
        request.code_challenge_method.as_deref(),
    ) {
        return deliver(&app.config, &request, Outcome::Error(error, description));
    }
    if app.config.authorize == AuthorizeMode::Pessimistic && !is_navigation(&headers) {
        return browser_needed_page();
    }
    let now = app.now();
    let member = match request.prompt.as_deref() {
        Some("login") => None,
        _ => request
            .session_token
            .as_deref()
            .and_then(|token| members::redeem_session(&mut app.store(), token, now)),
    };
    match (request.prompt.as_deref(), member) {
        (Some("none"), None) => deliver(
            &app.config,
            &request,
            Outcome::Error(
                "login_required",
                "prompt=none needs a valid, unused session token",
            ),
        ),
        (Some("login"), _) | (_, None) => {
            // One authorization request is one login page: views of a redirect session's
            // URL share its id, so it completes once; a bare query gets one id per view.
            let id = match session_id {
                Some(id) => id,
                None => {
                    let Ok(id) = crypto::guid() else {
                        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                    };
                    let expires = now + app.config.lifetimes.redirect_session;
                    app.store().open_redirect_session(
                        id.clone(),
                        request.clone().into_intent(),
                        expires,
                    );
                    id
                }
            };
            match request
                .idp
                .as_deref()
                .and_then(|idp| app.config.identity_provider(idp))
            {
                Some(provider) => provider_page(StatusCode::OK, &id, &provider.name),
                None => login_form_page(StatusCode::OK, &id, None),
            }
        }
        (_, Some(member_id)) => {
            // One redirect session, one authorization: it ends with its code.
            if let Some(id) = &session_id {
                app.store().take_redirect_session(id, now);
            }
            issue_and_deliver(&app, &request, &member_id)
        }
    }
}

fn issue_and_deliver(app: &AppState, request: &AuthRequest, member_id: &str) -> Response {
    let Ok(code) = crypto::token("") else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let grant = CodeGrant {
        client_id: request.client_id.clone(),
        redirect_uri: request.redirect_uri.clone(),
        challenge: request.code_challenge.clone().unwrap_or_default(),
        member_id: member_id.to_string(),
        offline: request
            .scope
            .as_deref()
            .is_some_and(|s| s.split(' ').any(|s| s == "offline_access")),
        expires: app.now() + app.config.lifetimes.authorization_code,
        redeemed: None,
    };
    app.store().codes.insert(code.clone(), grant);
    deliver(&app.config, request, Outcome::Code(code))
}

/// What goes back to the redirect URI.
enum Outcome {
    Code(String),
    Error(&'static str, &'static str),
}

/// Sends the result to the redirect URI per `responseMode`: a 302 with the query or the
/// fragment, or for `web_message` a page that posts it to the opener — at the redirect
/// URI's origin, or without one at each allowed origin of the client.
fn deliver(config: &Config, request: &AuthRequest, outcome: Outcome) -> Response {
    let mut pairs: Vec<(&str, String)> = match outcome {
        Outcome::Code(code) => vec![("code", code)],
        Outcome::Error(error, description) => vec![
            ("error", error.to_string()),
            ("error_description", description.to_string()),
        ],
    };
    if let Some(state) = &request.state {
        pairs.push(("state", state.clone()));
    }
    let mode = request.response_mode.as_deref().unwrap_or("query");
    if mode == "web_message" {
        let origins: Vec<String> = match Url::parse(&request.redirect_uri) {
            Ok(target) => vec![target.origin().ascii_serialization()],
            Err(_) => config
                .client(&request.client_id)
                .map(|c| c.allowed_origins.clone())
                .unwrap_or_default(),
        };
        return post_message_page(pairs, &origins);
    }
    let Ok(mut target) = Url::parse(&request.redirect_uri) else {
        return error_page(StatusCode::BAD_REQUEST, "Invalid redirect URI.");
    };
    match mode {
        "fragment" => {
            let fragment = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
                .finish();
            target.set_fragment(Some(&fragment));
            redirect(target.as_str())
        }
        _ => {
            target
                .query_pairs_mut()
                .extend_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            redirect(target.as_str())
        }
    }
}

/// A page that posts the result to its opener (or parent frame) at each origin; the browser
/// delivers it only where the origin matches.
fn post_message_page(pairs: Vec<(&str, String)>, origins: &[String]) -> Response {
    let message: serde_json::Map<String, serde_json::Value> = pairs
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into()))
        .collect();
    let json = serde_json::Value::Object(message)
        .to_string()
        .replace('<', "\\u003c");
    let posts: String = origins
        .iter()
        .map(|origin| {
            let origin = serde_json::Value::String(origin.clone())
                .to_string()
                .replace('<', "\\u003c");
            format!("(window.opener || window.parent).postMessage({json}, {origin});")
        })
        .collect();
    Html(format!(
        "<!doctype html><html><body><script>{posts}</script></body></html>"
    ))
    .into_response()
}

/// What the pessimistic mode answers a request that is not a browser navigation: a page,
/// as a site may answer a request without its cookies, and no code.
fn browser_needed_page() -> Response {
    Html("<!doctype html><html><body><p>Continue in your browser to sign in.</p></body></html>")
        .into_response()
}

fn redirect(location: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

/// `GET /_sandbox/login?redirectSessionId=…`: the login form.
pub async fn login_page(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    match query.get("redirectSessionId") {
        Some(id) if app.store().redirect_session(id, app.now()).is_some() => {
            login_form_page(StatusCode::OK, id, None)
        }
        _ => error_page(StatusCode::BAD_REQUEST, "Unknown redirect session."),
    }
}

/// `POST /_sandbox/login`: `email`, `password` and `redirectSessionId`, form-encoded.
pub async fn login_form(
    State(app): State<Arc<AppState>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or_default();
    let id = field("redirectSessionId");
    let Some(intent) = app.store().redirect_session(id, app.now()).cloned() else {
        return error_page(StatusCode::BAD_REQUEST, "Unknown redirect session.");
    };
    let member_id = match check_credentials(&app, field("email").trim(), field("password")).await {
        Ok(member_id) => member_id,
        Err(error) => return login_form_page(StatusCode::UNAUTHORIZED, id, Some(&message(&error))),
    };
    let active = app
        .store()
        .members
        .get(&member_id)
        .is_some_and(|m| m.is_active());
    if !active {
        return login_form_page(
            StatusCode::FORBIDDEN,
            id,
            Some("Verify your email address before logging in."),
        );
    }
    // Of two correct submissions only the one that takes the session completes it.
    if app.store().take_redirect_session(id, app.now()).is_none() {
        return error_page(StatusCode::BAD_REQUEST, "Unknown redirect session.");
    }
    match intent {
        RedirectIntent::Auth(request, prompt) => {
            let request = AuthRequest::from_intent(&request, prompt.map(|p| p.to_string()));
            issue_and_deliver(&app, &request, &member_id)
        }
        RedirectIntent::Login(Some(url)) => match Url::parse(&url) {
            Ok(mut target) => {
                target
                    .query_pairs_mut()
                    .append_pair("wixMemberLoggedIn", "true");
                redirect(target.as_str())
            }
            Err(_) => error_page(StatusCode::BAD_REQUEST, "Invalid post-flow URL."),
        },
        RedirectIntent::Login(None) => {
            Html("<!doctype html><html><body><p>You are logged in.</p></body></html>")
                .into_response()
        }
        RedirectIntent::Logout => error_page(
            StatusCode::BAD_REQUEST,
            "This redirect session is a logout.",
        ),
    }
}

/// `POST /_sandbox/idp`: the stand-in of a social provider's consent page. `email` is the
/// provider's account; its member is found or created (verified, linked to the IdP
/// connection), and the authorization completes once, as after the login page.
pub async fn provider_form(
    State(app): State<Arc<AppState>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or_default();
    let id = field("redirectSessionId");
    let email = field("email").trim();
    let now = app.now();
    let request = match app.store().redirect_session(id, now) {
        Some(RedirectIntent::Auth(request, prompt)) => {
            AuthRequest::from_intent(request, prompt.map(|p| p.to_string()))
        }
        _ => return error_page(StatusCode::BAD_REQUEST, "Unknown redirect session."),
    };
    let Some(connection) = request.idp.clone() else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "This login has no identity provider.",
        );
    };
    if !members::is_email(email) {
        return error_page(
            StatusCode::BAD_REQUEST,
            "The provider account needs an email.",
        );
    }
    // Checked first, taken now: a refused form leaves the login open, and of two
    // submissions only the one that takes the session completes it.
    if app.store().take_redirect_session(id, now).is_none() {
        return error_page(StatusCode::BAD_REQUEST, "Unknown redirect session.");
    }
    let member_id = match members::provider_member(&app, email, &connection) {
        Ok(member_id) => member_id,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    issue_and_deliver(&app, &request, &member_id)
}

fn provider_page(status: StatusCode, redirect_session_id: &str, provider: &str) -> Response {
    let provider = escape_html(provider);
    let body = format!(
        "<!doctype html><html><head><title>Sign in with {provider}</title></head><body>\
         <h1>Sign in with {provider}</h1><p>A stand-in of the provider's page.</p>\
         <form method=\"post\" action=\"/_sandbox/idp\">\
         <input type=\"hidden\" name=\"redirectSessionId\" value=\"{}\">\
         <label>{provider} account email <input type=\"email\" name=\"email\" required></label>\
         <button type=\"submit\">Continue</button></form></body></html>",
        escape_html(redirect_session_id)
    );
    (status, Html(body)).into_response()
}

fn message(error: &ApiError) -> String {
    match error {
        ApiError::App { message, .. } | ApiError::Validation { message, .. } => message.clone(),
        ApiError::OAuth { description, .. } => description.clone(),
        ApiError::Internal => "Something went wrong.".into(),
    }
}

fn login_form_page(status: StatusCode, redirect_session_id: &str, error: Option<&str>) -> Response {
    let error = error
        .map(|e| format!("<p role=\"alert\">{}</p>", escape_html(e)))
        .unwrap_or_default();
    let body = format!(
        "<!doctype html><html><head><title>Log in</title></head><body>\
         <h1>Log in</h1>{error}\
         <form method=\"post\" action=\"/_sandbox/login\">\
         <input type=\"hidden\" name=\"redirectSessionId\" value=\"{}\">\
         <label>Email <input type=\"email\" name=\"email\" required></label>\
         <label>Password <input type=\"password\" name=\"password\" required></label>\
         <button type=\"submit\">Log in</button></form></body></html>",
        escape_html(redirect_session_id)
    );
    (status, Html(body)).into_response()
}

fn error_page(status: StatusCode, text: &str) -> Response {
    (
        status,
        Html(format!(
            "<!doctype html><html><body><h1>Error</h1><p>{}</p></body></html>",
            escape_html(text)
        )),
    )
        .into_response()
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_neutralises_markup() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn code_requests_need_code_and_s256() {
        assert!(check_code_request(Some("code"), Some("abc"), Some("S256")).is_ok());
        assert_eq!(
            check_code_request(Some("token"), Some("abc"), Some("S256"))
                .unwrap_err()
                .0,
            "unsupported_response_type"
        );
        assert_eq!(
            check_code_request(Some("code"), Some("abc"), Some("plain"))
                .unwrap_err()
                .0,
            "invalid_request"
        );
        assert_eq!(
            check_code_request(Some("code"), None, Some("S256"))
                .unwrap_err()
                .0,
            "invalid_request"
        );
    }
}
