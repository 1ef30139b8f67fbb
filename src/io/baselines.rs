//! Baselines in the exchange formats (issue 27, item 7): what the JSON format's `baselines`
//! array holds, and the checks every imported baseline passes whatever its format.
//!
//! In JSON a baseline travels whole: its name, when it was kept, the status date then, whether
//! it is the baseline of record, every initiative's dates, and (when it was kept in Bridger)
//! the plan as it was and the forecast kept then, so that a JSON round trip keeps the causes
//! of every move. A CSV folder's `baselines.csv` (`io::csv`) and a spreadsheet of approved
//! dates hold dates only: such a baseline's moves have no causes, and `diff` says so.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::drift::{Baseline, BaselineDates, BaselineSchedule};
use crate::model::Plan;
use crate::schedule::SimulationResults;

/// One baseline as the JSON format writes it (docs/plan-format.md, "Baselines").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineDoc {
    pub name: String,
    /// When it was kept (RFC 3339, UTC); empty: when it is imported.
    #[serde(default)]
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<NaiveDate>,
    #[serde(default)]
    pub of_record: bool,
    /// Every initiative's first and last working day then.
    pub initiatives: Vec<BaselineDates>,
    /// The plan as it was (absent: dates only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<SimulationResults>,
}

impl BaselineDoc {
    pub fn of(b: &Baseline) -> BaselineDoc {
        BaselineDoc {
            name: b.name.clone(),
            created: b.created.clone(),
            status_date: b.status_date,
            of_record: b.of_record,
            initiatives: b.schedule.initiatives.clone(),
            plan: b.plan.clone(),
            forecast: b.forecast.clone(),
        }
    }
}

/// What is wrong with an imported baseline: the first thing found, in words that name it.
pub fn problem(b: &BaselineDoc) -> Option<String> {
    let name = &b.name;
    if name.trim().is_empty() {
        return Some("a baseline has no name".into());
    }
    if b.initiatives.is_empty() {
        return Some(format!("baseline '{name}' holds no initiative's dates"));
    }
    let mut seen = HashSet::new();
    for d in &b.initiatives {
        if d.finish < d.start {
            return Some(format!("baseline '{name}': initiative '{}' finishes ({}) before it starts ({})", d.id, d.finish, d.start));
        }
        if !seen.insert(d.id.as_str()) {
            return Some(format!("baseline '{name}': initiative '{}' has two rows of dates", d.id));
        }
    }
    if let Some(plan) = &b.plan {
        if let Some(e) = crate::model::validate(plan).into_iter().next() {
            return Some(format!("baseline '{name}': the plan it keeps is not valid: {e}"));
        }
    }
    None
}

/// The baseline an imported document is, once [`problem`] found nothing: its schedule's start
/// and finish are the earliest start and the latest finish of its initiatives.
pub fn baseline(b: BaselineDoc) -> Baseline {
    let start = b.initiatives.iter().map(|d| d.start).min().unwrap_or(NaiveDate::MIN);
    let finish = b.initiatives.iter().map(|d| d.finish).max().unwrap_or(start);
    let start = b.plan.as_ref().map_or(start, |p| p.start.min(start));
    Baseline {
        name: b.name.trim().to_string(),
        created: b.created,
        status_date: b.status_date,
        of_record: b.of_record,
        plan: b.plan,
        schedule: BaselineSchedule { start, finish, initiatives: b.initiatives },
        forecast: b.forecast,
    }
}

/// Two baselines of one name, or more than one of record: what makes a list of baselines
/// unreadable as a whole.
pub fn list_problem(list: &[BaselineDoc]) -> Option<String> {
    let mut names = HashSet::new();
    for b in list {
        if !names.insert(b.name.trim()) {
            return Some(format!("two baselines are named '{}'", b.name.trim()));
        }
    }
    let of_record: Vec<&str> = list.iter().filter(|b| b.of_record).map(|b| b.name.as_str()).collect();
    if of_record.len() > 1 {
        return Some(format!("{} baselines are marked of record ('{}'); one is", of_record.len(), of_record.join("', '")));
    }
    None
}
