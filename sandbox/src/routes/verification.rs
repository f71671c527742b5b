//! The Verification API: Verify During Authentication and Start.

use std::sync::Arc;
use wix_auth_generated::codes;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use wix_auth_generated::types;

use super::members::{self, caller};
use crate::AppState;
use crate::crypto;
use crate::store::{Pending, SentEmail};
use crate::wire::{self, ApiError, WixJson};

/// `POST /_api/iam/verification/v1/auth/verify`. A wrong code keeps the state token usable
/// until it expires or the attempt limit is reached; a right code consumes it.
pub async fn verify(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    WixJson(body): WixJson<types::VerifyDuringAuthenticationRequest>,
) -> Result<Response, ApiError> {
    caller(&app, &headers)?;
    let now = app.now();
    let token = body.state_token.expose_secret();
    let max_attempts = app.config.limits.verification_attempts;
    let mut store = app.store();
    let grant = store
        .states
        .get_mut(token)
        .filter(|g| g.expires > now)
        .ok_or_else(members::invalid_state_token)?;
    let member_id = grant.member_id.clone();
    let Pending::Verification { code, attempts } = &mut grant.pending else {
        return Err(members::invalid_state_token());
    };
    if !crypto::secrets_equal(code, body.code.expose_secret()) {
        *attempts += 1;
        if *attempts >= max_attempts {
            store.states.remove(token);
        }
        return Err(ApiError::app(
            StatusCode::BAD_REQUEST,
            codes::VERIFICATION_FAILED,
            "The verification code is wrong",
        ));
    }
    store.states.remove(token);
    let member = store
        .members
        .get_mut(&member_id)
        .ok_or_else(members::invalid_state_token)?;
    member.awaiting_verification = false;
    member.email_verified = true;
    member.updated = now;
    member.revision += 1;
    let response = members::advance(&app, &mut store, &member_id)?;
    Ok(wire::ok_with_identity(&response))
}

/// `POST /_api/iam/verification/v1/start`: sends a fresh code for the identity's pending
/// verification; the state tokens of that verification accept the new code.
pub async fn start(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    WixJson(body): WixJson<types::StartVerificationRequest>,
) -> Result<Response, ApiError> {
    caller(&app, &headers)?;
    let identity_id = body.identity_id;
    let now = app.now();
    let code = crypto::six_digit_code()?;
    let mut store = app.store();
    let email = store
        .members
        .get(&identity_id)
        .map(|m| m.email.clone())
        .ok_or_else(|| ApiError::app(StatusCode::NOT_FOUND, "NOT_FOUND", "No such identity"))?;
    let mut pending = 0;
    for grant in store.states.values_mut() {
        if let (true, Pending::Verification { code: c, attempts }) =
            (grant.member_id == identity_id, &mut grant.pending)
        {
            *c = code.clone();
            *attempts = 0;
            pending += 1;
        }
    }
    if pending == 0 {
        return Err(ApiError::app(
            StatusCode::PRECONDITION_REQUIRED,
            "FAILED_PRECONDITION",
            "The identity has no verification in progress",
        ));
    }
    store.outbox.push(SentEmail::verification(email, code, now));
    Ok(wire::ok(&types::StartVerificationResponse {
        verification_id: Some(crypto::guid()?),
    }))
}
