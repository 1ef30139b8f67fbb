//! `bridger manual man|bash|zsh|fish` (hidden): the man page and the shell completions,
//! made from the command line's own definition (the clap `Command` of `main.rs`), so they
//! cannot drift from it. Written to standard output; `make package` puts them in the
//! Debian package (/usr/share/man/man1, the shells' completion folders).

use anyhow::{Context, Result};
use clap::CommandFactory;

/// What to write.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Manual {
    /// The man page, bridger(1), in roff
    Man,
    /// Completions for bash
    Bash,
    /// Completions for zsh
    Zsh,
    /// Completions for fish
    Fish,
}

pub fn run(what: Manual) -> Result<()> {
    let mut cmd = crate::Cli::command();
    let mut text = Vec::new();
    match what {
        Manual::Man => clap_mangen::Man::new(cmd).render(&mut text).context("cannot write the man page")?,
        Manual::Bash => clap_complete::generate(clap_complete::Shell::Bash, &mut cmd, "bridger", &mut text),
        Manual::Zsh => clap_complete::generate(clap_complete::Shell::Zsh, &mut cmd, "bridger", &mut text),
        Manual::Fish => clap_complete::generate(clap_complete::Shell::Fish, &mut cmd, "bridger", &mut text),
    }
    out!("{}", String::from_utf8_lossy(&text));
    Ok(())
}
