//! What the `bridger` binary writes, run as a user runs it in a temp dir:
//! - output files (`export -o`): an existing file is kept unless `--force`, a plan or any
//!   SQLite database is never overwritten, a symbolic link is refused, and no temporary file
//!   is left behind (issue 11, defect 4);
//! - the terminal: a plan whose names or ids hold escape sequences cannot clear the screen,
//!   set the title or forge a line through `schedule`, `check` or an error message
//!   (issue 11, defect 7).

use std::path::Path;
use std::process::Output;

mod common;

use common::{bridger, fixture, stderr, stdout};

/// The names in `dir`, sorted: a temporary file left behind shows here (and so would a plan's
/// `-wal` or `-shm` file, which reading a plan for export must not leave either).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// A temp dir holding the plan `x.bridger` (closed, so nothing but the file is there).
fn with_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = bridger(dir.path(), &["import", fixture("store-pilot.json").to_str().unwrap(), "-o", "x.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

fn refused(o: &Output, what: &str) {
    assert_eq!(o.status.code(), Some(2), "expected a refusal: {}{}", stdout(o), stderr(o));
    assert!(stderr(o).starts_with("bridger: "), "{}", stderr(o));
    assert!(stderr(o).contains(what), "the error names {what}: {}", stderr(o));
}

#[test]
fn exporting_a_plan_onto_itself_is_refused_and_the_plan_is_untouched() {
    let dir = with_plan();
    let before = std::fs::read(dir.path().join("x.bridger")).unwrap();
    let files = listing(dir.path());
    for args in [&["export", "x.bridger", "-o", "x.bridger"][..], &["export", "x.bridger", "-o", "x.bridger", "--force"]] {
        let o = bridger(dir.path(), args);
        refused(&o, "x.bridger");
        assert!(stderr(&o).contains("is a Bridger plan"), "{}", stderr(&o));
        assert_eq!(std::fs::read(dir.path().join("x.bridger")).unwrap(), before, "{args:?} changed the plan");
        assert_eq!(listing(dir.path()), files, "{args:?} left files behind");
    }
    // Still a plan that opens.
    let o = bridger(dir.path(), &["check", "x.bridger"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn another_plan_or_database_is_never_overwritten_even_with_force() {
    let dir = with_plan();
    let o = bridger(dir.path(), &["new", "other.bridger", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Any name: a plan is known by its bytes, not its extension.
    std::fs::copy(dir.path().join("other.bridger"), dir.path().join("renamed.json")).unwrap();
    let mut db = b"SQLite format 3\0".to_vec();
    db.resize(4096, 0);
    std::fs::write(dir.path().join("cache.db"), &db).unwrap();
    let files = listing(dir.path());
    for (out, why) in [("other.bridger", "is a Bridger plan"), ("renamed.json", "is a Bridger plan"), ("cache.db", "is an SQLite database")]
    {
        let before = std::fs::read(dir.path().join(out)).unwrap();
        let o = bridger(dir.path(), &["export", "x.bridger", "-o", out, "--force"]);
        refused(&o, out);
        assert!(stderr(&o).contains(why), "{}", stderr(&o));
        assert_eq!(std::fs::read(dir.path().join(out)).unwrap(), before, "{out} changed");
        assert_eq!(listing(dir.path()), files, "exporting to {out} left files behind");
    }
}

#[test]
fn an_existing_export_is_kept_without_force_and_replaced_with_it() {
    let dir = with_plan();
    let out = dir.path().join("x.json");
    std::fs::write(&out, "my notes, not an export\n").unwrap();
    let o = bridger(dir.path(), &["export", "x.bridger", "-o", "x.json"]);
    refused(&o, "x.json");
    assert!(stderr(&o).contains("already exists") && stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my notes, not an export\n");
    assert_eq!(listing(dir.path()), ["x.bridger", "x.json"]);

    let o = bridger(dir.path(), &["export", "x.bridger", "-o", "x.json", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bridger(dir.path(), &["export", "x.bridger", "-o", "-"]);
    assert_eq!(std::fs::read(&out).unwrap(), o.stdout, "the file holds the export");
    assert_eq!(listing(dir.path()), ["x.bridger", "x.json"], "no temporary file left");
    // And it reads back as the same plan.
    let o = bridger(dir.path(), &["import", "x.json", "-o", "y.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_new_export_is_written_and_nothing_else() {
    let dir = with_plan();
    let o = bridger(dir.path(), &["export", "x.bridger", "-o", "fresh.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(listing(dir.path()), ["fresh.json", "x.bridger"]);
    let text = std::fs::read_to_string(dir.path().join("fresh.json")).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"bridger-plan\""), "{text}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_not_followed() {
    let dir = with_plan();
    let d = dir.path();
    std::fs::write(d.join("target.json"), "keep me\n").unwrap();
    std::os::unix::fs::symlink("target.json", d.join("link.json")).unwrap();
    std::os::unix::fs::symlink("x.bridger", d.join("plan-link.json")).unwrap();
    std::os::unix::fs::symlink("nowhere.json", d.join("dangling.json")).unwrap();
    let plan = std::fs::read(d.join("x.bridger")).unwrap();
    let files = listing(d);
    for out in ["link.json", "plan-link.json", "dangling.json"] {
        for force in [false, true] {
            let mut args = vec!["export", "x.bridger", "-o", out];
            if force {
                args.push("--force");
            }
            let o = bridger(d, &args);
            refused(&o, out);
            assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
            assert_eq!(listing(d), files, "{args:?} created or removed files");
        }
        assert!(std::fs::symlink_metadata(d.join(out)).unwrap().file_type().is_symlink(), "{out} is still the link");
    }
    assert_eq!(std::fs::read_to_string(d.join("target.json")).unwrap(), "keep me\n");
    assert_eq!(std::fs::read(d.join("x.bridger")).unwrap(), plan);
    assert!(!d.join("nowhere.json").exists(), "the dangling link's target was not created");
}

#[test]
fn a_failed_export_leaves_no_file_behind() {
    let dir = with_plan();
    // The plan cannot be read: nothing is written.
    let o = bridger(dir.path(), &["export", "missing.bridger", "-o", "out.json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // The folder does not exist: the error names the output.
    let o = bridger(dir.path(), &["export", "x.bridger", "-o", "no-such-folder/out.json"]);
    refused(&o, "no-such-folder/out.json");
    // A folder is not a file.
    std::fs::create_dir(dir.path().join("folder.json")).unwrap();
    let o = bridger(dir.path(), &["export", "x.bridger", "-o", "folder.json", "--force"]);
    refused(&o, "folder.json");
    assert_eq!(listing(dir.path()), ["folder.json", "x.bridger"]);
    assert_eq!(listing(&dir.path().join("folder.json")), Vec::<String>::new());
}

// ---------------------------------------------------------------- the terminal

/// Characters that must never reach a terminal raw from a plan: control characters (other
/// than the newline that ends each line), line separators and bidirectional controls.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// The same JSON with every unsafe character of every string replaced by `?`.
fn defanged(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(s.chars().map(|c| if raw_controls(&c.to_string()).is_empty() { c } else { '?' }).collect()),
        Value::Array(a) => Value::Array(a.iter().map(defanged).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), defanged(v))).collect()),
        other => other.clone(),
    }
}

/// `hostile.json` (the fixture) and `clean.json` (the same plan defanged) in a temp dir.
fn hostile_and_clean(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    std::fs::write(dir.path().join("hostile.json"), &text).unwrap();
    let clean = defanged(&serde_json::from_str(&text).unwrap());
    std::fs::write(dir.path().join("clean.json"), serde_json::to_string_pretty(&clean).unwrap()).unwrap();
    dir
}

#[test]
fn escape_sequences_in_names_are_shown_escaped_by_schedule_and_check() {
    let dir = hostile_and_clean("control-characters.json");
    for command in ["schedule", "check"] {
        let hostile = bridger(dir.path(), &[command, "hostile.json"]);
        let clean = bridger(dir.path(), &[command, "clean.json"]);
        assert_eq!(hostile.status.code(), Some(0), "{command}: {}", stderr(&hostile));
        let out = stdout(&hostile);
        assert_eq!(raw_controls(&out), Vec::<char>::new(), "{command} printed raw control characters:\n{out}");
        assert_eq!(out.lines().count(), stdout(&clean).lines().count(), "{command}: a name forged a line:\n{out}");
        assert!(stdout(&hostile).ends_with('\n'));
        assert_eq!(stderr(&hostile), "", "{command}");
    }
    // What was escaped is shown, not dropped: the plan's name with its sequences spelled out.
    let o = bridger(dir.path(), &["schedule", "hostile.json"]);
    let first = stdout(&o).lines().next().unwrap_or_default().to_string();
    assert_eq!(first, r"Hostile \u{1b}[2J\u{1b}[Hplan\u{1b}]0;pwned\u{7} name\u{a}forged line\u{d}");
    assert!(stdout(&o).contains(r"Network\u{1b}[2J\u{1b}[3J cleared"), "{}", stdout(&o));
    // The JSON output keeps the text exactly, with JSON's escapes for C0 controls (ESC, BEL,
    // CR, newline); it is for programs, which read the strings back as they were.
    let o = bridger(dir.path(), &["check", "hostile.json", "--json"]);
    let c0: Vec<char> = stdout(&o).chars().filter(|&c| c < ' ' && c != '\n').collect();
    assert_eq!(c0, Vec::<char>::new());
    assert!(stdout(&o).contains(r"\u001b[2J"), "{}", stdout(&o));
}

#[test]
fn escape_sequences_in_ids_and_error_messages_are_shown_escaped() {
    let dir = hostile_and_clean("control-character-ids.json");
    // `check` names the ids in its errors (a dangling handoff, and control characters in ids
    // where validation refuses them).
    let o = bridger(dir.path(), &["check", "hostile.json"]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(raw_controls(&stdout(&o)), Vec::<char>::new(), "{}", stdout(&o));
    assert!(stdout(&o).contains(r"missing\u{1b}[2J"), "{}", stdout(&o));
    assert!(!stdout(&o).lines().any(|l| l.starts_with("error     forged")), "a forged line:\n{}", stdout(&o));
    // `schedule` refuses the invalid plan through the error printer: one escaped line.
    let o = bridger(dir.path(), &["schedule", "hostile.json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert_eq!(raw_controls(&stderr(&o)), Vec::<char>::new(), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("bridger: hostile.json"), "{}", stderr(&o));
}

#[test]
fn a_file_name_with_escape_sequences_is_shown_escaped_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = bridger(dir.path(), &["check", "\u{1b}]0;pwned\u{7}\nbridger: forged.bridger"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(raw_controls(&stderr(&o)), Vec::<char>::new(), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}
