//! JSON-LD: schema.org `NewsArticle`, as a batch `@graph`, a standalone
//! document, or `<script type="application/ld+json">` snippets for HTML.
//!
//! Every type and property used exists in the schema.org vocabulary (the
//! interop check `tests/interop/check-jsonld.sh` expands the output with the
//! schema.org context and looks every term up in the vocabulary).
//! The mapping is documented on [`to_news_article`].

mod map;
mod writer;

pub use map::{CONTEXT, to_news_article};
pub use writer::{
    JsonLdMode, JsonLdWriter, escape_json_for_html, html_snippet, render, to_document,
    write_document,
};
