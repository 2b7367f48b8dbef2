//! One article as one Atom `<entry>`, per the mapping in the module docs.

use std::fmt::Write as _;

use articlekit_model::Article;
use time::OffsetDateTime;

use super::AtomOptions;
use crate::channel::Channel;
use crate::xml::attribute;
use crate::{Error, date, html, xml};

/// What to do with an article that has no date at all, when RFC 4287
/// requires every entry to have an `<updated>`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Undated {
    /// The entry's `<updated>` is the feed's own `<updated>` (and it has no
    /// `<published>`): "not changed since this feed was built, as far as
    /// the feed knows".
    #[default]
    FeedUpdated,
    /// Refuse the article with [`Error::Undated`].
    Refuse,
}

/// Renders articles as Atom entries; built once from the channel, then
/// shared (it is `Sync`) by every thread that renders.
///
/// The entry id is the channel's `id`, `#`, and the article's
/// `metadata.id` (`tag:songai.example,2025:feed#scmp-3318837`): an
/// absolute IRI, globally unique as long as the feed id is, and the same
/// bytes on every run, whatever else in the article changes.
#[derive(Debug, Clone)]
pub struct EntryRenderer {
    id_prefix: String,
    undated: Undated,
}

/// One article's `<entry>`, rendered apart from the writer so that a batch
/// can be rendered on all cores and written in order with
/// [`AtomWriter::write_rendered`](super::AtomWriter::write_rendered).
#[derive(Debug, Clone)]
pub struct RenderedEntry {
    pub(crate) xml: String,
    /// `updated_at`, else `published_at`: the entry's `<updated>`.
    pub(crate) updated: Option<OffsetDateTime>,
    /// Where in `xml` the feed's date goes, for an undated entry.
    pub(crate) undated_at: Option<usize>,
}

impl RenderedEntry {
    /// The entry's `<updated>` date, if the article has a date.
    pub fn updated(&self) -> Option<OffsetDateTime> {
        self.updated
    }
}

const INDENT: &str = "    ";

fn element(out: &mut String, name: &str, text: &str) {
    xml::element(out, INDENT, name, text);
}

/// `<link rel=… href=…[ type=…][ title=…][ length=…]/>`.
fn link(out: &mut String, rel: &str, href: &str, kind: Option<&str>, title: Option<&str>) {
    out.push_str(INDENT);
    out.push_str("<link");
    attribute(out, "rel", rel);
    attribute(out, "href", href);
    if let Some(kind) = kind {
        attribute(out, "type", kind);
    }
    if let Some(title) = title {
        attribute(out, "title", title);
    }
}

/// The entry's `alternate`, `related` and `enclosure` links.
fn push_links(out: &mut String, article: &Article) {
    let meta = &article.metadata;
    // Readers take the alternate link as the entry's link (feedparser
    // falls back to the id, a `tag:` IRI, without one), so an article
    // without a URL of its own links its source there, as RSS does.
    match (&meta.url, &meta.source) {
        (Some(url), source) => {
            link(out, "alternate", url, Some("text/html"), None);
            out.push_str("/>\n");
            if let Some(source) = source {
                link(out, "related", &source.url, None, source.title.as_deref());
                out.push_str("/>\n");
            }
        }
        (None, Some(source)) => {
            link(
                out,
                "alternate",
                &source.url,
                Some("text/html"),
                source.title.as_deref(),
            );
            out.push_str("/>\n");
        }
        (None, None) => {}
    }
    for attachment in &article.attachments {
        link(
            out,
            "enclosure",
            &attachment.url,
            attachment.media_type.as_deref(),
            Some(&attachment.name),
        );
        if let Some(size) = attachment.size_bytes {
            attribute(out, "length", &size.to_string());
        }
        out.push_str("/>\n");
    }
}

impl EntryRenderer {
    /// Checks the channel for Atom (see
    /// [`Channel::validate_for`](crate::channel::Channel::validate_for)).
    pub fn new(channel: &Channel, options: &AtomOptions) -> Result<Self, Error> {
        let head = channel.atom_checked()?;
        Ok(Self {
            id_prefix: format!("{}#", head.id),
            undated: options.undated,
        })
    }

    /// The IRI of the entry of the article with this `metadata.id`.
    pub fn entry_id(&self, id: &str) -> String {
        format!("{}{id}", self.id_prefix)
    }

    /// Renders one article's `<entry>`; fails only on a date that is not
    /// RFC 3339, or on an undated article with [`Undated::Refuse`].
    pub fn render(&self, article: &Article) -> Result<RenderedEntry, Error> {
        self.render_dated(article, None, None)
    }

    /// [`EntryRenderer::render`] with the article's dates already parsed
    /// (as validation parses them), so they are not parsed again; a `None`
    /// date the article has is parsed here.
    pub fn render_dated(
        &self,
        article: &Article,
        published: Option<OffsetDateTime>,
        updated: Option<OffsetDateTime>,
    ) -> Result<RenderedEntry, Error> {
        let meta = &article.metadata;
        let id = &meta.id;
        let published = date::field_date(
            id,
            "metadata.published_at",
            meta.published_at.as_deref(),
            published,
        )?;
        let modified = date::field_date(
            id,
            "metadata.updated_at",
            meta.updated_at.as_deref(),
            updated,
        )?;
        let updated = modified.or(published);
        if updated.is_none() && self.undated == Undated::Refuse {
            return Err(Error::Undated {
                id: id.clone(),
                format: "Atom",
            });
        }
        let mut out = String::with_capacity(8 * 1024);
        out.push_str("  <entry");
        attribute(&mut out, "xml:lang", &meta.language);
        out.push_str(">\n");
        out.push_str(INDENT);
        out.push_str("<id>");
        xml::push_text(&mut out, &self.id_prefix);
        xml::push_text(&mut out, id);
        out.push_str("</id>\n");
        element(&mut out, "title", &meta.title);
        let undated_at = match updated {
            Some(updated) => {
                element(&mut out, "updated", &date::format_rfc3339(updated));
                None
            }
            None => Some(out.len()),
        };
        if let Some(published) = published {
            element(&mut out, "published", &date::format_rfc3339(published));
        }
        for author in &meta.authors {
            out.push_str(INDENT);
            out.push_str("<author><name>");
            xml::push_text(&mut out, &author.name);
            out.push_str("</name>");
            if let Some(uri) = &author.url {
                out.push_str("<uri>");
                xml::push_text(&mut out, uri);
                out.push_str("</uri>");
            }
            out.push_str("</author>\n");
        }
        push_links(&mut out, article);
        for tag in &meta.tags {
            out.push_str(INDENT);
            out.push_str("<category");
            attribute(&mut out, "term", tag);
            out.push_str("/>\n");
        }
        element(&mut out, "summary", &article.summary);
        out.push_str(INDENT);
        out.push_str("<content type=\"html\">");
        xml::push_text(&mut out, &html::content(article));
        out.push_str("</content>\n");
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{INDENT}<slash:comments>{}</slash:comments>",
            article.discussion_count
        );
        out.push_str("  </entry>\n");
        Ok(RenderedEntry {
            xml: out,
            updated,
            undated_at,
        })
    }
}

/// The `<updated>` line an undated entry gets, at its `undated_at`.
pub(crate) fn updated_line(feed_updated: OffsetDateTime) -> String {
    format!(
        "{INDENT}<updated>{}</updated>\n",
        date::format_rfc3339(feed_updated)
    )
}
