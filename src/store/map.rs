//! The last layout the window drew in each arrangement, kept in the plan file so that a plan
//! reopened shows the same map as when it was closed. A layout depends on the layouts before
//! it (an edit moves few cards), so a fresh layout of the same plan differs; this row is what
//! the window starts from instead.
//!
//! One row per arrangement, replaced by each save, with the fingerprint of the plan it was
//! computed from (`model::layout_fingerprint`). Saving is not an edit: it is not journaled
//! and counts no revision. It is a cache: a row that cannot be read is no layout.

use rusqlite::{params, Connection, OptionalExtension};

use super::StoreError;
use crate::layout::{Arrangement, Layout};

fn key(arrangement: Arrangement) -> &'static str {
    match arrangement {
        Arrangement::Flow => "flow",
        Arrangement::Seams => "seams",
    }
}

/// Keeps `layout` (drawn from a plan of `fingerprint`) as the last one of its arrangement.
pub(super) fn save(c: &Connection, fingerprint: &str, layout: &Layout) -> Result<(), StoreError> {
    let json = serde_json::to_string(layout).map_err(|e| super::rows::bad("map", key(layout.arrangement), &e.to_string()))?;
    c.prepare_cached(
        "INSERT INTO map (arrangement, fingerprint, layout) VALUES (?1, ?2, ?3)
         ON CONFLICT(arrangement) DO UPDATE SET fingerprint = excluded.fingerprint, layout = excluded.layout",
    )?
    .execute(params![key(layout.arrangement), fingerprint, json])?;
    Ok(())
}

/// The last layout kept for `arrangement` and the fingerprint of its plan; None when there is
/// none or it cannot be read (kept by another version, damaged): the window lays out afresh.
pub(super) fn load(c: &Connection, arrangement: Arrangement) -> Result<Option<(String, Layout)>, StoreError> {
    let row = c
        .prepare_cached("SELECT fingerprint, layout FROM map WHERE arrangement = ?1")?
        .query_row([key(arrangement)], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .optional()?;
    Ok(row.and_then(|(f, json)| {
        let layout: Layout = serde_json::from_str(&json).ok()?;
        (layout.arrangement == arrangement).then_some((f, layout))
    }))
}
