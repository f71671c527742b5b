//! The Recovery API: Send Recovery Email and Recover.

use std::sync::Arc;
use wix_auth_generated::codes;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use wix_auth_generated::types;

use super::members::{self, caller};
use crate::AppState;
use crate::crypto;
use crate::store::{EmailKind, SentEmail};
use crate::wire::{self, ApiError, WixJson};

/// `POST /_api/iam/recovery/v1/send-email`. Answers `{}` whether or not a member has the
/// email, so the endpoint does not reveal who is registered.
pub async fn send_email(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    WixJson(body): WixJson<types::SendRecoveryEmailRequest>,
) -> Result<Response, ApiError> {
    caller(&app, &headers)?;
    let redirect_url = match &body.redirect {
        Some(types::Redirect {
            url: Some(url),
            client_id,
        }) => {
            if let Some(id) = client_id
                && app.config.client(id).is_none()
            {
                return Err(ApiError::field(
                    "redirect.clientId",
                    "UNKNOWN_CLIENT",
                    "No OAuth app has this client ID",
                ));
            }
            let allowed = app
                .config
                .clients
                .iter()
                .filter(|c| client_id.as_ref().is_none_or(|id| *id == c.id))
                .any(|c| c.redirect_uris.iter().any(|u| u == url.as_str()));
            if !allowed {
                return Err(ApiError::field(
                    "redirect.url",
                    "NOT_ALLOWED",
                    "redirect.url is not an allowed redirect URI of the client",
                ));
            }
            Some(url.to_string())
        }
        _ => None,
    };
    let now = app.now();
    let mut store = app.store();
    if let Some(member) = store.member_by_email(body.email.trim()) {
        let (member_id, to) = (member.id.clone(), member.email.clone());
        let token = crypto::token("RCV.sbx-")?;
        store.recoveries.insert(
            token.clone(),
            (member_id, now + app.config.lifetimes.recovery_token),
        );
        store.outbox.push(SentEmail {
            to,
            kind: EmailKind::Recovery,
            code: None,
            recovery_token: Some(token),
            redirect_url,
            sent_at: now,
        });
    }
    Ok(wire::ok(&serde_json::json!({})))
}

/// `POST /_api/iam/recovery/v1/recover`: the token is single use.
pub async fn recover(
    State(app): State<Arc<AppState>>,
    WixJson(body): WixJson<types::RecoverRequest>,
) -> Result<Response, ApiError> {
    let token = body.recovery_token.expose_secret();
    let hash = members::hash_new_password(&app, "password", body.password.as_ref()).await?;
    let now = app.now();
    let mut store = app.store();
    let (member_id, expires) = store.recoveries.remove(token).ok_or_else(|| {
        ApiError::app(
            StatusCode::BAD_REQUEST,
            codes::RECOVERY_TOKEN_NOT_FOUND,
            "The recovery token is unknown or already used",
        )
    })?;
    if expires <= now {
        return Err(ApiError::app(
            StatusCode::BAD_REQUEST,
            codes::RECOVERY_TOKEN_EXPIRED,
            "The recovery token expired",
        ));
    }
    let member = store
        .members
        .get_mut(&member_id)
        .ok_or(ApiError::Internal)?;
    member.password = Some(hash);
    member.password_reset_required = false;
    member.updated = now;
    member.revision += 1;
    let response = members::advance(&app, &mut store, &member_id)?;
    Ok(wire::ok_with_identity(&response))
}
