//! `bridger`: the headless Bridger. Argument parsing and printing over `bridger::api`, the
//! one door the app's shell uses too: every user-level operation is an `api` call, so a
//! feature is written once. Besides `api` this names only `model` types and `report` (the
//! text reports); the benchmark and generator commands (`bench`, `generate`, `psplib`) may
//! reach `gen`, `io::psplib` and `schedule::level` directly (tests/tidy.rs checks this).
//! Errors are printed as `bridger: ...` on stderr with exit code 2; `bridger check` exits 1
//! when the plan has errors.

/// Prints to standard output. A reader that went away (`bridger check plan | head`) ends
/// the program quietly, as it ends other command-line tools, instead of a panic.
macro_rules! out {
    ($($t:tt)*) => { $crate::emit(format_args!($($t)*)) };
}
macro_rules! outln {
    () => { $crate::emit(format_args!("\n")) };
    ($($t:tt)*) => { $crate::emit(format_args!("{}\n", format_args!($($t)*))) };
}

mod baseline;
mod bench;
mod brief;
mod edit;
mod exchange;
mod layout;
mod level;
mod manual;
mod psplib;
mod rollout;
mod simulate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use bridger::api::{self, files, ApiError};
use bridger::model::Plan;
use bridger::report::escape;
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
        /// Instead, a rollout: program work of --initiatives initiatives, waves with gates
        /// and anchors, and a 20-step template `store` applied to no site; its sites go to
        /// this sites file (`bridger rollout FILE --template store --sites SITES.csv`)
        #[arg(long)]
        sites_file: Option<PathBuf>,
        /// How many sites the sites file lists (with --sites-file)
        #[arg(long, default_value_t = 1000, requires = "sites_file")]
        sites: usize,
        /// How many waves the rollout has (with --sites-file)
        #[arg(long, default_value_t = 10, requires = "sites_file")]
        waves: usize,
        /// Instead, a plan for what to stop (`bridger::gen::prioritized`): a rollout of
        /// sites of twenty steps, four priorities with the sites tied to them, values, a
        /// target ten working days before the finish if nothing slips
        #[arg(long, conflicts_with = "sites_file")]
        priorities: bool,
        /// With --priorities: each team has this many times the people its work needs by
        /// that finish
        #[arg(long, default_value_t = 1.5, requires = "priorities")]
        room: f64,
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
        #[arg(long, value_parser = date_arg)]
        start: Option<NaiveDate>,
    },
    /// Create a plan file from a JSON plan (.json), MS Project XML (.xml), Primavera P6 XER
    /// (.xer), a folder of CSV files or a PSPLIB instance (.sm)
    Import {
        input: PathBuf,
        /// The new plan file to create
        #[arg(short, long, required_unless_present = "into", conflicts_with = "into")]
        output: Option<PathBuf>,
        /// Add and update by id in this existing plan file instead, as one edit (one undo
        /// step); nothing is removed
        #[arg(long)]
        into: Option<PathBuf>,
        /// The input's format when its content and name do not say it
        #[arg(long, value_enum)]
        format: Option<exchange::FormatArg>,
        /// Day 0 for formats that have no dates (.sm); today when omitted
        #[arg(long, value_parser = date_arg)]
        start: Option<NaiveDate>,
        /// The project to read from a P6 file that holds several (its id or short name)
        #[arg(long)]
        project: Option<String>,
    },
    /// Write a plan as JSON (the format of docs/plan-format.md), MS Project XML (.xml), P6 XER (.xer) or a
    /// folder of CSV files. An existing output is kept unless --force; a plan or any SQLite
    /// database is never overwritten
    Export {
        file: PathBuf,
        /// Output file (a folder for CSV); `-` for standard output
        #[arg(short, long)]
        output: PathBuf,
        /// json, mspdi, xer or csv; by default .xml is MSPDI, .xer XER, a folder CSV, anything else JSON
        #[arg(long, value_enum)]
        format: Option<exchange::FormatArg>,
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
    /// Schedule health: the DCMA 14-point assessment and the ownership checks, each against
    /// its threshold, and a grade (docs/health.md)
    Health {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// The baseline to measure against (default: the baseline of record)
        #[arg(long)]
        baseline: Option<String>,
        /// The weeks from the status date in which no team may be over capacity
        #[arg(long, default_value_t = api::assessment::CAPACITY_WEEKS)]
        weeks: u32,
    },
    /// Compute the critical-path schedule of a plan
    Schedule {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Monte Carlo: the finish dates one can promise (P50/P80), against the finish if nothing slips and a target, and what drives them
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
    /// Keep a baseline of a plan (its plan, schedule and current forecast) under a name, or
    /// delete one, or mark the baseline of record. Not an edit: undo leaves baselines as they are
    Baseline(baseline::BaselineArgs),
    /// Add the sites of a sites CSV (columns id, name, region, wave, and a column per owner
    /// role) and apply a rollout template to them, as one undo step; every bad row is
    /// reported and nothing added
    Rollout(rollout::RolloutArgs),
    /// The sites of a rollout, wave by wave: dates, span, P50/P80, lateness, counts, and the
    /// sites that behave unlike their wave, with the reason
    Sites {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The strategic priorities of a plan by rank: owner, target, the work serving each
    /// (done, blocked, deferred), its finish, P80 (from the kept forecast) and status
    Priorities {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Defer initiatives: they stay in the plan and its exports but leave the schedule, the
    /// forecast and the capacity load, as one edit (one undo step)
    Defer {
        file: PathBuf,
        #[arg(required = true)]
        ids: Vec<String>,
        /// Why they are deferred
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Take deferred initiatives back into the plan, as one edit (one undo step)
    Undefer {
        file: PathBuf,
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// List the baselines kept in a plan
    Baselines {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// What changed since a baseline (the latest by default) and why each initiative moved
    Diff {
        file: PathBuf,
        /// The baseline to compare with
        #[arg(long)]
        since: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The man page or a shell's completions, on standard output (for packaging)
    #[command(hide = true)]
    Manual {
        #[arg(value_enum)]
        what: manual::Manual,
    },
    /// Measure the engine on generated plans (use a release build)
    Bench {
        /// Smaller sizes, for a smoke run
        #[arg(long)]
        quick: bool,
        /// Instead: the window's side of opening and editing this plan (a copy of it), in
        /// process: the first and the whole view, an edit's answer and its parts
        #[arg(long, value_name = "PLAN")]
        window: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            // The context we added, then the library's own message, which already names
            // the thing and its cause (SQLite's error would only repeat it).
            let mut text = String::from("bridger: ");
            let mut details: &[String] = &[];
            for (k, cause) in e.chain().enumerate() {
                let cause_text = cause.to_string();
                if k == 0 {
                    text.push_str(&cause_text);
                } else if !text.contains(&cause_text) {
                    text.push_str(&format!(": {cause_text}"));
                }
                if let Some(api) = cause.downcast_ref::<ApiError>() {
                    details = &api.details;
                    break;
                }
            }
            // What the message sums up (every bad row of a CSV folder) first, one per line,
            // the message last. Ids, names and paths in them are the file's: shown escaped,
            // so that they cannot clear the terminal or forge a line.
            for line in details {
                eprintln!("{}", escape(line));
            }
            eprintln!("{}", escape(&text));
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

/// A date argument: YYYY-MM-DD, and an error that says so (clap's own said "trailing
/// input" or "input is out of range", naming no form).
pub(crate) fn date_arg(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| format!("{e}: a date is written YYYY-MM-DD, such as 2027-03-01"))
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Ids as a command line named them, escaped for the terminal.
fn ids_shown(ids: &[String]) -> String {
    ids.iter().map(|i| format!("'{}'", escape(i))).collect::<Vec<_>>().join(", ")
}

fn shown(p: &Path) -> String {
    escape(&p.display().to_string()).into_owned()
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Generate { file, initiatives, per_node, seed, sites_file, sites, waves, priorities, room } => {
            if let Some(csv) = &sites_file {
                let plan = bridger::gen::rollout_plan(initiatives, waves, seed);
                api::files::create(&file, &plan)?;
                bridger::gen::write_rollout_sites(csv, sites, waves)?;
                outln!(
                    "generated {}: {} initiatives, {} handoffs, {} waves, template 'store'; {} sites in {}",
                    shown(&file),
                    plan.initiatives.len(),
                    plan.handoffs.len(),
                    plan.waves.len(),
                    sites,
                    shown(csv)
                );
                return Ok(ExitCode::SUCCESS);
            }
            let plan = if priorities {
                bridger::gen::prioritized(initiatives, room, seed)
            } else {
                bridger::gen::plan(initiatives, per_node, seed, true)
            };
            api::files::create(&file, &plan)?;
            outln!("generated {}: {} initiatives, {} handoffs", shown(&file), plan.initiatives.len(), plan.handoffs.len());
        }
        Command::New { file, demo, name, start } => {
            let plan = if demo { files::demo() } else { Plan::new(&name, start.unwrap_or_else(today)) };
            files::create(&file, &plan)?;
            let p = &plan;
            outln!(
                "created {}: '{}', {} initiatives, {} handoffs, {} risks",
                shown(&file),
                escape(&p.name),
                p.initiatives.len(),
                p.handoffs.len(),
                p.risks.len()
            );
        }
        Command::Import { input, output, into, format, start, project } => {
            let format = format.map(exchange::FormatArg::format);
            if let Some(into) = into {
                let foreign = load_foreign(&input, format, start, project.as_deref())?;
                return exchange::import_into(&foreign, &input, &into);
            }
            let output = output.context("name the plan file to create with -o, or an existing one with --into")?;
            files::check_plan_name(&output)?;
            let foreign = load_foreign(&input, format, start, project.as_deref())?;
            files::create_from(&output, &foreign).with_context(|| format!("importing {}", shown(&input)))?;
            let plan = &foreign.plan;
            outln!(
                "imported {} into {}: {} initiatives, {} handoffs{}",
                shown(&input),
                shown(&output),
                plan.initiatives.len(),
                plan.handoffs.len(),
                exchange::baselines_kept(foreign.baselines.len())
            );
        }
        Command::Export { file, output, format, force } => {
            let overwrite = if force { api::Overwrite::Replace } else { api::Overwrite::Refuse };
            let format = files::output_format(&output, format.map(exchange::FormatArg::format))?;
            files::check_output(&output, format, overwrite)?; // before the plan is read: refuse early
            let loaded = files::load(&file, None, today())?;
            print_notes(&file, &loaded.notes);
            // MS Project XML does not carry baselines; its note says how many it left.
            let baselines = files::baselines(&file, &loaded, today())?;
            exchange::write(&loaded.plan, &baselines, &output, format, overwrite)?;
            if output != Path::new("-") {
                eprintln!("exported {} to {}", shown(&file), shown(&output));
            }
        }
        Command::Edit { file, edit, json } => return edit::run(&file, &edit, json),
        Command::Undo { file } => match files::undo(&file)? {
            Some(edit) => outln!("{}: undone: {} ({})", shown(&file), escape(&edit.to_string()), escape(&edit.whose())),
            None => outln!("{}: nothing to undo", shown(&file)),
        },
        Command::Redo { file } => match files::redo(&file)? {
            Some(edit) => outln!("{}: redone: {} ({})", shown(&file), escape(&edit.to_string()), escape(&edit.whose())),
            None => outln!("{}: nothing to redo", shown(&file)),
        },
        Command::Check { file, json } => {
            let plan = load(&file)?;
            let mut report = api::check(&plan);
            report.findings.extend(api::baseline::record_findings(&file, &plan)?);
            report.findings.extend(api::sites::record_findings(&file, &plan)?);
            if json {
                outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                out!("{}", bridger::report::check_text(&file.display().to_string(), &report));
                match api::assessment::of_file(&file, &plan, None, Default::default()) {
                    Ok(health) => outln!("{}", bridger::report::grade_line(&health)),
                    Err(_) if !report.errors.is_empty() => outln!("schedule health: not assessed until the errors are fixed"),
                    Err(e) => return Err(e.into()),
                }
            }
            return Ok(if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) });
        }
        Command::Health { file, json, baseline, weeks } => {
            let plan = load(&file)?;
            let options = api::assessment::Options { capacity_weeks: weeks };
            let report =
                api::assessment::of_file(&file, &plan, baseline.as_deref(), options).map_err(|e| invalid_plan(&file, e, "assess"))?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                out!("{}", bridger::report::health_text(&file.display().to_string(), &plan, &report));
            }
        }
        Command::Schedule { file, json } => {
            let plan = load(&file)?;
            // An invalid plan has no meaningful schedule (a cycle is named by the scheduler).
            let mut s = api::valid_schedule(&plan).map_err(|e| invalid_plan(&file, e, "schedule"))?;
            if json {
                api::baseline::against_record(&file, &plan, &mut s)?;
                outln!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                out!("{}", api::schedule_text(&plan, &s));
                // The process ends here; freeing thousands of strings one by one first
                // would only delay it.
                std::mem::forget((plan, s));
            }
        }
        Command::Baseline(args) => baseline::run(args)?,
        Command::Baselines { file, json } => baseline::list(&file, json)?,
        Command::Rollout(args) => rollout::run(args)?,
        Command::Sites { file, json } => {
            let plan = load(&file)?;
            let view = api::sites::view(&file, &plan).map_err(|e| invalid_plan(&file, e, "sites"))?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&view.sites)?);
            } else {
                out!("{}", bridger::report::sites_text(&file.display().to_string(), &plan, &view));
            }
        }
        Command::Priorities { file, json } => {
            let plan = load(&file)?;
            let view = api::priorities::view(&file, &plan).map_err(|e| invalid_plan(&file, e, "rank the priorities of"))?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&view.priorities)?);
            } else {
                out!("{}", bridger::report::priorities_text(&file.display().to_string(), &plan, &view));
            }
        }
        Command::Defer { file, ids, reason } => {
            let edits = api::priorities::defer_in_file(&file, &ids, &reason, "bridger defer")?;
            outln!("{}: deferred {} as one edit (`bridger undo {}` takes it back)", shown(&file), ids_shown(&ids), shown(&file));
            drop(edits);
        }
        Command::Undefer { file, ids } => {
            api::priorities::undefer_in_file(&file, &ids, "bridger undefer")?;
            outln!(
                "{}: took {} back into the plan as one edit (`bridger undo {}` takes it back)",
                shown(&file),
                ids_shown(&ids),
                shown(&file)
            );
        }
        Command::Diff { file, since, json } => baseline::diff(&file, since.as_deref(), json)?,
        Command::Bench { window: Some(plan), .. } => bench::window(&plan)?,
        Command::Bench { quick, window: None } => bench::run(quick)?,
        Command::Manual { what } => manual::run(what)?,
        Command::Brief(args) => brief::run(args, today())?,
        Command::Psplib(command) => psplib::run(command)?,
        Command::Level(args) => level::run(args, today())?,
        Command::Layout(args) => layout::run(args, load)?,
        Command::Simulate(args) => simulate::run(args, today())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The error of an analysis refused on `file`: an invalid plan names its errors and points
/// to `bridger check`; a cycle says the analysis cannot run ("cannot schedule ...").
pub fn invalid_plan(file: &Path, e: ApiError, verb: &str) -> anyhow::Error {
    let f = shown(file);
    if e.code == api::ErrorCode::Invalid && e.message.starts_with("the plan is invalid") {
        anyhow::anyhow!("{f}: {} (run `bridger check {f}`)", e.message)
    } else {
        anyhow::Error::new(e).context(format!("cannot {verb} {f}"))
    }
}

/// A plan from a file of any kind Bridger reads (`api::files::load`: a plan file is read
/// writing nothing); the notes of a conversion go to stderr.
fn load(path: &Path) -> Result<Plan> {
    let loaded = files::load(path, None, today())?;
    print_notes(path, &loaded.notes);
    Ok(loaded.plan)
}

/// A plan in another format, to make a plan file of or to import into one.
fn load_foreign(path: &Path, format: Option<files::Format>, start: Option<NaiveDate>, project: Option<&str>) -> Result<files::Foreign> {
    let foreign = files::load_foreign_project(path, format, start.unwrap_or_else(today), project)?;
    print_notes(path, &foreign.notes);
    Ok(foreign)
}

/// Runs a long job (`api::job`, as the window runs it), drawing its progress on stderr when
/// stderr is a terminal; a script's pipe gets nothing.
pub fn with_progress<T: Send>(
    what: &str,
    total: Option<u64>,
    work: impl FnOnce(&api::Job) -> Result<T, ApiError> + Send,
) -> Result<T, ApiError> {
    use std::io::IsTerminal;
    let job = api::Job::default();
    let tty = std::io::stderr().is_terminal();
    let of = total.map(|t| format!(" of {t}")).unwrap_or_default();
    let result = api::job::run(
        &job,
        std::time::Duration::from_millis(200),
        || work(&job),
        |done, elapsed| {
            if tty && elapsed.as_millis() >= 200 {
                eprint!("\r{what}: {done}{of} ({:.1} s)", elapsed.as_secs_f64());
            }
        },
    );
    if tty {
        eprint!("\r\x1b[2K"); // the line cleared for what follows
    }
    result
}

/// What a conversion could not keep, one line each on stderr.
pub fn print_notes(path: &Path, notes: &[String]) {
    for n in notes {
        eprintln!("{}: {}", shown(path), escape(n));
    }
}
