#![doc = include_str!("../README.md")]
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

/// The guide's chapter on the flows, its Rust blocks compiled as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../docs/src/flows.md")]
pub struct GuideFlows;

/// The guide's chapter on token stores, its Rust blocks compiled as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../docs/src/token-stores.md")]
pub struct GuideTokenStores;
