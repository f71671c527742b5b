//! The conformance suite's machinery: the requirement catalogue, the deviations, what each
//! test declares it covers, and the report built from a test run.
//!
//! The tests themselves live in `conformance/tests/`; `cargo xtask conformance` runs them and
//! writes the report with [`report::Report`].
#![forbid(unsafe_code)]

pub mod catalogue;
pub mod declarations;
pub mod report;
pub mod results;

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
