//! CSV: a thin adapter over `articlekit-csv`, whose reader streams rows in
//! the export layout. A row comes as a value already built; its errors
//! name the column through [`articlekit_csv::column_for_pointer`].

use std::io::Read;
use std::sync::Arc;

use articlekit_csv::{CsvReader, CsvRowError, column_for_pointer};

use crate::record::{Body, Column, Item, Locations, Raw, ReadError, ReadErrorKind, Record};
use crate::{Format, InputError};

/// Reads CSV rows as records.
#[derive(Debug)]
pub struct CsvRows<R: Read> {
    rows: CsvReader<R>,
    input: Arc<str>,
    max_record_bytes: u64,
    done: bool,
}

impl<R: Read> CsvRows<R> {
    /// A reader of `input` (its name in reports) that refuses rows over `max_record_bytes`.
    pub fn new(reader: R, input: Arc<str>, max_record_bytes: u64) -> Self {
        Self {
            // The limit also bounds the memory of a row that never ends (an unclosed quote).
            rows: CsvReader::new(reader).max_record_bytes(max_record_bytes),
            input,
            max_record_bytes,
            done: false,
        }
    }

    fn row_error(&self, error: CsvRowError) -> Record {
        let CsvRowError {
            row,
            line,
            column,
            message,
            raw,
            oversize,
            ends_input: _,
        } = error;
        let (kind, raw, message) = match (oversize, raw.len() as u64) {
            (false, _) => (ReadErrorKind::Parse, Raw::Bytes(raw), message),
            // A row that never ends: the reader's own message says where reading stopped.
            (true, 0) => (ReadErrorKind::Size, Raw::Omitted { len: 0 }, message),
            (true, len) if len <= self.max_record_bytes => {
                (ReadErrorKind::Size, Raw::Omitted { len }, message)
            }
            (true, len) => (
                ReadErrorKind::Size,
                Raw::Omitted { len },
                format!(
                    "the row is {len} bytes long, over the limit of {} bytes (--max-record-bytes)",
                    self.max_record_bytes
                ),
            ),
        };
        let error = ReadError {
            kind,
            line,
            column: column.map(Column::Name),
            message,
        };
        self.record(row, line, raw, Body::Error(error))
    }

    fn record(&self, index: u64, line: u64, raw: Raw, body: Body) -> Record {
        Record {
            input: self.input.clone(),
            format: Format::Csv,
            index,
            line,
            column: 1,
            raw,
            body,
        }
    }
}

impl<R: Read> Iterator for CsvRows<R> {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let record = match self.rows.next()? {
            // Row 0 is the header: without it no row can be read.
            Err(e) if e.row == 0 => {
                self.done = true;
                return Some(Err(InputError::Header {
                    input: self.input.clone(),
                    line: e.line,
                    message: e.message,
                }));
            }
            // A quoted cell that runs past the limit may never end: the rest
            // of the input cannot be split into rows, so the input stops
            // here, as an input error (exit 2), not as one bad record.
            Err(e) if e.ends_input && e.oversize => {
                self.done = true;
                return Some(Err(InputError::Read {
                    input: self.input.clone(),
                    line: e.line,
                    source: std::io::Error::other(e.message),
                }));
            }
            Err(e) => self.row_error(e),
            Ok(row) if row.raw.len() as u64 > self.max_record_bytes => {
                let len = row.raw.len() as u64;
                let message = format!(
                    "the row is {len} bytes long, over the limit of {} bytes (--max-record-bytes)",
                    self.max_record_bytes
                );
                let error = ReadError {
                    kind: ReadErrorKind::Size,
                    line: row.line,
                    column: None,
                    message,
                };
                self.record(row.row, row.line, Raw::Omitted { len }, Body::Error(error))
            }
            Ok(row) => {
                let locations = Locations::Row {
                    line: row.line,
                    column_for: column_for_pointer,
                };
                let body = Body::Value {
                    value: row.value,
                    locations,
                };
                self.record(row.row, row.line, Raw::Bytes(row.raw), body)
            }
        };
        Some(Ok(Item::Record(record)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "metadata.id,metadata.title,metadata.language,summary,bullets,discussion_count\r\n\
        c-1,Bài một,vi,\"Tóm tắt\r\nhai dòng\",Ý một,1\r\n\
        c-2,Bài hai,vi,Tóm tắt,Ý một,2,extra\r\n\
        c-3,,vi,Tóm tắt,Ý một,3\r\n";

    fn records(csv: &str) -> Vec<Result<Record, InputError>> {
        CsvRows::new(csv.as_bytes(), "t.csv".into(), 1 << 20)
            .map(|item| {
                item.map(|i| match i {
                    Item::Record(r) => r,
                    Item::Blank(_) => unreachable!("CSV has no blank items"),
                })
            })
            .collect()
    }

    #[test]
    fn rows_become_values_located_by_line_and_column_name() {
        let got = records(CSV);
        assert_eq!(got.len(), 3);
        let first = got[0].as_ref().expect("row");
        assert_eq!((first.index, first.line), (1, 2));
        let Body::Value { value, locations } = &first.body else {
            panic!("value")
        };
        assert_eq!(value["summary"], "Tóm tắt\r\nhai dòng");
        assert_eq!(
            locations.position("/summary"),
            (2, Some(Column::Name("summary".into())))
        );
        assert_eq!(
            locations.position_of_missing("/metadata", "title"),
            (2, Some(Column::Name("metadata.title".into())))
        );

        let second = got[1].as_ref().expect("row error");
        assert_eq!((second.index, second.line), (2, 4));
        assert!(matches!(&second.body, Body::Error(e) if e.kind == ReadErrorKind::Parse));
        assert_eq!(
            second.raw.bytes(),
            Some("c-2,Bài hai,vi,Tóm tắt,Ý một,2,extra\r\n".as_bytes())
        );

        let third = got[2].as_ref().expect("row");
        let Body::Value { value, .. } = &third.body else {
            panic!("value")
        };
        assert!(
            value["metadata"].get("title").is_none(),
            "an empty cell is an absent field"
        );
    }

    #[test]
    fn a_bad_header_ends_the_input() {
        let got = records("metadata.id,metadata.titel\r\nc-1,T\r\n");
        assert!(
            matches!(&got[..], [Err(InputError::Header { line: 1, .. })]),
            "{got:?}"
        );
    }

    #[test]
    fn a_row_that_never_ends_stops_the_input_in_bounded_memory() {
        let header =
            "metadata.id,metadata.title,metadata.language,summary,bullets,discussion_count\r\n";
        let mut text = format!("{header}c-1,T,vi,S,B,1\r\nc-2,\"").into_bytes();
        text.resize(8 << 20, b'x');
        let got = records(std::str::from_utf8(&text).expect("utf8"));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].is_ok());
        let Err(InputError::Read { line, source, .. }) = &got[1] else {
            panic!("an input error: {:?}", got[1])
        };
        assert_eq!(*line, 3);
        let message = source.to_string();
        assert!(
            message.contains("runs past the limit of 1048576 bytes inside a quoted cell")
                && message.contains("the rest of the file from line 3 on was not read"),
            "{message}"
        );
    }

    #[test]
    fn a_row_of_too_many_values_is_a_size_error() {
        let header =
            "metadata.id,metadata.title,metadata.language,summary,bullets,discussion_count\r\n";
        let bullets = "a\n".repeat(150_000);
        let text = format!("{header}c-1,T,vi,S,\"{bullets}\",1\r\nc-2,T,vi,S,B,1\r\n");
        let got = records(&text);
        assert_eq!(got.len(), 2);
        let first = got[0].as_ref().expect("a row error");
        assert!(
            matches!(&first.body, Body::Error(e) if e.kind == ReadErrorKind::Size && e.message.contains("JSON values")),
            "{:?}",
            first.body
        );
        assert!(matches!(
            got[1].as_ref().map(|r| &r.body),
            Ok(Body::Value { .. })
        ));
    }

    #[test]
    fn an_unquoted_row_far_past_the_limit_is_skipped_and_reading_goes_on() {
        let header =
            "metadata.id,metadata.title,metadata.language,summary,bullets,discussion_count\r\n";
        let big = "x".repeat(3 << 20);
        let text = format!("{header}c-1,T,vi,S,B,1\r\nc-2,T,vi,{big},B,2\r\nc-3,T,vi,S,B,3\r\n");
        let got = records(&text);
        assert_eq!(got.len(), 3, "{got:?}");
        let second = got[1].as_ref().expect("a row error");
        assert_eq!((second.index, second.line), (2, 3));
        let Body::Error(e) = &second.body else {
            panic!("{:?}", second.body)
        };
        assert_eq!(e.kind, ReadErrorKind::Size);
        assert!(
            e.message
                .starts_with(&format!("the row is {} bytes", 3 * 1024 * 1024 + 15)),
            "{}",
            e.message
        );
        let third = got[2].as_ref().expect("the next row");
        assert_eq!((third.index, third.line), (3, 4));
        assert!(
            matches!(&third.body, Body::Value { value, .. } if value["metadata"]["id"] == "c-3")
        );
    }

    #[test]
    fn oversize_rows_are_size_errors() {
        let rows: Vec<_> = CsvRows::new(CSV.as_bytes(), "t.csv".into(), 20).collect();
        let Ok(Item::Record(first)) = &rows[0] else {
            panic!("record")
        };
        assert!(matches!(&first.body, Body::Error(e) if e.kind == ReadErrorKind::Size));
    }
}
