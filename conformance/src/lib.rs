//! The conformance suite's machinery: the requirement catalogue, the deviations, what each
//! test declares it covers, and the report built from a test run.
//!
//! The tests themselves live in [`SUITE_DIR`]; `cargo xtask conformance` runs them and
//! writes the report with [`report::Report`].
#![forbid(unsafe_code)]

pub mod catalogue;
pub mod declarations;
pub mod report;
pub mod results;

/// Where the suite's test modules (and their snapshots) live, relative to the crate.
pub const SUITE_DIR: &str = "tests/conformance";

/// The proptest case count of every "for all" rule; the report quotes it as evidence.
pub const PROPTEST_CASES: u32 = 256;

/// Declares the requirement ids a conformance test covers. The integrity tests and the
/// report read these declarations from the test sources.
#[macro_export]
macro_rules! covers {
    ($($id:literal),+ $(,)?) => {
        let _covers: &[&str] = &[$($id),+];
    };
}

#[cfg(test)]
mod integrity {
    use std::path::Path;

    use crate::catalogue::Catalogue;
    use crate::declarations::scan_dir;
    use crate::report::integrity;

    /// Every applicable requirement has a test, every conformance test names a requirement,
    /// ids and test names are unique, and the catalogue and the declarations agree.
    #[test]
    fn catalogue_and_tests_agree() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let catalogue = Catalogue::load(dir).unwrap();
        let declarations = scan_dir(&dir.join(crate::SUITE_DIR)).unwrap();
        assert!(
            declarations.len() >= 40,
            "{} tests found",
            declarations.len()
        );
        let problems = integrity(&catalogue, &declarations);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn integrity_catches_each_kind_of_disagreement() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut catalogue = Catalogue::load(dir).unwrap();
        let mut declarations = scan_dir(&dir.join(crate::SUITE_DIR)).unwrap();
        catalogue.requirements[0].tests.push("no_such_test".into());
        let dup = catalogue.requirements[1].clone();
        catalogue.requirements.push(dup);
        declarations[0].ids.clear();
        let problems = integrity(&catalogue, &declarations).join("\n");
        assert!(
            problems.contains("no_such_test does not exist"),
            "{problems}"
        );
        assert!(problems.contains("the id is used twice"), "{problems}");
        assert!(problems.contains("names no requirement"), "{problems}");
    }
}
