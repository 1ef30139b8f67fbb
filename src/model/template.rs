//! Rollout templates: work defined once and applied to many sites (docs/plan-format.md,
//! "Rollouts"). A template's ids are its own (`survey`, `install`); applying it to a site
//! makes initiatives `{site}-{step}`, handoffs `h-{from}>{to}` and risks `{risk}-{site}`
//! (`crate::rollout`). Plain data, as the rest of the model.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Effort, Estimate, Kind};

/// What a template handoff's end starts with when it names wave-level work rather than a
/// step: `@gate` is the wave's gate, `@network` the initiative the wave names for `network`.
pub const ANCHOR: char = '@';
/// The anchor of a wave's gate.
pub const GATE: &str = "gate";

/// The fields of an instance its template controls, as `Initiative::overrides` names them;
/// `handoffs` stands for the handoffs the template gives it, `skipped` for a step skipped at
/// its site (its handoffs bridged).
pub const OVERRIDABLE: [&str; 9] =
    ["name", "duration", "team", "effort", "owner", "start_no_earlier_than", "finish_no_later_than", "handoffs", "skipped"];

/// A rollout template: steps, the handoffs between them (or to wave-level work), the risks
/// each site runs, and the crews that chain sites of a wave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub initiatives: Vec<Step>,
    #[serde(default)]
    pub handoffs: Vec<TemplateHandoff>,
    #[serde(default)]
    pub risks: Vec<TemplateRisk>,
    /// Steps done by K crews that walk the sites of a wave in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chains: Vec<CrewChain>,
}

impl Template {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.initiatives.iter().find(|s| s.id == id)
    }
}

/// One step of a template: what each site's instance of it starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "TemplateStep")]
pub struct Step {
    /// Template-local id; the instance at site S is `S-{id}`.
    pub id: String,
    pub name: String,
    /// The accountable person, when the same at every site (else `role`).
    #[serde(default)]
    pub owner: String,
    /// An owner role ("site lead") filled per site from the site's `roles`; a role the
    /// site does not fill leaves the role as the owner text, and a finding names the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    pub duration: Estimate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effort: Vec<Effort>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_no_earlier_than: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_no_later_than: Option<NaiveDate>,
    /// The step waits for its wave's gate.
    #[serde(default, skip_serializing_if = "is_false")]
    pub after_gate: bool,
    /// The wave's completion milestone waits for the step.
    #[serde(default, skip_serializing_if = "is_false")]
    pub before_completion: bool,
}

/// A handoff between two steps of a site, or between a step and wave-level work named by
/// anchor (`@gate`, `@network`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateHandoff {
    pub id: String,
    pub from: String,
    pub to: String,
    #[serde(default = "fs")]
    pub kind: Kind,
    #[serde(default)]
    pub lag: i32,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub assumption: String,
    #[serde(default)]
    pub confirmed: bool,
}

fn fs() -> Kind {
    Kind::FS
}

/// A risk every site runs; its instance at site S is `{id}-S`, linked to S's instances of
/// the steps it names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateRisk {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub probability: f64,
    pub impact: i32,
    #[serde(default)]
    pub mitigation: String,
    /// Step ids.
    #[serde(default)]
    pub initiatives: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_impact: Option<Estimate>,
}

/// Step `step` at the (n + crews)-th site of a wave, in the wave's site order, waits for
/// the same step at the n-th: `crews` crews walk the sites in turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CrewChain {
    pub step: String,
    pub crews: u32,
    /// Working days between one site's step and the next one's on the same crew.
    #[serde(default)]
    pub lag: i32,
    /// Who owns the hand-over between sites (the crew lead).
    #[serde(default)]
    pub owner: String,
    /// The crew confirmed the route.
    #[serde(default)]
    pub confirmed: bool,
}

/// Which template step an initiative is the instance of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub template: String,
    pub step: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}
