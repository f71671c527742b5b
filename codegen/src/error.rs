//! The errors code generation reports.

use std::path::PathBuf;

/// Why the spec could not be turned into code.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    /// The spec file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The spec is not valid YAML/JSON or not an OpenAPI 3.0 document.
    #[error("the spec does not parse: {0}")]
    Parse(String),
    /// The spec declares a version other than OpenAPI 3.0.x.
    #[error("the spec declares `openapi: {0}`; only OpenAPI 3.0.x is supported")]
    Version(String),
    /// The lint found problems; each names its operation or schema.
    #[error("the spec fails the lint:\n{}", .0.join("\n"))]
    Lint(Vec<String>),
    /// progenitor returned an error.
    #[error("progenitor rejected the spec: {0}")]
    Progenitor(String),
    /// progenitor panicked on a shape it does not support.
    #[error("progenitor cannot express operation `{operation}`: {message}")]
    Unsupported {
        /// The operation whose shape made progenitor panic (or `<spec>` when no single one does).
        operation: String,
        /// The panic message.
        message: String,
    },
    /// The generated tokens are not a Rust file, or formatting failed.
    #[error("formatting the generated code failed: {0}")]
    Format(String),
}
