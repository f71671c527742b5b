//! The OAuth 2 endpoints on the wire: the token endpoint (JSON in either spelling, or a
//! form body) and Token Info.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::post;
use serde_json::Value;
use wix_auth_generated::types;

use super::extract::Keys;
use super::wire::{WixJson, body_rejection, ok};
use crate::site::{GrantError, Site, SiteError, TokenFields};

/// The OAuth routes.
pub fn router() -> Router<Arc<Site>> {
    Router::new()
        .route("/oauth2/token", post(token))
        .route("/oauth2/token-info", post(token_info))
}

/// The token request's fields: a form body, or a JSON object whose scalar values count.
fn token_fields(headers: &HeaderMap, body: &[u8]) -> Result<TokenFields, SiteError> {
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if form {
        return Ok(TokenFields(
            url::form_urlencoded::parse(body).into_owned().collect(),
        ));
    }
    let object: serde_json::Map<String, Value> = serde_json::from_slice(body).map_err(|_| {
        SiteError::grant(
            GrantError::InvalidRequest,
            "The body must be a JSON object or form-encoded",
        )
    })?;
    Ok(TokenFields(
        object
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k, s)),
                Value::Number(n) => Some((k, n.to_string())),
                Value::Bool(b) => Some((k, b.to_string())),
                _ => None,
            })
            .collect(),
    ))
}

async fn token(
    State(site): State<Arc<Site>>,
    Keys(keys): Keys,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, SiteError> {
    let body = body.map_err(|r| body_rejection(r.status()))?;
    let tokens = site.token(&keys, &token_fields(&headers, &body)?)?;
    let mut response = ok(&tokens);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

async fn token_info(
    State(site): State<Arc<Site>>,
    WixJson(body): WixJson<types::TokenInfoRequest>,
) -> Response {
    ok(&site.token_info(body.token.expose_secret()))
}
