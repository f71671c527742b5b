//! Decoding Wix's answers: a generated call's result becomes the flow's, and an error
//! answer — the Wix envelope, an RFC 6749 error, an HTML page, an empty body — becomes the
//! typed [`Error`] its code and status call for, keeping only what is safe to log.

use std::time::Duration;

use futures_util::TryStreamExt;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use wix_auth_generated::codes::{self, CodeMeaning};
use wix_auth_generated::{ByteStream, types};

use crate::Error;
use crate::error::{BodyKind, ErrorContext, FieldViolation, TransportKind};

/// What a call of the generated client answers.
pub(crate) type GeneratedAnswer<T> =
    Result<wix_auth_generated::ResponseValue<T>, wix_auth_generated::Error<ByteStream>>;

/// Turns a generated call's result into the flow's, decoding error answers.
pub(crate) async fn from_generated<T: DeserializeOwned>(
    operation: &'static str,
    result: GeneratedAnswer<T>,
) -> Result<T, Error> {
    use wix_auth_generated::Error as G;
    match result {
        Ok(value) => Ok(value.into_inner()),
        Err(G::ErrorResponse(response)) => {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response
                .into_inner_stream()
                .try_fold(Vec::new(), |mut acc, chunk| async move {
                    acc.extend_from_slice(&chunk);
                    Ok(acc)
                })
                .await
                .map_err(|e| transport(operation, &e))?;
            Err(from_error_answer(operation, status, &headers, &body))
        }
        Err(G::InvalidResponsePayload(bytes, _)) => Err(decode_error::<T>(operation, 200, &bytes)),
        Err(G::CommunicationError(e) | G::ResponseBodyError(e) | G::InvalidUpgrade(e)) => {
            Err(transport(operation, &e))
        }
        Err(G::UnexpectedResponse(response)) => Err(Error::UnexpectedStatus {
            operation,
            status: response.status().as_u16(),
        }),
        Err(G::InvalidRequest(_) | G::Custom(_)) => Err(Error::InvalidRequest { operation }),
    }
}

/// A transport failure, keeping only its kind (reqwest's text includes the URL).
pub(crate) fn transport(operation: &'static str, error: &reqwest::Error) -> Error {
    let kind = if error.is_timeout() {
        TransportKind::Timeout
    } else if error.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Other
    };
    Error::Transport { operation, kind }
}

/// Where and how a success body failed to decode as `T`, without its text.
pub(crate) fn decode_error<T: DeserializeOwned>(
    operation: &'static str,
    status: u16,
    body: &[u8],
) -> Error {
    let mut de = serde_json::Deserializer::from_slice(body);
    let (path, category) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => (String::new(), "data"),
        Err(e) => {
            let category = match e.inner().classify() {
                serde_json::error::Category::Syntax => "syntax",
                serde_json::error::Category::Eof => "eof",
                serde_json::error::Category::Io => "io",
                serde_json::error::Category::Data => "data",
            };
            (e.path().to_string(), category)
        }
    };
    Error::Decode {
        operation,
        status,
        path,
        category,
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_string)
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    header(headers, RETRY_AFTER.as_str())?
        .trim()
        .parse()
        .ok()
        .map(Duration::from_secs)
}

fn body_kind(headers: &HeaderMap, body: &[u8]) -> BodyKind {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim_start();
    let html = header(headers, CONTENT_TYPE.as_str()).is_some_and(|c| c.contains("html"))
        || trimmed.starts_with('<');
    if body.iter().all(u8::is_ascii_whitespace) {
        BodyKind::Empty
    } else if html {
        BodyKind::Html
    } else if trimmed.starts_with('{') {
        BodyKind::UnreadableJson
    } else {
        BodyKind::Other
    }
}

/// Maps an error answer to the typed error its code and status call for.
pub(crate) fn from_error_answer(
    operation: &'static str,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Error {
    let mut context = ErrorContext {
        operation,
        status: Some(status),
        request_id: header(headers, "x-wix-request-id"),
        ..ErrorContext::default()
    };
    let retry_after = retry_after(headers);
    tracing::debug!(operation, status, request_id = ?context.request_id, "error answer");
    if let Ok(oauth) = serde_json::from_slice::<types::OAuthError>(body) {
        context.code = Some(oauth.error.clone());
        context.message = oauth.error_description;
        return by_status(status, retry_after, context, |context| Error::OAuth {
            error: oauth.error,
            context,
        });
    }
    let envelope = serde_json::from_slice::<types::WixError>(body).ok();
    let details = envelope.as_ref().and_then(|e| e.details.clone());
    match &envelope {
        Some(e) => context.message = e.message.clone(),
        None => context.body = body_kind(headers, body),
    }
    if let Some(app) = details.as_ref().and_then(|d| d.application_error.as_ref()) {
        context.code = app.code.clone();
        if context.message.is_none() {
            context.message = app.description.clone();
        }
    }
    if let Some(id) = details.as_ref().and_then(|d| d.request_id.clone())
        && context.request_id.is_none()
    {
        context.request_id = Some(id);
    }
    if let Some(validation) = details.and_then(|d| d.validation_error)
        && !validation.field_violations.is_empty()
    {
        let violations = validation
            .field_violations
            .into_iter()
            .map(|v| FieldViolation {
                field: v.field,
                description: v.description,
                rule_name: v.rule_name,
            })
            .collect();
        return Error::Validation {
            violations,
            context,
        };
    }
    if let Some(meaning) = context.code.as_deref().and_then(codes::meaning) {
        return by_meaning(meaning, context, retry_after);
    }
    match status {
        401 => Error::Unauthenticated(context),
        403 => Error::Forbidden(context),
        _ => by_status(status, retry_after, context, Error::Api),
    }
}

/// The error a code's meaning calls for.
fn by_meaning(meaning: CodeMeaning, context: ErrorContext, retry_after: Option<Duration>) -> Error {
    match meaning {
        CodeMeaning::NotPermitted => Error::NotPermitted(context),
        CodeMeaning::InvalidCredentials => Error::InvalidCredentials(context),
        CodeMeaning::UnknownAccount => Error::UnknownAccount(context),
        CodeMeaning::EmailExists => Error::EmailExists(context),
        CodeMeaning::CaptchaRequired => Error::CaptchaRequired(context),
        CodeMeaning::CaptchaInvalid => Error::CaptchaInvalid(context),
        CodeMeaning::PasswordResetRequired => Error::PasswordResetRequired(context),
        CodeMeaning::PendingApproval => Error::PendingApproval(context),
        CodeMeaning::Throttled => Error::Throttled {
            retry_after,
            context,
        },
        CodeMeaning::VerificationFailed => Error::VerificationFailed(context),
        CodeMeaning::InvalidStateToken => Error::InvalidStateToken(context),
        CodeMeaning::InvalidRecoveryToken => Error::InvalidRecoveryToken(context),
        _ => Error::Api(context),
    }
}

/// 429 and 503 carry `Retry-After` whatever the body says; other statuses become `other`.
fn by_status(
    status: u16,
    retry_after: Option<Duration>,
    context: ErrorContext,
    other: impl FnOnce(ErrorContext) -> Error,
) -> Error {
    match status {
        429 => Error::Throttled {
            retry_after,
            context,
        },
        503 => Error::Unavailable {
            retry_after,
            context,
        },
        _ => other(context),
    }
}
