//! The fixed words and signs of a page: `•`, `📌`, the attachments lines,
//! `Thảo luận`, `©`.
//!
//! Fixed Vietnamese words are matched in both Unicode forms a page may
//! come in, composed (NFC, as the seed) and decomposed (NFD).

use crate::line::{is_blank_char, trim};

/// The bullet sign.
pub(crate) const BULLET: char = '•';
/// The summary's pin.
pub(crate) const PIN: char = '📌';
/// The copyright sign that opens the footer.
pub(crate) const COPYRIGHT: char = '©';

/// The line saying there are no attachments (its final full stop optional).
pub(crate) const NO_ATTACHMENTS: &str = "Không có file đính kèm.";
const NO_ATTACHMENTS_NFD: &str = "Kho\u{302}ng co\u{301} file \u{111}i\u{301}nh ke\u{300}m.";
/// The line opening a block of attachments.
pub(crate) const ATTACHMENTS: &str = "File đính kèm:";
const ATTACHMENTS_NFD: &str = "File \u{111}i\u{301}nh ke\u{300}m:";
/// The line after the discussion count.
pub(crate) const DISCUSSION: &str = "Thảo luận";
const DISCUSSION_NFD: &str = "Tha\u{309}o lua\u{323}\u{302}n";

/// What a bullet-shaped line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bullet<'a> {
    /// `•`, whitespace, and this (trimmed, possibly empty) text.
    Item(&'a str),
    /// `•` directly followed by text, without the space.
    NoSpace,
}

/// Reads a line as a bullet: optional whitespace, `•`, whitespace, the text.
pub(crate) fn bullet(line: &str) -> Option<Bullet<'_>> {
    let rest = trim(line).strip_prefix(BULLET)?;
    match rest.chars().next() {
        None => Some(Bullet::Item("")),
        Some(c) if is_blank_char(c) => Some(Bullet::Item(trim(rest))),
        Some(_) => Some(Bullet::NoSpace),
    }
}

/// Reads a line as the summary: `📌` (optionally with its emoji variation
/// selector U+FE0F) and the text after it, trimmed and possibly empty.
pub(crate) fn summary(line: &str) -> Option<&str> {
    let rest = trim(line).strip_prefix(PIN)?;
    let rest = rest.strip_prefix('\u{FE0F}').unwrap_or(rest);
    Some(trim(rest))
}

/// How the attachments part of a page begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttachmentsLine {
    /// `Không có file đính kèm.`
    None,
    /// `File đính kèm:`, followed by attachment lines.
    Block,
}

/// Reads a line as one of the two attachments lines.
pub(crate) fn attachments_line(line: &str) -> Option<AttachmentsLine> {
    let line = trim(line);
    let without_stop = line.strip_suffix('.').unwrap_or(line);
    let no_attachments = [NO_ATTACHMENTS, NO_ATTACHMENTS_NFD]
        .iter()
        .any(|m| line == *m || without_stop == &m[..m.len() - 1]);
    if no_attachments {
        Some(AttachmentsLine::None)
    } else if line == ATTACHMENTS || line == ATTACHMENTS_NFD {
        Some(AttachmentsLine::Block)
    } else {
        None
    }
}

/// True for the `Thảo luận` line.
pub(crate) fn is_discussion_line(line: &str) -> bool {
    let line = trim(line);
    line == DISCUSSION || line == DISCUSSION_NFD
}

/// Reads a line as the footer: `©` and the text after it, trimmed.
pub(crate) fn footer(line: &str) -> Option<&str> {
    trim(line).strip_prefix(COPYRIGHT).map(trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_need_the_sign_and_whitespace() {
        assert_eq!(bullet("  • Trung Quốc  "), Some(Bullet::Item("Trung Quốc")));
        assert_eq!(bullet("•\u{A0}x"), Some(Bullet::Item("x")));
        assert_eq!(bullet("\t•\tx"), Some(Bullet::Item("x")));
        assert_eq!(bullet("• "), Some(Bullet::Item("")));
        assert_eq!(bullet("•"), Some(Bullet::Item("")));
        assert_eq!(bullet("•x"), Some(Bullet::NoSpace));
        assert_eq!(bullet("x • y"), None);
        assert_eq!(bullet("- y"), None);
    }

    #[test]
    fn the_summary_follows_the_pin_with_or_without_space() {
        assert_eq!(summary("📌 Tóm tắt. "), Some("Tóm tắt."));
        assert_eq!(summary("📌Tóm tắt."), Some("Tóm tắt."));
        assert_eq!(summary("  📌\u{FE0F} Tóm tắt."), Some("Tóm tắt."));
        assert_eq!(summary("📌"), Some(""));
        assert_eq!(summary("Tóm tắt 📌"), None);
    }

    #[test]
    fn attachments_lines_match_in_nfc_and_nfd() {
        assert_eq!(
            attachments_line("Không có file đính kèm."),
            Some(AttachmentsLine::None)
        );
        assert_eq!(
            attachments_line(" Không có file đính kèm "),
            Some(AttachmentsLine::None)
        );
        assert_eq!(
            attachments_line(NO_ATTACHMENTS_NFD),
            Some(AttachmentsLine::None)
        );
        assert_eq!(
            attachments_line("File đính kèm:"),
            Some(AttachmentsLine::Block)
        );
        assert_eq!(
            attachments_line(ATTACHMENTS_NFD),
            Some(AttachmentsLine::Block)
        );
        assert_eq!(attachments_line("File đính kèm"), None);
        assert_eq!(attachments_line("Không có file đính kèm.."), None);
        assert_eq!(attachments_line("không có file đính kèm."), None);
    }

    #[test]
    fn nfd_spellings_are_the_decomposed_nfc_ones() {
        // Same letters once the combining marks are dropped and đ is kept.
        let strip = |s: &str| {
            s.chars()
                .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
                .count()
        };
        assert_eq!(strip(NO_ATTACHMENTS_NFD), NO_ATTACHMENTS.chars().count());
        assert_eq!(strip(ATTACHMENTS_NFD), ATTACHMENTS.chars().count());
        assert_eq!(strip(DISCUSSION_NFD), DISCUSSION.chars().count());
    }

    #[test]
    fn discussion_and_footer_lines() {
        assert!(is_discussion_line("Thảo luận"));
        assert!(is_discussion_line("\u{A0}Thảo luận\r"));
        assert!(is_discussion_line(DISCUSSION_NFD));
        assert!(!is_discussion_line("Thảo luận (10)"));
        assert_eq!(footer("© Sóng AI - Tóm tắt"), Some("Sóng AI - Tóm tắt"));
        assert_eq!(footer("©Sóng AI"), Some("Sóng AI"));
        assert_eq!(footer("(c) Sóng AI"), None);
    }
}
