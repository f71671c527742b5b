//! The session carrier: an encrypted, authenticated cookie (axum-extra's private jar)
//! holding a random session id, a CSRF token and, during a login, the pending login — never
//! a token. The layer reads it before the handler and writes it back only when it changed.

use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::Request;
use std::convert::Infallible;
use std::task::{Context, Poll};

use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, PrivateCookieJar, SameSite};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures_util::future::BoxFuture;
use serde::{Deserialize, Serialize};
use tower_layer::Layer;
use tower_service::Service;
use wix_auth_flows::{PendingLogin, secrets::StateToken, tokens::MemberIdentity};

use crate::hooks::LoginMethod;

use crate::config::WixAuthWeb;

/// A login in progress, between two requests of the browser.
#[derive(Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Pending {
    /// A redirect login (Wix-managed, social, or the full-page session route) waiting for
    /// its callback.
    Redirect {
        /// The PKCE verifier, state and redirect URI.
        login: PendingLogin,
        /// The member, when a custom login already said who (the full-page session route).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        member: Option<MemberIdentity>,
        /// How the login began.
        method: LoginMethod,
        /// Where the browser goes once logged in (a checked same-origin path).
        return_to: String,
    },
    /// A custom login waiting for the emailed code.
    AwaitingCode {
        /// The state token of the verification.
        state_token: StateToken,
        /// The identity, for resending the code.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        identity_id: Option<String>,
        /// Whether it began as a registration.
        method: LoginMethod,
        /// Where the browser goes once logged in.
        return_to: String,
    },
    /// A custom login waiting for the site owner's approval.
    AwaitingApproval {
        /// The state token, when Wix sent one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state_token: Option<StateToken>,
        /// Where the browser goes once logged in.
        return_to: String,
    },
}

/// A pending login as the cookie holds it; one the crate cannot read (an earlier version's)
/// counts as no login in progress, never as a broken session.
fn lenient_pending<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Pending>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(value.and_then(|v| serde_json::from_value(v).ok()))
}

/// What the cookie holds.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct SessionCookie {
    /// The session id: the key of the tokens in the store.
    pub sid: String,
    /// The CSRF token the app's forms send back to `POST …/logout`.
    pub csrf: String,
    /// A login in progress.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_pending"
    )]
    pub pending: Option<Pending>,
}

/// 256 random bits, base64url.
pub(crate) fn random_id() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

impl SessionCookie {
    /// A fresh session: new id, new CSRF token, nothing pending.
    pub fn fresh() -> Result<Self, getrandom::Error> {
        Ok(Self {
            sid: random_id()?,
            csrf: random_id()?,
            pending: None,
        })
    }

    /// The store key of the session.
    pub fn store_key(&self) -> String {
        format!("web-session:{}", self.sid)
    }
}

/// The cookie of one request, as the handler and the extractors see and change it.
#[derive(Clone)]
pub(crate) struct CookieSlot(Arc<Mutex<SlotState>>);

struct SlotState {
    current: Option<SessionCookie>,
    changed: bool,
}

impl CookieSlot {
    /// The session as the request brought it (or as changed since).
    pub fn get(&self) -> Option<SessionCookie> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .current
            .clone()
    }

    /// The session, started (a new id, nothing pending) when the request has none.
    pub fn get_or_start(&self) -> Result<SessionCookie, getrandom::Error> {
        if let Some(cookie) = self.get() {
            return Ok(cookie);
        }
        let cookie = SessionCookie::fresh()?;
        self.set(Some(cookie.clone()));
        Ok(cookie)
    }

    /// Replaces the session (`None` removes the cookie).
    pub fn set(&self, cookie: Option<SessionCookie>) {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        state.current = cookie;
        state.changed = true;
    }
}

/// Reads the cookie (a tampered, foreign or undecodable one counts as none) and hands it,
/// with the integration, to the request.
fn open(web: &WixAuthWeb, request: &mut Request) -> CookieSlot {
    let inner = &web.inner;
    let jar = PrivateCookieJar::from_headers(request.headers(), inner.key.clone());
    let current = jar
        .get(inner.cookie_name)
        .and_then(|c| serde_json::from_str::<SessionCookie>(c.value()).ok());
    let slot = CookieSlot(Arc::new(Mutex::new(SlotState {
        current,
        changed: false,
    })));
    request.extensions_mut().insert(web.clone());
    request.extensions_mut().insert(slot.clone());
    slot
}

/// Writes the cookie back when the request changed it.
fn close(web: &WixAuthWeb, slot: &CookieSlot, response: Response) -> Response {
    let (current, changed) = {
        let state = slot.0.lock().unwrap_or_else(PoisonError::into_inner);
        (state.current.clone(), state.changed)
    };
    if !changed {
        return response;
    }
    let jar = PrivateCookieJar::new(web.inner.key.clone());
    let jar = match current.and_then(|c| serde_json::to_string(&c).ok()) {
        Some(value) => jar.add(web.session_cookie(value)),
        None => {
            // A removal the browser applies whatever it held: same name and path, expired.
            let mut removal = web.session_cookie(String::new());
            removal.make_removal();
            jar.add(removal)
        }
    };
    (jar, response).into_response()
}

/// The layer that carries the session cookie (see [`WixAuthWeb::layer`]).
#[derive(Clone, Debug)]
pub struct SessionLayer {
    web: WixAuthWeb,
}

impl<S> Layer<S> for SessionLayer {
    type Service = SessionService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        SessionService {
            web: self.web.clone(),
            inner,
        }
    }
}

/// The service of [`SessionLayer`].
#[derive(Clone, Debug)]
pub struct SessionService<S> {
    web: WixAuthWeb,
    inner: S,
}

impl<S> Service<Request> for SessionService<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<Response, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request) -> Self::Future {
        // The clone that was polled ready serves this call.
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        let web = self.web.clone();
        Box::pin(async move {
            let slot = open(&web, &mut request);
            let response = inner.call(request).await?;
            Ok(close(&web, &slot, response))
        })
    }
}

impl WixAuthWeb {
    /// The cookie with the safe attributes: `HttpOnly`, `Secure` (unless loopback http was
    /// allowed), `SameSite=Lax`, `Path=/`, `Max-Age` of the session lifetime.
    fn session_cookie(&self, value: String) -> Cookie<'static> {
        let inner = &self.inner;
        let max_age = i64::try_from(inner.session_lifetime.as_secs()).unwrap_or(i64::MAX);
        Cookie::build((inner.cookie_name, value))
            .http_only(true)
            .secure(inner.secure)
            .same_site(SameSite::Lax)
            .path("/")
            .max_age(time::Duration::seconds(max_age))
            .build()
    }

    /// The layer that carries the session cookie; wrap the whole app (routes included) in
    /// it: `app.merge(web.router()).layer(web.layer())`.
    pub fn layer(&self) -> SessionLayer {
        SessionLayer { web: self.clone() }
    }
}
