//! Drift: what changed since a baseline, and why each initiative moved.
//!
//! A [`Baseline`] is what a plan file keeps of the plan at a review (`bridger baseline`): the
//! plan itself (absent for a baseline imported with dates only), the dates of its schedule and
//! the forecast kept then, if it was current. [`drift`] compares the plan now with one: the
//! moves of the finish dates in working days, the entities added, removed and changed, rescored
//! risks, handoffs newly unowned or unconfirmed, teams newly over capacity, findings new and
//! resolved, and the causes of each move (`attribute`: the changes applied one by one to the
//! baseline's plan; docs/scheduling.md defines it). Pure: no file, no clock.

mod attribute;
mod changes;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Plan, WorkCalendar};
use crate::schedule::{Schedule, ScheduleError, SimulationResults};

pub use attribute::{attribute, Attribution, MAX_STEPS, VIA_SHOWN};
pub use changes::{changes, Change, Entities};

/// What one comparison of a field (or one entity added or removed) is, as a cause of a move.
/// Each origin is exactly one of these; `other` is what no listed change explains (the
/// baseline was kept by a Bridger that scheduled differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OriginKind {
    PlanStart,
    Calendar,
    StatusDate,
    InitiativeRemoved,
    HandoffRemoved,
    Estimate,
    Remaining,
    Progress,
    ActualStart,
    ActualFinish,
    StartNoEarlierThan,
    Pinned,
    LevelingDelay,
    Deferred,
    HandoffChanged,
    InitiativeAdded,
    HandoffAdded,
    Other,
}

impl OriginKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OriginKind::PlanStart => "plan_start",
            OriginKind::Calendar => "calendar",
            OriginKind::StatusDate => "status_date",
            OriginKind::InitiativeRemoved => "initiative_removed",
            OriginKind::HandoffRemoved => "handoff_removed",
            OriginKind::Estimate => "estimate",
            OriginKind::Remaining => "remaining",
            OriginKind::Progress => "progress",
            OriginKind::ActualStart => "actual_start",
            OriginKind::ActualFinish => "actual_finish",
            OriginKind::StartNoEarlierThan => "start_no_earlier_than",
            OriginKind::Pinned => "pinned",
            OriginKind::LevelingDelay => "leveling_delay",
            OriginKind::Deferred => "deferred",
            OriginKind::HandoffChanged => "handoff_changed",
            OriginKind::InitiativeAdded => "initiative_added",
            OriginKind::HandoffAdded => "handoff_added",
            OriginKind::Other => "other",
        }
    }
}

/// One initiative's dates in a baseline: the first and the last working day of its work (a
/// milestone's start date for both), as `schedule` shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BaselineDates {
    pub id: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
}

/// The schedule a baseline keeps: day 0, the plan's finish date and every initiative's dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BaselineSchedule {
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub initiatives: Vec<BaselineDates>,
}

impl BaselineSchedule {
    /// The dates of a schedule, as a baseline keeps them.
    pub fn of(s: &Schedule) -> BaselineSchedule {
        BaselineSchedule {
            start: s.start_date,
            finish: s.finish_date,
            initiatives: s
                .initiatives
                .iter()
                .map(|i| BaselineDates { id: i.id.clone(), start: i.start_date, finish: i.finish_date })
                .collect(),
        }
    }
}

/// A baseline as the core reads it from a plan file.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub name: String,
    /// When it was kept (RFC 3339, UTC).
    pub created: String,
    /// The plan's status date then, if it had one.
    pub status_date: Option<NaiveDate>,
    pub of_record: bool,
    /// The plan as it was; None for a baseline imported with dates only (its moves have no
    /// causes).
    pub plan: Option<Plan>,
    pub schedule: BaselineSchedule,
    /// The forecast kept then, when it was current.
    pub forecast: Option<SimulationResults>,
}

/// Which baseline a diff is measured against.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Since {
    pub name: String,
    pub created: String,
    pub status_date: Option<NaiveDate>,
}

/// One reason an initiative (or the plan's finish) moved: an origin (a change of one field of
/// one entity, or an entity added or removed), the working days it contributes (negative:
/// earlier), and the driving handoffs through which it reached the initiative.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Cause {
    /// The id of what changed: an initiative, a handoff, or the plan's own setting ("" for
    /// the plan and for `other`).
    pub origin: String,
    pub kind: OriginKind,
    pub days: i64,
    /// Driving handoffs from the origin to the moved initiative, in order: the last 8 of the
    /// path (those nearest the moved initiative).
    pub via: Vec<String>,
    /// How many handoffs of the path come before `via` (0: `via` is the whole path).
    #[serde(skip_serializing_if = "is_zero")]
    #[ts(optional, as = "Option<usize>")]
    pub via_more: usize,
    /// Other origins applied in the same step (only valid together, or grouped in a large
    /// diff): their days are in this cause's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub together: Vec<String>,
    /// How many more origins were applied in the same step than `together` names.
    #[serde(skip_serializing_if = "is_zero")]
    #[ts(optional, as = "Option<usize>")]
    pub more: usize,
}

impl Cause {
    /// The origin as a person reads it, each id given its name by `name`: "the estimate of
    /// 'Store install'", "the new handoff Survey → Install (with 2 other changes)". The one
    /// wording of a cause, for `bridger diff` and the brief.
    pub fn words(&self, name: &dyn Fn(&str) -> String) -> String {
        let n = name(&self.origin);
        let what = match self.kind {
            OriginKind::PlanStart => "the plan's start".to_string(),
            OriginKind::Calendar => "the calendar".to_string(),
            OriginKind::StatusDate => "the status date".to_string(),
            OriginKind::InitiativeRemoved => format!("'{n}' removed"),
            OriginKind::HandoffRemoved => format!("the handoff {n} removed"),
            OriginKind::Estimate => format!("the estimate of '{n}'"),
            OriginKind::Remaining => format!("the remaining work of '{n}'"),
            OriginKind::Progress => format!("the progress of '{n}'"),
            OriginKind::ActualStart => format!("the actual start of '{n}'"),
            OriginKind::ActualFinish => format!("the actual finish of '{n}'"),
            OriginKind::StartNoEarlierThan => format!("the start-no-earlier-than date of '{n}'"),
            OriginKind::Pinned => format!("the pinned date of '{n}'"),
            OriginKind::LevelingDelay => format!("the leveling delay of '{n}'"),
            OriginKind::Deferred => format!("'{n}' deferred"),
            OriginKind::HandoffChanged => format!("the handoff {n} changed"),
            OriginKind::InitiativeAdded => format!("'{n}' added"),
            OriginKind::HandoffAdded => format!("the new handoff {n}"),
            OriginKind::Other => "differences no change explains (the baseline was scheduled by another version)".to_string(),
        };
        let with = match self.together.len() + self.more {
            0 => String::new(),
            k => format!(" (with {})", crate::words::count(k, "other change", "other changes")),
        };
        format!("{what}{with}")
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An initiative whose finish date moved, by `days` working days (+ later, - earlier), and
/// why: its causes add up to `days` exactly.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Move {
    pub id: String,
    pub days: i64,
    pub causes: Vec<Cause>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Rescored {
    pub id: String,
    pub before: i32,
    pub after: i32,
}

/// A team's weeks (their Mondays) over capacity now and not in the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamOver {
    pub team: String,
    pub weeks: Vec<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FindingRef {
    pub code: String,
    pub subject: String,
    pub message: String,
}

/// An initiative deferred now that was not in the baseline (added deferred, or deferred
/// since): its deferral, as the plan now holds it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeferredSince {
    pub id: String,
    pub since: NaiveDate,
    pub reason: String,
}

/// The plan now against a baseline: what `bridger diff` prints and the window's Since panel
/// shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Drift {
    pub since: Since,
    /// Whether the moves have causes: false for a baseline kept with dates only.
    pub explained: bool,
    /// The plan's finish, in the baseline and now.
    pub finish_before: NaiveDate,
    pub finish_after: NaiveDate,
    pub finish_change_days: i64,
    /// Why the plan's finish moved; adds up to `finish_change_days`.
    pub finish_causes: Vec<Cause>,
    /// The change of the forecast's P80 when the baseline and the plan now both hold a
    /// current forecast.
    pub p80_change_days: Option<i64>,
    /// Initiatives in both whose finish moved, largest move first.
    pub moved: Vec<Move>,
    pub added: Entities,
    pub removed: Entities,
    pub changed: Vec<Change>,
    pub risks_rescored: Vec<Rescored>,
    pub handoffs_newly_unowned: Vec<String>,
    pub handoffs_newly_unconfirmed: Vec<String>,
    pub teams_newly_over: Vec<TeamOver>,
    pub findings_new: Vec<FindingRef>,
    pub findings_resolved: Vec<FindingRef>,
    /// Work deferred since the baseline, and why, in plan order: its own change (a deferral
    /// is not listed again in `changed`).
    pub deferred: Vec<DeferredSince>,
    /// Work deferred in the baseline and taken back since, in plan order.
    pub undeferred: Vec<String>,
    /// What people read for each id above: an initiative's, a team's or a site's name, a
    /// risk's title, a handoff as "giver → receiver" (from the plan now, else the baseline's).
    pub names: BTreeMap<String, String>,
}

/// Where a date falls in the current calendar: the offset of the first working day on or
/// after it. Moves are counted in the plan's calendar now, whatever the baseline's was.
pub(crate) fn offset(cal: &WorkCalendar, date: NaiveDate) -> i64 {
    cal.offset_on_or_after(date)
}

/// The plan now (`plan`, valid, its schedule `now`, its kept forecast when current) against
/// `base`.
pub fn drift(base: &Baseline, plan: &Plan, now: &Schedule, forecast: Option<&SimulationResults>) -> Result<Drift, ScheduleError> {
    let cal = plan.calendar.anchored(plan.start)?;
    let since = Since { name: base.name.clone(), created: base.created.clone(), status_date: base.status_date };
    let finish_change_days = offset(&cal, now.finish_date) - offset(&cal, base.schedule.finish);
    let p80_change_days = match (&base.forecast, forecast) {
        (Some(b), Some(n)) => Some(offset(&cal, n.p80_date) - offset(&cal, b.p80_date)),
        _ => None,
    };
    // Why things moved and what else changed are independent, and each takes about half the
    // time on a large plan: the second runs on another core (a 20,000-initiative plan with 10
    // changes: 0.25 s less of a diff's second).
    let (attribution, states) = std::thread::scope(|scope| {
        let states = scope.spawn(|| -> Result<Option<States>, ScheduleError> {
            match &base.plan {
                Some(before) => {
                    let (added, removed, changed) = changes(before, plan);
                    let mut s = States { added, removed, changed, ..States::default() };
                    compare_states(before, plan, now, &mut s)?;
                    Ok(Some(s))
                }
                None => Ok(None),
            }
        });
        let attribution = match &base.plan {
            Some(before) => attribute(before, &base.schedule, plan, now),
            None => Ok(Attribution::unexplained(&base.schedule, plan, now, &cal)),
        };
        (attribution, states.join())
    });
    let Attribution { moved, finish_causes } = attribution?;
    // A panic there is a bug, as it would be on this thread: raised here as it was.
    let states = states.unwrap_or_else(|p| std::panic::resume_unwind(p))?;
    let explained = base.plan.is_some();
    let mut d = Drift {
        since,
        explained,
        finish_before: base.schedule.finish,
        finish_after: now.finish_date,
        finish_change_days,
        finish_causes,
        p80_change_days,
        moved,
        added: Entities::default(),
        removed: Entities::default(),
        changed: Vec::new(),
        risks_rescored: Vec::new(),
        handoffs_newly_unowned: Vec::new(),
        handoffs_newly_unconfirmed: Vec::new(),
        teams_newly_over: Vec::new(),
        findings_new: Vec::new(),
        findings_resolved: Vec::new(),
        deferred: Vec::new(),
        undeferred: Vec::new(),
        names: BTreeMap::new(),
    };
    if let Some(s) = states {
        (d.added, d.removed, d.changed) = (s.added, s.removed, s.changed);
        (d.risks_rescored, d.handoffs_newly_unowned, d.handoffs_newly_unconfirmed) =
            (s.risks_rescored, s.handoffs_newly_unowned, s.handoffs_newly_unconfirmed);
        (d.teams_newly_over, d.findings_new, d.findings_resolved) = (s.teams_newly_over, s.findings_new, s.findings_resolved);
    }
    if let Some(before) = &base.plan {
        (d.deferred, d.undeferred) = deferrals(before, plan);
        d.changed.retain(|c| !(c.kind == "initiative" && c.field == "deferred"));
    }
    d.names = names(&d, base.plan.as_ref(), plan);
    Ok(d)
}

/// Work deferred now and not in `before` (with its deferral), and work deferred in `before`
/// and not now (taken back; removed work is not counted).
fn deferrals(before: &Plan, plan: &Plan) -> (Vec<DeferredSince>, Vec<String>) {
    let was: rustc_hash::FxHashMap<&str, bool> = before.initiatives.iter().map(|i| (i.id.as_str(), i.is_deferred())).collect();
    let deferred = plan
        .initiatives
        .iter()
        .filter_map(|i| {
            let d = i.deferred.as_ref()?;
            (!was.get(i.id.as_str()).copied().unwrap_or(false)).then(|| DeferredSince {
                id: i.id.clone(),
                since: d.since,
                reason: d.reason.clone(),
            })
        })
        .collect();
    let undeferred = plan
        .initiatives
        .iter()
        .filter(|i| !i.is_deferred() && was.get(i.id.as_str()).copied().unwrap_or(false))
        .map(|i| i.id.clone())
        .collect();
    (deferred, undeferred)
}

/// The names of every id a drift mentions.
fn names(d: &Drift, before: Option<&Plan>, plan: &Plan) -> BTreeMap<String, String> {
    let mut ids: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let causes = d.moved.iter().flat_map(|m| m.causes.iter()).chain(&d.finish_causes);
    for c in causes {
        ids.insert(&c.origin);
        ids.extend(c.via.iter().map(String::as_str));
        ids.extend(c.together.iter().map(String::as_str));
    }
    ids.extend(d.moved.iter().map(|m| m.id.as_str()));
    for e in [&d.added, &d.removed] {
        for list in [&e.initiatives, &e.handoffs, &e.risks, &e.teams, &e.sites, &e.waves] {
            ids.extend(list.iter().map(String::as_str));
        }
    }
    ids.extend(d.changed.iter().map(|c| c.id.as_str()));
    ids.extend(d.deferred.iter().map(|x| x.id.as_str()).chain(d.undeferred.iter().map(String::as_str)));
    ids.extend(d.risks_rescored.iter().map(|r| r.id.as_str()));
    ids.extend(d.handoffs_newly_unowned.iter().chain(&d.handoffs_newly_unconfirmed).map(String::as_str));
    ids.extend(d.teams_newly_over.iter().map(|t| t.team.as_str()));
    ids.remove("");
    let mut out = BTreeMap::new();
    for p in [Some(plan), before].into_iter().flatten() {
        let mut put = |id: &str, name: String| {
            if ids.contains(id) && !out.contains_key(id) {
                out.insert(id.to_string(), name);
            }
        };
        let by_id: rustc_hash::FxHashMap<&str, &str> = p.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str())).collect();
        let initiative = |id: &str| by_id.get(id).map_or_else(|| id.to_string(), |n| n.to_string());
        for i in &p.initiatives {
            put(&i.id, i.name.clone());
        }
        for h in p.handoffs.iter().filter(|h| ids.contains(h.id.as_str())) {
            put(&h.id, format!("{} → {}", initiative(&h.from), initiative(&h.to)));
        }
        for r in &p.risks {
            put(&r.id, r.title.clone());
        }
        for t in &p.teams {
            put(&t.id, t.name.clone());
        }
        for s in &p.sites {
            put(&s.id, s.name.clone());
        }
        for w in &p.waves {
            put(&w.id, w.name.clone());
        }
    }
    out
}

/// Scores, seams, capacity and findings: the baseline's against now.
/// What changed besides the dates: the part of a [`Drift`] that [`compare_states`] and
/// `changes` fill, apart from the attribution.
#[derive(Default)]
struct States {
    added: Entities,
    removed: Entities,
    changed: Vec<Change>,
    risks_rescored: Vec<Rescored>,
    handoffs_newly_unowned: Vec<String>,
    handoffs_newly_unconfirmed: Vec<String>,
    teams_newly_over: Vec<TeamOver>,
    findings_new: Vec<FindingRef>,
    findings_resolved: Vec<FindingRef>,
}

fn compare_states(before: &Plan, plan: &Plan, now: &Schedule, d: &mut States) -> Result<(), ScheduleError> {
    let old_scores: rustc_hash::FxHashMap<&str, i32> = before.risks.iter().map(|r| (r.id.as_str(), crate::risk::score(r).score)).collect();
    for r in &plan.risks {
        let after = crate::risk::score(r).score;
        if let Some(&b) = old_scores.get(r.id.as_str()) {
            if b != after {
                d.risks_rescored.push(Rescored { id: r.id.clone(), before: b, after });
            }
        }
    }
    let old: rustc_hash::FxHashMap<&str, &crate::model::Handoff> = before.handoffs.iter().map(|h| (h.id.as_str(), h)).collect();
    for h in &plan.handoffs {
        let was = old.get(h.id.as_str());
        if h.owner.trim().is_empty() && !was.is_some_and(|w| w.owner.trim().is_empty()) {
            d.handoffs_newly_unowned.push(h.id.clone());
        }
        if !h.confirmed && !was.is_some_and(|w| !w.confirmed) {
            d.handoffs_newly_unconfirmed.push(h.id.clone());
        }
    }
    // The baseline's own schedule, on its own plan (what its findings and load were).
    let then = crate::schedule::schedule(before)?;
    d.teams_newly_over = newly_over(before, &then, plan, now)?;
    let key = |f: &crate::findings::Finding| (f.code.clone(), f.subject.clone());
    let old_findings = crate::health::findings(before, Some(&then));
    let new_findings = crate::health::findings(plan, Some(now));
    let old_keys: BTreeSet<(String, String)> = old_findings.iter().map(key).collect();
    let new_keys: BTreeSet<(String, String)> = new_findings.iter().map(key).collect();
    let as_ref = |f: &crate::findings::Finding| FindingRef { code: f.code.clone(), subject: f.subject.clone(), message: f.message.clone() };
    d.findings_new = new_findings.iter().filter(|f| !old_keys.contains(&key(f))).map(as_ref).collect();
    d.findings_resolved = old_findings.iter().filter(|f| !new_keys.contains(&key(f))).map(as_ref).collect();
    Ok(())
}

/// Where each initiative's work (still to do) starts and finishes on a schedule, in the
/// plan's order of initiatives: what loads its team (`capacity::load_at`).
fn spans(plan: &Plan, s: &Schedule) -> (Vec<i64>, Vec<i64>) {
    let at: rustc_hash::FxHashMap<&str, (i64, i64)> =
        s.initiatives.iter().map(|i| (i.id.as_str(), (i.work_start, i.early_finish))).collect();
    plan.initiatives.iter().map(|i| at.get(i.id.as_str()).copied().unwrap_or((0, 0))).unzip()
}

fn newly_over(before: &Plan, then: &Schedule, plan: &Plan, now: &Schedule) -> Result<Vec<TeamOver>, ScheduleError> {
    let over = |p: &Plan, s: &Schedule| -> Result<Vec<(String, Vec<NaiveDate>)>, ScheduleError> {
        let (start, finish) = spans(p, s);
        Ok(crate::capacity::load_at(p, &start, &finish)?
            .into_iter()
            .map(|t| (t.team, t.weeks.iter().filter(|w| w.over()).map(|w| w.monday).collect()))
            .collect())
    };
    let old: rustc_hash::FxHashMap<String, BTreeSet<NaiveDate>> =
        over(before, then)?.into_iter().map(|(t, w)| (t, w.into_iter().collect())).collect();
    Ok(over(plan, now)?
        .into_iter()
        .filter_map(|(team, weeks)| {
            let was = old.get(&team);
            let weeks: Vec<NaiveDate> = weeks.into_iter().filter(|w| !was.is_some_and(|o| o.contains(w))).collect();
            (!weeks.is_empty()).then_some(TeamOver { team, weeks })
        })
        .collect())
}

/// Work the baseline `base` had starting on or before the plan's status date that has not
/// started (no actual start, no progress, not done): a warning naming who says when it
/// will (issue 27: everything appears on track until it is not).
pub fn missed_starts(plan: &Plan, base: &Baseline) -> Vec<crate::findings::Finding> {
    let Some(status_date) = plan.status_date else { return Vec::new() };
    let then: rustc_hash::FxHashMap<&str, NaiveDate> = base.schedule.initiatives.iter().map(|d| (d.id.as_str(), d.start)).collect();
    let mut out = Vec::new();
    for i in &plan.initiatives {
        let Some(&start) = then.get(i.id.as_str()) else { continue };
        if i.has_begun() || start > status_date {
            continue;
        }
        let owner = if i.owner.trim().is_empty() { "its owner".to_string() } else { i.owner.clone() };
        out.push(crate::findings::Finding {
            severity: crate::findings::Severity::Warning,
            code: "start-missed".into(),
            subject: i.id.clone(),
            message: format!(
                "'{}' was to start on {start} by the baseline of record \"{}\" and has not started by the status date {status_date}: {owner} says when it will",
                i.name, base.name
            ),
        });
    }
    out
}

/// Gives each row of `now` (the schedule of `plan`) its dates in the baseline of record
/// `base` and its finish variance, in working days of the plan's calendar now (+ later, -
/// earlier): what `schedule --json`, the map's badges, the Timeline's baseline bars and the
/// brief read. A row the baseline does not hold (added since) is left without them.
pub fn against_record(plan: &Plan, now: &mut Schedule, base: &BaselineSchedule) -> Result<(), ScheduleError> {
    let cal = plan.calendar.anchored(plan.start)?;
    let then: rustc_hash::FxHashMap<&str, &BaselineDates> = base.initiatives.iter().map(|d| (d.id.as_str(), d)).collect();
    for row in &mut now.initiatives {
        if let Some(d) = then.get(row.id.as_str()) {
            row.baseline_start = Some(d.start);
            row.baseline_finish = Some(d.finish);
            row.finish_variance = Some(cal.offset_on_or_after(row.finish_date) - cal.offset_on_or_after(d.finish));
        }
    }
    Ok(())
}
