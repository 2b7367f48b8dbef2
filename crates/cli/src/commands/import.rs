//! `articlekit import`: any input format to canonical NDJSON, one valid
//! article a line, in input order. Records that are refused (unreadable,
//! invalid, duplicate ids) are reported on stderr as `validate` reports
//! them, naming the input; the good records still come out.

use std::io::{self, IsTerminal, Write};

use anyhow::{Context, Result};
use articlekit_validate::{Event, ReportFormat, Reporter, Summary, ValidationError, run_pipeline};

use super::validate::{Progress, outcome, pipeline_options, refuse_overwriting_inputs, use_color};
use super::{Outcome, OutputFailed, Tally};
use crate::args::{Cli, ImportArgs};
use crate::output::{Output, is_broken_pipe};

/// Runs `articlekit import`.
pub fn run(args: &ImportArgs, cli: &Cli) -> Result<Outcome> {
    refuse_overwriting_inputs(&args.input.inputs, &[("--output", args.output.as_deref())])?;
    let options = pipeline_options(&args.input, &args.page, cli, false);
    let mut out = Output::open(args.output.as_deref())?;
    let target = out.describe();
    let atomic = out.is_atomic();
    let color = use_color(cli.color, io::stderr().is_terminal());
    let mut reporter = Reporter::new(io::stderr(), ReportFormat::Text, color, 0);
    let progress = Progress::new(cli, &args.input.inputs);
    let mut summary = Summary::default();
    let mut tally = Tally::default();

    let run = run_pipeline(&args.input.inputs, &options, |event| -> Result<()> {
        match event {
            Event::Opened { input, format } => summary.opened(&input, format),
            Event::Blank(_) => {}
            Event::InputError(error) => {
                summary.input_failed(&error);
                let errors = [ValidationError::from_input(&error)];
                progress.suspend_if(true, || reporter.errors(&errors))?;
            }
            Event::Checked(checked) => {
                summary.add(&checked);
                progress.record(checked.raw.len());
                if let Some(article) = checked.valid_article() {
                    out.write_all(article.to_canonical_json().as_bytes())
                        .and_then(|()| out.write_all(b"\n"))
                        .context(OutputFailed)?;
                    tally.written(&checked, &article.metadata.id);
                } else {
                    tally.skipped(&checked);
                    progress.suspend_if(true, || reporter.errors(&checked.errors))?;
                }
            }
        }
        Ok(())
    });
    progress.finish();
    let committed = run.and_then(|()| out.commit().context(OutputFailed));
    if let Err(error) = committed {
        if is_broken_pipe(&error) || error.downcast_ref::<OutputFailed>().is_none() {
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
            eprintln!("imported {n} article{}", if n == 1 { "" } else { "s" });
            if let Some(line) = tally.skipped_line() {
                eprintln!("{line}");
            }
        }
    }
    outcome(&summary)
}
