//! The plan as a directed graph (petgraph): initiatives are nodes, handoffs are edges.
//!
//! Node `i` is `plan.initiatives[i]` and edge weight `h` is `plan.handoffs[h]`, so every
//! analysis can go back from the graph to the plan without a lookup table of its own.

use std::collections::{HashMap, VecDeque};

use rustc_hash::FxHashMap;

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
    /// Initiative id -> node (= position in `plan.initiatives`).
    pub index: FxHashMap<&'p str, usize>,
}

impl<'p> Graph<'p> {
    /// Builds the graph; a handoff naming an unknown initiative is an error.
    pub fn of(plan: &'p Plan) -> Result<Graph<'p>, GraphError> {
        let mut g = DiGraph::with_capacity(plan.initiatives.len(), plan.handoffs.len());
        let mut index: FxHashMap<&str, usize> = FxHashMap::default();
        index.reserve(plan.initiatives.len());
        for i in &plan.initiatives {
            let n = g.add_node(());
            index.insert(i.id.as_str(), n.index());
        }
        for (k, h) in plan.handoffs.iter().enumerate() {
            let find = |end: &'static str, id: &str| {
                index.get(id).map(|k| NodeIndex::new(*k)).ok_or_else(|| GraphError::Dangling {
                    handoff: h.id.clone(),
                    end,
                    initiative: id.to_string(),
                })
            };
            let a = find("from", &h.from)?;
            let b = find("to", &h.to)?;
            g.add_edge(a, b, k);
        }
        Ok(Graph { plan, g, index })
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
                cycle.reverse(); // walked backwards along handoffs
                                 // Start the cycle at its earliest initiative in the plan.
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

    /// Indices of the initiatives reachable downstream of `from` (not including it).
    pub fn downstream(&self, from: usize) -> Vec<usize> {
        let mut seen = vec![false; self.g.node_count()];
        let mut stack = vec![from];
        let mut out = Vec::new();
        while let Some(v) = stack.pop() {
            for t in self.g.neighbors_directed(NodeIndex::new(v), Direction::Outgoing) {
                let t = t.index();
                if !seen[t] && t != from {
                    seen[t] = true;
                    out.push(t);
                    stack.push(t);
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// The first cycle of a plan's handoffs, if any. Dangling handoffs and self-links are
/// validation errors of their own, so they are left out here: a cycle is reported only
/// when it runs through two initiatives or more.
pub fn find_cycle(plan: &Plan) -> Option<Vec<String>> {
    let index: HashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut g = DiGraph::with_capacity(plan.initiatives.len(), plan.handoffs.len());
    for _ in &plan.initiatives {
        g.add_node(());
    }
    for (k, h) in plan.handoffs.iter().enumerate() {
        if let (Some(&a), Some(&b)) = (index.get(h.from.as_str()), index.get(h.to.as_str())) {
            if a != b {
                g.add_edge(NodeIndex::new(a), NodeIndex::new(b), k);
            }
        }
    }
    let graph = Graph { plan, g, index: index.into_iter().collect() };
    match graph.topo_order() {
        Err(GraphError::Cycle(c)) => Some(c),
        _ => None,
    }
}
