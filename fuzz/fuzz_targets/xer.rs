//! cargo-fuzz target `xer`: the body is `targets::xer`, shared with tests/fuzz_corpus.rs.
#![no_main]

#[path = "../src/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::xer(data));
