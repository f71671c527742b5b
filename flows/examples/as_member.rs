//! Calling another Wix API as the member: a `reqwest-middleware` client whose `MemberAuth`
//! attaches the session's access token (refreshed ahead of expiry, and once after a 401).
//! Runs against an in-process sandbox:
//! `cargo run -p wix-auth-flows --features middleware --example as_member`.

use wix_auth_flows::middleware::MemberAuth;
use wix_auth_flows::{Registration, Session, WixAuth, store::MemoryStore};
use wix_auth_sandbox::Sandbox;
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::builder().start().await?;
    let auth = WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(sandbox.base_url())
        .redirect_uri(DEFAULT_REDIRECT_URI)
        .build()?;

    // A member logs in (here: registers) and the tokens go into a session.
    let visitor = auth.visitor_tokens().await?.access_token;
    let registration = Registration::new("member@example.com", "a-long-password");
    let outcome = auth.register(&visitor, &registration).await?;
    let session_token = outcome.session_token().ok_or("not logged in")?;
    let session = Session::new(auth.clone(), MemoryStore::new(), "member-1");
    session
        .set(&auth.member_tokens(&visitor, session_token).await?)
        .await?;

    // Every request of this client carries the member's token.
    let wix = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(MemberAuth::new(session))
        .build();
    let me: serde_json::Value = wix
        .get(format!("{}/members/v1/members/my", sandbox.base_url()))
        .send()
        .await?
        .json()
        .await?;
    println!(
        "Get My Member, as the member: {}",
        me["member"]["loginEmail"]
    );
    Ok(())
}
