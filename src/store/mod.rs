//! The plan file: a `.bridger` SQLite database, opened, migrated and edited here.
//!
//! Only this module talks SQL. A `PlanFile` keeps the plan in memory next to the open
//! connection; every edit is validated against that plan, written in one immediate
//! transaction together with its journal rows, and only then applied in memory, so the
//! file and the plan never disagree and a refused edit changes nothing.

mod edit;
mod rows;
mod schema;

pub use edit::{Direction, Edit, EditSummary};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use thiserror::Error;

use crate::model::{Index, Plan, ValidationError};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: no such file")]
    NotFound { path: PathBuf },
    #[error("{path}: already exists; refusing to overwrite it")]
    Exists { path: PathBuf },
    #[error("{path}: not a Bridger plan ({why})")]
    Foreign { path: PathBuf, why: String },
    #[error("{path}: written by a newer Bridger (plan file version {found}; this one reads up to {supported}); update Bridger to open it")]
    Newer { path: PathBuf, found: i32, supported: i32 },
    #[error("{path}: cannot open: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("plan file: {table} '{id}' has a bad {what}")]
    BadRow { table: String, id: String, what: String },
    #[error("the plan is invalid: {}", list(.0))]
    Invalid(Vec<ValidationError>),
    /// An edit that would make the plan invalid; the plan is as it was.
    #[error("refused: {}", list(.0))]
    Refused(Vec<ValidationError>),
    #[error("{kind} '{id}' does not exist")]
    Missing { kind: &'static str, id: String },
    #[error("{kind} '{id}' is still used by {users}; change or remove those first")]
    InUse { kind: &'static str, id: String, users: String },
    #[error("plan file: {0}")]
    Sql(#[from] rusqlite::Error),
}

fn list(errors: &[ValidationError]) -> String {
    let shown: Vec<String> = errors.iter().take(5).map(|e| e.to_string()).collect();
    let more = if errors.len() > 5 { format!(" (and {} more)", errors.len() - 5) } else { String::new() };
    format!("{}{more}", shown.join("; "))
}

/// An open plan file and the plan it holds.
pub struct PlanFile {
    conn: Connection,
    path: PathBuf,
    plan: Plan,
    index: Index,
    next_seq: i64,
    /// `PRAGMA data_version` when the plan was last read: it changes when another
    /// connection (the CLI, another window) commits to the file.
    data_version: i64,
}

impl PlanFile {
    /// Creates a new plan file holding `plan`. Refuses an invalid plan (with a cycle too)
    /// and an existing path; on failure no file is left behind.
    pub fn create(path: &Path, plan: &Plan) -> Result<PlanFile, StoreError> {
        let errors = crate::health::errors(plan);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        if path.exists() {
            return Err(StoreError::Exists { path: path.to_path_buf() });
        }
        let result = Self::create_inner(path, plan);
        if result.is_err() {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut p = path.as_os_str().to_owned();
                p.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(p));
            }
        }
        result
    }

    fn create_inner(path: &Path, plan: &Plan) -> Result<PlanFile, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        configure(&conn)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        migrate(&tx, 0)?;
        rows::write_meta(&tx, plan)?;
        let mut seq = 0i64;
        let mut next = || {
            seq += 1;
            seq
        };
        for t in &plan.teams {
            rows::upsert_team(&tx, t, next())?;
        }
        for w in &plan.waves {
            rows::upsert_wave(&tx, w, next())?;
        }
        for s in &plan.sites {
            rows::upsert_site(&tx, s, next())?;
        }
        for i in &plan.initiatives {
            rows::upsert_initiative(&tx, i, next(), false)?;
        }
        for h in &plan.handoffs {
            rows::upsert_handoff(&tx, h, next())?;
        }
        for r in &plan.risks {
            rows::upsert_risk(&tx, r, next(), false)?;
        }
        tx.commit()?;
        Self::load(conn, path)
    }

    /// Opens an existing plan file, upgrading an older schema. A file that is not a
    /// Bridger plan, or is newer than this binary, is refused and left as it was.
    pub fn open(path: &Path) -> Result<PlanFile, StoreError> {
        if !path.exists() {
            return Err(StoreError::NotFound { path: path.to_path_buf() });
        }
        let p = path.to_path_buf();
        let foreign = |why: &str| StoreError::Foreign { path: p.clone(), why: why.to_string() };
        // Look first through a read-only connection: nothing, not even WAL mode, is
        // written to a file until we know it is ours and not from the future.
        let version = {
            let ro = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|source| StoreError::Open { path: p.clone(), source })?;
            let app: i32 = match ro.pragma_query_value(None, "application_id", |r| r.get(0)) {
                Ok(v) => v,
                Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
                    return Err(foreign("not an SQLite database"))
                }
                Err(e) => return Err(StoreError::Open { path: p.clone(), source: e }),
            };
            if app != schema::APPLICATION_ID {
                return Err(foreign(&format!("an SQLite database of another application (application_id {app:#x})")));
            }
            let version: i32 = ro.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if version > schema::SCHEMA_VERSION {
                return Err(StoreError::Newer { path: p.clone(), found: version, supported: schema::SCHEMA_VERSION });
            }
            if version < 1 {
                return Err(foreign("no schema version"));
            }
            version
        };
        let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|source| StoreError::Open { path: p.clone(), source })?;
        configure(&conn)?;
        if version < schema::SCHEMA_VERSION {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            migrate(&tx, version)?;
            tx.commit()?;
        }
        Self::load(conn, path)
    }

    fn load(conn: Connection, path: &Path) -> Result<PlanFile, StoreError> {
        let plan = rows::read_plan(&conn)?;
        let index = Index::of(&plan);
        let next_seq = max_seq(&conn)?;
        let data_version = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        Ok(PlanFile { conn, path: path.to_path_buf(), plan, index, next_seq, data_version })
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Applies one edit as one committed transaction. A refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<(), StoreError> {
        edit::check(&self.plan, &self.index, &edit)?;
        let seq = self.next_seq;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        edit::write(&tx, &self.plan, &edit, seq)?;
        tx.commit()?;
        self.next_seq += 1;
        edit::apply_in_memory(&mut self.plan, &mut self.index, edit);
        Ok(())
    }

    /// How many edits the journal holds that are in effect (not undone).
    pub fn journal_len(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT COUNT(DISTINCT grp) FROM journal WHERE undone = 0", [], |r| r.get(0))?)
    }

    /// Reads the plan again if another program changed the file since; true if it did.
    /// Cheap enough to call before every command of the app.
    pub fn reload_if_changed(&mut self) -> Result<bool, StoreError> {
        let now: i64 = self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        if now == self.data_version {
            return Ok(false);
        }
        let plan = rows::read_plan(&self.conn)?;
        self.index = Index::of(&plan);
        self.plan = plan;
        self.data_version = now;
        self.next_seq = self.next_seq.max(max_seq(&self.conn)?);
        Ok(true)
    }

    /// Undoes the last edit (one committed transaction) and says what it was; None when
    /// there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<EditSummary>, StoreError> {
        self.step(Direction::Undo)
    }

    /// Redoes the last undone edit. False when there is none; any new edit after an undo
    /// ends what can be redone.
    pub fn redo(&mut self) -> Result<Option<EditSummary>, StoreError> {
        self.step(Direction::Redo)
    }

    fn step(&mut self, dir: Direction) -> Result<Option<EditSummary>, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(summary) = edit::step(&tx, dir)? else {
            return Ok(None);
        };
        let plan = rows::read_plan(&tx)?;
        tx.commit()?;
        // Undo is rare next to edits: reading the plan back is simpler than inverting
        // every edit in memory, and cannot drift from the file.
        self.index = Index::of(&plan);
        self.plan = plan;
        Ok(Some(summary))
    }
}

/// The next free `seq`: past every entity's and every journal group's.
fn max_seq(conn: &Connection) -> Result<i64, StoreError> {
    let max: Option<i64> = conn.query_row(
        "SELECT MAX(m) FROM (SELECT MAX(seq) AS m FROM team UNION ALL SELECT MAX(seq) FROM wave
         UNION ALL SELECT MAX(seq) FROM site UNION ALL SELECT MAX(seq) FROM initiative
         UNION ALL SELECT MAX(seq) FROM handoff UNION ALL SELECT MAX(seq) FROM risk
         UNION ALL SELECT MAX(grp) FROM journal)",
        [],
        |r| r.get(0),
    )?;
    Ok(max.unwrap_or(0) + 1)
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // WAL: readers (the CLI) do not block the app's writes. synchronous=NORMAL in WAL mode:
    // a committed edit survives a crash of the app or the process; a power cut can lose
    // the last edits since the last checkpoint but never corrupts the file. FULL would
    // fsync on every keystroke-sized edit (several ms each on a laptop disk).
    let _: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
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
