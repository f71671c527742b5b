//! The sandbox's side of the wire conventions: JSON answers (with the identity in the
//! documented shape), JSON bodies that fail the Wix way, the raw `Authorization` header, and the
//! `x-wix-request-id` every response carries.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::site::{Refusal, SiteError};

/// A JSON response with `status`.
pub fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            Bytes::from(bytes),
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A 200 JSON response.
pub fn ok<T: Serialize>(body: &T) -> Response {
    json_response(StatusCode::OK, body)
}

/// A `200` whose `identity` has the shape of the documented example: proto3 JSON omits
/// empty collections and defaults, but Wix's example lists `connections`, the profile's
/// `emails`, `phones`, `labels`, `customFields` and `privacyStatus`, `metadata.tags` and
/// `status.reasons` even when empty, and clients read them.
pub fn ok_with_identity<T: Serialize>(body: &T) -> Response {
    let Ok(mut value) = serde_json::to_value(body) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(identity) = value.get_mut("identity").and_then(|i| i.as_object_mut()) {
        let empty = || serde_json::Value::Array(Vec::new());
        identity.entry("connections").or_insert_with(empty);
        let profile = identity
            .entry("identityProfile")
            .or_insert_with(|| serde_json::json!({}));
        if let Some(profile) = profile.as_object_mut() {
            for key in ["emails", "phones", "labels", "customFields"] {
                profile.entry(key).or_insert_with(empty);
            }
            profile
                .entry("privacyStatus")
                .or_insert_with(|| "UNDEFINED".into());
        }
        for (object, key) in [("metadata", "tags"), ("status", "reasons")] {
            if let Some(inner) = identity
                .entry(object)
                .or_insert_with(|| serde_json::json!({}))
                .as_object_mut()
            {
                inner.entry(key).or_insert_with(empty);
            }
        }
    }
    ok(&value)
}

/// A JSON body whose failures are Wix-style 400s (and 413 past the size limit), naming the
/// offending field but never echoing its value.
pub struct WixJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for WixJson<T> {
    type Rejection = SiteError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|rejection| body_rejection(rejection.status()))?;
        parse_json(&bytes).map(WixJson)
    }
}

/// The answer to a body that could not be read: 413 past the limit, else 400.
pub fn body_rejection(status: StatusCode) -> SiteError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        SiteError::Refused(Refusal::BodyTooLarge)
    } else {
        SiteError::Refused(Refusal::UnreadableBody)
    }
}

/// Parses a JSON body, turning failures into field violations.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, SiteError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SiteError::invalid(
            "",
            "REQUIRED_FIELD",
            "The request body is empty",
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let description = match e.inner().classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                "The request body is not valid JSON".to_string()
            }
            _ if path == "." => "The request body does not have the expected shape".to_string(),
            _ => format!("Field `{path}` is missing or has the wrong type"),
        };
        SiteError::invalid(
            path.trim_start_matches('.').to_string(),
            "INVALID_ARGUMENT",
            description,
        )
    })
}

/// The access token of the `Authorization` header: raw, as Wix expects, or after `Bearer `.
pub fn access_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .unwrap_or(value);
    (!token.is_empty()).then_some(token)
}

/// The name of the request-id header.
pub const REQUEST_ID: &str = "x-wix-request-id";

/// Adds `x-wix-request-id` to a response, and gives a bodiless 405 the Wix envelope.
pub async fn stamp(response: Response) -> Response {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let mut response = if response.status() == StatusCode::METHOD_NOT_ALLOWED {
        let mut wix = SiteError::Refused(Refusal::MethodNotAllowed).into_response();
        if let Some(allow) = response.headers().get(header::ALLOW) {
            wix.headers_mut().insert(header::ALLOW, allow.clone());
        }
        wix
    } else {
        response
    };
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        // The oversized body was not read: a connection kept alive would start its next
        // request inside it. Closing it cleanly lets pooled clients open a new one.
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    let id = format!("sbx-{:016x}", NEXT.fetch_add(1, Ordering::Relaxed));
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    response
}

/// The answer to a path the sandbox does not serve.
pub async fn not_found() -> SiteError {
    SiteError::NotFound("No such endpoint")
}
