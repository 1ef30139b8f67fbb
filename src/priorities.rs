//! Strategic priorities (issue 29): the rules about the strategy a plan's work serves. Which
//! work serves no priority, and (with `findings`) the four findings `health` lists:
//! `priority-owner-not-a-person`, `priority-unserved`, `work-serves-no-priority` and
//! `priorities-compete` (docs/glossary.md, "Findings").

use crate::model::{Initiative, Plan, Status};

/// Whether the work is unfinished: not done. Deferred work is neither finished nor in the
/// plan's way; the rules below say which they count.
fn unfinished(i: &Initiative) -> bool {
    i.status != Status::Done
}

/// Unfinished work, not deferred and not a milestone, that serves no priority: the
/// candidates to stop, once the plan has priorities (none before).
pub fn serves_none(plan: &Plan) -> impl Iterator<Item = &Initiative> {
    let any = !plan.priorities.is_empty();
    plan.initiatives.iter().filter(move |i| any && unfinished(i) && !i.is_deferred() && !i.is_milestone() && i.serves.is_empty())
}
