//! Files as MS Project saves them (issue 30): small projects built in MPXJ's API, scheduled
//! by MPXJ's MicrosoftScheduler (MS Project's conventions) and saved as MSPDI by
//! tests/fixtures/mspdi/make.py, kept in tests/fixtures/mspdi/saved/ with what MPXJ reads back
//! from each (`NAME.json`: every leaf task's Start and Finish day, the calendar's days off).
//! Bridger imports each file; for every leaf task the Start and Finish of Bridger's schedule
//! equal the saved ones, or a finding names the task. No Java is needed: the files are
//! committed (`target/mpxj-venv/bin/python tests/fixtures/mspdi/make.py` remakes them).

use std::collections::BTreeMap;
use std::path::PathBuf;

use bridger::io::mspdi;
use chrono::NaiveDate;
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mspdi/saved")
}

fn date(v: &Value) -> NaiveDate {
    v.as_str().and_then(|s| s.parse().ok()).unwrap()
}

struct Read {
    imported: mspdi::Imported,
    expect: Value,
}

fn read(name: &str) -> Read {
    let text = std::fs::read_to_string(dir().join(format!("{name}.xml"))).unwrap();
    let expect = serde_json::from_str(&std::fs::read_to_string(dir().join(format!("{name}.json"))).unwrap()).unwrap();
    Read { imported: mspdi::from_str(&text, &format!("{name}.xml")).unwrap(), expect }
}

/// (leaf tasks, tasks whose dates equal the saved ones, tasks that differ without a finding
/// naming them).
fn agreement(r: &Read) -> (usize, usize, Vec<String>) {
    let plan = &r.imported.plan;
    assert!(bridger::health::errors(plan).is_empty(), "{:?}", bridger::health::errors(plan));
    let s = bridger::schedule::schedule(plan).unwrap();
    let (mut equal, mut unexplained) = (0, Vec::new());
    let tasks = r.expect["tasks"].as_array().unwrap();
    for t in tasks {
        let name = t["name"].as_str().unwrap();
        let i = plan.initiatives.iter().find(|i| i.name == name).unwrap();
        let ours = s.initiatives.iter().find(|x| x.id == i.id).unwrap();
        if (ours.start_date, ours.finish_date) == (date(&t["start"]), date(&t["finish"])) {
            equal += 1;
        } else {
            let subject = format!("task {} '{name}'", t["id"]);
            if !r.imported.findings.iter().any(|f| f.subject == subject && f.message.contains("differs")) {
                unexplained
                    .push(format!("{subject}: saved {}..{}, Bridger {}..{}", t["start"], t["finish"], ours.start_date, ours.finish_date));
            }
        }
    }
    (tasks.len(), equal, unexplained)
}

/// A finding's kind: its message with numbers, dates and quoted names taken out (for a
/// difference of dates, with the kind of its cause).
fn kind(message: &str) -> String {
    if message.starts_with("the file's schedule differs") {
        if let Some((_, why)) = message.split_once(", because").or_else(|| message.split_once(", and ")) {
            let why = why.trim_start_matches(", upstream,").trim_start().trim_start_matches("it ");
            return format!("dates differ, because: {}", kind(why));
        }
    }
    let mut out = String::new();
    let mut quoted = false;
    let mut last = ' ';
    for c in message.chars() {
        let opens = last.is_whitespace() || last == '(';
        last = c;
        match c {
            '\'' | '"' if quoted || opens => {
                quoted = !quoted;
                if quoted {
                    out.push('…');
                }
            }
            _ if quoted => {}
            '0'..='9' => {
                if !out.ends_with('N') {
                    out.push('N');
                }
            }
            '.' | '-' if out.ends_with('N') => {}
            _ => out.push(c),
        }
    }
    out.split(':').next().unwrap_or("").trim().to_string()
}

const FILES: [&str; 11] =
    ["network", "recurring", "progress", "short", "days450", "mpd_differs", "elapsed", "from_finish", "no_start", "before_start", "pinned"];

#[test]
fn every_saved_date_is_bridgers_or_a_finding_names_the_task() {
    let (mut all, mut equal) = (0, 0);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for name in FILES {
        let r = read(name);
        let (n, e, u) = agreement(&r);
        println!("{name}.xml: {e} of {n} leaf tasks have the saved Start and Finish");
        for f in &r.imported.findings {
            println!("  {f}");
            *kinds.entry(kind(&f.message)).or_default() += 1;
        }
        all += n;
        equal += e;
        unexplained.extend(u.into_iter().map(|u| format!("{name}.xml: {u}")));
    }
    println!(
        "\nover {} files: {equal} of {all} leaf tasks ({:.0}%) have the saved Start and Finish",
        FILES.len(),
        100.0 * equal as f64 / all as f64
    );
    println!("findings by kind:");
    for (k, n) in &kinds {
        println!("  {n:3}  {k}");
    }
    assert!(unexplained.is_empty(), "dates differ without a finding naming the task:\n{}", unexplained.join("\n"));
}

#[test]
fn recurring_exceptions_are_the_days_mpxj_expands() {
    let r = read("recurring");
    let mut ours: Vec<String> = r.imported.plan.calendar.holidays.iter().map(|d| d.to_string()).collect();
    ours.sort();
    let theirs: Vec<String> = r.expect["days_off"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
    assert_eq!(ours, theirs);
    // The holiday "2015-2025" no longer makes ten years non-working: the plan ends in 2020.
    let (n, equal, _) = agreement(&r);
    assert_eq!((n, equal), (6, 6), "{:?}", r.imported.findings);
    assert!(!r.imported.findings.iter().any(|f| f.subject.starts_with("calendar")), "{:?}", r.imported.findings);
}

#[test]
fn progress_and_baseline_map_to_the_tracking_model() {
    let r = read("progress");
    let p = &r.imported.plan;
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    assert_eq!(p.status_date, Some(d("2024-01-22")));
    let by = |name: &str| p.initiatives.iter().find(|i| i.name == name).unwrap();
    let order = by("Order");
    assert_eq!((order.actual_start, order.actual_finish), (Some(d("2024-01-09")), Some(d("2024-01-15"))));
    assert_eq!(order.progress, 1.0);
    let ship = by("Ship");
    assert_eq!((ship.actual_start, ship.actual_finish, ship.remaining), (Some(d("2024-01-16")), None, Some(5)));
    assert_eq!(ship.progress, 0.5);
    assert_eq!(by("Install").actual_start, None);
    // Baseline0 is the baseline of record, dates only.
    assert_eq!(r.imported.baselines.len(), 1);
    let b = &r.imported.baselines[0];
    assert!(b.of_record && b.plan.is_none());
    let ship_b = b.schedule.initiatives.iter().find(|x| x.id == ship.id).unwrap();
    assert_eq!((ship_b.start, ship_b.finish), (d("2024-01-15"), d("2024-01-26")));
    assert_eq!(b.schedule.initiatives.len(), 5);
    // An import through the API keeps it in the plan file, as the baseline of record.
    let tmp = tempfile::tempdir().unwrap();
    let plan_file = tmp.path().join("progress.bridger");
    let start = d("2024-01-08");
    let foreign = bridger::api::files::read_foreign(&dir().join("progress.xml"), bridger::api::files::Format::Mspdi, start).unwrap();
    bridger::api::files::create_from(&plan_file, &foreign).unwrap();
    let kept = bridger::api::baseline::list(&plan_file).unwrap();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].of_record && kept[0].dates_only, "{kept:?}");
    // A file without any Baseline has none.
    assert!(read("short").imported.baselines.is_empty());
}

#[test]
fn units_as_ms_project_means_them() {
    // Tasks under half a day last a day and are no milestones.
    let r = read("short");
    for name in ["One minute", "One hour", "Three hours", "Alone hour"] {
        let i = r.imported.plan.initiatives.iter().find(|i| i.name == name).unwrap();
        assert_eq!(i.duration.likely, 1, "{name}");
    }
    let f = r.imported.findings.iter().find(|f| f.subject == "task 1 'One minute'").unwrap();
    assert!(f.message.contains("under half a working day"), "{f}");
    // Durations in hours on 450-minute days are whole days of the calendar, not rounded.
    let r = read("mpd_differs");
    let days: Vec<i32> = r.imported.plan.initiatives.iter().map(|i| i.duration.likely).collect();
    assert_eq!(days, [2, 6, 4]);
    assert!(!r.imported.findings.iter().any(|f| f.message.contains("rounded")), "{:?}", r.imported.findings);
    assert!(r.imported.findings.iter().any(|f| f.message.contains("calendar's day")), "{:?}", r.imported.findings);
    // A task without a Contact keeps a stand-in owner (the plan is valid), which the checks
    // report as no owner.
    let plan = &r.imported.plan;
    let warned: Vec<String> =
        bridger::health::findings(plan, None).into_iter().filter(|f| f.code == "no-owner").map(|f| f.subject).collect();
    assert_eq!(warned.len(), plan.initiatives.len(), "{warned:?}");
    // ScheduleFromStart=0 is a finding; no StartDate starts at the earliest task.
    let r = read("from_finish");
    assert!(r.imported.findings.iter().any(|f| f.message.contains("ScheduleFromStart 0")), "{:?}", r.imported.findings);
    let r = read("no_start");
    assert_eq!(r.imported.plan.start, "2024-02-05".parse::<NaiveDate>().unwrap());
    assert!(r.imported.findings.iter().any(|f| f.message.contains("has no StartDate")));
}

#[test]
fn work_before_the_project_start_keeps_its_saved_dates() {
    let r = read("before_start");
    let p = &r.imported.plan;
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    // The plan starts at the early permit; unconstrained work still starts on the file's
    // StartDate, and the work after the permit follows it, as in MS Project.
    assert_eq!(p.start, d("2024-01-15"));
    let by = |name: &str| p.initiatives.iter().find(|i| i.name == name).unwrap();
    assert_eq!(by("Unconstrained").start_no_earlier_than, Some(d("2024-03-04")));
    assert_eq!(by("After permit").start_no_earlier_than, None);
    assert_eq!(agreement(&r).0, agreement(&r).1, "{:?}", r.imported.findings);
    let f = r.imported.findings.iter().find(|f| f.subject == "the project").unwrap();
    assert!(f.message.contains("the plan starts on 2024-01-15"), "{f}");
    // A file Bridger wrote keeps its own start: the round trip is exact.
    let xml = mspdi::to_string(p).text;
    let back = mspdi::from_str(&xml, "back.xml").unwrap();
    assert_eq!(bridger::io::json::to_string(&back.plan), bridger::io::json::to_string(p));
}

#[test]
fn each_imported_file_round_trips_through_bridgers_export() {
    for name in FILES {
        let plan = read(name).imported.plan;
        let back = mspdi::from_str(&mspdi::to_string(&plan).text, "back.xml").unwrap();
        assert_eq!(bridger::io::json::to_string(&back.plan), bridger::io::json::to_string(&plan), "{name}.xml");
        assert!(!back.findings.iter().any(|f| f.message.contains("differs")), "{name}.xml: {:?}", back.findings);
    }
}

/// Must-start-on, must-finish-on and a manually scheduled task (pinned.xml): each is pinned,
/// remembers what it was, keeps MS Project's dates (a must-start-on before its predecessor
/// finishes included: the handoff it breaks is a finding, float upstream negative), and is
/// written back as it came.
#[test]
fn pinned_tasks_keep_their_saved_dates_and_go_back_as_they_came() {
    use bridger::model::{PinAt, PinSource};
    let r = read("pinned");
    let p = &r.imported.plan;
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let by = |name: &str| p.initiatives.iter().find(|i| i.name == name).unwrap();
    let pin = |name: &str| by(name).pinned.map(|p| (p.at, p.date, p.source));
    assert_eq!(pin("Build"), Some((PinAt::Start, d("2024-01-11"), PinSource::MustStartOn)));
    assert_eq!(pin("Deliver"), Some((PinAt::Finish, d("2024-02-02"), PinSource::MustFinishOn)));
    assert_eq!(pin("Workshop"), Some((PinAt::Start, d("2024-01-10"), PinSource::Manual)));
    assert_eq!(pin("Design"), None);
    let (n, equal, unexplained) = agreement(&r);
    assert_eq!((n, equal), (8, 8), "{unexplained:?} {:?}", r.imported.findings);
    assert!(!r.imported.findings.iter().any(|f| f.message.contains("constraint")), "{:?}", r.imported.findings);
    assert_eq!(by("Workshop").duration.likely, 2, "a manual task's duration is its Duration");

    let s = bridger::schedule::schedule(p).unwrap();
    let design = s.initiatives.iter().find(|x| x.id == by("Design").id).unwrap();
    // Design must be done before the Workshop's pinned start, three days before it can (MS
    // Project says two: a manual task leaves what precedes it its float; a finding says so).
    assert_eq!(design.total_float, -3);
    assert!(r.imported.findings.iter().any(|f| f.subject == "task 7 'Workshop'" && f.message.contains("manually scheduled")));
    let broken: Vec<String> =
        bridger::health::findings(p, Some(&s)).into_iter().filter(|f| f.code == "pinned-handoff-violated").map(|f| f.message).collect();
    assert_eq!(broken.len(), 2, "Design -> Build and Design -> Workshop: {broken:?}");
    assert!(broken.iter().any(|m| m.contains("'Design'") && m.contains("'Build'")), "{broken:?}");

    // Back as it came: Manual=1 with its Start, ConstraintType 2 and 3 with their dates.
    let xml = mspdi::to_string(p).text;
    let task = |name: &str| {
        let at = xml.find(&format!("<Name>{name}</Name>")).unwrap();
        let end = at + xml[at..].find("</Task>").unwrap();
        xml[at..end].to_string()
    };
    assert!(task("Workshop").contains("<Manual>1</Manual>") && task("Workshop").contains("<ConstraintType>0</ConstraintType>"));
    assert!(task("Build").contains("<ConstraintType>2</ConstraintType>") && task("Build").contains("<ConstraintDate>2024-01-11T08:00:00"));
    assert!(
        task("Deliver").contains("<ConstraintType>3</ConstraintType>") && task("Deliver").contains("<ConstraintDate>2024-02-02T17:00:00")
    );
    assert!(!task("Design").contains("<Manual>"));
    let back = mspdi::from_str(&xml, "back.xml").unwrap();
    assert_eq!(bridger::io::json::to_string(&back.plan), bridger::io::json::to_string(p));
    // A pin set in Bridger goes out as the constraint of its end and comes back as Bridger's.
    let mut plan = p.clone();
    let k = plan.initiatives.iter().position(|i| i.name == "Test").unwrap();
    plan.initiatives[k].pinned = Some(bridger::model::Pin { at: PinAt::Finish, date: d("2024-01-31"), source: PinSource::Bridger });
    let xml = mspdi::to_string(&plan).text;
    assert!(xml.contains("<ConstraintDate>2024-01-31T17:00:00"));
    let back = mspdi::from_str(&xml, "back.xml").unwrap();
    assert_eq!(back.plan.initiatives[k].pinned, plan.initiatives[k].pinned);
}
