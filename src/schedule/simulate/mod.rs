//! Monte Carlo schedule risk: the dates one can promise, and what drives them.
//!
//! CPM plans on each initiative's likely duration; leaders ask what date they can promise.
//! Each iteration here samples every duration from its three-point estimate (triangular,
//! or PERT-Beta) as a continuous number of working days, fires each open or mitigating
//! risk with its probability (adding its sampled schedule impact to every initiative it
//! hits), and runs the forward pass of CPM with the same handoff rules (FS/SS/FF/SF, lags,
//! start-no-earlier-than; see docs/scheduling.md). Done work keeps its likely duration;
//! work in progress keeps the done share of it and samples only the rest.
//!
//! Correlation: a team with coefficient rho draws its initiatives' durations through a
//! Gaussian copula, the uniform of each being Phi(sqrt(rho) Z_team + sqrt(1 - rho) Z_i)
//! with one normal Z_team per team per iteration (so with rho = 1 the whole team is early
//! or late together, and spreads add up along a chain instead of averaging out). Under PERT,
//! such initiatives draw their Beta by a tabulated inverse CDF so the copula carries through.
//!
//! The hot loop runs on flat arrays in topological order and allocates nothing; it runs
//! four iterations side by side in lanes (`[f64; 4]` per node), so one walk of the links
//! serves four iterations and the arithmetic vectorises. An uncorrelated triangle is drawn
//! without a square root (two uniforms from one 64-bit draw, [`Tri::pair`]). Random
//! numbers are counter-based: the draw for iteration `i` and slot `k` is SplitMix64's
//! output at position `k` of a stream keyed by the seed and `i`, so every iteration is
//! the same whichever thread runs it and whatever else it draws. Threads take contiguous
//! chunks of iterations (`std::thread::scope`) and write their own slices; counts are
//! integer sums: the same seed gives the same output on any number of threads.

use chrono::NaiveDate;
use thiserror::Error;

use super::cpm::{passes, ScheduleError};
use super::level::{sampled_serial, Sampled};
use super::network::{Network, Rule, State};
use crate::graph::Ids;
use crate::model::{Kind, Plan, RiskStatus, Status, WorkCalendar};

/// How a duration is drawn from its three-point estimate (a plan setting, so it lives in
/// the model).
pub use crate::model::Distribution;

/// What to run.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    pub iterations: u32,
    pub seed: u64,
    pub distribution: Distribution,
    /// The date to meet: the result says how likely the plan finishes by its end.
    pub target: Option<NaiveDate>,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Bins of the finish histogram.
    pub bins: usize,
    /// Risk drivers: how many risks are reported, those whose removal moves P80 most (every
    /// risk is screened, see `drivers.rs`); 0 measures none.
    pub drivers: usize,
    /// Progress and cancel, for a caller running the simulation in the background (the app).
    pub control: Option<Control>,
    /// Schedule every iteration within the teams' capacity (`bridger simulate --levelled`):
    /// the iteration's durations, rounded to whole working days (work of more than 0 days
    /// takes at least 1), go through the serial schedule generation scheme of
    /// `level::sampled_serial` (the plan's priorities, then its CPM order; accepted leveling
    /// delays are replaced by what the scheme decides), so the finish, milestones and waves
    /// include the waiting for busy teams. Criticality is that of the levelled iterations
    /// (see [`Model::levelled_criticality`]), and risk drivers are not measured.
    pub levelled: bool,
}

/// A running simulation's progress (iterations done, counted up per chunk) and a flag to
/// cancel it (checked per chunk: the run then ends with [`SimulateError::Cancelled`]).
#[derive(Debug, Clone, Default)]
pub struct Control {
    pub done: std::sync::Arc<std::sync::atomic::AtomicU64>,
    pub cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Control {
    pub fn cancelled(&self) -> bool {
        self.cancel.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl PartialEq for Control {
    /// The same counters, not equal counts.
    fn eq(&self, other: &Control) -> bool {
        std::sync::Arc::ptr_eq(&self.done, &other.done) && std::sync::Arc::ptr_eq(&self.cancel, &other.cancel)
    }
}

impl Default for SimConfig {
    fn default() -> SimConfig {
        SimConfig {
            iterations: 5_000,
            seed: 1,
            distribution: Distribution::Triangular,
            target: None,
            threads: 0,
            bins: 40,
            drivers: 20,
            control: None,
            levelled: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum SimulateError {
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error("risk '{risk}': '{initiative}' is not a known initiative")]
    DanglingRisk { risk: String, initiative: String },
    #[error("a simulation needs at least one iteration")]
    NoIterations,
    #[error("the simulation was cancelled")]
    Cancelled,
    #[error("cannot schedule the iterations within capacity: {0}")]
    Level(String),
}

/// A finish as offsets and as the date a person reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finish {
    /// Fractional working days from day 0.
    pub days: f64,
    /// The working day in which the work ends (a milestone: the day it happens), as CPM
    /// shows a finish.
    pub date: NaiveDate,
}

/// One percentile of the plan's finish.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentile {
    pub percent: u8,
    pub finish: Finish,
}

/// The finish of a milestone or a wave: P50 and P80, and the same figures the plan's
/// finish has (P10..P90, mean, histogram), so a wave reads like the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub id: String,
    pub p50: Finish,
    pub p80: Finish,
    /// P10, P20, ..., P90.
    pub percentiles: Vec<Percentile>,
    pub mean_days: f64,
    pub histogram: Histogram,
}

/// The chance of meeting one date the plan promises: an initiative's deadline (its
/// finish-no-later-than) or a handoff's due date.
#[derive(Debug, Clone, PartialEq)]
pub struct DateChance {
    /// The initiative's or the handoff's id.
    pub id: String,
    /// The date to meet.
    pub date: NaiveDate,
    /// Share of iterations meeting it: for an initiative, its finish at or before the end of
    /// that working day (judged on offsets, as CPM judges a deadline); for a handoff, the
    /// moment it is delivered ([`delivered`]) at or before that end.
    pub probability: f64,
    /// The finish (or the delivery) at P80; None on plans with so many dated items that
    /// their iterations were not kept (see `DATED_BUDGET`).
    pub p80: Option<Finish>,
}

/// Counts of the plan's finish in equal bins from `start`.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub start: f64,
    pub width: f64,
    pub counts: Vec<u32>,
}

/// What a run found. Vectors of initiatives and handoffs are in plan order.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub iterations: u32,
    pub seed: u64,
    pub distribution: Distribution,
    /// CPM's finish (likely durations, no risk), to compare with.
    pub cpm: Finish,
    /// P10, P20, ..., P90 of the plan's finish.
    pub percentiles: Vec<Percentile>,
    pub mean_days: f64,
    pub histogram: Histogram,
    /// The plan's finish in each iteration, in iteration order (the S-curve's points).
    pub finish_days: Vec<f64>,
    pub target: Option<NaiveDate>,
    /// Share of iterations that finish by the end of the target date.
    pub probability_on_target: Option<f64>,
    /// Share of iterations in which each initiative is on the driving path to the plan's
    /// finish.
    pub criticality: Vec<f64>,
    /// Share of iterations in which each handoff drives its receiver on that path.
    pub handoff_criticality: Vec<f64>,
    /// Initiatives whose estimate is zero days, in plan order.
    pub milestones: Vec<Point>,
    /// The plan's waves in plan order (a wave ends with the last of its initiatives).
    pub waves: Vec<Point>,
    /// The finish of each site with work, in plan order (a site ends with the last of its
    /// initiatives).
    pub sites: Vec<Point>,
    /// The finish of each strategic priority served by work not deferred, in plan order (the
    /// last of that work).
    pub priorities: Vec<Point>,
    /// Every initiative with a deadline, in plan order.
    pub deadlines: Vec<DateChance>,
    /// Every handoff with a due date, in plan order.
    pub handoff_dues: Vec<DateChance>,
    /// Each iteration was scheduled within the teams' capacity ([`SimConfig::levelled`]).
    pub levelled: bool,
    /// The risks with the largest effect on P80 (see [`SimConfig::drivers`]), the largest
    /// P80 delta first (ties: the larger P50 delta, then plan order).
    pub risk_drivers: Vec<RiskDriver>,
    /// The downstream exposure of the measured risks, in the order of `risk_drivers` (on
    /// very large plans, of the first ones: see `BIN_BUDGET`).
    pub exposure: Vec<RiskExposure>,
}

/// How much one risk moves the plan's finish: the run with it against the same run without
/// it, on the same random numbers (every duration and every other risk draws the same in
/// both, so the difference is the risk's, not noise).
#[derive(Debug, Clone, PartialEq)]
pub struct RiskDriver {
    /// The risk's id.
    pub risk: String,
    /// P80 of the plan's finish with the risk minus P80 without it, in working days.
    pub p80_delta_days: f64,
    /// The same at P50.
    pub p50_delta_days: f64,
}

/// What one risk can delay downstream: the initiatives, waves and milestones reachable
/// along handoffs from the initiatives it hits, and how much it delays each.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskExposure {
    /// The risk's id.
    pub risk: String,
    /// How many initiatives are reachable from those it hits (its own included).
    pub reach: usize,
    /// The reachable initiatives it delayed in at least one iteration, the largest P80
    /// delay first (ties: the larger share, then plan order).
    pub initiatives: Vec<Exposed>,
    /// Every reachable wave and milestone, in the same order.
    pub waves: Vec<Exposed>,
    pub milestones: Vec<Exposed>,
}

/// How much a risk delays one initiative, wave or milestone it can reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Exposed {
    pub id: String,
    /// The P80 of the delay to its finish over the iterations in which the risk fires
    /// (its finish with the risk minus without it, on the same draws), in working days,
    /// rounded up to 1/50 of the largest delay the risk can cause: when it fires, it
    /// delays this by at most this much in four cases out of five.
    pub p80_delay_days: f64,
    /// Share of all iterations in which the risk delayed it.
    pub share: f64,
}

impl Simulation {
    /// The plan's finish at `percent` (10, 20, ..., 90).
    pub fn percentile(&self, percent: u8) -> Option<Finish> {
        self.percentiles.iter().find(|p| p.percent == percent).map(|p| p.finish)
    }
}

/// Runs the simulation on a plan.
pub fn simulate(plan: &Plan, config: &SimConfig) -> Result<Simulation, SimulateError> {
    if config.iterations == 0 {
        return Err(SimulateError::NoIterations);
    }
    let cal = plan.calendar.anchored(plan.start).map_err(ScheduleError::from)?;
    let net = Network::of(plan)?;
    let mut model = Model::of(plan, &net, &cal, config)?;
    let raw = model.run(config, false);
    if config.control.as_ref().is_some_and(Control::cancelled) {
        return Err(SimulateError::Cancelled);
    }
    let drivers = if model.screening() { model.choose_drivers(plan, config, &raw)? } else { Vec::new() };
    summarize(plan, &net, &cal, &model, config, raw, drivers)
}

mod drivers;
mod engine;
mod model;
mod sampling;
mod summary;
#[cfg(test)]
mod tests;

use drivers::*;
use engine::*;
use model::*;
use sampling::*;
use summary::*;
