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
use super::network::{End, Network, Rule};
use crate::model::{Kind, Pin, PinAt, Plan, WorkCalendar};

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
    /// Which initiatives are done on their actual dates (a status date and an actual
    /// finish): no float, never critical. Empty for a plan without a status date.
    pub done: Vec<bool>,
}

impl Cpm {
    pub fn total_float(&self, i: usize) -> i64 {
        self.late_start[i] - self.early_start[i]
    }

    pub fn critical(&self, i: usize) -> bool {
        self.total_float(i) <= 0 && !self.done.get(i).copied().unwrap_or(false)
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
    for (e, low) in es.iter_mut().zip(&net.progress.low) {
        *e += low;
    }
    let mut deadline_limit: Vec<Option<i64>> = vec![None; n];
    // The start each pinned node is fixed on (`NOT_PINNED` elsewhere); empty when none is.
    let mut fixed: Vec<i64> = Vec::new();
    for c in &net.constraints {
        let k = c.node as usize;
        if let Some(d) = c.start_no_earlier_than {
            es[k] = cal.offset_on_or_after(d).max(0).max(net.low(k)) + net.delay[k];
        }
        if let Some(d) = c.finish_no_later_than {
            deadline_limit[k] = Some(cal.finish_limit(d));
        }
        if let Some(pin) = c.pinned {
            if fixed.is_empty() {
                fixed = vec![NOT_PINNED; n];
            }
            fixed[k] = pinned_start(pin, dur[k], cal);
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
        if let Some(&f) = fixed.get(v) {
            if f != NOT_PINNED {
                s = f;
            }
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
        if net.progress.is_done(v) || fixed.get(v).is_some_and(|f| *f != NOT_PINNED) {
            // Done work has no float: nothing it waits for can move it (no handoff binds it).
            // Pinned work neither: its late start is its early start, so what must precede
            // it can have negative float.
            (ls[v], lf[v], ff[v]) = (es[v], ef[v], 0);
            continue;
        }
        ls[v] = late;
        lf[v] = late + dur[v];
        ff[v] = free_float(free, late - es[v]);
    }
    let done = (0..net.progress.state.len()).map(|v| net.progress.is_done(v)).collect();
    Cpm { early_start: es, early_finish: ef, late_start: ls, late_finish: lf, free_float: ff, deadline_limit, makespan, done }
}

/// No pin on a node (`passes`' table of fixed starts).
const NOT_PINNED: i64 = i64::MIN;

/// The offset a pinned node starts on: a pinned start on the first working day on or after
/// its date, a pinned finish `duration` working days before the end of the last working day
/// on or before its date (a milestone on that day; docs/scheduling.md, "Pinned dates"); never
/// before day 0.
pub fn pinned_start(pin: Pin, duration: i64, cal: &WorkCalendar) -> i64 {
    match pin.at {
        PinAt::Start => cal.offset_on_or_after(pin.date),
        // A milestone pinned to finish on a day happens on that day (the last working day
        // on or before it), as one pinned to start on it does.
        PinAt::Finish => cal.finish_limit(pin.date) - duration.max(1),
    }
    .max(0)
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
    /// The offset the work still to do starts on: the early start, but for work in progress
    /// (a status date), whose remaining work resumes here (what loads its team).
    #[serde(skip)]
    #[ts(skip)]
    pub work_start: i64,
    /// With a status date: the day the work really started (its start date then).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub actual_start: Option<NaiveDate>,
    /// With a status date: the day the work really finished (done work sits on it).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub actual_finish: Option<NaiveDate>,
    /// Its start date in the plan file's baseline of record, when one is kept and holds it
    /// (`drift::against_record`): the Timeline's baseline bar starts here.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub baseline_start: Option<NaiveDate>,
    /// Its finish date in the plan file's baseline of record, when one is kept and holds it
    /// (`drift::against_record`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub baseline_finish: Option<NaiveDate>,
    /// Working days between the baseline's finish and this one (+ later, - earlier), counted
    /// in the plan's calendar now.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finish_variance: Option<i64>,
}

/// One handoff's place in the schedule: how much room its own rule leaves, whether it is on
/// the critical path, and whether it arrives by its due date.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScheduledHandoff {
    pub id: String,
    /// Working days this handoff's lag could grow (or its giver slip) before its receiver's
    /// early dates move: P6's relationship free float. Never negative (the early dates meet
    /// every handoff) but into pinned work that starts before the handoff allows: the pin
    /// violates it by that many working days (a `pinned-handoff-violated` finding).
    pub relationship_float: i64,
    /// No relationship float: this handoff is what pins its receiver's early dates (a tie
    /// with another handoff or a start-no-earlier-than date drives too).
    pub driving: bool,
    /// On the critical path: driving, and both its initiatives are critical.
    pub critical: bool,
    /// The date the receiving team needs the handoff, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub due: Option<NaiveDate>,
    /// Working days between when the handoff is delivered (at early dates) and its due date;
    /// negative when it is late. See docs/scheduling.md for the date compared, per kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub due_slack: Option<i64>,
    /// Met by actual dates (into done work, or start-to-start into work in progress): it
    /// binds nothing any more (docs/scheduling.md, "Progress").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub met: bool,
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
    /// Every handoff, in the plan's order.
    pub handoffs: Vec<ScheduledHandoff>,
    /// The plan's status date, if it has one: what is done and started is true at its end.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status_date: Option<NaiveDate>,
}

/// CPM plus the dates and names a person reads.
pub fn schedule(plan: &Plan) -> Result<Schedule, ScheduleError> {
    let cal = plan.calendar.anchored(plan.start)?;
    let (net, ends) = Network::with_ends(plan)?;
    let c = passes(&net, &cal);
    let progress = net.progress;
    drop((net.duration, net.delay, net.order, net.preds, net.succs, net.pred_start, net.succ_start, net.constraints));
    // Work in progress shows its actual start; its node is the work still to do.
    let start_of = |k: usize| progress.shown_start(k, c.early_start[k]);
    // The handoffs' rows and the initiatives' are independent: on a large plan the first
    // are made on another core meanwhile.
    let (handoffs, initiatives) = std::thread::scope(|scope| {
        let rows = || handoff_rows(plan, &ends, &c, &cal, &start_of);
        let handoffs = (ends.len() >= ROWS_ON_ANOTHER_CORE).then(|| scope.spawn(rows));
        let initiatives = initiative_rows(plan, &c, &cal, &start_of);
        let handoffs = match handoffs {
            Some(h) => h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => rows(),
        };
        (handoffs, initiatives)
    });
    let initiatives = initiatives?;
    drop(ends);
    // The plan ends on the last date anything shows (a closing milestone shows its own).
    let finish_date = initiatives.iter().map(|i| i.finish_date).max().unwrap_or(cal.day0());
    Ok(Schedule {
        start_date: cal.day0(),
        finish_date,
        makespan_days: c.makespan,
        critical_path: initiatives.iter().filter(|i| i.critical).map(|i| i.id.clone()).collect(),
        initiatives,
        handoffs,
        status_date: plan.status_date,
    })
}

/// Plans with at least this many handoffs make their rows on another core (`schedule`).
const ROWS_ON_ANOTHER_CORE: usize = 4096;

/// Each initiative's row, in the order the work runs (see [`schedule`]).
fn initiative_rows(
    plan: &Plan,
    c: &Cpm,
    cal: &WorkCalendar,
    start_of: &dyn Fn(usize) -> i64,
) -> Result<Vec<ScheduledInitiative>, ScheduleError> {
    // In the order the work runs (start, then early finish, then plan order): how every
    // reader, the CLI's table, the app's and the brief's, presents a schedule.
    // Deferred work has no row: it is out of the schedule (docs/plan-format.md, "Deferral").
    let mut work_order: Vec<u32> = (0..plan.initiatives.len() as u32).filter(|k| !plan.initiatives[*k as usize].is_deferred()).collect();
    work_order.sort_unstable_by_key(|k| (start_of(*k as usize), c.early_finish[*k as usize], *k));
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
        let start = start_of(k);
        let total_float = c.total_float(k);
        initiatives.push(ScheduledInitiative {
            id: i.id.clone(),
            name: i.name.clone(),
            owner: i.owner.clone(),
            team: i.team.clone(),
            duration: c.early_finish[k] - start,
            early_start: start,
            early_finish: c.early_finish[k],
            late_start: start + total_float,
            late_finish: c.late_finish[k],
            total_float,
            free_float: c.free_float[k],
            critical: c.critical(k),
            start_date: date(start)?,
            // The last working day of the work; a milestone shows its start date.
            finish_date: date(if c.early_finish[k] > start { c.early_finish[k] - 1 } else { start })?,
            deadline: i.finish_no_later_than,
            deadline_slack: c.deadline_limit[k].map(|limit| limit - c.early_finish[k]),
            work_start: c.early_start[k],
            actual_start: plan.status_date.and(i.actual_start),
            actual_finish: plan.status_date.and(i.actual_finish),
            baseline_start: None,
            baseline_finish: None,
            finish_variance: None,
        });
    }
    Ok(initiatives)
}

/// Each handoff's row, from the early dates the passes computed: one walk over the
/// handoffs, kept out of the passes so that CPM alone (and every forward pass of the
/// simulation) pays nothing for it.
///
/// Relationship float: with durations fixed every handoff is one rule
/// `S.start >= P.start + gap` (the receiver's leveling delay in the gap), and the receiver's
/// early start is the largest of its bounds, so growing this handoff's lag by k moves the receiver exactly
/// when `P.start + gap + k > S.start`: the float is `S.start - P.start - gap`, in working
/// days, the unit of lags. A start-no-earlier-than date or another handoff that holds the
/// receiver later leaves this one float; a tie leaves it none (driving).
///
/// Once work has started (a status date), a handoff out of work in progress by its start is
/// a fixed bound, whose float is the receiver's start less the bound; one met by actual
/// dates binds nothing: no float, not driving (docs/scheduling.md, "Progress").
/// A handoff's relationship float from the passes' early starts (see [`handoff_rows`]).
pub fn relationship_float(e: &End, c: &Cpm) -> i64 {
    let (p, s) = (e.from as usize, e.to as usize);
    match e.rule {
        Rule::Link => c.early_start[s] - c.early_start[p] - e.gap,
        Rule::Bound(bound) => c.early_start[s] - bound,
        Rule::Met => 0,
    }
}

/// Whether a handoff drives its receiver: no relationship float, and not met by actual dates.
/// The one rule `schedule`'s rows and drift's `via` read.
pub fn drives(e: &End, c: &Cpm) -> bool {
    relationship_float(e, c) == 0 && e.rule != Rule::Met
}

fn handoff_rows(plan: &Plan, ends: &[End], c: &Cpm, cal: &WorkCalendar, start_of: &(dyn Fn(usize) -> i64 + Sync)) -> Vec<ScheduledHandoff> {
    plan.handoffs
        .iter()
        .zip(ends)
        .map(|(h, e)| {
            let (p, s) = (e.from as usize, e.to as usize);
            let relationship_float = relationship_float(e, c);
            let met = e.rule == Rule::Met;
            let driving = drives(e, c);
            ScheduledHandoff {
                id: h.id.clone(),
                relationship_float,
                driving,
                critical: driving && c.critical(p) && c.critical(s),
                due: h.due,
                due_slack: h.due.map(|due| due_limit(h.kind, due, cal) - delivered(h.kind, h.lag, start_of(p), c.early_finish[p])),
                met,
            }
        })
        .collect()
}

/// The offset a handoff of `kind` and `lag` delivers at, from its giver's early dates: the
/// right-hand side of its rule (docs/scheduling.md). FS and FF deliver at the giver's
/// finish plus the lag, SS and SF at its start plus the lag.
fn delivered(kind: Kind, lag: i32, start: i64, finish: i64) -> i64 {
    i64::from(lag)
        + match kind {
            Kind::FS | Kind::FF => finish,
            Kind::SS | Kind::SF => start,
        }
}

/// The latest delivery offset that meets `due`, the date the receiving team needs the
/// handoff. FS and SS bound the receiver's start: it must be able to start on the due date
/// (the first working day on or after it). FF and SF bound its finish: it must be able to
/// finish by the end of the due date (the last working day on or before it), read as a
/// deadline is.
pub(crate) fn due_limit(kind: Kind, due: NaiveDate, cal: &WorkCalendar) -> i64 {
    match kind {
        Kind::FS | Kind::SS => cal.offset_on_or_after(due),
        Kind::FF | Kind::SF => cal.finish_limit(due),
    }
}

/// The handoffs on the critical path: the driving handoffs between two critical
/// initiatives (P6's convention; a handoff between two critical initiatives with
/// relationship float is not what holds the path). The map, the Timeline and the brief draw
/// these; the rule lives in [`handoff_rows`] so that every client draws the same links.
pub fn critical_handoffs(schedule: &Schedule) -> Vec<String> {
    schedule.handoffs.iter().filter(|h| h.critical).map(|h| h.id.clone()).collect()
}

#[cfg(test)]
mod critical_handoff_tests {
    use super::*;
    use crate::model::{Handoff, Initiative, Kind};

    #[test]
    fn a_handoff_off_the_critical_path_is_not_critical() {
        let mut plan = Plan::new("p", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"));
        plan.initiatives = vec![Initiative::new("a", "A", "", 5), Initiative::new("b", "B", "", 5), Initiative::new("side", "Side", "", 1)];
        plan.handoffs = vec![Handoff::fs("ab", "a", "b"), Handoff::fs("a-side", "a", "side")];
        let s = schedule(&plan).expect("a schedule");
        assert_eq!(critical_handoffs(&s), ["ab"], "the side branch has float: its handoff is not critical");
    }

    /// a -> b -> c (5 days each) and a -> c: a -> c joins two critical initiatives but has
    /// 5 working days of room; only the chain drives (issue 24).
    #[test]
    fn a_handoff_between_critical_initiatives_with_float_is_not_critical() {
        let mut plan = Plan::new("p", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"));
        plan.initiatives = vec![Initiative::new("a", "A", "", 5), Initiative::new("b", "B", "", 5), Initiative::new("c", "C", "", 5)];
        plan.handoffs = vec![Handoff::fs("ab", "a", "b"), Handoff::fs("bc", "b", "c"), Handoff::fs("ac", "a", "c")];
        let s = schedule(&plan).expect("a schedule");
        assert_eq!(critical_handoffs(&s), ["ab", "bc"]);
        let ac = &s.handoffs[2];
        assert_eq!((ac.id.as_str(), ac.relationship_float, ac.driving, ac.critical), ("ac", 5, false, false));
    }

    /// A start-no-earlier-than date that holds the receiver later leaves the handoff float;
    /// a leveling delay is in the rule's gap, so the handoff still drives.
    #[test]
    fn a_constraint_pins_the_receiver_a_leveling_delay_does_not_unpin_it() {
        let mut plan = Plan::new("p", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"));
        plan.initiatives = vec![Initiative::new("a", "A", "", 2), Initiative::new("b", "B", "", 1), Initiative::new("c", "C", "", 1)];
        plan.initiatives[1].start_no_earlier_than = chrono::NaiveDate::from_ymd_opt(2027, 1, 8);
        plan.initiatives[2].leveling_delay = 3;
        plan.handoffs = vec![Handoff::fs("ab", "a", "b"), Handoff::fs("ac", "a", "c")];
        let s = schedule(&plan).expect("a schedule");
        assert_eq!((s.handoffs[0].relationship_float, s.handoffs[0].driving), (2, false), "Friday is day 4; a ends at 2");
        assert_eq!((s.handoffs[1].relationship_float, s.handoffs[1].driving), (0, true));
    }

    /// The date compared with `due`, per kind (docs/scheduling.md): a giver working days 0..4
    /// (Mon 4 - Fri 8 January 2027) delivers an FS handoff for Monday 11, an SS one for
    /// Monday 4, an FF one for the receiver to finish on Friday 8.
    #[test]
    fn the_due_date_is_compared_per_kind() {
        let date = |d| chrono::NaiveDate::from_ymd_opt(2027, 1, d).expect("a date");
        let slack = |kind: Kind, lag: i32, due: u32| {
            let mut plan = Plan::new("p", date(4));
            plan.initiatives = vec![Initiative::new("a", "A", "", 5), Initiative::new("b", "B", "", 1)];
            let mut h = Handoff::fs("ab", "a", "b");
            (h.kind, h.lag, h.due) = (kind, lag, Some(date(due)));
            plan.handoffs = vec![h];
            schedule(&plan).expect("a schedule").handoffs[0].due_slack.expect("a due slack")
        };
        assert_eq!(slack(Kind::FS, 0, 11), 0, "needed on Monday, delivered for Monday");
        assert_eq!(slack(Kind::FS, 0, 8), -1, "needed on Friday: a still works that day");
        assert_eq!(slack(Kind::FS, 0, 9), 0, "a Saturday counts as the Monday after");
        assert_eq!(slack(Kind::FS, 2, 12), -1);
        assert_eq!(slack(Kind::SS, 0, 4), 0);
        assert_eq!(slack(Kind::SS, 1, 4), -1);
        assert_eq!(slack(Kind::FF, 0, 8), 0, "the receiver may finish on Friday with it");
        assert_eq!(slack(Kind::FF, 0, 7), -1);
        assert_eq!(slack(Kind::SF, 0, 4), 1, "a may start on Monday when b is done by Friday before: a day to spare");
        assert_eq!(slack(Kind::SF, 5, 8), 0);
        assert_eq!(slack(Kind::SF, 5, 7), -1);
    }
}
