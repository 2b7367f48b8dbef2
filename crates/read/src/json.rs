//! JSON: a single value, or an array streamed element by element.
//!
//! A small byte scanner follows strings, escapes and bracket depth to find
//! where each array element starts and ends, so memory holds one element at
//! a time, never the whole file. The element text is parsed later (on the
//! parallel side), which reports any syntax error inside it; the scanner
//! itself only reports what breaks the array around the elements (a missing
//! `,` or `]`, data after the end). Such an error ends the input, as the
//! rest of it cannot be split reliably.

use std::io::{self, BufRead};
use std::sync::Arc;

use crate::record::{Body, Column, Item, Raw, ReadError, ReadErrorKind, Record};
use crate::{Format, InputError, span};

const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// Inside the array, before an element (`first`: right after `[`).
    BeforeElement {
        first: bool,
    },
    AfterElement,
    /// After the closing `]`, or after a single top-level value.
    End,
    Done,
}

/// Reads JSON records: one top-level value, or each element of a top-level array.
#[derive(Debug)]
pub struct JsonReader<R> {
    reader: R,
    input: Arc<str>,
    max_record_bytes: u64,
    state: State,
    pos: Position,
    index: u64,
}

/// Where the next byte is.
#[derive(Debug, Clone, Copy)]
struct Position {
    /// 1-based line.
    line: u64,
    /// Characters already consumed on the line.
    col: u64,
}

impl Position {
    /// Moves past `bytes`.
    fn advance(&mut self, bytes: &[u8]) {
        span::advance(&mut self.line, &mut self.col, bytes);
    }
}

/// `fill_buf`, retried when interrupted.
fn fill<R: BufRead>(reader: &mut R) -> io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // Borrowing the filled buffer again cannot fail.
            Ok(_) => return reader.fill_buf(),
            Err(e) => return Err(e),
        }
    }
}

/// One scanned element.
struct Element {
    /// The input ended inside it.
    truncated: bool,
    line: u64,
    column: u64,
    bytes: Vec<u8>,
    len: u64,
    oversize: bool,
}

impl<R: BufRead> JsonReader<R> {
    /// A reader of `input` (its name in reports) that refuses elements over `max_record_bytes`.
    pub fn new(reader: R, input: Arc<str>, max_record_bytes: u64) -> Self {
        Self {
            reader,
            input,
            max_record_bytes,
            state: State::Start,
            pos: Position { line: 1, col: 0 },
            index: 0,
        }
    }

    fn read_failed(&mut self, source: io::Error) -> InputError {
        self.state = State::Done;
        InputError::Read {
            input: self.input.clone(),
            line: self.pos.line,
            source,
        }
    }

    /// Skips whitespace and returns the next byte without consuming it.
    fn peek(&mut self) -> Result<Option<u8>, InputError> {
        loop {
            let chunk = match fill(&mut self.reader) {
                Ok(chunk) => chunk,
                Err(e) => return Err(self.read_failed(e)),
            };
            if chunk.is_empty() {
                return Ok(None);
            }
            let ws = chunk
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                .count();
            let next = chunk.get(ws).copied();
            self.pos.advance(&chunk[..ws]);
            self.reader.consume(ws);
            if next.is_some() {
                return Ok(next);
            }
        }
    }

    fn skip_bom(&mut self) -> Result<(), InputError> {
        let mut seen = 0;
        while seen < BOM.len() {
            let chunk = match fill(&mut self.reader) {
                Ok(chunk) => chunk,
                Err(e) => return Err(self.read_failed(e)),
            };
            let n = chunk
                .iter()
                .zip(&BOM[seen..])
                .take_while(|(a, b)| a == b)
                .count();
            if n == 0 {
                break;
            }
            self.reader.consume(n);
            seen += n;
        }
        Ok(())
    }

    /// Scans one element starting at the next byte (not whitespace).
    fn scan_element(&mut self) -> Result<Element, InputError> {
        let (line, column) = (self.pos.line, self.pos.col + 1);
        let limit = self.max_record_bytes;
        let mut element = Element {
            truncated: false,
            line,
            column,
            bytes: Vec::new(),
            len: 0,
            oversize: false,
        };
        let mut scan = Scan::default();
        loop {
            let chunk = match fill(&mut self.reader) {
                Ok(chunk) => chunk,
                Err(e) => return Err(self.read_failed(e)),
            };
            if chunk.is_empty() {
                element.truncated = true;
                return Ok(element);
            }
            let end = scan.feed(chunk);
            let take = end.unwrap_or(chunk.len());
            let piece = &chunk[..take];
            element.len += take as u64;
            if element.len > limit {
                element.oversize = true;
                element.bytes = Vec::new();
            } else {
                element.bytes.extend_from_slice(piece);
            }
            self.pos.advance(piece);
            self.reader.consume(take);
            if end.is_some() {
                return Ok(element);
            }
        }
    }

    fn record(&mut self, line: u64, column: u64, raw: Raw, body: Body) -> Item {
        self.index += 1;
        Item::Record(Record {
            input: self.input.clone(),
            format: Format::Json,
            index: self.index,
            line,
            column,
            raw,
            body,
        })
    }

    /// A record for what breaks the structure around the elements; ends the input.
    fn structure_error(&mut self, message: String) -> Item {
        self.state = State::Done;
        let (line, column) = (self.pos.line, self.pos.col + 1);
        let error = ReadError {
            kind: ReadErrorKind::Parse,
            line,
            column: Some(Column::Char(column)),
            message,
        };
        self.record(line, column, Raw::Bytes(Vec::new()), Body::Error(error))
    }

    fn element_item(&mut self, element: Element) -> Item {
        let Element {
            truncated,
            line,
            column,
            bytes,
            len,
            oversize,
        } = element;
        if truncated {
            // The parser reports where the text stops; nothing can follow.
            self.state = State::Done;
        }
        if oversize {
            let message = format!(
                "the record is {len} bytes long, over the limit of {} bytes (--max-record-bytes)",
                self.max_record_bytes
            );
            let error = ReadError {
                kind: ReadErrorKind::Size,
                line,
                column: Some(Column::Char(column)),
                message,
            };
            return self.record(line, column, Raw::Omitted { len }, Body::Error(error));
        }
        let text = 0..bytes.len();
        self.record(line, column, Raw::Bytes(bytes), Body::Json { text })
    }

    fn step(&mut self) -> Result<Option<Item>, InputError> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Start => {
                    self.skip_bom()?;
                    match self.peek()? {
                        None => {
                            return Ok(Some(self.structure_error(
                                "the input is empty: expected a JSON object or an array of objects"
                                    .into(),
                            )));
                        }
                        Some(b'[') => {
                            self.reader.consume(1);
                            self.pos.col += 1;
                            self.state = State::BeforeElement { first: true };
                        }
                        Some(_) => {
                            let element = self.scan_element()?;
                            self.state = State::End;
                            return Ok(Some(self.element_item(element)));
                        }
                    }
                }
                State::BeforeElement { first } => match self.peek()? {
                    None => return Ok(Some(self.unclosed())),
                    Some(b']') if first => {
                        self.reader.consume(1);
                        self.pos.col += 1;
                        self.state = State::End;
                    }
                    Some(b']') => {
                        return Ok(Some(
                            self.structure_error("expected a value after `,`, found `]`".into()),
                        ));
                    }
                    Some(_) => {
                        let element = self.scan_element()?;
                        self.state = State::AfterElement;
                        return Ok(Some(self.element_item(element)));
                    }
                },
                State::AfterElement => match self.peek()? {
                    None => return Ok(Some(self.unclosed())),
                    Some(b',') => {
                        self.reader.consume(1);
                        self.pos.col += 1;
                        self.state = State::BeforeElement { first: false };
                    }
                    Some(b']') => {
                        self.reader.consume(1);
                        self.pos.col += 1;
                        self.state = State::End;
                    }
                    Some(b) => {
                        let message = format!(
                            "expected `,` or `]` after an array element, found {}",
                            shown_byte(b)
                        );
                        return Ok(Some(self.structure_error(message)));
                    }
                },
                State::End => match self.peek()? {
                    None => {
                        self.state = State::Done;
                        return Ok(None);
                    }
                    Some(b) => {
                        let message = format!(
                            "expected the end of the input after the top-level value, found {}",
                            shown_byte(b)
                        );
                        return Ok(Some(self.structure_error(message)));
                    }
                },
            }
        }
    }

    fn unclosed(&mut self) -> Item {
        self.structure_error("unexpected end of input: the array is not closed with `]`".into())
    }
}

impl<R: BufRead> Iterator for JsonReader<R> {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.step().transpose()
    }
}

/// Scanner state within one element.
#[derive(Debug, Default)]
struct Scan {
    kind: Kind,
    depth: u64,
    in_string: bool,
    escape: bool,
}

/// What kind of value the element is, once its first byte is seen.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Kind {
    #[default]
    Unstarted,
    /// A number or literal: ends before a delimiter.
    Scalar,
    /// A string, object or array: ends when it closes.
    Delimited,
}

impl Scan {
    /// Scans `chunk`; returns how many of its bytes complete the element, if it ends here.
    fn feed(&mut self, chunk: &[u8]) -> Option<usize> {
        let mut i = 0;
        while i < chunk.len() {
            if self.in_string {
                if self.escape {
                    self.escape = false;
                    i += 1;
                    continue;
                }
                match memchr::memchr2(b'"', b'\\', &chunk[i..]) {
                    None => i = chunk.len(),
                    Some(k) => {
                        i += k + 1;
                        if chunk[i - 1] == b'\\' {
                            self.escape = true;
                        } else {
                            self.in_string = false;
                            if self.depth == 0 {
                                return Some(i);
                            }
                        }
                    }
                }
                continue;
            }
            let b = chunk[i];
            if self.kind == Kind::Unstarted {
                self.kind = Kind::Delimited;
                match b {
                    b'{' | b'[' => self.depth = 1,
                    b'"' => self.in_string = true,
                    _ => self.kind = Kind::Scalar,
                }
            } else if self.kind == Kind::Scalar {
                if matches!(
                    b,
                    b',' | b']' | b'}' | b'{' | b'[' | b'"' | b' ' | b'\t' | b'\n' | b'\r'
                ) {
                    return Some(i);
                }
            } else {
                match b {
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    b'"' => self.in_string = true,
                    _ => {}
                }
            }
            i += 1;
        }
        None
    }
}

fn shown_byte(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02X}")
    }
}

#[cfg(test)]
mod tests {
    use std::io::BufReader;

    use super::*;

    /// `(line, column, text or error message)` of each record.
    fn scan(input: &str, max: u64, buffer: usize) -> Vec<(u64, u64, String)> {
        let reader = BufReader::with_capacity(buffer, input.as_bytes());
        JsonReader::new(reader, "t".into(), max)
            .map(|item| match item.expect("no read error") {
                Item::Record(Record {
                    line,
                    column,
                    raw,
                    body,
                    ..
                }) => {
                    let text = match body {
                        Body::Json { text } => {
                            String::from_utf8(raw.bytes().expect("bytes")[text].to_vec())
                                .expect("utf8")
                        }
                        Body::Error(e) => format!("{}: {}", e.kind.keyword(), e.message),
                        Body::Value { .. } | Body::Written { .. } => unreachable!(),
                    };
                    (line, column, text)
                }
                Item::Blank(_) => unreachable!(),
            })
            .collect()
    }

    fn all_buffers(input: &str, max: u64) -> Vec<(u64, u64, String)> {
        let expected = scan(input, max, 8192);
        for buffer in [1, 2, 3, 5, 13] {
            assert_eq!(scan(input, max, buffer), expected, "buffer {buffer}");
        }
        expected
    }

    #[test]
    fn array_elements_with_their_positions() {
        let input =
            "[\n  {\"a\": \"x,]}\\\"\"},\n  {\"b\": [1, {\"c\": null}]} , 3,\"é\" ,\n\t{}\n]\n";
        let got = all_buffers(input, 1024);
        assert_eq!(
            got,
            [
                (2, 3, r#"{"a": "x,]}\""}"#.to_owned()),
                (3, 3, r#"{"b": [1, {"c": null}]}"#.to_owned()),
                (3, 29, "3".to_owned()),
                (3, 31, "\"é\"".to_owned()),
                (4, 2, "{}".to_owned()),
            ]
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let got = all_buffers("[\"ếếế\", {}]", 1024);
        assert_eq!(got[1], (1, 9, "{}".to_owned()));
    }

    #[test]
    fn a_single_object_is_one_record_and_a_bom_is_skipped() {
        let got = all_buffers("\u{FEFF}  {\"a\": [1, 2]}\n", 1024);
        assert_eq!(got, [(1, 3, "{\"a\": [1, 2]}".to_owned())]);
        assert!(all_buffers("[]", 1024).is_empty());
        assert!(all_buffers(" [ \n ] \n", 1024).is_empty());
    }

    #[test]
    fn broken_structure_is_reported_where_it_is() {
        let got = all_buffers("[{}, {} {}]", 1024);
        assert_eq!(got.len(), 3);
        assert_eq!(got[2].0, 1);
        assert_eq!(got[2].1, 9);
        assert!(
            got[2].2.starts_with("parse: expected `,` or `]`"),
            "{}",
            got[2].2
        );

        let got = all_buffers("[{}, {}", 1024);
        assert!(got[2].2.contains("not closed"), "{got:?}");
        let got = all_buffers("[{},]", 1024);
        assert!(got[1].2.contains("after `,`"), "{got:?}");
        let got = all_buffers("{} x", 1024);
        assert!(got[1].2.contains("end of the input"), "{got:?}");
        let got = all_buffers("", 1024);
        assert!(got[0].2.contains("empty"), "{got:?}");
    }

    #[test]
    fn a_truncated_element_is_passed_on_for_the_parser_to_report() {
        let got = all_buffers("[{\"a\": [1, 2", 1024);
        assert_eq!(got, [(1, 2, "{\"a\": [1, 2".to_owned())]);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let input = format!("[{}{}]", "[".repeat(200_000), "]".repeat(200_000));
        let got = scan(&input, 1 << 20, 8192);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2.len(), 400_000);
    }

    #[test]
    fn oversize_elements_are_skipped_and_reported() {
        let big = format!("\"{}\"", "z".repeat(100));
        let got = all_buffers(&format!("[{big}, {{}}]"), 50);
        assert!(
            got[0].2.starts_with("size: the record is 102 bytes long"),
            "{got:?}"
        );
        assert_eq!(got[1], (1, 106, "{}".to_owned()));
    }
}
