//! Layout after an edit: given the previous layout, every card stays where it was unless the
//! edit forces it to move, so a person's mental map survives. A card moves only when a new
//! handoff needs its receiver right of its giver (then the receiver, and only those of its
//! receivers that would otherwise be out of order, shift right by as few columns as needed),
//! when its team (lane) changed, when it is new, or when the user asked to arrange it again.
//! Moving and new cards take the free place of their column nearest the mean height of
//! their neighbours; in Seams a lane that has no room left grows at its bottom. Linear in the
//! plan apart from sorting: milliseconds for thousands of initiatives.

use rustc_hash::FxHashMap;

use super::rank::{csr, topo_order};
use super::{gap_x, gap_y, lane_pad, Arrangement, Config, Geometry, Graph, Layout};
use crate::model::Plan;

/// Cards of one column, as sorted (top, bottom) spans.
#[derive(Default, Clone)]
struct Occupied(Vec<(f64, f64)>);

impl Occupied {
    fn insert(&mut self, top: f64, bottom: f64) {
        let k = self.0.partition_point(|s| s.0 < top);
        self.0.insert(k, (top, bottom));
    }

    fn is_free(&self, top: f64, bottom: f64, gap: f64) -> bool {
        let k = self.0.partition_point(|s| s.0 < bottom + gap);
        self.0[..k].iter().rev().take(4).all(|s| s.1 + gap <= top)
    }

    /// The top nearest `want` in [lo, hi] where a card of `height` fits; None if none does.
    fn nearest(&self, want: f64, height: f64, gap: f64, lo: f64, hi: f64) -> Option<f64> {
        let want = want.clamp(lo, hi.max(lo));
        if want <= hi && self.is_free(want, want + height, gap) {
            return Some(want);
        }
        // Candidates: just above or just below every card of the column, and the bounds.
        let mut best: Option<f64> = None;
        let mut consider = |y: f64| {
            if y.is_finite()
                && y >= lo - 1e-9
                && y <= hi + 1e-9
                && self.is_free(y, y + height, gap)
                && best.is_none_or(|b| (y - want).abs() < (b - want).abs())
            {
                best = Some(y);
            }
        };
        consider(lo);
        consider(hi);
        for &(top, bottom) in &self.0 {
            consider(top - gap - height);
            consider(bottom + gap);
        }
        best
    }
}

/// `heights`: each card's height (as tall as its name needs).
pub(crate) fn layout(
    plan: &Plan,
    g: &Graph,
    config: &Config,
    pins: &[Option<(f64, f64)>],
    selected: &[bool],
    prev: &Layout,
    heights: &[f64],
) -> Geometry {
    let card = config.card;
    // The shortest card sets the lanes' margins, as in `Layout::lanes`.
    let (w, h) = (card.width, heights.iter().copied().reduce(f64::min).unwrap_or(card.height));
    let pitch = w + gap_x(card);
    let gap = gap_y(card);
    let seams = config.arrangement == Arrangement::Seams;
    let n = g.n;
    let before: FxHashMap<&str, usize> = prev.cards.iter().enumerate().map(|(k, c)| (c.id.as_str(), k)).collect();
    let lane_of = |v: usize| &g.lane_names[g.lane[v] as usize];

    // What is known of each card before the edit.
    let mut known: Vec<Option<(f64, f64)>> = vec![None; n];
    let mut hard = vec![false; n];
    let mut fixed_x = vec![false; n];
    for v in 0..n {
        let old = before.get(plan.initiatives[v].id.as_str()).map(|&k| &prev.cards[k]);
        let old = old.filter(|c| !selected[v] && (!seams || c.lane.as_ref() == Some(lane_of(v))));
        match (pins[v], seams) {
            (Some(p), false) => {
                known[v] = Some(p);
                hard[v] = true;
            }
            (Some(p), true) => {
                fixed_x[v] = true;
                known[v] = Some((p.0, old.map_or(f64::NAN, |c| c.y)));
            }
            (None, _) => known[v] = old.map(|c| (c.x, c.y)),
        }
    }

    // Columns: as before unless a handoff needs the receiver further right.
    let order = topo_order(n, &g.edges);
    let (ps, pred) = csr(n, g.edges.iter().map(|&(a, b, _)| (b, a)));
    let (ss, succ) = csr(n, g.edges.iter().map(|&(a, b, _)| (a, b)));
    let col_of = |x: f64| (x / pitch).round().max(0.0) as i64;
    // In-edges of each node as edge indexes, to relax some of them.
    let (pe_start, pe) = csr(n, g.edges.iter().enumerate().map(|(e, &(_, b, _))| (b, e as u32)));
    let columns = |relaxed: &[bool]| -> Vec<i64> {
        let mut column = vec![0i64; n];
        for &v in &order {
            let v = v as usize;
            let need = pe[pe_start[v] as usize..pe_start[v + 1] as usize]
                .iter()
                .filter(|&&e| !relaxed[e as usize] && !hard[g.edges[e as usize].0 as usize])
                .map(|&e| column[g.edges[e as usize].0 as usize] + 1)
                .max();
            column[v] = match known[v] {
                Some(p) if hard[v] || fixed_x[v] => col_of(p.0),
                Some(p) => col_of(p.0).max(need.unwrap_or(0)),
                None => match need {
                    Some(c) => c,
                    None => succ[ss[v] as usize..ss[v + 1] as usize]
                        .iter()
                        .filter_map(|&s| known[s as usize].map(|p| col_of(p.0) - 1))
                        .min()
                        .unwrap_or(0)
                        .max(0),
                },
            };
        }
        column
    };
    let mut relaxed = vec![false; g.edges.len()];
    let mut column = columns(&relaxed);
    // A handoff that would push many cards right (it runs against the drawing's current
    // flow) is drawn backwards instead, until the user arranges the map again.
    let pushed = (0..n).filter(|&v| known[v].is_some_and(|p| !hard[v] && !fixed_x[v] && col_of(p.0) != column[v])).count();
    if pushed > (n / 20).max(3) {
        for (e, &(a, b, _)) in g.edges.iter().enumerate() {
            let b = b as usize;
            if known[b].is_some_and(|p| !hard[b] && !fixed_x[b] && column[a as usize] + 1 > col_of(p.0)) {
                relaxed[e] = true;
            }
        }
        column = columns(&relaxed);
    }
    // Lanes (Seams): the previous bands, new teams below them.
    let pad = lane_pad(h);
    let mut bands: Vec<(f64, f64)> = Vec::new();
    let mut band_of_lane: Vec<usize> = vec![0; g.lane_names.len()];
    if seams {
        let lanes = prev.lanes();
        for (k, name) in g.lane_names.iter().enumerate() {
            band_of_lane[k] = match lanes.iter().position(|l| &l.team == name) {
                Some(i) => i,
                None => usize::MAX,
            };
        }
        bands = lanes.iter().map(|l| (l.top, l.bottom)).collect();
        for k in 0..g.lane_names.len() {
            if band_of_lane[k] == usize::MAX && g.lane.iter().any(|&l| l as usize == k) {
                let top = bands.last().map_or(0.0, |b| b.1);
                band_of_lane[k] = bands.len();
                bands.push((top, top + 2.0 * pad + h));
            }
        }
    }
    let band = |v: usize| band_of_lane[g.lane[v] as usize];

    // Unchanged cards first, where their place is free; then the rest.
    let mut pos: Vec<(f64, f64)> = vec![(0.0, 0.0); n];
    let mut placed = vec![false; n];
    let max_col = column.iter().copied().max().unwrap_or(0) as usize + 2;
    let mut occ: Vec<Occupied> = vec![Occupied::default(); max_col + 1];
    let span_cols = |x: f64| -> Vec<usize> {
        let c = col_of(x);
        [c - 1, c, c + 1].into_iter().filter(|&k| k >= 0 && ((k as f64) * pitch - x).abs() < w).map(|k| k as usize).collect()
    };
    let mut stay: Vec<usize> = (0..n).filter(|&v| hard[v]).collect();
    stay.extend((0..n).filter(|&v| !hard[v] && known[v].is_some_and(|p| !p.1.is_nan() && col_of(p.0) == column[v])));
    for v in stay {
        let Some(p) = known[v] else { continue };
        let cols = span_cols(p.0);
        if !hard[v] && !cols.iter().all(|&c| c < occ.len() && occ[c].is_free(p.1, p.1 + heights[v], gap / 2.0)) {
            continue;
        }
        for c in cols {
            if c < occ.len() {
                occ[c].insert(p.1, p.1 + heights[v]);
            }
        }
        pos[v] = p;
        placed[v] = true;
    }
    for &v in &order {
        let v = v as usize;
        if placed[v] {
            continue;
        }
        let x = match known[v] {
            Some(p) if fixed_x[v] => p.0,
            _ => column[v] as f64 * pitch,
        };
        let mut sum = 0.0;
        let mut count = 0.0;
        for &u in pred[ps[v] as usize..ps[v + 1] as usize].iter().chain(&succ[ss[v] as usize..ss[v + 1] as usize]) {
            if placed[u as usize] {
                sum += pos[u as usize].1;
                count += 1.0;
            }
        }
        let c = (column[v].max(0) as usize).min(occ.len() - 1);
        let y = if seams {
            let b = band(v);
            let want = if count > 0.0 { sum / count } else { bands[b].0 + pad };
            loop {
                let (lo, hi) = (bands[b].0 + pad, bands[b].1 - pad - heights[v]);
                if let Some(y) = occ[c].nearest(want, heights[v], gap, lo, hi) {
                    break y;
                }
                // No room in the lane: it grows by one card, and the lanes below move down.
                let grow = heights[v] + gap;
                let edge = bands[b].1;
                bands[b].1 += grow;
                for other in bands.iter_mut().skip(b + 1) {
                    other.0 += grow;
                    other.1 += grow;
                }
                for u in 0..n {
                    if placed[u] && pos[u].1 >= edge {
                        pos[u].1 += grow;
                    }
                }
                for o in occ.iter_mut() {
                    for s in o.0.iter_mut() {
                        if s.0 >= edge {
                            s.0 += grow;
                            s.1 += grow;
                        }
                    }
                }
            }
        } else {
            let want = if count > 0.0 { sum / count } else { occ[c].0.last().map_or(0.0, |s| s.1 + gap) };
            occ[c].nearest(want, heights[v], gap, f64::NEG_INFINITY, f64::INFINITY).unwrap_or(want)
        };
        for k in span_cols(x) {
            if k < occ.len() {
                occ[k].insert(y, y + heights[v]);
            }
        }
        pos[v] = (x, y);
        placed[v] = true;
    }

    // Long handoffs keep the heights they had where both ends stayed.
    let prev_route: FxHashMap<&str, &super::Route> = prev.handoffs.iter().map(|r| (r.id.as_str(), r)).collect();
    let via = g
        .edges
        .iter()
        .map(|&(_, _, hx)| {
            let Some(r) = prev_route.get(plan.handoffs[hx as usize].id.as_str()) else { return Vec::new() };
            let inner = &r.points[1..r.points.len().saturating_sub(1).max(1)];
            inner.iter().step_by(2).map(|p| p[1]).collect()
        })
        .collect();
    Geometry { pos, column, via }
}
