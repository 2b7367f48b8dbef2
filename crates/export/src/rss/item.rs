//! One article as one RSS `<item>`, per the mapping of `design/exports.md`.

use std::fmt::Write as _;

use articlekit_model::{Article, Attachment};
use time::OffsetDateTime;

use crate::xml::attribute;
use crate::{Error, date, html, xml};

/// What the feed needs to know about an item besides its XML.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    /// `published_at`, the sort key of newest-first ordering.
    pub published: Option<OffsetDateTime>,
    /// The later of `published_at` and `updated_at`, for `lastBuildDate`.
    pub latest: Option<OffsetDateTime>,
    /// The item uses the `dc` namespace (authors or a source).
    pub uses_dc: bool,
    /// The item uses the `media` namespace (attachments).
    pub uses_media: bool,
}

/// Reads the dates (the only part of an item that can fail) and which
/// optional namespaces the item needs.
pub(crate) fn facts(article: &Article) -> Result<Facts, Error> {
    facts_dated(article, None, None)
}

/// [`facts`] with the dates already parsed (each parsed here when `None`
/// and the article has it).
pub(crate) fn facts_dated(
    article: &Article,
    published: Option<OffsetDateTime>,
    updated: Option<OffsetDateTime>,
) -> Result<Facts, Error> {
    let id = &article.metadata.id;
    let parse = |given: Option<OffsetDateTime>, text: Option<&str>, field| match (given, text) {
        (Some(date), _) => Ok(Some(date)),
        (None, Some(text)) => date::parse_field(id, field, text).map(Some),
        (None, None) => Ok(None),
    };
    let published = parse(
        published,
        article.metadata.published_at.as_deref(),
        "metadata.published_at",
    )?;
    let updated = parse(
        updated,
        article.metadata.updated_at.as_deref(),
        "metadata.updated_at",
    )?;
    Ok(Facts {
        published,
        latest: published.max(updated),
        uses_dc: !article.metadata.authors.is_empty() || article.metadata.source.is_some(),
        uses_media: !article.attachments.is_empty(),
    })
}

const INDENT: &str = "      ";

fn element(out: &mut String, name: &str, text: &str) {
    xml::element(out, INDENT, name, text);
}

/// The `type` of the enclosure of `attachment` (RSS requires one).
fn enclosure_type(attachment: &Attachment) -> &str {
    attachment
        .media_type
        .as_deref()
        .unwrap_or("application/octet-stream")
}

/// Appends the `<item>` of `article`, indented for its place in the channel.
pub(crate) fn push_item(out: &mut String, article: &Article, facts: &Facts) {
    let meta = &article.metadata;
    out.push_str("    <item>\n");
    element(out, "title", &meta.title);
    if let Some(link) = meta
        .url
        .as_deref()
        .or(meta.source.as_ref().map(|s| s.url.as_str()))
    {
        element(out, "link", link);
    }
    let description = html::description(article);
    out.push_str(INDENT);
    out.push_str("<description>");
    xml::push_cdata(out, &description);
    out.push_str("</description>\n");
    out.push_str(INDENT);
    out.push_str("<content:encoded>");
    xml::push_cdata(out, &html::content_from(&description, article));
    out.push_str("</content:encoded>\n");
    out.push_str(INDENT);
    out.push_str("<guid isPermaLink=\"false\">");
    xml::push_text(out, &meta.id);
    out.push_str("</guid>\n");
    if let Some(published) = facts.published {
        element(out, "pubDate", &date::format_rfc822(published));
    }
    for author in &meta.authors {
        element(out, "dc:creator", &author.name);
    }
    for tag in &meta.tags {
        element(out, "category", tag);
    }
    if let Some(source) = &meta.source {
        element(out, "dc:source", &source.url);
    }
    if let Some(first) = article.attachments.first() {
        out.push_str(INDENT);
        out.push_str("<enclosure");
        attribute(out, "url", &first.url);
        attribute(out, "length", &first.size_bytes.unwrap_or(0).to_string());
        attribute(out, "type", enclosure_type(first));
        out.push_str("/>\n");
    }
    for (i, attachment) in article.attachments.iter().enumerate() {
        out.push_str(INDENT);
        out.push_str("<media:content");
        attribute(out, "url", &attachment.url);
        if let Some(size) = attachment.size_bytes {
            attribute(out, "fileSize", &size.to_string());
        }
        // The first attachment is also the enclosure: readers that merge the
        // two by URL (feed-rs) would lose the enclosure's type to a
        // `media:content` without one, so both carry the same.
        let media_type = if i == 0 {
            Some(enclosure_type(attachment))
        } else {
            attachment.media_type.as_deref()
        };
        if let Some(media_type) = media_type {
            attribute(out, "type", media_type);
        }
        out.push_str("/>\n");
    }
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "{INDENT}<slash:comments>{}</slash:comments>",
        article.discussion_count
    );
    out.push_str("    </item>\n");
}
