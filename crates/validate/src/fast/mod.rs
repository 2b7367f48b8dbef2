//! The fast path: a record read straight into the typed model while every
//! rule of the schema is checked, without building a JSON value and
//! without running the compiled schema.
//!
//! It is sound, not complete: a record it accepts is one the full path
//! (strict parse, then the compiled schema with formats asserted) accepts,
//! with the same article. Whatever it is unsure of, it refuses, and the
//! record takes the full path, which finds and words the errors, so
//! messages and locations are those of the full path. It refuses at the
//! first doubt, so a refused record costs at most one partial read more.
//!
//! - The parser is `serde_json`'s, the one the full path uses, driven by
//!   typed visitors instead of `Value`: what it accepts as JSON is the same.
//! - Repeated keys, unknown keys, `null`s, wrong types, missing required
//!   properties: refused.
//! - The rules (lengths in characters, patterns, the control-character
//!   `not`s, formats, item counts, unique tags, integer ranges) are read
//!   from the generated schema by [`Rules::from_schema`]; a keyword it has
//!   no rule for turns the fast path off. Formats are checked by
//!   `jsonschema`'s own `is_valid_uri` and `is_valid_datetime`, the
//!   functions the full path calls.
//! - Numbers: only plain unsigned integers in range (`10.0`, `1e1`, `-0`
//!   are left to the full path). The URL pattern is checked on a narrower
//!   host start (printable ASCII). Tags whose hashes collide are
//!   left to the full path.

mod de;
mod rules;

use std::cell::Cell;

use articlekit_model::Article;
use serde::de::DeserializeSeed;
use serde_json::Value;

use de::{ArticleSeed, Ctx};
use rules::Formats;
pub(crate) use rules::Rules;

/// The fast path, with the rules of one schema.
#[derive(Debug)]
pub(crate) struct FastPath {
    rules: Rules,
    formats: Formats,
}

impl FastPath {
    /// The fast path of `schema`, or why it has none (a keyword without a rule).
    pub(crate) fn from_schema(schema: &Value) -> Result<Self, String> {
        Ok(Self {
            rules: Rules::from_schema(schema)?,
            formats: Formats::new()?,
        })
    }

    fn ctx(&self, build: bool, max_values: usize) -> Ctx<'_> {
        Ctx {
            rules: &self.rules,
            build,
            left: Cell::new(max_values),
            formats: &self.formats,
            scratch: std::cell::RefCell::new(Value::Null),
        }
    }

    /// The article of the JSON `text` when the fast path accepts it. With
    /// `build` false only `metadata.id`, `published_at` and `updated_at` are
    /// filled in. `max_values` is the full path's limit on values.
    pub(crate) fn check_text(&self, text: &str, build: bool, max_values: usize) -> Option<Article> {
        if !plain_escapes(text.as_bytes()) {
            return None;
        }
        let ctx = self.ctx(build, max_values);
        let mut deserializer = sonic_rs::Deserializer::from_str(text);
        let article = ArticleSeed(&ctx).deserialize(&mut deserializer).ok()?;
        deserializer.end().ok()?;
        Some(article)
    }

    /// The typed read with `serde_json`, the full path's parser, instead of
    /// `sonic-rs` (for the tests that compare the two).
    #[cfg(test)]
    pub(crate) fn check_text_serde(
        &self,
        text: &str,
        build: bool,
        max_values: usize,
    ) -> Option<Article> {
        let ctx = self.ctx(build, max_values);
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let article = ArticleSeed(&ctx).deserialize(&mut deserializer).ok()?;
        deserializer.end().ok()?;
        Some(article)
    }

    /// The typed read on any serde deserializer (the parser comparison of
    /// `bench/validate.sh` runs it on other JSON parsers).
    pub(crate) fn check_with<'de, D: serde::Deserializer<'de>>(
        &self,
        deserializer: D,
        build: bool,
    ) -> Option<Article> {
        let ctx = self.ctx(build, usize::MAX);
        ArticleSeed(&ctx).deserialize(deserializer).ok()
    }

    /// [`FastPath::check_text`] on a value a reader built (a CSV row, a page).
    pub(crate) fn check_value(&self, value: &Value, build: bool) -> Option<Article> {
        let ctx = self.ctx(build, usize::MAX);
        ArticleSeed(&ctx).deserialize(value).ok()
    }
}

/// Whether no escape in `text` is a UTF-16 surrogate (`\\uD800`–`\\uDFFF`):
/// a pair is a character, a lone half is an error of the full path's
/// parser, and `sonic-rs` is not relied on to tell them apart the same
/// way; records with either are left to the full path. A `\\` before `u`
/// that is itself escaped only makes this refuse more.
fn plain_escapes(text: &[u8]) -> bool {
    memchr::memmem::find_iter(text, b"\\u").all(|at| {
        !matches!(
            (text.get(at + 2), text.get(at + 3)),
            (Some(b'd' | b'D'), Some(b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F'))
        )
    })
}

#[cfg(test)]
mod tests;
