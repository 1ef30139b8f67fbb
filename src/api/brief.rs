//! The app's Brief button: the PDF brief of the open plan (the same `brief::render` as
//! `bridger brief`), with the simulation results kept in the plan file, written as every
//! output file is (`io::output`: a temporary file renamed into place, never over a plan).

use std::path::Path;

use chrono::NaiveDate;

use super::{ApiError, Editing, ErrorCode};
use crate::brief::{render_with, BriefError, BriefOptions, Paper, SimulationFigures};
use crate::io::output::{write_bytes, Overwrite};
use crate::model::Plan;
use crate::store::StoredSimulation;

impl From<BriefError> for ApiError {
    fn from(e: BriefError) -> ApiError {
        let code = match &e {
            BriefError::Invalid { .. } => ErrorCode::Invalid,
            BriefError::Schedule(s) => return ApiError::from(s.clone()),
            _ => ErrorCode::Internal,
        };
        ApiError { code, message: e.to_string(), details: Vec::new() }
    }
}

/// What a written brief was.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct Written {
    pub path: String,
    pub bytes: u64,
}

/// The brief's figures of a kept run (none when there is none, or it cannot be read).
fn figures(plan: &Plan, kept: Option<&StoredSimulation>) -> Option<SimulationFigures> {
    let k = kept?;
    let results = k.results.as_ref().ok()?;
    // The date of the run is enough on paper ("2026-11-28T09:30:00+00:00" -> "2026-11-28").
    SimulationFigures::from_results(results, k.at.get(..10).unwrap_or(&k.at), super::analysis::is_stale(plan, k))
}

/// The P80 per priority of the kept forecast, when current (empty otherwise): page 1's
/// status by priority weighs it.
fn priority_p80(plan: &Plan, kept: Option<&StoredSimulation>) -> std::collections::BTreeMap<String, NaiveDate> {
    let run = kept.filter(|k| !super::analysis::is_stale(plan, k)).and_then(|k| k.results.as_ref().ok());
    run.map(|r| r.priorities.iter().map(|(id, p)| (id.clone(), p.p80_date)).collect()).unwrap_or_default()
}

/// The plan file at `path` against its latest baseline, for the brief's "Since the last
/// review": none when `path` is no plan file or keeps no baseline (the brief says so).
pub fn since_in_file(path: &Path) -> Option<crate::drift::Drift> {
    if !matches!(super::files::detect(path, None), Ok(super::files::Source::Plan)) {
        return None;
    }
    super::baseline::diff(path, None).ok()
}

/// The plan file at `path` against its baseline of record, for the timeline's planned bars:
/// none when `path` is no plan file or keeps no baseline.
pub fn record_in_file(path: &Path) -> Option<crate::drift::Baseline> {
    if !matches!(super::files::detect(path, None), Ok(super::files::Source::Plan)) {
        return None;
    }
    crate::store::read_baseline_of_record(path).ok().flatten()
}

/// What the brief reads of a plan file's baselines.
#[derive(Debug, Clone, Default)]
pub struct Baselines {
    /// Against the latest baseline: page 1's "Since the last review".
    pub since: Option<crate::drift::Drift>,
    /// The baseline of record: the timeline's planned bars.
    pub record: Option<crate::drift::Baseline>,
}

/// The baselines of the plan file at `path` the brief reads (none of a file that is no plan).
pub fn baselines_in_file(path: &Path) -> Baselines {
    Baselines { since: since_in_file(path), record: record_in_file(path) }
}

/// Writes the brief of `plan`, dated `date`, with the figures of its kept run, to `path`
/// through `io::output` (an existing file only with `Overwrite::Replace`, never a plan or a
/// database). `bridger brief` and the window's Brief both call this.
pub fn write(
    plan: &Plan,
    kept: Option<&StoredSimulation>,
    baselines: Baselines,
    path: &Path,
    date: NaiveDate,
    paper: Paper,
    overwrite: Overwrite,
) -> Result<Written, ApiError> {
    let options = BriefOptions { paper, date, simulation: figures(plan, kept), since: baselines.since, record: baselines.record };
    let pdf = render_with(plan, &options, &priority_p80(plan, kept))?;
    write_bytes(path, overwrite, &pdf)?;
    Ok(Written { path: path.display().to_string(), bytes: pdf.len() as u64 })
}

impl Editing {
    /// Writes the brief of the open plan, dated `date`, to `path`, replacing a file there
    /// (the native save dialog has asked), but never a plan or a database.
    pub fn brief(&self, path: &Path, date: NaiveDate, paper: Paper) -> Result<Written, ApiError> {
        let kept = self.file.last_simulation()?;
        write(self.file.plan(), kept.as_ref(), baselines_in_file(self.file.path()), path, date, paper, Overwrite::Replace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The brief of an open plan lands whole at the path, with the stored run's P80 in it;
    /// a plan file is never overwritten by it.
    #[test]
    fn the_brief_is_written_with_the_stored_simulation_and_never_over_a_plan() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let file = crate::store::PlanFile::create(&dir.path().join("demo.bridger"), &crate::demo::plan()).expect("created");
        let mut e = Editing::new(file, "test");
        let s = e.snapshot().expect("a snapshot");
        let ran = super::super::analysis::run(&s, &super::super::analysis::SimOptions { iterations: 300, ..Default::default() }, None)
            .expect("simulated");
        let a = e.keep(&s, &ran).expect("kept");
        assert!(a.simulation.is_some());
        let out = dir.path().join("brief.pdf");
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
        let w = e.brief(&out, date, Paper::A4).expect("written");
        let bytes = std::fs::read(&out).expect("readable");
        assert!(bytes.starts_with(b"%PDF") && w.bytes == bytes.len() as u64);
        let again = e.brief(&dir.path().join("demo.bridger"), date, Paper::A4).expect_err("refused");
        assert_eq!(again.code, ErrorCode::Invalid, "{}", again.message);
        assert!(crate::store::read(&dir.path().join("demo.bridger")).is_ok(), "the plan is intact");
    }
}
