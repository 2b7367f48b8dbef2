//! RFC 5005 archives: pages, links, `fh:archive`, and archives that stay
//! byte-identical when the batch grows.

use articlekit_export::Error;
use articlekit_export::archive::{AtomArchiveWriter, RssArchiveWriter};
use articlekit_export::atom::AtomOptions;
use articlekit_export::channel::Channel;
use articlekit_export::rss::RssOptions;
use articlekit_model::Article;

use crate::articles::channel;
use crate::feed::parse;
use crate::files::Memory;

const BASE: &str = "https://songai.example/archive/";

fn archived_channel() -> Channel {
    let mut channel = channel();
    channel.archive_base = Some("https://songai.example/archive".to_owned());
    channel
}

/// `n` articles, oldest first, one an hour.
fn log(n: u32) -> Vec<Article> {
    (0..n)
        .map(|i| {
            serde_json::from_value(serde_json::json!({
                "metadata": {
                    "id": format!("log-{i}"),
                    "title": format!("Tin {i}"),
                    "language": "vi",
                    "url": format!("https://songai.example/tin/{i}"),
                    "published_at": format!("2025-07-{:02}T{:02}:00:00+07:00", 1 + i / 24, i % 24),
                },
                "summary": "S",
                "bullets": ["B"],
                "discussion_count": i
            }))
            .expect("valid article")
        })
        .collect()
}

fn atom_archives(articles: &[Article], size: usize) -> Memory {
    let memory = Memory::default();
    let mut writer = AtomArchiveWriter::new(
        memory.opener(),
        &archived_channel(),
        &AtomOptions::default(),
        size,
    )
    .expect("writer");
    for article in articles {
        writer.write_article(article).expect("written");
    }
    let summary = writer.finish().expect("finished");
    assert_eq!(summary.files, memory.names());
    memory
}

fn rss_archives(articles: &[Article], size: usize) -> Memory {
    let memory = Memory::default();
    let mut writer = RssArchiveWriter::new(
        memory.opener(),
        &archived_channel(),
        &RssOptions::default(),
        size,
    )
    .expect("writer");
    for article in articles {
        writer.write_article(article).expect("written");
    }
    writer.finish().expect("finished");
    memory
}

/// `(rel, href)` of the feed's links other than alternate and hub.
fn links(feed: &atom_syndication::Feed) -> Vec<(String, String)> {
    feed.links()
        .iter()
        .filter(|l| !matches!(l.rel(), "alternate" | "hub"))
        .map(|l| (l.rel().to_owned(), l.href().to_owned()))
        .collect()
}

fn ids(feed: &atom_syndication::Feed) -> Vec<String> {
    feed.entries()
        .iter()
        .map(|e| e.id().rsplit('#').next().unwrap_or_default().to_owned())
        .collect()
}

fn range(from: u32, to: u32) -> Vec<String> {
    (from..to).map(|i| format!("log-{i}")).collect()
}

#[test]
fn atom_archives_are_full_pages_linked_both_ways() {
    let memory = atom_archives(&log(25), 10);
    assert_eq!(
        memory.names(),
        ["atom-archive-1.xml", "atom-archive-2.xml", "atom.xml"]
    );
    let read = |name: &str| -> atom_syndication::Feed {
        memory
            .file(name)
            .parse()
            .expect("atom_syndication reads it")
    };
    let (one, two, current) = (
        read("atom-archive-1.xml"),
        read("atom-archive-2.xml"),
        read("atom.xml"),
    );
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(ids(&one), range(0, 10));
    assert_eq!(
        links(&one),
        [
            s("self", &format!("{BASE}atom-archive-1.xml")),
            s("current", "https://songai.example/atom.xml"),
            s("next-archive", &format!("{BASE}atom-archive-2.xml")),
        ]
    );
    assert_eq!(ids(&two), range(10, 20));
    assert_eq!(
        links(&two),
        [
            s("self", &format!("{BASE}atom-archive-2.xml")),
            s("current", "https://songai.example/atom.xml"),
            s("prev-archive", &format!("{BASE}atom-archive-1.xml")),
            s("next-archive", &format!("{BASE}atom-archive-3.xml")),
        ]
    );
    // The newest ten: the five of no archive and the last five of archive 2.
    assert_eq!(ids(&current), range(15, 25));
    assert_eq!(
        links(&current),
        [
            s("self", "https://songai.example/atom.xml"),
            s("prev-archive", &format!("{BASE}atom-archive-2.xml")),
        ]
    );
    for (feed, archived) in [(&one, true), (&two, true), (&current, false)] {
        assert_eq!(feed.extensions().contains_key("fh"), archived);
        if archived {
            assert!(feed.extensions()["fh"].contains_key("archive"));
        }
    }
    // An archive's date is its newest item's.
    assert_eq!(one.updated().to_rfc3339(), "2025-07-01T09:00:00+07:00");
}

#[test]
fn full_archives_stay_byte_identical_as_the_batch_grows() {
    for size in [1, 7, 10] {
        let before = atom_archives(&log(25), size);
        let after = atom_archives(&log(61), size);
        let rss_before = rss_archives(&log(25), size);
        let rss_after = rss_archives(&log(61), size);
        for name in before.names().iter().filter(|n| n.contains("archive")) {
            assert_eq!(before.file(name), after.file(name), "{name}, size {size}");
        }
        for name in rss_before.names().iter().filter(|n| n.contains("archive")) {
            assert_eq!(rss_before.file(name), rss_after.file(name), "{name}");
        }
        assert_ne!(before.file("atom.xml"), after.file("atom.xml"));
    }
}

#[test]
fn rss_archives_carry_the_marks_and_links() {
    use ::rss::validation::Validate;

    let memory = rss_archives(&log(25), 10);
    assert_eq!(
        memory.names(),
        ["rss-archive-1.xml", "rss-archive-2.xml", "rss.xml"]
    );
    let two = parse(&memory.file("rss-archive-2.xml"));
    assert_eq!(
        two.attr("xmlns:fh"),
        Some("http://purl.org/syndication/history/1.0")
    );
    let channel = two.child("channel").expect("channel");
    assert!(channel.child("fh:archive").is_some());
    let links: Vec<(Option<&str>, Option<&str>)> = channel
        .all("atom:link")
        .iter()
        .map(|l| (l.attr("rel"), l.attr("href")))
        .collect();
    let rss2 = format!("{BASE}rss-archive-2.xml");
    let rss1 = format!("{BASE}rss-archive-1.xml");
    let rss3 = format!("{BASE}rss-archive-3.xml");
    assert_eq!(
        links,
        [
            (Some("self"), Some(rss2.as_str())),
            (Some("current"), Some("https://songai.example/rss.xml")),
            (Some("prev-archive"), Some(rss1.as_str())),
            (Some("next-archive"), Some(rss3.as_str())),
        ]
    );
    let guids: Vec<&str> = channel
        .all("item")
        .iter()
        .map(|i| i.text_of("guid").unwrap_or_default())
        .collect();
    assert_eq!(guids, range(10, 20));
    let current = parse(&memory.file("rss.xml"));
    let channel = current.child("channel").expect("channel");
    assert!(channel.child("fh:archive").is_none());
    assert_eq!(channel.all("item").len(), 10);
    // The rss crate (with validation) reads every document.
    for name in memory.names() {
        let feed = ::rss::Channel::read_from(memory.file(&name).as_bytes()).expect("rss reads it");
        feed.validate().expect("valid RSS");
    }
}

#[test]
fn fewer_articles_than_a_page_give_only_the_subscription() {
    let memory = atom_archives(&log(3), 10);
    assert_eq!(memory.names(), ["atom.xml"]);
    let feed: atom_syndication::Feed = memory.file("atom.xml").parse().expect("valid");
    assert_eq!(ids(&feed), range(0, 3));
    assert!(links(&feed).iter().all(|(rel, _)| rel == "self"));
}

#[test]
fn archives_need_a_base_and_a_size() {
    let err = AtomArchiveWriter::new(
        Memory::default().opener(),
        &channel(),
        &AtomOptions::default(),
        10,
    )
    .expect_err("no archive_base");
    assert_eq!(
        err.to_string(),
        "channel: missing required key `archive_base` (the URL the archive documents are served under)"
    );
    let err = RssArchiveWriter::new(
        Memory::default().opener(),
        &archived_channel(),
        &RssOptions::default(),
        0,
    )
    .expect_err("size 0");
    assert!(matches!(err, Error::OptionInvalid { .. }), "{err}");
}
