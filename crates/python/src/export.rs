//! `articlekit.export`: what `articlekit export --to FORMAT` writes, byte
//! for byte, to a file or a binary file object.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use articlekit_arrow::ParquetOptions;
use articlekit_export::atom::AtomOptions;
use articlekit_export::channel::Format as ChannelFormat;
use articlekit_export::csv::CsvOptions;
use articlekit_export::jsonfeed::JsonFeedOptions;
use articlekit_export::jsonld::JsonLdMode;
use articlekit_export::rss::{Channel, LastBuild, RssOptions};
use articlekit_export::sitemap::{SINGLE_FILE, SitemapOptions};
use articlekit_export::{
    DEFAULT_HOLD, ExportFormat, ExportOptions, FilesFormat, RunError, export as run_export,
    export_files,
};
use articlekit_validate::ValidationError;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::args::{self, type_name};
use crate::exceptions::{ArticlekitError, ConfigError, OutputError, chain};
use crate::validate::{Report, Stop, invalid_batch, stop_on_unreadable};

/// The options of `export` that shape the document.
#[derive(Debug, Default)]
#[allow(clippy::struct_excessive_bools)]
struct Shape {
    excel: bool,
    html: bool,
    title: Option<String>,
    link: Option<String>,
    description: Option<String>,
    self_link: Option<String>,
    channel_language: Option<String>,
    hubs: Vec<String>,
    last_build_date: Option<String>,
    newest_first: bool,
    limit: Option<usize>,
    archive_size: Option<usize>,
    now: Option<String>,
    out_dir: bool,
}

const FORMATS: &str = "ndjson, csv, jsonld, rss, atom, jsonfeed, news-sitemap, parquet or xlsx";

/// Where the export goes.
enum Out<'py> {
    /// A file, replaced only when the export is complete.
    Path(PathBuf),
    /// A binary file object, given the bytes only when the export is complete.
    Object(Bound<'py, PyAny>),
}

fn destination<'py>(out: &Bound<'py, PyAny>) -> PyResult<Out<'py>> {
    if out.is_instance_of::<PyString>() || out.hasattr("__fspath__")? {
        let path = args::paths(out)?.remove(0);
        return Ok(Out::Path(path));
    }
    if out.hasattr("write")? {
        if out
            .getattr("closed")
            .is_ok_and(|c| c.is_truthy().unwrap_or(false))
        {
            return Err(PyValueError::new_err("out is a closed file"));
        }
        return Ok(Out::Object(out.clone()));
    }
    Err(PyTypeError::new_err(format!(
        "out must be a path (str or os.PathLike) or a binary file object, not {}",
        type_name(out)
    )))
}

/// Refuses the options that `to` does not read, as the CLI does.
fn refuse_others(to: &str, shape: &Shape, channel: bool) -> PyResult<()> {
    const FEEDS: &[&str] = &["rss", "atom", "jsonfeed", "news-sitemap"];
    const RSS_ATOM: &[&str] = &["rss", "atom"];
    let given: &[(&[&str], &str, bool)] = &[
        (&["csv"], "excel", shape.excel),
        (&["jsonld"], "html", shape.html),
        (FEEDS, "channel", channel),
        (&["rss"], "newest_first", shape.newest_first),
        (&["rss"], "limit", shape.limit.is_some()),
        (RSS_ATOM, "last_build_date", shape.last_build_date.is_some()),
        (FEEDS, "title", shape.title.is_some()),
        (FEEDS, "link", shape.link.is_some()),
        (
            &["rss", "jsonfeed"],
            "description",
            shape.description.is_some(),
        ),
        (&["rss"], "self_link", shape.self_link.is_some()),
        (FEEDS, "channel_language", shape.channel_language.is_some()),
        (&["rss", "atom", "jsonfeed"], "hub", !shape.hubs.is_empty()),
        (RSS_ATOM, "archive_size", shape.archive_size.is_some()),
        (&["news-sitemap"], "now", shape.now.is_some()),
        (&["rss", "atom", "news-sitemap"], "out_dir", shape.out_dir),
    ];
    let wrong: Vec<String> = given
        .iter()
        .filter(|(formats, _, set)| *set && !formats.contains(&to))
        .map(|(formats, option, _)| format!("`{option}` is for to={}", formats.join("|")))
        .collect();
    if !wrong.is_empty() {
        return Err(ConfigError::new_err(format!(
            "{}: to={to} does not use {}",
            wrong.join(", "),
            if wrong.len() == 1 { "it" } else { "them" }
        )));
    }
    if shape.out_dir && shape.archive_size.is_none() && to != "news-sitemap" {
        return Err(ConfigError::new_err(format!(
            "`out_dir` with to={to} is for an archived feed: give `archive_size` too"
        )));
    }
    if shape.archive_size.is_some() && !shape.out_dir {
        return Err(ConfigError::new_err(
            "`archive_size` writes several files: give `out_dir` (and out=None)",
        ));
    }
    if shape.archive_size == Some(0) {
        return Err(ConfigError::new_err(
            "`archive_size` must be at least 1 item",
        ));
    }
    if shape.archive_size.is_some() && shape.limit.is_some() {
        return Err(ConfigError::new_err(
            "`limit` cannot be used with `archive_size`: the subscription document holds the newest N items of the archive size",
        ));
    }
    Ok(())
}

/// The channel file with the overrides applied, checked as the CLI checks it.
fn channel(path: Option<&Path>, shape: &Shape, format: ChannelFormat) -> PyResult<Channel> {
    let mut channel = match path {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                ConfigError::new_err(format!(
                    "cannot read the channel file `{}`: {e}",
                    path.display()
                ))
            })?;
            Channel::from_toml_str(&text).map_err(|e| {
                ConfigError::new_err(format!(
                    "in the channel file `{}`: {}",
                    path.display(),
                    chain(&e)
                ))
            })?
        }
        None => Channel::default(),
    };
    let overrides = [
        (&mut channel.title, &shape.title),
        (&mut channel.link, &shape.link),
        (&mut channel.description, &shape.description),
        (&mut channel.self_link, &shape.self_link),
        (&mut channel.language, &shape.channel_language),
    ];
    for (field, given) in overrides {
        if let Some(value) = given {
            *field = Some(value.clone());
        }
    }
    channel.hubs.extend(shape.hubs.iter().cloned());
    let how = match format {
        ChannelFormat::Rss => {
            "the RSS channel is incomplete: give it in channel=FILE or with title, link, description and self_link"
        }
        ChannelFormat::Atom => "the Atom feed is incomplete: give the key in channel=FILE",
        ChannelFormat::JsonFeed => "the JSON Feed is incomplete: give the key in channel=FILE",
        _ => "the news sitemap is incomplete: give the key in channel=FILE",
    };
    channel.validate_for(format).map_err(|e| {
        // A missing key says where to give it; a wrong value only what it is.
        if matches!(e, articlekit_export::Error::ChannelMissing { .. }) {
            ConfigError::new_err(format!("{how}: {}", chain(&e)))
        } else {
            ConfigError::new_err(format!("the channel cannot be used: {}", chain(&e)))
        }
    })?;
    Ok(channel)
}

fn when(date: Option<&String>) -> Option<LastBuild> {
    date.map(|d| {
        if d.eq_ignore_ascii_case("now") {
            LastBuild::Now
        } else {
            LastBuild::Fixed(d.clone())
        }
    })
}

/// What `to` writes: one document, or several files.
enum Formats {
    One(ExportFormat),
    Files(FilesFormat),
}

/// The format of `to`, with its options.
fn format(to: &str, channel_file: Option<&Path>, shape: &Shape) -> PyResult<Formats> {
    let rss_options = || RssOptions {
        last_build_date: when(shape.last_build_date.as_ref()),
        newest_first: shape.newest_first,
        limit: shape.limit,
    };
    let atom_options = || AtomOptions {
        updated: when(shape.last_build_date.as_ref()),
        ..AtomOptions::default()
    };
    let many = match (to, shape.archive_size) {
        ("news-sitemap", _) => Some(FilesFormat::NewsSitemap(Box::new((
            channel(channel_file, shape, ChannelFormat::NewsSitemap)?,
            SitemapOptions {
                now: when(shape.now.as_ref()),
                ..SitemapOptions::default()
            },
        )))),
        ("atom", Some(size)) => Some(FilesFormat::AtomArchive(
            Box::new((
                channel(channel_file, shape, ChannelFormat::Atom)?,
                atom_options(),
            )),
            size,
        )),
        ("rss", Some(size)) => Some(FilesFormat::RssArchive(
            Box::new((
                channel(channel_file, shape, ChannelFormat::Rss)?,
                rss_options(),
            )),
            size,
        )),
        _ => None,
    };
    if let Some(many) = many {
        return Ok(Formats::Files(many));
    }
    Ok(Formats::One(match to {
        "ndjson" => ExportFormat::Ndjson,
        "csv" => ExportFormat::Csv(CsvOptions { excel: shape.excel }),
        "jsonld" => ExportFormat::JsonLd(if shape.html {
            JsonLdMode::Html
        } else {
            JsonLdMode::Graph
        }),
        "rss" => ExportFormat::Rss(Box::new((
            channel(channel_file, shape, ChannelFormat::Rss)?,
            rss_options(),
        ))),
        "atom" => ExportFormat::Atom(Box::new((
            channel(channel_file, shape, ChannelFormat::Atom)?,
            atom_options(),
        ))),
        "jsonfeed" => ExportFormat::JsonFeed(Box::new((
            channel(channel_file, shape, ChannelFormat::JsonFeed)?,
            JsonFeedOptions::default(),
        ))),
        "parquet" => ExportFormat::Parquet(ParquetOptions::default()),
        "xlsx" => ExportFormat::Xlsx,
        other => {
            return Err(ConfigError::new_err(format!(
                "unknown export format `{}`: use {FORMATS}",
                other.escape_debug()
            )));
        }
    }))
}

/// The export written, or why not.
enum Done {
    /// The bytes (for a file object) or the committed file.
    Written(Report, Option<Vec<u8>>),
    /// Nothing written: some records are invalid.
    Invalid(Report),
}

/// Validates `paths` and writes the valid articles in the format `to`,
/// the same bytes as `articlekit export --to`: `"ndjson"` (as `articlekit
/// import` writes it), `"csv"`, `"jsonld"`, `"rss"`, `"atom"`,
/// `"jsonfeed"`, `"news-sitemap"`, `"parquet"` or `"xlsx"`. `out` is a path
/// (replaced only when the export is complete) or a binary file object
/// (written only then). Formats of several files (a news sitemap of more
/// than 1,000 URLs, an archived feed with `archive_size`) go to `out_dir`
/// instead (`out` left out or `None`): every file is committed together, only when
/// the export is complete. Strict, as the CLI: when a record is invalid
/// nothing is written and `InvalidBatch` is raised, its `.report` listing
/// the errors, unless `skip_invalid=True`. `buffer_bytes` is the CLI's
/// `--buffer-bytes`: how much of a feed's held items stays in memory
/// before a temporary file takes the rest (16 MiB by default). Returns the
/// `Report`.
#[pyfunction]
#[pyo3(signature = (
    paths, to, out = None, channel = None, skip_invalid = false, *,
    format = None, jobs = None, max_record_bytes = None,
    excel = false, html = false, title = None, link = None, description = None,
    self_link = None, channel_language = None, hub = None, last_build_date = None,
    newest_first = false, limit = None, archive_size = None, now = None, out_dir = None,
    buffer_bytes = None,
))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
pub(crate) fn export(
    py: Python<'_>,
    paths: &Bound<'_, PyAny>,
    to: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
    channel: Option<&Bound<'_, PyAny>>,
    skip_invalid: bool,
    format: Option<&Bound<'_, PyAny>>,
    jobs: Option<i64>,
    max_record_bytes: Option<i64>,
    excel: bool,
    html: bool,
    title: Option<String>,
    link: Option<String>,
    description: Option<String>,
    self_link: Option<String>,
    channel_language: Option<String>,
    hub: Option<Vec<String>>,
    last_build_date: Option<String>,
    newest_first: bool,
    limit: Option<usize>,
    archive_size: Option<usize>,
    now: Option<String>,
    out_dir: Option<&Bound<'_, PyAny>>,
    buffer_bytes: Option<i64>,
) -> PyResult<Report> {
    let inputs = args::paths(paths)?;
    let hold = match buffer_bytes {
        None => DEFAULT_HOLD,
        Some(bytes) => u64::try_from(bytes)
            .ok()
            .map(|b| usize::try_from(b).unwrap_or(usize::MAX))
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "buffer_bytes must be a number of bytes, 0 or more, not {bytes}"
                ))
            })?,
    };
    if !to.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "to must be a str ({FORMATS}), not {}",
            type_name(to)
        )));
    }
    let to: String = to.extract()?;
    let channel_file = match channel.filter(|c| !c.is_none()) {
        Some(c) => Some(args::path(c, "channel")?),
        None => None,
    };
    let out_dir = match out_dir.filter(|d| !d.is_none()) {
        Some(d) => Some(args::path(d, "out_dir")?),
        None => None,
    };
    let shape = Shape {
        excel,
        html,
        title,
        link,
        description,
        self_link,
        channel_language,
        hubs: hub.unwrap_or_default(),
        last_build_date,
        newest_first,
        limit,
        archive_size,
        now,
        out_dir: out_dir.is_some(),
    };
    refuse_others(&to, &shape, channel_file.is_some())?;
    let export_format = self::format(&to, channel_file.as_deref(), &shape)?;
    let out = match (out.filter(|o| !o.is_none()), &out_dir) {
        (Some(_), Some(_)) => {
            return Err(ConfigError::new_err(
                "give out or out_dir, not both: out_dir is for the files of a news sitemap or an archived feed",
            ));
        }
        (Some(out), None) => Some(destination(out)?),
        (None, Some(_)) => None,
        (None, None) => {
            return Err(PyTypeError::new_err(
                "out must be a path (str or os.PathLike) or a binary file object, not None",
            ));
        }
    };
    let options = ExportOptions {
        pipeline: args::pipeline(args::format(format)?, jobs, max_record_bytes)?,
        skip_invalid,
        skip_failed_inputs: false,
        stage: false,
        hold,
    };
    let target = match &out {
        Some(Out::Path(path)) => Some(path.clone()),
        _ => None,
    };
    let done = py
        .detach(move || match (&export_format, &out_dir) {
            (Formats::One(format), _) => write(format, target.as_deref(), &inputs, &options),
            (Formats::Files(format), Some(dir)) => write_dir(format, dir, &inputs, &options),
            (Formats::Files(format), None) => {
                write_single(format, target.as_deref(), &inputs, &options)
            }
        })
        .map_err(|stop| stop.into_py(py))?;
    match done {
        Done::Invalid(report) => Err(invalid_batch(py, report, "export", "exported")),
        Done::Written(report, bytes) => {
            if let (Some(Out::Object(object)), Some(bytes)) = (&out, bytes) {
                object.call_method1("write", (PyBytes::new(py, &bytes),))?;
            }
            Ok(report)
        }
    }
}

/// Collects the errors of a run and stops it at an unreadable input.
fn collect(
    errors: &mut Vec<ValidationError>,
) -> impl FnMut(&articlekit_validate::Event, bool) -> Result<(), Stop> + '_ {
    |event, _written| {
        stop_on_unreadable(event)?;
        errors.extend(event.errors().iter().cloned());
        Ok(())
    }
}

fn output_error(message: String) -> Stop {
    Stop::Python(OutputError::new_err(message))
}

/// A file created in the directory of `path`, to be renamed over it.
fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, Stop> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    tempfile::NamedTempFile::new_in(dir).map_err(|e| {
        output_error(format!(
            "cannot create a temporary file in `{}` for `{}`: {e}",
            dir.display(),
            path.display()
        ))
    })
}

/// Synced, then renamed over their targets: the files of one export.
fn commit_all(files: Vec<(PathBuf, tempfile::NamedTempFile)>) -> Result<(), Stop> {
    for (path, file) in &files {
        file.as_file().sync_all().map_err(|e| {
            output_error(format!(
                "cannot write `{}`: {e}; nothing was replaced",
                path.display()
            ))
        })?;
    }
    for (path, file) in files {
        file.persist(&path).map_err(|e| {
            output_error(format!(
                "cannot write `{}`: {}; it is as it was",
                path.display(),
                e.error
            ))
        })?;
    }
    Ok(())
}

/// A writer into a buffer shared with the caller.
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A format of several files written as one: a news sitemap of at most
/// 1,000 URLs, to `target` (renamed over it when complete) or into memory.
fn write_single(
    format: &FilesFormat,
    target: Option<&Path>,
    inputs: &[PathBuf],
    options: &ExportOptions,
) -> Result<Done, Stop> {
    let buffer: Arc<Mutex<Vec<u8>>> = Arc::default();
    let files = {
        let buffer = Arc::clone(&buffer);
        move |name: &str| -> std::io::Result<Box<dyn Write + Send>> {
            if name == SINGLE_FILE {
                Ok(Box::new(Shared(Arc::clone(&buffer))))
            } else {
                Err(std::io::Error::other(
                    "more than 1,000 articles make several sitemap files and an index: give out_dir=DIR (and out=None)",
                ))
            }
        }
    };
    let mut errors = Vec::new();
    let done =
        export_files(format, files, inputs, options, collect(&mut errors)).map_err(run_error)?;
    let report = Report::new(done.summary, errors);
    if done.out.is_none() || !done.complete {
        return Ok(Done::Invalid(report));
    }
    let bytes = std::mem::take(&mut *buffer.lock().unwrap_or_else(PoisonError::into_inner));
    let Some(path) = target else {
        return Ok(Done::Written(report, Some(bytes)));
    };
    let mut file = temp_beside(path)?;
    file.write_all(&bytes)
        .map_err(|e| output_error(format!("cannot write `{}`: {e}", path.display())))?;
    commit_all(vec![(path.to_owned(), file)])?;
    Ok(Done::Written(report, None))
}

/// A format of several files into `dir` (created if missing): each file
/// written beside its target and all renamed over them together, only when
/// the export is complete; else the directory is left as it was.
fn write_dir(
    format: &FilesFormat,
    dir: &Path,
    inputs: &[PathBuf],
    options: &ExportOptions,
) -> Result<Done, Stop> {
    std::fs::create_dir_all(dir).map_err(|e| {
        output_error(format!(
            "cannot create the output directory `{}`: {e}",
            dir.display()
        ))
    })?;
    let mut parts: Vec<(PathBuf, tempfile::NamedTempFile)> = Vec::new();
    let files = |name: &str| -> std::io::Result<Box<dyn Write + Send>> {
        let file = tempfile::NamedTempFile::new_in(dir)?;
        let writer = file.as_file().try_clone()?;
        parts.push((dir.join(name), file));
        Ok(Box::new(std::io::BufWriter::new(writer)))
    };
    let mut errors = Vec::new();
    let done =
        export_files(format, files, inputs, options, collect(&mut errors)).map_err(run_error)?;
    let report = Report::new(done.summary, errors);
    if done.out.is_none() || !done.complete {
        return Ok(Done::Invalid(report));
    }
    commit_all(parts)?;
    Ok(Done::Written(report, None))
}

/// Runs the export into a temporary file beside `target` (renamed over it
/// when complete) or into memory.
fn write(
    format: &ExportFormat,
    target: Option<&Path>,
    inputs: &[PathBuf],
    options: &ExportOptions,
) -> Result<Done, Stop> {
    let mut errors: Vec<ValidationError> = Vec::new();
    if let Some(path) = target {
        let file = temp_beside(path)?;
        let run = run_export(
            format,
            std::io::BufWriter::new(file),
            inputs,
            options,
            collect(&mut errors),
        );
        let done = run.map_err(run_error)?;
        let report = Report::new(done.summary, errors);
        let Some(out) = done.out.filter(|_| done.complete) else {
            return Ok(Done::Invalid(report));
        };
        let file = out.into_inner().map_err(|e| {
            output_error(format!("cannot write `{}`: {}", path.display(), e.error()))
        })?;
        commit_all(vec![(path.to_owned(), file)])?;
        return Ok(Done::Written(report, None));
    }
    let run = run_export(format, Vec::new(), inputs, options, collect(&mut errors));
    let done = run.map_err(run_error)?;
    let report = Report::new(done.summary, errors);
    match done.out.filter(|_| done.complete) {
        Some(bytes) => Ok(Done::Written(report, Some(bytes))),
        None => Ok(Done::Invalid(report)),
    }
}

fn run_error(error: RunError<Stop>) -> Stop {
    match error {
        RunError::Caller(stop) => stop,
        RunError::Setup(e) => Stop::Setup(e),
        RunError::Render(e) => Stop::Python(ArticlekitError::new_err(format!(
            "cannot export an article: {}",
            chain(&e)
        ))),
        RunError::Settings(e) => Stop::Python(ConfigError::new_err(format!(
            "cannot export: a setting is wrong: {}",
            chain(&e)
        ))),
        RunError::Write(e) => Stop::Python(OutputError::new_err(chain(&e))),
        RunError::Stage(e) | RunError::Copy(e) => Stop::Python(OutputError::new_err(format!(
            "cannot write the export: {e}"
        ))),
    }
}
