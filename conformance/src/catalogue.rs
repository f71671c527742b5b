//! The requirement catalogue (`requirements.toml`) and the deviations (`deviations.toml`).

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// How binding a requirement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// RFC 2119 MUST.
    #[serde(rename = "MUST")]
    Must,
    /// RFC 2119 SHOULD.
    #[serde(rename = "SHOULD")]
    Should,
    /// RFC 2119 MAY.
    #[serde(rename = "MAY")]
    May,
    /// A rule of this project.
    #[serde(rename = "project")]
    Project,
}

impl Level {
    /// Whether a failure fails the run (MUST and project rules).
    pub fn is_binding(self) -> bool {
        matches!(self, Self::Must | Self::Project)
    }

    /// The level as written in the catalogue.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Must => "MUST",
            Self::Should => "SHOULD",
            Self::May => "MAY",
            Self::Project => "project",
        }
    }
}

fn yes() -> bool {
    true
}

/// One requirement.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Stable id, e.g. `PKCE-01`.
    pub id: String,
    /// The clause, e.g. `RFC7636 §4.1`.
    pub source: String,
    /// A link to the clause; derived from `source` for RFCs.
    #[serde(default)]
    pub url: Option<String>,
    /// How binding it is.
    pub level: Level,
    /// One line saying what is required.
    pub statement: String,
    /// Whether it applies to this project.
    #[serde(default = "yes")]
    pub applies: bool,
    /// Why not, when it does not apply.
    #[serde(default)]
    pub reason: Option<String>,
    /// Safe to check against a live deployment.
    #[serde(default)]
    pub live: bool,
    /// The tests that check it.
    pub tests: Vec<String>,
}

impl Requirement {
    /// The link to the clause.
    pub fn link(&self) -> Option<String> {
        self.url.clone().or_else(|| rfc_link(&self.source))
    }
}

/// `RFC7636 §4.1` → the rfc-editor URL of that section; `RFC7636 App. B` → the appendix.
pub fn rfc_link(source: &str) -> Option<String> {
    let rest = source.strip_prefix("RFC")?;
    let (number, clause) = rest.split_once(' ')?;
    let base = format!("https://www.rfc-editor.org/rfc/rfc{number}");
    if let Some(section) = clause.strip_prefix('§') {
        Some(format!("{base}#section-{section}"))
    } else if let Some(appendix) = clause.strip_prefix("App. ") {
        Some(format!("{base}#appendix-{appendix}"))
    } else {
        Some(base)
    }
}

/// A known difference between Wix and an RFC.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// The requirement it concerns.
    pub requirement: String,
    /// What Wix does differently, and why the client follows.
    pub reason: String,
    /// The test showing it still happens.
    pub evidence: String,
}

#[derive(Deserialize)]
struct RequirementsFile {
    requirement: Vec<Requirement>,
}

#[derive(Deserialize)]
struct DeviationsFile {
    #[serde(default)]
    deviation: Vec<Deviation>,
}

/// The catalogue and the deviations.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Every requirement, in file order.
    pub requirements: Vec<Requirement>,
    /// Every listed deviation.
    pub deviations: Vec<Deviation>,
}

/// Why the catalogue cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// A file could not be read.
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    /// A file is not valid TOML of the expected shape.
    #[error("{0}: {1}")]
    Parse(String, toml::de::Error),
}

impl Catalogue {
    /// Loads `requirements.toml` and `deviations.toml` from the conformance crate's folder.
    pub fn load(dir: &Path) -> Result<Self, CatalogueError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path)
                .map_err(|e| CatalogueError::Read(path.display().to_string(), e))
        };
        let requirements: RequirementsFile = toml::from_str(&read("requirements.toml")?)
            .map_err(|e| CatalogueError::Parse("requirements.toml".into(), e))?;
        let deviations: DeviationsFile = toml::from_str(&read("deviations.toml")?)
            .map_err(|e| CatalogueError::Parse("deviations.toml".into(), e))?;
        Ok(Self {
            requirements: requirements.requirement,
            deviations: deviations.deviation,
        })
    }

    /// The catalogue's own consistency problems: duplicate ids, applicable requirements
    /// without tests, inapplicable ones without a reason, deviations of unknown ids.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids = BTreeSet::new();
        for r in &self.requirements {
            if !ids.insert(r.id.as_str()) {
                problems.push(format!("{}: the id is used twice", r.id));
            }
            if r.applies && r.tests.is_empty() {
                problems.push(format!("{}: applies but names no test", r.id));
            }
            if !r.applies && r.reason.as_deref().is_none_or(str::is_empty) {
                problems.push(format!("{}: does not apply but gives no reason", r.id));
            }
            if r.link().is_none() {
                problems.push(format!("{}: no link for source `{}`", r.id, r.source));
            }
        }
        for d in &self.deviations {
            if !ids.contains(d.requirement.as_str()) {
                problems.push(format!(
                    "deviation of unknown requirement {}",
                    d.requirement
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_sources_link_to_sections_and_appendices() {
        assert_eq!(
            rfc_link("RFC7636 §4.1").as_deref(),
            Some("https://www.rfc-editor.org/rfc/rfc7636#section-4.1")
        );
        assert_eq!(
            rfc_link("RFC7636 App. B").as_deref(),
            Some("https://www.rfc-editor.org/rfc/rfc7636#appendix-B")
        );
        assert_eq!(rfc_link("Wix docs"), None);
    }
}
