//! Every `example` in the spec validates against its own schema with a standard JSON Schema
//! validator (the spec is valid for every OpenAPI tool, not only progenitor), and every JSON
//! one decodes into its generated type and re-encodes without losing a documented field. The
//! cases are read from the spec, so one added example is one more case; a schema without a
//! registered type fails the test.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
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

/// One example: where it is, its media type, the schema it illustrates, and the value.
struct Case {
    at: String,
    media: String,
    schema: Value,
    value: Value,
}

impl Case {
    /// The component the schema names, for a `$ref` schema.
    fn schema_name(&self) -> Option<String> {
        schema_name(&self.schema)
    }

    fn is_json(&self) -> bool {
        self.media == "application/json"
    }
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

/// Examples of every media type of a request body or response: `example` and every
/// `examples.*.value`.
fn content_examples(at: &str, holder: &Value, out: &mut Vec<Case>) {
    for (media, content) in holder["content"].as_object().into_iter().flatten() {
        let Some(schema) = content.get("schema") else {
            continue;
        };
        let mut push = |label: String, value: &Value| {
            out.push(Case {
                at: label,
                media: media.clone(),
                schema: schema.clone(),
                value: value.clone(),
            })
        };
        if let Some(example) = content.get("example") {
            push(format!("{at} {media}"), example);
        }
        for (name, example) in content
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            push(format!("{at} {media} ({name})"), &example["value"]);
        }
    }
}

/// Every example of the spec, each once: those of operations' request bodies and inline
/// responses, of the shared `components/responses`, and of component schemas.
fn cases(spec: &Value) -> Vec<Case> {
    let mut out = Vec::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let Some(op_id) = op.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            content_examples(&format!("{op_id} request"), &op["requestBody"], &mut out);
            for (status, response) in op["responses"].as_object().unwrap() {
                content_examples(&format!("{op_id} {status}"), response, &mut out);
            }
        }
    }
    for (name, response) in spec["components"]["responses"].as_object().unwrap() {
        content_examples(&format!("response {name}"), response, &mut out);
    }
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        if let Some(example) = schema.get("example") {
            out.push(Case {
                at: format!("schema {name}"),
                media: "application/json".into(),
                schema: json!({ "$ref": format!("#/components/schemas/{name}") }),
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
    let mut failures = Vec::new();
    let mut decoded = 0;
    for case in cases.iter().filter(|c| c.is_json()) {
        let Some(schema) = case.schema_name() else {
            continue;
        };
        decoded += 1;
        match roundtrip_as(&schema, &case.value) {
            Ok(encoded) => {
                let mut lost = Vec::new();
                lost_fields(&case.value, &encoded, "$", &mut lost);
                if !lost.is_empty() {
                    failures.push(format!("{} as {schema}: lost {lost:?}", case.at));
                }
            }
            Err(e) => failures.push(format!("{} as {schema}: {e}", case.at)),
        }
    }
    assert!(decoded >= 25, "only {decoded} JSON examples found");
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
                        && !cases
                            .iter()
                            .any(|c| c.schema_name().as_ref() == Some(&name))
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

/// A validator for `schema`, with the spec's components beside it so `$ref`s resolve.
fn validator(spec: &Value, schema: &Value) -> jsonschema::Validator {
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": spec["components"],
        "allOf": [schema],
    });
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("{schema}: {e}"))
}

fn component(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

#[test]
fn every_example_validates_against_its_schema() {
    let spec = spec();
    let examples = cases(&spec);
    // Counted independently in the text: each `example:` key and each named example's
    // `value:` (which follows its `summary:`), so an example the walk misses fails the test.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/wix-headless-auth.yaml"),
    )
    .unwrap();
    let key = |line: &str| {
        line.trim_start()
            .split(':')
            .next()
            .unwrap_or("")
            .to_string()
    };
    let lines: Vec<String> = text.lines().map(key).collect();
    let in_text = lines
        .iter()
        .enumerate()
        .filter(|(i, k)| *k == "example" || (*k == "value" && *i > 0 && lines[i - 1] == "summary"))
        .count();
    let found: Vec<&str> = examples.iter().map(|c| c.at.as_str()).collect();
    assert_eq!(examples.len(), in_text, "{found:#?}");
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|case| {
            let (at, example) = (&case.at, &case.value);
            let errors: Vec<String> = validator(&spec, &case.schema)
                .iter_errors(example)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            (!errors.is_empty()).then(|| format!("{at}: {}", errors.join("; ")))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_example_that_breaks_its_schema_is_caught() {
    let spec = spec();
    let login = validator(&spec, &component("LoginV2Request"));
    assert!(login.is_valid(&json!({"loginId": {"email": "a@b.c"}, "password": "p"})));
    assert!(
        !login.is_valid(&json!({"password": "p"})),
        "loginId is required"
    );
    assert!(!login.is_valid(&json!({"loginId": {"email": 5}})));
}

#[test]
fn open_enums_accept_a_known_and_an_unknown_value() {
    let spec = spec();
    let state = validator(&spec, &component("StateMachineResponse"));
    for value in ["SUCCESS", "REQUIRE_MFA", "A_STATE_ADDED_LATER"] {
        assert!(state.is_valid(&json!({"state": value})), "{value}");
    }
    assert!(!state.is_valid(&json!({"state": 7})));
    let subject = validator(&spec, &component("TokenInfoResponse"));
    assert!(subject.is_valid(&json!({"subjectType": "MEMBER"})));
    assert!(subject.is_valid(&json!({"subjectType": "ROBOT"})));
}

#[test]
fn the_old_one_of_shape_would_refuse_every_known_value() {
    let spec = spec();
    let overlapping = json!({"oneOf": [component("LoginState"), {"type": "string"}]});
    let check = validator(&spec, &overlapping);
    assert!(
        !check.is_valid(&json!("SUCCESS")),
        "a known value matches both"
    );
    assert!(check.is_valid(&json!("A_STATE_ADDED_LATER")));
}

#[test]
fn token_errors_of_every_documented_shape_validate() {
    let spec = spec();
    let body = validator(&spec, &component("TokenErrorBody"));
    assert!(body.is_valid(&json!({"error": "invalid_grant"})));
    assert!(body.is_valid(&json!({"message": "m", "details": {"requestId": "r"}})));
}
