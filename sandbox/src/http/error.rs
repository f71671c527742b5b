//! The one mapping from a [`SiteError`] to what Wix answers: the error envelope with an
//! application error or field violations, RFC 6749 §5.2 token errors, and each status.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use wix_auth_generated::{codes, types};

use super::wire::json_response;
use crate::site::{GrantError, SiteError};

/// The status Wix answers an application error code with. An unknown email is 404 (Wix's
/// own REST reference maps -19999 "identity-not-found (404)", as a capture of the live API
/// shows); a failed precondition is 428, the status Wix's error documentation gives it.
fn status_of(code: &str) -> StatusCode {
    match code {
        codes::INVALID_CREDENTIALS | "UNAUTHENTICATED" => StatusCode::UNAUTHORIZED,
        codes::UNKNOWN_EMAIL => StatusCode::NOT_FOUND,
        codes::RESET_PASSWORD | codes::PENDING_APPROVAL => StatusCode::FORBIDDEN,
        codes::EMAIL_EXISTS => StatusCode::CONFLICT,
        "FAILED_PRECONDITION" => StatusCode::PRECONDITION_REQUIRED,
        "PAYLOAD_TOO_LARGE" => StatusCode::PAYLOAD_TOO_LARGE,
        "METHOD_NOT_ALLOWED" => StatusCode::METHOD_NOT_ALLOWED,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// The Wix envelope with an application error.
fn application_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = types::WixError {
        message: Some(message.to_string()),
        details: Some(types::WixErrorDetails {
            application_error: Some(types::ApplicationError {
                code: Some(code.to_string()),
                description: Some(message.to_string()),
                data: Default::default(),
            }),
            validation_error: None,
            request_id: None,
        }),
    };
    json_response(status, &body)
}

impl IntoResponse for SiteError {
    fn into_response(self) -> Response {
        let message = self.message();
        match self {
            Self::Refused { code, .. } => application_error(status_of(code), code, &message),
            Self::Throttled { retry_after } => {
                let mut response =
                    application_error(StatusCode::TOO_MANY_REQUESTS, codes::THROTTLED, &message);
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                response
            }
            Self::Unauthenticated => {
                application_error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", &message)
            }
            Self::Forbidden(_) => {
                application_error(StatusCode::FORBIDDEN, "PERMISSION_DENIED", &message)
            }
            Self::NotFound(_) => application_error(StatusCode::NOT_FOUND, "NOT_FOUND", &message),
            Self::Precondition(_) => application_error(
                StatusCode::PRECONDITION_REQUIRED,
                "FAILED_PRECONDITION",
                &message,
            ),
            Self::Invalid { field, rule, .. } => {
                let body = types::WixError {
                    message: Some(message.to_string()),
                    details: Some(types::WixErrorDetails {
                        application_error: None,
                        validation_error: Some(types::ValidationError {
                            field_violations: vec![types::FieldViolation {
                                field: Some(field.into_owned()),
                                description: Some(message.into_owned()),
                                violated_rule: Some("VALIDATION".into()),
                                rule_name: Some(rule.to_string()),
                                data: Default::default(),
                            }],
                        }),
                        request_id: None,
                    }),
                };
                json_response(StatusCode::BAD_REQUEST, &body)
            }
            Self::Grant { error, .. } => {
                let status = if error == GrantError::InvalidClient {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::BAD_REQUEST
                };
                let body = types::OAuthError {
                    error: error.as_str().to_string(),
                    error_description: Some(message.into_owned()),
                    error_uri: None,
                };
                let mut response = json_response(status, &body);
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                response
            }
            // Empty by design, as Wix's own 500s.
            Self::Randomness => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_has_its_status() {
        let status = |e: SiteError| e.into_response().status().as_u16();
        assert_eq!(status(SiteError::refused(codes::EMAIL_EXISTS, "x")), 409);
        assert_eq!(status(SiteError::refused(codes::UNKNOWN_EMAIL, "x")), 404);
        assert_eq!(status(SiteError::refused("FAILED_PRECONDITION", "x")), 428);
        assert_eq!(
            status(SiteError::refused(codes::INVALID_CREDENTIALS, "x")),
            401
        );
        assert_eq!(
            status(SiteError::refused(codes::PENDING_APPROVAL, "x")),
            403
        );
        assert_eq!(
            status(SiteError::refused(codes::INVALID_STATE_TOKEN, "x")),
            400
        );
        assert_eq!(status(SiteError::Throttled { retry_after: 3 }), 429);
        assert_eq!(status(SiteError::Unauthenticated), 401);
        assert_eq!(status(SiteError::Forbidden("x")), 403);
        assert_eq!(status(SiteError::Precondition("x")), 428);
        assert_eq!(
            status(SiteError::grant(GrantError::InvalidClient, "x")),
            401
        );
        assert_eq!(status(SiteError::invalid_grant("x")), 400);
        assert_eq!(status(SiteError::Randomness), 500);
    }
}
