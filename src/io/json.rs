//! The JSON exchange format of a whole plan, documented in `docs/plan-format.md`.
//!
//! It is a contract: `format` and `version` come first so that any reader can tell what it
//! holds, and a newer version is refused rather than half read.

use serde::{Deserialize, Serialize};

use super::IoError;
use crate::model::Plan;

pub const FORMAT: &str = "bridger-plan";
pub const VERSION: u32 = 1;

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
    #[serde(flatten)]
    plan: Plan,
}

/// A plan as pretty-printed JSON.
pub fn to_string(plan: &Plan) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(&DocumentOut { format: FORMAT, version: VERSION, plan }).unwrap_or_default() + "\n"
}

/// Reads a plan; `what` names the source in errors (usually the file name).
pub fn from_str(text: &str, what: &str) -> Result<Plan, IoError> {
    read(text, what).map(|doc| doc.plan)
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

/// Reads a plan from a file's bytes: text that is not UTF-8 is refused with its line and
/// byte offset (reading the file into a `String` first would only say that it is not).
pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Plan, IoError> {
    from_str(super::utf8(bytes, what)?, what)
}

/// serde_json appends " at line L column C"; we report those fields ourselves.
fn strip(mut message: String) -> String {
    if let Some(k) = message.rfind(" at line ") {
        message.truncate(k);
    }
    message
}
