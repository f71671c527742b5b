#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

// `generated.rs` is produced from `spec/wix-headless-auth.yaml` by `cargo xtask codegen` and
// re-exported here; the other modules are the handwritten shell its output refers to.

pub mod browser;
mod client;
pub mod codes;
mod generated;
mod hooks;
mod lenient;
mod secret;

pub use client::http_client_builder;
pub use generated::*;
pub use secret::Secret;

/// The guide's chapter on the generated client, its Rust blocks compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../docs/src/generated-client.md")]
pub struct GuideGeneratedClient;
