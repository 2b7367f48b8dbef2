//! XML 1.0 text, attribute and CDATA writing that is well-formed for any input.
//!
//! XML 1.0 forbids C0 control characters other than tab, line feed and
//! carriage return, and U+FFFE and U+FFFF, even written as character
//! references (`&#7;` is as fatal as a raw BEL). Rust strings cannot hold
//! lone surrogates, so those are the only characters to deal with; each one
//! is replaced by U+FFFD REPLACEMENT CHARACTER, so a reader sees that
//! something was there. The model already refuses such characters in its
//! text fields; this is the last line of defence for the feed.
//!
//! Carriage returns are written as `&#13;` (in CDATA: by closing the section
//! around the reference), because an XML parser turns a raw CR into a line
//! feed; tab and line feed in attribute values are written as references
//! for the same reason. With that, every string reads back exactly, modulo
//! the replacement above.

use std::borrow::Cow;

/// What a forbidden character is replaced with.
pub const REPLACEMENT: char = '\u{FFFD}';

/// True for characters XML 1.0 allows in a document (its `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` as an XML reader gives it back from this crate's output: every
/// character XML 1.0 forbids replaced by [`REPLACEMENT`].
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if is_xml_char(c) { c } else { REPLACEMENT })
                .collect(),
        )
    }
}

/// Where escaped text goes: element content or a double-quoted attribute value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Text,
    Attribute,
}

/// `{indent}<name>text</name>` and a line feed, the text escaped.
pub(crate) fn element(out: &mut String, indent: &str, name: &str, text: &str) {
    out.push_str(indent);
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_text(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// ` name="value"`, the value escaped for an attribute.
pub(crate) fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_attr(out, value);
    out.push('"');
}

/// Appends `text` as element content.
pub fn push_text(out: &mut String, text: &str) {
    push_escaped(out, text, Context::Text);
}

/// Appends `text` as the inside of a double-quoted attribute value.
pub fn push_attr(out: &mut String, text: &str) {
    push_escaped(out, text, Context::Attribute);
}

/// The UTF-8 of U+FFFE and U+FFFF starts `EF BF BE` / `EF BF BF`.
fn is_nonchar_at(bytes: &[u8], i: usize) -> bool {
    bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
}

/// Bytes that may need more than copying, per context: C0 controls (tab and
/// line feed only in attributes), `EF` (U+FFFE/U+FFFF start with it), and
/// the markup characters of the context. A table keeps the copy loop tight.
const fn special_bytes(markup: &[u8], keep_tab_lf: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !(keep_tab_lf && (b == 0x09 || b == 0x0A));
        b += 1;
    }
    table[0xEF] = true;
    let mut i = 0;
    while i < markup.len() {
        table[markup[i] as usize] = true;
        i += 1;
    }
    table
}

const TEXT_SPECIAL: [bool; 256] = special_bytes(b"&<>", true);
const ATTR_SPECIAL: [bool; 256] = special_bytes(b"&<>\"", false);
const CDATA_SPECIAL: [bool; 256] = special_bytes(b">", true);

fn push_escaped(out: &mut String, text: &str, context: Context) {
    let bytes = text.as_bytes();
    let special = match context {
        Context::Text => &TEXT_SPECIAL,
        Context::Attribute => &ATTR_SPECIAL,
    };
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = skip_plain(bytes, i);
        let block_end = (i + BLOCK).min(bytes.len());
        while i < block_end {
            let b = bytes[i];
            if !special[usize::from(b)] {
                i += 1;
                continue;
            }
            // Every special byte is ASCII or the first byte of a 3-byte
            // sequence, so `start..i` always falls on character boundaries.
            let (replacement, width) = match b {
                b'&' => ("&amp;", 1),
                b'<' => ("&lt;", 1),
                b'>' => ("&gt;", 1),
                b'"' => ("&quot;", 1),
                b'\r' => ("&#13;", 1),
                b'\t' => ("&#9;", 1),
                b'\n' => ("&#10;", 1),
                0xEF if is_nonchar_at(bytes, i) => ("\u{FFFD}", 3),
                0xEF => {
                    i += 1;
                    continue;
                }
                _ => ("\u{FFFD}", 1),
            };
            out.push_str(&text[start..i]);
            out.push_str(replacement);
            i += width;
            start = i;
        }
    }
    out.push_str(&text[start..]);
}

/// The width of the blocks [`skip_plain`] tests at once.
pub(crate) const BLOCK: usize = 32;

/// True for every byte that is special in some context of this crate or of
/// the HTML bodies (a superset of each table: the tables decide).
/// Written with `|` on 0/1 values, not `||`, so that it has no branch.
#[inline]
fn maybe_special(b: u8) -> u8 {
    u8::from(b < 0x20)
        | u8::from(b == 0xEF)
        | u8::from(b == b'&')
        | u8::from(b == b'<')
        | u8::from(b == b'>')
        | u8::from(b == b'"')
}

/// The start of the first [`BLOCK`]-byte block at or after `from` that may
/// hold a special byte (or of the short tail). The test of a whole block is
/// branch-free, so the compiler vectorises it: plain text is skipped many
/// bytes per cycle, and only the blocks that hit are looked at byte by byte.
#[inline]
pub(crate) fn skip_plain(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(block) = bytes.get(i..i + BLOCK) {
        let mut hit = 0;
        for &b in block {
            hit |= maybe_special(b);
        }
        if hit != 0 {
            break;
        }
        i += BLOCK;
    }
    i
}

/// Appends `text` as one or more CDATA sections.
///
/// `]]>` is split as `]]]]><![CDATA[>`; a carriage return is written as
/// `&#13;` between two sections so that it survives parsing.
pub fn push_cdata(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    out.push_str("<![CDATA[");
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = skip_plain(bytes, i);
        let block_end = (i + BLOCK).min(bytes.len());
        while i < block_end {
            let b = bytes[i];
            if !CDATA_SPECIAL[usize::from(b)] {
                i += 1;
                continue;
            }
            let (replacement, width) = match b {
                b'>' if i >= 2 && &bytes[i - 2..i] == b"]]" => ("]]><![CDATA[>", 1),
                b'\r' => ("]]>&#13;<![CDATA[", 1),
                0xEF if is_nonchar_at(bytes, i) => ("\u{FFFD}", 3),
                b'>' | 0xEF => {
                    i += 1;
                    continue;
                }
                _ => ("\u{FFFD}", 1),
            };
            out.push_str(&text[start..i]);
            out.push_str(replacement);
            i += width;
            start = i;
        }
    }
    out.push_str(&text[start..]);
    out.push_str("]]>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, s);
        out
    }

    fn attr(s: &str) -> String {
        let mut out = String::new();
        push_attr(&mut out, s);
        out
    }

    fn cdata(s: &str) -> String {
        let mut out = String::new();
        push_cdata(&mut out, s);
        out
    }

    #[test]
    fn escapes_markup_in_text_and_attributes() {
        assert_eq!(
            text(r#"a < b && c > "d""#),
            r#"a &lt; b &amp;&amp; c &gt; "d""#
        );
        assert_eq!(attr(r#"x="1"&y<2"#), "x=&quot;1&quot;&amp;y&lt;2");
    }

    #[test]
    fn keeps_whitespace_readable_back() {
        assert_eq!(text("a\tb\nc\r\nd"), "a\tb\nc&#13;\nd");
        assert_eq!(attr("a\tb\nc\r"), "a&#9;b&#10;c&#13;");
    }

    #[test]
    fn replaces_forbidden_characters() {
        assert_eq!(text("bel\u{7}nul\u{0}"), "bel\u{FFFD}nul\u{FFFD}");
        assert_eq!(
            text("x\u{FFFE}y\u{FFFF}z\u{FFFD}"),
            "x\u{FFFD}y\u{FFFD}z\u{FFFD}"
        );
        assert_eq!(attr("\u{1F}"), "\u{FFFD}");
        assert_eq!(cdata("\u{B}"), "<![CDATA[\u{FFFD}]]>");
        // Neighbours of the non-characters are allowed and kept.
        assert_eq!(
            text("\u{FFFC}\u{10000}\u{7F}\u{85}"),
            "\u{FFFC}\u{10000}\u{7F}\u{85}"
        );
        assert_eq!(sanitize("a\u{8}b\u{FFFF}"), "a\u{FFFD}b\u{FFFD}");
        assert!(matches!(sanitize("ok ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn splits_cdata_terminators() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(cdata("]]]>"), "<![CDATA[]]]]]><![CDATA[>]]>");
        assert_eq!(cdata("x]]"), "<![CDATA[x]]]]>");
        assert_eq!(cdata("> ]>"), "<![CDATA[> ]>]]>");
        assert_eq!(cdata("a\rb"), "<![CDATA[a]]>&#13;<![CDATA[b]]>");
        assert_eq!(cdata("<p>Tiếng Việt</p>"), "<![CDATA[<p>Tiếng Việt</p>]]>");
    }

    #[test]
    fn knows_the_char_production() {
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            '\u{D7FF}',
            '\u{E000}',
            '\u{FFFD}',
            '\u{10FFFF}',
        ] {
            assert!(is_xml_char(c), "{c:?}");
        }
        for c in [
            '\u{0}', '\u{8}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            assert!(!is_xml_char(c), "{c:?}");
        }
    }

    /// The escaping of one character, char by char: what the block-skipping
    /// loops must give, wherever in a block the character falls.
    fn reference(s: &str, context: Option<Context>) -> String {
        let mut out = String::new();
        let mut prev = ['\0', '\0'];
        if context.is_none() {
            out.push_str("<![CDATA[");
        }
        for c in s.chars() {
            let piece: String = match (context, c) {
                (_, c) if !is_xml_char(c) => REPLACEMENT.to_string(),
                (Some(_), '&') => "&amp;".into(),
                (Some(_), '<') => "&lt;".into(),
                (Some(_), '>') => "&gt;".into(),
                (Some(_), '\r') => "&#13;".into(),
                (Some(Context::Attribute), '"') => "&quot;".into(),
                (Some(Context::Attribute), '\t') => "&#9;".into(),
                (Some(Context::Attribute), '\n') => "&#10;".into(),
                (None, '>') if prev == [']', ']'] => "]]><![CDATA[>".into(),
                (None, '\r') => "]]>&#13;<![CDATA[".into(),
                (_, c) => c.to_string(),
            };
            out.push_str(&piece);
            prev = [prev[1], c];
        }
        if context.is_none() {
            out.push_str("]]>");
        }
        out
    }

    #[test]
    fn every_special_at_every_offset_of_a_block() {
        let plain = "Trí tuệ nhân tạo ở Việt Nam phát triển nhanh chóng. ".repeat(3);
        let specials = [
            "&", "<", ">", "\"", "\r", "\t", "\n", "\u{0}", "\u{1F}", "\u{FFFE}", "\u{FFFF}",
            "\u{FFFD}", "\u{EFFF}", "]]>", "]]", "ạ",
        ];
        for special in specials {
            for at in 0..plain.len() {
                if !plain.is_char_boundary(at) {
                    continue;
                }
                let s = format!("{}{special}{}", &plain[..at], &plain[at..]);
                assert_eq!(
                    text(&s),
                    reference(&s, Some(Context::Text)),
                    "{special:?} at {at}"
                );
                assert_eq!(
                    attr(&s),
                    reference(&s, Some(Context::Attribute)),
                    "{special:?} at {at}"
                );
                assert_eq!(cdata(&s), reference(&s, None), "{special:?} at {at}");
            }
        }
    }
}
