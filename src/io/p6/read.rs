//! Reading XER into a plan: one project's activities, relationships, calendar, resources,
//! assignments and WBS, every value converted to working days with the project calendar's
//! hours per day, a finding for every value rounded or not kept, and the file's saved early
//! dates and total float compared with Bridger's schedule.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::xer::{self, shown, Cell, Tables};
use super::{Finding, Imported, P6Error, MAX_BYTES};
use crate::model::{Calendar, Effort, Handoff, Initiative, Kind, Pin, PinAt, PinSource, Plan, Site, Status, Team, Wave};

struct Ctx {
    findings: Vec<Finding>,
    hours_per_day: f64,
}

impl Ctx {
    fn note(&mut self, subject: impl Into<String>, message: impl Into<String>) {
        self.findings.push(Finding { subject: subject.into(), message: message.into() });
    }

    /// Working days from hours, rounded to whole days with a finding when not whole.
    fn days(&mut self, hours: f64, subject: &str, what: &str) -> i32 {
        let days = hours / self.hours_per_day;
        let r = days.round().clamp(-1e6, 1e6);
        if (days - r).abs() > 1e-6 {
            self.note(
                subject,
                format!("{what} of {hours} hours = {days:.3} working days (at {} hours a day) rounded to {r}", self.hours_per_day),
            );
        }
        r as i32
    }
}

/// Reads XER from a file's bytes (Windows-1252 unless it starts with a UTF-8 byte order
/// mark); `project` chooses one project of a file that holds several (its id or short name).
pub fn from_bytes(bytes: &[u8], what: &str, project: Option<&str>) -> Result<Imported, P6Error> {
    if bytes.len() > MAX_BYTES {
        return Err(P6Error::TooBig { what: what.to_string(), bytes: bytes.len() });
    }
    let text = super::decode(bytes).map_err(|offset| P6Error::Structure {
        what: what.to_string(),
        line: bytes[..offset.min(bytes.len())].iter().filter(|b| **b == b'\n').count() + 1,
        message: format!("starts with a UTF-8 byte order mark but the byte at offset {offset} is not UTF-8"),
    })?;
    from_str(&text, what, project)
}

/// A saved activity's dates and float, to compare with Bridger's schedule.
struct Theirs {
    k: usize,
    start: Option<NaiveDate>,
    finish: Option<NaiveDate>,
    total_float_hours: Option<f64>,
    subject: String,
}

/// Reads XER text; `what` names the source in errors and findings.
pub fn from_str(text: &str, what: &str, project: Option<&str>) -> Result<Imported, P6Error> {
    from_tables(xer::parse(text, what)?, project)
}

/// Reads one project of XER's tables (read from XER, or made from PMXML by `pmxml`).
pub(super) fn from_tables(tables: Tables, project: Option<&str>) -> Result<Imported, P6Error> {
    let what = tables.what.clone();
    let what = what.as_str();
    tables.need("PROJECT")?;
    tables.need("CALENDAR")?;
    tables.need("TASK")?;
    let mut cx = Ctx { findings: Vec::new(), hours_per_day: 8.0 };

    // The project.
    let projects: Vec<Cell> = tables.rows("PROJECT").filter(|p| p.text("project_flag") != "N").collect();
    let chosen = match project {
        Some(p) => projects.iter().find(|c| c.text("proj_id") == p || c.text("proj_short_name") == p).copied(),
        None if projects.len() == 1 => projects.first().copied(),
        None => None,
    };
    let list =
        || projects.iter().map(|c| format!("{} ({})", c.text("proj_id"), shown(c.text("proj_short_name")))).collect::<Vec<_>>().join(", ");
    let Some(proj) = chosen else {
        let message = match (project, projects.len()) {
            (_, 0) => "holds no project (the PROJECT table has no row)".to_string(),
            (Some(p), _) => format!("holds no project '{}'; its projects are {}", shown(p), list()),
            (None, n) => format!("holds {n} projects: choose one with --project ID ({})", list()),
        };
        return Err(P6Error::Project { what: what.to_string(), message });
    };
    let proj_id = proj.need("proj_id")?;
    let in_project = |c: &Cell| c.text("proj_id") == proj_id;
    let name = tables
        .rows("PROJWBS")
        .find(|w| in_project(w) && w.text("proj_node_flag") == "Y")
        .map(|w| w.text("wbs_name").to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| proj.text("proj_short_name").to_string());
    let name = if name.is_empty() { "Imported plan".to_string() } else { name };

    // The calendar: the project's, else the default one.
    let clndr_id = proj.text("clndr_id");
    let cal_row = tables
        .rows("CALENDAR")
        .find(|c| !clndr_id.is_empty() && c.text("clndr_id") == clndr_id)
        .or_else(|| tables.rows("CALENDAR").find(|c| c.text("default_flag") == "Y"))
        .or_else(|| tables.rows("CALENDAR").next());
    let mut calendar = Calendar::default();
    if let Some(c) = cal_row {
        if let Some(h) = c.num("day_hr_cnt")? {
            if h <= 0.0 || h > 24.0 {
                return Err(c.bad("day_hr_cnt", format!("{h} hours is not a working day")));
            }
            cx.hours_per_day = h;
        }
        match super::calendar::parse(c.text("clndr_data")) {
            Some((days, holidays)) if !days.is_empty() => calendar = Calendar { working_days: days, holidays },
            _ => cx.note(
                format!("calendar '{}'", shown(c.text("clndr_name"))),
                "its working days cannot be read: Monday to Friday are worked, without holidays",
            ),
        }
    } else {
        cx.note("the project", "has no calendar: Monday to Friday are worked, 8 hours a day");
    }
    let start = match proj.datetime("plan_start_date")? {
        Some(d) => d.date(),
        None => return Err(proj.bad("plan_start_date", "is empty: the project has no start".to_string())),
    };
    let mut plan = Plan::new(&name, start);
    plan.calendar = calendar;
    let work = plan.calendar.anchored(start).ok();
    let is_working = |d: NaiveDate| work.as_ref().is_none_or(|w| w.is_working(d));
    // P6's data date is the first working day after Bridger's status date.
    if let Some(data_date) = proj.datetime("last_recalc_date")?.map(|d| d.date()) {
        if data_date > start {
            let mut d = data_date;
            for _ in 0..3700 {
                match d.pred_opt() {
                    Some(p) => d = p,
                    None => break,
                }
                if is_working(d) {
                    break;
                }
            }
            plan.status_date = Some(d);
        }
    }

    // Resources -> teams.
    let mut team_of: HashMap<String, String> = HashMap::new();
    for r in tables.rows("RSRC") {
        let id = r.need("rsrc_id")?;
        let rname = r.text("rsrc_name");
        if r.text("rsrc_type") == "RT_Mat" {
            cx.note(
                format!("resource {} '{}'", shown(r.text("rsrc_short_name")), shown(rname)),
                "is a material: not a team, its assignments are not effort",
            );
            continue;
        }
        let tid = format!("r{id}");
        plan.teams.push(Team::new(&tid, if rname.is_empty() { r.text("rsrc_short_name") } else { rname }, 1.0));
        team_of.insert(id.to_string(), tid);
    }

    // WBS -> waves (first level under the project node) and sites (second level).
    let wbs: Vec<Cell> = tables.rows("PROJWBS").filter(|w| in_project(w)).collect();
    let parent: HashMap<&str, &str> = wbs.iter().map(|w| (w.text("wbs_id"), w.text("parent_wbs_id"))).collect();
    let root: HashSet<&str> = wbs.iter().filter(|w| w.text("proj_node_flag") == "Y").map(|w| w.text("wbs_id")).collect();
    // The path of a WBS node from the project node down (at most 100 levels: a loop stops).
    let path = |id: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut at = id;
        for _ in 0..100 {
            if at.is_empty() || root.contains(at) {
                break;
            }
            out.push(at.to_string());
            match parent.get(at) {
                Some(p) => at = p,
                None => break,
            }
        }
        out.reverse();
        out
    };
    let mut order = 0;
    for w in &wbs {
        let id = w.text("wbs_id");
        let p = path(id);
        let wname = w.text("wbs_name");
        match p.len() {
            1 => {
                order += 1;
                plan.waves.push(Wave::new(&format!("w{id}"), wname, order));
            }
            2 => {
                plan.sites.push(Site { id: format!("s{id}"), name: wname.to_string(), wave: Some(format!("w{}", p[0])), ..Site::default() })
            }
            n if n > 2 => cx.note(
                format!("WBS node '{}'", shown(wname)),
                "is nested deeper than two levels: its activities are grouped under the site above it",
            ),
            _ => {}
        }
    }

    // Activities -> initiatives.
    let mut by_task: HashMap<String, usize> = HashMap::new();
    let mut subjects: Vec<String> = Vec::new();
    let mut theirs: Vec<Theirs> = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    let mut unowned = 0usize;
    for t in tables.rows("TASK").filter(|t| in_project(t)) {
        let task_id = t.need("task_id")?.to_string();
        if by_task.contains_key(&task_id) {
            return Err(t.bad("task_id", format!("{task_id} is used by two activities")));
        }
        let code = t.text("task_code");
        let tname = t.text("task_name");
        let subject = format!("activity {} '{}'", shown(if code.is_empty() { &task_id } else { code }), shown(tname));
        let id = if !code.is_empty() && !used.contains(code) { code.to_string() } else { format!("t{task_id}") };
        used.insert(id.clone());
        let kind = t.text("task_type");
        let milestone = matches!(kind, "TT_Mile" | "TT_FinMile");
        match kind {
            "" | "TT_Task" | "TT_Rsrc" | "TT_Mile" | "TT_FinMile" => {}
            "TT_LOE" => cx.note(
                subject.clone(),
                "is a level-of-effort activity: read as ordinary work of its planned duration (P6 stretches it over its links)",
            ),
            "TT_WBS" => {
                cx.note(subject.clone(), "is a WBS-summary activity: read as ordinary work of its planned duration (P6 spans its WBS node)")
            }
            other => return Err(t.bad("task_type", format!("'{}' is not an activity type", shown(other)))),
        }
        let hours = t.num("target_drtn_hr_cnt")?.unwrap_or(0.0);
        if hours < 0.0 {
            return Err(t.bad("target_drtn_hr_cnt", format!("{hours} hours is negative")));
        }
        let days = if milestone {
            if hours > 0.0 {
                cx.note(subject.clone(), format!("is a milestone with {hours} hours of duration: read as a milestone"));
            }
            0
        } else if hours > 0.0 {
            cx.days(hours, &subject, "duration").max(1)
        } else {
            0
        };
        let mut i = Initiative::new(&id, tname, crate::model::NO_CONTACT, days);
        unowned += 1;
        i.actual_start = t.datetime("act_start_date")?.map(|d| d.date());
        i.actual_finish = t.datetime("act_end_date")?.map(|d| d.date());
        i.status = match t.text("status_code") {
            "TK_Complete" => Status::Done,
            "TK_Active" => Status::OnTrack,
            "" | "TK_NotStart" => Status::NotStarted,
            other => return Err(t.bad("status_code", format!("'{}' is not an activity status", shown(other)))),
        };
        if i.status == Status::Done {
            i.progress = 1.0;
        } else if let Some(p) = t.num("phys_complete_pct")? {
            i.progress = (p / 100.0).clamp(0.0, 1.0);
        }
        if i.actual_start.is_some() && i.actual_finish.is_none() {
            if let Some(h) = t.num("remain_drtn_hr_cnt")? {
                let d = cx.days(h.max(0.0), &subject, "remaining duration");
                i.remaining = Some(if h > 0.0 { d.max(1) } else { 0 });
            }
        }
        for (ty, date) in [("cstr_type", "cstr_date"), ("cstr_type2", "cstr_date2")] {
            let c = t.text(ty);
            let d = t.datetime(date)?.map(|d| d.date());
            match (c, d) {
                ("", _) => {}
                ("CS_MSOA", Some(d)) => i.start_no_earlier_than = Some(d),
                ("CS_MEOB", Some(d)) => i.finish_no_later_than = Some(d),
                // P6's mandatory dates hold whatever the relationships say: pinned, as MS
                // Project's must-start-on and must-finish-on are (MPXJ maps them so).
                ("CS_MANDSTART", Some(date)) => i.pinned = Some(Pin { at: PinAt::Start, date, source: PinSource::MustStartOn }),
                ("CS_MANDFIN", Some(date)) => i.pinned = Some(Pin { at: PinAt::Finish, date, source: PinSource::MustFinishOn }),
                (other, d) => {
                    let what = match other {
                        "CS_MSO" => "start on",
                        "CS_MEO" => "finish on",
                        "CS_MSOB" => "start on or before",
                        "CS_MEOA" => "finish on or after",
                        "CS_MANDSTART" => "mandatory start",
                        "CS_MANDFIN" => "mandatory finish",
                        "CS_ALAP" => "as late as possible",
                        _ => "an unknown constraint",
                    };
                    let on = d.map(|d| format!(" {d}")).unwrap_or_default();
                    cx.note(subject.clone(), format!("has the constraint '{what}'{on}, which Bridger does not have: not kept"));
                }
            }
        }
        let tc = t.text("clndr_id");
        if !tc.is_empty() && cal_row.is_some_and(|c| c.text("clndr_id") != tc) {
            cx.note(subject.clone(), format!("has a calendar of its own ({tc}): scheduled on the project calendar"));
        }
        let p = path(t.text("wbs_id"));
        i.wave = p.first().map(|w| format!("w{w}"));
        i.site = p.get(1).map(|s| format!("s{s}"));
        // The saved schedule: actual dates where there are, else the early dates.
        let day_end = |d: NaiveDateTime| d.time() >= chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default();
        let next_working = |d: NaiveDate| {
            let mut n = d;
            for _ in 0..3700 {
                match n.succ_opt() {
                    Some(x) => n = x,
                    None => return d,
                }
                if is_working(n) {
                    return n;
                }
            }
            d
        };
        let es = t.datetime("act_start_date")?.or(t.datetime("early_start_date")?);
        let ef = t.datetime("act_end_date")?.or(t.datetime("early_end_date")?);
        let (s, f) = if days == 0 {
            // A milestone at the end of a working day happens at the start of the next one.
            let at = if kind == "TT_Mile" { es.or(ef) } else { ef.or(es) };
            let d = at.map(|d| if day_end(d) { next_working(d.date()) } else { d.date() });
            (d, d)
        } else {
            (es.map(|d| if day_end(d) { next_working(d.date()) } else { d.date() }), ef.map(|d| d.date()))
        };
        theirs.push(Theirs {
            k: plan.initiatives.len(),
            start: s,
            finish: f,
            total_float_hours: t.num("total_float_hr_cnt")?,
            subject: subject.clone(),
        });
        by_task.insert(task_id, plan.initiatives.len());
        subjects.push(subject);
        plan.initiatives.push(i);
    }
    if unowned > 0 {
        cx.note(
            "owners",
            format!(
                "P6 names no person responsible for an activity: the {unowned} activities read as owned by \"{}\", which the checks report as no owner",
                crate::model::NO_CONTACT
            ),
        );
    }

    // Relationships -> handoffs.
    let mut ids: HashSet<String> = HashSet::new();
    for r in tables.rows("TASKPRED") {
        let (succ, pred) = (r.need("task_id")?, r.need("pred_task_id")?);
        let kind = match r.text("pred_type") {
            "PR_FS" | "" => Kind::FS,
            "PR_SS" => Kind::SS,
            "PR_FF" => Kind::FF,
            "PR_SF" => Kind::SF,
            other => {
                return Err(r.bad("pred_type", format!("'{}' is not a relationship type (PR_FS, PR_SS, PR_FF or PR_SF)", shown(other))))
            }
        };
        let lag_hours = r.num("lag_hr_cnt")?.unwrap_or(0.0);
        let (Some(&to), Some(&from)) = (by_task.get(succ), by_task.get(pred)) else {
            if by_task.contains_key(succ) || by_task.contains_key(pred) {
                cx.note(format!("relationship on line {}", r.line()), "links to an activity of another project: not kept");
            }
            continue;
        };
        let subject = format!("relationship from {} into {}", subjects[from], subjects[to]);
        let lag = cx.days(lag_hours, &subject, "lag");
        let (f, t) = (plan.initiatives[from].id.clone(), plan.initiatives[to].id.clone());
        let base = format!("{f}->{t}");
        let mut id = base.clone();
        let mut n = 1;
        while ids.contains(&id) {
            n += 1;
            id = format!("{base}#{n}");
        }
        ids.insert(id.clone());
        let mut h = Handoff::fs(&id, &f, &t);
        h.kind = kind;
        h.lag = lag;
        plan.handoffs.push(h);
    }

    // Assignments -> effort (budgeted units, hours).
    for a in tables.rows("TASKRSRC") {
        let Some(&k) = by_task.get(a.text("task_id")) else { continue };
        let Some(team) = team_of.get(a.text("rsrc_id")) else {
            if !a.text("rsrc_id").is_empty() {
                cx.note(format!("assignment to {}", subjects[k]), "of a resource that is not a team: not kept");
            }
            continue;
        };
        let hours = a.num("target_qty")?.unwrap_or(0.0);
        if hours < 0.0 {
            return Err(a.bad("target_qty", format!("{hours} hours is negative")));
        }
        let i = &mut plan.initiatives[k];
        let person_days = hours / cx.hours_per_day;
        match i.effort.iter_mut().find(|e| &e.team == team) {
            Some(e) => e.person_days += person_days,
            None => i.effort.push(Effort { team: team.clone(), person_days }),
        }
        if i.team.is_none() {
            i.team = Some(team.clone());
        }
    }
    if tables.rows("TASKACTV").any(|a| by_task.contains_key(a.text("task_id"))) {
        cx.note("activity codes", "the activities' codes are not kept (the WBS gives waves and sites)");
    }

    compare(&mut cx, &plan, &theirs);
    Ok(Imported { plan, findings: cx.findings, baselines: Vec::new() })
}

/// At most this many activities are named in findings where the schedules differ.
const MAX_SCHEDULE_FINDINGS: usize = 50;

/// Each activity whose saved early start, early finish or total float differs from
/// Bridger's schedule is a finding.
fn compare(cx: &mut Ctx, plan: &Plan, theirs: &[Theirs]) {
    if !crate::health::errors(plan).is_empty() {
        cx.note("the schedule", "the plan has errors (bridger check names them): its dates are not compared with the file's");
        return;
    }
    let Ok(ours) = crate::schedule::schedule(plan) else { return };
    let by_id: HashMap<&str, &crate::schedule::ScheduledInitiative> = ours.initiatives.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut differ = 0;
    for t in theirs {
        let i = &plan.initiatives[t.k];
        let Some(s) = by_id.get(i.id.as_str()) else { continue };
        let mut diffs = Vec::new();
        if let Some(d) = t.start.filter(|d| *d != s.start_date) {
            diffs.push(format!("start {d} (Bridger {})", s.start_date));
        }
        if let Some(d) = t.finish.filter(|d| *d != s.finish_date) {
            diffs.push(format!("finish {d} (Bridger {})", s.finish_date));
        }
        if i.actual_finish.is_none() {
            if let Some(v) = t.total_float_hours.map(|h| h / cx.hours_per_day).filter(|v| (v - s.total_float as f64).abs() > 1e-6) {
                diffs.push(format!("total float {v} days (Bridger {})", s.total_float));
            }
        }
        if !diffs.is_empty() {
            differ += 1;
            if differ <= MAX_SCHEDULE_FINDINGS {
                cx.note(t.subject.clone(), format!("the file's schedule differs from Bridger's: {}", diffs.join(", ")));
            }
        }
    }
    if differ > MAX_SCHEDULE_FINDINGS {
        cx.note(
            "the schedule",
            format!("{differ} activities differ from Bridger's schedule; the first {MAX_SCHEDULE_FINDINGS} are listed"),
        );
    }
}
