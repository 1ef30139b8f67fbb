//! The hot loop: four iterations side by side in lanes, the forward pass over the flat
//! arrays, criticality, the levelled pass within capacity, and the run over all iterations
//! on threads of contiguous chunks.

use super::*;

impl Model {
    /// The uniform of the copula for a node of a correlated team: Phi(sqrt(rho) Z_team +
    /// sqrt(1 - rho) Z_v) with Z_v = Phi^-1(u), `u` the node's own draw. With rho = 1 every
    /// initiative of the team sits at the same quantile of its estimate.
    #[inline(always)]
    pub(super) fn correlated(node: &Node, u: f64, z: f64) -> f64 {
        phi(node.a * z + node.b * inv_phi(u))
    }

    /// The duration a node draws from the uniform `u`, before risks, by the inverse CDF
    /// (PERT: a Beta drawn from a stream seeded by `u`), through the copula with the team's
    /// normal `z` when its team is correlated. The done share stands; written so that
    /// x == likely gives likely exactly. (Nodes of no correlated team draw the triangle by
    /// [`Tri::pair`], which needs no square root.)
    #[inline(always)]
    pub(super) fn quantile(&self, node: &Node, u: f64, z: f64) -> f64 {
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
    pub(super) fn forward(&self, keys: &Keys, s: &mut Scratch, skip: Option<usize>) -> (Lanes, Lanes) {
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
    ///
    /// `LEVELLED`: the lanes hold levelled iterations ([`Model::level_lane`]), whose starts
    /// carry the scheme's own delay: a link is tight when it gives the largest bound before
    /// that delay (the accepted leveling delay taken out of the base and the lags), the
    /// delay counting as part of the gap as in CPM, so a node is counted when its levelled
    /// total float is zero (docs/scheduling.md, leveling delay).
    ///
    /// With risk drivers (`keys` given and the model screening), each risk firing on a node
    /// of the path adds its drawn impact to its cut in that lane (`s.cut`): a bound on how
    /// much the iteration's finish can fall without it (see `drivers.rs`).
    #[inline(always)]
    pub(super) fn walk<const LEVELLED: bool>(&self, finish: &Lanes, valid: u8, keys: Option<&Keys>, s: &mut Scratch) {
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
            if let Some(keys) = keys {
                self.screen(v, m, keys, s);
            }
            let (start, d) = (s.times[2 * v], s.duration[v]);
            let range = self.pred_start[v] as usize..self.pred_start[v + 1] as usize;
            let delay = if LEVELLED { self.delay[v] } else { 0.0 };
            let mut bound = start;
            if LEVELLED {
                bound = [self.nodes[v].base - delay; L];
                for link in &self.preds[range.clone()] {
                    let from = s.times[link.src as usize];
                    for l in 0..L {
                        bound[l] = bound[l].max(from[l] + link.lag - delay - f64::from(link.fin) * d[l]);
                    }
                }
            }
            for (link, &h) in self.preds[range.clone()].iter().zip(&self.pred_handoff[range]) {
                let from = s.times[link.src as usize];
                let fin = f64::from(link.fin);
                let mut tight = 0u8;
                for l in 0..L {
                    tight |= u8::from(from[l] + link.lag - delay - fin * d[l] == bound[l]) << l;
                }
                let tight = tight & m;
                if tight != 0 {
                    s.mark[(link.src >> 1) as usize] |= tight;
                    s.handoff_count[h as usize] += tight.count_ones();
                }
            }
        }
    }

    /// The forward pass of one block of lanes, and its criticality unless the lanes are to
    /// be levelled (then it is counted on the levelled lanes).
    ///
    /// Not inlined into the run's loop: the forward pass and the walk then keep their own
    /// registers (inlined, the plain run took ~4% more CPU on the 10,000-initiative benchmark).
    #[inline(never)]
    pub(super) fn pass(&self, keys: &Keys, valid: u8, s: &mut Scratch) -> (Lanes, Lanes) {
        let out = self.forward(keys, s, None);
        if self.levelled.is_none() {
            let screen = if self.screening() { Some(keys) } else { None };
            self.walk::<false>(&out.0, valid, screen, s);
        }
        out
    }

    /// Lane `l` of the last pass scheduled within capacity: its durations in whole days
    /// through the serial scheme, written back as the lane's times and durations; returns
    /// its plan finish and the working day that is shown on.
    pub(super) fn level_lane(&self, l: usize, sgs: &mut Sampled, duration: &mut [i64], s: &mut Scratch) -> (f64, f64) {
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

    /// Runs every iteration. `refine`: a second run that only measures `self.drivers` (the
    /// candidates the screening left, see `drivers.rs`) on the same iterations: no
    /// criticality, no screening, no dated items, no progress (the first run counted it).
    pub(super) fn run(&self, config: &SimConfig, refine: bool) -> Raw {
        let iterations = config.iterations as usize;
        let blocks = iterations.div_ceil(L);
        let threads = match config.threads {
            0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
            t => t,
        }
        .clamp(1, blocks.max(1));
        // Whole blocks of L iterations per thread; which thread runs a block changes nothing.
        let chunk = blocks.div_ceil(threads) * L;
        let (m, w, dn) = (self.milestones.len(), self.groups(), self.drivers.len());
        let c = if self.keep_dated && !refine { self.deadlines.len() + self.dues.len() } else { 0 };
        let screen = self.screening() && !refine;
        let mut raw = Raw {
            finish: vec![0.0; iterations],
            day: vec![0.0; iterations],
            milestones: vec![0.0; iterations * m],
            waves: vec![0.0; iterations * w],
            wave_days: vec![0.0; iterations * w],
            without: vec![f64::NAN; iterations * dn],
            node_count: vec![0; self.nodes.len()],
            handoff_count: vec![0; self.handoffs],
            hist: vec![0; self.bins],
            fired: vec![0; dn],
            dated: vec![0.0; iterations * c],
            dated_days: vec![0.0; iterations * c],
            met: vec![0; self.deadlines.len() + self.dues.len()],
            cuts: Vec::new(),
            sampled: if refine { (0..blocks).step_by(self.sample).map(|b| L.min(iterations - b * L)).sum() } else { iterations },
        };
        let seed = config.seed;
        let control = config.control.as_ref();
        std::thread::scope(|scope| {
            let mut jobs = Vec::with_capacity(threads);
            let (mut finish, mut day) = (&mut raw.finish[..], &mut raw.day[..]);
            let (mut ms, mut waves, mut wave_days) = (&mut raw.milestones[..], &mut raw.waves[..], &mut raw.wave_days[..]);
            let mut without = &mut raw.without[..];
            let (mut dated, mut dated_days) = (&mut raw.dated[..], &mut raw.dated_days[..]);
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
                let (da, rest) = std::mem::take(&mut dated).split_at_mut(len * c);
                dated = rest;
                let (dd, rest) = std::mem::take(&mut dated_days).split_at_mut(len * c);
                dated_days = rest;
                let from = first;
                jobs.push(scope.spawn(move || {
                    let mut s = Scratch::new(self);
                    let mut levelled = self.levelled.clone().map(|x| (x, vec![0i64; self.nodes.len()]));
                    for j0 in (0..len).step_by(L) {
                        if let Some(c) = control.filter(|_| j0 % (16 * L) == 0 && j0 > 0) {
                            // Per chunk of 64 iterations: the progress, and a cancel ends the run.
                            if !refine {
                                c.done.fetch_add((16 * L) as u64, std::sync::atomic::Ordering::Relaxed);
                            }
                            if c.cancelled() {
                                break;
                            }
                        }
                        if let Some(c) = control.filter(|_| j0 + L >= len && !refine) {
                            c.done.fetch_add((len - (len - 1) / (16 * L) * (16 * L)) as u64, std::sync::atomic::Ordering::Relaxed);
                        }
                        if refine && ((from + j0) / L) % self.sample != 0 {
                            continue;
                        }
                        let count = L.min(len - j0);
                        let mut keys = [0u64; L];
                        for (l, key) in keys.iter_mut().enumerate() {
                            *key = stream(seed, (from + j0 + l) as u64);
                        }
                        let valid = (1u8 << count) - 1;
                        let (mut plan_finish, mut shown) =
                            if refine { self.forward(&keys, &mut s, None) } else { self.pass(&keys, valid, &mut s) };
                        if let Some((sgs, duration)) = levelled.as_mut() {
                            for l in 0..count {
                                (plan_finish[l], shown[l]) = self.level_lane(l, sgs, duration, &mut s);
                            }
                            self.walk::<true>(&plan_finish, valid, None, &mut s);
                        }
                        if screen {
                            s.flush_cuts((from + j0) as u32);
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
                            if !refine {
                                self.dated(l, &mut da[j * c..(j + 1) * c], &mut dd[j * c..(j + 1) * c], &mut s);
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
                    (&mut raw.met, s.met),
                ];
                raw.cuts.extend(s.cuts);
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

impl Model {
    /// Lane `l`'s deadlines and due dates: whether each is met (counted in `s.met`), and,
    /// when the run keeps them (`values` not empty), the finish or delivery and the working
    /// day it is shown on (a delivery as a finish: the working day ending at that moment).
    fn dated(&self, l: usize, values: &mut [f64], days: &mut [f64], s: &mut Scratch) {
        let keep = !values.is_empty();
        for (k, &(v, limit)) in self.deadlines.iter().enumerate() {
            let v = v as usize;
            let f = s.times[2 * v + 1][l];
            s.met[k] += u32::from(f <= limit);
            if keep {
                values[k] = f;
                days[k] = if s.duration[v][l] > 0.0 { (f.ceil() - 1.0).max(0.0) } else { f.floor().max(0.0) };
            }
        }
        let at = self.deadlines.len();
        for (k, due) in self.dues.iter().enumerate() {
            let v = due.from as usize;
            let t = delivered(due.kind, s.times[2 * v][l], s.times[2 * v + 1][l], due.lag);
            s.met[at + k] += u32::from(t <= due.limit);
            if keep {
                values[at + k] = t;
                days[at + k] = (t.ceil() - 1.0).max(0.0);
            }
        }
    }
}

pub(super) fn shown_day(work: f64, marks: f64) -> f64 {
    (work.ceil() - 1.0).max(marks.floor()).max(0.0)
}

/// How many of an iteration's latest ends [`Model::rank_ends`] keeps.
pub(super) const TOP: usize = 8;

/// Iterations run side by side in one pass.
pub(super) const L: usize = 4;
/// One value per lane.
pub(super) type Lanes = [f64; L];
/// The stream key of each lane's iteration.
pub(super) type Keys = [u64; L];

/// One thread's working memory, allocated once.
pub(super) struct Scratch {
    /// Start and finish of each node, per lane: `times[2v]`, `times[2v + 1]`.
    pub(super) times: Vec<Lanes>,
    pub(super) duration: Vec<Lanes>,
    pub(super) extra: Vec<Lanes>,
    /// Each correlated team's normal, per lane.
    pub(super) z: Vec<Lanes>,
    /// The lanes in which a node is on the driving path (a bit per lane).
    pub(super) mark: Vec<u8>,
    pub(super) node_count: Vec<u32>,
    pub(super) handoff_count: Vec<u32>,
    /// For the risk drivers (empty without them): nodes waiting to be recomputed (a
    /// min-heap of topological positions, each in it at most once), those whose times
    /// changed and their times before, and the iteration's latest ends.
    pub(super) dirty: Vec<bool>,
    pub(super) heap: std::collections::BinaryHeap<std::cmp::Reverse<u32>>,
    pub(super) changed: Vec<bool>,
    pub(super) saved: Vec<(u32, f64, f64)>,
    pub(super) top: Vec<(f64, u32)>,
    /// The exposure's delay histograms ([`Reach`]) and how often each measured risk fired.
    pub(super) hist: Vec<u32>,
    pub(super) fired: Vec<u32>,
    /// Iterations meeting each deadline, then each due date.
    pub(super) met: Vec<u32>,
    /// The screening of the risk drivers (empty without it): each model risk's cut per lane
    /// in the block under way, the risks with one, and every cut made (risk, iteration, cut).
    pub(super) cut: Vec<Lanes>,
    pub(super) touched: Vec<u32>,
    pub(super) cuts: Vec<(u32, u32, f64)>,
}

impl Scratch {
    pub(super) fn new(model: &Model) -> Scratch {
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
            met: vec![0; model.deadlines.len() + model.dues.len()],
            cut: vec![[0.0; L]; if model.screening() { model.risks.len() } else { 0 }],
            touched: Vec::new(),
            cuts: Vec::new(),
        }
    }

    /// Moves the block's cuts (lanes from iteration `first`) into `cuts`.
    pub(super) fn flush_cuts(&mut self, first: u32) {
        for &r in &self.touched {
            let cut = &mut self.cut[r as usize];
            for (l, x) in cut.iter_mut().enumerate() {
                if *x > 0.0 {
                    self.cuts.push((r, first + l as u32, *x));
                }
                *x = 0.0;
            }
        }
        self.touched.clear();
    }

    /// What node `v` adds to the plan's finish in lane `l`: its finish if it has work, else
    /// its start (as [`Model::forward`] counts them).
    #[inline]
    pub(super) fn contribution(&self, v: usize, l: usize) -> f64 {
        if self.duration[v][l] > 0.0 {
            self.times[2 * v + 1][l]
        } else {
            self.times[2 * v][l]
        }
    }
}

/// Per-iteration results, in iteration order.
pub(super) struct Raw {
    pub(super) finish: Vec<f64>,
    pub(super) day: Vec<f64>,
    /// `milestones[i * m + k]`: milestone k's date offset in iteration i.
    pub(super) milestones: Vec<f64>,
    pub(super) waves: Vec<f64>,
    pub(super) wave_days: Vec<f64>,
    /// `without[i * d + k]`: the plan's finish in iteration i without driver k.
    pub(super) without: Vec<f64>,
    /// By topological position.
    pub(super) node_count: Vec<u32>,
    pub(super) handoff_count: Vec<u32>,
    pub(super) hist: Vec<u32>,
    pub(super) fired: Vec<u32>,
    /// `dated[i * c + k]`: dated item k's finish (or delivery) in iteration i, and the day
    /// shown, when the run keeps them; how many iterations met each.
    pub(super) dated: Vec<f64>,
    pub(super) dated_days: Vec<f64>,
    pub(super) met: Vec<u32>,
    /// The screening's cuts: (model risk, iteration, cut), in no particular order.
    pub(super) cuts: Vec<(u32, u32, f64)>,
    /// The iterations run (a refining run may run every `Model::sample`-th block only; the
    /// others' `without` are NaN).
    pub(super) sampled: usize,
}
