//! The HTTP surface: one router per API (IAM, OAuth, Redirects, Members, the site's pages,
//! `/_sandbox` control) over the rules of `crate::site`, with the extractors, the one
//! error mapping and the wire conventions they share.

mod control;
mod cors;
mod error;
mod extract;
mod iam;
mod members;
mod oauth;
mod pages;
mod redirects;
mod wire;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;

use crate::site::Site;

/// The sandbox's router.
pub(crate) fn router(site: Arc<Site>) -> Router {
    let limit = site.config.limits.max_body_bytes;
    // What code calls (a page's `fetch` included) answers browsers from any origin, as Wix's
    // API does; what a browser navigates to (authorize, login, provider and logout pages)
    // needs no CORS and gets none.
    let api = Router::new()
        .merge(iam::router())
        .merge(oauth::router())
        .merge(redirects::router())
        .merge(members::router())
        .merge(control::router())
        .fallback(wire::not_found)
        .layer(axum::middleware::from_fn(cors::answer_browsers));
    let router = api
        .merge(pages::router())
        .merge(iam::logout_router())
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::map_response(wire::stamp));
    #[cfg(feature = "spec-check")]
    let router = router.layer(axum::middleware::from_fn(crate::spec_check::check));
    router.with_state(site)
}
