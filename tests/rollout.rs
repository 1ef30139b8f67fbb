//! Rollouts (issue 28) on real plan files: a template applied to sites gives each site its
//! instances, handoffs, gate and anchor links, crew chains and the wave's completion
//! milestone; a template change reaches every instance but an override, as one undo step; a
//! status update is no override; a clash or a bad sites CSV refuses everything.

mod common;

use std::path::{Path, PathBuf};

use bridger::edit::{Application, Override};
use bridger::model::{Plan, Status};
use bridger::store::{Edit, PlanFile, StoreError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rollout").join(name)
}

fn plan_json() -> Plan {
    bridger::io::json::from_str(&std::fs::read_to_string(fixture("plan.json")).unwrap(), "plan.json").unwrap()
}

/// A new plan file holding the fixture's plan (no site has the template yet).
fn file(dir: &tempfile::TempDir) -> (PathBuf, PlanFile) {
    let path = dir.path().join("rollout.bridger");
    let plan = plan_json();
    assert!(bridger::model::validate(&plan).is_empty(), "{:?}", bridger::model::validate(&plan));
    let f = PlanFile::create(&path, &plan).unwrap();
    (path, f)
}

fn apply(sites: &[&str]) -> Edit {
    Edit::ApplyTemplate(Application { template: "store".into(), sites: sites.iter().map(|s| s.to_string()).collect() })
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    let mut out: Vec<String> = items.iter().map(|x| id(x).to_string()).collect();
    out.sort();
    out
}

fn links(plan: &Plan) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = plan.handoffs.iter().map(|h| (h.from.clone(), h.to.clone())).collect();
    out.sort();
    out
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    out.sort();
    out
}

#[test]
fn a_template_applied_to_three_sites_in_two_waves() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut f) = file(&dir);
    f.apply(apply(&["s1", "s2", "s3"])).unwrap();
    // What the file holds, read again.
    let plan = bridger::store::read(&path).unwrap();
    assert_eq!(plan, *f.plan(), "the plan in memory mirrors the file");
    assert_eq!(
        ids(&plan.initiatives, |i| &i.id),
        [
            "s1-golive",
            "s1-install",
            "s1-survey",
            "s2-golive",
            "s2-install",
            "s2-survey",
            "s3-golive",
            "s3-install",
            "s3-survey",
            "w1-complete",
            "w1-go",
            "w1-network",
            "w2-complete",
            "w2-go",
            "w2-network"
        ]
    );
    let want = pairs(&[
        ("w1-go", "w2-go"),
        // within each site
        ("s1-survey", "s1-install"),
        ("s1-install", "s1-golive"),
        ("s2-survey", "s2-install"),
        ("s2-install", "s2-golive"),
        ("s3-survey", "s3-install"),
        ("s3-install", "s3-golive"),
        // anchors: each wave's network upgrade
        ("w1-network", "s1-install"),
        ("w1-network", "s2-install"),
        ("w2-network", "s3-install"),
        // gates
        ("w1-go", "s1-survey"),
        ("w1-go", "s2-survey"),
        ("w2-go", "s3-survey"),
        // completion milestones
        ("s1-golive", "w1-complete"),
        ("s2-golive", "w1-complete"),
        ("s3-golive", "w2-complete"),
        // the crew chain: one crew walks the pilot's stores in order; wave 2 has one store
        ("s1-install", "s2-install"),
    ]);
    assert_eq!(links(&plan), want);
    for h in &plan.handoffs {
        assert_eq!(h.id, format!("h-{}>{}", h.from, h.to), "handoff ids in the demo's form");
    }
    assert_eq!(ids(&plan.risks, |r| &r.id), ["late-kit-s1", "late-kit-s2", "late-kit-s3"]);
    assert_eq!(plan.risks.iter().find(|r| r.id == "late-kit-s2").unwrap().initiatives, ["s2-install"]);
    // Waves know their completion milestone; instances their step, site and wave.
    let w1 = plan.waves.iter().find(|w| w.id == "w1").unwrap();
    assert_eq!(w1.completion.as_deref(), Some("w1-complete"));
    let done = plan.initiative("w2-complete").unwrap();
    assert!(done.is_milestone());
    assert_eq!(done.wave.as_deref(), Some("w2"));
    let i = plan.initiative("s2-survey").unwrap();
    assert_eq!(i.instance.as_ref().map(|x| (x.template.as_str(), x.step.as_str())), Some(("store", "survey")));
    assert_eq!((i.site.as_deref(), i.wave.as_deref()), (Some("s2"), Some("w1")));
    // The same step at two sites reads apart: the site's name is in the instance's.
    let store2 = &plan.sites.iter().find(|s| s.id == "s2").unwrap().name;
    assert_eq!(i.name, format!("Site survey: {store2}"));
    // Roles filled per site; a role the site does not fill stays the role, and says so.
    assert_eq!(i.owner, "Bo Chan");
    assert_eq!(plan.initiative("s3-survey").unwrap().owner, "site lead");
    let findings = bridger::health::check(&plan).findings;
    assert!(findings.iter().any(|x| x.code == "unfilled-role" && x.subject == "s3-survey" && x.message.contains("'s3'")), "{findings:#?}");
    assert!(!findings.iter().any(|x| x.code == "unfilled-role" && x.subject.starts_with("s1")));
    // One undo step takes it all back, named by what was done.
    let undone = f.undo().unwrap().unwrap();
    assert_eq!(undone.to_string(), "apply template 'store'");
    assert_eq!(*f.plan(), {
        let mut p = plan_json();
        p.status_date = f.plan().status_date;
        p
    });
}

#[test]
fn applying_twice_to_a_site_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir);
    f.apply(apply(&["s1"])).unwrap();
    let before = f.plan().clone();
    let e = f.apply(apply(&["s2", "s1"])).unwrap_err();
    assert!(e.to_string().contains("already applied to site 's1'"), "{e}");
    assert_eq!(*f.plan(), before);
    // Applied to the second store later, the crew chain reaches it.
    f.apply(apply(&["s2"])).unwrap();
    assert!(f.plan().handoffs.iter().any(|h| h.id == "h-s1-install>s2-install"));
}

#[test]
fn an_id_clash_refuses_the_whole_application_listing_every_clash() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut f) = file(&dir);
    let mut a = bridger::model::Initiative::new("s2-install", "Someone's own work", "Kim", 1);
    a.site = Some("s2".into());
    let b = bridger::model::Initiative::new("s3-golive", "Another", "Kim", 1);
    f.apply_batch(vec![Edit::AddInitiative(a), Edit::AddInitiative(b)]).unwrap();
    let bytes = bridger::store::read(&path).unwrap();
    let e = f.apply(apply(&["s1", "s2", "s3"])).unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, StoreError::Rollout(_)), "{e:?}");
    assert!(text.contains("'s2-install'") && text.contains("'s3-golive'"), "{text}");
    assert_eq!(bridger::store::read(&path).unwrap(), bytes, "nothing was added");
}

#[test]
fn a_template_change_reaches_every_instance_but_an_override_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut f) = file(&dir);
    f.apply(apply(&["s1", "s2", "s3"])).unwrap();
    // Store 2 runs a longer install: an override of its duration, kept as such.
    let mut longer = f.plan().initiative("s2-install").unwrap().clone();
    longer.duration.likely = 6;
    longer.duration.pessimistic = 8;
    f.apply(Edit::UpdateInitiative(longer)).unwrap();
    assert_eq!(f.plan().initiative("s2-install").unwrap().overrides, ["duration"]);
    let listed = bridger::api::rollout::overrides(f.plan());
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].site, "s2");
    assert_eq!(
        listed[0].overrides.iter().map(|o| (o.step.as_str(), o.field.as_str())).collect::<Vec<_>>(),
        [("install", "duration")],
        "overrides are listed per site"
    );
    // A status update, progress, notes and a position are the instance's own: no override.
    let mut going = f.plan().initiative("s1-install").unwrap().clone();
    going.status = Status::OnTrack;
    going.progress = 0.5;
    going.notes = "Lane 3 needs a new socket".into();
    going.position = Some(bridger::model::Position { x: 10.0, y: 20.0 });
    going.leveling_delay = 2;
    f.apply(Edit::UpdateInitiative(going)).unwrap();
    assert!(f.plan().initiative("s1-install").unwrap().overrides.is_empty());
    // The template's install takes 4 days and gets a new name: every instance follows but
    // the duration of store 2.
    let before = f.plan().clone();
    let journal = f.journal_len().unwrap();
    let mut t = f.plan().template("store").unwrap().clone();
    let install = t.initiatives.iter_mut().find(|s| s.id == "install").unwrap();
    install.duration = bridger::model::Estimate { optimistic: 3, likely: 4, pessimistic: 6 };
    install.name = "Install and test lanes at {site}".into();
    f.apply(Edit::UpdateTemplate(t)).unwrap();
    let plan = bridger::store::read(&path).unwrap();
    assert_eq!(plan, *f.plan());
    for site in ["s1", "s2", "s3"] {
        let i = plan.initiative(&format!("{site}-install")).unwrap();
        let store = &plan.sites.iter().find(|s| s.id == site).unwrap().name;
        assert_eq!(i.name, format!("Install and test lanes at {store}"), "{site}: the step's name, the site's in its place");
        assert_eq!(i.duration.likely, if site == "s2" { 6 } else { 4 }, "{site}");
    }
    let s1 = plan.initiative("s1-install").unwrap();
    assert_eq!((s1.status, s1.progress, s1.leveling_delay), (Status::OnTrack, 0.5, 2), "the instance keeps its own");
    assert_eq!(f.journal_len().unwrap(), journal + 1, "one undo step");
    assert_eq!(f.undo().unwrap().unwrap().to_string(), "update template 'store'");
    assert_eq!(*f.plan(), before);
    f.redo().unwrap();
    // Cleared, the override takes the template's value again.
    f.apply(Edit::ClearOverride(Override { initiative: "s2-install".into(), field: "duration".into() })).unwrap();
    let i = f.plan().initiative("s2-install").unwrap();
    assert_eq!((i.duration.likely, i.overrides.len()), (4, 0));
}

#[test]
fn moving_a_site_rewires_its_gate_completion_and_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir);
    f.apply(apply(&["s1", "s2", "s3"])).unwrap();
    let mut s2 = f.plan().site("s2").unwrap().clone();
    s2.wave = Some("w2".into());
    f.apply(Edit::UpdateSite(s2)).unwrap();
    let plan = f.plan();
    let has = |a: &str, b: &str| plan.handoffs.iter().any(|h| h.from == a && h.to == b);
    assert!(has("w2-go", "s2-survey") && !has("w1-go", "s2-survey"));
    assert!(has("s2-golive", "w2-complete") && !has("s2-golive", "w1-complete"));
    assert!(has("w2-network", "s2-install") && !has("w1-network", "s2-install"));
    assert!(!has("s1-install", "s2-install"), "the pilot's crew no longer goes there");
    assert!(has("s2-install", "s3-install"), "wave 2's crew walks store 2, then store 3");
    assert!(plan.initiatives.iter().filter(|i| i.site.as_deref() == Some("s2")).all(|i| i.wave.as_deref() == Some("w2")));
    assert!(bridger::model::validate(plan).is_empty());
}

#[test]
fn removing_a_site_removes_its_work_not_started_and_refuses_work_begun() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir);
    f.apply(apply(&["s1", "s2", "s3"])).unwrap();
    let mut begun = f.plan().initiative("s1-survey").unwrap().clone();
    begun.status = Status::Done;
    begun.progress = 1.0;
    f.apply(Edit::UpdateInitiative(begun)).unwrap();
    let e = f.apply(Edit::RemoveSite("s1".into())).unwrap_err();
    assert!(e.to_string().contains("'s1-survey'"), "{e}");
    f.apply(Edit::RemoveSite("s2".into())).unwrap();
    let plan = f.plan();
    assert!(plan.initiatives.iter().all(|i| i.site.as_deref() != Some("s2")));
    assert!(plan.risks.iter().all(|r| r.id != "late-kit-s2"));
    assert!(plan.site("s2").is_none());
    assert!(bridger::model::validate(plan).is_empty());
}

fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_bridger")).args(args).output().unwrap()
}

#[test]
fn bridger_rollout_adds_the_sites_of_a_csv_and_their_work_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f) = file(&dir);
    drop(f);
    let p = path.to_str().unwrap();
    let sites = fixture("sites.csv");
    let s = sites.to_str().unwrap();
    // A dry run says what it would add and writes nothing.
    let before = bridger::store::read(&path).unwrap();
    let out = cli(&["rollout", p, "--template", "store", "--sites", s, "--dry-run", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dry: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["sites"], serde_json::json!(["s4", "s5"]));
    assert!(dry["initiatives"].as_array().unwrap().iter().any(|i| i == "s5-golive"));
    assert!(dry["handoffs"].as_array().unwrap().iter().any(|h| h == "h-s4-install>s5-install"), "{dry}");
    assert_eq!(bridger::store::read(&path).unwrap(), before);
    let out = cli(&["rollout", p, "--template", "store", "--sites", s]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("added 2 site(s), 7 initiative(s)"), "{text}");
    assert!(text.contains("completion milestones of waves: w2"), "the wave's first site makes its completion: {text}");
    let plan = bridger::store::read(&path).unwrap();
    assert_eq!(plan.site("s4").unwrap().roles.get("site lead").map(String::as_str), Some("Ed Park"));
    assert_eq!(plan.initiative("s4-survey").unwrap().owner, "Ed Park");
    assert_eq!(plan.initiative("s5-survey").unwrap().owner, "site lead", "an unfilled role stays the role");
    assert!(plan.handoffs.iter().any(|h| h.id == "h-w2-go>s4-survey"));
    // One undo step takes back the sites and their work.
    assert!(bridger::api::files::undo(&path).unwrap().is_some());
    assert_eq!(bridger::store::read(&path).unwrap(), before);
}

#[test]
fn every_bad_row_of_a_sites_csv_is_reported_and_nothing_added() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f) = file(&dir);
    drop(f);
    let before = bridger::store::read(&path).unwrap();
    let bad = fixture("bad-sites.csv");
    let e = bridger::api::rollout::rollout(&path, "store", &bad, false, "test").unwrap_err();
    assert_eq!(e.code, bridger::api::ErrorCode::Invalid);
    let f = bad.display().to_string();
    let want = [
        format!("{f}: line 2, column wave: wave 'w9' does not exist in the plan; add it first"),
        format!("{f}: line 3, column id: is empty; a value is required"),
        format!("{f}: line 5, column name: is empty; a value is required"),
    ];
    for w in &want {
        assert!(e.details.contains(w), "{w}\n{:#?}", e.details);
    }
    // The rows the file reads well but the plan refuses: an id taken, an id twice.
    assert!(e.details.iter().any(|d| d.contains("line 4, column id: site 's1' already exists")), "{:#?}", e.details);
    assert!(e.details.iter().any(|d| d.contains("line 7, column id: site 's9' is already on line 6")), "{:#?}", e.details);
    assert_eq!(bridger::store::read(&path).unwrap(), before, "nothing added");
    // The CLI says the same, every row, and fails.
    let out = cli(&["rollout", path.to_str().unwrap(), "--template", "store", "--sites", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2, column wave") && err.contains("line 5, column name"), "{err}");
}

#[test]
fn a_step_skipped_at_a_site_is_an_override_and_its_handoffs_are_bridged() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir);
    f.apply(apply(&["s1", "s2", "s3"])).unwrap();
    let before = f.plan().clone();
    f.apply(Edit::SkipStep("s2-install".into())).unwrap();
    let plan = f.plan().clone();
    let i = plan.initiative("s2-install").unwrap();
    assert_eq!(i.overrides, ["skipped"]);
    assert!(i.is_milestone() && i.effort.is_empty(), "a skipped step takes no time");
    assert!(plan.handoffs.iter().all(|h| h.from != "s2-install" && h.to != "s2-install"));
    let has = |a: &str, b: &str| plan.handoffs.iter().any(|h| h.from == a && h.to == b && h.id == format!("h-{a}>{b}"));
    // Its predecessors (the survey, the wave's network upgrade, the crew's previous store)
    // hand off to its successor.
    assert!(has("s2-survey", "s2-golive") && has("w1-network", "s2-golive") && has("s1-install", "s2-golive"));
    assert!(bridger::model::validate(&plan).is_empty());
    // A template change leaves the skipped step as it is.
    let mut t = plan.template("store").unwrap().clone();
    t.initiatives.iter_mut().find(|s| s.id == "install").unwrap().duration.likely = 4;
    t.initiatives.iter_mut().find(|s| s.id == "install").unwrap().duration.pessimistic = 6;
    f.apply(Edit::UpdateTemplate(t)).unwrap();
    assert!(f.plan().initiative("s2-install").unwrap().is_milestone());
    assert_eq!(f.plan().initiative("s1-install").unwrap().duration.likely, 4);
    // Cleared, the step comes back with the template's values and its own handoffs.
    f.apply(Edit::ClearOverride(Override { initiative: "s2-install".into(), field: "skipped".into() })).unwrap();
    let plan = f.plan();
    assert_eq!(plan.initiative("s2-install").unwrap().duration.likely, 4);
    assert_eq!(links(plan), links(&before));
    assert!(bridger::model::validate(plan).is_empty());
}

#[test]
fn a_rolled_out_plan_round_trips_through_a_csv_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir);
    f.apply(apply(&["s1", "s2", "s3"])).unwrap();
    f.apply(Edit::SkipStep("s3-survey".into())).unwrap();
    let mut plan = f.plan().clone();
    // Every field of a template set, and a template with no steps.
    let t = &mut plan.templates[0];
    t.initiatives[1].start_no_earlier_than = Some(chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap());
    t.initiatives[1].finish_no_later_than = Some(chrono::NaiveDate::from_ymd_opt(2027, 9, 1).unwrap());
    t.risks[0].schedule_impact = Some(bridger::model::Estimate { optimistic: 1, likely: 2, pessimistic: 4 });
    t.risks[0].mitigation = "Order kits; early".into();
    t.chains[0].lag = -1;
    t.handoffs[0].kind = bridger::model::Kind::SS;
    let mut empty = t.clone();
    (empty.id, empty.name, empty.initiatives, empty.handoffs, empty.risks, empty.chains) =
        ("empty".into(), "Nothing yet".into(), vec![], vec![], vec![], vec![]);
    plan.templates.push(empty);
    let out = dir.path().join("csv");
    bridger::api::files::export(&plan, &[], &out, bridger::api::files::Format::Csv, bridger::io::output::Overwrite::Refuse).unwrap();
    assert!(out.join("templates.csv").exists() && out.join("template_chains.csv").exists());
    let back = bridger::io::csv::read_folder(&out).unwrap();
    assert_eq!(back, plan);
    // A plan without templates keeps the seven files.
    let plain = dir.path().join("plain");
    bridger::api::files::export(
        &plan_json_without_templates(),
        &[],
        &plain,
        bridger::api::files::Format::Csv,
        bridger::io::output::Overwrite::Refuse,
    )
    .unwrap();
    assert!(!plain.join("templates.csv").exists());
    // A template file naming a template it does not have says so, with its line.
    std::fs::write(out.join("template_chains.csv"), "template,step,crews\nstore,install,1\nghost,install,2\n").unwrap();
    let e = bridger::io::csv::read_folder(&out).unwrap_err();
    assert!(
        e.problems()
            .iter()
            .any(|p| p.to_string() == "template_chains.csv: line 3, column template: 'ghost' is not a template of templates.csv"),
        "{e}"
    );
}

fn plan_json_without_templates() -> Plan {
    let mut p = plan_json();
    p.templates.clear();
    p
}

#[test]
fn a_file_of_version_6_reads_and_upgrades_to_hold_templates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.bridger");
    let mut plan = plan_json();
    let templates = std::mem::take(&mut plan.templates);
    for w in &mut plan.waves {
        (w.gate, w.anchors) = (None, Default::default());
    }
    for s in &mut plan.sites {
        s.roles.clear();
    }
    drop(PlanFile::create(&path, &plan).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(common::WITHOUT_ROLLOUTS).unwrap();
    c.pragma_update(None, "user_version", 6).unwrap();
    drop(c);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), plan);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "reading wrote nothing");
    let mut f = PlanFile::open(&path).unwrap();
    f.apply(Edit::AddTemplate(templates[0].clone())).unwrap();
    // A wave that does not name an anchor the template links to refuses, naming it all.
    let e = f.apply(apply(&["s1"])).unwrap_err().to_string();
    assert!(e.contains("anchor '@network'") && e.contains("wave 'w1'") && e.contains("site 's1'"), "{e}");
    for w in plan_json().waves {
        f.apply(Edit::UpdateWave(w)).unwrap();
    }
    f.apply(apply(&["s1"])).unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    let version: i32 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, bridger::store::SCHEMA_VERSION);
    assert_eq!(bridger::store::read(&path).unwrap(), *f.plan());
    assert!(f.plan().initiative("s1-install").is_some());
}

#[test]
fn a_handoff_changed_at_one_site_is_an_override_of_its_handoffs() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir);
    f.apply(apply(&["s1", "s2"])).unwrap();
    // Confirming a handoff is no override; a lag at one store is.
    let mut h = f.plan().handoffs.iter().find(|h| h.id == "h-s1-install>s1-golive").unwrap().clone();
    h.confirmed = true;
    f.apply(Edit::UpdateHandoff(h.clone())).unwrap();
    assert!(f.plan().initiative("s1-golive").unwrap().overrides.is_empty());
    h.lag = 2;
    f.apply(Edit::UpdateHandoff(h)).unwrap();
    assert_eq!(f.plan().initiative("s1-golive").unwrap().overrides, ["handoffs"]);
    // The template's handoff gets an assumption: store 2 takes it, store 1 keeps its own.
    let mut t = f.plan().template("store").unwrap().clone();
    t.handoffs.iter_mut().find(|h| h.id == "install-golive").unwrap().lag = 1;
    f.apply(Edit::UpdateTemplate(t)).unwrap();
    let lag = |id: &str| f.plan().handoffs.iter().find(|h| h.id == id).unwrap().lag;
    assert_eq!((lag("h-s1-install>s1-golive"), lag("h-s2-install>s2-golive")), (2, 1));
}

#[test]
fn a_step_added_to_or_removed_from_a_template_is_added_or_removed_at_every_site() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir);
    f.apply(apply(&["s1", "s3"])).unwrap();
    let mut t = f.plan().template("store").unwrap().clone();
    let mut train = t.initiatives[0].clone();
    (train.id, train.name, train.after_gate) = ("train".into(), "Train the cashiers".into(), false);
    t.initiatives.push(train);
    t.handoffs.push(bridger::model::TemplateHandoff {
        id: "train-golive".into(),
        from: "train".into(),
        to: "golive".into(),
        kind: bridger::model::Kind::FS,
        lag: 0,
        owner: "Olivia Brooks".into(),
        assumption: String::new(),
        confirmed: false,
    });
    f.apply(Edit::UpdateTemplate(t.clone())).unwrap();
    for site in ["s1", "s3"] {
        assert!(f.plan().initiative(&format!("{site}-train")).is_some());
        assert!(f.plan().handoffs.iter().any(|h| h.id == format!("h-{site}-train>{site}-golive")));
    }
    // Removed again: not started anywhere, so it goes; begun at one site, refused naming it.
    let mut begun = f.plan().initiative("s3-train").unwrap().clone();
    begun.progress = 0.2;
    begun.status = Status::OnTrack;
    f.apply(Edit::UpdateInitiative(begun)).unwrap();
    t.initiatives.retain(|s| s.id != "train");
    t.handoffs.retain(|h| h.id != "train-golive");
    let e = f.apply(Edit::UpdateTemplate(t.clone())).unwrap_err().to_string();
    assert!(e.contains("'s3-train'") && !e.contains("'s1-train'"), "{e}");
    let mut back = f.plan().initiative("s3-train").unwrap().clone();
    (back.progress, back.status) = (0.0, Status::NotStarted);
    f.apply(Edit::UpdateInitiative(back)).unwrap();
    f.apply(Edit::UpdateTemplate(t)).unwrap();
    assert!(f.plan().initiatives.iter().all(|i| !i.id.ends_with("-train")));
    assert!(bridger::model::validate(f.plan()).is_empty());
    // A template still applied is not removed.
    let e = f.apply(Edit::RemoveTemplate("store".into())).unwrap_err().to_string();
    assert!(e.contains("still applied at site 's1', 's3'"), "{e}");
}

#[test]
fn a_rolled_out_plan_round_trips_through_json_and_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir);
    f.apply(apply(&["s1", "s2", "s3"])).unwrap();
    f.apply(Edit::SkipStep("s3-survey".into())).unwrap();
    let plan = f.plan().clone();
    let text = bridger::io::json::to_string(&plan);
    assert!(text.contains("\"version\": 3"));
    let back = bridger::io::json::from_str(&text, "plan.json").unwrap();
    assert_eq!(back, plan);
    let copy = dir.path().join("copy.bridger");
    drop(PlanFile::create(&copy, &back).unwrap());
    assert_eq!(bridger::store::read(&copy).unwrap(), plan);
}

#[test]
fn a_template_that_names_nothing_is_refused_naming_each_part() {
    let mut plan = plan_json();
    let t = &mut plan.templates[0];
    t.initiatives[0].team = Some("nobody".into());
    t.handoffs[0].to = "missing".into();
    t.risks[0].initiatives.push("gone".into());
    t.chains[0].step = "lost".into();
    plan.waves[0].gate = Some("no-such-gate".into());
    let errors: Vec<String> = bridger::model::validate(&plan).iter().map(|e| e.to_string()).collect();
    for want in [
        "template 'store': step 'survey' team 'nobody' is not a known team",
        "template 'store': handoff 'survey-install' to 'missing' is not a known step",
        "template 'store': risk 'late-kit' initiatives 'gone' is not a known step",
        "template 'store': chain step 'lost' is not a known step",
        "wave 'w1': gate 'no-such-gate' is not a known initiative",
    ] {
        assert!(errors.iter().any(|e| e == want), "{want}\n{errors:#?}");
    }
}

#[test]
fn ms_project_xml_says_it_leaves_the_rollout_out() {
    let r = bridger::api::files::render(&plan_json(), &[], bridger::api::files::Format::Mspdi).unwrap();
    assert!(r.notes.iter().any(|n| n.contains("rollout templates") && n.contains("export JSON")), "{:#?}", r.notes);
}

#[test]
fn a_role_filled_at_a_site_gives_its_instances_their_owner() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir);
    f.apply(apply(&["s1", "s3"])).unwrap();
    assert_eq!(f.plan().initiative("s3-golive").unwrap().owner, "site lead");
    let mut s3 = f.plan().site("s3").unwrap().clone();
    s3.roles.insert("site lead".into(), "Cy Diaz".into());
    f.apply(Edit::UpdateSite(s3)).unwrap();
    let plan = f.plan();
    assert_eq!(
        (plan.initiative("s3-survey").unwrap().owner.as_str(), plan.initiative("s3-golive").unwrap().owner.as_str()),
        ("Cy Diaz", "Cy Diaz")
    );
    assert!(plan.initiative("s3-survey").unwrap().overrides.is_empty(), "the site's own roles are no override");
    assert!(!bridger::health::check(plan).findings.iter().any(|x| x.code == "unfilled-role"));
    // Work whose wave is not its site's is a finding.
    let mut moved = plan.initiative("s1-install").unwrap().clone();
    moved.wave = Some("w2".into());
    f.apply(Edit::UpdateInitiative(moved)).unwrap();
    let findings = bridger::health::check(f.plan()).findings;
    assert!(findings.iter().any(|x| x.code == "wave-differs-from-site" && x.subject == "s1-install"), "{findings:#?}");
}
