//! Vertical coordinates, the order inside each column being fixed: every node wants to sit
//! at the weighted mean height of its neighbours (bend points of a long handoff pull hardest,
//! as in dot, so long handoffs run straight), and the nodes of a column must keep their
//! order and spacing. Each column's best heights under those constraints are an isotonic
//! regression, solved exactly by pool-adjacent-violators in linear time; sweeping the columns
//! left to right and back a few times settles the whole drawing (a priority method in
//! spirit, without its priorities: the weights do that job).
//!
//! In Seams each lane is placed on its own (neighbours in other lanes do not pull), then the
//! lanes are stacked by the caller.

use super::order::Layered;

/// Centre height of every node of `lg`, per segment starting at 0 (the top of its topmost
/// node). `seg`: lane per node; `heights`: 0 for bend points; `n`: number of cards.
pub(crate) fn assign(lg: &Layered, seg: &[u32], heights: &[f64], gap: f64, n: usize) -> Vec<f64> {
    let total = lg.len();
    let mut y = vec![0.0f64; total];
    let sep = |a: usize, b: usize| -> f64 {
        let g = if a < n && b < n { gap } else { gap / 2.0 };
        let group = if lg.key[a] != lg.key[b] { gap } else { 0.0 };
        (heights[a] + heights[b]) / 2.0 + g + group
    };
    // Start: each column of each lane stacked and centred on 0.
    for layer in &lg.layers {
        let mut k = 0;
        while k < layer.len() {
            let s = seg[layer[k] as usize];
            let mut end = k + 1;
            while end < layer.len() && seg[layer[end] as usize] == s {
                end += 1;
            }
            let mut at = 0.0;
            for i in k..end {
                if i > k {
                    at += sep(layer[i - 1] as usize, layer[i] as usize);
                }
                y[layer[i] as usize] = at;
            }
            for i in k..end {
                y[layer[i] as usize] -= at / 2.0;
            }
            k = end;
        }
    }
    let work = (total + lg.down.len()).max(1);
    // Sweeps until settled for small drawings; bounded by work for the largest (the heights
    // change little after the first few sweeps there, and each sweep visits every node).
    let iterations = (2_000_000 / work).clamp(3, 30);
    let weight = |a: usize, b: usize| -> f64 {
        match (a >= n, b >= n) {
            (true, true) => 8.0,
            (false, false) => 1.0,
            _ => 2.0,
        }
    };
    let mut target = Vec::new();
    let mut wts = Vec::new();
    let mut offset = Vec::new();
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for it in 0..iterations * 2 {
        let forward = it % 2 == 0;
        let nl = lg.layers.len();
        for step in 0..nl {
            let l = if forward { step } else { nl - 1 - step };
            let layer = &lg.layers[l];
            let mut k = 0;
            while k < layer.len() {
                let s = seg[layer[k] as usize];
                let mut end = k + 1;
                while end < layer.len() && seg[layer[end] as usize] == s {
                    end += 1;
                }
                target.clear();
                wts.clear();
                offset.clear();
                let mut o = 0.0;
                for i in k..end {
                    let v = layer[i] as usize;
                    if i > k {
                        o += sep(layer[i - 1] as usize, v);
                    }
                    let (mut sw, mut swy) = (0.0, 0.0);
                    for &u in lg.ups(v).iter().chain(lg.downs(v)) {
                        let u = u as usize;
                        if seg[u] == s {
                            let w = weight(u, v);
                            sw += w;
                            swy += w * y[u];
                        }
                    }
                    let (d, w) = if sw > 0.0 { (swy / sw, sw) } else { (y[v], 1e-3) };
                    target.push(d - o);
                    wts.push(w);
                    offset.push(o);
                }
                isotonic(&target, &wts, &mut blocks);
                let mut i = k;
                for &(swt, sw, count) in &blocks {
                    let z = swt / sw;
                    for _ in 0..count {
                        y[layer[i] as usize] = z + offset[i - k];
                        i += 1;
                    }
                }
                k = end;
            }
        }
    }
    // Each lane's topmost edge at 0.
    let nseg = seg.iter().max().map_or(0, |m| *m as usize + 1);
    let mut top = vec![f64::INFINITY; nseg];
    for v in 0..total {
        let s = seg[v] as usize;
        top[s] = top[s].min(y[v] - heights[v] / 2.0);
    }
    for v in 0..total {
        y[v] -= top[seg[v] as usize];
    }
    y
}

/// Weighted isotonic regression by pool-adjacent-violators: the nondecreasing sequence
/// nearest to `t`, as blocks of (sum of w*t, sum of w, length).
fn isotonic(t: &[f64], w: &[f64], blocks: &mut Vec<(f64, f64, usize)>) {
    blocks.clear();
    for (i, &ti) in t.iter().enumerate() {
        blocks.push((w[i] * ti, w[i], 1));
        while blocks.len() >= 2 {
            let last = blocks[blocks.len() - 1];
            let prev = blocks[blocks.len() - 2];
            if prev.0 / prev.1 > last.0 / last.1 {
                blocks.pop();
                let b = blocks.len() - 1;
                blocks[b] = (prev.0 + last.0, prev.1 + last.1, prev.2 + last.2);
            } else {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_violators_to_their_mean() {
        let mut b = Vec::new();
        isotonic(&[1.0, 3.0, 2.0, 4.0], &[1.0; 4], &mut b);
        let means: Vec<f64> = b.iter().flat_map(|&(s, w, c)| std::iter::repeat_n(s / w, c)).collect();
        assert_eq!(means, vec![1.0, 2.5, 2.5, 4.0]);
    }
}
