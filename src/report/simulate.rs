//! What `bridger simulate` prints: a run's figures for a person, names escaped.

use super::escape;
use crate::model::{Distribution, Plan};
use crate::schedule::{Finish, Simulation};

fn p(sim: &Simulation, percent: u8) -> Finish {
    sim.percentile(percent).unwrap_or(sim.cpm)
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Working days from the finish if nothing slips (CPM's), signed.
fn against_cpm(sim: &Simulation, f: Finish) -> String {
    let d = f.days - sim.cpm.days;
    if d.abs() < 0.05 {
        "as if nothing slips".to_string()
    } else {
        format!("{:.1} working days {} than if nothing slips", d.abs(), if d > 0.0 { "later" } else { "earlier" })
    }
}

/// What `bridger simulate` prints for a person: the dates one can promise against CPM's
/// and the target, the most critical initiatives and seams, the risk drivers, what the
/// largest risks reach downstream, the waves.
pub fn simulation_text(plan: &Plan, sim: &Simulation) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let dist = match sim.distribution {
        Distribution::Triangular => "triangular",
        Distribution::Pert => "PERT-Beta",
    };
    let _ = writeln!(
        s,
        "{}: {}, seed {} (the same seed gives the same forecast), {dist} durations",
        escape(&plan.name),
        crate::words::count(sim.iterations as usize, "run", "runs"),
        sim.seed
    );
    let _ = writeln!(s, "Finish if nothing slips (likely durations, no risk): {} (day {})", sim.cpm.date, sim.cpm.days);
    for pct in [50, 80] {
        let f = p(sim, pct);
        let _ = writeln!(s, "P{pct} finish: {} (day {:.1}, {})", f.date, f.days, against_cpm(sim, f));
    }
    let spread: Vec<String> = sim.percentiles.iter().map(|x| format!("P{} {}", x.percent, x.finish.date)).collect();
    let _ = writeln!(s, "  {}", spread.join("  "));
    if let (Some(t), Some(prob)) = (sim.target, sim.probability_on_target) {
        let _ = writeln!(s, "Target {t}: met in {} of runs{}", percent(prob), if p(sim, 80).date <= t { "" } else { " (P80 is later)" });
    }

    deadlines(&mut s, plan, sim);

    let mut order: Vec<usize> = (0..plan.initiatives.len()).filter(|k| sim.criticality[*k] > 0.0).collect();
    order.sort_by(|a, b| sim.criticality[*b].total_cmp(&sim.criticality[*a]).then(a.cmp(b)));
    let levelled = if sim.levelled { ", levelled runs" } else { "" };
    let _ = writeln!(s, "\nMost critical initiatives (share of runs in which they are on the path that sets the finish{levelled}):");
    if order.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for &k in order.iter().take(5) {
        let i = &plan.initiatives[k];
        let _ = writeln!(s, "  {:>4}  {}", percent(sim.criticality[k]), escape(&i.name));
    }

    // A seam is a handoff from one team to another.
    let teams: std::collections::HashMap<&str, Option<&str>> =
        plan.initiatives.iter().map(|i| (i.id.as_str(), i.team.as_deref())).collect();
    let team = |id: &str| teams.get(id).copied().flatten();
    // Teams by their names, as `schedule` and `check` show them.
    fn team_name<'a>(plan: &'a Plan, t: Option<&'a str>) -> &'a str {
        t.map_or("no team", |t| plan.team(t).map_or(t, |x| x.name.as_str()))
    }
    let mut seams: Vec<usize> = (0..plan.handoffs.len())
        .filter(|&h| {
            let x = &plan.handoffs[h];
            sim.handoff_criticality[h] > 0.0 && team(&x.from) != team(&x.to)
        })
        .collect();
    seams.sort_by(|a, b| sim.handoff_criticality[*b].total_cmp(&sim.handoff_criticality[*a]).then(a.cmp(b)));
    let _ = writeln!(s, "\nMost critical seams (handoffs between teams that drive the finish):");
    if seams.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for &h in seams.iter().take(5) {
        let x = &plan.handoffs[h];
        let owner = if x.owner.is_empty() { "no owner".to_string() } else { format!("owner {}", escape(&x.owner)) };
        let _ = writeln!(
            s,
            "  {:>4}  {} -> {} ({} -> {}, {owner}{})",
            percent(sim.handoff_criticality[h]),
            escape(plan.initiative(&x.from).map_or(x.from.as_str(), |i| i.name.as_str())),
            escape(plan.initiative(&x.to).map_or(x.to.as_str(), |i| i.name.as_str())),
            escape(team_name(plan, team(&x.from))),
            escape(team_name(plan, team(&x.to))),
            if x.confirmed { "" } else { ", unconfirmed" }
        );
    }
    if !sim.risk_drivers.is_empty() {
        tornado(&mut s, plan, sim);
    }
    if sim.exposure.iter().any(|x| !x.initiatives.is_empty()) {
        exposure(&mut s, plan, sim);
    }
    if !sim.waves.is_empty() {
        let _ = writeln!(s, "\nWaves (P50 / P80):");
        for w in &sim.waves {
            let name = plan.waves.iter().find(|x| x.id == w.id).map_or(w.id.as_str(), |x| x.name.as_str());
            let _ = writeln!(s, "  {}  {} / {}", escape(name), w.p50.date, w.p80.date);
        }
    }
    s
}

/// The deadlines and due dates beside the target: those not met in every run, the
/// least likely first, by name.
fn deadlines(s: &mut String, plan: &Plan, sim: &Simulation) {
    use std::fmt::Write as _;
    let all = sim.deadlines.len() + sim.handoff_dues.len();
    if all == 0 {
        return;
    }
    fn name<'a>(plan: &'a Plan, id: &'a str) -> &'a str {
        plan.initiatives.iter().find(|i| i.id == id).map_or(id, |i| if i.name.is_empty() { i.id.as_str() } else { i.name.as_str() })
    }
    let mut rows: Vec<(f64, String, &crate::schedule::DateChance)> = sim
        .deadlines
        .iter()
        .map(|d| (d.probability, format!("{} deadline", escape(name(plan, &d.id))), d))
        .chain(sim.handoff_dues.iter().map(|d| {
            let h = plan.handoffs.iter().find(|h| h.id == d.id);
            let what = h.map_or_else(
                || escape(&d.id).into_owned(),
                |h| format!("{} -> {}", escape(name(plan, &h.from)), escape(name(plan, &h.to))),
            );
            (d.probability, format!("handoff {what} due"), d)
        }))
        .filter(|r| r.0 < 1.0)
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    if rows.is_empty() {
        let _ = writeln!(s, "Deadlines and due dates: all {all} met in every run");
        return;
    }
    let _ = writeln!(s, "Deadlines and due dates at risk ({} of {all}; chance of meeting each):", rows.len());
    for (p, what, d) in rows.iter().take(10) {
        let p80 = d.p80.map_or(String::new(), |f| format!(", P80 {}", f.date));
        let _ = writeln!(s, "  {:>4}  {what} {}{p80}", percent(*p), d.date);
    }
    if rows.len() > 10 {
        let _ = writeln!(s, "  and {} more (--json lists them)", rows.len() - 10);
    }
}

/// The risk drivers as a tornado: the ten that move the P80 most, a bar each.
fn tornado(s: &mut String, plan: &Plan, sim: &Simulation) {
    use std::fmt::Write as _;
    const WIDTH: f64 = 20.0;
    let _ = writeln!(s, "\nRisk drivers, by working days added at P80 (the same runs with the risk and without it):");
    let widest = sim.risk_drivers.iter().map(|x| x.p80_delta_days.abs()).fold(0.0, f64::max);
    let risks: std::collections::HashMap<&str, &crate::model::Risk> = plan.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    for x in sim.risk_drivers.iter().take(10) {
        let bar = if widest > 0.0 { (x.p80_delta_days.abs() / widest * WIDTH).round() as usize } else { 0 };
        let (title, owner) = risks.get(x.risk.as_str()).map_or(("", ""), |r| (r.title.as_str(), r.owner.as_str()));
        let owner = if owner.is_empty() { "no owner".to_string() } else { format!("owner {}", escape(owner)) };
        let _ = writeln!(
            s,
            "  {:+6.1} working days at P80  {:<20}  {} ({owner})",
            x.p80_delta_days,
            "#".repeat(bar),
            escape(if title.is_empty() { &x.risk } else { title }),
        );
    }
    let rest = sim.risk_drivers.len().saturating_sub(10);
    if rest > 0 {
        let _ = writeln!(s, "  and {rest} more (--json lists them)");
    }
}

/// The reach of the largest risk drivers: what each can delay downstream, by how much.
fn exposure(s: &mut String, plan: &Plan, sim: &Simulation) {
    use std::fmt::Write as _;
    let _ = writeln!(s, "\nReach (what each risk can delay downstream; P80 of the delay when it fires):");
    let name = |id: &str, list: &[crate::model::Wave]| list.iter().find(|w| w.id == id).map_or(id.to_string(), |w| w.name.clone());
    for x in sim.exposure.iter().filter(|x| !x.initiatives.is_empty()).take(5) {
        let delayed = x.initiatives.iter().filter(|e| e.p80_delay_days > 0.0).count();
        let title = plan.risks.iter().find(|r| r.id == x.risk).map_or(x.risk.as_str(), |r| r.title.as_str());
        let _ = write!(
            s,
            "  {}: reaches {}, delays {} of them at P80",
            escape(title),
            crate::words::count(x.reach as usize, "initiative", "initiatives"),
            delayed
        );
        let waves: Vec<String> = x
            .waves
            .iter()
            .filter(|e| e.p80_delay_days > 0.0)
            .take(3)
            .map(|e| format!("{} +{:.1}", escape(&name(&e.id, &plan.waves)), e.p80_delay_days))
            .collect();
        if !waves.is_empty() {
            let _ = write!(s, "; waves {}", waves.join(", "));
        }
        let marks: Vec<String> = x
            .milestones
            .iter()
            .filter(|e| e.p80_delay_days > 0.0)
            .take(3)
            .map(|e| format!("{} +{:.1}", escape(plan.initiative(&e.id).map_or(e.id.as_str(), |i| i.name.as_str())), e.p80_delay_days))
            .collect();
        if !marks.is_empty() {
            let _ = write!(s, "; milestones {}", marks.join(", "));
        }
        let _ = writeln!(s);
    }
}
