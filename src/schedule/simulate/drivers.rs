//! Risk drivers and exposure: which risks move P80 most, an iteration re-run without one
//! risk, only where its times change (a min-heap in topological order), and what each
//! measured risk delays downstream.
//!
//! The drivers are chosen by their effect, not by probability x impact (a likely risk on
//! work with float moves nothing; an unlikely one on the critical path moves the date):
//! every risk is screened in the first run, and only the candidates that could rank are
//! measured exactly. The screening is a bound, not an estimate, so the top N are those of
//! a run without each risk in turn:
//!
//! - In an iteration, the plan's finish F is the length of a path of tight links (the
//!   driving path the criticality walks). Without risk r, each duration it hit is shorter
//!   by its drawn impact x, and that same path is still a lower bound of the finish: F'
//!   >= F - x * (r's initiatives on the driving path). Each duration enters a path's length
//!   at most once, with a sign, so this holds with every handoff kind.
//! - So the finish without r is at least F - cut_i in every iteration i (cut_i = 0 where r
//!   does not fire or hits nothing on the path), and, order statistics being monotone,
//!   P80 without r is at least the P80 of F - cut: P80(F) - P80(F - cut) bounds r's P80
//!   delta from above (the same at P50).
//! - The risks are measured exactly (the partial re-run, on the same draws) in the order of
//!   their bounds, a batch per run, until the N-th largest delta measured is at least the
//!   next bound: no risk left can rank above it.
//! - Measuring costs a re-run of the iterations in which the risk fires, so at most
//!   [`measured_at_most`] risks are: on large plans with many near-critical paths the bound
//!   is loose (it counts the whole impact where a parallel path would take over), and
//!   proving the last places would measure every risk. Then the top N are the best of the
//!   candidates with the largest bounds, which holds the risks that matter (a risk with a
//!   small bound cannot move P80 much); the tests check the top N against a brute force.
//! - A re-run is as long as what the risk's delay reaches: on a large plan, each iteration in
//!   which a risk fires on the driving path re-runs most of it. When the candidates' re-runs
//!   pass [`MEASURE_BUDGET`], every n-th block of iterations is measured, and the others
//!   are estimated from the screening's cut, scaled by the share of it the measured
//!   iterations took off (a ratio estimator: the cut is known in every iteration). Within
//!   the budget (the demo, plans of hundreds of initiatives) every delta is exact.

use super::*;

/// How much measuring may cost before it is done on a sample of the iterations: nodes
/// re-run, about (see `choose_drivers`); about 2 s of one core.
pub(super) const MEASURE_BUDGET: f64 = 3e7;

/// The most risks measured exactly when `count` drivers are asked for (see the module's
/// notes): twice as many and a few, in two runs at most.
pub(super) fn measured_at_most(count: usize) -> usize {
    2 * count + 8
}

/// A risk measured exactly: its place in the plan, its deltas and its exposure.
pub(super) struct Measured {
    pub(super) index: usize,
    pub(super) driver: RiskDriver,
    pub(super) exposure: Option<RiskExposure>,
}

impl Model {
    /// The screening at node `v`, on the driving path in the lanes of `m`: each risk firing
    /// on it adds its drawn impact to its cut in that lane.
    #[inline]
    pub(super) fn screen(&self, v: usize, m: u8, keys: &Keys, s: &mut Scratch) {
        for &q in &self.node_risks[self.node_risk_start[v] as usize..self.node_risk_start[v + 1] as usize] {
            let risk = &self.risks[q as usize];
            for (l, &key) in keys.iter().enumerate() {
                if m >> l & 1 == 0 || draw(key, risk.slot) >= risk.probability {
                    continue;
                }
                // A negative impact lengthens the path without it, or shortens one it enters
                // with a minus sign: its size bounds either.
                let x = risk.impact.sample(draw(key, risk.slot + 1)).abs();
                if x > 0.0 {
                    let cut = &mut s.cut[q as usize];
                    if *cut == [0.0; L] {
                        s.touched.push(q);
                    }
                    cut[l] += x;
                }
            }
        }
    }

    /// The `config.drivers` risks with the largest effect on P80, measured exactly, the
    /// largest first (ties: the larger P50 delta, then plan order), from the first run's
    /// screening (`raw.cuts`).
    pub(super) fn choose_drivers(&mut self, plan: &Plan, config: &SimConfig, raw: &Raw) -> Result<Vec<Measured>, SimulateError> {
        let count = config.drivers;
        let finish = sorted(raw.finish.clone());
        let (p80, p50) = (rank(&finish, 80), rank(&finish, 50));
        // A risk that never fires, or adds nothing when it does, moves nothing: not measured.
        let movable = |r: &SimRisk| r.probability > 0.0 && r.impact.lo.abs().max(r.impact.hi.abs()) > 0.0;
        let mut cuts = raw.cuts.clone();
        cuts.sort_unstable_by_key(|c| c.0);
        let mut bounds: Vec<(f64, f64, u32)> =
            (0..self.risks.len() as u32).filter(|&r| movable(&self.risks[r as usize])).map(|r| (0.0, 0.0, r)).collect();
        let mut values = Vec::new();
        for b in &mut bounds {
            let from = cuts.partition_point(|c| c.0 < b.2);
            let to = cuts.partition_point(|c| c.0 <= b.2);
            if from == to {
                continue;
            }
            values.clear();
            values.extend_from_slice(&raw.finish);
            for &(_, i, x) in &cuts[from..to] {
                values[i as usize] -= x;
            }
            let mut at = |percent: u8| {
                let n = values.len();
                let k = (n * usize::from(percent)).div_ceil(100).clamp(1, n.max(1)) - 1;
                *values.select_nth_unstable_by(k, f64::total_cmp).1
            };
            (b.0, b.1) = (p80 - at(80), p50 - at(50));
        }
        let index = |r: u32| self.risks[r as usize].index;
        bounds.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)).then(index(a.2).cmp(&index(b.2))));

        let eps = 1e-9 * p80.abs().max(1.0);
        let most = measured_at_most(count).min(bounds.len());
        // What measuring the candidates costs, about: a re-run per iteration in which a risk
        // fires on the driving path, through what it reaches (the re-runs elsewhere stop
        // soon). Past the budget, every `sample`-th block of iterations is measured.
        let mut seen = vec![false; self.nodes.len()];
        let mut work = 0f64;
        for b in &bounds[..most] {
            let risk = &self.risks[b.2 as usize];
            let hits = &self.risk_hits[risk.hits.0 as usize..risk.hits.1 as usize];
            let reach = crate::graph::reach(&self.succ_start, &self.succs, hits, &mut seen).len();
            let critical = cuts.partition_point(|c| c.0 <= b.2) - cuts.partition_point(|c| c.0 < b.2);
            work += critical as f64 * reach as f64;
        }
        self.sample = ((work / MEASURE_BUDGET).ceil() as usize).max(1);
        // The finish without risk `r` in every iteration, from a refining run's `without`
        // (column k of `dn`): measured where the run measured it; elsewhere the finish less
        // the screening's cut scaled by how much of its cuts the risk took off where
        // measured (no cut: the finish, which it is exactly when no duration enters a path
        // with a minus sign, i.e. without FF and SF handoffs).
        let estimate = |run: &Raw, k: usize, dn: usize, r: u32| -> Vec<f64> {
            let mut values = raw.finish.clone();
            let mine = &cuts[cuts.partition_point(|c| c.0 < r)..cuts.partition_point(|c| c.0 <= r)];
            let (mut taken, mut cut) = (0.0, 0.0);
            for &(_, i, x) in mine {
                let w = run.without[i as usize * dn + k];
                if !w.is_nan() {
                    (taken, cut) = (taken + (raw.finish[i as usize] - w), cut + x);
                }
            }
            let share = if cut > 0.0 { (taken / cut).clamp(0.0, 1.0) } else { 0.0 };
            for &(_, i, x) in mine {
                values[i as usize] -= share * x;
            }
            for (i, v) in values.iter_mut().enumerate() {
                let w = run.without[i * dn + k];
                if !w.is_nan() {
                    *v = w;
                }
            }
            sorted(values)
        };
        let mut measured: Vec<Measured> = Vec::new();
        let mut next = 0;
        while next < most {
            if measured.len() >= count {
                let nth = &measured[count - 1].driver;
                let (b80, b50) = (bounds[next].0, bounds[next].1);
                if nth.p80_delta_days > b80 + eps || (nth.p80_delta_days >= b80 - eps && nth.p50_delta_days >= b50 - eps) {
                    break;
                }
            }
            // The first batch a quarter more than asked (the bounds are close above the
            // deltas on a plan's critical path); later ones smaller.
            let size = if next == 0 { count + count / 4 + 2 } else { most - next };
            let batch: Vec<u32> = bounds[next..(next + size).min(most)].iter().map(|b| b.2).collect();
            next += batch.len();
            self.measure(batch);
            let run = self.run(config, true);
            if config.control.as_ref().is_some_and(Control::cancelled) {
                return Err(SimulateError::Cancelled);
            }
            let dn = self.drivers.len();
            for (k, &r) in self.drivers.iter().enumerate() {
                let without = if self.sample == 1 {
                    sorted(run.without.iter().skip(k).step_by(dn).copied().collect())
                } else {
                    estimate(&run, k, dn, r)
                };
                let index = self.risks[r as usize].index as usize;
                let id = &plan.risks[index].id;
                measured.push(Measured {
                    index,
                    exposure: exposure(plan, self, &run, k, id),
                    driver: RiskDriver {
                        risk: id.clone(),
                        p80_delta_days: p80 - rank(&without, 80),
                        p50_delta_days: p50 - rank(&without, 50),
                    },
                });
            }
            measured.sort_by(|a, b| {
                let (x, y) = (&a.driver, &b.driver);
                y.p80_delta_days
                    .total_cmp(&x.p80_delta_days)
                    .then(y.p50_delta_days.total_cmp(&x.p50_delta_days))
                    .then(a.index.cmp(&b.index))
            });
        }
        measured.truncate(count);
        Ok(measured)
    }
}

impl Model {
    /// The duration node `v` has in the iteration `key` without model risk `skip`: the same
    /// draws, added in the same order as in [`Model::forward`].
    pub(super) fn duration_without(&self, key: u64, v: usize, skip: usize) -> f64 {
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
    pub(super) fn rank_ends(&self, l: usize, s: &mut Scratch) {
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
    pub(super) fn without(&self, key: u64, k: usize, finish: f64, waves: &[f64], l: usize, s: &mut Scratch) -> f64 {
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
}

/// The exposure of the measured risk `k` from its delay histograms (none when they did not
/// fit the budget).
pub(super) fn exposure(plan: &Plan, model: &Model, raw: &Raw, k: usize, risk: &str) -> Option<RiskExposure> {
    let reach = model.reach.get(k).filter(|r| r.kept)?;
    let fired = raw.fired.get(k).copied().unwrap_or(0);
    let iterations = raw.sampled.max(1) as f64;
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
