//! The member rules shared by Register, Login, Verify, Recover, Sign On and the login page:
//! policies, pending states and the login-state answers.

use axum::http::{HeaderMap, StatusCode};
use wix_auth_generated::codes;
use wix_auth_generated::{Secret, types};

use crate::AppState;
use crate::crypto::{self, PasswordHash};
use crate::store::{AccessGrant, Member, Pending, SentEmail, StateGrant, Store, Subject};
use crate::wire::{self, ApiError};

/// The caller's live access token, of any kind.
pub fn caller(app: &AppState, headers: &HeaderMap) -> Result<AccessGrant, ApiError> {
    let token = wire::access_token(headers).ok_or_else(ApiError::unauthenticated)?;
    app.store()
        .live_access(token, app.now())
        .cloned()
        .ok_or_else(ApiError::unauthenticated)
}

/// Refuses a missing or invalid CAPTCHA when the site requires one. A token starting with
/// `invalid` counts as invalid; any other non-empty token passes.
pub fn check_captcha(app: &AppState, tokens: &[types::CaptchaToken]) -> Result<(), ApiError> {
    if !app.config.policy.require_captcha {
        return Ok(());
    }
    let values: Vec<&str> = tokens
        .iter()
        .flat_map(|t| {
            [
                t.recaptcha.as_deref().map(String::as_str),
                t.invisible_recaptcha.as_deref().map(String::as_str),
                t.no_captcha.as_deref().map(String::as_str),
                t.recaptcha_for_client_site_key
                    .as_ref()
                    .and_then(|k| k.token.as_deref()),
            ]
        })
        .flatten()
        .filter(|v| !v.is_empty())
        .collect();
    match values.first() {
        None => Err(ApiError::app(
            StatusCode::BAD_REQUEST,
            codes::CAPTCHA_MISSING,
            "A CAPTCHA token is required",
        )),
        Some(v) if v.starts_with("invalid") => Err(ApiError::app(
            StatusCode::BAD_REQUEST,
            codes::CAPTCHA_INVALID,
            "The CAPTCHA token is invalid",
        )),
        Some(_) => Ok(()),
    }
}

/// Hashes a new password after checking it is present and long enough for the site.
pub async fn hash_new_password(
    app: &AppState,
    field: &str,
    password: Option<&Secret>,
) -> Result<PasswordHash, ApiError> {
    let password = password
        .map(Secret::expose_secret)
        .ok_or_else(|| ApiError::field(field, "REQUIRED_FIELD", "A password is required"))?;
    let min = app.config.policy.password_min_length;
    if password.chars().count() < min {
        return Err(ApiError::field(
            field,
            "VALUE_TOO_SHORT",
            format!("The password must have at least {min} characters"),
        ));
    }
    Ok(crypto::hash_password(password, app.config.password_hash_rounds).await?)
}

/// Refuses an email that is not `local@domain.tld`.
pub fn check_email(field: &str, email: &str) -> Result<(), ApiError> {
    if is_email(email) {
        Ok(())
    } else {
        Err(ApiError::field(
            field,
            "INVALID_EMAIL",
            "The email address is not valid",
        ))
    }
}

/// A plausible email address: one `@`, a non-empty local part, a dotted domain.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= MAX_EMAIL_LEN
        && !email.chars().any(char::is_control)
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

/// The error a used, expired or unknown state token gets.
/// The member a social provider's account signs in as: found by email, or created without
/// a password (the provider vouches for the email, so it is verified), and linked to the
/// IdP connection.
pub fn provider_member(app: &AppState, email: &str, connection: &str) -> Result<String, ApiError> {
    let now = app.now();
    let mut store = app.store();
    if let Some(member) = store.member_by_email(email).map(|m| m.id.clone()) {
        if let Some(m) = store.members.get_mut(&member) {
            m.idp_connection
                .get_or_insert_with(|| connection.to_string());
        }
        return Ok(member);
    }
    let mut member = new_member(email, None, None, now)?;
    member.email_verified = true;
    member.idp_connection = Some(connection.to_string());
    let id = member.id.clone();
    store.insert_member(member);
    Ok(id)
}

/// The longest email address accepted (RFC 5321's path limit, as Validate Email's `maxLength`).
pub const MAX_EMAIL_LEN: usize = 254;

/// Refuses profile values outside the npm types: an open enum (`privacyStatus`, a tag) with
/// a value Wix does not define, and a custom field whose value sets none of the typed keys
/// (an unknown key such as `text` would otherwise be stored as `{}`).
pub fn check_profile(field: &str, profile: &types::IdentityProfile) -> Result<(), ApiError> {
    let unknown = |path: String, value: &str| {
        Err(ApiError::field(
            &path,
            "INVALID_ENUM",
            format!("`{value}` is not a value of `{path}`"),
        ))
    };
    if let Some(types::OpenPrivacyStatus::String(value)) = &profile.privacy_status {
        return unknown(format!("{field}.privacyStatus"), value);
    }
    for (i, email) in profile.secondary_emails.iter().enumerate() {
        if let Some(types::OpenEmailTag::String(value)) = &email.tag {
            return unknown(format!("{field}.secondaryEmails[{i}].tag"), value);
        }
    }
    for (i, phone) in profile.phones_v2.iter().enumerate() {
        if let Some(types::OpenPhoneTag::String(value)) = &phone.tag {
            return unknown(format!("{field}.phonesV2[{i}].tag"), value);
        }
    }
    for (i, address) in profile.addresses.iter().enumerate() {
        if let Some(types::OpenAddressTag::String(value)) = &address.tag {
            return unknown(format!("{field}.addresses[{i}].tag"), value);
        }
    }
    for (i, custom) in profile.custom_fields.iter().enumerate() {
        let typed = custom.value.as_ref().is_some_and(|v| {
            v.str_value.is_some()
                || v.num_value.is_some()
                || v.date_value.is_some()
                || v.bool_value.is_some()
                || v.list_value.is_some()
                || v.map_value.is_some()
        });
        if !typed {
            return Err(ApiError::field(
                &format!("{field}.customFields[{i}].value"),
                "REQUIRED_FIELD",
                "A custom field's value sets one of strValue, numValue, dateValue, boolValue, listValue or mapValue",
            ));
        }
    }
    Ok(())
}

pub fn invalid_state_token() -> ApiError {
    ApiError::app(
        StatusCode::BAD_REQUEST,
        codes::INVALID_STATE_TOKEN,
        "The state token is invalid or expired",
    )
}

/// A new member record.
pub fn new_member(
    email: &str,
    password: Option<PasswordHash>,
    profile: Option<types::IdentityProfile>,
    now: u64,
) -> Result<Member, ApiError> {
    Ok(Member {
        id: crypto::guid()?,
        email: email.to_string(),
        password,
        profile: profile.unwrap_or_default(),
        email_verified: false,
        awaiting_verification: false,
        awaiting_approval: false,
        password_reset_required: false,
        idp_connection: None,
        second_factor: None,
        created: now,
        updated: now,
        revision: 1,
    })
}

/// The answer for where the member now stands: `REQUIRE_EMAIL_VERIFICATION` (sending a
/// code), `REQUIRE_OWNER_APPROVAL`, or `SUCCESS` with a session token.
pub fn advance(
    app: &AppState,
    store: &mut Store,
    member_id: &str,
) -> Result<types::StateMachineResponse, ApiError> {
    let now = app.now();
    let member = store
        .members
        .get(member_id)
        .cloned()
        .ok_or(ApiError::Internal)?;
    if member.awaiting_verification {
        let state_token = begin_verification(app, store, &member)?;
        return Ok(answer(
            types::LoginState::RequireEmailVerification,
            &member,
            None,
            Some(state_token),
        ));
    }
    if member.awaiting_approval {
        let state_token = issue_state_token(app, store, &member.id, Pending::Approval)?;
        return Ok(answer(
            types::LoginState::RequireOwnerApproval,
            &member,
            None,
            Some(state_token),
        ));
    }
    let second_factor = member
        .second_factor
        .or((app.config.policy.require_mfa && member.password.is_some())
            .then_some(types::LoginState::RequireMfa));
    if let Some(state) = second_factor {
        let state_token = issue_state_token(app, store, &member.id, Pending::SecondFactor(state))?;
        return Ok(answer(state, &member, None, Some(state_token)));
    }
    let session = crypto::token("MST.sbx-")?;
    store.sessions.insert(
        session.clone(),
        (member.id.clone(), now + app.config.lifetimes.session_token),
    );
    Ok(answer(
        types::LoginState::Success,
        &member,
        Some(session),
        None,
    ))
}

/// Issues a verification state token and puts a fresh code in the outbox.
fn begin_verification(
    app: &AppState,
    store: &mut Store,
    member: &Member,
) -> Result<String, ApiError> {
    let code = crypto::six_digit_code()?;
    let pending = Pending::Verification {
        code: code.clone(),
        attempts: 0,
    };
    let state_token = issue_state_token(app, store, &member.id, pending)?;
    store.outbox.push(SentEmail::verification(
        member.email.clone(),
        code,
        app.now(),
    ));
    Ok(state_token)
}

/// Issues a state token continuing `pending` for the member.
fn issue_state_token(
    app: &AppState,
    store: &mut Store,
    member_id: &str,
    pending: Pending,
) -> Result<String, ApiError> {
    let state_token = crypto::token("AST.sbx-")?;
    store.states.insert(
        state_token.clone(),
        StateGrant {
            member_id: member_id.to_string(),
            pending,
            expires: app.now() + app.config.lifetimes.state_token,
        },
    );
    Ok(state_token)
}

/// A login-state answer.
pub fn answer(
    state: types::LoginState,
    member: &Member,
    session_token: Option<String>,
    state_token: Option<String>,
) -> types::StateMachineResponse {
    types::StateMachineResponse {
        state: state.into(),
        session_token: session_token.map(Into::into),
        state_token: state_token.map(Into::into),
        identity: Some(member.identity()),
        additional_data: Default::default(),
    }
}

/// The member a live session token belongs to, consuming the token (single use).
pub fn redeem_session(store: &mut Store, token: &str, now: u64) -> Option<String> {
    match store.sessions.remove(token) {
        Some((member_id, expires)) if expires > now => Some(member_id),
        _ => None,
    }
}

/// Whether a subject is a member.
pub fn is_member(subject: &Subject) -> bool {
    matches!(subject, Subject::Member(_))
}
