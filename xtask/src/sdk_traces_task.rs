//! `cargo xtask sdk-traces`: re-records what `@wix/sdk` sends for each call the flows cover,
//! with `fetch` stubbed (nothing leaves the machine), into `conformance/sdk-traces/traces/`.
//! Needs node and npm; CI does not (the traces are checked in).

use std::path::Path;
use std::process::Command;

/// Installs the pinned SDK with `npm ci` and runs the recording script.
pub fn run(root: &Path) -> Result<(), String> {
    let dir = root.join("conformance/sdk-traces");
    for (program, args) in [
        ("npm", &["ci", "--no-audit", "--no-fund"][..]),
        ("node", &["record.mjs"][..]),
    ] {
        let status = Command::new(program)
            .args(args)
            .current_dir(&dir)
            .status()
            .map_err(|e| format!("cannot run {program} (install Node.js 20 or newer): {e}"))?;
        if !status.success() {
            return Err(format!("{program} {} failed: {status}", args.join(" ")));
        }
    }
    println!(
        "traces written to {}; run `cargo test -p wix-auth-conformance --test conformance sdk_parity::`",
        dir.join("traces").display()
    );
    Ok(())
}
