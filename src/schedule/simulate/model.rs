//! A plan prepared for many forward passes: nodes in topological order, links, teams,
//! risks, waves and milestones on flat arrays, and what each measured risk can reach.

use super::*;

/// An initiative as the pass sees it (index = topological position).
#[derive(Debug, Clone, Copy)]
pub(super) struct Node {
    pub(super) tri: Tri,
    pub(super) likely: f64,
    /// The share still to do: 1 not started, 1 - progress in progress, 0 done.
    pub(super) rest: f64,
    /// The earliest start: 0, or its start-no-earlier-than, plus its leveling delay.
    pub(super) base: f64,
    /// Its team's place in [`Model::teams`] when that team's durations are correlated
    /// (`NO_TEAM` otherwise), and the copula's weights sqrt(rho) and sqrt(1 - rho).
    pub(super) team: u32,
    pub(super) a: f64,
    pub(super) b: f64,
    /// Under PERT in a correlated team: its Beta's quantile table in [`Model::tables`]
    /// (`NO_TEAM` otherwise), so that the copula's uniform draws by the inverse CDF.
    pub(super) table: u32,
}

pub(super) const NO_TEAM: u32 = u32::MAX;

/// A handoff into a node: `receiver.start >= times[src] + lag - fin * receiver.duration`,
/// where `times[2k]` is node k's start and `times[2k + 1]` its finish.
#[derive(Debug, Clone, Copy)]
pub(super) struct SimLink {
    pub(super) lag: f64,
    pub(super) src: u32,
    /// 1.0 when the handoff ties the receiver's finish (FF, SF), else 0.0.
    pub(super) fin: f32,
}

pub(super) struct Model {
    pub(super) pert: bool,
    /// Plan position of each topological position.
    pub(super) order: Vec<u32>,
    pub(super) nodes: Vec<Node>,
    pub(super) pred_start: Vec<u32>,
    pub(super) preds: Vec<SimLink>,
    /// The plan position of each link's handoff.
    pub(super) pred_handoff: Vec<u32>,
    pub(super) risks: Vec<SimRisk>,
    pub(super) risk_hits: Vec<u32>,
    /// Topological positions of the milestones (zero-day estimates), in plan order.
    pub(super) milestones: Vec<u32>,
    /// For the risk drivers (empty without them): the model risks hitting each node
    /// (`node_risks[node_risk_start[v]..node_risk_start[v + 1]]`, in risk order) and the
    /// risks measured exactly in this run (none in the first run, which screens every
    /// risk; the candidates in a refining run, see `drivers.rs`). Each node's successors.
    pub(super) node_risk_start: Vec<u32>,
    pub(super) node_risks: Vec<u32>,
    pub(super) succ_start: Vec<u32>,
    pub(super) succs: Vec<u32>,
    pub(super) drivers: Vec<u32>,
    /// The nodes that can set the plan's finish: those without a finish-to-start handoff of
    /// lag >= 0 to another node, whose finish is then at least theirs (durations are never
    /// negative then; if one could be, every node).
    pub(super) ends: Vec<u32>,
    /// Members of group w: `wave_members[wave_start[w]..wave_start[w + 1]]`. The groups are
    /// the plan's waves, then its sites, then its priorities (a site's and a priority's finish
    /// is kept like a wave's).
    pub(super) wave_start: Vec<u32>,
    /// How many of the groups are waves (the rest are sites).
    pub(super) wave_count: usize,
    pub(super) wave_members: Vec<u32>,
    pub(super) handoffs: usize,
    /// The stream slot of each correlated team's normal.
    pub(super) teams: Vec<u64>,
    /// Quantile tables of the Beta distributions of correlated PERT nodes ([`beta_quantiles`]).
    pub(super) tables: Vec<Vec<f64>>,
    /// What each measured risk can delay (as `drivers`), and the size of all their delay
    /// histograms together.
    pub(super) reach: Vec<Reach>,
    pub(super) bins: usize,
    /// With `SimConfig::levelled`: the serial scheme each iteration's durations go through.
    pub(super) levelled: Option<Sampled>,
    /// Each node's accepted leveling delay (in its base and in the lags of its links in),
    /// which a levelled iteration replaces by the scheme's own.
    pub(super) delay: Vec<f64>,
    /// The initiatives with a deadline (topological position, the exclusive finish offset
    /// it allows), in plan order.
    pub(super) deadlines: Vec<(u32, f64)>,
    /// The handoffs with a due date, in plan order.
    pub(super) dues: Vec<Due>,
    /// Whether each iteration's finish of every dated item is kept (for its P80): only while
    /// they fit [`DATED_BUDGET`]; their chance of being met is counted always.
    pub(super) keep_dated: bool,
    /// The first run screens every risk for the drivers (see `drivers.rs`).
    pub(super) screen: bool,
    /// Which nodes (topological positions) are done on their actual dates: never critical.
    /// Empty without a status date.
    pub(super) done: Vec<bool>,
    /// A refining run measures every `sample`-th block of iterations (1: all).
    pub(super) sample: usize,
}

/// The most per-iteration values of dated items (deadlines and due dates) a run keeps.
pub(super) const DATED_BUDGET: usize = 8 << 20;

/// A handoff with a due date, as an iteration checks it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Due {
    pub(super) kind: Kind,
    /// The predecessor's topological position.
    pub(super) from: u32,
    /// The handoff's own lag (without the receiver's leveling delay).
    pub(super) lag: f64,
    /// The exclusive offset the due date allows (the end of that working day).
    pub(super) limit: f64,
}

/// The moment a handoff's predecessor side delivers in one iteration, the one date a
/// handoff's due date is compared with in the simulation: FS and FF the predecessor's
/// finish + lag, SS and SF its start + lag (what the giving team hands over and when,
/// whatever the receiver does with it), as the schedule's own `delivered` does; compared
/// with the schedule's `due_limit` of its kind (docs/scheduling.md).
#[inline]
pub(super) fn delivered(kind: Kind, start: f64, finish: f64, lag: f64) -> f64 {
    match kind {
        Kind::FS | Kind::FF => finish + lag,
        Kind::SS | Kind::SF => start + lag,
    }
}

/// Bins of a delay histogram (see [`Reach`]).
pub(super) const BINS: usize = 50;
/// The most histogram bins a thread keeps (32 MB): the measured risks get an exposure in
/// their order while their histograms fit (all 20 on plans of tens of thousands of
/// initiatives; on larger plans, the first ones).
pub(super) const BIN_BUDGET: usize = 8 << 20;

/// What one measured risk can delay: the nodes reachable along handoffs from those it hits
/// (its own included) and the waves with a reached member. Per reached node and wave, a
/// histogram of the delay it causes in the iterations in which it fires, in `BINS` bins of
/// `width` up to the largest delay it can cause (its largest impact times the initiatives it
/// hits: a pass moves no time further than the durations it adds).
#[derive(Debug, Clone)]
pub(super) struct Reach {
    /// Whether its histograms fit the budget; if not, it has no exposure.
    pub(super) kept: bool,
    /// Topological positions, ascending.
    pub(super) nodes: Vec<u32>,
    /// The place of each node in `nodes` (`u32::MAX` where it is not reached).
    pub(super) index: Vec<u32>,
    pub(super) waves: Vec<u32>,
    pub(super) width: f64,
    /// Where its histograms start in [`Scratch::hist`]: the nodes', then the waves'.
    pub(super) at: usize,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct SimRisk {
    /// Its position in the plan's risks.
    pub(super) index: u32,
    pub(super) probability: f64,
    pub(super) impact: Tri,
    /// Its draws are slots `slot` (fires?) and `slot + 1` (how much).
    pub(super) slot: u64,
    /// `risk_hits[hits.0..hits.1]`: topological positions it delays.
    pub(super) hits: (u32, u32),
}

impl Model {
    pub(super) fn of(plan: &Plan, net: &Network, cal: &WorkCalendar, config: &SimConfig) -> Result<Model, SimulateError> {
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
        // Pinned work stays on its date in every run: its start is fixed where CPM fixes it
        // and no handoff into it binds (docs/scheduling.md, "Pinned dates").
        let mut fixed: std::collections::HashMap<u32, i64> = std::collections::HashMap::new();
        for c in &net.constraints {
            if let Some(pin) = c.pinned {
                fixed.insert(c.node, crate::schedule::cpm::pinned_start(pin, net.duration[c.node as usize], cal));
            }
        }
        let mut nodes = Vec::with_capacity(n);
        for &v in &net.order {
            let i = &plan.initiatives[v as usize];
            let e = i.duration;
            // Deferred work is out of the forecast: no time, drawn or not.
            let e = if i.is_deferred() { crate::model::Estimate::exact(0) } else { e };
            let (optimistic, mut likely, pessimistic) =
                (f64::from(e.optimistic.max(0)), f64::from(e.likely), f64::from(e.pessimistic.max(0)));
            let rest = match i.status {
                Status::Done => 0.0,
                _ => (1.0 - i.progress).clamp(0.0, 1.0),
            };
            let mut rest = if rest.is_nan() { 1.0 } else { rest };
            // A leveling delay starts the work that many working days after the bound from its
            // handoffs, its start-no-earlier-than and day 0, as in CPM: it is added to the
            // base and to every link in (`Network::delay`). A status date raises the bound
            // (`Network::low`), as in CPM.
            let low = net.low(v as usize);
            let snet = i.start_no_earlier_than.map_or(0, |d| cal.offset_on_or_after(d).max(0));
            let base = match fixed.get(&v) {
                Some(start) => *start as f64,
                None => (snet.max(low) + net.delay[v as usize]) as f64,
            };
            let mut tri = Tri::new(optimistic, likely, pessimistic);
            // With a status date the node is the work still to do (docs/scheduling.md,
            // "Progress"): done work is fixed on its actual dates; work in progress draws its
            // remaining duration from the estimate scaled by remaining / likely.
            let base = match net.progress.state(v as usize) {
                State::Done { start, finish } => {
                    (likely, rest) = ((finish - start) as f64, 1.0);
                    tri = Tri::new(likely, likely, likely);
                    start as f64
                }
                State::InProgress { .. } => {
                    let remaining = net.duration[v as usize] as f64;
                    let scale = if likely > 0.0 { remaining / likely } else { 1.0 };
                    (likely, rest) = (remaining, 1.0);
                    tri = Tri::new(optimistic * scale, remaining, pessimistic * scale);
                    (low + net.delay[v as usize]) as f64
                }
                State::NotStarted => {
                    rest = 1.0;
                    base
                }
                State::AsPlanned => base,
            };
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
            // Met by actual dates, or a fixed bound already in the receiver's base.
            if net.progress.rule(h) != Rule::Link {
                continue;
            }
            // Network::of has checked every end.
            let (Some(a), Some(b)) = (find(&x.from), find(&x.to)) else { continue };
            if fixed.contains_key(&b) {
                continue;
            }
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
                let i = &plan.initiatives[v as usize];
                if i.status != Status::Done && !i.is_deferred() && !net.progress.is_done(v as usize) {
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
            risks.push(SimRisk { index: r as u32, probability, impact, slot: slots + 2 * r as u64, hits: (from, risk_hits.len() as u32) });
        }

        let milestones = (0..plan.initiatives.len())
            .filter(|&v| plan.initiatives[v].is_milestone() && !plan.initiatives[v].is_deferred())
            .map(|v| topo[v])
            .collect();
        let deadlines: Vec<(u32, f64)> = plan
            .initiatives
            .iter()
            .enumerate()
            .filter_map(|(v, i)| Some((topo[v], cal.finish_limit(i.finish_no_later_than.filter(|_| !i.is_deferred())?) as f64)))
            .collect();
        let mut dues = Vec::new();
        for x in &plan.handoffs {
            let (Some(due), Some(a)) = (super::summary::due_kept(plan, x), find(&x.from)) else { continue };
            // the schedule's own rule per kind (`cpm::due_limit`), so the two agree on a due date
            dues.push(Due {
                kind: x.kind,
                from: topo[a as usize],
                lag: f64::from(x.lag),
                limit: super::super::cpm::due_limit(x.kind, due, cal) as f64,
            });
        }
        let dated = deadlines.len() + dues.len();
        let keep_dated = dated.saturating_mul(config.iterations as usize).saturating_mul(2) <= DATED_BUDGET;
        let delay = net.order.iter().map(|&v| net.delay[v as usize] as f64).collect();

        // A wave's initiatives: those in it, and those at a site in it; then each site's; then
        // the work (not deferred) serving each strategic priority.
        let (wn, sn, pn) = (plan.waves.len(), plan.sites.len(), plan.priorities.len());
        let mut wave_start = vec![0u32; wn + sn + pn + 1];
        let priority_index: std::collections::HashMap<&str, usize> =
            plan.priorities.iter().enumerate().map(|(k, p)| (p.id.as_str(), k)).collect();
        let mut members: Vec<(u32, u32)> = Vec::new();
        let wave_of = |id: &str| plan.waves.iter().position(|w| w.id == id);
        let site_wave: std::collections::HashMap<&str, usize> =
            plan.sites.iter().filter_map(|s| Some((s.id.as_str(), wave_of(s.wave.as_deref()?)?))).collect();
        let site_index: std::collections::HashMap<&str, usize> = plan.sites.iter().enumerate().map(|(k, s)| (s.id.as_str(), k)).collect();
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
            if let Some(k) = i.site.as_deref().and_then(|s| site_index.get(s)) {
                members.push(((wn + k) as u32, topo[v]));
                wave_start[wn + k + 1] += 1;
            }
            if !i.is_deferred() {
                for k in i.serves.iter().filter_map(|p| priority_index.get(p.as_str())) {
                    members.push(((wn + sn + k) as u32, topo[v]));
                    wave_start[wn + sn + k + 1] += 1;
                }
            }
        }
        for w in 0..wn + sn + pn {
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
            wave_count: wn,
            wave_members,
            handoffs: plan.handoffs.len(),
            teams,
            tables,
            reach: Vec::new(),
            bins: 0,
            levelled: None,
            delay,
            deadlines,
            dues,
            keep_dated,
            screen: false,
            sample: 1,
            done: if net.progress.state.is_empty() {
                Vec::new()
            } else {
                net.order.iter().map(|&v| net.progress.is_done(v as usize)).collect()
            },
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
    pub(super) fn prepare_reach(&mut self) {
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
    pub(super) fn wave_finish(&self, x: usize, l: usize, s: &Scratch) -> (f64, f64) {
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

    /// Prepares what measuring risk drivers needs when `count` are asked for: the risks by
    /// node, and the screening of the first run. The risks to measure exactly are chosen
    /// after it (`Model::choose_drivers`).
    pub(super) fn prepare_drivers(&mut self, count: usize) {
        if count == 0 || self.risks.is_empty() {
            return;
        }
        self.screen = true;
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

    /// Whether this run screens the risks for the drivers.
    #[inline(always)]
    pub(super) fn screening(&self) -> bool {
        self.screen
    }

    /// Sets the risks measured exactly by the next run (`drivers`, model risks) and what
    /// their exposure needs.
    pub(super) fn measure(&mut self, drivers: Vec<u32>) {
        self.drivers = drivers;
        self.reach.clear();
        self.prepare_reach();
    }

    /// Each node's successors, and the nodes no finish-to-start handoff of lag >= 0 leads on
    /// from (the only ones that can set the plan's finish alone).
    pub(super) fn prepare_successors(&mut self) {
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

    /// How many waves (the first groups).
    pub(super) fn waves(&self) -> usize {
        self.wave_count
    }

    /// How many groups whose finish each iteration keeps: the waves, the sites, the priorities.
    pub(super) fn groups(&self) -> usize {
        self.wave_start.len() - 1
    }
}
