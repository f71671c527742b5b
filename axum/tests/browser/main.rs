//! The example site in a real headless Chromium (Debian's `chromium` and
//! `chromium-driver`, driven over WebDriver): register with an emailed code, log in, log in
//! through Wix's page, log out, a refresh after expiry, two tabs at once, no token in
//! `document.cookie`, a tampered cookie. One screenshot per page lands in
//! `target/screenshots/` (not committed). Run with `cargo test -p wix-auth-axum --features
//! browser --test browser`; `.ci/run` installs Chromium when missing. Without `chromedriver`
//! these tests fail: they are never skipped.

#[path = "../../examples/site/app.rs"]
#[allow(dead_code)]
mod app;
#[path = "../web/common.rs"]
#[allow(dead_code)]
mod common;
mod driver;
mod pages;
mod sandbox_apps;
