//! The order of cards inside each column: long handoffs become chains of bend points (one per
//! column they pass), then barycenter sweeps left and right, each followed by transposition of
//! neighbours while it removes crossings, from a depth-first start and from seeded random
//! restarts, keep the order with the fewest crossings. The number of sweeps and restarts
//! scales down with the size of the graph so that big plans stay fast; it never depends on
//! the clock, so the result is the same on every machine.
//!
//! In Seams every node carries a key (its lane, then its wave or site group) and a column is
//! always sorted by key first, so lanes never interleave.

use super::rank::csr;
use super::Graph;

/// The layered graph: real nodes `0..n`, then the bend points of long handoffs.
pub(crate) struct Layered {
    pub layer: Vec<u32>,
    /// For a bend point, the giver of its handoff; for a card, itself.
    pub origin: Vec<u32>,
    /// Per acyclic edge (same index as `Graph::edges`): its bend points, left to right.
    pub chains: Vec<Vec<u32>>,
    pub up_start: Vec<u32>,
    pub up: Vec<u32>,
    pub down_start: Vec<u32>,
    pub down: Vec<u32>,
    /// Nodes of each layer in order.
    pub layers: Vec<Vec<u32>>,
    /// Index of each node inside its layer.
    pub pos: Vec<u32>,
    /// Sort key (lane, group): columns stay sorted by it.
    pub key: Vec<u64>,
}

impl Layered {
    pub fn new(n: usize, edges: &[(u32, u32, u32)], layer_of: &[u32]) -> Layered {
        let mut layer: Vec<u32> = layer_of.to_vec();
        let mut origin: Vec<u32> = (0..n as u32).collect();
        let mut chains = Vec::with_capacity(edges.len());
        let mut segs: Vec<(u32, u32)> = Vec::with_capacity(edges.len() * 2);
        for &(a, b, _) in edges {
            let (la, lb) = (layer[a as usize], layer[b as usize]);
            let mut chain = Vec::new();
            let mut prev = a;
            for l in la + 1..lb {
                let d = layer.len() as u32;
                layer.push(l);
                origin.push(a);
                chain.push(d);
                segs.push((prev, d));
                prev = d;
            }
            segs.push((prev, b));
            chains.push(chain);
        }
        let total = layer.len();
        let (down_start, down) = csr(total, segs.iter().map(|&(a, b)| (a, b)));
        let (up_start, up) = csr(total, segs.iter().map(|&(a, b)| (b, a)));
        let nl = layer.iter().max().map_or(0, |m| *m as usize + 1);
        let mut layers: Vec<Vec<u32>> = vec![Vec::new(); nl];
        for (v, &l) in layer.iter().enumerate() {
            layers[l as usize].push(v as u32);
        }
        let mut pos = vec![0u32; total];
        for l in &layers {
            for (k, &v) in l.iter().enumerate() {
                pos[v as usize] = k as u32;
            }
        }
        Layered { layer, origin, chains, up_start, up, down_start, down, layers, pos, key: vec![0; total] }
    }

    pub fn len(&self) -> usize {
        self.layer.len()
    }

    pub fn ups(&self, v: usize) -> &[u32] {
        &self.up[self.up_start[v] as usize..self.up_start[v + 1] as usize]
    }

    pub fn downs(&self, v: usize) -> &[u32] {
        &self.down[self.down_start[v] as usize..self.down_start[v + 1] as usize]
    }

    /// Every layer sorted by key, then by the given heights.
    pub fn reorder_by(&mut self, y: &[f64]) {
        for l in 0..self.layers.len() {
            let key = &self.key;
            self.layers[l]
                .sort_by(|&a, &b| key[a as usize].cmp(&key[b as usize]).then(y[a as usize].total_cmp(&y[b as usize])).then(a.cmp(&b)));
            self.reindex(l);
        }
    }

    fn reindex(&mut self, l: usize) {
        for (k, &v) in self.layers[l].iter().enumerate() {
            self.pos[v as usize] = k as u32;
        }
    }

    /// Crossings between layers l and l+1 (accumulator tree count of inversions).
    fn crossings_between(&self, l: usize, tree: &mut Vec<u32>, buf: &mut Vec<u32>) -> u64 {
        let lower = self.layers[l + 1].len();
        let mut size = 1;
        while size < lower.max(1) {
            size *= 2;
        }
        tree.clear();
        tree.resize(2 * size, 0);
        let mut count = 0u64;
        for &v in &self.layers[l] {
            buf.clear();
            buf.extend(self.downs(v as usize).iter().map(|&w| self.pos[w as usize]));
            buf.sort_unstable();
            for &p in buf.iter() {
                let mut i = p as usize + size;
                tree[i] += 1;
                while i > 1 {
                    if i % 2 == 0 {
                        count += u64::from(tree[i + 1]);
                    }
                    i /= 2;
                    tree[i] += 1;
                }
            }
        }
        count
    }

    pub fn crossings(&self) -> u64 {
        let mut tree = Vec::new();
        let mut buf = Vec::new();
        (0..self.layers.len().saturating_sub(1)).map(|l| self.crossings_between(l, &mut tree, &mut buf)).sum()
    }

    /// Reorders layer l by the barycenter of its neighbours on one side, within its keys.
    fn sort_by_barycenter(&mut self, l: usize, from_up: bool, items: &mut Vec<(u64, f64, u32, u32)>) {
        items.clear();
        for &v in &self.layers[l] {
            let nb = if from_up { self.ups(v as usize) } else { self.downs(v as usize) };
            let bary = if nb.is_empty() {
                f64::from(self.pos[v as usize])
            } else {
                nb.iter().map(|&w| f64::from(self.pos[w as usize])).sum::<f64>() / nb.len() as f64
            };
            items.push((self.key[v as usize], bary, self.pos[v as usize], v));
        }
        items.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (k, it) in items.iter().enumerate() {
            self.layers[l][k] = it.3;
        }
        self.reindex(l);
    }

    /// Crossings (u before v, v before u) among the edges of u and v towards one side.
    fn pair_crossings(&self, u: usize, v: usize, bu: &mut Vec<u32>, bv: &mut Vec<u32>, up: bool) -> (u64, u64) {
        bu.clear();
        bv.clear();
        let (nu, nv) = if up { (self.ups(u), self.ups(v)) } else { (self.downs(u), self.downs(v)) };
        bu.extend(nu.iter().map(|&w| self.pos[w as usize]));
        bv.extend(nv.iter().map(|&w| self.pos[w as usize]));
        if bu.is_empty() || bv.is_empty() {
            return (0, 0);
        }
        bu.sort_unstable();
        bv.sort_unstable();
        // uv: pairs a in u, b in v with a > b; vu: a < b.
        let (mut uv, mut vu) = (0u64, 0u64);
        let (mut lt, mut le) = (0usize, 0usize);
        for &a in bu.iter() {
            while lt < bv.len() && bv[lt] < a {
                lt += 1;
            }
            while le < bv.len() && bv[le] <= a {
                le += 1;
            }
            uv += lt as u64;
            vu += (bv.len() - le) as u64;
        }
        (uv, vu)
    }

    /// Swaps neighbours of layer l while that removes crossings; returns the crossings removed.
    fn transpose_layer(&mut self, l: usize, bu: &mut Vec<u32>, bv: &mut Vec<u32>) -> u64 {
        let mut gained = 0;
        for _pass in 0..8 {
            let mut improved = false;
            for k in 0..self.layers[l].len().saturating_sub(1) {
                let (u, v) = (self.layers[l][k] as usize, self.layers[l][k + 1] as usize);
                if self.key[u] != self.key[v] {
                    continue;
                }
                let (a1, b1) = self.pair_crossings(u, v, bu, bv, true);
                let (a2, b2) = self.pair_crossings(u, v, bu, bv, false);
                if b1 + b2 < a1 + a2 {
                    gained += a1 + a2 - b1 - b2;
                    self.layers[l].swap(k, k + 1);
                    self.pos[u] = k as u32 + 1;
                    self.pos[v] = k as u32;
                    improved = true;
                }
            }
            if !improved {
                break;
            }
        }
        gained
    }

    fn transpose(&mut self) {
        let mut bu = Vec::new();
        let mut bv = Vec::new();
        for _round in 0..4 {
            let mut gained = 0;
            for l in 0..self.layers.len() {
                gained += self.transpose_layer(l, &mut bu, &mut bv);
            }
            if gained == 0 {
                break;
            }
        }
    }

    fn sweep(&mut self, downwards: bool, items: &mut Vec<(u64, f64, u32, u32)>) {
        let nl = self.layers.len();
        if downwards {
            for l in 1..nl {
                self.sort_by_barycenter(l, true, items);
            }
        } else {
            for l in (0..nl.saturating_sub(1)).rev() {
                self.sort_by_barycenter(l, false, items);
            }
        }
    }

    /// Initial order: depth first along the handoffs from the plan's first initiatives, so
    /// that what belongs together starts together; then sorted by key.
    fn dfs_start(&mut self) {
        let total = self.len();
        let mut seen = vec![false; total];
        let mut layers: Vec<Vec<u32>> = vec![Vec::new(); self.layers.len()];
        let mut stack: Vec<u32> = Vec::new();
        let roots = (0..total).filter(|&v| self.ups(v).is_empty()).chain(0..total);
        for root in roots {
            if seen[root] {
                continue;
            }
            stack.push(root as u32);
            while let Some(v) = stack.pop() {
                let v = v as usize;
                if seen[v] {
                    continue;
                }
                seen[v] = true;
                layers[self.layer[v] as usize].push(v as u32);
                for &w in self.downs(v).iter().rev() {
                    if !seen[w as usize] {
                        stack.push(w);
                    }
                }
            }
        }
        self.layers = layers;
        self.sort_keys();
    }

    fn shuffle(&mut self, rng: &mut u64) {
        for l in 0..self.layers.len() {
            let layer = &mut self.layers[l];
            for k in (1..layer.len()).rev() {
                let j = (next(rng) % (k as u64 + 1)) as usize;
                layer.swap(k, j);
            }
        }
        self.sort_keys();
    }

    fn sort_keys(&mut self) {
        for l in 0..self.layers.len() {
            let key = &self.key;
            self.layers[l].sort_by_key(|&v| key[v as usize]);
            self.reindex(l);
        }
    }
}

/// xorshift64*: the restarts' shuffles, seeded so that runs repeat.
fn next(state: &mut u64) -> u64 {
    let mut x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    x.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

/// Orders every layer to reduce crossings (see the module doc).
/// `seed` 0 starts depth first, any other from a shuffle; `budget` bounds the node visits.
pub(crate) fn minimise(lg: &mut Layered, seed: u64, budget: u64) {
    let work = (lg.len() + lg.down.len()).max(1) as u64;
    let sweeps_per_run: u64 = 24;
    let runs = (budget / (work * sweeps_per_run * 6)).clamp(1, 24);
    let max_sweeps = (budget / (work * 6)).clamp(2, sweeps_per_run) as usize;
    let mut items = Vec::new();
    let mut best: Option<(u64, Vec<Vec<u32>>)> = None;
    let mut rng: u64 = 0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    for run in 0..runs {
        if run == 0 && seed == 0 {
            lg.dfs_start();
        } else {
            lg.shuffle(&mut rng);
        }
        let mut run_best = u64::MAX;
        let mut stale = 0;
        for s in 0..max_sweeps {
            lg.sweep(s % 2 == 0, &mut items);
            lg.transpose();
            let c = lg.crossings();
            if c < run_best {
                run_best = c;
                stale = 0;
                if best.as_ref().is_none_or(|b| c < b.0) {
                    best = Some((c, lg.layers.clone()));
                }
            } else {
                stale += 1;
                if stale >= 3 {
                    break;
                }
            }
            if c == 0 {
                break;
            }
        }
        if best.as_ref().is_some_and(|b| b.0 == 0) {
            break;
        }
    }
    if let Some((_, layers)) = best {
        lg.layers = layers;
        for l in 0..lg.layers.len() {
            lg.reindex(l);
        }
    }
}

/// Lane order for Seams: teams that hand off to each other sit next to each other (a local
/// search on the sum of seams times lanes crossed); the lane without a team comes last.
pub(crate) fn lane_order(g: &Graph) -> Vec<u32> {
    let k = g.lane_names.len();
    let none = g.lane_names.iter().position(Option::is_none);
    let mut w = vec![0u64; k * k];
    for &(a, b, _) in &g.edges {
        let (la, lb) = (g.lane[a as usize] as usize, g.lane[b as usize] as usize);
        if la != lb {
            w[la * k + lb] += 1;
            w[lb * k + la] += 1;
        }
    }
    let mut order: Vec<usize> = (0..k).filter(|&l| Some(l) != none).collect();
    let cost = |order: &[usize]| -> u64 {
        let mut c = 0;
        for i in 0..order.len() {
            for j in i + 1..order.len() {
                c += w[order[i] * k + order[j]] * (j - i) as u64;
            }
        }
        c
    };
    if order.len() <= 60 {
        let mut current = cost(&order);
        for _round in 0..20 {
            let mut improved = false;
            for i in 0..order.len() {
                for j in 0..order.len() {
                    if i == j {
                        continue;
                    }
                    let mut trial = order.clone();
                    let lane = trial.remove(i);
                    trial.insert(j, lane);
                    let c = cost(&trial);
                    if c < current {
                        current = c;
                        order = trial;
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }
    if let Some(nl) = none {
        order.push(nl);
    }
    let mut rank = vec![0u32; k];
    for (r, &l) in order.iter().enumerate() {
        rank[l] = r as u32;
    }
    rank
}
