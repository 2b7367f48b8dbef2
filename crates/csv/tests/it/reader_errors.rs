//! Bad rows are reported with row, line and column, and reading goes on.

use std::io::{self, Read};

use articlekit_csv::{COLUMNS, CsvOptions, CsvReader, CsvRecord, CsvRowError};
use serde_json::Value;

use crate::{hostile_articles, read, write};

/// A header and rows of 21 cells built from `(column index, cell)` edits of a
/// minimal valid row whose id is `id`.
fn row(id: &str, edits: &[(usize, &str)]) -> String {
    let mut cells = vec![String::new(); COLUMNS.len()];
    cells[0] = id.into();
    cells[1] = "T".into();
    cells[2] = "vi".into();
    cells[17] = "S".into();
    cells[18] = "B".into();
    cells[20] = "1".into();
    for (i, cell) in edits {
        cells[*i] = (*cell).into();
    }
    cells.join(",")
}

fn header() -> String {
    COLUMNS.join(",")
}

fn ok_id(item: &Result<CsvRecord, CsvRowError>) -> String {
    item.as_ref().unwrap().value["metadata"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn err(item: &Result<CsvRecord, CsvRowError>) -> (u64, u64, Option<&str>, &str) {
    let e = item.as_ref().unwrap_err();
    (e.row, e.line, e.column.as_deref(), e.message.as_str())
}

#[test]
fn bad_rows_are_reported_and_reading_goes_on() {
    let text = [
        header(),
        row("a", &[(17, "\"two\nlines\"")]),
        "a,b,c".to_owned(),
        row("b", &[(6, "[{\"name\":")]),
        row("c", &[(7, "\"{\"\"a\"\":1}\"")]),
        row("d", &[(20, "ten")]),
        row("e", &[]),
        row("f", &[(20, "")]) + ",extra",
        row("g", &[(16, "\"never closed\r\nstill open,"), (20, "2")]),
    ]
    .join("\r\n");
    let mut bytes = text.into_bytes();
    // Invalid UTF-8 in row "e"'s title.
    let at = bytes.windows(4).position(|w| w == b"e,T,").unwrap() + 2;
    bytes[at] = 0xFF;
    let items = read(&bytes);
    assert_eq!(items.len(), 8, "{items:#?}");

    assert_eq!(ok_id(&items[0]), "a");
    assert_eq!(
        (
            items[0].as_ref().unwrap().row,
            items[0].as_ref().unwrap().line
        ),
        (1, 2)
    );
    assert_eq!(
        err(&items[1]),
        (2, 4, None, "the row has 3 fields, the header 21")
    );
    let (row, line, column, message) = err(&items[2]);
    assert_eq!((row, line, column), (3, 5, Some("metadata.authors")));
    assert!(
        message.starts_with("not a JSON array: EOF while parsing"),
        "{message}"
    );
    assert_eq!(
        err(&items[3]),
        (
            4,
            6,
            Some("metadata.tags"),
            "expected a JSON array, found an object"
        )
    );
    // Not a cell-level problem: the text goes on to the schema as a string.
    let d = items[4].as_ref().unwrap();
    assert_eq!(
        (d.row, d.line, &d.value["discussion_count"]),
        (5, 7, &Value::from("ten"))
    );
    assert_eq!(
        err(&items[5]),
        (
            6,
            8,
            Some("metadata.title"),
            "the cell is not valid UTF-8 (byte 1)"
        )
    );
    assert_eq!(
        err(&items[6]),
        (7, 9, None, "the row has 22 fields, the header 21")
    );
    assert_eq!(
        err(&items[7]),
        (
            8,
            10,
            Some("metadata.source.text"),
            "unclosed quote: the cell runs to the end of the file"
        )
    );
    // Every row keeps its bytes, for the quarantine.
    assert_eq!(items[1].as_ref().unwrap_err().raw, b"a,b,c\r\n");
    let raw = &items[7].as_ref().unwrap_err().raw;
    assert!(
        raw.starts_with(b"g,T,vi,") && raw.ends_with(b"still open,,S,B,,2"),
        "{raw:?}"
    );
}

#[test]
fn a_bad_header_is_reported_once_and_no_row_goes_uncounted() {
    let text = format!(
        "{},surprise\r\n{},x\r\n{},y\r\n",
        header(),
        row("a", &[]),
        row("b", &[])
    );
    let items = read(text.as_bytes());
    assert_eq!(items.len(), 3);
    let (row, line, column, message) = err(&items[0]);
    assert_eq!((row, line, column), (0, 1, Some("surprise")));
    assert!(
        message.starts_with("bad header: unknown column `surprise`"),
        "{message}"
    );
    assert_eq!(
        err(&items[1]),
        (1, 2, None, "row not decoded: the header is invalid")
    );
    assert_eq!(
        err(&items[2]),
        (2, 3, None, "row not decoded: the header is invalid")
    );

    let items = read(b"metadata.id,summary\r\na,b\r\n");
    assert_eq!(err(&items[0]).2, Some("metadata.title"));
    assert_eq!(items.len(), 2);
}

#[test]
fn empty_input_is_one_error() {
    let items = read(b"");
    assert_eq!(items.len(), 1);
    assert_eq!(
        err(&items[0]),
        (0, 1, None, "the input is empty: no header row")
    );
}

#[test]
fn header_only_is_no_records() {
    assert!(read(format!("{}\n", header()).as_bytes()).is_empty());
    assert!(read(write(&[], true).as_slice()).is_empty());
}

#[test]
fn lf_files_blank_lines_bom_and_any_column_order_are_accepted() {
    let text = "\u{FEFF}summary,discussion_count,bullets,metadata.language,metadata.title,metadata.id\n\n\
         S,3,\"x\ny\",vi,'=T,a\n\n\nS2,4,z,en,T2,b";
    let items: Vec<_> =
        CsvReader::with_options(text.as_bytes(), CsvOptions { excel: false }).collect();
    assert_eq!(items.len(), 2);
    let a = items[0].as_ref().unwrap();
    assert_eq!((a.row, a.line), (1, 3));
    assert_eq!(
        a.value.to_string(),
        r#"{"metadata":{"id":"a","title":"'=T","language":"vi"},"summary":"S","bullets":["x","y"],"discussion_count":3}"#
    );
    assert_eq!(a.raw, b"S,3,\"x\ny\",vi,'=T,a\n\n\n");
    let b = items[1].as_ref().unwrap();
    assert_eq!(
        (b.row, b.line, b.raw.as_slice()),
        (2, 7, &b"S2,4,z,en,T2,b"[..])
    );

    // Auto-detected from the BOM: spreadsheet mode takes the apostrophe off.
    let auto = read(text.as_bytes());
    assert_eq!(auto[0].as_ref().unwrap().value["metadata"]["title"], "=T");
}

/// Yields its bytes, then fails.
struct Failing<'a>(&'a [u8]);

impl Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0.is_empty() {
            return Err(io::Error::other("disk on fire"));
        }
        let n = buf.len().min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn an_io_error_ends_reading_after_the_rows_before_it() {
    let bytes = write(&hostile_articles(), false);
    let items: Vec<_> = CsvReader::new(Failing(&bytes)).collect();
    assert_eq!(items.len(), 4, "{items:#?}");
    assert!(items[..3].iter().all(Result::is_ok));
    let (row, _, column, message) = err(&items[3]);
    assert_eq!((row, column), (4, None));
    assert_eq!(message, "cannot read the input: disk on fire");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Whatever follows the header, the reader never panics, every row comes
    /// back (as a record or an error) with its bytes, and its line is right.
    #[test]
    fn any_bytes_tile_into_rows_with_their_lines(
        body in proptest::collection::vec(
            proptest::sample::select(b"a,\"\r\n[]{}1\xFF\xC3\xA9' ".to_vec()),
            0..200,
        )
    ) {
        let head = format!("{}\r\n", header()).into_bytes();
        let mut bytes = head.clone();
        bytes.extend_from_slice(&body);
        let mut reader = CsvReader::new(&bytes[..]);
        let items: Vec<_> = reader.by_ref().collect();
        let mut offset = reader.header_raw().len();
        // Blank lines after the header belong to it.
        proptest::prop_assert!(reader.header_raw().starts_with(&head));
        for (i, item) in items.iter().enumerate() {
            let (row, line, raw) = match item {
                Ok(r) => (r.row, r.line, &r.raw),
                Err(e) => (e.row, e.line, &e.raw),
            };
            proptest::prop_assert_eq!(row, i as u64 + 1);
            let lines_before = memchr::memchr_iter(b'\n', &bytes[..offset]).count() as u64;
            proptest::prop_assert_eq!(line, lines_before + 1);
            proptest::prop_assert_eq!(&bytes[offset..offset + raw.len()], raw.as_slice());
            offset += raw.len();
        }
        proptest::prop_assert_eq!(offset, bytes.len());
    }
}
