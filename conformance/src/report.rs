//! The report: one row per requirement with its result and evidence, as Markdown, JSON and
//! JUnit XML.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::catalogue::Catalogue;
use crate::declarations::Declaration;
use crate::results::TestOutcome;

/// A requirement's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Every test passed.
    Pass,
    /// A binding requirement's test failed, a test did not run, or a deviation went stale.
    Fail,
    /// A SHOULD or MAY requirement's test failed.
    Warning,
    /// Not checked in this run (with the reason).
    Skipped,
    /// Does not apply (with the reason).
    NotApplicable,
    /// Passes, with a listed deviation of Wix from the RFC that still happens.
    Deviation,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::Warning => "warning",
            Self::Skipped => "skipped",
            Self::NotApplicable => "not applicable",
            Self::Deviation => "deviation",
        }
    }
}

/// One row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Requirement id.
    pub id: String,
    /// Clause.
    pub source: String,
    /// Link to the clause.
    pub link: Option<String>,
    /// Level.
    pub level: String,
    /// What is required.
    pub statement: String,
    /// Tests and their outcomes.
    pub tests: Vec<(String, String)>,
    /// Result.
    pub status: Status,
    /// Why, for fail, skipped, not applicable and deviation.
    pub note: Option<String>,
    /// Snapshots and proptest case counts behind the result.
    pub evidence: Vec<String>,
}

/// Facts about the run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunInfo {
    /// `git rev-parse HEAD`.
    pub commit: String,
    /// `rustc --version`.
    pub rustc: String,
    /// `cargo --version`.
    pub cargo: String,
    /// `sandbox` or the live base URL.
    pub target: String,
    /// When the run ended (Unix seconds).
    pub finished_at: u64,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The run.
    pub run: RunInfo,
    /// One row per requirement.
    pub rows: Vec<Row>,
    /// Integrity problems (catalogue and declarations disagreeing).
    pub integrity: Vec<String>,
}

/// Everything the report is made from.
pub struct Inputs<'a> {
    /// Requirements and deviations.
    pub catalogue: &'a Catalogue,
    /// What the tests declare.
    pub declarations: &'a [Declaration],
    /// Test outcomes.
    pub outcomes: &'a BTreeMap<String, TestOutcome>,
    /// Snapshot file names of the suite.
    pub snapshots: &'a [String],
    /// `Some(url)` when run against a live deployment.
    pub live: Option<&'a str>,
    /// Facts about the run.
    pub run: RunInfo,
}

/// Where the catalogue and the test declarations disagree.
pub fn integrity(catalogue: &Catalogue, declarations: &[Declaration]) -> Vec<String> {
    let mut problems = catalogue.problems();
    let mut names = BTreeMap::new();
    for d in declarations {
        if let Some(other) = names.insert(d.test.as_str(), d.file.as_str()) {
            problems.push(format!(
                "test {} is defined in {} and {}",
                d.test, other, d.file
            ));
        }
        if d.ids.is_empty() {
            problems.push(format!("test {} ({}) names no requirement", d.test, d.file));
        }
        for id in &d.ids {
            match catalogue.requirements.iter().find(|r| &r.id == id) {
                None => problems.push(format!("test {} covers unknown requirement {id}", d.test)),
                Some(r) if !r.tests.contains(&d.test) => problems.push(format!(
                    "test {} covers {id}, but the catalogue does not list it there",
                    d.test
                )),
                Some(_) => {}
            }
        }
    }
    for r in &catalogue.requirements {
        for t in &r.tests {
            match declarations.iter().find(|d| &d.test == t) {
                None => problems.push(format!("{}: test {t} does not exist", r.id)),
                Some(d) if !d.ids.contains(&r.id) => problems.push(format!(
                    "{}: test {t} does not declare covers!(\"{}\")",
                    r.id, r.id
                )),
                Some(_) => {}
            }
        }
    }
    for dev in &catalogue.deviations {
        if !declarations.iter().any(|d| d.test == dev.evidence) {
            problems.push(format!(
                "deviation of {}: evidence test {} does not exist",
                dev.requirement, dev.evidence
            ));
        }
    }
    problems
}

fn outcome_text(outcome: Option<TestOutcome>) -> &'static str {
    match outcome {
        Some(TestOutcome::Passed) => "passed",
        Some(TestOutcome::Failed) => "failed",
        Some(TestOutcome::Ignored) => "ignored",
        None => "not run",
    }
}

impl Report {
    /// Builds the report.
    pub fn build(inputs: Inputs<'_>) -> Self {
        let mut rows = Vec::new();
        for r in &inputs.catalogue.requirements {
            let tests: Vec<(String, String)> = r
                .tests
                .iter()
                .map(|t| {
                    (
                        t.clone(),
                        outcome_text(inputs.outcomes.get(t).copied()).to_string(),
                    )
                })
                .collect();
            let mut evidence = Vec::new();
            for t in &r.tests {
                if let Some(cases) = inputs
                    .declarations
                    .iter()
                    .find(|d| &d.test == t)
                    .and_then(|d| d.proptest_cases)
                {
                    evidence.push(format!("{t}: proptest, {cases} cases"));
                }
                let snaps: Vec<_> = inputs
                    .snapshots
                    .iter()
                    .filter(|s| s.contains(&format!("__{t}")))
                    .collect();
                if !snaps.is_empty() {
                    evidence.push(format!("{t}: {} insta snapshot(s)", snaps.len()));
                }
            }
            let deviation = inputs
                .catalogue
                .deviations
                .iter()
                .find(|d| d.requirement == r.id);
            let (status, note) = if !r.applies {
                (Status::NotApplicable, r.reason.clone())
            } else if inputs.live.is_some() && !r.live {
                (
                    Status::Skipped,
                    Some("not safe against a live deployment; run against the sandbox".into()),
                )
            } else {
                let failed: Vec<_> = tests
                    .iter()
                    .filter(|(_, o)| o != "passed")
                    .map(|(t, o)| format!("{t} {o}"))
                    .collect();
                if !failed.is_empty() {
                    let status = if r.level.is_binding() {
                        Status::Fail
                    } else {
                        Status::Warning
                    };
                    (status, Some(failed.join("; ")))
                } else if let Some(dev) = deviation {
                    match inputs.outcomes.get(&dev.evidence) {
                        Some(TestOutcome::Passed) => (Status::Deviation, Some(dev.reason.clone())),
                        _ if inputs.live.is_some() => (Status::Pass, None),
                        other => (
                            Status::Fail,
                            Some(format!(
                                "listed deviation no longer shown: {} {}; remove it from deviations.toml",
                                dev.evidence,
                                outcome_text(other.copied())
                            )),
                        ),
                    }
                } else {
                    (Status::Pass, None)
                }
            };
            rows.push(Row {
                id: r.id.clone(),
                source: r.source.clone(),
                link: r.link(),
                level: r.level.as_str().to_string(),
                statement: r.statement.clone(),
                tests,
                status,
                note,
                evidence,
            });
        }
        Self {
            run: inputs.run,
            rows,
            integrity: integrity(inputs.catalogue, inputs.declarations),
        }
    }

    /// Requirements that passed (including deviations) and that failed.
    pub fn counts(&self) -> (usize, usize) {
        let passed = self
            .rows
            .iter()
            .filter(|r| matches!(r.status, Status::Pass | Status::Deviation))
            .count();
        let failed = self
            .rows
            .iter()
            .filter(|r| r.status == Status::Fail)
            .count();
        (passed, failed)
    }

    /// Whether the run must fail: a binding failure or an integrity problem.
    pub fn is_failure(&self) -> bool {
        self.counts().1 > 0 || !self.integrity.is_empty()
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The closing line: `N passed, N failed`.
    pub fn closing_line(&self) -> String {
        let (passed, failed) = self.counts();
        format!("{passed} passed, {failed} failed")
    }

    /// The report as Markdown; `json_sha256` is the digest of the JSON report written beside it.
    pub fn to_markdown(&self, json_sha256: &str) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "# wix-auth-rs conformance report\n");
        let _ = writeln!(md, "- commit: `{}`", self.run.commit);
        let _ = writeln!(md, "- target: {}", self.run.target);
        let _ = writeln!(md, "- tools: {}; {}", self.run.rustc, self.run.cargo);
        let _ = writeln!(md, "- report.json SHA-256: `{json_sha256}`");
        let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &self.rows {
            *by_status.entry(r.status.as_str()).or_default() += 1;
        }
        let summary: Vec<String> = by_status.iter().map(|(s, n)| format!("{n} {s}")).collect();
        let _ = writeln!(md, "- requirements: {}\n", summary.join(", "));
        if !self.integrity.is_empty() {
            let _ = writeln!(md, "## Integrity problems\n");
            for p in &self.integrity {
                let _ = writeln!(md, "- {p}");
            }
            md.push('\n');
        }
        let _ = writeln!(
            md,
            "| id | clause | level | result | tests | evidence | note |"
        );
        let _ = writeln!(md, "|---|---|---|---|---|---|---|");
        for r in &self.rows {
            let clause = match &r.link {
                Some(link) => format!("[{}]({link})", r.source),
                None => r.source.clone(),
            };
            let tests: Vec<String> = r.tests.iter().map(|(t, o)| format!("`{t}` {o}")).collect();
            let _ = writeln!(
                md,
                "| {} | {} | {} | **{}** | {} | {} | {} |",
                r.id,
                clause,
                r.level,
                r.status.as_str(),
                tests.join("<br>"),
                r.evidence.join("<br>"),
                r.note.clone().unwrap_or_default().replace('|', "\\|")
            );
        }
        let _ = writeln!(md, "\n{}", self.closing_line());
        md
    }

    /// The report as JUnit XML: one test case per requirement.
    pub fn to_junit(&self) -> String {
        let (passed, failed) = self.counts();
        let skipped = self.rows.len() - passed - failed;
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            xml,
            "<testsuite name=\"wix-auth-conformance\" tests=\"{}\" failures=\"{failed}\" skipped=\"{skipped}\">",
            self.rows.len()
        );
        for r in &self.rows {
            let _ = write!(
                xml,
                "  <testcase classname=\"{}\" name=\"{}\">",
                escape(&r.level),
                escape(&r.id)
            );
            let note = escape(r.note.as_deref().unwrap_or_default());
            match r.status {
                Status::Fail => {
                    let _ = write!(xml, "<failure message=\"{note}\"/>");
                }
                Status::Skipped | Status::NotApplicable | Status::Warning => {
                    let _ = write!(xml, "<skipped message=\"{}: {note}\"/>", r.status.as_str());
                }
                Status::Pass | Status::Deviation => {}
            }
            let _ = writeln!(xml, "</testcase>");
        }
        xml.push_str("</testsuite>\n");
        xml
    }
}

/// SHA-256 of text, in hex.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
