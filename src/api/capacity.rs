//! The app's Capacity tab: the team x week grid of load against capacity (`capacity::load`,
//! the one rule for it), the Timeline (each initiative's bar from the schedule, its levelled
//! bar while a leveling is proposed, the critical path, the handoffs between rows), and the
//! Level button's proposal (`schedule::level::level_plan` on a snapshot), accepted as one
//! undoable batch edit the way `bridger level` saves it.
//!
//! Everything the window draws is shaped here: bands, over flags, labels and dates; the UI
//! only places what it is given.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::{ApiError, Editing, ErrorCode};
use crate::capacity::load;
use crate::drift::Baseline;
use crate::model::{Kind, Plan};
use crate::schedule::level::PlanLevelError;
use crate::schedule::{cpm, schedule, ScheduleError};

use crate::capacity::LIGHT_SHARE as LIGHT;

/// How full a team's week is, as the grid colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LoadBand {
    /// Nothing asked of the team.
    Idle,
    /// Up to 70% of capacity.
    Light,
    /// Above 70%, up to capacity.
    Busy,
    /// Above capacity (or work where there is no capacity).
    Over,
}

/// One initiative's share of a cell.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CellLoad {
    pub id: String,
    pub name: String,
    pub person_days: f64,
}

/// One team's week.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LoadCell {
    pub load: f64,
    pub capacity: f64,
    /// Load / capacity; None when the team has no capacity that week.
    pub ratio: Option<f64>,
    pub band: LoadBand,
    pub over: bool,
    /// The initiatives loading the team that week, largest first.
    pub initiatives: Vec<CellLoad>,
}

/// A column of the grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WeekColumn {
    pub monday: NaiveDate,
    /// "Mar 2" (the year only on the first column and in January).
    pub label: String,
}

/// A row of the grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamRow {
    pub team: String,
    pub name: String,
    /// One per column.
    pub cells: Vec<LoadCell>,
    /// Weeks over capacity.
    pub over_weeks: u32,
}

/// A bar's span in working-day offsets from the plan's start, and its dates.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Span {
    pub start: i64,
    pub finish: i64,
    pub start_date: NaiveDate,
    pub finish_date: NaiveDate,
}

/// One initiative's row of the Timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Bar {
    pub id: String,
    pub name: String,
    pub team: Option<String>,
    /// The team's name, or "No team".
    pub team_name: String,
    pub current: Span,
    /// Where the proposed leveling puts it, when one is proposed and moves it.
    pub levelled: Option<Span>,
    /// Its dates in the baseline of record, when one is kept and holds it (offsets in the
    /// plan's calendar now; before day 0 when the plan's start moved later since).
    pub baseline: Option<Span>,
    /// Working days its finish moved since the baseline of record (+ later); None without one.
    pub finish_variance: Option<i64>,
    pub critical: bool,
    pub milestone: bool,
}

/// A handoff between two rows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Connector {
    pub id: String,
    pub from: String,
    pub to: String,
    pub kind: Kind,
    pub critical: bool,
}

/// A tick on the Timeline's axis (the first working day of a month).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AxisTick {
    pub offset: i64,
    pub label: String,
}

/// The Timeline (Gantt).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Timeline {
    /// Working days the axis spans (the latest of the current, levelled and baseline finish).
    pub days: i64,
    /// The name of the baseline of record whose bars are drawn, when one is kept.
    pub baseline: Option<String>,
    pub ticks: Vec<AxisTick>,
    /// In work order (early start, then finish).
    pub bars: Vec<Bar>,
    /// The same bars grouped by team (the plan's team order, then those without a team), as
    /// indexes into `bars`.
    pub by_team: Vec<u32>,
    pub connectors: Vec<Connector>,
}

/// Everything the Capacity tab draws.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CapacityView {
    pub weeks: Vec<WeekColumn>,
    pub teams: Vec<TeamRow>,
    /// Team-weeks over capacity, in all.
    pub over_weeks: u32,
    /// None when the plan has no schedule (then the message says why).
    pub timeline: Option<Timeline>,
    pub message: Option<String>,
    /// A leveling is accepted in the plan (some initiative has a leveling delay).
    pub levelled: bool,
    /// The proposal the timeline shows, when one is pending.
    pub proposal: Option<Leveling>,
}

pub use super::level::{LevelProgress, Leveling, Moved, Proposal};

impl From<PlanLevelError> for ApiError {
    fn from(e: PlanLevelError) -> ApiError {
        match e {
            PlanLevelError::Schedule(s) => ApiError::from(s),
            other => ApiError { code: ErrorCode::Invalid, message: other.to_string(), details: Vec::new() },
        }
    }
}

/// The grid's band of a week.
fn band(load: f64, capacity: f64, over: bool) -> LoadBand {
    if over {
        LoadBand::Over
    } else if load <= 1e-9 {
        LoadBand::Idle
    } else if capacity > 0.0 && load <= LIGHT * capacity {
        LoadBand::Light
    } else {
        LoadBand::Busy
    }
}

fn week_label(monday: NaiveDate, first: bool) -> String {
    if first || monday.month() == 1 && monday.day() <= 7 {
        monday.format("%b %-d %Y").to_string()
    } else {
        monday.format("%b %-d").to_string()
    }
}

/// The grid of `plan`'s load per team and week, on its own schedule.
pub fn grid(plan: &Plan) -> Result<(Vec<WeekColumn>, Vec<TeamRow>, u32), ScheduleError> {
    let loads = load(plan)?;
    let name_of = |id: &str| plan.initiative(id).map_or_else(|| id.to_string(), |i| i.name.clone());
    let weeks: Vec<WeekColumn> = loads
        .first()
        .map(|t| t.weeks.iter().enumerate().map(|(k, w)| WeekColumn { monday: w.monday, label: week_label(w.monday, k == 0) }).collect())
        .unwrap_or_default();
    let mut rows = Vec::with_capacity(loads.len());
    for tl in &loads {
        let name = plan.teams.iter().find(|t| t.id == tl.team).map_or_else(|| tl.team.clone(), |t| t.name.clone());
        let cells: Vec<LoadCell> = tl
            .weeks
            .iter()
            .map(|w| LoadCell {
                load: w.load,
                capacity: w.capacity,
                ratio: (w.capacity > 0.0).then(|| w.load / w.capacity),
                band: band(w.load, w.capacity, w.over()),
                over: w.over(),
                initiatives: w
                    .initiatives
                    .iter()
                    .map(|(id, pd)| CellLoad { id: id.clone(), name: name_of(id), person_days: *pd })
                    .collect(),
            })
            .collect();
        rows.push(TeamRow { team: tl.team.clone(), name, over_weeks: cells.iter().filter(|c| c.over).count() as u32, cells });
    }
    let over = crate::capacity::over_weeks(&loads);
    Ok((weeks, rows, over))
}

/// The Timeline of `plan`, with the bars of `delays` (a proposed leveling, in plan order) beside
/// the current ones, and the dates of the baseline of record `record` under them.
pub fn timeline(plan: &Plan, delays: Option<&[(String, i32)]>, record: Option<&Baseline>) -> Result<Timeline, ScheduleError> {
    let mut s = schedule(plan)?;
    let cal = plan.calendar.anchored(plan.start)?;
    if let Some(base) = record {
        crate::drift::against_record(plan, &mut s, &base.schedule)?;
    }
    let milestones: std::collections::HashSet<&str> = plan.initiatives.iter().filter(|i| i.is_milestone()).map(|i| i.id.as_str()).collect();
    // A baseline bar from its first to past its last working day (a milestone: its day).
    let planned = |i: &crate::schedule::ScheduledInitiative| -> Option<Span> {
        let (start_date, finish_date) = (i.baseline_start?, i.baseline_finish?);
        let start = cal.offset_on_or_after(start_date);
        let finish = if milestones.contains(i.id.as_str()) { start } else { cal.offset_on_or_after(finish_date) + 1 };
        Some(Span { start, finish: finish.max(start), start_date, finish_date })
    };
    let levelled = match delays {
        Some(d) => {
            let mut p = plan.clone();
            for (i, (id, delay)) in p.initiatives.iter_mut().zip(d) {
                if &i.id == id {
                    i.leveling_delay = *delay;
                }
            }
            let c = cpm(&p)?;
            Some((
                p.initiatives
                    .iter()
                    .map(|i| i.id.clone())
                    .zip(c.early_start.into_iter().zip(c.early_finish))
                    .collect::<std::collections::HashMap<_, _>>(),
                c.makespan,
            ))
        }
        None => None,
    };
    let planned_end = s.initiatives.iter().filter_map(|i| planned(i).map(|p| p.finish)).max().unwrap_or(0);
    let days = s.makespan_days.max(levelled.as_ref().map_or(0, |l| l.1)).max(planned_end).max(1);
    let dates = cal.dates(days)?;
    let date = |offset: i64| -> Result<NaiveDate, ScheduleError> {
        match usize::try_from(offset).ok().and_then(|o| dates.get(o)) {
            Some(d) => Ok(*d),
            None => Ok(cal.date(offset)?),
        }
    };
    let span = |start: i64, finish: i64| -> Result<Span, ScheduleError> {
        Ok(Span { start, finish, start_date: date(start)?, finish_date: date(if finish > start { finish - 1 } else { start })? })
    };
    let team_name = |t: &Option<String>| match t {
        Some(id) => plan.teams.iter().find(|x| &x.id == id).map_or_else(|| id.clone(), |x| x.name.clone()),
        None => "No team".to_string(),
    };
    let mut bars = Vec::with_capacity(s.initiatives.len());
    for i in &s.initiatives {
        let moved = levelled
            .as_ref()
            .and_then(|(m, _)| m.get(&i.id))
            // CPM's start of work in progress is where its remaining work resumes.
            .filter(|(a, b)| (*a, *b) != (i.work_start, i.early_finish))
            .map(|(a, b)| span(*a, *b))
            .transpose()?;
        bars.push(Bar {
            id: i.id.clone(),
            name: i.name.clone(),
            team: i.team.clone(),
            team_name: team_name(&i.team),
            current: span(i.early_start, i.early_finish)?,
            levelled: moved,
            baseline: planned(i),
            finish_variance: i.finish_variance,
            critical: i.critical,
            milestone: milestones.contains(i.id.as_str()),
        });
    }
    let rank = |t: &Option<String>| t.as_ref().and_then(|id| plan.teams.iter().position(|x| &x.id == id)).unwrap_or(plan.teams.len());
    let mut by_team: Vec<u32> = (0..bars.len() as u32).collect();
    by_team.sort_by_key(|&k| (rank(&bars[k as usize].team), k));
    // The schedule's rows of handoffs are in the plan's order: each says whether it is on
    // the critical path (`schedule::critical_handoffs`' rule).
    let connectors = plan
        .handoffs
        .iter()
        .zip(&s.handoffs)
        .map(|(h, r)| Connector { id: h.id.clone(), from: h.from.clone(), to: h.to.clone(), kind: h.kind, critical: r.critical })
        .collect();
    let mut ticks = Vec::new();
    let mut month = None;
    for (k, d) in dates.iter().enumerate() {
        if month != Some((d.year(), d.month())) {
            month = Some((d.year(), d.month()));
            let label = if ticks.is_empty() || d.month() == 1 { d.format("%b %Y").to_string() } else { d.format("%b").to_string() };
            ticks.push(AxisTick { offset: k as i64, label });
        }
    }
    Ok(Timeline { days, baseline: record.map(|b| b.name.clone()), ticks, bars, by_team, connectors })
}

/// The longest plan the Capacity tab draws week by week, in working days (about 20 years): a
/// longer one would be a grid of tens of thousands of columns no one can read, costing the
/// window seconds (a fuzzed plan of 530,000 working days took 10 s to build its grid).
pub const LONGEST_GRID_DAYS: i64 = 5_000;

/// What the Capacity tab draws of `plan`, with `proposal`'s bars when one is pending and the
/// baseline bars of `record` (the plan file's baseline of record).
pub fn view(plan: &Plan, proposal: Option<&Proposal>, record: Option<&Baseline>) -> CapacityView {
    let levelled = plan.initiatives.iter().any(|i| i.leveling_delay > 0);
    let proposal = proposal.filter(|p| p.delays.len() == plan.initiatives.len());
    let too_long = cpm(plan).ok().map(|c| c.makespan).filter(|days| *days > LONGEST_GRID_DAYS);
    if let Some(days) = too_long {
        return CapacityView {
            weeks: Vec::new(),
            teams: Vec::new(),
            over_weeks: 0,
            timeline: None,
            message: Some(format!(
                "The plan runs {days} working days, too long to draw week by week (at most {LONGEST_GRID_DAYS}); `bridger check` lists the teams over capacity"
            )),
            levelled,
            proposal: None,
        };
    }
    match grid(plan).and_then(|g| Ok((g, timeline(plan, proposal.map(|p| p.delays.as_slice()), record)?))) {
        Ok(((weeks, teams, over_weeks), timeline)) => CapacityView {
            weeks,
            teams,
            over_weeks,
            timeline: Some(timeline),
            message: None,
            levelled,
            proposal: proposal.map(|p| p.leveling.clone()),
        },
        Err(e) => CapacityView {
            weeks: Vec::new(),
            teams: Vec::new(),
            over_weeks: 0,
            timeline: None,
            message: Some(format!("no schedule to load: {e}")),
            levelled,
            proposal: None,
        },
    }
}

impl Editing {
    /// The Capacity tab of the open plan, with the pending proposal's bars while it still
    /// belongs to the plan as it is.
    pub fn capacity(&self, proposal: Option<&Proposal>) -> Result<CapacityView, ApiError> {
        let fresh = match proposal {
            Some(p) => p.is_fresh(self.file.path(), self.file.revision()?).then_some(p),
            None => None,
        };
        let record = self.file.baseline_of_record()?;
        Ok(view(self.file.plan(), fresh, record.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::analysis::Snapshot;
    use crate::schedule::level::Config;

    fn levelled_demo() -> (Plan, Proposal) {
        let plan = crate::demo::plan();
        let snapshot = Snapshot::of_plan("demo.bridger", plan.clone());
        let config = Config { iterations: Some(2_000), time_limit: None, seed: 1, threads: 1 };
        let p = super::super::level::level(&snapshot, &config, None).expect("the demo levels");
        (plan, p)
    }

    /// The grid is `capacity::load` shaped: one cell per team and week, the over flags and
    /// band agree with load against capacity, each cell names the initiatives loading it.
    #[test]
    fn the_grid_marks_the_weeks_over_capacity_and_names_their_initiatives() {
        let plan = crate::demo::plan();
        let v = view(&plan, None, None);
        let loads = load(&plan).expect("a schedule");
        assert_eq!(v.teams.len(), plan.teams.len());
        assert!(v.over_weeks > 0, "the demo is over-allocated before leveling");
        for (row, tl) in v.teams.iter().zip(&loads) {
            assert_eq!(row.cells.len(), v.weeks.len());
            for (c, w) in row.cells.iter().zip(&tl.weeks) {
                assert_eq!(c.over, w.load > w.capacity + 1e-6);
                assert_eq!(c.band == LoadBand::Over, c.over);
                let sum: f64 = c.initiatives.iter().map(|i| i.person_days).sum();
                assert!((sum - c.load).abs() < 1e-6, "a cell's initiatives add up to its load");
                assert!(c.initiatives.iter().all(|i| plan.initiative(&i.id).is_some_and(|x| x.name == i.name)));
            }
        }
        assert_eq!(v.over_weeks, v.teams.iter().map(|t| t.over_weeks).sum::<u32>());
    }

    /// A proposal moves work without saving; the timeline shows the moved bars beside the
    /// current ones; the levelled plan has no week over capacity.
    #[test]
    fn a_proposal_shows_levelled_bars_and_leaves_no_week_over() {
        let (plan, p) = levelled_demo();
        let l = &p.leveling;
        assert!(l.over_before > 0 && l.over_after == 0, "{} -> {}", l.over_before, l.over_after);
        assert!(!l.moved.is_empty() && l.days_after >= l.days_before && l.finish_after >= l.finish_before);
        let v = view(&plan, Some(&p), None);
        let t = v.timeline.expect("a timeline");
        let shifted: Vec<&str> = t.bars.iter().filter(|b| b.levelled.is_some()).map(|b| b.id.as_str()).collect();
        let moved: Vec<&str> = l.moved.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(shifted.len(), moved.len());
        assert!(shifted.iter().all(|id| moved.contains(id)));
        assert!(t.days >= l.days_after);
        assert_eq!(t.connectors.len(), plan.handoffs.len());
        let mut sorted = t.by_team.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..t.bars.len() as u32).collect::<Vec<_>>(), "every bar once in the team order");
        let mut after = plan.clone();
        for (i, (_, d)) in after.initiatives.iter_mut().zip(&p.delays) {
            i.leveling_delay = *d;
        }
        assert_eq!(view(&after, None, None).over_weeks, 0, "the saved delays give the levelled plan");
    }

    /// A plan without teams or work still draws: an empty grid, a timeline without bars; a
    /// plan without a schedule (a cycle) says why instead of failing.
    #[test]
    fn plans_without_teams_or_schedule_still_draw() {
        let empty = Plan::new("Empty", NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"));
        let v = view(&empty, None, None);
        assert!(v.teams.is_empty() && v.over_weeks == 0 && v.message.is_none());
        assert!(v.timeline.is_some_and(|t| t.bars.is_empty()));
        let mut cycle = crate::demo::plan();
        let (a, b) = (cycle.initiatives[0].id.clone(), cycle.initiatives[1].id.clone());
        cycle.handoffs.push(crate::model::Handoff::fs("x1", &a, &b));
        cycle.handoffs.push(crate::model::Handoff::fs("x2", &b, &a));
        let v = view(&cycle, None, None);
        assert!(v.timeline.is_none() && v.message.as_deref().is_some_and(|m| m.contains("cycle")), "{:?}", v.message);
    }

    /// Bars follow the schedule; critical bars and critical handoffs are the schedule's.
    #[test]
    fn the_timeline_follows_the_schedule() {
        let plan = crate::demo::plan();
        let s = schedule(&plan).expect("a schedule");
        let t = timeline(&plan, None, None).expect("a timeline");
        assert_eq!(t.days, s.makespan_days);
        for (b, i) in t.bars.iter().zip(&s.initiatives) {
            assert_eq!(
                (b.id.as_str(), b.current.start, b.current.finish, b.critical),
                (i.id.as_str(), i.early_start, i.early_finish, i.critical)
            );
            assert_eq!((b.current.start_date, b.current.finish_date), (i.start_date, i.finish_date));
            assert!(b.levelled.is_none());
        }
        assert!(t.ticks.windows(2).all(|w| w[0].offset < w[1].offset) && t.ticks.first().is_some_and(|k| k.offset == 0));
        let critical = crate::schedule::critical_handoffs(&s);
        assert_eq!(t.connectors.iter().filter(|c| c.critical).count(), critical.len());
    }

    /// A plan spanning centuries gets a sentence, not a grid of 100,000 weeks (a fuzzed plan
    /// took 10 s to build it; `fuzz/regressions/json/capacity-grid-of-a-plan-2000-years-long`).
    #[test]
    fn a_plan_too_long_for_a_weekly_grid_says_so() {
        let mut plan = crate::demo::plan();
        let late = chrono::NaiveDate::from_ymd_opt(2200, 1, 4).expect("a date");
        // Work not yet started: done work sits on its actual dates whatever its constraint.
        let k = plan.initiatives.iter().position(|i| i.actual_start.is_none()).expect("work not started");
        plan.initiatives[k].start_no_earlier_than = Some(late);
        let v = view(&plan, None, None);
        assert!(v.weeks.is_empty() && v.teams.is_empty() && v.timeline.is_none());
        let m = v.message.expect("a message");
        assert!(m.starts_with("The plan runs ") && m.contains("too long to draw week by week"), "{m}");
        let demo = view(&crate::demo::plan(), None, None);
        assert!(demo.message.is_none() && !demo.weeks.is_empty(), "the demo is drawn");
    }
}
