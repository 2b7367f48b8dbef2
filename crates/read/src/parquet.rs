//! Parquet: a thin adapter over `articlekit-arrow`, which reads the file
//! batch by batch and turns each row back into a record. A record's line is
//! its 1-based row over the file; its errors name the column, and a row
//! that cannot be read says its row group and row.

use std::fs::File;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use articlekit_arrow::{ArrowError, ParquetBatch, ParquetRow, ParquetRows, column_for_pointer};

use crate::record::{Body, Column, Item, Locations, Raw, ReadError, ReadErrorKind, Record};
use crate::{Format, InputError};

/// Rows read from the file at a time: a batch is what a converter turns
/// into records at once, so this bounds the records in flight (a few
/// batches per converter), each a parsed value and its JSON line.
const BATCH_ROWS: usize = 256;
/// Threads that turn decoded rows into records, at most.
const MAX_CONVERTERS: usize = 4;

type Chunk = Vec<Result<Item, InputError>>;

/// What the decoding thread hands a converter.
enum Work {
    Batch(ParquetBatch),
    /// The file cannot be read on: the last item.
    Failed(InputError),
}

/// Reads the rows of a Parquet file as records.
///
/// The file is decoded on a thread of the reader's own, a batch of rows at
/// a time, and the batches are turned into records (each row's value and
/// its canonical JSON line) on a few more threads, one batch each in turn;
/// the caller (the validation pipeline's reading thread) takes the records
/// back in the file's order. A few batches are in flight at most.
#[derive(Debug)]
pub struct ParquetReader {
    /// Each converter's records, one chunk per batch; batch `n` is on converter `n % len`.
    converted: Vec<Receiver<Chunk>>,
    /// The batch whose records come next.
    next: usize,
    pending: std::vec::IntoIter<Result<Item, InputError>>,
}

impl ParquetReader {
    /// Opens `file` (named `input` in reports); its columns are checked
    /// against the model here.
    pub fn new(file: File, input: Arc<str>, max_record_bytes: u64) -> Result<Self, InputError> {
        let mut rows =
            ParquetRows::new(file, BATCH_ROWS).map_err(|e| input_error(&input, None, &e))?;
        let named = input.clone();
        let cannot_start = |e: std::io::Error| InputError::Parquet {
            input: named.clone(),
            row: None,
            message: format!("cannot start reading: {e}"),
        };
        let converters = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .clamp(1, MAX_CONVERTERS);
        let mut work = Vec::with_capacity(converters);
        let mut converted = Vec::with_capacity(converters);
        // Batches turned into records go back to the decoding thread to be
        // freed there: its allocator then reuses their memory for the next
        // batches, rather than taking (and zeroing) fresh pages for each.
        let (spent_tx, spent) = channel::<ParquetBatch>();
        for i in 0..converters {
            let (work_tx, work_rx) = sync_channel::<Work>(1);
            let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(1);
            let name = input.clone();
            let spent_tx = spent_tx.clone();
            std::thread::Builder::new()
                .name(format!("articlekit-rows-{i}"))
                .spawn(move || {
                    convert_all(&work_rx, &chunk_tx, &spent_tx, &name, max_record_bytes);
                })
                .map_err(cannot_start)?;
            work.push(work_tx);
            converted.push(chunk_rx);
        }
        let name = input;
        std::thread::Builder::new()
            .name("articlekit-parquet".to_owned())
            .spawn(move || {
                // Batch `n` goes to converter `n % len`, which the reader
                // takes its records from in the same turn. A send fails only
                // when the reader is gone: then nothing more is wanted.
                let mut n = 0;
                while let Some(batch) = rows.next_batch() {
                    spent.try_iter().for_each(drop);
                    let item = batch
                        .map_or_else(|e| Work::Failed(input_error(&name, None, &e)), Work::Batch);
                    let last = matches!(item, Work::Failed(_));
                    if work[n % work.len()].send(item).is_err() || last {
                        return;
                    }
                    n += 1;
                }
            })
            .map_err(cannot_start)?;
        Ok(Self {
            converted,
            next: 0,
            pending: Vec::new().into_iter(),
        })
    }
}

/// A converter: turns each batch it is given into records, in order, until
/// the decoding thread is done (or the reader is gone).
fn convert_all(
    work: &Receiver<Work>,
    chunks: &SyncSender<Chunk>,
    spent: &Sender<ParquetBatch>,
    input: &Arc<str>,
    max_record_bytes: u64,
) {
    for item in work {
        let chunk = match item {
            Work::Batch(batch) => {
                let chunk = batch
                    .lines()
                    .map(|row| Ok(Item::Record(record(input, max_record_bytes, row))))
                    .collect();
                // Dropped here instead when the decoding thread is gone.
                let _ = spent.send(batch);
                chunk
            }
            Work::Failed(error) => vec![Err(error)],
        };
        if chunks.send(chunk).is_err() {
            return;
        }
    }
}

fn record(input: &Arc<str>, max_record_bytes: u64, row: ParquetRow<Vec<u8>>) -> Record {
    let location = row.location();
    let ParquetRow { number, value, .. } = row;
    let (raw, body) = match value {
        // The raw bytes are the record's canonical NDJSON line, so that a
        // quarantine of invalid records is NDJSON like any other; the
        // validator reads the record from them.
        Ok(line) => {
            if line.len() as u64 > max_record_bytes {
                let len = line.len() as u64;
                let error = ReadError {
                    kind: ReadErrorKind::Size,
                    line: number,
                    column: None,
                    message: format!(
                        "{location}: the record is {len} bytes long as JSON, over the limit of {max_record_bytes} bytes (--max-record-bytes)"
                    ),
                };
                (Raw::Omitted { len }, Body::Error(error))
            } else {
                let locations = Locations::Row {
                    line: number,
                    column_for: column_for_pointer,
                };
                let body = Body::Written {
                    text: 0..line.len() - 1,
                    locations,
                };
                (Raw::Bytes(line), body)
            }
        }
        Err(e) => {
            let error = ReadError {
                kind: ReadErrorKind::Parse,
                line: number,
                column: Some(Column::Name(e.column.clone())),
                message: format!("{location}: column `{}`: {}", e.column, e.message),
            };
            (Raw::Omitted { len: 0 }, Body::Error(error))
        }
    };
    Record {
        input: input.clone(),
        format: Format::Parquet,
        index: number,
        line: number,
        column: 1,
        raw,
        body,
    }
}

fn input_error(input: &Arc<str>, row: Option<u64>, error: &ArrowError) -> InputError {
    InputError::Parquet {
        input: input.clone(),
        row,
        message: error.to_string(),
    }
}

impl Iterator for ParquetReader {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.next() {
                return Some(item);
            }
            // The batch that comes next is on this converter; when it has
            // none (its channel is closed), the file is read.
            let converter = &self.converted[self.next % self.converted.len()];
            self.next += 1;
            self.pending = converter.recv().ok()?.into_iter();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Seek, Write};

    use articlekit_arrow::{ParquetOptions, ParquetWriter};
    use articlekit_model::Article;

    use super::*;

    fn file(lines: &[&str]) -> File {
        let mut writer = ParquetWriter::new(Vec::new(), ParquetOptions::default()).expect("writer");
        for line in lines {
            let a: Article = serde_json::from_str(line).expect("article");
            writer.write(&a).expect("write");
        }
        let bytes = writer.finish().expect("finish");
        let mut f = tempfile::tempfile().expect("temp file");
        f.write_all(&bytes).expect("write");
        f.rewind().expect("rewind");
        f
    }

    #[test]
    fn rows_become_json_text_located_by_row_and_column_name() {
        let line = r#"{"metadata":{"id":"p-1","title":"Tiêu đề","language":"vi","authors":[{"name":"A"}]},"summary":"S","bullets":["B"],"discussion_count":1}"#;
        let reader =
            ParquetReader::new(file(&[line, line]), "a.parquet".into(), 1 << 20).expect("open");
        let records: Vec<Record> = reader
            .map(|i| match i.expect("item") {
                Item::Record(r) => r,
                Item::Blank(_) => unreachable!("no blanks in Parquet"),
            })
            .collect();
        assert_eq!(records.len(), 2);
        let second = &records[1];
        assert_eq!(
            (second.index, second.line, second.format),
            (2, 2, Format::Parquet)
        );
        assert_eq!(second.raw.bytes(), Some(format!("{line}\n").as_bytes()));
        let Body::Written { text, locations } = &second.body else {
            panic!("written JSON text")
        };
        assert_eq!(text, &(0..line.len()));
        assert_eq!(
            locations.position("/metadata/authors/0/name"),
            (2, Some(Column::Name("metadata.authors.name".into())))
        );
        assert_eq!(
            locations.position_of_missing("/metadata/source", "url"),
            (2, Some(Column::Name("metadata.source.url".into())))
        );
    }

    /// Batches are turned into records on several threads: the records
    /// still come in the file's order, every row once.
    #[test]
    fn many_batches_come_back_in_order() {
        let lines: Vec<String> = (1..=5000)
            .map(|i| {
                format!(
                    r#"{{"metadata":{{"id":"p-{i}","title":"T","language":"vi"}},"summary":"S","bullets":["B"],"discussion_count":{i}}}"#
                )
            })
            .collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let reader = ParquetReader::new(file(&refs), "a.parquet".into(), 1 << 20).expect("open");
        let mut n = 0_u64;
        for item in reader {
            let Item::Record(record) = item.expect("item") else {
                panic!("no blanks in Parquet")
            };
            n += 1;
            assert_eq!((record.line, record.index), (n, n));
            let Body::Written { text, .. } = &record.body else {
                panic!("written JSON text")
            };
            let bytes = &record.raw.bytes().expect("bytes")[text.clone()];
            let value: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
            assert_eq!(value["discussion_count"], n);
            assert_eq!(value["metadata"]["id"], format!("p-{n}"));
        }
        assert_eq!(n, 5000);
    }

    #[test]
    fn not_parquet_is_an_input_error() {
        let mut f = tempfile::tempfile().expect("temp file");
        f.write_all(b"{}\n").expect("write");
        f.rewind().expect("rewind");
        let err = ParquetReader::new(f, "a.parquet".into(), 1 << 20).expect_err("refused");
        assert!(matches!(err, InputError::Parquet { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("cannot read `a.parquet` as Parquet: "),
            "{err}"
        );
    }
}
