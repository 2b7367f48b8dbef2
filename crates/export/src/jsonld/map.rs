//! One article as one schema.org `NewsArticle` node.

use articlekit_model::{Article, Attachment, Author, Publisher, Source};
use serde::Serialize;
use serde_json::Value;

/// The schema.org context every document refers to.
pub const CONTEXT: &str = "https://schema.org";

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
    // A struct of text serialises into memory without failing.
    serde_json::to_value(NewsArticle::of(article)).unwrap_or_default()
}

/// The node of [`to_news_article`] as a struct borrowing the article's
/// text: serialised as it is, field by field, in this order, without a
/// map being built (the renderers' path).
#[derive(Debug, Serialize)]
pub(crate) struct NewsArticle<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    identifier: &'a str,
    headline: &'a str,
    #[serde(rename = "abstract")]
    summary: &'a str,
    description: &'a str,
    #[serde(rename = "articleBody")]
    article_body: String,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "mainEntityOfPage", skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<&'a str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Organization<'a>>,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    is_based_on: Option<BasedOn<'a>>,
    #[serde(rename = "associatedMedia", skip_serializing_if = "Vec::is_empty")]
    associated_media: Vec<MediaObject<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<&'a str>,
    #[serde(rename = "commentCount")]
    comment_count: u32,
}

#[derive(Debug, Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slogan: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct BasedOn<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(
        rename = "alternativeHeadline",
        skip_serializing_if = "Option::is_none"
    )]
    alternative_headline: Option<&'a str>,
    #[serde(rename = "inLanguage", skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Organization<'a>>,
}

#[derive(Debug, Serialize)]
struct MediaObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "contentUrl")]
    content_url: &'a str,
    #[serde(rename = "encodingFormat", skip_serializing_if = "Option::is_none")]
    encoding_format: Option<&'a str>,
    #[serde(rename = "contentSize", skip_serializing_if = "Option::is_none")]
    content_size: Option<String>,
}

impl<'a> NewsArticle<'a> {
    /// The node of `article` (see [`to_news_article`] for the mapping).
    pub(crate) fn of(article: &'a Article) -> Self {
        let meta = &article.metadata;
        let url = meta.url.as_deref();
        Self {
            kind: "NewsArticle",
            id: url.map(node_id),
            identifier: &meta.id,
            headline: &meta.title,
            summary: &article.summary,
            description: &article.summary,
            article_body: article.bullets.join("\n"),
            in_language: &meta.language,
            url,
            main_entity_of_page: url,
            date_published: meta.published_at.as_deref(),
            date_modified: meta.updated_at.as_deref(),
            author: meta.authors.iter().map(Person::of).collect(),
            keywords: &meta.tags,
            publisher: meta.publisher.as_ref().map(Organization::of),
            is_based_on: meta.source.as_ref().map(BasedOn::of),
            associated_media: article.attachments.iter().map(MediaObject::of).collect(),
            image: article
                .attachments
                .iter()
                .filter(|a| {
                    a.media_type.as_deref().is_some_and(|t| {
                        t.split_once('/')
                            .is_some_and(|(top, _)| top.eq_ignore_ascii_case("image"))
                    })
                })
                .map(|a| a.url.as_str())
                .collect(),
            comment_count: article.discussion_count,
        }
    }
}

impl<'a> Person<'a> {
    fn of(author: &'a Author) -> Self {
        Self {
            kind: "Person",
            name: &author.name,
            url: author.url.as_deref(),
        }
    }
}

impl<'a> Organization<'a> {
    fn of(publisher: &'a Publisher) -> Self {
        Self {
            kind: "Organization",
            name: &publisher.name,
            url: publisher.url.as_deref(),
            slogan: publisher.tagline.as_deref(),
        }
    }
}

impl<'a> BasedOn<'a> {
    fn of(source: &'a Source) -> Self {
        Self {
            kind: "NewsArticle",
            url: &source.url,
            headline: source.title.as_deref(),
            alternative_headline: source.subtitle.as_deref(),
            in_language: source.language.as_deref(),
            publisher: source.publisher.as_deref().map(|name| Organization {
                kind: "Organization",
                name,
                url: None,
                slogan: None,
            }),
        }
    }
}

impl<'a> MediaObject<'a> {
    fn of(attachment: &'a Attachment) -> Self {
        Self {
            kind: "MediaObject",
            name: &attachment.name,
            content_url: &attachment.url,
            encoding_format: attachment.media_type.as_deref(),
            content_size: attachment.size_bytes.map(|size| format!("{size} B")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
