//! What the window adds and removes, as the core has it, so that no default lives in the
//! window: a new team, site or wave with the model's defaults (a team's utilization target,
//! a wave's place after the last one), and what goes with initiatives removed (their
//! handoffs and their links to risks, as the store removes them), worded for people.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::edit::Edit;
use crate::model::{Plan, Site, Team, Wave};

/// What the Plan tab's "+ Add" makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NewKind {
    Team,
    Site,
    Wave,
}

/// The edit that adds a new `kind` to `plan` with the user's id, name (and a site's region)
/// and the model's defaults for the rest: a team of one person at the default utilization
/// target, a wave ordered after the last one, a site in no wave.
pub fn draft(plan: &Plan, kind: NewKind, id: &str, name: &str, region: Option<String>) -> Edit {
    match kind {
        NewKind::Team => Edit::AddTeam(Team::new(id, name, 1.0)),
        NewKind::Site => Edit::AddSite(Site {
            id: id.to_string(),
            name: name.to_string(),
            region: region.filter(|r| !r.trim().is_empty()),
            wave: None,
            ..Site::default()
        }),
        NewKind::Wave => {
            let order = plan.waves.iter().map(|w| w.order).max().map_or(1, |o| o.saturating_add(1));
            Edit::AddWave(Wave::new(id, name, order))
        }
    }
}

/// Removing initiatives: the edits (one batch, one undo step) and, for the confirmation,
/// what the store removes with them, by name.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Removal {
    pub edits: Vec<Edit>,
    /// One line per thing that goes too: "the handoff Pilot → Rollout", "the link of the
    /// risk “Vendor late” to Pilot".
    pub goes: Vec<String>,
}

/// What removing the initiatives `ids` takes with it: every handoff into or out of one of
/// them and every link of a risk to one of them (the risk itself stays).
pub fn removal(plan: &Plan, ids: &[String]) -> Removal {
    let gone = |id: &str| ids.iter().any(|x| x == id);
    let name = |id: &str| plan.initiative(id).map_or_else(|| id.to_string(), |i| i.name.clone());
    let mut goes = Vec::new();
    for h in plan.handoffs.iter().filter(|h| gone(&h.from) || gone(&h.to)) {
        goes.push(format!("the handoff {} → {}", name(&h.from), name(&h.to)));
    }
    for r in &plan.risks {
        for i in r.initiatives.iter().filter(|i| gone(i)) {
            goes.push(format!("the link of the risk “{}” to {}", r.title, name(i)));
        }
    }
    let edits = ids.iter().filter(|id| plan.initiative(id).is_some()).map(|id| Edit::RemoveInitiative(id.clone())).collect();
    Removal { edits, goes }
}
