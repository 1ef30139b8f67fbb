//! Schedule health in the brief (issue 31): on page 1 the grade and what fails, in words; on
//! a later page the table of the DCMA 14 points and the ownership checks, each against its
//! threshold (`assessment`, docs/health.md).

use super::doc::{note, Doc};
use super::page::Font;
use super::style::{CRIT, GOOD, INK, MUTED};
use super::table::{table, Cell, Column};
use super::BriefError;
use crate::assessment::{HealthReport, Measure};
use crate::report::{grade_word, threshold_text, value_text};

fn failing(ms: &[Measure]) -> Vec<String> {
    ms.iter().filter(|m| m.pass == Some(false)).map(|m| m.name.to_lowercase()).collect()
}

/// Page 1's words, after the progress sentence: the grade and the failing metrics by name
/// ("Schedule health: red (leads and negative float fail)."); the checks only counted when
/// no metric fails. Short, as page 1 has little room.
pub(crate) fn short(r: &HealthReport) -> String {
    let (metrics, checks) = (failing(&r.metrics), failing(&r.checks));
    let why = match (metrics.as_slice(), checks.len()) {
        ([], 0) => String::new(),
        ([], n) => format!(" ({n} of {} ownership checks fail)", r.checks.len()),
        ([one], _) => format!(" ({one} fails)"),
        (many, _) => format!(" ({} fail)", many.join(", ")),
    };
    format!("Schedule health: {}{why}.", grade_word(r.grade))
}

/// The grade and everything that fails, in words, for the table's page.
fn sentence(r: &HealthReport) -> String {
    let (metrics, checks) = (failing(&r.metrics), failing(&r.checks));
    let mut s = format!("Schedule health is {}", grade_word(r.grade));
    if metrics.is_empty() && checks.is_empty() {
        s.push_str(": every DCMA metric and ownership check that can be computed passes.");
        return s;
    }
    let mut parts = Vec::new();
    if !metrics.is_empty() {
        parts.push(format!("{} of {} DCMA metrics fail ({})", metrics.len(), r.metrics.len(), metrics.join(", ")));
    }
    if !checks.is_empty() {
        let verb = if metrics.is_empty() { " fail" } else { "" };
        parts.push(format!("{} of {} ownership checks{verb} ({})", checks.len(), r.checks.len(), checks.join(", ")));
    }
    s.push_str(&format!(": {}.", parts.join(" and ")));
    s
}

fn rows(ms: &[Measure]) -> Vec<Vec<Cell>> {
    ms.iter()
        .map(|m| {
            let (verdict, font) = match m.pass {
                Some(true) => ("pass", Font::regular(8.6, GOOD)),
                Some(false) => ("fail", Font::bold(8.6, CRIT)),
                None => ("n/a", Font::regular(8.6, MUTED)),
            };
            let id = match &m.id {
                crate::assessment::MeasureId::Metric(n) => n.to_string(),
                crate::assessment::MeasureId::Check(_) => String::new(),
            };
            let count = if m.value.is_some() { format!("{} / {}", m.numerator, m.denominator) } else { String::new() };
            vec![
                Cell::new(id),
                Cell::new(m.name.clone()).font(Font::regular(8.6, INK)),
                Cell::new(verdict).font(font),
                Cell::new(count),
                Cell::new(value_text(m)),
                Cell::new(threshold_text(m)),
                Cell::new(m.reason.clone().unwrap_or_default()),
            ]
        })
        .collect()
}

fn columns() -> [Column; 7] {
    [
        Column::new("#", 0.04),
        Column::new("Measure", 0.27).lines(2),
        Column::new("Result", 0.08),
        Column::new("Count", 0.11).right(),
        Column::new("Value", 0.11).right(),
        Column::new("Threshold", 0.16),
        Column::new("Not computed because", 0.23).lines(2),
    ]
}

/// The page of the table: the metrics, then the checks, then the grade's rule.
pub(crate) fn page(doc: &mut Doc, r: &HealthReport) -> Result<(), BriefError> {
    doc.section("Schedule health", false)?;
    note(doc, &sentence(r))?;
    table(doc, &columns(), &rows(&r.metrics))?;
    doc.section_here("Ownership checks", 120.0)?;
    table(doc, &columns(), &rows(&r.checks))?;
    note(
        doc,
        "Red when metric 2 (leads), 7 (negative float), 9 (invalid dates) or 12 (critical path test) fails, or more than 3 metrics \
         fail; amber when any metric or check fails. Open work is work not done and not deferred; the definitions are in \
         docs/health.md, and `bridger health` lists what each counts.",
    )?;
    Ok(())
}
