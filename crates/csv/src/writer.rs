//! `Article` → CSV rows, streamed.

use std::borrow::Cow;
use std::io::Write;

use articlekit_model::Article;

use crate::cell::neutralise;
use crate::columns::{COLUMNS, Kind, SPEC};
use crate::error::CsvError;

/// The UTF-8 byte order mark Excel needs to read the file as UTF-8.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How the CSV is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Spreadsheet mode: a UTF-8 BOM first, and every text cell that a
    /// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
    /// tab or CR, possibly after apostrophes) gets a leading `'` (OWASP).
    /// Reading the file back in the same mode removes exactly those
    /// apostrophes again.
    pub excel: bool,
}

/// Writes articles as CSV rows, one at a time, to any [`Write`].
///
/// Rows end with CRLF (RFC 4180) in both modes; a cell is quoted only when
/// it holds a comma, a quote, CR or LF. Nothing is kept between rows but
/// the `csv` crate's small output buffer.
#[derive(Debug)]
pub struct CsvWriter<W: Write> {
    csv: csv::Writer<W>,
    options: CsvOptions,
    header_written: bool,
}

impl<W: Write> CsvWriter<W> {
    /// A writer to `w`. Nothing is written until the first article or
    /// [`finish`](Self::finish).
    pub fn new(w: W, options: CsvOptions) -> Self {
        Self::with_buffer(w, options, 8 * 1024)
    }

    /// [`CsvWriter::new`] with the `csv` crate's buffer of `capacity` bytes.
    fn with_buffer(w: W, options: CsvOptions, capacity: usize) -> Self {
        let csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .buffer_capacity(capacity)
            .from_writer(w);
        Self {
            csv,
            options,
            header_written: false,
        }
    }

    /// Writes one article as one row (after the header, the first time).
    ///
    /// Fails with [`CsvError::Unrepresentable`] for a value the model does
    /// not allow and the layout could not give back: an empty text, an
    /// empty bullet list, or a bullet holding a line break.
    pub fn write(&mut self, article: &Article) -> Result<(), CsvError> {
        let cells = row(article)?;
        self.write_header_once()?;
        let excel = self.options.excel;
        for (cell, column) in cells.iter().zip(SPEC) {
            if excel && column.kind != Kind::Integer {
                self.csv.write_field(neutralise(cell).as_bytes())?;
            } else {
                self.csv.write_field(cell.as_bytes())?;
            }
        }
        self.csv.write_record(None::<&[u8]>)?;
        Ok(())
    }

    /// Writes the header if no article was written, flushes, and gives the
    /// output back.
    pub fn finish(mut self) -> Result<W, CsvError> {
        self.write_header_once()?;
        self.csv.flush()?;
        self.csv.into_inner().map_err(|error| CsvError::Io {
            source: error.into_error(),
        })
    }

    fn write_header_once(&mut self) -> Result<(), CsvError> {
        if !self.header_written {
            for (i, name) in COLUMNS.iter().enumerate() {
                if i == 0 && self.options.excel {
                    // The BOM goes first; it needs no quoting, so it stays outside any quotes.
                    self.csv.write_field([BOM, name.as_bytes()].concat())?;
                } else {
                    self.csv.write_field(name)?;
                }
            }
            self.csv.write_record(None::<&[u8]>)?;
            self.header_written = true;
        }
        Ok(())
    }
}

/// One article's row as bytes (CRLF included), exactly as [`CsvWriter::write`]
/// writes it: rows can be rendered on many threads, then written in order
/// after [`render_header`].
pub fn render_row(article: &Article, options: CsvOptions) -> Result<Vec<u8>, CsvError> {
    // The row goes to memory: a small buffer in front of it is enough (the
    // default 8 KiB, zeroed for every row, costs more than the row).
    let mut writer = CsvWriter::with_buffer(Vec::with_capacity(row_size(article)), options, 256);
    writer.header_written = true;
    writer.write(article)?;
    writer.finish()
}

/// About the bytes of an article's row: its long texts, room for the
/// short cells and the quoting, so that the row's buffer rarely grows.
fn row_size(article: &Article) -> usize {
    let m = &article.metadata;
    let texts = m.title.len()
        + article.summary.len()
        + article.bullets.iter().map(|b| b.len() + 1).sum::<usize>()
        + m.source
            .as_ref()
            .map_or(0, |s| s.url.len() + s.text.as_ref().map_or(0, String::len));
    texts + texts / 16 + 2048
}

/// The header row as bytes (with the BOM first in spreadsheet mode), as
/// [`CsvWriter`] writes it.
pub fn render_header(options: CsvOptions) -> Vec<u8> {
    // Writing into memory cannot fail.
    CsvWriter::new(Vec::with_capacity(512), options)
        .finish()
        .unwrap_or_default()
}

/// The cells of an article in the plain layout, in [`COLUMNS`] order (no
/// spreadsheet neutralisation): what other tabular exports (XLSX) put in
/// their cells.
///
/// Fails with [`CsvError::Unrepresentable`] as [`CsvWriter::write`] does.
pub fn cells(article: &Article) -> Result<[Cow<'_, str>; COLUMNS.len()], CsvError> {
    row(article)
}

/// The cells of an article, in [`COLUMNS`] order, before neutralisation.
fn row(article: &Article) -> Result<[Cow<'_, str>; COLUMNS.len()], CsvError> {
    let m = &article.metadata;
    let check = Check { id: &m.id };
    if article.bullets.is_empty() {
        return Err(check.fail("bullets", "no bullets (an empty cell means absent)"));
    }
    if article
        .bullets
        .iter()
        .any(|b| b.is_empty() || memchr::memchr2(b'\n', b'\r', b.as_bytes()).is_some())
    {
        return Err(check.fail("bullets", "a bullet is empty or holds a line break"));
    }
    let publisher = m.publisher.as_ref();
    let source = m.source.as_ref();
    Ok([
        check.text(&m.id, "metadata.id")?,
        check.text(&m.title, "metadata.title")?,
        check.text(&m.language, "metadata.language")?,
        check.opt(m.url.as_ref(), "metadata.url")?,
        check.opt(m.published_at.as_ref(), "metadata.published_at")?,
        check.opt(m.updated_at.as_ref(), "metadata.updated_at")?,
        json_list(&m.authors),
        json_list(&m.tags),
        check.opt(publisher.map(|p| &p.name), "metadata.publisher.name")?,
        check.opt(
            publisher.and_then(|p| p.tagline.as_ref()),
            "metadata.publisher.tagline",
        )?,
        check.opt(
            publisher.and_then(|p| p.url.as_ref()),
            "metadata.publisher.url",
        )?,
        check.opt(source.map(|s| &s.url), "metadata.source.url")?,
        check.opt(
            source.and_then(|s| s.title.as_ref()),
            "metadata.source.title",
        )?,
        check.opt(
            source.and_then(|s| s.subtitle.as_ref()),
            "metadata.source.subtitle",
        )?,
        check.opt(
            source.and_then(|s| s.publisher.as_ref()),
            "metadata.source.publisher",
        )?,
        check.opt(
            source.and_then(|s| s.language.as_ref()),
            "metadata.source.language",
        )?,
        check.opt(source.and_then(|s| s.text.as_ref()), "metadata.source.text")?,
        check.text(&article.summary, "summary")?,
        Cow::Owned(article.bullets.join("\n")),
        json_list(&article.attachments),
        Cow::Owned(article.discussion_count.to_string()),
    ])
}

/// Refuses the values whose cell would read back as something else.
struct Check<'a> {
    id: &'a str,
}

impl Check<'_> {
    fn fail(&self, column: &'static str, reason: &'static str) -> CsvError {
        CsvError::Unrepresentable {
            id: self.id.to_owned(),
            column,
            reason,
        }
    }

    fn text<'v>(&self, value: &'v str, column: &'static str) -> Result<Cow<'v, str>, CsvError> {
        if value.is_empty() {
            Err(self.fail(column, "empty text (an empty cell means absent)"))
        } else {
            Ok(Cow::Borrowed(value))
        }
    }

    fn opt<'v>(
        &self,
        value: Option<&'v String>,
        column: &'static str,
    ) -> Result<Cow<'v, str>, CsvError> {
        value.map_or(Ok(Cow::Borrowed("")), |v| self.text(v, column))
    }
}

/// A list as compact canonical JSON; the empty list as the empty cell.
fn json_list<T: serde::Serialize>(items: &[T]) -> Cow<'static, str> {
    if items.is_empty() {
        Cow::Borrowed("")
    } else {
        // Model types serialise infallibly; sonic-rs writes serde_json's bytes.
        Cow::Owned(sonic_rs::to_string(items).unwrap_or_default())
    }
}
