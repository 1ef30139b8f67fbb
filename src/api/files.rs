//! Plans in and out, for every front end: which kind of file a path holds (its content
//! first, its name second), a plan read from any of them, a new plan file, an import into
//! an existing one (added and updated by id, one undo step), an export, undo and redo of a
//! file. `bridger new/import/export/undo/redo` and the window's File menu call these; the
//! readers and writers themselves are `io`'s and `store`'s.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiError, ErrorCode};
use crate::drift::Baseline;
use crate::io::output::{check_target, write_bytes, Overwrite};
use crate::model::Plan;
use crate::store::{is_sqlite, Edit, EditSummary, Editor};

/// The formats a plan travels in besides a plan file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// MS Project XML (MSPDI), a `.xml` file (docs/mspdi.md).
    Mspdi,
    /// A folder of CSV files: plan.csv, initiatives.csv, ... (docs/csv-format.md).
    Csv,
    /// Bridger's JSON exchange format, a `.json` file (docs/plan-format.md).
    Json,
    /// A PSPLIB RCPSP instance (`.sm`): read only.
    Sm,
    /// Primavera P6's XER export, a `.xer` file (docs/p6.md).
    Xer,
    /// Primavera P6's XML (PMXML), a `.xml` file whose root is `<APIBusinessObjects>`: read
    /// only (docs/p6.md).
    Pmxml,
}

impl Format {
    /// What a person calls it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Mspdi => "MS Project XML",
            Format::Csv => "a CSV folder",
            Format::Json => "JSON",
            Format::Sm => "a PSPLIB instance",
            Format::Xer => "Primavera P6 XER",
            Format::Pmxml => "Primavera P6 XML",
        }
    }
}

/// What a path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A plan file (an SQLite database, whatever its name, or a file named `*.bridger`).
    Plan,
    /// A plan in another format.
    Foreign(Format),
}

/// How many bytes of a file are looked at to tell its kind.
const SNIFF: usize = 512;

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

fn unknown(path: &Path) -> ApiError {
    ApiError {
        code: ErrorCode::Invalid,
        message: format!(
            "{}: unknown kind of file (expected .bridger, .json, .xml, .xer, .sm or a folder of CSV files; or say --format)",
            path.display()
        ),
        details: Vec::new(),
    }
}

/// The one rule for what a path holds: `given` when the caller says; a folder is a CSV
/// folder when it holds plan.csv (else it is taken for a plan, which the store refuses
/// naming the folder); a file starting like an SQLite database is a plan file whatever its
/// name; a file named `*.bridger` is a plan file (the store says what is wrong with it);
/// then the content decides (`{` JSON, `<` XML, PSPLIB's banner), then the extension.
pub fn detect(path: &Path, given: Option<Format>) -> Result<Source, ApiError> {
    if path.is_dir() {
        return Ok(match given {
            Some(f) => Source::Foreign(f),
            None if path.join("plan.csv").is_file() => Source::Foreign(Format::Csv),
            None => Source::Plan,
        });
    }
    let head = sniff(path);
    if is_sqlite(&head) {
        return Ok(Source::Plan);
    }
    if let Some(f) = given {
        return Ok(Source::Foreign(f));
    }
    if extension(path) == "bridger" {
        return Ok(Source::Plan);
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('{') {
        return Ok(Source::Foreign(Format::Json));
    }
    if text.starts_with('<') && text.contains("<APIBusinessObjects") {
        return Ok(Source::Foreign(Format::Pmxml));
    }
    if text.starts_with('<') {
        return Ok(Source::Foreign(Format::Mspdi));
    }
    if text.starts_with("ERMHDR") {
        return Ok(Source::Foreign(Format::Xer));
    }
    if text.starts_with("****") || text.contains("file with basedata") {
        return Ok(Source::Foreign(Format::Sm));
    }
    match extension(path).as_str() {
        "json" => Ok(Source::Foreign(Format::Json)),
        "xml" => Ok(Source::Foreign(Format::Mspdi)),
        "sm" => Ok(Source::Foreign(Format::Sm)),
        "xer" => Ok(Source::Foreign(Format::Xer)),
        _ => Err(unknown(path)),
    }
}

/// The first bytes of a regular file (none for anything else: a missing file is named by
/// the reader that opens it).
fn sniff(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut head = Vec::with_capacity(SNIFF);
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        let _ = std::fs::File::open(path).and_then(|f| f.take(SNIFF as u64).read_to_end(&mut head));
    }
    head
}

/// A plan read from a file, with the notes of its conversion (what a format could not
/// keep, durations rounded): never dropped silently, the caller shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub plan: Plan,
    pub source: Source,
    pub notes: Vec<String>,
}

/// Reads a plan from a file of any kind (see [`detect`]); a plan file is read writing
/// nothing. `start` is day 0 for formats without dates (`.sm`). Not validated: the caller
/// validates, the same way for every source.
pub fn load(path: &Path, given: Option<Format>, start: NaiveDate) -> Result<Loaded, ApiError> {
    match detect(path, given)? {
        Source::Plan => Ok(Loaded { plan: crate::store::read(path)?, source: Source::Plan, notes: Vec::new() }),
        Source::Foreign(format) => {
            let f = read_foreign(path, format, start)?;
            Ok(Loaded { plan: f.plan, source: Source::Foreign(format), notes: f.notes })
        }
    }
}

/// The baselines that go with a plan read from `path`: those kept in a plan file, or those a
/// JSON file, a CSV folder or an MS Project file carries (read again: only an export asks).
pub fn baselines(path: &Path, loaded: &Loaded, start: NaiveDate) -> Result<Vec<Baseline>, ApiError> {
    match loaded.source {
        Source::Plan => Ok(crate::store::read_all_baselines(path)?),
        Source::Foreign(f @ (Format::Json | Format::Csv | Format::Mspdi)) => read_foreign(path, f, start).map(|f| f.baselines),
        // P6 baselines are other projects of the file: not read yet.
        Source::Foreign(_) => Ok(Vec::new()),
    }
}

/// A plan read from another format: the plan, the notes of the conversion, and the baselines
/// the file carries (JSON's `baselines`, a CSV folder's baselines.csv, MS Project's Baseline0 as
/// the baseline of record, dates only; none from `.sm`).
#[derive(Debug, Clone, PartialEq)]
pub struct Foreign {
    pub plan: Plan,
    pub notes: Vec<String>,
    pub baselines: Vec<Baseline>,
}

impl From<Plan> for Foreign {
    /// A plan made here (a new or demo plan): no notes, no baselines.
    fn from(plan: Plan) -> Foreign {
        Foreign { plan, notes: Vec::new(), baselines: Vec::new() }
    }
}

/// Reads a plan in `format`, with the notes of the conversion and its baselines.
pub fn read_foreign(path: &Path, format: Format, start: NaiveDate) -> Result<Foreign, ApiError> {
    read_foreign_project(path, format, start, None)
}

/// [`read_foreign`], choosing one project of a file that holds several (P6's XER: its id or
/// short name; without one such a file is refused, listing them).
pub fn read_foreign_project(path: &Path, format: Format, start: NaiveDate, project: Option<&str>) -> Result<Foreign, ApiError> {
    let plain = |(plan, notes): (Plan, Vec<String>)| Foreign { plan, notes, baselines: Vec::new() };
    let what = path.display().to_string();
    let invalid = |message: String| ApiError { code: ErrorCode::Invalid, message, details: Vec::new() };
    // Only a regular file is read, its size bounded while it is read (`io::input`); read as
    // bytes, so text that is not UTF-8 is refused naming its line and byte offset.
    let limit = match format {
        Format::Json => crate::io::json::MAX_BYTES,
        Format::Sm => crate::io::psplib::MAX_BYTES,
        Format::Xer => crate::io::p6::MAX_BYTES as u64,
        _ => crate::io::mspdi::MAX_BYTES as u64,
    };
    let bytes = || crate::io::input::read_bytes(path, limit, format.label()).map_err(|e| invalid(e.to_string()));
    let csv_error = |e: crate::io::csv::CsvError| match &e {
        crate::io::csv::CsvError::Rows { folder, problems, count } => {
            // Every bad row, one per line, so that a spreadsheet user can walk them.
            let mut details: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            if *count > problems.len() {
                details.push(format!("... and {} more", count - problems.len()));
            }
            ApiError {
                code: ErrorCode::Invalid,
                message: format!("{folder}: {count} problem(s) in the CSV files; nothing imported"),
                details,
            }
        }
        _ => invalid(e.to_string()),
    };
    match format {
        Format::Csv => {
            let plan = crate::io::csv::read_folder(path).map_err(csv_error)?;
            let baselines = crate::io::csv::read_folder_baselines(path).map_err(csv_error)?;
            Ok(Foreign { plan, notes: Vec::new(), baselines })
        }
        Format::Json => {
            // A top-level field the format does not know is a note, never dropped silently.
            let doc = crate::io::json::document(&bytes()?, &what).map_err(|e| invalid(e.to_string()))?;
            let prefix = format!("{what}: ");
            let notes = doc.notes.into_iter().map(|n| n.message.strip_prefix(&prefix).map_or(n.message.clone(), str::to_string)).collect();
            Ok(Foreign { plan: doc.plan, notes, baselines: doc.baselines })
        }
        Format::Sm => {
            let bytes = bytes()?;
            let text = crate::io::utf8(&bytes, &what).map_err(|e| invalid(e.to_string()))?;
            crate::io::psplib::parse(text, &what, start).map(|i| plain((i.plan, Vec::new()))).map_err(|e| invalid(e.to_string()))
        }
        Format::Mspdi => {
            let imported = crate::io::mspdi::from_bytes(&bytes()?, &what).map_err(|e| invalid(e.to_string()))?;
            let notes = imported.findings.iter().map(|f| f.to_string()).collect();
            Ok(Foreign { plan: imported.plan, notes, baselines: imported.baselines })
        }
        Format::Pmxml => {
            let bytes = bytes()?;
            let text = crate::io::utf8(&bytes, &what).map_err(|e| invalid(e.to_string()))?;
            let imported = crate::io::p6::pmxml_from_str(text, &what, project).map_err(|e| invalid(e.to_string()))?;
            let notes = imported.findings.iter().map(|f| f.to_string()).collect();
            Ok(Foreign { plan: imported.plan, notes, baselines: imported.baselines })
        }
        Format::Xer => {
            let imported = crate::io::p6::from_bytes(&bytes()?, &what, project).map_err(|e| invalid(e.to_string()))?;
            let notes = imported.findings.iter().map(|f| f.to_string()).collect();
            Ok(Foreign { plan: imported.plan, notes, baselines: imported.baselines })
        }
    }
}

/// The demo plan a new user sees first: a point-of-sale rollout to 40 stores in 4 waves.
pub fn demo() -> Plan {
    super::demo::plan()
}

/// A plan file is named `*.bridger`: that is how `check`, the app and a desktop know one.
pub fn check_plan_name(path: &Path) -> Result<(), ApiError> {
    if extension(path) != "bridger" {
        return Err(ApiError {
            code: ErrorCode::Invalid,
            message: format!(
                "{}: a plan file is named *.bridger (for example {}.bridger)",
                path.display(),
                path.with_extension("").display()
            ),
            details: Vec::new(),
        });
    }
    Ok(())
}

/// Creates a new plan file at `path` holding `plan` (validated first; an existing file is
/// never replaced). The plan is not read back: on a plan of 200,000 initiatives that copy
/// was a third of the memory an import took.
pub fn create(path: &Path, plan: &Plan) -> Result<(), ApiError> {
    check_plan_name(path)?;
    Editor::create(path, plan)?;
    Ok(())
}

/// Creates a new plan file at `path` from a plan read in another format, with the baselines
/// it carries (kept as they were, the one of record included).
pub fn create_from(path: &Path, foreign: &Foreign) -> Result<(), ApiError> {
    create(path, &foreign.plan)?;
    restore_baselines(path, &foreign.baselines)?;
    Ok(())
}

/// Reads a plan in another format to make a plan file of it: a plan file given as the
/// input is refused (it is one already).
pub fn load_foreign(path: &Path, given: Option<Format>, start: NaiveDate) -> Result<Foreign, ApiError> {
    load_foreign_project(path, given, start, None)
}

/// [`load_foreign`], choosing one project of a file that holds several (`--project`).
pub fn load_foreign_project(path: &Path, given: Option<Format>, start: NaiveDate, project: Option<&str>) -> Result<Foreign, ApiError> {
    match detect(path, given)? {
        Source::Plan => Err(ApiError {
            code: ErrorCode::Invalid,
            message: format!(
                "{}: is already a plan file; import reads .json, .xml, .xer, .sm or a CSV folder (copy it, or `bridger export` it to JSON)",
                path.display()
            ),
            details: Vec::new(),
        }),
        Source::Foreign(format) => read_foreign_project(path, format, start, project),
    }
}

/// What merging one plan into another changes: the edits (one batch) and their counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub edits: Vec<Edit>,
    pub added: usize,
    pub updated: usize,
    /// The baselines the import kept, and those it left because the plan keeps one of that
    /// name already (see [`restore_baselines`]).
    pub baselines: Restored,
}

/// The edits that bring what `incoming` has into `existing`: new ids added, what differs
/// updated, nothing removed (`io::merge`).
pub fn merge(existing: &Plan, incoming: &Plan) -> Merge {
    let edits = crate::io::merge::edits(existing, incoming);
    let added = edits.iter().filter(|e| crate::io::merge::is_add(e)).count();
    let updated = edits.len() - added;
    Merge { edits, added, updated, baselines: Default::default() }
}

/// Imports `incoming` into the plan file `into` as one batch: one transaction, one undo
/// step; a refused edit saves nothing. The counts of what was added and updated. The
/// baselines it carries are kept after (not edits: undo leaves them), except a name the plan
/// keeps already.
pub fn import_into(into: &Path, incoming: &Foreign) -> Result<Merge, ApiError> {
    let mut editor = Editor::open(into)?;
    let existing = crate::store::read(into)?;
    let mut m = merge(&existing, &incoming.plan);
    if !m.edits.is_empty() {
        editor.apply_imported(&m.edits)?;
    }
    drop(editor);
    m.baselines = restore_baselines(into, &incoming.baselines)?;
    Ok(m)
}

/// What restoring imported baselines did: the names kept, and those left because the plan
/// keeps a baseline of that name already (its own is never replaced by an import).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Restored {
    pub kept: Vec<String>,
    pub left: Vec<String>,
}

impl Restored {
    /// The notes a front end shows: one line per baseline left.
    pub fn notes(&self) -> Vec<String> {
        self.left.iter().map(|n| format!("baseline '{n}' is kept in the plan already; the imported one was left out")).collect()
    }
}

/// Keeps baselines read from another file ([`read_foreign`]) in the plan file at `path`,
/// as they were: their time, status date, dates, and the plan and forecast when they carry
/// them. A name the plan keeps already is left (listed). The imported baseline of record
/// becomes the plan's when the plan had no baseline before. Not edits: nothing to undo.
pub fn restore_baselines(path: &Path, list: &[Baseline]) -> Result<Restored, ApiError> {
    let mut out = Restored::default();
    if list.is_empty() {
        return Ok(out);
    }
    let mut editor = Editor::open(path)?;
    let had: Vec<String> = editor.baselines()?.into_iter().map(|b| b.name).collect();
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    for b in list {
        if had.contains(&b.name) {
            out.left.push(b.name.clone());
            continue;
        }
        let mut b = b.clone();
        if b.created.trim().is_empty() {
            b.created = now.clone();
        }
        editor.keep_baseline(&b, false)?;
        out.kept.push(b.name.clone());
    }
    if had.is_empty() {
        if let Some(b) = list.iter().find(|b| b.of_record) {
            editor.set_baseline_of_record(&b.name)?;
        }
    }
    Ok(out)
}

/// The format of an output: `given`, else `.xml` is MSPDI, `.json` JSON, an existing
/// folder or a name ending in `/` a CSV folder, anything else JSON.
pub fn output_format(path: &Path, given: Option<Format>) -> Result<Format, ApiError> {
    let f = given.unwrap_or_else(|| match extension(path).as_str() {
        "xml" => Format::Mspdi,
        "xer" => Format::Xer,
        "json" => Format::Json,
        _ if path.is_dir() || path.to_string_lossy().ends_with('/') => Format::Csv,
        _ => Format::Json,
    });
    if matches!(f, Format::Sm | Format::Pmxml) {
        return Err(ApiError {
            code: ErrorCode::Invalid,
            message: format!(
                "{}: bridger does not write {} files",
                path.display(),
                if f == Format::Sm { "PSPLIB .sm" } else { "Primavera P6 XML (it writes XER)" }
            ),
            details: Vec::new(),
        });
    }
    Ok(f)
}

/// Refuses early, before a plan is read, an output that would be refused anyway (`-` is
/// standard output, which a CSV folder cannot go to).
pub fn check_output(path: &Path, format: Format, overwrite: Overwrite) -> Result<(), ApiError> {
    if path == Path::new("-") {
        if format == Format::Csv {
            return Err(ApiError {
                code: ErrorCode::Invalid,
                message: "a CSV folder cannot go to standard output; name a folder with -o".into(),
                details: Vec::new(),
            });
        }
        return Ok(());
    }
    if format != Format::Csv {
        check_target(path, overwrite)?;
    }
    Ok(())
}

/// A plan as the text of a one-file format, with what the format cannot say.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub text: String,
    pub notes: Vec<String>,
}

/// The text of `plan` and its `baselines` in `format` (JSON or MSPDI; a CSV folder is
/// several files). MS Project XML does not carry baselines yet: a note says how many are left.
pub fn render(plan: &Plan, baselines: &[Baseline], format: Format) -> Result<Rendered, ApiError> {
    match format {
        Format::Json => Ok(Rendered { text: crate::io::json::with_baselines(plan, baselines), notes: Vec::new() }),
        Format::Mspdi => {
            // The baseline of record is MS Project's Baseline0; the others have no place.
            let record = baselines.iter().find(|b| b.of_record);
            let exported = crate::io::mspdi::with_baseline(plan, record);
            let mut notes: Vec<String> = exported.findings.iter().map(|f| f.to_string()).collect();
            let others = baselines.len() - usize::from(record.is_some());
            if others > 0 {
                let kept = if record.is_some() { " (the baseline of record is written as Baseline0)" } else { "" };
                notes.push(match others {
                    1 => format!("a baseline kept with the plan is not written to MS Project XML{kept}; JSON and CSV keep it"),
                    n => format!("{n} baselines kept with the plan are not written to MS Project XML{kept}; JSON and CSV keep them"),
                });
            }
            Ok(Rendered { text: exported.text, notes })
        }
        Format::Xer => {
            let exported = crate::io::p6::to_string(plan);
            let mut notes: Vec<String> = exported.findings.iter().map(|f| f.to_string()).collect();
            if !baselines.is_empty() {
                notes.push(format!(
                    "the {} baseline(s) kept with the plan are not written to XER (JSON and CSV keep them)",
                    baselines.len()
                ));
            }
            Ok(Rendered { text: exported.text, notes })
        }
        Format::Csv | Format::Sm | Format::Pmxml => Err(ApiError {
            code: ErrorCode::Invalid,
            message: format!("{} is not written as one text", format.label()),
            details: Vec::new(),
        }),
    }
}

/// What an export wrote: a sentence for the status bar and what the format cannot say.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Exported {
    pub message: String,
    pub notes: Vec<String>,
}

/// Writes `plan` to `path` in `format` through `io::output` (an existing file only with
/// `Overwrite::Replace`, never a plan or a database, never through a link, atomically).
pub fn export(plan: &Plan, baselines: &[Baseline], path: &Path, format: Format, overwrite: Overwrite) -> Result<Exported, ApiError> {
    let notes = match format {
        Format::Csv => {
            crate::io::csv::write_folder(path, overwrite, plan, baselines).map_err(|e| ApiError {
                code: ErrorCode::Storage,
                message: e.to_string(),
                details: Vec::new(),
            })?;
            Vec::new()
        }
        _ => {
            let r = render(plan, baselines, format)?;
            // XER is Windows-1252 text, as P6 reads it.
            let bytes = if format == Format::Xer { crate::io::p6::encode(&r.text) } else { r.text.into_bytes() };
            write_bytes(path, overwrite, &bytes)?;
            r.notes
        }
    };
    Ok(Exported { message: format!("Exported the plan as {} to {}", format.label(), path.display()), notes })
}

/// Writes any other output (a picture, a generated plan for a benchmark's peers) by the
/// same rules as an export.
pub fn write_output(path: &Path, overwrite: Overwrite, bytes: &[u8]) -> Result<(), ApiError> {
    Ok(write_bytes(path, overwrite, bytes)?)
}

/// Undoes the last edit in the plan file at `path`, whoever made it; None: nothing to undo.
pub fn undo(path: &Path) -> Result<Option<EditSummary>, ApiError> {
    Ok(Editor::open(path)?.undo()?)
}

/// Redoes the last undone edit in the plan file at `path`; None: nothing to redo.
pub fn redo(path: &Path) -> Result<Option<EditSummary>, ApiError> {
    Ok(Editor::open(path)?.redo()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_decides_before_the_name() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let put = |name: &str, text: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).expect("written");
            p
        };
        let plan = dir.path().join("p.bridger");
        crate::store::PlanFile::create(&plan, &crate::demo::plan()).expect("a plan");
        let renamed = dir.path().join("copy.json");
        std::fs::copy(&plan, &renamed).expect("copied");
        assert_eq!(detect(&renamed, None), Ok(Source::Plan), "an SQLite file is a plan whatever its name");
        assert_eq!(detect(&put("x.json", b"  <Project/>"), None), Ok(Source::Foreign(Format::Mspdi)));
        assert_eq!(detect(&put("x.xml", b"\xef\xbb\xbf{\"format\":1}"), None), Ok(Source::Foreign(Format::Json)));
        assert_eq!(detect(&put("x", b"************\nfile with basedata"), None), Ok(Source::Foreign(Format::Sm)));
        assert_eq!(detect(&put("x.sm", b""), None), Ok(Source::Foreign(Format::Sm)));
        assert_eq!(detect(&put("x.txt", b"ERMHDR\t20.12"), None), Ok(Source::Foreign(Format::Xer)));
        assert_eq!(detect(&put("x.xer", b""), None), Ok(Source::Foreign(Format::Xer)));
        let pmxml = b"<?xml version=\"1.0\"?>\n<APIBusinessObjects xmlns=\"http://xmlns.oracle.com/Primavera/P6\">";
        assert_eq!(detect(&put("x.xml", pmxml), None), Ok(Source::Foreign(Format::Pmxml)));
        assert_eq!(detect(&put("y.bridger", b"notes"), None), Ok(Source::Plan), "the store says what is wrong with it");
        assert_eq!(detect(&put("z.txt", b"x"), None).map_err(|e| e.code), Err(ErrorCode::Invalid));
        assert_eq!(detect(&put("z2.txt", b"x"), Some(Format::Json)), Ok(Source::Foreign(Format::Json)));
        std::fs::create_dir(dir.path().join("sheet")).expect("a folder");
        assert_eq!(detect(&dir.path().join("sheet"), None), Ok(Source::Plan));
        std::fs::write(dir.path().join("sheet/plan.csv"), "name\n").expect("written");
        assert_eq!(detect(&dir.path().join("sheet"), None), Ok(Source::Foreign(Format::Csv)));
    }
}
