//! Rules the derive attributes cannot say on their own: text hygiene patterns,
//! URL/date/language formats, and integer readers that accept `10.0` as JSON
//! Schema does.
//!
//! Patterns are written so that Rust `regex`, ECMA-262 (ajv) and Python `re`
//! (python-jsonschema) all agree: no look-around, and "no control characters"
//! is a `not` of an unanchored search, because Python's `$` also matches
//! before a final line feed.

use std::fmt;

use schemars::Schema;
use serde::de::{self, Deserializer, Visitor};
use serde_json::{Value, json};

/// Matches any character that is not whitespace; a string without one is blank.
pub const NOT_BLANK: &str =
    r"[^\t\n\u000B\u000C\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]";
/// Matches any C0 control character (forbidden in one-line text).
pub const ANY_CONTROL: &str = r"[\u0000-\u001F]";
/// Matches C0 control characters other than tab, line feed and carriage return.
pub const BAD_CONTROL: &str = r"[\u0000-\u0008\u000B\u000C\u000E-\u001F]";
/// An absolute `http` or `https` URL with a host.
pub const HTTP_URL: &str = r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]";
/// A BCP 47 language tag in its common shape (`vi`, `en-US`, `zh-Hans`).
pub const LANGUAGE_TAG: &str = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$";
/// An IANA media type, `type/subtype`.
///
/// `$` in the character classes is written `\$`: it means the same to every
/// engine, and fastjsonschema, which rewrites each `$` of a pattern to `\Z`,
/// can compile it.
pub const MEDIA_TYPE: &str =
    r"^[A-Za-z0-9][A-Za-z0-9!#\$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#\$&^_.+-]{0,126}$";
/// `metadata.id`: a letter or digit, then letters, digits and `. _ : -`.
pub const ID_PATTERN: &str = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$";
/// Longest URL accepted.
pub const MAX_URL_CHARS: u64 = 8192;

fn forbid(pattern: &str) -> Value {
    json!({ "pattern": pattern })
}

/// One-line text: not blank, no control characters at all.
pub fn single_line_text(schema: &mut Schema) {
    if schema.get("pattern").is_none() {
        schema.insert("pattern".into(), NOT_BLANK.into());
    }
    schema.insert("not".into(), forbid(ANY_CONTROL));
}

/// Multi-line text: not blank, no control characters but tab, LF and CR.
pub fn multi_line_text(schema: &mut Schema) {
    schema.insert("pattern".into(), NOT_BLANK.into());
    schema.insert("not".into(), forbid(BAD_CONTROL));
}

/// Bullet items: each 1–2000 characters of one-line, non-blank text.
pub fn bullet_items(schema: &mut Schema) {
    schema.insert(
        "items".into(),
        json!({ "type": "string", "minLength": 1, "maxLength": 2000,
                "pattern": NOT_BLANK, "not": forbid(ANY_CONTROL) }),
    );
}

/// Tags: unique, each 1–100 characters of one-line, non-blank text.
pub fn tag_items(schema: &mut Schema) {
    schema.insert("uniqueItems".into(), true.into());
    schema.insert(
        "items".into(),
        json!({ "type": "string", "minLength": 1, "maxLength": 100,
                "pattern": NOT_BLANK, "not": forbid(ANY_CONTROL) }),
    );
}

/// A BCP 47 language tag.
pub fn language_tag(schema: &mut Schema) {
    schema.insert("pattern".into(), LANGUAGE_TAG.into());
    schema.insert("not".into(), forbid(ANY_CONTROL));
}

/// An absolute `http`/`https` URL.
pub fn http_url(schema: &mut Schema) {
    schema.insert("format".into(), "uri".into());
    schema.insert("maxLength".into(), MAX_URL_CHARS.into());
    schema.insert("pattern".into(), HTTP_URL.into());
    schema.insert("not".into(), forbid(ANY_CONTROL));
}

/// An RFC 3339 date-time (which always carries an offset).
pub fn date_time(schema: &mut Schema) {
    schema.insert("format".into(), "date-time".into());
}

/// An IANA media type.
pub fn media_type(schema: &mut Schema) {
    schema.insert("pattern".into(), MEDIA_TYPE.into());
    schema.insert("not".into(), forbid(ANY_CONTROL));
}

/// Drops schemars' non-standard `uint32`/`uint64` formats, which strict
/// validators (ajv) reject as unknown.
pub fn plain_integer(schema: &mut Schema) {
    schema.remove("format");
}

struct IntegralVisitor {
    max: u64,
}

impl Visitor<'_> for IntegralVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an integer from 0 to {}", self.max)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        if v <= self.max {
            Ok(v)
        } else {
            Err(E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            .and_then(|v| self.visit_u64(v))
    }

    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        // JSON Schema counts `10.0` as an integer; so does the model.
        if v.fract() == 0.0 && v >= 0.0 && v <= self.max as f64 {
            Ok(v as u64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

/// Reads a `u32`, accepting integral floats such as `10.0`.
pub fn de_u32_integral<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = d.deserialize_any(IntegralVisitor {
        max: u64::from(u32::MAX),
    })?;
    u32::try_from(v).map_err(de::Error::custom)
}

/// Reads an optional `u64` up to 2^53 − 1, accepting integral floats.
pub fn de_opt_u64_integral<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(IntegralVisitor {
        max: crate::MAX_SAFE_INTEGER,
    })
    .map(Some)
}
