//! A plan as a folder of CSV files, the way a spreadsheet user keeps one: `plan.csv`,
//! `teams.csv`, `waves.csv`, `sites.csv`, `initiatives.csv`, `handoffs.csv`, `risks.csv`,
//! and for a plan with rollout templates `templates.csv` (a row per step),
//! `template_handoffs.csv`, `template_risks.csv`, `template_chains.csv`, each with a header
//! row (documented in `docs/csv-format.md`). The sites file of `bridger rollout` is read here
//! too (`read_sites`).
//!
//! Reading is forgiving about form (any column order, header names in any case, UTF-8 with
//! or without a byte-order mark, comma or semicolon) and strict about content: every row
//! of every file is checked and all the bad cells (up to [`MAX_PROBLEMS`]) are reported with
//! their file, line and column, and then nothing is returned. Like every importer it does
//! not validate the plan it builds (ids that point nowhere...): the caller validates once,
//! the same way for every source. Writing goes through `io::output` into a temporary folder
//! that is renamed into place whole.
//!
//! One job in one file, though over 800 lines: the reader and the writer of one format share
//! its column table, and each column's parse and print sit side by side so that a column is
//! changed in one place.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{NaiveDate, Weekday};
use thiserror::Error;

use super::baselines::BaselineDoc;
use super::input::{self, InputError};
use super::output::{self, OutputError, Overwrite};
use crate::drift::Baseline;
use crate::model::{
    CapacityChange, Distribution, Effort, Estimate, Handoff, Initiative, Kind, Pin, PinAt, PinSource, Plan, Position, Quantity, Risk,
    RiskStatus, Site, SiteScope, SiteValue, Status, StepEffort, StepEstimate, Team, Wave,
};

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;
/// A CSV file larger than this is refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The files of a CSV folder, in the order they are read and written.
pub const FILES: [&str; 7] = ["plan.csv", "teams.csv", "waves.csv", "sites.csv", "initiatives.csv", "handoffs.csv", "risks.csv"];
/// The files of a plan's rollout templates: written when the plan has templates, read when
/// present (docs/csv-format.md, "Rollout templates").
pub const TEMPLATE_FILES: [&str; 4] = ["templates.csv", "template_handoffs.csv", "template_risks.csv", "template_chains.csv"];
/// The file of a plan's strategic priorities: written when the plan has priorities, read when
/// present (docs/csv-format.md, "Priorities").
pub const PRIORITY_FILES: [&str; 1] = ["priorities.csv"];
const PRIORITY_COLUMNS: &[&str] = &["id", "name", "owner", "rank", "target", "description"];

const PLAN_COLUMNS: &[&str] = &[
    "name",
    "start",
    "working_days",
    "holidays",
    "target",
    "distribution",
    "summary",
    "asks",
    "leveling_basis",
    "status_date",
    "review_every_days",
];
const TEAM_COLUMNS: &[&str] = &["id", "name", "fte", "utilization_target", "correlation", "capacity", "lead"];
const WAVE_COLUMNS: &[&str] = &["id", "name", "order", "gate", "completion", "anchors"];
const SITE_COLUMNS: &[&str] = &["id", "name", "region", "wave", "roles", "values"];
const TEMPLATE_COLUMNS: &[&str] = &[
    "template",
    "template_name",
    "id",
    "name",
    "owner",
    "role",
    "team",
    "optimistic",
    "likely",
    "pessimistic",
    "effort",
    "start_no_earlier_than",
    "finish_no_later_than",
    "after_gate",
    "before_completion",
];
const TEMPLATE_HANDOFF_COLUMNS: &[&str] = &["template", "id", "from", "to", "kind", "lag", "owner", "assumption", "confirmed", "sites"];
const TEMPLATE_RISK_COLUMNS: &[&str] = &[
    "template",
    "id",
    "title",
    "owner",
    "probability",
    "impact",
    "mitigation",
    "initiatives",
    "impact_optimistic",
    "impact_likely",
    "impact_pessimistic",
];
const CHAIN_COLUMNS: &[&str] =
    &["template", "step", "crews", "lag", "owner", "confirmed", "wave_crews", "across_waves", "leads", "assumption"];
const INITIATIVE_COLUMNS: &[&str] = &[
    "id",
    "name",
    "owner",
    "team",
    "optimistic",
    "likely",
    "pessimistic",
    "effort",
    "status",
    "progress",
    "site",
    "wave",
    "start_no_earlier_than",
    "finish_no_later_than",
    "leveling_delay",
    "priority",
    "value",
    "actual_start",
    "actual_finish",
    "remaining",
    "updated_status_date",
    "updated_at",
    "x",
    "y",
    "notes",
    "template",
    "step",
    "overrides",
    "serves",
    "deferred_since",
    "deferred_reason",
    "pinned_start",
    "pinned_finish",
    "pinned_source",
    "done_when",
];
const HANDOFF_COLUMNS: &[&str] = &["id", "from", "to", "kind", "lag", "owner", "assumption", "confirmed", "due"];
const RISK_COLUMNS: &[&str] = &[
    "id",
    "title",
    "owner",
    "probability",
    "impact",
    "mitigation",
    "status",
    "initiatives",
    "impact_optimistic",
    "impact_likely",
    "impact_pessimistic",
];

/// One bad cell, row or file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line of the file where the row starts (0 when the problem is the file itself).
    pub line: u64,
    /// The column's header name, when the problem is one cell.
    pub column: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ": line {}", self.line)?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

#[derive(Debug, Error)]
pub enum CsvError {
    #[error("{folder}: {count} problem(s) in the CSV files, nothing imported (the first: {})", first(.problems))]
    Rows { folder: String, problems: Vec<Problem>, count: usize },
    #[error("{path}: cannot read: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: is not a folder of CSV files (expected a folder with plan.csv)")]
    NotAFolder { path: PathBuf },
    #[error("{path}: is a symbolic link; refusing to write through it (name its target, or remove the link)")]
    Symlink { path: PathBuf },
    #[error("{path}: already exists; refusing to replace it (--force replaces a folder that holds only the CSV files of a plan)")]
    Exists { path: PathBuf },
    #[error("{path}: holds {found}, which is not part of a CSV plan; refusing to replace the folder, even with --force")]
    Foreign { path: PathBuf, found: String },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("{path}: cannot write: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

fn first(problems: &[Problem]) -> String {
    problems.first().map(|p| p.to_string()).unwrap_or_default()
}

impl CsvError {
    /// The problems found in the rows, if that is what this error is.
    pub fn problems(&self) -> &[Problem] {
        match self {
            CsvError::Rows { problems, .. } => problems,
            _ => &[],
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading

/// Collects problems, keeping the first [`MAX_PROBLEMS`] and counting all.
#[derive(Default)]
struct Problems {
    list: Vec<Problem>,
    count: usize,
}

impl Problems {
    fn push(&mut self, file: &str, line: u64, column: Option<&str>, reason: String) {
        self.count += 1;
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem { file: file.to_string(), line, column: column.map(str::to_string), reason });
        }
    }
}

/// One file's rows: the header's column positions and each record with its line.
struct Table {
    file: &'static str,
    columns: Vec<Option<usize>>,
    names: &'static [&'static str],
    /// Columns outside `names` a table takes as they are (the role columns of a sites
    /// file for a rollout): position and header.
    extra: Vec<(usize, String)>,
    rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    fn row<'t>(&'t self, k: usize, problems: &'t mut Problems) -> Row<'t> {
        let (line, cells) = &self.rows[k];
        Row { table: self, line: *line, cells, problems }
    }
}

/// An initiative's pin from its `pinned_start`, `pinned_finish` and `pinned_source` cells:
/// at most one of the dates; the source is `bridger` when empty.
fn pin_cells(r: &mut Row<'_>) -> Option<Pin> {
    let (start, finish) = (r.date("pinned_start"), r.date("pinned_finish"));
    let source = match r.optional("pinned_source") {
        None => PinSource::Bridger,
        Some(s) => PinSource::parse(s.trim()).unwrap_or_else(|| {
            r.bad("pinned_source", format!("is '{s}'; expected bridger, manual, must_start_on or must_finish_on"));
            PinSource::Bridger
        }),
    };
    match (start, finish) {
        (Some(_), Some(_)) => {
            r.bad("pinned_finish", "is set as well as pinned_start; work is pinned at one end only".into());
            None
        }
        (Some(date), None) => Some(Pin { at: PinAt::Start, date, source }),
        (None, Some(date)) => Some(Pin { at: PinAt::Finish, date, source }),
        (None, None) => None,
    }
}

/// One record being turned into a value: every getter reports a bad cell and returns a
/// default, so the whole file is checked in one pass.
struct Row<'t> {
    table: &'t Table,
    line: u64,
    cells: &'t [String],
    problems: &'t mut Problems,
}

impl Row<'_> {
    fn cell(&self, column: &str) -> &str {
        let k = self.table.names.iter().position(|n| *n == column);
        match k.and_then(|k| self.table.columns[k]) {
            Some(i) => self.cells.get(i).map(String::as_str).unwrap_or(""),
            None => "",
        }
    }

    fn bad(&mut self, column: &str, reason: String) {
        self.problems.push(self.table.file, self.line, Some(column), reason);
    }

    fn text(&self, column: &str) -> String {
        self.cell(column).to_string()
    }

    /// A cell that must not be empty.
    fn required(&mut self, column: &str) -> String {
        let v = self.cell(column).to_string();
        if v.trim().is_empty() {
            self.bad(column, "is empty; a value is required".to_string());
        }
        v
    }

    fn optional(&self, column: &str) -> Option<String> {
        let v = self.cell(column);
        if v.is_empty() {
            None
        } else {
            Some(v.to_string())
        }
    }

    fn float(&mut self, column: &str, default: f64) -> f64 {
        let v = self.cell(column).trim().to_string();
        if v.is_empty() {
            return default;
        }
        match parse_float(&v) {
            Some(x) => x,
            None => {
                self.bad(column, format!("'{}' is not a number", shown(&v)));
                default
            }
        }
    }

    fn int(&mut self, column: &str, default: i32) -> i32 {
        let v = self.cell(column).trim().to_string();
        if v.is_empty() {
            return default;
        }
        match parse_int(&v) {
            Some(x) => x,
            None => {
                self.bad(column, format!("'{}' is not a whole number", shown(&v)));
                default
            }
        }
    }

    /// A whole number, or none when the cell is empty.
    fn opt_int(&mut self, column: &str) -> Option<i32> {
        (!self.cell(column).trim().is_empty()).then(|| self.int(column, 0))
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let v = self.cell(column).trim().to_string();
        if v.is_empty() {
            return None;
        }
        match parse_date(&v) {
            Some(d) => Some(d),
            None => {
                self.bad(column, format!("'{}' is not a date (YYYY-MM-DD)", shown(&v)));
                None
            }
        }
    }

    /// A list of `KEY:VALUE` items (split at the first ':'), as a map.
    fn pairs(&mut self, column: &str, form: &str) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        for item in split_list(&self.text(column)) {
            match item.split_once(':') {
                Some((k, v)) if !k.trim().is_empty() => {
                    out.insert(k.trim().to_string(), v.trim().to_string());
                }
                _ => self.bad(column, format!("'{}' is not {form}", shown(&item))),
            }
        }
        out
    }

    /// A site's values: `NAME:VALUE` items, each value a number when it reads as one and
    /// back the same way (`SiteValue::from_cell`).
    fn values(&mut self, column: &str) -> std::collections::BTreeMap<String, SiteValue> {
        self.pairs(column, "NAME:VALUE (lanes:8)").into_iter().map(|(k, v)| (k, SiteValue::from_cell(&v))).collect()
    }

    /// A number of a template step: a whole number or a formula of the site's values.
    fn quantity_int(&mut self, column: &str, text: &str) -> Quantity<i32> {
        let v = text.trim();
        if let Some(x) = parse_int(v) {
            return Quantity::Fixed(x);
        }
        if let Err(why) = crate::model::formula::Formula::parse(v) {
            self.bad(column, format!("'{}' is neither a whole number nor a formula: it {why}", shown(v)));
        }
        Quantity::Formula(v.to_string())
    }

    /// A step's three points, the other two the likely one when empty.
    fn step_estimate(&mut self) -> StepEstimate {
        let likely = self.cell("likely").trim().to_string();
        let likely = if likely.is_empty() { Quantity::Fixed(0) } else { self.quantity_int("likely", &likely) };
        let point = |r: &mut Self, column: &str| {
            let v = r.cell(column).trim().to_string();
            if v.is_empty() {
                likely.clone()
            } else {
                r.quantity_int(column, &v)
            }
        };
        let optimistic = point(self, "optimistic");
        let pessimistic = point(self, "pessimistic");
        StepEstimate { optimistic, likely: likely.clone(), pessimistic }
    }

    /// A step's effort cell: `TEAM:PERSON_DAYS` items, each a number or a formula.
    fn step_effort(&mut self) -> Vec<StepEffort> {
        let mut out = Vec::new();
        for item in split_list(&self.text("effort")) {
            let Some((team, days)) = item.rsplit_once(':').filter(|(t, d)| !t.is_empty() && !d.trim().is_empty()) else {
                self.bad("effort", format!("'{}' is not TEAM:PERSON_DAYS (it:12.5, field:1.5 * {{lanes}})", shown(&item)));
                continue;
            };
            let days = days.trim();
            let person_days = match parse_float(days) {
                Some(x) => Quantity::Fixed(x),
                None => {
                    if let Err(why) = crate::model::formula::Formula::parse(days) {
                        self.bad("effort", format!("'{}' is neither a number nor a formula: it {why}", shown(days)));
                    }
                    Quantity::Formula(days.to_string())
                }
            };
            out.push(StepEffort { team: team.to_string(), person_days });
        }
        out
    }

    /// Which sites of a wave a template handoff is made at (all when empty).
    fn scope(&mut self) -> SiteScope {
        let v = normal_word(self.cell("sites"));
        if v.is_empty() {
            return SiteScope::All;
        }
        SiteScope::parse(&v).unwrap_or_else(|| {
            let all: Vec<&str> = SiteScope::ALL.iter().map(|x| x.as_str()).collect();
            self.bad("sites", format!("'{}' is not one of {}", shown(&v), all.join(", ")));
            SiteScope::All
        })
    }

    /// The effort cell: `TEAM:PERSON_DAYS` items.
    fn effort(&mut self) -> Vec<Effort> {
        let mut out = Vec::new();
        for item in split_list(&self.text("effort")) {
            match item.rsplit_once(':').and_then(|(t, d)| Some(Effort { team: t.to_string(), person_days: parse_float(d.trim())? })) {
                Some(e) if !e.team.is_empty() => out.push(e),
                _ => self.bad("effort", format!("'{}' is not TEAM:PERSON_DAYS (it:12.5)", shown(&item))),
            }
        }
        out
    }

    /// The three points of an estimate in `columns` (optimistic, likely, pessimistic), the
    /// other two the likely one when empty; None when all three are empty.
    fn estimate(&mut self, [o, l, p]: [&str; 3]) -> Option<Estimate> {
        if [o, l, p].iter().all(|c| self.cell(c).trim().is_empty()) {
            return None;
        }
        let likely = self.int(l, 0);
        Some(Estimate { optimistic: self.int(o, likely), likely, pessimistic: self.int(p, likely) })
    }

    /// A handoff kind (FS when empty).
    fn kind(&mut self) -> Kind {
        let kind = self.cell("kind").trim().to_ascii_uppercase();
        if kind.is_empty() {
            return Kind::FS;
        }
        Kind::parse(&kind).unwrap_or_else(|| {
            self.bad("kind", format!("'{}' is not FS, SS, FF or SF", shown(&kind)));
            Kind::FS
        })
    }

    /// A list of ids.
    fn ids(&self, column: &str) -> Vec<String> {
        split_list(&self.text(column)).into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
    }

    fn boolean(&mut self, column: &str) -> bool {
        let v = self.cell(column).trim().to_ascii_lowercase();
        match v.as_str() {
            "" | "false" | "no" | "0" | "n" => false,
            "true" | "yes" | "1" | "y" | "x" => true,
            _ => {
                self.bad(column, format!("'{}' is not true or false", shown(&v)));
                false
            }
        }
    }
}

/// The sites of a sites file for a rollout (`bridger rollout --sites`, docs/csv-format.md):
/// columns `id`, `name`, `region`, `wave` and, in any other column, the person who fills the
/// role of that column's header at the site (an empty cell fills nothing). Each site comes
/// with the line it is on, so that a check against the plan (a wave that does not exist, an
/// id taken) can name the line too. Every bad cell is a problem (file `sites.csv`, for the
/// caller to name the file): the sites read, the problems found (up to [`MAX_PROBLEMS`])
/// and how many there are; the rows the caller checks further are those read, bad or not.
pub fn read_sites(bytes: &[u8]) -> (Vec<(u64, Site)>, Vec<Problem>, usize) {
    const FILE: &str = "sites.csv";
    let mut problems = Problems::default();
    let Some(table) = read_table(FILE, bytes, SITE_COLUMNS, &["id", "name", "wave"], true, &mut problems) else {
        let count = problems.count.max(1);
        return (Vec::new(), problems.list, count);
    };
    let mut out = Vec::with_capacity(table.rows.len());
    for k in 0..table.rows.len() {
        let mut r = table.row(k, &mut problems);
        let mut site = Site { id: r.required("id"), name: r.required("name"), region: r.optional("region"), wave: None, ..Site::default() };
        site.wave = Some(r.required("wave"));
        site.roles = r.pairs("roles", "ROLE:PERSON (site lead:Ann Lee)");
        site.values = r.values("values");
        for (i, header) in &table.extra {
            let cell = r.cells.get(*i).map(|c| c.trim()).unwrap_or("");
            if cell.is_empty() {
                continue;
            }
            match header.strip_prefix('{').and_then(|h| h.strip_suffix('}')) {
                Some(value) => {
                    site.values.insert(value.trim().to_string(), SiteValue::from_cell(cell));
                }
                None => {
                    site.roles.insert(header.clone(), cell.to_string());
                }
            }
        }
        out.push((r.line, site));
    }
    (out, problems.list, problems.count)
}

/// Reads a CSV folder into a plan (not validated: the caller validates it). Each file is
/// read through `io::input`: only a regular file (or a symbolic link to one), at most
/// [`MAX_FILE_BYTES`] however large it says it is; anything else is a problem of that file.
pub fn read_folder(folder: &Path) -> Result<Plan, CsvError> {
    let meta = std::fs::metadata(folder).map_err(|source| CsvError::Read { path: folder.to_path_buf(), source })?;
    // `exists`, not `is_file`: a plan.csv that is a FIFO or a device is named as such below.
    if !meta.is_dir() || !folder.join("plan.csv").exists() {
        return Err(CsvError::NotAFolder { path: folder.to_path_buf() });
    }
    let mut texts = Vec::new();
    for name in FILES.into_iter().chain(PRIORITY_FILES).chain(TEMPLATE_FILES) {
        let path = folder.join(name);
        let file_problem = |reason: String| CsvError::Rows {
            folder: folder.display().to_string(),
            problems: vec![Problem { file: name.to_string(), line: 0, column: None, reason }],
            count: 1,
        };
        let text = match input::read_bytes(&path, MAX_FILE_BYTES, "a CSV file of a plan") {
            Ok(bytes) => Some(bytes),
            Err(InputError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => None,
            Err(InputError::Read { path, source }) => return Err(CsvError::Read { path, source }),
            Err(InputError::NotAFile { what, .. }) => {
                return Err(file_problem(format!("is {what}, not a regular file; only regular files are read")))
            }
            Err(InputError::TooLarge { .. }) => {
                return Err(file_problem(format!("is larger than {MAX_FILE_BYTES} bytes; a CSV file of a plan is at most that")))
            }
            // Not asked for: the bytes are decoded cell by cell, each bad one reported.
            Err(e @ InputError::NotUtf8 { .. }) => return Err(file_problem(e.to_string())),
        };
        texts.push((name, text));
    }
    let files: Vec<(&'static str, Option<&[u8]>)> = texts.iter().map(|(n, t)| (*n, t.as_deref())).collect();
    from_files(&files).map_err(|(problems, count)| CsvError::Rows { folder: folder.display().to_string(), problems, count })
}

/// Reads a plan from the bytes of its CSV files (`None`: the file is absent, which is an
/// empty table for every file but `plan.csv`). The error lists the problems and counts them.
pub fn from_files(files: &[(&'static str, Option<&[u8]>)]) -> Result<Plan, (Vec<Problem>, usize)> {
    let mut problems = Problems::default();
    let get = |name: &str| files.iter().find(|(n, _)| *n == name).and_then(|(_, b)| *b);
    let mut tables = Vec::new();
    for (name, columns, required) in [
        ("plan.csv", PLAN_COLUMNS, &["name", "start"][..]),
        ("teams.csv", TEAM_COLUMNS, &["id", "name", "fte"][..]),
        ("waves.csv", WAVE_COLUMNS, &["id", "name"][..]),
        ("sites.csv", SITE_COLUMNS, &["id", "name"][..]),
        ("initiatives.csv", INITIATIVE_COLUMNS, &["id", "name", "likely"][..]),
        ("handoffs.csv", HANDOFF_COLUMNS, &["id", "from", "to"][..]),
        ("risks.csv", RISK_COLUMNS, &["id", "title", "probability", "impact"][..]),
        ("priorities.csv", PRIORITY_COLUMNS, &["id", "name", "rank"][..]),
        ("templates.csv", TEMPLATE_COLUMNS, &["template"][..]),
        ("template_handoffs.csv", TEMPLATE_HANDOFF_COLUMNS, &["template", "id", "from", "to"][..]),
        ("template_risks.csv", TEMPLATE_RISK_COLUMNS, &["template", "id", "title", "probability", "impact"][..]),
        ("template_chains.csv", CHAIN_COLUMNS, &["template", "step", "crews"][..]),
    ] {
        let file: &'static str =
            FILES.iter().chain(&PRIORITY_FILES).chain(&TEMPLATE_FILES).copied().find(|f| *f == name).unwrap_or("plan.csv");
        let table = match get(name) {
            Some(bytes) => read_table(file, bytes, columns, required, false, &mut problems),
            None if name == "plan.csv" => {
                problems.push(file, 0, None, "is missing".to_string());
                None
            }
            None => None,
        };
        tables.push(table.unwrap_or(Table {
            file,
            columns: vec![None; columns.len()],
            names: columns,
            extra: Vec::new(),
            rows: Vec::new(),
        }));
    }
    let plan = build(&tables, &mut problems);
    if problems.count > 0 {
        return Err((problems.list, problems.count));
    }
    plan.ok_or((vec![], 0))
}

fn build(tables: &[Table], problems: &mut Problems) -> Option<Plan> {
    let [plan_t, teams_t, waves_t, sites_t, inits_t, handoffs_t, risks_t, priorities_t, templates_t @ ..] = tables else { return None };
    let mut plan = Plan::new("", NaiveDate::from_ymd_opt(2000, 1, 1)?);
    match plan_t.rows.len() {
        1 => {
            let mut r = plan_t.row(0, problems);
            // The column is required, its value is not: a plan may be unnamed (validation
            // allows it, as every other format does), and its export must read back.
            plan.name = r.text("name");
            if let Some(start) = r.date("start") {
                plan.start = start;
            } else if r.cell("start").trim().is_empty() {
                r.bad("start", "is empty; a value is required".to_string());
            }
            let days = r.text("working_days");
            if !days.trim().is_empty() {
                let mut list = Vec::new();
                for d in split_list(&days) {
                    match d.trim().parse::<Weekday>() {
                        Ok(w) => list.push(w),
                        Err(_) => r.bad("working_days", format!("'{}' is not a weekday (Mon, Tue, ...)", shown(&d))),
                    }
                }
                plan.calendar.working_days = list;
            }
            let holidays = r.text("holidays");
            plan.calendar.holidays = Vec::new();
            for d in split_list(&holidays) {
                match parse_date(d.trim()) {
                    Some(d) => plan.calendar.holidays.push(d),
                    None => r.bad("holidays", format!("'{}' is not a date (YYYY-MM-DD)", shown(&d))),
                }
            }
            plan.target = r.date("target");
            let dist = r.cell("distribution").trim().to_ascii_lowercase();
            if !dist.is_empty() {
                match Distribution::parse(&dist) {
                    Some(d) => plan.distribution = d,
                    None => r.bad("distribution", format!("'{}' is not triangular or pert", shown(&dist))),
                }
            }
            plan.summary = r.text("summary");
            plan.asks = r.text("asks");
            plan.leveling_basis = r.optional("leveling_basis");
            plan.status_date = r.date("status_date");
            plan.review_every_days = r.int("review_every_days", crate::model::default_review_every_days());
        }
        n => problems.push(plan_t.file, 0, None, format!("has {n} rows under its header; it must have exactly one")),
    }
    for k in 0..teams_t.rows.len() {
        let mut r = teams_t.row(k, problems);
        let mut t = Team::new(&r.required("id"), &r.required("name"), 0.0);
        t.fte = r.float("fte", 0.0);
        t.utilization_target = r.float("utilization_target", crate::model::default_utilization());
        t.correlation = r.float("correlation", 0.0);
        t.lead = r.text("lead");
        for item in split_list(&r.text("capacity")) {
            match item.rsplit_once(':').and_then(|(d, f)| Some(CapacityChange { from: parse_date(d.trim())?, fte: parse_float(f.trim())? }))
            {
                Some(c) => t.capacity.push(c),
                None => r.bad("capacity", format!("'{}' is not DATE:FTE (2026-03-01:4.5)", shown(&item))),
            }
        }
        plan.teams.push(t);
    }
    for k in 0..waves_t.rows.len() {
        let mut r = waves_t.row(k, problems);
        let mut w = Wave::new(&r.required("id"), &r.required("name"), r.int("order", 0));
        (w.gate, w.completion) = (r.optional("gate"), r.optional("completion"));
        w.anchors = r.pairs("anchors", "ANCHOR:INITIATIVE (network:wave-1-network)");
        plan.waves.push(w);
    }
    for k in 0..sites_t.rows.len() {
        let mut r = sites_t.row(k, problems);
        plan.sites.push(Site {
            id: r.required("id"),
            name: r.required("name"),
            region: r.optional("region"),
            wave: r.optional("wave"),
            roles: r.pairs("roles", "ROLE:PERSON (site lead:Ann Lee)"),
            values: r.values("values"),
        });
    }
    for k in 0..inits_t.rows.len() {
        let mut r = inits_t.row(k, problems);
        if r.cell("likely").trim().is_empty() {
            r.bad("likely", "is empty; a value is required (0 for a milestone)".to_string());
        }
        let likely = r.int("likely", 0);
        let mut i = Initiative::new(&r.required("id"), &r.required("name"), &r.text("owner"), likely);
        i.duration = Estimate { optimistic: r.int("optimistic", likely), likely, pessimistic: r.int("pessimistic", likely) };
        i.team = r.optional("team");
        i.effort = r.effort();
        let status = r.cell("status").trim().to_string();
        if !status.is_empty() {
            match Status::parse(&normal_word(&status)) {
                Some(s) => i.status = s,
                None => r.bad("status", format!("'{}' is not one of not_started, on_track, at_risk, blocked, done", shown(&status))),
            }
        }
        i.progress = r.float("progress", 0.0);
        i.site = r.optional("site");
        i.wave = r.optional("wave");
        i.start_no_earlier_than = r.date("start_no_earlier_than");
        i.finish_no_later_than = r.date("finish_no_later_than");
        i.leveling_delay = r.int("leveling_delay", 0);
        i.priority = r.int("priority", crate::model::default_priority());
        i.value = r.float("value", 0.0);
        i.actual_start = r.date("actual_start");
        i.actual_finish = r.date("actual_finish");
        i.remaining = r.opt_int("remaining");
        let updated_status_date = r.date("updated_status_date");
        i.updated = r.optional("updated_at").map(|at| crate::model::Updated { status_date: updated_status_date, at });
        let (x, y) = (r.cell("x").trim().is_empty(), r.cell("y").trim().is_empty());
        if !x || !y {
            if x != y {
                let col = if x { "x" } else { "y" };
                r.bad(col, "is empty while the other coordinate is set; give both x and y, or neither".to_string());
            }
            i.position = Some(Position { x: r.float("x", 0.0), y: r.float("y", 0.0) });
        }
        i.notes = r.text("notes");
        match (r.optional("template"), r.optional("step")) {
            (Some(template), Some(step)) => i.instance = Some(crate::model::Instance { template, step }),
            (None, None) => {}
            (t, _) => r.bad(if t.is_some() { "step" } else { "template" }, "is empty; an instance names its template and its step".into()),
        }
        i.overrides = split_list(&r.text("overrides"));
        i.serves = split_list(&r.text("serves"));
        let since = r.date("deferred_since");
        let reason = r.text("deferred_reason");
        match since {
            Some(since) => i.deferred = Some(crate::model::Deferral { since, reason }),
            None if !reason.trim().is_empty() && r.cell("deferred_since").trim().is_empty() => {
                r.bad("deferred_since", "is empty while deferred_reason is set; a deferral has a date".into())
            }
            None => {}
        }
        i.pinned = pin_cells(&mut r);
        i.done_when = r.text("done_when");
        plan.initiatives.push(i);
    }
    for k in 0..handoffs_t.rows.len() {
        let mut r = handoffs_t.row(k, problems);
        let mut h = Handoff::fs(&r.required("id"), &r.required("from"), &r.required("to"));
        h.kind = r.kind();
        h.lag = r.int("lag", 0);
        h.owner = r.text("owner");
        h.assumption = r.text("assumption");
        h.confirmed = r.boolean("confirmed");
        h.due = r.date("due");
        plan.handoffs.push(h);
    }
    for k in 0..risks_t.rows.len() {
        let mut r = risks_t.row(k, problems);
        let status = r.cell("status").trim().to_string();
        let status = if status.is_empty() {
            RiskStatus::Open
        } else {
            RiskStatus::parse(&normal_word(&status)).unwrap_or_else(|| {
                r.bad("status", format!("'{}' is not one of open, mitigating, closed", shown(&status)));
                RiskStatus::Open
            })
        };
        let schedule_impact = r.estimate(IMPACT);
        plan.risks.push(Risk {
            id: r.required("id"),
            title: r.required("title"),
            owner: r.text("owner"),
            probability: r.float("probability", 0.0),
            impact: r.int("impact", 0),
            mitigation: r.text("mitigation"),
            status,
            initiatives: r.ids("initiatives"),
            schedule_impact,
        });
    }
    plan.templates = templates(templates_t, problems);
    for k in 0..priorities_t.rows.len() {
        let mut r = priorities_t.row(k, problems);
        let mut p = crate::model::Priority::new(&r.required("id"), &r.required("name"), &r.text("owner"), 0);
        p.rank = r.int("rank", 0);
        p.target = r.date("target");
        p.description = r.text("description");
        plan.priorities.push(p);
    }
    Some(plan)
}

const IMPACT: [&str; 3] = ["impact_optimistic", "impact_likely", "impact_pessimistic"];

/// The rollout templates of the four template files: a template is made by its first row of
/// `templates.csv` (a row without a step id is a template with no steps), its handoffs, risks
/// and crew chains name it; one that names a template `templates.csv` does not have is a
/// problem of its row.
fn templates(tables: &[Table], problems: &mut Problems) -> Vec<crate::model::Template> {
    use crate::model::{CrewChain, Step, Template, TemplateHandoff, TemplateRisk};
    let [steps_t, handoffs_t, risks_t, chains_t] = tables else { return Vec::new() };
    let mut out: Vec<Template> = Vec::new();
    for k in 0..steps_t.rows.len() {
        let mut r = steps_t.row(k, problems);
        let id = r.required("template");
        let at = match out.iter().position(|t| t.id == id) {
            Some(at) => at,
            None => {
                let name = r.text("template_name");
                out.push(Template { id, name, initiatives: Vec::new(), handoffs: Vec::new(), risks: Vec::new(), chains: Vec::new() });
                out.len() - 1
            }
        };
        if r.cell("id").trim().is_empty() {
            continue;
        }
        if r.cell("likely").trim().is_empty() {
            r.bad("likely", "is empty; a value is required (0 for a milestone)".to_string());
        }
        let step = Step {
            id: r.required("id"),
            name: r.required("name"),
            owner: r.text("owner"),
            role: r.optional("role"),
            team: r.optional("team"),
            duration: r.step_estimate(),
            effort: r.step_effort(),
            start_no_earlier_than: r.date("start_no_earlier_than"),
            finish_no_later_than: r.date("finish_no_later_than"),
            after_gate: r.boolean("after_gate"),
            before_completion: r.boolean("before_completion"),
        };
        out[at].initiatives.push(step);
    }
    let of = |r: &mut Row<'_>, out: &[Template]| -> Option<usize> {
        let id = r.required("template");
        let at = out.iter().position(|t| t.id == id);
        if at.is_none() && !id.trim().is_empty() {
            r.bad("template", format!("'{}' is not a template of templates.csv", shown(&id)));
        }
        at
    };
    for k in 0..handoffs_t.rows.len() {
        let mut r = handoffs_t.row(k, problems);
        let h = TemplateHandoff {
            id: r.required("id"),
            from: r.required("from"),
            to: r.required("to"),
            kind: r.kind(),
            lag: r.int("lag", 0),
            owner: r.text("owner"),
            assumption: r.text("assumption"),
            confirmed: r.boolean("confirmed"),
            sites: r.scope(),
        };
        if let Some(at) = of(&mut r, &out) {
            out[at].handoffs.push(h);
        }
    }
    for k in 0..risks_t.rows.len() {
        let mut r = risks_t.row(k, problems);
        let x = TemplateRisk {
            id: r.required("id"),
            title: r.required("title"),
            owner: r.text("owner"),
            probability: r.float("probability", 0.0),
            impact: r.int("impact", 0),
            mitigation: r.text("mitigation"),
            initiatives: r.ids("initiatives"),
            schedule_impact: r.estimate(IMPACT),
        };
        if let Some(at) = of(&mut r, &out) {
            out[at].risks.push(x);
        }
    }
    for k in 0..chains_t.rows.len() {
        let mut r = chains_t.row(k, problems);
        let crews = r.int("crews", 1);
        let c = CrewChain {
            step: r.required("step"),
            crews: u32::try_from(crews).unwrap_or_else(|_| {
                r.bad("crews", format!("{crews} is not a number of crews (1 or more)"));
                1
            }),
            lag: r.int("lag", 0),
            owner: r.text("owner"),
            confirmed: r.boolean("confirmed"),
            wave_crews: r
                .pairs("wave_crews", "WAVE:CREWS (wave-1:1)")
                .into_iter()
                .filter_map(|(w, n)| match n.parse::<u32>() {
                    Ok(n) => Some((w, n)),
                    Err(_) => {
                        r.bad("wave_crews", format!("'{}' is not a number of crews (1 or more)", shown(&n)));
                        None
                    }
                })
                .collect(),
            across_waves: r.boolean("across_waves"),
            leads: r.ids("leads"),
            assumption: r.text("assumption"),
        };
        if let Some(at) = of(&mut r, &out) {
            out[at].chains.push(c);
        }
    }
    out
}

/// "Not started" -> "not_started".
fn normal_word(s: &str) -> String {
    s.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

/// Parses one file: the header (known columns, none twice, the required ones present) and
/// its records. `None` when the file cannot be read as CSV at all.
fn read_table(
    file: &'static str,
    bytes: &[u8],
    names: &'static [&'static str],
    required: &[&str],
    extra_columns: bool,
    problems: &mut Problems,
) -> Option<Table> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(body) {
        // The offset is the file's own, a byte order mark included.
        let (line, column, offset) = super::utf8_error_at(body, &e);
        let offset = offset + (bytes.len() - body.len());
        problems.push(
            file,
            line as u64,
            None,
            format!("is not UTF-8 text from character {column} of the line (the byte at offset {offset}); save it as CSV UTF-8"),
        );
        return None;
    }
    let bytes = body;
    let delimiter = sniff_delimiter(bytes);
    let mut reader = ::csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            problems.push(file, 1, None, "is empty; it needs a header row".to_string());
            return None;
        }
        Some(Err(e)) => {
            problems.push(file, 1, None, format!("is not CSV: {}", csv_reason(&e)));
            return None;
        }
        Some(Ok(h)) => h,
    };
    let mut columns = vec![None; names.len()];
    let mut extra: Vec<(usize, String)> = Vec::new();
    let mut header_ok = true;
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim().to_ascii_lowercase().replace(' ', "_");
        if name.is_empty() {
            continue;
        }
        match names.iter().position(|n| *n == name) {
            Some(k) if columns[k].is_some() => {
                problems.push(file, 1, Some(raw), "appears twice in the header".to_string());
                header_ok = false;
            }
            Some(k) => columns[k] = Some(i),
            None if extra_columns => {
                if extra.iter().any(|(_, e)| e.trim() == raw.trim()) {
                    problems.push(file, 1, Some(raw), "appears twice in the header".to_string());
                    header_ok = false;
                }
                extra.push((i, raw.trim().to_string()));
            }
            None => {
                problems.push(file, 1, Some(raw), format!("is not a column of {file} (its columns: {})", names.join(", ")));
                header_ok = false;
            }
        }
    }
    for r in required {
        if let Some(k) = names.iter().position(|n| n == r) {
            if columns[k].is_none() {
                problems.push(file, 1, Some(r), "is missing from the header; this column is required".to_string());
                header_ok = false;
            }
        }
    }
    let mut rows = Vec::new();
    // Lines counted from the byte offsets, once over the text. With CRLF line ends the csv
    // crate's record position is the '\n' ending the line before (and its own line count is
    // off by one per line), so the byte at the position is counted too: a record never
    // starts with a new line.
    let (mut seen, mut line_at) = (0usize, 1u64);
    let mut line_of = |byte: u64| {
        let byte = usize::try_from(byte).unwrap_or(usize::MAX).saturating_add(1).min(bytes.len());
        if byte > seen {
            line_at += bytes[seen..byte].iter().filter(|b| **b == b'\n').count() as u64;
            seen = byte;
        }
        line_at
    };
    let (mut last_line, mut open_quote) = (1, false);
    for record in records {
        match record {
            Ok(r) => {
                let line = line_of(r.position().map_or(0, |p| p.byte()));
                last_line = line;
                // A quote never closed swallows the rest of the file into the last cell.
                open_quote = r.iter().last().is_some_and(|c| c.contains('\n'));
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue; // a blank line a spreadsheet left at the end
                }
                if r.len() > header.len() && r.iter().skip(header.len()).any(|c| !c.trim().is_empty()) {
                    problems.push(file, line, None, format!("has {} cells, more than the {} columns of the header", r.len(), header.len()));
                }
                rows.push((line, r.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = line_of(e.position().map_or(0, |p| p.byte()));
                problems.push(file, line, None, format!("is not CSV: {}", csv_reason(&e)))
            }
        }
    }
    if open_quote && bytes.iter().filter(|b| **b == b'"').count() % 2 == 1 {
        problems.push(file, last_line, None, "a quote (\") opened in this row is never closed".to_string());
    }
    if !header_ok {
        return None;
    }
    Some(Table { file, columns, names, extra, rows })
}

fn csv_reason(e: &::csv::Error) -> String {
    match e.kind() {
        ::csv::ErrorKind::Utf8 { .. } => "text that is not UTF-8".to_string(),
        _ => e.to_string(),
    }
}

/// Semicolon when the header line has more semicolons than commas (outside quotes), as
/// spreadsheets write CSV where the comma is the decimal separator.
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if semis > commas {
        b';'
    } else {
        b','
    }
}

/// A list cell: items separated by `;`, where `\;` is a semicolon inside an item and `\\`
/// a backslash. An empty cell is an empty list.
fn split_list(cell: &str) -> Vec<String> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => items.last_mut().map(|s| s.push(n)).unwrap_or(()),
                None => items.last_mut().map(|s| s.push('\\')).unwrap_or(()),
            },
            ';' => items.push(String::new()),
            c => items.last_mut().map(|s| s.push(c)).unwrap_or(()),
        }
    }
    items
}

fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    items.iter().map(|s| s.as_ref().replace('\\', "\\\\").replace(';', "\\;")).collect::<Vec<_>>().join(";")
}

fn parse_float(s: &str) -> Option<f64> {
    // Spreadsheets in many countries write a decimal comma; a CSV read with `;` keeps it.
    let x: f64 = s.parse().ok().or_else(|| if s.contains(',') && !s.contains('.') { s.replace(',', ".").parse().ok() } else { None })?;
    x.is_finite().then_some(x)
}

fn parse_int(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse::<i32>() {
        return Some(n);
    }
    // "5.0" as a spreadsheet may write a whole number.
    let x = parse_float(s)?;
    (x.fract() == 0.0 && x >= f64::from(i32::MIN) && x <= f64::from(i32::MAX)).then_some(x as i32)
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A cell's text in a message: short, and without control characters.
fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(60).map(|c| if c.is_control() { '?' } else { c }).collect();
    if s.chars().count() > 60 {
        out.push_str("...");
    }
    out
}

// ---------------------------------------------------------------------------------------
// Writing

/// The plan's CSV files, in [`FILES`] order, as (name, bytes).
pub fn to_files(plan: &Plan) -> Vec<(&'static str, Vec<u8>)> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let date = |d: &Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut out = Vec::new();
    let c = &plan.calendar;
    let plan_rows = vec![vec![
        plan.name.clone(),
        plan.start.to_string(),
        join_list(&c.working_days.iter().map(|d| d.to_string()).collect::<Vec<_>>()),
        join_list(&c.holidays.iter().map(|d| d.to_string()).collect::<Vec<_>>()),
        date(&plan.target),
        plan.distribution.as_str().to_string(),
        plan.summary.clone(),
        plan.asks.clone(),
        opt(&plan.leveling_basis),
        date(&plan.status_date),
        plan.review_every_days.to_string(),
    ]];
    out.push(("plan.csv", table(PLAN_COLUMNS, plan_rows)));
    let rows = plan
        .teams
        .iter()
        .map(|t| {
            let cap: Vec<String> = t.capacity.iter().map(|c| format!("{}:{}", c.from, c.fte)).collect();
            vec![
                t.id.clone(),
                t.name.clone(),
                t.fte.to_string(),
                t.utilization_target.to_string(),
                t.correlation.to_string(),
                join_list(&cap),
                t.lead.clone(),
            ]
        })
        .collect();
    out.push(("teams.csv", table(TEAM_COLUMNS, rows)));
    let pairs = |m: &std::collections::BTreeMap<String, String>| join_list(&m.iter().map(|(k, v)| format!("{k}:{v}")).collect::<Vec<_>>());
    let rows = plan
        .waves
        .iter()
        .map(|w| vec![w.id.clone(), w.name.clone(), w.order.to_string(), opt(&w.gate), opt(&w.completion), pairs(&w.anchors)])
        .collect();
    out.push(("waves.csv", table(WAVE_COLUMNS, rows)));
    let values =
        |m: &std::collections::BTreeMap<String, SiteValue>| join_list(&m.iter().map(|(k, v)| format!("{k}:{v}")).collect::<Vec<_>>());
    let rows = plan
        .sites
        .iter()
        .map(|s| vec![s.id.clone(), s.name.clone(), opt(&s.region), opt(&s.wave), pairs(&s.roles), values(&s.values)])
        .collect();
    out.push(("sites.csv", table(SITE_COLUMNS, rows)));
    let rows = plan
        .initiatives
        .iter()
        .map(|i| {
            let effort = effort_cell(&i.effort);
            let (x, y) = i.position.map_or((String::new(), String::new()), |p| (p.x.to_string(), p.y.to_string()));
            vec![
                i.id.clone(),
                i.name.clone(),
                i.owner.clone(),
                opt(&i.team),
                i.duration.optimistic.to_string(),
                i.duration.likely.to_string(),
                i.duration.pessimistic.to_string(),
                effort,
                i.status.as_str().to_string(),
                i.progress.to_string(),
                opt(&i.site),
                opt(&i.wave),
                date(&i.start_no_earlier_than),
                date(&i.finish_no_later_than),
                i.leveling_delay.to_string(),
                i.priority.to_string(),
                i.value.to_string(),
                date(&i.actual_start),
                date(&i.actual_finish),
                i.remaining.map(|r| r.to_string()).unwrap_or_default(),
                date(&i.updated.as_ref().and_then(|u| u.status_date)),
                i.updated.as_ref().map(|u| u.at.clone()).unwrap_or_default(),
                x,
                y,
                i.notes.clone(),
                i.instance.as_ref().map(|x| x.template.clone()).unwrap_or_default(),
                i.instance.as_ref().map(|x| x.step.clone()).unwrap_or_default(),
                join_list(&i.overrides),
                join_list(&i.serves),
                i.deferred.as_ref().map(|d| d.since.to_string()).unwrap_or_default(),
                i.deferred.as_ref().map(|d| d.reason.clone()).unwrap_or_default(),
                i.pinned.filter(|p| p.at == PinAt::Start).map(|p| p.date.to_string()).unwrap_or_default(),
                i.pinned.filter(|p| p.at == PinAt::Finish).map(|p| p.date.to_string()).unwrap_or_default(),
                i.pinned.map(|p| p.source).filter(|s| *s != PinSource::Bridger).map(|s| s.as_str().to_string()).unwrap_or_default(),
                i.done_when.clone(),
            ]
        })
        .collect();
    out.push(("initiatives.csv", table(INITIATIVE_COLUMNS, rows)));
    let rows = plan
        .handoffs
        .iter()
        .map(|h| {
            vec![
                h.id.clone(),
                h.from.clone(),
                h.to.clone(),
                h.kind.as_str().to_string(),
                h.lag.to_string(),
                h.owner.clone(),
                h.assumption.clone(),
                h.confirmed.to_string(),
                date(&h.due),
            ]
        })
        .collect();
    out.push(("handoffs.csv", table(HANDOFF_COLUMNS, rows)));
    let rows = plan
        .risks
        .iter()
        .map(|r| {
            let [o, l, p] = estimate_cells(r.schedule_impact);
            vec![
                r.id.clone(),
                r.title.clone(),
                r.owner.clone(),
                r.probability.to_string(),
                r.impact.to_string(),
                r.mitigation.clone(),
                r.status.as_str().to_string(),
                join_list(&r.initiatives),
                o,
                l,
                p,
            ]
        })
        .collect();
    out.push(("risks.csv", table(RISK_COLUMNS, rows)));
    if !plan.priorities.is_empty() {
        let rows = plan
            .priorities
            .iter()
            .map(|p| vec![p.id.clone(), p.name.clone(), p.owner.clone(), p.rank.to_string(), date(&p.target), p.description.clone()])
            .collect();
        out.push(("priorities.csv", table(PRIORITY_COLUMNS, rows)));
    }
    if !plan.templates.is_empty() {
        out.extend(template_files(plan));
    }
    out
}

/// An effort cell. The team id is escaped whole and its ':' kept: the reader splits at the
/// last ':'.
fn effort_cell(effort: &[Effort]) -> String {
    let items: Vec<String> =
        effort.iter().map(|e| format!("{}:{}", e.team.replace('\\', "\\\\").replace(';', "\\;"), e.person_days)).collect();
    items.join(";")
}

/// A step's effort cell, numbers and formulas as written.
fn step_effort_cell(effort: &[StepEffort]) -> String {
    let items: Vec<String> =
        effort.iter().map(|e| format!("{}:{}", e.team.replace('\\', "\\\\").replace(';', "\\;"), e.person_days)).collect();
    items.join(";")
}

/// The three points of an estimate as cells, or three empty cells.
fn estimate_cells(e: Option<Estimate>) -> [String; 3] {
    e.map_or([String::new(), String::new(), String::new()], |e| [e.optimistic, e.likely, e.pessimistic].map(|d| d.to_string()))
}

/// The files of the plan's templates, in [`TEMPLATE_FILES`] order.
fn template_files(plan: &Plan) -> Vec<(&'static str, Vec<u8>)> {
    let date = |d: &Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let (mut steps, mut handoffs, mut risks, mut chains) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for t in &plan.templates {
        if t.initiatives.is_empty() {
            steps.push([vec![t.id.clone(), t.name.clone()], vec![String::new(); TEMPLATE_COLUMNS.len() - 2]].concat());
        }
        for st in &t.initiatives {
            let [o, l, p] = [&st.duration.optimistic, &st.duration.likely, &st.duration.pessimistic].map(|q| q.to_string());
            steps.push(vec![
                t.id.clone(),
                t.name.clone(),
                st.id.clone(),
                st.name.clone(),
                st.owner.clone(),
                st.role.clone().unwrap_or_default(),
                st.team.clone().unwrap_or_default(),
                o,
                l,
                p,
                step_effort_cell(&st.effort),
                date(&st.start_no_earlier_than),
                date(&st.finish_no_later_than),
                st.after_gate.to_string(),
                st.before_completion.to_string(),
            ]);
        }
        for h in &t.handoffs {
            handoffs.push(vec![
                t.id.clone(),
                h.id.clone(),
                h.from.clone(),
                h.to.clone(),
                h.kind.as_str().to_string(),
                h.lag.to_string(),
                h.owner.clone(),
                h.assumption.clone(),
                h.confirmed.to_string(),
                if h.sites.is_all() { String::new() } else { h.sites.as_str().to_string() },
            ]);
        }
        for r in &t.risks {
            let [o, l, p] = estimate_cells(r.schedule_impact);
            risks.push(vec![
                t.id.clone(),
                r.id.clone(),
                r.title.clone(),
                r.owner.clone(),
                r.probability.to_string(),
                r.impact.to_string(),
                r.mitigation.clone(),
                join_list(&r.initiatives),
                o,
                l,
                p,
            ]);
        }
        for c in &t.chains {
            chains.push(vec![
                t.id.clone(),
                c.step.clone(),
                c.crews.to_string(),
                c.lag.to_string(),
                c.owner.clone(),
                c.confirmed.to_string(),
                join_list(&c.wave_crews.iter().map(|(w, n)| format!("{w}:{n}")).collect::<Vec<_>>()),
                c.across_waves.to_string(),
                join_list(&c.leads),
                c.assumption.clone(),
            ]);
        }
    }
    vec![
        ("templates.csv", table(TEMPLATE_COLUMNS, steps)),
        ("template_handoffs.csv", table(TEMPLATE_HANDOFF_COLUMNS, handoffs)),
        ("template_risks.csv", table(TEMPLATE_RISK_COLUMNS, risks)),
        ("template_chains.csv", table(CHAIN_COLUMNS, chains)),
    ]
}

fn table(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing records to a Vec<u8> cannot fail (no IO error; the csv writer quotes as needed).
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Baselines

/// The file of a CSV folder that holds the baselines kept with the plan: dates only (a
/// spreadsheet holds no plan snapshot), one row per baseline and initiative.
pub const BASELINES_FILE: &str = "baselines.csv";

/// Its columns; `name` (the initiative's, for a person reading the file) is written and not
/// read back. A spreadsheet of approved dates needs only initiative, start and finish.
const BASELINE_COLUMNS: &[&str] = &["baseline", "created", "status_date", "of_record", "initiative", "name", "start", "finish"];

/// The baselines as the rows of [`BASELINES_FILE`] (their dates; the plans they keep are not
/// written, so a baseline read back from CSV has moves without causes).
pub fn baselines_to_csv(plan: &Plan, list: &[Baseline]) -> Vec<u8> {
    let names: std::collections::HashMap<&str, &str> = plan.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str())).collect();
    let mut rows = Vec::new();
    for b in list {
        let names_then: std::collections::HashMap<&str, &str> =
            b.plan.iter().flat_map(|p| p.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str()))).collect();
        for d in &b.schedule.initiatives {
            let name = names_then.get(d.id.as_str()).or_else(|| names.get(d.id.as_str())).copied().unwrap_or("");
            rows.push(vec![
                b.name.clone(),
                b.created.clone(),
                b.status_date.map(|d| d.to_string()).unwrap_or_default(),
                if b.of_record { "true".into() } else { String::new() },
                d.id.clone(),
                name.to_string(),
                d.start.to_string(),
                d.finish.to_string(),
            ]);
        }
    }
    table(BASELINE_COLUMNS, rows)
}

/// Reads baselines from the bytes of a CSV file (`file` names it in problems). With `name`,
/// every row is that one baseline (a spreadsheet of approved dates; the `baseline` column may
/// be left out, and a row naming another baseline is a problem); else the `baseline` column
/// groups the rows. Every bad cell is reported with its line and column; dates out of order,
/// an initiative twice in a baseline, more than one baseline of record are problems too.
pub fn baselines_from_csv(bytes: &[u8], file: &'static str, name: Option<&str>) -> Result<Vec<Baseline>, (Vec<Problem>, usize)> {
    let mut problems = Problems::default();
    let required: &[&str] =
        if name.is_some() { &["initiative", "start", "finish"] } else { &["baseline", "initiative", "start", "finish"] };
    let Some(t) = read_table(file, bytes, BASELINE_COLUMNS, required, false, &mut problems) else {
        return Err((problems.list, problems.count));
    };
    let mut docs: Vec<BaselineDoc> = Vec::new();
    let mut seen: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    for k in 0..t.rows.len() {
        let mut r = t.row(k, &mut problems);
        let given = r.text("baseline").trim().to_string();
        let baseline = match name {
            Some(n) if !given.is_empty() && given != n.trim() => {
                r.bad("baseline", format!("names baseline '{}', but this file is read as baseline '{}'", shown(&given), shown(n)));
                continue;
            }
            Some(n) => n.trim().to_string(),
            None if given.is_empty() => {
                r.bad("baseline", "is empty; a value is required".to_string());
                continue;
            }
            None => given,
        };
        let id = r.required("initiative").trim().to_string();
        let (start, finish) = (r.date("start"), r.date("finish"));
        for (column, d) in [("start", start), ("finish", finish)] {
            if d.is_none() && r.cell(column).trim().is_empty() {
                r.bad(column, "is empty; a value is required".to_string());
            }
        }
        let status_date = r.date("status_date");
        let of_record = r.boolean("of_record");
        let created = r.text("created").trim().to_string();
        let (Some(start), Some(finish)) = (start, finish) else { continue };
        if finish < start {
            r.bad("finish", format!("{finish} is before the start, {start}"));
            continue;
        }
        if id.is_empty() {
            continue;
        }
        if !seen.insert((baseline.clone(), id.clone())) {
            r.bad("initiative", format!("'{}' has dates in baseline '{}' on an earlier line already", shown(&id), shown(&baseline)));
            continue;
        }
        let k = match docs.iter().position(|d| d.name == baseline) {
            Some(k) => k,
            None => {
                docs.push(BaselineDoc {
                    name: baseline,
                    created: String::new(),
                    status_date: None,
                    of_record: false,
                    initiatives: Vec::new(),
                    plan: None,
                    forecast: None,
                });
                docs.len() - 1
            }
        };
        let doc = &mut docs[k];
        doc.initiatives.push(crate::drift::BaselineDates { id, start, finish });
        doc.of_record |= of_record;
        doc.status_date = doc.status_date.or(status_date);
        if doc.created.is_empty() {
            doc.created = created;
        }
    }
    if t.rows.is_empty() {
        problems.push(file, 0, None, "has no rows under its header; a baseline needs its initiatives' dates".to_string());
    }
    if let Some(p) = super::baselines::list_problem(&docs) {
        problems.push(file, 0, Some("of_record"), p);
    }
    if problems.count > 0 {
        return Err((problems.list, problems.count));
    }
    Ok(docs.into_iter().map(super::baselines::baseline).collect())
}

/// The baselines of a CSV folder (its [`BASELINES_FILE`]; none when it has none).
pub fn read_folder_baselines(folder: &Path) -> Result<Vec<Baseline>, CsvError> {
    let path = folder.join(BASELINES_FILE);
    let bytes = match input::read_bytes(&path, MAX_FILE_BYTES, "a CSV file of a plan") {
        Ok(bytes) => bytes,
        Err(InputError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(InputError::Read { path, source }) => return Err(CsvError::Read { path, source }),
        Err(e) => {
            let problems = vec![Problem { file: BASELINES_FILE.to_string(), line: 0, column: None, reason: e.to_string() }];
            return Err(CsvError::Rows { folder: folder.display().to_string(), problems, count: 1 });
        }
    };
    baselines_from_csv(&bytes, BASELINES_FILE, None).map_err(|(problems, count)| CsvError::Rows {
        folder: folder.display().to_string(),
        problems,
        count,
    })
}

/// Writes the plan as a CSV folder at `folder`: the files are written (through
/// `io::output`) into a temporary folder beside it, which is then renamed into place, so
/// the folder appears whole or not at all. An existing folder is replaced only with
/// `Overwrite::Replace` and only when it holds nothing but the files of a CSV plan; a
/// symbolic link is never followed.
pub fn write_folder(folder: &Path, overwrite: Overwrite, plan: &Plan, baselines: &[Baseline]) -> Result<(), CsvError> {
    let existing = check_folder(folder, overwrite)?;
    let parent = match folder.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "csv".to_string());
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let temp = parent.join(format!(".{name}.{}.{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir(&temp).map_err(|source| CsvError::Write { path: temp.clone(), source })?;
    let guard = RemoveDirOnDrop(Some(temp.clone()));
    for (file, bytes) in to_files(plan) {
        output::write_bytes(&temp.join(file), Overwrite::Refuse, &bytes)?;
    }
    if !baselines.is_empty() {
        output::write_bytes(&temp.join(BASELINES_FILE), Overwrite::Refuse, &baselines_to_csv(plan, baselines))?;
    }
    let write_err = |source| CsvError::Write { path: folder.to_path_buf(), source };
    if existing {
        check_folder(folder, overwrite)?;
        let old = parent.join(format!(".{name}.{}.{}.old", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
        std::fs::rename(folder, &old).map_err(write_err)?;
        if let Err(e) = std::fs::rename(&temp, folder) {
            let _ = std::fs::rename(&old, folder); // put the old folder back
            return Err(write_err(e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(&temp, folder).map_err(write_err)?;
    }
    drop(guard);
    if let Ok(f) = std::fs::File::open(&parent) {
        let _ = f.sync_all();
    }
    Ok(())
}

/// Whether `folder` may be written: Ok(false) when it does not exist, Ok(true) when it is a
/// CSV plan folder that may be replaced.
fn check_folder(folder: &Path, overwrite: Overwrite) -> Result<bool, CsvError> {
    let at = || folder.to_path_buf();
    let meta = match std::fs::symlink_metadata(folder) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(source) => return Err(CsvError::Read { path: at(), source }),
    };
    if meta.file_type().is_symlink() {
        return Err(CsvError::Symlink { path: at() });
    }
    if !meta.is_dir() {
        return Err(CsvError::Foreign { path: at(), found: "a file, not a folder".to_string() });
    }
    let entries = std::fs::read_dir(folder).map_err(|source| CsvError::Read { path: at(), source })?;
    for e in entries {
        let e = e.map_err(|source| CsvError::Read { path: at(), source })?;
        let name = e.file_name().to_string_lossy().into_owned();
        let is_file = e.file_type().map(|t| t.is_file()).unwrap_or(false);
        if !is_file || !(FILES.iter().chain(&PRIORITY_FILES).chain(&TEMPLATE_FILES).any(|f| *f == name) || name == BASELINES_FILE) {
            return Err(CsvError::Foreign { path: at(), found: format!("'{}'", shown(&name)) });
        }
    }
    match overwrite {
        Overwrite::Refuse => Err(CsvError::Exists { path: at() }),
        Overwrite::Replace => Ok(true),
    }
}

struct RemoveDirOnDrop(Option<PathBuf>);

impl Drop for RemoveDirOnDrop {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            if p.exists() {
                let _ = std::fs::remove_dir_all(p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells_escape_their_separator() {
        let items = ["a;b".to_string(), "c\\d".to_string(), "e".to_string()];
        assert_eq!(split_list(&join_list(&items)), items);
        assert!(split_list("  ").is_empty());
    }

    #[test]
    fn the_delimiter_is_found_in_the_header() {
        assert_eq!(sniff_delimiter(b"id;name;\"a,b\"\n1,2,3"), b';');
        assert_eq!(sniff_delimiter(b"id,name\n"), b',');
    }
}
