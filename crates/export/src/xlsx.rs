//! XLSX (Office Open XML workbook): one sheet of articles for people who
//! work in spreadsheets.
//!
//! - Sheet `articles`: a header row of the CSV column names
//!   ([`articlekit_csv::COLUMNS`]), bold and frozen, with an autofilter;
//!   then one row per article, each cell the CSV layout's cell (plain mode).
//! - Every text is a string cell, whatever it starts with: `=`, `+`, `-`,
//!   `@` are never formulas, so nothing needs an apostrophe.
//! - `bullets` one per line, in a wrapped cell; `summary`,
//!   `metadata.source.text` and the JSON list cells wrap too.
//! - `metadata.url`, `metadata.publisher.url`, `metadata.source.url`: a
//!   hyperlink whose text is the URL exactly, on the first
//!   [`LINKED_ROWS`] rows; on later rows, and for a URL over 2,079
//!   characters (the longest Excel opens), a plain string cell with the same
//!   text. (The writer keeps every hyperlink in memory until the workbook is
//!   written, about 1 KB each: the cap keeps memory bounded whatever the
//!   batch; Excel's own limit is 65,530 links a sheet.)
//! - `metadata.published_at`, `metadata.updated_at`: the RFC 3339 text as
//!   given, offset kept, as a string cell (a date cell would lose the offset).
//! - `discussion_count`: a number cell.
//! - Column widths fit the longest line in the column (from 8 to 80
//!   characters); an empty cell is an absent field.
//! - A text over 32,767 characters (the most a cell holds) is refused
//!   ([`Error::CellTooLong`]) rather than cut.
//!
//! The sheet is written in constant-memory mode: each row goes to a
//! temporary file (in `TMPDIR`) as it is done; with the hyperlinks capped,
//! memory does not grow with the batch. The document's creation date is
//! fixed (1980-01-01), so the same articles give the same bytes.

use std::io::{Seek, Write};

use articlekit_csv::{COLUMNS, cells};
use articlekit_model::Article;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Url, Workbook, Worksheet,
};

use crate::Error;

/// The sheet's name.
pub const SHEET_NAME: &str = "articles";

/// The most characters a cell holds.
const MAX_CELL_CHARS: usize = 32_767;
/// Rows whose URL cells are hyperlinks (at most 3 links a row, so at most
/// 15,000 links, about 15 MB held until the end); later rows have the URLs
/// as plain text cells.
pub const LINKED_ROWS: u32 = 5_000;
/// The longest hyperlink Excel opens.
const MAX_LINK_CHARS: usize = 2_079;

const URL_COLUMNS: &[&str] = &[
    "metadata.url",
    "metadata.publisher.url",
    "metadata.source.url",
];
const WRAPPED_COLUMNS: &[&str] = &[
    "metadata.title",
    "metadata.authors",
    "metadata.tags",
    "metadata.source.title",
    "metadata.source.subtitle",
    "metadata.source.text",
    "summary",
    "bullets",
    "attachments",
];
const NUMBER_COLUMN: &str = "discussion_count";

/// Writes articles to an XLSX workbook, one row each, to any
/// `Write + Seek + Send` (a file, a `Cursor<Vec<u8>>`).
///
/// ```
/// use std::io::Cursor;
/// use articlekit_export::xlsx::XlsxWriter;
/// use articlekit_model::Article;
///
/// let article: Article = serde_json::from_str(r#"{"metadata":{"id":"a-1","title":"=1+1",
///     "language":"vi"},"summary":"Tóm tắt.","bullets":["Ý một","Ý hai"],"discussion_count":3}"#)?;
/// let mut writer = XlsxWriter::new(Cursor::new(Vec::new()))?;
/// writer.write(&article)?;
/// let bytes = writer.finish()?.into_inner();
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct XlsxWriter<W: Write + Seek + Send> {
    out: W,
    workbook: Workbook,
    wrapped: Format,
    plain: Format,
    link: Format,
    /// Widest line so far in each column, in characters.
    widths: Vec<usize>,
    rows: u32,
    links: usize,
}

impl<W: Write + Seek + Send> std::fmt::Debug for XlsxWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XlsxWriter")
            .field("rows", &self.rows)
            .field("links", &self.links)
            .finish_non_exhaustive()
    }
}

impl<W: Write + Seek + Send> XlsxWriter<W> {
    /// A writer to `out`; the workbook is written by [`finish`](Self::finish).
    pub fn new(out: W) -> Result<Self, Error> {
        let mut workbook = Workbook::new();
        let epoch = ExcelDateTime::from_ymd(1980, 1, 1)?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
        let header = Format::new().set_bold().set_align(FormatAlign::Top);
        let sheet = workbook.add_worksheet_with_constant_memory();
        sheet.set_name(SHEET_NAME)?;
        sheet.set_freeze_panes(1, 0)?;
        for (col, name) in (0u16..).zip(COLUMNS) {
            sheet.write_string_with_format(0, col, *name, &header)?;
        }
        Ok(Self {
            out,
            workbook,
            wrapped: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            plain: Format::new().set_align(FormatAlign::Top),
            link: Format::new()
                .set_font_color(rust_xlsxwriter::Color::RGB(0x0005_63C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single)
                .set_align(FormatAlign::Top),
            widths: COLUMNS.iter().map(|c| c.len()).collect(),
            rows: 0,
            links: 0,
        })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet, Error> {
        Ok(self.workbook.worksheet_from_index(0)?)
    }

    /// Writes one article as the next row.
    pub fn write(&mut self, article: &Article) -> Result<(), Error> {
        let cells = cells(article)?;
        let row = self.rows + 1;
        for (i, (cell, name)) in cells.iter().zip(COLUMNS).enumerate() {
            if cell.is_empty() {
                continue;
            }
            let chars = cell.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(Error::CellTooLong {
                    id: article.metadata.id.clone(),
                    column: name,
                    chars,
                });
            }
            let widest = cell
                .split('\n')
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0);
            self.widths[i] = self.widths[i].max(widest);
            let col = u16::try_from(i).unwrap_or(u16::MAX);
            let link = URL_COLUMNS.contains(name) && row <= LINKED_ROWS && chars <= MAX_LINK_CHARS;
            if link {
                self.links += 1;
                let format = self.link.clone();
                let url = Url::new(cell.as_ref()).set_text(cell.as_ref());
                self.sheet()?
                    .write_url_with_format(row, col, url, &format)?;
            } else if *name == NUMBER_COLUMN {
                let n = f64::from(article.discussion_count);
                let format = self.plain.clone();
                self.sheet()?
                    .write_number_with_format(row, col, n, &format)?;
            } else {
                let format = if WRAPPED_COLUMNS.contains(name) {
                    self.wrapped.clone()
                } else {
                    self.plain.clone()
                };
                self.sheet()?
                    .write_string_with_format(row, col, cell.as_ref(), &format)?;
            }
        }
        self.rows = row;
        Ok(())
    }

    /// Sets the column widths and the autofilter, writes the workbook and
    /// gives the output back.
    pub fn finish(mut self) -> Result<W, Error> {
        let widths = std::mem::take(&mut self.widths);
        let rows = self.rows;
        let sheet = self.sheet()?;
        for (col, width) in (0u16..).zip(widths) {
            // Two characters of padding, for the filter button in the header.
            let width = u32::try_from(width.clamp(6, 78) + 2).unwrap_or(80);
            sheet.set_column_width(col, f64::from(width))?;
        }
        let last = u16::try_from(COLUMNS.len() - 1).unwrap_or(u16::MAX);
        sheet.autofilter(0, 0, rows, last)?;
        self.workbook.save_to_writer(&mut self.out)?;
        Ok(self.out)
    }
}
