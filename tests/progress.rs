//! Progress over time (issue 27): the simulation samples only the work still to do, on the
//! same rules as the schedule (docs/scheduling.md, "Progress").

use bridger::model::{Estimate, Plan};
use bridger::schedule::{cpm, schedule, simulate, SimConfig};

fn fixture(name: &str) -> Plan {
    let path = format!("{}/tests/fixtures/schedule/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    bridger::io::json::from_str(&text, &path).unwrap()
}

const STATUS_FIXTURES: [&str; 4] = [
    "status_done_work_sits_on_its_actuals",
    "status_work_in_progress_and_link_kinds",
    "status_not_started_work_waits_for_the_data_date",
    "status_date_boundary",
];

/// With no spread and no risk, every iteration is the schedule: done work on its actual
/// dates, remaining work from the data date, the retained logic of each handoff kind.
#[test]
fn without_spread_the_simulation_is_the_schedule_of_a_plan_with_progress() {
    for name in STATUS_FIXTURES {
        let plan = fixture(name);
        let c = cpm(&plan).unwrap();
        let s = schedule(&plan).unwrap();
        let sim = simulate(&plan, &SimConfig { iterations: 64, seed: 7, ..SimConfig::default() }).unwrap();
        for f in &sim.finish_days {
            assert_eq!(*f, c.makespan as f64, "{name}");
        }
        assert_eq!(sim.percentiles[0].finish.date, s.finish_date, "{name}");
        for (k, i) in plan.initiatives.iter().enumerate() {
            let row = s.initiatives.iter().find(|x| x.id == i.id).unwrap();
            let critical = sim.criticality[k];
            assert_eq!(
                critical == 1.0,
                row.critical,
                "{name}: {} is critical in the schedule: {}, in the simulation {critical}",
                i.id,
                row.critical
            );
        }
    }
}

/// Work in progress draws its remaining duration from its estimate scaled by remaining /
/// likely: 10 days likely (6 to 20), 5 left, resuming on the data date, finishes between
/// 3 and 10 working days after it, never sooner, whatever the draw.
#[test]
fn work_in_progress_draws_only_its_remaining_work() {
    let mut plan = fixture("status_date_boundary");
    plan.initiatives.retain(|i| i.id == "b");
    plan.handoffs.clear();
    let b = &mut plan.initiatives[0];
    b.duration = Estimate { optimistic: 6, likely: 10, pessimistic: 20 };
    b.remaining = Some(5);
    b.actual_start = chrono::NaiveDate::from_ymd_opt(2027, 1, 6);
    let data_date = 5.0; // Monday 11 January
    let sim = simulate(&plan, &SimConfig { iterations: 4000, seed: 11, ..SimConfig::default() }).unwrap();
    let (lo, hi) = sim.finish_days.iter().fold((f64::MAX, f64::MIN), |(a, b), f| (a.min(*f), b.max(*f)));
    assert!(lo >= data_date + 3.0 && hi <= data_date + 10.0, "finish between {lo} and {hi}");
    assert!(hi - lo > 4.0, "the remaining work still varies: {lo}..{hi}");
    let s = schedule(&plan).unwrap();
    assert_eq!(s.initiatives[0].early_finish, 10, "the schedule plans on the 5 days left");
    assert_eq!(s.initiatives[0].start_date.to_string(), "2027-01-06", "it shows its actual start");
}

/// A plan without a status date keeps its actual dates and moves nothing by them.
#[test]
fn without_a_status_date_actual_dates_move_nothing() {
    for name in STATUS_FIXTURES {
        let with = fixture(name);
        let mut without = with.clone();
        without.status_date = None;
        let mut plain = without.clone();
        for i in &mut plain.initiatives {
            (i.actual_start, i.actual_finish, i.remaining) = (None, None, None);
        }
        assert_eq!(schedule(&without).unwrap(), schedule(&plain).unwrap(), "{name}");
    }
}

/// The review rhythm: an edit that says where work stands records the status date and the
/// moment; one that renames it does not; "still true" records without changing anything
/// else; an import keeps what its file says. Work in progress not updated within the rhythm
/// is a `not-updated` finding naming its owner, until its owner updates it.
#[test]
fn edits_record_when_progress_was_stated_and_stale_work_is_a_finding() {
    use bridger::edit::Edit;
    use bridger::store::PlanFile;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    let mut plan = fixture("status_work_in_progress_and_link_kinds");
    plan.review_every_days = 7;
    let mut f = PlanFile::create(&path, &plan).unwrap();
    let stale = |f: &PlanFile| -> Vec<String> {
        bridger::health::check(f.plan()).findings.into_iter().filter(|x| x.code == "not-updated").map(|x| x.subject).collect()
    };
    let before = stale(&f);
    assert!(before.contains(&"p".to_string()) && before.contains(&"r1".to_string()), "work in progress never updated: {before:?}");
    let finding = bridger::health::check(f.plan()).findings.into_iter().find(|x| x.code == "not-updated" && x.subject == "p").unwrap();
    assert!(finding.message.contains("'P' is under way") && finding.message.contains("o updates it"), "{}", finding.message);

    // A rename states nothing about progress.
    let mut p = f.plan().initiative("p").unwrap().clone();
    p.name = "P renamed".into();
    f.apply(Edit::UpdateInitiative(p.clone())).unwrap();
    assert_eq!(f.plan().initiative("p").unwrap().updated, None);
    // New progress does: the status date in force and the moment.
    p.progress = 0.75;
    f.apply(Edit::UpdateInitiative(p)).unwrap();
    let u = f.plan().initiative("p").unwrap().updated.clone().expect("recorded");
    assert_eq!(u.status_date, plan.status_date);
    assert!(chrono::DateTime::parse_from_rfc3339(&u.at).is_ok(), "{}", u.at);
    // "Still true" records on r1 and changes nothing else.
    let r1 = f.plan().initiative("r1").unwrap().clone();
    f.apply(Edit::still_true("r1")).unwrap();
    let after = f.plan().initiative("r1").unwrap().clone();
    assert!(after.updated.is_some());
    assert_eq!(Edit::UpdateInitiative(bridger::model::Initiative { updated: None, ..after.clone() }), Edit::UpdateInitiative(r1));
    let now = stale(&f);
    assert!(!now.contains(&"p".to_string()) && !now.contains(&"r1".to_string()), "{now:?}");
    // What the file holds is what the window shows: read back from disk.
    assert_eq!(bridger::store::read(&path).unwrap().initiative("r1").unwrap().updated, after.updated);
    // An undo takes the record back with the edit.
    f.undo().unwrap();
    assert_eq!(f.plan().initiative("r1").unwrap().updated, None);
    drop(f);

    // An import states no one's progress: the progress it brings is kept, unrecorded.
    let mut incoming = bridger::store::read(&path).unwrap();
    incoming.initiatives.iter_mut().find(|i| i.id == "r2").unwrap().progress = 0.9;
    bridger::api::files::import_into(&path, &incoming.into()).unwrap();
    let back = bridger::store::read(&path).unwrap();
    let r2 = back.initiative("r2").unwrap();
    assert_eq!((r2.progress, r2.updated.clone()), (0.9, None));
}

/// A handoff met by actual dates binds nothing, but a cycle through it is still a cycle:
/// an error that names it, as without a status date.
#[test]
fn a_cycle_through_done_work_is_still_an_error() {
    let mut plan = fixture("status_done_work_sits_on_its_actuals");
    plan.handoffs.push(bridger::model::Handoff::fs("ba", "b", "a"));
    let e = schedule(&plan).unwrap_err().to_string();
    assert!(e.contains("cycle") && e.contains("a -> b -> a"), "{e}");
}
