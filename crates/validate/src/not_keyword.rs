//! A faster, exactly equivalent `not` keyword for the schema's
//! control-character rule.
//!
//! The schema forbids control characters with `"not": {"pattern": "[\u0000-\u001F]"}`
//! (or the variant that allows tab, LF and CR), so that every validator
//! agrees on it. Run as a regular expression, that search over every text
//! field is the most expensive part of validation. A string holds a
//! character in U+0000–U+001F exactly when its UTF-8 holds a byte below
//! 0x20, so a byte scan gives the same answer. As for the real `not`, a
//! value that is not a string matches the inner `pattern` (which only
//! constrains strings) and so fails `not`.
//!
//! Any other `not` schema is compiled as a validator of its own and negated.

use articlekit_model::rules::{ANY_CONTROL, BAD_CONTROL};
use jsonschema::paths::Location;
// `jsonschema`'s trait of a custom keyword, not this crate's `Keyword` of a report.
use jsonschema::{Keyword as CustomKeyword, ValidationError};
use serde_json::{Map, Value};

/// The `not` keyword: a byte scan for the control-character rules, a
/// negated sub-validator otherwise.
pub(crate) fn not_factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> CustomKeyword<'i>>, ValidationError<'a>> {
    let only_pattern = value
        .as_object()
        .filter(|o| o.len() == 1)
        .and_then(|o| o.get("pattern"))
        .and_then(Value::as_str);
    match only_pattern {
        Some(ANY_CONTROL) => Ok(Box::new(NoControl {
            allow_line_breaks: false,
        })),
        Some(BAD_CONTROL) => Ok(Box::new(NoControl {
            allow_line_breaks: true,
        })),
        _ => {
            let inner = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(value)
                .map_err(|e| ValidationError::schema(format!("`not` schema {value}: {e}")))?;
            Ok(Box::new(Negated {
                inner,
                schema: value.clone(),
            }))
        }
    }
}

/// `not: {pattern: ANY_CONTROL | BAD_CONTROL}` as a byte scan.
struct NoControl {
    allow_line_breaks: bool,
}

impl NoControl {
    fn pattern(&self) -> &'static str {
        if self.allow_line_breaks {
            BAD_CONTROL
        } else {
            ANY_CONTROL
        }
    }
}

impl<'i> CustomKeyword<'i> for NoControl {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if CustomKeyword::is_valid(self, instance) {
            Ok(())
        } else {
            // The message carries the pattern, for the error text.
            Err(ValidationError::custom(self.pattern()))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        let Value::String(text) = instance else {
            return false;
        };
        if self.allow_line_breaks {
            !any_byte(text.as_bytes(), |b| {
                b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r'
            })
        } else {
            !any_byte(text.as_bytes(), |b| b < 0x20)
        }
    }
}

/// Whether any byte satisfies `test`, in blocks the compiler turns into
/// vector compares (an early-exit loop over single bytes would not be).
#[inline]
pub(crate) fn any_byte(bytes: &[u8], test: impl Fn(u8) -> bool + Copy) -> bool {
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        if block.iter().fold(false, |found, &b| found | test(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| test(b))
}

/// Any other `not`.
struct Negated {
    inner: jsonschema::Validator,
    schema: Value,
}

impl<'i> CustomKeyword<'i> for Negated {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if CustomKeyword::is_valid(self, instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(format!(
                "must not be valid against {}",
                self.schema
            )))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        !self.inner.is_valid(instance)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The byte scan and the regular expression agree, on strings and on other values.
    #[test]
    fn agrees_with_the_regular_expression() {
        for pattern in [super::ANY_CONTROL, super::BAD_CONTROL] {
            let schema = json!({ "not": { "pattern": pattern } });
            let slow = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&schema)
                .expect("compiles");
            let fast = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .with_keyword("not", super::not_factory)
                .build(&schema)
                .expect("compiles");
            let mut samples: Vec<serde_json::Value> = (0u32..0x80)
                .chain([0x85, 0xA0, 0x2028, 0xFEFF, 0x1F600])
                .filter_map(char::from_u32)
                .map(|c| json!(format!("Tiêu{c}đề")))
                .collect();
            samples.extend([
                json!(""),
                json!(1),
                json!(null),
                json!(["\u{7}"]),
                json!({"a": "\u{1}"}),
            ]);
            for sample in &samples {
                assert_eq!(
                    fast.is_valid(sample),
                    slow.is_valid(sample),
                    "{pattern} on {sample}"
                );
            }
        }
    }

    #[test]
    fn other_not_schemas_still_work() {
        let schema = json!({ "not": { "type": "string", "maxLength": 2 } });
        let fast = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .with_keyword("not", super::not_factory)
            .build(&schema)
            .expect("compiles");
        assert!(!fast.is_valid(&json!("ab")));
        assert!(fast.is_valid(&json!("abc")));
        assert!(fast.is_valid(&json!(3)));
    }
}
