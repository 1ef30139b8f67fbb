//! `bridger rollout`: arguments and printing over `api::rollout`.

use std::path::PathBuf;

use anyhow::Result;
use bridger::api::rollout;
use bridger::report::escape;
use clap::Args;

use crate::shown;

#[derive(Args)]
pub struct RolloutArgs {
    file: PathBuf,
    /// The template to apply (its id)
    #[arg(long)]
    template: String,
    /// The sites CSV: columns id, name, region, wave (a wave of the plan), and one column per
    /// owner role, holding who fills it at the site
    #[arg(long)]
    sites: PathBuf,
    /// Say what would be added; write nothing
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(args: RolloutArgs) -> Result<()> {
    let done = rollout::rollout(&args.file, &args.template, &args.sites, args.dry_run, "bridger rollout")?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&done)?);
        return Ok(());
    }
    let verb = if done.dry_run { "would add" } else { "added" };
    outln!(
        "{}: template '{}' {verb} {} site(s), {} initiative(s), {} handoff(s), {} risk(s){}",
        shown(&args.file),
        escape(&done.template),
        done.sites.len(),
        done.initiatives.len(),
        done.handoffs.len(),
        done.risks.len(),
        if done.dry_run { "; nothing was written" } else { " as one undo step" }
    );
    for (what, ids) in [
        ("sites", &done.sites),
        ("initiatives", &done.initiatives),
        ("handoffs", &done.handoffs),
        ("risks", &done.risks),
        ("completion milestones of waves", &done.waves),
        ("changed", &done.changed),
    ] {
        if !ids.is_empty() {
            let list: Vec<String> = ids.iter().map(|x| escape(x).into_owned()).collect();
            outln!("  {what}: {}", list.join(", "));
        }
    }
    Ok(())
}
