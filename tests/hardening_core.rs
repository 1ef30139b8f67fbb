//! Issue 22, "Hardening, second round": one regression test per defect found in the core.
//! The slow ones run at a scaled-down size and check how the time grows: doubling the
//! input must not take more than about 2.5 times as long (the minimum of a few runs, so a
//! loaded machine does not make them flake).

use std::path::{Path, PathBuf};
use std::time::Duration;
#[cfg(not(target_os = "linux"))]
use std::time::Instant;

mod common;

use bridger::model::{Effort, Handoff, Initiative, Plan, Team};
use bridger::store::{Edit, Editor, PlanFile};
use common::{bridger, stderr};

fn plan() -> Plan {
    let mut p = Plan::new("damaged", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    p.teams.push(Team::new("it", "IT", 4.0));
    p.teams.push(Team::new("ops", "Ops", 2.0));
    p.waves.push(bridger::model::Wave { id: "w1".into(), name: "Pilot".into(), order: 1, ..Default::default() });
    p.sites.push(bridger::model::Site {
        id: "s1".into(),
        name: "Store 1".into(),
        region: None,
        wave: Some("w1".into()),
        ..Default::default()
    });
    for id in ["a", "b", "c"] {
        let mut i = Initiative::new(id, &id.to_uppercase(), "Ann", 2);
        i.team = Some("it".into());
        i.effort = vec![Effort { team: "it".into(), person_days: 3.0 }];
        p.initiatives.push(i);
    }
    p.handoffs.push(Handoff::fs("ab", "a", "b"));
    p.risks.push(bridger::model::Risk {
        id: "r1".into(),
        title: "Late".into(),
        owner: "Bo".into(),
        probability: 0.5,
        impact: 3,
        mitigation: String::new(),
        status: bridger::model::RiskStatus::Open,
        initiatives: vec!["a".into()],
        schedule_impact: None,
    });
    p
}

/// Runs SQL on a plan file as another program would (foreign keys off).
fn sql(path: &Path, batch: &str) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.pragma_update(None, "foreign_keys", false).unwrap();
    c.execute_batch(batch).unwrap();
}

/// Moves what was written into the file itself, as the last connection closing would (an
/// editor open beside it keeps the write-ahead log from being folded in).
fn checkpoint(path: &Path) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0)).unwrap();
}

/// A plan file with an edit to undo (the addition of 'd') and one to redo (of 'e').
fn file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut f = PlanFile::create(&path, &plan()).unwrap();
    f.apply(Edit::AddInitiative(Initiative::new("d", "D", "Bo", 1))).unwrap();
    f.apply(Edit::AddInitiative(Initiative::new("e", "E", "Bo", 1))).unwrap();
    f.undo().unwrap();
    drop(f);
    path
}

/// What `store::read` says of a file (it must refuse it).
fn read_error(path: &Path, what: &str) -> String {
    bridger::store::read(path).err().unwrap_or_else(|| panic!("{what}: store::read accepts it")).to_string()
}

/// Damage done to a plan file outside Bridger that opening an `Editor` finds: the
/// schema, the plan row, and the rows of the tables that stay small.
const DAMAGES: &[(&str, &str)] = &[
    ("text in a number column", "UPDATE team SET fte = 'many' WHERE id = 'ops'"),
    ("a real where an integer belongs", "UPDATE wave SET ord = 1.5"),
    ("an integer out of range", "UPDATE wave SET ord = 5000000000"),
    ("binary data where a name belongs", "UPDATE site SET name = x'41'"),
    ("an id that is not text", "INSERT INTO wave (id, seq, name, ord) VALUES (x'37', 99, 'W', 1)"),
    ("a risk status that is not one", "UPDATE risk SET status = 'worrying'"),
    ("text as a probability", "UPDATE risk SET probability = 'likely'"),
    ("half a schedule impact", "UPDATE risk SET impact_min = 1 WHERE id = 'r1'"),
    ("a capacity date that is not one", "INSERT INTO capacity (team_id, date, fte) VALUES ('it', '2027-02-30', 2)"),
    ("capacity of no team", "INSERT INTO capacity (team_id, date, fte) VALUES ('ghost', '2027-02-01', 2)"),
    ("a link of no risk", "INSERT INTO risk_initiative (risk_id, initiative_id, pos) VALUES ('r9', 'a', 1)"),
    ("a missing table", "DROP TABLE risk_initiative; DROP TABLE risk;"),
    ("a missing table of the large ones", "DROP TABLE effort"),
    // (SQLite drops no column an index names: the index of suspect handoffs goes first.)
    ("a missing column", "DROP INDEX IF EXISTS handoff_suspect; ALTER TABLE handoff DROP COLUMN due"),
    ("a holiday that is not a date", "INSERT INTO holiday (date) VALUES ('someday')"),
    ("a plan setting that is not one", "UPDATE plan SET distribution = 'normal'"),
    ("no plan row", "DELETE FROM plan"),
    ("two bad rows: the first in the list is named", "UPDATE team SET utilization_target = 'high'"),
];

/// Item 5: `edit`, `undo` and `redo` opened a `store::Editor`, which did not read the plan,
/// so they changed files that `check` refuses to read (text in a number column, a missing
/// table). Opening one now refuses such a file with `store::read`'s error, and changes
/// nothing in it.
#[test]
fn an_editor_refuses_a_damaged_file_as_reading_it_does() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    for (k, (what, damage)) in DAMAGES.iter().enumerate() {
        let path = file(dir.path(), &format!("p{k}.bridger"));
        sql(&path, damage);
        let read = read_error(&path, what);
        let bytes = std::fs::read(&path).unwrap();
        let open = Editor::open(&path).err().unwrap_or_else(|| panic!("{what}: Editor::open accepts it ({read})")).to_string();
        assert_eq!(open, read, "{what}");
        let plan_file = PlanFile::open(&path).err().unwrap_or_else(|| panic!("{what}: PlanFile::open accepts it")).to_string();
        assert_eq!(plan_file, read, "{what}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{what}: the refused file was changed");
    }
    // Rows a reader could doubt but accepts (every optional field empty, a capacity date
    // written without leading zeros) do not make the file refused.
    let path = file(dir.path(), "sound.bridger");
    sql(
        &path,
        "UPDATE site SET region = NULL, wave_id = NULL; UPDATE initiative SET x = NULL, y = NULL, team_id = NULL WHERE id = 'a';
         INSERT INTO capacity (team_id, date, fte) VALUES ('it', '2027-3-1', 2)",
    );
    let read = bridger::store::read(&path);
    assert_eq!(read.is_ok(), Editor::open(&path).is_ok(), "{:?}", read.err());
}

/// Item 5, the rows of the large tables (initiatives, effort, handoffs), damaged while an
/// editor is open (opening one refuses a damaged file, see the next tests): every edit that
/// changes one reads it first, so a damaged one is refused with `store::read`'s error and
/// the file is left as it was. Undo and redo used to write the journal's copy over it.
#[test]
fn an_edit_refuses_a_damaged_row_it_would_change() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let add = |id: &str, from: &str, to: &str| Edit::AddHandoff(Handoff::fs(id, from, to));
    let update_d = Edit::UpdateInitiative(Initiative::new("d", "D2", "Bo", 1));
    let cases: Vec<(&str, &str, Box<dyn Fn(&mut Editor) -> Result<(), bridger::store::StoreError>>)> = vec![
        ("undo puts back a damaged row", "UPDATE initiative SET likely = 'soon' WHERE id = 'd'", Box::new(|f| f.undo().map(drop))),
        ("an update of a damaged row", "UPDATE initiative SET likely = 'soon' WHERE id = 'd'", Box::new(move |f| f.apply(&update_d))),
        (
            "a removal",
            "UPDATE initiative SET start_no_earlier_than = 'soon' WHERE id = 'd'",
            Box::new(|f| f.apply(&Edit::RemoveInitiative("d".into()))),
        ),
        (
            "a handoff to a damaged initiative",
            "UPDATE initiative SET status = 'paused' WHERE id = 'd'",
            Box::new(move |f| f.apply(&add("cd", "c", "d"))),
        ),
        (
            "effort of a damaged row",
            "UPDATE effort SET person_days = 'lots' WHERE initiative_id = 'b'",
            Box::new(|f| f.apply(&Edit::RemoveInitiative("b".into()))),
        ),
        ("a damaged handoff", "UPDATE handoff SET lag = 1.5 WHERE id = 'ab'", Box::new(|f| f.apply(&Edit::RemoveHandoff("ab".into())))),
    ];
    for (k, (what, damage, edit)) in cases.iter().enumerate() {
        let path = file(dir.path(), &format!("t{k}.bridger"));
        let mut f = Editor::open(&path).unwrap();
        sql(&path, damage);
        checkpoint(&path);
        let read = read_error(&path, what);
        let bytes = std::fs::read(&path).unwrap();
        let e = edit(&mut f).err().unwrap_or_else(|| panic!("{what}: saved ({read})")).to_string();
        assert_eq!(e, read, "{what}");
        drop(f);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{what}: the refused file was changed");
    }
    // Redo of an update puts back a row, read first too.
    let path = file(dir.path(), "redo.bridger");
    let mut f = Editor::open(&path).unwrap();
    f.apply(&Edit::UpdateInitiative(Initiative::new("a", "A2", "Bo", 1))).unwrap();
    f.undo().unwrap();
    sql(&path, "UPDATE initiative SET progress = 'half' WHERE id = 'a'");
    let read = read_error(&path, "redo");
    assert_eq!(f.redo().unwrap_err().to_string(), read);
}

/// Item 5, as a user meets it: the same damaged file gets the same refusal from `check`,
/// `schedule`, `edit`, `undo` and `redo`, and none of them changes it.
#[test]
fn every_command_refuses_a_damaged_file_alike() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    for (name, damage) in [
        ("number.bridger", "UPDATE team SET fte = 'many' WHERE id = 'ops'"),
        ("table.bridger", "DROP TABLE risk_initiative; DROP TABLE risk;"),
    ] {
        let path = file(dir.path(), name);
        sql(&path, damage);
        let bytes = std::fs::read(&path).unwrap();
        let add = r#"{"op":"add_initiative","value":{"id":"n","name":"N","owner":"Bo","duration":{"optimistic":1,"likely":1,"pessimistic":1},"status":"not_started"}}"#;
        let runs: Vec<(&str, Vec<&str>)> = vec![
            ("check", vec!["check", name]),
            ("schedule", vec!["schedule", name]),
            ("edit", vec!["edit", name, add]),
            ("undo", vec!["undo", name]),
            ("redo", vec!["redo", name]),
        ];
        let mut messages = Vec::new();
        for (command, args) in &runs {
            let o = bridger(dir.path(), args);
            assert_eq!(o.status.code(), Some(2), "{command} on {name}: {}", stderr(&o));
            assert!(o.stdout.is_empty(), "{command} on {name} said {}", String::from_utf8_lossy(&o.stdout));
            messages.push((command, stderr(&o)));
        }
        for (command, message) in &messages {
            assert_eq!(message, &messages[0].1, "{command} on {name}");
        }
        assert!(messages[0].1.contains("restore it from a copy"), "{}", messages[0].1);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was changed");
    }
}

/// Item 5, the rest: damage to a row of the large tables (initiatives, effort, handoffs)
/// that the edit does not touch. `check` refuses the file; `edit`, `undo` and `redo` used
/// to change it, since opening an editor did not scan those tables (0.4 s on 200,000
/// initiatives). A partial index of the suspect rows, which SQLite keeps whichever program
/// writes, finds them at once; a file without it (an older Bridger's, or one whose index
/// was dropped or changed) is scanned. The same refusal as `check`'s, nothing changed.
#[test]
fn every_command_refuses_damage_to_a_row_it_does_not_touch() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let damages: &[(&str, &str)] = &[
        ("text in an initiative's number column", "UPDATE initiative SET likely = 'soon' WHERE id = 'c'"),
        ("a status that is not one", "UPDATE initiative SET status = 'paused' WHERE id = 'c'"),
        ("a deadline that is not a date", "UPDATE initiative SET finish_no_later_than = '2027-02-30' WHERE id = 'c'"),
        ("'now' as a date", "UPDATE initiative SET start_no_earlier_than = 'now' WHERE id = 'c'"),
        ("text as a position", "UPDATE initiative SET x = 'left' WHERE id = 'c'"),
        ("a priority out of range", "UPDATE initiative SET priority = 5000000000 WHERE id = 'c'"),
        ("binary data as a name", "UPDATE initiative SET name = x'41' WHERE id = 'c'"),
        ("text as effort", "UPDATE effort SET person_days = 'lots' WHERE initiative_id = 'c'"),
        ("effort of no initiative", "INSERT INTO effort (initiative_id, team_id, person_days) VALUES ('ghost', 'it', 1)"),
        ("a handoff kind that is not one", "UPDATE handoff SET kind = 'XX' WHERE id = 'ab'"),
        ("a lag that is not whole", "UPDATE handoff SET lag = 1.5 WHERE id = 'ab'"),
        ("confirmed as text", "UPDATE handoff SET confirmed = 'yes' WHERE id = 'ab'"),
        ("a due date that is not one", "UPDATE handoff SET due = 'soon' WHERE id = 'ab'"),
        ("no index of suspect rows", "DROP INDEX IF EXISTS initiative_suspect; UPDATE initiative SET likely = 'soon' WHERE id = 'c'"),
        (
            "an index of suspect rows changed",
            "DROP INDEX IF EXISTS handoff_suspect; CREATE INDEX handoff_suspect ON handoff(seq) WHERE 0; UPDATE handoff SET lag = 'late' WHERE id = 'ab'",
        ),
    ];
    let add = r#"{"op":"add_initiative","value":{"id":"n","name":"N","owner":"Bo","duration":{"optimistic":1,"likely":1,"pessimistic":1},"status":"not_started"}}"#;
    for (k, (what, damage)) in damages.iter().enumerate() {
        let name = format!("u{k}.bridger");
        let path = file(dir.path(), &name);
        sql(&path, damage);
        let read = read_error(&path, what);
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(Editor::open(&path).err().map(|e| e.to_string()), Some(read.clone()), "{what}: Editor::open");
        let check = bridger(dir.path(), &["check", &name]);
        assert_eq!(check.status.code(), Some(2), "{what}: check: {}", stderr(&check));
        for args in [vec!["edit", &name, add], vec!["undo", &name], vec!["redo", &name]] {
            let o = bridger(dir.path(), &args);
            assert_eq!(o.status.code(), Some(2), "{what}: {}: {}", args[0], stderr(&o));
            assert_eq!(stderr(&o), stderr(&check), "{what}: {}", args[0]);
        }
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{what}: the refused file was changed");
    }
    // A file whose index was dropped gets it back from the next editor, when it is sound.
    let path = file(dir.path(), "reindexed.bridger");
    sql(&path, "DROP INDEX IF EXISTS effort_suspect");
    Editor::open(&path).unwrap();
    sql(&path, "UPDATE effort SET person_days = 'lots' WHERE initiative_id = 'c'");
    let read = read_error(&path, "reindexed");
    assert_eq!(Editor::open(&path).err().map(|e| e.to_string()), Some(read));
}

/// Held by every test of this file while it runs: the timings are taken with no other
/// test of the file working beside them (the machine may still be loaded).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The CPU time this thread has used: what a timing here measures, so that the time the
/// thread waits for a core on a loaded machine does not count. Elsewhere than on Linux, the
/// wall clock.
#[cfg(target_os = "linux")]
fn now() -> Duration {
    #[repr(C)]
    struct Timespec {
        secs: i64,
        nanos: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { secs: 0, nanos: 0 };
    // SAFETY: clock_gettime writes one timespec (two C longs on 64-bit Linux) into `ts`.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    assert!(ok, "clock_gettime");
    Duration::new(ts.secs as u64, ts.nanos as u32)
}

#[cfg(not(target_os = "linux"))]
fn now() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// How long `f` takes.
fn time(f: &mut impl FnMut()) -> Duration {
    let t = now();
    f();
    now().saturating_sub(t)
}

/// Asserts that `large` (twice the input of `small`) takes at most 2.5 times as long: each
/// the least of seven runs, taken in turns so that both meet the same load, after one run
/// of each to warm up.
fn grows_linearly(what: &str, mut small: impl FnMut(), mut large: impl FnMut()) {
    small();
    large();
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..7 {
        a = a.min(time(&mut small));
        b = b.min(time(&mut large));
    }
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-9);
    assert!(ratio <= 2.5, "{what}: {a:?}, then {b:?} for twice the input: {ratio:.2}x");
}

/// `n` copies of one initiative of the demo with effort on three teams, side by side: the
/// weeks they share are over-allocated, loaded by all of them.
fn copies(n: usize) -> Plan {
    let demo = bridger::demo::plan();
    let uat = demo.initiatives.iter().find(|i| i.id == "uat").expect("the demo has 'uat'").clone();
    assert!(uat.effort.len() >= 2);
    let mut p = Plan::new("copies", demo.start);
    p.calendar = demo.calendar.clone();
    p.teams = demo.teams.clone();
    p.initiatives = (0..n)
        .map(|k| {
            let mut i = uat.clone();
            i.id = format!("uat-{k}");
            // the demo's priorities are not copied
            i.serves.clear();
            i
        })
        .collect();
    p
}

/// Item 9: `check` and `schedule` slowed down with effort (12.5k / 25k / 50k copies of a
/// demo initiative with effort: 0.59 / 1.40 / 6.54 s): each over-allocated run of weeks
/// looked up every initiative loading it in a list of those found so far, quadratic in
/// the initiatives loading one team.
#[test]
fn capacity_findings_grow_linearly_with_the_work_loading_a_team() {
    let _serial = serial();
    let (small, large) = (copies(8_000), copies(16_000));
    let report = bridger::health::check(&small);
    let over: Vec<_> = report.findings.iter().filter(|f| f.code == "over-allocated").collect();
    assert_eq!(over.len(), 3, "{over:?}");
    assert!(over[0].message.contains("and 7995 more"), "{}", over[0].message);
    let run = |p: &Plan| assert!(bridger::health::check(p).errors.is_empty());
    grows_linearly("health::check on 8,000 and 16,000 copies of one initiative", || run(&small), || run(&large));
}

/// The plan's settings as `update_plan` takes them, every field given.
fn settings_json() -> serde_json::Value {
    serde_json::json!({
        "name": "Renamed",
        "start": "2027-01-04",
        "calendar": {"working_days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "holidays": ["2027-01-18"]},
        "target": null,
        "distribution": "pert",
        "summary": "On track",
        "asks": "",
        "leveling_basis": null,
        "status_date": null,
        "review_every_days": 7
    })
}

/// Item 6: `update_plan` took a setting left out for its default ("one left out takes its
/// default"), so an `update_plan` without a calendar wiped the holidays. Every setting must
/// now be given (the optional ones as null, the calendar with its holidays); a missing one
/// is refused, naming it.
#[test]
fn update_plan_must_name_every_setting() {
    let _serial = serial();
    let edit = |value: serde_json::Value| serde_json::from_value::<Edit>(serde_json::json!({"op": "update_plan", "value": value}));
    let whole = edit(settings_json()).unwrap();
    let Edit::UpdatePlan(s) = &whole else { panic!("{whole:?}") };
    assert_eq!((s.target, s.leveling_basis.as_deref(), s.calendar.holidays.len()), (None, None, 1));
    for field in
        ["name", "start", "calendar", "target", "distribution", "summary", "asks", "leveling_basis", "status_date", "review_every_days"]
    {
        let mut v = settings_json();
        v.as_object_mut().unwrap().remove(field);
        let e = edit(v).err().unwrap_or_else(|| panic!("update_plan without '{field}' is taken")).to_string();
        assert!(e.contains(&format!("missing field `{field}`")), "{field}: {e}");
    }
    let mut v = settings_json();
    v["calendar"].as_object_mut().unwrap().remove("holidays");
    let e = edit(v).unwrap_err().to_string();
    assert!(e.contains("missing field `holidays`"), "{e}");

    // As a script meets it: refused, naming the field, and the holidays stay.
    let dir = tempfile::tempdir().unwrap();
    let mut p = plan();
    p.calendar.holidays = vec![chrono::NaiveDate::from_ymd_opt(2027, 1, 18).unwrap()];
    p.target = chrono::NaiveDate::from_ymd_opt(2027, 6, 30);
    drop(PlanFile::create(&dir.path().join("p.bridger"), &p).unwrap());
    let o = bridger(dir.path(), &["edit", "p.bridger", r#"{"op":"update_plan","value":{"name":"Renamed","start":"2027-01-04"}}"#]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("missing field `calendar`"), "{}", stderr(&o));
    assert_eq!(bridger::store::read(&dir.path().join("p.bridger")).unwrap().settings(), p.settings());
    // Given whole, it is saved whole.
    let o = bridger(dir.path(), &["edit", "p.bridger", &serde_json::json!({"op": "update_plan", "value": settings_json()}).to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let saved = bridger::store::read(&dir.path().join("p.bridger")).unwrap();
    assert_eq!((saved.name.as_str(), saved.target, saved.calendar.holidays.len()), ("Renamed", None, 1));
}

/// Item 6: a `patch` of kind `plan` changes the settings it names and keeps the others, for
/// each setting; `null` clears an optional one.
#[test]
fn a_patch_of_the_plan_changes_each_setting_alone() {
    let _serial = serial();
    use bridger::store::{EntityKind, Patch};
    let dir = tempfile::tempdir().unwrap();
    let mut p = plan();
    p.target = chrono::NaiveDate::from_ymd_opt(2027, 6, 30);
    p.summary = "Slipping".into();
    p.asks = "Two more testers".into();
    p.leveling_basis = Some("abc".into());
    p.calendar.holidays = vec![chrono::NaiveDate::from_ymd_opt(2027, 1, 18).unwrap()];
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &p).unwrap();
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let changes: Vec<(&str, serde_json::Value, Box<dyn Fn(&mut bridger::model::PlanSettings)>)> = vec![
        ("name", "New name".into(), Box::new(|s| s.name = "New name".into())),
        ("start", "2027-02-01".into(), Box::new(move |s| s.start = date("2027-02-01"))),
        (
            "calendar",
            serde_json::json!({"working_days": ["Mon", "Tue"], "holidays": []}),
            Box::new(|s| {
                s.calendar = bridger::model::Calendar { working_days: vec![chrono::Weekday::Mon, chrono::Weekday::Tue], holidays: vec![] }
            }),
        ),
        ("target", "2027-09-30".into(), Box::new(move |s| s.target = Some(date("2027-09-30")))),
        ("target", serde_json::Value::Null, Box::new(|s| s.target = None)),
        ("distribution", "pert".into(), Box::new(|s| s.distribution = bridger::model::Distribution::Pert)),
        ("summary", "Back on track".into(), Box::new(|s| s.summary = "Back on track".into())),
        ("summary", serde_json::Value::Null, Box::new(|s| s.summary = String::new())),
        ("asks", "Nothing".into(), Box::new(|s| s.asks = "Nothing".into())),
        ("leveling_basis", "def".into(), Box::new(|s| s.leveling_basis = Some("def".into()))),
        ("leveling_basis", serde_json::Value::Null, Box::new(|s| s.leveling_basis = None)),
    ];
    for (field, value, change) in changes {
        let mut want = f.plan().settings();
        change(&mut want);
        let mut fields = serde_json::Map::new();
        fields.insert(field.to_string(), value.clone());
        f.apply(Edit::Patch(Patch { kind: EntityKind::Plan, id: "plan".into(), fields })).unwrap();
        assert_eq!(f.plan().settings(), want, "patch of {field} to {value}");
        assert_eq!(bridger::store::read(&path).unwrap().settings(), want, "patch of {field} to {value}, in the file");
    }
    // The name and the start cannot be cleared.
    for field in ["name", "start"] {
        let mut fields = serde_json::Map::new();
        fields.insert(field.to_string(), serde_json::Value::Null);
        let e = f.apply(Edit::Patch(Patch { kind: EntityKind::Plan, id: "plan".into(), fields })).unwrap_err().to_string();
        assert!(e.contains(&format!("missing field `{field}`")), "{e}");
    }
}

/// Item 6: the journal's entries of the plan's settings written before plan file version 3
/// hold only the name, the start and the calendar: undo still puts them back, the settings
/// added since taking their defaults.
#[test]
fn undo_reads_an_old_journal_entry_of_the_settings() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    let mut p = plan();
    p.summary = "Before".into();
    let mut f = PlanFile::create(&path, &p).unwrap();
    let mut next = p.settings();
    next.name = "After".into();
    f.apply(Edit::UpdatePlan(next)).unwrap();
    drop(f);
    sql(
        &path,
        r#"UPDATE journal SET before = '{"name":"Old","start":"2027-01-04","calendar":{"working_days":["Mon","Tue","Wed","Thu","Fri"],"holidays":[]}}' WHERE kind = 'plan'"#,
    );
    let mut f = Editor::open(&path).unwrap();
    f.undo().unwrap();
    let back = bridger::store::read(&path).unwrap();
    assert_eq!((back.name.as_str(), back.summary.as_str(), back.target), ("Old", "", None));
}

/// Item 6: text that is not UTF-8 in a file to import was reported without a place (the
/// file read as a string only says that it is not). The readers of JSON and MS Project
/// XML take the file's bytes and name the line, column and byte offset; the CSV reader
/// adds the offset to the line it named.
#[test]
fn text_that_is_not_utf8_is_named_with_its_line_and_offset() {
    let _serial = serial();
    let json = b"{\n  \"format\": \"bridger-plan\",\n  \"name\": \"Caf\xe9\",\n  \"start\": \"2027-01-04\"\n}\n";
    let e = bridger::io::json::from_bytes(json, "plan.json").unwrap_err().to_string();
    assert_eq!(e, "plan.json: line 3, column 15: not UTF-8 text (the byte at offset 44 starts no UTF-8 character); save the file as UTF-8");
    let e = bridger::io::json::from_bytes_with_notes(json, "plan.json").unwrap_err().to_string();
    assert!(e.starts_with("plan.json: line 3, column 15:"), "{e}");
    // Sound bytes read as the text does.
    let good = String::from_utf8_lossy(json).replace('\u{fffd}', "é");
    assert_eq!(bridger::io::json::from_bytes(good.as_bytes(), "plan.json").unwrap().name, "Café");

    let xml = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project>\n<Name>Caf\xe9</Name>\n</Project>\n";
    let e = bridger::io::mspdi::from_bytes(xml, "plan.xml").unwrap_err().to_string();
    assert_eq!(e, "plan.xml: line 3, column 10: not UTF-8 text (the byte at offset 58 starts no UTF-8 character); save the file as UTF-8");

    let plan_csv: &[u8] = b"name,start\nP,2027-01-04\n";
    let initiatives: &[u8] = b"\xEF\xBB\xBFid,name,likely\na,Caf\xe9,1\n";
    let (problems, _) = bridger::io::csv::from_files(&[("plan.csv", Some(plan_csv)), ("initiatives.csv", Some(initiatives))]).unwrap_err();
    let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        shown.contains(
            &"initiatives.csv: line 2: is not UTF-8 text from character 6 of the line (the byte at offset 23); save it as CSV UTF-8"
                .to_string()
        ),
        "{shown:?}"
    );
}

/// Item 7: a top-level field the JSON format does not know (a typo, a newer writer's
/// setting) was imported without a word. `from_str_with_notes` names each in an info-level
/// note with its line; `expect`, the file's own field in the scheduler's fixtures, gets none.
#[test]
fn unknown_top_level_fields_are_named_in_notes() {
    let _serial = serial();
    let text = r#"{
  "format": "bridger-plan",
  "version": 1,
  "name": "Typos",
  "start": "2027-01-04",
  "calender": {"working_days": ["Mon"], "holidays": ["2027-01-18"]},
  "expect": {"finish": "2027-01-04"},
  "initiatives": [{"id": "a", "name": "A", "owner": "Bo", "duration": {"optimistic": 1, "likely": 1, "pessimistic": 1}, "status": "not_started", "notes": "\"calendar\": {}, \"x\": 1"}],
  "forecast_horizon": 12, "z": null
}
"#;
    let (plan, notes) = bridger::io::json::from_str_with_notes(text, "typos.json").unwrap();
    assert_eq!(plan, bridger::io::json::from_str(text, "typos.json").unwrap(), "the notes change nothing in the plan");
    assert_eq!(plan.initiatives.len(), 1);
    let shown: Vec<(&str, &str, &str)> = notes.iter().map(|n| (n.code.as_str(), n.subject.as_str(), n.message.as_str())).collect();
    assert_eq!(
        shown,
        [
            ("unknown-field", "calender", "typos.json: line 6: the top-level field 'calender' is not part of the plan format (version 5) and was not imported; is it misspelled, or written by a newer Bridger?"),
            ("unknown-field", "forecast_horizon", "typos.json: line 9: the top-level field 'forecast_horizon' is not part of the plan format (version 5) and was not imported; is it misspelled, or written by a newer Bridger?"),
            ("unknown-field", "z", "typos.json: line 9: the top-level field 'z' is not part of the plan format (version 5) and was not imported; is it misspelled, or written by a newer Bridger?"),
        ]
    );
    assert!(notes.iter().all(|n| n.severity == bridger::health::Severity::Note));
    // A plan the format knows whole has no notes; an unknown field inside an entity is
    // still an error.
    let exported = bridger::io::json::to_string(&bridger::demo::plan());
    assert!(bridger::io::json::from_str_with_notes(&exported, "demo.json").unwrap().1.is_empty());
    let bad = text.replace("\"notes\"", "\"noets\"");
    assert!(bridger::io::json::from_str_with_notes(&bad, "typos.json").unwrap_err().to_string().contains("noets"));
}

/// Item 13: the readers of words and dates borrow the row's text instead of allocating a
/// `String` per row; a value they cannot read is named exactly as before.
#[test]
fn words_and_dates_that_cannot_be_read_are_named_as_before() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    for (k, (damage, want)) in [
        ("UPDATE handoff SET kind = x'4653'", "handoff 'ab': field 'kind' holds binary data where Bridger expects another type"),
        ("UPDATE handoff SET due = x'01'", "handoff 'ab': field 'due' holds binary data where Bridger expects another type"),
        ("UPDATE handoff SET due = '2027-13-01'", "handoff 'ab': field 'due' holds '2027-13-01', not a date (YYYY-MM-DD)"),
        (
            "UPDATE initiative SET status = x'00' WHERE id = 'b'",
            "initiative 'b': field 'status' holds binary data where Bridger expects another type",
        ),
        ("UPDATE initiative SET status = 'paused' WHERE id = 'b'", "initiative 'b': field 'status' holds 'paused'"),
        (
            "UPDATE initiative SET start_no_earlier_than = 1.5 WHERE id = 'b'",
            "initiative 'b': field 'start_no_earlier_than' holds '1.5', not a date",
        ),
        ("UPDATE risk SET status = CAST(x'ff' AS TEXT)", "risk 'r1': field 'status': "),
    ]
    .into_iter()
    .enumerate()
    {
        let path = file(dir.path(), &format!("w{k}.bridger"));
        sql(&path, damage);
        let e = read_error(&path, damage);
        assert!(e.contains(want), "{damage}: {e}");
    }
}
