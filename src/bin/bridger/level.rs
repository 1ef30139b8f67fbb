//! `bridger level`: fit a plan file to its teams' capacity. Prints what moved and the finish
//! before and after; unless `--dry-run`, saves the leveling as one batch edit (a leveling
//! delay per initiative that moved and the plan's `leveling_basis`), undone in one step.
//! The leveling is `bridger::schedule::level::level_plan`; this is only its wire shape.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use bridger::model::{leveling_fingerprint, validate};
use bridger::report::escape;
use bridger::schedule::level::{level_plan, Config};
use bridger::store::{Edit, EntityKind, Patch, PlanFile, StoreError};
use clap::Args;
use serde_json::{json, Map};

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
}

pub fn run(args: LevelArgs) -> Result<()> {
    let (file, mut f, plan) = match (&args.file, args.generated) {
        (Some(file), _) => {
            let f = PlanFile::open(file)?;
            let plan = f.plan().clone();
            (file.clone(), Some(f), plan)
        }
        (None, Some(n)) => (PathBuf::from(format!("generated-{n}")), None, bridger::gen::briefed(n, 7)),
        (None, None) => bail!("name a plan file"),
    };
    let file = &file;
    let errors = validate(&plan);
    if !errors.is_empty() {
        bail!("{}: {} (run `bridger check {}`)", file.display(), StoreError::Invalid(errors), file.display());
    }
    let time_limit = match (args.time_limit_ms, args.iterations) {
        (Some(ms), _) => Some(Duration::from_millis(ms)),
        (None, Some(_)) => None,
        (None, None) => Some(Duration::from_secs(1)),
    };
    let config = Config { iterations: args.iterations, time_limit, seed: args.seed, threads: 2 };
    let l = level_plan(&plan, &config, None).with_context(|| format!("cannot level {}", file.display()))?;
    let cal = plan.calendar.anchored(plan.start)?;
    let date = |offset: i64| cal.date(offset.max(1) - 1).map(|d| d.to_string()).unwrap_or_else(|_| format!("day {offset}"));
    let day = |offset: i64| cal.date(offset).map(|d| d.to_string()).unwrap_or_else(|_| format!("day {offset}"));
    let before = bridger::schedule::cpm(&plan)?;

    let mut edits = Vec::new();
    let mut moved = Vec::new();
    for (k, i) in plan.initiatives.iter().enumerate() {
        if l.delay[k] != i.leveling_delay {
            let mut fields = Map::new();
            fields.insert("leveling_delay".into(), json!(l.delay[k]));
            edits.push(Edit::Patch(Patch { kind: EntityKind::Initiative, id: i.id.clone(), fields }));
        }
        if l.start[k] != before.early_start[k] {
            moved.push(k);
        }
    }
    outln!(
        "{}: finish {} -> {} ({} -> {} working days; no schedule within capacity ends before {} days), {} initiatives move, {} schedules",
        escape(&file.display().to_string()),
        date(l.finish_before),
        date(l.finish_after),
        l.finish_before,
        l.finish_after,
        l.lower_bound,
        moved.len(),
        l.schedules
    );
    for &k in moved.iter().take(50) {
        let i = &plan.initiatives[k];
        outln!(
            "  {:<24} {} -> {}  (leveling delay {} -> {})",
            escape(&i.id),
            day(before.early_start[k]),
            day(l.start[k]),
            i.leveling_delay,
            l.delay[k]
        );
    }
    if moved.len() > 50 {
        outln!("  and {} more", moved.len() - 50);
    }
    for o in &l.over_capacity {
        outln!(
            "  {} asks {:.2} people a day of team {}, which has {:.2}: it cannot fit however it moves",
            escape(&o.initiative),
            o.asks,
            escape(&o.team),
            o.has
        );
    }
    let Some(f) = f.as_mut().filter(|_| !args.dry_run) else {
        outln!("dry run: nothing saved");
        return Ok(());
    };
    let basis = leveling_fingerprint(&plan);
    if plan.leveling_basis.as_deref() != Some(basis.as_str()) {
        let mut fields = Map::new();
        fields.insert("leveling_basis".into(), json!(basis));
        edits.push(Edit::Patch(Patch { kind: EntityKind::Plan, id: "plan".into(), fields }));
    }
    if edits.is_empty() {
        outln!("nothing to save: the plan is levelled as it is");
        return Ok(());
    }
    f.apply_batch(edits)?;
    outln!("saved as one edit (`bridger undo {}` takes it back)", escape(&file.display().to_string()));
    Ok(())
}
