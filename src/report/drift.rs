//! What `bridger baseline`, `baselines` and `diff` print: the words of what `api::baseline`
//! returned, names not ids, plan text escaped for the terminal.

use std::fmt::Write;

use super::escape;
use crate::api::baseline::{BaselineRow, Kept};
use crate::drift::{Cause, Drift};
use crate::words::{count, working_days};

/// How many moved initiatives the text lists (`--json` has them all).
const SHOWN: usize = 20;

/// "+4 working days", "-2 working days", "no change".
fn signed(days: i64) -> String {
    match days {
        0 => "no change".into(),
        d if d > 0 => format!("+{}", working_days(d)),
        d => working_days(d),
    }
}

fn named<'a>(d: &'a Drift, id: &'a str) -> std::borrow::Cow<'a, str> {
    escape(d.names.get(id).map_or(id, String::as_str))
}

/// One origin as a person reads it: "the estimate of 'Store install'" (`Cause::words`).
fn origin(d: &Drift, c: &Cause) -> String {
    c.words(&|id| named(d, id).into_owned())
}

fn cause_line(d: &Drift, c: &Cause) -> String {
    let via = match c.via.len() + c.via_more {
        0 => String::new(),
        k if k <= 3 => format!(", via {}", c.via.iter().map(|h| named(d, h).into_owned()).collect::<Vec<_>>().join(", ")),
        k => format!(", via {} (the last {})", count(k, "handoff", "handoffs"), named(d, &c.via[c.via.len() - 1])),
    };
    format!("{}: {}{via}", signed(c.days), origin(d, c))
}

/// When a baseline was kept, as a person reads it ("2027-02-05 16:00 UTC"); the stored text
/// as it is when it is no RFC 3339 time.
fn when(created: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(created) {
        Ok(t) => t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => created.to_string(),
    }
}

/// The list of baselines.
pub fn baselines_text(what: &str, rows: &[BaselineRow]) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        let _ = writeln!(out, "{}: no baseline kept", escape(what));
        return out;
    }
    let _ = writeln!(out, "{}: {}", escape(what), count(rows.len(), "baseline", "baselines"));
    for b in rows {
        let status = b.status_date.map(|d| format!(", status date {d}")).unwrap_or_default();
        let record = if b.of_record { " (of record)" } else { "" };
        let dates = if b.dates_only { ", dates only" } else { "" };
        let _ = writeln!(
            out,
            "  '{}'{record}: kept {}{status}, {}{dates}",
            escape(&b.name),
            escape(&when(&b.created)),
            count(b.initiatives as usize, "initiative", "initiatives")
        );
    }
    out
}

/// What keeping a baseline did.
pub fn kept_text(what: &str, k: &Kept) -> String {
    let verb = if k.replaced { "replaced" } else { "kept" };
    let record = if k.of_record { ", the baseline of record" } else { "" };
    let forecast = if k.forecast { " and its current forecast" } else { "" };
    format!(
        "{}: {verb} baseline '{}'{record}: {}{forecast}, {} KB\n",
        escape(what),
        escape(&k.name),
        count(k.initiatives as usize, "initiative", "initiatives"),
        (k.bytes + 1023) / 1024
    )
}

fn ids(d: &Drift, list: &[String]) -> String {
    list.iter().map(|id| format!("'{}'", named(d, id))).collect::<Vec<_>>().join(", ")
}

/// The drift since a baseline, for people.
pub fn drift_text(d: &Drift) -> String {
    let mut out = String::new();
    let status = d.since.status_date.map(|s| format!(", status date {s}")).unwrap_or_default();
    let _ = writeln!(out, "Since baseline '{}' (kept {}{status})", escape(&d.since.name), escape(&when(&d.since.created)));
    let _ = writeln!(out, "Finish: {} -> {}, {}", d.finish_before, d.finish_after, signed(d.finish_change_days));
    for c in &d.finish_causes {
        let _ = writeln!(out, "  {}", cause_line(d, c));
    }
    match d.p80_change_days {
        Some(p) => {
            let _ = writeln!(out, "P80: {}", signed(p));
        }
        None => {
            let _ = writeln!(out, "P80: not compared (a current forecast on both sides is needed)");
        }
    }
    if !d.explained {
        let _ = writeln!(out, "The baseline keeps dates only: the moves have no causes.");
    }
    let _ = writeln!(out, "Moved: {}", count(d.moved.len(), "initiative", "initiatives"));
    for m in d.moved.iter().take(SHOWN) {
        let _ = writeln!(out, "  '{}' {}", named(d, &m.id), signed(m.days));
        for c in &m.causes {
            let _ = writeln!(out, "    {}", cause_line(d, c));
        }
    }
    if d.moved.len() > SHOWN {
        let _ = writeln!(out, "  and {} more (--json lists them all)", d.moved.len() - SHOWN);
    }
    for (word, e) in [("Added", &d.added), ("Removed", &d.removed)] {
        for (noun, list) in [
            ("initiatives", &e.initiatives),
            ("handoffs", &e.handoffs),
            ("risks", &e.risks),
            ("teams", &e.teams),
            ("sites", &e.sites),
            ("waves", &e.waves),
        ] {
            if !list.is_empty() {
                let _ = writeln!(out, "{word} {noun}: {}", ids(d, list));
            }
        }
    }
    for x in &d.deferred {
        let why = if x.reason.trim().is_empty() { "no reason given".to_string() } else { escape(&x.reason).into_owned() };
        let _ = writeln!(out, "Deferred: '{}' since {}: {why}", named(d, &x.id), x.since);
    }
    if !d.undeferred.is_empty() {
        let _ = writeln!(out, "Taken back from deferral: {}", ids(d, &d.undeferred));
    }
    if !d.changed.is_empty() {
        let _ = writeln!(out, "Changed: {}", count(d.changed.len(), "field", "fields"));
        for c in &d.changed {
            let who = if c.id.is_empty() { "the plan".to_string() } else { format!("{} '{}'", c.kind, named(d, &c.id)) };
            let _ = writeln!(out, "  {who}: {}: {} -> {}", escape(&c.field), escape(&c.before.to_string()), escape(&c.after.to_string()));
        }
    }
    for r in &d.risks_rescored {
        let _ = writeln!(out, "Risk rescored: '{}' {} -> {}", named(d, &r.id), r.before, r.after);
    }
    if !d.handoffs_newly_unowned.is_empty() {
        let _ = writeln!(out, "Handoffs newly unowned: {}", ids(d, &d.handoffs_newly_unowned));
    }
    if !d.handoffs_newly_unconfirmed.is_empty() {
        let _ = writeln!(out, "Handoffs newly unconfirmed: {}", ids(d, &d.handoffs_newly_unconfirmed));
    }
    for t in &d.teams_newly_over {
        let weeks: Vec<String> = t.weeks.iter().map(|w| w.to_string()).collect();
        let _ = writeln!(out, "Newly over capacity: '{}' in the weeks of {}", named(d, &t.team), weeks.join(", "));
    }
    for (word, list) in [("New finding", &d.findings_new), ("Resolved finding", &d.findings_resolved)] {
        for f in list {
            let _ = writeln!(out, "{word}: {}", escape(&f.message));
        }
    }
    out
}
