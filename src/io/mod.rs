//! Plans in and out of other formats: the JSON exchange format, CSV folders, MS Project
//! XML (MSPDI) and PSPLIB `.sm`.
//!
//! Importers parse and report where the input is wrong (a line, a field); they do not
//! validate the plan they build. Callers validate once, the same way for every source.
//! Every input file is read through `input` (a regular file only, its size bounded while
//! reading); every output file is written through `output`, which never overwrites a plan
//! and replaces an existing file only when asked to, atomically.

pub mod baselines;
pub mod csv;
pub mod input;
pub mod json;
pub mod merge;
pub mod mspdi;
pub mod output;
pub mod p6;
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
    /// A `baselines` entry that cannot be kept: the first problem, naming the baseline.
    #[error("{what}: line {line}: {message}; nothing imported")]
    Baselines { what: String, line: usize, message: String },
    #[error("{what}: line {line}: {message}")]
    Psplib { what: String, line: usize, message: String },
    /// The file's bytes are not UTF-8 text: where the first bad byte is.
    #[error("{what}: line {line}, column {column}: not UTF-8 text (the byte at offset {offset} starts no UTF-8 character); save the file as UTF-8")]
    NotUtf8 { what: String, line: usize, column: usize, offset: usize },
    /// A job's demand x duration does not fit a 64-bit count of person-days.
    #[error("{what}: line {line}: job {job} demands {demand} of resource R{resource} for {days} days: the effort (demand x duration) is out of range")]
    PsplibEffort { what: String, line: usize, job: i64, resource: usize, demand: i64, days: i64 },
}

/// Where text that is not UTF-8 goes wrong: the 1-based line and column (in characters) and
/// the 0-based byte offset of the first byte that starts no UTF-8 character. Reading a file
/// as a string only says that it is not UTF-8; a person needs the place to mend it.
pub fn utf8_error_at(bytes: &[u8], error: &std::str::Utf8Error) -> (usize, usize, usize) {
    let offset = error.valid_up_to();
    let before = &bytes[..offset];
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |k| k + 1);
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    // Valid UTF-8 up to `offset`, so this counts characters.
    let column = 1 + std::str::from_utf8(&before[line_start..]).map_or(0, |t| t.chars().count());
    (line, column, offset)
}

/// The bytes of a file to import as text, or where they are not UTF-8 (`what` names the
/// source in the error).
pub fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, IoError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column, offset) = utf8_error_at(bytes, &e);
        IoError::NotUtf8 { what: what.to_string(), line, column, offset }
    })
}
