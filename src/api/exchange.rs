//! The window's Import and Export: the same readers and writers as `bridger import --into`
//! and `bridger export` (`io::csv`, `io::mspdi`, `io::json`, `io::merge`), on the open plan.
//!
//! Import adds and updates by id as one batch edit (one undo step, removing nothing): the
//! weekly spreadsheet or MS Project round trip. A file with bad rows or bad XML is refused
//! whole with the reader's message, which names the file, line and column; what a format
//! could not keep is reported as notes, never dropped silently.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::{ApiError, Editing, ErrorCode, Update};
use crate::io::output::Overwrite;
use crate::layout::Arrangement;
use crate::model::Plan;

/// The formats the window reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Exchange {
    /// MS Project XML (MSPDI), a `.xml` file.
    Mspdi,
    /// A folder of CSV files (plan.csv, initiatives.csv, ...).
    Csv,
    /// Bridger's JSON exchange format, a `.json` file.
    Json,
}

impl Exchange {
    /// The format of a file the user picked: by its extension, a folder is CSV.
    pub fn of(path: &Path) -> Exchange {
        if path.is_dir() {
            return Exchange::Csv;
        }
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("json") => Exchange::Json,
            _ => Exchange::Mspdi,
        }
    }
}

/// What an import did: a sentence for the status bar, the notes of the conversion, and the
/// plan after it (None when nothing changed).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Imported {
    pub message: String,
    pub notes: Vec<String>,
    pub update: Option<Update>,
}

/// What an export wrote: a sentence for the status bar and what the format cannot say.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Exported {
    pub message: String,
    pub notes: Vec<String>,
}

fn invalid(message: String) -> ApiError {
    ApiError { code: ErrorCode::Invalid, message }
}

/// Reads a plan in `format`, with the notes of the conversion.
pub fn read(path: &Path, format: Exchange) -> Result<(Plan, Vec<String>), ApiError> {
    let what = path.display().to_string();
    let text =
        || std::fs::read_to_string(path).map_err(|e| ApiError { code: ErrorCode::Storage, message: format!("{what}: cannot read: {e}") });
    match format {
        Exchange::Csv => crate::io::csv::read_folder(path).map(|p| (p, Vec::new())).map_err(|e| {
            // every bad row, one per line (up to 20 here; `bridger import` lists up to 100)
            let rows: Vec<String> = e.problems().iter().take(20).map(|p| p.to_string()).collect();
            invalid(if rows.is_empty() { e.to_string() } else { format!("{e}\n{}", rows.join("\n")) })
        }),
        Exchange::Json => crate::io::json::from_str(&text()?, &what).map(|p| (p, Vec::new())).map_err(|e| invalid(e.to_string())),
        Exchange::Mspdi => {
            let imported = crate::io::mspdi::from_str(&text()?, &what).map_err(|e| invalid(e.to_string()))?;
            Ok((imported.plan, imported.findings.iter().map(|f| f.to_string()).collect()))
        }
    }
}

impl Editing {
    /// Imports the plan at `path` into the open plan: new ids added, what differs updated,
    /// as one edit. Refused whole (nothing saved) when the file or the merged plan is bad.
    pub fn import_from(&mut self, path: &Path, arrangement: Arrangement) -> Result<Imported, ApiError> {
        let (incoming, notes) = read(path, Exchange::of(path))?;
        let edits = crate::io::merge::edits(self.file().plan(), &incoming);
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        if edits.is_empty() {
            return Ok(Imported { message: format!("Nothing to change from {name}"), notes, update: None });
        }
        let adds = edits.iter().filter(|e| crate::io::merge::is_add(e)).count();
        let updated = edits.len() - adds;
        let update = self.apply(edits, arrangement)?;
        Ok(Imported { message: format!("Imported {name}: {adds} added, {updated} updated (one undo step)"), notes, update: Some(update) })
    }

    /// Writes the open plan to `path` in `format` (a new file or folder: the dialog asked
    /// before replacing one, so an existing one is replaced, never a plan or a database).
    pub fn export_to(&self, path: &Path, format: Exchange) -> Result<Exported, ApiError> {
        let plan = self.file().plan();
        let storage = |message: String| ApiError { code: ErrorCode::Storage, message };
        let (notes, what) = match format {
            Exchange::Csv => {
                crate::io::csv::write_folder(path, Overwrite::Replace, plan).map_err(|e| storage(e.to_string()))?;
                (Vec::new(), "a CSV folder")
            }
            Exchange::Json => {
                crate::io::output::write_bytes(path, Overwrite::Replace, crate::io::json::to_string(plan).as_bytes())
                    .map_err(|e| storage(e.to_string()))?;
                (Vec::new(), "JSON")
            }
            Exchange::Mspdi => {
                let exported = crate::io::mspdi::to_string(plan);
                crate::io::output::write_bytes(path, Overwrite::Replace, exported.text.as_bytes()).map_err(|e| storage(e.to_string()))?;
                (exported.findings.iter().map(|f| f.to_string()).collect(), "MS Project XML")
            }
        };
        Ok(Exported { message: format!("Exported the plan as {what} to {}", path.display()), notes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editing(dir: &Path) -> Editing {
        let file = crate::store::PlanFile::create(&dir.join("demo.bridger"), &crate::demo::plan()).expect("a plan");
        Editing::new(file, "test")
    }

    #[test]
    fn an_export_imported_back_changes_nothing_and_an_edited_one_is_one_undo_step() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut e = editing(dir.path());
        for (name, format) in [("plan.xml", Exchange::Mspdi), ("plan csv", Exchange::Csv), ("plan.json", Exchange::Json)] {
            let path = dir.path().join(name);
            e.export_to(&path, format).expect("exported");
            let back = e.import_from(&path, Arrangement::Flow).expect("imported");
            assert!(back.update.is_none(), "{name}: {}", back.message);
        }
        // the spreadsheet round trip: a renamed initiative comes back as one update
        let mut plan = e.file().plan().clone();
        plan.initiatives[0].name = "Renamed in the spreadsheet".into();
        let path = dir.path().join("edited.json");
        std::fs::write(&path, crate::io::json::to_string(&plan)).expect("written");
        let imported = e.import_from(&path, Arrangement::Flow).expect("imported");
        assert!(imported.message.contains("0 added, 1 updated"), "{}", imported.message);
        assert_eq!(e.file().plan().initiatives[0].name, "Renamed in the spreadsheet");
        e.step(crate::store::Direction::Undo, Arrangement::Flow).expect("undone");
        assert_ne!(e.file().plan().initiatives[0].name, "Renamed in the spreadsheet", "one undo step takes the import back");
    }

    #[test]
    fn a_bad_file_is_refused_whole_naming_where() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut e = editing(dir.path());
        let before = e.file().plan().clone();
        let path = dir.path().join("broken.xml");
        std::fs::write(&path, "<Project><Tasks><Task>").expect("written");
        let err = e.import_from(&path, Arrangement::Flow).expect_err("refused");
        assert_eq!(err.code, ErrorCode::Invalid);
        assert!(err.message.contains("broken.xml"), "{}", err.message);
        assert_eq!(e.file().plan(), &before, "nothing changed");
    }
}
