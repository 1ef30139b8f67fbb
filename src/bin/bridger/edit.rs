//! `bridger edit`: edits from a shell or a script, each committed and acknowledged as it
//! arrives, so a script driving Bridger through a pipe knows what landed (`api::edit`).
//!
//! A line is one edit, or a JSON array of edits applied as one batch (one transaction,
//! one undo step, refused whole if one edit is refused). A refused line changes nothing
//! and the next line is still read; the exit code says whether any line was refused.

use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use bridger::api::edit::EditFile;
use bridger::report::escape;
use serde_json::json;

pub fn run(file: &Path, arg: &str, json: bool) -> Result<ExitCode> {
    let mut f = EditFile::open(file, "bridger edit")?;
    let mut all_saved = true;
    if arg == "-" {
        for (k, line) in std::io::stdin().lock().lines().enumerate() {
            let line = line.context("cannot read standard input")?;
            if !line.trim().is_empty() {
                all_saved &= one(&mut f, file, k + 1, &line, json);
            }
        }
    } else {
        all_saved = one(&mut f, file, 1, arg, json);
    }
    Ok(if all_saved { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// Applies and acknowledges one line; false if it was refused.
fn one(f: &mut EditFile, file: &Path, line: usize, text: &str, json: bool) -> bool {
    match f.apply_line(text) {
        Ok(what) => {
            if json {
                outln!("{}", json!({"line": line, "saved": true, "edit": what}));
            } else {
                outln!("{}: saved: {}", escape(&file.display().to_string()), escape(&what));
            }
            true
        }
        Err(e) => {
            if json {
                outln!("{}", json!({"line": line, "saved": false, "error": e}));
            } else {
                eprintln!("bridger: edit {line}: {}", escape(&e.message));
            }
            false
        }
    }
}
