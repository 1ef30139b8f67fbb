//! The core's API for clients that present a plan (the desktop shell today): plain data,
//! shaped for the screen, and errors as `{code, message}` that a UI can branch on.
//!
//! The shell's commands are one-line wrappers over these functions; the CLI uses the
//! same analyses directly.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::health::{self, Report};
use crate::model::{Plan, Team};
use crate::schedule::{schedule, Schedule, ScheduleError};
use crate::store::{PlanFile, StoreError};

/// What a client branches on. The message is for people; the code is for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    AlreadyExists,
    NotAPlan,
    NewerVersion,
    Invalid,
    InUse,
    Cycle,
    /// Another program is saving the plan: try again.
    Busy,
    Storage,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        let code = match &e {
            StoreError::NotFound { .. } | StoreError::Missing { .. } => ErrorCode::NotFound,
            StoreError::Exists { .. } => ErrorCode::AlreadyExists,
            StoreError::Newer { .. } => ErrorCode::NewerVersion,
            StoreError::Invalid(errors) | StoreError::Refused(errors) => {
                if errors.iter().any(|e| matches!(e, crate::model::ValidationError::Cycle { .. })) {
                    ErrorCode::Cycle
                } else {
                    ErrorCode::Invalid
                }
            }
            StoreError::InUse { .. } => ErrorCode::InUse,
            StoreError::Foreign { .. } | StoreError::Incomplete { .. } | StoreError::IsFolder { .. } => ErrorCode::NotAPlan,
            StoreError::Busy { .. } => ErrorCode::Busy,
            StoreError::NoFolder { .. }
            | StoreError::Open { .. }
            | StoreError::ReadOnly { .. }
            | StoreError::DiskFull { .. }
            | StoreError::Io { .. }
            | StoreError::Damaged { .. }
            | StoreError::BadRow { .. }
            | StoreError::Sql(_) => ErrorCode::Storage,
        };
        ApiError { code, message: e.to_string() }
    }
}

impl From<ScheduleError> for ApiError {
    fn from(e: ScheduleError) -> ApiError {
        let code = match &e {
            ScheduleError::Graph(crate::graph::GraphError::Cycle(_)) => ErrorCode::Cycle,
            _ => ErrorCode::Invalid,
        };
        ApiError { code, message: e.to_string() }
    }
}

/// Everything the main view shows of a plan: its schedule (or why there is none) and its
/// errors and findings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Overview {
    pub path: String,
    pub name: String,
    pub teams: Vec<Team>,
    pub schedule: Option<Schedule>,
    /// Why there is no schedule, when there is none.
    pub schedule_error: Option<ApiError>,
    pub report: Report,
}

/// The overview of an open plan file.
pub fn overview(file: &PlanFile) -> Overview {
    overview_of(file.plan(), &file.path().display().to_string())
}

/// The overview of a plan from anywhere (`path` is only shown).
pub fn overview_of(plan: &Plan, path: &str) -> Overview {
    // One schedule serves both the table and the findings that need dates.
    let errors = health::errors(plan);
    let (schedule, schedule_error) = match schedule(plan) {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(ApiError::from(e))),
    };
    let dated = if errors.is_empty() { schedule.as_ref() } else { None };
    let report = health::report(plan, errors, dated);
    Overview { path: path.to_string(), name: plan.name.clone(), teams: plan.teams.clone(), schedule, schedule_error, report }
}

/// Opens the plan at `path`, creating it from `seed` first if there is no file yet (the
/// app's first start creates the demo plan this way).
pub fn open_or_create(path: &Path, seed: impl FnOnce() -> Plan) -> Result<PlanFile, ApiError> {
    if path.exists() {
        Ok(PlanFile::open(path)?)
    } else {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| ApiError { code: ErrorCode::Storage, message: format!("{}: {e}", dir.display()) })?;
        }
        Ok(PlanFile::create(path, &seed())?)
    }
}
