//! What `bridger sites` prints: the words of what `api::sites` returned, per wave, names not
//! ids, plan text escaped for the terminal.

use std::fmt::Write;

use super::escape;
use crate::api::sites::SitesView;
use crate::model::Plan;

/// The sites of `view` (of `plan`) wave by wave: each site's dates, span, forecast and
/// lateness, its counts, and the reasons it is unlike its wave.
pub fn sites_text(file: &str, plan: &Plan, view: &SitesView) -> String {
    let mut out = String::new();
    let flagged = view.sites.iter().filter(|s| !s.flags.is_empty()).count();
    let _ = writeln!(
        out,
        "{}: {} site(s), {} unlike their wave; late against {}{}",
        escape(file),
        view.sites.len(),
        flagged,
        view.baseline.as_deref().map_or("the wave's median finish".to_string(), |b| format!("baseline '{}'", escape(b))),
        if view.forecast { "" } else { "; no current forecast (run bridger simulate for P50/P80)" }
    );
    let wave_name = |id: Option<&str>| match id {
        Some(w) => plan.wave(w).map_or_else(|| escape(w).into_owned(), |x| escape(&x.name).into_owned()),
        None => "No wave".to_string(),
    };
    let mut order: Vec<Option<&str>> = plan.waves.iter().map(|w| Some(w.id.as_str())).collect();
    order.push(None);
    for w in order {
        let list: Vec<_> = view.sites.iter().filter(|s| s.wave.as_deref() == w).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", wave_name(w));
        for s in list {
            let date = |d: Option<chrono::NaiveDate>| d.map_or("-".to_string(), |d| d.to_string());
            let late = match s.late_days {
                Some(0) => "on time".to_string(),
                Some(d) if d > 0 => format!("{d} late"),
                Some(d) => format!("{} early", -d),
                None => "-".to_string(),
            };
            let c = &s.status_counts;
            let _ = writeln!(
                out,
                "  {}{}: {} to {}, {} day(s), {} of work; P50 {}, P80 {}; {}; {} done, {} blocked, {} open risk(s), {} override(s), {} finding(s){}",
                escape(&s.name),
                s.region.as_deref().map_or(String::new(), |r| format!(" ({})", escape(r))),
                date(s.start),
                date(s.finish),
                s.span_days.map_or("-".to_string(), |d| d.to_string()),
                s.work_days.map_or("-".to_string(), |d| d.to_string()),
                date(s.p50),
                date(s.p80),
                late,
                c.done,
                c.blocked,
                s.open_risks,
                s.overrides.len(),
                s.findings,
                if s.flags.is_empty() { "" } else { "  UNLIKE ITS WAVE" }
            );
            for f in &s.flags {
                let _ = writeln!(out, "    ! {}", escape(&f.reason));
            }
        }
    }
    out
}
