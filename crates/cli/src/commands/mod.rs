//! One module per subcommand; each returns the [`Outcome`] that becomes the exit code.

use std::fmt::Write as _;
use std::io;
use std::sync::Arc;

use articlekit_validate::{Event, Invalid, Origin};

pub mod docs;
pub mod export;
pub mod import;
pub mod schema;
pub mod validate;

use anyhow::{Result, bail};
use articlekit_validate::Summary;

/// Said after the count when the reader of standard output went away.
pub(crate) const CLOSED: &str =
    " (standard output was closed by its reader before the end: only the first part reached it)";

/// Exit 2 when an input could not be read, else 1 when a record is invalid, else 0.
pub(crate) fn outcome(summary: &Summary) -> Result<Outcome> {
    let failed: Vec<&str> = summary
        .inputs
        .iter()
        .filter_map(|i| i.error.as_deref())
        .collect();
    // The names and reasons go to stderr too: the report may be in a file.
    let listed = failed
        .iter()
        .take(MAX_FAILED_LISTED)
        .copied()
        .collect::<Vec<_>>()
        .join("; ");
    let more = failed.len().saturating_sub(MAX_FAILED_LISTED);
    let more = if more > 0 {
        format!("; and {more} more (listed in the report)")
    } else {
        String::new()
    };
    match failed.len() {
        0 if summary.invalid > 0 => Ok(Outcome::Invalid),
        0 => Ok(Outcome::Success),
        1 => bail!("1 input could not be read: {listed}"),
        n => bail!("{n} inputs could not be read: {listed}{more}"),
    }
}

/// How many unreadable inputs the final error names (the report has them all).
const MAX_FAILED_LISTED: usize = 5;

/// The summary line on stderr (shown even with `--quiet`).
pub(crate) fn print_summary(summary: &Summary) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{}", summary.line());
    }
}

/// Says on stderr that standard input is being read when it is a terminal:
/// otherwise a command run without inputs would wait silently for Ctrl-D.
pub fn announce_terminal_stdin(cli: &crate::args::Cli, inputs: &[std::path::PathBuf]) {
    use std::io::IsTerminal;

    let reads_stdin = inputs.is_empty() || inputs.iter().any(|p| p.as_os_str() == "-");
    if reads_stdin && !cli.quiet && io::stdin().is_terminal() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("reading standard input (Ctrl-D to end)");
        }
    }
}

/// How a command ended, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was valid and written (exit 0).
    Success,
    /// Some records were invalid or refused (exit 1).
    Invalid,
}

/// The records a command wrote and the ones it skipped, for saying exactly
/// which made it when some did not (invalid records, or a failed output).
#[derive(Debug, Default)]
pub struct Tally {
    /// Articles written.
    pub written: u64,
    /// The last article written: input, line and id.
    last: Option<(Arc<str>, u64, String)>,
    /// Records skipped.
    pub skipped: u64,
    /// Skipped record numbers, as ranges per input, in input order.
    ranges: Vec<(Arc<str>, u64, u64)>,
}

/// Ranges of skipped records listed in the final message.
const MAX_RANGES: usize = 20;

impl Tally {
    /// Notes an article written from the record at `origin`.
    pub fn written(&mut self, origin: &Origin, id: &str) {
        self.written += 1;
        self.last = Some((origin.input.clone(), origin.line, id.to_owned()));
    }

    /// Notes a record skipped.
    pub fn skipped(&mut self, invalid: &Invalid) {
        let origin = &invalid.origin;
        self.skipped += 1;
        let full = self.ranges.len() > MAX_RANGES;
        match self.ranges.last_mut() {
            Some((input, _, end)) if *input == origin.input && *end + 1 == origin.index => {
                *end = origin.index;
            }
            // Only the ranges shown are kept: memory stays flat however many are skipped.
            _ if full => {}
            _ => self
                .ranges
                .push((origin.input.clone(), origin.index, origin.index)),
        }
    }

    /// `skipped N invalid records (listed above): a.ndjson records 2-15, 17`.
    pub fn skipped_line(&self) -> Option<String> {
        if self.skipped == 0 {
            return None;
        }
        let mut line = format!(
            "skipped {} invalid record{} (listed above):",
            self.skipped,
            if self.skipped == 1 { "" } else { "s" }
        );
        let shown = &self.ranges[..self.ranges.len().min(MAX_RANGES)];
        let mut groups: Vec<(&str, Vec<String>, bool)> = Vec::new();
        for (input, start, end) in shown {
            let range = if start == end {
                start.to_string()
            } else {
                format!("{start}-{end}")
            };
            match groups.last_mut() {
                Some((name, ranges, many)) if *name == &**input => {
                    ranges.push(range);
                    *many = true;
                }
                _ => groups.push((input, vec![range], start != end)),
            }
        }
        for (i, (input, ranges, many)) in groups.iter().enumerate() {
            let noun = if *many { "records" } else { "record" };
            let sep = if i == 0 { "" } else { ";" };
            let _ = write!(line, "{sep} `{input}` {noun} {}", ranges.join(", "));
        }
        if self.ranges.len() > MAX_RANGES {
            line.push_str(", …");
        }
        Some(line)
    }

    /// The error of an output that failed part way: how far it got.
    /// `atomic`: the output was a file written atomically, left as it was.
    pub fn output_failed(
        &self,
        error: &anyhow::Error,
        output: &str,
        atomic: bool,
    ) -> anyhow::Error {
        let n = self.written;
        let articles = if n == 1 { "article" } else { "articles" };
        let so_far = match &self.last {
            Some((input, line, id)) => {
                format!("{n} {articles} (the last: `{input}` line {line}, id `{id}`)")
            }
            None => format!("{n} {articles}"),
        };
        let cause = io_cause(error);
        if !atomic && output == "standard output" && crate::output::stdout_bytes() == 0 {
            anyhow::anyhow!("cannot write {output}: {cause}; nothing was written to it")
        } else if atomic {
            anyhow::anyhow!(
                "cannot write {output}: {cause}; nothing was written ({output} is as it was), after {so_far} had been exported to its temporary file"
            )
        } else {
            anyhow::anyhow!(
                "cannot write {output}: {cause}; the output is incomplete: it stops within the first {so_far}, the records after were not written"
            )
        }
    }
}

/// The system's reason at the root of `error` (`No space left on device`),
/// or the whole chain when there is none.
pub(crate) fn io_cause(error: &anyhow::Error) -> String {
    error
        .chain()
        .find_map(|e| e.downcast_ref::<io::Error>())
        .map_or_else(|| format!("{error:#}"), ToString::to_string)
}

/// Marks an error of the output (not of an input or the report), so that
/// the command can say how far the output got.
#[derive(Debug, Clone, Copy)]
pub struct OutputFailed;

impl std::fmt::Display for OutputFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cannot write the output")
    }
}

/// What `import` and `export` show on stderr while they run: each invalid
/// record and unreadable input reported as `validate` reports them, the
/// progress bar, and the tally of records written and skipped.
pub(crate) struct StderrReport {
    /// The records written and skipped.
    pub tally: Tally,
    reporter: articlekit_validate::Reporter<std::io::Stderr>,
    progress: crate::progress::Progress,
}

impl StderrReport {
    pub fn new(input: &crate::args::InputArgs, cli: &crate::args::Cli) -> Self {
        use std::io::IsTerminal;

        use articlekit_validate::{ReportFormat, Reporter};

        let color = crate::settings::use_color(input.color, std::io::stderr().is_terminal());
        announce_terminal_stdin(cli, &input.inputs);
        Self {
            tally: Tally::default(),
            reporter: Reporter::new(std::io::stderr(), ReportFormat::Text, color, usize::MAX),
            progress: crate::progress::Progress::new(cli, &input.inputs),
        }
    }

    /// Sees one event of the pipeline; `written`: its record is being written.
    pub fn see(&mut self, event: &Event, written: bool) -> io::Result<()> {
        match event {
            Event::Opened { .. } | Event::Blank(_) | Event::Waiting => {}
            Event::InputError(_) => {
                let errors = event.errors();
                let reporter = &mut self.reporter;
                self.progress
                    .suspend_if(true, || reporter.errors(&errors))?;
            }
            Event::Valid(valid) => {
                self.progress.record(valid.raw.len());
                if written {
                    self.tally.written(&valid.origin, &valid.id);
                }
            }
            Event::Invalid(invalid) => {
                self.progress.record(invalid.raw.len());
                self.tally.skipped(invalid);
                let reporter = &mut self.reporter;
                self.progress
                    .suspend_if(true, || reporter.errors(&invalid.errors))?;
            }
        }
        Ok(())
    }

    /// Ends the report with the summary line.
    pub fn finish(self, summary: &Summary) -> Result<Tally> {
        use anyhow::Context;

        self.progress.finish();
        self.reporter
            .finish(summary)
            .context("cannot write to standard error")?;
        Ok(self.tally)
    }
}
