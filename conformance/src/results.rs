//! Reading a libtest run: `test name ... ok | FAILED | ignored` lines.

use std::collections::BTreeMap;

/// How one test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestOutcome {
    /// Passed.
    Passed,
    /// Failed.
    Failed,
    /// Ignored.
    Ignored,
}

/// Each test's outcome by name (the function name, without its module path).
pub fn parse(output: &str) -> BTreeMap<String, TestOutcome> {
    let mut out = BTreeMap::new();
    for line in output.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, outcome)) = rest.rsplit_once(" ... ") else {
            continue;
        };
        let outcome = match outcome.trim() {
            "ok" => TestOutcome::Passed,
            "FAILED" => TestOutcome::Failed,
            o if o.starts_with("ignored") => TestOutcome::Ignored,
            _ => continue,
        };
        let name = name.trim().rsplit("::").next().unwrap_or(name).to_string();
        let entry = out.entry(name).or_insert(outcome);
        if outcome == TestOutcome::Failed {
            *entry = TestOutcome::Failed;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_outcomes_and_strips_module_paths() {
        let output = "running 3 tests\ntest a ... ok\ntest m::b ... FAILED\ntest c ... ignored, slow\ntest result: FAILED. 1 passed; 1 failed\n";
        let parsed = parse(output);
        assert_eq!(parsed["a"], TestOutcome::Passed);
        assert_eq!(parsed["b"], TestOutcome::Failed);
        assert_eq!(parsed["c"], TestOutcome::Ignored);
        assert_eq!(parsed.len(), 3);
    }
}
