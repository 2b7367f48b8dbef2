//! Every valid record is an article the schema and the model accept, in canonical form.

use std::collections::HashSet;

use articlekit_gen::Kinds;
use articlekit_model::Article;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::{batch, validator};

fn instant(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &Rfc3339)
        .unwrap_or_else(|e| panic!("`{text}` is not RFC 3339: {e}"))
}

#[test]
fn two_thousand_records_are_valid_canonical_articles() {
    let validator = validator();
    let schema_format_check = jsonschema::options()
        .should_validate_formats(true)
        .build(&serde_json::json!({ "format": "date-time" }))
        .expect("compiles");
    // The format assertion is really on, or this test would prove little.
    assert!(!schema_format_check.is_valid(&serde_json::json!("2025-13-01T00:00:00Z")));

    let (mut bytes, mut with_attachments, mut with_authors, mut with_author_url) = (0, 0, 0, 0);
    let (mut with_tags, mut with_dates, mut with_both_dates, mut with_publisher) = (0, 0, 0, 0);
    let mut offsets = HashSet::new();
    let mut media_types = HashSet::new();
    for seed in [2025, 1] {
        // Ids are unique within a batch.
        let mut ids = HashSet::new();
        for record in batch(1000, seed, 0, Kinds::All) {
            assert!(record.fault.is_none());
            let value: serde_json::Value = serde_json::from_slice(&record.bytes).expect("JSON");
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(
                errors.is_empty(),
                "record {} of seed {seed}: {errors:?}",
                record.number
            );
            let article: Article = serde_json::from_value(value).expect("an Article");
            assert_eq!(
                article.to_canonical_json().as_bytes(),
                record.bytes.as_slice()
            );
            assert!(
                ids.insert(article.metadata.id.clone()),
                "duplicate id {}",
                article.metadata.id
            );

            let m = &article.metadata;
            assert_eq!(m.language, "vi");
            assert!((3..=12).contains(&article.bullets.len()));
            assert!(article.discussion_count <= 5000);
            let tags: HashSet<_> = m.tags.iter().collect();
            assert_eq!(tags.len(), m.tags.len(), "tags are unique");
            let source = m.source.as_ref().expect("every record has a source");
            assert!(source.url.starts_with("https://"));
            if let (Some(p), Some(u)) = (&m.published_at, &m.updated_at) {
                assert!(instant(u) >= instant(p), "{p} > {u}");
                with_both_dates += 1;
            }
            for date in m.published_at.iter().chain(&m.updated_at) {
                let date = instant(date);
                offsets.insert(date.offset().whole_minutes());
            }
            for a in &article.attachments {
                media_types.extend(a.media_type.clone());
            }

            bytes += record.bytes.len() + 1;
            with_attachments += usize::from(!article.attachments.is_empty());
            with_authors += usize::from(!m.authors.is_empty());
            with_author_url += usize::from(m.authors.iter().any(|a| a.url.is_some()));
            with_tags += usize::from(!m.tags.is_empty());
            with_dates += usize::from(m.published_at.is_some());
            with_publisher += usize::from(m.publisher.is_some());
        }
    }
    let average = bytes / 2000;
    assert!(
        (4500..=6500).contains(&average),
        "average record is {average} bytes"
    );
    for (what, n) in [
        ("attachments", with_attachments),
        ("authors", with_authors),
        ("author urls", with_author_url),
        ("tags", with_tags),
        ("published_at", with_dates),
        ("both dates", with_both_dates),
        ("publisher", with_publisher),
    ] {
        assert!(n > 200, "only {n} of 2000 records have {what}");
    }
    let mut offsets: Vec<_> = offsets.into_iter().collect();
    offsets.sort_unstable();
    assert_eq!(offsets, [-300, 0, 420, 540]);
    let mut media_types: Vec<_> = media_types.into_iter().collect();
    media_types.sort_unstable();
    assert_eq!(
        media_types,
        ["application/pdf", "audio/mpeg", "image/jpeg", "image/png"]
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    assert_eq!(
        batch(50, 9, 300_000, Kinds::All),
        batch(50, 9, 300_000, Kinds::All)
    );
    assert_ne!(batch(5, 9, 0, Kinds::All), batch(5, 10, 0, Kinds::All));
}

#[test]
fn every_edge_record_is_valid_for_the_schema_and_the_model() {
    use articlekit_gen::{Batch, BatchConfig, Edge};

    let validator = validator();
    let config = BatchConfig {
        count: 200,
        seed: 3,
        broken_ppm: 0,
        edge_ppm: 500_000,
        kinds: Kinds::All,
    };
    let mut seen = HashSet::new();
    let mut ids = HashSet::new();
    for record in Batch::new(config) {
        let value: serde_json::Value = serde_json::from_slice(&record.bytes).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        let name = record.edge.map_or("none", Edge::name);
        assert!(errors.is_empty(), "edge {name}: {errors:?}");
        let article: Article =
            serde_json::from_value(value).unwrap_or_else(|e| panic!("edge {name}: {e}"));
        assert!(
            ids.insert(article.metadata.id.clone()),
            "edge {name}: duplicate id"
        );
        if let (Some(p), Some(u)) = (&article.metadata.published_at, &article.metadata.updated_at) {
            assert!(instant(u) >= instant(p), "edge {name}: {p} > {u}");
        }
        seen.extend(record.edge);
    }
    assert_eq!(seen.len(), Edge::ALL.len(), "every edge is planted");
}
