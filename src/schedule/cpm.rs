//! The critical path method on working days, with MS Project's conventions.
//!
//! Time is an integer count of working days from day 0. `finish = start + duration`, so a
//! 5-day initiative starting at 0 works days 0..4 and finishes at offset 5. A handoff from
//! P to S with lag L requires: FS `S.start >= P.finish + L`, SS `S.start >= P.start + L`,
//! FF `S.finish >= P.finish + L`, SF `S.finish >= P.start + L`. Nothing starts before 0;
//! "start no earlier than" raises the early start; "finish no later than" caps the late
//! finish only, so a missed deadline shows as negative total float instead of moving work.
//! A leveling delay of D days starts the initiative D working days after the early start
//! its handoffs and constraints allow; its predecessors' late dates make room for it, so
//! total float stays the slack of the levelled schedule.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

pub use super::error::ScheduleError;
use super::network::Network;
use crate::model::{Plan, WorkCalendar};

/// The raw result of the passes, indexed like `plan.initiatives`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cpm {
    pub early_start: Vec<i64>,
    pub early_finish: Vec<i64>,
    pub late_start: Vec<i64>,
    pub late_finish: Vec<i64>,
    pub free_float: Vec<i64>,
    /// The exclusive finish offset each initiative's "finish no later than" allows.
    pub deadline_limit: Vec<Option<i64>>,
    /// The latest early finish: the plan's length in working days.
    pub makespan: i64,
}

impl Cpm {
    pub fn total_float(&self, i: usize) -> i64 {
        self.late_start[i] - self.early_start[i]
    }

    pub fn critical(&self, i: usize) -> bool {
        self.total_float(i) <= 0
    }
}

/// Forward and backward pass over the plan's handoffs.
pub fn cpm(plan: &Plan) -> Result<Cpm, ScheduleError> {
    let cal = plan.calendar.anchored(plan.start)?;
    cpm_on(plan, &cal)
}

fn cpm_on(plan: &Plan, cal: &WorkCalendar) -> Result<Cpm, ScheduleError> {
    Ok(passes(&Network::of(plan)?, cal))
}

/// The forward and backward passes over a network built once (for a pass on many
/// variants of one plan, as the simulation will run them).
pub fn passes(net: &Network, cal: &WorkCalendar) -> Cpm {
    let n = net.len();
    let dur = &net.duration;
    // The lower bound of each start: day 0 (or the start-no-earlier-than date) plus the
    // leveling delay; the links in carry the delay in their gaps.
    let mut es = net.delay.clone();
    let mut deadline_limit: Vec<Option<i64>> = vec![None; n];
    for c in &net.constraints {
        let k = c.node as usize;
        if let Some(d) = c.start_no_earlier_than {
            es[k] = cal.offset_on_or_after(d).max(0) + net.delay[k];
        }
        if let Some(d) = c.finish_no_later_than {
            deadline_limit[k] = Some(cal.finish_limit(d));
        }
    }
    let mut ef = vec![0i64; n];
    let mut makespan = 0;
    for &v in &net.order {
        let v = v as usize;
        let mut s = es[v];
        for l in net.preds_of(v) {
            s = s.max(es[l.node as usize] + l.gap);
        }
        es[v] = s;
        ef[v] = s + dur[v];
        makespan = makespan.max(ef[v]);
    }

    let mut lf = vec![makespan; n];
    let mut ls = vec![0i64; n];
    let mut ff = vec![0i64; n];
    for &v in net.order.iter().rev() {
        let v = v as usize;
        let finish = match deadline_limit[v] {
            Some(limit) => makespan.min(limit),
            None => makespan,
        };
        let mut late = finish - dur[v];
        // The least slack at early dates: to the plan's end, or to each receiver.
        let mut free = makespan - ef[v];
        for l in net.succs_of(v) {
            let s = l.node as usize;
            late = late.min(ls[s] - l.gap);
            free = free.min(es[s] - es[v] - l.gap);
        }
        ls[v] = late;
        lf[v] = late + dur[v];
        ff[v] = free_float(free, late - es[v]);
    }
    Cpm { early_start: es, early_finish: ef, late_start: ls, late_finish: lf, free_float: ff, deadline_limit, makespan }
}

/// Free float from the least slack of the outgoing handoffs at early dates (`slack`,
/// never negative there) and the total float: capped at the total float where that is
/// positive (MS Project: free slack never exceeds total slack), and never below zero
/// (behind a missed deadline the total float is negative, yet a delay that moves no
/// successor is still not a negative number). See docs/scheduling.md.
pub fn free_float(slack: i64, total_float: i64) -> i64 {
    slack.min(total_float).max(0)
}

/// One initiative's scheduled dates: offsets for machines, dates for people.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScheduledInitiative {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub team: Option<String>,
    pub duration: i64,
    pub early_start: i64,
    pub early_finish: i64,
    pub late_start: i64,
    pub late_finish: i64,
    pub total_float: i64,
    pub free_float: i64,
    pub critical: bool,
    /// First working day of the work at the early dates.
    pub start_date: NaiveDate,
    /// Last working day of the work at the early dates (the start date for a milestone).
    pub finish_date: NaiveDate,
    /// The "finish no later than" date, if any.
    pub deadline: Option<NaiveDate>,
    /// Working days between the early finish and the deadline; negative when it is missed.
    pub deadline_slack: Option<i64>,
}

/// The schedule of a plan as the CLI, the app and the brief present it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Schedule {
    pub start_date: NaiveDate,
    pub finish_date: NaiveDate,
    pub makespan_days: i64,
    /// Critical initiatives in the order the work runs (early start, then finish).
    pub critical_path: Vec<String>,
    /// Every initiative, in the order the work runs (early start, then early finish).
    pub initiatives: Vec<ScheduledInitiative>,
}

/// CPM plus the dates and names a person reads.
pub fn schedule(plan: &Plan) -> Result<Schedule, ScheduleError> {
    let cal = plan.calendar.anchored(plan.start)?;
    let c = cpm_on(plan, &cal)?;
    // In the order the work runs (early start, then early finish, then plan order): how
    // every reader, the CLI's table, the app's and the brief's, presents a schedule.
    let mut work_order: Vec<u32> = (0..plan.initiatives.len() as u32).collect();
    work_order.sort_unstable_by_key(|k| (c.early_start[*k as usize], c.early_finish[*k as usize], *k));
    // Every date shown is of an offset in 0..makespan: one walk of the calendar dates them
    // all, unless the plan is much longer in days than it has initiatives (then each is
    // dated on its own, in a few steps).
    let walk = c.makespan <= 8 * plan.initiatives.len() as i64 + 4096;
    let table = if walk { cal.dates(c.makespan)? } else { Vec::new() };
    let date = |offset: i64| match usize::try_from(offset).ok().and_then(|o| table.get(o)) {
        Some(d) => Ok(*d),
        None => cal.date(offset),
    };
    let mut initiatives = Vec::with_capacity(plan.initiatives.len());
    for k in work_order {
        let k = k as usize;
        let i = &plan.initiatives[k];
        initiatives.push(ScheduledInitiative {
            id: i.id.clone(),
            name: i.name.clone(),
            owner: i.owner.clone(),
            team: i.team.clone(),
            duration: c.early_finish[k] - c.early_start[k],
            early_start: c.early_start[k],
            early_finish: c.early_finish[k],
            late_start: c.late_start[k],
            late_finish: c.late_finish[k],
            total_float: c.total_float(k),
            free_float: c.free_float[k],
            critical: c.critical(k),
            start_date: date(c.early_start[k])?,
            // The last working day of the work; a milestone shows its start date.
            finish_date: date(if c.early_finish[k] > c.early_start[k] { c.early_finish[k] - 1 } else { c.early_start[k] })?,
            deadline: i.finish_no_later_than,
            deadline_slack: c.deadline_limit[k].map(|limit| limit - c.early_finish[k]),
        });
    }
    // The plan ends on the last date anything shows (a closing milestone shows its own).
    let finish_date = initiatives.iter().map(|i| i.finish_date).max().unwrap_or(cal.day0());
    Ok(Schedule {
        start_date: cal.day0(),
        finish_date,
        makespan_days: c.makespan,
        critical_path: initiatives.iter().filter(|i| i.critical).map(|i| i.id.clone()).collect(),
        initiatives,
    })
}

/// The handoffs on the critical path: those whose two initiatives are both critical (MS
/// Project's convention for drawing critical links). The map draws them as the critical
/// path; the rule lives here so that every client draws the same links.
pub fn critical_handoffs(plan: &Plan, schedule: &Schedule) -> Vec<String> {
    let critical: rustc_hash::FxHashSet<&str> = schedule.critical_path.iter().map(String::as_str).collect();
    plan.handoffs.iter().filter(|h| critical.contains(h.from.as_str()) && critical.contains(h.to.as_str())).map(|h| h.id.clone()).collect()
}

#[cfg(test)]
mod critical_handoff_tests {
    use super::*;
    use crate::model::{Handoff, Initiative};

    #[test]
    fn a_handoff_is_critical_when_both_its_initiatives_are() {
        let mut plan = Plan::new("p", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"));
        plan.initiatives = vec![Initiative::new("a", "A", "", 5), Initiative::new("b", "B", "", 5), Initiative::new("side", "Side", "", 1)];
        plan.handoffs = vec![Handoff::fs("ab", "a", "b"), Handoff::fs("a-side", "a", "side")];
        let s = schedule(&plan).expect("a schedule");
        assert_eq!(critical_handoffs(&plan, &s), ["ab"], "the side branch has float: its handoff is not critical");
    }
}
