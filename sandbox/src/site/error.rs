//! The one error of the site's rules. It names the situation; how each looks on the wire
//! (status, application code, envelope, headers) is decided once, in `http::error`.

use std::borrow::Cow;

use crate::crypto::RandomError;

/// Why a rule refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteError {
    /// The request was refused for a reason Wix answers with an application error.
    Refused(Refusal),
    /// Too many failed logins: try again after `retry_after` seconds.
    Throttled {
        /// Seconds until the window ends.
        retry_after: u64,
    },
    /// A field of the request is missing or invalid.
    Invalid {
        /// The field's path, e.g. `loginId.email`.
        field: Cow<'static, str>,
        /// The violated rule, e.g. `INVALID_EMAIL`.
        rule: &'static str,
        /// What the violation says.
        description: Cow<'static, str>,
    },
    /// No usable access token.
    Unauthenticated,
    /// The caller's identity may not do this.
    Forbidden(&'static str),
    /// No such thing.
    NotFound(&'static str),
    /// The request comes at the wrong moment.
    Precondition(&'static str),
    /// An RFC 6749 error of the token endpoint.
    Grant {
        /// The `error` code.
        error: GrantError,
        /// The `error_description`.
        description: Cow<'static, str>,
    },
    /// The system random source failed; the sandbox cannot mint anything.
    Randomness,
}

/// Why a request was refused, in the site's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The password does not match the email's.
    WrongPassword,
    /// No member has the email.
    UnknownEmail,
    /// A member has the email already.
    EmailTaken,
    /// The site requires a CAPTCHA and none was sent.
    CaptchaMissing,
    /// The CAPTCHA token was refused.
    CaptchaInvalid,
    /// The password was reset: the member must set a new one first.
    PasswordResetRequired,
    /// The membership waits for the site owner's approval.
    AwaitingApproval,
    /// The state token is unknown, used or expired.
    InvalidStateToken,
    /// The emailed code is wrong.
    WrongCode,
    /// The recovery token is unknown or used.
    UnknownRecoveryToken,
    /// The recovery token expired.
    RecoveryTokenExpired,
    /// An API key or the token before it is not accepted (the reason).
    BadApiKey(&'static str),
    /// The request body is larger than the sandbox reads.
    BodyTooLarge,
    /// The request body could not be read.
    UnreadableBody,
    /// The path does not take this method.
    MethodNotAllowed,
}

impl Refusal {
    /// What the message says.
    pub fn message(self) -> &'static str {
        match self {
            Self::WrongPassword => "Wrong email or password",
            Self::UnknownEmail => "No member has this email",
            Self::EmailTaken => "A member with this email already exists",
            Self::CaptchaMissing => "A CAPTCHA token is required",
            Self::CaptchaInvalid => "The CAPTCHA token is invalid",
            Self::PasswordResetRequired => "The password was reset; use \"forgot password\"",
            Self::AwaitingApproval => "The membership is waiting for the site owner's approval",
            Self::InvalidStateToken => "The state token is invalid or expired",
            Self::WrongCode => "The verification code is wrong",
            Self::UnknownRecoveryToken => "The recovery token is unknown or already used",
            Self::RecoveryTokenExpired => "The recovery token expired",
            Self::BadApiKey(reason) => reason,
            Self::BodyTooLarge => "The request body is too large",
            Self::UnreadableBody => "The request body could not be read",
            Self::MethodNotAllowed => "This method is not allowed here",
        }
    }
}

/// The RFC 6749 §5.2 error codes the token endpoint answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantError {
    /// `invalid_request`.
    InvalidRequest,
    /// `invalid_client`.
    InvalidClient,
    /// `invalid_grant`.
    InvalidGrant,
    /// `unsupported_grant_type`.
    UnsupportedGrantType,
}

impl GrantError {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::InvalidClient => "invalid_client",
            Self::InvalidGrant => "invalid_grant",
            Self::UnsupportedGrantType => "unsupported_grant_type",
        }
    }
}

impl SiteError {
    /// One invalid field.
    pub fn invalid(
        field: impl Into<Cow<'static, str>>,
        rule: &'static str,
        description: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::Invalid {
            field: field.into(),
            rule,
            description: description.into(),
        }
    }

    /// An RFC 6749 error.
    pub fn grant(error: GrantError, description: impl Into<Cow<'static, str>>) -> Self {
        Self::Grant {
            error,
            description: description.into(),
        }
    }

    /// `invalid_grant`, the answer to every code or token that cannot be redeemed.
    pub fn invalid_grant(description: impl Into<Cow<'static, str>>) -> Self {
        Self::grant(GrantError::InvalidGrant, description)
    }

    /// What the error says to a person (the login page shows it).
    pub fn message(&self) -> Cow<'static, str> {
        match self {
            Self::Refused(refusal) => refusal.message().into(),
            Self::Throttled { .. } => "Too many failed logins; try again later".into(),
            Self::Invalid { description, .. } | Self::Grant { description, .. } => {
                description.clone()
            }
            Self::Unauthenticated => "Missing, unknown or expired access token".into(),
            Self::Forbidden(m) | Self::NotFound(m) | Self::Precondition(m) => (*m).into(),
            Self::Randomness => "Something went wrong.".into(),
        }
    }
}

impl From<RandomError> for SiteError {
    fn from(_: RandomError) -> Self {
        Self::Randomness
    }
}
