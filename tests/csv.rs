//! CSV folders: a plan survives the round trip, a spreadsheet's own habits (BOM, semicolons,
//! column order, decimal commas) read fine, and bad rows are all reported, naming file, line
//! and column, with nothing imported.

mod common;

use std::path::Path;

use bridger::io::csv::{self, CsvError};
use bridger::io::output::Overwrite;
use bridger::model::Plan;
use chrono::NaiveDate;
use common::{bridger, stderr, stdout};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[path = "fixtures/csv/full_plan.rs"]
mod full;
use full::full_plan;

fn files(plan: &Plan) -> Vec<(&'static str, Vec<u8>)> {
    csv::to_files(plan)
}

fn read(files: &[(&'static str, Vec<u8>)]) -> Result<Plan, (Vec<csv::Problem>, usize)> {
    let refs: Vec<(&'static str, Option<&[u8]>)> = files.iter().map(|(n, b)| (*n, Some(b.as_slice()))).collect();
    csv::from_files(&refs)
}

#[test]
fn the_demo_plan_round_trips_through_csv_to_the_same_json() {
    let demo = bridger::demo::plan();
    let back = read(&files(&demo)).unwrap();
    assert_eq!(bridger::io::json::to_string(&back), bridger::io::json::to_string(&demo));
    assert_eq!(back, demo);
}

#[test]
fn every_field_round_trips_through_csv() {
    let plan = full_plan();
    let back = read(&files(&plan)).unwrap();
    assert_eq!(back, plan);
    assert!(bridger::health::errors(&back).is_empty());
}

#[test]
fn an_unnamed_plan_round_trips_through_csv() {
    // A plan may have no name (validation allows it, as JSON and MSPDI do): its export
    // must read back, not be refused for the empty cell it wrote (found by fuzzing).
    let mut plan = bridger::demo::plan();
    plan.name = String::new();
    assert!(bridger::health::errors(&plan).is_empty());
    assert_eq!(read(&files(&plan)).unwrap(), plan);
    // The column itself is still required.
    let (problems, _) = read(&[("plan.csv", b"start\n2026-01-05\n".to_vec())]).unwrap_err();
    assert!(problems.iter().any(|p| p.to_string().contains("name")), "{problems:?}");
}

#[test]
fn a_folder_round_trips_on_disk_and_is_refused_when_it_exists() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan-csv");
    let plan = full_plan();
    csv::write_folder(&out, Overwrite::Refuse, &plan, &[]).unwrap();
    assert_eq!(csv::read_folder(&out).unwrap(), plan);
    // Only the folder itself is left in its parent: no temporary folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let e = csv::write_folder(&out, Overwrite::Refuse, &plan, &[]).unwrap_err();
    assert!(matches!(e, CsvError::Exists { .. }), "{e}");
    let demo = bridger::demo::plan();
    csv::write_folder(&out, Overwrite::Replace, &demo, &[]).unwrap();
    assert_eq!(csv::read_folder(&out).unwrap(), demo);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A folder holding anything else is never replaced, even with --force.
    std::fs::write(out.join("my-notes.txt"), "mine").unwrap();
    let e = csv::write_folder(&out, Overwrite::Replace, &plan, &[]).unwrap_err();
    assert!(matches!(e, CsvError::Foreign { .. }) && e.to_string().contains("my-notes.txt"), "{e}");
    assert_eq!(std::fs::read_to_string(out.join("my-notes.txt")).unwrap(), "mine");
}

#[cfg(unix)]
#[test]
fn export_never_writes_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real");
    std::fs::create_dir(&target).unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let e = csv::write_folder(&link, Overwrite::Replace, &bridger::demo::plan(), &[]).unwrap_err();
    assert!(matches!(e, CsvError::Symlink { .. }), "{e}");
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
}

#[test]
fn a_spreadsheet_folder_with_bom_semicolons_and_its_own_column_order_reads() {
    let p = read(&[
        ("plan.csv", "\u{feff}Start;Name;Working Days\n2026-01-05;\"Roll, out\";\"Mon;Tue;Wed\"\n".as_bytes().to_vec()),
        ("teams.csv", b"name;id;fte;utilization_target\nIT;it;12;0,7\n".to_vec()),
        ("initiatives.csv", b"likely;id;name;team;status;effort\n5;a;Build;it;On track;it:10,5\n0;b;Done;;;\n".to_vec()),
        ("handoffs.csv", b"id;from;to;kind;lag;confirmed\nh1;a;b;ss;-2;yes\n".to_vec()),
    ]);
    let p = p.unwrap();
    assert_eq!(p.name, "Roll, out");
    assert_eq!(p.start, date("2026-01-05"));
    assert_eq!(p.calendar.working_days.len(), 3);
    assert_eq!(p.teams[0].utilization_target, 0.7);
    assert_eq!(p.initiatives[0].effort[0].person_days, 10.5);
    assert_eq!(p.initiatives[0].status, bridger::model::Status::OnTrack);
    assert_eq!(p.handoffs[0].kind, bridger::model::Kind::SS);
    assert_eq!(p.handoffs[0].lag, -2);
    assert!(p.handoffs[0].confirmed);
}

#[test]
fn every_bad_row_is_reported_with_file_line_and_column() {
    let mut f = files(&bridger::demo::plan());
    // initiatives.csv: line 3 gets a duration that is not a number; handoffs.csv line 5 a bad kind.
    for (name, bytes) in f.iter_mut() {
        let (row, column, value) = match *name {
            "initiatives.csv" => (1, "likely", "five"),
            "handoffs.csv" => (3, "kind", "XY"),
            _ => continue,
        };
        let mut r = ::csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
        let mut records: Vec<Vec<String>> = r.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
        let k = records[0].iter().position(|c| c == column).unwrap();
        records[row + 1][k] = value.to_string();
        let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
        for r in &records {
            w.write_record(r).unwrap();
        }
        *bytes = w.into_inner().unwrap();
    }
    let (problems, count) = read(&f).unwrap_err();
    assert_eq!(count, 2, "{problems:?}");
    let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(shown[0].starts_with("initiatives.csv: line 3, column likely: 'five' is not a whole number"), "{shown:?}");
    assert!(shown[1].starts_with("handoffs.csv: line 5, column kind: 'XY' is not FS, SS, FF or SF"), "{shown:?}");
}

#[test]
fn at_most_a_hundred_problems_are_listed_and_all_are_counted() {
    let mut text = String::from("id,name,likely\n");
    for k in 0..250 {
        text.push_str(&format!("i{k},Work,x{k}\n"));
    }
    let (problems, count) =
        read(&[("plan.csv", b"name,start\nP,2026-01-05\n".to_vec()), ("initiatives.csv", text.into_bytes())]).unwrap_err();
    assert_eq!((problems.len(), count), (100, 250));
    assert_eq!(problems[99].line, 101);
}

#[test]
fn hostile_files_are_errors_not_panics() {
    let plan = b"name,start\nP,2026-01-05\n".to_vec();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("initiatives.csv", b"id,name,likely\n\xff\xfe,a,1\n".to_vec(), "is not UTF-8"),
        ("initiatives.csv", b"id,name,likely\na,\"unclosed,1\n".to_vec(), "likely"),
        ("initiatives.csv", b"id,name,nonsense\n".to_vec(), "nonsense"),
        ("initiatives.csv", b"".to_vec(), "is empty"),
        ("initiatives.csv", b"id,name,likely\na,b,99999999999999999999\n".to_vec(), "not a whole number"),
        ("initiatives.csv", b"id,name,likely,progress\na,b,1,NaN\n".to_vec(), "not a number"),
        ("initiatives.csv", format!("id,name,likely\na,b,1{}\n", ",x".repeat(100_000)).into_bytes(), "more than the 3 columns"),
        ("risks.csv", b"id,id,title\n".to_vec(), "appears twice"),
        ("plan.csv", b"name,start\nA,2026-01-05\nB,2026-01-06\n".to_vec(), "exactly one"),
    ];
    for (file, bytes, expect) in cases {
        let mut f = vec![("plan.csv", plan.clone())];
        if file == "plan.csv" {
            f[0].1 = bytes;
        } else {
            f.push((file, bytes));
        }
        let (problems, _) = read(&f).unwrap_err();
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(text.iter().any(|t| t.starts_with(file) && t.contains(expect)), "{file}: expected '{expect}' in {text:?}");
    }
}

#[test]
fn cli_imports_and_exports_a_csv_folder_and_refuses_two_bad_rows_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = bridger(d, &["new", "demo.bridger", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bridger(d, &["export", "demo.bridger", "--format", "csv", "-o", "demo-csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.join("demo-csv/initiatives.csv").is_file());
    let o = bridger(d, &["export", "demo.bridger", "--format", "csv", "-o", "demo-csv"]);
    assert!(!o.status.success() && stderr(&o).contains("already exists"), "{}", stderr(&o));
    let o = bridger(d, &["import", "demo-csv", "-o", "back.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let a = bridger(d, &["export", "demo.bridger", "-o", "-"]);
    let b = bridger(d, &["export", "back.bridger", "-o", "-"]);
    assert_eq!(String::from_utf8_lossy(&a.stdout), String::from_utf8_lossy(&b.stdout));

    // Two bad rows in two files: refused whole, both named, no plan file created.
    let edit = |file: &str, from: &str, to: &str| {
        let p = d.join("demo-csv").join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{file} has no {from}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    edit("teams.csv", ",12,", ",twelve,");
    edit("risks.csv", ",open,", ",maybe,");
    let o = bridger(d, &["import", "demo-csv", "-o", "bad.bridger"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(err.contains("teams.csv: line 3, column fte: 'twelve' is not a number"), "{err}");
    assert!(err.contains("risks.csv: line") && err.contains("column status: 'maybe'"), "{err}");
    assert!(!d.join("bad.bridger").exists() && !Path::new(&d.join("bad.bridger-wal")).exists());
}

#[test]
fn cli_imports_into_an_existing_plan_as_one_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(bridger(d, &["new", "plan.bridger", "--demo"]).status.success());
    let before = stdout(&bridger(d, &["export", "plan.bridger", "-o", "-"]));
    assert!(bridger(d, &["export", "plan.bridger", "--format", "csv", "-o", "sheet"]).status.success());
    // Nothing changed: nothing to do.
    let o = bridger(d, &["import", "sheet", "--into", "plan.bridger"]);
    assert!(o.status.success() && stdout(&o).contains("nothing to change"), "{}{}", stdout(&o), stderr(&o));

    // The week's changes in the spreadsheet: one initiative renamed, one added.
    let p = d.join("sheet/initiatives.csv");
    let text = std::fs::read_to_string(&p).unwrap();
    let text = text.replacen("Tillpoint contract, SOW and hardware pricing signed", "Tillpoint contract countersigned", 1);
    let first_row = text.lines().nth(1).unwrap().to_string();
    let new_row = first_row.replacen(first_row.split(',').next().unwrap(), "added-this-week", 1);
    std::fs::write(&p, format!("{text}{new_row}\r\n")).unwrap();
    let o = bridger(d, &["import", "sheet", "--into", "plan.bridger"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 added, 1 updated, as one edit"), "{}", stdout(&o));
    let after = stdout(&bridger(d, &["export", "plan.bridger", "-o", "-"]));
    assert!(after.contains("Tillpoint contract countersigned") && after.contains("added-this-week"));
    // One undo takes the whole import back.
    assert!(bridger(d, &["undo", "plan.bridger"]).status.success());
    assert_eq!(stdout(&bridger(d, &["export", "plan.bridger", "-o", "-"])), before);

    // A bad row: refused whole, the plan file untouched to the byte.
    let bytes = std::fs::read(d.join("plan.bridger")).unwrap();
    let t = d.join("sheet/teams.csv");
    std::fs::write(&t, std::fs::read_to_string(&t).unwrap().replacen(",12,", ",twelve,", 1)).unwrap();
    let o = bridger(d, &["import", "sheet", "--into", "plan.bridger"]);
    assert!(!o.status.success() && stderr(&o).contains("column fte"), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("plan.bridger")).unwrap(), bytes);
}
