//! XLSX: a workbook in the CSV layout, read with `calamine`, one article per
//! row of the sheet `articles` (or of the first sheet when none has that
//! name).
//!
//! - The first row that has a cell is the header: the layout's column
//!   names, in any order, checked by the CSV layout's own rules
//!   ([`articlekit_csv::Layout`]); every later row with a cell is a record,
//!   its cells decoded by the same code as a CSV row. Rows with no cell are
//!   skipped.
//! - A text column takes text cells only. `discussion_count` takes a
//!   number cell, or text that the CSV layout reads. A number, date,
//!   boolean or error cell in a text column is an error naming the cell
//!   (`B7`) and its column, rather than a guess at its text.
//! - A record is located by its sheet row (its line) and, for each error,
//!   the column name and cell, `metadata.title (B7)`. A record's raw bytes
//!   are its canonical JSON line, as for Parquet.
//!
//! The zip container is read from a file (standard input is copied to a
//! temporary one first). The sheet is streamed cell by cell on a thread of
//! its own, a few rows ahead; a workbook saved with a shared string table
//! (`LibreOffice`, Excel, `openpyxl`) has that table in memory, one written by
//! `export --to xlsx` has none (its strings are inline).

use std::collections::VecDeque;
use std::fs::File;
use std::io::BufReader;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use articlekit_csv::{Layout, column_for_pointer};
use calamine::{DataRef, Reader, Xlsx};

use crate::record::{Body, Column, Item, Locations, Raw, ReadError, ReadErrorKind, Record};
use crate::{Format, InputError};

/// The sheet read when the workbook has it.
pub const SHEET_NAME: &str = "articles";

/// Rows handed from the sheet's thread at a time, and batches in flight.
const ROWS_PER_BATCH: usize = 64;
const BATCHES_AHEAD: usize = 4;

/// One value of a sheet, owned.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Int(i64),
    Float(f64),
    /// Anything else: what it is (`a boolean`) and how it shows (`TRUE`).
    Other(&'static str, String),
}

/// One row of a sheet: its 0-based index and its non-empty cells by 0-based column.
#[derive(Debug)]
struct SheetRow {
    row: u32,
    cells: Vec<(u32, Cell)>,
}

type Batch = Result<Vec<SheetRow>, (Option<u64>, String)>;

/// The header, once read: the layout and where each of its columns is.
#[derive(Debug)]
struct Header {
    layout: Layout,
    /// Layout column index of each sheet column that has a header cell.
    by_sheet_column: Vec<Option<usize>>,
    letters: Arc<[(&'static str, Box<str>)]>,
}

/// Reads the rows of a workbook's sheet as records.
#[derive(Debug)]
pub struct XlsxReader {
    rows: Receiver<Batch>,
    pending: VecDeque<SheetRow>,
    header: Option<Header>,
    sheet: String,
    input: Arc<str>,
    max_record_bytes: u64,
    records: u64,
    done: bool,
}

impl XlsxReader {
    /// Opens the workbook `file` (named `input` in reports) and starts
    /// reading its sheet. A file that is not a workbook, or that has no
    /// sheet, is an [`InputError::Xlsx`].
    pub fn new(file: File, input: Arc<str>, max_record_bytes: u64) -> Result<Self, InputError> {
        let failed = |message: String| InputError::Xlsx {
            input: input.clone(),
            row: None,
            message,
        };
        let mut book: Xlsx<BufReader<File>> = Xlsx::new(BufReader::with_capacity(1 << 16, file))
            .map_err(|e| failed(e.to_string()))?;
        let names = book.sheet_names();
        let sheet = names
            .iter()
            .find(|n| n.as_str() == SHEET_NAME)
            .or_else(|| names.first())
            .cloned()
            .ok_or_else(|| failed("the workbook has no sheet".to_owned()))?;
        // Opening the sheet here reports a damaged one before any row.
        book.worksheet_cells_reader(&sheet)
            .map_err(|e| failed(format!("sheet `{sheet}`: {e}")))?;
        let (tx, rx) = sync_channel(BATCHES_AHEAD);
        let name = sheet.clone();
        std::thread::Builder::new()
            .name("articlekit-xlsx".to_owned())
            .spawn(move || stream_sheet(book, &name, &tx))
            .map_err(|e| failed(format!("cannot start reading: {e}")))?;
        Ok(Self {
            rows: rx,
            pending: VecDeque::new(),
            header: None,
            sheet,
            input,
            max_record_bytes,
            records: 0,
            done: false,
        })
    }

    fn input_error(&self, row: Option<u64>, message: &str) -> InputError {
        InputError::Xlsx {
            input: self.input.clone(),
            row,
            message: format!("sheet `{}`: {message}", self.sheet),
        }
    }

    /// The next row with a cell, or the end; an error ends the input.
    fn next_row(&mut self) -> Option<Result<SheetRow, InputError>> {
        loop {
            if let Some(row) = self.pending.pop_front() {
                return Some(Ok(row));
            }
            match self.rows.recv() {
                Ok(Ok(rows)) => self.pending.extend(rows),
                Ok(Err((row, message))) => return Some(Err(self.input_error(row, &message))),
                // The sheet's thread is done.
                Err(_) => return None,
            }
        }
    }

    fn read_header(&self, row: &SheetRow) -> Result<Header, InputError> {
        let line = u64::from(row.row) + 1;
        let mut names = Vec::with_capacity(row.cells.len());
        for (col, cell) in &row.cells {
            match cell {
                Cell::Text(name) => names.push((*col, name.as_str())),
                other => {
                    let at = cell_ref(*col, line);
                    return Err(self.input_error(
                        Some(line),
                        &format!(
                            "cell {at}: bad header: {}, where a column name is expected",
                            describe(other)
                        ),
                    ));
                }
            }
        }
        let layout = Layout::new(names.iter().map(|(_, n)| *n)).map_err(|(column, message)| {
            let at = column
                .as_deref()
                .and_then(|c| names.iter().find(|(_, n)| *n == c))
                .map(|(col, _)| format!("cell {}: ", cell_ref(*col, line)))
                .unwrap_or_default();
            self.input_error(Some(line), &format!("{at}bad header: {message}"))
        })?;
        let width = names
            .iter()
            .map(|(c, _)| *c)
            .max()
            .map_or(0, |c| c as usize + 1);
        let mut by_sheet_column = vec![None; width];
        let mut letters = Vec::with_capacity(names.len());
        for (i, &(col, _)) in names.iter().enumerate() {
            by_sheet_column[col as usize] = Some(i);
            if let Some(name) = layout.name(i) {
                letters.push((name, column_letters(col).into_boxed_str()));
            }
        }
        Ok(Header {
            layout,
            by_sheet_column,
            letters: letters.into(),
        })
    }

    fn record(&self, header: &Header, row: SheetRow) -> Record {
        let line = u64::from(row.row) + 1;
        let (raw, body) = match self.decode(header, row, line) {
            Ok((raw, value)) => {
                let locations = Locations::Cells {
                    line,
                    column_for: column_for_pointer,
                    letters: header.letters.clone(),
                };
                (Raw::Bytes(raw), Body::Value { value, locations })
            }
            Err((kind, column, message, len)) => {
                let error = ReadError {
                    kind,
                    line,
                    column: column.map(Column::Name),
                    message,
                };
                (Raw::Omitted { len }, Body::Error(error))
            }
        };
        Record {
            input: self.input.clone(),
            format: Format::Xlsx,
            index: self.records,
            line,
            column: 1,
            raw,
            body,
        }
    }

    /// The row's record as JSON and its canonical line, or what is wrong:
    /// `(kind, column, message, length in bytes)`.
    #[allow(clippy::type_complexity)]
    fn decode(
        &self,
        header: &Header,
        row: SheetRow,
        line: u64,
    ) -> Result<(Vec<u8>, serde_json::Value), (ReadErrorKind, Option<String>, String, u64)> {
        let parse = |column: Option<String>, message: String| {
            Err((ReadErrorKind::Parse, column, message, 0))
        };
        let mut cells: Vec<String> = vec![String::new(); header.layout.len()];
        let mut bytes = 0u64;
        for (col, cell) in row.cells {
            let at = cell_ref(col, line);
            let Some(index) = header.by_sheet_column.get(col as usize).copied().flatten() else {
                return parse(
                    None,
                    format!(
                        "cell {at} has a value, but column {} has no header",
                        column_letters(col)
                    ),
                );
            };
            let name = header.layout.name(index).unwrap_or_default();
            let integer = header.layout.is_integer(index);
            let text = match cell {
                Cell::Text(text) => text,
                Cell::Int(n) if integer => n.to_string(),
                Cell::Float(x) if integer => number_text(x),
                other => {
                    let expected = if integer { "a number" } else { "text" };
                    return parse(
                        Some(format!("{name} ({at})")),
                        format!(
                            "cell {at} ({name}) holds {}, where {expected} is expected",
                            describe(&other)
                        ),
                    );
                }
            };
            bytes += text.len() as u64;
            cells[index] = text;
        }
        let limit = self.max_record_bytes;
        if bytes > limit {
            return Err((
                ReadErrorKind::Size,
                None,
                format!(
                    "the row's cells are {bytes} bytes long, over the limit of {limit} bytes (--max-record-bytes)"
                ),
                bytes,
            ));
        }
        let values = header
            .layout
            .values_at_most(cells.iter().map(String::as_str));
        let most = (limit / 32).max(64);
        if values > most {
            return Err((
                ReadErrorKind::Size,
                None,
                format!(
                    "the row holds about {values} JSON values, over the limit of {most} (one per 32 bytes of the size limit)"
                ),
                bytes,
            ));
        }
        let value = match header.layout.decode(cells.iter().map(String::as_str)) {
            Ok(value) => value,
            Err((column, message)) => {
                let located = column.as_deref().and_then(|c| {
                    header.letters.iter().find(|(n, _)| *n == c).map(|(n, l)| {
                        (
                            format!("{n} ({l}{line})"),
                            format!("cell {l}{line} ({n}): "),
                        )
                    })
                });
                return match located {
                    Some((column, at)) => parse(Some(column), format!("{at}{message}")),
                    None => parse(column, message),
                };
            }
        };
        // The raw bytes are the record's canonical NDJSON line, so that a
        // quarantine of invalid records is NDJSON like any other.
        // (sonic-rs writes serde_json's bytes, faster than `Display`.)
        let mut raw = sonic_rs::to_vec(&value).unwrap_or_else(|_| value.to_string().into_bytes());
        raw.push(b'\n');
        if raw.len() as u64 > limit {
            let len = raw.len() as u64;
            return Err((
                ReadErrorKind::Size,
                None,
                format!(
                    "the record is {len} bytes long as JSON, over the limit of {limit} bytes (--max-record-bytes)"
                ),
                len,
            ));
        }
        Ok((raw, value))
    }
}

impl Iterator for XlsxReader {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let row = match self.next_row() {
                Some(Ok(row)) => row,
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                None => {
                    self.done = true;
                    return self.header.is_none().then(|| {
                        Err(self.input_error(Some(1), "the sheet is empty: no header row"))
                    });
                }
            };
            let Some(header) = self.header.take() else {
                match self.read_header(&row) {
                    Ok(header) => {
                        self.header = Some(header);
                        continue;
                    }
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e));
                    }
                }
            };
            self.records += 1;
            let record = self.record(&header, row);
            self.header = Some(header);
            return Some(Ok(Item::Record(record)));
        }
    }
}

/// Reads the sheet cell by cell and sends its non-empty rows in batches;
/// stops when the reader is gone.
fn stream_sheet(mut book: Xlsx<BufReader<File>>, sheet: &str, tx: &SyncSender<Batch>) {
    let mut cells = match book.worksheet_cells_reader(sheet) {
        Ok(cells) => cells,
        Err(e) => {
            let _ = tx.send(Err((None, e.to_string())));
            return;
        }
    };
    let mut batch: Vec<SheetRow> = Vec::with_capacity(ROWS_PER_BATCH);
    let mut current: Option<SheetRow> = None;
    loop {
        let cell = match cells.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                let row = current.as_ref().map(|r| u64::from(r.row) + 1);
                batch.extend(current.take());
                if !batch.is_empty() && tx.send(Ok(std::mem::take(&mut batch))).is_err() {
                    return;
                }
                let _ = tx.send(Err((row, e.to_string())));
                return;
            }
        };
        let (row, col) = cell.get_position();
        let Some(value) = owned(cell.get_value()) else {
            continue;
        };
        match &mut current {
            Some(r) if r.row == row => r.cells.push((col, value)),
            _ => {
                batch.extend(current.replace(SheetRow {
                    row,
                    cells: vec![(col, value)],
                }));
                if batch.len() >= ROWS_PER_BATCH && tx.send(Ok(std::mem::take(&mut batch))).is_err()
                {
                    return;
                }
            }
        }
    }
    batch.extend(current);
    if !batch.is_empty() {
        let _ = tx.send(Ok(batch));
    }
}

/// A cell's value, owned; `None` for an empty cell.
fn owned(value: &DataRef<'_>) -> Option<Cell> {
    Some(match value {
        DataRef::Empty => return None,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Int(n) => Cell::Int(*n),
        DataRef::Float(x) => Cell::Float(*x),
        DataRef::Bool(b) => Cell::Other("a boolean", if *b { "TRUE" } else { "FALSE" }.to_owned()),
        DataRef::DateTime(d) => Cell::Other("a date", d.as_f64().to_string()),
        DataRef::DateTimeIso(s) => Cell::Other("a date", s.clone()),
        DataRef::DurationIso(s) => Cell::Other("a duration", s.clone()),
        DataRef::Error(e) => Cell::Other("an error", e.to_string()),
    })
}

/// `a number (5)`, `a date (45123.5)`, `text`.
fn describe(cell: &Cell) -> String {
    match cell {
        Cell::Text(_) => "text".to_owned(),
        Cell::Int(n) => format!("a number ({n})"),
        Cell::Float(x) => format!("a number ({x})"),
        Cell::Other(what, shown) => format!("{what} ({shown})"),
    }
}

/// A number cell as the integer cell's text: a whole number within JSON's
/// exact range as digits, anything else as Rust writes it (the schema then
/// says it is not an integer).
#[allow(clippy::cast_possible_truncation)]
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 {
        (x as i64).to_string()
    } else {
        x.to_string()
    }
}

/// `A`, `Z`, `AA` for 0-based columns 0, 25, 26.
fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + u8::try_from(rem).unwrap_or(0));
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// `B7` for 0-based column 1 on 1-based row 7.
fn cell_ref(col: u32, line: u64) -> String {
    format!("{}{line}", column_letters(col))
}

#[cfg(test)]
mod tests {
    use std::io::{Seek, Write};

    use rust_xlsxwriter::Workbook;

    use super::*;

    /// A workbook whose sheet `name` has `rows` from A1 on (`None`: an empty cell).
    fn workbook(name: &str, rows: &[Vec<Option<Value>>]) -> File {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("name");
        for (r, row) in (0u32..).zip(rows) {
            for (c, cell) in (0u16..).zip(row) {
                match cell {
                    Some(Value::Text(t)) => sheet.write_string(r, c, *t).map(|_| ()),
                    Some(Value::Number(n)) => sheet.write_number(r, c, *n).map(|_| ()),
                    Some(Value::Bool(b)) => sheet.write_boolean(r, c, *b).map(|_| ()),
                    None => Ok(()),
                }
                .expect("cell");
            }
        }
        let bytes = book.save_to_buffer().expect("saved");
        let mut f = tempfile::tempfile().expect("temp file");
        f.write_all(&bytes).expect("write");
        f.rewind().expect("rewind");
        f
    }

    #[derive(Clone, Copy)]
    enum Value {
        Text(&'static str),
        Number(f64),
        Bool(bool),
    }
    use Value::{Bool, Number, Text};

    const HEADER: [&str; 6] = [
        "summary",
        "metadata.id",
        "metadata.title",
        "metadata.language",
        "bullets",
        "discussion_count",
    ];

    fn header() -> Vec<Option<Value>> {
        HEADER.iter().map(|h| Some(Text(h))).collect()
    }

    fn read(file: File) -> Vec<Result<Record, InputError>> {
        match XlsxReader::new(file, "a.xlsx".into(), 1 << 20) {
            Err(e) => vec![Err(e)],
            Ok(reader) => reader
                .map(|item| {
                    item.map(|i| match i {
                        Item::Record(r) => r,
                        Item::Blank(_) => unreachable!("no blanks in a workbook"),
                    })
                })
                .collect(),
        }
    }

    #[test]
    fn rows_become_values_located_by_sheet_row_and_cell() {
        let row = vec![
            Some(Text("Tóm tắt.")),
            Some(Text("x-1")),
            Some(Text("=1+1")),
            Some(Text("vi")),
            Some(Text("Ý một\nÝ hai")),
            Some(Number(7.0)),
        ];
        let file = workbook(
            "other",
            &[header(), row.clone(), vec![], vec![None, None, None], row],
        );
        let records = read(file);
        assert_eq!(records.len(), 2, "{records:?}");
        let second = records[1].as_ref().expect("a record");
        assert_eq!(
            (second.index, second.line, second.format),
            (2, 5, Format::Xlsx)
        );
        let line = r#"{"metadata":{"id":"x-1","title":"=1+1","language":"vi"},"summary":"Tóm tắt.","bullets":["Ý một","Ý hai"],"discussion_count":7}"#;
        assert_eq!(second.raw.bytes(), Some(format!("{line}\n").as_bytes()));
        let Body::Value { locations, .. } = &second.body else {
            panic!("a value: {:?}", second.body)
        };
        assert_eq!(
            locations.position("/bullets/1"),
            (5, Some(Column::Name("bullets (E5)".into())))
        );
        assert_eq!(
            locations.position_of_missing("/metadata", "title"),
            (5, Some(Column::Name("metadata.title (C5)".into())))
        );
    }

    #[test]
    fn the_articles_sheet_is_read_and_its_header_may_start_anywhere() {
        let mut book = Workbook::new();
        book.add_worksheet().set_name("notes").expect("name");
        let sheet = book.add_worksheet();
        sheet.set_name(SHEET_NAME).expect("name");
        for (c, name) in (2u16..).zip(HEADER) {
            sheet.write_string(3, c, name).expect("cell");
        }
        for (c, cell) in (2u16..).zip(["S", "id", "T", "vi", "B"]) {
            sheet.write_string(4, c, cell).expect("cell");
        }
        sheet.write_number(4, 7, 0.0).expect("cell");
        let mut f = tempfile::tempfile().expect("temp file");
        f.write_all(&book.save_to_buffer().expect("saved"))
            .expect("write");
        f.rewind().expect("rewind");
        let records = read(f);
        assert_eq!(records.len(), 1, "{records:?}");
        let record = records[0].as_ref().expect("a record");
        assert_eq!((record.index, record.line), (1, 5));
        assert!(
            matches!(&record.body, Body::Value { value, .. } if value["metadata"]["id"] == "id")
        );
    }

    #[test]
    fn a_cell_of_the_wrong_type_is_an_error_naming_the_cell() {
        let good = vec![
            Some(Text("S")),
            Some(Text("a")),
            Some(Text("T")),
            Some(Text("vi")),
            Some(Text("B")),
            Some(Number(1.0)),
        ];
        let mut number_title = good.clone();
        number_title[2] = Some(Number(5.0));
        let mut bool_language = good.clone();
        bool_language[3] = Some(Bool(true));
        let mut stray = good.clone();
        stray.push(None);
        stray.push(Some(Text("stray")));
        let mut text_count = good.clone();
        text_count[5] = Some(Text("12"));
        let mut fraction = good.clone();
        fraction[5] = Some(Number(1.5));
        let file = workbook(
            SHEET_NAME,
            &[
                header(),
                number_title,
                bool_language,
                stray,
                text_count,
                fraction,
                good,
            ],
        );
        let records = read(file);
        assert_eq!(records.len(), 6, "{records:?}");
        let error = |i: usize| match &records[i].as_ref().expect("a record").body {
            Body::Error(e) => (e.line, e.column.clone(), e.message.clone(), e.kind),
            other => panic!("an error: {other:?}"),
        };
        assert_eq!(
            error(0),
            (
                2,
                Some(Column::Name("metadata.title (C2)".into())),
                "cell C2 (metadata.title) holds a number (5), where text is expected".into(),
                ReadErrorKind::Parse
            )
        );
        assert_eq!(
            error(1).2,
            "cell D3 (metadata.language) holds a boolean (TRUE), where text is expected"
        );
        assert_eq!(
            error(2).2,
            "cell H4 has a value, but column H has no header"
        );
        // The count takes text the CSV layout reads, and any number (the schema judges it).
        for (i, count) in [
            (3, serde_json::json!(12)),
            (4, serde_json::json!(1.5)),
            (5, serde_json::json!(1)),
        ] {
            let record = records[i].as_ref().expect("a record");
            let Body::Value { value, .. } = &record.body else {
                panic!("a value: {:?}", record.body)
            };
            assert_eq!(value["discussion_count"], count);
        }
    }

    #[test]
    fn a_bad_header_or_no_workbook_ends_the_input() {
        let mut names = header();
        names[2] = Some(Text("title"));
        let records = read(workbook(SHEET_NAME, &[names]));
        let [Err(e @ InputError::Xlsx { row: Some(1), .. })] = &records[..] else {
            panic!("{records:?}")
        };
        assert!(
            e.to_string().starts_with(
                "cannot read `a.xlsx` as XLSX: sheet `articles`: cell C1: bad header: unknown column `title` (did you mean `metadata.title`?)"
            ),
            "{e}"
        );
        let mut numbered = header();
        numbered[4] = Some(Number(3.0));
        let records = read(workbook(SHEET_NAME, &[numbered]));
        assert!(
            matches!(&records[..], [Err(e)] if e.to_string().ends_with("cell E1: bad header: a number (3), where a column name is expected")),
            "{records:?}"
        );
        let records = read(workbook(SHEET_NAME, &[]));
        assert!(
            matches!(&records[..], [Err(e)] if e.to_string().ends_with("the sheet is empty: no header row")),
            "{records:?}"
        );
        let mut f = tempfile::tempfile().expect("temp file");
        f.write_all(b"metadata.id\n").expect("write");
        f.rewind().expect("rewind");
        let records = read(f);
        assert!(
            matches!(&records[..], [Err(InputError::Xlsx { row: None, .. })]),
            "{records:?}"
        );
    }

    #[test]
    fn oversize_rows_are_size_errors() {
        let row = vec![
            Some(Text("S")),
            Some(Text("a")),
            Some(Text("T")),
            Some(Text("vi")),
            Some(Text("B")),
            Some(Number(1.0)),
        ];
        let file = workbook(SHEET_NAME, &[header(), row]);
        let reader = XlsxReader::new(file, "a.xlsx".into(), 5).expect("opened");
        let items: Vec<_> = reader.collect();
        assert!(
            matches!(&items[..], [Ok(Item::Record(Record { body: Body::Error(e), .. }))] if e.kind == ReadErrorKind::Size),
            "{items:?}"
        );
    }

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        for (col, letters) in [
            (0, "A"),
            (1, "B"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
            (16_383, "XFD"),
        ] {
            assert_eq!(column_letters(col), letters, "{col}");
        }
        assert_eq!(cell_ref(1, 7), "B7");
    }

    #[test]
    fn numbers_become_integer_text_when_whole() {
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(9_007_199_254_740_991.0), "9007199254740991");
        assert_eq!(number_text(1.5), "1.5");
    }
}
