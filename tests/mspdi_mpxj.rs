//! The independent check of MS Project XML (issue 17): MPXJ, a Java library nobody here
//! wrote, reads what Bridger exports (the same tasks, links with kinds and lags, durations,
//! calendar, resources and assignments), and writes MSPDI of its own, built in its API with
//! all four kinds of link and a negative lag, which Bridger imports with the same counts;
//! and a Bridger file MPXJ read and saved again reads back as the same plan (deferred work an
//! inactive task both ways).
//!
//! MPXJ and JPype are installed from PyPI into target/mpxj-venv when missing (about 10 s);
//! Java 17 is the machine's. `make check-mspdi` runs this test and shows what MPXJ said.

use std::path::{Path, PathBuf};
use std::process::Command;

use bridger::io::mspdi;
use bridger::model::{Deferral, Kind};

#[path = "fixtures/csv/full_plan.rs"]
mod full;

#[path = "common/mpxj.rs"]
mod mpxj;
use mpxj::python;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn script(py: &Path, args: &[&Path]) -> (bool, String) {
    let out = Command::new(py).arg(root().join("benches/peers/mpxj_check.py")).args(args).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{text}");
    (out.status.success(), text)
}

#[test]
fn mpxj_reads_what_bridger_writes_and_bridger_reads_what_mpxj_writes() {
    let py = python();
    let dir = tempfile::tempdir().unwrap();

    // Bridger -> MPXJ: the demo plan, with handoffs of all four kinds and negative lags.
    let mut plan = bridger::demo::plan();
    plan.handoffs[0].kind = Kind::SF;
    plan.handoffs[0].lag = -2;
    plan.handoffs[1].kind = Kind::FF;
    plan.handoffs[1].lag = 3;
    plan.handoffs[2].kind = Kind::SS;
    plan.handoffs[2].lag = -1;
    // Deferred work: MS Project's inactive task (`Active` 0), as MPXJ reads it.
    let last = plan.initiatives.len() - 1;
    plan.initiatives[last].deferred = Some(Deferral { since: plan.start, reason: "room for the pilot".into() });
    assert!(bridger::health::errors(&plan).is_empty());
    let xml = dir.path().join("plan.xml");
    let json = dir.path().join("plan.json");
    std::fs::write(&xml, mspdi::to_string(&plan).text).unwrap();
    std::fs::write(&json, bridger::io::json::to_string(&plan)).unwrap();
    let (ok, said) = script(&py, &[Path::new("read"), &xml, &json]);
    assert!(ok && said.contains("agree"), "MPXJ disagrees with Bridger's export:\n{said}");
    let tasks = format!("{} tasks (1 inactive), {} links (kinds FF, FS, SF, SS)", plan.initiatives.len(), plan.handoffs.len());
    assert!(said.contains(&tasks), "expected '{tasks}' in:\n{said}");

    // Bridger -> MPXJ -> Bridger: MPXJ reads the file and saves it again, as a user's other
    // tool would; Bridger reads back the same plan (its data rides in extended attributes,
    // which MPXJ, like MS Project, keeps), every field set, text with quotes and new lines.
    let mut plan = full::full_plan().without_templates();
    plan.initiatives[0].deferred = Some(Deferral { since: plan.start, reason: "later".into() });
    let ours = dir.path().join("full.xml");
    let resaved = dir.path().join("resaved.xml");
    std::fs::write(&ours, mspdi::to_string(&plan).text).unwrap();
    let (ok, said) = script(&py, &[Path::new("resave"), &ours, &resaved]);
    assert!(ok, "MPXJ could not read and save Bridger's file:\n{said}");
    let back = mspdi::from_str(&std::fs::read_to_string(&resaved).unwrap(), "resaved.xml").unwrap();
    assert!(back.findings.is_empty(), "{:?}", back.findings);
    assert_eq!(bridger::io::json::to_string(&back.plan), bridger::io::json::to_string(&plan));

    // MPXJ -> Bridger.
    let theirs = dir.path().join("mpxj.xml");
    let expect = dir.path().join("expect.json");
    let (ok, said) = script(&py, &[Path::new("write"), &theirs, &expect]);
    assert!(ok, "MPXJ could not write its project:\n{said}");
    let expect: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&expect).unwrap()).unwrap();
    let got = mspdi::from_str(&std::fs::read_to_string(&theirs).unwrap(), "mpxj.xml").unwrap();
    let p = &got.plan;
    let tasks = expect["tasks"].as_array().unwrap();
    assert_eq!(p.initiatives.len(), tasks.len());
    for (i, t) in p.initiatives.iter().zip(tasks) {
        assert_eq!(i.name, t["name"].as_str().unwrap());
        assert_eq!(i64::from(i.duration.likely), t["days"].as_i64().unwrap(), "{}", i.name);
    }
    let name = |id: &str| p.initiatives.iter().find(|i| i.id == id).unwrap().name.clone();
    let mut links: Vec<(String, String, String, i64)> =
        p.handoffs.iter().map(|h| (name(&h.from), name(&h.to), h.kind.as_str().to_string(), i64::from(h.lag))).collect();
    let mut expected: Vec<(String, String, String, i64)> = expect["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let s = |k: &str| l[k].as_str().unwrap().to_string();
            (s("from"), s("to"), s("kind"), l["lag"].as_i64().unwrap())
        })
        .collect();
    links.sort();
    expected.sort();
    assert_eq!(links, expected);
    let holidays: Vec<String> = p.calendar.holidays.iter().map(|d| d.to_string()).collect();
    let expected_holidays: Vec<String> = expect["holidays"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
    assert_eq!(holidays, expected_holidays);
    assert_eq!(p.teams.len() as u64, expect["resources"].as_u64().unwrap());
    let build = p.initiatives.iter().find(|i| i.name == "Build").unwrap();
    assert_eq!(build.effort.len(), 1);
    assert_eq!(build.effort[0].person_days, expect["assignments"][0]["person_days"].as_f64().unwrap());
    // What MPXJ's file lacks for Bridger (owners) is a finding, and the plan is valid.
    assert!(got.findings.iter().any(|f| f.message.contains("no Contact")), "{:?}", got.findings);
    assert!(bridger::health::errors(p).is_empty(), "{:?}", bridger::health::errors(p));
    println!(
        "Bridger read MPXJ's file: {} tasks, {} links (FS, SS, FF, SF, a negative lag), {} holiday, {} findings",
        p.initiatives.len(),
        p.handoffs.len(),
        p.calendar.holidays.len(),
        got.findings.len()
    );
}
