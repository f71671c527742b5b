//! A test-only check (feature `spec-check`): every JSON response the sandbox sends is
//! validated against the spec's schema for its operation and status with a standard JSON
//! Schema validator. A response that breaks the spec is replaced by a `500` naming the
//! violation, so whichever test made the call fails.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// The spec the responses are held against.
const SPEC: &str = include_str!("../../spec/wix-headless-auth.yaml");

/// Responses checked so far in this process.
pub static CHECKED: AtomicU64 = AtomicU64::new(0);

/// The alias prefixes the sandbox serves beside the spec's paths.
const ALIASES: &[(&str, &str)] = &[
    ("/iam/authentication/", "/_api/iam/authentication/"),
    ("/_iam/recovery/", "/_api/iam/recovery/"),
    (
        "/redirect-session/v1/redirect-session",
        "/_api/redirects-api/v1/redirect-session",
    ),
    (
        "/headless/v1/redirect-session",
        "/_api/redirects-api/v1/redirect-session",
    ),
];

fn spec() -> &'static Value {
    static SPEC_JSON: OnceLock<Value> = OnceLock::new();
    SPEC_JSON.get_or_init(|| serde_yaml::from_str(SPEC).unwrap_or(Value::Null))
}

/// The schema the spec gives a JSON response of `method path` with `status`, if any.
pub fn response_schema(method: &str, path: &str, status: u16) -> Option<Value> {
    let spec = spec();
    let path = ALIASES
        .iter()
        .find_map(|(alias, canonical)| {
            path.strip_prefix(alias)
                .map(|rest| format!("{canonical}{rest}"))
        })
        .unwrap_or_else(|| path.to_string());
    let operation = spec["paths"].get(&path)?.get(method.to_lowercase())?;
    let responses = &operation["responses"];
    let range = format!("{}XX", status / 100);
    let response = responses
        .get(status.to_string())
        .or_else(|| responses.get(&range))?;
    let response = match response.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .trim_start_matches("#/")
            .split('/')
            .fold(spec, |node, key| &node[key]),
        None => response,
    };
    response
        .pointer("/content/application~1json/schema")
        .cloned()
}

/// The violations of `body` against `schema`, each one line.
pub fn violations(schema: &Value, body: &Value) -> Vec<String> {
    type Cache = Mutex<HashMap<String, Arc<jsonschema::Validator>>>;
    static VALIDATORS: OnceLock<Cache> = OnceLock::new();
    let key = schema.to_string();
    let cache = VALIDATORS.get_or_init(Cache::default);
    let validator = {
        let mut cache = cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match cache.get(&key) {
            Some(v) => v.clone(),
            None => {
                let root = json!({
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "components": spec()["components"],
                    "allOf": [schema],
                });
                match jsonschema::validator_for(&root) {
                    Ok(v) => {
                        let v = Arc::new(v);
                        cache.insert(key, v.clone());
                        v
                    }
                    Err(e) => return vec![format!("the spec's schema does not compile: {e}")],
                }
            }
        }
    };
    validator
        .iter_errors(body)
        .map(|e| format!("{} at `{}`", e, e.instance_path()))
        .collect()
}

/// The middleware: checks a JSON response of a spec operation, or passes it through.
pub async fn check(request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let status = response.status().as_u16();
    let Some(schema) = is_json
        .then(|| response_schema(&method, &path, status))
        .flatten()
    else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    CHECKED.fetch_add(1, Ordering::Relaxed);
    let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let found = violations(&schema, &value);
    if found.is_empty() {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let message = format!(
        "spec violation: {method} {path} answered {status} with a body that breaks its schema: {}",
        found.join("; ")
    );
    eprintln!("{message}");
    (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deliberately_wrong_response_is_caught() {
        let schema = response_schema("POST", "/_api/iam/authentication/v2/login", 200).unwrap();
        assert!(violations(&schema, &json!({"state": "SUCCESS"})).is_empty());
        assert!(
            !violations(&schema, &json!({"sessionToken": "MST"})).is_empty(),
            "state is required"
        );
        assert!(!violations(&schema, &json!({"state": 7})).is_empty());
        let token = response_schema("POST", "/oauth2/token", 200).unwrap();
        assert!(!violations(&token, &json!({"access_token": "a"})).is_empty());
    }

    #[test]
    fn aliases_and_error_ranges_find_their_schema() {
        assert!(response_schema("POST", "/iam/authentication/v2/login", 200).is_some());
        assert!(response_schema("POST", "/headless/v1/redirect-session", 200).is_some());
        assert!(response_schema("POST", "/oauth2/token", 400).is_some());
        assert!(response_schema("POST", "/_api/iam/authentication/v2/login", 429).is_some());
        assert!(response_schema("GET", "/_sandbox/outbox", 200).is_none());
    }
}
