//! What to stop, in the window (issue 29, item 4): `level::stop_of`'s proposal for a target
//! date on a snapshot of the open plan (its revision noted: `Editing::accept_stop` refuses it
//! once the plan changed since it was shown). The window keeps the proposal shown and
//! accepts or discards it.

use chrono::NaiveDate;

use super::level::{stop_of, StopProposal};
use super::{ApiError, Editing};

impl Editing {
    /// What to stop so that the open plan meets `target` (its own target when None);
    /// changes nothing.
    pub fn what_to_stop(&self, target: Option<NaiveDate>) -> Result<StopProposal, ApiError> {
        stop_of(&self.snapshot()?, target, None, 1)
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
        let refused = e.accept_stop(&shown, target, Arrangement::Flow).expect_err("stale");
        assert!(refused.message.contains("changed since"), "{}", refused.message);
        assert_eq!(crate::io::json::to_string(e.file.plan()), before, "nothing changed");
        let again = e.what_to_stop(Some(target)).expect("a proposal");
        e.accept_stop(&again, target, Arrangement::Flow).expect("accepted");
        for d in &again.deferred {
            for id in std::iter::once(&d.initiative).chain(&d.successors) {
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
