//! `/_sandbox/…` on the wire: the control API of `crate::site::control` for clients in other
//! languages, apart from the Wix paths.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;
use wix_auth_generated::types;

use super::wire::{WixJson, ok};
use crate::site::control::{ControlError, SeedMember};
use crate::site::{Refusal, Site, SiteError};

/// The control routes.
pub fn router() -> Router<Arc<Site>> {
    Router::new()
        .route("/_sandbox/outbox", get(outbox))
        .route("/_sandbox/approve", post(approve))
        .route("/_sandbox/contacts", post(seed_contact))
        .route("/_sandbox/members", get(list_members).post(seed_member))
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/stats", get(stats))
        .route("/_sandbox/clock", post(advance_clock))
}

impl From<ControlError> for SiteError {
    fn from(error: ControlError) -> Self {
        match error {
            ControlError::InvalidEmail => {
                SiteError::invalid("email", "INVALID_EMAIL", error.to_string())
            }
            ControlError::InvalidLoginState => {
                SiteError::invalid("loginState", "INVALID_ENUM", error.to_string())
            }
            ControlError::EmailExists => SiteError::Refused(Refusal::EmailTaken),
            ControlError::NoSuchMember => SiteError::NotFound("No member has this email"),
            ControlError::NoManualClock => SiteError::Precondition(
                "The sandbox runs on the system clock: start it with a manual clock to move time",
            ),
            ControlError::Randomness => SiteError::Randomness,
        }
    }
}

/// `GET /_sandbox/outbox[?to=email]`: the emails sent, oldest first.
async fn outbox(
    State(site): State<Arc<Site>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    ok(&json!({ "emails": site.outbox(query.get("to").map(String::as_str)) }))
}

/// A body naming a member or contact by email.
#[derive(Deserialize)]
struct ByEmail {
    email: String,
}

/// `POST /_sandbox/approve {"email"}`: the site owner approves a pending member.
async fn approve(
    State(site): State<Arc<Site>>,
    WixJson(body): WixJson<ByEmail>,
) -> Result<Response, SiteError> {
    Ok(ok(&json!({ "id": site.approve(&body.email)? })))
}

/// `POST /_sandbox/contacts {"email"}`: an existing contact; registering with its email
/// needs email verification.
async fn seed_contact(
    State(site): State<Arc<Site>>,
    WixJson(body): WixJson<ByEmail>,
) -> Result<Response, SiteError> {
    site.add_contact(&body.email)?;
    Ok(ok(&json!({})))
}

/// A member to seed, as JSON.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SeedMemberBody {
    email: String,
    password: String,
    #[serde(default)]
    password_reset_required: bool,
    #[serde(default)]
    awaiting_approval: bool,
    #[serde(default)]
    awaiting_verification: bool,
    /// `REQUIRE_MFA`, `MFA_CHALLENGE` or `REQUIRE_FIRST_FACTOR`: what a correct password
    /// answers instead of `SUCCESS`.
    #[serde(default)]
    login_state: Option<String>,
}

/// `POST /_sandbox/members`: adds a member directly, with the flags a test needs.
async fn seed_member(
    State(site): State<Arc<Site>>,
    WixJson(body): WixJson<SeedMemberBody>,
) -> Result<Response, SiteError> {
    let login_state = match body.login_state.as_deref() {
        None => None,
        Some(state) => Some(
            state
                .parse::<types::LoginState>()
                .map_err(|_| ControlError::InvalidLoginState)?,
        ),
    };
    let seed = SeedMember {
        email: body.email,
        password: body.password,
        password_reset_required: body.password_reset_required,
        awaiting_approval: body.awaiting_approval,
        awaiting_verification: body.awaiting_verification,
        login_state,
    };
    Ok(ok(&json!({ "id": site.seed_member(seed).await? })))
}

/// `GET /_sandbox/members`: every member with its status.
async fn list_members(State(site): State<Arc<Site>>) -> Response {
    match site.member_listing() {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /_sandbox/stats`: token requests by grant type, members, live tokens.
async fn stats(State(site): State<Arc<Site>>) -> Response {
    ok(&site.stats())
}

/// `POST /_sandbox/reset`: forgets every member, contact, token and email.
async fn reset(State(site): State<Arc<Site>>) -> Response {
    site.reset();
    ok(&json!({}))
}

/// How far to move the manual clock.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Advance {
    advance_seconds: u64,
}

/// `POST /_sandbox/clock {"advanceSeconds"}`: moves a manual clock; 409 on the system clock.
async fn advance_clock(
    State(site): State<Arc<Site>>,
    WixJson(body): WixJson<Advance>,
) -> Result<Response, SiteError> {
    Ok(ok(
        &json!({ "now": site.advance_clock(body.advance_seconds)? }),
    ))
}
