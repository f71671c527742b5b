//! Reading the values Wix sends in more than one encoding (proto3 int64 strings, the docs'
//! string booleans) as plain numbers and booleans.

use crate::types::{Active, ExpiresIn, TokenInfoResponse, UnixSeconds};

impl ExpiresIn {
    /// The lifetime in seconds, whether sent as a number or a string; `None` when negative
    /// or not a number.
    pub fn seconds(&self) -> Option<u64> {
        match self {
            Self::Int64(n) => u64::try_from(*n).ok(),
            Self::String(s) => s.trim().parse().ok(),
        }
    }
}

impl UnixSeconds {
    /// The Unix time in seconds, whether sent as a number or a string; `None` when the
    /// string is not a number.
    pub fn seconds(&self) -> Option<i64> {
        match self {
            Self::Int64(n) => Some(*n),
            Self::String(s) => s.trim().parse().ok(),
        }
    }
}

impl Active {
    /// The flag, whether sent as a boolean or as `"true"` / `"false"` (any case); `None`
    /// for any other string.
    pub fn value(&self) -> Option<bool> {
        match self {
            Self::Boolean(b) => Some(*b),
            Self::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Self::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            Self::String(_) => None,
        }
    }
}

impl TokenInfoResponse {
    /// Whether the token is active: proto3 JSON omits a false `active`, and a value that is
    /// neither true nor false counts as inactive.
    pub fn is_active(&self) -> bool {
        self.active
            .as_ref()
            .and_then(Active::value)
            .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_in_reads_numbers_and_strings() {
        assert_eq!(ExpiresIn::Int64(14400).seconds(), Some(14400));
        assert_eq!(ExpiresIn::String(" 14400".into()).seconds(), Some(14400));
        assert_eq!(ExpiresIn::Int64(-1).seconds(), None);
        assert_eq!(ExpiresIn::String("soon".into()).seconds(), None);
    }

    #[test]
    fn active_reads_booleans_and_strings() {
        assert_eq!(Active::Boolean(false).value(), Some(false));
        assert_eq!(Active::String("TRUE".into()).value(), Some(true));
        assert_eq!(Active::String("false".into()).value(), Some(false));
        assert_eq!(Active::String("yes".into()).value(), None);
    }

    #[test]
    fn absent_active_means_inactive() {
        assert!(!TokenInfoResponse::default().is_active());
    }

    #[test]
    fn unix_seconds_reads_numbers_and_strings() {
        assert_eq!(
            UnixSeconds::String("1700000000".into()).seconds(),
            Some(1_700_000_000)
        );
        assert_eq!(UnixSeconds::Int64(5).seconds(), Some(5));
        assert_eq!(UnixSeconds::String("x".into()).seconds(), None);
    }
}
