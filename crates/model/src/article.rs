//! The Rust types of the article contract (`shared/design/article-model.md`).
//!
//! Field order here is the canonical serialisation order; absent optionals
//! and empty optional arrays are omitted so one article always has one byte
//! form.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rules;

/// One news article: a summary of a source article, with its bullets, attachments and discussion count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Article")]
pub struct Article {
    /// Identity, titles, dates, people and provenance of the article.
    pub metadata: Metadata,

    /// The summary paragraph (the 📌 line of a page): 1–5000 characters, not blank.
    #[schemars(length(min = 1, max = 5000), transform = rules::multi_line_text)]
    pub summary: String,

    /// The bullet points, in page order: 1–50 items, each 1–2000 characters on one line, not blank.
    #[schemars(length(min = 1, max = 50), transform = rules::bullet_items)]
    pub bullets: Vec<String>,

    /// Files attached to the article; omitted when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,

    /// Number of comments in the article's discussion (0–4294967295).
    #[serde(deserialize_with = "rules::de_u32_integral")]
    #[schemars(range(min = 0, max = 4_294_967_295_u32), transform = rules::plain_integer)]
    pub discussion_count: u32,
}

/// Identity, titles, dates, people and provenance of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Stable identifier, unique within a batch: 1–128 characters of `A-Z a-z 0-9 . _ : -`, starting with a letter or digit.
    #[schemars(
        length(min = 1, max = 128),
        regex(pattern = rules::ID_PATTERN),
        transform = rules::single_line_text
    )]
    pub id: String,

    /// Headline of the article: 1–300 characters on one line, not blank.
    #[schemars(length(min = 1, max = 300), transform = rules::single_line_text)]
    pub title: String,

    /// Language of the article as a BCP 47 tag (`vi`, `en`, `zh-Hans`).
    #[schemars(transform = rules::language_tag)]
    pub language: String,

    /// The article on its publisher's own site: an absolute `http`/`https` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = rules::http_url)]
    pub url: Option<String>,

    /// When the article was first published: RFC 3339 date-time with an offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = rules::date_time)]
    pub published_at: Option<String>,

    /// When the article was last changed: RFC 3339 date-time with an offset, not before `published_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = rules::date_time)]
    pub updated_at: Option<String>,

    /// People credited with the article; omitted when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,

    /// Topic tags: unique, each 1–100 characters on one line; omitted when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(transform = rules::tag_items)]
    pub tags: Vec<String>,

    /// The site that published this article (the page footer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,

    /// The source article this one summarises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A person credited with an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// The author's name: 1–200 characters on one line, not blank.
    #[schemars(length(min = 1, max = 200), transform = rules::single_line_text)]
    pub name: String,

    /// The author's page: an absolute `http`/`https` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = rules::http_url)]
    pub url: Option<String>,
}

/// The site that publishes the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// The site's name: 1–200 characters on one line, not blank.
    #[schemars(length(min = 1, max = 200), transform = rules::single_line_text)]
    pub name: String,

    /// The site's tagline: 1–300 characters on one line, not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 300), transform = rules::single_line_text)]
    pub tagline: Option<String>,

    /// The site's home page: an absolute `http`/`https` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = rules::http_url)]
    pub url: Option<String>,
}

/// The source article a summary is based on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Where the source article lives: an absolute `http`/`https` URL.
    #[schemars(transform = rules::http_url)]
    pub url: String,

    /// The source article's own headline: 1–500 characters on one line, not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500), transform = rules::single_line_text)]
    pub title: Option<String>,

    /// The source article's dek (subtitle): 1–1000 characters on one line, not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000), transform = rules::single_line_text)]
    pub subtitle: Option<String>,

    /// Name of the source's publisher: 1–200 characters on one line, not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200), transform = rules::single_line_text)]
    pub publisher: Option<String>,

    /// Language of the source article as a BCP 47 tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = rules::language_tag)]
    pub language: Option<String>,

    /// Full text of the source article; paragraphs are separated by a blank line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1_000_000), transform = rules::multi_line_text)]
    pub text: Option<String>,
}

/// A file attached to an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// File name shown to readers: 1–300 characters on one line, not blank.
    #[schemars(length(min = 1, max = 300), transform = rules::single_line_text)]
    pub name: String,

    /// Where the file is: an absolute `http`/`https` URL.
    #[schemars(transform = rules::http_url)]
    pub url: String,

    /// IANA media type of the file, `type/subtype` (`application/pdf`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = rules::media_type)]
    pub media_type: Option<String>,

    /// Size of the file in bytes (0–9007199254740991, the largest integer every JSON reader keeps exact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "rules::de_opt_u64_integral")]
    #[schemars(range(min = 0, max = 9_007_199_254_740_991_u64), transform = rules::plain_integer)]
    pub size_bytes: Option<u64>,
}
