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
    /// Propose the lowest-value work to defer so that the levelled plan meets its target
    /// date (changes nothing); --iterations is then the budget of each leveling
    #[arg(long)]
    propose: bool,
    /// The target date for --propose (default: the plan's target)
    #[arg(long, requires = "propose")]
    target: Option<chrono::NaiveDate>,
    /// With --propose: print the proposal as JSON
    #[arg(long, requires = "propose")]
    json: bool,
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
    if args.propose {
        return propose(file, &plan, &args);
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
        "{}: finish {} -> {} ({} -> {} working days; within capacity it cannot take fewer than {}), {} initiatives move ({} schedules tried)",
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
        // why it moves: held back for its team's capacity, or pushed by work it waits for
        let why = if l.delay[k] != i.leveling_delay {
            format!("held back {} for capacity", plural_days(l.delay[k]))
        } else {
            "pushed by the work it waits for".to_string()
        };
        outln!("  {:<24} {} -> {}  ({why})", escape(&i.id), day(before.early_start[k]), day(l.start[k]));
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

/// `--propose`: what to defer so that the levelled plan meets its target; saves nothing.
fn propose(file: &std::path::Path, plan: &bridger::model::Plan, args: &LevelArgs) -> Result<()> {
    use bridger::schedule::level::{propose, ProposeConfig};
    let config = ProposeConfig { iterations: args.iterations.unwrap_or(300), seed: args.seed, ..ProposeConfig::default() };
    let p = propose(plan, args.target, &config).with_context(|| format!("cannot propose for {}", file.display()))?;
    let cal = plan.calendar.anchored(plan.start)?;
    let date = |offset: i64| cal.date(offset.max(1) - 1).map(|d| d.to_string()).unwrap_or_else(|_| format!("day {offset}"));
    if args.json {
        let deferred: Vec<_> = p
            .deferred
            .iter()
            .map(|d| {
                json!({
                    "initiative": d.initiative, "name": d.name, "value": d.value, "priority": d.priority,
                    "successors": d.successors, "value_deferred": d.value_deferred,
                    "days_gained": d.days_gained, "finish_days": d.finish, "finish_date": date(d.finish),
                })
            })
            .collect();
        let out = json!({
            "target": p.target.to_string(), "meets": p.meets,
            "finish_before_days": p.finish_before, "finish_before_date": date(p.finish_before),
            "finish_after_days": p.finish_after, "finish_after_date": date(p.finish_after),
            "days_gained": p.days_gained(), "value_deferred": p.value_deferred, "value_total": p.value_total,
            "deferred": deferred,
        });
        outln!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let name = escape(&file.display().to_string()).into_owned();
    if p.finish_before <= p.target_limit {
        outln!("{name}: levelled, the plan finishes {} and meets its target {}: nothing to defer", date(p.finish_before), p.target);
        return Ok(());
    }
    outln!(
        "{name}: levelled, the plan finishes {} ({} working days), after its target {}",
        date(p.finish_before),
        p.finish_before,
        p.target
    );
    if p.deferred.is_empty() {
        outln!("no deferral gains a working day: the target cannot be met by stopping work alone");
    } else {
        outln!(
            "defer {} initiatives ({} with the work that waits on them), value {} of {}: finish {} ({} earlier){}",
            p.deferred.len(),
            p.deferred.iter().map(|d| 1 + d.successors.len()).sum::<usize>(),
            p.value_deferred,
            p.value_total,
            date(p.finish_after),
            working_days(p.days_gained()),
            if p.meets { ", meets the target" } else { ", still after the target: nothing else gains a day" }
        );
        for (k, d) in p.deferred.iter().enumerate() {
            outln!(
                "  {}. {} '{}' (value {}, priority {}): {} earlier, finish {}",
                k + 1,
                escape(&d.initiative),
                escape(&d.name),
                d.value,
                d.priority,
                working_days(d.days_gained),
                date(d.finish)
            );
            if !d.successors.is_empty() {
                let shown: Vec<String> = d.successors.iter().take(10).map(|s| escape(s).into_owned()).collect();
                let more = d.successors.len().saturating_sub(10);
                outln!(
                    "     goes with it (waits on it): {}{} (value {} in all)",
                    shown.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() },
                    d.value_deferred
                );
            }
        }
    }
    outln!("nothing changed: this is a proposal (there is no accept command yet; defer work by editing the plan)");
    Ok(())
}

fn working_days(n: i64) -> String {
    if n == 1 {
        "1 working day".to_string()
    } else {
        format!("{n} working days")
    }
}

/// "1 working day", "3 working days".
fn plural_days(n: i32) -> String {
    if n == 1 {
        "1 working day".to_string()
    } else {
        format!("{n} working days")
    }
}
