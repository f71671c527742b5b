//! Comparing freshly generated source with the checked-in file.

use std::path::Path;

/// How the checked-in file compares with what the spec produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// Byte-identical (after newline normalisation).
    Fresh,
    /// Missing or different; carries a short unified diff (checked-in → expected).
    Stale {
        /// The diff, at most [`DIFF_LINES`] lines.
        diff: String,
    },
}

/// The most diff lines a stale report shows.
pub const DIFF_LINES: usize = 60;

/// Compares `expected` with the file at `path`.
pub fn compare(path: &Path, expected: &str) -> Freshness {
    compare_labelled(path, expected, "generated from the spec")
}

/// Compares `expected` with the file at `path`, naming `expected` in the diff's header as
/// `expected_label` (what produced it).
pub fn compare_labelled(path: &Path, expected: &str, expected_label: &str) -> Freshness {
    let current = std::fs::read_to_string(path).unwrap_or_default();
    let current = normalize_newlines(&current);
    let expected = normalize_newlines(expected);
    if current == expected {
        return Freshness::Fresh;
    }
    let diff = similar::TextDiff::from_lines(&current, &expected)
        .unified_diff()
        .context_radius(2)
        .header("checked in", expected_label)
        .to_string();
    let mut lines: Vec<&str> = diff.lines().take(DIFF_LINES + 1).collect();
    if lines.len() > DIFF_LINES {
        lines.truncate(DIFF_LINES);
        lines.push("… (diff cut short)");
    }
    Freshness::Stale {
        diff: lines.join("\n"),
    }
}

fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n")
}
