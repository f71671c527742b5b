//! `cargo xtask mutants`: cargo-mutants over the auth core — every module of `flows/src`
//! (tested by the flows tests and the conformance suite) and the sandbox's security rules
//! (tested by the sandbox's tests) — against a Redis server of its own for the Redis store.
//! The equivalent mutants are listed, each with its reason, in `.cargo/mutants.toml`.

use std::path::Path;
use std::process::Command;

/// One cargo-mutants run: the package whose code is mutated, what selects the mutants, and
/// the packages whose tests must catch them.
struct Suite {
    name: &'static str,
    package: &'static str,
    args: &'static [&'static str],
    test_packages: &'static [&'static str],
    /// Whether its tests need `REDIS_URL` (the Redis store's tests).
    needs_redis: bool,
}

/// The sandbox functions that are security rules: code, state and PKCE checks, redirect-URI
/// matching, single use of codes and logins, lockout, token revocation.
const SANDBOX_RULES: &str = r"^sandbox/src/site/(authorize|tokens|redirects)\.rs|in (Site::(check_credentials|continue_login|advance|login|logout|issue_session_token|change_password|set_password)|Store::(is_revoked|revoke_family|redeem_session|take_redirect_session|redirect_session|live_access|purge_expired|next_family)|Grants<G>::(issue|find|live|live_mut|take|take_live|sweep)|Expiring::live_at|<impl Expiring for CodeGrant>::expires)$";

const SUITES: &[Suite] = &[
    Suite {
        name: "flows",
        package: "wix-auth-flows",
        args: &[
            "-f",
            "flows/src/**/*.rs",
            "--features",
            "wix-auth-flows/redis,wix-auth-flows/middleware",
        ],
        test_packages: &["wix-auth-flows", "wix-auth-conformance"],
        needs_redis: true,
    },
    Suite {
        name: "sandbox",
        package: "wix-auth-sandbox",
        args: &["-f", "sandbox/src/site/*.rs", "--re", SANDBOX_RULES],
        test_packages: &["wix-auth-sandbox"],
        needs_redis: false,
    },
];

/// Runs the named suites (all when `only` is empty) and prints each one's totals; with
/// `iterate`, only the mutants the previous run of each suite did not catch (and new ones).
pub fn run(root: &Path, only: &[String], jobs: u32, iterate: bool) -> Result<(), String> {
    let available = Command::new("cargo")
        .args(["mutants", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        return Err("cargo-mutants is not installed: cargo install cargo-mutants@27.1.0 --locked (about 9 minutes on 2 cores)".into());
    }
    if let Some(unknown) = only.iter().find(|o| !SUITES.iter().any(|s| s.name == *o)) {
        let names: Vec<&str> = SUITES.iter().map(|s| s.name).collect();
        return Err(format!(
            "no mutants suite `{unknown}`; the suites are {}",
            names.join(", ")
        ));
    }
    let suites: Vec<&Suite> = SUITES
        .iter()
        .filter(|s| only.is_empty() || only.iter().any(|o| o == s.name))
        .collect();
    let redis = if suites.iter().any(|s| s.needs_redis) {
        Some(Redis::start(root)?)
    } else {
        None
    };
    let mut failed = Vec::new();
    for suite in suites {
        let output = root.join("target/mutants").join(suite.name);
        std::fs::create_dir_all(&output)
            .map_err(|e| format!("creating {}: {e}", output.display()))?;
        let started = std::time::Instant::now();
        let mut command = Command::new("cargo");
        if let Some(redis) = &redis {
            command.env("REDIS_URL", &redis.url);
        }
        command
            .current_dir(root)
            .args(["mutants", "-p", suite.package, "-j", &jobs.to_string()])
            .args(suite.args)
            .arg("-o")
            .arg(&output);
        if iterate {
            command.arg("--iterate");
        }
        for package in suite.test_packages {
            command.args(["--test-package", package]);
        }
        let status = command
            .status()
            .map_err(|e| format!("cannot run cargo mutants: {e}"))?;
        let totals = Totals::read(&output.join("mutants.out/outcomes.json"))?;
        println!(
            "{}: mutants {}, caught {}, missed {}, timeout {}, unviable {}, in {} s",
            suite.name,
            totals.total,
            totals.caught,
            totals.missed,
            totals.timeout,
            totals.unviable,
            started.elapsed().as_secs()
        );
        if !status.success() {
            failed.push(format!(
                "{}: cargo mutants exited with {status}; see {}",
                suite.name,
                output.join("mutants.out/missed.txt").display()
            ));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("\n"))
    }
}

/// The totals of one run's `outcomes.json`.
struct Totals {
    total: u64,
    caught: u64,
    missed: u64,
    timeout: u64,
    unviable: u64,
}

impl Totals {
    fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        let outcomes: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let count = |key: &str| outcomes[key].as_u64().unwrap_or(0);
        Ok(Self {
            total: count("total_mutants"),
            caught: count("caught"),
            missed: count("missed"),
            timeout: count("timeout"),
            unviable: count("unviable"),
        })
    }
}

/// A throwaway Redis server for the Redis store's tests, stopped when dropped.
struct Redis {
    url: String,
    pidfile: std::path::PathBuf,
}

impl Redis {
    const PORT: u16 = 16390;

    fn start(root: &Path) -> Result<Self, String> {
        let pidfile = root.join("target/redis-mutants.pid");
        std::fs::create_dir_all(root.join("target")).map_err(|e| e.to_string())?;
        let status = Command::new("redis-server")
            .args(["--port", &Self::PORT.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "yes"])
            .arg("--pidfile")
            .arg(&pidfile)
            .status()
            .map_err(|e| {
                format!("cannot start redis-server (apt-get install redis-server): {e}")
            })?;
        if !status.success() {
            return Err(format!("redis-server exited with {status}"));
        }
        Ok(Self {
            url: format!("redis://127.0.0.1:{}/", Self::PORT),
            pidfile,
        })
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(&self.pidfile) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
    }
}
