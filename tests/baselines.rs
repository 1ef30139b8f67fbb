//! Baselines and drift (issue 27, items 2 and 3): what a baseline keeps and how it lives in
//! the file (names unique, --force, delete, of record, undo leaves it), and `diff`: the moves
//! are exactly the finish dates two schedules disagree on, and their causes add up, on the
//! demo and on generated plans with random edits.

use std::collections::BTreeMap;

use bridger::api::baseline;
use bridger::drift::{drift, Baseline, BaselineSchedule, Drift, OriginKind};
use bridger::model::{Handoff, Plan};
use bridger::schedule::schedule;
use bridger::store::{Edit, Editor};
use proptest::prelude::*;

fn kept(name: &str, plan: &Plan) -> Baseline {
    let s = schedule(plan).expect("a schedule");
    Baseline {
        name: name.into(),
        created: "2027-01-04T09:00:00.000Z".into(),
        status_date: None,
        of_record: true,
        plan: Some(plan.clone()),
        schedule: BaselineSchedule::of(&s),
        forecast: None,
    }
}

fn diff(base: &Baseline, plan: &Plan) -> Drift {
    let now = schedule(plan).expect("a schedule now");
    drift(base, plan, &now, None).expect("a drift")
}

/// Every moved initiative's causes, and the finish's, add up to the move.
fn adds_up(d: &Drift) {
    for m in &d.moved {
        let sum: i64 = m.causes.iter().map(|c| c.days).sum();
        assert_eq!(sum, m.days, "causes of {} add up: {:?}", m.id, m.causes);
        assert!(m.causes.iter().all(|c| c.days != 0));
    }
    let sum: i64 = d.finish_causes.iter().map(|c| c.days).sum();
    assert_eq!(sum, d.finish_change_days, "the finish's causes add up: {:?}", d.finish_causes);
}

/// The initiatives whose finish date differs between two schedules (as `schedule --json`
/// shows them), with the move in working days of the calendar now.
fn finishes_moved(before: &Plan, after: &Plan) -> BTreeMap<String, i64> {
    let (a, b) = (schedule(before).expect("before"), schedule(after).expect("after"));
    let cal = after.calendar.anchored(after.start).expect("a calendar");
    let shown = |i: &bridger::schedule::ScheduledInitiative| cal.offset_on_or_after(i.finish_date);
    let then: BTreeMap<&str, i64> = a.initiatives.iter().map(|i| (i.id.as_str(), shown(i))).collect();
    b.initiatives.iter().filter_map(|i| then.get(i.id.as_str()).map(|t| (i.id.clone(), shown(i) - t))).filter(|(_, d)| *d != 0).collect()
}

fn moved_map(d: &Drift) -> BTreeMap<String, i64> {
    d.moved.iter().map(|m| (m.id.clone(), m.days)).collect()
}

/// The demo's first critical initiative that is not a milestone and not started (the demo
/// has a status date: the estimate of work in progress moves only its remaining share).
fn critical(plan: &Plan) -> String {
    let s = schedule(plan).expect("a schedule");
    let started = |id: &str| plan.initiative(id).is_some_and(|i| i.actual_start.is_some() || i.progress > 0.0);
    s.initiatives.iter().find(|i| i.critical && i.duration > 0 && !started(&i.id)).expect("a critical initiative").id.clone()
}

fn lengthen(plan: &mut Plan, id: &str, days: i32) {
    let i = plan.initiatives.iter_mut().find(|i| i.id == id).expect("the initiative");
    i.duration.likely += days;
    i.duration.pessimistic = i.duration.pessimistic.max(i.duration.likely);
}

#[test]
fn a_longer_critical_estimate_moves_exactly_what_two_schedules_say_and_explains_it() {
    let before = bridger::demo::plan();
    let base = kept("review 1", &before);
    let id = critical(&before);
    let mut after = before.clone();
    lengthen(&mut after, &id, 4);
    let d = diff(&base, &after);
    assert!(d.explained);
    assert_eq!(moved_map(&d), finishes_moved(&before, &after));
    assert!(!d.moved.is_empty());
    assert_eq!(d.finish_change_days, 4, "a critical initiative 4 days longer moves the finish 4 days");
    adds_up(&d);
    let now = schedule(&after).expect("now");
    let driving: std::collections::BTreeSet<&str> = now.handoffs.iter().filter(|h| h.driving).map(|h| h.id.as_str()).collect();
    for m in &d.moved {
        assert_eq!(m.causes.len(), 1, "{m:?}");
        let c = &m.causes[0];
        assert_eq!((c.kind, c.origin.as_str(), c.days), (OriginKind::Estimate, id.as_str(), m.days));
        if m.id != id {
            assert!(!c.via.is_empty(), "{} moved through handoffs: {c:?}", m.id);
        }
        // The path runs along driving handoffs, from the origin (or, for a long one, from where
        // its last handoffs begin) to the moved initiative.
        let first = c.via.first().map(|h| after.handoffs.iter().find(|x| &x.id == h).expect("the handoff").from.clone());
        if c.via_more == 0 {
            assert_eq!(first.as_deref().unwrap_or(id.as_str()), id);
        } else {
            assert_eq!(c.via.len(), bridger::drift::VIA_SHOWN);
        }
        let mut at = first.unwrap_or_else(|| id.clone());
        for h in &c.via {
            assert!(driving.contains(h.as_str()), "{h} drives");
            let h = after.handoffs.iter().find(|x| &x.id == h).expect("the handoff");
            assert_eq!(h.from, at);
            at = h.to.clone();
        }
        assert_eq!(at, m.id);
    }
    assert_eq!(d.changed.len(), 1);
    assert_eq!((d.changed[0].kind.as_str(), d.changed[0].field.as_str()), ("initiative", "duration"));
}

/// A handoff that holds one initiative back behind another with float.
fn new_handoff(plan: &Plan) -> Handoff {
    let s = schedule(plan).expect("a schedule");
    // A late-finishing giver and an early-starting receiver with no path between them.
    let reach = |from: &str| {
        let mut seen = std::collections::BTreeSet::from([from.to_string()]);
        let mut todo = vec![from.to_string()];
        while let Some(v) = todo.pop() {
            for h in plan.handoffs.iter().filter(|h| h.from == v) {
                if seen.insert(h.to.clone()) {
                    todo.push(h.to.clone());
                }
            }
        }
        seen
    };
    let mut by_finish = s.initiatives.clone();
    by_finish.sort_by_key(|i| std::cmp::Reverse(i.early_finish));
    for giver in by_finish.iter().skip(3) {
        for receiver in s.initiatives.iter().filter(|r| r.early_start < giver.early_finish && r.duration > 0) {
            if !reach(&receiver.id).contains(&giver.id) && !reach(&giver.id).contains(&receiver.id) {
                return Handoff::fs("drift-new", &giver.id, &receiver.id);
            }
        }
    }
    panic!("no handoff to add");
}

#[test]
fn a_new_handoff_and_both_changes_together_still_add_up() {
    let before = bridger::demo::plan();
    let base = kept("review 1", &before);
    let mut one = before.clone();
    one.handoffs.push(new_handoff(&before));
    let d = diff(&base, &one);
    assert_eq!(moved_map(&d), finishes_moved(&before, &one));
    assert!(!d.moved.is_empty(), "the new handoff moves its receiver");
    adds_up(&d);
    assert!(d.moved.iter().all(|m| m.causes.iter().all(|c| c.kind == OriginKind::HandoffAdded && c.origin == "drift-new")));
    assert_eq!(d.added.handoffs, ["drift-new"]);

    let mut both = one.clone();
    lengthen(&mut both, &critical(&before), 4);
    let d = diff(&base, &both);
    assert_eq!(moved_map(&d), finishes_moved(&before, &both));
    adds_up(&d);
    let kinds: std::collections::BTreeSet<OriginKind> = d.moved.iter().flat_map(|m| m.causes.iter().map(|c| c.kind)).collect();
    assert!(kinds.contains(&OriginKind::Estimate), "{kinds:?}");
}

#[test]
fn a_handoff_to_an_added_initiative_is_one_origin_and_removals_add_up() {
    let before = bridger::demo::plan();
    let base = kept("review 1", &before);
    let mut after = before.clone();
    let first = critical(&before);
    let mut extra = bridger::model::Initiative::new("extra", "Extra work", "Ann", 7);
    extra.team = before.initiatives[0].team.clone();
    after.initiatives.push(extra);
    // The extra work now comes between the first critical initiative and its receivers.
    let receivers: Vec<usize> = (0..after.handoffs.len()).filter(|&k| after.handoffs[k].from == first).collect();
    after.handoffs.push(Handoff::fs("to-extra", &first, "extra"));
    for (n, k) in receivers.iter().enumerate() {
        let to = after.handoffs[*k].to.clone();
        after.handoffs.push(Handoff::fs(&format!("from-extra-{n}"), "extra", &to));
    }
    // And one initiative removed.
    let gone = after.initiatives.iter().rev().find(|i| i.id != "extra" && i.id != first).expect("one").id.clone();
    after.initiatives.retain(|i| i.id != gone);
    after.handoffs.retain(|h| h.from != gone && h.to != gone);
    after.risks.iter_mut().for_each(|r| r.initiatives.retain(|i| *i != gone));
    let d = diff(&base, &after);
    assert_eq!(moved_map(&d), finishes_moved(&before, &after));
    adds_up(&d);
    for m in &d.moved {
        for c in m.causes.iter().filter(|c| c.kind == OriginKind::InitiativeAdded) {
            assert_eq!(c.origin, "extra");
            assert!(c.together.contains(&"to-extra".to_string()), "{c:?}");
        }
    }
    assert_eq!(d.removed.initiatives, [gone]);
}

#[test]
fn a_baseline_with_dates_only_gives_moves_without_causes() {
    let before = bridger::demo::plan();
    let mut base = kept("imported", &before);
    base.plan = None;
    let mut after = before.clone();
    lengthen(&mut after, &critical(&before), 2);
    let d = diff(&base, &after);
    assert!(!d.explained);
    assert_eq!(moved_map(&d), finishes_moved(&before, &after));
    assert!(d.moved.iter().all(|m| m.causes.is_empty()));
    assert!(bridger::report::drift_text(&d).contains("dates only"));
}

#[test]
fn a_new_calendar_and_start_are_measured_in_the_calendar_now_and_add_up() {
    let before = bridger::demo::plan();
    let base = kept("review 1", &before);
    let mut after = before.clone();
    after.start = before.start + chrono::Days::new(3);
    let s = schedule(&before).expect("a schedule");
    after.calendar.holidays.push(s.initiatives[s.initiatives.len() / 2].start_date);
    after.calendar.holidays.sort();
    lengthen(&mut after, &critical(&before), 1);
    let d = diff(&base, &after);
    adds_up(&d);
    assert!(d.finish_causes.iter().any(|c| c.kind == OriginKind::PlanStart || c.kind == OriginKind::Calendar), "{:?}", d.finish_causes);
}

/// One random edit of a generated plan, of the kinds a review brings.
fn edit(plan: &mut Plan, pick: u64, k: usize, amount: i32) {
    if plan.initiatives.is_empty() {
        return;
    }
    let n = plan.initiatives.len();
    let i = k % n;
    match pick % 10 {
        7 => plan.status_date = Some(plan.start + chrono::Days::new(amount.unsigned_abs() as u64 * 4)),
        8 => {
            // Work under way: started on day 0, some working days left.
            let x = &mut plan.initiatives[i];
            x.status = bridger::model::Status::OnTrack;
            x.actual_start = Some(plan.start);
            x.remaining = Some(amount.abs());
        }
        9 => {
            let x = &mut plan.initiatives[i];
            x.status = bridger::model::Status::Done;
            x.progress = 1.0;
            x.actual_start = Some(plan.start);
            x.actual_finish = Some(plan.start + chrono::Days::new(amount.unsigned_abs() as u64));
        }
        0 => {
            let x = &mut plan.initiatives[i];
            x.duration.likely = (x.duration.likely + amount).max(0);
            x.duration.optimistic = x.duration.optimistic.min(x.duration.likely);
            x.duration.pessimistic = x.duration.pessimistic.max(x.duration.likely);
        }
        1 => plan.initiatives[i].leveling_delay = amount.abs(),
        2 => {
            plan.initiatives[i].start_no_earlier_than = Some(plan.start + chrono::Days::new(amount.unsigned_abs() as u64 * 3));
        }
        3 if !plan.handoffs.is_empty() => {
            let h = k % plan.handoffs.len();
            plan.handoffs.remove(h);
        }
        4 if !plan.handoffs.is_empty() => {
            let h = k % plan.handoffs.len();
            plan.handoffs[h].lag = amount;
        }
        5 => {
            // A handoff from an earlier initiative in the plan's order to a later one: the
            // generator's handoffs all go that way, so no cycle.
            let (a, b) = (i.min((k / 7) % n), i.max((k / 7) % n));
            let (from, to) = (plan.initiatives[a].id.clone(), plan.initiatives[b].id.clone());
            if a != b && !plan.handoffs.iter().any(|h| h.from == from && h.to == to) {
                plan.handoffs.push(Handoff::fs(&format!("new-{k}"), &from, &to));
            }
        }
        _ => {
            let id = format!("added-{k}");
            if plan.initiative(&id).is_none() {
                plan.initiatives.push(bridger::model::Initiative::new(&id, "Added", "Ann", amount.abs() + 1));
                let from = plan.initiatives[i].id.clone();
                plan.handoffs.push(Handoff::fs(&format!("to-{id}"), &from, &id));
                if i + 1 < n {
                    let to = plan.initiatives[i + 1].id.clone();
                    plan.handoffs.push(Handoff::fs(&format!("from-{id}"), &id, &to));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn causes_always_add_up_on_generated_plans(
        n in 5usize..60,
        seed in 0u64..1000,
        edits in proptest::collection::vec((0u64..10, 0usize..10_000, -6i32..9), 1..12),
    ) {
        let before = bridger::gen::plan(n, 2, seed, true);
        prop_assume!(schedule(&before).is_ok());
        let base = kept("b", &before);
        let mut after = before.clone();
        for (pick, k, amount) in edits {
            edit(&mut after, pick, k, amount);
        }
        prop_assume!(bridger::model::validate(&after).is_empty() && schedule(&after).is_ok());
        let d = diff(&base, &after);
        adds_up(&d);
        prop_assert_eq!(moved_map(&d), finishes_moved(&before, &after));
        prop_assert!(d.moved.iter().all(|m| m.causes.iter().all(|c| c.kind != OriginKind::Other)), "nothing unexplained");
    }
}

fn demo_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("demo.bridger");
    Editor::create(&path, &bridger::demo::plan()).expect("created");
    path
}

#[test]
fn baselines_in_the_file_unique_names_force_delete_of_record_and_undo() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = demo_file(&dir);
    let err = baseline::diff(&path, None).expect_err("no baseline yet");
    assert_eq!(err.code, bridger::api::ErrorCode::NotFound);
    let first = baseline::keep(&path, "review 1", false).expect("kept");
    assert!(first.of_record, "the first baseline is of record");
    assert!(!first.replaced);
    let again = baseline::keep(&path, "review 1", false).expect_err("names are unique");
    assert_eq!(again.code, bridger::api::ErrorCode::AlreadyExists);
    assert!(baseline::keep(&path, "review 1", true).expect("replaced").replaced);

    // An edit after the baseline, undone and redone: the baseline stays.
    let mut plan = bridger::store::read(&path).expect("read");
    let id = critical(&plan);
    lengthen(&mut plan, &id, 4);
    let changed = plan.initiative(&id).expect("it").clone();
    Editor::open(&path).expect("open").apply(&Edit::UpdateInitiative(changed)).expect("edited");
    let d = baseline::diff(&path, None).expect("a diff");
    assert_eq!(d.finish_change_days, 4);
    adds_up(&d);
    assert!(bridger::api::files::undo(&path).expect("undone").is_some());
    assert_eq!(baseline::list(&path).expect("listed").len(), 1, "undo leaves the baseline");
    assert_eq!(baseline::diff(&path, None).expect("a diff").moved, []);
    assert!(bridger::api::files::redo(&path).expect("redone").is_some());
    assert_eq!(baseline::diff(&path, Some("review 1")).expect("a diff").finish_change_days, 4);

    let second = baseline::keep(&path, "review 2", false).expect("kept");
    assert!(!second.of_record);
    assert_eq!(baseline::diff(&path, None).expect("the latest").since.name, "review 2");
    assert_eq!(baseline::diff(&path, None).expect("the latest").moved, []);
    baseline::of_record(&path, "review 2").expect("marked");
    let rows = baseline::list(&path).expect("listed");
    assert_eq!(rows.iter().map(|r| (r.name.as_str(), r.of_record)).collect::<Vec<_>>(), [("review 1", false), ("review 2", true)]);
    assert!(bridger::api::files::undo(&path).expect("undone").is_some());
    assert_eq!(baseline::list(&path).expect("listed").len(), 2);
    baseline::delete(&path, "review 2").expect("deleted");
    let rows = baseline::list(&path).expect("listed");
    assert_eq!(
        rows.iter().map(|r| (r.name.as_str(), r.of_record)).collect::<Vec<_>>(),
        [("review 1", true)],
        "the earliest left is of record"
    );
    assert_eq!(baseline::delete(&path, "nope").expect_err("missing").code, bridger::api::ErrorCode::NotFound);
    assert_eq!(baseline::diff(&path, Some("nope")).expect_err("missing").code, bridger::api::ErrorCode::NotFound);
}

#[test]
fn the_cli_keeps_lists_and_diffs() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = demo_file(&dir);
    let bin = env!("CARGO_BIN_EXE_bridger");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().expect("ran");
    let p = path.to_str().expect("a path");
    let none = run(&["diff", p]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no baseline"), "{}", String::from_utf8_lossy(&none.stderr));
    assert!(run(&["baseline", p, "--name", "Q1"]).status.success());
    assert_eq!(run(&["baseline", p, "--name", "Q1"]).status.code(), Some(2));
    let listed = run(&["baselines", p, "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("json");
    assert_eq!(rows[0]["name"], "Q1");
    assert_eq!(rows[0]["of_record"], true);
    assert_eq!(rows[0]["initiatives"], bridger::demo::plan().initiatives.len());
    let d = run(&["diff", p, "--json"]);
    assert!(d.status.success());
    let d: serde_json::Value = serde_json::from_slice(&d.stdout).expect("json");
    for key in ["since", "finish_change_days", "p80_change_days", "moved", "added", "removed", "changed", "risks_rescored"] {
        assert!(d.get(key).is_some(), "{key}");
    }
    assert_eq!(d["finish_change_days"], 0);
    let text = run(&["diff", p]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Since baseline 'Q1'"));
}

#[test]
fn plan_text_in_baselines_and_diff_reaches_the_terminal_escaped() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = demo_file(&dir);
    let hostile = "X\u{1b}[31mRED\u{7}\u{202e}";
    let bin = env!("CARGO_BIN_EXE_bridger");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().expect("ran");
    let p = path.to_str().expect("a path");
    assert!(run(&["baseline", p, "--name", hostile]).status.success());
    let mut plan = bridger::store::read(&path).expect("read");
    let id = critical(&plan);
    lengthen(&mut plan, &id, 4);
    let mut changed = plan.initiative(&id).expect("it").clone();
    changed.name = hostile.into();
    Editor::open(&path).expect("open").apply(&Edit::UpdateInitiative(changed)).expect("edited");
    for args in [&["baselines", p][..], &["diff", p], &["baseline", p, "--of-record", hostile]] {
        let o = run(args);
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{args:?}: {text}");
        assert!(text.contains(r"X\u{1b}[31mRED"), "shown escaped: {text}");
    }
}

/// Beyond 64 origins, one step per kind: still adds up, and a cause names up to 20 others.
#[test]
fn many_origins_are_grouped_per_kind_and_still_add_up() {
    let before = bridger::gen::plan(400, 2, 3, true);
    let base = kept("b", &before);
    let mut after = before.clone();
    for k in 0..150 {
        edit(&mut after, 0, k * 2, 3);
        edit(&mut after, 1, k * 2 + 1, 2);
    }
    let d = diff(&base, &after);
    adds_up(&d);
    assert_eq!(moved_map(&d), finishes_moved(&before, &after));
    let kinds: std::collections::BTreeSet<OriginKind> = d.moved.iter().flat_map(|m| m.causes.iter().map(|c| c.kind)).collect();
    assert!(kinds.is_subset(&[OriginKind::Estimate, OriginKind::LevelingDelay].into()), "{kinds:?}");
    let c = d.moved.iter().flat_map(|m| &m.causes).find(|c| c.kind == OriginKind::Estimate).expect("an estimate cause");
    assert_eq!(c.together.len(), 20);
    assert!(c.more > 0);
}

/// The brief's "Since the last review" (issue 27 item 6) reads the plan file's latest
/// baseline: how far the finish moved, and what moved it, in words; without a baseline it
/// says how to keep one.
#[test]
fn the_brief_says_what_moved_since_the_last_review_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.bridger");
    let plan = bridger::demo::plan();
    drop(bridger::store::PlanFile::create(&path, &plan).unwrap());
    let text = |name: &str| {
        let out = dir.path().join(name);
        let date = chrono::NaiveDate::from_ymd_opt(2027, 2, 8).unwrap();
        let baselines = bridger::api::brief::baselines_in_file(&path);
        bridger::api::brief::write(&plan_now(&path), None, baselines, &out, date, bridger::api::Paper::A4, bridger::api::Overwrite::Refuse)
            .unwrap();
        let o = std::process::Command::new("pdftotext").arg(&out).arg("-").output().expect("pdftotext (poppler-utils)");
        String::from_utf8_lossy(&o.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert!(text("none.pdf").contains("No baseline is kept yet"));
    bridger::api::baseline::keep(&path, "Review of 5 Feb", false).unwrap();
    let id = critical(&plan);
    let mut f = bridger::store::PlanFile::open(&path).unwrap();
    let mut i = f.plan().initiative(&id).unwrap().clone();
    i.duration.likely += 4;
    i.duration.pessimistic = i.duration.pessimistic.max(i.duration.likely);
    let name = i.name.clone();
    f.apply(bridger::edit::Edit::UpdateInitiative(i)).unwrap();
    drop(f);
    let t = text("since.pdf");
    assert!(t.contains("Since the baseline \"Review of 5 Feb\""), "{t}");
    assert!(t.contains("the finish moved +4 working days"), "{t}");
    assert!(t.contains(&format!("because of the estimate of '{name}' (+4 working days)")), "{t}");
}

fn plan_now(path: &std::path::Path) -> Plan {
    bridger::store::read(path).unwrap()
}

/// With a baseline of record, schedule rows carry its finish and the variance, and work the
/// baseline had starting by the status date that has not started is a `start-missed`
/// warning (issue 27 items 1 and 2).
#[test]
fn the_baseline_of_record_gives_variances_and_missed_starts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.bridger");
    drop(bridger::store::PlanFile::create(&path, &bridger::demo::plan()).unwrap());
    let plan = plan_now(&path);
    let mut s = schedule(&plan).unwrap();
    bridger::api::baseline::against_record(&path, &plan, &mut s).unwrap();
    assert!(s.initiatives.iter().all(|i| i.baseline_finish.is_none() && i.finish_variance.is_none()), "no baseline: nothing");
    assert!(bridger::api::baseline::record_findings(&path, &plan).unwrap().is_empty());

    bridger::api::baseline::keep(&path, "Approved", false).unwrap();
    // Two weeks on: the status date moves, nothing is reported started.
    let mut f = bridger::store::PlanFile::open(&path).unwrap();
    let mut settings = f.plan().settings();
    settings.status_date = chrono::NaiveDate::from_ymd_opt(2027, 2, 19);
    f.apply(bridger::edit::Edit::UpdatePlan(settings)).unwrap();
    drop(f);
    let plan = plan_now(&path);
    let base = schedule(&bridger::demo::plan()).unwrap();
    let mut s = schedule(&plan).unwrap();
    bridger::api::baseline::against_record(&path, &plan, &mut s).unwrap();
    let cal = plan.calendar.anchored(plan.start).unwrap();
    for row in &s.initiatives {
        let then = base.initiatives.iter().find(|b| b.id == row.id).unwrap();
        assert_eq!(row.baseline_finish, Some(then.finish_date), "{}", row.id);
        let days = cal.offset_on_or_after(row.finish_date) - cal.offset_on_or_after(then.finish_date);
        assert_eq!(row.finish_variance, Some(days), "{}", row.id);
    }
    assert!(s.initiatives.iter().any(|r| r.finish_variance.is_some_and(|v| v > 0)), "work pushed past the new status date slips");
    let missed = bridger::api::baseline::record_findings(&path, &plan).unwrap();
    let want: Vec<&str> = base
        .initiatives
        .iter()
        .filter(|b| b.start_date <= chrono::NaiveDate::from_ymd_opt(2027, 2, 19).unwrap())
        .filter(|b| {
            plan.initiative(&b.id).is_some_and(|i| {
                i.actual_start.is_none() && i.actual_finish.is_none() && i.progress == 0.0 && i.status != bridger::model::Status::Done
            })
        })
        .map(|b| b.id.as_str())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(missed.iter().map(|f| f.subject.as_str()).collect::<Vec<_>>().len(), want.len());
    assert!(missed.iter().all(|f| f.code == "start-missed" && want.contains(&f.subject.as_str()) && f.message.contains("\"Approved\"")));
}

/// The demo plan file with two baselines, the second of record, and a 4-day slip since the
/// first: what the exchange tests carry.
fn demo_with_baselines(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = demo_file(dir);
    baseline::keep(&path, "review 1", false).expect("kept");
    let mut plan = bridger::store::read(&path).expect("read");
    let id = critical(&plan);
    lengthen(&mut plan, &id, 4);
    Editor::open(&path).expect("open").apply(&Edit::UpdateInitiative(plan.initiative(&id).expect("it").clone())).expect("edited");
    baseline::keep(&path, "review 2", false).expect("kept");
    baseline::of_record(&path, "review 2").expect("marked");
    path
}

#[test]
fn json_carries_the_baselines_whole_and_an_import_keeps_their_causes() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = demo_with_baselines(&dir);
    let bin = env!("CARGO_BIN_EXE_bridger");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().expect("ran");
    let json = dir.path().join("out.json");
    let o = run(&["export", path.to_str().expect("p"), "-o", json.to_str().expect("p")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("read")).expect("json");
    let names: Vec<&str> = doc["baselines"].as_array().expect("baselines").iter().map(|b| b["name"].as_str().expect("a name")).collect();
    assert_eq!(names, ["review 1", "review 2"]);
    assert_eq!(doc["baselines"][1]["of_record"], true);
    assert!(doc["baselines"][0]["plan"].is_object(), "the plan as it was travels with the baseline");

    let copy = dir.path().join("copy.bridger");
    let o = run(&["import", json.to_str().expect("p"), "-o", copy.to_str().expect("p")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("2 baselines kept"), "{}", String::from_utf8_lossy(&o.stdout));
    let rows = baseline::list(&copy).expect("listed");
    let originals = baseline::list(&path).expect("listed");
    assert_eq!(rows, originals, "names, times, status dates, the one of record: as they were");
    // The drift, causes included, is the same in the copy as in the original.
    let (a, b) = (baseline::diff(&path, Some("review 1")).expect("diff"), baseline::diff(&copy, Some("review 1")).expect("diff"));
    assert_eq!(a.finish_change_days, 4);
    assert_eq!(a.moved, b.moved);
    assert!(b.explained);

    // Into a plan that keeps "review 1" already: that one is left, with a note.
    let other = dir.path().join("other.bridger");
    Editor::create(&other, &bridger::demo::plan()).expect("created");
    baseline::keep(&other, "review 1", false).expect("kept");
    let o = run(&["import", json.to_str().expect("p"), "--into", other.to_str().expect("p")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("baseline 'review 1' is kept in the plan already"));
    let rows = baseline::list(&other).expect("listed");
    // Listed by when they were kept: the imported "review 2" keeps its earlier time.
    assert_eq!(rows.iter().map(|r| (r.name.as_str(), r.of_record)).collect::<Vec<_>>(), [("review 2", false), ("review 1", true)]);
}

#[test]
fn a_csv_folder_carries_baseline_dates_and_reads_them_back_as_dates_only() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = demo_with_baselines(&dir);
    let folder = dir.path().join("csv");
    let plan = bridger::store::read(&path).expect("read");
    let all = baseline::all(&path).expect("all");
    bridger::api::files::export(&plan, &all, &folder, bridger::api::files::Format::Csv, bridger::api::Overwrite::Refuse).expect("exported");
    let text = std::fs::read_to_string(folder.join("baselines.csv")).expect("baselines.csv");
    assert!(text.starts_with("baseline,created,status_date,of_record,initiative,name,start,finish"), "{text}");
    assert_eq!(text.lines().count(), 1 + 2 * plan.initiatives.len());

    let foreign = bridger::api::files::load_foreign(&folder, None, plan.start).expect("read back");
    assert_eq!(foreign.baselines.len(), 2);
    assert!(foreign.baselines.iter().all(|b| b.plan.is_none()), "a CSV folder holds dates only");
    for (back, was) in foreign.baselines.iter().zip(&all) {
        assert_eq!(back.schedule.initiatives, was.schedule.initiatives);
        assert_eq!((back.name.as_str(), back.created.as_str(), back.of_record), (was.name.as_str(), was.created.as_str(), was.of_record));
    }
    let copy = dir.path().join("copy.bridger");
    bridger::api::files::create_from(&copy, &foreign).expect("created");
    let d = baseline::diff(&copy, Some("review 1")).expect("a diff");
    assert!(!d.explained);
    assert_eq!(d.finish_change_days, 4, "the move is measured from the dates");
    assert!(d.moved.iter().all(|m| m.causes.is_empty()), "and has no causes");

    // A bad row in baselines.csv refuses the whole folder, naming file, line and column.
    std::fs::write(folder.join("baselines.csv"), "baseline,initiative,start,finish\nQ1,a,2027-01-05,2027-01-04\nQ1,b,soon,2027-01-04\n")
        .expect("written");
    let e = bridger::api::files::load_foreign(&folder, None, plan.start).expect_err("refused");
    let details = e.details.join("\n");
    assert!(details.contains("baselines.csv: line 2, column finish: 2027-01-04 is before the start"), "{details}");
    assert!(details.contains("baselines.csv: line 3, column start: 'soon' is not a date"), "{details}");
}

#[test]
fn approved_dates_from_a_spreadsheet_are_a_dates_only_baseline() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = demo_file(&dir);
    let plan = bridger::store::read(&path).expect("read");
    let s = schedule(&plan).expect("a schedule");
    let id = critical(&plan);
    // The approved dates: today's, except the critical initiative's finish, 3 working days
    // earlier than now (a slip to explain).
    let row = s.initiatives.iter().find(|r| r.id == id).expect("scheduled");
    let cal = plan.calendar.anchored(plan.start).expect("a calendar");
    let earlier = cal.date(cal.offset_on_or_after(row.finish_date) - 3).expect("a date");
    let mut csv = String::from("initiative,name,start,finish\n");
    for r in &s.initiatives {
        let finish = if r.id == id { earlier } else { r.finish_date };
        csv.push_str(&format!("{},\"{}\",{},{}\n", r.id, r.name, r.start_date, finish.max(r.start_date)));
    }
    let dates = dir.path().join("approved.csv");
    std::fs::write(&dates, csv).expect("written");
    let bin = env!("CARGO_BIN_EXE_bridger");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().expect("ran");
    let p = path.to_str().expect("p");
    let o = run(&["baseline", p, "--name", "approved", "--dates", dates.to_str().expect("p")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = baseline::list(&path).expect("listed");
    assert!(rows[0].dates_only && rows[0].of_record);
    let d = baseline::diff(&path, None).expect("a diff");
    let moved = d.moved.iter().find(|m| m.id == id).expect("the critical one moved");
    assert_eq!(moved.days, 3);
    assert!(String::from_utf8_lossy(&run(&["diff", p]).stdout).contains("dates only"));

    // A bad file: every bad row named, nothing kept.
    std::fs::write(&dates, "initiative,start,finish,colour\nx,2027-13-01,\n").expect("written");
    let o = run(&["baseline", p, "--name", "bad", "--dates", dates.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("column colour: is not a column"), "{err}");
    assert_eq!(baseline::list(&path).expect("listed").len(), 1, "nothing kept");
}

/// The window reads the baseline of record through every view (issue 27 item 5): each row's
/// baseline start and finish and its finish variance (the map's move badges), the Timeline's
/// baseline bars; a longer critical estimate moves exactly what two schedules say, by as
/// much; another baseline made of record, then deleted, moves the measure with it.
#[test]
fn the_window_measures_views_and_the_timeline_against_the_baseline_of_record() {
    use bridger::api::{Arrangement, Editing};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.bridger");
    let before = bridger::demo::plan();
    let mut e = Editing::create(&path, &before, "test").unwrap();
    let v = e.view(Arrangement::Flow).unwrap();
    let rows = v.schedule.unwrap().initiatives;
    assert!(rows.iter().all(|r| r.baseline_start.is_none() && r.baseline_finish.is_none() && r.finish_variance.is_none()));
    let t = e.capacity(None).unwrap().timeline.unwrap();
    assert!(t.baseline.is_none() && t.bars.iter().all(|b| b.baseline.is_none()));

    e.keep_baseline("Week 1").unwrap();
    let rows = e.view(Arrangement::Flow).unwrap().schedule.unwrap().initiatives;
    for r in &rows {
        assert_eq!(
            (r.baseline_start, r.baseline_finish, r.finish_variance),
            (Some(r.start_date), Some(r.finish_date), Some(0)),
            "{}",
            r.id
        );
    }
    let t = e.capacity(None).unwrap().timeline.unwrap();
    assert_eq!(t.baseline.as_deref(), Some("Week 1"));
    for b in &t.bars {
        let base = b.baseline.as_ref().expect("a baseline bar");
        assert_eq!(
            (base.start, base.finish, base.start_date, base.finish_date),
            (b.current.start, b.current.finish, b.current.start_date, b.current.finish_date),
            "{}",
            b.id
        );
    }

    let id = critical(&before);
    let mut after = before.clone();
    lengthen(&mut after, &id, 4);
    e.apply(vec![bridger::edit::Edit::UpdateInitiative(after.initiative(&id).unwrap().clone())], Arrangement::Flow).unwrap();
    let rows = e.view(Arrangement::Flow).unwrap().schedule.unwrap().initiatives;
    let then = schedule(&before).unwrap();
    let want = finishes_moved(&before, &after);
    assert!(want.get(&id).is_some_and(|d| *d == 4), "{want:?}");
    let got: BTreeMap<String, i64> =
        rows.iter().filter(|r| r.finish_variance != Some(0)).map(|r| (r.id.clone(), r.finish_variance.unwrap())).collect();
    assert_eq!(got, want, "the variance is the move two schedules show");
    for r in &rows {
        let t = then.initiatives.iter().find(|x| x.id == r.id).unwrap();
        assert_eq!((r.baseline_start, r.baseline_finish), (Some(t.start_date), Some(t.finish_date)), "the baseline's dates stay: {}", r.id);
    }
    let t = e.capacity(None).unwrap().timeline.unwrap();
    let bar = t.bars.iter().find(|b| b.id == id).unwrap();
    assert_eq!(bar.finish_variance, Some(4));
    assert_eq!(bar.baseline.as_ref().unwrap().finish + 4, bar.current.finish, "the baseline bar ends 4 working days before the bar now");

    e.keep_baseline("Week 2").unwrap();
    assert!(
        e.view(Arrangement::Flow).unwrap().schedule.unwrap().initiatives.iter().any(|r| r.finish_variance == Some(4)),
        "still measured against Week 1"
    );
    e.set_baseline_of_record("Week 2").unwrap();
    let rows = e.view(Arrangement::Flow).unwrap().schedule.unwrap().initiatives;
    assert!(rows.iter().all(|r| r.finish_variance == Some(0)), "Week 2 is the plan as it is");
    assert_eq!(e.capacity(None).unwrap().timeline.unwrap().baseline.as_deref(), Some("Week 2"));
    assert!(e.set_baseline_of_record("No such").is_err());
    e.delete_baseline("Week 2").unwrap();
    let rows = e.view(Arrangement::Flow).unwrap().schedule.unwrap().initiatives;
    assert_eq!(rows.iter().find(|r| r.id == id).unwrap().finish_variance, Some(4), "Week 1 is of record again");

    // The brief's timeline draws the planned bars under the ones of now, with a legend.
    let out = dir.path().join("brief.pdf");
    let date = chrono::NaiveDate::from_ymd_opt(2027, 2, 8).unwrap();
    let baselines = bridger::api::brief::baselines_in_file(&path);
    assert_eq!(baselines.record.as_ref().map(|b| b.name.as_str()), Some("Week 1"));
    bridger::api::brief::write(e.plan(), None, baselines, &out, date, bridger::api::Paper::A4, bridger::api::Overwrite::Refuse).unwrap();
    let o = std::process::Command::new("pdftotext").arg(&out).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&o.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("planned: the dates of the baseline of record \"Week 1\""), "{text}");
    assert!(text.contains("+4 days"), "a row whose finish moved says by how much: {text}");
}
