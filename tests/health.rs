//! Schedule health (issue 31, docs/health.md): a small plan per metric and check with its
//! numerator and denominator known, on both sides of each threshold; the grade rule; and an
//! independent check: metrics 1-8 recomputed in the simplest way from the exported JSON and
//! the schedule's JSON, for generated plans (proptest) and for MS Project files made with
//! MPXJ (tests/fixtures/mspdi/saved).

mod common;

use std::collections::{HashMap, HashSet};

use bridger::api::assessment::{report, Grade, HealthReport, Measure, MeasureId, Options};
use bridger::drift::{Baseline, BaselineSchedule};
use bridger::model::{Handoff, Initiative, Kind, Plan, Priority, Risk, RiskStatus, Status, Team};
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Monday 4 January 2027: a start milestone `s`, work `w1`..`w20` of 5 working days each in
/// a chain of one team of two people (one busy at a time), a finish milestone `f`; owned by a person, each with a definition of
/// done. 100 working days; offset 99 is Friday 21 May 2027.
fn chain() -> Plan {
    let mut p = Plan::new("chain", d(2027, 1, 4));
    p.teams = vec![Team::new("t", "Fitters", 2.0)];
    let mut ids = vec!["s".to_string()];
    ids.extend((1..=20).map(|k| format!("w{k}")));
    ids.push("f".into());
    for id in &ids {
        let days = if id == "s" || id == "f" { 0 } else { 5 };
        let mut i = Initiative::new(id, &format!("Work {id}"), "Ana", days);
        i.team = Some("t".into());
        i.done_when = "signed off".into();
        p.initiatives.push(i);
    }
    for w in ids.windows(2) {
        p.handoffs.push(Handoff::fs(&format!("{}>{}", w[0], w[1]), &w[0], &w[1]));
    }
    p
}

fn assess(p: &Plan) -> HealthReport {
    report(p, None, Options::default()).unwrap()
}

fn metric(r: &HealthReport, n: u8) -> &Measure {
    r.metrics.iter().find(|m| m.id == MeasureId::Metric(n)).unwrap()
}

fn check<'a>(r: &'a HealthReport, id: &str) -> &'a Measure {
    r.checks.iter().find(|m| m.id == MeasureId::Check(id.into())).unwrap()
}

/// (numerator, denominator, pass).
fn nd(m: &Measure) -> (i64, i64, Option<bool>) {
    (m.numerator, m.denominator, m.pass)
}

fn initiative<'a>(p: &'a mut Plan, id: &str) -> &'a mut Initiative {
    p.initiatives.iter_mut().find(|i| i.id == id).unwrap()
}

fn handoff<'a>(p: &'a mut Plan, id: &str) -> &'a mut Handoff {
    p.handoffs.iter_mut().find(|h| h.id == id).unwrap()
}

/// A side branch `s -> x -> f` of `days` days.
fn side(p: &mut Plan, x: &str, days: i32) {
    let mut i = Initiative::new(x, &format!("Side {x}"), "Ana", days);
    i.team = Some("t".into());
    i.done_when = "signed off".into();
    p.initiatives.push(i);
    p.handoffs.push(Handoff::fs(&format!("s>{x}"), "s", x));
    p.handoffs.push(Handoff::fs(&format!("{x}>f"), x, "f"));
}

fn baseline_of(p: &Plan) -> Baseline {
    let s = bridger::schedule::schedule(p).unwrap();
    Baseline {
        name: "approved".into(),
        created: "2027-01-01T00:00:00Z".into(),
        status_date: None,
        of_record: true,
        plan: Some(p.clone()),
        schedule: BaselineSchedule::of(&s),
        forecast: None,
    }
}

#[test]
fn the_chain_is_green_and_every_metric_it_can_compute_passes() {
    let r = assess(&chain());
    assert_eq!(r.metrics.len(), 14);
    for m in &r.metrics {
        assert_ne!(m.pass, Some(false), "{m:?}");
    }
    for m in &r.checks {
        assert_ne!(m.pass, Some(false), "{m:?}");
    }
    assert_eq!(r.grade, Grade::Green);
    // Without a baseline, a status date or a target, these say why.
    for n in [9, 11, 13, 14] {
        assert!(metric(&r, n).value.is_none() && metric(&r, n).reason.is_some(), "{n}");
    }
}

#[test]
fn metric_1_logic_counts_open_work_missing_a_handoff_but_not_a_start_or_finish_milestone() {
    let mut p = chain();
    assert_eq!(nd(metric(&assess(&p), 1)), (0, 22, Some(true)), "s has no predecessor, f no successor: milestones");
    p.initiatives.push(Initiative::new("x", "Loose", "Ana", 3));
    assert_eq!(nd(metric(&assess(&p), 1)), (1, 23, Some(true)), "1/23 = 4.3%");
    p.initiatives.push(Initiative::new("y", "Loose too", "Ana", 0)); // a milestone missing both
    assert_eq!(nd(metric(&assess(&p), 1)), (2, 24, Some(false)), "2/24 = 8.3%");
    // Done work is not open.
    initiative(&mut p, "y").status = Status::Done;
    assert_eq!(nd(metric(&assess(&p), 1)), (1, 23, Some(true)));
}

#[test]
fn metrics_2_3_4_leads_lags_and_types_count_handoffs_into_open_work() {
    let mut p = chain();
    let r = assess(&p);
    assert_eq!((nd(metric(&r, 2)), nd(metric(&r, 3)), nd(metric(&r, 4))), ((0, 21, Some(true)), (0, 21, Some(true)), (21, 21, Some(true))));
    handoff(&mut p, "w1>w2").lag = -1;
    let r = assess(&p);
    assert_eq!(nd(metric(&r, 2)), (1, 21, Some(false)));
    assert_eq!(r.grade, Grade::Red, "a lead alone makes it red");
    handoff(&mut p, "w1>w2").lag = 0;
    handoff(&mut p, "w2>w3").lag = 2;
    let r = assess(&p);
    assert_eq!(nd(metric(&r, 3)), (1, 21, Some(true)), "1/21 = 4.8%");
    assert_eq!(r.grade, Grade::Green);
    handoff(&mut p, "w3>w4").lag = 1;
    let r = assess(&p);
    assert_eq!(nd(metric(&r, 3)), (2, 21, Some(false)), "2/21 = 9.5%");
    assert_eq!(r.grade, Grade::Amber, "one metric but 2, 7, 9, 12 fails");
    for h in ["w4>w5", "w5>w6"] {
        handoff(&mut p, h).kind = Kind::SS;
    }
    assert_eq!(nd(metric(&assess(&p), 4)), (19, 21, Some(true)), "19/21 = 90.5%");
    handoff(&mut p, "w6>w7").kind = Kind::FF;
    let r = assess(&p);
    assert_eq!(nd(metric(&r, 4)), (18, 21, Some(false)), "18/21 = 85.7%");
    assert_eq!(r.metrics[3].items.len(), 3, "its items are the handoffs that are not finish-to-start");
    // Into done work they do not count.
    for id in ["w1", "w2"] {
        initiative(&mut p, id).status = Status::Done;
    }
    assert_eq!(metric(&assess(&p), 2).denominator, 19);
}

#[test]
fn metric_5_deadlines_and_start_no_earlier_than_are_not_hard_constraints() {
    let mut p = chain();
    initiative(&mut p, "w3").start_no_earlier_than = Some(d(2027, 3, 1));
    initiative(&mut p, "w4").finish_no_later_than = Some(d(2027, 12, 1));
    assert_eq!(nd(metric(&assess(&p), 5)), (0, 22, Some(true)));
}

/// Metric 5 counts pinned work (a pinned start or finish, as MS Project's must-start-on and
/// must-finish-on): 1 of 22 open initiatives passes (4.5%), 2 fail (9.1%); pinned work that
/// is done is not open work and leaves both counts.
#[test]
fn metric_5_counts_pinned_starts_and_finishes() {
    use bridger::model::{Pin, PinAt, PinSource};
    let mut p = chain();
    let pin = |at, date| Some(Pin { at, date, source: PinSource::Bridger });
    initiative(&mut p, "w3").pinned = pin(PinAt::Start, d(2027, 3, 1));
    let r = assess(&p);
    assert_eq!(nd(metric(&r, 5)), (1, 22, Some(true)));
    assert!(metric(&r, 5).items.iter().any(|x| x.id == "w3"), "{:?}", metric(&r, 5).items);
    initiative(&mut p, "w4").pinned = pin(PinAt::Finish, d(2027, 12, 1));
    assert_eq!(nd(metric(&assess(&p), 5)), (2, 22, Some(false)));
    initiative(&mut p, "w4").status = Status::Done;
    assert_eq!(nd(metric(&assess(&p), 5)), (1, 21, Some(true)));
}

#[test]
fn metrics_6_and_7_high_and_negative_float() {
    let mut p = chain();
    side(&mut p, "x", 1);
    assert_eq!(nd(metric(&assess(&p), 6)), (1, 23, Some(true)), "x has 99 days of float: 1/23 = 4.3%");
    side(&mut p, "y", 56);
    assert_eq!(nd(metric(&assess(&p), 6)), (1, 24, Some(true)), "y has 44: not above 44");
    side(&mut p, "z", 55);
    assert_eq!(nd(metric(&assess(&p), 6)), (2, 25, Some(false)), "z has 45: 2/25 = 8%");

    let mut p = chain();
    assert_eq!(nd(metric(&assess(&p), 7)), (0, 22, Some(true)));
    // w20 cannot finish before offset 100 (21 May); a deadline of 14 May is 5 days short, and
    // everything upstream of it inherits the negative float (s and w1..w20); f does not.
    initiative(&mut p, "w20").finish_no_later_than = Some(d(2027, 5, 14));
    let r = assess(&p);
    assert_eq!(nd(metric(&r, 7)), (21, 22, Some(false)));
    assert_eq!(r.grade, Grade::Red);
}

#[test]
fn metric_8_high_duration_reads_the_baselines_duration_when_there_is_one() {
    let mut p = chain();
    initiative(&mut p, "w1").duration = bridger::model::Estimate::exact(45);
    assert_eq!(nd(metric(&assess(&p), 8)), (1, 20, Some(true)), "milestones are not counted: 1/20 = 5%");
    initiative(&mut p, "w2").duration = bridger::model::Estimate::exact(60);
    assert_eq!(nd(metric(&assess(&p), 8)), (2, 20, Some(false)));
    // Against a baseline where both were 5 days, the baseline's durations count.
    let base = baseline_of(&chain());
    let r = report(&p, Some(&base), Options::default()).unwrap();
    assert_eq!(nd(metric(&r, 8)), (0, 20, Some(true)));
    // A baseline of dates only: the working days from each start to its finish.
    let mut long = chain();
    initiative(&mut long, "w3").duration = bridger::model::Estimate::exact(50);
    let mut dates = baseline_of(&long);
    dates.plan = None;
    let r = report(&chain(), Some(&dates), Options::default()).unwrap();
    assert_eq!(nd(metric(&r, 8)), (1, 20, Some(true)));
    assert_eq!(metric(&r, 8).items[0].id, "w3");
}

/// The chain two weeks in (status date Friday 15 January): `s` and `w1` done on their
/// dates; `w2` done too when `w2_done`, else half done and late.
fn in_progress(w2_done: bool) -> Plan {
    let mut p = chain();
    p.status_date = Some(d(2027, 1, 15));
    let done = |i: &mut Initiative, start: NaiveDate, finish: NaiveDate| {
        i.status = Status::Done;
        i.progress = 1.0;
        i.actual_start = Some(start);
        i.actual_finish = Some(finish);
    };
    done(initiative(&mut p, "s"), d(2027, 1, 4), d(2027, 1, 4));
    done(initiative(&mut p, "w1"), d(2027, 1, 4), d(2027, 1, 8));
    if w2_done {
        done(initiative(&mut p, "w2"), d(2027, 1, 11), d(2027, 1, 15));
    } else {
        let w2 = initiative(&mut p, "w2");
        w2.status = Status::OnTrack;
        w2.progress = 0.5;
        w2.actual_start = Some(d(2027, 1, 11));
    }
    p
}

#[test]
fn metric_9_invalid_dates_needs_a_status_date_and_counts_actuals_after_it() {
    let r = assess(&chain());
    assert_eq!(metric(&r, 9).reason.as_deref(), Some("no status date"));
    let mut p = in_progress(true);
    assert_eq!(nd(metric(&assess(&p), 9)), (0, 22, Some(true)));
    initiative(&mut p, "w3").actual_start = Some(d(2027, 1, 18));
    initiative(&mut p, "w3").status = Status::OnTrack;
    let r = assess(&p);
    assert_eq!(nd(metric(&r, 9)), (1, 22, Some(false)));
    assert_eq!(r.grade, Grade::Red);
}

#[test]
fn metric_10_resources_counts_work_with_neither_team_nor_effort() {
    let mut p = chain();
    assert_eq!(nd(metric(&assess(&p), 10)), (0, 20, Some(true)));
    initiative(&mut p, "w5").team = None;
    assert_eq!(nd(metric(&assess(&p), 10)), (1, 20, Some(false)));
    initiative(&mut p, "w5").effort = vec![bridger::model::Effort { team: "t".into(), person_days: 3.0 }];
    assert_eq!(nd(metric(&assess(&p), 10)), (0, 20, Some(true)));
}

#[test]
fn metrics_11_and_14_missed_tasks_and_bei_against_the_baseline() {
    let base = baseline_of(&chain());
    // Due by 15 January in the baseline: s (4 Jan), w1 (8 Jan), w2 (15 Jan).
    let on_time = report(&in_progress(true), Some(&base), Options::default()).unwrap();
    assert_eq!(nd(metric(&on_time, 11)), (0, 3, Some(true)));
    assert_eq!(nd(metric(&on_time, 14)), (3, 3, Some(true)));
    let late = report(&in_progress(false), Some(&base), Options::default()).unwrap();
    assert_eq!(nd(metric(&late, 11)), (1, 3, Some(false)), "w2 finishes after 15 January");
    assert_eq!(nd(metric(&late, 14)), (2, 3, Some(false)), "2/3 < 0.95");
    let none = assess(&in_progress(false));
    assert!(metric(&none, 11).reason.as_deref().unwrap().starts_with("no baseline"));
    assert!(metric(&none, 14).reason.as_deref().unwrap().starts_with("no baseline"));
}

#[test]
fn metric_12_the_critical_path_test_moves_the_finish_by_600_or_fails() {
    let mut p = chain();
    let r = assess(&p);
    assert_eq!(nd(metric(&r, 12)), (600, 600, Some(true)));
    assert_eq!(metric(&r, 12).items[0].id, "s", "the first open initiative on the driving path");
    // s drives w1 by its start: 600 days more on s move the finish by 500, not 600.
    handoff(&mut p, "s>w1").kind = Kind::SS;
    let r = assess(&p);
    assert_eq!(nd(metric(&r, 12)), (500, 600, Some(false)));
    assert_eq!(r.grade, Grade::Red);
    // Work in progress: its remaining work grows.
    let r = assess(&in_progress(false));
    assert_eq!(metric(&r, 12).items[0].id, "w2");
    assert_eq!(nd(metric(&r, 12)), (600, 600, Some(true)));
}

#[test]
fn metric_13_cpli_needs_a_target_and_reads_the_float_against_it() {
    let mut p = chain();
    assert_eq!(metric(&assess(&p), 13).reason.as_deref(), Some("no target date"));
    p.target = Some(d(2027, 5, 21));
    assert_eq!(nd(metric(&assess(&p), 13)), (100, 100, Some(true)));
    p.target = Some(d(2027, 5, 7));
    let m = assess(&p);
    assert_eq!(nd(metric(&m, 13)), (90, 100, Some(false)), "10 days late: 0.9");
    // From the data date: 90 days left, the target 10 days late: 80/90.
    let mut p = in_progress(true);
    p.target = Some(d(2027, 5, 7));
    assert_eq!(nd(metric(&assess(&p), 13)), (80, 90, Some(false)));
}

#[test]
fn the_owner_and_definition_of_done_check() {
    let mut p = chain();
    assert_eq!(nd(check(&assess(&p), "owner-and-done-when")), (0, 22, Some(true)));
    initiative(&mut p, "w1").done_when = " ".into();
    initiative(&mut p, "w2").owner = "Fitters".into(); // a team's name
    initiative(&mut p, "w3").owner = "Fitters (no contact in MS Project)".into();
    initiative(&mut p, "w4").status = Status::Done;
    initiative(&mut p, "w4").owner = "Fitters".into(); // done: not counted
    let r = assess(&p);
    assert_eq!(nd(check(&r, "owner-and-done-when")), (3, 21, Some(false)));
    assert_eq!(r.grade, Grade::Amber);
}

#[test]
fn the_seam_capacity_risk_and_priority_checks() {
    let mut p = chain();
    // Inside one team an unowned handoff is no seam.
    assert_eq!(nd(check(&assess(&p), "seams-owned")), (0, 21, Some(true)));
    p.teams.push(Team::new("u", "Network", 1.0));
    initiative(&mut p, "w10").team = Some("u".into());
    assert_eq!(nd(check(&assess(&p), "seams-owned")), (2, 21, Some(false)));
    for h in ["w9>w10", "w10>w11"] {
        handoff(&mut p, h).owner = "Ana".into();
        handoff(&mut p, h).assumption = "kit on site".into();
        handoff(&mut p, h).confirmed = true;
    }
    assert_eq!(nd(check(&assess(&p), "seams-owned")), (0, 21, Some(true)));

    // Two people at 70% and two pieces of work in week 1: over capacity within 8 weeks.
    let mut p = chain();
    side(&mut p, "x", 5);
    let r = assess(&p);
    assert_eq!(nd(check(&r, "capacity")), (1, 1, Some(false)));
    assert_eq!(check(&r, "capacity").items[0].id, "t");
    // From a status date after it, the next 8 weeks are clear.
    p.status_date = Some(d(2027, 3, 1));
    for id in ["s", "w1"] {
        let i = initiative(&mut p, id);
        i.status = Status::Done;
        i.actual_start = Some(d(2027, 1, 4));
        i.actual_finish = Some(d(2027, 1, 8));
    }
    let x = initiative(&mut p, "x");
    x.status = Status::Done;
    x.actual_start = Some(d(2027, 1, 4));
    x.actual_finish = Some(d(2027, 1, 8));
    assert_eq!(nd(check(&assess(&p), "capacity")), (0, 1, Some(true)));

    let mut p = chain();
    let mut risk = Risk {
        id: "r".into(),
        title: "Kit late".into(),
        owner: "Ana".into(),
        probability: 0.9,
        impact: 5,
        mitigation: "second supplier".into(),
        status: RiskStatus::Open,
        initiatives: vec!["w1".into()],
        schedule_impact: None,
    };
    p.risks.push(risk.clone());
    assert_eq!(nd(check(&assess(&p), "high-risks")), (0, 1, Some(true)));
    risk.mitigation.clear();
    p.risks = vec![risk.clone()];
    assert_eq!(nd(check(&assess(&p), "high-risks")), (1, 1, Some(false)));
    risk.mitigation = "m".into();
    risk.owner = "Fitters".into();
    p.risks = vec![risk.clone()];
    assert_eq!(nd(check(&assess(&p), "high-risks")), (1, 1, Some(false)));
    risk.probability = 0.3; // 2 x 5 = 10: medium, not checked
    p.risks = vec![risk];
    assert!(check(&assess(&p), "high-risks").pass.is_none());

    let mut p = chain();
    p.priorities = vec![Priority::new("a", "Faster checkout", "Ana", 1), Priority::new("b", "Retire tills", "Fitters", 2)];
    for i in &mut p.initiatives {
        i.serves = vec!["a".into(), "b".into()];
    }
    let r = assess(&p);
    assert_eq!(nd(check(&r, "priority-owners")), (1, 2, Some(false)));
    assert_eq!(check(&r, "priority-owners").items[0].id, "b");
}

#[test]
fn the_review_rhythm_check_counts_the_not_updated_finding() {
    let p = in_progress(false);
    let r = assess(&p);
    let m = check(&r, "review-rhythm");
    // w2 is under way and never said where it stands: the `not-updated` finding's subjects.
    let s = bridger::schedule::schedule(&p).unwrap();
    let stale: HashSet<String> =
        bridger::health::findings(&p, Some(&s)).into_iter().filter(|f| f.code == "not-updated").map(|f| f.subject).collect();
    let items: HashSet<String> = m.items.iter().map(|x| x.id.clone()).collect();
    assert!(stale.contains("w2"), "{stale:?}");
    assert_eq!(items, stale);
    assert_eq!(m.denominator as usize, bridger::review::due(&p, &s).len());
    assert_eq!(m.pass, Some(false));
    assert!(assess(&chain())
        .checks
        .iter()
        .any(|c| c.id == MeasureId::Check("review-rhythm".into()) && c.reason.as_deref() == Some("no status date")));
}

#[test]
fn more_than_three_failing_metrics_make_it_red() {
    let mut p = chain();
    handoff(&mut p, "w2>w3").lag = 2;
    handoff(&mut p, "w3>w4").lag = 1; // 3
    for h in ["w4>w5", "w5>w6", "w6>w7"] {
        handoff(&mut p, h).kind = Kind::SS; // 4
    }
    p.initiatives.push(Initiative::new("x", "Loose", "Ana", 3));
    p.initiatives.push(Initiative::new("y", "Loose too", "Ana", 3)); // 1, 6 (97 days of float), 10
    let r = assess(&p);
    let failing: Vec<&MeasureId> = r.metrics.iter().filter(|m| m.pass == Some(false)).map(|m| &m.id).collect();
    let expect = [1, 3, 4, 6, 10].map(MeasureId::Metric);
    assert_eq!(failing, expect.iter().collect::<Vec<_>>());
    assert_eq!(r.grade, Grade::Red);
}

// ---- the independent check ----------------------------------------------------------

/// Metrics 1-8 as (numerator, denominator), recomputed from the plan's exported JSON and
/// its schedule's JSON in the simplest way (docs/health.md).
fn recompute(plan_json: &Value, schedule_json: &Value) -> Vec<(i64, i64)> {
    let inits = plan_json["initiatives"].as_array().cloned().unwrap_or_default();
    let handoffs = plan_json["handoffs"].as_array().cloned().unwrap_or_default();
    let open = |i: &Value| i["status"] != "done" && i.get("deferred").is_none_or(Value::is_null);
    let milestone = |i: &Value| ["optimistic", "likely", "pessimistic"].iter().all(|k| i["duration"][k].as_i64() == Some(0));
    let open_ids: HashSet<&str> = inits.iter().filter(|i| open(i)).map(|i| i["id"].as_str().unwrap()).collect();
    let n_open = open_ids.len() as i64;
    let froms: HashSet<&str> = handoffs.iter().map(|h| h["from"].as_str().unwrap()).collect();
    let tos: HashSet<&str> = handoffs.iter().map(|h| h["to"].as_str().unwrap()).collect();
    let mut logic = 0;
    for i in inits.iter().filter(|i| open(i)) {
        let id = i["id"].as_str().unwrap();
        let (p, s) = (tos.contains(id), froms.contains(id));
        if if milestone(i) { !p && !s } else { !p || !s } {
            logic += 1;
        }
    }
    let into: Vec<&Value> = handoffs.iter().filter(|h| open_ids.contains(h["to"].as_str().unwrap())).collect();
    let lag = |h: &Value| h["lag"].as_i64().unwrap_or(0);
    let kind = |h: &Value| h["kind"].as_str().unwrap_or("FS").to_string();
    let float: HashMap<&str, i64> = schedule_json["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["total_float"].as_i64().unwrap()))
        .collect();
    let open_float = |f: &dyn Fn(i64) -> bool| open_ids.iter().filter(|id| f(float[*id])).count() as i64;
    let non_ms: Vec<&Value> = inits.iter().filter(|i| open(i) && !milestone(i)).collect();
    let n = into.len() as i64;
    vec![
        (logic, n_open),
        (into.iter().filter(|h| lag(h) < 0).count() as i64, n),
        (into.iter().filter(|h| lag(h) > 0).count() as i64, n),
        (into.iter().filter(|h| kind(h) == "FS").count() as i64, n),
        (inits.iter().filter(|i| open(i) && i.get("pinned").is_some_and(|p| !p.is_null())).count() as i64, n_open),
        (open_float(&|f| f > 44), n_open),
        (open_float(&|f| f < 0), n_open),
        (non_ms.iter().filter(|i| i["duration"]["likely"].as_i64().unwrap() > 44).count() as i64, non_ms.len() as i64),
    ]
}

/// The assessment's metrics 1-8 against the recomputation (a metric not computed for want of
/// a denominator counts as 0 of 0).
fn agrees(plan: &Plan) -> Result<(), String> {
    let r = assess(plan);
    let plan_json: Value = serde_json::from_str(&bridger::io::json::to_string(plan)).unwrap();
    let s = bridger::api::valid_schedule(plan).unwrap();
    let schedule_json: Value = serde_json::to_value(&s).unwrap();
    let want = recompute(&plan_json, &schedule_json);
    let got: Vec<(i64, i64)> = r.metrics[..8].iter().map(|m| (m.numerator, m.denominator)).collect();
    if got == want {
        Ok(())
    } else {
        Err(format!("metrics 1-8: {got:?}, recomputed {want:?}"))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The critical path test lengthens the network in place: the same length as the plan
    /// with the longer estimate scheduled, for any initiative of any generated plan.
    #[test]
    fn a_lengthened_network_schedules_as_the_plan_with_the_longer_estimate(n in 2usize..80, per in 0usize..3, seed in any::<u64>(), kinds: bool, pick in any::<usize>(), days in 1i64..700) {
        let plan = bridger::gen::plan(n, per, seed, kinds);
        prop_assume!(bridger::health::errors(&plan).is_empty());
        let k = pick % plan.initiatives.len();
        let (mut net, ends) = bridger::schedule::Network::with_ends(&plan).unwrap();
        let kinds: Vec<Kind> = plan.handoffs.iter().map(|h| h.kind).collect();
        prop_assert!(net.lengthen(&ends, &kinds, k, days));
        let cal = plan.calendar.anchored(plan.start).unwrap();
        let lengthened = bridger::schedule::passes(&net, &cal).makespan;
        let mut longer = plan.clone();
        let d = &mut longer.initiatives[k].duration;
        d.optimistic += days as i32;
        d.likely += days as i32;
        d.pessimistic += days as i32;
        prop_assert_eq!(lengthened, bridger::schedule::cpm(&longer).unwrap().makespan);
    }

    #[test]
    fn metrics_1_to_8_agree_with_a_recomputation_on_generated_plans(n in 1usize..120, per in 0usize..3, seed in any::<u64>(), kinds: bool, done in 0usize..4) {
        let mut plan = bridger::gen::plan(n, per, seed, kinds);
        // Some work done, some deferred: the population is open work.
        let mut rng = bridger::gen::Rng::new(seed);
        for i in &mut plan.initiatives {
            match rng.below(8) {
                0 if done > 0 => i.status = Status::Done,
                1 if done > 1 => i.deferred = Some(bridger::model::Deferral { since: d(2027, 1, 4), reason: String::new() }),
                2 => i.duration.likely = i.duration.likely.max(45) + (rng.below(10) as i32),
                _ => {}
            }
            i.duration.pessimistic = i.duration.pessimistic.max(i.duration.likely);
        }
        prop_assume!(bridger::health::errors(&plan).is_empty());
        prop_assert_eq!(agrees(&plan), Ok(()));
    }
}

#[test]
fn metrics_1_to_8_agree_with_a_recomputation_on_ms_project_files_made_with_mpxj() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mspdi/saved");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "xml")).collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let plan = bridger::io::mspdi::from_str(&text, &f.display().to_string()).unwrap().plan;
        if let Err(e) = agrees(&plan) {
            panic!("{}: {e}", f.display());
        }
    }
}

/// The pages of the brief of `plan` as text, one string per page (words joined by spaces).
fn brief_pages(plan: &Plan) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.pdf");
    let options =
        bridger::brief::BriefOptions { paper: bridger::api::Paper::A4, date: d(2027, 2, 8), simulation: None, since: None, record: None };
    std::fs::write(&out, bridger::brief::render(plan, &options).unwrap()).unwrap();
    let o = std::process::Command::new("pdftotext").args(["-layout"]).arg(&out).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout).split('\u{c}').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn the_brief_says_the_grade_and_the_failing_metrics_on_page_one_and_has_the_table_later() {
    let demo = bridger::demo::plan();
    let r = assess(&demo);
    let failing: Vec<String> = r.metrics.iter().filter(|m| m.pass == Some(false)).map(|m| m.name.to_lowercase()).collect();
    assert!(failing.len() >= 2, "{failing:?}");
    let pages = brief_pages(&demo);
    let grade = format!("{:?}", r.grade).to_lowercase();
    assert!(pages[0].contains(&format!("Schedule health: {grade} ({} fail).", failing.join(", "))), "{}", pages[0]);
    let table = pages
        .iter()
        .position(|p| p.starts_with("Schedule health") || p.contains("Schedule health Schedule health is"))
        .expect("a page of the table");
    assert!(table > 0);
    for m in r.metrics.iter().chain(&r.checks) {
        // (a long name wraps in its cell: its first words)
        let start = m.name.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(pages[table].contains(&start), "{} on the table's page: {}", m.name, pages[table]);
    }
    // A green plan says so.
    let pages = brief_pages(&chain());
    assert!(pages[0].contains("Schedule health: green."), "{}", pages[0]);
}

#[test]
fn bridger_health_prints_the_table_and_the_json_shape_and_measures_against_a_named_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let new = common::bridger(dir.path(), &["new", "d.bridger", "--demo"]);
    assert!(new.status.success(), "{}", common::stderr(&new));
    let o = common::bridger(dir.path(), &["health", "d.bridger", "--json"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let j: Value = serde_json::from_str(&common::stdout(&o)).unwrap();
    let ids: Vec<i64> = j["metrics"].as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, (1..=14).collect::<Vec<_>>());
    for m in j["metrics"].as_array().unwrap().iter().chain(j["checks"].as_array().unwrap()) {
        for k in ["name", "numerator", "denominator", "value", "threshold", "pass", "items"] {
            assert!(m.get(k).is_some(), "{k} in {m}");
        }
        assert!(["<=", ">=", "="].contains(&m["threshold"]["op"].as_str().unwrap()));
        assert_eq!(m["value"].is_null(), m["reason"].is_string(), "a reason exactly when not computed: {m}");
    }
    assert!(j["checks"].as_array().unwrap().iter().all(|c| c["id"].is_string()));
    assert!(["green", "amber", "red"].contains(&j["grade"].as_str().unwrap()));
    assert_eq!(j["metrics"][10]["reason"], "no baseline kept");

    // The text: one line per metric and per check, the grade first.
    let text = common::stdout(&common::bridger(dir.path(), &["health", "d.bridger"]));
    assert!(text.starts_with(&format!("d.bridger: schedule health {}", j["grade"].as_str().unwrap().to_uppercase())), "{text}");
    for m in j["metrics"].as_array().unwrap() {
        let line = format!("{:>2} {}", m["id"].as_i64().unwrap(), m["name"].as_str().unwrap());
        assert_eq!(text.lines().filter(|l| l.starts_with(&line)).count(), 1, "{line}: {text}");
    }

    // A baseline named that the file does not keep: refused, naming it.
    let o = common::bridger(dir.path(), &["health", "d.bridger", "--baseline", "Q1 review"]);
    assert!(!o.status.success());
    assert!(common::stderr(&o).contains("Q1 review"), "{}", common::stderr(&o));
    // Kept: the baseline metrics are computed against it (the plan as it is: nothing missed).
    let kept = common::bridger(dir.path(), &["baseline", "d.bridger", "--name", "Q1 review"]);
    assert!(kept.status.success(), "{}", common::stderr(&kept));
    for args in [&["health", "d.bridger", "--json", "--baseline", "Q1 review"][..], &["health", "d.bridger", "--json"][..]] {
        let j: Value = serde_json::from_str(&common::stdout(&common::bridger(dir.path(), args))).unwrap();
        let eleven = &j["metrics"][10];
        assert!(eleven["value"].is_number(), "{eleven}");
        assert_eq!(eleven["numerator"], 0, "nothing slipped since the baseline was kept: {eleven}");
    }
}
