//! What a reader produces: records with their source location and raw bytes.

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::sync::Arc;

use serde_json::Value;

use crate::Format;

/// One item of an input: a record, or bytes that belong to no record.
#[derive(Debug)]
pub enum Item {
    /// A record (one NDJSON line, one JSON value, one CSV row, one page).
    Record(Record),
    /// An NDJSON line holding only whitespace. It is not a record (it has no
    /// index and is not counted), but its bytes are kept so that a
    /// quarantine split can account for every byte of the input.
    Blank(Blank),
}

/// A blank NDJSON line.
#[derive(Debug)]
pub struct Blank {
    /// Name of the input.
    pub input: Arc<str>,
    /// 1-based line number.
    pub line: u64,
    /// The line as it came in, terminator included.
    pub raw: Vec<u8>,
}

/// One record read from an input, not yet validated.
#[derive(Debug)]
pub struct Record {
    /// Name of the input (the path as given, or `<stdin>`).
    pub input: Arc<str>,
    /// Format the input was read as.
    pub format: Format,
    /// 1-based index of the record in its input.
    pub index: u64,
    /// 1-based line where the record starts.
    pub line: u64,
    /// 1-based column (in characters) where the record starts.
    pub column: u64,
    /// The record's bytes exactly as they came in. For NDJSON this is the
    /// whole line including its terminator (and a leading BOM), so that it
    /// can be copied byte for byte.
    pub raw: Raw,
    /// What was read.
    pub body: Body,
}

/// The content of a record.
#[derive(Debug)]
pub enum Body {
    /// JSON text still to be parsed: the bytes `raw[text]` (NDJSON: the line
    /// without its terminator and BOM; JSON: the element). They have not been
    /// checked for UTF-8 yet, so that the check runs on the parallel side.
    Json {
        /// Range of the JSON text within [`Raw::Bytes`].
        text: Range<usize>,
    },
    /// A value already built by the reader (a CSV row, a page), with the
    /// source location of its parts.
    Value {
        /// The record as JSON.
        value: Value,
        /// Where each part of it came from.
        locations: Locations,
    },
    /// JSON text the reader wrote itself from a row (Parquet): the bytes
    /// `raw[text]`, valid UTF-8, whose parts are located by `locations` (the
    /// row, and the column of each JSON pointer), not by where they are in
    /// the text. Parsed by the validator, as [`Body::Json`] is, so that no
    /// value is built for a record the fast path takes.
    Written {
        /// Range of the JSON text within [`Raw::Bytes`].
        text: Range<usize>,
        /// Where each part of it came from.
        locations: Locations,
    },
    /// The record could not be read.
    Error(ReadError),
}

/// A column in an error location: a character count for text formats, a
/// column name for CSV.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Column {
    /// 1-based column in characters, as editors count.
    Char(u64),
    /// A column name (CSV, Parquet); for a workbook, the name and the cell
    /// (`metadata.title (B7)`).
    Name(String),
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Char(n) => write!(f, "{n}"),
            Self::Name(name) => f.write_str(name),
        }
    }
}

/// Where the parts of a reader-built value came from.
#[derive(Debug, Clone)]
pub enum Locations {
    /// Everything is on one CSV row; `column_for` names the column of a JSON pointer.
    Row {
        /// 1-based line where the row starts.
        line: u64,
        /// Maps a JSON pointer to the CSV column holding it.
        column_for: fn(&str) -> Option<&'static str>,
    },
    /// Everything is on one row of a sheet (a workbook); a JSON pointer's
    /// column is shown as its layout name and cell, `metadata.title (B7)`.
    Cells {
        /// 1-based row of the sheet.
        line: u64,
        /// Maps a JSON pointer to the layout column holding it.
        column_for: fn(&str) -> Option<&'static str>,
        /// The sheet's column letters of each layout column it has.
        letters: Arc<[(&'static str, Box<str>)]>,
    },
    /// The line of each JSON pointer (a page); a pointer not listed takes the
    /// line of its nearest listed ancestor.
    Lines {
        /// 1-based line of the record itself.
        line: u64,
        /// `(pointer, line)` pairs, sorted by pointer (see [`Locations::lines`]).
        lines: Vec<(String, u64)>,
    },
}

impl Locations {
    /// The line of each pointer of a record that starts at `line`: sorted
    /// by pointer (stably: the first of equal pointers counts), so that
    /// each lookup is a binary search however many lines there are.
    pub fn lines(line: u64, mut lines: Vec<(String, u64)>) -> Self {
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        Self::Lines { line, lines }
    }

    /// Line and column of the value at `pointer`.
    pub fn position(&self, pointer: &str) -> (u64, Option<Column>) {
        match self {
            Self::Row { line, column_for } => {
                let column = ancestors(pointer).find_map(column_for);
                (*line, column.map(|c| Column::Name(c.to_owned())))
            }
            Self::Cells {
                line,
                column_for,
                letters,
            } => {
                let column = ancestors(pointer).find_map(column_for).map(|name| {
                    match letters.iter().find(|(n, _)| *n == name) {
                        Some((_, letters)) => Column::Name(format!("{name} ({letters}{line})")),
                        None => Column::Name(name.to_owned()),
                    }
                });
                (*line, column)
            }
            Self::Lines { line, lines } => {
                let found = ancestors(pointer).find_map(|p| {
                    let at = lines.partition_point(|(q, _)| q.as_str() < p);
                    lines.get(at).filter(|(q, _)| q == p).map(|(_, l)| *l)
                });
                (found.unwrap_or(*line), Some(Column::Char(1)))
            }
        }
    }

    /// Line and column for a `property` missing from the object at `object`:
    /// the CSV column the property would be in, or the object's line.
    pub fn position_of_missing(&self, object: &str, property: &str) -> (u64, Option<Column>) {
        match self {
            Self::Row { .. } | Self::Cells { .. } => {
                let escaped = crate::span::escape_token(property);
                self.position(&format!("{object}/{escaped}"))
            }
            Self::Lines { .. } => self.position(object),
        }
    }
}

/// `pointer` and then each of its ancestors, ending with `""`.
fn ancestors(pointer: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(pointer);
    std::iter::from_fn(move || {
        let current = next?;
        next = current.rfind('/').map(|i| &current[..i]);
        Some(current)
    })
}

/// A record that could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// What went wrong.
    pub kind: ReadErrorKind,
    /// 1-based line of the problem.
    pub line: u64,
    /// Column of the problem, when known.
    pub column: Option<Column>,
    /// A message a person understands.
    pub message: String,
}

/// Kinds of read errors; each has the keyword used in error reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadErrorKind {
    /// Not UTF-8.
    Utf8,
    /// Not well-formed (JSON syntax, CSV row, page layout).
    Parse,
    /// Over the record size limit.
    Size,
}

impl ReadErrorKind {
    /// The keyword of the error in reports: `utf8`, `parse` or `size`.
    pub fn keyword(self) -> &'static str {
        match self {
            Self::Utf8 => "utf8",
            Self::Parse => "parse",
            Self::Size => "size",
        }
    }
}

/// The raw bytes of a record.
#[derive(Debug)]
pub enum Raw {
    /// In memory.
    Bytes(Vec<u8>),
    /// An oversize record kept in an anonymous temporary file, so that it can
    /// still be copied out byte for byte without being held in memory.
    Spilled(SpilledBytes),
    /// An oversize record that was skipped without being kept.
    Omitted {
        /// Its length in bytes.
        len: u64,
    },
}

impl Raw {
    /// Length in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Self::Bytes(b) => b.len() as u64,
            Self::Spilled(s) => s.len,
            Self::Omitted { len } => *len,
        }
    }

    /// True when there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes, when they are in memory.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Self::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// True when the bytes are available (in memory or spilled).
    pub fn is_kept(&self) -> bool {
        !matches!(self, Self::Omitted { .. })
    }

    /// Copies the bytes to `out`; an omitted record writes nothing.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Self::Bytes(b) => out.write_all(b),
            Self::Spilled(s) => s.write_to(out),
            Self::Omitted { .. } => Ok(()),
        }
    }

    /// The last byte, when known.
    pub fn last_byte(&self) -> Option<u8> {
        match self {
            Self::Bytes(b) => b.last().copied(),
            Self::Spilled(s) => s.last,
            Self::Omitted { .. } => None,
        }
    }
}

/// Bytes kept in an anonymous temporary file (deleted when dropped).
#[derive(Debug)]
pub struct SpilledBytes {
    file: File,
    len: u64,
    last: Option<u8>,
}

impl SpilledBytes {
    /// An empty spill file.
    pub(crate) fn new() -> io::Result<Self> {
        Ok(Self {
            file: tempfile::tempfile()?,
            len: 0,
            last: None,
        })
    }

    /// Appends bytes.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.write_all(bytes)?;
        self.len += bytes.len() as u64;
        if let Some(&b) = bytes.last() {
            self.last = Some(b);
        }
        Ok(())
    }

    /// Length in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut file = &self.file;
        file.seek(SeekFrom::Start(0))?;
        let copied = io::copy(&mut file.take(self.len), out)?;
        if copied == self.len {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "spill file shorter than written",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_take_the_nearest_listed_ancestor() {
        let loc = Locations::lines(
            1,
            vec![
                ("/summary".into(), 6),
                ("/bullets/1".into(), 4),
                ("/bullets".into(), 3),
                ("/summary".into(), 7),
            ],
        );
        assert_eq!(loc.position("/bullets/1").0, 4);
        assert_eq!(loc.position("/bullets/2").0, 3);
        assert_eq!(loc.position("/summary").0, 6);
        assert_eq!(loc.position("/metadata/source/url").0, 1);
    }

    #[test]
    fn rows_name_the_column_of_the_nearest_ancestor() {
        fn names(p: &str) -> Option<&'static str> {
            (p == "/metadata/tags").then_some("tags")
        }
        let loc = Locations::Row {
            line: 7,
            column_for: names,
        };
        assert_eq!(
            loc.position("/metadata/tags/2"),
            (7, Some(Column::Name("tags".into())))
        );
        assert_eq!(loc.position("/summary"), (7, None));
        assert_eq!(
            loc.position_of_missing("/metadata", "tags"),
            (7, Some(Column::Name("tags".into())))
        );
    }

    #[test]
    fn cells_name_the_column_and_the_cell() {
        fn names(p: &str) -> Option<&'static str> {
            match p {
                "/metadata/tags" => Some("metadata.tags"),
                "/summary" => Some("summary"),
                _ => None,
            }
        }
        let loc = Locations::Cells {
            line: 7,
            column_for: names,
            letters: vec![("metadata.tags", "AB".into())].into(),
        };
        assert_eq!(
            loc.position("/metadata/tags/2/x"),
            (7, Some(Column::Name("metadata.tags (AB7)".into())))
        );
        assert_eq!(
            loc.position_of_missing("/metadata", "tags"),
            (7, Some(Column::Name("metadata.tags (AB7)".into())))
        );
        // A column the sheet does not have is named without a cell.
        assert_eq!(
            loc.position("/summary"),
            (7, Some(Column::Name("summary".into())))
        );
        assert_eq!(loc.position("/other"), (7, None));
    }

    #[test]
    fn spilled_bytes_copy_out_exactly() {
        let mut spill = SpilledBytes::new().expect("temp file");
        spill.push(b"abc").expect("write");
        spill.push(b"def\n").expect("write");
        let raw = Raw::Spilled(spill);
        let mut out = Vec::new();
        raw.write_to(&mut out).expect("copy");
        assert_eq!(out, b"abcdef\n");
        assert_eq!(raw.len(), 7);
        assert_eq!(raw.last_byte(), Some(b'\n'));
    }
}
