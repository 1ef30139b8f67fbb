//! `bridger level`: fit a plan file to its teams' capacity (`api::level::level`, the same
//! call as the window's Level). Prints what moves and the finish before and after
//! (`report::leveling_text`); unless `--dry-run`, saves it as one batch edit undone in one
//! step (`api::level::accept_in_file`). `--propose` says what to stop (`api::level::stop`);
//! `--clear` takes an accepted leveling back.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use bridger::api::analysis::Snapshot;
use bridger::api::{level, LevelConfig};
use chrono::NaiveDate;
use clap::Args;

use crate::{invalid_plan, print_notes, shown};

#[derive(Args)]
pub struct LevelArgs {
    /// The plan file (.bridger); omit with --generated
    #[arg(required_unless_present = "generated", conflicts_with = "generated")]
    file: Option<PathBuf>,
    /// Level a generated plan of N initiatives (`bridger::gen::briefed`: teams, effort,
    /// milestones) instead of a file, saving nothing (to measure leveling at scale)
    #[arg(long, hide = true)]
    generated: Option<usize>,
    /// Time limit in milliseconds (default 1000 unless --iterations is given)
    #[arg(long)]
    time_limit_ms: Option<u64>,
    /// Stop after this many generated schedules: the result then depends only on the seed
    #[arg(long)]
    iterations: Option<u64>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Print what would move, save nothing
    #[arg(long)]
    dry_run: bool,
    /// Propose the lowest-value work to defer so that the levelled plan meets its target
    /// date (changes nothing); --iterations is then the budget of each leveling
    #[arg(long)]
    propose: bool,
    /// The target date for --propose (default: the plan's target)
    #[arg(long, requires = "propose", value_parser = crate::date_arg)]
    target: Option<chrono::NaiveDate>,
    /// With --propose: print the proposal as JSON
    #[arg(long, requires = "propose")]
    json: bool,
    /// With --propose: defer what the proposal names, computed and saved in one step, as one
    /// edit (one undo step)
    #[arg(long, requires = "propose", conflicts_with_all = ["dry_run", "generated"])]
    accept: bool,
    /// Take an accepted leveling back: every leveling delay to 0, as one edit (one undo
    /// step), as the window's Clear does
    #[arg(long, conflicts_with_all = ["propose", "dry_run", "generated"])]
    clear: bool,
}

pub fn run(args: LevelArgs, today: NaiveDate) -> Result<()> {
    if let (true, Some(file)) = (args.clear, &args.file) {
        let n = level::clear_in_file(file)?;
        outln!(
            "{}: leveling cleared, {n} initiatives back to no delay, as one edit (`bridger undo {}` takes it back)",
            shown(file),
            shown(file)
        );
        return Ok(());
    }
    let saving = !(args.dry_run || args.propose);
    let (file, snapshot) = match (&args.file, args.generated) {
        (Some(file), _) => {
            let snapshot = if saving || args.accept {
                Snapshot::read_to_edit(file)?
            } else {
                let (s, notes) = Snapshot::read(file, today)?;
                print_notes(file, &notes);
                s
            };
            (file.clone(), snapshot)
        }
        (None, Some(n)) => {
            let name = format!("generated-{n}");
            (PathBuf::from(&name), Snapshot::of_plan(&name, bridger::gen::briefed(n, 7)))
        }
        (None, None) => anyhow::bail!("name a plan file"),
    };
    let name = file.display().to_string();
    if args.propose {
        let p = level::stop_of(&snapshot, args.target, args.iterations, args.seed).map_err(|e| invalid_plan(&file, e, "propose for"))?;
        if args.json {
            outln!("{}", serde_json::to_string_pretty(&p)?);
        } else {
            out!("{}", bridger::report::stop_text(&name, &p));
        }
        if args.accept {
            if p.deferred.is_empty() {
                outln!("nothing to defer: nothing saved");
                return Ok(());
            }
            let n = level::accept_stop_in_file(&p, today)?;
            // On stderr with --json, so that stdout stays the proposal's JSON.
            let said = format!("deferred {}, as one edit (`bridger undo {}` takes it back)", words_count(n), shown(&file));
            if args.json {
                eprintln!("{said}");
            } else {
                outln!("{said}");
            }
        }
        return Ok(());
    }
    let time_limit = match (args.time_limit_ms, args.iterations) {
        (Some(ms), _) => Some(Duration::from_millis(ms)),
        (None, Some(_)) => None,
        (None, None) => Some(Duration::from_secs(1)),
    };
    let config = LevelConfig { iterations: args.iterations, time_limit, seed: args.seed, threads: 2 };
    let p = crate::with_progress("schedules tried", None, |job| level::level(&snapshot, &config, Some(job)))
        .map_err(|e| invalid_plan(&file, e, "level"))?;
    out!("{}", bridger::report::leveling_text(&name, &p.leveling));
    if !saving || args.generated.is_some() {
        outln!("dry run: nothing saved");
        return Ok(());
    }
    if p.saves_nothing() {
        outln!("nothing to save: the plan is levelled as it is");
        return Ok(());
    }
    level::accept_in_file(&p)?;
    outln!("saved as one edit (`bridger undo {}` takes it back)", shown(&file));
    Ok(())
}

fn words_count(n: usize) -> String {
    if n == 1 {
        "1 initiative".to_string()
    } else {
        format!("{n} initiatives")
    }
}
