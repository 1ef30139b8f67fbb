//! The JSON exchange format of a whole plan, documented in `docs/plan-format.md`.
//!
//! It is a contract: `format` and `version` come first so that any reader can tell what it
//! holds, and a newer version is refused rather than half read.

use serde::{Deserialize, Serialize};

use super::IoError;
use crate::health::{Finding, Severity};
use crate::model::Plan;

pub const FORMAT: &str = "bridger-plan";
pub const VERSION: u32 = 1;
/// The largest JSON file read: the plan of 200,000 initiatives that `benches/large-plan.sh`
/// makes is about a sixth of it.
pub const MAX_BYTES: u64 = 1 << 30;

#[derive(Serialize)]
struct DocumentOut<'a> {
    format: &'a str,
    version: u32,
    #[serde(flatten)]
    plan: &'a Plan,
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<u32>,
}

#[derive(Deserialize)]
struct DocumentIn {
    #[allow(dead_code)] // read by `Header`; named here so that it is not an unknown field
    format: Option<serde::de::IgnoredAny>,
    #[allow(dead_code)]
    version: Option<serde::de::IgnoredAny>,
    #[serde(flatten)]
    plan: Plan,
    /// The top-level fields neither the header nor the plan took (serde hands a flattened
    /// map what the flattened structs before it left).
    #[serde(flatten)]
    unknown: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

/// Top-level fields the format documents as the file's own, imported without a note: the
/// scheduler's test fixtures keep their expected results under `expect`.
pub const OWN_FIELDS: &[&str] = &["expect", "about"];

/// A plan as pretty-printed JSON.
pub fn to_string(plan: &Plan) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(&DocumentOut { format: FORMAT, version: VERSION, plan }).unwrap_or_default() + "\n"
}

/// Reads a plan; `what` names the source in errors (usually the file name). A top-level
/// field the format does not know is skipped; [`from_str_with_notes`] names each.
pub fn from_str(text: &str, what: &str) -> Result<Plan, IoError> {
    read(text, what).map(|doc| doc.plan)
}

/// Reads a plan with the notes of the reading: one info-level note (code `unknown-field`,
/// subject the field) per top-level field the format does not know, with its line. Such a
/// field used to vanish without a word: a misspelled `calender` dropped the holidays, a
/// newer writer's setting was lost. Inside an entity an unknown field is an error, as in
/// [`from_str`]; the fields in [`OWN_FIELDS`] are the file's own and get no note.
pub fn from_str_with_notes(text: &str, what: &str) -> Result<(Plan, Vec<Finding>), IoError> {
    let doc = read(text, what)?;
    let lines = top_level_key_lines(text);
    let notes = doc
        .unknown
        .keys()
        .filter(|k| !OWN_FIELDS.contains(&k.as_str()))
        .map(|k| {
            let at = lines.iter().find(|(key, _)| key == k).map_or(String::new(), |(_, line)| format!("line {line}: "));
            Finding {
                severity: Severity::Info,
                code: "unknown-field".into(),
                subject: k.clone(),
                message: format!(
                    "{what}: {at}the top-level field '{k}' is not part of the plan format (version {VERSION}) and was not imported; is it misspelled, or written by a newer Bridger?"
                ),
            }
        })
        .collect();
    Ok((doc.plan, notes))
}

/// Reads the bytes of a file with the notes of the reading ([`from_str_with_notes`]); text
/// that is not UTF-8 is refused with its line and byte offset.
pub fn from_bytes_with_notes(bytes: &[u8], what: &str) -> Result<(Plan, Vec<Finding>), IoError> {
    from_str_with_notes(super::utf8(bytes, what)?, what)
}

fn read(text: &str, what: &str) -> Result<DocumentIn, IoError> {
    let json_err =
        |e: serde_json::Error| IoError::Json { what: what.to_string(), line: e.line(), column: e.column(), message: strip(e.to_string()) };
    if !text.trim_start().starts_with('{') {
        let found = if text.trim().is_empty() { "an empty file" } else { "JSON that is not an object" };
        return Err(IoError::NotAPlan { what: what.to_string(), found: found.to_string() });
    }
    let header: Header = serde_json::from_str(text).map_err(json_err)?;
    match header.format {
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        other => {
            let found = other.map(|v| v.to_string()).unwrap_or_else(|| "no \"format\" field".to_string());
            return Err(IoError::NotAPlan { what: what.to_string(), found });
        }
    }
    let version = header.version.unwrap_or(1);
    if version > VERSION {
        return Err(IoError::Newer { what: what.to_string(), found: version, supported: VERSION });
    }
    serde_json::from_str(text).map_err(json_err)
}

/// The keys of the top-level object of a JSON text (already parsed, so well formed), each
/// with its 1-based line, in order: where a note points.
fn top_level_key_lines(text: &str) -> Vec<(String, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut line, mut k) = (0usize, 1usize, 0usize);
    // Whether the next string at depth 1 is a key (after `{` or `,`), not a value.
    let mut key_next = false;
    while k < bytes.len() {
        match bytes[k] {
            b'\n' => line += 1,
            b'{' | b'[' => {
                depth += 1;
                key_next = depth == 1 && bytes[k] == b'{';
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => key_next = true,
            b'"' => {
                let start = k;
                k += 1;
                while k < bytes.len() && bytes[k] != b'"' {
                    k += if bytes[k] == b'\\' { 2 } else { 1 };
                }
                if depth == 1 && key_next {
                    let raw = text.get(start..(k + 1).min(text.len())).unwrap_or("");
                    if let Ok(key) = serde_json::from_str::<String>(raw) {
                        out.push((key, line));
                    }
                    key_next = false;
                }
            }
            _ => {}
        }
        k += 1;
    }
    out
}

/// Reads a plan from a file's bytes: text that is not UTF-8 is refused with its line and
/// byte offset (reading the file into a `String` first would only say that it is not).
pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Plan, IoError> {
    from_str(super::utf8(bytes, what)?, what)
}

/// Reads the plan in the JSON file at `path` (a regular file of at most [`MAX_BYTES`]);
/// errors name the file.
pub fn read_file(path: &std::path::Path) -> Result<Plan, IoError> {
    let text = super::input::read_text(path, MAX_BYTES, "a JSON plan")?;
    from_str(&text, &path.display().to_string())
}

/// serde_json appends " at line L column C"; we report those fields ourselves.
fn strip(mut message: String) -> String {
    if let Some(k) = message.rfind(" at line ") {
        message.truncate(k);
    }
    message
}
