//! `articlekit.Validator`: records from Python checked one at a time, or
//! NDJSON lines checked as a batch on every core.

use std::io::{Cursor, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, TrySendError, channel, sync_channel};

use articlekit_read::{Format, Item, ReadOptions, from_reader};
use articlekit_validate::{
    Checker, Event, NoRender, PipelineOptions, SetupError, ValidationError, run_pipeline_on,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyIterator, PyList, PyString};

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
        let input: Arc<str> = input.into();
        // The lines are checked while they are still being taken from
        // Python: this thread converts them (it needs the GIL) and hands
        // them over in batches to the pipeline, which runs on its own thread.
        let (sender, receiver) = sync_channel::<Vec<Line>>(LINE_BATCHES_IN_FLIGHT);
        let stop = Arc::new(AtomicBool::new(false));
        let (recycle, recycled) = channel::<Vec<Line>>();
        let reader = LineReader::new(receiver, Arc::clone(&stop), recycle);
        let pipeline = std::thread::Builder::new()
            .name("articlekit-lines".to_owned())
            .spawn(move || check_stream(reader, input, &options))
            .map_err(|e| ArticlekitError::new_err(format!("cannot start a thread: {e}")))?;
        let fed = feed(py, iter, sender, &recycled);
        if fed.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        let checked = py.detach(move || pipeline.join());
        let count = fed?;
        let mut per_line = checked
            .map_err(|_| ArticlekitError::new_err("the thread checking the lines stopped"))?
            .map_err(|e| setup_error(&e))?;
        place(&mut per_line, count);
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

/// Lines in one hand-over from Python to the pipeline.
const LINES_PER_BATCH: usize = 256;
/// Hand-overs waiting at most: the memory held is bounded by this many batches.
const LINE_BATCHES_IN_FLIGHT: usize = 8;

/// One line from Python, its bytes shared with the Python object (a `str`
/// is encoded to UTF-8 once).
enum Line {
    Str(PyBackedStr),
    Bytes(PyBackedBytes),
}

impl Line {
    /// The line without its ending line feed.
    fn body(&self) -> &[u8] {
        let bytes: &[u8] = match self {
            Self::Str(s) => s.as_bytes(),
            Self::Bytes(b) => b,
        };
        bytes.strip_suffix(b"\n").unwrap_or(bytes)
    }
}

/// Takes the lines from Python, checks each, and hands them over in
/// batches; the number of lines. The sender is dropped at the end (or at
/// the first wrong line): the pipeline sees the end of its input.
fn feed(
    py: Python<'_>,
    iter: Bound<'_, PyIterator>,
    sender: SyncSender<Vec<Line>>,
    recycled: &Receiver<Vec<Line>>,
) -> PyResult<usize> {
    let mut batch = Vec::with_capacity(LINES_PER_BATCH);
    let mut count = 0_usize;
    for item in iter {
        let item = item?;
        let what = || format!("lines[{count}]");
        let line = if let Ok(s) = item.cast::<PyString>() {
            Line::Str(PyBackedStr::try_from(s.clone()).map_err(|_| {
                PyValueError::new_err(format!(
                    "{} is a str that is not valid Unicode (it holds a lone surrogate, \
                     as from `surrogateescape`): pass the raw bytes instead",
                    what()
                ))
            })?)
        } else if item.is_instance_of::<PyBytes>() || item.is_instance_of::<PyByteArray>() {
            Line::Bytes(item.extract::<PyBackedBytes>()?)
        } else {
            return Err(PyTypeError::new_err(format!(
                "{} must be a str or bytes (one NDJSON line), not {}",
                what(),
                type_name(&item)
            )));
        };
        if let Some(at) = memchr::memchr(b'\n', line.body()) {
            return Err(PyValueError::new_err(format!(
                "{} holds a line feed at byte {at}: give one NDJSON line per item",
                what()
            )));
        }
        batch.push(line);
        count += 1;
        if batch.len() == LINES_PER_BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(LINES_PER_BATCH));
            hand_over(py, &sender, full);
            // The lines already read are freed now, with the GIL held.
            while let Ok(spent) = recycled.try_recv() {
                drop(spent);
            }
        }
    }
    if !batch.is_empty() {
        hand_over(py, &sender, batch);
    }
    // The end of the input (an error above drops it too).
    drop(sender);
    Ok(count)
}

/// Sends a batch to the pipeline, waiting without the GIL when it is behind.
fn hand_over(py: Python<'_>, sender: &SyncSender<Vec<Line>>, batch: Vec<Line>) {
    match sender.try_send(batch) {
        Ok(()) | Err(TrySendError::Disconnected(_)) => {}
        Err(TrySendError::Full(batch)) => {
            // The pipeline only stops reading when it has stopped; then the
            // lines are not needed.
            let _ = py.detach(move || sender.send(batch));
        }
    }
}

/// The lines handed over, as the bytes of an NDJSON file (a line feed after each).
struct LineReader {
    receiver: Receiver<Vec<Line>>,
    batch: std::vec::IntoIter<Line>,
    line: Option<Line>,
    /// Bytes of `line` already read (its line feed is the one past its body).
    at: usize,
    /// Set when Python's side failed: the input ends here.
    stop: Arc<AtomicBool>,
    /// Lines read, sent back to be dropped where the GIL is held: freed at
    /// once, their memory is reused for the next lines (dropped here, they
    /// would wait for the end of the run).
    spent: Vec<Line>,
    recycle: Sender<Vec<Line>>,
}

impl LineReader {
    fn new(
        receiver: Receiver<Vec<Line>>,
        stop: Arc<AtomicBool>,
        recycle: Sender<Vec<Line>>,
    ) -> Self {
        Self {
            receiver,
            batch: Vec::new().into_iter(),
            line: None,
            at: 0,
            stop,
            spent: Vec::new(),
            recycle,
        }
    }
}

impl Read for LineReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut filled = 0;
        while filled < buf.len() {
            if self.stop.load(Ordering::Relaxed) {
                return Ok(filled);
            }
            let Some(line) = &self.line else {
                if let Some(next) = self.batch.next() {
                    self.line = Some(next);
                    self.at = 0;
                    continue;
                }
                if filled > 0 {
                    // Hand out what is here rather than wait for Python.
                    return Ok(filled);
                }
                if !self.spent.is_empty() {
                    // Python may be gone already; then they are dropped here.
                    let _ = self.recycle.send(std::mem::take(&mut self.spent));
                }
                match self.receiver.recv() {
                    Ok(batch) => self.batch = batch.into_iter(),
                    Err(_) => return Ok(0),
                }
                continue;
            };
            let body = line.body();
            if self.at < body.len() {
                let n = (body.len() - self.at).min(buf.len() - filled);
                buf[filled..filled + n].copy_from_slice(&body[self.at..self.at + n]);
                self.at += n;
                filled += n;
            } else {
                buf[filled] = b'\n';
                filled += 1;
                if let Some(line) = self.line.take() {
                    self.spent.push(line);
                }
            }
        }
        Ok(filled)
    }
}

/// Runs the pipeline on the lines as they come; the errors of each line,
/// by position (the vector is as long as the last line with an error: see
/// [`place`]).
fn check_stream(
    reader: LineReader,
    input: Arc<str>,
    options: &PipelineOptions,
) -> Result<Vec<Vec<ValidationError>>, SetupError> {
    let mut per_line: Vec<Vec<ValidationError>> = Vec::new();
    // As for a file of these lines: the format is NDJSON, told by nothing
    // given (so a CSV header or a page is recognised as the CLI does).
    let reader = from_reader(Box::new(reader), input, Format::Ndjson, &options.read);
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
                .unwrap_or(0);
            if per_line.len() <= at {
                per_line.resize_with(at + 1, Vec::new);
            }
            per_line[at].extend(errors.iter().cloned());
            Ok(())
        },
    )?;
    Ok(per_line)
}

/// Makes `per_line` one list per line of the `count` given: errors placed
/// past the last line (none are expected) go to the first, never dropped.
fn place(per_line: &mut Vec<Vec<ValidationError>>, count: usize) {
    if per_line.len() > count && count > 0 {
        let past: Vec<ValidationError> = per_line.drain(count..).flatten().collect();
        per_line[0].extend(past);
    }
    per_line.resize_with(count.max(per_line.len()), Vec::new);
}
