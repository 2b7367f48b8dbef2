//! Turning `jsonschema` errors into messages a person understands, each
//! naming the field path and the value.

use std::collections::HashSet;
use std::fmt::Write;

use articlekit_model::rules::{
    ANY_CONTROL, BAD_CONTROL, HTTP_URL, ID_PATTERN, LANGUAGE_TAG, MEDIA_TYPE, NOT_BLANK,
};
use articlekit_read::Target;
use articlekit_read::span::escape_token;
use jsonschema::JsonType;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::Keyword;
use crate::limits::MAX_RECORD_ERRORS;
use crate::path::{field, member, quote, shown, type_name};
use crate::shapes::Shapes;

/// One problem, before it is located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Pointer of the offending value.
    pub pointer: String,
    /// The keyword of the report.
    pub keyword: Keyword,
    /// The message.
    pub message: String,
    /// Where to point: the value, or the key of an unknown field.
    pub target: Target,
    /// For `required`: the missing property of the object at `pointer`.
    pub missing: Option<String>,
    tag: Tag,
}

/// What a problem says, for dropping one that only repeats another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Tag {
    Other,
    Empty,
    Blank,
    Format,
    UrlPattern,
    Type,
    NotText,
}

impl Problem {
    fn new(pointer: &str, keyword: Keyword, message: String) -> Self {
        Self {
            pointer: pointer.to_owned(),
            keyword,
            message,
            target: Target::Value,
            missing: None,
            tag: Tag::Other,
        }
    }

    /// A note about the record (not a schema error), about the value at `pointer`.
    pub(crate) fn note(pointer: &str, keyword: Keyword, message: String) -> Self {
        Self::new(pointer, keyword, message)
    }

    fn tagged(mut self, tag: Tag) -> Self {
        self.tag = tag;
        self
    }
}

/// The problems one `jsonschema` error stands for (an error about several
/// unknown fields is one problem per field).
///
/// `length` gives the real length of an array that was cut before checking
/// (see [`crate::prune`]), for the counts in messages; `written` the text of
/// the number at a pointer as the record has it, when it is known, so that
/// a number is echoed as written (`18446744073709551616`, not the float
/// `1.8446744073709552e+19` it was read as).
pub(crate) fn describe(
    error: &jsonschema::ValidationError<'_>,
    shapes: &Shapes,
    length: impl Fn(&str) -> Option<usize>,
    written: impl Fn(&str) -> Option<String>,
) -> Vec<Problem> {
    let pointer = error.instance_path().as_str();
    let instance: &Value = error.instance();
    let keyword = Keyword::from_name(error.kind().keyword());
    let path = field(pointer);
    // Integers read exactly; only a float can show other than it is written.
    let value = match instance {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            written(pointer).map_or_else(|| shown(instance), |text| quote(&text))
        }
        _ => shown(instance),
    };
    match error.kind() {
        // However many unknown fields there are, the list stops where the record's does.
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .take(MAX_RECORD_ERRORS + 1)
            .map(|name| unknown_field(pointer, name, shapes))
            .collect(),
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned);
            let mut problem = Problem::new(
                pointer,
                keyword,
                format!("{} is required", member(pointer, &name)),
            );
            problem.missing = Some(name);
            vec![problem]
        }
        ValidationErrorKind::Type { kind } => {
            vec![wrong_type(pointer, &path, instance, &value, kind)]
        }
        ValidationErrorKind::Format { format } => {
            vec![bad_format(pointer, &path, instance, format)]
        }
        ValidationErrorKind::Pattern { pattern } => {
            vec![no_match(pointer, &path, instance, pattern)]
        }
        ValidationErrorKind::Not { schema } => {
            vec![not_problem(
                pointer,
                &path,
                instance,
                schema.get("pattern").and_then(Value::as_str),
                &schema.to_string(),
            )]
        }
        // The fast `not` of `not_keyword.rs` carries the pattern as its message.
        ValidationErrorKind::Custom {
            keyword: custom,
            message,
        } if custom == "not" => {
            vec![not_problem(
                pointer,
                &path,
                instance,
                Some(message.as_str()),
                message,
            )]
        }
        kind => match out_of_bounds(kind, &path, instance, &value, length(pointer)) {
            Some((message, tag)) => vec![Problem::new(pointer, keyword, message).tagged(tag)],
            None => vec![Problem::new(pointer, keyword, format!("{path}: {error}"))],
        },
    }
}

/// Lengths, counts, ranges and uniqueness, as `(message, tag)`.
fn out_of_bounds(
    kind: &ValidationErrorKind,
    path: &str,
    instance: &Value,
    value: &str,
    length: Option<usize>,
) -> Option<(String, Tag)> {
    let chars = || {
        count(
            instance.as_str().map_or(0, |s| s.chars().count()) as u64,
            "character",
        )
    };
    let items = || {
        let n = length.or_else(|| instance.as_array().map(Vec::len));
        count(n.unwrap_or(0) as u64, "item")
    };
    let message = match kind {
        ValidationErrorKind::MinLength { .. } if instance.as_str() == Some("") => {
            return Some((format!("{path} is empty"), Tag::Empty));
        }
        ValidationErrorKind::MinLength { limit } => {
            format!("{path}: {}, at least {limit} required", chars())
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!("{path}: {}, at most {limit} allowed", chars())
        }
        ValidationErrorKind::MinItems { limit } => {
            format!("{path}: {}, at least {limit} required", items())
        }
        ValidationErrorKind::MaxItems { limit } => {
            format!("{path}: {}, at most {limit} allowed", items())
        }
        ValidationErrorKind::Minimum { limit } => {
            format!("{path}: {value} is less than the minimum {limit}")
        }
        ValidationErrorKind::Maximum { limit } => {
            format!("{path}: {value} is more than the maximum {limit}")
        }
        ValidationErrorKind::UniqueItems => {
            let items = instance.as_array().map_or(&[][..], Vec::as_slice);
            // Items compared by their JSON text, in a set: linear, not quadratic.
            let mut seen = HashSet::with_capacity(items.len());
            match items.iter().find(|v| !seen.insert(v.to_string())) {
                Some(v) => format!(
                    "{path}: {} appears more than once; items must be unique",
                    shown(v)
                ),
                None => format!("{path}: items must be unique"),
            }
        }
        _ => return None,
    };
    Some((message, Tag::Other))
}

/// An unknown field, with the known field it most likely means.
fn unknown_field(pointer: &str, name: &str, shapes: &Shapes) -> Problem {
    let mut message = format!("{} is not a field of the model", member(pointer, name));
    if let Some(suggestion) = shapes.suggest(pointer, name) {
        let _ = write!(message, " (did you mean `{suggestion}`?)");
    } else if !shapes.fields(pointer).is_empty() {
        let known: Vec<String> = shapes
            .fields(pointer)
            .iter()
            .map(|f| format!("`{f}`"))
            .collect();
        let _ = write!(message, " (known fields: {})", known.join(", "));
    }
    let mut problem = Problem::new(
        &format!("{pointer}/{}", escape_token(name)),
        Keyword::AdditionalProperties,
        message,
    );
    problem.target = Target::Key;
    problem
}

/// A value of the wrong JSON type.
fn wrong_type(
    pointer: &str,
    path: &str,
    instance: &Value,
    value: &str,
    kind: &TypeKind,
) -> Problem {
    let expected = match kind {
        TypeKind::Single(t) => a_type(*t).to_owned(),
        TypeKind::Multiple(set) => set.iter().map(a_type).collect::<Vec<_>>().join(" or "),
    };
    let found = match instance {
        Value::Null => "null".to_owned(),
        Value::Number(_) => format!("{} {value}", type_name(instance)),
        other => format!("{} {}", type_name(other), quote(&other.to_string())),
    };
    Problem::new(
        pointer,
        Keyword::Type,
        format!("{path}: expected {expected}, found {found}"),
    )
    .tagged(Tag::Type)
}

/// A string that is not in its `format`.
fn bad_format(pointer: &str, path: &str, instance: &Value, format: &str) -> Problem {
    let value = shown(instance);
    let message = match format {
        "uri" => format!("{path}: {value} is not an absolute URL"),
        "date-time" => format!(
            "{path}: {value} is not an RFC 3339 date-time with an offset (like `2025-07-20T08:00:00+07:00`)"
        ),
        other => format!("{path}: {value} is not a valid `{other}`"),
    };
    Problem::new(pointer, Keyword::Format, message).tagged(Tag::Format)
}

/// A string that does not match its `pattern`, told by what the pattern means.
fn no_match(pointer: &str, path: &str, instance: &Value, pattern: &str) -> Problem {
    let value = shown(instance);
    let (message, tag) = match pattern {
        NOT_BLANK => (format!("{path} is blank (only whitespace)"), Tag::Blank),
        HTTP_URL => (
            format!("{path}: {value} is not an absolute http or https URL"),
            Tag::UrlPattern,
        ),
        LANGUAGE_TAG => (
            format!("{path}: {value} is not a BCP 47 language tag (like `vi`, `en-US`, `zh-Hans`)"),
            Tag::Other,
        ),
        MEDIA_TYPE => (
            format!("{path}: {value} is not a media type like `application/pdf`"),
            Tag::Other,
        ),
        ID_PATTERN => (
            format!(
                "{path}: {value} must start with a letter or digit and hold only letters, digits and `. _ : -`"
            ),
            Tag::Other,
        ),
        other => (
            format!(
                "{path}: {value} does not match the pattern {}",
                quote(other)
            ),
            Tag::Other,
        ),
    };
    Problem::new(pointer, Keyword::Pattern, message).tagged(tag)
}

/// A failed `not`: for the control-character rules, which character and where.
fn not_problem(
    pointer: &str,
    path: &str,
    instance: &Value,
    pattern: Option<&str>,
    schema: &str,
) -> Problem {
    let forbidden: Option<fn(char) -> bool> = match pattern {
        Some(ANY_CONTROL) => Some(|c| c < '\u{20}'),
        Some(BAD_CONTROL) => Some(|c| c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')),
        _ => None,
    };
    let Some(forbidden) = forbidden else {
        return Problem::new(
            pointer,
            Keyword::Not,
            format!(
                "{path}: {} must not be valid against {schema}",
                shown(instance)
            ),
        );
    };
    let Some(text) = instance.as_str() else {
        // Only strings can pass a pattern rule; the type error says the rest.
        return Problem::new(
            pointer,
            Keyword::Not,
            format!("{path}: {} is not text", shown(instance)),
        )
        .tagged(Tag::NotText);
    };
    match text.chars().enumerate().find(|(_, c)| forbidden(*c)) {
        Some((at, c)) => {
            let name = match c {
                '\t' => ", a tab",
                '\n' => ", a line feed",
                '\r' => ", a carriage return",
                '\0' => ", a NUL",
                _ => "",
            };
            let message = format!(
                "{path} contains a control character (U+{:04X}{name}) at character {}",
                u32::from(c),
                at + 1
            );
            Problem::new(pointer, Keyword::Not, message)
        }
        None => Problem::new(
            pointer,
            Keyword::Not,
            format!(
                "{path}: {} must not match {}",
                shown(instance),
                quote(schema)
            ),
        ),
    }
}

/// Drops problems that only repeat another one about the same value: a
/// blank-text error next to an empty-text one, a URL-pattern error next to
/// a URL-format one, a not-text error next to a type error.
pub(crate) fn dedupe(problems: &mut Vec<Problem>) {
    // A set, so that a record with very many problems is not quadratic.
    let stronger: HashSet<(String, Tag)> = problems
        .iter()
        .filter(|p| matches!(p.tag, Tag::Empty | Tag::Format | Tag::Type))
        .map(|p| (p.pointer.clone(), p.tag))
        .collect();
    if stronger.is_empty() {
        return;
    }
    let has = |pointer: &str, tag: Tag| stronger.contains(&(pointer.to_owned(), tag));
    problems.retain(|p| match p.tag {
        Tag::Blank => !has(&p.pointer, Tag::Empty),
        Tag::UrlPattern => !has(&p.pointer, Tag::Format),
        Tag::NotText => !has(&p.pointer, Tag::Type),
        _ => true,
    });
}

fn a_type(t: JsonType) -> &'static str {
    match t {
        JsonType::Array => "an array",
        JsonType::Boolean => "a boolean",
        JsonType::Integer => "an integer",
        JsonType::Null => "null",
        JsonType::Number => "a number",
        JsonType::Object => "an object",
        JsonType::String => "a string",
    }
}

/// `1 item`, `51 items`.
fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use articlekit_read::{Format, Item, ReadOptions, from_reader};
    use serde_json::{Value, json};

    use crate::Checker;

    fn good() -> Value {
        json!({
            "metadata": {"id": "a-1", "title": "Tiêu đề", "language": "vi",
                         "published_at": "2025-07-20T08:00:00+07:00",
                         "tags": ["AI"], "source": {"url": "https://a.example/1"}},
            "summary": "Tóm tắt.", "bullets": ["Ý một"],
            "attachments": [{"name": "a.pdf", "url": "https://a.example/a.pdf", "media_type": "application/pdf"}],
            "discussion_count": 0
        })
    }

    /// `(pointer, keyword, message)` of every error of `value` as one NDJSON line.
    fn errors(value: &Value) -> Vec<(String, String, String)> {
        errors_of(&format!("{value}\n"))
    }

    /// `(pointer, keyword, message)` of every error of one NDJSON `line`.
    fn errors_of(line: &str) -> Vec<(String, String, String)> {
        let line = line.to_owned();
        let source = Box::new(Cursor::new(line.into_bytes()));
        let mut reader = from_reader(source, "t".into(), Format::Ndjson, &ReadOptions::default());
        let Some(Ok(Item::Record(record))) = reader.next() else {
            panic!("one record")
        };
        let checker = Checker::new().expect("schema compiles");
        checker
            .check(record)
            .errors
            .into_iter()
            .map(|e| (e.pointer, e.keyword.to_string(), e.message))
            .collect()
    }

    fn with(pointer: &str, value: Value) -> Vec<(String, String, String)> {
        let mut doc = good();
        *doc.pointer_mut(pointer).expect("pointer exists") = value;
        errors(&doc)
    }

    fn one(pointer: &str, keyword: &str, message: &str) -> Vec<(String, String, String)> {
        vec![(pointer.to_owned(), keyword.to_owned(), message.to_owned())]
    }

    #[test]
    fn the_good_record_is_valid() {
        assert!(errors(&good()).is_empty());
    }

    #[test]
    fn wrong_types_name_what_was_expected_and_found() {
        assert_eq!(
            with("/discussion_count", json!("10")),
            one(
                "/discussion_count",
                "type",
                "discussion_count: expected an integer, found a string `\"10\"`"
            )
        );
        assert_eq!(
            with("/bullets", json!("Ý")),
            one(
                "/bullets",
                "type",
                "bullets: expected an array, found a string `\"Ý\"`"
            )
        );
        // A non-string also fails the control-character rule; only the type error is told.
        assert_eq!(
            with("/metadata/title", json!(7)),
            one(
                "/metadata/title",
                "type",
                "metadata.title: expected a string, found an integer `7`"
            )
        );
        assert_eq!(
            with("/metadata/source", json!(null)),
            one(
                "/metadata/source",
                "type",
                "metadata.source: expected an object, found null"
            )
        );
    }

    #[test]
    fn missing_and_unknown_fields() {
        let mut doc = good();
        doc["metadata"]
            .as_object_mut()
            .map(|m| m.remove("language"));
        doc["metadata"]["publised_at"] = json!("2025-07-20T08:00:00Z");
        doc["zzz"] = json!(1);
        assert_eq!(
            errors(&doc),
            [
                ("/metadata".into(), "required".into(), "metadata.language is required".into()),
                (
                    "/metadata/publised_at".into(),
                    "additionalProperties".into(),
                    "metadata.publised_at is not a field of the model (did you mean `published_at`?)".into()
                ),
                (
                    "/zzz".into(),
                    "additionalProperties".into(),
                    "zzz is not a field of the model (known fields: `metadata`, `summary`, `bullets`, `attachments`, `discussion_count`)"
                        .into()
                ),
            ]
        );
    }

    #[test]
    fn formats_and_patterns_say_what_the_value_should_be() {
        assert_eq!(
            with("/metadata/source/url", json!("not a url")),
            one(
                "/metadata/source/url",
                "format",
                "metadata.source.url: `not a url` is not an absolute URL"
            )
        );
        assert_eq!(
            with("/metadata/source/url", json!("ftp://a.example/x")),
            one(
                "/metadata/source/url",
                "pattern",
                "metadata.source.url: `ftp://a.example/x` is not an absolute http or https URL"
            )
        );
        assert_eq!(
            with("/metadata/published_at", json!("2025-07-20")),
            one(
                "/metadata/published_at",
                "format",
                "metadata.published_at: `2025-07-20` is not an RFC 3339 date-time with an offset (like `2025-07-20T08:00:00+07:00`)"
            )
        );
        assert_eq!(
            with("/metadata/language", json!("Tiếng Việt")),
            one(
                "/metadata/language",
                "pattern",
                "metadata.language: `Tiếng Việt` is not a BCP 47 language tag (like `vi`, `en-US`, `zh-Hans`)"
            )
        );
        assert_eq!(
            with("/metadata/id", json!("-x")),
            one(
                "/metadata/id",
                "pattern",
                "metadata.id: `-x` must start with a letter or digit and hold only letters, digits and `. _ : -`"
            )
        );
        assert_eq!(
            with("/attachments/0/media_type", json!("pdf")),
            one(
                "/attachments/0/media_type",
                "pattern",
                "attachments[0].media_type: `pdf` is not a media type like `application/pdf`"
            )
        );
    }

    #[test]
    fn text_rules() {
        assert_eq!(
            with("/metadata/title", json!("Tiêu đề có ký tự\u{7} lạ")),
            one(
                "/metadata/title",
                "not",
                "metadata.title contains a control character (U+0007) at character 17"
            )
        );
        // Summaries may hold line breaks, not other control characters.
        assert!(with("/summary", json!("Dòng 1\nDòng 2\tx")).is_empty());
        assert_eq!(
            with("/summary", json!("a\u{1B}[31m")),
            one(
                "/summary",
                "not",
                "summary contains a control character (U+001B) at character 2"
            )
        );
        assert_eq!(
            with("/bullets/0", json!("")),
            one("/bullets/0", "minLength", "bullets[0] is empty")
        );
        assert_eq!(
            with("/summary", json!(" \u{A0} ")),
            one("/summary", "pattern", "summary is blank (only whitespace)")
        );
        assert_eq!(
            with("/metadata/title", json!("đ".repeat(301))),
            one(
                "/metadata/title",
                "maxLength",
                "metadata.title: 301 characters, at most 300 allowed"
            )
        );
    }

    #[test]
    fn counts_ranges_and_uniqueness() {
        let many: Vec<String> = (0..51).map(|n| format!("Ý {n}")).collect();
        assert_eq!(
            with("/bullets", json!(many)),
            one(
                "/bullets",
                "maxItems",
                "bullets: 51 items, at most 50 allowed"
            )
        );
        assert_eq!(
            with("/bullets", json!([])),
            one(
                "/bullets",
                "minItems",
                "bullets: 0 items, at least 1 required"
            )
        );
        assert_eq!(
            with("/discussion_count", json!(-1)),
            one(
                "/discussion_count",
                "minimum",
                "discussion_count: `-1` is less than the minimum 0"
            )
        );
        assert_eq!(
            with("/discussion_count", json!(4_294_967_296_u64)),
            one(
                "/discussion_count",
                "maximum",
                "discussion_count: `4294967296` is more than the maximum 4294967295"
            )
        );
        assert_eq!(
            with("/metadata/tags", json!(["AI", "ML", "AI"])),
            one(
                "/metadata/tags",
                "uniqueItems",
                "metadata.tags: `AI` appears more than once; items must be unique"
            )
        );
        // `10.0` is an integer, as JSON Schema counts.
        assert!(with("/discussion_count", json!(10.0)).is_empty());
        assert_eq!(
            with("/discussion_count", json!(1.5)),
            one(
                "/discussion_count",
                "type",
                "discussion_count: expected an integer, found a number `1.5`"
            )
        );
    }

    #[test]
    fn date_order_is_a_batch_rule_with_its_own_keyword() {
        assert_eq!(
            with("/metadata/published_at", json!("2025-07-21T00:00:00Z")).len(),
            0,
            "no updated_at, nothing to compare"
        );
        let mut doc = good();
        doc["metadata"]["updated_at"] = json!("2025-07-19T23:59:59+07:00");
        assert_eq!(
            errors(&doc),
            one(
                "/metadata/updated_at",
                "date-order",
                "metadata.updated_at: `2025-07-19T23:59:59+07:00` is before metadata.published_at `2025-07-20T08:00:00+07:00`; an article cannot be updated before it is published"
            )
        );
    }

    /// The id messages are chosen by the model's pattern: if the schema's
    /// `metadata.id` pattern is not the one exported as `ID_PATTERN`, they
    /// would quietly fall back to the generic text.
    #[test]
    fn the_id_pattern_is_the_schemas() {
        let schema = articlekit_model::schema();
        let pattern = schema
            .pointer("/$defs/Metadata/properties/id/pattern")
            .and_then(Value::as_str);
        assert_eq!(pattern, Some(super::ID_PATTERN));
    }

    /// A number is echoed as the record writes it, not as the float it was read as.
    #[test]
    fn numbers_are_echoed_as_written() {
        let line = |count: &str| {
            let doc = good().to_string();
            doc.replace(
                "\"discussion_count\":0",
                &format!("\"discussion_count\": {count}"),
            )
        };
        for (written, keyword, message) in [
            (
                "18446744073709551616",
                "maximum",
                "discussion_count: `18446744073709551616` is more than the maximum 4294967295",
            ),
            (
                "-1e0",
                "minimum",
                "discussion_count: `-1e0` is less than the minimum 0",
            ),
            (
                "1.50",
                "type",
                "discussion_count: expected an integer, found a number `1.50`",
            ),
        ] {
            assert_eq!(
                errors_of(&format!("{}\n", line(written))),
                one("/discussion_count", keyword, message),
                "{written}"
            );
        }
    }
}
