//! Schedule health (issue 31): the DCMA 14-point assessment of a plan's schedule, and
//! Bridger's own checks of who owns what, each a count against a threshold, and a grade.
//! The definitions, word for word, are docs/health.md; the tests hold this code to them.
//!
//! Everything here is read from what the rest of the core already computes: the schedule
//! (total float, the driving handoffs), the baseline of record (its dates, its plan), the
//! findings of `health` (unowned and unconfirmed seams, unmitigated and unlinked risks, work
//! not updated within the review rhythm, priorities owned by no person), `capacity`'s weeks
//! and `risk`'s bands. No rule of those is written again here.

use chrono::{Days, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use ts_rs::TS;

use crate::drift::Baseline;
use crate::findings::{Finding, Severity};
use crate::model::{Initiative, Kind, Plan, RiskStatus, Status};
use crate::schedule::{cpm, passes, Network, Schedule, ScheduleError};

/// Working days above which float is high (metric 6) and a duration is long (metric 8).
pub const HIGH_DAYS: i64 = 44;

/// The working days metric 12 adds to the first open initiative on the driving path.
pub const CRITICAL_PATH_TEST_DAYS: i64 = 600;

/// The weeks from the status date in which no team may be over capacity, unless asked
/// otherwise.
pub const CAPACITY_WEEKS: u32 = 8;

/// The metrics whose failure alone makes the grade red.
pub const RED_METRICS: [u8; 4] = [2, 7, 9, 12];

/// More failing metrics than this make the grade red.
pub const RED_FAILURES: usize = 3;

/// How a measure's value is held against its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub enum Op {
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "=")]
    Equal,
}

/// A threshold: the value must be `op` this.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Threshold {
    pub op: Op,
    pub value: f64,
}

impl Threshold {
    fn holds(&self, v: f64) -> bool {
        // Ratios of whole counts: a bit of rounding is no failure.
        const EPS: f64 = 1e-9;
        match self.op {
            Op::AtMost => v <= self.value + EPS,
            Op::AtLeast => v >= self.value - EPS,
            Op::Equal => (v - self.value).abs() <= EPS,
        }
    }
}

/// A metric's number (1..14) or a check's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum MeasureId {
    Metric(u8),
    Check(String),
}

/// One thing a measure counts: an initiative, a handoff, a team, a risk or a priority, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Item {
    pub kind: ItemKind,
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Initiative,
    Handoff,
    Team,
    Risk,
    Priority,
}

/// One metric or check: what it counts out of what, against its threshold.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Measure {
    pub id: MeasureId,
    pub name: String,
    pub numerator: i64,
    pub denominator: i64,
    /// numerator / denominator; null when not computed (`reason` says why).
    pub value: Option<f64>,
    pub threshold: Threshold,
    /// Whether the value meets the threshold; null when not computed.
    pub pass: Option<bool>,
    /// Why it is not computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    /// What the numerator counts (for a metric that passes with a numerator, those too).
    pub items: Vec<Item>,
}

impl Measure {
    fn failed(&self) -> bool {
        self.pass == Some(false)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Green,
    Amber,
    Red,
}

/// `bridger health --json`: the 14 metrics, the checks and the grade.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HealthReport {
    pub metrics: Vec<Measure>,
    pub checks: Vec<Measure>,
    pub grade: Grade,
}

/// What the assessment may be told: the weeks of the capacity check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub capacity_weeks: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options { capacity_weeks: CAPACITY_WEEKS }
    }
}

/// Whether the model holds a hard date constraint on the initiative (metric 5): a pinned start
/// or finish (docs/scheduling.md, "Pinned dates"), which holds the work on its date whatever its
/// handoffs allow. A deadline (`finish_no_later_than`) only caps late dates and a
/// start-no-earlier-than date only raises the early start: neither is hard (docs/health.md).
pub fn hard_constraint(i: &Initiative) -> bool {
    i.is_pinned()
}

/// Open work: not done and not deferred (the population of most metrics).
pub fn is_open(i: &Initiative) -> bool {
    i.status != Status::Done && !i.is_deferred()
}

/// The grade of the metrics and checks (docs/health.md): red when any of [`RED_METRICS`]
/// fails or more than [`RED_FAILURES`] metrics fail; amber when any metric or check fails;
/// green otherwise.
pub fn grade(metrics: &[Measure], checks: &[Measure]) -> Grade {
    let failing = metrics.iter().filter(|m| m.failed()).count();
    let red = metrics.iter().any(|m| m.failed() && matches!(m.id, MeasureId::Metric(n) if RED_METRICS.contains(&n)));
    if red || failing > RED_FAILURES {
        Grade::Red
    } else if failing > 0 || checks.iter().any(Measure::failed) {
        Grade::Amber
    } else {
        Grade::Green
    }
}

/// The assessment of a valid plan on its schedule, against `baseline` (the baseline of
/// record, or the one asked for) when there is one. `findings` are `health::findings` of the
/// plan on that schedule (the checks read them).
pub fn assess(plan: &Plan, s: &Schedule, baseline: Option<&Baseline>, findings: &[Finding], options: Options) -> HealthReport {
    let a = Assessment::new(plan, s, baseline);
    let metrics = a.metrics();
    let checks = a.checks(findings, options);
    let grade = grade(&metrics, &checks);
    HealthReport { metrics, checks, grade }
}

fn initiative(id: &str) -> Item {
    Item { kind: ItemKind::Initiative, id: id.to_string() }
}

fn item(kind: ItemKind, id: &str) -> Item {
    Item { kind, id: id.to_string() }
}

/// A measure from its counts: not computed when there is nothing to count.
fn measure(id: MeasureId, name: &str, op: Op, limit: f64, numerator: i64, denominator: i64, items: Vec<Item>, none: &str) -> Measure {
    let threshold = Threshold { op, value: limit };
    if denominator == 0 {
        return not_computed(id, name, threshold, none);
    }
    let value = numerator as f64 / denominator as f64;
    Measure {
        id,
        name: name.to_string(),
        numerator,
        denominator,
        value: Some(value),
        threshold,
        pass: Some(threshold.holds(value)),
        reason: None,
        items,
    }
}

fn not_computed(id: MeasureId, name: &str, threshold: Threshold, reason: &str) -> Measure {
    Measure {
        id,
        name: name.to_string(),
        numerator: 0,
        denominator: 0,
        value: None,
        threshold,
        pass: None,
        reason: Some(reason.to_string()),
        items: Vec::new(),
    }
}

/// A check: how many of `of` fail it, none allowed.
fn check(id: &str, name: &str, failing: Vec<Item>, of: usize, none: &str) -> Measure {
    measure(MeasureId::Check(id.into()), name, Op::Equal, 0.0, failing.len() as i64, of as i64, failing, none)
}

/// What every measure reads, gathered once.
struct Assessment<'a> {
    plan: &'a Plan,
    s: &'a Schedule,
    baseline: Option<&'a Baseline>,
    /// Schedule rows by initiative id (deferred work has none).
    rows: FxHashMap<&'a str, usize>,
    /// Open initiatives, in plan order.
    open: Vec<&'a Initiative>,
    open_ids: FxHashSet<&'a str>,
    /// Positions in `plan.handoffs` of the handoffs into open work.
    into_open: Vec<usize>,
}

impl<'a> Assessment<'a> {
    fn new(plan: &'a Plan, s: &'a Schedule, baseline: Option<&'a Baseline>) -> Assessment<'a> {
        let rows = s.initiatives.iter().enumerate().map(|(k, r)| (r.id.as_str(), k)).collect();
        let open: Vec<&Initiative> = plan.initiatives.iter().filter(|i| is_open(i)).collect();
        let open_ids: FxHashSet<&str> = open.iter().map(|i| i.id.as_str()).collect();
        let into_open = plan.handoffs.iter().enumerate().filter(|(_, h)| open_ids.contains(h.to.as_str())).map(|(k, _)| k).collect();
        Assessment { plan, s, baseline, rows, open, open_ids, into_open }
    }

    fn row(&self, id: &str) -> Option<&'a crate::schedule::ScheduledInitiative> {
        self.rows.get(id).map(|k| &self.s.initiatives[*k])
    }

    fn metrics(&self) -> Vec<Measure> {
        let n_open = self.open.len() as i64;
        let no_open = "no open work (every initiative is done or deferred)";
        let no_handoffs = "no handoffs into open work";
        let m = MeasureId::Metric;
        let open_where =
            |f: &dyn Fn(&Initiative) -> bool| -> Vec<Item> { self.open.iter().filter(|i| f(i)).map(|i| initiative(&i.id)).collect() };
        let handoffs_where = |f: &dyn Fn(&crate::model::Handoff) -> bool| -> Vec<Item> {
            self.into_open.iter().map(|k| &self.plan.handoffs[*k]).filter(|h| f(h)).map(|h| item(ItemKind::Handoff, &h.id)).collect()
        };
        let n_into = self.into_open.len() as i64;
        let with = |id: u8, name: &str, op: Op, limit: f64, items: Vec<Item>, of: i64, none: &str| {
            measure(m(id), name, op, limit, items.len() as i64, of, items, none)
        };

        // 1. Logic.
        let (mut has_pred, mut has_succ) = (FxHashSet::default(), FxHashSet::default());
        for h in &self.plan.handoffs {
            has_succ.insert(h.from.as_str());
            has_pred.insert(h.to.as_str());
        }
        let missing_logic = open_where(&|i| {
            let (p, s) = (has_pred.contains(i.id.as_str()), has_succ.contains(i.id.as_str()));
            if i.is_milestone() {
                !p && !s
            } else {
                !p || !s
            }
        });
        let non_milestones: Vec<&Initiative> = self.open.iter().copied().filter(|i| !i.is_milestone()).collect();
        let no_non_milestones = "no open work that takes time (only milestones)";
        let mut out = vec![
            with(1, "Logic", Op::AtMost, 0.05, missing_logic, n_open, no_open),
            with(2, "Leads", Op::Equal, 0.0, handoffs_where(&|h| h.lag < 0), n_into, no_handoffs),
            with(3, "Lags", Op::AtMost, 0.05, handoffs_where(&|h| h.lag > 0), n_into, no_handoffs),
        ];
        // 4. Relationship types: the share that is finish-to-start.
        let fs = handoffs_where(&|h| h.kind == Kind::FS);
        let others = handoffs_where(&|h| h.kind != Kind::FS);
        let mut types = measure(m(4), "Relationship types", Op::AtLeast, 0.9, fs.len() as i64, n_into, others, no_handoffs);
        types.numerator = fs.len() as i64;
        out.push(types);
        out.push(with(5, "Hard constraints", Op::AtMost, 0.05, open_where(&hard_constraint), n_open, no_open));
        let float = |i: &Initiative| self.row(&i.id).map_or(0, |r| r.total_float);
        out.push(with(6, "High float", Op::AtMost, 0.05, open_where(&|i| float(i) > HIGH_DAYS), n_open, no_open));
        out.push(with(7, "Negative float", Op::Equal, 0.0, open_where(&|i| float(i) < 0), n_open, no_open));
        // 8. High duration: the baseline's duration when it holds the initiative.
        let then = self.baseline_durations();
        let duration = |i: &Initiative| then.get(i.id.as_str()).copied().unwrap_or(i64::from(i.duration.likely));
        let long: Vec<Item> = non_milestones.iter().filter(|i| duration(i) > HIGH_DAYS).map(|i| initiative(&i.id)).collect();
        out.push(with(8, "High duration", Op::AtMost, 0.05, long, non_milestones.len() as i64, no_non_milestones));
        out.push(self.invalid_dates());
        let unresourced: Vec<Item> =
            non_milestones.iter().filter(|i| i.team.is_none() && i.effort.is_empty()).map(|i| initiative(&i.id)).collect();
        out.push(with(10, "Resources", Op::Equal, 0.0, unresourced, non_milestones.len() as i64, no_non_milestones));
        out.push(self.missed_tasks());
        out.push(self.critical_path_test());
        out.push(self.cpli());
        out.push(self.bei());
        out
    }

    /// Metric 8's durations in the baseline, by initiative id: its plan's likely estimates,
    /// else (a baseline of dates only) the working days from each start to its finish.
    fn baseline_durations(&self) -> FxHashMap<&'a str, i64> {
        let Some(b) = self.baseline else { return FxHashMap::default() };
        if let Some(p) = &b.plan {
            return p.initiatives.iter().map(|x| (x.id.as_str(), i64::from(x.duration.likely))).collect();
        }
        let Ok(cal) = self.plan.calendar.anchored(self.plan.start) else { return FxHashMap::default() };
        b.schedule.initiatives.iter().map(|d| (d.id.as_str(), cal.finish_limit(d.finish) - cal.offset_on_or_after(d.start))).collect()
    }

    /// 9. Invalid dates.
    fn invalid_dates(&self) -> Measure {
        let threshold = Threshold { op: Op::Equal, value: 0.0 };
        let Some(sd) = self.plan.status_date else {
            return not_computed(MeasureId::Metric(9), "Invalid dates", threshold, "no status date");
        };
        let scheduled: Vec<&Initiative> = self.plan.initiatives.iter().filter(|i| !i.is_deferred()).collect();
        let invalid = |i: &Initiative| {
            let actual_late = i.actual_start.is_some_and(|d| d > sd) || i.actual_finish.is_some_and(|d| d > sd);
            let forecast_early = is_open(i)
                && self
                    .row(&i.id)
                    .is_some_and(|r| (i.actual_start.is_none() && r.start_date < sd) || (i.actual_finish.is_none() && r.finish_date < sd));
            actual_late || forecast_early
        };
        let items: Vec<Item> = scheduled.iter().filter(|i| invalid(i)).map(|i| initiative(&i.id)).collect();
        measure(MeasureId::Metric(9), "Invalid dates", Op::Equal, 0.0, items.len() as i64, scheduled.len() as i64, items, "no work")
    }

    /// The baseline's finish of each initiative due on or before the status date (11, 14).
    fn due_by_status_date(&self) -> Result<Vec<(&'a Initiative, NaiveDate)>, &'static str> {
        let Some(b) = self.baseline else { return Err("no baseline kept") };
        let Some(sd) = self.plan.status_date else { return Err("no status date") };
        let finish: FxHashMap<&str, NaiveDate> = b.schedule.initiatives.iter().map(|d| (d.id.as_str(), d.finish)).collect();
        Ok(self
            .plan
            .initiatives
            .iter()
            .filter(|i| !i.is_deferred())
            .filter_map(|i| finish.get(i.id.as_str()).filter(|f| **f <= sd).map(|f| (i, *f)))
            .collect())
    }

    /// 11. Missed tasks.
    fn missed_tasks(&self) -> Measure {
        let (name, threshold) = ("Missed tasks", Threshold { op: Op::AtMost, value: 0.05 });
        let due = match self.due_by_status_date() {
            Ok(d) => d,
            Err(why) => return not_computed(MeasureId::Metric(11), name, threshold, why),
        };
        let finish = |i: &Initiative| i.actual_finish.or_else(|| self.row(&i.id).map(|r| r.finish_date));
        let items: Vec<Item> = due.iter().filter(|(i, f)| finish(i).is_some_and(|x| x > *f)).map(|(i, _)| initiative(&i.id)).collect();
        let none = "nothing was due by the status date in the baseline";
        measure(MeasureId::Metric(11), name, threshold.op, threshold.value, items.len() as i64, due.len() as i64, items, none)
    }

    /// 14. BEI: work done against work the baseline had finished by the status date.
    fn bei(&self) -> Measure {
        let (name, threshold) = ("Baseline execution index", Threshold { op: Op::AtLeast, value: 0.95 });
        let due = match self.due_by_status_date() {
            Ok(d) => d,
            Err(why) => return not_computed(MeasureId::Metric(14), name, threshold, why),
        };
        let done = self.plan.initiatives.iter().filter(|i| i.status == Status::Done).count() as i64;
        // The items: what was due and is not done.
        let items = due.iter().filter(|(i, _)| i.status != Status::Done).map(|(i, _)| initiative(&i.id)).collect();
        let none = "nothing was due by the status date in the baseline";
        measure(MeasureId::Metric(14), name, threshold.op, threshold.value, done, due.len() as i64, items, none)
    }

    /// The driving path to the plan's finish, in the order the work runs: from the first
    /// row that finishes last, back along driving handoffs (the first in plan order at a tie).
    fn driving_path(&self) -> Vec<&'a str> {
        let last =
            self.s.initiatives.iter().filter(|r| r.early_finish == self.s.makespan_days).find(|r| self.open_ids.contains(r.id.as_str()));
        let Some(last) = last.or_else(|| self.s.initiatives.iter().find(|r| r.early_finish == self.s.makespan_days)) else {
            return Vec::new();
        };
        let mut driving: FxHashMap<&str, &str> = FxHashMap::default();
        for (h, r) in self.plan.handoffs.iter().zip(&self.s.handoffs) {
            if r.driving {
                driving.entry(h.to.as_str()).or_insert(h.from.as_str());
            }
        }
        let mut path = vec![last.id.as_str()];
        let mut seen: FxHashSet<&str> = path.iter().copied().collect();
        while let Some(prev) = path.last().and_then(|v| driving.get(v)) {
            if !seen.insert(prev) {
                break;
            }
            path.push(prev);
        }
        path.reverse();
        path
    }

    /// 12. Critical path test.
    fn critical_path_test(&self) -> Measure {
        let (name, threshold) = ("Critical path test", Threshold { op: Op::Equal, value: 1.0 });
        let path = self.driving_path();
        let Some(first) = path.iter().copied().find(|id| self.open_ids.contains(id)) else {
            return not_computed(MeasureId::Metric(12), name, threshold, "no open work on the driving path to the finish");
        };
        let moved = match self.lengthened(first) {
            Ok(makespan) => makespan - self.s.makespan_days,
            Err(e) => return not_computed(MeasureId::Metric(12), name, threshold, &format!("the longer plan has no schedule: {e}")),
        };
        measure(MeasureId::Metric(12), name, threshold.op, threshold.value, moved, CRITICAL_PATH_TEST_DAYS, vec![initiative(first)], "")
    }

    /// The plan's length with [`CRITICAL_PATH_TEST_DAYS`] added to initiative `id`'s duration
    /// (its remaining work when it has begun): the network lengthened in place, or, when a
    /// handoff into it is a fixed bound, a copy of the plan with the longer estimate scheduled.
    fn lengthened(&self, id: &str) -> Result<i64, ScheduleError> {
        let Some(k) = self.plan.initiatives.iter().position(|i| i.id == id) else { return Ok(self.s.makespan_days) };
        let (mut net, ends) = Network::with_ends(self.plan)?;
        let kinds: Vec<Kind> = self.plan.handoffs.iter().map(|h| h.kind).collect();
        if net.lengthen(&ends, &kinds, k, CRITICAL_PATH_TEST_DAYS) {
            let cal = self.plan.calendar.anchored(self.plan.start)?;
            return Ok(passes(&net, &cal).makespan);
        }
        let mut plan = self.plan.clone();
        let i = &mut plan.initiatives[k];
        let add = CRITICAL_PATH_TEST_DAYS as i32;
        if plan.status_date.is_some() && i.has_begun() {
            i.remaining = Some(crate::schedule::remaining(i) as i32 + add);
        }
        i.duration.optimistic += add;
        i.duration.likely += add;
        i.duration.pessimistic += add;
        Ok(cpm(&plan)?.makespan)
    }

    /// 13. CPLI: the remaining critical path's length and the finish's float against the
    /// target, over the remaining length.
    fn cpli(&self) -> Measure {
        let (name, threshold) = ("Critical path length index", Threshold { op: Op::AtLeast, value: 0.95 });
        let Some(target) = self.plan.target else {
            return not_computed(MeasureId::Metric(13), name, threshold, "no target date");
        };
        let Ok(cal) = self.plan.calendar.anchored(self.plan.start) else {
            return not_computed(MeasureId::Metric(13), name, threshold, "the calendar has no working days");
        };
        let from = self.plan.status_date.map_or(0, |d| cal.finish_limit(d).max(0));
        let remaining = self.s.makespan_days - from;
        if remaining <= 0 {
            return not_computed(MeasureId::Metric(13), name, threshold, "no critical path left to run (remaining length 0)");
        }
        let float = cal.finish_limit(target) - self.s.makespan_days;
        let items = self.s.critical_path.iter().map(|id| initiative(id)).collect();
        measure(MeasureId::Metric(13), name, threshold.op, threshold.value, remaining + float, remaining, items, "")
    }

    fn checks(&self, findings: &[Finding], options: Options) -> Vec<Measure> {
        let subjects = |codes: &[&str], severity: Option<Severity>| -> FxHashSet<&str> {
            findings
                .iter()
                .filter(|f| codes.contains(&f.code.as_str()) && severity.is_none_or(|s| f.severity == s))
                .map(|f| f.subject.as_str())
                .collect()
        };
        let plan = self.plan;
        let person = |owner: &str| crate::priorities::owner_is_a_person(plan, owner) && !crate::model::is_stand_in_owner(owner);
        let mut out = Vec::new();
        // Owned by a person, with a definition of done.
        let unowned: Vec<Item> =
            self.open.iter().filter(|i| !person(&i.owner) || i.done_when.trim().is_empty()).map(|i| initiative(&i.id)).collect();
        out.push(check("owner-and-done-when", "Owner and definition of done", unowned, self.open.len(), "no open work"));
        // Seams into open work owned and confirmed: no seam finding (a warning: between teams).
        let open_seams = subjects(&["unowned-handoff", "unconfirmed-handoff"], Some(Severity::Warning));
        let seams: Vec<Item> = self
            .into_open
            .iter()
            .map(|k| &plan.handoffs[*k])
            .filter(|h| open_seams.contains(h.id.as_str()))
            .map(|h| item(ItemKind::Handoff, &h.id))
            .collect();
        out.push(check("seams-owned", "Seams owned and confirmed", seams, self.into_open.len(), "no handoffs into open work"));
        out.push(self.capacity_check(options.capacity_weeks));
        // High risks owned by a person, mitigated and linked to work.
        let unmitigated = subjects(&["unmitigated-risk"], None);
        let unlinked = subjects(&["unlinked-risk"], None);
        let high: Vec<&crate::model::Risk> =
            plan.risks.iter().filter(|r| r.status != RiskStatus::Closed && crate::risk::score(r).band == crate::risk::Band::High).collect();
        let bare: Vec<Item> = high
            .iter()
            .filter(|r| !person(&r.owner) || unmitigated.contains(r.id.as_str()) || unlinked.contains(r.id.as_str()))
            .map(|r| item(ItemKind::Risk, &r.id))
            .collect();
        out.push(check("high-risks", "High risks owned, mitigated and linked", bare, high.len(), "no high risks"));
        // Updated within the review rhythm.
        let name = "Updated within the review rhythm";
        if plan.status_date.is_some() {
            let stale = subjects(&["not-updated"], None);
            let due = crate::review::due(plan, self.s);
            let items = due.iter().filter(|d| stale.contains(d.id.as_str())).map(|d| initiative(&d.id)).collect();
            out.push(check("review-rhythm", name, items, due.len(), "no work due for an update"));
        } else {
            out.push(not_computed(
                MeasureId::Check("review-rhythm".into()),
                name,
                Threshold { op: Op::Equal, value: 0.0 },
                "no status date",
            ));
        }
        // Priorities owned by a person.
        let not_a_person = subjects(&["priority-owner-not-a-person"], None);
        let items =
            plan.priorities.iter().filter(|p| not_a_person.contains(p.id.as_str())).map(|p| item(ItemKind::Priority, &p.id)).collect();
        out.push(check("priority-owners", "Priorities owned by a person", items, plan.priorities.len(), "no priorities"));
        out
    }

    /// No team over capacity in the `weeks` weeks from the status date (the plan's start
    /// without one): `capacity`'s weeks, on the plan's schedule.
    fn capacity_check(&self, weeks: u32) -> Measure {
        let (id, name) = ("capacity", "No team over capacity in the next weeks");
        let from = self.plan.status_date.unwrap_or(self.s.start_date);
        let to = from.checked_add_days(Days::new(7 * u64::from(weeks))).unwrap_or(NaiveDate::MAX);
        let runs = match crate::capacity::over_runs_on(self.plan, self.s) {
            Ok(r) => r,
            Err(e) => return not_computed(MeasureId::Check(id.into()), name, Threshold { op: Op::Equal, value: 0.0 }, &e.to_string()),
        };
        // A run counts when any day of its weeks falls in [from, to); the runs come in the
        // plan's order of teams.
        let mut over: Vec<Item> = Vec::new();
        for (team, first, last) in runs {
            if last + Days::new(7) > from && first < to && !over.iter().any(|x| x.id == team) {
                over.push(item(ItemKind::Team, team));
            }
        }
        check(id, name, over, self.plan.teams.len(), "no teams")
    }
}
