//! One function per subcommand (except `demo` and `sandbox`).

use std::sync::Arc;

use url::Url;
use wix_auth_flows::types::IdentityProfile;
use wix_auth_flows::{
    Credentials as Password, LoginOutcome, PendingLogin, Registration, Session, Tokens, WixAuth,
    authorize::IdentityProvider, secrets::AccessToken, secrets::ClientSecret,
};

use crate::args::Command;
use crate::failure::Failure;
use crate::input;
use crate::output::{Report, short};
use crate::state::{Continuation, Credentials, SESSION};

/// Runs a flow subcommand.
pub async fn run(
    command: Command,
    auth: &WixAuth,
    credentials: Arc<Credentials>,
) -> Result<Report, Failure> {
    let files = credentials.as_ref();
    let session = Session::new(auth.clone(), Arc::clone(&credentials), SESSION);
    match command {
        Command::Visitor => {
            session.clear().await?;
            let tokens = session.start_visitor().await?;
            Ok(tokens_report(&tokens))
        }
        Command::Register {
            email,
            first_name,
            last_name,
        } => {
            let password = input::secret("Password: ")?;
            let visitor = current_access(&session).await?;
            let mut registration = Registration::new(email, password);
            if first_name.is_some() || last_name.is_some() {
                registration.profile = Some(IdentityProfile {
                    first_name,
                    last_name,
                    ..Default::default()
                });
            }
            let outcome = auth.register(&visitor, &registration).await?;
            continue_with(files, outcome)
        }
        Command::Verify { code } => {
            let state_token = files.continuation()?.state_token.ok_or_else(|| {
                Failure::local("no verification is pending").hint("run `register` or `login` first")
            })?;
            let visitor = current_access(&session).await?;
            let outcome = auth.verify_email(&visitor, &state_token, &code).await?;
            continue_with(files, outcome)
        }
        Command::Login {
            browser: true,
            no_browser,
            timeout,
            ..
        } => {
            let login = crate::browser_login::BrowserLogin {
                no_browser,
                timeout: std::time::Duration::from_secs(timeout),
            };
            let tokens = login.run(auth, &session).await?;
            Ok(tokens_report(&tokens))
        }
        Command::Login { email, .. } => {
            let email = email.ok_or_else(|| Failure::usage("--email is required"))?;
            let password = input::secret("Password: ")?;
            let visitor = current_access(&session).await?;
            let outcome = auth
                .login(&visitor, &Password::new(email, password))
                .await?;
            continue_with(files, outcome)
        }
        Command::Tokens => {
            let mut continuation = files.continuation()?;
            let session_token = continuation.session_token.take().ok_or_else(|| {
                Failure::local("no session token")
                    .hint("run `login`, `register`, `verify` or `sign-on` first")
            })?;
            let visitor = current_access(&session).await?;
            let member = auth.member_tokens(&visitor, &session_token).await?;
            session.set(&member).await?;
            files.save_continuation(&continuation)?;
            Ok(tokens_report(&member))
        }
        Command::AuthorizeUrl => {
            let visitor = current_access(&session).await?;
            let begun = auth.begin_login(&visitor).await?;
            browser_login(files, begun, "log in")
        }
        Command::SocialLoginUrl { idp } => {
            let provider = match idp.as_str() {
                "google" => IdentityProvider::Google,
                "facebook" => IdentityProvider::Facebook,
                id => IdentityProvider::Connection(id.to_string()),
            };
            let visitor = current_access(&session).await?;
            let begun = auth.begin_social_login(&visitor, &provider).await?;
            browser_login(files, begun, "log in with the provider")
        }
        Command::SessionLoginUrl => {
            let mut continuation = files.continuation()?;
            let session_token = continuation.session_token.take().ok_or_else(|| {
                Failure::local("no session token")
                    .hint("run `login`, `register`, `verify` or `sign-on` first")
            })?;
            files.save_continuation(&continuation)?;
            let visitor = current_access(&session).await?;
            let begun = auth.begin_session_login(&visitor, &session_token).await?;
            browser_login(files, begun, "let Wix redirect back")
        }
        Command::ResendCode => {
            let identity_id = files.continuation()?.identity_id.ok_or_else(|| {
                Failure::local("no verification is pending").hint("run `register` or `login` first")
            })?;
            let visitor = current_access(&session).await?;
            auth.resend_verification_code(&visitor, &identity_id)
                .await?;
            Ok(Report::default().with("sent", true).with(
                "next",
                "run `wix-auth verify --code <the code from the new email>`",
            ))
        }
        Command::ExternalLogin {
            email,
            verify_email,
        } => {
            let visitor = current_access(&session).await?;
            let member = auth.external_login(&visitor, &email, verify_email).await?;
            session.set(&member).await?;
            Ok(tokens_report(&member))
        }
        Command::ExternalTokens { member_id } => {
            let visitor = current_access(&session).await?;
            let member = auth.external_member_tokens(&visitor, &member_id).await?;
            session.set(&member).await?;
            Ok(tokens_report(&member))
        }
        Command::Callback { url } => {
            let mut continuation = files.continuation()?;
            let pending = continuation.pending_login.take().ok_or_else(|| {
                Failure::local("no pending login").hint("run `authorize-url` first")
            })?;
            files.save_continuation(&continuation)?;
            let member = auth.complete_login(&url, pending).await?;
            session.set(&member).await?;
            Ok(tokens_report(&member))
        }
        Command::Refresh => {
            let stored = session
                .stored()
                .await?
                .ok_or(wix_auth_flows::Error::NoTokens)?;
            let renewed = auth.refresh(&stored).await?;
            session.set(&renewed).await?;
            Ok(tokens_report(&renewed))
        }
        Command::TokenInfo => {
            let stored = session
                .stored()
                .await?
                .ok_or(wix_auth_flows::Error::NoTokens)?;
            let info = auth.token_info(&stored.access_token).await?;
            Ok(Report::default()
                .with("active", info.active)
                .with("subject_type", info.subject_type.unwrap_or_default())
                .with("subject_id", info.subject_id.unwrap_or_default())
                .with("expires_at", info.expires_at.unwrap_or_default())
                .with("client_id", info.client_id.unwrap_or_default()))
        }
        Command::ChangePassword => {
            let password = input::secret("New password: ")?;
            let member = session.access_token().await?;
            auth.change_password(&member, &password.into()).await?;
            Ok(Report::default().with("changed", true))
        }
        Command::ResetPassword { email } => {
            let visitor = current_access(&session).await?;
            auth.send_password_reset(&visitor, &email, auth.configured_redirect_uri())
                .await?;
            Ok(Report::default().with("sent", true).with(
                "next",
                "the member follows the link in the email to set a new password",
            ))
        }
        Command::LogoutUrl { post_flow_url } => {
            let url = session.logout(&post_flow_url).await?;
            Ok(Report::default()
                .with("logout_url", url.as_str())
                .with("tokens", "dropped"))
        }
        Command::SignOn { email } => {
            let secret = match std::env::var("WIX_CLIENT_SECRET") {
                Ok(secret) if !secret.is_empty() => secret,
                _ => input::secret("Client secret: ")?,
            };
            let app = auth.app_tokens(&ClientSecret::new(secret)).await?;
            let session_token = auth.sign_on(&app.access_token, &email, None, false).await?;
            let mut continuation = files.continuation()?;
            let shown = short(session_token.expose_secret());
            continuation.session_token = Some(session_token);
            files.save_continuation(&continuation)?;
            Ok(Report::default()
                .with("state", "SUCCESS")
                .with("session_token", shown)
                .with("next", "run `wix-auth tokens` for member tokens"))
        }
        Command::Token => {
            let tokens = session.tokens().await?;
            Ok(Report::text(tokens.access_token.expose_secret())
                .with("accessToken", tokens.access_token.expose_secret())
                .with("expiresAt", tokens.expires_at)
                .with("role", tokens.role.as_str()))
        }
        Command::Demo
        | Command::Sandbox { .. }
        | Command::Doctor
        | Command::Completion { .. }
        | Command::Config { .. } => Err(Failure::usage("not a flow command")),
    }
}

/// Keeps the pending login of a browser login and reports the URL to open.
fn browser_login(
    files: &Credentials,
    (url, pending): (Url, PendingLogin),
    what: &str,
) -> Result<Report, Failure> {
    let mut continuation = files.continuation()?;
    continuation.pending_login = Some(pending);
    files.save_continuation(&continuation)?;
    Ok(Report::default()
        .with("authorization_url", url.as_str())
        .with(
            "next",
            format!("open the URL, {what}, then run `wix-auth callback <the URL you land on>`"),
        ))
}

/// A usable access token: the stored one (refreshed when needed), or new visitor tokens.
async fn current_access(session: &Session) -> Result<AccessToken, Failure> {
    session.start_visitor().await?;
    Ok(session.access_token().await?)
}

fn tokens_report(tokens: &Tokens) -> Report {
    Report::default()
        .with("role", tokens.role.as_str())
        .with("access_token", short(tokens.access_token.expose_secret()))
        .with(
            "refresh_token",
            tokens
                .refresh_token
                .as_ref()
                .map(|r| short(r.expose_secret()))
                .unwrap_or_default(),
        )
        .with("expires_at", tokens.expires_at)
}

/// Reports a login outcome and keeps what the next command needs.
fn continue_with(files: &Credentials, outcome: LoginOutcome) -> Result<Report, Failure> {
    let mut continuation: Continuation = files.continuation()?;
    let state = outcome.state().to_string();
    let report = Report::default().with("state", state);
    let report = match outcome {
        LoginOutcome::Success { session_token, .. } => {
            let report = report
                .with("session_token", short(session_token.expose_secret()))
                .with("next", "run `wix-auth tokens` for member tokens");
            continuation.session_token = Some(session_token);
            continuation.state_token = None;
            report
        }
        LoginOutcome::EmailVerificationRequired {
            state_token,
            identity_id,
        } => {
            continuation.state_token = Some(state_token);
            continuation.identity_id = identity_id;
            report.with(
                "next",
                "run `wix-auth verify --code <the code from the email>`",
            )
        }
        LoginOutcome::OwnerApprovalRequired { .. } => report.with(
            "next",
            "wait for the site owner to approve the member, then log in",
        ),
        LoginOutcome::MissingFields { .. } => report.with(
            "next",
            "the site requires signup fields this command does not send",
        ),
        LoginOutcome::MfaRequired { .. }
        | LoginOutcome::MfaChallenge { .. }
        | LoginOutcome::FirstFactorRequired { .. } => report.with(
            "next",
            "the member needs another factor, which Wix has no public API for: log in on the Wix page (`wix-auth authorize-url`)",
        ),
        // STATUS_CHECK, and states Wix adds after this release: the state is the report.
        _ => report,
    };
    files.save_continuation(&continuation)?;
    Ok(report)
}
