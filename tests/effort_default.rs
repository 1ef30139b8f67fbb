//! Capacity is not green by omission (issue 24, point 3): work with a team and no stated
//! effort asks one person of that team on each of its working days, as Microsoft Project
//! assigns a task's resource by default. The capacity findings, the leveling and the
//! brief's load page count it; an info finding says the effort is assumed; an effort row
//! of 0 person-days still says "asks nothing".

use bridger::capacity;
use bridger::health;
use bridger::model::{Effort, Initiative, Plan, Team};
use bridger::schedule::level::{level_plan, Config};
use chrono::NaiveDate;

/// One team of one person at 100%, and two 10-day initiatives of that team side by side,
/// neither stating its effort.
fn two_at_once() -> Plan {
    let mut plan = Plan::new("Two at once", NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"));
    plan.teams.push(Team { utilization_target: 1.0, ..Team::new("ops", "Operations", 1.0) });
    for id in ["a", "b"] {
        let mut i = Initiative::new(id, &format!("Work {id}"), "Ana", 10);
        i.team = Some("ops".into());
        plan.initiatives.push(i);
    }
    plan
}

fn codes(plan: &Plan) -> Vec<String> {
    health::check(plan).findings.iter().map(|f| f.code.clone()).collect()
}

#[test]
fn work_with_a_team_and_no_effort_loads_one_person_of_the_team_per_day() {
    let plan = two_at_once();
    let loads = capacity::load(&plan).expect("a load table");
    let ops = &loads[0];
    // Two people asked of a one-person team in each of the two weeks.
    assert_eq!(ops.weeks.len(), 2);
    for w in &ops.weeks {
        assert!((w.load - 10.0).abs() < 1e-9 && (w.capacity - 5.0).abs() < 1e-9, "{w:?}");
        assert!(w.over());
    }
    let codes = codes(&plan);
    assert!(codes.iter().any(|c| c == "over-allocated"), "{codes:?}");
    assert_eq!(codes.iter().filter(|c| *c == "effort-assumed").count(), 2, "{codes:?}");
    let report = health::check(&plan);
    let assumed = report.findings.iter().find(|f| f.code == "effort-assumed").expect("an assumed-effort finding");
    assert_eq!(assumed.message, "'Work a' states no effort: counted as one person of Operations on each of its 10 working days");
}

#[test]
fn leveling_counts_the_assumed_effort() {
    let plan = two_at_once();
    let config = Config { iterations: Some(200), time_limit: None, seed: 1, threads: 1 };
    let l = level_plan(&plan, &config, None).expect("a leveling");
    assert_eq!(l.finish_before, 10);
    assert_eq!(l.finish_after, 20, "one person cannot do both at once");
    assert_eq!(l.delay.iter().filter(|d| **d == 10).count(), 1);
}

#[test]
fn stated_effort_and_a_zero_row_are_taken_as_written() {
    let mut plan = two_at_once();
    plan.initiatives[0].effort.push(Effort { team: "ops".into(), person_days: 0.0 });
    plan.initiatives[1].effort.push(Effort { team: "ops".into(), person_days: 5.0 });
    let loads = capacity::load(&plan).expect("a load table");
    let total: f64 = loads[0].weeks.iter().map(|w| w.load).sum();
    assert!((total - 5.0).abs() < 1e-9, "{total}");
    let codes = codes(&plan);
    assert!(!codes.iter().any(|c| c == "effort-assumed" || c == "over-allocated"), "{codes:?}");
    // Without a team, or as a milestone, nothing is assumed.
    let mut bare = two_at_once();
    bare.initiatives[0].team = None;
    bare.initiatives[1].duration = bridger::model::Estimate::exact(0);
    assert!(bare.initiatives.iter().all(|i| !i.asks_effort() && i.effort_by_team().is_empty()));
}

#[test]
fn the_brief_load_page_has_a_table_when_effort_is_assumed() {
    use bridger::brief::{render, BriefOptions, Paper};
    let plan = two_at_once();
    let pdf =
        render(&plan, &BriefOptions { paper: Paper::A4, date: plan.start, simulation: None, since: None, record: None }).expect("a brief");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("brief.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!text.contains("Capacity is not computed"), "{text}");
    assert!(text.contains("Operations"), "{text}");
}
