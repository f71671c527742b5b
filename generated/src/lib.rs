//! Typed client for the Wix Headless member-authentication REST API.
//!
//! `generated.rs` is produced from `spec/wix-headless-auth.yaml` by `cargo xtask codegen`
//! and re-exported here: [`Client`] has one method per operation and [`types`] one type per
//! schema. This file is the handwritten shell progenitor's output refers to: the [`Secret`]
//! type every secret field maps to, the request [`hooks`], the [`Client::new`] constructor
//! the [`browser`] answers of Logout and Authorize, and Wix's error [`codes`].
#![forbid(unsafe_code)]

pub mod browser;
mod client;
pub mod codes;
mod generated;
pub mod hooks;
mod lenient;
mod secret;

pub use client::http_client_builder;
pub use generated::*;
pub use secret::Secret;
