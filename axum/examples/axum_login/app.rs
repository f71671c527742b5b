//! An app whose own sessions are tower-sessions and whose logins are axum-login's, with Wix
//! as its login backend: a password form, "Log in with Wix", a protected page that calls
//! Wix as the member, and logout. The end-to-end test drives this same app.

use axum::Router;
use axum::extract::{Form, OriginalUri, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_login::tower_sessions::{MemoryStore, Session, SessionManagerLayer};
use axum_login::{AuthManagerLayerBuilder, AuthSession, login_required};
use serde::Deserialize;
use wix_auth_axum::axum_login::{WixBackend, WixCredentials, WixLoginError};

type Auth = AuthSession<WixBackend>;

/// Where the pending Wix login waits in the app's session.
const PENDING: &str = "wix.pending";

/// What the handlers share.
#[derive(Clone)]
pub struct App {
    /// The site's origin, e.g. `http://127.0.0.1:3000` (the callback is `<site>/callback`).
    pub site: String,
    /// The Wix API base URL.
    pub wix_base: String,
}

/// The app: its routes, behind axum-login's layer over tower-sessions.
pub fn app(backend: WixBackend, app: App) -> Router {
    let sessions = SessionManagerLayer::new(MemoryStore::default()).with_secure(false);
    Router::new()
        .route("/protected", get(protected))
        .route_layer(login_required!(WixBackend, login_url = "/login"))
        .route("/", get(home))
        .route("/login", get(login_page).post(log_in))
        .route("/login/wix", get(log_in_with_wix))
        .route("/callback", get(callback))
        .route("/logout", post(log_out))
        .with_state(app)
        .layer(AuthManagerLayerBuilder::new(backend, sessions).build())
}

fn page(body: &str) -> Html<String> {
    Html(format!("<!doctype html><html><body>{body}</body></html>"))
}

async fn home(auth: Auth) -> Html<String> {
    match auth.user {
        Some(user) => page(&format!("<p id=\"who\">member {}</p>", user.member().id)),
        None => page("<p id=\"who\">visitor</p><a href=\"/login\">Log in</a>"),
    }
}

async fn login_page() -> Html<String> {
    page(
        "<form method=\"post\" action=\"/login\">\
         <input name=\"email\"><input name=\"password\" type=\"password\">\
         <button>Log in</button></form><a href=\"/login/wix\">Log in with Wix</a>",
    )
}

#[derive(Deserialize)]
struct LoginForm {
    email: String,
    password: String,
}

/// An outage, a refused callback or a login that needs another step, as a page.
fn refused(error: axum_login::Error<WixBackend>) -> Response {
    match error {
        axum_login::Error::Backend(WixLoginError::NotComplete(_)) => {
            page("<p id=\"pending\">One more step: check your email.</p>").into_response()
        }
        axum_login::Error::Backend(WixLoginError::Wix(e))
            if e.kind() == wix_auth_flows::ErrorKind::Reauthenticate =>
        {
            (
                StatusCode::BAD_REQUEST,
                "This login cannot complete; start again.",
            )
                .into_response()
        }
        _ => (StatusCode::SERVICE_UNAVAILABLE, "Try again shortly.").into_response(),
    }
}

async fn log_in(mut auth: Auth, Form(form): Form<LoginForm>) -> Response {
    let credentials = WixCredentials::Password {
        email: form.email,
        password: form.password.into(),
    };
    let user = match auth.authenticate(credentials).await {
        Ok(Some(user)) => user,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "Wrong email or password.").into_response(),
        Err(error) => return refused(error),
    };
    match auth.login(&user).await {
        Ok(()) => Redirect::to("/protected").into_response(),
        Err(error) => refused(error),
    }
}

async fn log_in_with_wix(auth: Auth, session: Session) -> Response {
    let Ok((url, pending)) = auth.backend.begin_login(None).await else {
        return (StatusCode::SERVICE_UNAVAILABLE, "Try again shortly.").into_response();
    };
    if session.insert(PENDING, pending).await.is_err() {
        return (StatusCode::SERVICE_UNAVAILABLE, "Try again shortly.").into_response();
    }
    Redirect::to(url.as_str()).into_response()
}

async fn callback(
    mut auth: Auth,
    session: Session,
    State(app): State<App>,
    OriginalUri(uri): OriginalUri,
) -> Response {
    let Ok(Some(pending)) = session.remove(PENDING).await else {
        return (StatusCode::BAD_REQUEST, "No login in progress.").into_response();
    };
    let url = format!("{}{uri}", app.site);
    let user = match auth
        .authenticate(WixCredentials::Callback { url, pending })
        .await
    {
        Ok(Some(user)) => user,
        Ok(None) => return (StatusCode::BAD_REQUEST, "No member.").into_response(),
        Err(error) => return refused(error),
    };
    match auth.login(&user).await {
        Ok(()) => Redirect::to("/protected").into_response(),
        Err(error) => refused(error),
    }
}

/// The member's page: their Wix id, and Get My Member called as the member.
async fn protected(auth: Auth, State(app): State<App>) -> Response {
    let Some(user) = auth.user else {
        return Redirect::to("/login").into_response();
    };
    let me = user
        .client()
        .get(format!("{}/members/v1/members/my", app.wix_base))
        .send()
        .await;
    let json: serde_json::Value = match me {
        Ok(answer) if answer.status().is_success() => answer.json().await.unwrap_or_default(),
        _ => return (StatusCode::BAD_GATEWAY, "Wix did not answer.").into_response(),
    };
    page(&format!(
        "<p>member <span id=\"member-id\">{}</span>, Wix says \
         <span id=\"wix-id\">{}</span> <span id=\"email\">{}</span></p>\
         <form method=\"post\" action=\"/logout\"><button>Log out</button></form>",
        user.member().id,
        json["member"]["id"].as_str().unwrap_or_default(),
        json["member"]["loginEmail"].as_str().unwrap_or_default(),
    ))
    .into_response()
}

async fn log_out(mut auth: Auth, State(app): State<App>) -> Response {
    let Some(user) = auth.user.clone() else {
        return Redirect::to("/").into_response();
    };
    let target = auth
        .backend
        .logout(&user, &format!("{}/", app.site))
        .await
        .map_or_else(|_| "/".to_string(), |url| url.to_string());
    if auth.logout().await.is_err() {
        return (StatusCode::SERVICE_UNAVAILABLE, "Try again shortly.").into_response();
    }
    Redirect::to(&target).into_response()
}
