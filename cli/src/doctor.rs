//! `wix-auth doctor`: checks a client id and site (or the sandbox) step by step — visitor
//! token, token info, a redirect session for the redirect URI, the authorize answer, the
//! allowed origins of popups, the API key — and names the fix for each failure.

use serde_json::{Value, json};
use wix_auth_flows::{Error, WixAuth, authorize::AuthorizeAnswer, secrets::AccessToken};

use crate::args::Global;
use crate::failure::{self, Failure};
use crate::output::line;

/// How a step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Warn,
    Fail,
    Skipped,
}

/// One checked step.
struct Step {
    name: &'static str,
    status: Status,
    detail: String,
    /// A stable name of the problem found, for scripts.
    diagnosis: Option<&'static str>,
    fix: Option<String>,
}

impl Step {
    fn ok(name: &'static str, detail: impl Into<String>) -> Self {
        Self {
            name,
            status: Status::Ok,
            detail: detail.into(),
            diagnosis: None,
            fix: None,
        }
    }

    fn problem(
        name: &'static str,
        status: Status,
        diagnosis: &'static str,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            name,
            status,
            detail: detail.into(),
            diagnosis: Some(diagnosis),
            fix: Some(fix.into()),
        }
    }

    fn skipped(name: &'static str, why: impl Into<String>) -> Self {
        Self {
            name,
            status: Status::Skipped,
            detail: why.into(),
            diagnosis: None,
            fix: None,
        }
    }
}

/// The rule a refusal's violation of `field` (matched by its end) names.
fn violated<'a>(error: &'a Error, field: &str) -> Option<&'a str> {
    let Error::Validation { violations, .. } = error else {
        return None;
    };
    violations
        .iter()
        .find(|v| v.field.as_deref().is_some_and(|f| f.ends_with(field)))
        .map(|v| v.rule_name.as_deref().unwrap_or_default())
}

fn unknown_client(auth: &WixAuth, step: &'static str) -> Step {
    Step::problem(
        step,
        Status::Fail,
        "unknown_client",
        format!("Wix does not know the client id {}", auth.client_id()),
        "use the client ID of the site's Headless OAuth app (Headless Settings → OAuth apps)",
    )
}

/// Runs every check; the steps in order.
async fn diagnose(auth: &WixAuth, global: &Global) -> Vec<Step> {
    let mut steps = Vec::new();
    let visitor: AccessToken = match auth.visitor_tokens().await {
        Ok(tokens) => {
            steps.push(Step::ok("visitor token", "issued (anonymous grant)"));
            tokens.access_token
        }
        Err(Error::OAuth { ref error, .. }) if error == "invalid_client" => {
            steps.push(unknown_client(auth, "visitor token"));
            return steps;
        }
        Err(error) => {
            let unreachable = matches!(error.kind(), wix_auth_flows::ErrorKind::Transport);
            steps.push(Step::problem(
                "visitor token",
                Status::Fail,
                if unreachable {
                    "unreachable"
                } else {
                    "visitor_token_refused"
                },
                error.to_string(),
                if unreachable {
                    "check --base-url and the network".to_string()
                } else {
                    "check the client id and that the site has Headless enabled".to_string()
                },
            ));
            return steps;
        }
    };
    steps.push(match auth.token_info(&visitor).await {
        Ok(info) if info.active => Step::ok("token info", "the visitor token is active"),
        Ok(_) => Step::problem(
            "token info",
            Status::Fail,
            "token_inactive",
            "a fresh visitor token is reported inactive",
            "check the site's clock and the client's configuration",
        ),
        Err(error) => Step::problem(
            "token info",
            Status::Warn,
            "token_info_refused",
            error.to_string(),
            "Token Info is optional; the flows do not need it",
        ),
    });
    redirect_steps(auth, &visitor, &mut steps).await;
    steps.push(origin_step(auth, &visitor).await);
    steps.push(api_key_step(global));
    steps
}

/// The redirect session for the configured redirect URI, and the authorize answer.
async fn redirect_steps(auth: &WixAuth, visitor: &AccessToken, steps: &mut Vec<Step>) {
    let Some(redirect_uri) = auth.configured_redirect_uri().map(str::to_string) else {
        steps.push(Step::skipped("redirect session", "no --redirect-uri given"));
        steps.push(Step::skipped("authorize", "no redirect session"));
        return;
    };
    let url = match auth
        .check_redirect_session(visitor, Some(&redirect_uri))
        .await
    {
        Ok(url) => {
            steps.push(Step::ok(
                "redirect session",
                format!("created for {redirect_uri}"),
            ));
            url
        }
        Err(error) => {
            steps.push(if violated(&error, "clientId") == Some("UNKNOWN_CLIENT") {
                unknown_client(auth, "redirect session")
            } else if violated(&error, "redirectUri").is_some() {
                Step::problem(
                    "redirect session",
                    Status::Fail,
                    "redirect_uri_not_allowed",
                    format!("{redirect_uri} is not an allowed redirect URI of the app"),
                    format!("add exactly {redirect_uri} to the OAuth app's allowed redirect URIs (Wix matches scheme, host, port and path)"),
                )
            } else if let Error::MissingField { .. } = error {
                Step::problem(
                    "redirect session",
                    Status::Fail,
                    "no_url",
                    "the answer has no fullUrl",
                    "report this: the answer does not match the documented shape",
                )
            } else {
                Step::problem(
                    "redirect session",
                    Status::Fail,
                    "redirect_session_refused",
                    format!("refused: {error}"),
                    "check the OAuth app's settings",
                )
            });
            steps.push(Step::skipped("authorize", "no redirect session"));
            return;
        }
    };
    steps.push(authorize_step(auth, &url, &redirect_uri).await);
}

/// The site's authorize answer to a cookie-less request with `prompt=none`.
async fn authorize_step(auth: &WixAuth, url: &url::Url, redirect_uri: &str) -> Step {
    match auth.read_authorize(url).await {
        Ok(AuthorizeAnswer::Redirect(location)) if location.starts_with(redirect_uri) => Step::ok(
            "authorize",
            "redirects back to the redirect URI (server-side session login works)",
        ),
        Ok(AuthorizeAnswer::Redirect(_)) => Step::problem(
            "authorize",
            Status::Fail,
            "redirect_elsewhere",
            "redirects somewhere other than the redirect URI",
            "check the redirect URI registered on the app",
        ),
        // A page (or an answer a later flows version knows): a browser is needed.
        Ok(_) => Step::problem(
            "authorize",
            Status::Warn,
            "browser_route_needed",
            "answers a page, not a redirect, to a request without the browser's cookies",
            "use the browser route (begin_session_login / the axum integration) instead of member_tokens",
        ),
        Err(error) if error.context().and_then(|c| c.status) == Some(404) => Step::problem(
            "authorize",
            Status::Fail,
            "site_not_published",
            "the site's authorize page answers 404",
            "publish the site (Wix serves the login pages of published sites only)",
        ),
        Err(error) if error.kind() == wix_auth_flows::ErrorKind::Transport => Step::problem(
            "authorize",
            Status::Fail,
            "unreachable",
            "the site's authorize URL cannot be reached",
            "check that the site's domain resolves and is published",
        ),
        Err(error) => Step::problem(
            "authorize",
            Status::Fail,
            "authorize_refused",
            format!("answers {error}"),
            "check the client and redirect URI",
        ),
    }
}

/// A popup (`web_message`) without a redirect URI posts to the app's allowed origins.
async fn origin_step(auth: &WixAuth, visitor: &AccessToken) -> Step {
    match auth.check_redirect_session(visitor, None).await {
        Ok(_) => Step::ok(
            "allowed origins",
            "popups (web_message) have an allowed origin",
        ),
        Err(error) if violated(&error, "").is_some_and(|rule| rule == "NO_ALLOWED_ORIGIN") => {
            Step::problem(
                "allowed origins",
                Status::Warn,
                "origin_not_allowed",
                "the app has no allowed origin for popups (web_message)",
                "add your site's origin (e.g. https://shop.example) to the OAuth app's allowed domains; needed only for popup logins",
            )
        }
        Err(error) => Step::problem(
            "allowed origins",
            Status::Warn,
            "web_message_refused",
            format!("refused: {error}"),
            "needed only for popup logins",
        ),
    }
}

/// An API key needs exactly one of a site or an account.
fn api_key_step(global: &Global) -> Step {
    let key = std::env::var("WIX_API_KEY").ok().filter(|k| !k.is_empty());
    match (key, &global.site_id, &global.account_id) {
        (None, _, _) => Step::skipped("API key", "WIX_API_KEY is not set"),
        (Some(_), None, None) => Step::problem(
            "API key",
            Status::Fail,
            "api_key_without_site",
            "an API key without a site or account id",
            "pass --site-id (or WIX_SITE_ID) with the id of the key's site, or --account-id",
        ),
        (Some(_), Some(site), _) => Step::ok("API key", format!("for site {site}")),
        (Some(_), None, Some(account)) => Step::ok("API key", format!("for account {account}")),
    }
}

/// Runs the checks and prints them; fails (exit 3) when a step failed.
pub async fn run(auth: &WixAuth, global: &Global) -> Result<(), Failure> {
    let steps = diagnose(auth, global).await;
    let failed = steps.iter().filter(|s| s.status == Status::Fail).count();
    if global.json {
        let rows: Vec<Value> = steps
            .iter()
            .map(|s| {
                json!({
                    "step": s.name,
                    "status": match s.status { Status::Ok => "ok", Status::Warn => "warn", Status::Fail => "fail", Status::Skipped => "skipped" },
                    "detail": s.detail,
                    "diagnosis": s.diagnosis,
                    "fix": s.fix,
                })
            })
            .collect();
        line(&json!({ "steps": rows, "failed": failed }).to_string());
    } else {
        for step in &steps {
            let mark = match step.status {
                Status::Ok => "ok  ",
                Status::Warn => "warn",
                Status::Fail => "FAIL",
                Status::Skipped => "--  ",
            };
            line(&format!("{mark}  {:<16}  {}", step.name, step.detail));
            if let Some(fix) = &step.fix {
                line(&format!("      {:<16}  fix: {fix}", ""));
            }
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(Failure::reported(failure::REFUSED))
    }
}
