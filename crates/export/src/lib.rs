//! Exporters of articlekit articles: RSS 2.0 ([`rss`]), JSON-LD with
//! schema.org `NewsArticle` ([`jsonld`]) and CSV ([`csv`], from `articlekit-csv`).
//!
//! Every writer takes any [`std::io::Write`] and is fed one
//! [`Article`](articlekit_model::Article) at a time, in input order, and
//! gives the same bytes for the same input. JSON-LD never buffers. RSS
//! buffers finished items only when the channel head depends on them (the
//! default `lastBuildDate` from the newest item, newest-first order, a
//! limit); see [`rss::RssWriter`]. CSV streams.
//!
//! ```
//! use articlekit_export::{jsonld, rss};
//! use articlekit_model::Article;
//!
//! let article: Article = serde_json::from_str(r#"{"metadata":{"id":"a-1","title":"Tiêu đề",
//!     "language":"vi","published_at":"2025-07-20T08:00:00+07:00"},
//!     "summary":"Tóm tắt.","bullets":["Ý chính"],"discussion_count":3}"#).unwrap();
//!
//! let channel = rss::Channel::from_toml_str(r#"
//!     title = "Sóng AI"
//!     link = "https://songai.example/"
//!     description = "Tóm tắt tin, bài trí tuệ nhân tạo"
//!     self_link = "https://songai.example/rss.xml"
//! "#)?;
//! let feed = rss::write_feed(Vec::new(), &channel, &rss::RssOptions::default(), [&article])?;
//! assert!(String::from_utf8(feed).unwrap().contains("<pubDate>Sun, 20 Jul 2025 08:00:00 +0700</pubDate>"));
//!
//! let mut writer = jsonld::JsonLdWriter::new(Vec::new(), jsonld::JsonLdMode::Graph);
//! writer.write_article(&article)?;
//! let graph: serde_json::Value = serde_json::from_slice(&writer.finish()?).unwrap();
//! assert_eq!(graph["@graph"][0]["headline"], "Tiêu đề");
//! # Ok::<(), articlekit_export::Error>(())
//! ```
#![deny(missing_docs)]

pub mod csv;
mod date;
mod error;
mod html;
pub mod jsonld;
pub mod rss;
pub mod xlsx;
mod xml;

pub use error::Error;
pub use xml::{REPLACEMENT, sanitize as xml_sanitize};
