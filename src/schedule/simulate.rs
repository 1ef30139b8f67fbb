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
use super::network::Network;
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
    /// Risk drivers: how many risks (those with the largest probability x mean schedule
    /// impact) are measured against the run without them; 0 measures none.
    pub drivers: usize,
    /// Progress and cancel, for a caller running the simulation in the background (the app).
    pub control: Option<Control>,
    /// Schedule every iteration within the teams' capacity (`bridger simulate --levelled`):
    /// the iteration's durations, rounded to whole working days (work of more than 0 days
    /// takes at least 1), go through the serial schedule generation scheme of
    /// `level::sampled_serial` (the plan's priorities, then its CPM order; accepted leveling
    /// delays are replaced by what the scheme decides), so the finish, milestones and waves
    /// include the waiting for busy teams. Criticality stays that of the pass without
    /// capacity, and risk drivers are not measured.
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

/// The finish of a milestone or a wave at P50 and P80.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub id: String,
    pub p50: Finish,
    pub p80: Finish,
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
    /// The measured risks (see [`SimConfig::drivers`]), the largest P80 delta first (ties:
    /// the larger P50 delta, then plan order).
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
    let model = Model::of(plan, &net, &cal, config)?;
    let raw = model.run(config);
    if config.control.as_ref().is_some_and(Control::cancelled) {
        return Err(SimulateError::Cancelled);
    }
    summarize(plan, &net, &cal, &model, config, raw)
}

// ---------------------------------------------------------------------------------------
// Random numbers.

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a bijection with full avalanche.
#[inline(always)]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The key of iteration `i`'s stream.
#[inline]
fn stream(seed: u64, i: u64) -> u64 {
    mix(seed ^ mix(i.wrapping_add(1).wrapping_mul(GAMMA)))
}

/// Uniform in [0, 1) from 64 random bits.
#[inline(always)]
fn unit(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Draw `slot` of the stream `key`: SplitMix64 at that position, so any draw is reached
/// without the ones before it.
#[inline(always)]
fn draw(key: u64, slot: u64) -> f64 {
    unit(bits(key, slot))
}

/// The 64 random bits of draw `slot` of the stream `key`.
#[inline(always)]
fn bits(key: u64, slot: u64) -> u64 {
    mix(key.wrapping_add(slot.wrapping_add(1).wrapping_mul(GAMMA)))
}

/// A standard normal from draw `slot` of the stream `key` (by the inverse CDF, so one
/// uniform gives one normal and any draw is reached without the others).
fn normal(key: u64, slot: u64) -> f64 {
    inv_phi(draw(key, slot))
}

/// The standard normal CDF, from erfc with a fractional error below 1.2e-7 (Numerical
/// Recipes' Chebyshev fit).
#[inline]
fn phi(x: f64) -> f64 {
    let x = -x * std::f64::consts::FRAC_1_SQRT_2;
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07 + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc = t * poly.exp();
    0.5 * if x >= 0.0 { erfc } else { 2.0 - erfc }
}

/// The standard normal quantile (Acklam's rational approximation, relative error below
/// 1.2e-9); `p` is kept inside (0, 1), so the result is finite.
#[inline]
fn inv_phi(p: f64) -> f64 {
    const A: [f64; 6] =
        [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.383577518672690e2, -3.066479806614716e1, 2.506628277459239];
    const B: [f64; 5] = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const C: [f64; 6] =
        [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const D: [f64; 4] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    const LOW: f64 = 0.02425;
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - LOW {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// Points of a Beta quantile table: `QUANTILES + 1` values at u = k / QUANTILES.
const QUANTILES: usize = 1024;

/// The quantiles of Beta(alpha, beta) (shapes of at least 1, as PERT's) at u = k / 1,024,
/// from the density's integral by the trapezoid rule on 16,384 steps: an inverse CDF for the
/// copula, which a rejection sampler cannot give.
fn beta_quantiles(alpha: f64, beta: f64) -> Vec<f64> {
    const STEPS: usize = 16_384;
    let density = |x: f64| x.powf(alpha - 1.0) * (1.0 - x).powf(beta - 1.0);
    let h = 1.0 / STEPS as f64;
    let mut cdf = Vec::with_capacity(STEPS + 1);
    let (mut sum, mut last) = (0.0, density(0.0));
    cdf.push(0.0);
    for i in 1..=STEPS {
        let f = density(i as f64 * h);
        sum += 0.5 * h * (last + f);
        last = f;
        cdf.push(sum);
    }
    let total = if sum > 0.0 { sum } else { 1.0 };
    let mut q = Vec::with_capacity(QUANTILES + 1);
    let mut i = 0;
    for k in 0..=QUANTILES {
        let u = k as f64 / QUANTILES as f64 * total;
        while i + 1 < STEPS && cdf[i + 1] < u {
            i += 1;
        }
        let (c0, c1) = (cdf[i], cdf[(i + 1).min(STEPS)]);
        let t = if c1 > c0 { ((u - c0) / (c1 - c0)).clamp(0.0, 1.0) } else { 0.0 };
        q.push(((i as f64 + t) * h).clamp(0.0, 1.0));
    }
    q
}

/// The quantile at `u` of a table from [`beta_quantiles`], linear between its points.
#[inline]
fn quantile_of(q: &[f64], u: f64) -> f64 {
    let t = u.clamp(0.0, 1.0) * QUANTILES as f64;
    let k = (t as usize).min(QUANTILES - 1);
    let (a, b) = (q.get(k).copied().unwrap_or(0.0), q.get(k + 1).copied().unwrap_or(1.0));
    a + (t - k as f64) * (b - a)
}

/// A sequential SplitMix64 for the few draws a rejection sampler needs.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(GAMMA);
        unit(mix(self.0))
    }
}

// ---------------------------------------------------------------------------------------
// The model: a plan prepared for many forward passes.

/// A three-point estimate prepared for inverse-transform sampling of the triangle.
#[derive(Debug, Clone, Copy)]
struct Tri {
    lo: f64,
    hi: f64,
    /// The CDF at the mode; above 1 for a degenerate estimate (always the left branch).
    at_mode: f64,
    /// (hi - lo) (mode - lo) and (hi - lo) (hi - mode).
    left: f64,
    right: f64,
    /// mode - lo and hi - mode.
    below: f64,
    above: f64,
}

impl Tri {
    fn new(a: f64, c: f64, b: f64) -> Tri {
        let (a, b) = (a.min(b), a.max(b));
        let c = c.clamp(a, b);
        let span = b - a;
        if span <= 0.0 {
            return Tri { lo: a, hi: a, at_mode: 2.0, left: 0.0, right: 0.0, below: 0.0, above: 0.0 };
        }
        Tri { lo: a, hi: b, at_mode: (c - a) / span, left: span * (c - a), right: span * (b - c), below: c - a, above: b - c }
    }

    /// A draw from 64 random bits without a square root (Stein and Keblis, 2009): with U
    /// and V uniform on [0, 1), lo + (hi - mode) min(U, V) + (mode - lo) max(U, V) is
    /// triangular on (lo, mode, hi). U and V are the two halves of the bits.
    #[inline(always)]
    fn pair(&self, bits: u64) -> f64 {
        const SCALE: f64 = 1.0 / (1u64 << 32) as f64;
        let u = (bits >> 32) as f64 * SCALE;
        let v = (bits & 0xFFFF_FFFF) as f64 * SCALE;
        let (low, high) = if u < v { (u, v) } else { (v, u) };
        self.lo + (self.above * low + self.below * high)
    }

    #[inline(always)]
    fn sample(&self, u: f64) -> f64 {
        // Both sides as selects, not a branch: which side is a coin toss per draw.
        let left = u < self.at_mode;
        let from = if left { self.lo } else { self.hi };
        let area = if left { u * self.left } else { (1.0 - u) * self.right };
        let sign = if left { 1.0 } else { -1.0 };
        from + sign * area.sqrt()
    }

    /// PERT-Beta on [lo, hi] with the same mode, drawn from a local stream seeded by `u`.
    fn sample_pert(&self, u: f64, mode: f64) -> f64 {
        let span = self.hi - self.lo;
        if span <= 0.0 {
            return self.lo;
        }
        let alpha = 1.0 + 4.0 * (mode - self.lo) / span;
        let beta = 1.0 + 4.0 * (self.hi - mode) / span;
        let mut rng = SplitMix((u * (1u64 << 53) as f64) as u64 ^ 0x5851_F42D_4C95_7F2D);
        let x = gamma(alpha, &mut rng);
        let y = gamma(beta, &mut rng);
        let t = if x + y > 0.0 { x / (x + y) } else { (mode - self.lo) / span };
        self.lo + span * t.clamp(0.0, 1.0)
    }
}

/// Marsaglia-Tsang for a shape >= 1 (PERT's shapes are 1..5). Bounded: after 64 refusals,
/// which does not happen in practice, the mean stands in.
fn gamma(shape: f64, rng: &mut SplitMix) -> f64 {
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    for _ in 0..64 {
        // Box-Muller.
        let (u1, u2) = (rng.next(), rng.next());
        let z = (-2.0 * (1.0 - u1).ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        let v = 1.0 + c * z;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = rng.next();
        if (1.0 - u).ln() < 0.5 * z * z + d - d * v + d * v.ln() {
            return d * v;
        }
    }
    shape
}

/// An initiative as the pass sees it (index = topological position).
#[derive(Debug, Clone, Copy)]
struct Node {
    tri: Tri,
    likely: f64,
    /// The share still to do: 1 not started, 1 - progress in progress, 0 done.
    rest: f64,
    /// The earliest start: 0, or its start-no-earlier-than, plus its leveling delay.
    base: f64,
    /// Its team's place in [`Model::teams`] when that team's durations are correlated
    /// (`NO_TEAM` otherwise), and the copula's weights sqrt(rho) and sqrt(1 - rho).
    team: u32,
    a: f64,
    b: f64,
    /// Under PERT in a correlated team: its Beta's quantile table in [`Model::tables`]
    /// (`NO_TEAM` otherwise), so that the copula's uniform draws by the inverse CDF.
    table: u32,
}

const NO_TEAM: u32 = u32::MAX;

/// A handoff into a node: `receiver.start >= times[src] + lag - fin * receiver.duration`,
/// where `times[2k]` is node k's start and `times[2k + 1]` its finish.
#[derive(Debug, Clone, Copy)]
struct SimLink {
    lag: f64,
    src: u32,
    /// 1.0 when the handoff ties the receiver's finish (FF, SF), else 0.0.
    fin: f32,
}

struct Model {
    pert: bool,
    /// Plan position of each topological position.
    order: Vec<u32>,
    nodes: Vec<Node>,
    pred_start: Vec<u32>,
    preds: Vec<SimLink>,
    /// The plan position of each link's handoff.
    pred_handoff: Vec<u32>,
    risks: Vec<SimRisk>,
    risk_hits: Vec<u32>,
    /// Topological positions of the milestones (zero-day estimates), in plan order.
    milestones: Vec<u32>,
    /// For the risk drivers (empty without them): the model risks hitting each node
    /// (`node_risks[node_risk_start[v]..node_risk_start[v + 1]]`, in risk order) and the
    /// measured risks, largest probability x mean impact first. Each node's successors.
    node_risk_start: Vec<u32>,
    node_risks: Vec<u32>,
    succ_start: Vec<u32>,
    succs: Vec<u32>,
    drivers: Vec<u32>,
    /// The nodes that can set the plan's finish: those without a finish-to-start handoff of
    /// lag >= 0 to another node, whose finish is then at least theirs (durations are never
    /// negative then; if one could be, every node).
    ends: Vec<u32>,
    /// Members of wave w: `wave_members[wave_start[w]..wave_start[w + 1]]`.
    wave_start: Vec<u32>,
    wave_members: Vec<u32>,
    handoffs: usize,
    /// The stream slot of each correlated team's normal.
    teams: Vec<u64>,
    /// Quantile tables of the Beta distributions of correlated PERT nodes ([`beta_quantiles`]).
    tables: Vec<Vec<f64>>,
    /// What each measured risk can delay (as `drivers`), and the size of all their delay
    /// histograms together.
    reach: Vec<Reach>,
    bins: usize,
    /// With `SimConfig::levelled`: the serial scheme each iteration's durations go through.
    levelled: Option<Sampled>,
}

/// Bins of a delay histogram (see [`Reach`]).
const BINS: usize = 50;
/// The most histogram bins a thread keeps (32 MB): the measured risks get an exposure in
/// their order while their histograms fit (all 20 on plans of tens of thousands of
/// initiatives; on larger plans, the first ones).
const BIN_BUDGET: usize = 8 << 20;

/// What one measured risk can delay: the nodes reachable along handoffs from those it hits
/// (its own included) and the waves with a reached member. Per reached node and wave, a
/// histogram of the delay it causes in the iterations in which it fires, in `BINS` bins of
/// `width` up to the largest delay it can cause (its largest impact times the initiatives it
/// hits: a pass moves no time further than the durations it adds).
#[derive(Debug, Clone)]
struct Reach {
    /// Whether its histograms fit the budget; if not, it has no exposure.
    kept: bool,
    /// Topological positions, ascending.
    nodes: Vec<u32>,
    /// The place of each node in `nodes` (`u32::MAX` where it is not reached).
    index: Vec<u32>,
    waves: Vec<u32>,
    width: f64,
    /// Where its histograms start in [`Scratch::hist`]: the nodes', then the waves'.
    at: usize,
}

#[derive(Debug, Clone, Copy)]
struct SimRisk {
    /// Its position in the plan's risks.
    index: u32,
    probability: f64,
    /// The mean of its schedule impact.
    mean: f64,
    impact: Tri,
    /// Its draws are slots `slot` (fires?) and `slot + 1` (how much).
    slot: u64,
    /// `risk_hits[hits.0..hits.1]`: topological positions it delays.
    hits: (u32, u32),
}

impl Model {
    fn of(plan: &Plan, net: &Network, cal: &WorkCalendar, config: &SimConfig) -> Result<Model, SimulateError> {
        let n = net.len();
        let mut topo = vec![0u32; n];
        for (k, &v) in net.order.iter().enumerate() {
            topo[v as usize] = k as u32;
        }
        // Teams whose durations move together: a normal per team per iteration, drawn from
        // the iteration's stream after the nodes' and the risks' slots.
        let mut teams = Vec::new();
        let mut team_of: std::collections::HashMap<&str, (u32, f64)> = std::collections::HashMap::new();
        for (t, team) in plan.teams.iter().enumerate() {
            let rho = if team.correlation.is_nan() { 0.0 } else { team.correlation.clamp(0.0, 1.0) };
            if rho > 0.0 {
                team_of.insert(team.id.as_str(), (teams.len() as u32, rho));
                teams.push(n as u64 + 2 * plan.risks.len() as u64 + t as u64);
            }
        }
        let mut tables: Vec<Vec<f64>> = Vec::new();
        let mut table_of: std::collections::HashMap<(u64, u64), u32> = std::collections::HashMap::new();
        let mut nodes = Vec::with_capacity(n);
        for &v in &net.order {
            let i = &plan.initiatives[v as usize];
            let e = i.duration;
            let likely = f64::from(e.likely);
            let rest = match i.status {
                Status::Done => 0.0,
                _ => (1.0 - i.progress).clamp(0.0, 1.0),
            };
            let rest = if rest.is_nan() { 1.0 } else { rest };
            // A leveling delay starts the work that many working days after the bound from its
            // handoffs, its start-no-earlier-than and day 0, as in CPM: it is added to the
            // base and to every link in (`Network::delay`).
            let base = (i.start_no_earlier_than.map_or(0, |d| cal.offset_on_or_after(d).max(0)) + net.delay[v as usize]) as f64;
            let tri = Tri::new(f64::from(e.optimistic.max(0)), likely, f64::from(e.pessimistic.max(0)));
            let (team, rho) = i.team.as_deref().and_then(|t| team_of.get(t).copied()).unwrap_or((NO_TEAM, 0.0));
            let mut table = NO_TEAM;
            let span = tri.hi - tri.lo;
            if config.distribution == Distribution::Pert && team != NO_TEAM && span > 0.0 {
                let shape = (
                    1.0 + 4.0 * (likely.clamp(tri.lo, tri.hi) - tri.lo) / span,
                    1.0 + 4.0 * (tri.hi - likely.clamp(tri.lo, tri.hi)) / span,
                );
                let key = (shape.0.to_bits(), shape.1.to_bits());
                table = *table_of.entry(key).or_insert_with(|| {
                    tables.push(beta_quantiles(shape.0, shape.1));
                    tables.len() as u32 - 1
                });
            }
            nodes.push(Node { tri, likely, rest, base, team, a: rho.sqrt(), b: (1.0 - rho).sqrt(), table });
        }

        // Links grouped by receiver, in topological positions.
        let ids = Ids::of(plan);
        let find = |id: &str| ids.find(id, 0);
        let mut pred_start = vec![0u32; n + 1];
        let mut ends = Vec::with_capacity(plan.handoffs.len());
        for (h, x) in plan.handoffs.iter().enumerate() {
            // Network::of has checked every end.
            let (Some(a), Some(b)) = (find(&x.from), find(&x.to)) else { continue };
            let (a, b) = (topo[a as usize], topo[b as usize]);
            let from_finish = matches!(x.kind, Kind::FS | Kind::FF);
            let fin = if matches!(x.kind, Kind::FF | Kind::SF) { 1.0 } else { 0.0 };
            let lag = f64::from(x.lag) + net.delay[net.order[b as usize] as usize] as f64;
            ends.push((b, SimLink { lag, src: 2 * a + u32::from(from_finish), fin }, h as u32));
            pred_start[b as usize + 1] += 1;
        }
        for v in 0..n {
            pred_start[v + 1] += pred_start[v];
        }
        let mut fill = pred_start.clone();
        let mut preds = vec![SimLink { lag: 0.0, src: 0, fin: 0.0 }; ends.len()];
        let mut pred_handoff = vec![0u32; ends.len()];
        for (b, link, h) in ends {
            let p = &mut fill[b as usize];
            preds[*p as usize] = link;
            pred_handoff[*p as usize] = h;
            *p += 1;
        }

        let mut risks = Vec::new();
        let mut risk_hits = Vec::new();
        let slots = n as u64;
        for (r, risk) in plan.risks.iter().enumerate() {
            let mut hit = Vec::with_capacity(risk.initiatives.len());
            for id in &risk.initiatives {
                let Some(v) = find(id) else {
                    return Err(SimulateError::DanglingRisk { risk: risk.id.clone(), initiative: id.clone() });
                };
                // Done work is not delayed any more.
                if plan.initiatives[v as usize].status != Status::Done {
                    hit.push(topo[v as usize]);
                }
            }
            let Some(e) = risk.schedule_impact else { continue };
            if risk.status == RiskStatus::Closed || hit.is_empty() {
                continue;
            }
            hit.sort_unstable();
            hit.dedup();
            let from = risk_hits.len() as u32;
            risk_hits.extend_from_slice(&hit);
            let probability = if risk.probability.is_nan() { 0.0 } else { risk.probability.clamp(0.0, 1.0) };
            let impact = Tri::new(f64::from(e.optimistic), f64::from(e.likely), f64::from(e.pessimistic));
            let mean = (impact.lo + f64::from(e.likely).clamp(impact.lo, impact.hi) + impact.hi) / 3.0;
            risks.push(SimRisk {
                index: r as u32,
                probability,
                mean,
                impact,
                slot: slots + 2 * r as u64,
                hits: (from, risk_hits.len() as u32),
            });
        }

        let milestones = (0..plan.initiatives.len()).filter(|&v| plan.initiatives[v].is_milestone()).map(|v| topo[v]).collect();

        // A wave's initiatives: those in it, and those at a site in it.
        let mut wave_start = vec![0u32; plan.waves.len() + 1];
        let mut members: Vec<(u32, u32)> = Vec::new();
        let wave_of = |id: &str| plan.waves.iter().position(|w| w.id == id);
        let site_wave: std::collections::HashMap<&str, usize> =
            plan.sites.iter().filter_map(|s| Some((s.id.as_str(), wave_of(s.wave.as_deref()?)?))).collect();
        for (v, i) in plan.initiatives.iter().enumerate() {
            let w = match (&i.wave, &i.site) {
                (Some(w), _) => wave_of(w),
                (None, Some(s)) => site_wave.get(s.as_str()).copied(),
                (None, None) => None,
            };
            if let Some(w) = w {
                members.push((w as u32, topo[v]));
                wave_start[w + 1] += 1;
            }
        }
        for w in 0..plan.waves.len() {
            wave_start[w + 1] += wave_start[w];
        }
        members.sort_unstable();
        let wave_members = members.into_iter().map(|(_, v)| v).collect();

        let mut model = Model {
            pert: config.distribution == Distribution::Pert,
            order: net.order.clone(),
            nodes,
            pred_start,
            preds,
            pred_handoff,
            risks,
            risk_hits,
            milestones,
            node_risk_start: Vec::new(),
            node_risks: Vec::new(),
            succ_start: Vec::new(),
            succs: Vec::new(),
            drivers: Vec::new(),
            ends: Vec::new(),
            wave_start,
            wave_members,
            handoffs: plan.handoffs.len(),
            teams,
            tables,
            reach: Vec::new(),
            bins: 0,
            levelled: None,
        };
        if config.levelled {
            model.levelled = Some(sampled_serial(plan).map_err(|e| SimulateError::Level(e.to_string()))?);
        }
        model.prepare_successors();
        model.prepare_drivers(if config.levelled { 0 } else { config.drivers });
        model.prepare_reach();
        Ok(model)
    }

    /// What each measured risk can reach downstream (see [`Reach`]).
    fn prepare_reach(&mut self) {
        let n = self.nodes.len();
        let mut seen = vec![false; n];
        let mut wave_of: Vec<Vec<u32>> = vec![Vec::new(); n];
        for x in 0..self.waves() {
            for &v in &self.wave_members[self.wave_start[x] as usize..self.wave_start[x + 1] as usize] {
                wave_of[v as usize].push(x as u32);
            }
        }
        let mut at = 0;
        for &r in &self.drivers {
            let risk = &self.risks[r as usize];
            let hits = &self.risk_hits[risk.hits.0 as usize..risk.hits.1 as usize];
            let mut nodes = crate::graph::reach(&self.succ_start, &self.succs, hits, &mut seen);
            nodes.sort_unstable();
            let mut waves: Vec<u32> = nodes.iter().flat_map(|&v| wave_of[v as usize].iter().copied()).collect();
            waves.sort_unstable();
            waves.dedup();
            let width = risk.impact.hi * hits.len() as f64 / BINS as f64;
            let size = (nodes.len() + waves.len()) * BINS;
            if at + size > BIN_BUDGET {
                self.reach.push(Reach { kept: false, nodes: Vec::new(), index: Vec::new(), waves: Vec::new(), width, at });
                continue;
            }
            let mut index = vec![u32::MAX; n];
            for (i, &v) in nodes.iter().enumerate() {
                index[v as usize] = i as u32;
            }
            self.reach.push(Reach { kept: true, nodes, index, waves, width, at });
            at += size;
        }
        self.bins = at;
    }

    /// The finish of wave `x` in lane `l` of `s`: its last work's finish or its last
    /// milestone, and the working day that is shown on.
    fn wave_finish(&self, x: usize, l: usize, s: &Scratch) -> (f64, f64) {
        let (mut work, mut marks) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &v in &self.wave_members[self.wave_start[x] as usize..self.wave_start[x + 1] as usize] {
            let v = v as usize;
            if s.duration[v][l] > 0.0 {
                work = work.max(s.times[2 * v + 1][l]);
            } else {
                marks = marks.max(s.times[2 * v][l]);
            }
        }
        (work.max(marks).max(0.0), shown_day(work, marks))
    }

    /// Picks the `count` risks with the largest probability x mean impact (ties: plan
    /// order) and prepares what measuring them needs.
    fn prepare_drivers(&mut self, count: usize) {
        let mut picked: Vec<u32> =
            (0..self.risks.len() as u32).filter(|&r| self.risks[r as usize].probability * self.risks[r as usize].mean > 0.0).collect();
        let score = |r: u32| self.risks[r as usize].probability * self.risks[r as usize].mean;
        picked.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
        picked.truncate(count);
        if picked.is_empty() {
            return;
        }
        self.drivers = picked;
        let n = self.nodes.len();
        // Risks by node, in risk order (the order the forward pass adds their delays in).
        let mut start = vec![0u32; n + 1];
        for &v in &self.risk_hits {
            start[v as usize + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut list = vec![0u32; self.risk_hits.len()];
        for (r, risk) in self.risks.iter().enumerate() {
            for &v in &self.risk_hits[risk.hits.0 as usize..risk.hits.1 as usize] {
                list[fill[v as usize] as usize] = r as u32;
                fill[v as usize] += 1;
            }
        }
        (self.node_risk_start, self.node_risks) = (start, list);
    }

    /// Each node's successors, and the nodes no finish-to-start handoff of lag >= 0 leads on
    /// from (the only ones that can set the plan's finish alone).
    fn prepare_successors(&mut self) {
        let n = self.nodes.len();
        let mut start = vec![0u32; n + 1];
        for l in &self.preds {
            start[(l.src >> 1) as usize + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut list = vec![0u32; self.preds.len()];
        let mut led_on = vec![false; n];
        for b in 0..n {
            for l in &self.preds[self.pred_start[b] as usize..self.pred_start[b + 1] as usize] {
                let a = (l.src >> 1) as usize;
                list[fill[a] as usize] = b as u32;
                fill[a] += 1;
                // FS: the receiver starts no earlier than this finish, and ends no earlier.
                led_on[a] |= l.src & 1 == 1 && l.fin == 0.0 && l.lag >= 0.0;
            }
        }
        (self.succ_start, self.succs) = (start, list);
        // Each duration is likely + rest (x - likely) plus risk delays: never negative when
        // no likely value and no impact is, so a finish is where the node's work ends.
        let never_negative = self.nodes.iter().all(|x| x.likely >= 0.0 && x.tri.lo >= 0.0) && self.risks.iter().all(|r| r.impact.lo >= 0.0);
        self.ends = (0..n as u32).filter(|&v| !never_negative || !led_on[v as usize]).collect();
    }

    fn waves(&self) -> usize {
        self.wave_start.len() - 1
    }

    /// The uniform of the copula for a node of a correlated team: Phi(sqrt(rho) Z_team +
    /// sqrt(1 - rho) Z_v) with Z_v = Phi^-1(u), `u` the node's own draw. With rho = 1 every
    /// initiative of the team sits at the same quantile of its estimate.
    #[inline(always)]
    fn correlated(node: &Node, u: f64, z: f64) -> f64 {
        phi(node.a * z + node.b * inv_phi(u))
    }

    /// The duration a node draws from the uniform `u`, before risks, by the inverse CDF
    /// (PERT: a Beta drawn from a stream seeded by `u`), through the copula with the team's
    /// normal `z` when its team is correlated. The done share stands; written so that
    /// x == likely gives likely exactly. (Nodes of no correlated team draw the triangle by
    /// [`Tri::pair`], which needs no square root.)
    #[inline(always)]
    fn quantile(&self, node: &Node, u: f64, z: f64) -> f64 {
        let u = if node.team != NO_TEAM { Self::correlated(node, u, z) } else { u };
        let x = match self.tables.get(node.table as usize) {
            Some(q) => node.tri.lo + (node.tri.hi - node.tri.lo) * quantile_of(q, u),
            None if self.pert => node.tri.sample_pert(u, node.likely),
            None => node.tri.sample(u),
        };
        node.likely + node.rest * (x - node.likely)
    }

    /// One forward pass for each of `L` iterations side by side (lane l is the iteration of
    /// stream `keys[l]`), into `s.times` and `s.duration`; returns each lane's plan finish
    /// and the working day it is shown on. Every lane computes exactly what a pass of its
    /// iteration alone would (the same operations in the same order): the lanes only let
    /// the compiler use vector instructions, and let one walk of the links serve four
    /// iterations. `skip` leaves one model risk out (the full pass the drivers' partial
    /// re-run is tested against).
    #[inline(always)]
    fn forward(&self, keys: &Keys, s: &mut Scratch, skip: Option<usize>) -> (Lanes, Lanes) {
        for (r, risk) in self.risks.iter().enumerate() {
            if Some(r) == skip {
                continue;
            }
            let hits = &self.risk_hits[risk.hits.0 as usize..risk.hits.1 as usize];
            for (l, &key) in keys.iter().enumerate() {
                if draw(key, risk.slot) >= risk.probability {
                    continue;
                }
                let x = risk.impact.sample(draw(key, risk.slot + 1));
                for &v in hits {
                    s.extra[v as usize][l] += x;
                }
            }
        }
        for (t, &slot) in self.teams.iter().enumerate() {
            for (l, &key) in keys.iter().enumerate() {
                s.z[t][l] = normal(key, slot);
            }
        }
        // Every duration first (no dependence between nodes, so the loop runs at the
        // throughput of the arithmetic), then the pass over the links.
        for (v, node) in self.nodes.iter().enumerate() {
            let extra = s.extra[v];
            let d = &mut s.duration[v];
            if self.pert || node.team != NO_TEAM {
                let z = if node.team != NO_TEAM { s.z[node.team as usize] } else { [0.0; L] };
                for l in 0..L {
                    d[l] = self.quantile(node, draw(keys[l], v as u64), z[l]) + extra[l];
                }
            } else {
                for l in 0..L {
                    d[l] = node.likely + node.rest * (node.tri.pair(bits(keys[l], v as u64)) - node.likely) + extra[l];
                }
            }
        }
        let (mut work, mut marks) = ([f64::NEG_INFINITY; L], [f64::NEG_INFINITY; L]);
        let times = &mut s.times[..];
        for (v, node) in self.nodes.iter().enumerate() {
            let d = s.duration[v];
            let mut start = [node.base; L];
            for link in &self.preds[self.pred_start[v] as usize..self.pred_start[v + 1] as usize] {
                let from = times[link.src as usize];
                let fin = f64::from(link.fin);
                for l in 0..L {
                    let t = from[l] + link.lag - fin * d[l];
                    start[l] = if t > start[l] { t } else { start[l] };
                }
            }
            let mut finish = [0.0; L];
            for l in 0..L {
                finish[l] = start[l] + d[l];
                let worked = d[l] > 0.0;
                work[l] = if worked && finish[l] > work[l] { finish[l] } else { work[l] };
                marks[l] = if !worked && start[l] > marks[l] { start[l] } else { marks[l] };
            }
            times[2 * v] = start;
            times[2 * v + 1] = finish;
        }
        for risk in &self.risks {
            for &v in &self.risk_hits[risk.hits.0 as usize..risk.hits.1 as usize] {
                s.extra[v as usize] = [0.0; L];
            }
        }
        let (mut finish, mut shown) = ([0.0; L], [0.0; L]);
        for l in 0..L {
            finish[l] = work[l].max(marks[l]).max(0.0);
            shown[l] = shown_day(work[l], marks[l]);
        }
        (finish, shown)
    }

    /// Counts, in the lanes of `valid` (a bit per lane), the initiatives on the driving
    /// path to the plan's finish `finish` and the handoffs that drive along it (ties drive
    /// too): a walk back from the nodes that end at the finish, over the links whose rule
    /// is tight. Only the nodes on a driving path are visited past the first scan.
    #[inline(always)]
    fn criticality(&self, finish: &Lanes, valid: u8, s: &mut Scratch) {
        let n = self.nodes.len();
        // A node led on by a finish-to-start handoff of lag >= 0 that ends at the finish
        // hands it to a milestone there, over a tight link: the walk reaches it from the ends.
        for &v in &self.ends {
            let f = s.times[2 * v as usize + 1];
            let mut m = 0u8;
            for l in 0..L {
                m |= u8::from(f[l] == finish[l]) << l;
            }
            s.mark[v as usize] = m & valid;
        }
        for v in (0..n).rev() {
            let m = s.mark[v];
            if m == 0 {
                continue;
            }
            s.mark[v] = 0;
            s.node_count[v] += m.count_ones();
            let (start, d) = (s.times[2 * v], s.duration[v]);
            let range = self.pred_start[v] as usize..self.pred_start[v + 1] as usize;
            for (link, &h) in self.preds[range.clone()].iter().zip(&self.pred_handoff[range]) {
                let from = s.times[link.src as usize];
                let fin = f64::from(link.fin);
                let mut tight = 0u8;
                for l in 0..L {
                    tight |= u8::from(from[l] + link.lag - fin * d[l] == start[l]) << l;
                }
                let tight = tight & m;
                if tight != 0 {
                    s.mark[(link.src >> 1) as usize] |= tight;
                    s.handoff_count[h as usize] += tight.count_ones();
                }
            }
        }
    }

    /// The duration node `v` has in the iteration `key` without model risk `skip`: the same
    /// draws, added in the same order as in [`Model::forward`].
    fn duration_without(&self, key: u64, v: usize, skip: usize) -> f64 {
        let node = &self.nodes[v];
        let x = if self.pert || node.team != NO_TEAM {
            let z = if node.team != NO_TEAM { normal(key, self.teams[node.team as usize]) } else { 0.0 };
            self.quantile(node, draw(key, v as u64), z)
        } else {
            node.likely + node.rest * (node.tri.pair(bits(key, v as u64)) - node.likely)
        };
        let mut extra = 0.0;
        for &q in &self.node_risks[self.node_risk_start[v] as usize..self.node_risk_start[v + 1] as usize] {
            let risk = &self.risks[q as usize];
            if q as usize != skip && draw(key, risk.slot) < risk.probability {
                extra += risk.impact.sample(draw(key, risk.slot + 1));
            }
        }
        x + extra
    }

    /// Keeps lane `l`'s `TOP` latest ends in `s.top`, latest first: the plan's finish
    /// without a risk is usually one of them.
    fn rank_ends(&self, l: usize, s: &mut Scratch) {
        s.top.clear();
        for &v in &self.ends {
            let c = s.contribution(v as usize, l);
            if s.top.len() == TOP && s.top[TOP - 1].0 >= c {
                continue;
            }
            if s.top.len() == TOP {
                s.top.pop();
            }
            let at = s.top.partition_point(|t| t.0 >= c);
            s.top.insert(at, (c, v));
        }
    }

    /// The plan's finish in the iteration `key` (lane `l` of `s`) without the measured risk
    /// `k` (`drivers[k]`), where `finish` and `waves` are the iteration's own and `s` holds
    /// its pass (left as it was). Only what the risk's delay reached is recomputed: its
    /// nodes, then, in topological order, the successors of every node whose times
    /// changed. The result is the full pass's with the risk skipped, to the bit. The delay
    /// it caused to each node and wave it reaches goes into its histograms.
    fn without(&self, key: u64, k: usize, finish: f64, waves: &[f64], l: usize, s: &mut Scratch) -> f64 {
        let r = self.drivers[k] as usize;
        let risk = &self.risks[r];
        if draw(key, risk.slot) >= risk.probability {
            return finish;
        }
        s.fired[k] += 1;
        let hits = &self.risk_hits[risk.hits.0 as usize..risk.hits.1 as usize];
        for &v in hits {
            s.dirty[v as usize] = true;
            s.heap.push(std::cmp::Reverse(v));
        }
        let mut latest = f64::NEG_INFINITY;
        while let Some(std::cmp::Reverse(v)) = s.heap.pop() {
            let v = v as usize;
            s.dirty[v] = false;
            let node = &self.nodes[v];
            let d = if hits.binary_search(&(v as u32)).is_ok() { self.duration_without(key, v, r) } else { s.duration[v][l] };
            let mut start = node.base;
            for link in &self.preds[self.pred_start[v] as usize..self.pred_start[v + 1] as usize] {
                let t = s.times[link.src as usize][l] + link.lag - f64::from(link.fin) * d;
                if t > start {
                    start = t;
                }
            }
            let end = start + d;
            let (was_start, was_end) = (s.times[2 * v][l], s.times[2 * v + 1][l]);
            if start.to_bits() == was_start.to_bits() && end.to_bits() == was_end.to_bits() {
                continue;
            }
            s.saved.push((v as u32, was_start, was_end));
            s.times[2 * v][l] = start;
            s.times[2 * v + 1][l] = end;
            s.changed[v] = true;
            latest = latest.max(if d > 0.0 { end } else { start });
            for &w in &self.succs[self.succ_start[v] as usize..self.succ_start[v + 1] as usize] {
                if !s.dirty[w as usize] {
                    s.dirty[w as usize] = true;
                    s.heap.push(std::cmp::Reverse(w));
                }
            }
        }
        // Every other node ends no later than an end that kept its time.
        match s.top.iter().find(|t| !s.changed[t.1 as usize]) {
            Some(t) => latest = latest.max(t.0),
            None => {
                for &v in &self.ends {
                    if !s.changed[v as usize] {
                        latest = latest.max(s.contribution(v as usize, l));
                    }
                }
            }
        }
        let reach = &self.reach[k];
        if reach.kept && reach.width > 0.0 {
            let bin = |delay: f64| ((delay / reach.width).ceil() as usize).clamp(1, BINS) - 1;
            for &(v, _, was_end) in &s.saved {
                let delay = was_end - s.times[2 * v as usize + 1][l];
                let i = reach.index[v as usize];
                if delay > 0.0 && i != u32::MAX {
                    s.hist[reach.at + i as usize * BINS + bin(delay)] += 1;
                }
            }
            if !s.saved.is_empty() {
                let at = reach.at + reach.nodes.len() * BINS;
                for (i, &x) in reach.waves.iter().enumerate() {
                    let delay = waves[x as usize] - self.wave_finish(x as usize, l, s).0;
                    if delay > 0.0 {
                        s.hist[at + i * BINS + bin(delay)] += 1;
                    }
                }
            }
        }
        for (v, a, b) in s.saved.drain(..) {
            s.times[2 * v as usize][l] = a;
            s.times[2 * v as usize + 1][l] = b;
            s.changed[v as usize] = false;
        }
        latest.max(0.0)
    }

    /// The forward pass and the criticality of one block of lanes.
    fn pass(&self, keys: &Keys, valid: u8, s: &mut Scratch) -> (Lanes, Lanes) {
        let out = self.forward(keys, s, None);
        self.criticality(&out.0, valid, s);
        out
    }

    /// Lane `l` of the last pass scheduled within capacity: its durations in whole days
    /// through the serial scheme, written back as the lane's times and durations; returns
    /// its plan finish and the working day that is shown on.
    fn level_lane(&self, l: usize, sgs: &mut Sampled, duration: &mut [i64], s: &mut Scratch) -> (f64, f64) {
        for (v, &p) in self.order.iter().enumerate() {
            let d = s.duration[v][l];
            duration[p as usize] = if d > 0.0 { (d.round() as i64).max(1) } else { 0 };
        }
        sgs.run(duration);
        let (mut work, mut marks) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for (v, &p) in self.order.iter().enumerate() {
            let (start, d) = (sgs.start[p as usize] as f64, duration[p as usize] as f64);
            s.times[2 * v][l] = start;
            s.times[2 * v + 1][l] = start + d;
            s.duration[v][l] = d;
            if d > 0.0 {
                work = work.max(start + d);
            } else {
                marks = marks.max(start);
            }
        }
        (work.max(marks).max(0.0), shown_day(work, marks))
    }

    fn run(&self, config: &SimConfig) -> Raw {
        let iterations = config.iterations as usize;
        let blocks = iterations.div_ceil(L);
        let threads = match config.threads {
            0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
            t => t,
        }
        .clamp(1, blocks.max(1));
        // Whole blocks of L iterations per thread; which thread runs a block changes nothing.
        let chunk = blocks.div_ceil(threads) * L;
        let (m, w, dn) = (self.milestones.len(), self.waves(), self.drivers.len());
        let mut raw = Raw {
            finish: vec![0.0; iterations],
            day: vec![0.0; iterations],
            milestones: vec![0.0; iterations * m],
            waves: vec![0.0; iterations * w],
            wave_days: vec![0.0; iterations * w],
            without: vec![0.0; iterations * dn],
            node_count: vec![0; self.nodes.len()],
            handoff_count: vec![0; self.handoffs],
            hist: vec![0; self.bins],
            fired: vec![0; dn],
        };
        let seed = config.seed;
        let control = config.control.as_ref();
        std::thread::scope(|scope| {
            let mut jobs = Vec::with_capacity(threads);
            let (mut finish, mut day) = (&mut raw.finish[..], &mut raw.day[..]);
            let (mut ms, mut waves, mut wave_days) = (&mut raw.milestones[..], &mut raw.waves[..], &mut raw.wave_days[..]);
            let mut without = &mut raw.without[..];
            let mut first = 0;
            while first < iterations {
                let len = chunk.min(iterations - first);
                let (f, rest) = std::mem::take(&mut finish).split_at_mut(len);
                finish = rest;
                let (d, rest) = std::mem::take(&mut day).split_at_mut(len);
                day = rest;
                let (mo, rest) = std::mem::take(&mut ms).split_at_mut(len * m);
                ms = rest;
                let (wo, rest) = std::mem::take(&mut waves).split_at_mut(len * w);
                waves = rest;
                let (wd, rest) = std::mem::take(&mut wave_days).split_at_mut(len * w);
                wave_days = rest;
                let (wi, rest) = std::mem::take(&mut without).split_at_mut(len * dn);
                without = rest;
                let from = first;
                jobs.push(scope.spawn(move || {
                    let mut s = Scratch::new(self);
                    let mut levelled = self.levelled.clone().map(|x| (x, vec![0i64; self.nodes.len()]));
                    for j0 in (0..len).step_by(L) {
                        if let Some(c) = control.filter(|_| j0 % (16 * L) == 0 && j0 > 0) {
                            // Per chunk of 64 iterations: the progress, and a cancel ends the run.
                            c.done.fetch_add((16 * L) as u64, std::sync::atomic::Ordering::Relaxed);
                            if c.cancelled() {
                                break;
                            }
                        }
                        if let Some(c) = control.filter(|_| j0 + L >= len) {
                            c.done.fetch_add((len - (len - 1) / (16 * L) * (16 * L)) as u64, std::sync::atomic::Ordering::Relaxed);
                        }
                        let count = L.min(len - j0);
                        let mut keys = [0u64; L];
                        for (l, key) in keys.iter_mut().enumerate() {
                            *key = stream(seed, (from + j0 + l) as u64);
                        }
                        let (mut plan_finish, mut shown) = self.pass(&keys, (1u8 << count) - 1, &mut s);
                        if let Some((sgs, duration)) = levelled.as_mut() {
                            for l in 0..count {
                                (plan_finish[l], shown[l]) = self.level_lane(l, sgs, duration, &mut s);
                            }
                        }
                        for l in 0..count {
                            let j = j0 + l;
                            f[j] = plan_finish[l];
                            d[j] = shown[l];
                            for (k, &v) in self.milestones.iter().enumerate() {
                                mo[j * m + k] = s.times[2 * v as usize][l];
                            }
                            for x in 0..w {
                                (wo[j * w + x], wd[j * w + x]) = self.wave_finish(x, l, &s);
                            }
                            if dn > 0 {
                                self.rank_ends(l, &mut s);
                                for k in 0..dn {
                                    wi[j * dn + k] = self.without(keys[l], k, plan_finish[l], &wo[j * w..(j + 1) * w], l, &mut s);
                                }
                            }
                        }
                    }
                    s
                }));
                first += len;
            }
            for job in jobs {
                let s = match job.join() {
                    Ok(s) => s,
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                let sums = [
                    (&mut raw.node_count, s.node_count),
                    (&mut raw.handoff_count, s.handoff_count),
                    (&mut raw.hist, s.hist),
                    (&mut raw.fired, s.fired),
                ];
                for (total, part) in sums {
                    for (a, b) in total.iter_mut().zip(part) {
                        *a += b;
                    }
                }
            }
        });
        raw
    }
}

/// The working day a finish is shown on: work ending at f ends in day ceil(f) - 1, a
/// milestone at t happens in day floor(t); never before day 0.
fn shown_day(work: f64, marks: f64) -> f64 {
    (work.ceil() - 1.0).max(marks.floor()).max(0.0)
}

/// How many of an iteration's latest ends [`Model::rank_ends`] keeps.
const TOP: usize = 8;

/// Iterations run side by side in one pass.
const L: usize = 4;
/// One value per lane.
type Lanes = [f64; L];
/// The stream key of each lane's iteration.
type Keys = [u64; L];

/// One thread's working memory, allocated once.
struct Scratch {
    /// Start and finish of each node, per lane: `times[2v]`, `times[2v + 1]`.
    times: Vec<Lanes>,
    duration: Vec<Lanes>,
    extra: Vec<Lanes>,
    /// Each correlated team's normal, per lane.
    z: Vec<Lanes>,
    /// The lanes in which a node is on the driving path (a bit per lane).
    mark: Vec<u8>,
    node_count: Vec<u32>,
    handoff_count: Vec<u32>,
    /// For the risk drivers (empty without them): nodes waiting to be recomputed (a
    /// min-heap of topological positions, each in it at most once), those whose times
    /// changed and their times before, and the iteration's latest ends.
    dirty: Vec<bool>,
    heap: std::collections::BinaryHeap<std::cmp::Reverse<u32>>,
    changed: Vec<bool>,
    saved: Vec<(u32, f64, f64)>,
    top: Vec<(f64, u32)>,
    /// The exposure's delay histograms ([`Reach`]) and how often each measured risk fired.
    hist: Vec<u32>,
    fired: Vec<u32>,
}

impl Scratch {
    fn new(model: &Model) -> Scratch {
        let (n, handoffs, teams) = (model.nodes.len(), model.handoffs, model.teams.len());
        let k = if model.drivers.is_empty() { 0 } else { n };
        Scratch {
            times: vec![[0.0; L]; 2 * n],
            duration: vec![[0.0; L]; n],
            extra: vec![[0.0; L]; n],
            z: vec![[0.0; L]; teams],
            mark: vec![0; n],
            node_count: vec![0; n],
            handoff_count: vec![0; handoffs],
            dirty: vec![false; k],
            heap: std::collections::BinaryHeap::with_capacity(k),
            changed: vec![false; k],
            saved: Vec::with_capacity(k),
            top: Vec::with_capacity(TOP + 1),
            hist: vec![0; model.bins],
            fired: vec![0; model.drivers.len()],
        }
    }

    /// What node `v` adds to the plan's finish in lane `l`: its finish if it has work, else
    /// its start (as [`Model::forward`] counts them).
    #[inline]
    fn contribution(&self, v: usize, l: usize) -> f64 {
        if self.duration[v][l] > 0.0 {
            self.times[2 * v + 1][l]
        } else {
            self.times[2 * v][l]
        }
    }
}

/// Per-iteration results, in iteration order.
struct Raw {
    finish: Vec<f64>,
    day: Vec<f64>,
    /// `milestones[i * m + k]`: milestone k's date offset in iteration i.
    milestones: Vec<f64>,
    waves: Vec<f64>,
    wave_days: Vec<f64>,
    /// `without[i * d + k]`: the plan's finish in iteration i without driver k.
    without: Vec<f64>,
    /// By topological position.
    node_count: Vec<u32>,
    handoff_count: Vec<u32>,
    hist: Vec<u32>,
    fired: Vec<u32>,
}

// ---------------------------------------------------------------------------------------
// Summaries.

/// The nearest-rank percentile of sorted values: the smallest value with at least
/// `percent`% of them at or below it.
fn rank(sorted: &[f64], percent: u8) -> f64 {
    let n = sorted.len();
    let k = (n * usize::from(percent)).div_ceil(100).clamp(1, n.max(1));
    sorted.get(k - 1).copied().unwrap_or(0.0)
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_unstable_by(f64::total_cmp);
    v
}

fn date(cal: &WorkCalendar, day: f64) -> Result<NaiveDate, SimulateError> {
    Ok(cal.date(day as i64).map_err(ScheduleError::from)?)
}

/// `values` and `days` are the finishes and shown days of one thing, a column of
/// `stride`-wide rows starting at `at`.
fn point(cal: &WorkCalendar, id: &str, values: &[f64], days: Option<&[f64]>, stride: usize, at: usize) -> Result<Point, SimulateError> {
    let column = |v: &[f64]| sorted(v.iter().skip(at).step_by(stride).copied().collect());
    let finish = column(values);
    let day = match days {
        Some(d) => column(d),
        None => finish.iter().map(|f| f.floor().max(0.0)).collect(),
    };
    let at = |p| -> Result<Finish, SimulateError> { Ok(Finish { days: rank(&finish, p), date: date(cal, rank(&day, p))? }) };
    Ok(Point { id: id.to_string(), p50: at(50)?, p80: at(80)? })
}

fn summarize(
    plan: &Plan,
    net: &Network,
    cal: &WorkCalendar,
    model: &Model,
    config: &SimConfig,
    raw: Raw,
) -> Result<Simulation, SimulateError> {
    let n = raw.finish.len();
    let finish = sorted(raw.finish.clone());
    let day = sorted(raw.day.clone());
    let mut percentiles = Vec::with_capacity(9);
    for percent in (10..=90).step_by(10) {
        percentiles.push(Percentile { percent, finish: Finish { days: rank(&finish, percent), date: date(cal, rank(&day, percent))? } });
    }
    let mean_days = raw.finish.iter().sum::<f64>() / n as f64;

    let (lo, hi) = (finish.first().copied().unwrap_or(0.0), finish.last().copied().unwrap_or(0.0));
    let bins = config.bins.max(1);
    let histogram = if hi > lo {
        let width = (hi - lo) / bins as f64;
        let mut counts = vec![0u32; bins];
        for f in &finish {
            counts[(((f - lo) / width) as usize).min(bins - 1)] += 1;
        }
        Histogram { start: lo, width, counts }
    } else {
        Histogram { start: lo, width: 0.0, counts: vec![n as u32] }
    };

    let probability_on_target = config.target.map(|t| {
        let limit = cal.finish_limit(t) as f64;
        raw.day.iter().filter(|d| **d < limit).count() as f64 / n as f64
    });

    let mut criticality = vec![0.0; plan.initiatives.len()];
    for (k, &v) in model.order.iter().enumerate() {
        criticality[v as usize] = f64::from(raw.node_count[k]) / n as f64;
    }
    let handoff_criticality = raw.handoff_count.iter().map(|c| f64::from(*c) / n as f64).collect();

    let m = model.milestones.len();
    let mut milestones = Vec::with_capacity(m);
    for (k, &v) in model.milestones.iter().enumerate() {
        let id = &plan.initiatives[model.order[v as usize] as usize].id;
        milestones.push(point(cal, id, &raw.milestones, None, m, k)?);
    }
    let w = model.waves();
    let mut waves = Vec::with_capacity(w);
    for (x, wave) in plan.waves.iter().enumerate() {
        waves.push(point(cal, &wave.id, &raw.waves, Some(&raw.wave_days), w, x)?);
    }

    let dn = model.drivers.len();
    let mut risk_drivers = Vec::with_capacity(dn);
    for (k, &r) in model.drivers.iter().enumerate() {
        let without = sorted(raw.without.iter().skip(k).step_by(dn).copied().collect());
        let index = model.risks[r as usize].index as usize;
        risk_drivers.push((
            (index, exposure(plan, model, &raw, k, &plan.risks[index].id)),
            RiskDriver {
                risk: plan.risks[index].id.clone(),
                p80_delta_days: rank(&finish, 80) - rank(&without, 80),
                p50_delta_days: rank(&finish, 50) - rank(&without, 50),
            },
        ));
    }
    risk_drivers.sort_by(|(a, x), (b, y)| {
        y.p80_delta_days.total_cmp(&x.p80_delta_days).then(y.p50_delta_days.total_cmp(&x.p50_delta_days)).then(a.0.cmp(&b.0))
    });
    let (exposure, risk_drivers): (Vec<Option<RiskExposure>>, _) = risk_drivers.into_iter().map(|((_, e), x)| (e, x)).unzip();
    let exposure = exposure.into_iter().flatten().collect();

    let c = passes(net, cal);
    let cpm_day = shown_day(
        (0..net.len()).filter(|&v| net.duration[v] > 0).map(|v| c.early_finish[v] as f64).fold(f64::NEG_INFINITY, f64::max),
        (0..net.len()).filter(|&v| net.duration[v] == 0).map(|v| c.early_start[v] as f64).fold(f64::NEG_INFINITY, f64::max),
    );
    let cpm = Finish { days: c.makespan as f64, date: date(cal, cpm_day)? };

    Ok(Simulation {
        iterations: config.iterations,
        seed: config.seed,
        distribution: config.distribution,
        cpm,
        percentiles,
        mean_days,
        histogram,
        finish_days: raw.finish,
        target: config.target,
        probability_on_target,
        criticality,
        handoff_criticality,
        milestones,
        waves,
        risk_drivers,
        exposure,
    })
}

/// The exposure of the measured risk `k` from its delay histograms (none when they did not
/// fit the budget).
fn exposure(plan: &Plan, model: &Model, raw: &Raw, k: usize, risk: &str) -> Option<RiskExposure> {
    let reach = model.reach.get(k).filter(|r| r.kept)?;
    let fired = raw.fired.get(k).copied().unwrap_or(0);
    let iterations = raw.finish.len().max(1) as f64;
    let exposed = |id: &str, item: usize| {
        let counts = &raw.hist[reach.at + item * BINS..reach.at + (item + 1) * BINS];
        let delayed: u32 = counts.iter().sum();
        // The smallest delay with 80% of the firing iterations at or below it; those in
        // which it fired and moved nothing count as no delay.
        let need = (u64::from(fired) * 4).div_ceil(5);
        let mut below = u64::from(fired - delayed.min(fired));
        let mut p80 = 0.0;
        if below < need {
            for (b, &c) in counts.iter().enumerate() {
                below += u64::from(c);
                if below >= need {
                    p80 = (b + 1) as f64 * reach.width;
                    break;
                }
            }
        }
        Exposed { id: id.to_string(), p80_delay_days: p80, share: f64::from(delayed) / iterations }
    };
    let order = |list: &mut Vec<(usize, Exposed)>| {
        list.sort_by(|(a, x), (b, y)| y.p80_delay_days.total_cmp(&x.p80_delay_days).then(y.share.total_cmp(&x.share)).then(a.cmp(b)));
    };
    let mut initiatives = Vec::new();
    let mut milestones = Vec::new();
    for (i, &v) in reach.nodes.iter().enumerate() {
        let at = model.order[v as usize] as usize;
        let initiative = &plan.initiatives[at];
        let e = exposed(&initiative.id, i);
        if model.milestones.contains(&v) {
            milestones.push((at, e.clone()));
        }
        if e.share > 0.0 {
            initiatives.push((at, e));
        }
    }
    let mut waves: Vec<(usize, Exposed)> =
        reach.waves.iter().enumerate().map(|(i, &x)| (x as usize, exposed(&plan.waves[x as usize].id, reach.nodes.len() + i))).collect();
    for list in [&mut initiatives, &mut milestones, &mut waves] {
        order(list);
    }
    let strip = |list: Vec<(usize, Exposed)>| list.into_iter().map(|(_, e)| e).collect();
    Some(RiskExposure {
        risk: risk.to_string(),
        reach: reach.nodes.len(),
        initiatives: strip(initiatives),
        waves: strip(waves),
        milestones: strip(milestones),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Estimate;

    /// One iteration of `plan`: its finish, and its finish without each measured risk by the
    /// partial re-run and by the full pass.
    fn both_ways(plan: &Plan, config: &SimConfig, i: u64) -> (f64, Vec<(f64, f64)>) {
        let cal = plan.calendar.anchored(plan.start).unwrap();
        let net = Network::of(plan).unwrap();
        let model = Model::of(plan, &net, &cal, config).unwrap();
        let mut s = Scratch::new(&model);
        let mut full = Scratch::new(&model);
        // The iteration in lane 2, beside three others.
        let keys = [stream(config.seed, i + 7), stream(config.seed, i + 8), stream(config.seed, i), stream(config.seed, i + 9)];
        let l = 2;
        let finish = model.forward(&keys, &mut s, None).0[l];
        let times = s.times.clone();
        let waves: Vec<f64> = (0..model.waves()).map(|x| model.wave_finish(x, l, &s).0).collect();
        model.rank_ends(l, &mut s);
        let mut out = Vec::new();
        for (k, &r) in model.drivers.iter().enumerate() {
            let got = model.without(keys[l], k, finish, &waves, l, &mut s);
            assert!(s.times == times, "the iteration's pass is left as it was");
            out.push((got, model.forward(&keys, &mut full, Some(r as usize)).0[l]));
        }
        (finish, out)
    }

    #[test]
    fn a_node_led_on_with_a_negative_lag_can_still_set_the_finish() {
        // a (10 days) hands b (1 day) over 5 days before it ends; a risk delays b by 1.
        let mut plan = Plan::new("lag", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
        plan.initiatives.push(crate::model::Initiative::new("a", "A", "o", 10));
        plan.initiatives.push(crate::model::Initiative::new("b", "B", "o", 1));
        let mut h = crate::model::Handoff::fs("h", "a", "b");
        h.lag = -5;
        plan.handoffs.push(h);
        plan.risks.push(crate::model::Risk {
            id: "r".into(),
            title: "late".into(),
            owner: "o".into(),
            probability: 1.0,
            impact: 1,
            mitigation: String::new(),
            status: RiskStatus::Open,
            initiatives: vec!["b".into()],
            schedule_impact: Some(Estimate::exact(1)),
        });
        let (finish, without) = both_ways(&plan, &SimConfig::default(), 0);
        assert_eq!((finish, without), (10.0, vec![(10.0, 10.0)]));
    }

    /// The drivers' partial re-run gives the full pass's finish with the risk skipped, to the
    /// bit, on plans with all four kinds, lags, milestones, done and in-progress work,
    /// correlated teams, and risks hitting one or several initiatives, under both
    /// distributions.
    #[test]
    fn the_partial_rerun_without_a_risk_equals_the_full_pass_without_it() {
        for seed in 1..4 {
            let mut plan = crate::gen::risky(400, 60, seed);
            let kinds = crate::gen::plan(400, 3, seed, true);
            plan.handoffs = kinds.handoffs;
            for (k, i) in plan.initiatives.iter_mut().enumerate() {
                match k % 13 {
                    0 => i.duration = Estimate::exact(0),
                    4 => i.start_no_earlier_than = NaiveDate::from_ymd_opt(2027, 3, 1),
                    6 => (i.status, i.progress) = (Status::Done, 1.0),
                    9 => i.progress = 0.4,
                    _ => {}
                }
            }
            // Two teams' durations correlated (the copula's path), the others independent.
            plan.teams[1].correlation = 0.5;
            plan.teams[2].correlation = 1.0;
            for (k, r) in plan.risks.iter_mut().enumerate() {
                r.probability = 0.2 + 0.6 * (k % 3) as f64 / 2.0;
                if k % 4 == 0 {
                    r.initiatives.push(format!("I{}", (k * 37) % 400));
                    r.initiatives.push(format!("I{}", (k * 91) % 400));
                }
            }
            for distribution in [Distribution::Triangular, Distribution::Pert] {
                let config = SimConfig { drivers: 60, distribution, seed, ..SimConfig::default() };
                let cal = plan.calendar.anchored(plan.start).unwrap();
                let net = Network::of(&plan).unwrap();
                let model = Model::of(&plan, &net, &cal, &config).unwrap();
                assert_eq!(model.drivers.len(), model.risks.len());
                assert!(model.ends.len() < model.nodes.len(), "some nodes are led on");
                let mut moved = 0;
                for i in 0..40 {
                    let (finish, without) = both_ways(&plan, &config, i);
                    for (r, (got, want)) in without.into_iter().enumerate() {
                        assert_eq!(got.to_bits(), want.to_bits(), "seed {seed}, iteration {i}, driver {r}");
                        moved += usize::from(got != finish);
                    }
                }
                assert!(moved > 0, "some risks move the finish");
            }
        }
    }
}
