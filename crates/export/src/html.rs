//! The HTML bodies of an RSS item: `description` and `content:encoded`.
//!
//! Text is HTML-escaped here; characters XML forbids are left for the XML
//! layer, which replaces them wherever the HTML ends up.

use articlekit_model::Article;

use crate::xml::{BLOCK, skip_plain};

/// Bytes [`push_escaped`] replaces.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table
};

/// Appends `text` HTML-escaped, safe both as element content and inside a
/// double-quoted attribute.
fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = skip_plain(bytes, i);
        let block_end = (i + BLOCK).min(bytes.len());
        for (j, &b) in bytes.iter().enumerate().take(block_end).skip(i) {
            if !SPECIAL[usize::from(b)] {
                continue;
            }
            out.push_str(&text[start..j]);
            out.push_str(match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&quot;",
            });
            start = j + 1;
        }
        i = block_end;
    }
    out.push_str(&text[start..]);
}

/// The summary paragraph, then the bullets as a list:
/// `<p>summary</p><ul><li>bullet</li>…</ul>`.
pub fn description(article: &Article) -> String {
    let mut out = String::with_capacity(
        article.summary.len() + article.bullets.iter().map(|b| b.len() + 9).sum::<usize>() + 16,
    );
    push_description(&mut out, article);
    out
}

fn push_description(out: &mut String, article: &Article) {
    out.push_str("<p>");
    push_escaped(out, &article.summary);
    out.push_str("</p>");
    if !article.bullets.is_empty() {
        out.push_str("<ul>");
        for bullet in &article.bullets {
            out.push_str("<li>");
            push_escaped(out, bullet);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
}

/// Labels of the extra paragraphs, in the article's language where known.
struct Labels {
    source: &'static str,
    attachments: &'static str,
}

fn labels(language: &str) -> Labels {
    let primary = language.split('-').next().unwrap_or(language);
    if primary.eq_ignore_ascii_case("vi") {
        Labels {
            source: "Nguồn",
            attachments: "Tệp đính kèm",
        }
    } else {
        Labels {
            source: "Source",
            attachments: "Attachments",
        }
    }
}

fn push_link(out: &mut String, url: &str, text: &str) {
    out.push_str("<a href=\"");
    push_escaped(out, url);
    out.push_str("\">");
    push_escaped(out, text);
    out.push_str("</a>");
}

/// The full HTML of the item: [`description`], then a paragraph linking the
/// source article (its title, else its URL, and its publisher), then the
/// attachments as a list of links. The source's full text is not included:
/// it is the source publisher's article, not this one.
pub fn content(article: &Article) -> String {
    content_from(&description(article), article)
}

/// [`content`] from an already built [`description`].
pub(crate) fn content_from(description: &str, article: &Article) -> String {
    let mut out = String::with_capacity(description.len() + 512);
    out.push_str(description);
    let labels = labels(&article.metadata.language);
    if let Some(source) = &article.metadata.source {
        out.push_str("<p>");
        out.push_str(labels.source);
        out.push_str(": ");
        push_link(
            &mut out,
            &source.url,
            source.title.as_deref().unwrap_or(&source.url),
        );
        if let Some(publisher) = &source.publisher {
            out.push_str(" (");
            push_escaped(&mut out, publisher);
            out.push(')');
        }
        out.push_str("</p>");
    }
    if !article.attachments.is_empty() {
        out.push_str("<p>");
        out.push_str(labels.attachments);
        out.push_str(":</p><ul>");
        for attachment in &article.attachments {
            out.push_str("<li>");
            push_link(&mut out, &attachment.url, &attachment.name);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn article(extra: &serde_json::Value) -> Article {
        let mut value = json!({
            "metadata": {"id": "a-1", "title": "T", "language": "vi"},
            "summary": "Tóm <tắt> & \"trích\"",
            "bullets": ["Một", "Hai </li>"],
            "discussion_count": 0
        });
        for (k, v) in extra.as_object().expect("test data is valid") {
            if k == "source" {
                value["metadata"]["source"] = v.clone();
            } else if k == "language" {
                value["metadata"]["language"] = v.clone();
            } else {
                value[k] = v.clone();
            }
        }
        serde_json::from_value(value).expect("test data is valid")
    }

    #[test]
    fn description_is_summary_then_bullets() {
        assert_eq!(
            description(&article(&json!({}))),
            "<p>Tóm &lt;tắt&gt; &amp; &quot;trích&quot;</p><ul><li>Một</li><li>Hai &lt;/li&gt;</li></ul>"
        );
    }

    #[test]
    fn content_links_source_and_attachments_in_the_article_language() {
        let a = article(&json!({
            "source": {"url": "https://x.example/a?b=1&c=\"2\"", "title": "Src", "publisher": "SCMP"},
            "attachments": [{"name": "r.pdf", "url": "https://cdn.example/r.pdf"}]
        }));
        let html = content(&a);
        assert!(html.starts_with(&description(&a)));
        assert!(html.ends_with(
            "<p>Nguồn: <a href=\"https://x.example/a?b=1&amp;c=&quot;2&quot;\">Src</a> (SCMP)</p>\
             <p>Tệp đính kèm:</p><ul><li><a href=\"https://cdn.example/r.pdf\">r.pdf</a></li></ul>"
        ));
        let en = article(&json!({"language": "en-GB", "source": {"url": "https://x.example/"}}));
        assert!(
            content(&en)
                .ends_with("<p>Source: <a href=\"https://x.example/\">https://x.example/</a></p>")
        );
    }

    #[test]
    fn escapes_markup_wherever_it_falls_in_a_block() {
        let plain = "Tin tức AI hôm nay: mô hình mới ra mắt. ".repeat(3);
        for special in ["&", "<", ">", "\"", "\n", "\u{0}", "\u{FFFF}", "ạ"] {
            for at in (0..=plain.len()).filter(|&at| plain.is_char_boundary(at)) {
                let s = format!("{}{special}{}", &plain[..at], &plain[at..]);
                let mut out = String::new();
                push_escaped(&mut out, &s);
                let expected: String = s
                    .chars()
                    .map(|c| match c {
                        '&' => "&amp;".to_string(),
                        '<' => "&lt;".to_string(),
                        '>' => "&gt;".to_string(),
                        '"' => "&quot;".to_string(),
                        c => c.to_string(),
                    })
                    .collect();
                assert_eq!(out, expected, "{special:?} at {at}");
            }
        }
    }
}
