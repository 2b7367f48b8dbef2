//! The canonical news-article model of articlekit.
//!
//! [`Article`] is the single source of truth: the JSON Schema in `schemas/`
//! is generated from it by [`schema()`], and every reader and exporter
//! goes through it.
//!
//! ```
//! use articlekit_model::Article;
//!
//! let json = r#"{"metadata":{"id":"a-1","title":"Tiêu đề","language":"vi"},
//!               "summary":"Tóm tắt.","bullets":["Ý chính"],"discussion_count":0}"#;
//! let article: Article = serde_json::from_str(json)?;
//! assert_eq!(article.metadata.id, "a-1");
//! // Canonical JSON omits absent optionals and keeps the contract's field order.
//! assert_eq!(
//!     article.to_canonical_json(),
//!     r#"{"metadata":{"id":"a-1","title":"Tiêu đề","language":"vi"},"summary":"Tóm tắt.","bullets":["Ý chính"],"discussion_count":0}"#
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```
#![deny(missing_docs)]

mod article;
mod id;
pub mod quote;
pub mod rules;
mod schema;

pub use article::{Article, Attachment, Author, Metadata, Publisher, Source};
pub use id::id_from_url;
pub use schema::{SCHEMA_ID, schema, schema_text};

/// The largest integer every JSON reader keeps exact (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

impl Article {
    /// The canonical one-line JSON of the article: contract field order,
    /// absent optionals and empty optional lists omitted.
    pub fn to_canonical_json(&self) -> String {
        // Serialising plain structs of strings and integers cannot fail.
        // sonic-rs writes serde_json's bytes (the same escapes and numbers;
        // the exporters' property tests hold the two equal), faster.
        sonic_rs::to_string(self).unwrap_or_default()
    }
}
