//! The Monte Carlo simulation against what a user relies on: with no spread and no risk it
//! is CPM, its statistics match the distributions it claims to draw from, and the same seed
//! gives the same output on any number of threads.

use bridger::model::{Estimate, Handoff, Initiative, Plan, Risk, RiskStatus, Status};
use bridger::schedule::{cpm, schedule, simulate, Distribution, SimConfig, Simulation};
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(plan: &Plan, iterations: u32, seed: u64) -> Simulation {
    simulate(plan, &SimConfig { iterations, seed, ..SimConfig::default() }).unwrap()
}

/// Every estimate collapsed to its likely value, every risk gone.
fn degenerate(mut plan: Plan) -> Plan {
    for i in &mut plan.initiatives {
        i.duration = Estimate::exact(i.duration.likely);
    }
    plan.risks.clear();
    plan
}

/// Checks that a plan with no spread and no risk simulates to CPM in every iteration:
/// the finish, its date, every milestone's and wave's date.
fn equals_cpm(plan: &Plan, iterations: u32) -> Simulation {
    let c = cpm(plan).unwrap();
    let s = schedule(plan).unwrap();
    let sim = run(plan, iterations, 42);
    assert_eq!(sim.finish_days.len(), iterations as usize);
    for (i, f) in sim.finish_days.iter().enumerate() {
        assert_eq!(*f, c.makespan as f64, "iteration {i}");
    }
    for p in &sim.percentiles {
        assert_eq!(p.finish.days, c.makespan as f64);
        assert_eq!(p.finish.date, s.finish_date, "P{}", p.percent);
    }
    assert_eq!(sim.cpm.date, s.finish_date);
    assert_eq!(sim.mean_days, c.makespan as f64);
    for m in &sim.milestones {
        let si = s.initiatives.iter().find(|x| x.id == m.id).unwrap();
        assert_eq!((m.p50.days, m.p80.days), (si.early_finish as f64, si.early_finish as f64), "{}", m.id);
        assert_eq!((m.p50.date, m.p80.date), (si.finish_date, si.finish_date), "{}", m.id);
    }
    for w in &sim.waves {
        let last = plan
            .initiatives
            .iter()
            .filter(|i| {
                i.wave.as_deref() == Some(&w.id)
                    || (i.wave.is_none()
                        && i.site.as_ref().is_some_and(|s| plan.sites.iter().any(|x| &x.id == s && x.wave.as_deref() == Some(&w.id))))
            })
            .map(|i| s.initiatives.iter().find(|x| x.id == i.id).unwrap().finish_date)
            .max()
            .unwrap();
        assert_eq!(w.p50.date, last, "wave {}", w.id);
    }
    sim
}

#[test]
fn with_no_spread_and_no_risk_every_iteration_is_cpm_on_the_demo() {
    let plan = degenerate(bridger::demo::plan());
    let sim = equals_cpm(&plan, 50);
    assert!(!sim.milestones.is_empty() && !sim.waves.is_empty(), "the demo has milestones and waves");
    // Done and in-progress work, and the demo's statuses, change nothing without spread.
    assert!(plan.initiatives.iter().any(|i| i.status == Status::Done));
    assert!(plan.initiatives.iter().any(|i| i.progress > 0.0 && i.progress < 1.0));
}

#[test]
fn with_no_spread_and_no_risk_every_iteration_is_cpm_on_generated_plans() {
    for seed in 1..5 {
        let mut plan = bridger::gen::plan(300, 3, seed, true);
        assert!(plan.handoffs.iter().any(|h| h.kind == bridger::model::Kind::SF));
        // Milestones, start-no-earlier-than, done and in-progress work, leveling delays.
        for (k, i) in plan.initiatives.iter_mut().enumerate() {
            match k % 11 {
                0 => i.duration = Estimate::exact(0),
                3 => i.start_no_earlier_than = Some(day("2027-02-15")),
                5 => (i.status, i.progress) = (Status::Done, 1.0),
                7 => (i.status, i.progress) = (Status::OnTrack, 0.3),
                // Leveling delays, as an accepted leveling leaves them.
                9 => i.leveling_delay = 1 + (k % 4) as i32,
                _ => {}
            }
        }
        let sim = equals_cpm(&plan, 20);
        // Without deadlines, the driving path is CPM's critical path, in every iteration.
        let c = cpm(&plan).unwrap();
        for (k, i) in plan.initiatives.iter().enumerate() {
            let want = if c.critical(k) { 1.0 } else { 0.0 };
            assert_eq!(sim.criticality[k], want, "seed {seed}: {}", i.id);
        }
        assert!(sim.handoff_criticality.contains(&1.0));
    }
}

/// A chain of initiatives, each finish-to-start on the one before.
fn chain(estimates: &[(i32, i32, i32)]) -> Plan {
    let mut plan = Plan::new("chain", day("2027-01-04"));
    for (k, (a, c, b)) in estimates.iter().enumerate() {
        let mut i = Initiative::new(&format!("i{k}"), &format!("I{k}"), "o", *c);
        i.duration = Estimate { optimistic: *a, likely: *c, pessimistic: *b };
        plan.initiatives.push(i);
        if k > 0 {
            plan.handoffs.push(Handoff::fs(&format!("h{k}"), &format!("i{}", k - 1), &format!("i{k}")));
        }
    }
    plan
}

const TEN: [(i32, i32, i32); 10] =
    [(2, 5, 12), (1, 3, 4), (5, 10, 30), (3, 3, 9), (1, 8, 8), (4, 6, 20), (2, 2, 2), (10, 15, 25), (1, 2, 10), (6, 7, 8)];

#[test]
fn a_chain_of_triangular_initiatives_has_the_sum_of_their_means() {
    let plan = chain(&TEN);
    let want: f64 = TEN.iter().map(|(a, c, b)| f64::from(a + c + b) / 3.0).sum();
    let sim = run(&plan, 20_000, 7);
    let error = (sim.mean_days - want).abs() / want;
    assert!(error < 0.01, "mean {} vs {want} ({:.3}%)", sim.mean_days, error * 100.0);
    // Every initiative of a chain drives its finish, and so does every handoff.
    assert!(sim.criticality.iter().all(|c| *c == 1.0));
    assert!(sim.handoff_criticality.iter().all(|c| *c == 1.0));
    // The spread is there, between the sums of the optimistic and pessimistic ends.
    let (lo, hi): (i32, i32) = (TEN.iter().map(|e| e.0).sum(), TEN.iter().map(|e| e.2).sum());
    let p10 = sim.percentile(10).unwrap().days;
    let p90 = sim.percentile(90).unwrap().days;
    assert!(f64::from(lo) < p10 && p10 < want && want < p90 && p90 < f64::from(hi), "{lo} < {p10} < {want} < {p90} < {hi}");
    assert_eq!(sim.histogram.counts.iter().sum::<u32>(), 20_000);
}

#[test]
fn a_chain_under_pert_has_the_sum_of_the_pert_means() {
    let plan = chain(&TEN);
    let want: f64 = TEN.iter().map(|(a, c, b)| f64::from(a + 4 * c + b) / 6.0).sum();
    let sim =
        simulate(&plan, &SimConfig { iterations: 20_000, seed: 3, distribution: Distribution::Pert, ..SimConfig::default() }).unwrap();
    let error = (sim.mean_days - want).abs() / want;
    assert!(error < 0.01, "mean {} vs {want} ({:.3}%)", sim.mean_days, error * 100.0);
}

/// The sample standard deviation of a run's finishes.
fn spread(sim: &Simulation) -> f64 {
    let n = sim.finish_days.len() as f64;
    let mean = sim.finish_days.iter().sum::<f64>() / n;
    (sim.finish_days.iter().map(|f| (f - mean) * (f - mean)).sum::<f64>() / (n - 1.0)).sqrt()
}

/// The chain of ten, all in one team whose durations have the correlation `rho`.
fn team_chain(rho: f64) -> Plan {
    let mut plan = chain(&TEN);
    let mut team = bridger::model::Team::new("t", "Team", 3.0);
    team.correlation = rho;
    plan.teams.push(team);
    for i in &mut plan.initiatives {
        i.team = Some("t".into());
    }
    plan
}

#[test]
fn with_correlation_1_spreads_add_up_along_a_chain_and_with_0_variances_do() {
    // The standard deviation of triangular (a, c, b).
    let sd = |(a, c, b): (i32, i32, i32)| {
        let (a, c, b) = (f64::from(a), f64::from(c), f64::from(b));
        ((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0).sqrt()
    };
    let sum_of_spreads: f64 = TEN.iter().map(|e| sd(*e)).sum();
    let root_of_variances = TEN.iter().map(|e| sd(*e).powi(2)).sum::<f64>().sqrt();
    let mean: f64 = TEN.iter().map(|(a, c, b)| f64::from(a + c + b) / 3.0).sum();
    let together = run(&team_chain(1.0), 20_000, 13);
    let apart = run(&team_chain(0.0), 20_000, 13);
    let half = run(&team_chain(0.5), 20_000, 13);
    let within = |got: f64, want: f64, what: &str| {
        assert!((got - want).abs() / want < 0.02, "{what}: {got} vs {want} ({:.2}%)", 100.0 * (got - want).abs() / want);
    };
    within(spread(&together), sum_of_spreads, "correlation 1: the sum of the spreads");
    within(spread(&apart), root_of_variances, "correlation 0: the root of the sum of the variances");
    // In between, in between; the mean stays the sum of the means whatever the correlation.
    assert!(spread(&apart) < spread(&half) && spread(&half) < spread(&together));
    for sim in [&together, &apart, &half] {
        within(sim.mean_days, mean, "the mean");
    }
    // Correlation widens what one can promise: P80 moves out, P20 in.
    assert!(together.percentile(80).unwrap().days > apart.percentile(80).unwrap().days);
    assert!(together.percentile(20).unwrap().days < apart.percentile(20).unwrap().days);
}

#[test]
fn under_pert_too_correlation_1_adds_up_the_spreads() {
    // PERT-Beta: mean (a + 4c + b) / 6, variance (mean - a) (b - mean) / 7.
    let pert = |(a, c, b): (i32, i32, i32)| {
        let (a, c, b) = (f64::from(a), f64::from(c), f64::from(b));
        let mean = (a + 4.0 * c + b) / 6.0;
        (mean, ((mean - a) * (b - mean) / 7.0).sqrt())
    };
    let mean: f64 = TEN.iter().map(|e| pert(*e).0).sum();
    let sum_of_spreads: f64 = TEN.iter().map(|e| pert(*e).1).sum();
    let root_of_variances = TEN.iter().map(|e| pert(*e).1.powi(2)).sum::<f64>().sqrt();
    let config = SimConfig { iterations: 20_000, seed: 17, distribution: Distribution::Pert, ..SimConfig::default() };
    let together = simulate(&team_chain(1.0), &config).unwrap();
    let apart = simulate(&team_chain(0.0), &config).unwrap();
    for (got, want, what) in [
        (spread(&together), sum_of_spreads, "correlation 1"),
        (spread(&apart), root_of_variances, "correlation 0"),
        (together.mean_days, mean, "the mean at 1"),
        (apart.mean_days, mean, "the mean at 0"),
    ] {
        assert!((got - want).abs() / want < 0.02, "{what}: {got} vs {want}");
    }
}

#[test]
fn correlation_reaches_only_its_own_team() {
    // Two chains of five in parallel, one per team; only the first team is correlated.
    let mut plan = team_chain(1.0);
    plan.teams.push(bridger::model::Team::new("u", "Other", 3.0));
    for i in &mut plan.initiatives[5..] {
        i.team = Some("u".into());
    }
    plan.handoffs.retain(|h| h.to != "i5");
    let sim = run(&plan, 4_000, 3);
    let again = run(&plan, 4_000, 3);
    assert_eq!(sim, again);
    // Without the correlation, the first team draws otherwise.
    let mut apart = plan.clone();
    apart.teams[0].correlation = 0.0;
    let apart = run(&apart, 4_000, 3);
    assert_ne!(sim.finish_days, apart.finish_days);
    // A team at 0 draws as if its initiatives had no team.
    let mut none = plan.clone();
    for i in &mut none.initiatives[5..] {
        i.team = None;
    }
    assert_eq!(run(&none, 4_000, 3).finish_days, sim.finish_days);
}

fn one_risk(probability: f64, status: RiskStatus) -> Plan {
    let mut plan = Plan::new("one", day("2027-01-04"));
    plan.initiatives.push(Initiative::new("only", "The only one", "o", 10));
    plan.risks.push(Risk {
        id: "r".into(),
        title: "It may slip".into(),
        owner: "o".into(),
        probability,
        impact: 3,
        mitigation: String::new(),
        status,
        initiatives: vec!["only".into()],
        schedule_impact: Some(Estimate { optimistic: 1, likely: 2, pessimistic: 5 }),
    });
    plan
}

#[test]
fn a_risk_fires_with_its_probability() {
    let sim = run(&one_risk(0.3, RiskStatus::Open), 20_000, 11);
    let late = sim.finish_days.iter().filter(|f| **f > 10.0).count() as f64 / 20_000.0;
    assert!((late - 0.3).abs() <= 0.015, "delayed in {:.2}% of iterations", late * 100.0);
    // When it fires, it adds between its min and max.
    assert!(sim.finish_days.iter().all(|f| *f == 10.0 || (11.0..=15.0).contains(f)));
    // A risk being mitigated still fires; a closed one never does.
    let mitigating = run(&one_risk(0.3, RiskStatus::Mitigating), 2_000, 11);
    assert!(mitigating.finish_days.iter().any(|f| *f > 10.0));
    let closed = run(&one_risk(0.3, RiskStatus::Closed), 2_000, 11);
    assert!(closed.finish_days.iter().all(|f| *f == 10.0));
}

#[test]
fn done_work_keeps_its_duration_and_work_in_progress_samples_what_is_left() {
    let mut plan = chain(&[(10, 10, 40)]);
    plan.initiatives[0].status = Status::Done;
    plan.initiatives[0].progress = 1.0;
    let sim = run(&plan, 1_000, 5);
    assert!(sim.finish_days.iter().all(|f| *f == 10.0));
    // Half done: the done half (5 days) stands, the other half is drawn from (10, 10, 40).
    plan.initiatives[0].status = Status::OnTrack;
    plan.initiatives[0].progress = 0.5;
    let sim = run(&plan, 20_000, 5);
    let want = 5.0 + 0.5 * 20.0;
    assert!((sim.mean_days - want).abs() / want < 0.01, "mean {} vs {want}", sim.mean_days);
    assert!(sim.finish_days.iter().all(|f| (10.0..=25.0).contains(f)));
}

#[test]
fn the_target_date_is_met_in_the_share_of_iterations_that_finish_by_its_end() {
    // 10 working days from Monday 2027-01-04: the work ends on Friday 2027-01-15.
    let plan = one_risk(0.3, RiskStatus::Open);
    let on = |target: &str| {
        let config = SimConfig { iterations: 4_000, seed: 2, target: Some(day(target)), ..SimConfig::default() };
        simulate(&plan, &config).unwrap().probability_on_target.unwrap()
    };
    assert_eq!(on("2027-01-14"), 0.0);
    let friday = on("2027-01-15");
    assert!((friday - 0.7).abs() < 0.03, "{friday}");
    assert_eq!(on("2027-01-16"), friday, "a weekend day adds no working time");
    assert_eq!(on("2027-01-29"), 1.0, "the largest delay is 5 days");
    let sim = run(&plan, 4_000, 2);
    assert_eq!(sim.cpm.date, day("2027-01-15"));
    assert_eq!(sim.percentile(50).unwrap().date, day("2027-01-15"));
}

#[test]
fn the_same_seed_gives_the_same_output_on_any_number_of_threads() {
    let mut plan = bridger::demo::plan();
    for i in &mut plan.initiatives {
        let e = &mut i.duration;
        e.pessimistic = e.pessimistic.max(e.likely + 3);
    }
    for r in &mut plan.risks {
        r.schedule_impact = Some(Estimate { optimistic: 1, likely: 3, pessimistic: 8 });
    }
    plan.teams[0].correlation = 0.7;
    let config = |threads| SimConfig { iterations: 301, seed: 99, threads, target: Some(day("2027-09-30")), ..SimConfig::default() };
    let one = simulate(&plan, &config(1)).unwrap();
    let two = simulate(&plan, &config(2)).unwrap();
    let five = simulate(&plan, &config(5)).unwrap();
    assert_eq!(one, two);
    assert_eq!(one, five);
    assert!(one.risk_drivers.len() >= 2, "the demo's risks are measured");
    let other = simulate(&plan, &SimConfig { seed: 100, ..config(2) }).unwrap();
    assert_ne!(one.finish_days, other.finish_days);
    // The spread is real: the plan's finish varies, P50 <= P80, and the risks widen it.
    assert!(one.percentile(10).unwrap().days < one.percentile(90).unwrap().days);
    assert!(one.percentile(50).unwrap().date <= one.percentile(80).unwrap().date);
}

#[test]
fn a_dangling_risk_link_and_zero_iterations_are_errors_that_name_the_thing() {
    let mut plan = one_risk(0.3, RiskStatus::Open);
    plan.risks[0].initiatives.push("ghost".into());
    let e = simulate(&plan, &SimConfig::default()).unwrap_err();
    assert_eq!(e.to_string(), "risk 'r': 'ghost' is not a known initiative");
    let e = simulate(&chain(&TEN), &SimConfig { iterations: 0, ..SimConfig::default() }).unwrap_err();
    assert_eq!(e.to_string(), "a simulation needs at least one iteration");
}

fn risk(id: &str, probability: f64, on: &str, impact: Estimate) -> Risk {
    Risk {
        id: id.into(),
        title: format!("Risk {id}"),
        owner: "o".into(),
        probability,
        impact: 3,
        mitigation: String::new(),
        status: RiskStatus::Open,
        initiatives: vec![on.into()],
        schedule_impact: Some(impact),
    }
}

/// A chain of three spread initiatives (24 days at least) beside a 2-day initiative with a
/// lot of float; a sure 5-day risk on the chain, a likelier and larger one on the side
/// (which never reaches the chain's finish), and a coin toss on the chain.
fn drivers_plan() -> Plan {
    let mut plan = chain(&[(8, 10, 14), (8, 10, 14), (8, 10, 14)]);
    plan.initiatives.push(Initiative::new("side", "Side", "o", 2));
    plan.risks.push(risk("sure", 1.0, "i1", Estimate::exact(5)));
    plan.risks.push(risk("side", 0.9, "side", Estimate { optimistic: 8, likely: 9, pessimistic: 10 }));
    plan.risks.push(risk("toss", 0.5, "i2", Estimate::exact(2)));
    plan
}

#[test]
fn a_risk_drivers_delta_is_what_it_adds_to_the_finish_and_the_largest_comes_first() {
    let sim = run(&drivers_plan(), 2_000, 4);
    let by = |id: &str| sim.risk_drivers.iter().find(|x| x.risk == id).unwrap();
    // On the only critical chain, a sure 5 days moves every iteration's finish by 5.
    assert!((by("sure").p80_delta_days - 5.0).abs() < 1e-9, "{:?}", by("sure"));
    assert!((by("sure").p50_delta_days - 5.0).abs() < 1e-9, "{:?}", by("sure"));
    // The side initiative ends by day 12, long before the chain: nothing moves.
    assert_eq!((by("side").p80_delta_days, by("side").p50_delta_days), (0.0, 0.0));
    // A coin toss of 2 days moves the P80 by up to 2 days.
    let toss = by("toss").p80_delta_days;
    assert!(toss > 0.0 && toss <= 2.0 + 1e-9, "{toss}");
    // Largest first, whatever the order of the plan or of probability x impact.
    let order: Vec<&str> = sim.risk_drivers.iter().map(|x| x.risk.as_str()).collect();
    assert_eq!(order, ["sure", "toss", "side"]);
}

#[test]
fn a_risks_exposure_is_what_it_can_reach_downstream_and_how_much_it_delays_it() {
    let sim = run(&drivers_plan(), 4_000, 4);
    let of = |id: &str| sim.exposure.iter().find(|x| x.risk == id).unwrap();
    // In the order of the drivers.
    let order: Vec<&str> = sim.exposure.iter().map(|x| x.risk.as_str()).collect();
    assert_eq!(order, ["sure", "toss", "side"]);
    // A sure 5 days on i1 delays i1 and i2 (downstream), never i0 (upstream), by 5 days.
    let sure = of("sure");
    assert_eq!(sure.reach, 2);
    let ids: Vec<&str> = sure.initiatives.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["i1", "i2"]);
    for e in &sure.initiatives {
        assert!((e.p80_delay_days - 5.0).abs() < 1e-9 && e.share == 1.0, "{e:?}");
    }
    // A coin toss of 2 days on i2: 2 days when it fires, in about half the iterations.
    let toss = &of("toss").initiatives;
    assert_eq!(toss.len(), 1);
    assert!((toss[0].p80_delay_days - 2.0).abs() < 1e-9 && (toss[0].share - 0.5).abs() < 0.03, "{toss:?}");
    // 8-10 days on the side initiative, which nothing follows: only it, by the P80 of
    // triangular(8, 9, 10) (9.37) rounded up to a 50th of 10 days, in 90% of iterations.
    let side = of("side");
    assert_eq!((side.reach, side.initiatives.len()), (1, 1));
    let e = &side.initiatives[0];
    assert!((9.37..=9.6).contains(&e.p80_delay_days) && (e.share - 0.9).abs() < 0.03, "{e:?}");
    assert!(sure.waves.is_empty() && sure.milestones.is_empty());
    // Without drivers, no exposure.
    let none = simulate(&drivers_plan(), &SimConfig { iterations: 100, drivers: 0, ..SimConfig::default() }).unwrap();
    assert!(none.exposure.is_empty());
}

#[test]
fn exposure_reaches_waves_and_milestones_on_the_demo() {
    let plan = bridger::demo::plan();
    let sim = run(&plan, 1_000, 8);
    assert_eq!(sim.exposure.len(), sim.risk_drivers.len());
    let waves: Vec<&str> = plan.waves.iter().map(|w| w.id.as_str()).collect();
    for x in &sim.exposure {
        assert!(x.reach >= x.initiatives.len());
        assert!(x.waves.iter().all(|e| waves.contains(&e.id.as_str())));
        assert!(x.initiatives.iter().all(|e| e.share > 0.0 && e.share <= 1.0));
        let delays: Vec<f64> = x.initiatives.iter().map(|e| e.p80_delay_days).collect();
        assert!(delays.windows(2).all(|w| w[0] >= w[1]), "largest first: {delays:?}");
    }
    // The largest driver moves the plan's P80, so it delays some wave and milestone.
    let top = &sim.exposure[0];
    assert!(sim.risk_drivers[0].p80_delta_days > 0.0);
    assert!(top.waves.iter().any(|e| e.p80_delay_days > 0.0), "{top:?}");
    assert!(top.milestones.iter().any(|e| e.p80_delay_days > 0.0), "{top:?}");
}

#[test]
fn simulate_reads_the_plans_target_and_distribution_and_the_flags_override_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = chain(&TEN);
    plan.target = Some(day("2027-03-01"));
    plan.distribution = Distribution::Pert;
    std::fs::write(dir.path().join("plan.json"), bridger::io::json::to_string(&plan)).unwrap();
    let json = |extra: &[&str]| -> serde_json::Value {
        let o = bridger(dir.path(), &[&["simulate", "plan.json", "--json", "--iterations", "200"], extra].concat());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let v = json(&[]);
    assert_eq!((v["target"].as_str(), v["distribution"].as_str()), (Some("2027-03-01"), Some("pert")));
    assert!(v["probability_on_target"].is_f64());
    let v = json(&["--target", "2027-04-01", "--distribution", "triangular"]);
    assert_eq!((v["target"].as_str(), v["distribution"].as_str()), (Some("2027-04-01"), Some("triangular")));
}

#[test]
fn a_plan_file_keeps_the_last_run_unless_told_not_to() {
    let dir = tempfile::tempdir().unwrap();
    assert!(bridger(dir.path(), &["new", "demo.bridger", "--demo"]).status.success());
    let path = dir.path().join("demo.bridger");
    assert_eq!(bridger::store::read_simulation(&path).unwrap(), None);
    let o = bridger(dir.path(), &["simulate", "demo.bridger", "--json", "--iterations", "200", "--seed", "3"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kept = bridger::store::read_simulation(&path).unwrap().expect("results kept");
    assert_eq!((kept.seed, kept.iterations, kept.stale), (3, 200, false));
    assert_eq!(serde_json::to_value(kept.results.unwrap()).unwrap(), printed, "the file keeps what was printed");
    // --no-save leaves the last run as it was; so does a read-only file.
    let o = bridger(dir.path(), &["simulate", "demo.bridger", "--iterations", "100", "--seed", "4", "--no-save"]);
    assert!(o.status.success());
    assert_eq!(bridger::store::read_simulation(&path).unwrap().map(|k| k.seed), Some(3));
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let o = bridger(dir.path(), &["simulate", "demo.bridger", "--iterations", "100", "--seed", "5"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(bridger::store::read_simulation(&path).unwrap().map(|k| k.seed), Some(3));
}

#[test]
fn the_drivers_are_the_risks_that_move_p80_most_not_the_likeliest_times_the_largest() {
    let plan = drivers_plan();
    let with = |drivers| simulate(&plan, &SimConfig { iterations: 500, seed: 4, drivers, ..SimConfig::default() }).unwrap();
    // side has the largest probability x mean impact (0.9 x 9) but never reaches the
    // chain's finish: sure (+5 always) moves P80 most, then toss (+2 half the time).
    let ids = |sim: &Simulation| sim.risk_drivers.iter().map(|x| x.risk.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&with(1)), ["sure"]);
    assert_eq!(ids(&with(2)), ["sure", "toss"]);
    assert!(with(0).risk_drivers.is_empty());
    // Measuring them leaves the run itself as it was.
    let (a, b) = (with(0), with(3));
    assert_eq!((a.finish_days, a.criticality, a.percentiles), (b.finish_days, b.criticality, b.percentiles));
    // A closed risk, or one without a schedule impact, moves nothing and is not measured.
    let mut plan = plan;
    plan.risks[0].status = RiskStatus::Closed;
    plan.risks[1].schedule_impact = None;
    let sim = simulate(&plan, &SimConfig { iterations: 500, seed: 4, ..SimConfig::default() }).unwrap();
    assert_eq!(ids(&sim), ["toss"]);
}

/// Each risk's deltas by brute force: the plan simulated again with that risk removed (its
/// probability 0, so every other draw stays where it was: the same seed, the same random
/// numbers), the largest P80 delta first (ties: the larger P50 delta, then plan order).
/// Only the risks a run can fire (open or being mitigated, with a schedule impact).
fn brute_force(plan: &Plan, config: &SimConfig) -> Vec<(String, f64, f64)> {
    let plain = SimConfig { drivers: 0, ..config.clone() };
    let base = simulate(plan, &plain).unwrap();
    let p = |s: &Simulation, x: u8| s.percentile(x).unwrap().days;
    let mut all = Vec::new();
    for (k, r) in plan.risks.iter().enumerate() {
        let fires = r.probability > 0.0
            && r.status != RiskStatus::Closed
            && r.schedule_impact.is_some_and(|e| e.optimistic != 0 || e.pessimistic != 0)
            && r.initiatives.iter().any(|i| plan.initiatives.iter().any(|x| &x.id == i && x.status != Status::Done));
        if !fires {
            continue;
        }
        let mut without = plan.clone();
        without.risks[k].probability = 0.0;
        let s = simulate(&without, &plain).unwrap();
        all.push((k, r.id.clone(), p(&base, 80) - p(&s, 80), p(&base, 50) - p(&s, 50)));
    }
    all.sort_by(|a, b| b.2.total_cmp(&a.2).then(b.3.total_cmp(&a.3)).then(a.0.cmp(&b.0)));
    all.into_iter().map(|(_, id, d80, d50)| (id, d80, d50)).collect()
}

/// The top drivers against the brute force: the same deltas in the same order, and the same
/// risks where a delta stands apart from its neighbours by more than the Monte Carlo error
/// (`error`; equal deltas may list their risks in another order).
fn same_top(plan: &Plan, config: &SimConfig, error: f64) {
    let sim = simulate(plan, config).unwrap();
    let brute = brute_force(plan, config);
    let want = &brute[..config.drivers.min(brute.len())];
    let got: Vec<(String, f64, f64)> = sim.risk_drivers.iter().map(|x| (x.risk.clone(), x.p80_delta_days, x.p50_delta_days)).collect();
    assert_eq!(got.len(), want.len(), "{} drivers of {} risks", got.len(), brute.len());
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g.1 - w.1).abs() <= 1e-9, "P80 delta #{k}: {g:?} against the brute force's {w:?}\n{got:?}\n{want:?}");
        let apart = |j: usize| brute.get(j).is_none_or(|x| (x.1 - w.1).abs() > error);
        if (k == 0 || apart(k - 1)) && apart(k + 1) {
            assert_eq!(g.0, w.0, "driver #{k}: {got:?}\nbrute force: {want:?}");
        }
    }
    assert!(got.iter().any(|g| g.1 > 0.0), "some risk moves P80, or this proves little");
}

#[test]
fn the_top_drivers_are_those_a_brute_force_run_over_every_risk_finds_on_the_demo() {
    let plan = bridger::demo::plan();
    same_top(&plan, &SimConfig { iterations: 2000, seed: 3, drivers: 20, ..SimConfig::default() }, 1e-9);
    // The demo has fewer than 20 risks that can fire: the top 3 are where a choice shows.
    same_top(&plan, &SimConfig { iterations: 2000, seed: 3, drivers: 3, ..SimConfig::default() }, 1e-9);
}

#[test]
fn the_top_drivers_are_those_a_brute_force_run_over_every_risk_finds_on_generated_plans() {
    for seed in [1, 2] {
        let mut plan = bridger::gen::risky(300, 100, seed);
        if seed == 2 {
            // Every handoff kind, with lags.
            plan.handoffs = bridger::gen::plan(300, 3, seed, true).handoffs;
        }
        same_top(&plan, &SimConfig { iterations: 1000, seed, drivers: 20, ..SimConfig::default() }, 1e-9);
    }
}

/// Two initiatives of exactly 10 days, one after the other, from Monday 2027-01-04: i0
/// works 01-04..01-15 (offsets 0..10), i1 01-18..01-29 (10..20). The target is far: every
/// iteration meets it, while i1's deadline (Friday 01-22) is missed by 5 working days.
fn dated_plan() -> Plan {
    let mut plan = chain(&[(10, 10, 10), (10, 10, 10)]);
    plan.target = Some(day("2027-06-01"));
    plan.initiatives[0].finish_no_later_than = Some(day("2027-01-15"));
    plan.initiatives[1].finish_no_later_than = Some(day("2027-01-22"));
    // Each kind delivers from the giver's side: FS and FF at its finish (10) + lag, SS and
    // SF at its start (0) + lag; the schedule's rule (docs/scheduling.md, "Due dates"): FS
    // and SS must let the receiver start on the due date, FF and SF finish by its end.
    let mut due = |id: &str, kind: bridger::model::Kind, lag: i32, date: &str| {
        let mut h = Handoff::fs(id, "i0", "i1");
        (h.kind, h.lag, h.due) = (kind, lag, Some(day(date)));
        plan.handoffs.push(h);
    };
    use bridger::model::Kind;
    due("fs-met", Kind::FS, 0, "2027-01-18"); // starts on 01-18 (10) <= 10
    due("fs-missed", Kind::FS, 0, "2027-01-15"); // 10 > 9: the receiver cannot start on 01-15
    due("ss-met", Kind::SS, 2, "2027-01-06"); // 2 <= start of 01-06 (2)
    due("ss-missed", Kind::SS, 2, "2027-01-05"); // 2 > 1
    due("ff-met", Kind::FF, 3, "2027-01-20"); // 13 <= end of 01-20 (13)
    due("ff-missed", Kind::FF, 3, "2027-01-19"); // 13 > 12
    due("sf-met", Kind::SF, 5, "2027-01-08"); // 5 <= 5
    due("sf-missed", Kind::SF, 5, "2027-01-07"); // 5 > 4
    plan
}

#[test]
fn the_chance_of_meeting_each_deadline_and_due_date_is_counted_beside_the_target() {
    let plan = dated_plan();
    let sim = simulate(&plan, &SimConfig { iterations: 200, seed: 1, target: plan.target, ..SimConfig::default() }).unwrap();
    assert_eq!(sim.probability_on_target, Some(1.0), "the target is met in every iteration");
    let chance = |list: &[bridger::schedule::DateChance], id: &str| list.iter().find(|d| d.id == id).unwrap().clone();
    let i1 = chance(&sim.deadlines, "i1");
    assert_eq!((i1.date, i1.probability), (day("2027-01-22"), 0.0), "missed by 5 days in every iteration");
    assert_eq!(i1.p80.map(|f| (f.days, f.date)), Some((20.0, day("2027-01-29"))));
    assert_eq!(chance(&sim.deadlines, "i0").probability, 1.0);
    let dues: Vec<(String, f64)> = sim.handoff_dues.iter().map(|d| (d.id.clone(), d.probability)).collect();
    let want = [
        ("fs-met", 1.0),
        ("fs-missed", 0.0),
        ("ss-met", 1.0),
        ("ss-missed", 0.0),
        ("ff-met", 1.0),
        ("ff-missed", 0.0),
        ("sf-met", 1.0),
        ("sf-missed", 0.0),
    ];
    assert_eq!(dues, want.map(|(id, p)| (id.to_string(), p)));
    // One rule: with fixed durations the forecast meets a due date exactly when the schedule
    // gives it no negative slack.
    let schedule = bridger::schedule::schedule(&plan).unwrap();
    for (id, p) in &dues {
        let row = schedule.handoffs.iter().find(|h| &h.id == id).unwrap();
        assert_eq!(row.due_slack.map(|s| s >= 0), Some(*p == 1.0), "{id}: slack {:?}, chance {p}", row.due_slack);
    }
    assert_eq!(chance(&sim.handoff_dues, "ff-met").p80.map(|f| f.date), Some(day("2027-01-20")));
    // With spread, the chance is the share of iterations: i0 of (8, 10, 12) ends by its
    // deadline (offset 10) in half of them.
    let mut spread = plan;
    spread.initiatives[0].duration = Estimate { optimistic: 8, likely: 10, pessimistic: 12 };
    let p = chance(&run(&spread, 4000, 2).deadlines, "i0").probability;
    assert!((p - 0.5).abs() < 0.03, "{p}");
}

#[test]
fn waves_and_milestones_have_the_figures_the_finish_has() {
    let plan = bridger::demo::plan();
    let sim = run(&plan, 1000, 5);
    assert!(!sim.waves.is_empty() && !sim.milestones.is_empty());
    for p in sim.waves.iter().chain(&sim.milestones) {
        let at: Vec<u8> = p.percentiles.iter().map(|x| x.percent).collect();
        assert_eq!(at, [10, 20, 30, 40, 50, 60, 70, 80, 90], "{}", p.id);
        assert!(p.percentiles.windows(2).all(|w| w[0].finish.days <= w[1].finish.days && w[0].finish.date <= w[1].finish.date));
        assert_eq!(p.percentiles[4].finish, p.p50, "{}", p.id);
        assert_eq!(p.percentiles[7].finish, p.p80, "{}", p.id);
        assert!(p.percentiles[0].finish.days <= p.mean_days + 1e-9 && p.mean_days <= p.percentiles[8].finish.days + 1e-9);
        assert_eq!(p.histogram.counts.iter().sum::<u32>(), 1000, "{}", p.id);
        assert!(p.histogram.start <= p.percentiles[0].finish.days, "{}", p.id);
    }
}

fn bridger(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_bridger")).current_dir(dir).args(args).output().unwrap()
}

#[test]
fn bridger_simulate_json_has_the_documented_keys_and_repeats_itself() {
    let dir = tempfile::tempdir().unwrap();
    assert!(bridger(dir.path(), &["new", "demo.bridger", "--demo"]).status.success());
    let args = ["simulate", "demo.bridger", "--json", "--iterations", "300", "--seed", "5", "--target", "2028-03-01"];
    let o = bridger(dir.path(), &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in ["iterations", "seed", "p50_days", "p80_days", "p50_date", "p80_date", "target", "probability_on_target"] {
        assert!(!v[key].is_null(), "missing {key} in {v}");
    }
    assert_eq!((v["iterations"].as_u64(), v["seed"].as_u64(), v["target"].as_str()), (Some(300), Some(5), Some("2028-03-01")));
    assert!(v["p50_days"].as_f64() <= v["p80_days"].as_f64());
    assert!(v["p50_date"].as_str() <= v["p80_date"].as_str());
    let plan = bridger::demo::plan();
    assert_eq!(v["criticality"].as_object().unwrap().len(), plan.initiatives.len());
    assert_eq!(v["handoff_criticality"].as_object().unwrap().len(), plan.handoffs.len());
    assert_eq!(v["waves"].as_object().unwrap().len(), plan.waves.len());
    assert!(v["milestones"]["wave-1-gate"]["p80_date"].is_string());
    // What it computed beyond the target: waves and milestones with the finish's figures,
    // the chance of each deadline, and that it was not levelled.
    for w in v["waves"].as_object().unwrap().values().chain(v["milestones"].as_object().unwrap().values()) {
        assert_eq!(w["percentiles"].as_array().map(Vec::len), Some(9), "{w}");
        assert!(w["mean_days"].is_f64() && w["histogram"]["counts"].is_array(), "{w}");
    }
    let with_deadline = plan.initiatives.iter().filter(|i| i.finish_no_later_than.is_some()).count();
    assert!(with_deadline > 0);
    assert_eq!(v["deadlines"].as_object().map(|d| d.len()), Some(with_deadline), "{}", v["deadlines"]);
    for d in v["deadlines"].as_object().unwrap().values() {
        assert!(d["probability"].is_f64() && d["date"].is_string() && d["p80_date"].is_string(), "{d}");
    }
    assert_eq!(v["levelled"], serde_json::Value::Bool(false));
    let drivers = v["risk_drivers"].as_array().unwrap();
    assert!(!drivers.is_empty() && drivers.len() <= 20);
    let deltas: Vec<f64> = drivers.iter().map(|x| x["p80_delta_days"].as_f64().unwrap()).collect();
    assert!(deltas.windows(2).all(|w| w[0] >= w[1]), "largest first: {deltas:?}");
    assert!(drivers.iter().all(|x| plan.risks.iter().any(|r| Some(r.id.as_str()) == x["risk"].as_str())));
    assert!(drivers.iter().all(|x| x["p50_delta_days"].is_f64()));
    // Each measured risk's downstream exposure, in the drivers' order.
    let exposure = v["exposure"].as_array().unwrap();
    assert_eq!(exposure.iter().map(|x| &x["risk"]).collect::<Vec<_>>(), drivers.iter().map(|x| &x["risk"]).collect::<Vec<_>>());
    for x in exposure {
        assert!(x["reach"].as_u64().is_some(), "{x}");
        for list in ["initiatives", "waves", "milestones"] {
            for e in x[list].as_array().unwrap() {
                assert!(e["id"].is_string() && e["p80_delay_days"].is_f64() && e["share"].is_f64(), "{e}");
            }
        }
    }
    assert!(exposure[0]["waves"].as_array().is_some_and(|w| !w.is_empty()));
    // The same seed, the same bytes; another number of threads too.
    let again = bridger(dir.path(), &[&args[..], &["--threads", "1"]].concat());
    assert_eq!(o.stdout, again.stdout);

    let off = bridger(dir.path(), &[&args[..], &["--drivers", "0"]].concat());
    let off: serde_json::Value = serde_json::from_slice(&off.stdout).unwrap();
    assert_eq!(off["risk_drivers"].as_array().map(Vec::len), Some(0));
    assert_eq!(off["p80_days"], v["p80_days"]);

    let o = bridger(dir.path(), &["simulate", "demo.bridger", "--iterations", "300", "--target", "2028-03-01"]);
    let text = String::from_utf8_lossy(&o.stdout);
    for line in [
        "P50 finish: ",
        "P80 finish: ",
        "Finish if nothing slips",
        "Target 2028-03-01: met in ",
        "Most critical initiatives",
        "Most critical seams",
        "Risk drivers",
        " working days at P80  ",
    ] {
        assert!(text.contains(line), "no '{line}' in:\n{text}");
    }
}
