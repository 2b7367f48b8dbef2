//! The walk through a page, part by part, in the order the format fixes.

use articlekit_model::{Article, Attachment, Metadata, Publisher, Source, id_from_url};

use crate::attachments::parse_attachment;
use crate::error::{PageError, PageErrorKind};
use crate::line::{Line, trim};
use crate::markers::{self, AttachmentsLine, Bullet};
use crate::number::{NumberError, parse_grouped};
use crate::text::{Cursor, split_lines};
use crate::url::is_http_url;
use crate::{Page, PageOptions, language};

const HEADLINE: &str = "the headline (the first non-blank line)";
const FIRST_BULLET: &str = "a bullet line (`• ` and the text)";
const BULLET_OR_SUMMARY: &str =
    "another bullet line (`• ` and the text) or the summary line starting with `📌`";
const BULLET_SPACE: &str = "a space after the bullet sign `•`";
const BULLET_TEXT: &str = "the bullet's text after `• `";
const BULLET_BEFORE_SUMMARY: &str =
    "at least one bullet line (`• ` and the text) before the summary line";
const SUMMARY_TEXT: &str = "the summary's text after `📌`";
const SOURCE_URL: &str = "the source URL (an absolute http or https URL)";
const SOURCE_TITLE: &str = "the source title (the line after the source URL)";
const SOURCE_SUBTITLE: &str = "the source subtitle (the line after the source title)";
const ATTACHMENTS_LINE: &str = "the attachments line `Không có file đính kèm.` or `File đính kèm:`";
const ATTACHMENTS_BEFORE_COUNT: &str = "the attachments line `Không có file đính kèm.` or `File đính kèm:` before the discussion count";
const FIRST_ATTACHMENT: &str = "an attachment line (`• <name> - <URL>`) after `File đính kèm:`";
const ATTACHMENT_OR_COUNT: &str =
    "another attachment line (`• <name> - <URL>`) or the discussion count";
const COUNT: &str = "the discussion count (digits, optionally with . or , thousands separators)";
const COUNT_GROUPS: &str =
    "the discussion count with thousands separators every three digits (`1.234` or `1,234`)";
const COUNT_MAX: &str = "a discussion count of at most 4294967295";
const DISCUSSION: &str = "the line `Thảo luận` after the discussion count";
const FOOTER: &str = "the footer `© <name> - <tagline>`";
const FOOTER_NAME: &str = "the publisher's name after `©`";
const END: &str = "the end of the page after the footer";

/// Reads decoded page text into a [`Page`].
pub(crate) fn parse(text: &str, options: &PageOptions) -> Result<Page, PageError> {
    let mut walk = Walk {
        cursor: Cursor::new(split_lines(text)?),
        lines: Vec::new(),
    };

    let title = walk.headline()?;
    let (bullets, summary) = walk.bullets_and_summary()?;
    let (url, url_line) = walk.source_url()?;
    let source_title = walk.source_line(SOURCE_TITLE, "/metadata/source/title")?;
    let source_subtitle = walk.source_line(SOURCE_SUBTITLE, "/metadata/source/subtitle")?;
    let (paragraphs, attachments_line) = walk.source_text()?;
    let attachments = walk.attachments(attachments_line)?;
    let discussion_count = walk.discussion_count(attachments.pending)?;
    walk.discussion_line()?;
    let publisher = walk.footer()?;
    walk.end()?;

    let source_text = (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"));
    let source_language = options.source_language.clone().or_else(|| {
        let texts = [source_title.as_str(), source_subtitle.as_str()];
        let texts: Vec<&str> = texts
            .into_iter()
            .chain(paragraphs.iter().copied())
            .collect();
        language::detect(&texts).map(str::to_owned)
    });
    let id = options.id.clone().unwrap_or_else(|| {
        walk.add("/metadata/id", url_line);
        id_from_url(&url)
    });
    let article = Article {
        metadata: Metadata {
            id,
            title,
            language: options.language.clone(),
            url: None,
            published_at: None,
            updated_at: None,
            authors: Vec::new(),
            tags: Vec::new(),
            publisher: Some(publisher),
            source: Some(Source {
                url,
                title: Some(source_title),
                subtitle: Some(source_subtitle),
                publisher: None,
                language: source_language,
                text: source_text,
            }),
        },
        summary,
        bullets,
        attachments: attachments.items,
        discussion_count,
    };
    let mut lines = walk.lines;
    lines.sort_by_key(|(_, line)| *line);
    Ok(Page { article, lines })
}

/// The attachments read, and the line after them (the count) if the block
/// had to read it to know it had ended.
struct Attachments<'a> {
    items: Vec<Attachment>,
    pending: Option<Line<'a>>,
}

struct Walk<'a> {
    cursor: Cursor<'a>,
    lines: Vec<(String, u64)>,
}

impl<'a> Walk<'a> {
    fn add(&mut self, pointer: impl Into<String>, line: u64) {
        self.lines.push((pointer.into(), line));
    }

    fn next_or_end(&mut self, expected: &str) -> Result<Line<'a>, PageError> {
        self.cursor
            .next_non_blank()
            .ok_or_else(|| PageError::at_end(self.cursor.end(), expected))
    }

    fn headline(&mut self) -> Result<String, PageError> {
        let Some(line) = self.cursor.next_non_blank() else {
            let (line, column) = self.cursor.end();
            let found = if self.cursor.is_empty() {
                "an empty page"
            } else {
                "only blank lines"
            };
            return Err(PageError {
                line,
                column,
                expected: HEADLINE.to_owned(),
                found: found.to_owned(),
                kind: PageErrorKind::Empty,
            });
        };
        if markers::bullet(line.text).is_some() || markers::summary(line.text).is_some() {
            // The page starts with its bullets or summary: the headline is missing.
            return Err(PageError::at_line(
                line,
                format!("{HEADLINE} before the bullets"),
            ));
        }
        self.add("/metadata/title", line.number);
        Ok(trim(line.text).to_owned())
    }

    fn bullets_and_summary(&mut self) -> Result<(Vec<String>, String), PageError> {
        let mut bullets: Vec<String> = Vec::new();
        loop {
            let expected = if bullets.is_empty() {
                FIRST_BULLET
            } else {
                BULLET_OR_SUMMARY
            };
            let line = self.next_or_end(expected)?;
            if let Some(summary) = markers::summary(line.text) {
                if bullets.is_empty() {
                    return Err(PageError::at_line(line, BULLET_BEFORE_SUMMARY));
                }
                if summary.is_empty() {
                    return Err(PageError::at_line(line, SUMMARY_TEXT));
                }
                self.add("/summary", line.number);
                return Ok((bullets, summary.to_owned()));
            }
            match markers::bullet(line.text) {
                Some(Bullet::Item("")) => return Err(PageError::at_line(line, BULLET_TEXT)),
                Some(Bullet::Item(text)) => {
                    if bullets.is_empty() {
                        self.add("/bullets", line.number);
                    }
                    self.add(format!("/bullets/{}", bullets.len()), line.number);
                    bullets.push(text.to_owned());
                }
                Some(Bullet::NoSpace) => return Err(PageError::at_line(line, BULLET_SPACE)),
                None => return Err(PageError::at_line(line, expected)),
            }
        }
    }

    fn source_url(&mut self) -> Result<(String, u64), PageError> {
        let line = self.next_or_end(SOURCE_URL)?;
        let url = trim(line.text);
        if !is_http_url(url) {
            return Err(PageError::at_line(line, SOURCE_URL));
        }
        self.add("/metadata/source", line.number);
        self.add("/metadata/source/url", line.number);
        Ok((url.to_owned(), line.number))
    }

    fn source_line(&mut self, expected: &str, pointer: &str) -> Result<String, PageError> {
        let line = self.next_or_end(expected)?;
        if markers::attachments_line(line.text).is_some() {
            return Err(PageError::at_line(line, expected));
        }
        self.add(pointer, line.number);
        Ok(trim(line.text).to_owned())
    }

    /// Paragraphs up to the attachments line, and that line.
    fn source_text(&mut self) -> Result<(Vec<&'a str>, (Line<'a>, AttachmentsLine)), PageError> {
        let mut paragraphs = Vec::new();
        // If the attachments line is missing, the count and `Thảo luận` end up
        // here; remember the count so the error can point at it.
        let mut previous: Option<Line<'a>> = None;
        let mut count_line: Option<Line<'a>> = None;
        while let Some(line) = self.cursor.next_line() {
            if line.is_blank() {
                continue;
            }
            if let Some(kind) = markers::attachments_line(line.text) {
                return Ok((paragraphs, (line, kind)));
            }
            if markers::is_discussion_line(line.text) && count_line.is_none() {
                count_line = previous;
            }
            if paragraphs.is_empty() {
                self.add("/metadata/source/text", line.number);
            }
            paragraphs.push(trim(line.text));
            previous = Some(line);
        }
        Err(match count_line {
            Some(line) => PageError::at_line(line, ATTACHMENTS_BEFORE_COUNT),
            None => PageError::at_end(self.cursor.end(), ATTACHMENTS_LINE),
        })
    }

    fn attachments(
        &mut self,
        (marker, kind): (Line<'a>, AttachmentsLine),
    ) -> Result<Attachments<'a>, PageError> {
        let mut items: Vec<Attachment> = Vec::new();
        if kind == AttachmentsLine::None {
            return Ok(Attachments {
                items,
                pending: None,
            });
        }
        self.add("/attachments", marker.number);
        loop {
            let expected = if items.is_empty() {
                FIRST_ATTACHMENT
            } else {
                ATTACHMENT_OR_COUNT
            };
            let line = self.next_or_end(expected)?;
            let text = match markers::bullet(line.text) {
                Some(Bullet::Item(text)) => text,
                Some(Bullet::NoSpace) => return Err(PageError::at_line(line, BULLET_SPACE)),
                None if items.is_empty() => return Err(PageError::at_line(line, FIRST_ATTACHMENT)),
                None => {
                    return Ok(Attachments {
                        items,
                        pending: Some(line),
                    });
                }
            };
            let attachment =
                parse_attachment(text).map_err(|expected| PageError::at_line(line, expected))?;
            let base = format!("/attachments/{}", items.len());
            self.add(base.clone(), line.number);
            self.add(format!("{base}/name"), line.number);
            self.add(format!("{base}/url"), line.number);
            if attachment.media_type.is_some() {
                self.add(format!("{base}/media_type"), line.number);
            }
            if attachment.size_bytes.is_some() {
                self.add(format!("{base}/size_bytes"), line.number);
            }
            items.push(attachment);
        }
    }

    fn discussion_count(&mut self, pending: Option<Line<'a>>) -> Result<u32, PageError> {
        let after_block = pending.is_some();
        let line = match pending {
            Some(line) => line,
            None => self.next_or_end(COUNT)?,
        };
        let count = parse_grouped(trim(line.text), u64::from(u32::MAX)).map_err(|e| {
            let expected = match e {
                NumberError::NotNumber if after_block => ATTACHMENT_OR_COUNT,
                NumberError::NotNumber => COUNT,
                NumberError::BadGrouping => COUNT_GROUPS,
                NumberError::TooLarge => COUNT_MAX,
            };
            PageError::at_line(line, expected)
        })?;
        self.add("/discussion_count", line.number);
        // parse_grouped kept the value within u32.
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    fn discussion_line(&mut self) -> Result<(), PageError> {
        let line = self.next_or_end(DISCUSSION)?;
        if markers::is_discussion_line(line.text) {
            Ok(())
        } else {
            Err(PageError::at_line(line, DISCUSSION))
        }
    }

    fn footer(&mut self) -> Result<Publisher, PageError> {
        let line = self.next_or_end(FOOTER)?;
        let Some(text) = markers::footer(line.text) else {
            return Err(PageError::at_line(line, FOOTER));
        };
        let (name, tagline) = text.split_once(" - ").unwrap_or((text, ""));
        let (name, tagline) = (trim(name), trim(tagline));
        if name.is_empty() {
            return Err(PageError::at_line(line, FOOTER_NAME));
        }
        self.add("/metadata/publisher", line.number);
        self.add("/metadata/publisher/name", line.number);
        if !tagline.is_empty() {
            self.add("/metadata/publisher/tagline", line.number);
        }
        Ok(Publisher {
            name: name.to_owned(),
            tagline: (!tagline.is_empty()).then(|| tagline.to_owned()),
            url: None,
        })
    }

    fn end(&mut self) -> Result<(), PageError> {
        match self.cursor.next_non_blank() {
            None => Ok(()),
            Some(line) => Err(PageError::at_line(line, END)),
        }
    }
}

#[cfg(test)]
mod tests;
