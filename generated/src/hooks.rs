//! Hooks the generated client runs around every request.

/// Runs before a request is sent: removes the `api-version` header progenitor adds to every
/// request (it is not part of Wix's API, and an unknown header is one more thing a strict
/// gateway could refuse), and traces the method and path — never the query, the headers or
/// the body, which carry tokens.
pub fn before_send(request: &mut reqwest::Request) {
    request.headers_mut().remove("api-version");
    // The client span of the caller, when it has these fields (OpenTelemetry's HTTP client
    // conventions). The paths have no parameters, so the path is the route template.
    let span = tracing::Span::current();
    span.record("http.request.method", request.method().as_str());
    span.record("url.template", request.url().path());
    if let Some(host) = request.url().host_str() {
        span.record("server.address", host);
    }
    tracing::debug!(
        target: "wix_auth",
        method = %request.method(),
        path = request.url().path(),
        "request"
    );
}

/// Runs when the answer arrives: traces its status (or the kind of failure).
pub fn after_receive(result: &Result<reqwest::Response, reqwest::Error>) {
    let span = tracing::Span::current();
    match result {
        Ok(response) => {
            span.record("http.response.status_code", response.status().as_u16());
            if let Some(id) = response
                .headers()
                .get("x-wix-request-id")
                .and_then(|v| v.to_str().ok())
            {
                span.record("wix.request_id", id);
            }
            if response.status().is_client_error() || response.status().is_server_error() {
                span.record("error.type", response.status().as_str());
            }
        }
        Err(e) => {
            let kind = if e.is_timeout() {
                "timeout"
            } else if e.is_connect() {
                "connect"
            } else {
                "transport"
            };
            span.record("error.type", kind);
        }
    }
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
