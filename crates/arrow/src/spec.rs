//! The article model as a tree of columns: one table that the Arrow schema,
//! the batch builder and the row reader all walk, so they cannot disagree.
//!
//! The field docs are the model's own doc comments, shortened; the test
//! `schema_follows_model` checks that every property of the generated JSON
//! Schema has a column here and that nothing here is missing from the model.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// UTF-8 text.
    Text,
    /// An integer, stored as `int64`.
    Integer,
    /// An RFC 3339 date-time: three columns, `NAME` (the instant),
    /// `NAME_offset_minutes` and `NAME_text` (see [`crate::date`]).
    Date,
    /// A list of texts.
    TextList,
    /// A list of structs.
    StructList(&'static [Field]),
    /// A struct.
    Struct(&'static [Field]),
}

/// One field of the model and its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    /// The JSON name, which is also the column name.
    pub name: &'static str,
    pub kind: Kind,
    /// The model requires it (the column is written non-nullable).
    pub required: bool,
    /// What it holds, for the Arrow field metadata and the docs.
    pub doc: &'static str,
}

const fn f(name: &'static str, kind: Kind, required: bool, doc: &'static str) -> Field {
    Field {
        name,
        kind,
        required,
        doc,
    }
}

const AUTHOR: &[Field] = &[
    f("name", Kind::Text, true, "The author's name."),
    f(
        "url",
        Kind::Text,
        false,
        "The author's page (absolute http/https URL).",
    ),
];

const PUBLISHER: &[Field] = &[
    f("name", Kind::Text, true, "The site's name."),
    f("tagline", Kind::Text, false, "The site's tagline."),
    f(
        "url",
        Kind::Text,
        false,
        "The site's home page (absolute http/https URL).",
    ),
];

const SOURCE: &[Field] = &[
    f(
        "url",
        Kind::Text,
        true,
        "Where the source article lives (absolute http/https URL).",
    ),
    f(
        "title",
        Kind::Text,
        false,
        "The source article's own headline.",
    ),
    f(
        "subtitle",
        Kind::Text,
        false,
        "The source article's dek (subtitle).",
    ),
    f(
        "publisher",
        Kind::Text,
        false,
        "Name of the source's publisher.",
    ),
    f(
        "language",
        Kind::Text,
        false,
        "Language of the source article (BCP 47).",
    ),
    f(
        "text",
        Kind::Text,
        false,
        "Full text of the source article; paragraphs separated by a blank line.",
    ),
];

const ATTACHMENT: &[Field] = &[
    f("name", Kind::Text, true, "File name shown to readers."),
    f("url", Kind::Text, true, "Where the file is (absolute URL)."),
    f(
        "media_type",
        Kind::Text,
        false,
        "IANA media type, type/subtype.",
    ),
    f(
        "size_bytes",
        Kind::Integer,
        false,
        "Size of the file in bytes (0 to 2^53-1).",
    ),
];

const METADATA: &[Field] = &[
    f(
        "id",
        Kind::Text,
        true,
        "Stable identifier, unique within a batch.",
    ),
    f("title", Kind::Text, true, "Headline of the article."),
    f(
        "language",
        Kind::Text,
        true,
        "Language of the article (BCP 47).",
    ),
    f(
        "url",
        Kind::Text,
        false,
        "The article on its publisher's site (absolute http/https URL).",
    ),
    f(
        "published_at",
        Kind::Date,
        false,
        "When the article was first published.",
    ),
    f(
        "updated_at",
        Kind::Date,
        false,
        "When the article was last changed.",
    ),
    f(
        "authors",
        Kind::StructList(AUTHOR),
        false,
        "People credited with the article; empty when there are none.",
    ),
    f(
        "tags",
        Kind::TextList,
        false,
        "Topic tags; empty when there are none.",
    ),
    f(
        "publisher",
        Kind::Struct(PUBLISHER),
        false,
        "The site that published this article; null when not given.",
    ),
    f(
        "source",
        Kind::Struct(SOURCE),
        false,
        "The source article this one summarises; null when not given.",
    ),
];

/// The top-level columns, in the model's canonical order.
pub(crate) const ARTICLE: &[Field] = &[
    f(
        "metadata",
        Kind::Struct(METADATA),
        true,
        "Identity, titles, dates, people and provenance of the article.",
    ),
    f("summary", Kind::Text, true, "The summary paragraph."),
    f(
        "bullets",
        Kind::TextList,
        true,
        "The bullet points, in page order.",
    ),
    f(
        "attachments",
        Kind::StructList(ATTACHMENT),
        false,
        "Files attached to the article; empty when there are none.",
    ),
    f(
        "discussion_count",
        Kind::Integer,
        true,
        "Number of comments in the article's discussion (0 to 4294967295).",
    ),
];

/// The suffix of a date's offset column.
pub(crate) const OFFSET_SUFFIX: &str = "_offset_minutes";
/// The suffix of a date's text column.
pub(crate) const TEXT_SUFFIX: &str = "_text";

/// The column a JSON pointer's value is in: its dotted path with list
/// indices left out (`/metadata/authors/0/name` → `metadata.authors.name`).
pub fn column_for_pointer(pointer: &str) -> Option<&'static str> {
    use std::sync::OnceLock;
    static PATHS: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    let paths = PATHS.get_or_init(|| {
        let mut out = Vec::new();
        collect(ARTICLE, "", &mut out);
        out
    });
    let dotted: Vec<&str> = pointer
        .split('/')
        .skip(1)
        .filter(|segment| !segment.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let dotted = dotted.join(".");
    paths
        .iter()
        .find(|(path, _)| *path == dotted)
        .map(|(_, name)| *name)
}

fn collect(fields: &'static [Field], prefix: &str, out: &mut Vec<(String, &'static str)>) {
    for field in fields {
        let path = if prefix.is_empty() {
            field.name.to_owned()
        } else {
            format!("{prefix}.{}", field.name)
        };
        // Leaked once for the life of the program: the table is built once.
        out.push((path.clone(), Box::leak(path.clone().into_boxed_str())));
        match field.kind {
            Kind::Struct(children) | Kind::StructList(children) => collect(children, &path, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_name_their_column() {
        assert_eq!(
            column_for_pointer("/metadata/title"),
            Some("metadata.title")
        );
        assert_eq!(
            column_for_pointer("/metadata/authors/3/name"),
            Some("metadata.authors.name")
        );
        assert_eq!(column_for_pointer("/bullets/0"), Some("bullets"));
        assert_eq!(column_for_pointer(""), None);
        assert_eq!(column_for_pointer("/nope"), None);
    }
}
