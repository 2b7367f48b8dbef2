//! Page text: each input is one page, read whole (within the size limit)
//! and imported by `articlekit-page`; the record is the imported article,
//! with the page line of each field for error locations.

use std::io::Read;
use std::sync::Arc;

use articlekit_page::{PageErrorKind, PageOptions, parse_page};

use crate::record::{Body, Column, Item, Locations, Raw, ReadError, ReadErrorKind, Record};
use crate::{Format, InputError};

/// Reads one page as one record.
#[derive(Debug)]
pub struct PageReader<R> {
    reader: Option<R>,
    input: Arc<str>,
    max_record_bytes: u64,
    options: PageOptions,
}

impl<R: Read> PageReader<R> {
    /// A reader of the page `input` (its name in reports).
    pub fn new(reader: R, input: Arc<str>, max_record_bytes: u64, options: PageOptions) -> Self {
        Self {
            reader: Some(reader),
            input,
            max_record_bytes,
            options,
        }
    }

    fn read(&self, reader: R) -> Result<Record, InputError> {
        let mut bytes = Vec::new();
        reader
            .take(self.max_record_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|source| InputError::Read {
                input: self.input.clone(),
                line: 1,
                source,
            })?;
        let record = |raw, body| Record {
            input: self.input.clone(),
            format: Format::Page,
            index: 1,
            line: 1,
            column: 1,
            raw,
            body,
        };
        if bytes.len() as u64 > self.max_record_bytes {
            let message = format!(
                "the page is over the limit of {} bytes (--max-record-bytes)",
                self.max_record_bytes
            );
            let error = ReadError {
                kind: ReadErrorKind::Size,
                line: 1,
                column: Some(Column::Char(1)),
                message,
            };
            return Ok(record(
                Raw::Omitted {
                    len: bytes.len() as u64,
                },
                Body::Error(error),
            ));
        }
        // A page's lines take a few hundred bytes each once imported: a
        // page of millions of one-letter lines is refused before it is.
        let lines = memchr::memchr_iter(b'\n', &bytes).count() as u64 + 1;
        let most = max_lines(self.max_record_bytes);
        if lines > most {
            let message = format!(
                "the page has {lines} lines, over the limit of {most} (one per 64 bytes of --max-record-bytes)"
            );
            let error = ReadError {
                kind: ReadErrorKind::Size,
                line: 1,
                column: Some(Column::Char(1)),
                message,
            };
            return Ok(record(Raw::Bytes(bytes), Body::Error(error)));
        }
        let body = match parse_page(&bytes, &self.options) {
            Ok(page) => match serde_json::to_value(&page.article) {
                Ok(value) => Body::Value {
                    value,
                    locations: Locations::lines(1, page.lines),
                },
                Err(e) => Body::Error(ReadError {
                    kind: ReadErrorKind::Parse,
                    line: 1,
                    column: Some(Column::Char(1)),
                    message: format!("the page cannot be turned into JSON: {e}"),
                }),
            },
            Err(e) => Body::Error(ReadError {
                kind: if e.kind == PageErrorKind::Utf8 {
                    ReadErrorKind::Utf8
                } else {
                    ReadErrorKind::Parse
                },
                line: e.line,
                column: Some(Column::Char(e.column)),
                message: format!("expected {}, found {}", e.expected, e.found),
            }),
        };
        Ok(record(Raw::Bytes(bytes), body))
    }
}

/// The most lines a page of at most `max_record_bytes` may have: one per
/// 64 bytes, and at least 10,000.
fn max_lines(max_record_bytes: u64) -> u64 {
    (max_record_bytes / 64).max(10_000)
}

impl<R: Read> Iterator for PageReader<R> {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let reader = self.reader.take()?;
        Some(self.read(reader).map(Item::Record))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Tiêu đề\n\n• Ý một\n• Ý hai\n📌 Tóm tắt.\nhttps://news.example/story/1234\nTitle\nDek\n\
        Body.\nKhông có file đính kèm.\n3\nThảo luận\n© Sóng AI - Tóm tắt tin";

    fn read(bytes: &[u8], max: u64) -> Record {
        let mut reader = PageReader::new(bytes, "p.txt".into(), max, PageOptions::default());
        let Some(Ok(Item::Record(record))) = reader.next() else {
            panic!("one record")
        };
        assert!(reader.next().is_none());
        record
    }

    #[test]
    fn a_page_is_one_record_with_the_line_of_each_field() {
        let record = read(PAGE.as_bytes(), 1 << 20);
        let Body::Value { value, locations } = &record.body else {
            panic!("value: {:?}", record.body)
        };
        assert_eq!(value["bullets"][1], "Ý hai");
        assert_eq!(locations.position("/bullets/1").0, 4);
        assert_eq!(locations.position("/metadata/source/url").0, 6);
        assert_eq!(record.raw.bytes(), Some(PAGE.as_bytes()));
    }

    #[test]
    fn refused_pages_say_where_and_what_was_expected() {
        let record = read("Tiêu đề\n• Ý một\n".as_bytes(), 1 << 20);
        let Body::Error(error) = &record.body else {
            panic!("error")
        };
        assert_eq!(error.kind, ReadErrorKind::Parse);
        assert!(error.message.starts_with("expected "), "{}", error.message);
        let record = read(b"Ti\xFFu", 1 << 20);
        assert!(
            matches!(&record.body, Body::Error(e) if e.kind == ReadErrorKind::Utf8 && e.column == Some(Column::Char(3)))
        );
        let record = read(PAGE.as_bytes(), 10);
        assert!(matches!(&record.body, Body::Error(e) if e.kind == ReadErrorKind::Size));
        let many = format!("Tiêu đề\n\n{}", "• a\n".repeat(20_000));
        let record = read(many.as_bytes(), 1 << 20);
        assert!(
            matches!(&record.body, Body::Error(e) if e.kind == ReadErrorKind::Size && e.message.starts_with("the page has 20003 lines")),
            "{:?}",
            record.body
        );
    }
}
