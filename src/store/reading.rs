//! Reading a plan file without writing anything (no journal mode change, no upgrade, no
//! sidecar files), on one connection or, for a large file nothing else has open, two.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{inspect, newer_check, rows, StoreError};
use crate::model::Plan;

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
pub(crate) fn read_only<T>(path: &Path, work: impl Fn(&Connection) -> Result<T, StoreError>) -> Result<T, StoreError> {
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
