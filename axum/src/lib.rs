//! Wix Headless member login for an axum app: mount [`WixAuthWeb::router`], wrap the app in
//! [`WixAuthWeb::layer`], and take a [`Member`], [`MaybeMember`] or [`WixAccess`] in a
//! handler. Tokens stay server-side in a flows `TokenStore` (memory, Redis, PostgreSQL,
//! SQLite, or one of your own); the browser holds only an encrypted cookie with a random
//! session id.
#![forbid(unsafe_code)]

#[cfg(feature = "axum-login")]
pub mod axum_login;
mod carrier;
mod config;
mod extract;
mod hooks;
mod outcome;
mod policy;
mod return_to;
mod routes;

pub use carrier::{SessionLayer, SessionService};
pub use config::{ConfigError, MIN_COOKIE_KEY_LEN, Rejection, WixAuthWeb, WixAuthWebBuilder};
pub use extract::{AuthRejection, MaybeMember, Member, WixAccess};
pub use hooks::{EstablishedLogin, LoginMethod};
pub use outcome::{AuthFailure, AuthOutcome, AuthPages, DefaultPages};
pub use return_to::safe_return_to;
