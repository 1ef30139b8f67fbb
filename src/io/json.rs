//! The JSON exchange format of a whole plan, documented in `docs/plan-format.md`.
//!
//! It is a contract: `format` and `version` come first so that any reader can tell what it
//! holds, and a newer version is refused rather than half read.

use serde::{Deserialize, Serialize};

use super::baselines::{self, BaselineDoc};
use super::IoError;
use crate::drift::Baseline;
use crate::health::{Finding, Severity};
use crate::model::Plan;

pub const FORMAT: &str = "bridger-plan";
pub const VERSION: u32 = 5;
/// The largest JSON file read: the plan of 200,000 initiatives that `benches/large-plan.sh`
/// makes is about a sixth of it.
pub const MAX_BYTES: u64 = 1 << 30;

#[derive(Serialize)]
struct DocumentOut<'a> {
    format: &'a str,
    version: u32,
    #[serde(flatten)]
    plan: &'a Plan,
    /// After the plan: a reader of the plan alone skips them.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    baselines: Vec<BaselineDoc>,
}

/// The `baselines` of a document, the rest of it skipped.
#[derive(Deserialize)]
struct BaselinesIn {
    #[serde(default)]
    baselines: Vec<BaselineDoc>,
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<u32>,
}

/// Top-level fields the format documents as the file's own, imported without a note: the
/// scheduler's test fixtures keep their expected results under `expect` and what they show
/// under `about`.
pub const OWN_FIELDS: &[&str] = &["expect", "about"];

/// The top-level fields of the format: the header's and the plan's (a test holds this list
/// to the fields `Plan` serializes, so a new field cannot be missed here).
const KNOWN_FIELDS: &[&str] = &[
    "format",
    "version",
    "name",
    "start",
    "calendar",
    "teams",
    "waves",
    "sites",
    "initiatives",
    "handoffs",
    "risks",
    "templates",
    "priorities",
    "target",
    "distribution",
    "summary",
    "asks",
    "leveling_basis",
    "status_date",
    "review_every_days",
    "baselines",
];

/// A plan as pretty-printed JSON.
pub fn to_string(plan: &Plan) -> String {
    with_baselines(plan, &[])
}

/// A plan and the baselines kept with it as pretty-printed JSON (the baselines after the plan).
pub fn with_baselines(plan: &Plan, baselines: &[Baseline]) -> String {
    let baselines = baselines.iter().map(BaselineDoc::of).collect();
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(&DocumentOut { format: FORMAT, version: VERSION, plan, baselines }).unwrap_or_default() + "\n"
}

/// Reads a plan; `what` names the source in errors (usually the file name). A top-level
/// field the format does not know is skipped; [`from_str_with_notes`] names each.
pub fn from_str(text: &str, what: &str) -> Result<Plan, IoError> {
    read(text, what)
}

/// Reads a plan with the notes of the reading: one info-level note (code `unknown-field`,
/// subject the field) per top-level field the format does not know, with its line. Such a
/// field used to vanish without a word: a misspelled `calender` dropped the holidays, a
/// newer writer's setting was lost. Inside an entity an unknown field is an error, as in
/// [`from_str`]; the fields in [`OWN_FIELDS`] are the file's own and get no note.
pub fn from_str_with_notes(text: &str, what: &str) -> Result<(Plan, Vec<Finding>), IoError> {
    let plan = read(text, what)?;
    // The plan is parsed straight from the text (a plan ignores keys it does not know); the
    // top-level keys are found by one scan of the text, which also says their lines.
    let notes = unknown_field_notes(&top_level_key_lines(text), what);
    Ok((plan, notes))
}

/// One info note per top-level key the format does not know.
fn unknown_field_notes(keys: &[(String, usize)], what: &str) -> Vec<Finding> {
    keys.iter()
        .filter(|(k, _)| !KNOWN_FIELDS.contains(&k.as_str()) && !OWN_FIELDS.contains(&k.as_str()))
        .map(|(k, line)| Finding {
            severity: Severity::Note,
            code: "unknown-field".into(),
            subject: k.clone(),
            message: format!(
                "{what}: line {line}: the top-level field '{k}' is not part of the plan format (version {VERSION}) and was not imported; is it misspelled, or written by a newer Bridger?"
            ),
        })
        .collect()
}

/// Reads the bytes of a file with the notes of the reading ([`from_str_with_notes`]); text
/// that is not UTF-8 is refused with its line and byte offset.
pub fn from_bytes_with_notes(bytes: &[u8], what: &str) -> Result<(Plan, Vec<Finding>), IoError> {
    from_str_with_notes(super::utf8(bytes, what)?, what)
}

/// A document read whole: the plan, the baselines kept with it, and the notes of the reading.
pub struct Document {
    pub plan: Plan,
    pub baselines: Vec<Baseline>,
    pub notes: Vec<Finding>,
}

/// Reads the bytes of a file as [`from_bytes_with_notes`] does, and the baselines it carries:
/// each checked (dates in order, one row an initiative, the plan it keeps valid), names
/// unique, at most one of record; the first problem refuses the file, naming the baseline.
/// A file without a `baselines` field is parsed once, as before.
pub fn document(bytes: &[u8], what: &str) -> Result<Document, IoError> {
    let text = super::utf8(bytes, what)?;
    let plan = read(text, what)?;
    let keys = top_level_key_lines(text);
    let notes = unknown_field_notes(&keys, what);
    let mut list = Vec::new();
    if keys.iter().any(|(k, _)| k == "baselines") {
        let json_err = |e: serde_json::Error| IoError::Json {
            what: what.to_string(),
            line: e.line(),
            column: e.column(),
            message: format!("baselines: {}", strip(e.to_string())),
        };
        let docs = serde_json::from_str::<BaselinesIn>(text).map_err(json_err)?.baselines;
        let line = keys.iter().find(|(k, _)| k == "baselines").map_or(0, |(_, l)| *l);
        let bad = |message: String| IoError::Baselines { what: what.to_string(), line, message };
        if let Some(p) = baselines::list_problem(&docs) {
            return Err(bad(p));
        }
        for d in docs {
            if let Some(p) = baselines::problem(&d) {
                return Err(bad(p));
            }
            list.push(baselines::baseline(d));
        }
    }
    Ok(Document { plan, baselines: list, notes })
}

fn read(text: &str, what: &str) -> Result<Plan, IoError> {
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

#[cfg(test)]
mod known_fields {
    /// Every field a plan with every setting filled serializes is a known top-level field.
    #[test]
    fn known_fields_are_the_plans() {
        let mut plan = crate::demo::plan();
        plan.target = Some(plan.start);
        plan.distribution = crate::model::Distribution::Pert;
        plan.summary = "s".into();
        plan.asks = "a".into();
        plan.leveling_basis = Some("b".into());
        plan.status_date = Some(plan.start);
        plan.review_every_days = 14;
        plan.templates.push(crate::model::Template {
            id: "t".into(),
            name: "T".into(),
            initiatives: Vec::new(),
            handoffs: Vec::new(),
            risks: Vec::new(),
            chains: Vec::new(),
        });
        plan.priorities.push(crate::model::Priority::new("p", "P", "Ana", 1));
        let schedule = crate::schedule::schedule(&plan).expect("a schedule");
        let kept = crate::drift::Baseline {
            name: "b".into(),
            created: String::new(),
            status_date: None,
            of_record: true,
            plan: None,
            schedule: crate::drift::BaselineSchedule::of(&schedule),
            forecast: None,
        };
        let v: serde_json::Value = serde_json::from_str(&super::with_baselines(&plan, &[kept])).expect("json");
        let keys: Vec<&String> = v.as_object().expect("an object").keys().collect();
        for k in &keys {
            assert!(super::KNOWN_FIELDS.contains(&k.as_str()), "{k} is missing from KNOWN_FIELDS");
        }
        assert_eq!(keys.len(), super::KNOWN_FIELDS.len(), "{keys:?}");
    }
}
