//! Printing results: a line per fact for people, one JSON object with `--json`. Secrets are
//! shortened to their first characters either way.

use serde_json::{Map, Value};

/// Prints a line on stdout; a closed pipe (`wix-auth … | head`) ends the output quietly
/// instead of panicking.
pub fn line(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{text}");
}

/// Prints a line on stderr; a closed stderr is no reason to panic.
pub fn error_line(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// A secret shown as its first six characters and an ellipsis.
pub fn short(secret: &str) -> String {
    let head: String = secret.chars().take(6).collect();
    format!("{head}…")
}

/// A command's result: ordered facts, and for people either a line per fact or one text.
#[derive(Default)]
pub struct Report {
    facts: Map<String, Value>,
    text: Option<String>,
}

impl Report {
    /// A result people see as `text` alone (for scripts: `$(wix-auth token)`), and `--json`
    /// as the facts added to it.
    pub fn text(text: &str) -> Self {
        Self {
            facts: Map::new(),
            text: Some(text.to_string()),
        }
    }

    /// Adds a fact.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.facts.insert(key.to_string(), value.into());
        self
    }

    /// Prints it.
    pub fn print(self, json: bool) {
        if json {
            line(&Value::Object(self.facts).to_string());
            return;
        }
        if let Some(text) = self.text {
            line(&text);
            return;
        }
        for (key, value) in self.facts {
            let text = match value {
                Value::String(s) => s,
                other => other.to_string(),
            };
            line(&format!("{key}: {text}"));
        }
    }
}
