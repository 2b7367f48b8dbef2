//! The column list: names, order, where each column lives in the JSON
//! record, and how its cell is encoded.

/// How a column's cell is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One-line text, as is.
    Line,
    /// Text that may hold line breaks and tabs, as is.
    Text,
    /// The bullets, one per line (LF between them).
    Bullets,
    /// A list as a compact JSON array.
    JsonList,
    /// A decimal integer.
    Integer,
}

/// One column of the layout.
#[derive(Debug)]
pub(crate) struct Column {
    /// Dotted name, the header cell.
    pub name: &'static str,
    /// Where the value lives in the JSON record.
    pub path: &'static [&'static str],
    pub kind: Kind,
    /// The model requires the field (the cell may not be empty).
    pub required: bool,
}

const fn col(
    name: &'static str,
    path: &'static [&'static str],
    kind: Kind,
    required: bool,
) -> Column {
    Column {
        name,
        path,
        kind,
        required,
    }
}

/// Every column, in file order (the model's canonical field order).
#[rustfmt::skip]
pub(crate) const SPEC: &[Column] = &[
    col("metadata.id",                 &["metadata", "id"],                  Kind::Line,     true),
    col("metadata.title",              &["metadata", "title"],               Kind::Line,     true),
    col("metadata.language",           &["metadata", "language"],            Kind::Line,     true),
    col("metadata.url",                &["metadata", "url"],                 Kind::Line,     false),
    col("metadata.published_at",       &["metadata", "published_at"],        Kind::Line,     false),
    col("metadata.updated_at",         &["metadata", "updated_at"],          Kind::Line,     false),
    col("metadata.authors",            &["metadata", "authors"],             Kind::JsonList, false),
    col("metadata.tags",               &["metadata", "tags"],                Kind::JsonList, false),
    col("metadata.publisher.name",     &["metadata", "publisher", "name"],   Kind::Line,     false),
    col("metadata.publisher.tagline",  &["metadata", "publisher", "tagline"], Kind::Line,    false),
    col("metadata.publisher.url",      &["metadata", "publisher", "url"],    Kind::Line,     false),
    col("metadata.source.url",         &["metadata", "source", "url"],       Kind::Line,     false),
    col("metadata.source.title",       &["metadata", "source", "title"],     Kind::Line,     false),
    col("metadata.source.subtitle",    &["metadata", "source", "subtitle"],  Kind::Line,     false),
    col("metadata.source.publisher",   &["metadata", "source", "publisher"], Kind::Line,     false),
    col("metadata.source.language",    &["metadata", "source", "language"],  Kind::Line,     false),
    col("metadata.source.text",        &["metadata", "source", "text"],      Kind::Text,     false),
    col("summary",                     &["summary"],                         Kind::Text,     true),
    col("bullets",                     &["bullets"],                         Kind::Bullets,  true),
    col("attachments",                 &["attachments"],                     Kind::JsonList, false),
    col("discussion_count",            &["discussion_count"],                Kind::Integer,  true),
];

/// The header of every CSV file articlekit writes: the dotted names of the
/// article fields, in this order.
///
/// | column | cell |
/// |---|---|
/// | `metadata.id` … `metadata.updated_at` | the text as is |
/// | `metadata.authors`, `metadata.tags` | compact JSON array (`[{"name":"An"}]`, `["AI"]`) |
/// | `metadata.publisher.*`, `metadata.source.*` | the text as is (`source.text` keeps its line breaks) |
/// | `summary` | the text as is |
/// | `bullets` | one bullet per line, joined with LF |
/// | `attachments` | compact JSON array of `{name, url, media_type?, size_bytes?}` |
/// | `discussion_count` | decimal integer |
///
/// An empty cell is an absent field (or an empty list): the model allows
/// no empty text anywhere, so the two never collide.
pub const COLUMNS: &[&str] = &[
    "metadata.id",
    "metadata.title",
    "metadata.language",
    "metadata.url",
    "metadata.published_at",
    "metadata.updated_at",
    "metadata.authors",
    "metadata.tags",
    "metadata.publisher.name",
    "metadata.publisher.tagline",
    "metadata.publisher.url",
    "metadata.source.url",
    "metadata.source.title",
    "metadata.source.subtitle",
    "metadata.source.publisher",
    "metadata.source.language",
    "metadata.source.text",
    "summary",
    "bullets",
    "attachments",
    "discussion_count",
];

/// The index in [`COLUMNS`] of the column named `name`.
pub(crate) fn index_of(name: &str) -> Option<usize> {
    SPEC.iter().position(|c| c.name == name)
}

/// The CSV column that holds the value at a JSON pointer (RFC 6901) of a
/// record read from CSV, so that a schema error can name the column.
///
/// A pointer into a list maps to the list's column
/// (`/metadata/authors/0/name` → `metadata.authors`, `/bullets/3` →
/// `bullets`). The record itself (`""`) and the objects that several columns
/// make up (`/metadata`, `/metadata/publisher`, `/metadata/source`) map to
/// `None`; for a missing property, look up the object's pointer joined with
/// the property name (`/metadata/source` + `url`).
///
/// ```
/// use articlekit_csv::column_for_pointer;
///
/// assert_eq!(column_for_pointer("/metadata/source/url"), Some("metadata.source.url"));
/// assert_eq!(column_for_pointer("/metadata/authors/0/name"), Some("metadata.authors"));
/// assert_eq!(column_for_pointer("/bullets/3"), Some("bullets"));
/// assert_eq!(column_for_pointer("/metadata"), None);
/// ```
pub fn column_for_pointer(pointer: &str) -> Option<&'static str> {
    let rest = pointer.strip_prefix('/')?;
    let tokens: Vec<&str> = rest.split('/').collect();
    SPEC.iter()
        .find(|column| {
            let path = column.path;
            match column.kind {
                Kind::JsonList | Kind::Bullets => tokens.starts_with(path),
                _ => tokens == path,
            }
        })
        .map(|column| column.name)
}

#[cfg(test)]
mod tests {
    use super::{COLUMNS, SPEC, column_for_pointer, index_of};

    #[test]
    fn names_and_paths_agree() {
        assert_eq!(COLUMNS.len(), SPEC.len());
        for (name, column) in COLUMNS.iter().zip(SPEC) {
            assert_eq!(*name, column.name);
            assert_eq!(column.path.join("."), column.name);
        }
        assert_eq!(index_of("discussion_count"), Some(20));
        assert_eq!(index_of("metadata"), None);
    }

    #[test]
    fn pointers_map_to_columns() {
        for (pointer, column) in [
            ("/metadata/id", Some("metadata.id")),
            (
                "/metadata/publisher/tagline",
                Some("metadata.publisher.tagline"),
            ),
            ("/metadata/tags", Some("metadata.tags")),
            ("/metadata/tags/2", Some("metadata.tags")),
            ("/attachments/0/size_bytes", Some("attachments")),
            ("/bullets", Some("bullets")),
            ("/discussion_count", Some("discussion_count")),
            ("/summary", Some("summary")),
            ("", None),
            ("/", None),
            ("/metadata/source", None),
            ("/metadata/title/0", None),
            ("/metadata/extra", None),
            ("metadata/id", None),
        ] {
            assert_eq!(column_for_pointer(pointer), column, "{pointer}");
        }
    }
}
