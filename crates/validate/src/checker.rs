//! Checking one record: parse, validate against the compiled schema, then
//! read valid ones into the model. Valid records pay for nothing else: the
//! error locations are computed only for invalid ones.

use std::ops::Range;
use std::sync::Arc;

use articlekit_model::Article;
use articlekit_read::span::{self, position_in, positions_in};
use articlekit_read::{
    Body, Column, Format, Locations, Raw, ReadError, ReadErrorKind, Record, Target, locate,
    locate_all,
};
use serde_json::Value;

use crate::Keyword;
use crate::dates::checked_dates;
use crate::error::{SetupError, ValidationError};
use crate::fast::FastPath;
use crate::limits::MAX_RECORD_ERRORS;
use crate::messages::{Problem, dedupe, describe};
use crate::not_keyword::not_factory;
use crate::path::field;
use crate::prune::{MAX_CHECKED_ITEMS, prune};
use crate::shapes::Shapes;
use crate::strict;
use crate::verdict::{Dates, Invalid, Origin, Valid};

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The compiled schema of the article model, with what error messages need.
/// Build it once and share it (it is `Send + Sync`).
#[derive(Debug)]
pub struct Checker {
    validator: jsonschema::Validator,
    shapes: Shapes,
    /// The typed fast path, when every keyword of the schema has a rule in it.
    fast: Option<FastPath>,
    /// Whether the fast path is tried (else every record takes the full path).
    use_fast: bool,
    articles: bool,
    max_values: usize,
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
    /// The parsed JSON of a JSON, CSV or page record that failed the schema
    /// (to write it out in quarantine); `None` otherwise, and always for
    /// NDJSON records, which are quarantined byte for byte.
    pub value: Option<Value>,
    /// Every error of the record, in the order of its text.
    pub errors: Vec<ValidationError>,
    /// The dates of a record that passed the schema, parsed.
    pub dates: Dates,
    id: Option<String>,
    locator: Locator,
    /// Whether the fast path accepted the record.
    pub(crate) fast: bool,
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
    /// Where the record came from.
    pub fn origin(&self) -> Origin {
        Origin {
            input: self.input.clone(),
            format: self.format,
            index: self.index,
            line: self.line,
            column: self.column,
        }
    }

    /// The verdict as a type: [`Valid`] when the record has no error, else [`Invalid`].
    pub fn into_verdict(self) -> Result<Box<Valid>, Box<Invalid>> {
        let origin = self.origin();
        if self.errors.is_empty() {
            let id = match (&self.article, self.id) {
                (Some(article), _) => article.metadata.id.clone(),
                (None, id) => id.unwrap_or_default(),
            };
            Ok(Box::new(Valid {
                origin,
                raw: self.raw,
                id,
                article: self.article,
                dates: self.dates,
            }))
        } else {
            let id = self
                .id
                .or_else(|| self.article.as_ref().map(|a| a.metadata.id.clone()));
            Err(Box::new(Invalid {
                origin,
                raw: self.raw,
                value: self.value,
                article: self.article,
                id,
                errors: self.errors,
            }))
        }
    }

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

    /// Takes the article out for a render step, keeping its id for the
    /// duplicate rule.
    pub(crate) fn take_article(&mut self) -> Option<Article> {
        let article = self.article.take()?;
        self.id = Some(article.metadata.id.clone());
        Some(article)
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

    /// The text of the number at `pointer` as the record has it (JSON text
    /// only: a CSV or page record's numbers were never JSON).
    fn written(&self, pointer: &str) -> Option<String> {
        let Locator::Text(range) = &self.locator else {
            return None;
        };
        let text = self.raw.bytes()?.get(range.clone())?;
        let at = locate(text, pointer, Target::Value)?;
        let number = std::str::from_utf8(text.get(span::number_span(text, at))?).ok()?;
        (!number.is_empty()).then(|| number.to_owned())
    }

    /// Adds an error about the value at `pointer`, located.
    pub fn push_error(&mut self, pointer: &str, keyword: Keyword, message: String) {
        let (line, column) = self.position(pointer, Target::Value);
        let error = self.error(line, column, pointer.to_owned(), keyword, message);
        self.errors.push(error);
    }

    fn error(
        &self,
        line: u64,
        column: Option<Column>,
        pointer: String,
        keyword: Keyword,
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

    /// The problems as errors, located: in one pass over the record's text
    /// however many there are, so that a record with a million errors costs
    /// linear time, not quadratic.
    fn locate_problems(&self, problems: Vec<Problem>) -> Vec<ValidationError> {
        let start = (self.line, Some(Column::Char(self.column)));
        let positions: Vec<(u64, Option<Column>)> = match &self.locator {
            Locator::Text(range) => match self.raw.bytes().and_then(|b| b.get(range.clone())) {
                Some(text) => {
                    let asked: Vec<(&str, Target)> = problems
                        .iter()
                        .map(|p| (p.pointer.as_str(), p.target))
                        .collect();
                    let found = locate_all(text, &asked);
                    let offsets: Vec<usize> = found.iter().flatten().copied().collect();
                    let mut at = positions_in(text, &offsets, (self.line, self.column)).into_iter();
                    found
                        .iter()
                        .map(|offset| match offset.and_then(|_| at.next()) {
                            Some((line, column)) => (line, Some(Column::Char(column))),
                            None => start.clone(),
                        })
                        .collect()
                }
                None => vec![start; problems.len()],
            },
            Locator::Map(locations) => problems
                .iter()
                .map(|p| match &p.missing {
                    Some(property) => locations.position_of_missing(&p.pointer, property),
                    None => locations.position(&p.pointer),
                })
                .collect(),
            Locator::None => vec![start; problems.len()],
        };
        problems
            .into_iter()
            .zip(positions)
            .map(|(problem, (line, column))| {
                self.error(
                    line,
                    column,
                    problem.pointer,
                    problem.keyword,
                    problem.message,
                )
            })
            .collect()
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
            fast: FastPath::from_schema(&schema).ok(),
            use_fast: true,
            articles: true,
            max_values: max_values(16 << 20),
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

    /// Whether records are first tried on the typed fast path (the
    /// default). Off, every record is parsed to a JSON value and run through
    /// the compiled schema; the verdicts, errors and articles are the same
    /// either way, which is what turning it off is for (tests, comparisons).
    #[must_use]
    pub fn with_fast_path(mut self, fast: bool) -> Self {
        self.use_fast = fast;
        self
    }

    /// Whether the fast path is on and every keyword of the schema has a
    /// rule in it (when one has none, every record takes the full path).
    pub fn has_fast_path(&self) -> bool {
        self.use_fast && self.fast.is_some()
    }

    /// The fast path's typed read on any serde deserializer, for the parser
    /// comparison of `bench/validate.sh` (`examples/parsers.rs`); not an API.
    #[doc(hidden)]
    pub fn fast_read_with<'de, D: serde::Deserializer<'de>>(
        &self,
        deserializer: D,
        build: bool,
    ) -> Option<Article> {
        self.fast.as_ref()?.check_with(deserializer, build)
    }

    /// Sets the most JSON values a record may hold from the record size
    /// limit: one per 32 bytes, and at least 100,000. A parsed value takes
    /// several times the room of its text, so this bounds the memory a
    /// record takes however its bytes are spent (the default is for 16 MiB).
    #[must_use]
    pub fn with_max_record_bytes(mut self, max_record_bytes: u64) -> Self {
        self.max_values = max_values(max_record_bytes);
        self
    }

    /// Checks one record on its own (batch rules across records, such as
    /// duplicate ids, are the pipeline's).
    pub fn check(&self, record: Record) -> Checked {
        self.check_building(record, self.articles)
    }

    /// [`Checker::check`], building the [`Article`] of a valid record or
    /// not as `articles` says (for this record, whatever the checker's default).
    pub fn check_building(&self, record: Record, articles: bool) -> Checked {
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
            dates: Dates::default(),
            id: None,
            locator: Locator::None,
            fast: false,
        };
        match body {
            Body::Error(error) => checked.errors.push(read_error(&checked, error)),
            Body::Value { value, locations } => {
                checked.locator = Locator::Map(locations);
                let fast = self.fast().and_then(|f| f.check_value(&value, articles));
                match fast {
                    Some(article) => accept(&mut checked, article, articles),
                    None => self.check_value(&mut checked, value, articles),
                }
            }
            Body::Written { text, locations } => {
                checked.locator = Locator::Map(locations);
                let bytes = checked
                    .raw
                    .bytes()
                    .and_then(|b| b.get(text))
                    .unwrap_or_default();
                match self.fast_text(bytes, articles) {
                    Some(article) => accept(&mut checked, article, articles),
                    // The reader's own text: no limit on its values (the
                    // reader built them), and a failure to read it back is a bug.
                    None => match serde_json::from_slice::<Value>(bytes) {
                        Ok(value) => self.check_value(&mut checked, value, articles),
                        Err(e) => checked.push_error(
                            "",
                            Keyword::Model,
                            format!("the reader wrote a record it cannot read back: {e}"),
                        ),
                    },
                }
            }
            Body::Json { text } => {
                let bytes = checked.raw.bytes().and_then(|b| b.get(text.clone()));
                let fast = bytes.and_then(|bytes| self.fast_text(bytes, articles));
                if let Some(article) = fast {
                    checked.locator = Locator::Text(text);
                    accept(&mut checked, article, articles);
                } else if let Some(value) = parse(&mut checked, text.clone(), self.max_values) {
                    checked.locator = Locator::Text(text);
                    self.check_value(&mut checked, value, articles);
                }
            }
        }
        checked
    }

    /// The fast path's verdict on JSON text (`None`: not UTF-8, or refused).
    fn fast_text(&self, bytes: &[u8], articles: bool) -> Option<Article> {
        let fast = self.fast()?;
        let text = simdutf8::basic::from_utf8(bytes).ok()?;
        fast.check_text(text, articles, self.max_values)
    }

    fn fast(&self) -> Option<&FastPath> {
        self.fast.as_ref().filter(|_| self.use_fast)
    }

    fn check_value(&self, checked: &mut Checked, value: Value, articles: bool) {
        let valid = self.validator.is_valid(&value);
        if valid && !articles {
            let metadata = value.get("metadata");
            let text = |key: &str| metadata.and_then(|m| m.get(key)).and_then(Value::as_str);
            checked.id = text("id").map(str::to_owned);
            let (dates, order) = checked_dates(text("published_at"), text("updated_at"));
            checked.dates = dates;
            if let Some(message) = order {
                checked.push_error("/metadata/updated_at", Keyword::DateOrder, message);
            }
            return;
        }
        if valid {
            match serde_json::from_value::<Article>(value) {
                Ok(article) => {
                    let (dates, order) = checked_dates(
                        article.metadata.published_at.as_deref(),
                        article.metadata.updated_at.as_deref(),
                    );
                    checked.dates = dates;
                    checked.article = Some(article);
                    if let Some(message) = order {
                        checked.push_error("/metadata/updated_at", Keyword::DateOrder, message);
                    }
                }
                // The schema and the model agree, so this is a bug; say so rather than hide it.
                Err(e) => checked.push_error(
                    "",
                    Keyword::Model,
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
        // However many errors a record has (a 16 MiB array of wrong items has
        // millions), they are listed from a copy with long arrays cut, and at
        // most MAX_RECORD_ERRORS of them: memory and time stay bounded, and
        // the verdict (above) is the whole record's.
        let pruned = prune(&value);
        let target = pruned.as_ref().map_or(&value, |p| &p.value);
        let length = |pointer: &str| pruned.as_ref().and_then(|p| p.length(pointer));
        let mut problems: Vec<Problem> = Vec::new();
        let mut cut = false;
        // Some errors only repeat others and are dropped below: gather twice the number listed.
        for error in self.validator.iter_errors(target) {
            if problems.len() >= 2 * MAX_RECORD_ERRORS {
                cut = true;
                break;
            }
            problems.extend(describe(&error, &self.shapes, length, |p| {
                checked.written(p)
            }));
        }
        if problems.is_empty() {
            // The fault is past the cut (say, a repeated tag far down a long
            // list): the first error of the whole record, which is cheap.
            if let Err(error) = self.validator.validate(&value) {
                problems.extend(describe(
                    &error,
                    &self.shapes,
                    |_| None,
                    |p| checked.written(p),
                ));
            }
        }
        dedupe(&mut problems);
        if problems.len() > MAX_RECORD_ERRORS {
            problems.truncate(MAX_RECORD_ERRORS);
            cut = true;
        }
        // Notes on what is not listed come last, located with the errors.
        let listed = problems.len();
        let cut_arrays = pruned.iter().flat_map(|p| &p.cut);
        for (pointer, n) in cut_arrays.take(MAX_NOTES) {
            let message = format!(
                "{} has {n} items: only the first {MAX_CHECKED_ITEMS} were checked for the errors listed, the record may have more",
                field(pointer)
            );
            problems.push(Problem::note(pointer, Keyword::TooManyErrors, message));
        }
        if cut {
            let message = format!(
                "the record has more errors than those listed (at most {MAX_RECORD_ERRORS} are listed for one record)"
            );
            problems.push(Problem::note("", Keyword::TooManyErrors, message));
        }
        let mut errors = checked.locate_problems(problems);
        let notes = errors.split_off(listed);
        errors.sort_by_key(|e| {
            (
                e.line,
                match e.column {
                    Some(Column::Char(c)) => c,
                    _ => 0,
                },
            )
        });
        errors.extend(notes);
        checked.errors = errors;
        // An NDJSON record is quarantined byte for byte; its value is not kept
        // (it can be many times the size of its text).
        if checked.format != Format::Ndjson {
            checked.value = Some(value);
        }
    }
}

/// A record the fast path accepted: its dates parsed and ordered as the full
/// path does, its article kept (or, when articles are not built, its id).
fn accept(checked: &mut Checked, article: Article, articles: bool) {
    let (dates, order) = checked_dates(
        article.metadata.published_at.as_deref(),
        article.metadata.updated_at.as_deref(),
    );
    checked.dates = dates;
    checked.fast = true;
    if articles {
        checked.article = Some(article);
    } else {
        checked.id = Some(article.metadata.id);
    }
    if let Some(message) = order {
        checked.push_error("/metadata/updated_at", Keyword::DateOrder, message);
    }
}

/// The most values a record of at most `max_record_bytes` may hold.
fn max_values(max_record_bytes: u64) -> usize {
    usize::try_from(max_record_bytes / 32)
        .unwrap_or(usize::MAX)
        .max(100_000)
}

/// Most notes on cut arrays for one record.
const MAX_NOTES: usize = 10;

/// The JSON value of `raw[text]`, or the `utf8`/`parse` error recorded in `checked`.
fn parse(checked: &mut Checked, text: Range<usize>, max_values: usize) -> Option<Value> {
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
        Err(Ok(text)) | Ok(text) => match strict::from_str(text, max_values) {
            Ok(value) => return Some(value),
            Err(refusal) => {
                let e = &refusal.error;
                let offset = serde_offset(bytes, e.line(), e.column());
                if let Some(fault) = strict::value_fault(bytes, &refusal, offset, start) {
                    // The fault of one value: say which, and read the id if it can be.
                    checked.id = locate(bytes, "/metadata/id", Target::Value).and_then(|at| {
                        let mut id = serde_json::Deserializer::from_slice(&bytes[at..]);
                        serde::Deserialize::deserialize(&mut id).ok()
                    });
                    let (line, column) = position_in(bytes, fault.offset, start);
                    let error = checked.error(
                        line,
                        Some(Column::Char(column)),
                        fault.pointer,
                        fault.keyword,
                        fault.message,
                    );
                    checked.errors.push(error);
                    return None;
                }
                let message = if bytes.starts_with(BOM) {
                    "not valid JSON: the line starts with a byte order mark (U+FEFF); only the first line of an input may have one".to_owned()
                } else {
                    format!("not valid JSON: {}", serde_message(e))
                };
                let (line, column) = position_in(bytes, offset, start);
                (ReadErrorKind::Parse, line, column, message)
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
        error.kind.into(),
        error.message,
    )
}

/// Byte offset of `serde_json`'s error position (1-based line, byte column of
/// the last byte read, 0 at a line start).
fn serde_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let start = span::line_start(bytes, line.saturating_sub(1));
    (start + column.saturating_sub(1)).min(bytes.len())
}

/// `serde_json`'s message without its ` at line L column C` suffix.
fn serde_message(error: &serde_json::Error) -> String {
    if strict::SyntaxFault::of(error) == strict::SyntaxFault::TooDeep {
        // serde_json refuses the 128th nested array or object, and points at it.
        return "nested too deeply: this is the 128th level of arrays and objects, at most 127 are allowed"
            .to_owned();
    }
    // Shown, never read: the text of serde_json's message.
    let full = error.to_string();
    match (error.line(), error.column()) {
        (0, _) => full,
        (line, column) => full
            .strip_suffix(&format!(" at line {line} column {column}"))
            .map_or_else(|| full.clone(), str::to_owned),
    }
}
