//! RSS 2.0, per the RSS Advisory Board specification and its Best Practices
//! Profile, with the `content`, `dc`, `slash`, `media` and `atom` modules.
//!
//! One article is one `<item>`:
//!
//! | article | item |
//! |---|---|
//! | `metadata.title` | `title` |
//! | `metadata.url`, else `source.url` | `link` (omitted when neither) |
//! | summary + bullets | `description`: `<p>summary</p><ul><li>…</li></ul>`, in CDATA |
//! | … + source link + attachment links | `content:encoded`, in CDATA |
//! | `metadata.id` | `guid isPermaLink="false"` |
//! | `published_at` | `pubDate` (RFC 822, English names, numeric zone) |
//! | authors | one `dc:creator` each (names only) |
//! | tags | one `category` each |
//! | `source.url` | `dc:source` |
//! | attachments | the first as `enclosure` (`length` 0 and `type` `application/octet-stream` when unknown), each as `media:content` (`fileSize`, `type` when known) |
//! | `discussion_count` | `slash:comments` |
//!
//! Not in the feed: `updated_at` (except as a candidate for
//! `lastBuildDate`), author URLs, the source's title/subtitle/language
//! (the title and publisher are in the `content:encoded` source link), and
//! the source's full text, which is the source publisher's article.
//!
//! Characters XML 1.0 forbids are replaced by U+FFFD (see
//! [`crate::xml_sanitize`]); `]]>` in CDATA is split; the output is always
//! well-formed. Buffering and namespace declarations: see [`RssWriter`].

mod item;
mod writer;

pub use crate::channel::{Channel, ChannelAuthor, ChannelImage, Format};
pub use writer::{
    LastBuild, RenderedItem, RssOptions, RssWriter, render_item, render_item_dated, write_feed,
};

pub use crate::date::rfc822;

/// The `description` HTML of an article's item (before CDATA wrapping).
pub use crate::html::description as description_html;

/// The `content:encoded` HTML of an article's item (before CDATA wrapping).
pub use crate::html::content as content_html;
