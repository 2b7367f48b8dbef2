//! `articlekit import`: any input format to canonical NDJSON, one valid
//! article a line, in input order. Records that are refused (unreadable,
//! invalid, duplicate ids) are reported on stderr as `validate` reports
//! them, naming the input; the good records still come out, those of the
//! other inputs too when one cannot be read.

use anyhow::Result;
use articlekit_export::{ExportFormat, ExportOptions, RunError, export};

use super::outcome;
use super::{Outcome, OutputFailed, StderrReport};
use crate::args::{Cli, ImportArgs};
use crate::fileid::refuse_overwriting_inputs;
use crate::output::{Output, stdout_closed};
use crate::settings::pipeline_options;

/// Runs `articlekit import`.
pub fn run(args: &ImportArgs, cli: &Cli) -> Result<Outcome> {
    // No -o is standard output ("-"): refused too when redirected onto an input.
    let output = args.output.as_deref().unwrap_or(std::path::Path::new("-"));
    refuse_overwriting_inputs(&args.input.inputs, &[("--output", Some(output))])?;
    let options = ExportOptions {
        pipeline: pipeline_options(&args.input, &args.page, false),
        skip_invalid: true,
        skip_failed_inputs: true,
        stage: false,
        ..ExportOptions::default()
    };
    let out = Output::open(args.output.as_deref(), &args.input.inputs)?;
    let target = out.describe();
    let atomic = out.is_atomic();
    let mut report = StderrReport::new(&args.input, cli);
    let run = export(
        &ExportFormat::Ndjson,
        out,
        &args.input.inputs,
        &options,
        |event, written| report.see(event, written),
    );
    let done = match run {
        Ok(done) => done,
        Err(error) => {
            let tally = report.tally;
            return Err(match error {
                RunError::Write(e) => tally.output_failed(
                    &anyhow::Error::new(e).context(OutputFailed),
                    &target,
                    atomic,
                ),
                other => anyhow::Error::new(other),
            });
        }
    };
    let summary = done.summary;
    if let Some(Err(error)) = done.out.map(Output::commit) {
        return Err(report
            .tally
            .output_failed(&error.context(OutputFailed), &target, atomic));
    }
    let tally = report.finish(&summary)?;
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
