//! The plan file, on real SQLite files in a temp dir: round trips, edits that persist,
//! edits that are refused and change nothing, and files that are not ours.

use std::path::{Path, PathBuf};

use bridger::model::{Handoff, Initiative, Plan, Risk, RiskStatus, Team};
use bridger::store::{Edit, PlanFile, StoreError};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn small_plan() -> Plan {
    let mut p = Plan::new("store test", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    p.teams.push(Team {
        id: "it".into(),
        name: "IT".into(),
        fte: 4.0,
        utilization_target: 0.65,
        correlation: 0.0,
        lead: String::new(),
        capacity: Vec::new(),
    });
    for (id, days) in [("a", 3), ("b", 4), ("c", 2)] {
        let mut i = Initiative::new(id, &id.to_uppercase(), "Ann", days);
        i.team = Some("it".into());
        p.initiatives.push(i);
    }
    p.handoffs.push(Handoff::fs("ab", "a", "b"));
    p.handoffs.push(Handoff::fs("bc", "b", "c"));
    p.risks.push(Risk {
        id: "r1".into(),
        title: "Late hardware".into(),
        owner: "Bo".into(),
        probability: 0.4,
        impact: 4,
        mitigation: String::new(),
        status: RiskStatus::Open,
        initiatives: vec!["b".into()],
        schedule_impact: None,
    });
    p
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn the_demo_plan_round_trips_through_a_file() {
    let dir = tmp();
    let path = dir.path().join("demo.bridger");
    let plan = bridger::demo::plan();
    drop(PlanFile::create(&path, &plan).unwrap());
    let back = PlanFile::open(&path).unwrap();
    assert_eq!(back.plan(), &plan);
}

#[test]
fn every_edit_is_committed_and_survives_reopening() {
    let dir = tmp();
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &small_plan()).unwrap();
    let mut d = Initiative::new("d", "D", "Cy", 5);
    d.effort.push(bridger::model::Effort { team: "it".into(), person_days: 7.5 });
    f.apply(Edit::AddInitiative(d)).unwrap();
    let mut h = Handoff::fs("cd", "c", "d");
    h.owner = "Cy".into();
    h.lag = -1;
    f.apply(Edit::AddHandoff(h)).unwrap();
    let mut b = f.plan().initiative("b").unwrap().clone();
    b.name = "B renamed".into();
    f.apply(Edit::UpdateInitiative(b)).unwrap();
    f.apply(Edit::RemoveInitiative("a".into())).unwrap();
    let in_memory = f.plan().clone();
    assert_eq!(f.journal_len().unwrap(), 4);
    drop(f); // no save step: every edit is already in the file

    let g = PlanFile::open(&path).unwrap();
    assert_eq!(g.plan(), &in_memory);
    let p = g.plan();
    assert_eq!(p.initiatives.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["b", "c", "d"]);
    assert_eq!(p.initiative("b").unwrap().name, "B renamed");
    assert!(p.handoffs.iter().all(|h| h.from != "a"), "removing an initiative removes its handoffs");
    assert_eq!(p.handoffs.iter().find(|h| h.id == "cd").unwrap().lag, -1);
    assert_eq!(p.initiative("d").unwrap().effort[0].person_days, 7.5);
}

fn refused(f: &mut PlanFile, path: &Path, edit: Edit) -> String {
    let before = f.plan().clone();
    let journal = f.journal_len().unwrap();
    let err = f.apply(edit).unwrap_err().to_string();
    assert_eq!(f.plan(), &before, "a refused edit changed the plan in memory");
    assert_eq!(f.journal_len().unwrap(), journal);
    assert_eq!(PlanFile::open(path).unwrap().plan(), &before, "a refused edit changed the file");
    err
}

#[test]
fn bad_edits_are_refused_by_name_and_change_nothing() {
    let dir = tmp();
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &small_plan()).unwrap();

    let e = refused(&mut f, &path, Edit::AddHandoff(Handoff::fs("ca", "c", "a")));
    assert_eq!(e, "refused: handoffs form a cycle: c -> a -> b -> c");
    let e = refused(&mut f, &path, Edit::AddHandoff(Handoff::fs("ax", "a", "ghost")));
    assert!(e.contains("handoff 'ax': to 'ghost' is not a known initiative"), "{e}");
    let e = refused(&mut f, &path, Edit::AddHandoff(Handoff::fs("aa", "a", "a")));
    assert!(e.contains("links initiative 'a' to itself"), "{e}");
    let e = refused(&mut f, &path, Edit::AddHandoff(Handoff::fs("ab2", "a", "b")));
    assert!(e.contains("duplicates handoff 'ab'"), "{e}");
    let e = refused(&mut f, &path, Edit::AddInitiative(Initiative::new("neg", "Negative", "Ann", -2)));
    assert!(e.contains("initiative 'neg': likely duration is -2 days"), "{e}");
    let e = refused(&mut f, &path, Edit::AddInitiative(Initiative::new("a", "Again", "Ann", 1)));
    assert!(e.contains("initiative id 'a' is used twice"), "{e}");
    let e = refused(&mut f, &path, Edit::AddInitiative(Initiative::new("x", "No owner", " ", 1)));
    assert!(e.contains("initiative 'x' has no owner"), "{e}");
    let mut r = f.plan().risks[0].clone();
    r.probability = 1.4;
    let e = refused(&mut f, &path, Edit::UpdateRisk(r.clone()));
    assert!(e.contains("risk 'r1': probability is 1.4, must be between 0 and 1"), "{e}");
    r.probability = 0.5;
    r.impact = 6;
    let e = refused(&mut f, &path, Edit::UpdateRisk(r));
    assert!(e.contains("risk 'r1': impact is 6"), "{e}");
    let e = refused(&mut f, &path, Edit::RemoveTeam("it".into()));
    assert!(e.contains("team 'it' is still used by initiative 'a'"), "{e}");
    let e = refused(&mut f, &path, Edit::UpdateInitiative(Initiative::new("nope", "N", "Ann", 1)));
    assert_eq!(e, "initiative 'nope' does not exist");
    // Turning an existing handoff around into a cycle is refused too.
    let mut ab = f.plan().handoffs[0].clone();
    (ab.from, ab.to) = ("c".into(), "b".into());
    let e = refused(&mut f, &path, Edit::UpdateHandoff(ab.clone()));
    assert!(e.contains("cycle: c -> b -> c"), "{e}");
    // ...while turning it into a chain c -> a -> b is fine: the old link no longer counts.
    (ab.from, ab.to) = ("c".into(), "a".into());
    f.apply(Edit::UpdateHandoff(ab)).unwrap();
}

#[test]
fn an_invalid_plan_is_not_written() {
    let dir = tmp();
    let path = dir.path().join("p.bridger");
    let mut p = small_plan();
    p.handoffs.push(Handoff::fs("ca", "c", "a"));
    let e = PlanFile::create(&path, &p).err().unwrap().to_string();
    assert!(e.contains("cycle: a -> b -> c -> a"), "{e}");
    assert!(!path.exists());
}

fn refuses_untouched(path: &Path) -> StoreError {
    let before = bytes(path);
    let err = PlanFile::open(path).err().expect("opening must fail");
    assert_eq!(bytes(path), before, "a refused file was modified");
    for sidecar in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(sidecar);
        assert!(!PathBuf::from(&p).exists(), "refusing {} left {sidecar} beside it", path.display());
    }
    err
}

#[test]
fn foreign_files_are_refused_and_left_byte_for_byte_unchanged() {
    let dir = tmp();
    // Not a database at all.
    let text = dir.path().join("notes.bridger");
    std::fs::write(&text, "Quarterly notes\n".repeat(500)).unwrap();
    let e = refuses_untouched(&text).to_string();
    assert!(e.contains("notes.bridger: not a Bridger plan (not an SQLite database)"), "{e}");

    // Another application's SQLite database.
    let other = dir.path().join("other.bridger");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    }
    let e = refuses_untouched(&other).to_string();
    assert!(e.contains("other.bridger: not a Bridger plan (an SQLite database of another application"), "{e}");

    // An empty file.
    let empty = dir.path().join("empty.bridger");
    std::fs::write(&empty, b"").unwrap();
    let e = refuses_untouched(&empty);
    assert!(matches!(e, StoreError::Incomplete { .. }), "{e}");
    assert!(e.to_string().contains("empty.bridger: empty or incomplete file (an import or save that did not finish?)"), "{e}");

    // A plan file cut in half.
    let good = dir.path().join("good.bridger");
    drop(PlanFile::create(&good, &bridger::demo::plan()).unwrap());
    let mut b = bytes(&good);
    b.truncate(b.len() / 2);
    let cut = dir.path().join("cut.bridger");
    std::fs::write(&cut, &b).unwrap();
    refuses_untouched(&cut);

    let missing = dir.path().join("missing.bridger");
    assert!(PlanFile::open(&missing).err().unwrap().to_string().contains("missing.bridger: no such file"));
    assert!(!missing.exists());
}

#[test]
fn a_file_from_a_newer_bridger_is_refused_and_left_unchanged() {
    let dir = tmp();
    let path: PathBuf = dir.path().join("future.bridger");
    drop(PlanFile::create(&path, &small_plan()).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", bridger::store::SCHEMA_VERSION + 1).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let e = refuses_untouched(&path).to_string();
    let (found, supported) = (bridger::store::SCHEMA_VERSION + 1, bridger::store::SCHEMA_VERSION);
    assert!(e.contains(&format!("written by a newer Bridger (plan file version {found}; this one reads up to {supported})")), "{e}");
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let dir = tmp();
    let path = dir.path().join("p.bridger");
    std::fs::write(&path, "keep me").unwrap();
    let e = PlanFile::create(&path, &small_plan()).err().unwrap().to_string();
    assert!(e.contains("already exists"), "{e}");
    assert_eq!(bytes(&path), b"keep me");
}

#[test]
fn undo_and_redo_walk_the_journal_and_survive_reopening() {
    let dir = tmp();
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &small_plan()).unwrap();
    let mut states = vec![f.plan().clone()];
    let mut b = f.plan().initiative("b").unwrap().clone();
    b.owner = "Bo".into();
    let mut risk = f.plan().risks[0].clone();
    risk.mitigation = "Second supplier".into();
    risk.initiatives = vec!["c".into()];
    let edits = vec![
        Edit::AddInitiative(Initiative::new("d", "D", "Cy", 1)),
        Edit::UpdateInitiative(b),
        Edit::RemoveInitiative("b".into()), // takes handoffs ab, bc and the risk link with it
        Edit::UpdateRisk(risk),
        Edit::RemoveTeam("it".into()),
    ];
    for e in edits {
        if f.apply(e).is_ok() {
            states.push(f.plan().clone());
        }
    }
    assert_eq!(states.len(), 5, "removing a used team is refused, the rest is applied");
    drop(f);

    // Undo in a new session: the journal is in the file.
    let mut f = PlanFile::open(&path).unwrap();
    for want in states.iter().rev().skip(1) {
        assert!(f.undo().unwrap().is_some());
        assert_eq!(f.plan(), want);
        assert_eq!(PlanFile::open(&path).unwrap().plan(), want, "undo is committed");
    }
    assert!(f.undo().unwrap().is_none(), "nothing left to undo");
    for want in states.iter().skip(1) {
        assert!(f.redo().unwrap().is_some());
        assert_eq!(f.plan(), want);
    }
    assert!(!f.redo().unwrap().is_some());

    // A new edit after an undo ends the redo branch.
    assert!(f.undo().unwrap().is_some());
    f.apply(Edit::AddInitiative(Initiative::new("e", "E", "Cy", 2))).unwrap();
    assert!(!f.redo().unwrap().is_some());
    assert!(f.undo().unwrap().is_some());
    assert_eq!(f.plan(), &states[3]);
}

#[test]
fn a_change_by_another_program_is_noticed() {
    let dir = tmp();
    let path = dir.path().join("p.bridger");
    let mut app = PlanFile::create(&path, &small_plan()).unwrap();
    assert!(!app.reload_if_changed().unwrap());
    let mut cli = PlanFile::open(&path).unwrap();
    cli.apply(Edit::AddInitiative(Initiative::new("d", "D", "Cy", 1))).unwrap();
    assert!(app.reload_if_changed().unwrap());
    assert_eq!(app.plan(), cli.plan());
    assert!(!app.reload_if_changed().unwrap(), "its own reading does not count as a change");
    // Both go on editing without stepping on each other's journal groups.
    app.apply(Edit::AddInitiative(Initiative::new("e", "E", "Cy", 1))).unwrap();
    assert!(cli.reload_if_changed().unwrap());
    assert!(cli.undo().unwrap().is_some());
    assert!(app.reload_if_changed().unwrap());
    assert!(app.plan().initiative("e").is_none() && app.plan().initiative("d").is_some());
}

/// A plan file written by schema version 1, frozen in the repository. Every later Bridger
/// must open it (migrating a copy) and read the same plan, with its journal: a file a user
/// saved must never become unreadable.
#[test]
fn a_frozen_version_1_file_still_opens_with_its_journal() {
    let dir = tmp();
    let path = dir.path().join("v1.bridger");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(fixtures.join("files/store-pilot-v1.bridger"), &path).unwrap();
    let text = std::fs::read_to_string(fixtures.join("plans/store-pilot.json")).unwrap();
    let mut want = bridger::io::json::from_str(&text, "store-pilot.json").unwrap();
    want.handoffs.retain(|h| h.id != "h3"); // the one edit made after the import
    let mut f = PlanFile::open(&path).unwrap();
    assert_eq!(f.plan(), &want);
    assert_eq!(f.undo().unwrap().map(|e| e.to_string()).as_deref(), Some("remove handoff 'h3'"), "the edit can still be undone");
    assert!(f.plan().handoffs.iter().any(|h| h.id == "h3"));
}
