//! `bridger simulate`: the Monte Carlo run of a plan, as a short report a person reads (the
//! dates one can promise against CPM's and the target, what drives them) or as JSON for a
//! script. The figures are `bridger::schedule::simulate`'s; this is only their wire shape.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use bridger::model::Plan;
use bridger::report::escape;
use bridger::schedule::{simulate, Distribution, Finish, SimConfig, Simulation};
use bridger::store::{Editor, StoreError, StoredSimulation};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

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
    /// The date to meet (YYYY-MM-DD): how likely the plan finishes by its end [default: the
    /// plan's target]
    #[arg(long)]
    target: Option<NaiveDate>,
    /// How durations are drawn from the three-point estimates [default: the plan's setting]
    #[arg(long, value_enum)]
    distribution: Option<DistributionArg>,
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
    /// Schedule every iteration within the teams' capacity (a serial schedule generation
    /// scheme with the plan's priorities), so P50 and P80 include the waiting for busy teams.
    /// Risk drivers are not measured, and the results are not kept in the plan file
    #[arg(long)]
    levelled: bool,
    /// Do not keep the results in the plan file (by default a writable .bridger file keeps
    /// the last run, for the app and the brief)
    #[arg(long)]
    no_save: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum DistributionArg {
    Triangular,
    Pert,
}

pub fn run(args: SimulateArgs, load: impl Fn(&Path) -> Result<Plan>) -> Result<()> {
    // A plan file keeps the run's results: its revision is noted before the plan is read,
    // so that an edit made meanwhile marks them stale.
    let mut keep = match (&args.file, args.no_save || args.levelled) {
        (Some(f), false) if writable_plan(f) => {
            let editor = Editor::open(f)?;
            let revision = editor.revision()?;
            Some((editor, revision))
        }
        _ => None,
    };
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
            Some(DistributionArg::Triangular) => Distribution::Triangular,
            Some(DistributionArg::Pert) => Distribution::Pert,
            None => plan.distribution,
        },
        target: args.target.or(plan.target),
        threads: args.threads,
        drivers: args.drivers,
        levelled: args.levelled,
        ..SimConfig::default()
    };
    let sim = simulate(&plan, &config).with_context(|| format!("cannot simulate {}", file.display()))?;
    let results = sim.to_json(&plan);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        if args.levelled {
            outln!("every iteration scheduled within the teams' capacity (serial scheme, the plan's priorities)");
        }
        out!("{}", text(&plan, &sim));
    }
    if let Some((editor, revision)) = &mut keep {
        let stored = StoredSimulation {
            seed: sim.seed,
            iterations: sim.iterations,
            distribution: sim.distribution,
            at: String::new(),
            revision: *revision,
            stale: false,
            results,
        };
        // The results are out already; a file that cannot take them is worth a warning only.
        match editor.save_simulation(&stored) {
            Ok(()) => eprintln!("kept the results in {} (--no-save to skip)", escape(&file.display().to_string())),
            Err(e) => eprintln!("bridger: warning: the results were not kept in {}: {e}", escape(&file.display().to_string())),
        }
    }
    Ok(())
}

/// A .bridger file this user may write (read-only files are simulated, not written).
fn writable_plan(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "bridger") && std::fs::metadata(path).is_ok_and(|m| m.is_file() && !m.permissions().readonly())
}

fn p(sim: &Simulation, percent: u8) -> Finish {
    sim.percentile(percent).unwrap_or(sim.cpm)
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

/// Downstream exposure of the largest risk drivers: what each can delay, by how much.
fn exposure(s: &mut String, plan: &Plan, sim: &Simulation) {
    use std::fmt::Write as _;
    let _ = writeln!(s, "\nExposure downstream (P80 of the delay when the risk fires):");
    let name = |id: &str, list: &[bridger::model::Wave]| list.iter().find(|w| w.id == id).map_or(id.to_string(), |w| w.name.clone());
    for x in sim.exposure.iter().filter(|x| !x.initiatives.is_empty()).take(5) {
        let delayed = x.initiatives.iter().filter(|e| e.p80_delay_days > 0.0).count();
        let _ = write!(s, "  {}: reaches {} initiatives, delays {} of them at P80", escape(&x.risk), x.reach, delayed);
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
            .map(|e| format!("{} +{:.1}", escape(&e.id), e.p80_delay_days))
            .collect();
        if !marks.is_empty() {
            let _ = write!(s, "; milestones {}", marks.join(", "));
        }
        let _ = writeln!(s);
    }
}
