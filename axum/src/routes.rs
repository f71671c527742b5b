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
    Credentials, Error, LoginOutcome, Registration, Session, Tokens, authorize::IdentityProvider,
    secrets::AccessToken, secrets::SessionToken, tokens::MemberIdentity,
};

use crate::carrier::{CookieSlot, Pending, SessionCookie};
use crate::config::WixAuthWeb;
use crate::extract::unavailable;
use crate::hooks::{EstablishedLogin, LoginMethod};
use crate::outcome::{AuthFailure, AuthOutcome};
use crate::policy::{Lookup, Outage};
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

    /// The page of an outage: 503, `Retry-After` where known, nothing cleared.
    fn outage(&self, outage: Outage) -> Response {
        let mut response = self.failed(AuthFailure::Unavailable);
        *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        if let Some(after) = outage.retry_after
            && let Ok(value) = HeaderValue::from_str(&after.as_secs().to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }

    /// The session and an access token to make the login calls with: the session's (a
    /// visitor's or a member's), or a new visitor's when it has none or it has ended. An
    /// outage is a 503 with the session left as it is.
    async fn caller(&self) -> Result<(SessionCookie, AccessToken), Response> {
        let tokens = match self.web.lookup(&self.slot).await {
            Lookup::Tokens(_, tokens) => tokens,
            Lookup::Empty | Lookup::Ended { .. } => self
                .web
                .start_visitor(&self.slot)
                .await
                .map_err(|e| self.outage(Outage::of(&e)))?,
            Lookup::Unavailable(outage) => return Err(self.outage(outage)),
        };
        let cookie = self
            .slot
            .get()
            .ok_or_else(|| self.failed(AuthFailure::Unavailable))?;
        Ok((cookie, tokens.access_token))
    }

    /// Makes member tokens the session's: under a new session id (no fixation), with the
    /// member recorded (see [`Ctx::adopt`]).
    async fn establish(&self, mut tokens: Tokens, login: Established) -> Response {
        let Ok(fresh) = SessionCookie::fresh() else {
            return self.failed(AuthFailure::Unavailable);
        };
        let session = self.web.inner.sessions.get(fresh.store_key());
        if tokens.member.is_none() {
            tokens.member = login.member.clone();
        }
        if let Err(error) = session.set(&tokens).await {
            return self.outage(Outage::of(&error));
        }
        self.adopt(fresh, session, tokens, login).await
    }

    /// Makes the new session, whose member tokens are stored, the browser's: the member's
    /// identity recorded (Token Info, when no answer gave it), the old id's tokens dropped,
    /// the app's login hook run, the browser sent on.
    async fn adopt(
        &self,
        fresh: SessionCookie,
        session: Session,
        tokens: Tokens,
        login: Established,
    ) -> Response {
        let tokens = match session.identify(tokens).await {
            Ok(tokens) => tokens,
            Err(error) => {
                let _ = session.clear().await;
                return self.outage(Outage::of(&error));
            }
        };
        if let Some(old) = self.slot.get() {
            let _ = self.web.inner.sessions.get(old.store_key()).clear().await;
        }
        self.slot.set(Some(fresh));
        if let (Some(hook), Some(member)) = (&self.web.inner.on_login, tokens.member) {
            hook(EstablishedLogin {
                member,
                method: login.method,
                return_to: login.return_to.clone(),
            })
            .await;
        }
        Redirect::to(&login.return_to).into_response()
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
        method: LoginMethod,
        return_to: String,
    ) -> Response {
        match outcome {
            LoginOutcome::Success {
                session_token,
                identity,
            } => {
                let login = Established {
                    member: identity.as_deref().and_then(MemberIdentity::from_identity),
                    method,
                    return_to,
                };
                self.finish(cookie, caller, &session_token, login).await
            }
            LoginOutcome::EmailVerificationRequired {
                state_token,
                identity_id,
            } => {
                let pending = Pending::AwaitingCode {
                    state_token,
                    identity_id,
                    method,
                    return_to,
                };
                self.remember(cookie, pending);
                self.page(AuthOutcome::VerificationRequired)
            }
            LoginOutcome::OwnerApprovalRequired { state_token } => {
                let pending = Pending::AwaitingApproval {
                    state_token,
                    return_to,
                };
                self.remember(cookie, pending);
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
            // StatusCheck, Unknown, and states Wix adds after this release: no session.
            _ => self.failed(AuthFailure::Unavailable),
        }
    }

    /// A session token becomes member tokens: server-side where the site answers a
    /// redirect, otherwise through the documented full-page redirect and the callback.
    async fn finish(
        &self,
        cookie: SessionCookie,
        caller: &AccessToken,
        session_token: &SessionToken,
        login: Established,
    ) -> Response {
        let auth = &self.web.inner.auth;
        match auth.member_tokens(caller, session_token).await {
            Ok(tokens) => self.establish(tokens, login).await,
            Err(Error::NoRedirect { .. }) => {
                match auth.begin_session_login(caller, session_token).await {
                    Ok((url, redirect)) => {
                        let pending = Pending::Redirect {
                            login: redirect,
                            member: login.member,
                            method: login.method,
                            return_to: login.return_to,
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

/// A login about to be established: who (when already known), how, and where to go next.
struct Established {
    member: Option<MemberIdentity>,
    method: LoginMethod,
    return_to: String,
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
    let (cookie, caller) = match ctx.caller().await {
        Ok(started) => started,
        Err(response) => return response,
    };
    let auth = &ctx.web.inner.auth;
    let (begun, method) = match query.idp.filter(|idp| !idp.is_empty()) {
        Some(idp) => {
            let provider = IdentityProvider::Connection(idp);
            let begun = auth.begin_social_login(&caller, &provider).await;
            (begun, LoginMethod::Social)
        }
        None => (auth.begin_login(&caller).await, LoginMethod::WixManaged),
    };
    match begun {
        Ok((url, login)) => {
            let pending = Pending::Redirect {
                login,
                member: None,
                method,
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
    let (cookie, caller) = match ctx.caller().await {
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
    let method = if register {
        LoginMethod::Registration
    } else {
        LoginMethod::Password
    };
    match outcome {
        Ok(outcome) => {
            ctx.advance(cookie, &caller, outcome, method, return_to)
                .await
        }
        Err(error) => ctx.error(&error),
    }
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
    let Some(Pending::AwaitingCode {
        state_token,
        identity_id,
        method,
        return_to,
    }) = cookie.pending.take()
    else {
        return ctx.failed(AuthFailure::NoLoginInProgress);
    };
    let (_, caller) = match ctx.caller().await {
        Ok(started) => started,
        Err(response) => return response,
    };
    let auth = &ctx.web.inner.auth;
    match auth
        .verify_email(&caller, &state_token, body.code.trim())
        .await
    {
        Ok(outcome) => {
            ctx.slot.set(Some(cookie.clone()));
            ctx.advance(cookie, &caller, outcome, method, return_to)
                .await
        }
        Err(error) => {
            // A wrong code leaves the verification open for another try.
            if matches!(error, Error::VerificationFailed(_)) {
                let pending = Pending::AwaitingCode {
                    state_token,
                    identity_id,
                    method,
                    return_to,
                };
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
    let (_, caller) = match ctx.caller().await {
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
    let Some(Pending::Redirect {
        login,
        member,
        method,
        return_to,
    }) = cookie.pending.take()
    else {
        return ctx.failed(AuthFailure::NoLoginInProgress);
    };
    // The login is over either way: a refused callback cannot be retried.
    ctx.slot.set(Some(cookie));
    let mut callback_url = ctx.web.inner.redirect_uri.clone();
    callback_url.set_query(uri.query());
    let Ok(fresh) = SessionCookie::fresh() else {
        return ctx.failed(AuthFailure::Unavailable);
    };
    // Completed through the store, which claims the login once across replicas.
    let session = ctx.web.inner.sessions.get(fresh.store_key());
    match session.complete_login(callback_url.as_str(), login).await {
        Ok(mut tokens) => {
            if tokens.member.is_none() && member.is_some() {
                tokens.member = member.clone();
                if let Err(error) = session.set(&tokens).await {
                    return ctx.outage(Outage::of(&error));
                }
            }
            let login = Established {
                member,
                method,
                return_to,
            };
            ctx.adopt(fresh, session, tokens, login).await
        }
        Err(error) => ctx.error(&error),
    }
}

#[derive(Deserialize)]
struct LogoutForm {
    csrf: String,
}

/// `POST …/logout` (`csrf`): drops the session and sends the browser to Wix's logout. An
/// outage is a 503 and the session stays, so the logout can be retried.
async fn logout(ctx: Ctx, CheckedForm(body): CheckedForm<LogoutForm>) -> Response {
    let Some(cookie) = ctx.slot.get() else {
        return ctx.failed(AuthFailure::Forbidden);
    };
    let token_ok: bool = cookie.csrf.as_bytes().ct_eq(body.csrf.as_bytes()).into();
    if !token_ok {
        return ctx.failed(AuthFailure::Forbidden);
    }
    let inner = &ctx.web.inner;
    let session = inner.sessions.get(cookie.store_key());
    let target = match session.logout(&inner.post_logout_url).await {
        Ok(url) => url.to_string(),
        Err(Error::Store(error)) => return ctx.outage(Outage::of(&Error::Store(error))),
        // No tokens, or Wix would not give the URL: the local session is over either way.
        Err(_) => inner.post_logout_url.clone(),
    };
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
    let tokens = match ctx.web.lookup(&ctx.slot).await {
        Lookup::Tokens(_, tokens) => tokens,
        Lookup::Empty | Lookup::Ended { .. } => return unauthorized(),
        Lookup::Unavailable(outage) => return unavailable(outage),
    };
    let mut response = Json(serde_json::json!({
        "accessToken": tokens.access_token.expose_secret(),
        "expiresAt": tokens.expires_at,
        "role": tokens.role.as_str(),
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
    /// The login routes under the prefix (default `/auth`, see
    /// [`WixAuthWebBuilder::prefix`](crate::WixAuthWebBuilder::prefix)), to merge into the
    /// app's router, which must be wrapped in [`WixAuthWeb::layer`].
    ///
    /// Forms are `application/x-www-form-urlencoded`, at most
    /// [`max_form_bytes`](crate::WixAuthWebBuilder::max_form_bytes) (413 beyond), and refused
    /// when posted cross-site (`Sec-Fetch-Site` / `Origin`). `returnTo` is a same-origin path
    /// ([`safe_return_to`](crate::safe_return_to)); anything else becomes `/`. Each outcome
    /// and failure is a page of [`AuthPages`](crate::AuthPages) unless a route says otherwise.
    ///
    /// | route | fields | what it does |
    /// |---|---|---|
    /// | `GET /auth/login` | query `returnTo` (optional), `idp` (optional: an identity-provider connection id) | Wix's hosted login, or a social login with `idp`: a redirect session, then Wix's page, then the callback. With [`login_page`](crate::WixAuthWebBuilder::login_page) set, a `Member` without a session is sent to the app's page instead. |
    /// | `POST /auth/login` | `email`, `password`, `returnTo` (optional) | The custom login (Login V2). On success the session becomes the member's and the browser goes to `returnTo`; verification, approval, a second factor or a wrong password are pages. |
    /// | `POST /auth/register` | `email`, `password`, `returnTo` (optional) | Registration, then as a login. |
    /// | `POST /auth/verify` | `code` | The emailed code of the registration or login in progress; a wrong code can be retried. |
    /// | `POST /auth/password-reset` | `email` | Wix emails a reset link if the address is a member's; the answer does not say. |
    /// | `GET /auth/callback` | query `code`, `state` (or `error`), as Wix sends them | Completes the login in progress: the state is checked before any token request, a login completes once (across replicas sharing the store). |
    /// | `POST /auth/logout` | `csrf` ([`Member::csrf_token`](crate::Member::csrf_token)) | Ends the session and sends the browser through Wix's logout to the post-logout URL. |
    /// | `GET /auth/token` | — | `{"accessToken", "expiresAt", "role"}` for the app's own same-origin browser code, `Cache-Control: no-store`; never the refresh token. |
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
