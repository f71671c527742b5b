//! Bytes from the network never panic a decoder. Arbitrary bytes and near-valid mutations of
//! the spec's documented examples are answered to the flows' token, login and error paths,
//! parsed as callback URLs, and sent as request bodies to every JSON endpoint of the
//! sandbox: always a typed result (a 4xx for the sandbox), never a panic or a 5xx. The case
//! count is CI-sized (64); `cargo xtask never-panic --cases N` runs the long version
//! (`WIX_AUTH_NEVER_PANIC_CASES`).

use std::sync::{Arc, Mutex};

use conformance::covers;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use wix_auth_flows::pkce::OAuthState;
use wix_auth_flows::{Credentials, WixAuth, authorize::Callback};

fn runner() -> TestRunner {
    let cases = std::env::var("WIX_AUTH_NEVER_PANIC_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Near-valid bytes: a documented example cut short, with a byte changed or inserted, or
/// with one of its values replaced by another JSON type.
fn mutated(examples: Vec<Value>) -> impl Strategy<Value = Vec<u8>> {
    let count = examples.len();
    let examples = Arc::new(examples);
    (0..count, any::<u16>(), any::<u8>(), 0u8..4).prop_map(move |(index, at, byte, how)| {
        let example = &examples[index];
        let mut bytes = serde_json::to_vec(example).unwrap();
        let at = usize::from(at) % bytes.len().max(1);
        match how {
            0 => bytes.truncate(at),
            1 => bytes[at] = byte,
            2 => bytes.insert(at, byte),
            _ => {
                let mut value = example.clone();
                if let Some(object) = value.as_object_mut()
                    && let Some(key) = object.keys().nth(at % object.len().max(1)).cloned()
                {
                    let swapped = match byte % 4 {
                        0 => Value::Null,
                        1 => Value::from(i64::from(byte) - 128),
                        2 => Value::from(vec![Value::Bool(true)]),
                        _ => Value::from("x".repeat(usize::from(byte))),
                    };
                    object.insert(key, swapped);
                }
                bytes = serde_json::to_vec(&value).unwrap();
            }
        }
        bytes
    })
}

/// Arbitrary bytes, or a near-valid mutation of an example.
fn network_bytes(examples: Vec<Value>) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        mutated(examples)
    ]
}

/// A scripted server answering every request with the status and bytes of the case.
#[derive(Clone, Default)]
struct Scripted(Arc<Mutex<(u16, Vec<u8>)>>);

impl Respond for Scripted {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let (status, body) = self.0.lock().unwrap().clone();
        ResponseTemplate::new(status)
            .insert_header("content-type", "application/json")
            .set_body_bytes(body)
    }
}

async fn scripted_flows() -> (MockServer, Scripted, WixAuth) {
    let server = MockServer::start().await;
    let answer = Scripted::default();
    Mock::given(wiremock::matchers::any())
        .respond_with(answer.clone())
        .mount(&server)
        .await;
    let auth = WixAuth::builder("never-panic")
        .base_url(server.uri())
        .redirect_uri("https://app.example/callback")
        .build()
        .unwrap();
    (server, answer, auth)
}

fn examples_of(prefixes: &[&str]) -> Vec<Value> {
    crate::common::response_examples()
        .into_iter()
        .filter(|(name, _, _)| prefixes.iter().any(|p| name.starts_with(p)))
        .map(|(_, _, example)| example)
        .collect()
}

#[test]
fn token_and_login_answers_never_panic() {
    covers!("DEC-04");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (_server, answer, auth) = runtime.block_on(scripted_flows());
    let token_examples = examples_of(&["createAccessToken"]);
    let login_examples = examples_of(&["loginV2", "registerV2"]);
    assert!(!token_examples.is_empty() && !login_examples.is_empty());
    let statuses = prop_oneof![Just(200u16), 400u16..600];
    runner()
        .run(
            &(statuses.clone(), network_bytes(token_examples)),
            |(status, body)| {
                *answer.0.lock().unwrap() = (status, body);
                let result = runtime.block_on(auth.visitor_tokens());
                if status >= 400 {
                    prop_assert!(result.is_err());
                }
                Ok(())
            },
        )
        .unwrap();
    runner()
        .run(
            &(statuses, network_bytes(login_examples)),
            |(status, body)| {
                *answer.0.lock().unwrap() = (status, body);
                let credentials = Credentials::new("a@b.co", "a-long-password");
                let result = runtime.block_on(auth.login(&"V".into(), &credentials));
                if status >= 400 {
                    let error = result.unwrap_err();
                    prop_assert!(error.context().is_none_or(|c| c.status == Some(status)));
                }
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn callback_urls_never_panic() {
    covers!("STATE-04");
    let expected = OAuthState::generate().unwrap();
    let near_valid = (any::<u8>(), 0usize..80).prop_map(|(byte, at)| {
        let mut url = format!(
            "https://app.example/callback?code=abc&state={}#x",
            "s".repeat(43)
        )
        .into_bytes();
        let at = at % url.len();
        url[at] = byte;
        String::from_utf8_lossy(&url).into_owned()
    });
    runner()
        .run(&prop_oneof![".{0,300}", near_valid], |url| {
            if let Ok(callback) = Callback::parse(&url) {
                prop_assert!(callback.into_code(&expected).is_err());
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn sandbox_request_bodies_never_panic_or_5xx() {
    covers!("DEC-05");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (sandbox, visitor) = runtime.block_on(async {
        let sandbox = wix_auth_sandbox::Sandbox::builder().start().await.unwrap();
        let auth = WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
            .base_url(sandbox.base_url())
            .build()
            .unwrap();
        let visitor = auth.visitor_tokens().await.unwrap().access_token;
        (sandbox, visitor)
    });
    let http = wix_auth_generated::http_client_builder().build().unwrap();
    let examples = crate::common::request_examples();
    let paths: Vec<String> = examples.iter().map(|(p, _)| p.clone()).collect();
    let bodies = network_bytes(examples.into_iter().map(|(_, e)| e).collect());
    let count = paths.len();
    runner()
        .run(&(0..count, bodies), |(index, body)| {
            let url = format!("{}{}", sandbox.base_url(), paths[index]);
            let (status, bytes) = runtime.block_on(async {
                let answer = http
                    .post(&url)
                    .header("authorization", visitor.expose_secret())
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                (answer.status().as_u16(), answer.bytes().await.unwrap())
            });
            prop_assert!(status < 500, "{} answered {status}", paths[index]);
            if status >= 400 {
                prop_assert!(
                    serde_json::from_slice::<Value>(&bytes).is_ok(),
                    "{} answered a non-JSON {status}",
                    paths[index]
                );
            }
            Ok(())
        })
        .unwrap();
}
