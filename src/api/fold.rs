//! What the map's group cards say (issue 28): a collapsed wave or site is one card, and the
//! handoffs in and out of it one line per pair of cards (`layout::fold` draws them). Here
//! each card gets its figures from the schedule and the sites' flags, and each line of
//! several handoffs whether it is critical and how many of its handoffs nobody owns or
//! confirmed, so the window draws them without a rule of its own.
//!
//! A group's status, for its colour: blocked when any of its work is blocked, else at risk
//! when any is, else done when all of it is done, else on track when any of it is on track
//! or done, else not started.

use std::collections::HashMap;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use ts_rs::TS;

use crate::health::Finding;
use crate::layout::{Fold, GroupKind, Layout};
use crate::model::{Plan, Status};
use crate::schedule::Schedule;
use crate::sites::{Context, Flag, StatusCounts};

/// One group card's figures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GroupSummary {
    /// The card's id (`layout.groups[..].id`).
    pub id: String,
    pub kind: GroupKind,
    /// The wave's or the site's id, and its name.
    pub of: String,
    pub name: String,
    /// How many initiatives it stands for, and of how many sites.
    pub initiatives: usize,
    pub sites: usize,
    /// Its status, by the rule of the module's doc.
    pub status: Status,
    pub status_counts: StatusCounts,
    /// The first start and the latest finish of its work.
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    /// Some of its work is on the critical path.
    pub critical: bool,
    /// Its sites unlike their wave, and why (`sites::rows`' flags, each naming its site).
    pub flagged_sites: usize,
    pub flags: Vec<Flag>,
}

/// One route that stands for several handoffs (to or from a group card).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LinkSummary {
    /// The route's id (`layout.handoffs[..].id`).
    pub id: String,
    /// The cards it joins (a group card's id, or an initiative's).
    pub from: String,
    pub to: String,
    /// How many handoffs it stands for.
    pub count: usize,
    /// Some of them are on the critical path (`schedule::critical_handoffs`).
    pub critical: bool,
    /// How many of them nobody owns or the receiving side has not confirmed.
    pub open: usize,
}

/// A group's status from its counts (the module's rule).
pub fn status(c: &StatusCounts) -> Status {
    let all = c.not_started + c.on_track + c.at_risk + c.blocked + c.done;
    if c.blocked > 0 {
        Status::Blocked
    } else if c.at_risk > 0 {
        Status::AtRisk
    } else if all > 0 && c.done == all {
        Status::Done
    } else if c.on_track + c.done > 0 {
        Status::OnTrack
    } else {
        Status::NotStarted
    }
}

/// The figures of every group card and every route of several handoffs of `layout`, from
/// the plan's schedule (None: no dates, nothing critical), findings, critical handoffs and
/// the finishes of its baseline of record (for the sites' slip flags).
pub fn summaries(
    plan: &Plan,
    layout: &Layout,
    schedule: Option<&Schedule>,
    findings: &[Finding],
    critical: &[String],
    baseline: Option<&HashMap<String, NaiveDate>>,
) -> (Vec<GroupSummary>, Vec<LinkSummary>) {
    if layout.groups.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let by_id: FxHashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let rows: FxHashMap<&str, &crate::schedule::ScheduledInitiative> =
        schedule.map(|s| s.initiatives.iter().map(|r| (r.id.as_str(), r)).collect()).unwrap_or_default();
    let site_rows = schedule.map(|s| crate::sites::rows(plan, s, &Context { baseline, ..Context::default() })).unwrap_or_default();
    let flags_of: FxHashMap<&str, &[Flag]> = site_rows.iter().map(|r| (r.id.as_str(), r.flags.as_slice())).collect();
    let waves: FxHashMap<&str, &str> = plan.waves.iter().map(|w| (w.id.as_str(), w.name.as_str())).collect();
    let sites: FxHashMap<&str, &str> = plan.sites.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    let groups = layout
        .groups
        .iter()
        .map(|g| {
            let mut counts = StatusCounts::default();
            let (mut start, mut finish, mut is_critical) = (None::<NaiveDate>, None::<NaiveDate>, false);
            // Its sites in the order their work first appears.
            let mut its_sites: Vec<&str> = Vec::new();
            let mut seen: FxHashSet<&str> = FxHashSet::default();
            for m in &g.members {
                let Some(i) = by_id.get(m.as_str()).map(|&k| &plan.initiatives[k]) else { continue };
                counts.add(i);
                if let Some(s) = i.site.as_deref() {
                    if seen.insert(s) {
                        its_sites.push(s);
                    }
                }
                if let Some(r) = rows.get(m.as_str()) {
                    start = Some(start.map_or(r.start_date, |d| d.min(r.start_date)));
                    finish = Some(finish.map_or(r.finish_date, |d| d.max(r.finish_date)));
                    is_critical |= r.critical;
                }
            }
            let flagged: Vec<&[Flag]> = its_sites.iter().filter_map(|s| flags_of.get(s).copied()).filter(|f| !f.is_empty()).collect();
            let name = match g.kind {
                GroupKind::Wave => waves.get(g.of.as_str()),
                GroupKind::Site => sites.get(g.of.as_str()),
            };
            GroupSummary {
                id: g.id.clone(),
                kind: g.kind,
                of: g.of.clone(),
                name: name.map_or_else(|| g.of.clone(), |n| n.to_string()),
                initiatives: g.members.len(),
                sites: its_sites.len(),
                status: status(&counts),
                status_counts: counts,
                start,
                finish,
                critical: is_critical,
                flagged_sites: flagged.len(),
                flags: flagged.into_iter().flatten().cloned().collect(),
            }
        })
        .collect();
    let on_path: FxHashSet<&str> = critical.iter().map(String::as_str).collect();
    let open: FxHashSet<&str> =
        findings.iter().filter(|f| f.code == "unowned-handoff" || f.code == "unconfirmed-handoff").map(|f| f.subject.as_str()).collect();
    let held: FxHashMap<&str, &str> =
        layout.groups.iter().flat_map(|g| g.members.iter().map(move |m| (m.as_str(), g.id.as_str()))).collect();
    let handoff: FxHashMap<&str, &crate::model::Handoff> = plan.handoffs.iter().map(|h| (h.id.as_str(), h)).collect();
    let card = |i: &str| held.get(i).map_or_else(|| i.to_string(), |g| g.to_string());
    let links = layout
        .handoffs
        .iter()
        .filter(|r| !r.handoffs.is_empty())
        .map(|r| LinkSummary {
            id: r.id.clone(),
            from: r.handoffs.first().and_then(|h| handoff.get(h.as_str())).map_or_else(String::new, |h| card(&h.from)),
            to: r.handoffs.first().and_then(|h| handoff.get(h.as_str())).map_or_else(String::new, |h| card(&h.to)),
            count: r.handoffs.len(),
            critical: r.handoffs.iter().any(|h| on_path.contains(h.as_str())),
            open: r.handoffs.iter().filter(|h| open.contains(h.as_str())).count(),
        })
        .collect();
    (groups, links)
}

/// The fold the window starts an open plan with: the core's default ([`Fold::default_for`]).
pub fn default_fold(plan: &Plan) -> Fold {
    Fold::default_for(plan)
}
