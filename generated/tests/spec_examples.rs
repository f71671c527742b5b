//! Every JSON `example` in the spec decodes into its generated type and re-encodes without
//! losing a documented field. The cases are read from the spec, so one added example is one
//! more case; a schema without a registered type fails the test.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wix_auth_generated::types;

fn spec() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/wix-headless-auth.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// Decodes `value` as `T` and encodes it again.
fn roundtrip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&decoded).map_err(|e| e.to_string())
}

/// The generated type of each component schema that carries examples.
fn roundtrip_as(schema: &str, value: &Value) -> Result<Value, String> {
    macro_rules! registry {
        ($($name:ident),* $(,)?) => {
            match schema {
                $(stringify!($name) => roundtrip::<types::$name>(value),)*
                other => Err(format!("no generated type registered for schema `{other}`")),
            }
        };
    }
    registry!(
        RegisterV2Request,
        LoginV2Request,
        SignOnRequest,
        SignOnResponse,
        ChangePasswordRequest,
        ValidateEmailRequest,
        ValidateEmailResponse,
        VerifyDuringAuthenticationRequest,
        StartVerificationRequest,
        StartVerificationResponse,
        SendRecoveryEmailRequest,
        RecoverRequest,
        StateMachineResponse,
        CreateRedirectSessionRequest,
        CreateRedirectSessionResponse,
        TokenRequest,
        TokenResponse,
        TokenInfoRequest,
        TokenInfoResponse,
        EmptyResponse,
        WixError,
        OAuthError,
        TokenErrorBody,
        AuthorizedClientTokenRequest,
        LoginId,
        CaptchaToken,
        RecaptchaForClientSiteKey,
    )
}

/// One example: where it is, which schema it claims, and the value.
struct Case {
    at: String,
    schema: String,
    value: Value,
}

fn schema_name(schema: &Value) -> Option<String> {
    let reference = schema.get("$ref")?.as_str()?;
    Some(reference.rsplit('/').next()?.to_string())
}

fn resolve<'a>(spec: &'a Value, item: &'a Value) -> &'a Value {
    match item.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .trim_start_matches("#/")
            .split('/')
            .fold(spec, |node, key| &node[key]),
        None => item,
    }
}

/// Examples of one media type object: `example` and every `examples.*.value`.
fn media_examples(at: &str, media: &Value, out: &mut Vec<Case>) {
    let Some(schema) = media.get("schema").and_then(schema_name) else {
        return;
    };
    let mut push = |label: String, value: &Value| {
        out.push(Case {
            at: label,
            schema: schema.clone(),
            value: value.clone(),
        })
    };
    if let Some(example) = media.get("example") {
        push(at.to_string(), example);
    }
    if let Some(examples) = media.get("examples").and_then(Value::as_object) {
        for (name, example) in examples {
            push(format!("{at} ({name})"), &example["value"]);
        }
    }
}

fn cases(spec: &Value) -> Vec<Case> {
    let mut out = Vec::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let Some(op_id) = op.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            if let Some(media) = op.pointer("/requestBody/content/application~1json") {
                media_examples(&format!("{op_id} request"), media, &mut out);
            }
            for (status, response) in op["responses"].as_object().unwrap() {
                let response = resolve(spec, response);
                if let Some(media) = response.pointer("/content/application~1json") {
                    media_examples(&format!("{op_id} {status}"), media, &mut out);
                }
            }
        }
    }
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        if let Some(example) = schema.get("example") {
            out.push(Case {
                at: format!("schema {name}"),
                schema: name.clone(),
                value: example.clone(),
            });
        }
    }
    out
}

/// Whether every documented value of `original` is in `encoded`. Empty arrays and objects
/// count as absent: proto3 JSON treats them alike and the generated types omit them.
fn lost_fields(original: &Value, encoded: &Value, path: &str, lost: &mut Vec<String>) {
    match (original, encoded) {
        (Value::Object(o), Value::Object(e)) => {
            for (key, value) in o {
                let here = format!("{path}.{key}");
                match e.get(key) {
                    Some(inner) => lost_fields(value, inner, &here, lost),
                    None if is_empty(value) => {}
                    None => lost.push(here),
                }
            }
        }
        (Value::Array(o), Value::Array(e)) if o.len() == e.len() => {
            for (i, (a, b)) in o.iter().zip(e).enumerate() {
                lost_fields(a, b, &format!("{path}[{i}]"), lost);
            }
        }
        (a, b) if a == b => {}
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        _ => lost.push(format!("{path} ({original} became {encoded})")),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[test]
fn every_spec_example_decodes_and_reencodes_without_loss() {
    let spec = spec();
    let cases = cases(&spec);
    assert!(cases.len() >= 25, "only {} examples found", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        match roundtrip_as(&case.schema, &case.value) {
            Ok(encoded) => {
                let mut lost = Vec::new();
                lost_fields(&case.value, &encoded, "$", &mut lost);
                if !lost.is_empty() {
                    failures.push(format!("{} as {}: lost {lost:?}", case.at, case.schema));
                }
            }
            Err(e) => failures.push(format!("{} as {}: {e}", case.at, case.schema)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_json_response_schema_has_an_example() {
    let spec = spec();
    let cases = cases(&spec);
    let mut missing = Vec::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let Some(responses) = op.get("responses").and_then(Value::as_object) else {
                continue;
            };
            for response in responses.values() {
                let response = resolve(&spec, response);
                let Some(content) = response.get("content").and_then(Value::as_object) else {
                    continue;
                };
                for media in content.values() {
                    if let Some(name) = media.get("schema").and_then(schema_name)
                        && !cases.iter().any(|c| c.schema == name)
                    {
                        missing.push(name);
                    }
                }
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "response schemas without an example: {missing:?}"
    );
}

#[test]
fn the_seed_login_example_keeps_its_session_token_out_of_debug() {
    let spec = spec();
    let example =
        &spec["components"]["responses"]["StateMachine"]["content"]["application/json"]["example"];
    let decoded: types::StateMachineResponse = serde_json::from_value(example.clone()).unwrap();
    assert_eq!(
        decoded.session_token.as_ref().unwrap().expose_secret(),
        "MST.eyJraWQiOiJ3cTFCcFlDbyIsImFsZyI6IlJTMjU2In0..."
    );
    let shown = format!("{decoded:?}");
    assert!(!shown.contains("MST."), "{shown}");
}
