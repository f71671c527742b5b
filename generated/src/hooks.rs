//! Hooks the generated client runs on every request.

/// Removes the `api-version` header progenitor adds to every request: it is not part of
/// Wix's API, and an unknown header is one more thing a strict gateway could refuse.
pub fn strip_api_version(request: &mut reqwest::Request) {
    request.headers_mut().remove("api-version");
}
