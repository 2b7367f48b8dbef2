//! Why a page was refused, and where.

use std::fmt;

use crate::line::{Line, trim};

/// Longest piece of page text quoted in an error message, in characters.
const MAX_FOUND_CHARS: usize = 60;

/// What kind of problem made a page unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PageErrorKind {
    /// The bytes are not UTF-8; the position is that of the first bad byte.
    Utf8,
    /// The page holds a NUL byte, so it is binary data rather than text.
    Binary,
    /// The page has no non-blank line at all.
    Empty,
    /// The page ended before a required part; the position is where it ended.
    Truncated,
    /// A line is not what the format expects at that point.
    Structure,
}

impl PageErrorKind {
    /// A stable lower-case name for reports: `utf8`, `binary`, `empty`,
    /// `truncated` or `structure`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Utf8 => "utf8",
            Self::Binary => "binary",
            Self::Empty => "empty",
            Self::Truncated => "truncated",
            Self::Structure => "structure",
        }
    }
}

impl fmt::Display for PageErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A page that does not fit the page-text format.
///
/// The input's name is not part of the error: the caller knows it and puts
/// it in front (`page.txt: line 42: expected …`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PageError {
    /// 1-based line of the problem (for [`PageErrorKind::Truncated`] and
    /// [`PageErrorKind::Empty`], the last line of the page).
    pub line: u64,
    /// 1-based column in characters (Unicode scalar values): the first bad
    /// byte, the first non-blank character of the offending line, or just
    /// past the end of the page.
    pub column: u64,
    /// What the format expects at this point, in words.
    pub expected: String,
    /// What is there instead: page text in backticks (at most 60 characters,
    /// control and bidirectional-override characters escaped), or a
    /// description such as `the end of the page`.
    pub found: String,
    /// The kind of problem.
    pub kind: PageErrorKind,
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        // A byte-level problem sits somewhere inside a line; a structural one is the whole line.
        if matches!(self.kind, PageErrorKind::Utf8 | PageErrorKind::Binary) {
            write!(f, ", column {}", self.column)?;
        }
        write!(f, ": expected {}, found {}", self.expected, self.found)
    }
}

impl PageError {
    /// A line that is not what was expected.
    pub(crate) fn at_line(line: Line<'_>, expected: impl Into<String>) -> Self {
        Self {
            line: line.number,
            column: line.content_column(),
            expected: expected.into(),
            found: quote(trim(line.text)),
            kind: PageErrorKind::Structure,
        }
    }

    /// The page ended where `expected` should have come.
    pub(crate) fn at_end((line, column): (u64, u64), expected: impl Into<String>) -> Self {
        Self {
            line,
            column,
            expected: expected.into(),
            found: "the end of the page".to_owned(),
            kind: PageErrorKind::Truncated,
        }
    }
}

/// Page text as it appears in a message: in backticks, cut to 60
/// characters, with characters that would garble a terminal or hide text
/// (controls, bidirectional overrides) written as escapes.
pub(crate) fn quote(text: &str) -> String {
    articlekit_model::quote::backticked(text, MAX_FOUND_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_cuts_long_text_at_sixty_characters() {
        let long = "ă".repeat(100);
        let quoted = quote(&long);
        assert_eq!(quoted, format!("`{}…`", "ă".repeat(60)));
        assert_eq!(quote(&"x".repeat(60)), format!("`{}`", "x".repeat(60)));
    }

    #[test]
    fn quote_escapes_controls_and_bidi_overrides() {
        assert_eq!(quote("a\tb\u{1b}[31m"), r"`a\u{9}b\u{1b}[31m`");
        assert_eq!(quote("x\u{202E}y"), r"`x\u{202e}y`");
        assert_eq!(quote("Trung Quốc 📌"), "`Trung Quốc 📌`");
    }

    #[test]
    fn display_names_line_expected_and_found() {
        let error = PageError {
            line: 42,
            column: 1,
            expected: "the discussion count".to_owned(),
            found: quote("mười"),
            kind: PageErrorKind::Structure,
        };
        assert_eq!(
            error.to_string(),
            "line 42: expected the discussion count, found `mười`"
        );
        let error = PageError {
            kind: PageErrorKind::Utf8,
            column: 7,
            ..error
        };
        assert_eq!(
            error.to_string(),
            "line 42, column 7: expected the discussion count, found `mười`"
        );
    }

    #[test]
    fn kinds_have_stable_names() {
        assert_eq!(PageErrorKind::Utf8.to_string(), "utf8");
        assert_eq!(PageErrorKind::Truncated.as_str(), "truncated");
    }
}
