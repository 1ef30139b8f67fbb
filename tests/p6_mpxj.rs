//! Bridger's XER export read by MPXJ (PyPI `mpxj`, Java 17; the venv at target/mpxj-venv,
//! made here when missing, as tests/mspdi_mpxj.rs does): the same activities, links (all
//! four kinds, lags), durations and dates as Bridger's plan and schedule.

use std::path::PathBuf;
use std::process::Command;

use bridger::io::p6;
use bridger::model::Kind;

#[path = "common/mpxj.rs"]
mod mpxj;
use mpxj::python;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn mpxj_reads_bridgers_xer_with_the_same_activities_links_durations_and_dates() {
    let py = python();
    let dir = tempfile::tempdir().unwrap();
    let mut plan = bridger::demo::plan();
    for (k, (kind, lag)) in [(Kind::SF, -2), (Kind::FF, 3), (Kind::SS, -1), (Kind::FS, 2)].into_iter().enumerate() {
        plan.handoffs[k].kind = kind;
        plan.handoffs[k].lag = lag;
    }
    assert!(bridger::health::errors(&plan).is_empty());
    let schedule = bridger::schedule::schedule(&plan).unwrap();
    let path = dir.path().join("plan.xer");
    std::fs::write(&path, p6::encode(&p6::to_string(&plan).text)).unwrap();
    let out = Command::new(&py).arg(root().join("tests/fixtures/p6/read_xer.py")).arg(&path).output().unwrap();
    assert!(out.status.success(), "MPXJ could not read Bridger's XER:\n{}", String::from_utf8_lossy(&out.stderr));
    let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tasks = theirs["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), plan.initiatives.len());
    let mut links = 0;
    let mut dates = 0;
    for t in tasks {
        let id = t["id"].as_str().unwrap();
        let i = plan.initiatives.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(t["name"].as_str().unwrap(), i.name);
        // The planned (original) duration: MPXJ's Duration of work under way is its actual
        // duration to the data date plus what remains.
        assert_eq!(t["planned_hours"].as_f64().unwrap(), f64::from(i.duration.likely) * 8.0, "{id}");
        let s = schedule.initiatives.iter().find(|s| s.id == id).unwrap();
        let day = |k: &str| t[k].as_str().unwrap().parse::<chrono::NaiveDate>().unwrap();
        assert_eq!((day("start"), day("finish")), (s.start_date, s.finish_date), "{id}");
        dates += 1;
        for l in t["links"].as_array().unwrap() {
            let kind = Kind::parse(l["type"].as_str().unwrap()).unwrap();
            let lag = l["lag_hours"].as_f64().unwrap() / 8.0;
            assert!(
                plan.handoffs
                    .iter()
                    .any(|h| h.from == l["from"].as_str().unwrap() && h.to == id && h.kind == kind && f64::from(h.lag) == lag),
                "link {l} into {id}"
            );
            links += 1;
        }
    }
    assert_eq!(links, plan.handoffs.len());
    // P6's data date is the first working day after Bridger's status date.
    let status = plan.status_date.unwrap();
    let work = plan.calendar.anchored(plan.start).unwrap();
    let data_date = (1..10).map(|n| status + chrono::Days::new(n)).find(|d| work.is_working(*d)).unwrap();
    assert_eq!(theirs["data_date"].as_str(), Some(data_date.to_string().as_str()));
    println!("MPXJ read Bridger's XER: {} activities, {links} links, {dates} with Bridger's dates", tasks.len());
}
