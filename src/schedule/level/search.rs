//! The search over activity lists: priority rules and biased sampling for a start, then a
//! genetic algorithm with justification, one independent population per thread.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::sgs::{early_starts, late_starts, lower_bound, Decoder};
use super::{Config, LevelError, Problem, Solution, Watch};

/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64.
pub(crate) struct Rng {
    s: [u64; 4],
}

impl Rng {
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut x = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng { s: [next(), next(), next(), next()] }
    }

    pub fn next_u64(&mut self) -> u64 {
        let r = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        r
    }

    /// Uniform in `0..n` (n > 0), Lemire's multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

struct Individual {
    list: Vec<u32>,
    makespan: i32,
    hash: u64,
}

/// The search's settings, tuned on every 10th j60 instance at 60,000 schedules (mean
/// deviation from the best known: 0.45% with Hartmann's settings, 0.24% with these).
#[derive(Clone)]
struct Tuning {
    /// Population size.
    pop: usize,
    /// Generations without a better schedule before a restart.
    stale: u32,
    /// Individuals kept over a restart (the best).
    keep: usize,
    /// Probability of swapping each pair of neighbours in a child.
    swap: f64,
    /// Shift moves per child (the fraction is a probability of one more).
    shift: f64,
}

/// What a thread found.
struct Found {
    makespan: i32,
    start: Vec<i32>,
    at: Duration,
    schedules: u64,
}

/// One thread's search.
struct Run<'a> {
    dec: Decoder<'a>,
    rng: Rng,
    begin: Instant,
    deadline: Option<Instant>,
    budget: u64,
    lb: i32,
    /// Set when a thread met the lower bound (time mode only) or the caller cancels.
    stop: &'a AtomicBool,
    watch: Option<&'a Watch>,
    /// Schedules already added to `watch.schedules`.
    reported: u64,
    share_stop: bool,
    best: i32,
    best_start: Vec<i32>,
    best_at: Duration,
    finish: Vec<i32>,
    taken: Vec<bool>,
    pos: Vec<u32>,
    tune: Tuning,
    /// The last limit check found the search over.
    over: bool,
    checks: u32,
}

impl<'a> Run<'a> {
    fn done(&mut self) -> bool {
        if self.over {
            return true;
        }
        if self.best <= self.lb || self.dec.generated >= self.budget {
            self.over = true;
        } else {
            self.checks = self.checks.wrapping_add(1);
            if self.checks.is_multiple_of(8) || self.dec.p.len() > 300 {
                if let Some(w) = self.watch {
                    w.schedules.fetch_add(self.dec.generated - self.reported, Ordering::Relaxed);
                    self.reported = self.dec.generated;
                }
                let stopped = self.stop.load(Ordering::Relaxed) || self.watch.is_some_and(|w| w.cancel.load(Ordering::Relaxed));
                let late = self.deadline.is_some_and(|d| Instant::now() >= d);
                self.over = stopped || late;
            }
        }
        if self.over && self.best <= self.lb && self.share_stop {
            self.stop.store(true, Ordering::Relaxed);
        }
        self.over
    }

    /// Keeps the schedule just decoded (makespan `m`) when it is the best so far, and
    /// returns a hash of its starts (FNV-1a), by which the population spots duplicates.
    fn record(&mut self, m: i32) -> u64 {
        if m < self.best {
            self.best = m;
            if let Some(w) = self.watch {
                w.best.fetch_min(i64::from(m), Ordering::Relaxed);
            }
            self.best_start.clone_from(&self.dec.start);
            self.best_at = self.begin.elapsed();
        }
        let mut h: u64 = 0xCBF2_9CE4_8422_2325;
        for &s in &self.dec.start {
            h = (h ^ s as u32 as u64).wrapping_mul(0x0000_0100_0000_01B3);
        }
        h
    }

    /// Decodes `list` (topological), justifies it and writes back the justified start
    /// order into `list`. Returns the makespan and a hash of the schedule.
    fn evaluate(&mut self, list: &mut Vec<u32>) -> Option<(i32, u64)> {
        let m = self.dec.forward(list)?;
        let m = self.dec.justify(m, list, &mut self.finish);
        let h = self.record(m);
        Some((m, h))
    }

    /// Decodes a priority (smallest first) with the parallel scheme, then justifies it.
    fn evaluate_parallel(&mut self, priority: &[i32]) -> Option<Individual> {
        let m = self.dec.parallel(priority)?;
        let mut list = Vec::with_capacity(priority.len());
        let m = self.dec.justify(m, &mut list, &mut self.finish);
        let h = self.record(m);
        Some(Individual { list, makespan: m, hash: h })
    }

    fn individual(&mut self, mut list: Vec<u32>) -> Option<Individual> {
        let (makespan, hash) = self.evaluate(&mut list)?;
        Some(Individual { list, makespan, hash })
    }

    /// Regret-based biased random sampling on the latest finish: among the eligible
    /// activities, one is drawn with weight (largest eligible LFT - its LFT + 1).
    fn sample(&mut self, lft: &[i32]) -> Vec<u32> {
        let p = self.dec.p;
        let n = p.len();
        let mut waiting: Vec<u32> = (0..n).map(|v| p.pred_start[v + 1] - p.pred_start[v]).collect();
        let mut eligible: Vec<u32> = (0..n as u32).filter(|v| waiting[*v as usize] == 0).collect();
        let mut list = Vec::with_capacity(n);
        while !eligible.is_empty() {
            let max = eligible.iter().map(|v| lft[*v as usize]).max().unwrap_or(0);
            let total: f64 = eligible.iter().map(|v| f64::from(max - lft[*v as usize] + 1)).sum();
            let mut x = self.rng.unit() * total;
            let mut k = eligible.len() - 1;
            for (i, v) in eligible.iter().enumerate() {
                x -= f64::from(max - lft[*v as usize] + 1);
                if x < 0.0 {
                    k = i;
                    break;
                }
            }
            let v = eligible.swap_remove(k) as usize;
            list.push(v as u32);
            for &(w, _) in p.succs_of(v) {
                waiting[w as usize] -= 1;
                if waiting[w as usize] == 0 {
                    eligible.push(w);
                }
            }
        }
        list
    }

    /// Hartmann's two-point crossover: the child's head from `a`, its middle from `b`'s
    /// order, its tail from `a`'s; a topological list stays topological.
    fn crossover(&mut self, a: &[u32], b: &[u32]) -> Vec<u32> {
        let n = a.len();
        let mut q1 = self.rng.below(n + 1);
        let mut q2 = self.rng.below(n + 1);
        if q1 > q2 {
            std::mem::swap(&mut q1, &mut q2);
        }
        self.taken.iter_mut().for_each(|t| *t = false);
        let mut child = Vec::with_capacity(n);
        for &v in &a[..q1] {
            child.push(v);
            self.taken[v as usize] = true;
        }
        for &v in b {
            if child.len() >= q2 {
                break;
            }
            if !self.taken[v as usize] {
                child.push(v);
                self.taken[v as usize] = true;
            }
        }
        for &v in a {
            if !self.taken[v as usize] {
                child.push(v);
                self.taken[v as usize] = true;
            }
        }
        child
    }

    /// Swaps neighbours not linked by a gap, each with probability `rate`; then, with
    /// probability `shift`, moves one activity to a random place between its last giver
    /// and its first receiver in the list.
    fn mutate(&mut self, list: &mut Vec<u32>, rate: f64, shift: f64) {
        let p = self.dec.p;
        for i in 0..list.len().saturating_sub(1) {
            if self.rng.unit() < rate {
                let (a, b) = (list[i], list[i + 1]);
                if !p.succs_of(a as usize).iter().any(|&(w, _)| w == b) {
                    list.swap(i, i + 1);
                }
            }
        }
        let mut shift = shift;
        while shift > 0.0 && !list.is_empty() {
            if self.rng.unit() >= shift {
                break;
            }
            shift -= 1.0;
            for (k, &v) in list.iter().enumerate() {
                self.pos[v as usize] = k as u32;
            }
            let i = self.rng.below(list.len());
            let v = list[i] as usize;
            let lo = p.preds_of(v).iter().map(|&(q, _)| self.pos[q as usize] as usize + 1).max().unwrap_or(0);
            let hi = p.succs_of(v).iter().map(|&(w, _)| self.pos[w as usize] as usize).min().unwrap_or(list.len()) - 1;
            if hi > lo {
                let j = lo + self.rng.below(hi - lo + 1);
                let x = list.remove(i);
                list.insert(j, x);
            }
        }
    }

    fn tournament(&mut self, pop: &[Individual]) -> usize {
        let a = self.rng.below(pop.len());
        let b = self.rng.below(pop.len());
        if pop[b].makespan < pop[a].makespan {
            b
        } else {
            a
        }
    }

    fn search(&mut self, rules: &[Vec<i32>], lft: &[i32]) {
        let p = self.dec.p;
        let n = p.len();
        let size = self.tune.pop;
        let mut pop: Vec<Individual> = Vec::with_capacity(2 * size);
        // The rules, serial and (for small problems) parallel.
        for key in rules {
            if self.done() {
                return;
            }
            let mut list = Vec::with_capacity(n);
            self.dec.order_by(key, true, false, &mut list);
            if let Some(i) = self.individual(list) {
                pop.push(i);
            }
            if n <= 2000 && !self.done() {
                if let Some(i) = self.evaluate_parallel(key) {
                    pop.push(i);
                }
            }
        }
        self.fill(&mut pop, size, lft);
        let mut stale = 0u32;
        let mut children: Vec<Individual> = Vec::with_capacity(size);
        while !self.done() && !pop.is_empty() {
            let before = self.best;
            children.clear();
            while children.len() < size && !self.done() {
                let a = self.tournament(&pop);
                let b = self.tournament(&pop);
                let mut child = self.crossover(&pop[a].list, &pop[b].list);
                self.mutate(&mut child, self.tune.swap, self.tune.shift);
                if let Some(i) = self.individual(child) {
                    children.push(i);
                }
            }
            let old = pop.len();
            pop.append(&mut children);
            // Children first, so that among equals the newer survive; then best first,
            // one per distinct schedule.
            pop.rotate_left(old);
            pop.sort_by_key(|i| i.makespan);
            let mut seen: Vec<u64> = Vec::with_capacity(pop.len());
            pop.retain(|i| {
                if seen.contains(&i.hash) {
                    false
                } else {
                    seen.push(i.hash);
                    true
                }
            });
            pop.truncate(size);
            if self.best < before {
                stale = 0;
            } else {
                stale += 1;
            }
            if stale > self.tune.stale {
                // Converged: keep the best few, sample the rest afresh.
                stale = 0;
                pop.truncate(self.tune.keep);
                self.fill(&mut pop, size, lft);
            }
        }
    }

    fn fill(&mut self, pop: &mut Vec<Individual>, size: usize, lft: &[i32]) {
        while pop.len() < size && !self.done() {
            let list = self.sample(lft);
            if let Some(i) = self.individual(list) {
                pop.push(i);
            }
        }
    }
}

/// Levels `problem`: the shortest schedule found within the limits of `config`, or early
/// when a schedule meets the lower bound. `watch` shows its progress to another thread
/// and stops it early (it then returns the best found).
pub fn solve(problem: &Problem, config: &Config, watch: Option<&Watch>) -> Result<Solution, LevelError> {
    let begin = Instant::now();
    let n = problem.len();
    let lb = lower_bound(problem);
    let threads = config.threads.max(1);
    let total = match (config.iterations, config.time_limit) {
        (Some(i), _) => i,
        (None, Some(_)) => u64::MAX,
        (None, None) => 5000,
    };
    let deadline = config.time_limit.map(|d| begin + d);
    let share_stop = config.iterations.is_none();

    // Priority rules (smallest first), computed once.
    let es = early_starts(problem);
    let cp = (0..n).map(|v| es[v] + problem.duration[v]).max().unwrap_or(0);
    let ls = late_starts(problem, cp);
    let lft: Vec<i32> = (0..n).map(|v| ls[v] + problem.duration[v]).collect();
    let slack: Vec<i32> = (0..n).map(|v| ls[v] - es[v]).collect();
    // Most total successors, greatest rank positional weight (duration + direct successors').
    let mut succ_count = vec![0i32; n];
    for &v in problem.order.iter().rev() {
        let v = v as usize;
        succ_count[v] = problem.succs_of(v).iter().map(|&(w, _)| succ_count[w as usize] + 1).sum::<i32>().min(1 << 20);
    }
    let grpw: Vec<i32> = (0..n)
        .map(|v| -(problem.duration[v] + problem.succs_of(v).iter().map(|&(w, _)| problem.duration[w as usize]).sum::<i32>()))
        .collect();
    let mts: Vec<i32> = succ_count.iter().map(|c| -c).collect();
    let rules = vec![lft.clone(), ls, slack, mts, grpw, es];

    let tune = Tuning { pop: if n <= 200 { 60 } else { 30 }, stale: 20, keep: 1, swap: 0.02, shift: 1.0 };
    let stop = AtomicBool::new(false);
    let lb32 = i32::try_from(lb).unwrap_or(i32::MAX);
    let run = |k: usize| -> Found {
        let share = total / threads as u64 + u64::from((k as u64) < total % threads as u64);
        let mut run = Run {
            dec: Decoder::new(problem),
            rng: Rng::new(config.seed, k as u64),
            begin,
            deadline,
            budget: share.max(1),
            lb: lb32,
            stop: &stop,
            watch,
            reported: 0,
            share_stop,
            best: i32::MAX,
            best_start: vec![0; n],
            best_at: Duration::ZERO,
            finish: Vec::with_capacity(n),
            taken: vec![false; n],
            pos: vec![0; n],
            tune: tune.clone(),
            over: false,
            checks: 0,
        };
        // The first schedule always exists: the latest-finish rule, serially.
        let mut first = Vec::with_capacity(n);
        run.dec.order_by(&lft, true, false, &mut first);
        run.evaluate(&mut first);
        run.search(&rules, &lft);
        if let Some(w) = run.watch {
            w.schedules.fetch_add(run.dec.generated - run.reported, Ordering::Relaxed);
        }
        Found { makespan: run.best, start: run.best_start, at: run.best_at, schedules: run.dec.generated }
    };
    let found: Vec<Found> = if threads == 1 {
        vec![run(0)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (1..threads).map(|k| s.spawn(move || run(k))).collect();
            let mut all = vec![run(0)];
            for h in handles {
                // A thread that panicked found nothing; the others still answer.
                if let Ok(f) = h.join() {
                    all.push(f);
                }
            }
            all
        })
    };
    let schedules = found.iter().map(|f| f.schedules).sum();
    let mut best: Option<Found> = None;
    for f in found {
        if best.as_ref().is_none_or(|b| f.makespan < b.makespan) {
            best = Some(f);
        }
    }
    match best {
        Some(b) if b.makespan < i32::MAX => Ok(Solution {
            start: b.start.iter().map(|s| i64::from(*s)).collect(),
            makespan: i64::from(b.makespan),
            lower_bound: lb,
            schedules,
            time_to_best: b.at,
        }),
        // No schedule fit the horizon, which its construction rules out.
        _ => Err(LevelError::NoSchedule),
    }
}
