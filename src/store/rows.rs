//! Rows <-> model types. The only place that knows how an entity is laid out in SQL.
//!
//! Reading never drops a row silently: a value of the wrong type names its table, row and
//! field; a row that points at nothing is either kept (so that validation names the
//! dangling reference, as it would in an imported plan) or, where the model has nowhere to
//! keep it, is an error naming it.
//!
//! One job in one file, though just over 800 lines: every table's rows to and from the
//! model, one pair of functions per table, checked on read.

use chrono::{NaiveDate, Weekday};
use rusqlite::types::FromSql;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::StoreError;

mod pins;
mod priorities;
use crate::model::{
    Calendar, CapacityChange, Distribution, Effort, Estimate, Handoff, Initiative, Instance, Kind, Plan, PlanSettings, Position, Risk,
    RiskStatus, Site, Status, Team, Template, Updated, Wave,
};
use pins::{pin_of, put_pin, read_pins, verify_pins};
pub use priorities::{put_priority, ranks, read_priority};
use priorities::{put_serves_and_deferral, read_priorities, serves_and_deferral_of, verify_priorities};
mod done_when;
use done_when::{done_when_of, put_done_when, read_done_when, verify_done_when};

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub(super) fn bad(table: &str, id: &str, what: &str) -> StoreError {
    StoreError::BadRow { path: Default::default(), table: table.to_string(), id: id.to_string(), what: what.to_string() }
}

/// One row being read: every field error names the table, the row's id and the column.
struct Fields<'r, 's> {
    row: &'r Row<'s>,
    table: &'static str,
    id: String,
}

impl<'r, 's> Fields<'r, 's> {
    /// The row whose id is in column 0.
    fn of(row: &'r Row<'s>, table: &'static str) -> Result<Fields<'r, 's>, StoreError> {
        let id = match row.get_ref(0)? {
            rusqlite::types::ValueRef::Text(t) => match std::str::from_utf8(t) {
                Ok(id) => id.to_owned(),
                Err(_) => String::from_utf8_lossy(t).into_owned(),
            },
            other => return Err(bad(table, &format!("{other:?}"), "id: not text")),
        };
        Ok(Fields { row, table, id })
    }

    fn get<T: FromSql>(&self, k: usize) -> Result<T, StoreError> {
        self.row.get(k).map_err(|e| self.refused(k, &e))
    }

    /// The text of column `k`, borrowed from the row: a word or a date parsed on the spot
    /// costs no `String` (one allocated and freed per row of a large plan). Refused as
    /// `get::<String>` refuses it.
    fn text(&self, k: usize) -> Result<&'r str, StoreError> {
        self.opt_text(k)?.ok_or_else(|| self.refused(k, &rusqlite::Error::InvalidColumnType(k, self.name(k), rusqlite::types::Type::Null)))
    }

    /// The text of column `k` or None when it is NULL, borrowed (see `text`); refused as
    /// `get::<Option<String>>` refuses it.
    fn opt_text(&self, k: usize) -> Result<Option<&'r str>, StoreError> {
        use rusqlite::types::ValueRef;
        match self.row.get_ref(k).map_err(|e| self.refused(k, &e))? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(t) => std::str::from_utf8(t).map(Some).map_err(|e| self.refused(k, &rusqlite::Error::Utf8Error(k, e))),
            other => Err(self.refused(k, &rusqlite::Error::InvalidColumnType(k, self.name(k), other.data_type()))),
        }
    }

    /// The error naming the row and its field `k` that could not be read.
    fn refused(&self, k: usize, e: &rusqlite::Error) -> StoreError {
        {
            let what = match e {
                rusqlite::Error::InvalidColumnType(_, name, ty) => {
                    format!("field '{name}' holds {} where Bridger expects another type", type_word(*ty))
                }
                rusqlite::Error::IntegralValueOutOfRange(_, v) => format!("field '{}' holds {v}, out of range", self.name(k)),
                rusqlite::Error::FromSqlConversionFailure(_, ty, why) => {
                    format!("field '{}' holds {} that cannot be read ({why})", self.name(k), type_word(*ty))
                }
                other => format!("field '{}': {other}", self.name(k)),
            };
            bad(self.table, &self.id, &what)
        }
    }

    fn name(&self, k: usize) -> String {
        self.row.as_ref().column_name(k).map(str::to_string).unwrap_or_else(|_| format!("#{k}"))
    }

    fn date(&self, k: usize) -> Result<Option<NaiveDate>, StoreError> {
        match self.opt_text(k)? {
            None => Ok(None),
            Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| bad(self.table, &self.id, &format!("field '{}' holds '{s}', not a date (YYYY-MM-DD)", self.name(k)))),
        }
    }
}

fn type_word(t: rusqlite::types::Type) -> &'static str {
    match t {
        rusqlite::types::Type::Null => "nothing (NULL)",
        rusqlite::types::Type::Integer => "an integer",
        rusqlite::types::Type::Real => "a number",
        rusqlite::types::Type::Text => "text",
        rusqlite::types::Type::Blob => "binary data",
    }
}

/// Runs `sql` and maps every row with `f`; the first bad row is the error.
fn collect<T>(
    c: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    mut f: impl FnMut(&Row<'_>) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let mut st = c.prepare_cached(sql)?;
    let mut rows = st.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(f(r)?);
    }
    Ok(out)
}

fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

// ---- writing ------------------------------------------------------------------------

/// Whether a write adds a new row (an id already there is a refusal, never an overwrite:
/// two programs adding the same id must not both succeed) or puts a row in a given state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    Insert,
    Upsert,
}

fn sql_for(write: Write, insert: &str, update: &str) -> String {
    match write {
        Write::Insert => insert.to_string(),
        Write::Upsert => format!("{insert} ON CONFLICT(id) DO UPDATE SET {update}"),
    }
}

/// Writes the plan's own settings (the plan row and its holidays).
pub fn write_settings(c: &Connection, s: &PlanSettings) -> Result<(), StoreError> {
    let days: Vec<&str> = s.calendar.working_days.iter().map(|d| weekday_name(*d)).collect();
    c.prepare_cached(
        "INSERT INTO plan (id, name, start, working_days, target, distribution, summary, asks, leveling_basis, status_date,
                           review_every_days)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, start = excluded.start, working_days = excluded.working_days,
             target = excluded.target, distribution = excluded.distribution, summary = excluded.summary, asks = excluded.asks,
             leveling_basis = excluded.leveling_basis, status_date = excluded.status_date,
             review_every_days = excluded.review_every_days",
    )?
    .execute(params![
        s.name,
        s.start.format("%Y-%m-%d").to_string(),
        days.join(","),
        date_text(s.target),
        s.distribution.as_str(),
        s.summary,
        s.asks,
        s.leveling_basis,
        date_text(s.status_date),
        s.review_every_days,
    ])?;
    c.execute("DELETE FROM holiday", [])?;
    let mut st = c.prepare_cached("INSERT OR IGNORE INTO holiday (date) VALUES (?1)")?;
    for h in &s.calendar.holidays {
        st.execute([h.format("%Y-%m-%d").to_string()])?;
    }
    Ok(())
}

pub fn write_meta(c: &Connection, plan: &Plan) -> Result<(), StoreError> {
    write_settings(c, &plan.settings())
}

/// Writes a team and its capacity changes (replacing the old ones).
pub fn put_team(c: &Connection, t: &Team, seq: i64, w: Write) -> Result<(), StoreError> {
    c.prepare_cached(&sql_for(
        w,
        "INSERT INTO team (id, seq, name, fte, utilization_target, correlation, lead) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "name = excluded.name, fte = excluded.fte, utilization_target = excluded.utilization_target, correlation = excluded.correlation,
             lead = excluded.lead",
    ))?
    .execute(params![t.id, seq, t.name, t.fte, t.utilization_target, t.correlation, t.lead])?;
    if w == Write::Upsert {
        c.prepare_cached("DELETE FROM capacity WHERE team_id = ?1")?.execute([&t.id])?;
    }
    let mut st = c.prepare_cached("INSERT INTO capacity (team_id, date, fte) VALUES (?1, ?2, ?3)")?;
    for x in &t.capacity {
        st.execute(params![t.id, x.from.format("%Y-%m-%d").to_string(), x.fte])?;
    }
    Ok(())
}

/// A map of names as the JSON text a column keeps it in.
fn map_text(m: &std::collections::BTreeMap<String, String>) -> String {
    serde_json::to_string(m).unwrap_or_else(|_| "{}".into())
}

pub fn put_wave(c: &Connection, x: &Wave, seq: i64, w: Write) -> Result<(), StoreError> {
    c.prepare_cached(&sql_for(
        w,
        "INSERT INTO wave (id, seq, name, ord, gate, completion, anchors) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "name = excluded.name, ord = excluded.ord, gate = excluded.gate, completion = excluded.completion, anchors = excluded.anchors",
    ))?
    .execute(params![x.id, seq, x.name, x.order, x.gate, x.completion, map_text(&x.anchors)])?;
    Ok(())
}

pub fn put_site(c: &Connection, s: &Site, seq: i64, w: Write) -> Result<(), StoreError> {
    c.prepare_cached(&sql_for(
        w,
        "INSERT INTO site (id, seq, name, region, wave_id, roles, site_values) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "name = excluded.name, region = excluded.region, wave_id = excluded.wave_id, roles = excluded.roles, site_values = excluded.site_values",
    ))?
    .execute(params![s.id, seq, s.name, s.region, s.wave, map_text(&s.roles), serde_json::to_string(&s.values).unwrap_or_else(|_| "{}".into())])?;
    Ok(())
}

/// Writes a rollout template: its name in a column, the whole template as JSON.
pub fn put_template(c: &Connection, t: &Template, seq: i64, w: Write) -> Result<(), StoreError> {
    let body = serde_json::to_string(t).map_err(|e| bad("template", &t.id, &e.to_string()))?;
    c.prepare_cached(&sql_for(
        w,
        "INSERT INTO template (id, seq, name, body) VALUES (?1, ?2, ?3, ?4)",
        "name = excluded.name, body = excluded.body",
    ))?
    .execute(params![t.id, seq, t.name, body])?;
    Ok(())
}

/// Writes an initiative and its effort rows (replacing the old ones).
pub fn put_initiative(c: &Connection, i: &Initiative, seq: i64, w: Write) -> Result<(), StoreError> {
    c.prepare_cached(&sql_for(
        w,
        "INSERT INTO initiative (id, seq, name, owner, team_id, optimistic, likely, pessimistic, status, progress,
                                 site_id, wave_id, start_no_earlier_than, finish_no_later_than, x, y, notes,
                                 leveling_delay, priority, value, actual_start, actual_finish, remaining,
                                 updated_status_date, updated_at, instance_template, instance_step, overrides)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,
                 ?26, ?27, ?28)",
        "name = excluded.name, owner = excluded.owner, team_id = excluded.team_id,
             optimistic = excluded.optimistic, likely = excluded.likely, pessimistic = excluded.pessimistic,
             status = excluded.status, progress = excluded.progress, site_id = excluded.site_id,
             wave_id = excluded.wave_id, start_no_earlier_than = excluded.start_no_earlier_than,
             finish_no_later_than = excluded.finish_no_later_than, x = excluded.x, y = excluded.y,
             notes = excluded.notes, leveling_delay = excluded.leveling_delay, priority = excluded.priority,
             value = excluded.value, actual_start = excluded.actual_start, actual_finish = excluded.actual_finish,
             remaining = excluded.remaining, updated_status_date = excluded.updated_status_date, updated_at = excluded.updated_at,
             instance_template = excluded.instance_template, instance_step = excluded.instance_step, overrides = excluded.overrides",
    ))?
    .execute(params![
        i.id,
        seq,
        i.name,
        i.owner,
        i.team,
        i.duration.optimistic,
        i.duration.likely,
        i.duration.pessimistic,
        i.status.as_str(),
        i.progress,
        i.site,
        i.wave,
        date_text(i.start_no_earlier_than),
        date_text(i.finish_no_later_than),
        i.position.map(|p| p.x),
        i.position.map(|p| p.y),
        i.notes,
        i.leveling_delay,
        i.priority,
        i.value,
        date_text(i.actual_start),
        date_text(i.actual_finish),
        i.remaining,
        date_text(i.updated.as_ref().and_then(|u| u.status_date)),
        i.updated.as_ref().map(|u| u.at.as_str()),
        i.instance.as_ref().map(|x| x.template.as_str()),
        i.instance.as_ref().map(|x| x.step.as_str()),
        i.overrides.join(","),
    ])?;
    if w == Write::Upsert {
        c.prepare_cached("DELETE FROM effort WHERE initiative_id = ?1")?.execute([&i.id])?;
    }
    let mut st = c.prepare_cached("INSERT INTO effort (initiative_id, team_id, person_days) VALUES (?1, ?2, ?3)")?;
    for e in &i.effort {
        st.execute(params![i.id, e.team, e.person_days])?;
    }
    put_serves_and_deferral(c, i, w)?;
    put_pin(c, i, w)?;
    put_done_when(c, i, w)
}

pub fn put_handoff(c: &Connection, h: &Handoff, seq: i64, w: Write) -> Result<(), StoreError> {
    c.prepare_cached(&sql_for(
        w,
        "INSERT INTO handoff (id, seq, from_id, to_id, kind, lag, owner, assumption, confirmed, due)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        "from_id = excluded.from_id, to_id = excluded.to_id, kind = excluded.kind,
             lag = excluded.lag, owner = excluded.owner, assumption = excluded.assumption,
             confirmed = excluded.confirmed, due = excluded.due",
    ))?
    .execute(params![h.id, seq, h.from, h.to, h.kind.as_str(), h.lag, h.owner, h.assumption, h.confirmed, date_text(h.due)])?;
    Ok(())
}

/// Writes a risk and its links to initiatives (replacing the old ones).
pub fn put_risk(c: &Connection, r: &Risk, seq: i64, w: Write) -> Result<(), StoreError> {
    let si = r.schedule_impact;
    c.prepare_cached(&sql_for(
        w,
        "INSERT INTO risk (id, seq, title, owner, probability, impact, mitigation, status, impact_min, impact_likely, impact_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        "title = excluded.title, owner = excluded.owner, probability = excluded.probability,
             impact = excluded.impact, mitigation = excluded.mitigation, status = excluded.status,
             impact_min = excluded.impact_min, impact_likely = excluded.impact_likely, impact_max = excluded.impact_max",
    ))?
    .execute(params![
        r.id,
        seq,
        r.title,
        r.owner,
        r.probability,
        r.impact,
        r.mitigation,
        r.status.as_str(),
        si.map(|e| e.optimistic),
        si.map(|e| e.likely),
        si.map(|e| e.pessimistic),
    ])?;
    if w == Write::Upsert {
        c.prepare_cached("DELETE FROM risk_initiative WHERE risk_id = ?1")?.execute([&r.id])?;
    }
    let mut st = c.prepare_cached("INSERT INTO risk_initiative (risk_id, initiative_id, pos) VALUES (?1, ?2, ?3)")?;
    for (k, i) in r.initiatives.iter().enumerate() {
        st.execute(params![r.id, i, k as i64])?;
    }
    Ok(())
}

/// The entity tables, by the name the journal and the errors use.
pub const TABLES: [&str; 8] = ["initiative", "handoff", "risk", "team", "site", "wave", "template", "priority"];

/// Deletes one row by id from one of the entity tables (children cascade).
pub fn delete(c: &Connection, table: &str, id: &str) -> Result<(), StoreError> {
    if !TABLES.contains(&table) {
        return Err(bad("journal", id, &format!("kind '{table}'")));
    }
    c.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?.execute([id])?;
    Ok(())
}

/// Does `table` hold a row with this id?
pub fn exists(c: &Connection, table: &str, id: &str) -> Result<bool, StoreError> {
    if !TABLES.contains(&table) {
        return Err(bad("journal", id, &format!("kind '{table}'")));
    }
    Ok(c.prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?.query_row([id], |_| Ok(())).optional()?.is_some())
}

/// The list position (`seq`) of a row, if it exists.
pub fn seq_of(c: &Connection, table: &str, id: &str) -> Result<Option<i64>, StoreError> {
    if !TABLES.contains(&table) {
        return Err(bad("journal", id, &format!("kind '{table}'")));
    }
    Ok(c.prepare_cached(&format!("SELECT seq FROM {table} WHERE id = ?1"))?.query_row([id], |r| r.get(0)).optional()?)
}

// ---- reading ------------------------------------------------------------------------

const TEAM: &str = "SELECT id, name, fte, utilization_target, correlation, lead FROM team";
const TEAM_V4: &str = "SELECT id, name, fte, utilization_target, correlation, '' FROM team";
const TEAM_V2: &str = "SELECT id, name, fte, utilization_target, 0.0, '' FROM team";
const INITIATIVE_V2: &str = "SELECT id, name, owner, team_id, optimistic, likely, pessimistic, status, progress, site_id, wave_id,
        start_no_earlier_than, finish_no_later_than, x, y, notes, 0, 500, 0.0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ''
        FROM initiative";
const INITIATIVE_V4: &str = "SELECT id, name, owner, team_id, optimistic, likely, pessimistic, status, progress, site_id, wave_id,
        start_no_earlier_than, finish_no_later_than, x, y, notes, leveling_delay, priority, value, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, '' FROM initiative";
const INITIATIVE_V6: &str = "SELECT id, name, owner, team_id, optimistic, likely, pessimistic, status, progress, site_id, wave_id,
        start_no_earlier_than, finish_no_later_than, x, y, notes, leveling_delay, priority, value,
        actual_start, actual_finish, remaining, updated_status_date, updated_at, NULL, NULL, '' FROM initiative";
const WAVE: &str = "SELECT id, name, ord, gate, completion, anchors FROM wave";
const WAVE_V6: &str = "SELECT id, name, ord, NULL, NULL, '{}' FROM wave";
const SITE: &str = "SELECT id, name, region, wave_id, roles, site_values FROM site";
const SITE_V7: &str = "SELECT id, name, region, wave_id, roles, '{}' FROM site";
const SITE_V6: &str = "SELECT id, name, region, wave_id, '{}', '{}' FROM site";
const TEMPLATE: &str = "SELECT id, name, body FROM template";
const INITIATIVE: &str = "SELECT id, name, owner, team_id, optimistic, likely, pessimistic, status, progress, site_id, wave_id,
        start_no_earlier_than, finish_no_later_than, x, y, notes, leveling_delay, priority, value,
        actual_start, actual_finish, remaining, updated_status_date, updated_at, instance_template, instance_step, overrides
        FROM initiative";
const HANDOFF: &str = "SELECT id, from_id, to_id, kind, lag, owner, assumption, confirmed, due FROM handoff";
const RISK: &str = "SELECT id, title, owner, probability, impact, mitigation, status, impact_min, impact_likely, impact_max FROM risk";
const CAPACITY: &str = "SELECT team_id, date, fte FROM capacity ORDER BY team_id, date";
const EFFORT: &str = "SELECT initiative_id, team_id, person_days FROM effort ORDER BY rowid";
const LINKS: &str = "SELECT risk_id, initiative_id FROM risk_initiative ORDER BY risk_id, pos";

/// One effort row of the whole table: (initiative id, effort).
fn effort_row(r: &Row<'_>) -> Result<(String, Effort), StoreError> {
    let f = Fields::of(r, "effort")?;
    Ok((f.id.clone(), Effort { team: f.get(1)?, person_days: f.get(2)? }))
}

/// One link of a risk to an initiative: (risk id, initiative id).
fn link_row(r: &Row<'_>) -> Result<(String, String), StoreError> {
    let f = Fields::of(r, "risk_initiative")?;
    Ok((f.id.clone(), f.get::<String>(1)?))
}

fn capacity_of_no_team(team: &str, x: &CapacityChange) -> StoreError {
    bad("capacity", team, &format!("{} people from {} for a team that does not exist", x.fte, x.from))
}

fn effort_of_no_initiative(initiative: &str, e: &Effort) -> StoreError {
    bad("effort", initiative, &format!("{} person-days of team '{}' for an initiative that does not exist", e.person_days, e.team))
}

fn link_of_no_risk(risk: &str, initiative: &str) -> StoreError {
    bad("risk_initiative", risk, &format!("links initiative '{initiative}' to a risk that does not exist"))
}

/// A team without its capacity changes.
fn team(r: &Row<'_>) -> Result<Team, StoreError> {
    let f = Fields::of(r, "team")?;
    Ok(Team {
        name: f.get(1)?,
        fte: f.get(2)?,
        utilization_target: f.get(3)?,
        correlation: f.get(4)?,
        capacity: Vec::new(),
        lead: f.get(5)?,
        id: f.id,
    })
}

impl Fields<'_, '_> {
    /// A map of names kept as JSON text in column `k`.
    fn names(&self, k: usize) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        let text = self.text(k)?;
        serde_json::from_str(text)
            .map_err(|_| bad(self.table, &self.id, &format!("field '{}' holds '{text}', not a JSON object of names", self.name(k))))
    }
}

fn wave(r: &Row<'_>) -> Result<Wave, StoreError> {
    let f = Fields::of(r, "wave")?;
    Ok(Wave { name: f.get(1)?, order: f.get(2)?, gate: f.get(3)?, completion: f.get(4)?, anchors: f.names(5)?, id: f.id })
}

fn site(r: &Row<'_>) -> Result<Site, StoreError> {
    let f = Fields::of(r, "site")?;
    let text = f.text(5)?;
    let values = serde_json::from_str(text)
        .map_err(|_| bad("site", &f.id, &format!("field 'site_values' holds '{text}', not a JSON object of numbers and texts")))?;
    Ok(Site { name: f.get(1)?, region: f.get(2)?, wave: f.get(3)?, roles: f.names(4)?, values, id: f.id })
}

fn template(r: &Row<'_>) -> Result<Template, StoreError> {
    let f = Fields::of(r, "template")?;
    let body = f.text(2)?;
    let t: Template = serde_json::from_str(body).map_err(|e| bad("template", &f.id, &format!("field 'body' cannot be read ({e})")))?;
    if t.id != f.id {
        return Err(bad("template", &f.id, &format!("field 'body' holds template '{}'", t.id)));
    }
    Ok(t)
}

/// An initiative without its effort rows.
fn initiative(r: &Row<'_>) -> Result<Initiative, StoreError> {
    let f = Fields::of(r, "initiative")?;
    let status = f.text(7)?;
    let x: Option<f64> = f.get(13)?;
    let y: Option<f64> = f.get(14)?;
    Ok(Initiative {
        name: f.get(1)?,
        owner: f.get(2)?,
        team: f.get(3)?,
        duration: Estimate { optimistic: f.get(4)?, likely: f.get(5)?, pessimistic: f.get(6)? },
        effort: Vec::new(),
        status: Status::parse(status).ok_or_else(|| bad("initiative", &f.id, &format!("field 'status' holds '{status}'")))?,
        progress: f.get(8)?,
        site: f.get(9)?,
        wave: f.get(10)?,
        start_no_earlier_than: f.date(11)?,
        finish_no_later_than: f.date(12)?,
        position: x.zip(y).map(|(x, y)| Position { x, y }),
        notes: f.get(15)?,
        leveling_delay: f.get(16)?,
        priority: f.get(17)?,
        value: f.get(18)?,
        actual_start: f.date(19)?,
        actual_finish: f.date(20)?,
        remaining: f.get(21)?,
        updated: match f.get::<Option<String>>(23)? {
            Some(at) => Some(Updated { status_date: f.date(22)?, at }),
            None => None,
        },
        instance: match (f.get::<Option<String>>(24)?, f.get::<Option<String>>(25)?) {
            (Some(template), Some(step)) => Some(Instance { template, step }),
            (None, None) => None,
            _ => return Err(bad("initiative", &f.id, "instance: template and step must be both set or both empty")),
        },
        overrides: f.text(26)?.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect(),
        serves: Vec::new(),
        deferred: None,
        pinned: None,
        done_when: String::new(),
        id: f.id,
    })
}

fn handoff(r: &Row<'_>) -> Result<Handoff, StoreError> {
    let f = Fields::of(r, "handoff")?;
    let kind = f.text(3)?;
    Ok(Handoff {
        from: f.get(1)?,
        to: f.get(2)?,
        kind: Kind::parse(kind).ok_or_else(|| bad("handoff", &f.id, &format!("field 'kind' holds '{kind}'")))?,
        lag: f.get(4)?,
        owner: f.get(5)?,
        assumption: f.get(6)?,
        confirmed: f.get(7)?,
        due: f.date(8)?,
        id: f.id,
    })
}

/// A risk without its initiatives.
fn risk(r: &Row<'_>) -> Result<Risk, StoreError> {
    let f = Fields::of(r, "risk")?;
    let status = f.text(6)?;
    let (lo, mid, hi): (Option<i32>, Option<i32>, Option<i32>) = (f.get(7)?, f.get(8)?, f.get(9)?);
    let schedule_impact = match (lo, mid, hi) {
        (Some(optimistic), Some(likely), Some(pessimistic)) => Some(Estimate { optimistic, likely, pessimistic }),
        (None, None, None) => None,
        _ => return Err(bad("risk", &f.id, "schedule impact: min, likely and max must be all set or all empty")),
    };
    Ok(Risk {
        title: f.get(1)?,
        owner: f.get(2)?,
        probability: f.get(3)?,
        impact: f.get(4)?,
        mitigation: f.get(5)?,
        status: RiskStatus::parse(status).ok_or_else(|| bad("risk", &f.id, &format!("field 'status' holds '{status}'")))?,
        initiatives: Vec::new(),
        schedule_impact,
        id: f.id,
    })
}

fn efforts_of(c: &Connection, id: &str) -> Result<Vec<Effort>, StoreError> {
    collect(c, "SELECT initiative_id, team_id, person_days FROM effort WHERE initiative_id = ?1 ORDER BY rowid", [id], |r| {
        let f = Fields::of(r, "effort")?;
        Ok(Effort { team: f.get(1)?, person_days: f.get(2)? })
    })
}

fn risk_links_of(c: &Connection, id: &str) -> Result<Vec<String>, StoreError> {
    collect(c, "SELECT risk_id, initiative_id FROM risk_initiative WHERE risk_id = ?1 ORDER BY pos", [id], |r| {
        Fields::of(r, "risk_initiative")?.get(1)
    })
}

fn one<T>(c: &Connection, sql: &str, id: &str, f: impl FnMut(&Row<'_>) -> Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    Ok(collect(c, &format!("{sql} WHERE id = ?1"), [id], f)?.pop())
}

pub fn read_team(c: &Connection, id: &str) -> Result<Option<Team>, StoreError> {
    let Some(mut t) = one(c, TEAM, id, team)? else { return Ok(None) };
    t.capacity = collect(c, "SELECT team_id, date, fte FROM capacity WHERE team_id = ?1 ORDER BY date", [id], capacity)?;
    Ok(Some(t))
}

/// One capacity change (the team's id is column 0).
fn capacity(r: &Row<'_>) -> Result<CapacityChange, StoreError> {
    let f = Fields::of(r, "capacity")?;
    let from = f.date(1)?.ok_or_else(|| bad("capacity", &f.id, "field 'date' is empty"))?;
    Ok(CapacityChange { from, fte: f.get(2)? })
}

pub fn read_wave(c: &Connection, id: &str) -> Result<Option<Wave>, StoreError> {
    one(c, WAVE, id, wave)
}

pub fn read_site(c: &Connection, id: &str) -> Result<Option<Site>, StoreError> {
    one(c, SITE, id, site)
}

pub fn read_template(c: &Connection, id: &str) -> Result<Option<Template>, StoreError> {
    one(c, TEMPLATE, id, template)
}

pub fn read_initiative(c: &Connection, id: &str) -> Result<Option<Initiative>, StoreError> {
    let Some(mut i) = one(c, INITIATIVE, id, initiative)? else { return Ok(None) };
    i.effort = efforts_of(c, id)?;
    serves_and_deferral_of(c, &mut i)?;
    pin_of(c, &mut i)?;
    done_when_of(c, &mut i)?;
    Ok(Some(i))
}

pub fn read_handoff(c: &Connection, id: &str) -> Result<Option<Handoff>, StoreError> {
    one(c, HANDOFF, id, handoff)
}

pub fn read_risk(c: &Connection, id: &str) -> Result<Option<Risk>, StoreError> {
    let Some(mut r) = one(c, RISK, id, risk)? else { return Ok(None) };
    r.initiatives = risk_links_of(c, id)?;
    Ok(Some(r))
}

/// The handoffs that start or end at an initiative.
pub fn handoffs_touching(c: &Connection, id: &str) -> Result<Vec<Handoff>, StoreError> {
    collect(c, &format!("{HANDOFF} WHERE from_id = ?1 UNION ALL {HANDOFF} WHERE to_id = ?1 AND from_id <> ?1"), [id], handoff)
}

/// The risks that list an initiative, in list order.
pub fn risks_linking(c: &Connection, id: &str) -> Result<Vec<Risk>, StoreError> {
    let ids: Vec<String> = collect(c, "SELECT risk_id FROM risk_initiative WHERE initiative_id = ?1 ORDER BY risk_id", [id], |r| {
        Fields::of(r, "risk_initiative").map(|f| f.id)
    })?;
    let mut out = Vec::with_capacity(ids.len());
    for rid in ids {
        out.extend(read_risk(c, &rid)?);
    }
    Ok(out)
}

/// Whether a site has instances of a template step (a rollout edit follows a change of it).
pub fn has_instances(c: &Connection, site: &str) -> Result<bool, StoreError> {
    Ok(c.prepare_cached("SELECT 1 FROM initiative WHERE site_id = ?1 AND instance_template IS NOT NULL LIMIT 1")?
        .query_row([site], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The first `limit` ids that `sql` (selecting ids by `?1`) finds, and how many it finds.
pub fn ids(c: &Connection, sql: &str, id: &str, limit: usize) -> Result<(Vec<String>, i64), StoreError> {
    let count: i64 = c.prepare_cached(&format!("SELECT COUNT(*) FROM ({sql})"))?.query_row([id], |r| r.get(0))?;
    let shown = collect(c, &format!("{sql} LIMIT {limit}"), [id], |r| Ok(Fields::of(r, "row")?.id))?;
    Ok((shown, count))
}

/// The initiatives one initiative hands off to (`forward`) or receives from.
pub fn neighbours(c: &Connection, id: &str, forward: bool) -> Result<Vec<(String, String)>, StoreError> {
    let sql = if forward { "SELECT id, to_id FROM handoff WHERE from_id = ?1" } else { "SELECT id, from_id FROM handoff WHERE to_id = ?1" };
    collect(c, sql, [id], |r| {
        let f = Fields::of(r, "handoff")?;
        Ok((f.get(1)?, f.id))
    })
}

/// The id of a handoff between these two initiatives, if there is one.
pub fn handoff_between(c: &Connection, from: &str, to: &str) -> Result<Option<String>, StoreError> {
    Ok(c.prepare_cached("SELECT id FROM handoff WHERE from_id = ?1 AND to_id = ?2 ORDER BY seq LIMIT 1")?
        .query_row([from, to], |r| r.get(0))
        .optional()?)
}

/// The plan's own settings (no entities).
pub fn read_meta(c: &Connection) -> Result<Plan, StoreError> {
    read_meta_of(c, Layout::Current)
}

/// Which schema the tables have. A file is upgraded when it is opened for editing, but
/// `store::read` writes nothing, so it reads an older file as it is: what a version 2 file
/// does not have takes the model's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Current,
    /// Version 7: rollouts, before a site's values.
    V7,
    /// Versions 5 and 6: before rollouts (templates, instances, gates, roles).
    V6,
    /// Versions 3 and 4: before progress over time (status date, actual dates, a team's lead).
    V4,
    V2,
}

impl Layout {
    fn of(c: &Connection) -> Result<Layout, StoreError> {
        let version: i32 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok(match version {
            ..=2 => Layout::V2,
            3 | 4 => Layout::V4,
            5 | 6 => Layout::V6,
            7 => Layout::V7,
            _ => Layout::Current,
        })
    }

    /// The query of the initiatives as this layout holds them.
    fn initiatives(self) -> &'static str {
        match self {
            Layout::Current | Layout::V7 => INITIATIVE,
            Layout::V6 => INITIATIVE_V6,
            Layout::V4 => INITIATIVE_V4,
            Layout::V2 => INITIATIVE_V2,
        }
    }

    /// `current`, or `older` in a file from before rollouts.
    fn rollouts(self, current: &'static str, older: &'static str) -> &'static str {
        if self.has_rollouts() {
            current
        } else {
            older
        }
    }

    /// Whether the file has the tables and columns of rollouts (version 7 on).
    fn has_rollouts(self) -> bool {
        matches!(self, Layout::Current | Layout::V7)
    }

    /// The query of the sites as this layout holds them.
    fn sites(self) -> &'static str {
        match self {
            Layout::Current => SITE,
            Layout::V7 => SITE_V7,
            _ => SITE_V6,
        }
    }

    fn sql(self, current: &'static str, v4: &'static str, v2: &'static str) -> &'static str {
        match self {
            Layout::Current | Layout::V7 | Layout::V6 => current,
            Layout::V4 => v4,
            Layout::V2 => v2,
        }
    }
}

fn read_meta_of(c: &Connection, layout: Layout) -> Result<Plan, StoreError> {
    let mut st = c.prepare_cached(layout.sql(
        "SELECT 'plan', name, start, working_days, target, distribution, summary, asks, leveling_basis, status_date,
                review_every_days FROM plan WHERE id = 1",
        "SELECT 'plan', name, start, working_days, target, distribution, summary, asks, leveling_basis, NULL, 7 FROM plan WHERE id = 1",
        "SELECT 'plan', name, start, working_days, NULL, 'triangular', '', '', NULL, NULL, 7 FROM plan WHERE id = 1",
    ))?;
    let mut rows = st.query([])?;
    let Some(r) = rows.next()? else {
        return Err(StoreError::Damaged { path: Default::default(), what: "it has no plan row (name, start date, calendar)".into() });
    };
    let f = Fields::of(r, "plan")?;
    let name: String = f.get(1)?;
    let start = f.date(2)?.ok_or_else(|| bad("plan", "plan", "field 'start' is empty"))?;
    let days: String = f.get(3)?;
    let distribution: String = f.get(5)?;
    let distribution =
        Distribution::parse(&distribution).ok_or_else(|| bad("plan", "plan", &format!("field 'distribution' holds '{distribution}'")))?;
    let (target, summary, asks, leveling_basis) = (f.date(4)?, f.get(6)?, f.get(7)?, f.get(8)?);
    let mut working_days = Vec::new();
    for d in days.split(',').filter(|s| !s.is_empty()) {
        working_days
            .push(d.parse::<Weekday>().map_err(|_| bad("plan", "plan", &format!("field 'working_days' holds '{d}', not a weekday")))?);
    }
    let holidays = collect(c, "SELECT date FROM holiday ORDER BY date", [], |r| {
        let f = Fields::of(r, "holiday")?;
        NaiveDate::parse_from_str(&f.id, "%Y-%m-%d").map_err(|_| bad("holiday", &f.id, "not a date (YYYY-MM-DD)"))
    })?;
    let mut plan = Plan::new(&name, start);
    plan.calendar = Calendar { working_days, holidays };
    plan.target = target;
    plan.distribution = distribution;
    plan.summary = summary;
    plan.asks = asks;
    plan.leveling_basis = leveling_basis;
    plan.status_date = f.date(9)?;
    plan.review_every_days = f.get(10)?;
    Ok(plan)
}

/// `select` (an entity query without ORDER BY) with the list position as its last column.
fn with_seq(select: &str) -> String {
    let (columns, from) = select.split_once(" FROM ").unwrap_or((select, ""));
    format!("{columns}, seq FROM {from}")
}

/// Every row of `select` (an entity query without ORDER BY), in list order (`seq`).
fn in_list_order<T>(c: &Connection, select: &str, f: impl FnMut(&Row<'_>) -> Result<T, StoreError>) -> Result<Vec<T>, StoreError> {
    Ok(in_order(with_positions(c, select, "", [], f)?))
}

/// The rows of `select` (an entity query without ORDER BY) narrowed by `condition` (` WHERE
/// ...` or nothing) with its `args`, in the table's order, and each one's list position
/// (`seq`). Kept apart, so that rows already in list order (most files) are never moved.
fn with_positions<T>(
    c: &Connection,
    select: &str,
    condition: &str,
    args: impl rusqlite::Params,
    mut f: impl FnMut(&Row<'_>) -> Result<T, StoreError>,
) -> Result<Positioned<T>, StoreError> {
    let sql = format!("{}{condition}", with_seq(select));
    let mut st = c.prepare_cached(&sql)?;
    let mut rows = st.query(args)?;
    let mut out = Positioned::default();
    while let Some(r) = rows.next()? {
        out.items.push(f(r)?);
        out.seqs.push(r.as_ref().column_count().checked_sub(1).map_or(Ok(0), |k| r.get::<_, i64>(k)).unwrap_or(0));
    }
    Ok(out)
}

/// Rows and their list positions (`seq`), side by side.
struct Positioned<T> {
    seqs: Vec<i64>,
    items: Vec<T>,
}

impl<T> Default for Positioned<T> {
    fn default() -> Self {
        Positioned { seqs: Vec::new(), items: Vec::new() }
    }
}

impl<T> Positioned<T> {
    fn extend(&mut self, more: Positioned<T>) {
        self.seqs.extend(more.seqs);
        self.items.extend(more.items);
    }
}

/// Rows in list order (a stable sort by position: rows of one position keep the table's
/// order).
fn in_order<T>(rows: Positioned<T>) -> Vec<T> {
    let Positioned { seqs, items } = rows;
    if seqs.windows(2).all(|w| w[0] <= w[1]) {
        return items;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&k| seqs[k]);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|k| slots[k].take()).collect()
}

/// Opens another connection on the file a read is reading, at the same state (see
/// [`read_plan_with`]).
pub type Opener<'a> = &'a (dyn Fn() -> Result<Connection, StoreError> + Sync);

/// The whole plan, in the order the user made it.
pub fn read_plan(c: &Connection) -> Result<Plan, StoreError> {
    read_plan_with(c, None)
}

/// [`read_plan`], on two threads when `other` opens a second connection (a large plan on
/// a file that nothing changes meanwhile: an immutable read): this one reads the plan's
/// settings, teams, waves, sites, templates, initiatives and effort, then the last
/// handoffs of the table; the other the first handoffs, then the risks: about as much each
/// (see [`handoff_cut`]). `bridger schedule` on 5,000 initiatives read the file in about
/// half the time on two cores. The error is the one the plain read gives: the first bad
/// row in the order it reads them (settings to effort, handoffs, risks).
pub fn read_plan_with(c: &Connection, other: Option<Opener<'_>>) -> Result<Plan, StoreError> {
    let Some(open) = other else {
        let mut plan = read_nodes(c)?;
        plan.handoffs = in_list_order(c, HANDOFF, handoff)?;
        plan.risks = read_risks(c)?;
        return Ok(plan);
    };
    // The settings first: reading them reads the schema, which the other connection reads
    // too, and SQLite's allocator has one lock for both (at once, each waited on the other
    // for about a millisecond).
    let layout = Layout::of(c)?;
    let meta = read_meta_of(c, layout)?;
    std::thread::scope(|scope| {
        // The other thread finds where the handoffs are cut (the first thing it reads):
        // this one needs it only once it has read the initiatives.
        let (cut_to, cut) = std::sync::mpsc::channel();
        let second = scope.spawn(move || {
            let c = match open() {
                Ok(c) => c,
                Err(e) => return (Err(e), Ok(Vec::new())),
            };
            let cut = handoff_cut(&c);
            let _ = cut_to.send(cut);
            match with_positions(&c, HANDOFF, " WHERE rowid <= ?1", [cut], handoff) {
                Ok(handoffs) => (Ok(handoffs), read_risks(&c)),
                Err(e) => (Err(e), Ok(Vec::new())),
            }
        });
        let plan = read_nodes_after(c, layout, meta);
        let last = match (&plan, cut.recv()) {
            (Ok(_), Ok(cut)) => with_positions(c, HANDOFF, " WHERE rowid > ?1", [cut], handoff),
            // No cut: the other connection did not open, and its error is said next.
            _ => Ok(Positioned::default()),
        };
        let (first, risks) = second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut plan = plan?;
        // The first handoffs are most of them: the last are added to their list, where
        // there is room (not the other way, which copied megabytes into fresh memory).
        let mut handoffs = first?;
        handoffs.extend(last?);
        plan.handoffs = in_order(handoffs);
        plan.risks = risks?;
        Ok(plan)
    })
}

/// What reading an initiative's row costs, in handoff rows: 15/8 (on `bridger generate`'s
/// plan of 5,000 initiatives: 11,000 instructions against 5,500, and the thread reading only
/// handoffs is slower per instruction, all its memory being new: at 2 it ended its read
/// 0.7 ms after this one, at 7/4 1.1 ms before it).
const INITIATIVE_ROWS: (i64, i64) = (15, 8);

/// The rowid up to which the other of the two threads of [`read_plan_with`] reads the
/// handoffs (the one that reads the initiatives reads those after it), so that each reads
/// about as much: the counts of rows are estimated from the ends of the tables' rowids (a
/// look at each end of a b-tree). When they cannot be read, the one that reads the
/// initiatives reads every handoff (and names what is wrong, in its turn).
fn handoff_cut(c: &Connection) -> i64 {
    let ends = c.query_row(
        "SELECT (SELECT max(rowid) FROM initiative), (SELECT min(rowid) FROM handoff), (SELECT max(rowid) FROM handoff)",
        [],
        |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, Option<i64>>(2)?)),
    );
    let Ok((initiatives, Some(first), Some(last))) = ends else { return i64::MIN };
    let handoffs = last.saturating_sub(first).saturating_add(1);
    let (cost, per) = INITIATIVE_ROWS;
    let others = handoffs.saturating_sub(cost.saturating_mul(initiatives.unwrap_or(0).max(0)) / per) / 2;
    first.saturating_sub(1).saturating_add(handoffs - others.clamp(0, handoffs))
}

/// The plan's settings, teams, waves, sites, templates, and initiatives with their effort:
/// [`read_plan`] up to the handoffs.
fn read_nodes(c: &Connection) -> Result<Plan, StoreError> {
    let layout = Layout::of(c)?;
    let meta = read_meta_of(c, layout)?;
    read_nodes_after(c, layout, meta)
}

/// [`read_nodes`] once the plan's settings are read.
fn read_nodes_after(c: &Connection, layout: Layout, mut plan: Plan) -> Result<Plan, StoreError> {
    plan.teams = collect(c, &format!("{} ORDER BY seq", layout.sql(TEAM, TEAM_V4, TEAM_V2)), [], team)?;
    let team_at: rustc_hash::FxHashMap<String, usize> = plan.teams.iter().enumerate().map(|(k, t)| (t.id.clone(), k)).collect();
    // Capacity of no team has nowhere to go: an error naming it, never dropped.
    let capacity_sql = layout.sql(CAPACITY, CAPACITY, "SELECT 1 WHERE 0");
    let changes = collect(c, capacity_sql, [], |r| Ok((Fields::of(r, "capacity")?.id, capacity(r)?)))?;
    for (tid, x) in changes {
        match team_at.get(&tid) {
            Some(&k) => plan.teams[k].capacity.push(x),
            None => return Err(capacity_of_no_team(&tid, &x)),
        }
    }
    plan.waves = collect(c, &format!("{} ORDER BY seq", layout.rollouts(WAVE, WAVE_V6)), [], wave)?;
    plan.sites = collect(c, &format!("{} ORDER BY seq", layout.sites()), [], site)?;
    if layout.has_rollouts() {
        plan.templates = collect(c, &format!("{TEMPLATE} ORDER BY seq"), [], template)?;
    }
    // Read in the table's own order and sorted here: cheaper than SQLite's sorter.
    plan.initiatives = in_list_order(c, layout.initiatives(), initiative)?;
    let by_id: rustc_hash::FxHashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    // Effort naming a team that does not exist is kept, so that validation names it (a
    // join would drop the person-days without a word); effort of no initiative has
    // nowhere to go and is an error.
    let efforts = collect(c, EFFORT, [], effort_row)?;
    let mut placed = Vec::with_capacity(efforts.len());
    for (iid, e) in efforts {
        match by_id.get(iid.as_str()) {
            Some(&k) => placed.push((k, e)),
            None => return Err(effort_of_no_initiative(&iid, &e)),
        }
    }
    drop(by_id);
    for (k, e) in placed {
        plan.initiatives[k].effort.push(e);
    }
    read_priorities(c, &mut plan)?;
    read_pins(c, &mut plan)?;
    read_done_when(c, &mut plan)?;
    Ok(plan)
}

/// The risks with their initiatives.
fn read_risks(c: &Connection) -> Result<Vec<Risk>, StoreError> {
    let mut risks = collect(c, &format!("{RISK} ORDER BY seq"), [], risk)?;
    let risk_at: rustc_hash::FxHashMap<String, usize> = risks.iter().enumerate().map(|(k, r)| (r.id.clone(), k)).collect();
    let links = collect(c, LINKS, [], link_row)?;
    for (rid, iid) in links {
        // A link to an initiative that does not exist stays, for validation to name.
        match risk_at.get(&rid) {
            Some(&k) => risks[k].initiatives.push(iid),
            None => return Err(link_of_no_risk(&rid, &iid)),
        }
    }
    Ok(risks)
}

// ---- verifying ----------------------------------------------------------------------

/// How a reader above takes a column: what `verify` looks for in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Text,
    OptText,
    Real,
    /// An `i32`.
    Int,
    OptInt,
    OptReal,
    /// An integer of any size (a `bool`).
    Bool,
    /// `YYYY-MM-DD`, required.
    Date,
    OptDate,
    /// One of the words of an enum, in text.
    Word(&'static [&'static str]),
}

const RISK_STATUS_WORDS: &[&str] = &["open", "mitigating", "closed"];
const STATUS_WORDS: &[&str] = &["not_started", "on_track", "at_risk", "blocked", "done"];
const KIND_WORDS: &[&str] = &["FS", "SS", "FF", "SF"];

use Col::{Bool, Date, Int, OptDate, OptInt, OptReal, OptText, Real, Text, Word};

const TEAM_COLS: &[Col] = &[Text, Text, Real, Real, Real, Text];
const CAPACITY_COLS: &[Col] = &[Text, Date, Real];
const WAVE_COLS: &[Col] = &[Text, Text, Int, OptText, OptText, Text];
const SITE_COLS: &[Col] = &[Text, Text, OptText, OptText, Text, Text];
const RISK_COLS: &[Col] = &[Text, Text, Text, Real, Int, Text, Word(RISK_STATUS_WORDS), OptInt, OptInt, OptInt];
const LINK_COLS: &[Col] = &[Text, Text];
const INITIATIVE_COLS: &[Col] = &[
    Text,
    Text,
    Text,
    OptText,
    Int,
    Int,
    Int,
    Word(STATUS_WORDS),
    Real,
    OptText,
    OptText,
    OptDate,
    OptDate,
    OptReal,
    OptReal,
    Text,
    Int,
    Int,
    Real,
    OptDate,
    OptDate,
    OptInt,
    OptDate,
    OptText,
    OptText,
    OptText,
    Text,
];
const EFFORT_COLS: &[Col] = &[Text, Text, Real];
const HANDOFF_COLS: &[Col] = &[Text, Text, Text, Word(KIND_WORDS), Int, Text, Text, Bool, OptDate];
/// A risk's schedule impact is all three points or none (`risk` refuses the rest).
const RISK_IMPACT_MIXED: &str = "(impact_min IS NULL) <> (impact_likely IS NULL) OR (impact_min IS NULL) <> (impact_max IS NULL)";

/// An SQL condition true for every value of `expr` the readers above may refuse (and
/// perhaps a few they accept: those rows are read to decide).
fn suspect(expr: &str, col: Col) -> String {
    const I32: &str = "BETWEEN -2147483648 AND 2147483647";
    match col {
        Text => format!("typeof({expr}) IS NOT 'text'"),
        OptText => format!("typeof({expr}) NOT IN ('text', 'null')"),
        Real => format!("typeof({expr}) NOT IN ('integer', 'real')"),
        OptReal => format!("typeof({expr}) NOT IN ('integer', 'real', 'null')"),
        Bool => format!("typeof({expr}) IS NOT 'integer'"),
        Int => format!("(typeof({expr}) IS NOT 'integer' OR {expr} NOT {I32})"),
        OptInt => format!("(typeof({expr}) NOT IN ('integer', 'null') OR {expr} NOT {I32})"),
        // SQLite's date() gives back a date only when it is one, in this form (chrono may
        // accept a few more spellings: those rows are read and pass). Only text of that
        // shape reaches date(): 'now' would make it a clock, which an index refuses.
        Date => format!(
            "NOT (typeof({expr}) = 'text' AND CASE WHEN {expr} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' \
             THEN date({expr}) IS {expr} ELSE 0 END)"
        ),
        OptDate => format!("({expr} IS NOT NULL AND {})", suspect(expr, Date)),
        Word(words) => {
            let list: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
            format!("(typeof({expr}) IS NOT 'text' OR {expr} NOT IN ({}))", list.join(", "))
        }
    }
}

/// `select` (`SELECT a, b, ... FROM t`, with `cols` the readers' view of a, b, ...)
/// narrowed to the rows whose values may be refused, or that `extra` names, in `order`.
fn suspects(select: &str, cols: &[Col], extra: Option<&str>, order: &str) -> String {
    let (columns, from, condition) = suspect_condition(select, cols, extra);
    format!("SELECT {columns} FROM {from} WHERE {condition} ORDER BY {order}")
}

/// The columns, the table and the condition of [`suspects`].
fn suspect_condition<'a>(select: &'a str, cols: &[Col], extra: Option<&str>) -> (&'a str, &'a str, String) {
    let (columns, from) = select.split_once(" FROM ").unwrap_or((select, ""));
    let columns = columns.trim_start_matches("SELECT").trim();
    let exprs: Vec<&str> = columns.split(',').map(str::trim).collect();
    debug_assert_eq!(exprs.len(), cols.len(), "{select}");
    let mut tests: Vec<String> = exprs.iter().zip(cols).map(|(e, c)| suspect(e, *c)).collect();
    tests.extend(extra.map(str::to_string));
    let from = from.split(" ORDER BY ").next().unwrap_or(from);
    (columns, from, tests.join(" OR "))
}

/// A table that grows with the plan, whose suspect rows a partial index keeps: SQLite
/// adds a row to it on every write that makes the row suspect, whichever program writes
/// (the sqlite3 shell too), so finding them is one look into a (normally empty) index,
/// not a scan of 200,000 rows.
struct Large {
    /// The index's name and the column it is on (any: only its rows matter).
    index: &'static str,
    column: &'static str,
    select: &'static str,
    cols: &'static [Col],
}

const LARGE: [Large; 3] = [
    Large { index: "initiative_suspect", column: "seq", select: INITIATIVE, cols: INITIATIVE_COLS },
    Large {
        index: "effort_suspect",
        column: "initiative_id",
        select: "SELECT initiative_id, team_id, person_days FROM effort",
        cols: EFFORT_COLS,
    },
    Large { index: "handoff_suspect", column: "seq", select: HANDOFF, cols: HANDOFF_COLS },
];

impl Large {
    /// The statement that creates the index, as SQLite keeps it in `sqlite_master`.
    fn create(&self) -> String {
        let (_, from, condition) = suspect_condition(self.select, self.cols, None);
        format!("CREATE INDEX {} ON {}({}) WHERE {condition}", self.index, from.trim(), self.column)
    }

    /// Whether the file has the index as this binary makes it (an older Bridger's file has
    /// none; one changed by hand is not trusted).
    fn indexed(&self, c: &Connection) -> Result<bool, StoreError> {
        let sql: Option<String> = c
            .prepare_cached("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1")?
            .query_row([self.index], |r| r.get(0))
            .optional()?;
        Ok(sql.as_deref() == Some(self.create().as_str()))
    }

    /// The suspect rows, in the table's own order (the order `read_plan` meets them): from
    /// the index when the file has it, else by a scan.
    fn suspects(&self, c: &Connection) -> Result<String, StoreError> {
        let (columns, from, condition) = suspect_condition(self.select, self.cols, None);
        let indexed = if self.indexed(c)? { format!(" INDEXED BY {}", self.index) } else { String::new() };
        Ok(format!("SELECT {columns} FROM {}{indexed} WHERE {condition} ORDER BY rowid", from.trim()))
    }
}

/// Gives the file the indexes of its suspect rows (see [`Large`]) where it lacks them or
/// has another version of them (built once: a scan of each table); whether it wrote any.
/// Called on a file [`verify`] accepted, inside a write transaction.
pub fn index_suspects(c: &Connection) -> Result<bool, StoreError> {
    let mut wrote = false;
    for t in &LARGE {
        if !t.indexed(c)? {
            c.execute_batch(&format!("DROP INDEX IF EXISTS {}; {}", t.index, t.create()))?;
            wrote = true;
        }
    }
    Ok(wrote)
}

/// Reads the suspect rows of one table with its own reader, in the order `read_plan`
/// reads them; the first it refuses is the error `read_plan` would return.
fn first_refused<T>(c: &Connection, sql: &str, mut f: impl FnMut(&Row<'_>) -> Result<T, StoreError>) -> Result<(), StoreError> {
    let mut st = c.prepare(sql)?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        f(r)?;
    }
    Ok(())
}

/// Refuses a file that [`read_plan`] would refuse, with the same error, without reading
/// the plan: what an `Editor` checks when it opens a file, so that `edit`, `undo` and
/// `redo` refuse a damaged file as `check` and `schedule` do (issue 22), where they used to
/// change it. Checked, in `read_plan`'s order so that the error is the one it gives:
/// - the schema: the statements `read_plan` runs are prepared (a missing table or column
///   is named as it names it);
/// - the plan row and its holidays, read as `read_plan` reads them;
/// - the tables of a plan that stay small (teams and their capacity, waves, sites, risks
///   and their links): one scan each for values of the wrong type or out of range, dates
///   and words that do not parse, rows that point at nothing where the plan has nowhere to
///   keep them; the rows found are read by the same readers to decide.
///
/// - the tables that grow with the plan (initiatives, their effort, handoffs): their
///   suspect rows are those of a partial index SQLite keeps whoever writes (see [`Large`]:
///   one look, where a scan costs about 0.3 s of CPU per table on a plan of 200,000
///   initiatives and 560,000 handoffs, ten times the edit), or found by a scan in a file
///   without it (an older Bridger's: an editor adds it, see [`index_suspects`]); and effort
///   of no initiative (one lookup per effort row).
///
/// Every edit reads the rows it changes through the same readers too.
pub fn verify(c: &Connection) -> Result<(), StoreError> {
    let layout = Layout::of(c)?;
    read_meta_of(c, layout)?;
    let team_sql = layout.sql(TEAM, TEAM_V4, TEAM_V2);
    c.prepare(&format!("{team_sql} ORDER BY seq"))?;
    first_refused(c, &suspects(team_sql, TEAM_COLS, None, "seq"), team)?;
    if layout != Layout::V2 {
        c.prepare(CAPACITY)?;
        first_refused(c, &suspects(CAPACITY, CAPACITY_COLS, None, "team_id, date"), capacity)?;
        let dangling = "SELECT team_id, date, fte FROM capacity WHERE team_id NOT IN (SELECT id FROM team) ORDER BY team_id, date";
        first_refused(c, dangling, |r| {
            let tid = Fields::of(r, "capacity")?.id;
            Err::<(), _>(capacity_of_no_team(&tid, &capacity(r)?))
        })?;
    }
    let (wave_sql, site_sql) = (layout.rollouts(WAVE, WAVE_V6), layout.sites());
    c.prepare(&format!("{wave_sql} ORDER BY seq"))?;
    first_refused(c, &suspects(wave_sql, WAVE_COLS, None, "seq"), wave)?;
    c.prepare(&format!("{site_sql} ORDER BY seq"))?;
    first_refused(c, &suspects(site_sql, SITE_COLS, None, "seq"), site)?;
    if layout.has_rollouts() {
        c.prepare(&format!("{TEMPLATE} ORDER BY seq"))?;
        // A template's body is JSON: every row is read (templates are few).
        first_refused(c, &format!("{TEMPLATE} ORDER BY seq"), template)?;
    }
    c.prepare(&with_seq(layout.initiatives()))?;
    c.prepare(EFFORT)?;
    c.prepare(&with_seq(HANDOFF))?;
    // The large tables, in read_plan's order: initiatives, effort (its values, then effort
    // of no initiative), handoffs.
    let [initiatives, effort, handoffs] = &LARGE;
    match layout {
        Layout::Current | Layout::V7 => first_refused(c, &initiatives.suspects(c)?, initiative)?,
        Layout::V6 => first_refused(c, &suspects(INITIATIVE_V6, INITIATIVE_COLS, None, "rowid"), initiative)?,
        Layout::V4 => first_refused(c, &suspects(INITIATIVE_V4, INITIATIVE_COLS, None, "rowid"), initiative)?,
        Layout::V2 => first_refused(c, &suspects(INITIATIVE_V2, INITIATIVE_COLS, None, "rowid"), initiative)?,
    }
    first_refused(c, &effort.suspects(c)?, effort_row)?;
    let dangling =
        "SELECT initiative_id, team_id, person_days FROM effort WHERE initiative_id NOT IN (SELECT id FROM initiative) ORDER BY rowid";
    first_refused(c, dangling, |r| {
        let (iid, e) = effort_row(r)?;
        Err::<(), _>(effort_of_no_initiative(&iid, &e))
    })?;
    verify_priorities(c)?;
    verify_pins(c)?;
    verify_done_when(c)?;
    first_refused(c, &handoffs.suspects(c)?, handoff)?;
    c.prepare(&format!("{RISK} ORDER BY seq"))?;
    first_refused(c, &suspects(RISK, RISK_COLS, Some(RISK_IMPACT_MIXED), "seq"), risk)?;
    c.prepare(LINKS)?;
    first_refused(c, &suspects(LINKS, LINK_COLS, None, "risk_id, pos"), link_row)?;
    let dangling = "SELECT risk_id, initiative_id FROM risk_initiative WHERE risk_id NOT IN (SELECT id FROM risk) ORDER BY risk_id, pos";
    first_refused(c, dangling, |r| {
        let (rid, iid) = link_row(r)?;
        Err::<(), _>(link_of_no_risk(&rid, &iid))
    })
}

/// Reads one entity of `kind` (as the journal names kinds) through its reader, so that a
/// damaged row an edit is about to change is refused as `read_plan` refuses it.
pub fn check_row(c: &Connection, kind: &str, id: &str) -> Result<(), StoreError> {
    match kind {
        "initiative" => read_initiative(c, id).map(drop),
        "handoff" => read_handoff(c, id).map(drop),
        "risk" => read_risk(c, id).map(drop),
        "team" => read_team(c, id).map(drop),
        "site" => read_site(c, id).map(drop),
        "wave" => read_wave(c, id).map(drop),
        "template" => read_template(c, id).map(drop),
        "priority" => read_priority(c, id).map(drop),
        "plan" => read_meta(c).map(drop),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    /// Rows out of list order are put in it, those of one position in the table's order;
    /// rows in it are kept as they are.
    #[test]
    fn rows_are_put_in_list_order_stably() {
        let rows = super::Positioned { seqs: vec![3, 1, 2, 1], items: vec!["c", "a1", "b", "a2"] };
        assert_eq!(super::in_order(rows), ["a1", "a2", "b", "c"]);
        let rows = super::Positioned { seqs: vec![1, 1, 2], items: vec!["a", "b", "c"] };
        assert_eq!(super::in_order(rows), ["a", "b", "c"]);
    }
}
