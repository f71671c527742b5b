//! The spec is valid for every OpenAPI tool, not only progenitor: every example in it
//! validates against its own schema with a standard JSON Schema validator (draft 2020-12,
//! which reads OpenAPI 3.0 schemas as they are), and open enums accept both a known value
//! and one Wix adds later.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

fn spec() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/wix-headless-auth.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap()
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

/// Every `(where, schema, example)` of a media-type object: `example` and each
/// `examples.*.value`.
fn media_examples(at: &str, media: &Map<String, Value>, out: &mut Vec<(String, Value, Value)>) {
    let Some(schema) = media.get("schema") else {
        return;
    };
    if let Some(example) = media.get("example") {
        out.push((at.to_string(), schema.clone(), example.clone()));
    }
    for (name, example) in media
        .get("examples")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        out.push((
            format!("{at} ({name})"),
            schema.clone(),
            example["value"].clone(),
        ));
    }
}

fn content_examples(at: &str, holder: &Value, out: &mut Vec<(String, Value, Value)>) {
    for (media_type, media) in holder["content"].as_object().into_iter().flatten() {
        media_examples(
            &format!("{at} {media_type}"),
            media.as_object().unwrap(),
            out,
        );
    }
}

/// Every example in the spec with the schema it illustrates.
fn all_examples(spec: &Value) -> Vec<(String, Value, Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if !operation.is_object() || method == "servers" {
                continue;
            }
            let at = format!("{} {path}", method.to_uppercase());
            content_examples(
                &format!("{at} request"),
                &operation["requestBody"],
                &mut out,
            );
            for (status, response) in operation["responses"].as_object().unwrap() {
                content_examples(&format!("{at} {status}"), response, &mut out);
            }
        }
    }
    for (name, response) in spec["components"]["responses"].as_object().unwrap() {
        content_examples(&format!("response {name}"), response, &mut out);
    }
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        if let Some(example) = schema.get("example") {
            out.push((format!("schema {name}"), component(name), example.clone()));
        }
    }
    out
}

#[test]
fn every_example_validates_against_its_schema() {
    let spec = spec();
    let examples = all_examples(&spec);
    // Counted independently in the text: each `example:` key and each named example's
    // `value:` (which follows its `summary:`), so an example the walk misses fails the test.
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/wix-headless-auth.yaml"),
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
    let found: Vec<&str> = examples.iter().map(|(at, _, _)| at.as_str()).collect();
    assert_eq!(examples.len(), in_text, "{found:#?}");
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|(at, schema, example)| {
            let errors: Vec<String> = validator(&spec, schema)
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
