//! Finding where a JSON pointer's value is in a record's text.
//!
//! Only errors need a location, so this re-scans the raw text of an invalid
//! record instead of making every record carry a position map. The scan is
//! iterative (no recursion) and stops at the first malformed byte.

use crate::json::count_chars;

/// What to point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The value at the pointer.
    Value,
    /// The key of the last pointer token in its object (for unknown fields).
    Key,
}

/// Byte offset in `text` of the value (or key) at the RFC 6901 `pointer`,
/// or `None` if the text has no such value.
///
/// ```
/// use articlekit_read::{Target, locate};
/// let text = br#"{"a": {"b": [10, 20]}}"#;
/// assert_eq!(locate(text, "/a/b/1", Target::Value), Some(17));
/// assert_eq!(locate(text, "/a/b", Target::Key), Some(7));
/// assert_eq!(locate(text, "", Target::Value), Some(0));
/// ```
pub fn locate(text: &[u8], pointer: &str, target: Target) -> Option<usize> {
    let mut pos = skip_ws(text, 0);
    if pointer.is_empty() {
        return Some(pos);
    }
    let tokens: Vec<String> = pointer
        .strip_prefix('/')?
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    for (i, token) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        match text.get(pos)? {
            b'{' => {
                let (key, value) = find_member(text, pos, token)?;
                pos = if last && target == Target::Key {
                    key
                } else {
                    value
                };
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                pos = skip_ws(text, pos + 1);
                for _ in 0..index {
                    pos = skip_ws(text, skip_value(text, pos)?);
                    if text.get(pos) != Some(&b',') {
                        return None;
                    }
                    pos = skip_ws(text, pos + 1);
                }
                if matches!(text.get(pos), None | Some(b']')) {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(pos)
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

/// The key and value offsets of the last member named `name` in the object at `pos`
/// (the last, as JSON parsers keep the last of duplicate keys).
fn find_member(text: &[u8], pos: usize, name: &str) -> Option<(usize, usize)> {
    let mut pos = skip_ws(text, pos + 1);
    let mut found = None;
    if text.get(pos) == Some(&b'}') {
        return None;
    }
    loop {
        let key = pos;
        if text.get(key) != Some(&b'"') {
            return None;
        }
        let key_end = skip_string(text, key)?;
        pos = skip_ws(text, key_end);
        if text.get(pos) != Some(&b':') {
            return None;
        }
        let value = skip_ws(text, pos + 1);
        if key_is(&text[key..key_end], name) {
            found = Some((key, value));
        }
        pos = skip_ws(text, skip_value(text, value)?);
        match text.get(pos) {
            Some(b',') => pos = skip_ws(text, pos + 1),
            _ => return found,
        }
    }
}

/// Whether a quoted JSON key equals `name` once unescaped.
fn key_is(quoted: &[u8], name: &str) -> bool {
    let inner = &quoted[1..quoted.len() - 1];
    if memchr::memchr(b'\\', inner).is_none() {
        return inner == name.as_bytes();
    }
    serde_json::from_slice::<String>(quoted).is_ok_and(|k| k == name)
}

fn skip_ws(text: &[u8], mut pos: usize) -> usize {
    while matches!(text.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// The offset just after the string starting at `pos` (a `"`).
fn skip_string(text: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        i += memchr::memchr2(b'"', b'\\', text.get(i..)?)?;
        if text[i] == b'\\' {
            i += 2;
        } else {
            return Some(i + 1);
        }
    }
}

/// The offset just after the value starting at `pos`.
fn skip_value(text: &[u8], pos: usize) -> Option<usize> {
    match text.get(pos)? {
        b'"' => skip_string(text, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            loop {
                match text.get(i)? {
                    b'"' => {
                        i = skip_string(text, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let len = text[pos..]
                .iter()
                .take_while(|b| !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .count();
            Some(pos + len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str, target: Target) -> Option<(u64, u64)> {
        locate(text.as_bytes(), pointer, target).map(|o| line_column(text.as_bytes(), o))
    }

    #[test]
    fn finds_nested_values_and_counts_characters() {
        let text =
            r#"{"metadata": {"title": "Tiêu đề", "id": "x"}, "bullets": ["một", "hai", "ba"]}"#;
        assert_eq!(at(text, "/metadata/id", Target::Value), Some((0, 41)));
        assert_eq!(at(text, "/bullets/2", Target::Value), Some((0, 73)));
        assert_eq!(at(text, "/metadata/title", Target::Key), Some((0, 15)));
        assert_eq!(at(text, "/metadata", Target::Value), Some((0, 14)));
    }

    #[test]
    fn follows_lines_in_pretty_printed_text() {
        let text = "{\n  \"a\": [\n    1,\n    {\"b\": \"é\\\"}\"}\n  ]\n}";
        assert_eq!(at(text, "/a/1/b", Target::Value), Some((3, 11)));
        assert_eq!(at(text, "/a/1/b", Target::Key), Some((3, 6)));
    }

    #[test]
    fn handles_escaped_keys_and_pointer_escapes() {
        let text = r#"{"a\u002fb": 1, "t~e": 2, "x\"y": 3}"#;
        assert_eq!(at(text, "/a~1b", Target::Value), Some((0, 14)));
        assert_eq!(at(text, "/t~0e", Target::Value), Some((0, 24)));
        assert_eq!(at(text, "/x\"y", Target::Value), Some((0, 35)));
    }

    #[test]
    fn duplicate_keys_point_at_the_last_one() {
        assert_eq!(
            at(r#"{"a": 1, "a": 2}"#, "/a", Target::Value),
            Some((0, 15))
        );
    }

    #[test]
    fn missing_or_malformed_gives_none() {
        assert_eq!(at(r#"{"a": [1]}"#, "/a/1", Target::Value), None);
        assert_eq!(at(r#"{"a": [1]}"#, "/b", Target::Value), None);
        assert_eq!(at(r#"{"a": "#, "/a/0", Target::Value), None);
        assert_eq!(at(r#"{"a": "unterminated"#, "/b", Target::Value), None);
        assert_eq!(at("[1, 2", "/x", Target::Value), None);
    }
}
