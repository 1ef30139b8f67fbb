//! `bridger simulate`: the Monte Carlo run of a plan, as a short report a person reads (the
//! dates one can promise against CPM's and the target, what drives them) or as JSON for a
//! script. The figures are `bridger::schedule::simulate`'s; this is only their wire shape.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use bridger::model::Plan;
use bridger::report::escape;
use bridger::schedule::{simulate, Distribution, Finish, Point, SimConfig, Simulation};
use bridger::store::StoreError;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde_json::{json, Map, Value};

#[derive(Args)]
pub struct SimulateArgs {
    /// The plan (.bridger, .json or .sm); omit with --generated
    #[arg(required_unless_present = "generated", conflicts_with = "generated")]
    file: Option<PathBuf>,
    /// Simulate a generated plan of N initiatives with 500 risks (the benchmark's, see
    /// `bridger::gen::risky`) instead of a file
    #[arg(long, hide = true)]
    generated: Option<usize>,
    /// With --generated: write that plan as plan-format JSON to this file and stop (the
    /// NumPy peer of `make bench-simulate` reads it, so both simulate the same plan)
    #[arg(long, hide = true, requires = "generated")]
    export: Option<PathBuf>,
    /// Iterations (each samples every duration and risk once)
    #[arg(long, default_value_t = 5_000)]
    iterations: u32,
    /// Seed: the same seed gives the same output
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The date to meet (YYYY-MM-DD): how likely the plan finishes by its end
    #[arg(long)]
    target: Option<NaiveDate>,
    /// How durations are drawn from the three-point estimates
    #[arg(long, value_enum, default_value = "triangular")]
    distribution: DistributionArg,
    /// Risk drivers: how many risks (largest probability x mean schedule impact) to measure
    /// against the same run without them (0: none)
    #[arg(long, default_value_t = 20)]
    drivers: usize,
    /// Worker threads (0: one per core)
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Print the results as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum DistributionArg {
    Triangular,
    Pert,
}

pub fn run(args: SimulateArgs, load: impl Fn(&Path) -> Result<Plan>) -> Result<()> {
    let (file, plan) = match (&args.file, args.generated) {
        (_, Some(n)) => (PathBuf::from(format!("generated-{n}")), bridger::gen::risky(n, 500, 7)),
        (Some(f), None) => (f.clone(), load(f)?),
        (None, None) => bail!("name a plan file or --generated N"),
    };
    let file = &file;
    if let Some(out) = &args.export {
        use bridger::io::output::{write_bytes, Overwrite};
        write_bytes(out, Overwrite::Replace, bridger::io::json::to_string(&plan).as_bytes())?;
        return Ok(());
    }
    // An invalid plan has no meaningful simulation (a cycle is named by the scheduler).
    let errors = bridger::model::validate(&plan);
    if !errors.is_empty() {
        bail!("{}: {} (run `bridger check {}`)", file.display(), StoreError::Invalid(errors), file.display());
    }
    let config = SimConfig {
        iterations: args.iterations,
        seed: args.seed,
        distribution: match args.distribution {
            DistributionArg::Triangular => Distribution::Triangular,
            DistributionArg::Pert => Distribution::Pert,
        },
        target: args.target,
        threads: args.threads,
        drivers: args.drivers,
        ..SimConfig::default()
    };
    let sim = simulate(&plan, &config).with_context(|| format!("cannot simulate {}", file.display()))?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&to_json(&plan, &sim))?);
    } else {
        out!("{}", text(&plan, &sim));
    }
    Ok(())
}

fn p(sim: &Simulation, percent: u8) -> Finish {
    sim.percentile(percent).unwrap_or(sim.cpm)
}

fn points(list: &[Point]) -> Value {
    let mut m = Map::new();
    for x in list {
        m.insert(
            x.id.clone(),
            json!({
                "p50_days": x.p50.days,
                "p80_days": x.p80.days,
                "p50_date": x.p50.date.to_string(),
                "p80_date": x.p80.date.to_string(),
            }),
        );
    }
    Value::Object(m)
}

fn to_json(plan: &Plan, sim: &Simulation) -> Value {
    let (p50, p80) = (p(sim, 50), p(sim, 80));
    let criticality: Map<String, Value> = plan.initiatives.iter().zip(&sim.criticality).map(|(i, c)| (i.id.clone(), json!(c))).collect();
    let handoffs: Map<String, Value> = plan.handoffs.iter().zip(&sim.handoff_criticality).map(|(h, c)| (h.id.clone(), json!(c))).collect();
    json!({
        "iterations": sim.iterations,
        "seed": sim.seed,
        "distribution": match sim.distribution { Distribution::Triangular => "triangular", Distribution::Pert => "pert" },
        "cpm_days": sim.cpm.days,
        "cpm_date": sim.cpm.date.to_string(),
        "p50_days": p50.days,
        "p80_days": p80.days,
        "p50_date": p50.date.to_string(),
        "p80_date": p80.date.to_string(),
        "mean_days": sim.mean_days,
        "percentiles": sim.percentiles.iter().map(|x| json!({
            "percent": x.percent,
            "days": x.finish.days,
            "date": x.finish.date.to_string(),
        })).collect::<Vec<_>>(),
        "histogram": {
            "start_days": sim.histogram.start,
            "width_days": sim.histogram.width,
            "counts": sim.histogram.counts,
        },
        "target": sim.target.map(|t| t.to_string()),
        "probability_on_target": sim.probability_on_target,
        "criticality": criticality,
        "handoff_criticality": handoffs,
        "milestones": points(&sim.milestones),
        "waves": points(&sim.waves),
        "risk_drivers": sim.risk_drivers.iter().map(|x| json!({
            "risk": x.risk,
            "p80_delta_days": x.p80_delta_days,
            "p50_delta_days": x.p50_delta_days,
        })).collect::<Vec<_>>(),
    })
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Working days from CPM's finish, signed.
fn against_cpm(sim: &Simulation, f: Finish) -> String {
    let d = f.days - sim.cpm.days;
    if d.abs() < 0.05 {
        "as CPM".to_string()
    } else {
        format!("{d:+.1} working days on CPM")
    }
}

fn text(plan: &Plan, sim: &Simulation) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let dist = match sim.distribution {
        Distribution::Triangular => "triangular",
        Distribution::Pert => "PERT-Beta",
    };
    let _ = writeln!(s, "{}: {} iterations, seed {}, {dist} durations", escape(&plan.name), sim.iterations, sim.seed);
    let _ = writeln!(s, "CPM finish (likely durations, no risk): {} (day {})", sim.cpm.date, sim.cpm.days);
    for pct in [50, 80] {
        let f = p(sim, pct);
        let _ = writeln!(s, "P{pct} finish: {} (day {:.1}, {})", f.date, f.days, against_cpm(sim, f));
    }
    let spread: Vec<String> = sim.percentiles.iter().map(|x| format!("P{} {}", x.percent, x.finish.date)).collect();
    let _ = writeln!(s, "  {}", spread.join("  "));
    if let (Some(t), Some(prob)) = (sim.target, sim.probability_on_target) {
        let _ =
            writeln!(s, "Target {t}: met in {} of iterations{}", percent(prob), if p(sim, 80).date <= t { "" } else { " (P80 is later)" });
    }

    let mut order: Vec<usize> = (0..plan.initiatives.len()).filter(|k| sim.criticality[*k] > 0.0).collect();
    order.sort_by(|a, b| sim.criticality[*b].total_cmp(&sim.criticality[*a]).then(a.cmp(b)));
    let _ = writeln!(s, "\nMost critical initiatives (share of iterations on the path that sets the finish):");
    if order.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for &k in order.iter().take(5) {
        let i = &plan.initiatives[k];
        let _ = writeln!(s, "  {:>4}  {}  {}", percent(sim.criticality[k]), escape(&i.id), escape(&i.name));
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
            "  {:>4}  {}  {} -> {} ({} -> {}, {owner}{})",
            percent(sim.handoff_criticality[h]),
            escape(&x.id),
            escape(&x.from),
            escape(&x.to),
            escape(team_name(plan, team(&x.from))),
            escape(team_name(plan, team(&x.to))),
            if x.confirmed { "" } else { ", unconfirmed" }
        );
    }
    if !sim.risk_drivers.is_empty() {
        tornado(&mut s, plan, sim);
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

/// The risk drivers as a tornado: the ten that move the P80 most, a bar each.
fn tornado(s: &mut String, plan: &Plan, sim: &Simulation) {
    use std::fmt::Write as _;
    const WIDTH: f64 = 20.0;
    let _ = writeln!(s, "\nRisk drivers (P80 with the risk against the same run without it):");
    let widest = sim.risk_drivers.iter().map(|x| x.p80_delta_days.abs()).fold(0.0, f64::max);
    let risks: std::collections::HashMap<&str, &bridger::model::Risk> = plan.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    for x in sim.risk_drivers.iter().take(10) {
        let bar = if widest > 0.0 { (x.p80_delta_days.abs() / widest * WIDTH).round() as usize } else { 0 };
        let (title, owner) = risks.get(x.risk.as_str()).map_or(("", ""), |r| (r.title.as_str(), r.owner.as_str()));
        let owner = if owner.is_empty() { "no owner".to_string() } else { format!("owner {}", escape(owner)) };
        let _ = writeln!(
            s,
            "  {:+6.1} working days at P80  {:<20}  {}  {} ({owner})",
            x.p80_delta_days,
            "#".repeat(bar),
            escape(&x.risk),
            escape(title),
        );
    }
    let rest = sim.risk_drivers.len().saturating_sub(10);
    if rest > 0 {
        let _ = writeln!(s, "  and {rest} more (--json lists them)");
    }
}
