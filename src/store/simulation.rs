//! The last simulation's results, kept in the plan file so that the app and the PDF brief
//! show them without running again, and know when the plan has changed since.
//!
//! One row (`simulation`), replaced by each save. Saving is not an edit of the plan: it is
//! not journaled and cannot be undone. The plan row's `revision` counts every committed
//! edit, batch, undo and redo; results saved with an earlier revision are stale.
//!
//! This module is the one writer and the one reader of the kept results
//! (`schedule::SimulationResults`, a versioned shape): results of an older shape read as
//! they are, results of a newer Bridger (or that are not that shape at all) are kept in the
//! file untouched and read as a message saying why they cannot be shown.

use std::path::Path;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};

use super::rows::bad;
use super::StoreError;
use crate::model::Distribution;
use crate::schedule::{SimulationResults, RESULTS_FORMAT};

/// The results of the last simulation run on a plan, as the file keeps them.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSimulation {
    pub seed: u64,
    pub iterations: u32,
    pub distribution: Distribution,
    /// When it ran (RFC 3339, UTC). Empty when saving means now.
    pub at: String,
    /// The plan's revision the results were computed on (`Editor::revision`, noted before
    /// reading the plan that was simulated).
    pub revision: i64,
    /// Whether an edit, undo or redo was committed after that revision. Worked out when
    /// the results are read; ignored when they are saved.
    pub stale: bool,
    /// The figures; `Err` says why results in the file cannot be read (kept by a newer
    /// Bridger, or not results at all). Saving an `Err` is refused.
    pub results: Result<SimulationResults, String>,
}

/// Reads kept results: a missing `format` is the first shape; a newer one is not read.
fn parse_results(text: &str) -> Result<SimulationResults, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let format = value.get("format").and_then(serde_json::Value::as_u64).unwrap_or(1);
    if format > u64::from(RESULTS_FORMAT) {
        return Err(format!("kept by a newer Bridger (results format {format}; this one reads up to {RESULTS_FORMAT})"));
    }
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// The plan's revision. A file of version 2 or older has none: 0.
pub(super) fn revision(c: &Connection) -> Result<i64, StoreError> {
    if version(c)? < 3 {
        return Ok(0);
    }
    Ok(c.prepare_cached("SELECT revision FROM plan WHERE id = 1")?.query_row([], |r| r.get(0)).optional()?.unwrap_or(0))
}

fn version(c: &Connection) -> Result<i32, StoreError> {
    Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Saves `sim` in place of the kept run, unless the kept run was computed on a later
/// revision of the plan (a slow run started before an edit finishing after a quick one
/// started after it): results of an older plan never replace those of a newer one. Whether
/// it was saved.
pub(super) fn save(c: &Connection, sim: &StoredSimulation) -> Result<bool, StoreError> {
    let at = if sim.at.is_empty() { Utc::now().to_rfc3339() } else { sim.at.clone() };
    let results = sim.results.as_ref().map_err(|why| bad("simulation", "1", &format!("results cannot be written ({why})")))?;
    let results = serde_json::to_string(results).map_err(|e| bad("simulation", "1", &format!("results cannot be written ({e})")))?;
    let changed = c
        .prepare_cached(
            "INSERT INTO simulation (id, seed, iterations, distribution, at, revision, results) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(id) DO UPDATE SET seed = excluded.seed, iterations = excluded.iterations, distribution = excluded.distribution,
             at = excluded.at, revision = excluded.revision, results = excluded.results
         WHERE excluded.revision >= simulation.revision",
        )?
        // SQLite integers are signed: the seed's 64 bits are kept as they are.
        .execute(params![sim.seed as i64, sim.iterations, sim.distribution.as_str(), at, sim.revision, results])?;
    Ok(changed == 1)
}

pub(super) fn load(c: &Connection) -> Result<Option<StoredSimulation>, StoreError> {
    // A file not yet upgraded (read without writing) has no results.
    if version(c)? < 3 {
        return Ok(None);
    }
    let now = revision(c)?;
    let row = c
        .prepare_cached("SELECT seed, iterations, distribution, at, revision, results FROM simulation WHERE id = 1")?
        .query_row([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .optional()?;
    let Some((seed, iterations, distribution, at, revision, results)) = row else { return Ok(None) };
    let iterations = u32::try_from(iterations).map_err(|_| bad("simulation", "1", &format!("field 'iterations' holds {iterations}")))?;
    let distribution = Distribution::parse(&distribution)
        .ok_or_else(|| bad("simulation", "1", &format!("field 'distribution' holds '{distribution}'")))?;
    let results = parse_results(&results);
    Ok(Some(StoredSimulation { seed: seed as u64, iterations, distribution, at, revision, stale: revision != now, results }))
}

/// The last simulation saved in the plan file at `path`, read without writing anything
/// (as [`super::read`]); None when there is none, or the file predates stored results.
pub fn read_simulation(path: &Path) -> Result<Option<StoredSimulation>, StoreError> {
    super::read_only(path, load)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results of the first shape (no `format` key) read; a newer Bridger's, or anything
    /// that is not results, read as a message saying why they cannot be shown.
    #[test]
    fn kept_results_of_an_older_shape_read_and_of_a_newer_one_say_why_not() {
        let plan = crate::demo::plan();
        let sim = crate::schedule::simulate(&plan, &crate::schedule::SimConfig { iterations: 40, drivers: 2, ..Default::default() })
            .expect("simulated");
        let results = sim.results(&plan);
        let mut old = serde_json::to_value(&results).expect("json");
        old.as_object_mut().expect("an object").remove("format");
        assert_eq!(parse_results(&old.to_string()), Ok(SimulationResults { format: 1, ..results.clone() }));
        let mut newer = serde_json::to_value(&results).expect("json");
        newer["format"] = serde_json::Value::from(RESULTS_FORMAT + 1);
        let why = parse_results(&newer.to_string()).expect_err("not read");
        assert!(why.contains("newer Bridger"), "{why}");
        assert!(parse_results(r#"{"old": true}"#).is_err());
        assert!(parse_results("not json").is_err());
    }
}
