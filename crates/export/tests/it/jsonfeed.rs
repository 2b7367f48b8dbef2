//! JSON Feed: snapshot, every field read back as JSON and by feed-rs,
//! the mime default, the `_articlekit` extension, hubs, rendering on threads.

use articlekit_export::channel::Channel;
use articlekit_export::jsonfeed::{
    DEFAULT_MIME_TYPE, JsonFeedOptions, JsonFeedWriter, render_item, write_feed,
};
use articlekit_export::rss::content_html;
use articlekit_model::Article;
use serde_json::{Value, json};

use crate::articles::{batch, channel, hostile, minimal, ndjson, seed};

fn feed(articles: &[Article]) -> String {
    let bytes = write_feed(
        Vec::new(),
        &channel(),
        &JsonFeedOptions::default(),
        articles,
    )
    .expect("feed is written");
    String::from_utf8(bytes).expect("feed is UTF-8")
}

fn timestamp(rfc3339: &str) -> i64 {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .expect("valid date")
        .unix_timestamp()
}

fn opt(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.to_owned()))
}

/// Asserts that the item carries every field of the article (JSON keeps
/// every character: nothing is replaced).
fn check_item(item: &Value, article: &Article) {
    let meta = &article.metadata;
    assert_eq!(item["id"], meta.id.as_str());
    assert_eq!(item["url"], opt(meta.url.as_deref()));
    assert_eq!(
        item["external_url"],
        opt(meta.source.as_ref().map(|s| s.url.as_str()))
    );
    assert_eq!(item["title"], meta.title.as_str());
    assert_eq!(item["summary"], article.summary.as_str());
    assert_eq!(item["content_html"], content_html(article).as_str());
    for (key, date) in [
        ("date_published", &meta.published_at),
        ("date_modified", &meta.updated_at),
    ] {
        match date {
            Some(d) => assert_eq!(
                timestamp(item[key].as_str().expect("a date string")),
                timestamp(d)
            ),
            None => assert!(item.get(key).is_none()),
        }
    }
    let authors: Vec<Value> = meta
        .authors
        .iter()
        .map(|a| match &a.url {
            Some(url) => json!({"name": a.name, "url": url}),
            None => json!({"name": a.name}),
        })
        .collect();
    assert_eq!(
        item.get("authors").cloned().unwrap_or(json!([])),
        json!(authors)
    );
    assert_eq!(
        item.get("tags").cloned().unwrap_or(json!([])),
        json!(meta.tags)
    );
    assert_eq!(item["language"], meta.language.as_str());
    let attachments: Vec<Value> = article
        .attachments
        .iter()
        .map(|a| {
            let mut v = json!({
                "url": a.url,
                "mime_type": a.media_type.as_deref().unwrap_or(DEFAULT_MIME_TYPE),
                "title": a.name,
            });
            if let Some(size) = a.size_bytes {
                v["size_in_bytes"] = json!(size);
            }
            v
        })
        .collect();
    assert_eq!(
        item.get("attachments").cloned().unwrap_or(json!([])),
        json!(attachments)
    );
    let ext = &item["_articlekit"];
    assert_eq!(ext["bullets"], json!(article.bullets));
    assert_eq!(ext["discussion_count"], json!(article.discussion_count));
    match &meta.source {
        Some(s) if s.title.is_some() || s.subtitle.is_some() || s.publisher.is_some() => {
            assert_eq!(ext["source"]["title"], opt(s.title.as_deref()));
            assert_eq!(ext["source"]["subtitle"], opt(s.subtitle.as_deref()));
            assert_eq!(ext["source"]["publisher"], opt(s.publisher.as_deref()));
            assert_eq!(ext["source"]["language"], opt(s.language.as_deref()));
        }
        _ => {}
    }
    assert_eq!(
        ext.get("publisher").cloned().unwrap_or(Value::Null),
        serde_json::to_value(&meta.publisher).expect("serialises")
    );
    let untyped: Vec<usize> = article
        .attachments
        .iter()
        .enumerate()
        .filter(|(_, a)| a.media_type.is_none())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        ext.get("attachments_without_media_type")
            .cloned()
            .unwrap_or(json!([])),
        json!(untyped)
    );
}

fn check_with_feed_rs(text: &str, articles: &[Article]) {
    let feed = feed_rs::parser::parse(text.as_bytes()).expect("feed-rs reads the feed");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::JSON);
    assert_eq!(feed.title.map(|t| t.content).as_deref(), Some("Sóng AI"));
    assert_eq!(feed.language.as_deref(), Some("vi"));
    assert_eq!(feed.entries.len(), articles.len());
    for (entry, article) in feed.entries.iter().zip(articles) {
        let meta = &article.metadata;
        assert_eq!(entry.id, meta.id);
        assert_eq!(
            entry.title.as_ref().map(|t| t.content.as_str()),
            Some(meta.title.as_str())
        );
        assert_eq!(
            entry.content.as_ref().and_then(|c| c.body.as_deref()),
            Some(content_html(article).as_str())
        );
        assert_eq!(
            entry.summary.as_ref().map(|t| t.content.as_str()),
            Some(article.summary.as_str())
        );
        assert_eq!(
            entry.published.map(|d| d.timestamp()),
            meta.published_at.as_deref().map(timestamp)
        );
        // feed-rs gives entries without authors the feed's.
        let names: Vec<&str> = entry.authors.iter().map(|a| a.name.as_str()).collect();
        if meta.authors.is_empty() {
            assert_eq!(names, ["Sóng AI"]);
        } else {
            assert_eq!(
                names,
                meta.authors
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
            );
        }
        let terms: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
        assert_eq!(
            terms,
            meta.tags.iter().map(String::as_str).collect::<Vec<_>>()
        );
        // feed-rs percent-encodes what a URL may not hold as it is.
        let encoded = |u: &str| {
            u.replace('"', "%22")
                .replace('<', "%3C")
                .replace('>', "%3E")
        };
        // feed-rs gives the links url, external_url, then the attachments
        // (the only ones with a media type).
        let links: Vec<&str> = entry
            .links
            .iter()
            .filter(|l| l.media_type.is_none())
            .map(|l| l.href.as_str())
            .collect();
        let want_links: Vec<&str> = meta
            .url
            .iter()
            .map(String::as_str)
            .chain(meta.source.as_ref().map(|s| s.url.as_str()))
            .collect();
        assert_eq!(
            links,
            want_links.iter().map(|u| encoded(u)).collect::<Vec<_>>()
        );
        let enclosures: Vec<(String, Option<String>, Option<u64>)> = entry
            .links
            .iter()
            .filter(|l| l.media_type.is_some())
            .map(|l| (l.href.clone(), l.media_type.clone(), l.length))
            .collect();
        let want: Vec<(String, Option<String>, Option<u64>)> = article
            .attachments
            .iter()
            .map(|a| {
                (
                    encoded(&a.url),
                    Some(
                        a.media_type
                            .clone()
                            .unwrap_or_else(|| DEFAULT_MIME_TYPE.to_owned()),
                    ),
                    a.size_bytes,
                )
            })
            .collect();
        assert_eq!(enclosures, want);
    }
}

#[test]
fn batch_feed_snapshot() {
    insta::assert_snapshot!(feed(&batch()));
}

#[test]
fn every_item_reads_back() {
    for articles in [batch(), ndjson("fixtures/articles.ndjson"), vec![hostile()]] {
        let text = feed(&articles);
        let value: Value = serde_json::from_str(&text).expect("the feed is JSON");
        assert_eq!(value["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(value["title"], "Sóng AI");
        assert_eq!(value["home_page_url"], "https://songai.example/");
        assert_eq!(value["feed_url"], "https://songai.example/feed.json");
        assert_eq!(value["description"], "Tóm tắt tin, bài trí tuệ nhân tạo");
        assert_eq!(
            value["authors"],
            json!([{"name": "Sóng AI", "url": "https://songai.example/"}])
        );
        assert_eq!(value["_articlekit"]["copyright"], "© Sóng AI");
        assert!(value.get("hubs").is_none());
        let items = value["items"].as_array().expect("items");
        assert_eq!(items.len(), articles.len());
        for (item, article) in items.iter().zip(&articles) {
            check_item(item, article);
        }
        check_with_feed_rs(&text, &articles);
    }
}

#[test]
fn an_empty_feed_is_valid() {
    let value: Value = serde_json::from_str(&feed(&[])).expect("JSON");
    assert_eq!(value["items"], json!([]));
}

#[test]
fn hubs_need_and_use_the_feed_url() {
    let mut with_hubs: Channel = channel();
    with_hubs.hubs = vec!["https://hub.example/".to_owned()];
    let bytes = write_feed(
        Vec::new(),
        &with_hubs,
        &JsonFeedOptions::default(),
        [seed()],
    )
    .expect("feed");
    let value: Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(
        value["hubs"],
        json!([{"type": "WebSub", "url": "https://hub.example/"}])
    );
    with_hubs.jsonfeed_self_link = None;
    let err = JsonFeedWriter::new(Vec::new(), &with_hubs, &JsonFeedOptions::default())
        .expect_err("refused");
    assert!(err.to_string().contains("`jsonfeed_self_link`"), "{err}");
}

#[test]
fn rendering_on_threads_gives_the_same_bytes() {
    let articles = ndjson("fixtures/articles.ndjson");
    let rendered: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = articles
            .iter()
            .map(|a| s.spawn(|| render_item(a).expect("rendered")))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    let mut writer =
        JsonFeedWriter::new(Vec::new(), &channel(), &JsonFeedOptions::default()).expect("writer");
    for item in rendered {
        writer.write_rendered(item).expect("written");
    }
    let bytes = writer.finish().expect("finished");
    assert_eq!(String::from_utf8(bytes).expect("UTF-8"), feed(&articles));
    let _ = minimal();
}
