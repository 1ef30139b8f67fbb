//! cargo-fuzz target `json`: the body is `targets::json`, shared with tests/fuzz_corpus.rs.
#![no_main]

#[path = "../src/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::json(data));
