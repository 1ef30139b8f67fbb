//! The risk analysis a window draws: the last simulation kept in the plan file, shaped for
//! the screen (the S-curve's points, the histogram's bins, the tornado's bars, the axis'
//! ticks with their dates), a run on a snapshot of the plan that never holds the plan while
//! it works, and a risk's downstream exposure on the map.
//!
//! Nothing here is computed in the window: the S-curve is the cumulative share of the stored
//! histogram, its P50/P80 marks are the run's own percentiles, dates come from the plan's
//! calendar. A run notes the plan's revision before it copies the plan, so results
//! overtaken by an edit are stale when they are read.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{require_valid, ApiError, Editing, ErrorCode, Job};
use crate::model::{Distribution, Plan, WorkCalendar};
use crate::schedule::results::{DateResult, ExposedResult, HistogramResult, PointResult};
use crate::schedule::{simulate, SimConfig, SimulateError, Simulation, SimulationResults};
use crate::store::{Editor, StoredSimulation};

/// Iterations of a run when the window asks for none.
pub const ITERATIONS: u32 = 5_000;
/// The seed of the app's runs: the CLI's default, so `bridger simulate` prints the same.
pub const SEED: u64 = 1;
/// Risk drivers measured per run (the CLI's default).
pub const DRIVERS: usize = 20;
/// Ticks on a chart's date axis, about.
const TICKS: f64 = 6.0;

/// What the Analysis tab shows: the last run, if there is one.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Analysis {
    /// None when the plan has not been simulated yet.
    pub simulation: Option<SimulationView>,
    /// Why stored results are not shown when the file holds some it cannot read.
    pub problem: Option<String>,
}

/// A finish on the chart: fractional working days from day 0 and the date a person reads.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Mark {
    pub days: f64,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PercentileMark {
    pub percent: u8,
    pub days: f64,
    pub date: String,
}

/// The target date on the chart: the end of that working day, and the share of runs
/// finishing by then.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TargetMark {
    pub date: String,
    pub days: f64,
    pub probability: f64,
}

/// One bar of the finish histogram: runs finishing in `[from_days, to_days)`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Bin {
    pub from_days: f64,
    pub to_days: f64,
    pub count: u32,
    /// count / iterations
    pub share: f64,
}

/// A point of the S-curve: the share of runs finished by `days`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CurvePoint {
    pub days: f64,
    pub probability: f64,
}

/// A tick of the date axis: the start of working day `days`, labelled with its date.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Tick {
    pub days: f64,
    pub label: String,
}

/// A bar of the tornado: how much one risk moves the plan's finish.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DriverBar {
    pub risk: String,
    /// The risk's title (its id when the plan no longer holds it).
    pub title: String,
    pub p80_delta_days: f64,
    pub p50_delta_days: f64,
}

/// A wave's or milestone's finish: P50 and P80, and P10..P90, the mean and the histogram
/// as the plan's finish has them (empty, and no mean, for a run kept by an older Bridger).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PointRow {
    pub id: String,
    pub name: String,
    pub p50: Mark,
    pub p80: Mark,
    pub percentiles: Vec<PercentileMark>,
    pub mean_days: Option<f64>,
    pub histogram: Vec<Bin>,
}

/// What a dated row is: an initiative's deadline or a handoff's due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DatedKind {
    Deadline,
    Handoff,
}

/// A date the plan promises beside the target: an initiative's deadline or a handoff's due
/// date, with the chance of meeting it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeadlineRow {
    pub kind: DatedKind,
    pub id: String,
    /// The initiative's name; a handoff's as "giver's name → receiver's name".
    pub name: String,
    /// The date to meet.
    pub date: String,
    /// Share of runs meeting it.
    pub probability: f64,
    /// Its finish (a handoff: when it is delivered) at P80, where the run kept it.
    pub p80: Option<Mark>,
}

/// How many deadlines the Analysis tab lists all of; with more, only those at risk.
pub const DEADLINES_LISTED: usize = 8;

/// Share of runs in which an initiative (or a handoff) drove the plan's finish.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Share {
    pub id: String,
    pub share: f64,
}

/// The last run, ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SimulationView {
    pub iterations: u32,
    #[ts(type = "number")]
    pub seed: u64,
    pub distribution: Distribution,
    /// When it ran (RFC 3339, UTC).
    pub at: String,
    /// The plan changed since this run.
    pub stale: bool,
    /// CPM's finish (likely durations, no risk), for comparison.
    pub cpm: Mark,
    pub p50: Mark,
    pub p80: Mark,
    pub mean_days: f64,
    /// P10..P90.
    pub percentiles: Vec<PercentileMark>,
    pub target: Option<TargetMark>,
    pub histogram: Vec<Bin>,
    /// Rises from 0 to 1, never falls.
    pub s_curve: Vec<CurvePoint>,
    /// The date axis every chart shares: from `axis_from` to `axis_to` working days.
    pub axis_from: f64,
    pub axis_to: f64,
    pub ticks: Vec<Tick>,
    /// The measured risks, the largest P80 delta first.
    pub tornado: Vec<DriverBar>,
    pub waves: Vec<PointRow>,
    pub milestones: Vec<PointRow>,
    /// The deadlines and due dates beside the target, the least likely met first: every one
    /// when there are at most [`DEADLINES_LISTED`], else those met in fewer than every run.
    pub deadlines: Vec<DeadlineRow>,
    /// How many deadlines and due dates the run checked (those not listed are met in every
    /// run).
    pub deadlines_checked: u32,
    /// Every run was scheduled within the teams' capacity (a levelled forecast, never kept
    /// in the file as the plain one).
    pub levelled: bool,
    /// Per initiative of the plan (plan order), per handoff.
    pub criticality: Vec<Share>,
    pub handoff_criticality: Vec<Share>,
}

/// How far a run has got: sent to the window while it works.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct SimProgress {
    pub done: u32,
    pub total: u32,
}

/// What one risk can delay: the initiatives it hits and everything downstream of them along
/// the handoffs, with the delay the last run measured where it measured this risk.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RiskReach {
    pub risk: String,
    pub title: String,
    /// The initiatives it hits.
    pub hits: Vec<String>,
    /// Every initiative reachable from them (theirs included), in plan order.
    pub reached: Vec<Reached>,
    /// The waves with a reached member, and the reached milestones.
    pub waves: Vec<Reached>,
    pub milestones: Vec<Reached>,
    /// The delays come from the last run (it measured this risk).
    pub measured: bool,
    /// That run is older than the plan.
    pub stale: bool,
}

/// One thing a risk can delay.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Reached {
    pub id: String,
    pub name: String,
    /// When measured: the P80 of the delay when the risk fires (0 when it never moved it).
    pub p80_delay_days: Option<f64>,
    /// When measured: share of all runs in which the risk delayed it.
    pub share: Option<f64>,
}

/// A plan as it was when a run started; the revision was noted before the plan was copied.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub path: PathBuf,
    pub revision: i64,
    pub plan: Plan,
    /// Results may be kept in the file at `path` (a plan file this user may write).
    pub keepable: bool,
}

impl From<SimulateError> for ApiError {
    fn from(e: SimulateError) -> ApiError {
        match e {
            SimulateError::Cancelled => ApiError { code: ErrorCode::Cancelled, message: e.to_string(), details: Vec::new() },
            SimulateError::Schedule(s) => ApiError::from(s),
            other => ApiError { code: ErrorCode::Invalid, message: other.to_string(), details: Vec::new() },
        }
    }
}

impl Editing {
    /// What the Analysis tab shows: the last run kept in the file, whether it is stale.
    pub fn analysis(&self) -> Result<Analysis, ApiError> {
        let stored = self.file.last_simulation()?;
        Ok(analysis_of(self.file.plan(), stored.as_ref()))
    }

    /// The plan to simulate, its revision noted first (an edit made while the run works
    /// makes its results stale).
    pub fn snapshot(&self) -> Result<Snapshot, ApiError> {
        let revision = self.file.revision()?;
        Ok(Snapshot { path: self.file.path().to_path_buf(), revision, plan: self.file.plan().clone(), keepable: true })
    }

    /// Keeps a run's results in the file (not an edit: nothing to undo) and returns the
    /// analysis to draw. Refused when another plan was opened while it ran. A levelled run is
    /// not kept (the file keeps the plain forecast, which the brief shows): its analysis is
    /// returned, marked levelled.
    pub fn keep(&mut self, snapshot: &Snapshot, ran: &Ran) -> Result<Analysis, ApiError> {
        if self.file.path() != snapshot.path {
            return Err(ApiError {
                code: ErrorCode::Invalid,
                message: format!("another plan was opened while {} was simulated; its results were not kept", snapshot.path.display()),
                details: Vec::new(),
            });
        }
        if ran.simulation.levelled {
            let shown = StoredSimulation { at: chrono::Utc::now().to_rfc3339(), ..ran.kept.clone() };
            return Ok(analysis_of(self.file.plan(), Some(&shown)));
        }
        self.file.save_simulation(&ran.kept)?;
        self.analysis()
    }

    /// What risk `risk` can delay downstream, with the last run's delays where it measured it.
    pub fn exposure(&self, risk: &str) -> Result<RiskReach, ApiError> {
        let stored = self.file.last_simulation()?;
        exposure(self.file.plan(), stored.as_ref(), risk)
    }
}

/// What to run: the CLI's flags, or the window's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SimOptions {
    pub iterations: u32,
    pub seed: u64,
    /// None: the plan's setting.
    pub distribution: Option<Distribution>,
    /// None: the plan's target.
    pub target: Option<NaiveDate>,
    /// Risk drivers measured (0: none).
    pub drivers: usize,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Every iteration scheduled within the teams' capacity; such a run is never kept as
    /// the plain forecast.
    pub levelled: bool,
}

impl Default for SimOptions {
    fn default() -> SimOptions {
        SimOptions { iterations: ITERATIONS, seed: SEED, distribution: None, target: None, drivers: DRIVERS, threads: 0, levelled: false }
    }
}

/// A finished run: the simulation (vectors in plan order, for a report on the plan that
/// was simulated) and the results as a plan file keeps them.
#[derive(Debug, Clone)]
pub struct Ran {
    pub simulation: Simulation,
    pub kept: StoredSimulation,
}

impl Ran {
    /// The results keyed by ids (what `bridger simulate --json` prints and the file keeps).
    pub fn results(&self) -> Result<&SimulationResults, ApiError> {
        self.kept.results.as_ref().map_err(|why| super::internal(why))
    }
}

/// Runs the simulation of a snapshot (no lock on the plan is held: call it off the window's
/// thread). `job` reports progress and cancels.
pub fn run(snapshot: &Snapshot, options: &SimOptions, job: Option<&Job>) -> Result<Ran, ApiError> {
    let plan = &snapshot.plan;
    require_valid(plan)?;
    let config = SimConfig {
        iterations: options.iterations,
        seed: options.seed,
        distribution: options.distribution.unwrap_or(plan.distribution),
        target: options.target.or(plan.target),
        drivers: options.drivers,
        threads: options.threads,
        levelled: options.levelled,
        control: job.map(Job::control),
        ..SimConfig::default()
    };
    let sim = simulate(plan, &config)?;
    let kept = StoredSimulation {
        seed: sim.seed,
        iterations: sim.iterations,
        distribution: sim.distribution,
        at: String::new(),
        revision: snapshot.revision,
        stale: false,
        results: Ok(sim.results(plan)),
    };
    Ok(Ran { simulation: sim, kept })
}

impl Snapshot {
    /// A plan read from a file of any kind (`files::load`), writing nothing; with the
    /// notes of its conversion. Nothing can be kept in it.
    pub fn read(path: &Path, start: NaiveDate) -> Result<(Snapshot, Vec<String>), ApiError> {
        let loaded = super::files::load(path, None, start)?;
        Ok((Snapshot { path: path.to_path_buf(), revision: 0, plan: loaded.plan, keepable: false }, loaded.notes))
    }

    /// As [`Snapshot::read`], but when the path is a plan file this user may write, its
    /// revision is noted before the plan is read (an edit made meanwhile makes what is kept
    /// stale) and results may be kept in it.
    pub fn read_to_keep(path: &Path, start: NaiveDate) -> Result<(Snapshot, Vec<String>), ApiError> {
        if !keepable(path) {
            return Snapshot::read(path, start);
        }
        Snapshot::read_to_edit(path).map(|s| (s, Vec::new()))
    }

    /// A plan file opened to be written (refused, before any work, when it cannot be), its
    /// revision noted before the plan is read.
    pub fn read_to_edit(path: &Path) -> Result<Snapshot, ApiError> {
        let revision = Editor::open(path)?.revision()?;
        let plan = crate::store::read(path)?;
        Ok(Snapshot { path: path.to_path_buf(), revision, plan, keepable: true })
    }

    /// A plan from memory (a generated one): nothing to keep it in.
    pub fn of_plan(name: &str, plan: Plan) -> Snapshot {
        Snapshot { path: PathBuf::from(name), revision: 0, plan, keepable: false }
    }
}

/// A plan file this user may write (read-only files are simulated, not written).
fn keepable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && !m.permissions().readonly())
        && matches!(super::files::detect(path, None), Ok(super::files::Source::Plan))
}

/// What became of a run's results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// Kept in the plan file.
    Kept,
    /// Nowhere to keep them: another format, a read-only file, a generated plan, or a
    /// levelled run (the window and the brief show the plain forecast only).
    Nowhere,
    /// The file keeps a run of a later revision of the plan, which stays.
    Newer,
}

/// Keeps a run's results in the plan file the snapshot was read from (not an edit: nothing
/// to undo), unless the file already keeps a run of a later revision.
pub fn keep_in_file(snapshot: &Snapshot, ran: &Ran, levelled: bool) -> Result<Keeping, ApiError> {
    if !snapshot.keepable || levelled {
        return Ok(Keeping::Nowhere);
    }
    Ok(if Editor::open(&snapshot.path)?.save_simulation(&ran.kept)? { Keeping::Kept } else { Keeping::Newer })
}

/// The last run kept in the plan file at `path`, read without writing (none for other
/// kinds of file, or a file that has none).
pub fn kept_in_file(path: &Path) -> Result<Option<StoredSimulation>, ApiError> {
    match super::files::detect(path, None)? {
        super::files::Source::Plan => Ok(crate::store::read_simulation(path)?),
        super::files::Source::Foreign(_) => Ok(None),
    }
}

/// Whether a kept run no longer describes `plan`: what it read has changed since (its
/// basis, `model::simulation_fingerprint`), or, for a run kept before bases were recorded,
/// any edit since. A name, a note, the summary or a card's position never make it stale.
pub fn is_stale(plan: &Plan, kept: &StoredSimulation) -> bool {
    match kept.results.as_ref().ok().and_then(|r| r.basis.as_deref()) {
        Some(basis) => basis != crate::model::simulation_fingerprint(plan),
        None => kept.stale,
    }
}

/// The analysis of stored results on `plan` (the plan now: names and the calendar are its).
pub fn analysis_of(plan: &Plan, stored: Option<&StoredSimulation>) -> Analysis {
    let Some(stored) = stored else { return Analysis { simulation: None, problem: None } };
    match view_of(plan, stored) {
        Ok(v) => Analysis { simulation: Some(v), problem: None },
        Err(why) => {
            Analysis { simulation: None, problem: Some(format!("the last simulation's results cannot be shown ({why}); run it again")) }
        }
    }
}

fn view_of(plan: &Plan, stored: &StoredSimulation) -> Result<SimulationView, String> {
    let r = stored.results.as_ref().map_err(String::clone)?;
    let pct = |p: u8| r.percentile(p).map(|x| Mark { days: x.days, date: x.date.to_string() });
    let cpm = Mark { days: r.cpm_days, date: r.cpm_date.to_string() };
    let (p50, p80) = (pct(50).ok_or("no P50")?, pct(80).ok_or("no P80")?);
    let n = f64::from(r.iterations.max(1));
    let cal = plan.calendar.anchored(plan.start).ok();

    let (histogram, s_curve) = bins(&r.histogram, n);
    let start = s_curve.first().map_or(r.histogram.start_days, |c| c.days);
    let hist_end = s_curve.last().map_or(start, |c| c.days);

    let target = match (r.target, r.probability_on_target) {
        (Some(date), Some(probability)) => {
            let days = cal.as_ref().map(|c| c.finish_limit(date) as f64).ok_or("the calendar cannot date the target")?;
            Some(TargetMark { date: date.to_string(), days, probability })
        }
        _ => None,
    };

    // The axis spans the histogram, CPM's finish and the target, with a little air.
    let mut lo = start.min(cpm.days);
    let mut hi = hist_end.max(cpm.days);
    if let Some(t) = &target {
        lo = lo.min(t.days);
        hi = hi.max(t.days);
    }
    let pad = ((hi - lo) * 0.04).max(1.0);
    let (axis_from, axis_to) = ((lo - pad).max(0.0).floor(), (hi + pad).ceil());
    let ticks = cal.as_ref().map(|c| ticks(c, axis_from, axis_to)).unwrap_or_default();

    let title = |id: &str| plan.risks.iter().find(|x| x.id == id).map_or_else(|| id.to_string(), |x| x.title.clone());
    let tornado = r
        .risk_drivers
        .iter()
        .map(|d| DriverBar {
            risk: d.risk.clone(),
            title: title(&d.risk),
            p80_delta_days: d.p80_delta_days,
            p50_delta_days: d.p50_delta_days,
        })
        .collect();
    let row = |id: &str, name: &str, p: &PointResult| PointRow {
        id: id.to_string(),
        name: if name.is_empty() { id.to_string() } else { name.to_string() },
        p50: Mark { days: p.p50_days, date: p.p50_date.to_string() },
        p80: Mark { days: p.p80_days, date: p.p80_date.to_string() },
        percentiles: p.percentiles.iter().map(|x| PercentileMark { percent: x.percent, days: x.days, date: x.date.to_string() }).collect(),
        mean_days: p.mean_days,
        histogram: p.histogram.as_ref().map(|h| bins(h, n).0).unwrap_or_default(),
    };
    let mut waves: Vec<(i32, PointRow)> =
        plan.waves.iter().filter_map(|w| r.waves.get(&w.id).map(|p| (w.order, row(&w.id, &w.name, p)))).collect();
    waves.sort_by_key(|(order, _)| *order);
    let milestones = plan.initiatives.iter().filter_map(|i| r.milestones.get(&i.id).map(|p| row(&i.id, &i.name, p))).collect();
    let criticality =
        plan.initiatives.iter().filter_map(|i| r.criticality.get(&i.id).map(|&share| Share { id: i.id.clone(), share })).collect();
    let handoff_criticality =
        plan.handoffs.iter().filter_map(|x| r.handoff_criticality.get(&x.id).map(|&share| Share { id: x.id.clone(), share })).collect();
    let (deadlines, deadlines_checked) = deadline_rows(plan, r);

    Ok(SimulationView {
        iterations: r.iterations,
        seed: stored.seed,
        distribution: stored.distribution,
        at: stored.at.clone(),
        stale: is_stale(plan, stored),
        cpm,
        p50,
        p80,
        mean_days: r.mean_days,
        percentiles: r.percentiles.iter().map(|p| PercentileMark { percent: p.percent, days: p.days, date: p.date.to_string() }).collect(),
        target,
        histogram,
        s_curve,
        axis_from,
        axis_to,
        ticks,
        tornado,
        waves: waves.into_iter().map(|(_, w)| w).collect(),
        milestones,
        deadlines,
        deadlines_checked,
        levelled: r.levelled,
        criticality,
        handoff_criticality,
    })
}

/// A histogram's bars and the S-curve through them (the cumulative share at each bar's
/// right edge), `n` runs in all.
fn bins(h: &HistogramResult, n: f64) -> (Vec<Bin>, Vec<CurvePoint>) {
    let (width, start) = if h.width_days > 0.0 { (h.width_days, h.start_days) } else { (1.0, h.start_days - 0.5) };
    let mut histogram = Vec::with_capacity(h.counts.len());
    let mut s_curve = vec![CurvePoint { days: start, probability: 0.0 }];
    let mut below = 0u64;
    for (k, &count) in h.counts.iter().enumerate() {
        let from = start + k as f64 * width;
        histogram.push(Bin { from_days: from, to_days: from + width, count, share: f64::from(count) / n });
        below += u64::from(count);
        s_curve.push(CurvePoint { days: from + width, probability: (below as f64 / n).min(1.0) });
    }
    (histogram, s_curve)
}

/// The deadlines and due dates to list beside the target (see
/// [`SimulationView::deadlines`]), named as the plan names them now, and how many the run
/// checked.
fn deadline_rows(plan: &Plan, r: &SimulationResults) -> (Vec<DeadlineRow>, u32) {
    let name = |id: &str| plan.initiatives.iter().find(|i| i.id == id).map_or_else(|| id.to_string(), |i| shown_name(&i.id, &i.name));
    let row = |kind, id: &str, name: String, d: &DateResult| DeadlineRow {
        kind,
        id: id.to_string(),
        name,
        date: d.date.to_string(),
        probability: d.probability,
        p80: d.p80_days.zip(d.p80_date).map(|(days, date)| Mark { days, date: date.to_string() }),
    };
    let mut rows: Vec<DeadlineRow> = plan
        .initiatives
        .iter()
        .filter_map(|i| r.deadlines.get(&i.id).map(|d| row(DatedKind::Deadline, &i.id, shown_name(&i.id, &i.name), d)))
        .chain(plan.handoffs.iter().filter_map(|x| {
            r.handoff_dues.get(&x.id).map(|d| row(DatedKind::Handoff, &x.id, format!("{} → {}", name(&x.from), name(&x.to)), d))
        }))
        .collect();
    let checked = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    if rows.len() > DEADLINES_LISTED {
        rows.retain(|x| x.probability < 1.0);
    }
    // The least likely first; ties in the plan's order (a stable sort).
    rows.sort_by(|a, b| a.probability.total_cmp(&b.probability));
    (rows, checked)
}

/// A name for people: the name, or the id where there is none.
fn shown_name(id: &str, name: &str) -> String {
    if name.is_empty() {
        id.to_string()
    } else {
        name.to_string()
    }
}

/// About [`TICKS`] ticks at a round step of working days (a week, two, a month...).
fn ticks(cal: &WorkCalendar, from: f64, to: f64) -> Vec<Tick> {
    let span = (to - from).max(1.0);
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 40.0, 60.0, 120.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0]
        .into_iter()
        .find(|s| span / s <= TICKS)
        .unwrap_or((span / TICKS).ceil());
    let mut out = Vec::new();
    let mut day = (from / step).ceil() * step;
    while day <= to {
        if let Ok(d) = cal.date(day as i64) {
            out.push(Tick { days: day, label: d.to_string() });
        }
        day += step;
    }
    out
}

/// What `risk` can delay: reachability along the handoffs from the initiatives it hits,
/// with the delays of the stored run where it measured this risk.
pub fn exposure(plan: &Plan, stored: Option<&StoredSimulation>, risk: &str) -> Result<RiskReach, ApiError> {
    let r = plan.risks.iter().find(|x| x.id == risk).ok_or_else(|| ApiError {
        code: ErrorCode::NotFound,
        message: format!("no risk '{risk}' in this plan"),
        details: Vec::new(),
    })?;
    let index: HashSet<&str> = plan.initiatives.iter().map(|i| i.id.as_str()).collect();
    let seen = crate::graph::downstream(plan, &r.initiatives);

    let measured = stored.and_then(|s| s.results.as_ref().ok()).and_then(|res| res.exposure_of(risk));
    let delays = |list: Option<&Vec<ExposedResult>>| -> HashMap<String, (f64, f64)> {
        list.map(|l| l.iter().map(|e| (e.id.clone(), (e.p80_delay_days, e.share))).collect()).unwrap_or_default()
    };
    let (di, dw, dm) =
        (delays(measured.map(|e| &e.initiatives)), delays(measured.map(|e| &e.waves)), delays(measured.map(|e| &e.milestones)));
    let is_measured = measured.is_some();
    let item = |id: &str, name: &str, d: &HashMap<String, (f64, f64)>| {
        let got = d.get(id).copied().or(if is_measured { Some((0.0, 0.0)) } else { None });
        Reached {
            id: id.to_string(),
            name: if name.is_empty() { id.to_string() } else { name.to_string() },
            p80_delay_days: got.map(|g| g.0),
            share: got.map(|g| g.1),
        }
    };
    let reached_ids: Vec<usize> = (0..plan.initiatives.len()).filter(|&k| seen[k]).collect();
    let reached: Vec<Reached> = reached_ids.iter().map(|&k| item(&plan.initiatives[k].id, &plan.initiatives[k].name, &di)).collect();
    let milestones =
        reached_ids.iter().map(|&k| &plan.initiatives[k]).filter(|i| i.is_milestone()).map(|i| item(&i.id, &i.name, &dm)).collect();
    let wave_ids: HashSet<&str> = reached_ids.iter().filter_map(|&k| plan.initiatives[k].wave.as_deref()).collect();
    let waves = plan.waves.iter().filter(|w| wave_ids.contains(w.id.as_str())).map(|w| item(&w.id, &w.name, &dw)).collect();
    Ok(RiskReach {
        risk: r.id.clone(),
        title: r.title.clone(),
        hits: r.initiatives.iter().filter(|id| index.contains(id.as_str())).cloned().collect(),
        reached,
        waves,
        milestones,
        measured: is_measured,
        stale: stored.is_some_and(|s| is_stale(plan, s)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(plan: &Plan, iterations: u32) -> StoredSimulation {
        let snapshot = Snapshot::of_plan("demo.bridger", plan.clone());
        run(&snapshot, &SimOptions { iterations, ..SimOptions::default() }, None).expect("the demo simulates").kept
    }

    /// The S-curve rises from 0 to 1 and never falls; the P50 and P80 marked are the core's
    /// percentiles, and the curve passes 0.5 and 0.8 in the bins that hold them.
    #[test]
    fn the_s_curve_is_monotone_and_marks_the_runs_percentiles() {
        let mut plan = crate::demo::plan();
        plan.target = Some(plan.start + chrono::Days::new(200));
        let s = stored(&plan, 800);
        let v = analysis_of(&plan, Some(&s)).simulation.expect("a view");
        let sim =
            simulate(&plan, &SimConfig { iterations: 800, seed: SEED, drivers: DRIVERS, target: plan.target, ..SimConfig::default() })
                .expect("simulated");
        let p = |x: u8| sim.percentile(x).expect("a percentile");
        assert_eq!((v.p50.days, v.p50.date.clone()), (p(50).days, p(50).date.to_string()));
        assert_eq!((v.p80.days, v.p80.date.clone()), (p(80).days, p(80).date.to_string()));
        assert_eq!(v.s_curve.first().map(|c| c.probability), Some(0.0));
        assert!((v.s_curve.last().map_or(0.0, |c| c.probability) - 1.0).abs() < 1e-9);
        assert!(v.s_curve.windows(2).all(|w| w[0].days < w[1].days && w[0].probability <= w[1].probability), "monotone");
        for (mark, share) in [(&v.p50, 0.5), (&v.p80, 0.8)] {
            // the curve is below the share before the mark's bin and reaches it at its end
            let before = v.s_curve.iter().filter(|c| c.days < mark.days).last().expect("a point before");
            let after = v.s_curve.iter().find(|c| c.days >= mark.days).expect("a point after");
            assert!(before.probability < share && after.probability >= share, "{share}: {} .. {}", before.probability, after.probability);
        }
        assert_eq!(v.histogram.iter().map(|b| b.count).sum::<u32>(), 800);
        let t = v.target.as_ref().expect("the plan's target");
        assert_eq!(Some(t.probability), sim.probability_on_target);
        assert!(v.axis_from <= v.s_curve[0].days && v.axis_to >= t.days.max(v.cpm.days));
        assert!(v.ticks.len() >= 3 && v.ticks.windows(2).all(|w| w[0].days < w[1].days));
        assert_eq!(v.tornado.len(), sim.risk_drivers.len());
        assert!(v.tornado.windows(2).all(|w| w[0].p80_delta_days >= w[1].p80_delta_days));
        assert_eq!(v.criticality.len(), plan.initiatives.len());
        assert_eq!(v.waves.len(), plan.waves.len());
    }

    /// A risk's exposure: what its initiatives reach along handoffs, nothing upstream; with a
    /// run that measured it, the delays are the run's.
    #[test]
    fn exposure_reaches_downstream_only() {
        let plan = crate::demo::plan();
        let risk = plan.risks.iter().find(|r| !r.initiatives.is_empty()).expect("a linked risk");
        let x = exposure(&plan, None, &risk.id).expect("known");
        assert!(!x.measured);
        let reached: HashSet<&str> = x.reached.iter().map(|r| r.id.as_str()).collect();
        for h in &risk.initiatives {
            assert!(reached.contains(h.as_str()), "its own initiatives");
        }
        for h in &plan.handoffs {
            if reached.contains(h.from.as_str()) {
                assert!(reached.contains(h.to.as_str()), "closed downstream: {} -> {}", h.from, h.to);
            }
        }
        assert!(reached.len() < plan.initiatives.len(), "not everything is downstream of one risk");
        let s = stored(&plan, 400);
        let first = s.results.as_ref().expect("results").exposure[0].risk.clone();
        let measured = exposure(&plan, Some(&s), &first).expect("known");
        assert!(measured.measured && measured.reached.iter().all(|r| r.p80_delay_days.is_some()));
        assert_eq!(exposure(&plan, None, "nope").expect_err("unknown").code, ErrorCode::NotFound);
    }

    /// The Analysis tab lists the deadlines beside the target, the least likely met first,
    /// by name: a plan can meet its target in every run and miss a deadline in every run.
    #[test]
    fn the_deadlines_at_risk_are_listed_beside_the_target_least_likely_first() {
        let mut plan = crate::demo::plan();
        let end = plan.start + chrono::Days::new(2000);
        plan.target = Some(end);
        let dated: Vec<usize> = (0..plan.initiatives.len()).filter(|&k| plan.initiatives[k].finish_no_later_than.is_some()).collect();
        assert!(!dated.is_empty(), "the demo has deadlines");
        // One deadline on the first day: missed in every run.
        let first = dated[0];
        plan.initiatives[first].finish_no_later_than = Some(plan.start);
        let v = analysis_of(&plan, Some(&stored(&plan, 300))).simulation.expect("a view");
        assert_eq!(v.target.as_ref().map(|t| t.probability), Some(1.0));
        assert_eq!(v.deadlines_checked as usize, dated.len());
        assert!(v.deadlines.windows(2).all(|w| w[0].probability <= w[1].probability), "least likely first");
        let row = &v.deadlines[0];
        assert_eq!(
            (row.kind, row.id.as_str(), row.name.as_str()),
            (DatedKind::Deadline, plan.initiatives[first].id.as_str(), plan.initiatives[first].name.as_str())
        );
        assert_eq!(row.probability, 0.0);
        assert!(row.p80.is_some());
        assert!(!v.levelled);
        // Waves carry the finish's figures.
        assert!(v.waves.iter().all(|w| w.percentiles.len() == 9 && w.mean_days.is_some() && !w.histogram.is_empty()));
    }

    /// A levelled run is shown as levelled and is not what the file keeps.
    #[test]
    fn a_levelled_run_is_shown_as_levelled_and_not_kept() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("demo.bridger");
        let mut editing = Editing::create(&path, &crate::demo::plan(), "test").expect("created");
        let snapshot = editing.snapshot().expect("a snapshot");
        let options = SimOptions { iterations: 40, drivers: 0, levelled: true, ..SimOptions::default() };
        let ran = run(&snapshot, &options, None).expect("simulated");
        let shown = editing.keep(&snapshot, &ran).expect("shown");
        assert!(shown.simulation.expect("a view").levelled);
        assert_eq!(editing.analysis().expect("read").simulation, None, "the file keeps no levelled run");
        let plain = run(&snapshot, &SimOptions { iterations: 40, drivers: 0, ..SimOptions::default() }, None).expect("simulated");
        assert!(!editing.keep(&snapshot, &plain).expect("kept").simulation.expect("a view").levelled);
    }

    #[test]
    fn a_cancelled_run_says_so() {
        let plan = crate::demo::plan();
        let job = Job::default();
        job.cancel();
        let snapshot = Snapshot::of_plan("demo.bridger", plan);
        let e = run(&snapshot, &SimOptions::default(), Some(&job)).expect_err("cancelled");
        assert_eq!(e.code, ErrorCode::Cancelled);
    }

    #[test]
    fn results_it_cannot_read_are_a_problem_not_a_failure() {
        let plan = crate::demo::plan();
        let s = StoredSimulation {
            seed: 1,
            iterations: 1,
            distribution: Distribution::Triangular,
            at: String::new(),
            revision: 0,
            stale: false,
            results: Err("kept by a newer Bridger".into()),
        };
        let a = analysis_of(&plan, Some(&s));
        assert!(a.simulation.is_none() && a.problem.is_some());
        assert_eq!(analysis_of(&plan, None), Analysis { simulation: None, problem: None });
    }
}
