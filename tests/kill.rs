//! Nothing a user did is lost: a stream of edits through `bridger edit -` killed with
//! SIGKILL at random moments. After each kill the file passes SQLite's integrity check
//! and holds every edit that was acknowledged. `BRIDGER_KILL_RUNS=1000` for a longer run.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use bridger::gen::Rng;

/// Line `k` of the stream: mostly single edits, every fifth a batch of three.
fn line(run: usize, k: usize) -> (String, Vec<String>) {
    let add = |id: &str| {
        format!(
            r#"{{"op":"add_initiative","value":{{"id":"{id}","name":"Work {id}","owner":"Ann","duration":{{"optimistic":1,"likely":2,"pessimistic":4}},"status":"not_started"}}}}"#
        )
    };
    if k % 5 == 4 {
        let ids: Vec<String> = (0..3).map(|j| format!("r{run}-{k}-{j}")).collect();
        let body: Vec<String> = ids.iter().map(|id| add(id)).collect();
        (format!("[{}]", body.join(",")), ids)
    } else {
        let id = format!("r{run}-{k}");
        (add(&id), vec![id])
    }
}

fn integrity(path: &Path) -> String {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn killed_mid_stream_the_file_is_whole_and_keeps_every_acknowledged_edit() {
    let runs: usize = std::env::var("BRIDGER_KILL_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.bridger");
    let o = Command::new(env!("CARGO_BIN_EXE_bridger")).args(["new", path.to_str().unwrap(), "--start", "2027-01-04"]).output().unwrap();
    assert!(o.status.success());
    let mut rng = Rng::new(42);
    let mut acknowledged_total = 0;
    for run in 0..runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bridger"))
            .args(["edit", path.to_str().unwrap(), "-", "--json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let lines: Vec<(String, Vec<String>)> = (0..2000).map(|k| line(run, k)).collect();
        let texts: Vec<String> = lines.iter().map(|(t, _)| t.clone()).collect();
        let writer = std::thread::spawn(move || {
            for t in texts {
                if writeln!(stdin, "{t}").is_err() {
                    break; // killed
                }
            }
        });
        let reader = std::thread::spawn(move || {
            let mut acked = Vec::new();
            for l in BufReader::new(stdout).lines() {
                let Ok(l) = l else { break };
                let v: serde_json::Value = serde_json::from_str(&l).unwrap();
                assert_eq!(v["saved"], true, "{l}");
                acked.push(v["line"].as_u64().unwrap() as usize);
            }
            acked
        });
        std::thread::sleep(Duration::from_micros(rng.below(40_000)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        writer.join().unwrap();
        let acked = reader.join().unwrap();
        assert_eq!(integrity(&path), "ok", "run {run}: integrity check after the kill");
        let plan = bridger::store::read(&path).unwrap();
        let have: std::collections::HashSet<&str> = plan.initiatives.iter().map(|i| i.id.as_str()).collect();
        for n in &acked {
            for id in &lines[n - 1].1 {
                assert!(have.contains(id.as_str()), "run {run}: acknowledged edit of '{id}' (line {n}) is not in the file");
            }
        }
        // A batch is all or nothing, acknowledged or not.
        for (_, ids) in &lines {
            let kept = ids.iter().filter(|id| have.contains(id.as_str())).count();
            assert!(kept == 0 || kept == ids.len(), "run {run}: a batch was saved in part: {ids:?}");
        }
        acknowledged_total += acked.len();
    }
    eprintln!("{runs} kills, {acknowledged_total} acknowledged edits, all in the file");
    assert!(acknowledged_total > 0, "no edit was acknowledged before any kill: the test proves nothing");
}
