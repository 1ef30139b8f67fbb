//! Plain-text reports for the terminal: what `bridger check` and `bridger schedule` print.
//!
//! Kept apart from the CLI so the text is snapshot-tested like any other output.

use std::fmt::Write;

use crate::health::{Finding, Report, Severity};
use crate::model::Plan;
use crate::schedule::Schedule;

pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        format!("{text:<width$}")
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn counts(findings: &[Finding]) -> String {
    let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let warnings = n(Severity::Warning);
    let plural = if warnings == 1 { "" } else { "s" };
    format!("{} critical, {warnings} warning{plural}, {} info", n(Severity::Critical), n(Severity::Info))
}

/// `bridger check`: errors first (each names the thing), then findings by severity.
pub fn check_text(what: &str, report: &Report) -> String {
    let mut out = String::new();
    let errors = report.errors.len();
    let _ = writeln!(
        out,
        "{what}: {}, {}",
        if errors == 1 { "1 error".to_string() } else { format!("{errors} errors") },
        counts(&report.findings)
    );
    for e in &report.errors {
        let _ = writeln!(out, "error     {}", e.message);
    }
    for f in &report.findings {
        let _ = writeln!(out, "{:<9} {:<22} {}  [{}]", severity_word(f.severity), f.code, f.message, f.subject);
    }
    out
}

/// `bridger schedule`: the plan's dates, in the order the work runs.
pub fn schedule_text(plan: &Plan, s: &Schedule, findings: &[Finding]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", plan.name);
    let _ = writeln!(
        out,
        "start {}   finish {}   {} working days   {} critical initiatives",
        s.start_date,
        s.finish_date,
        s.makespan_days,
        s.critical_path.len()
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<24} {:<40} {:<20} {:<10}  {:<10}  {:>5}", "ID", "INITIATIVE", "TEAM", "START", "FINISH", "FLOAT");
    for r in &s.initiatives {
        let team = r.team.as_deref().and_then(|t| plan.team(t)).map(|t| t.name.as_str()).unwrap_or("-");
        let mark = if r.total_float < 0 {
            "  late"
        } else if r.critical {
            "  critical"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{} {} {} {}  {}  {:>5}{mark}",
            fit(&r.id, 24),
            fit(&r.name, 40),
            fit(team, 20),
            r.start_date,
            r.finish_date,
            r.total_float
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "findings: {} (bridger check lists them)", counts(findings));
    out
}
