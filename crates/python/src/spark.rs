//! The native side of `articlekit.spark`: one split of an NDJSON file
//! checked inside a Spark task, numbered as in the whole file.
//!
//! Spark cuts a file into splits that each start at a line boundary. A
//! split does not know how many lines and records come before it, and the
//! duplicate-id rule needs every id of the batch, so the Python side runs
//! two stages, each a pure function of its split (a retried task gives the
//! same result):
//!
//! 1. [`spark_scan`]: every record checked, numbered within the split: the
//!    split's lines and records, the `metadata.id` of each record by its
//!    line in the split, and the errors. Spark finds the repeated ids.
//! 2. [`spark_check`]: the split's lines sorted to the valid and invalid
//!    sides byte for byte, and its errors written as NDJSON with the lines
//!    and records before the split added (so every error has the line and
//!    record `articlekit validate` gives). Only the later occurrences of a
//!    repeated id are checked again, to add the CLI's `duplicate-id` error.
//!
//! [`spark_sniff`] tells, from the head of a file, whether the CLI would
//! refuse the whole file (UTF-16, a CSV header…), as `articlekit validate`
//! does before reading any line.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Read};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use arrow_array::RecordBatch;
use articlekit_arrow::{ArticleBatchBuilder, article_schema};
use articlekit_read::{Body, Column, Format, Item, NdjsonReader, ReadOptions, Record, from_reader};
use articlekit_validate::{Checked, Checker, Keyword, ValidationError};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::exceptions::ArticlekitError;
use crate::validator::setup_error;

/// The largest record, in bytes, unless told otherwise (the CLI's default).
const DEFAULT_MAX_RECORD_BYTES: u64 = 16 << 20;

/// Characters of an id shown in a message (as the CLI's messages show them).
const MAX_SHOWN: usize = 60;

/// Adds the functions of this module to `articlekit._native`.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(spark_sniff, m)?)?;
    m.add_function(wrap_pyfunction!(spark_scan, m)?)?;
    m.add_function(wrap_pyfunction!(spark_check, m)?)?;
    m.add_function(wrap_pyfunction!(spark_articles, m)?)?;
    Ok(())
}

/// The schema compiled once per process (a Spark worker checks many splits).
fn checker(max_record_bytes: u64) -> PyResult<Arc<Checker>> {
    static DEFAULT: OnceLock<Arc<Checker>> = OnceLock::new();
    if max_record_bytes == DEFAULT_MAX_RECORD_BYTES {
        if let Some(checker) = DEFAULT.get() {
            return Ok(Arc::clone(checker));
        }
    }
    let checker = Checker::new()
        .map_err(|e| setup_error(&e))?
        .with_max_record_bytes(max_record_bytes);
    let checker = Arc::new(checker);
    if max_record_bytes == DEFAULT_MAX_RECORD_BYTES {
        return Ok(Arc::clone(DEFAULT.get_or_init(|| checker)));
    }
    Ok(checker)
}

/// One split of a file: lines `first_line + 1 ..` of `input`, in `data`.
struct Split<'a> {
    data: &'a [u8],
    input: Arc<str>,
    /// Lines of the file before the split.
    first_line: u64,
    /// Records of the file before the split.
    first_record: u64,
    /// The split starts the file: its first line may start with a byte order mark.
    at_start: bool,
    max_record_bytes: u64,
}

/// An item of a split, numbered as in the whole file, with its bytes' range in the split.
struct Placed {
    range: Range<usize>,
    /// 1-based line in the split.
    line_in_split: u64,
    item: Item,
}

impl Split<'_> {
    /// Every line of the split, in order, read as `articlekit validate`
    /// reads the file (blank lines, size limit, a last line without a line
    /// feed), with the line and record numbers of the file.
    fn items(&self) -> impl Iterator<Item = PyResult<Placed>> + '_ {
        // A split that does not start the file is read after one line feed:
        // its first line is then not line 1, so a byte order mark on it is
        // an error, as it is for the CLI, and not skipped.
        let lead: &[u8] = if self.at_start { b"" } else { b"\n" };
        let skip = u64::from(!self.at_start);
        // An oversize line's bytes are copied from `data`, not kept by the reader.
        let reader = NdjsonReader::new(
            lead.chain(self.data),
            self.input.clone(),
            self.max_record_bytes,
            false,
        );
        let mut offset = 0_usize;
        reader.enumerate().filter_map(move |(n, item)| {
            let mut item = match item {
                Ok(item) => item,
                Err(error) => {
                    return Some(Err(PyValueError::new_err(error.to_string())));
                }
            };
            let len = match &item {
                Item::Record(record) => usize::try_from(record.raw.len()).unwrap_or(usize::MAX),
                Item::Blank(blank) => blank.raw.len(),
            };
            if (n as u64) < skip {
                return None;
            }
            let range = offset..offset.saturating_add(len).min(self.data.len());
            offset = range.end;
            let line_in_split = match &item {
                Item::Record(record) => record.line,
                Item::Blank(blank) => blank.line,
            } - skip;
            let line = self.first_line + line_in_split;
            match &mut item {
                Item::Record(record) => renumber(record, line, self.first_record),
                Item::Blank(blank) => blank.line = line,
            }
            Some(Ok(Placed {
                range,
                line_in_split,
                item,
            }))
        })
    }
}

/// Gives a record of a split its line and index in the whole file.
fn renumber(record: &mut Record, line: u64, first_record: u64) {
    record.line = line;
    record.index += first_record;
    if let Body::Error(error) = &mut record.body {
        error.line = line;
    }
}

/// Whether `articlekit validate` refuses the whole file from its first
/// bytes `head` (at least the first 256 KiB, or the whole file): a UTF-16
/// or UTF-32 input, or one that is clearly not NDJSON (a CSV header, a
/// page, Parquet). Returns the error object as JSON, its keyword and its
/// message; `None` when the file is read line by line.
#[pyfunction]
fn spark_sniff(py: Python<'_>, head: &[u8], input: &str) -> Option<(String, String, String)> {
    let head = head.to_vec();
    let input: Arc<str> = input.into();
    py.detach(move || {
        let options = ReadOptions::default();
        let mut reader = from_reader(Box::new(Cursor::new(head)), input, Format::Ndjson, &options);
        match reader.next() {
            Some(Err(error)) => {
                let object = ValidationError::from_input(&error);
                Some((
                    object.to_json(),
                    error.keyword().to_owned(),
                    error.to_string(),
                ))
            }
            _ => None,
        }
    })
}

/// The errors of a split's invalid records, field by field (numbered within
/// the split): the record's line, then the error object's line, column (a
/// number, or a name), record, id, pointer, keyword and message.
type ErrorColumns = (
    Vec<u64>,
    Vec<Option<u64>>,
    Vec<Option<u64>>,
    Vec<Option<String>>,
    Vec<Option<u64>>,
    Vec<Option<String>>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
);

/// What [`spark_scan`] finds in a split: lines, records, the ids by line,
/// and the errors.
type Scan = (u64, u64, (Vec<u64>, Vec<String>), ErrorColumns);

/// One error of a split, numbered within it, as [`spark_check`] takes it
/// back: the record's line in the split, then the error object's fields.
type SplitError = (
    u64,
    Option<u64>,
    Option<u64>,
    Option<String>,
    Option<u64>,
    Option<String>,
    String,
    String,
    String,
);

/// The first stage: checks every record of a split, numbered within the
/// split. Returns its line count, its record count, the `metadata.id` of each
/// record that has one (as the duplicate-id rule reads it, invalid records
/// included) with its 1-based line in the split, and the errors of its
/// invalid records (the second stage renumbers them, without checking again).
#[pyfunction]
#[pyo3(signature = (data, input, *, at_start, max_record_bytes = DEFAULT_MAX_RECORD_BYTES))]
fn spark_scan(
    py: Python<'_>,
    data: &[u8],
    input: &str,
    at_start: bool,
    max_record_bytes: u64,
) -> PyResult<Scan> {
    let schema = checker(max_record_bytes)?;
    let split = Split {
        data,
        input: input.into(),
        first_line: 0,
        first_record: 0,
        at_start,
        max_record_bytes,
    };
    py.detach(move || {
        let (mut lines, mut records) = (0, 0);
        let mut ids = (Vec::new(), Vec::new());
        let mut errors: ErrorColumns = Default::default();
        for placed in split.items() {
            let placed = placed?;
            lines = placed.line_in_split;
            let Item::Record(record) = placed.item else {
                continue;
            };
            records += 1;
            let verdict = schema.check_building(record, false);
            if let Some(id) = verdict.id() {
                ids.0.push(placed.line_in_split);
                ids.1.push(id.to_owned());
            }
            for error in verdict.errors {
                errors.0.push(placed.line_in_split);
                errors.1.push(error.line);
                let (number, name) = match error.column {
                    Some(Column::Char(n)) => (Some(n), None),
                    Some(Column::Name(name)) => (None, Some(name)),
                    None => (None, None),
                };
                errors.2.push(number);
                errors.3.push(name);
                errors.4.push(error.record);
                errors.5.push(error.id);
                errors.6.push(error.pointer);
                errors.7.push(error.keyword.as_str().to_owned());
                errors.8.push(error.message);
            }
        }
        Ok((lines, records, ids, errors))
    })
}

/// An error of the first stage with the lines and records before its split added.
fn renumbered(
    error: SplitError,
    input: &Arc<str>,
    first_line: u64,
    first_record: u64,
) -> ValidationError {
    let (_, line, number, name, record, id, pointer, keyword, message) = error;
    ValidationError {
        input: input.clone(),
        line: line.map(|l| l + first_line),
        column: match (number, name) {
            (Some(n), _) => Some(Column::Char(n)),
            (None, Some(name)) => Some(Column::Name(name)),
            (None, None) => None,
        },
        record: record.map(|r| r + first_record),
        id,
        pointer,
        keyword: Keyword::from_name(&keyword),
        message,
    }
}

/// Counts of a split, as the CLI's summary counts them.
#[derive(Default)]
struct Counts {
    records: u64,
    valid: u64,
    invalid: u64,
    errors: u64,
    by_keyword: BTreeMap<String, u64>,
}

impl Counts {
    fn add(&mut self, errors: &[ValidationError]) {
        self.records += 1;
        if errors.is_empty() {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        self.errors += errors.len() as u64;
        for error in errors {
            *self
                .by_keyword
                .entry(error.keyword.as_str().to_owned())
                .or_default() += 1;
        }
    }
}

/// The bytes of one side of the split, and whether they end in the middle
/// of a line (a last line without a line feed).
struct Side {
    bytes: Vec<u8>,
    open_line: bool,
}

impl Side {
    fn new() -> Self {
        Self {
            bytes: Vec::new(),
            open_line: false,
        }
    }

    fn push(&mut self, line: &[u8]) {
        self.bytes.extend_from_slice(line);
        self.open_line = line.last().is_some_and(|&b| b != b'\n');
    }
}

/// The duplicate-id error of a later occurrence, exactly as the CLI words it.
fn duplicate(checked: &mut Checked, first_input: &str, first_line: u64) {
    let Some(id) = checked.id() else { return };
    let message = format!(
        "metadata.id {} is a duplicate: it is first used in `{first_input}` at line {first_line}",
        articlekit_model::quote::backticked(id, MAX_SHOWN),
    );
    checked.push_error("/metadata/id", Keyword::DuplicateId, message);
}

/// What [`spark_check`] hands back: the valid side, the invalid side, the
/// errors (NDJSON), whether each side ends without a line feed, and the counts.
type Checks<'py> = (
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    (bool, bool),
    (u64, u64, u64, u64, BTreeMap<String, u64>),
);

/// The second stage: sorts a split's lines to the valid and invalid sides,
/// byte for byte (blank lines go to the valid side), and writes its errors
/// as NDJSON, numbered as in the whole file (`first_line` lines and
/// `first_record` records come before the split). `errors` are the first
/// stage's, in order; `duplicates` maps the 1-based line in the split of each
/// later occurrence of a repeated id to where the first is (input, line):
/// those records are checked again here, to locate the `duplicate-id` error.
#[pyfunction]
#[pyo3(signature = (
    data, input, *, first_line, first_record, at_start, errors, duplicates,
    max_record_bytes = DEFAULT_MAX_RECORD_BYTES,
))]
#[allow(clippy::too_many_arguments, clippy::needless_pass_by_value)]
fn spark_check<'py>(
    py: Python<'py>,
    data: &[u8],
    input: &str,
    first_line: u64,
    first_record: u64,
    at_start: bool,
    errors: Vec<SplitError>,
    duplicates: HashMap<u64, (String, u64)>,
    max_record_bytes: u64,
) -> PyResult<Checks<'py>> {
    let schema = checker(max_record_bytes)?;
    let input: Arc<str> = input.into();
    let mut found: HashMap<u64, Vec<ValidationError>> = HashMap::new();
    for error in errors {
        let line = error.0;
        found
            .entry(line)
            .or_default()
            .push(renumbered(error, &input, first_line, first_record));
    }
    let split = Split {
        data,
        input,
        first_line,
        first_record,
        at_start,
        max_record_bytes,
    };
    let (valid, invalid, written, counts) = py.detach(|| {
        let (mut valid, mut invalid) = (Side::new(), Side::new());
        let mut written = Vec::new();
        let mut counts = Counts::default();
        for placed in split.items() {
            let placed = placed?;
            let line = split.data.get(placed.range.clone()).unwrap_or_default();
            let Item::Record(record) = placed.item else {
                valid.push(line);
                continue;
            };
            let errors =
                if let Some((first_input, first_line)) = duplicates.get(&placed.line_in_split) {
                    let mut verdict = schema.check_building(record, false);
                    duplicate(&mut verdict, first_input, *first_line);
                    verdict.errors
                } else {
                    found.remove(&placed.line_in_split).unwrap_or_default()
                };
            counts.add(&errors);
            if errors.is_empty() {
                valid.push(line);
            } else {
                invalid.push(line);
                for error in &errors {
                    written.extend_from_slice(error.to_json().as_bytes());
                    written.push(b'\n');
                }
            }
        }
        Ok::<_, PyErr>((valid, invalid, written, counts))
    })?;
    Ok((
        PyBytes::new(py, &valid.bytes),
        PyBytes::new(py, &invalid.bytes),
        PyBytes::new(py, &written),
        (valid.open_line, invalid.open_line),
        (
            counts.records,
            counts.valid,
            counts.invalid,
            counts.errors,
            counts.by_keyword,
        ),
    ))
}

/// Rows in one record batch of [`spark_articles`].
const BATCH_ROWS: usize = 4096;

/// The valid articles of a split as a `pyarrow.Table` in the model's Arrow
/// schema (`arrow_schema()`), in order: every record checked, the invalid
/// ones and the later occurrences of repeated ids (`duplicates`: their
/// 1-based lines in the split) left out.
#[pyfunction]
#[pyo3(signature = (data, input, *, at_start, duplicates, max_record_bytes = DEFAULT_MAX_RECORD_BYTES))]
#[allow(clippy::needless_pass_by_value)]
fn spark_articles<'py>(
    py: Python<'py>,
    data: &[u8],
    input: &str,
    at_start: bool,
    duplicates: HashSet<u64>,
    max_record_bytes: u64,
) -> PyResult<Bound<'py, PyAny>> {
    let schema = checker(max_record_bytes)?;
    let split = Split {
        data,
        input: input.into(),
        first_line: 0,
        first_record: 0,
        at_start,
        max_record_bytes,
    };
    let arrow = |e: articlekit_arrow::ArrowError| ArticlekitError::new_err(e.to_string());
    let batches = py.detach(|| {
        let mut builder = ArticleBatchBuilder::new();
        let mut batches: Vec<RecordBatch> = Vec::new();
        for placed in split.items() {
            let placed = placed?;
            let Item::Record(record) = placed.item else {
                continue;
            };
            if duplicates.contains(&placed.line_in_split) {
                continue;
            }
            let verdict = schema.check_building(record, true);
            if let Some(article) = verdict.valid_article() {
                builder.append(article).map_err(arrow)?;
                if builder.len() >= BATCH_ROWS {
                    batches.push(builder.finish().map_err(arrow)?);
                }
            }
        }
        if !builder.is_empty() {
            batches.push(builder.finish().map_err(arrow)?);
        }
        Ok::<_, PyErr>(batches)
    })?;
    crate::arrow::table_to_pyarrow(py, article_schema(), batches)
}
