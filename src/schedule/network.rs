//! A plan's handoffs as flat arrays, for the passes that run over them many times.
//!
//! The critical path method (and later the simulation, thousands of forward passes) needs
//! only integers: each initiative's duration and, for each handoff, its two ends, its kind
//! and its lag. `Network` interns the ids once (one table lookup per handoff end), keeps
//! the links grouped by receiver and by giver (CSR: `start[v]..start[v + 1]`) and a
//! topological order, so that a pass runs over contiguous memory, touches no string and
//! allocates nothing per initiative. petgraph (`crate::graph`) stays the view for naming
//! cycles and for the map.

use chrono::NaiveDate;

use super::error::ScheduleError;
use crate::graph::{Graph, GraphError, Ids};
use crate::model::{Kind, Plan};

/// One end of a handoff as a pass sees it. With durations fixed, every kind of handoff
/// (FS, SS, FF, SF, with its lag) is one rule between the two starts:
/// `receiver.start >= giver.start + gap`, where `gap` is the lag plus the giver's
/// duration (FS, FF) minus the receiver's (FF, SF). The passes then need no branch on the
/// kind: forward, a start is the largest `start + gap` over the links in; backward, a late
/// start is the smallest `late start - gap` over the links out. A receiver's leveling delay
/// is part of the gap of each of its links in (see [`Network::delay`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub gap: i64,
    /// The initiative at the other end (plan position).
    pub node: u32,
}

impl Link {
    /// The gap of a handoff of `kind` and `lag` from a giver of duration `from` to a
    /// receiver of duration `to`.
    pub fn gap(kind: Kind, lag: i32, from: i64, to: i64) -> i64 {
        let lag = i64::from(lag);
        match kind {
            Kind::FS => lag + from,
            Kind::SS => lag,
            Kind::FF => lag + from - to,
            Kind::SF => lag - to,
        }
    }
}

/// One handoff as the passes reduce it: its giver, its receiver (plan positions) and its
/// gap, the receiver's leveling delay included (see [`Link`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    pub from: u32,
    pub to: u32,
    pub gap: i64,
}

/// An initiative's dated constraints, kept apart: few initiatives have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constraint {
    /// Plan position.
    pub node: u32,
    pub start_no_earlier_than: Option<NaiveDate>,
    pub finish_no_later_than: Option<NaiveDate>,
}

/// The integer skeleton of a plan: nodes are plan positions, links its handoffs.
#[derive(Debug, Clone)]
pub struct Network {
    /// Likely duration of each initiative, in working days (the links' gaps include them).
    pub duration: Vec<i64>,
    /// Each initiative's leveling delay, in working days: it starts that long after the
    /// early start its handoffs and constraints allow. It is already added to the gap of
    /// every link into it; a pass adds it to the start's lower bound (day 0, or its
    /// start-no-earlier-than date).
    pub delay: Vec<i64>,
    /// `order[k]` is the k-th initiative in an order where every handoff goes forward.
    pub order: Vec<u32>,
    /// Incoming links of `v`: `preds[pred_start[v]..pred_start[v + 1]]` (node = the giver).
    pub pred_start: Vec<u32>,
    pub preds: Vec<Link>,
    /// Outgoing links of `v`: `succs[succ_start[v]..succ_start[v + 1]]` (node = the receiver).
    pub succ_start: Vec<u32>,
    pub succs: Vec<Link>,
    pub constraints: Vec<Constraint>,
}

impl Network {
    /// Interns the plan's ids and groups its handoffs. A negative duration, a handoff
    /// naming an unknown initiative and a cycle (named in handoff order) are errors.
    pub fn of(plan: &Plan) -> Result<Network, ScheduleError> {
        Network::build(plan, false).map(|(net, _)| net)
    }

    /// The network and each handoff's ends and gap, in the plan's order of handoffs: what
    /// the rows of a schedule's handoffs are computed from ([`super::cpm::schedule`]),
    /// without interning the ids a second time. The passes never need them.
    pub fn with_ends(plan: &Plan) -> Result<(Network, Vec<End>), ScheduleError> {
        Network::build(plan, true)
    }

    fn build(plan: &Plan, keep_ends: bool) -> Result<(Network, Vec<End>), ScheduleError> {
        let n = plan.initiatives.len();
        let mut duration = Vec::with_capacity(n);
        let mut delay = Vec::with_capacity(n);
        let mut constraints = Vec::new();
        let mut ids = Ids::empty(plan);
        for (k, i) in plan.initiatives.iter().enumerate() {
            ids.push(&i.id);
            if i.duration.likely < 0 {
                return Err(ScheduleError::NegativeDuration(i.id.clone(), i.duration.likely));
            }
            duration.push(i64::from(i.duration.likely));
            // Validation keeps it in 0..=MAX_LEVELING_DELAY; an unchecked negative one waits
            // for nothing.
            delay.push(i64::from(i.leveling_delay.max(0)));
            if i.start_no_earlier_than.is_some() || i.finish_no_later_than.is_some() {
                constraints.push(Constraint {
                    node: k as u32,
                    start_no_earlier_than: i.start_no_earlier_than,
                    finish_no_later_than: i.finish_no_later_than,
                });
            }
        }
        // (giver, receiver, gap) of each handoff, and how many each node has of both.
        let mut ends: Vec<End> = Vec::with_capacity(plan.handoffs.len());
        let mut pred_start = vec![0u32; n + 1];
        let mut succ_start = vec![0u32; n + 1];
        // Plans list handoffs near each other by giver or by receiver; a hit on the
        // previous handoff's end saves a lookup.
        let (mut last_from, mut last_to) = (0u32, 0u32);
        for h in &plan.handoffs {
            let Some(a) = ids.find(&h.from, last_from) else {
                return Err(GraphError::Dangling { handoff: h.id.clone(), end: "from", initiative: h.from.clone() }.into());
            };
            let Some(b) = ids.find(&h.to, last_to) else {
                return Err(GraphError::Dangling { handoff: h.id.clone(), end: "to", initiative: h.to.clone() }.into());
            };
            (last_from, last_to) = (a, b);
            ends.push(End {
                from: a,
                to: b,
                gap: Link::gap(h.kind, h.lag, duration[a as usize], duration[b as usize]) + delay[b as usize],
            });
            succ_start[a as usize + 1] += 1;
            pred_start[b as usize + 1] += 1;
        }
        drop(ids);
        for v in 0..n {
            pred_start[v + 1] += pred_start[v];
            succ_start[v + 1] += succ_start[v];
        }
        let none = Link { node: 0, gap: 0 };
        let mut preds = vec![none; ends.len()];
        let mut succs = vec![none; ends.len()];
        let mut pfill = pred_start.clone();
        let mut sfill = succ_start.clone();
        for &End { from: a, to: b, gap } in &ends {
            let p = &mut pfill[b as usize];
            preds[*p as usize] = Link { node: a, gap };
            *p += 1;
            let s = &mut sfill[a as usize];
            succs[*s as usize] = Link { node: b, gap };
            *s += 1;
        }
        // Kept only when asked for: the passes never read them, and a large plan's
        // network is built many times (simulation, leveling).
        let ends = if keep_ends { ends } else { Vec::new() };
        drop(sfill);

        // Kahn's algorithm; `pfill` is reused as the count of unordered predecessors.
        let mut waiting = pfill;
        for v in 0..n {
            waiting[v] = pred_start[v + 1] - pred_start[v];
        }
        let mut order: Vec<u32> = Vec::with_capacity(n);
        order.extend((0..n as u32).filter(|v| waiting[*v as usize] == 0));
        let mut next = 0;
        while next < order.len() {
            let v = order[next] as usize;
            next += 1;
            for l in &succs[succ_start[v] as usize..succ_start[v + 1] as usize] {
                let w = &mut waiting[l.node as usize];
                *w -= 1;
                if *w == 0 {
                    order.push(l.node);
                }
            }
        }
        if order.len() < n {
            // Rare and not hot: the graph view names the cycle in order.
            let cycle = Graph::of(plan)?.topo_order().err().unwrap_or(GraphError::Cycle(Vec::new()));
            return Err(cycle.into());
        }
        Ok((Network { duration, delay, order, pred_start, preds, succ_start, succs, constraints }, ends))
    }

    /// Gives each initiative the leveling delay `delay[v]` (a negative one counts as 0, as
    /// in [`Network::of`]): the network of the plan with those delays, without copying the
    /// plan to build it again (a leveling of 200,000 initiatives copied 200 MB for this).
    pub fn set_delays(&mut self, delay: &[i32]) {
        let change: Vec<i64> = self.delay.iter().zip(delay).map(|(old, new)| i64::from((*new).max(0)) - old).collect();
        for (v, c) in change.iter().enumerate() {
            if *c != 0 {
                self.delay[v] += c;
                let (a, b) = (self.pred_start[v] as usize, self.pred_start[v + 1] as usize);
                for l in &mut self.preds[a..b] {
                    l.gap += c;
                }
            }
        }
        for l in &mut self.succs {
            l.gap += change.get(l.node as usize).copied().unwrap_or(0);
        }
    }

    /// The number of initiatives.
    pub fn len(&self) -> usize {
        self.duration.len()
    }

    pub fn is_empty(&self) -> bool {
        self.duration.is_empty()
    }

    /// The links into `v`.
    pub fn preds_of(&self, v: usize) -> &[Link] {
        &self.preds[self.pred_start[v] as usize..self.pred_start[v + 1] as usize]
    }

    /// The links out of `v`.
    pub fn succs_of(&self, v: usize) -> &[Link] {
        &self.succs[self.succ_start[v] as usize..self.succ_start[v + 1] as usize]
    }
}
