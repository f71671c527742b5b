//! The axum integration end to end: the example site against the sandbox, through plain
//! HTTP with a cookie jar of its own.

#[path = "../../examples/site/app.rs"]
#[allow(dead_code)]
mod app;
#[allow(dead_code)]
mod common;
mod identity;
mod logins;
mod outages;
mod security;
