//! Reads the page-text format of the Sóng AI summary site into the
//! articlekit article model.
//!
//! ```
//! use articlekit_page::{parse_page, PageOptions};
//!
//! let text = "\
//! Trung Quốc có thể phản công Mỹ
//!
//!   • Trung Quốc đẩy mạnh hợp tác với Global South.
//!   • Mỹ có thể bị gạt ra ngoài lề.
//!
//! 📌 Trung Quốc tận dụng khoảng trống Mỹ để lại.
//!
//! https://www.scmp.com/news/china/diplomacy/article/3318837/china-could-counter
//! China could counter US tech curbs by engaging Global South on AI
//! Meanwhile, America risks being sidelined
//! China needs to engage the Global South on AI governance, analysts say.
//! They also said that the US was retreating from its leadership role.
//! Không có file đính kèm.
//! 1.234
//! Thảo luận
//! © Sóng AI - Tóm tắt tin, bài trí tuệ nhân tạo
//! ";
//! let page = parse_page(text.as_bytes(), &PageOptions::default())?;
//! let article = &page.article;
//! assert_eq!(article.metadata.id, "scmp-3318837");
//! assert_eq!(article.bullets.len(), 2);
//! assert_eq!(article.discussion_count, 1234);
//! let source = article.metadata.source.as_ref().expect("the page has a source");
//! assert_eq!(source.language.as_deref(), Some("en"));
//! assert_eq!(page.line_for("/bullets/1"), Some(4));
//!
//! let error = parse_page("Tiêu đề\n• Ý một\nkhông có tóm tắt".as_bytes(), &PageOptions::default())
//!     .expect_err("no summary");
//! assert_eq!(
//!     error.to_string(),
//!     "line 3: expected another bullet line (`• ` and the text) or the summary line \
//!      starting with `📌`, found `không có tóm tắt`"
//! );
//! # Ok::<(), articlekit_page::PageError>(())
//! ```
//!
//! # The format
//!
//! A page is UTF-8 text; a leading byte-order mark is ignored. Lines end in
//! LF or CRLF (carriage returns at the end of a line are part of its ending;
//! one anywhere else is refused). A *blank* line is empty or holds only
//! whitespace: Unicode `White_Space` (space, tab, U+00A0, U+2003, U+3000, …)
//! and U+FEFF. Blank lines may appear anywhere and are skipped, except that
//! they do not separate source-text paragraphs (every non-blank line is one).
//! Every value is trimmed of that whitespace; inside a value, text passes
//! through unchanged. In order:
//!
//! 1. **Headline** — the first non-blank line → `metadata.title`. A page
//!    whose first line is a bullet or the summary has no headline and is refused.
//! 2. **Bullets** — one or more lines of: optional whitespace, `•`,
//!    whitespace, the text → `bullets`. `•` directly followed by text, or with
//!    no text, is refused.
//! 3. **Summary** — a line starting with `📌` (optionally `📌` + U+FE0F), the
//!    text after it, with or without a space → `summary`; it must not be empty.
//! 4. **Source URL** — the next non-blank line, an absolute `http://` or
//!    `https://` URL with a host and no whitespace → `metadata.source.url`.
//! 5. **Source title** and **subtitle** — the next two non-blank lines →
//!    `metadata.source.title`, `metadata.source.subtitle` (neither may be the
//!    attachments line).
//! 6. **Source text** — every non-blank line up to the attachments line, one
//!    paragraph each, joined by a blank line (`"\n\n"`) →
//!    `metadata.source.text` (left out when there is none).
//! 7. **Attachments** — either the line `Không có file đính kèm.` (final full
//!    stop optional): no attachments; or the line `File đính kèm:` followed by
//!    one or more attachment lines (blank lines between them allowed), each
//!
//!    ```text
//!    • <name> - <url>
//!    • <name> - <url> (<type/subtype>)
//!    • <name> - <url> (<size> bytes)
//!    • <name> - <url> (<type/subtype>, <size> bytes)
//!    ```
//!
//!    → `attachments[] {name, url, media_type, size_bytes}`. The URL is the
//!    word after the *last* ` - ` that is followed by `http://`/`https://`, so
//!    a name may itself contain ` - `. The media type is `type/subtype` without
//!    parameters; the size is a whole number written like the count below,
//!    then `bytes` (`1 byte` also reads). The block ends at the first
//!    non-blank line that is not a bullet. Anything else is refused.
//! 8. **Discussion count** — ASCII digits, optionally grouped in thousands by
//!    `.` or `,` (`1.234`, `1,234,567`: one kind of separator, first group 1–3
//!    digits not starting with 0, then groups of exactly 3), at most
//!    4294967295 → `discussion_count`.
//! 9. **`Thảo luận`** — required, alone on its line.
//! 10. **Footer** — `©`, then `<name> - <tagline>` → `metadata.publisher`
//!     `{name, tagline}`, split at the first ` - `; without ` - ` the whole
//!     text is the name and there is no tagline. The footer is required.
//! 11. Nothing but blank lines may follow the footer.
//!
//! The fixed Vietnamese lines match in composed (NFC) or decomposed (NFD)
//! form. A NUL byte makes the page binary and refused.
//!
//! Fields not on the page are not invented: no `metadata.url`, dates,
//! authors, tags, publisher URL or source publisher. `metadata.language` is
//! [`PageOptions::language`] (`vi` by default); `metadata.source.language`
//! is [`PageOptions::source_language`] or, when not given, `en` or `vi` if
//! the source title, subtitle and text clearly are, else left out;
//! `metadata.id` is [`PageOptions::id`] or
//! [`articlekit_model::id_from_url`] of the source URL.
//!
//! The importer reads the format; the schema judges the values. A page with
//! more bullets than the schema's 50, a control character in a bullet, or an
//! over-long title imports, and validation against
//! [`articlekit_model::schema`] reports it, pinned to its line through
//! [`Page::lines`]. Time and memory are linear in the size of the page.
//!
//! # Errors
//!
//! A page that does not fit is refused with a [`PageError`]: the line (and
//! column), what was expected, and what was found, e.g.
//!
//! ```text
//! line 42: expected the discussion count (digits, optionally with . or , thousands separators), found `mười`
//! ```
//!
//! A page that ends early is refused at its last line with `found the end
//! of the page`. The caller puts the input's name in front.
#![deny(missing_docs)]

mod attachments;
mod error;
mod language;
mod line;
mod markers;
mod number;
mod options;
mod page;
mod parse;
mod text;
mod url;

pub use error::{PageError, PageErrorKind};
pub use options::PageOptions;
pub use page::{LineIndex, Page};

/// Reads one page from its bytes.
///
/// Never panics, whatever the bytes; a page that does not fit the format
/// (see the [crate documentation](crate)) is refused with a [`PageError`]
/// naming the line, what was expected and what was found.
pub fn parse_page(bytes: &[u8], options: &PageOptions) -> Result<Page, PageError> {
    let text = text::decode(bytes)?;
    parse::parse(text, options)
}
