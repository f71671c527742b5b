//! Wix's application error codes (`details.applicationError.code`): the one table both sides
//! of the wire use — the flows classify answers with it, the sandbox answers with it.
//!
//! Sources: `@wix/sdk`'s constants and npm types (`RegisterV2ApplicationErrors`,
//! `LoginV2ApplicationErrors`), the docs, and, where the spec marks a code *(third-party)*,
//! code outside Wix that met it.

/// Wrong email or password.
pub const INVALID_CREDENTIALS: &str = "-19976";
/// No member has this email *(third-party)*.
pub const UNKNOWN_EMAIL: &str = "-19999";
/// The email is already registered.
pub const EMAIL_EXISTS: &str = "-19995";
/// A CAPTCHA token is required.
pub const CAPTCHA_MISSING: &str = "-19971";
/// The CAPTCHA token was rejected.
pub const CAPTCHA_INVALID: &str = "-19970";
/// The password was reset; the member must use "forgot password".
pub const RESET_PASSWORD: &str = "-19973";
/// The membership awaits the owner's approval *(third-party)*.
pub const PENDING_APPROVAL: &str = "-19958";
/// Too many attempts *(third-party)*.
pub const THROTTLED: &str = "-19959";
/// Too many recovery emails *(third-party)*.
pub const RESEND_THROTTLED: &str = "-19901";
/// The state token is unknown, used or expired.
pub const INVALID_STATE_TOKEN: &str = "-19984";
/// The recovery token expired *(third-party)*.
pub const RECOVERY_TOKEN_EXPIRED: &str = "-19972";
/// The recovery token is unknown or used *(third-party)*.
pub const RECOVERY_TOKEN_NOT_FOUND: &str = "RECOVERY_TOKEN_DATA_NOT_FOUND";
/// The verification code is wrong.
pub const VERIFICATION_FAILED: &str = "VERIFICATION_FAILED";

/// What a code means to a client; a numeric code and its typed twin mean the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeMeaning {
    /// Wix does not let this member or client log in or register here.
    NotPermitted,
    /// Wrong email or password.
    InvalidCredentials,
    /// No member has this email.
    UnknownAccount,
    /// The email is already registered.
    EmailExists,
    /// A CAPTCHA token is required.
    CaptchaRequired,
    /// The CAPTCHA token was rejected.
    CaptchaInvalid,
    /// The member must reset the password.
    PasswordResetRequired,
    /// The membership awaits the owner's approval.
    PendingApproval,
    /// Too many requests; retry later.
    Throttled,
    /// The verification code is wrong.
    VerificationFailed,
    /// The state token is unknown, used or expired.
    InvalidStateToken,
    /// The recovery token is unknown, used or expired.
    InvalidRecoveryToken,
}

/// Every code with its meaning.
pub const CODES: &[(&str, CodeMeaning)] = &[
    (INVALID_CREDENTIALS, CodeMeaning::InvalidCredentials),
    (UNKNOWN_EMAIL, CodeMeaning::UnknownAccount),
    (EMAIL_EXISTS, CodeMeaning::EmailExists),
    ("DUPLICATE_EMAIL", CodeMeaning::EmailExists),
    (CAPTCHA_MISSING, CodeMeaning::CaptchaRequired),
    ("CAPTCHA_TOKEN_REQUIRED", CodeMeaning::CaptchaRequired),
    ("MISSING_CAPTCHA_TOKEN", CodeMeaning::CaptchaRequired),
    ("RECAPTCHA_REQUIRED", CodeMeaning::CaptchaRequired),
    (CAPTCHA_INVALID, CodeMeaning::CaptchaInvalid),
    ("INVALID_CAPTCHA_TOKEN", CodeMeaning::CaptchaInvalid),
    ("RECAPTCHA_FAILED", CodeMeaning::CaptchaInvalid),
    (RESET_PASSWORD, CodeMeaning::PasswordResetRequired),
    (
        "REENROLLMENT_REQUIRED_BY_ADMIN",
        CodeMeaning::PasswordResetRequired,
    ),
    (PENDING_APPROVAL, CodeMeaning::PendingApproval),
    (THROTTLED, CodeMeaning::Throttled),
    (RESEND_THROTTLED, CodeMeaning::Throttled),
    ("THROTTLED_FEATURE", CodeMeaning::Throttled),
    (VERIFICATION_FAILED, CodeMeaning::VerificationFailed),
    ("EMAIL_VERIFICATION_FAILED", CodeMeaning::VerificationFailed),
    (INVALID_STATE_TOKEN, CodeMeaning::InvalidStateToken),
    (RECOVERY_TOKEN_NOT_FOUND, CodeMeaning::InvalidRecoveryToken),
    (RECOVERY_TOKEN_EXPIRED, CodeMeaning::InvalidRecoveryToken),
    ("EXPIRED_JWT_TOKEN", CodeMeaning::InvalidRecoveryToken),
    ("TRUSTED_CLIENTS_ONLY", CodeMeaning::NotPermitted),
    ("IP_ADDRESS_FILTERED", CodeMeaning::NotPermitted),
    ("USER_EMAIL_OFAC_ADDRESS", CodeMeaning::NotPermitted),
    (
        "WIX_EMPLOYEE_PASSWORD_LOGIN_NOT_ALLOWED",
        CodeMeaning::NotPermitted,
    ),
    (
        "REGISTRATION_TO_EDITORX_NOT_ALLOWED",
        CodeMeaning::NotPermitted,
    ),
];

/// The meaning of a code, when it is in the table.
pub fn meaning(code: &str) -> Option<CodeMeaning> {
    CODES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, meaning)| *meaning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_is_listed_once() {
        let mut codes: Vec<&str> = CODES.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), before);
        assert_eq!(meaning("-19976"), Some(CodeMeaning::InvalidCredentials));
        assert_eq!(meaning("NO_SUCH_CODE"), None);
    }
}
