//! What a login route answers when it does not simply redirect: a typed [`AuthOutcome`]
//! the app renders in its own pages through [`AuthPages`]. The crate's only HTML is the
//! minimal [`DefaultPages`].

use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use wix_auth_flows::{Error, ErrorKind};

/// Where a custom login, registration, verification or reset stands, for the app's page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthOutcome {
    /// A code was emailed: show a form posting `code` to `…/verify`.
    VerificationRequired,
    /// The site owner must approve the member first.
    OwnerApprovalRequired,
    /// The site asks for a second factor (or another first factor), which Wix offers no
    /// public operation for: the member logs in through Wix instead (`GET …/login`).
    SecondFactorRequired,
    /// The recovery email was sent, if the address belongs to a member (the answer does not
    /// say which).
    RecoveryEmailSent,
    /// The request was refused.
    Failed(AuthFailure),
}

/// Why a login route refused, in terms a page can show.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthFailure {
    /// Wrong email or password (Wix tells an unknown email apart; the page should not).
    InvalidCredentials,
    /// A member with this email exists already.
    EmailExists,
    /// The verification code is wrong.
    WrongCode,
    /// The member must reset the password first.
    PasswordResetRequired,
    /// Too many attempts; try again after the given time, when known.
    Throttled(Option<Duration>),
    /// A field is missing or invalid (its path, e.g. `password`).
    InvalidInput(Vec<String>),
    /// The site requires a CAPTCHA this form did not carry.
    CaptchaRequired,
    /// No login is in progress for this browser (expired, finished, or another browser's).
    NoLoginInProgress,
    /// The callback does not belong to the login in progress (wrong or missing state, an
    /// error from Wix, a replay).
    CallbackRefused,
    /// A cross-site request, or a missing or wrong CSRF token.
    Forbidden,
    /// Wix or the session store cannot answer now; try again later.
    Unavailable,
    /// The integration or the Wix app is misconfigured (see the server log).
    Misconfigured,
}

impl AuthFailure {
    /// The failure of a flows error, through its kind.
    pub fn from_error(error: &Error) -> Self {
        match error {
            Error::InvalidCredentials(_) | Error::UnknownAccount(_) => Self::InvalidCredentials,
            Error::EmailExists(_) => Self::EmailExists,
            Error::VerificationFailed(_) => Self::WrongCode,
            Error::PasswordResetRequired(_) => Self::PasswordResetRequired,
            Error::Throttled { .. } => Self::Throttled(error.retry_after()),
            Error::Validation { violations, .. } => {
                Self::InvalidInput(violations.iter().filter_map(|v| v.field.clone()).collect())
            }
            Error::CaptchaRequired(_) | Error::CaptchaInvalid(_) => Self::CaptchaRequired,
            Error::InvalidStateToken(_) => Self::NoLoginInProgress,
            Error::Callback(_) => Self::CallbackRefused,
            _ => match error.kind() {
                ErrorKind::Input => Self::InvalidInput(Vec::new()),
                ErrorKind::Reauthenticate => Self::NoLoginInProgress,
                ErrorKind::RetryLater | ErrorKind::Transport | ErrorKind::Unexpected => {
                    Self::Unavailable
                }
                ErrorKind::Misconfigured => Self::Misconfigured,
            },
        }
    }

    /// The HTTP status the failure is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Self::EmailExists => StatusCode::CONFLICT,
            Self::PasswordResetRequired | Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::WrongCode
            | Self::InvalidInput(_)
            | Self::CaptchaRequired
            | Self::NoLoginInProgress
            | Self::CallbackRefused => StatusCode::BAD_REQUEST,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Misconfigured => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A sentence for a person.
    pub fn message(&self) -> &'static str {
        match self {
            Self::InvalidCredentials => "Wrong email or password.",
            Self::EmailExists => "An account with this email exists already.",
            Self::WrongCode => "That code is not right.",
            Self::PasswordResetRequired => "Please reset your password first.",
            Self::Throttled(_) => "Too many attempts. Please wait and try again.",
            Self::InvalidInput(_) => "Please check the form.",
            Self::CaptchaRequired => "Please complete the CAPTCHA.",
            Self::NoLoginInProgress => "This login has expired. Please start again.",
            Self::CallbackRefused => "This login could not be completed. Please start again.",
            Self::Forbidden => "This request was refused.",
            Self::Unavailable => "The service is unavailable. Please try again shortly.",
            Self::Misconfigured => "Login is not set up correctly on this site.",
        }
    }
}

impl AuthOutcome {
    /// The HTTP status the outcome is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Failed(failure) => failure.status(),
            _ => StatusCode::OK,
        }
    }
}

/// The app's pages for the login outcomes. `csrf` is the session's CSRF token, for forms
/// the page shows (e.g. a logout button).
pub trait AuthPages: Send + Sync + 'static {
    /// The page for `outcome`.
    fn render(&self, outcome: &AuthOutcome, csrf: &str) -> Response;
}

impl<F> AuthPages for F
where
    F: Fn(&AuthOutcome, &str) -> Response + Send + Sync + 'static,
{
    fn render(&self, outcome: &AuthOutcome, csrf: &str) -> Response {
        self(outcome, csrf)
    }
}

/// Minimal pages: a sentence, and the code form when a code was sent.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultPages;

impl AuthPages for DefaultPages {
    fn render(&self, outcome: &AuthOutcome, _csrf: &str) -> Response {
        let body = match outcome {
            AuthOutcome::VerificationRequired => {
                "<p>We emailed you a code.</p><form method=\"post\" action=\"verify\">\
                 <label>Code <input name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required></label>\
                 <button type=\"submit\">Verify</button></form>"
            }
            AuthOutcome::OwnerApprovalRequired => {
                "<p>Your membership is waiting for the site owner's approval.</p>"
            }
            AuthOutcome::SecondFactorRequired => {
                "<p>This site asks for a second step. <a href=\"login\">Log in with Wix</a>.</p>"
            }
            AuthOutcome::RecoveryEmailSent => {
                "<p>If this email belongs to a member, a reset link is on its way.</p>"
            }
            AuthOutcome::Failed(failure) => failure.message(),
        };
        (
            outcome.status(),
            Html(format!("<!doctype html><html><body>{body}</body></html>")),
        )
            .into_response()
    }
}
