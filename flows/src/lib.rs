//! Complete, safe Wix Headless member-authentication sequences on top of the generated
//! client: visitor tokens, custom login (register, login, email verification, owner
//! approval), session token → member tokens (server-side, through a full-page redirect,
//! or with an API key), the Wix-managed and social logins, Sign On, password change and recovery, logout, and token sessions that refresh once
//! however many tasks ask and never turn a member into a visitor.
//!
//! Start with [`WixAuth::builder`].
#![forbid(unsafe_code)]

mod account;
mod authorize;
mod client;
pub mod clock;
mod decode;
mod error;
mod external;
mod grants;
mod kind;
mod login;
#[cfg(feature = "middleware")]
pub mod middleware;
pub mod pkce;
mod secrets;
mod session;
pub mod store;
mod telemetry;
mod tokens;

pub use account::TokenInfo;
pub use authorize::{AuthorizeAnswer, Callback, IdentityProvider, PendingLogin};
pub use client::{DEFAULT_BASE_URL, DEFAULT_PENDING_LOGIN_MAX_AGE, WixAuth, WixAuthBuilder};
pub use error::{BodyKind, CallbackError, Error, ErrorContext, FieldViolation, TransportKind};
pub use external::{ApiKeyScope, SignedOn};
pub use kind::ErrorKind;
pub use login::{Captcha, Credentials, LoginOutcome, Registration};
pub use secrets::{
    AccessToken, ApiKey, AuthorizationCode, ClientSecret, Password, RecoveryToken, RefreshToken,
    SessionToken, StateToken,
};
pub use session::{DEFAULT_REFRESH_MARGIN, DEFAULT_SESSION_LIFETIME, Session, Sessions};
pub use store::{FileStore, MemoryStore, TokenStore};
pub use tokens::{MemberIdentity, Role, Tokens};
pub use wix_auth_generated::{http_client_builder, types};

/// Compiles the README's Rust examples (generated client, flows, sandbox) as doctests, so
/// they cannot drift from the code.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
