//! What the pipeline hands out: a record's verdict as a type. A
//! [`Valid`] record has no error and (when the caller asked for it) its
//! [`Article`]; an [`Invalid`] one has its errors. Callers never re-check
//! validity or recount: the pipeline counts into the [`Summary`](crate::Summary)
//! it returns.

use std::sync::Arc;

use articlekit_model::Article;
use articlekit_read::{Format, Raw};
use serde_json::Value;
use time::OffsetDateTime;

use crate::error::ValidationError;

/// Where a record came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
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
}

/// The dates of a valid article, parsed once by the checker (for the
/// `date-order` rule) and handed on, so that exporters do not parse them again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dates {
    /// `metadata.published_at`.
    pub published: Option<OffsetDateTime>,
    /// `metadata.updated_at`.
    pub updated: Option<OffsetDateTime>,
}

/// A record with no error: it passed the schema and every batch rule.
#[derive(Debug)]
pub struct Valid {
    /// Where it came from.
    pub origin: Origin,
    /// Its bytes as they came in (NDJSON: the whole line).
    pub raw: Raw,
    /// `metadata.id`.
    pub id: String,
    /// The typed article, when the pipeline was asked to build it for this
    /// record's format ([`PipelineOptions::articles`](crate::PipelineOptions::articles));
    /// never after a [`Render`] step, which takes it.
    pub article: Option<Article>,
    /// Its dates, parsed.
    pub dates: Dates,
}

/// A record with at least one error.
#[derive(Debug)]
pub struct Invalid {
    /// Where it came from.
    pub origin: Origin,
    /// Its bytes as they came in (NDJSON: the whole line).
    pub raw: Raw,
    /// The parsed JSON of a JSON, CSV or page record that failed the schema
    /// (to write it out in quarantine); `None` for NDJSON records, which are
    /// quarantined byte for byte, and for records that could not be parsed.
    pub value: Option<Value>,
    /// The typed article of a record that passed the schema but broke a
    /// batch rule (a duplicate id, dates out of order), when articles were built.
    pub article: Option<Article>,
    /// `metadata.id`, when it could be read.
    pub id: Option<String>,
    /// Every error, in the order of the record's text.
    pub errors: Vec<ValidationError>,
}

/// Work done for each valid record on the validation workers, in parallel,
/// right after it is checked: an exporter renders its item there, so that
/// there is no second parallel pass. A record found invalid later by a
/// batch rule (a duplicate id) has its output dropped.
pub trait Render: Send + Sync + 'static {
    /// What one record renders to.
    type Output: Send + 'static;

    /// Whether [`Render::render`] is called, and so every valid record's
    /// article is built (`false` only for [`NoRender`], whose records keep
    /// their article in [`Valid::article`] when the format builds one).
    const NEEDS_ARTICLES: bool = true;

    /// Renders one valid article, which it takes: a renderer that passes
    /// the article on (to a columnar writer) moves it rather than copy it,
    /// and any other drops it on the worker that built it.
    fn render(&self, article: Article, dates: &Dates) -> Self::Output;
}

/// Renders nothing: the pipeline of `validate`.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoRender;

impl Render for NoRender {
    type Output = ();
    const NEEDS_ARTICLES: bool = false;

    fn render(&self, _: Article, _: &Dates) {}
}
