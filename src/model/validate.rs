//! Validation: what makes a plan meaningless, as named errors.
//!
//! An imperfect plan (an unowned handoff, an unconfirmed assumption) is not invalid; that
//! is for `health` to report as findings. Errors here are only what no analysis can work
//! around: a reference to nothing, a link of an initiative to itself, a negative duration,
//! a probability of 1.4. Each rule is written once, per entity, so that the full check of
//! an imported plan and the check of a single edit in the store are the same rule.

use std::collections::hash_map::Entry;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use serde::Serialize;
use thiserror::Error;
use ts_rs::TS;

use super::{Handoff, Initiative, PinAt, Plan, PlanSettings, Priority, Risk, Site, Team, Wave};

/// The bounds validation puts on a plan, so that whatever `check` accepts every analysis
/// accepts: every date the schedule can reach is a date, and every sum of days along a
/// path fits its integers with room to spare. They are far beyond any real plan.
pub mod limits {
    use chrono::NaiveDate;

    /// The first date a plan may name (its start, a constraint, a due date, a holiday).
    pub const FIRST_DATE: NaiveDate = date(1900, 1, 1);
    /// The last date a plan may name. chrono reaches +262142-12-31; the room after 9999 is
    /// where the longest allowed plan ends on the sparsest calendar (one working day a
    /// week): 9999-12-31 + 7 x `MAX_HORIZON` days is about the year 201,700.
    pub const LAST_DATE: NaiveDate = date(9999, 12, 31);
    /// Working days of one duration (each point of a three-point estimate) or of a risk's
    /// schedule impact: about 385 years of five-day weeks.
    pub const MAX_DURATION: i32 = 100_000;
    /// Working days of a handoff's lag or lead (either sign).
    pub const MAX_LAG: i32 = 100_000;
    /// The plan's horizon: every pessimistic duration, every leveling delay, every positive
    /// lag and every risk impact (once per initiative it hits) added end to end, in working
    /// days. No path
    /// through the plan can be longer, so no date of any analysis lies further than this
    /// past the latest start-no-earlier-than date.
    pub const MAX_HORIZON: i64 = 10_000_000;
    /// People (FTE) of one team.
    pub const MAX_FTE: f64 = 1e6;
    /// Person-days of one team's effort on one initiative.
    pub const MAX_EFFORT: f64 = 1e9;
    /// A card's position on the map, either coordinate.
    pub const MAX_POSITION: f64 = 1e9;
    /// Working days of an initiative's leveling delay (as one duration).
    pub const MAX_LEVELING_DELAY: i32 = MAX_DURATION;
    /// An initiative's priority: 0-1000, MS Project's scale.
    pub const MAX_PRIORITY: i32 = 1000;
    /// An initiative's value, in the plan's own unit.
    pub const MAX_VALUE: f64 = 1e15;
    /// Calendar days between two reviews of a plan: a year at most.
    pub const MAX_REVIEW_DAYS: i32 = 366;
    /// A strategic priority's rank: 1 (the highest) to this.
    pub const MAX_RANK: i32 = 1_000_000;

    const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        match NaiveDate::from_ymd_opt(y, m, d) {
            Some(d) => d,
            None => NaiveDate::MIN,
        }
    }
}

use limits::*;

mod template;
use template::template_rules;
pub use template::validate_template;

/// One reason a plan is invalid. Each names the thing it is about.
#[derive(Debug, Clone, PartialEq, Error, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ValidationError {
    #[error("{kind} has an empty id")]
    EmptyId { kind: String },
    #[error("{kind} id '{id}' is used twice")]
    DuplicateId { kind: String, id: String },
    #[error("{kind} id '{}' holds a control character; ids are typed and printed, so they cannot hold one", escaped(.id))]
    ControlCharacter { kind: String, id: String },
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
    #[error("{kind} '{id}': {field} is {value}, must be between {min} and {max}")]
    DateOutOfRange { kind: String, id: String, field: String, value: NaiveDate, min: NaiveDate, max: NaiveDate },
    #[error(
        "the plan is too long to date: its pessimistic durations, leveling delays, positive lags and risk impacts add up to {total} working days end to end, more than {limit}"
    )]
    Horizon { total: i64, limit: i64 },
    #[error("{kind} '{id}' has no owner; every {kind} needs one named person accountable")]
    EmptyOwner { kind: String, id: String },
    #[error("{kind} '{id}' has an empty {field}")]
    EmptyField { kind: String, id: String, field: String },
    #[error("handoffs form a cycle: {}", closed_loop(members))]
    Cycle { members: Vec<String> },
    #[error("handoffs form {count} more cycle(s) among other initiatives (fix the ones named first)")]
    MoreCycles { count: usize },
    #[error("calendar: {reason}")]
    Calendar { reason: String },
    #[error("team '{id}': capacity change of {date} comes after the one of {previous}; list them in date order")]
    CapacityOrder { id: String, date: NaiveDate, previous: NaiveDate },
    #[error("initiative '{id}': actual finish {finish} comes before its actual start {start}")]
    ActualOrder { id: String, start: NaiveDate, finish: NaiveDate },
    /// A text or a formula that cannot be read (a template's placeholders and formulas, a
    /// site's value names).
    #[error("{kind} '{id}': {field} '{text}' {reason}")]
    Unreadable { kind: String, id: String, field: String, text: String, reason: String },
    #[error("priorities '{first}' and '{second}' both have rank {rank}; each rank is held by one priority")]
    DuplicateRank { rank: i32, first: String, second: String },
}

/// An id as it can be printed: control characters shown as `\u{1b}`.
fn escaped(id: &str) -> String {
    id.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// The ids one entity's rules refer to, owned: what the store looks up in the file for
/// an edit (each referenced id that exists) so that the rules run unchanged against it.
/// A whole plan is checked through borrowed sets instead (`validate`).
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub initiatives: FxHashSet<String>,
    pub teams: FxHashSet<String>,
    pub sites: FxHashSet<String>,
    pub waves: FxHashSet<String>,
    pub templates: FxHashSet<String>,
    pub priorities: FxHashSet<String>,
    /// (from, to) -> the first handoff id with that pair
    pub pairs: HashMap<(String, String), String>,
}

/// `a -> b -> c -> a`: a cycle written so that a reader sees it close.
pub fn closed_loop(members: &[String]) -> String {
    let mut parts: Vec<&str> = members.iter().map(String::as_str).collect();
    if let Some(first) = members.first() {
        parts.push(first);
    }
    parts.join(" -> ")
}

/// Which ids exist elsewhere in the plan: what the rules of one entity need to know.
/// The store answers from its `Index` (one edit); a whole plan from borrowed sets.
trait Known {
    fn initiative(&self, id: &str) -> bool;
    fn team(&self, id: &str) -> bool;
    fn site(&self, id: &str) -> bool;
    fn wave(&self, id: &str) -> bool;
    fn template(&self, id: &str) -> bool;
    fn priority(&self, id: &str) -> bool;
}

impl Known for Index {
    fn initiative(&self, id: &str) -> bool {
        self.initiatives.contains(id)
    }
    fn team(&self, id: &str) -> bool {
        self.teams.contains(id)
    }
    fn site(&self, id: &str) -> bool {
        self.sites.contains(id)
    }
    fn wave(&self, id: &str) -> bool {
        self.waves.contains(id)
    }
    fn template(&self, id: &str) -> bool {
        self.templates.contains(id)
    }
    fn priority(&self, id: &str) -> bool {
        self.priorities.contains(id)
    }
}

/// The ids of a whole plan, borrowed: no string is copied to validate a plan.
struct PlanIds<'p> {
    initiatives: HashMap<&'p str, u32>,
    teams: FxHashSet<&'p str>,
    sites: FxHashSet<&'p str>,
    waves: FxHashSet<&'p str>,
    templates: FxHashSet<&'p str>,
    priorities: FxHashSet<&'p str>,
}

impl Known for PlanIds<'_> {
    fn initiative(&self, id: &str) -> bool {
        self.initiatives.contains_key(id)
    }
    fn team(&self, id: &str) -> bool {
        self.teams.contains(id)
    }
    fn site(&self, id: &str) -> bool {
        self.sites.contains(id)
    }
    fn wave(&self, id: &str) -> bool {
        self.waves.contains(id)
    }
    fn template(&self, id: &str) -> bool {
        self.templates.contains(id)
    }
    fn priority(&self, id: &str) -> bool {
        self.priorities.contains(id)
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

fn range(out: &mut Vec<ValidationError>, kind: &str, id: &str, field: impl FnOnce() -> String, value: f64, min: f64, max: f64) {
    if !(value >= min && value <= max) {
        out.push(ValidationError::OutOfRange { kind: s(kind), id: s(id), field: field(), value, min, max });
    }
}

fn date_range(out: &mut Vec<ValidationError>, kind: &str, id: &str, field: &str, value: Option<NaiveDate>) {
    if let Some(value) = value {
        if !(FIRST_DATE..=LAST_DATE).contains(&value) {
            out.push(ValidationError::DateOutOfRange { kind: s(kind), id: s(id), field: s(field), value, min: FIRST_DATE, max: LAST_DATE });
        }
    }
}

fn reference(out: &mut Vec<ValidationError>, known: bool, kind: &str, id: &str, field: &str, target_kind: &str, target: &str) {
    if !known {
        out.push(ValidationError::Dangling { kind: s(kind), id: s(id), field: s(field), target_kind: s(target_kind), target: s(target) });
    }
}

fn nonempty(out: &mut Vec<ValidationError>, kind: &str, id: &str, field: &str, value: &str) {
    if value.trim().is_empty() {
        out.push(ValidationError::EmptyField { kind: s(kind), id: s(id), field: s(field) });
    }
}

/// Ids are typed on command lines and printed on terminals: no control characters.
fn id_chars(out: &mut Vec<ValidationError>, kind: &str, id: &str) {
    // Most ids are printable ASCII, told by one look at each byte; past it (C0, DEL, or
    // anything not ASCII) the characters decide.
    if id.bytes().any(|b| !(b' '..b'\x7f').contains(&b)) && id.chars().any(char::is_control) {
        out.push(ValidationError::ControlCharacter { kind: s(kind), id: s(id) });
    }
}

/// The keys of `items` that an earlier item already has. Linear for the short lists a
/// plan has (effort per team, initiatives of a risk), a set past that.
fn repeats<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a str) -> Vec<&'a str> {
    let mut out = Vec::new();
    if items.len() <= 16 {
        for (k, x) in items.iter().enumerate() {
            if items[..k].iter().any(|y| key(y) == key(x)) {
                out.push(key(x));
            }
        }
    } else {
        let mut seen = FxHashSet::default();
        for x in items {
            if !seen.insert(key(x)) {
                out.push(key(x));
            }
        }
    }
    out
}

pub fn validate_team(t: &Team) -> Vec<ValidationError> {
    let mut out = Vec::new();
    team_rules(&mut out, t);
    out
}

fn team_rules(out: &mut Vec<ValidationError>, t: &Team) {
    id_chars(out, "team", &t.id);
    nonempty(out, "team", &t.id, "name", &t.name);
    range(out, "team", &t.id, || s("fte"), t.fte, 0.0, MAX_FTE);
    range(out, "team", &t.id, || s("utilization_target"), t.utilization_target, 0.0, 1.0);
    range(out, "team", &t.id, || s("correlation"), t.correlation, 0.0, 1.0);
    for (k, c) in t.capacity.iter().enumerate() {
        range(out, "team", &t.id, || format!("fte from {}", c.from), c.fte, 0.0, MAX_FTE);
        date_range(out, "team", &t.id, "capacity change date", Some(c.from));
        if let Some(previous) = k.checked_sub(1).and_then(|p| t.capacity.get(p)) {
            if c.from == previous.from {
                out.push(ValidationError::Repeated {
                    kind: s("team"),
                    id: t.id.clone(),
                    what: s("capacity change date"),
                    target: c.from.to_string(),
                });
            } else if c.from < previous.from {
                out.push(ValidationError::CapacityOrder { id: t.id.clone(), date: c.from, previous: previous.from });
            }
        }
    }
}

pub fn validate_wave(w: &Wave, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    wave_rules(&mut out, w, ix);
    out
}

fn wave_rules(out: &mut Vec<ValidationError>, w: &Wave, known: &impl Known) {
    id_chars(out, "wave", &w.id);
    nonempty(out, "wave", &w.id, "name", &w.name);
    for (field, target) in w.gate.iter().map(|g| (s("gate"), g)).chain(w.completion.iter().map(|c| (s("completion"), c))) {
        reference(out, known.initiative(target), "wave", &w.id, &field, "initiative", target);
    }
    for (anchor, target) in &w.anchors {
        reference(out, known.initiative(target), "wave", &w.id, &format!("anchor '{anchor}'"), "initiative", target);
    }
}

pub fn validate_priority(p: &Priority) -> Vec<ValidationError> {
    let mut out = Vec::new();
    priority_rules(&mut out, p);
    out
}

/// A priority's own rules. Its owner may be blank (a finding, `priority-owner-not-a-person`);
/// that its rank is unique is a rule of the plan (`duplicate_ranks`).
fn priority_rules(out: &mut Vec<ValidationError>, p: &Priority) {
    id_chars(out, "priority", &p.id);
    nonempty(out, "priority", &p.id, "name", &p.name);
    range(out, "priority", &p.id, || s("rank"), f64::from(p.rank), 1.0, f64::from(MAX_RANK));
    date_range(out, "priority", &p.id, "target", p.target);
}

/// Each rank held by two priorities, naming the first two (ranks given as (id, rank), in
/// list order): the plan's rule, checked once a whole plan, or an edit or batch, is done,
/// so that a batch may swap two ranks.
pub fn duplicate_ranks<'a>(ranks: impl IntoIterator<Item = (&'a str, i32)>) -> Vec<ValidationError> {
    let mut first: HashMap<i32, &str> = HashMap::default();
    let mut out = Vec::new();
    for (id, rank) in ranks {
        match first.entry(rank) {
            Entry::Vacant(v) => {
                v.insert(id);
            }
            Entry::Occupied(o) => out.push(ValidationError::DuplicateRank { rank, first: s(o.get()), second: s(id) }),
        }
    }
    out
}

pub fn validate_site(x: &Site, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    site_rules(&mut out, x, ix);
    out
}

fn site_rules(out: &mut Vec<ValidationError>, x: &Site, known: &impl Known) {
    id_chars(out, "site", &x.id);
    nonempty(out, "site", &x.id, "name", &x.name);
    if let Some(w) = &x.wave {
        reference(out, known.wave(w), "site", &x.id, "wave", "wave", w);
    }
    for (name, value) in &x.values {
        let bad = |reason: &str| ValidationError::Unreadable {
            kind: s("site"),
            id: x.id.clone(),
            field: s("value name"),
            text: name.clone(),
            reason: s(reason),
        };
        if name.trim().is_empty() || name.trim() != name {
            out.push(bad("is empty or starts or ends with a space"));
        } else if name.contains(['{', '}']) || name.starts_with(super::ANCHOR) {
            out.push(bad("holds a brace or starts with '@'; a template names the value as {name}"));
        } else if super::RESERVED.contains(&name.as_str()) {
            out.push(bad("is a name templates keep for themselves (site, wave, crew, lead)"));
        }
        if let super::SiteValue::Number(v) = value {
            range(out, "site", &x.id, || format!("value '{name}'"), *v, -1e15, 1e15);
        }
    }
}

pub fn validate_initiative(i: &Initiative, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    initiative_rules(&mut out, i, ix);
    out
}

fn initiative_rules(out: &mut Vec<ValidationError>, i: &Initiative, known: &impl Known) {
    let id = i.id.as_str();
    id_chars(out, "initiative", id);
    nonempty(out, "initiative", id, "name", &i.name);
    if i.owner.trim().is_empty() {
        out.push(ValidationError::EmptyOwner { kind: s("initiative"), id: s(id) });
    }
    let d = i.duration;
    let mut bad = false;
    for (field, value) in [("optimistic duration", d.optimistic), ("likely duration", d.likely), ("pessimistic duration", d.pessimistic)] {
        if value < 0 {
            bad = true;
            out.push(ValidationError::NegativeDuration { id: s(id), field: s(field), value });
        } else if value > MAX_DURATION {
            bad = true;
            range(out, "initiative", id, || s(field), f64::from(value), 0.0, f64::from(MAX_DURATION));
        }
    }
    if !bad && !(d.optimistic <= d.likely && d.likely <= d.pessimistic) {
        out.push(ValidationError::EstimateOrder { id: s(id), optimistic: d.optimistic, likely: d.likely, pessimistic: d.pessimistic });
    }
    range(out, "initiative", id, || s("progress"), i.progress, 0.0, 1.0);
    range(out, "initiative", id, || s("leveling_delay"), f64::from(i.leveling_delay), 0.0, f64::from(MAX_LEVELING_DELAY));
    range(out, "initiative", id, || s("priority"), f64::from(i.priority), 0.0, f64::from(MAX_PRIORITY));
    range(out, "initiative", id, || s("value"), i.value, 0.0, MAX_VALUE);
    date_range(out, "initiative", id, "start_no_earlier_than", i.start_no_earlier_than);
    date_range(out, "initiative", id, "finish_no_later_than", i.finish_no_later_than);
    date_range(out, "initiative", id, "actual_start", i.actual_start);
    date_range(out, "initiative", id, "actual_finish", i.actual_finish);
    if let (Some(start), Some(finish)) = (i.actual_start, i.actual_finish) {
        if finish < start {
            out.push(ValidationError::ActualOrder { id: s(id), start, finish });
        }
    }
    if let Some(r) = i.remaining {
        range(out, "initiative", id, || s("remaining"), f64::from(r), 0.0, f64::from(MAX_DURATION));
    }
    if let Some(u) = &i.updated {
        date_range(out, "initiative", id, "updated status_date", u.status_date);
    }
    if let Some(p) = i.position {
        range(out, "initiative", id, || s("position x"), p.x, -MAX_POSITION, MAX_POSITION);
        range(out, "initiative", id, || s("position y"), p.y, -MAX_POSITION, MAX_POSITION);
    }
    if let Some(t) = &i.team {
        reference(out, known.team(t), "initiative", id, "team", "team", t);
    }
    if let Some(x) = &i.site {
        reference(out, known.site(x), "initiative", id, "site", "site", x);
    }
    if let Some(w) = &i.wave {
        reference(out, known.wave(w), "initiative", id, "wave", "wave", w);
    }
    for e in &i.effort {
        reference(out, known.team(&e.team), "initiative", id, "effort team", "team", &e.team);
        range(out, "initiative", id, || format!("effort of team '{}'", e.team), e.person_days, 0.0, MAX_EFFORT);
    }
    for team in repeats(&i.effort, |e| e.team.as_str()) {
        out.push(ValidationError::Repeated { kind: s("initiative"), id: s(id), what: s("effort of team"), target: s(team) });
    }
    if let Some(x) = &i.instance {
        reference(out, known.template(&x.template), "initiative", id, "instance template", "template", &x.template);
    }
    for p in &i.serves {
        reference(out, known.priority(p), "initiative", id, "serves", "priority", p);
    }
    for p in repeats(&i.serves, String::as_str) {
        out.push(ValidationError::Repeated { kind: s("initiative"), id: s(id), what: s("priority"), target: s(p) });
    }
    if let Some(d) = &i.deferred {
        date_range(out, "initiative", id, "deferred since", Some(d.since));
    }
    if let Some(p) = &i.pinned {
        date_range(out, "initiative", id, if p.at == PinAt::Start { "pinned start" } else { "pinned finish" }, Some(p.date));
    }
    for o in &i.overrides {
        if !super::template::OVERRIDABLE.contains(&o.as_str()) {
            out.push(ValidationError::Dangling {
                kind: s("initiative"),
                id: s(id),
                field: s("overrides"),
                target_kind: format!("template-controlled field ({})", super::template::OVERRIDABLE.join(", ")),
                target: o.clone(),
            });
        }
    }
}

pub fn validate_handoff(h: &Handoff, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    let other = ix.pairs.get(&(h.from.clone(), h.to.clone())).map(String::as_str);
    handoff_rules(&mut out, h, ix.initiatives.contains(&h.from), ix.initiatives.contains(&h.to), other);
    out
}

/// `other`: the first handoff between the same two initiatives, if any (maybe `h`).
fn handoff_rules(out: &mut Vec<ValidationError>, h: &Handoff, from_known: bool, to_known: bool, other: Option<&str>) {
    id_chars(out, "handoff", &h.id);
    reference(out, from_known, "handoff", &h.id, "from", "initiative", &h.from);
    reference(out, to_known, "handoff", &h.id, "to", "initiative", &h.to);
    if h.from == h.to {
        out.push(ValidationError::SelfLink { id: h.id.clone(), initiative: h.from.clone() });
    }
    if let Some(other) = other {
        if other != h.id {
            out.push(ValidationError::DuplicateHandoff { id: h.id.clone(), other: s(other), from: h.from.clone(), to: h.to.clone() });
        }
    }
    range(out, "handoff", &h.id, || s("lag"), f64::from(h.lag), -f64::from(MAX_LAG), f64::from(MAX_LAG));
    date_range(out, "handoff", &h.id, "due", h.due);
}

pub fn validate_risk(r: &Risk, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    risk_rules(&mut out, r, ix);
    out
}

fn risk_rules(out: &mut Vec<ValidationError>, r: &Risk, known: &impl Known) {
    let id = r.id.as_str();
    id_chars(out, "risk", id);
    nonempty(out, "risk", id, "title", &r.title);
    if r.owner.trim().is_empty() {
        out.push(ValidationError::EmptyOwner { kind: s("risk"), id: s(id) });
    }
    range(out, "risk", id, || s("probability"), r.probability, 0.0, 1.0);
    range(out, "risk", id, || s("impact"), f64::from(r.impact), 1.0, 5.0);
    for i in &r.initiatives {
        reference(out, known.initiative(i), "risk", id, "initiative", "initiative", i);
    }
    for i in repeats(&r.initiatives, String::as_str) {
        out.push(ValidationError::Repeated { kind: s("risk"), id: s(id), what: s("initiative"), target: s(i) });
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
        } else {
            range(out, "risk", id, || s("schedule impact (max)"), f64::from(e.pessimistic), 0.0, f64::from(MAX_DURATION));
        }
    }
}

/// The rules on a plan's own settings (its start, calendar and target date), for a whole
/// plan and for an edit of them. The plan's name only names it in the errors.
pub fn validate_plan_settings(settings: &PlanSettings) -> Vec<ValidationError> {
    let mut out = Vec::new();
    let (name, start, calendar) = (settings.name.as_str(), settings.start, &settings.calendar);
    date_range(&mut out, "plan", name, "start", Some(start));
    for h in &calendar.holidays {
        date_range(&mut out, "plan", name, "holiday", Some(*h));
    }
    if let Err(e) = calendar.anchored(start.clamp(FIRST_DATE, LAST_DATE)) {
        out.push(ValidationError::Calendar { reason: e.to_string() });
    }
    date_range(&mut out, "plan", name, "target", settings.target);
    date_range(&mut out, "plan", name, "status_date", settings.status_date);
    range(&mut out, "plan", name, || s("review_every_days"), f64::from(settings.review_every_days), 1.0, f64::from(MAX_REVIEW_DAYS));
    out
}

/// The plan's horizon (see [`limits::MAX_HORIZON`]): an error when its work, added end to
/// end, is longer than any date can hold. Each value counts up to its own limit, so a
/// single value out of range is named by its own error, not by this one.
pub fn horizon(plan: &Plan) -> Option<ValidationError> {
    let clamp = |d: i32, max: i32| i64::from(d.clamp(0, max));
    let mut total: i64 = 0;
    for i in &plan.initiatives {
        let d = i.duration;
        let longest = d.optimistic.max(d.likely).max(d.pessimistic).max(i.remaining.unwrap_or(0));
        total += clamp(longest, MAX_DURATION) + clamp(i.leveling_delay, MAX_LEVELING_DELAY);
    }
    for h in &plan.handoffs {
        total += clamp(h.lag, MAX_LAG);
    }
    for r in &plan.risks {
        if let Some(e) = r.schedule_impact {
            let per = clamp(e.optimistic.max(e.likely).max(e.pessimistic), MAX_DURATION);
            total = total.saturating_add(per.saturating_mul(r.initiatives.len() as i64));
        }
    }
    (total > MAX_HORIZON).then_some(ValidationError::Horizon { total, limit: MAX_HORIZON })
}

/// Empty and duplicate ids of one kind; the set of the others.
fn ids<'p>(out: &mut Vec<ValidationError>, kind: &str, ids: impl ExactSizeIterator<Item = &'p str>) -> FxHashSet<&'p str> {
    let mut seen = FxHashSet::default();
    seen.reserve(ids.len());
    for id in ids {
        if id.trim().is_empty() {
            out.push(ValidationError::EmptyId { kind: s(kind) });
        } else if !seen.insert(id) {
            out.push(ValidationError::DuplicateId { kind: s(kind), id: s(id) });
        }
    }
    seen
}

/// Plans with at least this many handoffs check their rules on another core ([`validate`]).
const HANDOFFS_ON_ANOTHER_CORE: usize = 4096;

/// The errors of the handoffs' rules.
fn handoff_errors(plan: &Plan, known: &PlanIds<'_>) -> Vec<ValidationError> {
    let mut out = Vec::new();
    // (giver, receiver) -> the first handoff between them.
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::default();
    pairs.reserve(plan.handoffs.len());
    for (k, h) in plan.handoffs.iter().enumerate() {
        let from = known.initiatives.get(h.from.as_str()).copied();
        let to = known.initiatives.get(h.to.as_str()).copied();
        let other = match (from, to) {
            (Some(a), Some(b)) => Some(plan.handoffs[*pairs.entry((a, b)).or_insert(k as u32) as usize].id.as_str()),
            _ => None,
        };
        handoff_rules(&mut out, h, from.is_some(), to.is_some(), other);
    }
    out
}

/// Every model-level error of a plan, in a stable order. Cycles are found by
/// `graph::find_cycles`; `health::errors` runs both.
pub fn validate(plan: &Plan) -> Vec<ValidationError> {
    validate_on(plan, plan.handoffs.len() >= HANDOFFS_ON_ANOTHER_CORE)
}

/// [`validate`], checking the handoffs' rules on another core when `two_cores`.
fn validate_on(plan: &Plan, two_cores: bool) -> Vec<ValidationError> {
    let mut out = validate_plan_settings(&plan.settings());
    let teams = ids(&mut out, "team", plan.teams.iter().map(|x| x.id.as_str()));
    let waves = ids(&mut out, "wave", plan.waves.iter().map(|x| x.id.as_str()));
    let sites = ids(&mut out, "site", plan.sites.iter().map(|x| x.id.as_str()));
    let templates = ids(&mut out, "template", plan.templates.iter().map(|x| x.id.as_str()));
    let priorities = ids(&mut out, "priority", plan.priorities.iter().map(|x| x.id.as_str()));
    let mut initiatives: HashMap<&str, u32> = HashMap::default();
    initiatives.reserve(plan.initiatives.len());
    for (k, i) in plan.initiatives.iter().enumerate() {
        if i.id.trim().is_empty() {
            out.push(ValidationError::EmptyId { kind: s("initiative") });
        } else if let Entry::Vacant(v) = initiatives.entry(&i.id) {
            v.insert(k as u32);
        } else {
            out.push(ValidationError::DuplicateId { kind: s("initiative"), id: i.id.clone() });
        }
    }
    let known = PlanIds { initiatives, teams, sites, waves, templates, priorities };
    // The errors of the handoffs' rules are found on another core on a large plan, and
    // every list is put in the order the rules are written in.
    let (mut rules, mut risks) = (Vec::new(), Vec::new());
    let handoffs = std::thread::scope(|scope| {
        let on_another_core = two_cores.then(|| scope.spawn(|| handoff_errors(plan, &known)));
        drop(ids(&mut out, "handoff", plan.handoffs.iter().map(|x| x.id.as_str())));
        drop(ids(&mut out, "risk", plan.risks.iter().map(|x| x.id.as_str())));
        for x in &plan.priorities {
            priority_rules(&mut rules, x);
        }
        rules.extend(duplicate_ranks(plan.priorities.iter().map(|p| (p.id.as_str(), p.rank))));
        for x in &plan.teams {
            team_rules(&mut rules, x);
        }
        for x in &plan.waves {
            wave_rules(&mut rules, x, &known);
        }
        for x in &plan.templates {
            template_rules(&mut rules, x, &known);
        }
        for x in &plan.sites {
            site_rules(&mut rules, x, &known);
        }
        for x in &plan.initiatives {
            initiative_rules(&mut rules, x, &known);
        }
        for x in &plan.risks {
            risk_rules(&mut risks, x, &known);
        }
        match on_another_core {
            Some(h) => h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => handoff_errors(plan, &known),
        }
    });
    out.append(&mut rules);
    out.extend(handoffs);
    out.append(&mut risks);
    out.extend(horizon(plan));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large plan's handoffs are checked on another core: the errors, of every kind and
    /// in their order, are those found on one (issue 22 item 13).
    #[test]
    fn the_errors_found_on_two_cores_are_those_found_on_one() {
        let mut plan = crate::gen::risky(2_000, 50, 7);
        let n = plan.handoffs.len();
        plan.handoffs[3].to = "nowhere".into();
        plan.handoffs[n / 2].id = plan.handoffs[1].id.clone();
        let copy = plan.handoffs[n / 3].clone();
        plan.handoffs.push(Handoff { id: "again".into(), ..copy });
        plan.handoffs[n - 1].to = plan.handoffs[n - 1].from.clone();
        plan.handoffs[n - 2].lag = -MAX_LAG - 1;
        plan.initiatives[10].owner = " ".into();
        plan.initiatives[20].team = Some("no-team".into());
        plan.risks[0].initiatives.push("ghost".into());
        let one = validate_on(&plan, false);
        assert!(one.len() >= 8, "{one:?}");
        assert_eq!(validate_on(&plan, true), one);
    }
}
