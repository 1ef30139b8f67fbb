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

use super::files::{self, Exported, Format};
use super::{ApiError, Editing, Update};
use crate::io::output::Overwrite;
use crate::layout::Arrangement;

/// What an import did: a sentence for the status bar, the notes of the conversion, and the
/// plan after it (None when nothing changed).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Imported {
    pub message: String,
    pub notes: Vec<String>,
    pub update: Option<Update>,
}

impl Editing {
    /// Imports the plan at `path` (its kind told by `files::detect`) into the open plan:
    /// new ids added, what differs updated, as one edit. Refused whole (nothing saved) when
    /// the file or the merged plan is bad.
    pub fn import_from(&mut self, path: &Path, arrangement: Arrangement) -> Result<Imported, ApiError> {
        let incoming = files::load_foreign(path, None, self.file.plan().start)?;
        let m = files::merge(self.file.plan(), &incoming.plan);
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let mut notes = incoming.notes;
        let update = if m.edits.is_empty() { None } else { Some(self.apply_imported(m.edits, arrangement)?) };
        let restored = files::restore_baselines(self.file.path(), &incoming.baselines)?;
        notes.extend(restored.notes());
        let baselines = match restored.kept.len() {
            0 => String::new(),
            n => format!("; {n} baseline(s) kept"),
        };
        let message = match &update {
            None => format!("Nothing to change from {name}{baselines}"),
            Some(_) => format!("Imported {name}: {} added, {} updated (one undo step){baselines}", m.added, m.updated),
        };
        Ok(Imported { message, notes, update })
    }

    /// Writes the open plan and the baselines kept with it to `path` in `format` (a new file
    /// or folder: the dialog asked before replacing one, so an existing one is replaced,
    /// never a plan or a database).
    pub fn export_to(&self, path: &Path, format: Format) -> Result<Exported, ApiError> {
        // Read for MS Project XML too: it writes none, and its note says how many it left.
        let baselines = super::baseline::all(self.file.path())?;
        files::export(self.file.plan(), &baselines, path, format, Overwrite::Replace)
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
        for (name, format) in [("plan.xml", Format::Mspdi), ("plan csv", Format::Csv), ("plan.json", Format::Json)] {
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
        assert_eq!(err.code, super::super::ErrorCode::Invalid);
        assert!(err.message.contains("broken.xml"), "{}", err.message);
        assert_eq!(e.file().plan(), &before, "nothing changed");
    }
}
