//! `cargo run -p wix-auth-axum --features axum-login --example axum_login`: an app whose own
//! sessions are tower-sessions and whose logins are axum-login's, with Wix as the login
//! backend, on `http://127.0.0.1:3000` against the embedded sandbox (its outbox shows the
//! emails) — or a real Wix site with `WIX_CLIENT_ID` set and
//! `http://127.0.0.1:3000/callback` allowed as a redirect URI of the Wix OAuth app.

mod app;

use wix_auth_axum::axum_login::WixBackend;
use wix_auth_flows::{WixAuth, store::MemoryStore};
use wix_auth_sandbox::{OAuthClient, Sandbox, SeedMember};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let site = format!("http://{}", listener.local_addr()?);
    let callback = format!("{site}/callback");

    let (client_id, wix_base, _sandbox) = match std::env::var("WIX_CLIENT_ID") {
        Ok(id) => (id, wix_auth_flows::DEFAULT_BASE_URL.to_string(), None),
        Err(_) => {
            let sandbox = Sandbox::builder()
                .client(
                    OAuthClient::new("axum-login-example")
                        .redirect_uri(&callback)
                        .post_flow_url(format!("{site}/")),
                )
                .start()
                .await?;
            sandbox
                .seed_member(SeedMember::new("member@example.com", "a-long-password"))
                .await?;
            println!(
                "Wix sandbox: {} (emails: {}/_sandbox/outbox); log in as member@example.com / a-long-password",
                sandbox.base_url(),
                sandbox.base_url()
            );
            let base = sandbox.base_url().to_string();
            ("axum-login-example".to_string(), base, Some(sandbox))
        }
    };
    let auth = WixAuth::builder(client_id)
        .base_url(&wix_base)
        .redirect_uri(&callback)
        .build()?;
    let backend = WixBackend::new(auth, MemoryStore::new())?;
    println!("App: {site}/");
    axum::serve(listener, app::app(backend, app::App { site, wix_base })).await?;
    Ok(())
}
