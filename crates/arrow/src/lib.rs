//! The articlekit model as an Arrow schema, and Parquet files in it.
//!
//! - [`article_schema()`]: one row per article, the model's nesting kept
//!   (structs for `metadata`, `publisher`, `source`; lists for `bullets`,
//!   `tags`; lists of structs for `authors`, `attachments`), every field
//!   described in its metadata (key [`DOC_KEY`]).
//! - [`ArticleBatchBuilder`]: articles one at a time into `RecordBatch`es.
//! - [`BoundBatch`] / [`batch_to_values`]: rows back to records in the
//!   model's canonical JSON shape, so that NDJSON → Parquet → NDJSON gives
//!   the same bytes.
//! - [`ParquetWriter`] and [`ParquetRows`]: the Parquet export and import.
//!
//! Dates are three columns each (see the [`date`] rules):
//! `published_at` (`timestamp[us, UTC]`, the instant every reader loads),
//! `published_at_offset_minutes` (`int16`) and `published_at_text` (`utf8`,
//! null unless the text cannot be spelled back from the other two).
//!
//! ```
//! use articlekit_arrow::{ParquetOptions, ParquetRows, ParquetWriter};
//! use articlekit_model::Article;
//!
//! let line = r#"{"metadata":{"id":"a-1","title":"Tiêu đề","language":"vi","published_at":"2025-07-20T08:00:00+07:00"},"summary":"Tóm tắt.","bullets":["Ý chính"],"discussion_count":3}"#;
//! let article: Article = serde_json::from_str(line)?;
//! let mut writer = ParquetWriter::new(Vec::new(), ParquetOptions::default())?;
//! writer.write(&article)?;
//! let file = bytes::Bytes::from(writer.finish()?);
//!
//! let rows: Vec<_> = ParquetRows::new(file, 1024)?.collect::<Result<_, _>>()?;
//! assert_eq!(rows[0].location(), "row group 1, row 1");
//! assert_eq!(rows[0].value.as_ref().unwrap().to_string(), line);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod builder;
pub mod date;
mod error;
mod parquet_read;
mod parquet_write;
mod rows;
mod schema;
mod spec;

pub use builder::ArticleBatchBuilder;
pub use error::{ArrowError, ColumnError};
pub use parquet_read::{ParquetBatch, ParquetRow, ParquetRows};
pub use parquet_write::{ParquetOptions, ParquetWriter};
pub use rows::{BoundBatch, RowError, RowJson, batch_to_values};
pub use schema::{DOC_KEY, article_schema};
pub use spec::column_for_pointer;

/// The Arrow and Parquet crates this one is built on, so that callers use
/// the same versions.
pub mod reexports {
    pub use arrow_array;
    pub use arrow_schema;
    pub use parquet;
}
