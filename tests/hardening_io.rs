//! Hardening, second round (issue 22), of the inputs and of large plans:
//! - a CSV folder, a JSON, MSPDI or `.sm` file and a plan file are read only when they are
//!   regular files (a symbolic link to one is followed): a FIFO is refused instead of waited
//!   on for ever, a device (`/dev/zero`) instead of read until memory runs out, and the size
//!   limit holds while reading, whatever size the file reports;
//! - `import --into` (`io::merge::edits` applied as one batch) takes time linear in what it
//!   adds, and still refuses what would break the plan in the file;
//! - the MSPDI reader is linear in the links of one task;
//! - leveling's network with new delays is the plan's with those delays (no copy of the
//!   plan), and a JSON error inside the plan names its line.
//!
//! The timing tests compare a size with its double, each the least of a few runs (a loaded
//! machine only ever adds time): a linear cost about doubles, a quadratic one quadruples.

mod common;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use bridger::io::input::{self, InputError};
use bridger::store::{Editor, StoreError};

/// Runs `f` on its own thread and fails the test when it has not returned within `limit`
/// (a read that blocks on a FIFO, or reads a device for ever, would hang the suite).
fn within<T: Send + 'static>(limit: Duration, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| panic!("{what}: still reading after {limit:?}"))
}

const QUICK: Duration = Duration::from_secs(10);

#[cfg(unix)]
fn fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

// ---------------------------------------------------------------------------------------
// 3. Special files as inputs

#[cfg(unix)]
fn csv_folder(dir: &Path) -> PathBuf {
    let folder = dir.join("plan-csv");
    bridger::io::csv::write_folder(&folder, bridger::io::output::Overwrite::Refuse, &bridger::demo::plan()).unwrap();
    folder
}

#[cfg(unix)]
#[test]
fn a_csv_folder_reads_only_regular_files() {
    use bridger::io::csv::{self, CsvError};
    let dir = tempfile::tempdir().unwrap();
    let folder = csv_folder(dir.path());
    let inits = folder.join("initiatives.csv");
    // A symbolic link to a regular file is followed, as everywhere else.
    let moved = dir.path().join("initiatives-elsewhere.csv");
    std::fs::rename(&inits, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &inits).unwrap();
    assert_eq!(csv::read_folder(&folder).unwrap(), bridger::demo::plan());

    // A link to /dev/zero reports no size and never ends: refused, not read.
    std::fs::remove_file(&inits).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &inits).unwrap();
    let f = folder.clone();
    let e = within(QUICK, "a CSV folder with /dev/zero", move || csv::read_folder(&f)).unwrap_err();
    assert!(matches!(&e, CsvError::Rows { .. }), "{e}");
    let p = &e.problems()[0];
    assert_eq!((p.file.as_str(), p.line), ("initiatives.csv", 0), "{e}");
    assert!(p.reason.contains("is a device, not a regular file"), "{e}");

    // A FIFO would block `open` until a writer came.
    std::fs::remove_file(&inits).unwrap();
    fifo(&inits);
    let f = folder.clone();
    let e = within(QUICK, "a CSV folder with a FIFO", move || csv::read_folder(&f)).unwrap_err();
    assert!(e.to_string().contains("initiatives.csv: is a named pipe (FIFO), not a regular file"), "{e}");

    // plan.csv too: named, not taken for a missing file.
    std::fs::remove_file(&inits).unwrap();
    std::fs::rename(&moved, &inits).unwrap();
    let plan_csv = folder.join("plan.csv");
    std::fs::remove_file(&plan_csv).unwrap();
    fifo(&plan_csv);
    let f = folder.clone();
    let e = within(QUICK, "a CSV folder whose plan.csv is a FIFO", move || csv::read_folder(&f)).unwrap_err();
    assert!(e.to_string().contains("plan.csv: is a named pipe (FIFO)"), "{e}");
}

#[cfg(unix)]
#[test]
fn json_mspdi_and_sm_files_are_read_only_when_regular() {
    let dir = tempfile::tempdir().unwrap();
    let demo = bridger::demo::plan();
    let json = dir.path().join("real.json");
    std::fs::write(&json, bridger::io::json::to_string(&demo)).unwrap();
    let xml = dir.path().join("real.xml");
    std::fs::write(&xml, bridger::io::mspdi::to_string(&demo).text).unwrap();
    // Links to regular files are followed.
    let (json_link, xml_link) = (dir.path().join("link.json"), dir.path().join("link.xml"));
    std::os::unix::fs::symlink(&json, &json_link).unwrap();
    std::os::unix::fs::symlink(&xml, &xml_link).unwrap();
    assert_eq!(bridger::io::json::read_file(&json_link).unwrap(), demo);
    assert_eq!(bridger::io::mspdi::read_file(&xml_link).unwrap().plan, demo);

    let zero = dir.path().join("zero");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let pipe = dir.path().join("pipe");
    fifo(&pipe);
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    for (path, what) in [(zero, "is a device, not a regular file"), (pipe, "is a named pipe (FIFO), not a regular file")] {
        let named = format!("{}: {what}", path.display());
        let p = path.clone();
        let e = within(QUICK, "json", move || bridger::io::json::read_file(&p)).unwrap_err().to_string();
        assert_eq!(e, format!("{named}; only regular files are read"));
        let p = path.clone();
        let e = within(QUICK, "mspdi", move || bridger::io::mspdi::read_file(&p).map(|_| ())).unwrap_err().to_string();
        assert!(e.starts_with(&named), "{e}");
        let p = path.clone();
        let e = within(QUICK, "sm", move || bridger::io::psplib::read_file(&p, start).map(|_| ())).unwrap_err().to_string();
        assert!(e.starts_with(&named), "{e}");
        let p = path.clone();
        let e = within(QUICK, "sm instance", move || bridger::io::psplib::read_rcpsp(&p).map(|_| ())).unwrap_err().to_string();
        assert!(e.starts_with(&named), "{e}");
    }
    // A folder named as a file is not a file either.
    let e = bridger::io::json::read_file(dir.path()).unwrap_err().to_string();
    assert!(e.contains("is a folder, not a regular file"), "{e}");
}

#[cfg(unix)]
#[test]
fn the_size_limit_holds_while_reading_not_only_against_the_reported_size() {
    // A /proc file is a regular file that reports 0 bytes and holds more.
    let status = Path::new("/proc/self/status");
    assert_eq!(std::fs::metadata(status).unwrap().len(), 0);
    let e = input::read_bytes(status, 16, "a test file").unwrap_err();
    assert!(matches!(e, InputError::TooLarge { limit: 16, .. }), "{e}");
    assert_eq!(e.to_string(), "/proc/self/status: is larger than 16 bytes, the most a test file may hold");
    assert!(input::read_text(status, 1 << 20, "a test file").unwrap().contains("VmHWM"));
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_named_as_a_plan_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("plan.bridger");
    fifo(&pipe);
    let zero = dir.path().join("zero.bridger");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for (path, what) in [(pipe, "a named pipe (FIFO)"), (zero, "a device")] {
        let p = path.clone();
        let e = within(QUICK, "store::read", move || bridger::store::read(&p).map(|_| ())).unwrap_err();
        assert!(matches!(e, StoreError::Open { .. }), "{e}");
        assert!(e.to_string().contains(&format!("it is {what}, not a regular file")), "{e}");
        let p = path.clone();
        let e = within(QUICK, "Editor::open", move || Editor::open(&p).map(|_| ())).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }
}
