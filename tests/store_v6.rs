//! Plan file version 6: baselines (`baseline`). A file of every older version reads with no
//! baseline without being written, upgrades when a baseline is kept in it, and then holds the
//! same tables as a new file; undo of the edits it journaled before leaves the baseline.

mod common;

use std::path::{Path, PathBuf};

use bridger::api::baseline;
use bridger::store::{PlanFile, SCHEMA_VERSION};

fn fixture(name: &str, dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files").join(name), &path).unwrap();
    path
}

fn user_version(path: &Path) -> i32 {
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

fn tables(path: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut st = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").unwrap();
    st.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

/// An older file: read without a word about baselines and left as it was; a baseline kept in
/// it upgrades it to version 6.
fn upgrades(path: &Path, version: i32) {
    assert_eq!(user_version(path), version);
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(baseline::list(path).unwrap(), []);
    let none = baseline::diff(path, None).unwrap_err();
    assert_eq!(none.code, bridger::api::ErrorCode::NotFound, "{}", none.message);
    assert_eq!(std::fs::read(path).unwrap(), bytes, "reading wrote nothing");
    let kept = baseline::keep(path, "first", false).unwrap();
    assert!(kept.of_record);
    assert_eq!(user_version(path), SCHEMA_VERSION);
    let fresh = tempfile::tempdir().unwrap();
    let new = fresh.path().join("new.bridger");
    drop(PlanFile::create(&new, &bridger::demo::plan()).unwrap());
    assert_eq!(tables(path), tables(&new));
    let d = baseline::diff(path, None).unwrap();
    assert_eq!((d.finish_change_days, d.moved.len()), (0, 0));
}

#[test]
fn frozen_version_1_and_2_files_upgrade_when_a_baseline_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    upgrades(&fixture("store-pilot-v1.bridger", &dir), 1);
    let path = fixture("store-pilot-v2.bridger", &dir);
    upgrades(&path, 2);
    // The journal of version 2 still undoes, and the baseline stays.
    assert!(bridger::api::files::undo(&path).unwrap().is_some());
    assert_eq!(baseline::list(&path).unwrap().len(), 1);
    let d = baseline::diff(&path, None).unwrap();
    assert!(d.changed.iter().any(|c| c.kind == "plan" && c.field == "name"), "the undone rename is a change since the baseline");
}

/// Version 5 (the version before baselines): a new file without the table and its version
/// set back (versions 3 and 4 go through the same last migration, from the frozen files above).
#[test]
fn a_file_of_version_5_upgrades_when_a_baseline_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    drop(PlanFile::create(&path, &bridger::demo::plan()).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch("DROP TABLE baseline").unwrap();
    c.execute_batch(common::WITHOUT_ROLLOUTS).unwrap();
    c.pragma_update(None, "user_version", 5).unwrap();
    drop(c);
    upgrades(&path, 5);
}
