//! Page 1's strategy (issue 29, item 5): the status grouped by strategic priority (its owner,
//! on track / at risk / late, its forecast against its target) and the work deferred since
//! the last review, and why. The first appears only when the plan has priorities, the second when work is deferred
//! (or was taken back since the last review):
//! a plan without them keeps its page 1 as it was.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::doc::{note, short_date, Doc};
use super::page::Font;
use super::style::{CRIT, GOOD, WARN};
use super::table::{table, Cell, Column};
use super::BriefError;

/// How many deferrals page 1 names.
const SHOWN: usize = 4;
use crate::model::{Initiative, Plan, Status};
use crate::priorities::PriorityStatus;
use crate::schedule::Schedule;

/// One priority as page 1 lists it.
struct PriorityLine {
    name: String,
    owner: String,
    rank: i32,
    target: Option<NaiveDate>,
    /// The work serving it: how many initiatives, done, blocked, deferred.
    work: usize,
    done: usize,
    blocked: usize,
    deferred: usize,
    /// The CPM finish of its work that is not deferred, and its P80 when a forecast is kept.
    finish: Option<NaiveDate>,
    p80: Option<NaiveDate>,
    status: PriorityStatus,
}

/// The plan's priorities by rank, each with the work serving it, on `schedule`, and the P80
/// per priority of the kept forecast (`p80`, by id; empty without one).
fn lines(plan: &Plan, schedule: &Schedule, p80: &BTreeMap<String, NaiveDate>) -> Vec<PriorityLine> {
    let finish: HashMap<&str, NaiveDate> = schedule.initiatives.iter().map(|r| (r.id.as_str(), r.finish_date)).collect();
    let mut out: Vec<PriorityLine> = plan
        .priorities
        .iter()
        .map(|p| {
            let serving: Vec<&Initiative> = plan.initiatives.iter().filter(|i| i.serves.iter().any(|s| *s == p.id)).collect();
            let live = || serving.iter().filter(|i| !i.is_deferred());
            let last = live().filter_map(|i| finish.get(i.id.as_str()).copied()).max();
            let troubled = live().any(|i| matches!(i.status, Status::Blocked | Status::AtRisk));
            let target = p.target.or(plan.target);
            let p80 = p80.get(&p.id).copied();
            PriorityLine {
                name: p.name.clone(),
                owner: p.owner.clone(),
                rank: p.rank,
                target,
                work: serving.len(),
                done: serving.iter().filter(|i| i.status == Status::Done).count(),
                blocked: serving.iter().filter(|i| i.status == Status::Blocked).count(),
                deferred: serving.iter().filter(|i| i.is_deferred()).count(),
                finish: last,
                p80,
                status: crate::priorities::status(target, last, p80, troubled),
            }
        })
        .collect();
    out.sort_by_key(|l| l.rank);
    out
}

/// "Status by priority": one row per priority, by rank. Nothing when the plan has none.
/// With `full` false, only the sentence that counts them (page 1 had no room for the table).
pub(crate) fn by_priority(
    doc: &mut Doc,
    plan: &Plan,
    schedule: &Schedule,
    p80: &BTreeMap<String, NaiveDate>,
    full: bool,
) -> Result<(), BriefError> {
    let lines = lines(plan, schedule, p80);
    if lines.is_empty() {
        return Ok(());
    }
    let late = lines.iter().filter(|l| l.status == PriorityStatus::Late).count();
    let risk = lines.iter().filter(|l| l.status == PriorityStatus::AtRisk).count();
    let on_track = lines.len() - late - risk;
    if !full {
        doc.section_here("Status by priority", 60.0)?;
        return note(
            doc,
            &format!(
                "{}: {on_track} on track, {risk} at risk, {late} late (forecast: the P80 of the kept forecast, else the finish if nothing slips).",
                crate::words::count(lines.len(), "priority", "priorities"),
            ),
        );
    }
    // With the table, the heading says the counts (the table the forecast's kind).
    doc.section_here(&format!("Status by priority: {on_track} on track, {risk} at risk, {late} late"), 60.0)?;
    let rows: Vec<Vec<Cell>> = lines
        .iter()
        .map(|l| {
            let (word, tone) = match l.status {
                PriorityStatus::OnTrack => ("on track", GOOD),
                PriorityStatus::AtRisk => ("at risk", WARN),
                PriorityStatus::Late => ("late", CRIT),
            };
            let forecast = match (l.p80, l.finish) {
                (Some(p), _) => format!("P80 {}", short_date(p)),
                (None, Some(f)) => short_date(f),
                (None, None) => "no work scheduled".to_string(),
            };
            let mut work = format!("{}/{} done", l.done, l.work);
            if l.blocked > 0 {
                work.push_str(&format!(", {} blocked", l.blocked));
            }
            if l.deferred > 0 {
                work.push_str(&format!(", {} deferred", l.deferred));
            }
            vec![
                Cell::new(format!("{}. {}", l.rank, l.name)),
                Cell::new(l.owner.clone()),
                Cell::new(word).font(Font::bold(8.6, tone)).chip(tone),
                Cell::new(forecast),
                Cell::new(l.target.map_or("none".to_string(), short_date)),
                Cell::new(work),
            ]
        })
        .collect();
    let columns = [
        // Narrow, so that the table fits page 1 beside the handoffs and decisions; nothing cut.
        Column::new("Priority", 0.33),
        Column::new("Owner", 0.16).lines(2),
        Column::new("Status", 0.1),
        Column::new("Forecast", 0.11),
        Column::new("Target", 0.12),
        Column::new("Work", 0.18),
    ];
    table(doc, &columns, &rows)
}

/// "Deferred since the last review": the work deferred since the latest baseline, with why;
/// without a baseline, all the work deferred now. Nothing when the plan has no priority and
/// no deferred work.
pub(crate) fn deferred(doc: &mut Doc, plan: &Plan, since: Option<&crate::drift::Drift>) -> Result<(), BriefError> {
    let any = plan.initiatives.iter().any(|i| i.is_deferred());
    if !any && since.is_none_or(|d| d.deferred.is_empty() && d.undeferred.is_empty()) {
        return Ok(());
    }
    doc.section_here("Deferred since the last review", 30.0)?;
    let name = |id: &str| plan.initiative(id).map_or_else(|| id.to_string(), |i| i.name.clone());
    let list: Vec<(String, NaiveDate, String)> = match since {
        Some(d) => d.deferred.iter().map(|x| (name(&x.id), x.since, x.reason.clone())).collect(),
        None => plan.initiatives.iter().filter_map(|i| i.deferred.as_ref().map(|d| (i.name.clone(), d.since, d.reason.clone()))).collect(),
    };
    let lead = match (since, list.is_empty()) {
        (Some(d), true) => format!("Nothing was deferred since the baseline \"{}\".", d.since.name),
        (Some(d), false) => format!(
            "{} deferred since the baseline \"{}\"; deferred work stays in the plan, out of the schedule, forecast and capacity:",
            crate::words::count(list.len(), "initiative", "initiatives"),
            d.since.name
        ),
        (None, true) => "Nothing is deferred. Keep a baseline at each review and this lists what was deferred since.".to_string(),
        (None, false) => format!(
            "No baseline is kept, so this lists all deferred work ({}):",
            crate::words::count(list.len(), "initiative", "initiatives")
        ),
    };
    note(doc, &lead)?;
    if let Some(d) = since {
        if !d.undeferred.is_empty() {
            let back: Vec<String> = d.undeferred.iter().map(|id| format!("'{}'", name(id))).collect();
            note(doc, &format!("Taken back into the plan since: {}.", back.join(", ")))?;
        }
    }
    // One line each, as prose: page 1 has no room for a table here.
    for (n, when, why) in list.iter().take(SHOWN) {
        let why = if why.trim().is_empty() { "no reason given" } else { why.as_str() };
        note(doc, &format!("'{n}', deferred since {}: {why}", short_date(*when)))?;
    }
    if list.len() > SHOWN {
        note(doc, &format!("And {} more (bridger diff lists them all).", list.len() - SHOWN))?;
    }
    Ok(())
}
