//! Schedule generation schemes: how an order of activities becomes a schedule.
//!
//! The resource profile is one integer per resource and day (what is left of the capacity),
//! laid out resource by resource, so checking a window is a scan of contiguous memory. Only
//! the days a schedule touched are reset before the next one. The profile is allocated for
//! the whole horizon but written only as far as schedules reach: the horizon is a sum of
//! durations, often ten times the makespan, and a profile filled to it (and a copy of the
//! capacities beside it) took 300 MB per leveling of a 200,000-initiative plan.
//!
//! Why no schedule passes `Problem::horizon`: in a serial scheme an activity starts at the
//! latest at the largest of its earliest start, the finishes placed so far and the last
//! capacity change (from there the profile only gains room, and every demand fits the last
//! capacity). So the furthest end grows by at most the activity's duration or its largest
//! outgoing gap each time, beyond the last capacity change or release; the horizon is that sum.
//! A scheme that would still pass it reports failure rather than index out of bounds.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::Problem;

/// A reusable decoder: the profile and buffers for one thread.
pub(crate) struct Decoder<'p> {
    pub p: &'p Problem,
    h: usize,
    /// `avail[r * h + day]`: zeroed memory (not resident until written) past `init`.
    avail: Vec<i32>,
    /// Days `0..init` of every resource are written: the capacity, less what is placed.
    init: usize,
    /// Days `0..dirty` of the profile may differ from the capacity (`dirty <= init`).
    dirty: usize,
    /// Starts of the last forward pass.
    pub start: Vec<i32>,
    /// Starts of the last backward pass.
    late: Vec<i32>,
    /// Position of each activity in `p.order` (breaks ties so orders stay topological).
    rank: Vec<u32>,
    /// Every gap is at least the giver's duration (finish-to-start with a lag >= 0): then
    /// sorting by start or by finish is a topological order with `rank` breaking ties.
    fs_like: bool,
    keyed: Vec<(i64, u32)>,
    heap: BinaryHeap<Reverse<(i64, i64, u32)>>,
    waiting: Vec<u32>,
    /// Scratch for the parallel scheme.
    done: Vec<bool>,
    /// Schedules generated since the counter was last read.
    pub generated: u64,
}

impl<'p> Decoder<'p> {
    pub fn new(p: &'p Problem) -> Decoder<'p> {
        let n = p.len();
        let h = p.horizon.max(1) as usize;
        let r_count = p.resources();
        let mut rank = vec![0u32; n];
        for (k, &v) in p.order.iter().enumerate() {
            rank[v as usize] = k as u32;
        }
        let fs_like = (0..n).all(|v| p.succs_of(v).iter().all(|&(_, g)| g >= p.duration[v]));
        Decoder {
            p,
            h,
            avail: vec![0i32; r_count * h],
            init: 0,
            dirty: 0,
            start: vec![0; n],
            late: vec![0; n],
            rank,
            fs_like,
            keyed: Vec::with_capacity(n),
            heap: BinaryHeap::with_capacity(n),
            waiting: vec![0; n],
            done: vec![false; n],
            generated: 0,
        }
    }

    fn reset(&mut self) {
        let d = self.dirty.min(self.h);
        if d > 0 {
            self.fill_capacity(0, d);
        }
        self.dirty = 0;
    }

    /// Writes each resource's capacity (its steps; 0 before the first) on days `from..to`.
    fn fill_capacity(&mut self, from: usize, to: usize) {
        let h = self.h;
        for (r, steps) in self.p.capacity.iter().enumerate() {
            let row = &mut self.avail[r * h..(r + 1) * h];
            let first = steps.first().map_or(h, |s| (s.0 as usize).min(h));
            if from < first {
                row[from..to.min(first)].fill(0);
            }
            for (k, &(step, cap)) in steps.iter().enumerate() {
                let end = steps.get(k + 1).map_or(h, |s| (s.0 as usize).min(h));
                let (a, b) = ((step as usize).min(h).max(from), end.min(to));
                if a < b {
                    row[a..b].fill(cap);
                }
            }
        }
    }

    /// Makes days `0..to` of the profile readable (`to <= h`), writing the capacity on the
    /// days not written yet, at least doubling what is written so that this stays rare.
    fn ensure(&mut self, to: usize) {
        if to > self.init {
            let to = to.max(self.init.saturating_mul(2)).max(1024).min(self.h);
            self.fill_capacity(self.init, to);
            self.init = to;
        }
    }

    /// The earliest start >= `est` at which `v` fits the profile.
    fn earliest(&mut self, v: usize, est: i32) -> Option<i32> {
        let d = self.p.duration[v];
        let uses = self.p.uses_of(v);
        if d == 0 || uses.is_empty() {
            return Some(est);
        }
        let h = self.h as i32;
        let mut t = est;
        // Days [t, ok_end) of the window are known to fit.
        let mut ok_end = t;
        'window: loop {
            let end = t + d;
            if end > h {
                return None;
            }
            self.ensure(end as usize);
            let mut tau = end - 1;
            while tau >= ok_end {
                for &(r, a) in uses {
                    if self.avail[r as usize * self.h + tau as usize] < a {
                        ok_end = end;
                        t = tau + 1;
                        continue 'window;
                    }
                }
                tau -= 1;
            }
            return Some(t);
        }
    }

    /// The latest start in `[rel, lst]` at which `v` fits the profile.
    fn latest(&mut self, v: usize, lst: i32, rel: i32) -> Option<i32> {
        let d = self.p.duration[v];
        let uses = self.p.uses_of(v);
        if lst < rel || lst + d > self.h as i32 {
            return None;
        }
        if d == 0 || uses.is_empty() {
            return Some(lst);
        }
        // The window only moves earlier from here.
        self.ensure((lst + d) as usize);
        let mut t = lst;
        // Days [ok_lo, t + d) of the window are known to fit.
        let mut ok_lo = t + d;
        'window: loop {
            if t < rel {
                return None;
            }
            let mut tau = t;
            while tau < ok_lo {
                for &(r, a) in uses {
                    if self.avail[r as usize * self.h + tau as usize] < a {
                        ok_lo = t;
                        t = tau - d;
                        continue 'window;
                    }
                }
                tau += 1;
            }
            return Some(t);
        }
    }

    fn place(&mut self, v: usize, t: i32) {
        let d = self.p.duration[v];
        if d == 0 {
            return;
        }
        let (from, to) = (t as usize, (t + d) as usize);
        self.ensure(to);
        for &(r, a) in self.p.uses_of(v) {
            let k = r as usize * self.h;
            for x in &mut self.avail[k + from..k + to] {
                *x -= a;
            }
        }
        self.dirty = self.dirty.max(to);
    }

    /// Places every fixed activity at its release, before anything else can take its room.
    /// Returns the latest finish among them.
    fn place_fixed(&mut self) -> i32 {
        let p = self.p;
        let mut end = 0;
        if p.any_fixed {
            for v in 0..p.len() {
                if p.fixed[v] {
                    // Fixed work may overload: saturate rather than wrap below zero.
                    let (from, to) = (p.release[v] as usize, (p.release[v] + p.duration[v]) as usize);
                    self.ensure(to);
                    for &(r, a) in p.uses_of(v) {
                        let k = r as usize * self.h;
                        for x in &mut self.avail[k + from..k + to] {
                            *x = x.saturating_sub(a);
                        }
                    }
                    self.dirty = self.dirty.max(to);
                    self.start[v] = p.release[v];
                    end = end.max(p.release[v] + p.duration[v]);
                }
            }
        }
        end
    }

    /// Whether `v` fits the profile on days `[t, t + d)`.
    fn fits(&mut self, v: usize, t: i32) -> bool {
        let d = self.p.duration[v];
        if t + d > self.h as i32 {
            return false;
        }
        self.ensure((t + d) as usize);
        self.p.uses_of(v).iter().all(|&(r, a)| {
            let k = r as usize * self.h;
            self.avail[k + t as usize..k + (t + d) as usize].iter().all(|x| *x >= a)
        })
    }

    /// Serial scheme forward: each activity of `list` (which must be topological) at its
    /// earliest feasible start. Returns the makespan, `None` if the horizon was passed.
    pub fn forward(&mut self, list: &[u32]) -> Option<i32> {
        self.generated += 1;
        self.reset();
        let p = self.p;
        let mut makespan = self.place_fixed();
        for &v in list {
            let v = v as usize;
            if p.fixed[v] {
                continue;
            }
            let mut est = p.release[v];
            for &(q, gap) in p.preds_of(v) {
                est = est.max(self.start[q as usize] + gap);
            }
            let t = self.earliest(v, est)?;
            self.place(v, t);
            self.start[v] = t;
            makespan = makespan.max(t + p.duration[v]);
        }
        Some(makespan)
    }

    /// Serial scheme backward: each activity of `list` (successors first) at its latest
    /// start that ends by `deadline`, into `late`.
    fn backward(&mut self, list: &[u32], deadline: i32) -> Option<()> {
        self.generated += 1;
        self.reset();
        let p = self.p;
        if self.place_fixed() > deadline {
            return None;
        }
        for (v, late) in self.late.iter_mut().enumerate() {
            if p.fixed[v] {
                *late = p.release[v];
            }
        }
        for &v in list {
            let v = v as usize;
            let mut lst = deadline - p.duration[v];
            for &(s, gap) in p.succs_of(v) {
                lst = lst.min(self.late[s as usize] - gap);
            }
            if p.fixed[v] {
                // Already placed: it must still come before what follows it.
                if lst < p.release[v] {
                    return None;
                }
                continue;
            }
            let t = self.latest(v, lst, p.release[v])?;
            self.place(v, t);
            self.late[v] = t;
        }
        Some(())
    }

    /// A topological order preferring the smallest `key` first (`ascending`) or the largest
    /// `key` first with successors before predecessors (`!ascending`), into `out`.
    /// `timed`: the keys are the starts or finishes of a schedule that respects the gaps
    /// (then, on finish-to-start problems, a sort is enough).
    pub fn order_by(&mut self, key: &[i32], ascending: bool, timed: bool, out: &mut Vec<u32>) {
        let p = self.p;
        let n = p.len();
        out.clear();
        if self.fs_like && timed {
            self.keyed.clear();
            if ascending {
                self.keyed.extend((0..n).map(|v| ((i64::from(key[v]) << 32) | i64::from(self.rank[v]), v as u32)));
            } else {
                self.keyed.extend((0..n).map(|v| (-((i64::from(key[v]) << 32) | i64::from(self.rank[v])), v as u32)));
            }
            self.keyed.sort_unstable();
            out.extend(self.keyed.iter().map(|x| x.1));
            return;
        }
        // Kahn's algorithm with a heap on (key, rank).
        self.heap.clear();
        let sign = if ascending { 1 } else { -1 };
        for v in 0..n {
            self.waiting[v] = if ascending { p.pred_start[v + 1] - p.pred_start[v] } else { p.succ_start[v + 1] - p.succ_start[v] };
            if self.waiting[v] == 0 {
                self.heap.push(Reverse((sign * i64::from(key[v]), sign * i64::from(self.rank[v]), v as u32)));
            }
        }
        while let Some(Reverse((_, _, v))) = self.heap.pop() {
            out.push(v);
            let next = if ascending { p.succs_of(v as usize) } else { p.preds_of(v as usize) };
            for &(w, _) in next {
                let w = w as usize;
                self.waiting[w] -= 1;
                if self.waiting[w] == 0 {
                    self.heap.push(Reverse((sign * i64::from(key[w]), sign * i64::from(self.rank[w]), w as u32)));
                }
            }
        }
    }

    /// Double justification of the schedule in `start` (makespan `makespan`): every activity
    /// as late as it goes by the makespan (latest finish first), then as early as it goes
    /// (earliest start first). Leaves the result in `start` and `list` (its start order) and
    /// returns its makespan, never more than the one given.
    pub fn justify(&mut self, makespan: i32, list: &mut Vec<u32>, finish: &mut Vec<i32>) -> i32 {
        let p = self.p;
        finish.clear();
        finish.extend((0..p.len()).map(|v| self.start[v] + p.duration[v]));
        let mut by_finish = std::mem::take(list);
        self.order_by(finish, false, true, &mut by_finish);
        if self.backward(&by_finish, makespan).is_none() {
            self.order_by(&self.start.clone(), true, true, &mut by_finish);
            *list = by_finish;
            return makespan;
        }
        let late = std::mem::take(&mut self.late);
        self.order_by(&late, true, true, &mut by_finish);
        self.late = late;
        let kept = self.start.clone();
        match self.forward(&by_finish) {
            Some(m) if m <= makespan => {
                *list = by_finish;
                m
            }
            _ => {
                self.start = kept;
                self.order_by(&self.start.clone(), true, true, &mut by_finish);
                *list = by_finish;
                makespan
            }
        }
    }

    /// Parallel scheme: at each decision day, the eligible activities in order of `priority`
    /// (smallest first) start if they fit. Leaves starts in `start`; returns the makespan.
    pub fn parallel(&mut self, priority: &[i32]) -> Option<i32> {
        self.generated += 1;
        self.reset();
        let p = self.p;
        let n = p.len();
        self.done.iter_mut().for_each(|d| *d = false);
        // Eligible: every giver scheduled. est: the earliest start the gaps allow.
        let mut eligible: Vec<u32> = Vec::with_capacity(n);
        let mut est = vec![0i32; n];
        for v in 0..n {
            self.waiting[v] = p.pred_start[v + 1] - p.pred_start[v];
            est[v] = p.release[v];
            if self.waiting[v] == 0 {
                eligible.push(v as u32);
            }
        }
        let mut scheduled = 0;
        let mut t = 0i32;
        let mut makespan = self.place_fixed();
        // Fixed work is placed already: its receivers learn their earliest starts.
        for v in 0..n {
            if p.fixed[v] {
                self.done[v] = true;
                scheduled += 1;
                for &(w, gap) in p.succs_of(v) {
                    est[w as usize] = est[w as usize].max(p.release[v] + gap);
                    self.waiting[w as usize] -= 1;
                    if self.waiting[w as usize] == 0 && !p.fixed[w as usize] {
                        eligible.push(w);
                    }
                }
            }
        }
        eligible.retain(|v| !p.fixed[*v as usize]);
        while scheduled < n {
            // Start what fits at t, best priority first, until nothing more starts at t.
            loop {
                let mut best: Option<usize> = None;
                for (k, &v) in eligible.iter().enumerate() {
                    let v = v as usize;
                    if est[v] <= t && self.fits(v, t) && best.is_none_or(|b| priority[v] < priority[eligible[b] as usize]) {
                        best = Some(k);
                    }
                }
                let Some(k) = best else { break };
                let v = eligible.swap_remove(k) as usize;
                self.place(v, t);
                self.start[v] = t;
                self.done[v] = true;
                scheduled += 1;
                makespan = makespan.max(t + p.duration[v]);
                for &(w, gap) in p.succs_of(v) {
                    let w = w as usize;
                    est[w] = est[w].max(t + gap);
                    self.waiting[w] -= 1;
                    if self.waiting[w] == 0 && !p.fixed[w] {
                        eligible.push(w as u32);
                    }
                }
            }
            if scheduled == n {
                break;
            }
            // The next day anything can change: a finish, an earliest start, a capacity step.
            let mut next = i32::MAX;
            for v in 0..n {
                if self.done[v] && self.start[v] + p.duration[v] > t {
                    next = next.min(self.start[v] + p.duration[v]);
                }
            }
            for &v in &eligible {
                if est[v as usize] > t {
                    next = next.min(est[v as usize]);
                }
            }
            for steps in &p.capacity {
                if let Some(s) = steps.iter().find(|s| s.0 > t) {
                    next = next.min(s.0);
                }
            }
            if next == i32::MAX || next >= self.h as i32 {
                return None;
            }
            t = next;
        }
        Some(makespan)
    }
}

/// Earliest starts with resources ignored (gaps and releases only), in `p.order`.
pub(crate) fn early_starts(p: &Problem) -> Vec<i32> {
    let mut es = p.release.clone();
    for &v in &p.order {
        let v = v as usize;
        for &(q, gap) in p.preds_of(v) {
            es[v] = es[v].max(es[q as usize] + gap);
        }
    }
    es
}

/// Latest starts with resources ignored, for a project that must end by `end`.
pub(crate) fn late_starts(p: &Problem, end: i32) -> Vec<i32> {
    let mut ls: Vec<i32> = p.duration.iter().map(|d| end - d).collect();
    for &v in p.order.iter().rev() {
        let v = v as usize;
        for &(s, gap) in p.succs_of(v) {
            ls[v] = ls[v].min(ls[s as usize] - gap);
        }
    }
    ls
}

/// A lower bound on the makespan of any feasible schedule: the longest path of gaps and
/// releases, and for each resource the first day by which its capacity could have done all
/// the work asked of it.
pub fn lower_bound(p: &Problem) -> i64 {
    let es = early_starts(p);
    let mut lb = (0..p.len()).map(|v| i64::from(es[v]) + i64::from(p.duration[v])).max().unwrap_or(0);
    for r in 0..p.resources() {
        let mut work: i64 = 0;
        // Fixed work may overload a resource: only the rest must fit its capacity.
        for v in (0..p.len()).filter(|v| !p.fixed[*v]) {
            for &(rr, a) in p.uses_of(v) {
                if rr as usize == r {
                    work += i64::from(a) * i64::from(p.duration[v]);
                }
            }
        }
        lb = lb.max(energy_bound(&p.capacity[r], work));
    }
    lb
}

/// The first day by which a resource of these capacity steps could have done `work`
/// (demand x days) from day 0; 0 for no work (and when its capacity never covers it).
pub(crate) fn energy_bound(steps: &[(i32, i32)], work: i64) -> i64 {
    if work <= 0 {
        return 0;
    }
    // Walk the steps until the cumulative capacity covers the work.
    let mut done: i64 = 0;
    for (k, &(from, cap)) in steps.iter().enumerate() {
        let cap = i64::from(cap);
        let to = steps.get(k + 1).map(|s| i64::from(s.0));
        let len = to.map(|t| t - i64::from(from));
        match len {
            Some(len) if done + cap * len < work => done += cap * len,
            _ if cap > 0 => return i64::from(from) + (work - done + cap - 1) / cap,
            _ => {}
        }
    }
    0
}

/// A handoff as the sampled scheme reads it: the receiver starts no earlier than the
/// giver's start (or finish, `from_finish`) plus `lag`, minus its own duration when the
/// handoff ties its finish (`to_finish`: FF, SF). Durations change per run, so the gap
/// between starts is computed on each run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampledLink {
    pub from: u32,
    pub from_finish: bool,
    pub to_finish: bool,
    pub lag: i64,
}

/// The serial scheme on durations that change from one run to the next (each iteration of
/// the simulation draws its own): one activity list fixed up front (topological, the
/// plan's priorities first), the handoffs as rules on starts and finishes, and a profile
/// that grows with the schedule instead of a horizon fixed by the durations. Each run
/// places the fixed work at its release, then each activity of the list at the earliest day
/// its handoffs allow and its demands fit. Every demand fits the last capacity, so each
/// activity finds a place once the work before it has ended past the last capacity change.
#[derive(Debug, Clone)]
pub struct Sampled {
    /// The order activities are placed in (topological).
    pub(crate) list: Vec<u32>,
    /// Links into `v`: `preds[pred_start[v]..pred_start[v + 1]]`.
    pub(crate) pred_start: Vec<u32>,
    pub(crate) preds: Vec<SampledLink>,
    pub(crate) release: Vec<i64>,
    pub(crate) fixed: Vec<bool>,
    /// Demands of `v`: `uses[use_start[v]..use_start[v + 1]]`, `(resource, per day)`.
    pub(crate) use_start: Vec<u32>,
    pub(crate) uses: Vec<(u32, i64)>,
    /// Capacity steps of each resource, `(from day, capacity)`, the first from day 0.
    pub(crate) capacity: Vec<Vec<(i64, i64)>>,
    /// What is left of each resource per day, and its capacity, for days `0..len`.
    avail: Vec<Vec<i64>>,
    base: Vec<Vec<i64>>,
    /// Days `0..dirty` of `avail` may differ from `base`.
    dirty: usize,
    /// Starts of the last run.
    pub start: Vec<i64>,
}

impl Sampled {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        list: Vec<u32>,
        links: &[(u32, SampledLink)],
        release: Vec<i64>,
        fixed: Vec<bool>,
        demand: &[(usize, usize, i64)],
        capacity: Vec<Vec<(i64, i64)>>,
    ) -> Sampled {
        let n = release.len();
        let mut pred_start = vec![0u32; n + 1];
        for (to, _) in links {
            pred_start[*to as usize + 1] += 1;
        }
        for v in 0..n {
            pred_start[v + 1] += pred_start[v];
        }
        let mut fill = pred_start.clone();
        let mut preds = vec![SampledLink { from: 0, from_finish: false, to_finish: false, lag: 0 }; links.len()];
        for (to, l) in links {
            preds[fill[*to as usize] as usize] = *l;
            fill[*to as usize] += 1;
        }
        let mut by: Vec<(usize, usize, i64)> = demand.iter().copied().filter(|d| d.0 < n && d.1 < capacity.len() && d.2 > 0).collect();
        by.sort_unstable();
        let mut use_start = vec![0u32; n + 1];
        let mut uses = Vec::with_capacity(by.len());
        for (a, r, d) in by {
            use_start[a + 1] += 1;
            uses.push((r as u32, d));
        }
        for v in 0..n {
            use_start[v + 1] += use_start[v];
        }
        let r_count = capacity.len();
        Sampled {
            list,
            pred_start,
            preds,
            release,
            fixed,
            use_start,
            uses,
            capacity,
            avail: vec![Vec::new(); r_count],
            base: vec![Vec::new(); r_count],
            dirty: 0,
            start: vec![0; n],
        }
    }

    fn capacity_at(&self, r: usize, t: i64) -> i64 {
        let steps = &self.capacity[r];
        let k = steps.partition_point(|s| s.0 <= t);
        if k == 0 {
            0
        } else {
            steps[k - 1].1
        }
    }

    /// Makes days `0..len` of the profile exist.
    fn grow(&mut self, len: usize) {
        for r in 0..self.capacity.len() {
            let have = self.base[r].len();
            if have >= len {
                continue;
            }
            let more: Vec<i64> = (have..len.max(2 * have)).map(|t| self.capacity_at(r, t as i64)).collect();
            self.base[r].extend_from_slice(&more);
            self.avail[r].extend_from_slice(&more);
        }
    }

    /// The earliest start >= `est` at which `v` fits for `d` days.
    fn earliest(&mut self, v: usize, est: i64, d: i64) -> i64 {
        if d <= 0 || self.use_start[v] == self.use_start[v + 1] {
            return est;
        }
        let mut t = est.max(0);
        let mut ok_end = t;
        'window: loop {
            let end = t + d;
            self.grow(end as usize);
            let mut tau = end - 1;
            while tau >= ok_end {
                for &(r, a) in &self.uses[self.use_start[v] as usize..self.use_start[v + 1] as usize] {
                    if self.avail[r as usize][tau as usize] < a {
                        ok_end = end;
                        t = tau + 1;
                        continue 'window;
                    }
                }
                tau -= 1;
            }
            return t;
        }
    }

    fn place(&mut self, v: usize, t: i64, d: i64) {
        if d <= 0 || t < 0 {
            return;
        }
        let (from, to) = (t as usize, (t + d) as usize);
        self.grow(to);
        for k in self.use_start[v] as usize..self.use_start[v + 1] as usize {
            let (r, a) = self.uses[k];
            for x in &mut self.avail[r as usize][from..to] {
                *x = x.saturating_sub(a);
            }
        }
        self.dirty = self.dirty.max(to);
    }

    /// One run on `duration` (working days of each activity, >= 0): the starts, in `start`.
    pub fn run(&mut self, duration: &[i64]) {
        for r in 0..self.avail.len() {
            let d = self.dirty.min(self.base[r].len());
            let (avail, base) = (&mut self.avail[r], &self.base[r]);
            avail[..d].copy_from_slice(&base[..d]);
        }
        self.dirty = 0;
        let n = self.release.len();
        for v in 0..n {
            if self.fixed[v] {
                self.start[v] = self.release[v];
                self.place(v, self.release[v], duration[v]);
            }
        }
        for k in 0..self.list.len() {
            let v = self.list[k] as usize;
            if self.fixed[v] {
                continue;
            }
            let mut est = self.release[v];
            for l in &self.preds[self.pred_start[v] as usize..self.pred_start[v + 1] as usize] {
                let g = l.from as usize;
                let from = self.start[g] + if l.from_finish { duration[g] } else { 0 };
                est = est.max(from + l.lag - if l.to_finish { duration[v] } else { 0 });
            }
            let t = self.earliest(v, est, duration[v]);
            self.place(v, t, duration[v]);
            self.start[v] = t;
        }
    }
}
