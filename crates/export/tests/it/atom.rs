//! Atom: snapshots, every field read back by `atom_syndication` and
//! `feed-rs` (the consumers' own parsers), undated entries, streaming.

use articlekit_export::Error;
use articlekit_export::atom::{AtomOptions, AtomWriter, EntryRenderer, Undated, write_feed};
use articlekit_export::channel::Channel;
use articlekit_export::rss::{LastBuild, content_html};
use articlekit_model::Article;

use crate::articles::{batch, channel, full, hostile, minimal, ndjson, seed};
use crate::feed::{expected, parse};

const PREFIX: &str = "tag:songai.example,2025:feed#";

fn feed_with(articles: &[Article], options: &AtomOptions) -> String {
    let bytes = write_feed(Vec::new(), &channel(), options, articles).expect("feed is written");
    String::from_utf8(bytes).expect("feed is UTF-8")
}

fn feed(articles: &[Article]) -> String {
    feed_with(articles, &AtomOptions::default())
}

fn timestamp(rfc3339: &str) -> i64 {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .expect("valid date")
        .unix_timestamp()
}

/// The instant and offset (seconds east of UTC) of an RFC 3339 date.
fn instant(rfc3339: &str) -> (i64, i32) {
    let d = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .expect("valid date");
    (d.unix_timestamp(), d.offset().whole_seconds())
}

/// The newest `updated_at`/`published_at` of `articles`.
fn newest(articles: &[Article]) -> Option<&str> {
    articles
        .iter()
        .filter_map(|a| {
            a.metadata
                .updated_at
                .as_deref()
                .or(a.metadata.published_at.as_deref())
        })
        .max_by_key(|d| timestamp(d))
}

/// Asserts, with `atom_syndication`, that the feed carries the channel and
/// every mapped field of every article, as a reader gets it back.
#[allow(clippy::too_many_lines)] // one field after the other
fn check_with_atom_syndication(xml: &str, articles: &[Article]) {
    let feed: atom_syndication::Feed = xml.parse().expect("atom_syndication reads the feed");
    assert_eq!(feed.id(), "tag:songai.example,2025:feed");
    assert_eq!(feed.title().value, "Sóng AI");
    assert_eq!(
        feed.subtitle().map(|t| t.value.as_str()),
        Some("Tóm tắt tin, bài trí tuệ nhân tạo")
    );
    assert_eq!(feed.lang(), Some("vi"));
    assert_eq!(feed.rights().map(|t| t.value.as_str()), Some("© Sóng AI"));
    let author = &feed.authors()[0];
    assert_eq!(
        (author.name(), author.uri()),
        ("Sóng AI", Some("https://songai.example/"))
    );
    let rels: Vec<(&str, &str)> = feed.links().iter().map(|l| (l.rel(), l.href())).collect();
    assert_eq!(
        rels,
        [
            ("self", "https://songai.example/atom.xml"),
            ("alternate", "https://songai.example/")
        ]
    );
    if let Some(newest) = newest(articles) {
        assert_eq!(feed.updated().timestamp(), timestamp(newest));
    }
    assert_eq!(feed.entries().len(), articles.len());
    for (entry, article) in feed.entries().iter().zip(articles) {
        let meta = &article.metadata;
        assert_eq!(entry.id(), format!("{PREFIX}{}", meta.id));
        assert_eq!(entry.title().value, expected(&meta.title));
        match meta.updated_at.as_deref().or(meta.published_at.as_deref()) {
            Some(d) => {
                let (ts, offset) = instant(d);
                assert_eq!(entry.updated().timestamp(), ts, "{}", meta.id);
                assert_eq!(entry.updated().offset().local_minus_utc(), offset);
            }
            // The documented rule: the feed's own date.
            None => assert_eq!(entry.updated(), feed.updated(), "{}", meta.id),
        }
        assert_eq!(
            entry.published().map(chrono_ts),
            meta.published_at.as_deref().map(timestamp)
        );
        let authors: Vec<(String, Option<String>)> = entry
            .authors()
            .iter()
            .map(|a| (a.name().to_owned(), a.uri().map(str::to_owned)))
            .collect();
        let want: Vec<(String, Option<String>)> = meta
            .authors
            .iter()
            .map(|a| (expected(&a.name), a.url.as_deref().map(expected)))
            .collect();
        assert_eq!(authors, want);
        let links = entry.links();
        let of = |rel: &str| links.iter().filter(|l| l.rel() == rel).collect::<Vec<_>>();
        let alternate = meta
            .url
            .as_deref()
            .or(meta.source.as_ref().map(|s| s.url.as_str()));
        assert_eq!(
            of("alternate").iter().map(|l| l.href()).collect::<Vec<_>>(),
            alternate.map(expected).into_iter().collect::<Vec<_>>()
        );
        let related = of("related");
        match meta.source.as_ref().filter(|_| meta.url.is_some()) {
            Some(source) => {
                assert_eq!(related.len(), 1);
                assert_eq!(related[0].href(), expected(&source.url));
                assert_eq!(
                    related[0].title().map(str::to_owned),
                    source.title.as_deref().map(expected)
                );
            }
            None => assert!(related.is_empty()),
        }
        let enclosures = of("enclosure");
        assert_eq!(enclosures.len(), article.attachments.len(), "{}", meta.id);
        for (link, attachment) in enclosures.iter().zip(&article.attachments) {
            assert_eq!(link.href(), expected(&attachment.url));
            assert_eq!(
                link.mime_type().map(str::to_owned),
                attachment.media_type.as_deref().map(expected)
            );
            assert_eq!(
                link.length().map(str::to_owned),
                attachment.size_bytes.map(|s| s.to_string())
            );
            assert_eq!(link.title(), Some(expected(&attachment.name).as_str()));
        }
        let terms: Vec<String> = entry
            .categories()
            .iter()
            .map(|c| c.term().to_owned())
            .collect();
        let tags: Vec<String> = meta.tags.iter().map(|t| expected(t)).collect();
        assert_eq!(terms, tags);
        assert_eq!(
            entry.summary().map(|t| t.value.as_str()),
            Some(expected(&article.summary).as_str())
        );
        let content = entry.content().expect("every entry has content");
        assert_eq!(content.content_type(), Some("html"));
        assert_eq!(
            content.value(),
            Some(expected(&content_html(article)).as_str())
        );
        let comments = &entry.extensions()["slash"]["comments"][0];
        assert_eq!(
            comments.value.as_deref(),
            Some(article.discussion_count.to_string().as_str())
        );
    }
}

fn chrono_ts(d: &atom_syndication::FixedDateTime) -> i64 {
    d.timestamp()
}

/// Asserts that feed-rs reads the feed as Atom with the same entries.
fn check_with_feed_rs(xml: &str, articles: &[Article]) {
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("feed-rs reads the feed");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.id, "tag:songai.example,2025:feed");
    // feed-rs reads the feed's xml:lang, not the entries'.
    assert_eq!(feed.language.as_deref(), Some("vi"));
    assert_eq!(feed.entries.len(), articles.len());
    for (entry, article) in feed.entries.iter().zip(articles) {
        let meta = &article.metadata;
        assert_eq!(entry.id, format!("{PREFIX}{}", meta.id));
        assert_eq!(
            entry.title.as_ref().map(|t| t.content.as_str()),
            Some(expected(&meta.title).trim())
        );
        assert_eq!(
            entry.published.map(|d| d.timestamp()),
            meta.published_at.as_deref().map(timestamp)
        );
        assert!(entry.updated.is_some(), "{}", meta.id);
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .expect("content");
        assert_eq!(body, expected(&content_html(article)));
        let enclosures = entry
            .links
            .iter()
            .filter(|l| l.rel.as_deref() == Some("enclosure"))
            .count();
        assert_eq!(enclosures, article.attachments.len());
        assert_eq!(entry.categories.len(), meta.tags.len());
    }
}

/// The seed page has no date: the feed's date must be given.
fn fixed_date() -> AtomOptions {
    AtomOptions {
        updated: Some(LastBuild::Fixed("2025-07-22T00:00:00+07:00".to_owned())),
        ..AtomOptions::default()
    }
}

#[test]
fn seed_feed_snapshot() {
    insta::assert_snapshot!(feed_with(&[seed()], &fixed_date()));
}

#[test]
fn batch_feed_snapshot() {
    insta::assert_snapshot!(feed(&batch()));
}

#[test]
fn every_entry_reads_back_with_the_consumers_parsers() {
    for articles in [batch(), ndjson("fixtures/articles.ndjson"), vec![hostile()]] {
        let xml = feed(&articles);
        parse(&xml);
        check_with_atom_syndication(&xml, &articles);
        check_with_feed_rs(&xml, &articles);
    }
}

#[test]
fn hostile_text_is_escaped_and_replaced() {
    let xml = feed(&[hostile()]);
    assert!(!xml.contains("&#7;") && !xml.contains("&#0;") && !xml.contains("<script>"));
    assert!(
        !xml.contains("]]>"),
        "Atom output uses no CDATA, so `]]>` is escaped"
    );
    assert!(xml.contains("nul\u{FFFD}bel\u{FFFD}esc\u{FFFD}"));
    // The CR of the summary's CRLF survives as a reference.
    assert!(xml.contains("<summary>Line one&#13;\nline two"));
}

#[test]
fn entry_ids_are_the_same_bytes_every_run_whatever_else_changes() {
    let mut changed = full();
    changed.metadata.title = "Another title".to_owned();
    changed.metadata.url = None;
    changed.metadata.updated_at = Some("2026-01-01T00:00:00Z".to_owned());
    let renderer = EntryRenderer::new(&channel(), &AtomOptions::default()).expect("renderer");
    assert_eq!(
        renderer.entry_id("songai-2025-07-21-openai"),
        "tag:songai.example,2025:feed#songai-2025-07-21-openai"
    );
    let id_of = |xml: &str| {
        let start = xml.find("<id>").expect("an id") + 4;
        xml[start..start + xml[start..].find("</id>").expect("an id")].to_owned()
    };
    let a = renderer.render(&full()).expect("rendered");
    let b = renderer.render(&changed).expect("rendered");
    assert_eq!(
        id_of(&feed(&[full()])[feed(&[full()]).find("<entry").expect("entry")..]),
        renderer.entry_id(&full().metadata.id)
    );
    assert!(a.updated() != b.updated());
    assert_eq!(feed(&batch()), feed(&batch()));
}

#[test]
fn an_undated_entry_takes_the_feeds_date_or_is_refused() {
    let xml = feed(&[minimal(), full()]);
    let parsed: atom_syndication::Feed = xml.parse().expect("valid Atom");
    assert_eq!(parsed.entries()[0].updated(), parsed.updated());
    assert!(parsed.entries()[0].published().is_none());

    let refuse = AtomOptions {
        undated: Undated::Refuse,
        ..AtomOptions::default()
    };
    let err = write_feed(Vec::new(), &channel(), &refuse, [minimal()]).expect_err("refused");
    assert!(matches!(err, Error::Undated { .. }));
    assert_eq!(
        err.to_string(),
        "article `m-1` has no date (`metadata.published_at` or `metadata.updated_at`), which Atom requires"
    );

    // No date anywhere: a clear error, never a feed without <updated>.
    let err = write_feed(Vec::new(), &channel(), &AtomOptions::default(), [minimal()])
        .expect_err("no date");
    assert!(matches!(err, Error::NoFeedDate { .. }), "{err}");
    let xml = feed_with(&[minimal()], &fixed_date());
    assert_eq!(
        xml.matches("<updated>2025-07-22T00:00:00+07:00</updated>")
            .count(),
        2
    );
}

#[test]
fn streaming_with_the_newest_date_gives_the_buffered_bytes() {
    let articles = ndjson("fixtures/articles.ndjson");
    let mut with_undated = articles.clone();
    with_undated.insert(3, minimal());
    let newest = newest(&articles)
        .expect("the fixtures have dates")
        .to_owned();
    // Formatted back from the parsed date, as the writer does.
    let newest = articlekit_export::atom::format_date(&newest).expect("valid");
    let fixed = AtomOptions {
        updated: Some(LastBuild::Fixed(newest)),
        ..AtomOptions::default()
    };
    let mut writer = AtomWriter::new(Vec::new(), &channel(), &fixed).expect("writer");
    assert!(writer.is_streaming());
    // Rendered on other threads, written in order.
    let shared = writer.renderer().clone();
    let rendered: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = with_undated
            .iter()
            .map(|a| s.spawn(|| shared.render(a).expect("rendered")))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    for entry in rendered {
        writer.write_rendered(entry).expect("written");
    }
    let streamed = String::from_utf8(writer.finish().expect("finished")).expect("UTF-8");
    assert_eq!(streamed, feed(&with_undated));
}

#[test]
fn hubs_are_announced() {
    let mut channel: Channel = channel();
    channel.hubs = vec![
        "https://hub.example/".to_owned(),
        "https://pubsubhubbub.example/?a=1&b=2".to_owned(),
    ];
    let xml = String::from_utf8(
        write_feed(Vec::new(), &channel, &AtomOptions::default(), [full()]).expect("feed"),
    )
    .expect("UTF-8");
    let parsed: atom_syndication::Feed = xml.parse().expect("valid Atom");
    let hubs: Vec<&str> = parsed
        .links()
        .iter()
        .filter(|l| l.rel() == "hub")
        .map(atom_syndication::Link::href)
        .collect();
    assert_eq!(
        hubs,
        [
            "https://hub.example/",
            "https://pubsubhubbub.example/?a=1&b=2"
        ]
    );
}

#[test]
fn a_channel_without_the_atom_keys_is_refused_by_name() {
    let channel = Channel::from_toml_str(
        "title = \"T\"\nlink = \"https://t.example/\"\nid = \"tag:t.example,2025:f\"\natom_self_link = \"https://t.example/a.xml\"",
    )
    .expect("TOML");
    let err =
        AtomWriter::new(Vec::new(), &channel, &AtomOptions::default()).expect_err("no author");
    assert!(
        err.to_string()
            .starts_with("channel: missing required key `author`"),
        "{err}"
    );
}
