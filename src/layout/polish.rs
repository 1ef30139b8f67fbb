//! The last passes of the full layout, on the drawing as it is measured: handoffs as straight
//! lines between card centres. The layered steps before them count crossings between bend
//! points; a long handoff drawn straight passes other columns at heights of its own, which
//! these passes see and they do not.
//!
//! - [`Polish::swap`]: two neighbouring cards of a column (same lane and group) trade places
//!   while that removes crossings of the straight lines.
//! - [`Polish::sift`]: each card in turn is tried at every place of its column's run of
//!   cards with its key (the cards between shift by one place) and goes where the straight
//!   lines cross least (sifting, Matuszewski et al., on the measured drawing).
//!
//! Columns are evenly spaced, so the strip between two columns holds the pieces of the
//! handoffs that span it, and a handoff meets only the pieces of the strips it spans. Moving
//! a card changes only its handoffs' pieces: the change in crossings is exact and counted on
//! those pieces alone. The places of a column (its heights) stay the same set, so spacing is
//! kept. Both passes stop on a budget of pieces visited, never on the clock.

/// One handoff's piece in one strip: its heights on the strip's left and right sides.
#[derive(Clone, Copy)]
struct Piece {
    l: f64,
    r: f64,
    e: u32,
    a: u32,
    b: u32,
}

pub(crate) struct Polish<'a> {
    layer: &'a [u32],
    key: &'a [u64],
    /// Centre height per card.
    pub y: Vec<f64>,
    /// Edges oriented left to right (same-column edges are left out).
    segs: Vec<(u32, u32)>,
    strips: Vec<Vec<Piece>>,
    /// Per edge, where its pieces start in `slot` (one per strip it spans).
    slot_start: Vec<u32>,
    /// Index of an edge's piece inside its strip.
    slot: Vec<u32>,
    incident: Vec<Vec<u32>>,
    /// Cards of each column, top to bottom.
    column: Vec<Vec<u32>>,
    mark: Vec<u32>,
    stamp: u32,
    affected: Vec<u32>,
    /// Pieces visited so far.
    pub spent: u64,
}

impl<'a> Polish<'a> {
    /// `layer`: column per card; `y`: centre height per card; `key`: cards only trade places
    /// with cards of the same key; `edges`: (giver, receiver) cards.
    pub fn new(layer: &'a [u32], y: Vec<f64>, key: &'a [u64], edges: &[(u32, u32)]) -> Polish<'a> {
        let n = y.len();
        let nl = layer.iter().max().map_or(0, |m| *m as usize + 1);
        let segs: Vec<(u32, u32)> = edges
            .iter()
            .filter(|&&(a, b)| layer[a as usize] != layer[b as usize])
            .map(|&(a, b)| if layer[a as usize] < layer[b as usize] { (a, b) } else { (b, a) })
            .collect();
        let mut strips: Vec<Vec<Piece>> = vec![Vec::new(); nl.saturating_sub(1)];
        let mut slot_start = Vec::with_capacity(segs.len() + 1);
        let mut slot = Vec::new();
        let mut incident: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (e, &(a, b)) in segs.iter().enumerate() {
            slot_start.push(slot.len() as u32);
            for k in layer[a as usize]..layer[b as usize] {
                let strip = &mut strips[k as usize];
                slot.push(strip.len() as u32);
                strip.push(Piece { l: 0.0, r: 0.0, e: e as u32, a, b });
            }
            incident[a as usize].push(e as u32);
            incident[b as usize].push(e as u32);
        }
        slot_start.push(slot.len() as u32);
        let mut column: Vec<Vec<u32>> = vec![Vec::new(); nl];
        for v in 0..n {
            column[layer[v] as usize].push(v as u32);
        }
        for c in &mut column {
            c.sort_by(|&a, &b| y[a as usize].total_cmp(&y[b as usize]).then(a.cmp(&b)));
        }
        let mut p = Polish {
            layer,
            key,
            y,
            mark: vec![0; segs.len()],
            segs,
            strips,
            slot_start,
            slot,
            incident,
            column,
            stamp: 0,
            affected: Vec::new(),
            spent: 0,
        };
        for e in 0..p.segs.len() {
            p.set_pieces(e);
        }
        p
    }

    /// Writes edge e's heights into its pieces.
    fn set_pieces(&mut self, e: usize) {
        let (a, b) = self.segs[e];
        let (la, lb) = (self.layer[a as usize], self.layer[b as usize]);
        let (ya, yb) = (self.y[a as usize], self.y[b as usize]);
        let span = f64::from(lb - la);
        let at = |k: u32| {
            if k == la {
                ya
            } else if k == lb {
                yb
            } else {
                ya + (yb - ya) * f64::from(k - la) / span
            }
        };
        let first = self.slot_start[e] as usize;
        for k in la..lb {
            let s = self.slot[first + (k - la) as usize] as usize;
            let p = &mut self.strips[k as usize][s];
            p.l = at(k);
            p.r = at(k + 1);
        }
    }

    /// Crossings of the affected edges (marked with the current stamp) with every edge, each
    /// pair once.
    fn count(&mut self) -> u64 {
        let mut total = 0;
        let stamp = self.stamp;
        for &e in &self.affected {
            let (a, b) = self.segs[e as usize];
            let (la, lb) = (self.layer[a as usize], self.layer[b as usize]);
            let first = self.slot_start[e as usize] as usize;
            for k in la..lb {
                let strip = &self.strips[k as usize];
                let own = strip[self.slot[first + (k - la) as usize] as usize];
                self.spent += strip.len() as u64;
                for f in strip {
                    if (f.l - own.l) * (f.r - own.r) < 0.0
                        && !(self.mark[f.e as usize] == stamp && f.e <= e)
                        && f.a != a
                        && f.a != b
                        && f.b != a
                        && f.b != b
                    {
                        total += 1;
                    }
                }
            }
        }
        total
    }

    /// Marks the edges of cards u and v as the affected ones.
    fn affect(&mut self, u: usize, v: usize) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.mark.iter_mut().for_each(|m| *m = u32::MAX);
            self.stamp = 1;
        }
        self.affected.clear();
        for &e in self.incident[u].iter().chain(&self.incident[v]) {
            if self.mark[e as usize] != self.stamp {
                self.mark[e as usize] = self.stamp;
                self.affected.push(e);
            }
        }
    }

    /// The cards at k and k + 1 of column c trade places (and heights).
    fn exchange(&mut self, c: usize, k: usize) {
        let (u, v) = (self.column[c][k] as usize, self.column[c][k + 1] as usize);
        self.y.swap(u, v);
        self.column[c].swap(k, k + 1);
        for i in 0..self.affected.len() {
            let e = self.affected[i] as usize;
            self.set_pieces(e);
        }
    }

    /// Trades the places of the cards at k and k + 1 of column c; the change in crossings.
    fn trade(&mut self, c: usize, k: usize) -> i64 {
        let (u, v) = (self.column[c][k] as usize, self.column[c][k + 1] as usize);
        self.affect(u, v);
        if self.affected.is_empty() {
            self.exchange(c, k);
            return 0;
        }
        let before = self.count();
        self.exchange(c, k);
        let after = self.count();
        after as i64 - before as i64
    }

    /// Neighbours trade places while that removes crossings.
    pub fn swap(&mut self, rounds: usize, budget: u64) {
        for _round in 0..rounds {
            let mut gained = false;
            for c in 0..self.column.len() {
                for k in 0..self.column[c].len().saturating_sub(1) {
                    let (u, v) = (self.column[c][k] as usize, self.column[c][k + 1] as usize);
                    if self.key[u] != self.key[v] || self.incident[u].is_empty() && self.incident[v].is_empty() {
                        continue;
                    }
                    if self.trade(c, k) < 0 {
                        gained = true;
                    } else {
                        // Back, without counting again.
                        self.exchange(c, k);
                    }
                    if self.spent > budget {
                        return;
                    }
                }
            }
            if !gained {
                break;
            }
        }
    }

    /// Every card, column by column, goes to the place of its run that crosses least.
    /// Returns whether any card moved.
    pub fn sift(&mut self, budget: u64) -> bool {
        let mut moved = false;
        for c in 0..self.column.len() {
            // Cards in their order at the start; each is found again by its place.
            let cards = self.column[c].clone();
            for &u in &cards {
                let u = u as usize;
                if self.incident[u].is_empty() {
                    continue;
                }
                let col = &self.column[c];
                let Some(i) = col.iter().position(|&x| x as usize == u) else { continue };
                let mut lo = i;
                while lo > 0 && self.key[col[lo - 1] as usize] == self.key[u] {
                    lo -= 1;
                }
                let mut hi = i + 1;
                while hi < col.len() && self.key[col[hi] as usize] == self.key[u] {
                    hi += 1;
                }
                if hi - lo < 2 {
                    continue;
                }
                // Up to the top of the run, then down to its bottom, keeping the best place
                // (the first one found among equals: the card stays when nothing gains).
                let (mut at, mut change, mut best) = (i, 0i64, (0i64, i));
                while at > lo {
                    change += self.trade(c, at - 1);
                    at -= 1;
                    if change < best.0 {
                        best = (change, at);
                    }
                }
                // Back to where it was without counting, then down.
                while at < i {
                    let v = self.column[c][at + 1] as usize;
                    self.affect(u, v);
                    self.exchange(c, at);
                    at += 1;
                }
                change = 0;
                while at + 1 < hi {
                    change += self.trade(c, at);
                    at += 1;
                    if change < best.0 {
                        best = (change, at);
                    }
                }
                while at > best.1 {
                    let v = self.column[c][at - 1] as usize;
                    self.affect(u, v);
                    self.exchange(c, at - 1);
                    at -= 1;
                }
                if best.1 != i {
                    moved = true;
                }
                if self.spent > budget {
                    return moved;
                }
            }
        }
        moved
    }
}
