//! Sites that behave unlike their wave (issue 28, item 4) on real plan files: a site whose
//! override makes its work 10 days longer is flagged, the others of its wave are not; the
//! flag is a finding of `check`; `bridger sites --json` gives every field, P50/P80 only once
//! a current forecast is kept.

use std::path::{Path, PathBuf};
use std::process::Command;

use bridger::edit::Application;
use bridger::model::{Plan, Site};
use bridger::store::{Edit, PlanFile};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rollout").join(name)
}

fn bridger(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bridger")).args(args).output().unwrap()
}

/// The rollout fixture with two more stores in the pilot wave (four there, one in wave 2),
/// the template applied to all five; with `longer`, Store 2's install overridden to take 10
/// working days more.
fn plan_file(dir: &tempfile::TempDir, longer: bool) -> (PathBuf, PlanFile) {
    let path = dir.path().join("sites.bridger");
    let plan: Plan = bridger::io::json::from_str(&std::fs::read_to_string(fixture("plan.json")).unwrap(), "plan.json").unwrap();
    let mut f = PlanFile::create(&path, &plan).unwrap();
    let lead = |who: &str| std::iter::once(("site lead".to_string(), who.to_string())).collect();
    f.apply_batch(vec![
        Edit::AddSite(Site { roles: lead("Cy Dow"), ..Site::new("s4", "Store 4", Some("East".into()), Some("w1".into())) }),
        Edit::AddSite(Site { roles: lead("Di Eve"), ..Site::new("s5", "Store 5", Some("East".into()), Some("w1".into())) }),
        Edit::ApplyTemplate(Application {
            template: "store".into(),
            sites: ["s1", "s2", "s3", "s4", "s5"].iter().map(|s| s.to_string()).collect(),
        }),
    ])
    .unwrap();
    if longer {
        let mut i = f.plan().initiative("s2-install").unwrap().clone();
        i.duration.likely += 10;
        i.duration.pessimistic += 10;
        f.apply(Edit::UpdateInitiative(i)).unwrap();
    }
    (path, f)
}

fn json(path: &Path) -> serde_json::Value {
    let out = bridger(&["sites", path.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn site<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v.as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()
}

#[test]
fn a_site_whose_override_makes_its_work_ten_days_longer_is_flagged_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f) = plan_file(&dir, true);
    let rows = bridger::api::sites::sites(&path, f.plan()).unwrap();
    let flagged: Vec<(&str, Vec<&str>)> =
        rows.iter().filter(|r| !r.flags.is_empty()).map(|r| (r.id.as_str(), r.flags.iter().map(|x| x.code.as_str()).collect())).collect();
    // Store 2's one override is no more than its wave's norm of one (median 0 + 1): only the span.
    assert_eq!(flagged, [("s2", vec!["site-long-span"])]);
    let reason = &rows[1].flags[0].reason;
    assert!(reason.starts_with("Store 2 takes 15 working days of work, its wave's sites take 5 (median)"), "{reason}");
    // The same in check, as a finding about the site, in words.
    let out = bridger(&["check", path.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<&serde_json::Value> = report["findings"].as_array().unwrap().iter().filter(|x| x["code"] == "site-long-span").collect();
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!((found[0]["subject"].as_str(), found[0]["severity"].as_str()), (Some("s2"), Some("warning")));
    let text = String::from_utf8_lossy(&bridger(&["check", path.to_str().unwrap()]).stdout).into_owned();
    assert!(text.contains("Store 2 takes 15 working days of work"), "{text}");
    // Without the override nobody is flagged.
    let dir2 = tempfile::tempdir().unwrap();
    let (path2, f2) = plan_file(&dir2, false);
    let rows = bridger::api::sites::sites(&path2, f2.plan()).unwrap();
    assert!(rows.iter().all(|r| r.flags.is_empty()), "{rows:?}");
}

#[test]
fn the_json_has_every_field_and_p50_p80_once_a_forecast_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f) = plan_file(&dir, true);
    drop(f);
    let v = json(&path);
    assert_eq!(v.as_array().unwrap().len(), 5);
    let s2 = site(&v, "s2");
    let mut keys: Vec<&str> = s2.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    for k in [
        "id",
        "name",
        "wave",
        "region",
        "start",
        "finish",
        "span_days",
        "p50",
        "p80",
        "late_days",
        "status_counts",
        "open_risks",
        "findings",
        "overrides",
        "flags",
    ] {
        assert!(keys.contains(&k), "{k} missing from {keys:?}");
    }
    assert_eq!(s2["name"], "Store 2");
    assert_eq!(s2["wave"], "w1");
    assert_eq!(s2["region"], "North");
    let date = |x: &serde_json::Value| chrono::NaiveDate::parse_from_str(x.as_str().unwrap(), "%Y-%m-%d").unwrap();
    assert!(date(&s2["start"]) <= date(&s2["finish"]));
    assert_eq!(
        s2["status_counts"],
        serde_json::json!({"not_started": 3, "in_progress": 0, "on_track": 0, "at_risk": 0, "blocked": 0, "done": 0})
    );
    assert_eq!(s2["open_risks"], 1, "the template's late-kit risk at Store 2");
    assert_eq!(s2["overrides"], serde_json::json!([{"step": "install", "field": "duration"}]));
    assert_eq!(s2["flags"][0]["code"], "site-long-span");
    assert!(s2["findings"].as_u64().unwrap() >= 1, "its flag is a finding about it");
    // No baseline: late against the wave's median finish; no forecast: no P50/P80.
    assert!(s2["late_days"].as_i64().is_some());
    assert!(s2["p50"].is_null() && s2["p80"].is_null());
    assert_eq!(site(&v, "s3")["late_days"], 0, "alone in its wave, at its median");

    let out = bridger(&["simulate", path.to_str().unwrap(), "--iterations", "200", "--seed", "7"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&path);
    for s in v.as_array().unwrap() {
        let (p50, p80) = (date(&s["p50"]), date(&s["p80"]));
        assert!(p50 <= p80, "{s}");
        assert!(p50 >= date(&s["start"]), "{s}");
    }
    // A later edit makes the forecast stale: no P50/P80 again.
    let mut f = PlanFile::open(&path).unwrap();
    let mut i = f.plan().initiative("s1-install").unwrap().clone();
    i.duration.likely += 1;
    f.apply(Edit::UpdateInitiative(i)).unwrap();
    drop(f);
    assert!(site(&json(&path), "s1")["p50"].is_null());
}

#[test]
fn a_slip_against_the_baseline_of_record_is_measured_and_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f) = plan_file(&dir, false);
    drop(f);
    let out = bridger(&["baseline", path.to_str().unwrap(), "--name", "approved"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut f = PlanFile::open(&path).unwrap();
    let mut i = f.plan().initiative("s5-install").unwrap().clone();
    i.duration.likely += 10;
    i.duration.pessimistic += 10;
    f.apply(Edit::UpdateInitiative(i)).unwrap();
    drop(f);
    let v = json(&path);
    assert_eq!(site(&v, "s5")["late_days"], 10);
    assert_eq!(site(&v, "s1")["late_days"], 0);
    let codes: Vec<&str> = site(&v, "s5")["flags"].as_array().unwrap().iter().map(|x| x["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"site-slipped"), "{codes:?}");
    let out = bridger(&["check", path.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["findings"].as_array().unwrap().iter().any(|x| x["code"] == "site-slipped" && x["subject"] == "s5"), "{report}");
}

#[test]
fn the_rule_of_the_norm() {
    use bridger::sites::median_iqr;
    assert_eq!(median_iqr(&[5.0, 5.0, 5.0, 15.0]), Some((5.0, 2.5)));
    assert_eq!(median_iqr(&[1.0, 2.0, 3.0]), Some((2.0, 1.0)));
    assert_eq!(median_iqr(&[]), None);
}
