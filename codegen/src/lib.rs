//! Turns the hand-maintained OpenAPI spec into the source of the generated client.
//!
//! The pipeline is: [`spec::parse`] (3.0.x only) → [`lint::check`] (refuses specs that are
//! incomplete or would decode badly) → [`normalize::raw_errors`] (error responses keep their
//! status) → [`normalize::open_enums`] (the spec's standard `anyOf` open enums become the
//! `oneOf` progenitor decodes) → [`generate::client_tokens`] (progenitor, with its panics turned into errors) →
//! [`format::render`] (prettyplease, stable rustfmt, header). [`freshness`] compares the
//! result with a checked-in file.
#![forbid(unsafe_code)]

pub mod docs;
pub mod error;
pub mod format;
pub mod freshness;
pub mod generate;
pub mod lint;
pub mod normalize;
pub mod spec;

pub use error::CodegenError;

use std::path::Path;

/// The generated source of one spec, with figures about it.
#[derive(Debug, Clone)]
pub struct Output {
    /// The formatted Rust source, header included.
    pub source: String,
    /// How many operations the spec has.
    pub operations: usize,
    /// How many component schemas the spec has.
    pub schemas: usize,
}

/// Generates the client source from spec text; `spec_name` is how the header names the spec.
pub fn generate_from_str(spec_text: &str, spec_name: &str) -> Result<Output, CodegenError> {
    let spec = spec::parse(spec_text)?;
    lint::check(&spec)?;
    let operations = spec::operations(&spec).count();
    let schemas = spec.components.as_ref().map_or(0, |c| c.schemas.len());
    let spec = normalize::open_enums(normalize::raw_errors(spec));
    let tokens = generate::client_tokens(&spec)?;
    let source = format::render(tokens, spec_name)?;
    Ok(Output {
        source,
        operations,
        schemas,
    })
}

/// Generates the client source from a spec file; the header names it as `spec_name`.
pub fn generate_from_path(spec_path: &Path, spec_name: &str) -> Result<Output, CodegenError> {
    let text = spec::read(spec_path)?;
    generate_from_str(&text, spec_name)
}
