//! What a caller can do about an [`Error`]: a small closed set, for web handlers (an HTTP
//! status), command lines (an exit code) and retry policies.

use crate::Error;

/// What a caller can do about an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The member must change what they entered: wrong password, unknown or taken email,
    /// wrong code, missing CAPTCHA, a field the API refuses, or Wix will not let them in.
    Input,
    /// The member must log in (again): no tokens, an expired or revoked token, or a login
    /// whose callback cannot complete (state, code, age, replay).
    Reauthenticate,
    /// Try again later: throttled or unavailable; [`Error::retry_after`] says when.
    RetryLater,
    /// The app is misconfigured: redirect URI, client, API key, or contradictory settings.
    Misconfigured,
    /// Wix answered something unexpected: a body that does not decode, a status the
    /// operation does not have, a server error.
    Unexpected,
    /// The request did not complete (network, timeout), or the token store could not be
    /// reached: try again later; nothing stored was lost.
    Transport,
}

impl crate::store::StoreError {
    /// What the caller can do about this store error: an outage is
    /// [`ErrorKind::Transport`] (retry; the session is intact), damaged data
    /// [`ErrorKind::Unexpected`], a bad store setting [`ErrorKind::Misconfigured`].
    pub fn kind(&self) -> ErrorKind {
        use crate::store::StoreError as S;
        match self {
            S::Corrupt { .. } | S::CorruptFile { .. } | S::Randomness => ErrorKind::Unexpected,
            S::InvalidConfiguration(_) => ErrorKind::Misconfigured,
            _ => ErrorKind::Transport,
        }
    }
}

impl Error {
    /// What the caller can do about this error.
    pub fn kind(&self) -> ErrorKind {
        use ErrorKind as K;
        match self {
            Self::NotPermitted(_)
            | Self::InvalidCredentials(_)
            | Self::UnknownAccount(_)
            | Self::EmailExists(_)
            | Self::CaptchaRequired(_)
            | Self::CaptchaInvalid(_)
            | Self::PasswordResetRequired(_)
            | Self::PendingApproval(_)
            | Self::Validation { .. }
            | Self::VerificationFailed(_)
            | Self::InvalidRecoveryToken(_) => K::Input,
            Self::InvalidStateToken(_)
            | Self::Unauthenticated(_)
            | Self::OAuth { .. }
            | Self::Callback(_)
            | Self::NoTokens
            | Self::NoRefreshToken => K::Reauthenticate,
            Self::Throttled { .. } | Self::Unavailable { .. } => K::RetryLater,
            Self::Forbidden(_)
            | Self::MissingRedirectUri
            | Self::MissingApiKey
            | Self::InvalidVerifier { .. }
            | Self::InvalidConfiguration(_)
            | Self::InvalidUrl(_)
            | Self::HttpClient => K::Misconfigured,
            Self::Api(context) if context.status.is_some_and(|s| s < 500) => K::Input,
            Self::Api(_)
            | Self::Decode { .. }
            | Self::UnexpectedStatus { .. }
            | Self::InvalidRequest { .. }
            | Self::NoRedirect { .. }
            | Self::MissingField { .. }
            | Self::Randomness => K::Unexpected,
            Self::Transport { .. } => K::Transport,
            Self::Store(store) => store.kind(),
        }
    }
}
