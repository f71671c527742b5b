//! Password reset: send the recovery email, then set a new password with its token.
//! `cargo run -p wix-auth-flows --example password_reset`.

use wix_auth_flows::{Credentials, Registration, WixAuth, secrets::RecoveryToken};
use wix_auth_sandbox::Sandbox;
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::builder().start().await?;
    let auth = WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(sandbox.base_url())
        .build()?;
    let visitor = auth.visitor_tokens().await?.access_token;
    auth.register(
        &visitor,
        &Registration::new("ann@example.com", "forgotten-pw"),
    )
    .await?;

    auth.send_password_reset(&visitor, "ann@example.com", Some(DEFAULT_REDIRECT_URI))
        .await?;
    println!("recovery email sent");

    let token = RecoveryToken::new(
        sandbox
            .latest_recovery_token("ann@example.com")
            .ok_or("no email")?,
    );
    let outcome = auth.recover(&token, &"remembered-pw".into()).await?;
    println!(
        "recover: {}",
        if outcome.session_token().is_some() {
            "success"
        } else {
            "pending"
        }
    );

    let login = auth
        .login(
            &visitor,
            &Credentials::new("ann@example.com", "remembered-pw"),
        )
        .await?;
    println!(
        "login with the new password: {}",
        if login.session_token().is_some() {
            "success"
        } else {
            "pending"
        }
    );
    sandbox.shutdown().await;
    Ok(())
}
