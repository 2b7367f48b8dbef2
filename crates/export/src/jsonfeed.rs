//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>).
//!
//! The feed: `version`, `title`, `home_page_url` (the channel's `link`),
//! `feed_url` (`jsonfeed_self_link`), `description`, `language`, `authors`
//! (the channel's `author`: name and uri), `hubs` (one `WebSub` hub each),
//! and `_articlekit.copyright`.
//!
//! One article is one item:
//!
//! | article | item |
//! |---|---|
//! | `metadata.id` | `id` (as it is: the RSS guid too) |
//! | `metadata.url` | `url` |
//! | `source.url` | `external_url` |
//! | `metadata.title` | `title` |
//! | summary + bullets + source + attachments | `content_html` (the RSS `content:encoded` HTML) |
//! | summary | `summary` |
//! | `published_at` / `updated_at` | `date_published` / `date_modified` (RFC 3339, the article's offset) |
//! | authors | `authors` (`name`, `url`); absent when none, so the feed's apply |
//! | tags | `tags` |
//! | `metadata.language` | `language` |
//! | attachments | `attachments`: `url`, `mime_type` ([`DEFAULT_MIME_TYPE`] when unknown), `title` (the name), `size_in_bytes` |
//! | bullets | `_articlekit.bullets` (a list) |
//! | `discussion_count` | `_articlekit.discussion_count` |
//! | source title, subtitle, publisher, language | `_articlekit.source` |
//! | `metadata.publisher` | `_articlekit.publisher` (`name`, `tagline`, `url`) |
//! | attachments without a media type | `_articlekit.attachments_without_media_type`: their positions (from 0) |
//!
//! JSON Feed has a field for none of the `_articlekit` ones; readers ignore
//! objects whose key starts with `_`, as the spec says. The source's full
//! text is left out, as in every feed: it is the source publisher's article.
//!
//! The document is written one item per line, so it streams: nothing is
//! buffered, and memory does not grow with the feed.

use std::borrow::Borrow;
use std::io::{self, Write};

use articlekit_model::{Article, Publisher};
use serde::Serialize;

use crate::channel::{Channel, JsonFeedHead};
use crate::{Error, date, html};

/// The `mime_type` of an attachment whose media type is unknown (JSON Feed
/// requires one): "arbitrary binary data", which tells a reader nothing
/// false.
pub const DEFAULT_MIME_TYPE: &str = "application/octet-stream";

/// How the JSON Feed is built (nothing to choose yet: the type keeps the
/// writer's signature like the other formats').
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonFeedOptions {}

#[derive(Serialize)]
struct Person<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Hub<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct FeedHead<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<Hub<'a>>,
    #[serde(rename = "_articlekit", skip_serializing_if = "Option::is_none")]
    extension: Option<FeedExtension<'a>>,
}

#[derive(Serialize)]
struct FeedExtension<'a> {
    copyright: &'a str,
}

#[derive(Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_in_bytes: Option<u64>,
}

#[derive(Serialize)]
struct Source<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

#[derive(Serialize)]
struct ItemExtension<'a> {
    bullets: &'a [String],
    discussion_count: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<Source<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a Publisher>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments_without_media_type: Vec<usize>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    title: &'a str,
    content_html: String,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    language: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment<'a>>,
    #[serde(rename = "_articlekit")]
    extension: ItemExtension<'a>,
}

/// One article's item, rendered apart from the writer so that a batch can
/// be rendered on all cores and written in order with
/// [`JsonFeedWriter::write_rendered`].
#[derive(Debug)]
pub struct RenderedItem {
    json: Vec<u8>,
}

/// Renders one article as a JSON Feed item (compact JSON); fails only on a
/// date that is not RFC 3339.
pub fn render_item(article: &Article) -> Result<RenderedItem, Error> {
    render_item_dated(article, None, None)
}

/// [`render_item`] with the article's dates already parsed (as validation
/// parses them), so they are not parsed again; a `None` date the article
/// has is parsed here.
pub fn render_item_dated(
    article: &Article,
    published: Option<time::OffsetDateTime>,
    updated: Option<time::OffsetDateTime>,
) -> Result<RenderedItem, Error> {
    let meta = &article.metadata;
    let id = &meta.id;
    let date = |field, value: &Option<String>, parsed| {
        date::field_date(id, field, value.as_deref(), parsed).map(|d| d.map(date::format_rfc3339))
    };
    let item = Item {
        id,
        url: meta.url.as_deref(),
        external_url: meta.source.as_ref().map(|s| s.url.as_str()),
        title: &meta.title,
        content_html: html::content(article),
        summary: &article.summary,
        date_published: date("metadata.published_at", &meta.published_at, published)?,
        date_modified: date("metadata.updated_at", &meta.updated_at, updated)?,
        authors: meta
            .authors
            .iter()
            .map(|a| Person {
                name: &a.name,
                url: a.url.as_deref(),
            })
            .collect(),
        tags: &meta.tags,
        language: &meta.language,
        attachments: article
            .attachments
            .iter()
            .map(|a| Attachment {
                url: &a.url,
                mime_type: a.media_type.as_deref().unwrap_or(DEFAULT_MIME_TYPE),
                title: &a.name,
                size_in_bytes: a.size_bytes,
            })
            .collect(),
        extension: ItemExtension {
            bullets: &article.bullets,
            discussion_count: article.discussion_count,
            source: meta.source.as_ref().and_then(|s| {
                (s.title.is_some()
                    || s.subtitle.is_some()
                    || s.publisher.is_some()
                    || s.language.is_some())
                .then_some(Source {
                    title: s.title.as_deref(),
                    subtitle: s.subtitle.as_deref(),
                    publisher: s.publisher.as_deref(),
                    language: s.language.as_deref(),
                })
            }),
            publisher: meta.publisher.as_ref(),
            attachments_without_media_type: article
                .attachments
                .iter()
                .enumerate()
                .filter(|(_, a)| a.media_type.is_none())
                .map(|(i, _)| i)
                .collect(),
        },
    };
    let mut json = Vec::with_capacity(item.content_html.len() + 2 * article.summary.len() + 2048);
    // sonic-rs's serialiser: serde_json's bytes (the same escapes; a test
    // holds the two equal), faster on long texts.
    sonic_rs::to_writer(&mut json, &item).map_err(|e| Error::Io(io::Error::other(e)))?;
    Ok(RenderedItem { json })
}

/// Writes a JSON Feed 1.1 document of articles, fed one at a time; it
/// streams (the head is written by [`JsonFeedWriter::new`], each item as it
/// comes). The same articles always give the same bytes.
///
/// ```
/// use articlekit_export::channel::Channel;
/// use articlekit_export::jsonfeed::{JsonFeedOptions, JsonFeedWriter};
/// use articlekit_model::Article;
///
/// let channel = Channel::from_toml_str(r#"
///     title = "Sóng AI"
///     link = "https://songai.example/"
/// "#)?;
/// let article: Article = serde_json::from_str(r#"{"metadata":{"id":"a-1",
///     "title":"Tiêu đề","language":"vi"},
///     "summary":"Tóm tắt.","bullets":["Ý chính"],"discussion_count":3}"#).unwrap();
/// let mut writer = JsonFeedWriter::new(Vec::new(), &channel, &JsonFeedOptions::default())?;
/// writer.write_article(&article)?;
/// let feed: serde_json::Value = serde_json::from_slice(&writer.finish()?).unwrap();
/// assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
/// assert_eq!(feed["items"][0]["_articlekit"]["discussion_count"], 3);
/// # Ok::<(), articlekit_export::Error>(())
/// ```
#[derive(Debug)]
pub struct JsonFeedWriter<W: Write> {
    out: W,
    items: u64,
}

impl<W: Write> JsonFeedWriter<W> {
    /// Checks the channel for JSON Feed and writes the feed's head.
    pub fn new(mut out: W, channel: &Channel, options: &JsonFeedOptions) -> Result<Self, Error> {
        let JsonFeedOptions {} = options;
        let JsonFeedHead { feed_url, common } = channel.jsonfeed_checked()?;
        let head = FeedHead {
            version: "https://jsonfeed.org/version/1.1",
            title: &common.title,
            home_page_url: &common.link,
            feed_url: feed_url.as_deref(),
            description: common.description.as_deref(),
            language: common.language.as_deref(),
            authors: common
                .author
                .iter()
                .map(|a| Person {
                    name: &a.name,
                    url: a.uri.as_deref(),
                })
                .collect(),
            hubs: common
                .hubs
                .iter()
                .map(|url| Hub {
                    kind: "WebSub",
                    url,
                })
                .collect(),
            extension: common
                .copyright
                .as_deref()
                .map(|copyright| FeedExtension { copyright }),
        };
        let mut json = serde_json::to_vec(&head).map_err(|e| Error::Io(e.into()))?;
        // Reopen the object to append the items.
        json.pop();
        json.extend_from_slice(b",\"items\":[");
        out.write_all(&json)?;
        Ok(Self { out, items: 0 })
    }

    /// Renders and adds one article.
    pub fn write_article(&mut self, article: &Article) -> Result<(), Error> {
        self.write_rendered(render_item(article)?)
    }

    /// Adds an item made by [`render_item`] (which can run on other threads).
    #[allow(clippy::needless_pass_by_value)] // the same signature as every writer's
    pub fn write_rendered(&mut self, item: RenderedItem) -> Result<(), Error> {
        self.out
            .write_all(if self.items == 0 { b"\n" } else { b",\n" })?;
        self.out.write_all(&item.json)?;
        self.items += 1;
        Ok(())
    }

    /// Closes the document, flushes, and gives the output back.
    pub fn finish(mut self) -> Result<W, Error> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes a whole feed: [`JsonFeedWriter::new`], every article, [`JsonFeedWriter::finish`].
pub fn write_feed<W, A>(
    out: W,
    channel: &Channel,
    options: &JsonFeedOptions,
    articles: impl IntoIterator<Item = A>,
) -> Result<W, Error>
where
    W: Write,
    A: Borrow<Article>,
{
    let mut writer = JsonFeedWriter::new(out, channel, options)?;
    for article in articles {
        writer.write_article(article.borrow())?;
    }
    writer.finish()
}
