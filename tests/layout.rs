//! The map's promises, checked on generated plans and on the demo: cards never overlap, in
//! Seams every card sits in its team's lane and every handoff between two teams is marked
//! as a seam, routes run from the giver's right side to the receiver's left side without
//! passing through another card, the same plan gives the same bytes, one edit moves few
//! cards, hand-placed cards stay where the user put them, and a card is as tall as its name
//! needs.

use bridger::gen::{self, Shape};
use bridger::layout::{layout, Arrange, Arrangement, Config, Layout, Size};
use bridger::model::{Handoff, Initiative, Plan, Position};
use proptest::prelude::*;

fn config(arrangement: Arrangement) -> Config {
    Config { arrangement, ..Config::default() }
}

/// A generated plan; some initiatives lose their team (they get a lane of their own).
fn generated(n: usize, teams: usize, seam_share: f64, seed: u64, teamless: u64) -> Plan {
    let shape = Shape { handoffs_per_initiative: 2.5, seam_share, teams, window: 20, kinds: false };
    let mut plan = gen::shaped(n, &shape, seed);
    for (k, i) in plan.initiatives.iter_mut().enumerate() {
        if teamless > 0 && (k as u64 * 7 + seed) % teamless == 0 {
            i.team = None;
        }
        // Some names longer than a card's two lines: their cards are taller (issue 26).
        if (k as u64 + seed) % 5 == 0 {
            i.name = format!("{} {}", i.name, LONG.repeat(k % 3 + 1));
        }
    }
    plan
}

/// A name of several lines on a card.
const LONG: &str = "with the payment terminals of every store in the region moved to the new acquirer ";

fn overlap(a: &bridger::layout::Card, b: &bridger::layout::Card) -> bool {
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/// Does the segment p-q pass through the inside of the card (shrunk by a hair)?
fn through(p: [f64; 2], q: [f64; 2], c: &bridger::layout::Card) -> bool {
    let e = 0.5;
    let (x0, x1, y0, y1) = (c.x + e, c.x + c.width - e, c.y + e, c.y + c.height - e);
    // Liang-Barsky clipping of the segment against the rectangle.
    let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (pk, qk) in [(-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])] {
        if pk == 0.0 {
            if qk < 0.0 {
                return false;
            }
        } else {
            let r = qk / pk;
            if pk < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    t0 < t1
}

/// Every promise of a layout of `plan`, as a list of broken ones.
fn broken(plan: &Plan, l: &Layout) -> Vec<String> {
    let mut out = Vec::new();
    let card = |id: &str| l.cards.iter().find(|c| c.id == id);
    if l.cards.len() != plan.initiatives.len() {
        out.push(format!("{} cards for {} initiatives", l.cards.len(), plan.initiatives.len()));
    }
    for (i, a) in l.cards.iter().enumerate() {
        for b in &l.cards[i + 1..] {
            if overlap(a, b) {
                out.push(format!("{} overlaps {}", a.id, b.id));
            }
        }
    }
    if l.arrangement == Arrangement::Seams {
        let lanes = l.lanes();
        for (c, i) in l.cards.iter().zip(&plan.initiatives) {
            if c.lane != Some(i.team.clone()) {
                out.push(format!("{} is in lane {:?}, its team is {:?}", c.id, c.lane, i.team));
            }
            match lanes.iter().find(|lane| Some(&lane.team) == c.lane.as_ref()) {
                Some(lane) if c.y >= lane.top && c.y + c.height <= lane.bottom => {}
                _ => out.push(format!("{} is outside its lane", c.id)),
            }
        }
        for (k, a) in lanes.iter().enumerate() {
            if lanes[k + 1..].iter().any(|b| a.top < b.bottom && b.top < a.bottom) {
                out.push(format!("lane {:?} overlaps another", a.team));
            }
        }
    } else if l.cards.iter().any(|c| c.lane.is_some()) {
        out.push("a Flow card has a lane".into());
    }
    for r in &l.handoffs {
        let Some(h) = plan.handoffs.iter().find(|h| h.id == r.id) else {
            out.push(format!("route {} of no handoff", r.id));
            continue;
        };
        let (Some(from), Some(to)) = (card(&h.from), card(&h.to)) else { continue };
        let teams = |id: &str| plan.initiative(id).and_then(|i| i.team.clone());
        if r.seam != (teams(&h.from) != teams(&h.to)) {
            out.push(format!("{} seam = {}", r.id, r.seam));
        }
        let (first, last) = (r.points[0], r.points[r.points.len() - 1]);
        if first[0] != from.x + from.width || first[1] < from.y || first[1] > from.y + from.height {
            out.push(format!("{} does not leave {} from its right side: {first:?}", r.id, from.id));
        }
        if last[0] != to.x || last[1] < to.y || last[1] > to.y + to.height {
            out.push(format!("{} does not enter {} on its left side: {last:?}", r.id, to.id));
        }
        for w in r.points.windows(2) {
            for c in l.cards.iter().filter(|c| c.id != from.id && c.id != to.id) {
                if through(w[0], w[1], c) {
                    out.push(format!("{} passes through {}", r.id, c.id));
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_plans_keep_every_promise(n in 1usize..90, teams in 1usize..7, seams in 0.0f64..0.6, seed in any::<u64>(), teamless in 0u64..9) {
        let plan = generated(n, teams, seams, seed, teamless);
        for arrangement in [Arrangement::Flow, Arrangement::Seams] {
            let l = layout(&plan, &config(arrangement), None);
            let bad = broken(&plan, &l);
            prop_assert!(bad.is_empty(), "{arrangement:?}: {bad:?}");
            // Same plan, same bytes.
            let again = layout(&plan, &config(arrangement), None);
            prop_assert_eq!(serde_json::to_string(&l).unwrap(), serde_json::to_string(&again).unwrap());
        }
    }
}

#[test]
fn the_demo_keeps_every_promise_in_both_arrangements_and_groupings() {
    let plan = bridger::demo::plan();
    for arrangement in [Arrangement::Flow, Arrangement::Seams] {
        for group in [None, Some(bridger::layout::Group::Wave), Some(bridger::layout::Group::Site)] {
            let l = layout(&plan, &Config { arrangement, group, ..Config::default() }, None);
            let bad = broken(&plan, &l);
            assert!(bad.is_empty(), "{arrangement:?} {group:?}: {bad:?}");
        }
    }
}

#[test]
fn the_json_has_the_documented_shape() {
    let plan = bridger::demo::plan();
    let flow: serde_json::Value = serde_json::to_value(layout(&plan, &config(Arrangement::Flow), None)).unwrap();
    assert_eq!(flow["arrangement"], "flow");
    assert!(flow["cards"][0].get("lane").is_none(), "no lane in Flow");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&flow), ["arrangement", "cards", "crossings", "handoffs"]);
    assert_eq!(keys(&flow["cards"][0]), ["height", "id", "width", "x", "y"]);
    assert_eq!(keys(&flow["handoffs"][0]), ["id", "points", "seam"]);
    assert_eq!(flow["handoffs"][0]["points"][0].as_array().map(Vec::len), Some(2));
    assert!(flow["crossings"].is_u64());
    let mut plan = plan;
    plan.initiatives[0].team = None;
    let seams: serde_json::Value = serde_json::to_value(layout(&plan, &config(Arrangement::Seams), None)).unwrap();
    assert_eq!(seams["arrangement"], "seams");
    assert!(seams["cards"][0]["lane"].is_null(), "null lane for an initiative without a team");
    assert!(seams["cards"][1]["lane"].is_string());
}

/// The cards whose position changed.
fn moved(a: &Layout, b: &Layout) -> usize {
    a.cards.iter().filter(|c| b.cards.iter().find(|d| d.id == c.id).is_some_and(|d| (d.x, d.y) != (c.x, c.y))).count()
}

/// Is `to` reachable from `from` along the plan's handoffs?
fn reaches(plan: &Plan, from: &str, to: &str) -> bool {
    let mut stack = vec![from.to_string()];
    let mut seen = std::collections::HashSet::new();
    while let Some(v) = stack.pop() {
        if v == to {
            return true;
        }
        if seen.insert(v.clone()) {
            stack.extend(plan.handoffs.iter().filter(|h| h.from == v).map(|h| h.to.clone()));
        }
    }
    false
}

#[test]
fn one_added_handoff_or_initiative_moves_at_most_a_tenth_of_the_demo() {
    let base = bridger::demo::plan();
    let n = base.initiatives.len();
    for arrangement in [Arrangement::Flow, Arrangement::Seams] {
        let before = layout(&base, &config(arrangement), None);
        let mut worst = 0;
        // Handoffs between initiatives spread over the plan, each kept only if it makes no cycle.
        let mut tried = 0;
        for k in 0..40 {
            let (a, b) = (&base.initiatives[(k * 37 + 5) % n].id, &base.initiatives[(k * 53 + 11) % n].id);
            if a == b || reaches(&base, b, a) || base.handoffs.iter().any(|h| &h.from == a && &h.to == b) {
                continue;
            }
            tried += 1;
            let mut plan = base.clone();
            plan.handoffs.push(Handoff::fs("added", a, b));
            let after = layout(&plan, &config(arrangement), Some(&before));
            assert!(broken(&plan, &after).is_empty(), "{arrangement:?} +{a}->{b}: {:?}", broken(&plan, &after));
            worst = worst.max(moved(&before, &after));
        }
        assert!(tried >= 20, "only {tried} handoffs tried");
        // New initiatives handed work by one card and handing to another.
        for k in 0..20 {
            let mut plan = base.clone();
            let (a, b) = (base.initiatives[(k * 29 + 3) % n].id.clone(), base.initiatives[(k * 41 + 17) % n].id.clone());
            let mut i = Initiative::new("new-work", "New work", "someone", 3);
            i.team = base.initiatives[(k * 13) % n].team.clone();
            plan.initiatives.push(i);
            plan.handoffs.push(Handoff::fs("into-new", &a, "new-work"));
            if !reaches(&base, &b, &a) && a != b {
                plan.handoffs.push(Handoff::fs("out-of-new", "new-work", &b));
            }
            let after = layout(&plan, &config(arrangement), Some(&before));
            assert!(broken(&plan, &after).is_empty(), "{arrangement:?}: {:?}", broken(&plan, &after));
            worst = worst.max(moved(&before, &after));
        }
        assert!(worst * 10 <= n, "{arrangement:?}: {worst} of {n} cards moved after one edit");
    }
}

#[test]
fn hand_placed_cards_stay_and_the_rest_make_room() {
    let mut plan = bridger::demo::plan();
    let spots = [(0.0, 0.0), (261.0, 40.0), (900.0, 130.0), (1500.0, -200.0), (3000.0, 75.0)];
    for (k, &(x, y)) in spots.iter().enumerate() {
        plan.initiatives[k * 20].position = Some(Position { x, y });
    }
    let flow = layout(&plan, &config(Arrangement::Flow), None);
    for (k, &(x, y)) in spots.iter().enumerate() {
        let c = &flow.cards[k * 20];
        assert_eq!((c.x, c.y), (x, y), "{} moved in Flow", c.id);
    }
    let bad: Vec<String> = broken(&plan, &flow).into_iter().filter(|b| b.contains("overlaps") || b.contains("side")).collect();
    assert!(bad.is_empty(), "{bad:?}");
    let seams = layout(&plan, &config(Arrangement::Seams), None);
    for (k, &(x, _)) in spots.iter().enumerate() {
        assert_eq!(seams.cards[k * 20].x, x, "{} lost its x in Seams", seams.cards[k * 20].id);
    }
    assert!(broken(&plan, &seams).iter().all(|b| !b.contains("overlaps") && !b.contains("lane")), "{:?}", broken(&plan, &seams));
    // Arrange again, all: the hand-placed positions are dropped.
    let fresh = layout(&plan, &Config { arrange: Arrange::All, ..config(Arrangement::Flow) }, None);
    let unpinned = layout(
        &{
            let mut p = plan.clone();
            p.initiatives.iter_mut().for_each(|i| i.position = None);
            p
        },
        &config(Arrangement::Flow),
        None,
    );
    assert_eq!(fresh, unpinned);
}

#[test]
fn arranging_a_selection_again_moves_nothing_else() {
    let plan = bridger::demo::plan();
    let before = layout(&plan, &config(Arrangement::Flow), None);
    let pick: Vec<String> = plan.initiatives.iter().step_by(15).map(|i| i.id.clone()).collect();
    let after = layout(&plan, &Config { arrange: Arrange::Selection(pick.clone()), ..config(Arrangement::Flow) }, Some(&before));
    for (a, b) in before.cards.iter().zip(&after.cards) {
        if !pick.contains(&a.id) {
            assert_eq!((a.x, a.y), (b.x, b.y), "{} moved but was not selected", a.id);
        }
    }
    assert!(broken(&plan, &after).is_empty(), "{:?}", broken(&plan, &after));
}

#[test]
fn a_cycle_or_a_dangling_handoff_is_drawn_not_refused() {
    let mut plan = Plan::new("cycle", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    for id in ["a", "b", "c"] {
        plan.initiatives.push(Initiative::new(id, id, "o", 1));
    }
    plan.handoffs.push(Handoff::fs("ab", "a", "b"));
    plan.handoffs.push(Handoff::fs("bc", "b", "c"));
    plan.handoffs.push(Handoff::fs("ca", "c", "a"));
    plan.handoffs.push(Handoff::fs("ax", "a", "missing"));
    for arrangement in [Arrangement::Flow, Arrangement::Seams] {
        let l = layout(&plan, &config(arrangement), None);
        let ids: Vec<&str> = l.handoffs.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["ab", "bc", "ca"]);
        assert!(l.handoffs.iter().all(|h| h.points.len() >= 2 && h.points.iter().all(|p| p[0].is_finite() && p[1].is_finite())));
    }
}

#[test]
fn the_card_size_is_the_callers() {
    let plan = bridger::demo::plan();
    let small = Config { card: Size { width: 120.0, height: 36.0 }, ..config(Arrangement::Seams) };
    let l = layout(&plan, &small, None);
    // a name longer than the card's lines makes it taller, a line at a time
    assert!(l.cards.iter().all(|c| c.width == 120.0 && c.height >= 36.0 && (c.height - 36.0) % 13.0 == 0.0));
    assert!(broken(&plan, &l).is_empty(), "{:?}", broken(&plan, &l));
    let exact = layout(&plan, &Config { name: None, ..small }, None);
    assert!(exact.cards.iter().all(|c| c.width == 120.0 && c.height == 36.0));
    assert!(broken(&plan, &exact).is_empty(), "{:?}", broken(&plan, &exact));
}

#[test]
fn the_generator_gives_rollouts_a_quarter_of_seams() {
    for n in [500, 2000] {
        let plan = gen::rollout(n, 1);
        let team = |id: &str| plan.initiative(id).and_then(|i| i.team.clone());
        let seams = plan.handoffs.iter().filter(|h| team(&h.from) != team(&h.to)).count();
        let share = seams as f64 / plan.handoffs.len() as f64;
        assert!((0.2..=0.3).contains(&share), "{n}: {share:.2} of handoffs are seams");
    }
}

/// Issue 26: a name longer than a card's two lines makes its card taller, a line at a time,
/// so the window shows it whole; the map keeps every promise, from scratch and after an
/// edit; the brief's cards (no `name` fit) stay one size.
#[test]
fn a_long_name_makes_its_card_taller_and_the_map_keeps_every_promise() {
    let mut plan = bridger::demo::plan();
    let long = [3usize, 8, 9, 40, 41, 90];
    for &k in &long {
        plan.initiatives[k].name = format!("{} {}", plan.initiatives[k].name, LONG.repeat(k % 2 + 1));
    }
    for arrangement in [Arrangement::Flow, Arrangement::Seams] {
        let l = layout(&plan, &config(arrangement), None);
        let demo = layout(&bridger::demo::plan(), &config(arrangement), None);
        assert!(broken(&plan, &l).is_empty(), "{arrangement:?}: {:?}", broken(&plan, &l));
        for (k, c) in l.cards.iter().enumerate() {
            assert!(c.height >= 60.0 && (c.height - 60.0) % 13.0 == 0.0, "{arrangement:?}: {} is {} tall", c.id, c.height);
            if long.contains(&k) {
                assert!(c.height >= 60.0 + 3.0 * 13.0, "{arrangement:?}: {} is {} tall", c.id, c.height);
            } else {
                assert_eq!(c.height, demo.cards[k].height, "{arrangement:?}: {} kept its name and its height", c.id);
            }
        }
        let again = layout(&plan, &config(arrangement), None);
        assert_eq!(serde_json::to_string(&l).unwrap(), serde_json::to_string(&again).unwrap(), "same bytes");
        // Renaming one more card to a long name, with the layout before it: it grows in place.
        let mut renamed = plan.clone();
        renamed.initiatives[20].name = LONG.repeat(2);
        let after = layout(&renamed, &config(arrangement), Some(&l));
        assert!(broken(&renamed, &after).is_empty(), "{arrangement:?} renamed: {:?}", broken(&renamed, &after));
        assert!(after.cards[20].height > 60.0);
        assert!(moved(&l, &after) * 10 <= plan.initiatives.len(), "{arrangement:?}: {} cards moved for a rename", moved(&l, &after));
        // The brief measures its own names: every card one size.
        let brief = layout(&plan, &Config { name: None, ..config(arrangement) }, None);
        assert!(brief.cards.iter().all(|c| c.height == 60.0));
    }
}
