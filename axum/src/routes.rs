//! The login routes under the prefix: Wix-managed and social login, the custom login,
//! registration, verification and password reset, the callback, logout, and the token
//! endpoint for the app's own browser code.

// A handler's early answer is an axum `Response`; boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;
use wix_auth_flows::{
    AccessToken, Credentials, Error, IdentityProvider, LoginOutcome, Registration, Role,
    SessionToken, StateToken, Tokens,
};

use crate::carrier::{CookieSlot, Pending, SessionCookie};
use crate::config::WixAuthWeb;
use crate::outcome::{AuthFailure, AuthOutcome};
use crate::return_to::safe_return_to;

/// The integration and the session cookie of one request, as the layer handed them over.
struct Ctx {
    web: WixAuthWeb,
    slot: CookieSlot,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match (
            parts.extensions.get::<WixAuthWeb>(),
            parts.extensions.get::<CookieSlot>(),
        ) {
            (Some(web), Some(slot)) => Ok(Self {
                web: web.clone(),
                slot: slot.clone(),
            }),
            _ => Err((
                StatusCode::INTERNAL_SERVER_ERROR,
                "wix-auth-axum: wrap the app in WixAuthWeb::layer()",
            )
                .into_response()),
        }
    }
}

impl Ctx {
    /// The page for an outcome.
    fn page(&self, outcome: AuthOutcome) -> Response {
        let csrf = self.slot.get().map(|c| c.csrf).unwrap_or_default();
        let mut response = self.web.inner.pages.render(&outcome, &csrf);
        if let AuthOutcome::Failed(AuthFailure::Throttled(Some(after))) = &outcome
            && let Ok(value) = HeaderValue::from_str(&after.as_secs().to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }

    fn failed(&self, failure: AuthFailure) -> Response {
        self.page(AuthOutcome::Failed(failure))
    }

    fn error(&self, error: &Error) -> Response {
        if matches!(error, Error::PendingApproval(_)) {
            return self.page(AuthOutcome::OwnerApprovalRequired);
        }
        if matches!(error.kind(), wix_auth_flows::ErrorKind::Misconfigured) {
            tracing::error!(%error, "wix-auth-axum: a login failed on configuration");
        }
        self.failed(AuthFailure::from_error(error))
    }

    /// The request's session, started (with a new id and no tokens) when there is none.
    fn session(&self) -> Result<SessionCookie, Response> {
        if let Some(cookie) = self.slot.get() {
            return Ok(cookie);
        }
        let cookie = SessionCookie::fresh().map_err(|_| self.failed(AuthFailure::Unavailable))?;
        self.slot.set(Some(cookie.clone()));
        Ok(cookie)
    }

    /// An access token to make the login calls with: the session's, or a new visitor's.
    async fn caller_token(&self, cookie: &SessionCookie) -> Result<AccessToken, Response> {
        let sessions = &self.web.inner.sessions;
        let key = cookie.store_key();
        let tokens = match sessions.get(key.as_str()).tokens().await {
            Ok(tokens) => tokens,
            Err(_) => {
                // No tokens, or ones that cannot be refreshed: a login starts as a visitor.
                let _ = sessions.get(key.as_str()).clear().await;
                sessions
                    .get(key.as_str())
                    .start_visitor()
                    .await
                    .map_err(|e| self.error(&e))?
            }
        };
        Ok(tokens.access_token)
    }

    /// Makes member tokens the session's: under a new session id (no fixation), the old
    /// id's tokens dropped.
    async fn establish(&self, tokens: &Tokens, return_to: &str) -> Response {
        let sessions = &self.web.inner.sessions;
        let Ok(fresh) = SessionCookie::fresh() else {
            return self.failed(AuthFailure::Unavailable);
        };
        if let Err(error) = sessions.get(fresh.store_key()).set(tokens).await {
            return self.error(&error);
        }
        if let Some(old) = self.slot.get() {
            let _ = sessions.get(old.store_key()).clear().await;
        }
        self.slot.set(Some(fresh));
        Redirect::to(return_to).into_response()
    }

    /// Records a login in progress in the cookie.
    fn remember(&self, mut cookie: SessionCookie, pending: Pending) {
        cookie.pending = Some(pending);
        self.slot.set(Some(cookie));
    }

    /// The answer to where a custom login stands.
    async fn advance(
        &self,
        cookie: SessionCookie,
        caller: &AccessToken,
        outcome: LoginOutcome,
        return_to: String,
    ) -> Response {
        let waiting = |state_token: Option<StateToken>, identity_id: Option<String>| Pending {
            login: None,
            state_token,
            identity_id,
            return_to: return_to.clone(),
        };
        match outcome {
            LoginOutcome::Success { session_token, .. } => {
                self.finish(cookie, caller, &session_token, return_to).await
            }
            LoginOutcome::EmailVerificationRequired {
                state_token,
                identity_id,
            } => {
                self.remember(cookie, waiting(Some(state_token), identity_id));
                self.page(AuthOutcome::VerificationRequired)
            }
            LoginOutcome::OwnerApprovalRequired { state_token } => {
                self.remember(cookie, waiting(state_token, None));
                self.page(AuthOutcome::OwnerApprovalRequired)
            }
            LoginOutcome::MfaRequired { .. }
            | LoginOutcome::MfaChallenge { .. }
            | LoginOutcome::FirstFactorRequired { .. } => {
                self.page(AuthOutcome::SecondFactorRequired)
            }
            LoginOutcome::MissingFields { .. } => {
                self.failed(AuthFailure::InvalidInput(Vec::new()))
            }
            LoginOutcome::StatusCheck { .. } | LoginOutcome::Unknown { .. } => {
                self.failed(AuthFailure::Unavailable)
            }
        }
    }

    /// A session token becomes member tokens: server-side where the site answers a
    /// redirect, otherwise through the documented full-page redirect and the callback.
    async fn finish(
        &self,
        cookie: SessionCookie,
        caller: &AccessToken,
        session_token: &SessionToken,
        return_to: String,
    ) -> Response {
        let auth = &self.web.inner.auth;
        match auth.member_tokens(caller, session_token).await {
            Ok(tokens) => self.establish(&tokens, &return_to).await,
            Err(Error::NoRedirect { .. }) => {
                match auth.begin_session_login(caller, session_token).await {
                    Ok((url, login)) => {
                        let pending = Pending {
                            login: Some(login),
                            state_token: None,
                            identity_id: None,
                            return_to,
                        };
                        self.remember(cookie, pending);
                        Redirect::to(url.as_str()).into_response()
                    }
                    Err(error) => self.error(&error),
                }
            }
            Err(error) => self.error(&error),
        }
    }
}

/// A POST that a browser sent from another site is refused (login CSRF): `Sec-Fetch-Site`
/// must be `same-origin` (or `none`, typed by the user) and `Origin`, when sent, ours.
fn same_origin(web: &WixAuthWeb, headers: &HeaderMap) -> bool {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let site_ok = header(header::HeaderName::from_static("sec-fetch-site"))
        .is_none_or(|site| matches!(site, "same-origin" | "none"));
    let origin_ok = header(header::ORIGIN).is_none_or(|origin| origin == web.inner.origin);
    site_ok && origin_ok
}

/// A form posted from the site itself (see [`same_origin`]); a cross-site post, an
/// unreadable form or one past the size limit (413) is answered before the handler runs.
struct CheckedForm<T>(T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CheckedForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let ctx = Ctx::from_request_parts(&mut parts, state).await?;
        if !same_origin(&ctx.web, &parts.headers) {
            return Err(ctx.failed(AuthFailure::Forbidden));
        }
        match Form::<T>::from_request(Request::from_parts(parts, body), state).await {
            Ok(Form(value)) => Ok(Self(value)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err((StatusCode::PAYLOAD_TOO_LARGE, "The form is too large.").into_response())
            }
            Err(_) => Err(ctx.failed(AuthFailure::InvalidInput(Vec::new()))),
        }
    }
}

fn return_to(web: &WixAuthWeb, candidate: Option<&str>) -> String {
    candidate
        .and_then(safe_return_to)
        .unwrap_or(&web.inner.default_return_to)
        .to_string()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LoginQuery {
    return_to: Option<String>,
    idp: Option<String>,
}

/// `GET …/login?returnTo=…[&idp=…]`: Wix-managed login (or social login with an IdP
/// connection id) through Wix's page and back to the callback.
async fn begin_login(ctx: Ctx, query: Result<Query<LoginQuery>, QueryRejection>) -> Response {
    let Ok(Query(query)) = query else {
        return ctx.failed(AuthFailure::InvalidInput(vec!["returnTo".into()]));
    };
    let cookie = match ctx.session() {
        Ok(cookie) => cookie,
        Err(response) => return response,
    };
    let caller = match ctx.caller_token(&cookie).await {
        Ok(token) => token,
        Err(response) => return response,
    };
    let auth = &ctx.web.inner.auth;
    let begun = match query.idp.filter(|idp| !idp.is_empty()) {
        Some(idp) => {
            auth.begin_social_login(&caller, &IdentityProvider::Connection(idp))
                .await
        }
        None => auth.begin_login(&caller).await,
    };
    match begun {
        Ok((url, login)) => {
            let pending = Pending {
                login: Some(login),
                state_token: None,
                identity_id: None,
                return_to: return_to(&ctx.web, query.return_to.as_deref()),
            };
            ctx.remember(cookie, pending);
            Redirect::to(url.as_str()).into_response()
        }
        Err(error) => ctx.error(&error),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CredentialsForm {
    email: String,
    password: String,
    return_to: Option<String>,
}

/// `POST …/login` (`email`, `password`, optional `returnTo`): the custom login.
async fn submit_login(ctx: Ctx, CheckedForm(body): CheckedForm<CredentialsForm>) -> Response {
    submit_credentials(ctx, body, false).await
}

/// `POST …/register` (`email`, `password`, optional `returnTo`).
async fn submit_register(ctx: Ctx, CheckedForm(body): CheckedForm<CredentialsForm>) -> Response {
    submit_credentials(ctx, body, true).await
}

/// A login or a registration, then where it stands.
async fn submit_credentials(ctx: Ctx, body: CredentialsForm, register: bool) -> Response {
    let (cookie, caller) = match start(&ctx).await {
        Ok(started) => started,
        Err(response) => return response,
    };
    let return_to = return_to(&ctx.web, body.return_to.as_deref());
    let (email, password) = (body.email.trim(), body.password);
    let auth = &ctx.web.inner.auth;
    let outcome = if register {
        auth.register(&caller, &Registration::new(email, password))
            .await
    } else {
        auth.login(&caller, &Credentials::new(email, password))
            .await
    };
    match outcome {
        Ok(outcome) => ctx.advance(cookie, &caller, outcome, return_to).await,
        Err(error) => ctx.error(&error),
    }
}

/// The session and a caller token for a login call.
async fn start(ctx: &Ctx) -> Result<(SessionCookie, AccessToken), Response> {
    let cookie = ctx.session()?;
    let caller = ctx.caller_token(&cookie).await?;
    Ok((cookie, caller))
}

#[derive(Deserialize)]
struct CodeForm {
    code: String,
}

/// `POST …/verify` (`code`): the emailed code of the login in progress.
async fn submit_code(ctx: Ctx, CheckedForm(body): CheckedForm<CodeForm>) -> Response {
    let Some(mut cookie) = ctx.slot.get() else {
        return ctx.failed(AuthFailure::NoLoginInProgress);
    };
    let Some(pending) = cookie.pending.take() else {
        return ctx.failed(AuthFailure::NoLoginInProgress);
    };
    let Some(state_token) = pending.state_token.clone() else {
        return ctx.failed(AuthFailure::NoLoginInProgress);
    };
    let caller = match ctx.caller_token(&cookie).await {
        Ok(token) => token,
        Err(response) => return response,
    };
    let auth = &ctx.web.inner.auth;
    match auth
        .verify_email(&caller, &state_token, body.code.trim())
        .await
    {
        Ok(outcome) => {
            ctx.slot.set(Some(cookie.clone()));
            ctx.advance(cookie, &caller, outcome, pending.return_to)
                .await
        }
        Err(error) => {
            // A wrong code leaves the verification open for another try.
            if matches!(error, Error::VerificationFailed(_)) {
                ctx.remember(cookie, pending);
            } else {
                ctx.slot.set(Some(cookie));
            }
            ctx.error(&error)
        }
    }
}

#[derive(Deserialize)]
struct EmailForm {
    email: String,
}

/// `POST …/password-reset` (`email`): Wix emails a reset link, if the email is a member's.
async fn submit_password_reset(ctx: Ctx, CheckedForm(body): CheckedForm<EmailForm>) -> Response {
    let (_, caller) = match start(&ctx).await {
        Ok(started) => started,
        Err(response) => return response,
    };
    match ctx
        .web
        .inner
        .auth
        .send_password_reset(&caller, body.email.trim(), None)
        .await
    {
        Ok(()) => ctx.page(AuthOutcome::RecoveryEmailSent),
        Err(error) => ctx.error(&error),
    }
}

/// `GET …/callback`: completes the login in progress (state checked before any token
/// request; once only, across replicas sharing the store) under a new session id.
async fn callback(ctx: Ctx, uri: Uri) -> Response {
    let Some(mut cookie) = ctx.slot.get() else {
        return ctx.failed(AuthFailure::NoLoginInProgress);
    };
    let Some(pending) = cookie.pending.take() else {
        return ctx.failed(AuthFailure::NoLoginInProgress);
    };
    let Some(login) = pending.login else {
        return ctx.failed(AuthFailure::NoLoginInProgress);
    };
    let mut callback_url = ctx.web.inner.redirect_uri.clone();
    callback_url.set_query(uri.query());
    let Ok(fresh) = SessionCookie::fresh() else {
        return ctx.failed(AuthFailure::Unavailable);
    };
    let sessions = &ctx.web.inner.sessions;
    match sessions
        .get(fresh.store_key())
        .complete_login(callback_url.as_str(), login)
        .await
    {
        Ok(_) => {
            let _ = sessions.get(cookie.store_key()).clear().await;
            ctx.slot.set(Some(fresh));
            Redirect::to(&pending.return_to).into_response()
        }
        Err(error) => {
            // The login is over either way: a refused callback cannot be retried.
            ctx.slot.set(Some(cookie));
            ctx.error(&error)
        }
    }
}

#[derive(Deserialize)]
struct LogoutForm {
    csrf: String,
}

/// `POST …/logout` (`csrf`): drops the session and sends the browser to Wix's logout.
async fn logout(ctx: Ctx, CheckedForm(body): CheckedForm<LogoutForm>) -> Response {
    let Some(cookie) = ctx.slot.get() else {
        return ctx.failed(AuthFailure::Forbidden);
    };
    let token_ok: bool = cookie.csrf.as_bytes().ct_eq(body.csrf.as_bytes()).into();
    if !token_ok {
        return ctx.failed(AuthFailure::Forbidden);
    }
    let inner = &ctx.web.inner;
    let target = inner
        .sessions
        .get(cookie.store_key())
        .logout(&inner.post_logout_url)
        .await
        .map_or_else(|_| inner.post_logout_url.clone(), |url| url.to_string());
    ctx.slot.set(None);
    Redirect::to(&target).into_response()
}

/// `GET …/token`: the session's access token and its expiry for the app's own browser
/// code (same-origin requests only, never cached); never the refresh token.
async fn token(ctx: Ctx, headers: HeaderMap) -> Response {
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if site.is_some_and(|s| s != "same-origin") || !same_origin(&ctx.web, &headers) {
        return (
            StatusCode::FORBIDDEN,
            Json(serde_json::json!({"error": "cross_origin"})),
        )
            .into_response();
    }
    let Some(cookie) = ctx.slot.get() else {
        return unauthorized();
    };
    let sessions = &ctx.web.inner.sessions;
    let tokens = match sessions.get(cookie.store_key()).tokens().await {
        Ok(tokens) => tokens,
        Err(error) if matches!(error.kind(), wix_auth_flows::ErrorKind::Reauthenticate) => {
            ctx.web.end_session(&ctx.slot, &cookie.store_key()).await;
            return unauthorized();
        }
        Err(Error::NoTokens) => return unauthorized(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let role = match tokens.role {
        Role::Member => "member",
        Role::Visitor => "visitor",
        Role::App => "app",
    };
    let mut response = Json(serde_json::json!({
        "accessToken": tokens.access_token.expose_secret(),
        "expiresAt": tokens.expires_at,
        "role": role,
    }))
    .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn unauthorized() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        Json(serde_json::json!({"error": "login_required"})),
    )
        .into_response()
}

impl WixAuthWeb {
    /// The login routes under the prefix, to merge into the app's router (which must be
    /// wrapped in [`WixAuthWeb::layer`]).
    pub fn router<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        let prefix = &self.inner.prefix;
        Router::new()
            .route(
                &format!("{prefix}/login"),
                get(begin_login).post(submit_login),
            )
            .route(&format!("{prefix}/register"), post(submit_register))
            .route(&format!("{prefix}/verify"), post(submit_code))
            .route(
                &format!("{prefix}/password-reset"),
                post(submit_password_reset),
            )
            .route(&format!("{prefix}/callback"), get(callback))
            .route(&format!("{prefix}/logout"), post(logout))
            .route(&format!("{prefix}/token"), get(token))
            .layer(DefaultBodyLimit::max(self.inner.max_form_bytes))
    }
}
