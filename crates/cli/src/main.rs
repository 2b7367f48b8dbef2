//! The `articlekit` command line: a thin layer over the library crates.

mod args;
mod commands;
mod fileid;
mod output;
mod progress;
mod settings;
mod signals;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// mimalloc: records are parsed, checked and rendered on the worker threads
/// and freed on the thread that writes them in order; the system allocator
/// spends a large part of an export in those cross-thread frees.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use commands::Outcome;

fn main() -> ExitCode {
    // Before any output is opened: an interrupt removes the temporary files.
    signals::install();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // --help and --version are successes; any other parse error is a usage error.
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match &cli.command {
        Command::Schema(a) => commands::schema::run(a),
        Command::Import(a) => commands::import::run(a, &cli),
        Command::Validate(a) => commands::validate::run(a, &cli),
        Command::Export(a) => commands::export::run(a, &cli),
        Command::Completions(a) => commands::docs::completions(a),
        Command::Man(a) => commands::docs::man(a),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Invalid) => ExitCode::from(1),
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                // File names and input text in the chain are shown escaped.
                let message = format!("{e:#}");
                eprintln!("error: {}", articlekit_model::quote::Escaped(&message));
            }
            ExitCode::from(2)
        }
    }
}
