//! The secret values of the flows, each its own type so one cannot be passed for another.
//! One policy for every secret: zeroed on drop, `[REDACTED]` in `Debug`, no `Display` (a
//! secret is never formatted by accident), read with `expose_secret()`, and serialized as the
//! plain string where it must persist (token stores, pending-login cookies).
//!
//! ```compile_fail,E0277
//! // A secret cannot be formatted for display, so it cannot slip into a message:
//! let token = wix_auth_flows::secrets::AccessToken::new("OauthNG.JWS.x");
//! println!("{token}");
//! ```
//!
//! ```compile_fail,E0599
//! let verifier = wix_auth_flows::pkce::CodeVerifier::generate().unwrap();
//! let _ = verifier.to_string();
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};
use wix_auth_generated::Secret;

macro_rules! secret_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Serialize, Deserialize)]
            #[serde(transparent)]
            pub struct $name(Secret);

            impl $name {
                /// Wraps a secret value.
                pub fn new(value: impl Into<String>) -> Self {
                    Self(Secret::new(value))
                }

                /// The secret value; keep it out of logs.
                pub fn expose_secret(&self) -> &str {
                    self.0.expose_secret()
                }

                /// As the generated client's secret type.
                pub fn to_wire(&self) -> Secret {
                    self.0.clone()
                }
            }

            impl fmt::Debug for $name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, concat!(stringify!($name), "([REDACTED])"))
                }
            }

            impl From<Secret> for $name {
                fn from(secret: Secret) -> Self {
                    Self(secret)
                }
            }

            impl From<&str> for $name {
                fn from(value: &str) -> Self {
                    Self::new(value)
                }
            }

            impl From<String> for $name {
                fn from(value: String) -> Self {
                    Self::new(value)
                }
            }
        )*
    };
}

secret_type! {
    /// A member's password.
    Password;
    /// Proof of a successful login, turned into member tokens through Authorize.
    SessionToken;
    /// Continues a pending login state (email verification, owner approval).
    StateToken;
    /// An OAuth access token, sent raw in `Authorization`.
    AccessToken;
    /// An OAuth refresh token.
    RefreshToken;
    /// An authorization code from Authorize.
    AuthorizationCode;
    /// A password-recovery token from the recovery email.
    RecoveryToken;
    /// An OAuth app's client secret.
    ClientSecret;
    /// A Wix API key (sent with a site or account id).
    ApiKey;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let token = AccessToken::new("OauthNG.JWS.very-secret");
        let shown = format!("{token:?} {:?}", Some(&token));
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(shown.contains("AccessToken([REDACTED])"));
    }

    #[test]
    fn serde_is_transparent() {
        let token = SessionToken::new("MST.x");
        assert_eq!(serde_json::to_string(&token).unwrap(), "\"MST.x\"");
        let back: SessionToken = serde_json::from_str("\"MST.x\"").unwrap();
        assert_eq!(back.expose_secret(), "MST.x");
    }
}
