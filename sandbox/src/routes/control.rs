//! `/_sandbox/…`: inspection and control of the sandbox, apart from the Wix paths.

use std::collections::HashMap;
use std::sync::Arc;
use wix_auth_generated::codes;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use wix_auth_generated::types;

use crate::AppState;
use crate::control::{ControlError, SeedMember};
use crate::store::Store;
use crate::wire::{self, ApiError, WixJson};

/// `GET /_sandbox/outbox[?to=email]`: the emails sent, oldest first.
pub async fn outbox(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let emails = app.outbox(query.get("to").map(String::as_str));
    wire::ok(&json!({ "emails": emails }))
}

/// A control failure as the Wix envelope.
fn refused(error: ControlError) -> ApiError {
    let message = error.to_string();
    match error {
        ControlError::InvalidEmail => ApiError::field("email", "INVALID_EMAIL", message),
        ControlError::InvalidLoginState => ApiError::field("loginState", "INVALID_ENUM", message),
        ControlError::EmailExists => {
            ApiError::app(StatusCode::CONFLICT, codes::EMAIL_EXISTS, message)
        }
        ControlError::NoSuchMember => ApiError::app(StatusCode::NOT_FOUND, "NOT_FOUND", message),
        ControlError::NoManualClock => {
            ApiError::app(StatusCode::CONFLICT, "FAILED_PRECONDITION", message)
        }
        ControlError::Randomness => ApiError::Internal,
    }
}

/// A body naming a member or contact by email.
#[derive(Deserialize)]
pub struct ByEmail {
    email: String,
}

/// `POST /_sandbox/approve {"email"}`: the site owner approves a pending member.
pub async fn approve(
    State(app): State<Arc<AppState>>,
    WixJson(body): WixJson<ByEmail>,
) -> Result<Response, ApiError> {
    let id = app.approve(&body.email).map_err(refused)?;
    Ok(wire::ok(&json!({ "id": id })))
}

/// `POST /_sandbox/contacts {"email"}`: an existing contact; registering with its email
/// needs email verification.
pub async fn seed_contact(
    State(app): State<Arc<AppState>>,
    WixJson(body): WixJson<ByEmail>,
) -> Result<Response, ApiError> {
    app.add_contact(&body.email).map_err(refused)?;
    Ok(wire::ok(&json!({})))
}

/// A member to seed, as JSON.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedMemberBody {
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
pub async fn seed_member(
    State(app): State<Arc<AppState>>,
    WixJson(body): WixJson<SeedMemberBody>,
) -> Result<Response, ApiError> {
    let login_state = match body.login_state.as_deref() {
        None => None,
        Some(state) => Some(
            state
                .parse::<types::LoginState>()
                .map_err(|_| refused(ControlError::InvalidLoginState))?,
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
    let id = app.seed_member(seed).await.map_err(refused)?;
    Ok(wire::ok(&json!({ "id": id })))
}

/// `GET /_sandbox/members`: every member with its status.
pub async fn list_members(State(app): State<Arc<AppState>>) -> Response {
    let store = app.store();
    let mut members: Vec<_> = store
        .members
        .values()
        .map(|m| {
            json!({
                "id": m.id,
                "email": m.email,
                "active": m.is_active(),
                "awaitingApproval": m.awaiting_approval,
                "awaitingVerification": m.awaiting_verification,
                "emailVerified": m.email_verified,
            })
        })
        .collect();
    members.sort_by(|a, b| a["email"].as_str().cmp(&b["email"].as_str()));
    wire::ok(&json!({ "members": members }))
}

/// `GET /_sandbox/stats`: token requests by grant type, members, live tokens.
pub async fn stats(State(app): State<Arc<AppState>>) -> Response {
    let store = app.store();
    wire::ok(&json!({
        "tokenRequests": store.token_requests,
        "members": store.members.len(),
        "accessTokens": store.access.len(),
        "refreshTokens": store.refresh.len(),
    }))
}

/// `POST /_sandbox/reset`: forgets every member, contact, token and email.
pub async fn reset(State(app): State<Arc<AppState>>) -> Response {
    *app.store() = Store::default();
    wire::ok(&json!({}))
}

/// How far to move the manual clock.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Advance {
    advance_seconds: u64,
}

/// `POST /_sandbox/clock {"advanceSeconds"}`: moves a manual clock; 409 on the system clock.
pub async fn advance_clock(
    State(app): State<Arc<AppState>>,
    WixJson(body): WixJson<Advance>,
) -> Result<Response, ApiError> {
    let now = app.advance_clock(body.advance_seconds).map_err(refused)?;
    Ok(wire::ok(&json!({ "now": now })))
}
