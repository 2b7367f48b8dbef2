//! Arguments from Python, checked and converted once, with messages that
//! say which argument is wrong and why.

use std::path::PathBuf;

use articlekit_read::Format;
use articlekit_validate::PipelineOptions;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::exceptions::ConfigError;

/// The Python type name of `obj`, for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

/// One path: a `str` or an `os.PathLike` giving one.
pub(crate) fn path(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<PathBuf> {
    if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
        let text: String = if obj.is_instance_of::<PyString>() {
            obj.extract()?
        } else {
            let fspath = obj.call_method0("__fspath__")?;
            if !fspath.is_instance_of::<PyString>() {
                return Err(PyTypeError::new_err(format!(
                    "{what} must be a str path or os.PathLike of one, not a {} path",
                    type_name(&fspath)
                )));
            }
            fspath.extract()?
        };
        if text.is_empty() {
            return Err(PyValueError::new_err(format!("{what} is an empty path")));
        }
        return Ok(PathBuf::from(text));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a path (str or os.PathLike), not {}",
        type_name(obj)
    )))
}

/// The `paths` argument: one path, or an iterable of paths (never empty:
/// the pipeline would read standard input).
pub(crate) fn paths(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
        return Ok(vec![path(obj, "paths")?]);
    }
    if obj.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "paths must be a path (str or os.PathLike) or a list of them, not bytes",
        ));
    }
    // A file object iterates over its lines, which are not paths.
    if obj.hasattr("read")? || obj.hasattr("readline")? {
        return Err(PyTypeError::new_err(format!(
            "paths must be a path (str or os.PathLike) or a list of them, not a file object ({}): pass its name",
            type_name(obj)
        )));
    }
    let Ok(iter) = obj.try_iter() else {
        return Err(PyTypeError::new_err(format!(
            "paths must be a path (str or os.PathLike) or a list of them, not {}",
            type_name(obj)
        )));
    };
    let mut out = Vec::new();
    for (i, item) in iter.enumerate() {
        out.push(path(&item?, &format!("paths[{i}]"))?);
    }
    if out.is_empty() {
        return Err(PyValueError::new_err(
            "paths is empty: give at least one file to read",
        ));
    }
    Ok(out)
}

/// The `format` argument: `None` tells it from each file's extension.
pub(crate) fn format(format: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Format>> {
    let Some(format) = format.filter(|f| !f.is_none()) else {
        return Ok(None);
    };
    if !format.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "format must be a str (ndjson, json, csv or page) or None, not {}",
            type_name(format)
        )));
    }
    let name: String = format.extract()?;
    Ok(Some(match name.as_str() {
        "ndjson" => Format::Ndjson,
        "json" => Format::Json,
        "csv" => Format::Csv,
        "page" => Format::Page,
        _ => {
            return Err(ConfigError::new_err(format!(
                "unknown format `{}`: use ndjson, json, csv or page",
                name.escape_debug()
            )));
        }
    }))
}

/// The pipeline's options from `format`, `jobs` and `max_record_bytes`, as the CLI's flags give them.
pub(crate) fn pipeline(
    format: Option<Format>,
    jobs: Option<i64>,
    max_record_bytes: Option<i64>,
) -> PyResult<PipelineOptions> {
    let mut options = PipelineOptions::default();
    options.read.format = format;
    if let Some(jobs) = jobs {
        let jobs = usize::try_from(jobs)
            .ok()
            .filter(|&j| (1..=1024).contains(&j))
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "jobs must be from 1 to 1024 (or None for every core), not {jobs}"
                ))
            })?;
        options.jobs = Some(jobs);
    }
    if let Some(max) = max_record_bytes {
        options.read.max_record_bytes =
            u64::try_from(max).ok().filter(|&m| m > 0).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "max_record_bytes must be a positive number of bytes, not {max}"
                ))
            })?;
    }
    Ok(options)
}
