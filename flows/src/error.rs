//! The crate's one error type, and how generated-client failures become it.
//!
//! progenitor's errors print headers and raw bodies (tokens included). Every failure is
//! rebuilt here from what is safe to keep: the operation, the status, the Wix request id,
//! the decoded envelope (code, description, field violations), `Retry-After`, and for a
//! body that did not decode its serde path and category — never bytes, headers, URLs or
//! serde's message text.

use std::fmt;
use std::time::Duration;

use futures_util::TryStreamExt;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use wix_auth_generated::codes::{self, CodeMeaning};
use wix_auth_generated::{ByteStream, types};

/// What is known about a failed call; safe to log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorContext {
    /// The operation, e.g. `loginV2`.
    pub operation: &'static str,
    /// The HTTP status, when there was a response.
    pub status: Option<u16>,
    /// The `x-wix-request-id` of the response.
    pub request_id: Option<String>,
    /// `details.applicationError.code` (or the OAuth `error`).
    pub code: Option<String>,
    /// The envelope's `message` (or the OAuth `error_description`).
    pub message: Option<String>,
    /// What the body was when it was not the envelope.
    pub body: BodyKind,
}

/// The shape of an error response's body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BodyKind {
    /// The Wix envelope or an OAuth error, decoded.
    #[default]
    Decoded,
    /// No body.
    Empty,
    /// An HTML page (a gateway, a proxy).
    Html,
    /// JSON that is neither the envelope nor an OAuth error, or is truncated.
    UnreadableJson,
    /// Anything else.
    Other,
}

impl fmt::Display for ErrorContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.operation)?;
        if let Some(status) = self.status {
            write!(f, " answered {status}")?;
        }
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// One field that broke the API's input rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldViolation {
    /// The field's path.
    pub field: Option<String>,
    /// What is wrong with it.
    pub description: Option<String>,
    /// The rule's name, e.g. `VALUE_TOO_SHORT`.
    pub rule_name: Option<String>,
}

/// Everything that can go wrong in a flow.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Wix does not let this member or client log in or register here: `TRUSTED_CLIENTS_ONLY`,
    /// `IP_ADDRESS_FILTERED`, `USER_EMAIL_OFAC_ADDRESS`,
    /// `WIX_EMPLOYEE_PASSWORD_LOGIN_NOT_ALLOWED`, `REGISTRATION_TO_EDITORX_NOT_ALLOWED`.
    #[error("Wix does not allow this login or registration: {0}")]
    NotPermitted(ErrorContext),
    /// Wrong email or password (`-19976`).
    #[error("wrong email or password: {0}")]
    InvalidCredentials(ErrorContext),
    /// No member has this email (`-19999`).
    #[error("no member has this email: {0}")]
    UnknownAccount(ErrorContext),
    /// The email is already registered (`-19995`, `DUPLICATE_EMAIL`).
    #[error("the email is already registered: {0}")]
    EmailExists(ErrorContext),
    /// A CAPTCHA token is required (`-19971`).
    #[error("a CAPTCHA token is required: {0}")]
    CaptchaRequired(ErrorContext),
    /// The CAPTCHA token was rejected (`-19970`).
    #[error("the CAPTCHA token was rejected: {0}")]
    CaptchaInvalid(ErrorContext),
    /// The password was reset, or the site's admin requires the member to enroll again;
    /// the member must use "forgot password" (`-19973`, `REENROLLMENT_REQUIRED_BY_ADMIN`).
    #[error("the member must reset the password: {0}")]
    PasswordResetRequired(ErrorContext),
    /// The membership awaits the site owner's approval (`-19958`).
    #[error("the membership awaits the owner's approval: {0}")]
    PendingApproval(ErrorContext),
    /// Too many requests (429, `-19959`, `THROTTLED_FEATURE`); retry after the delay.
    #[error("throttled{}: {context}", retry_hint(*.retry_after))]
    Throttled {
        /// `Retry-After`, when sent.
        retry_after: Option<Duration>,
        /// The call.
        context: ErrorContext,
    },
    /// The input broke the API's rules.
    #[error("the request was invalid ({} field violation(s)): {context}", .violations.len())]
    Validation {
        /// Each violated rule.
        violations: Vec<FieldViolation>,
        /// The call.
        context: ErrorContext,
    },
    /// The verification code is wrong (`VERIFICATION_FAILED`).
    #[error("the verification code is wrong: {0}")]
    VerificationFailed(ErrorContext),
    /// The state token is unknown, used or expired.
    #[error("the state token is invalid or expired: {0}")]
    InvalidStateToken(ErrorContext),
    /// The recovery token is unknown, used or expired.
    #[error("the recovery token is invalid or expired: {0}")]
    InvalidRecoveryToken(ErrorContext),
    /// The access token is missing, unknown or expired (401).
    #[error("not authenticated: {0}")]
    Unauthenticated(ErrorContext),
    /// The token's identity may not do this (403).
    #[error("not allowed: {0}")]
    Forbidden(ErrorContext),
    /// The token endpoint refused (RFC 6749 §5.2 `error`, e.g. `invalid_grant`).
    #[error("the token request was refused: {context}")]
    OAuth {
        /// The RFC 6749 error code.
        error: String,
        /// The call.
        context: ErrorContext,
    },
    /// The service is unavailable (503); retry after the delay.
    #[error("the service is unavailable{}: {context}", retry_hint(*.retry_after))]
    Unavailable {
        /// `Retry-After`, when sent.
        retry_after: Option<Duration>,
        /// The call.
        context: ErrorContext,
    },
    /// Any other error answer from Wix.
    #[error("Wix refused the request: {0}")]
    Api(ErrorContext),
    /// A success answer whose body did not decode.
    #[error(
        "{operation} answered {status} with a body that does not decode at `{path}` ({category})"
    )]
    Decode {
        /// The operation.
        operation: &'static str,
        /// The status.
        status: u16,
        /// Where decoding stopped, e.g. `identity.revision`.
        path: String,
        /// `syntax`, `data` or `eof`.
        category: &'static str,
    },
    /// The request could not be sent or the answer not read.
    #[error("{operation}: {kind}")]
    Transport {
        /// The operation.
        operation: &'static str,
        /// What happened.
        kind: TransportKind,
    },
    /// An answer the operation does not have (e.g. a redirect from a JSON endpoint).
    #[error("{operation} answered an unexpected {status}")]
    UnexpectedStatus {
        /// The operation.
        operation: &'static str,
        /// The status.
        status: u16,
    },
    /// The request could not be built.
    #[error("{operation}: the request could not be built")]
    InvalidRequest {
        /// The operation.
        operation: &'static str,
    },
    /// Authorize answered with an error on the redirect (e.g. `login_required`).
    #[error("authorization failed: {error}{}", .description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    AuthorizationDenied {
        /// The `error` parameter.
        error: String,
        /// The `error_description` parameter.
        description: Option<String>,
    },
    /// The callback's `state` differs from the one sent.
    #[error("the callback's state does not match the pending login")]
    StateMismatch,
    /// The callback has no `state`.
    #[error("the callback has no state")]
    MissingState,
    /// The callback has no `code`.
    #[error("the callback has no code")]
    MissingCode,
    /// The callback arrived at another URL than the redirect URI the authorization named.
    #[error("the callback URL is not the redirect URI of the pending login")]
    RedirectUriMismatch,
    /// The callback URL does not parse.
    #[error("the callback URL is not a valid URL")]
    InvalidCallbackUrl,
    /// Authorize answered a server-side request without a redirect (a page meant for a
    /// browser, or a session token it did not accept). Neither Wix's docs nor its SDK read
    /// Authorize from a server, so a site may always answer this way: send the browser
    /// through [`crate::WixAuth::begin_session_login`] instead, or, with an API key, use
    /// [`crate::WixAuth::external_login`].
    #[error(
        "authorize answered {status} instead of redirecting: send the browser through a session login (begin_session_login) or use external login with an API key"
    )]
    NoRedirect {
        /// The status.
        status: u16,
    },
    /// The pending login is older than the allowed age.
    #[error("the pending login expired; start the login again")]
    PendingLoginExpired,
    /// The pending login was already completed once.
    #[error("the pending login was already used")]
    PendingLoginUsed,
    /// An API key is needed and none is configured ([`crate::WixAuthBuilder::api_key`]).
    #[error("no API key is configured for external login")]
    MissingApiKey,
    /// A redirect URI is needed and none is configured.
    #[error("no redirect URI is configured for the OAuth flows")]
    MissingRedirectUri,
    /// A PKCE verifier length outside 43–128, or characters outside the unreserved set.
    #[error("a PKCE verifier must have 43 to 128 unreserved characters (got {len})")]
    InvalidVerifier {
        /// The length given.
        len: usize,
    },
    /// An answer without a token its state requires (the session token of `SUCCESS`, the
    /// state token of `REQUIRE_EMAIL_VERIFICATION`, the redirect session's URL).
    #[error("{operation} answered without `{field}`")]
    MissingField {
        /// The operation.
        operation: &'static str,
        /// The missing field.
        field: &'static str,
    },
    /// The builder was given settings that contradict each other.
    #[error("invalid configuration: {0}")]
    InvalidConfiguration(&'static str),
    /// The HTTP client could not be built.
    #[error("the HTTP client could not be built")]
    HttpClient,
    /// There are no tokens to use or refresh.
    #[error("no tokens are stored for this session")]
    NoTokens,
    /// The tokens have no refresh token, and the access token expired.
    #[error("the access token expired and there is no refresh token")]
    NoRefreshToken,
    /// The token store failed.
    #[error("token store: {0}")]
    Store(#[from] crate::store::StoreError),
    /// The OS random source failed.
    #[error("the system random source failed")]
    Randomness,
    /// A URL in the configuration or a response does not parse.
    #[error("invalid URL: {0}")]
    InvalidUrl(&'static str),
}

fn retry_hint(retry_after: Option<Duration>) -> String {
    retry_after
        .map(|d| format!(" (retry after {} s)", d.as_secs()))
        .unwrap_or_default()
}

/// Why a request did not complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// The configured timeout passed.
    Timeout,
    /// No connection could be made.
    Connect,
    /// The connection failed while sending or reading.
    Other,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Timeout => "timed out",
            Self::Connect => "could not connect",
            Self::Other => "the connection failed",
        })
    }
}

impl Error {
    /// The context of an error answer, when there was one.
    pub fn context(&self) -> Option<&ErrorContext> {
        match self {
            Self::NotPermitted(c)
            | Self::InvalidCredentials(c)
            | Self::UnknownAccount(c)
            | Self::EmailExists(c)
            | Self::CaptchaRequired(c)
            | Self::CaptchaInvalid(c)
            | Self::PasswordResetRequired(c)
            | Self::PendingApproval(c)
            | Self::VerificationFailed(c)
            | Self::InvalidStateToken(c)
            | Self::InvalidRecoveryToken(c)
            | Self::Unauthenticated(c)
            | Self::Forbidden(c)
            | Self::Api(c) => Some(c),
            Self::Throttled { context, .. }
            | Self::Validation { context, .. }
            | Self::OAuth { context, .. }
            | Self::Unavailable { context, .. } => Some(context),
            _ => None,
        }
    }

    /// The Wix request id of the failed call.
    pub fn request_id(&self) -> Option<&str> {
        self.context()?.request_id.as_deref()
    }

    /// How long to wait before retrying, for 429 and 503 answers.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Throttled { retry_after, .. } | Self::Unavailable { retry_after, .. } => {
                *retry_after
            }
            _ => None,
        }
    }
}

/// Turns a generated call's result into the flow's, decoding error answers.
pub(crate) async fn from_generated<T: DeserializeOwned>(
    operation: &'static str,
    result: Result<wix_auth_generated::ResponseValue<T>, wix_auth_generated::Error<ByteStream>>,
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
