//! MS Project XML (MSPDI): the format MS Project saves with File > Save As, and that
//! ProjectLibre, GanttProject and MPXJ read and write (`docs/mspdi.md`).
//!
//! What both sides have maps natively: tasks, milestones, durations, the four kinds of link
//! with their lags, start-no-earlier-than, deadlines, resources as teams, assignments as
//! effort, the project calendar (working weekdays, non-working exceptions), percent
//! complete, priority, leveling delay and notes; the owner is the task's Contact. What only
//! Bridger has travels in extended attributes ("Bridger id", "Bridger status", "Bridger
//! data"), which other tools show as columns or ignore, and which MS Project keeps when it
//! saves: per task, per resource, and on the project summary task (UID 0) for what belongs
//! to no task (sites, waves, risks, the plan's settings). A Bridger plan exported and read
//! back is the same plan.
//!
//! Reading a file from another tool converts units (hours and tenths of minutes, elapsed or
//! not, percentages) to working days with the file's MinutesPerDay, groups summary tasks as
//! waves and sites, and lists as findings every value it rounded and everything it could
//! not keep; nothing is dropped without a finding. Like every importer it does not validate
//! the plan it builds: the caller does, the same way for every source.

mod outline;
mod read;
mod recur;
mod write;
pub(crate) mod xml;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{CapacityChange, Distribution, Effort, Estimate, Kind, Plan, Position, Risk, Site, Wave};

pub use read::{from_bytes, from_str};
pub use write::{to_string, with_baseline};

/// A date as XML Schema writes one (the date part of an `xsd:dateTime`): a year of four
/// digits or more and no `+`. chrono's `Display` writes a year past 9999 with a `+`
/// ("+10007-03-09"), which no XML reader takes, and a plan's schedule can reach such years
/// (`model::limits`: a plan may start on 9999-12-31).
pub(super) struct XsdDate(pub NaiveDate);

impl std::fmt::Display for XsdDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        let sign = if d.year() < 0 { "-" } else { "" };
        write!(f, "{sign}{:04}-{:02}-{:02}", d.year().unsigned_abs(), d.month(), d.day())
    }
}

/// The date at the start of an `xsd:dateTime` or `xsd:date` ("2027-01-04T08:00:00"): a year
/// of four digits or more, optionally signed (Bridger once wrote years past 9999 with a
/// `+`), then `-MM-DD`. What follows (the time, a zone) is not read.
pub(super) fn parse_xsd_date(text: &str) -> Option<NaiveDate> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(4..=6).contains(&digits) {
        return None;
    }
    let year: i32 = rest[..digits].parse().ok()?;
    let two = |s: &str| -> Option<u32> { (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten() };
    let tail = &rest[digits..];
    if tail.get(..1)? != "-" || tail.get(3..4)? != "-" {
        return None;
    }
    let (month, day) = (two(tail.get(1..3)?)?, two(tail.get(4..6)?)?);
    NaiveDate::from_ymd_opt(if negative { -year } else { year }, month, day)
}

/// Largest MSPDI text read (MS Project files of 100,000 tasks are a few hundred MB).
pub const MAX_BYTES: usize = 1 << 30;

#[derive(Debug, Error)]
pub enum MspdiError {
    #[error("{what}: line {line}, column {column}: {message}")]
    Xml { what: String, line: usize, column: usize, message: String },
    #[error("{what}: not MS Project XML (the root element is <{found}>, expected <Project>)")]
    NotMspdi { what: String, found: String },
    #[error("{what}: line {line}, column {column}: <{element}> {message}")]
    Value { what: String, line: usize, column: usize, element: String, message: String },
    #[error("{what}: is {bytes} bytes; MS Project XML is read up to {MAX_BYTES} bytes")]
    TooBig { what: String, bytes: usize },
    /// The file's bytes are not UTF-8 text (MS Project writes UTF-8): where the first bad
    /// byte is.
    #[error("{what}: line {line}, column {column}: not UTF-8 text (the byte at offset {offset} starts no UTF-8 character); save the file as UTF-8")]
    NotUtf8 { what: String, line: usize, column: usize, offset: usize },
    /// The file could not be read as it is (not a regular file, too large, not UTF-8).
    #[error(transparent)]
    Input(#[from] crate::io::input::InputError),
}

/// Reads the MS Project XML file at `path` (a regular file of at most [`MAX_BYTES`]);
/// errors and findings name the file.
pub fn read_file(path: &std::path::Path) -> Result<Imported, MspdiError> {
    let text = crate::io::input::read_text(path, MAX_BYTES as u64, "an MS Project XML file")?;
    from_str(&text, &path.display().to_string())
}

/// Something a conversion could not keep as it was, or changed (a rounded duration, a
/// constraint Bridger has no equivalent of): reported, never silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What it is about: a task ("task 12 'Install'"), a link, the calendar, the project.
    pub subject: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.subject, self.message)
    }
}

/// A plan read from MSPDI, with what the reading changed or could not keep.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: Plan,
    pub findings: Vec<Finding>,
    /// The file's Baseline0 as the baseline of record, dates only (none when no task has one).
    pub baselines: Vec<crate::drift::Baseline>,
}

/// A plan written as MSPDI, with what the file cannot say (for other tools).
#[derive(Debug, Clone)]
pub struct Exported {
    pub text: String,
    pub findings: Vec<Finding>,
}

// Extended attributes: (FieldID, field name, alias). The FieldIDs are MS Project's own.
pub(crate) const TASK_ID: (&str, &str, &str) = ("188743731", "Text1", "Bridger id");

pub(crate) const TASK_STATUS: (&str, &str, &str) = ("188743737", "Text3", "Bridger status");
pub(crate) const TASK_DATA: (&str, &str, &str) = ("188743740", "Text4", "Bridger data");
pub(crate) const RESOURCE_ID: (&str, &str, &str) = ("205520904", "Text1", "Bridger id");
pub(crate) const RESOURCE_DATA: (&str, &str, &str) = ("205520905", "Text2", "Bridger data");

/// What an initiative has that MSPDI has no field for (the task's "Bridger data").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct TaskData {
    /// The estimate as Bridger had it: kept when the file's Duration still says `likely`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Estimate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Exact effort: kept when the assignments' Work still says the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Vec<Effort>>,
    /// Exact progress: kept when PercentComplete still says the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Name, owner and notes, only when XML cannot carry them as they are (control characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The handoffs into this task: what a link of MSPDI cannot hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handoffs: Vec<HandoffData>,
    /// Working days left as the owner said (MS Project's RemainingDuration is written too,
    /// but it always holds a value: only this one says the owner set it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<crate::model::Updated>,
    /// The strategic priorities the work serves (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serves: Vec<String>,
    /// Its deferral, when deferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferred: Option<crate::model::Deferral>,
    /// What a summary task of Bridger's outline groups (`wave`, `site`, `no_wave`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Its pin, when it came from Bridger (MS Project's constraint says the same date; this
    /// says it was not MS Project's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<crate::model::Pin>,
    /// Its definition of done, when it has one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub done_when: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct HandoffData {
    pub id: String,
    pub from: String,
    pub kind: Kind,
    pub lag: i32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assumption: String,
    #[serde(default)]
    pub confirmed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<chrono::NaiveDate>,
}

/// What a team has that a resource has no field for (the resource's "Bridger data").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ResourceData {
    pub fte: f64,
    pub utilization_target: f64,
    #[serde(default)]
    pub correlation: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity: Vec<CapacityChange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
}

/// What belongs to no task or resource: the "Bridger data" of the project summary task
/// (UID 0), which MS Project keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PlanData {
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub distribution: Distribution,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub asks: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leveling_basis: Option<String>,
    #[serde(default = "crate::model::default_review_every_days")]
    pub review_every_days: i32,
    /// The calendar's working weekdays and holidays as Bridger had them (the file's own
    /// calendar wins when it says something else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<crate::model::Calendar>,
    #[serde(default)]
    pub waves: Vec<Wave>,
    #[serde(default)]
    pub sites: Vec<Site>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Handoffs in the plan's order (the file keeps them per successor task).
    #[serde(default)]
    pub handoffs: Vec<String>,
    /// Initiatives in the plan's order (the file lists them by wave and site).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<String>,
    /// The name of the baseline of record written as the tasks' Baseline0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The strategic priorities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<crate::model::Priority>,
}

pub(crate) const PLAN_DATA_VERSION: u32 = 1;

/// The reason of the deferral an import gives a task inactive in MS Project (`Active` 0)
/// that Bridger's data does not say why.
pub const INACTIVE_REASON: &str = "inactive in MS Project";
