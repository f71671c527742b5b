//! `cargo xtask`: project tasks that are code, not shell.
#![forbid(unsafe_code)]

mod codegen_task;
mod conformance_task;
mod docs_task;
mod mutants_task;
mod perf_task;
mod public_api_task;
mod sdk_traces_task;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Run the conformance suite and write target/conformance/report.{md,json} and junit.xml.
    Conformance {
        /// Check a live deployment instead of the in-process sandbox (the safe subset).
        #[arg(long, value_name = "URL", requires = "client_id")]
        base_url: Option<String>,
        /// The OAuth client ID of the live deployment.
        #[arg(long, value_name = "ID", requires = "base_url")]
        client_id: Option<String>,
    },
    /// Run cargo-mutants over every module of flows/ (against the flows tests and the
    /// conformance suite) and the sandbox's security rules (against the sandbox's tests).
    Mutants {
        /// Only these suites (`flows`, `sandbox`); all when none is given.
        suites: Vec<String>,
        /// Mutants built and tested at once.
        #[arg(long, short, default_value_t = 2)]
        jobs: u32,
        /// Test only what the previous run missed (and mutants of changed code).
        #[arg(long)]
        iterate: bool,
    },
    /// Run the never-panic properties (network bytes into every decoder, request bodies into
    /// the sandbox) with many cases, in release.
    NeverPanic {
        /// Cases per property.
        #[arg(long, default_value_t = 100_000)]
        cases: u32,
    },
    /// Re-record the requests @wix/sdk sends (conformance/sdk-traces/traces/); needs node.
    SdkTraces,
    /// Run the criterion benchmarks and print one table with the ratios to the baselines.
    Bench {
        /// The token stores' benchmarks instead, against the servers `.ci/services.sh`
        /// starts (`REDIS_URL`, `POSTGRES_URL`).
        #[arg(long)]
        stores: bool,
    },
    /// Drive full flows against a sandbox process on loopback and print throughput,
    /// latency and memory.
    Load {
        /// Concurrency levels (repeatable).
        #[arg(long, default_values_t = [1usize, 16, 64])]
        concurrency: Vec<usize>,
        /// Flows per concurrency level.
        #[arg(long, default_value_t = 300)]
        flows: u64,
        /// Instead: run 64-way for this many seconds and check 5xx, members and codes.
        #[arg(long, value_name = "SECONDS")]
        soak: Option<u64>,
        /// Instead: measure memory and latency with 1k, 10k and 100k members.
        #[arg(long)]
        growth: bool,
        /// Instead: each level with and without CORS engaged (an Origin on every call):
        /// throughput and the sandbox's CPU time per flow.
        #[arg(long)]
        cors: bool,
    },
    /// Build the guide (docs/, mdBook) into target/book with warnings as errors, and check
    /// every relative link and anchor of the guide and of the Markdown files outside it.
    Docs,
    /// Write each published crate's public API to `<crate>/public-api.txt`.
    PublicApi {
        /// Do not write: fail with a diff when a listing differs from the code.
        #[arg(long)]
        check: bool,
    },
}

/// `cargo test --release` of the never-panic properties with `cases` cases each.
fn never_panic(root: &Path, cases: u32) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let started = std::time::Instant::now();
    let status = std::process::Command::new(cargo)
        .current_dir(root)
        .args([
            "test",
            "--release",
            "--locked",
            "-p",
            "wix-auth-conformance",
            "--test",
            "never_panic",
        ])
        .env("WIX_AUTH_NEVER_PANIC_CASES", cases.to_string())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    println!("{cases} cases per property in {:.0?}", started.elapsed());
    if status.success() {
        Ok(())
    } else {
        Err("a never-panic property failed".into())
    }
}

fn main() -> ExitCode {
    let root = workspace_root();
    let result = match Cli::parse().task {
        Task::Codegen { check, spec } => codegen_task::codegen_task(&root, spec, check),
        Task::Conformance {
            base_url,
            client_id,
        } => conformance_task::run(&root, base_url.zip(client_id)),
        Task::Mutants {
            suites,
            jobs,
            iterate,
        } => mutants_task::run(&root, &suites, jobs, iterate),
        Task::SdkTraces => sdk_traces_task::run(&root),
        Task::Docs => docs_task::docs(&root),
        Task::PublicApi { check } => public_api_task::run(&root, check),
        Task::NeverPanic { cases } => never_panic(&root, cases),
        Task::Bench { stores } => perf_task::bench(&root, stores),
        Task::Load {
            concurrency,
            flows,
            soak,
            growth,
            cors,
        } => perf_task::load(
            &root,
            &perf_task::LoadPlan {
                concurrency,
                flows,
                soak,
                growth,
                cors,
            },
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The first line a command prints, or a note that it could not run.
fn command_line(program: &str, args: &[&str], dir: &Path) -> String {
    std::process::Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_string))
        .unwrap_or_else(|| format!("({program} unavailable)"))
}
