//! Articles into a Parquet file, in row groups as they stream in.

use std::io::{BufWriter, Write};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::JoinHandle;

use articlekit_model::Article;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;

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
    /// zstd level (1–22). Default 1: the fastest; the file is still about
    /// a tenth of the NDJSON's size.
    pub zstd_level: i32,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        Self {
            batch_rows: 1024,
            row_group_rows: 10_000,
            row_group_bytes: 64 << 20,
            zstd_level: 1,
        }
    }
}

/// Writes articles to a Parquet file in [`article_schema()`]: zstd
/// compressed, page-level column statistics, the Arrow schema (with each
/// field's description) embedded, so readers get the exact types back.
///
/// The batches are built and encoded on a thread of the writer's own, so
/// that the caller (the validation pipeline's ordered output) only hands
/// articles over; the encoded bytes come back and are written to `out` by
/// the caller's thread, at each [`write`](Self::write) and at
/// [`finish`](Self::finish). Memory holds a few chunks of articles in
/// flight, one batch of rows and one row group being encoded.
///
/// ```
/// use articlekit_arrow::{ParquetOptions, ParquetWriter};
/// use articlekit_model::Article;
///
/// let article: Article = serde_json::from_str(r#"{"metadata":{"id":"a-1","title":"T",
///     "language":"vi"},"summary":"S.","bullets":["B"],"discussion_count":0}"#)?;
/// let mut writer = ParquetWriter::new(Vec::new(), ParquetOptions::default())?;
/// writer.push(article)?;
/// let bytes = writer.finish()?;
/// assert_eq!(&bytes[..4], b"PAR1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ParquetWriter<W: Write> {
    out: W,
    /// Articles waiting to be handed to the encoder.
    chunk: Vec<Article>,
    articles: Option<SyncSender<Vec<Article>>>,
    bytes: Receiver<Vec<u8>>,
    encoder: Option<JoinHandle<Result<(), ArrowError>>>,
    options: ParquetOptions,
}

impl<W: Write> std::fmt::Debug for ParquetWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter")
            .field("pending", &self.chunk.len())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// Leaf columns whose values are nearly all distinct, written without a
/// dictionary (Parquet's dotted leaf paths).
const DISTINCT_COLUMNS: &[&str] = &[
    "metadata.id",
    "metadata.title",
    "metadata.url",
    "metadata.source.url",
    "metadata.source.title",
    "metadata.source.subtitle",
    "metadata.source.text",
    "summary",
    "bullets.list.item",
    "attachments.list.item.url",
];

/// Articles handed to the encoder at a time, and chunks in flight.
const CHUNK: usize = 256;
const CHUNKS_AHEAD: usize = 4;

/// The encoder's output: each buffer of encoded bytes goes back to the
/// writer's thread.
struct Sink(Sender<Vec<u8>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .send(buf.to_vec())
            .map_err(|_| std::io::Error::other("the Parquet writer is gone"))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<W: Write> ParquetWriter<W> {
    /// A writer to `out`.
    pub fn new(out: W, options: ParquetOptions) -> Result<Self, ArrowError> {
        let level = ZstdLevel::try_new(options.zstd_level)?;
        let mut properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(level))
            .set_statistics_enabled(EnabledStatistics::Page)
            .set_max_row_group_row_count(Some(options.row_group_rows.max(1)))
            .set_max_row_group_bytes(Some(options.row_group_bytes.max(1)))
            .set_created_by(format!("articlekit {}", env!("CARGO_PKG_VERSION")))
            .set_key_value_metadata(Some(vec![KeyValue::new(
                "articlekit.schema".to_owned(),
                articlekit_model::SCHEMA_ID.to_owned(),
            )]));
        // Free text and identifiers are (nearly) all distinct: a dictionary
        // of them only costs hashing until it overflows and the column falls
        // back to plain pages. The other columns (languages, authors, tags,
        // publishers, media types) repeat, and keep theirs.
        for column in DISTINCT_COLUMNS {
            let path: Vec<String> = column.split('.').map(str::to_owned).collect();
            properties = properties.set_column_dictionary_enabled(ColumnPath::new(path), false);
        }
        let properties = properties.build();
        let (bytes_tx, bytes) = channel();
        let sink = BufWriter::with_capacity(1 << 20, Sink(bytes_tx));
        let mut writer = ArrowWriter::try_new(sink, article_schema(), Some(properties))?;
        let (articles, rx) = sync_channel::<Vec<Article>>(CHUNKS_AHEAD);
        let batch_rows = options.batch_rows.max(1);
        let encoder = std::thread::Builder::new()
            .name("articlekit-parquet".to_owned())
            .spawn(move || -> Result<(), ArrowError> {
                let mut builder = ArticleBatchBuilder::new();
                for chunk in rx {
                    for article in &chunk {
                        builder.append(article)?;
                        if builder.len() >= batch_rows {
                            writer.write(&builder.finish()?)?;
                        }
                    }
                    // Freed here, on the encoder's thread, not the caller's.
                    drop(chunk);
                }
                if !builder.is_empty() {
                    writer.write(&builder.finish()?)?;
                }
                // `into_inner` writes the footer; the buffer is flushed to the sink.
                writer
                    .into_inner()?
                    .into_inner()
                    .map_err(|e| ArrowError::Io(e.into_error()))?;
                Ok(())
            })
            .map_err(ArrowError::Io)?;
        Ok(Self {
            out,
            chunk: Vec::with_capacity(CHUNK),
            articles: Some(articles),
            bytes,
            encoder: Some(encoder),
            options,
        })
    }

    /// Writes one article (a copy of it; [`push`](Self::push) takes it).
    pub fn write(&mut self, article: &Article) -> Result<(), ArrowError> {
        self.push(article.clone())
    }

    /// Writes one article, taking it.
    pub fn push(&mut self, article: Article) -> Result<(), ArrowError> {
        self.chunk.push(article);
        if self.chunk.len() >= CHUNK {
            let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
            let sent = self
                .articles
                .as_ref()
                .is_some_and(|tx| tx.send(chunk).is_ok());
            if !sent {
                // The encoder stopped: its error says why.
                return Err(self
                    .join()
                    .err()
                    .unwrap_or_else(|| ArrowError::Encoder("it ended early".to_owned())));
            }
        }
        self.drain()
    }

    /// Writes the bytes encoded so far to the output.
    fn drain(&mut self) -> Result<(), ArrowError> {
        while let Ok(bytes) = self.bytes.try_recv() {
            self.out.write_all(&bytes).map_err(ArrowError::Io)?;
        }
        Ok(())
    }

    /// Waits for the encoder to end, and gives its outcome.
    fn join(&mut self) -> Result<(), ArrowError> {
        self.articles = None;
        match self.encoder.take() {
            Some(encoder) => encoder
                .join()
                .unwrap_or_else(|_| Err(ArrowError::Encoder("it panicked".to_owned()))),
            None => Ok(()),
        }
    }

    /// Writes the rows still waiting and the file footer; gives back the output.
    pub fn finish(mut self) -> Result<W, ArrowError> {
        let chunk = std::mem::take(&mut self.chunk);
        if !chunk.is_empty() {
            if let Some(tx) = &self.articles {
                // A send fails only when the encoder stopped: `join` says why.
                let _ = tx.send(chunk);
            }
        }
        self.articles = None;
        // Every byte the encoder sends, until it ends (its sender is dropped then).
        let mut failed = None;
        for bytes in &self.bytes {
            if failed.is_none() {
                if let Err(e) = self.out.write_all(&bytes) {
                    failed = Some(e);
                }
            }
        }
        self.join()?;
        if let Some(e) = failed {
            return Err(ArrowError::Io(e));
        }
        self.out.flush().map_err(ArrowError::Io)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn article(i: usize) -> Article {
        let line = format!(
            r#"{{"metadata":{{"id":"a-{i}","title":"T","language":"vi"}},"summary":"S.","bullets":["B"],"discussion_count":{i}}}"#
        );
        serde_json::from_str(&line).expect("an article")
    }

    #[test]
    fn an_output_that_fails_is_an_error_not_a_hang() {
        let mut writer = ParquetWriter::new(Full, ParquetOptions::default()).expect("writer");
        let mut failed = None;
        for i in 0..3 * CHUNK {
            if let Err(e) = writer.push(article(i)) {
                failed = Some(e);
                break;
            }
        }
        let error = match failed {
            Some(e) => e,
            None => writer.finish().expect_err("the output fails"),
        };
        assert!(error.to_string().contains("disk full"), "{error}");
    }

    #[test]
    fn rows_come_out_in_order_across_chunks_and_batches() {
        let options = ParquetOptions {
            batch_rows: 100,
            row_group_rows: 300,
            ..ParquetOptions::default()
        };
        let mut writer = ParquetWriter::new(Vec::new(), options).expect("writer");
        let n = 3 * CHUNK + 7;
        for i in 0..n {
            writer.push(article(i)).expect("pushed");
        }
        let bytes = bytes::Bytes::from(writer.finish().expect("finished"));
        let rows: Vec<_> = crate::ParquetRows::new(bytes, 64)
            .expect("readable")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(rows.len(), n);
        for (i, row) in rows.iter().enumerate() {
            let value = row.value.as_ref().expect("a value");
            assert_eq!(value["metadata"]["id"], format!("a-{i}"));
        }
        assert_eq!(rows[n - 1].row_group, n.div_ceil(300));
    }
}
