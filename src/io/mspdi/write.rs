//! Writing a plan as MSPDI: elements in the order of MS Project's schema (its reader
//! insists), a 480-minute day, every initiative a task under the summary tasks of its wave
//! and site (`outline`; teams are resources), the early dates of Bridger's schedule as Start
//! and Finish.

use std::fmt::Write as _;

use chrono::{NaiveDate, Weekday};

use super::outline::{self, Group, Row};
use super::{
    Exported, Finding, HandoffData, PlanData, ResourceData, TaskData, XsdDate, PLAN_DATA_VERSION, RESOURCE_DATA, RESOURCE_ID, TASK_DATA,
    TASK_ID, TASK_STATUS,
};
use crate::drift::Baseline;
use crate::model::{Kind, PinAt, PinSource, Plan};

/// Minutes in Bridger's working day as written to MSPDI (8 hours).
pub const MINUTES_PER_DAY: i64 = 480;

/// MSPDI's link types.
pub(crate) fn link_type(kind: Kind) -> u8 {
    match kind {
        Kind::FF => 0,
        Kind::FS => 1,
        Kind::SF => 2,
        Kind::SS => 3,
    }
}

/// Text as XML element content: escaped, `\r` kept as a character reference (a parser
/// would turn a raw one into `\n`). Characters XML 1.0 cannot hold at all become U+FFFD,
/// and the caller keeps the exact text elsewhere.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if !xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document.
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Whether `written` is what [`esc`] makes of `text` once read back (characters XML cannot
/// hold replaced): then the exact text kept beside it is the same value, not an edit.
pub(crate) fn xml_text_is(text: &str, written: &str) -> bool {
    text.chars().map(|c| if xml_char(c) { c } else { '\u{FFFD}' }).eq(written.chars())
}

fn fits_xml(text: &str) -> bool {
    text.chars().all(xml_char)
}

/// A duration of whole working days in MSPDI's form.
fn duration(days: i64) -> String {
    let minutes = days * MINUTES_PER_DAY;
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    format!("{sign}PT{}H{}M0S", m / 60, m % 60)
}

/// Person-days as MSPDI work (hours, minutes and seconds; seconds may have decimals).
fn work(person_days: f64) -> String {
    let seconds = person_days * MINUTES_PER_DAY as f64 * 60.0;
    if !seconds.is_finite() || seconds < 0.0 {
        return "PT0H0M0S".to_string();
    }
    let h = (seconds / 3600.0).floor();
    let m = ((seconds - h * 3600.0) / 60.0).floor();
    let s = seconds - h * 3600.0 - m * 60.0;
    format!("PT{}H{}M{}S", h as u64, m as u64, (s * 1000.0).round() / 1000.0)
}

fn tag(out: &mut String, indent: usize, name: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "{:indent$}<{name}>{value}</{name}>", "", indent = indent);
}

fn day_type(d: Weekday) -> u8 {
    // MSPDI: 1 = Sunday ... 7 = Saturday.
    d.num_days_from_sunday() as u8 + 1
}

/// The plan as MSPDI text, with findings for what other tools will not see as Bridger does.
pub fn to_string(plan: &Plan) -> Exported {
    with_baseline(plan, None)
}

/// The plan as MSPDI text with `record`, its baseline of record, as each task's Baseline0
/// (its start, finish and duration in working days): what MS Project shows as the baseline.
pub fn with_baseline(plan: &Plan, record: Option<&Baseline>) -> Exported {
    let mut findings = Vec::new();
    let mut o = String::with_capacity(1024 + plan.initiatives.len() * 1500);
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    o.push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
    tag(&mut o, 2, "SaveVersion", 14);
    tag(&mut o, 2, "Name", esc(&plan.name));
    tag(&mut o, 2, "Title", esc(&plan.name));
    tag(&mut o, 2, "ScheduleFromStart", 1);
    let schedule = crate::schedule::schedule(plan).ok();
    let day0 = plan.calendar.anchored(plan.start).map(|c| c.day0()).unwrap_or(plan.start);
    tag(&mut o, 2, "StartDate", format!("{}T08:00:00", XsdDate(day0)));
    if let Some(s) = &schedule {
        tag(&mut o, 2, "FinishDate", format!("{}T17:00:00", XsdDate(s.finish_date)));
    } else if !plan.initiatives.is_empty() {
        findings.push(Finding {
            subject: "the plan".to_string(),
            message: "cannot be scheduled (run bridger check): tasks are written without Start and Finish dates".to_string(),
        });
    }
    if plan.uses_templates() {
        findings.push(Finding {
            subject: "the plan".to_string(),
            message: "its rollout templates, and which step each task is the instance of and what it overrides, are not kept in MS Project XML: the instances are written as ordinary tasks (export JSON to keep them; the waves and sites are kept whole)".to_string(),
        });
    }
    tag(&mut o, 2, "CalendarUID", 1);
    tag(&mut o, 2, "DefaultStartTime", "08:00:00");
    tag(&mut o, 2, "DefaultFinishTime", "17:00:00");
    tag(&mut o, 2, "MinutesPerDay", MINUTES_PER_DAY);
    let per_week = plan.calendar.working_days.len() as i64;
    tag(&mut o, 2, "MinutesPerWeek", MINUTES_PER_DAY * per_week.max(1));
    tag(&mut o, 2, "DaysPerMonth", 20);
    tag(&mut o, 2, "DurationFormat", 7);
    tag(&mut o, 2, "WorkFormat", 2);
    tag(&mut o, 2, "NewTasksEstimated", 0);
    if let Some(d) = plan.status_date {
        tag(&mut o, 2, "StatusDate", format!("{}T17:00:00", XsdDate(d)));
    }

    o.push_str("  <ExtendedAttributes>\n");
    for (id, field, alias) in [TASK_ID, TASK_STATUS, TASK_DATA, RESOURCE_ID, RESOURCE_DATA] {
        o.push_str("    <ExtendedAttribute>\n");
        tag(&mut o, 6, "FieldID", id);
        tag(&mut o, 6, "FieldName", field);
        tag(&mut o, 6, "Alias", alias);
        o.push_str("    </ExtendedAttribute>\n");
    }
    o.push_str("  </ExtendedAttributes>\n");

    // The project calendar: working weekdays 08:00-12:00 and 13:00-17:00, holidays as
    // non-working exceptions of one day each.
    o.push_str("  <Calendars>\n    <Calendar>\n");
    tag(&mut o, 6, "UID", 1);
    tag(&mut o, 6, "Name", "Standard");
    tag(&mut o, 6, "IsBaseCalendar", 1);
    tag(&mut o, 6, "BaseCalendarUID", -1);
    o.push_str("      <WeekDays>\n");
    for d in [Weekday::Sun, Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat] {
        let working = plan.calendar.working_days.contains(&d);
        o.push_str("        <WeekDay>\n");
        tag(&mut o, 10, "DayType", day_type(d));
        tag(&mut o, 10, "DayWorking", u8::from(working));
        if working {
            o.push_str("          <WorkingTimes>\n");
            for (from, to) in [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")] {
                let _ = writeln!(o, "            <WorkingTime><FromTime>{from}</FromTime><ToTime>{to}</ToTime></WorkingTime>");
            }
            o.push_str("          </WorkingTimes>\n");
        }
        o.push_str("        </WeekDay>\n");
    }
    o.push_str("      </WeekDays>\n");
    if !plan.calendar.holidays.is_empty() {
        o.push_str("      <Exceptions>\n");
        for h in &plan.calendar.holidays {
            o.push_str("        <Exception>\n");
            tag(&mut o, 10, "EnteredByOccurrences", 0);
            let h = XsdDate(*h);
            let _ = writeln!(o, "          <TimePeriod><FromDate>{h}T00:00:00</FromDate><ToDate>{h}T23:59:00</ToDate></TimePeriod>");
            tag(&mut o, 10, "Occurrences", 1);
            tag(&mut o, 10, "Name", "Holiday");
            tag(&mut o, 10, "Type", 1);
            tag(&mut o, 10, "DayWorking", 0);
            o.push_str("        </Exception>\n");
        }
        o.push_str("      </Exceptions>\n");
    }
    o.push_str("    </Calendar>\n  </Calendars>\n");

    // Tasks, in the outline's order (`outline`): waves and sites as summary tasks.
    let index: std::collections::HashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let dates: std::collections::HashMap<&str, (NaiveDate, NaiveDate)> = schedule
        .as_ref()
        .map(|s| s.initiatives.iter().map(|i| (i.id.as_str(), (i.start_date, i.finish_date))).collect())
        .unwrap_or_default();
    let floats: std::collections::HashMap<&str, (i64, i64)> = schedule
        .as_ref()
        .map(|s| s.initiatives.iter().map(|i| (i.id.as_str(), (i.total_float, i.free_float))).collect())
        .unwrap_or_default();
    let mut seen_links = std::collections::HashSet::new();
    // The handoffs into each initiative, in the plan's order (one pass, not one per task).
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); plan.initiatives.len()];
    for (k, h) in plan.handoffs.iter().enumerate() {
        if let Some(&t) = index.get(h.to.as_str()) {
            into[t].push(k);
        }
    }
    let data = PlanData {
        version: PLAN_DATA_VERSION,
        // Always: the title of a plan whose name is blank reads back blank, not as a default.
        name: Some(plan.name.clone()),
        start: Some(plan.start),
        target: plan.target,
        distribution: plan.distribution,
        summary: plan.summary.clone(),
        asks: plan.asks.clone(),
        leveling_basis: plan.leveling_basis.clone(),
        review_every_days: plan.review_every_days,
        calendar: Some(plan.calendar.clone()),
        waves: plan.waves.clone(),
        sites: plan.sites.clone(),
        risks: plan.risks.clone(),
        handoffs: plan.handoffs.iter().map(|h| h.id.clone()).collect(),
        initiatives: plan.initiatives.iter().map(|i| i.id.clone()).collect(),
        record: record.map(|b| b.name.clone()),
        priorities: plan.priorities.clone(),
    };
    o.push_str("  <Tasks>\n");
    // The project summary task (UID 0), which MS Project keeps with its custom fields: it
    // carries what belongs to no task (sites, waves, risks, the plan's own settings).
    o.push_str("    <Task>\n");
    tag(&mut o, 6, "UID", 0);
    tag(&mut o, 6, "ID", 0);
    tag(&mut o, 6, "Name", esc(&plan.name));
    tag(&mut o, 6, "Type", 1);
    tag(&mut o, 6, "OutlineNumber", 0);
    tag(&mut o, 6, "OutlineLevel", 0);
    tag(&mut o, 6, "Summary", 1);
    extended(&mut o, TASK_DATA.0, &serde_json::to_string(&data).unwrap_or_default());
    o.push_str("    </Task>\n");
    let shape = outline::outline(plan, &mut findings);
    let baseline0: std::collections::HashMap<&str, (NaiveDate, NaiveDate)> =
        record.map(|b| b.schedule.initiatives.iter().map(|d| (d.id.as_str(), (d.start, d.finish))).collect()).unwrap_or_default();
    let cal = plan.calendar.anchored(plan.start).ok();
    for (row_id, (row, level, number, uid)) in shape.rows.iter().enumerate() {
        let (k, uid, row_id) = match row {
            Row::Work(k) => (*k, *uid, row_id + 1),
            Row::Summary { group, id, name, under } => {
                summary_task(&mut o, (*group, id, name), (*uid, row_id + 1, number), under, plan, &dates);
                continue;
            }
        };
        let i = &plan.initiatives[k];
        o.push_str("    <Task>\n");
        tag(&mut o, 6, "UID", uid);
        tag(&mut o, 6, "ID", row_id);
        tag(&mut o, 6, "Name", esc(&i.name));
        // Deferred work is MS Project's inactive task: kept, out of the schedule (right after
        // the name, where the schema has it; active, the default, is not written).
        if i.is_deferred() {
            tag(&mut o, 6, "Active", 0);
        }
        let manual = i.pinned.filter(|p| p.source == PinSource::Manual);
        if manual.is_some() {
            tag(&mut o, 6, "Manual", 1); // a manually scheduled task: its Start is its pin
        }
        tag(&mut o, 6, "Type", 1); // fixed duration: Bridger's duration is the estimate
        if !i.owner.is_empty() {
            tag(&mut o, 6, "Contact", esc(&i.owner)); // MS Project's person responsible
        }
        tag(&mut o, 6, "OutlineNumber", number);
        tag(&mut o, 6, "OutlineLevel", level);
        tag(&mut o, 6, "Priority", i.priority);
        let milestone = i.is_milestone();
        // Work scheduled on no day (its likely duration is 0) starts and finishes at the
        // same moment, milestone or not (a pessimistic estimate above 0 makes it no milestone).
        let instant = i.duration.likely == 0;
        if let Some((start, finish)) = dates.get(i.id.as_str()) {
            tag(&mut o, 6, "Start", format!("{}T08:00:00", XsdDate(*start)));
            if instant {
                tag(&mut o, 6, "Finish", format!("{}T08:00:00", XsdDate(*start)));
            } else {
                tag(&mut o, 6, "Finish", format!("{}T17:00:00", XsdDate(*finish)));
            }
        }
        tag(&mut o, 6, "Duration", duration(i64::from(i.duration.likely)));
        if let Some(p) = manual {
            tag(&mut o, 6, "ManualStart", format!("{}T08:00:00", XsdDate(p.date)));
            tag(&mut o, 6, "ManualDuration", duration(i64::from(i.duration.likely)));
        }
        tag(&mut o, 6, "DurationFormat", 7);
        tag(&mut o, 6, "Estimated", 0);
        tag(&mut o, 6, "Milestone", u8::from(milestone));
        tag(&mut o, 6, "Summary", 0);
        if let Some(s) = floats.get(i.id.as_str()) {
            // Tenths of minutes, as MS Project writes slack.
            tag(&mut o, 6, "FreeSlack", s.1 * MINUTES_PER_DAY * 10);
            tag(&mut o, 6, "TotalSlack", s.0 * MINUTES_PER_DAY * 10);
        }
        let percent = (i.progress * 100.0).round().clamp(0.0, 100.0) as i64;
        tag(&mut o, 6, "PercentComplete", percent);
        if let Some(d) = i.actual_start {
            tag(&mut o, 6, "ActualStart", format!("{}T08:00:00", XsdDate(d)));
        }
        if let Some(d) = i.actual_finish {
            tag(&mut o, 6, "ActualFinish", format!("{}T17:00:00", XsdDate(d)));
        }
        if let Some(r) = i.remaining {
            tag(&mut o, 6, "RemainingDuration", duration(i64::from(r)));
        }
        // A pin is written back as it came: a manual task keeps its Start (above), a
        // must-start-on or must-finish-on its constraint; one set in Bridger is the
        // constraint of its end. MS Project holds one constraint per task.
        let constraint = i.pinned.filter(|p| p.source != PinSource::Manual);
        match (constraint, i.start_no_earlier_than) {
            (Some(p), _) => {
                let (kind, time) = if p.at == PinAt::Start { (2, "08:00:00") } else { (3, "17:00:00") };
                tag(&mut o, 6, "ConstraintType", kind);
                tag(&mut o, 6, "ConstraintDate", format!("{}T{time}", XsdDate(p.date)));
            }
            (None, Some(d)) => {
                tag(&mut o, 6, "ConstraintType", 4);
                tag(&mut o, 6, "ConstraintDate", format!("{}T08:00:00", XsdDate(d)));
            }
            (None, None) => tag(&mut o, 6, "ConstraintType", 0),
        }
        if constraint.is_some() && i.start_no_earlier_than.is_some() {
            findings.push(Finding {
                subject: format!("initiative '{}'", i.id),
                message: "is pinned and has a start-no-earlier-than date: MS Project holds one constraint, the pin is written".to_string(),
            });
        }
        if let Some(d) = i.finish_no_later_than {
            tag(&mut o, 6, "Deadline", format!("{}T17:00:00", XsdDate(d)));
        }
        if i.leveling_delay != 0 {
            tag(&mut o, 6, "LevelingDelay", i64::from(i.leveling_delay) * MINUTES_PER_DAY * 10);
            tag(&mut o, 6, "LevelingDelayFormat", 7);
        }
        if !i.notes.is_empty() {
            tag(&mut o, 6, "Notes", esc(&i.notes));
        }
        let mut data = TaskData {
            duration: Some(i.duration),
            team: i.team.clone(),
            effort: (!i.effort.is_empty()).then(|| i.effort.clone()),
            progress: Some(i.progress),
            site: i.site.clone(),
            wave: i.wave.clone(),
            value: (i.value.to_bits() != 0).then_some(i.value),
            position: i.position,
            name: (!fits_xml(&i.name)).then(|| i.name.clone()),
            owner: (!fits_xml(&i.owner)).then(|| i.owner.clone()),
            notes: (!fits_xml(&i.notes)).then(|| i.notes.clone()),
            handoffs: Vec::new(),
            remaining: i.remaining,
            updated: i.updated.clone(),
            serves: i.serves.clone(),
            deferred: i.deferred.clone(),
            pinned: i.pinned.filter(|p| p.source == PinSource::Bridger),
            group: None,
            done_when: i.done_when.clone(),
        };
        for h in into[k].iter().map(|&j| &plan.handoffs[j]) {
            let Some(&p) = index.get(h.from.as_str()) else {
                findings.push(Finding {
                    subject: format!("handoff '{}'", h.id),
                    message: format!("comes from '{}', which is not an initiative: not written as a link", h.from),
                });
                continue;
            };
            if !seen_links.insert((p, k)) {
                findings.push(Finding {
                    subject: format!("handoff '{}'", h.id),
                    message: "is a second link between the same two tasks: MS Project keeps one; Bridger reads both back".to_string(),
                });
            }
            o.push_str("      <PredecessorLink>\n");
            tag(&mut o, 8, "PredecessorUID", shape.uid[p]);
            tag(&mut o, 8, "Type", link_type(h.kind));
            tag(&mut o, 8, "CrossProject", 0);
            tag(&mut o, 8, "LinkLag", i64::from(h.lag) * MINUTES_PER_DAY * 10);
            tag(&mut o, 8, "LagFormat", 7);
            o.push_str("      </PredecessorLink>\n");
            data.handoffs.push(HandoffData {
                id: h.id.clone(),
                from: h.from.clone(),
                kind: h.kind,
                lag: h.lag,
                owner: h.owner.clone(),
                assumption: h.assumption.clone(),
                confirmed: h.confirmed,
                due: h.due,
            });
        }
        for ((field, _, _), value) in [(TASK_ID, i.id.clone()), (TASK_STATUS, i.status.as_str().to_string())] {
            if !value.is_empty() {
                extended(&mut o, field, &value);
            }
        }
        if !fits_xml(&i.id) {
            findings.push(Finding {
                subject: format!("initiative '{}'", i.id.escape_default()),
                message: "its id has characters XML cannot hold: other tools see them replaced".to_string(),
            });
        }
        extended(&mut o, TASK_DATA.0, &serde_json::to_string(&data).unwrap_or_default());
        if let (Some(&(start, finish)), Some(cal)) = (baseline0.get(i.id.as_str()), &cal) {
            // Working days from its start to the end of its finish day; a milestone (in the
            // baseline's plan, else now) on one day is of none.
            let milestone = record.and_then(|b| b.plan.as_ref()).and_then(|p| p.initiative(&i.id)).unwrap_or(i).is_milestone();
            let days = if milestone && start == finish { 0 } else { (cal.finish_limit(finish) - cal.offset_on_or_after(start)).max(0) };
            o.push_str("      <Baseline>\n");
            tag(&mut o, 8, "Number", 0);
            tag(&mut o, 8, "Start", format!("{}T08:00:00", XsdDate(start)));
            let end = if days == 0 { format!("{}T08:00:00", XsdDate(start)) } else { format!("{}T17:00:00", XsdDate(finish)) };
            tag(&mut o, 8, "Finish", end);
            tag(&mut o, 8, "Duration", duration(days));
            tag(&mut o, 8, "DurationFormat", 7);
            o.push_str("      </Baseline>\n");
        }
        o.push_str("    </Task>\n");
    }
    for h in &plan.handoffs {
        if !index.contains_key(h.to.as_str()) {
            findings.push(Finding {
                subject: format!("handoff '{}'", h.id),
                message: format!("goes to '{}', which is not an initiative: not written", h.to),
            });
        }
    }
    o.push_str("  </Tasks>\n");

    o.push_str("  <Resources>\n");
    for (k, t) in plan.teams.iter().enumerate() {
        o.push_str("    <Resource>\n");
        tag(&mut o, 6, "UID", k + 1);
        tag(&mut o, 6, "ID", k + 1);
        tag(&mut o, 6, "Name", esc(&t.name));
        tag(&mut o, 6, "Type", 1);
        tag(&mut o, 6, "MaxUnits", t.fte);
        extended(&mut o, RESOURCE_ID.0, &t.id);
        let data = ResourceData {
            fte: t.fte,
            utilization_target: t.utilization_target,
            correlation: t.correlation,
            capacity: t.capacity.clone(),
            // MS Project allows no comma in a resource name (MPXJ writes ';'): kept here.
            name: (!fits_xml(&t.name) || t.name.contains(',')).then(|| t.name.clone()),
            lead: t.lead.clone(),
        };
        extended(&mut o, RESOURCE_DATA.0, &serde_json::to_string(&data).unwrap_or_default());
        o.push_str("    </Resource>\n");
    }
    o.push_str("  </Resources>\n");

    let teams: std::collections::HashMap<&str, usize> = plan.teams.iter().enumerate().map(|(k, t)| (t.id.as_str(), k)).collect();
    o.push_str("  <Assignments>\n");
    let mut uid = 0;
    for (k, i) in plan.initiatives.iter().enumerate() {
        for e in &i.effort {
            let Some(&r) = teams.get(e.team.as_str()) else {
                findings.push(Finding {
                    subject: format!("initiative '{}'", i.id),
                    message: format!("effort of team '{}', which is not a team: kept for Bridger only, no assignment", e.team),
                });
                continue;
            };
            uid += 1;
            o.push_str("    <Assignment>\n");
            tag(&mut o, 6, "UID", uid);
            tag(&mut o, 6, "TaskUID", shape.uid[k]);
            tag(&mut o, 6, "ResourceUID", r + 1);
            let units = if i.duration.likely > 0 { e.person_days / f64::from(i.duration.likely) } else { 0.0 };
            tag(&mut o, 6, "Units", units);
            tag(&mut o, 6, "Work", work(e.person_days));
            o.push_str("    </Assignment>\n");
        }
    }
    o.push_str("  </Assignments>\n");

    o.push_str("</Project>\n");
    if !plan.risks.is_empty() {
        findings.push(Finding {
            subject: "the plan".to_string(),
            message: format!(
                "{} risks have no place in MS Project: they are kept in the project summary task's \"Bridger data\" field (waves and sites are its summary tasks)",
                plan.risks.len()
            ),
        });
    }
    Exported { text: o, findings }
}

/// A summary task of the outline: a wave, a site or the sites of no wave, its dates those of
/// the work under it, its id and what it groups in its extended attributes.
fn summary_task(
    o: &mut String,
    (group, id, name): (Group, &str, &str),
    (uid, row_id, number): (u64, usize, &str),
    under: &[usize],
    plan: &Plan,
    dates: &std::collections::HashMap<&str, (NaiveDate, NaiveDate)>,
) {
    o.push_str("    <Task>\n");
    tag(o, 6, "UID", uid);
    tag(o, 6, "ID", row_id);
    tag(o, 6, "Name", esc(name));
    tag(o, 6, "Type", 1);
    tag(o, 6, "OutlineNumber", number);
    tag(o, 6, "OutlineLevel", number.split('.').count());
    let spans: Vec<&(NaiveDate, NaiveDate)> = under.iter().filter_map(|k| dates.get(plan.initiatives[*k].id.as_str())).collect();
    if let (Some(start), Some(finish)) = (spans.iter().map(|d| d.0).min(), spans.iter().map(|d| d.1).max()) {
        tag(o, 6, "Start", format!("{}T08:00:00", XsdDate(start)));
        tag(o, 6, "Finish", format!("{}T17:00:00", XsdDate(finish)));
    }
    tag(o, 6, "Milestone", 0);
    tag(o, 6, "Summary", 1);
    if !id.is_empty() {
        extended(o, TASK_ID.0, id);
    }
    extended(o, TASK_DATA.0, &serde_json::json!({ "group": group.as_str() }).to_string());
    o.push_str("    </Task>\n");
}

fn extended(o: &mut String, field: &str, value: &str) {
    let _ = writeln!(o, "      <ExtendedAttribute><FieldID>{field}</FieldID><Value>{}</Value></ExtendedAttribute>", esc(value));
}
