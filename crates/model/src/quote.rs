//! How input text is shown to people: the one quoting rule of the workspace.
//!
//! Ids, keys, values and file names come from outside and end up in
//! terminals (the text report, messages on stderr) and in CI logs (GitHub
//! annotations). Written raw, an `ESC ] 0;…BEL` sets the window title, an
//! `ESC [2J` clears the screen, a CR overwrites the line and a U+202E
//! reverses what follows. [`escape_controls`] writes every such character
//! as a Rust-style `\u{1b}` escape and leaves all other text (accents, CJK,
//! emoji) as it is:
//!
//! - C0 controls U+0000–U+001F (TAB, LF and CR included), DEL U+007F and the
//!   C1 controls U+0080–U+009F (U+009B is a one-character CSI);
//! - the bidirectional formatting characters: the embeddings and overrides
//!   U+202A–U+202E, the isolates U+2066–U+2069, and the invisible marks
//!   U+200E, U+200F and U+061C (they reorder or hide text just as well).
//!
//! Backslashes are not doubled, so a literal `\u{1b}` in the input reads
//! the same as an escaped ESC; the text is for people, and the JSON report
//! carries the exact data.
//!
//! ```
//! use articlekit_model::quote::{Escaped, escape_controls};
//!
//! assert_eq!(escape_controls("a\u{1b}]0;pwned\u{7}b"), r"a\u{1b}]0;pwned\u{7}b");
//! assert_eq!(escape_controls("x\u{202E}y\r\n"), r"x\u{202e}y\u{d}\u{a}");
//! assert_eq!(format!("{}", Escaped("Trung Quốc 📌")), "Trung Quốc 📌");
//! ```

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt::{self, Write};
use std::path::Path;

/// True for a character that [`escape_controls`] writes as an escape.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// The text with controls and bidirectional formatting characters written
/// as `\u{…}` escapes; borrowed when there is nothing to escape.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if text.chars().any(needs_escape) {
        let mut out = String::with_capacity(text.len() + 8);
        let _ = write!(out, "{}", Escaped(text));
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// A path as shown in messages: lossy for names that are not UTF-8 (bad
/// bytes become U+FFFD), then escaped like [`escape_controls`].
pub fn escape_path(path: &Path) -> String {
    escape_os(path.as_os_str())
}

/// An OS string as shown in messages: lossy, then escaped.
pub fn escape_os(text: &OsStr) -> String {
    escape_controls(&text.to_string_lossy()).into_owned()
}

/// Text in backticks, escaped like [`escape_controls`], cut to `max_chars`
/// characters (an ellipsis marks the cut).
///
/// ```
/// use articlekit_model::quote::backticked;
/// assert_eq!(backticked("ab\u{9b}2J", 60), r"`ab\u{9b}2J`");
/// assert_eq!(backticked("abcdef", 3), "`abc…`");
/// ```
pub fn backticked(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(4 * max_chars) + 8);
    out.push('`');
    let mut chars = text.chars();
    for c in chars.by_ref().take(max_chars) {
        let _ = push_char(&mut out, c);
    }
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('`');
    out
}

fn push_char(out: &mut impl Write, c: char) -> fmt::Result {
    if needs_escape(c) {
        write!(out, "{}", c.escape_unicode())
    } else {
        out.write_char(c)
    }
}

/// Displays text escaped like [`escape_controls`], without allocating.
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| needs_escape(*c)) {
            f.write_str(&rest[..at])?;
            push_char(f, c)?;
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_and_bidi() {
        let hostile = "\u{1b}]0;title\u{7}\u{1b}[2J\r\n\u{7f}\u{9b}\u{202a}\u{202e}\u{2066}\u{2069}\u{200e}\u{200f}\u{61c}\t\0";
        let shown = escape_controls(hostile);
        assert_eq!(
            shown,
            r"\u{1b}]0;title\u{7}\u{1b}[2J\u{d}\u{a}\u{7f}\u{9b}\u{202a}\u{202e}\u{2066}\u{2069}\u{200e}\u{200f}\u{61c}\u{9}\u{0}"
        );
        assert!(!shown.chars().any(needs_escape));
    }

    #[test]
    fn leaves_ordinary_text_borrowed() {
        for text in [
            "",
            "a-1",
            "Tiêu đề",
            "東京 📌",
            "a\\u{1b}",
            "zero\u{200b}width",
        ] {
            assert!(matches!(escape_controls(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn escaping_is_idempotent() {
        let once = escape_controls("x\u{1b}y\u{202e}").into_owned();
        assert_eq!(escape_controls(&once), once);
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_paths_are_lossy_and_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let name = OsStr::from_bytes(b"a\x1b[2J\xffb.ndjson");
        assert_eq!(escape_os(name), "a\\u{1b}[2J\u{fffd}b.ndjson");
    }
}
