//! Looking at a file before SQLite touches it, and putting a new one in place whole.
//!
//! Opening a file with SQLite can leave `-wal` and `-shm` files beside it, even when the
//! file is then refused. So a file is first judged by its first 100 bytes (SQLite's
//! header: magic, `application_id`, `user_version`) read with plain file IO: an empty
//! file, a stub left by a crash, another program's database or a newer plan is refused
//! with nothing written.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{schema, StoreError};

/// The first 16 bytes of every SQLite database file.
pub const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Do these first bytes of a file start an SQLite database (a plan under any name, or
/// another program's database)? The one test of it: format detection, the output rules
/// and the header check all ask here.
pub fn is_sqlite(head: &[u8]) -> bool {
    head.starts_with(MAGIC)
}

fn be_i32(b: &[u8]) -> i32 {
    let mut x = [0u8; 4];
    x.copy_from_slice(&b[..4]);
    i32::from_be_bytes(x)
}

/// Refuses, without writing anything, a path that is not an existing Bridger plan that
/// this binary can read.
pub fn header(path: &Path) -> Result<(), StoreError> {
    let p = || path.to_path_buf();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(StoreError::NotFound { path: p() }),
        Err(e) => return Err(StoreError::Open { path: p(), why: e.to_string() }),
    };
    if meta.is_dir() {
        return Err(StoreError::IsFolder { path: p() });
    }
    // Only a regular file: a FIFO would hold `open` for ever, a device is no plan.
    let (file, _) = crate::io::input::open_regular(path).map_err(|e| StoreError::Open {
        path: p(),
        why: match e {
            crate::io::input::InputError::NotAFile { what, .. } => format!("it is {what}, not a regular file"),
            crate::io::input::InputError::Read { source, .. } => source.to_string(),
            other => other.to_string(),
        },
    })?;
    let mut head = Vec::with_capacity(100);
    file.take(100).read_to_end(&mut head).map_err(|e| StoreError::Open { path: p(), why: e.to_string() })?;
    if head.iter().all(|&b| b == 0) {
        return Err(StoreError::Incomplete { path: p() });
    }
    if head.len() < 100 {
        return if MAGIC.starts_with(&head[..head.len().min(16)]) || head.starts_with(MAGIC) {
            Err(StoreError::Incomplete { path: p() })
        } else {
            Err(StoreError::Foreign { path: p(), why: "not an SQLite database".into() })
        };
    }
    if &head[..16] != MAGIC {
        return Err(StoreError::Foreign { path: p(), why: "not an SQLite database".into() });
    }
    let app = be_i32(&head[68..72]);
    let version = be_i32(&head[60..64]);
    if app == 0 && version == 0 {
        return Err(StoreError::Foreign { path: p(), why: "an SQLite database of another application: it has no Bridger mark".into() });
    }
    if app != schema::APPLICATION_ID {
        return Err(StoreError::Foreign { path: p(), why: format!("an SQLite database of another application (application_id {app:#x})") });
    }
    if version > schema::SCHEMA_VERSION {
        return Err(StoreError::Newer { path: p(), found: version, supported: schema::SCHEMA_VERSION });
    }
    if version < 1 {
        return Err(StoreError::Incomplete { path: p() });
    }
    Ok(())
}

/// Refuses a path a new plan cannot be created at: one that exists (a symlink too, even
/// a dangling one), or whose folder does not exist.
pub fn new_file(path: &Path) -> Result<(), StoreError> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(StoreError::Exists { path: path.to_path_buf() });
    }
    let dir = folder(path);
    if !dir.is_dir() {
        return Err(StoreError::NoFolder { path: path.to_path_buf(), dir });
    }
    Ok(())
}

fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A fresh name in the same folder as `path` (so the final rename stays on one disk).
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    folder(path).join(format!(".{name}.{}-{nanos}.tmp", std::process::id()))
}

/// Gives the finished file at `tmp` its real name, unless something appeared at `path`
/// meanwhile: a hard link never replaces an existing file, so two programs creating the
/// same plan at once cannot overwrite each other.
pub fn publish(tmp: &Path, path: &Path) -> Result<(), StoreError> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(StoreError::Exists { path: path.to_path_buf() }),
        // A file system without hard links: check, then rename (a narrow race remains).
        Err(_) if std::fs::symlink_metadata(path).is_err() => {
            std::fs::rename(tmp, path).map_err(|e| StoreError::Io { path: path.to_path_buf(), why: e.to_string() })
        }
        Err(_) => Err(StoreError::Exists { path: path.to_path_buf() }),
    }
}

/// Removes a file SQLite wrote and the journal files it may have left beside it.
pub fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sidecar(path, suffix));
    }
}

/// The path of one of the files SQLite keeps beside a database (`-wal`, `-shm`).
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// What changes when a file's content is rewritten: its length and modification time.
pub fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// An SQLite URI for a read-only connection to `path`; `immutable` tells SQLite that
/// nothing changes the file while it is open, so it needs no lock and no sidecar files.
pub fn uri(path: &Path, immutable: bool) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push_str(if immutable { "?mode=ro&immutable=1" } else { "?mode=ro" });
    out
}
