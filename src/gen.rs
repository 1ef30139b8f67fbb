//! Generated plans of any size, for benchmarks and property tests.
//!
//! Deterministic from a seed (a small SplitMix64, so the core needs no random crate):
//! the same call gives the same plan on every machine.

use chrono::NaiveDate;

use crate::model::{Estimate, Handoff, Initiative, Kind, Plan, Risk, RiskStatus, Team};

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

/// The shape of a generated plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// Handoffs tried per initiative (duplicates are dropped), may be fractional.
    pub handoffs_per_initiative: f64,
    /// Share of handoffs that go from one team to another (seams), 0-1.
    pub seam_share: f64,
    pub teams: usize,
    /// A handoff's giver is at most this many initiatives before its receiver.
    pub window: usize,
    /// Mixed kinds and small lags; false makes every handoff FS with lag 0.
    pub kinds: bool,
}

/// A plan of `n` initiatives with about `per_node` handoffs each, every handoff going from
/// an earlier initiative to a later one within a window (so chains are long, like real
/// programs), with mixed kinds and small lags. `kinds` = false makes them all FS, lag 0.
/// Teams have locality as in a real rollout (see [`shaped`]).
pub fn plan(n: usize, per_node: usize, seed: u64, kinds: bool) -> Plan {
    shaped(n, &Shape { handoffs_per_initiative: per_node as f64, seam_share: 0.25, teams: 8, window: 50, kinds }, seed)
}

/// A rollout-like plan for the layout's benchmarks and tests: about 2.5 handoffs per initiative,
/// a quarter of them seams between eight teams.
pub fn rollout(n: usize, seed: u64) -> Plan {
    shaped(n, &Shape { handoffs_per_initiative: 2.8, seam_share: 0.25, teams: 8, window: 30, kinds: true }, seed)
}

/// A generated plan of the given shape. Teams have locality, as in a real rollout: a team's
/// initiatives come in runs (each initiative stays with the previous one's team with
/// probability 0.7), and a handoff stays inside its receiver's team unless it is drawn as a
/// seam (`seam_share`), when its giver is in another team.
pub fn shaped(n: usize, shape: &Shape, seed: u64) -> Plan {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default();
    let mut plan = Plan::new(&format!("generated {n}"), start);
    let mut rng = Rng::new(seed);
    let teams = shape.teams.max(1) as u64;
    for t in 0..teams {
        plan.teams.push(Team::new(&format!("T{t}"), &format!("Team {t}"), 5.0));
    }
    let mut team = vec![0u64; n];
    for k in 0..n {
        let mut i = Initiative::new(&format!("I{k}"), &format!("Initiative {k}"), "owner", 1 + rng.below(20) as i32);
        team[k] = if k > 0 && rng.below(10) < 7 { team[k - 1] } else { rng.below(teams) };
        i.team = Some(format!("T{}", team[k]));
        plan.initiatives.push(i);
    }
    let window = shape.window.max(1) as u64;
    let whole = shape.handoffs_per_initiative.max(0.0).floor() as usize;
    let frac = ((shape.handoffs_per_initiative.max(0.0) - whole as f64) * 1000.0) as u64;
    let seam_per_mille = (shape.seam_share.clamp(0.0, 1.0) * 1000.0) as u64;
    let mut seen = std::collections::HashSet::new();
    // Initiatives of each team so far, in order.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); teams as usize];
    for to in 1..n {
        members[team[to - 1] as usize].push(to - 1);
        let count = whole + usize::from(rng.below(1000) < frac);
        let own = &members[team[to] as usize];
        let near = own.len() - own.partition_point(|&k| k + (window as usize) < to);
        for _ in 0..count {
            let seam = rng.below(1000) < seam_per_mille;
            let from = if !seam {
                // The first of a team's initiatives in the window has no giver in its team.
                if near == 0 {
                    continue;
                }
                let mut from = own[own.len() - 1 - rng.below(near as u64) as usize];
                for _ in 0..3 {
                    if !seen.contains(&(from, to)) {
                        break;
                    }
                    from = own[own.len() - 1 - rng.below(near as u64) as usize];
                }
                from
            } else {
                // Any giver in the window, preferably from another team.
                let mut from = to - 1 - rng.below(window.min(to as u64)) as usize;
                for _ in 0..8 {
                    if team[from] != team[to] {
                        break;
                    }
                    from = to - 1 - rng.below(window.min(to as u64)) as usize;
                }
                from
            };
            if !seen.insert((from, to)) {
                continue;
            }
            let mut h = Handoff::fs(&format!("H{from}-{to}"), &format!("I{from}"), &format!("I{to}"));
            if shape.kinds {
                h.kind = [Kind::FS, Kind::FS, Kind::SS, Kind::FF, Kind::SF][rng.below(5) as usize];
                h.lag = rng.below(7) as i32 - 2;
            }
            h.owner = if rng.below(10) == 0 { String::new() } else { "owner".to_string() };
            plan.handoffs.push(h);
        }
    }
    plan
}

/// A plan for the simulation's benchmark (issue 14): `n` initiatives with about three
/// finish-to-start handoffs each (as [`plan`]), every likely duration m (1..20 days) spread
/// as the estimate (0.8m, m, 1.5m) rounded, and `risks` open risks of probability 0.05-0.4,
/// each hitting one initiative and adding 1 to 10 days if it fires. Other generators keep
/// their plans: this one draws from its own stream.
pub fn risky(n: usize, risks: usize, seed: u64) -> Plan {
    let mut plan = plan(n, 3, seed, false);
    plan.name = format!("generated {n} with {risks} risks");
    let mut rng = Rng::new(seed ^ 0x5EED_0F_2157);
    for i in &mut plan.initiatives {
        let m = i.duration.likely;
        i.duration =
            Estimate { optimistic: (f64::from(m) * 0.8).round() as i32, likely: m, pessimistic: (f64::from(m) * 1.5).round() as i32 };
    }
    for r in 0..risks {
        let hit = rng.below(n.max(1) as u64) as usize;
        let Some(target) = plan.initiatives.get(hit) else { break };
        let low = 1 + rng.below(5) as i32;
        let high = (low + rng.below(6) as i32).min(10);
        plan.risks.push(Risk {
            id: format!("R{r}"),
            title: format!("Risk {r}"),
            owner: "owner".to_string(),
            probability: 0.05 + 0.35 * (rng.below(1000) as f64 / 999.0),
            impact: 1 + rng.below(5) as i32,
            mitigation: String::new(),
            status: RiskStatus::Open,
            initiatives: vec![target.id.clone()],
            schedule_impact: Some(Estimate { optimistic: low, likely: (low + high) / 2, pessimistic: high }),
        });
    }
    plan
}

/// A plan for the brief's benchmark (issue 16): [`risky`]'s plan of `n` initiatives and
/// `n / 40` risks, with ten waves in the order of the work, effort for each initiative's
/// team (its likely duration x 1-3 people), a milestone closing every 50 initiatives, a
/// target date, and a summary and asks. Other generators keep their plans: this one draws
/// from its own stream.
pub fn briefed(n: usize, seed: u64) -> Plan {
    use crate::model::{Effort, Wave};
    let mut plan = risky(n, n / 40, seed);
    plan.name = format!("generated {n} for the brief");
    let mut rng = Rng::new(seed ^ 0xB21E_F000);
    plan.waves = (1..=10).map(|k| Wave::new(&format!("W{k}"), &format!("Wave {k}"), k)).collect();
    for (k, i) in plan.initiatives.iter_mut().enumerate() {
        i.wave = Some(format!("W{}", 1 + k * 10 / n.max(1)));
        if k % 50 == 49 {
            i.duration = Estimate::exact(0);
            i.name = format!("Milestone {}", k / 50 + 1);
        }
        if let Some(team) = &i.team {
            let people = 1 + rng.below(3) as i32;
            i.effort.push(Effort { team: team.clone(), person_days: f64::from(i.duration.likely * people) });
        }
    }
    plan.target = plan.start.checked_add_days(chrono::Days::new(365));
    plan.summary = "A generated plan: every wave runs the same template; the figures are made up.".to_string();
    plan.asks = "None: this plan exists to measure the brief.".to_string();
    plan
}

/// A rollout at scale for its benchmark (issue 28, `make bench-rollout`): `program`
/// initiatives of program work ([`rollout`]'s shape), `waves` waves each with a go/no-go gate
/// and a network upgrade (anchor `network`) hanging off the program work, and template
/// `store` of twenty steps (a chain with links skipping a step, two waiting for the gate, two
/// before the wave's completion, an anchor, two crew chains, owner roles, three risks),
/// applied to no site yet. The sites go in the file [`rollout_sites_csv`] writes.
pub fn rollout_plan(program: usize, waves: usize, seed: u64) -> Plan {
    use crate::model::{CrewChain, Effort, SiteScope, Step, Template, TemplateHandoff, TemplateRisk, Wave};
    let mut plan = rollout(program.max(1), seed);
    plan.name = format!("generated rollout over {waves} waves");
    let mut rng = Rng::new(seed ^ 0x5173_0000);
    let last = plan.initiatives.len();
    for k in 1..=waves.max(1) {
        let (gate, network) = (format!("W{k}-go"), format!("W{k}-network"));
        let mut w = Wave::new(&format!("W{k}"), &format!("Wave {k}"), k as i32);
        w.gate = Some(gate.clone());
        w.anchors.insert("network".to_string(), network.clone());
        plan.waves.push(w);
        let mut g = Initiative::new(&gate, &format!("Wave {k} go/no-go"), "Priya Nair", 0);
        g.wave = Some(format!("W{k}"));
        let mut n = Initiative::new(&network, &format!("Wave {k} network upgrade"), "Sam Ito", 5 + rng.below(5) as i32);
        n.team = Some("T1".to_string());
        n.wave = Some(format!("W{k}"));
        plan.initiatives.push(g);
        plan.initiatives.push(n);
        // The gate waits for a stretch of the program and for the previous gate.
        let from = format!("I{}", (last * k / (waves.max(1) + 1)).min(last - 1));
        plan.handoffs.push(Handoff::fs(&format!("H{from}>{gate}"), &from, &gate));
        plan.handoffs.push(Handoff::fs(&format!("H{gate}>{network}"), &gate, &network));
        if k > 1 {
            let before = format!("W{}-go", k - 1);
            let mut h = Handoff::fs(&format!("H{before}>{gate}"), &before, &gate);
            h.lag = 10;
            plan.handoffs.push(h);
        }
    }
    let roles = ["site lead", "field lead"];
    let mut steps = Vec::new();
    let mut handoffs = Vec::new();
    for s in 1..=20usize {
        let likely = 1 + rng.below(5) as i32;
        let team = format!("T{}", rng.below(plan.teams.len().max(1) as u64));
        let role = (s % 3 == 0).then(|| roles[s % 2].to_string());
        steps.push(Step {
            id: format!("s{s:02}"),
            name: format!("Step {s}"),
            owner: if role.is_none() { "Marcus Reed".to_string() } else { String::new() },
            role,
            effort: vec![Effort { team: team.clone(), person_days: f64::from(likely * 2) }.into()],
            team: Some(team),
            duration: Estimate { optimistic: (likely - 1).max(0), likely, pessimistic: likely * 2 }.into(),
            start_no_earlier_than: None,
            finish_no_later_than: None,
            after_gate: s <= 2,
            before_completion: s >= 19,
        });
        let link = |from: usize, kind: Kind, lag: i32| TemplateHandoff {
            id: format!("s{from:02}-s{s:02}"),
            from: format!("s{from:02}"),
            to: format!("s{s:02}"),
            kind,
            lag,
            owner: "Marcus Reed".to_string(),
            assumption: String::new(),
            confirmed: s % 4 != 0,
            sites: SiteScope::All,
        };
        if s > 1 {
            handoffs.push(link(s - 1, Kind::FS, 0));
        }
        if s > 2 && s % 2 == 0 {
            handoffs.push(link(s - 2, Kind::SS, 1));
        }
    }
    handoffs.push(TemplateHandoff {
        id: "network-s05".to_string(),
        from: "@network".to_string(),
        to: "s05".to_string(),
        kind: Kind::FS,
        lag: 0,
        owner: "Sam Ito".to_string(),
        assumption: "The network is upgraded before the lanes go in".to_string(),
        confirmed: false,
        sites: SiteScope::All,
    });
    let risk = |id: &str, step: &str, p: f64| TemplateRisk {
        id: id.to_string(),
        title: format!("Risk at {step}"),
        owner: "Dana Kowalski".to_string(),
        probability: p,
        impact: 3,
        mitigation: String::new(),
        initiatives: vec![step.to_string()],
        schedule_impact: Some(Estimate { optimistic: 1, likely: 2, pessimistic: 5 }),
    };
    let chain = |step: &str, crews: u32| CrewChain {
        step: step.to_string(),
        crews,
        owner: "Crew lead".to_string(),
        confirmed: true,
        ..CrewChain::default()
    };
    plan.templates.push(Template {
        id: "store".to_string(),
        name: "Store cutover".to_string(),
        initiatives: steps,
        handoffs,
        risks: vec![risk("late-kit", "s05", 0.2), risk("rework", "s12", 0.1), risk("no-access", "s03", 0.05)],
        chains: vec![chain("s03", 4), chain("s10", 8)],
    });
    plan
}

/// The sites file (docs/csv-format.md) of `sites` sites `S0001`... spread over the waves
/// `W1`..`W{waves}` of [`rollout_plan`] in order, each with a site lead and most with a
/// field lead.
pub fn rollout_sites_csv(sites: usize, waves: usize) -> String {
    let mut out = String::from("id,name,region,wave,site lead,field lead\n");
    for k in 0..sites {
        let wave = 1 + k * waves.max(1) / sites.max(1);
        let field = if k % 10 == 9 { String::new() } else { format!("Lead {}", k % 37) };
        out.push_str(&format!("S{:04},Store {},R{},W{wave},Person {k},{field}\n", k + 1, k + 1, k % 7));
    }
    out
}

/// Writes [`rollout_sites_csv`] to `path` through `io::output` (never over an existing file).
pub fn write_rollout_sites(path: &std::path::Path, sites: usize, waves: usize) -> Result<(), crate::io::output::OutputError> {
    crate::io::output::write_bytes(path, crate::io::output::Overwrite::Refuse, rollout_sites_csv(sites, waves).as_bytes())
}

/// A plan for what to stop at scale (issue 29, `bridger generate --priorities`): a rollout
/// of `n` initiatives, sites of twenty steps in a chain (each step after the fourth may
/// also wait, start to start, on one of the three before it), the first step of a site
/// waiting on the fifth of the site fifty before it (the crew moves on), step j on team j mod
/// 8 (no stated effort: one person of the team per working day), durations of 1-10 days,
/// values of 1-100; four strategic priorities of ranks 1-4 owned by people, each site
/// serving one (a fifth serving none). Each team has `room` times the people its work needs
/// over the plan's finish if nothing slips (1.5: half again as many), and the target is ten
/// working days before that finish: what to stop has work to defer. Deterministic from the
/// seed.
pub fn prioritized(n: usize, room: f64, seed: u64) -> Plan {
    use crate::model::Priority;
    const STEPS: usize = 20;
    const LANE: usize = 50;
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default();
    let mut plan = Plan::new(&format!("generated {n} with priorities"), start);
    let mut rng = Rng::new(seed ^ 0x9A10_2170);
    for t in 0..8 {
        plan.teams.push(Team { utilization_target: 1.0, ..Team::new(&format!("T{t}"), &format!("Team {t}"), 1.0) });
    }
    for (k, (name, owner)) in [
        ("Modern checkout", "Marcus Lee"),
        ("Card payments", "Dana Whitfield"),
        ("Loyalty", "Priya Nair"),
        ("Legacy retired", "Sam Okafor"),
    ]
    .into_iter()
    .enumerate()
    {
        plan.priorities.push(Priority::new(&format!("P{}", k + 1), name, owner, k as i32 + 1));
    }
    let fs = |from: usize, to: usize| {
        let mut h = Handoff::fs(&format!("H{from}-{to}"), &format!("I{from}"), &format!("I{to}"));
        h.owner = "owner".to_string();
        h
    };
    let mut serves: Vec<String> = Vec::new();
    for k in 0..n {
        let (site, step) = (k / STEPS, k % STEPS);
        if step == 0 {
            serves = match rng.below(5) {
                4 => Vec::new(),
                p => vec![plan.priorities[p as usize].id.clone()],
            };
        }
        plan.initiatives.push(Initiative::new(&format!("I{k}"), &format!("Site {site} step {step}"), "owner", 1 + rng.below(10) as i32));
        let i = &mut plan.initiatives[k];
        i.serves.clone_from(&serves);
        i.team = Some(format!("T{}", step % 8));
        i.value = 1.0 + rng.below(100) as f64;
        if step > 0 {
            plan.handoffs.push(fs(k - 1, k));
        }
        if step >= 4 && rng.below(10) < 3 {
            let from = k - 2 - rng.below(3) as usize;
            let mut h = fs(from, k);
            h.kind = Kind::SS;
            h.lag = rng.below(3) as i32;
            plan.handoffs.push(h);
        }
        if step == 0 && site >= LANE {
            plan.handoffs.push(fs((site - LANE) * STEPS + 4, k));
        }
    }
    // Each team's people: `room` times its work over the finish if nothing slips.
    let finish = crate::schedule::cpm(&plan).map_or(1, |c| c.makespan.max(1));
    for t in &mut plan.teams {
        let work: f64 =
            plan.initiatives.iter().filter(|i| i.team.as_deref() == Some(t.id.as_str())).map(|i| f64::from(i.duration.likely)).sum();
        t.fte = (work / finish as f64 * room.max(0.01)).ceil().max(1.0);
    }
    let cal = plan.calendar.anchored(plan.start).ok();
    plan.target = cal.and_then(|c| c.date((finish - 11).max(0)).ok());
    plan
}
