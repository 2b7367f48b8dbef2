//! One line of a `File đính kèm:` block.
//!
//! ```text
//! • <name> - <url>
//! • <name> - <url> (<media type>)
//! • <name> - <url> (<size> bytes)
//! • <name> - <url> (<media type>, <size> bytes)
//! ```
//!
//! The URL is the word after the last ` - ` that is followed by `http://` or
//! `https://`, so names may hold ` - ` themselves; the size is written like
//! the discussion count (`482113`, `482.113`, `482,113`).

use articlekit_model::{Attachment, MAX_SAFE_INTEGER};

use crate::line::{is_blank_char, trim};
use crate::number::parse_grouped;
use crate::url::{is_http_url, strip_scheme};

/// What an attachment line (the text after its `• `) should have held.
pub(crate) const EXPECTED_LINE: &str = "an attachment line `• <name> - <http(s) URL>`, optionally followed by ` (<type/subtype>, <size> bytes)`";
const EXPECTED_NAME: &str = "the attachment's name before ` - <URL>`";
const EXPECTED_URL: &str = "an absolute http or https URL after the attachment's name and ` - `";
const EXPECTED_DETAILS: &str = "the end of the line or ` (<type/subtype>)`, ` (<size> bytes)` or ` (<type/subtype>, <size> bytes)` after the attachment URL";

/// Reads the text of an attachment line (after `• `) into an attachment,
/// or says what it should have held.
pub(crate) fn parse_attachment(text: &str) -> Result<Attachment, &'static str> {
    let split = text
        .rmatch_indices(" - ")
        .map(|(at, sep)| (&text[..at], &text[at + sep.len()..]))
        .find(|(_, after)| strip_scheme(trim(after)).is_some());
    let Some((name, after)) = split else {
        return Err(EXPECTED_LINE);
    };
    let name = trim(name);
    if name.is_empty() {
        return Err(EXPECTED_NAME);
    }
    let after = trim(after);
    let (url, details) = after.split_once(is_blank_char).unwrap_or((after, ""));
    if !is_http_url(url) {
        return Err(EXPECTED_URL);
    }
    let (media_type, size_bytes) = parse_details(trim(details)).ok_or(EXPECTED_DETAILS)?;
    Ok(Attachment {
        name: name.to_owned(),
        url: url.to_owned(),
        media_type: media_type.map(str::to_owned),
        size_bytes,
    })
}

/// `""`, `(type/subtype)`, `(N bytes)` or `(type/subtype, N bytes)`.
fn parse_details(details: &str) -> Option<(Option<&str>, Option<u64>)> {
    if details.is_empty() {
        return Some((None, None));
    }
    let inner = trim(details.strip_prefix('(')?.strip_suffix(')')?);
    if inner.contains('/') {
        // Media types hold no comma, so the first one ends the type.
        let (media, size) = inner.split_once(',').unwrap_or((inner, ""));
        let media = trim(media);
        if !is_media_type(media) {
            return None;
        }
        let size = trim(size);
        if size.is_empty() {
            return if inner.ends_with(',') {
                None
            } else {
                Some((Some(media), None))
            };
        }
        Some((Some(media), Some(parse_size(size)?)))
    } else {
        Some((None, Some(parse_size(inner)?)))
    }
}

/// `<number> bytes` (or `1 byte`).
fn parse_size(text: &str) -> Option<u64> {
    let (number, unit) = text.split_once(is_blank_char)?;
    let size = parse_grouped(number, MAX_SAFE_INTEGER).ok()?;
    matches!(trim(unit), "bytes" | "byte").then_some(size)
}

/// `type/subtype` as the model's `MEDIA_TYPE` rule has it.
fn is_media_type(text: &str) -> bool {
    let token = |part: &str| {
        (1..=127).contains(&part.len())
            && part.starts_with(|c: char| c.is_ascii_alphanumeric())
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    text.split_once('/')
        .is_some_and(|(kind, sub)| token(kind) && token(sub))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attachment(
        name: &str,
        url: &str,
        media_type: Option<&str>,
        size_bytes: Option<u64>,
    ) -> Attachment {
        Attachment {
            name: name.to_owned(),
            url: url.to_owned(),
            media_type: media_type.map(str::to_owned),
            size_bytes,
        }
    }

    #[test]
    fn name_and_url() {
        assert_eq!(
            parse_attachment("bao-cao.pdf - https://cdn.example/bao-cao.pdf"),
            Ok(attachment(
                "bao-cao.pdf",
                "https://cdn.example/bao-cao.pdf",
                None,
                None
            ))
        );
    }

    #[test]
    fn name_url_type_and_size_in_every_combination() {
        let url = "https://cdn.example/a.pdf";
        assert_eq!(
            parse_attachment(&format!(
                "Báo cáo.pdf - {url} (application/pdf, 482113 bytes)"
            )),
            Ok(attachment(
                "Báo cáo.pdf",
                url,
                Some("application/pdf"),
                Some(482_113)
            ))
        );
        assert_eq!(
            parse_attachment(&format!("a.pdf - {url} (application/pdf)")),
            Ok(attachment("a.pdf", url, Some("application/pdf"), None))
        );
        assert_eq!(
            parse_attachment(&format!("a.pdf - {url} (482.113 bytes)")),
            Ok(attachment("a.pdf", url, None, Some(482_113)))
        );
        assert_eq!(
            parse_attachment(&format!("a.pdf - {url} (application/pdf, 482,113 bytes)")),
            Ok(attachment(
                "a.pdf",
                url,
                Some("application/pdf"),
                Some(482_113)
            ))
        );
        assert_eq!(
            parse_attachment(&format!("a - {url} (1 byte)")),
            Ok(attachment("a", url, None, Some(1)))
        );
    }

    #[test]
    fn names_may_hold_dashes_and_the_last_url_separator_wins() {
        assert_eq!(
            parse_attachment("Q2 - 2025 - bản cuối.xlsx - http://cdn.example/q2.xlsx"),
            Ok(attachment(
                "Q2 - 2025 - bản cuối.xlsx",
                "http://cdn.example/q2.xlsx",
                None,
                None
            ))
        );
    }

    #[test]
    fn hostile_names_pass_through_unchanged() {
        let name = "</script>]]>=HYPERLINK(\"x\") 🙂 مرحبا";
        let parsed = parse_attachment(&format!("{name} - https://cdn.example/x")).expect("parses");
        assert_eq!(parsed.name, name);
    }

    #[test]
    fn malformed_lines_say_what_was_expected() {
        let url = "https://cdn.example/a.pdf";
        assert_eq!(parse_attachment("a.pdf"), Err(EXPECTED_LINE));
        assert_eq!(
            parse_attachment("a.pdf https://cdn.example/a.pdf"),
            Err(EXPECTED_LINE)
        );
        assert_eq!(
            parse_attachment("a.pdf - ftp://cdn.example/a.pdf"),
            Err(EXPECTED_LINE)
        );
        assert_eq!(parse_attachment(&format!(" - {url}")), Err(EXPECTED_NAME));
        assert_eq!(
            parse_attachment("a.pdf - https:///a.pdf"),
            Err(EXPECTED_URL)
        );
        for details in [
            "extra words",
            "(application/pdf",
            "(pdf)",
            "(482113)",
            "(482113 octets)",
            "(application/pdf,)",
            "(application/pdf; charset=x)",
            "(application/pdf, 1.5 bytes)",
            "(application/pdf, 482113 bytes) more",
            "()",
            "(9007199254740992 bytes)",
        ] {
            assert_eq!(
                parse_attachment(&format!("a.pdf - {url} {details}")),
                Err(EXPECTED_DETAILS),
                "{details}"
            );
        }
    }
}
