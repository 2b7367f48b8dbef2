//! Articles into a Parquet file, in row groups as they stream in.

use std::io::Write;

use articlekit_model::Article;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};

use crate::builder::ArticleBatchBuilder;
use crate::error::ArrowError;
use crate::schema::article_schema;

/// How a Parquet file is written.
#[derive(Debug, Clone)]
pub struct ParquetOptions {
    /// Rows per Arrow batch handed to the Parquet encoder (and per data page
    /// at most). Default 1024.
    pub batch_rows: usize,
    /// Rows per row group at most. Default 10 000.
    pub row_group_rows: usize,
    /// Encoded bytes per row group at most, so that memory stays bounded
    /// however long the texts. Default 64 MiB.
    pub row_group_bytes: usize,
    /// zstd level (1–22). Default 3.
    pub zstd_level: i32,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        Self {
            batch_rows: 1024,
            row_group_rows: 10_000,
            row_group_bytes: 64 << 20,
            zstd_level: 3,
        }
    }
}

/// Writes articles to a Parquet file in [`article_schema()`]: zstd
/// compressed, page-level column statistics, the Arrow schema (with each
/// field's description) embedded, so readers get the exact types back.
///
/// Memory holds one batch of rows and one row group being encoded.
///
/// ```
/// use articlekit_arrow::{ParquetOptions, ParquetWriter};
/// use articlekit_model::Article;
///
/// let article: Article = serde_json::from_str(r#"{"metadata":{"id":"a-1","title":"T",
///     "language":"vi"},"summary":"S.","bullets":["B"],"discussion_count":0}"#)?;
/// let mut writer = ParquetWriter::new(Vec::new(), ParquetOptions::default())?;
/// writer.write(&article)?;
/// let bytes = writer.finish()?;
/// assert_eq!(&bytes[..4], b"PAR1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ParquetWriter<W: Write + Send> {
    builder: ArticleBatchBuilder,
    writer: ArrowWriter<W>,
    options: ParquetOptions,
}

impl<W: Write + Send> std::fmt::Debug for ParquetWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter")
            .field("pending_rows", &self.builder.len())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<W: Write + Send> ParquetWriter<W> {
    /// A writer to `out`.
    pub fn new(out: W, options: ParquetOptions) -> Result<Self, ArrowError> {
        let level = ZstdLevel::try_new(options.zstd_level)?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(level))
            .set_statistics_enabled(EnabledStatistics::Page)
            .set_max_row_group_row_count(Some(options.row_group_rows.max(1)))
            .set_max_row_group_bytes(Some(options.row_group_bytes.max(1)))
            .set_created_by(format!("articlekit {}", env!("CARGO_PKG_VERSION")))
            .set_key_value_metadata(Some(vec![KeyValue::new(
                "articlekit.schema".to_owned(),
                articlekit_model::SCHEMA_ID.to_owned(),
            )]))
            .build();
        let writer = ArrowWriter::try_new(out, article_schema(), Some(properties))?;
        Ok(Self {
            builder: ArticleBatchBuilder::new(),
            writer,
            options,
        })
    }

    /// Writes one article.
    pub fn write(&mut self, article: &Article) -> Result<(), ArrowError> {
        self.builder.append(article)?;
        if self.builder.len() >= self.options.batch_rows.max(1) {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), ArrowError> {
        let batch = self.builder.finish()?;
        self.writer.write(&batch)?;
        Ok(())
    }

    /// Writes the rows still waiting and the file footer; gives back the output.
    pub fn finish(mut self) -> Result<W, ArrowError> {
        if !self.builder.is_empty() {
            self.flush_batch()?;
        }
        // `into_inner` writes the footer.
        Ok(self.writer.into_inner()?)
    }
}
