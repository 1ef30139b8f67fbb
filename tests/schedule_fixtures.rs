//! Scheduler cases kept as data: each `tests/fixtures/schedule/*.json` is a plan in the
//! exchange format with its expected schedule (or error) inside, under `"expect"`.
//! A wrong date, float or error message fails the run and names the file and the field.

use std::path::Path;

use bridger::io::json;
use bridger::schedule::schedule;
use serde_json::Value;

fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let expect = &doc["expect"];
    let plan = json::from_str(&text, &path.display().to_string()).map_err(|e| e.to_string())?;
    let result = schedule(&plan);
    if let Some(err) = expect.get("error").and_then(Value::as_str) {
        return match result {
            Ok(_) => Err(format!("expected error '{err}', got a schedule")),
            Err(e) if e.to_string() == err => Ok(()),
            Err(e) => Err(format!("expected error '{err}', got '{e}'")),
        };
    }
    let s = result.map_err(|e| format!("unexpected error: {e}"))?;
    let mut problems = Vec::new();
    fn eq(problems: &mut Vec<String>, what: String, want: &Value, have: Value) {
        if *want != have {
            problems.push(format!("{what}: expected {want}, got {have}"));
        }
    }
    if let Some(m) = expect.get("makespan_days") {
        eq(&mut problems, "makespan_days".into(), m, Value::from(s.makespan_days));
    }
    if let Some(d) = expect.get("start") {
        eq(&mut problems, "start".into(), d, Value::from(s.start_date.to_string()));
    }
    if let Some(cp) = expect.get("critical_path") {
        eq(&mut problems, "critical_path".into(), cp, serde_json::to_value(&s.critical_path).unwrap());
    }
    // Each expected row's fields against the schedule's row of that id.
    fn rows<R>(
        problems: &mut Vec<String>,
        expect: Option<&Value>,
        what: &str,
        find: impl Fn(&str) -> Option<R>,
        have: impl Fn(&R, &str) -> Value,
    ) {
        for (id, fields) in expect.and_then(Value::as_object).into_iter().flatten() {
            let Some(row) = find(id) else {
                problems.push(format!("{what} {id}: not in the schedule"));
                continue;
            };
            for (field, want) in fields.as_object().into_iter().flatten() {
                eq(problems, format!("{id}.{field}"), want, have(&row, field));
            }
        }
    }
    let unknown = |other: &str| Value::from(format!("unknown field {other}"));
    rows(
        &mut problems,
        expect.get("initiatives"),
        "initiative",
        |id| s.initiatives.iter().find(|x| x.id == id),
        |si, field| match field {
            "es" => Value::from(si.early_start),
            "ef" => Value::from(si.early_finish),
            "ls" => Value::from(si.late_start),
            "lf" => Value::from(si.late_finish),
            "tf" => Value::from(si.total_float),
            "ff" => Value::from(si.free_float),
            "start" => Value::from(si.start_date.to_string()),
            "finish" => Value::from(si.finish_date.to_string()),
            "critical" => Value::from(si.critical),
            other => unknown(other),
        },
    );
    rows(
        &mut problems,
        expect.get("handoffs"),
        "handoff",
        |id| s.handoffs.iter().find(|x| x.id == id),
        |sh, field| match field {
            "relationship_float" => Value::from(sh.relationship_float),
            "driving" => Value::from(sh.driving),
            "critical" => Value::from(sh.critical),
            "due_slack" => sh.due_slack.map_or(Value::Null, Value::from),
            "met" => Value::from(sh.met),
            other => unknown(other),
        },
    );
    // The summary counts agree with the findings listed (each rule written once).
    let all = bridger::health::findings(&plan, Some(&s));
    let tally = |sev: bridger::health::Severity| all.iter().filter(|f| f.severity == sev).count();
    let counts = bridger::health::counts(&plan, Some(&s));
    let listed = bridger::health::Counts {
        critical: tally(bridger::health::Severity::Blocker),
        warning: tally(bridger::health::Severity::Warning),
        info: tally(bridger::health::Severity::Note),
    };
    if counts != listed {
        problems.push(format!("counts {counts:?} but findings {listed:?}"));
    }
    if let Some(want) = expect.get("findings").and_then(Value::as_array) {
        let report = bridger::health::findings(&plan, Some(&s));
        for w in want.iter().filter_map(Value::as_str) {
            if !report.iter().any(|f| format!("{}:{}", f.code, f.subject) == w) {
                problems.push(format!("finding {w} missing"));
            }
        }
    }
    if let Some(unwanted) = expect.get("no_findings").and_then(Value::as_array) {
        let report = bridger::health::findings(&plan, Some(&s));
        for w in unwanted.iter().filter_map(Value::as_str) {
            if let Some(f) = report.iter().find(|f| format!("{}:{}", f.code, f.subject) == w) {
                problems.push(format!("unexpected finding {w}: {}", f.message));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
}

#[test]
fn schedule_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schedule");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 6, "fixtures missing in {}", dir.display());
    let failures: Vec<String> =
        files.iter().filter_map(|f| check(f).err().map(|e| format!("{}:\n  {e}", f.file_name().unwrap().to_string_lossy()))).collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn finding_counts_agree_with_the_findings_of_the_demo_plan() {
    use bridger::health::{counts, findings, Severity};
    let plan = bridger::demo::plan();
    let s = schedule(&plan).unwrap();
    let all = findings(&plan, Some(&s));
    let c = counts(&plan, Some(&s));
    assert!(c.critical > 0 && c.warning > 0, "{c:?}");
    assert_eq!(c.critical, all.iter().filter(|f| f.severity == Severity::Blocker).count());
    assert_eq!(c.warning, all.iter().filter(|f| f.severity == Severity::Warning).count());
    assert_eq!(c.info, all.iter().filter(|f| f.severity == Severity::Note).count());
    // Critical first, then warnings, then the rest.
    assert!(all.windows(2).all(|w| w[0].severity <= w[1].severity));
}

/// `counts` counts the over-allocation findings without writing them
/// (`capacity::count_on`, what `bridger schedule` prints): as many as `findings` lists, on a
/// generated plan with many of them.
#[test]
fn finding_counts_agree_with_the_findings_of_a_generated_plan() {
    use bridger::health::{counts, findings, Severity};
    let plan = bridger::gen::plan(2_000, 3, 7, true);
    let s = schedule(&plan).unwrap();
    let all = findings(&plan, Some(&s));
    assert!(all.iter().filter(|f| f.code == "over-allocated").count() > 10);
    let c = counts(&plan, Some(&s));
    assert_eq!(c.critical, all.iter().filter(|f| f.severity == Severity::Blocker).count());
    assert_eq!(c.warning, all.iter().filter(|f| f.severity == Severity::Warning).count());
    assert_eq!(c.info, all.iter().filter(|f| f.severity == Severity::Note).count());
}
