//! `articlekit.Validator`: records from Python checked one at a time, or
//! NDJSON lines checked as a batch on every core.

use std::io::Cursor;
use std::sync::Arc;

use articlekit_read::{Format, Item, ReadOptions, from_reader};
use articlekit_validate::{
    Checker, Event, NoRender, PipelineOptions, SetupError, ValidationError, run_pipeline_on,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};

use crate::args::{self, type_name};
use crate::error::Error;
use crate::exceptions::ArticlekitError;

/// The schema compiled once, to check records against it and the batch
/// rules. Thread-safe; the GIL is released while checking.
#[pyclass(module = "articlekit", frozen)]
#[derive(Debug)]
pub struct Validator {
    checker: Arc<Checker>,
}

/// The UTF-8 bytes of a `str` (one with a lone surrogate has none).
fn str_bytes(obj: &Bound<'_, PyAny>, what: impl Fn() -> String) -> PyResult<Vec<u8>> {
    let s = obj.cast::<PyString>()?;
    s.to_cow().map(|s| s.as_bytes().to_vec()).map_err(|_| {
        PyValueError::new_err(format!(
            "{} is a str that is not valid Unicode (it holds a lone surrogate, \
             as from `surrogateescape`): pass the raw bytes instead",
            what()
        ))
    })
}

/// The bytes of a `str`, `bytes` or `bytearray` argument; `None` for any other type.
fn text_bytes(obj: &Bound<'_, PyAny>, what: impl Fn() -> String) -> PyResult<Option<Vec<u8>>> {
    if obj.is_instance_of::<PyString>() {
        return str_bytes(obj, what).map(Some);
    }
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(Some(bytes.as_bytes().to_vec()));
    }
    if let Ok(bytes) = obj.cast::<PyByteArray>() {
        return Ok(Some(bytes.to_vec()));
    }
    Ok(None)
}

/// Appends the bytes of a `str`, `bytes` or `bytearray` to `buffer`
/// (copied once); false for any other type.
fn append_text(
    obj: &Bound<'_, PyAny>,
    buffer: &mut Vec<u8>,
    what: impl Fn() -> String,
) -> PyResult<bool> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow().map_err(|_| {
            PyValueError::new_err(format!(
                "{} is a str that is not valid Unicode (it holds a lone surrogate, \
                 as from `surrogateescape`): pass the raw bytes instead",
                what()
            ))
        })?;
        buffer.extend_from_slice(text.as_bytes());
        return Ok(true);
    }
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        buffer.extend_from_slice(bytes.as_bytes());
        return Ok(true);
    }
    if let Ok(bytes) = obj.cast::<PyByteArray>() {
        buffer.extend_from_slice(&bytes.to_vec());
        return Ok(true);
    }
    Ok(false)
}

fn memchr_lf(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

pub(crate) fn setup_error(error: &SetupError) -> PyErr {
    ArticlekitError::new_err(crate::exceptions::chain(error))
}

// Methods take `&self` for Python even where the compiled schema is not used.
#[allow(clippy::unused_self)]
#[pymethods]
impl Validator {
    /// Compiles the article schema.
    #[new]
    fn new() -> PyResult<Self> {
        let checker = Checker::new().map_err(|e| setup_error(&e))?;
        Ok(Self {
            checker: Arc::new(checker),
        })
    }

    /// Checks one record: a `str` or `bytes` holding one JSON document, or a
    /// `dict` (serialised with `json.dumps` first). Returns its errors, `[]`
    /// when it is valid. Lines and columns are those of the document; bytes
    /// that are not UTF-8 are a `utf8` error, as in a file.
    #[pyo3(signature = (record, *, input = "<record>"))]
    fn check(
        &self,
        py: Python<'_>,
        record: &Bound<'_, PyAny>,
        input: &str,
    ) -> PyResult<Vec<Error>> {
        let bytes = if let Some(bytes) = text_bytes(record, || "record".to_owned())? {
            bytes
        } else if record.is_instance_of::<PyDict>() {
            let json = py.import("json")?;
            let kwargs = PyDict::new(py);
            kwargs.set_item("ensure_ascii", false)?;
            kwargs.set_item("allow_nan", false)?;
            let text = json.call_method("dumps", (record,), Some(&kwargs))?;
            str_bytes(&text, || "record".to_owned())?
        } else {
            return Err(PyTypeError::new_err(format!(
                "record must be a str or bytes (one JSON document) or a dict, not {}",
                type_name(record)
            )));
        };
        let checker = Arc::clone(&self.checker);
        let input: Arc<str> = input.into();
        let outcome = py.detach(move || {
            let options = ReadOptions {
                format: Some(Format::Json),
                ..ReadOptions::default()
            };
            let reader = from_reader(Box::new(Cursor::new(bytes)), input, Format::Json, &options);
            let mut records = 0_usize;
            let mut errors = Vec::new();
            for item in reader {
                match item {
                    Ok(Item::Record(record)) => {
                        records += 1;
                        errors.extend(checker.check_building(record, false).errors);
                    }
                    Ok(Item::Blank(_)) => {}
                    Err(error) => errors.push(ValidationError::from_input(&error)),
                }
            }
            (records, errors)
        });
        match outcome {
            (0, errors) if errors.is_empty() => Err(PyValueError::new_err(
                "record is empty: it holds no JSON document",
            )),
            (0 | 1, errors) => Ok(errors.into_iter().map(Error::from).collect()),
            (n, _) => Err(PyValueError::new_err(format!(
                "record holds {n} records (a JSON array): check takes one; \
                 use check_lines or articlekit.validate for a batch"
            ))),
        }
    }

    /// Checks NDJSON lines (`str` or `bytes`, one line each, an ending line
    /// feed allowed) as one batch, as `articlekit validate` checks a file
    /// with these lines: on every core (`jobs`), with the duplicate-id rule
    /// across the batch, line `n` being item `n`. Returns one list of
    /// errors per item, `[]` for a valid line (or a blank one).
    #[pyo3(signature = (lines, *, input = "<lines>", jobs = None, max_record_bytes = None))]
    fn check_lines(
        &self,
        py: Python<'_>,
        lines: &Bound<'_, PyAny>,
        input: &str,
        jobs: Option<i64>,
        max_record_bytes: Option<i64>,
    ) -> PyResult<Py<PyList>> {
        if lines.is_instance_of::<PyString>()
            || lines.is_instance_of::<PyBytes>()
            || lines.is_instance_of::<PyByteArray>()
        {
            return Err(PyTypeError::new_err(format!(
                "lines must be a list (or iterable) of lines, not one {}: \
                 use check for one record, or str.splitlines()",
                type_name(lines)
            )));
        }
        let Ok(iter) = lines.try_iter() else {
            return Err(PyTypeError::new_err(format!(
                "lines must be a list (or iterable) of str or bytes, not {}",
                type_name(lines)
            )));
        };
        let mut options = args::pipeline(None, jobs, max_record_bytes)?;
        // Only verdicts are handed back: no article is built.
        options.articles = PipelineOptions::NO_ARTICLES;
        let mut buffer = Vec::new();
        let mut count = 0_usize;
        for (i, item) in iter.enumerate() {
            let item = item?;
            let what = || format!("lines[{i}]");
            let start = buffer.len();
            if !append_text(&item, &mut buffer, what)? {
                return Err(PyTypeError::new_err(format!(
                    "{} must be a str or bytes (one NDJSON line), not {}",
                    what(),
                    type_name(&item)
                )));
            }
            if buffer.last() == Some(&b'\n') && buffer.len() > start {
                buffer.pop();
            }
            if let Some(at) = memchr_lf(&buffer[start..]) {
                return Err(PyValueError::new_err(format!(
                    "{} holds a line feed at byte {at}: give one NDJSON line per item",
                    what()
                )));
            }
            buffer.push(b'\n');
            count += 1;
        }
        let input: Arc<str> = input.into();
        let result = py.detach(move || check_buffer(buffer, input, count, &options));
        let per_line = result.map_err(|e| setup_error(&e))?;
        let list = PyList::empty(py);
        for errors in per_line {
            let errors: Vec<Error> = errors.into_iter().map(Error::from).collect();
            list.append(errors)?;
        }
        Ok(list.unbind())
    }

    fn __repr__(&self) -> &'static str {
        "articlekit.Validator()"
    }
}

/// Runs the pipeline on the joined lines; the errors of each line, by position.
fn check_buffer(
    buffer: Vec<u8>,
    input: Arc<str>,
    count: usize,
    options: &PipelineOptions,
) -> Result<Vec<Vec<ValidationError>>, SetupError> {
    let mut per_line: Vec<Vec<ValidationError>> = vec![Vec::new(); count];
    // As for a file of these lines: the format is NDJSON, told by nothing
    // given (so a CSV header or a page is recognised as the CLI does).
    let reader = from_reader(
        Box::new(Cursor::new(buffer)),
        input,
        Format::Ndjson,
        &options.read,
    );
    run_pipeline_on(
        std::iter::once(Ok(reader)),
        options,
        &Arc::new(NoRender),
        |event, _| {
            let line = match &event {
                Event::Invalid(invalid) => Some(invalid.origin.line),
                Event::InputError(error) => error.line(),
                _ => None,
            };
            let errors = event.errors();
            if errors.is_empty() {
                return Ok(());
            }
            // Every error of the batch is on one of its lines; one that
            // could not be placed goes to the first, never dropped.
            let at = line
                .and_then(|l| usize::try_from(l).ok())
                .and_then(|l| l.checked_sub(1))
                .filter(|&l| l < count)
                .unwrap_or(0);
            if let Some(slot) = per_line.get_mut(at) {
                slot.extend(errors.iter().cloned());
            }
            Ok(())
        },
    )?;
    Ok(per_line)
}
