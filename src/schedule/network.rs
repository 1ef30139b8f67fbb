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
use crate::model::{Handoff, Initiative, Kind, Pin, Plan, Status, WorkCalendar};

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
/// gap, the receiver's leveling delay included (see [`Link`]), and what progress over
/// time makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    pub from: u32,
    pub to: u32,
    pub gap: i64,
    pub rule: Rule,
}

/// What a handoff is in the passes once work has started (docs/scheduling.md, "Progress":
/// P6's retained logic). Without a status date every handoff is a [`Rule::Link`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `receiver.start >= giver.start + gap`, a link of the passes.
    Link,
    /// Out of work in progress by its start (SS, SF): the giver's actual start is a date,
    /// so the handoff is a fixed lower bound on the receiver's start, this offset.
    Bound(i64),
    /// Met by actual dates: into done work, or an SS into work in progress (its actual start
    /// met it). It binds nothing.
    Met,
}

/// Where an initiative stands in time, with a status date (docs/scheduling.md, "Progress").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Scheduled as without a status date: no actual dates, though it has progress or its
    /// status says it is done (a note asks for the dates).
    AsPlanned,
    /// Not started (no actual dates, no progress, not done; at risk or blocked are states
    /// of health, not of time): it starts no earlier than the data date.
    NotStarted,
    /// An actual start and no actual finish: the node is its remaining work, which resumes
    /// no earlier than the data date; `actual_start` is the offset it started on.
    InProgress { actual_start: i64 },
    /// An actual finish: the node sits on its actual dates, offsets `start..finish`.
    Done { start: i64, finish: i64 },
}

/// What a status date changes in a plan's network; empty for a plan without one.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// The first working day after the status date (P6's data date), as an offset.
    pub data_date: i64,
    /// Each initiative's state, in plan order (empty without a status date).
    pub state: Vec<State>,
    /// The lowest start of each initiative's node before its leveling delay: the data date
    /// for work to do, the actual start for done work, raised by the fixed bounds of
    /// handoffs out of work in progress ([`Rule::Bound`]); empty without a status date.
    pub low: Vec<i64>,
    /// What each handoff is, in the plan's order (empty without a status date: every one is
    /// a [`Rule::Link`]).
    pub rules: Vec<Rule>,
}

impl Progress {
    pub fn state(&self, v: usize) -> State {
        self.state.get(v).copied().unwrap_or(State::AsPlanned)
    }

    /// What handoff `h` (plan position) is: a link unless progress made it otherwise.
    pub fn rule(&self, h: usize) -> Rule {
        self.rules.get(h).copied().unwrap_or(Rule::Link)
    }

    pub fn is_done(&self, v: usize) -> bool {
        matches!(self.state(v), State::Done { .. })
    }

    /// The offset the work started on as a person reads it: its actual start when it has
    /// one, else `early_start` (the start of its node).
    pub fn shown_start(&self, v: usize, early_start: i64) -> i64 {
        match self.state(v) {
            State::InProgress { actual_start } => actual_start,
            _ => early_start,
        }
    }

    /// Each initiative's state and the working days its node lasts, from the plan's status
    /// date and its actual dates; `None` without a status date.
    fn of(plan: &Plan, cal: &WorkCalendar) -> Option<(Progress, Vec<i64>)> {
        let status_date = plan.status_date?;
        let data_date = cal.finish_limit(status_date).max(0);
        let mut state = Vec::with_capacity(plan.initiatives.len());
        let mut duration = Vec::with_capacity(plan.initiatives.len());
        let mut low = Vec::with_capacity(plan.initiatives.len());
        for i in &plan.initiatives {
            let likely = i64::from(i.duration.likely.max(0));
            let (s, d, l) = match (i.actual_start, i.actual_finish) {
                // Deferred work is out of the schedule: no time, no bound.
                _ if i.is_deferred() => (State::AsPlanned, 0, 0),
                (start, Some(finish)) => {
                    let finish = cal.finish_limit(finish).max(0);
                    let start = match start {
                        Some(start) => cal.offset_on_or_after(start).max(0).min(finish),
                        None => (finish - likely).max(0),
                    };
                    (State::Done { start, finish }, finish - start, start)
                }
                (Some(start), None) => {
                    let actual_start = cal.offset_on_or_after(start).max(0);
                    (State::InProgress { actual_start }, remaining(i), data_date)
                }
                (None, None) if !i.has_begun() => (State::NotStarted, likely, data_date),
                (None, None) => (State::AsPlanned, likely, 0),
            };
            state.push(s);
            duration.push(d);
            low.push(l);
        }
        Some((Progress { data_date, state, low, rules: Vec::with_capacity(plan.handoffs.len()) }, duration))
    }
}

/// The working days of work in progress still to do: `remaining` when its owner set it,
/// else the share not done of its likely estimate, rounded up (work not done takes a day
/// at least); none for work whose status is done.
pub fn remaining(i: &Initiative) -> i64 {
    if let Some(r) = i.remaining {
        return i64::from(r.max(0));
    }
    if i.status == Status::Done {
        return 0;
    }
    let share = if i.progress.is_nan() { 1.0 } else { (1.0 - i.progress).clamp(0.0, 1.0) };
    (share * f64::from(i.duration.likely.max(0))).ceil() as i64
}

/// An initiative's dated constraints, kept apart: few initiatives have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constraint {
    /// Plan position.
    pub node: u32,
    pub start_no_earlier_than: Option<NaiveDate>,
    pub finish_no_later_than: Option<NaiveDate>,
    /// A pinned start or finish: the node's early and late start are fixed there, whatever
    /// its handoffs allow (docs/scheduling.md, "Pinned dates"). None for work that has
    /// begun (its actual dates win) or is deferred.
    pub pinned: Option<Pin>,
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
    /// What the plan's status date changes (empty without one).
    pub progress: Progress,
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
        Network::build_on(plan, keep_ends, plan.handoffs.len() >= ON_TWO_CORES)
    }

    /// [`Network::build`], interning the ids on another core and finding the handoffs' ends
    /// on two (when the plan has no status date) when `two_cores`.
    fn build_on(plan: &Plan, keep_ends: bool, two_cores: bool) -> Result<(Network, Vec<End>), ScheduleError> {
        let n = plan.initiatives.len();
        let mut duration = Vec::with_capacity(n);
        let mut delay = Vec::with_capacity(n);
        let mut constraints = Vec::new();
        let (mut progress, progress_duration) = match plan.status_date {
            Some(_) => {
                let cal = plan.calendar.anchored(plan.start)?;
                Progress::of(plan, &cal).unzip()
            }
            None => (None, None),
        };
        let interned = || {
            let mut ids = Ids::empty(plan);
            for i in &plan.initiatives {
                ids.push(&i.id);
            }
            ids
        };
        // The ids are interned on another core meanwhile when there are two (each walk is
        // mostly waiting for memory).
        let (ids, nodes) = std::thread::scope(|scope| {
            let ids = two_cores.then(|| scope.spawn(interned));
            let nodes = (|| {
                for (k, i) in plan.initiatives.iter().enumerate() {
                    if i.duration.likely < 0 {
                        return Err(ScheduleError::NegativeDuration(i.id.clone(), i.duration.likely));
                    }
                    // Deferred work is out of the schedule (docs/plan-format.md, "Deferral"): a
                    // node of no time, waiting for nothing, with no handoff that binds (below),
                    // and no row.
                    if i.is_deferred() {
                        duration.push(0);
                        delay.push(0);
                        continue;
                    }
                    duration.push(progress_duration.as_ref().map_or(i64::from(i.duration.likely), |d| d[k]));
                    // Validation keeps it in 0..=MAX_LEVELING_DELAY; an unchecked negative one
                    // waits for nothing. Done work waits for nothing either: it sits on its
                    // actual dates.
                    let done = progress.as_ref().is_some_and(|p| p.is_done(k));
                    // Actual dates win over a pin: done work sits on them, work in progress
                    // keeps its actual start and its remaining work runs from the data date.
                    // Pinned work waits for nothing, a leveling delay included.
                    let begun = progress.as_ref().is_some_and(|p| matches!(p.state(k), State::Done { .. } | State::InProgress { .. }));
                    let pinned = if begun { None } else { i.pinned };
                    delay.push(if done || pinned.is_some() { 0 } else { i64::from(i.leveling_delay.max(0)) });
                    if !done && (i.start_no_earlier_than.is_some() || i.finish_no_later_than.is_some() || pinned.is_some()) {
                        constraints.push(Constraint {
                            node: k as u32,
                            start_no_earlier_than: i.start_no_earlier_than,
                            finish_no_later_than: i.finish_no_later_than,
                            pinned,
                        });
                    }
                }
                Ok(())
            })();
            let ids = match ids {
                Some(h) => h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => interned(),
            };
            (ids, nodes)
        });
        nodes?;
        // (giver, receiver, gap) of each handoff, and how many each node has of both.
        let mut pred_start = vec![0u32; n + 1];
        let mut succ_start = vec![0u32; n + 1];
        // A plan with deferred work says what each handoff is even without a status date: one
        // that touches deferred work binds nothing.
        let deferred: Vec<bool> = plan.initiatives.iter().map(Initiative::is_deferred).collect();
        if progress.is_none() && deferred.iter().any(|d| *d) {
            progress = Some(Progress { rules: Vec::with_capacity(plan.handoffs.len()), ..Progress::default() });
        }
        let parts: Vec<Vec<End>> = if progress.is_none() && two_cores {
            // Each handoff's end is then its own: a large plan's are found half on another
            // core (the first handoff naming no initiative is still the one named).
            let (first, second) = plan.handoffs.split_at(plan.handoffs.len() / 2);
            let (first, second) = std::thread::scope(|scope| {
                let second = scope.spawn(|| {
                    let (mut preds, mut succs) = (vec![0u32; n + 1], vec![0u32; n + 1]);
                    ends_of(&ids, second, &duration, &delay, &[], None, &mut preds, &mut succs).map(|ends| (ends, preds, succs))
                });
                let first = ends_of(&ids, first, &duration, &delay, &[], None, &mut pred_start, &mut succ_start);
                (first, second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            });
            let first = first?;
            let (second, preds, succs) = second?;
            for (total, count) in pred_start.iter_mut().zip(&preds) {
                *total += count;
            }
            for (total, count) in succ_start.iter_mut().zip(&succs) {
                *total += count;
            }
            vec![first, second]
        } else {
            vec![ends_of(&ids, &plan.handoffs, &duration, &delay, &deferred, progress.as_mut(), &mut pred_start, &mut succ_start)?]
        };
        drop(ids);
        for v in 0..n {
            pred_start[v + 1] += pred_start[v];
            succ_start[v + 1] += succ_start[v];
        }
        let none = Link { node: 0, gap: 0 };
        let links = pred_start[n] as usize;
        let mut preds = vec![none; links];
        let mut succs = vec![none; links];
        let mut pfill = pred_start.clone();
        let mut sfill = succ_start.clone();
        for &End { from: a, to: b, gap, rule } in parts.iter().flatten() {
            if rule != Rule::Link {
                continue;
            }
            let p = &mut pfill[b as usize];
            preds[*p as usize] = Link { node: a, gap };
            *p += 1;
            let s = &mut sfill[a as usize];
            succs[*s as usize] = Link { node: b, gap };
            *s += 1;
        }
        // Handoffs met by actual dates are no links of the passes, but a cycle through them
        // is still a cycle (an error, named as always): the graph view orders them all.
        if progress.is_some() && parts.iter().flatten().any(|e| e.rule != Rule::Link) {
            Graph::of(plan)?.topo_order()?;
        }
        // Kept only when asked for: the passes never read them, and a large plan's
        // network is built many times (simulation, leveling).
        let mut parts = parts.into_iter();
        let mut ends = if keep_ends { parts.next().unwrap_or_default() } else { Vec::new() };
        if keep_ends {
            ends.extend(parts.flatten());
        }
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
        let progress = progress.unwrap_or_default();
        Ok((Network { duration, delay, order, pred_start, preds, succ_start, succs, constraints, progress }, ends))
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

    /// Adds `days` to the duration of node `v`, as a longer estimate (or more work left) would:
    /// the gaps of its links that count its duration change with it ([`Link::gap`]: out of it
    /// FS and FF, into it FF and SF). `ends` are the plan's handoffs as [`Network::with_ends`]
    /// gives them, `kinds` their kinds. False, changing nothing, when a handoff into `v` is a
    /// fixed bound (work under way): then only a plan with the longer estimate says it.
    /// Schedule health's critical path test (`assessment`).
    pub fn lengthen(&mut self, ends: &[End], kinds: &[Kind], v: usize, days: i64) -> bool {
        if ends.iter().any(|e| e.to as usize == v && matches!(e.rule, Rule::Bound(_))) {
            return false;
        }
        self.duration[v] += days;
        for (e, kind) in ends.iter().zip(kinds) {
            let (from, to) = (e.from as usize, e.to as usize);
            if e.rule != Rule::Link || (from != v && to != v) {
                continue;
            }
            let change = Link::gap(*kind, 0, if from == v { days } else { 0 }, if to == v { days } else { 0 });
            if change == 0 {
                continue;
            }
            // The link in both lists: one with these ends and this gap (links alike are
            // interchangeable: the passes take the largest).
            let (a, b) = (self.pred_start[to] as usize, self.pred_start[to + 1] as usize);
            if let Some(l) = self.preds[a..b].iter_mut().find(|l| l.node == e.from && l.gap == e.gap) {
                l.gap += change;
            }
            let (a, b) = (self.succ_start[from] as usize, self.succ_start[from + 1] as usize);
            if let Some(l) = self.succs[a..b].iter_mut().find(|l| l.node == e.to && l.gap == e.gap) {
                l.gap += change;
            }
        }
        true
    }

    /// The lowest start of node `v` before its leveling delay: 0, or what the status date
    /// and actual dates make it (see [`Progress::low`]).
    pub fn low(&self, v: usize) -> i64 {
        self.progress.low.get(v).copied().unwrap_or(0)
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

/// Plans with at least this many handoffs build their network on two cores
/// ([`Network::build_on`]): CPM on 100,000 initiatives and 300,000 handoffs spends most of
/// its time looking ids up, and `bridger schedule` on 14,000 handoffs gains a few tenths of
/// a millisecond (a thread costs a few hundredths).
const ON_TWO_CORES: usize = 8192;

/// Each of `handoffs` as the passes see it (see [`End`]), counting the links into and out of
/// each node in `pred_start[v + 1]` and `succ_start[v + 1]`; with `progress`, the rule each
/// is under ([`retained`]; one touching `deferred` work binds nothing). The first handoff
/// naming no initiative is the error.
fn ends_of(
    ids: &Ids<'_>,
    handoffs: &[Handoff],
    duration: &[i64],
    delay: &[i64],
    deferred: &[bool],
    mut progress: Option<&mut Progress>,
    pred_start: &mut [u32],
    succ_start: &mut [u32],
) -> Result<Vec<End>, ScheduleError> {
    let mut ends: Vec<End> = Vec::with_capacity(handoffs.len());
    // Plans list handoffs near each other by giver or by receiver; a hit on the
    // previous handoff's end saves a lookup.
    let (mut last_from, mut last_to) = (0u32, 0u32);
    for h in handoffs {
        let Some(a) = ids.find(&h.from, last_from) else {
            return Err(GraphError::Dangling { handoff: h.id.clone(), end: "from", initiative: h.from.clone() }.into());
        };
        let Some(b) = ids.find(&h.to, last_to) else {
            return Err(GraphError::Dangling { handoff: h.id.clone(), end: "to", initiative: h.to.clone() }.into());
        };
        (last_from, last_to) = (a, b);
        let rule = match progress.as_deref_mut() {
            Some(p) if deferred.get(a as usize).copied().unwrap_or(false) || deferred.get(b as usize).copied().unwrap_or(false) => {
                p.rules.push(Rule::Met);
                Rule::Met
            }
            Some(p) if p.state.is_empty() => {
                p.rules.push(Rule::Link);
                Rule::Link
            }
            Some(p) => {
                let rule = retained(p, h.kind, h.lag, a as usize, b as usize, duration[b as usize]);
                p.rules.push(rule);
                rule
            }
            None => Rule::Link,
        };
        ends.push(End {
            from: a,
            to: b,
            gap: Link::gap(h.kind, h.lag, duration[a as usize], duration[b as usize]) + delay[b as usize],
            rule,
        });
        if rule == Rule::Link {
            succ_start[a as usize + 1] += 1;
            pred_start[b as usize + 1] += 1;
        }
    }
    Ok(ends)
}

/// What a handoff from `a` to `b` is under P6's retained logic (docs/scheduling.md,
/// "Progress"), raising `b`'s lowest start when it becomes a fixed bound. `to` is `b`'s
/// node duration (its remaining work when in progress).
fn retained(p: &mut Progress, kind: Kind, lag: i32, a: usize, b: usize, to: i64) -> Rule {
    let into = p.state(b);
    if matches!(into, State::Done { .. }) || (matches!(into, State::InProgress { .. }) && kind == Kind::SS) {
        return Rule::Met;
    }
    match (p.state(a), kind) {
        (State::InProgress { actual_start }, Kind::SS | Kind::SF) => {
            let bound = actual_start + i64::from(lag) - if kind == Kind::SF { to } else { 0 };
            if let Some(low) = p.low.get_mut(b) {
                *low = (*low).max(bound);
            }
            Rule::Bound(bound)
        }
        _ => Rule::Link,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The network a large plan builds with its handoffs' ends found on two cores is the one
    /// found on one, and a plan whose handoffs name no initiative in both halves is refused
    /// naming the first (issue 22 item 13).
    #[test]
    fn ends_found_on_two_cores_are_the_ends_found_on_one() {
        let plan = crate::gen::plan(3_000, 3, 7, true);
        let (one, one_ends) = Network::build_on(&plan, true, false).expect("a network");
        let (two, two_ends) = Network::build_on(&plan, true, true).expect("a network");
        assert_eq!(one_ends, two_ends);
        assert_eq!((&one.duration, &one.delay, &one.order), (&two.duration, &two.delay, &two.order));
        assert_eq!((&one.pred_start, &one.preds, &one.succ_start, &one.succs), (&two.pred_start, &two.preds, &two.succ_start, &two.succs));
        let mut bad = plan.clone();
        let n = bad.handoffs.len();
        bad.handoffs[n - 2].to = "nowhere".into();
        bad.handoffs[n / 3].from = "nobody".into();
        for two_cores in [false, true] {
            let e = Network::build_on(&bad, false, two_cores).err().expect("refused").to_string();
            assert!(e.contains("nobody") && !e.contains("nowhere"), "{e}");
        }
    }
}
