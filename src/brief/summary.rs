//! Page 1, the summary a leader reads in two minutes: the status in one sentence, the
//! progress and the schedule's health in a few words (`brief::health`), the finish against the target (CPM, and P50/P80 of the stored simulation), the program
//! manager's own summary and asks, the top five risks, the seams nobody owns or confirmed,
//! teams over capacity, the decisions needed with who must act, and what changed since the
//! last review. A section whose data does not exist yet says so.

use crate::health::Severity;
use crate::model::Status;
use crate::risk::Band;

use super::doc::note;
use super::doc::{long_date, short_date, Doc};
use super::facts::Facts;
use super::load::Load;
use super::page::{Align, Font, Stroke};
use super::style::{self, CRIT, GOOD, INK, MUTED, SHADE, WARN};
use super::table::{table, Cell, Column};
use super::{BriefError, BriefOptions, SimulationFigures};

/// How many risks, seams and decisions page 1 lists, most first: the first budget whose page
/// fits on one sheet of the paper is used (the rest are on the following pages). The
/// headline, the summary and the asks are never cut: the sections give way to them.
const BUDGETS: [Budget; 13] = [
    Budget { risks: 5, seams: 5, decisions: 6 },
    Budget { risks: 5, seams: 4, decisions: 5 },
    Budget { risks: 5, seams: 3, decisions: 4 },
    Budget { risks: 5, seams: 3, decisions: 3 },
    // a decision is two lines of words: fewer risks before fewer decisions
    Budget { risks: 4, seams: 3, decisions: 3 },
    Budget { risks: 3, seams: 3, decisions: 3 },
    Budget { risks: 3, seams: 2, decisions: 3 },
    Budget { risks: 3, seams: 2, decisions: 2 },
    Budget { risks: 5, seams: 1, decisions: 1 },
    // the status by priority keeps its table before the risks keep all five
    Budget { risks: 3, seams: 1, decisions: 1 },
    Budget { risks: 2, seams: 1, decisions: 1 },
    Budget { risks: 3, seams: 0, decisions: 1 },
    Budget { risks: 2, seams: 0, decisions: 0 },
];

#[derive(Clone, Copy)]
struct Budget {
    risks: usize,
    seams: usize,
    decisions: usize,
}

pub(crate) fn page(
    doc: &mut Doc,
    facts: &Facts,
    load: &Load,
    options: &BriefOptions,
    priority_p80: &std::collections::BTreeMap<String, chrono::NaiveDate>,
    health: &crate::assessment::HealthReport,
) -> Result<(), BriefError> {
    let mut best = None;
    // The table by priority gives way before the seams do (a budget that keeps some), then
    // only its sentence stays, and when even that does not fit, the section is left out
    // (the Priorities view and `bridger priorities` have it whole).
    let tries = BUDGETS
        .iter()
        .filter(|b| b.seams > 0)
        .map(|b| (*b, Some(true)))
        .chain(BUDGETS.iter().map(|b| (*b, Some(false))))
        .chain(BUDGETS.iter().map(|b| (*b, None)));
    for (budget, full) in tries {
        let mut one = Doc::new(doc.paper);
        let cut = draw(&mut one, facts, load, options, priority_p80, health, budget, full)?;
        let fits = one.pages.len() == 1;
        best = Some((one, cut));
        if fits {
            break;
        }
    }
    if let Some((one, cut)) = best {
        doc.adopt(one);
        if cut {
            // Longer than a page holds beside the figures: whole on the pages that follow.
            doc.section("Summary and asks, in full", false)?;
            for (title, text) in [("Program manager's summary", &facts.plan.summary), ("Asks of leaders", &facts.plan.asks)] {
                doc.section_here(title, 30.0)?;
                prose(doc, text)?;
            }
        }
    }
    Ok(())
}

/// Page 1 in `budget`; whether the summary or the asks were longer than it holds.
fn draw(
    doc: &mut Doc,
    facts: &Facts,
    load: &Load,
    options: &BriefOptions,
    priority_p80: &std::collections::BTreeMap<String, chrono::NaiveDate>,
    health: &crate::assessment::HealthReport,
    budget: Budget,
    by_priority: Option<bool>,
) -> Result<bool, BriefError> {
    let plan = facts.plan;
    let (x, w) = doc.column();
    let mut y = doc.y;
    {
        let page = doc.page();
        y += page.paragraph(x, y, w, style::title(), &plan.name, 2)?;
        // With a status date, progress is as of that date, not the day the brief is made.
        let status = plan.status_date.map(|d| format!(" · status as of {}", long_date(d))).unwrap_or_default();
        let sub = format!(
            "Program brief as of {}{status} · {} initiatives, {} handoffs, {} teams · work {} {}",
            long_date(options.date),
            plan.initiatives.len(),
            plan.handoffs.len(),
            plan.teams.len(),
            if facts.schedule.start_date > options.date { "starts" } else { "started" },
            long_date(facts.schedule.start_date)
        );
        y += 2.0;
        y += page.paragraph(x, y, w, style::small(), &sub, 1)?;
    }
    y += 8.0;
    let (headline, tone) = headline(facts, options)?;
    y += doc.page().paragraph(x, y, w, Font::bold(11.0, tone), &headline, usize::MAX)?;
    y += 2.0;
    // The progress, then the schedule's health in a few words (its table is a later page).
    let progress = format!("{} {}", progress_sentence(facts), super::health::short(health));
    y += doc.page().paragraph(x, y, w, style::body(), &progress, 3)?;
    y += 8.0;
    y = figures(doc, facts, options, x, y, w)?;
    y += 10.0;
    let (bottom, cut) = words(doc, facts, x, y, w)?;
    doc.y = bottom;

    if let Some(full) = by_priority {
        super::strategy::by_priority(doc, plan, &facts.schedule, priority_p80, full)?;
    }
    top_risks(doc, facts, budget.risks)?;
    seams(doc, facts, budget.seams)?;
    capacity(doc, load)?;
    decisions(doc, facts, budget.decisions)?;
    since(doc, options.since.as_ref())?;
    super::strategy::deferred(doc, plan, options.since.as_ref())?;
    Ok(cut)
}

/// "Since the last review": the plan now against its latest baseline, in words a leader
/// reads in a minute: how far the finish (and the P80) moved, the largest slips with what
/// caused them and the handoffs they came through, and the findings new and resolved.
fn since(doc: &mut Doc, drift: Option<&crate::drift::Drift>) -> Result<(), BriefError> {
    doc.section_here("Since the last review", 30.0)?;
    let Some(d) = drift else {
        return note(
            doc,
            "No baseline is kept yet. Keep one at each review (Baselines in the window, or bridger baseline FILE --name NAME) and this brief says what moved since, and why.",
        );
    };
    let name = |id: &str| d.names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let kept = chrono::DateTime::parse_from_rfc3339(&d.since.created).map(|t| short_date(t.date_naive())).unwrap_or_default();
    let status = d.since.status_date.map(|s| format!(", status as of {}", short_date(s))).unwrap_or_default();
    // Why the finish moved: its causes, largest first, with the handoffs they came through.
    let mut causes: Vec<&crate::drift::Cause> = d.finish_causes.iter().filter(|c| c.days != 0).collect();
    causes.sort_by_key(|c| std::cmp::Reverse(c.days.abs()));
    let why: Vec<String> = causes
        .iter()
        .take(2)
        .map(|c| {
            let via = match c.via.len() + c.via_more {
                0 => String::new(),
                k => format!(", via {}", crate::words::count(k, "handoff", "handoffs")),
            };
            format!("{} ({}{via})", c.words(&name), signed_days(c.days))
        })
        .collect();
    let more =
        if causes.len() > 2 { format!(" and {} more", crate::words::count(causes.len() - 2, "change", "changes")) } else { String::new() };
    let finish = match d.finish_change_days {
        0 => format!("the finish has not moved ({})", short_date(d.finish_after)),
        n => format!("the finish moved {} to {} (was {})", signed_days(n), short_date(d.finish_after), short_date(d.finish_before)),
    };
    let because = if why.is_empty() || !d.explained { String::new() } else { format!(", because of {}{more}", why.join(" and ")) };
    let p80 = d.p80_change_days.map(|n| format!(" The P80 date moved {}.", signed_days(n))).unwrap_or_default();
    let mut text = format!("Since the baseline \"{}\" kept {kept}{status}: {finish}{because}.{p80}", d.since.name);
    if !d.explained {
        text.push_str(" That baseline holds dates only, so the moves have no causes.");
    }
    let later: Vec<&crate::drift::Move> = d.moved.iter().filter(|m| m.days > 0).collect();
    if !later.is_empty() {
        let top: Vec<String> = later.iter().take(2).map(|m| format!("'{}' ({})", name(&m.id), signed_days(m.days))).collect();
        text.push_str(&format!(
            " {} finish later, the most {}.",
            crate::words::count(later.len(), "initiative", "initiatives"),
            top.join(", ")
        ));
    }
    text.push_str(&format!(" Findings since: {} new, {} resolved.", d.findings_new.len(), d.findings_resolved.len()));
    let font = style::body();
    let lines = super::page::wrap(&text, font, doc.column().1, 5)?.len().max(1);
    doc.need(lines as f32 * font.leading() + 4.0)?;
    let (x, w) = doc.column();
    let y = doc.y;
    let used = doc.page().paragraph(x, y, w, font, &text, 5)?;
    doc.y += used + 4.0;
    Ok(())
}

/// "+4 working days", "-2 working days".
fn signed_days(n: i64) -> String {
    if n > 0 {
        format!("+{}", crate::words::working_days(n))
    } else {
        crate::words::working_days(n)
    }
}

/// Text in the flow of the pages, as long as it is: line by line, a new page when one is full.
fn prose(doc: &mut Doc, text: &str) -> Result<(), BriefError> {
    let (x, w) = doc.column();
    let font = style::body();
    let ascent = font.face.metrics()?.ascent() * font.size;
    for line in super::page::wrap(text, font, w, usize::MAX)? {
        doc.need(font.leading())?;
        let y = doc.y;
        doc.page().text(x, y + ascent, font, &line);
        doc.y += font.leading();
    }
    doc.y += 4.0;
    Ok(())
}

/// Working days between the CPM finish and the target: positive when late.
fn late_by(facts: &Facts) -> Result<Option<i64>, BriefError> {
    let plan = facts.plan;
    let Some(target) = plan.target else { return Ok(None) };
    let cal = plan.calendar.anchored(plan.start).map_err(crate::schedule::ScheduleError::from)?;
    Ok(Some(facts.schedule.makespan_days - cal.finish_limit(target)))
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 working day".to_string()
    } else {
        format!("{n} working days")
    }
}

/// The deadlines the plan misses if nothing slips, worst first: (name, deadline, working
/// days late), from the schedule's deadline slack (the `missed-deadline` finding's rule).
fn missed_deadlines<'a>(facts: &'a Facts) -> Vec<(&'a str, chrono::NaiveDate, i64)> {
    let mut v: Vec<_> = facts
        .schedule
        .initiatives
        .iter()
        .filter_map(|si| match (si.deadline, si.deadline_slack) {
            (Some(d), Some(slack)) if slack < 0 => Some((si.name.as_str(), d, -slack)),
            _ => None,
        })
        .collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    v
}

/// "misses 2 deadlines: 'A' by 4 working days (due 26 Mar 2027), 'B' by 1 working day (…)";
/// the first three named.
fn missed_clause(missed: &[(&str, chrono::NaiveDate, i64)]) -> String {
    let named: Vec<String> =
        missed.iter().take(3).map(|(name, d, late)| format!("'{name}' by {} (due {})", days(*late), short_date(*d))).collect();
    let more = if missed.len() > 3 { format!(" and {} more", missed.len() - 3) } else { String::new() };
    let count = if missed.len() == 1 { "1 deadline".to_string() } else { format!("{} deadlines", missed.len()) };
    format!("misses {count}: {}{more}", named.join(", "))
}

/// The deadlines a kept, current forecast does not meet at 80% confidence, least likely
/// first: "misses 1 deadline at 80% confidence: 'A' (due 26 Mar 2027; 12% chance, P80 9 Apr
/// 2027)". Empty when every deadline has at least an 80% chance.
fn missed_at_80(facts: &Facts, sim: &SimulationFigures) -> Option<String> {
    let mut at_risk: Vec<(&str, chrono::NaiveDate, f64, Option<chrono::NaiveDate>)> =
        sim.deadlines.iter().filter(|(_, d)| d.1 < 0.8).map(|(id, d)| (facts.name(id), d.0, d.1, d.2)).collect();
    if at_risk.is_empty() {
        return None;
    }
    at_risk.sort_by(|a, b| a.2.total_cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
    let named: Vec<String> = at_risk
        .iter()
        .take(3)
        .map(|(name, due, p, p80)| {
            let p80 = p80.map_or(String::new(), |d| format!(", P80 {}", short_date(d)));
            format!("'{name}' (due {}; {:.0}% chance{p80})", short_date(*due), p * 100.0)
        })
        .collect();
    let more = if at_risk.len() > 3 { format!(" and {} more", at_risk.len() - 3) } else { String::new() };
    let count = if at_risk.len() == 1 { "1 deadline".to_string() } else { format!("{} deadlines", at_risk.len()) };
    Some(format!("misses {count} at 80% confidence: {}{more}", named.join(", ")))
}

/// The status in one sentence, and its colour. "On track" only when the target and every
/// deadline are met (both at 80% confidence once a current forecast is kept, if nothing
/// slips otherwise); otherwise the sentence leads with what is missed.
fn headline(facts: &Facts, options: &BriefOptions) -> Result<(String, super::page::Rgb), BriefError> {
    let finish = long_date(facts.schedule.finish_date);
    let missed = missed_deadlines(facts);
    let blocked = facts.count(Status::Blocked);
    // The date to promise leads once the plan is simulated: the critical path's finish is
    // the date if nothing slips and no risk fires, which the forecast often gives well under
    // a 1% chance.
    let simulated = options.simulation.as_ref().filter(|s| !s.stale);
    let chance =
        |s: &SimulationFigures| s.probability_on_target.map(|p| format!(" ({:.0}% chance of meeting it)", p * 100.0)).unwrap_or_default();
    // (what the target says, whether it is met)
    let target: (String, Option<bool>) = match (facts.plan.target, late_by(facts)?, simulated) {
        (Some(t), _, Some(sim)) if sim.p80 > t => (
            format!(
                "Late at 80% confidence: P80 is {}, after the target of {}{}. If nothing slips, {finish}.",
                long_date(sim.p80),
                long_date(t),
                chance(sim)
            ),
            Some(false),
        ),
        (Some(t), _, Some(sim)) => {
            (format!("at 80% confidence: P80 is {}, before the target of {}{}.", long_date(sim.p80), long_date(t), chance(sim)), Some(true))
        }
        (None, _, Some(sim)) => (
            format!(
                "At 80% confidence the plan finishes by {} (P50 {}); if nothing slips, {finish}. No target date is set.",
                long_date(sim.p80),
                short_date(sim.p50)
            ),
            None,
        ),
        (Some(t), Some(late), None) if late > 0 => (
            format!("Late: the plan finishes {finish} if nothing slips, {} after its target of {}.", days(late), long_date(t)),
            Some(false),
        ),
        (Some(t), Some(late), None) => {
            (format!("if nothing slips: the plan finishes {finish}, {} before the target of {}.", days(-late), long_date(t)), Some(true))
        }
        _ => (format!("The plan finishes {finish} if nothing slips (no target date is set)."), None),
    };
    // The deadlines weighed as the target is: at 80% confidence once a current forecast is
    // kept, if nothing slips otherwise.
    let clause = match simulated {
        Some(sim) => missed_at_80(facts, sim),
        None => (!missed.is_empty()).then(|| missed_clause(&missed)),
    };
    let mut text = match (target, clause) {
        ((t, Some(true)), None) => (format!("On track {t}"), GOOD),
        ((t, Some(true)), Some(c)) => (format!("Not on track: the plan {c}. The target is met {t}"), CRIT),
        ((t, Some(false)), None) => (t, CRIT),
        ((t, Some(false)), Some(c)) => (format!("{t} It also {c}."), CRIT),
        ((t, None), None) => (t, INK),
        ((t, None), Some(c)) => (format!("{t} It {c}."), CRIT),
    };
    if let Some(sim) = options.simulation.as_ref().filter(|s| s.stale) {
        text.0.push_str(&format!(" The last forecast (P80 {}) was made before later edits.", short_date(sim.p80)));
    }
    if blocked > 0 {
        text.0.push_str(&format!(" {blocked} initiative{} blocked.", if blocked == 1 { " is" } else { "s are" }));
        if text.1 == GOOD {
            text.1 = WARN;
        }
    }
    Ok(text)
}

fn progress_sentence(facts: &Facts) -> String {
    let n = facts.plan.initiatives.len();
    let mut s = format!(
        "{:.0}% of the work is done ({} of {} initiatives finished); {} on track, {} at risk, {} blocked, {} not started.",
        facts.progress() * 100.0,
        facts.count(Status::Done),
        n,
        facts.count(Status::OnTrack),
        facts.count(Status::AtRisk),
        facts.count(Status::Blocked),
        facts.count(Status::NotStarted)
    );
    let blocked: Vec<&str> =
        facts.plan.initiatives.iter().filter(|i| i.status == Status::Blocked).map(|i| i.name.as_str()).take(3).collect();
    if !blocked.is_empty() {
        s.push_str(&format!(" Blocked: {}", blocked.join("; ")));
        let more = facts.count(Status::Blocked) - blocked.len();
        if more > 0 {
            s.push_str(&format!(" and {more} more"));
        }
        s.push('.');
    }
    s
}

/// The four dates side by side: CPM finish, target, P50, P80.
fn figures(doc: &mut Doc, facts: &Facts, options: &BriefOptions, x: f32, y: f32, w: f32) -> Result<f32, BriefError> {
    let late = late_by(facts)?;
    let sim = options.simulation.as_ref();
    let sim_note = |_: ()| match sim {
        Some(s) if s.stale => format!("{} runs, {}; plan edited since", s.iterations, s.at),
        Some(s) => format!("{} runs, {}", s.iterations, s.at),
        None => "run `bridger simulate` to get it".to_string(),
    };
    let boxes: [(&str, String, String, super::page::Rgb); 4] = [
        (
            "Finish if nothing slips",
            short_date(facts.schedule.finish_date),
            format!("{} initiatives on the critical path", facts.schedule.critical_path.len()),
            if late.is_some_and(|l| l > 0) { CRIT } else { INK },
        ),
        (
            "Target",
            facts.plan.target.map_or("not set".to_string(), short_date),
            match late {
                Some(l) if l > 0 => format!("{} late", days(l)),
                Some(l) => format!("{} to spare", days(-l)),
                None => "set it on the Plan tab".to_string(),
            },
            INK,
        ),
        ("P50 (simulated)", sim.map_or("not simulated yet".to_string(), |s| short_date(s.p50)), sim_note(()), INK),
        (
            "P80 (simulated)",
            sim.map_or("not simulated yet".to_string(), |s| short_date(s.p80)),
            match sim.and_then(|s| s.probability_on_target) {
                Some(p) => format!("{:.0}% chance of meeting the target", p * 100.0),
                None => sim_note(()),
            },
            match (sim, facts.plan.target) {
                (Some(s), Some(t)) if s.p80 > t => CRIT,
                _ => INK,
            },
        ),
    ];
    let gap = 8.0;
    let bw = (w - 3.0 * gap) / 4.0;
    let h = 48.0;
    let page = doc.page();
    for (k, (label, value, note, tone)) in boxes.iter().enumerate() {
        let bx = x + k as f32 * (bw + gap);
        page.rect(bx, y, bw, h, Some(SHADE), None);
        page.rect(bx, y, 2.5, h, Some(*tone), None);
        page.text_in(bx + 8.0, y + 12.0, bw - 12.0, Align::Left, style::small(), label)?;
        let size = if value.len() > 12 { 10.5 } else { 13.0 };
        page.text_in(bx + 8.0, y + 27.0, bw - 12.0, Align::Left, Font::bold(size, *tone), value)?;
        page.paragraph(bx + 8.0, y + 32.0, bw - 12.0, Font::regular(6.6, MUTED), note, 2)?;
    }
    Ok(y + h)
}

/// The program manager's summary and asks of leaders, side by side, whole as far as the
/// page holds them; returns the bottom and whether either was longer than the page (then
/// both follow whole on a later page, and these end with a pointer to it).
fn words(doc: &mut Doc, facts: &Facts, x: f32, y: f32, w: f32) -> Result<(f32, bool), BriefError> {
    let gap = 16.0;
    let cw = (w - gap) / 2.0;
    let font = style::body();
    let room = (((doc.bottom() - y - 21.0) / font.leading()).floor() as usize).max(3);
    let texts = [("Program manager's summary", &facts.plan.summary), ("Asks of leaders", &facts.plan.asks)];
    let mut cut = false;
    for (_, text) in texts {
        cut |= super::page::wrap(text, font, cw, usize::MAX)?.len() > room;
    }
    let page = doc.page();
    let mut bottom = y;
    for (k, (title, text)) in texts.iter().enumerate() {
        let cx = x + k as f32 * (cw + gap);
        page.text_in(cx, y + 10.0, cw, Align::Left, style::heading(), title)?;
        page.line(vec![(cx, y + 15.0), (cx + cw, y + 15.0)], Stroke::solid(style::NAVY, 0.8));
        let used = if text.trim().is_empty() {
            page.paragraph(
                cx,
                y + 21.0,
                cw,
                Font::regular(8.6, MUTED),
                "None written yet (the program manager writes it on the Plan tab).",
                2,
            )?
        } else if cut {
            let used = page.paragraph(cx, y + 21.0, cw, font, text, room - 1)?;
            used + page.paragraph(cx, y + 21.0 + used, cw, style::small(), "Whole on the page \"Summary and asks, in full\".", 1)?
        } else {
            page.paragraph(cx, y + 21.0, cw, font, text, usize::MAX)?
        };
        bottom = bottom.max(y + 21.0 + used);
    }
    Ok((bottom, cut))
}

pub(crate) fn band_color(b: Band) -> super::page::Rgb {
    match b {
        Band::Low => style::BAND_LOW,
        Band::Medium => style::BAND_MEDIUM,
        Band::High => style::BAND_HIGH,
    }
}

fn top_risks(doc: &mut Doc, facts: &Facts, top: usize) -> Result<(), BriefError> {
    doc.section_here("Top risks (score: probability × impact, 1–25)", 60.0)?;
    let ranked = facts.ranked_risks();
    if ranked.is_empty() {
        return note(doc, "No open risks are recorded.");
    }
    // One block per risk: score and title on the first line, owner and mitigation under it.
    let (x, w) = doc.column();
    let indent = 34.0;
    for (s, r) in ranked.iter().take(top) {
        let title = style::body_bold();
        let lines = super::page::wrap(&r.title, title, w - indent, 2)?;
        let height = lines.len() as f32 * title.leading() + style::small().leading() + 4.0;
        doc.need(height)?;
        let y = doc.y;
        let page = doc.page();
        page.rect(x, y + 1.5, 7.0, 7.0, Some(band_color(s.band)), Some(Stroke::solid(MUTED, 0.3)));
        page.text(x + 10.0, y + 8.0, style::body_bold(), &s.score.to_string());
        let used = page.paragraph(x + indent, y, w - indent, title, &r.title, 2)?;
        let owner = if r.owner.trim().is_empty() { "no owner".to_string() } else { r.owner.clone() };
        let mitigation = if r.mitigation.trim().is_empty() { "no mitigation".to_string() } else { format!("mitigation: {}", r.mitigation) };
        let font = if r.mitigation.trim().is_empty() { Font::bold(7.2, CRIT) } else { style::small() };
        page.paragraph(x + indent, y + used, w - indent, font, &format!("{owner} · {mitigation}"), 1)?;
        doc.y = y + height;
    }
    if ranked.len() > top {
        note(doc, &format!("{} more open risks in the register (page \"Risks\").", ranked.len() - top))?;
    }
    Ok(())
}

fn seams(doc: &mut Doc, facts: &Facts, top: usize) -> Result<(), BriefError> {
    doc.section_here("Handoffs nobody owns or confirmed", 80.0)?;
    let between = facts.plan.handoffs.iter().filter(|h| facts.team_of(&h.from) != facts.team_of(&h.to)).count();
    if facts.seams.is_empty() {
        return note(doc, &format!("Every handoff has an owner and a confirmed assumption ({between} handoffs join two teams)."));
    }
    note(
        doc,
        &format!(
            "{} handoff{} nobody owns, {} the receiving side has not confirmed ({} of the plan's {} handoffs join two teams). {}",
            facts.unowned,
            if facts.unowned == 1 { "" } else { "s" },
            facts.unconfirmed,
            between,
            facts.plan.handoffs.len(),
            if top == 0 { "Listed in the appendix \"Handoffs nobody owns or confirmed\"." } else { "The worst, by float:" }
        ),
    )?;
    if top == 0 {
        return Ok(());
    }
    let rows: Vec<Vec<Cell>> = facts
        .seams
        .iter()
        .take(top)
        .map(|s| {
            let h = s.handoff;
            let issue = match (s.unowned, s.unconfirmed) {
                (true, true) => "Unowned, unconfirmed",
                (true, false) => "Unowned",
                _ => "Unconfirmed",
            };
            vec![
                Cell::new(format!("{} → {}", facts.name(&h.from), facts.name(&h.to))),
                Cell::new(format!("{} → {}", facts.team_of(&h.from), facts.team_of(&h.to))),
                Cell::new(issue).font(Font::bold(8.6, if s.unowned { CRIT } else { INK })).chip(style::WARN),
                Cell::new(if s.critical { format!("{} d, critical", s.float) } else { format!("{} d", s.float) }),
            ]
        })
        .collect();
    let columns = [
        Column::new("Handoff", 0.40).lines(2),
        Column::new("Teams", 0.26).lines(2),
        Column::new("Issue", 0.22).lines(2),
        Column::new("Float", 0.12).right(),
    ];
    table(doc, &columns, &rows)
}

fn capacity(doc: &mut Doc, load: &Load) -> Result<(), BriefError> {
    doc.section_here("Teams over capacity", 40.0)?;
    match load {
        Load::Missing(why) => note(doc, &format!("Capacity is not computed: {why}.")),
        Load::Weekly { weeks, teams } => {
            let mut over: Vec<_> = teams.iter().filter(|t| t.over() > 0).collect();
            let peak = |t: &super::load::TeamLoad| t.peak().map_or(0.0, |p| p.0);
            over.sort_by(|a, b| peak(b).total_cmp(&peak(a)));
            if over.is_empty() {
                return note(
                    doc,
                    &format!("No team is loaded above its capacity (people × utilization target) in any of the {} weeks.", weeks.len()),
                );
            }
            let parts: Vec<String> = over
                .iter()
                .take(4)
                .map(|t| {
                    let (p, week) = t.peak().unwrap_or((0.0, 0));
                    let p = if p.is_finite() { format!("{:.0}%", p * 100.0) } else { "work without capacity".to_string() };
                    let when = weeks.get(week).map(|d| short_date(*d)).unwrap_or_default();
                    format!("{} ({} of {} weeks; peak {p}, week of {when})", t.name, t.over(), weeks.len())
                })
                .collect();
            let more = if over.len() > 4 { format!(" and {} more teams", over.len() - 4) } else { String::new() };
            note(doc, &format!("{}{more}. Weekly figures on the page \"Load per team and week\".", parts.join("; ")))
        }
    }
}

fn decisions(doc: &mut Doc, facts: &Facts, top: usize) -> Result<(), BriefError> {
    doc.section_here("Decisions needed", 60.0)?;
    let all = &facts.decisions;
    if all.is_empty() {
        return note(doc, "Nothing is blocked and nothing needs a decision.");
    }
    if top == 0 {
        return note(
            doc,
            &format!("{}: listed in the appendix \"Decisions needed\".", crate::words::count(all.len(), "decision", "decisions")),
        );
    }
    let rows: Vec<Vec<Cell>> = all
        .iter()
        .take(top)
        .map(|d| {
            let (label, tone) = match d.severity {
                Severity::Blocker => ("Blocker", CRIT),
                _ => ("Warning", style::WARN),
            };
            vec![Cell::new(label).chip(tone).font(style::body_bold()), Cell::new(d.text.clone()), Cell::new(d.who.clone())]
        })
        .collect();
    table(doc, &[Column::new("", 0.12), Column::new("Decision", 0.64).lines(3), Column::new("Who must act", 0.24).lines(2)], &rows)?;
    if all.len() > top {
        note(doc, &format!("{} more in the appendix \"Decisions needed\".", all.len() - top))?;
    }
    Ok(())
}
