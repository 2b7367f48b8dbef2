//! `articlekit export`: validate, then write the articles as CSV, JSON-LD or RSS.
//!
//! Strict by default: when any record is invalid (or an input cannot be
//! read), the errors are reported as `validate` reports them and nothing is
//! written — not to `-o FILE` (its temporary file is removed, an existing
//! file stays as it was) and not to standard output (the export is staged in
//! an anonymous temporary file and copied out only when the run is complete).
//! With `--skip-invalid` the valid records are written and the invalid ones
//! reported (exit 1). An unreadable input is an error (exit 2) in both modes,
//! and then nothing is written: the batch is incomplete. Standard output is
//! staged in both modes, so that it never gets half a document.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result, bail};
use articlekit_csv::{CsvOptions, datapackage_json, datapackage_path};
use articlekit_export::atom::AtomOptions;
use articlekit_export::channel::Format as ChannelFormat;
use articlekit_export::jsonfeed::JsonFeedOptions;
use articlekit_export::jsonld::JsonLdMode;
use articlekit_export::rss::{Channel, LastBuild, RssOptions};
use articlekit_export::sitemap::SitemapOptions;
use articlekit_export::{ExportOptions, FilesFormat, FilesSummary, RunError, export, export_files};
use articlekit_validate::Summary;

use super::outcome;
use super::{Outcome, OutputFailed, StderrReport, Tally};
use crate::args::{Cli, ExportArgs, ExportFormat};
use crate::fileid::refuse_overwriting_inputs;
use crate::output::{Output, stdout_closed, stdout_is_null};
use crate::settings::pipeline_options;

/// Runs `articlekit export`.
pub fn run(args: &ExportArgs, cli: &Cli) -> Result<Outcome> {
    refuse_options_of_other_formats(args)?;
    let datapackage = (args.to == ExportFormat::Csv && !args.no_datapackage)
        .then_some(args.output.as_deref())
        .flatten()
        .filter(|p| p.as_os_str() != "-")
        .map(datapackage_path);
    // The channel file is read too: no output may replace it either.
    let read: Vec<_> = args
        .input
        .inputs
        .iter()
        .chain(&args.channel)
        .cloned()
        .collect();
    refuse_overwriting_inputs(
        &read,
        &[
            (
                "--output",
                Some(args.output.as_deref().unwrap_or(Path::new("-"))),
            ),
            ("the Data Package sidecar", datapackage.as_deref()),
        ],
    )?;
    // Configuration errors come out before any input is read.
    let format = match formats(args)? {
        Formats::One(format) => format,
        Formats::Files(many) => return run_files(&many, args, cli, &read),
    };
    // Standard output is staged (below), unless it is the null device, which
    // nothing reads: then a temporary file would only be written and read back.
    let stage_stdout =
        args.output.as_deref().is_none_or(|p| p.as_os_str() == "-") && !stdout_is_null();
    let options = ExportOptions {
        pipeline: pipeline_options(&args.input, &args.page, false),
        skip_invalid: args.skip_invalid,
        skip_failed_inputs: false,
        // Standard output is staged in both modes, so that it never gets half a document.
        stage: stage_stdout,
        hold: hold(args),
    };
    let out = Output::open(args.output.as_deref(), &read)?;
    let destination = Destination {
        name: out.describe(),
        atomic: out.is_atomic(),
        staged: stage_stdout && format.writes_early(),
    };
    let mut report = StderrReport::new(&args.input, cli);
    let run = export(
        &format,
        out,
        &args.input.inputs,
        &options,
        |event, written| report.see(event, written),
    );
    let done = match run {
        Ok(done) => done,
        Err(error) => return Err(explain(error, &report.tally, &destination)),
    };
    let summary = done.summary;
    if let Some(out) = done.out {
        match (&datapackage, &args.output) {
            // The CSV and its sidecar are replaced as a pair: both are written
            // and synced before either is renamed.
            (Some(path), Some(csv)) => {
                write_datapackage(out, path, csv, args.excel, &read).with_context(|| {
                    format!(
                        "cannot write the CSV `{}` with its Data Package sidecar `{}`",
                        csv.display(),
                        path.display()
                    )
                })?;
            }
            _ => {
                if let Err(error) = out.commit() {
                    let error = if destination.staged {
                        error.context(Staged::Copy)
                    } else {
                        error.context(OutputFailed)
                    };
                    return Err(explain_output(error, &report.tally, &destination));
                }
            }
        }
    }
    let complete = done.complete;
    let tally = report.finish(&summary)?;
    if !cli.quiet {
        print_result(complete, &tally, &summary, args);
    }
    outcome(&summary)
}

/// The format of the command line, with its settings.
enum Formats {
    /// One document.
    One(articlekit_export::ExportFormat),
    /// Several files.
    Files(FilesFormat),
}

/// Reads the channel and the options of the chosen format.
fn formats(args: &ExportArgs) -> Result<Formats> {
    let when = |d: &Option<String>| {
        d.as_deref().map(|d| {
            if d.eq_ignore_ascii_case("now") {
                LastBuild::Now
            } else {
                LastBuild::Fixed(d.to_owned())
            }
        })
    };
    let atom_options = || AtomOptions {
        updated: when(&args.last_build_date),
        ..AtomOptions::default()
    };
    let many = match (args.to, args.archive_size) {
        (ExportFormat::NewsSitemap, _) => Some(FilesFormat::NewsSitemap(Box::new((
            channel(args, ChannelFormat::NewsSitemap)?,
            SitemapOptions {
                now: when(&args.now),
                ..SitemapOptions::default()
            },
        )))),
        (ExportFormat::Atom, Some(size)) => Some(FilesFormat::AtomArchive(
            Box::new((channel(args, ChannelFormat::Atom)?, atom_options())),
            size,
        )),
        (ExportFormat::Rss, Some(size)) => Some(FilesFormat::RssArchive(
            Box::new((channel(args, ChannelFormat::Rss)?, rss_options(args))),
            size,
        )),
        _ => None,
    };
    if let Some(many) = many {
        return Ok(Formats::Files(many));
    }
    let format = match args.to {
        ExportFormat::Csv => articlekit_export::ExportFormat::Csv(CsvOptions { excel: args.excel }),
        ExportFormat::Jsonld => articlekit_export::ExportFormat::JsonLd(if args.html {
            JsonLdMode::Html
        } else {
            JsonLdMode::Graph
        }),
        ExportFormat::Rss => articlekit_export::ExportFormat::Rss(Box::new((
            channel(args, ChannelFormat::Rss)?,
            rss_options(args),
        ))),
        ExportFormat::Atom => articlekit_export::ExportFormat::Atom(Box::new((
            channel(args, ChannelFormat::Atom)?,
            atom_options(),
        ))),
        ExportFormat::Jsonfeed => articlekit_export::ExportFormat::JsonFeed(Box::new((
            channel(args, ChannelFormat::JsonFeed)?,
            JsonFeedOptions::default(),
        ))),
        ExportFormat::Parquet => {
            articlekit_export::ExportFormat::Parquet(articlekit_arrow::ParquetOptions::default())
        }
        ExportFormat::Xlsx => articlekit_export::ExportFormat::Xlsx,
        ExportFormat::NewsSitemap => unreachable!("a news sitemap is written as files"),
    };
    Ok(Formats::One(format))
}

/// `--buffer-bytes`, as the memory a run may hold (all of it past the
/// address space: the temporary file is then never needed).
fn hold(args: &ExportArgs) -> usize {
    usize::try_from(args.buffer_bytes).unwrap_or(usize::MAX)
}

/// `export` of a format made of files (a news sitemap, an archived feed):
/// each file is written atomically in `--out-dir` and all are committed
/// together, only when the run is complete. A news sitemap without
/// `--out-dir` goes to standard output when it is one file.
fn run_files(
    format: &FilesFormat,
    args: &ExportArgs,
    cli: &Cli,
    read: &[PathBuf],
) -> Result<Outcome> {
    let options = ExportOptions {
        pipeline: pipeline_options(&args.input, &args.page, false),
        skip_invalid: args.skip_invalid,
        skip_failed_inputs: false,
        stage: false,
        hold: hold(args),
    };
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the output directory `{}`", dir.display()))?;
    }
    let opened: Arc<Mutex<Vec<Output>>> = Arc::default();
    let files = {
        let opened = Arc::clone(&opened);
        let dir = args.out_dir.clone();
        let single = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
        let read = read.to_vec();
        move |name: &str| -> io::Result<Box<dyn Write + Send>> {
            let path = match &dir {
                Some(dir) => dir.join(name),
                None if name == articlekit_export::sitemap::SINGLE_FILE => single.clone(),
                None => {
                    return Err(io::Error::other(
                        "more than 1,000 articles make several sitemap files and an index: give --out-dir DIR",
                    ));
                }
            };
            let out = refuse_overwriting_inputs(&read, &[("--out-dir", Some(&path))])
                .and_then(|()| Output::open(Some(&path), &read))
                .map_err(|e| io::Error::other(format!("{e:#}")))?;
            let mut list = opened.lock().unwrap_or_else(PoisonError::into_inner);
            list.push(out);
            Ok(Box::new(SharedFile {
                opened: Arc::clone(&opened),
                index: list.len() - 1,
            }))
        }
    };
    let mut report = StderrReport::new(&args.input, cli);
    let run = export_files(
        format,
        files,
        &args.input.inputs,
        &options,
        |event, written| report.see(event, written),
    );
    let where_to = args.out_dir.as_ref().map_or_else(
        || "standard output".to_owned(),
        |d| format!("`{}`", d.display()),
    );
    let done = match run {
        Ok(done) => done,
        Err(error) => {
            let kept = if args.out_dir.is_some() {
                format!("nothing was written ({where_to} is as it was)")
            } else {
                "standard output may be incomplete".to_owned()
            };
            let cause = format!("{:#}", anyhow::Error::new(error));
            bail!("cannot write the export: {cause}; {kept}");
        }
    };
    let outputs = std::mem::take(&mut *opened.lock().unwrap_or_else(PoisonError::into_inner));
    let summary = done.summary;
    if let Some(files) = &done.out {
        Output::commit_all(outputs).with_context(|| {
            format!("cannot write the files in {where_to}; nothing was replaced")
        })?;
        if !cli.quiet {
            print_files(files, &where_to);
        }
    }
    let complete = done.complete;
    let tally = report.finish(&summary)?;
    if !cli.quiet {
        if complete {
            // The line above said what was written.
            #[allow(clippy::print_stderr)]
            if let Some(line) = tally.skipped_line() {
                eprintln!("{line}");
            }
        } else {
            print_result(complete, &tally, &summary, args);
        }
    }
    outcome(&summary)
}

/// What a many-file export wrote, on stderr.
fn print_files(files: &FilesSummary, where_to: &str) {
    #[allow(clippy::print_stderr)]
    match files {
        FilesSummary::Sitemap(sitemap) => {
            let left = &sitemap.left_out;
            let parts = sitemap.files.len().saturating_sub(1);
            eprintln!(
                "wrote {} URL{} to {where_to} in {}{}",
                sitemap.urls,
                if sitemap.urls == 1 { "" } else { "s" },
                if parts == 0 {
                    "one sitemap".to_owned()
                } else {
                    format!("{parts} sitemaps and their index")
                },
                if left.total() == 0 {
                    String::new()
                } else {
                    format!(
                        "; left out {}: {} without a URL, {} without a date, {} older than two days, {} after now",
                        left.total(),
                        left.no_url,
                        left.no_date,
                        left.too_old,
                        left.after_now
                    )
                }
            );
        }
        FilesSummary::Archive(archive) => eprintln!(
            "wrote {} archive{} and the subscription document ({} item{}) to {where_to}",
            archive.archives,
            if archive.archives == 1 { "" } else { "s" },
            archive.current_items,
            if archive.current_items == 1 { "" } else { "s" },
        ),
    }
}

/// A file of a many-file export, written through the list that commits them together.
struct SharedFile {
    opened: Arc<Mutex<Vec<Output>>>,
    index: usize,
}

impl SharedFile {
    fn with<R>(&self, f: impl FnOnce(&mut Output) -> io::Result<R>) -> io::Result<R> {
        let mut list = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
        match list.get_mut(self.index) {
            Some(out) => f(out),
            None => Err(io::Error::other("the output file was closed")),
        }
    }
}

impl Write for SharedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.with(|out| out.write(buf))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.with(|out| out.write_all(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.with(Write::flush)
    }
}

/// What was exported and what was skipped, or why nothing was.
fn print_result(complete: bool, tally: &Tally, summary: &Summary, args: &ExportArgs) {
    #[allow(clippy::print_stderr)]
    if complete {
        let n = tally.written;
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        let closed = if stdout_closed() { super::CLOSED } else { "" };
        // RSS with --limit keeps only the newest items of those it was given.
        match args.limit.map(|l| l as u64) {
            Some(limit) if args.to == ExportFormat::Rss && n > limit => eprintln!(
                "exported {limit} article{}: the newest {limit} of {n} valid (--limit {limit}){closed}",
                plural(limit)
            ),
            _ => eprintln!("exported {n} article{}{closed}", plural(n)),
        }
        if let Some(line) = tally.skipped_line() {
            eprintln!("{line}");
        }
    } else if summary.failed_inputs() > 0 {
        eprintln!(
            "nothing exported: the batch is incomplete, as an input could not be read (it is named below)"
        );
    } else {
        eprintln!(
            "nothing exported: fix the records above, or pass --skip-invalid to export the valid ones"
        );
    }
}

/// Where the export goes, for the message of a failed output.
struct Destination {
    /// `standard output` or the file.
    name: String,
    /// A file written atomically: left as it was on failure.
    atomic: bool,
    /// Standard output staged in a temporary file first.
    staged: bool,
}

/// The error of a run, in words that say what became of the output.
fn explain(error: RunError<io::Error>, tally: &Tally, destination: &Destination) -> anyhow::Error {
    match error {
        RunError::Write(e) => explain_output(
            anyhow::Error::new(e).context(OutputFailed),
            tally,
            destination,
        ),
        RunError::Copy(e) => explain_output(
            anyhow::Error::new(e).context(Staged::Copy),
            tally,
            destination,
        ),
        RunError::Stage(e) => explain_output(
            anyhow::Error::new(e).context(OutputFailed),
            tally,
            &Destination {
                name: destination.name.clone(),
                atomic: destination.atomic,
                staged: true,
            },
        ),
        RunError::Settings(e) => anyhow::Error::new(e).context("cannot export: a setting is wrong"),
        RunError::Render(e) => anyhow::Error::new(e).context("cannot export an article"),
        RunError::Setup(e) => e.into(),
        RunError::Caller(e) => anyhow::Error::new(e).context("cannot write to standard error"),
    }
}

/// The error of a failed output: says how far it got; others pass as they are.
fn explain_output(error: anyhow::Error, tally: &Tally, target: &Destination) -> anyhow::Error {
    if error.downcast_ref::<OutputFailed>().is_none() && error.downcast_ref::<Staged>().is_none() {
        return error;
    }
    let spill = error
        .chain()
        .find_map(|e| e.downcast_ref::<articlekit_export::Error>())
        .filter(|e| {
            matches!(
                e,
                articlekit_export::Error::Spill(_) | articlekit_export::Error::Workbook(_)
            )
        });
    if let Some(spill) = spill {
        // A temporary file failed, not the output: say which, and what the output got.
        let cause = error
            .chain()
            .find_map(|e| e.downcast_ref::<io::Error>())
            .map_or_else(String::new, |e| format!(": {e}"));
        let name = &target.name;
        let kept = if target.atomic {
            format!("nothing was written ({name} is as it was)")
        } else if name == "standard output" && crate::output::stdout_bytes() == 0 {
            format!("nothing was written to {name}")
        } else {
            format!("{name} is incomplete")
        };
        return anyhow::anyhow!("{spill}{cause}; {kept}");
    }
    if let Some(Staged::Copy) = error.downcast_ref::<Staged>() {
        // The staged export was being copied out: standard output got a part of it.
        let bytes = crate::output::stdout_bytes();
        if bytes > 0 {
            let cause = super::io_cause(&error);
            let n = tally.written;
            return anyhow::anyhow!(
                "cannot write standard output: {cause}; it is incomplete: it got the first {bytes} bytes of the export of {n} article{}",
                if n == 1 { "" } else { "s" }
            );
        }
        return tally.output_failed(&error, &target.name, false);
    }
    if target.staged && error.downcast_ref::<Staged>().is_none() {
        let cause = super::io_cause(&error);
        return anyhow::anyhow!(
            "cannot write the temporary file that stages the export: {cause}; nothing was written to standard output"
        );
    }
    tally.output_failed(&error, &target.name, target.atomic)
}

/// Which step of a staged export failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Staged {
    /// Copying the staged export to standard output.
    Copy,
}

impl std::fmt::Display for Staged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cannot copy the staged export to standard output")
    }
}

/// An option that only one `--to` format reads, given with another, is
/// refused (exit 2) before anything is read: silently ignoring `--channel`
/// with `--to csv` would hide a mistake in the command.
fn refuse_options_of_other_formats(args: &ExportArgs) -> Result<()> {
    use ExportFormat::{Atom, Csv, Jsonfeed, Jsonld, NewsSitemap, Rss};
    const FEEDS: &[ExportFormat] = &[Rss, Atom, Jsonfeed, NewsSitemap];
    const RSS_ATOM: &[ExportFormat] = &[Rss, Atom];
    let given: &[(&[ExportFormat], &str, bool)] = &[
        (&[Csv], "--excel", args.excel),
        (&[Csv], "--no-datapackage", args.no_datapackage),
        (&[Jsonld], "--html", args.html),
        (FEEDS, "--channel", args.channel.is_some()),
        (&[Rss], "--newest-first", args.newest_first),
        (&[Rss], "--limit", args.limit.is_some()),
        (
            RSS_ATOM,
            "--last-build-date",
            args.last_build_date.is_some(),
        ),
        (FEEDS, "--title", args.title.is_some()),
        (FEEDS, "--link", args.link.is_some()),
        (
            &[Rss, Jsonfeed],
            "--description",
            args.description.is_some(),
        ),
        (&[Rss], "--self-link", args.self_link.is_some()),
        (FEEDS, "--channel-language", args.channel_language.is_some()),
        (&[Rss, Atom, Jsonfeed], "--hub", !args.hub.is_empty()),
        (RSS_ATOM, "--archive-size", args.archive_size.is_some()),
        (&[NewsSitemap], "--now", args.now.is_some()),
        (
            &[Rss, Atom, NewsSitemap],
            "--out-dir",
            args.out_dir.is_some(),
        ),
        (&[Rss], "--limit with --archive-size", false),
    ];
    let wrong: Vec<String> = given
        .iter()
        .filter(|(formats, _, set)| *set && !formats.contains(&args.to))
        .map(|(formats, option, _)| {
            let names: Vec<&str> = formats.iter().map(|f| format_name(*f)).collect();
            format!("`{option}` is for `--to {}`", names.join("|"))
        })
        .collect();
    if !wrong.is_empty() {
        bail!(
            "{}: `--to {}` does not use {}",
            wrong.join(", "),
            format_name(args.to),
            if wrong.len() == 1 { "it" } else { "them" }
        );
    }
    if args.out_dir.is_some() && args.archive_size.is_none() && args.to != NewsSitemap {
        bail!(
            "`--out-dir` with `--to {}` is for an archived feed: give `--archive-size N` too",
            format_name(args.to)
        );
    }
    let binary = matches!(args.to, ExportFormat::Parquet | ExportFormat::Xlsx);
    let to_stdout = args.output.as_deref().is_none_or(|p| p.as_os_str() == "-");
    if binary && to_stdout && io::stdout().is_terminal() {
        bail!(
            "`--to {}` is a binary file: give `-o FILE`, or redirect standard output to a file or a pipe",
            format_name(args.to)
        );
    }
    if args.archive_size.is_some() && args.limit.is_some() {
        bail!(
            "`--limit` cannot be used with `--archive-size`: the subscription document holds the newest N items of the archive size"
        );
    }
    Ok(())
}

fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Jsonld => "jsonld",
        ExportFormat::Rss => "rss",
        ExportFormat::Atom => "atom",
        ExportFormat::Jsonfeed => "jsonfeed",
        ExportFormat::NewsSitemap => "news-sitemap",
        ExportFormat::Parquet => "parquet",
        ExportFormat::Xlsx => "xlsx",
    }
}

/// The channel file with the command-line overrides applied, checked.
fn channel(args: &ExportArgs, format: ChannelFormat) -> Result<Channel> {
    let mut channel = match &args.channel {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the channel file `{}`", path.display()))?;
            Channel::from_toml_str(&text)
                .with_context(|| format!("in the channel file `{}`", path.display()))?
        }
        None => Channel::default(),
    };
    let overrides = [
        (&mut channel.title, &args.title),
        (&mut channel.link, &args.link),
        (&mut channel.description, &args.description),
        (&mut channel.self_link, &args.self_link),
        (&mut channel.language, &args.channel_language),
    ];
    for (field, flag) in overrides {
        if let Some(value) = flag {
            *field = Some(value.clone());
        }
    }
    channel.hubs.extend(args.hub.iter().cloned());
    channel.validate_for(format).map_err(|e| {
        // A missing key says where to give it; a wrong value only what it is.
        let how = match (format, matches!(e, articlekit_export::Error::ChannelMissing { .. })) {
            (ChannelFormat::Rss, true) => {
                "the RSS channel is incomplete: give it in --channel FILE or with --title, --link, --description and --self-link"
            }
            (ChannelFormat::Atom, true) => "the Atom feed is incomplete: give the key in --channel FILE",
            (ChannelFormat::JsonFeed, true) => {
                "the JSON Feed is incomplete: give the key in --channel FILE"
            }
            (_, true) => "the news sitemap is incomplete: give the key in --channel FILE",
            (ChannelFormat::Rss, false) => "the channel cannot make an RSS feed",
            (ChannelFormat::Atom, false) => "the channel cannot make an Atom feed",
            (ChannelFormat::JsonFeed, false) => "the channel cannot make a JSON Feed",
            (_, false) => "the channel cannot make a news sitemap",
        };
        anyhow::Error::new(e).context(how)
    })?;
    Ok(channel)
}

/// The RSS options of the command line.
fn rss_options(args: &ExportArgs) -> RssOptions {
    let last_build_date = args.last_build_date.as_deref().map(|d| {
        if d.eq_ignore_ascii_case("now") {
            LastBuild::Now
        } else {
            LastBuild::Fixed(d.to_owned())
        }
    });
    RssOptions {
        last_build_date,
        newest_first: args.newest_first,
        limit: args.limit,
    }
}

/// Commits the CSV `csv_out` together with the Frictionless Data Package
/// describing it, beside it: when the sidecar cannot be written in full,
/// neither file is replaced.
fn write_datapackage(
    csv_out: Output,
    path: &Path,
    csv: &Path,
    excel: bool,
    inputs: &[std::path::PathBuf],
) -> Result<()> {
    let name = csv
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = Output::open(Some(path), inputs)?;
    out.write_all(datapackage_json(&name, excel).as_bytes())
        .with_context(|| format!("cannot write `{}`; nothing was replaced", path.display()))?;
    Output::commit_all(vec![csv_out, out])
}
