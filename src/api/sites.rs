//! Sites that behave unlike their wave, for every front end: `bridger sites`, the window's
//! Sites tab, `check`'s slip findings and the brief. The rules are `crate::sites`'s; here the
//! plan file gives them what they measure against (the baseline of record, the kept forecast
//! when it is current, the plan's findings).

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::ApiError;
use crate::findings::Finding;
use crate::model::Plan;
use crate::schedule::SimulationResults;
use crate::sites::Context;
pub use crate::sites::{Flag, SiteOverride, SiteRow, StatusCounts};

/// One wave on the Sites tab's timeline: its span in the plan and in the kept forecast.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WaveRow {
    pub id: String,
    pub name: String,
    /// The first start and the last finish of its work (its sites' and its own).
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    /// Its gate's date (the gate initiative's finish) and name, when it names one.
    pub gate: Option<NaiveDate>,
    pub gate_name: Option<String>,
    /// Its completion milestone's date, when it has one.
    pub completion: Option<NaiveDate>,
    /// Its finish at P50 and P80 in the kept forecast, when it is current.
    pub p50: Option<NaiveDate>,
    pub p80: Option<NaiveDate>,
    /// How many sites it has, and how many of them are flagged.
    pub sites: usize,
    pub flagged: usize,
}

/// What the Sites tab shows: every site's row, every wave's span, and whether the figures
/// have a baseline of record and a current forecast behind them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SitesView {
    pub sites: Vec<SiteRow>,
    pub waves: Vec<WaveRow>,
    /// The baseline `late_days` is measured against (None: against the wave's median finish).
    pub baseline: Option<String>,
    /// A current forecast gave `p50` and `p80`.
    pub forecast: bool,
}

/// The baseline of record's finishes and name for the plan file at `path` (none for another
/// kind of file or a file without one).
fn record(path: &Path) -> Result<Option<(String, HashMap<String, NaiveDate>)>, ApiError> {
    if !matches!(super::files::detect(path, None), Ok(super::files::Source::Plan)) {
        return Ok(None);
    }
    let Some(base) = crate::store::read_baseline_of_record(path)? else { return Ok(None) };
    let dates = crate::sites::finishes(base.schedule.initiatives.iter().map(|d| (d.id.as_str(), d.finish)));
    Ok(Some((base.name, dates)))
}

/// The kept forecast of the plan file at `path`, when it still describes `plan`.
fn forecast(path: &Path, plan: &Plan) -> Result<Option<SimulationResults>, ApiError> {
    let Some(kept) = super::analysis::kept_in_file(path)? else { return Ok(None) };
    if super::analysis::is_stale(plan, &kept) {
        return Ok(None);
    }
    Ok(kept.results.ok())
}

impl super::Editing {
    /// The Sites tab of the open plan.
    pub fn sites(&self) -> Result<SitesView, ApiError> {
        view(self.file.path(), self.file.plan())
    }
}

/// The figures of every site of `plan` (valid), measured against `baseline` (the finishes
/// of the baseline of record) and `forecast` (current), counting `findings`.
pub fn rows(
    plan: &Plan,
    baseline: Option<&HashMap<String, NaiveDate>>,
    forecast: Option<&SimulationResults>,
    findings: &[Finding],
) -> Result<Vec<SiteRow>, ApiError> {
    super::require_valid(plan)?;
    let schedule = crate::schedule::schedule(plan)?;
    let context = Context { baseline, forecast, findings: Some(findings) };
    Ok(crate::sites::rows(plan, &schedule, &context))
}

/// Every site of the plan file at `path` (`plan`, read from it), against its baseline of
/// record and its current forecast: what `bridger sites` prints.
pub fn sites(path: &Path, plan: &Plan) -> Result<Vec<SiteRow>, ApiError> {
    Ok(view(path, plan)?.sites)
}

/// The Sites tab: every site's row and every wave's span.
pub fn view(path: &Path, plan: &Plan) -> Result<SitesView, ApiError> {
    let base = record(path)?;
    let run = forecast(path, plan)?;
    let mut findings = crate::health::check(plan).findings;
    if let Some((_, dates)) = &base {
        findings.extend(slipped(plan, dates)?);
    }
    let sites = rows(plan, base.as_ref().map(|(_, d)| d), run.as_ref(), &findings)?;
    let waves = waves(plan, &sites, run.as_ref())?;
    Ok(SitesView { sites, waves, baseline: base.map(|(n, _)| n), forecast: run.is_some() })
}

fn waves(plan: &Plan, sites: &[SiteRow], run: Option<&SimulationResults>) -> Result<Vec<WaveRow>, ApiError> {
    let schedule = crate::schedule::schedule(plan)?;
    let dates: HashMap<&str, (NaiveDate, NaiveDate)> =
        schedule.initiatives.iter().map(|r| (r.id.as_str(), (r.start_date, r.finish_date))).collect();
    let site_wave: HashMap<&str, &str> = plan.sites.iter().filter_map(|s| Some((s.id.as_str(), s.wave.as_deref()?))).collect();
    let mut span: HashMap<&str, (NaiveDate, NaiveDate)> = HashMap::new();
    for i in &plan.initiatives {
        let w = i.wave.as_deref().or_else(|| i.site.as_deref().and_then(|s| site_wave.get(s).copied()));
        let (Some(w), Some(&(a, b))) = (w, dates.get(i.id.as_str())) else { continue };
        let e = span.entry(w).or_insert((a, b));
        *e = (e.0.min(a), e.1.max(b));
    }
    Ok(plan
        .waves
        .iter()
        .map(|w| {
            let s = span.get(w.id.as_str());
            let gate = w.gate.as_deref();
            let p = run.and_then(|r| r.waves.get(&w.id));
            let of_wave: Vec<&SiteRow> = sites.iter().filter(|r| r.wave.as_deref() == Some(w.id.as_str())).collect();
            WaveRow {
                id: w.id.clone(),
                name: w.name.clone(),
                start: s.map(|x| x.0),
                finish: s.map(|x| x.1),
                gate: gate.and_then(|g| dates.get(g)).map(|x| x.1),
                gate_name: gate.and_then(|g| plan.initiatives.iter().find(|i| i.id == g)).map(|i| i.name.clone()),
                completion: w.completion.as_deref().and_then(|c| dates.get(c)).map(|x| x.1),
                p50: p.map(|x| x.p50_date),
                p80: p.map(|x| x.p80_date),
                sites: of_wave.len(),
                flagged: of_wave.iter().filter(|r| !r.flags.is_empty()).count(),
            }
        })
        .collect())
}

/// The `site-slipped` findings of `plan` against the baseline finishes `dates` (the other
/// flags need no baseline: `health::check` makes them).
fn slipped(plan: &Plan, dates: &HashMap<String, NaiveDate>) -> Result<Vec<Finding>, ApiError> {
    if plan.sites.is_empty() || !crate::model::validate(plan).is_empty() {
        return Ok(Vec::new());
    }
    let schedule = crate::schedule::schedule(plan)?;
    let rows = crate::sites::rows(plan, &schedule, &Context { baseline: Some(dates), ..Context::default() });
    Ok(crate::sites::findings(&rows).into_iter().filter(|f| f.code == "site-slipped").collect())
}

/// The `site-slipped` findings of `plan` against the baseline `base` (of record, read by the
/// caller).
pub fn slipped_against(plan: &Plan, base: &crate::drift::Baseline) -> Result<Vec<Finding>, ApiError> {
    if plan.sites.is_empty() {
        return Ok(Vec::new());
    }
    slipped(plan, &crate::sites::finishes(base.schedule.initiatives.iter().map(|d| (d.id.as_str(), d.finish))))
}

/// The findings of the plan file at `path` that need its baseline of record: sites that
/// slipped against it more than their wave (none without one).
pub fn record_findings(path: &Path, plan: &Plan) -> Result<Vec<Finding>, ApiError> {
    if plan.sites.is_empty() {
        return Ok(Vec::new());
    }
    match record(path)? {
        Some((_, dates)) => slipped(plan, &dates),
        None => Ok(Vec::new()),
    }
}
