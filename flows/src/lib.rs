#![doc = include_str!("../README.md")]
//!
//! ## The API by part
//!
//! [`WixAuth`] holds every call to Wix; each module holds the types one part of the API
//! takes and answers:
//!
//! | module | what |
//! |---|---|
//! | [`login`] | register, log in, continue a pending state, verify the email code, Sign On, recovery: [`LoginOutcome`] |
//! | [`authorize`] | session token → member tokens, the Wix-managed and social logins, callbacks: [`PendingLogin`] |
//! | [`external`] | member tokens with an API key |
//! | [`account`] | change password, password-reset email, logout URL, Token Info |
//! | [`session`] | [`Session`] and [`Sessions`]: tokens kept fresh, one refresh at a time |
//! | [`store`] | where sessions live: memory, file, Redis, PostgreSQL, SQLite, or your own |
//! | [`tokens`] | [`Tokens`], [`Role`], the member's identity |
//! | [`secrets`] | passwords, tokens, codes and keys, each its own redacted type |
//! | [`error`] | [`Error`], and [`ErrorKind`]: what the caller can do |
//! | [`pkce`], [`clock`] | PKCE verifiers and state; the clock expiry is measured with |
//! | `middleware` (feature `middleware`) | other Wix APIs called as the member or with an API key |
#![forbid(unsafe_code)]

// The rustdoc sidebar is the table of contents: one public module per part of the API, and
// at the root only what a first program names.
pub mod account;
pub mod authorize;
mod client;
pub mod clock;
mod decode;
pub mod error;
pub mod external;
mod grants;
mod kind;
pub mod login;
#[cfg(feature = "middleware")]
pub mod middleware;
mod operation;
pub mod pkce;
pub mod secrets;
pub mod session;
pub mod store;
mod telemetry;
pub mod tokens;

pub use authorize::PendingLogin;
pub use client::{DEFAULT_BASE_URL, WixAuth, WixAuthBuilder};
pub use error::{Error, ErrorKind};
pub use login::{Credentials, LoginOutcome, Registration};
pub use session::{Session, Sessions};
pub use tokens::{Role, Tokens};
/// The HTTP client defaults (rustls, no redirects, timeouts) for a client of your own,
/// given to [`WixAuthBuilder::http_client`].
pub use wix_auth_generated::http_client_builder;
/// The wire types of the generated client, for the few calls that take one (a Sign On
/// profile) and for [`WixAuth::api`].
pub use wix_auth_generated::types;

/// The guide's chapter on the flows, its Rust blocks compiled as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../docs/src/flows.md")]
pub struct GuideFlows;

/// The guide's chapter on token stores, its Rust blocks compiled as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../docs/src/token-stores.md")]
pub struct GuideTokenStores;
