//! The members site of `cargo run -p wix-auth-axum --example site`: home page, custom login
//! and registration forms, "Log in with Wix", the verification-code page, a member page that
//! calls Wix's Get My Member *as the member* (through `Member::client`, which refreshes and
//! retries once on a 401), and logout. The browser tests drive this same app.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use wix_auth_axum::{AuthFailure, AuthOutcome, MaybeMember, Member, WixAccess, WixAuthWeb};

/// What the site's handlers share.
#[derive(Clone)]
pub struct Site {
    /// The Wix API base URL (the sandbox's, or `https://www.wixapis.com`).
    pub wix_base: String,
}

/// The site's router, with the login routes merged in and the session layer around it.
pub fn app(web: &WixAuthWeb, site: Site) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_page))
        .route("/register", get(register_page))
        .route("/members", get(members_page))
        .route("/whoami", get(whoami))
        .with_state(site)
        .merge(web.router())
        .layer(web.layer())
}

/// The site's page for each login outcome.
pub fn pages(outcome: &AuthOutcome, _csrf: &str) -> Response {
    let body = match outcome {
        AuthOutcome::VerificationRequired => "<h1>Check your email</h1>\
            <form method=\"post\" action=\"/auth/verify\">\
            <label>Code <input name=\"code\" id=\"code\" required></label>\
            <button id=\"verify\" type=\"submit\">Verify</button></form>"
            .to_string(),
        AuthOutcome::OwnerApprovalRequired => {
            "<h1>Almost there</h1><p id=\"pending\">The site owner will approve your membership.</p>"
                .to_string()
        }
        AuthOutcome::SecondFactorRequired => {
            "<h1>One more step</h1><p><a href=\"/auth/login?returnTo=/members\">Log in with Wix</a></p>"
                .to_string()
        }
        AuthOutcome::RecoveryEmailSent => "<h1>Check your email</h1>".to_string(),
        AuthOutcome::Failed(failure) => format!(
            "<h1>Sorry</h1><p id=\"error\">{}</p><p><a href=\"/login\">Back</a></p>",
            failure.message()
        ),
        _ => "<h1>Sorry</h1>".to_string(),
    };
    (outcome.status(), page("Members site", &body)).into_response()
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"
    ))
}

fn logout_form(member: &Member) -> String {
    format!(
        "<form method=\"post\" action=\"/auth/logout\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <button id=\"logout\" type=\"submit\">Log out</button></form>",
        member.csrf_token()
    )
}

async fn home(MaybeMember(member): MaybeMember) -> Html<String> {
    let body = match member {
        Some(member) => format!(
            "<h1>Welcome back</h1><p id=\"who\">member</p>\
             <p><a href=\"/members\">Your member page</a></p>{}",
            logout_form(&member)
        ),
        None => "<h1>Welcome</h1><p id=\"who\">visitor</p>\
            <p><a id=\"custom-login\" href=\"/login\">Log in</a> · \
            <a id=\"register\" href=\"/register\">Register</a> · \
            <a id=\"wix-login\" href=\"/auth/login?returnTo=/members\">Log in with Wix</a></p>"
            .to_string(),
    };
    page("Members site", &body)
}

fn credentials_form(action: &str, button: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{action}\">\
         <input type=\"hidden\" name=\"returnTo\" value=\"/members\">\
         <label>Email <input type=\"email\" name=\"email\" id=\"email\" required></label>\
         <label>Password <input type=\"password\" name=\"password\" id=\"password\" required></label>\
         <button id=\"submit\" type=\"submit\">{button}</button></form>"
    )
}

async fn login_page() -> Html<String> {
    page(
        "Log in",
        &format!(
            "<h1>Log in</h1>{}<p><a href=\"/auth/login?returnTo=/members\">Log in with Wix</a></p>",
            credentials_form("/auth/login", "Log in")
        ),
    )
}

async fn register_page() -> Html<String> {
    page(
        "Register",
        &format!(
            "<h1>Register</h1>{}",
            credentials_form("/auth/register", "Register")
        ),
    )
}

/// The member page: who the member is, and Get My Member called as the member.
async fn members_page(State(site): State<Site>, member: Member) -> Response {
    let answer = member
        .client()
        .get(format!("{}/members/v1/members/my", site.wix_base))
        .send()
        .await;
    let json: serde_json::Value = match answer {
        Ok(response) if response.status().is_success() => response.json().await.unwrap_or_default(),
        _ => {
            let failure = AuthFailure::Unavailable;
            return (StatusCode::BAD_GATEWAY, failure.message()).into_response();
        }
    };
    let email = escape(json["member"]["loginEmail"].as_str().unwrap_or_default());
    let wix_id = escape(json["member"]["id"].as_str().unwrap_or_default());
    page(
        "Your member page",
        &format!(
            "<h1>Your member page</h1><p>You are <span id=\"member-id\">{}</span>. \
             Get My Member, as the member: <span id=\"email\">{email}</span> \
             (<span id=\"wix-id\">{wix_id}</span>)</p><p><a href=\"/\">Home</a></p>{}",
            escape(member.id()),
            logout_form(&member)
        ),
    )
    .into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Whose access token a call to Wix from this request would carry: a member's, or a
/// visitor's minted on the first such request.
async fn whoami(access: WixAccess) -> String {
    access.role.as_str().to_string()
}
