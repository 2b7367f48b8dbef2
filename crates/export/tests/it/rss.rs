//! RSS: snapshots, structure read back, ordering, limit, namespaces, streaming.

use articlekit_export::Error;
use articlekit_export::rss::{Channel, LastBuild, RssOptions, RssWriter, write_feed};
use articlekit_model::Article;

use crate::articles::{batch, channel, full, hostile, minimal, ndjson, seed};
use crate::feed::{Node, check_item, parse};

fn feed(articles: &[Article], options: &RssOptions) -> String {
    let bytes = write_feed(Vec::new(), &channel(), options, articles).expect("feed is written");
    String::from_utf8(bytes).expect("feed is UTF-8")
}

fn items(root: &Node) -> Vec<&Node> {
    root.child("channel").expect("a channel").all("item")
}

fn guids(xml: &str) -> Vec<String> {
    items(&parse(xml))
        .iter()
        .map(|i| i.text_of("guid").unwrap_or_default().to_owned())
        .collect()
}

fn namespaces(root: &Node) -> Vec<&str> {
    root.attrs
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("xmlns:"))
        .collect()
}

#[test]
fn seed_feed_snapshot() {
    insta::assert_snapshot!(feed(&[seed()], &RssOptions::default()));
}

#[test]
fn batch_feed_snapshot() {
    insta::assert_snapshot!(feed(&batch(), &RssOptions::default()));
}

#[test]
fn every_item_reads_back() {
    let articles = batch();
    let xml = feed(&articles, &RssOptions::default());
    let root = parse(&xml);
    assert_eq!(
        (root.name.as_str(), root.attr("version")),
        ("rss", Some("2.0"))
    );
    let channel = root.child("channel").expect("a channel");
    assert_eq!(channel.text_of("title"), Some("Sóng AI"));
    assert_eq!(channel.text_of("language"), Some("vi"));
    let self_link = channel.child("atom:link").expect("atom self link");
    assert_eq!(self_link.attr("rel"), Some("self"));
    assert_eq!(self_link.attr("type"), Some("application/rss+xml"));
    let items = items(&root);
    assert_eq!(items.len(), articles.len());
    for (item, article) in items.iter().zip(&articles) {
        check_item(item, article);
    }
}

#[test]
fn hostile_text_is_escaped_split_and_replaced() {
    let xml = feed(&[hostile()], &RssOptions::default());
    // `]]>` in the data reaches the CDATA of description and content:encoded
    // HTML-escaped, so it cannot end a section (the CDATA writer splits it
    // anyway: unit tests); the CR of the CRLF survives as a reference
    // between two sections.
    assert_eq!(
        xml.matches("<![CDATA[<p>Line one]]>&#13;<![CDATA[\nline two ]]]]&gt; &lt;!")
            .count(),
        2
    );
    // Forbidden characters are replaced, never written as references.
    assert!(!xml.contains("&#7;") && !xml.contains("&#0;") && !xml.contains("&#65534;"));
    assert!(xml.contains("nul\u{FFFD}bel\u{FFFD}esc\u{FFFD}"));
    let root = parse(&xml);
    let item = items(&root)[0];
    assert_eq!(
        item.text_of("title"),
        Some("<b>\"Quotes\" & 'apostrophes'</b> ]]> </script> <!-- \u{FFFD}")
    );
    check_item(item, &hostile());
}

#[test]
fn same_input_gives_the_same_bytes() {
    let options = RssOptions {
        newest_first: true,
        limit: Some(3),
        ..RssOptions::default()
    };
    assert_eq!(feed(&batch(), &options), feed(&batch(), &options));
    assert_eq!(
        feed(&batch(), &RssOptions::default()),
        feed(&batch(), &RssOptions::default())
    );
}

#[test]
fn last_build_date_is_the_newest_item_date_in_its_offset() {
    // full: published 2025-07-21T09:15+07, updated 2025-07-22T10:00+07 (newest);
    // hostile: 2024-02-29; seed and minimal: undated.
    let xml = feed(&batch(), &RssOptions::default());
    assert_eq!(
        parse(&xml)
            .child("channel")
            .and_then(|c| c.text_of("lastBuildDate")),
        Some("Tue, 22 Jul 2025 10:00:00 +0700")
    );
    let undated = feed(&[seed(), minimal()], &RssOptions::default());
    assert!(!undated.contains("lastBuildDate"));
    let fixed = RssOptions {
        last_build_date: Some(LastBuild::Fixed("2026-01-02T03:04:05-05:30".into())),
        ..RssOptions::default()
    };
    assert!(
        feed(&batch(), &fixed)
            .contains("<lastBuildDate>Fri, 02 Jan 2026 03:04:05 -0530</lastBuildDate>")
    );
    let mut from_file = channel();
    from_file.last_build_date = Some("2025-01-01T00:00:00Z".into());
    let bytes =
        write_feed(Vec::new(), &from_file, &RssOptions::default(), batch()).expect("written");
    assert!(
        String::from_utf8_lossy(&bytes)
            .contains("<lastBuildDate>Wed, 01 Jan 2025 00:00:00 +0000</lastBuildDate>")
    );
}

#[test]
fn newest_first_puts_undated_items_last_in_input_order() {
    let newest = RssOptions {
        newest_first: true,
        ..RssOptions::default()
    };
    assert_eq!(
        guids(&feed(&batch(), &newest)),
        [
            "songai-2025-07-21-openai",
            "hostile-1",
            "scmp-3318837",
            "m-1"
        ]
    );
    assert_eq!(
        guids(&feed(&batch(), &RssOptions::default())),
        [
            "scmp-3318837",
            "songai-2025-07-21-openai",
            "hostile-1",
            "m-1"
        ]
    );
}

#[test]
fn limit_keeps_the_newest_in_the_requested_order() {
    let limited = |newest_first, limit| RssOptions {
        newest_first,
        limit: Some(limit),
        ..RssOptions::default()
    };
    assert_eq!(
        guids(&feed(&batch(), &limited(true, 2))),
        ["songai-2025-07-21-openai", "hostile-1"]
    );
    // Input order among the kept: hostile-1 comes after full in the input.
    assert_eq!(
        guids(&feed(&batch(), &limited(false, 2))),
        ["songai-2025-07-21-openai", "hostile-1"]
    );
    // Undated ties go to the earlier input.
    assert_eq!(
        guids(&feed(&batch(), &limited(false, 3))),
        ["scmp-3318837", "songai-2025-07-21-openai", "hostile-1"]
    );
    assert_eq!(
        guids(&feed(&[minimal(), seed()], &limited(true, 1))),
        ["m-1"]
    );
    assert_eq!(guids(&feed(&batch(), &limited(true, 10))).len(), 4);
    let empty = feed(&batch(), &limited(true, 0));
    assert!(guids(&empty).is_empty());
    assert_eq!(namespaces(&parse(&empty)), ["atom"]);
}

#[test]
fn limit_over_many_items_matches_a_full_sort() {
    let articles: Vec<Article> = (0..200_u32)
        .map(|i| {
            let mut a = minimal();
            a.metadata.id = format!("m-{i}");
            // Many equal dates and some undated items.
            if i % 7 != 0 {
                a.metadata.published_at =
                    Some(format!("2025-07-{:02}T08:00:00+07:00", 1 + (i * 37) % 28));
            }
            a
        })
        .collect();
    let all = guids(&feed(
        &articles,
        &RssOptions {
            newest_first: true,
            ..RssOptions::default()
        },
    ));
    for limit in [1, 5, 50, 199, 200] {
        let options = RssOptions {
            newest_first: true,
            limit: Some(limit),
            ..RssOptions::default()
        };
        assert_eq!(
            guids(&feed(&articles, &options)),
            all[..limit],
            "limit {limit}"
        );
    }
}

#[test]
fn declares_only_the_namespaces_used() {
    let root = parse(&feed(&[minimal()], &RssOptions::default()));
    assert_eq!(namespaces(&root), ["atom", "content", "slash"]);
    let root = parse(&feed(&[seed()], &RssOptions::default()));
    assert_eq!(namespaces(&root), ["atom", "content", "dc", "slash"]);
    let root = parse(&feed(&batch(), &RssOptions::default()));
    assert_eq!(
        namespaces(&root),
        ["atom", "content", "dc", "media", "slash"]
    );
    let root = parse(&feed(&[], &RssOptions::default()));
    assert_eq!(namespaces(&root), ["atom"]);
    assert!(items(&root).is_empty());
}

#[test]
fn streams_when_the_head_does_not_depend_on_the_items() {
    let fixed = RssOptions {
        last_build_date: Some(LastBuild::Fixed("2025-07-22T10:00:00+07:00".into())),
        ..RssOptions::default()
    };
    let mut writer = RssWriter::new(Vec::new(), &channel(), &fixed).expect("valid channel");
    assert!(writer.is_streaming());
    writer.write_item(&minimal()).expect("written");
    let streamed = String::from_utf8(writer.finish().expect("finished")).expect("UTF-8");
    // Streaming declares every namespace; otherwise it is the buffered output.
    assert_eq!(
        namespaces(&parse(&streamed)),
        ["atom", "content", "dc", "media", "slash"]
    );
    let buffered = feed(
        &[minimal()],
        &RssOptions {
            limit: Some(10),
            ..fixed.clone()
        },
    );
    let strip = |s: &str| {
        s.replace(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\"", "")
    };
    assert_eq!(strip(&streamed), buffered);

    for options in [
        RssOptions::default(),
        RssOptions {
            newest_first: true,
            ..fixed.clone()
        },
        RssOptions {
            limit: Some(1),
            ..fixed.clone()
        },
    ] {
        let writer = RssWriter::new(Vec::new(), &channel(), &options).expect("valid channel");
        assert!(!writer.is_streaming(), "{options:?}");
    }
    let now = RssOptions {
        last_build_date: Some(LastBuild::Now),
        ..RssOptions::default()
    };
    assert!(
        RssWriter::new(Vec::new(), &channel(), &now)
            .expect("valid")
            .is_streaming()
    );
}

#[test]
fn a_bad_date_names_the_article_and_field() {
    let mut article = full();
    article.metadata.updated_at = Some("22/07/2025".into());
    let err = write_feed(Vec::new(), &channel(), &RssOptions::default(), [&article])
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "`metadata.updated_at` of article `songai-2025-07-21-openai` is not an RFC 3339 date-time with an offset: `22/07/2025`"
    );
    let bad = RssOptions {
        last_build_date: Some(LastBuild::Fixed("now".into())),
        ..RssOptions::default()
    };
    let err = RssWriter::new(Vec::new(), &channel(), &bad).expect_err("refused");
    assert!(
        matches!(
            err,
            Error::OptionInvalid {
                option: "last_build_date",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn an_incomplete_channel_is_refused_before_anything_is_written() {
    let mut incomplete = channel();
    incomplete.self_link = None;
    let mut out = Vec::new();
    let err = RssWriter::new(&mut out, &incomplete, &RssOptions::default()).expect_err("refused");
    assert!(
        err.to_string()
            .starts_with("channel: missing required key `self_link`"),
        "{err}"
    );
    assert!(out.is_empty());
    assert!(Channel::default().validate().is_err());
}

#[test]
fn write_errors_surface_as_io_errors() {
    #[derive(Debug)]
    struct Closed;
    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let err =
        write_feed(Closed, &channel(), &RssOptions::default(), [seed()]).expect_err("refused");
    let Error::Io(io) = err else {
        panic!("not an I/O error: {err}")
    };
    assert_eq!(io.kind(), std::io::ErrorKind::BrokenPipe);
}

#[test]
fn the_rss_crate_reads_and_validates_the_feed() {
    use ::rss::validation::Validate;

    let mut articles = vec![seed(), full(), minimal()];
    articles.extend(ndjson("tests/interop/rss/hostile.ndjson"));
    articles.extend(ndjson("fixtures/articles.ndjson"));
    let xml = feed(&articles, &RssOptions::default());
    let mut channel =
        ::rss::Channel::read_from(xml.as_bytes()).expect("the rss crate reads the feed");
    // The RSS Best Practices Profile (and the W3C validator) ask for
    // length="0" when an enclosure's size is unknown; the rss crate insists
    // on > 0. Check everything else.
    let mut unknown_lengths = 0;
    for item in channel.items_mut() {
        if let Some(enclosure) = item.enclosure.as_mut().filter(|e| e.length == "0") {
            enclosure.length = "1".into();
            unknown_lengths += 1;
        }
    }
    let sizeless = articles
        .iter()
        .filter(|a| {
            a.attachments
                .first()
                .is_some_and(|f| f.size_bytes.is_none())
        })
        .count();
    assert_eq!(unknown_lengths, sizeless);
    channel
        .validate()
        .expect("the rss crate's validation passes");
    assert_eq!(channel.items().len(), articles.len());
    for (item, article) in channel.items().iter().zip(&articles) {
        assert_eq!(
            item.guid().map(|g| (g.value(), g.is_permalink())),
            Some((article.metadata.id.as_str(), false))
        );
        assert_eq!(
            item.title(),
            Some(crate::feed::expected(&article.metadata.title).as_str())
        );
        assert_eq!(
            item.pub_date().map(str::to_owned),
            article
                .metadata
                .published_at
                .as_deref()
                .map(|d| articlekit_export::rss::rfc822(d).expect("valid"))
        );
        let categories: Vec<&str> = item
            .categories()
            .iter()
            .map(::rss::Category::name)
            .collect();
        assert_eq!(categories, article.metadata.tags);
    }
}

#[test]
fn channel_image_is_written_and_valid() {
    use ::rss::validation::Validate;

    let mut with_image = channel();
    with_image.image = Some(articlekit_export::rss::ChannelImage {
        url: "https://songai.example/logo.png".into(),
        width: Some(88),
        height: Some(31),
        ..Default::default()
    });
    let bytes =
        write_feed(Vec::new(), &with_image, &RssOptions::default(), [minimal()]).expect("written");
    let xml = String::from_utf8(bytes).expect("UTF-8");
    let root = parse(&xml);
    let image = root
        .child("channel")
        .and_then(|c| c.child("image"))
        .expect("an image");
    let fields: Vec<(&str, &str)> = image
        .children
        .iter()
        .map(|c| (c.name.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("url", "https://songai.example/logo.png"),
            ("title", "Sóng AI"),
            ("link", "https://songai.example/"),
            ("width", "88"),
            ("height", "31")
        ]
    );
    let channel = ::rss::Channel::read_from(xml.as_bytes()).expect("the rss crate reads the feed");
    channel
        .validate()
        .expect("the rss crate's validation passes");
}

#[test]
fn the_sample_batch_reads_back() {
    let articles = ndjson("fixtures/articles.ndjson");
    let xml = feed(&articles, &RssOptions::default());
    let root = parse(&xml);
    let items = items(&root);
    assert_eq!(items.len(), articles.len());
    for (item, article) in items.iter().zip(&articles) {
        check_item(item, article);
    }
}

#[test]
fn a_held_feed_keeps_at_most_its_budget_of_xml_in_memory() {
    // About 5,000 bytes of XML an item: 2,000 items are over 9 MiB.
    let articles: Vec<Article> = (0..2_000_u32)
        .map(|i| {
            let mut a = minimal();
            a.metadata.id = format!("big-{i}");
            a.summary = "tóm tắt ".repeat(500);
            a.metadata.published_at =
                Some(format!("2025-07-{:02}T08:00:00+07:00", 1 + (i * 37) % 28));
            a
        })
        .collect();
    // A huge limit, and no limit at all.
    for (newest_first, limit) in [
        (false, Some(1_000_000)),
        (true, Some(1_000_000)),
        (false, None),
        (true, None),
    ] {
        let options = RssOptions {
            newest_first,
            limit,
            ..RssOptions::default()
        };
        let mut writer = RssWriter::new(Vec::new(), &channel(), &options).expect("valid channel");
        writer.hold_in_memory(4 << 20);
        let mut most = 0;
        for article in &articles {
            writer.write_item(article).expect("kept");
            most = most.max(writer.xml_bytes_in_memory());
        }
        // The budget is used, and never passed.
        assert!(most > 3 << 20 && most <= 4 << 20, "{most}");
        let limited = String::from_utf8(writer.finish().expect("finished")).expect("UTF-8");
        assert!(limited.len() > 9 << 20);
        let unlimited = feed(
            &articles,
            &RssOptions {
                newest_first,
                ..RssOptions::default()
            },
        );
        assert!(limited == unlimited, "newest_first {newest_first}");
    }
}

/// The first attachment is both the enclosure and a `media:content`: readers
/// that merge the two by URL (feed-rs) must find the same type on both, also
/// when the attachment has none (`application/octet-stream`, which RSS
/// requires of an enclosure). Later attachments keep their own, or none.
#[test]
fn the_first_media_content_has_the_enclosure_type() {
    let mut article = minimal();
    article.attachments = serde_json::from_value(serde_json::json!([
        {"name": "a.bin", "url": "https://a.example/a.bin"},
        {"name": "b.bin", "url": "https://a.example/b.bin"},
        {"name": "c.pdf", "url": "https://a.example/c.pdf", "media_type": "application/pdf"}
    ]))
    .expect("attachments");
    let xml = feed(&[article], &RssOptions::default());
    let root = parse(&xml);
    let item = items(&root)[0];
    let enclosure = item.child("enclosure").expect("an enclosure");
    let media: Vec<(Option<&str>, Option<&str>)> = item
        .all("media:content")
        .iter()
        .map(|m| (m.attr("url"), m.attr("type")))
        .collect();
    assert_eq!(enclosure.attr("type"), Some("application/octet-stream"));
    assert_eq!(
        media,
        [
            (Some("https://a.example/a.bin"), enclosure.attr("type")),
            (Some("https://a.example/b.bin"), None),
            (Some("https://a.example/c.pdf"), Some("application/pdf")),
        ]
    );
}

#[test]
fn websub_hubs_are_announced_beside_the_self_link() {
    let mut with_hubs = channel();
    with_hubs.hubs = vec![
        "https://hub.example/".to_owned(),
        "https://hub2.example/?a=1&b=2".to_owned(),
    ];
    let bytes = write_feed(Vec::new(), &with_hubs, &RssOptions::default(), [full()])
        .expect("feed is written");
    let xml = String::from_utf8(bytes).expect("UTF-8");
    let root = parse(&xml);
    let links: Vec<(Option<&str>, Option<&str>)> = root
        .child("channel")
        .expect("a channel")
        .all("atom:link")
        .iter()
        .map(|l| (l.attr("rel"), l.attr("href")))
        .collect();
    assert_eq!(
        links,
        [
            (Some("self"), Some("https://songai.example/rss.xml")),
            (Some("hub"), Some("https://hub.example/")),
            (Some("hub"), Some("https://hub2.example/?a=1&b=2")),
        ]
    );
    // feed-rs, which WebSub-aware readers build on, sees them too.
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("feed-rs reads the feed");
    let hubs: Vec<&str> = feed
        .links
        .iter()
        .filter(|l| l.rel.as_deref() == Some("hub"))
        .map(|l| l.href.as_str())
        .collect();
    assert_eq!(hubs.len(), 2, "{:?}", feed.links);
    let _: &Channel = &with_hubs;
}
