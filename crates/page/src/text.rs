//! From bytes to numbered lines: BOM, UTF-8, line endings, blankness.

use crate::error::{PageError, PageErrorKind};
use crate::line::{Line, column};

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn line_number(newlines_before: usize) -> u64 {
    u64::try_from(newlines_before)
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

/// Line and column of the character right after `prefix`.
fn position_after(prefix: &str) -> (u64, u64) {
    let line = line_number(prefix.bytes().filter(|b| *b == b'\n').count());
    let start = prefix.rfind('\n').map_or(0, |i| i + 1);
    (line, column(prefix[start..].chars().count()))
}

/// The page's text: a leading BOM dropped, UTF-8 checked, NUL refused.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, PageError> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|e| utf8_error(body, &e))?;
    if let Some(at) = text.find('\0') {
        let (line, column) = position_after(&text[..at]);
        return Err(PageError {
            line,
            column,
            expected: "text".to_owned(),
            found: "a NUL byte (binary data)".to_owned(),
            kind: PageErrorKind::Binary,
        });
    }
    Ok(text)
}

fn utf8_error(body: &[u8], error: &std::str::Utf8Error) -> PageError {
    let valid = error.valid_up_to();
    // The prefix up to `valid_up_to` is valid UTF-8 by definition.
    let prefix = std::str::from_utf8(&body[..valid]).unwrap_or_default();
    let (line, column) = position_after(prefix);
    let bad_len = error.error_len().unwrap_or(body.len() - valid);
    let bad: Vec<String> = body[valid..valid + bad_len]
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let utf16 = valid == 0 && (body.starts_with(b"\xFF\xFE") || body.starts_with(b"\xFE\xFF"));
    let found = match (error.error_len(), bad.len()) {
        _ if utf16 => "a UTF-16 byte-order mark (the page is UTF-16, not UTF-8)".to_owned(),
        (None, _) => format!(
            "an incomplete UTF-8 sequence at the end of the page ({})",
            bad.join(" ")
        ),
        (Some(_), 1) => format!("the byte {}, which is not valid UTF-8", bad[0]),
        (Some(_), _) => format!("the bytes {}, which are not valid UTF-8", bad.join(" ")),
    };
    PageError {
        line,
        column,
        expected: "UTF-8 text".to_owned(),
        found,
        kind: PageErrorKind::Utf8,
    }
}

/// Splits the text into lines at LF. Carriage returns at the end of a line
/// (CRLF, or a lone CR before LF or the end of the page) belong to the line
/// ending; a carriage return anywhere else is refused, since it would be an
/// invisible line break inside a field.
pub(crate) fn split_lines(text: &str) -> Result<Vec<Line<'_>>, PageError> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let mut lines = Vec::new();
    for (index, raw) in body.split('\n').enumerate() {
        let number = line_number(index);
        let line = raw.trim_end_matches('\r');
        if let Some(at) = line.find('\r') {
            return Err(PageError {
                line: number,
                column: column(line[..at].chars().count()),
                expected: "LF or CRLF line endings".to_owned(),
                found: format!(
                    "a carriage return (CR) inside the line, at column {}",
                    column(line[..at].chars().count())
                ),
                kind: PageErrorKind::Structure,
            });
        }
        lines.push(Line { number, text: line });
    }
    Ok(lines)
}

/// Walks the lines of a page in order.
#[derive(Debug)]
pub(crate) struct Cursor<'a> {
    lines: Vec<Line<'a>>,
    next: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(lines: Vec<Line<'a>>) -> Self {
        Self { lines, next: 0 }
    }

    /// The next line, blank or not.
    pub fn next_line(&mut self) -> Option<Line<'a>> {
        let line = self.lines.get(self.next).copied();
        self.next += 1;
        line
    }

    /// The next line that is not blank.
    pub fn next_non_blank(&mut self) -> Option<Line<'a>> {
        while let Some(line) = self.next_line() {
            if !line.is_blank() {
                return Some(line);
            }
        }
        None
    }

    /// True when the page has no lines at all.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Where the page ends: the last line, just past its last character.
    pub fn end(&self) -> (u64, u64) {
        self.lines
            .last()
            .map_or((1, 1), |l| (l.number, column(l.text.chars().count())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_lines(text)
            .expect("splits")
            .iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn lf_crlf_and_a_final_lone_cr_all_end_lines() {
        assert_eq!(texts("a\nb\n"), ["a", "b"]);
        assert_eq!(texts("a\r\nb\r\n"), ["a", "b"]);
        assert_eq!(texts("a\r\nb"), ["a", "b"]);
        assert_eq!(texts("a\r\r\nb\r"), ["a", "b"]);
        assert_eq!(texts("a\n\nb"), ["a", "", "b"]);
        assert!(texts("").is_empty());
        assert_eq!(texts("\n"), [""]);
    }

    #[test]
    fn a_carriage_return_inside_a_line_is_refused_at_its_column() {
        let error = split_lines("ok\nab\rcd\n").expect_err("refused");
        assert_eq!((error.line, error.column), (2, 3));
        assert_eq!(error.kind, PageErrorKind::Structure);
        assert!(error.to_string().contains("LF or CRLF"), "{error}");
    }

    #[test]
    fn a_leading_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").expect("decodes"), "abc");
        // Only one, and only at the start: a second one is text (blank text).
        assert_eq!(
            decode(b"\xEF\xBB\xBF\xEF\xBB\xBFa").expect("decodes"),
            "\u{FEFF}a"
        );
    }

    #[test]
    fn invalid_utf8_is_reported_at_the_first_bad_byte() {
        let mut bytes = "dòng một\nTiếng Việt ".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xFF rest\n");
        let error = decode(&bytes).expect_err("refused");
        assert_eq!(error.kind, PageErrorKind::Utf8);
        assert_eq!((error.line, error.column), (2, 12));
        assert_eq!(
            error.to_string(),
            "line 2, column 12: expected UTF-8 text, found the byte 0xFF, which is not valid UTF-8"
        );
    }

    #[test]
    fn utf8_positions_ignore_the_bom_and_describe_truncated_sequences() {
        let error = decode(b"\xEF\xBB\xBFab\xC3").expect_err("refused");
        assert_eq!((error.line, error.column), (1, 3));
        assert!(
            error.found.contains("incomplete UTF-8 sequence"),
            "{}",
            error.found
        );
        let error = decode(b"\xE1\xBA\x28").expect_err("refused");
        assert_eq!((error.line, error.column), (1, 1));
        assert_eq!(
            error.found,
            "the bytes 0xE1 0xBA, which are not valid UTF-8"
        );
    }

    #[test]
    fn utf16_pages_are_named_as_such() {
        for bom in [&b"\xFF\xFE"[..], b"\xFE\xFF"] {
            let error = decode(&[bom, b"T\0"].concat()).expect_err("refused");
            assert_eq!(
                (error.line, error.column, error.kind),
                (1, 1, PageErrorKind::Utf8)
            );
            assert!(error.found.contains("UTF-16"), "{}", error.found);
        }
    }

    #[test]
    fn a_nul_byte_marks_binary_data() {
        let error = decode(b"title\n  \x00\x01").expect_err("refused");
        assert_eq!(error.kind, PageErrorKind::Binary);
        assert_eq!((error.line, error.column), (2, 3));
    }

    #[test]
    fn cursor_skips_blank_lines_and_knows_where_the_page_ends() {
        let mut cursor = Cursor::new(split_lines("\n\u{A0}\nx\n\nyz").expect("splits"));
        assert_eq!(
            cursor.next_non_blank().map(|l| (l.number, l.text)),
            Some((3, "x"))
        );
        assert_eq!(cursor.next_non_blank().map(|l| l.number), Some(5));
        assert_eq!(cursor.next_non_blank(), None);
        assert_eq!(cursor.next_line(), None);
        assert_eq!(cursor.end(), (5, 3));
        assert_eq!(Cursor::new(Vec::new()).end(), (1, 1));
    }

    #[test]
    fn content_column_counts_characters_not_bytes() {
        let line = Line {
            number: 1,
            text: "\u{A0}\u{A0}• x",
        };
        assert_eq!(line.content_column(), 3);
    }
}
