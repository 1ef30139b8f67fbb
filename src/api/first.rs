//! The first view of a plan whose map is folded: what the window draws first, before the
//! whole plan.
//!
//! With 1,000 sites the map's default fold (by wave) draws a few hundred cards for some
//! 20,000 initiatives, yet the whole view (every initiative, handoff, schedule row and
//! finding) is about 28 MB of JSON, seconds through the IPC. So the window first asks for
//! `first`: the view with only what the folded map draws (the initiatives drawn as their own
//! cards, the handoffs into and out of them with their other ends (the inspector lists and
//! names them), their schedule rows and findings, the risks that touch them; the layout, the
//! group cards' summaries, the sites, waves and teams whole) and the whole plan's counts in
//! `partial`. While the window holds such a part, an edit or a fold answers with the part of
//! the new view (`Editing::update`); the window asks for the whole view (`Editing::view`) when
//! it needs more (another tab, the search, a new id). What is left out is only what the folded
//! map hides: nothing in the part is other than in the whole view (tested in
//! `tests/api_first.rs`).

use rustc_hash::FxHashSet;
use serde::Serialize;
use ts_rs::TS;

use super::PlanView;
use crate::health::Severity;

/// The whole plan's counts, in a first view that holds only what the folded map draws (the
/// status bar says these, not the lists' lengths).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WholeCounts {
    pub initiatives: u32,
    pub handoffs: u32,
    pub risks: u32,
    pub errors: u32,
    pub critical: u32,
    pub warnings: u32,
    pub infos: u32,
}

/// The part of `whole` a folded map draws (see the module's doc); None when the map hides
/// nothing (no group card), so the whole view is the first one.
pub fn first(whole: &PlanView) -> Option<PlanView> {
    if whole.layout.groups.is_empty() {
        return None;
    }
    let groups: FxHashSet<&str> = whole.layout.groups.iter().map(|g| g.id.as_str()).collect();
    let drawn: FxHashSet<&str> = whole.layout.cards.iter().map(|c| c.id.as_str()).filter(|id| !groups.contains(id)).collect();
    let plan = &whole.plan;
    // the handoffs into and out of what is drawn (its inspector lists them), and the
    // initiatives drawn with the other ends of those handoffs (named there)
    let kept_handoff = |h: &crate::model::Handoff| drawn.contains(h.from.as_str()) || drawn.contains(h.to.as_str());
    let mut shown = drawn.clone();
    for h in plan.handoffs.iter().filter(|h| kept_handoff(h)) {
        shown.insert(h.from.as_str());
        shown.insert(h.to.as_str());
    }
    let hidden: FxHashSet<&str> = plan.initiatives.iter().map(|i| i.id.as_str()).filter(|id| !shown.contains(id)).collect();
    let hidden_handoffs: FxHashSet<&str> = plan.handoffs.iter().filter(|h| !kept_handoff(h)).map(|h| h.id.as_str()).collect();
    let kept_risk = |r: &crate::model::Risk| r.initiatives.is_empty() || r.initiatives.iter().any(|i| shown.contains(i.as_str()));
    let risks: FxHashSet<&str> = plan.risks.iter().filter(|r| kept_risk(r)).map(|r| r.id.as_str()).collect();
    let all_ids_of_risks: FxHashSet<&str> = plan.risks.iter().map(|r| r.id.as_str()).collect();

    let crate::model::Plan {
        name,
        start,
        calendar,
        teams,
        waves,
        sites,
        initiatives,
        handoffs,
        risks: all_risks,
        templates,
        priorities,
        target,
        distribution,
        summary,
        asks,
        leveling_basis,
        status_date,
        review_every_days,
    } = plan;
    // the plan's own fields and its small lists (teams, sites, waves, templates...) whole;
    // only initiatives, handoffs and risks grow with the sites
    let plan = crate::model::Plan {
        name: name.clone(),
        start: *start,
        calendar: calendar.clone(),
        teams: teams.clone(),
        waves: waves.clone(),
        sites: sites.clone(),
        initiatives: initiatives.iter().filter(|i| shown.contains(i.id.as_str())).cloned().collect(),
        handoffs: handoffs.iter().filter(|h| kept_handoff(h)).cloned().collect(),
        risks: all_risks.iter().filter(|r| kept_risk(r)).cloned().collect(),
        templates: templates.clone(),
        priorities: priorities.clone(),
        target: *target,
        distribution: distribution.clone(),
        summary: summary.clone(),
        asks: asks.clone(),
        leveling_basis: leveling_basis.clone(),
        status_date: *status_date,
        review_every_days: *review_every_days,
    };
    let schedule = whole.schedule.as_ref().map(|s| crate::schedule::Schedule {
        start_date: s.start_date,
        finish_date: s.finish_date,
        makespan_days: s.makespan_days,
        critical_path: s.critical_path.clone(),
        initiatives: s.initiatives.iter().filter(|r| shown.contains(r.id.as_str())).cloned().collect(),
        handoffs: s.handoffs.iter().filter(|r| !hidden_handoffs.contains(r.id.as_str())).cloned().collect(),
        status_date: s.status_date,
    });
    let report = crate::health::Report {
        errors: whole.report.errors.clone(),
        findings: whole
            .report
            .findings
            .iter()
            .filter(|f| {
                let about = f.subject.as_str();
                !hidden.contains(about) && !hidden_handoffs.contains(about) && (risks.contains(about) || !all_ids_of_risks.contains(about))
            })
            .cloned()
            .collect(),
    };
    let count = |sev: Severity| whole.report.findings.iter().filter(|f| f.severity == sev).count() as u32;
    let partial = WholeCounts {
        initiatives: initiatives.len() as u32,
        handoffs: handoffs.len() as u32,
        risks: all_risks.len() as u32,
        errors: whole.report.errors.len() as u32,
        critical: count(Severity::Blocker),
        warnings: count(Severity::Warning),
        infos: count(Severity::Note),
    };
    Some(PlanView {
        revision: whole.revision,
        path: whole.path.clone(),
        title: whole.title.clone(),
        plan,
        schedule,
        schedule_error: whole.schedule_error.clone(),
        critical_handoffs: whole.critical_handoffs.clone(),
        report,
        layout: whole.layout.clone(),
        lanes: whole.lanes.clone(),
        groups: whole.groups.clone(),
        group_links: whole.group_links.clone(),
        risk_scores: whole.risk_scores.iter().filter(|s| risks.contains(s.id.as_str())).cloned().collect(),
        heat: whole.heat.clone(),
        undo: whole.undo.clone(),
        redo: whole.redo.clone(),
        partial: Some(partial),
    })
}
