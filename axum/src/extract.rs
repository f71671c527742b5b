//! The extractors: [`Member`] (a logged-in member, or a redirect to login / a 401),
//! [`MaybeMember`], and [`WixAccess`] (a visitor or member access token for calls to Wix,
//! minting visitor tokens only when a handler asks for one).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use wix_auth_flows::middleware::MemberAuth;
use wix_auth_flows::{Role, Session, Tokens, secrets::AccessToken, tokens::MemberIdentity};

use crate::carrier::CookieSlot;
use crate::config::{Rejection, WixAuthWeb};
use crate::policy::{Lookup, Outage};

/// A logged-in member: who it is ([`Member::id`], recorded when the session was
/// established, never fetched per request), its access token (refreshed once at a time when
/// close to expiry), a client that calls other Wix APIs as the member
/// ([`Member::client`]), and the session's CSRF token for the app's forms.
#[derive(Debug, Clone)]
pub struct Member {
    identity: MemberIdentity,
    access_token: AccessToken,
    expires_at: u64,
    csrf: String,
    session: Session,
    http: reqwest::Client,
}

impl Member {
    /// The member's Wix id: what the app keys its own data by.
    pub fn id(&self) -> &str {
        &self.identity.id
    }

    /// The member's login email, where Wix gave it (custom login and registration; not
    /// after a Wix-managed or social login, whose Token Info carries none).
    pub fn email(&self) -> Option<&str> {
        self.identity.email.as_deref()
    }

    /// The member's identity.
    pub fn identity(&self) -> &MemberIdentity {
        &self.identity
    }

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

    /// A client that calls other Wix APIs (Members, Stores, Bookings, …) as the member:
    /// the session's access token in `Authorization`, refreshed ahead of expiry, and after a
    /// 401 refreshed once and the request retried — once for all concurrent requests of the
    /// session, across replicas with a shared store.
    ///
    /// ```no_run
    /// # async fn handler(member: wix_auth_axum::Member) -> Result<(), Box<dyn std::error::Error>> {
    /// let me: serde_json::Value = member
    ///     .client()
    ///     .get("https://www.wixapis.com/members/v1/members/my")
    ///     .send()
    ///     .await?
    ///     .json()
    ///     .await?;
    /// # let _ = me; Ok(()) }
    /// ```
    pub fn client(&self) -> reqwest_middleware::ClientWithMiddleware {
        reqwest_middleware::ClientBuilder::new(self.http.clone())
            .with(MemberAuth::new(self.session.clone()))
            .build()
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

#[derive(Debug, Clone, Copy)]
enum RejectionReason {
    /// No member session (none, a visitor's, an ended one, or a tampered cookie).
    LoginRequired,
    /// The session store or Wix cannot answer now.
    Unavailable(Outage),
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
            RejectionReason::Unavailable(outage) => unavailable(outage),
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

    /// The member of the request's session, if any (see [`crate::policy`]).
    async fn member_of(&self, slot: &CookieSlot) -> Result<Option<Member>, RejectionReason> {
        match self.lookup(slot).await {
            Lookup::Tokens(session, tokens) => Ok(self.member(slot, session, tokens)),
            Lookup::Empty | Lookup::Ended { .. } => Ok(None),
            Lookup::Unavailable(outage) => Err(RejectionReason::Unavailable(outage)),
        }
    }

    /// A member from a member's tokens (carrying the identity the lookup recorded).
    fn member(&self, slot: &CookieSlot, session: Session, tokens: Tokens) -> Option<Member> {
        let identity = tokens.member.filter(|_| tokens.role == Role::Member)?;
        Some(Member {
            identity,
            access_token: tokens.access_token,
            expires_at: tokens.expires_at,
            csrf: slot.get().map(|c| c.csrf).unwrap_or_default(),
            session,
            http: self.inner.http.clone(),
        })
    }

    /// The request's tokens, minting visitor tokens (and a session) when it has none. An
    /// ended member session asks for a login; an ended visitor's is a new visitor.
    async fn access_of(&self, slot: &CookieSlot) -> Result<Tokens, RejectionReason> {
        match self.lookup(slot).await {
            Lookup::Tokens(_, tokens) => Ok(tokens),
            Lookup::Ended { was_member: true } => Err(RejectionReason::LoginRequired),
            Lookup::Empty | Lookup::Ended { was_member: false } => self
                .start_visitor(slot)
                .await
                .map_err(|e| RejectionReason::Unavailable(Outage::of(&e))),
            Lookup::Unavailable(outage) => Err(RejectionReason::Unavailable(outage)),
        }
    }
}

/// The 503 of an outage, with `Retry-After` where Wix said when.
pub(crate) fn unavailable(outage: Outage) -> Response {
    let mut response = (
        StatusCode::SERVICE_UNAVAILABLE,
        "The member session cannot be read now; try again shortly.",
    )
        .into_response();
    if let Some(after) = outage.retry_after
        && let Ok(value) = header::HeaderValue::from_str(&after.as_secs().to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
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
