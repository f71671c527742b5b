//! The sandbox's side of the wire conventions: the Wix error envelope, RFC 6749 §5.2 token
//! errors, JSON bodies that fail the Wix way, the raw `Authorization` header, and the
//! `x-wix-request-id` every response carries.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wix_auth_generated::types;

use crate::crypto::RandomError;

/// A failed request, answered in the shape the real endpoint uses.
#[derive(Debug)]
pub enum ApiError {
    /// The Wix envelope with an application error code.
    App {
        /// The HTTP status.
        status: StatusCode,
        /// `details.applicationError.code`.
        code: String,
        /// `message` and `details.applicationError.description`.
        message: String,
        /// A `Retry-After` header, in seconds.
        retry_after: Option<u64>,
    },
    /// The Wix envelope with field violations (status 400).
    Validation {
        /// `message`.
        message: String,
        /// `details.validationError.fieldViolations`.
        violations: Vec<types::FieldViolation>,
    },
    /// An RFC 6749 §5.2 error of the token endpoint.
    OAuth {
        /// The HTTP status (400, or 401 for `invalid_client`).
        status: StatusCode,
        /// The `error` code.
        error: &'static str,
        /// The `error_description`.
        description: String,
    },
    /// Something the sandbox itself could not do; the body is empty by design, as Wix's.
    Internal,
}

impl ApiError {
    /// A Wix application error.
    pub fn app(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self::App {
            status,
            code: code.to_string(),
            message: message.into(),
            retry_after: None,
        }
    }

    /// One field violation.
    pub fn field(field: &str, rule_name: &str, description: impl Into<String>) -> Self {
        let description = description.into();
        Self::Validation {
            message: description.clone(),
            violations: vec![types::FieldViolation {
                field: Some(field.to_string()),
                description: Some(description),
                violated_rule: Some("VALIDATION".into()),
                rule_name: Some(rule_name.to_string()),
                data: Default::default(),
            }],
        }
    }

    /// 401: no usable access token.
    pub fn unauthenticated() -> Self {
        Self::app(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            "Missing, unknown or expired access token",
        )
    }

    /// 403: the token's identity may not call this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::app(StatusCode::FORBIDDEN, "PERMISSION_DENIED", message)
    }

    /// An RFC 6749 error of the token endpoint.
    pub fn oauth(error: &'static str, description: impl Into<String>) -> Self {
        let status = if error == "invalid_client" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::BAD_REQUEST
        };
        Self::OAuth {
            status,
            error,
            description: description.into(),
        }
    }
}

impl From<RandomError> for ApiError {
    fn from(_: RandomError) -> Self {
        Self::Internal
    }
}

fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
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

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            Self::App {
                status,
                code,
                message,
                retry_after,
            } => {
                let body = types::WixError {
                    message: Some(message.clone()),
                    details: Some(types::WixErrorDetails {
                        application_error: Some(types::ApplicationError {
                            code: Some(code),
                            description: Some(message),
                            data: Default::default(),
                        }),
                        validation_error: None,
                        request_id: None,
                    }),
                };
                let mut response = json_response(status, &body);
                if let Some(seconds) = retry_after {
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                }
                response
            }
            Self::Validation {
                message,
                violations,
            } => {
                let body = types::WixError {
                    message: Some(message),
                    details: Some(types::WixErrorDetails {
                        application_error: None,
                        validation_error: Some(types::ValidationError {
                            field_violations: violations,
                        }),
                        request_id: None,
                    }),
                };
                json_response(StatusCode::BAD_REQUEST, &body)
            }
            Self::OAuth {
                status,
                error,
                description,
            } => {
                let body = types::OAuthError {
                    error: error.to_string(),
                    error_description: Some(description),
                    error_uri: None,
                };
                let mut response = json_response(status, &body);
                let headers = response.headers_mut();
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                response
            }
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}

/// A JSON body whose failures are Wix-style 400s (and 413 past the size limit), naming the
/// offending field but never echoing its value.
pub struct WixJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for WixJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|rejection| body_rejection(rejection.status()))?;
        parse_json(&bytes).map(WixJson)
    }
}

/// The answer to a body that could not be read: 413 past the limit, else 400.
pub fn body_rejection(status: StatusCode) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::app(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
            "The request body is too large",
        )
    } else {
        ApiError::app(
            StatusCode::BAD_REQUEST,
            "INVALID_ARGUMENT",
            "The request body could not be read",
        )
    }
}

/// Parses a JSON body, turning failures into field violations.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::field(
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
        ApiError::field(
            path.trim_start_matches('.'),
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
        let mut wix = ApiError::app(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "This method is not allowed here",
        )
        .into_response();
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
pub async fn not_found() -> ApiError {
    ApiError::app(StatusCode::NOT_FOUND, "NOT_FOUND", "No such endpoint")
}
