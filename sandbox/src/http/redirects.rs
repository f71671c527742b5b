//! The Redirects API on the wire: Create Redirect Session at its path and aliases.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use wix_auth_generated::types;

use super::extract::Caller;
use super::wire::{WixJson, ok};
use crate::site::{Site, SiteError};

/// The Redirects routes.
pub fn router() -> Router<Arc<Site>> {
    let mut router = Router::new();
    for path in [
        "/_api/redirects-api/v1/redirect-session",
        "/redirect-session/v1/redirect-session",
        "/headless/v1/redirect-session",
    ] {
        router = router.route(path, post(create));
    }
    router
}

async fn create(
    State(site): State<Arc<Site>>,
    _: Caller,
    WixJson(body): WixJson<types::CreateRedirectSessionRequest>,
) -> Result<Response, SiteError> {
    let session = site.create_redirect_session(body)?;
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(session.params.iter().map(|(k, v)| (*k, v.as_str())))
        .finish();
    Ok(ok(&serde_json::json!({
        "redirectSession": {
            "id": session.id,
            "fullUrl": format!("{}?{query}", session.endpoint),
            "urlDetails": {
                "endpoint": session.endpoint,
                "searchParams": session.params.into_iter().collect::<BTreeMap<_, _>>(),
            }
        }
    })))
}
