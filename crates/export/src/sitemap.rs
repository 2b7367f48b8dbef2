//! Google News sitemaps (<https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap>).
//!
//! One article with a `metadata.url` and a `published_at` within the window
//! is one `<url>`:
//!
//! | article / channel | sitemap |
//! |---|---|
//! | `metadata.url` | `loc` |
//! | channel `news_publication_name`, else `title` | `news:publication/news:name` |
//! | channel `language` | `news:publication/news:language` (ISO 639: `vi`, `en`; `zh-cn` / `zh-tw` for Chinese) |
//! | `published_at` | `news:publication_date` (W3C date-time, the article's offset) |
//! | `metadata.title` | `news:title` |
//!
//! Google reads only articles published in the last two days, so the
//! window is `now − 48 h ≤ published_at ≤ now`, both ends included, where
//! `now` is given ([`LastBuild::Fixed`], [`LastBuild::Now`]) or, by default,
//! the newest `published_at` of the batch: the same batch always gives the
//! same files. Articles left out are counted by reason ([`LeftOut`]).
//!
//! A sitemap holds at most 1,000 `news:news`. Up to that, the output is one
//! file, `news-sitemap.xml`; past it, `news-sitemap-1.xml`,
//! `news-sitemap-2.xml`, … of 1,000 URLs each (in input order), and
//! `news-sitemap-index.xml`, a sitemap index whose `loc`s are the channel's
//! `sitemap_base` (default: `link`; a `/` is added when it has none at the
//! end) followed by the file name, each with the `lastmod` of the newest
//! article in it. With no article in the window, `news-sitemap.xml` is an
//! empty `<urlset>`, so that a server still has the file to serve.
//!
//! Memory: the XML of each candidate goes to an anonymous temporary file;
//! memory holds 32 bytes per article still in the window (those older than
//! the newest seen so far by more than two days are dropped as they come).

use std::fmt::Write as _;
use std::io::{self, Write};

use articlekit_model::Article;
use time::{Duration, OffsetDateTime};

use crate::channel::{Channel, SitemapHead};
use crate::files::Files;
use crate::rss::LastBuild;
use crate::spill::{DEFAULT_HOLD, Spool, Spooled};
use crate::{Error, date, xml};

/// The most `news:news` Google reads in one sitemap.
pub const MAX_URLS_PER_FILE: usize = 1000;

/// How far back from `now` an article is still news.
const WINDOW: Duration = Duration::days(2);

/// The name of the single sitemap (at most 1,000 URLs).
pub const SINGLE_FILE: &str = "news-sitemap.xml";
/// The name of the sitemap index (more than 1,000 URLs).
pub const INDEX_FILE: &str = "news-sitemap-index.xml";

/// The name of the `n`th (from 1) sitemap of a split output.
pub fn part_file(n: usize) -> String {
    format!("news-sitemap-{n}.xml")
}

/// How the news sitemap is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapOptions {
    /// The `now` of the two-day window: `None` or [`LastBuild::NewestItem`]
    /// for the newest `published_at` of the batch; [`LastBuild::Fixed`] for
    /// an RFC 3339 date-time (`--now DATE`); [`LastBuild::Now`] for the wall
    /// clock (`--now now`).
    pub now: Option<LastBuild>,
    /// URLs per sitemap file, 1 to [`MAX_URLS_PER_FILE`] (the default).
    pub max_urls_per_file: usize,
}

impl Default for SitemapOptions {
    fn default() -> Self {
        Self {
            now: None,
            max_urls_per_file: MAX_URLS_PER_FILE,
        }
    }
}

/// Articles left out of the sitemap, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// No `metadata.url`: there is nothing for Google to crawl.
    pub no_url: u64,
    /// No `published_at`: Google needs the publication date.
    pub no_date: u64,
    /// Published more than two days before `now`.
    pub too_old: u64,
    /// Published after `now` (only with a given `now`).
    pub after_now: u64,
}

impl LeftOut {
    /// How many articles were left out in all.
    pub fn total(&self) -> u64 {
        self.no_url + self.no_date + self.too_old + self.after_now
    }
}

/// What [`NewsSitemapWriter::finish`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapSummary {
    /// The files created, in order (the index last).
    pub files: Vec<String>,
    /// How many `<url>`s they hold.
    pub urls: u64,
    /// Articles left out, by reason.
    pub left_out: LeftOut,
    /// The window's `now` (`None` when no article had a date and none was given).
    pub now: Option<OffsetDateTime>,
}

/// One article's `<url>` (or why it has none), rendered apart from the
/// writer so that a batch can be rendered on all cores and written in order
/// with [`NewsSitemapWriter::write_rendered`].
#[derive(Debug)]
pub struct RenderedUrl(Rendered);

#[derive(Debug)]
enum Rendered {
    /// No URL; the date still counts for the default `now`.
    NoUrl(Option<OffsetDateTime>),
    NoDate,
    Url {
        published: OffsetDateTime,
        /// `<url>`, `loc`, `<news:news>` up to the publication, then (from
        /// `split`) the date, title and closing tags.
        xml: String,
        split: usize,
    },
}

impl RenderedUrl {
    /// The article's `published_at`, when it can be in a sitemap at all.
    pub fn published(&self) -> Option<OffsetDateTime> {
        match &self.0 {
            Rendered::Url { published, .. } => Some(*published),
            _ => None,
        }
    }
}

/// Renders one article's `<url>`; fails only on a date that is not RFC 3339.
pub fn render_url(article: &Article) -> Result<RenderedUrl, Error> {
    render_url_dated(article, None)
}

/// [`render_url`] with `published_at` already parsed (as validation parses
/// it), so it is not parsed again; `None` when the article has it is parsed here.
pub fn render_url_dated(
    article: &Article,
    published: Option<OffsetDateTime>,
) -> Result<RenderedUrl, Error> {
    let meta = &article.metadata;
    let published = date::field_date(
        &meta.id,
        "metadata.published_at",
        meta.published_at.as_deref(),
        published,
    )?;
    let Some(url) = &meta.url else {
        return Ok(RenderedUrl(Rendered::NoUrl(published)));
    };
    let Some(published) = published else {
        return Ok(RenderedUrl(Rendered::NoDate));
    };
    let mut xml = String::with_capacity(512 + url.len() + meta.title.len());
    xml.push_str("  <url>\n    <loc>");
    xml::push_text(&mut xml, url);
    xml.push_str("</loc>\n    <news:news>\n");
    let split = xml.len();
    xml.push_str("      <news:publication_date>");
    xml.push_str(&date::format_rfc3339(published));
    xml.push_str("</news:publication_date>\n      <news:title>");
    xml::push_text(&mut xml, &meta.title);
    xml.push_str("</news:title>\n    </news:news>\n  </url>\n");
    Ok(RenderedUrl(Rendered::Url {
        published,
        xml,
        split,
    }))
}

/// A candidate kept for the sitemap: its date and where its XML is.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    published: OffsetDateTime,
    offset: u64,
    len: u32,
    split: u32,
}

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// Writes a Google News sitemap, or several and their index, fed one
/// article at a time; see the module docs for the window, the files and
/// the memory used. Nothing is written before [`NewsSitemapWriter::finish`].
///
/// ```
/// use std::collections::BTreeMap;
/// use std::io::{self, Write};
/// use std::sync::{Arc, Mutex};
///
/// use articlekit_export::channel::Channel;
/// use articlekit_export::sitemap::{NewsSitemapWriter, SitemapOptions};
/// use articlekit_model::Article;
///
/// /// Files kept in memory, by name.
/// #[derive(Clone, Default)]
/// struct Memory(Arc<Mutex<BTreeMap<String, Vec<u8>>>>);
/// struct One(Memory, String);
/// impl Write for One {
///     fn write(&mut self, b: &[u8]) -> io::Result<usize> {
///         self.0.0.lock().unwrap().entry(self.1.clone()).or_default().extend_from_slice(b);
///         Ok(b.len())
///     }
///     fn flush(&mut self) -> io::Result<()> { Ok(()) }
/// }
///
/// let channel = Channel::from_toml_str(r#"
///     title = "Sóng AI"
///     link = "https://songai.example/"
///     language = "vi"
/// "#)?;
/// let article: Article = serde_json::from_str(r#"{"metadata":{"id":"a-1",
///     "title":"Tiêu đề","language":"vi","url":"https://songai.example/a-1",
///     "published_at":"2025-07-20T08:00:00+07:00"},
///     "summary":"Tóm tắt.","bullets":["Ý chính"],"discussion_count":3}"#).unwrap();
///
/// let memory = Memory::default();
/// let files = memory.clone();
/// let open = move |name: &str| -> io::Result<Box<dyn Write + Send>> {
///     Ok(Box::new(One(files.clone(), name.to_owned())))
/// };
/// let mut writer = NewsSitemapWriter::new(open, &channel, &SitemapOptions::default())?;
/// writer.write_article(&article)?;
/// let summary = writer.finish()?;
/// assert_eq!(summary.files, ["news-sitemap.xml"]);
/// assert_eq!(summary.urls, 1);
/// let xml = String::from_utf8(memory.0.lock().unwrap()["news-sitemap.xml"].clone()).unwrap();
/// assert!(xml.contains("<news:publication_date>2025-07-20T08:00:00+07:00</news:publication_date>"));
/// # Ok::<(), articlekit_export::Error>(())
/// ```
pub struct NewsSitemapWriter<F: Files> {
    files: F,
    head: SitemapHead,
    /// The `<news:publication>` block, the same in every `<url>`.
    publication: String,
    fixed_now: Option<OffsetDateTime>,
    max_per_file: usize,
    spill: Spool,
    candidates: Vec<Candidate>,
    newest: Option<OffsetDateTime>,
    prune_at: usize,
    left_out: LeftOut,
}

impl<F: Files> std::fmt::Debug for NewsSitemapWriter<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewsSitemapWriter")
            .field("head", &self.head)
            .field("fixed_now", &self.fixed_now)
            .field("candidates", &self.candidates.len())
            .field("newest", &self.newest)
            .field("left_out", &self.left_out)
            .finish_non_exhaustive()
    }
}

impl<F: Files> NewsSitemapWriter<F> {
    /// Checks the channel (it needs a `language`) and the options.
    pub fn new(files: F, channel: &Channel, options: &SitemapOptions) -> Result<Self, Error> {
        let head = channel.sitemap_checked()?;
        if !(1..=MAX_URLS_PER_FILE).contains(&options.max_urls_per_file) {
            return Err(Error::OptionInvalid {
                option: "max_urls_per_file",
                problem: "must be 1 to 1000 (Google reads at most 1,000 per sitemap)",
                value: options.max_urls_per_file.to_string(),
            });
        }
        let fixed_now = match &options.now {
            None | Some(LastBuild::NewestItem) => None,
            Some(LastBuild::Fixed(text)) => {
                Some(date::parse_rfc3339(text).map_err(|_| Error::OptionInvalid {
                    option: "now",
                    problem: "is not an RFC 3339 date-time with an offset",
                    value: text.clone(),
                })?)
            }
            Some(LastBuild::Now) => Some(OffsetDateTime::now_utc()),
        };
        let mut publication = String::with_capacity(256);
        publication.push_str("      <news:publication>\n        <news:name>");
        xml::push_text(&mut publication, &head.name);
        publication.push_str("</news:name>\n        <news:language>");
        xml::push_text(&mut publication, &head.language);
        publication.push_str("</news:language>\n      </news:publication>\n");
        Ok(Self {
            files,
            head,
            publication,
            fixed_now,
            max_per_file: options.max_urls_per_file,
            spill: Spool::new(DEFAULT_HOLD),
            candidates: Vec::new(),
            newest: None,
            prune_at: 1024,
            left_out: LeftOut::default(),
        })
    }

    /// Renders and adds one article.
    pub fn write_article(&mut self, article: &Article) -> Result<(), Error> {
        self.write_rendered(render_url(article)?)
    }

    /// Adds a `<url>` made by [`render_url`] (which can run on other
    /// threads), or counts why the article has none.
    pub fn write_rendered(&mut self, url: RenderedUrl) -> Result<(), Error> {
        let (published, xml, split) = match url.0 {
            Rendered::NoUrl(published) => {
                self.left_out.no_url += 1;
                self.newest = self.newest.max(published);
                return Ok(());
            }
            Rendered::NoDate => {
                self.left_out.no_date += 1;
                return Ok(());
            }
            Rendered::Url {
                published,
                xml,
                split,
            } => (published, xml, split),
        };
        match self.fixed_now {
            Some(now) if published > now => {
                self.left_out.after_now += 1;
                return Ok(());
            }
            Some(now) if published < now - WINDOW => {
                self.left_out.too_old += 1;
                return Ok(());
            }
            Some(_) => {}
            None => {
                if self.newest.is_some_and(|n| published < n - WINDOW) {
                    self.left_out.too_old += 1;
                    return Ok(());
                }
                self.newest = self.newest.max(Some(published));
            }
        }
        let offset = self.spill.append(&xml)?;
        self.candidates.push(Candidate {
            published,
            offset,
            // A title is at most 300 characters and a URL far less than 4 GiB.
            len: u32::try_from(xml.len()).unwrap_or(u32::MAX),
            split: u32::try_from(split).unwrap_or(u32::MAX),
        });
        if self.candidates.len() >= self.prune_at {
            self.prune();
            self.prune_at = (self.candidates.len() * 2).max(1024);
        }
        Ok(())
    }

    /// Drops the candidates older than the window of the newest seen so far.
    fn prune(&mut self) {
        let Some(start) = self.fixed_now.or(self.newest).map(|n| n - WINDOW) else {
            return;
        };
        let before = self.candidates.len();
        self.candidates.retain(|c| c.published >= start);
        self.left_out.too_old += (before - self.candidates.len()) as u64;
    }

    /// Sets how many bytes of held `<url>` elements the writer keeps in
    /// memory before a temporary file takes the rest (by default
    /// [`DEFAULT_HOLD`](crate::DEFAULT_HOLD)), for the articles to come (set
    /// it before the first).
    pub fn hold_in_memory(&mut self, bytes: usize) {
        self.spill.set_budget(bytes);
    }

    /// Writes the sitemap file(s) and, past 1,000 URLs, the index; gives
    /// what was written and what was left out.
    pub fn finish(mut self) -> Result<SitemapSummary, Error> {
        self.prune();
        let now = self.fixed_now.or(self.newest);
        let file = self.spill_file()?;
        let candidates = std::mem::take(&mut self.candidates);
        let mut names = Vec::new();
        if candidates.len() <= self.max_per_file {
            self.write_urlset(SINGLE_FILE, &candidates, &file)?;
            names.push(SINGLE_FILE.to_owned());
        } else {
            let mut index = String::with_capacity(256 * candidates.len() / self.max_per_file);
            index.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            let base = if self.head.base.ends_with('/') {
                self.head.base.clone()
            } else {
                format!("{}/", self.head.base)
            };
            for (i, chunk) in candidates.chunks(self.max_per_file).enumerate() {
                let name = part_file(i + 1);
                self.write_urlset(&name, chunk, &file)?;
                index.push_str("  <sitemap>\n    <loc>");
                xml::push_text(&mut index, &base);
                index.push_str(&name);
                index.push_str("</loc>\n");
                if let Some(newest) = chunk.iter().map(|c| c.published).max() {
                    let _ = writeln!(
                        index,
                        "    <lastmod>{}</lastmod>",
                        date::format_rfc3339(newest)
                    );
                }
                index.push_str("  </sitemap>\n");
                names.push(name);
            }
            index.push_str("</sitemapindex>\n");
            let mut out = self.create(INDEX_FILE)?;
            out.write_all(index.as_bytes())?;
            out.flush()?;
            names.push(INDEX_FILE.to_owned());
        }
        Ok(SitemapSummary {
            files: names,
            urls: candidates.len() as u64,
            left_out: self.left_out,
            now,
        })
    }

    fn spill_file(&mut self) -> Result<Spooled, Error> {
        let spill = std::mem::replace(&mut self.spill, Spool::new(0));
        spill.finish()
    }

    fn create(&mut self, name: &str) -> Result<Box<dyn Write + Send>, Error> {
        self.files.create(name).map_err(|source| Error::Create {
            name: name.to_owned(),
            source,
        })
    }

    fn write_urlset(
        &mut self,
        name: &str,
        candidates: &[Candidate],
        file: &Spooled,
    ) -> Result<(), Error> {
        let mut out = io::BufWriter::with_capacity(1 << 16, self.create(name)?);
        out.write_all(URLSET_HEAD.as_bytes())?;
        let mut buffer = Vec::new();
        for c in candidates {
            buffer.resize(c.len as usize, 0);
            file.read_at(&mut buffer, c.offset).map_err(Error::Spill)?;
            let split = c.split as usize;
            out.write_all(&buffer[..split])?;
            out.write_all(self.publication.as_bytes())?;
            out.write_all(&buffer[split..])?;
        }
        out.write_all(URLSET_TAIL.as_bytes())?;
        out.flush()?;
        Ok(())
    }
}

/// Writes the sitemap(s) of a whole batch: [`NewsSitemapWriter::new`],
/// every article, [`NewsSitemapWriter::finish`].
pub fn write_sitemaps<F, A>(
    files: F,
    channel: &Channel,
    options: &SitemapOptions,
    articles: impl IntoIterator<Item = A>,
) -> Result<SitemapSummary, Error>
where
    F: Files,
    A: std::borrow::Borrow<Article>,
{
    let mut writer = NewsSitemapWriter::new(files, channel, options)?;
    for article in articles {
        writer.write_article(article.borrow())?;
    }
    writer.finish()
}
