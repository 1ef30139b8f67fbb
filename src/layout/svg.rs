//! A layout drawn as a plain SVG picture: lanes, cards with name and team, handoffs; seams
//! in blue, and seams nobody owns or the receiving side has not confirmed dashed orange, as
//! the window draws them. The pictures in docs/ are drawn by it (`bridger layout --svg`).

use std::fmt::Write as _;

use super::Layout;
use crate::model::Plan;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Text cut to `max` characters with an ellipsis.
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

// Team colours leave out red and orange: those mark what needs attention (as in the window).
const PALETTE: [&str; 8] = ["#4e79a7", "#59a14f", "#b07aa1", "#76b7b2", "#9c755f", "#edc948", "#5f6b7a", "#8cd17d"];

/// A plain SVG of a layout: lanes, cards with name and team, handoffs; seams in blue, and
/// seams nobody owns or the receiving side has not confirmed dashed orange, as the window
/// draws them.
pub fn draw(plan: &Plan, l: &Layout) -> String {
    let (mut minx, mut miny, mut maxx, mut maxy) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for c in &l.cards {
        minx = minx.min(c.x);
        miny = miny.min(c.y);
        maxx = maxx.max(c.x + c.width);
        maxy = maxy.max(c.y + c.height);
    }
    for r in &l.handoffs {
        for p in &r.points {
            miny = miny.min(p[1]);
            maxy = maxy.max(p[1]);
        }
    }
    let lanes = l.lanes();
    for lane in &lanes {
        miny = miny.min(lane.top);
        maxy = maxy.max(lane.bottom);
    }
    let label = if lanes.is_empty() { 0.0 } else { 190.0 };
    let m = 20.0;
    let (x0, y0) = (minx - m - label, miny - m);
    let (wd, ht) = (maxx - minx + 2.0 * m + label, maxy - miny + 2.0 * m);
    let team_colour = |team: Option<&str>| -> &str {
        match team.and_then(|t| plan.teams.iter().position(|x| x.id == t)) {
            Some(k) => PALETTE[k % PALETTE.len()],
            None => "#999999",
        }
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {y0} {wd} {ht}" width="{wd}" height="{ht}" font-family="DejaVu Sans, Arial, sans-serif">"#
    );
    let _ = writeln!(
        s,
        r##"<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#666"/></marker><marker id="s" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#2f6fbf"/></marker><marker id="w" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#e8590c"/></marker></defs>"##
    );
    let _ = writeln!(s, r##"<rect x="{x0}" y="{y0}" width="{wd}" height="{ht}" fill="#ffffff"/>"##);
    for (k, lane) in lanes.iter().enumerate() {
        let fill = if k % 2 == 0 { "#f3f5f8" } else { "#ffffff" };
        let name = match &lane.team {
            Some(t) => plan.team(t).map_or(t.as_str(), |x| x.name.as_str()).to_string(),
            None => "No team".to_string(),
        };
        let _ = writeln!(
            s,
            r##"<rect x="{x0}" y="{}" width="{wd}" height="{}" fill="{fill}" stroke="#d0d4da"/><text x="{}" y="{}" font-size="15" font-weight="bold" fill="{}">{}</text>"##,
            lane.top,
            lane.bottom - lane.top,
            x0 + 10.0,
            lane.top + 22.0,
            team_colour(lane.team.as_deref()),
            esc(&fit(&name, 22))
        );
    }
    // Ordinary handoffs first, then seams, then the seams that need someone on top.
    let handoffs: std::collections::HashMap<&str, &crate::model::Handoff> = plan.handoffs.iter().map(|h| (h.id.as_str(), h)).collect();
    let weak = |id: &str| handoffs.get(id).is_some_and(|h| h.owner.trim().is_empty() || !h.confirmed);
    for level in 0..3 {
        for r in l.handoffs.iter().filter(|r| match level {
            0 => !r.seam,
            1 => r.seam && !weak(&r.id),
            _ => r.seam && weak(&r.id),
        }) {
            let pts: Vec<String> = r.points.iter().map(|p| format!("{},{}", p[0], p[1])).collect();
            let (colour, width, marker, dash) = match level {
                0 => ("#8a8f98", 1.1, "a", ""),
                1 => ("#2f6fbf", 1.5, "s", ""),
                _ => ("#e8590c", 2.4, "w", r#" stroke-dasharray="7 4""#),
            };
            let _ = writeln!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash} stroke-opacity="0.85" marker-end="url(#{marker})"/>"#,
                pts.join(" ")
            );
        }
    }
    let names: std::collections::HashMap<&str, &crate::model::Initiative> = plan.initiatives.iter().map(|i| (i.id.as_str(), i)).collect();
    for c in &l.cards {
        let Some(i) = names.get(c.id.as_str()) else { continue };
        let colour = team_colour(i.team.as_deref());
        let chars = ((c.width - 16.0) / 7.0).max(4.0) as usize;
        let team = i.team.as_deref().map_or("no team".to_string(), |t| plan.team(t).map_or(t.to_string(), |x| x.name.clone()));
        let _ = writeln!(
            s,
            r##"<g><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="#ffffff" stroke="{colour}" stroke-width="1.5"/><rect x="{}" y="{}" width="5" height="{}" fill="{colour}"/><text x="{}" y="{}" font-size="12" fill="#1f2328">{}</text><text x="{}" y="{}" font-size="10" fill="#6a737d">{}</text></g>"##,
            c.x,
            c.y,
            c.width,
            c.height,
            c.x,
            c.y + 3.0,
            c.height - 6.0,
            c.x + 11.0,
            c.y + c.height * 0.42,
            esc(&fit(&i.name, chars)),
            c.x + 11.0,
            c.y + c.height * 0.75,
            esc(&fit(&team, chars + 2))
        );
    }
    s.push_str("</svg>\n");
    s
}
