//! The OAuth 2 token endpoint (every grant) and Token Info.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use serde_json::Value;
use wix_auth_generated::types;

use super::api_keys::{ApiKeyProblem, api_key_call};
use super::members;
use crate::AppState;
use crate::config::RefreshPolicy;
use crate::crypto;
use crate::store::{AccessGrant, RefreshGrant, RefreshState, Store, Subject};
use crate::wire::{self, ApiError, WixJson};

/// The token request's fields, from JSON (camelCase or snake_case) or a form body.
struct Fields(HashMap<String, String>);

impl Fields {
    fn parse(headers: &HeaderMap, body: &[u8]) -> Result<Self, ApiError> {
        let form = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if form {
            return Ok(Self(
                url::form_urlencoded::parse(body).into_owned().collect(),
            ));
        }
        let object: serde_json::Map<String, Value> =
            serde_json::from_slice(body).map_err(|_| {
                ApiError::oauth(
                    "invalid_request",
                    "The body must be a JSON object or form-encoded",
                )
            })?;
        Ok(Self(
            object
                .into_iter()
                .filter_map(|(k, v)| match v {
                    Value::String(s) => Some((k, s)),
                    Value::Number(n) => Some((k, n.to_string())),
                    Value::Bool(b) => Some((k, b.to_string())),
                    _ => None,
                })
                .collect(),
        ))
    }

    /// The field under its camelCase or snake_case name.
    fn get(&self, camel: &str, snake: &str) -> Option<&str> {
        self.0
            .get(camel)
            .or_else(|| self.0.get(snake))
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn require(&self, camel: &str, snake: &str) -> Result<&str, ApiError> {
        self.get(camel, snake)
            .ok_or_else(|| ApiError::oauth("invalid_request", format!("`{camel}` is required")))
    }
}

/// `POST /oauth2/token`.
pub async fn token(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|r| wire::body_rejection(r.status()))?;
    let fields = Fields::parse(&headers, &body)?;
    let grant_type = fields.require("grantType", "grant_type")?;
    *app.store()
        .token_requests
        .entry(grant_type.to_string())
        .or_default() += 1;
    let tokens = if grant_type == "authorized_client" {
        authorized_client(&app, &headers, &fields)?
    } else {
        client_grant(&app, &fields, grant_type)?
    };
    let mut response = wire::ok(&tokens);
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The `authorized_client` grant: member tokens for a member id, to a caller holding an API
/// key beside a visitor token (`Authorization: <visitor access token>,<API key>`). With a
/// `session_token` (from Sign On) it must be this member's and is used up.
fn authorized_client(
    app: &AppState,
    headers: &HeaderMap,
    fields: &Fields,
) -> Result<types::TokenResponse, ApiError> {
    let call = api_key_call(app, headers)
        .map_err(ApiKeyProblem::into_oauth)?
        .ok_or_else(|| ApiError::oauth("invalid_client", "authorized_client needs an API key"))?;
    let visitor = call.token.ok_or_else(|| {
        ApiError::oauth(
            "invalid_request",
            "authorized_client needs `<visitor access token>,<API key>` in Authorization",
        )
    })?;
    let member_id = fields.require("memberId", "member_id")?;
    let now = app.now();
    let mut store = app.store();
    let invalid = |d: &str| ApiError::oauth("invalid_grant", d);
    let active = store.members.get(member_id).map(|m| m.is_active());
    match active {
        None => return Err(invalid("No member has this id")),
        Some(false) => return Err(invalid("The member is not active")),
        Some(true) => {}
    }
    if let Some(session_token) = fields.get("sessionToken", "session_token")
        && members::redeem_session(&mut store, session_token, now).as_deref() != Some(member_id)
    {
        return Err(invalid(
            "The session token is unknown, used, expired or another member's",
        ));
    }
    let family = store.next_family();
    issue(
        app,
        &mut store,
        Subject::Member(member_id.to_string()),
        &visitor.client_id,
        family,
        true,
    )
}

/// The grants of an OAuth client: `anonymous`, `authorization_code`, `refresh_token`,
/// `client_credentials`.
fn client_grant(
    app: &AppState,
    fields: &Fields,
    grant_type: &str,
) -> Result<types::TokenResponse, ApiError> {
    let client_id = fields.require("clientId", "client_id")?.to_string();
    let tokens = match grant_type {
        "anonymous" => {
            app.config
                .client(&client_id)
                .ok_or_else(|| ApiError::oauth("invalid_client", "Unknown client"))?;
            let visitor = Subject::Visitor(crypto::guid()?);
            let mut store = app.store();
            let family = store.next_family();
            issue(app, &mut store, visitor, &client_id, family, true)?
        }
        "authorization_code" => authorization_code(app, fields, &client_id)?,
        "refresh_token" => refresh(app, fields, &client_id)?,
        "client_credentials" => {
            let secret = fields.require("clientSecret", "client_secret")?;
            let known = app
                .config
                .client(&client_id)
                .and_then(|c| c.secret.as_deref())
                .is_some_and(|s| crypto::secrets_equal(s, secret));
            if !known {
                return Err(ApiError::oauth(
                    "invalid_client",
                    "Unknown client or wrong secret",
                ));
            }
            let mut store = app.store();
            let family = store.next_family();
            issue(
                app,
                &mut store,
                Subject::App(client_id.clone()),
                &client_id,
                family,
                false,
            )?
        }
        _ => {
            return Err(ApiError::oauth(
                "unsupported_grant_type",
                "grantType must be anonymous, authorization_code, refresh_token, client_credentials or authorized_client",
            ));
        }
    };
    Ok(tokens)
}

fn authorization_code(
    app: &AppState,
    fields: &Fields,
    client_id: &str,
) -> Result<types::TokenResponse, ApiError> {
    let code = fields.require("code", "code")?;
    let verifier = fields.require("codeVerifier", "code_verifier")?;
    let redirect_uri = fields.get("redirectUri", "redirect_uri");
    let now = app.now();
    let mut store = app.store();
    let invalid = |d: &str| ApiError::oauth("invalid_grant", d);
    let grant = store
        .codes
        .get(code)
        .cloned()
        .ok_or_else(|| invalid("Unknown authorization code"))?;
    if let Some(family) = grant.redeemed {
        // RFC 6749 §4.1.2: a reused code revokes what it issued.
        store.revoke_family(family);
        return Err(invalid("The authorization code was already used"));
    }
    if grant.expires <= now {
        store.codes.remove(code);
        return Err(invalid("The authorization code expired"));
    }
    if grant.client_id != client_id {
        return Err(invalid("The code was issued to another client"));
    }
    if redirect_uri.is_some_and(|uri| uri != grant.redirect_uri) {
        return Err(invalid(
            "redirectUri differs from the authorization request",
        ));
    }
    if !crypto::pkce_s256_matches(verifier, &grant.challenge) {
        store.codes.remove(code);
        return Err(invalid(
            "The code verifier does not match the code challenge",
        ));
    }
    let family = store.next_family();
    if let Some(g) = store.codes.get_mut(code) {
        g.redeemed = Some(family);
    }
    issue(
        app,
        &mut store,
        Subject::Member(grant.member_id),
        client_id,
        family,
        grant.offline,
    )
}

fn refresh(
    app: &AppState,
    fields: &Fields,
    client_id: &str,
) -> Result<types::TokenResponse, ApiError> {
    let token = fields.require("refreshToken", "refresh_token")?;
    let now = app.now();
    let mut store = app.store();
    let invalid = |d: &str| ApiError::oauth("invalid_grant", d);
    let grant = store
        .refresh
        .get(token)
        .cloned()
        .ok_or_else(|| invalid("Unknown refresh token"))?;
    match grant.state {
        RefreshState::Active => {}
        RefreshState::Used => {
            if app.config.refresh == RefreshPolicy::RotateWithReuseDetection {
                store.revoke_family(grant.family);
                return Err(invalid(
                    "The refresh token was already used; the session is revoked",
                ));
            }
            return Err(invalid("The refresh token was already used"));
        }
        RefreshState::Revoked => return Err(invalid("The refresh token was revoked")),
    }
    if grant.expires <= now {
        return Err(invalid("The refresh token expired"));
    }
    if grant.client_id != client_id {
        return Err(invalid("The refresh token was issued to another client"));
    }
    if let Subject::Member(id) = &grant.subject
        && !store.members.contains_key(id)
    {
        return Err(invalid("The member no longer exists"));
    }
    match app.config.refresh {
        RefreshPolicy::Reuse => {
            let mut tokens = issue(
                app,
                &mut store,
                grant.subject,
                client_id,
                grant.family,
                false,
            )?;
            tokens.refresh_token = Some(token.into());
            Ok(tokens)
        }
        RefreshPolicy::Rotate | RefreshPolicy::RotateWithReuseDetection => {
            if let Some(old) = store.refresh.get_mut(token) {
                old.state = RefreshState::Used;
            }
            issue(
                app,
                &mut store,
                grant.subject,
                client_id,
                grant.family,
                true,
            )
        }
    }
}

/// How many access tokens are issued between sweeps of expired entries.
const PURGE_EVERY: u64 = 4096;

/// Issues an access token (and a refresh token when asked) for a session.
fn issue(
    app: &AppState,
    store: &mut Store,
    subject: Subject,
    client_id: &str,
    family: u64,
    with_refresh: bool,
) -> Result<types::TokenResponse, ApiError> {
    let now = app.now();
    let lifetimes = &app.config.lifetimes;
    if family.is_multiple_of(PURGE_EVERY) {
        store.purge_expired(now);
    }
    let access = crypto::token("OauthNG.JWS.sbx-")?;
    store.access.insert(
        access.clone(),
        AccessGrant {
            subject: subject.clone(),
            client_id: client_id.to_string(),
            issued: now,
            expires: now + lifetimes.access_token,
            family,
        },
    );
    let refresh = if with_refresh {
        let refresh = crypto::token("JWS.sbx-")?;
        store.refresh.insert(
            refresh.clone(),
            RefreshGrant {
                subject,
                client_id: client_id.to_string(),
                expires: now + lifetimes.refresh_token,
                family,
                state: RefreshState::Active,
            },
        );
        Some(refresh.into())
    } else {
        None
    };
    Ok(types::TokenResponse {
        access_token: access.into(),
        token_type: "Bearer".into(),
        expires_in: types::ExpiresIn::Int64(lifetimes.access_token as i64),
        refresh_token: refresh,
        scope: None,
    })
}

/// `POST /oauth2/token-info`. An unknown or expired token answers `{"active": false}`.
pub async fn token_info(
    State(app): State<Arc<AppState>>,
    WixJson(body): WixJson<types::TokenInfoRequest>,
) -> Result<Response, ApiError> {
    let store = app.store();
    let Some(grant) = store.live_access(body.token.expose_secret(), app.now()) else {
        return Ok(wire::ok(&types::TokenInfoResponse {
            active: Some(types::Active::Boolean(false)),
            ..Default::default()
        }));
    };
    Ok(wire::ok(&types::TokenInfoResponse {
        active: Some(types::Active::Boolean(true)),
        subject_type: Some(grant.subject.kind().into()),
        subject_id: Some(grant.subject.id().to_string()),
        exp: Some(types::UnixSeconds::String(grant.expires.to_string())),
        iat: Some(types::UnixSeconds::String(grant.issued.to_string())),
        client_id: Some(grant.client_id.clone()),
        site_id: Some(app.config.site_id.clone()),
        ..Default::default()
    }))
}
