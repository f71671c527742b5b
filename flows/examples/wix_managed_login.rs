//! Wix-managed login: send the browser to the Wix login page, keep the pending login in a
//! cookie, complete it from the callback URL.
//! `cargo run -p wix-auth-flows --example wix_managed_login`.

use wix_auth_flows::{PendingLogin, Registration, WixAuth};
use wix_auth_sandbox::Sandbox;
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::builder().start().await?;
    let auth = WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(sandbox.base_url())
        .redirect_uri(DEFAULT_REDIRECT_URI)
        .build()?;
    let visitor = auth.visitor_tokens().await?.access_token;
    auth.register(&visitor, &Registration::new("ann@example.com", "secret-pw"))
        .await?;

    // 1. The web server starts the login and keeps the pending login in a cookie.
    let (login_url, pending) = auth.begin_login(&visitor).await?;
    let cookie = serde_json::to_string(&pending)?;
    println!("redirect the browser to {login_url}");

    // 2. The browser logs in on the login page and comes back to the redirect URI.
    let callback_url = sandbox
        .log_in_on_page(login_url.as_str(), "ann@example.com", "secret-pw")
        .await?;
    println!(
        "callback arrived at {}",
        callback_url.split('?').next().unwrap_or_default()
    );

    // 3. The callback handler completes the login with the cookie's pending login.
    let pending: PendingLogin = serde_json::from_str(&cookie)?;
    let member = auth.complete_login(&callback_url, pending).await?;
    println!("member tokens: role {:?}", member.role);
    sandbox.shutdown().await;
    Ok(())
}
