//! RFC 5005 archived feeds (section 4): a subscription document and
//! archive documents that never change once written.
//!
//! Articles come oldest first, as the feed's log: archive 1 holds the first
//! `size` articles of the batch, archive 2 the next `size`, and so on; only
//! full archives are written. The subscription document holds the newest
//! `size` articles (the last ones: the articles of no full archive are
//! always among them) and links `prev-archive` to the newest archive. Each
//! archive document is marked `<fh:archive/>` and links `current` (the
//! subscription's URL: the channel's `atom_self_link` / `self_link`),
//! `prev-archive` (the archive before it, from archive 2 on),
//! `next-archive` (the archive after it, always, so that the document does
//! not change when that archive is written: until then, the link of the
//! newest archive leads to a document that does not exist yet) and `self`.
//!
//! An archive's date (Atom `updated`, RSS `lastBuildDate`) is the newest
//! date of its own items, and nothing else in it depends on the run: re-run
//! on the same articles with more appended, every full archive is
//! byte-identical. Memory: at most `2 × size` rendered items.
//!
//! Files, created through [`Files`] in this order: `atom-archive-1.xml`,
//! `atom-archive-2.xml`, …, then `atom.xml`, the subscription document
//! (`rss-archive-k.xml` and `rss.xml` for RSS).

use std::io::Write;

use articlekit_model::Article;

use crate::Error;
use crate::atom::{AtomOptions, AtomWriter, EntryRenderer, RenderedEntry};
use crate::channel::Channel;
use crate::files::Files;
use crate::rss::{self, LastBuild, RssOptions, RssWriter};

/// The RFC 5005 (feed paging and archiving) part of a feed document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArchiveLinks {
    /// This document is an archive (`<fh:archive/>`): it will not change.
    pub is_archive: bool,
    /// The subscription document's URL (`rel="current"`), in archives.
    pub current: Option<String>,
    /// The next older archive (`rel="prev-archive"`).
    pub prev_archive: Option<String>,
    /// The next newer archive (`rel="next-archive"`), in archives.
    pub next_archive: Option<String>,
    /// This document's own URL, replacing the channel's `atom_self_link` /
    /// `self_link` (an archive is not served at the subscription URL).
    pub self_link: Option<String>,
}

impl ArchiveLinks {
    /// The links other than `self`, as `(rel, href)`, in the order written.
    pub(crate) fn links(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("current", self.current.as_deref()),
            ("prev-archive", self.prev_archive.as_deref()),
            ("next-archive", self.next_archive.as_deref()),
        ]
        .into_iter()
        .filter_map(|(rel, href)| href.map(|h| (rel, h)))
    }
}

/// What an archived feed's `finish` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveSummary {
    /// The files created, in order (the subscription document last).
    pub files: Vec<String>,
    /// How many archive documents there are.
    pub archives: usize,
    /// How many items the subscription document holds.
    pub current_items: usize,
}

/// How one format writes one document of an archived feed.
trait Kind {
    type Item: Clone;
    /// `atom` or `rss`: the prefix of the file names.
    const PREFIX: &'static str;
    fn subscription_url(&self) -> &str;
    fn write(
        &self,
        out: Box<dyn Write + Send>,
        links: ArchiveLinks,
        items: &[Self::Item],
    ) -> Result<(), Error>;
}

struct Atom {
    channel: Channel,
    options: AtomOptions,
    current: String,
}

impl Kind for Atom {
    type Item = RenderedEntry;
    const PREFIX: &'static str = "atom";

    fn subscription_url(&self) -> &str {
        &self.current
    }

    fn write(
        &self,
        out: Box<dyn Write + Send>,
        links: ArchiveLinks,
        items: &[RenderedEntry],
    ) -> Result<(), Error> {
        let options = AtomOptions {
            // An archive's date is its own items', never the run's.
            updated: if links.is_archive {
                Some(LastBuild::NewestItem)
            } else {
                self.options.updated.clone()
            },
            archive: Some(links),
            ..self.options.clone()
        };
        let mut writer = AtomWriter::new(out, &self.channel, &options)?;
        for item in items {
            writer.write_rendered(item.clone())?;
        }
        writer.finish()?.flush()?;
        Ok(())
    }
}

struct Rss {
    channel: Channel,
    options: RssOptions,
    current: String,
}

impl Kind for Rss {
    type Item = rss::RenderedItem;
    const PREFIX: &'static str = "rss";

    fn subscription_url(&self) -> &str {
        &self.current
    }

    fn write(
        &self,
        out: Box<dyn Write + Send>,
        links: ArchiveLinks,
        items: &[rss::RenderedItem],
    ) -> Result<(), Error> {
        let options = RssOptions {
            last_build_date: if links.is_archive {
                Some(LastBuild::NewestItem)
            } else {
                self.options.last_build_date.clone()
            },
            ..self.options.clone()
        };
        let mut writer = RssWriter::with_archive(out, &self.channel, &options, Some(links))?;
        for item in items {
            writer.write_rendered(item.clone())?;
        }
        writer.finish()?.flush()?;
        Ok(())
    }
}

/// The format-independent part: pages, links, file names.
struct Archiver<F, K: Kind> {
    files: F,
    kind: K,
    size: usize,
    base: String,
    previous: Vec<K::Item>,
    page: Vec<K::Item>,
    full: usize,
    written: Vec<String>,
}

impl<F: Files, K: Kind> Archiver<F, K> {
    fn new(files: F, kind: K, channel: &Channel, size: usize) -> Result<Self, Error> {
        if size == 0 {
            return Err(Error::OptionInvalid {
                option: "archive_size",
                problem: "must be at least 1",
                value: size.to_string(),
            });
        }
        Ok(Self {
            files,
            kind,
            size,
            base: channel.archive_base_checked()?,
            previous: Vec::new(),
            page: Vec::with_capacity(size.min(4096)),
            full: 0,
            written: Vec::new(),
        })
    }

    fn name(k: usize) -> String {
        format!("{}-archive-{k}.xml", K::PREFIX)
    }

    fn url(&self, k: usize) -> String {
        format!("{}{}", self.base, Self::name(k))
    }

    fn create(&mut self, name: String) -> Result<Box<dyn Write + Send>, Error> {
        let out = self.files.create(&name).map_err(|source| Error::Create {
            name: name.clone(),
            source,
        })?;
        self.written.push(name);
        Ok(out)
    }

    fn push(&mut self, item: K::Item) -> Result<(), Error> {
        self.page.push(item);
        if self.page.len() == self.size {
            self.full += 1;
            let k = self.full;
            let links = ArchiveLinks {
                is_archive: true,
                current: Some(self.kind.subscription_url().to_owned()),
                prev_archive: (k > 1).then(|| self.url(k - 1)),
                next_archive: Some(self.url(k + 1)),
                self_link: Some(self.url(k)),
            };
            let out = self.create(Self::name(k))?;
            self.kind.write(out, links, &self.page)?;
            self.previous = std::mem::take(&mut self.page);
        }
        Ok(())
    }

    fn finish(mut self) -> Result<ArchiveSummary, Error> {
        let from_previous = self.size - self.page.len();
        let start = self.previous.len().saturating_sub(from_previous);
        let mut items = self.previous.split_off(start);
        items.append(&mut self.page);
        let links = ArchiveLinks {
            prev_archive: (self.full > 0).then(|| self.url(self.full)),
            ..ArchiveLinks::default()
        };
        let out = self.create(format!("{}.xml", K::PREFIX))?;
        self.kind.write(out, links, &items)?;
        Ok(ArchiveSummary {
            files: self.written,
            archives: self.full,
            current_items: items.len(),
        })
    }
}

/// Writes an Atom feed as RFC 5005 archives (see the module docs), fed one
/// article at a time, oldest first.
pub struct AtomArchiveWriter<F: Files> {
    renderer: EntryRenderer,
    inner: Archiver<F, Atom>,
}

impl<F: Files> std::fmt::Debug for AtomArchiveWriter<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AtomArchiveWriter")
            .field("size", &self.inner.size)
            .field("full", &self.inner.full)
            .finish_non_exhaustive()
    }
}

impl<F: Files> AtomArchiveWriter<F> {
    /// Checks the channel (Atom's keys and `archive_base`) and the size
    /// (at least 1). `options.archive` is ignored: the writer sets the links.
    pub fn new(
        files: F,
        channel: &Channel,
        options: &AtomOptions,
        size: usize,
    ) -> Result<Self, Error> {
        let current = channel.atom_checked()?.self_link;
        let kind = Atom {
            channel: channel.clone(),
            options: options.clone(),
            current,
        };
        Ok(Self {
            renderer: EntryRenderer::new(channel, options)?,
            inner: Archiver::new(files, kind, channel, size)?,
        })
    }

    /// The renderer to use on other threads.
    pub fn renderer(&self) -> &EntryRenderer {
        &self.renderer
    }

    /// Renders and adds one article.
    pub fn write_article(&mut self, article: &Article) -> Result<(), Error> {
        let entry = self.renderer.render(article)?;
        self.inner.push(entry)
    }

    /// Adds an entry made by [`EntryRenderer::render`]; writes an archive
    /// document each time one fills up.
    pub fn write_rendered(&mut self, entry: RenderedEntry) -> Result<(), Error> {
        self.inner.push(entry)
    }

    /// Writes the subscription document.
    pub fn finish(self) -> Result<ArchiveSummary, Error> {
        self.inner.finish()
    }
}

/// Writes an RSS feed as RFC 5005 archives (see the module docs), fed one
/// article at a time, oldest first.
pub struct RssArchiveWriter<F: Files> {
    inner: Archiver<F, Rss>,
}

impl<F: Files> std::fmt::Debug for RssArchiveWriter<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RssArchiveWriter")
            .field("size", &self.inner.size)
            .field("full", &self.inner.full)
            .finish_non_exhaustive()
    }
}

impl<F: Files> RssArchiveWriter<F> {
    /// Checks the channel (RSS's keys and `archive_base`), the options (no
    /// `limit`: the archive size says what the subscription holds) and the
    /// size (at least 1).
    pub fn new(
        files: F,
        channel: &Channel,
        options: &RssOptions,
        size: usize,
    ) -> Result<Self, Error> {
        if let Some(limit) = options.limit {
            return Err(Error::OptionInvalid {
                option: "limit",
                problem: "cannot be used with archives (the archive size is the subscription's)",
                value: limit.to_string(),
            });
        }
        let current = channel.checked()?.self_link;
        let kind = Rss {
            channel: channel.clone(),
            options: options.clone(),
            current,
        };
        Ok(Self {
            inner: Archiver::new(files, kind, channel, size)?,
        })
    }

    /// Renders and adds one article.
    pub fn write_article(&mut self, article: &Article) -> Result<(), Error> {
        self.inner.push(rss::render_item(article)?)
    }

    /// Adds an item made by [`rss::render_item`]; writes an archive
    /// document each time one fills up.
    pub fn write_rendered(&mut self, item: rss::RenderedItem) -> Result<(), Error> {
        self.inner.push(item)
    }

    /// Writes the subscription document.
    pub fn finish(self) -> Result<ArchiveSummary, Error> {
        self.inner.finish()
    }
}
