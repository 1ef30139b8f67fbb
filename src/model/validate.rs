//! Validation: what makes a plan meaningless, as named errors.
//!
//! An imperfect plan (an unowned handoff, an unconfirmed assumption) is not invalid; that
//! is for `health` to report as findings. Errors here are only what no analysis can work
//! around: a reference to nothing, a link of an initiative to itself, a negative duration,
//! a probability of 1.4. Each rule is written once, per entity, so that the full check of
//! an imported plan and the check of a single edit in the store are the same rule.

use std::collections::HashSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use serde::Serialize;
use thiserror::Error;
use ts_rs::TS;

use super::{Handoff, Initiative, Plan, Risk, Site, Team, Wave};

/// One reason a plan is invalid. Each names the thing it is about.
#[derive(Debug, Clone, PartialEq, Error, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ValidationError {
    #[error("{kind} has an empty id")]
    EmptyId { kind: String },
    #[error("{kind} id '{id}' is used twice")]
    DuplicateId { kind: String, id: String },
    #[error("{kind} '{id}': {field} '{target}' is not a known {target_kind}")]
    Dangling { kind: String, id: String, field: String, target_kind: String, target: String },
    #[error("{kind} '{id}' lists {what} '{target}' twice")]
    Repeated { kind: String, id: String, what: String, target: String },
    #[error("handoff '{id}' links initiative '{initiative}' to itself")]
    SelfLink { id: String, initiative: String },
    #[error("handoff '{id}' duplicates handoff '{other}' ({from} -> {to}); one handoff per pair of initiatives")]
    DuplicateHandoff { id: String, other: String, from: String, to: String },
    #[error("initiative '{id}': {field} is {value} days; durations cannot be negative")]
    NegativeDuration { id: String, field: String, value: i32 },
    #[error("initiative '{id}': estimate must be optimistic <= likely <= pessimistic, got {optimistic} / {likely} / {pessimistic}")]
    EstimateOrder { id: String, optimistic: i32, likely: i32, pessimistic: i32 },
    #[error("{kind} '{id}': {field} is {value}, must be between {min} and {max}")]
    OutOfRange { kind: String, id: String, field: String, value: f64, min: f64, max: f64 },
    #[error("{kind} '{id}' has no owner; every {kind} needs one named person accountable")]
    EmptyOwner { kind: String, id: String },
    #[error("{kind} '{id}' has an empty {field}")]
    EmptyField { kind: String, id: String, field: String },
    #[error("handoffs form a cycle: {}", closed_loop(members))]
    Cycle { members: Vec<String> },
    #[error("calendar: {reason}")]
    Calendar { reason: String },
}

/// The ids of a plan, to check references without scanning. Owned, so the store can keep
/// one alive next to its plan and update it edit by edit.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub initiatives: FxHashSet<String>,
    pub teams: FxHashSet<String>,
    pub sites: FxHashSet<String>,
    pub waves: FxHashSet<String>,
    pub risks: FxHashSet<String>,
    /// handoff id -> (from, to)
    pub handoffs: HashMap<String, (String, String)>,
    /// (from, to) -> the first handoff id with that pair
    pub pairs: HashMap<(String, String), String>,
    /// from -> the initiatives it hands off to (one entry per handoff)
    pub successors: HashMap<String, Vec<String>>,
}

impl Index {
    pub fn of(plan: &Plan) -> Index {
        let mut ix = Index::default();
        let n = plan.handoffs.len();
        ix.initiatives.reserve(plan.initiatives.len());
        ix.handoffs.reserve(n);
        ix.pairs.reserve(n);
        ix.successors.reserve(plan.initiatives.len());
        ix.initiatives.extend(plan.initiatives.iter().map(|i| i.id.clone()));
        ix.teams.extend(plan.teams.iter().map(|t| t.id.clone()));
        ix.sites.extend(plan.sites.iter().map(|s| s.id.clone()));
        ix.waves.extend(plan.waves.iter().map(|w| w.id.clone()));
        ix.risks.extend(plan.risks.iter().map(|r| r.id.clone()));
        for h in &plan.handoffs {
            ix.add_handoff(h);
        }
        ix
    }

    pub fn add_handoff(&mut self, h: &Handoff) {
        self.successors.entry(h.from.clone()).or_default().push(h.to.clone());
        self.handoffs.entry(h.id.clone()).or_insert_with(|| (h.from.clone(), h.to.clone()));
        self.pairs.entry((h.from.clone(), h.to.clone())).or_insert_with(|| h.id.clone());
    }

    pub fn remove_handoff(&mut self, id: &str) {
        if let Some(pair) = self.handoffs.remove(id) {
            if let Some(list) = self.successors.get_mut(&pair.0) {
                if let Some(k) = list.iter().position(|t| *t == pair.1) {
                    list.swap_remove(k);
                }
            }
            if self.pairs.get(&pair).map(String::as_str) == Some(id) {
                self.pairs.remove(&pair);
            }
        }
    }
}

/// `a -> b -> c -> a`: a cycle written so that a reader sees it close.
pub fn closed_loop(members: &[String]) -> String {
    let mut parts: Vec<&str> = members.iter().map(String::as_str).collect();
    if let Some(first) = members.first() {
        parts.push(first);
    }
    parts.join(" -> ")
}

fn s(x: &str) -> String {
    x.to_string()
}

fn range(out: &mut Vec<ValidationError>, kind: &str, id: &str, field: &str, value: f64, min: f64, max: f64) {
    if !(value >= min && value <= max) {
        out.push(ValidationError::OutOfRange { kind: s(kind), id: s(id), field: s(field), value, min, max });
    }
}

fn reference(out: &mut Vec<ValidationError>, set: &FxHashSet<String>, kind: &str, id: &str, field: &str, target_kind: &str, target: &str) {
    if !set.contains(target) {
        out.push(ValidationError::Dangling { kind: s(kind), id: s(id), field: s(field), target_kind: s(target_kind), target: s(target) });
    }
}

fn nonempty(out: &mut Vec<ValidationError>, kind: &str, id: &str, field: &str, value: &str) {
    if value.trim().is_empty() {
        out.push(ValidationError::EmptyField { kind: s(kind), id: s(id), field: s(field) });
    }
}

pub fn validate_team(t: &Team) -> Vec<ValidationError> {
    let mut out = Vec::new();
    nonempty(&mut out, "team", &t.id, "name", &t.name);
    range(&mut out, "team", &t.id, "fte", t.fte, 0.0, 1e6);
    range(&mut out, "team", &t.id, "utilization_target", t.utilization_target, 0.0, 1.0);
    out
}

pub fn validate_wave(w: &Wave) -> Vec<ValidationError> {
    let mut out = Vec::new();
    nonempty(&mut out, "wave", &w.id, "name", &w.name);
    out
}

pub fn validate_site(x: &Site, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    nonempty(&mut out, "site", &x.id, "name", &x.name);
    if let Some(w) = &x.wave {
        reference(&mut out, &ix.waves, "site", &x.id, "wave", "wave", w);
    }
    out
}

pub fn validate_initiative(i: &Initiative, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    let id = i.id.as_str();
    nonempty(&mut out, "initiative", id, "name", &i.name);
    if i.owner.trim().is_empty() {
        out.push(ValidationError::EmptyOwner { kind: s("initiative"), id: s(id) });
    }
    let d = i.duration;
    let mut negative = false;
    for (field, value) in [("optimistic duration", d.optimistic), ("likely duration", d.likely), ("pessimistic duration", d.pessimistic)] {
        if value < 0 {
            negative = true;
            out.push(ValidationError::NegativeDuration { id: s(id), field: s(field), value });
        }
    }
    if !negative && !(d.optimistic <= d.likely && d.likely <= d.pessimistic) {
        out.push(ValidationError::EstimateOrder { id: s(id), optimistic: d.optimistic, likely: d.likely, pessimistic: d.pessimistic });
    }
    range(&mut out, "initiative", id, "progress", i.progress, 0.0, 1.0);
    if let Some(t) = &i.team {
        reference(&mut out, &ix.teams, "initiative", id, "team", "team", t);
    }
    if let Some(x) = &i.site {
        reference(&mut out, &ix.sites, "initiative", id, "site", "site", x);
    }
    if let Some(w) = &i.wave {
        reference(&mut out, &ix.waves, "initiative", id, "wave", "wave", w);
    }
    let mut seen = HashSet::new();
    for e in &i.effort {
        reference(&mut out, &ix.teams, "initiative", id, "effort team", "team", &e.team);
        range(&mut out, "initiative", id, &format!("effort of team '{}'", e.team), e.person_days, 0.0, 1e9);
        if !seen.insert(e.team.as_str()) {
            out.push(ValidationError::Repeated { kind: s("initiative"), id: s(id), what: s("effort of team"), target: e.team.clone() });
        }
    }
    out
}

pub fn validate_handoff(h: &Handoff, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    reference(&mut out, &ix.initiatives, "handoff", &h.id, "from", "initiative", &h.from);
    reference(&mut out, &ix.initiatives, "handoff", &h.id, "to", "initiative", &h.to);
    if h.from == h.to {
        out.push(ValidationError::SelfLink { id: h.id.clone(), initiative: h.from.clone() });
    }
    if let Some(other) = ix.pairs.get(&(h.from.clone(), h.to.clone())) {
        if *other != h.id {
            out.push(ValidationError::DuplicateHandoff { id: h.id.clone(), other: other.clone(), from: h.from.clone(), to: h.to.clone() });
        }
    }
    out
}

pub fn validate_risk(r: &Risk, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    let id = r.id.as_str();
    nonempty(&mut out, "risk", id, "title", &r.title);
    if r.owner.trim().is_empty() {
        out.push(ValidationError::EmptyOwner { kind: s("risk"), id: s(id) });
    }
    range(&mut out, "risk", id, "probability", r.probability, 0.0, 1.0);
    range(&mut out, "risk", id, "impact", f64::from(r.impact), 1.0, 5.0);
    let mut seen = HashSet::new();
    for i in &r.initiatives {
        reference(&mut out, &ix.initiatives, "risk", id, "initiative", "initiative", i);
        if !seen.insert(i.as_str()) {
            out.push(ValidationError::Repeated { kind: s("risk"), id: s(id), what: s("initiative"), target: i.clone() });
        }
    }
    if let Some(e) = r.schedule_impact {
        if e.optimistic < 0 || !(e.optimistic <= e.likely && e.likely <= e.pessimistic) {
            out.push(ValidationError::OutOfRange {
                kind: s("risk"),
                id: s(id),
                field: s("schedule impact (min <= likely <= max, not negative)"),
                value: f64::from(e.optimistic),
                min: 0.0,
                max: f64::from(e.pessimistic.max(0)),
            });
        }
    }
    out
}

fn ids<'a>(out: &mut Vec<ValidationError>, kind: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            out.push(ValidationError::EmptyId { kind: s(kind) });
        } else if !seen.insert(id) {
            out.push(ValidationError::DuplicateId { kind: s(kind), id: s(id) });
        }
    }
}

/// Every model-level error of a plan, in a stable order. Cycles are found by
/// `graph::find_cycle`; `health::check` runs both.
pub fn validate(plan: &Plan) -> Vec<ValidationError> {
    let mut out = Vec::new();
    if let Err(e) = plan.calendar.anchored(plan.start) {
        out.push(ValidationError::Calendar { reason: e.to_string() });
    }
    ids(&mut out, "team", plan.teams.iter().map(|x| x.id.as_str()));
    ids(&mut out, "wave", plan.waves.iter().map(|x| x.id.as_str()));
    ids(&mut out, "site", plan.sites.iter().map(|x| x.id.as_str()));
    ids(&mut out, "initiative", plan.initiatives.iter().map(|x| x.id.as_str()));
    ids(&mut out, "handoff", plan.handoffs.iter().map(|x| x.id.as_str()));
    ids(&mut out, "risk", plan.risks.iter().map(|x| x.id.as_str()));
    let ix = Index::of(plan);
    out.extend(plan.teams.iter().flat_map(validate_team));
    out.extend(plan.waves.iter().flat_map(validate_wave));
    out.extend(plan.sites.iter().flat_map(|x| validate_site(x, &ix)));
    out.extend(plan.initiatives.iter().flat_map(|x| validate_initiative(x, &ix)));
    out.extend(plan.handoffs.iter().flat_map(|x| validate_handoff(x, &ix)));
    out.extend(plan.risks.iter().flat_map(|x| validate_risk(x, &ix)));
    out
}
