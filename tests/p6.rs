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

fn text(name: &str) -> String {
    String::from_utf8(bytes(name)).unwrap()
}

fn error(text: &str) -> String {
    p6::from_str(text, "bad.xer", None).unwrap_err().to_string()
}

/// The line of the first row of `table` in `text` (1-based) and that row.
fn first_row(text: &str, table: &str) -> (usize, String) {
    let lines: Vec<&str> = text.lines().collect();
    let t = lines.iter().position(|l| *l == format!("%T\t{table}")).unwrap();
    (t + 3, lines[t + 2].to_string())
}

#[test]
fn bad_input_is_an_error_naming_table_line_and_field() {
    let good = text("network.xer");
    // Truncated: no end mark.
    let cut = &good[..good.len() / 2];
    let cut = &cut[..cut.rfind('\n').unwrap()];
    assert!(error(cut).contains("truncated"), "{}", error(cut));
    // A missing table.
    let start = good.find("%T\tTASK\n").or_else(|| good.find("%T\tTASK\r\n")).unwrap();
    let end = good.find("%T\tTASKPRED").unwrap();
    let no_task = format!("{}{}", &good[..start], &good[end..]);
    assert_eq!(error(&no_task), "bad.xer: the table TASK is missing (a file P6 exports always has it)");
    // An unknown link type.
    let (line, row) = first_row(&good, "TASKPRED");
    let bad = good.replacen(&row, &row.replacen("PR_FS", "PR_XX", 1), 1);
    assert_eq!(
        error(&bad),
        format!("bad.xer: line {line}, table TASKPRED, field pred_type: 'PR_XX' is not a relationship type (PR_FS, PR_SS, PR_FF or PR_SF)")
    );
    // A bad number.
    let (line, row) = first_row(&good, "TASKPRED");
    let fields: Vec<&str> = row.split('\t').collect();
    let mut changed = fields.clone();
    let lag = good.lines().find(|l| l.starts_with("%F\ttask_pred_id")).unwrap().split('\t').position(|f| f == "lag_hr_cnt").unwrap();
    changed[lag] = "4O";
    let bad = good.replacen(&row, &changed.join("\t"), 1);
    assert_eq!(error(&bad), format!("bad.xer: line {line}, table TASKPRED, field lag_hr_cnt: '4O' is not a number"));
    // Not XER at all.
    assert!(error("<Project/>").contains("does not start with ERMHDR"));
}

#[test]
fn a_file_of_several_projects_is_refused_unless_one_is_chosen() {
    let one = text("progress.xer");
    let (_, row) = first_row(&one, "PROJECT");
    let second = row.replacen("%R\t1\t", "%R\t2\t", 1).replacen("PROJECT", "OTHER", 1);
    let two = one.replacen(&row, &format!("{row}\r\n{second}"), 1);
    let e = error(&two);
    assert!(e.contains("holds 2 projects: choose one with --project ID (1 (PROJECT), 2 (OTHER))"), "{e}");
    let chosen = p6::from_str(&two, "two.xer", Some("1")).unwrap();
    assert_eq!(chosen.plan.initiatives.len(), 4);
    let other = p6::from_str(&two, "two.xer", Some("OTHER")).unwrap();
    assert!(other.plan.initiatives.is_empty(), "the activities are project 1's");
    assert!(p6::from_str(&two, "two.xer", Some("9")).unwrap_err().to_string().contains("holds no project '9'"));
}

/// P6's data date is the first working day after Bridger's status date, both ways; a plan
/// written as XER and read back has the same initiatives, handoffs, durations, actuals.
#[test]
fn data_date_and_a_round_trip() {
    let imported = p6::from_bytes(&bytes("progress.xer"), "progress.xer", None).unwrap();
    let plan = &imported.plan;
    assert_eq!(plan.status_date, NaiveDate::from_ymd_opt(2024, 1, 23), "the data date is 2024-01-24");
    let install = plan.initiatives.iter().find(|i| i.name == "Install").unwrap();
    assert_eq!(install.actual_start, NaiveDate::from_ymd_opt(2024, 1, 15));
    assert_eq!(install.remaining, Some(3));
    let xer = p6::to_string(plan).text;
    assert!(xer.contains("\t2024-01-24 08:00\t"), "last_recalc_date is the data date");
    let back = p6::from_str(&xer, "back.xer", None).unwrap().plan;
    assert_eq!(back.status_date, plan.status_date);
    assert_eq!(back.initiatives.len(), plan.initiatives.len());
    for (a, b) in plan.initiatives.iter().zip(&back.initiatives) {
        assert_eq!(
            (&a.id, &a.name, a.duration.likely, a.actual_start, a.actual_finish, a.remaining),
            (&b.id, &b.name, b.duration.likely, b.actual_start, b.actual_finish, b.remaining)
        );
    }
    let key = |p: &bridger::model::Plan| p.handoffs.iter().map(|h| (h.from.clone(), h.to.clone(), h.kind, h.lag)).collect::<Vec<_>>();
    assert_eq!(key(&back), key(plan));
    let net = p6::from_bytes(&bytes("network.xer"), "network.xer", None).unwrap().plan;
    let back = p6::from_str(&p6::to_string(&net).text, "back.xer", None).unwrap().plan;
    assert_eq!(key(&back), key(&net));
    assert_eq!(bridger::schedule::schedule(&back).unwrap().initiatives, bridger::schedule::schedule(&net).unwrap().initiatives);
}

/// Waves and sites travel as WBS nodes; the demo plan survives a round trip.
#[test]
fn waves_and_sites_travel_as_wbs() {
    let plan = bridger::api::files::demo();
    let back = p6::from_str(&p6::to_string(&plan).text, "demo.xer", None).unwrap();
    let names = |p: &bridger::model::Plan| (p.waves.iter().map(|w| w.name.clone()).collect::<Vec<_>>(), p.sites.len());
    assert_eq!(names(&back.plan), names(&plan));
    assert_eq!(back.plan.initiatives.len(), plan.initiatives.len());
    assert_eq!(back.plan.handoffs.len(), plan.handoffs.len());
    for (a, b) in plan.initiatives.iter().zip(&back.plan.initiatives) {
        let site = |p: &bridger::model::Plan, s: &Option<String>| {
            s.as_ref().and_then(|s| p.sites.iter().find(|x| &x.id == s)).map(|s| s.name.clone())
        };
        assert_eq!(site(&plan, &a.site), site(&back.plan, &b.site), "{}", a.id);
    }
}

/// `bridger import` reads .xer (refusing a file of two projects, listing them, and writing
/// nothing; `--project` chooses) and `bridger export -o x.xer` writes Windows-1252 XER.
#[test]
fn the_cli_imports_and_exports_xer() {
    let dir = tempfile::tempdir().unwrap();
    let bridger =
        |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_bridger")).args(args).current_dir(dir.path()).output().unwrap();
    let one = text("progress.xer");
    let (_, row) = first_row(&one, "PROJECT");
    let second = row.replacen("%R\t1\t", "%R\t2\t", 1).replacen("PROJECT", "OTHER", 1);
    std::fs::write(dir.path().join("two.xer"), one.replacen(&row, &format!("{row}\r\n{second}"), 1)).unwrap();
    let o = bridger(&["import", "two.xer", "-o", "p.bridger"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("holds 2 projects: choose one with --project ID"));
    assert!(!dir.path().join("p.bridger").exists(), "a refused import writes nothing");
    let o = bridger(&["import", "two.xer", "--project", "1", "-o", "p.bridger"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("4 initiatives, 3 handoffs"));
    let mut plan = p6::from_str(&one, "p", None).unwrap().plan;
    plan.initiatives[0].name = "Café – “survey”".into();
    std::fs::write(dir.path().join("plan.json"), bridger::io::json::to_string(&plan)).unwrap();
    let o = bridger(&["export", "plan.json", "-o", "out.xer"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read(dir.path().join("out.xer")).unwrap();
    assert!(written.windows(12).any(|w| w == b"Caf\xE9 \x96 \x93surv"), "Windows-1252 bytes");
    let back = p6::from_bytes(&written, "out.xer", None).unwrap();
    assert_eq!(back.plan.initiatives[0].name, "Café – “survey”");
}

/// P6's XML (PMXML) of the same projects reads to the same plan as its XER, and its saved
/// dates are Bridger's or a finding names the activity.
#[test]
fn pmxml_reads_as_its_xer() {
    for name in FILES {
        let xer = p6::from_bytes(&bytes(&format!("{name}.xer")), name, None).unwrap();
        let xml = p6::pmxml_from_str(&text(&format!("{name}.xml")), name, None).unwrap();
        let key = |p: &bridger::model::Plan| {
            (
                p.start,
                p.status_date,
                p.calendar.clone(),
                p.initiatives
                    .iter()
                    .map(|i| {
                        (
                            i.id.clone(),
                            i.name.clone(),
                            i.duration.likely,
                            i.actual_start,
                            i.actual_finish,
                            i.remaining,
                            i.status,
                            i.effort.clone(),
                        )
                    })
                    .collect::<Vec<_>>(),
                p.handoffs.iter().map(|h| (h.from.clone(), h.to.clone(), h.kind, h.lag)).collect::<Vec<_>>(),
                p.teams.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(key(&xml.plan), key(&xer.plan), "{name}");
        // MPXJ's XER has no project node in PROJWBS (where P6 keeps the project's name):
        // only its short name.
        assert!(xml.plan.name.starts_with("P6 "), "{}", xml.plan.name);
        let s = bridger::schedule::schedule(&xml.plan).unwrap();
        for t in expect(name)["tasks"].as_array().unwrap() {
            let id = t["id"].as_str().unwrap();
            let ours = s.initiatives.iter().find(|x| x.id == id).unwrap();
            let same = (ours.start_date, ours.finish_date) == (date(&t["start"]), date(&t["finish"]));
            let subject = format!("activity {id} '{}'", t["name"].as_str().unwrap());
            assert!(same || xml.findings.iter().any(|f| f.subject == subject && f.message.contains("differs")), "{name}: {subject}");
        }
        println!("{name}.xml findings: {:?}", xml.findings);
    }
    let e = p6::pmxml_from_str(&text("network.xml").replacen("Start to Start", "Start to Nowhere", 1), "bad.xml", None).unwrap_err();
    assert!(e.to_string().contains("table Relationship, field Type: 'Start to Nowhere' is not a relationship type"), "{e}");
    let cut = text("network.xml");
    assert!(p6::pmxml_from_str(&cut[..cut.len() / 2], "cut.xml", None).is_err());
}

/// A pinned start and finish are P6's mandatory start and finish (CS_MANDSTART, CS_MANDFIN),
/// written and read back with their dates.
#[test]
fn pins_are_mandatory_dates() {
    use bridger::model::{Handoff, Initiative, Pin, PinAt, PinSource, Plan};
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let mut plan = Plan::new("Pins", d("2027-01-04"));
    plan.initiatives =
        vec![Initiative::new("a", "Build", "Ana", 5), Initiative::new("b", "Install", "Bo", 3), Initiative::new("c", "Train", "Cy", 2)];
    plan.handoffs = vec![Handoff::fs("ab", "a", "b")];
    plan.initiatives[1].pinned = Some(Pin { at: PinAt::Start, date: d("2027-01-06"), source: PinSource::Bridger });
    plan.initiatives[2].pinned = Some(Pin { at: PinAt::Finish, date: d("2027-01-15"), source: PinSource::Bridger });
    let text = p6::to_string(&plan).text;
    assert!(text.contains("CS_MANDSTART") && text.contains("CS_MANDFIN"), "{text}");
    let back = p6::from_str(&text, "pins.xer", None).unwrap().plan;
    let pin = |id: &str| back.initiative(id).unwrap().pinned.map(|p| (p.at, p.date));
    assert_eq!(pin("b"), Some((PinAt::Start, d("2027-01-06"))));
    assert_eq!(pin("c"), Some((PinAt::Finish, d("2027-01-15"))));
    assert_eq!(pin("a"), None);
}
