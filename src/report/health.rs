//! What `bridger health` prints: one line per metric and per check, against its threshold,
//! with a short reason and the first few of what it counts, by name; then the grade.

use std::fmt::Write;

use super::escape;
use crate::assessment::{Grade, HealthReport, ItemKind, Measure, MeasureId, Op};
use crate::model::Plan;

/// How many of a measure's items its line names.
const NAMED: usize = 3;

/// The characters of a name a line shows (a handoff's: twice this).
const NAME_WIDTH: usize = 36;

/// A name escaped for the terminal, cut to `width` characters with an ellipsis.
fn short(name: &str, width: usize) -> String {
    let text = escape(name);
    if text.chars().count() <= width {
        return text.into_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

/// The grade as people read it.
pub fn grade_word(g: Grade) -> &'static str {
    match g {
        Grade::Green => "green",
        Grade::Amber => "amber",
        Grade::Red => "red",
    }
}

/// The line `bridger check` adds: the grade and how many metrics and checks fail.
pub fn grade_line(report: &HealthReport) -> String {
    let failing = |ms: &[Measure]| ms.iter().filter(|m| m.pass == Some(false)).count();
    format!(
        "schedule health: {} ({} of {} metrics and {} of {} checks fail; bridger health for the table)",
        grade_word(report.grade),
        failing(&report.metrics),
        report.metrics.len(),
        failing(&report.checks),
        report.checks.len()
    )
}

fn percent(v: f64) -> String {
    let p = v * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0}%", p)
    } else {
        format!("{:.1}%", p)
    }
}

/// The threshold as a line shows it: "<= 5%", "= 0", ">= 0.95" (the brief's table too).
pub fn threshold_text(m: &Measure) -> String {
    let op = match m.threshold.op {
        Op::AtMost => "<=",
        Op::AtLeast => ">=",
        Op::Equal => "=",
    };
    let value = match m.id {
        MeasureId::Metric(12) => "600 working days".to_string(),
        MeasureId::Metric(13 | 14) => format!("{:.2}", m.threshold.value),
        _ if m.threshold.value == 0.0 => "0".to_string(),
        _ => percent(m.threshold.value),
    };
    format!("{op} {value}")
}

/// The measure's value as its line shows it (the brief's table too).
pub fn value_text(m: &Measure) -> String {
    match (m.id.clone(), m.value) {
        (_, None) => "-".to_string(),
        (MeasureId::Metric(12), Some(_)) => format!("moved {}", m.numerator),
        (MeasureId::Metric(13 | 14), Some(v)) => format!("{v:.2}"),
        (_, Some(v)) => percent(v),
    }
}

fn name_of<'a>(plan: &'a Plan, kind: ItemKind, id: &'a str) -> &'a str {
    let found = match kind {
        ItemKind::Initiative => plan.initiative(id).map(|i| i.name.as_str()),
        ItemKind::Handoff => plan.handoffs.iter().find(|h| h.id == id).map(|h| h.id.as_str()),
        ItemKind::Team => plan.team(id).map(|t| t.name.as_str()),
        ItemKind::Risk => plan.risks.iter().find(|r| r.id == id).map(|r| r.title.as_str()),
        ItemKind::Priority => plan.priorities.iter().find(|p| p.id == id).map(|p| p.name.as_str()),
    };
    found.unwrap_or(id)
}

/// A handoff by the names of its ends.
fn handoff_name(plan: &Plan, id: &str) -> String {
    match plan.handoffs.iter().find(|h| h.id == id) {
        Some(h) => {
            let end = |x: &str| plan.initiative(x).map_or(x.to_string(), |i| i.name.clone());
            format!("{} → {}", end(&h.from), end(&h.to))
        }
        None => id.to_string(),
    }
}

fn line(out: &mut String, plan: &Plan, m: &Measure) {
    let id = match &m.id {
        MeasureId::Metric(n) => format!("{n:>2}"),
        MeasureId::Check(_) => " -".to_string(),
    };
    let verdict = match m.pass {
        Some(true) => "pass",
        Some(false) => "FAIL",
        None => "n/a",
    };
    let counts = if m.value.is_some() { format!("{}/{}", m.numerator, m.denominator) } else { String::new() };
    let _ = write!(out, "{id} {:<42} {:<4} {:>11} {:>9}  {:<9}", m.name, verdict, counts, value_text(m), threshold_text(m));
    if let Some(reason) = &m.reason {
        let _ = write!(out, "  {reason}");
    } else if !m.items.is_empty() && m.pass != Some(true) {
        let names: Vec<String> = m
            .items
            .iter()
            .take(NAMED)
            .map(|x| match x.kind {
                ItemKind::Handoff => short(&handoff_name(plan, &x.id), 2 * NAME_WIDTH),
                k => short(name_of(plan, k, &x.id), NAME_WIDTH),
            })
            .collect();
        let more = if m.items.len() > NAMED { format!(" and {} more", m.items.len() - NAMED) } else { String::new() };
        let _ = write!(out, "  {}{more}", names.join("; "));
    }
    out.push('\n');
}

/// `bridger health`: the metrics, the checks and the grade.
pub fn health_text(file: &str, plan: &Plan, report: &HealthReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: schedule health {}", escape(file), grade_word(report.grade).to_uppercase());
    let _ = writeln!(out, "\nDCMA 14-point assessment");
    for m in &report.metrics {
        line(&mut out, plan, m);
    }
    let _ = writeln!(out, "\nOwnership checks");
    for m in &report.checks {
        line(&mut out, plan, m);
    }
    let _ = writeln!(
        out,
        "\nRed when metric 2, 7, 9 or 12 fails or more than 3 metrics fail; amber when any metric or check fails (docs/health.md)."
    );
    out
}
