//! From the raw iteration results to what a person reads: percentiles, histogram, the
//! probability of meeting the target, milestones and waves with dates, criticality.

use super::*;

// ---------------------------------------------------------------------------------------
// Summaries.

/// The nearest-rank percentile of sorted values: the smallest value with at least
/// `percent`% of them at or below it.
pub(super) fn rank(sorted: &[f64], percent: u8) -> f64 {
    let n = sorted.len();
    let k = (n * usize::from(percent)).div_ceil(100).clamp(1, n.max(1));
    sorted.get(k - 1).copied().unwrap_or(0.0)
}

pub(super) fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_unstable_by(f64::total_cmp);
    v
}

pub(super) fn date(cal: &WorkCalendar, day: f64) -> Result<NaiveDate, SimulateError> {
    Ok(cal.date(day as i64).map_err(ScheduleError::from)?)
}

/// `values` and `days` are the finishes and shown days of one thing, a column of
/// `stride`-wide rows starting at `at`.
pub(super) fn point(
    cal: &WorkCalendar,
    id: &str,
    values: &[f64],
    days: Option<&[f64]>,
    stride: usize,
    at: usize,
) -> Result<Point, SimulateError> {
    let column = |v: &[f64]| sorted(v.iter().skip(at).step_by(stride).copied().collect());
    let finish = column(values);
    let day = match days {
        Some(d) => column(d),
        None => finish.iter().map(|f| f.floor().max(0.0)).collect(),
    };
    let at = |p| -> Result<Finish, SimulateError> { Ok(Finish { days: rank(&finish, p), date: date(cal, rank(&day, p))? }) };
    Ok(Point { id: id.to_string(), p50: at(50)?, p80: at(80)? })
}

pub(super) fn summarize(
    plan: &Plan,
    net: &Network,
    cal: &WorkCalendar,
    model: &Model,
    config: &SimConfig,
    raw: Raw,
) -> Result<Simulation, SimulateError> {
    let n = raw.finish.len();
    let finish = sorted(raw.finish.clone());
    let day = sorted(raw.day.clone());
    let mut percentiles = Vec::with_capacity(9);
    for percent in (10..=90).step_by(10) {
        percentiles.push(Percentile { percent, finish: Finish { days: rank(&finish, percent), date: date(cal, rank(&day, percent))? } });
    }
    let mean_days = raw.finish.iter().sum::<f64>() / n as f64;

    let (lo, hi) = (finish.first().copied().unwrap_or(0.0), finish.last().copied().unwrap_or(0.0));
    let bins = config.bins.max(1);
    let histogram = if hi > lo {
        let width = (hi - lo) / bins as f64;
        let mut counts = vec![0u32; bins];
        for f in &finish {
            counts[(((f - lo) / width) as usize).min(bins - 1)] += 1;
        }
        Histogram { start: lo, width, counts }
    } else {
        Histogram { start: lo, width: 0.0, counts: vec![n as u32] }
    };

    let probability_on_target = config.target.map(|t| {
        let limit = cal.finish_limit(t) as f64;
        raw.day.iter().filter(|d| **d < limit).count() as f64 / n as f64
    });

    let mut criticality = vec![0.0; plan.initiatives.len()];
    for (k, &v) in model.order.iter().enumerate() {
        criticality[v as usize] = f64::from(raw.node_count[k]) / n as f64;
    }
    let handoff_criticality = raw.handoff_count.iter().map(|c| f64::from(*c) / n as f64).collect();

    let m = model.milestones.len();
    let mut milestones = Vec::with_capacity(m);
    for (k, &v) in model.milestones.iter().enumerate() {
        let id = &plan.initiatives[model.order[v as usize] as usize].id;
        milestones.push(point(cal, id, &raw.milestones, None, m, k)?);
    }
    let w = model.waves();
    let mut waves = Vec::with_capacity(w);
    for (x, wave) in plan.waves.iter().enumerate() {
        waves.push(point(cal, &wave.id, &raw.waves, Some(&raw.wave_days), w, x)?);
    }

    let dn = model.drivers.len();
    let mut risk_drivers = Vec::with_capacity(dn);
    for (k, &r) in model.drivers.iter().enumerate() {
        let without = sorted(raw.without.iter().skip(k).step_by(dn).copied().collect());
        let index = model.risks[r as usize].index as usize;
        risk_drivers.push((
            (index, exposure(plan, model, &raw, k, &plan.risks[index].id)),
            RiskDriver {
                risk: plan.risks[index].id.clone(),
                p80_delta_days: rank(&finish, 80) - rank(&without, 80),
                p50_delta_days: rank(&finish, 50) - rank(&without, 50),
            },
        ));
    }
    risk_drivers.sort_by(|(a, x), (b, y)| {
        y.p80_delta_days.total_cmp(&x.p80_delta_days).then(y.p50_delta_days.total_cmp(&x.p50_delta_days)).then(a.0.cmp(&b.0))
    });
    let (exposure, risk_drivers): (Vec<Option<RiskExposure>>, _) = risk_drivers.into_iter().map(|((_, e), x)| (e, x)).unzip();
    let exposure = exposure.into_iter().flatten().collect();

    let c = passes(net, cal);
    let cpm_day = shown_day(
        (0..net.len()).filter(|&v| net.duration[v] > 0).map(|v| c.early_finish[v] as f64).fold(f64::NEG_INFINITY, f64::max),
        (0..net.len()).filter(|&v| net.duration[v] == 0).map(|v| c.early_start[v] as f64).fold(f64::NEG_INFINITY, f64::max),
    );
    let cpm = Finish { days: c.makespan as f64, date: date(cal, cpm_day)? };

    Ok(Simulation {
        iterations: config.iterations,
        seed: config.seed,
        distribution: config.distribution,
        cpm,
        percentiles,
        mean_days,
        histogram,
        finish_days: raw.finish,
        target: config.target,
        probability_on_target,
        criticality,
        handoff_criticality,
        milestones,
        waves,
        risk_drivers,
        exposure,
    })
}
