//! What to stop (`bridger level --propose`): when the levelled plan finishes after its
//! target, the proposal defers the lowest-value work first, with what waits on it, until the
//! levelled finish meets the target; a plan that meets its target gets no proposal.

mod common;

use bridger::model::{Effort, Handoff, Initiative, Plan, Team};
use bridger::schedule::level::{level_plan, propose, Config, Proposal, ProposeConfig, ProposeError};
use chrono::NaiveDate;

/// One team of one person at 100%; four initiatives of 10 days that each need the whole
/// team and wait on nothing (so levelled they run one after the other: 40 days), and a
/// follow-up `e` of another team (no effort) that waits on `b`.
fn plan() -> Plan {
    let mut p = Plan::new("tight", NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
    p.teams.push(Team { utilization_target: 1.0, ..Team::new("t", "Team", 1.0) });
    p.teams.push(Team::new("u", "Other", 1.0));
    for (id, value, priority) in [("a", 10.0, 500), ("b", 1.0, 500), ("c", 5.0, 500), ("d", 8.0, 500)] {
        let mut i = Initiative::new(id, &format!("Initiative {id}"), "owner", 10);
        i.team = Some("t".into());
        i.effort.push(Effort { team: "t".into(), person_days: 10.0 });
        i.value = value;
        i.priority = priority;
        p.initiatives.push(i);
    }
    let mut e = Initiative::new("e", "Follow-up of b", "owner", 2);
    e.team = Some("u".into());
    p.initiatives.push(e);
    p.handoffs.push(Handoff::fs("h", "b", "e"));
    p
}

fn config() -> ProposeConfig {
    ProposeConfig { iterations: 200, seed: 3, candidates: 40, ..ProposeConfig::default() }
}

/// The date of working day `offset` (0 = the plan's start).
fn day(p: &Plan, offset: i64) -> NaiveDate {
    p.calendar.anchored(p.start).unwrap().date(offset).unwrap()
}

#[test]
fn a_tight_target_defers_the_lowest_value_work_first_until_the_levelled_plan_meets_it() {
    let p = plan();
    // Room for two of the four: the work must end with working day 19.
    let target = day(&p, 19);
    let proposal = propose(&p, Some(target), &config()).unwrap();
    assert_eq!(proposal.finish_before, 40, "{proposal:?}");
    assert!(proposal.meets, "{proposal:?}");
    assert!(proposal.finish_after <= 20, "{proposal:?}");
    let ids: Vec<&str> = proposal.deferred.iter().map(|d| d.initiative.as_str()).collect();
    assert_eq!(ids, ["b", "c"], "the two lowest values, lowest first: {proposal:?}");
    assert_eq!(proposal.deferred[0].successors, ["e"], "what waits on b goes with it");
    assert!(proposal.deferred[1].successors.is_empty());
    assert_eq!(proposal.value_deferred, 6.0);
    assert_eq!(proposal.value_total, 24.0);
    assert_eq!(proposal.days_gained(), proposal.deferred.iter().map(|d| d.days_gained).sum::<i64>());

    // The plan without what it defers, levelled on its own, meets the target.
    let mut kept = p.clone();
    kept.initiatives.retain(|i| !["b", "c", "e"].contains(&i.id.as_str()));
    kept.handoffs.clear();
    let l = level_plan(&kept, &Config { iterations: Some(200), time_limit: None, seed: 1, threads: 1 }, None).unwrap();
    assert!(l.finish_after <= 20);

    // Priority breaks a tie of value: the lower priority goes first.
    let mut tie = plan();
    tie.handoffs.clear();
    tie.initiatives[2].value = 1.0; // c as cheap as b
    let first = |p: &Plan| propose(p, Some(day(p, 29)), &config()).unwrap().deferred[0].initiative.clone();
    assert_eq!(first(&tie), "b", "equal value and priority: the plan's order");
    tie.initiatives[1].priority = 900;
    assert_eq!(first(&tie), "c", "equal value: the lower priority first");
}

#[test]
fn a_met_target_proposes_nothing_and_no_target_is_an_error() {
    let mut p = plan();
    let proposal = propose(&p, Some(day(&p, 39)), &config()).unwrap();
    assert!(proposal.meets && proposal.deferred.is_empty(), "{proposal:?}");
    assert_eq!(proposal.finish_after, proposal.finish_before);
    assert!(matches!(propose(&p, None, &config()), Err(ProposeError::NoTarget)));
    // The plan's own target is the default.
    p.target = Some(day(&p, 9));
    let proposal = propose(&p, None, &config()).unwrap();
    assert_eq!(proposal.deferred.len(), 3, "{proposal:?}");
    assert_eq!(proposal.deferred.iter().map(|d| d.initiative.as_str()).collect::<Vec<_>>(), ["b", "c", "d"]);
}

#[test]
fn bridger_level_propose_prints_the_proposal_and_changes_nothing() {
    // The tight plan in a file, its target working day 19 (room for two of the four): the
    // same command the demo runs, small enough for a debug build.
    let dir = tempfile::tempdir().unwrap();
    let mut tight = plan();
    tight.target = Some(day(&tight, 19));
    drop(bridger::store::PlanFile::create(&dir.path().join("tight.bridger"), &tight).unwrap());
    let before = std::fs::read(dir.path().join("tight.bridger")).unwrap();
    // a plan without a target date and no --target: a clear error
    assert!(common::bridger(dir.path(), &["new", "plain.bridger"]).status.success());
    let none = common::bridger(dir.path(), &["level", "plain.bridger", "--propose"]);
    assert!(!none.status.success());
    assert!(common::stderr(&none).contains("no target date"), "{}", common::stderr(&none));
    let args = ["level", "tight.bridger", "--propose", "--iterations", "100", "--json"];
    let out = common::bridger(dir.path(), &args);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert_eq!(v["meets"], true, "{v}");
    assert!(v["finish_after_date"].as_str().unwrap() <= day(&tight, 19).to_string().as_str(), "{v}");
    let ids: Vec<&str> = v["deferred"].as_array().unwrap().iter().map(|d| d["initiative"].as_str().unwrap()).collect();
    assert_eq!(ids, ["b", "c"], "the lowest values first: {v}");
    // --target wins over the plan's: a day later, the same two; the whole span, nothing.
    let later = day(&tight, 39).to_string();
    let out = common::bridger(dir.path(), &["level", "tight.bridger", "--propose", "--target", &later, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert!(v["deferred"].as_array().unwrap().is_empty(), "{v}");
    let text = common::bridger(dir.path(), &args[..args.len() - 1]);
    assert!(common::stdout(&text).contains("nothing changed"), "{}", common::stdout(&text));
    assert_eq!(std::fs::read(dir.path().join("tight.bridger")).unwrap(), before, "a proposal writes nothing");
}

#[test]
fn a_deferral_a_later_one_made_useless_goes_back_into_the_plan() {
    // x is the cheapest per day gained and goes first; y then gains enough alone, so x
    // goes back: the proposal defers y only.
    let mut p = Plan::new("prune", NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
    p.teams.push(Team { utilization_target: 1.0, ..Team::new("t", "Team", 1.0) });
    for (id, days, value) in [("x", 2, 0.1), ("y", 10, 1.0), ("z", 10, 10.0)] {
        let mut i = Initiative::new(id, id, "owner", days);
        i.team = Some("t".into());
        i.effort.push(Effort { team: "t".into(), person_days: f64::from(days) });
        i.value = value;
        p.initiatives.push(i);
    }
    let proposal = propose(&p, Some(day(&p, 11)), &config()).unwrap();
    assert_eq!(proposal.finish_before, 22);
    let ids: Vec<&str> = proposal.deferred.iter().map(|d| d.initiative.as_str()).collect();
    assert_eq!(ids, ["y"], "{proposal:?}");
    assert_eq!((proposal.finish_after, proposal.deferred[0].days_gained, proposal.value_deferred), (12, 10, 1.0));
    assert!(proposal.meets);
}

/// The pruning is exact: on generated plans with priorities (sites of twenty steps, values,
/// the sites tied to four ranked priorities), teams with room to spare or short of it, what
/// to stop with the bound proposes exactly what levelling every candidate does, and with
/// room to spare (the finish set by the chains of work) it levels fewer candidates.
#[test]
fn the_bound_changes_no_proposal_and_prunes_candidates() {
    for (room, seed) in [(2.0, 1), (2.0, 2), (0.9, 3), (0.9, 4), (1.2, 5)] {
        let p = bridger::gen::prioritized(100, room, seed);
        assert!(bridger::health::errors(&p).is_empty());
        let config = ProposeConfig { iterations: 30, seed, ..ProposeConfig::default() };
        let finish = level_plan(&p, &Config { iterations: Some(30), time_limit: None, seed, threads: 1 }, None).unwrap().finish_after;
        // A target a tenth before the levelled finish: work must go.
        let target = day(&p, finish - finish / 10 - 1);
        let pruned = propose(&p, Some(target), &config).unwrap();
        let every = propose(&p, Some(target), &ProposeConfig { prune: false, ..config.clone() }).unwrap();
        assert_eq!(Proposal { levelled: 0, ..pruned.clone() }, Proposal { levelled: 0, ..every.clone() }, "room {room}, seed {seed}");
        assert!(!pruned.deferred.is_empty(), "room {room}, seed {seed}: {pruned:?}");
        println!(
            "room {room}, seed {seed}: {} deferrals, {} of {} candidates levelled",
            pruned.deferred.len(),
            pruned.levelled,
            every.levelled
        );
        assert!(pruned.levelled <= every.levelled);
        if room >= 2.0 {
            assert!(pruned.levelled < every.levelled, "room {room}, seed {seed}: {} of {}", pruned.levelled, every.levelled);
        }
    }
}
