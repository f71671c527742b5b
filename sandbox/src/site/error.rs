//! The one error of the site's rules. It says what went wrong in Wix's terms; how each case
//! looks on the wire (status, envelope, headers) is decided once, in `http::error`.

use std::borrow::Cow;

use crate::crypto::RandomError;

/// Why a rule refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteError {
    /// A Wix application error, by its code in `wix_auth_generated::codes` (or a generic
    /// code such as `NOT_FOUND`).
    Refused {
        /// `details.applicationError.code`.
        code: &'static str,
        /// What the message says.
        message: Cow<'static, str>,
    },
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
    /// A Wix application error.
    pub fn refused(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self::Refused {
            code,
            message: message.into(),
        }
    }

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
            Self::Refused { message, .. } => message.clone(),
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
