//! Groups drawn as one card (issue 28): a rollout of 1,000 sites is 20,000 cards, which no
//! one reads on a map. A wave or a site the fold names collapses into one card that stands for
//! all its work, and the handoffs in and out of it are drawn once per pair of cards, with
//! their count.
//!
//! Which group holds an initiative: its wave's card when that wave is collapsed (the
//! initiative's own wave, else its site's wave), else its site's card when that site is
//! collapsed, else none: it is drawn as itself. So a wave expanded shows its own work (its
//! gate, its anchors, its completion) as cards and its sites as site cards while they stay
//! collapsed, and a site expanded shows its instances. In Seams a group is split by team: one
//! card per team that works in it, in that team's lane, so the seams between teams stay
//! seams (with counts).
//!
//! The layout of a folded plan is the same pipeline run on a plan of those cards (each
//! group a node, each pair of cards one handoff); what the cards say (counts, dates, flags)
//! is the API's (`api::fold`), which has the schedule.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Arrangement, Config, Layout};
use crate::model::{Handoff, Initiative, Plan};

/// A plan with this many sites or more opens with every wave and every site collapsed (the
/// map shows one card per wave and the program work around them). Below it the map shows
/// every initiative, as it always did: the demo's 40 stores are 230 cards, a map people
/// read card by card; 100 sites of a 20-step template are 2,000 cards, past what a screen
/// shows readable and where the layout starts to cost.
pub const FOLD_FROM_SITES: usize = 100;

/// The extra height of a group card over a card of the same name: two lines, for its counts
/// and its finish.
pub const GROUP_EXTRA: f64 = 26.0;

/// Which waves and sites the map draws as one card each (ids; an id the plan does not hold
/// is ignored). Empty: every initiative is its own card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Fold {
    #[serde(default)]
    pub waves: Vec<String>,
    #[serde(default)]
    pub sites: Vec<String>,
}

impl Fold {
    /// Nothing collapsed.
    pub fn is_empty(&self) -> bool {
        self.waves.is_empty() && self.sites.is_empty()
    }

    /// Every wave and every site of `plan` collapsed: the map by wave.
    pub fn all(plan: &Plan) -> Fold {
        Fold { waves: plan.waves.iter().map(|w| w.id.clone()).collect(), sites: plan.sites.iter().map(|s| s.id.clone()).collect() }
    }

    /// The fold a plan is first shown with: by wave from [`FOLD_FROM_SITES`] sites, else
    /// nothing collapsed.
    pub fn default_for(plan: &Plan) -> Fold {
        if plan.sites.len() >= FOLD_FROM_SITES {
            Fold::all(plan)
        } else {
            Fold::default()
        }
    }
}

/// A change of the fold, as a person asks for it on the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "op", content = "id")]
pub enum FoldChange {
    /// The core's fold for this plan ([`Fold::default_for`]).
    Default,
    /// Every wave and site one card: the map by wave.
    CollapseAll,
    /// Every initiative its own card.
    ExpandAll,
    /// This wave one card (its work and its sites' work).
    CollapseWave(String),
    /// This wave's own work as cards, each of its sites one card.
    ExpandWave(String),
    /// This site one card.
    CollapseSite(String),
    /// This site's work as cards (its wave expanded too, if it was not).
    ExpandSite(String),
}

impl Fold {
    /// The fold after `change`, on `plan` (ids kept in the plan's order of waves and sites).
    pub fn changed(&self, plan: &Plan, change: &FoldChange) -> Fold {
        let mut waves: FxHashSet<&str> = self.waves.iter().map(String::as_str).collect();
        let mut sites: FxHashSet<&str> = self.sites.iter().map(String::as_str).collect();
        let wave_of_site = |id: &str| plan.sites.iter().find(|s| s.id == id).and_then(|s| s.wave.as_deref());
        match change {
            FoldChange::Default => return Fold::default_for(plan),
            FoldChange::CollapseAll => return Fold::all(plan),
            FoldChange::ExpandAll => return Fold::default(),
            FoldChange::CollapseWave(w) => {
                waves.insert(w);
            }
            FoldChange::ExpandWave(w) => {
                waves.remove(w.as_str());
                // Its sites come out collapsed, one card each.
                sites.extend(plan.sites.iter().filter(|s| s.wave.as_deref() == Some(w.as_str())).map(|s| s.id.as_str()));
            }
            FoldChange::CollapseSite(s) => {
                sites.insert(s);
            }
            FoldChange::ExpandSite(s) => {
                sites.remove(s.as_str());
                if let Some(w) = wave_of_site(s) {
                    if waves.remove(w) {
                        // Its wave opens with its other sites collapsed.
                        sites.extend(plan.sites.iter().filter(|x| x.wave.as_deref() == Some(w) && x.id != *s).map(|x| x.id.as_str()));
                    }
                }
            }
        }
        // In the plan's order, then ids it does not hold (kept: a wave added later by undo).
        let ordered = |set: &FxHashSet<&str>, all: Vec<&str>, before: &[String]| -> Vec<String> {
            let mut out: Vec<String> = all.iter().filter(|id| set.contains(*id)).map(|id| id.to_string()).collect();
            let known: FxHashSet<&str> = all.into_iter().collect();
            out.extend(before.iter().filter(|id| set.contains(id.as_str()) && !known.contains(id.as_str())).cloned());
            out
        };
        Fold {
            waves: ordered(&waves, plan.waves.iter().map(|w| w.id.as_str()).collect(), &self.waves),
            sites: ordered(&sites, plan.sites.iter().map(|s| s.id.as_str()).collect(), &self.sites),
        }
    }
}

/// What a group card stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    Wave,
    Site,
}

/// A card that stands for a group of initiatives: a collapsed wave or site (in Seams, the
/// part of it one team works on).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupCard {
    /// The card's id in the layout's cards (no initiative's: made unique against the plan's ids).
    pub id: String,
    pub kind: GroupKind,
    /// The wave's or the site's id.
    pub of: String,
    /// The initiatives it stands for, in the plan's order.
    pub members: Vec<String>,
}

/// Which group holds each initiative under `fold`: (kind, index in `plan.waves` or
/// `plan.sites`), None for an initiative drawn as itself. The rule of the module's doc.
pub fn holders(plan: &Plan, fold: &Fold) -> Vec<Option<(GroupKind, usize)>> {
    let wave_at: FxHashMap<&str, usize> = plan.waves.iter().enumerate().map(|(k, w)| (w.id.as_str(), k)).collect();
    let site_at: FxHashMap<&str, usize> = plan.sites.iter().enumerate().map(|(k, s)| (s.id.as_str(), k)).collect();
    let mut wave_closed = vec![false; plan.waves.len()];
    for w in &fold.waves {
        if let Some(&k) = wave_at.get(w.as_str()) {
            wave_closed[k] = true;
        }
    }
    let mut site_closed = vec![false; plan.sites.len()];
    for s in &fold.sites {
        if let Some(&k) = site_at.get(s.as_str()) {
            site_closed[k] = true;
        }
    }
    plan.initiatives
        .iter()
        .map(|i| {
            let site = i.site.as_deref().and_then(|s| site_at.get(s).copied());
            let wave = i
                .wave
                .as_deref()
                .and_then(|w| wave_at.get(w).copied())
                .or_else(|| site.and_then(|s| plan.sites[s].wave.as_deref()).and_then(|w| wave_at.get(w).copied()));
            match (wave, site) {
                (Some(w), _) if wave_closed[w] => Some((GroupKind::Wave, w)),
                (_, Some(s)) if site_closed[s] => Some((GroupKind::Site, s)),
                _ => None,
            }
        })
        .collect()
}

/// One card of the folded drawing.
enum Node {
    /// An initiative drawn as itself (its index in the plan).
    Real(usize),
    /// A group: its kind, wave or site index, team (Seams) and members (plan indices).
    Group { kind: GroupKind, of: usize, team: Option<String>, members: Vec<usize> },
}

/// An id not yet `taken`: `base`, else `base` with primes until it is free.
fn fresh(taken: &mut FxHashSet<String>, base: String) -> String {
    let mut id = base;
    while taken.contains(&id) {
        id.push('\'');
    }
    taken.insert(id.clone());
    id
}

/// The layout of `plan` with the groups of `config.fold` collapsed (see the module's doc);
/// `previous` already checked to be of the same fold.
pub(super) fn layout(plan: &Plan, config: &Config, previous: Option<&Layout>) -> Layout {
    let fold = &config.fold;
    let seams = config.arrangement == Arrangement::Seams;
    let held = holders(plan, fold);
    let mut taken: FxHashSet<String> = plan.initiatives.iter().map(|i| i.id.clone()).collect();
    taken.extend(plan.handoffs.iter().map(|h| h.id.clone()));

    // The nodes, in the plan's order of their first initiative.
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_of: Vec<usize> = Vec::with_capacity(plan.initiatives.len());
    let mut group_at: FxHashMap<(GroupKind, usize, Option<&str>), usize> = FxHashMap::default();
    for (k, i) in plan.initiatives.iter().enumerate() {
        match held[k] {
            None => {
                node_of.push(nodes.len());
                nodes.push(Node::Real(k));
            }
            Some((kind, of)) => {
                let team = if seams { i.team.as_deref() } else { None };
                let n = *group_at.entry((kind, of, team)).or_insert_with(|| {
                    nodes.push(Node::Group { kind, of, team: team.map(str::to_string), members: Vec::new() });
                    nodes.len() - 1
                });
                if let Node::Group { members, .. } = &mut nodes[n] {
                    members.push(k);
                }
                node_of.push(n);
            }
        }
    }
    let ids: Vec<String> = nodes
        .iter()
        .map(|n| match n {
            Node::Real(k) => plan.initiatives[*k].id.clone(),
            Node::Group { kind, of, team, .. } => {
                let (word, id) = match kind {
                    GroupKind::Wave => ("wave", &plan.waves[*of].id),
                    GroupKind::Site => ("site", &plan.sites[*of].id),
                };
                let base = match (seams, team) {
                    (false, _) => format!("{word}:{id}"),
                    (true, Some(t)) => format!("{word}:{id}:{t}"),
                    (true, None) => format!("{word}:{id}:"),
                };
                fresh(&mut taken, base)
            }
        })
        .collect();

    // The plan of cards: each node an initiative, each pair of nodes one handoff.
    let mut cards = Plan::new(&plan.name, plan.start);
    cards.teams = plan.teams.clone();
    cards.waves = plan.waves.clone();
    cards.sites = plan.sites.clone();
    let site_wave = |s: usize| plan.sites[s].wave.clone();
    for (n, node) in nodes.iter().enumerate() {
        let init = match node {
            Node::Real(k) => {
                let i = &plan.initiatives[*k];
                let mut c = Initiative::new(&i.id, &i.name, "", 1);
                c.team.clone_from(&i.team);
                c.wave.clone_from(&i.wave);
                c.site.clone_from(&i.site);
                c.position = i.position;
                c
            }
            Node::Group { kind, of, team, .. } => {
                let (name, wave, site) = match kind {
                    GroupKind::Wave => (&plan.waves[*of].name, Some(plan.waves[*of].id.clone()), None),
                    GroupKind::Site => (&plan.sites[*of].name, site_wave(*of), Some(plan.sites[*of].id.clone())),
                };
                let mut c = Initiative::new(&ids[n], name, "", 1);
                c.team.clone_from(team);
                c.wave = wave;
                c.site = site;
                c
            }
        };
        cards.initiatives.push(init);
    }
    let index: FxHashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let team_of = |k: usize| plan.initiatives[k].team.as_deref();
    // Per aggregated edge: its handoff's index in `cards.handoffs` and its members.
    let mut edge_at: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut members: Vec<(usize, Vec<String>, bool)> = Vec::new();
    for h in &plan.handoffs {
        let (Some(&a), Some(&b)) = (index.get(h.from.as_str()), index.get(h.to.as_str())) else { continue };
        let (na, nb) = (node_of[a], node_of[b]);
        let real = matches!(nodes[na], Node::Real(_)) && matches!(nodes[nb], Node::Real(_));
        if real {
            cards.handoffs.push(Handoff::fs(&h.id, &h.from, &h.to));
            continue;
        }
        if na == nb {
            continue; // inside one group
        }
        let seam = team_of(a) != team_of(b);
        let e = *edge_at.entry((na, nb)).or_insert_with(|| {
            let id = fresh(&mut taken, format!("{}>{}", ids[na], ids[nb]));
            cards.handoffs.push(Handoff::fs(&id, &ids[na], &ids[nb]));
            members.push((cards.handoffs.len() - 1, Vec::new(), false));
            members.len() - 1
        });
        members[e].1.push(h.id.clone());
        members[e].2 |= seam;
    }

    // A group card is as tall as its name needs and two lines more.
    let card = super::Size { width: config.card.width.max(1.0), height: config.card.height.max(1.0) };
    let heights: Vec<f64> = nodes
        .iter()
        .zip(&cards.initiatives)
        .map(|(node, c)| {
            let named = match config.name {
                Some(fit) => fit.height(&c.name, card.width, card.height),
                None => card.height,
            };
            match node {
                Node::Real(_) => named,
                Node::Group { .. } => named + GROUP_EXTRA,
            }
        })
        .collect();
    let plain = Config { fold: Fold::default(), ..config.clone() };
    let mut out = super::laid_out(&cards, &plain, previous, heights);

    // What the drawing stands for: the groups and, per aggregated route, its handoffs.
    let route_at: FxHashMap<&str, usize> = out.handoffs.iter().enumerate().map(|(k, r)| (r.id.as_str(), k)).collect();
    let mut aggregated: Vec<(usize, Vec<String>, bool)> = Vec::new();
    for (h, list, seam) in members {
        if let Some(&r) = route_at.get(cards.handoffs[h].id.as_str()) {
            aggregated.push((r, list, seam));
        }
    }
    for (r, list, seam) in aggregated {
        out.handoffs[r].handoffs = list;
        out.handoffs[r].seam = seam;
    }
    out.groups = nodes
        .into_iter()
        .zip(ids)
        .filter_map(|(node, id)| match node {
            Node::Real(_) => None,
            Node::Group { kind, of, members, .. } => Some(GroupCard {
                id,
                kind,
                of: match kind {
                    GroupKind::Wave => plan.waves[of].id.clone(),
                    GroupKind::Site => plan.sites[of].id.clone(),
                },
                members: members.into_iter().map(|k| plan.initiatives[k].id.clone()).collect(),
            }),
        })
        .collect();
    out.fold = fold.clone();
    out
}
