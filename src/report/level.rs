//! What `bridger level` prints: a proposed leveling (the finish before and after, what moves
//! and why) and what to stop, names escaped.

use std::fmt::Write as _;

use super::escape;
use crate::api::capacity::Leveling;
use crate::api::level::StopProposal;

/// "1 working day", "3 working days".
fn working_days(n: i64) -> String {
    if n == 1 {
        "1 working day".to_string()
    } else {
        format!("{n} working days")
    }
}

/// The leveling of the plan named `file`: the finish before and after, the first 50 that
/// move (held back for capacity, or pushed by the work they wait for), the work that cannot
/// fit however it moves.
pub fn leveling_text(file: &str, l: &Leveling) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: finish {} -> {} ({} -> {} working days; within capacity it cannot take fewer than {}), {} ({} schedules tried)",
        escape(file),
        l.finish_before,
        l.finish_after,
        l.days_before,
        l.days_after,
        l.lower_bound,
        match l.moved.len() {
            1 => "1 initiative moves".to_string(),
            n => format!("{n} initiatives move"),
        },
        l.schedules
    );
    for m in l.moved.iter().take(50) {
        // why it moves: held back for its team's capacity, or pushed by work it waits for
        let why = if m.delay_after != m.delay_before {
            format!("held back {} for capacity", working_days(i64::from(m.delay_after)))
        } else {
            "pushed by the work it waits for".to_string()
        };
        let _ = writeln!(s, "  {:<40} {} -> {}  ({why})", escape(&m.name), m.from, m.to);
    }
    if l.moved.len() > 50 {
        let _ = writeln!(s, "  and {} more", l.moved.len() - 50);
    }
    for line in &l.cannot_fit {
        let _ = writeln!(s, "  {}", escape(line));
    }
    s
}

/// What to stop for the plan named `file`.
pub fn stop_text(file: &str, p: &StopProposal) -> String {
    let mut s = String::new();
    let name = escape(file);
    if p.met_already {
        let _ =
            writeln!(s, "{name}: levelled, the plan finishes {} and meets its target {}: nothing to defer", p.finish_before_date, p.target);
        return s;
    }
    let _ = writeln!(
        s,
        "{name}: levelled, the plan finishes {} ({} working days), after its target {}",
        p.finish_before_date, p.finish_before_days, p.target
    );
    if p.deferred.is_empty() {
        let _ = writeln!(s, "no deferral gains a working day: the target cannot be met by stopping work alone");
    } else {
        let _ = writeln!(
            s,
            "defer {} ({} with the work that waits on them), value {} of {}: finish {} ({} earlier){}",
            crate::words::count(p.deferred.len(), "initiative", "initiatives"),
            p.deferred.iter().map(|d| 1 + d.successors.len()).sum::<usize>(),
            p.value_deferred,
            p.value_total,
            p.finish_after_date,
            working_days(p.days_gained),
            if p.meets { ", meets the target" } else { ", still after the target: nothing else gains a day" }
        );
        for (k, d) in p.deferred.iter().enumerate() {
            let _ = writeln!(
                s,
                "  {}. {} '{}' (value {}, {}, leveling priority {}): {} earlier, finish {}",
                k + 1,
                escape(&d.initiative),
                escape(&d.name),
                d.value,
                d.rank.map_or("serves no priority".to_string(), |r| format!("serves rank {r}")),
                d.priority,
                working_days(d.days_gained),
                d.finish_date
            );
            if !d.successors.is_empty() {
                let shown: Vec<String> = d.successors.iter().take(10).map(|s| escape(s).into_owned()).collect();
                let more = d.successors.len().saturating_sub(10);
                let _ = writeln!(
                    s,
                    "     goes with it (waits on it): {}{} (value {} in all)",
                    shown.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() },
                    d.value_deferred
                );
            }
        }
    }
    if !p.deferred.is_empty() {
        let _ = writeln!(s, "nothing changed: this is a proposal (`bridger level FILE --propose --accept` defers it as one edit)");
    }
    s
}
