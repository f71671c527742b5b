//! The HTTP surface: one router per API (IAM, OAuth, Redirects, Members, the site's pages,
//! `/_sandbox` control) over the rules of `crate::site`, with the extractors, the one
//! error mapping and the wire conventions they share.

mod control;
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
    let router = Router::new()
        .merge(iam::router())
        .merge(oauth::router())
        .merge(redirects::router())
        .merge(members::router())
        .merge(pages::router())
        .merge(control::router())
        .fallback(wire::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::map_response(wire::stamp));
    #[cfg(feature = "spec-check")]
    let router = router.layer(axum::middleware::from_fn(crate::spec_check::check));
    router.with_state(site)
}
