//! Exporting a batch as a library call: validate every input with the
//! pipeline, render each valid article on the validation workers (the pool
//! of `--jobs` threads, so there is no second parallel pass), write the
//! rendered items in input order, and stage the output when it must not get
//! half a document.
//!
//! Every format is one module implementing [`Exporter`]: a [`Render`] step
//! (pure, run in parallel) and a sequential writer. [`export`] owns the
//! format dispatch, the staging and the strict / skip-invalid rule; a caller
//! (the CLI, the Python package) only opens the output and maps errors.
//!
//! ```
//! use articlekit_export::{ExportFormat, ExportOptions, export};
//! use articlekit_export::jsonld::JsonLdMode;
//!
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("batch.ndjson");
//! std::fs::write(&path, concat!(
//!     r#"{"metadata":{"id":"a","title":"T","language":"vi"},"summary":"S","bullets":["B"],"discussion_count":0}"#, "\n",
//! ))?;
//! let options = ExportOptions::default();
//! let done = export(&ExportFormat::JsonLd(JsonLdMode::Graph), Vec::new(), &[path], &options, |_, _| Ok::<(), std::convert::Infallible>(()))?;
//! assert!(done.complete);
//! assert_eq!(done.written, 1);
//! let graph: serde_json::Value = serde_json::from_slice(&done.out.unwrap())?;
//! assert_eq!(graph["@graph"][0]["headline"], "T");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fs::File;
use std::io::{self, Seek, Write};
use std::path::PathBuf;
use std::sync::Arc;

use articlekit_model::Article;
use articlekit_validate::{
    Dates, Event, PipelineOptions, Render, SetupError, Summary, run_pipeline_with,
};

use articlekit_arrow::{ParquetOptions, ParquetWriter};

use crate::Error;
use crate::archive::{ArchiveSummary, AtomArchiveWriter, RssArchiveWriter};
use crate::atom::{AtomOptions, AtomWriter, EntryRenderer, RenderedEntry};
use crate::csv::{CsvOptions, render_header, render_row};
use crate::files::Files;
use crate::jsonfeed::{self, JsonFeedOptions, JsonFeedWriter};
use crate::jsonld::{self, JsonLdMode, JsonLdWriter};
use crate::rss::{Channel, RenderedItem, RssOptions, RssWriter, render_item_dated};
use crate::sitemap::{self, NewsSitemapWriter, RenderedUrl, SitemapOptions, SitemapSummary};
use crate::spill::{DEFAULT_HOLD, Spool};
use crate::xlsx::XlsxWriter;

/// One export format: what is rendered per article on the validation
/// workers, and how rendered items are written, in input order.
pub trait Exporter {
    /// What [`Exporter::finish`] gives back: the output, or a summary of
    /// the files written.
    type Done;
    /// What one article renders to.
    type Item: Send + 'static;
    /// The per-article step, shared by the workers.
    type Render: Render<Output = Result<Self::Item, Error>>;

    /// The per-article step (cheap: a copy of the format's settings).
    fn renderer(&self) -> Arc<Self::Render>;

    /// Writes one rendered item.
    fn write(&mut self, item: Self::Item) -> Result<(), Error>;

    /// Flushes what was written (the input is waiting for more). Nothing
    /// by default: for formats that write only at their end.
    fn flush(&mut self) -> Result<(), Error> {
        Ok(())
    }
    /// Ends the document and gives the output back.
    fn finish(self) -> Result<Self::Done, Error>;
}

/// The formats [`export`] writes, with their settings.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ExportFormat {
    /// Canonical NDJSON: one article a line, in the model's field order
    /// (what `articlekit import` writes).
    Ndjson,
    /// CSV (RFC 4180), one row per article.
    Csv(CsvOptions),
    /// JSON-LD, schema.org `NewsArticle`.
    JsonLd(JsonLdMode),
    /// RSS 2.0, with its channel.
    Rss(Box<(Channel, RssOptions)>),
    /// Atom 1.0 (RFC 4287), with its channel.
    Atom(Box<(Channel, AtomOptions)>),
    /// JSON Feed 1.1, with its channel.
    JsonFeed(Box<(Channel, JsonFeedOptions)>),
    /// Apache Parquet in the model's Arrow schema.
    Parquet(ParquetOptions),
    /// An XLSX workbook of the CSV columns.
    Xlsx,
}

/// The formats [`export_files`] writes: outputs of several files.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum FilesFormat {
    /// Google News sitemaps (one file up to 1,000 URLs; past that, parts and an index).
    NewsSitemap(Box<(Channel, SitemapOptions)>),
    /// An RFC 5005 archived Atom feed: archives of `size` entries and the subscription.
    AtomArchive(Box<(Channel, AtomOptions)>, usize),
    /// An RFC 5005 archived RSS feed: archives of `size` items and the subscription.
    RssArchive(Box<(Channel, RssOptions)>, usize),
}

/// What [`export_files`] wrote.
#[derive(Debug)]
pub enum FilesSummary {
    /// The news sitemap's files and the articles left out.
    Sitemap(SitemapSummary),
    /// The archived feed's files.
    Archive(ArchiveSummary),
}

impl ExportFormat {
    /// Whether the output gets bytes before the end of the run: such an
    /// output is staged when it cannot be written atomically (an RSS or
    /// Atom feed that holds its items writes everything at its end, so it
    /// needs no staging).
    pub fn writes_early(&self) -> bool {
        match self {
            Self::Rss(rss) => rss.1.streams(&rss.0),
            Self::Atom(atom) => atom.1.streams(&atom.0),
            // The workbook is built in a temporary file and copied out at its end.
            Self::Xlsx => false,
            Self::Ndjson
            | Self::Csv(_)
            | Self::JsonLd(_)
            | Self::JsonFeed(_)
            | Self::Parquet(_) => true,
        }
    }
}

/// How [`export`] runs.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// How the inputs are read and validated (the `jobs` bound the rendering too).
    pub pipeline: PipelineOptions,
    /// Write the valid records when some are invalid (else nothing is
    /// written once one is: the run is not complete).
    pub skip_invalid: bool,
    /// Go on writing the records of the other inputs when one cannot be
    /// read (else the run is not complete: the batch is not whole).
    pub skip_failed_inputs: bool,
    /// Stage the output in an anonymous temporary file and copy it out only
    /// when the run is complete: for an output that is not atomic
    /// (standard output), so that it never gets half a document.
    pub stage: bool,
    /// Bytes of output a run holds in memory before an anonymous temporary
    /// file takes the rest: the staged output, and the items of a feed
    /// that must see them all before its head (RSS and Atom dated by their
    /// newest item, a limited or reordered RSS feed, the news sitemap).
    /// [`DEFAULT_HOLD`] unless set.
    pub hold: usize,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            pipeline: PipelineOptions::default(),
            skip_invalid: false,
            skip_failed_inputs: false,
            stage: false,
            hold: DEFAULT_HOLD,
        }
    }
}

/// What [`export`] did.
#[derive(Debug)]
pub struct Exported<W> {
    /// The counts of the run.
    pub summary: Summary,
    /// Articles written.
    pub written: u64,
    /// Whether the export is whole: no input failed (unless
    /// [`ExportOptions::skip_failed_inputs`]), and no record was invalid
    /// unless [`ExportOptions::skip_invalid`]. When it is not,
    /// nothing was written to a staged output.
    pub complete: bool,
    /// The output, the document finished (only when complete; an output
    /// that is not given back was written to only if it was not staged).
    pub out: Option<W>,
}

/// Why [`export`] stopped.
#[derive(Debug, thiserror::Error)]
pub enum RunError<E> {
    /// The pipeline could not start.
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// The caller's event handler failed (its report, say).
    #[error(transparent)]
    Caller(E),
    /// The export's settings cannot be used (a channel value, an option
    /// out of range): found when the writer is made, before any record is
    /// read or anything written.
    #[error(transparent)]
    Settings(Error),
    /// A valid article could not be rendered (a date the schema accepts
    /// but the exporter cannot read).
    #[error(transparent)]
    Render(Error),
    /// The output (or a buffered feed's temporary file) could not be written.
    #[error(transparent)]
    Write(Error),
    /// The temporary file staging the output could not be created or written.
    #[error("cannot write the temporary file that stages the export")]
    Stage(#[source] io::Error),
    /// The staged export could not be copied to the output.
    #[error("cannot copy the staged export to the output")]
    Copy(#[source] io::Error),
}

/// The error of making a writer: its settings, or (a writer that writes
/// its head at once) the output.
fn opening<E>(error: Error) -> RunError<E> {
    match error {
        Error::Io(_)
        | Error::Spill(_)
        | Error::Create { .. }
        | Error::Workbook(_)
        | Error::Xlsx(_)
        | Error::Parquet(_) => RunError::Write(error),
        _ => RunError::Settings(error),
    }
}

/// Validates `inputs` and writes the valid articles to `out` in `format`.
///
/// `on_event` sees every event of the pipeline in input order (to report
/// errors, count, show progress), with whether this record is being
/// written. Strict by default: from the first invalid record (or any
/// unreadable input) on, nothing more is written and the run is not
/// complete; with [`ExportOptions::skip_invalid`] the invalid records are
/// only skipped (an unreadable input still makes the run incomplete).
pub fn export<W: Write + Send, E>(
    format: &ExportFormat,
    out: W,
    inputs: &[PathBuf],
    options: &ExportOptions,
    on_event: impl FnMut(&Event, bool) -> Result<(), E>,
) -> Result<Exported<W>, RunError<E>> {
    let sink = if options.stage && format.writes_early() {
        Staging::Spool {
            spool: Spool::new(options.hold),
            out,
        }
    } else {
        Staging::Direct(out)
    };
    let done = match format {
        ExportFormat::Ndjson => drive(
            Ndjson {
                out: sink,
                render: Arc::new(NdjsonRender),
            },
            inputs,
            options,
            on_event,
        ),
        ExportFormat::Csv(csv) => drive(Csv::new(sink, *csv), inputs, options, on_event),
        ExportFormat::JsonLd(mode) => drive(
            JsonLd {
                writer: JsonLdWriter::new(sink, *mode),
                render: Arc::new(JsonLdRender(*mode)),
            },
            inputs,
            options,
            on_event,
        ),
        ExportFormat::Rss(rss) => {
            let mut writer = RssWriter::new(sink, &rss.0, &rss.1).map_err(opening)?;
            writer.hold_in_memory(options.hold);
            drive(Rss(Box::new(writer)), inputs, options, on_event)
        }
        ExportFormat::Atom(atom) => {
            let render = Arc::new(AtomRender(
                EntryRenderer::new(&atom.0, &atom.1).map_err(opening)?,
            ));
            let mut writer = AtomWriter::new(sink, &atom.0, &atom.1).map_err(opening)?;
            writer.hold_in_memory(options.hold);
            drive(Atom(Box::new(writer), render), inputs, options, on_event)
        }
        ExportFormat::JsonFeed(feed) => {
            let writer = JsonFeedWriter::new(sink, &feed.0, &feed.1).map_err(opening)?;
            drive(JsonFeed(writer), inputs, options, on_event)
        }
        ExportFormat::Parquet(parquet) => {
            let writer = ParquetWriter::new(sink, parquet.clone())
                .map_err(|e| RunError::Write(Error::Parquet(e)))?;
            drive(
                Parquet(Box::new(writer)),
                inputs,
                &parquet_options(options),
                on_event,
            )
        }
        ExportFormat::Xlsx => {
            let file = tempfile::tempfile().map_err(|e| RunError::Write(Error::Workbook(e)))?;
            let writer = XlsxWriter::new(file).map_err(RunError::Write)?;
            drive(Xlsx { writer, out: sink }, inputs, options, on_event)
        }
    }?;
    let out = match done.out {
        Some(sink) => Some(sink.into_out()?),
        None => None,
    };
    Ok(Exported {
        summary: done.summary,
        written: done.written,
        complete: done.complete,
        out,
    })
}

/// Validates `inputs` and writes the valid articles in `format` to the
/// files `files` opens (see [`Files`] for the contract: on an error, or
/// when the run is not complete, discard every file created).
pub fn export_files<F: Files, E>(
    format: &FilesFormat,
    files: F,
    inputs: &[PathBuf],
    options: &ExportOptions,
    on_event: impl FnMut(&Event, bool) -> Result<(), E>,
) -> Result<Exported<FilesSummary>, RunError<E>> {
    let done = match format {
        FilesFormat::NewsSitemap(sitemap) => {
            let mut writer =
                NewsSitemapWriter::new(files, &sitemap.0, &sitemap.1).map_err(opening)?;
            writer.hold_in_memory(options.hold);
            let done = drive(Sitemap(Box::new(writer)), inputs, options, on_event)?;
            map_done(done, FilesSummary::Sitemap)
        }
        FilesFormat::AtomArchive(atom, size) => {
            let render = Arc::new(AtomRender(
                EntryRenderer::new(&atom.0, &atom.1).map_err(opening)?,
            ));
            let writer = AtomArchiveWriter::new(files, &atom.0, &atom.1, *size).map_err(opening)?;
            let done = drive(
                AtomArchive(Box::new(writer), render),
                inputs,
                options,
                on_event,
            )?;
            map_done(done, FilesSummary::Archive)
        }
        FilesFormat::RssArchive(rss, size) => {
            let writer = RssArchiveWriter::new(files, &rss.0, &rss.1, *size).map_err(opening)?;
            let done = drive(RssArchive(Box::new(writer)), inputs, options, on_event)?;
            map_done(done, FilesSummary::Archive)
        }
    };
    Ok(done)
}

fn map_done<A, B>(done: Exported<A>, f: impl FnOnce(A) -> B) -> Exported<B> {
    Exported {
        summary: done.summary,
        written: done.written,
        complete: done.complete,
        out: done.out.map(f),
    }
}

/// The pipeline loop every format shares.
fn drive<X: Exporter, E>(
    mut exporter: X,
    inputs: &[PathBuf],
    options: &ExportOptions,
    mut on_event: impl FnMut(&Event, bool) -> Result<(), E>,
) -> Result<Exported<X::Done>, RunError<E>> {
    let renderer = exporter.renderer();
    let mut incomplete = false;
    let mut written = 0;
    let summary = run_pipeline_with(
        inputs,
        &options.pipeline,
        &renderer,
        |event, rendered| -> Result<(), RunError<E>> {
            match &event {
                Event::Invalid(_) if !options.skip_invalid => incomplete = true,
                Event::InputError(_) if !options.skip_failed_inputs => incomplete = true,
                _ => {}
            }
            let item = rendered.filter(|_| !incomplete);
            on_event(&event, item.is_some()).map_err(RunError::Caller)?;
            if matches!(event, Event::Waiting) {
                exporter.flush().map_err(write_failed)?;
            }
            if let Some(item) = item {
                exporter
                    .write(item.map_err(RunError::Render)?)
                    .map_err(write_failed)?;
                written += 1;
            }
            Ok(())
        },
    )?;
    let out = if incomplete {
        None
    } else {
        Some(exporter.finish().map_err(write_failed)?)
    };
    Ok(Exported {
        summary,
        written,
        complete: !incomplete,
        out,
    })
}

/// The output, or a spool (memory, then a temporary file) standing in for
/// it until the end.
#[derive(Debug)]
enum Staging<W> {
    Direct(W),
    Spool { spool: Spool, out: W },
}

impl<W: Write> Staging<W> {
    /// The output, with the staged export copied to it.
    fn into_out<E>(self) -> Result<W, RunError<E>> {
        match self {
            Self::Direct(out) => Ok(out),
            Self::Spool { spool, mut out } => {
                let spooled = spool.finish_io().map_err(RunError::Stage)?;
                match spooled.copy_all(&mut out) {
                    Ok(()) => {}
                    Err(Error::Spill(e)) => return Err(RunError::Stage(e)),
                    Err(Error::Io(e)) => return Err(RunError::Copy(e)),
                    Err(other) => return Err(RunError::Copy(io::Error::other(other))),
                }
                out.flush().map_err(RunError::Copy)?;
                Ok(out)
            }
        }
    }
}

impl<W: Write> Write for Staging<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Self::Direct(w) => w.write_all(buf),
            Self::Spool { spool, .. } => spool.append_bytes(buf).map(drop).map_err(staging),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::Direct(w) => w.flush(),
            // Nothing reaches the output before the end.
            Self::Spool { .. } => Ok(()),
        }
    }
}

/// An error of the staging spool's temporary file, marked so that
/// [`export`] tells it from an error of the output.
fn staging(error: io::Error) -> io::Error {
    io::Error::new(error.kind(), StagingFailed(error))
}

/// A writer's error: [`RunError::Stage`] when it is the staging spool's
/// temporary file that failed, else [`RunError::Write`].
fn write_failed<E>(error: Error) -> RunError<E> {
    match staging_failure(&error) {
        Some(io) => RunError::Stage(io::Error::new(io.kind(), io.to_string())),
        None => RunError::Write(error),
    }
}

/// The staging spool's error in `error`'s chain, however deep the writer
/// wrapped it (`Error::Parquet(ArrowError::Io(..))`, say). An `io::Error`'s
/// `source()` skips the error it carries, so each one is looked into.
fn staging_failure<'e>(error: &'e (dyn std::error::Error + 'static)) -> Option<&'e io::Error> {
    let mut at = Some(error);
    while let Some(e) = at {
        let carried = e.downcast_ref::<io::Error>().and_then(io::Error::get_ref);
        if let Some(StagingFailed(io)) = carried.and_then(|c| c.downcast_ref::<StagingFailed>()) {
            return Some(io);
        }
        at = e.source();
    }
    None
}

/// The staging spool's temporary file failed (see [`staging`]).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
struct StagingFailed(io::Error);

/// Canonical NDJSON: each line rendered on the workers.
struct Ndjson<W> {
    out: W,
    render: Arc<NdjsonRender>,
}

struct NdjsonRender;

impl Render for NdjsonRender {
    type Output = Result<String, Error>;

    fn render(&self, article: Article, _: &Dates) -> Self::Output {
        let mut line = article.to_canonical_json();
        line.push('\n');
        Ok(line)
    }
}

impl<W: Write> Exporter for Ndjson<W> {
    type Done = W;
    type Item = String;
    type Render = NdjsonRender;

    fn renderer(&self) -> Arc<NdjsonRender> {
        Arc::clone(&self.render)
    }

    fn write(&mut self, line: String) -> Result<(), Error> {
        self.out.write_all(line.as_bytes())?;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        Ok(self.out.flush()?)
    }

    fn finish(mut self) -> Result<W, Error> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// CSV: rows rendered on the workers, written after the header.
struct Csv<W> {
    out: W,
    header: Option<Vec<u8>>,
    render: Arc<CsvRender>,
}

impl<W: Write> Csv<W> {
    fn new(out: W, options: CsvOptions) -> Self {
        Self {
            out,
            header: Some(render_header(options)),
            render: Arc::new(CsvRender(options)),
        }
    }

    fn header(&mut self) -> Result<(), Error> {
        if let Some(header) = self.header.take() {
            self.out.write_all(&header)?;
        }
        Ok(())
    }
}

struct CsvRender(CsvOptions);

impl Render for CsvRender {
    type Output = Result<Vec<u8>, Error>;

    fn render(&self, article: Article, _: &Dates) -> Self::Output {
        render_row(&article, self.0).map_err(Error::from)
    }
}

impl<W: Write> Exporter for Csv<W> {
    type Done = W;
    type Item = Vec<u8>;
    type Render = CsvRender;

    fn renderer(&self) -> Arc<CsvRender> {
        Arc::clone(&self.render)
    }

    fn write(&mut self, row: Vec<u8>) -> Result<(), Error> {
        self.header()?;
        self.out.write_all(&row)?;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        Ok(self.out.flush()?)
    }

    fn finish(mut self) -> Result<W, Error> {
        self.header()?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// JSON-LD: each article's object (or HTML snippet) rendered on the workers.
struct JsonLd<W: Write> {
    writer: JsonLdWriter<W>,
    render: Arc<JsonLdRender>,
}

struct JsonLdRender(JsonLdMode);

impl Render for JsonLdRender {
    type Output = Result<Vec<u8>, Error>;

    fn render(&self, article: Article, _: &Dates) -> Self::Output {
        Ok(jsonld::render(&article, self.0))
    }
}

impl<W: Write> Exporter for JsonLd<W> {
    type Done = W;
    type Item = Vec<u8>;
    type Render = JsonLdRender;

    fn renderer(&self) -> Arc<JsonLdRender> {
        Arc::clone(&self.render)
    }

    fn write(&mut self, item: Vec<u8>) -> Result<(), Error> {
        self.writer.write_rendered(&item)
    }

    fn flush(&mut self) -> Result<(), Error> {
        self.writer.flush()
    }

    fn finish(self) -> Result<W, Error> {
        self.writer.finish()
    }
}

/// RSS: each `<item>` rendered on the workers with the dates validation parsed.
struct Rss<W: Write>(Box<RssWriter<W>>);

/// Renders RSS items.
#[derive(Debug)]
pub struct RssRender;

impl Render for RssRender {
    type Output = Result<RenderedItem, Error>;

    fn render(&self, article: Article, dates: &Dates) -> Self::Output {
        render_item_dated(&article, dates.published, dates.updated)
    }
}

impl<W: Write> Exporter for Rss<W> {
    type Done = W;
    type Item = RenderedItem;
    type Render = RssRender;

    fn renderer(&self) -> Arc<RssRender> {
        Arc::new(RssRender)
    }

    fn write(&mut self, item: RenderedItem) -> Result<(), Error> {
        self.0.write_rendered(item)
    }

    fn flush(&mut self) -> Result<(), Error> {
        self.0.flush()
    }

    fn finish(self) -> Result<W, Error> {
        self.0.finish()
    }
}

/// Atom: each `<entry>` rendered on the workers.
struct Atom<W: Write>(Box<AtomWriter<W>>, Arc<AtomRender>);

/// Renders Atom entries (the entry id depends on the feed's id).
#[derive(Debug)]
pub struct AtomRender(EntryRenderer);

impl Render for AtomRender {
    type Output = Result<RenderedEntry, Error>;

    fn render(&self, article: Article, dates: &Dates) -> Self::Output {
        self.0
            .render_dated(&article, dates.published, dates.updated)
    }
}

impl<W: Write> Exporter for Atom<W> {
    type Done = W;
    type Item = RenderedEntry;
    type Render = AtomRender;

    fn renderer(&self) -> Arc<AtomRender> {
        Arc::clone(&self.1)
    }

    fn write(&mut self, item: RenderedEntry) -> Result<(), Error> {
        self.0.write_rendered(item)
    }

    fn finish(self) -> Result<W, Error> {
        self.0.finish()
    }
}

/// JSON Feed: each item rendered on the workers.
struct JsonFeed<W: Write>(JsonFeedWriter<W>);

/// Renders JSON Feed items.
#[derive(Debug)]
pub struct JsonFeedRender;

impl Render for JsonFeedRender {
    type Output = Result<jsonfeed::RenderedItem, Error>;

    fn render(&self, article: Article, dates: &Dates) -> Self::Output {
        jsonfeed::render_item_dated(&article, dates.published, dates.updated)
    }
}

impl<W: Write> Exporter for JsonFeed<W> {
    type Done = W;
    type Item = jsonfeed::RenderedItem;
    type Render = JsonFeedRender;

    fn renderer(&self) -> Arc<JsonFeedRender> {
        Arc::new(JsonFeedRender)
    }

    fn write(&mut self, item: jsonfeed::RenderedItem) -> Result<(), Error> {
        self.0.write_rendered(item)
    }

    fn finish(self) -> Result<W, Error> {
        self.0.finish()
    }
}

/// News sitemap: each `<url>` rendered on the workers.
struct Sitemap<F: Files>(Box<NewsSitemapWriter<F>>);

/// Renders news sitemap URLs.
#[derive(Debug)]
pub struct SitemapRender;

impl Render for SitemapRender {
    type Output = Result<RenderedUrl, Error>;

    fn render(&self, article: Article, dates: &Dates) -> Self::Output {
        sitemap::render_url_dated(&article, dates.published)
    }
}

impl<F: Files> Exporter for Sitemap<F> {
    type Done = SitemapSummary;
    type Item = RenderedUrl;
    type Render = SitemapRender;

    fn renderer(&self) -> Arc<SitemapRender> {
        Arc::new(SitemapRender)
    }

    fn write(&mut self, item: RenderedUrl) -> Result<(), Error> {
        self.0.write_rendered(item)
    }

    fn finish(self) -> Result<SitemapSummary, Error> {
        self.0.finish()
    }
}

/// Archived Atom feed.
struct AtomArchive<F: Files>(Box<AtomArchiveWriter<F>>, Arc<AtomRender>);

impl<F: Files> Exporter for AtomArchive<F> {
    type Done = ArchiveSummary;
    type Item = RenderedEntry;
    type Render = AtomRender;

    fn renderer(&self) -> Arc<AtomRender> {
        Arc::clone(&self.1)
    }

    fn write(&mut self, item: RenderedEntry) -> Result<(), Error> {
        self.0.write_rendered(item)
    }

    fn finish(self) -> Result<ArchiveSummary, Error> {
        self.0.finish()
    }
}

/// Archived RSS feed.
struct RssArchive<F: Files>(Box<RssArchiveWriter<F>>);

impl<F: Files> Exporter for RssArchive<F> {
    type Done = ArchiveSummary;
    type Item = RenderedItem;
    type Render = RssRender;

    fn renderer(&self) -> Arc<RssRender> {
        Arc::new(RssRender)
    }

    fn write(&mut self, item: RenderedItem) -> Result<(), Error> {
        self.0.write_rendered(item)
    }

    fn finish(self) -> Result<ArchiveSummary, Error> {
        self.0.finish()
    }
}

/// Hands each valid article on as it is (a columnar writer builds its
/// batches in order; the article is moved, neither copied nor rebuilt).
#[derive(Debug)]
pub struct ArticleRender;

impl Render for ArticleRender {
    type Output = Result<Article, Error>;

    fn render(&self, article: Article, _: &Dates) -> Self::Output {
        Ok(article)
    }
}

/// The options of a Parquet export: unless the caller chose the number of
/// validation threads (`--jobs`), they keep to all cores but one. The
/// encoder's thread (building the batches, encoding and compressing the
/// columns) is the export's slowest stage and needs a core of its own: with
/// a validation thread on every core it is crowded out, and the export took
/// 9–17 % longer on 2 cores (20,000 and 100,000 records, `bench/ab.py`).
fn parquet_options(options: &ExportOptions) -> ExportOptions {
    let mut options = options.clone();
    if options.pipeline.jobs.is_none() {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        options.pipeline.jobs = Some(cores.saturating_sub(1).max(1));
    }
    options
}

/// Parquet: row groups written as records stream in.
struct Parquet<W: Write + Send>(Box<ParquetWriter<W>>);

impl<W: Write + Send> Exporter for Parquet<W> {
    type Done = W;
    type Item = Article;
    type Render = ArticleRender;

    fn renderer(&self) -> Arc<ArticleRender> {
        Arc::new(ArticleRender)
    }

    fn write(&mut self, article: Article) -> Result<(), Error> {
        self.0.push(article).map_err(Error::Parquet)
    }

    fn finish(self) -> Result<W, Error> {
        self.0.finish().map_err(Error::Parquet)
    }
}

/// XLSX: the workbook in a temporary file (the zip container needs to
/// seek), copied to the output at the end.
struct Xlsx<W> {
    writer: XlsxWriter<File>,
    out: W,
}

impl<W: Write> Exporter for Xlsx<W> {
    type Done = W;
    type Item = Article;
    type Render = ArticleRender;

    fn renderer(&self) -> Arc<ArticleRender> {
        Arc::new(ArticleRender)
    }

    fn write(&mut self, article: Article) -> Result<(), Error> {
        self.writer.write(&article)
    }

    fn finish(mut self) -> Result<W, Error> {
        let mut file = self.writer.finish()?;
        file.rewind().map_err(Error::Workbook)?;
        io::copy(&mut file, &mut self.out)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Parquet export leaves a core to its encoder unless `--jobs` says
    /// otherwise; a number the caller chose is kept as it is.
    #[test]
    fn a_parquet_export_leaves_a_core_to_its_encoder() {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let chosen = parquet_options(&ExportOptions::default()).pipeline.jobs;
        assert_eq!(chosen, Some(cores.saturating_sub(1).max(1)));
        for jobs in [1, 2, 8] {
            let mut options = ExportOptions::default();
            options.pipeline.jobs = Some(jobs);
            assert_eq!(parquet_options(&options).pipeline.jobs, Some(jobs));
        }
    }

    /// A staging failure is told from an output failure whether the writer
    /// hands it back as it is or wrapped (the Parquet writer wraps it).
    #[test]
    fn a_staging_failure_is_found_however_wrapped() {
        let failed = || staging(io::Error::from(io::ErrorKind::NotFound));
        let direct = write_failed::<()>(Error::Io(failed()));
        let wrapped =
            write_failed::<()>(Error::Parquet(articlekit_arrow::ArrowError::Io(failed())));
        for run in [direct, wrapped] {
            match run {
                RunError::Stage(e) => assert_eq!(e.kind(), io::ErrorKind::NotFound),
                other => panic!("not a staging failure: {other:?}"),
            }
        }
        let output = write_failed::<()>(Error::Io(io::Error::from(io::ErrorKind::BrokenPipe)));
        assert!(
            matches!(output, RunError::Write(Error::Io(_))),
            "{output:?}"
        );
    }
}
