//! Edits: the one way a plan file changes after it is created.
//!
//! The CLI and the app send the same `Edit` values. Each is checked against the plan in
//! memory with the same per-entity rules as a whole-plan validation, then written with
//! its journal rows (before and after, as JSON) in one transaction.

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::Utc;
use rusqlite::{params, OptionalExtension, Transaction};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{rows, StoreError};
use crate::model::{
    validate_handoff, validate_initiative, validate_risk, validate_site, validate_team, validate_wave, Calendar, Handoff, Index,
    Initiative, Plan, Risk, Site, Team, ValidationError, Wave,
};

/// One change to a plan. Updates replace the whole entity with the same id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", content = "value", rename_all = "snake_case")]
pub enum Edit {
    AddInitiative(Initiative),
    UpdateInitiative(Initiative),
    RemoveInitiative(String),
    AddHandoff(Handoff),
    UpdateHandoff(Handoff),
    RemoveHandoff(String),
    AddRisk(Risk),
    UpdateRisk(Risk),
    RemoveRisk(String),
    AddTeam(Team),
    UpdateTeam(Team),
    RemoveTeam(String),
    AddSite(Site),
    UpdateSite(Site),
    RemoveSite(String),
    AddWave(Wave),
    UpdateWave(Wave),
    RemoveWave(String),
    /// Name, start date and calendar of the plan.
    UpdatePlan {
        name: String,
        start: chrono::NaiveDate,
        calendar: Calendar,
    },
}

fn invalid(errors: Vec<ValidationError>) -> Result<(), StoreError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Refused(errors))
    }
}

fn new_id(kind: &str, id: &str, set: &FxHashSet<String>) -> Result<(), StoreError> {
    if id.trim().is_empty() {
        return Err(StoreError::Refused(vec![ValidationError::EmptyId { kind: kind.to_string() }]));
    }
    if set.contains(id) {
        return Err(StoreError::Refused(vec![ValidationError::DuplicateId { kind: kind.to_string(), id: id.to_string() }]));
    }
    Ok(())
}

fn existing(kind: &'static str, id: &str, set: &FxHashSet<String>) -> Result<(), StoreError> {
    if set.contains(id) {
        Ok(())
    } else {
        Err(StoreError::Missing { kind, id: id.to_string() })
    }
}

fn in_use(kind: &'static str, id: &str, users: Vec<String>) -> Result<(), StoreError> {
    if users.is_empty() {
        return Ok(());
    }
    let mut text: Vec<String> = users.iter().take(3).cloned().collect();
    if users.len() > 3 {
        text.push(format!("{} more", users.len() - 3));
    }
    Err(StoreError::InUse { kind, id: id.to_string(), users: text.join(", ") })
}

/// Would a handoff `from -> to` close a cycle? Returns the cycle, starting at `from`.
/// `except` is the pair of a handoff being replaced, which no longer counts.
fn cycle_through(ix: &Index, from: &str, to: &str, except: Option<(&str, &str)>) -> Option<Vec<String>> {
    let mut parent: HashMap<&str, &str> = HashMap::new();
    let mut queue = VecDeque::from([to]);
    let mut seen: HashSet<&str> = HashSet::from([to]);
    while let Some(v) = queue.pop_front() {
        if v == from {
            // Walk back to `to`: from <- ... <- to; the cycle runs from -> to -> ... -> from.
            let mut back = Vec::new();
            let mut x = from;
            while x != to {
                let Some(p) = parent.get(x) else { break };
                x = p;
                back.push(x.to_string());
            }
            let mut cycle = vec![from.to_string()];
            cycle.extend(back.into_iter().rev());
            return Some(cycle);
        }
        for t in ix.successors.get(v).map(Vec::as_slice).unwrap_or(&[]) {
            if except == Some((v, t.as_str())) {
                continue;
            }
            if seen.insert(t.as_str()) {
                parent.insert(t.as_str(), v);
                queue.push_back(t.as_str());
            }
        }
    }
    None
}

fn no_cycle(ix: &Index, h: &Handoff, replacing: bool) -> Result<(), StoreError> {
    let old = if replacing { ix.handoffs.get(&h.id).map(|(a, b)| (a.as_str(), b.as_str())) } else { None };
    match cycle_through(ix, &h.from, &h.to, old) {
        Some(members) => Err(StoreError::Refused(vec![ValidationError::Cycle { members }])),
        None => Ok(()),
    }
}

/// Refuses an edit that would make the plan invalid, naming why.
pub fn check(plan: &Plan, ix: &Index, edit: &Edit) -> Result<(), StoreError> {
    match edit {
        Edit::AddInitiative(i) => {
            new_id("initiative", &i.id, &ix.initiatives)?;
            invalid(validate_initiative(i, ix))
        }
        Edit::UpdateInitiative(i) => {
            existing("initiative", &i.id, &ix.initiatives)?;
            invalid(validate_initiative(i, ix))
        }
        Edit::RemoveInitiative(id) => existing("initiative", id, &ix.initiatives),
        Edit::AddHandoff(h) => {
            if h.id.trim().is_empty() {
                return Err(StoreError::Refused(vec![ValidationError::EmptyId { kind: "handoff".into() }]));
            }
            if ix.handoffs.contains_key(&h.id) {
                return Err(StoreError::Refused(vec![ValidationError::DuplicateId { kind: "handoff".into(), id: h.id.clone() }]));
            }
            invalid(validate_handoff(h, ix))?;
            no_cycle(ix, h, false)
        }
        Edit::UpdateHandoff(h) => {
            if !ix.handoffs.contains_key(&h.id) {
                return Err(StoreError::Missing { kind: "handoff", id: h.id.clone() });
            }
            invalid(validate_handoff(h, ix))?;
            no_cycle(ix, h, true)
        }
        Edit::RemoveHandoff(id) => {
            if ix.handoffs.contains_key(id) {
                Ok(())
            } else {
                Err(StoreError::Missing { kind: "handoff", id: id.clone() })
            }
        }
        Edit::AddRisk(r) => {
            new_id("risk", &r.id, &ix.risks)?;
            invalid(validate_risk(r, ix))
        }
        Edit::UpdateRisk(r) => {
            existing("risk", &r.id, &ix.risks)?;
            invalid(validate_risk(r, ix))
        }
        Edit::RemoveRisk(id) => existing("risk", id, &ix.risks),
        Edit::AddTeam(t) => {
            new_id("team", &t.id, &ix.teams)?;
            invalid(validate_team(t))
        }
        Edit::UpdateTeam(t) => {
            existing("team", &t.id, &ix.teams)?;
            invalid(validate_team(t))
        }
        Edit::RemoveTeam(id) => {
            existing("team", id, &ix.teams)?;
            let users = plan
                .initiatives
                .iter()
                .filter(|i| i.team.as_deref() == Some(id) || i.effort.iter().any(|e| e.team == *id))
                .map(|i| format!("initiative '{}'", i.id))
                .collect();
            in_use("team", id, users)
        }
        Edit::AddSite(s) => {
            new_id("site", &s.id, &ix.sites)?;
            invalid(validate_site(s, ix))
        }
        Edit::UpdateSite(s) => {
            existing("site", &s.id, &ix.sites)?;
            invalid(validate_site(s, ix))
        }
        Edit::RemoveSite(id) => {
            existing("site", id, &ix.sites)?;
            let users =
                plan.initiatives.iter().filter(|i| i.site.as_deref() == Some(id)).map(|i| format!("initiative '{}'", i.id)).collect();
            in_use("site", id, users)
        }
        Edit::AddWave(w) => {
            new_id("wave", &w.id, &ix.waves)?;
            invalid(validate_wave(w))
        }
        Edit::UpdateWave(w) => {
            existing("wave", &w.id, &ix.waves)?;
            invalid(validate_wave(w))
        }
        Edit::RemoveWave(id) => {
            existing("wave", id, &ix.waves)?;
            let users = plan
                .sites
                .iter()
                .filter(|s| s.wave.as_deref() == Some(id))
                .map(|s| format!("site '{}'", s.id))
                .chain(plan.initiatives.iter().filter(|i| i.wave.as_deref() == Some(id)).map(|i| format!("initiative '{}'", i.id)))
                .collect();
            in_use("wave", id, users)
        }
        Edit::UpdatePlan { start, calendar, name } => {
            let mut errors = Vec::new();
            if name.trim().is_empty() {
                errors.push(ValidationError::EmptyField { kind: "plan".into(), id: "plan".into(), field: "name".into() });
            }
            if let Err(e) = calendar.anchored(*start) {
                errors.push(ValidationError::Calendar { reason: e.to_string() });
            }
            invalid(errors)
        }
    }
}

struct Journal<'a, 't> {
    tx: &'a Transaction<'t>,
    grp: i64,
    at: String,
}

impl Journal<'_, '_> {
    fn row<T: Serialize>(&self, op: &str, kind: &str, id: &str, before: Option<&T>, after: Option<&T>) -> Result<(), StoreError> {
        let json = |x: Option<&T>| x.map(|v| serde_json::to_string(v).unwrap_or_default());
        // The entity's place in its list, so that an undone removal puts it back there.
        let pos: Option<i64> = match kind {
            "plan" => None,
            table => self.tx.prepare_cached(&format!("SELECT seq FROM {table} WHERE id = ?1"))?.query_row([id], |r| r.get(0)).optional()?,
        };
        self.tx
            .prepare_cached(
                "INSERT INTO journal (grp, at, op, kind, entity_id, pos, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![self.grp, self.at, op, kind, id, pos, json(before), json(after)])?;
        Ok(())
    }
}

fn find<'p, T>(items: &'p [T], id: &str, key: impl Fn(&T) -> &str) -> Option<&'p T> {
    items.iter().find(|x| key(x) == id)
}

/// Writes a checked edit and its journal rows inside `tx`.
pub fn write(tx: &Transaction<'_>, plan: &Plan, edit: &Edit, seq: i64) -> Result<(), StoreError> {
    // A new edit ends what could be redone.
    tx.prepare_cached("DELETE FROM journal WHERE undone = 1")?.execute([])?;
    let j = Journal { tx, grp: seq, at: Utc::now().to_rfc3339() };
    match edit {
        Edit::AddInitiative(i) => {
            rows::upsert_initiative(tx, i, seq, false)?;
            j.row("add", "initiative", &i.id, None, Some(i))
        }
        Edit::UpdateInitiative(i) => {
            rows::upsert_initiative(tx, i, seq, true)?;
            j.row("update", "initiative", &i.id, find(&plan.initiatives, &i.id, |x| &x.id), Some(i))
        }
        Edit::RemoveInitiative(id) => {
            // Journal what the cascade takes with it, so an undo can put it all back.
            for h in plan.handoffs.iter().filter(|h| h.from == *id || h.to == *id) {
                j.row("remove", "handoff", &h.id, Some(h), None)?;
            }
            for r in plan.risks.iter().filter(|r| r.initiatives.contains(id)) {
                let mut after = r.clone();
                after.initiatives.retain(|x| x != id);
                j.row("update", "risk", &r.id, Some(r), Some(&after))?;
            }
            j.row("remove", "initiative", id, find(&plan.initiatives, id, |x| &x.id), None)?;
            rows::delete(tx, "initiative", id)
        }
        Edit::AddHandoff(h) => {
            rows::upsert_handoff(tx, h, seq)?;
            j.row("add", "handoff", &h.id, None, Some(h))
        }
        Edit::UpdateHandoff(h) => {
            rows::upsert_handoff(tx, h, seq)?;
            j.row("update", "handoff", &h.id, find(&plan.handoffs, &h.id, |x| &x.id), Some(h))
        }
        Edit::RemoveHandoff(id) => {
            j.row("remove", "handoff", id, find(&plan.handoffs, id, |x| &x.id), None)?;
            rows::delete(tx, "handoff", id)
        }
        Edit::AddRisk(r) => {
            rows::upsert_risk(tx, r, seq, false)?;
            j.row("add", "risk", &r.id, None, Some(r))
        }
        Edit::UpdateRisk(r) => {
            rows::upsert_risk(tx, r, seq, true)?;
            j.row("update", "risk", &r.id, find(&plan.risks, &r.id, |x| &x.id), Some(r))
        }
        Edit::RemoveRisk(id) => {
            j.row("remove", "risk", id, find(&plan.risks, id, |x| &x.id), None)?;
            rows::delete(tx, "risk", id)
        }
        Edit::AddTeam(t) | Edit::UpdateTeam(t) => {
            rows::upsert_team(tx, t, seq)?;
            let before = find(&plan.teams, &t.id, |x| &x.id);
            j.row(if before.is_some() { "update" } else { "add" }, "team", &t.id, before, Some(t))
        }
        Edit::RemoveTeam(id) => {
            j.row("remove", "team", id, find(&plan.teams, id, |x| &x.id), None)?;
            rows::delete(tx, "team", id)
        }
        Edit::AddSite(s) | Edit::UpdateSite(s) => {
            rows::upsert_site(tx, s, seq)?;
            let before = find(&plan.sites, &s.id, |x| &x.id);
            j.row(if before.is_some() { "update" } else { "add" }, "site", &s.id, before, Some(s))
        }
        Edit::RemoveSite(id) => {
            j.row("remove", "site", id, find(&plan.sites, id, |x| &x.id), None)?;
            rows::delete(tx, "site", id)
        }
        Edit::AddWave(w) | Edit::UpdateWave(w) => {
            rows::upsert_wave(tx, w, seq)?;
            let before = find(&plan.waves, &w.id, |x| &x.id);
            j.row(if before.is_some() { "update" } else { "add" }, "wave", &w.id, before, Some(w))
        }
        Edit::RemoveWave(id) => {
            j.row("remove", "wave", id, find(&plan.waves, id, |x| &x.id), None)?;
            rows::delete(tx, "wave", id)
        }
        Edit::UpdatePlan { name, start, calendar } => {
            let mut after = Plan::new(name, *start);
            after.calendar = calendar.clone();
            rows::write_meta(tx, &after)?;
            let before = serde_json::json!({"name": plan.name, "start": plan.start, "calendar": plan.calendar});
            let after = serde_json::json!({"name": name, "start": start, "calendar": calendar});
            j.row("update", "plan", "plan", Some(&before), Some(&after))
        }
    }
}

/// The things of a plan that live in a list under a unique id.
trait Keyed {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($t:ty),*) => {$(impl Keyed for $t { fn key(&self) -> &str { &self.id } })*};
}
keyed!(Initiative, Handoff, Risk, Team, Site, Wave);

/// Replaces the item with the same id in place (keeping its position), or appends it.
fn put<T: Keyed>(items: &mut Vec<T>, ids: &mut FxHashSet<String>, item: T) {
    ids.insert(item.key().to_string());
    match items.iter().position(|x| x.key() == item.key()) {
        Some(k) => items[k] = item,
        None => items.push(item),
    }
}

fn take<T: Keyed>(items: &mut Vec<T>, ids: &mut FxHashSet<String>, id: &str) {
    ids.remove(id);
    items.retain(|x| x.key() != id);
}

/// Mirrors a written edit in the plan and index kept in memory.
pub fn apply_in_memory(plan: &mut Plan, ix: &mut Index, edit: Edit) {
    match edit {
        Edit::AddInitiative(i) | Edit::UpdateInitiative(i) => put(&mut plan.initiatives, &mut ix.initiatives, i),
        Edit::RemoveInitiative(id) => {
            take(&mut plan.initiatives, &mut ix.initiatives, &id);
            for h in plan.handoffs.iter().filter(|h| h.from == id || h.to == id) {
                ix.remove_handoff(&h.id);
            }
            plan.handoffs.retain(|h| h.from != id && h.to != id);
            for r in &mut plan.risks {
                r.initiatives.retain(|x| *x != id);
            }
        }
        Edit::AddHandoff(h) | Edit::UpdateHandoff(h) => {
            ix.remove_handoff(&h.id);
            ix.add_handoff(&h);
            match plan.handoffs.iter().position(|x| x.id == h.id) {
                Some(k) => plan.handoffs[k] = h,
                None => plan.handoffs.push(h),
            }
        }
        Edit::RemoveHandoff(id) => {
            ix.remove_handoff(&id);
            plan.handoffs.retain(|x| x.id != id);
        }
        Edit::AddRisk(r) | Edit::UpdateRisk(r) => put(&mut plan.risks, &mut ix.risks, r),
        Edit::RemoveRisk(id) => take(&mut plan.risks, &mut ix.risks, &id),
        Edit::AddTeam(t) | Edit::UpdateTeam(t) => put(&mut plan.teams, &mut ix.teams, t),
        Edit::RemoveTeam(id) => take(&mut plan.teams, &mut ix.teams, &id),
        Edit::AddSite(x) | Edit::UpdateSite(x) => put(&mut plan.sites, &mut ix.sites, x),
        Edit::RemoveSite(id) => take(&mut plan.sites, &mut ix.sites, &id),
        Edit::AddWave(w) | Edit::UpdateWave(w) => put(&mut plan.waves, &mut ix.waves, w),
        Edit::RemoveWave(id) => take(&mut plan.waves, &mut ix.waves, &id),
        Edit::UpdatePlan { name, start, mut calendar } => {
            // As the file keeps them: one row per holiday, in date order.
            calendar.holidays.sort();
            calendar.holidays.dedup();
            plan.name = name;
            plan.start = start;
            plan.calendar = calendar;
        }
    }
}

/// Puts one journaled entity into the state `json` (None: absent) at list position `pos`.
fn restore(tx: &Transaction<'_>, kind: &str, id: &str, json: Option<&str>, pos: Option<i64>) -> Result<(), StoreError> {
    let bad = |what: &str| StoreError::BadRow { table: "journal".into(), id: id.to_string(), what: what.to_string() };
    let Some(json) = json else {
        return match kind {
            "initiative" | "handoff" | "risk" | "team" | "site" | "wave" => rows::delete(tx, kind, id),
            _ => Err(bad(&format!("kind '{kind}'"))),
        };
    };
    fn parse<T: serde::de::DeserializeOwned>(json: &str, bad: impl Fn(&str) -> StoreError) -> Result<T, StoreError> {
        serde_json::from_str(json).map_err(|e| bad(&format!("entry ({e})")))
    }
    let seq = pos.unwrap_or(0);
    match kind {
        "initiative" => rows::upsert_initiative(tx, &parse::<Initiative>(json, bad)?, seq, true),
        "handoff" => rows::upsert_handoff(tx, &parse::<Handoff>(json, bad)?, seq),
        "risk" => rows::upsert_risk(tx, &parse::<Risk>(json, bad)?, seq, true),
        "team" => rows::upsert_team(tx, &parse::<Team>(json, bad)?, seq),
        "site" => rows::upsert_site(tx, &parse::<Site>(json, bad)?, seq),
        "wave" => rows::upsert_wave(tx, &parse::<Wave>(json, bad)?, seq),
        "plan" => {
            #[derive(Deserialize)]
            struct Meta {
                name: String,
                start: chrono::NaiveDate,
                calendar: Calendar,
            }
            let m: Meta = parse(json, bad)?;
            let mut p = Plan::new(&m.name, m.start);
            p.calendar = m.calendar;
            rows::write_meta(tx, &p)
        }
        other => Err(bad(&format!("kind '{other}'"))),
    }
}

/// Which way to move through the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

/// What one journaled edit did, to tell a person what undo or redo changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EditSummary {
    /// `add`, `update` or `remove`.
    pub op: String,
    /// `initiative`, `handoff`, `risk`, `team`, `site`, `wave` or `plan`.
    pub kind: String,
    pub id: String,
}

impl std::fmt::Display for EditSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.kind == "plan" {
            write!(f, "{} of the plan's name, start or calendar", self.op)
        } else {
            write!(f, "{} {} '{}'", self.op, self.kind, self.id)
        }
    }
}

/// Undoes the last edit not undone, or redoes the first undone one, inside `tx`.
/// Returns what it was, or None when there is nothing to undo or redo.
pub fn step(tx: &Transaction<'_>, dir: Direction) -> Result<Option<EditSummary>, StoreError> {
    let (pick, order, undone) = match dir {
        Direction::Undo => ("SELECT MAX(grp) FROM journal WHERE undone = 0", "DESC", 1),
        Direction::Redo => ("SELECT MIN(grp) FROM journal WHERE undone = 1", "ASC", 0),
    };
    let Some(grp): Option<i64> = tx.query_row(pick, [], |r| r.get(0))? else {
        return Ok(None);
    };
    // The edit's own row is journaled last, after what its cascade took with it.
    let summary = tx.query_row("SELECT op, kind, entity_id FROM journal WHERE grp = ?1 ORDER BY seq DESC LIMIT 1", [grp], |r| {
        Ok(EditSummary { op: r.get(0)?, kind: r.get(1)?, id: r.get(2)? })
    })?;
    let entries: Vec<(String, String, Option<i64>, Option<String>, Option<String>)> = {
        let mut st = tx.prepare(&format!("SELECT kind, entity_id, pos, before, after FROM journal WHERE grp = ?1 ORDER BY seq {order}"))?;
        let rows = st.query_map([grp], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (kind, id, pos, before, after) in &entries {
        let state = if dir == Direction::Undo { before } else { after };
        restore(tx, kind, id, state.as_deref(), *pos)?;
    }
    tx.execute("UPDATE journal SET undone = ?1 WHERE grp = ?2", params![undone, grp])?;
    Ok(Some(summary))
}
