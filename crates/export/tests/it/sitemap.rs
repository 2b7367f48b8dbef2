//! News sitemap: every `<url>` read back with quick-xml against the
//! source records and Google's rules; the window, the counts, the split
//! into files and the index, bounded pruning.

use std::io::{self, Write};

use articlekit_export::Error;
use articlekit_export::rss::LastBuild;
use articlekit_export::sitemap::{
    LeftOut, NewsSitemapWriter, SitemapOptions, SitemapSummary, render_url, write_sitemaps,
};
use articlekit_model::Article;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::articles::{batch, channel, hostile, ndjson};
use crate::feed::{Node, expected, parse};
use crate::files::Memory;

fn sitemaps(articles: &[Article], options: &SitemapOptions) -> (SitemapSummary, Memory) {
    let memory = Memory::default();
    let summary =
        write_sitemaps(memory.opener(), &channel(), options, articles).expect("sitemaps written");
    assert_eq!(summary.files, memory.names());
    (summary, memory)
}

fn date(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &Rfc3339).expect("valid date")
}

/// Checks one urlset against Google's rules and gives its `<url>`s.
fn urls(xml: &str) -> Vec<Node> {
    let root = parse(xml);
    assert_eq!(root.name, "urlset");
    assert_eq!(
        root.attr("xmlns"),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    assert_eq!(
        root.attr("xmlns:news"),
        Some("http://www.google.com/schemas/sitemap-news/0.9")
    );
    assert!(xml.len() <= 50 * 1024 * 1024, "a sitemap is at most 50 MB");
    assert!(
        root.children.len() <= 1000,
        "at most 1,000 news:news a file"
    );
    for url in &root.children {
        assert_eq!(url.name, "url");
        let names: Vec<&str> = url.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["loc", "news:news"]);
        let news = url.child("news:news").expect("news");
        let names: Vec<&str> = news.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["news:publication", "news:publication_date", "news:title"]
        );
        let publication = news.child("news:publication").expect("publication");
        assert_eq!(publication.text_of("news:name"), Some("Sóng AI"));
        assert_eq!(publication.text_of("news:language"), Some("vi"));
        let loc = url.text_of("loc").expect("loc");
        assert!(loc.starts_with("http://") || loc.starts_with("https://"));
        // W3C date-time with seconds and an offset.
        date(news.text_of("news:publication_date").expect("date"));
    }
    root.children
}

/// The articles a sitemap must hold for `now`: URL, date within two days.
fn in_window(articles: &[Article], now: OffsetDateTime) -> Vec<&Article> {
    articles
        .iter()
        .filter(|a| a.metadata.url.is_some())
        .filter(|a| {
            a.metadata
                .published_at
                .as_deref()
                .map(date)
                .is_some_and(|d| d <= now && d >= now - Duration::days(2))
        })
        .collect()
}

fn check_urls(urls: &[Node], want: &[&Article]) {
    assert_eq!(urls.len(), want.len());
    for (url, article) in urls.iter().zip(want) {
        let meta = &article.metadata;
        assert_eq!(
            url.text_of("loc"),
            meta.url.as_deref().map(expected).as_deref()
        );
        let news = url.child("news:news").expect("news");
        assert_eq!(
            news.text_of("news:title"),
            Some(expected(&meta.title).as_str())
        );
        let published = date(news.text_of("news:publication_date").expect("date"));
        let source = date(meta.published_at.as_deref().expect("dated"));
        assert_eq!(published, source);
        assert_eq!(published.offset(), source.offset());
    }
}

#[test]
fn the_fixtures_give_the_articles_of_the_newest_two_days() {
    let articles = ndjson("fixtures/articles.ndjson");
    let (summary, memory) = sitemaps(&articles, &SitemapOptions::default());
    assert_eq!(summary.files, ["news-sitemap.xml"]);
    let now = summary.now.expect("the fixtures have dates");
    let newest = articles
        .iter()
        .filter_map(|a| a.metadata.published_at.as_deref().map(date))
        .max()
        .expect("dated");
    // The newest of all, though it has no URL and is not in the sitemap.
    assert_eq!(now, newest);
    let want = in_window(&articles, now);
    check_urls(&urls(&memory.file("news-sitemap.xml")), &want);
    let no_url = articles.iter().filter(|a| a.metadata.url.is_none()).count() as u64;
    let no_date = articles
        .iter()
        .filter(|a| a.metadata.url.is_some() && a.metadata.published_at.is_none())
        .count() as u64;
    assert_eq!(summary.left_out.no_url, no_url);
    assert_eq!(summary.left_out.no_date, no_date);
    assert_eq!(summary.left_out.after_now, 0);
    assert_eq!(
        summary.urls + summary.left_out.total(),
        articles.len() as u64
    );
}

#[test]
fn a_given_now_moves_the_window_and_counts_later_articles() {
    let articles = ndjson("fixtures/articles.ndjson");
    let now = "2025-09-22T00:00:00Z";
    let options = SitemapOptions {
        now: Some(LastBuild::Fixed(now.to_owned())),
        ..SitemapOptions::default()
    };
    let (summary, memory) = sitemaps(&articles, &options);
    let want = in_window(&articles, date(now));
    assert!(!want.is_empty());
    check_urls(&urls(&memory.file("news-sitemap.xml")), &want);
    let later = articles
        .iter()
        .filter(|a| a.metadata.url.is_some())
        .filter(|a| {
            a.metadata
                .published_at
                .as_deref()
                .is_some_and(|d| date(d) > date(now))
        })
        .count() as u64;
    assert!(later > 0);
    assert_eq!(summary.left_out.after_now, later);
    assert_eq!(
        summary.urls + summary.left_out.total(),
        articles.len() as u64
    );
}

#[test]
fn hostile_titles_and_urls_are_escaped() {
    let (summary, memory) = sitemaps(&[hostile()], &SitemapOptions::default());
    assert_eq!(summary.urls, 1);
    let xml = memory.file("news-sitemap.xml");
    assert!(!xml.contains("&#7;") && !xml.contains("</script>"));
    check_urls(&urls(&xml), &[&hostile()]);
    let (summary, _) = sitemaps(&batch(), &SitemapOptions::default());
    assert_eq!(
        summary.left_out,
        LeftOut {
            no_url: 2,
            no_date: 0,
            // The hostile article is from 2024, the full one from 2025.
            too_old: 1,
            after_now: 0
        }
    );
}

/// `n` fresh articles, one a minute back from 2025-07-20T12:00:00+07:00.
fn fresh(n: u32, step: Duration) -> Vec<Article> {
    let start = date("2025-07-20T12:00:00+07:00");
    (0..n)
        .map(|i| {
            let published = (start - step * i).format(&Rfc3339).expect("formats");
            serde_json::from_value(serde_json::json!({
                "metadata": {
                    "id": format!("f-{i}"),
                    "title": format!("Tin {i} <&>"),
                    "language": "vi",
                    "url": format!("https://songai.example/tin/{i}?a=1&b=2"),
                    "published_at": published,
                },
                "summary": "S",
                "bullets": ["B"],
                "discussion_count": 0
            }))
            .expect("valid article")
        })
        .collect()
}

#[test]
fn more_than_1000_urls_become_several_files_and_an_index() {
    let articles = fresh(2500, Duration::seconds(60));
    let (summary, memory) = sitemaps(&articles, &SitemapOptions::default());
    assert_eq!(
        summary.files,
        [
            "news-sitemap-1.xml",
            "news-sitemap-2.xml",
            "news-sitemap-3.xml",
            "news-sitemap-index.xml"
        ]
    );
    assert_eq!(summary.urls, 2500);
    assert_eq!(summary.left_out.total(), 0);
    let mut all = Vec::new();
    for name in &summary.files[..3] {
        all.extend(urls(&memory.file(name)));
    }
    check_urls(&all, &articles.iter().collect::<Vec<_>>());
    let index = parse(&memory.file("news-sitemap-index.xml"));
    assert_eq!(index.name, "sitemapindex");
    assert_eq!(
        index.attr("xmlns"),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let entries: Vec<(&str, &str)> = index
        .all("sitemap")
        .iter()
        .map(|s| {
            (
                s.text_of("loc").expect("loc"),
                s.text_of("lastmod").expect("lastmod"),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "https://songai.example/news-sitemap-1.xml",
                "2025-07-20T12:00:00+07:00"
            ),
            (
                "https://songai.example/news-sitemap-2.xml",
                "2025-07-19T19:20:00+07:00"
            ),
            (
                "https://songai.example/news-sitemap-3.xml",
                "2025-07-19T02:40:00+07:00"
            ),
        ]
    );
    // The same input, the same bytes.
    let (_, again) = sitemaps(&articles, &SitemapOptions::default());
    for name in &summary.files {
        assert_eq!(memory.file(name), again.file(name), "{name}");
    }
}

#[test]
fn pruning_as_it_goes_keeps_exactly_the_window() {
    // 6,000 articles over ten days, oldest first, so the newest moves on
    // and candidates are dropped while the batch streams in.
    let mut articles = fresh(6000, Duration::seconds(144));
    articles.reverse();
    let options = SitemapOptions {
        max_urls_per_file: 700,
        ..SitemapOptions::default()
    };
    let (summary, memory) = sitemaps(&articles, &options);
    let now = summary.now.expect("dated");
    let want = in_window(&articles, now);
    assert_eq!(summary.urls, want.len() as u64);
    assert_eq!(summary.left_out.too_old, 6000 - want.len() as u64);
    let mut all = Vec::new();
    for name in summary
        .files
        .iter()
        .filter(|n| *n != "news-sitemap-index.xml")
    {
        let part = urls(&memory.file(name));
        assert!(part.len() <= 700);
        all.extend(part);
    }
    check_urls(&all, &want);
}

#[test]
fn an_empty_window_still_gives_the_file() {
    let (summary, memory) = sitemaps(&[], &SitemapOptions::default());
    assert_eq!((summary.urls, summary.now), (0, None));
    assert!(urls(&memory.file("news-sitemap.xml")).is_empty());
}

#[test]
fn rendering_on_threads_gives_the_same_files() {
    let articles = fresh(1500, Duration::seconds(30));
    let rendered: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = articles
            .chunks(100)
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|a| render_url(a).expect("rendered"))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("no panic"))
            .collect()
    });
    let memory = Memory::default();
    let mut writer =
        NewsSitemapWriter::new(memory.opener(), &channel(), &SitemapOptions::default())
            .expect("writer");
    for url in rendered {
        writer.write_rendered(url).expect("kept");
    }
    let summary = writer.finish().expect("written");
    let (_, direct) = sitemaps(&articles, &SitemapOptions::default());
    for name in &summary.files {
        assert_eq!(memory.file(name), direct.file(name));
    }
}

#[test]
fn bad_options_and_channels_are_refused() {
    let err = NewsSitemapWriter::new(
        Memory::default().opener(),
        &channel(),
        &SitemapOptions {
            max_urls_per_file: 1001,
            ..SitemapOptions::default()
        },
    )
    .expect_err("refused");
    assert!(matches!(err, Error::OptionInvalid { .. }), "{err}");
    let mut no_language = channel();
    no_language.language = None;
    let err = NewsSitemapWriter::new(
        Memory::default().opener(),
        &no_language,
        &SitemapOptions::default(),
    )
    .expect_err("refused");
    assert!(err.to_string().contains("`language`"), "{err}");
    let failing = |name: &str| -> io::Result<Box<dyn Write + Send>> {
        Err(io::Error::other(format!("no room for {name}")))
    };
    let err = write_sitemaps(
        failing,
        &channel(),
        &SitemapOptions::default(),
        fresh(1, Duration::ZERO),
    )
    .expect_err("fails");
    assert_eq!(
        err.to_string(),
        "cannot create the output file `news-sitemap.xml`"
    );
}

#[test]
fn small_sitemap_snapshot() {
    let (_, memory) = sitemaps(&fresh(3, Duration::minutes(90)), &SitemapOptions::default());
    insta::assert_snapshot!(memory.file("news-sitemap.xml"));
}

#[test]
fn a_hundred_thousand_fresh_articles_give_a_hundred_files_and_an_index() {
    let template = &fresh(1, Duration::ZERO)[0];
    let start = date("2025-07-20T12:00:00+07:00");
    let memory = Memory::default();
    let mut writer =
        NewsSitemapWriter::new(memory.opener(), &channel(), &SitemapOptions::default())
            .expect("writer");
    for i in 0..100_000_i64 {
        let mut article = template.clone();
        article.metadata.url = Some(format!("https://songai.example/tin/{i}"));
        article.metadata.published_at = Some(
            (start - Duration::seconds(i))
                .format(&Rfc3339)
                .expect("formats"),
        );
        writer.write_article(&article).expect("kept");
    }
    let summary = writer.finish().expect("written");
    assert_eq!(summary.urls, 100_000);
    assert_eq!(summary.files.len(), 101);
    assert_eq!(summary.files[99], "news-sitemap-100.xml");
    assert_eq!(summary.files[100], "news-sitemap-index.xml");
    let index = parse(&memory.file("news-sitemap-index.xml"));
    assert_eq!(index.all("sitemap").len(), 100);
    assert_eq!(urls(&memory.file("news-sitemap-100.xml")).len(), 1000);
}
