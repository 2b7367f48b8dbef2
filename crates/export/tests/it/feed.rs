//! Reads a feed back with quick-xml into a small element tree, failing on
//! anything that is not well-formed XML 1.0.

use articlekit_export::REPLACEMENT;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// An element: name, attributes (as a reader gives them back), its own text
/// (text, references and CDATA, concatenated), and child elements.
#[derive(Debug, Default)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&Node> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    pub fn texts(&self, name: &str) -> Vec<&str> {
        self.all(name)
            .into_iter()
            .map(|c| c.text.as_str())
            .collect()
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> Node {
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            let value = a
                .normalized_value(XmlVersion::Explicit1_0)
                .expect("attribute value unescapes");
            (a.key.as_ref().to_owned(), value.into_owned())
        })
        .collect();
    Node {
        name: e.name().as_ref().to_owned(),
        attrs,
        ..Node::default()
    }
}

/// Parses `xml` to its root element; panics, saying why, if it is not
/// well-formed or holds a character XML 1.0 forbids.
pub fn parse(xml: &str) -> Node {
    if let Some(bad) = xml.chars().find(|&c| !is_xml_char(c)) {
        panic!("forbidden character {bad:?} in the output");
    }
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let node = element(&e);
                stack
                    .last_mut()
                    .expect("empty element inside the root")
                    .children
                    .push(node);
            }
            Event::End(_) => {
                let node = stack.pop().expect("end tag matches a start tag");
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(node);
                } else {
                    assert!(root.is_none(), "a second root element");
                    root = Some(node);
                }
            }
            Event::Text(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&t.xml10_content());
                } else {
                    assert!(t.trim().is_empty(), "text outside the root: {t:?}");
                }
            }
            Event::CData(c) => {
                stack
                    .last_mut()
                    .expect("CDATA inside an element")
                    .text
                    .push_str(&c.xml10_content());
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().expect("valid character reference") {
                    Some(c) => c,
                    None => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("undeclared entity &{other};"),
                    },
                };
                assert!(is_xml_char(c), "reference to a forbidden character {c:?}");
                stack
                    .last_mut()
                    .expect("reference inside an element")
                    .text
                    .push(c);
            }
            Event::Eof => break,
            Event::Decl(_) => {}
            other => panic!("unexpected XML event {other:?}"),
        }
    }
    assert!(
        stack.is_empty(),
        "unclosed elements: {:?}",
        stack.iter().map(|n| &n.name).collect::<Vec<_>>()
    );
    root.expect("a root element")
}

/// What a reader gets back for `text` written by the exporter.
pub fn expected(text: &str) -> String {
    text.chars()
        .map(|c| if is_xml_char(c) { c } else { REPLACEMENT })
        .collect()
}

/// Asserts that `item` carries every mapped field of `article`, as a reader
/// gets it back.
pub fn check_item(item: &Node, article: &articlekit_model::Article) {
    use articlekit_export::rss;

    let meta = &article.metadata;
    assert_eq!(item.name, "item");
    assert_eq!(item.text_of("title"), Some(expected(&meta.title).as_str()));
    let link = meta
        .url
        .as_deref()
        .or(meta.source.as_ref().map(|s| s.url.as_str()));
    assert_eq!(item.text_of("link"), link.map(expected).as_deref());
    assert_eq!(
        item.text_of("description"),
        Some(expected(&rss::description_html(article)).as_str())
    );
    assert_eq!(
        item.text_of("content:encoded"),
        Some(expected(&rss::content_html(article)).as_str())
    );
    let guid = item.child("guid").expect("every item has a guid");
    assert_eq!(guid.attr("isPermaLink"), Some("false"));
    assert_eq!(guid.text, expected(&meta.id));
    assert_eq!(
        item.text_of("pubDate").map(str::to_owned),
        meta.published_at
            .as_deref()
            .map(|d| rss::rfc822(d).expect("valid date"))
    );
    let authors: Vec<String> = meta.authors.iter().map(|a| expected(&a.name)).collect();
    assert_eq!(item.texts("dc:creator"), authors);
    let tags: Vec<String> = meta.tags.iter().map(|t| expected(t)).collect();
    assert_eq!(item.texts("category"), tags);
    assert_eq!(
        item.text_of("dc:source"),
        meta.source.as_ref().map(|s| expected(&s.url)).as_deref()
    );
    let enclosures = item.all("enclosure");
    match article.attachments.first() {
        None => assert!(enclosures.is_empty()),
        Some(first) => {
            assert_eq!(enclosures.len(), 1);
            let e = enclosures[0];
            assert_eq!(e.attr("url"), Some(expected(&first.url).as_str()));
            assert_eq!(
                e.attr("length"),
                Some(first.size_bytes.unwrap_or(0).to_string().as_str())
            );
            assert_eq!(
                e.attr("type"),
                Some(
                    expected(
                        first
                            .media_type
                            .as_deref()
                            .unwrap_or("application/octet-stream")
                    )
                    .as_str()
                )
            );
        }
    }
    let media = item.all("media:content");
    assert_eq!(media.len(), article.attachments.len());
    for (i, (m, a)) in media.iter().zip(&article.attachments).enumerate() {
        assert_eq!(m.attr("url"), Some(expected(&a.url).as_str()));
        assert_eq!(
            m.attr("fileSize").map(str::to_owned),
            a.size_bytes.map(|s| s.to_string())
        );
        // The first is also the enclosure, and has its type (readers merge the two).
        let media_type = if i == 0 {
            Some(
                a.media_type
                    .as_deref()
                    .unwrap_or("application/octet-stream"),
            )
        } else {
            a.media_type.as_deref()
        };
        assert_eq!(m.attr("type").map(str::to_owned), media_type.map(expected));
    }
    assert_eq!(
        item.text_of("slash:comments"),
        Some(article.discussion_count.to_string().as_str())
    );
}
