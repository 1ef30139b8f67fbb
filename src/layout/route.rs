//! Routes: each handoff leaves its giver's card on the right side and enters its receiver's
//! card on the left side, at ports spread along the side in the order of where the lines go
//! (so lines leaving one card do not cross each other at the card). Between columns a route
//! is a straight segment in the gap, where there are no cards; inside every column it passes
//! it runs level through free space at the height its bend point was given (or the nearest
//! free height). A handoff drawn against the flow (it closes a cycle, or a hand-placed card
//! sits left of its giver) goes around below both cards.

use super::{Graph, Size};

/// Sorted card spans (top, bottom) of one column.
type Column = Vec<(f64, f64)>;

/// One polyline per edge of `g.edges`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn routes(
    g: &Graph,
    pos: &[(f64, f64)],
    heights: &[f64],
    column: &[i64],
    via: &[Vec<f64>],
    card: Size,
    gap_x: f64,
    gap_y: f64,
) -> Vec<Vec<[f64; 2]>> {
    let w = card.width;
    let pitch = w + gap_x;
    // Cards by the columns they overlap.
    let max_col = column.iter().copied().max().unwrap_or(0).max(0) + 2;
    let mut cols: Vec<Column> = vec![Vec::new(); max_col as usize + 1];
    for (v, p) in pos.iter().enumerate() {
        let c = column[v];
        for c in [c - 1, c, c + 1] {
            if c >= 0 && (c as usize) < cols.len() && (c as f64 * pitch - p.0).abs() < w {
                cols[c as usize].push((p.1, p.1 + heights[v]));
            }
        }
    }
    for c in &mut cols {
        c.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let clearance = gap_y / 4.0;
    let centre = |v: usize| (pos[v].0 + w / 2.0, pos[v].1 + heights[v] / 2.0);

    // Middle points (without ports), and where each route goes next from its ends.
    let mut middles: Vec<Vec<[f64; 2]>> = Vec::with_capacity(g.edges.len());
    let mut ends: Vec<(usize, usize, f64, f64)> = Vec::with_capacity(g.edges.len());
    for (e, &(a, b, _)) in g.edges.iter().enumerate() {
        let (giver, receiver) = if g.reversed[e] { (b as usize, a as usize) } else { (a as usize, b as usize) };
        let (xg, xr) = (pos[giver].0, pos[receiver].0);
        let mut mid: Vec<[f64; 2]> = Vec::new();
        if xg + w <= xr {
            let first = ((xg + w - 0.5) / pitch).ceil().max(0.0) as i64;
            let last = ((xr + 0.5 - w) / pitch).floor() as i64;
            let passes: Vec<i64> = (first..=last).filter(|&c| c >= 0).collect();
            let (cg, cr) = (centre(giver), centre(receiver));
            let chain = &via[e];
            for (k, &c) in passes.iter().enumerate() {
                let cx = c as f64 * pitch;
                let want = if chain.len() == passes.len() {
                    let k = if g.reversed[e] { chain.len() - 1 - k } else { k };
                    chain[k]
                } else {
                    let t = (cx + w / 2.0 - cg.0) / (cr.0 - cg.0).max(1e-9);
                    cg.1 + t * (cr.1 - cg.1)
                };
                let y = match cols.get(c as usize) {
                    Some(spans) => free_height(spans, want, clearance),
                    None => want,
                };
                mid.push([cx, y]);
                mid.push([cx + w, y]);
            }
        } else {
            // Against the flow: around every card of the columns between, above or below,
            // whichever is nearer.
            let (out_x, in_x) = (xg + w + gap_x / 2.0, xr - gap_x / 2.0);
            let (mut top, mut bottom) =
                (pos[giver].1.min(pos[receiver].1), (pos[giver].1 + heights[giver]).max(pos[receiver].1 + heights[receiver]));
            let first = (in_x / pitch).floor().max(0.0) as usize;
            let last = ((out_x / pitch).ceil().max(0.0) as usize).min(cols.len().saturating_sub(1));
            for spans in cols.get(first..=last).unwrap_or(&[]) {
                if let (Some(a), Some(b)) = (spans.first(), spans.iter().map(|s| s.1).reduce(f64::max)) {
                    top = top.min(a.0);
                    bottom = bottom.max(b);
                }
            }
            let mid_y = (centre(giver).1 + centre(receiver).1) / 2.0;
            let below = if bottom - mid_y <= mid_y - top { bottom + gap_y / 2.0 } else { top - gap_y / 2.0 };
            mid.push([out_x, f64::NAN]);
            mid.push([out_x, below]);
            mid.push([in_x, below]);
            mid.push([in_x, f64::NAN]);
        }
        let next = mid.iter().map(|p| p[1]).find(|y| !y.is_nan()).unwrap_or(centre(receiver).1);
        let prev = mid.iter().rev().map(|p| p[1]).find(|y| !y.is_nan()).unwrap_or(centre(giver).1);
        ends.push((giver, receiver, next, prev));
        middles.push(mid);
    }

    // Ports: spread along the side, in the order of the neighbouring point.
    let mut out_port = vec![0.0; g.edges.len()];
    let mut in_port = vec![0.0; g.edges.len()];
    let mut by_giver: Vec<Vec<u32>> = vec![Vec::new(); pos.len()];
    let mut by_receiver: Vec<Vec<u32>> = vec![Vec::new(); pos.len()];
    for (e, &(gv, rv, _, _)) in ends.iter().enumerate() {
        by_giver[gv].push(e as u32);
        by_receiver[rv].push(e as u32);
    }
    for (v, list) in by_giver.iter_mut().enumerate() {
        list.sort_by(|&a, &b| ends[a as usize].2.total_cmp(&ends[b as usize].2).then(a.cmp(&b)));
        let k = list.len() as f64;
        for (i, &e) in list.iter().enumerate() {
            out_port[e as usize] = pos[v].1 + heights[v] * (i as f64 + 1.0) / (k + 1.0);
        }
    }
    for (v, list) in by_receiver.iter_mut().enumerate() {
        list.sort_by(|&a, &b| ends[a as usize].3.total_cmp(&ends[b as usize].3).then(a.cmp(&b)));
        let k = list.len() as f64;
        for (i, &e) in list.iter().enumerate() {
            in_port[e as usize] = pos[v].1 + heights[v] * (i as f64 + 1.0) / (k + 1.0);
        }
    }
    let mut out = Vec::with_capacity(g.edges.len());
    for (e, mut mid) in middles.into_iter().enumerate() {
        let (gv, rv, _, _) = ends[e];
        let (po, pi) = (round(out_port[e]), round(in_port[e]));
        if let Some(first) = mid.first_mut() {
            if first[1].is_nan() {
                first[1] = po;
            }
        }
        if let Some(last) = mid.last_mut() {
            if last[1].is_nan() {
                last[1] = pi;
            }
        }
        let mut points = Vec::with_capacity(mid.len() + 2);
        points.push([pos[gv].0 + w, po]);
        points.extend(mid.into_iter().map(|p| [round(p[0]), round(p[1])]));
        points.push([pos[rv].0, pi]);
        out.push(points);
    }
    out
}

/// The height nearest `want` that keeps `clearance` from every span of the column.
fn free_height(spans: &[(f64, f64)], want: f64, clearance: f64) -> f64 {
    let blocked = |y: f64| -> Option<usize> {
        // The last span starting above y + clearance is the only candidate that can hold y,
        // together with its predecessors whose bottom reaches y (spans do not nest).
        let k = spans.partition_point(|s| s.0 - clearance < y);
        (0..k).rev().take(3).find(|&i| spans[i].1 + clearance > y)
    };
    let Some(first) = blocked(want) else { return want };
    let mut up = spans[first].0 - clearance - 0.5;
    while let Some(i) = blocked(up) {
        up = spans[i].0 - clearance - 0.5;
    }
    let mut down = spans[first].1 + clearance + 0.5;
    while let Some(i) = blocked(down) {
        down = spans[i].1 + clearance + 0.5;
    }
    if want - up <= down - want {
        up
    } else {
        down
    }
}

/// A handoff from a card to itself: out of the right side, over the top, into the left side.
pub(crate) fn self_loop(p: (f64, f64), card: Size) -> Vec<[f64; 2]> {
    let m = (card.height / 4.0).round();
    let mid = p.1 + card.height / 2.0;
    vec![
        [p.0 + card.width, mid],
        [p.0 + card.width + m, mid],
        [p.0 + card.width + m, p.1 - m],
        [p.0 - m, p.1 - m],
        [p.0 - m, mid],
        [p.0, mid],
    ]
}

fn round(v: f64) -> f64 {
    (v * 4.0).round() / 4.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blocked_height_moves_to_the_nearest_gap() {
        let spans = vec![(0.0, 60.0), (84.0, 144.0)];
        assert_eq!(free_height(&spans, 72.0, 6.0), 72.0);
        let y = free_height(&spans, 100.0, 6.0);
        assert!(y < 84.0 - 6.0 && y > 60.0 + 6.0 || y > 150.0, "{y}");
        assert!(free_height(&spans, 10.0, 6.0) < -6.0);
    }
}
