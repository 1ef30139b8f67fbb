//! The PDF brief: what a leader reads in two minutes, and the evidence behind it.
//!
//! Page 1 is the summary (status, finish against the target, the top risks, the seams
//! nobody owns or confirmed, teams over capacity, decisions needed and who must act); the
//! following pages are the evidence: the dependency map drawn from the core's layout, the
//! risk heat map and register, each team's load per week, a timeline by wave and
//! milestone, and appendix tables.
//!
//! `render` is one pure function of a plan in memory and its options (the CLI's `bridger
//! brief` and the app's Brief button both call it). It draws what the core computed: the
//! schedule, the findings, the risk scores and heat-map cells, the layout. It never runs a
//! simulation: stored results are passed in (`BriefOptions::simulation`) and printed. The
//! same plan and options give the same bytes.

mod appendix;
mod decide;
mod doc;
mod facts;
mod focus;
mod font;
mod health;
mod load;
mod map;
mod page;
mod pdf;
mod risks;
mod strategy;
mod style;
mod summary;
mod table;
mod timeline;

use chrono::NaiveDate;
use thiserror::Error;

use crate::model::Plan;

use crate::schedule::ScheduleError;

/// The paper the brief is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn parse(s: &str) -> Option<Paper> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }
}

/// The figures of the last stored simulation run the brief prints (it never runs one).
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationFigures {
    pub p50: NaiveDate,
    pub p80: NaiveDate,
    pub iterations: u32,
    /// When the run was made, as stored (UTC).
    pub at: String,
    /// The plan was edited after the run.
    pub stale: bool,
    /// Share of iterations finishing on or before the target, when the run had one.
    pub probability_on_target: Option<f64>,
    /// Each wave's and milestone's finish at P50 and P80, by id: the timeline's bars.
    pub waves: std::collections::BTreeMap<String, (NaiveDate, NaiveDate)>,
    pub milestones: std::collections::BTreeMap<String, (NaiveDate, NaiveDate)>,
    /// Each initiative's deadline by id: (the deadline, the chance of meeting it, its P80
    /// finish when kept): the headline's deadlines at 80% confidence.
    pub deadlines: std::collections::BTreeMap<String, (NaiveDate, f64, Option<NaiveDate>)>,
}

impl SimulationFigures {
    /// The figures of a kept run: its P50 and P80 finish dates, its iterations and the
    /// chance of meeting the target. `None` when the run has no P50 or P80.
    pub fn from_results(results: &crate::schedule::SimulationResults, at: &str, stale: bool) -> Option<SimulationFigures> {
        Some(SimulationFigures {
            p50: results.percentile(50).map_or(results.p50_date, |p| p.date),
            p80: results.percentile(80).map_or(results.p80_date, |p| p.date),
            iterations: results.iterations,
            at: at.to_string(),
            stale,
            probability_on_target: results.probability_on_target,
            waves: results.waves.iter().map(|(id, p)| (id.clone(), (p.p50_date, p.p80_date))).collect(),
            milestones: results.milestones.iter().map(|(id, p)| (id.clone(), (p.p50_date, p.p80_date))).collect(),
            deadlines: results.deadlines.iter().map(|(id, d)| (id.clone(), (d.date, d.probability, d.p80_date))).collect(),
        })
    }
}

/// What a brief is made for.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefOptions {
    pub paper: Paper,
    /// The brief's date: "as of" on every page and the PDF's creation date.
    pub date: NaiveDate,
    /// The last stored simulation run, if any.
    pub simulation: Option<SimulationFigures>,
    /// The plan against its latest baseline (`api::baseline::diff`): page 1's "Since the
    /// last review". None when no baseline is kept.
    pub since: Option<crate::drift::Drift>,
    /// The baseline of record's dates (`store::read_baseline_of_record`): the timeline's
    /// planned bars under the ones of now. None when no baseline is kept.
    pub record: Option<crate::drift::Baseline>,
}

#[derive(Debug, Error)]
pub enum BriefError {
    #[error("the plan has {count} error(s) and no meaningful schedule, the first: {first} (run `bridger check`)")]
    Invalid { count: usize, first: String },
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error("the brief's font {0} cannot be read")]
    Font(&'static str),
    #[error("cannot subset the font {face}: {message}")]
    Subset { face: &'static str, message: String },
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
}

/// The brief of `plan` as PDF bytes; the status by priority without a kept forecast's P80.
pub fn render(plan: &Plan, options: &BriefOptions) -> Result<Vec<u8>, BriefError> {
    render_with(plan, options, &std::collections::BTreeMap::new())
}

/// The brief of `plan` as PDF bytes, page 1 grouping the status by the plan's priorities
/// (none for a plan without priorities, whose page 1 is then as it always was) with the
/// P80 per priority of the current kept forecast (`priority_p80`, by id: `api::brief::write`
/// reads it from the file).
pub fn render_with(
    plan: &Plan,
    options: &BriefOptions,
    priority_p80: &std::collections::BTreeMap<String, NaiveDate>,
) -> Result<Vec<u8>, BriefError> {
    let mut facts = facts::Facts::gather(plan)?;
    facts.decisions = decide::decisions(&facts);
    let load = load::Load::compute(&facts)?;
    let mut doc = doc::Doc::new(options.paper);
    let health = crate::assessment::assess(plan, &facts.schedule, options.record.as_ref(), &facts.findings, Default::default());
    summary::page(&mut doc, &facts, &load, options, priority_p80, &health)?;
    map::pages(&mut doc, &facts)?;
    risks::pages(&mut doc, &facts)?;
    load::page(&mut doc, &load)?;
    timeline::page(&mut doc, &facts, options)?;
    health::page(&mut doc, &health)?;
    appendix::pages(&mut doc, &facts)?;
    doc.footers(&plan.name, options.date)?;
    pdf::write(&doc.pages, &plan.name, options.date)
}
