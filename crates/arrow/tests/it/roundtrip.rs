//! Article → Parquet → records gives the canonical JSON back, byte for byte.

use articlekit_arrow::{
    ArticleBatchBuilder, ParquetOptions, ParquetRows, ParquetWriter, batch_to_values,
};
use articlekit_model::Article;
use bytes::Bytes;

use crate::{sample, sample_lines};

/// `articles` in batches of 7 rows and row groups of 10, so that the
/// sample spans several of each.
fn small_groups(articles: &[Article]) -> Bytes {
    let options = ParquetOptions {
        batch_rows: 7,
        row_group_rows: 10,
        ..ParquetOptions::default()
    };
    write(articles, options)
}

fn write(articles: &[Article], options: ParquetOptions) -> Bytes {
    let mut writer = ParquetWriter::new(Vec::new(), options).expect("writer");
    for a in articles {
        writer.write(a).expect("write");
    }
    Bytes::from(writer.finish().expect("finish"))
}

#[test]
fn batches_give_back_the_canonical_records() {
    let mut builder = ArticleBatchBuilder::new();
    for a in sample() {
        builder.append(&a).expect("append");
    }
    let batch = builder.finish().expect("batch");
    let back: Vec<String> = batch_to_values(&batch)
        .expect("values")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(back, sample_lines());
    assert!(builder.is_empty());
}

/// `append` reads an article's fields directly; `append_value` reads the
/// same article as JSON. Every column must come out the same both ways (a
/// field the direct reader forgot would be a column of nulls).
#[test]
fn direct_rows_match_json_rows() {
    let articles = sample();
    let mut direct = ArticleBatchBuilder::new();
    let mut json = ArticleBatchBuilder::new();
    for a in &articles {
        direct.append(a).expect("append");
        json.append_value(&serde_json::to_value(a).expect("value"))
            .expect("append_value");
    }
    let (direct, json) = (
        direct.finish().expect("direct"),
        json.finish().expect("json"),
    );
    assert_eq!(direct.num_rows(), articles.len());
    for (i, field) in direct.schema().fields().iter().enumerate() {
        assert_eq!(
            direct.column(i).as_ref(),
            json.column(i).as_ref(),
            "column {}",
            field.name()
        );
    }
    // The full record fills every leaf: no column of the direct batch is
    // all null.
    for (i, field) in direct.schema().fields().iter().enumerate() {
        assert!(
            direct.column(i).null_count() < direct.num_rows(),
            "column {} is all null",
            field.name()
        );
    }
}

/// A batch built in columns sized for its articles holds what one built
/// row by row in growing columns holds, for every slice of the sample (the
/// empty one, a single article, all of them), and rows appended past the
/// measured ones still fit.
#[test]
fn sized_batches_match_grown_batches() {
    let articles = sample();
    let grown = |rows: &[Article]| {
        let mut builder = ArticleBatchBuilder::new();
        for a in rows {
            builder.append(a).expect("append");
        }
        builder.finish().expect("grown")
    };
    for rows in [&articles[..0], &articles[..1], &articles[..]] {
        let sized = ArticleBatchBuilder::batch_of(rows).expect("sized");
        assert_eq!(sized, grown(rows), "{} rows", rows.len());
    }
    let mut builder = ArticleBatchBuilder::sized_for(&articles[..1]);
    for a in &articles {
        builder.append(a).expect("append past the measured rows");
    }
    assert_eq!(builder.finish().expect("batch"), grown(&articles));
}

#[test]
fn sizes_past_int64_are_an_error_both_ways() {
    // The model keeps sizes to 2^53-1 when it reads JSON; a caller that
    // builds an `Article` by hand can still go past int64.
    let line = r#"{"metadata":{"id":"a","title":"T","language":"vi"},"summary":"S","bullets":["B"],"attachments":[{"name":"n","url":"https://x.example/n","size_bytes":1}],"discussion_count":0}"#;
    let mut article: Article = serde_json::from_str(line).expect("article");
    article.attachments[0].size_bytes = Some(u64::MAX);
    let direct = ArticleBatchBuilder::new()
        .append(&article)
        .expect_err("too large")
        .to_string();
    let json = ArticleBatchBuilder::new()
        .append_value(&serde_json::to_value(&article).expect("value"))
        .expect_err("too large")
        .to_string();
    assert!(
        direct.contains("size_bytes") && direct.contains("18446744073709551615"),
        "{direct}"
    );
    assert_eq!(direct, json);
}

#[test]
fn parquet_gives_back_the_canonical_records_across_row_groups() {
    let articles = sample();
    let file = small_groups(&articles);
    let rows = ParquetRows::new(file, 4).expect("open");
    assert_eq!(rows.total_rows(), articles.len() as u64);
    let rows: Vec<_> = rows.collect::<Result<_, _>>().expect("rows");
    let back: Vec<String> = rows
        .iter()
        .map(|r| {
            let value = r.value.as_ref().expect("row");
            // Through the model, as `import` prints it.
            let a: Article = serde_json::from_value(value.clone()).expect("an article");
            assert_eq!(a.to_canonical_json(), value.to_string());
            value.to_string()
        })
        .collect();
    assert_eq!(back, sample_lines());
    assert_eq!(rows[0].location(), "row group 1, row 1");
    assert_eq!(
        (rows[9].row_group, rows[9].row_in_group, rows[9].number),
        (1, 10, 10)
    );
    assert_eq!(
        (rows[10].row_group, rows[10].row_in_group, rows[10].number),
        (2, 1, 11)
    );
}

/// A batch's rows written as NDJSON lines are the canonical records, byte
/// for byte, across batches and row groups.
#[test]
fn lines_are_the_canonical_records() {
    let file = small_groups(&sample());
    let mut rows = ParquetRows::new(file, 4).expect("open");
    let mut lines = Vec::new();
    let mut numbers = Vec::new();
    while let Some(batch) = rows.next_batch() {
        for row in batch.expect("batch").lines() {
            numbers.push((row.number, row.row_group, row.row_in_group));
            let line = String::from_utf8(row.value.expect("a line")).expect("UTF-8");
            lines.push(line.strip_suffix('\n').expect("a newline").to_owned());
        }
    }
    assert_eq!(lines, sample_lines());
    assert_eq!(numbers[10], (11, 2, 1));
}

/// `next_batch` hands out exactly the rows the row iterator would give
/// next: the rest of a batch it started, then whole batches, with the
/// same numbers and places.
#[test]
fn batches_give_the_rows_the_row_iterator_gives() {
    let articles = sample();
    let file = small_groups(&articles);
    let expected: Vec<_> = ParquetRows::new(file.clone(), 4)
        .expect("open")
        .collect::<Result<_, _>>()
        .expect("rows");
    let mut rows = ParquetRows::new(file, 4).expect("open");
    let mut got = vec![rows.next().expect("a row").expect("row")];
    while let Some(batch) = rows.next_batch() {
        let batch = batch.expect("batch");
        assert!(!batch.is_empty() && batch.len() <= 4);
        got.extend(batch.rows());
    }
    assert!(rows.next().is_none());
    let key = |r: &articlekit_arrow::ParquetRow| {
        (
            r.number,
            r.row_group,
            r.row_in_group,
            r.value.as_ref().ok().cloned(),
        )
    };
    assert_eq!(
        got.iter().map(key).collect::<Vec<_>>(),
        expected.iter().map(key).collect::<Vec<_>>()
    );
}

#[test]
fn an_empty_batch_is_a_valid_file() {
    let file = write(&[], ParquetOptions::default());
    assert_eq!(ParquetRows::new(file, 8).expect("open").count(), 0);
}

#[test]
fn the_file_is_much_smaller_than_the_ndjson() {
    let lines = sample_lines();
    let ndjson: usize = lines.iter().map(|l| l.len() + 1).sum();
    let articles = sample();
    // Repeat the batch so that compression has something to work with, as a real batch does.
    let many: Vec<Article> = (0..20).flat_map(|_| articles.iter().cloned()).collect();
    let file = write(&many, ParquetOptions::default());
    // At most 0.35 of the NDJSON: 100 × file ≤ 35 × NDJSON.
    assert!(
        file.len() * 100 <= ndjson * 20 * 35,
        "Parquet is {} bytes for {} bytes of NDJSON",
        file.len(),
        ndjson * 20
    );
}

/// A STRING value that is not UTF-8 (another writer's bug) is an error of
/// the read, with a message that says so: never text with the bytes swapped.
#[test]
fn a_string_column_that_is_not_utf8_is_an_error() {
    use std::sync::Arc;

    use parquet::data_type::{ByteArray, ByteArrayType};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    let schema = parse_message_type("message schema { REQUIRED BYTE_ARRAY summary (UTF8); }")
        .expect("schema");
    let mut out = Vec::new();
    let mut writer = SerializedFileWriter::new(
        &mut out,
        Arc::new(schema),
        Arc::new(WriterProperties::builder().build()),
    )
    .expect("writer");
    let mut group = writer.next_row_group().expect("row group");
    let mut column = group.next_column().expect("column").expect("a column");
    let values = [
        ByteArray::from(&b"fine"[..]),
        ByteArray::from(&b"bad \xC3("[..]),
    ];
    column
        .typed::<ByteArrayType>()
        .write_batch(&values, None, None)
        .expect("values");
    column.close().expect("column closed");
    group.close().expect("row group closed");
    writer.close().expect("file closed");

    let mut rows = ParquetRows::new(Bytes::from(out), 8).expect("open");
    let error = rows.next().expect("an item").expect_err("not UTF-8");
    assert!(error.to_string().contains("UTF-8"), "{error}");
    assert!(rows.next().is_none(), "nothing after the error");
}
