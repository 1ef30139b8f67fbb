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
    /// The plan (.bridger, or .json)
    file: PathBuf,
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
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

pub fn run(args: BriefArgs, load: impl Fn(&Path) -> Result<Plan>, today: NaiveDate) -> Result<()> {
    let overwrite = if args.force { Overwrite::Replace } else { Overwrite::Refuse };
    check_target(&args.output, overwrite)?; // before the plan is read: refuse early
    let plan = load(&args.file)?;
    let simulation = stored_simulation(&args.file)?;
    let options = BriefOptions {
        paper: match args.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        },
        date: args.date.unwrap_or(today),
        simulation,
    };
    let shown = |p: &Path| bridger::report::escape(&p.display().to_string()).into_owned();
    let pdf = brief::render(&plan, &options).with_context(|| format!("cannot write the brief of {}", shown(&args.file)))?;
    write_bytes(&args.output, overwrite, &pdf)?;
    eprintln!("wrote the brief of {} to {} ({} KB)", shown(&args.file), shown(&args.output), pdf.len().div_ceil(1024));
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
