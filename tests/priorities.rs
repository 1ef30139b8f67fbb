//! Strategic priorities and deferral at work (issue 29): each finding on a plan with its
//! defect and not on one without; what to stop defers work serving no priority first, then
//! the lowest-ranked; a proposal accepted and undone leaves the file as it was (its JSON
//! export); deferred work is out of the schedule, the forecast and the capacity load, and in
//! the export; a handoff out of deferred work is a warning naming the waiting work.

mod common;

use bridger::model::{Deferral, Effort, Handoff, Initiative, Plan, Priority, Team};
use bridger::schedule::level::{propose, ProposeConfig};
use chrono::NaiveDate;

/// One team of one person at 100%; four initiatives of 10 days that each need the whole
/// team (levelled, one after the other: 40 days). `a` serves rank 1, `c` rank 2; `b` and `d`
/// serve nothing. Values: a 10, b 8, c 1, d 9 (the cheapest, c, serves a priority).
fn plan() -> Plan {
    let mut p = Plan::new("ranked", NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
    p.teams.push(Team { utilization_target: 1.0, ..Team::new("t", "Team", 1.0) });
    p.priorities.push(Priority::new("growth", "Growth", "Ana Ruiz", 1));
    p.priorities.push(Priority::new("cost", "Cost", "Li Wei", 2));
    for (id, value, serves) in [("a", 10.0, Some("growth")), ("b", 8.0, None), ("c", 1.0, Some("cost")), ("d", 9.0, None)] {
        let mut i = Initiative::new(id, &format!("Initiative {id}"), "Bo", 10);
        i.team = Some("t".into());
        i.effort.push(Effort { team: "t".into(), person_days: 10.0 });
        i.value = value;
        i.serves = serves.map(|s| vec![s.to_string()]).unwrap_or_default();
        p.initiatives.push(i);
    }
    p
}

fn day(p: &Plan, offset: i64) -> NaiveDate {
    p.calendar.anchored(p.start).unwrap().date(offset).unwrap()
}

fn codes(p: &Plan) -> Vec<(String, String)> {
    bridger::health::check(p).findings.into_iter().map(|f| (f.code, f.subject)).collect()
}

fn has(p: &Plan, code: &str) -> bool {
    codes(p).iter().any(|(c, _)| c == code)
}

#[test]
fn what_to_stop_defers_work_serving_no_priority_first_then_the_lowest_ranked() {
    let p = plan();
    let config = ProposeConfig { iterations: 200, seed: 3, ..ProposeConfig::default() };
    // Room for two of the four: the two serving no priority go, though c is the cheapest.
    let two = propose(&p, Some(day(&p, 19)), &config).unwrap();
    let ids: Vec<&str> = two.deferred.iter().map(|d| d.initiative.as_str()).collect();
    assert_eq!(ids, ["b", "d"], "{two:?}");
    assert!(two.meets && two.deferred.iter().all(|d| d.rank.is_none()));
    // Room for one: then rank 2 (c) before rank 1 (a).
    let three = propose(&p, Some(day(&p, 9)), &config).unwrap();
    let ids: Vec<&str> = three.deferred.iter().map(|d| d.initiative.as_str()).collect();
    assert_eq!(ids, ["b", "d", "c"], "{three:?}");
    assert_eq!(three.deferred[2].rank, Some(2));
    // Without priorities, value per day decides as before: c (value 1) first.
    let mut plain = plan();
    plain.priorities.clear();
    for i in &mut plain.initiatives {
        i.serves.clear();
    }
    assert_eq!(propose(&plain, Some(day(&plain, 29)), &config).unwrap().deferred[0].initiative, "c");
    // Work already deferred is no candidate, and is out of the leveling.
    let mut some = plan();
    some.initiatives[1].deferred = Some(Deferral { since: some.start, reason: String::new() });
    let p2 = propose(&some, Some(day(&some, 19)), &config).unwrap();
    assert_eq!(p2.finish_before, 30, "{p2:?}");
    assert_eq!(p2.deferred.iter().map(|d| d.initiative.as_str()).collect::<Vec<_>>(), ["d"]);
}

#[test]
fn each_priority_finding_shows_on_its_defect_and_not_without_it() {
    let good = plan();
    for code in
        ["priority-owner-not-a-person", "priority-unserved", "work-serves-no-priority", "priorities-compete", "handoff-from-deferred"]
    {
        if code != "work-serves-no-priority" && code != "priorities-compete" {
            assert!(!has(&good, code), "{code} on a plan without its defect: {:?}", codes(&good));
        }
    }
    // An owner that is a team (by name or id), or none.
    for owner in ["Team", "t", " "] {
        let mut p = plan();
        p.priorities[1].owner = owner.into();
        assert!(codes(&p).contains(&("priority-owner-not-a-person".into(), "cost".into())), "{owner}: {:?}", codes(&p));
    }
    // A priority no unfinished work serves (done or deferred work does not count).
    let mut p = plan();
    p.initiatives[2].status = bridger::model::Status::Done;
    assert!(codes(&p).contains(&("priority-unserved".into(), "cost".into())), "{:?}", codes(&p));
    let mut p = plan();
    p.initiatives[2].deferred = Some(Deferral { since: p.start, reason: "later".into() });
    assert!(codes(&p).contains(&("priority-unserved".into(), "cost".into())));
    // Work serving none: one finding listing it, not milestones, none once all is tied.
    let found = bridger::health::check(&good).findings.into_iter().find(|f| f.code == "work-serves-no-priority").unwrap();
    assert!(found.message.contains("2 initiatives are not tied to any priority: candidates to stop"), "{}", found.message);
    assert!(found.message.contains("'Initiative b'") && found.message.contains("'Initiative d'"), "{}", found.message);
    let mut tied = plan();
    tied.initiatives[1].serves = vec!["growth".into()];
    tied.initiatives[3].serves = vec!["cost".into()];
    tied.initiatives.push(Initiative::new("m", "A milestone", "Bo", 0));
    assert!(!has(&tied, "work-serves-no-priority"), "{:?}", codes(&tied));
    let mut none = plan();
    none.priorities.clear();
    for i in &mut none.initiatives {
        i.serves.clear();
    }
    assert!(!has(&none, "work-serves-no-priority"), "a plan without priorities has no such finding");
    // Two priorities of different rank on the same over-allocated team-weeks: all four run at
    // once (CPM), the team is over, a (rank 1) and c (rank 2) compete.
    let f = bridger::health::check(&good).findings.into_iter().find(|f| f.code == "priorities-compete").unwrap();
    assert_eq!(f.subject, "t", "the team is the subject: {f:?}");
    assert!(f.message.contains("'Growth' (rank 1) and 'Cost' (rank 2) compete for Team"), "{}", f.message);
    assert!(
        f.message.contains("in 2 weeks it is over capacity (the weeks of 2027-03-01 to 2027-03-08)"),
        "consecutive weeks as one span: {}",
        f.message
    );
    assert!(f.message.ends_with("'Growth' comes first; defer or move the work of 'Cost' on Team"), "{}", f.message);
    // One finding per team, however many priorities compete there: a third one on the same
    // team joins the same finding, the lower ranks named as the work to defer or move.
    let mut three = plan();
    three.priorities.push(Priority::new("loyalty", "Loyalty", "Kim Ode", 3));
    three.initiatives[1].serves = vec!["loyalty".into()];
    let all: Vec<_> = bridger::health::check(&three).findings.into_iter().filter(|f| f.code == "priorities-compete").collect();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(
        all[0].message.starts_with("'Growth' (rank 1), 'Cost' (rank 2) and 'Loyalty' (rank 3) compete for Team in "),
        "{}",
        all[0].message
    );
    assert!(all[0].message.ends_with("defer or move the work of 'Cost' and 'Loyalty' on Team"), "{}", all[0].message);
    // Work of one priority alone on an over-allocated team competes with nothing.
    let mut alone = plan();
    alone.initiatives[2].serves = vec!["growth".into()];
    assert!(!has(&alone, "priorities-compete"), "{:?}", codes(&alone));
    // With room for all, no competition.
    let mut roomy = plan();
    roomy.teams[0].fte = 10.0;
    assert!(!has(&roomy, "priorities-compete"), "{:?}", codes(&roomy));
}

#[test]
fn deferred_work_leaves_the_schedule_forecast_and_load_and_stays_in_the_export() {
    let mut p = plan();
    p.handoffs.push(Handoff::fs("h-b-d", "b", "d"));
    let before = bridger::schedule::schedule(&p).unwrap();
    assert!(before.initiatives.iter().any(|r| r.id == "b"));
    p.initiatives[1].deferred = Some(Deferral { since: p.start, reason: "budget".into() });
    // Schedule: no row for b; d no longer waits for it.
    let s = bridger::schedule::schedule(&p).unwrap();
    assert!(!s.initiatives.iter().any(|r| r.id == "b"), "{:?}", s.initiatives);
    assert_eq!(s.initiatives.iter().find(|r| r.id == "d").unwrap().early_start, 0);
    // Capacity: b loads nobody (three of the four 10-day jobs in the first weeks).
    let load = bridger::capacity::load(&p).unwrap();
    let asked: f64 = load[0].weeks.iter().map(|w| w.load).sum();
    assert!((asked - 30.0).abs() < 1e-6, "{asked}");
    assert!(load[0].weeks.iter().all(|w| w.initiatives.iter().all(|(id, _)| id != "b")));
    // Forecast: b is never critical, and a milestone behind it (deferred) has no date.
    let sim = bridger::schedule::simulate(&p, &bridger::schedule::SimConfig { iterations: 200, ..Default::default() }).unwrap();
    let r = sim.results(&p);
    assert_eq!(r.criticality.get("b"), Some(&0.0), "{:?}", r.criticality);
    assert!(r.priorities.contains_key("growth") && r.priorities.contains_key("cost"), "{:?}", r.priorities.keys());
    // Export: b is there with its deferral.
    let text = bridger::io::json::to_string(&p);
    let back = bridger::io::json::from_str(&text, "p.json").unwrap();
    assert_eq!(back.initiative("b").unwrap().deferred.as_ref().unwrap().reason, "budget");
    // The handoff out of deferred work is a warning naming the waiting work.
    let f = bridger::health::check(&p).findings.into_iter().find(|f| f.code == "handoff-from-deferred").unwrap();
    assert_eq!(f.subject, "h-b-d");
    assert!(f.message.starts_with("'Initiative d' waits for 'Initiative b', which is deferred"), "{}", f.message);
    // Into deferred work (d deferred, b not): no warning.
    p.initiatives[1].deferred = None;
    p.initiatives[3].deferred = Some(Deferral { since: p.start, reason: String::new() });
    assert!(!has(&p, "handoff-from-deferred"), "{:?}", codes(&p));
}

#[test]
fn propose_accept_then_undo_restores_the_file_exactly_and_defer_undefer_are_one_step_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ranked.bridger");
    let mut p = plan();
    p.target = Some(day(&p, 19));
    drop(bridger::store::PlanFile::create(&path, &p).unwrap());
    let export = |name: &str| {
        let out = common::bridger(dir.path(), &["export", "ranked.bridger", "-o", name]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        std::fs::read_to_string(dir.path().join(name)).unwrap()
    };
    let before = export("before.json");
    let out = common::bridger(dir.path(), &["level", "ranked.bridger", "--propose", "--accept", "--iterations", "200", "--seed", "3"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stdout(&out).contains("deferred 2 initiatives, as one edit"), "{}", common::stdout(&out));
    let plan = bridger::store::read(&path).unwrap();
    let deferred: Vec<&str> = plan.initiatives.iter().filter(|i| i.is_deferred()).map(|i| i.id.as_str()).collect();
    assert_eq!(deferred, ["b", "d"]);
    assert_ne!(export("after.json"), before);
    assert!(common::bridger(dir.path(), &["undo", "ranked.bridger"]).status.success());
    assert_eq!(export("undone.json"), before, "accept then undo restores the file exactly");
    // defer and undefer, one undo step each
    let out = common::bridger(dir.path(), &["defer", "ranked.bridger", "a", "c", "--reason", "board said so"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let plan = bridger::store::read(&path).unwrap();
    assert_eq!(plan.initiative("a").unwrap().deferred.as_ref().unwrap().reason, "board said so");
    assert!(plan.initiative("c").unwrap().is_deferred());
    let again = common::bridger(dir.path(), &["defer", "ranked.bridger", "a"]);
    assert!(!again.status.success() && common::stderr(&again).contains("already deferred"), "{}", common::stderr(&again));
    assert!(common::bridger(dir.path(), &["undefer", "ranked.bridger", "a"]).status.success());
    assert!(!bridger::store::read(&path).unwrap().initiative("a").unwrap().is_deferred());
    assert!(common::bridger(dir.path(), &["undo", "ranked.bridger"]).status.success());
    assert!(common::bridger(dir.path(), &["undo", "ranked.bridger"]).status.success());
    assert_eq!(export("undone2.json"), before);
}

#[test]
fn bridger_priorities_json_has_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ranked.bridger");
    let mut p = plan();
    p.priorities[0].target = Some(day(&p, 5));
    p.initiatives[3].status = bridger::model::Status::Blocked;
    p.initiatives[3].serves = vec!["cost".into()];
    drop(bridger::store::PlanFile::create(&path, &p).unwrap());
    let out = common::bridger(dir.path(), &["priorities", "ranked.bridger", "--json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let rows = v.as_array().unwrap();
    let mut keys: Vec<&str> = rows[0].as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut documented = ["id", "name", "owner", "rank", "target", "initiatives", "done", "blocked", "deferred", "finish", "p80", "status"];
    documented.sort_unstable();
    assert_eq!(keys, documented, "{v}");
    assert!(common::stdout(&out).find("\"id\"") < common::stdout(&out).find("\"status\""), "in the documented order");
    assert_eq!(rows[0]["id"], "growth");
    assert_eq!(rows[0]["target"], "2027-03-08");
    assert_eq!(rows[0]["finish"], "2027-03-12");
    assert_eq!(rows[0]["status"], "late", "its work finishes after its target");
    assert_eq!(rows[0]["p80"], serde_json::Value::Null, "no kept forecast");
    assert_eq!(rows[1]["initiatives"], serde_json::json!(["c", "d"]));
    assert_eq!((rows[1]["blocked"].as_u64(), rows[1]["status"].as_str()), (Some(1), Some("at_risk")));
    // With a kept forecast, P80 per priority.
    let out = common::bridger(dir.path(), &["simulate", "ranked.bridger", "--iterations", "500"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let out = common::bridger(dir.path(), &["priorities", "ranked.bridger", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert!(v[0]["p80"].as_str().is_some_and(|d| d >= "2027-03-12"), "{v}");
}
