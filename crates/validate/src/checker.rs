//! Checking one record: parse, validate against the compiled schema, then
//! read valid ones into the model. Valid records pay for nothing else: the
//! error locations are computed only for invalid ones.

use std::ops::Range;
use std::sync::Arc;

use articlekit_model::Article;
use articlekit_read::{
    Body, Column, Format, Locations, Raw, ReadError, ReadErrorKind, Record, Target, locate,
    position_in,
};
use serde_json::Value;

use crate::error::{SetupError, ValidationError};
use crate::keywords::not_factory;
use crate::messages::{Problem, dedupe, describe};
use crate::rules::{DATE_ORDER, date_order, dates_in_order};
use crate::shapes::Shapes;

/// The compiled schema of the article model, with what error messages need.
/// Build it once and share it (it is `Send + Sync`).
#[derive(Debug)]
pub struct Checker {
    validator: jsonschema::Validator,
    shapes: Shapes,
    articles: bool,
}

/// A record after checking.
#[derive(Debug)]
pub struct Checked {
    /// Name of the input.
    pub input: Arc<str>,
    /// Format of the input.
    pub format: Format,
    /// 1-based index of the record in its input.
    pub index: u64,
    /// 1-based line where the record starts.
    pub line: u64,
    /// 1-based column where the record starts.
    pub column: u64,
    /// The record's bytes as they came in (NDJSON: the whole line).
    pub raw: Raw,
    /// The typed article, when the record passed the schema. A record can
    /// have one and still be invalid by a batch rule: see [`Checked::is_valid`].
    pub article: Option<Article>,
    /// The parsed JSON of a record that failed the schema (to write it out
    /// in quarantine); `None` otherwise.
    pub value: Option<Value>,
    /// Every error of the record, in the order of its text.
    pub errors: Vec<ValidationError>,
    id: Option<String>,
    locator: Locator,
}

/// How to find where a pointer's value is in the record.
#[derive(Debug)]
enum Locator {
    /// In the JSON text `raw[range]`.
    Text(Range<usize>),
    /// From the reader's map.
    Map(Locations),
    /// Nowhere: the record could not be read.
    None,
}

impl Checked {
    /// True when the record has no error.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The article, when the record is valid.
    pub fn valid_article(&self) -> Option<&Article> {
        if self.is_valid() {
            self.article.as_ref()
        } else {
            None
        }
    }

    /// `metadata.id`, when it can be read (a string).
    pub fn id(&self) -> Option<&str> {
        self.article
            .as_ref()
            .map(|a| a.metadata.id.as_str())
            .or(self.id.as_deref())
    }

    /// Line and column of the value at `pointer` (the record start when unknown).
    pub fn position(&self, pointer: &str, target: Target) -> (u64, Option<Column>) {
        let start = (self.line, Some(Column::Char(self.column)));
        match &self.locator {
            Locator::Text(range) => {
                let Some(text) = self.raw.bytes().and_then(|b| b.get(range.clone())) else {
                    return start;
                };
                match locate(text, pointer, target) {
                    Some(offset) => {
                        let (line, column) = position_in(text, offset, (self.line, self.column));
                        (line, Some(Column::Char(column)))
                    }
                    None => start,
                }
            }
            Locator::Map(locations) => locations.position(pointer),
            Locator::None => start,
        }
    }

    /// Adds an error about the value at `pointer`, located.
    pub fn push_error(&mut self, pointer: &str, keyword: &str, message: String) {
        let (line, column) = self.position(pointer, Target::Value);
        let error = self.error(
            line,
            column,
            pointer.to_owned(),
            keyword.to_owned(),
            message,
        );
        self.errors.push(error);
    }

    fn error(
        &self,
        line: u64,
        column: Option<Column>,
        pointer: String,
        keyword: String,
        message: String,
    ) -> ValidationError {
        ValidationError {
            input: self.input.clone(),
            line: Some(line),
            column,
            record: Some(self.index),
            id: self.id().map(str::to_owned),
            pointer,
            keyword,
            message,
        }
    }

    fn locate_problem(&self, problem: Problem) -> ValidationError {
        let (line, column) = match (&problem.missing, &self.locator) {
            (Some(property), Locator::Map(locations)) => {
                locations.position_of_missing(&problem.pointer, property)
            }
            _ => self.position(&problem.pointer, problem.target),
        };
        self.error(
            line,
            column,
            problem.pointer,
            problem.keyword,
            problem.message,
        )
    }
}

impl Checker {
    /// Compiles the model's schema (draft 2020-12, formats asserted).
    pub fn new() -> Result<Self, SetupError> {
        let schema = articlekit_model::schema();
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .with_keyword("not", not_factory)
            .build(&schema)
            .map_err(|e| SetupError::Schema(e.to_string()))?;
        Ok(Self {
            validator,
            shapes: Shapes::from_schema(&schema),
            articles: true,
        })
    }

    /// Whether valid records are read into [`Article`]s (the default). A
    /// caller that only needs verdicts and errors turns this off and saves
    /// the conversion; [`Checked::article`] is then always `None`.
    #[must_use]
    pub fn with_articles(mut self, articles: bool) -> Self {
        self.articles = articles;
        self
    }

    /// Checks one record on its own (batch rules across records, such as
    /// duplicate ids, are the pipeline's).
    pub fn check(&self, record: Record) -> Checked {
        let Record {
            input,
            format,
            index,
            line,
            column,
            raw,
            body,
        } = record;
        let mut checked = Checked {
            input,
            format,
            index,
            line,
            column,
            raw,
            article: None,
            value: None,
            errors: Vec::new(),
            id: None,
            locator: Locator::None,
        };
        match body {
            Body::Error(error) => checked.errors.push(read_error(&checked, error)),
            Body::Value { value, locations } => {
                checked.locator = Locator::Map(locations);
                self.check_value(&mut checked, value);
            }
            Body::Json { text } => {
                if let Some(value) = parse(&mut checked, text.clone()) {
                    checked.locator = Locator::Text(text);
                    self.check_value(&mut checked, value);
                }
            }
        }
        checked
    }

    fn check_value(&self, checked: &mut Checked, value: Value) {
        let valid = self.validator.is_valid(&value);
        if valid && !self.articles {
            let metadata = value.get("metadata");
            let text = |key: &str| metadata.and_then(|m| m.get(key)).and_then(Value::as_str);
            checked.id = text("id").map(str::to_owned);
            if let Some(message) = text("published_at")
                .zip(text("updated_at"))
                .and_then(|(p, u)| dates_in_order(p, u))
            {
                checked.push_error("/metadata/updated_at", DATE_ORDER, message);
            }
            return;
        }
        if valid {
            match serde_json::from_value::<Article>(value) {
                Ok(article) => {
                    let order = date_order(&article);
                    checked.article = Some(article);
                    if let Some(message) = order {
                        checked.push_error("/metadata/updated_at", DATE_ORDER, message);
                    }
                }
                // The schema and the model agree, so this is a bug; say so rather than hide it.
                Err(e) => checked.push_error(
                    "",
                    "model",
                    format!("the record passed the schema but not the model: {e}"),
                ),
            }
            return;
        }
        checked.id = value
            .get("metadata")
            .and_then(|m| m.get("id"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let mut problems: Vec<Problem> = self
            .validator
            .iter_errors(&value)
            .flat_map(|e| describe(&e, &self.shapes))
            .collect();
        dedupe(&mut problems);
        let mut errors: Vec<ValidationError> = problems
            .into_iter()
            .map(|p| checked.locate_problem(p))
            .collect();
        errors.sort_by_key(|e| {
            (
                e.line,
                match e.column {
                    Some(Column::Char(c)) => c,
                    _ => 0,
                },
            )
        });
        checked.errors = errors;
        checked.value = Some(value);
    }
}

/// The JSON value of `raw[text]`, or the `utf8`/`parse` error recorded in `checked`.
fn parse(checked: &mut Checked, text: Range<usize>) -> Option<Value> {
    let bytes = checked.raw.bytes().and_then(|b| b.get(text))?;
    let start = (checked.line, checked.column);
    // SIMD validation first (several times faster on non-ASCII text); the
    // standard library's only to say where a bad byte is.
    let checked_text = simdutf8::basic::from_utf8(bytes).map_err(|_| std::str::from_utf8(bytes));
    let problem = match checked_text {
        Err(Err(e)) => {
            let at = e.valid_up_to();
            let (line, column) = position_in(bytes, at, start);
            let byte = bytes.get(at).copied().unwrap_or_default();
            let message = format!(
                "not valid UTF-8: invalid byte sequence at character {column} (starting with byte 0x{byte:02X})"
            );
            (ReadErrorKind::Utf8, line, column, message)
        }
        // simdutf8 and the standard library disagree: trust the standard library.
        Err(Ok(text)) | Ok(text) => match serde_json::from_str::<Value>(text) {
            Ok(value) => return Some(value),
            Err(e) => {
                let mut offset = serde_offset(bytes, e.line(), e.column());
                if e.to_string().starts_with("number out of range") {
                    // serde_json stops at the number's last digit; point at its start.
                    while offset > 0
                        && matches!(
                            bytes[offset - 1],
                            b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'
                        )
                    {
                        offset -= 1;
                    }
                }
                let (line, column) = position_in(bytes, offset, start);
                (
                    ReadErrorKind::Parse,
                    line,
                    column,
                    format!("not valid JSON: {}", serde_message(&e)),
                )
            }
        },
    };
    let (kind, line, column, message) = problem;
    let error = read_error(
        checked,
        ReadError {
            kind,
            line,
            column: Some(Column::Char(column)),
            message,
        },
    );
    checked.errors.push(error);
    None
}

fn read_error(checked: &Checked, error: ReadError) -> ValidationError {
    checked.error(
        error.line,
        error.column,
        String::new(),
        error.kind.keyword().to_owned(),
        error.message,
    )
}

/// Byte offset of `serde_json`'s error position (1-based line, byte column of
/// the last byte read, 0 at a line start).
fn serde_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = memchr_nth_newline(bytes, line.saturating_sub(1));
    (line_start + column.saturating_sub(1)).min(bytes.len())
}

fn memchr_nth_newline(bytes: &[u8], n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(n - 1)
        .map_or(bytes.len(), |(i, _)| i + 1)
}

/// `serde_json`'s message without its ` at line L column C` suffix.
fn serde_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    if message.contains("recursion limit exceeded") {
        "nested too deeply (more than 128 levels of arrays and objects)".to_owned()
    } else {
        message.to_owned()
    }
}
