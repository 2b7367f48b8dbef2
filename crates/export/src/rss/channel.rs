//! The RSS channel: what the feed says about itself, read from a TOML file.

use serde::Deserialize;

use crate::{Error, date};

/// The channel of an RSS feed, as read from a channel file (TOML) and/or
/// set from flags.
///
/// `title`, `link`, `description` and `self_link` are required; they are
/// options here so that flags can fill in what a file leaves out, and
/// [`Channel::validate`] names any that is still missing.
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

    /// Checks that every required value is present and every value usable;
    /// the error names the key.
    pub fn validate(&self) -> Result<(), Error> {
        self.checked().map(drop)
    }

    pub(crate) fn checked(&self) -> Result<Head, Error> {
        let title = required(self.title.as_ref(), "title", "the name of the feed")?;
        let link = url(
            required(
                self.link.as_ref(),
                "link",
                "the URL of the site the feed is about",
            )?,
            "link",
        )?;
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
        Ok(Head {
            copyright: optional(self.copyright.as_ref(), "copyright")?,
            generator: optional(self.generator.as_ref(), "generator")?
                .unwrap_or_else(|| concat!("articlekit ", env!("CARGO_PKG_VERSION")).to_owned()),
            ttl: at_most(self.ttl, u32::MAX, "ttl")?,
            title,
            link,
            description,
            self_link,
            language,
            last_build_date,
            image,
        })
    }
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
