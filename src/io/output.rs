//! Writing an output file (an export, later a brief, a CSV, an MS Project file) without ever
//! destroying what the user did not mean to replace.
//!
//! Every writer of an output file goes through [`write`] (or [`write_bytes`]), which:
//! - refuses an existing output unless the caller passes [`Overwrite::Replace`] (`--force`);
//! - never replaces a Bridger plan, nor any other SQLite database, even with `--force`: such
//!   a file is recognised by its first bytes (`SQLite format 3\0`, and `application_id` =
//!   [`crate::store::APPLICATION_ID`] at byte 68 for a plan), not by its name. Every SQLite
//!   database is refused, not only those marked as plans, because a plan just created in WAL
//!   mode may not have its `application_id` in the main file yet, and because a database is
//!   never what an export was meant to replace;
//! - refuses a symbolic link (it is not followed to overwrite its target, and the link is not
//!   replaced either: name the target itself), and anything that is not a regular file;
//! - writes to a temporary file in the same folder (`.NAME.PID.N.tmp`), flushes it to disk,
//!   and renames it over the output in one step, so that a crash leaves either the old file
//!   or the new one, never half of one; the temporary file is removed on any failure. When
//!   the output does not exist it is linked into place (`link` refuses an existing name), so a
//!   file that appeared meanwhile is not replaced either. A replaced file keeps its
//!   permissions.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use thiserror::Error;

/// What to do when the output already exists (and is an ordinary file, not a plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse: the default.
    Refuse,
    /// Replace it (`--force`).
    Replace,
}

#[derive(Debug, Error)]
pub enum OutputError {
    #[error("{path}: already exists; refusing to overwrite it (--force replaces it)")]
    Exists { path: PathBuf },
    #[error("{path}: is a Bridger plan; refusing to overwrite it, even with --force (write the output to another name)")]
    Plan { path: PathBuf },
    #[error("{path}: is an SQLite database, not an output file; refusing to overwrite it, even with --force")]
    Database { path: PathBuf },
    #[error("{path}: is a symbolic link; refusing to write through it (name its target, or remove the link)")]
    Symlink { path: PathBuf },
    #[error("{path}: is a folder, not a file")]
    Folder { path: PathBuf },
    #[error("{path}: is not a regular file; refusing to write to it")]
    NotAFile { path: PathBuf },
    #[error("{path}: cannot write: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

use crate::store::is_sqlite;

/// Writes `bytes` to `path` (see the module's documentation for the rules).
pub fn write_bytes(path: &Path, overwrite: Overwrite, bytes: &[u8]) -> Result<(), OutputError> {
    write(path, overwrite, |w| w.write_all(bytes))
}

/// Writes what `fill` writes to `path`, through a buffered temporary file renamed into
/// place when `fill` succeeds. If `fill` fails, the output is left as it was.
pub fn write(path: &Path, overwrite: Overwrite, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), OutputError> {
    let io = |source: std::io::Error| OutputError::Io { path: path.to_path_buf(), source };
    let existing = check_target(path, overwrite)?;
    let (file, temp) = create_temp(path).map_err(io)?;
    let guard = RemoveOnDrop(Some(temp.clone()));
    if let Some(meta) = &existing {
        file.set_permissions(meta.permissions()).map_err(io)?;
    }
    let mut w = BufWriter::new(file);
    fill(&mut w).map_err(io)?;
    let file = w.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    drop(file);
    if existing.is_some() {
        // Checked again right before the rename: the window in which the output could
        // become something else is as small as a rename allows.
        check_target(path, overwrite)?;
        std::fs::rename(&temp, path).map_err(io)?;
    } else {
        // `hard_link` fails if the name exists: a file created meanwhile is not replaced.
        match std::fs::hard_link(&temp, path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                check_target(path, overwrite)?;
                std::fs::rename(&temp, path).map_err(io)?;
            }
            // File systems without hard links (FAT): rename, after checking once more.
            Err(_) => {
                check_target(path, overwrite)?;
                std::fs::rename(&temp, path).map_err(io)?;
            }
        }
    }
    drop(guard); // removes the temporary name (after a rename it is already gone)
    sync_folder(path);
    Ok(())
}

/// Whether `path` may be written with `overwrite`: Ok(None) when it does not exist,
/// Ok(Some(metadata)) when it is an ordinary file that may be replaced.
pub fn check_target(path: &Path, overwrite: Overwrite) -> Result<Option<std::fs::Metadata>, OutputError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(OutputError::Io { path: path.to_path_buf(), source }),
    };
    let at = || path.to_path_buf();
    if meta.file_type().is_symlink() {
        return Err(OutputError::Symlink { path: at() });
    }
    if meta.is_dir() {
        return Err(OutputError::Folder { path: at() });
    }
    if !meta.is_file() {
        return Err(OutputError::NotAFile { path: at() });
    }
    let mut head = [0u8; 72];
    let n = read_head(path, &mut head).map_err(|source| OutputError::Io { path: at(), source })?;
    if is_sqlite(&head[..n]) {
        let app = if n >= 72 { i32::from_be_bytes([head[68], head[69], head[70], head[71]]) } else { 0 };
        return Err(if app == crate::store::APPLICATION_ID {
            OutputError::Plan { path: at() }
        } else {
            OutputError::Database { path: at() }
        });
    }
    match overwrite {
        Overwrite::Refuse => Err(OutputError::Exists { path: at() }),
        Overwrite::Replace => Ok(Some(meta)),
    }
}

/// Reads up to `buf.len()` bytes from the start of the file; how many were read.
fn read_head(path: &Path, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut f = File::open(path)?;
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// A new, empty temporary file next to `path`, created exclusively (an existing name, or a
/// symbolic link planted there, makes it try the next name).
fn create_temp(path: &Path) -> std::io::Result<(File, PathBuf)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".to_string());
    let mut last = None;
    for _ in 0..100 {
        let k = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{name}.{}.{k}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(f) => return Ok((f, temp)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// Makes the rename itself durable (best effort: not every platform can sync a folder).
fn sync_folder(path: &Path) {
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
        if let Ok(f) = File::open(folder) {
            let _ = f.sync_all();
        }
    }
}

/// Removes the temporary file unless it was renamed away.
struct RemoveOnDrop(Option<PathBuf>);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        std::fs::write(&out, "old").unwrap();
        let e = write(&out, Overwrite::Replace, |w| {
            w.write_all(b"half of the new")?;
            Err(std::io::Error::other("the disk is full"))
        })
        .unwrap_err();
        assert!(e.to_string().contains("out.json") && e.to_string().contains("the disk is full"), "{e}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    #[test]
    fn a_new_output_is_written_whole_and_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new.csv");
        write(&out, Overwrite::Refuse, |w| {
            for k in 0..1000 {
                writeln!(w, "row {k}")?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 1000);
        assert_eq!(names(dir.path()), ["new.csv"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("no/such/folder/x.json");
        let e = write_bytes(&out, Overwrite::Replace, b"{}").unwrap_err();
        assert!(matches!(e, OutputError::Io { .. }) && e.to_string().contains("x.json"), "{e}");
    }

    #[test]
    fn an_sqlite_database_is_refused_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("other.db");
        let mut bytes = crate::store::SQLITE_MAGIC.to_vec();
        bytes.resize(4096, 0);
        std::fs::write(&db, &bytes).unwrap();
        let e = write_bytes(&db, Overwrite::Replace, b"{}").unwrap_err();
        assert!(matches!(e, OutputError::Database { .. }), "{e}");
        bytes[68..72].copy_from_slice(&crate::store::APPLICATION_ID.to_be_bytes());
        std::fs::write(&db, &bytes).unwrap();
        let e = write_bytes(&db, Overwrite::Replace, b"{}").unwrap_err();
        assert!(matches!(e, OutputError::Plan { .. }), "{e}");
        assert_eq!(std::fs::read(&db).unwrap(), bytes);
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_bytes(dir.path(), Overwrite::Replace, b"{}").unwrap_err();
        assert!(matches!(e, OutputError::Folder { .. }), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("shared.json");
        std::fs::write(&out, "old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_bytes(&out, Overwrite::Replace, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
