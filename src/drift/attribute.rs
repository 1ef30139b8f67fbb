//! Why each initiative moved: the changes since a baseline applied one by one to the
//! baseline's plan, in a fixed order, scheduling after each step (docs/scheduling.md,
//! "Drift"). An origin's contribution to an initiative is the change of that initiative's
//! finish at its step, so the contributions telescope to the whole move, exactly, in whole
//! working days (some may be negative).
//!
//! Every finish is measured in the plan's calendar now: the working-day offset of the finish
//! date a schedule shows (a date that is no working day now counts as the next one), so the
//! steps before a change of the calendar or the plan's start are measured on the same scale
//! as the steps after it.
//!
//! An origin is one comparison of one field of one entity (a kind of [`OriginKind`]), or an
//! entity added or removed. Changes only valid together are one origin: an added initiative
//! with the added handoffs that touch it (and the added initiatives those reach), a removed
//! initiative with its removed handoffs; and when a step cannot be scheduled (a cycle only the
//! next change breaks, a handoff to an initiative not yet there), the next origin joins it.

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::{offset, BaselineSchedule, Cause, Move, OriginKind};
use crate::model::{Handoff, Initiative, Plan, PlanSettings, WorkCalendar};
use crate::schedule::{drives, passes, Cpm, End, Network, Progress, Schedule, ScheduleError};

/// The plan's settings that are origins, in the order they are applied (first of all).
const PLAN_FIELDS: &[(&str, OriginKind)] =
    &[("start", OriginKind::PlanStart), ("calendar", OriginKind::Calendar), ("status_date", OriginKind::StatusDate)];

/// An initiative's fields that are origins, in the order their kinds are applied.
const INITIATIVE_FIELDS: &[(&str, OriginKind)] = &[
    ("duration", OriginKind::Estimate),
    ("remaining", OriginKind::Remaining),
    // The status says done or not started as progress does (docs/scheduling.md, "Progress").
    ("status", OriginKind::Progress),
    ("progress", OriginKind::Progress),
    ("actual_start", OriginKind::ActualStart),
    ("actual_finish", OriginKind::ActualFinish),
    ("start_no_earlier_than", OriginKind::StartNoEarlierThan),
    ("pinned", OriginKind::Pinned),
    ("leveling_delay", OriginKind::LevelingDelay),
    // Deferred work is out of the schedule: deferring it (or taking it back) moves what waited
    // on it or shared its team.
    ("deferred", OriginKind::Deferred),
];

/// Beyond this many origins, the origins of each kind are applied together, as one step per
/// kind (a review after an accepted leveling changes thousands of delays): a step costs a
/// schedule of the whole plan.
pub const MAX_STEPS: usize = 64;

/// How many of the other origins of a step a cause names (`together`); the rest are counted.
const TOGETHER_SHOWN: usize = 20;

/// Each moved initiative with its causes, and the causes of the plan's finish.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attribution {
    pub moved: Vec<Move>,
    pub finish_causes: Vec<Cause>,
}

/// What applying an origin does to the plan of the step.
#[derive(Debug, Clone)]
enum Op {
    /// A plan setting set to its value now.
    Setting(&'static str),
    /// Field of the common initiative at this position set to its value now.
    Field(usize, &'static str),
    RemoveInitiative(String),
    RemoveHandoff(String),
    /// The common handoff at this position as it is now.
    ChangeHandoff(usize),
    /// The initiative at this position of the plan now, added.
    AddInitiative(usize),
    /// The handoff at this position of the plan now, added.
    AddHandoff(usize),
}

#[derive(Debug, Clone)]
struct Origin {
    kind: OriginKind,
    id: String,
    /// Ids that came with it (an added initiative's handoffs...).
    with: Vec<String>,
    ops: Vec<Op>,
    /// The initiatives where its effect enters the network (for `via`).
    seeds: Vec<String>,
    /// The origin is this handoff: shown first in `via` when it drives.
    entry: Option<String>,
}

impl Origin {
    fn new(kind: OriginKind, id: &str, ops: Vec<Op>, seeds: Vec<String>) -> Origin {
        Origin { kind, id: id.to_string(), with: Vec::new(), ops, seeds, entry: None }
    }
}

fn json<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// `to`'s field set to `from`'s value (absent in `from`: removed from `to`).
fn copy_field(to: &mut Value, from: &Value, field: &str) {
    if let Some(obj) = to.as_object_mut() {
        match from.get(field) {
            Some(v) => {
                obj.insert(field.to_string(), v.clone());
            }
            None => {
                obj.remove(field);
            }
        }
    }
}

fn with_field<T: serde::Serialize + serde::de::DeserializeOwned + Clone>(to: &T, from: &T, field: &str) -> T {
    let mut v = json(to);
    copy_field(&mut v, &json(from), field);
    serde_json::from_value(v).unwrap_or_else(|_| to.clone())
}

/// The moves of the initiatives in both the baseline and now, without causes: a baseline with
/// dates only.
impl Attribution {
    pub fn unexplained(base: &BaselineSchedule, plan: &Plan, now: &Schedule, cal: &WorkCalendar) -> Attribution {
        let then: FxHashMap<&str, chrono::NaiveDate> = base.initiatives.iter().map(|d| (d.id.as_str(), d.finish)).collect();
        let mut moved: Vec<Move> = now
            .initiatives
            .iter()
            .filter_map(|i| {
                let was = then.get(i.id.as_str())?;
                let days = offset(cal, i.finish_date) - offset(cal, *was);
                (days != 0).then(|| Move { id: i.id.clone(), days, causes: Vec::new() })
            })
            .collect();
        sort_moves(&mut moved, plan);
        Attribution { moved, finish_causes: Vec::new() }
    }
}

fn sort_moves(moved: &mut [Move], plan: &Plan) {
    let pos: FxHashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    moved.sort_by_key(|m| (-m.days.abs(), -m.days, pos.get(m.id.as_str()).copied().unwrap_or(usize::MAX)));
}

/// The plan of the first step and the origins, in order.
struct Start {
    plan: Plan,
    /// `final_of[t]`: the position now of the common initiative at position t of every step.
    final_of: Vec<usize>,
    /// Common handoffs: position now of the one at position k of every step.
    final_handoff_of: Vec<usize>,
    origins: Vec<Origin>,
}

/// The baseline's plan with every change that is no origin made (names, owners, risks,
/// teams...), common initiatives first in the order now, then the removed ones; and the
/// origins in their order.
fn start(before: &Plan, after: &Plan) -> Start {
    let old: FxHashMap<&str, usize> = before.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let new: FxHashMap<&str, usize> = after.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut origins = Vec::new();

    // The plan's settings now, with the ones that are origins as they were.
    let (sa, sb) = (json(&after.settings()), json(&before.settings()));
    let mut settings = sa.clone();
    for &(field, kind) in PLAN_FIELDS {
        if sa.get(field) != sb.get(field) {
            copy_field(&mut settings, &sb, field);
            origins.push(Origin::new(kind, "", vec![Op::Setting(field)], Vec::new()));
        }
    }
    let settings: PlanSettings = serde_json::from_value(settings).unwrap_or_else(|_| before.settings());

    // Initiatives.
    let mut initiatives: Vec<Initiative> = Vec::with_capacity(after.initiatives.len());
    let mut final_of = Vec::new();
    let mut field_origins: Vec<Vec<Origin>> = vec![Vec::new(); INITIATIVE_FIELDS.len()];
    for (k, now) in after.initiatives.iter().enumerate() {
        let Some(&b) = old.get(now.id.as_str()) else { continue };
        let was = &before.initiatives[b];
        let t = initiatives.len();
        if was == now {
            initiatives.push(now.clone());
        } else {
            let (mut v, vb) = (json(now), json(was));
            for (f, &(field, kind)) in INITIATIVE_FIELDS.iter().enumerate() {
                if v.get(field) != vb.get(field) {
                    copy_field(&mut v, &vb, field);
                    field_origins[f].push(Origin::new(kind, &now.id, vec![Op::Field(t, field)], vec![now.id.clone()]));
                }
            }
            initiatives.push(serde_json::from_value(v).unwrap_or_else(|_| was.clone()));
        }
        final_of.push(k);
    }
    let removed: Vec<&Initiative> = before.initiatives.iter().filter(|i| !new.contains_key(i.id.as_str())).collect();
    initiatives.extend(removed.iter().map(|i| (*i).clone()));

    // Handoffs: common ones first, then the removed ones.
    let old_h: FxHashMap<&str, usize> = before.handoffs.iter().enumerate().map(|(k, h)| (h.id.as_str(), k)).collect();
    let new_h: FxHashMap<&str, usize> = after.handoffs.iter().enumerate().map(|(k, h)| (h.id.as_str(), k)).collect();
    let mut handoffs: Vec<Handoff> = Vec::with_capacity(after.handoffs.len());
    let mut final_handoff_of = Vec::new();
    let mut changed_handoffs = Vec::new();
    for (k, now) in after.handoffs.iter().enumerate() {
        let Some(&b) = old_h.get(now.id.as_str()) else { continue };
        let was = &before.handoffs[b];
        let pos = handoffs.len();
        let mut h = now.clone();
        (h.from, h.to, h.kind, h.lag) = (was.from.clone(), was.to.clone(), was.kind, was.lag);
        if h != *now {
            let mut o = Origin::new(OriginKind::HandoffChanged, &now.id, vec![Op::ChangeHandoff(pos)], vec![now.to.clone()]);
            o.entry = Some(now.id.clone());
            changed_handoffs.push(o);
        }
        handoffs.push(h);
        final_handoff_of.push(k);
    }
    let removed_h: Vec<&Handoff> = before.handoffs.iter().filter(|h| !new_h.contains_key(h.id.as_str())).collect();
    handoffs.extend(removed_h.iter().map(|h| (*h).clone()));

    // Removed initiatives, each with its removed handoffs; then the other removed handoffs.
    let gone: FxHashMap<&str, usize> = removed.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut removed_groups: Vec<Origin> = removed
        .iter()
        .map(|i| {
            let seeds =
                before.handoffs.iter().filter(|h| h.from == i.id && !gone.contains_key(h.to.as_str())).map(|h| h.to.clone()).collect();
            Origin::new(OriginKind::InitiativeRemoved, &i.id, vec![Op::RemoveInitiative(i.id.clone())], seeds)
        })
        .collect();
    let mut removed_alone = Vec::new();
    for h in &removed_h {
        let group = gone.get(h.from.as_str()).or_else(|| gone.get(h.to.as_str()));
        match group {
            Some(&g) => {
                removed_groups[g].ops.insert(0, Op::RemoveHandoff(h.id.clone()));
                removed_groups[g].with.push(h.id.clone());
            }
            None => removed_alone.push(Origin::new(
                OriginKind::HandoffRemoved,
                &h.id,
                vec![Op::RemoveHandoff(h.id.clone())],
                vec![h.to.clone()],
            )),
        }
    }

    // Added initiatives, grouped with the added handoffs that touch them (and through those
    // with other added initiatives); then the other added handoffs.
    let added: Vec<usize> = (0..after.initiatives.len()).filter(|k| !old.contains_key(after.initiatives[*k].id.as_str())).collect();
    let mut group_of: FxHashMap<&str, usize> = added.iter().enumerate().map(|(g, &k)| (after.initiatives[k].id.as_str(), g)).collect();
    let mut parent: Vec<usize> = (0..added.len()).collect();
    fn root(parent: &mut [usize], mut g: usize) -> usize {
        while parent[g] != g {
            parent[g] = parent[parent[g]];
            g = parent[g];
        }
        g
    }
    let added_h: Vec<usize> = (0..after.handoffs.len()).filter(|k| !old_h.contains_key(after.handoffs[*k].id.as_str())).collect();
    for &k in &added_h {
        let h = &after.handoffs[k];
        if let (Some(&a), Some(&b)) = (group_of.get(h.from.as_str()), group_of.get(h.to.as_str())) {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut added_groups: Vec<Option<Origin>> = vec![None; added.len()];
    for (g, &k) in added.iter().enumerate() {
        let r = root(&mut parent, g);
        let i = &after.initiatives[k];
        match &mut added_groups[r] {
            Some(o) => {
                o.ops.push(Op::AddInitiative(k));
                o.with.push(i.id.clone());
                o.seeds.push(i.id.clone());
            }
            slot @ None => *slot = Some(Origin::new(OriginKind::InitiativeAdded, &i.id, vec![Op::AddInitiative(k)], vec![i.id.clone()])),
        }
    }
    for g in group_of.values_mut() {
        *g = root(&mut parent, *g);
    }
    let mut added_alone = Vec::new();
    for &k in &added_h {
        let h = &after.handoffs[k];
        match group_of.get(h.from.as_str()).or_else(|| group_of.get(h.to.as_str())) {
            Some(&g) => {
                if let Some(o) = &mut added_groups[g] {
                    o.ops.push(Op::AddHandoff(k));
                    o.with.push(h.id.clone());
                }
            }
            None => {
                let mut o = Origin::new(OriginKind::HandoffAdded, &h.id, vec![Op::AddHandoff(k)], vec![h.to.clone()]);
                o.entry = Some(h.id.clone());
                added_alone.push(o);
            }
        }
    }

    origins.extend(removed_groups);
    origins.extend(removed_alone);
    origins.extend(field_origins.into_iter().flatten());
    origins.extend(changed_handoffs);
    origins.extend(added_groups.into_iter().flatten());
    origins.extend(added_alone);

    let mut plan = Plan::new(&after.name, after.start);
    (plan.teams, plan.waves, plan.sites, plan.risks) = (after.teams.clone(), after.waves.clone(), after.sites.clone(), after.risks.clone());
    plan.set_settings(settings);
    plan.initiatives = initiatives;
    plan.handoffs = handoffs;
    Start { plan, final_of, final_handoff_of, origins }
}

/// Applies one origin's changes to the plan of the step.
fn apply(plan: &mut Plan, op: &Op, s: &Start, after: &Plan) {
    match op {
        Op::Setting(field) => plan.set_settings(with_field(&plan.settings(), &after.settings(), field)),
        Op::Field(t, field) => plan.initiatives[*t] = with_field(&plan.initiatives[*t], &after.initiatives[s.final_of[*t]], field),
        Op::RemoveInitiative(id) => {
            // Removed initiatives are after the common ones: positions of those never move.
            let c = s.final_of.len();
            if let Some(k) = plan.initiatives[c..].iter().position(|i| &i.id == id) {
                plan.initiatives.remove(c + k);
            }
        }
        Op::RemoveHandoff(id) => {
            let c = s.final_handoff_of.len();
            if let Some(k) = plan.handoffs[c..].iter().position(|h| &h.id == id) {
                plan.handoffs.remove(c + k);
            }
        }
        Op::ChangeHandoff(k) => plan.handoffs[*k] = after.handoffs[s.final_handoff_of[*k]].clone(),
        Op::AddInitiative(k) => plan.initiatives.push(after.initiatives[*k].clone()),
        Op::AddHandoff(k) => plan.handoffs.push(after.handoffs[*k].clone()),
    }
}

/// One step's schedule: the passes and each handoff's ends.
struct Run {
    cpm: Cpm,
    ends: Vec<End>,
    /// What the status date makes of each initiative (its start as shown).
    progress: Progress,
}

fn run(plan: &Plan) -> Result<(Run, WorkCalendar), ScheduleError> {
    let cal = plan.calendar.anchored(plan.start)?;
    let (net, ends) = Network::with_ends(plan)?;
    let cpm = passes(&net, &cal);
    Ok((Run { cpm, ends, progress: net.progress }, cal))
}

/// Each common initiative's finish and the plan's, on the scale of the calendar now.
fn measure(
    plan: &Plan,
    r: &Run,
    cal: &WorkCalendar,
    now: &WorkCalendar,
    same: bool,
    common: usize,
) -> Result<(Vec<i64>, i64), ScheduleError> {
    let c = &r.cpm;
    // As `schedule` shows it: the last working day of the work, or the start as shown (work
    // in progress shows its actual start) when no working day is left.
    let shown = |k: usize| {
        let start = r.progress.shown_start(k, c.early_start[k]);
        if c.early_finish[k] > start {
            c.early_finish[k] - 1
        } else {
            start
        }
    };
    let to_now = |o: i64| -> Result<i64, ScheduleError> {
        if same {
            Ok(o)
        } else {
            Ok(offset(now, cal.date(o)?))
        }
    };
    let mut m = Vec::with_capacity(common);
    for k in 0..common {
        m.push(to_now(shown(k))?);
    }
    let last = (0..plan.initiatives.len()).map(shown).max();
    let finish = match last {
        Some(o) => to_now(o)?,
        None => offset(now, cal.day0()),
    };
    Ok((m, finish))
}

/// The driving handoffs of a step reached from its origins' seeds: for each initiative, the
/// handoff through which it was reached (a breadth-first walk of the driving handoffs).
struct Reach {
    parent: Vec<u32>,
    /// Handoffs from a seed to each initiative reached.
    depth: Vec<u32>,
}

/// How many handoffs of a path `via` names: the ones nearest the moved initiative; `via_more`
/// counts the rest. A path along a chain of thousands would otherwise be repeated, one
/// handoff longer, for every initiative on it (quadratic: 8 GB on a generated 20,000-initiative
/// chain).
pub const VIA_SHOWN: usize = 8;

const NONE: u32 = u32::MAX;
const SEED: u32 = u32::MAX - 1;

fn reach(n: usize, r: &Run, seeds: &[usize]) -> Reach {
    let mut start = vec![0u32; n + 1];
    let driving: Vec<bool> = r.ends.iter().map(|e| drives(e, &r.cpm)).collect();
    for (e, d) in r.ends.iter().zip(&driving) {
        if *d {
            start[e.from as usize + 1] += 1;
        }
    }
    for k in 0..n {
        start[k + 1] += start[k];
    }
    let mut fill = start.clone();
    let mut out = vec![0u32; start[n] as usize];
    for (h, (e, d)) in r.ends.iter().zip(&driving).enumerate() {
        if *d {
            out[fill[e.from as usize] as usize] = h as u32;
            fill[e.from as usize] += 1;
        }
    }
    let mut parent = vec![NONE; n];
    let mut depth = vec![0u32; n];
    let mut queue = std::collections::VecDeque::new();
    for &s in seeds {
        if parent[s] == NONE {
            parent[s] = SEED;
            queue.push_back(s);
        }
    }
    while let Some(v) = queue.pop_front() {
        for &h in &out[start[v] as usize..start[v + 1] as usize] {
            let to = r.ends[h as usize].to as usize;
            if parent[to] == NONE {
                parent[to] = h;
                depth[to] = depth[v] + 1;
                queue.push_back(to);
            }
        }
    }
    Reach { parent, depth }
}

impl Reach {
    /// The driving handoffs from a seed to `k`, in order; empty when `k` was not reached.
    fn path(&self, k: usize, r: &Run, plan: &Plan) -> (Vec<String>, usize) {
        if self.parent[k] == NONE {
            return (Vec::new(), 0);
        }
        let mut out = Vec::new();
        let mut v = k;
        while self.parent[v] != SEED && out.len() < VIA_SHOWN {
            let h = self.parent[v];
            out.push(plan.handoffs[h as usize].id.clone());
            v = r.ends[h as usize].from as usize;
        }
        out.reverse();
        let more = self.depth[k] as usize - out.len();
        (out, more)
    }
}

/// Why each initiative in both `before` (whose schedule `base` the baseline kept) and `after`
/// (scheduled as `now`) moved, and why the plan's finish did.
pub fn attribute(before: &Plan, base: &BaselineSchedule, after: &Plan, now: &Schedule) -> Result<Attribution, ScheduleError> {
    let cal_now = after.calendar.anchored(after.start)?;
    let s = start(before, after);
    let common = s.final_of.len();
    let same = |p: &Plan| p.start == after.start && p.calendar == after.calendar;

    // The baseline's kept finishes and the finishes now, on the scale of the calendar now.
    let then: FxHashMap<&str, chrono::NaiveDate> = base.initiatives.iter().map(|d| (d.id.as_str(), d.finish)).collect();
    let dated: FxHashMap<&str, chrono::NaiveDate> = now.initiatives.iter().map(|i| (i.id.as_str(), i.finish_date)).collect();
    let mut m_then = Vec::with_capacity(common);
    let mut m_now = Vec::with_capacity(common);
    let mut dated_now = Vec::with_capacity(common);
    for &k in &s.final_of {
        let id = after.initiatives[k].id.as_str();
        dated_now.push(dated.contains_key(id));
        let n = dated.get(id).map_or(0, |d| offset(&cal_now, *d));
        m_now.push(n);
        m_then.push(then.get(id).map(|d| offset(&cal_now, *d)));
    }
    let f_then = offset(&cal_now, base.finish);
    let f_now = offset(&cal_now, now.finish_date);
    // Work with no dates now (deferred: out of the schedule) has not moved: the diff lists it
    // as deferred, its own change.
    let moved: Vec<usize> = (0..common).filter(|&t| dated_now[t] && m_then[t].is_some_and(|b| b != m_now[t])).collect();

    let mut causes: Vec<Vec<Cause>> = vec![Vec::new(); moved.len()];
    let mut finish_causes = Vec::new();

    // The steps: one origin each, or one kind each beyond MAX_STEPS origins.
    let steps: Vec<Vec<Origin>> = if s.origins.len() <= MAX_STEPS {
        s.origins.iter().cloned().map(|o| vec![o]).collect()
    } else {
        let mut by_kind: Vec<Vec<Origin>> = Vec::new();
        for o in &s.origins {
            match by_kind.iter_mut().find(|g| g[0].kind == o.kind) {
                Some(g) => g.push(o.clone()),
                None => by_kind.push(vec![o.clone()]),
            }
        }
        by_kind
    };

    let mut plan = s.plan.clone();
    let (first, cal0) = run(&plan)?;
    let (mut prev_m, mut prev_f) = measure(&plan, &first, &cal0, &cal_now, same(&plan), common)?;
    let (m0, f0) = (prev_m.clone(), prev_f);
    let common_at: FxHashMap<&str, usize> = s.final_of.iter().enumerate().map(|(t, &k)| (after.initiatives[k].id.as_str(), t)).collect();
    let mut i = 0;
    while i < steps.len() {
        let mut group: Vec<&Origin> = Vec::new();
        let result = loop {
            for o in &steps[i] {
                for op in &o.ops {
                    apply(&mut plan, op, &s, after);
                }
                group.push(o);
            }
            match run(&plan) {
                Ok(r) => break Some(r),
                Err(_) if i + 1 < steps.len() => i += 1,
                Err(_) => break None,
            }
        };
        i += 1;
        let Some((r, cal)) = result else { break };
        let (m, f) = measure(&plan, &r, &cal, &cal_now, same(&plan), common)?;
        let lead = group[0];
        let together: Vec<String> = lead
            .with
            .iter()
            .cloned()
            .chain(group[1..].iter().flat_map(|o| std::iter::once(o.id.clone()).chain(o.with.iter().cloned())))
            .collect();
        // Named up to a few; the rest counted (a step of thousands of delays).
        let more = together.len().saturating_sub(TOGETHER_SHOWN);
        let together: Vec<String> = together.into_iter().take(TOGETHER_SHOWN).collect();
        let tail = |id: &str| -> Option<usize> {
            common_at.get(id).copied().or_else(|| plan.initiatives[common..].iter().position(|x| x.id == id).map(|k| common + k))
        };
        let mut seeds: Vec<usize> = group.iter().flat_map(|o| o.seeds.iter()).filter_map(|id| tail(id)).collect();
        seeds.sort_unstable();
        seeds.dedup();
        let walk = (!seeds.is_empty() && moved.iter().any(|&t| m[t] != prev_m[t])).then(|| reach(plan.initiatives.len(), &r, &seeds));
        // The origin handoff itself, when it drives its receiver after the step.
        let entry: Option<String> =
            lead.entry.as_ref().filter(|id| plan.handoffs.iter().zip(&r.ends).any(|(h, e)| &&h.id == id && drives(e, &r.cpm))).cloned();
        let cause = |days: i64, via: Vec<String>| Cause {
            origin: lead.id.clone(),
            kind: lead.kind,
            days,
            via,
            together: together.clone(),
            more,
            via_more: 0,
        };
        for (slot, &t) in moved.iter().enumerate() {
            let d = m[t] - prev_m[t];
            if d != 0 {
                let (mut via, mut via_more) = walk.as_ref().map(|w| w.path(t, &r, &plan)).unwrap_or_default();
                if let Some(e) = &entry {
                    if walk.as_ref().is_some_and(|w| w.parent[t] != NONE) {
                        if via_more == 0 && via.len() < VIA_SHOWN {
                            via.insert(0, e.clone());
                        } else {
                            via_more += 1;
                        }
                    }
                }
                causes[slot].push(Cause { via_more, ..cause(d, via) });
            }
        }
        if f != prev_f {
            finish_causes.push(cause(f - prev_f, Vec::new()));
        }
        (prev_m, prev_f) = (m, f);
    }
    // What no origin explains: a baseline kept by a Bridger that scheduled it otherwise, or
    // steps that could not all be scheduled. Zero otherwise.
    let other = |days: i64| Cause {
        origin: String::new(),
        kind: OriginKind::Other,
        days,
        via: Vec::new(),
        together: Vec::new(),
        more: 0,
        via_more: 0,
    };
    let mut out: Vec<Move> = Vec::with_capacity(moved.len());
    for (slot, &t) in moved.iter().enumerate() {
        let before_days = m_then[t].unwrap_or(m0[t]);
        let rest = (m0[t] - before_days) + (m_now[t] - prev_m[t]);
        let mut c = std::mem::take(&mut causes[slot]);
        if rest != 0 {
            c.push(other(rest));
        }
        out.push(Move { id: after.initiatives[s.final_of[t]].id.clone(), days: m_now[t] - before_days, causes: c });
    }
    let rest = (f0 - f_then) + (f_now - prev_f);
    if rest != 0 {
        finish_causes.push(other(rest));
    }
    sort_moves(&mut out, after);
    Ok(Attribution { moved: out, finish_causes })
}
