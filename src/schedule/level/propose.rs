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

use chrono::{Days, NaiveDate};
use thiserror::Error;

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
    /// At most this many candidate groups levelled per step, in the order they are weighed
    /// (every one by default; those a bound proves cannot win are not levelled).
    pub candidates: usize,
}

impl Default for ProposeConfig {
    fn default() -> Self {
        ProposeConfig { iterations: 300, seed: 1, candidates: usize::MAX }
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
}

impl Proposal {
    pub fn days_gained(&self) -> i64 {
        self.finish_before - self.finish_after
    }
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
    // Everything not done downstream of `k` (itself first) not deferred already.
    let group = |k: usize, out: &[bool]| -> Vec<usize> {
        let mut g: Vec<usize> = succs.borrow_mut().downstream(&[k]).into_iter().filter(|&v| !done(v) && !out[v]).collect();
        if let Some(rest) = g.get_mut(1..) {
            rest.sort_unstable();
        }
        g
    };

    let mut out = vec![false; n];
    let finish_before = finish(&out)?;
    let mut current = finish_before;
    let mut deferred = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    while current > target_limit {
        // Candidates: each not-done initiative not deferred, with its group, cheapest first.
        let mut candidates: Vec<(i64, f64, i32, usize, Vec<usize>)> = (0..n)
            .filter(|&k| !out[k] && !done(k))
            .map(|k| {
                let g = group(k, &out);
                (tier(&g), g.iter().map(|&v| value(v)).sum(), plan.initiatives[k].priority, k, g)
            })
            .collect();
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
        // The best: the first tier (by rank) in which some deferral gains a day; in it, the
        // least value per day gained; ties as the candidates are ordered. Exact pruning: no
        // later tier is weighed once one gains, and in a tier, a candidate whose value over
        // the most days it could gain (the finish down to 0) exceeds the best ratio found
        // cannot win (candidates come cheapest first, so neither can the rest).
        let mut best: Option<(f64, i64, usize)> = None;
        for (c, (t, v, _, _, g)) in candidates.iter().enumerate().take(config.candidates.max(1)) {
            if let Some((bv, _, bc)) = best {
                if *t != candidates[bc].0 || *v / current.max(1) as f64 > bv {
                    break;
                }
            }
            let mut trial = out.clone();
            for &x in g {
                trial[x] = true;
            }
            let f = finish(&trial)?;
            let gained = current - f;
            if gained <= 0 {
                continue;
            }
            // Least value per day gained; then fewer initiatives, more days (work of no
            // stated value is not all alike).
            let ratio = v / gained as f64;
            let better = best.as_ref().is_none_or(|b| {
                let (bv, bf, bc) = (b.0, b.1, b.2);
                ratio.total_cmp(&bv).then(g.len().cmp(&candidates[bc].4.len())).then(f.cmp(&bf)).is_lt()
            });
            if better {
                best = Some((ratio, f, c));
            }
        }
        let Some((_, f, c)) = best else { break };
        let (_, v, _, k, g) = &candidates[c];
        for &x in g {
            out[x] = true;
        }
        let i = &plan.initiatives[*k];
        deferred.push(Deferral {
            initiative: i.id.clone(),
            name: i.name.clone(),
            value: value(*k),
            priority: i.priority,
            rank: g.iter().filter_map(|&v| best_rank(v)).min(),
            successors: g[1..].iter().map(|&x| plan.initiatives[x].id.clone()).collect(),
            value_deferred: *v,
            days_gained: current - f,
            finish: f,
        });
        groups.push(g.clone());
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
    })
}
