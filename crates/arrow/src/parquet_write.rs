//! Articles into a Parquet file, in row groups as they stream in.

use std::io::{BufWriter, Write};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::JoinHandle;

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use articlekit_model::Article;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::{ArrowColumnWriter, ArrowRowGroupWriterFactory, compute_leaves};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::file::writer::SerializedFileWriter;
use rayon::prelude::*;

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
    /// Threads that encode a batch's columns side by side; `None` uses
    /// every core, 1 encodes them one after another on the writer's thread.
    pub jobs: Option<usize>,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        Self {
            batch_rows: 1024,
            row_group_rows: 10_000,
            row_group_bytes: 64 << 20,
            zstd_level: 1,
            jobs: None,
        }
    }
}

/// Writes articles to a Parquet file in [`article_schema()`]: zstd
/// compressed, page-level column statistics, the Arrow schema (with each
/// field's description) embedded, so readers get the exact types back.
///
/// The batches are built on a thread of the writer's own, so that the
/// caller (the validation pipeline's ordered output) only hands articles
/// over, and each batch's columns are encoded side by side on a pool of
/// [`ParquetOptions::jobs`] threads; the encoded bytes come back and are
/// written to `out` by the caller's thread, at each [`write`](Self::write)
/// and at [`finish`](Self::finish). Memory holds a few chunks of articles
/// in flight, one batch of rows and one row group being encoded.
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

/// Record batches into row groups, each batch's leaf columns encoded side
/// by side on a pool (`parquet`'s `ArrowColumnWriter`s, the crate's way to
/// encode in parallel), row groups cut at `row_group_rows` rows or
/// `row_group_bytes` encoded bytes, as `ArrowWriter` cuts them.
struct Encoder<W: Write + Send> {
    file: SerializedFileWriter<W>,
    factory: ArrowRowGroupWriterFactory,
    schema: SchemaRef,
    /// The writers of the row group being filled, one per leaf column.
    columns: Vec<ArrowColumnWriter>,
    row_group: usize,
    rows: usize,
    max_rows: usize,
    max_bytes: usize,
    /// `None` with one job: the columns are encoded one after another here.
    pool: Option<rayon::ThreadPool>,
}

impl<W: Write + Send> Encoder<W> {
    fn new(
        out: W,
        properties: WriterProperties,
        options: &ParquetOptions,
    ) -> Result<Self, ArrowError> {
        let schema = article_schema();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties))?;
        let (file, factory) = writer.into_serialized_writer()?;
        let columns = factory.create_column_writers(0)?;
        let jobs = options.jobs.filter(|&j| j > 0).unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        });
        let pool = if jobs > 1 {
            Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(jobs)
                    .thread_name(|i| format!("articlekit-parquet-{i}"))
                    .build()
                    .map_err(|e| {
                        ArrowError::Encoder(format!("cannot start {jobs} threads: {e}"))
                    })?,
            )
        } else {
            None
        };
        Ok(Self {
            file,
            factory,
            schema,
            columns,
            row_group: 0,
            rows: 0,
            max_rows: options.row_group_rows.max(1),
            max_bytes: options.row_group_bytes.max(1),
            pool,
        })
    }

    /// Encodes `batch`, closing row groups as they fill.
    fn write(&mut self, batch: &RecordBatch) -> Result<(), ArrowError> {
        let mut at = 0;
        while at < batch.num_rows() {
            let take = (self.max_rows - self.rows).min(batch.num_rows() - at);
            self.encode(&batch.slice(at, take))?;
            at += take;
            self.rows += take;
            let bytes: usize = self
                .columns
                .iter()
                .map(ArrowColumnWriter::get_estimated_total_bytes)
                .sum();
            if self.rows >= self.max_rows || bytes >= self.max_bytes {
                self.close_row_group()?;
            }
        }
        Ok(())
    }

    fn encode(&mut self, batch: &RecordBatch) -> Result<(), ArrowError> {
        let mut leaves = Vec::with_capacity(self.columns.len());
        for (field, column) in self.schema.fields().iter().zip(batch.columns()) {
            leaves.extend(compute_leaves(field, column)?);
        }
        let columns = &mut self.columns;
        match &self.pool {
            Some(pool) => pool.install(|| {
                columns
                    .par_iter_mut()
                    .zip(leaves.par_iter())
                    .try_for_each(|(writer, leaf)| writer.write(leaf))
            })?,
            None => {
                for (writer, leaf) in columns.iter_mut().zip(&leaves) {
                    writer.write(leaf)?;
                }
            }
        }
        Ok(())
    }

    fn close_row_group(&mut self) -> Result<(), ArrowError> {
        if self.rows == 0 {
            return Ok(());
        }
        self.row_group += 1;
        let next = self.factory.create_column_writers(self.row_group)?;
        let columns = std::mem::replace(&mut self.columns, next);
        let chunks = match &self.pool {
            Some(pool) => pool.install(|| {
                columns
                    .into_par_iter()
                    .map(ArrowColumnWriter::close)
                    .collect::<Result<Vec<_>, _>>()
            })?,
            None => columns
                .into_iter()
                .map(ArrowColumnWriter::close)
                .collect::<Result<Vec<_>, _>>()?,
        };
        let mut row_group = self.file.next_row_group()?;
        for chunk in chunks {
            chunk.append_to_row_group(&mut row_group)?;
        }
        row_group.close()?;
        self.rows = 0;
        Ok(())
    }

    /// The last row group and the footer; gives back the output.
    fn finish(mut self) -> Result<W, ArrowError> {
        self.close_row_group()?;
        Ok(self.file.into_inner()?)
    }
}

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
        let (bytes_tx, bytes) = channel();
        let sink = BufWriter::with_capacity(1 << 20, Sink(bytes_tx));
        let mut writer = Encoder::new(sink, properties, &options)?;
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
                // `finish` writes the footer; the buffer is flushed to the sink.
                writer
                    .finish()?
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

    /// Encoding the columns side by side changes nothing in the file: the
    /// same articles give the same bytes with one job or several, and the
    /// file keeps its metadata, its statistics and its row groups.
    #[test]
    fn parallel_encoding_writes_the_same_file() {
        let file = |jobs| {
            let options = ParquetOptions {
                batch_rows: 100,
                row_group_rows: 300,
                jobs: Some(jobs),
                ..ParquetOptions::default()
            };
            let mut writer = ParquetWriter::new(Vec::new(), options).expect("writer");
            for i in 0..1000 {
                writer.push(article(i)).expect("pushed");
            }
            bytes::Bytes::from(writer.finish().expect("finished"))
        };
        let one = file(1);
        assert_eq!(one, file(3));
        let reader =
            parquet::file::serialized_reader::SerializedFileReader::new(one).expect("readable");
        let metadata = parquet::file::reader::FileReader::metadata(&reader);
        assert_eq!(metadata.num_row_groups(), 4);
        assert_eq!(metadata.file_metadata().num_rows(), 1000);
        let keys: Vec<&str> = metadata
            .file_metadata()
            .key_value_metadata()
            .expect("key-value metadata")
            .iter()
            .map(|kv| kv.key.as_str())
            .collect();
        assert!(
            keys.contains(&"articlekit.schema") && keys.contains(&"ARROW:schema"),
            "{keys:?}"
        );
        let count = metadata
            .row_group(0)
            .columns()
            .iter()
            .find(|c| c.column_path().string() == "discussion_count")
            .expect("discussion_count");
        assert!(
            count
                .statistics()
                .is_some_and(|s| s.min_bytes_opt().is_some())
        );
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
