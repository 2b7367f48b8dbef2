//! The Arrow schema of one article, built from the column table.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use arrow_schema::{DataType, Field as ArrowField, Fields, Schema, SchemaRef, TimeUnit};

use crate::spec::{ARTICLE, Field, Kind, OFFSET_SUFFIX, TEXT_SUFFIX};

/// The field-metadata key holding a field's description.
pub const DOC_KEY: &str = "description";

/// The name of list item fields.
pub(crate) const ITEM: &str = "item";

/// The Arrow schema of one article: one row per article, the model's
/// nesting kept (see the crate docs for the field-by-field table). Every
/// field carries its description under the metadata key [`DOC_KEY`].
pub fn article_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            let mut meta = HashMap::new();
            meta.insert(
                "articlekit.schema".to_owned(),
                articlekit_model::SCHEMA_ID.to_owned(),
            );
            Arc::new(Schema::new_with_metadata(fields(ARTICLE), meta))
        })
        .clone()
}

pub(crate) fn fields(spec: &[Field]) -> Fields {
    spec.iter().flat_map(arrow_fields).collect()
}

fn doc(field: ArrowField, doc: &str) -> ArrowField {
    field.with_metadata(HashMap::from([(DOC_KEY.to_owned(), doc.to_owned())]))
}

pub(crate) fn timestamp() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

pub(crate) fn text_item() -> Arc<ArrowField> {
    Arc::new(ArrowField::new(ITEM, DataType::Utf8, false))
}

pub(crate) fn struct_item(children: &[Field]) -> Arc<ArrowField> {
    Arc::new(ArrowField::new(
        ITEM,
        DataType::Struct(fields(children)),
        false,
    ))
}

/// The Arrow fields of one model field: one, or three for a date.
pub(crate) fn arrow_fields(field: &Field) -> Vec<ArrowField> {
    let nullable = !field.required;
    let one = |data_type: DataType, nullable: bool| {
        vec![doc(
            ArrowField::new(field.name, data_type, nullable),
            field.doc,
        )]
    };
    match field.kind {
        Kind::Text => one(DataType::Utf8, nullable),
        Kind::Integer => one(DataType::Int64, nullable),
        // Lists are never null: an absent list is written empty.
        Kind::TextList => one(DataType::List(text_item()), false),
        Kind::StructList(children) => one(DataType::List(struct_item(children)), false),
        Kind::Struct(children) => one(DataType::Struct(fields(children)), nullable),
        Kind::Date => vec![
            doc(
                ArrowField::new(field.name, timestamp(), true),
                &format!("{} The instant, in UTC.", field.doc),
            ),
            doc(
                ArrowField::new(
                    format!("{}{OFFSET_SUFFIX}", field.name),
                    DataType::Int16,
                    true,
                ),
                &format!(
                    "The UTC offset `{}` was given with, in minutes east of UTC.",
                    field.name
                ),
            ),
            doc(
                ArrowField::new(format!("{}{TEXT_SUFFIX}", field.name), DataType::Utf8, true),
                &format!(
                    "`{}` exactly as given, only when the instant and offset do not spell it back \
                     (`+00:00` for `Z`, trailing zeros in the fraction, a leap second); else null.",
                    field.name
                ),
            ),
        ],
    }
}
