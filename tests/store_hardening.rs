//! The plan file when more than one program writes it, when someone else damaged it, and
//! when it must only be read: one regression test per defect found by the hardening probe.
//! (The races between real processes are in `races.rs`, the kill test in `kill.rs`.)

use std::path::{Path, PathBuf};

use bridger::model::{Effort, Handoff, Initiative, Plan, Team, ValidationError};
use bridger::store::{Edit, Editor, PlanFile, StoreError};

fn plan() -> Plan {
    let mut p = Plan::new("two writers", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    p.teams.push(Team {
        id: "it".into(),
        name: "IT".into(),
        fte: 4.0,
        utilization_target: 0.65,
        correlation: 0.0,
        lead: String::new(),
        capacity: Vec::new(),
    });
    p.teams.push(Team {
        id: "ops".into(),
        name: "Ops".into(),
        fte: 2.0,
        utilization_target: 0.65,
        correlation: 0.0,
        lead: String::new(),
        capacity: Vec::new(),
    });
    for id in ["a", "b", "c", "x", "y"] {
        let mut i = Initiative::new(id, &id.to_uppercase(), "Ann", 2);
        i.team = Some("it".into());
        p.initiatives.push(i);
    }
    p.handoffs.push(Handoff::fs("ab", "a", "b"));
    p.handoffs.push(Handoff::fs("bc", "b", "c"));
    p
}

fn file(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("p.bridger");
    drop(PlanFile::create(&path, &plan()).unwrap());
    path
}

fn sql(path: &Path, batch: &str) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.pragma_update(None, "foreign_keys", false).unwrap();
    c.execute_batch(batch).unwrap();
}

fn initiative(id: &str) -> Initiative {
    Initiative::new(id, &format!("Initiative {id}"), "Bo", 1)
}

/// Defect 1: each writer checked its edit against the plan it read at open, so two
/// writers could together commit a cycle that neither alone could.
#[test]
fn a_writer_with_a_stale_plan_cannot_commit_a_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut one = PlanFile::open(&path).unwrap();
    let mut two = PlanFile::open(&path).unwrap();
    one.apply(Edit::AddHandoff(Handoff::fs("xy", "x", "y"))).unwrap();
    // `two` has not seen x -> y; the file has.
    let e = two.apply(Edit::AddHandoff(Handoff::fs("yx", "y", "x"))).unwrap_err();
    assert_eq!(e.to_string(), "refused: handoffs form a cycle: y -> x -> y");
    // A longer one through the existing chain a -> b -> c.
    one.apply(Edit::AddHandoff(Handoff::fs("cx", "c", "x"))).unwrap();
    let e = two.apply(Edit::AddHandoff(Handoff::fs("ya", "y", "a"))).unwrap_err();
    assert_eq!(e.to_string(), "refused: handoffs form a cycle: y -> a -> b -> c -> x -> y");
    let on_disk = bridger::store::read(&path).unwrap();
    assert!(bridger::health::errors(&on_disk).is_empty(), "the file holds an invalid plan");
    // Replacing a handoff by one that reverses it is not a cycle with itself.
    let mut back = Handoff::fs("xy", "y", "x");
    back.owner = "Cy".into();
    two.apply(Edit::UpdateHandoff(back)).unwrap();
    assert!(bridger::health::errors(&bridger::store::read(&path).unwrap()).is_empty());
}

/// Defect 2: adds were upserts checked against a stale plan, so the second of two adds
/// with one id silently replaced the first.
#[test]
fn a_second_add_with_the_same_id_is_refused_not_an_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut one = PlanFile::open(&path).unwrap();
    let mut two = PlanFile::open(&path).unwrap();
    let mut first = initiative("n");
    first.name = "First".into();
    one.apply(Edit::AddInitiative(first)).unwrap();
    let mut second = initiative("n");
    second.name = "Second".into();
    let e = two.apply(Edit::AddInitiative(second)).unwrap_err();
    assert_eq!(e.to_string(), "refused: initiative id 'n' is used twice");
    assert_eq!(bridger::store::read(&path).unwrap().initiative("n").unwrap().name, "First");
    for (edit, want) in [
        (Edit::AddHandoff(Handoff::fs("ab", "x", "y")), "refused: handoff id 'ab' is used twice"),
        (
            Edit::AddTeam(Team {
                id: "ops".into(),
                name: "O".into(),
                fte: 1.0,
                utilization_target: 0.5,
                correlation: 0.0,
                capacity: Vec::new(),
                lead: String::new(),
            }),
            "refused: team id 'ops' is used twice",
        ),
    ] {
        assert_eq!(two.apply(edit).unwrap_err().to_string(), want);
    }
}

/// What SQLite used to say about a stale writer's edit ("FOREIGN KEY constraint failed",
/// "UNIQUE constraint failed: handoff.from_id, handoff.to_id") is now a named refusal.
#[test]
fn a_stale_writer_gets_named_refusals_not_constraint_messages() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut one = PlanFile::open(&path).unwrap();
    let mut two = PlanFile::open(&path).unwrap();
    one.apply(Edit::RemoveTeam("ops".into())).unwrap();
    let mut n = initiative("n");
    n.team = Some("ops".into());
    assert_eq!(two.apply(Edit::AddInitiative(n)).unwrap_err().to_string(), "refused: initiative 'n': team 'ops' is not a known team");
    one.apply(Edit::AddHandoff(Handoff::fs("first", "x", "y"))).unwrap();
    assert_eq!(
        two.apply(Edit::AddHandoff(Handoff::fs("second", "x", "y"))).unwrap_err().to_string(),
        "refused: handoff 'second' duplicates handoff 'first' (x -> y); one handoff per pair of initiatives"
    );
    one.apply(Edit::RemoveInitiative("y".into())).unwrap();
    assert_eq!(
        two.apply(Edit::AddHandoff(Handoff::fs("cy", "c", "y"))).unwrap_err().to_string(),
        "refused: handoff 'cy': to 'y' is not a known initiative"
    );
    assert_eq!(two.apply(Edit::RemoveInitiative("y".into())).unwrap_err().to_string(), "initiative 'y' does not exist");
    // After the refusals `two` still works, and sees the file as it is.
    assert!(two.reload_if_changed().unwrap());
    assert_eq!(two.plan(), one.plan());
}

/// Defect 3: undo groups and list positions were allocated from what each writer read at
/// open, so one undo reverted two writers' edits. Undo takes back the last edit in the
/// file, whoever made it, and says whose it was.
#[test]
fn undo_takes_back_the_last_edit_in_the_file_and_says_whose() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut app = PlanFile::open(&path).unwrap();
    app.set_source("Bridger app");
    let mut cli = Editor::open(&path).unwrap();
    cli.set_source("bridger edit");
    app.apply(Edit::AddInitiative(initiative("from-app"))).unwrap();
    cli.apply(&Edit::AddInitiative(initiative("from-cli"))).unwrap();
    let undone = app.undo().unwrap().unwrap();
    assert_eq!(undone.to_string(), "add initiative 'from-cli'");
    assert!(undone.whose().starts_with("by bridger edit at "), "{}", undone.whose());
    assert!(app.plan().initiative("from-app").is_some() && app.plan().initiative("from-cli").is_none());
    let undone = cli.undo().unwrap().unwrap();
    assert_eq!(undone.to_string(), "add initiative 'from-app'");
    assert!(undone.whose().starts_with("by Bridger app at "));
    assert!(cli.undo().unwrap().is_none(), "two edits, two undo steps");
    // Both added entities got their own list position: redone, they come back in order.
    cli.redo().unwrap();
    cli.redo().unwrap();
    let p = bridger::store::read(&path).unwrap();
    let ids: Vec<&str> = p.initiatives.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "x", "y", "from-app", "from-cli"]);
}

/// Defect 5 (the API part): a batch is one transaction and one undo step, refused whole.
#[test]
fn a_batch_is_saved_whole_or_not_at_all_and_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut f = PlanFile::open(&path).unwrap();
    let before = f.plan().clone();
    let batch = vec![
        Edit::AddInitiative(initiative("n")),
        Edit::AddHandoff(Handoff::fs("cn", "c", "n")), // sees `n`, added just before
        Edit::RemoveHandoff("ab".into()),
    ];
    f.apply_batch(batch).unwrap();
    assert_eq!(f.plan(), &bridger::store::read(&path).unwrap());
    assert_eq!(f.journal_len().unwrap(), 1);
    let undone = f.undo().unwrap().unwrap();
    assert_eq!(undone.to_string(), "3 edits, the last: remove handoff 'ab'");
    assert_eq!(f.plan(), &before);
    f.redo().unwrap();
    let after = f.plan().clone();
    // One refused edit refuses the batch: the first two are not kept either.
    let bad = vec![
        Edit::AddInitiative(initiative("m")),
        Edit::AddHandoff(Handoff::fs("nm", "n", "m")),
        Edit::AddHandoff(Handoff::fs("mg", "m", "ghost")),
    ];
    let e = f.apply_batch(bad).unwrap_err();
    assert_eq!(
        e.to_string(),
        "edit 3 of 3 in the batch: refused: handoff 'mg': to 'ghost' is not a known initiative; nothing in the batch was saved"
    );
    assert_eq!(bridger::api::ApiError::from(e).code, bridger::api::ErrorCode::Invalid, "a refused batch has its edit's code");
    assert_eq!(f.plan(), &after);
    assert_eq!(bridger::store::read(&path).unwrap(), after);
    assert_eq!(f.journal_len().unwrap(), 1);
}

/// The journal keeps a bounded number of undo steps, so a plan edited for a year stays
/// small.
#[test]
fn the_journal_keeps_only_the_undo_depth() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut f = Editor::open(&path).unwrap();
    assert_eq!(f.undo_depth().unwrap(), 1000);
    f.set_undo_depth(5).unwrap();
    for k in 0..12 {
        f.apply(&Edit::AddInitiative(initiative(&format!("n{k}")))).unwrap();
    }
    assert_eq!(f.journal_len().unwrap(), 5);
    for _ in 0..5 {
        assert!(f.undo().unwrap().is_some());
    }
    assert!(f.undo().unwrap().is_none());
    let p = bridger::store::read(&path).unwrap();
    assert!(p.initiative("n6").is_some() && p.initiative("n7").is_none());
}

fn open_err(path: &Path) -> String {
    PlanFile::open(path).err().expect("must be refused").to_string()
}

/// Defect 6: raw SQLite messages reached the user. Each is now a named error: the file,
/// the entity and field, and what to do.
#[test]
fn sqlite_messages_become_named_errors() {
    let dir = tempfile::tempdir().unwrap();

    let path = file(&dir);
    sql(&path, "UPDATE handoff SET lag = 'soon' WHERE id = 'bc'");
    let e = open_err(&path);
    assert!(e.contains("p.bridger: handoff 'bc': field 'lag' holds text where Bridger expects another type"), "{e}");
    assert!(e.contains("restore it from a copy"), "{e}");
    assert_eq!(bridger::store::read(&path).unwrap_err().to_string(), e, "reading names it the same way");

    let path = dir.path().join("no-risk.bridger");
    drop(PlanFile::create(&path, &plan()).unwrap());
    sql(&path, "DROP TABLE risk_initiative; DROP TABLE risk;");
    let e = open_err(&path);
    assert!(e.ends_with("no-risk.bridger: the plan file is damaged: its table 'risk' is missing; restore it from a copy"), "{e}");

    let path = dir.path().join("no-row.bridger");
    drop(PlanFile::create(&path, &plan()).unwrap());
    sql(&path, "DELETE FROM plan");
    let e = open_err(&path);
    assert!(
        e.ends_with("no-row.bridger: the plan file is damaged: it has no plan row (name, start date, calendar); restore it from a copy"),
        "{e}"
    );

    let e = open_err(dir.path());
    assert!(e.ends_with(": is a folder, not a plan file"), "{e}");

    let e = PlanFile::create(&dir.path().join("nowhere/p.bridger"), &plan()).err().unwrap().to_string();
    assert!(e.contains("nowhere/p.bridger: the folder ") && e.ends_with("nowhere does not exist"), "{e}");

    let e = open_err(&dir.path().join("missing.bridger"));
    assert!(e.ends_with("missing.bridger: no such file"), "{e}");
}

/// "database is locked": after the 5 s busy wait, the user is told what it means.
#[test]
fn a_plan_locked_by_another_writer_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut f = Editor::open(&path).unwrap();
    let mut other = rusqlite::Connection::open(&path).unwrap();
    let tx = other.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive).unwrap();
    let e = f.apply(&Edit::AddInitiative(initiative("n"))).unwrap_err();
    assert!(matches!(e, StoreError::Busy { .. }), "{e:?}");
    assert!(e.to_string().ends_with("p.bridger: another program is saving this plan; try again"), "{e}");
    drop(tx);
    f.apply(&Edit::AddInitiative(initiative("n"))).unwrap();
}

/// Defect 9: rows written outside Bridger that a join used to drop are kept for validation
/// to name, or are an error naming them.
#[test]
fn rows_that_point_at_nothing_are_named_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    sql(&path, "INSERT INTO effort (initiative_id, team_id, person_days) VALUES ('a', 'ghost-team', 30)");
    let p = bridger::store::read(&path).unwrap();
    assert_eq!(p.initiative("a").unwrap().effort, vec![Effort { team: "ghost-team".into(), person_days: 30.0 }]);
    let errors = bridger::health::errors(&p);
    assert!(
        errors.iter().any(|e| matches!(e, ValidationError::Dangling { id, target, .. } if id == "a" && target == "ghost-team")),
        "{errors:?}"
    );

    let path = dir.path().join("links.bridger");
    let mut with_risk = plan();
    with_risk.risks.push(bridger::model::Risk {
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
    drop(PlanFile::create(&path, &with_risk).unwrap());
    sql(&path, "INSERT INTO risk_initiative (risk_id, initiative_id, pos) VALUES ('r1', 'ghost', 1)");
    let p = bridger::store::read(&path).unwrap();
    assert_eq!(p.risks[0].initiatives, ["a", "ghost"]);
    assert!(!bridger::health::errors(&p).is_empty());
    sql(&path, "INSERT INTO effort (initiative_id, team_id, person_days) VALUES ('nobody', 'it', 12)");
    let e = bridger::store::read(&path).unwrap_err().to_string();
    assert!(e.contains("effort 'nobody': 12 person-days of team 'it' for an initiative that does not exist"), "{e}");
}

fn sidecars(path: &Path) -> Vec<String> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .filter(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p).exists()
        })
        .map(|s| s.to_string())
        .collect()
}

/// Defect 13: reading a plan wrote to it (WAL mode), so it failed on a read-only file.
/// Reading now writes nothing and leaves no file beside the plan.
#[test]
fn reading_a_plan_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let bytes = std::fs::read(&path).unwrap();
    assert!(sidecars(&path).is_empty());
    let p = bridger::store::read(&path).unwrap();
    assert_eq!(p, plan());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert!(sidecars(&path).is_empty(), "reading left {:?}", sidecars(&path));
    // While another program has it open (and has written), the read sees its edits.
    let mut app = PlanFile::open(&path).unwrap();
    app.apply(Edit::AddInitiative(initiative("n"))).unwrap();
    assert_eq!(&bridger::store::read(&path).unwrap(), app.plan());
}

/// Defect 10: an empty file or a crash stub was called "an SQLite database of another
/// application (0x0)"; a refused file got `-wal`/`-shm` files beside it.
#[test]
fn stubs_are_called_incomplete_and_nothing_is_left_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let good = file(&dir);
    let bytes = std::fs::read(&good).unwrap();
    for (name, content) in [("empty", Vec::new()), ("zeros", vec![0u8; 4096]), ("stub", bytes[..60].to_vec())] {
        let path = dir.path().join(format!("{name}.bridger"));
        std::fs::write(&path, &content).unwrap();
        let e = open_err(&path);
        assert!(e.contains("empty or incomplete file (an import or save that did not finish?)"), "{name}: {e}");
        assert!(e.contains("Restore it from a copy"), "{e}");
        assert!(sidecars(&path).is_empty(), "{name}: {:?}", sidecars(&path));
        assert_eq!(std::fs::read(&path).unwrap(), content);
    }
}

/// A file created by Bridger appears whole: written under a temporary name, it gets its
/// name only when complete, and nothing else is left in the folder.
#[test]
fn creating_leaves_only_the_plan_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["p.bridger"]);
    assert!(PlanFile::create(&path, &plan()).is_err());
    let link = dir.path().join("link.bridger");
    std::os::unix::fs::symlink(dir.path().join("dangling"), &link).unwrap();
    assert!(PlanFile::create(&link, &plan()).err().unwrap().to_string().contains("already exists"));
    assert!(!dir.path().join("dangling").exists(), "a symlink was followed");
}

/// The upgrade path: a frozen version-1 file, upgraded, has exactly the schema of a file
/// created by this binary.
#[test]
fn an_upgraded_file_has_the_schema_of_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v1.bridger");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files/store-pilot-v1.bridger"), &old).unwrap();
    drop(PlanFile::open(&old).unwrap());
    let new = file(&dir);
    let schema = |p: &Path| -> Vec<(String, String)> {
        let c = rusqlite::Connection::open(p).unwrap();
        // Not the indexes of suspect rows, which the first editor to open a file builds.
        let mut st =
            c.prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE '%_suspect' ORDER BY name").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)?.split_whitespace().collect::<Vec<_>>().join(" "))))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(schema(&old), schema(&new));
    let version =
        |p: &Path| rusqlite::Connection::open(p).unwrap().pragma_query_value(None, "user_version", |r| r.get::<_, i32>(0)).unwrap();
    assert_eq!(version(&old), bridger::store::SCHEMA_VERSION);
}

/// An inspector sends only the fields the user changed: two programs changing different
/// fields of one initiative at once both keep their change.
#[test]
fn a_patch_changes_only_its_fields_of_the_entity_as_it_is_in_the_file() {
    use bridger::store::{EntityKind, Patch};
    let patch = |id: &str, fields: serde_json::Value| {
        Edit::Patch(Patch { kind: EntityKind::Initiative, id: id.into(), fields: fields.as_object().unwrap().clone() })
    };
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut app = PlanFile::open(&path).unwrap();
    let mut cli = Editor::open(&path).unwrap();
    cli.apply(&patch("a", serde_json::json!({"owner": "Cy"}))).unwrap();
    app.apply(patch("a", serde_json::json!({"name": "Pilot", "position": {"x": 10.0, "y": 20.0}}))).unwrap();
    let a = bridger::store::read(&path).unwrap().initiative("a").unwrap().clone();
    assert_eq!((a.name.as_str(), a.owner.as_str()), ("Pilot", "Cy"), "both changes are kept");
    assert_eq!(a.position, Some(bridger::model::Position { x: 10.0, y: 20.0 }));
    assert_eq!(app.plan().initiative("a"), Some(&a), "the app holds what the file holds");
    app.apply(patch("a", serde_json::json!({"position": null}))).unwrap();
    assert_eq!(app.plan().initiative("a").unwrap().position, None, "null clears an optional field");
    let e = app.apply(patch("a", serde_json::json!({"colour": "red"}))).unwrap_err().to_string();
    assert!(e.starts_with("initiative 'a': cannot set 'colour' to \"red\": unknown field `colour`"), "{e}");
    let e =
        app.apply(patch("a", serde_json::json!({"duration": {"optimistic": 5, "likely": 2, "pessimistic": 9}}))).unwrap_err().to_string();
    assert!(e.contains("estimate must be optimistic <= likely <= pessimistic"), "{e}");
    let e = app.apply(patch("a", serde_json::json!({"id": "z"}))).unwrap_err().to_string();
    assert!(e.contains("cannot set its id"), "{e}");
    assert_eq!(app.apply(patch("ghost", serde_json::json!({"name": "x"}))).unwrap_err().to_string(), "initiative 'ghost' does not exist");
    // A patch is undone like any update.
    let undone = app.undo().unwrap().unwrap();
    assert_eq!(undone.to_string(), "update initiative 'a'");
    assert!(app.plan().initiative("a").unwrap().position.is_some());
}

/// Save As: a copy of the plan and its journal in a new file, opened like any plan; an
/// existing file is never replaced.
#[test]
fn save_as_writes_a_whole_copy_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut f = PlanFile::open(&path).unwrap();
    f.apply(Edit::AddInitiative(initiative("n"))).unwrap();
    let copy = dir.path().join("copy.bridger");
    f.save_copy(&copy).unwrap();
    let mut c = PlanFile::open(&copy).unwrap();
    assert_eq!(c.plan(), f.plan());
    assert_eq!(c.undo().unwrap().map(|s| s.to_string()).as_deref(), Some("add initiative 'n'"), "the journal comes along");
    assert!(f.plan().initiative("n").is_some(), "the original is untouched by the copy's undo");
    let e = f.save_copy(&path).unwrap_err().to_string();
    assert!(e.contains("already exists"), "{e}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// Whatever an edit accepts, `check` accepts (defect 8 through the edit API): the plan's
/// settings follow the same date limits, and the horizon, a rule on the whole plan, is
/// summed in the file when an edit lengthens the plan.
#[test]
fn edits_cannot_leave_a_plan_that_check_refuses() {
    use bridger::model::limits::{MAX_DURATION, MAX_HORIZON};
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let mut f = Editor::open(&path).unwrap();
    let meta = |start: chrono::NaiveDate| Edit::UpdatePlan(Plan::new("p", start).settings());
    for start in [chrono::NaiveDate::from_ymd_opt(1899, 12, 31).unwrap(), chrono::NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap()] {
        let e = f.apply(&meta(start)).unwrap_err().to_string();
        assert!(e.contains("start"), "{e}");
    }
    let long = |k: usize| {
        let mut i = initiative(&format!("long{k}"));
        i.duration = bridger::model::Estimate::exact(MAX_DURATION);
        Edit::AddInitiative(i)
    };
    let fits = (MAX_HORIZON / i64::from(MAX_DURATION)) as usize - 1; // the plan already holds 10 days
    f.apply_batch(&(0..fits).map(long).collect::<Vec<_>>()).unwrap();
    let e = f.apply(&long(fits)).unwrap_err().to_string();
    assert!(e.contains("the plan is too long to date"), "{e}");
    let plan = bridger::store::read(&path).unwrap();
    assert!(bridger::health::errors(&plan).is_empty(), "{:?}", bridger::health::errors(&plan));
}

/// Issue 22 item 13: a large plan file that nothing else has open is read on two
/// connections at once (the handoffs and risks on another thread). What it reads is what one
/// connection reads, and a damaged file is refused with the error one connection gives: the
/// first bad row in the order of the one-connection read (initiatives before handoffs).
#[test]
fn a_large_plan_read_on_two_connections_is_the_plan_read_on_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.bridger");
    let plan = bridger::gen::risky(3_000, 300, 7);
    drop(PlanFile::create(&path, &plan).unwrap());
    assert!(std::fs::metadata(&path).unwrap().len() >= 1 << 20, "too small to be read on two connections");
    // One connection: the file read while another program has it open (in WAL mode).
    let one = |path: &Path| {
        let other = rusqlite::Connection::open(path).unwrap();
        other.pragma_update(None, "journal_mode", "wal").unwrap();
        let _: i64 = other.query_row("SELECT count(*) FROM plan", [], |r| r.get(0)).unwrap();
        assert!(sidecars(path).contains(&"-wal".to_string()));
        let read = bridger::store::read(path).map_err(|e| e.to_string());
        other.pragma_update(None, "journal_mode", "delete").unwrap();
        drop(other);
        assert!(sidecars(path).is_empty());
        read
    };
    let two = bridger::store::read(&path).unwrap();
    assert_eq!(two, plan);
    assert_eq!(Ok(two), one(&path));
    // A bad handoff row is named, then a bad initiative row (read first) is.
    sql(&path, "UPDATE handoff SET lag = 'soon' WHERE id = (SELECT id FROM handoff ORDER BY seq LIMIT 1 OFFSET 10)");
    let e = bridger::store::read(&path).unwrap_err().to_string();
    assert!(e.contains("handoff") && e.contains("lag"), "{e}");
    assert_eq!(Err(e), one(&path));
    sql(&path, "UPDATE initiative SET likely = 'x' WHERE id = 'I2000'");
    let e = bridger::store::read(&path).unwrap_err().to_string();
    assert!(e.contains("initiative 'I2000'") && e.contains("likely"), "{e}");
    assert_eq!(Err(e), one(&path));
}
