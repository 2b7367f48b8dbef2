//! JSON-LD documents: a batch as one `@graph`, one article alone, or HTML
//! `<script>` snippets.

use std::io::Write;

use articlekit_model::Article;
use serde_json::{Map, Value};

use super::map::{CONTEXT, NewsArticle, to_news_article};
use crate::Error;

/// A standalone document for one article: its `NewsArticle` with
/// `"@context": "https://schema.org"` first.
pub fn to_document(article: &Article) -> Value {
    let mut document = Map::new();
    document.insert("@context".to_owned(), CONTEXT.into());
    if let Value::Object(node) = to_news_article(article) {
        document.extend(node);
    }
    Value::Object(document)
}

/// Writes one article as a standalone, pretty-printed document and a final
/// line feed.
pub fn write_document(mut out: impl Write, article: &Article) -> Result<(), Error> {
    let mut bytes = pretty(&to_document(article));
    bytes.push(b'\n');
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(())
}

fn pretty(value: &Value) -> Vec<u8> {
    // Serialising a Value into memory cannot fail.
    serde_json::to_vec_pretty(value).unwrap_or_default()
}

/// Makes serialised JSON safe inside an HTML `<script>` element: `<`, `>`,
/// `&`, U+2028 and U+2029 become `\u003c`, `\u003e`, `\u0026`, `\u2028`,
/// `\u2029`.
///
/// Only correct on JSON text: there these characters can occur only inside
/// strings, where the escapes mean the same characters, so the data is
/// unchanged while `</script>` and `<!--` can no longer appear.
///
/// ```
/// assert_eq!(
///     articlekit_export::jsonld::escape_json_for_html(r#"{"a":"</script><!--&"}"#),
///     r#"{"a":"\u003c/script\u003e\u003c!--\u0026"}"#
/// );
/// ```
pub fn escape_json_for_html(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// One article as an HTML snippet:
/// `<script type="application/ld+json">` + [`to_document`] + `</script>`.
pub fn html_snippet(article: &Article) -> String {
    let json = String::from_utf8(pretty(&to_document(article))).unwrap_or_default();
    format!(
        "<script type=\"application/ld+json\">\n{}\n</script>\n",
        escape_json_for_html(&json)
    )
}

/// What a [`JsonLdWriter`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JsonLdMode {
    /// The batch as one document, `{"@context":"https://schema.org","@graph":[…]}`,
    /// one article a line.
    #[default]
    Graph,
    /// One `<script type="application/ld+json">` snippet per article (see [`html_snippet`]).
    Html,
}

/// One article as `mode` writes it, without the separators of the graph:
/// for [`JsonLdWriter::write_rendered`].
pub fn render(article: &Article, mode: JsonLdMode) -> Vec<u8> {
    match mode {
        // Serialising a Value into memory cannot fail.
        JsonLdMode::Graph => {
            let mut bytes = Vec::with_capacity(estimate(article));
            push_node(&mut bytes, article);
            bytes
        }
        JsonLdMode::Html => html_snippet(article).into_bytes(),
    }
}

/// Appends the compact JSON of `article`'s node: the bytes `serde_json`
/// gives [`to_news_article`], written straight from the article by
/// `sonic-rs`'s serialiser (its escapes are `serde_json`'s; a test holds
/// the two equal).
fn push_node(bytes: &mut Vec<u8>, article: &Article) {
    // Text serialises into memory without failing.
    let _ = sonic_rs::to_writer(&mut *bytes, &NewsArticle::of(article));
}

/// About the size of `article`'s JSON-LD: its texts (the summary twice),
/// plus room for the keys, so that the buffer rarely grows.
fn estimate(article: &Article) -> usize {
    let meta = &article.metadata;
    let texts = meta.title.len()
        + 2 * article.summary.len()
        + article.bullets.iter().map(String::len).sum::<usize>()
        + 3 * meta.url.as_ref().map_or(0, String::len);
    texts + texts / 8 + 1024
}

/// Writes articles as JSON-LD as they come, without buffering: the `@graph`
/// head goes out before the first article, each article follows its comma,
/// and [`JsonLdWriter::finish`] closes the array.
///
/// ```
/// use articlekit_export::jsonld::{JsonLdMode, JsonLdWriter};
///
/// let article: articlekit_model::Article = serde_json::from_str(r#"{"metadata":{"id":"a-1",
///     "title":"Tiêu đề","language":"vi"},"summary":"Tóm tắt.","bullets":["Một"],
///     "discussion_count":0}"#).unwrap();
/// let mut writer = JsonLdWriter::new(Vec::new(), JsonLdMode::Graph);
/// writer.write_article(&article)?;
/// writer.write_article(&article)?;
/// let text = String::from_utf8(writer.finish()?).unwrap();
/// let document: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(document["@context"], "https://schema.org");
/// assert_eq!(document["@graph"].as_array().unwrap().len(), 2);
/// # Ok::<(), articlekit_export::Error>(())
/// ```
#[derive(Debug)]
pub struct JsonLdWriter<W: Write> {
    out: W,
    mode: JsonLdMode,
    written: u64,
    buffer: Vec<u8>,
}

const GRAPH_HEAD: &[u8] = b"{\"@context\":\"https://schema.org\",\"@graph\":[";

impl<W: Write> JsonLdWriter<W> {
    /// A writer that has written nothing yet.
    pub fn new(out: W, mode: JsonLdMode) -> Self {
        Self {
            out,
            mode,
            written: 0,
            buffer: Vec::with_capacity(16 * 1024),
        }
    }

    /// Writes one article rendered by [`render`] (which can run on other
    /// threads): the same bytes as [`JsonLdWriter::write_article`].
    pub fn write_rendered(&mut self, rendered: &[u8]) -> Result<(), Error> {
        if self.mode == JsonLdMode::Graph {
            if self.written == 0 {
                self.out.write_all(GRAPH_HEAD)?;
                self.out.write_all(b"\n")?;
            } else {
                self.out.write_all(b",\n")?;
            }
        }
        self.out.write_all(rendered)?;
        self.written += 1;
        Ok(())
    }

    /// Writes one article.
    pub fn write_article(&mut self, article: &Article) -> Result<(), Error> {
        self.buffer.clear();
        match self.mode {
            JsonLdMode::Graph => {
                if self.written == 0 {
                    self.buffer.extend_from_slice(GRAPH_HEAD);
                    self.buffer.push(b'\n');
                } else {
                    self.buffer.extend_from_slice(b",\n");
                }
                push_node(&mut self.buffer, article);
            }
            JsonLdMode::Html => self
                .buffer
                .extend_from_slice(html_snippet(article).as_bytes()),
        }
        self.out.write_all(&self.buffer)?;
        self.written += 1;
        Ok(())
    }

    /// Flushes what was written.
    pub fn flush(&mut self) -> Result<(), Error> {
        Ok(self.out.flush()?)
    }

    /// Closes the document (in graph mode), flushes, and gives the output back.
    pub fn finish(mut self) -> Result<W, Error> {
        if self.mode == JsonLdMode::Graph {
            if self.written == 0 {
                self.out.write_all(GRAPH_HEAD)?;
                self.out.write_all(b"]}\n")?;
            } else {
                self.out.write_all(b"\n]}\n")?;
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str) -> Article {
        serde_json::from_value(serde_json::json!({
            "metadata": {"id": "a", "title": title, "language": "en"},
            "summary": "S", "bullets": ["B"], "discussion_count": 1
        }))
        .expect("test data is valid")
    }

    #[test]
    fn empty_batch_is_an_empty_graph() {
        let out = JsonLdWriter::new(Vec::new(), JsonLdMode::Graph)
            .finish()
            .expect("test data is valid");
        assert_eq!(
            out,
            b"{\"@context\":\"https://schema.org\",\"@graph\":[]}\n"
        );
        let out = JsonLdWriter::new(Vec::new(), JsonLdMode::Html)
            .finish()
            .expect("test data is valid");
        assert!(out.is_empty());
    }

    #[test]
    fn graph_is_one_article_a_line() {
        let mut writer = JsonLdWriter::new(Vec::new(), JsonLdMode::Graph);
        writer
            .write_article(&article("one"))
            .expect("test data is valid");
        writer
            .write_article(&article("two"))
            .expect("test data is valid");
        let text = String::from_utf8(writer.finish().expect("test data is valid"))
            .expect("test data is valid");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(
            lines[0],
            "{\"@context\":\"https://schema.org\",\"@graph\":["
        );
        assert!(lines[1].ends_with("},") && lines[2].ends_with('}'));
        assert_eq!(lines[3], "]}");
    }

    #[test]
    fn document_puts_context_first() {
        let text = serde_json::to_string(&to_document(&article("t"))).expect("test data is valid");
        assert!(text.starts_with(r#"{"@context":"https://schema.org","@type":"NewsArticle","#));
    }

    #[test]
    fn html_escape_covers_line_separators() {
        let json = serde_json::to_string(&"a\u{2028}b\u{2029}c").expect("test data is valid");
        let escaped = escape_json_for_html(&json);
        assert_eq!(escaped, r#""a\u2028b\u2029c""#);
        assert_eq!(
            serde_json::from_str::<String>(&escaped).expect("test data is valid"),
            "a\u{2028}b\u{2029}c"
        );
    }

    #[test]
    fn html_snippet_cannot_be_closed_by_data() {
        let snippet = html_snippet(&article("</script><script>alert(1)</script><!-- x -->"));
        assert_eq!(snippet.matches("</script").count(), 1);
        assert!(snippet.ends_with("</script>\n"));
        assert!(!snippet.contains("<!--"));
    }
}
