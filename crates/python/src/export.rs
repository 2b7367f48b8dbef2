//! `articlekit.export`: what `articlekit export --to FORMAT` writes, byte
//! for byte, to a file or a binary file object.

use std::path::{Path, PathBuf};

use articlekit_export::atom::AtomOptions;
use articlekit_export::channel::Format as ChannelFormat;
use articlekit_export::csv::CsvOptions;
use articlekit_export::jsonfeed::JsonFeedOptions;
use articlekit_export::jsonld::JsonLdMode;
use articlekit_export::rss::{Channel, LastBuild, RssOptions};
use articlekit_export::{ExportFormat, ExportOptions, RunError, export as run_export};
use articlekit_validate::ValidationError;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::args::{self, type_name};
use crate::exceptions::{ArticlekitError, ConfigError, InvalidBatch, OutputError, chain};
use crate::validate::{Report, Stop, stop_on_unreadable};

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
}

const FORMATS: &str = "ndjson, csv, jsonld, rss, atom or jsonfeed";

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
    const FEEDS: &[&str] = &["rss", "atom", "jsonfeed"];
    let given: &[(&[&str], &str, bool)] = &[
        (&["csv"], "excel", shape.excel),
        (&["jsonld"], "html", shape.html),
        (FEEDS, "channel", channel),
        (&["rss"], "newest_first", shape.newest_first),
        (&["rss"], "limit", shape.limit.is_some()),
        (
            &["rss", "atom"],
            "last_build_date",
            shape.last_build_date.is_some(),
        ),
        (FEEDS, "title", shape.title.is_some()),
        (FEEDS, "link", shape.link.is_some()),
        (
            &["rss", "jsonfeed"],
            "description",
            shape.description.is_some(),
        ),
        (&["rss"], "self_link", shape.self_link.is_some()),
        (FEEDS, "channel_language", shape.channel_language.is_some()),
        (FEEDS, "hub", !shape.hubs.is_empty()),
    ];
    let wrong: Vec<String> = given
        .iter()
        .filter(|(formats, _, set)| *set && !formats.contains(&to))
        .map(|(formats, option, _)| format!("`{option}` is for to={}", formats.join("|")))
        .collect();
    if wrong.is_empty() {
        return Ok(());
    }
    Err(ConfigError::new_err(format!(
        "{}: to={to} does not use {}",
        wrong.join(", "),
        if wrong.len() == 1 { "it" } else { "them" }
    )))
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
        _ => "the JSON Feed is incomplete: give the key in channel=FILE",
    };
    channel
        .validate_for(format)
        .map_err(|e| ConfigError::new_err(format!("{how}: {}", chain(&e))))?;
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

/// The format of `to`, with its options.
fn format(to: &str, channel_file: Option<&Path>, shape: &Shape) -> PyResult<ExportFormat> {
    Ok(match to {
        "ndjson" => ExportFormat::Ndjson,
        "csv" => ExportFormat::Csv(CsvOptions { excel: shape.excel }),
        "jsonld" => ExportFormat::JsonLd(if shape.html {
            JsonLdMode::Html
        } else {
            JsonLdMode::Graph
        }),
        "rss" => ExportFormat::Rss(Box::new((
            channel(channel_file, shape, ChannelFormat::Rss)?,
            RssOptions {
                last_build_date: when(shape.last_build_date.as_ref()),
                newest_first: shape.newest_first,
                limit: shape.limit,
            },
        ))),
        "atom" => ExportFormat::Atom(Box::new((
            channel(channel_file, shape, ChannelFormat::Atom)?,
            AtomOptions {
                updated: when(shape.last_build_date.as_ref()),
                ..AtomOptions::default()
            },
        ))),
        "jsonfeed" => ExportFormat::JsonFeed(Box::new((
            channel(channel_file, shape, ChannelFormat::JsonFeed)?,
            JsonFeedOptions::default(),
        ))),
        "news-sitemap" => {
            return Err(ConfigError::new_err(
                "to=news-sitemap is not available from Python yet: run `articlekit export --to news-sitemap`",
            ));
        }
        other => {
            return Err(ConfigError::new_err(format!(
                "unknown export format `{}`: use {FORMATS}",
                other.escape_debug()
            )));
        }
    })
}

/// The export written, or why not.
enum Done {
    /// The bytes (for a file object) or the committed file.
    Written(Report, Option<Vec<u8>>),
    /// Nothing written: some records are invalid.
    Invalid(Report),
}

/// Validates `paths` and writes the valid articles to `out` in the format
/// `to` (`"ndjson"` as `articlekit import` writes it, `"csv"`, `"jsonld"`,
/// `"rss"`, `"atom"`, `"jsonfeed"`), the same bytes as `articlekit export
/// --to`. `out` is a path (replaced only when the export is complete) or a
/// binary file object (written only then). Strict, as the CLI: when a
/// record is invalid nothing is written and `InvalidBatch` is raised, its
/// `.report` listing the errors, unless `skip_invalid=True`. Returns the
/// `Report`.
#[pyfunction]
#[pyo3(signature = (
    paths, to, out, channel = None, skip_invalid = false, *,
    format = None, jobs = None, max_record_bytes = None,
    excel = false, html = false, title = None, link = None, description = None,
    self_link = None, channel_language = None, hub = None, last_build_date = None,
    newest_first = false, limit = None,
))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
pub(crate) fn export(
    py: Python<'_>,
    paths: &Bound<'_, PyAny>,
    to: &Bound<'_, PyAny>,
    out: &Bound<'_, PyAny>,
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
) -> PyResult<Report> {
    let inputs = args::paths(paths)?;
    if !to.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "to must be a str ({FORMATS}), not {}",
            type_name(to)
        )));
    }
    let to: String = to.extract()?;
    let channel_file = match channel.filter(|c| !c.is_none()) {
        Some(c) => Some(args::paths(c)?.remove(0)),
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
    };
    refuse_others(&to, &shape, channel_file.is_some())?;
    let export_format = self::format(&to, channel_file.as_deref(), &shape)?;
    let out = destination(out)?;
    let options = ExportOptions {
        pipeline: args::pipeline(args::format(format)?, jobs, max_record_bytes)?,
        skip_invalid,
        skip_failed_inputs: false,
        stage: false,
    };
    let target = match &out {
        Out::Path(path) => Some(path.clone()),
        Out::Object(_) => None,
    };
    let done = py
        .detach(move || write(&export_format, target.as_deref(), &inputs, &options))
        .map_err(|stop| stop.into_py(py))?;
    match done {
        Done::Invalid(report) => {
            let counts = report.counts();
            let first = report
                .first_error()
                .map(|e| format!("; the first: {}", Error::from(e.clone()).describe()))
                .unwrap_or_default();
            let message = format!(
                "nothing exported: {} of {} records are invalid ({} errors){first}; \
                 fix them, or pass skip_invalid=True to export the valid ones",
                counts.invalid, counts.records, counts.errors
            );
            let err = InvalidBatch::new_err(message);
            err.value(py).setattr("report", report)?;
            Err(err)
        }
        Done::Written(report, bytes) => {
            if let (Out::Object(object), Some(bytes)) = (&out, bytes) {
                object.call_method1("write", (PyBytes::new(py, &bytes),))?;
            }
            Ok(report)
        }
    }
}

use crate::error::Error;

/// Runs the export into a temporary file beside `target` (renamed over it
/// when complete) or into memory.
fn write(
    format: &ExportFormat,
    target: Option<&Path>,
    inputs: &[PathBuf],
    options: &ExportOptions,
) -> Result<Done, Stop> {
    let mut errors: Vec<ValidationError> = Vec::new();
    let on_event = |event: &articlekit_validate::Event, _written: bool| -> Result<(), Stop> {
        stop_on_unreadable(event)?;
        errors.extend(event.errors().iter().cloned());
        Ok(())
    };
    let output_error = |e: String| Stop::Python(OutputError::new_err(e));
    if let Some(path) = target {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let file = tempfile::NamedTempFile::new_in(dir).map_err(|e| {
            output_error(format!(
                "cannot create a temporary file in `{}` for `{}`: {e}",
                dir.display(),
                path.display()
            ))
        })?;
        let run = run_export(
            format,
            std::io::BufWriter::new(file),
            inputs,
            options,
            on_event,
        );
        let done = run.map_err(run_error)?;
        let report = Report::new(done.summary, errors);
        let Some(out) = done.out.filter(|_| done.complete) else {
            return Ok(Done::Invalid(report));
        };
        let file = out.into_inner().map_err(|e| {
            output_error(format!("cannot write `{}`: {}", path.display(), e.error()))
        })?;
        file.as_file()
            .sync_all()
            .and_then(|()| file.persist(path).map(drop).map_err(|e| e.error))
            .map_err(|e| {
                output_error(format!(
                    "cannot write `{}`: {e}; it is as it was",
                    path.display()
                ))
            })?;
        return Ok(Done::Written(report, None));
    }
    let run = run_export(format, Vec::new(), inputs, options, on_event);
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
        RunError::Write(e) => Stop::Python(OutputError::new_err(chain(&e))),
        RunError::Stage(e) | RunError::Copy(e) => Stop::Python(OutputError::new_err(format!(
            "cannot write the export: {e}"
        ))),
    }
}
