//! Rendering generated tokens as checked-in source: prettyplease, then stable rustfmt so
//! `cargo fmt --check` passes, behind a header that says where the file comes from.

use std::io::Write;
use std::process::{Command, Stdio};

use proc_macro2::TokenStream;

use crate::CodegenError;

/// The lints the generated module allows: progenitor's output has undocumented items and
/// patterns clippy dislikes, and it is not edited by hand to fix them.
const MODULE_ATTRIBUTES: &str = "#![allow(missing_docs, clippy::all, unreachable_patterns)]";

/// The header's first line for a spec named `spec_name`.
pub fn header_line(spec_name: &str) -> String {
    format!(
        "// @generated from {spec_name} by `cargo xtask codegen`. Do not edit: change the spec and regenerate."
    )
}

/// Formats the tokens and prepends the header.
pub fn render(tokens: TokenStream, spec_name: &str) -> Result<String, CodegenError> {
    let mut file =
        syn::parse2::<syn::File>(tokens).map_err(|e| CodegenError::Format(e.to_string()))?;
    crate::docs::split_multiline_docs(&mut file);
    let pretty = prettyplease::unparse(&file);
    let source = format!(
        "{}\n{MODULE_ATTRIBUTES}\n\n{pretty}",
        header_line(spec_name)
    );
    rustfmt(&source)
}

/// Pipes source through the toolchain's stable `rustfmt`.
pub fn rustfmt(source: &str) -> Result<String, CodegenError> {
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(rustfmt)
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| CodegenError::Format(format!("cannot run rustfmt: {e}")))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| CodegenError::Format("rustfmt has no stdin".into()))?;
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| CodegenError::Format(format!("rustfmt failed: {e}")))?;
    writer
        .join()
        .map_err(|_| CodegenError::Format("writing to rustfmt panicked".into()))?
        .map_err(|e| CodegenError::Format(format!("writing to rustfmt failed: {e}")))?;
    if !output.status.success() {
        return Err(CodegenError::Format(format!(
            "rustfmt exited with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    String::from_utf8(output.stdout).map_err(|e| CodegenError::Format(e.to_string()))
}
