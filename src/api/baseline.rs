//! Baselines and drift, for every front end: keep a baseline of a plan file (`bridger
//! baseline`, the window's Keep baseline), delete one, mark the baseline of record, list them
//! (`bridger baselines`), and compare the plan now with one (`bridger diff`, the Since panel).
//! Keeping a baseline is not an edit: nothing to undo, and undo or redo of later edits leave
//! it. The comparison itself is `drift`'s.

use std::path::Path;

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::{require_valid, ApiError, ErrorCode};
pub use crate::drift::Baseline;
use crate::drift::BaselineSchedule;
pub use crate::drift::{Cause, Change, DeferredSince, Drift, Entities, FindingRef, Move, OriginKind, Rescored, Since, TeamOver};
use crate::store::{Editor, StoreError};

/// One baseline as `bridger baselines` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BaselineRow {
    pub name: String,
    /// When it was kept (RFC 3339, UTC).
    pub created: String,
    pub status_date: Option<NaiveDate>,
    /// The baseline of record: the approved plan the variance is measured against.
    pub of_record: bool,
    /// How many initiatives it holds.
    pub initiatives: i64,
    /// Kept with dates only (imported): its moves have no causes.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(optional, as = "Option<bool>")]
    pub dates_only: bool,
}

/// What keeping a baseline kept.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Kept {
    pub name: String,
    pub created: String,
    pub of_record: bool,
    pub initiatives: i64,
    /// Whether the kept forecast was current and is kept with it.
    pub forecast: bool,
    /// Bytes it takes in the plan file.
    pub bytes: i64,
    /// Whether it replaced a baseline of the same name.
    pub replaced: bool,
}

fn rows(list: Vec<crate::store::BaselineInfo>) -> Vec<BaselineRow> {
    list.into_iter()
        .map(|b| BaselineRow {
            name: b.name,
            created: b.created,
            status_date: b.status_date,
            of_record: b.of_record,
            initiatives: b.initiatives,
            dates_only: !b.has_plan,
        })
        .collect()
}

/// Keeps a baseline of the plan file at `path` named `name`: the plan, its schedule and the
/// kept forecast when it is current, with the time and the status date. A name in use is
/// refused unless `force` (then replaced; a replaced baseline of record stays so). The first
/// baseline of a plan is its baseline of record.
pub fn keep(path: &Path, name: &str, force: bool) -> Result<Kept, ApiError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError { code: ErrorCode::Invalid, message: "a baseline needs a name".into(), details: Vec::new() });
    }
    let mut editor = Editor::open(path)?;
    let replaced = editor.baselines()?.iter().any(|b| b.name == name);
    let plan = editor.read_plan()?;
    require_valid(&plan)?;
    let schedule = crate::schedule::schedule(&plan)?;
    let forecast = editor.last_simulation()?.filter(|k| !super::analysis::is_stale(&plan, k)).and_then(|k| k.results.ok());
    let baseline = Baseline {
        name: name.to_string(),
        created: Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        status_date: plan.status_date,
        of_record: false,
        schedule: BaselineSchedule::of(&schedule),
        forecast,
        plan: Some(plan),
    };
    editor.keep_baseline(&baseline, force)?;
    let info =
        editor.baselines()?.into_iter().find(|b| b.name == name).ok_or_else(|| super::internal("the baseline just kept is missing"))?;
    Ok(Kept {
        name: info.name,
        created: info.created,
        of_record: info.of_record,
        initiatives: info.initiatives,
        forecast: baseline.forecast.is_some(),
        bytes: info.bytes,
        replaced,
    })
}

/// Keeps a baseline named `name` of dates only, read from the CSV file at `csv` (columns
/// initiative, start, finish; docs/csv-format.md): approved dates from a spreadsheet or
/// another tool. Its moves have no causes. Every bad row is reported; nothing is kept then.
/// A name in use is refused unless `force`.
pub fn keep_dates(path: &Path, name: &str, csv: &Path, force: bool) -> Result<Kept, ApiError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError { code: ErrorCode::Invalid, message: "a baseline needs a name".into(), details: Vec::new() });
    }
    let bytes = crate::io::input::read_bytes(csv, crate::io::csv::MAX_FILE_BYTES, "a CSV file of dates").map_err(|e| ApiError {
        code: ErrorCode::Invalid,
        message: e.to_string(),
        details: Vec::new(),
    })?;
    let mut list = crate::io::csv::baselines_from_csv(&bytes, "dates", Some(name)).map_err(|(problems, count)| ApiError {
        code: ErrorCode::Invalid,
        message: format!("{}: {count} problem(s); no baseline kept", csv.display()),
        details: problems.iter().map(|p| p.to_string().replacen("dates", &csv.display().to_string(), 1)).collect(),
    })?;
    let Some(mut b) = list.pop() else { return Err(super::internal("a file of dates read as no baseline")) };
    b.created = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let mut editor = Editor::open(path)?;
    let plan = editor.read_plan()?;
    b.status_date = plan.status_date;
    let replaced = editor.baselines()?.iter().any(|x| x.name == name);
    editor.keep_baseline(&b, force)?;
    let info =
        editor.baselines()?.into_iter().find(|x| x.name == name).ok_or_else(|| super::internal("the baseline just kept is missing"))?;
    Ok(Kept {
        name: info.name,
        created: info.created,
        of_record: info.of_record,
        initiatives: info.initiatives,
        forecast: false,
        bytes: info.bytes,
        replaced,
    })
}

/// Every baseline kept in the plan file at `path`, whole (plan, dates, forecast), oldest
/// first: what an export carries.
pub fn all(path: &Path) -> Result<Vec<Baseline>, ApiError> {
    Ok(crate::store::read_all_baselines(path)?)
}

/// Deletes the baseline `name` (when it was the baseline of record, the earliest left takes
/// its place).
pub fn delete(path: &Path, name: &str) -> Result<(), ApiError> {
    Ok(Editor::open(path)?.delete_baseline(name)?)
}

/// Marks `name` the baseline of record.
pub fn of_record(path: &Path, name: &str) -> Result<(), ApiError> {
    Ok(Editor::open(path)?.set_baseline_of_record(name)?)
}

/// Gives each row of `schedule` (of `plan`, read from the plan file at `path`) its dates in
/// the file's baseline of record and its finish variance (`drift::against_record`): what
/// `schedule --json` shows. Nothing when the file keeps no baseline (or `path` is no plan
/// file). Only the baseline's dates are read.
pub fn against_record(path: &Path, plan: &crate::model::Plan, schedule: &mut crate::schedule::Schedule) -> Result<(), ApiError> {
    if !matches!(super::files::detect(path, None), Ok(super::files::Source::Plan)) {
        return Ok(());
    }
    let Some(base) = crate::store::read_baseline_of_record(path)? else { return Ok(()) };
    Ok(crate::drift::against_record(plan, schedule, &base.schedule)?)
}

/// The findings of the plan file at `path` against its baseline of record (none without one):
/// work the baseline had starting on or before the status date that has not started
/// (`drift::missed_starts`).
pub fn record_findings(path: &Path, plan: &crate::model::Plan) -> Result<Vec<crate::health::Finding>, ApiError> {
    if plan.status_date.is_none() || !matches!(super::files::detect(path, None), Ok(super::files::Source::Plan)) {
        return Ok(Vec::new());
    }
    let Some(base) = crate::store::read_baseline_of_record(path)? else { return Ok(Vec::new()) };
    Ok(crate::drift::missed_starts(plan, &base))
}

/// The baselines kept in the plan file at `path`, oldest first (read without writing).
pub fn list(path: &Path) -> Result<Vec<BaselineRow>, ApiError> {
    Ok(rows(crate::store::read_baselines(path)?))
}

/// The plan file at `path` now against its baseline `since` (the latest kept when None). No
/// baseline is `NotFound`, with a message saying how to keep one.
pub fn diff(path: &Path, since: Option<&str>) -> Result<Drift, ApiError> {
    // The baseline (its plan snapshot inflated and parsed) is read on another core while this
    // one reads the plan now and schedules it: on a 20,000-initiative plan each is about a
    // tenth of a second. Each is its own read transaction; a baseline is never changed in
    // place, only kept, replaced or deleted whole.
    let (base, now) = std::thread::scope(|scope| {
        let base = scope.spawn(|| crate::store::read_baseline(path, since));
        let now = (|| -> Result<_, ApiError> {
            let plan = crate::store::read(path)?;
            require_valid(&plan)?;
            let schedule = crate::schedule::schedule(&plan)?;
            Ok((plan, schedule))
        })();
        (base.join().unwrap_or_else(|p| std::panic::resume_unwind(p)), now)
    });
    // No baseline is said first: a plan that does not read is named only when there is one.
    let Some(base) = base? else {
        let message = match since {
            Some(name) => StoreError::Missing { kind: "baseline", id: name.to_string() }.to_string(),
            None => format!("{}: no baseline kept yet; keep one first (bridger baseline FILE --name NAME)", path.display()),
        };
        return Err(ApiError { code: ErrorCode::NotFound, message, details: Vec::new() });
    };
    let (plan, now) = now?;
    let kept = crate::store::read_simulation(path)?;
    let forecast = kept.filter(|k| !super::analysis::is_stale(&plan, k)).and_then(|k| k.results.ok());
    Ok(crate::drift::drift(&base, &plan, &now, forecast.as_ref())?)
}
