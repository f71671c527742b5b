//! The checked-in client matches the spec, and `cargo xtask codegen --check` notices when
//! it does not.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn xtask() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.current_dir(root());
    command
}

#[test]
fn generated_client_is_fresh() {
    let spec = "spec/wix-headless-auth.yaml";
    let output = codegen::generate_from_path(&root().join(spec), spec).unwrap();
    let target = root().join("generated/src/generated.rs");
    assert_eq!(
        codegen::freshness::compare(&target, &output.source),
        codegen::freshness::Freshness::Fresh,
        "generated/src/generated.rs is stale: run `cargo xtask codegen`"
    );
}

#[test]
fn check_passes_on_the_checked_in_spec() {
    let out = xtask().args(["codegen", "--check"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("generated/src/generated.rs is up to date"),
        "{stdout}"
    );
}

/// Runs `cargo xtask codegen --check` on a copy of the spec with `from` replaced by `to`;
/// returns whether it passed and its stderr.
fn check_edited_spec(from: &str, to: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let edited_path = dir.path().join("wix-headless-auth.yaml");
    let spec = std::fs::read_to_string(root().join("spec/wix-headless-auth.yaml")).unwrap();
    let edited = spec.replacen(from, to, 1);
    assert_ne!(spec, edited, "the edit must change the spec");
    std::fs::write(&edited_path, edited).unwrap();
    let out = xtask()
        .args(["codegen", "--check", "--spec"])
        .arg(&edited_path)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_fails_with_a_diff_when_the_spec_changed() {
    let (passed, stderr) = check_edited_spec(
        "summary: Describe an access token.",
        "summary: Describe an access token, edited.",
    );
    assert!(!passed, "--check passed on a changed spec");
    assert!(
        stderr.contains("generated/src/generated.rs is stale"),
        "{stderr}"
    );
    assert!(
        stderr.contains("+    /// Describe an access token, edited"),
        "{stderr}"
    );
}

#[test]
fn check_reports_a_lint_failure_and_exits_non_zero() {
    let (passed, stderr) = check_edited_spec(
        "      externalDocs:\n        url: https://dev.wix.com/docs/api-reference/app-management/oauth-2/token-info\n",
        "",
    );
    assert!(!passed);
    assert!(
        stderr.contains("operation `tokenInfo`: missing externalDocs.url"),
        "{stderr}"
    );
}
