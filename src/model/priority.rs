//! Strategic priorities and deferral (issue 29): what the work is for, who owns each, and
//! the work set aside for now. Kept apart from the plan's other entities: the numeric
//! `Initiative::priority` (the leveling priority) is another thing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A strategic priority: what the work is for. One named person owns it; `rank` orders the
/// plan's priorities, 1 the highest, each rank once. The numeric `Initiative::priority` is
/// another thing (the leveling priority, MS Project's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub id: String,
    pub name: String,
    /// One named person (not a team): a blank owner or a team's id or name is the finding
    /// `priority-owner-not-a-person`, not an error.
    #[serde(default)]
    pub owner: String,
    /// 1 the highest; unique among the plan's priorities.
    pub rank: i32,
    /// The date the priority should be met by (its status in the Priorities view).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Priority {
    /// A priority with no target and no description.
    pub fn new(id: &str, name: &str, owner: &str, rank: i32) -> Priority {
        Priority { id: id.to_string(), name: name.to_string(), owner: owner.to_string(), rank, target: None, description: String::new() }
    }
}

/// Why and since when an initiative is deferred: it keeps its status, progress and dates,
/// stays in the plan and its exports, and is out of the schedule, the forecast, the capacity
/// load and the findings that need dates (docs/plan-format.md, "Deferral").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Deferral {
    /// The day it was deferred.
    pub since: NaiveDate,
    #[serde(default)]
    pub reason: String,
}
