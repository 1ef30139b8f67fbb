//! The edit vocabulary: what a change to a plan is (`Edit`, `Patch`, `EntityKind`), the
//! typed builders of the patches the core itself makes (field names are spelled only
//! here), and how a journaled step is told to a person (`EditSummary`, `Direction`).
//!
//! Plain data with serde and generated TypeScript types, knowing no SQL: the store checks
//! and journals edits (`store::edit`), `io::merge` makes them from an import, `api` and the
//! window send them, the bindings describe them.

use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Deferral, Handoff, Initiative, Pin, PlanSettings, Priority, Risk, Site, Team, Template, Wave};

/// One change to a plan. Updates replace the whole entity with the same id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", content = "value", rename_all = "snake_case")]
pub enum Edit {
    AddInitiative(Initiative),
    UpdateInitiative(Initiative),
    RemoveInitiative(String),
    AddHandoff(Handoff),
    UpdateHandoff(Handoff),
    RemoveHandoff(String),
    AddRisk(Risk),
    UpdateRisk(Risk),
    RemoveRisk(String),
    AddTeam(Team),
    UpdateTeam(Team),
    RemoveTeam(String),
    AddSite(Site),
    UpdateSite(Site),
    RemoveSite(String),
    AddWave(Wave),
    UpdateWave(Wave),
    RemoveWave(String),
    AddTemplate(Template),
    /// Replaces a template and carries the change to every site it is applied to, except
    /// the fields a site overrides (one undo step).
    UpdateTemplate(Template),
    /// Refused while the template is applied at a site.
    RemoveTemplate(String),
    /// Applies a template to sites of the plan: their instances, handoffs, risks, gate and
    /// completion links and crew chains (`crate::rollout`), refused whole on any clash.
    ApplyTemplate(Application),
    /// Gives an instance's overridden field the template's value again (`skipped`: the step
    /// comes back at its site).
    ClearOverride(Override),
    /// Skips an instance's step at its site: an override `skipped`; the instance takes no
    /// time and its handoffs are bridged, predecessors to successors.
    SkipStep(String),
    AddPriority(Priority),
    UpdatePriority(Priority),
    /// Refused while any initiative serves the priority (naming it): untie the work first,
    /// so that no work loses what it serves without a word.
    RemovePriority(String),
    /// Changes only the named fields of one entity, as it is in the file when the edit is
    /// saved: an inspector sends what the user changed, so a change another program made
    /// meanwhile to other fields is kept.
    Patch(Patch),
    /// The plan's own settings, all of them (name, start date, calendar, target date,
    /// distribution, summary, asks, leveling basis); a `patch` of kind `plan` changes some.
    UpdatePlan(PlanSettings),
}

/// The kinds of entity a plan keeps in lists under an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Initiative,
    Handoff,
    Risk,
    Team,
    Site,
    Wave,
    Template,
    Priority,
    /// The plan's own settings (id `plan`).
    Plan,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Initiative => "initiative",
            EntityKind::Handoff => "handoff",
            EntityKind::Risk => "risk",
            EntityKind::Team => "team",
            EntityKind::Site => "site",
            EntityKind::Wave => "wave",
            EntityKind::Template => "template",
            EntityKind::Priority => "priority",
            EntityKind::Plan => "plan",
        }
    }
}

/// A template applied to sites (`apply_template`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub template: String,
    pub sites: Vec<String>,
}

/// One field an instance overrides (`clear_override`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub initiative: String,
    pub field: String,
}

/// New values for some fields of one entity, named as in the JSON format
/// (`{"kind": "initiative", "id": "a", "fields": {"name": "Pilot", "position": {"x": 10, "y": 20}}}`);
/// `null` clears an optional field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    pub kind: EntityKind,
    pub id: String,
    #[ts(type = "Record<string, unknown>")]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// Typed builders of the patches the core itself makes, so that no caller spells a field
/// name: the names live here, next to the fields they patch (`Patch::apply` reads them).
impl Edit {
    /// One field of one entity.
    fn patch_one(kind: EntityKind, id: &str, field: &str, value: serde_json::Value) -> Edit {
        let mut fields = serde_json::Map::new();
        fields.insert(field.to_string(), value);
        Edit::Patch(Patch { kind, id: id.to_string(), fields })
    }

    /// Sets an initiative's leveling delay (working days; 0 clears it).
    /// "Still true": the owner confirms that where the work stands has not changed. The
    /// store records the plan's status date and the moment on it (`Initiative::updated`),
    /// whatever this patch's own value (the store stamps every edit that restates progress).
    pub fn still_true(initiative: &str) -> Edit {
        Edit::patch_one(EntityKind::Initiative, initiative, "updated", serde_json::json!({"at": "still true"}))
    }

    pub fn set_leveling_delay(initiative: &str, days: i32) -> Edit {
        Edit::patch_one(EntityKind::Initiative, initiative, "leveling_delay", serde_json::Value::from(days))
    }

    /// Sets (or, with None, clears) the fingerprint of what the accepted leveling was
    /// computed on (`model::leveling_fingerprint`).
    pub fn set_leveling_basis(basis: Option<&str>) -> Edit {
        Edit::patch_one(EntityKind::Plan, "plan", "leveling_basis", basis.map_or(serde_json::Value::Null, serde_json::Value::from))
    }

    /// Defers an initiative (`Some`) or takes it back into the plan (`None`).
    pub fn set_deferred(initiative: &str, deferred: Option<&Deferral>) -> Edit {
        let value = deferred.and_then(|d| serde_json::to_value(d).ok()).unwrap_or(serde_json::Value::Null);
        Edit::patch_one(EntityKind::Initiative, initiative, "deferred", value)
    }

    /// Pins an initiative's start or finish (`Some`) or frees it (`None`).
    pub fn set_pinned(initiative: &str, pinned: Option<&Pin>) -> Edit {
        let value = pinned.and_then(|p| serde_json::to_value(p).ok()).unwrap_or(serde_json::Value::Null);
        Edit::patch_one(EntityKind::Initiative, initiative, "pinned", value)
    }

    /// Sets the priorities an initiative serves (ids, each once; empty: none).
    pub fn set_serves(initiative: &str, priorities: &[String]) -> Edit {
        Edit::patch_one(EntityKind::Initiative, initiative, "serves", serde_json::json!(priorities))
    }

    /// Sets a priority's rank (1 the highest). Ranks are checked unique once the edit or
    /// batch is done, so a batch of these re-ranks the priorities in one undo step.
    pub fn set_rank(priority: &str, rank: i32) -> Edit {
        Edit::patch_one(EntityKind::Priority, priority, "rank", serde_json::Value::from(rank))
    }

    /// Sets (or, with None, clears) the hand-placed position of an initiative's card.
    pub fn set_position(initiative: &str, position: Option<crate::model::Position>) -> Edit {
        let value = position.map_or(serde_json::Value::Null, |p| serde_json::json!({"x": p.x, "y": p.y}));
        Edit::patch_one(EntityKind::Initiative, initiative, "position", value)
    }
}

impl Edit {
    /// What the edit does, in the words undo and the CLI use: `add handoff 'h1'`.
    pub fn describe(&self) -> EditSummary {
        let (op, kind, id) = match self {
            Edit::AddInitiative(x) => ("add", "initiative", x.id.as_str()),
            Edit::UpdateInitiative(x) => ("update", "initiative", x.id.as_str()),
            Edit::RemoveInitiative(id) => ("remove", "initiative", id.as_str()),
            Edit::AddHandoff(x) => ("add", "handoff", x.id.as_str()),
            Edit::UpdateHandoff(x) => ("update", "handoff", x.id.as_str()),
            Edit::RemoveHandoff(id) => ("remove", "handoff", id.as_str()),
            Edit::AddRisk(x) => ("add", "risk", x.id.as_str()),
            Edit::UpdateRisk(x) => ("update", "risk", x.id.as_str()),
            Edit::RemoveRisk(id) => ("remove", "risk", id.as_str()),
            Edit::AddTeam(x) => ("add", "team", x.id.as_str()),
            Edit::UpdateTeam(x) => ("update", "team", x.id.as_str()),
            Edit::RemoveTeam(id) => ("remove", "team", id.as_str()),
            Edit::AddSite(x) => ("add", "site", x.id.as_str()),
            Edit::UpdateSite(x) => ("update", "site", x.id.as_str()),
            Edit::RemoveSite(id) => ("remove", "site", id.as_str()),
            Edit::AddWave(x) => ("add", "wave", x.id.as_str()),
            Edit::UpdateWave(x) => ("update", "wave", x.id.as_str()),
            Edit::RemoveWave(id) => ("remove", "wave", id.as_str()),
            Edit::AddTemplate(x) => ("add", "template", x.id.as_str()),
            Edit::UpdateTemplate(x) => ("update", "template", x.id.as_str()),
            Edit::RemoveTemplate(id) => ("remove", "template", id.as_str()),
            Edit::ApplyTemplate(a) => ("apply", "template", a.template.as_str()),
            Edit::ClearOverride(o) => ("update", "initiative", o.initiative.as_str()),
            Edit::SkipStep(id) => ("skip", "initiative", id.as_str()),
            Edit::AddPriority(x) => ("add", "priority", x.id.as_str()),
            Edit::UpdatePriority(x) => ("update", "priority", x.id.as_str()),
            Edit::RemovePriority(id) => ("remove", "priority", id.as_str()),
            Edit::Patch(p) => ("update", p.kind.as_str(), p.id.as_str()),
            Edit::UpdatePlan(_) => ("update", "plan", "plan"),
        };
        EditSummary { op: op.into(), kind: kind.into(), id: id.into(), edits: 1, source: String::new(), at: String::new() }
    }
}

/// Which way to move through the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

/// What one journaled edit (or batch) did, to tell a person what undo or redo changed,
/// and who made it: the file is shared, so the last edit may be another program's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EditSummary {
    /// `add`, `update` or `remove`; `apply` (a template to sites) or `skip` (a step at a site).
    pub op: String,
    /// `initiative`, `handoff`, `risk`, `team`, `site`, `wave`, `template`, `priority` or `plan`.
    pub kind: String,
    pub id: String,
    /// How many edits the step holds: more than one for a batch (the summary names its last).
    pub edits: i64,
    /// The program that made the edit (`bridger edit`, `Bridger app`); empty if unknown.
    pub source: String,
    /// When the edit was made (RFC 3339, UTC); empty if unknown.
    pub at: String,
}

impl EditSummary {
    /// "by bridger edit at 2026-11-30 07:10 UTC", or empty when the journal does not say.
    pub fn whose(&self) -> String {
        let when =
            chrono::DateTime::parse_from_rfc3339(&self.at).map(|t| t.with_timezone(&Utc).format("%Y-%m-%d %H:%M UTC").to_string()).ok();
        match (self.source.is_empty(), when) {
            (false, Some(w)) => format!("by {} at {w}", self.source),
            (false, None) => format!("by {}", self.source),
            (true, Some(w)) => format!("at {w}"),
            (true, None) => String::new(),
        }
    }
}

impl std::fmt::Display for EditSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.edits > 1 {
            write!(f, "{} edits, the last: ", self.edits)?;
        }
        if self.kind == "plan" {
            write!(f, "{} of the plan's settings", self.op)
        } else {
            write!(f, "{} {} '{}'", self.op, self.kind, self.id)
        }
    }
}
