//! Regression tests of the second hardening round (issue 22) on the CLI and the kept run:
//! every output file through `io::output`, plan text escaped on every command, an older
//! run never replacing a newer one, an edit stream's bad bytes named where they are.

mod common;

use std::path::Path;

use bridger::api::analysis::{keep_in_file, run, Keeping, SimOptions, Snapshot};
use common::{bridger, stderr, stdout};

/// Control characters, line separators and bidirectional controls a terminal would obey.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

fn demo(dir: &Path) -> std::path::PathBuf {
    assert!(bridger(dir, &["new", "demo.bridger", "--demo"]).status.success());
    dir.join("demo.bridger")
}

/// `layout --svg` and `--export` wrote with `fs::write`: they destroyed the plan they read,
/// replaced any file and followed links. Now they refuse as `export` does, and `--force`
/// replaces an ordinary file only.
#[test]
fn layout_outputs_never_overwrite_a_plan_or_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let before = std::fs::read(&plan).unwrap();
    for flag in ["--svg", "--export"] {
        let o = bridger(dir.path(), &["layout", "demo.bridger", flag, "demo.bridger", "--force"]);
        assert_eq!(o.status.code(), Some(2), "{flag}: {}", stderr(&o));
        assert!(stderr(&o).contains("is a Bridger plan"), "{flag}: {}", stderr(&o));
        assert_eq!(std::fs::read(&plan).unwrap(), before, "{flag}: the plan is untouched");
    }
    std::fs::write(dir.path().join("map.svg"), "mine").unwrap();
    let o = bridger(dir.path(), &["layout", "demo.bridger", "--svg", "map.svg"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.path().join("map.svg")).unwrap(), "mine");
    let o = bridger(dir.path(), &["layout", "demo.bridger", "--svg", "map.svg", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(dir.path().join("map.svg")).unwrap().starts_with("<svg"));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("elsewhere.svg"), dir.path().join("link.svg")).unwrap();
        let o = bridger(dir.path(), &["layout", "demo.bridger", "--svg", "link.svg", "--force"]);
        assert_eq!(o.status.code(), Some(2), "a dangling link is not followed: {}", stderr(&o));
        assert!(!dir.path().join("elsewhere.svg").exists());
    }
    // The hidden benchmark export of `simulate` too.
    std::fs::write(dir.path().join("plan.json"), "mine").unwrap();
    let o = bridger(dir.path(), &["simulate", "--generated", "50", "--export", "plan.json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.path().join("plan.json")).unwrap(), "mine");
    let o = bridger(dir.path(), &["simulate", "--generated", "50", "--export", "demo.bridger", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

/// A plan's name or a file name reached the terminal raw in `layout`, `new`, `generate`,
/// `import`, `undo` and `redo`.
#[test]
fn every_command_escapes_plan_text_for_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "X\u{1b}[31mRED\u{7}";
    let o = bridger(dir.path(), &["new", "x.bridger", "--name", hostile]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut outputs = vec![("new", o)];
    outputs.push(("layout", bridger(dir.path(), &["layout", "x.bridger"])));
    outputs.push((
        "edit",
        bridger(dir.path(), &["edit", "x.bridger", r#"{"op":"patch","value":{"kind":"plan","id":"plan","fields":{"summary":"s"}}}"#]),
    ));
    outputs.push(("undo", bridger(dir.path(), &["undo", "x.bridger"])));
    outputs.push(("redo", bridger(dir.path(), &["redo", "x.bridger"])));
    let named = format!("a\u{1b}]0;t\u{7}.bridger");
    outputs.push(("generate", bridger(dir.path(), &["generate", &named, "--initiatives", "20"])));
    assert!(bridger(dir.path(), &["export", "x.bridger", "-o", "x.json"]).status.success());
    let json = format!("in\u{1b}[2J.json");
    std::fs::copy(dir.path().join("x.json"), dir.path().join(&json)).unwrap();
    outputs.push(("import", bridger(dir.path(), &["import", &json, "-o", "y.bridger"])));
    for (what, o) in &outputs {
        assert!(o.status.success(), "{what}: {}", stderr(o));
        let text = format!("{}{}", stdout(o), stderr(o));
        assert_eq!(raw_controls(&text), Vec::<char>::new(), "{what}: {text}");
    }
    assert!(stdout(&outputs[1].1).contains(r"X\u{1b}[31mRED\u{7}"), "shown escaped: {}", stdout(&outputs[1].1));
}

/// Run A (long) starts, the plan is edited, run B starts and ends and is kept; then A ends:
/// it must not replace B, which describes the plan as it is.
#[test]
fn an_older_run_never_replaces_a_newer_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let (a, _) = Snapshot::read_to_keep(&path, start).unwrap();
    let first = bridger::demo::plan().initiatives[0].id.clone();
    let edit = format!(r#"{{"op":"patch","value":{{"kind":"initiative","id":"{first}","fields":{{"notes":"later"}}}}}}"#);
    assert!(bridger(dir.path(), &["edit", "demo.bridger", &edit]).status.success());
    let (b, _) = Snapshot::read_to_keep(&path, start).unwrap();
    assert!(b.revision > a.revision);
    let quick = SimOptions { iterations: 50, drivers: 0, ..SimOptions::default() };
    let ran_b = run(&b, &SimOptions { seed: 2, ..quick.clone() }, None).unwrap();
    assert_eq!(keep_in_file(&b, &ran_b, false).unwrap(), Keeping::Kept);
    let ran_a = run(&a, &SimOptions { seed: 1, ..quick }, None).unwrap();
    assert_eq!(keep_in_file(&a, &ran_a, false).unwrap(), Keeping::Newer);
    let kept = bridger::store::read_simulation(&path).unwrap().unwrap();
    assert_eq!((kept.seed, kept.revision, kept.stale), (2, b.revision, false), "B stays");
}

/// A line of an edit stream that is not UTF-8 stopped the whole stream ("cannot read
/// standard input"); now it is refused naming its line and byte offset, and the next line
/// is still applied.
#[test]
fn invalid_utf8_in_an_edit_stream_is_named_and_the_rest_applies() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let handoff = bridger::demo::plan().handoffs[0].id.clone();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bridger"))
        .current_dir(dir.path())
        .args(["edit", "demo.bridger", "-", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = b"{\"op\":\xff}\n".to_vec();
    input.extend_from_slice(format!("{{\"op\":\"remove_handoff\",\"value\":\"{handoff}\"}}\n").as_bytes());
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let o = child.wait_with_output().unwrap();
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{}", stdout(&o));
    assert_eq!(lines[0]["saved"], false);
    let message = lines[0]["error"]["message"].as_str().unwrap();
    assert!(message.contains("line 1") && message.contains("byte offset 6"), "{message}");
    assert_eq!(lines[1]["saved"], true, "the next line still lands");
    assert!(!bridger::store::read(&dir.path().join("demo.bridger")).unwrap().handoffs.iter().any(|h| h.id == handoff));
}

/// A top-level key the plan format does not know (a typo, a newer writer's field) imported
/// without a word; `import` and every reader now name it.
#[test]
fn an_unknown_top_level_key_is_named_on_import() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    assert!(bridger(dir.path(), &["export", "demo.bridger", "-o", "demo.json"]).status.success());
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("demo.json")).unwrap()).unwrap();
    let calendar = v.as_object_mut().unwrap().remove("calendar").unwrap();
    v["calender"] = calendar;
    std::fs::write(dir.path().join("typo.json"), serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let o = bridger(dir.path(), &["import", "typo.json", "-o", "typo.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("'calender' is not part of the plan format"), "{}", stderr(&o));
    let o = bridger(dir.path(), &["check", "typo.json"]);
    assert!(stderr(&o).contains("calender"), "every reader says it: {}", stderr(&o));
}

/// A FIFO or a device named as a plan or an input is refused at once, naming it, whatever
/// the command (it blocked for ever, or read on without end).
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_by_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.bridger");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.json")).unwrap();
    for args in [
        &["check", "pipe.bridger"][..],
        &["schedule", "zero.json"],
        &["import", "zero.json", "-o", "z.bridger"],
        &["edit", "pipe.bridger", "{}"],
    ] {
        let started = std::time::Instant::now();
        let o = bridger(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("not a regular file") || stderr(&o).contains("a device"), "{args:?}: {}", stderr(&o));
        assert!(started.elapsed().as_secs() < 10, "{args:?} answered at once");
    }
}

/// Issue 24, point 4: writing the summary or the asks, a name, a note, an owner or a card's
/// position made the kept forecast stale (so the brief fell back to "if nothing slips");
/// only an edit of what the simulation reads does.
#[test]
fn the_forecast_goes_stale_only_when_its_inputs_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let o = bridger(dir.path(), &["simulate", "demo.bridger", "--iterations", "100", "--drivers", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = bridger::store::read(&path).unwrap();
    let first = plan.initiatives[0].id.clone();
    let stale = || {
        let plan = bridger::store::read(&path).unwrap();
        let kept = bridger::store::read_simulation(&path).unwrap().unwrap();
        bridger::api::analysis::is_stale(&plan, &kept)
    };
    assert!(!stale());
    let edit = |json: String| assert!(bridger(dir.path(), &["edit", "demo.bridger", &json]).status.success(), "{json}");
    for fields in
        [r#"{"summary": "All well."}"#.to_string(), r#"{"asks": "Nothing."}"#.to_string(), r#"{"name": "Renamed plan"}"#.to_string()]
    {
        edit(format!(r#"{{"op":"patch","value":{{"kind":"plan","id":"plan","fields":{fields}}}}}"#));
        assert!(!stale(), "{fields}");
    }
    for fields in [r#"{"name": "Renamed"}"#, r#"{"notes": "a note"}"#, r#"{"owner": "Someone Else"}"#, r#"{"position": {"x": 5, "y": 7}}"#]
    {
        edit(format!(r#"{{"op":"patch","value":{{"kind":"initiative","id":"{first}","fields":{fields}}}}}"#));
        assert!(!stale(), "{fields}");
    }
    edit(format!(
        r#"{{"op":"patch","value":{{"kind":"initiative","id":"{first}","fields":{{"duration":{{"optimistic":30,"likely":40,"pessimistic":60}}}}}}}}"#
    ));
    assert!(stale(), "a duration is an input");
    // and the brief says so, from the same rule
    let o = bridger(dir.path(), &["brief", "demo.bridger", "-o", "b.pdf", "--date", "2027-01-04"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
