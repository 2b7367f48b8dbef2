//! Reports of a validation run: the summary, and the error listings
//! (human text, one JSON document, GitHub Actions annotations, JUnit XML,
//! SARIF, a self-contained HTML page).

mod github;
mod html;
mod json;
mod junit;
mod sarif;
mod text;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use articlekit_read::{Format, InputError};
use serde::Serialize;

use crate::error::ValidationError;
use crate::verdict::{Invalid, Valid};
use html::Html;
use junit::Junit;
use sarif::Sarif;

pub use github::github_annotation;
pub use text::text_line;

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    /// Records read (blank NDJSON lines are not records).
    pub records: u64,
    /// Records without error.
    pub valid: u64,
    /// Records with at least one error.
    pub invalid: u64,
    /// Errors, input errors included.
    pub errors: u64,
    /// Errors by keyword.
    pub by_keyword: BTreeMap<String, u64>,
    /// Each input, in order.
    pub inputs: Vec<InputSummary>,
}

/// Counts for one input.
#[derive(Debug, Clone, Serialize)]
pub struct InputSummary {
    /// Name of the input.
    pub input: Arc<str>,
    /// Format it was read as (`null` if it could not be opened).
    pub format: Option<&'static str>,
    /// Records read.
    pub records: u64,
    /// Records without error.
    pub valid: u64,
    /// Records with at least one error.
    pub invalid: u64,
    /// Errors of its records, and its input error if any.
    pub errors: u64,
    /// Why the input could not be opened or read to its end.
    pub error: Option<String>,
}

impl Summary {
    /// Notes an input that was opened.
    pub fn opened(&mut self, input: &Arc<str>, format: Format) {
        self.inputs.push(InputSummary {
            input: input.clone(),
            format: Some(format.name()),
            records: 0,
            valid: 0,
            invalid: 0,
            errors: 0,
            error: None,
        });
    }

    /// Counts a checked record of `input` with its `errors` (none: valid).
    pub fn add(&mut self, input: &Arc<str>, record_errors: &[ValidationError]) {
        self.records += 1;
        let errors = record_errors.len() as u64;
        self.errors += errors;
        if errors == 0 {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        for error in record_errors {
            *self
                .by_keyword
                .entry(error.keyword.to_string())
                .or_default() += 1;
        }
        if let Some(input) = self.current(input) {
            input.records += 1;
            input.errors += errors;
            if errors == 0 {
                input.valid += 1;
            } else {
                input.invalid += 1;
            }
        }
    }

    /// Counts an input that could not be opened or read on.
    pub fn input_failed(&mut self, error: &InputError) {
        self.errors += 1;
        *self
            .by_keyword
            .entry(error.keyword().to_owned())
            .or_default() += 1;
        let entry = match self.current(error.input()) {
            Some(entry) if entry.error.is_none() => entry,
            _ => {
                self.inputs.push(InputSummary {
                    input: error.input().clone(),
                    format: None,
                    records: 0,
                    valid: 0,
                    invalid: 0,
                    errors: 0,
                    error: None,
                });
                let last = self.inputs.len() - 1;
                &mut self.inputs[last]
            }
        };
        entry.errors += 1;
        entry.error = Some(error.to_string());
    }

    /// Inputs that could not be opened or read to their end.
    pub fn failed_inputs(&self) -> usize {
        self.inputs.iter().filter(|i| i.error.is_some()).count()
    }

    /// The summary line: `N records: V valid, I invalid (E errors)`, in
    /// the singular for 1 (`1 record`, `1 error`).
    pub fn line(&self) -> String {
        let plural = |n: u64, noun: &str| {
            if n == 1 {
                format!("1 {noun}")
            } else {
                format!("{n} {noun}s")
            }
        };
        format!(
            "{}: {} valid, {} invalid ({})",
            plural(self.records, "record"),
            self.valid,
            self.invalid,
            plural(self.errors, "error")
        )
    }

    fn current(&mut self, input: &Arc<str>) -> Option<&mut InputSummary> {
        self.inputs.last_mut().filter(|i| i.input == *input)
    }
}

/// How errors are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// One line per error, grouped per record, then the summary line.
    Text,
    /// One JSON document at the end: summary and the first errors.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::…`).
    Github,
    /// JUnit XML: a test suite per input, a test case per record.
    Junit,
    /// SARIF 2.1.0: one result per error.
    Sarif,
    /// One self-contained HTML page: verdict, counts, charts, invalid records.
    Html,
}

/// Writes a report as errors come in.
#[derive(Debug)]
pub struct Reporter<W: Write> {
    out: W,
    format: ReportFormat,
    color: bool,
    max_errors: usize,
    kept: Vec<ValidationError>,
    /// Errors listed so far (text and GitHub).
    listed: usize,
    /// Errors past `max_errors`, not listed (text and GitHub).
    unlisted: u64,
    junit: Option<Junit>,
    sarif: Option<Sarif>,
    html: Option<Html>,
}

impl<W: Write> Reporter<W> {
    /// A reporter writing to `out`; `color` applies to text; every format
    /// lists at most `max_errors` errors (the summary counts them all).
    pub fn new(out: W, format: ReportFormat, color: bool, max_errors: usize) -> Self {
        Self {
            out,
            format,
            color,
            max_errors,
            kept: Vec::new(),
            listed: 0,
            unlisted: 0,
            junit: (format == ReportFormat::Junit).then(|| Junit::new(max_errors)),
            sarif: (format == ReportFormat::Sarif).then(Sarif::new),
            html: (format == ReportFormat::Html).then(|| Html::new(max_errors)),
        }
    }

    /// Notes an input that was opened (JUnit starts its test suite).
    pub fn opened(&mut self, input: &Arc<str>) {
        if let Some(junit) = self.junit.as_mut() {
            junit.opened(input);
        }
        if let Some(html) = self.html.as_mut() {
            html.opened(input);
        }
    }

    /// Reports a valid record (JUnit writes its passing test case; the
    /// other formats report only errors).
    pub fn valid(&mut self, valid: &Valid) -> io::Result<()> {
        let id = Some(valid.id.as_str()).filter(|id| !id.is_empty());
        match self.junit.as_mut() {
            Some(junit) => junit.record(&valid.origin, id, &[]),
            None => Ok(()),
        }
    }

    /// Reports an invalid record (JUnit writes its failing test case); its
    /// errors are listed by [`Reporter::errors`].
    pub fn invalid(&mut self, invalid: &Invalid) -> io::Result<()> {
        if let Some(html) = self.html.as_mut() {
            html.record(invalid);
        }
        match self.junit.as_mut() {
            Some(junit) => junit.record(&invalid.origin, invalid.id.as_deref(), &invalid.errors),
            None => Ok(()),
        }
    }

    /// Reports errors (those of one record, or one input error).
    pub fn errors(&mut self, errors: &[ValidationError]) -> io::Result<()> {
        let room = match self.format {
            ReportFormat::Json => self.max_errors.saturating_sub(self.kept.len()),
            ReportFormat::Text | ReportFormat::Github => {
                self.max_errors.saturating_sub(self.listed)
            }
            // JUnit and HTML cap their own detail; SARIF lists every error (one result each).
            ReportFormat::Junit | ReportFormat::Sarif | ReportFormat::Html => errors.len(),
        };
        let shown = &errors[..errors.len().min(room)];
        self.unlisted += (errors.len() - shown.len()) as u64;
        match self.format {
            ReportFormat::Text => {
                for error in shown {
                    writeln!(self.out, "{}", text_line(error, self.color))?;
                }
                self.listed += shown.len();
            }
            ReportFormat::Github => {
                for error in shown {
                    writeln!(self.out, "{}", github_annotation(error))?;
                }
                self.listed += shown.len();
            }
            ReportFormat::Json => self.kept.extend(shown.iter().cloned()),
            ReportFormat::Junit => {
                // A record's errors are in its test case; only input errors remain.
                if let Some(junit) = self.junit.as_mut() {
                    for error in errors.iter().filter(|e| e.record.is_none()) {
                        junit.input_error(error)?;
                    }
                }
            }
            ReportFormat::Sarif => {
                if let Some(sarif) = self.sarif.as_mut() {
                    sarif.errors(&mut self.out, errors)?;
                }
            }
            ReportFormat::Html => {
                if let Some(html) = self.html.as_mut() {
                    html.errors(errors);
                }
            }
        }
        Ok(())
    }

    /// The line saying how many errors were not listed, if any were not.
    fn unlisted_line(&self) -> Option<String> {
        let n = self.unlisted;
        (n > 0).then(|| {
            format!(
                "{n} more error{} not listed (--max-errors {}); the counts cover all",
                if n == 1 { "" } else { "s" },
                self.max_errors
            )
        })
    }

    /// Flushes what was written so far.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Ends the report with the summary and gives the writer back.
    pub fn finish(mut self, summary: &Summary) -> io::Result<W> {
        match self.format {
            ReportFormat::Text => {
                if let Some(line) = self.unlisted_line() {
                    writeln!(self.out, "{line}")?;
                }
                writeln!(self.out, "{}", text::summary_line(summary, self.color))?;
            }
            ReportFormat::Github => {
                if let Some(line) = self.unlisted_line() {
                    writeln!(self.out, "::notice title=articlekit::{line}")?;
                }
            }
            ReportFormat::Json => json::write_document(&mut self.out, summary, &self.kept)?,
            ReportFormat::Junit => {
                if let Some(junit) = self.junit.as_mut() {
                    junit.finish(&mut self.out)?;
                }
            }
            ReportFormat::Sarif => {
                if let Some(sarif) = self.sarif.as_mut() {
                    sarif.finish(&mut self.out, summary)?;
                }
            }
            ReportFormat::Html => {
                if let Some(html) = self.html.as_mut() {
                    html.finish(&mut self.out, summary)?;
                }
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }
}
