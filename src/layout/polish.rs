//! The last pass of the full layout, on the drawing as it is measured: handoffs as straight
//! lines between card centres. Two neighbouring cards of a column (same lane and group)
//! trade places when that removes crossings of those straight lines. The layered steps
//! before it count crossings between bend points; a long handoff drawn straight passes
//! other columns at heights of its own, which this pass sees and they do not.
//!
//! Columns are evenly spaced, so the strip between two columns holds the pieces of the
//! handoffs that span it, and a handoff meets only the pieces of the strips it spans.

/// `layer`: column per card; `y`: centre height per card (changed in place); `key`: cards
/// trade places only with a neighbour of the same key; `edges`: (giver, receiver) cards.
pub(crate) fn swap_cards(layer: &[u32], y: &mut [f64], key: &[u64], edges: &[(u32, u32)], budget: u64) {
    let n = y.len();
    let nl = layer.iter().max().map_or(0, |m| *m as usize + 1);
    if nl < 2 {
        return;
    }
    // Edges oriented left to right; same-column edges are ignored.
    let segs: Vec<(u32, u32)> = edges
        .iter()
        .filter(|&&(a, b)| layer[a as usize] != layer[b as usize])
        .map(|&(a, b)| if layer[a as usize] < layer[b as usize] { (a, b) } else { (b, a) })
        .collect();
    let mut strips: Vec<Vec<u32>> = vec![Vec::new(); nl - 1];
    for (e, &(a, b)) in segs.iter().enumerate() {
        for k in layer[a as usize]..layer[b as usize] {
            strips[k as usize].push(e as u32);
        }
    }
    let mut incident: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (e, &(a, b)) in segs.iter().enumerate() {
        incident[a as usize].push(e as u32);
        incident[b as usize].push(e as u32);
    }
    // Cards of each column, top to bottom.
    let mut column: Vec<Vec<u32>> = vec![Vec::new(); nl];
    for v in 0..n {
        column[layer[v] as usize].push(v as u32);
    }
    for c in &mut column {
        c.sort_by(|&a, &b| y[a as usize].total_cmp(&y[b as usize]).then(a.cmp(&b)));
    }
    let mut mark = vec![0u32; segs.len()];
    let mut stamp = 0u32;
    let mut spent: u64 = 0;
    let mut affected: Vec<u32> = Vec::new();
    // Trades places of the cards at k and k + 1 of column c; returns the change in crossings.
    let mut trade = |column: &mut Vec<Vec<u32>>, y: &mut [f64], c: usize, k: usize, spent: &mut u64| -> i64 {
        let (u, v) = (column[c][k] as usize, column[c][k + 1] as usize);
        stamp += 1;
        affected.clear();
        for &e in incident[u].iter().chain(&incident[v]) {
            if mark[e as usize] != stamp {
                mark[e as usize] = stamp;
                affected.push(e);
            }
        }
        let before = count(&segs, &strips, layer, y, &affected, &mark, stamp, spent);
        y.swap(u, v);
        column[c].swap(k, k + 1);
        let after = count(&segs, &strips, layer, y, &affected, &mark, stamp, spent);
        after as i64 - before as i64
    };
    // Neighbours trade places while that removes crossings.
    for _round in 0..12 {
        let mut gained = false;
        for c in 0..nl {
            for k in 0..column[c].len().saturating_sub(1) {
                let (u, v) = (column[c][k] as usize, column[c][k + 1] as usize);
                if key[u] != key[v] || incident[u].is_empty() && incident[v].is_empty() {
                    continue;
                }
                if trade(&mut column, y, c, k, &mut spent) < 0 {
                    gained = true;
                } else {
                    trade(&mut column, y, c, k, &mut spent);
                }
                if spent > budget {
                    return;
                }
            }
        }
        if !gained {
            break;
        }
    }
}

/// Crossings of the `affected` edges (marked with `stamp`) with every edge, each pair once.
#[allow(clippy::too_many_arguments)]
fn count(
    segs: &[(u32, u32)],
    strips: &[Vec<u32>],
    layer: &[u32],
    y: &[f64],
    affected: &[u32],
    mark: &[u32],
    stamp: u32,
    spent: &mut u64,
) -> u64 {
    let at = |e: u32, k: u32| -> f64 {
        let (a, b) = segs[e as usize];
        let (la, lb) = (layer[a as usize], layer[b as usize]);
        let (ya, yb) = (y[a as usize], y[b as usize]);
        ya + (yb - ya) * f64::from(k - la) / f64::from(lb - la)
    };
    let mut total = 0;
    for &e in affected {
        let (a, b) = segs[e as usize];
        for k in layer[a as usize]..layer[b as usize] {
            let (l, r) = (at(e, k), at(e, k + 1));
            let strip = &strips[k as usize];
            *spent += strip.len() as u64;
            for &f in strip {
                if f == e || (mark[f as usize] == stamp && f < e) {
                    continue;
                }
                let (c, d) = segs[f as usize];
                if c == a || c == b || d == a || d == b {
                    continue;
                }
                if (l - at(f, k)) * (r - at(f, k + 1)) < 0.0 {
                    total += 1;
                }
            }
        }
    }
    total
}
