//! Property tests of the scheduler on random plans: random DAGs with random link kinds,
//! lags (negative too) and durations (zero too).

use bridger::model::{Handoff, Initiative, Kind, Plan};
use bridger::schedule::{cpm, Cpm};
use chrono::NaiveDate;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Link {
    from: usize,
    to: usize,
    kind: Kind,
    lag: i32,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::FS), Just(Kind::SS), Just(Kind::FF), Just(Kind::SF)]
}

/// Durations and links of a random DAG: links only go from a lower to a higher index.
fn dag() -> impl Strategy<Value = (Vec<i32>, Vec<Link>)> {
    (1usize..40).prop_flat_map(|n| {
        let durations = prop::collection::vec(0i32..15, n);
        let links = prop::collection::vec((0..n, 0..n, kind(), -6i32..8), 0..(n * 3)).prop_map(|raw| {
            let mut seen = std::collections::HashSet::new();
            raw.into_iter()
                .filter(|(a, b, _, _)| a != b)
                .map(|(a, b, kind, lag)| Link { from: a.min(b), to: a.max(b), kind, lag })
                .filter(|l| seen.insert((l.from, l.to)))
                .collect::<Vec<_>>()
        });
        (durations, links)
    })
}

fn plan_of(durations: &[i32], links: &[Link]) -> Plan {
    let mut plan = Plan::new("prop", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    for (k, d) in durations.iter().enumerate() {
        plan.initiatives.push(Initiative::new(&format!("i{k}"), &format!("I{k}"), "o", *d));
    }
    for (k, l) in links.iter().enumerate() {
        let mut h = Handoff::fs(&format!("h{k}"), &format!("i{}", l.from), &format!("i{}", l.to));
        h.kind = l.kind;
        h.lag = l.lag;
        plan.handoffs.push(h);
    }
    plan
}

/// The slack of one link at the given start/finish times (>= 0 when satisfied).
fn slack(l: &Link, start: &[i64], finish: &[i64]) -> i64 {
    let lag = i64::from(l.lag);
    match l.kind {
        Kind::FS => start[l.to] - (finish[l.from] + lag),
        Kind::SS => start[l.to] - (start[l.from] + lag),
        Kind::FF => finish[l.to] - (finish[l.from] + lag),
        Kind::SF => finish[l.to] - (start[l.from] + lag),
    }
}

/// Longest path by plain relaxation until nothing changes (Bellman-Ford on the
/// constraint graph), with no topological order: an independent oracle.
fn brute_force_makespan(durations: &[i32], links: &[Link]) -> i64 {
    let d: Vec<i64> = durations.iter().map(|x| i64::from(*x)).collect();
    let mut start = vec![0i64; d.len()];
    for _ in 0..=d.len() {
        let mut changed = false;
        for l in links {
            let finish: Vec<i64> = start.iter().zip(&d).map(|(s, d)| s + d).collect();
            let short = -slack(l, &start, &finish);
            if short > 0 {
                start[l.to] += short;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    start.iter().zip(&d).map(|(s, d)| s + d).max().unwrap_or(0)
}

fn run(durations: &[i32], links: &[Link]) -> Cpm {
    cpm(&plan_of(durations, links)).expect("a DAG schedules")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_handoff_is_satisfied_at_early_and_late_dates((durations, links) in dag()) {
        let c = run(&durations, &links);
        for l in &links {
            prop_assert!(slack(l, &c.early_start, &c.early_finish) >= 0, "early dates break {:?}", l);
            prop_assert!(slack(l, &c.late_start, &c.late_finish) >= 0, "late dates break {:?}", l);
        }
        for k in 0..durations.len() {
            prop_assert!(c.early_start[k] >= 0);
            prop_assert_eq!(c.early_finish[k] - c.early_start[k], i64::from(durations[k]));
            prop_assert!(c.late_finish[k] <= c.makespan);
        }
    }

    #[test]
    fn floats_are_consistent_and_critical_means_zero_float((durations, links) in dag()) {
        let c = run(&durations, &links);
        let mut any_critical = false;
        for k in 0..durations.len() {
            let tf = c.total_float(k);
            prop_assert!(tf >= 0, "no deadlines, so no negative float: {}", tf);
            prop_assert!(c.free_float[k] >= 0 && c.free_float[k] <= tf, "free {} total {}", c.free_float[k], tf);
            if c.critical(k) {
                prop_assert_eq!(tf, 0);
                any_critical = true;
            }
        }
        // Whatever ends last has no float.
        prop_assert!(any_critical);
    }

    #[test]
    fn makespan_equals_the_brute_force_longest_path((durations, links) in dag()) {
        let c = run(&durations, &links);
        prop_assert_eq!(c.makespan, brute_force_makespan(&durations, &links));
    }

    #[test]
    fn a_back_link_makes_a_cycle_named_in_order((durations, links) in dag(), pick in any::<prop::sample::Index>()) {
        // Close a cycle through a chain a -> ... -> b by adding b -> a.
        prop_assume!(!links.is_empty());
        let l = &links[pick.index(links.len())];
        let mut with_back = links.clone();
        with_back.push(Link { from: l.to, to: l.from, kind: Kind::FS, lag: 0 });
        let plan = plan_of(&durations, &with_back);
        match cpm(&plan) {
            Err(bridger::schedule::ScheduleError::Graph(bridger::graph::GraphError::Cycle(members))) => {
                prop_assert!(members.len() >= 2);
                // Consecutive members (and last -> first) are linked by a handoff.
                for w in 0..members.len() {
                    let a = &members[w];
                    let b = &members[(w + 1) % members.len()];
                    prop_assert!(plan.handoffs.iter().any(|h| &h.from == a && &h.to == b), "{} -> {} is not a handoff", a, b);
                }
            }
            other => prop_assert!(false, "expected a cycle, got {:?}", other.map(|c| c.makespan)),
        }
    }
}

/// A random DAG (all four kinds, lags of both signs) where 5-20% of the initiatives have
/// a start-no-earlier-than offset and 5-20% a deadline, tight or missed ones included.
/// On a seven-day calendar an offset is the same number of days after the start.
/// Durations, links, start-no-earlier-than and deadline offsets.
type Constrained = (Vec<i32>, Vec<Link>, Vec<Option<u32>>, Vec<Option<u32>>);

fn constrained() -> impl Strategy<Value = Constrained> {
    (dag(), 5u32..=20, 5u32..=20, any::<u64>()).prop_map(|((durations, links), snet_pct, fnlt_pct, seed)| {
        let mut rng = bridger::gen::Rng::new(seed);
        let n = durations.len();
        let snet = (0..n).map(|_| (rng.below(100) < u64::from(snet_pct)).then(|| rng.below(40) as u32)).collect();
        let fnlt = (0..n).map(|_| (rng.below(100) < u64::from(fnlt_pct)).then(|| rng.below(60) as u32)).collect();
        (durations, links, snet, fnlt)
    })
}

fn every_day() -> bridger::model::Calendar {
    use chrono::Weekday::*;
    bridger::model::Calendar { working_days: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun], holidays: vec![] }
}

fn constrained_plan(durations: &[i32], links: &[Link], snet: &[Option<u32>], fnlt: &[Option<u32>]) -> Plan {
    let mut plan = plan_of(durations, links);
    plan.calendar = every_day();
    let start = plan.start;
    let day = |k: u32| start + chrono::Days::new(u64::from(k));
    for (k, i) in plan.initiatives.iter_mut().enumerate() {
        i.start_no_earlier_than = snet[k].map(day);
        i.finish_no_later_than = fnlt[k].map(day);
    }
    plan
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn free_float_is_never_negative_nor_above_a_positive_total_float(
        (durations, links, snet, fnlt) in constrained(),
        pick in any::<prop::sample::Index>(),
    ) {
        let plan = constrained_plan(&durations, &links, &snet, &fnlt);
        let c = cpm(&plan).expect("a DAG schedules");
        for k in 0..durations.len() {
            let (ff, tf) = (c.free_float[k], c.total_float(k));
            prop_assert!(ff >= 0, "{}: free float {} (total {})", k, ff, tf);
            prop_assert!(ff <= tf.max(0), "{}: free float {} above total float {}", k, ff, tf);
        }
        for l in &links {
            prop_assert!(slack(l, &c.early_start, &c.early_finish) >= 0, "early dates break {:?}", l);
        }
        // Free float is a delay that moves no other initiative: start one that much later
        // (by a start-no-earlier-than at its early start + free float).
        let k = pick.index(durations.len());
        let ff = c.free_float[k];
        prop_assume!(ff > 0);
        let mut later = plan.clone();
        later.initiatives[k].start_no_earlier_than = Some(plan.start + chrono::Days::new((c.early_start[k] + ff) as u64));
        let d = cpm(&later).expect("a DAG schedules");
        prop_assert_eq!(d.early_start[k], c.early_start[k] + ff);
        for j in (0..durations.len()).filter(|j| *j != k) {
            prop_assert_eq!(d.early_start[j], c.early_start[j], "delaying {} by its free float {} moved {}", k, ff, j);
        }
    }
}

/// The start bound each link into `k` puts on it at the givers' early dates.
fn link_bound(l: &Link, durations: &[i32], c: &Cpm) -> i64 {
    let lag = i64::from(l.lag);
    let d = i64::from(durations[l.to]);
    match l.kind {
        Kind::FS => c.early_finish[l.from] + lag,
        Kind::SS => c.early_start[l.from] + lag,
        Kind::FF => c.early_finish[l.from] + lag - d,
        Kind::SF => c.early_start[l.from] + lag - d,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// docs/scheduling.md: an initiative starts its leveling delay after the early start
    /// its handoffs and its start-no-earlier-than date allow, and total float stays the
    /// slack of the levelled plan: delaying an initiative by its total float does not move
    /// the plan's end, one day more moves it by one day.
    #[test]
    fn a_leveling_delay_waits_after_the_early_start_and_float_stays_the_slack(
        (durations, links, snet, _fnlt) in constrained(),
        delays in prop::collection::vec(prop_oneof![3 => Just(0i32), 2 => 1i32..12], 40),
        pick in any::<prop::sample::Index>(),
    ) {
        let n = durations.len();
        let mut plan = constrained_plan(&durations, &links, &snet, &vec![None; n]);
        for (k, i) in plan.initiatives.iter_mut().enumerate() {
            i.leveling_delay = delays[k];
        }
        let c = cpm(&plan).expect("a DAG schedules");
        for k in 0..n {
            let mut bound = i64::from(snet[k].unwrap_or(0));
            for l in links.iter().filter(|l| l.to == k) {
                bound = bound.max(link_bound(l, &durations, &c));
            }
            prop_assert_eq!(c.early_start[k], bound + i64::from(delays[k]), "initiative {}", k);
            prop_assert!(c.late_start[k] >= c.early_start[k], "no deadline, so no negative float at {}", k);
            prop_assert!(c.free_float[k] >= 0 && c.free_float[k] <= c.total_float(k));
        }
        for l in &links {
            prop_assert!(slack(l, &c.early_start, &c.early_finish) >= 0, "early dates break {:?}", l);
            prop_assert!(slack(l, &c.late_start, &c.late_finish) >= 0, "late dates break {:?}", l);
            // A receiver's late start leaves room for its own delay after the giver.
            let late = cpm_late_bound(l, &durations, &c);
            prop_assert!(c.late_start[l.to] - i64::from(delays[l.to]) >= late, "late dates ignore the delay of {:?}", l);
        }
        let k = pick.index(n);
        let tf = c.total_float(k);
        let mut within = plan.clone();
        within.initiatives[k].leveling_delay += tf as i32;
        prop_assert_eq!(cpm(&within).unwrap().makespan, c.makespan, "{} delayed by its total float {}", k, tf);
        let mut beyond = plan.clone();
        beyond.initiatives[k].leveling_delay += tf as i32 + 1;
        prop_assert_eq!(cpm(&beyond).unwrap().makespan, c.makespan + 1, "{} delayed one day past its total float {}", k, tf);
        // And its free float moves nothing else.
        let ff = c.free_float[k];
        let mut free = plan.clone();
        free.initiatives[k].leveling_delay += ff as i32;
        let d = cpm(&free).unwrap();
        for j in (0..n).filter(|j| *j != k) {
            prop_assert_eq!(d.early_start[j], c.early_start[j], "delaying {} by its free float {} moved {}", k, ff, j);
        }
    }
}

/// The start bound a link puts on its receiver at the giver's late dates.
fn cpm_late_bound(l: &Link, durations: &[i32], c: &Cpm) -> i64 {
    let lag = i64::from(l.lag);
    let d = i64::from(durations[l.to]);
    match l.kind {
        Kind::FS => c.late_finish[l.from] + lag,
        Kind::SS => c.late_start[l.from] + lag,
        Kind::FF => c.late_finish[l.from] + lag - d,
        Kind::SF => c.late_start[l.from] + lag - d,
    }
}

#[test]
fn extreme_dates_and_durations_are_named_validation_errors_and_the_limits_schedule() {
    use bridger::model::limits::{FIRST_DATE, LAST_DATE, MAX_DURATION, MAX_LAG};
    use bridger::model::{validate, ValidationError};
    let mut plan = plan_of(&[3, i32::MAX, 0], &[Link { from: 0, to: 1, kind: Kind::FS, lag: i32::MIN }]);
    plan.initiatives[0].start_no_earlier_than = Some(LAST_DATE);
    plan.initiatives[2].finish_no_later_than = Some(NaiveDate::MAX);
    plan.initiatives[2].start_no_earlier_than = Some(NaiveDate::MIN);
    // i32::MAX working days end far past the last date there is: `check` says so, naming
    // the initiative, the field, the value and the limit, instead of `schedule` failing.
    let errors = validate(&plan);
    let out_of_range = |id: &str, field: &str| {
        errors.iter().any(|e| matches!(e, ValidationError::OutOfRange { id: i, field: f, .. } if i == id && f == field))
    };
    let bad_date = |id: &str, field: &str| {
        errors.iter().any(|e| matches!(e, ValidationError::DateOutOfRange { id: i, field: f, .. } if i == id && f == field))
    };
    assert!(out_of_range("i1", "likely duration"), "{errors:?}");
    assert!(out_of_range("h0", "lag"), "{errors:?}");
    assert!(bad_date("i2", "finish_no_later_than"), "{errors:?}");
    assert!(bad_date("i2", "start_no_earlier_than"), "{errors:?}");
    assert_eq!(errors.len(), 6, "three duration points, the lag and two dates: {errors:?}");
    let text = errors[0].to_string();
    assert!(text.contains("'i1'") && text.contains("2147483647") && text.contains("100000"), "{text}");
    // An invalid plan is refused by `bridger schedule`; the scheduler itself still never
    // panics on one.
    let _ = bridger::schedule::schedule(&plan);

    // At the limits, the plan is valid and schedules with dates.
    plan.initiatives[1].duration = bridger::model::Estimate::exact(MAX_DURATION);
    plan.handoffs[0].lag = -MAX_LAG;
    plan.initiatives[2].finish_no_later_than = Some(LAST_DATE);
    plan.initiatives[2].start_no_earlier_than = Some(FIRST_DATE);
    assert_eq!(validate(&plan), vec![]);
    assert!(bridger::health::check(&plan).errors.is_empty());
    let s = bridger::schedule::schedule(&plan).unwrap();
    let i0 = s.initiatives.iter().find(|i| i.id == "i0").unwrap();
    assert_eq!(i0.start_date, LAST_DATE);
    let i1 = s.initiatives.iter().find(|i| i.id == "i1").unwrap();
    assert!(i1.finish_date > LAST_DATE, "a plan may run past 9999: {}", i1.finish_date);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// docs/scheduling.md, issue 24: a handoff's relationship float is how many working
    /// days its own lag can grow before its receiver's early dates move (P6's relationship
    /// free float), checked by the brute force: re-run CPM with the lag grown by k. The
    /// receiver must not move for k <= float and must move for k = float + 1. Plans with
    /// all four kinds, lags of both signs, start-no-earlier-than dates (on weekends too, on
    /// the weekday calendar), deadlines and leveling delays. Lags are working days, so the
    /// brute force works in the engine's own unit on either calendar.
    #[test]
    fn relationship_float_is_how_far_a_handoffs_lag_grows_before_its_receiver_moves(
        (durations, links, snet, fnlt) in constrained(),
        delays in prop::collection::vec(prop_oneof![3 => Just(0i32), 1 => 1i32..6], 40),
        weekdays in any::<bool>(),
    ) {
        let n = durations.len();
        let mut plan = constrained_plan(&durations, &links, &snet, &fnlt);
        if weekdays {
            plan.calendar = Plan::new("weekdays", plan.start).calendar;
        }
        for (k, i) in plan.initiatives.iter_mut().enumerate() {
            i.leveling_delay = delays[k];
        }
        let s = bridger::schedule::schedule(&plan).expect("a DAG schedules");
        let c = cpm(&plan).expect("a DAG schedules");
        prop_assert_eq!(s.handoffs.len(), links.len());
        for (j, (l, row)) in links.iter().zip(&s.handoffs).enumerate() {
            prop_assert_eq!(&row.id, &plan.handoffs[j].id, "rows in the plan's order");
            let float = row.relationship_float;
            prop_assert!(float >= 0, "{:?}: float {}", l, float);
            prop_assert_eq!(row.driving, float == 0);
            prop_assert_eq!(row.critical, row.driving && c.critical(l.from) && c.critical(l.to));
            let moves = |k: i64| {
                let mut grown = plan.clone();
                grown.handoffs[j].lag += k as i32;
                let d = cpm(&grown).expect("a DAG schedules");
                (d.early_start[l.to], d.early_finish[l.to]) != (c.early_start[l.to], c.early_finish[l.to])
            };
            // Every k up to float + 1 on small floats; the ends and the edge on large ones.
            let ks: Vec<i64> = if float <= 8 { (1..=float + 1).collect() } else { vec![1, 2, float - 1, float, float + 1] };
            for k in ks {
                prop_assert_eq!(moves(k), k > float, "{:?} (handoff {}, {} initiatives): lag + {} with relationship float {}", l, j, n, k, float);
            }
        }
        let critical: Vec<String> = s.handoffs.iter().filter(|h| h.critical).map(|h| h.id.clone()).collect();
        prop_assert_eq!(bridger::schedule::critical_handoffs(&s), critical);
    }
}
