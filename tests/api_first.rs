//! The first view of a folded plan (issue 28: the window's first paint at 1,000 sites): the
//! window first gets only what the folded map draws, then the whole view. These tests hold
//! the first view to the whole one: everything in it is as in the whole view, nothing the
//! folded map draws is missing, the counts are the whole plan's, and an edit made while the
//! window holds a first view answers with the whole view.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use bridger::api::{Editing, PlanView, Update};
use bridger::layout::Arrangement;
use bridger::store::{Edit, EntityKind, Patch, PlanFile};

/// A plan of 120 sites in 4 waves (over the 100 from which the map opens folded by wave).
fn rolled_out(dir: &Path) -> PathBuf {
    let path = dir.join("rollout.bridger");
    PlanFile::create(&path, &bridger::gen::rollout_plan(40, 4, 7)).expect("a plan file");
    let csv = dir.join("sites.csv");
    std::fs::write(&csv, bridger::gen::rollout_sites_csv(120, 4)).expect("the sites file");
    bridger::api::rollout::rollout(&path, "store", &csv, false, "test").expect("the rollout");
    path
}

/// The plan opened, its first view and its whole view, as the window asks for them.
fn opened(dir: &Path) -> (Editing, PlanView, PlanView) {
    let mut e = Editing::open(&rolled_out(dir), "test").expect("the plan");
    let first = e.first_view(Arrangement::Flow).expect("the first view");
    let whole = e.view(Arrangement::Flow).expect("the whole view");
    (e, first, whole)
}

fn drawn(v: &PlanView) -> HashSet<String> {
    let groups: HashSet<&str> = v.layout.groups.iter().map(|g| g.id.as_str()).collect();
    v.layout.cards.iter().map(|c| c.id.clone()).filter(|id| !groups.contains(id.as_str())).collect()
}

#[test]
fn the_first_view_of_a_folded_plan_is_the_folded_maps_part_of_the_whole() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (_, first, whole) = opened(dir.path());
    assert!(whole.partial.is_none(), "the whole view says it is whole");
    assert_eq!(first.revision, whole.revision, "the same view of the plan, in part");
    assert!(!whole.layout.groups.is_empty(), "120 sites open folded by wave");

    // what the folded map draws is as in the whole view, whole
    assert_eq!(first.layout, whole.layout);
    assert_eq!(
        (&first.groups, &first.group_links, &first.lanes, &first.heat),
        (&whole.groups, &whole.group_links, &whole.lanes, &whole.heat)
    );
    assert_eq!(
        (&first.critical_handoffs, &first.undo, &first.redo, &first.title),
        (&whole.critical_handoffs, &whole.undo, &whole.redo, &whole.title)
    );
    assert_eq!(
        (&first.plan.sites, &first.plan.waves, &first.plan.teams, &first.plan.templates),
        (&whole.plan.sites, &whole.plan.waves, &whole.plan.teams, &whole.plan.templates)
    );
    assert_eq!((&first.plan.name, first.plan.start, &first.plan.calendar), (&whole.plan.name, whole.plan.start, &whole.plan.calendar));

    // the handoffs into and out of the initiatives drawn as their own cards (their inspector
    // lists them), none else
    let drawn = drawn(&whole);
    let expected: Vec<_> = whole.plan.handoffs.iter().filter(|h| drawn.contains(&h.from) || drawn.contains(&h.to)).cloned().collect();
    assert!(expected.iter().any(|h| !drawn.contains(&h.from) || !drawn.contains(&h.to)), "some reach into a collapsed wave");
    assert_eq!(first.plan.handoffs, expected);
    // the initiatives drawn, every one of them, and the other ends of those handoffs (named
    // there), as in the whole view
    let shown: HashSet<String> = drawn.iter().cloned().chain(expected.iter().flat_map(|h| [h.from.clone(), h.to.clone()])).collect();
    let expected: Vec<_> = whole.plan.initiatives.iter().filter(|i| shown.contains(&i.id)).cloned().collect();
    assert_eq!(first.plan.initiatives, expected);
    assert!(drawn.iter().all(|id| first.plan.initiative(id).is_some()), "every card's initiative is there");
    assert!(
        first.plan.initiatives.len() * 5 < whole.plan.initiatives.len(),
        "{} of {}",
        first.plan.initiatives.len(),
        whole.plan.initiatives.len()
    );
    // their schedule rows, as in the whole schedule
    let (fs, ws) = (first.schedule.as_ref().expect("a schedule"), whole.schedule.as_ref().expect("a schedule"));
    let rows: Vec<_> = ws.initiatives.iter().filter(|r| shown.contains(&r.id)).cloned().collect();
    assert_eq!(fs.initiatives, rows);
    let kept: HashSet<&str> = first.plan.handoffs.iter().map(|h| h.id.as_str()).collect();
    let links: Vec<_> = ws.handoffs.iter().filter(|r| kept.contains(r.id.as_str())).cloned().collect();
    assert_eq!(fs.handoffs, links);
    assert_eq!((fs.start_date, fs.finish_date, &fs.critical_path), (ws.start_date, ws.finish_date, &ws.critical_path));
    // the findings about what it shows (and about the plan, its risks, sites and waves)
    let hidden: HashSet<&str> = whole
        .plan
        .initiatives
        .iter()
        .map(|i| i.id.as_str())
        .filter(|id| !shown.contains(*id))
        .chain(whole.plan.handoffs.iter().map(|h| h.id.as_str()).filter(|id| !kept.contains(id)))
        .chain(whole.plan.risks.iter().filter(|r| !first.plan.risks.contains(r)).map(|r| r.id.as_str()))
        .collect();
    let findings: Vec<_> = whole.report.findings.iter().filter(|f| !hidden.contains(f.subject.as_str())).cloned().collect();
    assert!(findings.len() < whole.report.findings.len(), "the findings of hidden work wait for the whole view");
    assert_eq!(first.report.findings, findings);
    // the risks that touch it, with their scores
    assert!(first.plan.risks.iter().all(|r| whole.plan.risks.contains(r)));
    let scored: HashSet<&str> = first.risk_scores.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(scored, first.plan.risks.iter().map(|r| r.id.as_str()).collect::<HashSet<_>>());

    // the whole plan's counts, for the status bar
    let p = first.partial.as_ref().expect("a first view says it is part of the whole");
    let count = |sev: bridger::api::Severity| whole.report.findings.iter().filter(|f| f.severity == sev).count() as u32;
    assert_eq!(
        (p.initiatives as usize, p.handoffs as usize, p.risks as usize),
        (whole.plan.initiatives.len(), whole.plan.handoffs.len(), whole.plan.risks.len())
    );
    assert_eq!(
        (p.errors, p.critical, p.warnings, p.infos),
        (0, count(bridger::api::Severity::Blocker), count(bridger::api::Severity::Warning), count(bridger::api::Severity::Note))
    );

    // and it is much smaller on the wire
    let size = |v: &PlanView| serde_json::to_string(v).expect("JSON").len();
    assert!(size(&first) * 4 < size(&whole), "first {} bytes, whole {}", size(&first), size(&whole));
}

fn longer(id: &str, likely: i32) -> Edit {
    let fields = serde_json::json!({ "duration": { "optimistic": likely, "likely": likely, "pessimistic": likely + 2 } });
    Edit::Patch(Patch { kind: EntityKind::Initiative, id: id.to_string(), fields: fields.as_object().cloned().unwrap_or_default() })
}

/// The update merged into the view the window holds.
fn merged(held: &PlanView, update: Update) -> PlanView {
    match update {
        Update::Delta { delta } => {
            assert_eq!(delta.base, held.revision, "the delta applies to the view the window holds");
            delta.apply_to(held)
        }
        Update::Full { view } => *view,
    }
}

#[test]
fn while_the_window_holds_the_folded_maps_part_an_edit_answers_the_new_part() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (mut e, first, whole) = opened(dir.path());
    let whole_size = serde_json::to_string(&whole).expect("JSON").len();
    // critical work the map draws: a longer estimate moves dates downstream, in many sites
    let drawn = drawn(&first);
    let critical = &whole.schedule.as_ref().expect("a schedule").critical_path;
    let id = critical.iter().find(|id| drawn.contains(*id)).expect("critical work drawn as its own card").clone();
    let held = e.first_view(Arrangement::Flow).expect("the first view");
    let before = held.schedule.as_ref().map(|s| s.finish_date);
    let update = e.apply(vec![longer(&id, 40)], Arrangement::Flow).expect("the edit");
    let Update::Delta { .. } = &update else { panic!("a delta of the part the window holds") };
    let size = serde_json::to_string(&update).expect("JSON").len();
    assert!(size * 20 < whole_size, "the answer is {size} bytes, the whole view {whole_size}");
    let got = merged(&held, update);
    assert!(got.partial.is_some(), "still only the folded map's part");
    assert_ne!(got.schedule.as_ref().map(|s| s.finish_date), before, "the plan finishes later");
    // what the window shows == the folded map's part of the plan as a fresh load gives it
    let fresh = e.first_view(Arrangement::Flow).expect("the first view");
    assert_eq!(PlanView { revision: got.revision, ..fresh.clone() }, got, "merged == a fresh first view");

    // expanding a wave: the part of the new drawing
    let wave = fresh.plan.waves[0].id.clone();
    let got = merged(&fresh, e.fold(&bridger::layout::FoldChange::ExpandWave(wave), Arrangement::Flow).expect("the fold"));
    let fresh = e.first_view(Arrangement::Flow).expect("the first view");
    assert_eq!(PlanView { revision: got.revision, ..fresh.clone() }, got);
    assert!(got.plan.initiatives.len() > first.plan.initiatives.len(), "the wave's own work is drawn, so it is there");

    // the whole view on demand; from then on deltas of the whole
    let whole = e.view(Arrangement::Flow).expect("a view");
    assert!(whole.partial.is_none());
    let got = merged(&whole, e.apply(vec![longer(&id, 41)], Arrangement::Flow).expect("the edit"));
    assert!(got.partial.is_none());
    let fresh = e.view(Arrangement::Flow).expect("a view");
    assert_eq!(PlanView { revision: got.revision, ..fresh }, got, "merged == the whole view afresh");
}

#[test]
fn a_plan_drawn_unfolded_opens_with_its_whole_view() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = PlanFile::create(&dir.path().join("demo.bridger"), &bridger::demo::plan()).expect("a plan file");
    let mut e = Editing::new(file, "test");
    let first = e.first_view(Arrangement::Flow).expect("the first view");
    assert!(first.partial.is_none(), "the demo's 40 stores draw every initiative: nothing held back");
    let again = e.view(Arrangement::Flow).expect("a view");
    assert_eq!(PlanView { revision: first.revision, ..again }, first);
}
