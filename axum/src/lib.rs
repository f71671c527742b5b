#![doc = include_str!("../README.md")]
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

/// The guide's chapter on web apps, its Rust blocks compiled as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../docs/src/axum.md")]
pub struct GuideWebApps;

/// The workspace's front-door README: its examples use the flows and this crate, so this
/// crate, which depends on both, compiles them.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct FrontDoorReadme;
