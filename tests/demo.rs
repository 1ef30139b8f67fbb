//! The demo plan is the first thing a new user sees: it must be valid, schedule, and show
//! the findings it was built to show. It is data (`assets/demo/`, read by `api::demo`): the
//! plan it makes equals the plan the code built before it (`tests/data/demo-plan-by-code.json`,
//! that code's export) but for what applying a template adds, listed here; and it is the same
//! plan built in memory or through a plan file by the commands a user would run.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde_json::Value;

use bridger::demo;
use bridger::health;
use bridger::schedule::schedule;

fn count(report: &health::Report, code: &str) -> usize {
    report.findings.iter().filter(|f| f.code == code).count()
}

#[test]
fn the_demo_plan_has_no_errors() {
    let report = health::check(&demo::plan());
    assert!(report.errors.is_empty(), "errors: {:#?}", report.errors);
}

#[test]
fn the_demo_plan_has_the_size_of_a_real_rollout() {
    let plan = demo::plan();
    let n = plan.initiatives.len();
    assert!((140..=170).contains(&n), "{n} initiatives");
    // 238 handoffs, and the 40 into the waves' completion milestones applying the template adds
    assert!((180..=290).contains(&plan.handoffs.len()), "{} handoffs", plan.handoffs.len());
    assert_eq!(plan.risks.len(), 20);
    assert_eq!(plan.teams.len(), 8);
    assert_eq!(plan.sites.len(), 40);
    assert_eq!(plan.waves.len(), 4);
    let waves: HashSet<&str> = plan.waves.iter().map(|w| w.id.as_str()).collect();
    for site in &plan.sites {
        let wave = site.wave.as_deref().unwrap_or_default();
        assert!(waves.contains(wave), "site {} is in no known wave", site.id);
    }
    for wave in &plan.waves {
        let stores = plan.sites.iter().filter(|s| s.wave.as_deref() == Some(wave.id.as_str())).count();
        assert!(stores >= 4, "wave {} has {stores} stores", wave.id);
    }
}

#[test]
fn every_initiative_has_an_owner_and_a_team() {
    let plan = demo::plan();
    let teams: HashSet<&str> = plan.teams.iter().map(|t| t.id.as_str()).collect();
    for i in &plan.initiatives {
        assert!(!i.owner.trim().is_empty(), "{} has no owner", i.id);
        let team = i.team.as_deref().unwrap_or_default();
        assert!(teams.contains(team), "{} has no known team", i.id);
        let d = i.duration;
        assert!(d.optimistic <= d.likely && d.likely <= d.pessimistic, "{} estimate out of order", i.id);
    }
}

#[test]
fn the_demo_plan_schedules_like_a_real_program() {
    let plan = demo::plan();
    let s = schedule(&plan).expect("the demo plan schedules");
    assert!((120..=320).contains(&s.makespan_days), "makespan {} working days", s.makespan_days);
    assert!(!s.critical_path.is_empty());
    // The path runs through the hardware, the pilot and the waves, not a side task.
    for id in ["hardware-delivery", "wave-1-gate", "wave-2-gate", "wave-3-gate", "wave-4-gate", "legacy-decommission"] {
        assert!(s.critical_path.iter().any(|c| c == id), "{id} is not critical: {:?}", s.critical_path);
    }
}

#[test]
fn the_demo_plan_shows_the_findings_it_was_built_for() {
    let report = health::check(&demo::plan());
    assert!(count(&report, "unowned-handoff") >= 3, "{:#?}", report.findings);
    assert!(count(&report, "unconfirmed-handoff") >= 3, "{:#?}", report.findings);
    assert_eq!(count(&report, "missed-deadline"), 1, "{:#?}", report.findings);
    assert_eq!(count(&report, "no-assumption"), 0);
    assert_eq!(count(&report, "no-team"), 0);
}

#[test]
fn the_demo_plan_is_the_same_on_every_call() {
    assert_eq!(demo::plan(), demo::plan());
}

/// The completion milestones applying the template adds: one per wave, each waited for by
/// the wave's installs (`before_completion`). The demo the code built had none.
const COMPLETIONS: [&str; 4] = ["wave-1-complete", "wave-2-complete", "wave-3-complete", "wave-4-complete"];

/// The fields of the rollout (plan format 3) the demo built in code could not have: they
/// record how the plan was made, not what it plans.
/// Fields the code-built demo could not have: the rollout's, and the strategic priorities'
/// (issue 29: the priorities, and the ones each initiative serves), and a definition of done
/// (issue 31: `done_when`).
const TOP_FIELDS_OF_A_ROLLOUT: [&str; 2] = ["priorities", "templates"];
const WAVE_FIELDS_OF_A_ROLLOUT: [&str; 3] = ["gate", "anchors", "completion"];
const SITE_FIELDS_OF_A_ROLLOUT: [&str; 1] = ["values"];
const INITIATIVE_FIELDS_OF_A_ROLLOUT: [&str; 4] = ["instance", "overrides", "serves", "done_when"];

/// The instances with a deadline of their own (a constraint: an override of the template),
/// and the only overrides of the demo.
const OWN_DEADLINES: [&str; 3] = ["store-047-install", "store-194-install", "store-198-install"];

fn by_id(list: &Value) -> BTreeMap<String, Value> {
    list.as_array().unwrap().iter().map(|x| (x["id"].as_str().unwrap().to_string(), x.clone())).collect()
}

fn without(mut x: Value, fields: &[&str]) -> Value {
    for f in fields {
        x.as_object_mut().unwrap().remove(*f);
    }
    x
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_string()).collect()
}

/// `bridger new x --demo && bridger export x --format json`, as a user runs it.
fn exported_demo() -> Value {
    let dir = tempfile::tempdir().unwrap();
    let new = common::bridger(dir.path(), &["new", "demo.bridger", "--demo"]);
    assert!(new.status.success(), "{}", common::stderr(&new));
    let export = common::bridger(dir.path(), &["export", "demo.bridger", "--format", "json", "-o", "demo.json"]);
    assert!(export.status.success(), "{}", common::stderr(&export));
    serde_json::from_str(&std::fs::read_to_string(dir.path().join("demo.json")).unwrap()).unwrap()
}

fn by_code() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/demo-plan-by-code.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_demo_from_its_data_equals_the_demo_the_code_built_but_for_the_completion_milestones() {
    let (before, after) = (by_code(), exported_demo());
    // The plan's own settings: the same, but the format's version (2 then, 3 now) and the
    // template (the rollout's, new).
    for (k, v) in before.as_object().unwrap() {
        if !["version", "teams", "waves", "sites", "initiatives", "handoffs", "risks"].contains(&k.as_str()) {
            assert_eq!(after[k], *v, "{k}");
        }
    }
    assert_eq!((before["version"].as_u64(), after["version"].as_u64()), (Some(2), Some(u64::from(bridger::io::json::VERSION))));
    let new_top: BTreeSet<&str> =
        after.as_object().unwrap().keys().filter(|k| before.get(k.as_str()).is_none()).map(|k| k.as_str()).collect();
    assert_eq!(new_top, TOP_FIELDS_OF_A_ROLLOUT.into_iter().collect());
    // Teams, waves, sites and risks: the same, in the same order, but the rollout's fields.
    assert_eq!(after["teams"], before["teams"]);
    assert_eq!(after["risks"], before["risks"]);
    for (list, fields) in [("waves", &WAVE_FIELDS_OF_A_ROLLOUT[..]), ("sites", &SITE_FIELDS_OF_A_ROLLOUT[..])] {
        let now: Vec<Value> = after[list].as_array().unwrap().iter().map(|x| without(x.clone(), fields)).collect();
        assert_eq!(Value::Array(now), before[list], "{list}");
    }
    // Initiatives: every one the code built, the same but the rollout's fields; and the four
    // completion milestones. (The order differs: a rollout adds the instances after the
    // plan's own work, where the code wrote each wave's stores after the wave's work.)
    let (was, now) = (by_id(&before["initiatives"]), by_id(&after["initiatives"]));
    let added: Vec<&str> = now.keys().filter(|id| !was.contains_key(*id)).map(String::as_str).collect();
    assert_eq!(added, COMPLETIONS);
    for (id, x) in &was {
        let y = now.get(id).unwrap_or_else(|| panic!("the demo lost '{id}'"));
        assert_eq!(without(y.clone(), &INITIATIVE_FIELDS_OF_A_ROLLOUT), *x, "{id}");
        let is_store_work = x["site"].is_string();
        assert_eq!(y.get("instance").is_some(), is_store_work, "{id}: an instance of the template exactly when it is a store's work");
    }
    let overridden: Vec<(&str, &Value)> = now.iter().filter_map(|(id, x)| x.get("overrides").map(|o| (id.as_str(), o))).collect();
    assert_eq!(overridden.iter().map(|(id, _)| *id).collect::<Vec<_>>(), OWN_DEADLINES);
    for (_, o) in overridden {
        assert_eq!(*o, serde_json::json!(["finish_no_later_than"]));
    }
    // Handoffs: every one the code built, the same; and one from each install to its wave's
    // completion milestone.
    let (was, now) = (by_id(&before["handoffs"]), by_id(&after["handoffs"]));
    for (id, x) in &was {
        assert_eq!(now.get(id), Some(x), "{id}");
    }
    let added: Vec<&Value> = now.iter().filter(|(id, _)| !was.contains_key(*id)).map(|(_, h)| h).collect();
    assert_eq!(added.len(), 40, "one per store");
    for h in &added {
        let (from, to) = (h["from"].as_str().unwrap(), h["to"].as_str().unwrap());
        let install = &after["initiatives"].as_array().unwrap().iter().find(|i| i["id"] == from).unwrap();
        assert!(from.ends_with("-install") && COMPLETIONS.contains(&to), "{from} -> {to}");
        assert_eq!(format!("{}-complete", install["wave"].as_str().unwrap()), to);
    }
    let milestones = by_id(&after["initiatives"]);
    for id in COMPLETIONS {
        let m = &milestones[id];
        assert_eq!(m["duration"], serde_json::json!({"optimistic": 0, "likely": 0, "pessimistic": 0}), "{id} is a milestone");
        assert_eq!(m["team"], "field", "{id}: in the team of the work it waits for, so its handoffs are no seams");
    }
    // The same order as the code built: each wave's stores right after the wave's own work.
    let made: Vec<&Value> =
        after["initiatives"].as_array().unwrap().iter().filter(|i| !COMPLETIONS.contains(&i["id"].as_str().unwrap_or(""))).collect();
    assert_eq!(ids(&Value::Array(made.into_iter().cloned().collect())), ids(&before["initiatives"]));
}

/// The findings of a plan as (code, subject, message), sorted.
fn findings(plan: &bridger::model::Plan) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = bridger::health::check(plan).findings.into_iter().map(|f| (f.code, f.subject, f.message)).collect();
    out.sort();
    out
}

#[test]
fn the_demo_from_its_data_has_the_dates_and_findings_of_the_demo_the_code_built() {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/demo-plan-by-code.json")).unwrap();
    let before = bridger::io::json::from_str(&text, "demo-plan-by-code.json").unwrap();
    let after = demo::plan();
    let (s0, s1) = (schedule(&before).unwrap(), schedule(&after).unwrap());
    assert_eq!((s0.start_date, s0.finish_date, s0.makespan_days), (s1.start_date, s1.finish_date, s1.makespan_days));
    assert_eq!(s0.critical_path, s1.critical_path);
    let dates: BTreeMap<&str, _> = s1.initiatives.iter().map(|r| (r.id.as_str(), r)).collect();
    for r in &s0.initiatives {
        let now = dates[r.id.as_str()];
        assert_eq!(
            (r.start_date, r.finish_date, r.total_float, r.critical),
            (now.start_date, now.finish_date, now.total_float, now.critical),
            "{}",
            r.id
        );
    }
    for id in COMPLETIONS {
        assert!(!dates[id].critical && dates[id].total_float > 0, "{id} is not critical");
    }
    // The strategic priorities (issue 29) are new since: their findings are the only new ones.
    const OF_PRIORITIES: [&str; 4] = ["priorities-compete", "priority-owner-not-a-person", "priority-unserved", "work-serves-no-priority"];
    let (now, of_priorities): (Vec<_>, Vec<_>) = findings(&after).into_iter().partition(|f| !OF_PRIORITIES.contains(&f.0.as_str()));
    assert_eq!(now, findings(&before), "no finding more or less, the completion milestones' neither");
    assert!(of_priorities.iter().any(|f| f.0 == "priority-owner-not-a-person" && f.1 == "legacy"), "a priority owned by a team shows");
}

/// `bridger import assets/demo/plan.json -o x && bridger rollout x --template store --sites
/// assets/demo/stores.csv && bridger edit x - < assets/demo/facts.jsonl`, through the API the
/// commands call: the plan `api::demo` builds in memory, but for the moments an edit stamps.
#[test]
fn the_demo_in_memory_is_the_demo_the_commands_make_in_a_file() {
    use bridger::api::demo::{FACTS, PLAN_JSON, TEMPLATE};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.bridger");
    let plan = bridger::io::json::from_str(PLAN_JSON, "plan.json").unwrap();
    bridger::api::files::create(&path, &plan).unwrap();
    let stores = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/stores.csv");
    let made = bridger::api::rollout::rollout(&path, TEMPLATE, &stores, false, "test").unwrap();
    assert_eq!((made.sites.len(), made.initiatives.len(), made.waves.len()), (40, 84, 4), "stores, their work and the milestones");
    let mut edit = bridger::api::edit::EditFile::open(&path, "test").unwrap();
    for line in FACTS.lines() {
        edit.apply_line(line).unwrap();
    }
    drop(edit);
    let mut in_file = bridger::store::read(&path).unwrap();
    let mut in_memory = demo::plan();
    // The commands append the stores; the demo lists them after their wave's work.
    in_file.initiatives.sort_by(|a, b| a.id.cmp(&b.id));
    in_memory.initiatives.sort_by(|a, b| a.id.cmp(&b.id));
    // An edit of a status stamps the moment it was made; the demo's facts say theirs.
    for (a, b) in in_file.initiatives.iter_mut().zip(&in_memory.initiatives) {
        if let (Some(x), Some(y)) = (&mut a.updated, &b.updated) {
            x.at = y.at.clone();
        }
    }
    assert_eq!(in_file, in_memory);
}

#[test]
fn the_demo_s_files_read_without_a_note() {
    let (_, notes) = bridger::io::json::from_str_with_notes(bridger::api::demo::PLAN_JSON, "plan.json").unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(bridger::api::demo::build().map(|p| p.sites.len()).ok(), Some(40));
}
