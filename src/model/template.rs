//! Rollout templates: work defined once and applied to many sites (docs/plan-format.md,
//! "Rollouts"). A template's ids are its own (`survey`, `install`); applying it to a site
//! makes initiatives `{site}-{step}`, handoffs `h-{from}>{to}` and risks `{risk}-{site}`
//! (`crate::rollout`). Plain data, as the rest of the model.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::collections::BTreeMap;

use super::{Effort, Estimate, Kind};

/// What a template handoff's end starts with when it names wave-level work rather than a
/// step: `@gate` is the wave's gate, `@network` the initiative the wave names for `network`.
pub const ANCHOR: char = '@';
/// The anchor of a wave's gate.
pub const GATE: &str = "gate";

/// The placeholders a template's texts may use besides a site's values and `{@anchor}`:
/// the site's name, its wave's name, the crew and the crew's lead. A site's value cannot be
/// named one of these.
pub const RESERVED: [&str; 4] = ["site", "wave", "crew", "lead"];

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

    /// The crew chain of step `step`, if crews walk it.
    pub fn chain(&self, step: &str) -> Option<&CrewChain> {
        self.chains.iter().find(|c| c.step == step)
    }
}

/// One step of a template: what each site's instance of it starts from. (`TemplateStep` in
/// TypeScript, where `Step` is a step of the undo history.)
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
    /// Working days; each point a number or a formula of the site's values.
    pub duration: StepEstimate,
    /// Person-days per team; each a number or a formula of the site's values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effort: Vec<StepEffort>,
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

/// A number a step gives every site, or a formula of the site's values worked out per site
/// (`"2 + ceil({lanes} / 4)"`, docs/plan-format.md, "Values of a site").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Quantity<T> {
    Fixed(T),
    Formula(String),
}

impl<T: Copy> Quantity<T> {
    /// The number, when it is the same at every site.
    pub fn fixed(&self) -> Option<T> {
        match self {
            Quantity::Fixed(x) => Some(*x),
            Quantity::Formula(_) => None,
        }
    }
}

impl<T: std::fmt::Display> std::fmt::Display for Quantity<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Quantity::Fixed(x) => write!(f, "{x}"),
            Quantity::Formula(s) => write!(f, "{s}"),
        }
    }
}

impl<T> From<T> for Quantity<T> {
    fn from(x: T) -> Self {
        Quantity::Fixed(x)
    }
}

/// A step's three-point estimate in working days, each point a number or a formula.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StepEstimate {
    pub optimistic: Quantity<i32>,
    pub likely: Quantity<i32>,
    pub pessimistic: Quantity<i32>,
}

impl StepEstimate {
    /// The estimate, when no point is a formula.
    pub fn fixed(&self) -> Option<Estimate> {
        Some(Estimate { optimistic: self.optimistic.fixed()?, likely: self.likely.fixed()?, pessimistic: self.pessimistic.fixed()? })
    }

    /// The three points with their names, as messages name them.
    pub fn points(&self) -> [(&'static str, &Quantity<i32>); 3] {
        [("optimistic", &self.optimistic), ("likely", &self.likely), ("pessimistic", &self.pessimistic)]
    }
}

impl From<Estimate> for StepEstimate {
    fn from(e: Estimate) -> Self {
        StepEstimate { optimistic: e.optimistic.into(), likely: e.likely.into(), pessimistic: e.pessimistic.into() }
    }
}

/// A step's effort of one team: person-days, a number or a formula.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StepEffort {
    pub team: String,
    pub person_days: Quantity<f64>,
}

impl From<Effort> for StepEffort {
    fn from(e: Effort) -> Self {
        StepEffort { team: e.team, person_days: e.person_days.into() }
    }
}

/// Which sites of a wave a template handoff is made at, in the wave's order of sites.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SiteScope {
    /// Every site.
    #[default]
    All,
    /// The wave's first site.
    First,
    /// The wave's last site.
    Last,
    /// Each crew's first site in the wave (the crews of the chain on the handoff's step).
    FirstOfCrew,
    /// Each crew's last site in the wave.
    LastOfCrew,
}

impl SiteScope {
    pub const ALL: [SiteScope; 5] = [SiteScope::All, SiteScope::First, SiteScope::Last, SiteScope::FirstOfCrew, SiteScope::LastOfCrew];

    pub fn as_str(self) -> &'static str {
        match self {
            SiteScope::All => "all",
            SiteScope::First => "first",
            SiteScope::Last => "last",
            SiteScope::FirstOfCrew => "first_of_crew",
            SiteScope::LastOfCrew => "last_of_crew",
        }
    }

    pub fn parse(s: &str) -> Option<SiteScope> {
        SiteScope::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn is_all(&self) -> bool {
        *self == SiteScope::All
    }

    /// Whether it needs the crews of a chain.
    pub fn by_crew(self) -> bool {
        matches!(self, SiteScope::FirstOfCrew | SiteScope::LastOfCrew)
    }
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
    /// The sites of a wave it is made at (default: every site).
    #[serde(default, skip_serializing_if = "SiteScope::is_all")]
    pub sites: SiteScope,
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
/// the same step at the n-th: `crews` crews walk the sites in turn (crew A the first site,
/// crew B the second, ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CrewChain {
    pub step: String,
    pub crews: u32,
    /// Crews in the waves named here (wave id -> crews), `crews` in the others.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(type = "Record<string, number>")]
    pub wave_crews: BTreeMap<String, u32>,
    /// The crews walk on from wave to wave, in the waves' order: crew A's first site of a
    /// wave waits for crew A's last site of the wave before.
    #[serde(default, skip_serializing_if = "is_false")]
    pub across_waves: bool,
    /// Each crew's lead, crew A's first: the owner of the step at the crew's sites (in place
    /// of the step's owner or role), and `{lead}` in the chain's texts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leads: Vec<String>,
    /// Working days between one site's step and the next one's on the same crew.
    #[serde(default)]
    pub lag: i32,
    /// Who owns the hand-over between sites (the crew lead).
    #[serde(default)]
    pub owner: String,
    /// The crew confirmed the route.
    #[serde(default)]
    pub confirmed: bool,
    /// What the next site's crew assumes of the site before (its placeholders filled for the
    /// next site).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assumption: String,
}

impl CrewChain {
    /// How many crews walk the sites of `wave`.
    pub fn crews_in(&self, wave: &str) -> u32 {
        self.wave_crews.get(wave).copied().unwrap_or(self.crews).max(1)
    }
}

/// The name of crew `k` (from 0): A, B, ..., Z, AA, AB, ...
pub fn crew_name(k: usize) -> String {
    let mut n = k + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
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
