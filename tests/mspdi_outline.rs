//! Structure back (issue 30 item 6): an MS Project XML export writes waves and sites as
//! summary tasks (level 1 the wave, level 2 its sites, the work under them; the sites of no
//! wave under "(no wave)", which reads back as no wave), with UIDs stable across a round
//! trip; MPXJ reads the outline as such. And Baseline0: the baseline of record goes out as
//! each task's Baseline0 (dates and duration) and comes back as the baseline of record.

use std::path::{Path, PathBuf};
use std::process::Command;

use bridger::io::mspdi;
use bridger::model::{Initiative, Plan, Site, Wave};

#[path = "common/mpxj.rs"]
mod mpxj;

/// Each `<Task>` of an export, in file order: (UID, name, outline level, summary).
fn tasks(xml: &str) -> Vec<(u64, String, usize, bool)> {
    let field = |t: &str, name: &str| -> Option<String> {
        let open = format!("<{name}>");
        let at = t.find(&open)? + open.len();
        Some(t[at..at + t[at..].find('<')?].to_string())
    };
    xml.split("<Task>")
        .skip(1)
        .map(|t| {
            let t = &t[..t.find("</Task>").unwrap()];
            (
                field(t, "UID").unwrap().parse().unwrap(),
                field(t, "Name").unwrap_or_default(),
                field(t, "OutlineLevel").unwrap().parse().unwrap(),
                field(t, "Summary").as_deref() == Some("1"),
            )
        })
        .filter(|t| t.0 != 0)
        .collect()
}

fn json(plan: &Plan) -> String {
    bridger::io::json::to_string(plan)
}

/// A wave with a site, a site of no wave, work of a wave outside any site, work of neither,
/// and work whose wave is not its site's.
fn small() -> Plan {
    let mut plan = Plan::new("Outline", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    plan.waves = vec![Wave::new("w1", "Wave 1", 1), Wave::new("w2", "Wave 2", 2)];
    plan.sites = vec![Site::new("north", "North", None, Some("w1".into())), Site::new("lab", "Lab", None, None)];
    let mut work = |id: &str, site: Option<&str>, wave: Option<&str>| {
        let mut i = Initiative::new(id, &format!("Work {id}"), "Ana", 2);
        (i.site, i.wave) = (site.map(str::to_string), wave.map(str::to_string));
        plan.initiatives.push(i);
    };
    work("a", Some("north"), Some("w1"));
    work("loose", None, None);
    work("b", Some("lab"), None);
    work("gate", None, Some("w1"));
    work("odd", Some("north"), Some("w2"));
    plan
}

#[test]
fn waves_and_sites_are_summary_tasks_and_read_back_as_the_same_plan() {
    let plan = small();
    let out = mspdi::to_string(&plan);
    let rows: Vec<(String, usize, bool)> = tasks(&out.text).into_iter().map(|(_, n, l, s)| (n, l, s)).collect();
    let row = |n: &str, l: usize, s: bool| (n.to_string(), l, s);
    assert_eq!(
        rows,
        [
            row("Wave 1", 1, true),
            row("North", 2, true),
            row("Work a", 3, false),
            row("Work odd", 3, false),
            row("Work gate", 2, false),
            row("Work loose", 1, false),
            row("(no wave)", 1, true),
            row("Lab", 2, true),
            row("Work b", 3, false),
        ]
    );
    assert!(!rows.iter().any(|r| r.0 == "Wave 2"), "a wave with no work has no summary (the plan's data keeps it)");
    let odd: Vec<_> = out.findings.iter().filter(|f| f.subject == "initiative 'odd'").collect();
    assert_eq!(odd.len(), 1, "{:?}", out.findings);
    assert!(odd[0].message.contains("wave 'w2'") && odd[0].message.contains("'North'"), "{}", odd[0]);
    // Back: the same plan, in its own order; then the same file again.
    let back = mspdi::from_str(&out.text, "outline.xml").unwrap();
    assert!(back.findings.is_empty(), "{:?}", back.findings);
    assert_eq!(json(&back.plan), json(&plan));
    assert_eq!(mspdi::to_string(&back.plan).text, out.text);

    // Another tool that keeps none of Bridger's data reads the outline: the waves and sites
    // by name, "(no wave)" as no wave.
    let (head, rest) = out.text.split_once("  <ExtendedAttributes>\n").unwrap();
    let rest = rest.split_once("  </ExtendedAttributes>\n").unwrap().1;
    let bare: String = rest.lines().filter(|l| !l.contains("<ExtendedAttribute>")).map(|l| format!("{l}\n")).collect();
    let bare = format!("{head}{bare}");
    let p = mspdi::from_str(&bare, "bare.xml").unwrap().plan;
    let names = |xs: Vec<&str>| xs.into_iter().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(names(p.waves.iter().map(|w| w.name.as_str()).collect()), ["Wave 1"]);
    let site = |n: &str| p.sites.iter().find(|s| s.name == n).unwrap();
    assert_eq!(site("North").wave.as_deref(), Some(p.waves[0].id.as_str()));
    assert_eq!(site("Lab").wave, None);
    let by = |n: &str| p.initiatives.iter().find(|i| i.name == n).unwrap();
    assert_eq!((by("Work b").site.as_deref(), by("Work b").wave.as_deref()), (Some(site("Lab").id.as_str()), None));
    assert_eq!(by("Work gate").wave.as_deref(), Some(p.waves[0].id.as_str()));
    assert_eq!(by("Work loose").wave, None);
}

/// The demo: exported, imported and exported again gives the same file (the same UIDs) and
/// the same plan; the outline holds its four waves and forty stores.
#[test]
fn the_demo_round_trips_with_the_same_uids() {
    let demo = bridger::demo::plan().without_templates();
    let first = mspdi::to_string(&demo).text;
    let back = mspdi::from_str(&first, "demo.xml").unwrap();
    assert_eq!(json(&back.plan), json(&demo));
    let second = mspdi::to_string(&back.plan).text;
    let uids = |x: &str| tasks(x).into_iter().map(|t| (t.0, t.1)).collect::<Vec<_>>();
    assert_eq!(uids(&second), uids(&first));
    assert_eq!(second, first);
    let rows = tasks(&first);
    assert_eq!(rows.iter().filter(|r| r.3 && r.2 == 1).count(), demo.waves.len());
    assert_eq!(rows.iter().filter(|r| r.3 && r.2 == 2).count(), demo.sites.len());
    let mut unique: Vec<u64> = rows.iter().map(|r| r.0).collect();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), rows.len(), "every UID once");
}

/// A file from MS Project keeps its UIDs through Bridger: the ids an import made of them
/// (`t3`, `w1`, `s2`) go back out as those UIDs.
#[test]
fn a_foreign_files_uids_survive_the_round_trip() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mspdi/foreign.xml");
    let original = std::fs::read_to_string(path).unwrap();
    let imported = mspdi::from_str(&original, "foreign.xml").unwrap().plan;
    let out = mspdi::to_string(&imported).text;
    let theirs: Vec<(u64, String)> = tasks(&original).into_iter().map(|t| (t.0, t.1)).collect();
    let ours: Vec<(u64, String)> = tasks(&out).into_iter().map(|t| (t.0, t.1)).collect();
    assert_eq!(ours, theirs);
    let again = mspdi::from_str(&out, "again.xml").unwrap().plan;
    assert_eq!(json(&again), json(&imported));
}

fn mpxj_outline(py: &Path, xml: &Path, out: &Path) -> Vec<serde_json::Value> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/peers/mpxj_check.py");
    let o = Command::new(py).arg(script).arg("outline").arg(xml).arg(out).output().unwrap();
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(out).unwrap()).unwrap().as_array().unwrap().clone()
}

/// MPXJ, which nobody here wrote, reads the demo's export as MS Project would: each wave a
/// summary task at outline level 1, each store a summary at level 2 under its wave, each
/// store's work under its store.
#[test]
fn mpxj_reads_waves_and_sites_as_summary_tasks() {
    let py = mpxj::python();
    let dir = tempfile::tempdir().unwrap();
    let demo = bridger::demo::plan().without_templates();
    let xml = dir.path().join("demo.xml");
    std::fs::write(&xml, mspdi::to_string(&demo).text).unwrap();
    let rows = mpxj_outline(&py, &xml, &dir.path().join("outline.json"));
    let by_name = |n: &str| rows.iter().find(|r| r["name"] == n).unwrap_or_else(|| panic!("{n} not read by MPXJ"));
    for w in &demo.waves {
        let r = by_name(&w.name);
        assert_eq!((r["level"].as_u64(), r["summary"].as_bool(), r["parent"].is_null()), (Some(1), Some(true), true), "{r}");
    }
    for s in &demo.sites {
        let r = by_name(&s.name);
        let wave = demo.wave(s.wave.as_deref().unwrap()).unwrap();
        assert_eq!((r["level"].as_u64(), r["summary"].as_bool()), (Some(2), Some(true)), "{r}");
        assert_eq!(r["parent"], by_name(&wave.name)["uid"], "{} under {}", s.name, wave.name);
    }
    let mut under_site = 0;
    for i in demo.initiatives.iter().filter(|i| i.site.is_some()) {
        let site = demo.site(i.site.as_deref().unwrap()).unwrap();
        let r = rows.iter().find(|r| r["name"] == i.name.as_str() && r["parent"] == by_name(&site.name)["uid"]);
        assert!(r.is_some_and(|r| r["level"] == 3 && r["summary"] == false), "{} under {}", i.name, site.name);
        under_site += 1;
    }
    assert_eq!(under_site, 80, "the demo's forty stores hold two steps each");
    assert_eq!(rows.iter().filter(|r| r["summary"] == false).count(), demo.initiatives.len());
}

/// Baseline0: the baseline of record goes out as each task's Baseline0 (start, finish and
/// duration) and comes back as the baseline of record, with the same dates and name; a file
/// MS Project saved keeps its Baseline0 through Bridger.
#[test]
fn the_baseline_of_record_goes_out_as_baseline0_and_comes_back() {
    use bridger::drift::{Baseline, BaselineSchedule};
    let mut plan = small();
    let s = bridger::schedule::schedule(&plan).unwrap();
    let record = Baseline {
        name: "Approved".into(),
        created: "2027-01-01T00:00:00Z".into(),
        status_date: None,
        of_record: true,
        plan: Some(plan.clone()),
        schedule: BaselineSchedule::of(&s),
        forecast: None,
    };
    plan.initiatives[0].duration = bridger::model::Estimate::exact(5); // 'a' slips after the baseline
    let other = Baseline { name: "Earlier".into(), of_record: false, ..record.clone() };
    let r = bridger::api::files::render(&plan, &[other, record.clone()], bridger::api::files::Format::Mspdi).unwrap();
    assert!(r.notes.iter().any(|n| n.contains("a baseline kept with the plan is not written") && n.contains("Baseline0")), "{:?}", r.notes);
    let a = r.text.split("<Task>").find(|t| t.contains("<Name>Work a</Name>")).unwrap();
    assert!(a.contains("<Duration>PT40H0M0S</Duration>"), "the task lasts 5 days now");
    assert!(a.contains("<Baseline>\n        <Number>0</Number>\n        <Start>2027-01-04T08:00:00</Start>\n        <Finish>2027-01-05T17:00:00</Finish>\n        <Duration>PT16H0M0S</Duration>"), "{a}");
    let back = mspdi::from_str(&r.text, "b.xml").unwrap();
    assert_eq!(back.baselines.len(), 1);
    let b = &back.baselines[0];
    assert!(b.of_record && b.plan.is_none(), "dates only");
    assert_eq!(b.name, "Approved");
    let sorted = |b: &Baseline| {
        let mut d = b.schedule.initiatives.clone();
        d.sort_by(|x, y| x.id.cmp(&y.id));
        d
    };
    assert_eq!(sorted(b), sorted(&record), "the same dates, whatever their order");
    assert_eq!(json(&back.plan), json(&plan));

    // MS Project's own Baseline0 (progress.xml, made with MPXJ) survives Bridger's export.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mspdi/saved/progress.xml");
    let first = mspdi::from_str(&std::fs::read_to_string(path).unwrap(), "progress.xml").unwrap();
    let again = mspdi::from_str(&mspdi::with_baseline(&first.plan, first.baselines.first()).text, "again.xml").unwrap();
    assert_eq!(sorted(&again.baselines[0]), sorted(&first.baselines[0]));
    assert_eq!(again.baselines[0].name, first.baselines[0].name);
}
