//! What each conformance test declares it covers, read from the test sources: a test is a
//! `fn` whose body starts with `covers!("ID", …)`.

use std::path::Path;

/// One test's declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// The test function's name.
    pub test: String,
    /// The requirement ids it covers.
    pub ids: Vec<String>,
    /// The file it is in, relative to `tests/`.
    pub file: String,
    /// For a proptest (a "for all" rule), its case count.
    pub proptest_cases: Option<u32>,
}

/// Every `#[test]`-like function of the given sources and its `covers!` ids (empty when it
/// declares none).
pub fn scan_source(file: &str, source: &str) -> Vec<Declaration> {
    let proptest_regions = proptest_regions(source);
    let mut out = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(at) = rest.find("fn ") {
        let start = offset + at;
        let after = &source[start + 3..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let is_test = is_test_fn(&source[..start]);
        if is_test && !name.is_empty() {
            // The function runs to the next `fn`; its first statement is the declaration.
            // (Searching for the body's `{` would trip on proptest strategies like `{1,40}`.)
            let segment = after.find("fn ").map_or(after, |end| &after[..end]);
            let ids = segment
                .split_once("covers!(")
                .and_then(|(_, args)| args.split_once(')'))
                .map(|(args, _)| {
                    args.split(',')
                        .map(|a| a.trim().trim_matches('"').to_string())
                        .filter(|a| !a.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            out.push(Declaration {
                test: name,
                ids,
                file: file.to_string(),
                proptest_cases: proptest_regions
                    .iter()
                    .find(|(s, e, _)| (*s..*e).contains(&start))
                    .map(|(_, _, cases)| *cases),
            });
        }
        offset = start + 3;
        rest = &source[offset..];
    }
    out
}

/// Whether the `fn` ending `before` is a test: `#[test]`, `#[tokio::test…]`, or inside a
/// `proptest!` block (whose functions carry `#[test]` too).
fn is_test_fn(before: &str) -> bool {
    let attributes = before.rsplit(['}', ';']).next().unwrap_or_default();
    attributes.contains("#[test]") || attributes.contains("#[tokio::test")
}

/// The byte ranges of `proptest! { … }` blocks, with their case counts
/// (`with_cases(N)` or `with_cases(PROPTEST_CASES)`, else proptest's default of 256).
fn proptest_regions(source: &str) -> Vec<(usize, usize, u32)> {
    let mut regions = Vec::new();
    let mut from = 0;
    while let Some(at) = source[from..].find("proptest! {") {
        let start = from + at;
        let mut depth = 0usize;
        let mut end = source.len();
        for (i, c) in source[start..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let block = &source[start..end];
        let cases = block
            .split_once("with_cases(")
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(arg, _)| match arg.trim() {
                "PROPTEST_CASES" => crate::PROPTEST_CASES,
                n => n.parse().unwrap_or(256),
            })
            .unwrap_or(256);
        regions.push((start, end, cases));
        from = end;
    }
    regions
}

/// Every declaration of the `.rs` files directly in `tests_dir`.
pub fn scan_dir(tests_dir: &Path) -> std::io::Result<Vec<Declaration>> {
    let mut files: Vec<_> = std::fs::read_dir(tests_dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.extend(scan_source(&name, &source));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tests_their_ids_and_proptest_blocks() {
        let source = r#"
fn helper() { }

#[test]
fn plain() {
    covers!("A-01", "B-02");
}

#[tokio::test]
async fn asynchronous() { covers!("C-03"); }

#[test]
fn undeclared() { let x = 1; }

proptest! {
    #[test]
    fn for_all(x in 0..1) {
        covers!("D-04");
    }
}
"#;
        let found = scan_source("t.rs", source);
        let names: Vec<_> = found.iter().map(|d| d.test.as_str()).collect();
        assert_eq!(names, ["plain", "asynchronous", "undeclared", "for_all"]);
        assert_eq!(found[0].ids, ["A-01", "B-02"]);
        assert_eq!(found[1].ids, ["C-03"]);
        assert!(found[2].ids.is_empty());
        assert_eq!(
            (found[3].proptest_cases, found[0].proptest_cases),
            (Some(256), None)
        );
    }
}
