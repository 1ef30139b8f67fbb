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
        // Read as bytes: a line that is not UTF-8 is refused naming where, and the next is read.
        let mut input = std::io::stdin().lock();
        let (mut buf, mut line, mut offset) = (Vec::new(), 0, 0);
        loop {
            buf.clear();
            let n = input.read_until(b'\n', &mut buf).context("cannot read standard input")?;
            if n == 0 {
                break;
            }
            line += 1;
            let bytes = buf.strip_suffix(b"\n").unwrap_or(&buf);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            match bridger::api::edit::line_text(bytes, line, offset) {
                Ok(text) if text.trim().is_empty() => {}
                Ok(text) => all_saved &= one(&mut f, file, line, text, json),
                Err(e) => all_saved &= acknowledge(file, line, Err(e), json),
            }
            offset += n;
        }
    } else {
        all_saved = one(&mut f, file, 1, arg, json);
    }
    Ok(if all_saved { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// Applies and acknowledges one line; false if it was refused.
fn one(f: &mut EditFile, file: &Path, line: usize, text: &str, json: bool) -> bool {
    acknowledge(file, line, f.apply_line(text), json)
}

/// Says what became of one line: saved, or refused and why.
fn acknowledge(file: &Path, line: usize, result: Result<String, bridger::api::ApiError>, json: bool) -> bool {
    match result {
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
