//! `bridger brief FILE -o OUT.pdf`: the PDF brief of a plan (`api::brief::write`, the same
//! call as the window's Brief), written as every output file is (an existing file only
//! with --force; a temporary file renamed into place). The brief prints the simulation
//! results kept in the plan file, if any; it never runs one.

use std::path::PathBuf;

use anyhow::{Context, Result};
use bridger::api::{analysis, brief, files, Overwrite, Paper};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::{print_notes, shown};

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
    #[arg(long, value_parser = crate::date_arg)]
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

pub fn run(args: BriefArgs, today: NaiveDate) -> Result<()> {
    let overwrite = if args.force { Overwrite::Replace } else { Overwrite::Refuse };
    files::check_output(&args.output, files::Format::Json, overwrite)?; // before the plan is read: refuse early
    let (plan, kept, baselines, file) = match (&args.file, args.generated) {
        (Some(file), _) => {
            let loaded = files::load(file, None, today)?;
            print_notes(file, &loaded.notes);
            (loaded.plan, analysis::kept_in_file(file)?, brief::baselines_in_file(file), file.clone())
        }
        (None, n) => (bridger::gen::briefed(n.unwrap_or(20_000), 7), None, brief::Baselines::default(), PathBuf::from("(generated)")),
    };
    let paper = match args.paper {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    };
    let written = brief::write(&plan, kept.as_ref(), baselines, &args.output, args.date.unwrap_or(today), paper, overwrite)
        .with_context(|| format!("cannot write the brief of {}", shown(&file)))?;
    eprintln!("wrote the brief of {} to {} ({} KB)", shown(&file), shown(&args.output), written.bytes.div_ceil(1024));
    Ok(())
}
