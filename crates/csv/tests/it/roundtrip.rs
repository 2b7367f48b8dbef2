//! Arbitrary text in every field survives write → read → `Article`.

use articlekit_model::{
    Article, Attachment, Author, MAX_SAFE_INTEGER, Metadata, Publisher, Source,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

use crate::{hostile_articles, read, read_articles, write};

/// Characters that break naive CSV, JSON, HTML and spreadsheets, plus any
/// character at all.
fn character(line_breaks: bool) -> impl Strategy<Value = char> {
    let tricky = prop::sample::select(vec![
        ',', '"', '\'', '=', '+', '-', '@', '\t', ' ', '\u{A0}', '\u{FEFF}', '<', '>', '&', ']',
        'ệ', 'Đ', '\u{301}', '🚀', 'ع', '\u{202E}', '\u{2028}', '\0', '\u{1F}',
    ]);
    let breaks = prop::sample::select(vec!['\n', '\r']);
    let any = any::<char>().prop_filter("no line breaks here", |c| *c != '\n' && *c != '\r');
    if line_breaks {
        prop_oneof![4 => tricky, 2 => breaks, 3 => any].boxed()
    } else {
        prop_oneof![4 => tricky, 3 => any].boxed()
    }
}

/// Non-empty text (the model has no empty text), one line or several.
fn text(line_breaks: bool) -> impl Strategy<Value = String> {
    vec(character(line_breaks), 1..12).prop_map(|chars| chars.into_iter().collect())
}

fn line() -> impl Strategy<Value = String> {
    text(false)
}

fn author() -> impl Strategy<Value = Author> {
    (line(), of(line())).prop_map(|(name, url)| Author { name, url })
}

fn attachment() -> impl Strategy<Value = Attachment> {
    (line(), line(), of(line()), of(0..=MAX_SAFE_INTEGER)).prop_map(
        |(name, url, media_type, size_bytes)| Attachment {
            name,
            url,
            media_type,
            size_bytes,
        },
    )
}

fn publisher() -> impl Strategy<Value = Publisher> {
    (line(), of(line()), of(line())).prop_map(|(name, tagline, url)| Publisher {
        name,
        tagline,
        url,
    })
}

fn source() -> impl Strategy<Value = Source> {
    (
        line(),
        of(line()),
        of(line()),
        of(line()),
        of(line()),
        of(text(true)),
    )
        .prop_map(|(url, title, subtitle, publisher, language, text)| Source {
            url,
            title,
            subtitle,
            publisher,
            language,
            text,
        })
}

fn metadata() -> impl Strategy<Value = Metadata> {
    (
        (line(), line(), line(), of(line()), of(line()), of(line())),
        (
            vec(author(), 0..3),
            vec(line(), 0..3),
            of(publisher()),
            of(source()),
        ),
    )
        .prop_map(
            |(
                (id, title, language, url, published_at, updated_at),
                (authors, tags, publisher, source),
            )| {
                Metadata {
                    id,
                    title,
                    language,
                    url,
                    published_at,
                    updated_at,
                    authors,
                    tags,
                    publisher,
                    source,
                }
            },
        )
}

/// Any article the layout can hold: every model-valid one, and more.
pub fn article() -> impl Strategy<Value = Article> {
    (
        metadata(),
        text(true),
        vec(line(), 1..5),
        vec(attachment(), 0..3),
        any::<u32>(),
    )
        .prop_map(
            |(metadata, summary, bullets, attachments, discussion_count)| Article {
                metadata,
                summary,
                bullets,
                attachments,
                discussion_count,
            },
        )
}

pub fn articles() -> impl Strategy<Value = Vec<Article>> {
    vec(article(), 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plain_round_trip_is_exact(articles in articles()) {
        let bytes = write(&articles, false);
        let back = read_articles(&bytes);
        prop_assert_eq!(&back, &articles);
        for (a, b) in articles.iter().zip(&back) {
            prop_assert_eq!(a.to_canonical_json(), b.to_canonical_json());
        }
    }

    #[test]
    fn raw_rows_rebuild_the_file(articles in articles()) {
        let bytes = write(&articles, false);
        let mut reader = articlekit_csv::CsvReader::new(&bytes[..]);
        let raws: Vec<Vec<u8>> = reader.by_ref().map(|r| r.unwrap().raw).collect();
        let mut rebuilt = reader.header_raw().to_vec();
        for raw in &raws {
            rebuilt.extend_from_slice(raw);
        }
        prop_assert_eq!(rebuilt, bytes);
    }
}

#[test]
fn values_come_back_in_canonical_shape() {
    let articles = hostile_articles();
    let items = read(&write(&articles, false));
    for (item, article) in items.into_iter().zip(&articles) {
        let record = item.unwrap();
        assert_eq!(record.value.to_string(), article.to_canonical_json());
    }
}

#[test]
fn rows_and_lines_count_multi_line_cells() {
    let items = read(&write(&hostile_articles(), false));
    let at: Vec<(u64, u64)> = items
        .iter()
        .map(|i| i.as_ref().map(|r| (r.row, r.line)).unwrap())
        .collect();
    // The first row holds 5 line feeds (source text, bullets), the second 3 (bullets).
    assert_eq!(at, vec![(1, 2), (2, 8), (3, 12)]);
}

#[test]
fn unrepresentable_values_are_refused() {
    let mut article = hostile_articles().remove(2);
    article.bullets = vec!["two\nlines".into()];
    let mut writer =
        articlekit_csv::CsvWriter::new(Vec::new(), articlekit_csv::CsvOptions::default());
    let err = writer.write(&article).unwrap_err();
    assert_eq!(
        err.to_string(),
        "article `minimal.2:x`: bullets: a bullet is empty or holds a line break"
    );
    article.bullets = vec!["ok".into()];
    article.metadata.url = Some(String::new());
    let err = writer.write(&article).unwrap_err();
    assert!(
        err.to_string().contains("metadata.url: empty text"),
        "{err}"
    );
    article.metadata.url = None;
    article.bullets.clear();
    assert!(writer.write(&article).is_err());
    // Nothing half-written: the header alone.
    assert_eq!(
        memchr::memchr_iter(b'\n', &writer.finish().unwrap()).count(),
        1
    );
}
