//! Rows <-> model of an initiative's definition of done (`Initiative::done_when`), in a table
//! of its own (`schema::DONE_WHEN`): the initiative's own row reads as it did, a file of an
//! older schema reads with no definition of done, and only work that has one takes a row.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::Col::Text;
use super::{bad, collect, first_refused, suspects, Col, Fields, Write};
use crate::model::{Initiative, Plan};
use crate::store::StoreError;

const DONE_WHEN: &str = "SELECT initiative_id, done_when FROM done_when";
const DONE_WHEN_COLS: &[Col] = &[Text, Text];

/// Whether the file has the table (a file of an older schema, read without being upgraded,
/// has none: no initiative of it has a definition of done).
fn has_done_when(c: &Connection) -> Result<bool, StoreError> {
    Ok(c.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'done_when'")?
        .query_row([], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Writes an initiative's definition of done (replacing the old one; none when empty).
pub(super) fn put_done_when(c: &Connection, i: &Initiative, w: Write) -> Result<(), StoreError> {
    if w == Write::Upsert {
        c.prepare_cached("DELETE FROM done_when WHERE initiative_id = ?1")?.execute([&i.id])?;
    }
    if !i.done_when.is_empty() {
        c.prepare_cached("INSERT INTO done_when (initiative_id, done_when) VALUES (?1, ?2)")?.execute(params![i.id, i.done_when])?;
    }
    Ok(())
}

/// One row: (initiative id, its definition of done).
fn row(r: &Row<'_>) -> Result<(String, String), StoreError> {
    let f = Fields::of(r, "done_when")?;
    Ok((f.id.clone(), f.get(1)?))
}

fn of_no_initiative(initiative: &str) -> StoreError {
    bad("done_when", initiative, "defines done for an initiative that does not exist")
}

/// Gives an initiative read alone its definition of done.
pub(super) fn done_when_of(c: &Connection, i: &mut Initiative) -> Result<(), StoreError> {
    if !has_done_when(c)? {
        return Ok(());
    }
    i.done_when = collect(c, &format!("{DONE_WHEN} WHERE initiative_id = ?1"), [&i.id], row)?.pop().map(|(_, d)| d).unwrap_or_default();
    Ok(())
}

/// Every initiative's definition of done (read after the initiatives); a row of no initiative
/// has nowhere to go and is an error.
pub(super) fn read_done_when(c: &Connection, plan: &mut Plan) -> Result<(), StoreError> {
    if !has_done_when(c)? {
        return Ok(());
    }
    let rows = collect(c, DONE_WHEN, [], row)?;
    if rows.is_empty() {
        return Ok(());
    }
    let by_id: rustc_hash::FxHashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut placed = Vec::with_capacity(rows.len());
    for (iid, text) in rows {
        match by_id.get(iid.as_str()) {
            Some(&k) => placed.push((k, text)),
            None => return Err(of_no_initiative(&iid)),
        }
    }
    drop(by_id);
    for (k, text) in placed {
        plan.initiatives[k].done_when = text;
    }
    Ok(())
}

/// `verify`'s part for the table: values the reader refuses, and rows of no initiative.
pub(super) fn verify_done_when(c: &Connection) -> Result<(), StoreError> {
    if !has_done_when(c)? {
        return Ok(());
    }
    c.prepare(DONE_WHEN)?;
    first_refused(c, &suspects(DONE_WHEN, DONE_WHEN_COLS, None, "initiative_id"), row)?;
    first_refused(
        c,
        "SELECT initiative_id FROM done_when WHERE initiative_id NOT IN (SELECT id FROM initiative) ORDER BY initiative_id",
        |r| Err::<(), _>(of_no_initiative(&Fields::of(r, "done_when")?.id)),
    )
}
