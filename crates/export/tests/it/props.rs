//! Property tests: arbitrary text in every field gives well-formed XML that
//! reads back (modulo the documented replacement of characters XML
//! forbids), JSON-LD that parses back to the same strings, and HTML
//! snippets that the data cannot break out of.

use articlekit_export::jsonld::{
    JsonLdMode, JsonLdWriter, html_snippet, to_document, to_news_article,
};
use articlekit_export::rss::{RssOptions, write_feed};
use articlekit_model::{Article, Attachment, Author, Metadata, Publisher, Source};
use proptest::prelude::*;
use serde_json::Value;

use crate::articles::channel;
use crate::feed::expected;
use crate::feed::{check_item, parse};
use crate::files::Memory;
use crate::jsonld::script_blocks;

/// Pieces that break naive writers, mixed with arbitrary characters.
const HOSTILE: &[&str] = &[
    "\"",
    "'",
    "&",
    "&amp;",
    "<",
    ">",
    "]]>",
    "]]",
    "]",
    "<![CDATA[",
    "</script>",
    "</SCRIPT ",
    "<!--",
    "-->",
    "<script>",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{B}",
    "\u{1B}",
    "\u{1F}",
    "\u{7F}",
    "\u{85}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\u{FFFD}",
    "\u{2028}",
    "\u{2029}",
    "\u{FEFF}",
    "\u{202E}",
    "e\u{301}",
    "\u{E0}\u{323}",
    "👩‍👩‍👧",
    "🇻🇳",
    "مرحبا",
    "שלום",
    "Tiếng Việt",
    "&#7;",
    "\\u003c",
    "%3C",
    ",",
    ";",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(HOSTILE).prop_map(str::to_owned),
            2 => any::<char>().prop_map(String::from),
            2 => "[a-zA-Z0-9 ]{1,8}",
        ],
        1..12,
    )
    .prop_map(|parts| parts.concat())
}

fn date() -> impl Strategy<Value = String> {
    (
        1_u32..=9999,
        1_u32..=12,
        1_u32..=28,
        0_u32..24,
        0_u32..60,
        0_u32..60,
        prop::option::of(0_u32..1000),
        -23_i32..=23,
        prop::sample::select(&[0_u32, 30, 45][..]),
    )
        .prop_map(|(y, mo, d, h, mi, s, frac, oh, om)| {
            let frac = frac.map(|f| format!(".{f:03}")).unwrap_or_default();
            let offset = if oh == 0 && om == 0 {
                "Z".to_owned()
            } else {
                format!(
                    "{}{:02}:{om:02}",
                    if oh < 0 { '-' } else { '+' },
                    oh.unsigned_abs()
                )
            };
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{offset}")
        })
}

prop_compose! {
    fn author()(name in text(), url in prop::option::of(text())) -> Author {
        Author { name, url }
    }
}

prop_compose! {
    fn attachment()(name in text(), url in text(), media_type in prop::option::of(text()), size_bytes in prop::option::of(any::<u64>())) -> Attachment {
        Attachment { name, url, media_type, size_bytes }
    }
}

prop_compose! {
    fn source()(url in text(), title in prop::option::of(text()), subtitle in prop::option::of(text()), publisher in prop::option::of(text()), language in prop::option::of(text()), text in prop::option::of(text())) -> Source {
        Source { url, title, subtitle, publisher, language, text }
    }
}

prop_compose! {
    fn publisher()(name in text(), tagline in prop::option::of(text()), url in prop::option::of(text())) -> Publisher {
        Publisher { name, tagline, url }
    }
}

prop_compose! {
    fn metadata()(
        id in text(), title in text(), language in text(), url in prop::option::of(text()),
        published_at in prop::option::of(date()), updated_at in prop::option::of(date()),
        authors in prop::collection::vec(author(), 0..3), tags in prop::collection::vec(text(), 0..3),
        publisher in prop::option::of(publisher()), source in prop::option::of(source()),
    ) -> Metadata {
        Metadata { id, title, language, url, published_at, updated_at, authors, tags, publisher, source }
    }
}

prop_compose! {
    fn article()(
        metadata in metadata(), summary in text(), bullets in prop::collection::vec(text(), 1..4),
        attachments in prop::collection::vec(attachment(), 0..3), discussion_count in any::<u32>(),
    ) -> Article {
        Article { metadata, summary, bullets, attachments, discussion_count }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn rss_is_well_formed_and_reads_back(articles in prop::collection::vec(article(), 0..4), newest_first in any::<bool>()) {
        let options = RssOptions { newest_first, ..RssOptions::default() };
        let bytes = write_feed(Vec::new(), &channel(), &options, &articles).expect("feed is written");
        let xml = String::from_utf8(bytes).expect("UTF-8");
        let root = parse(&xml);
        let items = root.child("channel").expect("channel").all("item");
        prop_assert_eq!(items.len(), articles.len());
        if !newest_first {
            for (item, article) in items.iter().zip(&articles) {
                check_item(item, article);
            }
        }
    }

    #[test]
    fn jsonld_reads_back_with_the_same_strings(articles in prop::collection::vec(article(), 0..4)) {
        let mut writer = JsonLdWriter::new(Vec::new(), JsonLdMode::Graph);
        for article in &articles {
            writer.write_article(article).expect("written");
        }
        let bytes = writer.finish().expect("finished");
        let document: Value = serde_json::from_slice(&bytes).expect("graph is JSON");
        let graph = document["@graph"].as_array().expect("@graph");
        prop_assert_eq!(graph.len(), articles.len());
        // Byte for byte what serde_json makes of the node (the writer
        // serialises with sonic-rs, straight from the article).
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        for (line, article) in text.lines().skip(1).zip(&articles) {
            let expected = serde_json::to_string(&to_news_article(article)).expect("serialised");
            prop_assert_eq!(line.trim_end_matches(','), expected.as_str());
        }
        for (node, article) in graph.iter().zip(&articles) {
            prop_assert_eq!(node, &to_news_article(article));
            prop_assert_eq!(node["headline"].as_str(), Some(article.metadata.title.as_str()));
            prop_assert_eq!(node["abstract"].as_str(), Some(article.summary.as_str()));
            prop_assert_eq!(node["identifier"].as_str(), Some(article.metadata.id.as_str()));
            let body = article.bullets.join("\n");
            prop_assert_eq!(node["articleBody"].as_str(), Some(body.as_str()));
        }
    }

    /// The JSON exporters serialise with sonic-rs and promise serde_json's
    /// bytes: the same escapes for every character, the same numbers.
    #[test]
    fn sonic_rs_writes_serde_json_bytes(texts in prop::collection::vec(text(), 0..6), number in any::<u64>(), small in any::<u32>(), negative in any::<i64>(), float in any::<f64>().prop_filter("finite", |x| x.is_finite()), article in article()) {
        let value = (&texts, number, small, Some(&texts), Option::<u8>::None, negative, float);
        prop_assert_eq!(
            sonic_rs::to_string(&value).expect("sonic-rs"),
            serde_json::to_string(&value).expect("serde_json")
        );
        prop_assert_eq!(
            sonic_rs::to_string(&article).expect("sonic-rs"),
            serde_json::to_string(&article).expect("serde_json")
        );
        // A row of another tool's file, read as a serde_json `Value` (its
        // raw line is written with sonic-rs).
        let row = serde_json::json!({"texts": texts, "n": number, "x": float, "neg": negative, "none": null, "nested": [{"a": small}]});
        prop_assert_eq!(sonic_rs::to_string(&row).expect("sonic-rs"), row.to_string());
    }

    #[test]
    fn html_snippet_cannot_be_broken_out_of(article in article()) {
        let snippet = html_snippet(&article);
        prop_assert_eq!(snippet.matches('<').count(), 2);
        prop_assert!(snippet.starts_with("<script type=\"application/ld+json\">\n"));
        prop_assert!(snippet.ends_with("\n</script>\n"));
        prop_assert!(!snippet.contains("<!--"));
        let blocks = script_blocks(&snippet);
        prop_assert_eq!(blocks.len(), 1);
        let value: Value = serde_json::from_str(blocks[0]).expect("block is JSON");
        prop_assert_eq!(value, to_document(&article));
    }

    #[test]
    fn atom_is_well_formed_and_reads_back(articles in prop::collection::vec(article(), 0..4)) {
        use articlekit_export::atom::{AtomOptions, write_feed};
        use articlekit_export::rss::LastBuild;

        // A fixed date: a batch without any date is refused otherwise (tested apart).
        let options = AtomOptions {
            updated: Some(LastBuild::Fixed("2025-07-22T00:00:00+07:00".to_owned())),
            ..AtomOptions::default()
        };
        let bytes = write_feed(Vec::new(), &channel(), &options, &articles).expect("feed is written");
        let xml = String::from_utf8(bytes).expect("UTF-8");
        let root = parse(&xml);
        prop_assert_eq!(root.all("entry").len(), articles.len());
        let feed: atom_syndication::Feed = xml.parse().expect("atom_syndication reads it");
        for (entry, article) in feed.entries().iter().zip(&articles) {
            prop_assert_eq!(&entry.title().value, &expected(&article.metadata.title));
            prop_assert_eq!(entry.id(), format!("tag:songai.example,2025:feed#{}", expected(&article.metadata.id)));
            let content = expected(&articlekit_export::rss::content_html(article));
            prop_assert_eq!(entry.content().and_then(|c| c.value()), Some(content.as_str()));
            prop_assert_eq!(entry.links().iter().filter(|l| l.rel() == "enclosure").count(), article.attachments.len());
        }
        prop_assert!(feed_rs::parser::parse(xml.as_bytes()).is_ok());
    }

    #[test]
    fn jsonfeed_reads_back_with_the_same_strings(articles in prop::collection::vec(article(), 0..4)) {
        use articlekit_export::jsonfeed::{JsonFeedOptions, write_feed};

        let bytes = write_feed(Vec::new(), &channel(), &JsonFeedOptions::default(), &articles).expect("feed is written");
        let feed: Value = serde_json::from_slice(&bytes).expect("JSON");
        let items = feed["items"].as_array().expect("items");
        prop_assert_eq!(items.len(), articles.len());
        for (item, article) in items.iter().zip(&articles) {
            prop_assert_eq!(item["id"].as_str(), Some(article.metadata.id.as_str()));
            prop_assert_eq!(item["title"].as_str(), Some(article.metadata.title.as_str()));
            prop_assert_eq!(item["summary"].as_str(), Some(article.summary.as_str()));
            prop_assert_eq!(&item["_articlekit"]["bullets"], &serde_json::json!(article.bullets));
        }
        let parsed = feed_rs::parser::parse(&bytes[..]).expect("feed-rs reads it");
        prop_assert_eq!(parsed.entries.len(), articles.len());
    }

    #[test]
    fn news_sitemaps_are_well_formed_and_count_every_article(articles in prop::collection::vec(article(), 0..6)) {
        use articlekit_export::sitemap::{SitemapOptions, write_sitemaps};

        let memory = Memory::default();
        let summary = write_sitemaps(memory.opener(), &channel(), &SitemapOptions::default(), &articles).expect("written");
        prop_assert_eq!(summary.urls + summary.left_out.total(), articles.len() as u64);
        let root = parse(&memory.file("news-sitemap.xml"));
        prop_assert_eq!(root.all("url").len() as u64, summary.urls);
    }
}
