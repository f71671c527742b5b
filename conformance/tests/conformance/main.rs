//! The conformance suite, one binary: each module is one family of requirements of
//! `requirements.toml`; every test declares what it covers with `covers!`.

mod common;

mod callback;
mod decoding;
mod deviations;
mod flows;
mod negative;
mod never_panic;
mod pkce;
mod sdk_parity;
mod secrets;
mod state;
mod tok;
mod token;
mod web;
mod wire;
