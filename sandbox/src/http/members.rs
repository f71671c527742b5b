//! The Members API on the wire: Get My Member, so calls made *as the member* can be shown
//! end to end.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;

use super::extract::Caller;
use super::wire::ok;
use crate::site::{Site, SiteError};

/// The Members routes.
pub fn router() -> Router<Arc<Site>> {
    Router::new().route("/members/v1/members/my", get(get_my_member))
}

async fn get_my_member(
    State(site): State<Arc<Site>>,
    Caller(caller): Caller,
) -> Result<Response, SiteError> {
    Ok(ok(&site.my_member(&caller)?))
}
