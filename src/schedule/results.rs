//! The results of a simulation keyed by ids: the one shape `bridger simulate --json`
//! prints, a plan file keeps as its last run, and the window, the brief and the CLI read.
//!
//! `Simulation` (in `simulate`) holds vectors in plan order, which only mean something next
//! to the plan that was simulated; a kept run outlives that plan (the plan is edited after
//! it), so what is kept names every initiative, handoff, wave and risk by id. The shape is
//! versioned (`format`): a run kept by an older Bridger still reads (a missing `format` is
//! 1, the first shape, whose keys these are), one kept by a newer Bridger is refused with a
//! message by the one reader, `store::simulation`. docs/scheduling.md lists the keys.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::simulate::{DateChance, Exposed, Finish, Histogram, Percentile, Point, Simulation};
use crate::model::{Distribution, Plan};

/// The shape of [`SimulationResults`] this build writes; it reads this one and every older.
/// 2: the chance of meeting each deadline and due date, waves' and milestones' P10..P90,
/// mean and histogram, and whether the run was levelled (a run of shape 1 reads with none of
/// them, and as not levelled).
/// 3: each site's finish (`sites`), as a wave's (a run of shape 2 reads with none).
/// 4: each strategic priority's finish (`priorities`): the last of the work serving it that is
/// not deferred, as a wave's (a run of shape 3 reads with none).
pub const RESULTS_FORMAT: u32 = 4;

fn first_format() -> u32 {
    1
}

/// A simulation's figures, keyed by ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulationResults {
    /// The version of this shape ([`RESULTS_FORMAT`] when written by this build).
    #[serde(default = "first_format")]
    pub format: u32,
    /// The fingerprint of what the run read (`model::simulation_fingerprint`): the run is
    /// stale when the plan's no longer matches. Runs kept before it was recorded have none
    /// (then any later edit makes them stale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    pub iterations: u32,
    pub seed: u64,
    pub distribution: Distribution,
    /// CPM's finish (likely durations, no risk), to compare with.
    pub cpm_days: f64,
    pub cpm_date: NaiveDate,
    pub p50_days: f64,
    pub p80_days: f64,
    pub p50_date: NaiveDate,
    pub p80_date: NaiveDate,
    pub mean_days: f64,
    /// P10, P20, ..., P90 of the plan's finish.
    pub percentiles: Vec<PercentileResult>,
    pub histogram: HistogramResult,
    pub target: Option<NaiveDate>,
    /// Share of iterations that finish by the end of the target date.
    pub probability_on_target: Option<f64>,
    /// Share of iterations in which each initiative drove the plan's finish, by id.
    #[serde(default)]
    pub criticality: BTreeMap<String, f64>,
    /// Share of iterations in which each handoff drove its receiver on that path, by id.
    #[serde(default)]
    pub handoff_criticality: BTreeMap<String, f64>,
    #[serde(default)]
    pub milestones: BTreeMap<String, PointResult>,
    #[serde(default)]
    pub waves: BTreeMap<String, PointResult>,
    /// Each site's finish, by id (format 3; a site with no work has none).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sites: BTreeMap<String, PointResult>,
    /// Each strategic priority's finish, by id (format 4; a priority no work serves, or only
    /// deferred work, has none).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub priorities: BTreeMap<String, PointResult>,
    /// The chance of meeting each initiative's deadline, by id (format 2).
    #[serde(default)]
    pub deadlines: BTreeMap<String, DateResult>,
    /// The chance of meeting each handoff's due date, by id (format 2).
    #[serde(default)]
    pub handoff_dues: BTreeMap<String, DateResult>,
    /// Every iteration was scheduled within the teams' capacity (`simulate --levelled`):
    /// the criticality is the levelled iterations' (format 2; earlier runs were not levelled).
    #[serde(default)]
    pub levelled: bool,
    /// The measured risks, the largest P80 delta first.
    #[serde(default)]
    pub risk_drivers: Vec<DriverResult>,
    /// What the measured risks delay downstream, in the order of `risk_drivers`.
    #[serde(default)]
    pub exposure: Vec<ExposureResult>,
}

/// One percentile of the plan's finish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PercentileResult {
    pub percent: u8,
    pub days: f64,
    pub date: NaiveDate,
}

/// Counts of the plan's finish in equal bins from `start_days`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistogramResult {
    pub start_days: f64,
    pub width_days: f64,
    pub counts: Vec<u32>,
}

/// A milestone's or a wave's finish: P50 and P80, and (format 2) P10..P90, the mean and the
/// histogram, as the plan's finish has them (empty in a run of format 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointResult {
    pub p50_days: f64,
    pub p80_days: f64,
    pub p50_date: NaiveDate,
    pub p80_date: NaiveDate,
    #[serde(default)]
    pub percentiles: Vec<PercentileResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub histogram: Option<HistogramResult>,
}

/// The chance of meeting one date: an initiative's deadline or a handoff's due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateResult {
    /// The date to meet.
    pub date: NaiveDate,
    /// Share of iterations meeting it.
    pub probability: f64,
    /// The finish (a handoff: the delivery) at P80; none on plans with too many dated
    /// items to keep every iteration's.
    pub p80_days: Option<f64>,
    pub p80_date: Option<NaiveDate>,
}

/// How much one risk moves the plan's finish (with it against the same run without it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriverResult {
    pub risk: String,
    pub p80_delta_days: f64,
    pub p50_delta_days: f64,
}

/// What one risk can delay downstream, and by how much.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExposureResult {
    pub risk: String,
    /// Initiatives reachable from those it hits (its own included).
    #[serde(default)]
    pub reach: usize,
    pub initiatives: Vec<ExposedResult>,
    #[serde(default)]
    pub waves: Vec<ExposedResult>,
    #[serde(default)]
    pub milestones: Vec<ExposedResult>,
}

/// How much a risk delays one initiative, wave or milestone it can reach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExposedResult {
    pub id: String,
    /// P80 of the delay when the risk fires, in working days.
    pub p80_delay_days: f64,
    /// Share of all iterations in which the risk delayed it.
    pub share: f64,
}

impl SimulationResults {
    /// The finish at `percent` (10, 20, ..., 90), if the run has it.
    pub fn percentile(&self, percent: u8) -> Option<&PercentileResult> {
        self.percentiles.iter().find(|p| p.percent == percent)
    }

    /// What the run measured of `risk`'s reach downstream, if it measured that risk.
    pub fn exposure_of(&self, risk: &str) -> Option<&ExposureResult> {
        self.exposure.iter().find(|e| e.risk == risk)
    }
}

impl Simulation {
    /// The figures keyed by ids. `plan` is the plan that was simulated. Every iteration's
    /// finish is left out (the percentiles and the histogram draw the S-curve).
    pub fn results(&self, plan: &Plan) -> SimulationResults {
        let finish = |p: u8| self.percentile(p).unwrap_or(self.cpm);
        let (p50, p80): (Finish, Finish) = (finish(50), finish(80));
        let percentiles = |list: &[Percentile]| {
            list.iter().map(|x| PercentileResult { percent: x.percent, days: x.finish.days, date: x.finish.date }).collect()
        };
        let histogram = |h: &Histogram| HistogramResult { start_days: h.start, width_days: h.width, counts: h.counts.clone() };
        let points = |list: &[Point]| -> BTreeMap<String, PointResult> {
            list.iter()
                .map(|x| {
                    let p = PointResult {
                        p50_days: x.p50.days,
                        p80_days: x.p80.days,
                        p50_date: x.p50.date,
                        p80_date: x.p80.date,
                        percentiles: percentiles(&x.percentiles),
                        mean_days: Some(x.mean_days),
                        histogram: Some(histogram(&x.histogram)),
                    };
                    (x.id.clone(), p)
                })
                .collect()
        };
        let dates = |list: &[DateChance]| -> BTreeMap<String, DateResult> {
            list.iter()
                .map(|x| {
                    let d = DateResult {
                        date: x.date,
                        probability: x.probability,
                        p80_days: x.p80.map(|f| f.days),
                        p80_date: x.p80.map(|f| f.date),
                    };
                    (x.id.clone(), d)
                })
                .collect()
        };
        let exposed = |list: &[Exposed]| -> Vec<ExposedResult> {
            list.iter().map(|e| ExposedResult { id: e.id.clone(), p80_delay_days: e.p80_delay_days, share: e.share }).collect()
        };
        SimulationResults {
            format: RESULTS_FORMAT,
            basis: Some(crate::model::simulation_fingerprint(plan)),
            iterations: self.iterations,
            seed: self.seed,
            distribution: self.distribution,
            cpm_days: self.cpm.days,
            cpm_date: self.cpm.date,
            p50_days: p50.days,
            p80_days: p80.days,
            p50_date: p50.date,
            p80_date: p80.date,
            mean_days: self.mean_days,
            percentiles: percentiles(&self.percentiles),
            histogram: histogram(&self.histogram),
            target: self.target,
            probability_on_target: self.probability_on_target,
            criticality: plan.initiatives.iter().zip(&self.criticality).map(|(i, c)| (i.id.clone(), *c)).collect(),
            handoff_criticality: plan.handoffs.iter().zip(&self.handoff_criticality).map(|(h, c)| (h.id.clone(), *c)).collect(),
            milestones: points(&self.milestones),
            waves: points(&self.waves),
            sites: points(&self.sites),
            priorities: points(&self.priorities),
            deadlines: dates(&self.deadlines),
            handoff_dues: dates(&self.handoff_dues),
            levelled: self.levelled,
            risk_drivers: self
                .risk_drivers
                .iter()
                .map(|x| DriverResult { risk: x.risk.clone(), p80_delta_days: x.p80_delta_days, p50_delta_days: x.p50_delta_days })
                .collect(),
            exposure: self
                .exposure
                .iter()
                .map(|x| ExposureResult {
                    risk: x.risk.clone(),
                    reach: x.reach,
                    initiatives: exposed(&x.initiatives),
                    waves: exposed(&x.waves),
                    milestones: exposed(&x.milestones),
                })
                .collect(),
        }
    }
}
