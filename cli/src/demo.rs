//! `wix-auth demo`: every seed flow against an in-process sandbox, one step at a time.

use wix_auth_flows::{
    Credentials, LoginOutcome, Registration, Session, WixAuth, secrets::ClientSecret,
    store::MemoryStore,
};
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI};
use wix_auth_sandbox::{RunningSandbox, Sandbox};

use crate::failure::Failure;
use crate::output::short;

struct Demo {
    sandbox: RunningSandbox,
    step: usize,
}

impl Demo {
    fn step(&mut self, title: &str, request: &str, outcome: &str, next: &str) {
        self.step += 1;
        crate::output::line(&format!(
            "{:>2}. {title}\n    request: {request}\n    outcome: {outcome}\n    next:    {next}\n",
            self.step
        ));
    }
}

/// Runs the demo; the first failing step ends it with its error.
pub async fn run() -> Result<(), Failure> {
    let sandbox = Sandbox::builder()
        .start()
        .await
        .map_err(|e| Failure::local(format!("cannot start the sandbox: {e}")))?;
    crate::output::line(&format!("sandbox serving on {}\n", sandbox.base_url()));
    let auth = WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(sandbox.base_url())
        .redirect_uri(DEFAULT_REDIRECT_URI)
        .build()?;
    let mut demo = Demo { sandbox, step: 0 };

    let visitor = auth.visitor_tokens().await?;
    demo.step(
        "Visitor tokens",
        "POST /oauth2/token {grantType: anonymous}",
        &format!(
            "visitor access token {}, expires in 14400 s",
            short(visitor.access_token.expose_secret())
        ),
        "send it raw in Authorization for register, login and redirect sessions",
    );
    let v = &visitor.access_token;

    demo.sandbox
        .add_contact("john@doe.com")
        .map_err(|e| Failure::local(format!("sandbox: {e}")))?;
    let outcome = auth
        .register(v, &Registration::new("john@doe.com", "verySecurePassword"))
        .await?;
    let LoginOutcome::EmailVerificationRequired { state_token, .. } = outcome else {
        return Err(Failure::local(format!(
            "register: expected email verification, got {outcome:?}"
        )));
    };
    let code = demo.sandbox.latest_code("john@doe.com").unwrap_or_default();
    demo.step(
        "Register (john@doe.com is an existing contact)",
        "POST /_api/iam/authentication/v2/register",
        &format!(
            "REQUIRE_EMAIL_VERIFICATION, state token {}; the email holds code {code}",
            short(state_token.expose_secret())
        ),
        "ask the member for the code; the state token can be stored meanwhile",
    );

    let verified = auth.verify_email(v, &state_token, &code).await?;
    demo.step(
        "Verify the email code",
        "POST /_api/iam/verification/v1/auth/verify",
        if verified.session_token().is_some() {
            "SUCCESS with a session token"
        } else {
            "not verified"
        },
        "log in, or turn the session token into member tokens",
    );

    let outcome = auth
        .login(v, &Credentials::new("john@doe.com", "verySecurePassword"))
        .await?;
    let session_token = outcome
        .session_token()
        .cloned()
        .ok_or_else(|| Failure::local("login did not succeed"))?;
    demo.step(
        "Log in",
        "POST /_api/iam/authentication/v2/login",
        &format!(
            "SUCCESS, session token {}",
            short(session_token.expose_secret())
        ),
        "exchange the session token for member tokens",
    );

    let member = auth.member_tokens(v, &session_token).await?;
    demo.step(
        "Session token → member tokens",
        "POST redirect-session (prompt=none, PKCE S256) → GET authorize (302 read, not followed) → POST /oauth2/token",
        &format!("member access token {}, refresh token {}", short(member.access_token.expose_secret()), member.refresh_token.as_ref().map(|r| short(r.expose_secret())).unwrap_or_default()),
        "keep them in a token store; refresh before expiry",
    );

    let session = Session::new(auth.clone(), MemoryStore::new(), "john");
    session.set(&member).await?;
    let renewed = auth.refresh(&member).await?;
    session.set(&renewed).await?;
    demo.step(
        "Refresh",
        "POST /oauth2/token {grantType: refresh_token}",
        &format!(
            "new access token {}, still a {:?}",
            short(renewed.access_token.expose_secret()),
            renewed.role
        ),
        "a failed refresh is an error, never a silent visitor",
    );

    let info = auth.token_info(&renewed.access_token).await?;
    demo.step(
        "Token info",
        "POST /oauth2/token-info",
        &format!(
            "active {}, subject {} {}",
            info.active,
            info.subject_type.unwrap_or_default(),
            info.subject_id.unwrap_or_default()
        ),
        "use it to check a token you were handed",
    );

    auth.change_password(&renewed.access_token, &"anotherSecurePassword".into())
        .await?;
    demo.step(
        "Change password",
        "POST /_api/iam/authentication/v2/change-password (member token)",
        "done; the session stays valid",
        "the member logs in with the new password next time",
    );

    auth.send_password_reset(v, "john@doe.com", Some(DEFAULT_REDIRECT_URI))
        .await?;
    let recovery_token = demo
        .sandbox
        .latest_recovery_token("john@doe.com")
        .unwrap_or_default();
    demo.step(
        "Password-reset email",
        "POST /_api/iam/recovery/v1/send-email",
        &format!(
            "sent; the email carries recovery token {}",
            short(&recovery_token)
        ),
        "the member sets a new password from the email's link",
    );

    let app = auth
        .app_tokens(&ClientSecret::new(DEFAULT_CLIENT_SECRET))
        .await?;
    let signed_on = auth
        .sign_on(&app.access_token, "server@example.com", None, true)
        .await?;
    demo.step(
        "Sign On (server-to-server)",
        "POST /oauth2/token {grant_type: client_credentials} → POST /_api/iam/authentication/v2/sign-on",
        &format!("session token {} for server@example.com", short(signed_on.expose_secret())),
        "exchange it like any session token",
    );

    let (login_url, pending) = auth.begin_login(v).await?;
    let callback = demo
        .sandbox
        .log_in_on_page(login_url.as_str(), "john@doe.com", "anotherSecurePassword")
        .await
        .map_err(|e| Failure::local(format!("login page: {e}")))?;
    let managed = auth.complete_login(&callback, pending).await?;
    demo.step(
        "Wix-managed login",
        "POST redirect-session (prompt=login) → login page → callback → POST /oauth2/token",
        &format!(
            "member access token {}",
            short(managed.access_token.expose_secret())
        ),
        "keep the pending login in a cookie between begin and complete",
    );

    let logout = session.logout("http://127.0.0.1:3000/").await?;
    demo.step(
        "Logout URL",
        "POST redirect-session {logout}",
        &format!("{logout}"),
        "send the browser there; local tokens are already dropped",
    );
    let steps = demo.step;
    demo.sandbox.shutdown().await;
    crate::output::line(&format!("all {steps} steps passed"));
    Ok(())
}
