//! Baselines kept in the plan file (`baseline`, schema 6): the plan as it was at a review,
//! the dates of its schedule and the forecast kept then if it was current, under a unique
//! name, with the time it was kept and the status date then. Keeping one is not an edit: no
//! journal, no revision, so undo and redo of later edits leave every baseline as it is.
//!
//! The plan, the dates and the forecast are each JSON compressed with deflate (flate2's pure
//! Rust backend): a plan's JSON repeats its field names and ids, which deflate shrinks about
//! tenfold, so a baseline of a 20,000-initiative plan is well under 2 MB. The plan is NULL
//! for a baseline imported with dates only.

use std::io::{Read, Write};
use std::path::Path;

use chrono::NaiveDate;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::rows::bad;
use super::StoreError;
use crate::drift::{Baseline, BaselineDates, BaselineSchedule};
use crate::model::Plan;
use crate::schedule::SimulationResults;

/// What `bridger baselines` lists of one: no plan, no dates.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineInfo {
    pub name: String,
    pub created: String,
    pub status_date: Option<NaiveDate>,
    pub of_record: bool,
    pub initiatives: i64,
    /// Whether it keeps the plan (else dates only: its moves have no causes).
    pub has_plan: bool,
    /// Bytes it takes in the file (its three compressed parts).
    pub bytes: i64,
}

/// The dates as kept: `[id, start, finish]` per initiative, compact.
#[derive(Serialize, Deserialize)]
struct Dates {
    start: NaiveDate,
    finish: NaiveDate,
    initiatives: Vec<(String, NaiveDate, NaiveDate)>,
}

fn pack<T: Serialize>(value: &T, name: &str) -> Result<Vec<u8>, StoreError> {
    // Written whole, then compressed in one call: serde's many small writes each cost the
    // encoder a call (2 s on a 20,000-initiative plan against 0.1 s).
    let json = serde_json::to_vec(value).map_err(|e| bad("baseline", name, &format!("cannot be written ({e})")))?;
    let mut z = DeflateEncoder::new(Vec::with_capacity(json.len() / 8), Compression::fast());
    z.write_all(&json).and_then(|()| z.finish()).map_err(|e| bad("baseline", name, &format!("cannot be written ({e})")))
}

fn unpack<T: serde::de::DeserializeOwned>(bytes: &[u8], name: &str, part: &str) -> Result<T, StoreError> {
    let mut text = Vec::new();
    DeflateDecoder::new(bytes).read_to_end(&mut text).map_err(|e| bad("baseline", name, &format!("its {part} cannot be read ({e})")))?;
    serde_json::from_slice(&text).map_err(|e| bad("baseline", name, &format!("its {part} cannot be read ({e})")))
}

/// A status date as kept (ISO); one that cannot be read is none.
fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

fn version(c: &Connection) -> Result<i32, StoreError> {
    Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// The first schema version with baselines.
pub(super) const SINCE: i32 = 6;

/// Keeps `b` under its name; an existing one of that name only when `force` (it stays the
/// baseline of record if it was). The first baseline of a plan is its baseline of record.
pub(super) fn keep(c: &Connection, b: &Baseline, force: bool) -> Result<(), StoreError> {
    let exists: Option<bool> =
        c.prepare_cached("SELECT of_record FROM baseline WHERE name = ?1")?.query_row([&b.name], |r| r.get(0)).optional()?;
    if exists.is_some() && !force {
        return Err(StoreError::Taken { kind: "baseline", id: b.name.clone() });
    }
    let any_record: bool =
        c.query_row("SELECT EXISTS (SELECT 1 FROM baseline WHERE of_record = 1 AND name <> ?1)", [&b.name], |r| r.get(0))?;
    let of_record = exists.unwrap_or(false) || !any_record;
    let plan = b.plan.as_ref().map(|p| pack(p, &b.name)).transpose()?;
    let dates = Dates {
        start: b.schedule.start,
        finish: b.schedule.finish,
        initiatives: b.schedule.initiatives.iter().map(|d| (d.id.clone(), d.start, d.finish)).collect(),
    };
    let dates = pack(&dates, &b.name)?;
    let forecast = b.forecast.as_ref().map(|f| pack(f, &b.name)).transpose()?;
    c.execute("DELETE FROM baseline WHERE name = ?1", [&b.name])?;
    c.prepare_cached(
        "INSERT INTO baseline (name, created, status_date, of_record, initiatives, plan, dates, forecast)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        b.name,
        b.created,
        b.status_date.map(|d| d.to_string()),
        of_record,
        b.schedule.initiatives.len() as i64,
        plan,
        dates,
        forecast
    ])?;
    Ok(())
}

/// Deletes a baseline. When it was the baseline of record, the earliest left takes its place.
pub(super) fn delete(c: &Connection, name: &str) -> Result<(), StoreError> {
    if c.execute("DELETE FROM baseline WHERE name = ?1", [name])? == 0 {
        return Err(StoreError::Missing { kind: "baseline", id: name.to_string() });
    }
    c.execute(
        "UPDATE baseline SET of_record = 1 WHERE NOT EXISTS (SELECT 1 FROM baseline WHERE of_record = 1)
         AND rowid = (SELECT rowid FROM baseline ORDER BY created, rowid LIMIT 1)",
        [],
    )?;
    Ok(())
}

/// Marks `name` the baseline of record (and no other).
pub(super) fn set_of_record(c: &Connection, name: &str) -> Result<(), StoreError> {
    if c.execute("UPDATE baseline SET of_record = 1 WHERE name = ?1", [name])? == 0 {
        return Err(StoreError::Missing { kind: "baseline", id: name.to_string() });
    }
    c.execute("UPDATE baseline SET of_record = 0 WHERE name <> ?1", [name])?;
    Ok(())
}

/// Every baseline, oldest first.
pub(super) fn list(c: &Connection) -> Result<Vec<BaselineInfo>, StoreError> {
    if version(c)? < SINCE {
        return Ok(Vec::new());
    }
    let mut st = c.prepare_cached(
        "SELECT name, created, status_date, of_record, initiatives, plan IS NOT NULL,
                COALESCE(length(plan), 0) + length(dates) + COALESCE(length(forecast), 0)
         FROM baseline ORDER BY created, rowid",
    )?;
    let rows = st.query_map([], |r| {
        Ok(BaselineInfo {
            name: r.get(0)?,
            created: r.get(1)?,
            status_date: date(r.get(2)?),
            of_record: r.get(3)?,
            initiatives: r.get(4)?,
            has_plan: r.get(5)?,
            bytes: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The baseline named `name`, or the latest kept when None; None when there is none.
pub(super) fn load(c: &Connection, name: Option<&str>) -> Result<Option<Baseline>, StoreError> {
    if version(c)? < SINCE {
        return Ok(None);
    }
    let sql = "SELECT name, created, status_date, of_record, plan, dates, forecast FROM baseline";
    let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<_> {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            date(r.get::<_, Option<String>>(2)?),
            r.get::<_, bool>(3)?,
            r.get::<_, Option<Vec<u8>>>(4)?,
            r.get::<_, Vec<u8>>(5)?,
            r.get::<_, Option<Vec<u8>>>(6)?,
        ))
    };
    let row = match name {
        Some(n) => c.prepare_cached(&format!("{sql} WHERE name = ?1"))?.query_row([n], map).optional()?,
        None => c.prepare_cached(&format!("{sql} ORDER BY created DESC, rowid DESC LIMIT 1"))?.query_row([], map).optional()?,
    };
    let Some((name, created, status_date, of_record, plan, dates, forecast)) = row else { return Ok(None) };
    let plan: Option<Plan> = plan.map(|p| unpack(&p, &name, "plan")).transpose()?;
    let dates: Dates = unpack(&dates, &name, "dates")?;
    // A forecast of a shape this Bridger cannot read is no forecast (the P80 change is null).
    let forecast: Option<SimulationResults> = forecast.and_then(|f| unpack(&f, &name, "forecast").ok());
    let schedule = BaselineSchedule {
        start: dates.start,
        finish: dates.finish,
        initiatives: dates.initiatives.into_iter().map(|(id, start, finish)| BaselineDates { id, start, finish }).collect(),
    };
    Ok(Some(Baseline { name, created, status_date, of_record, plan, schedule, forecast }))
}

/// The dates of the baseline of record (the approved plan; MS Project's Baseline0), without
/// its plan or forecast; None when none is kept.
pub(super) fn of_record(c: &Connection) -> Result<Option<Baseline>, StoreError> {
    if version(c)? < SINCE {
        return Ok(None);
    }
    let name: Option<String> = c.query_row("SELECT name FROM baseline WHERE of_record = 1 LIMIT 1", [], |r| r.get(0)).optional()?;
    let Some(name) = name else { return Ok(None) };
    // Its dates only: the plan and the forecast it keeps are not needed for variances, and a
    // large plan's snapshot costs its unpacking on every view.
    let row: Option<(String, Option<String>, Vec<u8>)> = c
        .query_row("SELECT created, status_date, dates FROM baseline WHERE name = ?1", [&name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((created, status_date, dates)) = row else { return Ok(None) };
    let dates: Dates = unpack(&dates, &name, "dates")?;
    let schedule = BaselineSchedule {
        start: dates.start,
        finish: dates.finish,
        initiatives: dates.initiatives.into_iter().map(|(id, start, finish)| BaselineDates { id, start, finish }).collect(),
    };
    Ok(Some(Baseline { name, created, status_date: date(status_date), of_record: true, plan: None, schedule, forecast: None }))
}

// ---------------------------------------------------------------------------------------
// Reading a plan file's baselines without writing (`store::read_only`)

/// The baselines kept in the plan file at `path`, oldest first, read without writing.
pub fn read_baselines(path: &Path) -> Result<Vec<BaselineInfo>, StoreError> {
    super::read_only(path, list)
}

/// The baseline `name` of the plan file at `path` (the latest when None; None when there is
/// none), read without writing.
pub fn read_baseline(path: &Path, name: Option<&str>) -> Result<Option<Baseline>, StoreError> {
    super::read_only(path, |c| load(c, name))
}

/// Every baseline of the plan file at `path`, whole, oldest first, read without writing.
pub fn read_all_baselines(path: &Path) -> Result<Vec<crate::drift::Baseline>, StoreError> {
    super::read_only(path, |c| {
        let mut out = Vec::new();
        for info in list(c)? {
            out.extend(load(c, Some(&info.name))?);
        }
        Ok(out)
    })
}

/// The baseline of record of the plan file at `path` (None when it keeps none), read without
/// writing.
pub fn read_baseline_of_record(path: &Path) -> Result<Option<crate::drift::Baseline>, StoreError> {
    super::read_only(path, of_record)
}
