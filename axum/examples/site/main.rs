//! `cargo run -p wix-auth-axum --example site`: a tiny members site on
//! `http://127.0.0.1:3000`, against the embedded sandbox (its outbox shows the emailed
//! codes) — or against a real Wix site with `WIX_CLIENT_ID` (and `WIX_COOKIE_KEY`, at least
//! 64 bytes, base64) set, and `http://127.0.0.1:3000/auth/callback` allowed as a redirect
//! URI of the Wix OAuth app.

mod app;

use base64::Engine as _;
use wix_auth_flows::{WixAuth, store::MemoryStore};
use wix_auth_sandbox::{OAuthClient, Sandbox};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let site_url = format!("http://{}", listener.local_addr()?);
    let callback = format!("{site_url}/auth/callback");

    let (client_id, wix_base, _sandbox) = match std::env::var("WIX_CLIENT_ID") {
        Ok(id) => (id, wix_auth_flows::DEFAULT_BASE_URL.to_string(), None),
        Err(_) => {
            let sandbox = Sandbox::builder()
                .client(
                    OAuthClient::new("site-example")
                        .redirect_uri(&callback)
                        .post_flow_url(format!("{site_url}/")),
                )
                .start()
                .await?;
            println!(
                "Wix sandbox: {} (emails: {}/_sandbox/outbox)",
                sandbox.base_url(),
                sandbox.base_url()
            );
            let base = sandbox.base_url().to_string();
            ("site-example".to_string(), base, Some(sandbox))
        }
    };
    let key = match std::env::var("WIX_COOKIE_KEY") {
        Ok(key) => base64::engine::general_purpose::STANDARD.decode(key.trim())?,
        Err(_) => {
            // A key per run: sessions end when the example stops.
            let mut key = vec![0u8; 64];
            getrandom::fill(&mut key)?;
            key
        }
    };
    let auth = WixAuth::builder(client_id)
        .base_url(&wix_base)
        .redirect_uri(&callback)
        .build()?;
    let web = wix_auth_axum::WixAuthWeb::builder(auth, MemoryStore::new())
        .cookie_key(&key)
        .allow_insecure_loopback()
        .pages(app::pages)
        .build()?;
    let site = app::Site { wix_base };
    println!("Members site: {site_url}/");
    axum::serve(listener, app::app(&web, site)).await?;
    Ok(())
}
