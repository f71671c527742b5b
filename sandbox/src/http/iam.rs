//! The IAM APIs on the wire: Authentication (Register, Login, Sign On, Change Password,
//! Logout, Validate Email), Verification and Recovery, at their paths and aliases.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;
use wix_auth_generated::types;

use super::extract::{Caller, Keys};
use super::wire::{WixJson, ok, ok_with_identity};
use crate::site::{Site, SiteError};

/// The paths of Authentication, at its main path and its alias.
const AUTHENTICATION: [&str; 2] = ["/_api/iam/authentication", "/iam/authentication"];

/// The IAM API routes (called from code, a browser's included: CORS applies).
pub fn router() -> Router<Arc<Site>> {
    let mut router = Router::new();
    for prefix in AUTHENTICATION {
        router = router
            .route(&format!("{prefix}/v2/register"), post(register))
            .route(&format!("{prefix}/v2/login"), post(login))
            .route(&format!("{prefix}/v2/sign-on"), post(sign_on))
            .route(
                &format!("{prefix}/v2/change-password"),
                post(change_password),
            )
            .route(&format!("{prefix}/v2/validate-email"), post(validate_email));
    }
    router = router
        .route("/_api/iam/verification/v1/auth/verify", post(verify))
        .route("/_api/iam/verification/v1/start", post(start_verification));
    for prefix in ["/_api/iam/recovery", "/_iam/recovery"] {
        router = router
            .route(
                &format!("{prefix}/v1/send-email"),
                post(send_recovery_email),
            )
            .route(&format!("{prefix}/v1/recover"), post(recover));
    }
    router
}

/// The logout URL a browser navigates to (a page: no CORS).
pub fn logout_router() -> Router<Arc<Site>> {
    let mut router = Router::new();
    for prefix in AUTHENTICATION {
        router = router.route(&format!("{prefix}/v1/logout"), get(logout));
    }
    router
}

async fn register(
    State(site): State<Arc<Site>>,
    _: Caller,
    WixJson(body): WixJson<types::RegisterV2Request>,
) -> Result<Response, SiteError> {
    Ok(ok_with_identity(&site.register(body).await?))
}

async fn login(
    State(site): State<Arc<Site>>,
    _: Caller,
    WixJson(body): WixJson<types::LoginV2Request>,
) -> Result<Response, SiteError> {
    Ok(ok_with_identity(&site.login(body).await?))
}

async fn sign_on(
    State(site): State<Arc<Site>>,
    Keys(keys): Keys,
    WixJson(body): WixJson<types::SignOnRequest>,
) -> Result<Response, SiteError> {
    Ok(ok_with_identity(&site.sign_on(&keys, body)?))
}

async fn change_password(
    State(site): State<Arc<Site>>,
    Caller(caller): Caller,
    WixJson(body): WixJson<types::ChangePasswordRequest>,
) -> Result<Response, SiteError> {
    site.change_password(&caller, body).await?;
    Ok(ok(&json!({})))
}

/// Clears the session cookie and answers a page, or a 302 to an allowed
/// `postLogoutRedirectUri`.
async fn logout(
    State(site): State<Arc<Site>>,
    Keys(keys): Keys,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, SiteError> {
    let target = site.logout(
        keys.token(),
        query.get("postLogoutRedirectUri").map(String::as_str),
        query.get("clientId").map(String::as_str),
    )?;
    let clear = (
        header::SET_COOKIE,
        "wixSession=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    );
    Ok(match target {
        Some(target) => (
            StatusCode::FOUND,
            [clear, (header::LOCATION, target.as_str())],
        )
            .into_response(),
        None => (
            [clear],
            Html("<!doctype html><html><body><p>You are logged out.</p></body></html>"),
        )
            .into_response(),
    })
}

async fn validate_email(
    State(site): State<Arc<Site>>,
    _: Caller,
    WixJson(body): WixJson<types::ValidateEmailRequest>,
) -> Response {
    ok(&site.validate_email(&body.email))
}

async fn verify(
    State(site): State<Arc<Site>>,
    _: Caller,
    WixJson(body): WixJson<types::VerifyDuringAuthenticationRequest>,
) -> Result<Response, SiteError> {
    Ok(ok_with_identity(&site.verify(&body)?))
}

async fn start_verification(
    State(site): State<Arc<Site>>,
    _: Caller,
    WixJson(body): WixJson<types::StartVerificationRequest>,
) -> Result<Response, SiteError> {
    Ok(ok(&site.start_verification(&body.identity_id)?))
}

async fn send_recovery_email(
    State(site): State<Arc<Site>>,
    _: Caller,
    WixJson(body): WixJson<types::SendRecoveryEmailRequest>,
) -> Result<Response, SiteError> {
    site.send_recovery_email(&body)?;
    Ok(ok(&json!({})))
}

async fn recover(
    State(site): State<Arc<Site>>,
    WixJson(body): WixJson<types::RecoverRequest>,
) -> Result<Response, SiteError> {
    Ok(ok_with_identity(&site.recover(&body).await?))
}
