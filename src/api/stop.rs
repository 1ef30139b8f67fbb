//! What to stop, in the window (issue 29, item 4): the proposal of `level::stop` for a
//! target date, shown with the plan's revision it was computed on, and accepted (the
//! deferrals, each with the work that goes with it, as one undo step) only while the plan
//! is still at that revision; a discarded proposal changes nothing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiError, Editing, ErrorCode, Update};

/// One deferral of the proposal: an initiative and what goes with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StopItem {
    pub initiative: String,
    pub name: String,
    /// The work not done that waits on it, deferred with it (ids, plan order).
    pub with: Vec<String>,
    /// Its value and that of what goes with it.
    pub value_deferred: f64,
    /// Working days this deferral gains, after the ones before it.
    pub days_gained: i64,
}

/// What to stop to meet a target, as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StopView {
    pub target: NaiveDate,
    /// The levelled plan meets the target after the deferrals.
    pub meets: bool,
    /// It already met it: nothing to defer.
    pub met_already: bool,
    pub finish_before: String,
    pub finish_after: String,
    pub days_gained: i64,
    pub value_deferred: f64,
    pub value_total: f64,
    pub deferred: Vec<StopItem>,
    /// The plan's revision the proposal was computed on: accepting it is refused after any
    /// edit since.
    #[ts(type = "number")]
    pub revision: i64,
}

impl Editing {
    /// What to stop so that the open plan meets `target` (its own target when None);
    /// changes nothing.
    pub fn what_to_stop(&self, target: Option<NaiveDate>) -> Result<StopView, ApiError> {
        let revision = self.file.revision()?;
        let p = super::level::stop(self.file.plan(), target, None, 1)?;
        Ok(StopView {
            target: p.target,
            meets: p.meets,
            met_already: p.met_already,
            finish_before: p.finish_before_date,
            finish_after: p.finish_after_date,
            days_gained: p.days_gained,
            value_deferred: p.value_deferred,
            value_total: p.value_total,
            deferred: p
                .deferred
                .into_iter()
                .map(|d| StopItem {
                    initiative: d.initiative,
                    name: d.name,
                    with: d.successors,
                    value_deferred: d.value_deferred,
                    days_gained: d.days_gained,
                })
                .collect(),
            revision,
        })
    }

    /// Accepts a proposal shown at `revision`: defers its initiatives and what goes with
    /// each (`ids`, as the proposal listed them), one undo step, the reason naming the
    /// target. Refused, changing nothing, when the plan was edited since.
    pub fn accept_stop(&mut self, proposal: &StopView, arrangement: crate::layout::Arrangement) -> Result<Update, ApiError> {
        if self.file.revision()? != proposal.revision {
            return Err(ApiError {
                code: ErrorCode::Invalid,
                message: "the plan changed since this proposal was shown: propose again".into(),
                details: Vec::new(),
            });
        }
        let mut ids: Vec<String> = Vec::new();
        for d in &proposal.deferred {
            for id in std::iter::once(&d.initiative).chain(&d.with) {
                if !ids.contains(id) && self.file.plan().initiative(id).is_some_and(|i| !i.is_deferred()) {
                    ids.push(id.clone());
                }
            }
        }
        if ids.is_empty() {
            return Err(ApiError { code: ErrorCode::Invalid, message: "the proposal defers nothing".into(), details: Vec::new() });
        }
        let reason = format!("What to stop: to meet the target {}", proposal.target);
        let edits = super::priorities::defer_edits(self.file.plan(), &ids, &reason, None)?;
        self.apply(edits, arrangement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Arrangement;

    /// A proposal is accepted only on the plan it was shown on: after an edit it is refused
    /// and nothing changes; proposed again, it defers its work in one undo step.
    #[test]
    fn a_proposal_is_refused_after_an_edit_and_accepted_as_one_undo_step() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("demo.bridger");
        let file = crate::store::PlanFile::create(&path, &crate::demo::plan()).expect("created");
        let mut e = Editing::new(file, "test");
        let finish = crate::schedule::schedule(e.file.plan()).expect("a schedule").finish_date;
        let target = finish - chrono::Days::new(60);
        let shown = e.what_to_stop(Some(target)).expect("a proposal");
        assert!(!shown.deferred.is_empty(), "the demo cannot meet a date 60 days earlier without stopping work");
        // another edit meanwhile
        let first = e.file.plan().initiatives[0].id.clone();
        e.apply(vec![crate::store::Edit::set_leveling_delay(&first, 1)], Arrangement::Flow).expect("edited");
        let before = crate::io::json::to_string(e.file.plan());
        let refused = e.accept_stop(&shown, Arrangement::Flow).expect_err("stale");
        assert!(refused.message.contains("changed since"), "{}", refused.message);
        assert_eq!(crate::io::json::to_string(e.file.plan()), before, "nothing changed");
        let again = e.what_to_stop(Some(target)).expect("a proposal");
        e.accept_stop(&again, Arrangement::Flow).expect("accepted");
        for d in &again.deferred {
            for id in std::iter::once(&d.initiative).chain(&d.with) {
                let i = e.file.plan().initiative(id).expect("still in the plan");
                assert!(
                    i.deferred.as_ref().is_some_and(|x| x.reason.contains(&target.to_string())),
                    "{id} deferred, the target its reason"
                );
            }
        }
        crate::api::files::undo(&path).expect("undone");
        let after = crate::store::read(&path).expect("read");
        assert_eq!(crate::io::json::to_string(&after), before, "one undo step restores the plan");
    }
}
