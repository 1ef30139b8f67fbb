//! `bridger simulate`: the Monte Carlo run of a plan (`api::analysis::run`, the same call
//! as the window's Forecast), as a short report a person reads (`report::simulation_text`)
//! or as JSON for a script (the kept results' shape); kept in a plan file unless
//! `--no-save` (`api::analysis::keep_in_file`).

use std::path::PathBuf;

use anyhow::Result;
use bridger::api::analysis::{self, SimOptions, Snapshot};
use bridger::api::files;
use bridger::model::Distribution;
use bridger::report::escape;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::{invalid_plan, print_notes, shown};

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
    /// With --export: replace an existing file (never a plan, a database or a symbolic link)
    #[arg(long, hide = true, requires = "export")]
    force: bool,
    /// Runs of the plan (each samples every duration and risk once)
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
    /// Risk drivers: how many risks to report, those whose removal moves P80 most (every risk
    /// is screened; each against the same run without it) (0: none)
    #[arg(long, default_value_t = 20)]
    drivers: usize,
    /// Worker threads (0: one per core)
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Print the results as JSON
    #[arg(long)]
    json: bool,
    /// Schedule every run within the teams' capacity (a serial schedule generation
    /// scheme with the plan's priorities), so P50 and P80 include the waiting for busy teams.
    /// Criticality is that of the levelled runs; risk drivers are not measured, and the
    /// results are not kept in the plan file
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

pub fn run(args: SimulateArgs, today: NaiveDate) -> Result<()> {
    let keeping = !(args.no_save || args.levelled);
    let (file, snapshot) = match (&args.file, args.generated) {
        (_, Some(n)) => {
            let name = format!("generated-{n}");
            (PathBuf::from(&name), Snapshot::of_plan(&name, bridger::gen::risky(n, 500, 7)))
        }
        (Some(f), None) => {
            // A plan file keeps the run's results: its revision is noted before the plan is
            // read, so that an edit made meanwhile marks them stale.
            let (snapshot, notes) = if keeping { Snapshot::read_to_keep(f, today)? } else { Snapshot::read(f, today)? };
            print_notes(f, &notes);
            (f.clone(), snapshot)
        }
        (None, None) => anyhow::bail!("name a plan file or --generated N"),
    };
    if let Some(out) = &args.export {
        // The plan simulated, for the NumPy peer of `make bench-simulate`: an output file
        // like any other (an existing one only with --force).
        let overwrite = if args.force { bridger::api::Overwrite::Replace } else { bridger::api::Overwrite::Refuse };
        files::export(&snapshot.plan, &[], out, files::Format::Json, overwrite)?;
        return Ok(());
    }
    let options = SimOptions {
        iterations: args.iterations,
        seed: args.seed,
        distribution: args.distribution.map(|d| match d {
            DistributionArg::Triangular => Distribution::Triangular,
            DistributionArg::Pert => Distribution::Pert,
        }),
        target: args.target,
        drivers: args.drivers,
        threads: args.threads,
        levelled: args.levelled,
    };
    let ran = crate::with_progress("runs", Some(u64::from(options.iterations)), |job| analysis::run(&snapshot, &options, Some(job)))
        .map_err(|e| invalid_plan(&file, e, "simulate"))?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(ran.results()?)?);
    } else {
        if args.levelled {
            outln!("every run scheduled within the teams' capacity (serial scheme, the plan's priorities)");
        }
        out!("{}", bridger::report::simulation_text(&snapshot.plan, &ran.simulation));
    }
    if keeping {
        // The results are out already; a file that cannot take them is worth a warning only.
        match analysis::keep_in_file(&snapshot, &ran, args.levelled) {
            Ok(analysis::Keeping::Kept) => eprintln!("kept the results in {} (--no-save to skip)", shown(&file)),
            Ok(analysis::Keeping::Nowhere) => {}
            Ok(analysis::Keeping::Newer) => eprintln!(
                "bridger: warning: the results were not kept in {}: it keeps a run made on the plan as edited since this one started",
                shown(&file)
            ),
            Err(e) => eprintln!("bridger: warning: the results were not kept in {}: {}", shown(&file), escape(&e.message)),
        }
    }
    Ok(())
}
