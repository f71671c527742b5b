//! The site's pages on the wire: the authorize endpoint, the login page behind
//! `prompt=login`, the social provider's stand-in, and how each [`Page`] is rendered
//! (a 302, a page posting a message, or minimal HTML).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::site::{
    AuthRequest, AuthorizeQuery, Delivery, DeliveryMode, LoginProblem, Page, Site, SiteError,
};

/// The page routes.
pub fn router() -> Router<Arc<Site>> {
    Router::new()
        .route("/_api/oauth2/authorize", get(authorize))
        .route("/_sandbox/login", get(login_page).post(login_form))
        .route("/_sandbox/idp", post(provider_form))
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

async fn authorize(
    State(site): State<Arc<Site>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, SiteError> {
    let get = |k: &str| query.get(k).cloned();
    let request = AuthRequest {
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
    };
    let page = site.authorize(AuthorizeQuery {
        redirect_session_id: get("redirectSessionId"),
        request,
        navigation: is_navigation(&headers),
    })?;
    Ok(render(page))
}

async fn login_page(
    State(site): State<Arc<Site>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    render(site.login_page(query.get("redirectSessionId").map(String::as_str)))
}

/// `email`, `password` and `redirectSessionId`, form-encoded.
async fn login_form(
    State(site): State<Arc<Site>>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, SiteError> {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or_default();
    let page = site
        .submit_login(
            field("redirectSessionId"),
            field("email").trim(),
            field("password"),
        )
        .await?;
    Ok(render(page))
}

/// `email` (the provider's account) and `redirectSessionId`, form-encoded.
async fn provider_form(
    State(site): State<Arc<Site>>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, SiteError> {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or_default();
    Ok(render(site.submit_provider(
        field("redirectSessionId"),
        field("email").trim(),
    )?))
}

/// A page as the browser gets it.
fn render(page: Page) -> Response {
    match page {
        Page::Deliver(delivery) => deliver(delivery),
        Page::Redirect(url) => redirect(&url),
        Page::LoginForm {
            session_id,
            problem,
        } => {
            let (status, error) = match &problem {
                None => (StatusCode::OK, None),
                Some(LoginProblem::Credentials(message)) => {
                    (StatusCode::UNAUTHORIZED, Some(message.as_ref()))
                }
                Some(LoginProblem::Inactive) => (
                    StatusCode::FORBIDDEN,
                    Some("Verify your email address before logging in."),
                ),
            };
            login_form_page(status, &session_id, error)
        }
        Page::Provider { session_id, name } => provider_page(&session_id, &name),
        Page::BrowserNeeded => Html(
            "<!doctype html><html><body><p>Continue in your browser to sign in.</p></body></html>",
        )
        .into_response(),
        Page::LoggedIn => {
            Html("<!doctype html><html><body><p>You are logged in.</p></body></html>")
                .into_response()
        }
        Page::NotPublished => (
            StatusCode::NOT_FOUND,
            Html(
                "<!doctype html><html><body><h1>This site is not published yet</h1></body></html>",
            ),
        )
            .into_response(),
        Page::Error(text) => (
            StatusCode::BAD_REQUEST,
            Html(format!(
                "<!doctype html><html><body><h1>Error</h1><p>{}</p></body></html>",
                escape_html(text)
            )),
        )
            .into_response(),
    }
}

/// A 302 with the pairs in the query or fragment, or a page that posts them to its
/// opener (or parent frame) at each origin; the browser delivers it only where the origin
/// matches.
fn deliver(delivery: Delivery) -> Response {
    let pairs = delivery.pairs.iter().map(|(k, v)| (*k, v.as_str()));
    match delivery.mode {
        DeliveryMode::Query(mut target) => {
            target.query_pairs_mut().extend_pairs(pairs);
            redirect(target.as_str())
        }
        DeliveryMode::Fragment(mut target) => {
            let fragment = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish();
            target.set_fragment(Some(&fragment));
            redirect(target.as_str())
        }
        DeliveryMode::WebMessage(origins) => {
            let message: serde_json::Map<String, serde_json::Value> = delivery
                .pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.into()))
                .collect();
            let json = script_safe(&serde_json::Value::Object(message));
            let posts: String = origins
                .into_iter()
                .map(|origin| {
                    let origin = script_safe(&serde_json::Value::String(origin));
                    format!("(window.opener || window.parent).postMessage({json}, {origin});")
                })
                .collect();
            Html(format!(
                "<!doctype html><html><body><script>{posts}</script></body></html>"
            ))
            .into_response()
        }
    }
}

/// JSON that cannot close the `<script>` element it sits in.
fn script_safe(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

fn redirect(location: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

fn provider_page(redirect_session_id: &str, provider: &str) -> Response {
    let provider = escape_html(provider);
    Html(format!(
        "<!doctype html><html><head><title>Sign in with {provider}</title></head><body>\
         <h1>Sign in with {provider}</h1><p>A stand-in of the provider's page.</p>\
         <form method=\"post\" action=\"/_sandbox/idp\">\
         <input type=\"hidden\" name=\"redirectSessionId\" value=\"{}\">\
         <label>{provider} account email <input type=\"email\" name=\"email\" required></label>\
         <button type=\"submit\">Continue</button></form></body></html>",
        escape_html(redirect_session_id)
    ))
    .into_response()
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
}
