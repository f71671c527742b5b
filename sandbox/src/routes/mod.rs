//! The HTTP surface: every operation of the spec at its wire path (and the alias paths),
//! the site-domain authorize endpoint with its login page, and `/_sandbox` control.

mod api_keys;
mod authorize;
mod control;
mod iam;
mod members;
mod my_member;
mod oauth;
mod recovery;
mod redirects;
mod verification;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::AppState;
use crate::wire;

pub(crate) use members::{is_email, new_member};

/// The sandbox's router.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    let limit = state.config.limits.max_body_bytes;
    let mut router = Router::new();
    for prefix in ["/_api/iam/authentication", "/iam/authentication"] {
        router = router
            .route(&format!("{prefix}/v2/register"), post(iam::register))
            .route(&format!("{prefix}/v2/login"), post(iam::login))
            .route(&format!("{prefix}/v2/sign-on"), post(iam::sign_on))
            .route(
                &format!("{prefix}/v2/change-password"),
                post(iam::change_password),
            )
            .route(&format!("{prefix}/v1/logout"), get(iam::logout))
            .route(
                &format!("{prefix}/v2/validate-email"),
                post(iam::validate_email),
            );
    }
    router = router
        .route(
            "/_api/iam/verification/v1/auth/verify",
            post(verification::verify),
        )
        .route("/_api/iam/verification/v1/start", post(verification::start));
    for prefix in ["/_api/iam/recovery", "/_iam/recovery"] {
        router = router
            .route(
                &format!("{prefix}/v1/send-email"),
                post(recovery::send_email),
            )
            .route(&format!("{prefix}/v1/recover"), post(recovery::recover));
    }
    for path in [
        "/_api/redirects-api/v1/redirect-session",
        "/redirect-session/v1/redirect-session",
        "/headless/v1/redirect-session",
    ] {
        router = router.route(path, post(redirects::create));
    }
    let router = router
        .route("/members/v1/members/my", get(my_member::get_my_member))
        .route("/oauth2/token", post(oauth::token))
        .route("/oauth2/token-info", post(oauth::token_info))
        .route("/_api/oauth2/authorize", get(authorize::authorize))
        .route(
            "/_sandbox/login",
            get(authorize::login_page).post(authorize::login_form),
        )
        .route("/_sandbox/idp", post(authorize::provider_form))
        .route("/_sandbox/outbox", get(control::outbox))
        .route("/_sandbox/approve", post(control::approve))
        .route("/_sandbox/contacts", post(control::seed_contact))
        .route(
            "/_sandbox/members",
            get(control::list_members).post(control::seed_member),
        )
        .route("/_sandbox/reset", post(control::reset))
        .route("/_sandbox/stats", get(control::stats))
        .route("/_sandbox/clock", post(control::advance_clock))
        .fallback(wire::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::map_response(wire::stamp));
    #[cfg(feature = "spec-check")]
    let router = router.layer(axum::middleware::from_fn(crate::spec_check::check));
    router.with_state(state)
}
