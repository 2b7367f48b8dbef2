//! Exporters of articlekit articles: RSS 2.0 ([`rss`]), Atom 1.0
//! ([`atom`]), JSON Feed 1.1 ([`jsonfeed`]), Google News sitemaps
//! ([`sitemap`]), RFC 5005 archived feeds ([`archive`]), JSON-LD with
//! schema.org `NewsArticle` ([`jsonld`]) and CSV ([`csv`], from
//! `articlekit-csv`). The feeds and the sitemap share one [`channel`] file.
//!
//! [`export`] runs a whole batch: it validates the inputs with the
//! `articlekit-validate` pipeline, renders each valid article on the
//! validation workers and writes the items in input order (see [`Exporter`]).
//!
//! Every writer is fed one [`Article`](articlekit_model::Article) at a
//! time, in input order, and gives the same bytes for the same input. The
//! feeds take any [`std::io::Write`]; the outputs made of several files
//! (sitemaps past 1,000 URLs, archives) take a [`Files`] that opens each.
//! Each format also has a pure per-article render function (`Sync`, for
//! worker threads) whose result its writer takes in order
//! (`write_rendered`). JSON-LD and JSON Feed never buffer. RSS and Atom
//! buffer finished items (in a temporary file) only when the head depends
//! on them (the default feed date from the newest item, newest-first
//! order, a limit); see [`rss::RssWriter`] and [`atom::AtomWriter`]. CSV
//! streams.
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

pub mod archive;
pub mod atom;
pub mod channel;
pub mod csv;
mod date;
mod error;
mod exporter;
mod files;
mod html;
pub mod jsonfeed;
pub mod jsonld;
pub mod rss;
pub mod sitemap;
mod spill;
pub mod xlsx;
mod xml;

pub use error::Error;
pub use exporter::{
    ArticleRender, AtomRender, ExportFormat, ExportOptions, Exported, Exporter, FilesFormat,
    FilesSummary, JsonFeedRender, RssRender, RunError, SitemapRender, export, export_files,
};
pub use files::Files;
pub use spill::DEFAULT_HOLD;
pub use xml::{REPLACEMENT, sanitize as xml_sanitize};
