//! `articlekit import`: any input format to canonical NDJSON, one valid
//! article a line, in input order. Records that are refused (unreadable,
//! invalid, duplicate ids) are reported on stderr as `validate` reports
//! them, naming the input; the good records still come out.

use std::io::Write;

use anyhow::{Context, Result};

use super::outcome;
use super::{Outcome, OutputFailed, Written, write_valid_records};
use crate::args::{Cli, ImportArgs};
use crate::fileid::refuse_overwriting_inputs;
use crate::output::{Output, stdout_closed};
use crate::settings::pipeline_options;

/// Runs `articlekit import`.
pub fn run(args: &ImportArgs, cli: &Cli) -> Result<Outcome> {
    // No -o is standard output ("-"): refused too when redirected onto an input.
    let output = args.output.as_deref().unwrap_or(std::path::Path::new("-"));
    refuse_overwriting_inputs(&args.input.inputs, &[("--output", Some(output))])?;
    let options = pipeline_options(&args.input, &args.page, false);
    let mut out = Output::open(args.output.as_deref(), &args.input.inputs)?;
    let target = out.describe();
    let atomic = out.is_atomic();
    let (
        run,
        Written {
            summary,
            tally,
            reporter,
        },
    ) = write_valid_records(
        &args.input,
        &options,
        cli,
        |_| true,
        |checked| {
            if let Some(article) = checked.valid_article() {
                out.write_all(article.to_canonical_json().as_bytes())?;
                out.write_all(b"\n")?;
            }
            Ok(())
        },
    );
    let committed = run.and_then(|()| out.commit().context(OutputFailed));
    if let Err(error) = committed {
        if error.downcast_ref::<OutputFailed>().is_none() {
            return Err(error);
        }
        return Err(tally.output_failed(&error, &target, atomic));
    }
    let _stderr = reporter
        .finish(&summary)
        .context("cannot write to standard error")?;
    if !cli.quiet {
        #[allow(clippy::print_stderr)]
        {
            let n = tally.written;
            eprintln!(
                "imported {n} article{}{}",
                if n == 1 { "" } else { "s" },
                if stdout_closed() { super::CLOSED } else { "" }
            );
            if let Some(line) = tally.skipped_line() {
                eprintln!("{line}");
            }
        }
    }
    outcome(&summary)
}
