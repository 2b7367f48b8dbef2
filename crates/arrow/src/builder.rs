//! Articles, one at a time, into Arrow record batches.

use std::sync::Arc;

use arrow_array::builder::{
    Int16Builder, Int64Builder, ListBuilder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{NullBufferBuilder, OffsetBuffer};
use articlekit_model::{Article, Attachment, Author, Metadata, Publisher, Source};
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

    /// An empty builder whose columns are sized to hold exactly `articles`
    /// (a first pass measures them): appending them then never grows a
    /// buffer, so their text is copied once, into memory touched once.
    /// Appending other rows is allowed; the columns grow as with [`new`](Self::new).
    pub fn sized_for(articles: &[Article]) -> Self {
        Self {
            columns: ARTICLE
                .iter()
                .zip(&Size::of_rows(articles))
                .map(|(field, size)| Column::sized(field, size))
                .collect(),
            rows: 0,
        }
    }

    /// `articles` as one batch, built in columns sized for them ([`sized_for`](Self::sized_for)).
    pub fn batch_of(articles: &[Article]) -> Result<RecordBatch, ArrowError> {
        let mut builder = Self::sized_for(articles);
        for article in articles {
            builder.append(article)?;
        }
        builder.finish()
    }

    /// Rows appended since the last [`finish`](Self::finish).
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when no row is waiting.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Appends one article as a row, read straight from its fields (no
    /// JSON tree is built on the way).
    pub fn append(&mut self, article: &Article) -> Result<(), ArrowError> {
        self.append_node(article)
    }

    /// Appends one record in the model's JSON shape (as [`Article`]
    /// serialises) as a row. Fields the model does not have are ignored.
    pub fn append_value(&mut self, record: &Value) -> Result<(), ArrowError> {
        self.append_node(record)
    }

    fn append_node(&mut self, row: &dyn Node) -> Result<(), ArrowError> {
        for (field, column) in ARTICLE.iter().zip(&mut self.columns) {
            column.append(field, row.cell(field))?;
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

    /// Room for `rows` structs whose columns `size.children` measured.
    fn sized(spec: &[Field], rows: usize, size: &Size) -> Self {
        Self {
            valid: NullBufferBuilder::new(rows),
            columns: spec
                .iter()
                .enumerate()
                .map(|(i, field)| Column::sized(field, size.child(i)))
                .collect(),
        }
    }

    fn append(&mut self, spec: &[Field], node: Option<&dyn Node>) -> Result<(), ArrowError> {
        self.valid.append(node.is_some());
        for (field, column) in spec.iter().zip(&mut self.columns) {
            column.append(field, node.map_or(Cell::Null, |n| n.cell(field)))?;
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

/// What one column holds over a set of rows, measured before building it.
#[derive(Debug, Default)]
struct Size {
    /// Values (rows, or items of the list this column is in).
    values: usize,
    /// Bytes of text, for a text column or a list of texts.
    bytes: usize,
    /// Items of a list column (texts, or structs).
    items: usize,
    /// The columns of a struct, or of a list's structs, by the spec's order.
    children: Vec<Size>,
}

impl Size {
    /// Each top-level column's size over `articles`, in the spec's order.
    fn of_rows(articles: &[Article]) -> Vec<Self> {
        let mut sizes: Vec<Self> = ARTICLE.iter().map(|_| Self::default()).collect();
        for article in articles {
            for (field, size) in ARTICLE.iter().zip(&mut sizes) {
                size.measure(field, article.cell(field));
            }
        }
        sizes
    }

    fn measure(&mut self, field: &Field, cell: Cell<'_>) {
        self.values += 1;
        match (field.kind, cell) {
            (Kind::Text, Cell::Text(s)) => self.bytes += s.len(),
            (Kind::TextList, Cell::Texts(items)) => {
                self.items += items.len();
                self.bytes += items.iter().map(String::len).sum::<usize>();
            }
            (Kind::TextList, Cell::Values(items)) => {
                self.items += items.len();
                self.bytes += items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::len)
                    .sum::<usize>();
            }
            (Kind::StructList(children), Cell::Structs(list)) => {
                self.items += list.len();
                self.children.resize_with(children.len(), Self::default);
                for i in 0..list.len() {
                    let node = list.node(i);
                    for (child, size) in children.iter().zip(&mut self.children) {
                        size.measure(child, node.cell(child));
                    }
                }
            }
            (Kind::Struct(children), cell) => {
                let node = match cell {
                    Cell::Struct(node) => Some(node),
                    _ => None,
                };
                self.children.resize_with(children.len(), Self::default);
                for (child, size) in children.iter().zip(&mut self.children) {
                    size.measure(child, node.map_or(Cell::Null, |n| n.cell(child)));
                }
            }
            // A date's text column holds only dates that cannot be spelled
            // back from the instant and offset: rare, so not reserved.
            _ => {}
        }
    }

    fn child(&self, i: usize) -> &Self {
        const NONE: &Size = &Size {
            values: 0,
            bytes: 0,
            items: 0,
            children: Vec::new(),
        };
        self.children.get(i).unwrap_or(NONE)
    }
}

impl Column {
    /// A column with room for what `size` measured.
    fn sized(field: &Field, size: &Size) -> Self {
        let n = size.values;
        match field.kind {
            Kind::Text => Self::Text(StringBuilder::with_capacity(n, size.bytes)),
            Kind::Integer => Self::Integer(Int64Builder::with_capacity(n)),
            Kind::Date => Self::Date {
                at: TimestampMicrosecondBuilder::with_capacity(n).with_timezone("UTC"),
                offset: Int16Builder::with_capacity(n),
                text: StringBuilder::with_capacity(n, 0),
            },
            Kind::TextList => Self::TextList(
                ListBuilder::with_capacity(StringBuilder::with_capacity(size.items, size.bytes), n)
                    .with_field(text_item()),
            ),
            Kind::StructList(children) => {
                let mut offsets = Vec::with_capacity(n + 1);
                offsets.push(0);
                Self::StructList {
                    offsets,
                    items: Box::new(StructColumns::sized(children, size.items, size)),
                }
            }
            Kind::Struct(children) => {
                Self::Struct(Box::new(StructColumns::sized(children, n, size)))
            }
        }
    }

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

    fn append(&mut self, field: &Field, cell: Cell<'_>) -> Result<(), ArrowError> {
        let wrong =
            || ArrowError::Model(format!("`{}` does not have the model's type", field.name));
        match (self, field.kind, cell) {
            (Self::Text(b), _, Cell::Null) => b.append_null(),
            (Self::Text(b), _, Cell::Text(s)) => b.append_value(s),
            (Self::Integer(b), _, Cell::Null) => b.append_null(),
            (Self::Integer(b), _, Cell::Integer(n)) => b.append_value(n),
            (Self::Integer(_), _, Cell::TooLarge(text)) => {
                return Err(ArrowError::Model(format!(
                    "`{}` over 2^63-1: {text}",
                    field.name
                )));
            }
            (Self::Date { at, offset, text }, _, Cell::Null) => {
                at.append_null();
                offset.append_null();
                text.append_null();
            }
            (Self::Date { at, offset, text }, _, Cell::Text(s)) => {
                let split = date::split(s);
                at.append_option(split.micros);
                offset.append_option(split.offset_minutes);
                text.append_option(split.text);
            }
            (Self::TextList(b), _, Cell::Null) => b.append(true),
            (Self::TextList(b), _, Cell::Texts(items)) => {
                for item in items {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            (Self::TextList(b), _, Cell::Values(items)) => {
                for item in items {
                    b.values().append_value(item.as_str().ok_or_else(wrong)?);
                }
                b.append(true);
            }
            (Self::StructList { offsets, items }, Kind::StructList(children), cell) => {
                let list: &dyn Nodes = match cell {
                    Cell::Null => &NO_ITEMS,
                    Cell::Structs(list) => list,
                    _ => return Err(wrong()),
                };
                for i in 0..list.len() {
                    items.append(children, Some(list.node(i)))?;
                }
                let end = offsets.last().copied().unwrap_or(0);
                let len = i32::try_from(list.len()).map_err(|_| wrong())?;
                offsets.push(end.checked_add(len).ok_or_else(wrong)?);
            }
            (Self::Struct(columns), Kind::Struct(children), Cell::Null) => {
                columns.append(children, None)?;
            }
            (Self::Struct(columns), Kind::Struct(children), Cell::Struct(node)) => {
                columns.append(children, Some(node))?;
            }
            _ => return Err(wrong()),
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

const NO_ITEMS: Vec<Value> = Vec::new();

/// One field's value, as the columns read it: from an [`Article`]'s own
/// fields, or from a record in the model's JSON shape.
#[derive(Clone, Copy)]
enum Cell<'a> {
    /// Absent or null.
    Null,
    Text(&'a str),
    Integer(i64),
    /// An integer the `int64` column cannot hold, as written.
    TooLarge(&'a dyn std::fmt::Display),
    Texts(&'a [String]),
    Values(&'a [Value]),
    Struct(&'a dyn Node),
    Structs(&'a dyn Nodes),
    /// Present, but not of the field's kind (only from JSON).
    Wrong,
}

/// A struct of the model: its fields by the column table's names.
trait Node {
    fn cell(&self, field: &Field) -> Cell<'_>;
}

/// A list of structs.
trait Nodes {
    fn len(&self) -> usize;
    fn node(&self, i: usize) -> &dyn Node;
}

impl<T: Node> Nodes for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn node(&self, i: usize) -> &dyn Node {
        &self[i]
    }
}

fn text(value: Option<&String>) -> Cell<'_> {
    value.map_or(Cell::Null, |s| Cell::Text(s))
}

// The model's structs, field by field. A field of the column table that a
// struct here does not name reads as null; `direct_rows_match_json_rows`
// (tests/it/roundtrip.rs) builds every column both ways and compares.
impl Node for Article {
    fn cell(&self, field: &Field) -> Cell<'_> {
        match field.name {
            "metadata" => Cell::Struct(&self.metadata),
            "summary" => Cell::Text(&self.summary),
            "bullets" => Cell::Texts(&self.bullets),
            "attachments" => Cell::Structs(&self.attachments),
            "discussion_count" => Cell::Integer(i64::from(self.discussion_count)),
            _ => Cell::Null,
        }
    }
}

impl Node for Metadata {
    fn cell(&self, field: &Field) -> Cell<'_> {
        match field.name {
            "id" => Cell::Text(&self.id),
            "title" => Cell::Text(&self.title),
            "language" => Cell::Text(&self.language),
            "url" => text(self.url.as_ref()),
            "published_at" => text(self.published_at.as_ref()),
            "updated_at" => text(self.updated_at.as_ref()),
            "authors" => Cell::Structs(&self.authors),
            "tags" => Cell::Texts(&self.tags),
            "publisher" => self
                .publisher
                .as_ref()
                .map_or(Cell::Null, |p| Cell::Struct(p)),
            "source" => self.source.as_ref().map_or(Cell::Null, |s| Cell::Struct(s)),
            _ => Cell::Null,
        }
    }
}

impl Node for Author {
    fn cell(&self, field: &Field) -> Cell<'_> {
        match field.name {
            "name" => Cell::Text(&self.name),
            "url" => text(self.url.as_ref()),
            _ => Cell::Null,
        }
    }
}

impl Node for Publisher {
    fn cell(&self, field: &Field) -> Cell<'_> {
        match field.name {
            "name" => Cell::Text(&self.name),
            "tagline" => text(self.tagline.as_ref()),
            "url" => text(self.url.as_ref()),
            _ => Cell::Null,
        }
    }
}

impl Node for Source {
    fn cell(&self, field: &Field) -> Cell<'_> {
        match field.name {
            "url" => Cell::Text(&self.url),
            "title" => text(self.title.as_ref()),
            "subtitle" => text(self.subtitle.as_ref()),
            "publisher" => text(self.publisher.as_ref()),
            "language" => text(self.language.as_ref()),
            "text" => text(self.text.as_ref()),
            _ => Cell::Null,
        }
    }
}

impl Node for Attachment {
    fn cell(&self, field: &Field) -> Cell<'_> {
        match field.name {
            "name" => Cell::Text(&self.name),
            "url" => Cell::Text(&self.url),
            "media_type" => text(self.media_type.as_ref()),
            "size_bytes" => match &self.size_bytes {
                None => Cell::Null,
                Some(n) => i64::try_from(*n).map_or(Cell::TooLarge(n), Cell::Integer),
            },
            _ => Cell::Null,
        }
    }
}

/// A record in the model's JSON shape.
impl Node for Value {
    fn cell(&self, field: &Field) -> Cell<'_> {
        let Some(value) = self.get(field.name) else {
            return Cell::Null;
        };
        match (field.kind, value) {
            (_, Value::Null) => Cell::Null,
            (Kind::Text | Kind::Date, Value::String(s)) => Cell::Text(s),
            (Kind::Integer, Value::Number(n)) => {
                n.as_i64().map_or(Cell::TooLarge(value), Cell::Integer)
            }
            (Kind::TextList, Value::Array(items)) => Cell::Values(items),
            (Kind::StructList(_), Value::Array(items)) => Cell::Structs(items),
            (Kind::Struct(_), Value::Object(_)) => Cell::Struct(value),
            _ => Cell::Wrong,
        }
    }
}

#[cfg(test)]
mod tests {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;

    use super::*;

    fn articles() -> Vec<Article> {
        let fixture = include_str!("../../../fixtures/articles.ndjson");
        let hostile = include_str!("../../../fixtures/csv/hostile.ndjson");
        fixture
            .lines()
            .chain(hostile.lines())
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("fixture article"))
            .collect()
    }

    /// The columns of `spec`'s fields, each with the arrays it became (a
    /// date is three).
    fn by_field<'a>(spec: &'a [Field], arrays: &'a [ArrayRef]) -> Vec<(&'a Field, &'a ArrayRef)> {
        let mut at = 0;
        spec.iter()
            .map(|field| {
                let array = &arrays[at];
                at += if matches!(field.kind, Kind::Date) {
                    3
                } else {
                    1
                };
                (field, array)
            })
            .collect()
    }

    /// What `size` measured is what the column holds: exactly, so no
    /// buffer grows and none is larger than needed.
    fn assert_exact(field: &Field, size: &Size, array: &dyn Array) {
        let name = field.name;
        assert_eq!(array.len(), size.values, "values of {name}");
        match field.kind {
            Kind::Text => assert_eq!(
                array.as_string::<i32>().values().len(),
                size.bytes,
                "{name}"
            ),
            Kind::TextList => {
                let items = array.as_list::<i32>().values();
                assert_eq!(items.len(), size.items, "items of {name}");
                assert_eq!(
                    items.as_string::<i32>().values().len(),
                    size.bytes,
                    "{name}"
                );
            }
            Kind::StructList(children) => {
                let items = array.as_list::<i32>().values();
                assert_eq!(items.len(), size.items, "items of {name}");
                let columns = items.as_struct().columns();
                for (i, (child, column)) in by_field(children, columns).into_iter().enumerate() {
                    assert_exact(child, size.child(i), column.as_ref());
                }
            }
            Kind::Struct(children) => {
                let columns = array.as_struct().columns();
                for (i, (child, column)) in by_field(children, columns).into_iter().enumerate() {
                    assert_exact(child, size.child(i), column.as_ref());
                }
            }
            Kind::Integer | Kind::Date => {}
        }
    }

    #[test]
    fn measured_sizes_are_the_built_columns_sizes() {
        let articles = articles();
        assert!(articles.len() > 5);
        let sizes = Size::of_rows(&articles);
        let batch = ArticleBatchBuilder::batch_of(&articles).expect("batch");
        let columns = by_field(ARTICLE, batch.columns());
        assert_eq!(columns.len(), sizes.len());
        for ((field, column), size) in columns.into_iter().zip(&sizes) {
            assert_exact(field, size, column.as_ref());
        }
        // The fixtures fill the nested lists, so the walk went into them.
        let metadata = ARTICLE
            .iter()
            .position(|f| f.name == "metadata")
            .expect("metadata");
        assert!(sizes[metadata].children.iter().any(|s| s.items > 0));
    }
}
