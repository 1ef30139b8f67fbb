//! `bridger`: the headless Bridger. The CLI definition and glue only; every rule lives in
//! the library. Errors are printed as `bridger: ...` on stderr with exit code 2;
//! `bridger check` exits 1 when the plan has errors.

/// Prints to standard output. A reader that went away (`bridger check plan | head`) ends
/// the program quietly, as it ends other command-line tools, instead of a panic.
macro_rules! out {
    ($($t:tt)*) => { $crate::emit(format_args!($($t)*)) };
}
macro_rules! outln {
    () => { $crate::emit(format_args!("\n")) };
    ($($t:tt)*) => { $crate::emit(format_args!("{}\n", format_args!($($t)*))) };
}

mod bench;
mod brief;
mod layout;
mod level;
mod psplib;
mod simulate;
mod edit;
mod exchange;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use bridger::health;
use bridger::model::Plan;
use bridger::schedule::ScheduleError;
use bridger::store::{Editor, PlanFile, StoreError};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "bridger", version, about = "Dependency and risk mapping of rollouts", propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a generated plan of any size (for benchmarks): long chains of initiatives,
    /// about 3 handoffs each, teams with locality
    #[command(hide = true)]
    Generate {
        file: PathBuf,
        #[arg(long, default_value_t = 5000)]
        initiatives: usize,
        #[arg(long, default_value_t = 3)]
        per_node: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Create a new plan file (empty, or the demo rollout with --demo)
    New {
        file: PathBuf,
        /// Fill it with the demo plan: a point-of-sale rollout to 40 stores in 4 waves
        #[arg(long)]
        demo: bool,
        /// Name of an empty plan
        #[arg(long, default_value = "New plan")]
        name: String,
        /// Day 0 of an empty plan (YYYY-MM-DD); today when omitted
        #[arg(long)]
        start: Option<NaiveDate>,
    },
    /// Create a plan file from a JSON plan (.json), MS Project XML (.xml), a folder of CSV
    /// files or a PSPLIB instance (.sm)
    Import {
        input: PathBuf,
        /// The new plan file to create
        #[arg(short, long, required_unless_present = "into", conflicts_with = "into")]
        output: Option<PathBuf>,
        /// Add and update by id in this existing plan file instead, as one edit (one undo
        /// step); nothing is removed
        #[arg(long)]
        into: Option<PathBuf>,
        /// The input's format when its name does not say it
        #[arg(long, value_enum)]
        format: Option<exchange::Format>,
        /// Day 0 for formats that have no dates (.sm); today when omitted
        #[arg(long)]
        start: Option<NaiveDate>,
    },
    /// Write a plan as JSON (the format of docs/plan-format.md), MS Project XML (.xml) or a
    /// folder of CSV files. An existing output is kept unless --force; a plan or any SQLite
    /// database is never overwritten
    Export {
        file: PathBuf,
        /// Output file (a folder for CSV); `-` for standard output
        #[arg(short, long)]
        output: PathBuf,
        /// json, mspdi or csv; by default .xml is MSPDI, a folder CSV, anything else JSON
        #[arg(long, value_enum)]
        format: Option<exchange::Format>,
        /// Replace an existing output file (never a plan, a database or a symbolic link)
        #[arg(long)]
        force: bool,
    },
    /// Apply edits to a plan file. An edit is JSON such as {"op":"remove_handoff","value":"h-12"}
    /// (the ops are listed in docs/plan-format.md); a JSON array of edits is one batch: saved
    /// whole or not at all, undone in one step. Each edit or batch is committed and
    /// acknowledged as it arrives
    Edit {
        file: PathBuf,
        /// One edit or batch as JSON; `-` reads one edit or batch per line from standard input
        edit: String,
        /// Acknowledge each line with a JSON object: {"line", "saved", "edit"} or {"line", "saved": false, "error": {"code", "message"}}
        #[arg(long)]
        json: bool,
    },
    /// Undo the last edit of a plan file (the journal is in the file)
    Undo { file: PathBuf },
    /// Redo the last undone edit of a plan file
    Redo { file: PathBuf },
    /// Validate a plan and list its findings; exits 1 when it has errors
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Compute the critical-path schedule of a plan
    Schedule {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Monte Carlo: the finish dates one can promise (P50/P80), against CPM and a target, and what drives them
    Simulate(simulate::SimulateArgs),
    /// Lay out the map of a plan (Flow or Seams): counts, JSON, or an SVG picture
    Layout(layout::LayoutArgs),
    /// Fit a plan to its teams' capacity (people x utilization target per day): prints what
    /// moves and saves a leveling delay per initiative as one undoable edit
    Level(level::LevelArgs),
    /// The leveling solver on PSPLIB RCPSP instances (.sm): solve one, or bench a folder
    #[command(subcommand)]
    Psplib(psplib::PsplibCommand),
    /// Write the PDF brief of a plan: a one-page summary for leaders, then the evidence
    /// (map, risks, load, timeline, appendix). An existing output is kept unless --force
    Brief(brief::BriefArgs),
    /// Measure the engine on generated plans (use a release build)
    Bench {
        /// Smaller sizes, for a smoke run
        #[arg(long)]
        quick: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            // The context we added, then the library's own message, which already names
            // the thing and its cause (SQLite's error would only repeat it).
            let mut text = String::from("bridger: ");
            for (k, cause) in e.chain().enumerate() {
                let cause_text = cause.to_string();
                if k == 0 {
                    text.push_str(&cause_text);
                } else if !text.contains(&cause_text) {
                    text.push_str(&format!(": {cause_text}"));
                }
                if cause.is::<StoreError>()
                    || cause.is::<bridger::io::IoError>()
                    || cause.is::<bridger::io::output::OutputError>()
                    || cause.is::<ScheduleError>()
                {
                    break;
                }
            }
            // Ids, names and paths in the message are the file's: shown escaped, so that
            // they cannot clear the terminal or forge a line.
            eprintln!("{}", bridger::report::escape(&text));
            ExitCode::from(2)
        }
    }
}

fn emit(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141); // as if killed by SIGPIPE, which is what a shell expects
        }
        eprintln!("bridger: cannot write to standard output: {e}");
        std::process::exit(2);
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Generate { file, initiatives, per_node, seed } => {
            let plan = bridger::gen::plan(initiatives, per_node, seed, true);
            PlanFile::create(&file, &plan)?;
            outln!("generated {}: {} initiatives, {} handoffs", file.display(), plan.initiatives.len(), plan.handoffs.len());
        }
        Command::New { file, demo, name, start } => {
            plan_name(&file)?;
            let plan = if demo { bridger::demo::plan() } else { Plan::new(&name, start.unwrap_or_else(today)) };
            let f = PlanFile::create(&file, &plan)?;
            let p = f.plan();
            outln!(
                "created {}: '{}', {} initiatives, {} handoffs, {} risks",
                file.display(),
                p.name,
                p.initiatives.len(),
                p.handoffs.len(),
                p.risks.len()
            );
        }
        Command::Import { input, output, into, format, start } => {
            if let Some(into) = into {
                let plan = read_foreign(&input, format, start.unwrap_or_else(today))?;
                return exchange::import_into(&plan, &input, &into);
            }
            let output = output.context("name the plan file to create with -o, or an existing one with --into")?;
            plan_name(&output)?;
            let plan = read_foreign(&input, format, start.unwrap_or_else(today))?;
            let f = PlanFile::create(&output, &plan).with_context(|| format!("importing {}", input.display()))?;
            outln!(
                "imported {} into {}: {} initiatives, {} handoffs",
                input.display(),
                output.display(),
                f.plan().initiatives.len(),
                f.plan().handoffs.len()
            );
        }
        Command::Export { file, output, format, force } => {
            use bridger::io::output::Overwrite;
            let overwrite = if force { Overwrite::Replace } else { Overwrite::Refuse };
            let to_stdout = output == Path::new("-");
            let format = exchange::output_format(&output, format)?;
            exchange::check_output(&output, format, overwrite)?; // before the plan is read: refuse early
            let plan = load(&file)?;
            exchange::write(&plan, &output, format, overwrite)?;
            if !to_stdout {
                let shown = |p: &Path| bridger::report::escape(&p.display().to_string()).into_owned();
                eprintln!("exported {} to {}", shown(&file), shown(&output));
            }
        }
        Command::Edit { file, edit, json } => return edit::run(&file, &edit, json),
        Command::Undo { file } => {
            let mut f = Editor::open(&file)?;
            match f.undo()? {
                Some(edit) => outln!("{}: undone: {edit} ({})", file.display(), edit.whose()),
                None => outln!("{}: nothing to undo", file.display()),
            }
        }
        Command::Redo { file } => {
            let mut f = Editor::open(&file)?;
            match f.redo()? {
                Some(edit) => outln!("{}: redone: {edit} ({})", file.display(), edit.whose()),
                None => outln!("{}: nothing to redo", file.display()),
            }
        }
        Command::Check { file, json } => {
            let plan = load(&file)?;
            let report = health::check(&plan);
            if json {
                outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                out!("{}", bridger::report::check_text(&file.display().to_string(), &report));
            }
            return Ok(if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) });
        }
        Command::Schedule { file, json } => {
            let plan = load(&file)?;
            // An invalid plan has no meaningful schedule (a cycle is named by the scheduler).
            let errors = bridger::model::validate(&plan);
            if !errors.is_empty() {
                bail!("{}: {} (run `bridger check {}`)", file.display(), StoreError::Invalid(errors), file.display());
            }
            let s = bridger::schedule::schedule(&plan).with_context(|| format!("cannot schedule {}", file.display()))?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                // Only the counts are printed: no need to write every finding's message.
                let counts = health::counts(&plan, Some(&s));
                out!("{}", bridger::report::schedule_text(&plan, &s, &counts));
                // The process ends here; freeing thousands of strings one by one first
                // would only delay it.
                std::mem::forget((plan, s));
            }
        }
        Command::Bench { quick } => bench::run(quick)?,
        Command::Brief(args) => brief::run(args, load, today())?,
        Command::Psplib(command) => psplib::run(command)?,
        Command::Level(args) => level::run(args)?,
        Command::Layout(args) => layout::run(args, load)?,
        Command::Simulate(args) => simulate::run(args, load)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// A plan from a file of any format Bridger reads: a plan file (`.bridger`, or any file
/// that is an SQLite database, whatever its name), else by extension.
fn load(path: &Path) -> Result<Plan> {
    // Commands that only read open the file read-only and change nothing in it.
    if extension(path) == "bridger" || (path.is_dir() && !path.join("plan.csv").is_file()) || is_database(path) {
        return Ok(bridger::store::read(path)?);
    }
    read_foreign(path, None, today())
}

/// Does the file start like an SQLite database (a plan file under another name)?
fn is_database(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && &head == b"SQLite format 3\0"
}

/// A plan file is named `*.bridger`: that is how `check`, the app and a desktop know one.
fn plan_name(path: &Path) -> Result<()> {
    if extension(path) != "bridger" {
        bail!("{}: a plan file is named *.bridger (for example {}.bridger)", path.display(), path.with_extension("").display());
    }
    Ok(())
}

fn read_foreign(path: &Path, format: Option<exchange::Format>, start: NaiveDate) -> Result<Plan> {
    let what = path.display().to_string();
    let ext = extension(path);
    if ext == "bridger" || is_database(path) {
        bail!("{what}: is already a plan file; import reads .json, .xml, .sm or a CSV folder (copy it, or `bridger export` it to JSON)");
    }
    match exchange::input_format(path, format) {
        Some(format) => exchange::read(path, format, start),
        None => bail!("{what}: unknown kind of file (expected .bridger, .json, .xml, .sm or a folder of CSV files; or say --format)"),
    }
}
