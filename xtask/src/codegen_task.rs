//! `cargo xtask codegen [--check] [--spec FILE]`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use codegen::freshness::{self, Freshness};

/// The spec, relative to the workspace root.
pub const SPEC: &str = "spec/wix-headless-auth.yaml";
/// The generated client source, relative to the workspace root.
pub const GENERATED: &str = "generated/src/generated.rs";

/// Regenerates (or, with `check`, verifies) the generated client.
pub fn codegen_task(root: &Path, spec: Option<PathBuf>, check: bool) -> Result<(), String> {
    let spec = spec.unwrap_or_else(|| root.join(SPEC));
    let started = Instant::now();
    let output = codegen::generate_from_path(&spec, SPEC).map_err(|e| e.to_string())?;
    let target = root.join(GENERATED);
    let elapsed = started.elapsed();
    let summary = format!(
        "{} operations, {} schemas, {} lines, generated in {} ms",
        output.operations,
        output.schemas,
        output.source.lines().count(),
        elapsed.as_millis()
    );
    if check {
        return match freshness::compare(&target, &output.source) {
            Freshness::Fresh => {
                println!("{GENERATED} is up to date ({summary})");
                Ok(())
            }
            Freshness::Stale { diff } => Err(format!(
                "{GENERATED} is stale: run `cargo xtask codegen` and commit the result\n{diff}"
            )),
        };
    }
    std::fs::write(&target, &output.source)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    println!("wrote {GENERATED} ({summary})");
    Ok(())
}
