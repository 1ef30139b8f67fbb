//! The map with waves and sites collapsed (issue 28, item 5): a collapsed wave or site is one
//! card standing for all its work, the handoffs in and out of it one route per pair of cards
//! with the handoffs it stands for, every initiative drawn once (as a card or inside one);
//! expanding a wave shows its own work and its sites collapsed, expanding a site its work;
//! the window's view sums each group card up against the schedule (counts, finish, critical,
//! the sites unlike their wave) and each route of several handoffs (count, critical, open);
//! a plan of many sites opens by wave, the demo as it always did.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use bridger::api::{Editing, Update};
use bridger::edit::Application;
use bridger::layout::{fold::FOLD_FROM_SITES, layout, Arrangement, Config, Fold, FoldChange, GroupKind, Layout};
use bridger::model::{Handoff, Initiative, Plan, Site, Status};
use bridger::store::{Edit, PlanFile};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rollout").join(name)
}

/// The rollout fixture (waves w1 and w2, each with a gate and a network upgrade), program work
/// before both gates, the store template applied to four stores of w1 and one of w2, Store 2's
/// install overridden to take 10 working days more (so it is unlike its wave), and one install
/// blocked.
fn rollout_file(dir: &tempfile::TempDir) -> PlanFile {
    let plan: Plan = bridger::io::json::from_str(&std::fs::read_to_string(fixture("plan.json")).unwrap(), "plan.json").unwrap();
    let mut f = PlanFile::create(&dir.path().join("fold.bridger"), &plan).unwrap();
    let lead = |who: &str| std::iter::once(("site lead".to_string(), who.to_string())).collect();
    let mut prep = Initiative::new("prep", "Program preparation", "Ann", 5);
    prep.team = Some("ops".into());
    f.apply_batch(vec![
        Edit::AddSite(Site { roles: lead("Cy Dow"), ..Site::new("s4", "Store 4", Some("East".into()), Some("w1".into())) }),
        Edit::AddSite(Site { roles: lead("Di Eve"), ..Site::new("s5", "Store 5", Some("East".into()), Some("w1".into())) }),
        Edit::ApplyTemplate(Application {
            template: "store".into(),
            sites: ["s1", "s2", "s3", "s4", "s5"].iter().map(|s| s.to_string()).collect(),
        }),
        Edit::AddInitiative(prep),
        Edit::AddHandoff(Handoff::fs("prep>w1", "prep", "w1-go")),
        Edit::AddHandoff(Handoff::fs("prep>w2", "prep", "w2-go")),
    ])
    .unwrap();
    let mut i = f.plan().initiative("s2-install").unwrap().clone();
    i.duration.likely += 10;
    i.duration.pessimistic += 10;
    f.apply(Edit::UpdateInitiative(i)).unwrap();
    let mut i = f.plan().initiative("s4-install").unwrap().clone();
    i.status = Status::Blocked;
    f.apply(Edit::UpdateInitiative(i)).unwrap();
    f
}

fn config(arrangement: Arrangement, fold: Fold) -> Config {
    Config { arrangement, fold, ..Config::default() }
}

/// The wave an initiative's work belongs to: its own, else its site's.
fn wave_of<'a>(plan: &'a Plan, i: &'a Initiative) -> Option<&'a str> {
    i.wave.as_deref().or_else(|| i.site.as_deref().and_then(|s| plan.sites.iter().find(|x| x.id == s)).and_then(|s| s.wave.as_deref()))
}

/// The card that shows each initiative: its own, or the group card holding it.
fn card_of(plan: &Plan, l: &Layout) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for g in &l.groups {
        for m in &g.members {
            assert!(out.insert(m.clone(), g.id.clone()).is_none(), "{m} is in two groups");
        }
    }
    let cards: BTreeSet<&str> = l.cards.iter().map(|c| c.id.as_str()).collect();
    for i in &plan.initiatives {
        if cards.contains(i.id.as_str()) {
            assert!(out.insert(i.id.clone(), i.id.clone()).is_none(), "{} is drawn and held by a group", i.id);
        }
    }
    assert_eq!(out.len(), plan.initiatives.len(), "every initiative is drawn once, as a card or inside one");
    out
}

/// Every handoff is in one route (its own, or one of several), or inside one group card;
/// each route of several joins the cards of its handoffs' ends.
fn check_routes(plan: &Plan, l: &Layout) -> BTreeMap<(String, String), usize> {
    let card = card_of(plan, l);
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for h in &plan.handoffs {
        let (a, b) = (&card[&h.from], &card[&h.to]);
        if a != b || (a == &h.from && b == &h.to) {
            *pairs.entry((a.clone(), b.clone())).or_default() += 1;
        }
    }
    let by_id: HashMap<&str, &Handoff> = plan.handoffs.iter().map(|h| (h.id.as_str(), h)).collect();
    let mut drawn: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in &l.handoffs {
        if r.handoffs.is_empty() {
            let h = by_id[r.id.as_str()];
            assert_eq!((&card[&h.from], &card[&h.to]), (&h.from, &h.to), "a route of one handoff joins its own cards");
            *drawn.entry((h.from.clone(), h.to.clone())).or_default() += 1;
        } else {
            let ends: BTreeSet<(&String, &String)> =
                r.handoffs.iter().map(|h| (&card[&by_id[h.as_str()].from], &card[&by_id[h.as_str()].to])).collect();
            assert_eq!(ends.len(), 1, "route {} joins one pair of cards", r.id);
            let (a, b) = ends.into_iter().next().unwrap();
            assert!(drawn.insert((a.clone(), b.clone()), r.handoffs.len()).is_none(), "one route per pair of cards");
            assert!(r.points.len() >= 2);
            let seam = r.handoffs.iter().any(|h| {
                let x = by_id[h.as_str()];
                plan.initiative(&x.from).unwrap().team != plan.initiative(&x.to).unwrap().team
            });
            assert_eq!(r.seam, seam, "a route is a seam when one of its handoffs is");
        }
    }
    assert_eq!(drawn, pairs, "every handoff between two cards is drawn, with its count");
    pairs
}

#[test]
fn a_collapsed_wave_is_one_card_holding_all_its_work_and_its_handoffs_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let f = rollout_file(&dir);
    let plan = f.plan();
    let l = layout(plan, &config(Arrangement::Flow, Fold::all(plan)), None);
    assert_eq!(l.fold, Fold::all(plan));
    // Two wave cards and the program work.
    let ids: Vec<&str> = l.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(ids.contains(&"prep"));
    assert_eq!(l.groups.len(), 2);
    for g in &l.groups {
        assert_eq!(g.kind, GroupKind::Wave);
        assert_eq!(g.id, format!("wave:{}", g.of));
        let want: Vec<&str> = plan.initiatives.iter().filter(|i| wave_of(plan, i) == Some(g.of.as_str())).map(|i| i.id.as_str()).collect();
        assert_eq!(g.members, want, "wave {} holds its own work and its sites'", g.of);
        let c = l.cards.iter().find(|c| c.id == g.id).unwrap();
        assert!(c.height > 60.0, "a group card has room for its counts");
    }
    let pairs = check_routes(plan, &l);
    assert_eq!(pairs[&("prep".to_string(), "wave:w1".to_string())], 1);
    // The program work before each gate, and the pilot's gate before the next wave's.
    let several: BTreeMap<String, Vec<String>> =
        l.handoffs.iter().filter(|r| !r.handoffs.is_empty()).map(|r| (r.id.clone(), r.handoffs.clone())).collect();
    let want: BTreeMap<String, Vec<String>> =
        [("prep>wave:w1", "prep>w1"), ("prep>wave:w2", "prep>w2"), ("wave:w1>wave:w2", "h-w1-go>w2-go")]
            .into_iter()
            .map(|(r, h)| (r.to_string(), vec![h.to_string()]))
            .collect();
    assert_eq!(several, want);
    // The same input, the same bytes.
    let again = layout(plan, &config(Arrangement::Flow, Fold::all(plan)), None);
    assert_eq!(serde_json::to_string(&l).unwrap(), serde_json::to_string(&again).unwrap());
}

#[test]
fn expanding_a_wave_shows_its_sites_collapsed_and_a_site_its_work() {
    let dir = tempfile::tempdir().unwrap();
    let f = rollout_file(&dir);
    let plan = f.plan();
    let fold = Fold::all(plan).changed(plan, &FoldChange::ExpandWave("w1".into()));
    assert_eq!(fold.waves, ["w2"]);
    let l = layout(plan, &config(Arrangement::Flow, fold.clone()), None);
    let groups: Vec<(GroupKind, &str)> = l.groups.iter().map(|g| (g.kind, g.of.as_str())).collect();
    let kinds: BTreeSet<(GroupKind, &str)> = groups.iter().copied().collect();
    let want: BTreeSet<(GroupKind, &str)> =
        [(GroupKind::Wave, "w2"), (GroupKind::Site, "s1"), (GroupKind::Site, "s2"), (GroupKind::Site, "s4"), (GroupKind::Site, "s5")]
            .into_iter()
            .collect();
    assert_eq!(kinds, want, "w1 open: its sites are cards, w2 still one");
    for id in ["w1-go", "w1-network", "prep"] {
        assert!(l.cards.iter().any(|c| c.id == id), "w1's own work is drawn card by card: {id}");
    }
    let s2 = l.groups.iter().find(|g| g.of == "s2").unwrap();
    assert_eq!(s2.members, ["s2-survey", "s2-install", "s2-golive"]);
    check_routes(plan, &l);
    // Crew chains and the gate: the site cards wait for the gate (w1-go -> site card).
    assert!(l.handoffs.iter().any(|r| r.id == "w1-go>site:s2" && !r.handoffs.is_empty()));

    // Expanding a site shows its work; the others stay collapsed.
    let open = fold.changed(plan, &FoldChange::ExpandSite("s2".into()));
    let l = layout(plan, &config(Arrangement::Flow, open.clone()), None);
    for id in ["s2-survey", "s2-install", "s2-golive"] {
        assert!(l.cards.iter().any(|c| c.id == id), "{id} is a card");
    }
    assert!(!l.groups.iter().any(|g| g.of == "s2"));
    check_routes(plan, &l);
    // Expanding a site of a collapsed wave opens the wave, its other sites collapsed.
    let from_all = Fold::all(plan).changed(plan, &FoldChange::ExpandSite("s2".into()));
    assert_eq!(from_all, open);
    // Collapsing again, and the whole map.
    assert_eq!(open.changed(plan, &FoldChange::CollapseWave("w1".into())).waves, ["w1", "w2"]);
    assert_eq!(open.changed(plan, &FoldChange::ExpandAll), Fold::default());
    assert_eq!(Fold::default().changed(plan, &FoldChange::CollapseAll), Fold::all(plan));
    let none = layout(plan, &config(Arrangement::Flow, Fold::default()), None);
    assert_eq!(none.cards.len(), plan.initiatives.len(), "nothing collapsed: every initiative");
    assert!(none.groups.is_empty());
    let json = serde_json::to_string(&none).unwrap();
    assert!(!json.contains("\"fold\"") && !json.contains("\"groups\""), "an unfolded layout's JSON is as it was");
}

#[test]
fn in_seams_a_collapsed_wave_is_one_card_per_team_in_its_lane_and_seams_keep_their_counts() {
    let dir = tempfile::tempdir().unwrap();
    let f = rollout_file(&dir);
    let plan = f.plan();
    let l = layout(plan, &config(Arrangement::Seams, Fold::all(plan)), None);
    let card = card_of(plan, &l);
    for g in &l.groups {
        let c = l.cards.iter().find(|c| c.id == g.id).unwrap();
        let teams: BTreeSet<Option<&str>> = g.members.iter().map(|m| plan.initiative(m).unwrap().team.as_deref()).collect();
        assert_eq!(teams.len(), 1, "a Seams group card holds one team's work: {}", g.id);
        let team = teams.into_iter().next().unwrap();
        assert_eq!(c.lane.as_ref().unwrap().as_deref(), team, "in its team's lane");
    }
    // w1 is worked on by ops (the network), field (survey, install) and nobody (gate, go-live).
    let w1: BTreeSet<&str> = l.groups.iter().filter(|g| g.of == "w1").map(|g| g.id.as_str()).collect();
    assert_eq!(w1, ["wave:w1:", "wave:w1:field", "wave:w1:ops"].into_iter().collect());
    assert_eq!(card["s2-install"], "wave:w1:field");
    check_routes(plan, &l);
    assert!(l.handoffs.iter().any(|r| r.seam && r.handoffs.len() > 1), "seams between teams inside a wave, with counts");
    // The lanes hold the group cards as they hold cards.
    let lanes = l.lanes();
    for c in &l.cards {
        let lane = lanes.iter().find(|x| Some(x.team.clone()) == c.lane).unwrap();
        assert!(c.y >= lane.top && c.y + c.height <= lane.bottom, "{} inside its lane", c.id);
    }
}

#[test]
fn a_plan_of_many_sites_opens_by_wave_and_the_demo_as_it_was() {
    let demo = bridger::demo::plan();
    assert!(demo.sites.len() < FOLD_FROM_SITES);
    assert_eq!(Fold::default_for(&demo), Fold::default(), "the demo's 40 stores: every initiative");
    let mut many = Plan::new("many", demo.start);
    many.waves = demo.waves.clone();
    for k in 0..FOLD_FROM_SITES {
        many.sites.push(Site::new(&format!("s{k}"), &format!("Store {k}"), None, Some(demo.waves[k % demo.waves.len()].id.clone())));
    }
    assert_eq!(Fold::default_for(&many), Fold::all(&many));
    many.sites.pop();
    assert_eq!(Fold::default_for(&many), Fold::default());
    // The demo laid out with no fold is the layout it always had.
    let flow = Config { arrangement: Arrangement::Flow, ..Config::default() };
    assert_eq!(layout(&demo, &flow, None), layout(&demo, &config(Arrangement::Flow, Fold::default()), None));
}

#[test]
fn the_window_sums_each_group_card_up_against_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let f = rollout_file(&dir);
    let plan = f.plan().clone();
    let schedule = bridger::schedule::schedule(&plan).unwrap();
    let row: HashMap<&str, &bridger::schedule::ScheduledInitiative> = schedule.initiatives.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut e = Editing::new(f, "test");
    let v = e.view(Arrangement::Flow).unwrap();
    assert!(v.layout.fold.is_empty(), "five sites: nothing collapsed by default");
    assert!(v.groups.is_empty() && v.group_links.is_empty());

    let Update::Delta { delta } = e.fold(&FoldChange::CollapseAll, Arrangement::Flow).unwrap() else { panic!("a delta of the view held") };
    let v = delta.apply_to(&v);
    assert_eq!(v.layout.fold, Fold::all(&plan));
    assert_eq!(v.groups.len(), 2);
    for (g, card) in v.groups.iter().zip(&v.layout.groups) {
        assert_eq!(g.id, card.id);
        assert_eq!(g.initiatives, card.members.len());
        let members: Vec<&Initiative> = card.members.iter().map(|m| plan.initiative(m).unwrap()).collect();
        let finish = card.members.iter().map(|m| row[m.as_str()].finish_date).max();
        let start = card.members.iter().map(|m| row[m.as_str()].start_date).min();
        assert_eq!((g.start, g.finish), (start, finish), "{}: its first start and latest finish", g.id);
        assert_eq!(g.critical, card.members.iter().any(|m| row[m.as_str()].critical));
        let c = &g.status_counts;
        assert_eq!(c.not_started + c.on_track + c.at_risk + c.blocked + c.done, g.initiatives);
        assert_eq!(c.blocked, members.iter().filter(|i| i.status == Status::Blocked).count());
        let sites: BTreeSet<&str> = members.iter().filter_map(|i| i.site.as_deref()).collect();
        assert_eq!(g.sites, sites.len());
    }
    let w1 = v.groups.iter().find(|g| g.of == "w1").unwrap();
    assert_eq!(
        (w1.name.as_str(), w1.sites, w1.initiatives),
        ("Pilot", 4, 2 + 4 * 3 + 1),
        "two of the wave's own, four sites of three steps, the completion"
    );
    assert_eq!(w1.status, Status::Blocked, "a blocked install makes the wave blocked");
    assert_eq!(w1.status_counts.blocked, 1);
    assert_eq!(w1.flagged_sites, 1, "Store 2 is unlike its wave");
    assert!(w1.flags.iter().any(|f| f.code == "site-long-span" && f.reason.starts_with("Store 2")), "{:?}", w1.flags);
    let w2 = v.groups.iter().find(|g| g.of == "w2").unwrap();
    assert_eq!((w2.flagged_sites, w2.status), (0, Status::NotStarted));
    // Each route of several handoffs: its count, its ends, critical when one of them is.
    assert_eq!(v.group_links.len(), 3);
    for l in &v.group_links {
        let route = v.layout.handoffs.iter().find(|r| r.id == l.id).unwrap();
        assert_eq!(l.count, route.handoffs.len());
        assert_eq!(l.critical, route.handoffs.iter().any(|h| v.critical_handoffs.contains(h)));
        assert_eq!(format!("{}>{}", l.from, l.to), l.id, "its ends are the cards it joins");
    }

    // The fold is kept across an edit (view state), and an edit moves no group card.
    let before = v.layout.cards.clone();
    let mut i = plan.initiative("s3-survey").unwrap().clone();
    i.name = "Survey, renamed".into();
    let Update::Delta { delta } = e.apply(vec![Edit::UpdateInitiative(i)], Arrangement::Flow).unwrap() else { panic!("a delta") };
    let v = delta.apply_to(&v);
    assert_eq!(v.layout.fold, Fold::all(&plan), "the fold stays while the plan is open");
    assert_eq!(v.layout.cards, before, "a name inside a collapsed wave moves nothing");
    assert_eq!(e.current_fold(), Fold::all(&plan));

    // Expanding a wave through the window: its sites come as cards.
    let Update::Delta { delta } = e.fold(&FoldChange::ExpandWave("w1".into()), Arrangement::Flow).unwrap() else { panic!("a delta") };
    let v = delta.apply_to(&v);
    let site_cards: Vec<&str> = v.groups.iter().filter(|g| g.kind == GroupKind::Site).map(|g| g.of.as_str()).collect();
    assert_eq!(site_cards.len(), 4);
    let s2 = v.groups.iter().find(|g| g.of == "s2").unwrap();
    assert_eq!((s2.flagged_sites, s2.initiatives, s2.name.as_str()), (1, 3, "Store 2"));
    let fresh = e.view(Arrangement::Flow).unwrap();
    assert_eq!(fresh.groups, v.groups, "the merged view is the view");
    assert_eq!(fresh.layout, v.layout);
}

/// The window draws group cards from the core's view (`ui/src/map/model.ts`);
/// `ui/test/fold.test.mjs` holds it to views from this core, kept in
/// `ui/test/fixtures/fold.json`: the rollout plan by wave, and the delta that expands its
/// pilot with the view after it. Fails when stale; `UPDATE_BINDINGS=1` rewrites it.
#[test]
fn the_window_fold_fixture_is_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let f = rollout_file(&dir);
    let mut e = Editing::new(f, "test");
    let start = e.view(Arrangement::Flow).unwrap();
    let Update::Delta { delta } = e.fold(&FoldChange::CollapseAll, Arrangement::Flow).unwrap() else { panic!("a delta") };
    let by_wave = delta.apply_to(&start);
    let Update::Delta { delta } = e.fold(&FoldChange::ExpandWave("w1".into()), Arrangement::Flow).unwrap() else { panic!("a delta") };
    let expanded = delta.apply_to(&by_wave);
    let mut want = serde_json::json!({"by_wave": by_wave, "expand": delta, "expanded": expanded});
    fn fix(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if k == "at" || k == "updated" && x.is_string() {
                        *x = serde_json::Value::from("2026-01-01 00:00 UTC");
                    } else if k == "path" && x.is_string() {
                        *x = serde_json::Value::from("/plans/fold.bridger");
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
    let want = serde_json::to_string(&want).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/test/fixtures/fold.json");
    if std::fs::read_to_string(&path).ok().as_deref() == Some(want.as_str()) {
        return;
    }
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, want).unwrap();
        return;
    }
    panic!("{} is stale: run `UPDATE_BINDINGS=1 cargo test --test layout_fold` and commit it", path.display());
}
