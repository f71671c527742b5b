//! The sandbox's integration tests, one binary: each module is one API or one concern, held
//! against a running sandbox through the generated client or raw HTTP.

mod common;

mod account;
mod browsers;
mod concurrency;
mod config_and_binary;
mod findings;
mod new_wire;
mod oauth_token;
mod redirects_authorize;
mod register_login;
mod robustness;
mod verification;
