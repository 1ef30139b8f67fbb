//! Leveling: the resource-constrained project scheduling problem (RCPSP) on flat arrays.
//!
//! A plan fits what its teams can do only if, every day, the work running on a team asks no
//! more than the team has. This module finds such a schedule that finishes as early as it
//! can. The solver knows nothing of plans (`plan` translates): a `Problem` is activities with
//! integer durations, minimum start-to-start gaps between them (every handoff kind with its
//! lag reduces to one, see `schedule::Link`), an earliest start per activity, activities
//! fixed where they are (work under way), renewable resources whose capacity per day is a
//! step function of time, and each activity's demand per day on each resource.
//! Capacities and demands are integers: the caller scales fractional people (milli-people).
//!
//! The search is built from the published methods that work best on the PSPLIB benchmark:
//! - `sgs`: the serial schedule generation scheme forward and backward (each activity in a
//!   list at the earliest (latest) time its gaps and the resources allow), the parallel one,
//!   and double justification (forward-backward improvement, Valls et al. 2005: shift every
//!   activity right as far as it goes, then left again; never longer, often shorter);
//! - `search`: priority rules (latest finish, least slack, most successors...) with
//!   regret-based biased random sampling for a diverse start, then a genetic algorithm over
//!   activity lists (Hartmann 1998: two-point crossover keeps a list precedence-feasible;
//!   mutation by neighbour swaps and one shift of an activity within its window) whose
//!   children are decoded with justification and written back as the order of their
//!   justified starts (Lamarckian), restarted from its best alone after 20 generations
//!   without progress.
//!   The search stops early when a schedule meets a lower bound (the critical path, or the
//!   work on a resource over its capacity), since nothing shorter exists.
//!
//! Determinism: the random numbers are xoshiro256** seeded by SplitMix64 from the seed and
//! the thread's index. With an iteration budget (`Config::iterations`, the number of
//! schedules generated, each forward or backward pass counting one), every thread runs its
//! own population to its own share of the budget and the best of them wins (ties to the
//! lower thread), so the result depends only on the seed. With a time limit the result is
//! the best found in that time.

mod bound;
mod plan;
mod propose;
mod search;
mod sgs;

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64};
use std::sync::Arc;
use std::time::Duration;

use thiserror::Error;

pub use plan::{capacity_steps, level_plan, sampled_serial, OverCapacity, PlanLevelError, PlanLeveling, MILLI};
pub use propose::{propose, Deferral, Proposal, ProposeConfig, ProposeError};
pub use search::solve;
pub use sgs::{lower_bound, Sampled, SampledLink};

/// Why a problem cannot be levelled. Activities and resources are named by position; the
/// caller that built the problem maps positions back to its own names.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LevelError {
    #[error("activity {activity} has a negative duration ({duration})")]
    NegativeDuration { activity: usize, duration: i64 },
    #[error("activity {activity} has a negative demand ({demand}) on resource {resource}")]
    NegativeDemand { activity: usize, resource: usize, demand: i64 },
    #[error("resource {resource} has a negative capacity ({capacity}) from day {from}")]
    NegativeCapacity { resource: usize, from: i64, capacity: i64 },
    #[error("resource {resource}: capacity changes must be in increasing order of day, from day 0 (found day {from})")]
    CapacityOrder { resource: usize, from: i64 },
    #[error("activity {activity} needs {demand} of resource {resource} per day but the resource ends with {capacity}: it could never be scheduled")]
    NeverFits { activity: usize, resource: usize, demand: i64, capacity: i64 },
    #[error("a gap names activity {activity}, but there are {count} activities")]
    UnknownActivity { activity: usize, count: usize },
    #[error("a demand names resource {resource}, but there are {count} resources")]
    UnknownResource { resource: usize, count: usize },
    #[error("the gaps form a cycle through activity {activity}")]
    Cycle { activity: usize },
    #[error("{resources} resources over {days} days are more than leveling holds in memory ({limit} resource-days)")]
    TooLarge { days: i64, resources: usize, limit: i64 },
    #[error("no schedule was found within the horizon")]
    NoSchedule,
    #[error("the schedule could reach day {days}, beyond the {limit} days leveling handles")]
    TooLong { days: i64, limit: i64 },
}

/// The longest horizon (in days) a problem may need; the resource profile holds one integer
/// per resource and day up to it.
pub const MAX_HORIZON: i64 = 20_000_000;

/// The most resource-days the profile may hold (4 bytes each, twice, per thread).
pub const MAX_PROFILE: i64 = 50_000_000;

/// A minimum gap between two starts: `start[to] >= start[from] + gap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub from: u32,
    pub to: u32,
    pub gap: i32,
}

/// The integer problem. Built once by `Problem::new`, which checks it; read-only after.
#[derive(Debug, Clone)]
pub struct Problem {
    pub(crate) duration: Vec<i32>,
    pub(crate) release: Vec<i32>,
    /// Starts at its release whatever the resources (work already under way).
    pub(crate) fixed: Vec<bool>,
    pub(crate) any_fixed: bool,
    /// Links into `v`: `preds[pred_start[v]..pred_start[v + 1]]`, `(giver, gap)`.
    pub(crate) pred_start: Vec<u32>,
    pub(crate) preds: Vec<(u32, i32)>,
    /// Links out of `v`: `succs[succ_start[v]..succ_start[v + 1]]`, `(receiver, gap)`.
    pub(crate) succ_start: Vec<u32>,
    pub(crate) succs: Vec<(u32, i32)>,
    /// Nonzero demands of `v`: `uses[use_start[v]..use_start[v + 1]]`, `(resource, per day)`.
    pub(crate) use_start: Vec<u32>,
    pub(crate) uses: Vec<(u32, i32)>,
    /// Capacity steps of each resource: `(from day, capacity)`, the first from day 0.
    pub(crate) capacity: Vec<Vec<(i32, i32)>>,
    /// A topological order of the gaps.
    pub(crate) order: Vec<u32>,
    /// No schedule a generation scheme builds reaches past this day.
    pub(crate) horizon: i32,
}

/// What a problem is built from; see `Problem::new`.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// Working days of each activity.
    pub duration: Vec<i64>,
    /// Earliest start of each activity (empty: all 0).
    pub release: Vec<i64>,
    pub gaps: Vec<Gap>,
    /// Per resource, the capacity per day as `(from day, capacity)` steps in increasing order
    /// of day; the first step is from day 0 (a resource with no step has capacity 0).
    pub capacity: Vec<Vec<(i64, i64)>>,
    /// `(activity, resource, demand per day)`; an activity listed twice for a resource adds up.
    pub demand: Vec<(usize, usize, i64)>,
    /// Activities that start at their release whatever the resources and the gaps into them:
    /// work already done or under way stays where it is and the rest fits around it (empty:
    /// none).
    pub fixed: Vec<bool>,
}

impl Problem {
    /// Checks and builds a problem: durations, demands and capacities >= 0, capacity steps in
    /// order from day 0, every gap between known activities and the gaps acyclic, and no
    /// demand above what its resource keeps for ever (that activity could never start).
    pub fn new(input: &Input) -> Result<Problem, LevelError> {
        let n = input.duration.len();
        let r_count = input.capacity.len();
        let small = |v: i64| -> Result<i32, LevelError> {
            i32::try_from(v).ok().filter(|x| i64::from(*x).abs() <= MAX_HORIZON).ok_or(LevelError::TooLong { days: v, limit: MAX_HORIZON })
        };
        let mut duration = Vec::with_capacity(n);
        for (k, &d) in input.duration.iter().enumerate() {
            if d < 0 {
                return Err(LevelError::NegativeDuration { activity: k, duration: d });
            }
            duration.push(small(d)?);
        }
        let mut release = vec![0i32; n];
        for (k, &r) in input.release.iter().enumerate().take(n) {
            release[k] = small(r.max(0))?;
        }
        let mut capacity = Vec::with_capacity(r_count);
        for (r, steps) in input.capacity.iter().enumerate() {
            let mut out: Vec<(i32, i32)> = Vec::with_capacity(steps.len().max(1));
            for (k, &(from, cap)) in steps.iter().enumerate() {
                if cap < 0 {
                    return Err(LevelError::NegativeCapacity { resource: r, from, capacity: cap });
                }
                if (k == 0 && from != 0) || out.last().is_some_and(|l| i64::from(l.0) >= from) {
                    return Err(LevelError::CapacityOrder { resource: r, from });
                }
                out.push((small(from)?, i32::try_from(cap).unwrap_or(i32::MAX)));
            }
            if out.is_empty() {
                out.push((0, 0));
            }
            capacity.push(out);
        }
        // Demands, summed per (activity, resource).
        let mut dense: Vec<i64> = vec![0; n * r_count];
        for &(a, r, d) in &input.demand {
            if a >= n {
                return Err(LevelError::UnknownActivity { activity: a, count: n });
            }
            if r >= r_count {
                return Err(LevelError::UnknownResource { resource: r, count: r_count });
            }
            if d < 0 {
                return Err(LevelError::NegativeDemand { activity: a, resource: r, demand: d });
            }
            dense[a * r_count + r] = dense[a * r_count + r].saturating_add(d);
        }
        let mut use_start = Vec::with_capacity(n + 1);
        let mut uses = Vec::new();
        use_start.push(0u32);
        for a in 0..n {
            for r in 0..r_count {
                let d = dense[a * r_count + r];
                if d > 0 && duration[a] > 0 {
                    let last = capacity[r].last().map_or(0, |s| s.1);
                    if d > i64::from(last) {
                        return Err(LevelError::NeverFits { activity: a, resource: r, demand: d, capacity: i64::from(last) });
                    }
                    uses.push((r as u32, d as i32));
                }
            }
            use_start.push(uses.len() as u32);
        }

        // Gaps in CSR, both ways.
        let mut pred_start = vec![0u32; n + 1];
        let mut succ_start = vec![0u32; n + 1];
        for g in &input.gaps {
            for end in [g.from, g.to] {
                if end as usize >= n {
                    return Err(LevelError::UnknownActivity { activity: end as usize, count: n });
                }
            }
            small(i64::from(g.gap))?;
            succ_start[g.from as usize + 1] += 1;
            pred_start[g.to as usize + 1] += 1;
        }
        for v in 0..n {
            pred_start[v + 1] += pred_start[v];
            succ_start[v + 1] += succ_start[v];
        }
        let mut preds = vec![(0u32, 0i32); input.gaps.len()];
        let mut succs = vec![(0u32, 0i32); input.gaps.len()];
        let (mut pf, mut sf) = (pred_start.clone(), succ_start.clone());
        for g in &input.gaps {
            preds[pf[g.to as usize] as usize] = (g.from, g.gap);
            pf[g.to as usize] += 1;
            succs[sf[g.from as usize] as usize] = (g.to, g.gap);
            sf[g.from as usize] += 1;
        }
        let mut waiting: Vec<u32> = (0..n).map(|v| pred_start[v + 1] - pred_start[v]).collect();
        let mut order: Vec<u32> = (0..n as u32).filter(|v| waiting[*v as usize] == 0).collect();
        let mut next = 0;
        while next < order.len() {
            let v = order[next] as usize;
            next += 1;
            for &(w, _) in &succs[succ_start[v] as usize..succ_start[v + 1] as usize] {
                waiting[w as usize] -= 1;
                if waiting[w as usize] == 0 {
                    order.push(w);
                }
            }
        }
        if order.len() < n {
            let activity = (0..n).find(|v| waiting[*v] > 0).unwrap_or(0);
            return Err(LevelError::Cycle { activity });
        }

        // The horizon: see `sgs::Profile` for why no generated schedule passes it.
        let last_change = capacity.iter().filter_map(|s| s.last()).map(|s| i64::from(s.0)).max().unwrap_or(0);
        let mut horizon = last_change.max(release.iter().map(|r| i64::from(*r)).max().unwrap_or(0));
        for v in 0..n {
            let out = succs[succ_start[v] as usize..succ_start[v + 1] as usize].iter().map(|s| i64::from(s.1)).max().unwrap_or(0);
            horizon += i64::from(duration[v]).max(out).max(0);
            if horizon > MAX_HORIZON {
                return Err(LevelError::TooLong { days: horizon, limit: MAX_HORIZON });
            }
        }
        let mut fixed = vec![false; n];
        for (k, f) in input.fixed.iter().enumerate().take(n) {
            fixed[k] = *f;
        }
        if horizon.saturating_mul(r_count as i64) > MAX_PROFILE {
            return Err(LevelError::TooLarge { days: horizon, resources: r_count, limit: MAX_PROFILE });
        }
        Ok(Problem {
            duration,
            release,
            any_fixed: fixed.iter().any(|f| *f),
            fixed,
            pred_start,
            preds,
            succ_start,
            succs,
            use_start,
            uses,
            capacity,
            order,
            horizon: horizon as i32 + 1,
        })
    }

    /// The number of activities.
    pub fn len(&self) -> usize {
        self.duration.len()
    }

    pub fn is_empty(&self) -> bool {
        self.duration.is_empty()
    }

    /// The number of resources.
    pub fn resources(&self) -> usize {
        self.capacity.len()
    }

    pub(crate) fn preds_of(&self, v: usize) -> &[(u32, i32)] {
        &self.preds[self.pred_start[v] as usize..self.pred_start[v + 1] as usize]
    }

    pub(crate) fn succs_of(&self, v: usize) -> &[(u32, i32)] {
        &self.succs[self.succ_start[v] as usize..self.succ_start[v + 1] as usize]
    }

    pub(crate) fn uses_of(&self, v: usize) -> &[(u32, i32)] {
        &self.uses[self.use_start[v] as usize..self.use_start[v + 1] as usize]
    }

    /// Capacity of resource `r` on day `t`.
    pub fn capacity_at(&self, r: usize, t: i64) -> i64 {
        let steps = &self.capacity[r];
        let k = steps.partition_point(|s| i64::from(s.0) <= t);
        if k == 0 {
            0
        } else {
            i64::from(steps[k - 1].1)
        }
    }

    /// Whether `start` respects every gap, release and capacity; the first broken rule, named.
    /// Gaps into a fixed activity are not checked; its load counts like any other.
    pub fn check(&self, start: &[i64]) -> Result<(), String> {
        let n = self.len();
        if start.len() != n {
            return Err(format!("{} starts for {} activities", start.len(), n));
        }
        for v in 0..n {
            if start[v] < i64::from(self.release[v]) {
                return Err(format!("activity {v} starts at {} before its release {}", start[v], self.release[v]));
            }
            for &(w, gap) in self.succs_of(v) {
                if !self.fixed[w as usize] && start[w as usize] < start[v] + i64::from(gap) {
                    return Err(format!("activity {w} starts at {} before {v}'s start {} + gap {gap}", start[w as usize], start[v]));
                }
            }
        }
        let end = (0..n).map(|v| start[v] + i64::from(self.duration[v])).max().unwrap_or(0);
        let begin = start.iter().copied().min().unwrap_or(0);
        if end - begin > MAX_HORIZON {
            return Err("the schedule is longer than leveling handles".into());
        }
        for r in 0..self.resources() {
            let mut load = vec![0i64; (end - begin).max(0) as usize];
            for v in 0..n {
                for &(rr, d) in self.uses_of(v) {
                    if rr as usize == r {
                        for t in start[v]..start[v] + i64::from(self.duration[v]) {
                            load[(t - begin) as usize] += i64::from(d);
                        }
                    }
                }
            }
            for (k, l) in load.iter().enumerate() {
                let t = begin + k as i64;
                if *l > self.capacity_at(r, t) {
                    return Err(format!("resource {r} is loaded {l} on day {t}, over its capacity {}", self.capacity_at(r, t)));
                }
            }
        }
        Ok(())
    }
}

/// How long to search.
#[derive(Debug, Clone)]
pub struct Config {
    /// Stop after this many generated schedules (over all threads). With it, the result
    /// depends only on the seed (and not on the machine's speed).
    pub iterations: Option<u64>,
    /// Stop after this long (the first of the two limits wins). Neither: 5,000 schedules.
    pub time_limit: Option<Duration>,
    pub seed: u64,
    /// Independent populations, one per thread (1 or more).
    pub threads: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { iterations: None, time_limit: Some(Duration::from_secs(1)), seed: 1, threads: 2 }
    }
}

/// A levelled schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// Start day of each activity.
    pub start: Vec<i64>,
    /// The latest finish (0 for no activity).
    pub makespan: i64,
    /// The lower bound the search knew: when `makespan` equals it, the schedule is optimal.
    pub lower_bound: i64,
    /// Schedules generated, over all threads.
    pub schedules: u64,
    /// When the best schedule was found, from the start of the search.
    pub time_to_best: Duration,
}

/// What another thread sees of a running search, and how it stops one (a progress bar
/// polled while the search runs, and a Cancel button).
#[derive(Debug)]
pub struct Watch {
    /// Set to stop the search: it returns the best schedule found so far. Shared, so that
    /// one flag can stop whatever job runs the search (`api::Job`).
    pub cancel: Arc<AtomicBool>,
    /// Schedules generated so far, over all threads (brought up to date every few).
    pub schedules: Arc<AtomicU64>,
    /// The shortest makespan found so far (`i64::MAX` before the first).
    pub best: AtomicI64,
}

impl Default for Watch {
    fn default() -> Self {
        Watch::sharing(Arc::default(), Arc::default())
    }
}

impl Watch {
    /// A watch whose cancel flag and count of schedules are those of a caller's job.
    pub fn sharing(cancel: Arc<AtomicBool>, schedules: Arc<AtomicU64>) -> Watch {
        Watch { cancel, schedules, best: AtomicI64::new(i64::MAX) }
    }
}
