//! Appendix tables, the evidence behind page 1: the critical path in the order the work
//! runs, every handoff nobody owns or confirmed, and every decision needed with who must
//! act. Long lists are cut at a few hundred rows and the rest counted (the CLI's `check`
//! and `schedule` list everything).

use super::doc::note;
use super::doc::{short_date, Doc};
use super::facts::Facts;
use super::page::Font;
use super::style::{self, CRIT, WARN};
use super::table::{table, Cell, Column};
use super::BriefError;
use crate::health::Severity;

const ROWS: usize = 250;

pub(crate) fn pages(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    critical_path(doc, facts)?;
    seams(doc, facts)?;
    sites(doc, facts)?;
    decisions(doc, facts)
}

/// The sites `health` flags as unlike their wave (`crate::sites`), with the reason in words;
/// nothing for a plan without sites.
fn sites(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    let plan = facts.plan;
    if plan.sites.is_empty() {
        return Ok(());
    }
    doc.section_here("Sites unlike their wave", 80.0)?;
    let flagged: Vec<&crate::health::Finding> = facts.findings.iter().filter(|f| f.code.starts_with("site-")).collect();
    if flagged.is_empty() {
        return note(doc, "Every site's work, blocked work, open risks and overrides are within its wave's norm.");
    }
    note(doc, "Measured on each site itself against the other sites of its wave (median + the larger of a margin and 1.5 x IQR).")?;
    let rows: Vec<Vec<Cell>> = flagged
        .iter()
        .take(ROWS)
        .map(|f| {
            let site = plan.site(&f.subject);
            let wave = site.and_then(|s| s.wave.as_deref()).and_then(|w| plan.wave(w)).map_or("", |w| w.name.as_str());
            let tone = if f.severity == Severity::Note { Font::regular(8.6, style::INK) } else { Font::bold(8.6, WARN) };
            vec![
                Cell::new(site.map_or(f.subject.as_str(), |s| s.name.as_str()).to_string()).font(tone),
                Cell::new(wave.to_string()),
                Cell::new(site.and_then(|s| s.region.clone()).unwrap_or_default()),
                Cell::new(f.message.clone()),
            ]
        })
        .collect();
    table(
        doc,
        &[Column::new("Site", 0.2).lines(2), Column::new("Wave", 0.14), Column::new("Region", 0.12), Column::new("Why", 0.54).lines(3)],
        &rows,
    )?;
    more(doc, flagged.len(), "site flags", "bridger sites")
}

fn more(doc: &mut Doc, total: usize, what: &str, command: &str) -> Result<(), BriefError> {
    if total > ROWS {
        note(doc, &format!("{} more {what} are not listed here (`{command}` lists them all).", total - ROWS))?;
    }
    Ok(())
}

fn critical_path(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    doc.section("Appendix: the critical path", false)?;
    let critical: Vec<_> = facts.schedule.initiatives.iter().filter(|s| s.critical).collect();
    if critical.is_empty() {
        return note(doc, "No initiative is critical.");
    }
    note(
        doc,
        &format!("{} initiatives with no float, in the order the work runs. A delay to any of them moves the finish.", critical.len()),
    )?;
    let rows: Vec<Vec<Cell>> = critical
        .iter()
        .take(ROWS)
        .map(|s| {
            let float = if s.total_float < 0 {
                Cell::new(format!("{} d", s.total_float)).font(Font::bold(8.6, CRIT))
            } else {
                Cell::new(format!("{} d", s.total_float))
            };
            vec![
                Cell::new(s.name.clone()),
                Cell::new(facts.team_name(s.team.as_deref()).to_string()),
                Cell::new(s.owner.clone()),
                Cell::new(short_date(s.start_date)),
                Cell::new(short_date(s.finish_date)),
                float,
            ]
        })
        .collect();
    let columns = [
        Column::new("Initiative", 0.36).lines(2),
        Column::new("Team", 0.17),
        Column::new("Owner", 0.15),
        Column::new("Start", 0.12),
        Column::new("Finish", 0.12),
        Column::new("Float", 0.08).right(),
    ];
    table(doc, &columns, &rows)?;
    more(doc, critical.len(), "critical initiatives", "bridger schedule")
}

fn seams(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    doc.section_here("Appendix: handoffs nobody owns or confirmed", 80.0)?;
    if facts.seams.is_empty() {
        return note(doc, "Every handoff has an owner and a confirmed assumption.");
    }
    let rows: Vec<Vec<Cell>> = facts
        .seams
        .iter()
        .take(ROWS)
        .map(|s| {
            let h = s.handoff;
            let owner = if s.unowned { Cell::new("nobody").font(Font::bold(8.6, CRIT)) } else { Cell::new(h.owner.clone()) };
            let assumption = if h.assumption.trim().is_empty() { "(no assumption stated)".to_string() } else { h.assumption.clone() };
            vec![
                Cell::new(format!("{} → {}", facts.name(&h.from), facts.name(&h.to))),
                Cell::new(format!("{} → {}", facts.team_of(&h.from), facts.team_of(&h.to))),
                owner,
                Cell::new(if s.unconfirmed { "no" } else { "yes" }),
                Cell::new(assumption),
                Cell::new(if s.critical { "critical".to_string() } else { format!("{} d", s.float) }),
            ]
        })
        .collect();
    let columns = [
        Column::new("Handoff", 0.26).lines(3),
        Column::new("Teams", 0.20).lines(3),
        Column::new("Owner", 0.11).lines(2),
        Column::new("Confirmed", 0.08),
        Column::new("Assumption", 0.26).lines(3),
        Column::new("Float", 0.09).right(),
    ];
    table(doc, &columns, &rows)?;
    more(doc, facts.seams.len(), "handoffs", "bridger check")
}

fn decisions(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    doc.section_here("Appendix: decisions needed", 80.0)?;
    let all = &facts.decisions;
    if all.is_empty() {
        return note(doc, "Nothing is blocked and nothing needs a decision.");
    }
    let rows: Vec<Vec<Cell>> = all
        .iter()
        .take(ROWS)
        .map(|d| {
            let (label, tone) = if d.severity == Severity::Blocker { ("Blocker", CRIT) } else { ("Warning", WARN) };
            vec![Cell::new(label).chip(tone).font(style::body_bold()), Cell::new(d.text.clone()), Cell::new(d.who.clone())]
        })
        .collect();
    table(doc, &[Column::new("", 0.11), Column::new("Decision", 0.65).lines(4), Column::new("Who must act", 0.24).lines(2)], &rows)?;
    more(doc, all.len(), "decisions", "bridger check")
}
