//! The plan as plain data: what a program manager models, with no behaviour beyond
//! validation. Every analysis takes a `&Plan`; the store, the importers and the app all
//! produce and consume this one shape.
//!
//! Ids are stable strings chosen by the author of the plan (`"pilot-signoff"`, `"S-014"`)
//! so that files, diffs, the CLI and the app all name things the same way.
//!
//! One job in one file, though over 800 lines: the plan's plain data types, each beside the
//! small rules that read it (`is_milestone`, `is_deferred`, `is_pinned`).

mod calendar;
mod fingerprint;
pub mod formula;
mod pin;
mod priority;
mod template;
mod validate;

pub use calendar::WorkCalendar;
pub use calendar::{Calendar, CalendarError};
pub use fingerprint::{fold_fingerprint, layout_fingerprint, leveling_fingerprint, simulation_fingerprint};
pub use pin::{Pin, PinAt, PinSource};
pub use priority::{Deferral, Priority};
pub use template::{
    crew_name, CrewChain, Instance, Quantity, SiteScope, Step, StepEffort, StepEstimate, Template, TemplateHandoff, TemplateRisk, ANCHOR,
    GATE, OVERRIDABLE, RESERVED,
};
pub use validate::{
    closed_loop, duplicate_ranks, horizon, limits, validate, validate_handoff, validate_initiative, validate_plan_settings,
    validate_priority, validate_risk, validate_site, validate_team, validate_template, validate_wave, Index, ValidationError,
};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A whole plan: one `.bridger` file, one JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Plan {
    pub name: String,
    /// Day 0 of the schedule. If it is not a working day, day 0 is the next working day.
    pub start: NaiveDate,
    #[serde(default)]
    pub calendar: Calendar,
    #[serde(default)]
    pub teams: Vec<Team>,
    #[serde(default)]
    pub waves: Vec<Wave>,
    #[serde(default)]
    pub sites: Vec<Site>,
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    #[serde(default)]
    pub handoffs: Vec<Handoff>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Rollout templates: work defined once and applied per site (docs/plan-format.md,
    /// "Rollouts").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<Template>,
    /// The strategy the work serves: each priority with one owner and a unique rank, 1 the
    /// highest (docs/plan-format.md, "Priorities").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    /// The date the plan must meet (the simulation's probability, the brief, leveling's
    /// proposal of what to stop).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<NaiveDate>,
    /// How the simulation draws a duration from its three-point estimate.
    #[serde(default, skip_serializing_if = "Distribution::is_triangular")]
    pub distribution: Distribution,
    /// The program manager's own summary (page 1 of the brief).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// What the program manager asks of leaders (page 1 of the brief).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub asks: String,
    /// The fingerprint (`leveling_fingerprint`) of the inputs an accepted leveling was
    /// computed on; when it no longer matches, the leveling is stale (a finding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leveling_basis: Option<String>,
    /// The status date (MS Project's; P6's data date is the working day after it): progress
    /// and actual dates are true at the end of this day, and work still to do starts no
    /// earlier than the first working day after it. None: the plan schedules as if nothing
    /// had started (docs/scheduling.md, "Progress").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<NaiveDate>,
    /// Calendar days between two reviews: work in progress, or due to start or finish
    /// within this many days of the status date, not updated within them is a finding.
    #[serde(default = "default_review_every_days", skip_serializing_if = "is_default_review")]
    pub review_every_days: i32,
}

pub fn default_review_every_days() -> i32 {
    7
}

fn is_default_review(n: &i32) -> bool {
    *n == default_review_every_days()
}

impl Plan {
    /// An empty plan starting on `start` with the default Monday-Friday calendar.
    pub fn new(name: &str, start: NaiveDate) -> Plan {
        Plan {
            name: name.to_string(),
            start,
            calendar: Calendar::default(),
            teams: Vec::new(),
            waves: Vec::new(),
            sites: Vec::new(),
            initiatives: Vec::new(),
            handoffs: Vec::new(),
            risks: Vec::new(),
            templates: Vec::new(),
            priorities: Vec::new(),
            target: None,
            distribution: Distribution::Triangular,
            summary: String::new(),
            asks: String::new(),
            leveling_basis: None,
            status_date: None,
            review_every_days: default_review_every_days(),
        }
    }

    /// The plan's own settings (what `update_plan` replaces).
    pub fn settings(&self) -> PlanSettings {
        PlanSettings {
            name: self.name.clone(),
            start: self.start,
            calendar: self.calendar.clone(),
            target: self.target,
            distribution: self.distribution,
            summary: self.summary.clone(),
            asks: self.asks.clone(),
            leveling_basis: self.leveling_basis.clone(),
            status_date: self.status_date,
            review_every_days: self.review_every_days,
        }
    }

    /// Puts `settings` in place of the plan's own; its entities stay as they are.
    pub fn set_settings(&mut self, settings: PlanSettings) {
        let PlanSettings { name, start, calendar, target, distribution, summary, asks, leveling_basis, status_date, review_every_days } =
            settings;
        self.name = name;
        self.start = start;
        self.calendar = calendar;
        self.target = target;
        self.distribution = distribution;
        self.summary = summary;
        self.asks = asks;
        self.leveling_basis = leveling_basis;
        self.status_date = status_date;
        self.review_every_days = review_every_days;
    }

    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.initiatives.iter().find(|i| i.id == id)
    }

    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// Whether the plan holds anything of a rollout: templates, a wave's gate, completion or
    /// anchors, a site's roles, an instance or an override (what a format without a place
    /// for them must say it leaves out).
    pub fn uses_rollouts(&self) -> bool {
        !self.templates.is_empty()
            || self.waves.iter().any(|w| w.gate.is_some() || w.completion.is_some() || !w.anchors.is_empty())
            || self.sites.iter().any(|s| !s.roles.is_empty() || !s.values.is_empty())
            || self.initiatives.iter().any(|i| i.instance.is_some() || !i.overrides.is_empty())
    }

    /// Whether the plan has templates or instances of them.
    pub fn uses_templates(&self) -> bool {
        !self.templates.is_empty() || self.initiatives.iter().any(|i| i.instance.is_some() || !i.overrides.is_empty())
    }

    /// The plan with its templates taken off and its instances left as ordinary work (no
    /// `instance`, no `overrides`): what a format that keeps no templates (MS Project XML)
    /// holds of it.
    pub fn without_templates(&self) -> Plan {
        let mut p = self.clone();
        p.templates.clear();
        for i in &mut p.initiatives {
            i.instance = None;
            i.overrides.clear();
        }
        p
    }

    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|t| t.id == id)
    }

    pub fn wave(&self, id: &str) -> Option<&Wave> {
        self.waves.iter().find(|t| t.id == id)
    }

    pub fn priority(&self, id: &str) -> Option<&Priority> {
        self.priorities.iter().find(|p| p.id == id)
    }
}

/// A plan's own settings, without its entities: what `update_plan` replaces whole (a
/// `patch` of kind `plan` changes some of them). Fields are as in [`Plan`], but every one
/// must be given, the optional ones as `null` when empty, and the calendar with its
/// holidays: an `update_plan` that left one out used to reset it to its default (the
/// holidays, the target date), so a client that meant to change the name cleared them.
/// A missing field is refused, naming it. Written whole too (the journal keeps them so).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    pub name: String,
    pub start: NaiveDate,
    #[serde(deserialize_with = "calendar::whole")]
    pub calendar: Calendar,
    #[serde(deserialize_with = "required")]
    pub target: Option<NaiveDate>,
    pub distribution: Distribution,
    pub summary: String,
    pub asks: String,
    #[serde(deserialize_with = "required")]
    pub leveling_basis: Option<String>,
    #[serde(deserialize_with = "required")]
    pub status_date: Option<NaiveDate>,
    pub review_every_days: i32,
}

/// An `Option` field that must be present (as `null` when empty): serde takes a missing
/// `Option` for `None` unless the field has its own deserializer.
fn required<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    T::deserialize(d)
}

// Fields added after the first release are left out of JSON while they hold their
// default, so a plan that does not use them reads the same in an older binary.

/// A team that does work: its capacity in people (FTE) and the share of that capacity it
/// can really plan on (people deliver at 60-70%, not 100%).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub name: String,
    /// People (full-time equivalents) available per working day.
    pub fte: f64,
    /// Share of `fte` that may be planned, 0-1.
    #[serde(default = "default_utilization")]
    pub utilization_target: f64,
    /// How strongly the durations of this team's initiatives move together in the
    /// simulation, 0 (independent) to 1 (all late or all early together).
    #[serde(default, skip_serializing_if = "is_zero_f64")]
    pub correlation: f64,
    /// Changes of `fte` over time, sorted by date, one per date: from `from` on, the team
    /// has that many people. Before the first change, `fte` holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity: Vec<CapacityChange>,
    /// The one person who decides what the team takes on (whom a decision about its
    /// capacity asks). Empty: nobody named.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
}

impl Team {
    /// A team of `fte` people with the default utilization target, no correlation and no
    /// change of capacity over time.
    pub fn new(id: &str, name: &str, fte: f64) -> Team {
        Team {
            id: id.to_string(),
            name: name.to_string(),
            fte,
            utilization_target: default_utilization(),
            correlation: 0.0,
            capacity: Vec::new(),
            lead: String::new(),
        }
    }

    /// People available on `date`: the last change on or before it, else `fte`.
    pub fn fte_on(&self, date: NaiveDate) -> f64 {
        self.capacity.iter().take_while(|c| c.from <= date).last().map_or(self.fte, |c| c.fte)
    }
}

pub fn default_utilization() -> f64 {
    0.65
}

/// From `from` on, a team has `fte` people (hiring, holidays, people lent elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CapacityChange {
    pub from: NaiveDate,
    pub fte: f64,
}

/// How the simulation draws a duration from its three-point estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Distribution {
    /// Triangular on (optimistic, likely, pessimistic).
    #[default]
    Triangular,
    /// PERT-Beta: a Beta on [optimistic, pessimistic] with mode `likely` and the usual
    /// weight of 4 on it (thinner tails than the triangle).
    Pert,
}

impl Distribution {
    pub const ALL: [Distribution; 2] = [Distribution::Triangular, Distribution::Pert];

    pub fn as_str(self) -> &'static str {
        match self {
            Distribution::Triangular => "triangular",
            Distribution::Pert => "pert",
        }
    }

    pub fn parse(s: &str) -> Option<Distribution> {
        Distribution::ALL.into_iter().find(|d| d.as_str() == s)
    }

    fn is_triangular(&self) -> bool {
        *self == Distribution::Triangular
    }
}

/// A group of sites that go live together; `order` sorts waves in time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Wave {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub order: i32,
    /// The wave's gate (an initiative, usually a go/no-go milestone): template steps marked
    /// `after_gate` wait for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<String>,
    /// The wave's completion milestone (an initiative), made when a template is first applied
    /// to a site of the wave: steps marked `before_completion` hand off to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<String>,
    /// Other wave-level work a template's handoffs may name by anchor (`@network`): anchor
    /// name -> initiative id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(type = "Record<string, string>")]
    pub anchors: BTreeMap<String, String>,
}

impl Wave {
    /// A wave without gate, completion or anchors.
    pub fn new(id: &str, name: &str, order: i32) -> Wave {
        Wave { id: id.to_string(), name: name.to_string(), order, ..Wave::default() }
    }

    /// The initiative a template's anchor names in this wave (`gate` or one of `anchors`).
    pub fn anchor(&self, name: &str) -> Option<&str> {
        if name == GATE {
            return self.gate.as_deref();
        }
        self.anchors.get(name).map(String::as_str)
    }
}

/// A place the rollout reaches (a store, a plant, a hospital), optionally in a wave.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave: Option<String>,
    /// Who fills each owner role of a template at this site (role -> person).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(type = "Record<string, string>")]
    pub roles: BTreeMap<String, String>,
    /// What the site is like, by name (`lanes` -> 8, `store` -> "Store 014"): what a
    /// template's texts name as `{lanes}` and its formulas compute with.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(type = "Record<string, number | string>")]
    pub values: BTreeMap<String, SiteValue>,
}

impl Site {
    /// A site with no roles filled and no values.
    pub fn new(id: &str, name: &str, region: Option<String>, wave: Option<String>) -> Site {
        Site { id: id.to_string(), name: name.to_string(), region, wave, ..Site::default() }
    }
}

/// One value of a site: a number (`8`) or a text (`"Store 014"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum SiteValue {
    Number(f64),
    Text(String),
}

impl SiteValue {
    /// A cell of a CSV file as a value: a number when it reads as one and back the same way
    /// (`8`, `1.5`, `-2`), so that nothing is lost on the way (`014` stays text, as does
    /// `1e3`); any other text as it is.
    pub fn from_cell(cell: &str) -> SiteValue {
        match cell.parse::<f64>() {
            Ok(x) if x.is_finite() && formula::number_text(x) == cell => SiteValue::Number(x),
            _ => SiteValue::Text(cell.to_string()),
        }
    }
}

impl std::fmt::Display for SiteValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SiteValue::Number(x) => write!(f, "{}", formula::number_text(*x)),
            SiteValue::Text(t) => write!(f, "{t}"),
        }
    }
}

/// A duration as a three-point estimate in working days. The scheduler plans on
/// `likely`; the simulation samples between `optimistic` and `pessimistic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    pub optimistic: i32,
    pub likely: i32,
    pub pessimistic: i32,
}

impl Estimate {
    /// An estimate with no spread.
    pub fn exact(days: i32) -> Estimate {
        Estimate { optimistic: days, likely: days, pessimistic: days }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    OnTrack,
    AtRisk,
    Blocked,
    Done,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::NotStarted, Status::OnTrack, Status::AtRisk, Status::Blocked, Status::Done];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::Blocked => "blocked",
            Status::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Person-days a team spends on an initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Effort {
    pub team: String,
    pub person_days: f64,
}

/// Where the initiative's card sits on the map (computed by the layout, moved by hand).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// A unit of work with one accountable owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub id: String,
    pub name: String,
    /// One named person, accountable for the work.
    pub owner: String,
    /// The team that does the work (id of a Team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    pub duration: Estimate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effort: Vec<Effort>,
    pub status: Status,
    /// Share done, 0-1.
    #[serde(default)]
    pub progress: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave: Option<String>,
    /// Constraint: the work cannot start before this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_no_earlier_than: Option<NaiveDate>,
    /// Deadline: the work must be finished by the end of this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_no_later_than: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Working days the initiative waits after the early start its handoffs and
    /// constraints allow (MS Project's leveling delay; set by an accepted leveling).
    #[serde(default, skip_serializing_if = "is_zero_i32")]
    pub leveling_delay: i32,
    /// 0-1000, higher first (MS Project's convention); 500 unless set.
    #[serde(default = "default_priority", skip_serializing_if = "is_default_priority")]
    pub priority: i32,
    /// What the initiative is worth, >= 0, in the plan's own unit (what to stop).
    #[serde(default, skip_serializing_if = "is_zero_f64")]
    pub value: f64,
    /// The day the work really started (with the plan's status date: it keeps this start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<NaiveDate>,
    /// The day the work really finished (with the plan's status date: it sits on its
    /// actual dates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_finish: Option<NaiveDate>,
    /// Working days of work left, as its owner sees it; when set it wins over `progress`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<i32>,
    /// When the owner last said where the work stands (set its status, progress,
    /// remaining work or actual dates, or confirmed them unchanged): the review rhythm's
    /// record. Edits write it; an import keeps what the file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Updated>,
    /// The template step this initiative is the instance of at its site, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<Instance>,
    /// The template-controlled fields this instance sets for itself (`name`, `duration`,
    /// `team`, `effort`, `owner`, `start_no_earlier_than`, `finish_no_later_than`,
    /// `handoffs`): a template change leaves them until the override is cleared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<String>,
    /// The priorities (ids) this work serves, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serves: Vec<String>,
    /// Set while the work is deferred (stopped for now, kept in the plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferred: Option<Deferral>,
    /// A start or finish the work is held to whatever its handoffs allow (MS Project's
    /// must-start-on and must-finish-on, a manually scheduled task): docs/scheduling.md,
    /// "Pinned dates".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<Pin>,
    /// The definition of done, in words: what must be true for the work to count as done
    /// (the schedule health check "owned by a person, with a definition of done").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub done_when: String,
}

/// When an initiative's progress was last stated: the plan's status date then (none when
/// the plan had none) and the moment, RFC 3339 in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Updated {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<NaiveDate>,
    pub at: String,
}

pub fn default_priority() -> i32 {
    500
}

fn is_default_priority(n: &i32) -> bool {
    *n == default_priority()
}

fn is_zero_i32(n: &i32) -> bool {
    *n == 0
}

fn is_zero_f64(n: &f64) -> bool {
    // A bit test, so that -0.0 is written and round-trips to the bit.
    n.to_bits() == 0
}

/// The owner an MS Project import gives a task whose Contact is empty (after its team's name
/// where it has one: "Fitters (no contact in MS Project)"): it keeps the plan valid, and the
/// checks treat it as no owner (`Initiative::has_stand_in_owner`).
pub const NO_CONTACT: &str = "no contact in MS Project";

/// An owner that is the stand-in an import gave ([`NO_CONTACT`]): nobody is named.
pub fn is_stand_in_owner(owner: &str) -> bool {
    let o = owner.trim();
    o == NO_CONTACT || o.strip_suffix(')').is_some_and(|r| r.ends_with(&format!("({NO_CONTACT}")))
}

impl Initiative {
    /// Its owner is the stand-in an import gave it: nobody is named.
    pub fn has_stand_in_owner(&self) -> bool {
        is_stand_in_owner(&self.owner)
    }

    /// A milestone is an initiative that takes no time in any case: its three-point
    /// estimate is 0, 0, 0 (docs/plan-format.md). The one rule for it: the schedule's
    /// milestones, the simulation's, the brief's marks and MS Project's Milestone flag.
    pub fn is_milestone(&self) -> bool {
        self.duration.optimistic == 0 && self.duration.likely == 0 && self.duration.pessimistic == 0
    }

    /// The person-days this initiative asks of each team, as capacity, leveling and the
    /// brief count them: its effort rows summed per team (a team listed twice counts once,
    /// in the order first listed). One that states no effort but has a team and working
    /// days asks one person of that team on each of them, Microsoft Project's default
    /// assignment (`effort_is_assumed`): a plan whose effort nobody typed is not green by
    /// omission. An effort row of 0 person-days says "asks nothing" and is kept as such.
    pub fn effort_by_team(&self) -> Vec<(&str, f64)> {
        if self.effort.is_empty() {
            return match &self.team {
                Some(team) if self.duration.likely > 0 => vec![(team.as_str(), f64::from(self.duration.likely))],
                _ => Vec::new(),
            };
        }
        let mut out: Vec<(&str, f64)> = Vec::with_capacity(self.effort.len());
        for e in &self.effort {
            match out.iter_mut().find(|x| x.0 == e.team) {
                Some(x) => x.1 += e.person_days,
                None => out.push((e.team.as_str(), e.person_days)),
            }
        }
        out
    }

    /// Whether `effort_by_team` assumes the default (one person of its team per working
    /// day) because the initiative states no effort.
    pub fn effort_is_assumed(&self) -> bool {
        self.effort.is_empty() && self.team.is_some() && self.duration.likely > 0
    }

    /// Whether the work has begun by what the plan says of it: an actual date, progress, or a
    /// status of done. The one rule for "not started" of the schedule with a status date,
    /// leveling, the review rhythm and the baseline's missed starts.
    pub fn has_begun(&self) -> bool {
        self.actual_start.is_some() || self.actual_finish.is_some() || self.progress > 0.0 || self.status == Status::Done
    }

    /// Whether the initiative asks any team for some person-days (stated or assumed).
    pub fn asks_effort(&self) -> bool {
        self.effort_is_assumed() || self.effort.iter().any(|e| e.person_days > 0.0)
    }

    /// A not-started initiative with a fixed duration and nothing else set.
    pub fn new(id: &str, name: &str, owner: &str, days: i32) -> Initiative {
        Initiative {
            id: id.to_string(),
            name: name.to_string(),
            owner: owner.to_string(),
            team: None,
            duration: Estimate::exact(days),
            effort: Vec::new(),
            status: Status::NotStarted,
            progress: 0.0,
            site: None,
            wave: None,
            start_no_earlier_than: None,
            finish_no_later_than: None,
            position: None,
            notes: String::new(),
            leveling_delay: 0,
            priority: default_priority(),
            value: 0.0,
            actual_start: None,
            actual_finish: None,
            remaining: None,
            updated: None,
            instance: None,
            overrides: Vec::new(),
            serves: Vec::new(),
            deferred: None,
            pinned: None,
            done_when: String::new(),
        }
    }

    /// Whether the work is deferred (`deferred` set): the one rule for what the schedule, the
    /// forecast, the capacity load and the findings that need dates leave out.
    pub fn is_deferred(&self) -> bool {
        self.deferred.is_some()
    }

    /// Whether the work is held to a pinned start or finish (`pinned` set): the one rule the
    /// schedule, leveling and the simulation read. Actual dates win over it (done or started
    /// work sits on its actuals) and deferred work stays out, as without a pin.
    pub fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }
}

/// Which ends of the two initiatives a handoff ties together (MS Project's link types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Kind {
    /// The receiver starts after the giver finishes.
    FS,
    /// The receiver starts after the giver starts.
    SS,
    /// The receiver finishes after the giver finishes.
    FF,
    /// The receiver finishes after the giver starts.
    SF,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::FS => "FS",
            Kind::SS => "SS",
            Kind::FF => "FF",
            Kind::SF => "SF",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        [Kind::FS, Kind::SS, Kind::FF, Kind::SF].into_iter().find(|k| k.as_str() == s)
    }
}

/// A dependency seen as what it is: one team handing something to another, with an owner
/// of the seam and the assumption the receiving side makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    pub id: String,
    /// The initiative that delivers (predecessor).
    pub from: String,
    /// The initiative that receives (successor).
    pub to: String,
    #[serde(default = "default_kind")]
    pub kind: Kind,
    /// Working days; negative is a lead.
    #[serde(default)]
    pub lag: i32,
    /// Who owns the seam. Empty means nobody does: a finding, not an error.
    #[serde(default)]
    pub owner: String,
    /// What the receiving side assumes, in words.
    #[serde(default)]
    pub assumption: String,
    /// The receiving side confirmed the assumption.
    #[serde(default)]
    pub confirmed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

fn default_kind() -> Kind {
    Kind::FS
}

impl Handoff {
    /// A finish-to-start handoff without lag, owner or assumption.
    pub fn fs(id: &str, from: &str, to: &str) -> Handoff {
        Handoff {
            id: id.to_string(),
            from: from.to_string(),
            to: to.to_string(),
            kind: Kind::FS,
            lag: 0,
            owner: String::new(),
            assumption: String::new(),
            confirmed: false,
            due: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    Open,
    Mitigating,
    Closed,
}

impl RiskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskStatus::Open => "open",
            RiskStatus::Mitigating => "mitigating",
            RiskStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<RiskStatus> {
        [RiskStatus::Open, RiskStatus::Mitigating, RiskStatus::Closed].into_iter().find(|k| k.as_str() == s)
    }
}

/// Something that may happen and hurt the initiatives it is linked to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub owner: String,
    /// 0-1. Shown on a 1-5 scale.
    pub probability: f64,
    /// 1-5.
    pub impact: i32,
    #[serde(default)]
    pub mitigation: String,
    pub status: RiskStatus,
    /// Ids of the initiatives it hits.
    #[serde(default)]
    pub initiatives: Vec<String>,
    /// Working days added to each linked initiative if the risk fires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_impact: Option<Estimate>,
}
