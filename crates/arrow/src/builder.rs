//! Articles, one at a time, into Arrow record batches.

use std::sync::Arc;

use arrow_array::builder::{
    Int16Builder, Int64Builder, ListBuilder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{NullBufferBuilder, OffsetBuffer};
use articlekit_model::Article;
use serde_json::Value;

use crate::date;
use crate::error::ArrowError;
use crate::schema::{article_schema, fields, struct_item, text_item};
use crate::spec::{ARTICLE, Field, Kind};

/// Builds [`RecordBatch`]es in [`article_schema()`] from articles given one
/// at a time.
///
/// ```
/// use articlekit_arrow::ArticleBatchBuilder;
/// use articlekit_model::Article;
///
/// let article: Article = serde_json::from_str(r#"{"metadata":{"id":"a-1","title":"Tiêu đề",
///     "language":"vi","published_at":"2025-07-20T08:00:00+07:00"},"summary":"Tóm tắt.",
///     "bullets":["Ý chính"],"discussion_count":3}"#)?;
/// let mut builder = ArticleBatchBuilder::new();
/// builder.append(&article)?;
/// let batch = builder.finish()?;
/// assert_eq!(batch.num_rows(), 1);
/// assert_eq!(articlekit_arrow::batch_to_values(&batch)?[0].to_string(), article.to_canonical_json());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ArticleBatchBuilder {
    columns: Vec<Column>,
    rows: usize,
}

impl Default for ArticleBatchBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ArticleBatchBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self {
            columns: ARTICLE.iter().map(Column::new).collect(),
            rows: 0,
        }
    }

    /// Rows appended since the last [`finish`](Self::finish).
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when no row is waiting.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Appends one article as a row.
    pub fn append(&mut self, article: &Article) -> Result<(), ArrowError> {
        let value = serde_json::to_value(article).map_err(|e| ArrowError::Model(e.to_string()))?;
        self.append_value(&value)
    }

    /// Appends one record in the model's JSON shape (as [`Article`]
    /// serialises) as a row. Fields the model does not have are ignored.
    pub fn append_value(&mut self, record: &Value) -> Result<(), ArrowError> {
        for (field, column) in ARTICLE.iter().zip(&mut self.columns) {
            column.append(field, record.get(field.name))?;
        }
        self.rows += 1;
        Ok(())
    }

    /// The rows appended so far as one batch; the builder is empty again.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let arrays: Vec<ArrayRef> = ARTICLE
            .iter()
            .zip(&mut self.columns)
            .map(|(field, column)| column.finish(field))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        self.rows = 0;
        Ok(RecordBatch::try_new(article_schema(), arrays)?)
    }
}

#[derive(Debug)]
enum Column {
    Text(StringBuilder),
    Integer(Int64Builder),
    Date {
        at: TimestampMicrosecondBuilder,
        offset: Int16Builder,
        text: StringBuilder,
    },
    TextList(ListBuilder<StringBuilder>),
    StructList {
        offsets: Vec<i32>,
        items: Box<StructColumns>,
    },
    Struct(Box<StructColumns>),
}

#[derive(Debug)]
struct StructColumns {
    valid: NullBufferBuilder,
    columns: Vec<Column>,
}

impl StructColumns {
    fn new(spec: &[Field]) -> Self {
        Self {
            valid: NullBufferBuilder::new(0),
            columns: spec.iter().map(Column::new).collect(),
        }
    }

    fn append(&mut self, spec: &[Field], value: Option<&Value>) -> Result<(), ArrowError> {
        self.valid.append(value.is_some());
        for (field, column) in spec.iter().zip(&mut self.columns) {
            column.append(field, value.and_then(|v| v.get(field.name)))?;
        }
        Ok(())
    }

    fn finish(&mut self, spec: &[Field]) -> Result<StructArray, ArrowError> {
        let arrays: Vec<ArrayRef> = spec
            .iter()
            .zip(&mut self.columns)
            .map(|(field, column)| column.finish(field))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        Ok(StructArray::try_new(
            fields(spec),
            arrays,
            self.valid.finish(),
        )?)
    }
}

impl Column {
    fn new(field: &Field) -> Self {
        match field.kind {
            Kind::Text => Self::Text(StringBuilder::new()),
            Kind::Integer => Self::Integer(Int64Builder::new()),
            Kind::Date => Self::Date {
                at: TimestampMicrosecondBuilder::new().with_timezone("UTC"),
                offset: Int16Builder::new(),
                text: StringBuilder::new(),
            },
            Kind::TextList => {
                Self::TextList(ListBuilder::new(StringBuilder::new()).with_field(text_item()))
            }
            Kind::StructList(children) => Self::StructList {
                offsets: vec![0],
                items: Box::new(StructColumns::new(children)),
            },
            Kind::Struct(children) => Self::Struct(Box::new(StructColumns::new(children))),
        }
    }

    fn append(&mut self, field: &Field, value: Option<&Value>) -> Result<(), ArrowError> {
        let wrong =
            || ArrowError::Model(format!("`{}` does not have the model's type", field.name));
        match (self, field.kind) {
            (Self::Text(b), _) => match value {
                None => b.append_null(),
                Some(Value::String(s)) => b.append_value(s),
                Some(_) => return Err(wrong()),
            },
            (Self::Integer(b), _) => match value {
                None => b.append_null(),
                Some(v) => b.append_value(v.as_i64().ok_or_else(|| {
                    ArrowError::Model(format!("`{}` over 2^63-1: {v}", field.name))
                })?),
            },
            (Self::Date { at, offset, text }, _) => match value {
                None => {
                    at.append_null();
                    offset.append_null();
                    text.append_null();
                }
                Some(Value::String(s)) => {
                    let split = date::split(s);
                    at.append_option(split.micros);
                    offset.append_option(split.offset_minutes);
                    text.append_option(split.text);
                }
                Some(_) => return Err(wrong()),
            },
            (Self::TextList(b), _) => {
                for item in value.and_then(Value::as_array).into_iter().flatten() {
                    b.values().append_value(item.as_str().ok_or_else(wrong)?);
                }
                b.append(true);
            }
            (Self::StructList { offsets, items }, Kind::StructList(children)) => {
                let list = value
                    .and_then(Value::as_array)
                    .map_or(&[][..], Vec::as_slice);
                for item in list {
                    items.append(children, Some(item))?;
                }
                let end = offsets.last().copied().unwrap_or(0);
                let len = i32::try_from(list.len()).map_err(|_| wrong())?;
                offsets.push(end.checked_add(len).ok_or_else(wrong)?);
            }
            (Self::Struct(columns), Kind::Struct(children)) => columns.append(children, value)?,
            _ => unreachable!("a column is made from its own field"),
        }
        Ok(())
    }

    fn finish(&mut self, field: &Field) -> Result<Vec<ArrayRef>, ArrowError> {
        Ok(match (self, field.kind) {
            (Self::Text(b), _) => vec![Arc::new(b.finish())],
            (Self::Integer(b), _) => vec![Arc::new(b.finish())],
            (Self::Date { at, offset, text }, _) => vec![
                Arc::new(at.finish()),
                Arc::new(offset.finish()),
                Arc::new(text.finish()),
            ],
            (Self::TextList(b), _) => vec![Arc::new(b.finish())],
            (Self::StructList { offsets, items }, Kind::StructList(children)) => {
                let offsets = OffsetBuffer::new(std::mem::replace(offsets, vec![0]).into());
                let values = items.finish(children)?;
                vec![Arc::new(ListArray::new(
                    struct_item(children),
                    offsets,
                    Arc::new(values),
                    None,
                ))]
            }
            (Self::Struct(columns), Kind::Struct(children)) => {
                vec![Arc::new(columns.finish(children)?)]
            }
            _ => unreachable!("a column is made from its own field"),
        })
    }
}
