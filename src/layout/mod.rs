//! The map of a plan: where each initiative's card sits and how each handoff is drawn, as a
//! pure function of the plan and the card size, so that the window and the PDF brief draw
//! the same picture.
//!
//! Two arrangements of one layered (Sugiyama) drawing, left to right along the handoffs:
//! - **Flow**: layers by network-simplex-like balancing of a longest-path layering
//!   ([`rank`]), crossing reduction by barycenter sweeps with transposition and seeded
//!   restarts ([`order`]), vertical coordinates by a quadratic placement solved with
//!   isotonic regression that keeps long handoffs straight ([`place`]), and routes from port
//!   to port through the gaps between cards ([`route`]).
//! - **Seams**: the same pipeline with every team in its own horizontal lane (lanes ordered
//!   so that handoffs cross few of them; an initiative without a team gets a lane of its
//!   own), optionally grouped by wave or site inside a lane. A handoff between two lanes is a
//!   seam, and the layout says so.
//!
//! Hand-placed cards (the model's `position`) are kept in Flow; in Seams they keep their x.
//! A previous layout passed in makes the result stable: cards stay where they were unless an
//! edit forces them to move ([`incremental`]). Same input, same output, to the bit.

mod count;
pub mod fold;
mod incremental;
mod name;
mod order;
mod place;
mod polish;
mod rank;
mod route;
pub mod svg;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Plan;

pub use count::straight_crossings;
pub use fold::{Fold, FoldChange, GroupCard, GroupKind};
pub use name::NameFit;

/// Which of the two drawings of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Arrangement {
    /// Left to right along the handoffs.
    #[default]
    Flow,
    /// The same order, one horizontal lane per team.
    Seams,
}

/// How cards are grouped inside a team's lane in Seams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Wave,
    Site,
}

/// The size of a card, in the units of the drawing (pixels on screen, points in the brief).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "CardSize")]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

impl Default for Size {
    fn default() -> Size {
        Size { width: 180.0, height: 60.0 }
    }
}

/// What "arrange" means for this call.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "ids")]
pub enum Arrange {
    /// Keep hand-placed cards and, when a previous layout is given, every card that the edit
    /// does not force to move.
    #[default]
    Keep,
    /// Arrange again from scratch: no hand-placed position, no previous layout.
    All,
    /// Arrange again only these initiatives (ids); every other card is kept.
    Selection(Vec<String>),
}

/// Everything the layout depends on besides the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "LayoutConfig")]
pub struct Config {
    pub arrangement: Arrangement,
    /// The size of a card whose name fits it (every card, without `name`).
    pub card: Size,
    /// Seams only: group the cards of a lane by wave or site.
    #[serde(default)]
    pub group: Option<Group>,
    #[serde(default)]
    pub arrange: Arrange,
    /// A card as tall as its whole name needs, measured so (the window's cards by default);
    /// `None`: every card `card`'s size (the brief fits its names on cards of its own).
    #[serde(default = "window_names")]
    pub name: Option<NameFit>,
    /// The waves and sites drawn as one card each ([`fold`]); empty: every initiative.
    #[serde(default, skip_serializing_if = "Fold::is_empty")]
    #[ts(optional, as = "Option<Fold>")]
    pub fold: Fold,
}

fn window_names() -> Option<NameFit> {
    Some(NameFit::WINDOW)
}

impl Default for Config {
    fn default() -> Config {
        Config {
            arrangement: Arrangement::default(),
            card: Size::default(),
            group: None,
            arrange: Arrange::default(),
            name: window_names(),
            fold: Fold::default(),
        }
    }
}

/// One initiative's card: top-left corner and size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Card {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Seams only: the team whose lane holds the card, `null` for an initiative without a
    /// team. Absent in Flow.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "lane_serde")]
    #[ts(optional, type = "string | null")]
    pub lane: Option<Option<String>>,
}

/// One handoff's drawing: a polyline from the giver's right side to the receiver's left side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Route {
    pub id: String,
    pub points: Vec<[f64; 2]>,
    /// The handoff goes from one team to another (from one lane to another in Seams); a
    /// route of several handoffs, when any of them does.
    pub seam: bool,
    /// A route to or from a collapsed group: the handoffs it stands for (its id is then no
    /// handoff's). Empty for a route of one handoff, whose id it bears.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub handoffs: Vec<String>,
}

/// A laid-out plan. Handoffs whose ends are not both in the plan have no route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Layout {
    pub arrangement: Arrangement,
    pub cards: Vec<Card>,
    pub handoffs: Vec<Route>,
    /// Proper crossings of the straight segments between the centres of the cards of two
    /// handoffs that share no card (the measure used to compare layouts).
    pub crossings: u64,
    /// The fold it was drawn with (nothing collapsed: absent).
    #[serde(default, skip_serializing_if = "Fold::is_empty")]
    #[ts(optional, as = "Option<Fold>")]
    pub fold: Fold,
    /// The cards that stand for a collapsed wave or site, with what they hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<GroupCard>>")]
    pub groups: Vec<GroupCard>,
}

/// A team's lane in Seams: a horizontal band of the drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Lane {
    /// The team, `None` for the lane of initiatives without a team.
    pub team: Option<String>,
    pub top: f64,
    pub bottom: f64,
}

/// `lane` is absent (Flow), `null` (no team) or a team id: a double option on the wire.
mod lane_serde {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Option<String>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

impl Layout {
    /// The lanes of a Seams layout, top to bottom (empty in Flow). A lane's band starts a
    /// margin above its first card and reaches the next lane; below its last card it keeps
    /// room for one more, so that adding an initiative does not push the lanes below.
    pub fn lanes(&self) -> Vec<Lane> {
        if self.arrangement != Arrangement::Seams {
            return Vec::new();
        }
        let mut spans: Vec<(Option<String>, f64, f64)> = Vec::new();
        let mut at: FxHashMap<Option<&str>, usize> = FxHashMap::default();
        for c in &self.cards {
            let team = c.lane.as_ref().and_then(|l| l.as_deref());
            match at.get(&team) {
                Some(&k) => {
                    spans[k].1 = spans[k].1.min(c.y);
                    spans[k].2 = spans[k].2.max(c.y + c.height);
                }
                None => {
                    at.insert(team, spans.len());
                    spans.push((team.map(str::to_string), c.y, c.y + c.height));
                }
            }
        }
        spans.sort_by(|a, b| a.1.total_cmp(&b.1));
        // The lanes' margins are those of the shortest card (`stack_lanes` the same).
        let base = self.cards.iter().map(|c| c.height).reduce(f64::min);
        let card = self.cards.first().map_or(Size::default(), |c| Size { width: c.width, height: base.unwrap_or(c.height) });
        let pad = lane_pad(card.height);
        let mut out: Vec<Lane> = Vec::with_capacity(spans.len());
        for k in 0..spans.len() {
            let top = spans[k].1 - pad;
            let bottom = match spans.get(k + 1) {
                Some(next) => next.1 - pad,
                None => spans[k].2 + pad + lane_room(card),
            };
            out.push(Lane { team: spans[k].0.clone(), top, bottom });
        }
        out
    }

    /// Handoffs marked as seams.
    pub fn seams(&self) -> usize {
        self.handoffs.iter().filter(|h| h.seam).count()
    }
}

/// Horizontal gap between columns of cards.
fn gap_x(card: Size) -> f64 {
    (card.width * 0.45).max(40.0).round()
}

/// Vertical gap between two cards of a column.
fn gap_y(card: Size) -> f64 {
    (card.height * 0.4).max(12.0).round()
}

/// Space between a lane's border and its cards.
fn lane_pad(height: f64) -> f64 {
    (height * 0.3).max(8.0).round()
}

/// Room kept free at the bottom of every lane: one card and its gap.
fn lane_room(card: Size) -> f64 {
    card.height + gap_y(card)
}

/// The plan reduced to what the layout needs: nodes 0..n are `plan.initiatives`, edges the
/// handoffs whose two ends exist (self-handoffs kept aside), oriented so that the graph has
/// no cycle (`reversed` marks the handoffs drawn against their direction).
pub(crate) struct Graph {
    pub n: usize,
    /// (from, to, handoff index) after cycle breaking: from -> to is acyclic.
    pub edges: Vec<(u32, u32, u32)>,
    pub reversed: Vec<bool>,
    /// Handoffs from an initiative to itself.
    pub loops: Vec<(u32, u32)>,
    /// Lane key per node: index of the node's team in `lane_names`.
    pub lane: Vec<u32>,
    /// Distinct teams in first-seen order (None = no team).
    pub lane_names: Vec<Option<String>>,
}

impl Graph {
    /// What the layout reads of a plan is read here, in `group_keys`, in `finish` and in
    /// `layout` (the names, for the cards' heights): a field
    /// they start reading must go into `model::layout_fingerprint` too, by which the window
    /// finds again a layout it drew (after an edit that changes nothing drawn, an undo, a
    /// reopen).
    fn new(plan: &Plan) -> Graph {
        let n = plan.initiatives.len();
        let mut index: FxHashMap<&str, u32> = FxHashMap::default();
        for (k, i) in plan.initiatives.iter().enumerate() {
            index.entry(i.id.as_str()).or_insert(k as u32);
        }
        let mut raw = Vec::with_capacity(plan.handoffs.len());
        let mut loops = Vec::new();
        for (h, x) in plan.handoffs.iter().enumerate() {
            let (Some(&a), Some(&b)) = (index.get(x.from.as_str()), index.get(x.to.as_str())) else { continue };
            if a == b {
                loops.push((a, h as u32));
            } else {
                raw.push((a, b, h as u32));
            }
        }
        let (edges, reversed) = rank::break_cycles(n, raw);
        let mut lane = Vec::with_capacity(n);
        let mut lane_names: Vec<Option<String>> = Vec::new();
        let mut lane_of: FxHashMap<Option<&str>, u32> = FxHashMap::default();
        // Lanes in the plan's order of teams first, then unknown team ids, then no team.
        for t in &plan.teams {
            lane_of.entry(Some(t.id.as_str())).or_insert_with(|| {
                lane_names.push(Some(t.id.clone()));
                lane_names.len() as u32 - 1
            });
        }
        for i in &plan.initiatives {
            let key = i.team.as_deref();
            let k = *lane_of.entry(key).or_insert_with(|| {
                lane_names.push(key.map(str::to_string));
                lane_names.len() as u32 - 1
            });
            lane.push(k);
        }
        Graph { n, edges, reversed, loops, lane, lane_names }
    }
}

/// Lay out a plan. `previous` (a layout of an earlier version of the plan in the same
/// arrangement and card size) keeps cards where they were; `config.arrange` says what may
/// move. Never fails: a cycle is drawn with some handoffs against the flow, a handoff whose
/// ends are missing has no route.
pub fn layout(plan: &Plan, config: &Config, previous: Option<&Layout>) -> Layout {
    // A layout drawn with another fold has other cards: laid out afresh.
    let previous = previous.filter(|p| p.fold == config.fold);
    if !config.fold.is_empty() {
        return fold::layout(plan, config, previous);
    }
    let heights: Vec<f64> = match config.name {
        Some(fit) => {
            let card = Size { width: config.card.width.max(1.0), height: config.card.height.max(1.0) };
            plan.initiatives.iter().map(|i| fit.height(&i.name, card.width, card.height)).collect()
        }
        None => vec![config.card.height.max(1.0); plan.initiatives.len()],
    };
    laid_out(plan, config, previous, heights)
}

/// [`layout`] with each card's height given (`heights`, one per initiative).
fn laid_out(plan: &Plan, config: &Config, previous: Option<&Layout>, heights: Vec<f64>) -> Layout {
    let graph = Graph::new(plan);
    let card = Size { width: config.card.width.max(1.0), height: config.card.height.max(1.0) };
    let config = &Config { card, ..config.clone() };
    let selected: Vec<bool> = match &config.arrange {
        Arrange::Selection(ids) => {
            let set: rustc_hash::FxHashSet<&str> = ids.iter().map(String::as_str).collect();
            plan.initiatives.iter().map(|i| set.contains(i.id.as_str())).collect()
        }
        _ => vec![false; graph.n],
    };
    // Hand-placed positions: Flow keeps them, Seams keeps their x.
    let pins: Vec<Option<(f64, f64)>> = if config.arrange == Arrange::All {
        vec![None; graph.n]
    } else {
        plan.initiatives.iter().zip(&selected).map(|(i, &s)| if s { None } else { i.position.map(|p| (p.x, p.y)) }).collect()
    };
    let previous = previous.filter(|p| {
        config.arrange != Arrange::All
            && p.arrangement == config.arrangement
            && p.cards.first().is_none_or(|c| c.width == card.width && c.height >= card.height)
    });
    let geometry = match previous {
        Some(prev) => incremental::layout(plan, &graph, config, &pins, &selected, prev, &heights),
        None => full(plan, &graph, config, &pins, &heights),
    };
    finish(plan, &graph, config, geometry, &pins, &heights)
}

/// Where the pipeline leaves every card and the preferred height of each long handoff in
/// the columns it passes.
pub(crate) struct Geometry {
    /// Top-left corner of each initiative's card.
    pub pos: Vec<(f64, f64)>,
    /// Column of each card (its layer); routes pass the columns between two cards.
    pub column: Vec<i64>,
    /// Per acyclic edge: preferred centre y in each column it passes (may be empty).
    pub via: Vec<Vec<f64>>,
}

fn full(plan: &Plan, g: &Graph, config: &Config, pins: &[Option<(f64, f64)>], card_heights: &[f64]) -> Geometry {
    let card = config.card;
    let seams = config.arrangement == Arrangement::Seams;
    let layer = rank::layers(g.n, &g.edges);
    let mut lg = order::Layered::new(g.n, &g.edges, &layer);
    // Ordering key per node: lane (Seams), then group (wave or site) inside the lane.
    let lane_rank = if seams { order::lane_order(g) } else { vec![0; g.lane_names.len()] };
    let group = group_keys(plan, config);
    let key_of_real = |v: usize| -> u64 {
        if seams {
            (u64::from(lane_rank[g.lane[v] as usize]) << 32) | u64::from(group[v])
        } else {
            0
        }
    };
    let mut key: Vec<u64> = (0..g.n).map(key_of_real).collect();
    for d in g.n..lg.len() {
        // A long handoff's bends stay in the lane and group of its giver.
        key.push(key[lg.origin[d] as usize]);
    }
    lg.key = key;
    let seg: Vec<u32> = lg.key.iter().map(|k| (k >> 32) as u32).collect();
    let heights: Vec<f64> = (0..lg.len()).map(|v| if v < g.n { card_heights[v] } else { 0.0 }).collect();
    let nseg = seg.iter().max().map_or(1, |m| *m as usize + 1);
    let pairs: Vec<(u32, u32)> = g.edges.iter().map(|&(a, b, _)| (a, b)).collect();
    // Several starts of the whole pipeline where the plan is small enough, keeping the
    // drawing with the fewest straight-line crossings.
    let work = lg.len() + lg.down.len();
    // Effort by size, never by the clock. Small plans get one start (a few milliseconds
    // whole), plans of hundreds to a few thousand initiatives several starts (the peers take
    // a second or more there), and the largest one pass with bounded polish and sifting.
    let effort = Effort::for_work(work);
    // Best drawing so far: (crossings, heights, each lane's lift).
    let mut best: Option<(u64, Vec<f64>, Vec<f64>)> = None;
    for start in 0..effort.starts {
        order::minimise(&mut lg, start as u64, effort.order);
        // Order, place, polish; the polished heights give the next order.
        for round in 0..effort.rounds {
            let mut ys = place::assign(&lg, &seg, &heights, gap_y(card), g.n);
            // Straight-line polish, on the drawing as measured (lanes stacked in Seams).
            let tops: Vec<(f64, f64)> = (0..g.n).map(|v| (0.0, ys[v] - card_heights[v] / 2.0)).collect();
            let (lift, _) = if seams { stack_lanes(&tops, card_heights, &seg[..g.n], nseg, card) } else { (vec![0.0; nseg], Vec::new()) };
            let abs: Vec<f64> = (0..g.n).map(|v| ys[v] + lift[seg[v] as usize]).collect();
            let mut polish = polish::Polish::new(&layer, abs, &lg.key[..g.n], &pairs);
            polish.swap(12, 20_000_000);
            let centres: Vec<(f64, f64)> = (0..g.n).map(|v| (f64::from(layer[v]), polish.y[v])).collect();
            let c = straight_crossings(&centres, &pairs);
            for v in 0..g.n {
                ys[v] = polish.y[v] - lift[seg[v] as usize];
            }
            let improved = best.as_ref().is_none_or(|b| c < b.0);
            if improved {
                best = Some((c, ys.clone(), lift));
            } else if round > 0 {
                break;
            }
            lg.reorder_by(&ys);
        }
    }
    let (_, mut ys, lift) = best.unwrap_or_default();
    // The best drawing, sifted: every card tried at every place of its column.
    if !ys.is_empty() && effort.sifts > 0 {
        let abs: Vec<f64> = (0..g.n).map(|v| ys[v] + lift[seg[v] as usize]).collect();
        let mut polish = polish::Polish::new(&layer, abs, &lg.key[..g.n], &pairs);
        for _ in 0..effort.sifts {
            if !polish.sift(effort.sift_budget) || polish.spent > effort.sift_budget {
                break;
            }
        }
        for v in 0..g.n {
            ys[v] = polish.y[v] - lift[seg[v] as usize];
        }
    }

    // Polish trades the places of cards: where they differ in height, their column is
    // spread again so that none overlaps the next.
    if ys.len() >= g.n {
        spread(&mut ys[..g.n], card_heights, &layer, &seg[..g.n], gap_y(card));
    }
    // Segments (lanes) stacked top to bottom; Flow has one.
    let pitch = card.width + gap_x(card);
    let mut pos: Vec<(f64, f64)> = (0..g.n).map(|v| (layer[v] as f64 * pitch, ys[v] - card_heights[v] / 2.0)).collect();
    let mut column: Vec<i64> = layer.iter().map(|&l| l as i64).collect();
    if !seams {
        for v in 0..g.n {
            if let Some(p) = pins[v] {
                pos[v] = p;
                column[v] = (p.0 / pitch).round() as i64;
            }
        }
        resolve_overlaps(&mut pos, &column, pins, card, card_heights, gap_y(card), None);
    } else {
        for v in 0..g.n {
            if let Some(p) = pins[v] {
                pos[v].0 = p.0;
                column[v] = (p.0 / pitch).round() as i64;
            }
        }
        resolve_overlaps(&mut pos, &column, pins, card, card_heights, gap_y(card), Some(&seg[..g.n]));
    }
    // Bends of long handoffs, in their columns, relative to their lane.
    let mut via: Vec<Vec<f64>> = vec![Vec::new(); g.edges.len()];
    for (e, chain) in lg.chains.iter().enumerate() {
        via[e] = chain.iter().map(|&d| ys[d as usize]).collect();
    }
    if seams {
        let nseg = seg.iter().max().map_or(1, |m| *m as usize + 1);
        let (offset, _) = stack_lanes(&pos[..], card_heights, &seg[..g.n], nseg, card);
        for v in 0..g.n {
            pos[v].1 += offset[seg[v] as usize];
        }
        for (e, chain) in lg.chains.iter().enumerate() {
            for (k, &d) in chain.iter().enumerate() {
                via[e][k] += offset[seg[d as usize] as usize];
            }
        }
    }
    Geometry { pos, column, via }
}

/// How hard the full layout tries, by the size of the layered graph (cards, bend points and
/// their links): a pure function of the plan, so the output never depends on the machine.
struct Effort {
    /// Starts of the whole order-place-polish pipeline.
    starts: usize,
    /// Order-place-polish rounds per start (the polished heights give the next order).
    rounds: usize,
    /// Node visits the ordering of one start may spend.
    order: u64,
    /// Sifting rounds on the best drawing, and the pieces they may visit in all.
    sifts: usize,
    sift_budget: u64,
}

impl Effort {
    fn for_work(work: usize) -> Effort {
        let w = work as u64;
        match work {
            // The demo and plans like it: within a few milliseconds, sifting gains little.
            0..3_000 => Effort { starts: 1, rounds: 1, order: 500_000, sifts: 0, sift_budget: 0 },
            3_000..10_000 => Effort { starts: 3, rounds: 1, order: 1_000_000, sifts: 2, sift_budget: 4_000 * w },
            10_000..=60_000 => Effort { starts: 6, rounds: 3, order: 1_000_000, sifts: 4, sift_budget: 4_000 * w },
            // One pass; sifting up to a fraction of the columns costs about as much as the rest.
            _ => Effort { starts: 1, rounds: 1, order: 1_000_000, sifts: 1, sift_budget: 200 * w },
        }
    }
}

/// Offsets that stack lanes (segments): each lane's cards start `pad` below the lane's top,
/// and a lane ends `pad` plus one free card's room below its last card (see `Layout::lanes`;
/// both measure from the shortest card). Also each lane's (top, bottom) band.
fn stack_lanes(pos: &[(f64, f64)], heights: &[f64], seg: &[u32], nseg: usize, card: Size) -> (Vec<f64>, Vec<(f64, f64)>) {
    let card = Size { height: heights.iter().copied().reduce(f64::min).unwrap_or(card.height), ..card };
    let pad = lane_pad(card.height);
    let mut lo = vec![f64::INFINITY; nseg];
    let mut hi = vec![f64::NEG_INFINITY; nseg];
    for (v, p) in pos.iter().enumerate() {
        let s = seg[v] as usize;
        lo[s] = lo[s].min(p.1);
        hi[s] = hi[s].max(p.1 + heights[v]);
    }
    let mut offset = vec![0.0; nseg];
    let mut band = vec![(0.0, 0.0); nseg];
    let mut top = 0.0;
    for s in 0..nseg {
        if !lo[s].is_finite() {
            continue;
        }
        offset[s] = top + pad - lo[s];
        let bottom = top + pad + (hi[s] - lo[s]) + pad + lane_room(card);
        band[s] = (top, bottom);
        top = bottom;
    }
    (offset, band)
}

/// Pushes cards that are not pinned down their column until none overlaps another card
/// (pinned cards never move). `seg`: cards only collide with cards of the same lane.
#[allow(clippy::too_many_arguments)]
fn resolve_overlaps(
    pos: &mut [(f64, f64)],
    column: &[i64],
    pins: &[Option<(f64, f64)>],
    card: Size,
    heights: &[f64],
    gap: f64,
    seg: Option<&[u32]>,
) {
    if pins.iter().all(Option::is_none) {
        return;
    }
    // Pinned cards as obstacles, by the columns they overlap.
    let pitch = card.width + gap_x(card);
    let lane = |v: usize| seg.map_or(0, |s| s[v]);
    let mut obstacles: FxHashMap<(i64, u32), Vec<(f64, f64)>> = FxHashMap::default();
    for v in 0..pos.len() {
        if pins[v].is_some() {
            let first = ((pos[v].0 - card.width) / pitch).ceil() as i64;
            let last = ((pos[v].0 + card.width) / pitch).floor() as i64;
            for c in first..=last {
                if (c as f64 * pitch - pos[v].0).abs() < card.width {
                    obstacles.entry((c, lane(v))).or_default().push((pos[v].1, pos[v].1 + heights[v]));
                }
            }
        }
    }
    let mut cols: FxHashMap<(i64, u32), Vec<usize>> = FxHashMap::default();
    for v in 0..pos.len() {
        if pins[v].is_none() {
            cols.entry((column[v], lane(v))).or_default().push(v);
        }
    }
    let mut keys: Vec<(i64, u32)> = cols.keys().copied().collect();
    keys.sort_unstable();
    for k in keys {
        let Some(obs) = obstacles.get_mut(&k) else { continue };
        obs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut members = cols.remove(&k).unwrap_or_default();
        members.sort_by(|&a, &b| pos[a].1.total_cmp(&pos[b].1).then(a.cmp(&b)));
        let mut floor = f64::NEG_INFINITY;
        for v in members {
            let mut y = pos[v].1.max(floor);
            // Past every obstacle it touches (obstacles sorted by top).
            for &(top, bottom) in obs.iter() {
                if y < bottom + gap && y + heights[v] + gap > top {
                    y = bottom + gap;
                }
            }
            pos[v].1 = y;
            floor = y + heights[v] + gap;
        }
    }
}

/// Cards of one column and lane pushed apart, top to bottom, until each is `gap` below the
/// one above it (centre heights `ys`, cards of `heights`). Cards of one height, which polish
/// leaves spaced, do not move.
fn spread(ys: &mut [f64], heights: &[f64], layer: &[u32], seg: &[u32], gap: f64) {
    if heights.windows(2).all(|w| w[0] == w[1]) {
        return;
    }
    let mut order: Vec<usize> = (0..heights.len()).collect();
    order.sort_by(|&a, &b| (layer[a], seg[a]).cmp(&(layer[b], seg[b])).then(ys[a].total_cmp(&ys[b])).then(a.cmp(&b)));
    for w in 1..order.len() {
        let (u, v) = (order[w - 1], order[w]);
        if (layer[u], seg[u]) != (layer[v], seg[v]) {
            continue;
        }
        let least = ys[u] + (heights[u] + heights[v]) / 2.0 + gap;
        if ys[v] < least {
            ys[v] = least;
        }
    }
}

/// Group key per initiative inside a lane: the wave's order or the site's index (0 = none).
fn group_keys(plan: &Plan, config: &Config) -> Vec<u32> {
    let n = plan.initiatives.len();
    if config.arrangement != Arrangement::Seams {
        return vec![0; n];
    }
    match config.group {
        None => vec![0; n],
        Some(Group::Wave) => {
            let mut waves: Vec<(i32, &str)> = plan.waves.iter().map(|w| (w.order, w.id.as_str())).collect();
            waves.sort();
            let at: FxHashMap<&str, u32> = waves.iter().enumerate().map(|(k, w)| (w.1, k as u32 + 1)).collect();
            plan.initiatives.iter().map(|i| i.wave.as_deref().and_then(|w| at.get(w).copied()).unwrap_or(0)).collect()
        }
        Some(Group::Site) => {
            let at: FxHashMap<&str, u32> = plan.sites.iter().enumerate().map(|(k, s)| (s.id.as_str(), k as u32 + 1)).collect();
            plan.initiatives.iter().map(|i| i.site.as_deref().and_then(|s| at.get(s).copied()).unwrap_or(0)).collect()
        }
    }
}

/// Cards, routes and the crossing count from the geometry. Positions are rounded to a
/// quarter unit, except what the user placed by hand (`pins`' coordinates the geometry kept):
/// a card dropped at 12.3 stays at 12.3, not 12.25 (the edits fuzz target found a card
/// moved from 5e-324 to 0).
fn finish(plan: &Plan, g: &Graph, config: &Config, geo: Geometry, pins: &[Option<(f64, f64)>], heights: &[f64]) -> Layout {
    let card = config.card;
    let seams = config.arrangement == Arrangement::Seams;
    let kept = |v: usize, axis: usize| -> f64 {
        let at = if axis == 0 { geo.pos[v].0 } else { geo.pos[v].1 };
        match pins.get(v).copied().flatten() {
            Some(p) if (if axis == 0 { p.0 } else { p.1 }) == at => at,
            _ => round(at),
        }
    };
    let cards: Vec<Card> = plan
        .initiatives
        .iter()
        .enumerate()
        .map(|(v, i)| Card {
            id: i.id.clone(),
            x: kept(v, 0),
            y: kept(v, 1),
            width: card.width,
            height: heights[v],
            lane: if seams { Some(g.lane_names[g.lane[v] as usize].clone()) } else { None },
        })
        .collect();
    let pos: Vec<(f64, f64)> = cards.iter().map(|c| (c.x, c.y)).collect();
    let mut routes = route::routes(g, &pos, heights, &geo.column, &geo.via, card, gap_x(card), gap_y(card));
    let mut handoffs: Vec<Route> = Vec::with_capacity(plan.handoffs.len());
    let mut by_handoff: Vec<Option<Vec<[f64; 2]>>> = vec![None; plan.handoffs.len()];
    for (e, &(_, _, h)) in g.edges.iter().enumerate() {
        by_handoff[h as usize] = Some(std::mem::take(&mut routes[e]));
    }
    for &(v, h) in &g.loops {
        by_handoff[h as usize] = Some(route::self_loop(pos[v as usize], Size { height: heights[v as usize], ..card }));
    }
    let index: FxHashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut segments = Vec::with_capacity(g.edges.len());
    for (h, x) in plan.handoffs.iter().enumerate() {
        let Some(points) = by_handoff[h].take() else { continue };
        let (Some(&a), Some(&b)) = (index.get(x.from.as_str()), index.get(x.to.as_str())) else { continue };
        if a != b {
            segments.push((a as u32, b as u32));
        }
        handoffs.push(Route { id: x.id.clone(), points, seam: g.lane[a] != g.lane[b], handoffs: Vec::new() });
    }
    let centres: Vec<(f64, f64)> = pos.iter().zip(heights).map(|(p, h)| (p.0 + card.width / 2.0, p.1 + h / 2.0)).collect();
    let crossings = straight_crossings(&centres, &segments);
    Layout { arrangement: config.arrangement, cards, handoffs, crossings, fold: Fold::default(), groups: Vec::new() }
}

/// Coordinates on a quarter of a unit: short JSON, exact in binary, the same on every run.
fn round(v: f64) -> f64 {
    (v * 4.0).round() / 4.0
}
