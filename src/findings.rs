//! What a finding is: one thing worth a look about one subject, with its severity. Below
//! both `health` (which computes most of them) and `capacity` (which computes the
//! over-allocation ones), so neither depends on the other for the word.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    Warning,
    Info,
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
