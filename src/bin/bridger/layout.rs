//! `bridger layout`: the map of a plan as the window and the brief draw it
//! (`api::layout`), for a person (counts), a script (`--json`) or a look (`--svg`, a plain
//! drawing used for the pictures in docs/). `--generated N` lays out a generated plan
//! instead of a file, and `--export` writes the plan that was laid out, so that the peers
//! in benches/peers/ lay out exactly the same graph. Every file is written as an output
//! (`--force` to replace one; never a plan).

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use bridger::api::{self, files, Arrangement, Fold, Group, LayoutConfig as Config, Overwrite, Size};
use bridger::model::Plan;
use bridger::report::escape;
use clap::{Args, ValueEnum};

#[derive(Args)]
pub struct LayoutArgs {
    /// The plan (.bridger, .json or .sm); omit with --generated
    #[arg(required_unless_present = "generated", conflicts_with = "generated")]
    file: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "flow")]
    arrangement: ArrangementArg,
    /// Print the layout as JSON
    #[arg(long)]
    json: bool,
    /// Seams only: group the cards of a lane by wave or site
    #[arg(long, value_enum)]
    group: Option<GroupArg>,
    /// Card size in drawing units, WIDTHxHEIGHT (a card whose name needs more lines than the
    /// window's two is taller, as in the window)
    #[arg(long, default_value = "180x60", value_parser = parse_size)]
    card: Size,
    /// Also draw the layout into this SVG file
    #[arg(long)]
    svg: Option<PathBuf>,
    /// Lay out a generated plan of N initiatives (teams with locality, as in a rollout)
    #[arg(long)]
    generated: Option<usize>,
    /// Seed of the generated plan
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write the plan that was laid out as JSON to this file (for the peers' benchmark)
    #[arg(long)]
    export: Option<PathBuf>,
    /// Print in-process times: a full layout, and a re-layout after one added handoff and
    /// after one added initiative given the previous layout (medians of 5; release build)
    #[arg(long)]
    measure: bool,
    /// Which waves and sites are drawn as one card each: none, all (by wave), or the window's
    /// default for the plan (by wave from 100 sites)
    #[arg(long, value_enum, default_value = "none")]
    fold: FoldArg,
    /// Replace existing --svg and --export files (never a plan, a database or a symbolic link)
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FoldArg {
    None,
    All,
    Default,
}

#[derive(Clone, Copy, ValueEnum)]
enum ArrangementArg {
    Flow,
    Seams,
}

#[derive(Clone, Copy, ValueEnum)]
enum GroupArg {
    Wave,
    Site,
}

fn parse_size(s: &str) -> Result<Size, String> {
    let bad = || format!("'{s}' is not a card size: expected WIDTHxHEIGHT, such as 180x60");
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let (w, h): (f64, f64) = (w.trim().parse().map_err(|_| bad())?, h.trim().parse().map_err(|_| bad())?);
    if !(w.is_finite() && h.is_finite() && w >= 1.0 && h >= 1.0) {
        return Err(bad());
    }
    Ok(Size { width: w, height: h })
}

pub fn run(args: LayoutArgs, load: impl Fn(&Path) -> Result<Plan>) -> Result<()> {
    let overwrite = if args.force { Overwrite::Replace } else { Overwrite::Refuse };
    // Refuse an output early, before the plan is read (`--svg plan.bridger` never destroys it).
    for out in [&args.svg, &args.export].into_iter().flatten() {
        files::check_output(out, files::Format::Json, overwrite)?;
    }
    let plan = match (&args.file, args.generated) {
        (_, Some(n)) => bridger::gen::rollout(n, args.seed),
        (Some(f), None) => load(f)?,
        (None, None) => bail!("name a plan file or --generated N"),
    };
    if let Some(out) = &args.export {
        files::export(&plan, &[], out, files::Format::Json, overwrite)?;
    }
    let config = Config {
        arrangement: match args.arrangement {
            ArrangementArg::Flow => Arrangement::Flow,
            ArrangementArg::Seams => Arrangement::Seams,
        },
        card: args.card,
        group: args.group.map(|g| match g {
            GroupArg::Wave => Group::Wave,
            GroupArg::Site => Group::Site,
        }),
        fold: match args.fold {
            FoldArg::None => Fold::default(),
            FoldArg::All => Fold::all(&plan),
            FoldArg::Default => Fold::default_for(&plan),
        },
        ..Config::default()
    };
    let l = api::layout(&plan, &config);
    if args.measure {
        crate::bench::layout_times(&plan, &config, &l);
    }
    if let Some(out) = &args.svg {
        files::write_output(out, overwrite, api::layout_svg(&plan, &l).as_bytes())?;
    }
    if args.json {
        outln!("{}", serde_json::to_string(&l)?);
    } else {
        outln!(
            "{}: {} cards, {} lanes, {} seams, {} crossings ({})",
            escape(&plan.name),
            l.cards.len(),
            l.lanes().len(),
            l.seams(),
            l.crossings,
            match l.arrangement {
                Arrangement::Flow => "flow",
                Arrangement::Seams => "seams",
            }
        );
    }
    Ok(())
}
