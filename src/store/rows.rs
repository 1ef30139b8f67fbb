//! Rows <-> model types. The only place that knows how an entity is laid out in SQL.

use chrono::{NaiveDate, Weekday};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::StoreError;
use crate::model::{Calendar, Effort, Estimate, Handoff, Initiative, Kind, Plan, Position, Risk, RiskStatus, Site, Status, Team, Wave};

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn bad(table: &str, id: &str, what: &str) -> StoreError {
    StoreError::BadRow { table: table.to_string(), id: id.to_string(), what: what.to_string() }
}

fn parse_date(table: &str, id: &str, s: Option<String>) -> Result<Option<NaiveDate>, StoreError> {
    match s {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map(Some).map_err(|_| bad(table, id, &format!("date '{s}'"))),
    }
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

pub fn write_meta(c: &Connection, plan: &Plan) -> Result<(), StoreError> {
    let days: Vec<&str> = plan.calendar.working_days.iter().map(|d| weekday_name(*d)).collect();
    c.execute(
        "INSERT INTO plan (id, name, start, working_days) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, start = excluded.start, working_days = excluded.working_days",
        params![plan.name, plan.start.format("%Y-%m-%d").to_string(), days.join(",")],
    )?;
    c.execute("DELETE FROM holiday", [])?;
    let mut st = c.prepare_cached("INSERT OR IGNORE INTO holiday (date) VALUES (?1)")?;
    for h in &plan.calendar.holidays {
        st.execute([h.format("%Y-%m-%d").to_string()])?;
    }
    Ok(())
}

pub fn upsert_team(c: &Connection, t: &Team, seq: i64) -> Result<(), StoreError> {
    c.prepare_cached(
        "INSERT INTO team (id, seq, name, fte, utilization_target) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, fte = excluded.fte, utilization_target = excluded.utilization_target",
    )?
    .execute(params![t.id, seq, t.name, t.fte, t.utilization_target])?;
    Ok(())
}

pub fn upsert_wave(c: &Connection, w: &Wave, seq: i64) -> Result<(), StoreError> {
    c.prepare_cached(
        "INSERT INTO wave (id, seq, name, ord) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, ord = excluded.ord",
    )?
    .execute(params![w.id, seq, w.name, w.order])?;
    Ok(())
}

pub fn upsert_site(c: &Connection, s: &Site, seq: i64) -> Result<(), StoreError> {
    c.prepare_cached(
        "INSERT INTO site (id, seq, name, region, wave_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, region = excluded.region, wave_id = excluded.wave_id",
    )?
    .execute(params![s.id, seq, s.name, s.region, s.wave])?;
    Ok(())
}

pub fn upsert_initiative(c: &Connection, i: &Initiative, seq: i64, replace_children: bool) -> Result<(), StoreError> {
    c.prepare_cached(
        "INSERT INTO initiative (id, seq, name, owner, team_id, optimistic, likely, pessimistic, status, progress,
                                 site_id, wave_id, start_no_earlier_than, finish_no_later_than, x, y, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, owner = excluded.owner, team_id = excluded.team_id,
             optimistic = excluded.optimistic, likely = excluded.likely, pessimistic = excluded.pessimistic,
             status = excluded.status, progress = excluded.progress, site_id = excluded.site_id,
             wave_id = excluded.wave_id, start_no_earlier_than = excluded.start_no_earlier_than,
             finish_no_later_than = excluded.finish_no_later_than, x = excluded.x, y = excluded.y,
             notes = excluded.notes",
    )?
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
    ])?;
    if replace_children {
        c.prepare_cached("DELETE FROM effort WHERE initiative_id = ?1")?.execute([&i.id])?;
    }
    let mut st = c.prepare_cached("INSERT INTO effort (initiative_id, team_id, person_days) VALUES (?1, ?2, ?3)")?;
    for e in &i.effort {
        st.execute(params![i.id, e.team, e.person_days])?;
    }
    Ok(())
}

pub fn upsert_handoff(c: &Connection, h: &Handoff, seq: i64) -> Result<(), StoreError> {
    c.prepare_cached(
        "INSERT INTO handoff (id, seq, from_id, to_id, kind, lag, owner, assumption, confirmed, due)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(id) DO UPDATE SET from_id = excluded.from_id, to_id = excluded.to_id, kind = excluded.kind,
             lag = excluded.lag, owner = excluded.owner, assumption = excluded.assumption,
             confirmed = excluded.confirmed, due = excluded.due",
    )?
    .execute(params![h.id, seq, h.from, h.to, h.kind.as_str(), h.lag, h.owner, h.assumption, h.confirmed, date_text(h.due)])?;
    Ok(())
}

pub fn upsert_risk(c: &Connection, r: &Risk, seq: i64, replace_children: bool) -> Result<(), StoreError> {
    let si = r.schedule_impact;
    c.prepare_cached(
        "INSERT INTO risk (id, seq, title, owner, probability, impact, mitigation, status, impact_min, impact_likely, impact_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, owner = excluded.owner, probability = excluded.probability,
             impact = excluded.impact, mitigation = excluded.mitigation, status = excluded.status,
             impact_min = excluded.impact_min, impact_likely = excluded.impact_likely, impact_max = excluded.impact_max",
    )?
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
    if replace_children {
        c.prepare_cached("DELETE FROM risk_initiative WHERE risk_id = ?1")?.execute([&r.id])?;
    }
    let mut st = c.prepare_cached("INSERT INTO risk_initiative (risk_id, initiative_id, pos) VALUES (?1, ?2, ?3)")?;
    for (k, i) in r.initiatives.iter().enumerate() {
        st.execute(params![r.id, i, k as i64])?;
    }
    Ok(())
}

/// Deletes one row by id from one of the entity tables (children cascade).
pub fn delete(c: &Connection, table: &str, id: &str) -> Result<(), StoreError> {
    // `table` is one of our own constants, never user text.
    c.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?.execute([id])?;
    Ok(())
}

/// The whole plan, in the order the user made it.
pub fn read_plan(c: &Connection) -> Result<Plan, StoreError> {
    let meta = c
        .query_row("SELECT name, start, working_days FROM plan WHERE id = 1", [], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .optional()?
        .ok_or_else(|| bad("plan", "1", "missing plan row"))?;
    let start = parse_date("plan", "1", Some(meta.1))?.ok_or_else(|| bad("plan", "1", "start"))?;
    let mut working_days = Vec::new();
    for d in meta.2.split(',').filter(|s| !s.is_empty()) {
        working_days.push(d.parse::<Weekday>().map_err(|_| bad("plan", "1", &format!("weekday '{d}'")))?);
    }
    let mut holidays = Vec::new();
    {
        let mut st = c.prepare("SELECT date FROM holiday ORDER BY date")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for d in rows {
            let d = d?;
            holidays.extend(parse_date("holiday", &d, Some(d.clone()))?);
        }
    }
    let mut plan = Plan::new(&meta.0, start);
    plan.calendar = Calendar { working_days, holidays };

    plan.teams = collect(c, "SELECT id, name, fte, utilization_target FROM team ORDER BY seq", |r| {
        Ok(Team { id: r.get(0)?, name: r.get(1)?, fte: r.get(2)?, utilization_target: r.get(3)? })
    })?;
    plan.waves =
        collect(c, "SELECT id, name, ord FROM wave ORDER BY seq", |r| Ok(Wave { id: r.get(0)?, name: r.get(1)?, order: r.get(2)? }))?;
    plan.sites = collect(c, "SELECT id, name, region, wave_id FROM site ORDER BY seq", |r| {
        Ok(Site { id: r.get(0)?, name: r.get(1)?, region: r.get(2)?, wave: r.get(3)? })
    })?;

    type RawInitiative = (Initiative, String, Option<String>, Option<String>);
    let raw: Vec<RawInitiative> = collect(
        c,
        "SELECT id, name, owner, team_id, optimistic, likely, pessimistic, status, progress, site_id, wave_id,
                start_no_earlier_than, finish_no_later_than, x, y, notes FROM initiative ORDER BY seq",
        |r| {
            let x: Option<f64> = r.get(13)?;
            let y: Option<f64> = r.get(14)?;
            let i = Initiative {
                id: r.get(0)?,
                name: r.get(1)?,
                owner: r.get(2)?,
                team: r.get(3)?,
                duration: Estimate { optimistic: r.get(4)?, likely: r.get(5)?, pessimistic: r.get(6)? },
                effort: Vec::new(),
                status: Status::NotStarted,
                progress: r.get(8)?,
                site: r.get(9)?,
                wave: r.get(10)?,
                start_no_earlier_than: None,
                finish_no_later_than: None,
                position: x.zip(y).map(|(x, y)| Position { x, y }),
                notes: r.get(15)?,
            };
            Ok((i, r.get(7)?, r.get(11)?, r.get(12)?))
        },
    )?;
    let mut by_id = std::collections::HashMap::with_capacity(raw.len());
    for (k, (mut i, status, snet, fnlt)) in raw.into_iter().enumerate() {
        i.status = Status::parse(&status).ok_or_else(|| bad("initiative", &i.id, &format!("status '{status}'")))?;
        i.start_no_earlier_than = parse_date("initiative", &i.id, snet)?;
        i.finish_no_later_than = parse_date("initiative", &i.id, fnlt)?;
        by_id.insert(i.id.clone(), k);
        plan.initiatives.push(i);
    }
    let efforts: Vec<(String, Effort)> = collect(
        c,
        "SELECT e.initiative_id, e.team_id, e.person_days FROM effort e JOIN team t ON t.id = e.team_id ORDER BY e.rowid",
        |r| Ok((r.get(0)?, Effort { team: r.get(1)?, person_days: r.get(2)? })),
    )?;
    for (iid, e) in efforts {
        if let Some(&k) = by_id.get(&iid) {
            plan.initiatives[k].effort.push(e);
        }
    }

    let raw: Vec<(Handoff, String, Option<String>)> =
        collect(c, "SELECT id, from_id, to_id, kind, lag, owner, assumption, confirmed, due FROM handoff ORDER BY seq", |r| {
            let mut h = Handoff::fs(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?, &r.get::<_, String>(2)?);
            h.lag = r.get(4)?;
            h.owner = r.get(5)?;
            h.assumption = r.get(6)?;
            h.confirmed = r.get(7)?;
            Ok((h, r.get(3)?, r.get(8)?))
        })?;
    for (mut h, kind, due) in raw {
        h.kind = Kind::parse(&kind).ok_or_else(|| bad("handoff", &h.id, &format!("kind '{kind}'")))?;
        h.due = parse_date("handoff", &h.id, due)?;
        plan.handoffs.push(h);
    }

    let raw: Vec<(Risk, String, Option<i32>, Option<i32>, Option<i32>)> = collect(
        c,
        "SELECT id, title, owner, probability, impact, mitigation, status, impact_min, impact_likely, impact_max
         FROM risk ORDER BY seq",
        |r| {
            let risk = Risk {
                id: r.get(0)?,
                title: r.get(1)?,
                owner: r.get(2)?,
                probability: r.get(3)?,
                impact: r.get(4)?,
                mitigation: r.get(5)?,
                status: RiskStatus::Open,
                initiatives: Vec::new(),
                schedule_impact: None,
            };
            Ok((risk, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?))
        },
    )?;
    let mut risk_at = std::collections::HashMap::new();
    for (k, (mut r, status, lo, mid, hi)) in raw.into_iter().enumerate() {
        r.status = RiskStatus::parse(&status).ok_or_else(|| bad("risk", &r.id, &format!("status '{status}'")))?;
        if let (Some(optimistic), Some(likely), Some(pessimistic)) = (lo, mid, hi) {
            r.schedule_impact = Some(Estimate { optimistic, likely, pessimistic });
        }
        risk_at.insert(r.id.clone(), k);
        plan.risks.push(r);
    }
    let links: Vec<(String, String)> =
        collect(c, "SELECT risk_id, initiative_id FROM risk_initiative ORDER BY risk_id, pos", |r| Ok((r.get(0)?, r.get(1)?)))?;
    for (rid, iid) in links {
        if let Some(&k) = risk_at.get(&rid) {
            plan.risks[k].initiatives.push(iid);
        }
    }
    Ok(plan)
}

fn collect<T>(c: &Connection, sql: &str, f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>) -> Result<Vec<T>, StoreError> {
    let mut st = c.prepare(sql)?;
    let rows = st.query_map([], f)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r?);
    }
    Ok(out)
}
