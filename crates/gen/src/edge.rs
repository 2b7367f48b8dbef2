//! Valid records at the edges of the rules: limits reached exactly, unusual
//! but valid spellings, text exporters and escapers must survive. Every
//! validator must still call them valid, which is what makes them worth
//! planting in a differential test.

use std::fmt::Write as _;

use articlekit_model::Article;
use serde_json::{Value, json};

use crate::edit::{metadata, obj, set, source};
use crate::rng::Rng;

macro_rules! edges {
    ($($variant:ident => $name:literal, $doc:literal;)*) => {
        /// One kind of valid-but-unusual record.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Edge {
            $(#[doc = $doc] $variant,)*
        }

        impl Edge {
            /// Every edge, in the order a batch cycles through them.
            pub const ALL: &[Edge] = &[$(Edge::$variant,)*];

            /// Kebab-case name, as written in labels.
            pub fn name(self) -> &'static str {
                match self { $(Edge::$variant => $name,)* }
            }
        }
    };
}

edges! {
    CountIntegralFloat => "count-integral-float", "`discussion_count` written `10.0` (an integer to JSON Schema).";
    CountMax => "count-max", "`discussion_count` of 4294967295.";
    SizeLimits => "size-limits", "Attachments of 0 and 9007199254740991 bytes.";
    TitleMaxLength => "title-max-length", "A title of exactly 300 characters.";
    BulletsMax => "bullets-max", "Exactly 50 one-character bullets.";
    TagMaxLength => "tag-max-length", "A tag of exactly 100 characters.";
    SummaryMaxLength => "summary-max-length", "A summary of exactly 5000 characters.";
    IdMaxLength => "id-max-length", "An id of exactly 128 characters using `.`, `_`, `:` and `-`.";
    UrlUppercaseScheme => "url-uppercase-scheme", "A source URL in capitals (`HTTPS://WWW...`).";
    UrlEncodedQueryFragment => "url-encoded-query-fragment", "A URL with percent-encoding, a query and a fragment.";
    UrlIpv6Port => "url-ipv6-port", "An author URL on an IPv6 literal host with a port.";
    DateFractionOddOffset => "date-fraction-odd-offset", "A leap-day date with nanoseconds and a +05:45 offset.";
    LanguageLongTags => "language-long-tags", "Language tags with script and region (`zh-Hans-CN`, `sr-Latn-RS`).";
    WorldText => "world-text", "Emoji, right-to-left text, combining marks and `</script>`, `]]>` in text.";
    NbspInsideText => "nbsp-inside-text", "No-break and ideographic spaces inside (not only in) text.";
    LineSeparatorInBullet => "line-separator-in-bullet", "U+2028 in a bullet (not a C0 control).";
    SummaryTabsCrlf => "summary-tabs-crlf", "Tabs and CRLF line breaks in the summary.";
    EmptyOptionalLists => "empty-optional-lists", "`authors`, `tags` and `attachments` written as `[]`.";
    AsciiEscapes => "ascii-escapes", "Every non-ASCII character written as a `\\u` escape, `/` as `\\/`.";
}

/// `n` characters of Vietnamese text ending in a letter.
fn exactly(n: usize) -> String {
    let pool = "Trí tuệ nhân tạo đang thay đổi cách các tòa soạn làm tin ";
    let mut text: String = pool.chars().cycle().take(n.saturating_sub(1)).collect();
    text.push('ả');
    text
}

/// JSON with every non-ASCII character as `\uXXXX` (surrogate pairs above
/// the BMP) and every `/` as `\/`.
fn ascii_json(value: &Value) -> String {
    let plain = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(plain.len() * 2);
    for c in plain.chars() {
        match c {
            '/' => out.push_str("\\/"),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut units = [0_u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out
}

impl Edge {
    /// The record's line (without its line feed): `article` taken to this edge.
    pub fn apply(self, article: &Article, rng: &mut Rng) -> Vec<u8> {
        let good = article.to_canonical_json();
        if self == Self::CountIntegralFloat {
            // `discussion_count` is the last field of a canonical record.
            let at = good.rfind("\"discussion_count\":").unwrap_or(0);
            let count = article.discussion_count;
            return format!("{}\"discussion_count\":{count}.0}}", &good[..at]).into_bytes();
        }
        let mut v = serde_json::to_value(article).unwrap_or_else(|_| json!({}));
        if self == Self::AsciiEscapes {
            return ascii_json(&v).into_bytes();
        }
        let _ = self.limits(&mut v, article) || self.spellings(&mut v, article, rng);
        serde_json::to_vec(&v).unwrap_or_default()
    }

    /// Lengths, counts and sizes at their limits.
    fn limits(self, r: &mut Value, article: &Article) -> bool {
        match self {
            Self::CountMax => set(obj(r), "discussion_count", json!(4_294_967_295_u32)),
            Self::SizeLimits => set(
                obj(r),
                "attachments",
                json!([
                    { "name": "Tệp rỗng.txt", "url": "https://cdn.songai.example/files/rong.txt",
                      "media_type": "text/plain", "size_bytes": 0 },
                    { "name": "Kho dữ liệu.tar.gz", "url": "https://cdn.songai.example/files/kho.tar.gz",
                      "media_type": "application/gzip", "size_bytes": 9_007_199_254_740_991_u64 }
                ]),
            ),
            Self::TitleMaxLength => set(metadata(r), "title", exactly(300).into()),
            Self::BulletsMax => {
                let bullets: Vec<Value> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx"
                    .chars()
                    .map(|c| Value::String(c.to_string()))
                    .collect();
                set(obj(r), "bullets", Value::Array(bullets));
            }
            Self::TagMaxLength => set(metadata(r), "tags", json!([exactly(100), "AI"])),
            Self::SummaryMaxLength => set(obj(r), "summary", exactly(5000).into()),
            Self::IdMaxLength => {
                let mut id = format!("{}.v1_2025:", article.metadata.id);
                while id.len() < 128 {
                    id.push('-');
                }
                id.truncate(127);
                id.push('z');
                set(metadata(r), "id", id.into());
            }
            _ => return false,
        }
        true
    }

    /// Unusual but valid spellings and text.
    fn spellings(self, r: &mut Value, article: &Article, rng: &mut Rng) -> bool {
        match self {
            Self::UrlUppercaseScheme => {
                let url = article
                    .metadata
                    .source
                    .as_ref()
                    .map_or("https://www.scmp.com/a", |s| s.url.as_str());
                set(source(r), "url", url.to_ascii_uppercase().into());
            }
            Self::UrlEncodedQueryFragment => set(
                metadata(r),
                "url",
                json!(
                    "https://songai.example/t%C3%ACm-ki%E1%BA%BFm?q=AI&trang=2&x=%2F#b%C3%ACnh-lu%E1%BA%ADn"
                ),
            ),
            Self::UrlIpv6Port => set(
                metadata(r),
                "authors",
                json!([{ "name": "Nguyễn Minh Anh", "url": "http://[2001:db8::1]:8080/tac-gia/minh-anh" }]),
            ),
            Self::DateFractionOddOffset => {
                let m = metadata(r);
                set(
                    m,
                    "published_at",
                    json!("2024-02-29T23:59:59.123456789+05:45"),
                );
                set(m, "updated_at", json!("2024-03-01T00:00:00.5+05:45"));
            }
            Self::LanguageLongTags => {
                set(metadata(r), "language", json!("zh-Hans-CN"));
                set(source(r), "language", json!("sr-Latn-RS"));
            }
            Self::WorldText => {
                set(
                    metadata(r),
                    "title",
                    json!("AI 🤖 và “الذكاء الاصطناعي” — Tiếng Việt </script> ]]> &amp;"),
                );
                set(
                    source(r),
                    "subtitle",
                    json!("שלום \u{200F}مرحبا\u{200E} 👩🏽‍💻 <b>bold</b>"),
                );
            }
            Self::NbspInsideText => {
                set(
                    metadata(r),
                    "title",
                    json!("\u{a0}Trí\u{a0}tuệ\u{3000}nhân tạo\u{2003}"),
                );
                set(
                    metadata(r),
                    "tags",
                    json!(["\u{a0}AI\u{a0}", "Global\u{202f}South"]),
                );
            }
            Self::LineSeparatorInBullet => {
                let mut bullets = article.bullets.clone();
                let i = rng.index(bullets.len());
                bullets[i].push_str("\u{2028}Dòng sau\u{2029}đoạn sau");
                set(obj(r), "bullets", json!(bullets));
            }
            Self::SummaryTabsCrlf => {
                let text = format!("{}\r\n\r\n\tCột 1\tCột 2\r\nHết.", article.summary);
                set(obj(r), "summary", text.into());
            }
            Self::EmptyOptionalLists => {
                set(metadata(r), "authors", json!([]));
                set(metadata(r), "tags", json!([]));
                set(obj(r), "attachments", json!([]));
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::{Edge, ascii_json, exactly};

    #[test]
    fn exact_lengths_are_exact() {
        for n in [1, 100, 300, 5000] {
            assert_eq!(exactly(n).chars().count(), n);
        }
    }

    #[test]
    fn ascii_json_is_ascii_and_means_the_same() {
        let value = serde_json::json!({ "t": "Tiếng Việt 🤖 a/b" });
        let text = ascii_json(&value);
        assert!(text.is_ascii());
        assert!(text.contains("\\ud83e\\udd16") && text.contains("a\\/b"));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).ok(),
            Some(value)
        );
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<&str> = Edge::ALL.iter().map(|e| e.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Edge::ALL.len());
    }
}
