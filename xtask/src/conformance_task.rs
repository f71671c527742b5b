//! `cargo xtask conformance [--base-url URL --client-id ID]`: runs the suite and writes the
//! report.

use std::path::Path;
use std::process::Command;

use conformance::catalogue::Catalogue;
use conformance::declarations::scan_dir;
use conformance::report::{Inputs, Report, RunInfo, sha256_hex};
use conformance::results;

use crate::command_line;

/// Runs the conformance tests (all of them, or the live-safe subset against `live`) and
/// writes `target/conformance/`. Fails on a binding failure or an integrity problem.
pub fn run(root: &Path, live: Option<(String, String)>) -> Result<(), String> {
    let dir = root.join("conformance");
    let catalogue = Catalogue::load(&dir).map_err(|e| e.to_string())?;
    let suite = dir.join(conformance::SUITE_DIR);
    let declarations = scan_dir(&suite).map_err(|e| format!("reading {}: {e}", suite.display()))?;

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args(["test", "-p", "wix-auth-conformance", "--no-fail-fast", "--"])
        .args(["--test-threads", "2"]);
    if let Some((base_url, client_id)) = &live {
        let live_tests: Vec<&str> = catalogue
            .requirements
            .iter()
            .filter(|r| r.live && r.applies)
            .flat_map(|r| r.tests.iter().map(String::as_str))
            .collect();
        command
            .arg("--exact")
            .args(live_tests)
            .env("CONFORMANCE_BASE_URL", base_url)
            .env("CONFORMANCE_CLIENT_ID", client_id);
    }
    println!("running the conformance suite…");
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let outcomes = results::parse(&stdout);
    if outcomes.is_empty() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
        return Err("the conformance tests did not run (see the output above)".into());
    }

    let mut snapshots: Vec<String> = std::fs::read_dir(suite.join("snapshots"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    snapshots.sort();

    let run = RunInfo {
        commit: command_line("git", &["rev-parse", "HEAD"], root),
        rustc: command_line("rustc", &["--version"], root),
        cargo: command_line("cargo", &["--version"], root),
        target: live
            .as_ref()
            .map_or_else(|| "in-process sandbox".to_string(), |(url, _)| url.clone()),
        finished_at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
    };
    let report = Report::build(Inputs {
        catalogue: &catalogue,
        declarations: &declarations,
        outcomes: &outcomes,
        snapshots: &snapshots,
        live: live.as_ref().map(|(url, _)| url.as_str()),
        run,
    });

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("conformance");
    std::fs::create_dir_all(&target).map_err(|e| format!("creating {}: {e}", target.display()))?;
    let json = report.to_json();
    let digest = sha256_hex(&json);
    let write = |name: &str, text: &str| {
        std::fs::write(target.join(name), text).map_err(|e| format!("writing {name}: {e}"))
    };
    write("report.json", &json)?;
    write("report.md", &report.to_markdown(&digest))?;
    write("junit.xml", &report.to_junit())?;

    for row in &report.rows {
        if let Some(note) = row
            .note
            .as_ref()
            .filter(|_| row.status == conformance::report::Status::Fail)
        {
            println!("FAIL {}: {note}", row.id);
        }
    }
    for problem in &report.integrity {
        println!("INTEGRITY {problem}");
    }
    println!(
        "report: {} (report.json SHA-256 {digest})",
        target.join("report.md").display()
    );
    println!("{}", report.closing_line());
    if report.is_failure() {
        return Err("conformance failures (see the report)".into());
    }
    Ok(())
}
