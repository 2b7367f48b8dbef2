//! One article as one schema.org `NewsArticle` node.

use articlekit_model::Article;
use serde_json::{Map, Value, json};

/// The schema.org context every document refers to.
pub const CONTEXT: &str = "https://schema.org";

fn insert(node: &mut Map<String, Value>, key: &str, value: impl Into<Value>) {
    node.insert(key.to_owned(), value.into());
}

fn insert_opt(node: &mut Map<String, Value>, key: &str, value: Option<&String>) {
    if let Some(value) = value {
        insert(node, key, value.as_str());
    }
}

/// The `@id` of an article published at `url`: the page URL without its
/// fragment, plus `#article`.
fn node_id(url: &str) -> String {
    let page = url.split_once('#').map_or(url, |(page, _)| page);
    format!("{page}#article")
}

/// The schema.org `NewsArticle` of an article, without `@context`
/// (see [`to_document`](super::to_document) for a standalone document).
///
/// | article | `NewsArticle` |
/// |---|---|
/// | `metadata.url` | `@id` (the URL without fragment + `#article`), `url`, `mainEntityOfPage`; without a URL the node has no `@id` (a blank node: an invented URN would name nothing anyone can resolve) |
/// | `metadata.id` | `identifier` |
/// | `metadata.title` | `headline` |
/// | summary | `abstract` and `description` |
/// | bullets | `articleBody`, one bullet a line (bullets hold no line breaks, so splitting on `\n` gives them back); `hasPart` would need a `CreativeWork`, which `ItemList` is not |
/// | `metadata.language` | `inLanguage` |
/// | `published_at` / `updated_at` | `datePublished` / `dateModified`, as given (RFC 3339 is ISO 8601 with offset) |
/// | authors | `author`: list of `Person` {`name`, `url`} |
/// | tags | `keywords`: list of text (no comma joining, so a tag may hold a comma) |
/// | publisher | `publisher`: `Organization` {`name`, `url`, `slogan` (tagline)} |
/// | source | `isBasedOn`: `NewsArticle` {`url`, `headline`, `alternativeHeadline` (subtitle), `inLanguage`, `publisher`: `Organization` {`name`}}; the source's text is left out (it is the source publisher's article) |
/// | attachments | `associatedMedia`: list of `MediaObject` {`name`, `contentUrl`, `encodingFormat`, `contentSize` (`"482113 B"`)}; `image`: the URLs of the `image/*` ones |
/// | `discussion_count` | `commentCount` |
///
/// Keys come in this order, absent optionals are omitted, so one article
/// always gives the same bytes.
///
/// ```
/// let article: articlekit_model::Article = serde_json::from_str(r#"{"metadata":{"id":"a-1",
///     "title":"Tiêu đề","language":"vi","url":"https://songai.example/a-1"},
///     "summary":"Tóm tắt.","bullets":["Một","Hai"],"discussion_count":3}"#).unwrap();
/// let node = articlekit_export::jsonld::to_news_article(&article);
/// assert_eq!(node["@id"], "https://songai.example/a-1#article");
/// assert_eq!(node["articleBody"], "Một\nHai");
/// assert_eq!(node["commentCount"], 3);
/// ```
pub fn to_news_article(article: &Article) -> Value {
    let meta = &article.metadata;
    let mut node = Map::new();
    insert(&mut node, "@type", "NewsArticle");
    if let Some(url) = &meta.url {
        insert(&mut node, "@id", node_id(url));
    }
    insert(&mut node, "identifier", meta.id.as_str());
    insert(&mut node, "headline", meta.title.as_str());
    insert(&mut node, "abstract", article.summary.as_str());
    insert(&mut node, "description", article.summary.as_str());
    insert(&mut node, "articleBody", article.bullets.join("\n"));
    insert(&mut node, "inLanguage", meta.language.as_str());
    if let Some(url) = &meta.url {
        insert(&mut node, "url", url.as_str());
        insert(&mut node, "mainEntityOfPage", url.as_str());
    }
    insert_opt(&mut node, "datePublished", meta.published_at.as_ref());
    insert_opt(&mut node, "dateModified", meta.updated_at.as_ref());
    if !meta.authors.is_empty() {
        let authors = meta.authors.iter().map(|author| {
            let mut person = Map::new();
            insert(&mut person, "@type", "Person");
            insert(&mut person, "name", author.name.as_str());
            insert_opt(&mut person, "url", author.url.as_ref());
            Value::Object(person)
        });
        insert(&mut node, "author", authors.collect::<Vec<_>>());
    }
    if !meta.tags.is_empty() {
        insert(&mut node, "keywords", meta.tags.clone());
    }
    if let Some(publisher) = &meta.publisher {
        let mut organization = Map::new();
        insert(&mut organization, "@type", "Organization");
        insert(&mut organization, "name", publisher.name.as_str());
        insert_opt(&mut organization, "url", publisher.url.as_ref());
        insert_opt(&mut organization, "slogan", publisher.tagline.as_ref());
        insert(&mut node, "publisher", organization);
    }
    if let Some(source) = &meta.source {
        let mut based_on = Map::new();
        insert(&mut based_on, "@type", "NewsArticle");
        insert(&mut based_on, "url", source.url.as_str());
        insert_opt(&mut based_on, "headline", source.title.as_ref());
        insert_opt(
            &mut based_on,
            "alternativeHeadline",
            source.subtitle.as_ref(),
        );
        insert_opt(&mut based_on, "inLanguage", source.language.as_ref());
        if let Some(name) = &source.publisher {
            insert(
                &mut based_on,
                "publisher",
                json!({"@type": "Organization", "name": name}),
            );
        }
        insert(&mut node, "isBasedOn", based_on);
    }
    if !article.attachments.is_empty() {
        let media = article.attachments.iter().map(|attachment| {
            let mut object = Map::new();
            insert(&mut object, "@type", "MediaObject");
            insert(&mut object, "name", attachment.name.as_str());
            insert(&mut object, "contentUrl", attachment.url.as_str());
            insert_opt(
                &mut object,
                "encodingFormat",
                attachment.media_type.as_ref(),
            );
            if let Some(size) = attachment.size_bytes {
                insert(&mut object, "contentSize", format!("{size} B"));
            }
            Value::Object(object)
        });
        insert(&mut node, "associatedMedia", media.collect::<Vec<_>>());
        let images: Vec<&str> = article
            .attachments
            .iter()
            .filter(|a| {
                a.media_type.as_deref().is_some_and(|t| {
                    t.split_once('/')
                        .is_some_and(|(top, _)| top.eq_ignore_ascii_case("image"))
                })
            })
            .map(|a| a.url.as_str())
            .collect();
        if !images.is_empty() {
            insert(&mut node, "image", images);
        }
    }
    insert(&mut node, "commentCount", article.discussion_count);
    Value::Object(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_id_replaces_a_fragment() {
        assert_eq!(
            node_id("https://a.example/x"),
            "https://a.example/x#article"
        );
        assert_eq!(
            node_id("https://a.example/x?y=1#top"),
            "https://a.example/x?y=1#article"
        );
    }

    #[test]
    fn minimal_article_has_no_id_and_no_empty_lists() {
        let article: Article = serde_json::from_str(
            r#"{"metadata":{"id":"m","title":"T","language":"en"},"summary":"S","bullets":["B"],"discussion_count":0}"#,
        )
        .expect("test data is valid");
        assert_eq!(
            serde_json::to_string(&to_news_article(&article)).expect("test data is valid"),
            r#"{"@type":"NewsArticle","identifier":"m","headline":"T","abstract":"S","description":"S","articleBody":"B","inLanguage":"en","commentCount":0}"#
        );
    }

    #[test]
    fn only_image_attachments_become_images() {
        let article: Article = serde_json::from_str(
            r#"{"metadata":{"id":"m","title":"T","language":"en"},"summary":"S","bullets":["B"],
               "attachments":[{"name":"a.pdf","url":"https://c.example/a.pdf","media_type":"application/pdf"},
                              {"name":"b.png","url":"https://c.example/b.png","media_type":"IMAGE/png","size_bytes":12},
                              {"name":"c","url":"https://c.example/c"}],
               "discussion_count":0}"#,
        )
        .expect("test data is valid");
        let node = to_news_article(&article);
        assert_eq!(node["image"], json!(["https://c.example/b.png"]));
        assert_eq!(node["associatedMedia"][1]["contentSize"], "12 B");
        assert_eq!(
            node["associatedMedia"][2],
            json!({"@type":"MediaObject","name":"c","contentUrl":"https://c.example/c"})
        );
    }
}
