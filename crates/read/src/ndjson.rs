//! NDJSON: one record per line, split with `memchr` over a buffered reader.
//!
//! - Every line's bytes, terminator included, end up in exactly one item, so
//!   a quarantine split can copy the input byte for byte.
//! - A line holding only whitespace is a [`Blank`], not a record.
//! - A UTF-8 BOM at the start of the input is kept in the raw bytes but left
//!   out of the JSON text (and of column counts).
//! - A last line without a terminator is an ordinary record.
//! - A line longer than the size limit is never held in memory: once over
//!   the limit its bytes go to a [`SpilledBytes`](crate::SpilledBytes) file (or are
//!   skipped), and it becomes a `size` error.
//! - UTF-8 is not checked here but on the parallel side, which needs the
//!   text as `str` anyway.

use std::io::{self, BufRead};
use std::sync::Arc;

use crate::record::{
    Blank, Body, Column, Item, Raw, ReadError, ReadErrorKind, Record, SpilledBytes,
};
use crate::{Format, InputError};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads NDJSON records from a buffered reader.
#[derive(Debug)]
pub struct NdjsonReader<R> {
    reader: R,
    input: Arc<str>,
    max_record_bytes: u64,
    keep_oversize: bool,
    line: u64,
    index: u64,
    capacity_hint: usize,
    failed: bool,
}

impl<R: BufRead> NdjsonReader<R> {
    /// A reader of `input` (its name in reports) that refuses lines over
    /// `max_record_bytes` and keeps such lines' bytes only if `keep_oversize`.
    pub fn new(reader: R, input: Arc<str>, max_record_bytes: u64, keep_oversize: bool) -> Self {
        Self {
            reader,
            input,
            max_record_bytes,
            keep_oversize,
            line: 0,
            index: 0,
            capacity_hint: 256,
            failed: false,
        }
    }

    /// The buffered reader underneath.
    pub fn get_ref(&self) -> &R {
        &self.reader
    }

    fn read_error(&mut self, source: io::Error) -> InputError {
        self.failed = true;
        InputError::Read {
            input: self.input.clone(),
            line: self.line + 1,
            source,
        }
    }

    /// Reads one line into `buf`, or into `spill` once it is over the limit.
    /// Returns the number of bytes of the line and whether it went over.
    fn read_line(
        &mut self,
        buf: &mut Vec<u8>,
        spill: &mut Option<SpilledBytes>,
    ) -> Result<(u64, bool), InputError> {
        // The terminator (`\r\n`) and a BOM do not count towards the limit;
        // the exact check on the content is made once the line is in memory.
        let limit = self.max_record_bytes.saturating_add(5);
        let mut total = 0u64;
        let mut oversize = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.read_error(e)),
            };
            if chunk.is_empty() {
                return Ok((total, oversize));
            }
            let (take, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let piece = &chunk[..take];
            total += take as u64;
            let mut spill_result = Ok(());
            if !oversize && total > limit {
                oversize = true;
                if self.keep_oversize {
                    spill_result = SpilledBytes::new().and_then(|mut s| {
                        s.push(buf)?;
                        *spill = Some(s);
                        Ok(())
                    });
                }
                *buf = Vec::new();
            }
            if oversize {
                if let (Ok(()), Some(s)) = (&spill_result, spill.as_mut()) {
                    spill_result = s.push(piece);
                }
            } else {
                buf.extend_from_slice(piece);
            }
            self.reader.consume(take);
            spill_result.map_err(|e| self.read_error(e))?;
            if done {
                return Ok((total, oversize));
            }
        }
    }
}

impl<R: BufRead> Iterator for NdjsonReader<R> {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let mut buf = Vec::with_capacity(self.capacity_hint);
        let mut spill = None;
        let (total, oversize) = match self.read_line(&mut buf, &mut spill) {
            Ok(read) => read,
            Err(e) => return Some(Err(e)),
        };
        if total == 0 {
            return None;
        }
        self.line += 1;
        let line = self.line;
        let input = self.input.clone();
        if oversize {
            self.index += 1;
            let raw = spill.map_or(Raw::Omitted { len: total }, Raw::Spilled);
            let error = size_error(line, total, self.max_record_bytes);
            return Some(Ok(Item::Record(Record {
                input,
                format: Format::Ndjson,
                index: self.index,
                line,
                column: 1,
                raw,
                body: Body::Error(error),
            })));
        }
        self.capacity_hint = buf.len().next_power_of_two().clamp(256, 1 << 20);

        let start = if line == 1 && buf.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        let mut end = buf.len();
        if buf[..end].ends_with(b"\n") {
            end -= 1;
            if buf[start..end].ends_with(b"\r") {
                end -= 1;
            }
        }
        if buf[start..end]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
        {
            return Some(Ok(Item::Blank(Blank {
                input,
                line,
                raw: buf,
            })));
        }
        self.index += 1;
        let content = (end - start) as u64;
        let body = if content > self.max_record_bytes {
            Body::Error(size_error(line, content, self.max_record_bytes))
        } else {
            Body::Json { text: start..end }
        };
        Some(Ok(Item::Record(Record {
            input,
            format: Format::Ndjson,
            index: self.index,
            line,
            column: 1,
            raw: Raw::Bytes(buf),
            body,
        })))
    }
}

fn size_error(line: u64, len: u64, max: u64) -> ReadError {
    ReadError {
        kind: ReadErrorKind::Size,
        line,
        column: Some(Column::Char(1)),
        message: format!(
            "the line is {len} bytes long, over the limit of {max} bytes (--max-record-bytes)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::io::BufReader;

    use super::*;

    fn items(input: &[u8], max: u64, keep: bool, buffer: usize) -> Vec<Item> {
        let reader = BufReader::with_capacity(buffer, input);
        NdjsonReader::new(reader, "t".into(), max, keep)
            .map(|r| r.expect("no read error"))
            .collect()
    }

    /// Concatenates every item's raw bytes: must equal the input.
    fn reassemble(items: &[Item]) -> Vec<u8> {
        let mut out = Vec::new();
        for item in items {
            match item {
                Item::Record(r) => r.raw.write_to(&mut out).expect("write"),
                Item::Blank(b) => out.extend_from_slice(&b.raw),
            }
        }
        out
    }

    fn text(item: &Item) -> &[u8] {
        match item {
            Item::Record(Record {
                raw: Raw::Bytes(b),
                body: Body::Json { text },
                ..
            }) => &b[text.clone()],
            other => panic!("not a JSON record: {other:?}"),
        }
    }

    #[test]
    fn splits_lines_on_any_buffer_size() {
        let input = b"{\"a\":1}\n{\"b\":2}\r\n\n   \r\n{\"c\":3}";
        for buffer in [1, 2, 3, 7, 64, 8192] {
            let got = items(input, 1024, true, buffer);
            assert_eq!(got.len(), 5, "buffer {buffer}");
            assert_eq!(text(&got[0]), b"{\"a\":1}");
            assert_eq!(text(&got[1]), b"{\"b\":2}");
            assert!(matches!(&got[2], Item::Blank(b) if b.line == 3 && b.raw == b"\n"));
            assert!(matches!(&got[3], Item::Blank(b) if b.line == 4 && b.raw == b"   \r\n"));
            assert_eq!(text(&got[4]), b"{\"c\":3}");
            assert_eq!(reassemble(&got), input);
        }
    }

    #[test]
    fn records_are_numbered_without_blank_lines_and_know_their_line() {
        let got = items(b"\n{}\n\n{}\n", 1024, true, 8192);
        let numbered: Vec<(u64, u64)> = got
            .iter()
            .filter_map(|i| match i {
                Item::Record(r) => Some((r.index, r.line)),
                Item::Blank(_) => None,
            })
            .collect();
        assert_eq!(numbered, [(1, 2), (2, 4)]);
    }

    #[test]
    fn bom_is_kept_in_raw_but_not_in_text() {
        let input = b"\xEF\xBB\xBF{\"a\":1}\n\xEF\xBB\xBF{}\n";
        let got = items(input, 1024, true, 8192);
        assert_eq!(text(&got[0]), b"{\"a\":1}");
        // Only the first line of an input may start with a BOM.
        assert_eq!(text(&got[1]), b"\xEF\xBB\xBF{}");
        assert_eq!(reassemble(&got), input);
    }

    #[test]
    fn empty_input_has_no_items_and_a_lone_bom_is_blank() {
        assert!(items(b"", 1024, true, 8192).is_empty());
        let got = items(b"\xEF\xBB\xBF", 1024, true, 8192);
        assert!(matches!(&got[..], [Item::Blank(_)]));
    }

    #[test]
    fn invalid_utf8_is_passed_on_untouched() {
        let input = b"{\"a\":\"\xFF\"}\n";
        let got = items(input, 1024, true, 8192);
        assert_eq!(text(&got[0]), b"{\"a\":\"\xFF\"}");
    }

    #[test]
    fn oversize_lines_are_spilled_and_copied_out_exactly() {
        let long = format!("{{\"a\":\"{}\"}}", "x".repeat(100));
        let input = format!("{{}}\n{long}\r\n{{}}\n{long}");
        for buffer in [1, 5, 16, 8192] {
            let got = items(input.as_bytes(), 20, true, buffer);
            assert_eq!(got.len(), 4);
            for i in [1, 3] {
                let Item::Record(r) = &got[i] else {
                    panic!("record")
                };
                assert!(matches!(r.raw, Raw::Spilled(_)), "buffer {buffer}");
                let Body::Error(e) = &r.body else {
                    panic!("size error")
                };
                assert_eq!(e.kind, ReadErrorKind::Size);
                assert_eq!(e.line, i as u64 + 1);
            }
            assert_eq!(reassemble(&got), input.as_bytes());
        }
    }

    #[test]
    fn oversize_lines_can_be_skipped() {
        let input = format!("{}\n{{}}\n", "y".repeat(50));
        let got = items(input.as_bytes(), 10, false, 8);
        let Item::Record(r) = &got[0] else {
            panic!("record")
        };
        assert!(matches!(r.raw, Raw::Omitted { len: 51 }));
        assert_eq!(text(&got[1]), b"{}");
    }

    #[test]
    fn the_limit_counts_the_line_without_its_terminator() {
        let got = items(b"1234\r\n12345\n", 4, true, 8192);
        assert_eq!(text(&got[0]), b"1234");
        let Item::Record(r) = &got[1] else {
            panic!("record")
        };
        assert!(matches!(&r.body, Body::Error(e) if e.kind == ReadErrorKind::Size));
        assert_eq!(r.raw.bytes(), Some(&b"12345\n"[..]));
    }
}
