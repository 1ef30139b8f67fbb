//! Rows <-> model of pinned dates (issue 30): an initiative's pinned start or finish, in a
//! table of its own (`schema::PINNED`), so that the initiative's row reads as it did and a
//! file of an older schema reads without pins.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::Col::{Date, Text};
use super::{bad, collect, first_refused, suspects, Col, Fields, Write};
use crate::model::{Initiative, Pin, PinAt, PinSource, Plan};
use crate::store::StoreError;

const PIN: &str = "SELECT initiative_id, at, date, source FROM pin";
const PIN_COLS: &[Col] = &[Text, Text, Date, Text];

/// Whether the file has the table of pins (a file of an older schema, read without being
/// upgraded, has none: nothing in it is pinned).
fn has_pins(c: &Connection) -> Result<bool, StoreError> {
    Ok(c.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pin'")?
        .query_row([], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Writes an initiative's pin (replacing the old one).
pub(super) fn put_pin(c: &Connection, i: &Initiative, w: Write) -> Result<(), StoreError> {
    if w == Write::Upsert {
        c.prepare_cached("DELETE FROM pin WHERE initiative_id = ?1")?.execute([&i.id])?;
    }
    if let Some(p) = &i.pinned {
        c.prepare_cached("INSERT INTO pin (initiative_id, at, date, source) VALUES (?1, ?2, ?3, ?4)")?.execute(params![
            i.id,
            p.at.as_str(),
            p.date.format("%Y-%m-%d").to_string(),
            p.source.as_str()
        ])?;
    }
    Ok(())
}

/// One pin: (initiative id, pin).
fn pin_row(r: &Row<'_>) -> Result<(String, Pin), StoreError> {
    let f = Fields::of(r, "pin")?;
    let at = f.text(1)?;
    let at = PinAt::parse(at).ok_or_else(|| bad("pin", &f.id, &format!("field 'at' holds '{at}', not start or finish")))?;
    let date = f.date(2)?.ok_or_else(|| bad("pin", &f.id, "field 'date' is empty"))?;
    let source = f.text(3)?;
    let source = PinSource::parse(source).ok_or_else(|| bad("pin", &f.id, &format!("field 'source' holds '{source}'")))?;
    Ok((f.id.clone(), Pin { at, date, source }))
}

/// Gives an initiative read alone its pin.
pub(super) fn pin_of(c: &Connection, i: &mut Initiative) -> Result<(), StoreError> {
    if !has_pins(c)? {
        return Ok(());
    }
    i.pinned = collect(c, &format!("{PIN} WHERE initiative_id = ?1"), [&i.id], pin_row)?.pop().map(|(_, p)| p);
    Ok(())
}

fn pin_of_no_initiative(initiative: &str) -> StoreError {
    bad("pin", initiative, "pins an initiative that does not exist")
}

/// Each initiative's pin (read after the initiatives); a pin of no initiative is an error.
pub(super) fn read_pins(c: &Connection, plan: &mut Plan) -> Result<(), StoreError> {
    if !has_pins(c)? {
        return Ok(());
    }
    let pins = collect(c, PIN, [], pin_row)?;
    if pins.is_empty() {
        return Ok(());
    }
    let by_id: rustc_hash::FxHashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut placed = Vec::with_capacity(pins.len());
    for (iid, p) in pins {
        match by_id.get(iid.as_str()) {
            Some(&k) => placed.push((k, p)),
            None => return Err(pin_of_no_initiative(&iid)),
        }
    }
    drop(by_id);
    for (k, p) in placed {
        plan.initiatives[k].pinned = Some(p);
    }
    Ok(())
}

/// `verify`'s part for the table of pins: values the reader refuses, rows of no initiative.
pub(super) fn verify_pins(c: &Connection) -> Result<(), StoreError> {
    if !has_pins(c)? {
        return Ok(());
    }
    c.prepare(PIN)?;
    first_refused(c, &suspects(PIN, PIN_COLS, None, "initiative_id"), pin_row)?;
    first_refused(
        c,
        "SELECT initiative_id, at, date, source FROM pin WHERE initiative_id NOT IN (SELECT id FROM initiative) ORDER BY initiative_id",
        |r| Err::<(), _>(pin_of_no_initiative(&Fields::of(r, "pin")?.id)),
    )
}
