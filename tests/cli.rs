//! The `bridger` binary as a user runs it: each test gets a temp dir, runs the real
//! binary, and checks its output, files and exit codes. Text reports are insta snapshots.

use std::path::Path;

mod common;

use common::{bridger, fixture, stderr, stdout};

#[test]
fn new_demo_then_schedule_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let o = bridger(dir.path(), &["new", "demo.bridger", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("created demo.bridger: "), "{}", stdout(&o));

    let o = bridger(dir.path(), &["schedule", "demo.bridger", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let makespan = v["makespan_days"].as_i64().unwrap();
    assert!(makespan > 0);
    let rows = v["initiatives"].as_array().unwrap();
    assert!(rows.len() >= 100, "the demo has about 150 initiatives, got {}", rows.len());
    for r in rows {
        for key in ["id", "name", "early_start", "early_finish", "late_start", "late_finish", "total_float", "critical"] {
            assert!(r.get(key).is_some(), "missing {key} in {r}");
        }
        assert!(r["early_finish"].as_i64().unwrap() <= makespan);
    }
    let critical: Vec<&str> = v["critical_path"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    assert!(!critical.is_empty());
    // The critical path ends where the plan ends.
    let last = rows.iter().find(|r| r["id"] == *critical.last().unwrap()).unwrap();
    assert_eq!(last["early_finish"].as_i64().unwrap(), makespan);
}

#[test]
fn schedule_and_check_text_reports() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("store-pilot.json");
    let o = bridger(dir.path(), &["import", plan.to_str().unwrap(), "-o", "pilot.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bridger(dir.path(), &["schedule", "pilot.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("schedule_store_pilot", stdout(&o));
    let o = bridger(dir.path(), &["check", "pilot.bridger"]);
    assert_eq!(o.status.code(), Some(0), "findings are not errors: {}", stderr(&o));
    insta::assert_snapshot!("check_store_pilot", stdout(&o));
}

/// Issue 22 item 13: `schedule` on a large plan file reads it on two connections and counts
/// the findings on another core while it writes the table; what it prints is what one thread
/// computes from the plan: the text (the counts of every finding, and rows of names longer
/// than their column and not ASCII), and the JSON.
#[test]
fn schedule_of_a_large_plan_file_is_the_schedule_of_its_plan() {
    use bridger::model::Plan;
    let dir = tempfile::tempdir().unwrap();
    let mut plan = bridger::gen::risky(3_000, 100, 7);
    for (k, i) in plan.initiatives.iter_mut().enumerate().step_by(97) {
        i.name = format!("Ünïcode {k} with a name longer than the forty characters of its column");
    }
    let path = dir.path().join("large.bridger");
    drop(bridger::store::PlanFile::create(&path, &plan).unwrap());
    assert!(std::fs::metadata(&path).unwrap().len() >= 1 << 20, "too small to be read on two connections");
    let read: Plan = bridger::store::read(&path).unwrap();
    assert_eq!(read, plan);
    let s = bridger::schedule::schedule(&read).unwrap();
    let counts = bridger::health::counts(&read, Some(&s));
    assert!(counts.warning > 0 && counts.info > 0, "{counts:?}");
    let o = bridger(dir.path(), &["schedule", "large.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), bridger::report::schedule_text(&read, &s, &counts));
    let o = bridger(dir.path(), &["schedule", "large.bridger", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{}\n", serde_json::to_string_pretty(&s).unwrap()));
}

#[test]
fn check_names_every_error_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = fixture("invalid.json");
    let o = bridger(dir.path(), &["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o).replace(bad.to_str().unwrap(), "invalid.json");
    insta::assert_snapshot!("check_invalid", text);
    // Importing it is refused and writes nothing.
    let o = bridger(dir.path(), &["import", bad.to_str().unwrap(), "-o", "bad.bridger"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("initiative 'a': likely duration is -1 days"), "{}", stderr(&o));
    assert!(!dir.path().join("bad.bridger").exists());
}

#[test]
fn export_then_import_is_lossless() {
    let dir = tempfile::tempdir().unwrap();
    assert!(bridger(dir.path(), &["new", "a.bridger", "--demo"]).status.success());
    let o = bridger(dir.path(), &["export", "a.bridger", "-o", "a.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bridger(dir.path(), &["import", "a.json", "-o", "b.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bridger(dir.path(), &["export", "b.bridger", "-o", "b.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let a = std::fs::read_to_string(dir.path().join("a.json")).unwrap();
    let b = std::fs::read_to_string(dir.path().join("b.json")).unwrap();
    assert_eq!(a, b);
    let plan = bridger::io::json::from_str(&a, "a.json").unwrap();
    assert_eq!(plan, bridger::demo::plan());
}

#[test]
fn psplib_instances_import_with_their_resources() {
    let dir = tempfile::tempdir().unwrap();
    let sm = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks/psplib/j30/j301_1.sm");
    let o = bridger(dir.path(), &["import", sm.to_str().unwrap(), "-o", "j.bridger", "--start", "2027-01-04"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("32 initiatives, 48 handoffs"), "{}", stdout(&o));
    let o = bridger(dir.path(), &["schedule", "j.bridger", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["makespan_days"], 38, "j301_1 states MPM-Time 38");
}

#[test]
fn errors_go_to_stderr_name_the_file_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["schedule", "missing.bridger"], "bridger: missing.bridger: no such file"),
        (&["schedule", "plan.txt"], "bridger: plan.txt: unknown kind of file (expected .bridger, .json, .xml, .xer, .sm or a folder of CSV files; or say --format)"),
        (&["import", "broken.json", "-o", "x.bridger"], "bridger: broken.json: line 1, column 12: expected value"),
        (
            &["import", "other.json", "-o", "x.bridger"],
            "bridger: other.json: not a Bridger plan (expected \"format\": \"bridger-plan\", found \"gantt\")",
        ),
        (&["schedule", "notes.bridger"], "bridger: notes.bridger: not a Bridger plan (not an SQLite database)"),
        (&["schedule", "cycle.json"], "bridger: cannot schedule cycle.json: handoffs form a cycle: design -> build -> test -> design"),
        (
            &["schedule", "dup.json"],
            "bridger: dup.json: the plan is invalid: initiative id 'a' is used twice (run `bridger check dup.json`)",
        ),
        (
            &["schedule", "cut.bridger"],
            "bridger: cut.bridger: the plan file is damaged: SQLite finds it malformed (cut short, or overwritten in part?); restore it from a copy",
        ),
        (
            &["edit", "cut.bridger", "{}"],
            "bridger: cut.bridger: the plan file is damaged: SQLite finds it malformed (cut short, or overwritten in part?); restore it from a copy",
        ),
        (
            &["edit", "whole.bridger", r#"[{"op":"remove_handoff","value":"h1"},{"op":"add_handoff","value":{"id":"x","from":"a","to":"b","lag":"two"}}]"#],
            r#"bridger: edit 1: not an edit: [1].value.lag: invalid type: string "two", expected i32"#,
        ),
        (&["edit", "whole.bridger", "not json"], "bridger: edit 1: not an edit: not JSON (expected ident at column 2)"),
        (&["new", "x.json"], "bridger: x.json: a plan file is named *.bridger (for example x.bridger)"),
        (&["import", "whole.bridger", "-o", "copy.bridger"], "bridger: whole.bridger: is already a plan file; import reads .json, .xml, .xer, .sm or a CSV folder (copy it, or `bridger export` it to JSON)"),
        (&["schedule", "empty.bridger"], "bridger: empty.bridger: empty or incomplete file (an import or save that did not finish?); nothing was read from it. Restore it from a copy, or create it again with `bridger new` or `bridger import`"),
    ];
    std::fs::write(
        dir.path().join("dup.json"),
        r#"{"format":"bridger-plan","name":"d","start":"2027-01-04","initiatives":[
            {"id":"a","name":"A","owner":"o","duration":{"optimistic":1,"likely":1,"pessimistic":1},"status":"not_started"},
            {"id":"a","name":"A again","owner":"o","duration":{"optimistic":1,"likely":1,"pessimistic":1},"status":"not_started"}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("typo.json"),
        r#"{"format":"bridger-plan","name":"d","start":"2027-01-04","initiatives":[{"id":"a","name":"A","owner":"o","duration":{"optimistic":1,"likely":1,"pessimistic":1},"finish_no_later_then":"2027-02-01","status":"not_started"}]}"#,
    )
    .unwrap();
    assert!(bridger(dir.path(), &["new", "whole.bridger", "--demo"]).status.success());
    let whole = std::fs::read(dir.path().join("whole.bridger")).unwrap();
    std::fs::write(dir.path().join("cut.bridger"), &whole[..whole.len() / 3]).unwrap();
    std::fs::write(dir.path().join("plan.txt"), "x").unwrap();
    std::fs::write(dir.path().join("empty.bridger"), "").unwrap();
    std::fs::write(dir.path().join("broken.json"), "{\"format\": oops}").unwrap();
    std::fs::write(dir.path().join("other.json"), "{\"format\": \"gantt\"}").unwrap();
    std::fs::write(dir.path().join("notes.bridger"), "my notes").unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schedule/cycle_is_named_in_order.json"),
        dir.path().join("cycle.json"),
    )
    .unwrap();
    for (args, want) in cases {
        let o = bridger(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stdout(&o).is_empty(), "{args:?} printed to stdout");
        assert_eq!(stderr(&o).trim_end(), *want, "{args:?}");
    }
    assert!(!dir.path().join("x.bridger").exists());
    assert_eq!(std::fs::read(dir.path().join("notes.bridger")).unwrap(), b"my notes");
}

#[test]
fn edits_are_saved_one_by_one_and_a_refused_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("store-pilot.json");
    assert!(bridger(dir.path(), &["import", plan.to_str().unwrap(), "-o", "p.bridger"]).status.success());
    let add = r#"{"op":"add_initiative","value":{"id":"signage","name":"In-store signage","owner":"Mo Haddad","duration":{"optimistic":1,"likely":2,"pessimistic":3},"status":"not_started"}}"#;
    let o = bridger(dir.path(), &["edit", "p.bridger", add]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "p.bridger: saved: add initiative 'signage'\n");
    let before = std::fs::read(dir.path().join("p.bridger")).unwrap();
    let cycle = r#"{"op":"add_handoff","value":{"id":"back","from":"golive","to":"network"}}"#;
    let o = bridger(dir.path(), &["edit", "p.bridger", cycle]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).trim_end(), "bridger: edit 1: refused: handoffs form a cycle: golive -> network -> install -> golive");
    assert_eq!(std::fs::read(dir.path().join("p.bridger")).unwrap(), before);
    let o = bridger(dir.path(), &["export", "p.bridger", "-o", "-"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = v["initiatives"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["network", "kit", "install", "train", "golive", "signage"]);
    assert!(v["handoffs"].as_array().unwrap().iter().all(|h| h["id"] != "back"));

    let o = bridger(dir.path(), &["undo", "p.bridger"]);
    assert!(stdout(&o).starts_with("p.bridger: undone: add initiative 'signage' (by bridger edit at "), "{}", stdout(&o));
    let o = bridger(dir.path(), &["undo", "p.bridger"]);
    assert_eq!(stdout(&o), "p.bridger: nothing to undo\n", "the import is the start of the journal");
    let o = bridger(dir.path(), &["redo", "p.bridger"]);
    assert!(stdout(&o).starts_with("p.bridger: redone: add initiative 'signage' (by bridger edit at "), "{}", stdout(&o));
    let o = bridger(dir.path(), &["export", "p.bridger", "-o", "-"]);
    assert!(stdout(&o).contains("In-store signage"));
}

/// Defect 5: `edit -` acknowledged nothing until standard input closed. Each line is now
/// committed and acknowledged as it arrives (the acknowledgement of line 1 is read here
/// before line 2 is written), a refused line changes nothing and the stream goes on, and
/// a JSON array is one batch.
#[test]
fn edit_stream_acknowledges_each_line_as_it_lands() {
    use std::io::{BufRead, BufReader, Write};
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("store-pilot.json");
    assert!(bridger(dir.path(), &["import", plan.to_str().unwrap(), "-o", "p.bridger"]).status.success());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bridger"))
        .args(["edit", "p.bridger", "-", "--json"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut ack = |line: &str| -> serde_json::Value {
        writeln!(stdin, "{line}").unwrap();
        let mut text = String::new();
        out.read_line(&mut text).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let v = ack(r#"{"op":"remove_handoff","value":"h3"}"#);
    assert_eq!(v, serde_json::json!({"line": 1, "saved": true, "edit": "remove handoff 'h3'"}));
    let v = ack(r#"{"op":"add_handoff","value":{"id":"back","from":"golive","to":"network"}}"#);
    assert_eq!(v["saved"], false);
    assert_eq!(v["error"]["code"], "cycle");
    let v = ack(r#"[{"op":"remove_handoff","value":"h1"},{"op":"remove_handoff","value":"h2"}]"#);
    assert_eq!(v, serde_json::json!({"line": 3, "saved": true, "edit": "2 edits as one step"}));
    let v = ack("not json");
    assert_eq!(v["error"]["code"], "invalid");
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(2), "a refused line makes the exit code 2");
    let o = bridger(dir.path(), &["undo", "p.bridger"]);
    assert!(stdout(&o).contains("undone: 2 edits, the last: remove handoff 'h2'"), "{}", stdout(&o));
    let o = bridger(dir.path(), &["export", "p.bridger", "-o", "-"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = v["handoffs"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"h1") && ids.contains(&"h2") && !ids.contains(&"h3") && !ids.contains(&"back"), "{ids:?}");
}

/// The plan of issue 24: a -> b -> c (5 days each, from Monday 4 January 2027: a works
/// days 0-4, b 5-9, c 10-14) and a direct a -> c, written as JSON in `dir`.
fn chain_with_a_shortcut(dir: &Path, due: [Option<(u32, u32)>; 2]) {
    use bridger::model::{Handoff, Initiative, Plan, Team};
    let date = |(m, d): (u32, u32)| chrono::NaiveDate::from_ymd_opt(2027, m, d);
    let mut plan = Plan::new("acceptance", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    plan.teams = vec![Team::new("dev", "Platform", 2.0), Team::new("ops", "Operations", 2.0)];
    plan.initiatives =
        vec![Initiative::new("a", "Build", "o", 5), Initiative::new("b", "Sign-off", "o", 5), Initiative::new("c", "Pilot", "o", 5)];
    plan.initiatives[0].team = Some("dev".into());
    plan.initiatives[1].team = Some("dev".into());
    plan.initiatives[2].team = Some("ops".into());
    let (mut ab, mut bc) = (Handoff::fs("a-b", "a", "b"), Handoff::fs("b-c", "b", "c"));
    ab.due = due[0].and_then(date);
    bc.due = due[1].and_then(date);
    plan.handoffs = vec![ab, bc, Handoff::fs("a-c", "a", "c")];
    std::fs::write(dir.join("p.json"), bridger::io::json::to_string(&plan)).unwrap();
}

/// Issue 24.1: both ends of a -> c are critical, but it has 5 working days of room: it
/// neither drives nor is on the critical path; the chain's handoffs are.
#[test]
fn schedule_json_gives_each_handoffs_relationship_float() {
    let dir = tempfile::tempdir().unwrap();
    chain_with_a_shortcut(dir.path(), [None, None]);
    let o = bridger(dir.path(), &["schedule", "p.json", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["critical_path"], serde_json::json!(["a", "b", "c"]), "the existing keys stay");
    assert_eq!(
        v["handoffs"],
        serde_json::json!([
            {"id": "a-b", "relationship_float": 0, "driving": true, "critical": true},
            {"id": "b-c", "relationship_float": 0, "driving": true, "critical": true},
            {"id": "a-c", "relationship_float": 5, "driving": false, "critical": false},
        ])
    );
}

/// Issue 24.2: a handoff's due date is compared with when it is delivered; a late one is a
/// finding naming both initiatives and their teams, with its slack in the JSON.
#[test]
fn a_handoff_delivered_after_its_due_date_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    // Sign-off needs Build's work on Monday 11 January: it has it that morning. The pilot
    // needs the signed-off build on Friday 15 January; it has it on Monday 18: a day late.
    chain_with_a_shortcut(dir.path(), [Some((1, 11)), Some((1, 15))]);
    let o = bridger(dir.path(), &["schedule", "p.json", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let due: Vec<_> =
        v["handoffs"].as_array().expect("handoffs").iter().map(|h| (h["id"].clone(), h["due"].clone(), h["due_slack"].clone())).collect();
    assert_eq!(
        due,
        [
            (serde_json::json!("a-b"), serde_json::json!("2027-01-11"), serde_json::json!(0)),
            (serde_json::json!("b-c"), serde_json::json!("2027-01-15"), serde_json::json!(-1)),
            (serde_json::json!("a-c"), serde_json::Value::Null, serde_json::Value::Null),
        ]
    );

    let o = bridger(dir.path(), &["check", "p.json", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let missed: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "handoff-due-missed").collect();
    assert_eq!(missed.len(), 1, "a due date met gives nothing: {v}");
    assert_eq!(missed[0]["subject"], "b-c");
    assert_eq!(missed[0]["severity"], "critical");
    assert_eq!(
        missed[0]["message"],
        "the handoff 'Sign-off' (Platform) → 'Pilot' (Operations) is due 2027-01-15 and arrives 1 working day late"
    );
}

/// Issue 26, point 10: a refused field is named, with the value given; a bad date says the
/// form it expects, in an edit and in clap's own errors.
#[test]
fn refused_fields_and_bad_dates_are_named_with_the_form_expected() {
    let dir = tempfile::tempdir().unwrap();
    let o = bridger(dir.path(), &["new", "p.bridger", "--start", "2027-01-04"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bridger(
        dir.path(),
        &["edit", "p.bridger", r#"{"op":"patch","value":{"kind":"plan","id":"plan","fields":{"target":"2027-13-01"}}}"#],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("cannot set 'target' to \"2027-13-01\"") && err.contains("YYYY-MM-DD"), "{err}");
    let o = bridger(dir.path(), &["brief", "p.bridger", "-o", "b.pdf", "--date", "1/3/2027"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
    let o = bridger(dir.path(), &["new", "q.bridger", "--start", "2027-02-30"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
}
