//! `simulate --levelled`: each iteration scheduled within capacity, so the forecast
//! includes the waiting for busy teams.

use bridger::model::{Effort, Estimate, Initiative, Plan, Team};
use bridger::schedule::{simulate, SimConfig};
use chrono::NaiveDate;

/// One team of one person at 100%; two initiatives of (8, 10, 12) days that each need the
/// whole team, with no handoff between them.
fn plan() -> Plan {
    let mut p = Plan::new("two on one team", NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
    p.teams.push(Team { utilization_target: 1.0, ..Team::new("t", "Team", 1.0) });
    for id in ["a", "b"] {
        let mut i = Initiative::new(id, id, "owner", 10);
        i.duration = Estimate { optimistic: 8, likely: 10, pessimistic: 12 };
        i.team = Some("t".into());
        i.effort.push(Effort { team: "t".into(), person_days: 10.0 });
        p.initiatives.push(i);
    }
    p
}

fn p50(plan: &Plan, levelled: bool) -> f64 {
    let config = SimConfig { iterations: 2000, seed: 7, threads: 2, drivers: 0, levelled, ..SimConfig::default() };
    let sim = simulate(plan, &config).unwrap();
    sim.percentiles.iter().find(|p| p.percent == 50).unwrap().finish.days
}

#[test]
fn the_levelled_forecast_waits_for_the_busy_team() {
    let p = plan();
    // Without capacity both run at once: the P50 is about the larger of two draws (~10.6).
    let free = p50(&p, false);
    assert!((9.5..12.0).contains(&free), "unlevelled P50 {free}");
    // Within capacity one waits for the other: about the sum (~20).
    let levelled = p50(&p, true);
    assert!((18.5..21.5).contains(&levelled), "levelled P50 {levelled}");
    // With room for both the levelled forecast is the same as the free one, give or take
    // the rounding to whole days.
    let mut roomy = p.clone();
    roomy.teams[0].fte = 2.0;
    let both = p50(&roomy, true);
    assert!((both - free).abs() <= 1.0, "levelled with room {both}, free {free}");
    // The same seed gives the same forecast.
    assert_eq!(p50(&p, true), levelled);
}

/// With no uncertainty, the levelled forecast of a plan whose leveling was accepted is that
/// leveling (or better): the scheme places the work in the order of the levelled starts,
/// and no team is over its capacity on any day of it.
#[test]
fn with_exact_durations_the_levelled_forecast_keeps_an_accepted_leveling() {
    use bridger::schedule::level::{level_plan, Config};
    let mut plan = bridger::demo::plan();
    for i in &mut plan.initiatives {
        i.duration = Estimate::exact(i.duration.likely);
    }
    for r in &mut plan.risks {
        r.probability = 0.0;
    }
    let l = level_plan(&plan, &Config { iterations: Some(2000), time_limit: None, seed: 3, threads: 1 }, None).unwrap();
    assert!(l.finish_after > bridger::schedule::cpm(&plan).unwrap().makespan, "the demo should need leveling, or this proves little");
    let before = p50(&plan, true);
    assert!(before >= l.lower_bound as f64, "{before} < {}", l.lower_bound);
    for (i, d) in plan.initiatives.iter_mut().zip(&l.delay) {
        i.leveling_delay = *d;
    }
    let after = p50(&plan, true);
    assert!(after <= l.finish_after as f64, "levelled forecast {after} after the accepted leveling's {}", l.finish_after);
    // Without capacity the same plan finishes at its CPM finish.
    assert_eq!(p50(&plan, false), l.finish_after as f64);
}

/// Criticality of a levelled forecast is that of the levelled iterations: of two
/// initiatives sharing one person, the one the scheme places second (the plan's order: b)
/// sets the finish in every iteration, and the first never does (it has the second's
/// duration of float), though without capacity each sets it about half the time. The
/// results say the run was levelled.
#[test]
fn the_levelled_forecast_counts_criticality_on_the_levelled_iterations() {
    let p = plan();
    let run =
        |levelled| simulate(&p, &SimConfig { iterations: 400, seed: 7, threads: 2, drivers: 0, levelled, ..SimConfig::default() }).unwrap();
    let free = run(false);
    assert!(free.criticality.iter().all(|c| (0.3..0.7).contains(c)), "without capacity: {:?}", free.criticality);
    let levelled = run(true);
    assert!(levelled.levelled && !free.levelled);
    assert_eq!(levelled.criticality, [0.0, 1.0]);
    let results = levelled.results(&p);
    assert!(results.levelled);
    assert_eq!(results.criticality.get("b"), Some(&1.0));

    // A chain with room to spare: the levelled iterations' driving path is the chain's.
    let mut chain = p.clone();
    chain.teams[0].fte = 2.0;
    chain.handoffs.push(bridger::model::Handoff::fs("h", "a", "b"));
    let c = simulate(&chain, &SimConfig { iterations: 100, seed: 7, drivers: 0, levelled: true, ..SimConfig::default() }).unwrap();
    assert_eq!((c.criticality.clone(), c.handoff_criticality.clone()), (vec![1.0, 1.0], vec![1.0]));
}
