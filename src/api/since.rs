//! The window's "Since <baseline>" panel (issue 27, item 5): the baselines kept in the open
//! plan's file, and the drift since one (`baseline::diff`): the plan's finish, then each moved
//! initiative by name with its causes in words (`Cause::words`, the wording `bridger diff` and
//! the brief use), so the window composes no sentence of its own.

use serde::Serialize;
use ts_rs::TS;

use super::baseline::{self, BaselineRow, Cause, Drift, Since};
use super::{ApiError, Editing, ErrorCode};

/// One cause as the panel lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CauseLine {
    /// "the estimate of 'Store install'".
    pub words: String,
    /// Working days it contributes (+ later).
    pub days: i64,
    /// The driving handoffs it came through, in order: ids (to show on the map) and names.
    pub via: Vec<String>,
    pub via_names: Vec<String>,
}

/// One moved initiative.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MovedLine {
    pub id: String,
    pub name: String,
    pub days: i64,
    pub causes: Vec<CauseLine>,
}

/// The panel: the baselines to pick from, and the drift since the one picked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SinceView {
    pub baselines: Vec<BaselineRow>,
    /// None: no baseline kept.
    pub since: Option<Since>,
    /// Whether the moves have causes (false: a baseline kept with dates only).
    pub explained: bool,
    pub finish_before: Option<chrono::NaiveDate>,
    pub finish_after: Option<chrono::NaiveDate>,
    pub finish_change_days: i64,
    pub finish_causes: Vec<CauseLine>,
    /// Largest move first.
    pub moved: Vec<MovedLine>,
}

fn line(d: &Drift, c: &Cause) -> CauseLine {
    let name = |id: &str| d.names.get(id).cloned().unwrap_or_else(|| id.to_string());
    CauseLine { words: c.words(&name), days: c.days, via_names: c.via.iter().map(|h| name(h)).collect(), via: c.via.clone() }
}

impl Editing {
    /// The Since panel of the open plan against `since` (the latest baseline when None).
    pub fn since(&self, since: Option<&str>) -> Result<SinceView, ApiError> {
        let path = self.file.path();
        let baselines = baseline::list(path)?;
        let empty = SinceView {
            baselines: Vec::new(),
            since: None,
            explained: false,
            finish_before: None,
            finish_after: None,
            finish_change_days: 0,
            finish_causes: Vec::new(),
            moved: Vec::new(),
        };
        if baselines.is_empty() {
            return Ok(empty);
        }
        let d = match baseline::diff(path, since) {
            Ok(d) => d,
            Err(e) if e.code == ErrorCode::NotFound && since.is_some() => baseline::diff(path, None)?,
            Err(e) => return Err(e),
        };
        let name = |id: &str| d.names.get(id).cloned().unwrap_or_else(|| id.to_string());
        Ok(SinceView {
            baselines,
            explained: d.explained,
            finish_before: Some(d.finish_before),
            finish_after: Some(d.finish_after),
            finish_change_days: d.finish_change_days,
            finish_causes: d.finish_causes.iter().map(|c| line(&d, c)).collect(),
            moved: d
                .moved
                .iter()
                .map(|m| MovedLine {
                    name: name(&m.id),
                    id: m.id.clone(),
                    days: m.days,
                    causes: m.causes.iter().map(|c| line(&d, c)).collect(),
                })
                .collect(),
            since: Some(d.since.clone()),
        })
    }

    /// Keeps a baseline of the open plan named `name` (not an edit: nothing to undo). The
    /// first one becomes the baseline of record: the window asks for its view again.
    pub fn keep_baseline(&mut self, name: &str) -> Result<baseline::Kept, ApiError> {
        self.prepared = None;
        baseline::keep(self.file.path(), name, false)
    }

    /// Makes `name` the baseline of record (not an edit): the variance, the map's badges and
    /// the Timeline's baseline bars follow it in the next view.
    pub fn set_baseline_of_record(&mut self, name: &str) -> Result<(), ApiError> {
        self.prepared = None;
        baseline::of_record(self.file.path(), name)
    }

    /// Deletes the baseline `name` (not an edit; the earliest left becomes the baseline of
    /// record when it was).
    pub fn delete_baseline(&mut self, name: &str) -> Result<(), ApiError> {
        self.prepared = None;
        baseline::delete(self.file.path(), name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_without_a_baseline_then_one_moved_estimate() {
        let dir = std::env::temp_dir().join(format!("bridger-since-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("demo.bridger");
        let _ = std::fs::remove_file(&path);
        let mut e = Editing::create(&path, &crate::demo::plan(), "test").unwrap();
        let v = e.since(None).unwrap();
        assert!(v.baselines.is_empty() && v.since.is_none());
        e.keep_baseline("week 1").unwrap();
        let critical = {
            let s = crate::schedule::schedule(e.plan()).unwrap();
            s.initiatives.iter().find(|r| r.critical).unwrap().id.clone()
        };
        let mut i = e.plan().initiative(&critical).unwrap().clone();
        i.duration.likely += 4;
        i.duration.pessimistic += 4;
        e.apply(vec![crate::edit::Edit::UpdateInitiative(i)], crate::layout::Arrangement::Flow).unwrap();
        let v = e.since(Some("week 1")).unwrap();
        assert_eq!(v.since.unwrap().name, "week 1");
        assert!(!v.moved.is_empty());
        for m in &v.moved {
            assert_eq!(m.causes.iter().map(|c| c.days).sum::<i64>(), m.days, "{}", m.name);
            assert!(m.causes.iter().all(|c| c.words.contains("estimate")), "{:?}", m.causes);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
