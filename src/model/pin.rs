//! Pinned dates (issue 30): a start or finish the work is held to whatever its handoffs
//! allow, as MS Project's must-start-on, must-finish-on and manually scheduled tasks hold it
//! (docs/scheduling.md, "Pinned dates").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A pinned date: the work starts (or finishes) on `date` whatever its predecessors allow;
/// it fixes both the early and the late date, so float upstream of it can go negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// Which end of the work is pinned.
    pub at: PinAt,
    /// The day the work starts (a pinned start) or the last day it works (a pinned finish).
    pub date: NaiveDate,
    /// Where the pin came from, so that an export writes it back as it came.
    #[serde(default, skip_serializing_if = "PinSource::is_bridger")]
    pub source: PinSource,
}

/// Which end of the work a [`Pin`] holds: "Pinned start" or "Pinned finish" on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PinAt {
    Start,
    Finish,
}

impl PinAt {
    pub const ALL: [PinAt; 2] = [PinAt::Start, PinAt::Finish];

    pub fn as_str(self) -> &'static str {
        match self {
            PinAt::Start => "start",
            PinAt::Finish => "finish",
        }
    }

    pub fn parse(s: &str) -> Option<PinAt> {
        PinAt::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a [`Pin`] came from: set in Bridger, or an MS Project manual task, must-start-on or
/// must-finish-on constraint (each written back as it came).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PinSource {
    #[default]
    Bridger,
    Manual,
    MustStartOn,
    MustFinishOn,
}

impl PinSource {
    pub const ALL: [PinSource; 4] = [PinSource::Bridger, PinSource::Manual, PinSource::MustStartOn, PinSource::MustFinishOn];

    pub fn as_str(self) -> &'static str {
        match self {
            PinSource::Bridger => "bridger",
            PinSource::Manual => "manual",
            PinSource::MustStartOn => "must_start_on",
            PinSource::MustFinishOn => "must_finish_on",
        }
    }

    pub fn parse(s: &str) -> Option<PinSource> {
        PinSource::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub(super) fn is_bridger(&self) -> bool {
        *self == PinSource::Bridger
    }
}
