//! The feed writer: channel head, items, tail; streaming where it can be.

use std::borrow::Borrow;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::fmt::Write as _;
use std::io::{self, Write};

use articlekit_model::Article;
use time::OffsetDateTime;

use super::item::{self, Facts};
use crate::archive::ArchiveLinks;
use crate::channel::{Channel, Head};
use crate::spill::{DEFAULT_HOLD, Spool, Spooled, Stored};
use crate::{Error, date, xml};

/// Where `<lastBuildDate>` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LastBuild {
    /// The latest `published_at`/`updated_at` of the items in the feed, in
    /// that item's own offset; omitted when no item has a date. Needs every
    /// item before the channel head can be written.
    NewestItem,
    /// This RFC 3339 date-time.
    Fixed(String),
    /// The wall clock at [`RssWriter::new`], in UTC (the only choice that
    /// makes output differ between runs).
    Now,
}

/// How the feed is built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RssOptions {
    /// Where `<lastBuildDate>` comes from: `None` means the channel's
    /// `last_build_date` if it has one, else [`LastBuild::NewestItem`].
    pub last_build_date: Option<LastBuild>,
    /// Items newest first by `published_at` (undated items last; ties keep
    /// input order), instead of input order.
    pub newest_first: bool,
    /// Keep only the `N` newest items (by `published_at`, ties to the
    /// earlier input), in the order `newest_first` says.
    pub limit: Option<usize>,
}

impl RssOptions {
    /// Whether an [`RssWriter`] with these options and this channel streams
    /// its items (writing the head at once) rather than buffering them until
    /// [`RssWriter::finish`]: only when the head's `lastBuildDate` does not
    /// depend on the items, in input order, without a limit. A buffering
    /// writer writes nothing before `finish`.
    pub fn streams(&self, channel: &Channel) -> bool {
        let fixed_date = match &self.last_build_date {
            Some(LastBuild::NewestItem) => false,
            Some(LastBuild::Fixed(_) | LastBuild::Now) => true,
            None => channel.last_build_date.is_some(),
        };
        fixed_date && !self.newest_first && self.limit.is_none()
    }
}

/// Namespace prefixes and URIs, declared in this order.
const NAMESPACES: [(&str, &str); 5] = [
    ("atom", "http://www.w3.org/2005/Atom"),
    ("content", "http://purl.org/rss/1.0/modules/content/"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("media", "http://search.yahoo.com/mrss/"),
    ("slash", "http://purl.org/rss/1.0/modules/slash/"),
];

/// Which of [`NAMESPACES`] the root element declares.
#[derive(Debug, Clone, Copy)]
struct Used([bool; 5]);

impl Used {
    const ALL: Self = Self([true; 5]);

    fn of_items<'a>(items: impl Iterator<Item = &'a Facts>, any: bool) -> Self {
        let (mut dc, mut media) = (false, false);
        for facts in items {
            dc |= facts.uses_dc;
            media |= facts.uses_media;
        }
        // atom for the self link always; content and slash with any item.
        Self([true, any, dc, media, any])
    }
}

/// A buffered item, ordered newest first by `published_at`, then earlier input first.
#[derive(Debug)]
struct Entry {
    index: u64,
    facts: Facts,
    xml: Stored,
}

/// The XML of every buffered item, in input order, in a spool: in memory
/// up to its budget, the rest in an anonymous temporary file, so that
/// memory stays bounded however long the feed.
#[derive(Debug)]
struct HeldItems {
    store: Spool,
    /// What the head needs to know of the items: how many, the namespaces
    /// they use, the latest date.
    count: u64,
    uses_dc: bool,
    uses_media: bool,
    latest: Option<OffsetDateTime>,
}

impl Entry {
    fn key(&self) -> (Option<OffsetDateTime>, Reverse<u64>) {
        (self.facts.published, Reverse(self.index))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

#[derive(Debug)]
enum Keep {
    /// Every item, in input order; the XML in the spill file.
    All(Vec<Entry>, HeldItems),
    /// The `limit` newest items, in a min-heap so the oldest kept is on top:
    /// their XML in memory up to `budget` bytes in all (`held` now), the
    /// rest in a spill file made when first needed.
    Newest {
        limit: usize,
        heap: BinaryHeap<Reverse<Entry>>,
        held: usize,
        budget: usize,
        spill: Option<Spool>,
    },
}

#[derive(Debug)]
enum Mode {
    /// Head already written; each item goes straight out.
    Streaming,
    /// Items held as their XML until [`RssWriter::finish`].
    Buffered {
        keep: Keep,
        newest_first: bool,
        last_build: Option<OffsetDateTime>,
    },
}

/// Writes an RSS 2.0 feed of articles, fed one at a time.
///
/// The channel head (namespaces, `lastBuildDate`) comes before the items,
/// so the writer streams only when nothing in the head depends on the items:
/// a fixed or wall-clock `lastBuildDate`, input order, no limit. Then the
/// head is written by [`RssWriter::new`], each item by
/// [`RssWriter::write_item`] as it comes, and the root declares every
/// namespace the item mapping can use (`media` included), since it is
/// written before any item is seen.
///
/// Otherwise (the default, `lastBuildDate` from the newest item; or
/// `newest_first`; or a `limit`) items are held as their finished XML:
/// up to a budget in memory ([`RssWriter::hold_in_memory`], 16 MiB by
/// default), the rest in an anonymous temporary file, so memory does not
/// grow with the feed's XML past the budget. Without a limit every item is
/// held (with `newest_first`, memory also keeps a small fixed-size entry
/// per item — its sort key and place — to write them back in order); with
/// a limit only the `N` newest are kept, in a heap of such entries (at
/// most `N`, and items older than every kept one are not even serialised),
/// with at most the budget of their XML in memory in all and the rest in
/// the file, however large `N`. The root then declares exactly the
/// namespaces the items use.
///
/// The same articles and options always give the same bytes, unless
/// [`LastBuild::Now`] is asked for.
///
/// ```
/// use articlekit_export::rss::{Channel, RssOptions, RssWriter};
/// use articlekit_model::Article;
///
/// let channel = Channel::from_toml_str(r#"
///     title = "Sóng AI"
///     link = "https://songai.example/"
///     description = "Tóm tắt tin, bài trí tuệ nhân tạo"
///     self_link = "https://songai.example/rss.xml"
/// "#)?;
/// let article: Article = serde_json::from_str(r#"{"metadata":{"id":"a-1",
///     "title":"Tiêu đề","language":"vi","published_at":"2025-07-20T08:00:00+07:00"},
///     "summary":"Tóm tắt.","bullets":["Ý chính"],"discussion_count":3}"#).unwrap();
///
/// let mut writer = RssWriter::new(Vec::new(), &channel, &RssOptions::default())?;
/// writer.write_item(&article)?;
/// let feed = String::from_utf8(writer.finish()?).unwrap();
/// assert!(feed.contains("<lastBuildDate>Sun, 20 Jul 2025 08:00:00 +0700</lastBuildDate>"));
/// assert!(feed.contains(r#"<guid isPermaLink="false">a-1</guid>"#));
/// # Ok::<(), articlekit_export::Error>(())
/// ```
#[derive(Debug)]
pub struct RssWriter<W: Write> {
    out: W,
    head: Head,
    archive: Option<ArchiveLinks>,
    mode: Mode,
    next_index: u64,
    scratch: String,
}

impl<W: Write> RssWriter<W> {
    /// Checks the channel and options; in streaming mode also writes the
    /// channel head.
    pub fn new(out: W, channel: &Channel, options: &RssOptions) -> Result<Self, Error> {
        Self::with_archive(out, channel, options, None)
    }

    /// [`RssWriter::new`] for one document of an RFC 5005 archived feed:
    /// the head also carries `archive`'s links (and `<fh:archive/>`), and
    /// its `self` link replaces the channel's.
    pub fn with_archive(
        out: W,
        channel: &Channel,
        options: &RssOptions,
        archive: Option<ArchiveLinks>,
    ) -> Result<Self, Error> {
        let head = channel.checked()?;
        let last_build = match &options.last_build_date {
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
            None => head.last_build_date,
        };
        let streaming = options.streams(channel);
        let mut writer = Self {
            out,
            head,
            archive,
            mode: Mode::Streaming,
            next_index: 0,
            scratch: String::with_capacity(16 * 1024),
        };
        if streaming {
            writer.write_head(Used::ALL, last_build)?;
        } else {
            let keep = match options.limit {
                Some(limit) => Keep::Newest {
                    limit,
                    heap: BinaryHeap::new(),
                    held: 0,
                    budget: DEFAULT_HOLD,
                    spill: None,
                },
                None => Keep::All(
                    Vec::new(),
                    HeldItems {
                        store: Spool::new(DEFAULT_HOLD),
                        count: 0,
                        uses_dc: false,
                        uses_media: false,
                        latest: None,
                    },
                ),
            };
            writer.mode = Mode::Buffered {
                keep,
                newest_first: options.newest_first,
                last_build,
            };
        }
        Ok(writer)
    }

    /// Sets how many bytes of held items' XML a buffering writer keeps in
    /// memory before a temporary file takes the rest (by default
    /// [`DEFAULT_HOLD`](crate::DEFAULT_HOLD)), for the items to come (set
    /// it before the first); a streaming writer holds nothing.
    pub fn hold_in_memory(&mut self, bytes: usize) {
        match &mut self.mode {
            Mode::Streaming => {}
            Mode::Buffered {
                keep: Keep::All(_, held),
                ..
            } => held.store.set_budget(bytes),
            Mode::Buffered {
                keep: Keep::Newest { budget, .. },
                ..
            } => *budget = bytes,
        }
    }

    /// Flushes what was written (a buffered feed has written nothing yet).
    pub fn flush(&mut self) -> Result<(), Error> {
        Ok(self.out.flush()?)
    }

    /// True when items go straight to the output (see the type's docs).
    pub fn is_streaming(&self) -> bool {
        matches!(self.mode, Mode::Streaming)
    }

    /// How many bytes of item XML the writer holds in memory now: never
    /// more than its budget (see the type's docs); the rest of a buffered
    /// feed is in a temporary file.
    pub fn xml_bytes_in_memory(&self) -> usize {
        match &self.mode {
            Mode::Buffered {
                keep: Keep::Newest { held, .. },
                ..
            } => *held,
            Mode::Buffered {
                keep: Keep::All(_, held),
                ..
            } => held.store.held(),
            Mode::Streaming => 0,
        }
    }

    /// Adds one article as an `<item>`: written now when streaming, else
    /// kept for [`RssWriter::finish`]. Fails only on a date that is not
    /// RFC 3339 (which validation rules out) or on a write error.
    pub fn write_item(&mut self, article: &Article) -> Result<(), Error> {
        let facts = item::facts(article)?;
        // An item older than every kept one is not even serialised.
        if self.older_than_all_kept(&facts) {
            self.next_index += 1;
            return Ok(());
        }
        self.scratch.clear();
        item::push_item(&mut self.scratch, article, &facts);
        let xml = std::mem::take(&mut self.scratch);
        let xml = self.keep(RenderedItem { facts, xml })?;
        self.scratch = xml;
        Ok(())
    }

    /// Adds an item made by [`render_item`] (which can run on other
    /// threads): the same as [`RssWriter::write_item`] on its article.
    pub fn write_rendered(&mut self, item: RenderedItem) -> Result<(), Error> {
        self.keep(item).map(drop)
    }

    /// True when the writer has a limit, holds that many items, and the
    /// next item (with these facts) would be the oldest of them.
    fn older_than_all_kept(&self, facts: &Facts) -> bool {
        match &self.mode {
            Mode::Buffered {
                keep: Keep::Newest { limit, heap, .. },
                ..
            } => {
                heap.len() >= *limit
                    && heap.peek().is_none_or(|Reverse(oldest)| {
                        (facts.published, Reverse(self.next_index)) <= oldest.key()
                    })
            }
            _ => false,
        }
    }

    /// Streams or keeps one item; gives back a buffer for reuse when the
    /// item's XML was not kept in memory.
    fn keep(&mut self, item: RenderedItem) -> Result<String, Error> {
        let RenderedItem { facts, xml } = item;
        if self.older_than_all_kept(&facts) {
            self.next_index += 1;
            return Ok(xml);
        }
        let index = self.next_index;
        self.next_index += 1;
        match &mut self.mode {
            Mode::Streaming => {
                self.out.write_all(xml.as_bytes())?;
                Ok(xml)
            }
            Mode::Buffered {
                keep: Keep::All(items, spill),
                newest_first,
                ..
            } => {
                let stored = spill.store.push(&xml)?;
                spill.count += 1;
                spill.uses_dc |= facts.uses_dc;
                spill.uses_media |= facts.uses_media;
                spill.latest = spill.latest.max(facts.latest);
                // In input order the spill file is already the feed's items;
                // only a reordering needs each item's place in it.
                if *newest_first {
                    items.push(Entry {
                        index,
                        facts,
                        xml: stored,
                    });
                }
                Ok(xml)
            }
            Mode::Buffered {
                keep:
                    Keep::Newest {
                        limit,
                        heap,
                        held,
                        budget,
                        spill,
                    },
                ..
            } => {
                let (stored, reuse) = if xml.len() <= budget.saturating_sub(*held) {
                    *held += xml.len();
                    let reuse = String::with_capacity(16 * 1024);
                    (Stored::Memory(xml.into_boxed_str()), reuse)
                } else {
                    // Past the budget: straight to the temporary file.
                    let file = spill.get_or_insert_with(|| Spool::new(0));
                    (file.push(&xml)?, xml)
                };
                heap.push(Reverse(Entry {
                    index,
                    facts,
                    xml: stored,
                }));
                if heap.len() > *limit {
                    if let Some(Reverse(Entry {
                        xml: Stored::Memory(dropped),
                        ..
                    })) = heap.pop()
                    {
                        *held -= dropped.len();
                    }
                }
                Ok(reuse)
            }
        }
    }

    /// Writes what is left (in buffered mode: the head and every kept
    /// item), closes the document, flushes, and gives the output back.
    pub fn finish(mut self) -> Result<W, Error> {
        if let Mode::Buffered {
            keep,
            newest_first,
            last_build,
        } = std::mem::replace(&mut self.mode, Mode::Streaming)
        {
            match keep {
                Keep::All(mut items, spill) => {
                    let any = spill.count > 0;
                    let used = Used([true, any, spill.uses_dc, spill.uses_media, any]);
                    self.write_head(used, last_build.or(spill.latest))?;
                    let spooled = spill.store.finish()?;
                    if newest_first {
                        // Stable, so equal dates keep input order.
                        items.sort_by_key(|e| Reverse(e.facts.published));
                        self.write_entries(&items, Some(&spooled))?;
                    } else {
                        spooled.copy_all(&mut self.out)?;
                    }
                }
                Keep::Newest { heap, spill, .. } => {
                    let file = spill.map(Spool::finish).transpose()?;
                    let mut items: Vec<Entry> = heap.into_iter().map(|Reverse(e)| e).collect();
                    items.sort_unstable_by_key(|e| e.index);
                    if newest_first {
                        items.sort_by_key(|e| Reverse(e.facts.published));
                    }
                    let used = Used::of_items(items.iter().map(|e| &e.facts), !items.is_empty());
                    let last_build =
                        last_build.or_else(|| items.iter().filter_map(|e| e.facts.latest).max());
                    self.write_head(used, last_build)?;
                    self.write_entries(&items, file.as_ref())?;
                }
            }
        }
        self.out.write_all(b"  </channel>\n</rss>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }

    /// Writes buffered items in the given order, reading spilled ones back.
    fn write_entries(&mut self, items: &[Entry], spill: Option<&Spooled>) -> Result<(), Error> {
        let mut buffer = Vec::new();
        for entry in items {
            match (&entry.xml, spill) {
                (Stored::Memory(xml), _) => self.out.write_all(xml.as_bytes())?,
                (Stored::Spilled { offset, len }, Some(file)) => {
                    buffer.resize(*len, 0);
                    file.read_at(&mut buffer, *offset).map_err(Error::Spill)?;
                    self.out.write_all(&buffer)?;
                }
                (Stored::Spilled { .. }, None) => {
                    return Err(Error::Io(io::Error::other(
                        "a spilled RSS item has no spill file",
                    )));
                }
            }
        }
        Ok(())
    }

    fn write_head(&mut self, used: Used, last_build: Option<OffsetDateTime>) -> Result<(), Error> {
        let out = &mut self.scratch;
        let head = &self.head;
        out.clear();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"");
        for ((prefix, uri), used) in NAMESPACES.iter().zip(used.0) {
            if used {
                let _ = write!(out, " xmlns:{prefix}=\"{uri}\"");
            }
        }
        let archive = self.archive.as_ref();
        if archive.is_some_and(|a| a.is_archive) {
            out.push_str(" xmlns:fh=\"http://purl.org/syndication/history/1.0\"");
        }
        out.push_str(">\n  <channel>\n");
        let element = |out: &mut String, indent: &str, name: &str, text: &str| {
            let _ = write!(out, "{indent}<{name}>");
            xml::push_text(out, text);
            let _ = writeln!(out, "</{name}>");
        };
        element(out, "    ", "title", &head.title);
        element(out, "    ", "link", &head.link);
        element(out, "    ", "description", &head.description);
        out.push_str("    <atom:link href=\"");
        xml::push_attr(
            out,
            archive
                .and_then(|a| a.self_link.as_deref())
                .unwrap_or(&head.self_link),
        );
        out.push_str("\" rel=\"self\" type=\"application/rss+xml\"/>\n");
        for hub in &head.hubs {
            out.push_str("    <atom:link href=\"");
            xml::push_attr(out, hub);
            out.push_str("\" rel=\"hub\"/>\n");
        }
        if let Some(archive) = archive {
            for (rel, href) in archive.links() {
                out.push_str("    <atom:link href=\"");
                xml::push_attr(out, href);
                let _ = writeln!(out, "\" rel=\"{rel}\" type=\"application/rss+xml\"/>");
            }
        }
        if let Some(language) = &head.language {
            element(out, "    ", "language", language);
        }
        if let Some(copyright) = &head.copyright {
            element(out, "    ", "copyright", copyright);
        }
        if let Some(date) = last_build {
            element(out, "    ", "lastBuildDate", &date::format_rfc822(date));
        }
        element(out, "    ", "generator", &head.generator);
        element(
            out,
            "    ",
            "docs",
            "https://www.rssboard.org/rss-specification",
        );
        if let Some(ttl) = head.ttl {
            let _ = writeln!(out, "    <ttl>{ttl}</ttl>");
        }
        if let Some(image) = &head.image {
            out.push_str("    <image>\n");
            element(out, "      ", "url", &image.url);
            element(out, "      ", "title", &image.title);
            element(out, "      ", "link", &image.link);
            if let Some(width) = image.width {
                let _ = writeln!(out, "      <width>{width}</width>");
            }
            if let Some(height) = image.height {
                let _ = writeln!(out, "      <height>{height}</height>");
            }
            out.push_str("    </image>\n");
        }
        if archive.is_some_and(|a| a.is_archive) {
            out.push_str("    <fh:archive/>\n");
        }
        self.out.write_all(out.as_bytes())?;
        Ok(())
    }
}

/// One article's `<item>`, rendered apart from the writer so that a batch
/// can be rendered on all cores and written in order with
/// [`RssWriter::write_rendered`].
#[derive(Debug, Clone)]
pub struct RenderedItem {
    facts: Facts,
    xml: String,
}

/// Renders one article's `<item>`; fails only on a date that is not RFC 3339.
pub fn render_item(article: &Article) -> Result<RenderedItem, Error> {
    render_item_dated(article, None, None)
}

/// [`render_item`] with the article's dates already parsed (as validation
/// parses them), so they are not parsed again; a `None` date the article
/// has is parsed here.
pub fn render_item_dated(
    article: &Article,
    published: Option<OffsetDateTime>,
    updated: Option<OffsetDateTime>,
) -> Result<RenderedItem, Error> {
    let facts = item::facts_dated(article, published, updated)?;
    let mut xml = String::with_capacity(8 * 1024);
    item::push_item(&mut xml, article, &facts);
    Ok(RenderedItem { facts, xml })
}

/// Writes a whole feed: [`RssWriter::new`], every article, [`RssWriter::finish`].
pub fn write_feed<W, A>(
    out: W,
    channel: &Channel,
    options: &RssOptions,
    articles: impl IntoIterator<Item = A>,
) -> Result<W, Error>
where
    W: Write,
    A: Borrow<Article>,
{
    let mut writer = RssWriter::new(out, channel, options)?;
    for article in articles {
        writer.write_item(article.borrow())?;
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel() -> Channel {
        Channel::from_toml_str(
            r#"
            title = "T"
            link = "https://t.example/"
            description = "D"
            self_link = "https://t.example/rss.xml"
            "#,
        )
        .expect("valid channel")
    }

    /// 300 articles, many on equal dates, some undated, of varied sizes.
    fn articles() -> Vec<Article> {
        (0..300_u32)
            .map(|i| {
                let date = if i % 7 == 0 {
                    String::new()
                } else {
                    format!(
                        r#","published_at":"2025-07-{:02}T08:00:00+07:00""#,
                        1 + (i * 37) % 28
                    )
                };
                let text = "x".repeat(50 + (i as usize * 131) % 900);
                serde_json::from_str(&format!(
                    r#"{{"metadata":{{"id":"a-{i}","title":"T{i}","language":"vi"{date}}},
                    "summary":"{text}","bullets":["B"],"discussion_count":1}}"#
                ))
                .expect("valid article")
            })
            .collect()
    }

    fn feed(options: &RssOptions, budget: usize, rendered: bool) -> (Vec<u8>, bool) {
        let mut writer = RssWriter::new(Vec::new(), &channel(), options).expect("writer");
        if let Mode::Buffered {
            keep: Keep::Newest { budget: b, .. },
            ..
        } = &mut writer.mode
        {
            *b = budget;
        }
        let mut max_held = 0;
        for article in articles() {
            if rendered {
                writer
                    .write_rendered(render_item(&article).expect("rendered"))
                    .expect("kept");
            } else {
                writer.write_item(&article).expect("kept");
            }
            max_held = max_held.max(writer.xml_bytes_in_memory());
        }
        assert!(max_held <= budget, "{max_held} > {budget}");
        let spilled = matches!(
            &writer.mode,
            Mode::Buffered {
                keep: Keep::Newest { spill: Some(_), .. },
                ..
            }
        );
        (writer.finish().expect("finished"), spilled)
    }

    #[test]
    fn limited_items_spilled_past_the_budget_come_out_as_if_all_were_in_memory() {
        for newest_first in [false, true] {
            for limit in [0, 1, 5, 50, 299, 300, 1_000_000] {
                let options = RssOptions {
                    newest_first,
                    limit: Some(limit),
                    ..RssOptions::default()
                };
                for rendered in [false, true] {
                    let (in_memory, spilled) = feed(&options, usize::MAX, rendered);
                    assert!(!spilled);
                    // Room for about three items: most kept items are spilled.
                    let (mixed, spilled) = feed(&options, 3000, rendered);
                    assert!(spilled || limit < 5, "limit {limit}");
                    assert!(!spilled || limit > 0, "limit {limit}");
                    assert!(
                        in_memory == mixed,
                        "limit {limit}, newest_first {newest_first}, rendered {rendered}"
                    );
                    let (on_disk, _) = feed(&options, 0, rendered);
                    assert!(in_memory == on_disk, "limit {limit}");
                }
            }
        }
    }

    #[test]
    fn a_huge_limit_gives_the_unlimited_feed() {
        for newest_first in [false, true] {
            let unlimited = RssOptions {
                newest_first,
                ..RssOptions::default()
            };
            let huge = RssOptions {
                limit: Some(usize::MAX),
                ..unlimited.clone()
            };
            let all = write_feed(Vec::new(), &channel(), &unlimited, articles()).expect("feed");
            assert!(
                feed(&huge, 3000, true).0 == all,
                "newest_first {newest_first}"
            );
        }
    }
}
