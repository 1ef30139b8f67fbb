//! Strategic priorities in the plan file (issue 29): priorities, the work that serves them
//! and deferral kept in the file, edited one undo step at a time, checked inside the write
//! transaction (ranks unique once an edit or batch is done, so a batch may swap two), read
//! back the same through JSON and a new file; an older file reads without them and upgrades.

mod common;

use bridger::model::{Deferral, Initiative, Plan, Priority};
use bridger::store::{Edit, PlanFile};

fn plan() -> Plan {
    let mut plan = Plan::new("Strategy", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    for id in ["a", "b", "c"] {
        plan.initiatives.push(Initiative::new(id, &format!("Work {id}"), "Bo", 5));
    }
    plan
}

fn since() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()
}

#[test]
fn priorities_serves_and_deferral_are_kept_in_the_file_and_undo_one_step_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &plan()).unwrap();
    let mut growth = Priority::new("growth", "Grow the north", "Ana Ruiz", 1);
    growth.target = Some(chrono::NaiveDate::from_ymd_opt(2027, 6, 30).unwrap());
    growth.description = "Two new regions".into();
    f.apply(Edit::AddPriority(growth.clone())).unwrap();
    f.apply(Edit::AddPriority(Priority::new("cost", "Cut cost", "Li Wei", 2))).unwrap();
    f.apply(Edit::set_serves("a", &["growth".into(), "cost".into()])).unwrap();
    let deferral = Deferral { since: since(), reason: "make room for growth".into() };
    f.apply(Edit::set_deferred("b", Some(&deferral))).unwrap();
    let a = f.plan().initiative("a").unwrap();
    assert_eq!(a.serves, ["growth", "cost"]);
    assert_eq!(f.plan().initiative("b").unwrap().deferred, Some(deferral));
    assert_eq!(f.plan().priority("growth"), Some(&growth));
    // The file holds what memory holds; JSON and a new file carry it whole.
    let read = bridger::store::read(&path).unwrap();
    assert_eq!(&read, f.plan());
    let text = bridger::io::json::to_string(&read);
    assert!(
        text.contains(&format!("\"version\": {}", bridger::io::json::VERSION))
            && text.contains("\"serves\"")
            && text.contains("\"deferred\""),
        "{text}"
    );
    let back = bridger::io::json::from_str(&text, "p.json").unwrap();
    assert_eq!(back, read);
    let copy = dir.path().join("copy.bridger");
    drop(PlanFile::create(&copy, &back).unwrap());
    assert_eq!(bridger::store::read(&copy).unwrap(), read);
    // Each edit is one undo step, and undo puts the file back as it was.
    f.undo().unwrap();
    assert_eq!(f.plan().initiative("b").unwrap().deferred, None);
    f.undo().unwrap();
    assert!(f.plan().initiative("a").unwrap().serves.is_empty());
    f.redo().unwrap();
    f.redo().unwrap();
    assert_eq!(&bridger::store::read(&path).unwrap(), f.plan());
    assert_eq!(f.plan(), &read);
    // Removing an initiative takes what it serves and its deferral with it; undo brings them back.
    f.apply(Edit::RemoveInitiative("a".into())).unwrap();
    f.apply(Edit::RemoveInitiative("b".into())).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap().initiatives.len(), 1);
    f.undo().unwrap();
    f.undo().unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), read);
}

#[test]
fn ranks_are_unique_once_an_edit_is_done_and_a_batch_may_swap_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &plan()).unwrap();
    f.apply(Edit::AddPriority(Priority::new("growth", "Grow", "Ana", 1))).unwrap();
    f.apply(Edit::AddPriority(Priority::new("cost", "Cut cost", "Li", 2))).unwrap();
    let e = f.apply(Edit::AddPriority(Priority::new("safety", "Safety", "Jo", 2))).unwrap_err().to_string();
    assert!(e.contains("'cost' and 'safety' both have rank 2"), "{e}");
    let e = f.apply(Edit::set_rank("growth", 2)).unwrap_err().to_string();
    assert!(e.contains("both have rank 2"), "{e}");
    let e = f.apply(Edit::AddPriority(Priority::new("zero", "Zero", "Jo", 0))).unwrap_err().to_string();
    assert!(e.contains("rank is 0"), "{e}");
    // Swapped in one batch: one undo step.
    f.apply_batch(vec![Edit::set_rank("growth", 2), Edit::set_rank("cost", 1)]).unwrap();
    let ranks: Vec<(String, i32)> = f.plan().priorities.iter().map(|p| (p.id.clone(), p.rank)).collect();
    assert_eq!(ranks, [("growth".to_string(), 2), ("cost".to_string(), 1)]);
    assert_eq!(&bridger::store::read(&path).unwrap(), f.plan());
    f.undo().unwrap();
    assert_eq!(f.plan().priority("growth").unwrap().rank, 1);
    assert_eq!(bridger::store::read(&path).unwrap().priority("cost").unwrap().rank, 2);
}

#[test]
fn a_served_priority_is_not_removed_and_work_serves_only_known_priorities() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &plan()).unwrap();
    f.apply(Edit::AddPriority(Priority::new("growth", "Grow", "Ana", 1))).unwrap();
    let e = f.apply(Edit::set_serves("a", &["growht".into()])).unwrap_err().to_string();
    assert!(e.contains("serves 'growht' is not a known priority"), "{e}");
    let e = f.apply(Edit::set_serves("a", &["growth".into(), "growth".into()])).unwrap_err().to_string();
    assert!(e.contains("lists priority 'growth' twice"), "{e}");
    f.apply(Edit::set_serves("a", &["growth".into()])).unwrap();
    f.apply(Edit::set_serves("c", &["growth".into()])).unwrap();
    let e = f.apply(Edit::RemovePriority("growth".into())).unwrap_err().to_string();
    assert!(e.contains("initiative 'a'") && e.contains("initiative 'c'"), "{e}");
    // Untied, it goes, and undo brings it back in its place.
    f.apply_batch(vec![Edit::set_serves("a", &[]), Edit::set_serves("c", &[]), Edit::RemovePriority("growth".into())]).unwrap();
    assert!(f.plan().priorities.is_empty());
    f.undo().unwrap();
    assert_eq!(f.plan().initiative("c").unwrap().serves, ["growth"]);
    assert_eq!(&bridger::store::read(&path).unwrap(), f.plan());
}

#[test]
fn a_file_from_before_priorities_reads_without_them_and_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.bridger");
    let plan = plan();
    drop(PlanFile::create(&path, &plan).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(common::WITHOUT_PRIORITIES).unwrap();
    c.pragma_update(None, "user_version", 8).unwrap();
    drop(c);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), plan);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "reading wrote nothing");
    let mut f = PlanFile::open(&path).unwrap();
    f.apply(Edit::AddPriority(Priority::new("growth", "Grow", "Ana", 1))).unwrap();
    f.apply(Edit::set_serves("a", &["growth".into()])).unwrap();
    assert_eq!(&bridger::store::read(&path).unwrap(), f.plan());
}

#[test]
fn a_damaged_row_of_the_new_tables_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &plan()).unwrap();
    f.apply(Edit::set_deferred("b", Some(&Deferral { since: since(), reason: String::new() }))).unwrap();
    drop(f);
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute("UPDATE deferral SET since = 'soon'", []).unwrap();
    drop(c);
    let e = bridger::store::read(&path).unwrap_err().to_string();
    assert!(e.contains("deferral") && e.contains("'soon'"), "{e}");
    let e = PlanFile::open(&path).err().unwrap().to_string();
    assert!(e.contains("deferral") && e.contains("'soon'"), "{e}");
}

#[test]
fn a_csv_folder_carries_priorities_serves_and_deferral() {
    let mut plan = self::plan();
    let mut growth = Priority::new("growth", "Grow; the north", "Ana Ruiz", 1);
    growth.target = Some(since());
    growth.description = "Two regions".into();
    plan.priorities.push(growth);
    plan.priorities.push(Priority::new("cost", "Cut cost", "", 2));
    plan.initiatives[0].serves = vec!["growth".into(), "cost".into()];
    plan.initiatives[1].deferred = Some(Deferral { since: since(), reason: "later; maybe".into() });
    let files = bridger::io::csv::to_files(&plan);
    assert!(files.iter().any(|(n, _)| *n == "priorities.csv"));
    let text = String::from_utf8(files.iter().find(|(n, _)| *n == "initiatives.csv").unwrap().1.clone()).unwrap();
    assert!(text.lines().next().unwrap().contains("serves,deferred_since,deferred_reason"), "{text}");
    assert!(text.contains("growth;cost"), "serves: ids separated by ';': {text}");
    let borrowed: Vec<(&'static str, Option<&[u8]>)> = files.iter().map(|(n, b)| (*n, Some(b.as_slice()))).collect();
    assert_eq!(bridger::io::csv::from_files(&borrowed).unwrap(), plan);
    // A plan without priorities writes no priorities.csv.
    let bare = bridger::io::csv::to_files(&self::plan());
    assert!(!bare.iter().any(|(n, _)| *n == "priorities.csv"));
}

#[test]
fn ms_project_xml_carries_priorities_serves_and_deferral_in_its_extended_attributes() {
    let mut plan = self::plan();
    plan.priorities.push(Priority::new("growth", "Grow", "Ana Ruiz", 1));
    plan.initiatives[0].serves = vec!["growth".into()];
    plan.initiatives[1].deferred = Some(Deferral { since: since(), reason: "later".into() });
    let xml = bridger::io::mspdi::to_string(&plan).text;
    let back = bridger::io::mspdi::from_str(&xml, "p.xml").unwrap().plan;
    assert_eq!(back.priorities, plan.priorities);
    assert_eq!(back.initiatives[0].serves, ["growth"]);
    assert_eq!(back.initiatives[1].deferred, plan.initiatives[1].deferred);
}
