//! `bridger brief FILE -o OUT.pdf`: the PDF brief of a plan, written as every output file
//! is (an existing file only with --force; a temporary file renamed into place). The brief
//! prints the simulation results stored in the plan file, if any; it never runs one.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use bridger::brief::{self, BriefOptions, Paper, SimulationFigures};
use bridger::io::output::{check_target, write_bytes, Overwrite};
use bridger::model::Plan;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

#[derive(Args)]
pub struct BriefArgs {
    /// The plan (.bridger, or .json); omit with --generated
    #[arg(required_unless_present = "generated", conflicts_with = "generated")]
    file: Option<PathBuf>,
    /// The PDF to write
    #[arg(short, long)]
    output: PathBuf,
    #[arg(long, value_enum, default_value = "a4")]
    paper: PaperArg,
    /// The brief's date (YYYY-MM-DD), printed as "as of" and kept as the PDF's creation
    /// date; today when omitted. The same plan and date give the same bytes
    #[arg(long)]
    date: Option<NaiveDate>,
    /// Replace an existing output file (never a plan, a database or a symbolic link)
    #[arg(long)]
    force: bool,
    /// Brief a generated plan of N initiatives with teams, effort, risks and waves (the
    /// benchmark's plan, `gen::briefed`) instead of a file
    #[arg(long, hide = true)]
    generated: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

pub fn run(args: BriefArgs, load: impl Fn(&Path) -> Result<Plan>, today: NaiveDate) -> Result<()> {
    let overwrite = if args.force { Overwrite::Replace } else { Overwrite::Refuse };
    check_target(&args.output, overwrite)?; // before the plan is read: refuse early
    let (plan, simulation, file) = match (&args.file, args.generated) {
        (Some(file), _) => (load(file)?, stored_simulation(file)?, file.clone()),
        (None, n) => (bridger::gen::briefed(n.unwrap_or(20_000), 7), None, PathBuf::from("(generated)")),
    };
    let options = BriefOptions {
        paper: match args.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        },
        date: args.date.unwrap_or(today),
        simulation,
    };
    let shown = |p: &Path| bridger::report::escape(&p.display().to_string()).into_owned();
    let pdf = brief::render(&plan, &options).with_context(|| format!("cannot write the brief of {}", shown(&file)))?;
    write_bytes(&args.output, overwrite, &pdf)?;
    eprintln!("wrote the brief of {} to {} ({} KB)", shown(&file), shown(&args.output), pdf.len().div_ceil(1024));
    Ok(())
}

/// The last simulation stored in a plan file (none for other kinds of file).
fn stored_simulation(path: &Path) -> Result<Option<SimulationFigures>> {
    let is_plan = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("bridger"));
    if !is_plan {
        return Ok(None);
    }
    let Some(stored) = bridger::store::read_simulation(path)? else { return Ok(None) };
    // The date of the run is enough on paper ("2026-11-28T09:30:00+00:00" -> "2026-11-28").
    let at = stored.at.get(..10).unwrap_or(&stored.at);
    Ok(SimulationFigures::from_results(&stored.results, at, stored.stale))
}
