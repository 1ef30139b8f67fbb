//! The window's Update view (issue 27, the review rhythm): the work due for an update around
//! the plan's status date (`review::due`, the one rule, which the `not-updated` finding reads
//! too), each row with what the program manager reads and edits on a weekly review: the
//! initiative's name, owner and team by name, why it is due, when it was last updated,
//! whether that is stale, and its scheduled dates. Saving the view is one batch
//! (`Editing::apply`): patches of the changed fields, and the row's `still_true` edit for
//! what its owner confirms unchanged (the edit is made here, so no client spells it).

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{require_valid, ApiError, Edit, Editing};
use crate::model::Plan;
use crate::review::Why;

/// One initiative due for an update.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UpdateRow {
    pub id: String,
    pub name: String,
    pub owner: String,
    /// Its team's name, if it has one.
    pub team: Option<String>,
    pub why: Why,
    /// The status date in force when it was last updated; none: never.
    pub last_update: Option<NaiveDate>,
    /// Not updated within one rhythm of the status date (the `not-updated` finding).
    pub stale: bool,
    /// Its scheduled start and finish.
    pub start_date: NaiveDate,
    pub finish_date: NaiveDate,
    /// The edit that confirms where it stands is still true.
    pub still_true: Edit,
}

/// The Update view of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UpdateView {
    /// None: the plan has no status date, and nothing is due.
    pub status_date: Option<NaiveDate>,
    /// Calendar days.
    pub review_every_days: i32,
    /// In the schedule's order.
    pub rows: Vec<UpdateRow>,
    /// How many rows are stale.
    pub stale: usize,
}

/// The work due for an update in `plan`, shaped for the Update view.
pub fn update_view(plan: &Plan) -> Result<UpdateView, ApiError> {
    require_valid(plan)?;
    let s = crate::schedule::schedule(plan)?;
    let dates: rustc_hash::FxHashMap<&str, (NaiveDate, NaiveDate)> =
        s.initiatives.iter().map(|r| (r.id.as_str(), (r.start_date, r.finish_date))).collect();
    let rows: Vec<UpdateRow> = crate::review::due(plan, &s)
        .into_iter()
        .filter_map(|d| {
            let i = plan.initiatives.iter().find(|i| i.id == d.id)?;
            let team = i.team.as_ref().and_then(|t| plan.teams.iter().find(|x| &x.id == t)).map(|t| t.name.clone());
            let (start_date, finish_date) = *dates.get(d.id.as_str())?;
            Some(UpdateRow {
                still_true: Edit::still_true(&i.id),
                id: d.id,
                name: i.name.clone(),
                owner: i.owner.clone(),
                team,
                why: d.why,
                last_update: d.last_update,
                stale: d.stale,
                start_date,
                finish_date,
            })
        })
        .collect();
    Ok(UpdateView {
        status_date: plan.status_date,
        review_every_days: plan.review_every_days,
        stale: rows.iter().filter(|r| r.stale).count(),
        rows,
    })
}

impl Editing {
    /// The Update view of the open plan.
    pub fn update_view(&self) -> Result<UpdateView, ApiError> {
        update_view(self.file.plan())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_lists_its_stale_hardware_order_by_name() {
        let plan = crate::demo::plan();
        let v = update_view(&plan).unwrap();
        assert!(v.status_date.is_some());
        assert!(!v.rows.is_empty());
        let stale: Vec<&str> = v.rows.iter().filter(|r| r.stale).map(|r| r.name.as_str()).collect();
        assert!(stale.iter().any(|n| n.contains("Hardware order")), "{stale:?}");
        assert_eq!(v.stale, stale.len());
    }

    #[test]
    fn without_a_status_date_nothing_is_due() {
        let mut plan = crate::demo::plan();
        plan.status_date = None;
        assert!(update_view(&plan).unwrap().rows.is_empty());
    }
}
