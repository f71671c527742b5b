//! Visitor tokens: an anonymous session, kept in a store and refreshed ahead of expiry.
//! Runs against an in-process sandbox: `cargo run -p wix-auth-flows --example visitor`.

use wix_auth_flows::{Session, WixAuth, store::MemoryStore};
use wix_auth_sandbox::Sandbox;
use wix_auth_sandbox::config::DEFAULT_CLIENT_ID;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::builder().start().await?;
    let auth = WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(sandbox.base_url())
        .build()?;

    let session = Session::new(auth.clone(), MemoryStore::new(), "visitor-1");
    let tokens = session.start_visitor().await?;
    println!(
        "visitor tokens: role {:?}, expire at {}",
        tokens.role, tokens.expires_at
    );

    let renewed = auth.refresh(&tokens).await?;
    println!(
        "refreshed: role {:?}, access token {:?}",
        renewed.role, renewed.access_token
    );

    let info = auth.token_info(&session.access_token().await?).await?;
    println!(
        "token info: active {}, subject {:?}",
        info.active, info.subject_type
    );
    sandbox.shutdown().await;
    Ok(())
}
