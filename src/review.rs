//! The review rhythm (issue 27): which work is due for an update around the plan's status
//! date, and whether its owner has said where it stands within one rhythm
//! (`Plan::review_every_days`). The window's Update view lists it; `health` makes a finding of
//! what is stale. One rule, both readers.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{Plan, Status};
use crate::schedule::Schedule;

/// Why an initiative is due for an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// Started (an actual start, or progress) and not finished.
    InProgress,
    /// Not started, and its start lies within one rhythm after the status date.
    DueToStart,
    /// Not started, and its finish lies within one rhythm of the status date.
    DueToFinish,
}

/// One initiative due for an update.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Due {
    pub id: String,
    pub why: Why,
    /// The status date in force when its owner last said where it stands (the date of the
    /// moment when the plan had none); none: never.
    pub last_update: Option<NaiveDate>,
    /// Not updated within one rhythm of the status date: the `not-updated` finding.
    pub stale: bool,
}

/// The work due for an update at the plan's status date, in the schedule's order: in
/// progress, or due to start or finish within one rhythm (`review_every_days` calendar
/// days) of the status date. None without a status date. Done work is never due.
pub fn due(plan: &Plan, s: &Schedule) -> Vec<Due> {
    let Some(status_date) = plan.status_date else { return Vec::new() };
    let rhythm = chrono::Days::new(u64::from(plan.review_every_days.max(1).unsigned_abs()));
    let (Some(from), Some(to)) = (status_date.checked_sub_days(rhythm), status_date.checked_add_days(rhythm)) else {
        return Vec::new();
    };
    let by_id: rustc_hash::FxHashMap<&str, &crate::model::Initiative> = plan.initiatives.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut out = Vec::new();
    for r in &s.initiatives {
        let Some(i) = by_id.get(r.id.as_str()) else { continue };
        if i.status == Status::Done || i.actual_finish.is_some() {
            continue;
        }
        let why = if i.has_begun() {
            Why::InProgress
        } else if r.start_date > status_date && r.start_date <= to {
            Why::DueToStart
        } else if r.finish_date >= from && r.finish_date <= to {
            Why::DueToFinish
        } else {
            continue;
        };
        let last_update = i
            .updated
            .as_ref()
            .and_then(|u| u.status_date.or_else(|| chrono::DateTime::parse_from_rfc3339(&u.at).ok().map(|t| t.date_naive())));
        out.push(Due { id: i.id.clone(), why, last_update, stale: !last_update.is_some_and(|d| d > from) });
    }
    out
}
