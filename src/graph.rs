//! The plan as a directed graph (petgraph): initiatives are nodes, handoffs are edges.
//!
//! Node `i` is `plan.initiatives[i]` and edge weight `h` is `plan.handoffs[h]`, so every
//! analysis can go back from the graph to the plan without a lookup table of its own.
//! Here too: ids turned into those positions (`Ids`, shared with the scheduler's flat
//! arrays), and every cycle of a plan found and named for `check`.

use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use thiserror::Error;

use crate::model::Plan;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum GraphError {
    #[error("handoff '{handoff}': {end} '{initiative}' is not a known initiative")]
    Dangling { handoff: String, end: &'static str, initiative: String },
    #[error("handoffs form a cycle: {}", crate::model::closed_loop(.0))]
    Cycle(Vec<String>),
}

/// A read-only graph view of one plan.
pub struct Graph<'p> {
    pub plan: &'p Plan,
    pub g: DiGraph<(), usize, u32>,
}

impl<'p> Graph<'p> {
    /// Builds the graph; a handoff naming an unknown initiative is an error.
    pub fn of(plan: &'p Plan) -> Result<Graph<'p>, GraphError> {
        Graph::build(plan, Links::All)
    }

    fn build(plan: &'p Plan, links: Links) -> Result<Graph<'p>, GraphError> {
        let mut g = DiGraph::with_capacity(plan.initiatives.len(), plan.handoffs.len());
        for _ in &plan.initiatives {
            g.add_node(());
        }
        let ids = Ids::of(plan);
        let (mut last_from, mut last_to) = (0u32, 0u32);
        for (k, h) in plan.handoffs.iter().enumerate() {
            let (a, b) = match (ids.find(&h.from, last_from), ids.find(&h.to, last_to)) {
                (Some(a), Some(b)) => (a, b),
                _ if links == Links::Valid => continue,
                (None, _) => return Err(GraphError::Dangling { handoff: h.id.clone(), end: "from", initiative: h.from.clone() }),
                (_, None) => return Err(GraphError::Dangling { handoff: h.id.clone(), end: "to", initiative: h.to.clone() }),
            };
            (last_from, last_to) = (a, b);
            let (a, b) = (a as usize, b as usize);
            if a == b && links == Links::Valid {
                continue;
            }
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), k);
        }
        Ok(Graph { plan, g })
    }

    /// Initiative indices in an order where every handoff goes forward, or the first
    /// cycle found, its initiatives named in handoff order.
    pub fn topo_order(&self) -> Result<Vec<usize>, GraphError> {
        // Kahn's algorithm, smallest plan position first among the ready ones, so the order
        // is stable and reads like the plan.
        let n = self.g.node_count();
        let mut indegree = vec![0u32; n];
        for e in self.g.edge_references() {
            indegree[e.target().index()] += 1;
        }
        let mut ready: VecDeque<usize> = (0..n).filter(|i| indegree[*i] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(v) = ready.pop_front() {
            order.push(v);
            for e in self.g.edges_directed(NodeIndex::new(v), Direction::Outgoing) {
                let t = e.target().index();
                indegree[t] -= 1;
                if indegree[t] == 0 {
                    ready.push_back(t);
                }
            }
        }
        if order.len() == n {
            Ok(order)
        } else {
            Err(GraphError::Cycle(self.cycle_among(&indegree)))
        }
    }

    /// One cycle among the nodes Kahn's algorithm could not order (indegree > 0),
    /// starting at the earliest such initiative in the plan.
    fn cycle_among(&self, indegree: &[u32]) -> Vec<String> {
        // Every unordered node has an unordered predecessor; walking predecessors must
        // revisit a node, and the walk between the two visits is a cycle.
        let stuck = |v: usize| indegree[v] > 0;
        let Some(mut v) = (0..indegree.len()).find(|v| stuck(*v)) else {
            return Vec::new();
        };
        let mut seen: HashMap<usize, usize> = HashMap::new();
        let mut walk = Vec::new();
        loop {
            if let Some(&at) = seen.get(&v) {
                let mut cycle: Vec<usize> = walk[at..].to_vec();
                // Walked backwards along handoffs; start at the earliest initiative in the plan.
                cycle.reverse();
                let lo = cycle.iter().enumerate().min_by_key(|(_, x)| **x).map(|(k, _)| k).unwrap_or(0);
                cycle.rotate_left(lo);
                return cycle.into_iter().map(|i| self.plan.initiatives[i].id.clone()).collect();
            }
            seen.insert(v, walk.len());
            walk.push(v);
            let pred =
                self.g.edges_directed(NodeIndex::new(v), Direction::Incoming).map(|e| e.source().index()).filter(|p| stuck(*p)).min();
            match pred {
                Some(p) => v = p,
                None => return Vec::new(), // cannot happen: stuck nodes have stuck preds
            }
        }
    }
}

/// The cycles of a plan, each named in handoff order, and how many more there are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cycles {
    /// At most the limit asked for, in plan order of their first initiative.
    pub named: Vec<Vec<String>>,
    /// Cycles found but not named (past the limit).
    pub more: usize,
}

/// Every tangle of handoffs that loops back on itself, named: one cycle for each group of
/// initiatives that reach each other (a strongly connected component), the shortest
/// through its earliest initiative, up to `limit` of them; the rest are counted. Two
/// disjoint cycles are two groups, so both are named. Dangling handoffs and self-links are
/// validation errors of their own, so they are left out here: a cycle runs through two
/// initiatives or more.
pub fn find_cycles(plan: &Plan, limit: usize) -> Cycles {
    let Ok(graph) = Graph::build(plan, Links::Valid) else {
        return Cycles::default();
    };
    if graph.topo_order().is_ok() {
        return Cycles::default();
    }
    let g = &graph.g;
    // kosaraju_scc walks with an explicit stack: a cycle through 100,000 initiatives
    // cannot overflow the call stack.
    let mut groups: Vec<Vec<usize>> = petgraph::algo::kosaraju_scc(g)
        .into_iter()
        .filter(|c| c.len() >= 2)
        .map(|c| {
            let mut c: Vec<usize> = c.into_iter().map(|v| v.index()).collect();
            c.sort_unstable();
            c
        })
        .collect();
    groups.sort_unstable_by_key(|c| c[0]);
    let mut group_of = vec![usize::MAX; g.node_count()];
    for (k, c) in groups.iter().enumerate() {
        for &v in c {
            group_of[v] = k;
        }
    }
    let named = groups
        .iter()
        .enumerate()
        .take(limit)
        .map(|(k, c)| {
            graph.shortest_cycle_through(c[0], |v| group_of[v] == k).into_iter().map(|i| plan.initiatives[i].id.clone()).collect()
        })
        .collect();
    Cycles { named, more: groups.len().saturating_sub(limit) }
}

impl Graph<'_> {
    /// The shortest cycle through `start` among the nodes `inside` (breadth first along
    /// the handoffs), starting at `start`, in handoff order.
    fn shortest_cycle_through(&self, start: usize, inside: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut parent: HashMap<usize, usize> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(v) = queue.pop_front() {
            let mut next: Vec<usize> =
                self.g.edges_directed(NodeIndex::new(v), Direction::Outgoing).map(|e| e.target().index()).filter(|t| inside(*t)).collect();
            // Plan order among the handoffs of one initiative: the same plan, the same name.
            next.sort_unstable();
            for t in next {
                if t == start {
                    let mut cycle = vec![v];
                    let mut at = v;
                    while at != start {
                        match parent.get(&at) {
                            Some(&p) => at = p,
                            None => return Vec::new(), // every queued node but start has one
                        }
                        cycle.push(at);
                    }
                    cycle.reverse();
                    return cycle;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = parent.entry(t) {
                    e.insert(v);
                    queue.push_back(t);
                }
            }
        }
        Vec::new() // cannot happen: a component of two or more nodes loops through each
    }
}

/// Which handoffs become edges.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Links {
    /// Every handoff; one naming an unknown initiative is an error.
    All,
    /// Only handoffs between two different, existing initiatives.
    Valid,
}

/// Initiative ids -> plan positions: an open-addressing table of (hash tag, position)
/// pairs over a copy of the ids in one buffer. Eight bytes a slot and the ids side by
/// side keep the lookups, one per handoff end, in cache; a general hash map of `&str`
/// spends most of that time waiting for memory.
pub(crate) struct Ids<'p> {
    plan: &'p Plan,
    mask: usize,
    /// (upper 32 bits of the hash, position); position `EMPTY` marks a free slot.
    slots: Vec<(u32, u32)>,
    /// The upper 32 bits of the hash of each initiative's id: a wrong guess is told
    /// without comparing text.
    tags: Vec<u32>,
    text: Vec<u8>,
    /// `text[at[k]..at[k + 1]]` is the id of initiative k.
    at: Vec<u32>,
}

const EMPTY: u32 = u32::MAX;

impl<'p> Ids<'p> {
    pub(crate) fn of(plan: &'p Plan) -> Ids<'p> {
        let mut ids = Ids::empty(plan);
        for i in &plan.initiatives {
            ids.push(&i.id);
        }
        ids
    }

    /// A table for `plan`'s initiatives, filled by `push`ing their ids in plan order (so a
    /// caller walking the initiatives for its own reasons walks them once).
    pub(crate) fn empty(plan: &'p Plan) -> Ids<'p> {
        let n = plan.initiatives.len();
        let cap = (2 * n).next_power_of_two().max(16);
        let mut at = Vec::with_capacity(n + 1);
        at.push(0);
        Ids { plan, mask: cap - 1, slots: vec![(0, EMPTY); cap], tags: Vec::with_capacity(n), text: Vec::with_capacity(n * 8), at }
    }

    /// Adds the next initiative's id. The first initiative with an id keeps it; a
    /// duplicate id is a validation error of its own.
    pub(crate) fn push(&mut self, id: &str) {
        let k = self.tags.len() as u32;
        self.text.extend_from_slice(id.as_bytes());
        // A text past 4 GiB of ids cannot be indexed by u32: such a plan is looked up
        // through the initiatives themselves (see `id`).
        self.at.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        let hash = hash(id);
        let tag = (hash >> 32) as u32;
        self.tags.push(tag);
        let mut p = hash as usize & self.mask;
        loop {
            let (t, other) = self.slots[p];
            if other == EMPTY {
                self.slots[p] = (tag, k);
                return;
            }
            if t == tag && same(self.id(other as usize), id.as_bytes()) {
                return;
            }
            p = (p + 1) & self.mask;
        }
    }

    fn id(&self, k: usize) -> &[u8] {
        match (self.at.get(k), self.at.get(k + 1)) {
            (Some(&a), Some(&b)) if b != u32::MAX => &self.text[a as usize..b as usize],
            _ => self.plan.initiatives[k].id.as_bytes(),
        }
    }

    /// The position of `id`, trying `guess` first (plans list handoffs near each other by
    /// giver or receiver: a right guess saves the table's cache miss).
    pub(crate) fn find(&self, id: &str, guess: u32) -> Option<u32> {
        let hash = hash(id);
        let tag = (hash >> 32) as u32;
        if self.tags.get(guess as usize) == Some(&tag) && same(self.id(guess as usize), id.as_bytes()) {
            return Some(guess);
        }
        let mut p = hash as usize & self.mask;
        loop {
            let (t, k) = self.slots[p];
            if k == EMPTY {
                return None;
            }
            if t == tag && same(self.id(k as usize), id.as_bytes()) {
                return Some(k);
            }
            p = (p + 1) & self.mask;
        }
    }
}

/// Byte equality without a call to `memcmp`: ids are short.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// The one walk downstream along handoffs: every node reachable from `starts` over the
/// successor lists `next[start[v]..start[v + 1]]` (compressed rows), the starts included,
/// each once, in the order found. `seen` is scratch of one flag per node, all false before
/// and after, so that a caller walking many times allocates it once.
pub fn reach(start: &[u32], next: &[u32], starts: &[u32], seen: &mut [bool]) -> Vec<u32> {
    let mut nodes = Vec::with_capacity(starts.len());
    for &v in starts {
        if !std::mem::replace(&mut seen[v as usize], true) {
            nodes.push(v);
        }
    }
    let mut k = 0;
    while k < nodes.len() {
        let v = nodes[k] as usize;
        k += 1;
        for &w in &next[start[v] as usize..start[v + 1] as usize] {
            if !std::mem::replace(&mut seen[w as usize], true) {
                nodes.push(w);
            }
        }
    }
    for &v in &nodes {
        seen[v as usize] = false;
    }
    nodes
}

/// A plan's handoffs as successor lists in plan order (handoffs naming an unknown
/// initiative are left out: reach is asked of imperfect plans too).
pub struct Successors {
    start: Vec<u32>,
    next: Vec<u32>,
    seen: Vec<bool>,
}

impl Successors {
    pub fn of(plan: &Plan) -> Successors {
        let n = plan.initiatives.len();
        let ids = Ids::of(plan);
        let pairs: Vec<(u32, u32)> = plan.handoffs.iter().filter_map(|h| Some((ids.find(&h.from, 0)?, ids.find(&h.to, 0)?))).collect();
        let mut start = vec![0u32; n + 1];
        for &(a, _) in &pairs {
            start[a as usize + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut next = vec![0u32; pairs.len()];
        for &(a, b) in &pairs {
            next[fill[a as usize] as usize] = b;
            fill[a as usize] += 1;
        }
        Successors { start, next, seen: vec![false; n] }
    }

    /// The initiatives a handoff from `v` goes to (plan positions).
    pub fn next_of(&self, v: usize) -> &[u32] {
        &self.next[self.start[v] as usize..self.start[v + 1] as usize]
    }

    /// The initiatives downstream of `starts` (plan positions), the starts included, each
    /// once, in the order found.
    pub fn downstream(&mut self, starts: &[usize]) -> Vec<usize> {
        let starts: Vec<u32> = starts.iter().map(|&v| v as u32).collect();
        reach(&self.start, &self.next, &starts, &mut self.seen).into_iter().map(|v| v as usize).collect()
    }
}

/// The initiatives downstream of those named by `ids` along handoffs (theirs included), as
/// one flag per initiative in plan order; unknown ids are left out.
pub fn downstream(plan: &Plan, ids: &[String]) -> Vec<bool> {
    let known = Ids::of(plan);
    let starts: Vec<usize> = ids.iter().filter_map(|id| known.find(id, 0)).map(|v| v as usize).collect();
    let mut flags = vec![false; plan.initiatives.len()];
    for v in Successors::of(plan).downstream(&starts) {
        flags[v] = true;
    }
    flags
}
