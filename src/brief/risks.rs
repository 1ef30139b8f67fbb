//! The risk pages: the 5 x 5 heat map drawn from the core's cells (`risk::heat_map`, as the
//! window draws it) and the register, highest score first, from `risk::scores`.

use super::doc::note;
use super::doc::Doc;
use super::facts::Facts;
use super::page::{fit, wrap, Align, Font, Stroke};
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

/// Lines of risk titles a heat-map cell holds below its count.
const CELL_LINES: usize = 4;

/// What a heat-map cell of `width` says of its risks (titles, highest score first): every
/// title on its share of the lines, shortened to fit; past `CELL_LINES` risks, the first
/// ones and how many more.
fn cell_lines(titles: &[&str], font: Font, width: f32) -> Result<Vec<String>, BriefError> {
    let n = titles.len();
    if n > CELL_LINES {
        let mut out = titles[..CELL_LINES - 1].iter().map(|t| fit(t, font, width)).collect::<Result<Vec<_>, _>>()?;
        out.push(format!("and {} more", n - (CELL_LINES - 1)));
        return Ok(out);
    }
    // The lines shared out, the highest scores first given any left over.
    let (each, over) = (CELL_LINES / n.max(1), CELL_LINES % n.max(1));
    let mut out = Vec::new();
    for (k, t) in titles.iter().enumerate() {
        out.extend(wrap(t, font, width, each + usize::from(k < over))?);
    }
    Ok(out)
}

fn heat_map(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    let (x0, w) = doc.column();
    // Wide enough for a few words of a title a line.
    let (cell, tall) = (58.0, 54.0);
    let left = x0 + 56.0;
    let top = doc.y + 6.0;
    let title_of: rustc_hash::FxHashMap<&str, &str> = facts.plan.risks.iter().map(|r| (r.id.as_str(), r.title.as_str())).collect();
    let page = doc.page();
    for c in &facts.heat {
        let row = (5 - c.probability.clamp(1, 5)) as f32;
        let col = (c.impact.clamp(1, 5) - 1) as f32;
        let (x, y) = (left + col * cell, top + row * tall);
        page.rect(x, y, cell, tall, Some(band_color(c.band)), Some(Stroke::solid(PAPER, 1.5)));
        if !c.risks.is_empty() {
            let tone = if c.band == Band::High { PAPER } else { INK };
            page.text_in(x, y + 12.0, cell, Align::Center, Font::bold(10.0, tone), &c.risks.len().to_string())?;
            let font = Font::regular(5.8, tone);
            let titles: Vec<&str> = c.risks.iter().map(|r| title_of.get(r.as_str()).copied().unwrap_or(r)).collect();
            for (k, line) in cell_lines(&titles, font, cell - 6.0)?.iter().enumerate() {
                page.text_in(x + 3.0, y + 21.0 + k as f32 * 7.6, cell - 6.0, Align::Left, font, line)?;
            }
        }
    }
    // Axes.
    for k in 0..5 {
        let y = top + k as f32 * tall + tall / 2.0 + 2.5;
        page.text_in(x0, y, 54.0, Align::Right, style::small(), &format!("{} {}", 5 - k, PROBABILITY[4 - k]))?;
        page.text_in(left + k as f32 * cell, top + 5.0 * tall + 10.0, cell, Align::Center, style::small(), &(k + 1).to_string())?;
    }
    page.text_in(left, top + 5.0 * tall + 21.0, 5.0 * cell, Align::Center, style::small_bold(), "Impact (1–5)")?;
    page.text_in(x0, top - 4.0, 120.0, Align::Left, style::small_bold(), "Probability")?;

    // Beside the grid: the bands and what the map holds.
    let bx = left + 5.0 * cell + 18.0;
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
        "{open} open or mitigating risk{} on the map ({high} in high cells); {closed} closed risk{} left off. A risk's score is its cell: probability level × impact, 1–25. Each cell counts its risks and names them, highest score first (titles shortened to fit; the register below gives them whole, by score).",
        if open == 1 { "" } else { "s" },
        if closed == 1 { "" } else { "s" }
    );
    y += 6.0;
    let used = page.paragraph(bx, y, bw, style::body(), &text, 12)?;
    y += used + 8.0;
    if let Some((s, r)) = facts.ranked_risks().first() {
        page.paragraph(
            bx,
            y,
            bw,
            style::body_bold(),
            &format!("Highest: {} (score {})", title_of.get(r.id.as_str()).copied().unwrap_or(&r.id), s.score),
            4,
        )?;
    }
    doc.y = top + 5.0 * tall + 34.0;
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
        Column::new("Risk", 0.22).lines(6),
        Column::new("Owner", 0.11).lines(2),
        Column::new("P · I · days", 0.11).lines(2),
        Column::new("Status", 0.10),
        Column::new("Mitigation", 0.23).lines(6),
        Column::new("Hits", 0.17).lines(6),
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
