//! Rows <-> model types of the strategic priorities (issue 29): the priorities, what each
//! initiative serves and its deferral, in tables of their own (`schema::PRIORITIES`), so that
//! the initiative's own row reads as it did and a file of an older schema reads without them.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::Col::{Date, Int, OptDate, Text};
use super::{bad, collect, date_text, first_refused, one, sql_for, suspects, Col, Fields, Write};
use crate::model::{Deferral, Initiative, Plan, Priority};
use crate::store::StoreError;

const PRIORITY: &str = "SELECT id, name, owner, rank, target, description FROM priority";
const PRIORITY_COLS: &[Col] = &[Text, Text, Text, Int, OptDate, Text];
const SERVES: &str = "SELECT initiative_id, priority_id FROM serves ORDER BY initiative_id, pos";
const SERVES_COLS: &[Col] = &[Text, Text];
const DEFERRAL: &str = "SELECT initiative_id, since, reason FROM deferral";
const DEFERRAL_COLS: &[Col] = &[Text, Date, Text];

/// Whether the file has the tables of priorities (a file of an older schema, read without
/// being upgraded, has none: its plan has no priorities and nothing deferred).
fn has_priorities(c: &Connection) -> Result<bool, StoreError> {
    Ok(c.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'priority'")?
        .query_row([], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn put_priority(c: &Connection, p: &Priority, seq: i64, w: Write) -> Result<(), StoreError> {
    c.prepare_cached(&sql_for(
        w,
        "INSERT INTO priority (id, seq, name, owner, rank, target, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "name = excluded.name, owner = excluded.owner, rank = excluded.rank, target = excluded.target, description = excluded.description",
    ))?
    .execute(params![p.id, seq, p.name, p.owner, p.rank, date_text(p.target), p.description])?;
    Ok(())
}

/// Writes what an initiative serves and its deferral (replacing the old ones).
pub(super) fn put_serves_and_deferral(c: &Connection, i: &Initiative, w: Write) -> Result<(), StoreError> {
    if w == Write::Upsert {
        c.prepare_cached("DELETE FROM serves WHERE initiative_id = ?1")?.execute([&i.id])?;
        c.prepare_cached("DELETE FROM deferral WHERE initiative_id = ?1")?.execute([&i.id])?;
    }
    if !i.serves.is_empty() {
        let mut st = c.prepare_cached("INSERT INTO serves (initiative_id, priority_id, pos) VALUES (?1, ?2, ?3)")?;
        for (k, p) in i.serves.iter().enumerate() {
            st.execute(params![i.id, p, k as i64])?;
        }
    }
    if let Some(d) = &i.deferred {
        c.prepare_cached("INSERT INTO deferral (initiative_id, since, reason) VALUES (?1, ?2, ?3)")?.execute(params![
            i.id,
            d.since.format("%Y-%m-%d").to_string(),
            d.reason
        ])?;
    }
    Ok(())
}

fn priority(r: &Row<'_>) -> Result<Priority, StoreError> {
    let f = Fields::of(r, "priority")?;
    Ok(Priority { name: f.get(1)?, owner: f.get(2)?, rank: f.get(3)?, target: f.date(4)?, description: f.get(5)?, id: f.id })
}

/// One priority an initiative serves: (initiative id, priority id).
fn serves_row(r: &Row<'_>) -> Result<(String, String), StoreError> {
    let f = Fields::of(r, "serves")?;
    Ok((f.id.clone(), f.get::<String>(1)?))
}

/// One deferral: (initiative id, deferral).
fn deferral_row(r: &Row<'_>) -> Result<(String, Deferral), StoreError> {
    let f = Fields::of(r, "deferral")?;
    let since = f.date(1)?.ok_or_else(|| bad("deferral", &f.id, "field 'since' is empty"))?;
    Ok((f.id.clone(), Deferral { since, reason: f.get(2)? }))
}

/// Every priority's (id, rank), in list order: what the rule of unique ranks reads.
pub fn ranks(c: &Connection) -> Result<Vec<(String, i32)>, StoreError> {
    collect(c, "SELECT id, rank FROM priority ORDER BY seq", [], |r| {
        let f = Fields::of(r, "priority")?;
        Ok((f.id.clone(), f.get(1)?))
    })
}

pub fn read_priority(c: &Connection, id: &str) -> Result<Option<Priority>, StoreError> {
    one(c, PRIORITY, id, priority)
}

/// Gives an initiative read alone what it serves and its deferral.
pub(super) fn serves_and_deferral_of(c: &Connection, i: &mut Initiative) -> Result<(), StoreError> {
    i.serves = collect(c, "SELECT initiative_id, priority_id FROM serves WHERE initiative_id = ?1 ORDER BY pos", [&i.id], |r| {
        Ok(serves_row(r)?.1)
    })?;
    i.deferred = collect(c, &format!("{DEFERRAL} WHERE initiative_id = ?1"), [&i.id], deferral_row)?.pop().map(|(_, d)| d);
    Ok(())
}

fn served_by_no_initiative(initiative: &str, priority: &str) -> StoreError {
    bad("serves", initiative, &format!("ties priority '{priority}' to an initiative that does not exist"))
}

fn deferral_of_no_initiative(initiative: &str) -> StoreError {
    bad("deferral", initiative, "defers an initiative that does not exist")
}

/// The priorities of the plan, and what each initiative serves and its deferral (read after
/// the initiatives). A priority an initiative names that does not exist is kept, for
/// validation to name; a row of no initiative has nowhere to go and is an error.
pub(super) fn read_priorities(c: &Connection, plan: &mut Plan) -> Result<(), StoreError> {
    if !has_priorities(c)? {
        return Ok(());
    }
    plan.priorities = collect(c, &format!("{PRIORITY} ORDER BY seq"), [], priority)?;
    let serves = collect(c, SERVES, [], serves_row)?;
    let deferrals = collect(c, DEFERRAL, [], deferral_row)?;
    if serves.is_empty() && deferrals.is_empty() {
        return Ok(());
    }
    let by_id: rustc_hash::FxHashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut placed = Vec::with_capacity(serves.len());
    for (iid, pid) in serves {
        match by_id.get(iid.as_str()) {
            Some(&k) => placed.push((k, pid)),
            None => return Err(served_by_no_initiative(&iid, &pid)),
        }
    }
    let mut deferred = Vec::with_capacity(deferrals.len());
    for (iid, d) in deferrals {
        match by_id.get(iid.as_str()) {
            Some(&k) => deferred.push((k, d)),
            None => return Err(deferral_of_no_initiative(&iid)),
        }
    }
    drop(by_id);
    for (k, pid) in placed {
        plan.initiatives[k].serves.push(pid);
    }
    for (k, d) in deferred {
        plan.initiatives[k].deferred = Some(d);
    }
    Ok(())
}

/// `verify`'s part for the tables of priorities, in `read_priorities`' order: the priorities,
/// what work serves, the deferrals (each scanned for values the readers refuse, and for rows
/// of no initiative).
pub(super) fn verify_priorities(c: &Connection) -> Result<(), StoreError> {
    if !has_priorities(c)? {
        return Ok(());
    }
    c.prepare(&format!("{PRIORITY} ORDER BY seq"))?;
    first_refused(c, &suspects(PRIORITY, PRIORITY_COLS, None, "seq"), priority)?;
    let serves_sql = SERVES.split(" ORDER BY ").next().unwrap_or(SERVES);
    c.prepare(SERVES)?;
    first_refused(c, &suspects(serves_sql, SERVES_COLS, None, "initiative_id, pos"), serves_row)?;
    c.prepare(DEFERRAL)?;
    first_refused(c, &suspects(DEFERRAL, DEFERRAL_COLS, None, "initiative_id"), deferral_row)?;
    first_refused(
        c,
        "SELECT initiative_id, priority_id FROM serves WHERE initiative_id NOT IN (SELECT id FROM initiative) ORDER BY initiative_id, pos",
        |r| {
            let (iid, pid) = serves_row(r)?;
            Err::<(), _>(served_by_no_initiative(&iid, &pid))
        },
    )?;
    first_refused(
        c,
        "SELECT initiative_id FROM deferral WHERE initiative_id NOT IN (SELECT id FROM initiative) ORDER BY initiative_id",
        |r| Err::<(), _>(deferral_of_no_initiative(&Fields::of(r, "deferral")?.id)),
    )
}
