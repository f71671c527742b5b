//! `cargo xtask bench` (criterion, with ratios against the baselines) and `cargo xtask load`
//! (full flows against a sandbox process on loopback: throughput, latency, peak memory,
//! soak and cost growth).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// Each measured benchmark and the baseline it is compared with (criterion ids).
const PAIRS: &[(&str, Option<&str>)] = &[
    ("pkce_pair/flows", Some("pkce_pair/baseline_sha2_base64")),
    ("state/generate", None),
    (
        "state/compare_constant_time",
        Some("state/baseline_compare_eq"),
    ),
    ("callback_parse", None),
    (
        "decode_login_success/generated",
        Some("decode_login_success/baseline_hand_written"),
    ),
    (
        "decode_token_response/generated",
        Some("decode_token_response/baseline_hand_written"),
    ),
    (
        "encode_login_request/generated",
        Some("encode_login_request/baseline_hand_written"),
    ),
    ("custom_login/flows", Some("custom_login/bare_reqwest")),
];

/// The token stores' benchmark groups and operations, each measured against the bare driver
/// call in the same moments (see `flows/benches/stores.rs`).
const STORE_GROUPS: &[&str] = &["store_redis", "store_postgres", "store_sqlite"];
const STORE_OPERATIONS: &[&str] = &["load", "save", "claim", "lock_release"];

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn estimate_ns(root: &Path, id: &str, statistic: &str) -> Option<f64> {
    let path = root
        .join("target/criterion")
        .join(id)
        .join("new/estimates.json");
    let estimates: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    estimates[statistic]["point_estimate"].as_f64()
}

fn human(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Runs the criterion benchmarks — the flows', or with `stores` the token stores' against
/// the servers `.ci/services.sh` starts — and prints one table with the ratios.
pub fn bench(root: &Path, stores: bool) -> Result<(), String> {
    let mut args = vec!["bench", "-p", "wix-auth-flows"];
    if stores {
        args.extend(["--features", "redis,postgres,sqlite", "--bench", "stores"]);
    }
    let status = Command::new(cargo())
        .current_dir(root)
        .args(&args)
        .status()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err(format!("cargo bench exited with {status}"));
    }
    if stores {
        return store_table(root);
    }
    println!("\n| benchmark | mean | baseline | baseline mean | ratio |");
    println!("|---|---|---|---|---|");
    for (id, baseline) in PAIRS {
        let mean =
            estimate_ns(root, id, "mean").ok_or_else(|| format!("no criterion result for {id}"))?;
        match baseline.and_then(|b| estimate_ns(root, b, "mean").map(|m| (b, m))) {
            Some((b, base)) => println!(
                "| {id} | {} | {b} | {} | {:.2} |",
                human(mean),
                human(base),
                mean / base
            ),
            None => println!("| {id} | {} | — | — | — |", human(mean)),
        }
    }
    Ok(())
}

/// The stores' table: each operation's per-call median against the bare call's, from the
/// same moments.
fn store_table(root: &Path) -> Result<(), String> {
    let memory = estimate_ns(root, "store_memory/load", "median")
        .ok_or("no criterion result for store_memory/load")?;
    println!("\nmemory store load: {} (median)", human(memory));
    println!(
        "\n| store | operation | store (median) | bare driver call (median) | ratio | calls |"
    );
    println!("|---|---|---|---|---|---|");
    for group in STORE_GROUPS {
        for op in STORE_OPERATIONS {
            let path = root
                .join("target/criterion")
                .join(group)
                .join(op)
                .join("paired.json");
            let paired: Value = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| serde_json::from_str(&text).ok())
                .ok_or_else(|| format!("no paired result at {}", path.display()))?;
            let store = paired["store_median_ns"].as_f64().unwrap_or(0.0);
            let bare = paired["bare_median_ns"].as_f64().unwrap_or(f64::NAN);
            println!(
                "| {} | {op} | {} | {} | {:.3} | {} |",
                group.trim_start_matches("store_"),
                human(store),
                human(bare),
                store / bare,
                paired["calls"]
            );
        }
    }
    Ok(())
}

/// What `cargo xtask load` measures.
pub struct LoadPlan {
    /// Concurrency levels.
    pub concurrency: Vec<usize>,
    /// Flows per level.
    pub flows: u64,
    /// Seconds of 64-way soak (with checks), instead of the levels.
    pub soak: Option<u64>,
    /// Member counts for the cost-growth run, instead of the levels.
    pub growth: bool,
    /// Instead: each level with and without an `Origin` on every call (CORS engaged or
    /// not), alternating, five runs each.
    pub cors: bool,
}

/// Runs of each side per concurrency level in the CORS cost comparison.
const RUNS: usize = 5;
/// The fewest flows a CORS cost run makes, so a run lasts seconds.
const MIN_FLOWS: u64 = 3_000;

/// What answering browsers (CORS) costs the sandbox: each level run without and with an
/// `Origin` on every call, alternating so both see the same machine, [`RUNS`] times each,
/// with at least [`MIN_FLOWS`] flows a run so a run lasts seconds, not a scheduler slice.
/// Throughput on two cores shared with the load generator moves by ±10 % between identical
/// runs, so the table also gives the sandbox's own CPU time per flow, which the other
/// process does not disturb: the ratio of that is the cost of CORS.
fn cors_cost(root: &Path, plan: &LoadPlan) -> Result<(), String> {
    let flows = plan.flows.max(MIN_FLOWS);
    let ticks_per_second = clock_ticks_per_second()?;
    println!("\n{flows} flows a run, median of {RUNS} runs each");
    println!(
        "| concurrency | flows/s without Origin | flows/s with Origin | sandbox CPU µs/flow without | with | CPU ratio |"
    );
    println!("|---|---|---|---|---|---|");
    for &concurrency in &plan.concurrency {
        // (flows per second, sandbox CPU µs per flow) of each run.
        let mut without = (Vec::new(), Vec::new());
        let mut with = (Vec::new(), Vec::new());
        for run in 0..RUNS {
            // Each pair in turn starts with one side, so neither always runs second.
            let order = if run % 2 == 0 {
                [false, true]
            } else {
                [true, false]
            };
            for origin in order {
                let sandbox = SandboxProcess::start(root)?;
                let mut args = vec![
                    "--concurrency".to_string(),
                    concurrency.to_string(),
                    "--flows".into(),
                    flows.to_string(),
                ];
                if origin {
                    args.extend(["--origin".into(), "http://127.0.0.1:4321".into()]);
                }
                let ticks_before = sandbox.cpu_ticks()?;
                let report = load_run(root, &sandbox.url, &args)?;
                let ticks = sandbox.cpu_ticks()? - ticks_before;
                let cpu_us = ticks as f64 / ticks_per_second * 1e6 / flows as f64;
                let rate = report["flows_per_second"].as_f64().unwrap_or(0.0);
                let side = if origin { &mut with } else { &mut without };
                side.0.push(rate);
                side.1.push(cpu_us);
            }
        }
        let median = |values: &mut Vec<f64>| {
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        let (rate_without, cpu_without) = (median(&mut without.0), median(&mut without.1));
        let (rate_with, cpu_with) = (median(&mut with.0), median(&mut with.1));
        println!(
            "| {concurrency} | {rate_without:.0} | {rate_with:.0} | {cpu_without:.0} | {cpu_with:.0} | {:.3} |",
            cpu_with / cpu_without
        );
    }
    Ok(())
}

/// The kernel's clock ticks per second, the unit of `/proc/<pid>/stat`'s CPU times.
fn clock_ticks_per_second() -> Result<f64, String> {
    let output = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .map_err(|e| format!("cannot run getconf: {e}"))?;
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("getconf CLK_TCK: {e}"))
}

/// A sandbox process on a free loopback port.
struct SandboxProcess {
    child: Child,
    url: String,
}

impl SandboxProcess {
    fn start(root: &Path) -> Result<Self, String> {
        let mut child = Command::new(root.join("target/release/wix-sandbox"))
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start wix-sandbox: {e}"))?;
        let stdout = child.stdout.take().ok_or("no sandbox stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let url = line
            .trim()
            .strip_prefix("wix-sandbox listening on ")
            .ok_or_else(|| format!("unexpected sandbox output: {line}"))?
            .to_string();
        Ok(Self { child, url })
    }

    /// User plus system CPU time the process has used, in clock ticks.
    fn cpu_ticks(&self) -> Result<u64, String> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))
            .map_err(|e| format!("sandbox CPU time: {e}"))?;
        // The fields after the command name, which is in parentheses and may hold spaces:
        // utime and stime are the 14th and 15th fields of the line, 12th and 13th after it.
        let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        let field = |i: usize| -> Result<u64, String> {
            fields
                .get(i)
                .and_then(|f| f.parse().ok())
                .ok_or_else(|| format!("unexpected /proc stat line: {stat}"))
        };
        Ok(field(11)? + field(12)?)
    }

    /// `VmHWM` (peak) or `VmRSS` (now) of the process, in KiB.
    fn memory_kib(&self, field: &str) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|status| {
                status
                    .lines()
                    .find(|l| l.starts_with(field))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|n| n.parse().ok())
            })
            .unwrap_or(0)
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn load_run(root: &Path, url: &str, args: &[String]) -> Result<Value, String> {
    let output = Command::new(root.join("target/release/examples/load"))
        .arg("--base-url")
        .arg(url)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run the load generator: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "load generator failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("load output: {e}"))
}

fn s(value: &Value, key: &str) -> String {
    match &value[key] {
        Value::Number(n) => n.as_f64().map_or_else(
            || n.to_string(),
            |f| {
                if f.fract() == 0.0 {
                    format!("{f:.0}")
                } else {
                    format!("{f:.1}")
                }
            },
        ),
        other => other.to_string(),
    }
}

/// Builds the sandbox and the load generator in release, then runs the plan.
pub fn load(root: &Path, plan: &LoadPlan) -> Result<(), String> {
    // Two builds: an example is built with its package's dev-dependencies, whose features
    // (the sandbox's test-only `spec-check`) must not reach the measured sandbox binary.
    for target in [
        &["-p", "wix-auth-sandbox", "--bin", "wix-sandbox"][..],
        &["-p", "wix-auth-flows", "--example", "load"][..],
    ] {
        let status = Command::new(cargo())
            .current_dir(root)
            .args(["build", "--release"])
            .args(target)
            .status()
            .map_err(|e| format!("cannot build: {e}"))?;
        if !status.success() {
            return Err("the release build failed".into());
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("machine: {cores} cores; sandbox: release build, PBKDF2 1,000 rounds; loopback only");
    if let Some(seconds) = plan.soak {
        let sandbox = SandboxProcess::start(root)?;
        let report = load_run(
            root,
            &sandbox.url,
            &[
                "--concurrency".into(),
                "64".into(),
                "--seconds".into(),
                seconds.to_string(),
                "--check".into(),
            ],
        )?;
        println!("soak, 64-way for {seconds} s: {report}");
        println!("sandbox peak RSS: {} KiB", sandbox.memory_kib("VmHWM:"));
        let clean = report["server_errors"] == 0
            && report["codes_redeemed_twice"] == 0
            && report["members_unique"] == true
            && report["members_match_flows"] == true;
        return if clean {
            Ok(())
        } else {
            Err("the soak found 5xx answers, duplicate members or a code redeemed twice".into())
        };
    }
    if plan.cors {
        return cors_cost(root, plan);
    }
    if plan.growth {
        println!("\n| members | sandbox RSS | RSS per member | login flow p50 | p95 |");
        println!("|---|---|---|---|---|");
        for members in [1_000u64, 10_000, 100_000] {
            let sandbox = SandboxProcess::start(root)?;
            let before = sandbox.memory_kib("VmRSS:");
            load_run(
                root,
                &sandbox.url,
                &[
                    "--seed".into(),
                    members.to_string(),
                    "--flows".into(),
                    "0".into(),
                ],
            )?;
            let after = sandbox.memory_kib("VmRSS:");
            let report = load_run(
                root,
                &sandbox.url,
                &[
                    "--concurrency".into(),
                    "16".into(),
                    "--flows".into(),
                    "400".into(),
                ],
            )?;
            let per_member = (after.saturating_sub(before) as f64 * 1024.0) / members as f64;
            println!(
                "| {members} | {} KiB | {per_member:.0} B | {} ms | {} ms |",
                after,
                s(&report, "p50_ms"),
                s(&report, "p95_ms")
            );
        }
        return Ok(());
    }
    let sandbox = SandboxProcess::start(root)?;
    println!("\n| concurrency | flows | errors | 5xx | flows/s | p50 | p95 | p99 |");
    println!("|---|---|---|---|---|---|---|---|");
    let mut failed = false;
    for c in &plan.concurrency {
        let report = load_run(
            root,
            &sandbox.url,
            &[
                "--concurrency".into(),
                c.to_string(),
                "--flows".into(),
                plan.flows.to_string(),
            ],
        )?;
        failed |= report["errors"] != 0;
        println!(
            "| {c} | {} | {} | {} | {} | {} ms | {} ms | {} ms |",
            s(&report, "flows"),
            s(&report, "errors"),
            s(&report, "server_errors"),
            s(&report, "flows_per_second"),
            s(&report, "p50_ms"),
            s(&report, "p95_ms"),
            s(&report, "p99_ms")
        );
    }
    println!("\nsandbox peak RSS: {} KiB", sandbox.memory_kib("VmHWM:"));
    if failed {
        Err("some flows failed".into())
    } else {
        Ok(())
    }
}
