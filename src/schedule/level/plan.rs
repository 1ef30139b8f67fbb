//! A plan levelled: the plan's initiatives, handoffs and teams as a leveling `Problem`, and
//! the schedule found as a leveling delay per initiative (MS Project's way of keeping a
//! levelled schedule), so that CPM on the plan with those delays gives the levelled dates
//! and the user's own constraints stay as they are.
//!
//! - An initiative's duration is its likely duration; every handoff kind with its lag is a
//!   gap between starts (`schedule::Link`), without the current leveling delays; a
//!   start-no-earlier-than date is a release.
//! - A team's capacity per day is its people (`Team::fte_on`, which follows its capacity
//!   changes) times its utilization target; an initiative's effort on a team (stated, or
//!   one person of its team per working day: `Initiative::effort_by_team`) is spread
//!   evenly over its working days. Both are counted in thousandths of a person, capacity
//!   rounded down and demand up, so a levelled plan never loads a team over its capacity.
//! - Work done or under way (status done, or progress above 0) stays where it is: it keeps
//!   its delay and the rest fits around it.
//! - An initiative that asks more of a team per day than the team will ever have cannot fit
//!   however it is moved: it is levelled as if it asked what the team has, and listed in
//!   `PlanLeveling::over_capacity`.

use chrono::NaiveDate;
use thiserror::Error;

use super::sgs::{Sampled, SampledLink};
use super::{solve, Config, Gap, Input, LevelError, Problem, Watch};
use crate::model::{Kind, Plan};
use crate::schedule::{cpm, passes, Network, ScheduleError};

/// Thousandths of a person: the unit of capacities and demands in the problem.
pub const MILLI: f64 = 1000.0;

#[derive(Debug, Error)]
pub enum PlanLevelError {
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error("cannot level: initiative '{initiative}': {error}")]
    Initiative { initiative: String, error: LevelError },
    #[error("cannot level: {0}")]
    Level(LevelError),
}

/// An initiative that asks more of a team per day than the team will ever have.
#[derive(Debug, Clone, PartialEq)]
pub struct OverCapacity {
    pub initiative: String,
    pub team: String,
    /// People per day it asks (effort / duration).
    pub asks: f64,
    /// People per day the team has from its last capacity change on (x utilization target).
    pub has: f64,
}

/// The result of levelling a plan, indexed like `plan.initiatives`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLeveling {
    /// The leveling delay each initiative gets (working days).
    pub delay: Vec<i32>,
    /// Levelled start offsets.
    pub start: Vec<i64>,
    /// Levelled finish offsets.
    pub finish: Vec<i64>,
    /// The plan's finish offset (CPM makespan) with its current delays, and levelled.
    pub finish_before: i64,
    pub finish_after: i64,
    /// No schedule within capacity ends before this offset.
    pub lower_bound: i64,
    pub schedules: u64,
    pub over_capacity: Vec<OverCapacity>,
}

/// A team's capacity per day as `(from offset, thousandths of a person)` steps from day 0.
pub fn capacity_steps(plan: &Plan, team: usize, offset_of: impl Fn(NaiveDate) -> i64, day0: NaiveDate) -> Vec<(i64, i64)> {
    let t = &plan.teams[team];
    let milli = |fte: f64| ((fte * t.utilization_target).max(0.0) * MILLI + 1e-6).floor() as i64;
    let mut steps = vec![(0i64, milli(t.fte_on(day0)))];
    for c in &t.capacity {
        let at = offset_of(c.from);
        if c.from <= day0 || at <= 0 {
            continue;
        }
        let cap = milli(t.fte_on(c.from));
        match steps.last_mut() {
            Some(last) if last.0 == at => last.1 = cap,
            _ => steps.push((at, cap)),
        }
    }
    steps
}

/// A plan as a leveling problem, with what turns the problem's schedule back into the
/// plan's leveling delays: its network (the gaps it holds include the current delays), its
/// CPM with those delays, the work left where it is, and the start-no-earlier-than offsets.
pub(crate) struct Built {
    pub(crate) problem: Problem,
    net: Network,
    cal: crate::model::WorkCalendar,
    before: crate::schedule::Cpm,
    pub(crate) fixed: Vec<bool>,
    snet: Vec<i64>,
    over_capacity: Vec<OverCapacity>,
}

/// Builds the leveling problem of `plan` (indexed like `plan.initiatives`). The plan should
/// be valid (`model::validate`).
pub(crate) fn build(plan: &Plan) -> Result<Built, PlanLevelError> {
    let cal = plan.calendar.anchored(plan.start).map_err(ScheduleError::from)?;
    let net = Network::of(plan)?;
    let before = passes(&net, &cal);
    let n = plan.initiatives.len();
    let fixed = fixed_work(plan, &net);

    let mut input = Input { duration: net.duration.clone(), fixed: fixed.clone(), ..Input::default() };
    // Releases: the start-no-earlier-than offset; fixed work at its current start.
    input.release = vec![0; n];
    let mut snet = vec![0i64; n];
    for c in &net.constraints {
        if let Some(d) = c.start_no_earlier_than {
            snet[c.node as usize] = cal.offset_on_or_after(d).max(0);
        }
    }
    // Work still to do starts no earlier than the status date allows (`Network::low`).
    for v in 0..n {
        snet[v] = snet[v].max(net.low(v));
        input.release[v] = if fixed[v] { before.early_start[v] } else { snet[v] };
    }
    // Gaps without the receivers' current delays; none into fixed work (it is where it is).
    for v in 0..n {
        if fixed[v] {
            continue;
        }
        for l in net.preds_of(v) {
            let gap = i32::try_from(l.gap - net.delay[v])
                .map_err(|_| PlanLevelError::Level(LevelError::TooLong { days: l.gap, limit: super::MAX_HORIZON }))?;
            input.gaps.push(Gap { from: l.node, to: v as u32, gap });
        }
    }
    let day0 = cal.day0();
    input.capacity = (0..plan.teams.len()).map(|t| capacity_steps(plan, t, |d| cal.offset_on_or_after(d), day0)).collect();
    let (demand, over_capacity) = demands(plan, &input.capacity);
    input.demand = demand;
    let problem = Problem::new(&input).map_err(|e| name(plan, e))?;
    Ok(Built { problem, net, cal, before, fixed, snet, over_capacity })
}

/// Levels `plan` within its teams' capacity. The plan should be valid (`model::validate`).
pub fn level_plan(plan: &Plan, config: &Config, watch: Option<&Watch>) -> Result<PlanLeveling, PlanLevelError> {
    let built = build(plan)?;
    let s = solve(&built.problem, config, watch).map_err(|e| name(plan, e))?;
    let Built { problem, mut net, cal, before, fixed, snet, over_capacity } = built;
    drop(problem);
    let n = plan.initiatives.len();

    // The delay that makes CPM start each initiative where the leveling put it.
    let mut delay: Vec<i32> = plan.initiatives.iter().map(|i| i.leveling_delay).collect();
    for v in 0..n {
        if fixed[v] {
            // Pinned work waits for nothing: a delay would be ignored, so none is kept.
            if plan.initiatives[v].is_pinned() && net.delay[v] == 0 {
                delay[v] = 0;
            }
            continue;
        }
        let mut bound = snet[v];
        for l in net.preds_of(v) {
            bound = bound.max(s.start[l.node as usize] + l.gap - net.delay[v]);
        }
        delay[v] = i32::try_from((s.start[v] - bound).max(0)).unwrap_or(i32::MAX);
    }
    // CPM of the plan with these delays, on the same network (not a copy of the plan).
    net.set_delays(&delay);
    let after = passes(&net, &cal);
    Ok(PlanLeveling {
        delay,
        start: after.early_start,
        finish: after.early_finish,
        finish_before: before.makespan,
        finish_after: after.makespan,
        lower_bound: s.lower_bound,
        schedules: s.schedules,
        over_capacity,
    })
}

/// The work leveling leaves where it is: done or under way (with a status date, done on its
/// actual dates or in progress; without one, done or with progress), and pinned work (on its
/// pinned date, docs/scheduling.md, "Pinned dates").
fn fixed_work(plan: &Plan, net: &Network) -> Vec<bool> {
    use crate::schedule::network::State;
    let mut fixed: Vec<bool> = plan
        .initiatives
        .iter()
        .enumerate()
        .map(|(v, i)| match net.progress.state(v) {
            State::Done { .. } | State::InProgress { .. } => true,
            State::NotStarted => false,
            State::AsPlanned => i.has_begun(),
        })
        .collect();
    for c in &net.constraints {
        if c.pinned.is_some() {
            fixed[c.node as usize] = true;
        }
    }
    fixed
}

/// Each initiative's demand per day on each team, in thousandths of a person rounded up
/// (`(initiative, team, milli)`), capped at what the team ends with; those capped.
fn demands(plan: &Plan, capacity: &[Vec<(i64, i64)>]) -> (Vec<(usize, usize, i64)>, Vec<OverCapacity>) {
    let team_index: std::collections::HashMap<&str, usize> = plan.teams.iter().enumerate().map(|(k, t)| (t.id.as_str(), k)).collect();
    let mut demand = Vec::new();
    let mut over_capacity = Vec::new();
    for (v, i) in plan.initiatives.iter().enumerate() {
        // Deferred work asks nothing of a team (docs/plan-format.md, "Deferral").
        if i.duration.likely <= 0 || i.is_deferred() {
            continue;
        }
        // Person-days per team, stated or assumed (`Initiative::effort_by_team`).
        let per_team = i.effort_by_team().into_iter().filter_map(|(team, pd)| Some((*team_index.get(team)?, pd)));
        for (t, person_days) in per_team {
            let per_day = person_days.max(0.0) / f64::from(i.duration.likely);
            let mut milli = (per_day * MILLI - 1e-6).ceil().max(0.0) as i64;
            let last = capacity[t].last().map_or(0, |s| s.1);
            if milli > last {
                over_capacity.push(OverCapacity {
                    initiative: i.id.clone(),
                    team: plan.teams[t].id.clone(),
                    asks: per_day,
                    has: last as f64 / MILLI,
                });
                milli = last;
            }
            if milli > 0 {
                demand.push((v, t, milli));
            }
        }
    }
    (demand, over_capacity)
}

/// The serial scheme the simulation runs on each iteration's durations (`--levelled`):
/// the plan's handoffs without leveling delays (the scheme places the work itself), its
/// start-no-earlier-than dates, its teams' capacity and effort as leveling counts them,
/// done and in-progress work fixed at its current start, and one activity list for every
/// iteration: among the initiatives whose givers are placed, the highest priority first,
/// then the earliest start of the plan's own schedule (CPM), then the plan's order.
pub fn sampled_serial(plan: &Plan) -> Result<Sampled, PlanLevelError> {
    let cal = plan.calendar.anchored(plan.start).map_err(ScheduleError::from)?;
    let net = Network::of(plan)?;
    let before = cpm(plan)?;
    let n = plan.initiatives.len();
    let fixed = fixed_work(plan, &net);
    let mut release: Vec<i64> = (0..n).map(|v| net.low(v)).collect();
    for c in &net.constraints {
        if let Some(d) = c.start_no_earlier_than {
            release[c.node as usize] = cal.offset_on_or_after(d).max(0).max(net.low(c.node as usize));
        }
    }
    for v in 0..n {
        if fixed[v] {
            release[v] = before.early_start[v];
        }
    }
    let index: std::collections::HashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut links = Vec::with_capacity(plan.handoffs.len());
    let mut succs: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut waiting = vec![0u32; n];
    for (k, h) in plan.handoffs.iter().enumerate() {
        // Met by actual dates, or a fixed bound already in the release (`Network::low`).
        if net.progress.rule(k) != crate::schedule::network::Rule::Link {
            continue;
        }
        let (Some(&a), Some(&b)) = (index.get(h.from.as_str()), index.get(h.to.as_str())) else { continue };
        let from_finish = matches!(h.kind, Kind::FS | Kind::FF);
        let to_finish = matches!(h.kind, Kind::FF | Kind::SF);
        links.push((b as u32, SampledLink { from: a as u32, from_finish, to_finish, lag: i64::from(h.lag) }));
        succs[a].push(b as u32);
        waiting[b] += 1;
    }
    // Kahn's algorithm with a heap on (priority high first, CPM start, plan order).
    let key = |v: usize| std::cmp::Reverse((std::cmp::Reverse(plan.initiatives[v].priority), before.early_start[v], v));
    let mut heap: std::collections::BinaryHeap<_> = (0..n).filter(|&v| waiting[v] == 0).map(key).collect();
    let mut list = Vec::with_capacity(n);
    while let Some(std::cmp::Reverse((_, _, v))) = heap.pop() {
        list.push(v as u32);
        for &w in &succs[v] {
            waiting[w as usize] -= 1;
            if waiting[w as usize] == 0 {
                heap.push(key(w as usize));
            }
        }
    }
    if list.len() < n {
        let activity = (0..n).find(|v| waiting[*v] > 0).unwrap_or(0);
        return Err(name(plan, LevelError::Cycle { activity }));
    }
    let capacity: Vec<Vec<(i64, i64)>> =
        (0..plan.teams.len()).map(|t| capacity_steps(plan, t, |d| cal.offset_on_or_after(d), cal.day0())).collect();
    let (demand, _) = demands(plan, &capacity);
    Ok(Sampled::new(list, &links, release, fixed, &demand, capacity))
}

fn name(plan: &Plan, e: LevelError) -> PlanLevelError {
    let activity = match &e {
        LevelError::NegativeDuration { activity, .. }
        | LevelError::NegativeDemand { activity, .. }
        | LevelError::NeverFits { activity, .. }
        | LevelError::Cycle { activity } => Some(*activity),
        _ => None,
    };
    match activity.and_then(|a| plan.initiatives.get(a)) {
        Some(i) => PlanLevelError::Initiative { initiative: i.id.clone(), error: e },
        None => PlanLevelError::Level(e),
    }
}
