//! The Atom feed writer: head, entries, tail; streaming when the feed's
//! date is known up front, else buffering entries in a temporary file.

use std::borrow::Borrow;
use std::io::Write;

use articlekit_model::Article;
use time::OffsetDateTime;

use super::entry::{self, EntryRenderer, RenderedEntry, Undated};
use crate::archive::ArchiveLinks;
use crate::channel::{AtomHead, Channel};
use crate::rss::LastBuild;
use crate::spill::{DEFAULT_HOLD, Spool, Spooled};
use crate::{Error, date, xml};

/// How the Atom feed is built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AtomOptions {
    /// Where the feed's `<updated>` comes from: `None` means the channel's
    /// `last_build_date` if it has one, else [`LastBuild::NewestItem`] (the
    /// latest `updated_at`/`published_at` of the entries).
    pub updated: Option<LastBuild>,
    /// What an article without any date becomes.
    pub undated: Undated,
    /// RFC 5005 links and marks; `None` for a plain feed.
    pub archive: Option<ArchiveLinks>,
}

impl AtomOptions {
    /// Whether an [`AtomWriter`] with these options and this channel
    /// streams its entries (writing the head at once) rather than holding
    /// them until [`AtomWriter::finish`]: only when the feed's `<updated>`
    /// does not depend on the entries. A holding writer writes nothing
    /// before `finish`.
    pub fn streams(&self, channel: &Channel) -> bool {
        match &self.updated {
            Some(LastBuild::NewestItem) => false,
            Some(LastBuild::Fixed(_) | LastBuild::Now) => true,
            None => channel.last_build_date.is_some(),
        }
    }
}

#[derive(Debug)]
enum Mode {
    /// Head written; entries go straight out.
    Streaming { updated: OffsetDateTime },
    /// Entries in the spool (memory up to its budget, then a temporary
    /// file) until [`AtomWriter::finish`] knows the feed's date.
    Buffered {
        spill: Spool,
        newest: Option<OffsetDateTime>,
        /// Offsets in the spool where an undated entry's `<updated>` goes.
        undated: Vec<u64>,
    },
}

/// Writes an Atom 1.0 feed (RFC 4287) of articles, fed one at a time.
///
/// The feed's `<updated>` is in its head. When it is known up front (a
/// fixed date, the channel's `last_build_date`, or the wall clock), the
/// head is written by [`AtomWriter::new`] and every entry goes straight
/// out. Otherwise it is the newest entry's date, and entries are kept as
/// their finished XML in an anonymous temporary file until
/// [`AtomWriter::finish`] (memory: 8 bytes per undated entry). Entries keep
/// input order. The same articles and options always give the same bytes,
/// unless [`LastBuild::Now`] is asked for.
///
/// ```
/// use articlekit_export::atom::{AtomOptions, AtomWriter};
/// use articlekit_export::channel::Channel;
/// use articlekit_model::Article;
///
/// let channel = Channel::from_toml_str(r#"
///     title = "Sóng AI"
///     link = "https://songai.example/"
///     id = "tag:songai.example,2025:feed"
///     atom_self_link = "https://songai.example/atom.xml"
///     [author]
///     name = "Sóng AI"
/// "#)?;
/// let article: Article = serde_json::from_str(r#"{"metadata":{"id":"a-1",
///     "title":"Tiêu đề","language":"vi","published_at":"2025-07-20T08:00:00+07:00"},
///     "summary":"Tóm tắt.","bullets":["Ý chính"],"discussion_count":3}"#).unwrap();
///
/// let mut writer = AtomWriter::new(Vec::new(), &channel, &AtomOptions::default())?;
/// writer.write_article(&article)?;
/// let feed = String::from_utf8(writer.finish()?).unwrap();
/// assert!(feed.contains("<id>tag:songai.example,2025:feed#a-1</id>"));
/// assert!(feed.contains("<updated>2025-07-20T08:00:00+07:00</updated>"));
/// # Ok::<(), articlekit_export::Error>(())
/// ```
#[derive(Debug)]
pub struct AtomWriter<W: Write> {
    out: W,
    head: AtomHead,
    archive: Option<ArchiveLinks>,
    renderer: EntryRenderer,
    mode: Mode,
}

impl<W: Write> AtomWriter<W> {
    /// Checks the channel and options; when the feed's date is known, also
    /// writes the head.
    pub fn new(out: W, channel: &Channel, options: &AtomOptions) -> Result<Self, Error> {
        let head = channel.atom_checked()?;
        let renderer = EntryRenderer::new(channel, options)?;
        let fixed = match &options.updated {
            Some(LastBuild::NewestItem) => None,
            Some(LastBuild::Fixed(text)) => {
                Some(
                    // The option (`--last-build-date`), not the channel's key.
                    date::parse_rfc3339(text).map_err(|_| Error::OptionInvalid {
                        option: "last_build_date",
                        problem: "is not an RFC 3339 date-time with an offset",
                        value: text.clone(),
                    })?,
                )
            }
            Some(LastBuild::Now) => Some(OffsetDateTime::now_utc()),
            None => head.common.last_build_date,
        };
        let mut writer = Self {
            out,
            head,
            archive: options.archive.clone(),
            renderer,
            mode: Mode::Streaming {
                updated: OffsetDateTime::UNIX_EPOCH,
            },
        };
        match fixed {
            Some(updated) => {
                writer.write_head(updated)?;
                writer.mode = Mode::Streaming { updated };
            }
            None => {
                writer.mode = Mode::Buffered {
                    spill: Spool::new(DEFAULT_HOLD),
                    newest: None,
                    undated: Vec::new(),
                };
            }
        }
        Ok(writer)
    }

    /// Sets how many bytes of held entries a buffering writer keeps in
    /// memory before a temporary file takes the rest (by default
    /// [`DEFAULT_HOLD`](crate::DEFAULT_HOLD)), for the entries to come (set
    /// it before the first); a streaming writer holds nothing.
    pub fn hold_in_memory(&mut self, bytes: usize) {
        if let Mode::Buffered { spill, .. } = &mut self.mode {
            spill.set_budget(bytes);
        }
    }

    /// True when entries go straight to the output (see the type's docs).
    pub fn is_streaming(&self) -> bool {
        matches!(self.mode, Mode::Streaming { .. })
    }

    /// The renderer this writer uses, for rendering on other threads.
    pub fn renderer(&self) -> &EntryRenderer {
        &self.renderer
    }

    /// Renders and adds one article.
    pub fn write_article(&mut self, article: &Article) -> Result<(), Error> {
        let entry = self.renderer.render(article)?;
        self.write_rendered(entry)
    }

    /// Adds an entry made by [`EntryRenderer::render`] (which can run on
    /// other threads, with a renderer made from the same channel and
    /// options).
    pub fn write_rendered(&mut self, entry: RenderedEntry) -> Result<(), Error> {
        let RenderedEntry {
            xml,
            updated,
            undated_at,
        } = entry;
        match &mut self.mode {
            Mode::Streaming { updated: feed } => match undated_at {
                Some(at) => {
                    self.out.write_all(&xml.as_bytes()[..at])?;
                    self.out.write_all(entry::updated_line(*feed).as_bytes())?;
                    self.out.write_all(&xml.as_bytes()[at..])?;
                }
                None => self.out.write_all(xml.as_bytes())?,
            },
            Mode::Buffered {
                spill,
                newest,
                undated,
            } => {
                if let Some(at) = undated_at {
                    undated.push(spill.len() + at as u64);
                }
                *newest = (*newest).max(updated);
                spill.push(&xml)?;
            }
        }
        Ok(())
    }

    /// Writes what is left (when buffering: the head and every entry),
    /// closes the document, flushes, and gives the output back. Fails with
    /// [`Error::NoFeedDate`] when the feed's date was to come from the
    /// entries and none has a date.
    pub fn finish(mut self) -> Result<W, Error> {
        if let Mode::Buffered {
            spill,
            newest,
            undated,
        } = std::mem::replace(
            &mut self.mode,
            Mode::Streaming {
                updated: OffsetDateTime::UNIX_EPOCH,
            },
        ) {
            let updated = newest.ok_or(Error::NoFeedDate { format: "Atom" })?;
            self.write_head(updated)?;
            let spooled = spill.finish()?;
            copy_with_dates(&spooled, &mut self.out, &undated, updated)?;
        }
        self.out.write_all(b"</feed>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn write_head(&mut self, updated: OffsetDateTime) -> Result<(), Error> {
        let head = &self.head;
        let common = &head.common;
        let mut out = String::with_capacity(2048);
        out.push_str(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
        );
        if self.archive.as_ref().is_some_and(|a| a.is_archive) {
            out.push_str(" xmlns:fh=\"http://purl.org/syndication/history/1.0\"");
        }
        out.push_str(" xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\"");
        if let Some(language) = &common.language {
            out.push_str(" xml:lang=\"");
            xml::push_attr(&mut out, language);
            out.push('"');
        }
        out.push_str(">\n");
        let element = |out: &mut String, name: &str, text: &str| {
            out.push_str("  <");
            out.push_str(name);
            out.push('>');
            xml::push_text(out, text);
            out.push_str("</");
            out.push_str(name);
            out.push_str(">\n");
        };
        let link = |out: &mut String, rel: &str, href: &str, kind: Option<&str>| {
            out.push_str("  <link rel=\"");
            out.push_str(rel);
            out.push_str("\" href=\"");
            xml::push_attr(out, href);
            out.push('"');
            if let Some(kind) = kind {
                out.push_str(" type=\"");
                out.push_str(kind);
                out.push('"');
            }
            out.push_str("/>\n");
        };
        element(&mut out, "id", &head.id);
        element(&mut out, "title", &common.title);
        if let Some(description) = &common.description {
            element(&mut out, "subtitle", description);
        }
        element(&mut out, "updated", &date::format_rfc3339(updated));
        let archive = self.archive.as_ref();
        let self_link = archive
            .and_then(|a| a.self_link.as_deref())
            .unwrap_or(&head.self_link);
        link(&mut out, "self", self_link, Some("application/atom+xml"));
        link(&mut out, "alternate", &common.link, Some("text/html"));
        for hub in &common.hubs {
            link(&mut out, "hub", hub, None);
        }
        if let Some(archive) = archive {
            for (rel, href) in archive.links() {
                link(&mut out, rel, href, Some("application/atom+xml"));
            }
        }
        if let Some(author) = &common.author {
            out.push_str("  <author><name>");
            xml::push_text(&mut out, &author.name);
            out.push_str("</name>");
            if let Some(uri) = &author.uri {
                out.push_str("<uri>");
                xml::push_text(&mut out, uri);
                out.push_str("</uri>");
            }
            if let Some(email) = &author.email {
                out.push_str("<email>");
                xml::push_text(&mut out, email);
                out.push_str("</email>");
            }
            out.push_str("</author>\n");
        }
        element(&mut out, "generator", &common.generator);
        if let Some(rights) = &common.copyright {
            element(&mut out, "rights", rights);
        }
        if let Some(image) = &common.image {
            element(&mut out, "logo", &image.url);
        }
        if archive.is_some_and(|a| a.is_archive) {
            out.push_str("  <fh:archive/>\n");
        }
        self.out.write_all(out.as_bytes())?;
        Ok(())
    }
}

/// Copies the spooled entries to `out`, writing an undated entry's
/// `<updated>` at each of the (ascending) offsets.
fn copy_with_dates<W: Write>(
    spooled: &Spooled,
    out: &mut W,
    offsets: &[u64],
    updated: OffsetDateTime,
) -> Result<(), Error> {
    let line = entry::updated_line(updated);
    let mut at = 0;
    for &offset in offsets {
        spooled.copy_range(out, at, offset)?;
        out.write_all(line.as_bytes())?;
        at = offset;
    }
    spooled.copy_range(out, at, spooled.len())
}

/// Writes a whole feed: [`AtomWriter::new`], every article, [`AtomWriter::finish`].
pub fn write_feed<W, A>(
    out: W,
    channel: &Channel,
    options: &AtomOptions,
    articles: impl IntoIterator<Item = A>,
) -> Result<W, Error>
where
    W: Write,
    A: Borrow<Article>,
{
    let mut writer = AtomWriter::new(out, channel, options)?;
    for article in articles {
        writer.write_article(article.borrow())?;
    }
    writer.finish()
}
