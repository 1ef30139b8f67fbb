//! The critical path method on working days, with MS Project's conventions.
//!
//! Time is an integer count of working days from day 0. `finish = start + duration`, so a
//! 5-day initiative starting at 0 works days 0..4 and finishes at offset 5. A handoff from
//! P to S with lag L requires: FS `S.start >= P.finish + L`, SS `S.start >= P.start + L`,
//! FF `S.finish >= P.finish + L`, SF `S.finish >= P.start + L`. Nothing starts before 0;
//! "start no earlier than" raises the early start; "finish no later than" caps the late
//! finish only, so a missed deadline shows as negative total float instead of moving work.

use chrono::NaiveDate;
use serde::Serialize;
use thiserror::Error;
use ts_rs::TS;

use crate::graph::{Graph, GraphError};
use crate::model::{CalendarError, Kind, Plan};

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ScheduleError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error("initiative '{0}' has a negative duration ({1} days)")]
    NegativeDuration(String, i32),
}

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
    let n = plan.initiatives.len();
    let mut dur = Vec::with_capacity(n);
    for i in &plan.initiatives {
        if i.duration.likely < 0 {
            return Err(ScheduleError::NegativeDuration(i.id.clone(), i.duration.likely));
        }
        dur.push(i64::from(i.duration.likely));
    }
    let graph = Graph::of(plan)?;
    let order = graph.topo_order()?;
    let cal = plan.calendar.anchored(plan.start)?;

    // Adjacency as flat arrays (CSR): this loop is the hot path on 100k-node plans.
    let links: Vec<(usize, usize, Kind, i64)> = graph
        .g
        .raw_edges()
        .iter()
        .map(|e| {
            let h = &plan.handoffs[e.weight];
            (e.source().index(), e.target().index(), h.kind, i64::from(h.lag))
        })
        .collect();
    let (in_start, in_links) = csr(n, &links, |l| l.1);
    let (out_start, out_links) = csr(n, &links, |l| l.0);

    let mut es = vec![0i64; n];
    let mut ef = vec![0i64; n];
    for (k, i) in plan.initiatives.iter().enumerate() {
        if let Some(d) = i.start_no_earlier_than {
            es[k] = cal.offset_on_or_after(d).max(0);
        }
    }
    for &v in &order {
        let mut s = es[v];
        for &l in &in_links[in_start[v]..in_start[v + 1]] {
            let (p, _, kind, lag) = links[l];
            let need = match kind {
                Kind::FS => ef[p] + lag,
                Kind::SS => es[p] + lag,
                Kind::FF => ef[p] + lag - dur[v],
                Kind::SF => es[p] + lag - dur[v],
            };
            s = s.max(need);
        }
        es[v] = s;
        ef[v] = s + dur[v];
    }
    let makespan = ef.iter().copied().max().unwrap_or(0);

    let mut lf = vec![makespan; n];
    let mut ls = vec![0i64; n];
    let deadline_limit: Vec<Option<i64>> = plan.initiatives.iter().map(|i| i.finish_no_later_than.map(|d| cal.finish_limit(d))).collect();
    for (k, limit) in deadline_limit.iter().enumerate() {
        if let Some(limit) = limit {
            lf[k] = lf[k].min(*limit);
        }
    }
    let mut ff = vec![0i64; n];
    for &v in order.iter().rev() {
        let mut f = lf[v];
        let mut free = makespan - ef[v];
        for &l in &out_links[out_start[v]..out_start[v + 1]] {
            let (_, s, kind, lag) = links[l];
            let (late, slack) = match kind {
                Kind::FS => (ls[s] - lag, es[s] - (ef[v] + lag)),
                Kind::SS => (ls[s] - lag + dur[v], es[s] - (es[v] + lag)),
                Kind::FF => (lf[s] - lag, ef[s] - (ef[v] + lag)),
                Kind::SF => (lf[s] - lag + dur[v], ef[s] - (es[v] + lag)),
            };
            f = f.min(late);
            free = free.min(slack);
        }
        lf[v] = f;
        ls[v] = f - dur[v];
        // Free float never exceeds total float (it can, literally, behind a deadline).
        ff[v] = free.min(ls[v] - es[v]);
    }
    Ok(Cpm { early_start: es, early_finish: ef, late_start: ls, late_finish: lf, free_float: ff, deadline_limit, makespan })
}

/// Groups link indices by a key node: `start[v]..start[v+1]` indexes `items` for node v.
fn csr<T>(n: usize, links: &[T], key: impl Fn(&T) -> usize) -> (Vec<usize>, Vec<usize>) {
    let mut start = vec![0usize; n + 1];
    for l in links {
        start[key(l) + 1] += 1;
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let mut fill = start.clone();
    let mut items = vec![0usize; links.len()];
    for (k, l) in links.iter().enumerate() {
        let v = key(l);
        items[fill[v]] = k;
        fill[v] += 1;
    }
    (start, items)
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
    let c = cpm(plan)?;
    let cal = plan.calendar.anchored(plan.start)?;
    // In the order the work runs (early start, then early finish, then plan order): how
    // every reader, the CLI's table, the app's and the brief's, presents a schedule.
    let mut work_order: Vec<usize> = (0..plan.initiatives.len()).collect();
    work_order.sort_by_key(|k| (c.early_start[*k], c.early_finish[*k], *k));
    let mut initiatives = Vec::with_capacity(plan.initiatives.len());
    for k in work_order {
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
            start_date: cal.date(c.early_start[k])?,
            finish_date: cal.finish_date(c.early_start[k], c.early_finish[k])?,
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
