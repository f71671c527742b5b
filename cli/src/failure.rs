//! What a failed command says, and its exit code, from the error's kind: 2 usage or
//! misconfiguration, 3 refused (input to change, or a login to redo), 4 try later or
//! unreachable, 1 anything local.

use wix_auth_flows::{Error, ErrorKind, error::CallbackError};

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

    /// A failure the command has already reported in full (its output says what failed):
    /// only the exit code remains.
    pub fn reported(code: u8) -> Self {
        Self {
            message: String::new(),
            hint: None,
            code,
        }
    }

    /// Whether the command already reported it.
    pub fn is_reported(&self) -> bool {
        self.message.is_empty()
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = Some(hint);
        self
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        // The exit code follows what the caller can do (`Error::kind`); the hint names the
        // command or flag where one fits. The message already carries any `Retry-After`.
        let kind = error.kind();
        let code = match (&error, kind) {
            (Error::Store(_), _) => LOCAL,
            (_, ErrorKind::Input | ErrorKind::Reauthenticate) => REFUSED,
            (_, ErrorKind::Misconfigured) => USAGE,
            _ => UNREACHABLE,
        };
        let hint = match &error {
            Error::MissingRedirectUri => "pass --redirect-uri (or set WIX_REDIRECT_URI)",
            Error::MissingApiKey => {
                "set WIX_API_KEY and pass --site-id (or --account-id) for external login"
            }
            Error::NoRedirect { .. } => {
                "open the URL of `wix-auth session-login-url` in a browser, or use `external-login` with an API key"
            }
            Error::InvalidCredentials(_) => "check the email and password",
            Error::UnknownAccount(_) => "register first, or check the email",
            Error::EmailExists(_) => "log in instead, or reset the password",
            Error::VerificationFailed(_) => "check the code in the email and try again",
            Error::PasswordResetRequired(_) => "run `wix-auth reset-password --email …`",
            Error::Callback(
                CallbackError::PendingLoginExpired | CallbackError::PendingLoginUsed,
            ) => "run `wix-auth authorize-url` again",
            Error::NoTokens | Error::NoRefreshToken => {
                "run `wix-auth visitor`, `login` or `tokens` first"
            }
            Error::Store(_) => {
                "check the credential store or the token file; --insecure-storage keeps tokens in a file"
            }
            _ => match kind {
                ErrorKind::Input => "check what was entered; the message names the problem",
                ErrorKind::Reauthenticate => "log in again",
                ErrorKind::RetryLater => "wait and retry",
                ErrorKind::Misconfigured => {
                    "check --client-id, --redirect-uri and the app's settings on Wix"
                }
                ErrorKind::Unexpected => "Wix answered something unexpected: retry, or report it",
                ErrorKind::Transport => "check --base-url and the network, then retry",
            },
        };
        Self {
            message: error.to_string(),
            hint: Some(hint),
            code,
        }
    }
}
