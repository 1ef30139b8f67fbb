//! Strategic priorities in the brief and in `diff` (issue 29, item 5): page 1 groups the
//! status by priority (owner, on track / at risk / late, forecast against target) with the
//! counts of the work serving each; a section lists what was deferred since the latest
//! baseline and why; `diff` lists a deferral as its own change, and a deferral that moves the
//! finish is its cause.

use std::path::{Path, PathBuf};

use bridger::api::{brief, priorities, Overwrite, Paper};
use bridger::model::{Plan, Priority, Status};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The demo with three priorities: "Card payments" (4 initiatives, one blocked), "Stores
/// live" (4, one done) and "Retire the legacy tills" (2, with a target it misses).
fn plan() -> Plan {
    let mut plan = without_priorities();
    let mut pay = Priority::new("pay", "Card payments certified", "Dana Whitfield", 1);
    pay.target = Some(day(2027, 9, 30));
    let mut retire = Priority::new("retire", "Retire the legacy tills", "Sam Okafor", 3);
    retire.target = Some(day(2027, 6, 30));
    plan.priorities = vec![pay, Priority::new("stores", "Every store live", "Priya Nair", 2), retire];
    let serve = [
        ("payment-gateway", "pay"),
        ("payment-cert", "pay"),
        ("security-review", "pay"),
        ("pen-test", "pay"),
        ("install-crews", "stores"),
        ("cutover-plan", "stores"),
        ("rollout-schedule", "stores"),
        ("store-staffing", "stores"),
        ("legacy-archive", "retire"),
        ("legacy-decommission", "retire"),
    ];
    for (i, p) in serve {
        plan.initiatives.iter_mut().find(|x| x.id == i).unwrap_or_else(|| panic!("the demo has {i}")).serves = vec![p.to_string()];
    }
    plan
}

/// The demo without its strategy: no priority, no work serving one.
fn without_priorities() -> Plan {
    let mut plan = bridger::demo::plan();
    plan.priorities.clear();
    for i in &mut plan.initiatives {
        i.serves.clear();
    }
    plan
}

fn file(dir: &Path, plan: &Plan) -> PathBuf {
    let path = dir.join("plan.bridger");
    drop(bridger::store::PlanFile::create(&path, plan).unwrap());
    path
}

/// Page 1 of the brief `bridger brief` writes for the plan file, as text.
fn page_one(path: &Path, out: &Path) -> String {
    let plan = bridger::store::read(path).unwrap();
    let baselines = brief::baselines_in_file(path);
    brief::write(&plan, None, baselines, out, day(2027, 2, 8), Paper::A4, Overwrite::Replace).unwrap();
    let o = std::process::Command::new("pdftotext")
        .args(["-layout", "-f", "1", "-l", "1"])
        .arg(out)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn page_one_groups_the_status_by_priority_with_the_counts_of_the_work_serving_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = plan();
    // Page 1 gives the table room once the summary, the asks, the risks and the seams are
    // short.
    plan.summary = "Pilot stores are live.".into();
    plan.asks = "Fund a second install crew.".into();
    for h in &mut plan.handoffs {
        h.owner = "Dana Whitfield".into();
        h.confirmed = true;
    }
    plan.risks.clear();
    let path = file(dir.path(), &plan);
    priorities::defer_in_file(&path, &["legacy-archive".to_string()], "Payments first", "test").unwrap();
    let t = page_one(&path, &dir.path().join("brief.pdf"));
    assert!(t.contains("Status by priority"), "{t}");
    // The counts are the plan's own: what serves each, done, blocked, deferred.
    let now = bridger::store::read(&path).unwrap();
    let count = |p: &str, f: &dyn Fn(&bridger::model::Initiative) -> bool| {
        now.initiatives.iter().filter(|i| i.serves.iter().any(|s| s == p) && f(i)).count()
    };
    let pay_blocked = count("pay", &|i| i.status == Status::Blocked);
    let stores_done = count("stores", &|i| i.status == Status::Done);
    assert!(pay_blocked > 0 && stores_done > 0, "the fixture has blocked and done work");
    assert!(t.contains(&"1. Card payments certified Dana Whitfield"), "rank, name and owner: {t}");
    assert!(t.contains(&format!("{}/4 done, {pay_blocked} blocked", count("pay", &|i| i.status == Status::Done))), "{t}");
    assert!(t.contains(&"2. Every store live Priya Nair on track"), "{t}");
    assert!(t.contains(&format!("{stores_done}/4 done")), "{t}");
    // Retiring the tills finishes after its target of 30 Jun 2027 if nothing slips: late.
    assert!(t.contains("3. Retire the legacy tills Sam Okafor late"), "{t}");
    assert!(t.contains("30 Jun 2027") && t.contains("0/2 done, 1 deferred"), "{t}");
    assert!(t.contains("Status by priority: 1 on track, 1 at risk, 1 late"), "{t}");
    let pay_row = &t[t.find("1. Card payments").unwrap()..t.find("2. Every store").unwrap()];
    assert!(pay_row.contains("at risk") && !pay_row.contains("on track"), "blocked work puts it at risk: {pay_row}");
}

#[test]
fn a_plan_without_priorities_has_neither_section() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), &without_priorities());
    let t = page_one(&path, &dir.path().join("brief.pdf"));
    assert!(!t.contains("Status by priority") && !t.contains("Deferred since"), "{t}");
    assert!(t.contains("Since the last review"), "{t}");
}

#[test]
fn the_brief_and_diff_list_what_was_deferred_since_the_last_review_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), &plan());
    let out = dir.path().join("brief.pdf");
    assert!(!page_one(&path, &out).contains("Deferred since"), "nothing deferred: no section");
    bridger::api::baseline::keep(&path, "November review", false).unwrap();
    priorities::defer_in_file(&path, &["legacy-archive".to_string()], "IT is over capacity in Q1", "test").unwrap();
    let name = bridger::store::read(&path).unwrap().initiative("legacy-archive").unwrap().name.clone();
    let t = page_one(&path, &out);
    assert!(t.contains("1 initiative deferred since the baseline \"November review\""), "{t}");
    assert!(t.contains(&format!("'{name}', deferred since")) && t.contains("IT is over capacity in Q1"), "{t}");

    // diff: the deferral is its own change, with its reason, and not a field among the rest.
    let d = bridger::api::baseline::diff(&path, None).unwrap();
    assert_eq!(d.deferred.len(), 1);
    assert_eq!((d.deferred[0].id.as_str(), d.deferred[0].reason.as_str()), ("legacy-archive", "IT is over capacity in Q1"));
    assert!(!d.changed.iter().any(|c| c.field == "deferred"), "{:?}", d.changed);
    // The deferred work itself has no dates now: it is deferred, not moved (issue 29).
    assert!(!d.moved.iter().any(|m| m.id == "legacy-archive"), "deferred, not moved: {:?}", d.moved);
    assert!(d.moved.iter().all(|m| m.causes.iter().map(|c| c.days).sum::<i64>() == m.days), "causes add up");
    let text = bridger::report::drift_text(&d);
    assert!(text.contains(&format!("Deferred: '{name}' since ")) && text.contains(": IT is over capacity in Q1"), "{text}");
    assert!(!text.lines().any(|l| l.starts_with(&format!("  '{name}' "))), "not among the moves: {text}");

    // Taken back: no longer deferred since the review, and said so.
    priorities::undefer_in_file(&path, &["legacy-archive".to_string()], "test").unwrap();
    let d = bridger::api::baseline::diff(&path, None).unwrap();
    assert!(d.deferred.is_empty() && d.undeferred.is_empty(), "back as it was at the review");
}

#[test]
fn the_demo_s_page_one_has_its_priorities_table_beside_a_handoff_and_a_decision() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), &bridger::demo::plan());
    let t = page_one(&path, &dir.path().join("brief.pdf"));
    assert!(t.contains("Status by priority: 2 on track, 2 at risk, 0 late"), "{t}");
    assert!(t.contains("1. Modern checkout in all 40 stores Marcus Lee at risk"), "{t}");
    assert!(t.contains("Wave 3 hypercare → Wave 4 go/no-go"), "the worst handoff stays: {t}");
    assert!(t.contains("Blocker"), "the blocking decision stays: {t}");
    assert!(!t.contains('…'), "nothing cut: {t}");
}

/// Deferred work is listed as deferred, not as moved (it has no dates now); the work that
/// waited on it moves, and the deferral is the cause of that move and of the finish's.
#[test]
fn diff_lists_deferred_work_as_deferred_not_moved_and_the_deferral_as_the_cause_of_what_moves() {
    use bridger::model::{Handoff, Initiative};
    let dir = tempfile::tempdir().unwrap();
    let mut p = Plan::new("chain", day(2027, 3, 1));
    for (id, days) in [("a", 10), ("b", 5), ("c", 3)] {
        p.initiatives.push(Initiative::new(id, &format!("Work {id}"), "Bo", days));
    }
    p.handoffs.push(Handoff::fs("h-ab", "a", "b"));
    let path = file(dir.path(), &p);
    bridger::api::baseline::keep(&path, "March review", false).unwrap();
    priorities::defer_in_file(&path, &["a".to_string()], "no budget", "test").unwrap();
    let d = bridger::api::baseline::diff(&path, None).unwrap();
    assert_eq!(d.deferred.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), ["a"]);
    assert_eq!(d.moved.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["b"], "{:?}", d.moved);
    assert_eq!(d.moved[0].days, -10);
    let cause = &d.moved[0].causes;
    assert!(cause.len() == 1 && cause[0].kind == bridger::drift::OriginKind::Deferred && cause[0].origin == "a", "{cause:?}");
    assert_eq!(d.finish_change_days, -10);
    assert!(d.finish_causes.iter().any(|c| c.kind == bridger::drift::OriginKind::Deferred && c.origin == "a"), "{:?}", d.finish_causes);
    let text = bridger::report::drift_text(&d);
    assert!(text.contains("Moved: 1 initiative") && text.contains("  'Work b' ") && !text.contains("  'Work a' "), "{text}");
    assert!(text.contains("Deferred: 'Work a' since ") && text.contains(": no budget"), "{text}");
}
