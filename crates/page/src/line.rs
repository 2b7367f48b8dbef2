//! One line of a page and the page's sense of blank: what both the
//! reading of lines and the errors about them need.

/// Whitespace in the page's sense: Unicode `White_Space` (which includes
/// U+00A0) plus U+FEFF, the same set the schema's "not blank" rule uses.
pub(crate) fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// True for an empty line or one of whitespace only.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(is_blank_char)
}

/// The text without leading and trailing whitespace (page sense).
pub(crate) fn trim(text: &str) -> &str {
    text.trim_matches(is_blank_char)
}

/// One line of the page, without its line ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: u64,
    /// The line's text, without LF and without carriage returns at its end.
    pub text: &'a str,
}

impl Line<'_> {
    /// True when the line holds only whitespace.
    pub fn is_blank(&self) -> bool {
        is_blank(self.text)
    }

    /// 1-based column (in characters) of the first non-blank character.
    pub fn content_column(&self) -> u64 {
        column(self.text.chars().take_while(|c| is_blank_char(*c)).count())
    }
}

pub(crate) fn column(chars_before: usize) -> u64 {
    u64::try_from(chars_before)
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_includes_nbsp_and_other_unicode_whitespace_and_bom() {
        for blank in [
            "",
            " ",
            "\t",
            "\u{A0}",
            "\u{A0} \u{A0}",
            "\u{2003}",
            "\u{3000}",
            "\u{FEFF}",
            "\u{202F}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        assert!(!is_blank("\u{A0}x"));
        assert_eq!(trim("\u{A0} x y\u{FEFF}\t"), "x y");
    }
}
