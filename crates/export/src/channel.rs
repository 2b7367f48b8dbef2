//! The channel: what a feed (RSS, Atom, JSON Feed) or a news sitemap says
//! about itself, read from one TOML file for every format.

use serde::Deserialize;

use crate::{Error, date};

/// The channel of a feed, as read from a channel file (TOML) and/or set
/// from flags. One file serves every format; each format requires its own
/// keys (see [`Format`]), and [`Channel::validate_for`] names any that is
/// still missing. Values are options here so that flags can fill in what a
/// file leaves out.
///
/// - every format: `title`, `link`;
/// - RSS: `description`, `self_link`;
/// - Atom: `id`, `author`, `atom_self_link` (and `description`, as the subtitle, if given);
/// - JSON Feed: `jsonfeed_self_link` when `hubs` are given (WebSub needs the feed's own URL);
/// - news sitemap: `language`.
///
/// ```
/// use articlekit_export::rss::Channel;
///
/// let channel = Channel::from_toml_str(r#"
///     title = "Sóng AI"
///     link = "https://songai.example/"
///     description = "Tóm tắt tin, bài trí tuệ nhân tạo"
///     self_link = "https://songai.example/rss.xml"
/// "#)?;
/// channel.validate()?;
///
/// let missing = Channel::from_toml_str(r#"title = "x""#)?.validate().unwrap_err();
/// assert_eq!(
///     missing.to_string(),
///     "channel: missing required key `link` (the URL of the site the feed is about)"
/// );
/// # Ok::<(), articlekit_export::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// The feed's name (`<title>`). Required.
    pub title: Option<String>,
    /// The site the feed is about, an absolute http(s) URL (`<link>`). Required.
    pub link: Option<String>,
    /// One sentence on what the feed is (`<description>`). Required.
    pub description: Option<String>,
    /// The feed's language as a BCP 47 tag (`<language>`).
    pub language: Option<String>,
    /// Copyright notice (`<copyright>`).
    pub copyright: Option<String>,
    /// Where the feed itself is served (`<atom:link rel="self">`). Required.
    pub self_link: Option<String>,
    /// The program that made the feed (`<generator>`); `articlekit <version>` when absent.
    pub generator: Option<String>,
    /// A fixed `<lastBuildDate>` (RFC 3339), instead of the newest item's date.
    pub last_build_date: Option<String>,
    /// Minutes a reader may cache the feed (`<ttl>`).
    pub ttl: Option<u32>,
    /// The feed's logo (`<image>`).
    pub image: Option<ChannelImage>,
    /// The Atom feed's `<id>`: an absolute IRI that never changes, such as
    /// `tag:songai.example,2025:feed` (RFC 4151) or the feed's URL. Entry
    /// ids are this IRI, `#`, and the article's `metadata.id`, so it must
    /// not hold a `#`. Required for Atom.
    pub id: Option<String>,
    /// Who publishes the feed: the Atom feed's `<author>` (RFC 4287 wants
    /// one on the feed or on every entry, and entries may have none) and the
    /// JSON Feed's `authors`. Required for Atom.
    pub author: Option<ChannelAuthor>,
    /// Where the Atom feed is served (`<link rel="self">`). Required for Atom.
    pub atom_self_link: Option<String>,
    /// Where the JSON Feed is served (`feed_url`). Required for JSON Feed
    /// when `hubs` are given.
    pub jsonfeed_self_link: Option<String>,
    /// WebSub hubs that subscribers are told to use: `<atom:link rel="hub">`
    /// in RSS and Atom, `hubs` in JSON Feed. Flags may add more.
    #[serde(default)]
    pub hubs: Vec<String>,
    /// The publication's name in a news sitemap (`<news:name>`), exactly as
    /// Google News knows it; `title` when absent.
    pub news_publication_name: Option<String>,
    /// The URL the news sitemap files are served under (their directory,
    /// ending in `/`), for the `<loc>`s of the sitemap index; `link` when
    /// absent.
    pub sitemap_base: Option<String>,
    /// The URL the RFC 5005 archive documents are served under (their
    /// directory; a `/` is added when it has none at the end): archive `k`
    /// of the Atom feed is `{archive_base}atom-archive-{k}.xml`, of the RSS
    /// feed `{archive_base}rss-archive-{k}.xml`. Required for archives.
    pub archive_base: Option<String>,
}

/// Which output a channel is checked for by [`Channel::validate_for`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// RSS 2.0.
    Rss,
    /// Atom 1.0.
    Atom,
    /// JSON Feed 1.1.
    JsonFeed,
    /// Google News sitemap.
    NewsSitemap,
}

/// The feed's author (Atom `<author>`, JSON Feed `authors`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelAuthor {
    /// The name shown to readers. Required.
    pub name: String,
    /// A page about the author, an absolute http(s) URL.
    pub uri: Option<String>,
    /// An e-mail address (Atom only: JSON Feed has no field for it).
    pub email: Option<String>,
}

/// The channel's `<image>`: a GIF, JPEG or PNG logo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelImage {
    /// The image's absolute http(s) URL. Required.
    pub url: String,
    /// Its alt text; the channel title when absent (the RSS spec wants them equal).
    pub title: Option<String>,
    /// Where clicking it leads; the channel link when absent.
    pub link: Option<String>,
    /// Width in pixels, at most 144.
    pub width: Option<u32>,
    /// Height in pixels, at most 400.
    pub height: Option<u32>,
}

/// A validated channel, every required value present.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    pub title: String,
    pub link: String,
    pub description: String,
    pub self_link: String,
    pub language: Option<String>,
    pub copyright: Option<String>,
    pub generator: String,
    pub last_build_date: Option<time::OffsetDateTime>,
    pub ttl: Option<u32>,
    pub image: Option<Image>,
    pub hubs: Vec<String>,
}

/// A validated channel author.
#[derive(Debug, Clone)]
pub(crate) struct Author {
    pub name: String,
    pub uri: Option<String>,
    pub email: Option<String>,
}

/// What every format needs, validated.
#[derive(Debug, Clone)]
pub(crate) struct Common {
    pub title: String,
    pub link: String,
    pub description: Option<String>,
    pub language: Option<String>,
    pub copyright: Option<String>,
    pub generator: String,
    pub last_build_date: Option<time::OffsetDateTime>,
    pub image: Option<Image>,
    pub author: Option<Author>,
    pub hubs: Vec<String>,
}

/// A validated channel image.
#[derive(Debug, Clone)]
pub(crate) struct Image {
    pub url: String,
    pub title: String,
    pub link: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

fn required(
    value: Option<&String>,
    key: &'static str,
    meaning: &'static str,
) -> Result<String, Error> {
    match value {
        Some(v) if v.chars().any(|c| !c.is_whitespace()) => Ok(v.clone()),
        Some(v) => Err(Error::ChannelInvalid {
            key,
            problem: "is blank",
            value: v.clone(),
        }),
        None => Err(Error::ChannelMissing { key, meaning }),
    }
}

fn optional(value: Option<&String>, key: &'static str) -> Result<Option<String>, Error> {
    match value {
        Some(v) if v.chars().all(char::is_whitespace) => Err(Error::ChannelInvalid {
            key,
            problem: "is blank",
            value: v.clone(),
        }),
        other => Ok(other.cloned()),
    }
}

/// An absolute http(s) URL with a host and no whitespace or control characters.
fn is_http_url(value: &str) -> bool {
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &value[8..]
    } else if lower.starts_with("http://") {
        &value[7..]
    } else {
        return false;
    };
    rest.chars()
        .next()
        .is_some_and(|c| !matches!(c, '/' | '?' | '#'))
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn url(value: String, key: &'static str) -> Result<String, Error> {
    if is_http_url(&value) {
        Ok(value)
    } else {
        Err(Error::ChannelInvalid {
            key,
            problem: "is not an absolute http(s) URL",
            value,
        })
    }
}

fn is_language_tag(value: &str) -> bool {
    let mut parts = value.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn at_most(value: Option<u32>, max: u32, key: &'static str) -> Result<Option<u32>, Error> {
    match value {
        Some(n) if n == 0 || n > max => Err(Error::ChannelInvalid {
            key,
            problem: if n == 0 {
                "must be at least 1"
            } else {
                "is larger than the RSS maximum"
            },
            value: n.to_string(),
        }),
        other => Ok(other),
    }
}

impl Channel {
    /// Reads a channel file. Unknown keys are errors, so a typo does not
    /// silently drop a setting; required keys are checked by [`Channel::validate`].
    pub fn from_toml_str(text: &str) -> Result<Self, Error> {
        toml::from_str(text).map_err(|e| Error::ChannelToml(Box::new(e)))
    }

    /// Checks that every value RSS requires is present and every value
    /// usable; the error names the key. The same as
    /// `validate_for(Format::Rss)`.
    pub fn validate(&self) -> Result<(), Error> {
        self.checked().map(drop)
    }

    /// Checks that every value `format` requires is present and every value
    /// usable; the error names the key.
    ///
    /// ```
    /// use articlekit_export::channel::{Channel, Format};
    ///
    /// let channel = Channel::from_toml_str(r#"
    ///     title = "Sóng AI"
    ///     link = "https://songai.example/"
    /// "#)?;
    /// assert_eq!(
    ///     channel.validate_for(Format::Atom).unwrap_err().to_string(),
    ///     "channel: missing required key `id` (the Atom feed's permanent IRI, \
    ///      such as `tag:songai.example,2025:feed`)"
    /// );
    /// channel.validate_for(Format::JsonFeed)?;
    /// # Ok::<(), articlekit_export::Error>(())
    /// ```
    pub fn validate_for(&self, format: Format) -> Result<(), Error> {
        match format {
            Format::Rss => self.checked().map(drop),
            Format::Atom => self.atom_checked().map(drop),
            Format::JsonFeed => self.jsonfeed_checked().map(drop),
            Format::NewsSitemap => self.sitemap_checked().map(drop),
        }
    }

    /// The values every format shares, checked.
    pub(crate) fn common(&self) -> Result<Common, Error> {
        let title = required(self.title.as_ref(), "title", "the name of the feed")?;
        let link = url(
            required(
                self.link.as_ref(),
                "link",
                "the URL of the site the feed is about",
            )?,
            "link",
        )?;
        let language = optional(self.language.as_ref(), "language")?;
        if let Some(tag) = &language {
            if !is_language_tag(tag) {
                return Err(Error::ChannelInvalid {
                    key: "language",
                    problem: "is not a BCP 47 language tag",
                    value: tag.clone(),
                });
            }
        }
        let last_build_date = match &self.last_build_date {
            Some(text) => Some(
                date::parse_rfc3339(text).map_err(|_| Error::ChannelInvalid {
                    key: "last_build_date",
                    problem: "is not an RFC 3339 date-time with an offset",
                    value: text.clone(),
                })?,
            ),
            None => None,
        };
        let image = match &self.image {
            Some(image) => Some(Image {
                url: url(image.url.clone(), "image.url")?,
                title: optional(image.title.as_ref(), "image.title")?
                    .unwrap_or_else(|| title.clone()),
                link: match optional(image.link.as_ref(), "image.link")? {
                    Some(l) => url(l, "image.link")?,
                    None => link.clone(),
                },
                width: at_most(image.width, 144, "image.width")?,
                height: at_most(image.height, 400, "image.height")?,
            }),
            None => None,
        };
        let author = match &self.author {
            Some(a) => Some(Author {
                name: required(Some(&a.name), "author.name", "the author's name")?,
                uri: optional(a.uri.as_ref(), "author.uri")?
                    .map(|u| url(u, "author.uri"))
                    .transpose()?,
                email: match optional(a.email.as_ref(), "author.email")? {
                    Some(e) if !is_email(&e) => {
                        return Err(Error::ChannelInvalid {
                            key: "author.email",
                            problem: "is not an e-mail address",
                            value: e,
                        });
                    }
                    other => other,
                },
            }),
            None => None,
        };
        let mut hubs = Vec::with_capacity(self.hubs.len());
        for hub in &self.hubs {
            hubs.push(url(hub.clone(), "hubs")?);
        }
        Ok(Common {
            description: optional(self.description.as_ref(), "description")?,
            copyright: optional(self.copyright.as_ref(), "copyright")?,
            generator: optional(self.generator.as_ref(), "generator")?
                .unwrap_or_else(|| concat!("articlekit ", env!("CARGO_PKG_VERSION")).to_owned()),
            title,
            link,
            language,
            last_build_date,
            image,
            author,
            hubs,
        })
    }

    pub(crate) fn checked(&self) -> Result<Head, Error> {
        let common = self.common()?;
        let description = required(
            self.description.as_ref(),
            "description",
            "one sentence on what the feed is",
        )?;
        let self_link = url(
            required(
                self.self_link.as_ref(),
                "self_link",
                "the URL the feed itself is served at, for <atom:link rel=\"self\">",
            )?,
            "self_link",
        )?;
        Ok(Head {
            copyright: common.copyright,
            generator: common.generator,
            ttl: at_most(self.ttl, u32::MAX, "ttl")?,
            title: common.title,
            link: common.link,
            description,
            self_link,
            language: common.language,
            last_build_date: common.last_build_date,
            image: common.image,
            hubs: common.hubs,
        })
    }

    /// The directory URL of the archives, ending in `/`.
    pub(crate) fn archive_base_checked(&self) -> Result<String, Error> {
        let base = url(
            required(
                self.archive_base.as_ref(),
                "archive_base",
                "the URL the archive documents are served under",
            )?,
            "archive_base",
        )?;
        Ok(if base.ends_with('/') {
            base
        } else {
            format!("{base}/")
        })
    }

    pub(crate) fn atom_checked(&self) -> Result<AtomHead, Error> {
        let common = self.common()?;
        let id = required(
            self.id.as_ref(),
            "id",
            "the Atom feed's permanent IRI, such as `tag:songai.example,2025:feed`",
        )?;
        if !is_iri(&id) {
            return Err(Error::ChannelInvalid {
                key: "id",
                problem: "is not an absolute IRI without `#` (entry ids append `#` and the article id)",
                value: id,
            });
        }
        if common.author.is_none() {
            return Err(Error::ChannelMissing {
                key: "author",
                meaning: "the feed's author, `[author] name = ...`: Atom wants one for entries without authors",
            });
        }
        let self_link = url(
            required(
                self.atom_self_link.as_ref(),
                "atom_self_link",
                "the URL the Atom feed itself is served at, for <link rel=\"self\">",
            )?,
            "atom_self_link",
        )?;
        Ok(AtomHead {
            id,
            self_link,
            common,
        })
    }

    pub(crate) fn jsonfeed_checked(&self) -> Result<JsonFeedHead, Error> {
        let common = self.common()?;
        let feed_url = match optional(self.jsonfeed_self_link.as_ref(), "jsonfeed_self_link")? {
            Some(u) => Some(url(u, "jsonfeed_self_link")?),
            None if !common.hubs.is_empty() => {
                return Err(Error::ChannelMissing {
                    key: "jsonfeed_self_link",
                    meaning: "the URL the JSON Feed is served at: WebSub hubs need it",
                });
            }
            None => None,
        };
        Ok(JsonFeedHead { feed_url, common })
    }

    pub(crate) fn sitemap_checked(&self) -> Result<SitemapHead, Error> {
        let common = self.common()?;
        let Some(language) = common.language.as_deref() else {
            return Err(Error::ChannelMissing {
                key: "language",
                meaning: "the publication's language, for <news:language>",
            });
        };
        let language = news_language(language);
        let name = optional(self.news_publication_name.as_ref(), "news_publication_name")?
            .unwrap_or_else(|| common.title.clone());
        let base = match optional(self.sitemap_base.as_ref(), "sitemap_base")? {
            Some(b) => url(b, "sitemap_base")?,
            None => common.link.clone(),
        };
        Ok(SitemapHead {
            name,
            language,
            base,
        })
    }
}

/// A validated Atom channel.
#[derive(Debug, Clone)]
pub(crate) struct AtomHead {
    pub id: String,
    pub self_link: String,
    pub common: Common,
}

/// A validated JSON Feed channel.
#[derive(Debug, Clone)]
pub(crate) struct JsonFeedHead {
    pub feed_url: Option<String>,
    pub common: Common,
}

/// A validated news sitemap channel.
#[derive(Debug, Clone)]
pub(crate) struct SitemapHead {
    /// `<news:name>`.
    pub name: String,
    /// `<news:language>`, in Google's form.
    pub language: String,
    /// The directory URL the sitemap files are served under.
    pub base: String,
}

/// `local@domain`, one `@`, no whitespace or markup: what Atom's
/// `atom:email` (an RFC 2822 addr-spec) needs at the least.
fn is_email(value: &str) -> bool {
    value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !domain.is_empty() && !domain.contains('@')
    }) && !value
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | ';'))
}

/// An absolute IRI (a scheme, `:`, more) without whitespace, controls or `#`.
fn is_iri(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '#' | '<' | '>' | '"'))
}

/// A BCP 47 tag as Google News wants it: the ISO 639 language code, except
/// `zh-cn` (Simplified) and `zh-tw` (Traditional) for Chinese.
fn news_language(tag: &str) -> String {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let primary = parts.next().unwrap_or_default().to_owned();
    if primary != "zh" {
        return primary;
    }
    let traditional = lower
        .split('-')
        .any(|p| matches!(p, "hant" | "tw" | "hk" | "mo"));
    if traditional { "zh-tw" } else { "zh-cn" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
        title = "Sóng AI"
        link = "https://songai.example/"
        description = "Tóm tắt tin"
        self_link = "https://songai.example/rss.xml"
    "#;

    fn err(text: &str) -> String {
        match Channel::from_toml_str(text).and_then(|c| c.validate()) {
            Ok(()) => "ok".to_owned(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn accepts_a_minimal_channel_and_defaults_the_generator() {
        let head = Channel::from_toml_str(MINIMAL)
            .expect("test data is valid")
            .checked()
            .expect("test data is valid");
        assert_eq!(
            head.generator,
            format!("articlekit {}", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(head.title, "Sóng AI");
        assert!(head.image.is_none() && head.language.is_none());
    }

    #[test]
    fn names_each_missing_required_key() {
        let keys = ["title", "link", "description", "self_link"];
        for key in keys {
            let text: String = MINIMAL
                .lines()
                .filter(|l| !l.trim_start().starts_with(&format!("{key} =")))
                .collect::<Vec<_>>()
                .join("\n");
            let message = err(&text);
            assert!(
                message.starts_with(&format!("channel: missing required key `{key}` (")),
                "{message}"
            );
        }
        assert_eq!(
            err(&format!("{MINIMAL}\ncopyright = \"  \"")),
            "channel: `copyright` is blank: `  `"
        );
        assert_eq!(
            err(&MINIMAL.replace("\"Sóng AI\"", "\"\"")),
            "channel: `title` is blank: ``"
        );
    }

    #[test]
    fn refuses_bad_values_naming_the_key() {
        assert_eq!(
            err(&MINIMAL.replace("https://songai.example/rss.xml", "/rss.xml")),
            "channel: `self_link` is not an absolute http(s) URL: `/rss.xml`"
        );
        assert_eq!(
            err(&format!("{MINIMAL}\nlanguage = \"vi_VN\"")),
            "channel: `language` is not a BCP 47 language tag: `vi_VN`"
        );
        assert_eq!(
            err(&format!("{MINIMAL}\nlast_build_date = \"2025-07-20\"")),
            "channel: `last_build_date` is not an RFC 3339 date-time with an offset: `2025-07-20`"
        );
        assert_eq!(
            err(&format!(
                "{MINIMAL}\n[image]\nurl = \"https://songai.example/logo.png\"\nwidth = 200"
            )),
            "channel: `image.width` is larger than the RSS maximum: `200`"
        );
        assert_eq!(
            err(&format!("{MINIMAL}\nttl = 0")),
            "channel: `ttl` must be at least 1: `0`"
        );
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_toml_errors() {
        for text in [
            format!("{MINIMAL}\ntitel = \"x\""),
            format!("{MINIMAL}\nttl = \"60\""),
            "title = ".to_owned(),
        ] {
            let e = Channel::from_toml_str(&text).expect_err("must be refused");
            assert!(matches!(e, Error::ChannelToml(_)), "{e:?}");
        }
    }

    #[test]
    fn image_defaults_to_channel_title_and_link() {
        let head = Channel::from_toml_str(&format!(
            "{MINIMAL}\n[image]\nurl = \"https://songai.example/logo.png\"\nwidth = 144\nheight = 400"
        ))
        .expect("test data is valid")
        .checked()
        .expect("test data is valid");
        let image = head.image.expect("test data is valid");
        assert_eq!(
            (image.title.as_str(), image.link.as_str()),
            ("Sóng AI", "https://songai.example/")
        );
        assert_eq!((image.width, image.height), (Some(144), Some(400)));
    }

    const ATOM: &str = r#"
        title = "Sóng AI"
        link = "https://songai.example/"
        id = "tag:songai.example,2025:feed"
        atom_self_link = "https://songai.example/atom.xml"
        [author]
        name = "Sóng AI"
    "#;

    fn err_for(text: &str, format: Format) -> String {
        match Channel::from_toml_str(text).and_then(|c| c.validate_for(format)) {
            Ok(()) => "ok".to_owned(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn atom_needs_id_author_and_self_link() {
        assert_eq!(err_for(ATOM, Format::Atom), "ok");
        for key in ["id =", "atom_self_link =", "[author]"] {
            let text: String = ATOM
                .lines()
                .filter(|l| {
                    !(l.trim_start().starts_with(key)
                        || key == "[author]" && l.contains("name = \"Sóng AI\""))
                })
                .collect::<Vec<_>>()
                .join("\n");
            let message = err_for(&text, Format::Atom);
            assert!(
                message.starts_with("channel: missing required key `"),
                "{message}"
            );
        }
        assert_eq!(
            err_for(&ATOM.replace("feed\"", "feed#x\""), Format::Atom),
            "channel: `id` is not an absolute IRI without `#` (entry ids append `#` and the article id): `tag:songai.example,2025:feed#x`"
        );
        // RSS keys are not needed for Atom, and Atom keys not for RSS.
        assert_eq!(err_for(MINIMAL, Format::Rss), "ok");
    }

    #[test]
    fn author_email_must_be_an_address() {
        assert_eq!(
            err_for(&format!("{ATOM}email = \"tin bai\""), Format::Atom),
            "channel: `author.email` is not an e-mail address: `tin bai`"
        );
        assert_eq!(
            err_for(
                &format!("{ATOM}email = \"tin@songai.example\""),
                Format::Atom
            ),
            "ok"
        );
    }

    #[test]
    fn jsonfeed_needs_its_url_only_with_hubs() {
        assert_eq!(err_for(MINIMAL, Format::JsonFeed), "ok");
        assert_eq!(
            err_for(
                &format!("hubs = [\"https://hub.example/\"]\n{MINIMAL}"),
                Format::JsonFeed
            ),
            "channel: missing required key `jsonfeed_self_link` (the URL the JSON Feed is served at: WebSub hubs need it)"
        );
        assert_eq!(
            err_for(&format!("hubs = [\"hub.example\"]\n{MINIMAL}"), Format::Rss),
            "channel: `hubs` is not an absolute http(s) URL: `hub.example`"
        );
    }

    #[test]
    fn sitemap_needs_a_language_in_googles_form() {
        assert!(err_for(MINIMAL, Format::NewsSitemap).contains("`language`"));
        for (tag, google) in [
            ("vi", "vi"),
            ("en-GB", "en"),
            ("zh-Hans", "zh-cn"),
            ("zh-Hant-TW", "zh-tw"),
            ("zh", "zh-cn"),
        ] {
            assert_eq!(news_language(tag), google);
        }
        let head = Channel::from_toml_str(&format!("language = \"vi\"\n{MINIMAL}"))
            .expect("valid")
            .sitemap_checked()
            .expect("valid");
        assert_eq!(
            (head.name.as_str(), head.base.as_str()),
            ("Sóng AI", "https://songai.example/")
        );
    }

    #[test]
    fn recognises_http_urls() {
        for good in [
            "https://a.example",
            "HTTP://a.example/x?y#z",
            "http://[::1]:8080/",
        ] {
            assert!(is_http_url(good), "{good}");
        }
        for bad in [
            "ftp://a.example",
            "https://",
            "https:///x",
            "https://a b",
            "a.example",
            "ht",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
