//! `articlekit validate`: check every record against the schema and the
//! batch rules, report each error with where it is, and optionally split
//! the batch into valid and invalid records.
//!
//! Quarantine (`--valid-out` / `--invalid-out`):
//! - NDJSON input: every input line goes byte for byte to exactly one side,
//!   lines that are not JSON, not UTF-8, truncated or oversize included.
//!   Blank lines are not records; they go to the valid side, so that the
//!   two files together hold every byte of the input. When a last line has
//!   no line feed and more lines follow it in the same output (several
//!   inputs), a line feed is written between them so lines never merge.
//! - JSON, CSV and page input: the valid side gets each valid record's
//!   canonical NDJSON line; the invalid side gets one line per invalid
//!   record: the record's JSON when it could be parsed (or built, for CSV
//!   and pages), else `{"input", "record", "line", "raw"}` with the raw text.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use articlekit_model::Article;
use articlekit_read::{Blank, Format, Raw};
use articlekit_validate::{
    Event, Invalid, Origin, PipelineOptions, ReportFormat, Reporter, Summary, Valid,
    ValidationError, run_pipeline,
};

use super::Outcome;
use super::{outcome, print_summary};
use crate::args::{Cli, ReportFormat as ReportArg, ValidateArgs};
use crate::fileid::refuse_overwriting_inputs;
use crate::output::Output;
use crate::progress::Progress;
use crate::settings::{pipeline_options, use_color};

/// Runs `articlekit validate`.
pub fn run(args: &ValidateArgs, cli: &Cli) -> Result<Outcome> {
    refuse_outputs_over_inputs(args)?;
    let quarantine = args.valid_out.is_some() || args.invalid_out.is_some();
    let mut options = pipeline_options(&args.input, &args.page, quarantine);
    // Only the canonical lines of a JSON, CSV or page quarantine need the
    // articles; an NDJSON record is quarantined byte for byte.
    options.articles = if args.valid_out.is_some() {
        |format| format != Format::Ndjson
    } else {
        PipelineOptions::NO_ARTICLES
    };
    let format = report_format(args.report);
    let stdout_is_terminal = io::stdout().is_terminal();
    let color = use_color(args.input.color, stdout_is_terminal);
    // A closed pipe (`| head`) discards the rest of the report; the split
    // files are still written in full and the exit code is the data's.
    let stdout = crate::output::stdout();
    let mut reporter = Reporter::new(stdout, format, color, args.max_errors);
    let mut extra = ReportFiles::open(args)?;
    let mut errors_out = args
        .errors_out
        .as_deref()
        .map(|p| Output::open(Some(p), &args.input.inputs))
        .transpose()?;
    let mut split = Split::open(
        args.valid_out.as_deref(),
        args.invalid_out.as_deref(),
        &args.input.inputs,
    )?;
    super::announce_terminal_stdin(cli, &args.input.inputs);
    let progress = Progress::new(cli, &args.input.inputs);

    let summary = run_pipeline(&args.input.inputs, &options, |event| -> Result<()> {
        match &event {
            Event::Opened { input, .. } => {
                reporter.opened(input);
                extra.opened(input);
                return Ok(());
            }
            Event::Blank(blank) => return split.blank(blank),
            Event::Waiting => {
                // The input waits for more (`tail -f`): what came so far is told now.
                if let Some(out) = errors_out.as_mut() {
                    out.flush()?;
                }
                split.flush()?;
                return Ok(reporter.flush()?);
            }
            Event::InputError(_) => {}
            Event::Valid(valid) => {
                progress.record(valid.raw.len());
                split.valid(valid)?;
                reporter.valid(valid)?;
                extra.valid(valid)?;
                return Ok(());
            }
            Event::Invalid(invalid) => {
                progress.record(invalid.raw.len());
                split.invalid(invalid)?;
                reporter.invalid(invalid)?;
                extra.invalid(invalid)?;
            }
        }
        let errors = event.errors();
        if errors.is_empty() {
            return Ok(());
        }
        extra.errors(&errors)?;
        if let Some(out) = errors_out.as_mut() {
            for error in errors.iter() {
                out.write_all(error.to_json().as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        progress.suspend_if(stdout_is_terminal, || {
            reporter.errors(&errors)?;
            if stdout_is_terminal {
                reporter.flush()
            } else {
                Ok(())
            }
        })?;
        Ok(())
    })?;

    progress.finish();
    reporter
        .finish(&summary)
        .context("cannot write the report")?;
    let reports = extra.finish(&summary)?;
    // One group: the errors, the two sides and the further reports are
    // replaced together or not at all.
    Output::commit_all(
        errors_out
            .into_iter()
            .chain(split.into_outputs())
            .chain(reports)
            .collect(),
    )?;
    if format != ReportFormat::Text {
        print_summary(&summary);
    }
    outcome(&summary)
}

/// Refuses an output file that is an input (or two outputs that are one file).
fn refuse_outputs_over_inputs(args: &ValidateArgs) -> Result<()> {
    let mut outputs = vec![
        ("--errors-out", args.errors_out.as_deref()),
        ("--valid-out", args.valid_out.as_deref()),
        ("--invalid-out", args.invalid_out.as_deref()),
        // The report goes to standard output: never appended to an input.
        ("the report", Some(Path::new("-"))),
    ];
    outputs.extend(
        args.report_out
            .iter()
            .map(|r| ("--report-out", Some(r.path.as_path()))),
    );
    refuse_overwriting_inputs(&args.input.inputs, &outputs)
}

/// `--report-out`: further reports, each to its file (atomic), without colour.
struct ReportFiles(Vec<Reporter<Output>>);

impl ReportFiles {
    fn open(args: &ValidateArgs) -> Result<Self> {
        let reporters = args
            .report_out
            .iter()
            .map(|r| {
                let out = Output::open(Some(&r.path), &args.input.inputs)?;
                Ok(Reporter::new(
                    out,
                    report_format(r.format),
                    false,
                    args.max_errors,
                ))
            })
            .collect::<Result<_>>()?;
        Ok(Self(reporters))
    }

    fn opened(&mut self, input: &Arc<str>) {
        for r in &mut self.0 {
            r.opened(input);
        }
    }

    fn valid(&mut self, valid: &Valid) -> Result<()> {
        for r in &mut self.0 {
            r.valid(valid)
                .context("cannot write a --report-out report")?;
        }
        Ok(())
    }

    fn invalid(&mut self, invalid: &Invalid) -> Result<()> {
        for r in &mut self.0 {
            r.invalid(invalid)
                .context("cannot write a --report-out report")?;
        }
        Ok(())
    }

    fn errors(&mut self, errors: &[ValidationError]) -> Result<()> {
        for r in &mut self.0 {
            r.errors(errors)
                .context("cannot write a --report-out report")?;
        }
        Ok(())
    }

    /// Ends each report; the files are committed with the other outputs.
    fn finish(self, summary: &Summary) -> Result<Vec<Output>> {
        self.0
            .into_iter()
            .map(|r| r.finish(summary))
            .collect::<io::Result<_>>()
            .context("cannot write a --report-out report (no output was replaced)")
    }
}

/// The library's report format for a `--report` value.
fn report_format(arg: ReportArg) -> ReportFormat {
    match arg {
        ReportArg::Text => ReportFormat::Text,
        ReportArg::Json => ReportFormat::Json,
        ReportArg::Github => ReportFormat::Github,
        ReportArg::Junit => ReportFormat::Junit,
        ReportArg::Sarif => ReportFormat::Sarif,
        ReportArg::Html => ReportFormat::Html,
    }
}

/// The quarantine split.
struct Split {
    valid: Option<Side>,
    invalid: Option<Side>,
}

/// One side of the split.
struct Side {
    out: Output,
    /// Whether the last byte written ended a line (or nothing was written).
    at_line_start: bool,
}

impl Side {
    /// Writes an NDJSON record's bytes as they came.
    fn raw_record(&mut self, raw: &Raw) -> Result<()> {
        let ends = raw.last_byte() == Some(b'\n');
        self.raw(|out| raw.write_to(out), ends)
    }

    /// Writes one line (a line feed is added).
    fn line(&mut self, mut line: String) -> Result<()> {
        line.push('\n');
        self.raw(|out| out.write_all(line.as_bytes()), true)
    }

    fn raw(
        &mut self,
        write: impl FnOnce(&mut Output) -> io::Result<()>,
        ends_line: bool,
    ) -> Result<()> {
        let written = if self.at_line_start {
            Ok(())
        } else {
            self.out.write_all(b"\n")
        };
        written
            .and_then(|()| write(&mut self.out))
            .with_context(|| {
                let kept = if self.out.is_atomic() {
                    "nothing was written to it, it is as it was"
                } else {
                    "it is incomplete"
                };
                format!("cannot write {} ({kept})", self.out.describe())
            })?;
        self.at_line_start = ends_line;
        Ok(())
    }
}

impl Split {
    fn open(valid: Option<&Path>, invalid: Option<&Path>, inputs: &[PathBuf]) -> Result<Self> {
        let side = |p: Option<&Path>| -> Result<Option<Side>> {
            p.map(|p| {
                Ok(Side {
                    out: Output::open(Some(p), inputs)?,
                    at_line_start: true,
                })
            })
            .transpose()
        };
        Ok(Self {
            valid: side(valid)?,
            invalid: side(invalid)?,
        })
    }

    fn blank(&mut self, blank: &Blank) -> Result<()> {
        if let Some(side) = self.valid.as_mut() {
            let ends = blank.raw.last() == Some(&b'\n');
            side.raw(|out| out.write_all(&blank.raw), ends)?;
        }
        Ok(())
    }

    fn valid(&mut self, valid: &Valid) -> Result<()> {
        let Some(side) = self.valid.as_mut() else {
            return Ok(());
        };
        if valid.origin.format == Format::Ndjson {
            side.raw_record(&valid.raw)
        } else {
            let line = valid.article.as_ref().map_or_else(
                || raw_line(&valid.origin, &valid.raw),
                Article::to_canonical_json,
            );
            side.line(line)
        }
    }

    fn invalid(&mut self, invalid: &Invalid) -> Result<()> {
        let Some(side) = self.invalid.as_mut() else {
            return Ok(());
        };
        if invalid.origin.format == Format::Ndjson {
            side.raw_record(&invalid.raw)
        } else {
            side.line(quarantine_line(invalid))
        }
    }

    fn flush(&mut self) -> Result<()> {
        for side in [self.valid.as_mut(), self.invalid.as_mut()]
            .into_iter()
            .flatten()
        {
            side.out.flush()?;
        }
        Ok(())
    }

    fn into_outputs(self) -> impl Iterator<Item = Output> {
        [self.valid, self.invalid]
            .into_iter()
            .flatten()
            .map(|side| side.out)
    }
}

/// The NDJSON line an invalid record of a JSON, CSV or page input becomes in quarantine.
fn quarantine_line(invalid: &Invalid) -> String {
    if let Some(value) = &invalid.value {
        return value.to_string();
    }
    if let Some(article) = &invalid.article {
        return article.to_canonical_json();
    }
    raw_line(&invalid.origin, &invalid.raw)
}

/// `{"input", "record", "line", "raw"}`: a record that has no JSON to write.
fn raw_line(origin: &Origin, raw: &Raw) -> String {
    let mut object = serde_json::json!({
        "input": &*origin.input,
        "record": origin.index,
        "line": origin.line,
    });
    if let Some(bytes) = raw.bytes() {
        object["raw"] = String::from_utf8_lossy(bytes).into_owned().into();
    }
    object.to_string()
}
