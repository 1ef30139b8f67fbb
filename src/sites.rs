//! Sites that behave unlike their wave (docs/scheduling.md, "Sites unlike their wave"): each
//! site's own figures (its span, its slip against the baseline of record, its blocked work,
//! open risks and overrides) measured against the norm of the other sites of its wave.
//!
//! The rules measure the site itself, never its place in the sequence: the sites of a wave
//! finish at different times by design (crew chains walk them one after another), so a
//! site's finish date is never compared with its wave's; its span (first start to last
//! finish of its own work) is.
//!
//! **Architecture Invariant:** pure: a function of a plan, its schedule and what the caller
//! read for it (the baseline of record's finishes, the kept forecast, the findings); it
//! reads no file and writes nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;
use ts_rs::TS;

use crate::findings::{Finding, Severity};
use crate::model::{Plan, RiskStatus, Status};
use crate::schedule::{Schedule, SimulationResults};

/// A wave is compared with itself from this many sites with work: with fewer, no norm.
pub const MIN_WAVE_SITES: usize = 3;
/// The least margin over the wave's median span or slip, in working days.
pub const MIN_DAYS_MARGIN: f64 = 3.0;
/// The least margin over the wave's median count of blocked work, open risks or overrides.
pub const MIN_COUNT_MARGIN: f64 = 1.0;
/// How many interquartile ranges over the median a site must be to be flagged.
pub const IQR_FACTOR: f64 = 1.5;

/// How many of a site's initiatives have each status; `in_progress` counts those started
/// and not done (an actual start or some progress), whatever their status says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct StatusCounts {
    pub not_started: usize,
    pub in_progress: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub blocked: usize,
    pub done: usize,
}

impl StatusCounts {
    /// Counts `i`: its status, and whether it is under way.
    pub fn add(&mut self, i: &crate::model::Initiative) {
        match i.status {
            Status::NotStarted => self.not_started += 1,
            Status::OnTrack => self.on_track += 1,
            Status::AtRisk => self.at_risk += 1,
            Status::Blocked => self.blocked += 1,
            Status::Done => self.done += 1,
        }
        if i.status != Status::Done && (i.actual_start.is_some() || i.progress > 0.0) {
            self.in_progress += 1;
        }
    }
}

/// One field a site overrides of one template step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SiteOverride {
    pub step: String,
    pub field: String,
}

/// Why a site is unlike its wave: a stable code and the reason in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Flag {
    /// `site-long-span`, `site-slipped`, `site-blocked-work`, `site-open-risks`, `site-overrides`.
    pub code: String,
    pub reason: String,
}

/// One site's figures (what `bridger sites --json` prints per site).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SiteRow {
    pub id: String,
    pub name: String,
    pub wave: Option<String>,
    pub region: Option<String>,
    /// The first start of its work.
    pub start: Option<NaiveDate>,
    /// The last finish of its work.
    pub finish: Option<NaiveDate>,
    /// Working days from its first start to its last finish, both counted.
    pub span_days: Option<i64>,
    /// Working days on which some of its work runs (its span less the days it waits, for a
    /// gate, a crew or a handoff): what the span flag measures.
    pub work_days: Option<i64>,
    /// Its finish at P50 and P80 in the kept forecast, when it is current.
    pub p50: Option<NaiveDate>,
    pub p80: Option<NaiveDate>,
    /// Working days its finish is later than in the baseline of record (earlier: negative);
    /// without one, than its wave's median finish.
    pub late_days: Option<i64>,
    pub status_counts: StatusCounts,
    /// Risks not closed that hit its work.
    pub open_risks: usize,
    /// Findings about its work, its risks or the site itself.
    pub findings: usize,
    pub overrides: Vec<SiteOverride>,
    pub flags: Vec<Flag>,
}

/// What a caller read for the plan: each is optional.
#[derive(Default)]
pub struct Context<'a> {
    /// The finish of each initiative in the baseline of record, by id.
    pub baseline: Option<&'a HashMap<String, NaiveDate>>,
    /// The kept forecast, when it is current.
    pub forecast: Option<&'a SimulationResults>,
    /// The plan's findings, to count per site.
    pub findings: Option<&'a [Finding]>,
}

/// The median and the interquartile range of `values` (quartiles interpolated linearly).
pub fn median_iqr(values: &[f64]) -> Option<(f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let x = p * (v.len() - 1) as f64;
        let (lo, hi) = (x.floor() as usize, x.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (x - lo as f64)
    };
    Some((q(0.5), q(0.75) - q(0.25)))
}

/// The norm of a wave for one measure: median + max(`floor`, 1.5 x IQR); None for a wave
/// of fewer than [`MIN_WAVE_SITES`] sites.
fn norm(values: &[f64], floor: f64) -> Option<(f64, f64)> {
    if values.len() < MIN_WAVE_SITES {
        return None;
    }
    let (median, iqr) = median_iqr(values)?;
    Some((median, median + floor.max(IQR_FACTOR * iqr)))
}

fn shown(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.1}")
    }
}

/// Every site's figures, in the plan's order, with its flags. Sites with no scheduled work
/// have no dates and are never flagged.
pub fn rows(plan: &Plan, schedule: &Schedule, context: &Context) -> Vec<SiteRow> {
    let cal = plan.calendar.anchored(plan.start).ok();
    let offset = |d: NaiveDate| cal.as_ref().map_or(0, |c| c.offset_on_or_after(d));
    let index: FxHashMap<&str, usize> = plan.sites.iter().enumerate().map(|(k, s)| (s.id.as_str(), k)).collect();
    let rows_by_id: FxHashMap<&str, usize> = schedule.initiatives.iter().enumerate().map(|(k, r)| (r.id.as_str(), k)).collect();
    let n = plan.sites.len();
    let mut out: Vec<SiteRow> = plan
        .sites
        .iter()
        .map(|s| SiteRow {
            id: s.id.clone(),
            name: s.name.clone(),
            wave: s.wave.clone(),
            region: s.region.clone(),
            start: None,
            finish: None,
            span_days: None,
            work_days: None,
            p50: None,
            p80: None,
            late_days: None,
            status_counts: StatusCounts::default(),
            open_risks: 0,
            findings: 0,
            overrides: Vec::new(),
            flags: Vec::new(),
        })
        .collect();
    let mut base_finish: Vec<Option<NaiveDate>> = vec![None; n];
    let mut busy: Vec<Vec<(i64, i64)>> = vec![Vec::new(); n];
    let mut site_of: FxHashMap<&str, usize> = FxHashMap::default();
    for i in &plan.initiatives {
        let Some(&k) = i.site.as_deref().and_then(|s| index.get(s)) else { continue };
        site_of.insert(i.id.as_str(), k);
        let row = &mut out[k];
        row.status_counts.add(i);
        if let Some(x) = &i.instance {
            row.overrides.extend(i.overrides.iter().map(|f| SiteOverride { step: x.step.clone(), field: f.clone() }));
        }
        if let Some(r) = rows_by_id.get(i.id.as_str()).map(|&x| &schedule.initiatives[x]) {
            row.start = Some(row.start.map_or(r.start_date, |d| d.min(r.start_date)));
            row.finish = Some(row.finish.map_or(r.finish_date, |d| d.max(r.finish_date)));
            if r.duration > 0 {
                busy[k].push((offset(r.start_date), offset(r.finish_date) + 1));
            }
        }
        if let Some(d) = context.baseline.and_then(|b| b.get(&i.id)) {
            base_finish[k] = Some(base_finish[k].map_or(*d, |x| x.max(*d)));
        }
    }
    for r in &plan.risks {
        if r.status == RiskStatus::Closed {
            continue;
        }
        let mut hit: Vec<usize> = r.initiatives.iter().filter_map(|i| site_of.get(i.as_str()).copied()).collect();
        hit.sort_unstable();
        hit.dedup();
        for k in hit {
            out[k].open_risks += 1;
        }
        if let Some(&k) = r.initiatives.first().and_then(|i| site_of.get(i.as_str())) {
            site_of.entry(r.id.as_str()).or_insert(k);
        }
    }
    if let Some(findings) = context.findings {
        for f in findings {
            if let Some(&k) = site_of.get(f.subject.as_str()).or_else(|| index.get(f.subject.as_str())) {
                out[k].findings += 1;
            }
        }
    }
    for (k, row) in out.iter_mut().enumerate() {
        if let (Some(a), Some(b)) = (row.start, row.finish) {
            row.span_days = Some(offset(b) - offset(a) + 1);
            // The union of its work's days.
            let list = &mut busy[k];
            list.sort_unstable();
            let (mut days, mut until) = (0, i64::MIN);
            for &(a, b) in list.iter() {
                let a = a.max(until);
                if b > a {
                    days += b - a;
                    until = b;
                }
            }
            row.work_days = Some(days);
        }
        if let Some(p) = context.forecast.and_then(|f| f.sites.get(&row.id)) {
            row.p50 = Some(p.p50_date);
            row.p80 = Some(p.p80_date);
        }
        if let (Some(now), Some(then)) = (row.finish, base_finish[k]) {
            row.late_days = Some(offset(now) - offset(then));
        }
    }
    // Per wave: the sites with work, and the norms of their measures.
    let mut waves: Vec<(&str, Vec<usize>)> = Vec::new();
    for (k, row) in out.iter().enumerate() {
        let (Some(w), Some(_)) = (plan.sites[k].wave.as_deref(), row.span_days) else { continue };
        match waves.iter_mut().find(|(x, _)| *x == w) {
            Some((_, list)) => list.push(k),
            None => waves.push((w, vec![k])),
        }
    }
    let by_baseline = context.baseline.is_some();
    for (_, members) in &waves {
        let finishes: Vec<f64> = members.iter().filter_map(|&k| out[k].finish).map(|d| offset(d) as f64).collect();
        if !by_baseline {
            if let Some((median, _)) = median_iqr(&finishes) {
                for &k in members {
                    out[k].late_days = out[k].finish.map(|d| offset(d) - median.round() as i64);
                }
            }
        }
        let measure = |f: &dyn Fn(&SiteRow) -> Option<f64>| -> Vec<(usize, f64)> {
            members.iter().filter_map(|&k| f(&out[k]).map(|v| (k, v))).collect()
        };
        let mut flags: Vec<(usize, Flag)> = Vec::new();
        let mut rule = |values: Vec<(usize, f64)>, floor: f64, code: &str, words: &dyn Fn(&str, f64, f64) -> String| {
            let only: Vec<f64> = values.iter().map(|(_, v)| *v).collect();
            let Some((median, limit)) = norm(&only, floor) else { return };
            for (k, v) in values {
                if v > limit + 1e-9 {
                    flags.push((k, Flag { code: code.to_string(), reason: words(&plan.sites[k].name, v, median) }));
                }
            }
        };
        rule(measure(&|r| r.work_days.map(|x| x as f64)), MIN_DAYS_MARGIN, "site-long-span", &|name, v, m| {
            format!("{name} takes {} working days of work, its wave's sites take {} (median)", shown(v), shown(m))
        });
        if by_baseline {
            let slips: Vec<(usize, f64)> = members
                .iter()
                .filter_map(|&k| (base_finish[k].is_some()).then_some(k))
                .filter_map(|k| out[k].late_days.map(|x| (k, x as f64)))
                .collect();
            rule(slips, MIN_DAYS_MARGIN, "site-slipped", &|name, v, m| {
                format!(
                    "{name} finishes {} working days later than the baseline of record, its wave's sites {} (median)",
                    shown(v),
                    shown(m)
                )
            });
        }
        rule(measure(&|r| Some(r.status_counts.blocked as f64)), MIN_COUNT_MARGIN, "site-blocked-work", &|name, v, m| {
            format!("{name} has {} blocked initiatives, its wave's sites {} (median)", shown(v), shown(m))
        });
        rule(measure(&|r| Some(r.open_risks as f64)), MIN_COUNT_MARGIN, "site-open-risks", &|name, v, m| {
            format!("{name} has {} open risks, its wave's sites {} (median)", shown(v), shown(m))
        });
        rule(measure(&|r| Some(r.overrides.len() as f64)), MIN_COUNT_MARGIN, "site-overrides", &|name, v, m| {
            format!("{name} overrides {} template fields, its wave's sites {} (median)", shown(v), shown(m))
        });
        for (k, flag) in flags {
            out[k].flags.push(flag);
        }
    }
    out
}

/// The flags as findings about their site (its id the subject): a long span or a slip is a
/// warning, more blocked work, open risks or overrides a note.
pub fn findings(rows: &[SiteRow]) -> Vec<Finding> {
    rows.iter()
        .flat_map(|r| {
            r.flags.iter().map(|f| Finding {
                severity: if matches!(f.code.as_str(), "site-long-span" | "site-slipped") { Severity::Warning } else { Severity::Note },
                code: f.code.clone(),
                subject: r.id.clone(),
                message: f.reason.clone(),
            })
        })
        .collect()
}

/// The finishes of a baseline's initiatives by id, as [`Context::baseline`] takes them.
pub fn finishes<'a>(dates: impl IntoIterator<Item = (&'a str, NaiveDate)>) -> HashMap<String, NaiveDate> {
    dates.into_iter().map(|(id, d)| (id.to_string(), d)).collect()
}
