//! One tiny spec per progenitor pitfall, generated and held against a snapshot, plus the
//! lint and panic cases that must end in a clean error.

use std::path::PathBuf;

use codegen::CodegenError;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn generate(name: &str) -> Result<codegen::Output, CodegenError> {
    codegen::generate_from_str(&fixture(name), &format!("fixtures/{name}"))
}

/// The generated `types` module and the client methods, without progenitor's fixed
/// preamble, so a snapshot shows what the fixture is about.
fn interesting_part(source: &str) -> String {
    let start = source.find("pub mod types").unwrap_or(0);
    source[start..].to_string()
}

#[test]
fn open_enum_decodes_unknown_values_as_strings() {
    let out = generate("open_enum.yaml").unwrap();
    assert!(
        out.source
            .contains("#[serde(untagged)]\n    pub enum OpenState {")
    );
    insta::assert_snapshot!(interesting_part(&out.source));
}

#[test]
fn error_responses_are_generated_raw_so_they_keep_their_status() {
    let out = generate("raw_errors.yaml").unwrap();
    assert!(out.source.contains("Error<ByteStream>"));
    assert!(
        out.source.contains(
            "400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response)))"
        )
    );
    insta::assert_snapshot!(interesting_part(&out.source));
}

#[test]
fn password_format_maps_to_the_redacting_secret_type() {
    let out = generate("secret_conversion.yaml").unwrap();
    assert!(out.source.contains("pub password: crate::Secret"));
    assert!(
        out.source
            .contains("pub session_token: ::std::option::Option<crate::Secret>")
    );
    insta::assert_snapshot!(interesting_part(&out.source));
}

#[test]
fn html_response_is_a_raw_byte_stream() {
    let out = generate("html_response.yaml").unwrap();
    assert!(
        out.source
            .contains("Result<ResponseValue<ByteStream>, Error<ByteStream>>")
    );
    insta::assert_snapshot!(interesting_part(&out.source));
}

#[test]
fn progenitor_panic_becomes_an_error_naming_the_operation() {
    let err = generate("panic_two_success.yaml").unwrap_err();
    match &err {
        CodegenError::Unsupported { operation, .. } => assert_eq!(operation, "createTwoWays"),
        other => panic!("expected Unsupported, got {other}"),
    }
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn lint_names_each_missing_piece_and_refused_shape() {
    let err = generate("lint_violations.yaml").unwrap_err();
    let CodegenError::Lint(problems) = &err else {
        panic!("expected a lint error, got {err}");
    };
    let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
    assert!(has("operation `undocumented`: missing externalDocs.url"));
    assert!(has("operation `undocumented`: missing an error response"));
    assert!(has("schema `Undescribed`: missing description"));
    assert!(has("schema `Closed.bare`: missing description"));
    assert!(has("schema `Closed`: `additionalProperties: false`"));
    assert!(has("schema `Loose`: `anyOf` over scalars"));
    assert!(has(
        "schema `Overlapping`: `oneOf` with a plain string overlaps"
    ));
    assert!(has("schema `Closed.kind`: a closed enum in a response"));
    assert!(has(
        "schema `Closed.name`: a length or pattern limit in a response"
    ));
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn lint_rejects_an_operation_without_external_docs() {
    let spec = fixture("raw_errors.yaml")
        .replace("      externalDocs: {url: https://example.com/thing}\n", "");
    let err = codegen::generate_from_str(&spec, "inline").unwrap_err();
    assert_eq!(
        err.to_string(),
        "the spec fails the lint:\noperation `makeThing`: missing externalDocs.url"
    );
}

#[test]
fn openapi_31_is_refused_with_a_clear_message() {
    let spec = fixture("raw_errors.yaml").replace("openapi: 3.0.3", "openapi: 3.1.0");
    let err = codegen::generate_from_str(&spec, "inline").unwrap_err();
    assert_eq!(
        err.to_string(),
        "the spec declares `openapi: 3.1.0`; only OpenAPI 3.0.x is supported"
    );
}

#[test]
fn output_is_deterministic_and_starts_with_the_generated_header() {
    let first = generate("open_enum.yaml").unwrap().source;
    let second = generate("open_enum.yaml").unwrap().source;
    assert_eq!(first, second);
    assert!(first.starts_with(
        "// @generated from fixtures/open_enum.yaml by `cargo xtask codegen`. Do not edit"
    ));
}

#[test]
fn generated_source_is_rustfmt_clean() {
    let source = generate("secret_conversion.yaml").unwrap().source;
    assert_eq!(codegen::format::rustfmt(&source).unwrap(), source);
}
