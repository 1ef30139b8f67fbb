//! Execution health: what a program manager should look at, computed from the plan.
//!
//! Findings are not errors. A plan with an unowned handoff still schedules; the finding is
//! how Bridger says "nobody owns this seam". Errors (from `model::validate` and cycles) are
//! what make the schedule meaningless; `check` returns both so one call answers "can I trust
//! this plan, and what is wrong with it".

use serde::Serialize;
use ts_rs::TS;

use crate::graph;
use crate::model::{validate, Plan, RiskStatus, ValidationError};
use crate::schedule::{schedule, Schedule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    Warning,
    Info,
}

/// One thing worth a look, about one subject (an initiative, a handoff or a risk id).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Finding {
    pub severity: Severity,
    /// Stable code, kebab-case: what the UI and scripts branch on.
    pub code: String,
    pub subject: String,
    pub message: String,
}

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

/// A risk at or above this score (P x I, 0-5) without a mitigation is a finding.
pub const HIGH_RISK_SCORE: f64 = 2.0;

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

fn push(out: &mut Vec<Finding>, severity: Severity, code: &str, subject: &str, message: String) {
    out.push(Finding { severity, code: code.to_string(), subject: subject.to_string(), message });
}

/// Findings of a plan; those that need dates are computed when a schedule is given.
pub fn findings(plan: &Plan, sched: Option<&Schedule>) -> Vec<Finding> {
    let mut out = Vec::new();
    let names: std::collections::HashMap<&str, &str> = plan.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str())).collect();
    let name = |id: &str| names.get(id).copied().unwrap_or(id).to_string();
    if let Some(s) = sched {
        for si in &s.initiatives {
            // Missed: the deadline's own initiative ends after it. Work upstream of it
            // inherits the negative float; that is a separate, lesser finding.
            match (si.deadline, si.deadline_slack) {
                (Some(d), Some(slack)) if slack < 0 => push(
                    &mut out,
                    Severity::Critical,
                    "missed-deadline",
                    &si.id,
                    format!("'{}' misses its deadline (finish no later than {d}) by {}", si.name, days(-slack)),
                ),
                _ if si.total_float < 0 => push(
                    &mut out,
                    Severity::Warning,
                    "drives-missed-deadline",
                    &si.id,
                    format!("'{}' is {} behind: it holds up a missed deadline downstream", si.name, days(-si.total_float)),
                ),
                _ => {}
            }
        }
    }
    for h in &plan.handoffs {
        let seam = format!("{} → {}", name(&h.from), name(&h.to));
        if h.owner.trim().is_empty() {
            push(&mut out, Severity::Warning, "unowned-handoff", &h.id, format!("nobody owns the handoff {seam}"));
        }
        if h.assumption.trim().is_empty() {
            push(&mut out, Severity::Info, "no-assumption", &h.id, format!("the handoff {seam} states no assumption"));
        } else if !h.confirmed {
            push(
                &mut out,
                Severity::Warning,
                "unconfirmed-handoff",
                &h.id,
                format!("the receiving side has not confirmed the handoff {seam}: \"{}\"", h.assumption),
            );
        }
    }
    for i in &plan.initiatives {
        if i.team.is_none() {
            push(&mut out, Severity::Info, "no-team", &i.id, format!("'{}' is not assigned to a team", i.name));
        }
    }
    for r in &plan.risks {
        if r.status == RiskStatus::Closed {
            continue;
        }
        if r.score() >= HIGH_RISK_SCORE && r.mitigation.trim().is_empty() {
            push(
                &mut out,
                Severity::Warning,
                "unmitigated-risk",
                &r.id,
                format!("risk '{}' scores {:.1} and has no mitigation", r.title, r.score()),
            );
        }
        if r.initiatives.is_empty() {
            push(&mut out, Severity::Info, "unlinked-risk", &r.id, format!("risk '{}' is linked to no initiative", r.title));
        }
    }
    out.sort_by(|a, b| a.severity.cmp(&b.severity));
    out
}
