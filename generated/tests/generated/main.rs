//! The generated client's integration tests, one binary: every spec example through the
//! generated types, lenient decoding, and what each call puts on the wire.

mod common;

mod decoding;
mod spec_examples;
mod wire;
