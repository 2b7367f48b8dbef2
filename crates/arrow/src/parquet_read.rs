//! A Parquet file back to records, one row group batch at a time.

use std::sync::Arc;

use arrow_array::RecordBatch;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::file::reader::ChunkReader;
use serde_json::Value;

use crate::error::ArrowError;
use crate::rows::{BoundBatch, RowError};

/// One row of a Parquet file, where it is, and its record: a [`Value`]
/// ([`ParquetBatch::rows`]), or its JSON text ([`ParquetBatch::lines`]).
#[derive(Debug)]
pub struct ParquetRow<T = Value> {
    /// 1-based row number over the whole file.
    pub number: u64,
    /// 1-based row group.
    pub row_group: usize,
    /// 1-based row within its row group.
    pub row_in_group: u64,
    /// The record in the model's canonical JSON shape, or why this row's
    /// values cannot be read back.
    pub value: Result<T, RowError>,
}

impl<T> ParquetRow<T> {
    /// Where the row is, for people: `row group 2, row 17`.
    pub fn location(&self) -> String {
        format!("row group {}, row {}", self.row_group, self.row_in_group)
    }
}

/// One batch of rows of a Parquet file, decoded, to be turned into records
/// anywhere (it is `Send`): [`ParquetBatch::rows`].
#[derive(Debug)]
pub struct ParquetBatch {
    batch: BoundBatch,
    /// The batch's first row not yet handed out.
    from: usize,
    /// 0-based row number of the batch's row 0 over the file.
    first: u64,
    /// Cumulative row counts of the row groups (see [`ParquetRows`]).
    ends: Arc<[u64]>,
}

impl ParquetBatch {
    /// Rows in the batch.
    pub fn len(&self) -> usize {
        self.batch.len() - self.from
    }

    /// True when the batch has no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Its rows, in order, as [`ParquetRows`] gives them.
    pub fn rows(&self) -> impl Iterator<Item = ParquetRow> + '_ {
        (self.from..self.batch.len()).map(|i| self.row(i))
    }

    /// Its rows, in order, each as its record's NDJSON line: the JSON text
    /// that [`rows`](Self::rows)' value serializes to (`serde_json`'s bytes),
    /// and a newline. The text is written straight from the columns, which
    /// is several times cheaper than building each value and writing it.
    pub fn lines(&self) -> impl Iterator<Item = ParquetRow<Vec<u8>>> + '_ {
        // Each line's buffer is sized from the one before it, so that it
        // seldom grows (and copies) as it is written.
        let mut size = 1024;
        (self.from..self.batch.len()).map(move |i| {
            let line = self.line(i, size);
            if let Ok(line) = &line {
                size = line.len() + line.len() / 8;
            }
            self.at(i, line)
        })
    }

    /// Row `i`'s NDJSON line, in a buffer of `capacity` bytes to start with.
    fn line(&self, i: usize, capacity: usize) -> Result<Vec<u8>, RowError> {
        let json = self.batch.json(i);
        let mut line = Vec::with_capacity(capacity);
        match sonic_rs::to_writer(&mut line, &json) {
            Ok(()) => {
                line.push(b'\n');
                Ok(line)
            }
            Err(e) => Err(json.fault().unwrap_or_else(|| RowError {
                column: String::new(),
                message: e.to_string(),
            })),
        }
    }

    /// Row `i` of the batch.
    fn row(&self, i: usize) -> ParquetRow {
        self.at(i, self.batch.value(i))
    }

    /// Row `i` of the batch, placed, with `value`.
    fn at<T>(&self, i: usize, value: Result<T, RowError>) -> ParquetRow<T> {
        let row = self.first + i as u64;
        let (row_group, row_in_group) = place(&self.ends, row);
        ParquetRow {
            number: row + 1,
            row_group,
            row_in_group,
            value,
        }
    }

    /// Hands out the next row, if any is left.
    fn take_row(&mut self) -> Option<ParquetRow> {
        (self.from < self.batch.len()).then(|| {
            self.from += 1;
            self.row(self.from - 1)
        })
    }
}

/// 1-based `(row group, row in group)` of 0-based row `row`.
fn place(ends: &[u64], row: u64) -> (usize, u64) {
    let group = ends.partition_point(|&end| end <= row);
    let start = if group == 0 { 0 } else { ends[group - 1] };
    (group + 1, row - start + 1)
}

/// The rows of a Parquet file, read batch by batch (never the whole file).
///
/// The file's columns are checked against the model when it is opened:
/// a column the model does not have, or of a type that cannot hold its
/// field, is an [`ArrowError::Column`] naming it.
pub struct ParquetRows {
    reader: ParquetRecordBatchReader,
    /// Cumulative row counts: row group `i` ends before row `ends[i]`.
    ends: Arc<[u64]>,
    /// The batch the row iterator is handing out.
    current: Option<ParquetBatch>,
    /// 0-based row number of the first row of the next batch read.
    next: u64,
    failed: bool,
}

impl std::fmt::Debug for ParquetRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetRows")
            .field("row_groups", &self.ends.len())
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl ParquetRows {
    /// Opens a Parquet file (any [`ChunkReader`]: a `File`, `Bytes`) to be
    /// read `batch_rows` rows at a time.
    pub fn new<R: ChunkReader + 'static>(file: R, batch_rows: usize) -> Result<Self, ArrowError> {
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)?;
        // Check the columns before the first row is read.
        BoundBatch::new(&RecordBatch::new_empty(builder.schema().clone()))?;
        let mut total = 0u64;
        let ends = builder
            .metadata()
            .row_groups()
            .iter()
            .map(|g| {
                total += u64::try_from(g.num_rows()).unwrap_or(0);
                total
            })
            .collect();
        let reader = builder.with_batch_size(batch_rows.max(1)).build()?;
        Ok(Self {
            reader,
            ends,
            current: None,
            next: 0,
            failed: false,
        })
    }

    /// Total rows in the file, from its footer.
    pub fn total_rows(&self) -> u64 {
        self.ends.last().copied().unwrap_or(0)
    }

    /// The next rows as one batch, decoded but not yet turned into records
    /// (a caller can turn them on other threads): exactly the rows
    /// [`Iterator::next`] would give next, the rest of a batch it started
    /// included. After an error, `None`.
    pub fn next_batch(&mut self) -> Option<Result<ParquetBatch, ArrowError>> {
        match self.current.take() {
            Some(started) if !started.is_empty() => Some(Ok(started)),
            _ => self.read_batch(),
        }
    }

    /// The next batch from the file; after an error, `None`.
    fn read_batch(&mut self) -> Option<Result<ParquetBatch, ArrowError>> {
        if self.failed {
            return None;
        }
        let bound = match self.reader.next()? {
            Ok(batch) => BoundBatch::new(&batch).map_err(ArrowError::from),
            Err(e) => Err(ArrowError::from(e)),
        };
        match bound {
            Ok(batch) => {
                let first = self.next;
                self.next += batch.len() as u64;
                Some(Ok(ParquetBatch {
                    batch,
                    from: 0,
                    first,
                    ends: self.ends.clone(),
                }))
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

impl Iterator for ParquetRows {
    type Item = Result<ParquetRow, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.current.as_mut().and_then(ParquetBatch::take_row) {
                return Some(Ok(row));
            }
            match self.read_batch()? {
                Ok(batch) => self.current = Some(batch),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
