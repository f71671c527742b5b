//! Loading the spec: reading, the version gate, and walking its operations.

use std::path::Path;

use openapiv3::{OpenAPI, Operation, ReferenceOr};

use crate::CodegenError;

/// Reads a spec file into text.
pub fn read(path: &Path) -> Result<String, CodegenError> {
    std::fs::read_to_string(path).map_err(|source| CodegenError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Parses YAML or JSON spec text, refusing anything but OpenAPI 3.0.x before the full parse
/// so that a 3.1 document gets a clear message instead of a schema error.
pub fn parse(text: &str) -> Result<OpenAPI, CodegenError> {
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| CodegenError::Parse(e.to_string()))?;
    let version = match value.get("openapi") {
        Some(serde_yaml::Value::String(v)) => v.clone(),
        Some(other) => return Err(CodegenError::Version(format!("{other:?}"))),
        None => return Err(CodegenError::Parse("no `openapi` version field".into())),
    };
    if !is_openapi_30(&version) {
        return Err(CodegenError::Version(version));
    }
    serde_yaml::from_value(value).map_err(|e| CodegenError::Parse(e.to_string()))
}

fn is_openapi_30(version: &str) -> bool {
    version
        .strip_prefix("3.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

/// One operation with where it lives.
pub struct OperationRef<'a> {
    /// The path template.
    pub path: &'a str,
    /// The HTTP method, lower case.
    pub method: &'a str,
    /// The operation.
    pub operation: &'a Operation,
}

impl OperationRef<'_> {
    /// The operation's id, or `METHOD path` when it has none.
    pub fn name(&self) -> String {
        self.operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {}", self.method.to_uppercase(), self.path))
    }
}

/// Every operation of the spec, in document order.
pub fn operations(spec: &OpenAPI) -> impl Iterator<Item = OperationRef<'_>> {
    spec.paths.paths.iter().flat_map(|(path, item)| {
        let item = match item {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { .. } => None,
        };
        item.into_iter().flat_map(move |item| {
            item.iter().map(move |(method, operation)| OperationRef {
                path,
                method,
                operation,
            })
        })
    })
}

/// Every operation of a path item, mutably.
pub fn operations_mut(item: &mut openapiv3::PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ]
    .into_iter()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_openapi_30_versions_pass_the_gate() {
        assert!(is_openapi_30("3.0.3"));
        assert!(is_openapi_30("3.0.0"));
        assert!(!is_openapi_30("3.1.0"));
        assert!(!is_openapi_30("3.0"));
        assert!(!is_openapi_30("3.0.x"));
        assert!(!is_openapi_30("2.0"));
    }

    #[test]
    fn a_31_document_is_refused_by_version() {
        let err = parse("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap_err();
        assert!(matches!(err, CodegenError::Version(v) if v == "3.1.0"));
    }
}
