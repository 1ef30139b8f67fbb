//! What a finding is: one thing worth a look about one subject, with its severity. Below
//! both `health` (which computes most of them) and `capacity` (which computes the
//! over-allocation ones), so neither depends on the other for the word.

use serde::Serialize;
use ts_rs::TS;

/// How much a finding matters. People read "blocker", "warning" and "note"
/// (`words::severity`): "critical" is the critical path's word (issue 26). The JSON values
/// are kept as they were ("critical", "warning", "info"), so `check --json`, the window's
/// bindings and scripts read the same values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
pub enum Severity {
    /// The plan's promise is broken as it stands (a missed deadline, a handoff due late).
    #[serde(rename = "critical")]
    Blocker,
    /// Someone must act.
    #[serde(rename = "warning")]
    Warning,
    /// For the record.
    #[serde(rename = "info")]
    Note,
}

/// One thing worth a look, about one subject (an initiative, a handoff or a risk id).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Finding {
    pub severity: Severity,
    /// Stable code, kebab-case: what the UI and scripts branch on.
    pub code: String,
    pub subject: String,
    pub message: String,
}
