//! The app's Brief button: the PDF brief of the open plan (the same `brief::render` as
//! `bridger brief`), with the simulation results kept in the plan file, written as every
//! output file is (`io::output`: a temporary file renamed into place, never over a plan).

use std::path::Path;

use chrono::NaiveDate;

use super::{analysis, ApiError, Editing, ErrorCode};
use crate::brief::{render, BriefError, BriefOptions, Paper, SimulationFigures};
use crate::io::output::{write_bytes, OutputError, Overwrite};

impl From<OutputError> for ApiError {
    fn from(e: OutputError) -> ApiError {
        let code = match &e {
            OutputError::Exists { .. } => ErrorCode::AlreadyExists,
            OutputError::Io { .. } => ErrorCode::Storage,
            _ => ErrorCode::Invalid,
        };
        ApiError { code, message: e.to_string() }
    }
}

impl From<BriefError> for ApiError {
    fn from(e: BriefError) -> ApiError {
        let code = match &e {
            BriefError::Invalid { .. } => ErrorCode::Invalid,
            BriefError::Schedule(s) => return ApiError::from(s.clone()),
            _ => ErrorCode::Internal,
        };
        ApiError { code, message: e.to_string() }
    }
}

/// What a written brief was.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct Written {
    pub path: String,
    pub bytes: u64,
}

impl Editing {
    /// Writes the brief of the open plan, dated `date`, to `path`, replacing a file there
    /// (the native save dialog has asked), but never a plan or a database.
    pub fn brief(&self, path: &Path, date: NaiveDate, paper: Paper) -> Result<Written, ApiError> {
        let plan = self.file.plan();
        let stored = self.file.last_simulation()?;
        // The figures the brief prints, read from the stored results the way the window does.
        let simulation = match (analysis::analysis_of(plan, stored.as_ref()).simulation, &stored) {
            (Some(v), Some(s)) => Some(SimulationFigures {
                p50: v.p50.date.parse().map_err(|_| bad_date(&v.p50.date))?,
                p80: v.p80.date.parse().map_err(|_| bad_date(&v.p80.date))?,
                iterations: v.iterations,
                at: s.at.get(..10).unwrap_or(&s.at).to_string(),
                stale: s.stale,
                probability_on_target: v.target.map(|t| t.probability),
            }),
            _ => None,
        };
        let pdf = render(plan, &BriefOptions { paper, date, simulation })?;
        write_bytes(path, Overwrite::Replace, &pdf)?;
        Ok(Written { path: path.display().to_string(), bytes: pdf.len() as u64 })
    }
}

fn bad_date(s: &str) -> ApiError {
    ApiError { code: ErrorCode::Storage, message: format!("the stored simulation holds '{s}', not a date") }
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
        let results = analysis::run(&s, 300, None).expect("simulated");
        let a = e.keep(&s, &results).expect("kept");
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
