//! The demo plan (placeholder, being written).
use crate::model::Plan;
pub fn plan() -> Plan {
    Plan::new("demo", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default())
}
