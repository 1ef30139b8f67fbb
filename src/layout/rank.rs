//! Layers: which column each card goes in. Cycles are broken first (a depth-first search
//! reverses the handoffs that close a cycle), then a longest-path layering is balanced so
//! that handoffs are short, as network simplex would: a card with more handoffs out than in
//! moves right towards its receivers, one with more in than out moves left towards its
//! givers, until nothing moves.

/// The edges oriented so that the graph is acyclic, and which of them were reversed.
/// Deterministic: the search visits nodes and edges in the plan's order.
pub(crate) fn break_cycles(n: usize, raw: Vec<(u32, u32, u32)>) -> (Vec<(u32, u32, u32)>, Vec<bool>) {
    let (start, adj) = csr(n, raw.iter().enumerate().map(|(e, &(a, _, _))| (a, e as u32)));
    // 0 = unseen, 1 = on the stack, 2 = done
    let mut state = vec![0u8; n];
    let mut reversed = vec![false; raw.len()];
    let mut stack: Vec<(u32, u32)> = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        stack.push((root as u32, start[root]));
        while let Some(top) = stack.last_mut() {
            let v = top.0 as usize;
            if top.1 < start[v + 1] {
                let e = adj[top.1 as usize] as usize;
                top.1 += 1;
                let w = raw[e].1 as usize;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w as u32, start[w]));
                    }
                    1 => reversed[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    let edges = raw.iter().zip(&reversed).map(|(&(a, b, h), &r)| if r { (b, a, h) } else { (a, b, h) }).collect();
    (edges, reversed)
}

/// Compressed adjacency: `start[v]..start[v+1]` indexes `items` of node v.
pub(crate) fn csr(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; n + 1];
    for (v, _) in pairs.clone() {
        start[v as usize + 1] += 1;
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let mut fill = start.clone();
    let mut items = vec![0u32; start[n] as usize];
    for (v, x) in pairs {
        items[fill[v as usize] as usize] = x;
        fill[v as usize] += 1;
    }
    (start, items)
}

/// A topological order of an acyclic edge list (Kahn, smallest index first among ready).
pub(crate) fn topo_order(n: usize, edges: &[(u32, u32, u32)]) -> Vec<u32> {
    let (start, succ) = csr(n, edges.iter().map(|&(a, b, _)| (a, b)));
    let mut indeg = vec![0u32; n];
    for &(_, b, _) in edges {
        indeg[b as usize] += 1;
    }
    let mut order: Vec<u32> = (0..n as u32).filter(|&v| indeg[v as usize] == 0).collect();
    let mut k = 0;
    while k < order.len() {
        let v = order[k] as usize;
        k += 1;
        for &w in &succ[start[v] as usize..start[v + 1] as usize] {
            indeg[w as usize] -= 1;
            if indeg[w as usize] == 0 {
                order.push(w);
            }
        }
    }
    order
}

/// Layer of each node: every edge goes at least one layer right, and edges are short.
pub(crate) fn layers(n: usize, edges: &[(u32, u32, u32)]) -> Vec<u32> {
    let order = topo_order(n, edges);
    let (ps, pred) = csr(n, edges.iter().map(|&(a, b, _)| (b, a)));
    let (ss, succ) = csr(n, edges.iter().map(|&(a, b, _)| (a, b)));
    let mut layer = vec![0u32; n];
    for &v in &order {
        let v = v as usize;
        layer[v] = pred[ps[v] as usize..ps[v + 1] as usize].iter().map(|&u| layer[u as usize] + 1).max().unwrap_or(0);
    }
    // Balance: move each node within its slack towards the side with more edges. Moving
    // right in reverse topological order lets chains of sources follow their receivers.
    for _round in 0..50 {
        let mut moved = false;
        for &v in order.iter().rev() {
            let v = v as usize;
            let ins = (ps[v + 1] - ps[v]) as usize;
            let outs = (ss[v + 1] - ss[v]) as usize;
            // Ties move too: free for this node, and it lets its givers follow.
            if outs >= ins && outs > 0 {
                if let Some(hi) = succ[ss[v] as usize..ss[v + 1] as usize].iter().map(|&w| layer[w as usize]).min() {
                    if hi > layer[v] + 1 {
                        layer[v] = hi - 1;
                        moved = true;
                    }
                }
            }
        }
        for &v in &order {
            let v = v as usize;
            let ins = (ps[v + 1] - ps[v]) as usize;
            let outs = (ss[v + 1] - ss[v]) as usize;
            if ins > outs {
                let lo = pred[ps[v] as usize..ps[v + 1] as usize].iter().map(|&u| layer[u as usize] + 1).max().unwrap_or(0);
                if lo < layer[v] {
                    layer[v] = lo;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    // Groups: a set of cards tied together (each one's neighbour one layer away) may gain
    // by moving together even when no member gains alone, e.g. a late start of the work
    // whose first steps would otherwise sit at the far left. Network simplex finds these
    // through cut values; here a bounded search tries each node's group one layer at a time.
    let mut mark = vec![0u32; n];
    let mut stamp = 0u32;
    let mut group: Vec<u32> = Vec::new();
    // Bounded by visits too (about 150 per handoff on the largest generated plans).
    let budget = 400 * (n + edges.len()) as u64;
    let mut spent: u64 = 0;
    for _round in 0..8 {
        if spent > budget {
            break;
        }
        let mut gained = false;
        for right in [true, false] {
            let visit: Box<dyn Iterator<Item = &u32>> = if right { Box::new(order.iter().rev()) } else { Box::new(order.iter()) };
            for &v in visit {
                for _step in 0..4096 {
                    stamp += 1;
                    group.clear();
                    group.push(v);
                    mark[v as usize] = stamp;
                    let mut k = 0;
                    let mut delta: i64 = 0;
                    let mut too_big = false;
                    while k < group.len() {
                        let x = group[k] as usize;
                        k += 1;
                        spent += 1;
                        let (ins, outs) = ((ps[x + 1] - ps[x]) as i64, (ss[x + 1] - ss[x]) as i64);
                        delta += if right { ins - outs } else { outs - ins };
                        let ahead =
                            if right { &succ[ss[x] as usize..ss[x + 1] as usize] } else { &pred[ps[x] as usize..ps[x + 1] as usize] };
                        for &w in ahead {
                            let tight = if right { layer[w as usize] == layer[x] + 1 } else { layer[w as usize] + 1 == layer[x] };
                            if tight && mark[w as usize] != stamp {
                                mark[w as usize] = stamp;
                                group.push(w);
                            }
                        }
                        if group.len() > 64 || (!right && layer[x] == 0) {
                            too_big = true;
                            break;
                        }
                    }
                    if too_big || delta >= 0 {
                        break;
                    }
                    for &x in &group {
                        if right {
                            layer[x as usize] += 1;
                        } else {
                            layer[x as usize] -= 1;
                        }
                    }
                    gained = true;
                }
            }
        }
        if !gained {
            break;
        }
    }
    // No empty first layers.
    let min = layer.iter().copied().min().unwrap_or(0);
    for l in &mut layer {
        *l -= min;
    }
    layer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cycle_is_broken_by_reversing_one_edge() {
        let (edges, reversed) = break_cycles(3, vec![(0, 1, 0), (1, 2, 1), (2, 0, 2)]);
        assert_eq!(reversed.iter().filter(|r| **r).count(), 1);
        assert_eq!(topo_order(3, &edges).len(), 3);
    }

    #[test]
    fn every_edge_goes_right_and_sources_sit_next_to_their_receivers() {
        // 0 -> 1 -> 2 -> 3, and 4 -> 3: 4 belongs in layer 2, not 0.
        let edges = vec![(0, 1, 0), (1, 2, 1), (2, 3, 2), (4, 3, 3)];
        let l = layers(5, &edges);
        assert!(edges.iter().all(|&(a, b, _)| l[a as usize] < l[b as usize]));
        assert_eq!(l[4], 2);
    }
}
