//! `bridger priorities` as text: each strategic priority by rank with its owner, target,
//! the work serving it, its finish, P80 and status, then the work tied to no priority.

use std::fmt::Write;

use super::escape;
use crate::api::priorities::{PrioritiesView, PriorityStatus};
use crate::model::Plan;

/// The priorities of `view` (of `plan`), one block each, by rank.
pub fn priorities_text(file: &str, plan: &Plan, view: &PrioritiesView) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} priorit{}{}",
        escape(file),
        view.priorities.len(),
        if view.priorities.len() == 1 { "y" } else { "ies" },
        if view.forecast { "" } else { "; no current forecast (run bridger simulate for P80)" }
    );
    let date = |d: Option<chrono::NaiveDate>| d.map_or("-".to_string(), |d| d.to_string());
    for p in &view.priorities {
        let status = match p.status {
            PriorityStatus::OnTrack => "on track",
            PriorityStatus::AtRisk => "at risk",
            PriorityStatus::Late => "late",
        };
        let owner = if p.owner.trim().is_empty() { "(no owner)".to_string() } else { escape(&p.owner).into_owned() };
        let _ = writeln!(out, "\n{}. {} ({}), owned by {owner}: {status}", p.rank, escape(&p.name), escape(&p.id));
        let _ = writeln!(
            out,
            "   target {}, finish {}, P80 {}; {} initiative(s): {} done, {} blocked, {} deferred",
            date(p.target),
            date(p.finish),
            date(p.p80),
            p.initiatives.len(),
            p.done,
            p.blocked,
            p.deferred
        );
        for id in &p.initiatives {
            let name = plan.initiative(id).map_or(id.as_str(), |i| i.name.as_str());
            let _ = writeln!(out, "   - {}", escape(name));
        }
    }
    if !view.unserved.is_empty() {
        let _ = writeln!(out, "\nNot tied to any priority (candidates to stop): {}", view.unserved.len());
        for id in &view.unserved {
            let name = plan.initiative(id).map_or(id.as_str(), |i| i.name.as_str());
            let _ = writeln!(out, "   - {}", escape(name));
        }
    }
    out
}
