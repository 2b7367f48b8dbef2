//! Atom 1.0, per RFC 4287, with the `slash` module for the discussion
//! count and RFC 5005's `fh` namespace for archives.
//!
//! The feed: `id` (the channel's `id`), `title`, `subtitle` (the channel's
//! `description`), `updated` (see [`AtomWriter`]), `link rel="self"`
//! (`atom_self_link`), `link rel="alternate"` (`link`), one `link
//! rel="hub"` per WebSub hub, `author` (the channel's, which entries
//! without authors inherit), `generator`, `rights` (`copyright`), `logo`
//! (`image.url`), `xml:lang` (`language`).
//!
//! One article is one `<entry xml:lang="metadata.language">`:
//!
//! | article | entry |
//! |---|---|
//! | `metadata.id` | `id`: the feed id, `#`, the article id (see [`EntryRenderer`]) |
//! | `metadata.title` | `title` (text) |
//! | `updated_at`, else `published_at` | `updated` (RFC 3339 in the article's offset) |
//! | no date at all | `updated` = the feed's `updated`, or refused ([`Undated`]) |
//! | `published_at` | `published` |
//! | authors | one `author` each, `name` and `uri` |
//! | `metadata.url`, else `source.url` | `link rel="alternate" type="text/html"` (with the source's title as `title` when it is the source) |
//! | `source.url` (+ title), when there is a `metadata.url` | `link rel="related"` (`title` = source title) |
//! | attachments | one `link rel="enclosure"` each: `href`, `type` and `length` when known, `title` = name |
//! | tags | one `category term` each |
//! | summary | `summary` (text) |
//! | summary + bullets + source + attachments | `content type="html"`, the HTML escaped (the RSS `content:encoded` HTML) |
//! | `discussion_count` | `slash:comments` |
//!
//! Characters XML 1.0 forbids are replaced by U+FFFD, as in RSS (see
//! [`crate::xml_sanitize`]).

mod entry;
mod writer;

pub use crate::archive::ArchiveLinks;
pub use entry::{EntryRenderer, RenderedEntry, Undated};
pub use writer::{AtomOptions, AtomWriter, write_feed};

/// An RFC 3339 date as Atom writes it: the same instant and offset, upper
/// case `T` and `Z`, fractional seconds only when there are any.
///
/// ```
/// assert_eq!(
///     articlekit_export::atom::format_date("2025-07-20t08:00:00.50+07:00").unwrap(),
///     "2025-07-20T08:00:00.5+07:00"
/// );
/// ```
pub fn format_date(rfc3339: &str) -> Result<String, time::error::Parse> {
    crate::date::parse_rfc3339(rfc3339).map(crate::date::format_rfc3339)
}
