//! JSON-LD: snapshots of a standalone document, a batch graph and HTML
//! snippets, and what readers get back.

use articlekit_export::jsonld::{
    JsonLdMode, JsonLdWriter, html_snippet, to_document, to_news_article, write_document,
};
use articlekit_model::Article;
use serde_json::{Value, json};

use crate::articles::{batch, full, hostile, minimal, seed};

fn written(mode: JsonLdMode, articles: &[Article]) -> String {
    let mut writer = JsonLdWriter::new(Vec::new(), mode);
    for article in articles {
        writer.write_article(article).expect("written");
    }
    String::from_utf8(writer.finish().expect("finished")).expect("UTF-8")
}

/// The JSON of every `<script type="application/ld+json">` block of a page.
pub fn script_blocks(html: &str) -> Vec<&str> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| rest.split_once("</script>").expect("script closed").0)
        .collect()
}

#[test]
fn seed_document_snapshot() {
    let mut out = Vec::new();
    write_document(&mut out, &seed()).expect("written");
    insta::assert_snapshot!(String::from_utf8(out).expect("UTF-8"));
}

#[test]
fn full_document_snapshot() {
    insta::assert_snapshot!(serde_json::to_string_pretty(&to_document(&full())).expect("JSON"));
}

#[test]
fn batch_graph_snapshot() {
    insta::assert_snapshot!(written(JsonLdMode::Graph, &batch()));
}

#[test]
fn html_snippets_snapshot() {
    insta::assert_snapshot!(written(JsonLdMode::Html, &[minimal(), hostile()]));
}

#[test]
fn graph_reads_back_as_the_mapped_nodes() {
    let articles = batch();
    let document: Value =
        serde_json::from_str(&written(JsonLdMode::Graph, &articles)).expect("JSON");
    assert_eq!(document["@context"], "https://schema.org");
    let graph = document["@graph"].as_array().expect("@graph array");
    assert_eq!(graph.len(), articles.len());
    for (node, article) in graph.iter().zip(&articles) {
        assert_eq!(node, &to_news_article(article));
    }
}

#[test]
fn full_article_maps_every_field() {
    let node = to_news_article(&full());
    assert_eq!(
        node["@id"],
        "https://songai.example/bai-viet/openai-mo-hinh-moi#article"
    );
    assert_eq!(node["url"], node["mainEntityOfPage"]);
    assert_eq!(node["identifier"], "songai-2025-07-21-openai");
    assert_eq!(node["abstract"], node["description"]);
    assert_eq!(
        node["articleBody"],
        "Mô hình mới suy luận tốt hơn.\nGiá rẻ hơn 50%."
    );
    assert_eq!(node["datePublished"], "2025-07-21T09:15:00+07:00");
    assert_eq!(node["dateModified"], "2025-07-22T10:00:00.250+07:00");
    assert_eq!(
        node["author"],
        json!([
            {"@type": "Person", "name": "Nguyễn Văn A", "url": "https://songai.example/tac-gia/nguyen-van-a"},
            {"@type": "Person", "name": "Trần Thị B"}
        ])
    );
    assert_eq!(
        node["keywords"],
        json!(["OpenAI", "mô hình ngôn ngữ", "AI, chính sách"])
    );
    assert_eq!(
        node["publisher"]["slogan"],
        "Tóm tắt tin, bài trí tuệ nhân tạo"
    );
    assert_eq!(
        node["isBasedOn"],
        json!({
            "@type": "NewsArticle",
            "url": "https://news.example/openai-new-model?utm=1&ref=x",
            "headline": "OpenAI unveils a new model",
            "alternativeHeadline": "The company says it reasons better",
            "inLanguage": "en",
            "publisher": {"@type": "Organization", "name": "News Example"}
        })
    );
    assert_eq!(node["associatedMedia"][0]["contentSize"], "482113 B");
    assert_eq!(node["image"], json!(["https://cdn.example/bieu-do.png"]));
    assert_eq!(node["commentCount"], 42);
}

#[test]
fn html_snippets_hide_markup_and_read_back() {
    let articles = [hostile(), full(), seed()];
    let html = written(JsonLdMode::Html, &articles);
    // Only the snippets' own tags hold `<`; nothing in the data can close or comment out a block.
    assert_eq!(html.matches('<').count(), 2 * articles.len());
    assert!(!html.contains("<!--"));
    assert!(!html.contains('\u{2028}') && !html.contains('\u{2029}'));
    let blocks = script_blocks(&html);
    assert_eq!(blocks.len(), articles.len());
    for (block, article) in blocks.iter().zip(&articles) {
        let value: Value = serde_json::from_str(block).expect("block is JSON");
        assert_eq!(value, to_document(article));
    }
    assert_eq!(
        html_snippet(&hostile()),
        written(JsonLdMode::Html, &[hostile()])
    );
}
