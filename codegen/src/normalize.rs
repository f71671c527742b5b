//! Spec rewrites applied before progenitor sees the spec; the checked-in spec stays as written.

use openapiv3::{OpenAPI, ReferenceOr, SchemaKind};

use crate::lint::{is_error_status, is_json, is_open_enum, resolve_response};

/// The media type error responses are given so progenitor treats them as raw bytes.
pub const RAW_MEDIA_TYPE: &str = "*/*";

/// Makes every error response raw while keeping its schema for documentation.
///
/// With a typed JSON error schema, progenitor turns a body that is not that JSON (an HTML
/// 502, an empty 401) into `InvalidResponsePayload`, which has lost the status. Raw error
/// responses arrive as `Error::ErrorResponse` with status, headers and bytes, and the caller
/// decodes the envelope.
pub fn raw_errors(mut spec: OpenAPI) -> OpenAPI {
    let snapshot = spec.clone();
    for item in spec.paths.paths.values_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for operation in crate::spec::operations_mut(item) {
            for (status, response) in operation.responses.responses.iter_mut() {
                if !is_error_status(status) {
                    continue;
                }
                let Some(resolved) = resolve_response(&snapshot, response) else {
                    continue;
                };
                let mut raw = resolved.clone();
                raw.content = raw
                    .content
                    .into_iter()
                    .map(|(media, content)| {
                        let media = if is_json(&media) {
                            RAW_MEDIA_TYPE.to_string()
                        } else {
                            media
                        };
                        (media, content)
                    })
                    .collect();
                *response = ReferenceOr::Item(raw);
            }
        }
    }
    spec
}

/// Rewrites each open enum, `anyOf: [{$ref: Known}, {type: string}]` in the spec, into the
/// `oneOf` progenitor turns into an untagged enum (`Known(Known)` or `String(String)`).
///
/// The spec says `anyOf` because a known value matches both members: with `oneOf` every
/// JSON Schema validator refuses it. progenitor's `anyOf` is a struct of flattened options
/// that cannot hold a string, and serde's untagged enum tries the known member first, so
/// for progenitor `oneOf` is the shape that decodes.
pub fn open_enums(mut spec: OpenAPI) -> OpenAPI {
    let snapshot = spec.clone();
    let Some(components) = spec.components.as_mut() else {
        return spec;
    };
    for schema in components.schemas.values_mut() {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        if let SchemaKind::AnyOf { any_of } = &schema.schema_kind
            && is_open_enum(&snapshot, any_of)
        {
            schema.schema_kind = SchemaKind::OneOf {
                one_of: any_of.clone(),
            };
        }
    }
    spec
}
