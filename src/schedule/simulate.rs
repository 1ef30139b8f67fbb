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
//! The hot loop runs on flat arrays in topological order and allocates nothing. Random
//! numbers are counter-based: the draw for iteration `i` and slot `k` is SplitMix64's
//! output at position `k` of a stream keyed by the seed and `i`, so every iteration is
//! the same whichever thread runs it and whatever else it draws. Threads take contiguous
//! chunks of iterations (`std::thread::scope`) and write their own slices; counts are
//! integer sums: the same seed gives the same output on any number of threads.

use chrono::NaiveDate;
use thiserror::Error;

use super::cpm::{passes, ScheduleError};
use super::network::Network;
use crate::graph::Ids;
use crate::model::{Kind, Plan, RiskStatus, Status, WorkCalendar};

/// How a duration is drawn from its three-point estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Distribution {
    /// Triangular on (optimistic, likely, pessimistic).
    #[default]
    Triangular,
    /// PERT-Beta: a Beta on [optimistic, pessimistic] with mode `likely` and the usual
    /// weight of 4 on it (thinner tails than the triangle).
    Pert,
}

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
}

impl Default for SimConfig {
    fn default() -> SimConfig {
        SimConfig { iterations: 5_000, seed: 1, distribution: Distribution::Triangular, target: None, threads: 0, bins: 40 }
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
    let model = Model::of(plan, &net, &cal, config.distribution)?;
    let raw = model.run(config);
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
    unit(mix(key.wrapping_add(slot.wrapping_add(1).wrapping_mul(GAMMA))))
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
}

impl Tri {
    fn new(a: f64, c: f64, b: f64) -> Tri {
        let (a, b) = (a.min(b), a.max(b));
        let c = c.clamp(a, b);
        let span = b - a;
        if span <= 0.0 {
            return Tri { lo: a, hi: a, at_mode: 2.0, left: 0.0, right: 0.0 };
        }
        Tri { lo: a, hi: b, at_mode: (c - a) / span, left: span * (c - a), right: span * (b - c) }
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
    /// The earliest start: 0, or its start-no-earlier-than.
    base: f64,
}

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
    /// Members of wave w: `wave_members[wave_start[w]..wave_start[w + 1]]`.
    wave_start: Vec<u32>,
    wave_members: Vec<u32>,
    handoffs: usize,
}

#[derive(Debug, Clone, Copy)]
struct SimRisk {
    probability: f64,
    impact: Tri,
    /// Its draws are slots `slot` (fires?) and `slot + 1` (how much).
    slot: u64,
    /// `risk_hits[hits.0..hits.1]`: topological positions it delays.
    hits: (u32, u32),
}

impl Model {
    fn of(plan: &Plan, net: &Network, cal: &WorkCalendar, distribution: Distribution) -> Result<Model, SimulateError> {
        let n = net.len();
        let mut topo = vec![0u32; n];
        for (k, &v) in net.order.iter().enumerate() {
            topo[v as usize] = k as u32;
        }
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
            let base = i.start_no_earlier_than.map_or(0, |d| cal.offset_on_or_after(d).max(0)) as f64;
            let tri = Tri::new(f64::from(e.optimistic.max(0)), likely, f64::from(e.pessimistic.max(0)));
            nodes.push(Node { tri, likely, rest, base });
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
            ends.push((b, SimLink { lag: f64::from(x.lag), src: 2 * a + u32::from(from_finish), fin }, h as u32));
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
            risks.push(SimRisk { probability, impact, slot: slots + 2 * r as u64, hits: (from, risk_hits.len() as u32) });
        }

        let milestones = (0..plan.initiatives.len())
            .filter(|&v| {
                let e = plan.initiatives[v].duration;
                e.optimistic == 0 && e.likely == 0 && e.pessimistic == 0
            })
            .map(|v| topo[v])
            .collect();

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

        Ok(Model {
            pert: distribution == Distribution::Pert,
            order: net.order.clone(),
            nodes,
            pred_start,
            preds,
            pred_handoff,
            risks,
            risk_hits,
            milestones,
            wave_start,
            wave_members,
            handoffs: plan.handoffs.len(),
        })
    }

    fn waves(&self) -> usize {
        self.wave_start.len() - 1
    }

    /// One iteration's forward pass into `s.times`; returns the plan's finish and the
    /// working day it is shown on.
    #[inline]
    fn forward(&self, key: u64, s: &mut Scratch, skip: Option<usize>) -> (f64, f64) {
        for (r, risk) in self.risks.iter().enumerate() {
            if Some(r) == skip || draw(key, risk.slot) >= risk.probability {
                continue;
            }
            let x = risk.impact.sample(draw(key, risk.slot + 1));
            for &v in &self.risk_hits[risk.hits.0 as usize..risk.hits.1 as usize] {
                s.extra[v as usize] += x;
            }
        }
        let (mut work, mut marks) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        let times = &mut s.times[..];
        for (v, node) in self.nodes.iter().enumerate() {
            let u = draw(key, v as u64);
            let x = if self.pert { node.tri.sample_pert(u, node.likely) } else { node.tri.sample(u) };
            // The done share stands; written so that x == likely gives likely exactly.
            let d = node.likely + node.rest * (x - node.likely) + s.extra[v];
            let mut start = node.base;
            for l in &self.preds[self.pred_start[v] as usize..self.pred_start[v + 1] as usize] {
                let t = times[l.src as usize] + l.lag - f64::from(l.fin) * d;
                if t > start {
                    start = t;
                }
            }
            let finish = start + d;
            times[2 * v] = start;
            times[2 * v + 1] = finish;
            s.duration[v] = d;
            if d > 0.0 {
                work = work.max(finish);
            } else {
                marks = marks.max(start);
            }
        }
        for risk in &self.risks {
            for &v in &self.risk_hits[risk.hits.0 as usize..risk.hits.1 as usize] {
                s.extra[v as usize] = 0.0;
            }
        }
        let finish = work.max(marks).max(0.0);
        (finish, shown_day(work, marks))
    }

    /// Counts the initiatives on the driving path to the plan's finish `finish` and the
    /// handoffs that drive along it (ties drive too).
    fn drivers(&self, finish: f64, s: &mut Scratch) {
        let n = self.nodes.len();
        for v in 0..n {
            s.mark[v] = s.times[2 * v + 1] == finish;
        }
        for v in (0..n).rev() {
            if !s.mark[v] {
                continue;
            }
            s.mark[v] = false;
            s.node_count[v] += 1;
            let (start, d) = (s.times[2 * v], s.duration[v]);
            let range = self.pred_start[v] as usize..self.pred_start[v + 1] as usize;
            for (l, &h) in self.preds[range.clone()].iter().zip(&self.pred_handoff[range]) {
                if s.times[l.src as usize] + l.lag - f64::from(l.fin) * d == start {
                    s.mark[(l.src >> 1) as usize] = true;
                    s.handoff_count[h as usize] += 1;
                }
            }
        }
    }

    fn run(&self, config: &SimConfig) -> Raw {
        let iterations = config.iterations as usize;
        let threads = match config.threads {
            0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
            t => t,
        }
        .clamp(1, iterations.max(1));
        let chunk = iterations.div_ceil(threads);
        let (m, w) = (self.milestones.len(), self.waves());
        let mut raw = Raw {
            finish: vec![0.0; iterations],
            day: vec![0.0; iterations],
            milestones: vec![0.0; iterations * m],
            waves: vec![0.0; iterations * w],
            wave_days: vec![0.0; iterations * w],
            node_count: vec![0; self.nodes.len()],
            handoff_count: vec![0; self.handoffs],
        };
        let seed = config.seed;
        std::thread::scope(|scope| {
            let mut jobs = Vec::with_capacity(threads);
            let (mut finish, mut day) = (&mut raw.finish[..], &mut raw.day[..]);
            let (mut ms, mut waves, mut wave_days) = (&mut raw.milestones[..], &mut raw.waves[..], &mut raw.wave_days[..]);
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
                let from = first;
                jobs.push(scope.spawn(move || {
                    let mut s = Scratch::new(self.nodes.len(), self.handoffs);
                    for j in 0..len {
                        let key = stream(seed, (from + j) as u64);
                        let (plan_finish, shown) = self.forward(key, &mut s, None);
                        f[j] = plan_finish;
                        d[j] = shown;
                        for (k, &v) in self.milestones.iter().enumerate() {
                            mo[j * m + k] = s.times[2 * v as usize];
                        }
                        for x in 0..w {
                            let (mut work, mut marks) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
                            for &v in &self.wave_members[self.wave_start[x] as usize..self.wave_start[x + 1] as usize] {
                                let v = v as usize;
                                if s.duration[v] > 0.0 {
                                    work = work.max(s.times[2 * v + 1]);
                                } else {
                                    marks = marks.max(s.times[2 * v]);
                                }
                            }
                            wo[j * w + x] = work.max(marks).max(0.0);
                            wd[j * w + x] = shown_day(work, marks);
                        }
                        self.drivers(plan_finish, &mut s);
                    }
                    (s.node_count, s.handoff_count)
                }));
                first += len;
            }
            for job in jobs {
                let (nodes, handoffs) = match job.join() {
                    Ok(counts) => counts,
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                for (a, b) in raw.node_count.iter_mut().zip(nodes) {
                    *a += b;
                }
                for (a, b) in raw.handoff_count.iter_mut().zip(handoffs) {
                    *a += b;
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

/// One thread's working memory, allocated once.
struct Scratch {
    /// Start and finish of each node: `times[2v]`, `times[2v + 1]`.
    times: Vec<f64>,
    duration: Vec<f64>,
    extra: Vec<f64>,
    mark: Vec<bool>,
    node_count: Vec<u32>,
    handoff_count: Vec<u32>,
}

impl Scratch {
    fn new(n: usize, handoffs: usize) -> Scratch {
        Scratch {
            times: vec![0.0; 2 * n],
            duration: vec![0.0; n],
            extra: vec![0.0; n],
            mark: vec![false; n],
            node_count: vec![0; n],
            handoff_count: vec![0; handoffs],
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
    /// By topological position.
    node_count: Vec<u32>,
    handoff_count: Vec<u32>,
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
    })
}
