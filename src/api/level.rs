//! Leveling and what to stop, for every front end: level a snapshot of a plan (nothing
//! saved: a [`Proposal`] says what accepting it saves), accept it as one undo step (the
//! window's Accept, `bridger level` without `--dry-run`), clear an accepted leveling, and
//! propose the lowest-value work to defer so that the levelled plan meets its target
//! (`bridger level --propose`). The solver is `schedule::level`; the edits are the edit
//! vocabulary's typed builders.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::analysis::Snapshot;
use super::{require_valid, ApiError, Editing, ErrorCode, Job, Update};
use crate::capacity::load_at;
use crate::model::{leveling_fingerprint, Plan};
use crate::schedule::level::{level_plan, propose, Config, ProposeConfig, ProposeError};
use crate::schedule::{cpm, ScheduleError};
use crate::store::{Edit, Editor};

/// One initiative the leveling moves.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Moved {
    pub id: String,
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Its leveling delay, before and proposed (working days).
    pub delay_before: i32,
    pub delay_after: i32,
}

/// What the Level button proposes (nothing is saved until it is accepted).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Leveling {
    pub finish_before: NaiveDate,
    pub finish_after: NaiveDate,
    pub days_before: i64,
    pub days_after: i64,
    /// No schedule within capacity takes fewer working days than this.
    pub lower_bound: i64,
    pub moved: Vec<Moved>,
    /// Team-weeks over capacity now and with the proposal.
    pub over_before: u32,
    pub over_after: u32,
    /// Work that asks more of a team than it ever has, said for people.
    pub cannot_fit: Vec<String>,
    pub schedules: u64,
    /// Nothing to change: the plan is levelled as it is.
    pub unchanged: bool,
}

/// The Level button's progress.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct LevelProgress {
    pub schedules: u64,
    pub elapsed_ms: u64,
    pub limit_ms: u64,
}

/// A leveling proposed and what accepting it saves: the plan it was computed on (path and
/// revision: a later edit makes it stale) and the edits.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub leveling: Leveling,
    pub path: PathBuf,
    pub revision: i64,
    /// Leveling delay per initiative, in plan order.
    pub(crate) delays: Vec<(String, i32)>,
    /// The leveling delays that change and the plan's leveling basis, one batch.
    pub(crate) edits: Vec<Edit>,
}

impl Proposal {
    /// Was it computed on the plan file at `path` as it is at `revision` (no edit since)?
    pub fn is_fresh(&self, path: &Path, revision: i64) -> bool {
        self.path == path && self.revision == revision
    }

    /// Nothing to save: the plan is levelled as it is (and its basis is current).
    pub fn saves_nothing(&self) -> bool {
        self.edits.is_empty()
    }
}

impl From<ProposeError> for ApiError {
    fn from(e: ProposeError) -> ApiError {
        ApiError { code: ErrorCode::Invalid, message: e.to_string(), details: Vec::new() }
    }
}

/// Levels a snapshot of the plan (no lock on the plan is held: call it off the window's
/// thread; `job` shows its progress and cancels it). Nothing is saved.
pub fn level(snapshot: &Snapshot, config: &Config, job: Option<&Job>) -> Result<Proposal, ApiError> {
    let plan = &snapshot.plan;
    require_valid(plan)?;
    let watch = job.map(Job::watch);
    let l = level_plan(plan, config, watch.as_ref())?;
    if job.is_some_and(Job::cancelled) {
        return Err(ApiError {
            code: ErrorCode::Cancelled,
            message: "the leveling was cancelled: nothing is proposed".into(),
            details: Vec::new(),
        });
    }
    let before = cpm(plan)?;
    let cal = plan.calendar.anchored(plan.start).map_err(ScheduleError::from)?;
    let date = |offset: i64| cal.date(offset).map_err(ScheduleError::from);
    let last_day = |makespan: i64| date(makespan.max(1) - 1);
    let mut edits = Vec::new();
    let mut moved = Vec::new();
    for (k, i) in plan.initiatives.iter().enumerate() {
        if l.delay[k] != i.leveling_delay {
            edits.push(Edit::set_leveling_delay(&i.id, l.delay[k]));
        }
        if l.start[k] != before.early_start[k] {
            moved.push(Moved {
                id: i.id.clone(),
                name: i.name.clone(),
                from: date(before.early_start[k])?,
                to: date(l.start[k])?,
                delay_before: i.leveling_delay,
                delay_after: l.delay[k],
            });
        }
    }
    let unchanged = edits.is_empty();
    let basis = leveling_fingerprint(plan);
    if plan.leveling_basis.as_deref() != Some(basis.as_str()) {
        edits.push(Edit::set_leveling_basis(Some(&basis)));
    }
    let cannot_fit = l
        .over_capacity
        .iter()
        .map(|o| {
            // names, not ids (issue 26)
            let name = plan.initiative(&o.initiative).map_or(o.initiative.as_str(), |i| i.name.as_str());
            let team = plan.team(&o.team).map_or(o.team.as_str(), |t| t.name.as_str());
            format!("'{name}' asks {:.2} people a day of {team}, which has {:.2}: it cannot fit however it moves", o.asks, o.has)
        })
        .collect();
    let leveling = Leveling {
        finish_before: last_day(l.finish_before)?,
        finish_after: last_day(l.finish_after)?,
        days_before: l.finish_before,
        days_after: l.finish_after,
        lower_bound: l.lower_bound,
        moved,
        // the load at the current and the levelled starts, without a copy of the plan
        over_before: crate::capacity::over_weeks(&load_at(plan, &before.early_start, &before.early_finish)?),
        over_after: crate::capacity::over_weeks(&load_at(plan, &l.start, &l.finish)?),
        cannot_fit,
        schedules: l.schedules,
        unchanged,
    };
    let delays = plan.initiatives.iter().map(|i| i.id.clone()).zip(l.delay.iter().copied()).collect();
    Ok(Proposal { leveling, path: snapshot.path.clone(), revision: snapshot.revision, delays, edits })
}

fn stale() -> ApiError {
    ApiError {
        code: ErrorCode::Invalid,
        message: "the plan changed since this leveling was computed: level it again".into(),
        details: Vec::new(),
    }
}

fn nothing_to_save() -> ApiError {
    ApiError { code: ErrorCode::Invalid, message: "nothing to save: the plan is levelled as it is".into(), details: Vec::new() }
}

/// Saves a proposal in the plan file it was computed on, as one batch edit (one undo step).
/// Refused when the file changed since, or when there is nothing to save.
pub fn accept_in_file(p: &Proposal) -> Result<(), ApiError> {
    let mut editor = Editor::open(&p.path)?;
    if !p.is_fresh(editor.path(), editor.revision()?) {
        return Err(stale());
    }
    if p.saves_nothing() {
        return Err(nothing_to_save());
    }
    Ok(editor.apply_batch(&p.edits)?)
}

/// The edits that clear an accepted leveling: every leveling delay back to 0 and no basis.
fn clearing(plan: &Plan) -> Vec<Edit> {
    let mut edits: Vec<Edit> =
        plan.initiatives.iter().filter(|i| i.leveling_delay != 0).map(|i| Edit::set_leveling_delay(&i.id, 0)).collect();
    if plan.leveling_basis.is_some() {
        edits.push(Edit::set_leveling_basis(None));
    }
    edits
}

fn no_leveling() -> ApiError {
    ApiError { code: ErrorCode::Invalid, message: "no leveling to clear".into(), details: Vec::new() }
}

/// Clears an accepted leveling in the plan file at `path`, one undo step; how many
/// initiatives it moves back.
pub fn clear_in_file(path: &Path) -> Result<usize, ApiError> {
    let mut editor = Editor::open(path)?;
    let plan = crate::store::read(path)?;
    let edits = clearing(&plan);
    if edits.is_empty() {
        return Err(no_leveling());
    }
    editor.apply_batch(&edits)?;
    Ok(plan.initiatives.iter().filter(|i| i.leveling_delay != 0).count())
}

impl Editing {
    /// Saves a proposal (the leveling delays and the plan's leveling basis) as one batch
    /// edit, one undo step. Refused when the plan changed since it was computed.
    pub fn accept_leveling(&mut self, p: &Proposal, arrangement: crate::layout::Arrangement) -> Result<Update, ApiError> {
        if !p.is_fresh(self.file.path(), self.file.revision()?) {
            return Err(stale());
        }
        if p.saves_nothing() {
            return Err(nothing_to_save());
        }
        self.apply(p.edits.clone(), arrangement)
    }

    /// Clears an accepted leveling: every leveling delay back to 0 and no basis, one undo step.
    pub fn clear_leveling(&mut self, arrangement: crate::layout::Arrangement) -> Result<Update, ApiError> {
        let edits = clearing(self.file.plan());
        if edits.is_empty() {
            return Err(no_leveling());
        }
        self.apply(edits, arrangement)
    }
}

/// What to stop: the work to defer so that the levelled plan meets its target, as
/// `bridger level --propose` prints it (`--json`: these keys) and the window shows it. It
/// notes the plan it was computed on (path and revision): accepting it (`accept_stop_in_file`,
/// `Editing::accept_stop`) is refused once the plan changed since.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StopProposal {
    #[serde(skip)]
    #[ts(skip)]
    pub path: PathBuf,
    #[serde(skip)]
    #[ts(skip)]
    pub revision: i64,
    pub target: NaiveDate,
    /// The levelled plan meets the target after the deferrals.
    pub meets: bool,
    /// The levelled plan already meets the target: nothing to defer.
    #[serde(skip)]
    pub met_already: bool,
    pub finish_before_days: i64,
    pub finish_before_date: String,
    pub finish_after_days: i64,
    pub finish_after_date: String,
    pub days_gained: i64,
    pub value_deferred: f64,
    pub value_total: f64,
    pub deferred: Vec<Deferred>,
}

/// One initiative to defer, with the work that waits on it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Deferred {
    pub initiative: String,
    pub name: String,
    pub value: f64,
    /// Its leveling priority (0-1,000).
    pub priority: i32,
    /// The best (lowest) rank of a strategic priority it and what goes with it serve; null:
    /// they serve none.
    pub rank: Option<i32>,
    /// The work not done that waits on it (deferred with it).
    pub successors: Vec<String>,
    /// Its value and its successors'.
    pub value_deferred: f64,
    /// Working days this deferral gains, after the ones before it.
    pub days_gained: i64,
    pub finish_days: i64,
    pub finish_date: String,
}

/// Proposes the lowest-value work to defer so that the levelled plan meets `target` (the
/// plan's own when None); changes nothing. `iterations` is the budget of each leveling.
pub fn stop(plan: &Plan, target: Option<NaiveDate>, iterations: Option<u64>, seed: u64) -> Result<StopProposal, ApiError> {
    stop_of(&Snapshot::of_plan("", plan.clone()), target, iterations, seed)
}

/// What to stop on a snapshot of a plan (its path and revision noted, so that accepting it
/// is refused once the plan changed); changes nothing.
pub fn stop_of(snapshot: &Snapshot, target: Option<NaiveDate>, iterations: Option<u64>, seed: u64) -> Result<StopProposal, ApiError> {
    let plan = &snapshot.plan;
    require_valid(plan)?;
    let config = ProposeConfig { iterations: iterations.unwrap_or(300), seed, ..ProposeConfig::default() };
    let p = propose(plan, target, &config)?;
    let cal = plan.calendar.anchored(plan.start).map_err(ScheduleError::from)?;
    let date = |offset: i64| cal.date(offset.max(1) - 1).map(|d| d.to_string()).unwrap_or_else(|_| format!("day {offset}"));
    Ok(StopProposal {
        path: snapshot.path.clone(),
        revision: snapshot.revision,
        target: p.target,
        meets: p.meets,
        met_already: p.finish_before <= p.target_limit,
        finish_before_days: p.finish_before,
        finish_before_date: date(p.finish_before),
        finish_after_days: p.finish_after,
        finish_after_date: date(p.finish_after),
        days_gained: p.days_gained(),
        value_deferred: p.value_deferred,
        value_total: p.value_total,
        deferred: p
            .deferred
            .iter()
            .map(|d| Deferred {
                initiative: d.initiative.clone(),
                name: d.name.clone(),
                value: d.value,
                priority: d.priority,
                rank: d.rank,
                successors: d.successors.clone(),
                value_deferred: d.value_deferred,
                days_gained: d.days_gained,
                finish_days: d.finish,
                finish_date: date(d.finish),
            })
            .collect(),
    })
}

impl StopProposal {
    /// The edits that accept it: every initiative it defers and what goes with it, deferred
    /// since `since` for the reason of meeting the target; one batch.
    pub fn edits(&self, since: NaiveDate) -> Vec<Edit> {
        let deferral = crate::model::Deferral { since, reason: format!("what to stop: to meet the target {}", self.target) };
        self.deferred
            .iter()
            .flat_map(|d| std::iter::once(&d.initiative).chain(&d.successors))
            .map(|id| Edit::set_deferred(id, Some(&deferral)))
            .collect()
    }

    /// Was it computed on the plan file at `path` as it is at `revision` (no edit since)?
    pub fn is_fresh(&self, path: &Path, revision: i64) -> bool {
        self.path == path && self.revision == revision
    }
}

fn stop_stale() -> ApiError {
    ApiError {
        code: ErrorCode::Invalid,
        message: "the plan changed since this proposal was computed: propose again".into(),
        details: Vec::new(),
    }
}

fn nothing_to_defer() -> ApiError {
    ApiError { code: ErrorCode::Invalid, message: "nothing to defer: the proposal defers no work".into(), details: Vec::new() }
}

/// Accepts a proposal of what to stop in the plan file it was computed on: defers what it
/// names, as one batch edit (one undo step). Refused when the file changed since, or when it
/// defers nothing.
pub fn accept_stop_in_file(p: &StopProposal, since: NaiveDate) -> Result<usize, ApiError> {
    let mut editor = Editor::open(&p.path)?;
    if !p.is_fresh(editor.path(), editor.revision()?) {
        return Err(stop_stale());
    }
    let edits = p.edits(since);
    if edits.is_empty() {
        return Err(nothing_to_defer());
    }
    editor.apply_batch(&edits)?;
    Ok(edits.len())
}

impl Editing {
    /// Accepts a proposal of what to stop (one undo step); refused when the plan changed
    /// since it was shown.
    pub fn accept_stop(&mut self, p: &StopProposal, since: NaiveDate, arrangement: crate::layout::Arrangement) -> Result<Update, ApiError> {
        if !p.is_fresh(self.file.path(), self.file.revision()?) {
            return Err(stop_stale());
        }
        let edits = p.edits(since);
        if edits.is_empty() {
            return Err(nothing_to_defer());
        }
        self.apply(edits, arrangement)
    }
}
