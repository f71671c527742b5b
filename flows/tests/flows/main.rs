//! The flows crate's integration tests, one binary: each module is one flow or one concern,
//! against the sandbox or a scripted server. The server stores' and the middleware's
//! modules build only with their features (`--features redis,postgres,sqlite,middleware`).
//! The traces test has a binary of its own (`tests/traces.rs`).

mod common;

mod account;
mod custom_login;
mod end_to_end_wire;
mod faults;
#[cfg(feature = "middleware")]
mod middleware;
mod scripted_faults;
mod sessions;
mod stores;
mod wire_truth;
mod wix_managed_login;
