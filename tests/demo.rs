//! The demo plan is the first thing a new user sees: it must be valid, schedule, and show
//! the findings it was built to show.

use std::collections::HashSet;

use bridger::demo;
use bridger::health;
use bridger::schedule::schedule;

fn count(report: &health::Report, code: &str) -> usize {
    report.findings.iter().filter(|f| f.code == code).count()
}

#[test]
fn the_demo_plan_has_no_errors() {
    let report = health::check(&demo::plan());
    assert!(report.errors.is_empty(), "errors: {:#?}", report.errors);
}

#[test]
fn the_demo_plan_has_the_size_of_a_real_rollout() {
    let plan = demo::plan();
    let n = plan.initiatives.len();
    assert!((140..=170).contains(&n), "{n} initiatives");
    assert!((180..=250).contains(&plan.handoffs.len()), "{} handoffs", plan.handoffs.len());
    assert_eq!(plan.risks.len(), 20);
    assert_eq!(plan.teams.len(), 8);
    assert_eq!(plan.sites.len(), 40);
    assert_eq!(plan.waves.len(), 4);
    let waves: HashSet<&str> = plan.waves.iter().map(|w| w.id.as_str()).collect();
    for site in &plan.sites {
        let wave = site.wave.as_deref().unwrap_or_default();
        assert!(waves.contains(wave), "site {} is in no known wave", site.id);
    }
    for wave in &plan.waves {
        let stores = plan.sites.iter().filter(|s| s.wave.as_deref() == Some(wave.id.as_str())).count();
        assert!(stores >= 4, "wave {} has {stores} stores", wave.id);
    }
}

#[test]
fn every_initiative_has_an_owner_and_a_team() {
    let plan = demo::plan();
    let teams: HashSet<&str> = plan.teams.iter().map(|t| t.id.as_str()).collect();
    for i in &plan.initiatives {
        assert!(!i.owner.trim().is_empty(), "{} has no owner", i.id);
        let team = i.team.as_deref().unwrap_or_default();
        assert!(teams.contains(team), "{} has no known team", i.id);
        let d = i.duration;
        assert!(d.optimistic <= d.likely && d.likely <= d.pessimistic, "{} estimate out of order", i.id);
    }
}

#[test]
fn the_demo_plan_schedules_like_a_real_program() {
    let plan = demo::plan();
    let s = schedule(&plan).expect("the demo plan schedules");
    assert!((120..=320).contains(&s.makespan_days), "makespan {} working days", s.makespan_days);
    assert!(!s.critical_path.is_empty());
    // The path runs through the hardware, the pilot and the waves, not a side task.
    for id in ["hardware-delivery", "wave-1-gate", "wave-2-gate", "wave-3-gate", "wave-4-gate", "legacy-decommission"] {
        assert!(s.critical_path.iter().any(|c| c == id), "{id} is not critical: {:?}", s.critical_path);
    }
}

#[test]
fn the_demo_plan_shows_the_findings_it_was_built_for() {
    let report = health::check(&demo::plan());
    assert!(count(&report, "unowned-handoff") >= 3, "{:#?}", report.findings);
    assert!(count(&report, "unconfirmed-handoff") >= 3, "{:#?}", report.findings);
    assert_eq!(count(&report, "missed-deadline"), 1, "{:#?}", report.findings);
    assert_eq!(count(&report, "no-assumption"), 0);
    assert_eq!(count(&report, "no-team"), 0);
}

#[test]
fn the_demo_plan_is_the_same_on_every_call() {
    assert_eq!(demo::plan(), demo::plan());
}
