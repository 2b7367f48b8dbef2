//! `articlekit completions SHELL` and `articlekit man`: generated from the
//! clap definition, so they never drift from `--help`.

use std::fs;
use std::io::{self, Write};

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Outcome;
use crate::args::{Cli, CompletionsArgs, ManArgs};

/// Prints the completion script of one shell.
pub fn completions(args: &CompletionsArgs) -> Result<Outcome> {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "articlekit", &mut out);
    out.flush()?;
    Ok(Outcome::Success)
}

/// Prints `articlekit.1`, or writes every page into `--out-dir`.
pub fn man(args: &ManArgs) -> Result<Outcome> {
    let command = Cli::command();
    match &args.out_dir {
        None => {
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(command).render(&mut out)?;
            out.flush()?;
        }
        Some(dir) => {
            fs::create_dir_all(dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
            clap_mangen::generate_to(command, dir)
                .with_context(|| format!("cannot write the man pages into `{}`", dir.display()))?;
        }
    }
    Ok(Outcome::Success)
}
