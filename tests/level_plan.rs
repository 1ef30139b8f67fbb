//! Leveling a plan: the levelled demo plan asks no team more than its capacity in any week,
//! the same seed and budget give the same leveling, `bridger level` saves it as one edit
//! that undo takes back, and on generated plans (all four handoff kinds with lags, teams
//! whose people change over time, work under way) no team is loaded over its capacity on
//! any day, checked here from the plan itself.

mod common;

use bridger::capacity;
use bridger::model::{leveling_fingerprint, CapacityChange, Effort, Handoff, Initiative, Kind, Plan, Status, Team};
use bridger::schedule::level::{level_plan, Config, PlanLeveling};
use chrono::NaiveDate;
use proptest::prelude::*;

fn config(seed: u64) -> Config {
    Config { iterations: Some(3000), time_limit: None, seed, threads: 2 }
}

fn levelled(plan: &Plan, l: &PlanLeveling) -> Plan {
    let mut p = plan.clone();
    for (i, d) in p.initiatives.iter_mut().zip(&l.delay) {
        i.leveling_delay = *d;
    }
    p
}

/// Every (team, offset, load, room) where the initiatives leveling moves ask a team more
/// person-days than it has that day (people x utilization target) beside the work that
/// stays where it is (`fixed`); initiatives in `skip` are left out.
fn overloads(plan: &Plan, fixed: &[String], skip: &[String]) -> Vec<(String, i64, f64, f64)> {
    let c = bridger::schedule::cpm(plan).unwrap();
    let cal = plan.calendar.anchored(plan.start).unwrap();
    let mut out = Vec::new();
    for t in &plan.teams {
        for day in 0..c.makespan {
            let date = cal.date(day).unwrap();
            let (mut moved, mut stays) = (0.0, 0.0);
            for (k, i) in plan.initiatives.iter().enumerate() {
                if c.early_start[k] <= day && day < c.early_finish[k] && !skip.contains(&i.id) {
                    let load = i.effort_by_team().iter().filter(|e| e.0 == t.id).map(|e| e.1).sum::<f64>() / f64::from(i.duration.likely);
                    if fixed.contains(&i.id) {
                        stays += load;
                    } else {
                        moved += load;
                    }
                }
            }
            let room = (t.fte_on(date) * t.utilization_target - stays).max(0.0);
            if moved > room + 1e-9 {
                out.push((t.id.clone(), day, moved, room));
            }
        }
    }
    out
}

#[test]
fn the_levelled_demo_plan_has_no_over_allocated_team_week_and_is_deterministic() {
    let plan = bridger::demo::plan();
    let before: usize = capacity::load(&plan).unwrap().iter().map(|t| t.weeks.iter().filter(|w| w.over()).count()).sum();
    assert!(before > 0, "the demo plan should be over-allocated before leveling, or this test proves nothing");
    let l = level_plan(&plan, &config(5), None).unwrap();
    assert!(l.over_capacity.is_empty(), "{:?}", l.over_capacity);
    let after = levelled(&plan, &l);
    let loads = capacity::load(&after).unwrap();
    let over: Vec<String> = loads
        .iter()
        .flat_map(|t| {
            t.weeks.iter().filter(|w| w.over()).map(move |w| format!("{} {} {:.2} > {:.2}", t.team, w.monday, w.load, w.capacity))
        })
        .collect();
    assert!(over.is_empty(), "over-allocated after leveling: {over:?}");
    assert!(capacity::findings(&after, &loads).is_empty());
    // Before leveling, each finding names an over-allocated team, its weeks and by how much,
    // and the initiatives loading it in those weeks.
    let loads = capacity::load(&plan).unwrap();
    let findings = capacity::findings(&plan, &loads);
    assert!(!findings.is_empty());
    for f in &findings {
        assert_eq!(f.code, "over-allocated");
        assert!(f.message.contains("person-days a week"), "{}", f.message);
        let team = loads.iter().find(|t| t.team == f.subject).expect("the subject is a team");
        // named by their names, not ids (issue 26)
        let named = f.message.split("most of it: ").nth(1).unwrap();
        let shown: Vec<_> = plan.initiatives.iter().filter(|i| named.contains(&format!("'{}'", i.name))).collect();
        assert!(!shown.is_empty(), "{}", f.message);
        for i in shown {
            let loads_it = team.weeks.iter().filter(|w| w.over()).any(|w| w.initiatives.iter().any(|(x, _)| *x == i.id));
            assert!(loads_it, "{} does not load {} in an over-allocated week: {}", i.id, f.subject, f.message);
        }
    }
    assert_eq!(overloads(&after, &[], &[]), Vec::new());
    assert!(l.finish_after >= l.finish_before.min(l.lower_bound));
    assert_eq!(l, level_plan(&plan, &config(5), None).unwrap(), "the same seed and budget must give the same leveling");
}

#[test]
fn bridger_level_saves_one_edit_that_undo_takes_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::bridger(dir.path(), &["new", "demo.bridger", "--demo"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let dry = common::bridger(dir.path(), &["level", "demo.bridger", "--iterations", "2000", "--seed", "3", "--dry-run"]);
    assert!(dry.status.success(), "{}", common::stderr(&dry));
    assert!(common::stdout(&dry).contains("dry run: nothing saved"));
    let file = dir.path().join("demo.bridger");
    let untouched = bridger::store::read(&file).unwrap();
    assert!(untouched.initiatives.iter().all(|i| i.leveling_delay == 0) && untouched.leveling_basis.is_none());

    let out = common::bridger(dir.path(), &["level", "demo.bridger", "--iterations", "2000", "--seed", "3"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let plan = bridger::store::read(&file).unwrap();
    assert_eq!(plan.leveling_basis.as_deref(), Some(leveling_fingerprint(&plan).as_str()));
    assert!(plan.initiatives.iter().any(|i| i.leveling_delay > 0));
    assert_eq!(overloads(&plan, &[], &[]), Vec::new());
    let check = common::bridger(dir.path(), &["check", "demo.bridger"]);
    assert!(!common::stdout(&check).contains("leveling-stale"), "{}", common::stdout(&check));

    let undo = common::bridger(dir.path(), &["undo", "demo.bridger"]);
    assert!(undo.status.success(), "{}", common::stderr(&undo));
    let back = bridger::store::read(&file).unwrap();
    assert!(back.initiatives.iter().all(|i| i.leveling_delay == 0) && back.leveling_basis.is_none());
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::FS), Just(Kind::SS), Just(Kind::FF), Just(Kind::SF)]
}

/// A small plan: three teams (one losing people, one gaining), initiatives with effort on
/// one or two teams, a few done or under way, handoffs of every kind with lags.
fn plan() -> impl Strategy<Value = Plan> {
    (2usize..14)
        .prop_flat_map(|n| {
            (
                prop::collection::vec((0i32..8, 0usize..3, 0.0f64..12.0, 0usize..3, 0u8..10), n),
                prop::collection::vec((0..n, 0..n, kind(), -3i32..5), 0..(2 * n)),
                (1.0f64..4.0, 0.5f64..1.0, 0u64..30, 0.0f64..3.0),
                0usize..3,
            )
        })
        .prop_map(|(inits, links, (fte, util, change_day, change_fte), under_way)| {
            let start = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
            let mut p = Plan::new("generated", start);
            for k in 0..3 {
                let mut t = Team { utilization_target: util, ..Team::new(&format!("t{k}"), &format!("Team {k}"), fte) };
                if k > 0 {
                    let from = start + chrono::Days::new(change_day + 7 * k as u64);
                    t.capacity.push(CapacityChange { from, fte: if k == 1 { change_fte.max(0.5) } else { fte + change_fte } });
                }
                p.teams.push(t);
            }
            // Work done or under way comes first, so only such work leads into it (as in a
            // real plan: nothing under way waits on work not started).
            for (k, (days, team, pd, second, state)) in inits.into_iter().enumerate() {
                let mut i = Initiative::new(&format!("i{k}"), &format!("Initiative {k}"), "owner", days);
                i.team = Some(format!("t{team}"));
                i.effort.push(Effort { team: format!("t{team}"), person_days: pd * f64::from(days.max(1)) / 8.0 });
                if second != team {
                    i.effort.push(Effort { team: format!("t{second}"), person_days: pd / 2.0 });
                }
                if k < under_way {
                    match state % 2 {
                        0 => i.status = Status::Done,
                        _ => i.progress = 0.5,
                    }
                }
                p.initiatives.push(i);
            }
            for (h, (a, b, kind, lag)) in links.into_iter().filter(|(a, b, _, _)| a < b).enumerate() {
                let mut x = Handoff::fs(&format!("h{h}"), &format!("i{a}"), &format!("i{b}"));
                x.kind = kind;
                x.lag = lag;
                p.handoffs.push(x);
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn a_levelled_plan_loads_no_team_over_its_capacity_on_any_day(p in plan(), seed in 0u64..100) {
        prop_assume!(bridger::model::validate(&p).is_empty());
        let l = level_plan(&p, &Config { iterations: Some(100), time_limit: None, seed, threads: 1 }, None).unwrap();
        let after = levelled(&p, &l);
        prop_assert!(bridger::model::validate(&after).is_empty());
        // Work already done or under way stays where it was (it keeps its delay); the
        // rest fits beside it. What cannot fit at all is listed and left out.
        let skip: Vec<String> = l.over_capacity.iter().map(|o| o.initiative.clone()).collect();
        let mut fixed = Vec::new();
        for (k, i) in p.initiatives.iter().enumerate() {
            if i.status == Status::Done || i.progress > 0.0 {
                fixed.push(i.id.clone());
                prop_assert_eq!(l.delay[k], i.leveling_delay);
            }
        }
        let o = overloads(&after, &fixed, &skip);
        prop_assert!(o.is_empty(), "{:?}", o);
        prop_assert_eq!(bridger::schedule::cpm(&after).unwrap().makespan, l.finish_after);
        prop_assert!(l.lower_bound <= l.finish_after);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// `check` lists the over-allocated weeks through the fast path (ids looked at only in
    /// over-allocated weeks); it must say exactly what the full table says.
    #[test]
    fn check_lists_the_same_over_allocation_as_the_weekly_table(p in plan(), tail in 0i32..60) {
        // Work that asks no effort may run past the last that does (findings stop there).
        let mut p = p;
        p.initiatives.push(Initiative::new("tail", "Tail", "owner", tail));
        prop_assume!(bridger::model::validate(&p).is_empty());
        let c = bridger::schedule::cpm(&p).unwrap();
        let table = capacity::findings(&p, &capacity::load_at(&p, &c.early_start, &c.early_finish).unwrap());
        prop_assert_eq!(&capacity::findings_at(&p, &c.early_start, &c.early_finish).unwrap(), &table);
        let checked: Vec<_> = bridger::health::check(&p).findings.into_iter().filter(|f| f.code == "over-allocated").collect();
        prop_assert_eq!(checked, table);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// The scheme `simulate --levelled` runs on each iteration's durations keeps every
    /// handoff (on those durations) and every team's capacity on every day.
    #[test]
    fn the_sampled_serial_scheme_keeps_handoffs_and_capacity(p in plan(), draws in prop::collection::vec(0i64..15, 14)) {
        prop_assume!(bridger::model::validate(&p).is_empty());
        let one = Config { iterations: Some(1), time_limit: None, seed: 1, threads: 1 };
        prop_assume!(level_plan(&p, &one, None).unwrap().over_capacity.is_empty());
        let mut sgs = bridger::schedule::level::sampled_serial(&p).unwrap();
        let d: Vec<i64> = (0..p.initiatives.len()).map(|k| draws[k % draws.len()]).collect();
        sgs.run(&d);
        let start = sgs.start.clone();
        let at = |id: &str| p.initiatives.iter().position(|i| i.id == id).unwrap();
        let fixed: Vec<bool> = p.initiatives.iter().map(|i| i.status == Status::Done || i.progress > 0.0).collect();
        for h in &p.handoffs {
            let (a, b) = (at(&h.from), at(&h.to));
            if fixed[b] {
                continue;
            }
            let from = start[a] + if matches!(h.kind, Kind::FS | Kind::FF) { d[a] } else { 0 };
            let bound = from + i64::from(h.lag) - if matches!(h.kind, Kind::FF | Kind::SF) { d[b] } else { 0 };
            prop_assert!(start[b] >= bound, "{} starts {} before {} ({:?})", h.to, start[b], bound, h.kind);
        }
        let cal = p.calendar.anchored(p.start).unwrap();
        let end = (0..d.len()).map(|v| start[v] + d[v]).max().unwrap_or(0);
        for t in &p.teams {
            for day in 0..end {
                let (mut moved, mut stays) = (0.0, 0.0);
                for (k, i) in p.initiatives.iter().enumerate() {
                    if start[k] <= day && day < start[k] + d[k] && i.duration.likely > 0 {
                        let load = i.effort.iter().filter(|e| e.team == t.id).map(|e| e.person_days).sum::<f64>() / f64::from(i.duration.likely);
                        if fixed[k] { stays += load } else { moved += load }
                    }
                }
                let room = (t.fte_on(cal.date(day).unwrap()) * t.utilization_target - stays).max(0.0);
                prop_assert!(moved <= room + 1e-9, "team {} day {day}: {moved} > {room}", t.id);
            }
        }
    }
}
