//! What changed between the view a window holds and the view after an edit.
//!
//! The view of a 5,000-initiative plan is about 8 MB of JSON; sending it whole after every
//! keystroke costs hundreds of milliseconds in serialising, the IPC and parsing, while an edit
//! changes a few cards, the dates downstream of it and a finding or two. So an edit answers
//! with a `ViewDelta`: per list, the positions whose items changed and the list's new length;
//! the small parts whole when they changed. The window merges it into the view it holds
//! (`ui/src/view.ts`); `base` and `revision` make sure it merges into the view the delta was
//! computed from, and a window that holds another asks for the whole view again.
//!
//! A delta is exact, not a guess: applied to the old view it gives the new one, value for
//! value (tested on every list kind in `tests/api_delta.rs`).

use serde::Serialize;
use ts_rs::TS;

use super::{ApiError, PlanView};
use crate::edit::EditSummary;
use crate::health::{Finding, PlanError};
use crate::layout::{Arrangement, Card, Fold, GroupCard, Lane, Route};
use crate::model::{Handoff, Initiative, Plan, Risk, Site, Team, Wave};
use crate::risk::{HeatCell, RiskScore};
use crate::schedule::{Schedule, ScheduledHandoff, ScheduledInitiative};

/// How one list changed: it now has `len` items, and the item at each position of `set` is
/// new (every position at or past the old length is in `set`). An unchanged list has no
/// `ListDelta` at all.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ListDelta<T: TS> {
    pub len: u32,
    pub set: Vec<(u32, T)>,
}

/// The difference of two lists, position by position; None when they are equal.
pub fn list<T: PartialEq + Clone + TS>(old: &[T], new: &[T]) -> Option<ListDelta<T>> {
    let set: Vec<(u32, T)> =
        new.iter().enumerate().filter(|(k, item)| old.get(*k) != Some(*item)).map(|(k, item)| (k as u32, item.clone())).collect();
    if set.is_empty() && old.len() == new.len() {
        None
    } else {
        Some(ListDelta { len: new.len() as u32, set })
    }
}

/// A list applied to `old`: what `list(old, new)` was computed from gives `new` back.
pub fn merge<T: Clone + TS>(old: &[T], delta: &ListDelta<T>) -> Vec<T> {
    let len = delta.len as usize;
    let mut out: Vec<Option<T>> = old.iter().take(len).cloned().map(Some).collect();
    out.resize(len, None);
    for (k, item) in &delta.set {
        if let Some(slot) = out.get_mut(*k as usize) {
            *slot = Some(item.clone());
        }
    }
    out.into_iter().flatten().collect()
}

/// How a list of items with ids changed when its order may change with its content (the
/// schedule's rows are in the order the work runs, so one longer duration reorders many):
/// the items that are new or changed, and the ids in their new order when it changed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KeyedDelta<T: TS> {
    pub set: Vec<T>,
    pub order: Option<Vec<String>>,
}

/// The difference of two lists of rows by id; None when they are equal.
pub fn keyed(old: &[ScheduledInitiative], new: &[ScheduledInitiative]) -> Option<KeyedDelta<ScheduledInitiative>> {
    if old == new {
        return None;
    }
    let before: rustc_hash::FxHashMap<&str, &ScheduledInitiative> = old.iter().map(|r| (r.id.as_str(), r)).collect();
    let set = new.iter().filter(|r| before.get(r.id.as_str()) != Some(r)).cloned().collect();
    let same_order = old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a.id == b.id);
    Some(KeyedDelta { set, order: (!same_order).then(|| new.iter().map(|r| r.id.clone()).collect()) })
}

/// The rows `keyed(old, new)` was computed from gives back.
pub fn merge_keyed(old: &[ScheduledInitiative], d: &KeyedDelta<ScheduledInitiative>) -> Vec<ScheduledInitiative> {
    let mut by_id: rustc_hash::FxHashMap<&str, &ScheduledInitiative> = old.iter().map(|r| (r.id.as_str(), r)).collect();
    for r in &d.set {
        by_id.insert(r.id.as_str(), r);
    }
    match &d.order {
        Some(order) => order.iter().filter_map(|id| by_id.get(id.as_str()).map(|r| (*r).clone())).collect(),
        None => old.iter().filter_map(|r| by_id.get(r.id.as_str()).map(|r| (*r).clone())).collect(),
    }
}

/// The schedule's own figures (start, finish, length) and its lists, as they changed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScheduleDelta {
    /// The schedule now, its lists empty (they come below); null when there is none now
    /// (then `error` says why).
    pub now: Option<Schedule>,
    pub error: Option<ApiError>,
    pub critical_path: Option<ListDelta<String>>,
    pub initiatives: Option<KeyedDelta<ScheduledInitiative>>,
    /// The rows of the handoffs, in the plan's order of handoffs (positions, as the plan's
    /// own list of handoffs).
    pub handoffs: Option<ListDelta<ScheduledHandoff>>,
}

/// The layout's cards and routes as they changed (the arrangement never changes in a delta).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LayoutDelta {
    pub crossings: u64,
    pub cards: Option<ListDelta<Card>>,
    pub handoffs: Option<ListDelta<Route>>,
    /// The fold and the group cards, whole, when they changed.
    pub fold: Option<Fold>,
    pub groups: Option<Vec<GroupCard>>,
}

/// What changed in a `PlanView` (see the module's doc). Each field is absent when that part
/// did not change; `undo` and `redo` are always given.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ViewDelta {
    /// The revision of the view this delta applies to.
    pub base: u64,
    /// The revision of the view it gives.
    pub revision: u64,
    pub arrangement: Arrangement,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title: Option<String>,
    /// The plan's own fields (name, start, calendar...), its lists empty, when they changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub plan: Option<Plan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub teams: Option<ListDelta<Team>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub waves: Option<ListDelta<Wave>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sites: Option<ListDelta<Site>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub initiatives: Option<ListDelta<Initiative>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub handoffs: Option<ListDelta<Handoff>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub risks: Option<ListDelta<Risk>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schedule: Option<ScheduleDelta>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub critical_handoffs: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub errors: Option<ListDelta<PlanError>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub findings: Option<ListDelta<Finding>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub layout: Option<LayoutDelta>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lanes: Option<Vec<Lane>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub groups: Option<Vec<super::fold::GroupSummary>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group_links: Option<Vec<super::fold::LinkSummary>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub risk_scores: Option<Vec<RiskScore>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub heat: Option<Vec<HeatCell>>,
    pub undo: Option<EditSummary>,
    pub redo: Option<EditSummary>,
    /// A view of only what the folded map draws (`first::first`): the whole plan's counts;
    /// absent in a whole view.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub partial: Option<super::first::WholeCounts>,
}

/// The plan's own fields: a copy of the plan with its lists left empty. The lists are taken
/// out for the copy and put back, so a field added to `Plan` later is carried without a
/// change here, and no list is cloned.
fn plan_head(plan: &mut Plan) -> Plan {
    let lists = (
        std::mem::take(&mut plan.teams),
        std::mem::take(&mut plan.waves),
        std::mem::take(&mut plan.sites),
        std::mem::take(&mut plan.initiatives),
        std::mem::take(&mut plan.handoffs),
        std::mem::take(&mut plan.risks),
    );
    let head = plan.clone();
    (plan.teams, plan.waves, plan.sites, plan.initiatives, plan.handoffs, plan.risks) = lists;
    head
}

/// The schedule's own figures, its lists left empty (as `plan_head`).
fn schedule_head(s: &mut Schedule) -> Schedule {
    let lists = (std::mem::take(&mut s.critical_path), std::mem::take(&mut s.initiatives), std::mem::take(&mut s.handoffs));
    let head = s.clone();
    (s.critical_path, s.initiatives, s.handoffs) = lists;
    head
}

/// What turns `old` into `new`. Both views are only borrowed mutably to copy their heads
/// without their lists; they are left as they were.
pub fn diff(old: &mut PlanView, new: &mut PlanView) -> ViewDelta {
    let plan = {
        let (a, b) = (plan_head(&mut old.plan), plan_head(&mut new.plan));
        (a != b).then_some(b)
    };
    let schedule = match (&mut old.schedule, &mut new.schedule) {
        (a, b) if a == b && old.schedule_error == new.schedule_error => None,
        (Some(a), Some(b)) => Some(ScheduleDelta {
            now: Some(schedule_head(b)),
            error: new.schedule_error.clone(),
            critical_path: list(&a.critical_path, &b.critical_path),
            initiatives: keyed(&a.initiatives, &b.initiatives),
            handoffs: list(&a.handoffs, &b.handoffs),
        }),
        (_, Some(b)) => Some(ScheduleDelta {
            now: Some(schedule_head(b)),
            error: new.schedule_error.clone(),
            critical_path: list(&[], &b.critical_path),
            initiatives: keyed(&[], &b.initiatives),
            handoffs: list(&[], &b.handoffs),
        }),
        (_, None) => {
            Some(ScheduleDelta { now: None, error: new.schedule_error.clone(), critical_path: None, initiatives: None, handoffs: None })
        }
    };
    let layout = (old.layout != new.layout).then(|| LayoutDelta {
        crossings: new.layout.crossings,
        cards: list(&old.layout.cards, &new.layout.cards),
        handoffs: list(&old.layout.handoffs, &new.layout.handoffs),
        fold: (old.layout.fold != new.layout.fold).then(|| new.layout.fold.clone()),
        groups: (old.layout.groups != new.layout.groups).then(|| new.layout.groups.clone()),
    });
    ViewDelta {
        base: old.revision,
        revision: new.revision,
        arrangement: new.layout.arrangement,
        path: (old.path != new.path).then(|| new.path.clone()),
        title: (old.title != new.title).then(|| new.title.clone()),
        plan,
        teams: list(&old.plan.teams, &new.plan.teams),
        waves: list(&old.plan.waves, &new.plan.waves),
        sites: list(&old.plan.sites, &new.plan.sites),
        initiatives: list(&old.plan.initiatives, &new.plan.initiatives),
        handoffs: list(&old.plan.handoffs, &new.plan.handoffs),
        risks: list(&old.plan.risks, &new.plan.risks),
        schedule,
        critical_handoffs: (old.critical_handoffs != new.critical_handoffs).then(|| new.critical_handoffs.clone()),
        errors: list(&old.report.errors, &new.report.errors),
        findings: list(&old.report.findings, &new.report.findings),
        layout,
        lanes: (old.lanes != new.lanes).then(|| new.lanes.clone()),
        groups: (old.groups != new.groups).then(|| new.groups.clone()),
        group_links: (old.group_links != new.group_links).then(|| new.group_links.clone()),
        risk_scores: (old.risk_scores != new.risk_scores).then(|| new.risk_scores.clone()),
        heat: (old.heat != new.heat).then(|| new.heat.clone()),
        undo: new.undo.clone(),
        redo: new.redo.clone(),
        partial: new.partial.clone(),
    }
}

impl ViewDelta {
    /// The view this delta gives, from the view it was computed on (what the window does in
    /// `ui/src/view.ts`; here for the tests that hold the two to each other).
    pub fn apply_to(&self, old: &PlanView) -> PlanView {
        let mut v = old.clone();
        v.revision = self.revision;
        if let Some(path) = &self.path {
            v.path.clone_from(path);
        }
        if let Some(title) = &self.title {
            v.title.clone_from(title);
        }
        if let Some(head) = &self.plan {
            let mut plan = head.clone();
            std::mem::swap(&mut plan, &mut v.plan);
            // `plan` now holds the old plan: its lists go into the new head.
            (v.plan.teams, v.plan.waves, v.plan.sites, v.plan.initiatives, v.plan.handoffs, v.plan.risks) =
                (plan.teams, plan.waves, plan.sites, plan.initiatives, plan.handoffs, plan.risks);
        }
        fn apply<T: Clone + TS>(list: &mut Vec<T>, d: &Option<ListDelta<T>>) {
            if let Some(d) = d {
                *list = merge(list, d);
            }
        }
        apply(&mut v.plan.teams, &self.teams);
        apply(&mut v.plan.waves, &self.waves);
        apply(&mut v.plan.sites, &self.sites);
        apply(&mut v.plan.initiatives, &self.initiatives);
        apply(&mut v.plan.handoffs, &self.handoffs);
        apply(&mut v.plan.risks, &self.risks);
        if let Some(s) = &self.schedule {
            v.schedule_error.clone_from(&s.error);
            v.schedule = s.now.as_ref().map(|now| {
                let (path, rows, links) = old
                    .schedule
                    .as_ref()
                    .map_or((&[][..], &[][..], &[][..]), |o| (&o.critical_path[..], &o.initiatives[..], &o.handoffs[..]));
                let mut n = now.clone();
                n.critical_path = s.critical_path.as_ref().map_or_else(|| path.to_vec(), |d| merge(path, d));
                n.initiatives = s.initiatives.as_ref().map_or_else(|| rows.to_vec(), |d| merge_keyed(rows, d));
                n.handoffs = s.handoffs.as_ref().map_or_else(|| links.to_vec(), |d| merge(links, d));
                n
            });
        }
        if let Some(c) = &self.critical_handoffs {
            v.critical_handoffs.clone_from(c);
        }
        apply(&mut v.report.errors, &self.errors);
        apply(&mut v.report.findings, &self.findings);
        if let Some(l) = &self.layout {
            v.layout.crossings = l.crossings;
            apply(&mut v.layout.cards, &l.cards);
            apply(&mut v.layout.handoffs, &l.handoffs);
            if let Some(f) = &l.fold {
                v.layout.fold.clone_from(f);
            }
            if let Some(g) = &l.groups {
                v.layout.groups.clone_from(g);
            }
        }
        v.layout.arrangement = self.arrangement;
        if let Some(lanes) = &self.lanes {
            v.lanes.clone_from(lanes);
        }
        if let Some(g) = &self.groups {
            v.groups.clone_from(g);
        }
        if let Some(g) = &self.group_links {
            v.group_links.clone_from(g);
        }
        if let Some(r) = &self.risk_scores {
            v.risk_scores.clone_from(r);
        }
        if let Some(heat) = &self.heat {
            v.heat.clone_from(heat);
        }
        v.undo.clone_from(&self.undo);
        v.redo.clone_from(&self.redo);
        v.partial.clone_from(&self.partial);
        v
    }
}
