//! An initiative's definition of done (`done_when`, issue 31): kept by a plan file (schema 10,
//! a table of its own), edited and undone as one step, read from a file of schema 9 as none,
//! a damaged row named, and carried by the JSON format, the CSV folder and MS Project XML.

mod common;

use bridger::edit::{EntityKind, Patch};
use bridger::model::{Initiative, Plan};
use bridger::store::{Edit, PlanFile};

fn plan() -> Plan {
    let mut p = Plan::new("p", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    let mut a = Initiative::new("a", "Lab store", "Ana", 5);
    a.done_when = "Six lanes trade a test day without a fault".into();
    p.initiatives = vec![a, Initiative::new("b", "Pilot", "Ben", 5)];
    p
}

fn set_done_when(id: &str, text: &str) -> Edit {
    let mut fields = serde_json::Map::new();
    fields.insert("done_when".into(), serde_json::json!(text));
    Edit::Patch(Patch { kind: EntityKind::Initiative, id: id.into(), fields })
}

#[test]
fn a_plan_file_keeps_it_and_an_edit_of_it_undoes_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &plan()).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), plan());
    f.apply(set_done_when("b", "Go/no-go minuted")).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap().initiative("b").unwrap().done_when, "Go/no-go minuted");
    f.apply(set_done_when("a", "")).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap().initiative("a").unwrap().done_when, "");
    f.undo().unwrap();
    f.undo().unwrap();
    assert_eq!(&bridger::store::read(&path).unwrap(), &plan());
    assert_eq!(f.plan(), &plan());
    // Removing the initiative removes its row; undo brings both back.
    f.apply(Edit::RemoveInitiative("a".into())).unwrap();
    f.undo().unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), plan());
}

#[test]
fn a_file_from_before_it_reads_with_none_and_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.bridger");
    let mut old = plan();
    old.initiatives[0].done_when.clear();
    drop(PlanFile::create(&path, &old).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(common::WITHOUT_DONE_WHEN).unwrap();
    c.pragma_update(None, "user_version", 10).unwrap();
    drop(c);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), old);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "reading wrote nothing");
    let mut f = PlanFile::open(&path).unwrap();
    f.apply(set_done_when("a", "done")).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap().initiative("a").unwrap().done_when, "done");
}

#[test]
fn a_row_of_no_initiative_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    drop(PlanFile::create(&path, &plan()).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    // Another tool, writing without foreign keys.
    c.pragma_update(None, "foreign_keys", false).unwrap();
    c.execute("INSERT INTO done_when (initiative_id, done_when) VALUES ('ghost', 'x')", []).unwrap();
    drop(c);
    let e = bridger::store::read(&path).unwrap_err().to_string();
    assert!(e.contains("done_when") && e.contains("ghost"), "{e}");
}

#[test]
fn json_csv_and_ms_project_xml_carry_it() {
    let p = plan();
    let json = bridger::io::json::to_string(&p);
    assert!(json.contains("\"done_when\": \"Six lanes"), "{json}");
    assert_eq!(bridger::io::json::from_str(&json, "p.json").unwrap().initiatives, p.initiatives);
    let files = bridger::io::csv::to_files(&p);
    let read: Vec<(&'static str, Option<&[u8]>)> = files.iter().map(|(n, b)| (*n, Some(b.as_slice()))).collect();
    let back = bridger::io::csv::from_files(&read).map_err(|e| format!("{:?}", e.0)).unwrap();
    assert_eq!(back.initiatives.iter().map(|i| i.done_when.as_str()).collect::<Vec<_>>(), [p.initiatives[0].done_when.as_str(), ""]);
    let xml = bridger::io::mspdi::to_string(&p).text;
    let back = bridger::io::mspdi::from_str(&xml, "p.xml").unwrap().plan;
    assert_eq!(back.initiative("a").unwrap().done_when, p.initiatives[0].done_when);
    assert_eq!(back.initiative("b").unwrap().done_when, "");
}
