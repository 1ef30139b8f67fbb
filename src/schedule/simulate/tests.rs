//! The engine's own tests: the partial re-run against the full pass, the draws, the
//! distributions.
#![cfg(test)]

use super::*;
use crate::model::Estimate;

/// One iteration of `plan`: its finish, and its finish without each measured risk by the
/// partial re-run and by the full pass.
fn both_ways(plan: &Plan, config: &SimConfig, i: u64) -> (f64, Vec<(f64, f64)>) {
    let cal = plan.calendar.anchored(plan.start).unwrap();
    let net = Network::of(plan).unwrap();
    let mut model = Model::of(plan, &net, &cal, config).unwrap();
    model.measure((0..model.risks.len() as u32).collect());
    let mut s = Scratch::new(&model);
    let mut full = Scratch::new(&model);
    // The iteration in lane 2, beside three others.
    let keys = [stream(config.seed, i + 7), stream(config.seed, i + 8), stream(config.seed, i), stream(config.seed, i + 9)];
    let l = 2;
    let finish = model.forward(&keys, &mut s, None).0[l];
    let times = s.times.clone();
    let waves: Vec<f64> = (0..model.waves()).map(|x| model.wave_finish(x, l, &s).0).collect();
    model.rank_ends(l, &mut s);
    let mut out = Vec::new();
    for (k, &r) in model.drivers.iter().enumerate() {
        let got = model.without(keys[l], k, finish, &waves, l, &mut s);
        assert!(s.times == times, "the iteration's pass is left as it was");
        out.push((got, model.forward(&keys, &mut full, Some(r as usize)).0[l]));
    }
    (finish, out)
}

#[test]
fn a_node_led_on_with_a_negative_lag_can_still_set_the_finish() {
    // a (10 days) hands b (1 day) over 5 days before it ends; a risk delays b by 1.
    let mut plan = Plan::new("lag", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    plan.initiatives.push(crate::model::Initiative::new("a", "A", "o", 10));
    plan.initiatives.push(crate::model::Initiative::new("b", "B", "o", 1));
    let mut h = crate::model::Handoff::fs("h", "a", "b");
    h.lag = -5;
    plan.handoffs.push(h);
    plan.risks.push(crate::model::Risk {
        id: "r".into(),
        title: "late".into(),
        owner: "o".into(),
        probability: 1.0,
        impact: 1,
        mitigation: String::new(),
        status: RiskStatus::Open,
        initiatives: vec!["b".into()],
        schedule_impact: Some(Estimate::exact(1)),
    });
    let (finish, without) = both_ways(&plan, &SimConfig::default(), 0);
    assert_eq!((finish, without), (10.0, vec![(10.0, 10.0)]));
}

/// The drivers' partial re-run gives the full pass's finish with the risk skipped, to the
/// bit, on plans with all four kinds, lags, milestones, done and in-progress work,
/// correlated teams, and risks hitting one or several initiatives, under both
/// distributions.
#[test]
fn the_partial_rerun_without_a_risk_equals_the_full_pass_without_it() {
    for seed in 1..4 {
        let mut plan = crate::gen::risky(400, 60, seed);
        let kinds = crate::gen::plan(400, 3, seed, true);
        plan.handoffs = kinds.handoffs;
        for (k, i) in plan.initiatives.iter_mut().enumerate() {
            match k % 13 {
                0 => i.duration = Estimate::exact(0),
                4 => i.start_no_earlier_than = NaiveDate::from_ymd_opt(2027, 3, 1),
                6 => (i.status, i.progress) = (Status::Done, 1.0),
                9 => i.progress = 0.4,
                _ => {}
            }
        }
        // Two teams' durations correlated (the copula's path), the others independent.
        plan.teams[1].correlation = 0.5;
        plan.teams[2].correlation = 1.0;
        for (k, r) in plan.risks.iter_mut().enumerate() {
            r.probability = 0.2 + 0.6 * (k % 3) as f64 / 2.0;
            if k % 4 == 0 {
                r.initiatives.push(format!("I{}", (k * 37) % 400));
                r.initiatives.push(format!("I{}", (k * 91) % 400));
            }
        }
        for distribution in [Distribution::Triangular, Distribution::Pert] {
            let config = SimConfig { drivers: 60, distribution, seed, ..SimConfig::default() };
            let cal = plan.calendar.anchored(plan.start).unwrap();
            let net = Network::of(&plan).unwrap();
            let mut model = Model::of(&plan, &net, &cal, &config).unwrap();
            model.measure((0..model.risks.len() as u32).collect());
            assert_eq!(model.drivers.len(), model.risks.len());
            assert!(model.ends.len() < model.nodes.len(), "some nodes are led on");
            let mut moved = 0;
            for i in 0..40 {
                let (finish, without) = both_ways(&plan, &config, i);
                for (r, (got, want)) in without.into_iter().enumerate() {
                    assert_eq!(got.to_bits(), want.to_bits(), "seed {seed}, iteration {i}, driver {r}");
                    moved += usize::from(got != finish);
                }
            }
            assert!(moved > 0, "some risks move the finish");
        }
    }
}
