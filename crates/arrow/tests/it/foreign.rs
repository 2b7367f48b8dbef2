//! Files written by other tools: other string, list and timestamp types,
//! plain strings for dates, integer columns as doubles, a pandas index;
//! and columns the model cannot read.

use std::sync::Arc;

use arrow_array::builder::{LargeListBuilder, LargeStringBuilder};
use arrow_array::{
    ArrayRef, Float64Array, Int32Array, LargeStringArray, RecordBatch, StringArray, StructArray,
    TimestampNanosecondArray, UInt32Array,
};
use arrow_schema::{DataType, Field, Fields, Schema};
use articlekit_arrow::{ArrowError, ParquetRows, RowError};
use bytes::Bytes;
use parquet::arrow::ArrowWriter;

fn parquet(batch: &RecordBatch) -> Bytes {
    let mut out = Vec::new();
    let mut writer = ArrowWriter::try_new(&mut out, batch.schema(), None).expect("writer");
    writer.write(batch).expect("write");
    writer.close().expect("close");
    Bytes::from(out)
}

fn metadata(published: ArrayRef) -> (Field, ArrayRef) {
    let ids: ArrayRef = Arc::new(LargeStringArray::from(vec!["p-1", "p-2"]));
    let titles: ArrayRef = Arc::new(StringArray::from(vec!["Tiêu đề", "T"]));
    let langs: ArrayRef = Arc::new(StringArray::from(vec!["vi", "en"]));
    let fields = Fields::from(vec![
        Field::new("id", DataType::LargeUtf8, true),
        Field::new("title", DataType::Utf8, true),
        Field::new("language", DataType::Utf8, true),
        Field::new("published_at", published.data_type().clone(), true),
    ]);
    let array = StructArray::new(fields.clone(), vec![ids, titles, langs, published], None);
    (
        Field::new("metadata", DataType::Struct(fields), true),
        Arc::new(array),
    )
}

fn bullets() -> ArrayRef {
    let mut b = LargeListBuilder::new(LargeStringBuilder::new());
    b.values().append_value("Ý một");
    b.append(true);
    b.values().append_value("x");
    b.values().append_value("y");
    b.append(true);
    Arc::new(b.finish())
}

fn batch(published: ArrayRef, count: ArrayRef) -> RecordBatch {
    let (meta_field, meta) = metadata(published);
    let summary: ArrayRef = Arc::new(StringArray::from(vec!["S", "S2"]));
    let bullets = bullets();
    let schema = Schema::new(vec![
        meta_field,
        Field::new("summary", DataType::Utf8, true),
        Field::new("bullets", bullets.data_type().clone(), true),
        Field::new("discussion_count", count.data_type().clone(), true),
        Field::new("__index_level_0__", DataType::Int32, true),
    ]);
    let index: ArrayRef = Arc::new(Int32Array::from(vec![7, 8]));
    RecordBatch::try_new(Arc::new(schema), vec![meta, summary, bullets, count, index])
        .expect("batch")
}

/// Every row as its record's JSON text, read both ways: as a value, and as
/// the text written straight from the columns, which must be the same.
fn lines(file: Bytes) -> Vec<String> {
    let values: Vec<Result<String, RowError>> = ParquetRows::new(file.clone(), 1024)
        .expect("open")
        .map(|r| r.expect("row").value.map(|v| v.to_string()))
        .collect();
    assert_eq!(written(file), values, "the written text is the value's");
    values.into_iter().map(|v| v.expect("value")).collect()
}

fn written(file: Bytes) -> Vec<Result<String, RowError>> {
    let mut rows = ParquetRows::new(file, 1024).expect("open");
    let mut written = Vec::new();
    while let Some(batch) = rows.next_batch() {
        written.extend(batch.expect("batch").lines().map(|row| {
            row.value.map(|line| {
                let text = String::from_utf8(line).expect("UTF-8");
                text.strip_suffix('\n').expect("a line").to_owned()
            })
        }));
    }
    written
}

#[test]
fn nanosecond_timestamps_large_strings_and_large_lists_read() {
    let published: ArrayRef = Arc::new(
        TimestampNanosecondArray::from(vec![Some(1_752_973_200_000_000_000), None])
            .with_timezone("+07:00"),
    );
    let count: ArrayRef = Arc::new(UInt32Array::from(vec![3, 4]));
    assert_eq!(
        lines(parquet(&batch(published, count))),
        [
            r#"{"metadata":{"id":"p-1","title":"Tiêu đề","language":"vi","published_at":"2025-07-20T01:00:00Z"},"summary":"S","bullets":["Ý một"],"discussion_count":3}"#,
            r#"{"metadata":{"id":"p-2","title":"T","language":"en"},"summary":"S2","bullets":["x","y"],"discussion_count":4}"#,
        ]
    );
}

#[test]
fn dates_as_strings_and_counts_as_doubles_read() {
    let published: ArrayRef = Arc::new(StringArray::from(vec![
        Some("2025-07-20T08:00:00+07:00"),
        None,
    ]));
    let count: ArrayRef = Arc::new(Float64Array::from(vec![Some(3.0), None]));
    let got = lines(parquet(&batch(published, count)));
    assert_eq!(
        got[0],
        r#"{"metadata":{"id":"p-1","title":"Tiêu đề","language":"vi","published_at":"2025-07-20T08:00:00+07:00"},"summary":"S","bullets":["Ý một"],"discussion_count":3}"#
    );
    assert!(
        !got[1].contains("discussion_count"),
        "a missing count is absent: {}",
        got[1]
    );
}

/// NaN (pandas' missing value) is a null for validation to report; a
/// number JSON cannot hold is the row's error, naming its column, whether
/// the row is read as a value or written as text.
#[test]
fn odd_doubles_read_the_same_both_ways() {
    let published: ArrayRef = Arc::new(StringArray::from(vec![None::<&str>, None]));
    let count: ArrayRef = Arc::new(Float64Array::from(vec![f64::INFINITY, f64::NAN]));
    let file = parquet(&batch(published, count));
    let rows = written(file.clone());
    let error = rows[0].as_ref().expect_err("infinity");
    assert_eq!(error.column, "discussion_count");
    assert_eq!(error.message, "`inf` is not a number JSON can hold");
    assert_eq!(
        rows[1].as_deref(),
        Ok(
            r#"{"metadata":{"id":"p-2","title":"T","language":"en"},"summary":"S2","bullets":["x","y"],"discussion_count":null}"#
        )
    );
    let values: Vec<_> = ParquetRows::new(file, 1024)
        .expect("open")
        .map(|r| r.expect("row").value.map(|v| v.to_string()))
        .collect();
    assert_eq!(rows, values);
}

#[test]
fn a_wrong_column_type_names_the_column() {
    let published: ArrayRef = Arc::new(Float64Array::from(vec![1.0, 2.0]));
    let count: ArrayRef = Arc::new(UInt32Array::from(vec![3, 4]));
    let err = ParquetRows::new(parquet(&batch(published, count)), 16).expect_err("refused");
    assert!(matches!(err, ArrowError::Column(_)));
    assert_eq!(
        err.to_string(),
        "column `metadata.published_at` has type `Float64`, expected a timestamp or a string"
    );

    let published: ArrayRef = Arc::new(StringArray::from(vec!["a", "b"]));
    let count: ArrayRef = Arc::new(StringArray::from(vec!["3", "4"]));
    let err = ParquetRows::new(parquet(&batch(published, count)), 16).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "column `discussion_count` has type `Utf8`, expected an integer type"
    );
}

#[test]
fn an_unknown_column_is_refused_by_name() {
    let b = batch(
        Arc::new(StringArray::from(vec!["a", "b"])),
        Arc::new(UInt32Array::from(vec![3, 4])),
    );
    let mut fields: Vec<Field> = b
        .schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    let mut columns = b.columns().to_vec();
    fields.push(Field::new("sumary", DataType::Utf8, true));
    columns.push(Arc::new(StringArray::from(vec!["x", "y"])));
    let b = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).expect("batch");
    let err = ParquetRows::new(parquet(&b), 16).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "column `sumary` is not a field of the article model"
    );
}

#[test]
fn not_parquet_is_an_error() {
    let err = ParquetRows::new(Bytes::from_static(b"{\"a\":1}\n"), 16).expect_err("refused");
    assert!(matches!(err, ArrowError::Parquet(_)), "{err}");
}
