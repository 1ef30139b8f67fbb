//! Generated plans of any size, for benchmarks and property tests.
//!
//! Deterministic from a seed (a small SplitMix64, so the core needs no random crate):
//! the same call gives the same plan on every machine.

use chrono::NaiveDate;

use crate::model::{Handoff, Initiative, Kind, Plan, Team};

/// SplitMix64: tiny, fast, and good enough to shape test plans.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// A plan of `n` initiatives with about `per_node` handoffs each, every handoff going from
/// an earlier initiative to a later one within a window (so chains are long, like real
/// programs), with mixed kinds and small lags. `kinds` = false makes them all FS, lag 0.
pub fn plan(n: usize, per_node: usize, seed: u64, kinds: bool) -> Plan {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default();
    let mut plan = Plan::new(&format!("generated {n}"), start);
    let mut rng = Rng::new(seed);
    let teams = 8;
    for t in 0..teams {
        plan.teams.push(Team { id: format!("T{t}"), name: format!("Team {t}"), fte: 5.0, utilization_target: 0.65 });
    }
    for k in 0..n {
        let mut i = Initiative::new(&format!("I{k}"), &format!("Initiative {k}"), "owner", 1 + rng.below(20) as i32);
        i.team = Some(format!("T{}", rng.below(teams)));
        plan.initiatives.push(i);
    }
    let window = 50u64;
    let mut seen = std::collections::HashSet::new();
    for to in 1..n {
        for _ in 0..per_node {
            let back = 1 + rng.below(window.min(to as u64));
            let from = to - back as usize;
            if !seen.insert((from, to)) {
                continue;
            }
            let mut h = Handoff::fs(&format!("H{from}-{to}"), &format!("I{from}"), &format!("I{to}"));
            if kinds {
                h.kind = [Kind::FS, Kind::FS, Kind::SS, Kind::FF, Kind::SF][rng.below(5) as usize];
                h.lag = rng.below(7) as i32 - 2;
            }
            h.owner = if rng.below(10) == 0 { String::new() } else { "owner".to_string() };
            plan.handoffs.push(h);
        }
    }
    plan
}
