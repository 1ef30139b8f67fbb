//! Reading an input file whole, the one way every importer does it: only a regular file is
//! read (a symbolic link to one is followed), and its size limit holds while reading.
//!
//! A path can name what is not a file: a FIFO, whose `open` waits for a writer for ever, or
//! a device such as `/dev/zero`, which reports no size and never ends. Checking the size a
//! file reports is not enough either (a file that grows while read, a `/proc` file that
//! says 0). So the file is opened without waiting (`O_NONBLOCK`: a FIFO opens at once),
//! what was opened is judged by its own metadata (not the path's, which could be swapped
//! in between), and at most one byte more than the limit is ever read.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum InputError {
    #[error("{path}: cannot read: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: is {what}, not a regular file; only regular files are read")]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{path}: is larger than {limit} bytes, the most {kind} may hold")]
    TooLarge { path: PathBuf, limit: u64, kind: &'static str },
    #[error("{path}: is not UTF-8 text (the first bad byte is at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
}

/// What a path names, in words, when it is not a regular file.
fn kind_of(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading if it is a regular file (following symbolic links), without
/// ever blocking on a FIFO. Returns the file and its size as it reports it.
pub fn open_regular(path: &Path) -> Result<(File, u64), InputError> {
    let read_err = |source| InputError::Read { path: path.to_path_buf(), source };
    // Judged by the path first, so that a device is not even opened (opening some has
    // effects); then by what was opened, which is what gets read.
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if let Some(what) = kind_of(&meta) {
        return Err(InputError::NotAFile { path: path.to_path_buf(), what });
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO swapped in after the check above opens at once instead of waiting for a
        // writer; reads of a regular file are unaffected by the flag.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(read_err)?;
    let meta = file.metadata().map_err(read_err)?;
    if let Some(what) = kind_of(&meta) {
        return Err(InputError::NotAFile { path: path.to_path_buf(), what });
    }
    Ok((file, meta.len()))
}

/// The bytes of the regular file at `path`, refused (naming `kind`, "a CSV file of a plan")
/// when it holds more than `limit` bytes, whatever size it reports.
pub fn read_bytes(path: &Path, limit: u64, kind: &'static str) -> Result<Vec<u8>, InputError> {
    let (file, reported) = open_regular(path)?;
    let too_large = || InputError::TooLarge { path: path.to_path_buf(), limit, kind };
    if reported > limit {
        return Err(too_large());
    }
    // The reported size is a hint for the allocation, never a promise.
    let mut bytes = Vec::with_capacity(usize::try_from(reported).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|source| InputError::Read { path: path.to_path_buf(), source })?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The text of the regular file at `path` (UTF-8), with the limits of [`read_bytes`].
pub fn read_text(path: &Path, limit: u64, kind: &'static str) -> Result<String, InputError> {
    let bytes = read_bytes(path, limit, kind)?;
    String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 { path: path.to_path_buf(), offset: e.utf8_error().valid_up_to() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_at_the_limit_is_read_and_one_byte_more_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.txt");
        std::fs::write(&p, "abcd").unwrap();
        assert_eq!(read_text(&p, 4, "a test file").unwrap(), "abcd");
        assert!(matches!(read_text(&p, 3, "a test file"), Err(InputError::TooLarge { limit: 3, .. })));
        assert!(matches!(read_bytes(dir.path(), 10, "a test file"), Err(InputError::NotAFile { what: "a folder", .. })));
        std::fs::write(&p, [0xffu8, 0xfe]).unwrap();
        assert!(matches!(read_text(&p, 4, "a test file"), Err(InputError::NotUtf8 { offset: 0, .. })));
    }
}
