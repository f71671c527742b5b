//! Hooks the generated client runs around every request.

/// Runs before a request is sent: removes the `api-version` header progenitor adds to every
/// request (it is not part of Wix's API, and an unknown header is one more thing a strict
/// gateway could refuse), and traces the method and path — never the query, the headers or
/// the body, which carry tokens.
pub fn before_send(request: &mut reqwest::Request) {
    request.headers_mut().remove("api-version");
    tracing::debug!(
        target: "wix_auth",
        method = %request.method(),
        path = request.url().path(),
        "request"
    );
}

/// Runs when the answer arrives: traces its status (or the kind of failure).
pub fn after_receive(result: &Result<reqwest::Response, reqwest::Error>) {
    match result {
        Ok(response) => tracing::debug!(
            target: "wix_auth",
            status = response.status().as_u16(),
            path = response.url().path(),
            "response"
        ),
        Err(e) => tracing::debug!(
            target: "wix_auth",
            timeout = e.is_timeout(),
            connect = e.is_connect(),
            "request failed"
        ),
    }
}
