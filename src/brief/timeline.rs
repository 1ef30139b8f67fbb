//! The timeline: one row per wave (or per team when the plan has no waves), a bar from the
//! first start to the last finish of its initiatives, its milestones as diamonds, and the
//! dates that matter as vertical lines (the brief's date, the CPM finish, the target, the
//! simulated P80). With a kept forecast that is not stale, a wave's bar ends at its P50 and
//! a whisker reaches its P80 (a milestone's diamond at its P50, a whisker to its P80);
//! otherwise the bars are the critical path's dates, if nothing slips. The page says which.
//! With a baseline of record, a thin grey bar under each row is its dates then (planned vs
//! now), with how far the row's finish moved since, in working days ("+6 days").

use chrono::{Datelike, NaiveDate};

use super::doc::{short_date, Doc};
use super::facts::Facts;
use super::page::{fit, Align, Font, Page, Rgb, Stroke};
use super::style::{self, CRIT, GOOD, INK, MUTED, NAVY, NAVY_LIGHT, SHADE, WARN};
use super::{BriefError, BriefOptions};

const LABELS: f32 = 150.0;
const ROW: f32 = 30.0;
/// The height of a planned (baseline) bar under the bar of now.
const PLANNED: f32 = 2.5;
/// Milestones named on the timeline; others are drawn without a name.
const NAMED: usize = 60;

struct Row {
    name: String,
    start: NaiveDate,
    finish: NaiveDate,
    /// The forecast's P80 of the row's finish, when the bar is the forecast's.
    p80: Option<NaiveDate>,
    critical: bool,
    /// The row's first start and last finish in the baseline of record, when one is kept.
    planned: Option<(NaiveDate, NaiveDate)>,
    /// (date, name, critical, P80 when forecast)
    milestones: Vec<(NaiveDate, String, bool, Option<NaiveDate>)>,
}

pub(crate) fn page(doc: &mut Doc, facts: &Facts, options: &BriefOptions) -> Result<(), BriefError> {
    let plan = facts.plan;
    let by_wave = !plan.waves.is_empty();
    doc.section(if by_wave { "Timeline by wave and milestone" } else { "Timeline by team and milestone" }, true)?;
    if plan.initiatives.is_empty() {
        return super::doc::note(doc, "The plan has no initiatives yet.");
    }
    // The forecast's dates for waves and milestones, when one is kept and fresh.
    let forecast = options.simulation.as_ref().filter(|s| !s.stale);
    super::doc::note(
        doc,
        &match forecast {
            Some(s) if by_wave => format!(
                "Bars: from the first start to the P50 of the kept forecast ({} runs, {}), the whisker to its P80; milestones likewise.",
                s.iterations, s.at
            ),
            Some(s) => format!(
                "Bars: the critical path's dates, if nothing slips (the kept forecast of {} gives no per-team dates); milestones at their P50, the whisker to P80.",
                s.at
            ),
            None => "Bars: the critical path's dates, if nothing slips (no current forecast is kept: run a forecast for P50 and P80).".to_string(),
        },
    )?;
    let rows = rows(facts, by_wave, forecast, options.record.as_ref());
    let mut first = facts.schedule.start_date;
    let mut last = facts.schedule.finish_date;
    for r in &rows {
        last = last.max(r.p80.unwrap_or(r.finish));
        if let Some((start, finish)) = r.planned {
            first = first.min(start);
            last = last.max(finish);
        }
        for m in &r.milestones {
            last = last.max(m.3.unwrap_or(m.0));
        }
    }
    for d in [plan.target, options.simulation.as_ref().map(|s| s.p80), Some(options.date)].into_iter().flatten() {
        first = first.min(d);
        last = last.max(d);
    }
    let span = (last - first).num_days().max(1) as f32;
    let (x0, w) = doc.column();
    let left = x0 + LABELS;
    let width = w - LABELS;
    let x_of = move |d: NaiveDate| left + (d - first).num_days() as f32 / span * width;
    let cal = plan.calendar.anchored(plan.start).map_err(crate::schedule::ScheduleError::from)?;
    let mut named = 0;
    let top = axis(doc, first, last, &x_of)?;
    let mut y = top;
    let mut page_top = top;
    let markers: Vec<(NaiveDate, &str, Rgb, bool)> = [
        Some((options.date, "as of", MUTED, true)),
        Some((facts.schedule.finish_date, "finish", NAVY, false)),
        plan.target.map(|t| (t, "target", CRIT, true)),
        options.simulation.as_ref().map(|s| (s.p80, "P80", WARN, true)),
    ]
    .into_iter()
    .flatten()
    .collect();
    for (k, row) in rows.iter().enumerate() {
        if doc.need(ROW)? {
            lines(doc.page(), &markers, &x_of, page_top, y);
            page_top = axis(doc, first, last, &x_of)?;
            y = page_top;
        }
        let page = doc.page();
        if k % 2 == 0 {
            page.rect(x0, y, w, ROW, Some(SHADE), None);
        }
        page.text_in(x0 + 2.0, y + 11.0, LABELS - 8.0, Align::Left, style::body_bold(), &row.name)?;
        let dates = format!("{} – {}", short_date(row.start), short_date(row.finish));
        page.text_in(x0 + 2.0, y + 21.0, LABELS - 8.0, Align::Left, style::small(), &dates)?;
        let (bx, bw) = (x_of(row.start), (x_of(row.finish) - x_of(row.start)).max(1.5));
        let border = if row.critical { Stroke::solid(CRIT, 1.0) } else { Stroke::solid(NAVY, 0.5) };
        page.rect(bx, y + 11.0, bw, 8.0, Some(NAVY_LIGHT), Some(border));
        if let Some((start, finish)) = row.planned {
            page.rect(x_of(start), y + 20.5, (x_of(finish) - x_of(start)).max(1.5), PLANNED, Some(MUTED), None);
            // How far the finish moved, in working days: right of both bars, or inside the
            // bar of now at the right edge of the page.
            let moved = cal.offset_on_or_after(row.finish) - cal.offset_on_or_after(finish);
            if moved != 0 {
                let font = Font::bold(6.5, if moved > 0 { CRIT } else { GOOD });
                let text = format!(
                    "{}{} {}",
                    if moved > 0 { "+" } else { "\u{2212}" },
                    moved.abs(),
                    if moved.abs() == 1 { "day" } else { "days" }
                );
                let tw = font.face.metrics()?.width(&text, font.size);
                let end = x_of(row.finish).max(x_of(finish));
                let tx = if end + 4.0 + tw <= left + width { end + 4.0 } else { (x_of(row.finish) - 3.0 - tw).max(bx) };
                page.text(tx, y + 17.5, font, &text);
            }
        }
        if let Some(p80) = row.p80.filter(|d| *d > row.finish) {
            whisker(page, x_of(row.finish), x_of(p80), y + 15.0, NAVY);
        }
        for (d, name, critical, p80) in &row.milestones {
            let mx = x_of(*d);
            let c = if *critical { CRIT } else { INK };
            if let Some(p80) = p80.filter(|p| p > d) {
                whisker(page, mx, x_of(p80), y + 15.0, c);
            }
            page.polygon(vec![(mx, y + 10.0), (mx + 4.0, y + 15.0), (mx, y + 20.0), (mx - 4.0, y + 15.0)], c);
            if named < NAMED {
                let font = Font::regular(6.0, c);
                let label = fit(name, font, 110.0)?;
                let lw = font.face.metrics()?.width(&label, font.size);
                let lx = (mx - lw / 2.0).clamp(left, left + width - lw);
                page.text(lx, y + 28.0, font, &label);
                named += 1;
            }
        }
        doc.y = y + ROW;
        y += ROW;
    }
    lines(doc.page(), &markers, &x_of, page_top, y);
    // Legend for the lines.
    let mut lx = x0 + LABELS;
    let ly = y + 14.0;
    let page = doc.page();
    for (d, label, color, dashed) in &markers {
        let stroke = if *dashed { Stroke::dashed(*color, 1.0, 3.0, 2.0) } else { Stroke::solid(*color, 1.0) };
        page.line(vec![(lx, ly - 3.0), (lx + 16.0, ly - 3.0)], stroke);
        let used = page.text_in(lx + 20.0, ly, 200.0, Align::Left, style::small(), &format!("{label} {}", short_date(*d)))?;
        lx += 20.0 + used + 16.0;
    }
    page.polygon(vec![(lx, ly - 7.0), (lx + 4.0, ly - 3.0), (lx, ly + 1.0), (lx - 4.0, ly - 3.0)], INK);
    page.text_in(lx + 8.0, ly, 200.0, Align::Left, style::small(), "milestone (red: critical); bar outlined red: holds critical work")?;
    let mut bottom = ly + 10.0;
    if let Some(base) = options.record.as_ref().filter(|_| rows.iter().any(|r| r.planned.is_some())) {
        let (lx, ly) = (x0 + LABELS, ly + 12.0);
        page.rect(lx, ly - 4.0, 16.0, PLANNED, Some(MUTED), None);
        let kept = base.created.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let text = match kept {
            Some(d) => format!(
                "planned: the dates of the baseline of record \"{}\" (kept {}); +N days: how far a finish moved since, in working days",
                base.name,
                short_date(d)
            ),
            None => format!(
                "planned: the dates of the baseline of record \"{}\"; +N days: how far a finish moved since, in working days",
                base.name
            ),
        };
        page.text_in(lx + 20.0, ly, width - 20.0, Align::Left, style::small(), &text)?;
        bottom = ly + 10.0;
    }
    doc.y = bottom;
    Ok(())
}

/// A P50-to-P80 whisker: a line with a tick at its end.
fn whisker(page: &mut Page, from: f32, to: f32, y: f32, color: Rgb) {
    page.line(vec![(from, y), (to, y)], Stroke::solid(color, 0.8));
    page.line(vec![(to, y - 3.5), (to, y + 3.5)], Stroke::solid(color, 0.8));
}

fn rows(facts: &Facts, by_wave: bool, forecast: Option<&super::SimulationFigures>, record: Option<&crate::drift::Baseline>) -> Vec<Row> {
    let plan = facts.plan;
    let then: std::collections::HashMap<&str, (NaiveDate, NaiveDate)> =
        record.map(|b| b.schedule.initiatives.iter().map(|d| (d.id.as_str(), (d.start, d.finish))).collect()).unwrap_or_default();
    let mut keys: Vec<(i32, Option<&str>, String)> = Vec::new();
    if by_wave {
        let mut waves: Vec<_> = plan.waves.iter().collect();
        waves.sort_by_key(|w| w.order);
        keys.push((i32::MIN, None, "Program work (no wave)".to_string()));
        keys.extend(waves.iter().map(|w| (w.order, Some(w.id.as_str()), w.name.clone())));
    } else {
        keys.extend(plan.teams.iter().map(|t| (0, Some(t.id.as_str()), t.name.clone())));
        keys.push((0, None, "No team".to_string()));
    }
    let mut out = Vec::new();
    for (_, key, name) in keys {
        let mut row: Option<Row> = None;
        for i in &plan.initiatives {
            let k = if by_wave { i.wave.as_deref() } else { i.team.as_deref() };
            let known =
                if by_wave { k.is_some_and(|w| plan.waves.iter().any(|x| x.id == w)) } else { k.is_some_and(|t| plan.team(t).is_some()) };
            let k = if known { k } else { None };
            if k != key {
                continue;
            }
            let Some(s) = facts.scheduled(&i.id) else { continue };
            let r = row.get_or_insert_with(|| Row {
                name: name.clone(),
                start: s.start_date,
                finish: s.finish_date,
                p80: None,
                critical: false,
                planned: None,
                milestones: Vec::new(),
            });
            if let Some(&(start, finish)) = then.get(i.id.as_str()) {
                r.planned = Some(r.planned.map_or((start, finish), |(a, b)| (a.min(start), b.max(finish))));
            }
            r.start = r.start.min(s.start_date);
            r.finish = r.finish.max(s.finish_date);
            r.critical |= s.critical;
            if i.is_milestone() {
                match forecast.and_then(|f| f.milestones.get(&i.id)) {
                    Some(&(p50, p80)) => r.milestones.push((p50, i.name.clone(), s.critical, Some(p80))),
                    None => r.milestones.push((s.finish_date, i.name.clone(), s.critical, None)),
                }
            }
        }
        // A wave's bar ends at the forecast's P50 for it, its whisker at P80.
        if let (Some(r), Some(&(p50, p80))) = (row.as_mut(), forecast.zip(key).and_then(|(f, k)| f.waves.get(k).filter(|_| by_wave))) {
            r.finish = p50.max(r.start);
            r.p80 = Some(p80);
        }
        if let Some(mut r) = row {
            r.milestones.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
            out.push(r);
        }
    }
    out
}

/// Month (or quarter, or year) ticks along the top; returns the y under them.
fn axis(doc: &mut Doc, first: NaiveDate, last: NaiveDate, x_of: &impl Fn(NaiveDate) -> f32) -> Result<f32, BriefError> {
    let (x0, w) = doc.column();
    let y = doc.y;
    let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32 + 1;
    let step = match months {
        ..=18 => 1,
        19..=48 => 3,
        49..=120 => 12,
        _ => 12 * ((months + 119) / 120),
    } as u32;
    let page = doc.page();
    page.line(vec![(x0 + LABELS, y + 14.0), (x0 + w, y + 14.0)], Stroke::solid(MUTED, 0.6));
    let mut d = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
    let mut guard = 0;
    while d <= last && guard < 400 {
        guard += 1;
        let x = x_of(d.max(first));
        let label = if step >= 12 { d.format("%Y").to_string() } else { d.format("%b %Y").to_string() };
        let room = x_of(add_months(d, step)) - x - 2.0;
        if d >= first {
            page.line(vec![(x, y + 10.0), (x, y + 14.0)], Stroke::solid(MUTED, 0.6));
        }
        // The first, partial period is named only where its name fits.
        let wide = style::small().face.metrics()?.width(&label, style::small().size) + 2.0;
        if d >= first || room >= wide {
            page.text_in(x + 2.0, y + 9.0, room.max(10.0), Align::Left, style::small(), &label)?;
        }
        d = add_months(d, step);
    }
    doc.y = y + 18.0;
    Ok(y + 18.0)
}

fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(n)).unwrap_or(NaiveDate::MAX)
}

/// The vertical date lines over the rows drawn on this page.
fn lines(page: &mut Page, markers: &[(NaiveDate, &str, Rgb, bool)], x_of: &impl Fn(NaiveDate) -> f32, top: f32, bottom: f32) {
    for (d, _, color, dashed) in markers {
        let x = x_of(*d);
        let stroke = if *dashed { Stroke::dashed(*color, 1.0, 3.0, 2.0) } else { Stroke::solid(*color, 1.0) };
        page.line(vec![(x, top - 4.0), (x, bottom)], stroke);
    }
}
