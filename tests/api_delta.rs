//! An edit in the window answers with what changed in the view the window holds
//! (`api::ViewDelta`), not the whole view: these tests hold the delta to the whole view
//! computed afresh, for every kind of change the editor makes, and check that it is small.

use bridger::api::{diff, list, merge, Editing, PlanView, Update};
use bridger::layout::Arrangement;
use bridger::model::{Handoff, Initiative, Risk};
use bridger::store::{Direction, Edit, EntityKind, Patch, PlanFile};
use proptest::prelude::*;

fn editing(dir: &tempfile::TempDir) -> Editing {
    let file = PlanFile::create(&dir.path().join("demo.bridger"), &bridger::demo::plan()).expect("a plan file");
    Editing::new(file, "test")
}

/// The update, merged into the view the window held, equals the whole view asked afresh.
fn check(e: &mut Editing, held: &PlanView, update: Update, arrangement: Arrangement) -> PlanView {
    let got = match update {
        Update::Delta { delta } => {
            assert_eq!(delta.base, held.revision, "the delta applies to the view the window holds");
            delta.apply_to(held)
        }
        Update::Full { view } => *view,
    };
    // asking for the whole view makes it the one the window holds, at the next revision
    let fresh = e.view(arrangement).expect("a view");
    assert_eq!(got.revision + 1, fresh.revision);
    assert_eq!(PlanView { revision: got.revision, ..fresh.clone() }, got, "delta merged == the view computed afresh");
    fresh
}

fn patch(id: &str, fields: serde_json::Value) -> Edit {
    let fields = fields.as_object().cloned().unwrap_or_default();
    Edit::Patch(Patch { kind: EntityKind::Initiative, id: id.into(), fields })
}

#[test]
fn every_kind_of_edit_answers_with_an_exact_delta() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut e = editing(&dir);
    for arrangement in [Arrangement::Flow, Arrangement::Seams] {
        let mut held = e.view(arrangement).expect("a view");
        let plan = e.file().plan().clone();
        let critical = held.schedule.as_ref().expect("scheduled").critical_path[3].clone();
        let (first, last) = (plan.initiatives[0].id.clone(), plan.initiatives[plan.initiatives.len() - 1].id.clone());
        let mut new = Initiative::new(&format!("new-{arrangement:?}"), "New work", "Ana", 4);
        new.team = plan.teams.first().map(|t| t.id.clone());
        let mut risk = plan.risks[0].clone();
        risk.probability = 0.9;
        let steps: Vec<Vec<Edit>> = vec![
            vec![patch(&first, serde_json::json!({"name": "Renamed"}))],
            vec![patch(&critical, serde_json::json!({"duration": {"optimistic": 20, "likely": 30, "pessimistic": 40}}))],
            vec![Edit::AddInitiative(new.clone())],
            vec![Edit::AddHandoff(Handoff::fs(&format!("h-{arrangement:?}"), &last, &new.id))],
            vec![Edit::UpdateRisk(risk)],
            vec![Edit::AddRisk(Risk {
                id: format!("r-{arrangement:?}"),
                title: "New risk".into(),
                initiatives: vec![new.id.clone()],
                ..plan.risks[0].clone()
            })],
            vec![Edit::UpdatePlan(bridger::model::PlanSettings { name: "Renamed plan".into(), ..plan.settings() })],
            vec![Edit::RemoveInitiative(first.clone())],
        ];
        for edits in steps {
            let what = format!("{edits:?}");
            let update = e.apply(edits, arrangement).unwrap_or_else(|err| panic!("{what}: {err:?}"));
            assert!(matches!(update, Update::Delta { .. }), "{what}: the window holds this arrangement");
            held = check(&mut e, &held, update, arrangement);
        }
        // moved by hand, arranged again, undone, redone: each a delta too
        let update = e.place(vec![bridger::api::Placement { id: last.clone(), x: 40.0, y: 900.0 }], arrangement).expect("placed");
        held = check(&mut e, &held, update, arrangement);
        let update = e.arrange(None, arrangement).expect("arranged");
        held = check(&mut e, &held, update, arrangement);
        for dir in [Direction::Undo, Direction::Undo, Direction::Redo] {
            let step = e.step(dir, arrangement).expect("a step");
            held = check(&mut e, &held, step.update, arrangement);
        }
    }
}

#[test]
fn a_small_edit_sends_a_small_delta() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut e = editing(&dir);
    let held = e.view(Arrangement::Flow).expect("a view");
    let id = e.file().plan().initiatives[5].id.clone();
    let Update::Delta { delta } =
        e.apply(vec![patch(&id, serde_json::json!({"owner": "Someone else"}))], Arrangement::Flow).expect("saved")
    else {
        panic!("a delta")
    };
    assert_eq!(delta.initiatives.as_ref().map(|d| d.set.len()), Some(1), "only the edited initiative");
    assert!(delta.plan.is_none() && delta.layout.is_none() && delta.heat.is_none(), "nothing else of the plan or its drawing");
    let whole = serde_json::to_string(&held).expect("json").len();
    let sent = serde_json::to_string(&delta).expect("json").len();
    assert!(sent * 20 < whole, "{sent} bytes sent for a view of {whole}");
}

#[test]
fn switching_arrangement_sends_the_whole_view() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut e = editing(&dir);
    e.view(Arrangement::Flow).expect("a view");
    let id = e.file().plan().initiatives[0].id.clone();
    let update = e.apply(vec![patch(&id, serde_json::json!({"name": "x"}))], Arrangement::Seams).expect("saved");
    assert!(matches!(update, Update::Full { .. }), "the window held Flow, not Seams");
}

#[test]
fn a_refused_edit_keeps_the_view_the_window_holds() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut e = editing(&dir);
    let held = e.view(Arrangement::Flow).expect("a view");
    let plan = e.file().plan().clone();
    let (a, b) = (&plan.handoffs[0].from, &plan.handoffs[0].to);
    assert!(e.apply(vec![Edit::AddHandoff(Handoff::fs("back", b, a))], Arrangement::Flow).is_err(), "a cycle");
    let update = e.apply(vec![patch(a, serde_json::json!({"notes": "still in step"}))], Arrangement::Flow).expect("saved");
    let Update::Delta { delta } = update else { panic!("a delta") };
    assert_eq!(delta.base, held.revision, "the refused edit did not move the window's view on");
}

proptest! {
    /// Any list to any other: the delta merged into the old list gives the new one.
    #[test]
    fn a_list_delta_merged_gives_the_new_list(old in proptest::collection::vec(0u8..4, 0..30), new in proptest::collection::vec(0u8..4, 0..30)) {
        let old: Vec<String> = old.iter().map(|k| k.to_string()).collect();
        let new: Vec<String> = new.iter().map(|k| k.to_string()).collect();
        match list(&old, &new) {
            None => prop_assert_eq!(&old, &new),
            Some(d) => {
                prop_assert!(d.set.iter().all(|(k, item)| old.get(*k as usize) != Some(item)), "only changed positions are sent");
                prop_assert_eq!(merge(&old, &d), new);
            }
        }
    }
}

#[test]
fn diff_of_a_view_with_itself_is_empty() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut e = editing(&dir);
    let mut a = e.view(Arrangement::Seams).expect("a view");
    let mut b = a.clone();
    b.revision += 1;
    let d = diff(&mut a, &mut b);
    assert!(
        d.plan.is_none()
            && d.initiatives.is_none()
            && d.schedule.is_none()
            && d.findings.is_none()
            && d.layout.is_none()
            && d.lanes.is_none()
    );
    assert_eq!(d.apply_to(&a), b);
}

/// The window merges deltas in TypeScript (`ui/src/view.ts`); `ui/test/view.test.mjs` holds
/// it to views from this core, kept in `ui/test/fixtures/deltas.json`: a generated plan's
/// view and, for a few edits, the delta the core sent and the whole view after it. This test
/// fails when the file is stale; `UPDATE_BINDINGS=1` rewrites it (as for the bindings).
#[test]
fn the_window_merge_fixture_is_fresh() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let plan = bridger::gen::plan(16, 2, 7, true);
    let file = PlanFile::create(&dir.path().join("gen.bridger"), &plan).expect("a plan file");
    let mut e = Editing::new(file, "test");
    let mut held = e.view(Arrangement::Seams).expect("a view");
    let start = held.clone();
    let critical = held.schedule.as_ref().and_then(|s| s.critical_path.last()).expect("a critical path").clone();
    let edits = vec![
        vec![patch(&plan.initiatives[1].id, serde_json::json!({"name": "Renamed"}))],
        vec![patch(&critical, serde_json::json!({"duration": {"optimistic": 9, "likely": 12, "pessimistic": 20}}))],
        vec![Edit::RemoveInitiative(plan.initiatives[0].id.clone())],
        vec![Edit::AddInitiative(Initiative::new("late", "Added late", "Ana", 3))],
    ];
    let mut steps = Vec::new();
    for edit in edits {
        let Update::Delta { delta } = e.apply(edit, Arrangement::Seams).expect("saved") else { panic!("a delta") };
        let after = delta.apply_to(&held);
        steps.push(serde_json::json!({"delta": delta, "view": after}));
        held = after;
    }
    // the journal's timestamps and the temporary folder differ from run to run: the fixture
    // holds them fixed
    let mut want = serde_json::json!({"start": start, "steps": steps});
    fn fix(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if k == "at" {
                        *x = serde_json::Value::from("2026-01-01 00:00 UTC");
                    } else if k == "path" && x.is_string() {
                        *x = serde_json::Value::from("/plans/gen.bridger");
                    } else {
                        fix(x);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(fix),
            _ => {}
        }
    }
    fix(&mut want);
    let want = serde_json::to_string(&want).expect("json") + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/test/fixtures/deltas.json");
    if std::fs::read_to_string(&path).ok().as_deref() == Some(want.as_str()) {
        return;
    }
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("the fixtures folder");
        std::fs::write(&path, want).expect("written");
        return;
    }
    panic!("{} is stale: run `UPDATE_BINDINGS=1 cargo test --test api_delta` and commit it", path.display());
}

/// The shell prepares the first view while the web view starts: the page gets that view,
/// unless the plan changed meanwhile (then a fresh one).
#[test]
fn a_prepared_view_is_given_once_and_never_when_stale() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut e = editing(&dir);
    e.prepare(Arrangement::Flow).expect("prepared");
    let first = e.view(Arrangement::Flow).expect("a view");
    let again = e.view(Arrangement::Flow).expect("a view");
    assert_eq!(PlanView { revision: first.revision, ..again.clone() }, first, "the prepared view is the view");
    assert!(again.revision > first.revision, "given once: the next call computes anew");

    e.prepare(Arrangement::Flow).expect("prepared");
    let id = e.file().plan().initiatives[0].id.clone();
    let mut other = bridger::store::Editor::open(&dir.path().join("demo.bridger")).expect("another program");
    other.apply(&patch(&id, serde_json::json!({"name": "Changed elsewhere"}))).expect("saved");
    e.refresh().expect("read again");
    let v = e.view(Arrangement::Flow).expect("a view");
    assert_eq!(v.plan.initiatives[0].name, "Changed elsewhere", "a change after prepare is shown");
}
