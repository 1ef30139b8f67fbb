//! Two real `bridger` processes editing one plan file at the same moment: the races the
//! hardening probe reproduced (a cycle committed by two writers, an add silently
//! overwritten by another) must never happen again.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};

fn bridger(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_bridger")).args(args).current_dir(dir).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    bridger(dir, args).wait_with_output().unwrap()
}

fn initiative(id: &str, name: &str) -> String {
    format!(
        r#"{{"op":"add_initiative","value":{{"id":"{id}","name":"{name}","owner":"Ann","duration":{{"optimistic":1,"likely":1,"pessimistic":1}},"status":"not_started"}}}}"#
    )
}

fn handoff(id: &str, from: &str, to: &str) -> String {
    format!(r#"{{"op":"add_handoff","value":{{"id":"{id}","from":"{from}","to":"{to}"}}}}"#)
}

/// Starts two `bridger edit - ` processes, lets both open the file, then gives each its
/// edit at the same moment and waits for both: (saved, stderr) of each. Both have read
/// the file before either writes: the situation in which a check made at open goes stale.
fn race(dir: &Path, one: &str, two: &str) -> [(bool, String); 2] {
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_bridger"))
            .args(["edit", "p.bridger", "-"])
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut children = [spawn(), spawn()];
    std::thread::sleep(std::time::Duration::from_millis(40));
    for (c, edit) in children.iter_mut().zip([one, two]) {
        let mut stdin = c.stdin.take().unwrap();
        std::thread::spawn({
            let edit = edit.to_string();
            move || writeln!(stdin, "{edit}")
        });
    }
    children.map(|c| {
        let o = c.wait_with_output().unwrap();
        (o.status.success(), String::from_utf8_lossy(&o.stderr).into_owned())
    })
}

const PAIRS: usize = 50;

#[test]
fn two_processes_adding_opposite_handoffs_never_commit_a_cycle() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["new", "p.bridger", "--start", "2027-01-04"]).status.success());
    let nodes: Vec<String> = (0..PAIRS).flat_map(|k| [initiative(&format!("a{k}"), "A"), initiative(&format!("b{k}"), "B")]).collect();
    let batch = format!("[{}]", nodes.join(","));
    assert!(run(dir.path(), &["edit", "p.bridger", &batch]).status.success());
    for k in 0..PAIRS {
        let (a, b) = (format!("a{k}"), format!("b{k}"));
        let [one, two] = race(dir.path(), &handoff(&format!("{a}>{b}"), &a, &b), &handoff(&format!("{b}>{a}"), &b, &a));
        assert!(one.0 != two.0, "pair {k}: exactly one of the two must be saved: {one:?} {two:?}");
        let loser = if one.0 { &two.1 } else { &one.1 };
        let named = [format!("handoffs form a cycle: {a} -> {b} -> {a}"), format!("handoffs form a cycle: {b} -> {a} -> {b}")];
        assert!(named.iter().any(|n| loser.contains(n.as_str())), "pair {k}: the loser must name the cycle: {loser}");
    }
    let o = run(dir.path(), &["check", "p.bridger"]);
    assert!(o.status.success(), "the file holds an invalid plan: {}", String::from_utf8_lossy(&o.stdout));
    let plan = bridger::store::read(&dir.path().join("p.bridger")).unwrap();
    assert_eq!(plan.handoffs.len(), PAIRS);
}

#[test]
fn two_processes_adding_the_same_id_never_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["new", "p.bridger", "--start", "2027-01-04"]).status.success());
    for k in 0..PAIRS {
        let id = format!("n{k}");
        let [one, two] = race(dir.path(), &initiative(&id, "first"), &initiative(&id, "second"));
        assert!(one.0 != two.0, "pair {k}: exactly one add must be acknowledged: {one:?} {two:?}");
        let loser = if one.0 { &two.1 } else { &one.1 };
        assert!(loser.contains(&format!("refused: initiative id '{id}' is used twice")), "pair {k}: {loser}");
        let plan = bridger::store::read(&dir.path().join("p.bridger")).unwrap();
        let kept = plan.initiative(&id).map(|i| i.name.as_str());
        assert_eq!(kept, Some(if one.0 { "first" } else { "second" }), "pair {k}: the acknowledged add must be the one kept");
    }
    // One undo step per acknowledged edit, each its own.
    let o = run(dir.path(), &["undo", "p.bridger"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains(&format!("undone: add initiative 'n{}' (by bridger edit at ", PAIRS - 1)));
    let plan = bridger::store::read(&dir.path().join("p.bridger")).unwrap();
    assert_eq!(plan.initiatives.len(), PAIRS - 1);
}
