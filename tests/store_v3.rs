//! Plan file version 3: the settings and fields of the simulation, capacity and brief work
//! (target, distribution, summary, asks, leveling basis; a team's correlation and capacity
//! changes; an initiative's leveling delay, priority and value) through validation, the
//! file, the edit API, undo and the JSON format; older files upgraded; and the last
//! simulation's results kept in the file, stale once the plan changes.

use std::path::{Path, PathBuf};

use bridger::model::{CapacityChange, Distribution, Initiative, Plan, PlanSettings, Team};
use bridger::store::{read_simulation, Edit, EntityKind, Patch, PlanFile, StoreError, StoredSimulation};
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A small plan that uses every field of version 3.
fn plan() -> Plan {
    let mut p = Plan::new("v3", date(2027, 1, 4));
    p.target = Some(date(2027, 6, 30));
    p.distribution = Distribution::Pert;
    p.summary = "On track for the pilot.\nWave 2 at risk.".into();
    p.asks = "Decide on the vendor by March.".into();
    p.leveling_basis = Some("lv1-0123456789abcdef".into());
    let mut it = Team::new("it", "IT", 4.0);
    it.correlation = 0.4;
    it.capacity = vec![CapacityChange { from: date(2027, 2, 1), fte: 2.5 }, CapacityChange { from: date(2027, 3, 1), fte: 6.0 }];
    p.teams.push(it);
    p.teams.push(Team::new("ops", "Ops", 2.0));
    let mut a = Initiative::new("a", "A", "Ann", 5);
    a.team = Some("it".into());
    a.leveling_delay = 3;
    a.priority = 900;
    a.value = 125_000.5;
    p.initiatives.push(a);
    p.initiatives.push(Initiative::new("b", "B", "Bo", 2));
    p
}

fn create(dir: &tempfile::TempDir, p: &Plan) -> PathBuf {
    let path = dir.path().join("p.bridger");
    drop(PlanFile::create(&path, p).unwrap());
    path
}

fn patch(kind: EntityKind, id: &str, fields: serde_json::Value) -> Edit {
    Edit::Patch(Patch { kind, id: id.into(), fields: fields.as_object().unwrap().clone() })
}

fn messages(e: StoreError) -> String {
    e.to_string()
}

#[test]
fn every_new_field_survives_the_file_and_the_json_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan();
    let path = create(&dir, &p);
    assert_eq!(PlanFile::open(&path).unwrap().plan(), &p);
    assert_eq!(bridger::store::read(&path).unwrap(), p);
    let text = bridger::io::json::to_string(&p);
    assert_eq!(bridger::io::json::from_str(&text, "p.json").unwrap(), p);
    // -0.0 and the largest allowed values come back to the bit.
    let mut q = plan();
    q.initiatives[1].value = -0.0;
    q.teams[1].correlation = 1.0;
    q.initiatives[1].leveling_delay = bridger::model::limits::MAX_LEVELING_DELAY;
    let back = bridger::io::json::from_str(&bridger::io::json::to_string(&q), "q.json").unwrap();
    assert_eq!(back.initiatives[1].value.to_bits(), (-0.0f64).to_bits());
    assert_eq!(back, q);
}

#[test]
fn a_plan_that_uses_none_of_them_writes_the_json_of_version_2() {
    // An older Bridger refuses unknown fields inside an entity: defaults are left out.
    let mut p = Plan::new("old", date(2027, 1, 4));
    p.teams.push(Team::new("t", "T", 1.0));
    p.initiatives.push(Initiative::new("a", "A", "Ann", 1));
    let text = bridger::io::json::to_string(&p);
    for field in
        ["target", "distribution", "summary", "asks", "leveling_basis", "correlation", "capacity", "leveling_delay", "priority", "value"]
    {
        assert!(!text.contains(&format!("\"{field}\"")), "{field} written at its default:\n{text}");
    }
    // And JSON without them reads with the defaults.
    let back = bridger::io::json::from_str(&text, "p.json").unwrap();
    assert_eq!(back.initiatives[0].priority, 500);
    assert_eq!(back.distribution, Distribution::Triangular);
}

#[test]
fn bad_values_are_refused_by_name_in_a_plan_and_in_an_edit() {
    type Change = fn(&mut Plan);
    let cases: Vec<(Change, &str)> = vec![
        (|p| p.teams[0].correlation = 1.5, "team 'it': correlation is 1.5, must be between 0 and 1"),
        (|p| p.teams[0].correlation = f64::NAN, "team 'it': correlation is NaN, must be between 0 and 1"),
        (|p| p.teams[0].capacity[0].fte = -1.0, "team 'it': fte from 2027-02-01 is -1, must be between 0 and 1000000"),
        (|p| p.teams[0].capacity[1].fte = f64::INFINITY, "team 'it': fte from 2027-03-01 is inf, must be between 0 and 1000000"),
        (|p| p.teams[0].capacity[1].from = date(2027, 2, 1), "team 'it' lists capacity change date '2027-02-01' twice"),
        (
            |p| p.teams[0].capacity.reverse(),
            "team 'it': capacity change of 2027-02-01 comes after the one of 2027-03-01; list them in date order",
        ),
        (
            |p| p.teams[0].capacity[0].from = date(1899, 12, 31),
            "team 'it': capacity change date is 1899-12-31, must be between 1900-01-01 and 9999-12-31",
        ),
        (|p| p.initiatives[0].leveling_delay = -1, "initiative 'a': leveling_delay is -1, must be between 0 and 100000"),
        (|p| p.initiatives[0].leveling_delay = 100_001, "initiative 'a': leveling_delay is 100001, must be between 0 and 100000"),
        (|p| p.initiatives[0].priority = 1001, "initiative 'a': priority is 1001, must be between 0 and 1000"),
        (|p| p.initiatives[0].priority = -5, "initiative 'a': priority is -5, must be between 0 and 1000"),
        (|p| p.initiatives[0].value = -0.5, "initiative 'a': value is -0.5, must be between 0 and 1000000000000000"),
        (|p| p.initiatives[0].value = f64::NAN, "initiative 'a': value is NaN, must be between 0 and 1000000000000000"),
        (|p| p.target = Some(date(10000, 1, 1)), "plan 'v3': target is +10000-01-01, must be between 1900-01-01 and 9999-12-31"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = create(&dir, &plan());
    let mut f = PlanFile::open(&path).unwrap();
    for (change, want) in cases {
        let mut p = plan();
        change(&mut p);
        // The whole plan, as `check` and an import see it.
        let errors: Vec<String> = bridger::model::validate(&p).iter().map(|e| e.to_string()).collect();
        assert_eq!(errors, vec![want.to_string()]);
        // One edit: refused with the same words, and nothing changes.
        let edit = if p.target != plan().target {
            Edit::UpdatePlan(p.settings())
        } else if p.teams[0] != plan().teams[0] {
            Edit::UpdateTeam(p.teams[0].clone())
        } else {
            Edit::UpdateInitiative(p.initiatives[0].clone())
        };
        assert_eq!(messages(f.apply(edit).unwrap_err()), format!("refused: {want}"));
        assert_eq!(f.plan(), &plan());
        assert_eq!(bridger::store::read(&path).unwrap(), plan());
    }
}

#[test]
fn a_leveling_delay_counts_in_the_plans_horizon() {
    use bridger::model::limits::{MAX_DURATION, MAX_HORIZON, MAX_LEVELING_DELAY};
    let mut p = Plan::new("long", date(2027, 1, 4));
    let n = (MAX_HORIZON / i64::from(MAX_DURATION)) as usize; // exactly the horizon, no room left
    for k in 0..n {
        p.initiatives.push(Initiative::new(&format!("i{k}"), "I", "Ann", MAX_DURATION));
    }
    assert!(bridger::model::validate(&p).is_empty());
    let dir = tempfile::tempdir().unwrap();
    let path = create(&dir, &p);
    let mut f = PlanFile::open(&path).unwrap();
    let mut i = p.initiatives[0].clone();
    i.leveling_delay = MAX_LEVELING_DELAY;
    let want = format!("refused: the plan is too long to date: its pessimistic durations, leveling delays, positive lags and risk impacts add up to {} working days end to end, more than {MAX_HORIZON}", MAX_HORIZON + i64::from(MAX_LEVELING_DELAY));
    assert_eq!(f.apply(Edit::UpdateInitiative(i.clone())).unwrap_err().to_string(), want);
    let mut q = p.clone();
    q.initiatives[0] = i;
    assert_eq!(bridger::model::horizon(&q).map(|e| format!("refused: {e}")), Some(want));
}

#[test]
fn edits_of_the_new_fields_are_journaled_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = create(&dir, &plan());
    let mut f = PlanFile::open(&path).unwrap();
    // update_team replaces the capacity list; patch sets one field.
    let mut it = plan().teams[0].clone();
    it.capacity = vec![CapacityChange { from: date(2027, 4, 5), fte: 0.0 }];
    f.apply(Edit::UpdateTeam(it.clone())).unwrap();
    f.apply(patch(EntityKind::Initiative, "b", serde_json::json!({"leveling_delay": 7, "priority": 0, "value": 3.25}))).unwrap();
    f.apply(patch(EntityKind::Plan, "plan", serde_json::json!({"summary": "Slipping", "target": null, "distribution": "triangular"})))
        .unwrap();
    let on_disk = bridger::store::read(&path).unwrap();
    assert_eq!(f.plan(), &on_disk, "the plan in memory is the file's");
    assert_eq!(on_disk.teams[0], it);
    let b = on_disk.initiative("b").unwrap();
    assert_eq!((b.leveling_delay, b.priority, b.value), (7, 0, 3.25));
    // The patch kept the settings it did not name.
    let want = PlanSettings { summary: "Slipping".into(), target: None, distribution: Distribution::Triangular, ..plan().settings() };
    assert_eq!(on_disk.settings(), want);
    // update_plan replaces them all; a batch with it is one step.
    let other = PlanSettings { asks: "More people".into(), leveling_basis: None, ..want.clone() };
    f.apply_batch(vec![Edit::UpdatePlan(other.clone()), Edit::RemoveTeam("ops".into())]).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap().settings(), other);
    // Undo walks back each step, in the file and in memory.
    for expected in ["2 edits, the last: remove team 'ops'", "update of the plan's settings", "update initiative 'b'", "update team 'it'"] {
        assert_eq!(f.undo().unwrap().map(|s| s.to_string()).as_deref(), Some(expected));
    }
    assert_eq!(f.plan(), &plan());
    assert_eq!(bridger::store::read(&path).unwrap(), plan());
    while f.redo().unwrap().is_some() {}
    let redone = bridger::store::read(&path).unwrap();
    assert_eq!(redone.settings(), other);
    assert_eq!(redone.teams, vec![it]);
    assert_eq!(f.plan(), &redone);
}

#[test]
fn removing_a_team_takes_its_capacity_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = plan();
    p.initiatives[0].team = None;
    let path = create(&dir, &p);
    let mut f = PlanFile::open(&path).unwrap();
    f.apply(Edit::RemoveTeam("it".into())).unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    let rows: i64 = c.query_row("SELECT COUNT(*) FROM capacity", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0);
    f.undo().unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), p);
}

#[test]
fn a_patch_of_the_plan_must_name_it_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = create(&dir, &plan());
    let mut f = PlanFile::open(&path).unwrap();
    let e = f.apply(patch(EntityKind::Plan, "p", serde_json::json!({"summary": "x"}))).unwrap_err();
    assert_eq!(e.to_string(), "plan 'p': cannot set the plan's settings (their id is 'plan')");
    let e = f.apply(patch(EntityKind::Plan, "plan", serde_json::json!({"distribution": "normal"}))).unwrap_err();
    assert!(e.to_string().starts_with("plan 'plan': cannot set 'distribution' to \"normal\": unknown variant `normal`"), "{e}");
    assert_eq!(f.plan(), &plan());
}

#[test]
fn capacity_of_a_team_that_does_not_exist_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = create(&dir, &plan());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.pragma_update(None, "foreign_keys", false).unwrap();
    c.execute("INSERT INTO capacity (team_id, date, fte) VALUES ('gone', '2027-05-03', 2.0)", []).unwrap();
    drop(c);
    let e = bridger::store::read(&path).unwrap_err().to_string();
    assert!(e.ends_with("capacity 'gone': 2 people from 2027-05-03 for a team that does not exist (the file was changed outside Bridger; restore it from a copy or correct that row)"), "{e}");
}

fn fixture(name: &str, dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files").join(name), &path).unwrap();
    path
}

fn pilot() -> Plan {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let text = std::fs::read_to_string(fixtures.join("plans/store-pilot.json")).unwrap();
    let mut want = bridger::io::json::from_str(&text, "store-pilot.json").unwrap();
    want.handoffs.retain(|h| h.id != "h3"); // the one edit made after the import
    want
}

fn user_version(path: &Path) -> i32 {
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

/// A version 2 file (the frozen version 1 file upgraded by version 2's migration, with an
/// edit of the plan's settings journaled as version 2 wrote it: name, start and calendar
/// only) reads as it is without writing, opens upgraded, and its old journal still undoes.
#[test]
fn a_frozen_version_2_file_reads_opens_upgraded_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture("store-pilot-v2.bridger", &dir);
    let mut want = pilot();
    want.name = "Store pilot (v2)".into();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), want, "read as it is, the new fields at their defaults");
    assert_eq!(read_simulation(&path).unwrap(), None);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "reading wrote nothing");
    assert_eq!(user_version(&path), 2);

    let mut f = PlanFile::open(&path).unwrap();
    assert_eq!(user_version(&path), bridger::store::SCHEMA_VERSION);
    assert_eq!(f.plan(), &want);
    assert_eq!(f.last_simulation().unwrap(), None, "an upgraded file has no stored results");
    // Set a new field, then undo back through the old entries.
    f.apply(patch(EntityKind::Plan, "plan", serde_json::json!({"summary": "New"}))).unwrap();
    assert_eq!(f.undo().unwrap().map(|s| s.to_string()).as_deref(), Some("update of the plan's settings"));
    assert_eq!(f.plan(), &want);
    assert_eq!(f.undo().unwrap().map(|s| s.whose()).as_deref(), Some("by bridger edit at 2026-11-30 09:00 UTC"));
    assert_eq!(f.plan().name, "Store pilot");
    assert_eq!(f.undo().unwrap().map(|s| s.to_string()).as_deref(), Some("remove handoff 'h3'"));
    drop(f);
    let reopened = PlanFile::open(&path).unwrap();
    assert!(reopened.plan().handoffs.iter().any(|h| h.id == "h3"));
    // Upgraded in place, the file is the same shape as a new one.
    assert_eq!(schema_of(&path), schema_of(&create(&tempfile::tempdir().unwrap(), &plan())));
}

/// Tables, columns and indexes, as SQLite lists them (a column added by ALTER TABLE is
/// listed in its place, so the table's text may differ; its columns may not).
fn schema_of(path: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut out = Vec::new();
    let tables: Vec<(String, String)> = c
        // Not the indexes of suspect rows: the first editor to open a file builds them (a new
        // file is written without), so they tell which program opened it, not its schema.
        .prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_suspect' ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name) in tables {
        out.push(format!("{kind} {name}"));
        if kind == "table" {
            let mut st = c.prepare(&format!("PRAGMA table_info({name})")).unwrap();
            let cols = st
                .query_map([], |r| {
                    Ok(format!(
                        "  {} {} notnull={} default={:?}",
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, Option<String>>(4)?
                    ))
                })
                .unwrap();
            out.extend(cols.map(Result::unwrap));
        }
    }
    out
}

#[test]
fn the_frozen_version_1_file_upgrades_to_the_same_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture("store-pilot-v1.bridger", &dir);
    assert_eq!(PlanFile::open(&path).unwrap().plan(), &pilot());
    assert_eq!(schema_of(&path), schema_of(&create(&tempfile::tempdir().unwrap(), &plan())));
}

fn results(p50: f64) -> StoredSimulation {
    StoredSimulation {
        seed: u64::MAX - 6, // beyond i64: the bits are kept
        iterations: 5_000,
        distribution: Distribution::Pert,
        at: "2027-01-05T10:00:00+00:00".into(),
        revision: 0,
        stale: false,
        // The first shape of kept results (no `format` key): still read.
        results: Ok(serde_json::from_value(serde_json::json!({
            "iterations": 5000, "seed": 1, "distribution": "pert", "cpm_days": 40.0, "cpm_date": "2027-03-01",
            "p50_days": p50, "p80_days": p50 + 3.0, "p50_date": "2027-03-02", "p80_date": "2027-03-05", "mean_days": p50,
            "percentiles": [], "histogram": {"start_days": 40.0, "width_days": 1.0, "counts": [5000]},
            "target": null, "probability_on_target": null, "criticality": {"a": 0.75}
        }))
        .unwrap()),
    }
}

#[test]
fn stored_results_read_back_and_go_stale_with_any_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = create(&dir, &plan());
    let mut f = PlanFile::open(&path).unwrap();
    assert_eq!(f.last_simulation().unwrap(), None);
    let mut sim = results(41.5);
    sim.revision = f.revision().unwrap();
    f.save_simulation(&sim).unwrap();
    assert_eq!(f.last_simulation().unwrap(), Some(sim.clone()));
    assert_eq!(f.journal_len().unwrap(), 0, "saving results is not an edit");
    assert_eq!(f.undo().unwrap(), None, "nothing to undo");
    // Saving again replaces them and does not make them stale.
    let mut second = results(43.0);
    second.revision = f.revision().unwrap();
    second.at = String::new();
    f.save_simulation(&second).unwrap();
    let read = f.last_simulation().unwrap().unwrap();
    assert!(!read.stale);
    assert_eq!(read.results, second.results);
    assert!(chrono::DateTime::parse_from_rfc3339(&read.at).is_ok(), "an empty time is now: {}", read.at);
    // It survives reopening, and store::read_simulation reads it without writing.
    drop(f);
    assert_eq!(read_simulation(&path).unwrap(), Some(read.clone()));
    let mut f = PlanFile::open(&path).unwrap();
    assert_eq!(f.last_simulation().unwrap(), Some(read.clone()));
    // Any edit makes it stale; so does a batch.
    f.apply(patch(EntityKind::Initiative, "b", serde_json::json!({"notes": "x"}))).unwrap();
    assert!(f.last_simulation().unwrap().unwrap().stale);
    assert!(read_simulation(&path).unwrap().unwrap().stale);
}

#[test]
fn stored_results_go_stale_with_undo_and_redo_and_another_programs_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = create(&dir, &plan());
    let mut f = PlanFile::open(&path).unwrap();
    f.apply(patch(EntityKind::Initiative, "b", serde_json::json!({"priority": 10}))).unwrap();
    let save = |f: &mut PlanFile| {
        let mut sim = results(1.0);
        sim.revision = f.revision().unwrap();
        f.save_simulation(&sim).unwrap();
        assert!(!f.last_simulation().unwrap().unwrap().stale);
    };
    save(&mut f);
    f.undo().unwrap();
    assert!(f.last_simulation().unwrap().unwrap().stale, "stale after undo");
    save(&mut f);
    f.redo().unwrap();
    assert!(f.last_simulation().unwrap().unwrap().stale, "stale after redo");
    save(&mut f);
    // An edit by another program (the CLI) is seen too.
    let mut other = PlanFile::open(&path).unwrap();
    other.apply(Edit::RemoveInitiative("b".into())).unwrap();
    assert!(f.last_simulation().unwrap().unwrap().stale);
    // A refused edit changes nothing, so it stales nothing.
    save(&mut f);
    assert!(f.apply(Edit::RemoveInitiative("nope".into())).is_err());
    assert!(!f.last_simulation().unwrap().unwrap().stale);
    // Results computed on a plan an edit overtook are stale as soon as they are saved.
    let before = f.revision().unwrap();
    other.apply(patch(EntityKind::Initiative, "a", serde_json::json!({"value": 1.0}))).unwrap();
    let mut late = results(2.0);
    late.revision = before;
    f.save_simulation(&late).unwrap();
    assert!(f.last_simulation().unwrap().unwrap().stale);
    assert_eq!(f.plan(), &bridger::store::read(&path).unwrap(), "saving read back the other program's edit");
}

#[test]
fn saving_results_is_seen_by_another_program_but_changes_no_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = create(&dir, &plan());
    let mut app = PlanFile::open(&path).unwrap();
    let mut cli = PlanFile::open(&path).unwrap();
    let mut sim = results(5.0);
    sim.revision = cli.revision().unwrap();
    cli.save_simulation(&sim).unwrap();
    // The app notices the file changed (to show the new results) and reads the same plan.
    assert!(app.reload_if_changed().unwrap());
    assert_eq!(app.plan(), &plan());
    assert_eq!(app.last_simulation().unwrap(), Some(sim));
    assert!(!app.reload_if_changed().unwrap());
}

fn stale(p: &Plan) -> Vec<String> {
    bridger::health::check(p).findings.into_iter().filter(|f| f.code == "leveling-stale").map(|f| f.subject).collect()
}

/// Accepting a leveling is one undoable batch (the delays and the fingerprint of what they
/// were computed on); an edit of what leveling reads makes it stale, one of what it does
/// not read leaves it, and undo brings it back.
#[test]
fn an_accepted_leveling_goes_stale_when_its_inputs_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = plan();
    p.leveling_basis = None;
    let path = create(&dir, &p);
    let mut f = PlanFile::open(&path).unwrap();
    assert!(stale(f.plan()).is_empty(), "no leveling, nothing stale");
    let mut levelled = f.plan().clone();
    levelled.initiatives[1].leveling_delay = 4;
    let basis = bridger::model::leveling_fingerprint(&levelled);
    f.apply_batch(vec![
        patch(EntityKind::Initiative, "b", serde_json::json!({"leveling_delay": 4})),
        patch(EntityKind::Plan, "plan", serde_json::json!({"leveling_basis": basis})),
    ])
    .unwrap();
    assert!(stale(f.plan()).is_empty());
    // Not read by leveling: a note, a delay, a name.
    f.apply(patch(EntityKind::Initiative, "a", serde_json::json!({"notes": "call the vendor", "leveling_delay": 1}))).unwrap();
    assert!(stale(f.plan()).is_empty());
    // Read by leveling: a duration, a team's capacity.
    f.apply(patch(EntityKind::Initiative, "a", serde_json::json!({"duration": {"optimistic": 5, "likely": 6, "pessimistic": 9}}))).unwrap();
    assert_eq!(stale(f.plan()), vec!["plan".to_string()]);
    assert_eq!(stale(&bridger::store::read(&path).unwrap()), vec!["plan".to_string()]);
    f.undo().unwrap();
    assert!(stale(f.plan()).is_empty());
    f.apply(patch(EntityKind::Team, "it", serde_json::json!({"capacity": [{"from": "2027-02-01", "fte": 1.0}]}))).unwrap();
    assert_eq!(stale(f.plan()), vec!["plan".to_string()]);
    // Clearing the leveling clears the finding.
    f.apply(patch(EntityKind::Plan, "plan", serde_json::json!({"leveling_basis": null}))).unwrap();
    assert!(stale(f.plan()).is_empty());
}
