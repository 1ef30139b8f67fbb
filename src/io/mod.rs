//! Plans in and out of other formats: the JSON exchange format, CSV folders, MS Project
//! XML (MSPDI) and PSPLIB `.sm`.
//!
//! Importers parse and report where the input is wrong (a line, a field); they do not
//! validate the plan they build. Callers validate once, the same way for every source.
//! Every input file is read through `input` (a regular file only, its size bounded while
//! reading); every output file is written through `output`, which never overwrites a plan
//! and replaces an existing file only when asked to, atomically.

pub mod csv;
pub mod input;
pub mod json;
pub mod merge;
pub mod mspdi;
pub mod output;
pub mod psplib;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum IoError {
    /// The file could not be read as it is (not a regular file, too large, not UTF-8).
    #[error(transparent)]
    Input(#[from] input::InputError),
    #[error("{what}: line {line}, column {column}: {message}")]
    Json { what: String, line: usize, column: usize, message: String },
    #[error("{what}: not a Bridger plan (expected \"format\": \"bridger-plan\", found {found})")]
    NotAPlan { what: String, found: String },
    #[error("{what}: plan format version {found} is newer than this Bridger reads ({supported}); update Bridger")]
    Newer { what: String, found: u32, supported: u32 },
    #[error("{what}: line {line}: {message}")]
    Psplib { what: String, line: usize, message: String },
    /// A job's demand x duration does not fit a 64-bit count of person-days.
    #[error("{what}: line {line}: job {job} demands {demand} of resource R{resource} for {days} days: the effort (demand x duration) is out of range")]
    PsplibEffort { what: String, line: usize, job: i64, resource: usize, demand: i64, days: i64 },
}
