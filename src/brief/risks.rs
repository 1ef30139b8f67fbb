//! The risk pages: the 5 x 5 heat map drawn from the core's cells (`risk::heat_map`, as the
//! window draws it) and the register, highest score first, from `risk::scores`.

use super::doc::note;
use super::doc::Doc;
use super::facts::Facts;
use super::page::{Align, Font, Stroke};
use super::style::{self, INK, MUTED, PAPER};
use super::summary::band_color;
use super::table::{table, Cell, Column};
use super::BriefError;
use crate::risk::{self, Band};

/// Rows of the register in the brief; the rest are counted.
const REGISTER_ROWS: usize = 300;

const PROBABILITY: [&str; 5] = ["≤ 20%", "21–40%", "41–60%", "61–80%", "> 80%"];

pub(crate) fn pages(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    doc.section("Risks: heat map and register", false)?;
    heat_map(doc, facts)?;
    register(doc, facts)
}

fn heat_map(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    let (x0, w) = doc.column();
    let cell = 46.0;
    let left = x0 + 58.0;
    let top = doc.y + 6.0;
    let ids: rustc_hash::FxHashMap<&str, &str> = facts.plan.risks.iter().map(|r| (r.id.as_str(), r.title.as_str())).collect();
    let page = doc.page();
    for c in &facts.heat {
        let row = (5 - c.probability.clamp(1, 5)) as f32;
        let col = (c.impact.clamp(1, 5) - 1) as f32;
        let (x, y) = (left + col * cell, top + row * cell);
        page.rect(x, y, cell, cell, Some(band_color(c.band)), Some(Stroke::solid(PAPER, 1.5)));
        if !c.risks.is_empty() {
            let tone = if c.band == Band::High { PAPER } else { INK };
            page.text_in(x, y + cell / 2.0 + 2.0, cell, Align::Center, Font::bold(14.0, tone), &c.risks.len().to_string())?;
            let shown: Vec<&str> = c.risks.iter().take(2).map(|r| r.as_str()).collect();
            let more = if c.risks.len() > 2 { "…" } else { "" };
            page.text_in(
                x + 2.0,
                y + cell - 6.0,
                cell - 4.0,
                Align::Center,
                Font::regular(5.8, tone),
                &format!("{}{more}", shown.join(", ")),
            )?;
        }
    }
    // Axes.
    for k in 0..5 {
        let y = top + k as f32 * cell + cell / 2.0 + 2.5;
        page.text_in(x0, y, 54.0, Align::Right, style::small(), &format!("{} {}", 5 - k, PROBABILITY[4 - k]))?;
        page.text_in(left + k as f32 * cell, top + 5.0 * cell + 10.0, cell, Align::Center, style::small(), &(k + 1).to_string())?;
    }
    page.text_in(left, top + 5.0 * cell + 21.0, 5.0 * cell, Align::Center, style::small_bold(), "Impact (1–5)")?;
    page.text_in(x0, top - 4.0, 120.0, Align::Left, style::small_bold(), "Probability")?;

    // Beside the grid: the bands and what the map holds.
    let bx = left + 5.0 * cell + 24.0;
    let bw = x0 + w - bx;
    let mut y = top + 4.0;
    let labels = [
        (Band::High, format!("High: score above {}", risk::MEDIUM_UP_TO)),
        (Band::Medium, format!("Medium: score {} to {}", risk::LOW_UP_TO + 1, risk::MEDIUM_UP_TO)),
        (Band::Low, format!("Low: score up to {}", risk::LOW_UP_TO)),
    ];
    for (band, label) in labels {
        page.rect(bx, y - 7.0, 10.0, 9.0, Some(band_color(band)), Some(Stroke::solid(MUTED, 0.3)));
        page.text_in(bx + 15.0, y, bw - 15.0, Align::Left, style::body(), &label)?;
        y += 14.0;
    }
    let open = facts.ranked_risks().len();
    let closed = facts.plan.risks.len() - open;
    let high = facts.heat.iter().filter(|c| c.band == Band::High).map(|c| c.risks.len()).sum::<usize>();
    let text = format!(
        "{open} open or mitigating risk{} on the map ({high} in high cells); {closed} closed risk{} left off. A risk's score is its cell: probability level × impact, 1–25. Each cell counts its risks and names the first two by id; the register below lists them by score.",
        if open == 1 { "" } else { "s" },
        if closed == 1 { "" } else { "s" }
    );
    y += 6.0;
    let used = page.paragraph(bx, y, bw, style::body(), &text, 6)?;
    y += used + 8.0;
    if let Some((s, r)) = facts.ranked_risks().first() {
        page.paragraph(
            bx,
            y,
            bw,
            style::body_bold(),
            &format!("Highest: {} (score {})", ids.get(r.id.as_str()).copied().unwrap_or(&r.id), s.score),
            2,
        )?;
    }
    doc.y = top + 5.0 * cell + 34.0;
    Ok(())
}

fn register(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    doc.section_here("Risk register", 80.0)?;
    let ranked = facts.ranked_risks();
    if ranked.is_empty() {
        return note(doc, "No open risks are recorded.");
    }
    let rows: Vec<Vec<Cell>> = ranked
        .iter()
        .take(REGISTER_ROWS)
        .map(|(s, r)| {
            let hits: Vec<&str> = r.initiatives.iter().map(|id| facts.name(id)).collect();
            let impact = r.schedule_impact.map_or(String::new(), |e| format!(" · +{}–{} d", e.optimistic, e.pessimistic));
            vec![
                Cell::new(s.score.to_string()).chip(band_color(s.band)),
                Cell::new(format!("{} ({})", r.title, r.id)).font(style::body_bold()),
                Cell::new(if r.owner.trim().is_empty() { "(no owner)".to_string() } else { r.owner.clone() }),
                Cell::new(format!("{:.0}% · {}{impact}", r.probability * 100.0, s.impact)),
                Cell::new(r.status.as_str().replace('_', " ")),
                if r.mitigation.trim().is_empty() {
                    Cell::new("No mitigation").font(Font::bold(8.6, style::CRIT))
                } else {
                    Cell::new(r.mitigation.clone())
                },
                Cell::new(if hits.is_empty() { "(none)".to_string() } else { hits.join("; ") }),
            ]
        })
        .collect();
    let columns = [
        Column::new("Score", 0.06),
        Column::new("Risk", 0.22).lines(3),
        Column::new("Owner", 0.11).lines(2),
        Column::new("P · I · days", 0.11).lines(2),
        Column::new("Status", 0.10),
        Column::new("Mitigation", 0.23).lines(3),
        Column::new("Hits", 0.17).lines(2),
    ];
    table(doc, &columns, &rows)?;
    if ranked.len() > REGISTER_ROWS {
        note(
            doc,
            &format!(
                "{} lower-scoring risks are not listed (`bridger check` and the app's register list them all).",
                ranked.len() - REGISTER_ROWS
            ),
        )?;
    }
    Ok(())
}
