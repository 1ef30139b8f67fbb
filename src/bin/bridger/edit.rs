//! `bridger edit`: edits from a shell or a script, each committed and acknowledged as it
//! arrives, so a script driving Bridger through a pipe knows what landed.
//!
//! A line is one edit, or a JSON array of edits applied as one batch (one transaction,
//! one undo step, refused whole if one edit is refused). A refused line changes nothing
//! and the next line is still read; the exit code says whether any line was refused.

use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use bridger::api::{ApiError, ErrorCode};
use bridger::store::{Edit, Editor};
use serde_json::json;

pub fn run(file: &Path, arg: &str, json: bool) -> Result<ExitCode> {
    let mut f = Editor::open(file)?;
    f.set_source("bridger edit");
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

/// `text` as JSON of `T`; an error names the field it is about (`value.lag`, `[1].value.id`).
fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let invalid = |message: String| ApiError { code: ErrorCode::Invalid, message: format!("not an edit: {message}") };
    // serde_json ends its messages with " at line 1 column N": on one line the field says more.
    let bare = |e: serde_json::Error| {
        let text = e.to_string();
        let message = text.rsplit_once(" at line ").map_or(text.clone(), |(m, _)| m.to_string());
        match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => format!("not JSON ({message} at column {})", e.column()),
            _ => message,
        }
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let message = bare(e.into_inner());
        invalid(if path == "." || path == "?" { message } else { format!("{path}: {message}") })
    })?;
    de.end().map_err(|e| invalid(bare(e)))?;
    Ok(value)
}

/// The edits of one line: an edit, or an array of them.
fn parse(text: &str) -> Result<Vec<Edit>, ApiError> {
    if text.trim_start().starts_with('[') {
        let edits: Vec<Edit> = json(text)?;
        if edits.is_empty() {
            return Err(ApiError { code: ErrorCode::Invalid, message: "an empty batch: nothing to save".into() });
        }
        Ok(edits)
    } else {
        json(text).map(|e| vec![e])
    }
}

/// Applies and acknowledges one line; false if it was refused.
fn one(f: &mut Editor, file: &Path, line: usize, text: &str, json: bool) -> bool {
    let result = parse(text).and_then(|edits| {
        f.apply_batch(&edits).map_err(ApiError::from)?;
        Ok(edits)
    });
    match result {
        Ok(edits) => {
            let what = match edits.as_slice() {
                [one] => one.describe().to_string(),
                many => format!("{} edits as one step", many.len()),
            };
            if json {
                outln!("{}", json!({"line": line, "saved": true, "edit": what}));
            } else {
                outln!("{}: saved: {}", file.display(), bridger::report::escape(&what));
            }
            true
        }
        Err(e) => {
            if json {
                outln!("{}", json!({"line": line, "saved": false, "error": e}));
            } else {
                eprintln!("bridger: edit {line}: {}", bridger::report::escape(&e.message));
            }
            false
        }
    }
}
