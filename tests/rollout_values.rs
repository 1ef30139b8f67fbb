//! What a template does per site (plan format 3, docs/plan-format.md, "Values of a site"), on
//! real plan files: a site's values filled into names, texts, estimates and effort; crews per
//! wave with their leads; a gate that only each crew's first site waits for; a chain that walks
//! on across waves; handoffs at a wave's first site or each crew's last; and a site that lacks
//! a value the template names refusing the application, naming the site and the step.

mod common;

use std::path::PathBuf;

use bridger::edit::Application;
use bridger::model::{Plan, Quantity, Site, SiteValue};
use bridger::store::{Edit, PlanFile};

const PLAN: &str = r#"{
  "format": "bridger-plan",
  "version": 3,
  "name": "Values",
  "start": "2027-01-04",
  "teams": [{"id": "field", "name": "Field Install", "fte": 6}],
  "waves": [
    {"id": "w2", "name": "Wave 2", "order": 2, "gate": "w2-go", "anchors": {"hypercare": "w2-care"}},
    {"id": "w1", "name": "Pilot", "order": 1, "gate": "w1-go", "anchors": {"hypercare": "w1-care"}}
  ],
  "sites": [
    {"id": "a1", "name": "Store A1 - North", "wave": "w1", "values": {"store": "Store A1", "lanes": 10}},
    {"id": "a2", "name": "Store A2 - North", "wave": "w1", "values": {"store": "Store A2", "lanes": 8}},
    {"id": "a3", "name": "Store A3 - North", "wave": "w1", "values": {"store": "Store A3", "lanes": 5}},
    {"id": "b1", "name": "Store B1 - South", "wave": "w2", "values": {"store": "Store B1", "lanes": 6}},
    {"id": "b2", "name": "Store B2 - South", "wave": "w2", "values": {"store": "Store B2", "lanes": 12}},
    {"id": "b3", "name": "Store B3 - South", "wave": "w2", "values": {"store": "Store B3", "lanes": 7}},
    {"id": "b4", "name": "Store B4 - South", "wave": "w2", "values": {"store": "Store B4", "lanes": 9}}
  ],
  "initiatives": [
    {"id": "w1-go", "name": "Pilot go/no-go", "owner": "Gail Ops", "duration": {"optimistic": 0, "likely": 0, "pessimistic": 0}, "status": "not_started", "wave": "w1"},
    {"id": "w1-care", "name": "Pilot hypercare", "owner": "Ben Care", "duration": {"optimistic": 10, "likely": 10, "pessimistic": 10}, "status": "not_started", "wave": "w1"},
    {"id": "w2-go", "name": "Wave 2 go/no-go", "owner": "Gail Ops", "duration": {"optimistic": 0, "likely": 0, "pessimistic": 0}, "status": "not_started", "wave": "w2"},
    {"id": "w2-care", "name": "Wave 2 hypercare", "owner": "Ben Care", "duration": {"optimistic": 10, "likely": 10, "pessimistic": 10}, "status": "not_started", "wave": "w2"}
  ],
  "handoffs": [
    {"id": "h-w1-care>w2-go", "from": "w1-care", "to": "w2-go", "owner": "Gail Ops", "assumption": "The pilot closes first", "confirmed": true}
  ],
  "templates": [{
    "id": "store",
    "name": "Store cutover",
    "initiatives": [
      {"id": "survey", "name": "Survey: {store}", "owner": "Jo Walker", "team": "field", "duration": {"optimistic": 1, "likely": 2, "pessimistic": 3}},
      {"id": "install", "name": "Install {store} ({lanes} lanes)", "owner": "Nobody Yet", "team": "field",
       "duration": {"optimistic": "1 + ceil({lanes} / 4)", "likely": "2 + ceil({lanes} / 4)", "pessimistic": "5 + ceil({lanes} / 4)"},
       "effort": [{"team": "field", "person_days": "1.5 * {lanes}"}]}
    ],
    "handoffs": [
      {"id": "survey-install", "from": "survey", "to": "install", "owner": "{lead}", "assumption": "Crew {crew} reads the survey of {store}", "confirmed": true},
      {"id": "gate-install", "from": "@gate", "to": "install", "sites": "first_of_crew", "owner": "{lead}",
       "assumption": "Crew {crew} waits for a 'go' at the {@gate} before {store}", "confirmed": true},
      {"id": "opens", "from": "install", "to": "@hypercare", "kind": "SS", "lag": 1, "sites": "first", "owner": "Ben Care",
       "assumption": "{@hypercare} opens after the first store of {wave}", "confirmed": true},
      {"id": "closes", "from": "install", "to": "@hypercare", "kind": "FF", "lag": 10, "sites": "last_of_crew", "owner": "Ben Care",
       "assumption": "{@hypercare} stays open after crew {crew}'s last store", "confirmed": true}
    ],
    "chains": [
      {"step": "survey", "crews": 1, "across_waves": true, "owner": "Jo Walker", "assumption": "The surveyor reaches {store} next", "confirmed": true},
      {"step": "install", "crews": 2, "wave_crews": {"w1": 1}, "leads": ["Ann Lead", "Bo Lead"], "owner": "{lead}",
       "assumption": "Crew {crew} moves on to {store}", "confirmed": true}
    ]
  }]
}"#;

fn plan_json() -> Plan {
    bridger::io::json::from_str(PLAN, "values.json").unwrap()
}

fn file(dir: &tempfile::TempDir, plan: &Plan) -> (PathBuf, PlanFile) {
    let path = dir.path().join("values.bridger");
    assert!(bridger::model::validate(plan).is_empty(), "{:?}", bridger::model::validate(plan));
    let f = PlanFile::create(&path, plan).unwrap();
    (path, f)
}

fn apply(sites: &[&str]) -> Edit {
    Edit::ApplyTemplate(Application { template: "store".into(), sites: sites.iter().map(|s| s.to_string()).collect() })
}

const ALL: [&str; 7] = ["a1", "a2", "a3", "b1", "b2", "b3", "b4"];

/// The links between two steps of the template (or a step and an anchor), as "from>to".
fn links(plan: &Plan, from: &str, to: &str) -> Vec<String> {
    let mut out: Vec<String> =
        plan.handoffs.iter().filter(|h| h.from.ends_with(from) && h.to.ends_with(to)).map(|h| format!("{}>{}", h.from, h.to)).collect();
    out.sort();
    out
}

fn handoff<'p>(plan: &'p Plan, from: &str, to: &str) -> &'p bridger::model::Handoff {
    plan.handoffs.iter().find(|h| h.from == from && h.to == to).unwrap_or_else(|| panic!("no handoff {from} -> {to}"))
}

#[test]
fn a_site_s_values_fill_the_names_texts_estimates_and_effort_of_its_instances() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut f) = file(&dir, &plan_json());
    f.apply(apply(&ALL)).unwrap();
    let plan = bridger::store::read(&path).unwrap();
    assert_eq!(plan, *f.plan(), "the file holds what memory holds, the sites' values too");
    let i = plan.initiative("a1-install").unwrap();
    // A name that names a value of the site is the site's own: no ": <site name>" after it.
    assert_eq!(i.name, "Install Store A1 (10 lanes)");
    assert_eq!(plan.initiative("b2-survey").unwrap().name, "Survey: Store B2");
    // 2 + ceil(10 / 4) = 5 working days likely; 1.5 person-days a lane.
    let d = i.duration;
    assert_eq!((d.optimistic, d.likely, d.pessimistic), (4, 5, 8));
    assert_eq!(i.effort.iter().map(|e| (e.team.as_str(), e.person_days)).collect::<Vec<_>>(), [("field", 15.0)]);
    let d = plan.initiative("a3-install").unwrap().duration;
    assert_eq!((d.optimistic, d.likely, d.pessimistic), (3, 4, 7), "ceil(5 / 4) is 2");
    // Texts of handoffs: the site's values, its wave, its crew and anchors by name.
    let h = handoff(&plan, "a2-survey", "a2-install");
    assert_eq!((h.owner.as_str(), h.assumption.as_str()), ("Ann Lead", "Crew A reads the survey of Store A2"));
    let h = handoff(&plan, "b1-install", "w2-care");
    assert_eq!(h.assumption, "Wave 2 hypercare opens after the first store of Wave 2");
    // A change of a site's value reaches its instances: what the template controls follows.
    let mut b2 = plan.site("b2").unwrap().clone();
    b2.values.insert("lanes".into(), SiteValue::Number(4.0));
    f.apply(Edit::UpdateSite(b2)).unwrap();
    let i = f.plan().initiative("b2-install").unwrap();
    assert_eq!((i.name.as_str(), i.duration.likely, i.effort[0].person_days), ("Install Store B2 (4 lanes)", 3, 6.0));
    assert!(i.overrides.is_empty(), "the template's own change, no override");
}

#[test]
fn crews_per_wave_each_led_and_only_each_crew_s_first_site_waits_for_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir, &plan_json());
    f.apply(apply(&ALL)).unwrap();
    let plan = f.plan();
    // One crew in the pilot walks its stores in order; two crews take wave 2's in turn.
    assert_eq!(
        links(plan, "-install", "-install"),
        ["a1-install>a2-install", "a2-install>a3-install", "b1-install>b3-install", "b2-install>b4-install"]
    );
    // The gate: each crew's first store only (the rest wait for their crew).
    assert_eq!(links(plan, "-go", "-install"), ["w1-go>a1-install", "w2-go>b1-install", "w2-go>b2-install"]);
    let gate = handoff(plan, "w2-go", "b2-install");
    assert_eq!(gate.id, "h-w2-go>b2-install");
    assert_eq!(
        (gate.owner.as_str(), gate.assumption.as_str()),
        ("Bo Lead", "Crew B waits for a 'go' at the Wave 2 go/no-go before Store B2")
    );
    assert!(gate.confirmed);
    // Each crew's lead owns its stores' installs, in place of the step's owner.
    let owner = |id: &str| plan.initiative(id).unwrap().owner.clone();
    assert_eq!(["a1", "a2", "a3", "b1", "b3"].map(|s| owner(&format!("{s}-install"))), ["Ann Lead"; 5]);
    assert_eq!([owner("b2-install"), owner("b4-install")], ["Bo Lead", "Bo Lead"]);
    let chain = handoff(plan, "b2-install", "b4-install");
    assert_eq!((chain.owner.as_str(), chain.assumption.as_str(), chain.confirmed), ("Bo Lead", "Crew B moves on to Store B4", true));
    // Hypercare opens after the wave's first store and closes after each crew's last.
    let opens: Vec<String> =
        plan.handoffs.iter().filter(|h| h.to.ends_with("-care") && h.kind == bridger::model::Kind::SS).map(|h| h.from.clone()).collect();
    assert_eq!(opens, ["a1-install", "b1-install"]);
    let closes: Vec<String> =
        plan.handoffs.iter().filter(|h| h.to.ends_with("-care") && h.kind == bridger::model::Kind::FF).map(|h| h.from.clone()).collect();
    assert_eq!(closes, ["a3-install", "b3-install", "b4-install"]);
    assert_eq!(handoff(plan, "b3-install", "w2-care").assumption, "Wave 2 hypercare stays open after crew A's last store");
    assert!(bridger::model::validate(plan).is_empty());
}

#[test]
fn a_chain_across_waves_walks_on_from_the_last_site_of_the_wave_before() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir, &plan_json());
    // The waves are listed wave 2 first: the walk follows their order, the pilot first.
    f.apply(apply(&ALL)).unwrap();
    let plan = f.plan();
    assert_eq!(
        links(plan, "-survey", "-survey"),
        [
            "a1-survey>a2-survey",
            "a2-survey>a3-survey",
            "a3-survey>b1-survey",
            "b1-survey>b2-survey",
            "b2-survey>b3-survey",
            "b3-survey>b4-survey"
        ]
    );
    assert!(!plan.handoffs.iter().any(|h| h.to == "a1-survey"), "the walk starts at the pilot's first store");
    assert_eq!(handoff(plan, "a3-survey", "b1-survey").assumption, "The surveyor reaches Store B1 next");
}

#[test]
fn a_site_added_later_moves_the_links_of_the_last_sites() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir, &plan_json());
    f.apply(apply(&["a1", "a2", "a3", "b1", "b2", "b3"])).unwrap();
    assert!(f.plan().handoffs.iter().any(|h| h.from == "b2-install" && h.to == "w2-care"), "crew B's last store, for now");
    f.apply(apply(&["b4"])).unwrap();
    let plan = f.plan();
    assert!(!plan.handoffs.iter().any(|h| h.from == "b2-install" && h.to == "w2-care"), "b2 is no longer crew B's last");
    handoff(plan, "b4-install", "w2-care");
    handoff(plan, "b2-install", "b4-install");
    handoff(plan, "b3-survey", "b4-survey");
    // One undo step takes b4 back, and the links with it.
    f.undo().unwrap();
    assert!(f.plan().handoffs.iter().any(|h| h.from == "b2-install" && h.to == "w2-care"));
}

#[test]
fn a_site_without_a_value_the_template_names_refuses_the_application_naming_site_and_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = plan_json();
    plan.sites.iter_mut().find(|s| s.id == "b3").unwrap().values.remove("lanes");
    let (path, mut f) = file(&dir, &plan);
    let before = bridger::store::read(&path).unwrap();
    let e = f.apply(apply(&ALL)).unwrap_err().to_string();
    assert!(e.contains("template 'store'") && e.contains("step 'install'") && e.contains("site 'b3'") && e.contains("'lanes'"), "{e}");
    assert_eq!(bridger::store::read(&path).unwrap(), before, "nothing added");
    // Text where a formula needs a number says so.
    let mut b3 = plan.site("b3").unwrap().clone();
    b3.values.insert("lanes".into(), SiteValue::Text("ten".into()));
    f.apply(Edit::UpdateSite(b3)).unwrap();
    let e = f.apply(apply(&ALL)).unwrap_err().to_string();
    assert!(e.contains("site 'b3'") && e.contains("the text 'ten', not a number"), "{e}");
    // A value whose formula gives a part of a day is refused too: durations are whole days.
    let mut t = f.plan().template("store").unwrap().clone();
    t.initiatives[1].duration.likely = Quantity::Formula("{lanes} / 4".into());
    t.initiatives[1].duration.optimistic = Quantity::Fixed(0);
    t.initiatives[1].duration.pessimistic = Quantity::Fixed(50);
    f.apply(Edit::UpdateTemplate(t)).unwrap();
    let e = f.apply(apply(&["a1"])).unwrap_err().to_string();
    assert!(e.contains("likely duration") && e.contains("site 'a1'") && e.contains("2.5"), "{e}");
}

#[test]
fn a_template_whose_formula_or_text_does_not_read_is_refused_naming_the_step() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = file(&dir, &plan_json());
    let mut t = f.plan().template("store").unwrap().clone();
    t.initiatives[1].effort[0].person_days = Quantity::Formula("1.5 * lanes".into());
    let e = f.apply(Edit::UpdateTemplate(t.clone())).unwrap_err().to_string();
    assert!(e.contains("step 'install' person_days") && e.contains("{lanes}"), "{e}");
    t.initiatives[1].effort[0].person_days = Quantity::Fixed(2.0);
    t.handoffs[0].assumption = "Crew {crew reads".into();
    let e = f.apply(Edit::UpdateTemplate(t.clone())).unwrap_err().to_string();
    assert!(e.contains("handoff 'survey-install' assumption") && e.contains("does not close"), "{e}");
    t.handoffs[0].assumption = String::new();
    t.chains.clear();
    let e = f.apply(Edit::UpdateTemplate(t)).unwrap_err().to_string();
    assert!(e.contains("handoff 'gate-install' sites") && e.contains("no crew chain"), "{e}");
    // A value named as the template names its own placeholders is refused on the site.
    let mut a1 = f.plan().site("a1").unwrap().clone();
    a1.values.insert("crew".into(), SiteValue::Text("X".into()));
    let e = f.apply(Edit::UpdateSite(a1)).unwrap_err().to_string();
    assert!(e.contains("site 'a1'") && e.contains("'crew'"), "{e}");
}

#[test]
fn a_sites_file_gives_values_in_columns_named_in_braces_and_roles_in_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = plan_json();
    plan.sites.retain(|s| s.wave.as_deref() == Some("w1"));
    let (path, _) = file(&dir, &plan);
    let csv = dir.path().join("more.csv");
    std::fs::write(
        &csv,
        "id,name,wave,{store},{lanes},site lead\nb1,Store 014 - South,w2,014,6,Ed Park\nb2,Store 015 - South,w2,015,n/a,\n",
    )
    .unwrap();
    let sites = bridger::api::rollout::read_sites(&plan, &csv).unwrap();
    assert_eq!(sites[0].values["store"], SiteValue::Text("014".into()), "014 stays text: it does not read back as 14");
    assert_eq!(sites[0].values["lanes"], SiteValue::Number(6.0));
    assert_eq!(sites[1].values["lanes"], SiteValue::Text("n/a".into()));
    assert_eq!(sites[0].roles["site lead"], "Ed Park");
    assert!(sites[1].roles.is_empty());
    // The rollout through its command's door: the values reach the instances. Lanes of
    // "n/a" are no number: refused, naming the site and the step, and nothing added.
    let e = bridger::api::rollout::rollout(&path, "store", &csv, false, "test").unwrap_err();
    assert!(e.message.contains("site 'b2'") && e.message.contains("step 'install'") && e.message.contains("'n/a'"), "{}", e.message);
    assert_eq!(bridger::store::read(&path).unwrap().sites.len(), 3);
    std::fs::write(&csv, "id,name,wave,{store},{lanes}\nb1,Store 014 - South,w2,Store 014,6\n").unwrap();
    let made = bridger::api::rollout::rollout(&path, "store", &csv, false, "test").unwrap();
    assert_eq!(made.sites, ["b1"]);
    assert_eq!(bridger::store::read(&path).unwrap().initiative("b1-install").unwrap().name, "Install Store 014 (6 lanes)");
}

#[test]
fn site_values_and_the_new_template_fields_survive_json_and_csv() {
    let plan = plan_json();
    let again = bridger::io::json::from_str(&bridger::io::json::to_string(&plan), "again.json").unwrap();
    assert_eq!(again, plan);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("csv");
    bridger::io::csv::write_folder(&folder, bridger::io::output::Overwrite::Refuse, &plan, &[]).unwrap();
    let back = bridger::io::csv::read_folder(&folder).unwrap();
    assert_eq!(back.sites, plan.sites);
    assert_eq!(back.templates, plan.templates);
}

/// A file of version 7 (rollouts, no site values) reads as it is and upgrades when edited.
#[test]
fn a_file_of_version_7_reads_and_upgrades_to_hold_site_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v7.bridger");
    let mut plan = plan_json();
    for s in &mut plan.sites {
        s.values.clear();
    }
    drop(PlanFile::create(&path, &plan).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(common::WITHOUT_SITE_VALUES).unwrap();
    c.pragma_update(None, "user_version", 7).unwrap();
    drop(c);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bridger::store::read(&path).unwrap(), plan);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "reading wrote nothing");
    let mut f = PlanFile::open(&path).unwrap();
    let a1 = Site { values: plan_json().site("a1").unwrap().values.clone(), ..plan.site("a1").unwrap().clone() };
    f.apply(Edit::UpdateSite(a1.clone())).unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    let version: i32 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, bridger::store::SCHEMA_VERSION);
    assert_eq!(bridger::store::read(&path).unwrap().site("a1"), Some(&a1));
}
