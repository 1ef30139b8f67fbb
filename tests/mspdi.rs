//! MS Project XML: a Bridger plan survives the round trip; a file written by another tool
//! (summary tasks, hours, elapsed and percent lags, constraints Bridger lacks) reads with a
//! finding for everything converted or not kept; malformed and hostile files are named
//! errors with their line and column.

mod common;

#[path = "fixtures/csv/full_plan.rs"]
mod full;

use std::path::Path;

use bridger::io::mspdi::{self, MspdiError};
use bridger::model::{Kind, Status};
use common::{bridger, stderr, stdout};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mspdi").join(name)).unwrap()
}

#[test]
fn the_demo_plan_round_trips_through_mspdi_to_the_same_json() {
    // All but the rollout's own fields, which MS Project XML does not keep (a note says so).
    let demo = bridger::demo::plan().without_templates();
    let out = mspdi::to_string(&demo);
    let back = mspdi::from_str(&out.text, "demo.xml").unwrap();
    assert!(back.findings.is_empty(), "{:?}", back.findings);
    assert_eq!(bridger::io::json::to_string(&back.plan), bridger::io::json::to_string(&demo));
    assert_eq!(back.plan, demo);
}

#[test]
fn every_field_round_trips_through_mspdi() {
    let mut plan = full::full_plan().without_templates();
    // Text XML cannot hold as it is (a control character) is kept all the same.
    plan.initiatives[2].notes = "bell \u{7} and a carriage return\r".to_string();
    plan.initiatives[4].name = " padded name ".to_string();
    let out = mspdi::to_string(&plan);
    let back = mspdi::from_str(&out.text, "full.xml").unwrap();
    assert!(back.findings.is_empty(), "{:?}", back.findings);
    assert_eq!(back.plan, plan);
}

#[test]
fn a_plan_whose_schedule_ends_after_the_year_9999_round_trips() {
    // A plan may start on 9999-12-31 (model::limits); its tasks then end in year 10,000 or
    // later. The file writes such dates as XML Schema does (no '+', found by the property
    // test), and reads them back, as it reads the '+' an earlier export wrote.
    let mut plan = bridger::demo::plan().without_templates();
    plan.start = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    assert!(bridger::health::errors(&plan).is_empty());
    let out = mspdi::to_string(&plan);
    assert!(out.text.contains("<Finish>10000-") && !out.text.contains("+10000"), "{}", out.text);
    let back = mspdi::from_str(&out.text, "late.xml").unwrap();
    assert!(back.findings.is_empty(), "{:?}", back.findings);
    assert_eq!(back.plan, plan);
    let old = mspdi::from_str(&out.text.replace("<Finish>10000-", "<Finish>+10000-"), "old.xml").unwrap();
    assert!(old.findings.is_empty(), "{:?}", old.findings);
}

#[test]
fn the_file_says_in_native_fields_what_other_tools_need() {
    let demo = bridger::demo::plan();
    let text = mspdi::to_string(&demo).text;
    // One task per initiative (after the project summary task, UID 0), a summary task per
    // wave and site that holds work, one link per handoff, one resource per team.
    let summaries = demo.waves.len() + demo.sites.len();
    assert_eq!(text.matches("<Summary>1</Summary>").count(), summaries + 1);
    assert_eq!(text.matches("<Task>").count(), demo.initiatives.len() + summaries + 1);
    assert_eq!(text.matches("<PredecessorLink>").count(), demo.handoffs.len());
    assert_eq!(text.matches("<Resource>").count(), demo.teams.len());
    let efforts: usize = demo.initiatives.iter().map(|i| i.effort.len()).sum();
    assert_eq!(text.matches("<Assignment>").count(), efforts);
    // A 5-day task is 40 hours; the milestone is flagged.
    let five = demo.initiatives.iter().position(|i| i.duration.likely == 5).unwrap();
    let task = text.split("<Task>").find(|t| t.contains(&format!("<Value>{}</Value>", demo.initiatives[five].id))).unwrap();
    assert!(task.contains("<Duration>PT40H0M0S</Duration>"), "{task}");
    assert!(text.contains("<Milestone>1</Milestone>"));
}

#[test]
fn a_file_from_another_tool_reads_with_findings_for_what_changed() {
    let got = mspdi::from_str(&fixture("foreign.xml"), "foreign.xml").unwrap();
    let p = &got.plan;
    let findings: Vec<String> = got.findings.iter().map(|f| f.to_string()).collect();
    let has = |s: &str| findings.iter().any(|f| f.contains(s));
    assert_eq!(p.name, "Store refit");
    assert_eq!(p.start.to_string(), "2026-03-02");
    // Summary tasks: "Wave A" (level 1) is a wave, "Store 7" (level 2) a site in it.
    assert_eq!(p.waves.len(), 1);
    assert_eq!(p.waves[0].name, "Wave A");
    assert_eq!(p.sites.len(), 1);
    assert_eq!(p.sites[0].wave.as_deref(), Some(p.waves[0].id.as_str()));
    let ids: Vec<&str> = p.initiatives.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(ids, ["Survey", "Install", "Cutover", "Go live", "Train"]);
    let by_name = |n: &str| p.initiatives.iter().find(|i| i.name == n).unwrap();
    assert_eq!(by_name("Survey").site.as_deref(), Some(p.sites[0].id.as_str()));
    assert_eq!(by_name("Survey").wave.as_deref(), Some(p.waves[0].id.as_str()));
    assert_eq!(by_name("Train").wave, None);
    // Durations: 16 h = 2 days; 20 h = 2.5 days rounded to 3 and said so; a milestone.
    assert_eq!(by_name("Survey").duration.likely, 2);
    assert_eq!(by_name("Install").duration.likely, 3);
    assert!(has("duration of 2.500 working days rounded to 3"), "{findings:#?}");
    assert_eq!(by_name("Go live").duration.likely, 0);
    // Progress and the status it implies.
    assert_eq!(by_name("Survey").progress, 1.0);
    assert_eq!(by_name("Survey").status, Status::Done);
    assert_eq!(by_name("Install").progress, 0.25);
    // Constraints: SNET kept, MSO a pinned start, the deadline kept.
    assert_eq!(by_name("Install").start_no_earlier_than.map(|d| d.to_string()).as_deref(), Some("2026-03-04"));
    let pin = by_name("Cutover").pinned.unwrap();
    assert_eq!(
        (pin.at, pin.date.to_string(), pin.source),
        (bridger::model::PinAt::Start, "2026-03-20".into(), bridger::model::PinSource::MustStartOn)
    );
    assert!(!has("'must start on'"), "{findings:#?}");
    assert_eq!(by_name("Go live").finish_no_later_than.map(|d| d.to_string()).as_deref(), Some("2026-03-31"));
    // Links of all four kinds with lags in days, hours, elapsed days and percent.
    let link = |a: &str, b: &str| p.handoffs.iter().find(|h| h.from == by_name(a).id && h.to == by_name(b).id).unwrap();
    assert_eq!((link("Survey", "Install").kind, link("Survey", "Install").lag), (Kind::FS, 1));
    assert_eq!((link("Install", "Cutover").kind, link("Install", "Cutover").lag), (Kind::SS, 1)); // 8 h
    assert_eq!((link("Cutover", "Go live").kind, link("Cutover", "Go live").lag), (Kind::FF, -1));
    // 7 elapsed days = 5 working days on a five-day week.
    assert_eq!((link("Survey", "Train").kind, link("Survey", "Train").lag), (Kind::SF, 5));
    // 50% of Install's 3 days = 1.5, rounded to 2 and said so.
    assert_eq!(link("Install", "Train").lag, 2);
    assert!(has("lag of 50% of the predecessor's 3 days"), "{findings:#?}");
    // A link from a summary task is reported, not kept.
    assert!(has("comes from summary task"), "{findings:#?}");
    assert_eq!(p.handoffs.len(), 5);
    // Resources: work resources are teams, a material resource is reported.
    assert_eq!(p.teams.len(), 2);
    assert_eq!(p.teams[0].fte, 2.0);
    assert!(has("material or cost resource"), "{findings:#?}");
    // Assignments: 24 h of work = 3 person-days; the team is the first assigned.
    assert_eq!(by_name("Install").effort[0].person_days, 3.0);
    assert_eq!(by_name("Install").team.as_deref(), Some(p.teams[0].id.as_str()));
    // The calendar: Mon-Fri, a holiday, a two-day closure, a working Saturday reported.
    assert_eq!(p.calendar.working_days.len(), 5);
    let holidays: Vec<String> = p.calendar.holidays.iter().map(|d| d.to_string()).collect();
    assert_eq!(holidays, ["2026-04-03", "2026-04-06", "2026-04-07"]);
    assert!(has("working exception"), "{findings:#?}");
    // The file's own schedule is compared with Bridger's: Survey agrees, and so does
    // Cutover, which MS Project kept on its "must start on" date, as its pin keeps it.
    assert!(!findings.iter().any(|f| f.contains("schedule differs")), "{findings:#?}");
    // The plan it gives is valid and schedules.
    assert!(bridger::health::errors(p).is_empty(), "{:?}", bridger::health::errors(p));
    bridger::schedule::schedule(p).unwrap();
}

#[test]
fn an_edit_in_another_tool_wins_over_bridgers_copy() {
    let demo = bridger::demo::plan();
    let k = demo.initiatives.iter().position(|i| i.duration.likely == 5 && i.duration.pessimistic > 5).unwrap();
    let text = mspdi::to_string(&demo).text;
    // Someone changed the task to 10 days in MS Project.
    let mut parts: Vec<String> = text.split("<Task>").map(str::to_string).collect();
    parts[k + 2] = parts[k + 2].replacen("<Duration>PT40H0M0S</Duration>", "<Duration>PT80H0M0S</Duration>", 1);
    let back = mspdi::from_str(&parts.join("<Task>"), "edited.xml").unwrap();
    let i = &back.plan.initiatives[k];
    assert_eq!(i.duration.likely, 10);
    assert!(i.duration.optimistic <= 10 && i.duration.pessimistic >= 10);
    // Said twice: the estimate was widened, and the dates the file still holds are those of
    // the 5-day task, which Bridger's schedule of the 10-day task no longer gives.
    assert_eq!(back.findings.len(), 2, "{:?}", back.findings);
    assert!(back.findings[0].message.contains("changed from 5 to 10 days"));
    assert!(back.findings[1].message.contains("the file's schedule differs from Bridger's: finish"), "{:?}", back.findings);
}

#[test]
fn malformed_and_hostile_files_are_named_errors() {
    let cases: Vec<(String, &str)> = vec![
        ("<Project><Tasks><Task><UID>1</UID></Tasks></Project>".to_string(), "line 1"),
        ("<Project>\n  <Tasks>\n    <Task><UID>x</UID></Task>\n  </Tasks>\n</Project>".to_string(), "line 3, column 11"),
        ("<Project><Tasks><Task><UID>1</UID><Duration>PT1Y</Duration></Task></Tasks></Project>".to_string(), "not a duration"),
        ("<Project><Tasks><Task><UID>1</UID><Start>2027-1-04T08:00:00</Start></Task></Tasks></Project>".to_string(), "not a date"),
        ("<Project><Tasks><Task><UID>1</UID><Start>+2027-01-4</Start></Task></Tasks></Project>".to_string(), "not a date"),
        ("<Project><Tasks><Task><UID>1</UID><Start>1234567-01-04</Start></Task></Tasks></Project>".to_string(), "not a date"),
        ("<html><body/></html>".to_string(), "not MS Project XML"),
        ("".to_string(), "no XML element"),
        ("<Project><Name>&xxe;</Name></Project>".to_string(), "unknown entity"),
        ("<!DOCTYPE lolz [<!ENTITY lol \"lol\">]><Project><Name>&lol;</Name></Project>".to_string(), "unknown entity"),
        (format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000)), "nested deeper"),
        ("<Project><Tasks><Task><UID>1</UID></Task><Task><UID>1</UID></Task></Tasks></Project>".to_string(), "used by two tasks"),
        ("<Project><MinutesPerDay>0</MinutesPerDay></Project>".to_string(), "not a working day"),
        ("<Project><Tasks><Task><UID>1</UID><Duration>PT99999999999999999999H</Duration></Task></Tasks></Project>".to_string(), ""),
        ("<Project><Calendars><Calendar><UID>1</UID><Exceptions><Exception><TimePeriod><FromDate>1900-01-01T00:00:00</FromDate><ToDate>9999-12-31T00:00:00</ToDate></TimePeriod><DayWorking>0</DayWorking></Exception></Exceptions></Calendar></Calendars></Project>".to_string(), ""),
    ];
    for (text, expect) in cases {
        match mspdi::from_str(&text, "bad.xml") {
            Err(e) => {
                let shown = e.to_string();
                assert!(shown.starts_with("bad.xml") && shown.contains(expect), "{shown} (expected '{expect}')");
            }
            // Huge values are findings or clamped, never a panic; the plan may be invalid.
            Ok(got) => assert!(expect.is_empty(), "expected an error '{expect}', got {:?}", got.findings),
        }
    }
    assert!(matches!(mspdi::from_str("<x/>", "x.xml"), Err(MspdiError::NotMspdi { .. })));
}

#[test]
fn cli_exports_and_imports_mspdi() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = bridger(d, &["new", "demo.bridger", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bridger(d, &["export", "demo.bridger", "-o", "demo.xml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(d.join("demo.xml")).unwrap().contains("<Project xmlns=\"http://schemas.microsoft.com/project\">"));
    let o = bridger(d, &["export", "demo.bridger", "-o", "demo.xml"]);
    assert!(!o.status.success() && stderr(&o).contains("already exists"));
    let o = bridger(d, &["import", "demo.xml", "-o", "back.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The same plan, but the rollout's own fields MS Project XML does not keep.
    let demo = bridger::store::read(&d.join("demo.bridger")).unwrap().without_templates();
    assert_eq!(bridger::store::read(&d.join("back.bridger")).unwrap(), demo);
    // To standard output with --format; a foreign file's findings on stderr.
    let o = bridger(d, &["export", "demo.bridger", "--format", "mspdi", "-o", "-"]);
    assert!(stdout(&o).starts_with("<?xml"));
    std::fs::write(d.join("foreign.xml"), fixture("foreign.xml")).unwrap();
    let o = bridger(d, &["import", "foreign.xml", "-o", "foreign.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("foreign.xml: task 4 'Install': "), "{}", stderr(&o));
    let o = bridger(d, &["check", "foreign.xml"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
