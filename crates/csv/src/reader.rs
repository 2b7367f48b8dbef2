//! CSV rows → records, streamed one row at a time.

use std::io::Read;
use std::mem;

use csv::ByteRecord;
use serde_json::Value;

use crate::decode::Header;
use crate::error::CsvRowError;
use crate::tee::Tee;
use crate::writer::{BOM, CsvOptions};

/// One row read back, not yet validated.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvRecord {
    /// 1-based record number, header excluded.
    pub row: u64,
    /// 1-based physical line where the row starts (lines end at LF).
    pub line: u64,
    /// The row's bytes exactly as in the file, line ending and any blank
    /// lines after it included: the header's and all rows' `raw`, in order,
    /// are the whole file.
    pub raw: Vec<u8>,
    /// The record rebuilt as JSON in canonical field order, absent fields
    /// omitted; validate it before use.
    pub value: Value,
}

/// Reads CSV in the articlekit layout, one row at a time, in constant
/// memory (one row and the `csv` crate's buffer).
///
/// The header names the columns, in any order; optional columns may be left
/// out, unknown or repeated ones are an error. A UTF-8 BOM before it is
/// skipped. Blank lines between rows are ignored.
///
/// Each item is a record or a [`CsvRowError`]; after an error the reader goes
/// on with the next row. A bad header is reported once (row 0) and then every
/// row as not decoded, so that no row goes uncounted. Only an I/O error ends
/// the iteration early.
#[derive(Debug)]
pub struct CsvReader<R: Read> {
    csv: csv::Reader<Tee<R>>,
    excel: Option<bool>,
    header: Option<Header>,
    header_raw: Vec<u8>,
    pending: Option<Pending>,
    scratch: ByteRecord,
    rows: u64,
    line: Lines,
    started: bool,
    done: bool,
    queued: Option<CsvRowError>,
    limit: Option<u64>,
}

/// A record read whose end in the file is not known yet.
#[derive(Debug)]
struct Pending {
    start: u64,
    line: u64,
    record: ByteRecord,
    is_header: bool,
    /// Bytes of the row dropped past the size limit (see `Tee::skipped`).
    skipped: u64,
}

/// Counts line feeds up to an offset.
#[derive(Debug, Default)]
struct Lines {
    offset: u64,
    line: u64,
}

impl<R: Read> CsvReader<R> {
    /// A reader that detects the mode: a file that starts with a UTF-8 BOM
    /// (as Excel mode writes it) has its neutralising apostrophes removed,
    /// any other is read as is.
    pub fn new(r: R) -> Self {
        Self::build(r, None)
    }

    /// A reader in the given mode, whether or not the file has a BOM.
    pub fn with_options(r: R, options: CsvOptions) -> Self {
        Self::build(r, Some(options.excel))
    }

    fn build(r: R, excel: Option<bool>) -> Self {
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Tee::new(r));
        Self {
            csv,
            excel,
            header: None,
            header_raw: Vec::new(),
            pending: None,
            scratch: ByteRecord::new(),
            rows: 0,
            line: Lines { offset: 0, line: 1 },
            started: false,
            done: false,
            queued: None,
            limit: None,
        }
    }

    /// Reports a row over `limit` bytes as an error instead of decoding it,
    /// and goes on. A row more than 64 KiB over the limit stops the reading
    /// there (it cannot be told from a row that never ends, such as one with
    /// an unclosed quote), so memory stays bounded whatever the input.
    #[must_use]
    pub fn max_record_bytes(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self.csv.get_mut().limit = Some(limit);
        self
    }

    /// The header row's bytes as in the file (BOM included), once the first
    /// item has been read; for writing quarantined rows under the same header.
    pub fn header_raw(&self) -> &[u8] {
        &self.header_raw
    }

    /// Where the record just read really starts: past the line ending of the
    /// row before and any blank lines, which `csv` counts as its start.
    fn true_start(&self, from: u64) -> u64 {
        let kept = self.csv.get_ref().since(from);
        let bom = if from == 0 && kept.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        let skipped = kept[bom..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        from + (bom + skipped) as u64
    }

    fn line_at(&mut self, offset: u64) -> u64 {
        let tee = self.csv.get_ref();
        let span = tee.since(self.line.offset);
        let len = usize::try_from(offset - self.line.offset)
            .unwrap_or(usize::MAX)
            .min(span.len());
        self.line.line += memchr::memchr_iter(b'\n', &span[..len]).count() as u64;
        self.line.offset = offset;
        self.line.line
    }

    /// Turns a pending record into the item to yield, now that its end is known.
    fn finish(
        &mut self,
        p: &Pending,
        end: u64,
        at_eof: bool,
    ) -> Option<Result<CsvRecord, CsvRowError>> {
        let raw_start = if p.is_header { 0 } else { p.start };
        let raw = self.csv.get_mut().cut(raw_start, end);
        let own = usize::try_from(p.start - raw_start).unwrap_or(usize::MAX);
        let unclosed = if at_eof {
            unclosed_quote(raw.get(own..).unwrap_or_default())
        } else {
            None
        };
        if p.is_header {
            self.excel.get_or_insert(raw.starts_with(BOM));
            let decoded = match unclosed {
                Some(_) => Err((None, "the header row has an unclosed quote".to_owned())),
                None => Header::decode(&p.record),
            };
            self.header_raw = raw;
            return match decoded {
                Ok(header) => {
                    self.header = Some(header);
                    None
                }
                Err((column, message)) => Some(Err(CsvRowError {
                    row: 0,
                    line: p.line,
                    column,
                    message: format!("bad header: {message}"),
                    raw: self.header_raw.clone(),
                    oversize: false,
                    ends_input: false,
                })),
            };
        }
        self.rows += 1;
        let error = |column: Option<String>, message: String, raw: Vec<u8>| {
            Some(Err(CsvRowError {
                row: self.rows,
                line: p.line,
                column,
                message,
                raw,
                oversize: false,
                ends_input: false,
            }))
        };
        let Some(header) = &self.header else {
            return error(
                None,
                "row not decoded: the header is invalid".to_owned(),
                raw,
            );
        };
        let raw = match self.over_limit(p, raw) {
            Ok(raw) => raw,
            Err(e) => return Some(Err(e)),
        };
        if let Some(field) = unclosed {
            let column = header.name(field).map(str::to_owned);
            return error(
                column,
                "unclosed quote: the cell runs to the end of the file".to_owned(),
                raw,
            );
        }
        // However the row spends its bytes (a million one-letter bullets),
        // what it becomes stays within a few times the size limit.
        if let Some(limit) = self.limit {
            let most = max_values(limit);
            let values = header.values_at_most(&p.record);
            if values > most {
                let message = format!(
                    "the row holds about {values} JSON values, over the limit of {most} (one per 32 bytes of the size limit)"
                );
                return error(None, message, raw).map(|e| {
                    e.map_err(|e| CsvRowError {
                        oversize: true,
                        ..e
                    })
                });
            }
        }
        if p.record.len() != header.len() {
            let message = format!(
                "the row has {} fields, the header {}",
                p.record.len(),
                header.len()
            );
            return error(None, message, raw);
        }
        match header.decode_row(&p.record, self.excel.unwrap_or(false)) {
            Ok(value) => Some(Ok(CsvRecord {
                row: self.rows,
                line: p.line,
                raw,
                value,
            })),
            Err((column, message)) => error(column, message, raw),
        }
    }
}

impl<R: Read> Iterator for CsvReader<R> {
    type Item = Result<CsvRecord, CsvRowError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(error) = self.queued.take() {
                return Some(Err(error));
            }
            if self.done {
                return None;
            }
            let read = self.csv.read_byte_record(&mut self.scratch);
            let next_start = match &read {
                Ok(true) => {
                    let from = self.scratch.position().map_or(0, csv::Position::byte);
                    let after = self.csv.position().byte();
                    self.csv.get_mut().row_start = after;
                    Some(self.true_start(from))
                }
                Ok(false) | Err(_) => None,
            };
            let overflowed = self.csv.get_ref().overflowed;
            // After a read error, the rows before it end where the failed one starts.
            let failed_at = read
                .is_err()
                .then(|| self.true_start(self.csv.get_ref().row_start));
            let cut_at = next_start.or(failed_at);
            let next_line = cut_at.map(|start| self.line_at(start));
            let end = cut_at.unwrap_or_else(|| self.csv.get_ref().total());
            let done = self.pending.take();
            let finished = done
                .as_ref()
                .and_then(|p| self.finish(p, end, next_start.is_none()));
            if let (Some(start), Some(line)) = (next_start, next_line) {
                // The finished record's buffers are reused for the next read.
                let spare = done.map(|p| p.record).unwrap_or_default();
                let record = mem::replace(&mut self.scratch, spare);
                let skipped = mem::take(&mut self.csv.get_mut().skipped);
                self.pending = Some(Pending {
                    start,
                    line,
                    record,
                    is_header: !self.started,
                    skipped,
                });
                self.started = true;
            } else {
                self.done = true;
                self.queued = match read {
                    Err(_) if overflowed => Some(self.fatal(format!(
                        "a row runs past the limit of {} bytes inside a quoted cell (an unclosed quote?); reading stops here: the rest of the file from line {} on was not read",
                        self.limit.unwrap_or_default(),
                        self.line.line
                    ))),
                    Err(error) => Some(self.fatal(format!("cannot read the input: {error}"))),
                    Ok(_) if !self.started => Some(self.fatal("the input is empty: no header row".to_owned())),
                    Ok(_) => None,
                };
            }
            if finished.is_some() {
                return finished;
            }
        }
    }
}

impl<R: Read> CsvReader<R> {
    /// The row's bytes back when it is within the limit; else its size
    /// error, without the bytes when the row was skipped past the limit (of
    /// which only the start was kept).
    fn over_limit(&self, p: &Pending, raw: Vec<u8>) -> Result<Vec<u8>, CsvRowError> {
        let len = raw.len() as u64 + p.skipped;
        let Some(limit) = self.limit.filter(|&limit| len > limit) else {
            return Ok(raw);
        };
        let mut message = format!("the row is {len} bytes, over the limit of {limit}");
        let raw = if p.skipped > 0 {
            message.push_str("; it was skipped to its end, reading goes on with the next row");
            Vec::new()
        } else {
            raw
        };
        Err(CsvRowError {
            row: self.rows,
            line: p.line,
            column: None,
            message,
            raw,
            oversize: true,
            ends_input: false,
        })
    }

    fn fatal(&self, message: String) -> CsvRowError {
        let row = if self.started { self.rows + 1 } else { 0 };
        CsvRowError {
            row,
            line: self.line.line,
            column: None,
            message,
            raw: Vec::new(),
            oversize: self.csv.get_ref().overflowed,
            ends_input: true,
        }
    }
}

/// The most JSON values a row of at most `limit` bytes may become: one per
/// 32 bytes, and at least 100,000 (as for NDJSON and JSON records).
fn max_values(limit: u64) -> u64 {
    (limit / 32).max(100_000)
}

/// The field index of a quoted field still open at the end of `raw` (one
/// record as `csv` splits it), following `csv`'s reading of quotes.
fn unclosed_quote(raw: &[u8]) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut field = 0;
    for &b in raw {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) | (State::QuoteInQuoted | State::FieldStart, b'"') => State::Quoted,
            (_, b',') => {
                field += 1;
                State::FieldStart
            }
            (_, b'\r' | b'\n') => {
                field = 0;
                State::FieldStart
            }
            _ => State::Unquoted,
        };
    }
    (state == State::Quoted).then_some(field)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly on bad data, which is its job
mod tests {
    use std::io::Read;

    use super::{CsvReader, unclosed_quote};
    use crate::COLUMNS;

    /// `n` rows made on the fly, each `cell` bytes long in its summary.
    struct Rows {
        header: bool,
        left: usize,
        cell: usize,
        pending: Vec<u8>,
    }

    impl Read for Rows {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.pending.is_empty() {
                if std::mem::take(&mut self.header) {
                    self.pending = format!("{}\r\n", COLUMNS.join(",")).into_bytes();
                } else if self.left > 0 {
                    self.left -= 1;
                    let summary = "s".repeat(self.cell);
                    self.pending =
                        format!("id-{},T,vi,,,,,,,,,,,,,,,{summary},B,,1\r\n", self.left)
                            .into_bytes();
                }
            }
            let n = buf.len().min(self.pending.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            Ok(n)
        }
    }

    fn rows(n: usize, cell: usize) -> Rows {
        Rows {
            header: true,
            left: n,
            cell,
            pending: Vec::new(),
        }
    }

    #[test]
    fn memory_stays_flat_over_many_rows() {
        let mut reader = CsvReader::new(rows(50_000, 200));
        let mut count = 0;
        while let Some(item) = reader.next() {
            assert!(item.is_ok());
            assert!(
                reader.csv.get_ref().kept_len() < 32 * 1024,
                "{}",
                reader.csv.get_ref().kept_len()
            );
            count += 1;
        }
        assert_eq!(count, 50_000);
    }

    #[test]
    fn rows_over_the_limit_are_reported_and_reading_goes_on() {
        let mut text = format!("{}\r\n", COLUMNS.join(","));
        text += "a,T,vi,,,,,,,,,,,,,,,short,B,,1\r\n";
        text += "b,T,vi,,,,,,,,,,,,,,,";
        text += &"x".repeat(500);
        text += ",B,,1\r\n";
        text += "c,T,vi,,,,,,,,,,,,,,,short,B,,1\r\n";
        let items: Vec<_> = CsvReader::new(text.as_bytes())
            .max_record_bytes(100)
            .collect();
        assert_eq!(items.len(), 3);
        assert!(items[0].is_ok() && items[2].is_ok());
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(
            (e.row, e.line, e.message.as_str()),
            (2, 3, "the row is 528 bytes, over the limit of 100")
        );
        assert_eq!(e.raw.len(), 528);
    }

    #[test]
    fn a_row_that_never_ends_stops_reading_near_the_limit() {
        let mut text = format!(
            "{}\r\nok,T,vi,,,,,,,,,,,,,,,S,B,,1\r\nopen,\"",
            COLUMNS.join(",")
        )
        .into_bytes();
        text.resize(4 << 20, b'x');
        let mut reader = CsvReader::new(&text[..]).max_record_bytes(1000);
        assert!(reader.next().unwrap().is_ok());
        let e = reader.next().unwrap().unwrap_err();
        assert_eq!((e.row, e.line, e.column.as_deref()), (2, 3, None));
        assert!(
            e.message
                .starts_with("a row runs past the limit of 1000 bytes"),
            "{}",
            e.message
        );
        assert!(reader.csv.get_ref().kept_len() < 256 * 1024);
        assert!(reader.next().is_none());
    }

    #[test]
    fn open_quotes_are_found_with_their_field() {
        assert_eq!(unclosed_quote(b"a,b,\"c\r\nd"), Some(2));
        assert_eq!(unclosed_quote(b"\"a"), Some(0));
        assert_eq!(unclosed_quote(b"a,\"b\"\"\",c\r\n"), None);
        assert_eq!(unclosed_quote(b"a,\"b\"\"c"), Some(1));
        assert_eq!(unclosed_quote(b"a\"b,c"), None);
        assert_eq!(unclosed_quote(b"\"a\"x\"y"), None);
        assert_eq!(unclosed_quote(b""), None);
    }
}
