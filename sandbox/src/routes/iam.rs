//! The IAM Authentication API: Register V2, Login V2, Sign On, Change Password, Logout and
//! Validate Email.

use std::collections::HashMap;
use std::sync::Arc;
use wix_auth_generated::codes;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use wix_auth_generated::types;

use super::api_keys::{ApiKeyProblem, api_key_call};
use super::members::{self, answer, caller, check_captcha, check_email};
use crate::AppState;
use crate::store::{FailedLogins, Pending, Subject};
use crate::wire::{self, ApiError, WixJson};

/// `POST /_api/iam/authentication/v2/register`.
pub async fn register(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    WixJson(body): WixJson<types::RegisterV2Request>,
) -> Result<Response, ApiError> {
    caller(&app, &headers)?;
    check_captcha(&app, &body.captcha_tokens)?;
    let email = body.login_id.email.trim();
    check_email("loginId.email", email)?;
    if let Some(profile) = &body.profile {
        members::check_profile("profile", profile)?;
    }
    let hash = members::hash_new_password(&app, "password", body.password.as_ref()).await?;
    let now = app.now();
    let mut store = app.store();
    if store.member_by_email(email).is_some() {
        return Err(ApiError::app(
            StatusCode::CONFLICT,
            codes::EMAIL_EXISTS,
            "A member with this email already exists",
        ));
    }
    let mut member = members::new_member(email, Some(hash), body.profile, now)?;
    member.awaiting_verification = store.contacts.contains(&email.to_lowercase())
        || app.config.policy.require_email_verification;
    member.awaiting_approval = app.config.policy.require_owner_approval;
    let id = member.id.clone();
    store.insert_member(member);
    let response = members::advance(&app, &mut store, &id)?;
    Ok(wire::ok_with_identity(&response))
}

/// `POST /_api/iam/authentication/v2/login`.
pub async fn login(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    WixJson(body): WixJson<types::LoginV2Request>,
) -> Result<Response, ApiError> {
    caller(&app, &headers)?;
    check_captcha(&app, &body.captcha_tokens)?;
    if let Some(state_token) = &body.state_token {
        return continue_login(&app, state_token.expose_secret());
    }
    let password = body
        .password
        .as_ref()
        .map(|p| p.expose_secret())
        .unwrap_or_default();
    let member_id = check_credentials(&app, body.login_id.email.trim(), password).await?;
    let response = members::advance(&app, &mut app.store(), &member_id)?;
    Ok(wire::ok_with_identity(&response))
}

/// Checks an email and password against the members, with throttling: the member's ID when
/// the member may log in (or must verify the email first), else the Wix error.
pub async fn check_credentials(
    app: &AppState,
    email: &str,
    password: &str,
) -> Result<String, ApiError> {
    let now = app.now();
    let key = email.to_lowercase();
    let limits = &app.config.limits;
    let stored = {
        let store = app.store();
        if let Some(failed) = store.failed_logins.get(&key)
            && failed.count >= limits.failed_logins
            && now < failed.since + limits.failed_login_window
        {
            return Err(ApiError::App {
                status: StatusCode::TOO_MANY_REQUESTS,
                code: codes::THROTTLED.into(),
                message: "Too many failed logins; try again later".into(),
                retry_after: Some(failed.since + limits.failed_login_window - now),
            });
        }
        store
            .member_by_email(email)
            .map(|m| (m.id.clone(), m.password.clone()))
    };
    let verified = match &stored {
        Some((_, Some(hash))) => crate::crypto::verify_password(hash.clone(), password).await,
        _ => false,
    };
    let mut store = app.store();
    let known = stored.is_some();
    let Some((member_id, _)) = stored.filter(|_| verified) else {
        let failed = store.failed_logins.entry(key).or_insert(FailedLogins {
            count: 0,
            since: now,
        });
        if now >= failed.since + limits.failed_login_window {
            *failed = FailedLogins {
                count: 0,
                since: now,
            };
        }
        failed.count += 1;
        return Err(if known {
            ApiError::app(
                StatusCode::UNAUTHORIZED,
                codes::INVALID_CREDENTIALS,
                "Wrong email or password",
            )
        } else {
            ApiError::app(
                StatusCode::UNAUTHORIZED,
                codes::UNKNOWN_EMAIL,
                "No member has this email",
            )
        });
    };
    store.failed_logins.remove(&key);
    let member = store.members.get(&member_id).ok_or(ApiError::Internal)?;
    if member.password_reset_required {
        return Err(ApiError::app(
            StatusCode::FORBIDDEN,
            codes::RESET_PASSWORD,
            "The password was reset; use \"forgot password\"",
        ));
    }
    if member.awaiting_approval && !member.awaiting_verification {
        return Err(ApiError::app(
            StatusCode::FORBIDDEN,
            codes::PENDING_APPROVAL,
            "The membership is waiting for the site owner's approval",
        ));
    }
    Ok(member_id)
}

/// Login V2 with a state token: the state it continues, or `SUCCESS` once approved.
fn continue_login(app: &AppState, state_token: &str) -> Result<Response, ApiError> {
    let now = app.now();
    let mut store = app.store();
    let grant = store
        .states
        .get(state_token)
        .filter(|g| g.expires > now)
        .cloned()
        .ok_or_else(members::invalid_state_token)?;
    let member = store
        .members
        .get(&grant.member_id)
        .cloned()
        .ok_or_else(members::invalid_state_token)?;
    let still_pending = match grant.pending {
        Pending::Approval => member
            .awaiting_approval
            .then_some(types::LoginState::RequireOwnerApproval),
        Pending::Verification { .. } => member
            .awaiting_verification
            .then_some(types::LoginState::RequireEmailVerification),
        Pending::SecondFactor(state) => Some(state),
    };
    if let Some(state) = still_pending {
        return Ok(wire::ok_with_identity(&answer(
            state,
            &member,
            None,
            Some(state_token.to_string()),
        )));
    }
    store.states.remove(state_token);
    let response = members::advance(app, &mut store, &member.id)?;
    Ok(wire::ok_with_identity(&response))
}

/// `POST /_api/iam/authentication/v2/sign-on`: app identities only (a `client_credentials`
/// token, or an API key with its site or account).
pub async fn sign_on(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    WixJson(body): WixJson<types::SignOnRequest>,
) -> Result<Response, ApiError> {
    let by_key = api_key_call(&app, &headers)
        .map_err(ApiKeyProblem::into_wix)?
        .is_some();
    if !by_key && !matches!(caller(&app, &headers)?.subject, Subject::App(_)) {
        return Err(ApiError::forbidden(
            "Sign On needs an app identity (client_credentials token or API key)",
        ));
    }
    let email = body.login_id.email.trim();
    check_email("loginId.email", email)?;
    if let Some(profile) = &body.profile {
        members::check_profile("profile", profile)?;
    }
    let now = app.now();
    let mut store = app.store();
    let id = match store.member_by_email(email).map(|m| m.id.clone()) {
        Some(id) => id,
        None => {
            let member = members::new_member(email, None, None, now)?;
            let id = member.id.clone();
            store.insert_member(member);
            id
        }
    };
    let member = store.members.get_mut(&id).ok_or(ApiError::Internal)?;
    if let Some(profile) = body.profile {
        member.profile = profile;
    }
    if body.verify_email {
        member.email_verified = true;
        member.awaiting_verification = false;
    }
    member.updated = now;
    member.revision += 1;
    let identity = member.identity();
    let session = crate::crypto::token("MST.sbx-")?;
    store.sessions.insert(
        session.clone(),
        (id, now + app.config.lifetimes.session_token),
    );
    Ok(wire::ok_with_identity(&types::SignOnResponse {
        session_token: Some(session.into()),
        identity: Some(identity),
    }))
}

/// `POST /_api/iam/authentication/v2/change-password`: members only.
pub async fn change_password(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    WixJson(body): WixJson<types::ChangePasswordRequest>,
) -> Result<Response, ApiError> {
    let grant = caller(&app, &headers)?;
    let Subject::Member(member_id) = grant.subject else {
        return Err(ApiError::forbidden("Change Password needs a member token"));
    };
    let hash = members::hash_new_password(&app, "newPassword", Some(&body.new_password)).await?;
    let now = app.now();
    let mut store = app.store();
    let member = store
        .members
        .get_mut(&member_id)
        .ok_or_else(ApiError::unauthenticated)?;
    member.password = Some(hash);
    member.password_reset_required = false;
    member.updated = now;
    member.revision += 1;
    Ok(wire::ok(&serde_json::json!({})))
}

/// `GET /_api/iam/authentication/v1/logout`: clears the session cookie and answers a page,
/// or a 302 to an allowed `postLogoutRedirectUri`. A member token, if sent, is revoked with
/// its session.
pub async fn logout(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    if let Some(token) = wire::access_token(&headers) {
        let mut store = app.store();
        if let Some(grant) = store.live_access(token, app.now()).cloned()
            && members::is_member(&grant.subject)
        {
            store.revoke_family(grant.family);
        }
    }
    let clear = (
        header::SET_COOKIE,
        "wixSession=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    );
    let Some(target) = query.get("postLogoutRedirectUri") else {
        return Ok((
            [clear],
            Html("<!doctype html><html><body><p>You are logged out.</p></body></html>"),
        )
            .into_response());
    };
    let allowed = app
        .config
        .clients
        .iter()
        .filter(|c| query.get("clientId").is_none_or(|id| *id == c.id))
        .any(|c| c.post_flow_urls.contains(target) || c.redirect_uris.contains(target));
    if !allowed {
        return Err(ApiError::field(
            "postLogoutRedirectUri",
            "NOT_ALLOWED",
            "postLogoutRedirectUri is not an allowed URL of the client",
        ));
    }
    Ok((
        StatusCode::FOUND,
        [clear, (header::LOCATION, target.as_str())],
    )
        .into_response())
}

/// `POST /_api/iam/authentication/v2/validate-email`. Addresses at a domain ending in
/// `.invalid` have no DNS records; `bounce@…` has bounced.
pub async fn validate_email(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    WixJson(body): WixJson<types::ValidateEmailRequest>,
) -> Result<Response, ApiError> {
    caller(&app, &headers)?;
    let email = body.email.as_str();
    let failure = |reason: types::EmailFailureReason| {
        Some(types::ValidateEmailFailure {
            reason: Some(reason.into()),
        })
    };
    let response = if !members::is_email(email) {
        types::ValidateEmailResponse {
            valid: Some(false),
            format_invalid: Some(true),
            failure: failure(types::EmailFailureReason::EmailDomainFormatInvalid),
        }
    } else if email.ends_with(".invalid") {
        types::ValidateEmailResponse {
            valid: Some(false),
            format_invalid: Some(false),
            failure: failure(types::EmailFailureReason::EmailDomainMissingDnsRecords),
        }
    } else if email.starts_with("bounce@") {
        types::ValidateEmailResponse {
            valid: Some(false),
            format_invalid: Some(false),
            failure: failure(types::EmailFailureReason::EmailAddressBounced),
        }
    } else {
        types::ValidateEmailResponse {
            valid: Some(true),
            format_invalid: Some(false),
            failure: None,
        }
    };
    Ok(wire::ok(&response))
}
