//! Parsing a record's JSON text strictly: like `serde_json`'s `Value`, but a
//! key repeated in one object is an error rather than silently resolved
//! (`serde_json` keeps the last value, other readers the first: the record
//! means different things to different consumers, so it is refused, with
//! where the repeat is). Faults found while parsing that belong to one
//! value (a repeated key, a number out of range, a lone surrogate escape)
//! are told with that value's pointer and position.

use std::cell::Cell;
use std::fmt;

use articlekit_read::span::number_span;
use articlekit_read::{key_offsets, pointer_at, position_in};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::Keyword;
use crate::path::{field, quote};

/// Why a text was refused: `serde_json`'s error (its position, and its
/// message for faults of its own), and which of this parser's own rules
/// refused it, if one did.
#[derive(Debug)]
pub(crate) struct Refusal {
    /// The error `serde_json` returned (for ours, with the position it was raised at).
    pub error: serde_json::Error,
    own: Option<Own>,
}

/// A rule of this parser's own, recorded beside the error it raises, so
/// that it is never recognised by message text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Own {
    /// A key repeated in one object.
    RepeatedKey,
    /// More values than allowed.
    TooManyValues(usize),
}

/// What a `serde_json` syntax error is about, for the faults told in words
/// of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SyntaxFault {
    /// A number beyond what a 64-bit float holds.
    NumberOutOfRange,
    /// A high surrogate escape followed by no escape (`"\ud800"`).
    UnpairedAtEnd,
    /// A surrogate escape without its other half.
    LoneSurrogate,
    /// Arrays and objects nested deeper than `serde_json` allows.
    TooDeep,
    /// Any other syntax error: `serde_json`'s message says it.
    Other,
}

impl SyntaxFault {
    /// The fault of `error`. `serde_json` tells its error codes only in its
    /// messages, so this is the one place that reads them; a test pins the
    /// wording, so a reworded message fails it rather than being silently
    /// told as [`SyntaxFault::Other`].
    pub(crate) fn of(error: &serde_json::Error) -> Self {
        if error.classify() != serde_json::error::Category::Syntax {
            return Self::Other;
        }
        let message = error.to_string();
        if message.starts_with("number out of range") {
            Self::NumberOutOfRange
        } else if message.starts_with("unexpected end of hex escape") {
            Self::UnpairedAtEnd
        } else if message.starts_with("lone leading surrogate in hex escape") {
            Self::LoneSurrogate
        } else if message.starts_with("recursion limit exceeded") {
            Self::TooDeep
        } else {
            Self::Other
        }
    }
}

/// Parses `text` as a JSON value, refusing repeated keys, and refusing a
/// record of more than `max_values` values (a parsed value takes several
/// times the room of its text: 16 MiB of `0,0,0,...` would take more than
/// half a gigabyte).
pub(crate) fn from_str(text: &str, max_values: usize) -> Result<Value, Refusal> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let left = Cell::new(max_values);
    let own = Cell::new(None);
    let seed = Strict {
        left: &left,
        own: &own,
        max: max_values,
    };
    let refused = |error| Refusal {
        error,
        own: own.take(),
    };
    let value = seed.deserialize(&mut deserializer).map_err(refused)?;
    deserializer.end().map_err(refused)?;
    Ok(value)
}

/// A fault of the text found while parsing it, told about one value.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ValueFault {
    /// Byte offset in the text to point at.
    pub offset: usize,
    /// Pointer of the value (or member) at fault; `""` when unknown.
    pub pointer: String,
    /// The keyword (`duplicate-key`, `size`, or `parse`).
    pub keyword: Keyword,
    /// What is wrong.
    pub message: String,
}

/// Explains a `serde_json` error about a single value, if it is one: a
/// repeated key, a number out of range or a lone surrogate. `offset` is
/// where `serde_json` stopped (the last byte it read); `start` is the line
/// and column of the text in its input, for positions in messages.
pub(crate) fn value_fault(
    text: &[u8],
    refusal: &Refusal,
    offset: usize,
    start: (u64, u64),
) -> Option<ValueFault> {
    if let Some(Own::TooManyValues(max)) = refusal.own {
        return Some(ValueFault {
            offset: 0,
            pointer: String::new(),
            keyword: Keyword::Size,
            message: format!(
                "the record has more than {max} JSON values (strings, numbers, arrays, objects...): over the limit of one per 32 bytes of --max-record-bytes"
            ),
        });
    }
    if refusal.own == Some(Own::RepeatedKey) {
        let at = key_start(text, offset)?;
        let pointer = pointer_at(text, at);
        let first = first_key(text, &pointer, at).map(|first| position_in(text, first, start));
        let place = first.map_or_else(String::new, |(line, column)| {
            format!(" (first at line {line}, column {column})")
        });
        let message = format!(
            "{} appears twice in the same object{place}: a repeated key is ambiguous (JSON readers keep either the first or the last), remove one",
            field(&pointer)
        );
        return Some(ValueFault {
            offset: at,
            pointer,
            keyword: Keyword::DuplicateKey,
            message,
        });
    }
    let fault = SyntaxFault::of(&refusal.error);
    if fault == SyntaxFault::NumberOutOfRange {
        // serde_json stops at the number's last digit; point at its start.
        let span = number_span(text, offset);
        let at = span.start;
        let number = String::from_utf8_lossy(&text[span]);
        let pointer = pointer_at(text, at);
        let message = format!(
            "not valid JSON: {}: the number {} is out of range (beyond what a 64-bit float holds)",
            field(&pointer),
            quote(&number)
        );
        return Some(ValueFault {
            offset: at,
            pointer,
            keyword: Keyword::Parse,
            message,
        });
    }
    let unexpected_end = fault == SyntaxFault::UnpairedAtEnd;
    if unexpected_end || fault == SyntaxFault::LoneSurrogate {
        let at = lone_surrogate(text, offset, unexpected_end)?;
        let escape = String::from_utf8_lossy(&text[at..(at + 6).min(text.len())]);
        let pointer = pointer_at(text, at);
        let message = format!(
            "not valid JSON: {}: {} is half of a UTF-16 surrogate pair without its other half, not a character",
            field(&pointer),
            quote(&escape)
        );
        return Some(ValueFault {
            offset: at,
            pointer,
            keyword: Keyword::Parse,
            message,
        });
    }
    None
}

/// Where the key that ends at (or just before whitespace up to) `offset` starts.
fn key_start(text: &[u8], offset: usize) -> Option<usize> {
    let mut end = offset.min(text.len().checked_sub(1)?);
    while end > 0 && matches!(text[end], b' ' | b'\t' | b'\n' | b'\r' | b':') {
        end -= 1;
    }
    if text[end] != b'"' {
        return None;
    }
    // The opening quote: the nearest `"` before that is not escaped.
    (0..end)
        .rev()
        .find(|&i| text[i] == b'"' && !escaped(text, i))
}

/// Whether the byte at `i` is escaped (preceded by an odd number of backslashes).
fn escaped(text: &[u8], i: usize) -> bool {
    text[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// The offset of the first key of `pointer`'s member, when it is before `second`.
fn first_key(text: &[u8], pointer: &str, second: usize) -> Option<usize> {
    key_offsets(text, pointer)
        .into_iter()
        .find(|&at| at < second)
}

/// The start of the lone surrogate escape `serde_json` stopped at.
fn lone_surrogate(text: &[u8], offset: usize, unexpected_end: bool) -> Option<usize> {
    let escape_at = |i: usize| {
        text.get(i) == Some(&b'\\') && text.get(i + 1) == Some(&b'u') && !escaped(text, i)
    };
    let hex = |i: usize| {
        text.get(i + 2..i + 6)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u16::from_str_radix(h, 16).ok())
    };
    let last = offset.min(text.len().checked_sub(1)?);
    let nearest = (0..=last).rev().find(|&i| escape_at(i))?;
    if unexpected_end {
        // `\ud800"`: the high surrogate is followed by no escape at all.
        return Some(nearest);
    }
    let before = nearest.checked_sub(6).filter(|&i| escape_at(i));
    let is_high = |v: u16| (0xD800..0xDC00).contains(&v);
    match hex(nearest) {
        // A low surrogate with no high one right before it.
        Some(v) if (0xDC00..0xE000).contains(&v) && !before.and_then(hex).is_some_and(is_high) => {
            Some(nearest)
        }
        // A high surrogate followed by an escape that is not a low one.
        _ => before.or(Some(nearest)),
    }
}

/// The seed of a strict value, with the number of values still allowed.
#[derive(Clone, Copy)]
struct Strict<'a> {
    left: &'a Cell<usize>,
    /// The rule of ours that refused the text, beside the error raised.
    own: &'a Cell<Option<Own>>,
    max: usize,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        let Some(left) = self.left.get().checked_sub(1) else {
            self.own.set(Some(Own::TooManyValues(self.max)));
            return Err(de::Error::custom("too many values"));
        };
        self.left.set(left);
        deserializer.deserialize_any(StrictVisitor(self))
    }
}

struct StrictVisitor<'a>(Strict<'a>);

impl<'de> Visitor<'de> for StrictVisitor<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self.0)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            match map.entry(key) {
                Entry::Occupied(entry) => {
                    self.0.own.set(Some(Own::RepeatedKey));
                    return Err(de::Error::custom(format_args!(
                        "repeated key {}",
                        entry.key()
                    )));
                }
                Entry::Vacant(entry) => {
                    entry.insert(access.next_value_seed(self.0)?);
                }
            }
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(offset, pointer, keyword, message)` of the fault in `text`.
    fn fault(text: &str) -> ValueFault {
        let refusal = from_str(text, 1000).expect_err("refused");
        let error = &refusal.error;
        let line_start: usize = text
            .split('\n')
            .take(error.line() - 1)
            .map(|l| l.len() + 1)
            .sum();
        let offset = line_start + error.column().saturating_sub(1);
        value_fault(text.as_bytes(), &refusal, offset, (1, 1)).expect("a value fault")
    }

    #[test]
    fn values_are_those_of_serde_json() {
        let text = r#"{"a": [1, -2, 3.5, -0, 1e5, "é\u00e9\ud83d\ude00", true, null, {}], "b": {"c": 18446744073709551615}}"#;
        assert_eq!(
            from_str(text, 1000).expect("parses"),
            serde_json::from_str::<Value>(text).expect("parses")
        );
        assert!(from_str("{} x", 1000).is_err());
    }

    #[test]
    fn a_repeated_key_is_refused_at_its_second_occurrence() {
        let text = "{\"metadata\": {\"id\": \"a\", \"title\": \"T\",\n  \"title\" : \"U\"}}";
        let f = fault(text);
        assert_eq!(f.keyword, Keyword::DuplicateKey);
        assert_eq!(f.pointer, "/metadata/title");
        assert_eq!(&text[f.offset..f.offset + 7], "\"title\"");
        assert!(f.offset > 40, "{}", f.offset);
        assert!(
            f.message.starts_with(
                "metadata.title appears twice in the same object (first at line 1, column 26)"
            ),
            "{}",
            f.message
        );
        // The same key in different objects is fine.
        assert!(
            from_str(
                r#"{"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 2}]}"#,
                1000
            )
            .is_ok()
        );
        // Escapes are resolved before comparing.
        let f = fault(r#"{"k\"ey": 1, "k\u0022ey": 2}"#);
        assert_eq!((f.offset, f.pointer.as_str()), (13, "/k\"ey"));
    }

    #[test]
    fn numbers_out_of_range_name_their_field() {
        let text = r#"{"a": 1, "size_bytes": -1e400}"#;
        let f = fault(text);
        assert_eq!(
            (f.offset, f.pointer.as_str(), f.keyword.as_str()),
            (23, "/size_bytes", "parse")
        );
        assert!(f.message.contains("`-1e400`"), "{}", f.message);
    }

    #[test]
    fn a_record_of_too_many_values_is_refused() {
        assert!(from_str("[1, [2, 3], {\"a\": 4}]", 7).is_ok());
        let refusal = from_str("[1, [2, 3], {\"a\": 4}]", 6).expect_err("7 values");
        let f = value_fault(b"", &refusal, 0, (1, 1)).expect("a value fault");
        assert_eq!(
            (f.offset, f.pointer.as_str(), f.keyword.as_str()),
            (0, "", "size")
        );
        assert!(
            f.message
                .starts_with("the record has more than 6 JSON values"),
            "{}",
            f.message
        );
    }

    #[test]
    fn lone_surrogates_point_at_their_escape() {
        for (text, at) in [
            (r#"{"t": "\ud800"}"#, 7),
            (r#"{"t": "x\ud800y"}"#, 8),
            (r#"{"t": "\udc00"}"#, 7),
            (r#"{"t": "\ud800\u0041"}"#, 7),
            (r#"{"t": "\ud800\ud800"}"#, 7),
            (r#"{"t": "\\\ud83d\ude00\udc00"}"#, 21),
        ] {
            let f = fault(text);
            assert_eq!(
                (f.offset, f.pointer.as_str()),
                (at, "/t"),
                "{text}: {}",
                f.message
            );
        }
    }

    /// `serde_json` names its error codes only in its messages: this pins
    /// the wording [`SyntaxFault::of`] reads, so that a reword fails here.
    #[test]
    fn serde_json_faults_are_told_apart() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        for (text, fault) in [
            (r#"{"a": 1e400}"#, SyntaxFault::NumberOutOfRange),
            (r#"{"a": "\ud800"}"#, SyntaxFault::UnpairedAtEnd),
            (r#"{"a": "\udc00"}"#, SyntaxFault::LoneSurrogate),
            (r#"{"a": "\ud800\u0041"}"#, SyntaxFault::LoneSurrogate),
            (deep.as_str(), SyntaxFault::TooDeep),
            (r#"{"a": tru}"#, SyntaxFault::Other),
            (r#"{"a": 1"#, SyntaxFault::Other),
        ] {
            let refusal = from_str(text, 1000).expect_err("refused");
            assert_eq!(
                SyntaxFault::of(&refusal.error),
                fault,
                "{text}: {}",
                refusal.error
            );
        }
        // Our own refusals are known by what raised them, not by their text.
        let refusal = from_str(r#"{"a": 1, "a": 2}"#, 1000).expect_err("refused");
        assert_eq!(refusal.own, Some(Own::RepeatedKey));
        assert_eq!(SyntaxFault::of(&refusal.error), SyntaxFault::Other);
    }
}
