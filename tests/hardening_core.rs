//! Issue 22, "Hardening, second round": one regression test per defect found in the core.
//! The slow ones run at a scaled-down size and check how the time grows: doubling the
//! input must not take more than about 2.5 times as long (the minimum of a few runs, so a
//! loaded machine does not make them flake).

use std::time::{Duration, Instant};

use bridger::model::Plan;

/// The least of `reps` timings of `f`.
fn fastest(reps: usize, mut f: impl FnMut()) -> Duration {
    (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Asserts that `large` (twice the input of `small`) takes at most 2.5 times as long, each
/// the fastest of three runs after one to warm up.
fn grows_linearly(what: &str, mut small: impl FnMut(), mut large: impl FnMut()) {
    small();
    let a = fastest(3, &mut small);
    let b = fastest(3, &mut large);
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-9);
    assert!(ratio <= 2.5, "{what}: {a:?}, then {b:?} for twice the input: {ratio:.2}x");
}

/// `n` copies of one initiative of the demo with effort on three teams, side by side: the
/// weeks they share are over-allocated, loaded by all of them.
fn copies(n: usize) -> Plan {
    let demo = bridger::demo::plan();
    let uat = demo.initiatives.iter().find(|i| i.id == "uat").expect("the demo has 'uat'").clone();
    assert!(uat.effort.len() >= 2);
    let mut p = Plan::new("copies", demo.start);
    p.calendar = demo.calendar.clone();
    p.teams = demo.teams.clone();
    p.initiatives = (0..n)
        .map(|k| {
            let mut i = uat.clone();
            i.id = format!("uat-{k}");
            i
        })
        .collect();
    p
}

/// Item 9: `check` and `schedule` slowed down with effort (12.5k / 25k / 50k copies of a
/// demo initiative with effort: 0.59 / 1.40 / 6.54 s): each over-allocated run of weeks
/// looked up every initiative loading it in a list of those found so far, quadratic in
/// the initiatives loading one team.
#[test]
fn capacity_findings_grow_linearly_with_the_work_loading_a_team() {
    let (small, large) = (copies(3_000), copies(6_000));
    let report = bridger::health::check(&small);
    let over: Vec<_> = report.findings.iter().filter(|f| f.code == "over-allocated").collect();
    assert_eq!(over.len(), 3, "{over:?}");
    assert!(over[0].message.contains("and 2995 more"), "{}", over[0].message);
    let run = |p: &Plan| assert!(bridger::health::check(p).errors.is_empty());
    grows_linearly("health::check on 3,000 and 6,000 copies of one initiative", || run(&small), || run(&large));
}
