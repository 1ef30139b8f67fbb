//! What to stop: when a plan levelled within its teams' capacity still finishes after its
//! target date, the lowest-value work to defer (or stop) so that it fits, with the trade-off.
//!
//! Deferring an initiative takes with it everything downstream of it along handoffs (work
//! that waits on it cannot start without it), except work already done. The proposal is a
//! greedy: each step levels the plan without each candidate group (a small iteration budget
//! per leveling, one thread, so the result depends only on the seed) and defers, from the
//! first tier by strategic rank in which a deferral gains a day (work serving no priority
//! first, then by the best rank a group serves, the highest-ranked last), the group with the
//! least value per working day gained (ties: fewer initiatives, more days gained, less value,
//! lower leveling priority, earlier in the plan), until the levelled finish meets the
//! target or nothing left gains a day; then each deferral a later one made useless goes back
//! into the plan. It is a proposal: the plan is not changed.
//!
//! At scale (issue 29: 20,000 initiatives) a candidate is levelled only when its lower bound
//! (`bound`: the plan without it can finish no earlier) leaves it a chance to be chosen, and
//! the candidates levelled are levelled side by side on the machine's cores: neither changes
//! the result (`ProposeConfig::prune` false levels every candidate, the reference).

use chrono::{Days, NaiveDate};
use thiserror::Error;

use super::bound::{self, Bound, Reach};
use super::{level_plan, Config, PlanLevelError};
use crate::model::{Plan, Status};
use crate::schedule::ScheduleError;

#[derive(Debug, Error)]
pub enum ProposeError {
    #[error("the plan has no target date: give one (--target DATE) or set the plan's target")]
    NoTarget,
    #[error(transparent)]
    Level(#[from] PlanLevelError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
}

/// How hard to look.
#[derive(Debug, Clone)]
pub struct ProposeConfig {
    /// Schedules generated per leveling (each candidate of each step is levelled once).
    pub iterations: u64,
    pub seed: u64,
    /// At most this many candidate groups weighed per step, cheapest first (every one by
    /// default).
    pub candidates: usize,
    /// Level only the candidates a bound leaves a chance to win (the default); false levels
    /// every candidate of a tier: the reference the pruning must agree with, exactly.
    pub prune: bool,
}

impl Default for ProposeConfig {
    fn default() -> Self {
        ProposeConfig { iterations: 300, seed: 1, candidates: usize::MAX, prune: true }
    }
}

/// One deferred initiative and what goes with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Deferral {
    pub initiative: String,
    pub name: String,
    pub value: f64,
    pub priority: i32,
    /// The best (lowest) rank of a strategic priority the group serves; None: it serves none.
    pub rank: Option<i32>,
    /// Not-done work downstream of it along handoffs that is deferred with it (and was not
    /// deferred by an earlier step), in plan order.
    pub successors: Vec<String>,
    /// The value of the initiative and its successors.
    pub value_deferred: f64,
    /// Working days the levelled finish comes earlier by this step.
    pub days_gained: i64,
    /// The levelled finish (exclusive offset) after this step.
    pub finish: i64,
}

/// The proposal, offsets in working days from the plan's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub target: NaiveDate,
    /// The finish must be at most this offset (the end of the target's working day).
    pub target_limit: i64,
    /// The levelled finish of the whole plan, and after the deferrals.
    pub finish_before: i64,
    pub finish_after: i64,
    pub deferred: Vec<Deferral>,
    /// The levelled finish meets the target after the deferrals.
    pub meets: bool,
    /// The value of everything deferred, and of the whole plan.
    pub value_deferred: f64,
    pub value_total: f64,
    /// How many candidate groups were levelled, over all steps (what the bound saves).
    pub levelled: usize,
}

impl Proposal {
    pub fn days_gained(&self) -> i64 {
        self.finish_before - self.finish_after
    }
}

/// How a candidate weighs: value per working day gained, initiatives, the finish after it,
/// its place among the candidates; the least wins.
type Key = (f64, usize, i64, usize);

fn cmp(a: &Key, b: &Key) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3))
}

/// The plan without the initiatives marked `out` (and the handoffs and risk links to them).
fn without(plan: &Plan, out: &[bool]) -> Plan {
    let mut p = plan.clone();
    let gone: rustc_hash::FxHashSet<&str> = plan.initiatives.iter().zip(out).filter(|(_, o)| **o).map(|(i, _)| i.id.as_str()).collect();
    let mut k = 0;
    p.initiatives.retain(|_| {
        k += 1;
        !out[k - 1]
    });
    p.handoffs.retain(|h| !gone.contains(h.from.as_str()) && !gone.contains(h.to.as_str()));
    for r in &mut p.risks {
        r.initiatives.retain(|i| !gone.contains(i.as_str()));
    }
    p
}

/// What to defer so that `plan`, levelled, finishes by `target` (else the plan's own target).
/// The plan should be valid (`model::validate`).
pub fn propose(plan: &Plan, target: Option<NaiveDate>, config: &ProposeConfig) -> Result<Proposal, ProposeError> {
    let target = target.or(plan.target).ok_or(ProposeError::NoTarget)?;
    let cal = plan.calendar.anchored(plan.start).map_err(ScheduleError::from)?;
    // Work ending on the target's working day ends by the first working day after it.
    let target_limit = target.checked_add_days(Days::new(1)).map_or(i64::MAX, |d| cal.offset_on_or_after(d));
    let level = Config { iterations: Some(config.iterations.max(1)), time_limit: None, seed: config.seed, threads: 1 };
    let finish = |out: &[bool]| -> Result<i64, ProposeError> {
        if out.iter().all(|o| !*o) {
            return Ok(level_plan(plan, &level, None)?.finish_after);
        }
        Ok(level_plan(&without(plan, out), &level, None)?.finish_after)
    };
    let n = plan.initiatives.len();
    let succs = std::cell::RefCell::new(crate::graph::Successors::of(plan));
    // Done work stays; deferred work is out of the plan already.
    let done = |k: usize| plan.initiatives[k].status == Status::Done || plan.initiatives[k].is_deferred();
    // The best (lowest) rank a piece of work serves; None: it serves no priority.
    let rank_of: std::collections::HashMap<&str, i32> = plan.priorities.iter().map(|p| (p.id.as_str(), p.rank)).collect();
    let best_rank = |k: usize| plan.initiatives[k].serves.iter().filter_map(|p| rank_of.get(p.as_str()).copied()).min();
    // Which comes first: work serving no priority, then the lowest-ranked (rank 5 before rank
    // 1); a group weighs as the best rank in it.
    let tier = |g: &[usize]| -> i64 { g.iter().filter_map(|&v| best_rank(v)).min().map_or(i64::MIN, |r| -i64::from(r)) };
    let value = |k: usize| plan.initiatives[k].value.max(0.0);
    // Everything downstream of each initiative, as bits (None for a very large plan: each
    // group is then walked).
    let reach = Reach::of(&succs.borrow(), n);
    let words = reach.as_ref().map_or(0, Reach::words);
    let done_work: Vec<bool> = plan.initiatives.iter().map(|i| i.status == Status::Done && !i.is_deferred()).collect();
    // Everything not done downstream of `k` (itself first) not deferred already.
    let group = |k: usize, out: &[bool]| -> Vec<usize> {
        let mut g: Vec<usize> = match &reach {
            Some(r) => {
                let mut g = vec![k];
                bound::each_in_both(r.row(k), r.row(k), |v| {
                    if v != k && !done(v) && !out[v] {
                        g.push(v);
                    }
                });
                g
            }
            None => succs.borrow_mut().downstream(&[k]).into_iter().filter(|&v| !done(v) && !out[v]).collect(),
        };
        if let Some(rest) = g.get_mut(1..) {
            rest.sort_unstable();
        }
        g
    };
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get()).clamp(1, 8);

    let mut out = vec![false; n];
    let finish_before = finish(&out)?;
    let mut current = finish_before;
    let mut deferred = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut levelled = 0;
    while current > target_limit {
        // Candidates: each not-done initiative not deferred, with its group's rank tier and
        // value, cheapest first (the value summed in the group's order: it, then plan order).
        let open = match &reach {
            Some(_) => bound::bit_set(words, (0..n).map(|k| !out[k] && !done(k))),
            None => Vec::new(),
        };
        let mut candidates: Vec<(i64, f64, i32, usize)> = (0..n)
            .filter(|&k| !out[k] && !done(k))
            .map(|k| {
                let (t, v) = match &reach {
                    Some(r) => {
                        let (mut best, mut v) = (best_rank(k), value(k));
                        bound::each_in_both(r.row(k), &open, |x| {
                            if x != k {
                                v += value(x);
                                best = match (best, best_rank(x)) {
                                    (Some(a), Some(b)) => Some(a.min(b)),
                                    (a, b) => a.or(b),
                                };
                            }
                        });
                        (best.map_or(i64::MIN, |r| -i64::from(r)), v)
                    }
                    None => {
                        let g = group(k, &out);
                        (tier(&g), g.iter().map(|&v| value(v)).sum())
                    }
                };
                (t, v, plan.initiatives[k].priority, k)
            })
            .collect();
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
        candidates.truncate(config.candidates.max(1));
        // The best: the first tier (by rank) in which some deferral gains a day; in it, the
        // least value per day gained; then fewer initiatives, more days gained (work of no
        // stated value is not all alike), the order of the candidates. Exact pruning: a
        // deferral gains at most the finish down to the lower bound of the plan without it
        // (`bound`), so its key is at least (value over that gain, its size, that bound, its
        // place); a tier's candidates are levelled in the order of those keys until one
        // exceeds the best key found, and none whose bound leaves no day to gain.
        let bounds = match &reach {
            Some(_) if config.prune => Some(Bound::new(&super::plan::build(&without(plan, &out))?, &out, &done_work, words)),
            _ => None,
        };
        let mut work = vec![0i64; plan.teams.len()];
        let mut best: Option<(Key, i64, usize)> = None;
        let mut at = 0;
        while at < candidates.len() && best.is_none() {
            let tier_of = candidates[at].0;
            let end = at + candidates[at..].iter().take_while(|c| c.0 == tier_of).count();
            let mut weighed: Vec<(Key, usize)> = Vec::new();
            for c in at..end {
                let (_, v, _, k) = candidates[c];
                let (size, lb) = match (&reach, &bounds) {
                    (Some(r), Some(b)) => {
                        let row: Vec<u64> = r.row(k).iter().zip(&open).map(|(a, b)| a & b).collect();
                        (row.iter().map(|w| w.count_ones() as usize).sum(), b.without(&row, r.row(k), &mut work))
                    }
                    _ => (group(k, &out).len(), None),
                };
                // No bound: the finish cannot go below day 0.
                let lb = lb.unwrap_or(0);
                if current - lb > 0 {
                    weighed.push(((v / (current - lb) as f64, size, lb, c), c));
                }
            }
            weighed.sort_by(|a, b| cmp(&a.0, &b.0));
            let mut next = 0;
            while next < weighed.len() {
                // The next candidates that may still win, levelled side by side.
                let batch: Vec<usize> = weighed[next..]
                    .iter()
                    .take(threads)
                    .take_while(|(k, _)| !config.prune || best.as_ref().is_none_or(|b| cmp(k, &b.0).is_le()))
                    .map(|w| w.1)
                    .collect();
                if batch.is_empty() {
                    break;
                }
                next += batch.len();
                levelled += batch.len();
                let trials: Vec<(usize, Vec<usize>)> = batch.iter().map(|&c| (c, group(candidates[c].3, &out))).collect();
                let finishes: Vec<Result<i64, ProposeError>> = std::thread::scope(|s| {
                    let runs: Vec<_> = trials
                        .iter()
                        .map(|(_, g)| {
                            let mut trial = out.clone();
                            for &x in g {
                                trial[x] = true;
                            }
                            let finish = &finish;
                            s.spawn(move || finish(&trial))
                        })
                        .collect();
                    runs.into_iter().map(|r| r.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
                });
                for ((c, g), f) in trials.iter().zip(finishes) {
                    let f = f?;
                    let gained = current - f;
                    if gained <= 0 {
                        continue;
                    }
                    let key = (candidates[*c].1 / gained as f64, g.len(), f, *c);
                    if best.as_ref().is_none_or(|b| cmp(&key, &b.0).is_lt()) {
                        best = Some((key, f, *c));
                    }
                }
            }
            at = end;
        }
        let Some((_, f, c)) = best else { break };
        let (_, v, _, k) = candidates[c];
        let g = group(k, &out);
        for &x in &g {
            out[x] = true;
        }
        let i = &plan.initiatives[k];
        deferred.push(Deferral {
            initiative: i.id.clone(),
            name: i.name.clone(),
            value: value(k),
            priority: i.priority,
            rank: g.iter().filter_map(|&v| best_rank(v)).min(),
            successors: g[1..].iter().map(|&x| plan.initiatives[x].id.clone()).collect(),
            value_deferred: v,
            days_gained: current - f,
            finish: f,
        });
        groups.push(g);
        current = f;
    }
    // A greedy step can be made useless by a later one (work deferred later took the room
    // an earlier deferral freed): once the target is met, each deferral, the most valuable
    // first, goes back into the plan if the rest still meets the target with it and none of
    // it waits on a deferral that stays (what waits on a deferred initiative stays deferred).
    if current <= target_limit && deferred.len() > 1 {
        let mut order: Vec<usize> = (0..deferred.len()).collect();
        order.sort_by(|&a, &b| deferred[b].value_deferred.total_cmp(&deferred[a].value_deferred).then(a.cmp(&b)));
        let mut kept = vec![true; deferred.len()];
        for x in order {
            let mut trial = out.clone();
            for &v in &groups[x] {
                trial[v] = false;
            }
            // Everything downstream of the deferrals that stay must stay out.
            let starts: Vec<usize> = (0..deferred.len()).filter(|&k| k != x && kept[k]).map(|k| groups[k][0]).collect();
            let mut reach = vec![false; n];
            for v in succs.borrow_mut().downstream(&starts) {
                reach[v] = true;
            }
            if groups[x].iter().any(|&v| reach[v]) {
                continue;
            }
            if finish(&trial)? <= target_limit {
                kept[x] = false;
                out = trial;
            }
        }
        if kept.iter().any(|k| !k) {
            // The days each remaining step gains, replayed in the order they were picked.
            let (mut step, mut at) = (vec![false; n], finish_before);
            let mut pruned = Vec::new();
            for (k, mut d) in deferred.into_iter().enumerate() {
                if !kept[k] {
                    continue;
                }
                for &v in &groups[k] {
                    step[v] = true;
                }
                let f = finish(&step)?;
                (d.days_gained, d.finish, at) = (at - f, f, f);
                pruned.push(d);
            }
            deferred = pruned;
            current = at;
        }
    }
    let value_deferred = deferred.iter().map(|d| d.value_deferred).sum();
    Ok(Proposal {
        target,
        target_limit,
        finish_before,
        finish_after: current,
        meets: current <= target_limit,
        deferred,
        value_deferred,
        value_total: (0..n).map(value).sum(),
        levelled,
    })
}
