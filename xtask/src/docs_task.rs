//! `cargo xtask docs`: the guide built with mdBook (warnings are errors) and every relative
//! link checked — the book's pages against the built HTML (files and anchors), the Markdown
//! files outside it against the checkout.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Markdown files outside the book whose relative links are checked.
const OUTSIDE_BOOK: &[&str] = &[
    "README.md",
    "ARCHITECTURE.md",
    "CONTRIBUTING.md",
    "CHANGELOG.md",
    "flows/README.md",
    "generated/README.md",
    "axum/README.md",
    "sandbox/README.md",
    "cli/README.md",
];

/// Builds `docs/` into `target/book` and checks its links and those of [`OUTSIDE_BOOK`].
pub fn docs(root: &Path) -> Result<(), String> {
    let book = root.join("target/book");
    let output = Command::new("mdbook")
        .arg("build")
        .arg(root.join("docs"))
        .arg("--dest-dir")
        .arg(&book)
        .output()
        .map_err(|e| {
            format!(
                "cannot run mdbook ({e}); install it with \
                 `cargo install mdbook --locked --no-default-features --features search`"
            )
        })?;
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    print!("{log}");
    if !output.status.success() {
        return Err("mdbook build failed".into());
    }
    // mdBook reports a missing include or a broken SUMMARY entry as a warning and goes on.
    if let Some(line) = log
        .lines()
        .find(|l| l.contains("WARN") || l.contains("ERROR"))
    {
        return Err(format!("mdbook warned (warnings are errors here): {line}"));
    }
    let mut broken = check_book(&book)?;
    for file in OUTSIDE_BOOK {
        broken.extend(check_markdown(root, Path::new(file))?);
    }
    if broken.is_empty() {
        println!("book in {}; every relative link resolves", book.display());
        Ok(())
    } else {
        Err(format!(
            "{} broken link(s):\n  {}",
            broken.len(),
            broken.join("\n  ")
        ))
    }
}

/// Every `href` of the built book that stays inside it, checked for its file and anchor.
fn check_book(book: &Path) -> Result<Vec<String>, String> {
    let pages = html_pages(book)?;
    let mut ids = BTreeMap::new();
    for page in &pages {
        let html = read(page)?;
        ids.insert(page.clone(), attribute_values(&html, "id"));
    }
    let mut broken = Vec::new();
    for page in &pages {
        let html = read(page)?;
        for href in attribute_values(&html, "href") {
            if is_external(&href) {
                continue;
            }
            let (path, anchor) = match href.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (href.as_str(), None),
            };
            // The theme's own assets (CSS, fonts, scripts) are not the guide's links.
            if !(path.is_empty() || path.ends_with(".html")) {
                continue;
            }
            let target = if path.is_empty() {
                page.clone()
            } else {
                normalize(&page.parent().unwrap_or(book).join(path))
            };
            let shown = format!(
                "{} → {href}",
                page.strip_prefix(book).unwrap_or(page).display()
            );
            match ids.get(&target) {
                None => broken.push(format!("{shown}: no such page")),
                Some(page_ids) => {
                    if anchor.is_some_and(|a| !a.is_empty() && !page_ids.contains(a)) {
                        broken.push(format!("{shown}: no such anchor"));
                    }
                }
            }
        }
    }
    Ok(broken)
}

/// The relative links of one Markdown file: the target exists, and a `#anchor` into a
/// Markdown file names one of its headings.
fn check_markdown(root: &Path, file: &Path) -> Result<Vec<String>, String> {
    let text = read(&root.join(file))?;
    let mut broken = Vec::new();
    for link in markdown_links(&text) {
        if is_external(&link) {
            continue;
        }
        let (path, anchor) = match link.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (link.as_str(), None),
        };
        let target = if path.is_empty() {
            root.join(file)
        } else {
            normalize(&root.join(file).parent().unwrap_or(root).join(path))
        };
        if !target.exists() {
            broken.push(format!("{} → {link}: no such file", file.display()));
            continue;
        }
        if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
            let headings = heading_anchors(&read(&target)?);
            if !headings.contains(anchor) {
                broken.push(format!("{} → {link}: no such heading", file.display()));
            }
        }
    }
    Ok(broken)
}

/// The targets of `[text](target)` links outside code blocks and code spans.
fn markdown_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let mut rest = strip_code_spans(line);
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            links.push(after[..end].trim().to_string());
            rest = after[end..].to_string();
        }
    }
    links
}

/// A line without its `code spans`, whose brackets are not links.
fn strip_code_spans(line: &str) -> String {
    line.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The anchors GitHub and mdBook give a file's headings: lower case, spaces to `-`, other
/// punctuation dropped, a repeated heading numbered `-1`, `-2`, ….
fn heading_anchors(text: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut anchors = BTreeSet::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        let Some(title) = line
            .strip_prefix('#')
            .filter(|_| !in_fence)
            .map(|t| t.trim_start_matches('#'))
            .filter(|t| t.starts_with(' '))
        else {
            continue;
        };
        let slug: String = title
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let count = seen.entry(slug.clone()).or_insert(0);
        anchors.insert(if *count == 0 {
            slug.clone()
        } else {
            format!("{slug}-{count}")
        });
        *count += 1;
    }
    anchors
}

/// The values of every `name="…"` attribute in an HTML page.
fn attribute_values(html: &str, name: &str) -> BTreeSet<String> {
    let needle = format!(" {name}=\"");
    let mut values = BTreeSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let after = &rest[at + needle.len()..];
        let Some(end) = after.find('"') else { break };
        values.insert(after[..end].replace("&amp;", "&"));
        rest = &after[end..];
    }
    values
}

fn is_external(link: &str) -> bool {
    link.contains("://") || link.starts_with("mailto:") || link.starts_with("//")
}

/// Every `.html` file under `dir`.
fn html_pages(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut pages = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(normalize(&path));
            }
        }
    }
    Ok(pages)
}

/// `a/b/../c` as `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_become_the_anchors_github_and_mdbook_use() {
        let anchors = heading_anchors(
            "# The flows (`wix-auth-flows`)\n```\n# not a heading\n```\n## Parity with `@wix/sdk`\n## Parity with `@wix/sdk`\n",
        );
        let expected: BTreeSet<String> = [
            "the-flows-wix-auth-flows",
            "parity-with-wixsdk",
            "parity-with-wixsdk-1",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(anchors, expected);
    }

    #[test]
    fn links_in_code_are_not_links() {
        let links = markdown_links(
            "see [a](a.md#x) and `[b](b.md)`\n```\n[c](c.md)\n```\n[d](https://e.example)",
        );
        assert_eq!(links, vec!["a.md#x", "https://e.example"]);
    }

    #[test]
    fn a_missing_file_and_a_missing_heading_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.md"), "# Here\n").unwrap();
        std::fs::write(
            dir.path().join("a.md"),
            "[ok](b.md#here) [gone](c.md) [wrong](b.md#there)",
        )
        .unwrap();
        let broken = check_markdown(dir.path(), Path::new("a.md")).unwrap();
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert!(broken[0].contains("c.md") && broken[1].contains("b.md#there"));
    }
}
