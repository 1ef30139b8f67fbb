//! The dependency map at print size, drawn from the core's layout in the Seams arrangement
//! (one lane per team, as in the window): critical initiatives outlined, handoffs nobody
//! owns or confirmed dashed orange. A plan too large to read at print size is summarised:
//! one box per team and wave (or per team), the handoffs between two boxes drawn once with
//! their count, laid out by the same core function, and followed by the critical path and
//! the open seams by name (`focus`). Every position comes from `layout::layout`; this
//! module only scales and draws.

use rustc_hash::FxHashMap;

use crate::layout::{self, Arrange, Arrangement, Config, Layout, Size};
use crate::model::{Handoff, Initiative, Plan, Status};

use super::doc::{short_date, Doc};
use super::facts::Facts;
use super::page::{fit, Align, Font, Page, Rgb, Stroke};
use super::style::{self, CRIT, INK, MARGIN, MUTED, NAVY, PAPER, RULE, SEAM, SHADE, WARN};
use super::BriefError;

/// The card of the map in points (before the drawing is scaled to the page).
const CARD: Size = Size { width: 150.0, height: 46.0 };
/// The box of a summary: narrower and taller, as its text is a name and two short lines.
const GROUP_CARD: Size = Size { width: 116.0, height: 56.0 };
/// Plans up to this size are drawn card by card; larger ones as a summary.
const FULL_UP_TO: usize = 70;
/// The smallest scale at which a card's text stays readable (8 pt x 0.6).
const LEGIBLE: f32 = 0.6;
/// Room left of the drawing for the lanes' team names.
const GUTTER: f32 = 92.0;

/// What one box of the drawing stands for.
struct Box_ {
    title: String,
    lines: [String; 2],
    critical: bool,
    status: Option<Status>,
}

/// How one handoff line of the drawing is styled and labelled.
#[derive(Default, Clone, Copy)]
struct Edge {
    count: usize,
    attention: usize,
    critical: bool,
    seam: bool,
}

pub(crate) fn pages(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    let plan = facts.plan;
    if plan.initiatives.is_empty() {
        doc.section("Dependency map", true)?;
        return super::doc::note(doc, "The plan has no initiatives yet.");
    }
    if plan.initiatives.len() <= FULL_UP_TO {
        let lay = layout::layout(plan, &config(Arrangement::Seams), None);
        if scale_for(doc, &lay) >= LEGIBLE {
            doc.section("Dependency map: every initiative, one lane per team", true)?;
            let boxes = full_boxes(facts, &lay);
            let edges = full_edges(facts, plan);
            return draw(doc, facts, &lay, &boxes, &edges, false);
        }
    }
    // Summarised: by team and wave when that reads at print size, else by team alone.
    let (group_plan, boxes, edges) = summarise(facts, true);
    let lay = layout::layout(&group_plan, &Config { card: GROUP_CARD, ..config(Arrangement::Seams) }, None);
    if scale_for(doc, &lay) >= LEGIBLE && group_plan.initiatives.len() > 1 {
        doc.section("Dependency map, summarised: one box per team and wave, one lane per team", true)?;
        draw(doc, facts, &lay, &boxes, &edges, true)?;
        return focus(doc, facts);
    }
    let (group_plan, boxes, edges) = summarise(facts, false);
    let lay = layout::layout(&group_plan, &Config { card: GROUP_CARD, ..config(Arrangement::Flow) }, None);
    doc.section("Dependency map, summarised: one box per team, the handoffs between teams", true)?;
    draw(doc, facts, &lay, &boxes, &edges, true)?;
    focus(doc, facts)
}

/// After a summary, what it cannot show by name: the critical path and the open seams.
fn focus(doc: &mut Doc, facts: &Facts) -> Result<(), BriefError> {
    super::focus::critical_path(doc, facts)?;
    super::focus::seams(doc, facts)
}

fn config(arrangement: Arrangement) -> Config {
    Config { arrangement, card: CARD, group: None, arrange: Arrange::All, name: None, fold: layout::Fold::default() }
}

/// The drawing's extent: (left, top, right, bottom) of its cards and routes.
fn extent(lay: &Layout) -> (f64, f64, f64, f64) {
    let mut e = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for c in &lay.cards {
        e = (e.0.min(c.x), e.1.min(c.y), e.2.max(c.x + c.width), e.3.max(c.y + c.height));
    }
    for r in &lay.handoffs {
        for p in &r.points {
            e = (e.0.min(p[0]), e.1.min(p[1]), e.2.max(p[0]), e.3.max(p[1]));
        }
    }
    if !e.0.is_finite() {
        return (0.0, 0.0, 1.0, 1.0);
    }
    let pad = 12.0;
    (e.0 - pad, e.1 - pad, e.2 + pad, e.3 + pad)
}

/// The area of a landscape page the drawing may fill: (x, y, width, height).
fn area(doc: &mut Doc, lay: &Layout) -> (f32, f32, f32, f32) {
    let gutter = if lay.arrangement == Arrangement::Seams { GUTTER } else { 0.0 };
    let (w, h) = match doc.paper {
        super::Paper::A4 => (841.89, 595.28),
        super::Paper::Letter => (792.0, 612.0),
    };
    let top = MARGIN + 24.0;
    let legend = 26.0;
    (MARGIN + gutter, top, w - 2.0 * MARGIN - gutter, h - top - MARGIN - style::FOOTER - legend)
}

fn scale_for(doc: &mut Doc, lay: &Layout) -> f32 {
    let (_, _, w, h) = area(doc, lay);
    let e = extent(lay);
    let (dw, dh) = ((e.2 - e.0) as f32, (e.3 - e.1) as f32);
    (w / dw.max(1.0)).min(h / dh.max(1.0)).min(1.0)
}

fn full_boxes(facts: &Facts, lay: &Layout) -> FxHashMap<String, Box_> {
    let mut out = FxHashMap::default();
    for c in &lay.cards {
        let Some(i) = facts.initiative(&c.id) else { continue };
        let s = facts.scheduled(&c.id);
        let dates = s.map_or(String::new(), |s| {
            if i.is_milestone() {
                format!("milestone {}", short_date(s.finish_date))
            } else {
                format!("{} – {}", short_date(s.start_date), short_date(s.finish_date))
            }
        });
        out.insert(
            c.id.clone(),
            Box_ {
                title: i.name.clone(),
                lines: [i.owner.clone(), dates],
                critical: s.is_some_and(|s| s.critical),
                status: Some(i.status),
            },
        );
    }
    out
}

/// The handoffs the map draws as the critical path: `schedule::critical_handoffs`, the rule
/// the window draws by.
fn critical_handoffs(facts: &Facts) -> rustc_hash::FxHashSet<String> {
    crate::schedule::critical_handoffs(&facts.schedule).into_iter().collect()
}

fn full_edges(facts: &Facts, plan: &Plan) -> FxHashMap<String, Edge> {
    let attention: FxHashMap<&str, ()> = facts.seams.iter().map(|s| (s.handoff.id.as_str(), ())).collect();
    let on_path = critical_handoffs(facts);
    plan.handoffs
        .iter()
        .map(|h| {
            let critical = on_path.contains(&h.id);
            let e = Edge {
                count: 1,
                attention: usize::from(attention.contains_key(h.id.as_str())),
                critical,
                seam: facts.team_of(&h.from) != facts.team_of(&h.to),
            };
            (h.id.clone(), e)
        })
        .collect()
}

/// A plan of groups: one initiative per team and wave (`by_wave`) or per team, one handoff
/// per pair of groups that any handoff joins.
fn summarise(facts: &Facts, by_wave: bool) -> (Plan, FxHashMap<String, Box_>, FxHashMap<String, Edge>) {
    let plan = facts.plan;
    let waves: FxHashMap<&str, (&str, i32)> = plan.waves.iter().map(|w| (w.id.as_str(), (w.name.as_str(), w.order))).collect();
    let by_wave = by_wave && !plan.waves.is_empty();
    let key_of = |i: &Initiative| -> (Option<String>, Option<String>) {
        let wave = if by_wave { i.wave.clone().filter(|w| waves.contains_key(w.as_str())) } else { None };
        (i.team.clone(), wave)
    };
    let mut groups: FxHashMap<(Option<String>, Option<String>), usize> = FxHashMap::default();
    let mut members: Vec<Vec<&Initiative>> = Vec::new();
    let mut keys: Vec<(Option<String>, Option<String>)> = Vec::new();
    let mut group_of: FxHashMap<&str, usize> = FxHashMap::default();
    // Groups in the order of the work: by wave order, then by first early start.
    let mut ordered: Vec<&Initiative> = plan.initiatives.iter().collect();
    ordered.sort_by_key(|i| facts.scheduled(&i.id).map_or(0, |s| s.early_start));
    for i in ordered {
        let key = key_of(i);
        let next = groups.len();
        let g = *groups.entry(key.clone()).or_insert_with(|| {
            keys.push(key);
            members.push(Vec::new());
            next
        });
        members[g].push(i);
        group_of.insert(i.id.as_str(), g);
    }
    let mut out = Plan::new(&plan.name, plan.start);
    out.teams = plan.teams.clone();
    let mut boxes = FxHashMap::default();
    for (g, key) in keys.iter().enumerate() {
        let id = format!("g{g}");
        let list = &members[g];
        let title = match &key.1 {
            Some(w) => waves.get(w.as_str()).map_or(w.clone(), |(n, _)| n.to_string()),
            None if by_wave => "Program work (no wave)".to_string(),
            None => facts.team_name(key.0.as_deref()).to_string(),
        };
        let critical = list.iter().filter(|i| facts.scheduled(&i.id).is_some_and(|s| s.critical)).count();
        let finish = list.iter().filter_map(|i| facts.scheduled(&i.id).map(|s| s.finish_date)).max();
        let late = list.iter().filter(|i| matches!(i.status, Status::Blocked | Status::AtRisk)).count();
        let mut first = format!("{} initiative{}", list.len(), if list.len() == 1 { "" } else { "s" });
        if critical > 0 {
            first.push_str(&format!(" · {critical} critical"));
        }
        if late > 0 {
            first.push_str(&format!(" · {late} at risk or blocked"));
        }
        let second = finish.map_or(String::new(), |d| format!("ends {}", short_date(d)));
        let mut init = Initiative::new(&id, &title, "", 1);
        init.team = key.0.clone();
        out.initiatives.push(init);
        boxes.insert(id, Box_ { title, lines: [first, second], critical: critical > 0, status: None });
    }
    let attention: FxHashMap<&str, ()> = facts.seams.iter().map(|s| (s.handoff.id.as_str(), ())).collect();
    let on_path = critical_handoffs(facts);
    let mut edges: FxHashMap<(usize, usize), Edge> = FxHashMap::default();
    for h in &plan.handoffs {
        let (Some(&a), Some(&b)) = (group_of.get(h.from.as_str()), group_of.get(h.to.as_str())) else { continue };
        if a == b {
            continue;
        }
        let e = edges.entry((a, b)).or_default();
        e.count += 1;
        e.attention += usize::from(attention.contains_key(h.id.as_str()));
        e.critical |= on_path.contains(&h.id);
        e.seam |= keys[a].0 != keys[b].0;
    }
    let mut pairs: Vec<((usize, usize), Edge)> = edges.into_iter().collect();
    pairs.sort_by_key(|(k, _)| *k);
    let mut styled = FxHashMap::default();
    for ((a, b), e) in pairs {
        let id = format!("e{a}-{b}");
        out.handoffs.push(Handoff::fs(&id, &format!("g{a}"), &format!("g{b}")));
        styled.insert(id, e);
    }
    (out, boxes, styled)
}

fn status_color(s: Status) -> Rgb {
    match s {
        Status::Done => style::GOOD,
        Status::OnTrack => SEAM,
        Status::AtRisk => WARN,
        Status::Blocked => CRIT,
        Status::NotStarted => RULE,
    }
}

fn draw(
    doc: &mut Doc,
    facts: &Facts,
    lay: &Layout,
    boxes: &FxHashMap<String, Box_>,
    edges: &FxHashMap<String, Edge>,
    summary: bool,
) -> Result<(), BriefError> {
    let (ax, ay, aw, ah) = area(doc, lay);
    let gutter = ax - MARGIN;
    let e = extent(lay);
    let scale = scale_for(doc, lay);
    let dw = (e.2 - e.0) as f32 * scale;
    // Centred horizontally in the area, at its top.
    let ox = ax + (aw - dw).max(0.0) / 2.0;
    let oy = ay;
    let at = |x: f64, y: f64| -> (f32, f32) { (ox + (x - e.0) as f32 * scale, oy + (y - e.1) as f32 * scale) };
    let page: &mut Page = doc.page();

    // Lanes: shaded bands, the team's name in the gutter.
    for (k, lane) in lay.lanes().iter().enumerate() {
        let top = lane.top.max(e.1);
        let bottom = lane.bottom.min(e.3);
        if bottom <= top {
            continue;
        }
        let (_, y0) = at(e.0, top);
        let (_, y1) = at(e.0, bottom);
        if k % 2 == 0 {
            page.rect(MARGIN, y0, gutter + aw, y1 - y0, Some(SHADE), None);
        }
        page.line(vec![(MARGIN, y0), (MARGIN + gutter + aw, y0)], Stroke::solid(RULE, 0.4));
        let name = facts.team_name(lane.team.as_deref());
        let lines = (((y1 - y0) / 10.0).floor() as usize).clamp(1, 3);
        page.paragraph(MARGIN + 3.0, y0 + 4.0, GUTTER - 8.0, Font::bold(7.5, NAVY), name, lines)?;
    }

    // Handoffs under the cards: plain, then seams, then critical, then those needing attention.
    let mut routes: Vec<(&layout::Route, Edge)> =
        lay.handoffs.iter().map(|r| (r, edges.get(&r.id).copied().unwrap_or(Edge { count: 1, seam: r.seam, ..Edge::default() }))).collect();
    routes.sort_by_key(|(r, e)| (e.attention > 0, e.critical, e.seam, r.id.clone()));
    for (r, edge) in &routes {
        let points: Vec<(f32, f32)> = r.points.iter().map(|p| at(p[0], p[1])).collect();
        let weight = if summary { 0.6 + (edge.count as f32).ln_1p() * 0.45 } else { 0.8 };
        let stroke = if edge.attention > 0 {
            Stroke::dashed(WARN, weight + 0.6, 3.0, 2.0)
        } else if edge.critical {
            Stroke::solid(CRIT, weight + 0.5)
        } else if edge.seam {
            Stroke::solid(SEAM, weight)
        } else {
            Stroke::solid(MUTED, weight * 0.8)
        };
        arrow(page, &points, stroke.color);
        if summary && points.len() >= 2 && (edge.count > 1 || edge.attention > 0) {
            // The count at the middle of the route.
            let mid = points.len() / 2;
            let (p, q) = (points[mid - 1], points[mid]);
            let (mx, my) = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
            let label = if edge.attention > 0 { format!("{} ({} open)", edge.count, edge.attention) } else { edge.count.to_string() };
            let font = Font::bold(6.5, if edge.attention > 0 { WARN } else { INK });
            let w = font.face.metrics()?.width(&label, font.size);
            page.rect(mx - w / 2.0 - 1.5, my - 4.5, w + 3.0, 8.0, Some(PAPER), None);
            page.text(mx - w / 2.0, my + 2.0, font, &label);
        }
        page.line(points, stroke);
    }

    // Cards.
    for c in &lay.cards {
        let Some(b) = boxes.get(&c.id) else { continue };
        let (x, y) = at(c.x, c.y);
        let (w, h) = (c.width as f32 * scale, c.height as f32 * scale);
        let border = if b.critical { Stroke::solid(CRIT, 1.4) } else { Stroke::solid(style::MUTED, 0.5) };
        page.rect(x, y, w, h, Some(PAPER), Some(border));
        if let Some(s) = b.status {
            page.rect(x, y, 3.0 * scale, h, Some(status_color(s)), None);
        }
        // Text keeps a readable size (at least 6 pt) and wraps into the card's box.
        let pad = (5.0 * scale).max(2.5);
        let tw = w - 2.0 * pad - 2.0 * scale;
        let title = Font::bold((7.6 * scale).clamp(6.2, 7.6), INK);
        let small = Font::regular((6.4 * scale).clamp(5.6, 6.4), MUTED);
        let mut room = ((h - 2.0 * pad) / title.leading()).floor().max(1.0) as usize;
        let title_lines = super::page::wrap(&b.title, title, tw, room.min(2))?;
        let mut ty = y + pad + title.size * 0.85;
        let tx = x + pad + 2.0 * scale;
        for line in &title_lines {
            page.text(tx, ty, title, line);
            ty += title.leading();
        }
        room = ((y + h - pad - ty + small.size) / small.leading()).floor().max(0.0) as usize;
        for line in b.lines.iter().filter(|l| !l.is_empty()).take(room) {
            page.text(tx, ty, small, &fit(line, small, tw)?);
            ty += small.leading();
        }
    }

    legend(page, MARGIN, ay + ah + 14.0, summary, scale)?;
    Ok(())
}

/// A small filled arrowhead at the end of a route.
fn arrow(page: &mut Page, points: &[(f32, f32)], color: Rgb) {
    let n = points.len();
    if n < 2 {
        return;
    }
    let (a, b) = (points[n - 2], points[n - 1]);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 0.01 {
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    let size = 4.5;
    let base = (b.0 - ux * size, b.1 - uy * size);
    page.polygon(
        vec![b, (base.0 - uy * size * 0.45, base.1 + ux * size * 0.45), (base.0 + uy * size * 0.45, base.1 - ux * size * 0.45)],
        color,
    );
}

fn legend(page: &mut Page, x: f32, y: f32, summary: bool, scale: f32) -> Result<(), BriefError> {
    let font = style::small();
    let mut at = x;
    let mut item = |page: &mut Page, stroke: Stroke, label: &str| -> Result<(), BriefError> {
        page.line(vec![(at, y - 2.5), (at + 18.0, y - 2.5)], stroke);
        let w = page.text_in(at + 22.0, y, 200.0, Align::Left, font, label)?;
        at += 22.0 + w + 14.0;
        Ok(())
    };
    item(page, Stroke::dashed(WARN, 1.4, 3.0, 2.0), "handoff nobody owns or confirmed")?;
    item(page, Stroke::solid(CRIT, 1.3), "critical path")?;
    item(page, Stroke::solid(SEAM, 0.8), "seam between two teams")?;
    item(page, Stroke::solid(MUTED, 0.6), "handoff within a team")?;
    page.rect(at, y - 7.0, 14.0, 8.0, Some(PAPER), Some(Stroke::solid(CRIT, 1.4)));
    let w = page.text_in(at + 18.0, y, 200.0, Align::Left, font, if summary { "holds critical work" } else { "critical initiative" })?;
    at += 18.0 + w + 14.0;
    let note = if summary {
        "Numbers: handoffs between two boxes (open: unowned or unconfirmed).".to_string()
    } else {
        format!("Card edge colour: status. Drawn at {:.0}% of the layout's size.", scale * 100.0)
    };
    page.text_in(at, y, 320.0, Align::Left, font, &note)?;
    Ok(())
}
