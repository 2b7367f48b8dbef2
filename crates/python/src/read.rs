//! `articlekit.read` and `articlekit.arrow_schema`: the valid articles of a
//! batch as a `pyarrow.Table` in the model's Arrow schema.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use arrow_array::RecordBatch;
use articlekit_arrow::{ArrowError, ArticleBatchBuilder, article_schema};
use articlekit_model::Article;
use articlekit_validate::{Event, PipelineOptions, ValidationError, run_pipeline};
use pyo3::prelude::*;

use crate::args;
use crate::exceptions::ArticlekitError;
use crate::validate::{Report, Stop, invalid_batch, stop_on_unreadable};

/// Rows in one record batch of the table: small enough that the last batch,
/// built after the checking is done, is quick, and few articles wait in memory.
const BATCH_ROWS: usize = 1024;

/// The Arrow schema of one article, as a `pyarrow.Schema`: the columns of
/// `read`'s tables and of `articlekit export --to parquet` (nested structs
/// and lists as in the model; a date is three columns: the instant as
/// `timestamp[us, UTC]`, its offset in minutes, and its text when it cannot
/// be spelled back from those). Each field's metadata describes it.
#[pyfunction]
pub(crate) fn arrow_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    crate::arrow::schema_to_pyarrow(py, &article_schema())
}

/// Reads and validates files as `articlekit validate` does (the same
/// `format`, `jobs` and `max_record_bytes`) and returns the valid articles
/// as a `pyarrow.Table` in `arrow_schema()`, in input order, built on the
/// worker threads and handed over zero-copy (Arrow C data interface).
/// When any record is invalid it raises `InvalidBatch`, whose `.report`
/// is the `Report` `validate` gives, unless `skip_invalid=True`, which
/// returns the valid ones. An input that cannot be read raises `InputError`.
#[pyfunction]
#[pyo3(signature = (paths, format = None, skip_invalid = false, jobs = None, *, max_record_bytes = None))]
pub(crate) fn read<'py>(
    py: Python<'py>,
    paths: &Bound<'py, PyAny>,
    format: Option<&Bound<'py, PyAny>>,
    skip_invalid: bool,
    jobs: Option<i64>,
    max_record_bytes: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    let paths = args::paths(paths)?;
    let options = args::pipeline(args::format(format)?, jobs, max_record_bytes)?;
    let (report, batches) = py
        .detach(move || run(&paths, &options, skip_invalid))
        .map_err(|stop| stop.into_py(py))?;
    if !skip_invalid && !report.is_ok() {
        return Err(invalid_batch(py, report, "read", "read"));
    }
    crate::arrow::table_to_pyarrow(py, article_schema(), batches)
}

/// Batches being built on the pool, taken back in the order they were cut.
struct Batches {
    pool: rayon::ThreadPool,
    results: Receiver<(usize, Result<RecordBatch, ArrowError>)>,
    sender: std::sync::mpsc::Sender<(usize, Result<RecordBatch, ArrowError>)>,
    done: Vec<Option<RecordBatch>>,
    in_flight: usize,
    max_in_flight: usize,
}

impl Batches {
    fn new(jobs: usize) -> Result<Self, Stop> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("articlekit-arrow-{i}"))
            .build()
            .map_err(|e| {
                Stop::Python(ArticlekitError::new_err(format!(
                    "cannot start {jobs} threads: {e}"
                )))
            })?;
        let (sender, results) = channel();
        Ok(Self {
            pool,
            results,
            sender,
            done: Vec::new(),
            in_flight: 0,
            max_in_flight: 2 * jobs,
        })
    }

    /// Builds a batch of `articles` on the pool; waits first while too
    /// many are in flight, so that memory holds few articles at once.
    fn spawn(&mut self, articles: Vec<Article>) -> Result<(), Stop> {
        while self.in_flight >= self.max_in_flight {
            self.take_one()?;
        }
        let seq = self.done.len();
        self.done.push(None);
        self.in_flight += 1;
        let sender = self.sender.clone();
        self.pool.spawn(move || {
            let batch = ArticleBatchBuilder::batch_of(&articles);
            drop(articles);
            // The receiver outlives every task (`finish` waits for them).
            let _ = sender.send((seq, batch));
        });
        Ok(())
    }

    fn take_one(&mut self) -> Result<(), Stop> {
        let (seq, batch) = self.results.recv().map_err(|_| {
            Stop::Python(ArticlekitError::new_err(
                "a thread building record batches stopped",
            ))
        })?;
        self.in_flight -= 1;
        let batch = batch.map_err(|e| {
            Stop::Python(ArticlekitError::new_err(format!(
                "cannot build a record batch: {e}"
            )))
        })?;
        if let Some(slot) = self.done.get_mut(seq) {
            *slot = Some(batch);
        }
        Ok(())
    }

    /// Every batch, in order.
    fn finish(mut self) -> Result<Vec<RecordBatch>, Stop> {
        while self.in_flight > 0 {
            self.take_one()?;
        }
        Ok(self.done.into_iter().flatten().collect())
    }
}

/// Runs the pipeline; the report and, unless the batch is refused, the
/// valid articles as record batches.
fn run(
    paths: &[PathBuf],
    options: &PipelineOptions,
    skip_invalid: bool,
) -> Result<(Report, Vec<RecordBatch>), Stop> {
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get));
    let mut batches = Batches::new(jobs)?;
    let mut errors: Vec<ValidationError> = Vec::new();
    let mut rows: Vec<Article> = Vec::with_capacity(BATCH_ROWS);
    let summary = run_pipeline(paths, options, |event| {
        stop_on_unreadable(&event)?;
        if let Event::Valid(valid) = event {
            // Once the batch is refused, no more rows are built.
            if skip_invalid || errors.is_empty() {
                let article = valid.article.ok_or_else(|| {
                    Stop::Python(ArticlekitError::new_err(format!(
                        "{}:{}: the pipeline built no article for a valid record",
                        valid.origin.input, valid.origin.line
                    )))
                })?;
                rows.push(article);
                if rows.len() >= BATCH_ROWS {
                    batches.spawn(std::mem::replace(&mut rows, Vec::with_capacity(BATCH_ROWS)))?;
                }
            }
        } else {
            errors.extend(event.errors().iter().cloned());
        }
        Ok::<(), Stop>(())
    })?;
    if !rows.is_empty() {
        batches.spawn(rows)?;
    }
    let report = Report::new(summary, errors);
    if !skip_invalid && !report.is_ok() {
        return Ok((report, Vec::new()));
    }
    Ok((report, batches.finish()?))
}
