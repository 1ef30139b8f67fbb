//! Capacity: what each team is asked to do per week against what it can do, and the weeks
//! where a schedule asks more than that.
//!
//! Teams are planned at 100% while people deliver 60-70%: a team's capacity on a working day
//! is its people that day (`Team::fte_on`, following its capacity changes) times its
//! utilization target. An initiative's effort on a team (person-days) is spread evenly over
//! its working days, so its load is effort / duration on each of them. Load and capacity are
//! summed per team and calendar week (weeks start on Monday); a week whose load is above its
//! capacity is over-allocated, and consecutive such weeks of a team make one finding naming
//! the weeks, by how much, and the initiatives that load the team most in them.

use chrono::{Datelike, Days, NaiveDate};

use crate::health::{Finding, Severity};
use crate::model::Plan;
use crate::schedule::{cpm, ScheduleError};

/// Load within this much of capacity is not over it (float sums of thousandths).
const EPSILON: f64 = 1e-6;

/// One team's week.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    /// The Monday of the week.
    pub monday: NaiveDate,
    /// Person-days asked of the team in the week.
    pub load: f64,
    /// Person-days the team can give (people x utilization target over its working days).
    pub capacity: f64,
    /// The initiatives loading it, person-days each, largest first.
    pub initiatives: Vec<(String, f64)>,
}

impl Week {
    pub fn over(&self) -> bool {
        self.load > self.capacity + EPSILON
    }
}

/// Every week of one team from day 0 to the schedule's end.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamLoad {
    pub team: String,
    pub weeks: Vec<Week>,
}

/// Load against capacity per team per week, for a schedule given as start offsets (the
/// plan's CPM early starts by `load`).
pub fn load_at(plan: &Plan, start: &[i64]) -> Result<Vec<TeamLoad>, ScheduleError> {
    let cal = plan.calendar.anchored(plan.start)?;
    let end = plan.initiatives.iter().zip(start).map(|(i, s)| s + i64::from(i.duration.likely.max(0))).max().unwrap_or(0).max(1);
    let dates = cal.dates(end - 1)?;
    let monday = |d: NaiveDate| d - Days::new(u64::from(d.weekday().num_days_from_monday()));
    // Week index of each working day.
    let first = dates.first().map_or(plan.start, |d| monday(*d));
    let week_of: Vec<usize> = dates.iter().map(|d| ((monday(*d) - first).num_days() / 7) as usize).collect();
    let weeks = week_of.last().map_or(0, |w| w + 1);
    let mut out = Vec::with_capacity(plan.teams.len());
    for t in &plan.teams {
        let mut ws: Vec<Week> = (0..weeks)
            .map(|k| Week { monday: first + Days::new(7 * k as u64), load: 0.0, capacity: 0.0, initiatives: Vec::new() })
            .collect();
        for (k, d) in dates.iter().enumerate() {
            ws[week_of[k]].capacity += t.fte_on(*d) * t.utilization_target;
        }
        for (i, &s) in plan.initiatives.iter().zip(start) {
            let days = i64::from(i.duration.likely);
            let person_days: f64 = i.effort.iter().filter(|e| e.team == t.id).map(|e| e.person_days).sum();
            if days <= 0 || person_days <= 0.0 {
                continue;
            }
            let per_day = person_days / days as f64;
            let mut last: Option<usize> = None;
            for off in s.max(0)..(s + days).min(dates.len() as i64) {
                let w = week_of[off as usize];
                ws[w].load += per_day;
                if last != Some(w) {
                    ws[w].initiatives.push((i.id.clone(), 0.0));
                    last = Some(w);
                }
                if let Some(x) = ws[w].initiatives.last_mut() {
                    x.1 += per_day;
                }
            }
        }
        for w in &mut ws {
            w.initiatives.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        out.push(TeamLoad { team: t.id.clone(), weeks: ws });
    }
    Ok(out)
}

/// Load against capacity per team per week on the plan's own schedule (CPM, which honours
/// accepted leveling delays).
pub fn load(plan: &Plan) -> Result<Vec<TeamLoad>, ScheduleError> {
    let c = cpm(plan)?;
    load_at(plan, &c.early_start)
}

/// One finding per run of consecutive over-allocated weeks of a team (code
/// `over-allocated`, subject the team id).
pub fn findings(plan: &Plan, loads: &[TeamLoad]) -> Vec<Finding> {
    let mut out = Vec::new();
    for tl in loads {
        let name = plan.teams.iter().find(|t| t.id == tl.team).map_or(tl.team.as_str(), |t| t.name.as_str());
        let mut k = 0;
        while k < tl.weeks.len() {
            if !tl.weeks[k].over() {
                k += 1;
                continue;
            }
            let from = k;
            while k < tl.weeks.len() && tl.weeks[k].over() {
                k += 1;
            }
            let run = &tl.weeks[from..k];
            let worst = run.iter().map(|w| w.load - w.capacity).fold(0.0, f64::max);
            let mut causes: Vec<(String, f64)> = Vec::new();
            for w in run {
                for (id, pd) in &w.initiatives {
                    match causes.iter_mut().find(|c| &c.0 == id) {
                        Some(c) => c.1 += pd,
                        None => causes.push((id.clone(), *pd)),
                    }
                }
            }
            causes.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let shown: Vec<&str> = causes.iter().take(5).map(|c| c.0.as_str()).collect();
            let more = causes.len().saturating_sub(5);
            let weeks = if run.len() == 1 {
                format!("in the week of {}", run[0].monday)
            } else {
                format!("in {} weeks from {} to the week of {}", run.len(), run[0].monday, run[run.len() - 1].monday)
            };
            out.push(Finding {
                severity: Severity::Warning,
                code: "over-allocated".into(),
                subject: tl.team.clone(),
                message: format!(
                    "team '{name}' is asked more than its capacity {weeks}, by up to {worst:.1} person-days a week; most of it: {}{}",
                    shown.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ),
            });
        }
    }
    out
}
