//! Finding where a JSON pointer's value is in a record's text.
//!
//! Only errors need a location, so this re-scans the raw text of an invalid
//! record instead of making every record carry a position map. The scan is
//! iterative (no recursion) and stops at the first malformed byte.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::span::{push_token, tokens};

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
    if !pointer.starts_with('/') {
        return None;
    }
    let tokens: Vec<_> = tokens(pointer).collect();
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

/// Byte offsets of many pointers' values (or keys) in `text` at once, in
/// the order asked: what [`locate`] gives for each, in one pass over the
/// text whatever the number of pointers (a record with a million errors is
/// located in linear time, not quadratic).
///
/// ```
/// use articlekit_read::{Target, locate_all};
/// let text = br#"{"a": [10, 20], "b": {"c": 1}}"#;
/// let asked = [("/a/1", Target::Value), ("/b/c", Target::Key), ("/x", Target::Value), ("", Target::Value)];
/// assert_eq!(locate_all(text, &asked), [Some(11), Some(22), None, Some(0)]);
/// ```
pub fn locate_all(text: &[u8], pointers: &[(&str, Target)]) -> Vec<Option<usize>> {
    // A few pointers: a direct scan for each is cheaper than indexing them.
    if pointers.len() <= FEW {
        return pointers
            .iter()
            .map(|&(pointer, target)| locate(text, pointer, target))
            .collect();
    }
    let mut wanted: HashMap<&str, Vec<(usize, Target)>> = HashMap::with_capacity(pointers.len());
    for (i, &(pointer, target)) in pointers.iter().enumerate() {
        wanted.entry(pointer).or_default().push((i, target));
    }
    let mut found = vec![None; pointers.len()];
    walk(text, |pointer, key, value| {
        if let Some(requests) = wanted.get(pointer) {
            for &(i, target) in requests {
                // A later duplicate key wins, as with `locate`; an element
                // or the root has no key and is its own.
                found[i] = match target {
                    Target::Key => key.or(Some(value)),
                    Target::Value => Some(value),
                };
            }
        }
    });
    found
}

/// The pointer of what is at byte `offset` of the JSON `text`: the member
/// whose key starts there, else the last value that starts at or before it
/// (the value the offset is in, or an ancestor). For saying which field a
/// fault found while parsing (a number out of range, a bad escape, a
/// repeated key) belongs to. Returns `""` (the record) when nothing better
/// is known.
///
/// ```
/// use articlekit_read::pointer_at;
/// let text = br#"{"a": [1, 2], "b": {"c": 1e400, "c": 2}}"#;
/// assert_eq!(pointer_at(text, 10), "/a/1");
/// assert_eq!(pointer_at(text, 25), "/b/c");
/// assert_eq!(pointer_at(text, 32), "/b/c");
/// assert_eq!(pointer_at(text, 0), "");
/// ```
pub fn pointer_at(text: &[u8], offset: usize) -> String {
    let mut key_match = None;
    let mut last = String::new();
    walk(text, |pointer, key, value| {
        if key == Some(offset) && key_match.is_none() {
            key_match = Some(pointer.to_owned());
        }
        if value <= offset {
            pointer.clone_into(&mut last);
        }
    });
    key_match.unwrap_or(last)
}

/// The offsets of every key of the member at `pointer` in the JSON `text`,
/// in order: more than one when the key is repeated in its object.
///
/// ```
/// use articlekit_read::key_offsets;
/// let text = br#"{"a": {"b": 1, "c": 2, "b": 3}}"#;
/// assert_eq!(key_offsets(text, "/a/b"), [7, 23]);
/// assert!(key_offsets(text, "/a/x").is_empty());
/// ```
pub fn key_offsets(text: &[u8], pointer: &str) -> Vec<usize> {
    let mut keys = Vec::new();
    walk(text, |at, key, _| {
        if let Some(key) = key.filter(|_| at == pointer) {
            keys.push(key);
        }
    });
    keys
}

/// Up to this many pointers are located one by one.
const FEW: usize = 8;

/// One level of the walk.
enum Frame {
    /// An object; `len` is the length of its pointer.
    Object { len: usize },
    /// An array and the index of its next element.
    Array { len: usize, next: usize },
}

/// Calls `visit(pointer, key offset, value offset)` for every value of the
/// JSON `text`, iteratively. Stops quietly at the first malformed byte.
fn walk(text: &[u8], mut visit: impl FnMut(&str, Option<usize>, usize)) {
    let mut pointer = String::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut pos = skip_ws(text, 0);
    let mut key: Option<usize> = None;
    loop {
        // `pos` is at a value whose pointer is `pointer`.
        if pos >= text.len() {
            return;
        }
        visit(&pointer, key.take(), pos);
        match text[pos] {
            b'{' => {
                pos = skip_ws(text, pos + 1);
                if text.get(pos) == Some(&b'}') {
                    pos += 1;
                } else {
                    stack.push(Frame::Object { len: pointer.len() });
                    match member_key(text, pos, &mut pointer) {
                        Some((at, value)) => {
                            key = Some(at);
                            pos = value;
                            continue;
                        }
                        None => return,
                    }
                }
            }
            b'[' => {
                pos = skip_ws(text, pos + 1);
                if text.get(pos) == Some(&b']') {
                    pos += 1;
                } else {
                    stack.push(Frame::Array {
                        len: pointer.len(),
                        next: 1,
                    });
                    pointer.push_str("/0");
                    continue;
                }
            }
            _ => match skip_value(text, pos) {
                Some(end) => pos = end,
                None => return,
            },
        }
        // After a value: close containers, or go on to the next member or element.
        loop {
            pos = skip_ws(text, pos);
            let Some(frame) = stack.last_mut() else {
                return;
            };
            let (len, close) = match frame {
                Frame::Object { len } => (*len, b'}'),
                Frame::Array { len, .. } => (*len, b']'),
            };
            pointer.truncate(len);
            match text.get(pos) {
                Some(&b) if b == close => {
                    stack.pop();
                    pos += 1;
                }
                Some(b',') => {
                    pos = skip_ws(text, pos + 1);
                    match frame {
                        Frame::Object { .. } => match member_key(text, pos, &mut pointer) {
                            Some((at, value)) => {
                                key = Some(at);
                                pos = value;
                            }
                            None => return,
                        },
                        Frame::Array { next, .. } => {
                            let _ = write!(pointer, "/{next}");
                            *next += 1;
                        }
                    }
                    break;
                }
                _ => return,
            }
        }
    }
}

/// Reads the member key at `pos`, appends it to `pointer` (escaped), and
/// returns the key's offset and its value's.
fn member_key(text: &[u8], pos: usize, pointer: &mut String) -> Option<(usize, usize)> {
    if text.get(pos) != Some(&b'"') {
        return None;
    }
    let end = skip_string(text, pos)?;
    let quoted = &text[pos..end];
    let inner = &quoted[1..quoted.len() - 1];
    let name = if memchr::memchr(b'\\', inner).is_none() {
        std::borrow::Cow::Borrowed(std::str::from_utf8(inner).ok()?)
    } else {
        std::borrow::Cow::Owned(serde_json::from_slice::<String>(quoted).ok()?)
    };
    push_token(pointer, &name);
    let colon = skip_ws(text, end);
    if text.get(colon) != Some(&b':') {
        return None;
    }
    Some((pos, skip_ws(text, colon + 1)))
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
    use crate::span::{line_column, position_in, positions_in};

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
    fn locating_all_at_once_agrees_with_one_by_one() {
        let texts = [
            "{\n  \"a\": [1, {\"b\": \"é\\\"}\"}, [], {}],\n  \"a\\u002fb\": {\"t~e\": [[2], 3]},\n  \"d\": 1, \"d\": {\"x\": null}\n}",
            r#"[{"k": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}, "s", true]"#,
            "  \"just a string\"  ",
        ];
        let pointers = [
            "",
            "/a",
            "/a/0",
            "/a/1",
            "/a/1/b",
            "/a/2",
            "/a/3",
            "/a/4",
            "/a~1b",
            "/a~1b/t~0e",
            "/a~1b/t~0e/0/0",
            "/a~1b/t~0e/1",
            "/d",
            "/d/x",
            "/0/k/11",
            "/0/k/12",
            "/1",
            "/2",
            "/a/2/b",
            "/x",
        ];
        for text in texts {
            let mut asked = Vec::new();
            for pointer in pointers {
                asked.push((pointer, Target::Value));
                asked.push((pointer, Target::Key));
            }
            let expected: Vec<Option<usize>> = asked
                .iter()
                .map(|&(p, t)| locate(text.as_bytes(), p, t))
                .collect();
            assert_eq!(locate_all(text.as_bytes(), &asked), expected, "{text}");
            let offsets: Vec<usize> = expected.iter().flatten().copied().collect();
            let one_by_one: Vec<(u64, u64)> = offsets
                .iter()
                .map(|&o| position_in(text.as_bytes(), o, (3, 7)))
                .collect();
            assert_eq!(positions_in(text.as_bytes(), &offsets, (3, 7)), one_by_one);
        }
        // Malformed text (never located: it does not parse) ends the walk quietly.
        let asked: Vec<(&str, Target)> = pointers.iter().map(|&p| (p, Target::Value)).collect();
        let found = locate_all(br#"{"a": [1, 2, {"b": "unterminated"#, &asked);
        assert_eq!(
            found[pointers.iter().position(|&p| p == "/a/1").unwrap_or(0)],
            Some(10)
        );
    }

    #[test]
    fn many_pointers_take_one_pass() {
        let n = 200_000;
        let mut text = String::from("{\"bullets\": [");
        for i in 0..n {
            if i > 0 {
                text.push_str(", ");
            }
            text.push_str("\"\\u0007\"");
        }
        text.push_str("]}");
        let pointers: Vec<String> = (0..n).map(|i| format!("/bullets/{i}")).collect();
        let asked: Vec<(&str, Target)> = pointers
            .iter()
            .map(|p| (p.as_str(), Target::Value))
            .collect();
        let found = locate_all(text.as_bytes(), &asked);
        assert_eq!(found[0], Some(13));
        assert_eq!(found[n - 1], Some(13 + (n - 1) * 10));
        let offsets: Vec<usize> = found.iter().flatten().rev().copied().collect();
        let at = positions_in(text.as_bytes(), &offsets, (1, 1));
        assert_eq!(at[0], (1, 14 + (n as u64 - 1) * 10));
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
