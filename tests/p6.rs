//! Primavera P6 XER (issue 30): small projects built in MPXJ's API (all four link kinds,
//! lags in hours, a holiday, resources, actuals, a data date), scheduled by MPXJ's
//! PrimaveraScheduler and saved as XER by tests/fixtures/p6/make.py, kept in
//! tests/fixtures/p6/ with what MPXJ reads back from each (`NAME.json`). Bridger imports each
//! with the same activities, links, durations and dates, or a finding names the activity.
//! Bad input is an error naming the table, line and field. No Java is needed.

use std::path::PathBuf;

use bridger::io::p6;
use bridger::model::Kind;
use chrono::NaiveDate;
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/p6")
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap()
}

fn expect(name: &str) -> Value {
    serde_json::from_slice(&bytes(&format!("{name}.json"))).unwrap()
}

fn date(v: &Value) -> NaiveDate {
    v.as_str().and_then(|s| s.parse().ok()).unwrap()
}

const FILES: [&str; 2] = ["network", "progress"];

/// Activities, links with their kinds and lags, and durations as MPXJ reads them.
#[test]
fn activities_links_and_durations_are_the_files() {
    for name in FILES {
        let imported = p6::from_bytes(&bytes(&format!("{name}.xer")), name, None).unwrap();
        let plan = &imported.plan;
        let e = expect(name);
        let tasks = e["tasks"].as_array().unwrap();
        assert_eq!(plan.initiatives.len(), tasks.len(), "{name}");
        let mut links = 0;
        for t in tasks {
            let id = t["id"].as_str().unwrap();
            let i = plan.initiatives.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("{name}: {id}"));
            assert_eq!(i.name, t["name"].as_str().unwrap());
            assert_eq!(f64::from(i.duration.likely) * 8.0, t["hours"].as_f64().unwrap(), "{name}: {id}");
            for l in t["links"].as_array().unwrap() {
                links += 1;
                let kind = Kind::parse(l["type"].as_str().unwrap()).unwrap();
                let lag = (l["lag_hours"].as_f64().unwrap() / 8.0).round() as i32;
                assert!(
                    plan.handoffs.iter().any(|h| h.from == l["from"].as_str().unwrap() && h.to == id && h.kind == kind && h.lag == lag),
                    "{name}: link {l} into {id}"
                );
            }
        }
        assert_eq!(plan.handoffs.len(), links, "{name}");
    }
}

/// Every activity's saved start and finish (actual dates where it has them, else the early
/// dates) are Bridger's, or a finding names the activity; the share is printed.
#[test]
fn saved_dates_are_bridgers_or_a_finding_names_the_activity() {
    let (mut all, mut equal) = (0, 0);
    for name in FILES {
        let imported = p6::from_bytes(&bytes(&format!("{name}.xer")), name, None).unwrap();
        let plan = &imported.plan;
        assert!(bridger::health::errors(plan).is_empty(), "{:?}", bridger::health::errors(plan));
        let s = bridger::schedule::schedule(plan).unwrap();
        let e = expect(name);
        for t in e["tasks"].as_array().unwrap() {
            all += 1;
            let id = t["id"].as_str().unwrap();
            let ours = s.initiatives.iter().find(|x| x.id == id).unwrap();
            if (ours.start_date, ours.finish_date) == (date(&t["start"]), date(&t["finish"])) {
                equal += 1;
            } else {
                let subject = format!("activity {id} '{}'", t["name"].as_str().unwrap());
                assert!(
                    imported.findings.iter().any(|f| f.subject == subject && f.message.contains("differs")),
                    "{name}: {subject}: saved {}..{}, Bridger {}..{}; findings {:?}",
                    t["start"],
                    t["finish"],
                    ours.start_date,
                    ours.finish_date,
                    imported.findings
                );
            }
        }
        println!("{name}.xer findings:");
        for f in &imported.findings {
            println!("  {f}");
        }
    }
    println!("{equal} of {all} activities ({:.0}%) have the saved dates", 100.0 * equal as f64 / all as f64);
}
