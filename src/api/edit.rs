//! Edits as text, for scripts (`bridger edit`): a line is one edit or a JSON array of edits
//! applied as one batch (one transaction, one undo step, refused whole if one edit is
//! refused). Each line is committed as it arrives; a refused line changes nothing.

use std::path::Path;

use super::{ApiError, ErrorCode};
use crate::store::{Edit, Editor};

/// A plan file open for edits from a script.
pub struct EditFile {
    editor: Editor,
}

impl EditFile {
    /// Opens the plan file at `path`; `source` names the program in the journal (undo
    /// elsewhere says whose edit it was).
    pub fn open(path: &Path, source: &str) -> Result<EditFile, ApiError> {
        let mut editor = Editor::open(path)?;
        editor.set_source(source);
        Ok(EditFile { editor })
    }

    /// Applies one line: what was saved, said for a person ("remove handoff h-12", "3 edits
    /// as one step").
    pub fn apply_line(&mut self, text: &str) -> Result<String, ApiError> {
        let edits = parse(text)?;
        self.editor.apply_batch(&edits)?;
        Ok(match edits.as_slice() {
            [one] => one.describe().to_string(),
            many => format!("{} edits as one step", many.len()),
        })
    }
}

/// One line of an edit stream as text: bytes that are not UTF-8 are refused naming where
/// (`line` counts from 1, `offset` is the byte of the stream the line starts at).
pub fn line_text(bytes: &[u8], line: usize, offset: usize) -> Result<&str, ApiError> {
    std::str::from_utf8(bytes).map_err(|e| ApiError {
        code: ErrorCode::Invalid,
        message: format!(
            "not an edit: line {line} is not UTF-8 text (byte {} of the line, byte offset {} of the input)",
            e.valid_up_to() + 1,
            offset + e.valid_up_to()
        ),
        details: Vec::new(),
    })
}

/// `text` as JSON of `T`; an error names the field it is about (`value.lag`, `[1].value.id`).
fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let invalid = |message: String| ApiError { code: ErrorCode::Invalid, message: format!("not an edit: {message}"), details: Vec::new() };
    // serde_json ends its messages with " at line 1 column N": on one line the field says more.
    let bare = |e: serde_json::Error| {
        let text = e.to_string();
        let message = text.rsplit_once(" at line ").map_or(text.clone(), |(m, _)| m.to_string());
        match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                format!("not JSON ({message} at column {})", e.column())
            }
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
pub fn parse(text: &str) -> Result<Vec<Edit>, ApiError> {
    if text.trim_start().starts_with('[') {
        let edits: Vec<Edit> = json(text)?;
        if edits.is_empty() {
            return Err(ApiError { code: ErrorCode::Invalid, message: "an empty batch: nothing to save".into(), details: Vec::new() });
        }
        Ok(edits)
    } else {
        json(text).map(|e| vec![e])
    }
}
