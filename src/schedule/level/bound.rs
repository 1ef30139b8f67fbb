//! What deferring a group of work can gain at most, without levelling (what to stop at
//! scale, issue 29).
//!
//! A leveling of the plan without a group finishes no earlier than the lower bound of its
//! problem (`sgs::lower_bound`: the longest path of gaps and releases, and for each team the
//! day by which its capacity could have done the work asked of it). That bound is computed
//! here from the problem of the plan as it stands (without the work deferred so far), minus
//! the group, in time proportional to the group, for every candidate of a step:
//! - the groups are downstream-closed (what waits on an initiative goes with it), so the
//!   early start of every activity left is the one it has now: the path bound is the latest
//!   early finish among the activities left;
//! - the work asked of each team drops by the group's.
//!
//! It equals the lower bound of the problem a leveling of the plan without the group builds,
//! except when the group reaches done work it leaves (done work may follow its givers'
//! dates): then no bound is given. `propose` levels only the candidates whose bound leaves
//! them a chance to be chosen, so its result is the one levelling every candidate gives.
//!
//! Who is downstream of whom is one bit set per initiative (`Reach`): n²/8 bytes, 50 MB for
//! 20,000 initiatives; plans above `Reach::MAX` initiatives go without.

use super::plan::Built;
use super::sgs::{early_starts, energy_bound};
use crate::graph::Successors;

/// Each initiative's downstream along handoffs (itself included), as bit sets.
pub(crate) struct Reach {
    words: usize,
    bits: Vec<u64>,
}

impl Reach {
    /// The most initiatives whose bit sets are kept (n²/8 bytes: 200 MB at this size).
    pub(crate) const MAX: usize = 40_000;

    /// The bit sets of a plan whose handoffs form no cycle; None above `MAX` initiatives (or
    /// on a cycle, which a valid plan has not).
    pub(crate) fn of(succs: &Successors, n: usize) -> Option<Reach> {
        if n > Reach::MAX {
            return None;
        }
        let words = n.div_ceil(64);
        // A topological order (Kahn), then each set is itself and its successors' sets, last
        // first.
        let mut waiting = vec![0u32; n];
        for v in 0..n {
            for &w in succs.next_of(v) {
                waiting[w as usize] += 1;
            }
        }
        let mut order: Vec<usize> = (0..n).filter(|&v| waiting[v] == 0).collect();
        let mut k = 0;
        while k < order.len() {
            for &w in succs.next_of(order[k]) {
                waiting[w as usize] -= 1;
                if waiting[w as usize] == 0 {
                    order.push(w as usize);
                }
            }
            k += 1;
        }
        if order.len() < n {
            return None;
        }
        let mut bits = vec![0u64; n * words];
        for &v in order.iter().rev() {
            bits[v * words + v / 64] |= 1 << (v % 64);
            for &w in succs.next_of(v) {
                let w = w as usize;
                let (from, to) = if w < v {
                    let (a, b) = bits.split_at_mut(v * words);
                    (&a[w * words..(w + 1) * words], &mut b[..words])
                } else {
                    let (a, b) = bits.split_at_mut(w * words);
                    (&b[..words], &mut a[v * words..(v + 1) * words])
                };
                for (t, f) in to.iter_mut().zip(from) {
                    *t |= *f;
                }
            }
        }
        Some(Reach { words, bits })
    }

    pub(crate) fn words(&self) -> usize {
        self.words
    }

    /// The bit set of what is downstream of `v`, itself included.
    pub(crate) fn row(&self, v: usize) -> &[u64] {
        &self.bits[v * self.words..(v + 1) * self.words]
    }
}

/// A set of initiatives as bits, `words` long.
pub(crate) fn bit_set(words: usize, flags: impl Iterator<Item = bool>) -> Vec<u64> {
    let mut bits = vec![0u64; words];
    for (v, f) in flags.enumerate() {
        if f {
            bits[v / 64] |= 1 << (v % 64);
        }
    }
    bits
}

/// Calls `f` with each position set in `a & b`, in increasing order.
pub(crate) fn each_in_both(a: &[u64], b: &[u64], mut f: impl FnMut(usize)) {
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        let mut w = x & y;
        while w != 0 {
            f(k * 64 + w.trailing_zeros() as usize);
            w &= w - 1;
        }
    }
}

fn any_in_both(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).any(|(x, y)| x & y != 0)
}

fn has(bits: &[u64], v: usize) -> bool {
    bits[v / 64] >> (v % 64) & 1 == 1
}

/// The lower bound of the plan without the work deferred so far, ready to take a group off.
pub(crate) struct Bound {
    /// The activity of each initiative of the plan in the step's problem (`u32::MAX`: out).
    at: Vec<u32>,
    /// The plan position of each activity.
    of: Vec<usize>,
    /// Early finish of each activity (resources ignored).
    ef: Vec<i64>,
    /// Activities, latest early finish first.
    by_ef: Vec<u32>,
    /// Work (demand x days) asked of each resource by the activities not fixed.
    work: Vec<i64>,
    capacity: Vec<Vec<(i32, i32)>>,
    /// Per activity not fixed, its work on each resource it uses.
    uses: Vec<Vec<(u32, i64)>>,
    /// Done work left in the plan (by plan position): a group reaching it gets no bound.
    done_left: Vec<u64>,
}

impl Bound {
    /// From the problem `built` of the plan without `out` (its initiatives in plan order,
    /// those marked out left out); `done` marks the done work of the plan.
    pub(crate) fn new(built: &Built, out: &[bool], done: &[bool], words: usize) -> Bound {
        let p = &built.problem;
        let n = out.len();
        let of: Vec<usize> = (0..n).filter(|&k| !out[k]).collect();
        let mut at = vec![u32::MAX; n];
        for (a, &k) in of.iter().enumerate() {
            at[k] = a as u32;
        }
        let es = early_starts(p);
        let ef: Vec<i64> = (0..p.len()).map(|v| i64::from(es[v]) + i64::from(p.duration[v])).collect();
        let mut by_ef: Vec<u32> = (0..p.len() as u32).collect();
        by_ef.sort_unstable_by_key(|&v| std::cmp::Reverse(ef[v as usize]));
        let mut work = vec![0i64; p.resources()];
        let mut uses = vec![Vec::new(); p.len()];
        for v in (0..p.len()).filter(|&v| !p.fixed[v]) {
            for &(r, a) in p.uses_of(v) {
                let w = i64::from(a) * i64::from(p.duration[v]);
                work[r as usize] += w;
                uses[v].push((r, w));
            }
        }
        let done_left = bit_set(words, (0..n).map(|k| done[k] && !out[k]));
        Bound { at, of, ef, by_ef, work, capacity: p.capacity.clone(), uses, done_left }
    }

    /// The lower bound of the plan without the group `row` (plan positions set), whose
    /// downstream (along handoffs, done work included) is `reach`; None when the group
    /// reaches done work left in the plan.
    pub(crate) fn without(&self, row: &[u64], reach: &[u64], work: &mut [i64]) -> Option<i64> {
        if any_in_both(reach, &self.done_left) {
            return None;
        }
        work.copy_from_slice(&self.work);
        each_in_both(row, row, |k| {
            // (a set with itself: each position set in `row`)
            if let Some(&a) = self.at.get(k).filter(|a| **a != u32::MAX) {
                for &(r, w) in &self.uses[a as usize] {
                    work[r as usize] -= w;
                }
            }
        });
        let path = self.by_ef.iter().find(|&&a| !has(row, self.of[a as usize])).map_or(0, |&a| self.ef[a as usize]);
        Some(work.iter().zip(&self.capacity).map(|(&w, steps)| energy_bound(steps, w)).fold(path, i64::max))
    }
}
