//! The window and the CLI on one plan file (issue 25, points 5 to 8): the window's Plan tab
//! sends only the setting it changed, every input the window edits goes in as the core's
//! own edits with the core's defaults, undo and reopen keep the map as the user saw it, and
//! only a committed edit by another program counts as a change of the plan. Each test runs
//! `bridger::api::Editing` (what the window holds) and the real `bridger` binary on a real
//! file.

mod common;

use bridger::api::drafts::{self, NewKind};
use bridger::api::{Changed, Editing, Placement};
use bridger::layout::{Arrangement, Layout};
use bridger::model::{Handoff, Initiative, Team};
use bridger::store::{Direction, Edit, EntityKind, Patch, PlanFile};
use common::{bridger, stderr};

fn demo(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("demo.bridger");
    drop(PlanFile::create(&path, &bridger::demo::plan()).expect("a plan file"));
    path
}

fn plan_patch(fields: serde_json::Value) -> Edit {
    Edit::Patch(Patch { kind: EntityKind::Plan, id: "plan".into(), fields: fields.as_object().cloned().unwrap_or_default() })
}

fn card(l: &Layout, id: &str) -> (f64, f64) {
    let c = l.cards.iter().find(|c| c.id == id).expect("a card");
    (c.x, c.y)
}

/// Point 5: the CLI sets the summary while the window is open; the window changes the
/// holidays (as its Plan tab does: a patch of the holidays alone); both stay, and so do
/// the working days the CLI changed.
#[test]
fn the_window_changing_the_holidays_keeps_what_the_cli_wrote() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = demo(&dir);
    let mut e = Editing::open(&path, "Bridger app").expect("opened");
    let shown = e.view(Arrangement::Flow).expect("a view");
    let file = path.to_str().expect("a path");
    let o = bridger(
        dir.path(),
        &["edit", file, r#"{"op":"patch","value":{"kind":"plan","id":"plan","fields":{"summary":"Written by the CLI"}}}"#],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut holidays = shown.plan.calendar.holidays.clone();
    holidays.push(chrono::NaiveDate::from_ymd_opt(2027, 10, 11).expect("a date"));
    holidays.sort();
    e.refresh().expect("refreshed");
    e.apply(vec![plan_patch(serde_json::json!({ "holidays": holidays }))], Arrangement::Flow).expect("saved");
    let saved = bridger::store::read(&path).expect("read");
    assert_eq!(saved.summary, "Written by the CLI", "the CLI's summary stays");
    assert_eq!(saved.calendar.holidays, holidays, "the window's holidays are saved");
    assert_eq!(saved.calendar.working_days, shown.plan.calendar.working_days);

    // The working days and the holidays are two settings: changing one never sends the
    // other back, even from a copy read before another program changed it.
    let o = bridger(
        dir.path(),
        &["edit", file, r#"{"op":"patch","value":{"kind":"plan","id":"plan","fields":{"working_days":["Mon","Tue","Wed","Thu"]}}}"#],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    e.apply(vec![plan_patch(serde_json::json!({ "holidays": [] }))], Arrangement::Flow).expect("saved");
    let saved = bridger::store::read(&path).expect("read");
    assert_eq!((saved.calendar.working_days.len(), saved.calendar.holidays.len(), saved.summary.as_str()), (4, 0, "Written by the CLI"));
}

/// Point 6: a new team, site or wave has the core's defaults; removing initiatives says
/// what goes with them by name, and the edits remove exactly that.
#[test]
fn new_things_have_the_cores_defaults_and_a_removal_names_what_goes() {
    let plan = bridger::demo::plan();
    let Edit::AddTeam(team) = drafts::draft(&plan, NewKind::Team, "qa", "QA", None) else { panic!("a team") };
    assert_eq!(team.utilization_target, bridger::model::default_utilization(), "the core's utilization target, not the window's");
    assert_eq!(team, Team::new("qa", "QA", 1.0));
    let Edit::AddWave(wave) = drafts::draft(&plan, NewKind::Wave, "w9", "Wave 9", None) else { panic!("a wave") };
    assert_eq!(wave.order, plan.waves.iter().map(|w| w.order).max().expect("waves") + 1, "after the last wave");
    let Edit::AddSite(site) = drafts::draft(&plan, NewKind::Site, "s9", "Store 9", Some("North".into())) else { panic!("a site") };
    assert_eq!((site.region.as_deref(), site.wave.as_deref()), (Some("North"), None));

    let linked = plan.risks.iter().find_map(|r| r.initiatives.first().cloned()).expect("a risk hits an initiative");
    let r = drafts::removal(&plan, std::slice::from_ref(&linked));
    let name = plan.initiative(&linked).expect("it").name.clone();
    let handoffs = plan.handoffs.iter().filter(|h| h.from == linked || h.to == linked).count();
    let links = plan.risks.iter().filter(|r| r.initiatives.contains(&linked)).count();
    assert_eq!(r.goes.len(), handoffs + links, "{:?}", r.goes);
    assert!(r.goes.iter().all(|g| g.contains(&name)), "names, not ids: {:?}", r.goes);
    assert!(r.goes.iter().any(|g| g.starts_with("the link of the risk")), "{:?}", r.goes);
    assert_eq!(r.edits, vec![Edit::RemoveInitiative(linked.clone())]);

    // and that is what the store removes with it
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut e = Editing::open(&demo(&dir), "Bridger app").expect("opened");
    e.apply(r.edits, Arrangement::Flow).expect("removed");
    let after = e.plan();
    assert_eq!(after.handoffs.len(), plan.handoffs.len() - handoffs);
    assert!(after.risks.iter().all(|x| !x.initiatives.contains(&linked)) && after.risks.len() == plan.risks.len());
}

/// Point 6: `bridger level --clear` takes an accepted leveling back as one undo step, as
/// the window's Clear does.
#[test]
fn level_clear_is_one_undo_step() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = demo(&dir);
    let file = path.to_str().expect("a path");
    let o = bridger(dir.path(), &["level", file, "--iterations", "200", "--seed", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let levelled = bridger::store::read(&path).expect("read");
    assert!(levelled.initiatives.iter().any(|i| i.leveling_delay != 0), "the demo needs leveling");
    let o = bridger(dir.path(), &["level", file, "--clear"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(bridger::store::read(&path).expect("read").initiatives.iter().all(|i| i.leveling_delay == 0));
    let o = bridger(dir.path(), &["undo", file]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(bridger::store::read(&path).expect("read"), levelled, "one undo brings the whole leveling back");
}

/// Point 7: the window finds a layout again by the plan's layout fingerprint, so it must
/// change with everything the layout reads and with nothing else.
#[test]
fn the_layout_fingerprint_reads_what_the_layout_reads() {
    use bridger::model::{layout_fingerprint, Position};
    let plan = bridger::demo::plan();
    let f = layout_fingerprint(&plan);
    let changed = |edit: &dyn Fn(&mut bridger::model::Plan)| {
        let mut p = plan.clone();
        edit(&mut p);
        layout_fingerprint(&p) != f
    };
    let drawn: [(&str, &dyn Fn(&mut bridger::model::Plan)); 9] = [
        ("a name (the card's height)", &|p| p.initiatives[0].name = "Renamed".into()),
        ("a team", &|p| p.initiatives[0].team = None),
        ("a wave", &|p| p.initiatives[0].wave = Some("other".into())),
        ("a site", &|p| p.initiatives[0].site = Some("other".into())),
        ("a position", &|p| p.initiatives[0].position = Some(Position { x: 1.0, y: 2.0 })),
        ("a handoff's end", &|p| p.handoffs[0].to = p.initiatives[9].id.clone()),
        ("the order of teams", &|p| p.teams.swap(0, 1)),
        ("a wave's order", &|p| p.waves[0].order += 10),
        ("the order of initiatives", &|p| p.initiatives.swap(0, 1)),
    ];
    for (what, edit) in drawn {
        assert!(changed(edit), "{what} is drawn");
    }
    let not_drawn: [(&str, &dyn Fn(&mut bridger::model::Plan)); 4] = [
        ("an owner", &|p| p.initiatives[0].owner = "Someone else".into()),
        ("a duration", &|p| p.initiatives[0].duration.likely += 3),
        ("a handoff's owner", &|p| p.handoffs[0].owner = "Someone".into()),
        ("a risk", &|p| p.risks[0].probability = 0.99),
    ];
    for (what, edit) in not_drawn {
        assert!(!changed(edit), "{what} is not drawn");
    }
}

/// Point 7: undoing a move puts the card back where it was drawn before the move (in both
/// arrangements), and every other card stays.
#[test]
fn undoing_a_move_puts_the_card_back() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut e = Editing::open(&demo(&dir), "Bridger app").expect("opened");
    for arrangement in [Arrangement::Flow, Arrangement::Seams] {
        let before = e.view(arrangement).expect("a view").layout;
        let id = before.cards[5].id.clone();
        let (x, y) = card(&before, &id);
        e.place(vec![Placement { id: id.clone(), x: x + 420.0, y: y + 260.0 }], arrangement).expect("moved");
        assert_ne!(card(&e.view(arrangement).expect("a view").layout, &id), (x, y), "{arrangement:?}: the card moved");
        e.step(Direction::Undo, arrangement).expect("undone");
        let after = e.view(arrangement).expect("a view").layout;
        assert_eq!(card(&after, &id), (x, y), "{arrangement:?}: undo puts the card back");
        assert_eq!(after, before, "{arrangement:?}: the map as it was");
        // and redo moves it again
        e.step(Direction::Redo, arrangement).expect("redone");
        assert_ne!(card(&e.view(arrangement).expect("a view").layout, &id), (x, y));
        e.step(Direction::Undo, arrangement).expect("undone");
    }
}

/// Point 7: after edits the map is the incremental layout the user watched grow, which a
/// fresh layout does not reproduce; a plan closed and reopened shows that same map, lanes
/// in the same order.
#[test]
fn a_reopened_plan_shows_the_map_it_was_closed_with() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = demo(&dir);
    let mut e = Editing::open(&path, "Bridger app").expect("opened");
    let plan = e.view(Arrangement::Seams).expect("a view").plan;
    e.view(Arrangement::Flow).expect("a view");
    // A new team's work joined to the first and the last initiatives, and a card moved.
    let mut new = Initiative::new("audit", "Audit", "Ana", 5);
    new.team = Some("audit-team".into());
    let (first, last) = (plan.initiatives[0].id.clone(), plan.initiatives[plan.initiatives.len() - 1].id.clone());
    e.apply(
        vec![
            Edit::AddTeam(Team::new("audit-team", "Audit team", 2.0)),
            Edit::AddInitiative(new),
            Edit::AddHandoff(Handoff::fs("h-audit-1", &first, "audit")),
            Edit::AddHandoff(Handoff::fs("h-audit-2", "audit", &last)),
        ],
        Arrangement::Seams,
    )
    .expect("added");
    let flow = e.view(Arrangement::Flow).expect("a view").layout;
    let id = flow.cards[2].id.clone();
    let (x, y) = card(&flow, &id);
    e.place(vec![Placement { id, x: x + 200.0, y: y - 120.0 }], Arrangement::Flow).expect("moved");
    let flow = e.view(Arrangement::Flow).expect("a view");
    let seams = e.view(Arrangement::Seams).expect("a view");
    drop(e);

    let mut again = Editing::open(&path, "Bridger app").expect("reopened");
    let seams_again = again.view(Arrangement::Seams).expect("a view");
    assert_eq!(seams_again.lanes, seams.lanes, "the lanes in the same order");
    assert_eq!(seams_again.layout, seams.layout, "every card where it was");
    assert_eq!(again.view(Arrangement::Flow).expect("a view").layout, flow.layout);
}

/// Point 8: a read (`bridger schedule`, `check`, `layout`) is no change; a kept forecast
/// (`bridger simulate`) changes the analysis, not the plan; an edit changes the plan.
#[test]
fn only_a_committed_edit_changes_the_plan() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = demo(&dir);
    let file = path.to_str().expect("a path");
    let mut e = Editing::open(&path, "Bridger app").expect("opened");
    e.view(Arrangement::Flow).expect("a view");
    let poll = |e: &mut Editing| {
        e.refresh().expect("refreshed");
        e.changed()
    };
    assert_eq!(poll(&mut e), Changed::default());
    for read in [&["schedule", file][..], &["check", file], &["schedule", file, "--json"], &["layout", file]] {
        let o = bridger(dir.path(), read);
        assert!(o.status.success(), "{read:?}: {}", stderr(&o));
        assert_eq!(poll(&mut e), Changed::default(), "{read:?} is a read");
    }
    let o = bridger(dir.path(), &["simulate", file, "--iterations", "300", "--seed", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(poll(&mut e), Changed { analysis: true, ..Changed::default() }, "a kept forecast is no edit");
    assert_eq!(poll(&mut e), Changed::default(), "said once");
    let o = bridger(dir.path(), &["edit", file, r#"{"op":"patch","value":{"kind":"plan","id":"plan","fields":{"asks":"More testers"}}}"#]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(poll(&mut e), Changed { plan: true, ..Changed::default() });
    assert_eq!(e.plan().asks, "More testers");
    // The window's own edits and the map it keeps in the file are no change from outside.
    e.apply(vec![plan_patch(serde_json::json!({"asks": "Two testers"}))], Arrangement::Flow).expect("saved");
    e.view(Arrangement::Seams).expect("a view");
    assert_eq!(poll(&mut e), Changed::default());
    // A first baseline kept by the CLI is the baseline of record: the view's variance follows
    // it (asked for again, quietly); a second one, not of record, changes nothing the view shows.
    for (args, want) in [
        (&["baseline", file, "--name", "Week 1"][..], Changed { baselines: true, ..Changed::default() }),
        (&["baseline", file, "--name", "Week 2"], Changed { analysis: true, ..Changed::default() }),
        (&["baseline", file, "--of-record", "Week 2"], Changed { baselines: true, ..Changed::default() }),
    ] {
        let o = bridger(dir.path(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_eq!(poll(&mut e), want, "{args:?}");
        e.view(Arrangement::Flow).expect("a view");
        assert_eq!(poll(&mut e), Changed::default(), "{args:?}: said once");
    }
    // The window's own choice of the baseline of record is no change from outside.
    e.set_baseline_of_record("Week 1").expect("marked");
    e.refresh().expect("refreshed"); // as the shell does before every command
    e.view(Arrangement::Flow).expect("a view");
    assert_eq!(poll(&mut e), Changed::default());
}
