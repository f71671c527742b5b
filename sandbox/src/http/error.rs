//! The one mapping from a [`SiteError`] to what Wix answers: the error envelope with an
//! application error or field violations, RFC 6749 §5.2 token errors, and each status.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use wix_auth_generated::{codes, types};

use super::wire::json_response;
use crate::site::{GrantError, Refusal, SiteError};

/// The status and application code Wix answers each refusal with. An unknown email is 404
/// (Wix's own REST reference maps -19999 "identity-not-found (404)", as a capture of the
/// live API shows).
fn wire(refusal: Refusal) -> (StatusCode, &'static str) {
    match refusal {
        Refusal::WrongPassword => (StatusCode::UNAUTHORIZED, codes::INVALID_CREDENTIALS),
        Refusal::UnknownEmail => (StatusCode::NOT_FOUND, codes::UNKNOWN_EMAIL),
        Refusal::EmailTaken => (StatusCode::CONFLICT, codes::EMAIL_EXISTS),
        Refusal::CaptchaMissing => (StatusCode::BAD_REQUEST, codes::CAPTCHA_MISSING),
        Refusal::CaptchaInvalid => (StatusCode::BAD_REQUEST, codes::CAPTCHA_INVALID),
        Refusal::PasswordResetRequired => (StatusCode::FORBIDDEN, codes::RESET_PASSWORD),
        Refusal::AwaitingApproval => (StatusCode::FORBIDDEN, codes::PENDING_APPROVAL),
        Refusal::InvalidStateToken => (StatusCode::BAD_REQUEST, codes::INVALID_STATE_TOKEN),
        Refusal::WrongCode => (StatusCode::BAD_REQUEST, codes::VERIFICATION_FAILED),
        Refusal::UnknownRecoveryToken => (StatusCode::BAD_REQUEST, codes::RECOVERY_TOKEN_NOT_FOUND),
        Refusal::RecoveryTokenExpired => (StatusCode::BAD_REQUEST, codes::RECOVERY_TOKEN_EXPIRED),
        Refusal::BadApiKey(_) => (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"),
        Refusal::BodyTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE"),
        Refusal::UnreadableBody => (StatusCode::BAD_REQUEST, "INVALID_ARGUMENT"),
        Refusal::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED"),
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
            Self::Refused(refusal) => {
                let (status, code) = wire(refusal);
                application_error(status, code, &message)
            }
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
        let refused = |r: Refusal| {
            let response = SiteError::Refused(r).into_response();
            (response.status().as_u16(), wire(r).1)
        };
        assert_eq!(refused(Refusal::EmailTaken), (409, "-19995"));
        assert_eq!(refused(Refusal::UnknownEmail), (404, "-19999"));
        assert_eq!(refused(Refusal::WrongPassword), (401, "-19976"));
        assert_eq!(refused(Refusal::AwaitingApproval), (403, "-19958"));
        assert_eq!(refused(Refusal::PasswordResetRequired), (403, "-19973"));
        assert_eq!(refused(Refusal::InvalidStateToken), (400, "-19984"));
        assert_eq!(refused(Refusal::BadApiKey("x")), (401, "UNAUTHENTICATED"));
        assert_eq!(refused(Refusal::BodyTooLarge), (413, "PAYLOAD_TOO_LARGE"));
        assert_eq!(
            refused(Refusal::MethodNotAllowed),
            (405, "METHOD_NOT_ALLOWED")
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
