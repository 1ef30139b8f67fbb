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
}

impl<'p> Graph<'p> {
    /// Builds the graph; a handoff naming an unknown initiative is an error.
    pub fn of(plan: &'p Plan) -> Result<Graph<'p>, GraphError> {
        Graph::build(plan, Links::All)
    }

    fn build(plan: &'p Plan, links: Links) -> Result<Graph<'p>, GraphError> {
        let mut g = DiGraph::with_capacity(plan.initiatives.len(), plan.handoffs.len());
        let mut index: FxHashMap<&str, usize> = FxHashMap::default();
        index.reserve(plan.initiatives.len());
        for i in &plan.initiatives {
            index.insert(i.id.as_str(), g.add_node(()).index());
        }
        for (k, h) in plan.handoffs.iter().enumerate() {
            let (a, b) = match (index.get(h.from.as_str()), index.get(h.to.as_str())) {
                (Some(&a), Some(&b)) => (a, b),
                _ if links == Links::Valid => continue,
                (None, _) => return Err(GraphError::Dangling { handoff: h.id.clone(), end: "from", initiative: h.from.clone() }),
                (_, None) => return Err(GraphError::Dangling { handoff: h.id.clone(), end: "to", initiative: h.to.clone() }),
            };
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

/// The first cycle of a plan's handoffs, if any. Dangling handoffs and self-links are
/// validation errors of their own, so they are left out here: a cycle is reported only
/// when it runs through two initiatives or more.
pub fn find_cycle(plan: &Plan) -> Option<Vec<String>> {
    match Graph::build(plan, Links::Valid).and_then(|g| g.topo_order()) {
        Err(GraphError::Cycle(c)) => Some(c),
        _ => None,
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
