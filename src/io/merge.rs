//! Importing into an existing plan (`bridger import X --into PLAN`): the edits that add
//! what the imported plan has and the existing one lacks, and update what differs, by id.
//! Applied as one batch, they are one transaction and one undo step: the spreadsheet round
//! trip a program manager does every week (export, edit in a spreadsheet, import).
//!
//! Nothing is removed: a row deleted in the spreadsheet stays in the plan (removing is an
//! explicit edit). A card's position on the map is the plan's: an import without one keeps
//! the position the initiative had. So is what makes an initiative an instance of a template
//! (its `instance` and `overrides`) when the imported file carries no template at all (MS
//! Project XML keeps none): a round trip through such a file leaves the rollout as it was.

use crate::edit::Edit;
use crate::model::Plan;

/// The edits that bring `incoming` into `existing`, in an order the store accepts (teams,
/// waves, sites before the initiatives that name them; initiatives before handoffs and
/// risks), and the plan's settings when they differ. Empty when nothing differs.
pub fn edits(existing: &Plan, incoming: &Plan) -> Vec<Edit> {
    let kept;
    let incoming = if incoming.uses_templates() || !existing.uses_templates() {
        incoming
    } else {
        kept = with_instances_of(existing, incoming);
        &kept
    };
    let mut out = Vec::new();
    let settings = incoming.settings();
    // Holidays are a set: the plan file keeps them in date order, a file may list them in
    // any (an MS Project calendar's exceptions): the same days in another order are no
    // change (the mspdi fuzz target found an import that never settled).
    let days = |s: &crate::model::PlanSettings| {
        let mut h = s.calendar.holidays.clone();
        h.sort_unstable();
        h.dedup();
        h
    };
    let same = {
        let (mut a, mut b) = (settings.clone(), existing.settings());
        let (ha, hb) = (days(&a), days(&b));
        a.calendar.holidays.clear();
        b.calendar.holidays.clear();
        a == b && ha == hb
    };
    if !same {
        out.push(Edit::UpdatePlan(settings));
    }
    fn by_id<'a, T, F: Fn(&T) -> &str>(list: &'a [T], id: F) -> std::collections::HashMap<&'a str, &'a T> {
        list.iter().map(|x| (id(x), x)).collect()
    }
    macro_rules! merge {
        ($field:ident, $add:ident, $update:ident) => {{
            let old = by_id(&existing.$field, |x| x.id.as_str());
            for x in &incoming.$field {
                match old.get(x.id.as_str()) {
                    None => out.push(Edit::$add(x.clone())),
                    Some(o) if *o != x => out.push(Edit::$update(x.clone())),
                    Some(_) => {}
                }
            }
        }};
    }
    merge!(teams, AddTeam, UpdateTeam);
    merge!(templates, AddTemplate, UpdateTemplate);
    // A wave's gate, completion and anchors name initiatives: a new wave is added without
    // them, and given them once the initiatives are in.
    let old_waves = by_id(&existing.waves, |x| x.id.as_str());
    let mut wave_links = Vec::new();
    for w in &incoming.waves {
        match old_waves.get(w.id.as_str()) {
            None => {
                let bare = crate::model::Wave { gate: None, completion: None, anchors: Default::default(), ..w.clone() };
                if bare != *w {
                    wave_links.push(Edit::UpdateWave(w.clone()));
                }
                out.push(Edit::AddWave(bare));
            }
            Some(o) if *o != w => wave_links.push(Edit::UpdateWave(w.clone())),
            Some(_) => {}
        }
    }
    merge!(sites, AddSite, UpdateSite);
    // Before the initiatives that serve them (ranks are checked once the batch is done).
    merge!(priorities, AddPriority, UpdatePriority);
    let old = by_id(&existing.initiatives, |x| x.id.as_str());
    for x in &incoming.initiatives {
        match old.get(x.id.as_str()) {
            None => out.push(Edit::AddInitiative(x.clone())),
            Some(o) => {
                let mut x = x.clone();
                x.position = x.position.or(o.position);
                if **o != x {
                    out.push(Edit::UpdateInitiative(x));
                }
            }
        }
    }
    out.append(&mut wave_links);
    merge!(handoffs, AddHandoff, UpdateHandoff);
    merge!(risks, AddRisk, UpdateRisk);
    out
}

/// `incoming` (a file that carries no template) with the instances of `existing`: each
/// initiative of the same id keeps its `instance` and `overrides`.
fn with_instances_of(existing: &Plan, incoming: &Plan) -> Plan {
    let mut p = incoming.clone();
    let old: std::collections::HashMap<&str, &crate::model::Initiative> = existing.initiatives.iter().map(|i| (i.id.as_str(), i)).collect();
    for i in &mut p.initiatives {
        if let Some(o) = old.get(i.id.as_str()) {
            (i.instance, i.overrides) = (o.instance.clone(), o.overrides.clone());
        }
    }
    p
}

/// Whether `edit` adds an entity (for counting what an import did).
pub fn is_add(edit: &Edit) -> bool {
    matches!(
        edit,
        Edit::AddInitiative(_)
            | Edit::AddHandoff(_)
            | Edit::AddRisk(_)
            | Edit::AddTeam(_)
            | Edit::AddSite(_)
            | Edit::AddWave(_)
            | Edit::AddTemplate(_)
            | Edit::AddPriority(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_plan_needs_no_edit_and_a_change_is_one_update() {
        let plan = crate::demo::plan();
        assert!(edits(&plan, &plan).is_empty());
        let mut changed = plan.clone();
        changed.initiatives[3].duration.likely += 1;
        changed.initiatives[3].duration.pessimistic += 1;
        let mut new = changed.initiatives[0].clone();
        new.id = "new-one".to_string();
        changed.initiatives.push(new);
        let e = edits(&plan, &changed);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(matches!(&e[0], Edit::UpdateInitiative(i) if i.id == plan.initiatives[3].id));
        assert!(matches!(&e[1], Edit::AddInitiative(i) if i.id == "new-one"));
    }
}
