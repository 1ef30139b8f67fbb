//! The fuzz targets' seed corpus and every crash the fuzzer ever found, replayed on each
//! `make test` without cargo-fuzz: each file of `fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/` goes through the same target function the fuzzer runs
//! (`fuzz/src/targets.rs`, included here), so a fixed crash stays fixed and the targets
//! keep compiling against the library.

#[path = "../fuzz/src/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

fn inputs(folder: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(folder).join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// Runs every file of `folder` through its target; the files whose run panicked.
fn replay(folder: &str) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut count = 0;
    for target in targets::TARGETS {
        for file in inputs(folder, target) {
            let data = std::fs::read(&file).unwrap();
            count += 1;
            if std::panic::catch_unwind(|| targets::run(target, &data)).is_err() {
                failures.push(format!("{target}: {}", file.display()));
            }
        }
    }
    (count, failures)
}

#[test]
fn every_seed_passes_its_target() {
    for target in targets::TARGETS {
        assert!(!inputs("corpus", target).is_empty(), "fuzz/corpus/{target}/ has no seed");
    }
    let (count, failures) = replay("corpus");
    assert!(failures.is_empty(), "{} of {count} seeds fail (their panics are printed above):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_crash_found_by_fuzzing_stays_fixed() {
    let (count, failures) = replay("regressions");
    assert!(
        failures.is_empty(),
        "{} of {count} regressions fail (their panics are printed above):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
