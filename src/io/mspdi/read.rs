//! Reading MSPDI into a plan: units converted to working days with the file's
//! MinutesPerDay, summary tasks read as waves (outline level 1) and sites (level 2), and a
//! finding for every value rounded or not kept. Bridger's own extended attributes and
//! project summary task's "Bridger data", where present, give back what MSPDI has no field for; a native
//! field someone changed in another tool wins over Bridger's copy of it.
//!
//! One job in one file, though over 800 lines: one pass over the element tree that turns
//! MS Project's units, links, calendar and outline into a plan, the findings made where each
//! value is converted (`xml` reads the file, `write` writes one).

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use super::outline::{Group, NO_WAVE};
use super::recur::Rule;
use super::write::xml_text_is;
use super::xml::{self, Element};
use super::{
    Finding, Imported, MspdiError, PlanData, ResourceData, TaskData, INACTIVE_REASON, MAX_BYTES, PLAN_DATA_VERSION, RESOURCE_DATA,
    RESOURCE_ID, TASK_DATA, TASK_ID, TASK_STATUS,
};
use crate::drift::BaselineDates;
use crate::model::{
    Calendar, Effort, Estimate, Handoff, Initiative, Kind, Pin, PinAt, PinSource, Plan, Site, Status, Team, Wave, WorkCalendar,
};

struct Ctx<'a> {
    what: &'a str,
    findings: Vec<Finding>,
    minutes_per_day: f64,
    per_week: f64,
    /// When the project calendar's working day starts (minutes after midnight): a finish
    /// saved then is the end of the working day before.
    day_start: f64,
    /// When it ends: a milestone saved then happens at the start of the next working day.
    day_end: f64,
}

impl Ctx<'_> {
    fn note(&mut self, subject: impl Into<String>, message: impl Into<String>) {
        self.findings.push(Finding { subject: subject.into(), message: message.into() });
    }

    fn bad(&self, el: &Element, message: String) -> MspdiError {
        MspdiError::Value { what: self.what.to_string(), line: el.line, column: el.column, element: el.name.clone(), message }
    }

    /// The number in child `name`, if present; malformed is an error naming its line.
    fn num<T: std::str::FromStr>(&self, parent: &Element, name: &str) -> Result<Option<T>, MspdiError> {
        let Some(el) = parent.child(name) else { return Ok(None) };
        let t = el.text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<T>().map(Some).map_err(|_| self.bad(el, format!("'{}' is not a number of the expected kind", shown(t))))
    }

    fn float(&self, parent: &Element, name: &str) -> Result<Option<f64>, MspdiError> {
        match self.num::<f64>(parent, name)? {
            Some(x) if !x.is_finite() => Err(self.bad(parent.child(name).unwrap_or(parent), "is not a finite number".to_string())),
            x => Ok(x),
        }
    }

    fn date(&self, parent: &Element, name: &str) -> Result<Option<NaiveDate>, MspdiError> {
        let Some(el) = parent.child(name) else { return Ok(None) };
        let t = el.text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        super::parse_xsd_date(t).map(Some).ok_or_else(|| self.bad(el, format!("'{}' is not a date (YYYY-MM-DDThh:mm:ss)", shown(t))))
    }

    /// The working day a task's finish (or baseline finish) falls in: MS Project saves the
    /// end of work that ends with a working day as 08:00 of the next working day (elapsed
    /// work does), which is the end of the working day before it.
    /// A milestone saved at the end of a working day (MS Project puts one that follows work
    /// there) happens at the start of the next working day, where Bridger puts it.
    fn finish_day(
        &self,
        parent: &Element,
        name: &str,
        start: Option<NaiveDate>,
        work: Option<&WorkCalendar>,
        milestone: bool,
    ) -> Result<Option<NaiveDate>, MspdiError> {
        let Some(d) = self.date(parent, name)? else { return Ok(None) };
        let time = parent.text_of(name).and_then(time_of);
        if milestone {
            if time.is_some_and(|m| m >= self.day_end) {
                let mut day = d;
                for _ in 0..3700 {
                    match day.succ_opt() {
                        Some(n) => day = n,
                        None => return Ok(Some(d)),
                    }
                    if work.is_none_or(|w| w.is_working(day)) {
                        return Ok(Some(day));
                    }
                }
            }
            return Ok(Some(d));
        }
        let at_day_start = time.is_some_and(|m| m <= self.day_start);
        if !at_day_start || start.is_none_or(|s| d <= s) {
            return Ok(Some(d));
        }
        let mut day = d;
        for _ in 0..3700 {
            match day.pred_opt() {
                Some(p) if start.is_none_or(|s| p >= s) => day = p,
                _ => return Ok(Some(d)),
            }
            if work.is_none_or(|w| w.is_working(day)) {
                return Ok(Some(day));
            }
        }
        Ok(Some(d))
    }

    /// A date and time (`2027-01-04T08:00:00`).
    fn datetime(&self, parent: &Element, name: &str) -> Result<Option<NaiveDateTime>, MspdiError> {
        let Some(d) = self.date(parent, name)? else { return Ok(None) };
        let m = parent.text_of(name).and_then(time_of).unwrap_or(0.0);
        Ok(d.and_hms_opt(0, 0, 0).map(|t| t + chrono::Duration::minutes(m as i64)))
    }

    /// The working days `minutes` of elapsed time from `from` cover (negative: before it),
    /// each working day counted for the share of its hours (`day_start`..`day_end`) inside.
    /// None past a century.
    fn span_days(&self, from: NaiveDateTime, minutes: f64, work: &WorkCalendar) -> Option<f64> {
        let len = self.day_end - self.day_start;
        if !minutes.is_finite() || minutes.abs() > 36_600.0 * 1440.0 || len <= 0.0 {
            return None;
        }
        let to = from + chrono::Duration::minutes(minutes.round() as i64);
        let (a, b) = if to >= from { (from, to) } else { (to, from) };
        let mut total = 0.0;
        let mut d = a.date();
        while d <= b.date() {
            if work.is_working(d) {
                let midnight = d.and_hms_opt(0, 0, 0)?;
                let ws = midnight + chrono::Duration::minutes(self.day_start as i64);
                let we = midnight + chrono::Duration::minutes(self.day_end as i64);
                let overlap = (b.min(we) - a.max(ws)).num_minutes().max(0) as f64;
                total += overlap / len;
            }
            d = d.succ_opt()?;
        }
        Some(if to >= from { total } else { -total })
    }

    /// A duration (`PT8H30M0S`, optionally signed, with days) in minutes.
    fn minutes(&self, parent: &Element, name: &str) -> Result<Option<f64>, MspdiError> {
        let Some(el) = parent.child(name) else { return Ok(None) };
        let t = el.text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        parse_duration(t).map(Some).ok_or_else(|| self.bad(el, format!("'{}' is not a duration (PT8H0M0S)", shown(t))))
    }

    /// Working days, not rounded, from minutes of work (or of elapsed time).
    fn plain_days(&self, minutes: f64, elapsed: bool) -> f64 {
        if elapsed {
            minutes / 1440.0 * self.per_week / 7.0
        } else {
            minutes / self.minutes_per_day
        }
    }

    /// Working days from minutes of work (or of elapsed time), rounded to whole days with a
    /// finding when they were not whole.
    fn days(&mut self, minutes: f64, elapsed: bool, subject: &str, what: &str) -> i32 {
        let days = self.plain_days(minutes, elapsed);
        let rounded = days.round();
        let clamped = rounded.clamp(-1e9, 1e9);
        if clamped != rounded {
            self.note(subject, format!("{what} of {days:e} working days is out of range: read as {clamped}"));
            return clamped as i32;
        }
        if (days - rounded).abs() > 1e-9 {
            let unit = if elapsed { " (elapsed time, at the calendar's working days per week)" } else { "" };
            self.note(subject, format!("{what} of {:.3} working days{unit} rounded to {clamped}", days));
        }
        clamped as i32
    }
}

/// Bridger's exact copy of a text XML could not hold as it is, while the file's text is
/// still what XML made of it (not edited in another tool since).
fn exact(copy: &Option<String>, written: &str) -> Option<String> {
    copy.as_ref().filter(|c| xml_text_is(c, written)).cloned()
}

/// The time of an `xsd:dateTime` ("2027-01-04T08:00:00") in minutes after midnight.
fn time_of(text: &str) -> Option<f64> {
    let (_, time) = text.trim().split_once('T')?;
    let mut it = time.split(':');
    let h: f64 = it.next()?.parse().ok()?;
    let m: f64 = it.next()?.get(..2)?.parse().ok()?;
    Some(h * 60.0 + m)
}

fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(60).map(|c| if c.is_control() { '?' } else { c }).collect();
    if s.chars().count() > 60 {
        out.push_str("...");
    }
    out
}

/// `[-]P[nD]T[nH][nM][nS]` (also `PnD` alone) in minutes.
pub(crate) fn parse_duration(t: &str) -> Option<f64> {
    let (sign, rest) = match t.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, t),
    };
    let rest = rest.strip_prefix('P')?;
    let mut minutes = 0.0;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c {
            'T' if !in_time && number.is_empty() => in_time = true,
            '0'..='9' | '.' => number.push(c),
            'D' | 'H' | 'M' | 'S' | 'W' | 'Y' => {
                let n: f64 = number.parse().ok()?;
                number.clear();
                any = true;
                minutes += match (c, in_time) {
                    ('D', false) => n * 1440.0,
                    ('W', false) => n * 7.0 * 1440.0,
                    ('H', true) => n * 60.0,
                    ('M', true) => n,
                    ('S', true) => n / 60.0,
                    _ => return None, // months and years have no fixed length
                };
            }
            _ => return None,
        }
    }
    (any && number.is_empty() && minutes.is_finite()).then_some(sign * minutes)
}

/// MSPDI duration and lag formats that count elapsed time (24 hours a day, every day).
fn elapsed_format(f: i64) -> bool {
    matches!(f, 4 | 6 | 8 | 10 | 12 | 20 | 36 | 38 | 40 | 42 | 44 | 52)
}

fn percent_format(f: i64) -> bool {
    matches!(f, 19 | 20 | 51 | 52)
}

/// The field ids that carry Bridger's attributes in this file (by their alias, so a file
/// that uses Text1 for something else is not misread).
struct Fields {
    task_id: Option<String>,

    task_status: Option<String>,
    task_data: Option<String>,
    resource_id: Option<String>,
    resource_data: Option<String>,
}

fn fields(project: &Element) -> Fields {
    let mut by_alias: HashMap<String, String> = HashMap::new();
    if let Some(list) = project.child("ExtendedAttributes") {
        for a in list.all("ExtendedAttribute") {
            if let (Some(id), Some(alias)) = (a.text_of("FieldID"), a.text_of("Alias")) {
                by_alias.entry(format!("{}:{alias}", id.get(..3).unwrap_or(id))).or_insert_with(|| id.to_string());
            }
        }
    }
    // Task fields start 1887..., resource fields 2055...: the alias is shared.
    let get = |f: (&str, &str, &str)| by_alias.get(&format!("{}:{}", f.0.get(..3).unwrap_or(f.0), f.2)).cloned();
    Fields {
        task_id: get(TASK_ID),

        task_status: get(TASK_STATUS),
        task_data: get(TASK_DATA),
        resource_id: get(RESOURCE_ID),
        resource_data: get(RESOURCE_DATA),
    }
}

fn attribute<'e>(el: &'e Element, field: &Option<String>) -> Option<&'e str> {
    let field = field.as_deref()?;
    el.all("ExtendedAttribute").find(|a| a.text_of("FieldID") == Some(field)).and_then(|a| a.raw_text_of("Value"))
}

/// Reads MSPDI from a file's bytes: text that is not UTF-8 is refused with its line and byte
/// offset (reading the file into a `String` first would only say that it is not).
pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Imported, MspdiError> {
    if bytes.len() > MAX_BYTES {
        return Err(MspdiError::TooBig { what: what.to_string(), bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column, offset) = crate::io::utf8_error_at(bytes, &e);
        MspdiError::NotUtf8 { what: what.to_string(), line, column, offset }
    })?;
    from_str(text, what)
}

/// Reads MSPDI text; `what` names the source in errors and findings.
pub fn from_str(text: &str, what: &str) -> Result<Imported, MspdiError> {
    if text.len() > MAX_BYTES {
        return Err(MspdiError::TooBig { what: what.to_string(), bytes: text.len() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let project = xml::parse(text, what)?;
    if project.name != "Project" {
        return Err(MspdiError::NotMspdi { what: what.to_string(), found: project.name.clone() });
    }
    let mut cx = Ctx { what, findings: Vec::new(), minutes_per_day: 480.0, per_week: 5.0, day_start: 480.0, day_end: 1020.0 };
    let mpd = cx.float(&project, "MinutesPerDay")?.unwrap_or(480.0);
    if mpd <= 0.0 || mpd > 1440.0 {
        return Err(cx.bad(project.child("MinutesPerDay").unwrap_or(&project), format!("{mpd} minutes per day is not a working day")));
    }
    cx.minutes_per_day = mpd;
    let fields = fields(&project);
    // What belongs to no task: the "Bridger data" of the project summary task (UID 0).
    let summary_task = project
        .child("Tasks")
        .and_then(|ts| ts.all("Task").find(|t| t.text_of("UID") == Some("0") || t.text_of("OutlineLevel") == Some("0")));
    let data: Option<PlanData> = match summary_task.and_then(|t| attribute(t, &fields.task_data).map(|raw| (t, raw))) {
        Some((t, raw)) => match serde_json::from_str::<PlanData>(raw) {
            Ok(d) if d.version <= PLAN_DATA_VERSION => Some(d),
            Ok(d) => {
                cx.note(
                    "the project summary task",
                    format!("holds Bridger data of a newer Bridger (version {}): its sites, waves and risks are not read", d.version),
                );
                None
            }
            Err(e) => {
                cx.note(
                    format!("the project summary task (line {})", t.line),
                    format!("its Bridger data cannot be read ({e}): sites, waves and risks are lost"),
                );
                None
            }
        },
        None => None,
    };
    // Plan and calendar.
    let title = project.raw_text_of("Title").unwrap_or("");
    let name = data
        .as_ref()
        .and_then(|d| exact(&d.name, title))
        .or_else(|| (!title.trim().is_empty()).then(|| title.to_string()))
        .or_else(|| project.raw_text_of("Name").filter(|t| !t.trim().is_empty()).map(str::to_string))
        .unwrap_or_else(|| "Imported plan".to_string());
    let calendar = read_calendar(&mut cx, &project, data.as_ref())?;
    cx.per_week = calendar.working_days.len().max(1) as f64;
    let native_start = cx.date(&project, "StartDate")?;
    let start = match (data.as_ref().and_then(|d| d.start), native_start) {
        // Bridger writes day 0 (the first working day on or after its start).
        (Some(s), Some(n)) if calendar.anchored(s).map(|c| c.day0()).ok() == Some(n) || s == n => s,
        (_, Some(n)) => n,
        (Some(s), None) => s,
        (None, None) => match earliest_start(&cx, &project)? {
            Some(d) => {
                cx.note("the project", format!("has no StartDate: the plan starts on its earliest task start, {d}"));
                d
            }
            None => {
                cx.note("the project", "has no StartDate and no task has a Start: the plan starts on 2000-01-03");
                NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default()
            }
        },
    };
    if cx.num::<i64>(&project, "ScheduleFromStart")? == Some(0) {
        cx.note(
            "the project",
            "is scheduled from its finish in MS Project (ScheduleFromStart 0): Bridger schedules it from its start, as soon as possible",
        );
    }
    let mut plan = Plan::new(&name, start);
    plan.calendar = calendar;
    let work = plan.calendar.anchored(start).ok();
    plan.status_date = cx.date(&project, "StatusDate")?;
    if let Some(d) = &data {
        plan.target = d.target;
        plan.distribution = d.distribution;
        plan.summary = d.summary.clone();
        plan.asks = d.asks.clone();
        plan.leveling_basis = d.leveling_basis.clone();
        plan.review_every_days = d.review_every_days;
        plan.waves = d.waves.clone();
        plan.sites = d.sites.clone();
        plan.risks = d.risks.clone();
        plan.priorities = d.priorities.clone();
    }

    // Resources -> teams.
    let mut team_of_resource: HashMap<i64, String> = HashMap::new();
    if let Some(list) = project.child("Resources") {
        for r in list.all("Resource") {
            let Some(uid) = cx.num::<i64>(r, "UID")? else { continue };
            if cx.num::<i64>(r, "IsNull")? == Some(1) {
                continue;
            }
            let rname = r.raw_text_of("Name").unwrap_or("").to_string();
            let subject = format!("resource {uid} '{}'", shown(&rname));
            if uid == 0 && rname.trim().is_empty() {
                continue; // MS Project's placeholder resource
            }
            let kind = cx.num::<i64>(r, "Type")?.unwrap_or(1);
            if kind != 1 {
                cx.note(subject, "is a material or cost resource: not a team, its assignments are not effort");
                continue;
            }
            let id = attribute(r, &fields.resource_id).map(str::to_string).unwrap_or_else(|| format!("r{uid}"));
            let max_units = cx.float(r, "MaxUnits")?.unwrap_or(1.0);
            let mut team = Team::new(&id, &rname, max_units);
            if let Some(raw) = attribute(r, &fields.resource_data) {
                match serde_json::from_str::<ResourceData>(raw) {
                    Ok(d) => {
                        if d.fte == max_units || (d.fte - max_units).abs() < 1e-9 {
                            team.fte = d.fte;
                        }
                        team.utilization_target = d.utilization_target;
                        team.correlation = d.correlation;
                        team.capacity = d.capacity;
                        team.lead = d.lead;
                        // Bridger's name, unless the file's says something else than what
                        // XML or MS Project's rules (no comma in a resource name) made of it.
                        if let Some(n) = d.name {
                            if xml_text_is(&n, &rname) || xml_text_is(&n.replace(',', ";"), &rname) {
                                team.name = n;
                            }
                        }
                    }
                    Err(e) => cx.note(
                        subject,
                        format!("its Bridger data cannot be read ({e}): utilization target and capacity changes left at their defaults"),
                    ),
                }
            }
            team_of_resource.insert(uid, id);
            plan.teams.push(team);
        }
    }

    // Tasks -> initiatives, summary tasks -> waves and sites.
    struct Link {
        succ: usize,
        pred_uid: i64,
        kind: Option<i64>,
        lag: f64,
        format: i64,
    }
    let mut links: Vec<Link> = Vec::new();
    let mut by_uid: HashMap<i64, usize> = HashMap::new();
    let mut summary_uids: HashSet<i64> = HashSet::new();
    let mut datas: Vec<TaskData> = Vec::new();
    // The open summary tasks by outline level: (level, wave or site id, is wave).
    let mut groups: Vec<(i64, String, bool)> = Vec::new();
    let mut wave_order = plan.waves.iter().map(|w| w.order).max().unwrap_or(0);
    let mut durations: Vec<i32> = Vec::new();
    let mut unowned: Vec<i64> = Vec::new();
    let mut theirs: Vec<(usize, Theirs)> = Vec::new();
    let mut baseline0: Vec<BaselineDates> = Vec::new();
    // Per task: how findings name it, and the first thing the reading changed about it.
    let mut causes: Vec<(String, Option<String>)> = Vec::new();
    if let Some(list) = project.child("Tasks") {
        for t in list.all("Task") {
            let Some(uid) = cx.num::<i64>(t, "UID")? else {
                return Err(cx.bad(t, "has no UID".to_string()));
            };
            if cx.num::<i64>(t, "IsNull")? == Some(1) {
                continue;
            }
            let tname = t.raw_text_of("Name").unwrap_or("").to_string();
            // The ID is what MS Project shows in its first column; the line of a file saved
            // on two lines locates nothing.
            let subject = match cx.num::<i64>(t, "ID")? {
                Some(id) if id == uid => format!("task {id} '{}'", shown(&tname)),
                Some(id) => format!("task {id} '{}' (UID {uid})", shown(&tname)),
                None => format!("task UID {uid} '{}'", shown(&tname)),
            };
            let before = cx.findings.len();
            let level = cx.num::<i64>(t, "OutlineLevel")?.unwrap_or(1);
            if uid == 0 || level == 0 {
                summary_uids.insert(uid);
                continue; // the project summary task
            }
            if by_uid.contains_key(&uid) || summary_uids.contains(&uid) {
                return Err(cx.bad(t, format!("UID {uid} is used by two tasks")));
            }
            groups.retain(|(l, _, _)| *l < level);
            let summary = cx.num::<i64>(t, "Summary")? == Some(1);
            if summary {
                summary_uids.insert(uid);
                // Bridger's own outline names each summary's wave or site (its id and what it
                // groups); the summary of the sites of no wave is no wave (an empty id).
                let group = attribute(t, &fields.task_data)
                    .and_then(|raw| serde_json::from_str::<TaskData>(raw).ok())
                    .and_then(|d| d.group)
                    .and_then(|g| Group::parse(&g));
                let own_id = attribute(t, &fields.task_id).map(str::to_string).filter(|id| !id.is_empty());
                let outer_wave = groups.iter().find(|g| g.2 && !g.1.is_empty()).map(|g| g.1.clone());
                if groups.is_empty() && (group == Some(Group::NoWave) || (group.is_none() && tname == NO_WAVE)) {
                    groups.push((level, String::new(), true));
                } else if groups.is_empty() {
                    let id = own_id.unwrap_or_else(|| format!("w{uid}"));
                    if plan.wave(&id).is_none() {
                        wave_order += 1;
                        plan.waves.push(Wave::new(&id, &tname, wave_order));
                    }
                    groups.push((level, id, true));
                } else if groups.len() == 1 {
                    let id = own_id.unwrap_or_else(|| format!("s{uid}"));
                    if plan.site(&id).is_none() {
                        plan.sites.push(Site { id: id.clone(), name: tname.clone(), region: None, wave: outer_wave, ..Site::default() });
                    }
                    groups.push((level, id, false));
                } else {
                    cx.note(
                        subject.clone(),
                        "is a summary task nested deeper than two levels: its tasks are grouped under the site above it",
                    );
                }
                if t.child("PredecessorLink").is_some() {
                    cx.note(
                        subject.clone(),
                        "is a summary task with links: Bridger groups summary tasks as waves and sites, so their links are not kept",
                    );
                }
                if t.child("Deadline").is_some() || matches!(cx.num::<i64>(t, "ConstraintType")?, Some(c) if c != 0) {
                    cx.note(subject, "is a summary task with a constraint or deadline: not kept");
                }
                continue;
            }
            let has_data = attribute(t, &fields.task_data).is_some();
            let data: TaskData = match attribute(t, &fields.task_data) {
                Some(raw) => serde_json::from_str(raw).unwrap_or_else(|e| {
                    cx.note(
                        subject.clone(),
                        format!("its Bridger data cannot be read ({e}): three-point estimate, site, wave and handoff details are lost"),
                    );
                    TaskData::default()
                }),
                None => TaskData::default(),
            };
            let id = attribute(t, &fields.task_id).map(str::to_string).unwrap_or_else(|| format!("t{uid}"));
            let contact = t.raw_text_of("Contact").unwrap_or("");
            let owner = exact(&data.owner, contact).or_else(|| (!contact.is_empty()).then(|| contact.to_string()));
            if owner.is_none() {
                unowned.push(uid);
            }
            let owner = owner.unwrap_or_default();
            let name = exact(&data.name, &tname).unwrap_or_else(|| tname.clone());
            let mut i = Initiative::new(&id, &name, &owner, 0);

            let format = cx.num::<i64>(t, "DurationFormat")?.unwrap_or(7);
            let minutes = cx.minutes(t, "Duration")?;
            let milestone = cx.num::<i64>(t, "Milestone")? == Some(1);
            let days = match minutes {
                Some(m) if percent_format(format) => {
                    cx.note(subject.clone(), "has a duration in percent, which has no meaning for a task: read as 0 days");
                    let _ = m;
                    0
                }
                Some(m) if m > 0.0 && cx.plain_days(m, elapsed_format(format)) < 0.5 => {
                    // MS Project schedules it in part of a day; a milestone it is not.
                    cx.note(
                        subject.clone(),
                        format!(
                            "lasts {m} minute{}, under half a working day: read as 1 day (not a milestone)",
                            if m == 1.0 { "" } else { "s" }
                        ),
                    );
                    1
                }
                Some(m) if elapsed_format(format) => match (cx.datetime(t, "Start")?, work.as_ref()) {
                    // Elapsed time covers the working days between its start and its end.
                    (Some(from), Some(w)) if cx.span_days(from, m, w).is_some_and(|d| d >= 0.5) => {
                        let covered = cx.span_days(from, m, w).unwrap_or(0.0).round();
                        cx.note(
                            subject.clone(),
                            format!(
                                "lasts {} elapsed days: read as the {covered} working days it covers from its saved start {}",
                                m / 1440.0,
                                from.date()
                            ),
                        );
                        covered.clamp(1.0, 1e9) as i32
                    }
                    _ => cx.days(m, true, &subject, "duration"),
                },
                Some(m) => cx.days(m, false, &subject, "duration"),
                None if milestone => 0,
                None => {
                    cx.note(subject.clone(), "has no Duration: read as a milestone of 0 days");
                    0
                }
            };
            if milestone && days != 0 {
                cx.note(subject.clone(), format!("is marked as a milestone but lasts {days} days: kept as a task of {days} days"));
            }
            i.duration = match data.duration {
                Some(e) if e.likely == days => e,
                Some(e) => {
                    cx.note(
                        subject.clone(),
                        format!("its duration changed from {} to {days} days: the three-point estimate is widened to hold it", e.likely),
                    );
                    Estimate { optimistic: e.optimistic.min(days), likely: days, pessimistic: e.pessimistic.max(days) }
                }
                None => Estimate::exact(days),
            };
            durations.push(days);

            let percent = cx.float(t, "PercentComplete")?.unwrap_or(0.0);
            if !(0.0..=100.0).contains(&percent) {
                cx.note(subject.clone(), format!("is {percent}% complete: read as {}%", percent.clamp(0.0, 100.0)));
            }
            let percent = percent.clamp(0.0, 100.0);
            i.progress = match data.progress {
                Some(p) if (p * 100.0).round() == percent.round() => p,
                _ => percent / 100.0,
            };
            let status = attribute(t, &fields.task_status).map(str::trim).unwrap_or("");
            i.status = match Status::parse(status) {
                Some(s) => s,
                None => {
                    if !status.is_empty() {
                        cx.note(
                            subject.clone(),
                            format!("has the Bridger status '{}', which is not a status: read from its percent complete", shown(status)),
                        );
                    }
                    if percent >= 100.0 {
                        Status::Done
                    } else if percent > 0.0 {
                        Status::OnTrack
                    } else {
                        Status::NotStarted
                    }
                }
            };

            let constraint = cx.num::<i64>(t, "ConstraintType")?.unwrap_or(0);
            let cdate = cx.date(t, "ConstraintDate")?;
            // A manually scheduled task keeps its saved Start whatever its predecessors say
            // (its duration is its Duration): a pinned start. Must-start-on and
            // must-finish-on pin the date they name. Each remembers what it was.
            let manual = if cx.num::<i64>(t, "Manual")? == Some(1) { cx.date(t, "Start")? } else { None };
            let pin = |at, date, source| {
                Some(Pin { at, date, source: data.pinned.filter(|p| p.at == at && p.date == date).map_or(source, |p| p.source) })
            };
            match (constraint, cdate) {
                _ if manual.is_some() => {
                    i.pinned = manual.and_then(|d| pin(PinAt::Start, d, PinSource::Manual));
                    if !has_data {
                        cx.note(
                            subject.clone(),
                            "is manually scheduled: read as a pinned start on its saved Start, with its Duration; a pinned start has no float in Bridger (MS Project gives a manual task the float its successors leave, and none to what comes before it)",
                        );
                    }
                    if constraint != 0 {
                        cx.note(
                            subject.clone(),
                            "is manually scheduled: its saved Start is kept as a pinned start, its constraint is not kept",
                        );
                    }
                }
                (0, _) => {}
                (2, Some(d)) => i.pinned = pin(PinAt::Start, d, PinSource::MustStartOn),
                (3, Some(d)) => i.pinned = pin(PinAt::Finish, d, PinSource::MustFinishOn),
                (4, Some(d)) => i.start_no_earlier_than = Some(d),
                (c, d) => {
                    let name = match c {
                        1 => "as late as possible",
                        2 => "must start on",
                        3 => "must finish on",
                        4 => "start no earlier than",
                        5 => "start no later than",
                        6 => "finish no earlier than",
                        7 => "finish no later than",
                        _ => "an unknown constraint",
                    };
                    let on = d.map(|d| format!(" {d}")).unwrap_or_default();
                    let hint = if c == 7 { " (a Deadline is kept as Bridger's finish no later than)" } else { "" };
                    cx.note(subject.clone(), format!("has the constraint '{name}'{on}, which Bridger does not have: not kept{hint}"));
                }
            }
            i.finish_no_later_than = cx.date(t, "Deadline")?;
            // MS Project's actual dates; the remaining work only as the owner set it (the
            // file's RemainingDuration always holds a value, derived from percent complete).
            i.actual_start = cx.date(t, "ActualStart")?;
            i.actual_finish = cx.date(t, "ActualFinish")?;
            // Bridger's remaining work is the owner's word; another tool's RemainingDuration
            // of work under way is its owner's too.
            i.remaining = data.remaining;
            if !has_data && i.actual_start.is_some() && i.actual_finish.is_none() {
                if let Some(m) = cx.minutes(t, "RemainingDuration")? {
                    let days = cx.days(m.max(0.0), elapsed_format(format), &subject, "remaining duration");
                    i.remaining = Some(if m > 0.0 { days.max(1) } else { 0 });
                }
            }
            i.updated = data.updated.clone();
            i.serves = data.serves.clone();
            // MS Project's inactive task is deferred work: Bridger's deferral (since, reason)
            // when its data has one, else deferred since the status date (the project's start
            // without one), saying why. A task active in MS Project is not deferred, whatever
            // Bridger's data said (it was made active there); a file without `Active` keeps
            // Bridger's word.
            i.deferred = match (cx.num::<i64>(t, "Active")?, &data.deferred) {
                (Some(0), Some(d)) => Some(d.clone()),
                (Some(0), None) => {
                    Some(crate::model::Deferral { since: plan.status_date.unwrap_or(plan.start), reason: INACTIVE_REASON.to_string() })
                }
                (Some(_), Some(_)) => {
                    cx.note(subject.clone(), "is active in MS Project: no longer deferred");
                    None
                }
                (None, d) => d.clone(),
                (Some(_), None) => None,
            };
            i.done_when = data.done_when.clone();
            if let Some(p) = cx.num::<i64>(t, "Priority")? {
                if !(0..=1000).contains(&p) {
                    cx.note(subject.clone(), format!("has priority {p}: read as {}", p.clamp(0, 1000)));
                }
                i.priority = p.clamp(0, 1000) as i32;
            }
            if let Some(delay) = cx.float(t, "LevelingDelay")? {
                let f = cx.num::<i64>(t, "LevelingDelayFormat")?.unwrap_or(8);
                if delay != 0.0 {
                    i.leveling_delay = cx.days(delay / 10.0, elapsed_format(f), &subject, "leveling delay");
                }
            }
            let notes = t.raw_text_of("Notes").unwrap_or("");
            i.notes = exact(&data.notes, notes).unwrap_or_else(|| notes.to_string());
            if let Some(c) = cx.num::<i64>(t, "CalendarUID")? {
                if c != -1 && Some(c) != cx.num::<i64>(&project, "CalendarUID")? {
                    cx.note(subject.clone(), format!("has a calendar of its own (UID {c}): scheduled on the project calendar"));
                }
            }
            i.team = data.team.clone();
            i.site = data.site.clone().or_else(|| groups.iter().rev().find(|g| !g.2).map(|g| g.1.clone()));
            i.wave = data.wave.clone().or_else(|| groups.iter().find(|g| g.2 && !g.1.is_empty()).map(|g| g.1.clone()));
            i.value = data.value.unwrap_or(0.0);
            i.position = data.position;
            let k = plan.initiatives.len();
            for l in t.all("PredecessorLink") {
                let Some(pred_uid) = cx.num::<i64>(l, "PredecessorUID")? else {
                    return Err(cx.bad(l, "has no PredecessorUID".to_string()));
                };
                if cx.num::<i64>(l, "CrossProject")? == Some(1) {
                    cx.note(subject.clone(), "has a link to another project: not kept");
                    continue;
                }
                links.push(Link {
                    succ: k,
                    pred_uid,
                    kind: cx.num::<i64>(l, "Type")?,
                    lag: cx.float(l, "LinkLag")?.unwrap_or(0.0),
                    format: cx.num::<i64>(l, "LagFormat")?.unwrap_or(7),
                });
            }
            let saved_start = cx.date(t, "Start")?;
            for b in t.all("Baseline") {
                if cx.num::<i64>(b, "Number")? != Some(0) {
                    continue;
                }
                let bstart = cx.date(b, "Start")?;
                let zero = cx.minutes(b, "Duration")?.is_none_or(|m| m == 0.0);
                let bstart = if zero { cx.finish_day(b, "Start", None, work.as_ref(), true)? } else { bstart };
                if let (Some(s), Some(f)) = (bstart, cx.finish_day(b, "Finish", bstart, work.as_ref(), zero)?) {
                    baseline0.push(BaselineDates { id: i.id.clone(), start: s, finish: f });
                }
            }
            let zero = i.duration.likely == 0;
            let saved_start = if zero { cx.finish_day(t, "Start", None, work.as_ref(), true)? } else { saved_start };
            let their = Theirs {
                start: saved_start,
                finish: cx.finish_day(t, "Finish", saved_start, work.as_ref(), zero)?,
                total_slack: cx.float(t, "TotalSlack")?,
                free_slack: cx.float(t, "FreeSlack")?,
                elapsed_finish: if elapsed_format(format) { cx.datetime(t, "Finish")? } else { None },
                subject: subject.clone(),
            };
            if their.start.is_some() || their.total_slack.is_some() {
                theirs.push((k, their));
            }
            let own = cx.findings[before..].iter().find(|f| f.subject == subject).map(|f| f.message.clone());
            causes.push((subject.clone(), own));
            by_uid.insert(uid, k);
            datas.push(data);
            plan.initiatives.push(i);
        }
    }

    // Links -> handoffs.
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut used_details: Vec<Vec<bool>> = datas.iter().map(|d| vec![false; d.handoffs.len()]).collect();
    // Each task's details by (giver, kind), in their order: a link takes the first unused
    // one without scanning its task's list, which made a task with n links quadratic.
    let mut details_of: HashMap<(usize, String, Kind), VecDeque<usize>> = HashMap::new();
    for (k, d) in datas.iter().enumerate() {
        for (j, h) in d.handoffs.iter().enumerate() {
            details_of.entry((k, h.from.clone(), h.kind)).or_default().push_back(j);
        }
    }
    // The last suffix given to each `giver->receiver` id: n links of one pair (all refused
    // later as duplicates but one) once tried every suffix from 1 again, n times.
    let mut suffix: HashMap<String, usize> = HashMap::new();
    for l in &links {
        let succ_id = plan.initiatives[l.succ].id.clone();
        // Named by its tasks (a file MS Project 2002-2007 saved is two lines long).
        let giver = by_uid.get(&l.pred_uid).map_or_else(|| format!("UID {}", l.pred_uid), |&p| causes[p].0.clone());
        let subject = format!("link from {giver} into {}", causes[l.succ].0);
        let Some(&p) = by_uid.get(&l.pred_uid) else {
            if summary_uids.contains(&l.pred_uid) {
                cx.note(
                    subject,
                    format!(
                        "comes from summary task {}: Bridger groups summary tasks as waves and sites, so the link is not kept",
                        l.pred_uid
                    ),
                );
            } else {
                cx.note(subject, format!("comes from task UID {}, which is not in the file: not kept", l.pred_uid));
            }
            continue;
        };
        let kind = match l.kind {
            Some(0) => Kind::FF,
            None | Some(1) => Kind::FS,
            Some(2) => Kind::SF,
            Some(3) => Kind::SS,
            Some(other) => {
                cx.note(subject.clone(), format!("has link type {other}, which MSPDI does not define: read as finish-to-start"));
                Kind::FS
            }
        };
        let lag = if l.lag == 0.0 {
            0
        } else if percent_format(l.format) {
            let d = f64::from(durations.get(p).copied().unwrap_or(0));
            let days = l.lag / 100.0 * d;
            let r = days.round();
            if (days - r).abs() > 1e-9 {
                cx.note(
                    subject.clone(),
                    format!("lag of {}% of the predecessor's {d} days = {days:.3} working days rounded to {r}", l.lag),
                );
            }
            r.clamp(-1e9, 1e9) as i32
        } else {
            let before = cx.findings.len();
            let lag = cx.days(l.lag / 10.0, elapsed_format(l.format), &subject, "lag");
            if let (Some(f), None) = (cx.findings.get(before), &causes[l.succ].1) {
                causes[l.succ].1 = Some(format!("has a lag into it whose {}", f.message));
            }
            lag
        };
        let pred_id = plan.initiatives[p].id.clone();
        let details = &datas[l.succ].handoffs;
        let found = details_of.get_mut(&(l.succ, pred_id.clone(), kind)).and_then(VecDeque::pop_front);
        let mut h = Handoff::fs("", &pred_id, &succ_id);
        h.kind = kind;
        h.lag = lag;
        if let Some(k) = found {
            used_details[l.succ][k] = true;
            let d = &details[k];
            h.id = d.id.clone();
            h.owner = d.owner.clone();
            h.assumption = d.assumption.clone();
            h.confirmed = d.confirmed;
            h.due = d.due;
        }
        if h.id.is_empty() || used_ids.contains(&h.id) {
            let base = format!("{pred_id}->{succ_id}");
            // Every suffix below the last one given is taken already (ids are never freed).
            let n = suffix.entry(base.clone()).or_insert(1);
            let mut id = if *n == 1 { base.clone() } else { format!("{base}#{n}") };
            while used_ids.contains(&id) {
                *n += 1;
                id = format!("{base}#{n}");
            }
            h.id = id;
        }
        used_ids.insert(h.id.clone());
        plan.handoffs.push(h);
    }
    for (k, d) in datas.iter().enumerate() {
        for (j, h) in d.handoffs.iter().enumerate() {
            if !used_details[k][j] {
                cx.note(
                    format!("handoff '{}'", shown(&h.id)),
                    format!(
                        "from '{}' into '{}' has no link in the file any more (removed in another tool?): not kept",
                        shown(&h.from),
                        shown(&plan.initiatives[k].id)
                    ),
                );
            }
        }
    }
    if let Some(order) = data.as_ref().map(|d| &d.handoffs).filter(|o| !o.is_empty()) {
        let pos: HashMap<&str, usize> = order.iter().enumerate().map(|(k, id)| (id.as_str(), k)).collect();
        plan.handoffs.sort_by_key(|h| pos.get(h.id.as_str()).copied().unwrap_or(usize::MAX));
    }

    // Work before the project start (only in another tool's file: Bridger's own says what
    // its start is): see `work_before_start`.
    if data.is_none() {
        let saved = theirs.iter().filter_map(|(_, t)| t.start).min();
        work_before_start(&mut cx, &mut plan, saved);
    }

    // Assignments -> effort.
    let mut native: Vec<Vec<Effort>> = vec![Vec::new(); plan.initiatives.len()];
    if let Some(list) = project.child("Assignments") {
        for a in list.all("Assignment") {
            let (Some(task), Some(res)) = (cx.num::<i64>(a, "TaskUID")?, cx.num::<i64>(a, "ResourceUID")?) else { continue };
            if res < 0 {
                continue; // MS Project's "unassigned" (-65535)
            }
            let subject = match by_uid.get(&task) {
                Some(&k) => format!("assignment of resource UID {res} to {}", causes[k].0),
                None => format!("assignment of resource UID {res} to task UID {task}"),
            };
            let Some(&k) = by_uid.get(&task) else {
                if !summary_uids.contains(&task) || res != 0 {
                    cx.note(
                        subject,
                        format!("of task UID {task}, which is not a task Bridger keeps (a summary or a missing task): not kept"),
                    );
                }
                continue;
            };
            let Some(team) = team_of_resource.get(&res) else {
                cx.note(subject, format!("of resource UID {res}, which is not a team: not kept"));
                continue;
            };
            let Some(minutes) = cx.minutes(a, "Work")? else {
                cx.note(subject, "has no Work: no effort kept");
                continue;
            };
            if minutes < 0.0 {
                cx.note(subject, "has negative work: not kept");
                continue;
            }
            let days = minutes / cx.minutes_per_day;
            match native[k].iter_mut().find(|e| e.team == *team) {
                Some(e) => {
                    e.person_days += days;
                    cx.note(subject, format!("is a second assignment of team '{team}' to '{}': the work is added", plan.initiatives[k].id));
                }
                None => native[k].push(Effort { team: team.clone(), person_days: days }),
            }
        }
    }
    for (k, effort) in native.into_iter().enumerate() {
        let i = &mut plan.initiatives[k];
        // Bridger's exact figures, while the file's work still says the same (to a minute).
        let same = |exact: &[Effort]| {
            exact.len() == effort.len()
                && exact
                    .iter()
                    .zip(&effort)
                    .all(|(a, b)| a.team == b.team && (a.person_days - b.person_days).abs() * cx.minutes_per_day < 1.0)
        };
        i.effort = match &datas[k].effort {
            Some(exact) if same(exact) => exact.clone(),
            _ => effort,
        };
        if i.team.is_none() && datas[k].duration.is_none() {
            i.team = i.effort.first().map(|e| e.team.clone());
        }
    }
    // Bridger wants one accountable person per initiative; MS Project's Contact is that
    // person, often left empty. A stand-in keeps the plan valid and the finding says so.
    if !unowned.is_empty() {
        let mut named = Vec::new();
        for uid in &unowned {
            let Some(&k) = by_uid.get(uid) else { continue };
            let team = plan.initiatives[k].team.as_ref().and_then(|t| plan.teams.iter().find(|x| &x.id == t)).map(|t| t.name.clone());
            plan.initiatives[k].owner = match team {
                Some(t) => format!("{t} ({})", crate::model::NO_CONTACT),
                None => crate::model::NO_CONTACT.to_string(),
            };
            named.push(uid.to_string());
        }
        let more = if named.len() > 10 { format!(" and {} more", named.len() - 10) } else { String::new() };
        cx.note(
            "owners",
            format!(
                "{} tasks have no Contact (the person responsible): tasks {}{more} read as owned by \"{}\" (after their team where they have one), which the checks report as no owner",
                named.len(),
                named.iter().take(10).cloned().collect::<Vec<_>>().join(", "),
                crate::model::NO_CONTACT
            ),
        );
    }
    compare(&mut cx, &plan, &theirs, &causes);
    // A file Bridger wrote lists the work by wave and site: back in the plan's order.
    if let Some(order) = data.as_ref().map(|d| &d.initiatives).filter(|o| !o.is_empty()) {
        let pos: HashMap<&str, usize> = order.iter().enumerate().map(|(k, id)| (id.as_str(), k)).collect();
        plan.initiatives.sort_by_key(|i| pos.get(i.id.as_str()).copied().unwrap_or(usize::MAX));
    }
    let record = data.as_ref().and_then(|d| d.record.clone());
    let baselines = baseline_of_record(&mut cx, baseline0, record);
    Ok(Imported { plan, findings: cx.findings, baselines })
}

/// A plan whose start-no-earlier-than dates, or the file's saved starts (`saved`, the
/// earliest), lie before its start starts at the earliest of them; work that has neither a
/// date of its own nor an actual start, and has no predecessor or a finish-to-finish one,
/// starts no earlier than the old start (`docs/scheduling.md`).
fn work_before_start(cx: &mut Ctx, plan: &mut Plan, saved: Option<NaiveDate>) {
    let old = plan.start;
    let constrained =
        plan.initiatives.iter().filter_map(|i| i.start_no_earlier_than.or(i.pinned.map(|p| p.date))).filter(|d| *d < old).min();
    let Some(first) = constrained.into_iter().chain(saved).filter(|d| *d < old).min() else { return };
    // MS Project's floor: work with no predecessor starts at StartDate, and so does work
    // with a finish-to-finish predecessor (what the FF link asks is held to StartDate);
    // FS, SS and SF links alone may pull work before it (as MPXJ's MicrosoftScheduler does).
    let led: HashSet<&str> = plan.handoffs.iter().map(|h| h.to.as_str()).collect();
    let ff: HashSet<&str> = plan.handoffs.iter().filter(|h| h.kind == Kind::FF).map(|h| h.to.as_str()).collect();
    let free: Vec<usize> = (0..plan.initiatives.len())
        .filter(|k| {
            let i = &plan.initiatives[*k];
            i.start_no_earlier_than.is_none()
                && !i.is_pinned()
                && i.actual_start.is_none()
                && (!led.contains(i.id.as_str()) || ff.contains(i.id.as_str()))
        })
        .collect();
    for k in &free {
        plan.initiatives[*k].start_no_earlier_than = Some(old);
    }
    plan.start = first;
    cx.note(
        "the project",
        format!(
            "has work before its StartDate {old} (a start-no-earlier-than date, or a link that pulls work earlier, as MS Project keeps them): the plan starts on {first}, and the {} task(s) with no date of their own and no predecessor (or a finish-to-finish one) start no earlier than {old}",
            free.len()
        ),
    );
}

/// The file's Baseline0 (MS Project's baseline, dates only) as the baseline of record.
fn baseline_of_record(cx: &mut Ctx, dates: Vec<BaselineDates>, name: Option<String>) -> Vec<crate::drift::Baseline> {
    if dates.is_empty() {
        return Vec::new();
    }
    let doc = crate::io::baselines::BaselineDoc {
        name: name.unwrap_or_else(|| "Baseline (MS Project)".to_string()),
        created: String::new(),
        status_date: None,
        of_record: true,
        initiatives: dates,
        plan: None,
        forecast: None,
    };
    match crate::io::baselines::problem(&doc) {
        Some(p) => {
            cx.note("Baseline0", format!("{p}: not kept"));
            Vec::new()
        }
        None => vec![crate::io::baselines::baseline(doc)],
    }
}

/// The earliest Start of a task that is not a summary (for a file without StartDate).
fn earliest_start(cx: &Ctx, project: &Element) -> Result<Option<NaiveDate>, MspdiError> {
    let mut first: Option<NaiveDate> = None;
    if let Some(list) = project.child("Tasks") {
        for t in list.all("Task") {
            if t.text_of("UID") == Some("0") || cx.num::<i64>(t, "Summary")? == Some(1) || cx.num::<i64>(t, "IsNull")? == Some(1) {
                continue;
            }
            if let Some(d) = cx.date(t, "Start")? {
                first = Some(first.map_or(d, |f| f.min(d)));
            }
        }
    }
    Ok(first)
}

/// The dates and slack the file's own scheduler computed for a task.
struct Theirs {
    start: Option<NaiveDate>,
    finish: Option<NaiveDate>,
    /// Tenths of minutes, as MSPDI writes slack.
    total_slack: Option<f64>,
    free_slack: Option<f64>,
    /// An elapsed task's saved finish: its slack is elapsed time from there.
    elapsed_finish: Option<NaiveDateTime>,
    subject: String,
}

/// At most this many tasks are named in findings where the schedules differ.
const MAX_SCHEDULE_FINDINGS: usize = 50;

/// A file MS Project saved carries its computed Start, Finish, TotalSlack and FreeSlack:
/// each task where Bridger's early dates or floats differ is a finding, so a user sees at
/// once whether Bridger agrees with the tool the plan came from.
fn compare(cx: &mut Ctx, plan: &Plan, theirs: &[(usize, Theirs)], causes: &[(String, Option<String>)]) {
    if theirs.is_empty() {
        return;
    }
    if !crate::health::errors(plan).is_empty() {
        cx.note("the schedule", "the plan has errors (bridger check names them): its dates are not compared with the file's");
        return;
    }
    let Ok(ours) = crate::schedule::schedule(plan) else { return };
    let by_id: HashMap<&str, &crate::schedule::ScheduledInitiative> = ours.initiatives.iter().map(|s| (s.id.as_str(), s)).collect();
    let work = plan.calendar.anchored(plan.start).ok();
    let index: HashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut givers: Vec<Vec<usize>> = vec![Vec::new(); plan.initiatives.len()];
    for h in &plan.handoffs {
        if let (Some(&f), Some(&t)) = (index.get(h.from.as_str()), index.get(h.to.as_str())) {
            givers[t].push(f);
        }
    }
    // What explains a task's difference: what the reading changed about it, else about the
    // nearest task upstream of it, else the file's way of scheduling work under way.
    let in_progress = |k: usize| {
        let i = &plan.initiatives[k];
        (plan.status_date.is_some() && i.actual_start.is_some() && i.actual_finish.is_none()).then(|| {
            "it is under way: MS Project leaves its remaining work where it was, Bridger schedules it after the status date".to_string()
        })
    };
    let why = |k: usize| -> String {
        if let Some(c) = causes.get(k).and_then(|c| c.1.clone()) {
            return format!("because it {c}");
        }
        if let Some(c) = in_progress(k) {
            return format!("because {c}");
        }
        let mut seen = HashSet::from([k]);
        let mut queue: VecDeque<usize> = givers[k].iter().copied().collect();
        while let Some(g) = queue.pop_front() {
            if !seen.insert(g) {
                continue;
            }
            if let Some(c) = causes.get(g).and_then(|c| c.1.clone()).or_else(|| in_progress(g)) {
                return format!("because, upstream, {} {}", causes[g].0, c.strip_prefix("it is ").map_or(c.clone(), |r| format!("is {r}")));
            }
            queue.extend(givers[g].iter().copied());
        }
        "and the file says nothing Bridger did not keep: a difference of scheduling rules".to_string()
    };
    let mut differ = 0usize;
    for (k, t) in theirs {
        let Some(s) = by_id.get(plan.initiatives[*k].id.as_str()) else { continue };
        let mut diffs = Vec::new();
        if let Some(d) = t.start.filter(|d| *d != s.start_date) {
            diffs.push(format!("start {d} (Bridger {})", s.start_date));
        }
        if let Some(d) = t.finish.filter(|d| *d != s.finish_date) {
            diffs.push(format!("finish {d} (Bridger {})", s.finish_date));
        }
        // An elapsed task's slack is elapsed time after its finish.
        let days = |tenths: f64| match (t.elapsed_finish, work.as_ref()) {
            (Some(f), Some(w)) => cx.span_days(f, tenths / 10.0, w).map_or(tenths / 10.0 / cx.minutes_per_day, f64::round),
            _ => tenths / 10.0 / cx.minutes_per_day,
        };
        if let Some(v) = t.total_slack.map(days).filter(|v| (v - s.total_float as f64).abs() > 1e-6) {
            diffs.push(format!("total slack {v} days (Bridger {})", s.total_float));
        }
        if let Some(v) = t.free_slack.map(days).filter(|v| (v - s.free_float as f64).abs() > 1e-6) {
            diffs.push(format!("free slack {v} days (Bridger {})", s.free_float));
        }
        if !diffs.is_empty() {
            differ += 1;
            if differ <= MAX_SCHEDULE_FINDINGS {
                let why = why(*k);
                cx.note(t.subject.clone(), format!("the file's schedule differs from Bridger's: {}, {why}", diffs.join(", ")));
            }
        }
    }
    if differ > MAX_SCHEDULE_FINDINGS {
        cx.note("the schedule", format!("{differ} tasks differ from Bridger's schedule; the first {MAX_SCHEDULE_FINDINGS} are listed"));
    }
}

fn read_calendar(cx: &mut Ctx, project: &Element, data: Option<&PlanData>) -> Result<Calendar, MspdiError> {
    let Some(list) = project.child("Calendars") else {
        return Ok(data.and_then(|d| d.calendar.clone()).unwrap_or_default());
    };
    let calendars: Vec<&Element> = list.all("Calendar").collect();
    // By UID, the last of a UID winning (looked up once each, however long the chain of
    // base calendars).
    let mut by_uid: HashMap<i64, &Element> = HashMap::new();
    for c in &calendars {
        if let Some(u) = cx.num::<i64>(c, "UID")? {
            by_uid.insert(u, c);
        }
    }
    let uid = cx.num::<i64>(project, "CalendarUID")?;
    let mut chosen = uid.and_then(|u| by_uid.get(&u).copied());
    if chosen.is_none() {
        for c in &calendars {
            if cx.num::<i64>(c, "IsBaseCalendar")? == Some(1) {
                chosen = Some(*c);
                break;
            }
        }
    }
    let Some(mut cal) = chosen else { return Ok(Calendar::default()) };
    let days = [Weekday::Sun, Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat];
    let mut working: [Option<bool>; 7] = [None; 7];
    let mut holidays: Vec<NaiveDate> = Vec::new();
    let mut seen = HashSet::new();
    // Each working weekday's minutes of work, and when the earliest starts.
    let mut day_minutes: Vec<(usize, f64)> = Vec::new();
    let mut first_from = f64::INFINITY;
    let mut last_to = f64::NEG_INFINITY;
    // The calendar, then the base calendars it derives from, for what it leaves unsaid.
    loop {
        let cuid = cx.num::<i64>(cal, "UID")?;
        if !seen.insert(cuid) {
            break;
        }
        if let Some(w) = cal.child("WeekDays") {
            for d in w.all("WeekDay") {
                let t = cx.num::<i64>(d, "DayType")?.unwrap_or(-1);
                let is_working = cx.num::<i64>(d, "DayWorking")? == Some(1);
                if (1..=7).contains(&t) {
                    let k = (t - 1) as usize;
                    if working[k].is_none() {
                        working[k] = Some(is_working);
                        if is_working {
                            let (minutes, from, to) = working_minutes(d);
                            if minutes > 0.0 {
                                day_minutes.push((k, minutes));
                            }
                            first_from = first_from.min(from);
                            last_to = last_to.max(to);
                        }
                    }
                } else if t == 0 {
                    // MS Project 2003 exceptions: a WeekDay of type 0 with a TimePeriod.
                    exception(cx, d, is_working, &mut holidays)?;
                }
            }
        }
        if let Some(ex) = cal.child("Exceptions") {
            for e in ex.all("Exception") {
                let is_working = cx.num::<i64>(e, "DayWorking")? == Some(1);
                let kind = cx.num::<i64>(e, "Type")?.unwrap_or(1);
                if kind == 1 {
                    exception(cx, e, is_working, &mut holidays)?;
                } else {
                    recurring(cx, e, kind, is_working, &mut holidays)?;
                }
            }
        }
        let base = cx.num::<i64>(cal, "BaseCalendarUID")?;
        let next = match base {
            Some(b) if b >= 0 => by_uid.get(&b).copied(),
            _ => None,
        };
        match next {
            Some(n) => cal = n,
            None => break,
        }
    }
    if first_from.is_finite() && last_to.is_finite() && last_to > first_from {
        (cx.day_start, cx.day_end) = (first_from, last_to);
    }
    // MS Project schedules minutes of work on the calendar's hours: when every working day
    // has the same hours, other than MinutesPerDay, a day is the calendar's.
    let uniform = day_minutes.first().map(|d| d.1).filter(|m| day_minutes.iter().all(|d| (d.1 - m).abs() < 0.5));
    match uniform {
        Some(m) if (m - cx.minutes_per_day).abs() >= 0.5 => {
            cx.note(
                "the project calendar",
                format!(
                    "has working days of {m} minutes, not the file's MinutesPerDay of {}: durations, work, lags and slack are converted with the calendar's day, as MS Project schedules them",
                    cx.minutes_per_day
                ),
            );
            cx.minutes_per_day = m;
        }
        Some(_) => {}
        None => {
            let mpd = cx.minutes_per_day;
            for (k, minutes) in day_minutes.iter().filter(|d| (d.1 - mpd).abs() >= 0.5) {
                cx.note(
                    "the project calendar",
                    format!(
                        "{} has {minutes} minutes of work, not the file's {} per day: Bridger counts it as one working day",
                        days[*k], cx.minutes_per_day
                    ),
                );
            }
        }
    }
    let mut calendar = Calendar::default();
    if working.iter().any(Option::is_some) {
        // MS Project's default for a day no calendar defines: Monday to Friday.
        calendar.working_days = (0..7).filter(|k| working[*k].unwrap_or((1..=5).contains(k))).map(|k| days[k]).collect::<Vec<_>>();
        // Bridger lists weekdays from Monday.
        calendar.working_days.sort_by_key(|d| d.num_days_from_monday());
    }
    // Each date once, in the order the file gives them.
    let mut once = HashSet::new();
    holidays.retain(|d| once.insert(*d));
    calendar.holidays = holidays;
    // Bridger's own copy (order, duplicates) while the file's calendar says the same.
    if let Some(exact) = data.and_then(|d| d.calendar.clone()) {
        let set = |c: &Calendar| {
            let mut w: Vec<u32> = c.working_days.iter().map(|d| d.num_days_from_monday()).collect();
            w.sort_unstable();
            w.dedup();
            let mut h = c.holidays.clone();
            h.sort_unstable();
            h.dedup();
            (w, h)
        };
        if set(&exact) == set(&calendar) {
            return Ok(exact);
        }
    }
    Ok(calendar)
}

/// A weekday's minutes of work, when its work starts and when it ends (minutes after
/// midnight).
fn working_minutes(day: &Element) -> (f64, f64, f64) {
    let mut total = 0.0;
    let mut first = f64::INFINITY;
    let mut last = f64::NEG_INFINITY;
    if let Some(times) = day.child("WorkingTimes") {
        for w in times.all("WorkingTime") {
            let parse = |s: Option<&str>| {
                let s = s?;
                let mut it = s.split(':');
                let h: f64 = it.next()?.parse().ok()?;
                let m: f64 = it.next()?.parse().ok()?;
                Some(h * 60.0 + m)
            };
            if let (Some(f), Some(t)) = (parse(w.text_of("FromTime")), parse(w.text_of("ToTime"))) {
                // 00:00 as an end is midnight.
                total += if t <= f { t + 1440.0 - f } else { t - f };
                first = first.min(f);
                last = last.max(if t <= f { 1440.0 } else { t });
            }
        }
    }
    (total, first, last)
}

/// Most days one exception may cover (a century): a hostile range is refused, not expanded.
const MAX_EXCEPTION_DAYS: i64 = 36_600;
/// Most days off one calendar may list, all exceptions together (exceptions may repeat).
const MAX_HOLIDAYS: i64 = 1_000_000;

/// A recurring exception (types 2 to 7): the dates it means, as MPXJ expands them (`recur`).
fn recurring(cx: &mut Ctx, e: &Element, kind: i64, working: bool, holidays: &mut Vec<NaiveDate>) -> Result<(), MspdiError> {
    let period = e.child("TimePeriod");
    let date = |cx: &Ctx, name: &str| period.map_or(Ok(None), |p| cx.date(p, name));
    let rule = Rule {
        kind,
        from: date(cx, "FromDate")?,
        to: date(cx, "ToDate")?,
        occurrences: cx.num(e, "Occurrences")?,
        period: cx.num(e, "Period")?,
        month: cx.num(e, "Month")?,
        month_day: cx.num(e, "MonthDay")?,
        month_item: cx.num(e, "MonthItem")?,
        month_position: cx.num(e, "MonthPosition")?,
        days_of_week: cx.num(e, "DaysOfWeek")?,
    };
    let name = shown(e.raw_text_of("Name").unwrap_or(""));
    let subject = match (rule.from, rule.to) {
        (Some(f), Some(t)) => format!("calendar exception '{name}' {f}..{t}"),
        _ => format!("calendar exception '{name}'"),
    };
    let room = usize::try_from(MAX_HOLIDAYS).unwrap_or(usize::MAX).saturating_sub(holidays.len());
    let limit = room.min(MAX_EXCEPTION_DAYS as usize + 1);
    match super::recur::dates(&rule, limit) {
        Ok(_) if working => {
            cx.note(subject, "is a working exception (work on a day that is not worked): Bridger's calendar has none, not kept");
        }
        Ok(dates) if dates.len() >= limit => {
            let why =
                if limit < room { format!("more than {MAX_EXCEPTION_DAYS} days") } else { format!("past {MAX_HOLIDAYS} days off in all") };
            cx.note(subject, format!("recurs {why}: only its first {} dates are kept", dates.len()));
            holidays.extend(dates);
        }
        Ok(dates) => holidays.extend(dates),
        Err(why) => cx.note(subject, format!("recurs but {why}: not kept")),
    }
    Ok(())
}

fn exception(cx: &mut Ctx, e: &Element, working: bool, holidays: &mut Vec<NaiveDate>) -> Result<(), MspdiError> {
    let Some(period) = e.child("TimePeriod") else { return Ok(()) };
    let (Some(from), Some(to)) = (cx.date(period, "FromDate")?, cx.date(period, "ToDate")?) else { return Ok(()) };
    let subject = format!("calendar exception {from}..{to} (line {})", e.line);
    if working {
        cx.note(subject, "is a working exception (work on a day that is not worked): Bridger's calendar has none, not kept");
        return Ok(());
    }
    let days = (to - from).num_days();
    if !(0..=MAX_EXCEPTION_DAYS).contains(&days) {
        cx.note(subject, format!("spans {} days: not kept (at most {MAX_EXCEPTION_DAYS})", days + 1));
        return Ok(());
    }
    if holidays.len() as i64 + days >= MAX_HOLIDAYS {
        cx.note(subject, format!("would make the calendar hold more than {MAX_HOLIDAYS} days off: not kept"));
        return Ok(());
    }
    let mut d = from;
    while d <= to {
        holidays.push(d);
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    Ok(())
}
