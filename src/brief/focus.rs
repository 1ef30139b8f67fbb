//! What a leader must see on a plan too large for the map to show card by card (issue 25):
//! the critical path, in the order the work runs, and every handoff nobody owns or
//! confirmed, each with both its initiatives and their teams, at a size that reads. The
//! map's summary stays the overview; these pages follow it.
//!
//! The cards stand in a grid in reading order (not a graph layout: a chain and a list of
//! pairs need none), so nothing here computes a date, a float or a finding: the facts come
//! from `Facts` (the schedule, `schedule::critical_handoffs`, the handoffs' own flags).

use rustc_hash::FxHashSet;

use super::doc::{note, short_date, Doc};
use super::facts::{Facts, SeamFact};
use super::page::{fit, wrap, Font, Page, Rgb, Stroke};
use super::style::{CRIT, INK, MUTED, PAPER, WARN};
use super::BriefError;

/// A card of these pages, in points.
const CARD_W: f32 = 118.0;
const CARD_H: f32 = 50.0;
/// Room between two cards of a row (the arrow goes there) and between rows.
const GAP_X: f32 = 26.0;
const GAP_Y: f32 = 20.0;

/// One card: a title on up to two lines, then two short lines.
struct Card<'a> {
    title: &'a str,
    lines: [String; 2],
    border: Stroke,
}

fn card(page: &mut Page, x: f32, y: f32, w: f32, c: &Card) -> Result<(), BriefError> {
    page.rect(x, y, w, CARD_H, Some(PAPER), Some(c.border));
    let title = Font::bold(7.4, INK);
    let small = Font::regular(6.4, MUTED);
    let (pad, tw) = (5.0, w - 10.0);
    let mut ty = y + pad + title.size * 0.85;
    for line in wrap(c.title, title, tw, 2)? {
        page.text(x + pad, ty, title, &line);
        ty += title.leading();
    }
    for line in c.lines.iter().filter(|l| !l.is_empty()) {
        page.text(x + pad, ty, small, &fit(line, small, tw)?);
        ty += small.leading();
    }
    Ok(())
}

/// A straight arrow from `a` to `b` with a small head at `b`.
fn arrow(page: &mut Page, a: (f32, f32), b: (f32, f32), stroke: Stroke) {
    page.line(vec![a, b], stroke);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(0.01);
    let (ux, uy) = (dx / len, dy / len);
    let size = 4.5;
    let base = (b.0 - ux * size, b.1 - uy * size);
    page.polygon(
        vec![b, (base.0 - uy * size * 0.45, base.1 + ux * size * 0.45), (base.0 + uy * size * 0.45, base.1 - ux * size * 0.45)],
        stroke.color,
    );
}

/// The critical path as numbered cards in reading order, an arrow between two that a
/// driving handoff joins; as many pages as it takes.
pub(crate) fn critical_path(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    doc.section("The critical path: the work that drives the finish, in order", true)?;
    let path: Vec<_> = facts.schedule.critical_path.iter().filter_map(|id| facts.scheduled(id)).collect();
    if path.is_empty() {
        return note(doc, "No initiative is critical.");
    }
    let (first, last) = (path[0], path[path.len() - 1]);
    note(
        doc,
        &format!(
            "{} initiatives from {} to {}: any day one of them slips moves the finish by a day. An arrow: the next waits for it.",
            path.len(),
            short_date(first.start_date),
            short_date(last.finish_date)
        ),
    )?;
    let joined: FxHashSet<(&str, &str)> = {
        let on_path: FxHashSet<String> = crate::schedule::critical_handoffs(&facts.schedule).into_iter().collect();
        facts.plan.handoffs.iter().filter(|h| on_path.contains(&h.id)).map(|h| (h.from.as_str(), h.to.as_str())).collect()
    };
    let (x0, width) = doc.column();
    let per_row = (((width + GAP_X) / (CARD_W + GAP_X)).floor() as usize).max(1);
    let w = (width - (per_row - 1) as f32 * GAP_X) / per_row as f32;
    let mut prev: Option<(f32, f32, &str, usize)> = None;
    for (k, s) in path.iter().enumerate() {
        let col = k % per_row;
        if col == 0 && doc.need(CARD_H + GAP_Y)? {
            prev = None;
        }
        let (x, y) = (x0 + col as f32 * (w + GAP_X), doc.y);
        let title = format!("{}. {}", k + 1, s.name);
        let dates = if s.duration == 0 {
            format!("milestone {}", short_date(s.finish_date))
        } else {
            format!("{} – {}", short_date(s.start_date), short_date(s.finish_date))
        };
        let c = Card { title: &title, lines: [facts.team_name(s.team.as_deref()).to_string(), dates], border: Stroke::solid(CRIT, 1.3) };
        let page = doc.page();
        card(page, x, y, w, &c)?;
        if let Some((px, py, pid, pcol)) = prev {
            if joined.contains(&(pid, s.id.as_str())) {
                if col > 0 && pcol + 1 == col {
                    arrow(page, (px + w, py + CARD_H / 2.0), (x, y + CARD_H / 2.0), Stroke::solid(CRIT, 1.1));
                } else {
                    // From the end of one row down to the start of the next, through the gap.
                    let mid = py + CARD_H + GAP_Y / 2.0;
                    page.line(vec![(px + w / 2.0, py + CARD_H), (px + w / 2.0, mid), (x + w / 2.0, mid)], Stroke::solid(CRIT, 1.1));
                    arrow(page, (x + w / 2.0, mid), (x + w / 2.0, y), Stroke::solid(CRIT, 1.1));
                }
            }
        }
        prev = Some((x, y, s.id.as_str(), col));
        if col == per_row - 1 || k == path.len() - 1 {
            doc.y += CARD_H + GAP_Y;
        }
    }
    Ok(())
}

/// Every handoff nobody owns or confirmed as a pair of cards (the giver, the receiver,
/// each with its team) and what is open between them; two pairs a row.
pub(crate) fn seams(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    doc.section("Handoffs nobody owns or confirmed: who gives, who receives", true)?;
    if facts.seams.is_empty() {
        return note(doc, "Every handoff has an owner and a confirmed assumption.");
    }
    note(
        doc,
        &format!(
            "{} nobody owns, {} not confirmed by the receiving side; those on the critical path first, then by float.",
            facts.unowned, facts.unconfirmed
        ),
    )?;
    let (x0, width) = doc.column();
    let pair_gap = 30.0;
    let pair_w = (width - pair_gap) / 2.0;
    let link = 92.0;
    let w = (pair_w - link) / 2.0;
    for (k, s) in facts.seams.iter().enumerate() {
        let col = k % 2;
        if col == 0 {
            doc.need(CARD_H + GAP_Y)?;
        }
        let (x, y) = (x0 + col as f32 * (pair_w + pair_gap), doc.y);
        pair(doc.page(), facts, s, x, y, w, link)?;
        if col == 1 || k == facts.seams.len() - 1 {
            doc.y += CARD_H + GAP_Y;
        }
    }
    Ok(())
}

fn pair(page: &mut Page, facts: &Facts, s: &SeamFact, x: f32, y: f32, w: f32, link: f32) -> Result<(), BriefError> {
    let h = s.handoff;
    let end = |id: &str, when: String| -> [String; 2] { [facts.team_of(id).to_string(), when] };
    let (from, to) = (facts.scheduled(&h.from), facts.scheduled(&h.to));
    let border = |critical: bool| if critical { Stroke::solid(CRIT, 1.3) } else { Stroke::solid(MUTED, 0.5) };
    let giver = Card {
        title: facts.name(&h.from),
        lines: end(&h.from, from.map_or(String::new(), |s| format!("finishes {}", short_date(s.finish_date)))),
        border: border(from.is_some_and(|s| s.critical)),
    };
    let receiver = Card {
        title: facts.name(&h.to),
        lines: end(&h.to, to.map_or(String::new(), |s| format!("starts {}", short_date(s.start_date)))),
        border: border(to.is_some_and(|s| s.critical)),
    };
    card(page, x, y, w, &giver)?;
    card(page, x + w + link, y, w, &receiver)?;
    let mid = y + CARD_H / 2.0;
    arrow(page, (x + w + 2.0, mid), (x + w + link - 2.0, mid), Stroke::dashed(WARN, 1.4, 3.0, 2.0));
    let issue: &[&str] = match (s.unowned, s.unconfirmed) {
        (true, true) => &["nobody owns it", "not confirmed"],
        (true, false) => &["nobody owns it"],
        _ => &["not confirmed"],
    };
    let float = match s.float {
        _ if s.critical => "on the critical path".to_string(),
        f if f < 0 => format!("{} d behind", -f),
        f => format!("{f} d float"),
    };
    let label = |page: &mut Page, dy: f32, font: Font, text: &str| -> Result<(), BriefError> {
        let t = fit(text, font, link - 8.0)?;
        let tw = font.face.metrics()?.width(&t, font.size);
        page.text(x + w + (link - tw) / 2.0, mid + dy, font, &t);
        Ok(())
    };
    let tone: Rgb = if s.unowned { CRIT } else { WARN };
    for (k, line) in issue.iter().rev().enumerate() {
        label(page, -4.0 - 7.5 * k as f32, Font::bold(6.6, tone), line)?;
    }
    let mut below = vec![float];
    if !s.unowned {
        below.insert(0, format!("owner {}", h.owner.trim()));
    }
    for (k, line) in below.iter().enumerate() {
        label(page, 9.0 + 7.5 * k as f32, Font::regular(6.2, MUTED), line)?;
    }
    Ok(())
}
