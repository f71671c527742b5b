//! `/_sandbox/…`: inspection and control of the sandbox, apart from the Wix paths.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::members;
use crate::AppState;
use crate::store::Store;
use crate::wire::{self, ApiError, WixJson};

/// `GET /_sandbox/outbox[?to=email]`: the emails sent, oldest first.
pub async fn outbox(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let store = app.store();
    let emails: Vec<_> = store
        .outbox
        .iter()
        .filter(|e| {
            query
                .get("to")
                .is_none_or(|to| e.to.eq_ignore_ascii_case(to))
        })
        .collect();
    wire::ok(&json!({ "emails": emails }))
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
    let now = app.now();
    let mut store = app.store();
    let id = store
        .member_by_email(&body.email)
        .map(|m| m.id.clone())
        .ok_or_else(|| ApiError::app(StatusCode::NOT_FOUND, "NOT_FOUND", "No such member"))?;
    let member = store.members.get_mut(&id).ok_or(ApiError::Internal)?;
    member.awaiting_approval = false;
    member.updated = now;
    member.revision += 1;
    Ok(wire::ok(&json!({ "id": id })))
}

/// `POST /_sandbox/contacts {"email"}`: an existing contact; registering with its email
/// needs email verification.
pub async fn seed_contact(
    State(app): State<Arc<AppState>>,
    WixJson(body): WixJson<ByEmail>,
) -> Result<Response, ApiError> {
    members::check_email("email", &body.email)?;
    app.store().contacts.insert(body.email.to_lowercase());
    Ok(wire::ok(&json!({})))
}

/// A member to seed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedMember {
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
    WixJson(body): WixJson<SeedMember>,
) -> Result<Response, ApiError> {
    members::check_email("email", &body.email)?;
    let hash =
        crate::crypto::hash_password(&body.password, app.config.password_hash_rounds).await?;
    let now = app.now();
    let mut member = members::new_member(&body.email, Some(hash), None, now)?;
    member.password_reset_required = body.password_reset_required;
    member.awaiting_approval = body.awaiting_approval;
    member.awaiting_verification = body.awaiting_verification;
    member.email_verified = !body.awaiting_verification;
    member.second_factor = match body.login_state.as_deref() {
        None => None,
        Some("REQUIRE_MFA") => Some(wix_auth_generated::types::LoginState::RequireMfa),
        Some("MFA_CHALLENGE") => Some(wix_auth_generated::types::LoginState::MfaChallenge),
        Some("REQUIRE_FIRST_FACTOR") => {
            Some(wix_auth_generated::types::LoginState::RequireFirstFactor)
        }
        Some(_) => {
            return Err(ApiError::field(
                "loginState",
                "INVALID_ENUM",
                "loginState must be REQUIRE_MFA, MFA_CHALLENGE or REQUIRE_FIRST_FACTOR",
            ));
        }
    };
    let mut store = app.store();
    if store.member_by_email(&body.email).is_some() {
        return Err(ApiError::app(
            StatusCode::CONFLICT,
            "-19995",
            "A member with this email already exists",
        ));
    }
    let id = member.id.clone();
    store.insert_member(member);
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
    let clock = app.manual_clock.as_ref().ok_or_else(|| {
        ApiError::app(
            StatusCode::CONFLICT,
            "FAILED_PRECONDITION",
            "The sandbox runs on the system clock; start it with a manual clock",
        )
    })?;
    clock.advance(body.advance_seconds);
    Ok(wire::ok(&json!({ "now": app.now() })))
}
