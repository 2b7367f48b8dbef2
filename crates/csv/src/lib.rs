//! The CSV layout of articlekit: one row per article, a fixed column list
//! ([`COLUMNS`]) with dotted names, a streaming writer and reader that give
//! back exactly the same article, and a Frictionless Data Package sidecar
//! ([`datapackage_json`]) that lets `frictionless validate` check a file on
//! its own.
//!
//! # The layout
//! - UTF-8; a header row, then one row per article; RFC 4180 quoting (a
//!   cell is quoted when it holds a comma, a quote, CR or LF; quotes inside
//!   are doubled); every row, the header's too, ends with CRLF.
//! - Text cells hold the text exactly as is: line breaks, tabs, leading and
//!   trailing spaces included.
//! - `bullets`: one bullet per line, joined with LF (bullets hold no line
//!   breaks); on reading, CRLF between bullets is accepted too.
//! - `metadata.authors`, `metadata.tags`, `attachments`: a compact JSON array
//!   with the model's field names and order (`[{"name":"An","url":"https://…"}]`).
//! - `discussion_count`: a decimal integer.
//! - An empty cell is an absent field or an empty list. The model allows no
//!   empty text (every text field has at least one character) and requires
//!   at least one bullet, so an empty cell never stands for an empty value;
//!   the writer refuses such a value rather than lose it.
//!
//! Spreadsheet mode ([`CsvOptions::excel`]) starts the file with a UTF-8 BOM
//! and prefixes `'` to every text cell a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or CR, also after apostrophes:
//! OWASP CSV injection). The reader takes exactly those apostrophes off
//! again, so both modes round-trip exactly.
//!
//! # Reading
//! [`CsvReader`] yields one item per row, in constant memory: the record as
//! canonical-shaped JSON (not yet validated, so that the schema reports what
//! is wrong with a value) or a [`CsvRowError`] for what cannot even be
//! decoded (wrong number of fields, invalid UTF-8, a list cell that is not a
//! JSON array, an unclosed quote, a bad header); then it goes on. The header
//! may name the columns in any order and leave optional ones out; unknown or
//! repeated names, or a missing required column, make a bad header. A file
//! that starts with a BOM is read in spreadsheet mode unless told otherwise
//! ([`CsvReader::with_options`]). [`column_for_pointer`] names the column of a
//! schema error's JSON pointer. [`Layout`] applies the same header and row
//! decoding to cells read from elsewhere (a workbook).
//!
//! ```
//! use articlekit_csv::{CsvOptions, CsvReader, CsvWriter};
//! use articlekit_model::Article;
//!
//! let json = r#"{"metadata":{"id":"a-1","title":"=Tiêu đề, \"trích\"","language":"vi"},
//!               "summary":"Dòng 1\nDòng 2","bullets":["Ý một","Ý hai"],"discussion_count":7}"#;
//! let article: Article = serde_json::from_str(json)?;
//!
//! let mut writer = CsvWriter::new(Vec::new(), CsvOptions { excel: false });
//! writer.write(&article)?;
//! let bytes = writer.finish()?;
//! assert!(bytes.starts_with(b"metadata.id,metadata.title,"));
//!
//! let mut rows = CsvReader::new(&bytes[..]);
//! let record = rows.next().expect("one row")?;
//! assert_eq!((record.row, record.line), (1, 2));
//! let back: Article = serde_json::from_value(record.value)?;
//! assert_eq!(back, article);
//! assert!(rows.next().is_none());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod cell;
mod columns;
mod datapackage;
mod decode;
mod error;
mod layout;
mod reader;
mod tee;
mod writer;

pub use columns::{COLUMNS, column_for_pointer};
pub use datapackage::{datapackage_json, datapackage_path};
pub use error::{CsvError, CsvRowError};
pub use layout::Layout;
pub use reader::{CsvReader, CsvRecord};
pub use writer::{CsvOptions, CsvWriter, cells, render_header, render_row};
