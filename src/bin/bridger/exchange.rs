//! The formats `bridger import` and `bridger export` speak besides a plan file: JSON, a CSV
//! folder, MS Project XML (MSPDI) and PSPLIB `.sm`, chosen by `--format` or by the name.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use bridger::io::output::{check_target, write_bytes, Overwrite};
use bridger::model::Plan;
use chrono::NaiveDate;
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The JSON exchange format (docs/plan-format.md)
    Json,
    /// A folder of CSV files (docs/csv-format.md)
    Csv,
    /// MS Project XML (docs/mspdi.md)
    Mspdi,
    /// A PSPLIB RCPSP instance (import only)
    Sm,
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// The format of an input: `--format`, else a folder is CSV, else by extension.
pub fn input_format(path: &Path, format: Option<Format>) -> Option<Format> {
    if format.is_some() {
        return format;
    }
    if path.is_dir() {
        return Some(Format::Csv);
    }
    match extension(path).as_str() {
        "json" => Some(Format::Json),
        "xml" => Some(Format::Mspdi),
        "sm" => Some(Format::Sm),
        _ => None,
    }
}

/// Reads a plan in `format` (not validated: creating a plan file validates it). Findings
/// of the conversion (what MSPDI holds that Bridger cannot, rounded durations) go to stderr.
pub fn read(path: &Path, format: Format, start: NaiveDate) -> Result<Plan> {
    let what = path.display().to_string();
    let text = || std::fs::read_to_string(path).with_context(|| format!("cannot read {what}"));
    Ok(match format {
        Format::Csv => match bridger::io::csv::read_folder(path) {
            Ok(plan) => plan,
            Err(bridger::io::csv::CsvError::Rows { folder, problems, count }) => {
                // One line per problem, so that a spreadsheet user can walk them.
                for p in &problems {
                    eprintln!("{}", bridger::report::escape(&p.to_string()));
                }
                if count > problems.len() {
                    eprintln!("... and {} more", count - problems.len());
                }
                bail!("{folder}: {count} problem(s) in the CSV files; nothing imported");
            }
            Err(e) => return Err(e.into()),
        },
        Format::Json => bridger::io::json::from_str(&text()?, &what)?,
        Format::Sm => bridger::io::psplib::parse(&text()?, &what, start)?.plan,
        Format::Mspdi => {
            let imported = bridger::io::mspdi::from_str(&text()?, &what)?;
            for f in &imported.findings {
                eprintln!("{}: {}", bridger::report::escape(&what), bridger::report::escape(&f.to_string()));
            }
            imported.plan
        }
    })
}

/// The format of an output: `--format`, else `.xml` is MSPDI, `.json` JSON, an existing
/// folder or a name ending in `/` CSV, anything else JSON.
pub fn output_format(path: &Path, format: Option<Format>) -> Result<Format> {
    let f = format.unwrap_or_else(|| {
        if extension(path) == "xml" {
            Format::Mspdi
        } else if extension(path) == "json" {
            Format::Json
        } else if path.is_dir() || path.to_string_lossy().ends_with('/') {
            Format::Csv
        } else {
            Format::Json
        }
    });
    if f == Format::Sm {
        bail!("{}: bridger does not write PSPLIB .sm files", path.display());
    }
    Ok(f)
}

/// Refuses early, before the plan is read, an output that would be refused anyway.
pub fn check_output(path: &Path, format: Format, overwrite: Overwrite) -> Result<()> {
    if path == Path::new("-") {
        if format == Format::Csv {
            bail!("a CSV folder cannot go to standard output; name a folder with -o");
        }
        return Ok(());
    }
    if format != Format::Csv {
        check_target(path, overwrite)?;
    }
    Ok(())
}

/// Writes `plan` to `path` (`-`: standard output) in `format`.
pub fn write(plan: &Plan, path: &Path, format: Format, overwrite: Overwrite) -> Result<()> {
    let text = match format {
        Format::Csv => {
            bridger::io::csv::write_folder(path, overwrite, plan)?;
            return Ok(());
        }
        Format::Json => bridger::io::json::to_string(plan),
        Format::Mspdi => {
            let exported = bridger::io::mspdi::to_string(plan);
            for f in &exported.findings {
                eprintln!("{}: {}", bridger::report::escape(&path.display().to_string()), bridger::report::escape(&f.to_string()));
            }
            exported.text
        }
        Format::Sm => bail!("{}: bridger does not write PSPLIB .sm files", path.display()),
    };
    if path == Path::new("-") {
        out!("{text}");
    } else {
        write_bytes(path, overwrite, text.as_bytes())?;
    }
    Ok(())
}

/// Adds and updates by id what `plan` (read from `input`) has into the plan file `into`, as
/// one batch: one transaction, one undo step. A refused edit saves nothing.
pub fn import_into(plan: &Plan, input: &Path, into: &Path) -> Result<ExitCode> {
    let shown = |p: &Path| bridger::report::escape(&p.display().to_string()).into_owned();
    let mut editor = bridger::store::Editor::open(into)?;
    let existing = bridger::store::read(into)?;
    let edits = bridger::io::merge::edits(&existing, plan);
    if edits.is_empty() {
        outln!("{}: nothing to change from {}", shown(into), shown(input));
        return Ok(ExitCode::SUCCESS);
    }
    editor.apply_batch(&edits).with_context(|| format!("importing {} into {}; nothing was saved", shown(input), shown(into)))?;
    let adds = edits.iter().filter(|e| bridger::io::merge::is_add(e)).count();
    outln!(
        "imported {} into {}: {} added, {} updated, as one edit (bridger undo {} takes it back)",
        shown(input),
        shown(into),
        adds,
        edits.len() - adds,
        shown(into)
    );
    Ok(ExitCode::SUCCESS)
}
