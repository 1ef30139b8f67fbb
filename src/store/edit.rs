//! Edits: the one way a plan file changes after it is created.
//!
//! The CLI and the app send the same `Edit` values. Each is checked against the file as it
//! is inside the write transaction (not against a copy read earlier: another program may
//! have written since), with the same per-entity rules as a whole-plan validation, then
//! written with its journal rows (before and after, as JSON) in that same transaction.
//! Checking reads only the rows an edit touches, so an edit costs the same on a plan of
//! ten initiatives and of two hundred thousand.
//!
//! One job in one file, though over 800 lines: checking an edit inside the write
//! transaction, writing it with its journal rows and replaying a step for undo share the same
//! row-level reads; the vocabulary itself is `crate::edit`.

use std::collections::VecDeque;

use chrono::Utc;
use rusqlite::{params, OptionalExtension, Transaction};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

pub use crate::edit::{Direction, Edit, EditSummary, EntityKind, Patch};

use super::rows::{self, Write};
use super::StoreError;
use crate::model::{
    validate_handoff, validate_initiative, validate_plan_settings, validate_priority, validate_risk, validate_site, validate_team,
    validate_template, validate_wave, Handoff, Index, Initiative, Plan, PlanSettings, Priority, Risk, Site, Team, Template,
    ValidationError, Wave,
};
use crate::rollout;

fn refused(errors: Vec<ValidationError>) -> Result<(), StoreError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Refused(errors))
    }
}

/// A new entity's id: not empty, and not taken in the file as it is now.
fn new_id(tx: &Transaction<'_>, kind: &str, id: &str) -> Result<(), StoreError> {
    if id.trim().is_empty() {
        return refused(vec![ValidationError::EmptyId { kind: kind.to_string() }]);
    }
    if rows::exists(tx, kind, id)? {
        return refused(vec![ValidationError::DuplicateId { kind: kind.to_string(), id: id.to_string() }]);
    }
    Ok(())
}

fn existing(tx: &Transaction<'_>, kind: &'static str, id: &str) -> Result<(), StoreError> {
    if rows::exists(tx, kind, id)? {
        Ok(())
    } else {
        Err(StoreError::Missing { kind, id: id.to_string() })
    }
}

/// Refuses removing `id` while `queries` (kind, SQL selecting ids by `?1`) find users.
fn not_in_use(tx: &Transaction<'_>, kind: &'static str, id: &str, queries: &[(&str, &str)]) -> Result<(), StoreError> {
    const SHOWN: usize = 3;
    let mut users = Vec::new();
    let mut total = 0;
    for (what, sql) in queries {
        let (found, count) = rows::ids(tx, sql, id, SHOWN)?;
        total += count;
        users.extend(found.into_iter().map(|u| format!("{what} '{u}'")));
    }
    if total == 0 {
        return Ok(());
    }
    users.truncate(SHOWN);
    let more = total - users.len() as i64;
    if more > 0 {
        users.push(format!("{more} more"));
    }
    Err(StoreError::InUse { kind, id: id.to_string(), users: users.join(", ") })
}

/// The part of the file's index an edit refers to: each referenced id that exists.
/// The model's validation rules then run unchanged against it. `sound`: initiatives this
/// transaction has already read whole or written (checked), which need no reading again.
fn index_for(tx: &Transaction<'_>, edit: &Edit, sound: &mut FxHashSet<String>) -> Result<Index, StoreError> {
    let mut ix = Index::default();
    let has = |set: &mut FxHashSet<String>, table: &str, id: &str| -> Result<(), StoreError> {
        if rows::exists(tx, table, id)? {
            set.insert(id.to_string());
        }
        Ok(())
    };
    // The initiatives a handoff or a risk will point at are read whole: one damaged
    // outside Bridger is refused as reading the plan refuses it (issue 22). The teams,
    // sites and waves were checked when the file was opened. Once per transaction: a
    // rollout adds 36,000 handoffs between 20,000 initiatives it has just written.
    let mut has_initiative = |set: &mut FxHashSet<String>, id: &str| -> Result<(), StoreError> {
        if sound.contains(id) || rows::read_initiative(tx, id)?.is_some() {
            sound.insert(id.to_string());
            set.insert(id.to_string());
        }
        Ok(())
    };
    match edit {
        Edit::AddInitiative(i) | Edit::UpdateInitiative(i) => {
            if let Some(t) = &i.team {
                has(&mut ix.teams, "team", t)?;
            }
            for e in &i.effort {
                has(&mut ix.teams, "team", &e.team)?;
            }
            if let Some(s) = &i.site {
                has(&mut ix.sites, "site", s)?;
            }
            if let Some(w) = &i.wave {
                has(&mut ix.waves, "wave", w)?;
            }
            if let Some(x) = &i.instance {
                has(&mut ix.templates, "template", &x.template)?;
            }
            for p in &i.serves {
                has(&mut ix.priorities, "priority", p)?;
            }
        }
        Edit::AddWave(w) | Edit::UpdateWave(w) => {
            for target in w.gate.iter().chain(&w.completion).chain(w.anchors.values()) {
                has_initiative(&mut ix.initiatives, target)?;
            }
        }
        Edit::AddTemplate(t) | Edit::UpdateTemplate(t) => {
            for st in &t.initiatives {
                for team in st.team.iter().chain(st.effort.iter().map(|e| &e.team)) {
                    has(&mut ix.teams, "team", team)?;
                }
            }
        }
        Edit::AddHandoff(h) | Edit::UpdateHandoff(h) => {
            has_initiative(&mut ix.initiatives, &h.from)?;
            has_initiative(&mut ix.initiatives, &h.to)?;
            if let Some(other) = rows::handoff_between(tx, &h.from, &h.to)? {
                ix.pairs.insert((h.from.clone(), h.to.clone()), other);
            }
        }
        Edit::AddRisk(r) | Edit::UpdateRisk(r) => {
            for i in &r.initiatives {
                has_initiative(&mut ix.initiatives, i)?;
            }
        }
        Edit::AddSite(s) | Edit::UpdateSite(s) => {
            if let Some(w) = &s.wave {
                has(&mut ix.waves, "wave", w)?;
            }
        }
        _ => {}
    }
    Ok(ix)
}

/// Would the handoff `h` (replacing the handoff with its id, if any) close a cycle in the
/// file? Searches forward from `h.to` and backward from `h.from` at once, always growing
/// the smaller side, so adding a link near either end of a long plan reads few rows.
/// Returns the cycle, starting at `h.from`, in handoff order.
fn cycle_through(tx: &Transaction<'_>, h: &Handoff) -> Result<Option<Vec<String>>, StoreError> {
    let (from, to) = (h.from.as_str(), h.to.as_str());
    // node -> the node it was reached from (forward: towards `to`; backward: towards `from`)
    let mut fwd: FxHashMap<String, String> = FxHashMap::default();
    let mut bwd: FxHashMap<String, String> = FxHashMap::default();
    fwd.insert(to.to_string(), String::new());
    bwd.insert(from.to_string(), String::new());
    let mut fq = VecDeque::from([to.to_string()]);
    let mut bq = VecDeque::from([from.to_string()]);
    let meet = loop {
        if fwd.contains_key(from) {
            break Some(from.to_string());
        }
        let forward = match (fq.is_empty(), bq.is_empty()) {
            (true, _) | (_, true) => break None,
            _ => fq.len() <= bq.len(),
        };
        let (queue, seen, other) = if forward { (&mut fq, &mut fwd, &bwd) } else { (&mut bq, &mut bwd, &fwd) };
        let Some(v) = queue.pop_front() else { break None };
        let mut met = None;
        for (next, via) in rows::neighbours(tx, &v, forward)? {
            if via == h.id {
                continue; // the handoff being replaced no longer counts
            }
            if seen.contains_key(&next) {
                continue;
            }
            seen.insert(next.clone(), v.clone());
            if other.contains_key(&next) {
                met = Some(next);
                break;
            }
            queue.push_back(next);
        }
        if met.is_some() {
            break met;
        }
    };
    let Some(m) = meet else { return Ok(None) };
    // to -> ... -> m, then m -> ... -> from.
    let mut path = Vec::new();
    let mut x = m.clone();
    while !x.is_empty() {
        path.push(x.clone());
        x = fwd.get(&x).cloned().unwrap_or_default();
    }
    path.reverse();
    let mut x = bwd.get(&m).cloned().unwrap_or_default();
    while !x.is_empty() {
        path.push(x.clone());
        x = bwd.get(&x).cloned().unwrap_or_default();
    }
    // path runs to .. from; the cycle, starting at from: from, to, ..., (before from).
    path.pop();
    let mut members = vec![from.to_string()];
    members.extend(path);
    Ok(Some(members))
}

/// Refuses an edit that would make the plan in the file invalid, naming why. `sound`: the
/// initiatives this transaction has read whole or written, kept up to date by the caller.
fn check(tx: &Transaction<'_>, edit: &Edit, sound: &mut FxHashSet<String>) -> Result<(), StoreError> {
    let ix = index_for(tx, edit, sound)?;
    match edit {
        Edit::AddInitiative(i) => {
            new_id(tx, "initiative", &i.id)?;
            refused(validate_initiative(i, &ix))
        }
        Edit::UpdateInitiative(i) => {
            existing(tx, "initiative", &i.id)?;
            refused(validate_initiative(i, &ix))
        }
        Edit::RemoveInitiative(id) => {
            existing(tx, "initiative", id)?;
            not_in_use(
                tx,
                "initiative",
                id,
                &[(
                    "wave",
                    "SELECT id FROM wave WHERE gate = ?1 OR completion = ?1
                        OR EXISTS (SELECT 1 FROM json_each(wave.anchors) WHERE json_each.value = ?1) ORDER BY seq",
                )],
            )
        }
        Edit::AddHandoff(h) | Edit::UpdateHandoff(h) => {
            if matches!(edit, Edit::AddHandoff(_)) {
                new_id(tx, "handoff", &h.id)?;
            } else if !rows::exists(tx, "handoff", &h.id)? {
                return Err(StoreError::Missing { kind: "handoff", id: h.id.clone() });
            }
            refused(validate_handoff(h, &ix))?;
            match cycle_through(tx, h)? {
                Some(members) => refused(vec![ValidationError::Cycle { members }]),
                None => Ok(()),
            }
        }
        Edit::RemoveHandoff(id) => existing(tx, "handoff", id),
        Edit::AddRisk(r) => {
            new_id(tx, "risk", &r.id)?;
            refused(validate_risk(r, &ix))
        }
        Edit::UpdateRisk(r) => {
            existing(tx, "risk", &r.id)?;
            refused(validate_risk(r, &ix))
        }
        Edit::RemoveRisk(id) => existing(tx, "risk", id),
        Edit::AddTeam(t) => {
            new_id(tx, "team", &t.id)?;
            refused(validate_team(t))
        }
        Edit::UpdateTeam(t) => {
            existing(tx, "team", &t.id)?;
            refused(validate_team(t))
        }
        Edit::RemoveTeam(id) => {
            existing(tx, "team", id)?;
            not_in_use(
                tx,
                "team",
                id,
                &[
                    ("initiative", "SELECT id FROM initiative WHERE team_id = ?1 ORDER BY seq"),
                    ("initiative", "SELECT initiative_id FROM effort WHERE team_id = ?1 AND initiative_id NOT IN (SELECT id FROM initiative WHERE team_id = ?1)"),
                ],
            )
        }
        Edit::AddSite(s) => {
            new_id(tx, "site", &s.id)?;
            refused(validate_site(s, &ix))
        }
        Edit::UpdateSite(s) => {
            existing(tx, "site", &s.id)?;
            refused(validate_site(s, &ix))
        }
        Edit::RemoveSite(id) => {
            existing(tx, "site", id)?;
            not_in_use(tx, "site", id, &[("initiative", "SELECT id FROM initiative WHERE site_id = ?1 ORDER BY seq")])
        }
        Edit::AddWave(w) => {
            new_id(tx, "wave", &w.id)?;
            refused(validate_wave(w, &ix))
        }
        Edit::UpdateWave(w) => {
            existing(tx, "wave", &w.id)?;
            refused(validate_wave(w, &ix))
        }
        Edit::AddTemplate(t) => {
            new_id(tx, "template", &t.id)?;
            refused(validate_template(t, &ix))
        }
        Edit::UpdateTemplate(t) => {
            existing(tx, "template", &t.id)?;
            refused(validate_template(t, &ix))
        }
        Edit::RemoveTemplate(id) => existing(tx, "template", id),
        Edit::ApplyTemplate(a) => Err(StoreError::BadPatch { kind: "template", id: a.template.clone(), why: "unresolved".into() }),
        Edit::ClearOverride(o) => Err(StoreError::BadPatch { kind: "initiative", id: o.initiative.clone(), why: "unresolved".into() }),
        Edit::SkipStep(id) => Err(StoreError::BadPatch { kind: "initiative", id: id.clone(), why: "unresolved".into() }),
        Edit::RemoveWave(id) => {
            existing(tx, "wave", id)?;
            not_in_use(
                tx,
                "wave",
                id,
                &[
                    ("site", "SELECT id FROM site WHERE wave_id = ?1 ORDER BY seq"),
                    ("initiative", "SELECT id FROM initiative WHERE wave_id = ?1 ORDER BY seq"),
                ],
            )
        }
        Edit::AddPriority(p) => {
            new_id(tx, "priority", &p.id)?;
            refused(validate_priority(p))
        }
        Edit::UpdatePriority(p) => {
            existing(tx, "priority", &p.id)?;
            refused(validate_priority(p))
        }
        Edit::RemovePriority(id) => {
            existing(tx, "priority", id)?;
            not_in_use(
                tx,
                "priority",
                id,
                &[("initiative", "SELECT initiative_id FROM serves WHERE priority_id = ?1 ORDER BY initiative_id")],
            )
        }
        Edit::Patch(p) => Err(StoreError::BadPatch { kind: p.kind.as_str(), id: p.id.clone(), why: "unresolved".into() }),
        Edit::UpdatePlan(settings) => {
            let mut errors = Vec::new();
            if settings.name.trim().is_empty() {
                errors.push(ValidationError::EmptyField { kind: "plan".into(), id: "plan".into(), field: "name".into() });
            }
            // The same rules as a whole plan's settings (dates within the limits, a calendar
            // with working days).
            errors.extend(validate_plan_settings(settings));
            refused(errors)
        }
    }
}

/// The journal group of one write transaction: every row it writes shares `grp`.
pub struct Journal<'a, 't> {
    tx: &'a Transaction<'t>,
    grp: i64,
    at: String,
    source: &'a str,
    edits: i64,
    /// The next free list position; written back by `finish`.
    next_seq: i64,
    /// Once an edit of this group has made the plan longer: a bound (never below it) of
    /// `model::horizon`'s sum over the file as the group has left it so far. Summing the
    /// whole file again after every such edit made a batch of n additions (an import)
    /// quadratic; the bound follows each edit's own share instead, and the file is summed
    /// again only when the bound passes the limit.
    horizon: Option<i64>,
    /// Whether an edit that states where work stands records when (`Initiative::updated`):
    /// every edit does, an import does not (it keeps what its file says).
    pub stamp: bool,
    /// The plan's status date, read once for the group when an edit is stamped.
    status_date: Option<Option<chrono::NaiveDate>>,
    /// Initiatives this group has read whole (so none is damaged) or written, and not
    /// removed since: a handoff or risk naming one needs no reading of it again.
    sound: FxHashSet<String>,
    /// Whether the group added or changed a priority: its ranks are checked unique when the
    /// group is done (`finish`), so that a batch may swap two ranks on the way.
    ranks: bool,
}

/// Whether `after` states where the work stands anew against `before`: its status,
/// progress, remaining work or actual dates changed, or its `updated` record differs
/// (the "still true" action: [`crate::edit::Edit::still_true`]).
fn restates_progress(before: Option<&Initiative>, after: &Initiative) -> bool {
    match before {
        Some(b) => {
            b.status != after.status
                || b.progress.to_bits() != after.progress.to_bits()
                || b.remaining != after.remaining
                || b.actual_start != after.actual_start
                || b.actual_finish != after.actual_finish
                || b.updated != after.updated
        }
        None => {
            after.status != crate::model::Status::NotStarted
                || after.progress > 0.0
                || after.remaining.is_some()
                || after.actual_start.is_some()
                || after.actual_finish.is_some()
        }
    }
}

impl<'a, 't> Journal<'a, 't> {
    /// Opens a group for `edits` edits: allocates its number and list positions from the
    /// file inside the transaction (never from a copy read earlier), and ends what could
    /// be redone.
    pub fn begin(tx: &'a Transaction<'t>, source: &'a str, edits: usize) -> Result<Journal<'a, 't>, StoreError> {
        let next_seq: i64 = tx.query_row("SELECT next_seq FROM plan WHERE id = 1", [], |r| r.get(0)).optional()?.ok_or_else(|| {
            StoreError::Damaged { path: Default::default(), what: "it has no plan row (name, start date, calendar)".into() }
        })?;
        tx.prepare_cached("DELETE FROM journal WHERE undone = 1")?.execute([])?;
        Ok(Journal {
            tx,
            grp: next_seq,
            at: Utc::now().to_rfc3339(),
            source,
            edits: edits as i64,
            next_seq: next_seq + 1,
            horizon: None,
            stamp: true,
            status_date: None,
            sound: FxHashSet::default(),
            ranks: false,
        })
    }

    fn seq(&mut self) -> i64 {
        let s = self.next_seq;
        self.next_seq += 1;
        s
    }

    fn row<T: Serialize>(&self, op: &str, kind: &str, id: &str, before: Option<&T>, after: Option<&T>) -> Result<(), StoreError> {
        let json = |x: Option<&T>| x.map(|v| serde_json::to_string(v).unwrap_or_default());
        // The entity's place in its list, so that an undone removal puts it back there.
        let pos = if kind == "plan" { None } else { rows::seq_of(self.tx, kind, id)? };
        self.tx
            .prepare_cached(
                "INSERT INTO journal (grp, at, op, kind, entity_id, pos, before, after, source, edits)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![self.grp, self.at, op, kind, id, pos, json(before), json(after), self.source, self.edits])?;
        Ok(())
    }

    /// Checks one edit a person (or a script) made against the file and writes it with its
    /// journal rows. Returns the edits as applied: a patch becomes the update of the whole
    /// entity it produced; a rollout edit (applying or changing a template, clearing an
    /// override, moving or removing a site with instances) the edits it made
    /// (`crate::rollout`, on the plan as the file holds it inside this transaction); an
    /// instance's template-controlled field changed records an override.
    pub fn edit(&mut self, edit: &Edit) -> Result<Vec<Edit>, StoreError> {
        let applied = match edit {
            Edit::Patch(p) => resolve(self.tx, p)?,
            other => other.clone(),
        };
        let tx = self.tx;
        let made = match &applied {
            Edit::ApplyTemplate(a) => {
                let plan = rows::read_plan(tx)?;
                let t = plan.template(&a.template).ok_or_else(|| StoreError::Missing { kind: "template", id: a.template.clone() })?;
                let out = self.all(rollout::apply(&plan, t, &a.sites)?)?;
                // Said last, so that undo and redo name the step by what the person did (the
                // template as it is, before and after: replaying it changes nothing).
                self.row("apply", "template", &t.id, Some(t), Some(t))?;
                return Ok(out);
            }
            Edit::ClearOverride(o) => return self.all(rollout::clear_override(&rows::read_plan(tx)?, &o.initiative, &o.field)?),
            Edit::SkipStep(id) => return self.all(rollout::skip(&rows::read_plan(tx)?, id)?),
            Edit::UpdateTemplate(t) => {
                check(tx, &applied, &mut self.sound)?;
                let plan = rows::read_plan(tx)?;
                match plan.template(&t.id) {
                    Some(old) => rollout::change(&plan, old, t)?,
                    None => Vec::new(),
                }
            }
            Edit::RemoveTemplate(id) => {
                rollout::template_removed(&rows::read_plan(tx)?, id)?;
                Vec::new()
            }
            Edit::RemoveSite(id) if rows::has_instances(tx, id)? => rollout::site_removed(&rows::read_plan(tx)?, id)?,
            Edit::UpdateSite(s) if rows::has_instances(tx, &s.id)? => rollout::site_changed(&rows::read_plan(tx)?, s)?,
            Edit::UpdateInitiative(i) if i.instance.is_some() => {
                let mut i = i.clone();
                if let Some(before) = rows::read_initiative(tx, &i.id)? {
                    for field in rollout::overridden(&before, &i) {
                        if !i.overrides.iter().any(|o| o == field) {
                            i.overrides.push(field.to_string());
                        }
                    }
                }
                return Ok(vec![self.one(Edit::UpdateInitiative(i))?]);
            }
            Edit::UpdateHandoff(Handoff { id, .. }) | Edit::RemoveHandoff(id) => {
                let after = if let Edit::UpdateHandoff(h) = &applied { Some(h) } else { None };
                match rows::read_handoff(tx, id)? {
                    Some(before) => self.handoff_override(&before, after)?.into_iter().collect(),
                    None => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        // What the edit made first, the edit itself last: undo and redo name the step by the
        // journal's last row, what the person did.
        let mut out = self.all(made)?;
        out.push(self.one(applied)?);
        Ok(out)
    }

    /// A person changing or removing a handoff a rollout made into an instance (its id in the
    /// rollout's form, `h-{from}>{to}`) overrides the instance's `handoffs`: the edit that
    /// records it, if it is not recorded yet. Confirming it or setting its due date is no
    /// override.
    fn handoff_override(&self, before: &Handoff, after: Option<&Handoff>) -> Result<Option<Edit>, StoreError> {
        if !rollout::changes_made_handoff(before, after) {
            return Ok(None);
        }
        let Some(to) = rows::read_initiative(self.tx, &before.to)? else { return Ok(None) };
        Ok(handoffs_overridden(to))
    }

    /// Writes the edits a rollout made, as they are (no override is recorded).
    fn all(&mut self, edits: Vec<Edit>) -> Result<Vec<Edit>, StoreError> {
        edits.into_iter().map(|e| self.one(e)).collect()
    }

    /// Checks and writes one plain edit (no patch, no rollout edit).
    fn one(&mut self, mut applied: Edit) -> Result<Edit, StoreError> {
        if self.stamp {
            self.stamp_progress(&mut applied)?;
        }
        // The horizon can break only when the edit makes the plan longer (a move, a rename
        // or a shorter duration cannot); its share before and after says by how much.
        let share = share_change(self.tx, &applied)?;
        self.write(&applied)?;
        if let Some((was, now)) = share {
            self.horizon_after(now - was)?;
        }
        Ok(applied)
    }

    /// Records on an initiative that states where its work stands anew the plan's status
    /// date and this moment (the review rhythm's record, docs/plan-format.md).
    fn stamp_progress(&mut self, edit: &mut Edit) -> Result<(), StoreError> {
        let (before, i) = match edit {
            // Its id is new (or the check refuses it): nothing before it.
            Edit::AddInitiative(i) => (None, i),
            Edit::UpdateInitiative(i) => (rows::read_initiative(self.tx, &i.id)?, i),
            _ => return Ok(()),
        };
        if !restates_progress(before.as_ref(), i) {
            return Ok(());
        }
        let status_date = match self.status_date {
            Some(d) => d,
            None => {
                let d = rows::read_meta(self.tx)?.status_date;
                self.status_date = Some(d);
                d
            }
        };
        i.updated = Some(crate::model::Updated { status_date, at: self.at.clone() });
        Ok(())
    }

    /// Checks `model::horizon` after an edit that changed its entity's share of the sum by
    /// `change`, as exactly as summing the file: the bound kept since the first edit of the
    /// group that lengthened the plan is an upper bound (an edit without a share, a
    /// removal, only shortens), so an edit is refused only when the file summed anew
    /// exceeds the limit.
    fn horizon_after(&mut self, change: i64) -> Result<(), StoreError> {
        use crate::model::limits::MAX_HORIZON;
        match self.horizon {
            None if change <= 0 => Ok(()),
            Some(bound) if bound.saturating_add(change) <= MAX_HORIZON => {
                self.horizon = Some(bound.saturating_add(change));
                Ok(())
            }
            _ => {
                let total = horizon(self.tx)?;
                self.horizon = Some(total);
                if total > MAX_HORIZON {
                    return refused(vec![ValidationError::Horizon { total, limit: MAX_HORIZON }]);
                }
                Ok(())
            }
        }
    }

    fn write(&mut self, edit: &Edit) -> Result<(), StoreError> {
        check(self.tx, edit, &mut self.sound)?;
        let tx = self.tx;
        match edit {
            Edit::AddInitiative(i) | Edit::UpdateInitiative(i) => {
                self.sound.insert(i.id.clone());
            }
            Edit::RemoveInitiative(id) => {
                self.sound.remove(id);
            }
            _ => {}
        }
        match edit {
            Edit::AddInitiative(i) => {
                let seq = self.seq();
                insert(rows::put_initiative(tx, i, seq, Write::Insert), "initiative", &i.id)?;
                self.row("add", "initiative", &i.id, None, Some(i))
            }
            Edit::UpdateInitiative(i) => {
                let before = rows::read_initiative(tx, &i.id)?;
                rows::put_initiative(tx, i, 0, Write::Upsert)?;
                self.row("update", "initiative", &i.id, before.as_ref(), Some(i))
            }
            Edit::RemoveInitiative(id) => {
                // Journal what the cascade takes with it, so an undo can put it all back.
                for h in rows::handoffs_touching(tx, id)? {
                    self.row("remove", "handoff", &h.id, Some(&h), None)?;
                }
                for r in rows::risks_linking(tx, id)? {
                    let mut after = r.clone();
                    after.initiatives.retain(|x| x != id);
                    self.row("update", "risk", &r.id, Some(&r), Some(&after))?;
                }
                let before = rows::read_initiative(tx, id)?;
                self.row("remove", "initiative", id, before.as_ref(), None)?;
                rows::delete(tx, "initiative", id)
            }
            Edit::AddHandoff(h) => {
                let seq = self.seq();
                insert(rows::put_handoff(tx, h, seq, Write::Insert), "handoff", &h.id)?;
                self.row("add", "handoff", &h.id, None, Some(h))
            }
            Edit::UpdateHandoff(h) => {
                let before = rows::read_handoff(tx, &h.id)?;
                rows::put_handoff(tx, h, 0, Write::Upsert)?;
                self.row("update", "handoff", &h.id, before.as_ref(), Some(h))
            }
            Edit::AddRisk(r) => {
                let seq = self.seq();
                insert(rows::put_risk(tx, r, seq, Write::Insert), "risk", &r.id)?;
                self.row("add", "risk", &r.id, None, Some(r))
            }
            Edit::UpdateRisk(r) => {
                let before = rows::read_risk(tx, &r.id)?;
                rows::put_risk(tx, r, 0, Write::Upsert)?;
                self.row("update", "risk", &r.id, before.as_ref(), Some(r))
            }
            Edit::AddTeam(t) => {
                let seq = self.seq();
                insert(rows::put_team(tx, t, seq, Write::Insert), "team", &t.id)?;
                self.row("add", "team", &t.id, None, Some(t))
            }
            Edit::UpdateTeam(t) => {
                let before = rows::read_team(tx, &t.id)?;
                rows::put_team(tx, t, 0, Write::Upsert)?;
                self.row("update", "team", &t.id, before.as_ref(), Some(t))
            }
            Edit::AddSite(s) => {
                let seq = self.seq();
                insert(rows::put_site(tx, s, seq, Write::Insert), "site", &s.id)?;
                self.row("add", "site", &s.id, None, Some(s))
            }
            Edit::UpdateSite(s) => {
                let before = rows::read_site(tx, &s.id)?;
                rows::put_site(tx, s, 0, Write::Upsert)?;
                self.row("update", "site", &s.id, before.as_ref(), Some(s))
            }
            Edit::AddWave(w) => {
                let seq = self.seq();
                insert(rows::put_wave(tx, w, seq, Write::Insert), "wave", &w.id)?;
                self.row("add", "wave", &w.id, None, Some(w))
            }
            Edit::UpdateWave(w) => {
                let before = rows::read_wave(tx, &w.id)?;
                rows::put_wave(tx, w, 0, Write::Upsert)?;
                self.row("update", "wave", &w.id, before.as_ref(), Some(w))
            }
            Edit::RemoveHandoff(id) => self.remove(id, "handoff", rows::read_handoff(tx, id)?),
            Edit::RemoveRisk(id) => self.remove(id, "risk", rows::read_risk(tx, id)?),
            Edit::RemoveTeam(id) => self.remove(id, "team", rows::read_team(tx, id)?),
            Edit::RemoveSite(id) => self.remove(id, "site", rows::read_site(tx, id)?),
            Edit::RemoveWave(id) => self.remove(id, "wave", rows::read_wave(tx, id)?),
            Edit::AddTemplate(t) => {
                let seq = self.seq();
                insert(rows::put_template(tx, t, seq, Write::Insert), "template", &t.id)?;
                self.row("add", "template", &t.id, None, Some(t))
            }
            Edit::UpdateTemplate(t) => {
                let before = rows::read_template(tx, &t.id)?;
                rows::put_template(tx, t, 0, Write::Upsert)?;
                self.row("update", "template", &t.id, before.as_ref(), Some(t))
            }
            Edit::RemoveTemplate(id) => self.remove(id, "template", rows::read_template(tx, id)?),
            Edit::AddPriority(p) => {
                self.ranks = true;
                let seq = self.seq();
                insert(rows::put_priority(tx, p, seq, Write::Insert), "priority", &p.id)?;
                self.row("add", "priority", &p.id, None, Some(p))
            }
            Edit::UpdatePriority(p) => {
                self.ranks = true;
                let before = rows::read_priority(tx, &p.id)?;
                rows::put_priority(tx, p, 0, Write::Upsert)?;
                self.row("update", "priority", &p.id, before.as_ref(), Some(p))
            }
            Edit::RemovePriority(id) => self.remove(id, "priority", rows::read_priority(tx, id)?),
            Edit::ApplyTemplate(_) | Edit::ClearOverride(_) | Edit::SkipStep(_) => {
                Err(StoreError::BadPatch { kind: "template", id: String::new(), why: "a rollout edit not made into its edits".into() })
            }
            Edit::Patch(p) => Err(StoreError::BadPatch { kind: p.kind.as_str(), id: p.id.clone(), why: "a patch of a patch".into() }),
            Edit::UpdatePlan(settings) => {
                let before = rows::read_meta(tx)?.settings();
                rows::write_settings(tx, settings)?;
                self.row("update", "plan", "plan", Some(&before), Some(settings))
            }
        }
    }

    fn remove<T: Serialize>(&mut self, id: &str, kind: &str, before: Option<T>) -> Result<(), StoreError> {
        self.row("remove", kind, id, before.as_ref(), None)?;
        rows::delete(self.tx, kind, id)
    }

    /// Stores the next free list position, counts the plan's revision (stored results of
    /// an earlier revision are stale) and drops journal groups beyond the undo depth.
    pub fn finish(self) -> Result<(), StoreError> {
        if self.ranks {
            refused(crate::model::duplicate_ranks(rows::ranks(self.tx)?.iter().map(|(id, rank)| (id.as_str(), *rank))))?;
        }
        self.tx.prepare_cached("UPDATE plan SET next_seq = ?1, revision = revision + 1 WHERE id = 1")?.execute([self.next_seq])?;
        let depth: i64 = self.tx.query_row("SELECT undo_depth FROM plan WHERE id = 1", [], |r| r.get(0))?;
        self.tx
            .prepare_cached(
                "DELETE FROM journal WHERE grp < (SELECT grp FROM (SELECT DISTINCT grp FROM journal ORDER BY grp DESC LIMIT 1 OFFSET ?1))",
            )?
            .execute([depth.max(1) - 1])?;
        Ok(())
    }
}

/// The entity's share of the plan's work end to end (`model::horizon`'s sum) as the file
/// holds it before the edit and as the edit leaves it, reading only its own row; None for
/// an edit that has no share (a removal or the plan's settings only shorten it or leave it).
fn share_change(tx: &Transaction<'_>, edit: &Edit) -> Result<Option<(i64, i64)>, StoreError> {
    use crate::model::limits::{MAX_DURATION, MAX_LAG, MAX_LEVELING_DELAY};
    let clamp = |d: i32, max: i32| i64::from(d.clamp(0, max));
    let longest = |e: &crate::model::Estimate| e.optimistic.max(e.likely).max(e.pessimistic);
    // The entity's share as the file holds it now (0 for a new one).
    let old = |sql: &str, id: &str, max: i32| -> Result<i64, StoreError> {
        Ok(tx.prepare_cached(sql)?.query_row(params![id, max], |r| r.get::<_, Option<i64>>(0)).optional()?.flatten().unwrap_or(0))
    };
    Ok(Some(match edit {
        Edit::AddInitiative(i) | Edit::UpdateInitiative(i) => {
            // The duration and the leveling delay have the same limit, so one bound serves both.
            let was = old(
                "SELECT MIN(MAX(optimistic, likely, pessimistic, 0), ?2) + MIN(MAX(leveling_delay, 0), ?2) FROM initiative WHERE id = ?1",
                &i.id,
                MAX_DURATION,
            )?;
            (was, clamp(longest(&i.duration), MAX_DURATION) + clamp(i.leveling_delay, MAX_LEVELING_DELAY))
        }
        Edit::AddHandoff(h) | Edit::UpdateHandoff(h) => {
            let was = old("SELECT MIN(MAX(lag, 0), ?2) FROM handoff WHERE id = ?1", &h.id, MAX_LAG)?;
            (was, clamp(h.lag, MAX_LAG))
        }
        Edit::AddRisk(r) | Edit::UpdateRisk(r) => {
            let was = old(
                "SELECT MIN(MAX(impact_min, impact_likely, impact_max, 0), ?2) * (SELECT COUNT(*) FROM risk_initiative WHERE risk_id = ?1)
                 FROM risk WHERE id = ?1 AND impact_min IS NOT NULL",
                &r.id,
                MAX_DURATION,
            )?;
            // Never below the share the file will hold (an initiative listed twice is one row).
            let now = r.schedule_impact.map_or(0, |e| clamp(longest(&e), MAX_DURATION).saturating_mul(r.initiatives.len() as i64));
            (was, now)
        }
        _ => return Ok(None),
    }))
}

/// The sum of the whole-plan rule `model::horizon`, in SQL over the file as the edits left
/// it (one pass over three tables; no plan in memory).
fn horizon(tx: &Transaction<'_>) -> Result<i64, StoreError> {
    use crate::model::limits::{MAX_DURATION, MAX_LAG, MAX_LEVELING_DELAY};
    let total: i64 = tx.query_row(
        "SELECT
            (SELECT COALESCE(SUM(MIN(MAX(optimistic, likely, pessimistic, 0), ?1) + MIN(MAX(leveling_delay, 0), ?3)), 0) FROM initiative)
          + (SELECT COALESCE(SUM(MIN(MAX(lag, 0), ?2)), 0) FROM handoff)
          + (SELECT COALESCE(SUM(MIN(MAX(impact_min, impact_likely, impact_max, 0), ?1)
                                 * (SELECT COUNT(*) FROM risk_initiative ri WHERE ri.risk_id = r.id)), 0)
             FROM risk r WHERE impact_min IS NOT NULL)",
        params![MAX_DURATION, MAX_LAG, MAX_LEVELING_DELAY],
        |r| r.get(0),
    )?;
    Ok(total)
}

/// Where a patch finds the entity it changes as it is now: the file, inside an edit's
/// transaction, or a plan in memory ([`edit_in_memory`]).
trait Current {
    fn initiative(&self, id: &str) -> Result<Option<Initiative>, StoreError>;
    fn handoff(&self, id: &str) -> Result<Option<Handoff>, StoreError>;
    fn risk(&self, id: &str) -> Result<Option<Risk>, StoreError>;
    fn team(&self, id: &str) -> Result<Option<Team>, StoreError>;
    fn site(&self, id: &str) -> Result<Option<Site>, StoreError>;
    fn wave(&self, id: &str) -> Result<Option<Wave>, StoreError>;
    fn template(&self, id: &str) -> Result<Option<Template>, StoreError>;
    fn priority(&self, id: &str) -> Result<Option<Priority>, StoreError>;
    fn settings(&self) -> Result<PlanSettings, StoreError>;
}

impl Current for Transaction<'_> {
    fn initiative(&self, id: &str) -> Result<Option<Initiative>, StoreError> {
        rows::read_initiative(self, id)
    }
    fn handoff(&self, id: &str) -> Result<Option<Handoff>, StoreError> {
        rows::read_handoff(self, id)
    }
    fn risk(&self, id: &str) -> Result<Option<Risk>, StoreError> {
        rows::read_risk(self, id)
    }
    fn team(&self, id: &str) -> Result<Option<Team>, StoreError> {
        rows::read_team(self, id)
    }
    fn site(&self, id: &str) -> Result<Option<Site>, StoreError> {
        rows::read_site(self, id)
    }
    fn wave(&self, id: &str) -> Result<Option<Wave>, StoreError> {
        rows::read_wave(self, id)
    }
    fn template(&self, id: &str) -> Result<Option<Template>, StoreError> {
        rows::read_template(self, id)
    }
    fn priority(&self, id: &str) -> Result<Option<Priority>, StoreError> {
        rows::read_priority(self, id)
    }
    fn settings(&self) -> Result<PlanSettings, StoreError> {
        Ok(rows::read_meta(self)?.settings())
    }
}

impl Current for Plan {
    fn initiative(&self, id: &str) -> Result<Option<Initiative>, StoreError> {
        Ok(Plan::initiative(self, id).cloned())
    }
    fn handoff(&self, id: &str) -> Result<Option<Handoff>, StoreError> {
        Ok(self.handoffs.iter().find(|h| h.id == id).cloned())
    }
    fn risk(&self, id: &str) -> Result<Option<Risk>, StoreError> {
        Ok(self.risks.iter().find(|r| r.id == id).cloned())
    }
    fn team(&self, id: &str) -> Result<Option<Team>, StoreError> {
        Ok(Plan::team(self, id).cloned())
    }
    fn site(&self, id: &str) -> Result<Option<Site>, StoreError> {
        Ok(Plan::site(self, id).cloned())
    }
    fn wave(&self, id: &str) -> Result<Option<Wave>, StoreError> {
        Ok(Plan::wave(self, id).cloned())
    }
    fn template(&self, id: &str) -> Result<Option<Template>, StoreError> {
        Ok(Plan::template(self, id).cloned())
    }
    fn priority(&self, id: &str) -> Result<Option<Priority>, StoreError> {
        Ok(self.priorities.iter().find(|p| p.id == id).cloned())
    }
    fn settings(&self) -> Result<PlanSettings, StoreError> {
        Ok(Plan::settings(self))
    }
}

/// The update a patch makes of the entity as it is now (in the file, or in a plan in memory).
fn resolve(from: &impl Current, p: &Patch) -> Result<Edit, StoreError> {
    fn merge<T: Serialize + serde::de::DeserializeOwned>(current: Option<T>, p: &Patch) -> Result<T, StoreError> {
        let kind = p.kind.as_str();
        let bad = |why: String| StoreError::BadPatch { kind, id: p.id.clone(), why };
        let Some(current) = current else {
            return Err(StoreError::Missing { kind, id: p.id.clone() });
        };
        let mut value = serde_json::to_value(&current).map_err(|e| bad(e.to_string()))?;
        let base = value.clone();
        let Some(object) = value.as_object_mut() else { return Err(bad("not an object".into())) };
        for (field, new) in &p.fields {
            if field == "id" {
                if new.as_str() != Some(p.id.as_str()) {
                    return Err(bad("its id (add a new one and remove the old one instead)".into()));
                }
                continue;
            }
            if new.is_null() {
                object.remove(field);
            } else {
                object.insert(field.clone(), new.clone());
            }
        }
        serde_json::from_value::<T>(value).map_err(|e| bad(refused_field(&base, p, &e, |v| serde_json::from_value::<T>(v).err())))
    }
    let id = p.id.as_str();
    Ok(match p.kind {
        EntityKind::Initiative => Edit::UpdateInitiative(merge(from.initiative(id)?, p)?),
        EntityKind::Handoff => Edit::UpdateHandoff(merge(from.handoff(id)?, p)?),
        EntityKind::Risk => Edit::UpdateRisk(merge(from.risk(id)?, p)?),
        EntityKind::Team => Edit::UpdateTeam(merge(from.team(id)?, p)?),
        EntityKind::Site => Edit::UpdateSite(merge(from.site(id)?, p)?),
        EntityKind::Wave => Edit::UpdateWave(merge(from.wave(id)?, p)?),
        EntityKind::Template => Edit::UpdateTemplate(merge(from.template(id)?, p)?),
        EntityKind::Priority => Edit::UpdatePriority(merge(from.priority(id)?, p)?),
        EntityKind::Plan => {
            if id != "plan" {
                return Err(StoreError::BadPatch {
                    kind: "plan",
                    id: id.to_string(),
                    why: "the plan's settings (their id is 'plan')".into(),
                });
            }
            // The settings as the file holds them, every field present; a field the patch
            // clears (null) takes its default, as an entity's does.
            let current = from.settings()?;
            let bad = |why: String| StoreError::BadPatch { kind: "plan", id: p.id.clone(), why };
            let mut value = serde_json::to_value(&current).map_err(|e| bad(e.to_string()))?;
            let base = value.clone();
            let Some(object) = value.as_object_mut() else { return Err(bad("not an object".into())) };
            for (field, new) in &p.fields {
                // The calendar's two parts are settings of their own, so that the window
                // changing the holidays never sends back working days another program
                // changed meanwhile (and the reverse).
                if field == "holidays" || field == "working_days" {
                    let calendar = object.get_mut("calendar").and_then(serde_json::Value::as_object_mut);
                    let Some(calendar) = calendar else { return Err(bad("the plan has no calendar".into())) };
                    let new = if new.is_null() && field == "holidays" { serde_json::Value::Array(Vec::new()) } else { new.clone() };
                    calendar.insert(field.clone(), new);
                    continue;
                }
                if new.is_null() {
                    object.remove(field);
                } else {
                    object.insert(field.clone(), new.clone());
                }
            }
            let settings =
                settings_with_defaults(value).map_err(|e| bad(refused_field(&base, p, &e, |v| settings_with_defaults(v).err())))?;
            Edit::UpdatePlan(settings)
        }
    })
}

/// Why a patch was refused, naming its field: each field is tried alone on the entity as
/// it was, and the first that fails is named with its value ("cannot set 'target' to
/// \"2027-13-01\": input is out of range; a date is written YYYY-MM-DD"). serde's own
/// message names no field (issue 26).
fn refused_field(
    base: &serde_json::Value,
    p: &Patch,
    whole: &serde_json::Error,
    fails: impl Fn(serde_json::Value) -> Option<serde_json::Error>,
) -> String {
    for (field, new) in &p.fields {
        let mut one = base.clone();
        if let Some(object) = one.as_object_mut() {
            if new.is_null() {
                object.remove(field);
            } else {
                object.insert(field.clone(), new.clone());
            }
        }
        if let Some(e) = fails(one) {
            let why = e.to_string();
            // chrono's parse errors name no form; a date field's value is a string
            let hint = if new.is_string() && (why.contains("input") || why.contains("premature end")) {
                "; a date is written YYYY-MM-DD, such as 2027-03-01"
            } else {
                ""
            };
            let why = why
                .split(" at line ")
                .next()
                .unwrap_or(&why)
                .replace("expected f64", "expected a number")
                .replace("expected i32", "expected a whole number");
            return format!("'{field}' to {new}: {why}{hint}");
        }
    }
    whole.to_string()
}

/// Plan settings from JSON in which a setting other than the name and the start may be
/// missing and then takes its default: a journal entry written before plan file version 3
/// (name, start and calendar only), or a patch that cleared a setting. `update_plan` itself
/// must name every setting ([`PlanSettings`]).
fn settings_with_defaults(mut value: serde_json::Value) -> Result<PlanSettings, serde_json::Error> {
    if let Some(object) = value.as_object_mut() {
        let defaults = serde_json::to_value(Plan::new("", chrono::NaiveDate::MIN).settings())?;
        if let serde_json::Value::Object(defaults) = defaults {
            for (field, default) in defaults {
                if field != "name" && field != "start" {
                    object.entry(field).or_insert(default);
                }
            }
        }
    }
    serde_json::from_value(value)
}

/// A plain INSERT whose id was taken after the check (by a writer the check could not
/// see) is the same named refusal as one the check saw.
fn insert(result: Result<(), StoreError>, kind: &str, id: &str) -> Result<(), StoreError> {
    match result {
        Err(StoreError::Sql(rusqlite::Error::SqliteFailure(e, _))) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
            refused(vec![ValidationError::DuplicateId { kind: kind.to_string(), id: id.to_string() }])
        }
        other => other,
    }
}

/// The things of a plan that live in a list under a unique id.
trait Keyed {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($t:ty),*) => {$(impl Keyed for $t { fn key(&self) -> &str { &self.id } })*};
}
keyed!(Initiative, Handoff, Risk, Team, Site, Wave, Template, Priority);

/// Replaces the item with the same id in place (keeping its position), or appends it.
fn put<T: Keyed>(items: &mut Vec<T>, item: T) {
    match items.iter().position(|x| x.key() == item.key()) {
        Some(k) => items[k] = item,
        None => items.push(item),
    }
}

fn take<T: Keyed>(items: &mut Vec<T>, id: &str) {
    items.retain(|x| x.key() != id);
}

/// The update that records an instance's override of its `handoffs`, unless it has it (or is
/// no instance).
fn handoffs_overridden(mut to: Initiative) -> Option<Edit> {
    if to.instance.is_none() || to.overrides.iter().any(|o| o == "handoffs") {
        return None;
    }
    to.overrides.push("handoffs".to_string());
    Some(Edit::UpdateInitiative(to))
}

/// An edit as a person makes it ([`Editing::edit`], the store's one rule of what an edit
/// does), on a plan in memory instead of a file: a patch resolved against the plan; a rollout
/// edit (applying, changing or removing a template, skipping a step, clearing an override,
/// changing or removing a site with instances) made into the plain edits it makes
/// (`crate::rollout`); an instance's template-controlled field changed, or a handoff a rollout
/// made into it, recording the override. No check and no journal: a caller that builds a plan
/// this way validates the result (`api::demo`, `tests/demo.rs`, which also builds it through a
/// file). Returns the edits as applied.
pub fn edit_in_memory(plan: &mut Plan, edit: Edit) -> Result<Vec<Edit>, StoreError> {
    let applied = match edit {
        Edit::Patch(p) => resolve(&*plan, &p)?,
        other => other,
    };
    let has_instances = |site: &str| plan.initiatives.iter().any(|i| i.site.as_deref() == Some(site) && i.instance.is_some());
    let made = match &applied {
        Edit::ApplyTemplate(a) => {
            let t = plan.template(&a.template).ok_or_else(|| StoreError::Missing { kind: "template", id: a.template.clone() })?;
            rollout::apply(plan, t, &a.sites)?
        }
        Edit::ClearOverride(o) => rollout::clear_override(plan, &o.initiative, &o.field)?,
        Edit::SkipStep(id) => rollout::skip(plan, id)?,
        Edit::UpdateTemplate(t) => {
            let mut made = match plan.template(&t.id) {
                Some(old) => rollout::change(plan, old, t)?,
                None => Vec::new(),
            };
            made.push(applied.clone());
            made
        }
        Edit::RemoveTemplate(id) => {
            rollout::template_removed(plan, id)?;
            vec![applied.clone()]
        }
        Edit::RemoveSite(id) if has_instances(id) => {
            let mut made = rollout::site_removed(plan, id)?;
            made.push(applied.clone());
            made
        }
        Edit::UpdateSite(s) if has_instances(&s.id) => {
            let mut made = rollout::site_changed(plan, s)?;
            made.push(applied.clone());
            made
        }
        Edit::UpdateInitiative(i) if i.instance.is_some() => {
            let mut i = i.clone();
            if let Some(before) = plan.initiative(&i.id) {
                for field in rollout::overridden(before, &i) {
                    if !i.overrides.iter().any(|o| o == field) {
                        i.overrides.push(field.to_string());
                    }
                }
            }
            vec![Edit::UpdateInitiative(i)]
        }
        Edit::UpdateHandoff(Handoff { id, .. }) | Edit::RemoveHandoff(id) => {
            let after = if let Edit::UpdateHandoff(h) = &applied { Some(h) } else { None };
            let before = plan.handoffs.iter().find(|h| h.id == *id);
            let mut made: Vec<Edit> = before
                .filter(|b| rollout::changes_made_handoff(b, after))
                .and_then(|b| plan.initiative(&b.to).cloned())
                .and_then(handoffs_overridden)
                .into_iter()
                .collect();
            made.push(applied.clone());
            made
        }
        _ => vec![applied.clone()],
    };
    for e in &made {
        apply_in_memory(plan, e.clone());
    }
    Ok(made)
}

/// Mirrors a written edit in a plan kept in memory.
pub fn apply_in_memory(plan: &mut Plan, edit: Edit) {
    match edit {
        Edit::AddInitiative(i) | Edit::UpdateInitiative(i) => put(&mut plan.initiatives, i),
        Edit::RemoveInitiative(id) => {
            take(&mut plan.initiatives, &id);
            plan.handoffs.retain(|h| h.from != id && h.to != id);
            for r in &mut plan.risks {
                r.initiatives.retain(|x| *x != id);
            }
        }
        Edit::AddHandoff(h) | Edit::UpdateHandoff(h) => put(&mut plan.handoffs, h),
        Edit::RemoveHandoff(id) => take(&mut plan.handoffs, &id),
        Edit::AddRisk(r) | Edit::UpdateRisk(r) => put(&mut plan.risks, r),
        Edit::RemoveRisk(id) => take(&mut plan.risks, &id),
        Edit::AddTeam(t) | Edit::UpdateTeam(t) => put(&mut plan.teams, t),
        Edit::RemoveTeam(id) => take(&mut plan.teams, &id),
        Edit::AddSite(x) | Edit::UpdateSite(x) => put(&mut plan.sites, x),
        Edit::RemoveSite(id) => take(&mut plan.sites, &id),
        Edit::AddWave(w) | Edit::UpdateWave(w) => put(&mut plan.waves, w),
        Edit::RemoveWave(id) => take(&mut plan.waves, &id),
        Edit::AddTemplate(t) | Edit::UpdateTemplate(t) => put(&mut plan.templates, t),
        Edit::RemoveTemplate(id) => take(&mut plan.templates, &id),
        Edit::AddPriority(p) | Edit::UpdatePriority(p) => put(&mut plan.priorities, p),
        Edit::RemovePriority(id) => take(&mut plan.priorities, &id),
        // Made into the edits they made before they reach memory.
        Edit::ApplyTemplate(_) | Edit::ClearOverride(_) | Edit::SkipStep(_) => {}
        // Resolved into the update it made before it reaches memory.
        Edit::Patch(_) => {}
        Edit::UpdatePlan(mut settings) => {
            // As the file keeps them: one row per holiday, in date order.
            settings.calendar.holidays.sort();
            settings.calendar.holidays.dedup();
            plan.set_settings(settings);
        }
    }
}

/// Where each id sits in one list of a plan in memory, built when a batch first needs it
/// and dropped when a removal shifts the list.
type Positions = Option<FxHashMap<String, usize>>;

/// Replaces the item with the same id in place, or appends it, finding it through
/// `positions` (the first item with an id wins, as `put` finds it).
fn put_indexed<T: Keyed>(items: &mut Vec<T>, positions: &mut Positions, item: T) {
    let index = positions.get_or_insert_with(|| {
        let mut index = FxHashMap::default();
        index.reserve(items.len());
        for (k, x) in items.iter().enumerate() {
            index.entry(x.key().to_string()).or_insert(k);
        }
        index
    });
    match index.get(item.key()) {
        Some(&k) => items[k] = item,
        None => {
            index.insert(item.key().to_string(), items.len());
            items.push(item);
        }
    }
}

/// Mirrors a written batch in a plan kept in memory, as [`apply_in_memory`] does edit by
/// edit. A long batch (an import of thousands of initiatives) finds each id through an
/// index of the list instead of a scan of it, which made such a batch quadratic.
pub fn apply_all_in_memory(plan: &mut Plan, edits: Vec<Edit>) {
    // A short batch (one edit in the app) scans: cheaper than indexing a large plan.
    const SCAN: usize = 16;
    if edits.len() <= SCAN {
        for e in edits {
            apply_in_memory(plan, e);
        }
        return;
    }
    let (mut initiatives, mut handoffs, mut risks): (Positions, Positions, Positions) = (None, None, None);
    let (mut teams, mut sites, mut waves): (Positions, Positions, Positions) = (None, None, None);
    for e in edits {
        match e {
            Edit::AddInitiative(i) | Edit::UpdateInitiative(i) => put_indexed(&mut plan.initiatives, &mut initiatives, i),
            Edit::AddHandoff(h) | Edit::UpdateHandoff(h) => put_indexed(&mut plan.handoffs, &mut handoffs, h),
            Edit::AddRisk(r) | Edit::UpdateRisk(r) => put_indexed(&mut plan.risks, &mut risks, r),
            Edit::AddTeam(t) | Edit::UpdateTeam(t) => put_indexed(&mut plan.teams, &mut teams, t),
            Edit::AddSite(x) | Edit::UpdateSite(x) => put_indexed(&mut plan.sites, &mut sites, x),
            Edit::AddWave(w) | Edit::UpdateWave(w) => put_indexed(&mut plan.waves, &mut waves, w),
            other => {
                // A removal shifts its list (and an initiative's, the handoffs): index anew.
                match &other {
                    Edit::RemoveInitiative(_) => (initiatives, handoffs) = (None, None),
                    Edit::RemoveHandoff(_) => handoffs = None,
                    Edit::RemoveRisk(_) => risks = None,
                    Edit::RemoveTeam(_) => teams = None,
                    Edit::RemoveSite(_) => sites = None,
                    Edit::RemoveWave(_) => waves = None,
                    _ => {}
                }
                apply_in_memory(plan, other);
            }
        }
    }
}

/// Puts one journaled entity into the state `json` (None: absent) at list position `pos`.
fn restore(tx: &Transaction<'_>, kind: &str, id: &str, json: Option<&str>, pos: Option<i64>) -> Result<(), StoreError> {
    let bad = |what: &str| rows::bad("journal", id, what);
    let Some(json) = json else {
        return rows::delete(tx, kind, id);
    };
    fn parse<T: serde::de::DeserializeOwned>(json: &str, bad: impl Fn(&str) -> StoreError) -> Result<T, StoreError> {
        serde_json::from_str(json).map_err(|e| bad(&format!("entry ({e})")))
    }
    // An entity that still exists keeps its place; one coming back takes the place it had.
    let seq = match kind {
        "plan" => 0,
        _ => rows::seq_of(tx, kind, id)?.or(pos).unwrap_or(0),
    };
    let w = Write::Upsert;
    match kind {
        "initiative" => rows::put_initiative(tx, &parse::<Initiative>(json, bad)?, seq, w),
        "handoff" => rows::put_handoff(tx, &parse::<Handoff>(json, bad)?, seq, w),
        "risk" => rows::put_risk(tx, &parse::<Risk>(json, bad)?, seq, w),
        "team" => rows::put_team(tx, &parse::<Team>(json, bad)?, seq, w),
        "site" => rows::put_site(tx, &parse::<Site>(json, bad)?, seq, w),
        "wave" => rows::put_wave(tx, &parse::<Wave>(json, bad)?, seq, w),
        "template" => rows::put_template(tx, &parse::<Template>(json, bad)?, seq, w),
        "priority" => rows::put_priority(tx, &parse::<Priority>(json, bad)?, seq, w),
        // Entries written before plan file version 3 hold only the name, start and
        // calendar; the settings added since take their defaults, which is what they were
        // then (an edit made since is undone before this one).
        "plan" => {
            let value = parse::<serde_json::Value>(json, &bad)?;
            rows::write_settings(tx, &settings_with_defaults(value).map_err(|e| bad(&format!("entry ({e})")))?)
        }
        other => Err(bad(&format!("kind '{other}'"))),
    }
}

/// What undo (or redo) would take back now, without doing it.
pub fn peek(c: &rusqlite::Connection, dir: Direction) -> Result<Option<EditSummary>, StoreError> {
    let pick = match dir {
        Direction::Undo => "SELECT MAX(grp) FROM journal WHERE undone = 0",
        Direction::Redo => "SELECT MIN(grp) FROM journal WHERE undone = 1",
    };
    let Some(grp): Option<i64> = c.query_row(pick, [], |r| r.get(0))? else {
        return Ok(None);
    };
    Ok(Some(c.query_row(
        "SELECT op, kind, entity_id, edits, source, at FROM journal WHERE grp = ?1 ORDER BY seq DESC LIMIT 1",
        [grp],
        |r| Ok(EditSummary { op: r.get(0)?, kind: r.get(1)?, id: r.get(2)?, edits: r.get(3)?, source: r.get(4)?, at: r.get(5)? }),
    )?))
}

/// Undoes the last edit in the file not undone (whoever made it: the file is the shared
/// truth), or redoes the first undone one, inside `tx`. Reads only that journal group and
/// the rows it touches. Returns what it was, or None when there is nothing to do.
pub fn step(tx: &Transaction<'_>, dir: Direction) -> Result<Option<EditSummary>, StoreError> {
    let (pick, order, undone) = match dir {
        Direction::Undo => ("SELECT MAX(grp) FROM journal WHERE undone = 0", "DESC", 1),
        Direction::Redo => ("SELECT MIN(grp) FROM journal WHERE undone = 1", "ASC", 0),
    };
    let Some(grp): Option<i64> = tx.query_row(pick, [], |r| r.get(0))? else {
        return Ok(None);
    };
    // The edit's own row is journaled last, after what its cascade took with it.
    let summary =
        tx.query_row("SELECT op, kind, entity_id, edits, source, at FROM journal WHERE grp = ?1 ORDER BY seq DESC LIMIT 1", [grp], |r| {
            Ok(EditSummary { op: r.get(0)?, kind: r.get(1)?, id: r.get(2)?, edits: r.get(3)?, source: r.get(4)?, at: r.get(5)? })
        })?;
    let entries: Vec<(String, String, Option<i64>, Option<String>, Option<String>)> = {
        let mut st = tx.prepare(&format!("SELECT kind, entity_id, pos, before, after FROM journal WHERE grp = ?1 ORDER BY seq {order}"))?;
        let rows = st.query_map([grp], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    // The rows the step puts back are read first: a row damaged outside Bridger is refused
    // as reading the plan refuses it, not silently overwritten (issue 22).
    for (kind, id, ..) in &entries {
        rows::check_row(tx, kind, id)?;
    }
    for (kind, id, pos, before, after) in &entries {
        let state = if dir == Direction::Undo { before } else { after };
        restore(tx, kind, id, state.as_deref(), *pos)?;
    }
    tx.execute("UPDATE journal SET undone = ?1 WHERE grp = ?2", params![undone, grp])?;
    tx.execute("UPDATE plan SET revision = revision + 1 WHERE id = 1", [])?;
    Ok(Some(summary))
}
