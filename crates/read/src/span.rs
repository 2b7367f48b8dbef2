//! Positions and pointers: one place for the line and column of a byte
//! offset, and for RFC 6901 JSON pointer tokens, used by every reader and by
//! validation.
//!
//! Lines are 1-based in an input; columns are 1-based and count characters
//! (bytes that do not continue a UTF-8 character), not bytes.
//!
//! ```
//! use articlekit_read::span::{escape_token, position_in, tokens};
//! assert_eq!(position_in("{\n  \"é\": 1}".as_bytes(), 10, (5, 3)), (6, 8));
//! assert_eq!(escape_token("a/b~c"), "a~1b~0c");
//! assert_eq!(tokens("/a~1b/0").collect::<Vec<_>>(), ["a/b", "0"]);
//! ```

use std::borrow::Cow;

/// Characters in UTF-8 bytes (bytes that do not continue a character).
pub fn count_chars(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .filter(|&&b| !(0x80..0xC0).contains(&b))
        .count() as u64
}

/// Moves a position past `bytes`: `line` gains the line feeds among them,
/// and `chars` (the characters already on the current line) is reset after
/// the last one or grows by the characters of `bytes`.
pub fn advance(line: &mut u64, chars: &mut u64, bytes: &[u8]) {
    match memchr::memrchr(b'\n', bytes) {
        Some(last) => {
            *line += memchr::memchr_iter(b'\n', bytes).count() as u64;
            *chars = count_chars(&bytes[last + 1..]);
        }
        None => *chars += count_chars(bytes),
    }
}

/// The byte offset where line `n` (0-based) of `bytes` starts: 0 for the
/// first line, just after the `n`-th line feed otherwise, or the end of
/// `bytes` when it has fewer lines.
///
/// ```
/// use articlekit_read::span::line_start;
/// assert_eq!([0, 1, 2, 3].map(|n| line_start(b"ab\ncd\n", n)), [0, 3, 6, 6]);
/// ```
pub fn line_start(bytes: &[u8], n: usize) -> usize {
    match n.checked_sub(1) {
        None => 0,
        Some(nth) => memchr::memchr_iter(b'\n', bytes)
            .nth(nth)
            .map_or(bytes.len(), |i| i + 1),
    }
}

/// Line and column (as [`position_in`] gives them) of many byte offsets of
/// `text`, in the order asked, in one pass.
///
/// ```
/// use articlekit_read::{position_in, positions_in};
/// let text = "{\n  \"é\": [1,\n 2]}".as_bytes();
/// let offsets = [15, 0, 10];
/// let expected: Vec<_> = offsets.iter().map(|&o| position_in(text, o, (5, 3))).collect();
/// assert_eq!(positions_in(text, &offsets, (5, 3)), expected);
/// ```
pub fn positions_in(text: &[u8], offsets: &[usize], start: (u64, u64)) -> Vec<(u64, u64)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![(0, 0); offsets.len()];
    // At offset `done`: the relative line (0-based) and the characters before it on that line.
    let (mut line, mut chars, mut done) = (0u64, 0u64, 0usize);
    for i in order {
        let offset = offsets[i].min(text.len());
        advance(&mut line, &mut chars, &text[done..offset]);
        done = offset;
        out[i] = match line {
            0 => (start.0, start.1 + chars),
            n => (start.0 + n, chars + 1),
        };
    }
    out
}

/// Line (0-based, relative to the text) and column (1-based, in characters)
/// of a byte offset in `text`.
pub fn line_column(text: &[u8], offset: usize) -> (u64, u64) {
    let before = &text[..offset.min(text.len())];
    let line = memchr::memchr_iter(b'\n', before).count() as u64;
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    (line, count_chars(&before[start..]) + 1)
}

/// Absolute line and column of `offset` in a record's text that starts at
/// line `start.0`, column `start.1` of its input.
///
/// ```
/// use articlekit_read::position_in;
/// let text = "{\n  \"é\": 1}".as_bytes();
/// assert_eq!(position_in(text, 0, (5, 3)), (5, 3));
/// assert_eq!(position_in(text, 10, (5, 3)), (6, 8));
/// ```
pub fn position_in(text: &[u8], offset: usize, start: (u64, u64)) -> (u64, u64) {
    match line_column(text, offset) {
        (0, column) => (start.0, start.1 + column - 1),
        (line, column) => (start.0 + line, column),
    }
}

/// The bytes of the JSON number around `offset` in `text`: back to its
/// first character and on past its last (`serde_json` reports a number out
/// of range at its last digit; a located value starts at its first).
///
/// ```
/// use articlekit_read::span::number_span;
/// let text = br#"{"n": -1.5e400}"#;
/// assert_eq!(number_span(text, 6), 6..14);
/// assert_eq!(number_span(text, 13), 6..14);
/// ```
pub fn number_span(text: &[u8], offset: usize) -> std::ops::Range<usize> {
    let in_number = |b: &u8| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E');
    let mut start = offset.min(text.len());
    while start > 0 && in_number(&text[start - 1]) {
        start -= 1;
    }
    let end = text[start..]
        .iter()
        .position(|b| !in_number(b))
        .map_or(text.len(), |n| start + n);
    start..end
}

/// Escapes one pointer token: `~` as `~0`, `/` as `~1`.
pub fn escape_token(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Appends `/` and the escaped `token` to `pointer`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// One pointer token, unescaped.
pub fn unescape_token(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The tokens of an RFC 6901 pointer, unescaped (none for `""`, the whole
/// document).
pub fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer.split('/').skip(1).map(unescape_token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        for token in ["", "a", "a/b", "~", "~1", "~0/~1", "é/ü"] {
            let mut pointer = String::new();
            push_token(&mut pointer, token);
            assert_eq!(pointer, format!("/{}", escape_token(token)));
            assert_eq!(tokens(&pointer).collect::<Vec<_>>(), [token]);
        }
        assert_eq!(tokens("").count(), 0);
    }

    #[test]
    fn advancing_agrees_with_line_column() {
        let text = "ab\néü\n\nxyz".as_bytes();
        for offset in 0..=text.len() {
            let (mut line, mut chars) = (0, 0);
            advance(&mut line, &mut chars, &text[..offset]);
            assert_eq!((line, chars + 1), line_column(text, offset), "{offset}");
        }
    }
}
