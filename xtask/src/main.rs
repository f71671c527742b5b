//! `cargo xtask`: project tasks that are code, not shell.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use codegen::freshness::{self, Freshness};

/// The spec, relative to the workspace root.
const SPEC: &str = "spec/wix-headless-auth.yaml";
/// The generated client source, relative to the workspace root.
const GENERATED: &str = "generated/src/generated.rs";

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Project tasks for wix-auth-rs")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate generated/src/generated.rs from spec/wix-headless-auth.yaml.
    Codegen {
        /// Do not write: fail with a diff when the checked-in file is stale.
        #[arg(long)]
        check: bool,
        /// The spec to generate from (default: spec/wix-headless-auth.yaml).
        #[arg(long, value_name = "FILE")]
        spec: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Codegen { check, spec } => match codegen_task(&workspace_root(), spec, check) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn codegen_task(root: &Path, spec: Option<PathBuf>, check: bool) -> Result<(), String> {
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
