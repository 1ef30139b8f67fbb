//! `bridger psplib`: the leveling solver on the public RCPSP benchmark (PSPLIB `.sm`), one
//! instance (`solve`) or a folder of them against the published optima or best-known
//! makespans (`bench`). The solver is `bridger::schedule::level`; this is only its wire shape.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use bridger::io::psplib::Rcpsp;
use bridger::schedule::level::{self, Config};
use clap::{Args, Subcommand};
use serde_json::json;

#[derive(Subcommand)]
pub enum PsplibCommand {
    /// Level one instance: its makespan and one start per job in the file's order
    Solve {
        file: PathBuf,
        #[command(flatten)]
        limits: Limits,
        /// Print {"makespan": M, "starts": [...]} only
        #[arg(long)]
        json: bool,
    },
    /// Level every instance of a folder and compare with the optimal or best-known makespans
    Bench {
        dir: PathBuf,
        #[command(flatten)]
        limits: Limits,
        /// The reference makespans (rows `Par Inst Makespan ...`); found beside DIR as
        /// <set>opt.sm or <set>hrs.sm when omitted
        #[arg(long)]
        reference: Option<PathBuf>,
        /// Only every N-th instance (in name order), for a quicker run
        #[arg(long, default_value_t = 1)]
        every: usize,
        /// With --every: start at this instance (0-based)
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// One line per instance as well
        #[arg(long)]
        verbose: bool,
        /// Print the summary (and every instance) as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Clone)]
pub struct Limits {
    /// Time limit per instance, in milliseconds (default 1000 unless --iterations is given)
    #[arg(long)]
    time_limit_ms: Option<u64>,
    /// Stop after this many generated schedules: the result then depends only on the seed
    #[arg(long)]
    iterations: Option<u64>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Independent populations, one per thread
    #[arg(long, default_value_t = 2)]
    threads: usize,
}

impl Limits {
    fn config(&self) -> Config {
        let time_limit = match (self.time_limit_ms, self.iterations) {
            (Some(ms), _) => Some(Duration::from_millis(ms)),
            (None, Some(_)) => None,
            (None, None) => Some(Duration::from_secs(1)),
        };
        Config { iterations: self.iterations, time_limit, seed: self.seed, threads: self.threads.max(1) }
    }
}

/// The leveling problem of an instance; an error names the job (numbered as in the file)
/// and its line rather than the solver's 0-based activity.
fn problem(inst: &Rcpsp, path: &Path) -> Result<level::Problem> {
    use level::LevelError as E;
    inst.problem().map_err(|e| {
        let at = |k: usize| inst.jobs.get(k).map_or(0, |j| j.line);
        let (line, what) = match &e {
            E::NeverFits { activity, resource, demand, capacity } => (
                at(*activity),
                format!(
                    "job {} needs {demand} of R{} per period, which has {capacity}: it can never be scheduled",
                    activity + 1,
                    resource + 1
                ),
            ),
            E::Cycle { activity } => (
                inst.jobs.get(*activity).map_or(0, |j| j.successors_line),
                format!("job {} is on a cycle of precedence relations", activity + 1),
            ),
            other => (0, other.to_string()),
        };
        if line > 0 {
            anyhow::anyhow!("{}: line {line}: {what}", path.display())
        } else {
            anyhow::anyhow!("{}: {what}", path.display())
        }
    })
}

fn read(path: &Path) -> Result<Rcpsp> {
    // A regular file, its size bounded while read (io::input)
    Ok(bridger::io::psplib::read_rcpsp(path)?)
}

pub fn run(command: PsplibCommand) -> Result<()> {
    match command {
        PsplibCommand::Solve { file, limits, json } => {
            let inst = read(&file)?;
            let problem = problem(&inst, &file)?;
            let s = level::solve(&problem, &limits.config(), None)?;
            if json {
                outln!("{}", json!({ "makespan": s.makespan, "starts": s.start }));
            } else {
                outln!(
                    "{}: makespan {} (lower bound {}{}), {} schedules, best after {:.1} ms",
                    file.display(),
                    s.makespan,
                    s.lower_bound,
                    if s.makespan == s.lower_bound { ", optimal" } else { "" },
                    s.schedules,
                    s.time_to_best.as_secs_f64() * 1e3
                );
                let starts: Vec<String> = s.start.iter().map(|x| x.to_string()).collect();
                outln!("starts: {}", starts.join(" "));
            }
        }
        PsplibCommand::Bench { dir, limits, reference, every, offset, verbose, json } => {
            bench(&dir, &limits, reference.as_deref(), every.max(1), offset, verbose, json)?;
        }
    }
    Ok(())
}

/// The name of a set from its folder (`.../j30` -> `j30`).
fn set_name(dir: &Path) -> String {
    dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Reference makespans by (parameter, instance): rows whose first three fields are numbers.
fn references(path: &Path) -> Result<HashMap<(u32, u32), i64>> {
    let text = bridger::io::psplib::read_text(path)?;
    let mut out = HashMap::new();
    for line in text.lines() {
        let nums: Vec<i64> = line.split_whitespace().take(3).map_while(|t| t.parse().ok()).collect();
        if let [par, inst, makespan] = nums[..] {
            out.insert((par as u32, inst as u32), makespan);
        }
    }
    if out.is_empty() {
        bail!("{}: no rows of `parameter instance makespan`", path.display());
    }
    Ok(out)
}

/// `(parameter, instance)` of a file named `<set><parameter>_<instance>.sm`.
fn key(set: &str, path: &Path) -> Option<(u32, u32)> {
    let stem = path.file_stem()?.to_str()?;
    let rest = stem.strip_prefix(set)?;
    let (par, inst) = rest.split_once('_')?;
    Some((par.parse().ok()?, inst.parse().ok()?))
}

fn bench(dir: &Path, limits: &Limits, reference: Option<&Path>, every: usize, offset: usize, verbose: bool, as_json: bool) -> Result<()> {
    let set = set_name(dir);
    let reference = match reference {
        Some(r) => r.to_path_buf(),
        None => {
            let parent = dir.parent().unwrap_or(Path::new("."));
            let found = [format!("{set}opt.sm"), format!("{set}hrs.sm")]
                .iter()
                .flat_map(|name| [parent.join(name), dir.join(name)])
                .find(|p| p.is_file());
            found.with_context(|| format!("no {set}opt.sm or {set}hrs.sm beside {}; name one with --reference", dir.display()))?
        }
    };
    let refs = references(&reference)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sm") && key(&set, p).is_some())
        .collect();
    files.sort_by_key(|p| key(&set, p));
    let files: Vec<PathBuf> = files.into_iter().skip(offset).step_by(every).collect();
    if files.is_empty() {
        bail!("{}: no instances named {set}<parameter>_<instance>.sm", dir.display());
    }
    let config = limits.config();
    let mut rows = Vec::new();
    let (mut dev_sum, mut matched, mut best_time, mut total_time, mut optimal) = (0.0, 0usize, 0.0, 0.0, 0usize);
    for f in &files {
        let Some(k) = key(&set, f) else { continue };
        let Some(&best_known) = refs.get(&k) else { bail!("{}: no reference makespan in {}", f.display(), reference.display()) };
        let inst = read(f)?;
        let problem = problem(&inst, f)?;
        let began = Instant::now();
        let s = level::solve(&problem, &config, None)?;
        let took = began.elapsed().as_secs_f64();
        if let Err(e) = problem.check(&s.start) {
            bail!("{}: the solver returned an infeasible schedule: {e}", f.display());
        }
        let dev = 100.0 * (s.makespan - best_known) as f64 / best_known.max(1) as f64;
        dev_sum += dev;
        matched += usize::from(s.makespan <= best_known);
        optimal += usize::from(s.makespan == s.lower_bound);
        best_time += s.time_to_best.as_secs_f64();
        total_time += took;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if verbose && !as_json {
            outln!(
                "{name:<14} {:>4} ref {:>4} {:+6.2}% best after {:7.1} ms",
                s.makespan,
                best_known,
                dev,
                s.time_to_best.as_secs_f64() * 1e3
            );
        }
        rows.push(json!({"instance": name, "makespan": s.makespan, "reference": best_known,
            "time_to_best_ms": s.time_to_best.as_secs_f64() * 1e3, "ms": took * 1e3, "schedules": s.schedules}));
    }
    let n = rows.len() as f64;
    let (mean_dev, mean_best, mean_total) = (dev_sum / n, best_time / n * 1e3, total_time / n * 1e3);
    if as_json {
        outln!(
            "{}",
            json!({"solver": "bridger", "set": set, "instances": rows.len(), "mean_deviation_pct": mean_dev,
                "matched": matched, "mean_time_to_best_ms": mean_best, "mean_ms": mean_total,
                "proved_optimal": optimal, "reference": reference.display().to_string(), "rows": rows})
        );
    } else {
        outln!(
            "{set}: {} instances, mean deviation {:.3}% from {}, matched {}, mean time to best {:.1} ms (mean run {:.1} ms), {} at their lower bound",
            rows.len(),
            mean_dev,
            reference.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            matched,
            mean_best,
            mean_total,
            optimal
        );
    }
    Ok(())
}
