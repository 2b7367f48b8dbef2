//! One module per subcommand; each returns the [`Outcome`] that becomes the exit code.

use std::fmt::Write as _;
use std::io;
use std::sync::Arc;

use articlekit_validate::Checked;

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
    /// Notes an article written from `checked`.
    pub fn written(&mut self, checked: &Checked, id: &str) {
        self.written += 1;
        self.last = Some((checked.input.clone(), checked.line, id.to_owned()));
    }

    /// Notes a record skipped.
    pub fn skipped(&mut self, checked: &Checked) {
        self.skipped += 1;
        let full = self.ranges.len() > MAX_RANGES;
        match self.ranges.last_mut() {
            Some((input, _, end)) if *input == checked.input && *end + 1 == checked.index => {
                *end = checked.index;
            }
            // Only the ranges shown are kept: memory stays flat however many are skipped.
            _ if full => {}
            _ => self
                .ranges
                .push((checked.input.clone(), checked.index, checked.index)),
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

/// What [`write_valid_records`] saw.
pub(crate) struct Written {
    /// Counts of the whole run.
    pub summary: articlekit_validate::Summary,
    /// The records written and skipped.
    pub tally: Tally,
    /// The stderr report, to be finished with the summary.
    pub reporter: articlekit_validate::Reporter<std::io::Stderr>,
}

/// The loop `import` and `export` share: runs the pipeline, reports each
/// invalid record and unreadable input on stderr as `validate` does, and
/// hands every valid record to `write` in input order while `keep_writing`
/// says so (export's strict mode stops writing at the first invalid record
/// but still validates the rest). The pipeline's result comes back beside
/// what was seen, so a failed output can say how far it got.
pub(crate) fn write_valid_records(
    input: &crate::args::InputArgs,
    options: &articlekit_validate::PipelineOptions,
    cli: &crate::args::Cli,
    keep_writing: impl Fn(&articlekit_validate::Summary) -> bool,
    mut write: impl FnMut(Box<Checked>) -> anyhow::Result<()>,
) -> (anyhow::Result<()>, Written) {
    use std::io::IsTerminal;

    use anyhow::Context;
    use articlekit_validate::{Event, ReportFormat, Reporter, Summary, ValidationError};

    let inputs = &input.inputs;
    let color = crate::settings::use_color(input.color, std::io::stderr().is_terminal());
    let mut reporter = Reporter::new(std::io::stderr(), ReportFormat::Text, color, usize::MAX);
    announce_terminal_stdin(cli, inputs);
    let progress = crate::progress::Progress::new(cli, inputs);
    let mut summary = Summary::default();
    let mut tally = Tally::default();
    let run = articlekit_validate::run_pipeline(inputs, options, |event| -> anyhow::Result<()> {
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
                    Some(article) if keep_writing(&summary) => {
                        tally.written(&checked, &article.metadata.id);
                        write(checked).context(OutputFailed)?;
                    }
                    Some(_) => {}
                    None => {
                        tally.skipped(&checked);
                        progress.suspend_if(true, || reporter.errors(&checked.errors))?;
                    }
                }
            }
        }
        Ok(())
    });
    progress.finish();
    (
        run,
        Written {
            summary,
            tally,
            reporter,
        },
    )
}
