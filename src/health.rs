//! Execution health: what a program manager should look at, computed from the plan.
//!
//! Findings are not errors. A plan with an unowned handoff still schedules; the finding is
//! how Bridger says "nobody owns this seam". Errors (from `model::validate` and cycles) are
//! what make the schedule meaningless; `check` returns both so one call answers "can I trust
//! this plan, and what is wrong with it".

use rustc_hash::FxHashMap;
use serde::Serialize;
use ts_rs::TS;

pub use crate::findings::{Finding, Severity};
use crate::graph;
use crate::model::{leveling_fingerprint, validate, Handoff, Initiative, Plan, RiskStatus, Status, ValidationError};
use crate::schedule::{schedule, Schedule};

/// One validation error as a client shows it: the sentence for people, the typed error
/// (its `code` and the ids it names) for programs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanError {
    pub message: String,
    #[serde(flatten)]
    pub error: ValidationError,
}

impl From<ValidationError> for PlanError {
    fn from(error: ValidationError) -> PlanError {
        PlanError { message: error.to_string(), error }
    }
}

/// Errors and findings of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Report {
    pub errors: Vec<PlanError>,
    pub findings: Vec<Finding>,
}

/// A risk at or above this score (probability level x impact, 1-25, `risk::score`) without
/// a mitigation is a finding: the top of the medium band and the whole high band (10 is
/// where 2.0 stood on the earlier 0-5 scale).
pub const HIGH_RISK_SCORE: i32 = 10;

/// How many cycles `check` names; past them it says how many more there are.
pub const CYCLES_NAMED: usize = 10;

/// What makes a plan meaningless: validation errors, then every cycle (up to
/// [`CYCLES_NAMED`], then a count of the others).
pub fn errors(plan: &Plan) -> Vec<ValidationError> {
    let mut errors = validate(plan);
    let cycles = graph::find_cycles(plan, CYCLES_NAMED);
    errors.extend(cycles.named.into_iter().map(|members| ValidationError::Cycle { members }));
    if cycles.more > 0 {
        errors.push(ValidationError::MoreCycles { count: cycles.more });
    }
    errors
}

/// Validation errors, cycles, and every finding that can be computed.
pub fn check(plan: &Plan) -> Report {
    let errors = errors(plan);
    let sched = if errors.is_empty() { schedule(plan).ok() } else { None };
    report(plan, errors, sched.as_ref())
}

/// The report of a plan whose errors and schedule the caller already has.
pub fn report(plan: &Plan, errors: Vec<ValidationError>, sched: Option<&Schedule>) -> Report {
    Report { errors: errors.into_iter().map(PlanError::from).collect(), findings: findings(plan, sched) }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 working day".to_string()
    } else {
        format!("{n} working days")
    }
}

/// Where the rules put what they find: the findings themselves, or only their counts
/// (their messages then are never written).
trait Sink {
    /// Only the counts are kept: a rule may count what it finds without writing it.
    const COUNTS_ONLY: bool;
    fn push(&mut self, severity: Severity, code: &str, subject: &str, message: impl FnOnce() -> String);
}

/// Findings by severity (critical, warning, info), each list in the order found.
#[derive(Default)]
struct Found([Vec<Finding>; 3]);

impl Sink for Found {
    const COUNTS_ONLY: bool = false;
    fn push(&mut self, severity: Severity, code: &str, subject: &str, message: impl FnOnce() -> String) {
        let list = &mut self.0[severity as usize];
        list.push(Finding { severity, code: code.to_string(), subject: subject.to_string(), message: message() });
    }
}

impl Found {
    /// Critical first, then warnings, then the rest: the order every reader shows.
    fn into_list(self) -> Vec<Finding> {
        let [mut critical, warning, info] = self.0;
        critical.reserve_exact(warning.len() + info.len());
        critical.extend(warning);
        critical.extend(info);
        critical
    }
}

/// How many findings of each severity a plan has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub critical: usize,
    pub warning: usize,
    pub info: usize,
}

impl Sink for Counts {
    const COUNTS_ONLY: bool = true;
    fn push(&mut self, severity: Severity, _: &str, _: &str, _: impl FnOnce() -> String) {
        match severity {
            Severity::Blocker => self.critical += 1,
            Severity::Warning => self.warning += 1,
            Severity::Note => self.info += 1,
        }
    }
}

/// The number of findings of each severity, as `findings` would list them, without
/// writing one message: for a summary line (`bridger schedule` prints only the counts).
pub fn counts(plan: &Plan, sched: Option<&Schedule>) -> Counts {
    let mut out = Counts::default();
    find(plan, sched, &mut out);
    out
}

/// A handoff as a message shows it: `giver → receiver`, by their names.
struct Seam<'a>(&'a str, &'a str);

impl std::fmt::Display for Seam<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} → {}", self.0, self.1)
    }
}

/// An initiative's name, or its id when there is no such initiative.
fn name_of<'a>(names: &FxHashMap<&'a str, &'a Initiative>, id: &'a str) -> &'a str {
    names.get(id).map_or(id, |i| i.name.as_str())
}

/// One end of a handoff as a message about a missed due date shows it: the initiative's
/// name and its team's (the two teams are who have to talk).
struct Party<'a>(&'a str, Option<&'a str>);

impl std::fmt::Display for Party<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.1 {
            Some(team) => write!(f, "'{}' ({team})", self.0),
            None => write!(f, "'{}' (no team)", self.0),
        }
    }
}

/// Findings of a plan; those that need dates are computed when a schedule is given.
pub fn findings(plan: &Plan, sched: Option<&Schedule>) -> Vec<Finding> {
    let mut out = Found::default();
    find(plan, sched, &mut out);
    out.into_list()
}

/// The rules, each written once, for both sinks.
fn find<'p, O: Sink>(plan: &'p Plan, sched: Option<&Schedule>, out: &mut O) {
    // Names are looked up only to write messages: the map is built on the first one.
    let names = std::cell::OnceCell::new();
    let names = || {
        names.get_or_init(|| {
            let mut names: FxHashMap<&'p str, &'p Initiative> = FxHashMap::default();
            names.reserve(plan.initiatives.len());
            for i in &plan.initiatives {
                names.entry(i.id.as_str()).or_insert(i);
            }
            names
        })
    };
    let seam = |h: &'p Handoff| -> Seam<'p> { Seam(name_of(names(), &h.from), name_of(names(), &h.to)) };
    let party = |id: &'p str| -> Party<'p> {
        let team = names().get(id).and_then(|i| i.team.as_deref());
        let team = team.map(|t| plan.teams.iter().find(|x| x.id == t).map_or(t, |x| x.name.as_str()));
        Party(name_of(names(), id), team)
    };
    let deferred = |id: &str| names().get(id).is_some_and(|i| i.is_deferred());
    if let Some(s) = sched {
        let any_pin = plan.initiatives.iter().any(Initiative::is_pinned);
        for si in &s.initiatives {
            // Missed: the deadline's own initiative ends after it. Work upstream of it
            // inherits the negative float; that is a separate, lesser finding.
            match (si.deadline, si.deadline_slack) {
                (Some(d), Some(slack)) if slack < 0 => out.push(Severity::Blocker, "missed-deadline", &si.id, || {
                    format!("'{}' misses its deadline (finish no later than {d}) by {}", si.name, days(-slack))
                }),
                _ if si.total_float < 0 => out.push(Severity::Warning, "drives-missed-deadline", &si.id, || {
                    let what = if any_pin { "a missed deadline or a pinned date" } else { "a missed deadline" };
                    format!("'{}' is {} behind: it holds up {what} downstream", si.name, days(-si.total_float))
                }),
                _ => {}
            }
        }
        // A handoff delivered after the date its receiving team needs it: like a missed
        // deadline, on the early dates (the rows are in the plan's order of handoffs).
        for (h, r) in plan.handoffs.iter().zip(&s.handoffs) {
            // A handoff touching deferred work binds nothing (the schedule ignores it).
            if r.met && (deferred(&h.from) || deferred(&h.to)) {
                continue;
            }
            // Pinned work that starts before a handoff into it allows: the pin holds, the
            // handoff is broken (docs/scheduling.md, "Pinned dates").
            if r.relationship_float < 0 && !r.met {
                out.push(Severity::Warning, "pinned-handoff-violated", &h.id, || {
                    let pin = names().get(h.to.as_str()).and_then(|i| i.pinned);
                    let what = pin.map_or_else(String::new, |p| format!(" (pinned {} {})", crate::words::pin_at(p.at), p.date));
                    format!(
                        "'{}'{what} starts {} before the handoff {} → {} allows: the pin holds, the handoff is not met",
                        name_of(names(), &h.to),
                        days(-r.relationship_float),
                        party(&h.from),
                        party(&h.to)
                    )
                });
            }
            if let (Some(due), Some(slack)) = (r.due, r.due_slack) {
                if slack < 0 {
                    out.push(Severity::Blocker, "handoff-due-missed", &h.id, || {
                        format!("the handoff {} → {} is due {due} and arrives {} late", party(&h.from), party(&h.to), days(-slack))
                    });
                }
            }
        }
    }
    // A seam is a handoff between two teams, or one with an end that has no team: there,
    // nobody owning it or nobody confirming it is a warning. Inside one team the team's own
    // lead settles it, so it is at most a note. A handoff both unowned and unconfirmed is one
    // finding, `unowned-handoff` (an owner is the first thing it needs; the message says
    // both, and the brief reads the handoff's own fields, not the code).
    let team_of = |id: &str| names().get(id).and_then(|i| i.team.as_deref());
    for h in &plan.handoffs {
        let unowned = h.owner.trim().is_empty();
        let no_assumption = h.assumption.trim().is_empty();
        if !unowned && !no_assumption && h.confirmed {
            continue;
        }
        let unconfirmed = !no_assumption && !h.confirmed;
        // Whose seam it is matters only to these two (a handoff that states no assumption,
        // the one case left, is a note wherever it is).
        let severity = || {
            let inside_one_team = matches!((team_of(&h.from), team_of(&h.to)), (Some(a), Some(b)) if a == b);
            if inside_one_team {
                Severity::Note
            } else {
                Severity::Warning
            }
        };
        if unowned {
            out.push(severity(), "unowned-handoff", &h.id, || {
                if unconfirmed {
                    format!("nobody owns the handoff {}, and the receiving side has not confirmed it: \"{}\"", seam(h), h.assumption)
                } else {
                    format!("nobody owns the handoff {}", seam(h))
                }
            });
        } else if unconfirmed {
            out.push(severity(), "unconfirmed-handoff", &h.id, || {
                format!("the receiving side has not confirmed the handoff {}: \"{}\"", seam(h), h.assumption)
            });
        }
        if no_assumption {
            out.push(Severity::Note, "no-assumption", &h.id, || format!("the handoff {} states no assumption", seam(h)));
        }
    }
    for i in &plan.initiatives {
        if i.team.is_none() {
            out.push(Severity::Note, "no-team", &i.id, || format!("'{}' is not assigned to a team", i.name));
        }
        if i.has_stand_in_owner() {
            out.push(Severity::Warning, "no-owner", &i.id, || {
                format!(
                    "'{}' has no owner: \"{}\" stands in for the person MS Project did not name; name who is accountable",
                    i.name, i.owner
                )
            });
        }
        if i.effort_is_assumed() && !plan.teams.is_empty() {
            out.push(Severity::Note, "effort-assumed", &i.id, || {
                let team = i.team.as_deref().and_then(|t| plan.team(t)).map_or("its team", |t| t.name.as_str());
                format!(
                    "'{}' states no effort: counted as one person of {} on each of its {}",
                    i.name,
                    team,
                    crate::words::working_days(i64::from(i.duration.likely))
                )
            });
        }
    }
    // An accepted leveling was computed on other durations, handoffs, effort, capacity or
    // progress than the plan has now. Hashed only when there is a leveling to judge.
    if let Some(basis) = &plan.leveling_basis {
        if *basis != leveling_fingerprint(plan) {
            out.push(Severity::Warning, "leveling-stale", "plan", || {
                "the accepted leveling no longer fits the plan: durations, handoffs, effort, capacity or progress changed since; level again, or clear the leveling delays".to_string()
            });
        }
    }
    // Teams asked more than their capacity in some weeks, on the schedule's early dates.
    if let Some(s) = sched {
        if O::COUNTS_ONLY {
            // Each an `over-allocated` warning (`capacity::findings_on`), counted unwritten.
            for _ in 0..crate::capacity::count_on(plan, s).unwrap_or_default() {
                out.push(Severity::Warning, "over-allocated", "", String::new);
            }
        } else {
            for f in crate::capacity::findings_on(plan, s).unwrap_or_default() {
                out.push(f.severity, &f.code, &f.subject, || f.message.clone());
            }
        }
    }
    if let Some(d) = plan.status_date {
        progress_findings(plan, d, out);
        if let Some(s) = sched {
            review_findings(plan, s, d, out);
        }
    }
    for r in &plan.risks {
        if r.status == RiskStatus::Closed {
            continue;
        }
        let score = crate::risk::score(r).score;
        if score >= HIGH_RISK_SCORE && r.mitigation.trim().is_empty() {
            out.push(Severity::Warning, "unmitigated-risk", &r.id, || {
                format!("risk '{}' scores {score} of 25 and has no mitigation", r.title)
            });
        }
        if r.initiatives.is_empty() {
            out.push(Severity::Note, "unlinked-risk", &r.id, || format!("risk '{}' is linked to no initiative", r.title));
        }
    }
    rollout_findings(plan, out);
    // Strategic priorities and deferral (`crate::priorities`).
    if !plan.priorities.is_empty() || plan.initiatives.iter().any(Initiative::is_deferred) {
        for f in crate::priorities::findings(plan, sched) {
            out.push(f.severity, &f.code, &f.subject, || f.message.clone());
        }
    }
    // Sites unlike their wave (`sites`); a slip needs the baseline of record, which the
    // plan file keeps: `api::sites::record_findings` adds those.
    if let Some(s) = sched.filter(|_| !plan.sites.is_empty()) {
        for f in crate::sites::findings(&crate::sites::rows(plan, s, &crate::sites::Context::default())) {
            out.push(f.severity, &f.code, &f.subject, || f.message.clone());
        }
    }
}

/// A rollout's imperfections (docs/plan-format.md, "Rollouts"): an instance whose owner role
/// its site does not fill, and work whose wave is not its site's wave.
fn rollout_findings(plan: &Plan, out: &mut impl Sink) {
    // Crews counted for a wave the plan does not have (a misspelled or removed wave).
    for t in &plan.templates {
        for c in &t.chains {
            for wave in c.wave_crews.keys().filter(|w| plan.wave(w).is_none()) {
                out.push(Severity::Warning, "crews-of-no-wave", &t.id, || {
                    format!(
                        "template '{}' counts {} crew(s) of step '{}' in wave '{wave}', which the plan does not have; every wave gets {}",
                        t.name, c.wave_crews[wave], c.step, c.crews
                    )
                });
            }
        }
    }
    if plan.sites.is_empty() {
        return;
    }
    let sites: FxHashMap<&str, &crate::model::Site> = plan.sites.iter().map(|s| (s.id.as_str(), s)).collect();
    for i in &plan.initiatives {
        let Some(site) = i.site.as_deref().and_then(|s| sites.get(s)) else { continue };
        if let Some(x) = &i.instance {
            let step = plan.template(&x.template).and_then(|t| t.step(&x.step));
            if let Some(step) = step.filter(|st| crate::rollout::role_unfilled(st, site)) {
                // A crew's lead may own the step in place of the role (a chain's `leads`).
                if !i.overrides.iter().any(|o| o == "owner") && step.role.as_deref() == Some(i.owner.as_str()) {
                    out.push(Severity::Warning, "unfilled-role", &i.id, || {
                        format!(
                            "'{}' is owned by the role '{}', which site '{}' ({}) does not fill; name the person in the site's roles",
                            i.name,
                            step.role.as_deref().unwrap_or_default(),
                            site.id,
                            site.name
                        )
                    });
                }
            }
        }
        if i.wave != site.wave {
            out.push(Severity::Warning, "wave-differs-from-site", &i.id, || {
                let wave = |w: &Option<String>| w.as_deref().map_or("no wave".to_string(), |w| format!("wave '{w}'"));
                format!("'{}' is in {}, but its site '{}' is in {}", i.name, wave(&i.wave), site.id, wave(&site.wave))
            });
        }
    }
}

/// What a status date asks of each initiative's actual dates (docs/scheduling.md,
/// "Progress"): dates that agree with its status and lie on or before the status date.
/// Work whose status says it started or finished without its dates is scheduled as if
/// nothing had started, so a note asks for them.
fn progress_findings(plan: &Plan, status_date: chrono::NaiveDate, out: &mut impl Sink) {
    for i in &plan.initiatives {
        for (what, date) in [("started", i.actual_start), ("finished", i.actual_finish)] {
            if let Some(date) = date.filter(|x| *x > status_date) {
                out.push(Severity::Warning, "actual-after-status-date", &i.id, || {
                    format!("'{}' {what} on {date} by its actual dates, after the status date {status_date}; progress is true at the end of the status date", i.name)
                });
            }
        }
        let done = i.status == Status::Done;
        let started = !done && i.progress > 0.0;
        if done && i.actual_finish.is_none() {
            out.push(Severity::Note, "done-without-actual-finish", &i.id, || {
                format!(
                    "'{}' is done but has no actual finish: give the day it finished (until then it is scheduled as without a status date)",
                    i.name
                )
            });
        }
        if started && i.actual_start.is_none() {
            out.push(Severity::Note, "started-without-actual-start", &i.id, || {
                format!(
                    "'{}' has progress but no actual start: give the day it started (until then it is scheduled as without a status date)",
                    i.name
                )
            });
        }
        if i.actual_finish.is_some() && !done {
            out.push(Severity::Warning, "actual-finish-not-done", &i.id, || {
                format!(
                    "'{}' has an actual finish but its status is {}: set it to done, or clear the finish",
                    i.name,
                    crate::words::status(i.status)
                )
            });
        }
        if i.actual_start.is_some() && i.status == Status::NotStarted {
            out.push(Severity::Warning, "actual-start-not-started", &i.id, || {
                format!("'{}' has an actual start but its status is not started: set its status, or clear the start", i.name)
            });
        }
    }
}

/// The review rhythm's finding: work due for an update (`review::due`) whose owner has not
/// said where it stands within one rhythm. Leaders learn of a slip at the review after it
/// happened, not two later.
fn review_findings(plan: &Plan, s: &Schedule, status_date: chrono::NaiveDate, out: &mut impl Sink) {
    for item in crate::review::due(plan, s) {
        if !item.stale {
            continue;
        }
        let Some(i) = plan.initiative(&item.id) else { continue };
        out.push(Severity::Warning, "not-updated", &i.id, || {
            let why = match item.why {
                crate::review::Why::InProgress => "is under way",
                crate::review::Why::DueToStart => "is due to start",
                crate::review::Why::DueToFinish => "is due to finish",
            };
            let since = match item.last_update {
                Some(d) => format!("has not said where it stands since {d}"),
                None => "has never said where it stands".to_string(),
            };
            let owner = if i.owner.trim().is_empty() { "its owner".to_string() } else { i.owner.clone() };
            format!(
                "'{}' {why} around the status date {status_date} and {since}; the plan is reviewed every {}: {owner} updates it, or confirms it is still true",
                i.name,
                crate::words::count(plan.review_every_days.max(1) as usize, "day", "days")
            )
        });
    }
}
