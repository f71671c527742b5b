//! A scripted authorization server (wiremock) that remembers the state and challenge of the
//! last redirect session, so its authorize answer can be right or deliberately wrong; and
//! helpers for the sandbox.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use wix_auth_flows::WixAuth;

/// The client id the scripted server expects.
pub const CLIENT: &str = "conformance-client";
/// The redirect URI of the flows.
pub const REDIRECT: &str = "https://app.example/callback";

/// How the scripted authorize endpoint answers.
#[derive(Clone, Copy, Debug)]
pub enum Answer {
    /// `code` and the right `state`.
    Good,
    /// `code` and another `state`.
    WrongState,
    /// `code` without `state`.
    MissingState,
    /// `error=access_denied` with the right `state`.
    Error,
    /// `code` and the right `state`, at another redirect URI.
    OtherRedirect,
}

/// A scripted authorization server and flows pointed at it.
pub struct Scripted {
    pub server: MockServer,
    pub auth: WixAuth,
    /// The last redirect session request body.
    pub last_auth_request: Arc<Mutex<Option<Value>>>,
}

/// The token response the scripted server sends.
pub fn token_body(access: &str, refresh: Option<&str>) -> Value {
    let mut body = json!({"access_token": access, "token_type": "Bearer", "expires_in": 14400});
    if let Some(refresh) = refresh {
        body["refresh_token"] = json!(refresh);
    }
    body
}

/// Starts a scripted server whose authorize endpoint answers `answer`.
pub async fn scripted(answer: Answer) -> Scripted {
    let server = MockServer::start().await;
    let last: Arc<Mutex<Option<Value>>> = Arc::default();
    let authorize_url = format!("{}/_api/oauth2/authorize", server.uri());
    let seen = last.clone();
    Mock::given(method("POST"))
        .and(path("/_api/redirects-api/v1/redirect-session"))
        .respond_with(move |request: &Request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
            *seen.lock().unwrap() = Some(body);
            ResponseTemplate::new(200).set_body_json(json!({
                "redirectSession": {"id": "rs-1", "fullUrl": format!("{authorize_url}?redirectSessionId=rs-1")}
            }))
        })
        .mount(&server)
        .await;
    let seen = last.clone();
    Mock::given(method("GET"))
        .and(path("/_api/oauth2/authorize"))
        .respond_with(move |_: &Request| {
            let state = seen
                .lock()
                .unwrap()
                .as_ref()
                .and_then(|b| {
                    b["auth"]["authRequest"]["state"]
                        .as_str()
                        .map(str::to_string)
                })
                .unwrap_or_default();
            let location = match answer {
                Answer::Good => format!("{REDIRECT}?code=CODE-1&state={state}"),
                Answer::WrongState => format!("{REDIRECT}?code=CODE-1&state=forged-{state}"),
                Answer::MissingState => format!("{REDIRECT}?code=CODE-1"),
                Answer::Error => {
                    format!("{REDIRECT}?error=access_denied&error_description=denied&state={state}")
                }
                Answer::OtherRedirect => {
                    format!("https://evil.example/callback?code=CODE-1&state={state}")
                }
            };
            ResponseTemplate::new(302).insert_header("location", location.as_str())
        })
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(token_body("AT-member", Some("RT-member"))),
        )
        .mount(&server)
        .await;
    let auth = WixAuth::builder(CLIENT)
        .base_url(server.uri())
        .redirect_uri(REDIRECT)
        .build()
        .unwrap();
    Scripted {
        server,
        auth,
        last_auth_request: last,
    }
}

impl Scripted {
    /// The body of the last redirect session request.
    pub fn last_request(&self) -> Value {
        self.last_auth_request
            .lock()
            .unwrap()
            .clone()
            .unwrap_or(Value::Null)
    }

    /// The `state` of the last authorization request.
    pub fn last_state(&self) -> String {
        self.last_request()["auth"]["authRequest"]["state"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The requests that reached `path`.
    pub async fn requests_to(&self, path: &str) -> Vec<Request> {
        self.server
            .received_requests()
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.url.path() == path)
            .collect()
    }

    /// Every request's method and path, in order.
    pub async fn sequence(&self) -> Vec<String> {
        self.server
            .received_requests()
            .await
            .unwrap_or_default()
            .iter()
            .map(|r| format!("{} {}", r.method, r.url.path()))
            .collect()
    }
}

/// A JSON request body.
pub fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap_or(Value::Null)
}

/// Replaces the values of secret keys with `[redacted]`, recursively.
pub fn redact(value: &mut Value) {
    const SECRET_KEYS: &[&str] = &[
        "password",
        "newPassword",
        "sessionToken",
        "stateToken",
        "code",
        "codeVerifier",
        "refreshToken",
        "recoveryToken",
        "token",
        "client_secret",
        "state",
        "codeChallenge",
        "access_token",
        "refresh_token",
    ];
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if SECRET_KEYS.contains(&key.as_str()) && v.is_string() {
                    *v = Value::String("[redacted]".into());
                } else {
                    redact(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// Flows for client `c` against a server that answers `path` with `template`.
pub async fn flows_answering(path: &str, template: ResponseTemplate) -> (MockServer, WixAuth) {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::path(path))
        .respond_with(template)
        .mount(&server)
        .await;
    let auth = WixAuth::builder("c")
        .base_url(server.uri())
        .build()
        .unwrap();
    (server, auth)
}

/// A sandbox and flows for it (the default client and redirect URI).
pub async fn sandbox() -> (wix_auth_sandbox::RunningSandbox, WixAuth) {
    let sandbox = wix_auth_sandbox::Sandbox::builder().start().await.unwrap();
    let auth = WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
        .base_url(sandbox.base_url())
        .redirect_uri(wix_auth_sandbox::config::DEFAULT_REDIRECT_URI)
        .build()
        .unwrap();
    (sandbox, auth)
}

/// Every JSON example of the spec's responses, with the schema it documents.
pub fn response_examples() -> Vec<(String, String, Value)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/wix-headless-auth.yaml"
    ))
    .unwrap();
    let spec: Value = serde_yaml::from_str(&text).unwrap();
    let resolve = |v: &Value| -> Value {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => r
                .trim_start_matches("#/")
                .split('/')
                .fold(spec.clone(), |n, k| n[k].clone()),
            None => v.clone(),
        }
    };
    let mut out = Vec::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let Some(id) = op.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            for (status, response) in op["responses"].as_object().unwrap() {
                let response = resolve(response);
                let Some(media) = response.pointer("/content/application~1json") else {
                    continue;
                };
                let schema = media["schema"]["$ref"]
                    .as_str()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if let Some(example) = media.get("example") {
                    out.push((format!("{id}-{status}"), schema.clone(), example.clone()));
                }
                for (name, example) in media
                    .get("examples")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    out.push((
                        format!("{id}-{status}-{name}"),
                        schema.clone(),
                        example["value"].clone(),
                    ));
                }
            }
        }
    }
    out
}

/// Every JSON request example of the spec, with the path it is sent to.
pub fn request_examples() -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/wix-headless-auth.yaml"
    ))
    .unwrap();
    let spec: Value = serde_yaml::from_str(&text).unwrap();
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for op in item.as_object().unwrap().values() {
            let Some(media) = op.pointer("/requestBody/content/application~1json") else {
                continue;
            };
            if let Some(example) = media.get("example") {
                out.push((path.clone(), example.clone()));
            }
            for example in media
                .get("examples")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|e| e.values())
            {
                out.push((path.clone(), example["value"].clone()));
            }
        }
    }
    out
}
