//! Custom login: register (with email verification for an existing contact), log in, turn
//! the session token into member tokens server-side.
//! `cargo run -p wix-auth-flows --example custom_login`.

use wix_auth_flows::{Credentials, LoginOutcome, Registration, WixAuth};
use wix_auth_sandbox::Sandbox;
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::builder().start().await?;
    let base = sandbox.base_url().to_string();
    // john@doe.com is already a contact of the site, so registering needs the email code.
    sandbox.add_contact("john@doe.com")?;

    let auth = WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(&base)
        .redirect_uri(DEFAULT_REDIRECT_URI)
        .build()?;
    let visitor = auth.visitor_tokens().await?.access_token;

    let registration = Registration::new("john@doe.com", "verySecurePassword");
    let state_token = match auth.register(&visitor, &registration).await? {
        LoginOutcome::EmailVerificationRequired { state_token, .. } => state_token,
        other => return Err(format!("expected email verification, got {other:?}").into()),
    };
    println!("register: email verification required (state token {state_token:?})");

    // The member reads the code from the email; the sandbox keeps it in its outbox.
    let code = sandbox.latest_code("john@doe.com").ok_or("no code")?;
    let verified = auth.verify_email(&visitor, &state_token, &code).await?;
    println!(
        "verify: {}",
        if verified.session_token().is_some() {
            "success"
        } else {
            "pending"
        }
    );

    let outcome = auth
        .login(
            &visitor,
            &Credentials::new("john@doe.com", "verySecurePassword"),
        )
        .await?;
    let session_token = outcome.session_token().ok_or("login did not succeed")?;
    println!("login: success (session token {session_token:?})");

    let member = auth.member_tokens(&visitor, session_token).await?;
    println!(
        "member tokens: role {:?}, refresh token present: {}",
        member.role,
        member.refresh_token.is_some()
    );
    sandbox.shutdown().await;
    Ok(())
}
