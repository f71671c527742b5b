//! The crate's one error type and what it keeps of a failed call.
//!
//! progenitor's errors print headers and raw bodies (tokens included). Every failure is
//! rebuilt (in the crate's one decoder) from what is safe to keep: the operation, the status, the
//! Wix request id, the decoded envelope (code, description, field violations),
//! `Retry-After`, and for a body that did not decode its serde path and category — never
//! bytes, headers, URLs or serde's message text.

pub use crate::kind::ErrorKind;

use std::fmt;
use std::time::Duration;

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
#[non_exhaustive]
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
    /// A login callback that cannot complete: an `error` from Authorize, a state, code or
    /// redirect URI that does not fit, or a pending login too old or used already. Nothing
    /// reached the token endpoint.
    #[error(transparent)]
    Callback(#[from] CallbackError),
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

/// Why a login callback cannot complete; no token request was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
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
    /// The pending login is older than the allowed age.
    #[error("the pending login expired; start the login again")]
    PendingLoginExpired,
    /// The pending login was already completed once.
    #[error("the pending login was already used")]
    PendingLoginUsed,
}

fn retry_hint(retry_after: Option<Duration>) -> String {
    retry_after
        .map(|d| format!(" (retry after {} s)", d.as_secs()))
        .unwrap_or_default()
}

/// Why a request did not complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
