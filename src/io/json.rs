//! The JSON exchange format of a whole plan, documented in `docs/plan-format.md`.
//!
//! It is a contract: `format` and `version` come first so that any reader can tell what it
//! holds, and a newer version is refused rather than half read.

use serde::{Deserialize, Serialize};

use super::IoError;
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

/// A plan as pretty-printed JSON.
pub fn to_string(plan: &Plan) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(&DocumentOut { format: FORMAT, version: VERSION, plan }).unwrap_or_default() + "\n"
}

/// Reads a plan; `what` names the source in errors (usually the file name).
pub fn from_str(text: &str, what: &str) -> Result<Plan, IoError> {
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
    // The plan straight from the text: `format` and `version` are keys a plan ignores. (A
    // `#[serde(flatten)]` wrapper buffered the whole document as a tree of values first:
    // 164 MB of JSON took 300 MB more, and an error inside it named the last line.)
    serde_json::from_str::<Plan>(text).map_err(json_err)
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
