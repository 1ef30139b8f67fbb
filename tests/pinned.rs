//! Pinned dates (issue 30 item 2): a pinned start or finish fixes the work's early and late
//! dates whatever its handoffs allow (docs/scheduling.md, "Pinned dates"): float upstream goes
//! negative, a handoff the pin breaks is a finding, leveling and the simulation leave the work
//! on its date, actual dates win; the pin is kept by the file, JSON and CSV, and an older file
//! reads without pins.

mod common;

use bridger::model::{Handoff, Initiative, Pin, PinAt, PinSource, Plan, Team};
use bridger::schedule::level::{level_plan, Config};
use bridger::schedule::{schedule, simulate, SimConfig};
use bridger::store::{Edit, PlanFile};
use chrono::NaiveDate;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
}

fn pin(at: PinAt, d: u32) -> Option<Pin> {
    Some(Pin { at, date: day(d), source: PinSource::Bridger })
}

/// a (5 days) -FS-> b (3 days) -FS-> c (2 days), from Monday 4 January 2027 on weekdays.
fn chain() -> Plan {
    let mut plan = Plan::new("Pins", day(4));
    plan.initiatives =
        vec![Initiative::new("a", "Build", "Ana", 5), Initiative::new("b", "Install", "Bo", 3), Initiative::new("c", "Train", "Cy", 2)];
    plan.handoffs = vec![Handoff::fs("ab", "a", "b"), Handoff::fs("bc", "b", "c")];
    plan
}

fn row<'s>(s: &'s bridger::schedule::Schedule, id: &str) -> &'s bridger::schedule::ScheduledInitiative {
    s.initiatives.iter().find(|x| x.id == id).unwrap()
}

#[test]
fn a_pinned_start_holds_whatever_its_predecessor_and_float_upstream_goes_negative() {
    let mut plan = chain();
    plan.initiatives[1].pinned = pin(PinAt::Start, 6); // Wednesday: day 2, a ends at 5
    let s = schedule(&plan).unwrap();
    let (a, b, c) = (row(&s, "a"), row(&s, "b"), row(&s, "c"));
    assert_eq!((b.early_start, b.late_start, b.total_float, b.start_date), (2, 2, 0, day(6)));
    assert!(b.critical);
    assert_eq!((a.early_start, a.late_start, a.total_float), (0, -3, -3), "a must be done by day 2: 3 working days behind");
    assert_eq!(c.early_start, 5, "the work after the pin is scheduled from its pinned dates");
    let ab = &s.handoffs[0];
    assert_eq!((ab.relationship_float, ab.driving, ab.critical), (-3, false, false), "the pin breaks the handoff by 3 days");
    assert_eq!((s.handoffs[1].relationship_float, s.handoffs[1].driving), (0, true));

    let findings = bridger::health::findings(&plan, Some(&s));
    let broken: Vec<_> = findings.iter().filter(|f| f.code == "pinned-handoff-violated").collect();
    assert_eq!(broken.len(), 1, "{findings:?}");
    assert_eq!(broken[0].subject, "ab");
    for name in ["Build", "Install", "2027-01-06", "3 working days"] {
        assert!(broken[0].message.contains(name), "{name} in {}", broken[0].message);
    }
    let behind = findings.iter().find(|f| f.code == "drives-missed-deadline" && f.subject == "a").unwrap();
    assert!(behind.message.contains("pinned date"), "{}", behind.message);

    // Without the pin nothing is broken and b waits for a.
    plan.initiatives[1].pinned = None;
    let s = schedule(&plan).unwrap();
    assert_eq!(row(&s, "b").early_start, 5);
    assert!(bridger::health::findings(&plan, Some(&s)).iter().all(|f| f.code != "pinned-handoff-violated"));
}

#[test]
fn a_pinned_start_later_than_its_predecessors_allow_holds_too_and_breaks_nothing() {
    let mut plan = chain();
    plan.initiatives[1].pinned = pin(PinAt::Start, 13); // Wednesday 13: day 7
    let s = schedule(&plan).unwrap();
    assert_eq!(row(&s, "b").early_start, 7);
    assert_eq!(row(&s, "a").total_float, 2, "a may slip until the pinned start");
    assert_eq!((s.handoffs[0].relationship_float, s.handoffs[0].driving), (2, false));
}

#[test]
fn a_pinned_finish_fixes_the_finish_and_a_date_off_work_reads_as_the_working_day_it_means() {
    let mut plan = chain();
    plan.initiatives[1].pinned = pin(PinAt::Finish, 15); // Friday 15: b runs Wed 13 - Fri 15
    let s = schedule(&plan).unwrap();
    let b = row(&s, "b");
    assert_eq!((b.start_date, b.finish_date, b.early_finish, b.late_finish), (day(13), day(15), 10, 10));
    assert_eq!(row(&s, "a").total_float, 2);
    // A pinned finish on Sunday 17 is the Friday before; a pinned start on Saturday 9 the Monday after.
    plan.initiatives[1].pinned = pin(PinAt::Finish, 17);
    assert_eq!(row(&schedule(&plan).unwrap(), "b").finish_date, day(15));
    plan.initiatives[1].pinned = pin(PinAt::Start, 9);
    assert_eq!(row(&schedule(&plan).unwrap(), "b").start_date, day(11));
    // A milestone pinned to finish on a day happens on that day.
    plan.initiatives[2].duration = bridger::model::Estimate::exact(0);
    plan.initiatives[2].pinned = pin(PinAt::Finish, 20);
    let c = row(&schedule(&plan).unwrap(), "c").clone();
    assert_eq!((c.start_date, c.finish_date), (day(20), day(20)));
}

#[test]
fn actual_dates_win_over_a_pin_and_deferred_work_stays_out() {
    let mut plan = chain();
    plan.status_date = Some(day(6));
    plan.initiatives[0].actual_start = Some(day(4));
    plan.initiatives[0].actual_finish = Some(day(5));
    plan.initiatives[0].pinned = pin(PinAt::Start, 20);
    plan.initiatives[1].actual_start = Some(day(6));
    plan.initiatives[1].pinned = pin(PinAt::Start, 25);
    let s = schedule(&plan).unwrap();
    assert_eq!((row(&s, "a").start_date, row(&s, "a").finish_date), (day(4), day(5)), "done work sits on its actuals");
    assert_eq!(row(&s, "b").start_date, day(6), "work in progress keeps its actual start");
    plan.initiatives[2].pinned = pin(PinAt::Start, 4);
    plan.initiatives[2].deferred = Some(bridger::model::Deferral { since: day(4), reason: String::new() });
    let s = schedule(&plan).unwrap();
    assert!(s.initiatives.iter().all(|x| x.id != "c"), "deferred work has no row, pinned or not");
}

/// One fitter; x and p each need them full time for 5 days. Leveling moves x, never p, even
/// when x comes first by priority.
#[test]
fn leveling_never_moves_pinned_work() {
    let mut plan = Plan::new("Level", day(4));
    let mut t = Team::new("fit", "Fitters", 1.0);
    t.utilization_target = 1.0;
    plan.teams = vec![t];
    for (id, prio) in [("x", 1000), ("p", 0)] {
        let mut i = Initiative::new(id, id, "Ana", 5);
        i.team = Some("fit".into());
        i.priority = prio;
        plan.initiatives.push(i);
    }
    plan.initiatives[1].pinned = pin(PinAt::Start, 4);
    plan.initiatives[1].leveling_delay = 4;
    let l = level_plan(&plan, &Config { iterations: Some(200), time_limit: None, seed: 1, threads: 1 }, None).unwrap();
    assert_eq!((l.start[1], l.delay[1]), (0, 0), "p stays on its pinned start and keeps no delay");
    assert_eq!(l.start[0], 5, "x waits for the fitter");
    // Without the pin, the higher priority goes first.
    plan.initiatives[1].pinned = None;
    plan.initiatives[1].leveling_delay = 0;
    let l = level_plan(&plan, &Config { iterations: Some(200), time_limit: None, seed: 1, threads: 1 }, None).unwrap();
    assert_eq!((l.start[0], l.start[1]), (0, 5));
}

/// An uncertain predecessor moves an unpinned milestone from run to run; a pinned one stays
/// on its date in every run.
#[test]
fn the_forecast_keeps_pinned_work_on_its_date() {
    let mut plan = Plan::new("Forecast", day(4));
    let mut a = Initiative::new("a", "Build", "Ana", 10);
    a.duration = bridger::model::Estimate { optimistic: 5, likely: 10, pessimistic: 40 };
    plan.initiatives = vec![a, Initiative::new("m", "Go live", "Bo", 0)];
    plan.handoffs = vec![Handoff::fs("am", "a", "m")];
    let config = SimConfig { iterations: 2000, seed: 7, ..SimConfig::default() };
    let free = simulate(&plan, &config).unwrap();
    let m = free.milestones.iter().find(|p| p.id == "m").unwrap();
    assert!(m.p80.date > m.p50.date, "unpinned, the milestone moves with its predecessor");
    plan.initiatives[1].pinned = pin(PinAt::Start, 25);
    let pinned = simulate(&plan, &config).unwrap();
    let m = pinned.milestones.iter().find(|p| p.id == "m").unwrap();
    assert_eq!((m.p50.date, m.p80.date), (day(25), day(25)));
}

#[test]
fn a_pinned_date_out_of_range_is_refused_naming_it() {
    let mut plan = chain();
    plan.initiatives[1].pinned =
        Some(Pin { at: PinAt::Finish, date: NaiveDate::from_ymd_opt(1800, 1, 1).unwrap(), source: PinSource::Manual });
    let errors = bridger::model::validate(&plan);
    assert!(errors.iter().any(|e| e.to_string().contains("pinned finish") && e.to_string().contains("'b'")), "{errors:?}");
}

#[test]
fn the_pin_is_kept_by_the_file_json_and_csv_and_undoes_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    let mut f = PlanFile::create(&path, &chain()).unwrap();
    let start = Pin { at: PinAt::Start, date: day(6), source: PinSource::MustStartOn };
    f.apply(Edit::set_pinned("b", Some(&start))).unwrap();
    let finish = Pin { at: PinAt::Finish, date: day(20), source: PinSource::Bridger };
    f.apply(Edit::set_pinned("c", Some(&finish))).unwrap();
    assert_eq!(f.plan().initiative("b").unwrap().pinned, Some(start));
    assert_eq!(&bridger::store::read(&path).unwrap(), f.plan(), "the file holds what memory holds");
    f.undo().unwrap();
    assert_eq!(bridger::store::read(&path).unwrap().initiative("c").unwrap().pinned, None, "one undo step");
    f.apply(Edit::set_pinned("c", Some(&finish))).unwrap();
    let plan = f.plan().clone();
    drop(f);

    let text = bridger::io::json::to_string(&plan);
    assert!(text.contains("\"pinned\"") && text.contains("\"must_start_on\""), "{text}");
    assert_eq!(bridger::io::json::from_str(&text, "p.json").unwrap(), plan);
    let files = bridger::io::csv::to_files(&plan);
    let borrowed: Vec<(&'static str, Option<&[u8]>)> = files.iter().map(|(n, b)| (*n, Some(b.as_slice()))).collect();
    assert_eq!(bridger::io::csv::from_files(&borrowed).map_err(|e| e.0).unwrap(), plan);
}

#[test]
fn a_csv_row_pinned_at_both_ends_is_refused_naming_the_cell() {
    let mut plan = chain();
    plan.initiatives[1].pinned = pin(PinAt::Start, 6);
    let mut files = bridger::io::csv::to_files(&plan);
    let (_, bytes) = files.iter_mut().find(|(n, _)| *n == "initiatives.csv").unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap().replace("2027-01-06,,", "2027-01-06,2027-01-08,");
    *bytes = text.into_bytes();
    let borrowed: Vec<(&'static str, Option<&[u8]>)> = files.iter().map(|(n, b)| (*n, Some(b.as_slice()))).collect();
    let problems = bridger::io::csv::from_files(&borrowed).unwrap_err().0;
    assert!(problems.iter().any(|p| p.to_string().contains("pinned_finish")), "{problems:?}");
}

#[test]
fn a_file_from_before_pins_reads_without_them_and_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.bridger");
    let plan = chain();
    drop(PlanFile::create(&path, &plan).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(common::WITHOUT_PINS).unwrap();
    c.pragma_update(None, "user_version", 9).unwrap();
    drop(c);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), plan);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "reading wrote nothing");
    let mut f = PlanFile::open(&path).unwrap();
    f.apply(Edit::set_pinned("b", pin(PinAt::Start, 6).as_ref())).unwrap();
    assert_eq!(&bridger::store::read(&path).unwrap(), f.plan());
    assert!(f.plan().initiative("b").unwrap().is_pinned());
}

/// A pin set since a baseline is the cause of the moves it makes (drift's origin `pinned`),
/// and the causes add up to each move.
#[test]
fn a_pin_since_the_baseline_is_the_cause_of_its_moves() {
    use bridger::drift::{drift, Baseline, BaselineSchedule, OriginKind};
    let before = chain();
    let base = Baseline {
        name: "Approved".into(),
        created: "2027-01-01T00:00:00Z".into(),
        status_date: None,
        of_record: true,
        plan: Some(before.clone()),
        schedule: BaselineSchedule::of(&schedule(&before).unwrap()),
        forecast: None,
    };
    let mut plan = chain();
    plan.initiatives[1].pinned = pin(PinAt::Start, 13); // b two working days later than a allows
    let now = schedule(&plan).unwrap();
    let d = drift(&base, &plan, &now, None).unwrap();
    assert_eq!(d.finish_change_days, 2);
    for id in ["b", "c"] {
        let m = d.moved.iter().find(|m| m.id == id).unwrap();
        assert_eq!(m.days, 2, "{id}");
        assert_eq!(
            m.causes.iter().map(|c| (c.kind, c.origin.as_str(), c.days)).collect::<Vec<_>>(),
            [(OriginKind::Pinned, "b", 2)],
            "{id}"
        );
    }
}

mod props {
    use super::*;
    use bridger::model::Kind;
    use chrono::Weekday;
    use proptest::prelude::*;

    type Link = (usize, usize, Kind, i32);

    /// Random DAGs (links forward in plan order, all four kinds, leads and lags) with some
    /// initiatives pinned (start or finish) at random offsets, on a seven-day calendar.
    fn pinned_dag() -> impl Strategy<Value = (Vec<i32>, Vec<Link>, Vec<Option<(bool, i64)>>)> {
        (1usize..30).prop_flat_map(|n| {
            let kind = prop_oneof![Just(Kind::FS), Just(Kind::SS), Just(Kind::FF), Just(Kind::SF)];
            let links = prop::collection::vec((0..n, 0..n, kind, -4i32..6), 0..(n * 2)).prop_map(|raw| {
                let mut seen = std::collections::HashSet::new();
                raw.into_iter()
                    .filter(|(a, b, _, _)| a != b)
                    .map(|(a, b, k, lag)| (a.min(b), a.max(b), k, lag))
                    .filter(|l| seen.insert((l.0, l.1)))
                    .collect::<Vec<_>>()
            });
            let pins = prop::collection::vec(prop::option::weighted(0.25, (any::<bool>(), 0i64..40)), n);
            (prop::collection::vec(0i32..10, n), links, pins)
        })
    }

    /// How far a link's rule is from broken (negative: broken), from starts and durations.
    fn slack(l: &Link, s: &[i64], d: &[i64]) -> i64 {
        let (p, r, kind, lag) = *l;
        let lag = i64::from(lag);
        match kind {
            Kind::FS => s[r] - (s[p] + d[p] + lag),
            Kind::SS => s[r] - (s[p] + lag),
            Kind::FF => s[r] + d[r] - (s[p] + d[p] + lag),
            Kind::SF => s[r] + d[r] - (s[p] + lag),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The early starts are the brute force's fixed point (pinned work on its pin, the
        /// rest pushed by each link into it until none is broken); pinned work has late =
        /// early; every link out of unpinned work is met at the late dates (its float may go
        /// negative for it), and every link into unpinned work at the early dates.
        #[test]
        fn pins_fix_early_and_late_starts_and_the_rest_follows((durations, links, pins) in pinned_dag()) {
            let mut plan = Plan::new("prop", day(4));
            plan.calendar.working_days = vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
            for (k, d) in durations.iter().enumerate() {
                let mut i = Initiative::new(&format!("i{k}"), &format!("I{k}"), "o", *d);
                i.pinned = pins[k].map(|(start, off)| Pin {
                    at: if start { PinAt::Start } else { PinAt::Finish },
                    date: day(4) + chrono::Days::new(off as u64),
                    source: PinSource::Bridger,
                });
                plan.initiatives.push(i);
            }
            for (k, l) in links.iter().enumerate() {
                let mut h = Handoff::fs(&format!("h{k}"), &format!("i{}", l.0), &format!("i{}", l.1));
                (h.kind, h.lag) = (l.2, l.3);
                plan.handoffs.push(h);
            }
            let d: Vec<i64> = durations.iter().map(|x| i64::from(*x)).collect();
            // A pinned start on day `off`; a pinned finish at the end of day `off` (a
            // milestone on that day); never before day 0.
            let fixed: Vec<Option<i64>> = pins
                .iter()
                .zip(&d)
                .map(|(p, d)| p.map(|(start, off)| if start { off } else { (off + 1 - (*d).max(1)).max(0) }))
                .collect();
            let mut s: Vec<i64> = fixed.iter().map(|f| f.unwrap_or(0)).collect();
            for _ in 0..=d.len() {
                let mut changed = false;
                for l in &links {
                    let short = -slack(l, &s, &d);
                    if short > 0 && fixed[l.1].is_none() {
                        s[l.1] += short;
                        changed = true;
                    }
                }
                if !changed {
                    break;
                }
            }
            let c = bridger::schedule::cpm(&plan).unwrap();
            prop_assert_eq!(&c.early_start, &s);
            for k in 0..d.len() {
                if fixed[k].is_some() {
                    prop_assert_eq!(c.late_start[k], c.early_start[k], "i{} is pinned", k);
                }
            }
            for l in &links {
                if fixed[l.0].is_none() {
                    prop_assert!(slack(l, &c.late_start, &d) >= 0, "late dates break {:?}", l);
                }
                if fixed[l.1].is_none() {
                    prop_assert!(slack(l, &c.early_start, &d) >= 0, "early dates break {:?}", l);
                }
            }
        }
    }
}
