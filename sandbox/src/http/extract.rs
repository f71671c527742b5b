//! Extractors: the credentials of a request's headers, and the caller its access token
//! speaks for.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::wire::access_token;
use crate::site::{AccessGrant, KeyHeaders, Site, SiteError};

/// The request's `Authorization`, `wix-site-id` and `wix-account-id`.
pub struct Keys(pub KeyHeaders);

impl<S: Send + Sync> FromRequestParts<S> for Keys {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        Ok(Self(KeyHeaders {
            authorization: access_token(&parts.headers).map(str::to_string),
            site_id: header("wix-site-id"),
            account_id: header("wix-account-id"),
        }))
    }
}

/// The live access token of the request: a visitor, member or app. Without one the request
/// is refused with 401 before the handler runs.
pub struct Caller(pub AccessGrant);

impl FromRequestParts<Arc<Site>> for Caller {
    type Rejection = SiteError;

    async fn from_request_parts(
        parts: &mut Parts,
        site: &Arc<Site>,
    ) -> Result<Self, Self::Rejection> {
        site.caller(access_token(&parts.headers)).map(Caller)
    }
}
