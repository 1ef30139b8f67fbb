//! The plan file: a `.bridger` SQLite database, opened, migrated and edited here.
//! One job in one file, though just over 800 lines: the two handles on a file and what they share.
//!
//! Only this module talks SQL. Two handles on a file:
//! - [`Editor`] edits a file without reading the whole plan: every edit is checked against
//!   the file as it is inside the write transaction, so two programs editing one plan at
//!   once (the app and the CLI, two scripts) never commit a cycle, never overwrite each
//!   other's additions, and never share an undo step. The CLI edits through it.
//! - [`PlanFile`] is an `Editor` plus the whole plan in memory, kept in step with the file
//!   (its own edits are mirrored, another program's are read back): what the app and the
//!   read-only commands use.

mod baseline;
mod edit;
mod inspect;
mod map;
mod rows;
mod schema;
mod simulation;

pub use baseline::{read_all_baselines, read_baseline, read_baseline_of_record, read_baselines, BaselineInfo};
pub use edit::{edit_in_memory, Direction, Edit, EditSummary, EntityKind, Patch};
pub use inspect::{is_sqlite, MAGIC as SQLITE_MAGIC};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use simulation::{read_simulation, StoredSimulation};

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use thiserror::Error;

use crate::model::{Plan, ValidationError};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: no such file")]
    NotFound { path: PathBuf },
    #[error("{path}: already exists; refusing to overwrite it")]
    Exists { path: PathBuf },
    #[error("{path}: is a folder, not a plan file")]
    IsFolder { path: PathBuf },
    #[error("{path}: the folder {} does not exist", .dir.display())]
    NoFolder { path: PathBuf, dir: PathBuf },
    #[error("{path}: not a Bridger plan ({why})")]
    Foreign { path: PathBuf, why: String },
    #[error("{path}: empty or incomplete file (an import or save that did not finish?); nothing was read from it. Restore it from a copy, or create it again with `bridger new` or `bridger import`")]
    Incomplete { path: PathBuf },
    #[error("{path}: written by a newer Bridger (plan file version {found}; this one reads up to {supported}); update Bridger to open it")]
    Newer { path: PathBuf, found: i32, supported: i32 },
    #[error("{path}: cannot open: {why}")]
    Open { path: PathBuf, why: String },
    #[error("{path}: another program is saving this plan; try again")]
    Busy { path: PathBuf },
    #[error("{path}: the file or its folder is read-only; nothing was saved")]
    ReadOnly { path: PathBuf },
    #[error("{path}: the disk is full; nothing was saved")]
    DiskFull { path: PathBuf },
    #[error("{path}: the disk reported an error ({why}); nothing was saved")]
    Io { path: PathBuf, why: String },
    #[error("{path}: the plan file is damaged: {what}; restore it from a copy")]
    Damaged { path: PathBuf, what: String },
    #[error("{path}: {table} '{id}': {what} (the file was changed outside Bridger; restore it from a copy or correct that row)")]
    BadRow { path: PathBuf, table: String, id: String, what: String },
    #[error("the plan is invalid: {}", list(.0))]
    Invalid(Vec<ValidationError>),
    /// An edit that would make the plan invalid; the plan is as it was.
    #[error("refused: {}", list(.0))]
    Refused(Vec<ValidationError>),
    #[error("{kind} '{id}' does not exist")]
    Missing { kind: &'static str, id: String },
    /// A name that must be unique is taken (a baseline's).
    #[error("{kind} '{id}' already exists; choose another name, or replace it")]
    Taken { kind: &'static str, id: String },
    /// One edit of a batch was refused, so none of the batch was saved.
    #[error("edit {item} of {of} in the batch: {source}; nothing in the batch was saved")]
    InBatch { item: usize, of: usize, source: Box<StoreError> },
    #[error("{kind} '{id}': cannot set {why}")]
    BadPatch { kind: &'static str, id: String, why: String },
    #[error("{kind} '{id}' is still used by {users}; change or remove those first")]
    InUse { kind: &'static str, id: String, users: String },
    /// A rollout edit refused (`crate::rollout`); the plan is as it was.
    #[error("refused: {0}")]
    Rollout(#[from] crate::rollout::RolloutError),
    /// An SQLite error not yet given its file and its meaning (see `StoreError::at`); the
    /// public functions never return it.
    #[error("plan file: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl StoreError {
    /// The error as the user must see it: with the file it is about, and an SQLite error
    /// turned into what it means and what to do.
    fn at(self, path: &Path) -> StoreError {
        let path = path.to_path_buf();
        match self {
            StoreError::Sql(e) => classify(e, path),
            StoreError::InBatch { item, of, source } => StoreError::InBatch { item, of, source: Box::new(source.at(&path)) },
            StoreError::BadRow { table, id, what, .. } => StoreError::BadRow { path, table, id, what },
            StoreError::Damaged { what, .. } => StoreError::Damaged { path, what },
            other => other,
        }
    }
}

fn classify(e: rusqlite::Error, path: PathBuf) -> StoreError {
    use rusqlite::ErrorCode as C;
    let rusqlite::Error::SqliteFailure(code, message) = &e else {
        return StoreError::Damaged { path, what: format!("SQLite: {e}") };
    };
    let message = message.clone().unwrap_or_default();
    match code.code {
        C::DatabaseBusy | C::DatabaseLocked => StoreError::Busy { path },
        C::ReadOnly => StoreError::ReadOnly { path },
        C::DiskFull => StoreError::DiskFull { path },
        C::SystemIoFailure => StoreError::Io { path, why: if message.is_empty() { e.to_string() } else { message } },
        C::NotADatabase => StoreError::Foreign { path, why: "not an SQLite database".into() },
        C::DatabaseCorrupt => StoreError::Damaged { path, what: "SQLite finds it malformed (cut short, or overwritten in part?)".into() },
        C::CannotOpen => StoreError::Open { path, why: "SQLite cannot open it (is it readable, and is its folder writable?)".into() },
        C::ConstraintViolation => StoreError::Damaged { path, what: format!("a row breaks a rule of the file ({message})") },
        _ => {
            if let Some(t) = message.strip_prefix("no such table: ") {
                StoreError::Damaged { path, what: format!("its table '{t}' is missing") }
            } else if let Some(c) = message.strip_prefix("no such column: ") {
                StoreError::Damaged { path, what: format!("its column '{c}' is missing") }
            } else {
                StoreError::Damaged { path, what: format!("SQLite: {e}") }
            }
        }
    }
}

fn list(errors: &[ValidationError]) -> String {
    let shown: Vec<String> = errors.iter().take(5).map(|e| e.to_string()).collect();
    let more = if errors.len() > 5 { format!(" (and {} more)", errors.len() - 5) } else { String::new() };
    format!("{}{more}", shown.join("; "))
}

/// Whether opening an `Editor` scans the file for what `read` would refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verify {
    Rows,
    No,
}

/// The name an edit's journal rows carry when the client does not set one.
const DEFAULT_SOURCE: &str = "bridger";

/// A plan file open for editing, without the plan in memory.
pub struct Editor {
    conn: Connection,
    path: PathBuf,
    source: String,
    /// `PRAGMA data_version` when this connection last saw the file: it changes when
    /// another connection (the CLI, another window) commits to the file.
    data_version: i64,
    /// The plan's revision when this handle last read or wrote it: what tells another
    /// program's committed edit (the revision moved) from anything else it commits (a kept
    /// simulation, which is no edit) or from a mere read.
    revision: i64,
}

/// What another program committed to the file since a handle last looked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outside {
    /// Nothing.
    Nothing,
    /// An edit, a batch, an undo or a redo: the plan changed.
    Edited,
    /// Something that is not an edit (the kept simulation): the plan is as it was.
    Other,
}

impl Editor {
    /// Opens an existing plan file for editing, upgrading an older schema. A file that is
    /// not a Bridger plan, or is newer than this binary, is refused and left as it was.
    ///
    /// A file that [`read`] refuses (a value of the wrong type, a missing table: changed
    /// outside Bridger) is refused here too, with the same error, before anything is
    /// written: `edit`, `undo` and `redo` used to change a file that `check` refuses to
    /// read. The check scans the tables in SQLite without reading the plan (see
    /// `rows::verify`), so an edit stays cheap on a large plan.
    pub fn open(path: &Path) -> Result<Editor, StoreError> {
        Self::open_with(path, Verify::Rows)
    }

    /// Opens a file whose whole plan the caller reads next (which refuses a damaged file
    /// with the same error) or that was just written: no scan first.
    fn open_unverified(path: &Path) -> Result<Editor, StoreError> {
        Self::open_with(path, Verify::No)
    }

    fn open_with(path: &Path, verify: Verify) -> Result<Editor, StoreError> {
        inspect::header(path)?;
        Self::open_checked(path, verify).map_err(|e| e.at(path))
    }

    fn open_checked(path: &Path, verify: Verify) -> Result<Editor, StoreError> {
        let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // The header said it is ours; the file as SQLite sees it (with its write-ahead
        // log) has the last word on the version, before anything is written.
        newer_check(&conn, path)?;
        if verify == Verify::Rows {
            // Before the switch to WAL and any upgrade: a refused file is left as it was.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
            rows::verify(&tx)?;
            tx.commit()?;
        }
        configure(&conn)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        newer(path, version)?;
        if version < schema::SCHEMA_VERSION {
            migrate(&tx, version)?;
        }
        // A file found sound, or upgraded, gets the indexes that make the next opening's check
        // cheap (one opened unverified is read whole next, which may refuse it: it is left as
        // it was unless an upgrade writes it anyway).
        let indexed = (verify == Verify::Rows || version < schema::SCHEMA_VERSION) && rows::index_suspects(&tx)?;
        if indexed || version < schema::SCHEMA_VERSION {
            tx.commit()?;
        } else {
            drop(tx);
        }
        let data_version = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        let revision = simulation::revision(&conn)?;
        Ok(Editor { conn, path: path.to_path_buf(), source: DEFAULT_SOURCE.into(), data_version, revision })
    }

    /// Creates a new plan file holding `plan`. Refuses an invalid plan (with a cycle too)
    /// and an existing path. The file is written under a temporary name in the same folder
    /// and appears whole or not at all: a crash never leaves a half-written plan.
    pub fn create(path: &Path, plan: &Plan) -> Result<Editor, StoreError> {
        let errors = crate::health::errors(plan);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        inspect::new_file(path)?;
        let tmp = inspect::temp_beside(path);
        let result = Self::write_new(&tmp, plan).map_err(|e| e.at(path)).and_then(|()| inspect::publish(&tmp, path));
        inspect::remove_with_sidecars(&tmp);
        result?;
        Self::open_unverified(path)
    }

    fn write_new(tmp: &Path, plan: &Plan) -> Result<(), StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(tmp, flags)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "cache_size", -65536)?;
        // Written in rollback mode with a full sync, then switched to WAL and closed, so the
        // file is complete on disk, with no log beside it, before it gets its real name.
        conn.pragma_update(None, "synchronous", "FULL")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        migrate(&tx, 0)?;
        // A secondary index is built once after the rows are in (one sort), not row by row.
        let indexes: Vec<(String, String)> = {
            let mut st = tx.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (name, _) in &indexes {
            tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        }
        rows::write_meta(&tx, plan)?;
        let mut seq = 0i64;
        let mut next = || {
            seq += 1;
            seq
        };
        let w = rows::Write::Insert;
        for t in &plan.teams {
            rows::put_team(&tx, t, next(), w)?;
        }
        for x in &plan.waves {
            rows::put_wave(&tx, x, next(), w)?;
        }
        for s in &plan.sites {
            rows::put_site(&tx, s, next(), w)?;
        }
        // Before the initiatives that serve them.
        for p in &plan.priorities {
            rows::put_priority(&tx, p, next(), w)?;
        }
        for i in &plan.initiatives {
            rows::put_initiative(&tx, i, next(), w)?;
        }
        for h in &plan.handoffs {
            rows::put_handoff(&tx, h, next(), w)?;
        }
        for t in &plan.templates {
            rows::put_template(&tx, t, next(), w)?;
        }
        for r in &plan.risks {
            rows::put_risk(&tx, r, next(), w)?;
        }
        tx.execute("UPDATE plan SET next_seq = ?1 WHERE id = 1", [next()])?;
        for (_, sql) in &indexes {
            tx.execute_batch(sql)?;
        }
        // Not the indexes of suspect rows: building them scans every initiative and handoff
        // again (a second on 200,000 initiatives, a quarter of an import); the first editor
        // that opens the file checks it and builds them (`Editor::open`).
        tx.commit()?;
        let _: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Names the program whose edits these are (`bridger edit`, `Bridger app`): undo tells
    /// it back, since the last edit of a shared file may be another program's.
    pub fn set_source(&mut self, source: &str) {
        self.source = source.to_string();
    }

    /// Runs `work` in one immediate (write-locked) transaction and commits it. Returns
    /// what `work` returned and whether another program had written since we last looked.
    fn write<T>(&mut self, work: impl FnOnce(&rusqlite::Transaction<'_>, &str) -> Result<T, StoreError>) -> Result<(T, bool), StoreError> {
        let run = |conn: &mut Connection, source: &str| -> Result<(T, i64, i64), StoreError> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Inside the write lock: what other programs committed before it is visible,
            // and nothing can be committed until this transaction ends.
            let now: i64 = tx.pragma_query_value(None, "data_version", |r| r.get(0))?;
            let out = work(&tx, source)?;
            let revision = simulation::revision(&tx)?;
            tx.commit()?;
            Ok((out, now, revision))
        };
        let (out, now, revision) = run(&mut self.conn, &self.source).map_err(|e| e.at(&self.path))?;
        let changed = now != self.data_version;
        self.data_version = now;
        self.revision = revision;
        Ok((out, changed))
    }

    /// Applies one edit as one committed transaction and one undo step. A refused edit
    /// changes nothing.
    pub fn apply(&mut self, edit: &Edit) -> Result<(), StoreError> {
        self.apply_batch(std::slice::from_ref(edit))
    }

    /// Applies several edits as one transaction and one undo step (moving or deleting a
    /// selection): each is checked against the file with the ones before it applied; if
    /// one is refused, none is saved.
    pub fn apply_batch(&mut self, edits: &[Edit]) -> Result<(), StoreError> {
        self.write_batch(edits, true).map(|_| ())
    }

    /// [`Editor::apply_batch`], returning the edits as applied: a patch as the update it
    /// made, a rollout edit as the edits it made (`Journal::edit`).
    pub fn apply_batch_made(&mut self, edits: &[Edit]) -> Result<Vec<Edit>, StoreError> {
        self.write_batch(edits, true).map(|(applied, _)| applied)
    }

    /// Applies the edits of an import as one batch: as [`Editor::apply_batch`], except that
    /// an initiative keeps the record of its last update its file gives (an import states
    /// no one's progress; `Initiative::updated`).
    pub fn apply_imported(&mut self, edits: &[Edit]) -> Result<(), StoreError> {
        self.write_batch(edits, false).map(|_| ())
    }

    /// Applies a batch; returns the edits as applied (patches resolved) and whether another
    /// program had changed the file before it. `stamp`: see [`edit::Journal::stamp`].
    fn write_batch(&mut self, edits: &[Edit], stamp: bool) -> Result<(Vec<Edit>, bool), StoreError> {
        if edits.is_empty() {
            return Ok((Vec::new(), false));
        }
        self.write(|tx, source| {
            let mut j = edit::Journal::begin(tx, source, edits.len())?;
            j.stamp = stamp;
            let mut applied = Vec::with_capacity(edits.len());
            for (k, e) in edits.iter().enumerate() {
                let done = j.edit(e).map_err(|err| match edits.len() {
                    1 => err,
                    of => StoreError::InBatch { item: k + 1, of, source: Box::new(err) },
                })?;
                applied.extend(done);
            }
            j.finish()?;
            Ok(applied)
        })
    }

    /// Undoes the last edit in the file (one committed transaction) and says what it was
    /// and whose; None when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<EditSummary>, StoreError> {
        Ok(self.write(|tx, _| edit::step(tx, Direction::Undo))?.0)
    }

    /// Redoes the last undone edit; None when there is none. Any new edit after an undo
    /// ends what can be redone.
    pub fn redo(&mut self) -> Result<Option<EditSummary>, StoreError> {
        Ok(self.write(|tx, _| edit::step(tx, Direction::Redo))?.0)
    }

    /// The whole plan as the file holds it now.
    pub fn read_plan(&mut self) -> Result<Plan, StoreError> {
        let read = |conn: &mut Connection| -> Result<(Plan, i64, i64), StoreError> {
            // One read transaction: the plan and its data version belong together.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
            let plan = rows::read_plan(&tx)?;
            let v = tx.pragma_query_value(None, "data_version", |r| r.get(0))?;
            let revision = simulation::revision(&tx)?;
            tx.commit()?;
            // The pages a whole read brought into the cache (up to its 64 MiB) serve no
            // edit: freed, the plan just read and what its caller builds take their place.
            conn.execute_batch("PRAGMA shrink_memory")?;
            Ok((plan, v, revision))
        };
        let (plan, v, revision) = read(&mut self.conn).map_err(|e| e.at(&self.path))?;
        self.data_version = v;
        self.revision = revision;
        Ok(plan)
    }

    /// Has another program committed to the file since this handle last read or wrote it?
    pub fn changed_outside(&self) -> Result<bool, StoreError> {
        let now: i64 = self.conn.pragma_query_value(None, "data_version", |r| r.get(0)).map_err(|e| StoreError::from(e).at(&self.path))?;
        Ok(now != self.data_version)
    }

    /// What another program committed since this handle last read or wrote the file: an
    /// edit (the plan's revision moved; the caller reads the plan again, which notes it), or
    /// something that is no edit (a kept simulation: reported once). `PRAGMA data_version`
    /// alone cannot tell them apart, nor is it a fact about the plan.
    pub fn outside(&mut self) -> Result<Outside, StoreError> {
        let now: i64 = self.conn.pragma_query_value(None, "data_version", |r| r.get(0)).map_err(|e| StoreError::from(e).at(&self.path))?;
        if now == self.data_version {
            return Ok(Outside::Nothing);
        }
        if self.revision()? != self.revision {
            return Ok(Outside::Edited);
        }
        self.data_version = now;
        Ok(Outside::Other)
    }

    /// The plan's revision: counted up by every committed edit, batch, undo and redo. A
    /// client that computes something from the plan (a simulation) notes the revision
    /// before it reads the plan, and saves its result with it.
    pub fn revision(&self) -> Result<i64, StoreError> {
        simulation::revision(&self.conn).map_err(|e| e.at(&self.path))
    }

    /// Keeps `layout`, drawn from a plan of `fingerprint` (`model::layout_fingerprint`), as
    /// the last map of its arrangement, so that the plan reopened shows it again. Not an
    /// edit: no journal, no revision; and what this handle knows of other programs' commits
    /// is left as it was, so their edits are still noticed.
    pub fn save_map(&mut self, fingerprint: &str, layout: &crate::layout::Layout) -> Result<(), StoreError> {
        let run = |conn: &mut Connection| -> Result<(), StoreError> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            map::save(&tx, fingerprint, layout)?;
            tx.commit()?;
            Ok(())
        };
        run(&mut self.conn).map_err(|e| e.at(&self.path))
    }

    /// The last map kept for `arrangement` and the fingerprint of the plan it was drawn
    /// from; None when there is none (or it cannot be read).
    pub fn last_map(&self, arrangement: crate::layout::Arrangement) -> Result<Option<(String, crate::layout::Layout)>, StoreError> {
        map::load(&self.conn, arrangement).map_err(|e| e.at(&self.path))
    }

    /// Saves the results of a simulation in place of the last ones. Not an edit: it is not
    /// journaled, cannot be undone and does not count as a revision (so it does not make
    /// itself stale). `sim.at` empty means now; `sim.stale` is not saved (it is worked out
    /// when the results are read).
    /// False when the file keeps a run of a later revision, which stays (see
    /// `simulation::save`).
    pub fn save_simulation(&mut self, sim: &StoredSimulation) -> Result<bool, StoreError> {
        self.write_simulation(sim).map(|(saved, _)| saved)
    }

    /// Saves the results; says whether they were saved and whether another program had
    /// written the file before.
    fn write_simulation(&mut self, sim: &StoredSimulation) -> Result<(bool, bool), StoreError> {
        self.write(|tx, _| simulation::save(tx, sim))
    }

    /// The last simulation's results saved in the file, if any, and whether the plan has
    /// changed since (`stale`).
    pub fn last_simulation(&self) -> Result<Option<StoredSimulation>, StoreError> {
        simulation::load(&self.conn).map_err(|e| e.at(&self.path))
    }

    /// Keeps a baseline of the plan as this handle last read it (`read_plan`), under its
    /// name (an existing one of that name only when `force`). Not an edit: no journal, no
    /// revision, so undo and redo leave it. Refused with `Busy` when another program edited
    /// the plan since it was read (the baseline would not be of the plan in the file).
    pub fn keep_baseline(&mut self, b: &crate::drift::Baseline, force: bool) -> Result<(), StoreError> {
        let read_at = self.revision;
        let path = self.path.clone();
        self.write(|tx, _| {
            if simulation::revision(tx)? != read_at {
                return Err(StoreError::Busy { path });
            }
            baseline::keep(tx, b, force)
        })?;
        Ok(())
    }

    /// Deletes the baseline `name` (when it was the baseline of record, the earliest left
    /// takes its place).
    pub fn delete_baseline(&mut self, name: &str) -> Result<(), StoreError> {
        self.write(|tx, _| baseline::delete(tx, name))?;
        Ok(())
    }

    /// Makes `name` the baseline of record.
    pub fn set_baseline_of_record(&mut self, name: &str) -> Result<(), StoreError> {
        self.write(|tx, _| baseline::set_of_record(tx, name))?;
        Ok(())
    }

    /// Every baseline kept in the file, oldest first.
    pub fn baselines(&self) -> Result<Vec<BaselineInfo>, StoreError> {
        baseline::list(&self.conn).map_err(|e| e.at(&self.path))
    }

    /// The dates of the baseline of record (None when the file keeps none), read on this
    /// editor's connection: what every view of the open plan measures its variance against.
    pub fn baseline_of_record(&self) -> Result<Option<crate::drift::Baseline>, StoreError> {
        baseline::of_record(&self.conn).map_err(|e| e.at(&self.path))
    }

    /// How many edits the journal holds that are in effect (not undone).
    pub fn journal_len(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT COUNT(DISTINCT grp) FROM journal WHERE undone = 0", [], |r| r.get(0))
            .map_err(|e| StoreError::from(e).at(&self.path))
    }

    /// Writes a copy of the plan (and its journal) to a new file: Save As. Refuses an
    /// existing path; the copy appears whole or not at all.
    pub fn save_copy(&self, path: &Path) -> Result<(), StoreError> {
        inspect::new_file(path)?;
        let tmp = inspect::temp_beside(path);
        let copy = || -> Result<(), StoreError> {
            // VACUUM INTO writes a consistent, compact copy from one read transaction.
            self.conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])?;
            Ok(())
        };
        let result = copy().map_err(|e| e.at(path)).and_then(|()| inspect::publish(&tmp, path));
        inspect::remove_with_sidecars(&tmp);
        result
    }

    /// What undo (or redo) would take back now, without doing it: for a menu or a tooltip.
    pub fn next_step(&self, dir: Direction) -> Result<Option<EditSummary>, StoreError> {
        edit::peek(&self.conn, dir).map_err(|e| e.at(&self.path))
    }

    /// How many edits undo can go back (older ones are compacted away).
    pub fn undo_depth(&self) -> Result<i64, StoreError> {
        self.conn.query_row("SELECT undo_depth FROM plan WHERE id = 1", [], |r| r.get(0)).map_err(|e| StoreError::from(e).at(&self.path))
    }

    /// Sets how many edits undo can go back (at least 1); the journal is trimmed at the
    /// next edit.
    pub fn set_undo_depth(&mut self, depth: i64) -> Result<(), StoreError> {
        self.write(|tx, _| {
            tx.execute("UPDATE plan SET undo_depth = ?1 WHERE id = 1", [depth.max(1)])?;
            Ok(())
        })?;
        Ok(())
    }
}

/// The plan a file holds, read without writing anything: not the write-ahead log's
/// mode, not an upgrade of an older file, and no `-wal` or `-shm` file beside it (SQLite
/// creates those even for a read-only connection). What the commands that only read use,
/// so they work on a read-only file and leave every file as they found it.
///
/// When no other program has the file open (no `-wal` beside it), the file is read as
/// immutable, which needs no sidecar files; if the file changed during that read, it is
/// read again through an ordinary read-only connection, which is what happens anyway
/// while another program has it open.
pub fn read(path: &Path) -> Result<Plan, StoreError> {
    read_only_with(path, rows::read_plan_with)
}

/// Runs `work` in one read transaction on a connection that writes nothing (see [`read`]).
pub(super) fn read_only<T>(path: &Path, work: impl Fn(&Connection) -> Result<T, StoreError>) -> Result<T, StoreError> {
    read_only_with(path, |c, _| work(c))
}

/// A file at least this large, read as immutable, is read on two connections at once
/// (`rows::read_plan_with`): below it a second connection costs more than it saves.
const TWO_CONNECTIONS: u64 = 1 << 20;

/// [`read_only`], where `work` may also open a second connection on the file, at the same
/// state, for another thread: only when the file is read as immutable (nothing else has
/// it open, so two connections see one state; it is read again on one connection if it
/// changed) and large.
fn read_only_with<T>(path: &Path, work: impl Fn(&Connection, Option<rows::Opener<'_>>) -> Result<T, StoreError>) -> Result<T, StoreError> {
    inspect::header(path)?;
    let open = |uri: &str| -> Result<Connection, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(uri, flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Pages mapped rather than copied into a cache: a plan is read once, front to back.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        Ok(conn)
    };
    let read_with = |uri: &str, two: bool| -> Result<T, StoreError> {
        let mut conn = open(uri)?;
        newer_check(&conn, path)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let second = || open(uri);
        let out = work(&tx, if two { Some(&second) } else { None })?;
        tx.commit()?;
        Ok(out)
    };
    let wal = inspect::sidecar(path, "-wal");
    if !wal.exists() {
        let before = inspect::stamp(path);
        let large = before.is_some_and(|(len, _)| len >= TWO_CONNECTIONS);
        let out = read_with(&inspect::uri(path, true), large).map_err(|e| e.at(path));
        if !wal.exists() && inspect::stamp(path) == before {
            return out;
        }
    }
    read_with(&inspect::uri(path, false), false).map_err(|e| e.at(path))
}

/// Refuses a file whose schema (as SQLite sees it) is newer than this binary.
fn newer_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    newer(path, version)
}

fn newer(path: &Path, version: i32) -> Result<(), StoreError> {
    if version > schema::SCHEMA_VERSION {
        return Err(StoreError::Newer { path: path.to_path_buf(), found: version, supported: schema::SCHEMA_VERSION });
    }
    Ok(())
}

/// An open plan file and the plan it holds, kept in step with the file.
pub struct PlanFile {
    editor: Editor,
    plan: Plan,
}

impl PlanFile {
    /// Creates a new plan file holding `plan` (see [`Editor::create`]).
    pub fn create(path: &Path, plan: &Plan) -> Result<PlanFile, StoreError> {
        Self::load(Editor::create(path, plan)?)
    }

    /// Opens an existing plan file for reading and editing (see [`Editor::open`]; the
    /// plan read whole refuses a damaged file with the same error as `Editor::open`).
    pub fn open(path: &Path) -> Result<PlanFile, StoreError> {
        Self::load(Editor::open_unverified(path)?)
    }

    fn load(mut editor: Editor) -> Result<PlanFile, StoreError> {
        let plan = editor.read_plan()?;
        Ok(PlanFile { editor, plan })
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The plan, without the file.
    pub fn into_plan(self) -> Plan {
        self.plan
    }

    pub fn path(&self) -> &Path {
        self.editor.path()
    }

    /// See [`Editor::set_source`].
    pub fn set_source(&mut self, source: &str) {
        self.editor.set_source(source);
    }

    /// Applies one edit as one committed transaction. A refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<(), StoreError> {
        self.apply_batch(vec![edit])
    }

    /// Applies several edits as one transaction and one undo step; all or none.
    pub fn apply_batch(&mut self, edits: Vec<Edit>) -> Result<(), StoreError> {
        self.apply_edits(edits, true)
    }

    /// See [`Editor::apply_imported`].
    pub fn apply_imported(&mut self, edits: Vec<Edit>) -> Result<(), StoreError> {
        self.apply_edits(edits, false)
    }

    fn apply_edits(&mut self, edits: Vec<Edit>, stamp: bool) -> Result<(), StoreError> {
        let (applied, changed_outside) = self.editor.write_batch(&edits, stamp)?;
        if changed_outside {
            // Another program wrote before us: what we hold is stale, read it all.
            self.plan = self.editor.read_plan()?;
        } else {
            edit::apply_all_in_memory(&mut self.plan, applied);
        }
        Ok(())
    }

    /// How many edits the journal holds that are in effect (not undone).
    pub fn journal_len(&self) -> Result<i64, StoreError> {
        self.editor.journal_len()
    }

    /// See [`Editor::revision`].
    pub fn revision(&self) -> Result<i64, StoreError> {
        self.editor.revision()
    }

    /// See [`Editor::save_simulation`]: the plan does not change (it is read again if
    /// another program changed it before).
    pub fn save_simulation(&mut self, sim: &StoredSimulation) -> Result<bool, StoreError> {
        let (saved, outside) = self.editor.write_simulation(sim)?;
        if outside {
            self.plan = self.editor.read_plan()?;
        }
        Ok(saved)
    }

    /// See [`Editor::last_simulation`].
    pub fn last_simulation(&self) -> Result<Option<StoredSimulation>, StoreError> {
        self.editor.last_simulation()
    }

    /// Reads the plan again if another program changed the file since; true if it did.
    /// Cheap enough to call before every command of the app.
    pub fn reload_if_changed(&mut self) -> Result<bool, StoreError> {
        Ok(self.refresh()? != Outside::Nothing)
    }

    /// What another program committed since this handle last looked; the plan is read
    /// again only when that was an edit (a kept simulation or a read changes no plan).
    pub fn refresh(&mut self) -> Result<Outside, StoreError> {
        let outside = self.editor.outside()?;
        if outside == Outside::Edited {
            self.plan = self.editor.read_plan()?;
        }
        Ok(outside)
    }

    /// Undoes the last edit in the file and says what it was; None when there is nothing
    /// to undo.
    pub fn undo(&mut self) -> Result<Option<EditSummary>, StoreError> {
        let done = self.editor.undo()?;
        if done.is_some() {
            self.plan = self.editor.read_plan()?;
        }
        Ok(done)
    }

    /// Redoes the last undone edit; None when there is none.
    pub fn redo(&mut self) -> Result<Option<EditSummary>, StoreError> {
        let done = self.editor.redo()?;
        if done.is_some() {
            self.plan = self.editor.read_plan()?;
        }
        Ok(done)
    }

    /// Writes a copy of the plan to a new file (see [`Editor::save_copy`]).
    pub fn save_copy(&self, path: &Path) -> Result<(), StoreError> {
        self.editor.save_copy(path)
    }

    /// The editor underneath, for settings such as the undo depth.
    pub fn editor(&mut self) -> &mut Editor {
        &mut self.editor
    }

    /// Every baseline kept in the file, oldest first.
    pub fn baselines(&self) -> Result<Vec<BaselineInfo>, StoreError> {
        self.editor.baselines()
    }

    /// The dates of the file's baseline of record (None when it keeps none).
    pub fn baseline_of_record(&self) -> Result<Option<crate::drift::Baseline>, StoreError> {
        self.editor.baseline_of_record()
    }
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "foreign_keys", true)?;
    // The query planner's stability guarantee: a plan never depends on the values bound to
    // a statement. Without it, a statement on a table with a partial index (the suspect
    // rows', `rows::LARGE`) took the value bound to `?1` into account, so each new binding
    // expired it and SQLite parsed it again: a rollout of 1,000 sites spent a third of its
    // time parsing `efforts_of` anew. The suspect queries bind nothing and keep their index.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // WAL: readers (the CLI) do not block the app's writes. synchronous=NORMAL in WAL mode:
    // a committed edit survives a crash of the app or the process; a power cut can lose
    // the last edits since the last checkpoint but never corrupts the file. FULL would
    // fsync on every keystroke-sized edit (several ms each on a laptop disk).
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        let _: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // 64 MiB of page cache (the default is 2 MiB): a 20k-initiative plan fits whole, so
    // saving and opening do not thrash the index pages.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

fn migrate(tx: &rusqlite::Transaction<'_>, from: i32) -> Result<(), StoreError> {
    for (k, sql) in schema::MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (k + 1) as i32)?;
    }
    Ok(())
}
