//! `bridger baseline`, `baselines` and `diff`: arguments and printing over `api::baseline`.

use std::path::{Path, PathBuf};

use anyhow::Result;
use bridger::api::baseline;
use clap::Args;

use crate::shown;

#[derive(Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["name", "delete", "of_record"])))]
pub struct BaselineArgs {
    file: PathBuf,
    /// Keep a baseline under this name (unique in the plan)
    #[arg(long)]
    name: Option<String>,
    /// Replace a baseline of the same name
    #[arg(long, requires = "name")]
    force: bool,
    /// Keep the dates in this CSV file (columns initiative, start, finish) as the baseline,
    /// not the plan as it is now: approved dates from a spreadsheet or another tool. Its
    /// moves have no causes
    #[arg(long, requires = "name", value_name = "CSV")]
    dates: Option<PathBuf>,
    /// Delete the baseline of this name
    #[arg(long)]
    delete: Option<String>,
    /// Mark the baseline of this name the baseline of record (the approved plan)
    #[arg(long)]
    of_record: Option<String>,
}

pub fn run(args: BaselineArgs) -> Result<()> {
    let f = shown(&args.file);
    if let Some(name) = &args.name {
        let kept = match &args.dates {
            Some(csv) => baseline::keep_dates(&args.file, name, csv, args.force)?,
            None => baseline::keep(&args.file, name, args.force)?,
        };
        out!("{}", bridger::report::kept_text(&f, &kept));
    } else if let Some(name) = &args.delete {
        baseline::delete(&args.file, name)?;
        outln!("{f}: deleted baseline '{}'", bridger::report::escape(name));
    } else if let Some(name) = &args.of_record {
        baseline::of_record(&args.file, name)?;
        outln!("{f}: '{}' is the baseline of record", bridger::report::escape(name));
    }
    Ok(())
}

pub fn list(file: &Path, json: bool) -> Result<()> {
    let rows = baseline::list(file)?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        out!("{}", bridger::report::baselines_text(&shown(file), &rows));
    }
    Ok(())
}

pub fn diff(file: &Path, since: Option<&str>, json: bool) -> Result<()> {
    let d = baseline::diff(file, since)?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&d)?);
    } else {
        out!("{}", bridger::report::drift_text(&d));
    }
    // The process ends here; freeing a large drift string by string first would only delay it.
    std::mem::forget(d);
    Ok(())
}
