//! Schedule health (issue 31) for every front end (`bridger health`): the DCMA 14-point assessment and
//! Bridger's ownership checks of a plan (`assessment`), against the plan file's baseline of
//! record or a baseline named, and the grade. `bridger health`, the grade line of
//! `bridger check`.

use std::path::Path;

use super::{require_valid, ApiError, ErrorCode};
use crate::assessment::assess;
use crate::drift::Baseline;
use crate::model::Plan;
use crate::store::StoreError;

pub use crate::assessment::{Grade, HealthReport, Measure, MeasureId, Options, CAPACITY_WEEKS};

/// The assessment of a valid plan against `baseline` (none: the metrics that need one say so).
pub fn report(plan: &Plan, baseline: Option<&Baseline>, options: Options) -> Result<HealthReport, ApiError> {
    require_valid(plan)?;
    let s = crate::schedule::schedule(plan)?;
    let findings = crate::health::findings(plan, Some(&s));
    Ok(assess(plan, &s, baseline, &findings, options))
}

/// The baseline a plan read from `path` is assessed against: the one named, else the file's
/// baseline of record (none for a file that is not a plan file, or keeps none). A name the
/// file does not keep is `NotFound`, naming it.
pub fn baseline(path: &Path, name: Option<&str>) -> Result<Option<Baseline>, ApiError> {
    let plan_file = matches!(super::files::detect(path, None), Ok(super::files::Source::Plan));
    match name {
        Some(name) => {
            let found = if plan_file { crate::store::read_baseline(path, Some(name))? } else { None };
            match found {
                Some(b) => Ok(Some(b)),
                None => Err(ApiError {
                    code: ErrorCode::NotFound,
                    message: StoreError::Missing { kind: "baseline", id: name.to_string() }.to_string(),
                    details: Vec::new(),
                }),
            }
        }
        None if plan_file => Ok(crate::store::read_baseline_of_record(path)?),
        None => Ok(None),
    }
}

/// The assessment of `plan`, read from `path`, against its baseline (`baseline`).
pub fn of_file(path: &Path, plan: &Plan, name: Option<&str>, options: Options) -> Result<HealthReport, ApiError> {
    let base = baseline(path, name)?;
    report(plan, base.as_ref(), options)
}

impl super::Editing {
    /// Schedule health of the open plan, against its file's baseline of record (the Health
    /// tab, the status bar's grade).
    pub fn health(&self) -> Result<HealthReport, ApiError> {
        of_file(self.file.path(), self.file.plan(), None, Options::default())
    }
}
