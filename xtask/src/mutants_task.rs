//! `cargo xtask mutants`: cargo-mutants on the PKCE, state and callback code of flows/, with
//! the conformance suite as the tests that must catch every mutant.

use std::path::Path;
use std::process::Command;

/// The files whose mutants the conformance suite must catch.
pub const FILES: &[&str] = &["flows/src/pkce.rs", "flows/src/authorize.rs"];

/// Runs cargo-mutants and prints the totals of `mutants.out/outcomes.json`.
pub fn run(root: &Path) -> Result<(), String> {
    let available = Command::new("cargo")
        .args(["mutants", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        return Err("cargo-mutants is not installed: cargo install cargo-mutants@27.1.0 --locked (about 9 minutes on 2 cores)".into());
    }
    let started = std::time::Instant::now();
    let mut command = Command::new("cargo");
    command.current_dir(root).args([
        "mutants",
        "-p",
        "wix-auth-flows",
        "--test-package",
        "wix-auth-conformance",
        "-j",
        "2",
    ]);
    for file in FILES {
        command.args(["-f", file]);
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo mutants: {e}"))?;
    let outcomes = std::fs::read_to_string(root.join("mutants.out/outcomes.json"))
        .map_err(|e| format!("reading mutants.out/outcomes.json: {e}"))?;
    let outcomes: serde_json::Value = serde_json::from_str(&outcomes).map_err(|e| e.to_string())?;
    let count = |key: &str| outcomes[key].as_u64().unwrap_or(0);
    println!(
        "mutants {}, caught {}, missed {}, timeout {}, unviable {}, in {} s",
        count("total_mutants"),
        count("caught"),
        count("missed"),
        count("timeout"),
        count("unviable"),
        started.elapsed().as_secs()
    );
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo mutants exited with {status}; see mutants.out/missed.txt"
        ))
    }
}
