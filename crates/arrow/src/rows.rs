//! Rows of a record batch back to records in the model's JSON shape.
//!
//! The columns of a batch are first bound to the column table, once per
//! batch: every column must be one the model has, of a type that can hold
//! its values (any string type for text, any integer type for integers, a
//! timestamp of any unit or a string for dates, lists and large lists);
//! anything else is a [`ColumnError`] naming the column. Binding casts
//! the odd string types (`large_utf8`, views, dictionaries) to `utf8`, so
//! that reading a row is a plain walk.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, ListArray, RecordBatch, StringArray, StructArray};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, TimeUnit};
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Number, Value};

use crate::date;
use crate::error::{ArrowError, ColumnError};
use crate::spec::{ARTICLE, Field, Kind, OFFSET_SUFFIX, TEXT_SUFFIX};

/// The columns of one batch, bound to the model.
#[derive(Debug)]
pub struct BoundBatch {
    root: Bound,
    rows: usize,
}

/// A value that cannot be turned back into its field, with its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Dotted name of the column.
    pub column: String,
    /// What is wrong.
    pub message: String,
}

impl BoundBatch {
    /// Binds the columns of `batch` to the model.
    pub fn new(batch: &RecordBatch) -> Result<Self, ColumnError> {
        let columns: Vec<(&str, &ArrayRef)> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .zip(batch.columns())
            .collect();
        let root = Bound::bind(ARTICLE, "", &columns, None)?;
        Ok(Self {
            root,
            rows: batch.num_rows(),
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Row `row` as a record in the model's canonical JSON shape: fields
    /// in contract order, nulls and empty optional lists left out.
    pub fn value(&self, row: usize) -> Result<Value, RowError> {
        self.root.object(ARTICLE, row).map(Value::Object)
    }

    /// Row `row` as something to serialize: the same record as
    /// [`value`](Self::value), written straight from the columns, without
    /// building a [`Value`] first (`serde_json` and `sonic-rs` write the same
    /// bytes for both). When serializing fails because a cell cannot be
    /// turned back into its field, [`RowJson::fault`] says which and why.
    pub fn json(&self, row: usize) -> RowJson<'_> {
        RowJson {
            bound: &self.root,
            row,
            fault: RefCell::new(None),
        }
    }
}

/// A row of a [`BoundBatch`] that serializes as its record (see [`BoundBatch::json`]).
#[derive(Debug)]
pub struct RowJson<'a> {
    bound: &'a Bound,
    row: usize,
    fault: RefCell<Option<RowError>>,
}

impl RowJson<'_> {
    /// Why serializing failed, when a cell could not be turned back into
    /// its field (the serializer's own error only says that it stopped).
    pub fn fault(&self) -> Option<RowError> {
        self.fault.borrow_mut().take()
    }
}

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Object {
            bound: self.bound,
            spec: ARTICLE,
            row: self.row,
            fault: &self.fault,
        }
        .serialize(serializer)
    }
}

/// One object of a row (the record, a struct, an item of a struct list), serialized.
struct Object<'a> {
    bound: &'a Bound,
    spec: &'static [Field],
    row: usize,
    fault: &'a RefCell<Option<RowError>>,
}

impl Object<'_> {
    fn failed<E: serde::ser::Error>(&self, error: RowError) -> E {
        let message = format!("column `{}`: {}", error.column, error.message);
        *self.fault.borrow_mut() = Some(error);
        E::custom(message)
    }
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (field, col) in self.spec.iter().zip(&self.bound.columns) {
            let Some(col) = col else { continue };
            match col.part(field, self.row) {
                Ok(Some(part)) => map.serialize_entry(
                    field.name,
                    &PartJson {
                        part: &part,
                        fault: self.fault,
                    },
                )?,
                Ok(None) => {}
                Err(e) => return Err(self.failed(e)),
            }
        }
        map.end()
    }
}

/// A part of a row, serialized.
struct PartJson<'a> {
    part: &'a Part<'a>,
    fault: &'a RefCell<Option<RowError>>,
}

impl Serialize for PartJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.part {
            Part::Text(s) => serializer.serialize_str(s),
            Part::Number(n) => n.serialize(serializer),
            Part::Null => serializer.serialize_unit(),
            Part::Texts { values, items } => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for i in items.clone() {
                    if values.is_valid(i) {
                        seq.serialize_element(values.value(i))?;
                    } else {
                        seq.serialize_element(&())?;
                    }
                }
                seq.end()
            }
            Part::Objects {
                bound,
                children,
                items,
            } => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for i in items.clone() {
                    if bound.is_null(i) {
                        seq.serialize_element(&())?;
                    } else {
                        seq.serialize_element(&Object {
                            bound,
                            spec: children,
                            row: i,
                            fault: self.fault,
                        })?;
                    }
                }
                seq.end()
            }
            Part::Object {
                bound,
                children,
                row,
            } => Object {
                bound,
                spec: children,
                row: *row,
                fault: self.fault,
            }
            .serialize(serializer),
        }
    }
}

/// One present cell of a row, borrowed from the batch where it can be:
/// what [`BoundBatch::value`] builds a [`Value`] from and
/// [`BoundBatch::json`] writes.
enum Part<'a> {
    /// Text: borrowed from a column, or a date rendered from its instant.
    Text(Cow<'a, str>),
    Number(Number),
    Null,
    Texts {
        values: &'a StringArray,
        items: Range<usize>,
    },
    Objects {
        bound: &'a Bound,
        children: &'static [Field],
        items: Range<usize>,
    },
    Object {
        bound: &'a Bound,
        children: &'static [Field],
        row: usize,
    },
}

impl Part<'_> {
    fn into_value(self) -> Result<Value, RowError> {
        Ok(match self {
            Self::Text(s) => Value::String(s.into_owned()),
            Self::Number(n) => Value::Number(n),
            Self::Null => Value::Null,
            Self::Texts { values, items } => Value::Array(
                items
                    .map(|i| {
                        if values.is_valid(i) {
                            Value::String(values.value(i).to_owned())
                        } else {
                            Value::Null
                        }
                    })
                    .collect(),
            ),
            Self::Objects {
                bound,
                children,
                items,
            } => Value::Array(
                items
                    .map(|i| {
                        if bound.is_null(i) {
                            Ok(Value::Null)
                        } else {
                            bound.object(children, i).map(Value::Object)
                        }
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Self::Object {
                bound,
                children,
                row,
            } => Value::Object(bound.object(children, row)?),
        })
    }
}

/// Every row of `batch` as a record (see [`BoundBatch::value`]).
pub fn batch_to_values(batch: &RecordBatch) -> Result<Vec<Value>, ArrowError> {
    let bound = BoundBatch::new(batch)?;
    (0..bound.len())
        .map(|row| {
            bound
                .value(row)
                .map_err(|e| ArrowError::Model(format!("column `{}`: {}", e.column, e.message)))
        })
        .collect()
}

#[derive(Debug)]
struct Bound {
    nulls: Option<NullBuffer>,
    /// One entry per field of the table, `None` when the column is absent.
    columns: Vec<Option<Col>>,
}

#[derive(Debug)]
enum Col {
    Text(StringArray),
    Integer(ArrayRef, String),
    Date {
        at: Option<Instant>,
        offset: Option<(ArrayRef, String)>,
        text: Option<StringArray>,
        name: String,
    },
    TextList(ListArray, StringArray),
    StructList(ListArray, Box<Bound>),
    Struct(Box<Bound>),
}

#[derive(Debug)]
enum Instant {
    /// Raw values and how many of them make a microsecond (negative: how many microseconds make one).
    Timestamp(ArrayRef, TimeUnit),
    Text(StringArray),
}

fn dotted(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn type_error(column: &str, found: &DataType, expected: &str) -> ColumnError {
    ColumnError {
        column: column.to_owned(),
        message: format!("has type `{found}`, expected {expected}"),
    }
}

fn text_column(name: &str, array: &ArrayRef) -> Result<StringArray, ColumnError> {
    let is_text =
        |t: &DataType| matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View);
    let ok = match array.data_type() {
        t if is_text(t) => true,
        DataType::Dictionary(_, v) => is_text(v),
        _ => false,
    };
    if !ok {
        return Err(type_error(name, array.data_type(), "a string type"));
    }
    if let Some(s) = array.as_string_opt::<i32>() {
        return Ok(s.clone());
    }
    let cast = arrow_cast::cast(array, &DataType::Utf8).map_err(|e| ColumnError {
        column: name.to_owned(),
        message: format!("cannot be read as text: {e}"),
    })?;
    Ok(cast.as_string::<i32>().clone())
}

fn integer_column(name: &str, array: &ArrayRef) -> Result<ArrayRef, ColumnError> {
    if array.data_type().is_integer() || array.data_type().is_floating() {
        Ok(array.clone())
    } else {
        Err(type_error(name, array.data_type(), "an integer type"))
    }
}

fn list_column(name: &str, array: &ArrayRef) -> Result<ListArray, ColumnError> {
    match array.data_type() {
        DataType::List(_) => Ok(array.as_list::<i32>().clone()),
        DataType::LargeList(item) | DataType::ListView(item) | DataType::LargeListView(item) => {
            let target = DataType::List(item.clone());
            let cast = arrow_cast::cast(array, &target).map_err(|e| ColumnError {
                column: name.to_owned(),
                message: format!("cannot be read as a list: {e}"),
            })?;
            Ok(cast.as_list::<i32>().clone())
        }
        other => Err(type_error(name, other, "a list")),
    }
}

fn struct_column<'a>(name: &str, array: &'a ArrayRef) -> Result<&'a StructArray, ColumnError> {
    array
        .as_struct_opt()
        .ok_or_else(|| type_error(name, array.data_type(), "a struct"))
}

fn struct_children(array: &StructArray) -> Vec<(&str, &ArrayRef)> {
    array
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .zip(array.columns())
        .collect()
}

impl Bound {
    fn bind(
        spec: &[Field],
        prefix: &str,
        columns: &[(&str, &ArrayRef)],
        nulls: Option<NullBuffer>,
    ) -> Result<Self, ColumnError> {
        for (name, _) in columns {
            let known = spec.iter().any(|f| match f.kind {
                Kind::Date => name.strip_prefix(f.name).is_some_and(|rest| {
                    rest.is_empty() || rest == OFFSET_SUFFIX || rest == TEXT_SUFFIX
                }),
                _ => f.name == *name,
            });
            // pandas writes its index as a column of its own.
            let pandas_index = prefix.is_empty() && name.starts_with("__index_level_");
            if !known && !pandas_index {
                return Err(ColumnError {
                    column: dotted(prefix, name),
                    message: "is not a field of the article model".into(),
                });
            }
        }
        // A column of type `null` (pandas writes an all-missing column so) is an absent one.
        let find = |name: &str| {
            columns
                .iter()
                .find(|(n, a)| *n == name && a.data_type() != &DataType::Null)
                .map(|(_, a)| *a)
        };
        let mut bound = Vec::with_capacity(spec.len());
        for field in spec {
            let path = dotted(prefix, field.name);
            let col = match field.kind {
                Kind::Date => {
                    let at = find(field.name).map(|a| instant(&path, a)).transpose()?;
                    let offset_name = format!("{}{OFFSET_SUFFIX}", field.name);
                    let offset = find(&offset_name)
                        .map(|a| integer_column(&dotted(prefix, &offset_name), a))
                        .transpose()?
                        .map(|a| (a, dotted(prefix, &offset_name)));
                    let text_name = format!("{}{TEXT_SUFFIX}", field.name);
                    let text = find(&text_name)
                        .map(|a| text_column(&dotted(prefix, &text_name), a))
                        .transpose()?;
                    (at.is_some() || text.is_some()).then_some(Col::Date {
                        at,
                        offset,
                        text,
                        name: path,
                    })
                }
                _ => find(field.name)
                    .map(|array| Col::bind(field, &path, array))
                    .transpose()?,
            };
            bound.push(col);
        }
        Ok(Self {
            nulls,
            columns: bound,
        })
    }

    fn is_null(&self, row: usize) -> bool {
        self.nulls.as_ref().is_some_and(|n| n.is_null(row))
    }

    fn object(&self, spec: &[Field], row: usize) -> Result<Map<String, Value>, RowError> {
        let mut map = Map::new();
        for (field, col) in spec.iter().zip(&self.columns) {
            if let Some(part) = col
                .as_ref()
                .map(|c| c.part(field, row))
                .transpose()?
                .flatten()
            {
                map.insert(field.name.to_owned(), part.into_value()?);
            }
        }
        Ok(map)
    }
}

fn instant(path: &str, array: &ArrayRef) -> Result<Instant, ColumnError> {
    match array.data_type() {
        DataType::Timestamp(unit, _) => {
            let raw = arrow_cast::cast(array, &DataType::Int64).map_err(|e| ColumnError {
                column: path.to_owned(),
                message: format!("cannot be read as a timestamp: {e}"),
            })?;
            Ok(Instant::Timestamp(raw, *unit))
        }
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Dictionary(..) => {
            text_column(path, array).map(Instant::Text)
        }
        other => Err(type_error(path, other, "a timestamp or a string")),
    }
}

impl Col {
    fn bind(field: &Field, path: &str, array: &ArrayRef) -> Result<Self, ColumnError> {
        Ok(match field.kind {
            Kind::Text => Self::Text(text_column(path, array)?),
            Kind::Integer => Self::Integer(integer_column(path, array)?, path.to_owned()),
            Kind::TextList => {
                let list = list_column(path, array)?;
                let values = text_column(path, list.values())?;
                Self::TextList(list, values)
            }
            Kind::StructList(children) => {
                let list = list_column(path, array)?;
                let items = struct_column(path, list.values())?;
                let bound = Bound::bind(
                    children,
                    path,
                    &struct_children(items),
                    items.nulls().cloned(),
                )?;
                Self::StructList(list, Box::new(bound))
            }
            Kind::Struct(children) => {
                let s = struct_column(path, array)?;
                Self::Struct(Box::new(Bound::bind(
                    children,
                    path,
                    &struct_children(s),
                    s.nulls().cloned(),
                )?))
            }
            Kind::Date => unreachable!("dates are bound by their struct"),
        })
    }

    /// The part of `field` at `row`, `None` when absent.
    fn part<'a>(&'a self, field: &Field, row: usize) -> Result<Option<Part<'a>>, RowError> {
        Ok(match self {
            Self::Text(array) => array
                .is_valid(row)
                .then(|| Part::Text(array.value(row).into())),
            Self::Integer(array, name) => integer(array, name, row)?,
            Self::Date {
                at,
                offset,
                text,
                name,
            } => date_part(at.as_ref(), offset.as_ref(), text.as_ref(), name, row)?,
            Self::TextList(list, values) => {
                if list.is_null(row) {
                    return Ok(None);
                }
                let offsets = list.value_offsets();
                let (start, end) = (offset_index(offsets[row]), offset_index(offsets[row + 1]));
                if start == end && !field.required {
                    return Ok(None);
                }
                // A null item is kept as null, so that validation says where it is.
                Some(Part::Texts {
                    values,
                    items: start..end,
                })
            }
            Self::StructList(list, bound) => {
                let Kind::StructList(children) = field.kind else {
                    unreachable!("bound from its field")
                };
                if list.is_null(row) {
                    return Ok(None);
                }
                let offsets = list.value_offsets();
                let (start, end) = (offset_index(offsets[row]), offset_index(offsets[row + 1]));
                if start == end && !field.required {
                    return Ok(None);
                }
                Some(Part::Objects {
                    bound,
                    children,
                    items: start..end,
                })
            }
            Self::Struct(bound) => {
                let Kind::Struct(children) = field.kind else {
                    unreachable!("bound from its field")
                };
                (!bound.is_null(row)).then_some(Part::Object {
                    bound,
                    children,
                    row,
                })
            }
        })
    }
}

fn offset_index(offset: i32) -> usize {
    usize::try_from(offset).unwrap_or(0)
}

/// An integer cell as a JSON number; a float that is a whole number (pandas
/// writes integer columns with gaps as `double`) counts as that integer.
fn integer<'a>(array: &ArrayRef, name: &str, row: usize) -> Result<Option<Part<'a>>, RowError> {
    if array.is_null(row) {
        return Ok(None);
    }
    let number = |n: Number| Part::Number(n);
    let value = match array.data_type() {
        DataType::Int8 => number(array.as_primitive::<Int8Type>().value(row).into()),
        DataType::Int16 => number(array.as_primitive::<Int16Type>().value(row).into()),
        DataType::Int32 => number(array.as_primitive::<Int32Type>().value(row).into()),
        DataType::Int64 => number(array.as_primitive::<Int64Type>().value(row).into()),
        DataType::UInt8 => number(array.as_primitive::<UInt8Type>().value(row).into()),
        DataType::UInt16 => number(array.as_primitive::<UInt16Type>().value(row).into()),
        DataType::UInt32 => number(array.as_primitive::<UInt32Type>().value(row).into()),
        DataType::UInt64 => number(array.as_primitive::<UInt64Type>().value(row).into()),
        DataType::Float32 => float(
            f64::from(array.as_primitive::<Float32Type>().value(row)),
            name,
        )?,
        DataType::Float64 => float(array.as_primitive::<Float64Type>().value(row), name)?,
        other => unreachable!("bound as an integer column: {other}"),
    };
    Ok(Some(value))
}

#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
fn float<'a>(x: f64, name: &str) -> Result<Part<'a>, RowError> {
    if x.is_nan() {
        // pandas' missing value.
        return Ok(Part::Null);
    }
    if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 {
        return Ok(Part::Number((x as i64).into()));
    }
    Number::from_f64(x)
        .map(Part::Number)
        .ok_or_else(|| RowError {
            column: name.to_owned(),
            message: format!("`{x}` is not a number JSON can hold"),
        })
}

fn date_part<'a>(
    at: Option<&'a Instant>,
    offset: Option<&(ArrayRef, String)>,
    text: Option<&'a StringArray>,
    name: &str,
    row: usize,
) -> Result<Option<Part<'a>>, RowError> {
    if let Some(text) = text.filter(|t| t.is_valid(row)) {
        return Ok(Some(Part::Text(text.value(row).into())));
    }
    let micros = match at {
        None => return Ok(None),
        Some(Instant::Text(t)) => {
            return Ok(t.is_valid(row).then(|| Part::Text(t.value(row).into())));
        }
        Some(Instant::Timestamp(raw, unit)) => {
            if raw.is_null(row) {
                return Ok(None);
            }
            let raw = raw.as_primitive::<Int64Type>().value(row);
            match unit {
                TimeUnit::Second => raw.checked_mul(1_000_000),
                TimeUnit::Millisecond => raw.checked_mul(1_000),
                TimeUnit::Microsecond => Some(raw),
                TimeUnit::Nanosecond => Some(raw.div_euclid(1_000)),
            }
        }
    };
    let minutes = match offset {
        Some((array, column)) => match integer(array, column, row)? {
            Some(Part::Number(n)) => match n.as_i64().and_then(|m| i16::try_from(m).ok()) {
                Some(m) => m,
                None => {
                    return Err(RowError {
                        column: column.clone(),
                        message: format!("`{n}` is not an offset in minutes"),
                    });
                }
            },
            _ => 0,
        },
        None => 0,
    };
    let text = micros
        .and_then(|m| date::render(m, minutes))
        .ok_or_else(|| RowError {
            column: name.to_owned(),
            message: format!(
                "the instant at offset {minutes} minutes is not a date-time RFC 3339 can write"
            ),
        })?;
    Ok(Some(Part::Text(text.into())))
}
