//! How fields and values are named in messages.

use std::fmt::Write;

use articlekit_read::span::{push_token, tokens};
use serde_json::Value;

/// Longest value quoted in a message, in characters.
const MAX_SHOWN: usize = 60;

/// A pointer as a field path people read: `/metadata/authors/0/name` →
/// `metadata.authors[0].name`; the record itself is `the record`.
pub(crate) fn field(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the record".to_owned();
    }
    let mut out = String::new();
    for token in tokens(pointer) {
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            let _ = write!(out, "[{token}]");
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    out
}

/// The field path of a property of the object at `pointer`.
pub(crate) fn member(pointer: &str, property: &str) -> String {
    let mut pointer = pointer.to_owned();
    push_token(&mut pointer, property);
    field(&pointer)
}

/// A value as quoted in a message, in backticks: strings without their JSON
/// quotes, control characters escaped, cut to 60 characters.
pub(crate) fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => quote(s),
        // Only the start of a big array or object is written out, not all of it.
        other => {
            let mut head = Head(Vec::new());
            let _ = serde_json::to_writer(&mut head, other);
            quote(&String::from_utf8_lossy(&head.0))
        }
    }
}

/// A writer that keeps the first bytes and then refuses more.
struct Head(Vec<u8>);

impl std::io::Write for Head {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = (4 * MAX_SHOWN + 4).saturating_sub(self.0.len());
        if room == 0 {
            return Err(std::io::Error::other("enough"));
        }
        let n = buf.len().min(room);
        self.0.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Text in backticks, controls and bidirectional formatting characters
/// escaped (the workspace's one rule, [`articlekit_model::quote`]), cut to
/// 60 characters.
pub(crate) fn quote(text: &str) -> String {
    articlekit_model::quote::backticked(text, MAX_SHOWN)
}

/// "a string", "an integer", ... for the type of a value.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pointers_read_as_field_paths() {
        assert_eq!(field(""), "the record");
        assert_eq!(field("/metadata/source/url"), "metadata.source.url");
        assert_eq!(
            field("/metadata/authors/0/name"),
            "metadata.authors[0].name"
        );
        assert_eq!(field("/bullets/12"), "bullets[12]");
        assert_eq!(member("/metadata", "a/b"), "metadata.a/b");
    }

    #[test]
    fn values_are_quoted_short_and_escaped() {
        assert_eq!(shown(&json!("not a url")), "`not a url`");
        assert_eq!(shown(&json!(42)), "`42`");
        assert_eq!(shown(&json!("a\u{7}b")), "`a\\u{7}b`");
        assert_eq!(
            shown(&json!("é".repeat(70))),
            format!("`{}…`", "é".repeat(60))
        );
        assert_eq!(type_name(&json!(1.5)), "a number");
        let big: Vec<u32> = (0..100_000).collect();
        let text = shown(&json!(big));
        assert!(text.starts_with("`[0,1,2,3,"), "{text}");
        assert!(text.ends_with("…`") && text.chars().count() == 63, "{text}");
    }
}
