//! Capacity: what each team is asked to do per week against what it can do, and the weeks
//! where a schedule asks more than that.
//!
//! Teams are planned at 100% while people deliver 60-70%: a team's capacity on a working day
//! is its people that day (`Team::fte_on`, following its capacity changes) times its
//! utilization target. An initiative's effort on a team (person-days) is spread evenly over
//! its working days, so its load is effort / duration on each of them; work with a team and
//! no stated effort asks one person of that team per working day (`Initiative::effort_by_team`,
//! Microsoft Project's default), so typing no effort never reads as spare capacity. Load and capacity are
//! summed per team and calendar week (weeks start on Monday); a week whose load is above its
//! capacity is over-allocated, and consecutive such weeks of a team make one finding naming
//! the weeks, by how much, and the initiatives that load the team most in them.

use chrono::{Datelike, Days, NaiveDate};
use rustc_hash::FxHashMap;

use crate::findings::{Finding, Severity};
use crate::model::{Initiative, Plan};
use crate::schedule::{cpm, Schedule, ScheduleError};

/// Load within this much of capacity is not over it (float sums of thousandths).
const EPSILON: f64 = 1e-6;

/// A week whose load is at most this share of its capacity is light, above it busy (up to
/// capacity): the bands the window's grid and the brief's load page are coloured by.
pub const LIGHT_SHARE: f64 = 0.7;

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
        over(self.load, self.capacity)
    }
}

/// Is a load over its capacity (person-days)? The one rule the findings, the window's grid
/// and the brief's load page apply.
pub fn over(load: f64, capacity: f64) -> bool {
    load > capacity + EPSILON
}

/// Every week of one team from day 0 to the schedule's end.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamLoad {
    pub team: String,
    pub weeks: Vec<Week>,
}

/// One initiative's load on one team: person-days per working day over `from..to`
/// (working-day offsets, clipped to the grid).
struct Item {
    initiative: usize,
    team: usize,
    per_day: f64,
    from: i64,
    to: i64,
}

/// The weeks of a schedule and each team's load and capacity in them, without ids: what
/// both the full table (`load_at`) and the findings (`findings_at`) start from. Each
/// initiative's share of a week is `per_day x its working days in that week`, one product
/// per week it spans (no loop over its days), summed in plan order: both readers add the
/// same numbers in the same order, so they agree on every over-allocated week.
struct Grid {
    first: NaiveDate,
    /// Offset of the first working day of week w; `bounds[weeks]` = the number of days.
    bounds: Vec<i64>,
    /// Week of each working-day offset.
    week_of: Vec<u32>,
    items: Vec<Item>,
    /// Per team (plan order), per week.
    load: Vec<Vec<f64>>,
    capacity: Vec<Vec<f64>>,
}

impl Grid {
    /// The runs `from..to` of consecutive over-allocated weeks of team `t` (plan order).
    fn over_runs(&self, t: usize) -> Vec<(usize, usize)> {
        let over: Vec<bool> = self.load[t].iter().zip(&self.capacity[t]).map(|(l, c)| over(*l, *c)).collect();
        runs(&over)
    }

    /// The weeks up to the schedule's end, or with `loaded` only up to the end of the last
    /// work that asks effort (what the findings need: a plan's long tail of milestones
    /// loads no team).
    ///
    /// Each initiative's work runs `start[k]..finish[k]` at its effort's rate per likely
    /// day: the whole of it without a status date; with one, the work still to do of work in
    /// progress (its remaining days at that rate) and done work on its actual dates
    /// (docs/scheduling.md, "Progress").
    fn new(plan: &Plan, start: &[i64], finish: &[i64], loaded: bool) -> Result<Grid, ScheduleError> {
        let cal = plan.calendar.anchored(plan.start)?;
        let monday = |d: NaiveDate| d - Days::new(u64::from(d.weekday().num_days_from_monday()));
        let end_of = |only_loaded: bool| {
            plan.initiatives.iter().zip(finish).filter(|(i, _)| !only_loaded || i.asks_effort()).map(|(_, f)| *f).max().unwrap_or(0).max(1)
        };
        let end = end_of(false);
        let dates = if loaded {
            // Whole weeks as the full table has them: to the end of the last loaded work's
            // week (at most 7 working days more), or the schedule's end within it.
            let want = end_of(true).min(end);
            let mut dates = cal.dates((want + 7).min(end) - 1)?;
            if let Some(last) = dates.get(want as usize - 1).map(|d| monday(*d)) {
                let keep = dates.partition_point(|d| monday(*d) <= last);
                dates.truncate(keep);
            }
            dates
        } else {
            cal.dates(end - 1)?
        };
        let first = dates.first().map_or(plan.start, |d| monday(*d));
        let week_of: Vec<u32> = dates.iter().map(|d| ((monday(*d) - first).num_days() / 7) as u32).collect();
        let weeks = week_of.last().map_or(0, |w| *w as usize + 1);
        let mut bounds = vec![0i64; weeks + 1];
        for (k, w) in week_of.iter().enumerate().rev() {
            bounds[*w as usize] = k as i64;
        }
        bounds[weeks] = dates.len() as i64;
        let mut team_at: FxHashMap<&str, usize> = FxHashMap::default();
        for (k, t) in plan.teams.iter().enumerate() {
            team_at.entry(t.id.as_str()).or_insert(k);
        }
        let capacity: Vec<Vec<f64>> = plan
            .teams
            .iter()
            .map(|t| {
                let mut c = vec![0.0; weeks];
                for (k, d) in dates.iter().enumerate() {
                    c[week_of[k] as usize] += t.fte_on(*d) * t.utilization_target;
                }
                c
            })
            .collect();
        let mut load = vec![vec![0.0; weeks]; plan.teams.len()];
        let mut items = Vec::new();
        let len = dates.len() as i64;
        for (k, ((i, &s), &f)) in plan.initiatives.iter().zip(start).zip(finish).enumerate() {
            let days = i64::from(i.duration.likely);
            // Deferred work loads no team (docs/plan-format.md, "Deferral").
            if days <= 0 || i.is_deferred() {
                continue;
            }
            for (team, person_days) in i.effort_by_team() {
                let Some(&team) = team_at.get(team) else { continue };
                let (from, to) = (s.max(0), f.min(len));
                if person_days <= 0.0 || from >= to {
                    continue;
                }
                let item = Item { initiative: k, team, per_day: person_days / days as f64, from, to };
                let row = &mut load[team];
                item_weeks(&item, &bounds, &week_of, |w, pd| row[w] += pd);
                items.push(item);
            }
        }
        Ok(Grid { first, bounds, week_of, items, load, capacity })
    }

    fn monday(&self, w: usize) -> NaiveDate {
        self.first + Days::new(7 * w as u64)
    }
}

/// Each week `item` spans within `from..to` weeks of the grid, with its person-days there.
fn item_weeks(item: &Item, bounds: &[i64], week_of: &[u32], mut f: impl FnMut(usize, f64)) {
    let (Some(&a), Some(&b)) = (week_of.get(item.from as usize), week_of.get(item.to as usize - 1)) else { return };
    for w in a as usize..=b as usize {
        let days = item.to.min(bounds[w + 1]) - item.from.max(bounds[w]);
        if days > 0 {
            f(w, item.per_day * days as f64);
        }
    }
}

/// Load against capacity per team per week, for a schedule given as the offsets each
/// initiative's work starts and finishes on (the plan's CPM early dates by `load`).
pub fn load_at(plan: &Plan, start: &[i64], finish: &[i64]) -> Result<Vec<TeamLoad>, ScheduleError> {
    let g = Grid::new(plan, start, finish, false)?;
    let mut out: Vec<TeamLoad> = plan
        .teams
        .iter()
        .enumerate()
        .map(|(t, team)| TeamLoad {
            team: team.id.clone(),
            weeks: (0..g.capacity[t].len())
                .map(|w| Week { monday: g.monday(w), load: g.load[t][w], capacity: g.capacity[t][w], initiatives: Vec::new() })
                .collect(),
        })
        .collect();
    for item in &g.items {
        let weeks = &mut out[item.team].weeks;
        let id = &plan.initiatives[item.initiative].id;
        item_weeks(item, &g.bounds, &g.week_of, |w, pd| weeks[w].initiatives.push((id.clone(), pd)));
    }
    for tl in &mut out {
        for w in &mut tl.weeks {
            w.initiatives.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
    }
    Ok(out)
}

/// Load against capacity per team per week on the plan's own schedule (CPM, which honours
/// accepted leveling delays).
pub fn load(plan: &Plan) -> Result<Vec<TeamLoad>, ScheduleError> {
    let c = cpm(plan)?;
    load_at(plan, &c.early_start, &c.early_finish)
}

/// One finding per run of consecutive over-allocated weeks of a team (code
/// `over-allocated`, subject the team id), from the table `load` gives.
pub fn findings(plan: &Plan, loads: &[TeamLoad]) -> Vec<Finding> {
    let mut out = Vec::new();
    let names = Names::new();
    for tl in loads {
        let over: Vec<bool> = tl.weeks.iter().map(Week::over).collect();
        for (from, to) in runs(&over) {
            let run = &tl.weeks[from..to];
            let worst = run.iter().map(|w| w.load - w.capacity).fold(0.0, f64::max);
            let mut causes = Causes::default();
            for w in run {
                for (id, pd) in &w.initiatives {
                    causes.add(id, *pd);
                }
            }
            out.push(finding(plan, &names, &tl.team, (run[0].monday, run[run.len() - 1].monday, run.len()), worst, causes.list));
        }
    }
    out
}

/// The initiatives loading a run of weeks and their person-days, in the order first met.
/// Looked up by id in a map: a run loaded by tens of thousands of initiatives (a rollout's
/// copies of one task) made a search of the list per item quadratic (issue 22).
#[derive(Default)]
struct Causes<'a> {
    list: Vec<(&'a str, f64)>,
    at: FxHashMap<&'a str, usize>,
}

impl<'a> Causes<'a> {
    fn add(&mut self, id: &'a str, pd: f64) {
        match self.at.get(id) {
            Some(&k) => self.list[k].1 += pd,
            None => {
                self.at.insert(id, self.list.len());
                self.list.push((id, pd));
            }
        }
    }
}

/// The same findings as `findings(plan, &load_at(plan, start, finish)?)`, without the table: ids
/// are looked at only in over-allocated weeks. What `health::check` runs on every edit.
/// Each item is walked once over the weeks it spans, its person-days in each run of
/// over-allocated weeks summed in week order (as the table's reader sums them), so the
/// cost is that of building the grid, not runs x items.
pub fn findings_at(plan: &Plan, start: &[i64], finish: &[i64]) -> Result<Vec<Finding>, ScheduleError> {
    if !plan.initiatives.iter().any(Initiative::asks_effort) || plan.teams.is_empty() {
        return Ok(Vec::new());
    }
    let g = Grid::new(plan, start, finish, true)?;
    let names = Names::new();
    let mut by_team: Vec<Vec<&Item>> = vec![Vec::new(); plan.teams.len()];
    for item in &g.items {
        by_team[item.team].push(item);
    }
    let mut out = Vec::new();
    for (t, team) in plan.teams.iter().enumerate() {
        let runs = g.over_runs(t);
        if runs.is_empty() {
            continue;
        }
        // The run each over-allocated week belongs to.
        let mut run_of: Vec<Option<usize>> = vec![None; g.load[t].len()];
        for (r, &(from, to)) in runs.iter().enumerate() {
            run_of[from..to].fill(Some(r));
        }
        let mut causes: Vec<Causes<'_>> = runs.iter().map(|_| Causes::default()).collect();
        for item in &by_team[t] {
            let id = plan.initiatives[item.initiative].id.as_str();
            // (run, the item's person-days in it so far), flushed when the run changes.
            let mut sum: Option<(usize, f64)> = None;
            item_weeks(item, &g.bounds, &g.week_of, |w, pd| {
                let Some(r) = run_of.get(w).copied().flatten() else { return };
                sum = match sum {
                    Some((at, s)) if at == r => Some((r, s + pd)),
                    Some((at, s)) => {
                        causes[at].add(id, s);
                        Some((r, pd))
                    }
                    None => Some((r, pd)),
                };
            });
            if let Some((at, s)) = sum {
                causes[at].add(id, s);
            }
        }
        for (&(from, to), causes) in runs.iter().zip(causes) {
            let worst = (from..to).map(|w| g.load[t][w] - g.capacity[t][w]).fold(0.0, f64::max);
            out.push(finding(plan, &names, &team.id, (g.monday(from), g.monday(to - 1), to - from), worst, causes.list));
        }
    }
    Ok(out)
}

/// How many findings [`findings_at`] gives (each a warning), without writing them: the
/// counts `bridger schedule` prints. Naming the initiatives that load each run most was
/// most of the work.
pub fn count_at(plan: &Plan, start: &[i64], finish: &[i64]) -> Result<usize, ScheduleError> {
    if !plan.initiatives.iter().any(Initiative::asks_effort) || plan.teams.is_empty() {
        return Ok(0);
    }
    let g = Grid::new(plan, start, finish, true)?;
    Ok((0..plan.teams.len()).map(|t| g.over_runs(t).len()).sum())
}

/// Each run of over-allocated weeks on a schedule already computed, as (team id, the Monday of
/// its first week, the Monday of its last): the weeks of [`findings_on`], without naming what
/// loads them (what schedule health's capacity check reads, `assessment`).
pub fn over_runs_on<'p>(plan: &'p Plan, sched: &Schedule) -> Result<Vec<(&'p str, NaiveDate, NaiveDate)>, ScheduleError> {
    if !plan.initiatives.iter().any(Initiative::asks_effort) || plan.teams.is_empty() {
        return Ok(Vec::new());
    }
    let (start, finish) = early_dates(plan, sched);
    let g = Grid::new(plan, &start, &finish, true)?;
    let mut out = Vec::new();
    for (t, team) in plan.teams.iter().enumerate() {
        out.extend(g.over_runs(t).into_iter().map(|(from, to)| (team.id.as_str(), g.monday(from), g.monday(to - 1))));
    }
    Ok(out)
}

/// Over-allocation findings on a schedule already computed (its early starts).
pub fn findings_on(plan: &Plan, sched: &Schedule) -> Result<Vec<Finding>, ScheduleError> {
    if !plan.initiatives.iter().any(Initiative::asks_effort) || plan.teams.is_empty() {
        return Ok(Vec::new());
    }
    let (start, finish) = early_dates(plan, sched);
    findings_at(plan, &start, &finish)
}

/// How many findings [`findings_on`] gives (see [`count_at`]).
pub fn count_on(plan: &Plan, sched: &Schedule) -> Result<usize, ScheduleError> {
    if !plan.initiatives.iter().any(Initiative::asks_effort) || plan.teams.is_empty() {
        return Ok(0);
    }
    let (start, finish) = early_dates(plan, sched);
    count_at(plan, &start, &finish)
}

/// The work's start and early finish (offsets) of each initiative, in plan order.
fn early_dates(plan: &Plan, sched: &Schedule) -> (Vec<i64>, Vec<i64>) {
    let mut at: FxHashMap<&str, (i64, i64)> = FxHashMap::default();
    at.reserve(sched.initiatives.len());
    for si in &sched.initiatives {
        at.insert(si.id.as_str(), (si.work_start, si.early_finish));
    }
    plan.initiatives.iter().map(|i| at.get(i.id.as_str()).copied().unwrap_or((0, 0))).unzip()
}

/// The runs `from..to` of consecutive true values.
fn runs(over: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < over.len() {
        if !over[k] {
            k += 1;
            continue;
        }
        let from = k;
        while k < over.len() && over[k] {
            k += 1;
        }
        out.push((from, k));
    }
    out
}

/// Initiative names by id, made on the first finding that names one: a search of the list
/// per named initiative made `check` on 200,000 initiatives take 35 s (67,000 findings).
type Names<'p> = std::cell::OnceCell<FxHashMap<&'p str, &'p str>>;

fn names_of<'a, 'p>(names: &'a Names<'p>, plan: &'p Plan) -> &'a FxHashMap<&'p str, &'p str> {
    names.get_or_init(|| plan.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str())).collect())
}

/// The finding of one run of over-allocated weeks (`first` and `last` Mondays, `count`
/// weeks): the excess of its worst week and the five initiatives that load it most.
fn finding<'p>(
    plan: &'p Plan,
    names: &Names<'p>,
    team: &str,
    (first, last, count): (NaiveDate, NaiveDate, usize),
    worst: f64,
    mut causes: Vec<(&str, f64)>,
) -> Finding {
    let name = plan.teams.iter().find(|t| t.id == team).map_or(team, |t| t.name.as_str());
    // Only the first five are named: selected, then those sorted (a run loaded by many
    // initiatives need not sort them all).
    let order = |a: &(&str, f64), b: &(&str, f64)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if causes.len() > 5 {
        causes.select_nth_unstable_by(4, order);
        causes[..5].sort_by(order);
    } else {
        causes.sort_by(order);
    }
    // names, not ids, where a person reads (issue 26)
    let shown: Vec<String> =
        causes.iter().take(5).map(|c| format!("'{}'", names_of(names, plan).get(c.0).copied().unwrap_or(c.0))).collect();
    let more = causes.len().saturating_sub(5);
    let weeks = if count == 1 { format!("in the week of {first}") } else { format!("in {count} weeks from {first} to the week of {last}") };
    Finding {
        severity: Severity::Warning,
        code: "over-allocated".into(),
        subject: team.to_string(),
        message: format!(
            "team '{name}' is asked more than its capacity {weeks}, by up to {worst:.1} person-days a week; most of it: {}{}",
            shown.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ),
    }
}

/// How many team-weeks are over capacity in `loads`.
pub fn over_weeks(loads: &[TeamLoad]) -> u32 {
    loads.iter().map(|t| t.weeks.iter().filter(|w| w.over()).count() as u32).sum()
}
