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

/// The figures of one distribution of finishes (the plan's, a wave's, a milestone's):
/// P10..P90 (each a finish and the date of the day shown, `days` sorted apart), the mean and
/// a histogram of `bins` equal bins. The one way each of them is summarised, so a wave
/// reads like the plan.
pub(super) fn spread(
    cal: &WorkCalendar,
    values: &[f64],
    days: &[f64],
    bins: usize,
) -> Result<(Vec<Percentile>, f64, Histogram), SimulateError> {
    let n = values.len();
    let finish = sorted(values.to_vec());
    let day = sorted(days.to_vec());
    let mut percentiles = Vec::with_capacity(9);
    for percent in (10..=90).step_by(10) {
        percentiles.push(Percentile { percent, finish: Finish { days: rank(&finish, percent), date: date(cal, rank(&day, percent))? } });
    }
    let mean_days = values.iter().sum::<f64>() / n.max(1) as f64;
    let (lo, hi) = (finish.first().copied().unwrap_or(0.0), finish.last().copied().unwrap_or(0.0));
    let bins = bins.max(1);
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
    Ok((percentiles, mean_days, histogram))
}

/// `values` and `days` are the finishes and shown days of one thing, a column of
/// `stride`-wide rows starting at `at` (no `days`: a milestone, shown on the day it happens).
pub(super) fn point(
    cal: &WorkCalendar,
    id: &str,
    values: &[f64],
    days: Option<&[f64]>,
    stride: usize,
    at: usize,
    bins: usize,
) -> Result<Point, SimulateError> {
    let column = |v: &[f64]| -> Vec<f64> { v.iter().skip(at).step_by(stride).copied().collect() };
    let finish = column(values);
    let day = match days {
        Some(d) => column(d),
        None => finish.iter().map(|f| f.floor().max(0.0)).collect(),
    };
    let (percentiles, mean_days, histogram) = spread(cal, &finish, &day, bins)?;
    let at = |p: u8| percentiles.iter().find(|x| x.percent == p).map(|x| x.finish);
    let (Some(p50), Some(p80)) = (at(50), at(80)) else { unreachable!("spread gives P10..P90") };
    Ok(Point { id: id.to_string(), p50, p80, percentiles, mean_days, histogram })
}

pub(super) fn summarize(
    plan: &Plan,
    net: &Network,
    cal: &WorkCalendar,
    model: &Model,
    config: &SimConfig,
    raw: Raw,
    drivers: Vec<Measured>,
) -> Result<Simulation, SimulateError> {
    let n = raw.finish.len();
    let (percentiles, mean_days, histogram) = spread(cal, &raw.finish, &raw.day, config.bins)?;

    let probability_on_target = config.target.map(|t| {
        let limit = cal.finish_limit(t) as f64;
        raw.day.iter().filter(|d| **d < limit).count() as f64 / n as f64
    });

    let mut criticality = vec![0.0; plan.initiatives.len()];
    for (k, &v) in model.order.iter().enumerate() {
        // Done work is never critical: the walk may pass it where its actual finish ties.
        let done = model.done.get(k).copied().unwrap_or(false);
        criticality[v as usize] = if done { 0.0 } else { f64::from(raw.node_count[k]) / n as f64 };
    }
    let handoff_criticality = raw.handoff_count.iter().map(|c| f64::from(*c) / n as f64).collect();

    let m = model.milestones.len();
    let mut milestones = Vec::with_capacity(m);
    for (k, &v) in model.milestones.iter().enumerate() {
        let id = &plan.initiatives[model.order[v as usize] as usize].id;
        milestones.push(point(cal, id, &raw.milestones, None, m, k, config.bins)?);
    }
    let w = model.groups();
    let mut waves = Vec::with_capacity(model.waves());
    for (x, wave) in plan.waves.iter().enumerate() {
        waves.push(point(cal, &wave.id, &raw.waves, Some(&raw.wave_days), w, x, config.bins)?);
    }
    // Each site's finish (the groups after the waves); a site with no work has none.
    let mut sites = Vec::with_capacity(plan.sites.len());
    for (k, site) in plan.sites.iter().enumerate() {
        let x = model.waves() + k;
        if model.wave_start[x] < model.wave_start[x + 1] {
            sites.push(point(cal, &site.id, &raw.waves, Some(&raw.wave_days), w, x, config.bins)?);
        }
    }
    // Each priority's finish (the groups after the sites); one no work serves has none.
    let mut priorities = Vec::with_capacity(plan.priorities.len());
    for (k, p) in plan.priorities.iter().enumerate() {
        let x = model.waves() + plan.sites.len() + k;
        if model.wave_start[x] < model.wave_start[x + 1] {
            priorities.push(point(cal, &p.id, &raw.waves, Some(&raw.wave_days), w, x, config.bins)?);
        }
    }

    // Deadlines, then due dates, as `Model::dated` counts them.
    let c = model.deadlines.len() + model.dues.len();
    let kept = !raw.dated.is_empty();
    let chance = |k: usize, id: &str, date: NaiveDate| -> Result<DateChance, SimulateError> {
        let p80 = if kept {
            let values = sorted(raw.dated.iter().skip(k).step_by(c).copied().collect());
            let days = sorted(raw.dated_days.iter().skip(k).step_by(c).copied().collect());
            Some(Finish { days: rank(&values, 80), date: super::summary::date(cal, rank(&days, 80))? })
        } else {
            None
        };
        Ok(DateChance { id: id.to_string(), date, probability: f64::from(raw.met[k]) / n as f64, p80 })
    };
    let mut deadlines = Vec::with_capacity(model.deadlines.len());
    for i in plan.initiatives.iter().filter(|i| !i.is_deferred()) {
        if let Some(d) = i.finish_no_later_than {
            deadlines.push(chance(deadlines.len(), &i.id, d)?);
        }
    }
    let mut handoff_dues = Vec::with_capacity(model.dues.len());
    let ids = Ids::of(plan);
    for x in &plan.handoffs {
        if let (Some(d), Some(_)) = (due_kept(plan, x), ids.find(&x.from, 0)) {
            handoff_dues.push(chance(deadlines.len() + handoff_dues.len(), &x.id, d)?);
        }
    }

    let (risk_drivers, exposure): (Vec<RiskDriver>, Vec<Option<RiskExposure>>) =
        drivers.into_iter().map(|m| (m.driver, m.exposure)).unzip();
    let exposure = exposure.into_iter().flatten().collect();

    let cp = passes(net, cal);
    let cpm_day = shown_day(
        (0..net.len()).filter(|&v| net.duration[v] > 0).map(|v| cp.early_finish[v] as f64).fold(f64::NEG_INFINITY, f64::max),
        (0..net.len()).filter(|&v| net.duration[v] == 0).map(|v| cp.early_start[v] as f64).fold(f64::NEG_INFINITY, f64::max),
    );
    let cpm = Finish { days: cp.makespan as f64, date: date(cal, cpm_day)? };

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
        sites,
        priorities,
        deadlines,
        handoff_dues,
        levelled: config.levelled,
        risk_drivers,
        exposure,
    })
}

/// A handoff's due date as the forecast counts it: none when either end is deferred (the
/// handoff binds nothing then).
pub(super) fn due_kept(plan: &Plan, h: &crate::model::Handoff) -> Option<NaiveDate> {
    let deferred = |id: &str| plan.initiative(id).is_some_and(crate::model::Initiative::is_deferred);
    h.due.filter(|_| !deferred(&h.from) && !deferred(&h.to))
}
