//! What a failed command says, and its exit code: 2 usage, 3 refused (authentication or
//! authorization), 4 network or server, 1 anything local.

use wix_auth_flows::Error;

/// Exit code of a usage error.
pub const USAGE: u8 = 2;
/// Exit code of a refusal by the server or the authorization checks.
pub const REFUSED: u8 = 3;
/// Exit code of a network or server failure.
pub const UNREACHABLE: u8 = 4;
/// Exit code of a local failure (files, missing tokens).
pub const LOCAL: u8 = 1;

/// A failed command: what happened, what to do, and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// What happened.
    pub message: String,
    /// What to do about it.
    pub hint: Option<&'static str>,
    /// The exit code.
    pub code: u8,
}

impl Failure {
    /// A local failure.
    pub fn local(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
            code: LOCAL,
        }
    }

    /// A usage failure.
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
            code: USAGE,
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = Some(hint);
        self
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let (code, hint) = match &error {
            Error::InvalidCredentials(_) => (REFUSED, "check the email and password"),
            Error::NotPermitted(_) => (REFUSED, "Wix does not allow this member or client here"),
            Error::MissingApiKey => (
                USAGE,
                "set WIX_API_KEY and pass --site-id (or --account-id) for external login",
            ),
            Error::NoRedirect { .. } => (
                REFUSED,
                "open the URL of `wix-auth session-login-url` in a browser, or use `external-login` with an API key",
            ),
            Error::UnknownAccount(_) => (REFUSED, "register first, or check the email"),
            Error::EmailExists(_) => (REFUSED, "log in instead, or reset the password"),
            Error::CaptchaRequired(_) | Error::CaptchaInvalid(_) => {
                (REFUSED, "the site requires a valid CAPTCHA token")
            }
            Error::PasswordResetRequired(_) => (REFUSED, "run `wix-auth reset-password --email …`"),
            Error::PendingApproval(_) => (REFUSED, "wait for the site owner to approve the member"),
            Error::VerificationFailed(_) => (REFUSED, "check the code in the email and try again"),
            Error::InvalidStateToken(_) => (REFUSED, "log in or register again to get a new code"),
            Error::InvalidRecoveryToken(_) => (REFUSED, "send a new password-reset email"),
            Error::Unauthenticated(_) => (
                REFUSED,
                "the token expired or is unknown: run `wix-auth refresh` or log in again",
            ),
            Error::Forbidden(_) => (
                REFUSED,
                "this needs another kind of token (member, or app for sign-on)",
            ),
            Error::Validation { .. } => (REFUSED, "fix the fields the server names"),
            Error::OAuth { .. } => (REFUSED, "the token request was refused: log in again"),
            Error::StateMismatch
            | Error::MissingState
            | Error::MissingCode
            | Error::RedirectUriMismatch
            | Error::AuthorizationDenied { .. } => (
                REFUSED,
                "the authorization did not complete: start the login again",
            ),
            Error::PendingLoginExpired | Error::PendingLoginUsed => {
                (REFUSED, "run `wix-auth authorize-url` again")
            }
            Error::Throttled { .. } => (UNREACHABLE, "too many requests: wait and retry"),
            Error::Unavailable { .. }
            | Error::Transport { .. }
            | Error::Decode { .. }
            | Error::UnexpectedStatus { .. }
            | Error::HttpClient => (UNREACHABLE, "check --base-url and the network, then retry"),
            Error::Api(context) if context.status.is_some_and(|s| s >= 500) => {
                (UNREACHABLE, "the server failed: retry later")
            }
            Error::Api(_) => (REFUSED, "the server refused the request"),
            Error::MissingRedirectUri => (USAGE, "pass --redirect-uri (or set WIX_REDIRECT_URI)"),
            Error::NoTokens | Error::NoRefreshToken => {
                (LOCAL, "run `wix-auth visitor`, `login` or `tokens` first")
            }
            _ => (LOCAL, "see the message"),
        };
        let mut message = error.to_string();
        if let Some(after) = error.retry_after() {
            message.push_str(&format!(" (retry after {} s)", after.as_secs()));
        }
        Self {
            message,
            hint: Some(hint),
            code,
        }
    }
}
