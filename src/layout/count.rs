//! Crossings as the peers are measured: every handoff is the straight segment between the
//! centres of its two cards, and two handoffs that share no card cross when their segments
//! cross properly (touching at an end does not count).
//!
//! The difference of two segments' heights is linear in x over the x range they share, so
//! they cross exactly when that difference changes sign over the range. Cutting the plane at
//! every card centre's x, two segments cross in the strip where their order swaps: per strip
//! that is an inversion count (a Fenwick tree), so the whole count is O(S log S) in the
//! number S of (segment, strip) pieces instead of quadratic in the handoffs.

/// Proper crossings among `segments` (pairs of card indexes into `centres`).
pub fn straight_crossings(centres: &[(f64, f64)], segments: &[(u32, u32)]) -> u64 {
    let mut xs: Vec<f64> = centres.iter().map(|c| c.0).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let strip = |x: f64| xs.partition_point(|&v| v < x);
    // Segments oriented left to right; vertical ones are counted by brute force.
    let mut segs: Vec<(f64, f64, f64, f64)> = Vec::with_capacity(segments.len());
    let mut vertical: Vec<(f64, f64, f64, f64)> = Vec::new();
    for &(a, b) in segments {
        let (Some(&p), Some(&q)) = (centres.get(a as usize), centres.get(b as usize)) else { continue };
        let (p, q) = if p.0 <= q.0 { (p, q) } else { (q, p) };
        if p.0 == q.0 {
            vertical.push((p.0, p.1, q.0, q.1));
        } else {
            segs.push((p.0, p.1, q.0, q.1));
        }
    }
    // Pieces per strip (counting sort by strip).
    let nstrips = xs.len().saturating_sub(1);
    let mut start = vec![0usize; nstrips + 1];
    let span: Vec<(usize, usize)> = segs.iter().map(|s| (strip(s.0), strip(s.2))).collect();
    for &(i, j) in &span {
        for k in i..j {
            start[k + 1] += 1;
        }
    }
    for k in 0..nstrips {
        start[k + 1] += start[k];
    }
    let mut fill = start.clone();
    // (left height, right height, ends at the strip's right side)
    let mut pieces = vec![(0.0f64, 0.0f64, false); start[nstrips]];
    for (s, &(i, j)) in segs.iter().zip(&span) {
        let at = |x: f64| {
            if x == s.0 {
                s.1
            } else if x == s.2 {
                s.3
            } else {
                s.1 + (s.3 - s.1) * (x - s.0) / (s.2 - s.0)
            }
        };
        for k in i..j {
            pieces[fill[k]] = (at(xs[k]), at(xs[k + 1]), k + 1 == j);
            fill[k] += 1;
        }
    }
    let mut total = 0u64;
    let mut rights: Vec<f64> = Vec::new();
    let mut all = Vec::new();
    let mut open = Vec::new();
    for k in 0..nstrips {
        let p = &mut pieces[start[k]..start[k + 1]];
        if p.len() < 2 {
            continue;
        }
        p.sort_by(|a, b| a.0.total_cmp(&b.0));
        rights.clear();
        rights.extend(p.iter().map(|q| q.1));
        rights.sort_by(f64::total_cmp);
        rights.dedup();
        let rank = |y: f64| rights.partition_point(|&v| v < y);
        all.clear();
        all.resize(rights.len() + 1, 0u32);
        open.clear();
        open.resize(rights.len() + 1, 0u32);
        let mut inserted = 0u64;
        let mut g = 0;
        while g < p.len() {
            // Pieces with equal left height touch there: they are inserted together.
            let mut e = g + 1;
            while e < p.len() && p[e].0 == p[g].0 {
                e += 1;
            }
            for q in &p[g..e] {
                let r = rank(q.1);
                // Earlier pieces (above on the left) strictly below on the right...
                total += inserted - prefix(&all, r + 1);
                // ...or level on the right where neither ends (they cross exactly there).
                if !q.2 {
                    total += prefix(&open, r + 1) - prefix(&open, r);
                }
            }
            for q in &p[g..e] {
                let r = rank(q.1);
                add(&mut all, r + 1);
                if !q.2 {
                    add(&mut open, r + 1);
                }
                inserted += 1;
            }
            g = e;
        }
    }
    // Vertical segments against everything (rare: hand-placed cards in one column).
    for (k, v) in vertical.iter().enumerate() {
        for s in segs.iter().chain(&vertical[k + 1..]) {
            if proper(*v, *s) {
                total += 1;
            }
        }
    }
    total
}

fn prefix(tree: &[u32], mut i: usize) -> u64 {
    let mut s = 0u64;
    while i > 0 {
        s += u64::from(tree[i]);
        i &= i - 1;
    }
    s
}

fn add(tree: &mut [u32], mut i: usize) {
    while i < tree.len() {
        tree[i] += 1;
        i += i & i.wrapping_neg();
    }
}

fn orient(a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> f64 {
    (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
}

fn proper(s: (f64, f64, f64, f64), t: (f64, f64, f64, f64)) -> bool {
    let (a, b, c, d) = ((s.0, s.1), (s.2, s.3), (t.0, t.1), (t.2, t.3));
    let (o1, o2, o3, o4) = (orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, pair by pair.
    fn brute(centres: &[(f64, f64)], segments: &[(u32, u32)]) -> u64 {
        let seg = |&(a, b): &(u32, u32)| (centres[a as usize].0, centres[a as usize].1, centres[b as usize].0, centres[b as usize].1);
        let mut n = 0;
        for i in 0..segments.len() {
            for j in i + 1..segments.len() {
                let (s, t) = (segments[i], segments[j]);
                if s.0 == t.0 || s.0 == t.1 || s.1 == t.0 || s.1 == t.1 {
                    continue;
                }
                if proper(seg(&s), seg(&t)) {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn the_sweep_agrees_with_the_pairwise_definition() {
        let mut state = 7u64;
        let mut next = |m: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % m
        };
        for _case in 0..200 {
            let n = 2 + next(12) as usize;
            // Few distinct coordinates, so that ties and crossings at a centre's x happen.
            let centres: Vec<(f64, f64)> = (0..n).map(|_| (next(4) as f64 * 10.0, next(5) as f64 * 10.0)).collect();
            let m = next(20) as usize;
            let segments: Vec<(u32, u32)> = (0..m).map(|_| (next(n as u64) as u32, next(n as u64) as u32)).filter(|s| s.0 != s.1).collect();
            assert_eq!(straight_crossings(&centres, &segments), brute(&centres, &segments), "{centres:?} {segments:?}");
        }
    }
}
