//! Building the HTTP client: TLS through rustls with the `ring` provider, no redirect
//! following, and bounded time.

use std::time::Duration;

use crate::Client;

/// How long a connection may take to open.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A `reqwest` builder with this crate's defaults: the rustls `ring` provider installed,
/// redirects not followed (Authorize and Logout answer with a `302` whose `Location` is the
/// result), connect and request timeouts, and a `User-Agent` naming this crate.
///
/// Use it when you build your own `reqwest::Client` for [`Client::new_with_client`]:
/// reqwest panics when it builds a TLS client and no rustls provider is installed.
pub fn http_client_builder() -> reqwest::ClientBuilder {
    // Fails only when a provider is installed already, which is what we need.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .user_agent(concat!("wix-auth-rs/", env!("CARGO_PKG_VERSION")))
}

impl Client {
    /// A client for `baseurl` (for example `https://www.wixapis.com`) built with
    /// [`http_client_builder`].
    pub fn new(baseurl: &str) -> Result<Self, reqwest::Error> {
        Ok(Self::new_with_client(
            baseurl,
            http_client_builder().build()?,
        ))
    }
}
