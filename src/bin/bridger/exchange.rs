//! `bridger import` and `bridger export`'s formats as flags, and their printing: the
//! reading, writing and merging are `bridger::api::files`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use bridger::api::baseline::Baseline;
use bridger::api::files::{self, Foreign, Format};
use bridger::api::Overwrite;
use bridger::model::Plan;
use clap::ValueEnum;

use crate::{print_notes, shown};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// The JSON exchange format (docs/plan-format.md)
    Json,
    /// A folder of CSV files (docs/csv-format.md)
    Csv,
    /// MS Project XML (docs/mspdi.md)
    Mspdi,
    /// A PSPLIB RCPSP instance (import only)
    Sm,
    /// Primavera P6 XER (docs/p6.md)
    Xer,
    /// Primavera P6 XML (import only; docs/p6.md)
    Pmxml,
}

impl FormatArg {
    pub fn format(self) -> Format {
        match self {
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Mspdi => Format::Mspdi,
            FormatArg::Sm => Format::Sm,
            FormatArg::Xer => Format::Xer,
            FormatArg::Pmxml => Format::Pmxml,
        }
    }
}

/// Writes `plan` to `path` (`-`: standard output) in `format`; what the format cannot say
/// goes to stderr.
pub fn write(plan: &Plan, baselines: &[Baseline], path: &Path, format: Format, overwrite: Overwrite) -> Result<()> {
    if path == Path::new("-") {
        let r = files::render(plan, baselines, format)?;
        print_notes(path, &r.notes);
        out!("{}", r.text);
        return Ok(());
    }
    let exported = files::export(plan, baselines, path, format, overwrite)?;
    print_notes(path, &exported.notes);
    Ok(())
}

/// Adds and updates by id what `plan` (read from `input`) has into the plan file `into`, as
/// one batch: one transaction, one undo step. A refused edit saves nothing.
pub fn import_into(foreign: &Foreign, input: &Path, into: &Path) -> Result<ExitCode> {
    let m =
        files::import_into(into, foreign).with_context(|| format!("importing {} into {}; nothing was saved", shown(input), shown(into)))?;
    print_notes(input, &m.baselines.notes());
    let kept = baselines_kept(m.baselines.kept.len());
    if m.edits.is_empty() {
        outln!("{}: nothing to change from {}{kept}", shown(into), shown(input));
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "imported {} into {}: {} added, {} updated, as one edit (bridger undo {} takes it back){kept}",
        shown(input),
        shown(into),
        m.added,
        m.updated,
        shown(into)
    );
    Ok(ExitCode::SUCCESS)
}

/// "; 2 baselines kept" after an import's line, when it kept any.
pub fn baselines_kept(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => "; 1 baseline kept".to_string(),
        n => format!("; {n} baselines kept"),
    }
}
