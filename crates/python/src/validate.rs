//! `articlekit.validate` and its `Report`.

use std::path::PathBuf;

use articlekit_validate::{
    Event, PipelineOptions, SetupError, Summary, ValidationError, run_pipeline,
};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::args;
use crate::error::Error;
use crate::exceptions::{InvalidBatch, input_error};
use crate::validator::setup_error;

/// Why a run from Python stopped.
#[derive(Debug)]
pub(crate) enum Stop {
    /// The pipeline could not run.
    Setup(SetupError),
    /// An input cannot be read (its error object).
    Input(Box<ValidationError>),
    /// An error of the caller's own (Python's).
    Python(PyErr),
}

impl From<SetupError> for Stop {
    fn from(error: SetupError) -> Self {
        Self::Setup(error)
    }
}

impl Stop {
    pub(crate) fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Self::Setup(e) => setup_error(&e),
            Self::Input(e) => input_error(py, *e),
            Self::Python(e) => e,
        }
    }
}

/// The rule for inputs: one that cannot be read (`io`: missing, a
/// directory, an unknown extension, a read failing part way) stops the run
/// with `InputError`, as a partial batch must not pass for a whole one;
/// one that is read but holds no records (another encoding, a bad CSV
/// header, another format) is an error of the report, as in `--errors-out`.
pub(crate) fn stop_on_unreadable(event: &Event) -> Result<(), Stop> {
    if let Event::InputError(error) = event
        && error.keyword() == "io"
    {
        return Err(Stop::Input(Box::new(ValidationError::from_input(error))));
    }
    Ok(())
}

/// The outcome of a run: the summary of `articlekit validate --report json`
/// and every error, in input order.
#[pyclass(module = "articlekit", frozen)]
#[derive(Debug)]
pub struct Report {
    summary: Summary,
    errors: Vec<ValidationError>,
}

impl Report {
    pub(crate) fn new(summary: Summary, errors: Vec<ValidationError>) -> Self {
        Self { summary, errors }
    }

    pub(crate) fn first_error(&self) -> Option<&ValidationError> {
        self.errors.first()
    }

    pub(crate) fn counts(&self) -> &Summary {
        &self.summary
    }

    /// No error at all: what exit code 0 of the CLI says.
    pub(crate) fn is_ok(&self) -> bool {
        self.summary.errors == 0 && self.errors.is_empty()
    }
}

#[pymethods]
impl Report {
    /// The `"summary"` object of `articlekit validate --report json`, as a dict.
    #[getter]
    fn summary(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let value = serde_json::to_value(&self.summary)
            .map_err(|e| crate::exceptions::ArticlekitError::new_err(e.to_string()))?;
        crate::json::to_python(py, &value)
    }

    /// Every error (not capped like the report's listing), in input order.
    #[getter]
    fn errors(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let list = PyList::empty(py);
        for error in &self.errors {
            list.append(Error::from(error.clone()))?;
        }
        Ok(list.unbind())
    }

    /// Records read (valid and invalid).
    #[getter]
    fn records(&self) -> u64 {
        self.summary.records
    }

    /// Valid records.
    #[getter]
    fn valid(&self) -> u64 {
        self.summary.valid
    }

    /// Invalid records.
    #[getter]
    fn invalid(&self) -> u64 {
        self.summary.invalid
    }

    /// True when there is no error at all: what exit code 0 of the CLI says.
    #[getter]
    fn ok(&self) -> bool {
        self.is_ok()
    }

    fn __bool__(&self) -> bool {
        self.ok()
    }

    fn __repr__(&self) -> String {
        format!(
            "articlekit.Report({} records: {} valid, {} invalid ({} errors))",
            self.summary.records, self.summary.valid, self.summary.invalid, self.summary.errors
        )
    }
}

/// Validates files as `articlekit validate` reads them (`format`: `None`
/// tells it from each extension, else `"ndjson"`, `"json"`, `"csv"` or
/// `"page"`; `jobs`: worker threads, `None` for every core). Returns the
/// `Report`. An input that cannot be read raises `InputError`.
#[pyfunction]
#[pyo3(signature = (paths, format = None, jobs = None, *, max_record_bytes = None))]
pub(crate) fn validate(
    py: Python<'_>,
    paths: &Bound<'_, PyAny>,
    format: Option<&Bound<'_, PyAny>>,
    jobs: Option<i64>,
    max_record_bytes: Option<i64>,
) -> PyResult<Report> {
    let paths = args::paths(paths)?;
    let mut options = args::pipeline(args::format(format)?, jobs, max_record_bytes)?;
    options.articles = PipelineOptions::NO_ARTICLES;
    let run = py.detach(move || run(&paths, &options));
    run.map_err(|stop| stop.into_py(py))
}

fn run(paths: &[PathBuf], options: &PipelineOptions) -> Result<Report, Stop> {
    let mut errors = Vec::new();
    let summary = run_pipeline(paths, options, |event| {
        stop_on_unreadable(&event)?;
        errors.extend(event.errors().iter().cloned());
        Ok::<(), Stop>(())
    })?;
    Ok(Report::new(summary, errors))
}

/// `InvalidBatch` for a batch refused by `verb` (`"export"`, `"read"`;
/// `done` its participle): the counts and the first error in the message,
/// the report as `.report`.
pub(crate) fn invalid_batch(py: Python<'_>, report: Report, verb: &str, done: &str) -> PyErr {
    let counts = report.counts();
    let first = report
        .first_error()
        .map(|e| format!("; the first: {}", Error::from(e.clone()).describe()))
        .unwrap_or_default();
    let message = format!(
        "nothing {done}: {} of {} records are invalid ({} errors){first}; \
         fix them, or pass skip_invalid=True to {verb} the valid ones",
        counts.invalid, counts.records, counts.errors
    );
    let err = InvalidBatch::new_err(message);
    // Setting an attribute on a fresh exception instance does not fail.
    let _ = err.value(py).setattr("report", report);
    err
}
