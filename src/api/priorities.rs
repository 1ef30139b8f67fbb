//! Strategic priorities and deferral, for every front end (issue 29): the Priorities view
//! (`bridger priorities`, the window's Priorities tab), deferring and taking back work
//! (`bridger defer`, `bridger undefer`, one undo step each) and re-ranking the priorities in
//! one undo step. The edits are the edit vocabulary's typed builders; the rules of a
//! priority's status are here, written once.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{require_valid, ApiError, Editing, ErrorCode, Update};
use crate::model::{Deferral, Plan, Status};
use crate::schedule::SimulationResults;
use crate::store::{Edit, Editor};

pub use crate::priorities::PriorityStatus;

/// One priority as `bridger priorities --json` prints it (these keys, exactly) and the
/// Priorities view lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PriorityRow {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub rank: i32,
    /// Its own target date, else the plan's; null when neither has one.
    pub target: Option<NaiveDate>,
    /// The initiatives that serve it, in plan order (deferred ones included).
    pub initiatives: Vec<String>,
    /// How many of them are done, blocked, deferred.
    pub done: usize,
    pub blocked: usize,
    pub deferred: usize,
    /// The last finish of the work serving it that is not deferred (the schedule's, CPM);
    /// null when no such work.
    pub finish: Option<NaiveDate>,
    /// The kept forecast's P80 of the work serving it; null without a current kept forecast.
    pub p80: Option<NaiveDate>,
    pub status: PriorityStatus,
}

/// Person-days a priority's unfinished work (not deferred) asks of one team.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PriorityLoad {
    pub priority: String,
    pub team: String,
    pub person_days: f64,
}

/// The Priorities view: every priority by rank, the load its work puts on teams, and the
/// unfinished work tied to no priority (candidates to stop).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PrioritiesView {
    pub priorities: Vec<PriorityRow>,
    pub loads: Vec<PriorityLoad>,
    /// Unfinished, not deferred work (no milestone) serving no priority, in plan order
    /// (empty while the plan has no priority).
    pub unserved: Vec<String>,
    /// A current kept forecast gave `p80`.
    pub forecast: bool,
}

/// The Priorities view of a valid plan with its current kept forecast, if any.
pub fn view_of(plan: &Plan, forecast: Option<&SimulationResults>) -> Result<PrioritiesView, ApiError> {
    require_valid(plan)?;
    let schedule = crate::schedule::schedule(plan)?;
    let finish: HashMap<&str, NaiveDate> = schedule.initiatives.iter().map(|r| (r.id.as_str(), r.finish_date)).collect();
    let mut priorities: Vec<&crate::model::Priority> = plan.priorities.iter().collect();
    priorities.sort_by_key(|p| (p.rank, p.id.as_str()));
    let mut rows = Vec::with_capacity(priorities.len());
    let mut loads = Vec::new();
    for p in priorities {
        let serving: Vec<&crate::model::Initiative> = plan.initiatives.iter().filter(|i| i.serves.iter().any(|s| *s == p.id)).collect();
        let count = |f: &dyn Fn(&crate::model::Initiative) -> bool| serving.iter().filter(|i| f(i)).count();
        let last = serving.iter().filter(|i| !i.is_deferred()).filter_map(|i| finish.get(i.id.as_str()).copied()).max();
        let p80 = forecast.and_then(|f| f.priorities.get(&p.id)).map(|x| x.p80_date);
        let target = p.target.or(plan.target);
        let troubled = serving.iter().any(|i| !i.is_deferred() && matches!(i.status, Status::Blocked | Status::AtRisk));
        let status = crate::priorities::status(target, last, p80, troubled);
        let mut by_team: Vec<(String, f64)> = Vec::new();
        for i in serving.iter().filter(|i| !i.is_deferred() && i.status != Status::Done) {
            let rest = 1.0 - i.progress.clamp(0.0, 1.0);
            for (team, days) in i.effort_by_team() {
                match by_team.iter_mut().find(|(t, _)| t == team) {
                    Some(x) => x.1 += days * rest,
                    None => by_team.push((team.to_string(), days * rest)),
                }
            }
        }
        loads.extend(by_team.into_iter().map(|(team, person_days)| PriorityLoad { priority: p.id.clone(), team, person_days }));
        rows.push(PriorityRow {
            id: p.id.clone(),
            name: p.name.clone(),
            owner: p.owner.clone(),
            rank: p.rank,
            target,
            initiatives: serving.iter().map(|i| i.id.clone()).collect(),
            done: count(&|i| i.status == Status::Done),
            blocked: count(&|i| i.status == Status::Blocked),
            deferred: count(&|i| i.is_deferred()),
            finish: last,
            p80,
            status,
        });
    }
    let unserved = if plan.priorities.is_empty() { Vec::new() } else { unserved(plan).map(|i| i.id.clone()).collect() };
    Ok(PrioritiesView { priorities: rows, loads, unserved, forecast: forecast.is_some() })
}

/// Unfinished work that is not deferred and not a milestone, serving no priority: the one
/// rule of the finding `work-serves-no-priority` and the view's list.
pub fn unserved(plan: &Plan) -> impl Iterator<Item = &crate::model::Initiative> {
    crate::priorities::serves_none(plan)
}

/// The Priorities view of the plan file at `path` (`plan`, read from it), with its kept
/// forecast when that is current: what `bridger priorities` prints.
pub fn view(path: &Path, plan: &Plan) -> Result<PrioritiesView, ApiError> {
    let kept = match super::files::detect(path, None) {
        Ok(super::files::Source::Plan) => super::analysis::kept_in_file(path)?,
        _ => None,
    };
    let run = kept.filter(|k| !super::analysis::is_stale(plan, k)).and_then(|k| k.results.ok());
    view_of(plan, run.as_ref())
}

impl Editing {
    /// The Priorities view of the open plan.
    pub fn priorities(&self) -> Result<PrioritiesView, ApiError> {
        view(self.file.path(), self.file.plan())
    }

    /// Defers initiatives (one undo step), `since` today unless given.
    pub fn defer(
        &mut self,
        ids: &[String],
        reason: &str,
        since: Option<NaiveDate>,
        arrangement: crate::layout::Arrangement,
    ) -> Result<Update, ApiError> {
        let edits = defer_edits(self.file.plan(), ids, reason, since)?;
        self.apply(edits, arrangement)
    }

    /// Takes deferred initiatives back into the plan (one undo step).
    pub fn undefer(&mut self, ids: &[String], arrangement: crate::layout::Arrangement) -> Result<Update, ApiError> {
        let edits = undefer_edits(self.file.plan(), ids)?;
        self.apply(edits, arrangement)
    }

    /// Gives the priorities the ranks 1, 2, 3... in the order of `order` (ids: every priority
    /// once), one undo step (the view's drag to re-rank).
    pub fn rerank(&mut self, order: &[String], arrangement: crate::layout::Arrangement) -> Result<Update, ApiError> {
        let edits = rerank_edits(self.file.plan(), order)?;
        self.apply(edits, arrangement)
    }
}

fn invalid(message: String) -> ApiError {
    ApiError { code: ErrorCode::Invalid, message, details: Vec::new() }
}

fn missing(id: &str) -> ApiError {
    ApiError { code: ErrorCode::NotFound, message: format!("no initiative '{id}' in the plan"), details: Vec::new() }
}

/// Today, UTC: the day a deferral made now is since.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The edits that defer `ids` (each an initiative of `plan`, not deferred yet) since `since`
/// (today when None) for `reason`: one batch, one undo step.
pub fn defer_edits(plan: &Plan, ids: &[String], reason: &str, since: Option<NaiveDate>) -> Result<Vec<Edit>, ApiError> {
    if ids.is_empty() {
        return Err(invalid("name the initiatives to defer".into()));
    }
    let deferral = Deferral { since: since.unwrap_or_else(today), reason: reason.trim().to_string() };
    let mut edits = Vec::with_capacity(ids.len());
    for id in ids {
        let i = plan.initiative(id).ok_or_else(|| missing(id))?;
        if let Some(d) = &i.deferred {
            return Err(invalid(format!("initiative '{id}' is already deferred (since {})", d.since)));
        }
        edits.push(Edit::set_deferred(id, Some(&deferral)));
    }
    Ok(edits)
}

/// The edits that take `ids` (each a deferred initiative of `plan`) back into the plan: one
/// batch, one undo step.
pub fn undefer_edits(plan: &Plan, ids: &[String]) -> Result<Vec<Edit>, ApiError> {
    if ids.is_empty() {
        return Err(invalid("name the initiatives to take back".into()));
    }
    let mut edits = Vec::with_capacity(ids.len());
    for id in ids {
        let i = plan.initiative(id).ok_or_else(|| missing(id))?;
        if i.deferred.is_none() {
            return Err(invalid(format!("initiative '{id}' is not deferred")));
        }
        edits.push(Edit::set_deferred(id, None));
    }
    Ok(edits)
}

/// The edits that give the plan's priorities the ranks 1, 2, 3... in the order of `order`
/// (every priority's id once): only the ranks that change, one batch.
pub fn rerank_edits(plan: &Plan, order: &[String]) -> Result<Vec<Edit>, ApiError> {
    let mut seen = std::collections::HashSet::new();
    for id in order {
        if plan.priority(id).is_none() {
            return Err(ApiError { code: ErrorCode::NotFound, message: format!("no priority '{id}' in the plan"), details: Vec::new() });
        }
        if !seen.insert(id.as_str()) {
            return Err(invalid(format!("priority '{id}' is named twice")));
        }
    }
    if let Some(p) = plan.priorities.iter().find(|p| !seen.contains(p.id.as_str())) {
        return Err(invalid(format!("priority '{}' is left out: name every priority once, in the new order", p.id)));
    }
    Ok(order
        .iter()
        .enumerate()
        .filter_map(|(k, id)| {
            let rank = k as i32 + 1;
            (plan.priority(id)?.rank != rank).then(|| Edit::set_rank(id, rank))
        })
        .collect())
}

/// Defers initiatives in the plan file at `path`, one undo step; the edits saved.
pub fn defer_in_file(path: &Path, ids: &[String], reason: &str, source: &str) -> Result<Vec<Edit>, ApiError> {
    let plan = crate::store::read(path)?;
    let edits = defer_edits(&plan, ids, reason, None)?;
    let mut editor = Editor::open(path)?;
    editor.set_source(source);
    editor.apply_batch(&edits)?;
    Ok(edits)
}

/// Takes deferred initiatives back into the plan file at `path`, one undo step.
pub fn undefer_in_file(path: &Path, ids: &[String], source: &str) -> Result<Vec<Edit>, ApiError> {
    let plan = crate::store::read(path)?;
    let edits = undefer_edits(&plan, ids)?;
    let mut editor = Editor::open(path)?;
    editor.set_source(source);
    editor.apply_batch(&edits)?;
    Ok(edits)
}
