//! The extractors: [`Member`] (a logged-in member, or a redirect to login / a 401),
//! [`MaybeMember`], and [`WixAccess`] (a visitor or member access token for calls to Wix,
//! minting visitor tokens only when a handler asks for one).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use wix_auth_flows::{AccessToken, Error, ErrorKind, Role, Tokens};

use crate::carrier::{CookieSlot, SessionCookie};
use crate::config::{Rejection, WixAuthWeb};

/// A logged-in member: its access token (refreshed once at a time when close to expiry),
/// for calls to Wix *as the member*, and the session's CSRF token for the app's forms.
#[derive(Debug, Clone)]
pub struct Member {
    access_token: AccessToken,
    expires_at: u64,
    csrf: String,
}

impl Member {
    /// The member's access token, sent raw in `Authorization` to Wix APIs.
    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    /// When the access token expires (Unix seconds).
    pub fn expires_at(&self) -> u64 {
        self.expires_at
    }

    /// The CSRF token to put in the app's `POST …/logout` form (field `csrf`).
    pub fn csrf_token(&self) -> &str {
        &self.csrf
    }
}

/// A member if one is logged in, else `None` (a visitor, or no session at all).
#[derive(Debug, Clone)]
pub struct MaybeMember(pub Option<Member>);

/// An access token for calls to Wix: the member's, or a visitor's (minted on first use, so
/// requests that never ask for one — bots, health checks — mint nothing).
#[derive(Debug, Clone)]
pub struct WixAccess {
    /// The access token.
    pub access_token: AccessToken,
    /// Whose token it is.
    pub role: Role,
}

/// Why [`Member`] or [`WixAccess`] refused a request.
#[derive(Debug)]
pub struct AuthRejection {
    reason: RejectionReason,
    login_url: String,
    style: Rejection,
    wants_html: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RejectionReason {
    /// No member session (none, a visitor's, an ended one, or a tampered cookie).
    LoginRequired,
    /// The session store or Wix cannot answer now.
    Unavailable,
    /// The integration's layer is not mounted.
    NotMounted,
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        match self.reason {
            RejectionReason::LoginRequired => {
                let redirect = match self.style {
                    Rejection::Redirect => true,
                    Rejection::Json => false,
                    Rejection::Auto => self.wants_html,
                };
                if redirect {
                    Redirect::to(&self.login_url).into_response()
                } else {
                    (
                        StatusCode::UNAUTHORIZED,
                        [(header::CONTENT_TYPE, "application/json")],
                        r#"{"error":"login_required"}"#,
                    )
                        .into_response()
                }
            }
            RejectionReason::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "5")],
                "The member session cannot be read now; try again shortly.",
            )
                .into_response(),
            RejectionReason::NotMounted => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "wix-auth-axum: wrap the app in WixAuthWeb::layer()",
            )
                .into_response(),
        }
    }
}

/// The integration and the cookie slot of a request.
fn mounted(parts: &Parts) -> Option<(WixAuthWeb, CookieSlot)> {
    Some((
        parts.extensions.get::<WixAuthWeb>()?.clone(),
        parts.extensions.get::<CookieSlot>()?.clone(),
    ))
}

impl WixAuthWeb {
    fn rejection(&self, parts: &Parts, reason: RejectionReason) -> AuthRejection {
        let return_to = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        let wants_html = parts
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        AuthRejection {
            reason,
            login_url: self.login_url(&return_to),
            style: self.inner.rejection,
            wants_html,
        }
    }

    /// Ends a session whose tokens cannot be refreshed: its tokens dropped, its cookie
    /// removed.
    pub(crate) async fn end_session(&self, slot: &CookieSlot, key: &str) {
        let _ = self.inner.sessions.get(key).clear().await;
        slot.set(None);
    }

    /// The member of the request's session, if any. A refresh the session cannot survive
    /// ends it (the member logs in again); it never becomes a visitor.
    async fn member_of(&self, slot: &CookieSlot) -> Result<Option<Member>, RejectionReason> {
        let Some(cookie) = slot.get() else {
            return Ok(None);
        };
        match self.inner.sessions.get(cookie.store_key()).tokens().await {
            Ok(tokens) if tokens.role == Role::Member => Ok(Some(Member {
                access_token: tokens.access_token,
                expires_at: tokens.expires_at,
                csrf: cookie.csrf,
            })),
            Ok(_) | Err(Error::NoTokens) => Ok(None),
            Err(error) => match error.kind() {
                ErrorKind::Reauthenticate => {
                    self.end_session(slot, &cookie.store_key()).await;
                    Ok(None)
                }
                _ => {
                    tracing::warn!(kind = ?error.kind(), "member session unavailable");
                    Err(RejectionReason::Unavailable)
                }
            },
        }
    }

    /// The request's tokens, minting visitor tokens (and a session) when it has none.
    async fn access_of(&self, slot: &CookieSlot) -> Result<Tokens, RejectionReason> {
        let cookie = match slot.get() {
            Some(cookie) => cookie,
            None => {
                let cookie = SessionCookie::fresh().map_err(|_| RejectionReason::Unavailable)?;
                slot.set(Some(cookie.clone()));
                cookie
            }
        };
        let key = cookie.store_key();
        match self.inner.sessions.get(key.as_str()).tokens().await {
            Ok(tokens) => Ok(tokens),
            Err(Error::NoTokens) => self
                .inner
                .sessions
                .get(key.as_str())
                .start_visitor()
                .await
                .map_err(|_| RejectionReason::Unavailable),
            Err(error) => {
                let was_member = matches!(
                    self.inner.sessions.get(key.as_str()).stored().await,
                    Ok(Some(Tokens {
                        role: Role::Member,
                        ..
                    }))
                );
                match error.kind() {
                    // A member whose session ended logs in again; a visitor's ended session
                    // is simply a new visitor.
                    ErrorKind::Reauthenticate if was_member => {
                        self.end_session(slot, &key).await;
                        Err(RejectionReason::LoginRequired)
                    }
                    ErrorKind::Reauthenticate => {
                        let _ = self.inner.sessions.get(key.as_str()).clear().await;
                        self.inner
                            .sessions
                            .get(key.as_str())
                            .start_visitor()
                            .await
                            .map_err(|_| RejectionReason::Unavailable)
                    }
                    _ => Err(RejectionReason::Unavailable),
                }
            }
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Member {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some((web, slot)) = mounted(parts) else {
            return Err(not_mounted());
        };
        match web.member_of(&slot).await {
            Ok(Some(member)) => Ok(member),
            Ok(None) => Err(web.rejection(parts, RejectionReason::LoginRequired)),
            Err(reason) => Err(web.rejection(parts, reason)),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for MaybeMember {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some((web, slot)) = mounted(parts) else {
            return Err(not_mounted());
        };
        web.member_of(&slot)
            .await
            .map(MaybeMember)
            .map_err(|reason| web.rejection(parts, reason))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for WixAccess {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some((web, slot)) = mounted(parts) else {
            return Err(not_mounted());
        };
        web.access_of(&slot)
            .await
            .map(|tokens| WixAccess {
                access_token: tokens.access_token,
                role: tokens.role,
            })
            .map_err(|reason| web.rejection(parts, reason))
    }
}

fn not_mounted() -> AuthRejection {
    AuthRejection {
        reason: RejectionReason::NotMounted,
        login_url: String::new(),
        style: Rejection::Json,
        wants_html: false,
    }
}
