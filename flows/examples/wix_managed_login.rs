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
    let callback_url = browser(&sandbox, &login_url, "ann@example.com", "secret-pw").await?;
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

/// What a person does in the browser: open the page, fill in the form, submit.
async fn browser(
    sandbox: &wix_auth_sandbox::RunningSandbox,
    login_url: &url::Url,
    email: &str,
    password: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let http = wix_auth_generated::http_client_builder().build()?;
    let page = http.get(login_url.as_str()).send().await?.text().await?;
    let id = page
        .split("name=\"redirectSessionId\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or("no login form")?;
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("email", email)
        .append_pair("password", password)
        .append_pair("redirectSessionId", id)
        .finish();
    let response = http
        .post(format!("{}/_sandbox/login", sandbox.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await?;
    let location = response.headers().get("location").ok_or("no redirect")?;
    Ok(location.to_str()?.to_string())
}
