//! Strategic priorities (issue 29): the rules about the strategy a plan's work serves. Which
//! work serves no priority, and (with `findings`) the four findings `health` lists:
//! `priority-owner-not-a-person`, `priority-unserved`, `work-serves-no-priority` and
//! `priorities-compete` (docs/glossary.md, "Findings").

use crate::findings::{Finding, Severity};
use crate::model::{Initiative, Plan, Status};
use crate::schedule::Schedule;

/// Whether the work is unfinished: not done. Deferred work is neither finished nor in the
/// plan's way; the rules below say which they count.
fn unfinished(i: &Initiative) -> bool {
    i.status != Status::Done
}

/// Unfinished work, not deferred and not a milestone, that serves no priority: the
/// candidates to stop, once the plan has priorities (none before).
pub fn serves_none(plan: &Plan) -> impl Iterator<Item = &Initiative> {
    let any = !plan.priorities.is_empty();
    plan.initiatives.iter().filter(move |i| any && unfinished(i) && !i.is_deferred() && !i.is_milestone() && i.serves.is_empty())
}

/// Whether `owner` names a person: not blank, and not a team of the plan (its id or its name,
/// letter case and spaces around aside).
pub fn owner_is_a_person(plan: &Plan, owner: &str) -> bool {
    let o = owner.trim().to_lowercase();
    !o.is_empty() && !plan.teams.iter().any(|t| t.id.trim().to_lowercase() == o || t.name.trim().to_lowercase() == o)
}

/// The findings about priorities and deferral, in this order: each priority whose owner is
/// not a person, each priority no unfinished work serves, the work serving none (one finding),
/// priorities that compete for over-allocated team-weeks (with `sched`), and each handoff out
/// of deferred work into work that is not.
pub fn findings(plan: &Plan, sched: Option<&Schedule>) -> Vec<Finding> {
    let mut out = Vec::new();
    for p in &plan.priorities {
        if !owner_is_a_person(plan, &p.owner) {
            let why =
                if p.owner.trim().is_empty() { "has no owner".to_string() } else { format!("is owned by '{}', a team", p.owner.trim()) };
            out.push(Finding {
                severity: Severity::Warning,
                code: "priority-owner-not-a-person".into(),
                subject: p.id.clone(),
                message: format!("the priority '{}' {why}: a priority needs one named person who owns it", p.name),
            });
        }
    }
    for p in &plan.priorities {
        let serving = || plan.initiatives.iter().filter(|i| i.serves.iter().any(|s| *s == p.id));
        if !serving().any(|i| unfinished(i) && !i.is_deferred()) {
            let deferred = serving().filter(|i| i.is_deferred()).count();
            let also = if deferred > 0 {
                format!(" (only deferred work: {})", crate::words::count(deferred, "initiative", "initiatives"))
            } else {
                String::new()
            };
            out.push(Finding {
                severity: Severity::Warning,
                code: "priority-unserved".into(),
                subject: p.id.clone(),
                message: format!("no unfinished work serves the priority '{}'{also}: tie work to it, or retire it", p.name),
            });
        }
    }
    let none: Vec<&Initiative> = serves_none(plan).collect();
    if !none.is_empty() {
        const NAMED: usize = 10;
        let mut names: Vec<String> = none.iter().take(NAMED).map(|i| format!("'{}'", i.name)).collect();
        if none.len() > NAMED {
            names.push(format!("{} more", none.len() - NAMED));
        }
        out.push(Finding {
            severity: Severity::Warning,
            code: "work-serves-no-priority".into(),
            subject: "plan".into(),
            message: format!(
                "{} not tied to any priority: candidates to stop ({})",
                crate::words::count(none.len(), "initiative is", "initiatives are"),
                names.join(", ")
            ),
        });
    }
    if let Some(s) = sched {
        out.extend(compete(plan, s));
    }
    out.extend(handoffs_from_deferred(plan));
    out
}

/// Each handoff from deferred work into work that is not: the schedule ignores it, so the
/// waiting work is planned as if it had what it waits for (a warning naming it).
pub fn handoffs_from_deferred(plan: &Plan) -> Vec<Finding> {
    if !plan.initiatives.iter().any(Initiative::is_deferred) {
        return Vec::new();
    }
    let by_id: std::collections::HashMap<&str, &Initiative> = plan.initiatives.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut out = Vec::new();
    for h in &plan.handoffs {
        let (Some(from), Some(to)) = (by_id.get(h.from.as_str()), by_id.get(h.to.as_str())) else { continue };
        if from.is_deferred() && !to.is_deferred() {
            out.push(Finding {
                severity: Severity::Warning,
                code: "handoff-from-deferred".into(),
                subject: h.id.clone(),
                message: format!(
                    "'{}' waits for '{}', which is deferred: the schedule ignores the handoff, so '{}' is planned without it; defer it too, or take '{}' back",
                    to.name, from.name, to.name, from.name
                ),
            });
        }
    }
    out
}

/// Priorities of different rank whose unfinished work loads the same team in the same
/// over-allocated weeks: one finding per team (its subject), naming the priorities that
/// compete there, highest rank first, and the weeks; the work to defer or move is the
/// lower-ranked priorities' on that team.
fn compete(plan: &Plan, sched: &Schedule) -> Vec<Finding> {
    if plan.priorities.len() < 2 || plan.teams.is_empty() {
        return Vec::new();
    }
    let rank: std::collections::HashMap<&str, (i32, &str)> =
        plan.priorities.iter().map(|p| (p.id.as_str(), (p.rank, p.name.as_str()))).collect();
    let serves: std::collections::HashMap<&str, &[String]> =
        plan.initiatives.iter().filter(|i| !i.serves.is_empty() && unfinished(i)).map(|i| (i.id.as_str(), i.serves.as_slice())).collect();
    if serves.is_empty() {
        return Vec::new();
    }
    let at: std::collections::HashMap<&str, (i64, i64)> =
        sched.initiatives.iter().map(|r| (r.id.as_str(), (r.work_start, r.early_finish))).collect();
    let (start, finish): (Vec<i64>, Vec<i64>) = plan.initiatives.iter().map(|i| at.get(i.id.as_str()).copied().unwrap_or((0, 0))).unzip();
    let Ok(loads) = crate::capacity::load_at(plan, &start, &finish) else { return Vec::new() };
    let mut out = Vec::new();
    for (t, tl) in loads.iter().enumerate() {
        // The priorities (rank, name) competing on this team, and the weeks they do.
        let mut competing: std::collections::BTreeSet<(i32, &str)> = Default::default();
        let mut weeks = Vec::new();
        for w in tl.weeks.iter().filter(|w| w.over()) {
            let mut here: Vec<(i32, &str)> = w
                .initiatives
                .iter()
                .filter_map(|(id, _)| serves.get(id.as_str()))
                .flat_map(|ps| ps.iter().filter_map(|p| rank.get(p.as_str()).map(|r| (r.0, r.1))))
                .collect();
            here.sort_unstable();
            here.dedup();
            if here.first().map(|f| f.0) != here.last().map(|l| l.0) {
                competing.extend(here);
                weeks.push(w.monday);
            }
        }
        let Some(&(top_rank, top)) = competing.first() else { continue };
        let team = plan.teams.get(t).map_or("a team", |x| x.name.as_str());
        let named: Vec<String> = competing.iter().map(|(r, n)| format!("'{n}' (rank {r})")).collect();
        let lower: Vec<String> = competing.iter().filter(|(r, _)| *r != top_rank).map(|(_, n)| format!("'{n}'")).collect();
        // Runs of consecutive weeks read as one span: "the weeks of 2027-02-08 to 2027-03-22".
        let mut runs: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = Vec::new();
        for &w in &weeks {
            match runs.last_mut() {
                Some(r) if (w - r.1).num_days() == 7 => r.1 = w,
                _ => runs.push((w, w)),
            }
        }
        let span = |&(a, b): &(chrono::NaiveDate, chrono::NaiveDate)| {
            if a == b {
                format!("the week of {a}")
            } else {
                format!("the weeks of {a} to {b}")
            }
        };
        let shown: Vec<String> = runs.iter().take(4).map(span).collect();
        let when = match runs.len() {
            0..=4 => crate::words::list(&shown),
            k => format!("{} and {} more", shown.join(", "), k - 4),
        };
        out.push(Finding {
            severity: Severity::Warning,
            code: "priorities-compete".into(),
            subject: plan.teams.get(t).map_or_else(String::new, |x| x.id.clone()),
            message: format!(
                "{} compete for {team} in {} it is over capacity ({when}): '{top}' comes first; defer or move the work of {} on {team}",
                crate::words::list(&named),
                crate::words::count(weeks.len(), "week", "weeks"),
                crate::words::list(&lower),
            ),
        });
    }
    out
}

/// Where a priority stands against its target date (its own, else the plan's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PriorityStatus {
    /// Its work finishes by the target (at P80 when a forecast is kept), and none of it is
    /// blocked.
    OnTrack,
    /// Its work finishes by the target in the plan but not at P80, or some of it is blocked
    /// or at risk.
    AtRisk,
    /// Its work finishes after the target in the plan itself.
    Late,
}

/// The one rule of a priority's status: `finish` the last finish of its work not deferred
/// (CPM), `p80` the kept forecast's, `troubled` whether any of that work is blocked or at
/// risk. The Priorities view and the brief both ask it.
pub fn status(
    target: Option<chrono::NaiveDate>,
    finish: Option<chrono::NaiveDate>,
    p80: Option<chrono::NaiveDate>,
    troubled: bool,
) -> PriorityStatus {
    match (target, finish) {
        (Some(t), Some(f)) if f > t => PriorityStatus::Late,
        (Some(t), _) if p80.is_some_and(|d| d > t) => PriorityStatus::AtRisk,
        _ if troubled => PriorityStatus::AtRisk,
        _ => PriorityStatus::OnTrack,
    }
}
