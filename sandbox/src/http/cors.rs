//! CORS as Wix's API answers browsers: a preflight from any origin is `204` with that origin,
//! the methods and the requested headers allowed; every answer to a request with an `Origin`
//! — errors, 413 and 5xx included — carries `Access-Control-Allow-Origin` and exposes
//! `Retry-After` and `x-wix-request-id`. No credentials: Wix's API is called with an
//! `Authorization` header, never cookies, so `*`-like echoing of the origin is safe.
//!
//! Written here rather than taken from tower-http because the answer must be exactly Wix's:
//! tower-http answers a preflight `200`, and its origin mirroring needs the same headers set
//! one by one anyway.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The methods Wix's REST API uses.
const METHODS: HeaderValue = HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE");
/// The answer headers a page may read.
const EXPOSED: HeaderValue = HeaderValue::from_static("retry-after, x-wix-request-id");
/// How long a browser may keep a preflight's answer (seconds).
const MAX_AGE: HeaderValue = HeaderValue::from_static("600");

/// Answers a preflight, or adds the CORS headers to the answer of a request with an origin.
pub async fn answer_browsers(request: Request, next: Next) -> Response {
    let Some(origin) = request.headers().get(header::ORIGIN).cloned() else {
        return next.run(request).await;
    };
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        let mut response = StatusCode::NO_CONTENT.into_response();
        let headers = response.headers_mut();
        allow(headers, origin);
        headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, METHODS);
        if let Some(requested) = request
            .headers()
            .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        {
            headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, requested.clone());
        }
        headers.insert(header::ACCESS_CONTROL_MAX_AGE, MAX_AGE);
        headers.append(
            header::VARY,
            HeaderValue::from_static(
                "access-control-request-method, access-control-request-headers",
            ),
        );
        return response;
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    allow(headers, origin);
    headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    response
}

/// The origin allowed, and caches told that the answer depends on it.
fn allow(headers: &mut HeaderMap, origin: HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.append(header::VARY, HeaderValue::from_static("origin"));
}
