//! Parquet: a thin adapter over `articlekit-arrow`, which reads the file
//! batch by batch and turns each row back into a record. A record's line is
//! its 1-based row over the file; its errors name the column, and a row
//! that cannot be read says its row group and row.

use std::fs::File;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use articlekit_arrow::{ArrowError, ParquetRow, ParquetRows, column_for_pointer};

use crate::record::{Body, Column, Item, Locations, Raw, ReadError, ReadErrorKind, Record};
use crate::{Format, InputError};

/// Rows read from the file at a time.
const BATCH_ROWS: usize = 1024;
/// Records handed over from the decoding thread at a time, and chunks in flight.
const CHUNK: usize = 256;
const CHUNKS_AHEAD: usize = 4;

type Chunk = Vec<Result<Item, InputError>>;

/// Reads the rows of a Parquet file as records.
///
/// The file is decoded, and each row made a record, on a thread of the
/// reader's own, a few chunks of rows ahead: the caller (the validation
/// pipeline's reading thread) only takes the records.
#[derive(Debug)]
pub struct ParquetReader {
    chunks: Receiver<Chunk>,
    pending: std::vec::IntoIter<Result<Item, InputError>>,
}

/// Turns rows into records.
struct Rows {
    file: ParquetRows,
    input: Arc<str>,
    max_record_bytes: u64,
}

impl ParquetReader {
    /// Opens `file` (named `input` in reports); its columns are checked
    /// against the model here.
    pub fn new(file: File, input: Arc<str>, max_record_bytes: u64) -> Result<Self, InputError> {
        let rows = ParquetRows::new(file, BATCH_ROWS).map_err(|e| input_error(&input, None, &e))?;
        let rows = Rows {
            file: rows,
            input: input.clone(),
            max_record_bytes,
        };
        let (tx, chunks) = sync_channel(CHUNKS_AHEAD);
        std::thread::Builder::new()
            .name("articlekit-parquet".to_owned())
            .spawn(move || rows.send_all(&tx))
            .map_err(|e| InputError::Parquet {
                input,
                row: None,
                message: format!("cannot start reading: {e}"),
            })?;
        Ok(Self {
            chunks,
            pending: Vec::new().into_iter(),
        })
    }
}

impl Rows {
    /// Reads every row and sends the records in chunks; an input error is
    /// the last item sent. Stops when the reader is gone.
    fn send_all(mut self, tx: &SyncSender<Chunk>) {
        let mut chunk = Vec::with_capacity(CHUNK);
        loop {
            let item = match self.file.next() {
                None => break,
                Some(Ok(row)) => Ok(Item::Record(self.record(row))),
                Some(Err(e)) => Err(input_error(&self.input, None, &e)),
            };
            let last = item.is_err();
            chunk.push(item);
            if last {
                break;
            }
            if chunk.len() >= CHUNK {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                if tx.send(full).is_err() {
                    return;
                }
            }
        }
        if !chunk.is_empty() {
            let _ = tx.send(chunk);
        }
    }

    fn record(&self, row: ParquetRow) -> Record {
        let location = row.location();
        let ParquetRow { number, value, .. } = row;
        let (raw, body) = match value {
            Ok(value) => {
                // The raw bytes are the record's canonical NDJSON line, so that
                // a quarantine of invalid records is NDJSON like any other.
                let mut line = value.to_string().into_bytes();
                line.push(b'\n');
                if line.len() as u64 > self.max_record_bytes {
                    let len = line.len() as u64;
                    let error = ReadError {
                        kind: ReadErrorKind::Size,
                        line: number,
                        column: None,
                        message: format!(
                            "{}: the record is {len} bytes long as JSON, over the limit of {} bytes (--max-record-bytes)",
                            location, self.max_record_bytes
                        ),
                    };
                    (Raw::Omitted { len }, Body::Error(error))
                } else {
                    let locations = Locations::Row {
                        line: number,
                        column_for: column_for_pointer,
                    };
                    let body = Body::Value { value, locations };
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
            input: self.input.clone(),
            format: Format::Parquet,
            index: number,
            line: number,
            column: 1,
            raw,
            body,
        }
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
            // The decoding thread is done when its sender is gone.
            self.pending = self.chunks.recv().ok()?.into_iter();
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
    fn rows_become_values_located_by_row_and_column_name() {
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
        let Body::Value { locations, .. } = &second.body else {
            panic!("a value")
        };
        assert_eq!(
            locations.position("/metadata/authors/0/name"),
            (2, Some(Column::Name("metadata.authors.name".into())))
        );
        assert_eq!(
            locations.position_of_missing("/metadata/source", "url"),
            (2, Some(Column::Name("metadata.source.url".into())))
        );
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
