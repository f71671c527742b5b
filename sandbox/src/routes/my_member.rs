//! The Wix Members API's Get My Member (`GET /members/v1/members/my`), so calls made *as the
//! member* with a member access token can be shown end to end.

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::json;

use super::members::caller;
use crate::AppState;
use crate::store::{Subject, rfc3339};
use crate::wire::{self, ApiError};

/// `GET /members/v1/members/my`: the member of a member access token, with the fields of
/// Wix's Member object (`id`, `loginEmail`, `loginEmailVerified`, `status`, `contactId`,
/// `contact`, `profile`, `privacyStatus`, `activityStatus`, dates). A visitor or app token
/// is refused: there is no "my" member.
pub async fn get_my_member(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let grant = caller(&app, &headers)?;
    let Subject::Member(member_id) = grant.subject else {
        return Err(ApiError::forbidden(
            "Get My Member needs a member access token",
        ));
    };
    let store = app.store();
    let member = store
        .members
        .get(&member_id)
        .ok_or_else(ApiError::unauthenticated)?;
    let profile = &member.profile;
    let status = if member.awaiting_approval {
        "PENDING"
    } else {
        "APPROVED"
    };
    Ok(wire::ok(&json!({
        "member": {
            "id": member.id,
            "loginEmail": member.email,
            "loginEmailVerified": member.email_verified,
            "status": status,
            "contactId": member.id,
            "contact": {
                "firstName": profile.first_name,
                "lastName": profile.last_name,
                "emails": [member.email],
            },
            "profile": {
                "nickname": profile.nickname.clone().unwrap_or_else(|| member.email.split('@').next().unwrap_or_default().to_string()),
                "slug": profile.slug.clone().unwrap_or_else(|| member.id.clone()),
            },
            "privacyStatus": "PRIVATE",
            "activityStatus": "ACTIVE",
            "createdDate": rfc3339(member.created),
            "updatedDate": rfc3339(member.updated),
        }
    })))
}
