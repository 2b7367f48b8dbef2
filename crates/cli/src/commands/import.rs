//! `articlekit import`: any input format to canonical NDJSON, one valid
//! article a line, in input order. Records that are refused (unreadable,
//! invalid, duplicate ids) are reported on stderr as `validate` reports
//! them, naming the input; the good records still come out.

use std::io::{self, IsTerminal, Write};

use anyhow::{Context, Result};
use articlekit_validate::{Event, ReportFormat, Reporter, Summary, ValidationError, run_pipeline};

use super::Outcome;
use super::validate::{Progress, outcome, pipeline_options, refuse_overwriting_inputs, use_color};
use crate::args::{Cli, ImportArgs};
use crate::output::Output;

/// Runs `articlekit import`.
pub fn run(args: &ImportArgs, cli: &Cli) -> Result<Outcome> {
    refuse_overwriting_inputs(&args.input.inputs, &[("--output", args.output.as_deref())])?;
    let options = pipeline_options(&args.input, &args.page, cli, false);
    let mut out = Output::open(args.output.as_deref())?;
    let color = use_color(cli.color, io::stderr().is_terminal());
    let mut reporter = Reporter::new(io::stderr(), ReportFormat::Text, color, 0);
    let progress = Progress::new(cli, &args.input.inputs);
    let mut summary = Summary::default();

    run_pipeline(&args.input.inputs, &options, |event| -> Result<()> {
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
                match checked.valid_article() {
                    Some(article) => {
                        out.write_all(article.to_canonical_json().as_bytes())?;
                        out.write_all(b"\n")?;
                    }
                    None => progress.suspend_if(true, || reporter.errors(&checked.errors))?,
                }
            }
        }
        Ok(())
    })?;

    progress.finish();
    out.commit()?;
    let _stderr = reporter
        .finish(&summary)
        .context("cannot write to standard error")?;
    outcome(&summary)
}
