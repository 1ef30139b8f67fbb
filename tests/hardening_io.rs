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
use std::time::{Duration, Instant};

use bridger::io::input::{self, InputError};
use bridger::model::{Estimate, Initiative, Plan, ValidationError};
use bridger::store::{Edit, Editor, PlanFile, StoreError};

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

/// The least time of `runs` runs of `f`, after `prepare` (untimed) for each run.
fn least<S>(runs: usize, mut prepare: impl FnMut() -> S, mut f: impl FnMut(S)) -> Duration {
    (0..runs)
        .map(|_| {
            let s = prepare();
            let t = Instant::now();
            f(s);
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Fails when doubling the input takes more than 2.5 times as long. `time(n)` is the least
/// of a few runs at size n; a failed comparison is measured again (up to three times) so
/// that a burst of load elsewhere does not fail it.
fn linear(what: &str, n: usize, mut time: impl FnMut(usize) -> Duration) {
    let mut seen = Vec::new();
    for _ in 0..3 {
        let (a, b) = (time(n), time(2 * n));
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
        if ratio <= 2.5 {
            return;
        }
        seen.push(format!("{n}: {a:?}, {}: {b:?} (x{ratio:.1})", 2 * n));
    }
    panic!("{what} is not linear: {}", seen.join("; "));
}

// ---------------------------------------------------------------------------------------
// 3. Special files as inputs

#[cfg(unix)]
fn csv_folder(dir: &Path) -> PathBuf {
    let folder = dir.join("plan-csv");
    bridger::io::csv::write_folder(&folder, bridger::io::output::Overwrite::Refuse, &bridger::demo::plan(), &[]).unwrap();
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
    assert_eq!(bridger::io::mspdi::read_file(&xml_link).unwrap().plan, demo.without_templates());

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

// ---------------------------------------------------------------------------------------
// 8. import --into

/// `gen::plan(n)` with every id prefixed, so that it adds to a plan made by `gen::plan`.
fn prefixed(n: usize, seed: u64, prefix: &str) -> Plan {
    let mut p = bridger::gen::plan(n, 3, seed, false);
    for i in &mut p.initiatives {
        i.id = format!("{prefix}{}", i.id);
    }
    for h in &mut p.handoffs {
        h.id = format!("{prefix}{}", h.id);
        h.from = format!("{prefix}{}", h.from);
        h.to = format!("{prefix}{}", h.to);
    }
    p
}

#[test]
fn importing_into_a_plan_takes_time_linear_in_what_it_adds() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = 0;
    linear("import --into (merge::edits + Editor::apply_batch)", 500, |n| {
        least(
            3,
            || {
                k += 1;
                let existing = bridger::gen::plan(n, 3, 1, false);
                let path = dir.path().join(format!("p{k}.bridger"));
                let editor = Editor::create(&path, &existing).unwrap();
                (editor, existing, prefixed(n, 2, "J"))
            },
            |(mut editor, existing, incoming)| {
                let edits = bridger::io::merge::edits(&existing, &incoming);
                assert!(edits.len() > 3 * n, "{}", edits.len());
                editor.apply_batch(&edits).unwrap();
            },
        )
    });
}

fn long(id: &str) -> Initiative {
    let mut i = Initiative::new(id, id, "Ann", 1);
    i.duration = Estimate::exact(bridger::model::limits::MAX_DURATION);
    i
}

/// The batch keeps an upper bound of the horizon's sum instead of summing the file after
/// each edit; an edit is still refused exactly when the file would pass the limit.
#[test]
fn a_batch_is_refused_exactly_where_the_file_would_pass_the_horizon() {
    use bridger::model::limits::{MAX_DURATION, MAX_HORIZON};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.bridger");
    let mut f = Editor::create(&path, &Plan::new("h", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap())).unwrap();
    let fill = (MAX_HORIZON / i64::from(MAX_DURATION)) as usize; // exactly the limit
    let mut batch: Vec<Edit> = (0..fill).map(|k| Edit::AddInitiative(long(&format!("l{k}")))).collect();
    // A removal only shortens the plan (the bound keeps its share), then one more fits.
    batch.push(Edit::RemoveInitiative("l0".into()));
    batch.push(Edit::AddInitiative(long("after-removal")));
    // A shorter duration gives its share back exactly; then one more fits again.
    let mut short = long("l1");
    short.duration = Estimate::exact(1);
    batch.push(Edit::UpdateInitiative(short));
    let mut after = long("after-update");
    after.duration = Estimate::exact(MAX_DURATION - 1); // exactly the limit again
    batch.push(Edit::AddInitiative(after));
    let fits = batch.len();
    // One day more than the limit: refused, naming the edit.
    let over = Initiative::new("over", "over", "Ann", 1);
    batch.push(Edit::AddInitiative(over));
    let e = f.apply_batch(&batch).unwrap_err();
    match &e {
        StoreError::InBatch { item, of, source } => {
            assert_eq!((*item, *of), (fits + 1, fits + 1), "{e}");
            assert!(
                matches!(**source, StoreError::Refused(ref v) if v == &vec![ValidationError::Horizon { total: MAX_HORIZON + 1, limit: MAX_HORIZON }]),
                "{e}"
            );
        }
        other => panic!("{other}"),
    }
    assert!(bridger::store::read(&path).unwrap().initiatives.is_empty(), "a refused batch saves nothing");
    batch.pop();
    f.apply_batch(&batch).unwrap();
    let plan = bridger::store::read(&path).unwrap();
    assert_eq!(plan.initiatives.len(), fill + 1);
    assert!(bridger::health::errors(&plan).is_empty(), "{:?}", bridger::health::errors(&plan));
    assert!(bridger::model::horizon(&plan).is_none());
}

/// The checks that protect the file still run on every edit of a long batch.
#[test]
fn a_long_import_still_refuses_a_cycle_and_a_taken_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.bridger");
    let existing = bridger::gen::plan(300, 3, 1, false);
    let mut f = Editor::create(&path, &existing).unwrap();
    let mut incoming = prefixed(300, 2, "J");
    // The last handoff closes a cycle through the new initiatives.
    let first = incoming.handoffs[0].clone();
    let mut back = bridger::model::Handoff::fs("back", &first.to, &first.from);
    back.owner = "o".into();
    incoming.handoffs.push(back);
    let edits = bridger::io::merge::edits(&existing, &incoming);
    let e = f.apply_batch(&edits).unwrap_err().to_string();
    assert!(e.starts_with(&format!("edit {} of {} in the batch: refused: handoffs form a cycle", edits.len(), edits.len())), "{e}");
    // The same id twice in one batch: the second is refused.
    let mut twice = bridger::io::merge::edits(&existing, &prefixed(300, 2, "J"));
    twice.push(twice.iter().find(|e| matches!(e, Edit::AddInitiative(_))).unwrap().clone());
    let e = f.apply_batch(&twice).unwrap_err().to_string();
    assert!(e.contains("is used twice"), "{e}");
    assert_eq!(bridger::store::read(&path).unwrap().initiatives.len(), 300, "nothing saved");
}

/// A long batch is mirrored in the app's plan in memory through an index of each list:
/// the result is the file's, whatever the batch mixes.
#[test]
fn a_long_batch_is_mirrored_in_memory_as_the_file_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.bridger");
    let demo = bridger::demo::plan();
    let mut f = PlanFile::create(&path, &demo).unwrap();
    let mut batch = Vec::new();
    for k in 0..40 {
        let mut i = demo.initiatives[k % 5].clone();
        i.id = format!("new-{k}");
        batch.push(Edit::AddInitiative(i));
    }
    let mut changed = demo.initiatives[3].clone();
    changed.name = "Renamed".into();
    batch.push(Edit::UpdateInitiative(changed));
    batch.push(Edit::RemoveInitiative(demo.initiatives[1].id.clone()));
    let mut again = demo.initiatives[7].clone();
    again.notes = "after a removal shifted the list".into();
    batch.push(Edit::UpdateInitiative(again));
    batch.push(Edit::AddHandoff(bridger::model::Handoff::fs("new-h", "new-0", "new-1")));
    let mut team = demo.teams[0].clone();
    team.fte += 1.0;
    batch.push(Edit::UpdateTeam(team));
    let mut renamed = demo.initiatives[2].clone();
    renamed.name = "Renamed in the same batch".into();
    batch.push(Edit::UpdateInitiative(renamed));
    f.apply_batch(batch).unwrap();
    assert_eq!(f.plan(), &bridger::store::read(&path).unwrap());
    assert_eq!(f.plan().initiatives.len(), demo.initiatives.len() + 40 - 1);
}

// ---------------------------------------------------------------------------------------
// 10. MSPDI: many links on one task

/// Task 2 with `n` links from task 1 (all but one duplicates, refused by validation), and
/// `n` tasks linked into task `last` as Bridger writes them (each link with its details).
fn one_task_links(n: usize) -> (String, String) {
    let mut x = String::from("<Project><Tasks><Task><UID>1</UID><ID>1</ID><Name>a</Name></Task><Task><UID>2</UID><ID>2</ID><Name>b</Name>");
    for _ in 0..n {
        x.push_str("<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink>");
    }
    x.push_str("</Task></Tasks></Project>");
    let mut p = Plan::new("fan", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    p.initiatives.push(Initiative::new("last", "Last", "o", 1));
    for k in 0..n {
        p.initiatives.push(Initiative::new(&format!("i{k}"), "I", "o", 1));
        p.handoffs.push(bridger::model::Handoff::fs(&format!("h{k}"), &format!("i{k}"), "last"));
    }
    (x, bridger::io::mspdi::to_string(&p).text)
}

#[test]
fn the_mspdi_reader_is_linear_in_one_tasks_links() {
    let (dupes, fan) = one_task_links(3);
    let read = bridger::io::mspdi::from_str(&dupes, "d.xml").unwrap();
    let ids: Vec<&str> = read.plan.handoffs.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["t1->t2", "t1->t2#2", "t1->t2#3"]);
    let errors = bridger::model::validate(&read.plan);
    assert!(errors.iter().any(|e| e.to_string().contains("duplicates handoff 't1->t2'")), "{errors:?}");
    let read = bridger::io::mspdi::from_str(&fan, "f.xml").unwrap();
    assert!(read.findings.is_empty(), "{:?}", read.findings);
    assert_eq!(read.plan.handoffs.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["h0", "h1", "h2"]);

    linear("the MSPDI reader on n links between two tasks", 2000, |n| {
        least(3, || one_task_links(n).0, |dupes| assert_eq!(bridger::io::mspdi::from_str(&dupes, "d.xml").unwrap().plan.handoffs.len(), n))
    });
    linear("the MSPDI reader on n links into one task", 1000, |n| {
        least(3, || one_task_links(n).1, |fan| assert_eq!(bridger::io::mspdi::from_str(&fan, "f.xml").unwrap().plan.handoffs.len(), n))
    });
}

// ---------------------------------------------------------------------------------------
// 11. Large plans: what leveling and import no longer copy

#[test]
fn a_network_given_new_delays_is_the_network_of_the_plan_with_them() {
    let mut plan = bridger::gen::plan(300, 3, 9, true);
    plan.initiatives[5].leveling_delay = 4;
    plan.initiatives[6].leveling_delay = -2; // unchecked: waits for nothing
    let cal = plan.calendar.anchored(plan.start).unwrap();
    let mut net = bridger::schedule::Network::of(&plan).unwrap();
    let delays: Vec<i32> = (0..plan.initiatives.len()).map(|k| [0, 3, 0, 7, 1][k % 5] - i32::from(k == 11)).collect();
    net.set_delays(&delays);
    let mut levelled = plan.clone();
    for (i, d) in levelled.initiatives.iter_mut().zip(&delays) {
        i.leveling_delay = *d;
    }
    let fresh = bridger::schedule::Network::of(&levelled).unwrap();
    assert_eq!(net.delay, fresh.delay);
    assert_eq!(net.preds, fresh.preds);
    assert_eq!(net.succs, fresh.succs);
    assert_eq!(bridger::schedule::passes(&net, &cal), bridger::schedule::cpm(&levelled).unwrap());
}

#[test]
fn a_json_error_inside_the_plan_names_its_line() {
    let mut text = bridger::io::json::to_string(&bridger::demo::plan());
    let at = text.find("\"likely\": ").unwrap();
    text.replace_range(at..at + "\"likely\": ".len(), "\"likely\": \"five\", \"x\": ");
    let line = 1 + text[..at].matches('\n').count();
    let e = bridger::io::json::from_str(&text, "p.json").unwrap_err().to_string();
    assert!(e.starts_with(&format!("p.json: line {line}, column ")), "{e}");
}
