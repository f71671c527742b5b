//! Logout: the Wix logout URL for the browser, and the local tokens dropped.
//! `cargo run -p wix-auth-flows --example logout`.

use wix_auth_flows::{Credentials, Registration, Session, WixAuth, store::MemoryStore};
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
    let outcome = auth
        .login(&visitor, &Credentials::new("ann@example.com", "secret-pw"))
        .await?;
    let member = auth
        .member_tokens(&visitor, outcome.session_token().ok_or("no session")?)
        .await?;

    let session = Session::new(auth, MemoryStore::new(), "member-1");
    session.set(&member).await?;
    let logout_url = session.logout("http://127.0.0.1:3000/").await?;
    println!("redirect the browser to {logout_url}");
    println!("local tokens left: {}", session.stored().await?.is_some());
    sandbox.shutdown().await;
    Ok(())
}
