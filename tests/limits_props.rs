//! Whatever `check` accepts, every analysis accepts (issue 11, defect 8): on generated
//! plans mutated towards the edges (extreme durations, lags and dates, calendars with few
//! working days and years of holidays, risks hitting many initiatives, cycles), a plan
//! without validation errors and without a cycle always schedules, dates included; and no
//! plan, valid or not, makes an analysis panic.

use bridger::graph::find_cycles;
use bridger::health;
use bridger::model::limits::{FIRST_DATE, LAST_DATE, MAX_DURATION, MAX_HORIZON, MAX_LAG};
use bridger::model::{validate, Calendar, Estimate, Handoff, Initiative, Plan, Risk, RiskStatus, ValidationError};
use bridger::schedule::schedule;
use chrono::{Days, NaiveDate, Weekday};
use proptest::prelude::*;

/// The fuzz targets' checks: `targets::every_analysis` is the one statement of what every
/// analysis must do on a plan `check` accepts, for the fuzzer and for this test.
#[path = "../fuzz/src/targets.rs"]
mod targets;

/// The share of cases that also write the brief and import into plan files (a PDF and a
/// plan file per case are most of a case's time in a debug build).
const WRITE_FILES: f64 = 0.1;

/// The simulation within capacity, leveling and the capacity grid cost time in proportion to
/// the days a plan spans (a team's load is counted per week): in a debug build, seconds for
/// a plan of a million working days. They run on the cases that span at most this many
/// working days (40 years of five-day weeks); `tests/fuzz_corpus.rs` and the fuzzer
/// run them on every plan.
const LONG_SPAN: i64 = 10_000;

const WEEK: [Weekday; 7] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

/// A change that pushes a plan towards an edge. Indices wrap around the plan's lists.
#[derive(Debug, Clone)]
enum Mutation {
    Duration(usize, i32),
    /// Every initiative this long: the plan's horizon near (or past) its limit.
    AllDurations(i32),
    Lag(usize, i32),
    StartNoEarlierThan(usize, NaiveDate),
    FinishNoLaterThan(usize, NaiveDate),
    Due(usize, NaiveDate),
    Start(NaiveDate),
    /// Working weekdays (a bit mask) and holidays on most days of a span from a date.
    Calendar(u8, NaiveDate, u32, u32),
    /// A risk hitting the first `n` initiatives with this impact.
    Risk(usize, i32),
    /// A handoff back from a later initiative to an earlier one (maybe a cycle).
    BackLink(usize, usize),
}

fn days() -> impl Strategy<Value = i32> {
    prop_oneof![0i32..30, Just(MAX_DURATION), Just(MAX_DURATION + 1), Just(MAX_DURATION / 3), Just(i32::MAX), Just(-1), any::<i32>(),]
}

fn lag() -> impl Strategy<Value = i32> {
    prop_oneof![-5i32..8, Just(MAX_LAG), Just(-MAX_LAG), Just(MAX_LAG + 1), Just(i32::MIN), Just(i32::MAX), any::<i32>()]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    let in_range = (FIRST_DATE.num_days_from_ce()..=LAST_DATE.num_days_from_ce())
        .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(FIRST_DATE));
    prop_oneof![
        Just(FIRST_DATE),
        Just(LAST_DATE),
        Just(LAST_DATE - Days::new(3)),
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        Just(FIRST_DATE - Days::new(1)),
        Just(LAST_DATE + Days::new(1)),
        (0u64..3000).prop_map(|d| NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() + Days::new(d)),
        in_range,
    ]
}

use chrono::Datelike;

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), days()).prop_map(|(k, d)| Mutation::Duration(k, d)),
        prop_oneof![Just(MAX_DURATION), Just(MAX_DURATION / 2), 0i32..2000].prop_map(Mutation::AllDurations),
        (any::<usize>(), lag()).prop_map(|(k, l)| Mutation::Lag(k, l)),
        (any::<usize>(), date()).prop_map(|(k, d)| Mutation::StartNoEarlierThan(k, d)),
        (any::<usize>(), date()).prop_map(|(k, d)| Mutation::FinishNoLaterThan(k, d)),
        (any::<usize>(), date()).prop_map(|(k, d)| Mutation::Due(k, d)),
        date().prop_map(Mutation::Start),
        (any::<u8>(), date(), 0u32..4000, 1u32..10).prop_map(|(w, d, span, keep)| Mutation::Calendar(w, d, span, keep)),
        (0usize..200, days()).prop_map(|(n, d)| Mutation::Risk(n, d)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::BackLink(a, b)),
    ]
}

fn apply(plan: &mut Plan, m: &Mutation) {
    let n = plan.initiatives.len();
    let h = plan.handoffs.len();
    match *m {
        Mutation::Duration(k, d) => plan.initiatives[k % n].duration = Estimate::exact(d),
        Mutation::AllDurations(d) => plan.initiatives.iter_mut().for_each(|i| i.duration = Estimate::exact(d)),
        Mutation::Lag(k, l) if h > 0 => plan.handoffs[k % h].lag = l,
        Mutation::StartNoEarlierThan(k, d) => plan.initiatives[k % n].start_no_earlier_than = Some(d),
        Mutation::FinishNoLaterThan(k, d) => plan.initiatives[k % n].finish_no_later_than = Some(d),
        Mutation::Due(k, d) if h > 0 => plan.handoffs[k % h].due = Some(d),
        Mutation::Start(d) => plan.start = d,
        Mutation::Calendar(mask, from, span, keep) => {
            let working_days: Vec<Weekday> = WEEK.iter().enumerate().filter(|(k, _)| mask & (1 << k) != 0).map(|(_, d)| *d).collect();
            let holidays = (0..span).filter(|k| k % keep != 0).filter_map(|k| from.checked_add_days(Days::new(u64::from(k)))).collect();
            plan.calendar = Calendar { working_days, holidays };
        }
        Mutation::Risk(count, d) => {
            let k = plan.risks.len();
            plan.risks.push(Risk {
                id: format!("R{k}"),
                title: "Risk".into(),
                owner: "o".into(),
                probability: 0.5,
                impact: 3,
                mitigation: "m".into(),
                status: RiskStatus::Open,
                initiatives: plan.initiatives.iter().take(count).map(|i| i.id.clone()).collect(),
                schedule_impact: Some(Estimate { optimistic: 0, likely: d.max(0) / 2, pessimistic: d }),
            });
        }
        Mutation::BackLink(a, b) => {
            let (a, b) = (a % n, b % n);
            let mut link =
                Handoff::fs(&format!("back{}", plan.handoffs.len()), &plan.initiatives[a.max(b)].id, &plan.initiatives[a.min(b)].id);
            link.owner = "o".into();
            plan.handoffs.push(link);
        }
        _ => {}
    }
}

fn mutated() -> impl Strategy<Value = Plan> {
    (1usize..40, 0usize..4, any::<u64>(), prop::collection::vec(mutation(), 0..6)).prop_map(|(n, per_node, seed, mutations)| {
        let mut plan = bridger::gen::plan(n, per_node, seed, true);
        for m in &mutations {
            apply(&mut plan, m);
        }
        plan
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_plan_check_accepts_schedules_with_dates(plan in mutated(), write_files in prop::bool::weighted(WRITE_FILES)) {
        let errors = validate(&plan);
        let cycles = find_cycles(&plan, 10);
        // Never a panic, whatever the plan.
        let result = schedule(&plan);
        let report = health::check(&plan);
        if errors.is_empty() && cycles.named.is_empty() {
            prop_assert!(report.errors.is_empty());
            let s = match result {
                Ok(s) => s,
                Err(e) => return Err(TestCaseError::fail(format!("check accepts the plan, schedule refuses it: {e}"))),
            };
            prop_assert_eq!(s.initiatives.len(), plan.initiatives.len());
            for si in &s.initiatives {
                prop_assert!(si.start_date <= si.finish_date || si.duration == 0);
                prop_assert!(si.free_float >= 0);
            }
            // Every finding's message and the printed report can be made for such a plan.
            let findings = health::findings(&plan, Some(&s));
            prop_assert!(findings.iter().all(|f| !f.message.is_empty()));
            let _ = bridger::report::schedule_text(&plan, &s, &health::counts(&plan, Some(&s)));
            // And every other analysis: simulation, layout, leveling, capacity, exports,
            // and (on some cases) the brief and imports into plan files.
            let t = std::time::Instant::now();
            targets::every_analysis(&plan, targets::Scope { files: write_files, span: s.makespan_days <= LONG_SPAN });
            eprintln!("CASE {} {} {:?}", s.makespan_days, write_files, t.elapsed());
        } else {
            prop_assert!(!report.errors.is_empty());
        }
    }
}

/// A chain of initiatives on a one-day week, from the last date a plan may name.
fn long_chain(links: usize, days: i32) -> Plan {
    let mut plan = Plan::new("long", LAST_DATE);
    plan.calendar = Calendar { working_days: vec![Weekday::Wed], holidays: vec![] };
    for k in 0..=links {
        let mut i = Initiative::new(&format!("i{k}"), "I", "o", days);
        i.start_no_earlier_than = (k == 0).then_some(LAST_DATE);
        plan.initiatives.push(i);
    }
    for k in 0..links {
        plan.handoffs.push(Handoff::fs(&format!("h{k}"), &format!("i{k}"), &format!("i{}", k + 1)));
    }
    plan
}

#[test]
fn the_longest_plan_the_limits_allow_still_has_dates() {
    // Exactly the horizon: 100 initiatives of 100,000 days, end to end, on one working
    // day a week, starting on 9999-12-31: valid, and it ends in the year 201,000 or so.
    let links = (MAX_HORIZON / i64::from(MAX_DURATION)) as usize - 1;
    let plan = long_chain(links, MAX_DURATION);
    assert_eq!(health::errors(&plan), vec![]);
    let s = schedule(&plan).unwrap();
    assert_eq!(s.makespan_days, MAX_HORIZON);
    assert!(s.finish_date.year() > 190_000, "{}", s.finish_date);

    // One day more is a named error: the total and the limit.
    let mut longer = plan.clone();
    longer.handoffs[0].lag = 1;
    let errors = validate(&longer);
    assert_eq!(errors, vec![ValidationError::Horizon { total: MAX_HORIZON + 1, limit: MAX_HORIZON }]);
    assert!(errors[0].to_string().contains("10000001"), "{}", errors[0]);
}

#[test]
fn ids_with_control_characters_are_refused_for_every_kind() {
    let mut plan = Plan::new("ids", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    plan.teams.push(bridger::model::Team { utilization_target: 0.6, ..bridger::model::Team::new("t\u{1b}[2J", "T", 1.0) });
    plan.waves.push(bridger::model::Wave { id: "w\n".into(), name: "W".into(), order: 0, ..Default::default() });
    plan.sites.push(bridger::model::Site { id: "s\t".into(), name: "S".into(), region: None, wave: None, ..Default::default() });
    plan.initiatives.push(Initiative::new("a\u{7}", "A", "o", 1));
    plan.initiatives.push(Initiative::new("b", "B \u{1b}]0;title\u{7}", "o", 1));
    plan.handoffs.push(Handoff::fs("h\r", "b", "a\u{7}"));
    plan.risks.push(Risk {
        id: "r\u{9b}".into(),
        title: "R".into(),
        owner: "o".into(),
        probability: 0.1,
        impact: 1,
        mitigation: String::new(),
        status: RiskStatus::Open,
        initiatives: vec![],
        schedule_impact: None,
    });
    let refused: Vec<(String, String)> = validate(&plan)
        .into_iter()
        .filter_map(|e| match e {
            ValidationError::ControlCharacter { kind, id } => Some((kind, id)),
            _ => None,
        })
        .collect();
    let kinds: Vec<&str> = refused.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["team", "wave", "site", "initiative", "handoff", "risk"], "{refused:?}");
    // A name may hold them (it is shown escaped); an id may not, and its error shows it
    // escaped too.
    assert!(!refused.iter().any(|(_, id)| id == "b"));
    let text = ValidationError::ControlCharacter { kind: "team".into(), id: "t\u{1b}[2J".into() }.to_string();
    assert!(!text.chars().any(char::is_control), "{text:?}");
    assert!(text.contains("t\\u{1b}[2J"), "{text}");
}
