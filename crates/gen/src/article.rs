//! One realistic, valid article per record index.

use articlekit_model::{Article, Attachment, Author, Metadata, Publisher, Source, id_from_url};

use crate::dates::Stamp;
use crate::pools::{en, sites, vi};
use crate::rng::Rng;
use crate::text;

/// The valid article at `index` of the batch seeded with `seed`.
///
/// Records are independent of each other (each has its own random stream),
/// and their ids are unique within a batch: the source URL carries an
/// article number that grows with the index.
pub fn article(seed: u64, index: u64) -> Article {
    let mut rng = Rng::for_record(seed, index);
    let rng = &mut rng;

    let site = rng.pick(sites::SITES);
    let source_title = text::capitalize(&text::en_headline(rng));
    // Ten numbers per index, so numbers of one site never repeat in a batch.
    let number = site.base + index * 10 + rng.below(10);
    let source_url = site
        .template
        .replace("{n}", &number.to_string())
        .replace("{slug}", &text::slug(&source_title, 80));
    let id = id_from_url(&source_url);

    let title = text::vi_headline(rng);
    let bullets = (0..rng.range_usize(3, 12))
        .map(|_| text::vi_bullet(rng))
        .collect();
    let summary = text::vi_summary(rng);

    let published = rng.percent(85).then(|| Stamp::random(rng));
    let updated = match published {
        Some(p) if rng.percent(50) => Some(p.later(rng, 72)),
        None if rng.percent(20) => Some(Stamp::random(rng)),
        _ => None,
    };
    let stamp_for_paths = published.or(updated).unwrap_or(Stamp {
        unix: 1_752_973_200,
        offset_minutes: 420,
        millis: 0,
    });

    let (home_name, home_tagline, home_url) = if rng.percent(90) {
        sites::HOME
    } else {
        *rng.pick(sites::OTHER_HOMES)
    };
    let url = rng.percent(60).then(|| {
        format!(
            "{home_url}/bai-viet/{}-{}.html",
            text::slug(&title, 70),
            100_000 + index
        )
    });
    let home = rng.percent(95).then(|| Publisher {
        name: home_name.to_owned(),
        tagline: rng.percent(85).then(|| home_tagline.to_owned()),
        url: rng.percent(50).then(|| home_url.to_owned()),
    });

    let metadata = Metadata {
        id,
        title,
        language: "vi".to_owned(),
        url,
        published_at: published.map(Stamp::rfc3339),
        updated_at: updated.map(Stamp::rfc3339),
        authors: authors(rng, site.host),
        tags: tags(rng),
        publisher: home,
        source: Some(source(rng, source_url, source_title, site.publisher)),
    };

    Article {
        metadata,
        summary,
        bullets,
        attachments: attachments(rng, home_url, stamp_for_paths),
        discussion_count: discussion_count(rng),
    }
}

fn authors(rng: &mut Rng, host: &str) -> Vec<Author> {
    if rng.percent(45) {
        return Vec::new();
    }
    let pool = if rng.percent(50) {
        vi::AUTHORS
    } else {
        en::AUTHORS
    };
    let n = rng.range_usize(1, 3);
    rng.distinct(pool.len(), n)
        .into_iter()
        .map(|i| {
            let name = pool[i];
            let url = rng
                .percent(50)
                .then(|| format!("https://{host}/author/{}", text::slug(name, 60)));
            Author {
                name: name.to_owned(),
                url,
            }
        })
        .collect()
}

fn tags(rng: &mut Rng) -> Vec<String> {
    if rng.percent(30) {
        return Vec::new();
    }
    let n = rng.range_usize(1, 6);
    rng.distinct(vi::TAGS.len(), n)
        .into_iter()
        .map(|i| vi::TAGS[i].to_owned())
        .collect()
}

fn source(rng: &mut Rng, url: String, title: String, publisher: &str) -> Source {
    if rng.percent(5) {
        // Some summaries only link their source.
        return Source {
            url,
            title: Some(title),
            subtitle: None,
            publisher: None,
            language: None,
            text: None,
        };
    }
    let paragraphs = rng.range_usize(4, 9);
    Source {
        url,
        title: Some(title),
        subtitle: Some(text::en_dek(rng)),
        publisher: Some(publisher.to_owned()),
        language: Some("en".to_owned()),
        text: Some(text::en_text(rng, paragraphs)),
    }
}

fn attachments(rng: &mut Rng, home_url: &str, when: Stamp) -> Vec<Attachment> {
    if !rng.percent(30) {
        return Vec::new();
    }
    let (year, month) = when.year_month();
    let n = rng.range_usize(1, 3);
    rng.distinct(sites::ATTACHMENTS.len(), n)
        .into_iter()
        .map(|i| {
            let (stem, ext, media_type, min, max) = sites::ATTACHMENTS[i];
            let cdn = home_url.replacen("https://", "https://cdn.", 1);
            let file = format!("{}-{}.{ext}", text::slug(stem, 40), rng.range(1, 99));
            Attachment {
                name: format!("{stem}.{ext}"),
                url: format!("{cdn}/files/{year}/{month:02}/{file}"),
                media_type: rng.percent(90).then(|| media_type.to_owned()),
                size_bytes: rng.percent(85).then(|| rng.range(min, max)),
            }
        })
        .collect()
}

/// Mostly small counts, a few popular articles, some with none.
fn discussion_count(rng: &mut Rng) -> u32 {
    if rng.percent(15) {
        return 0;
    }
    let u = rng.below(5001);
    // Cubing a uniform draw gives the long tail discussions have.
    u32::try_from(u * u / 5000 * u / 5000).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::article;

    #[test]
    fn same_seed_and_index_give_the_same_article() {
        assert_eq!(article(1, 5), article(1, 5));
        assert_ne!(article(1, 5), article(2, 5));
        assert_ne!(article(1, 5), article(1, 6));
    }

    #[test]
    fn dates_are_in_order() {
        for i in 0..300 {
            let a = article(11, i);
            if let (Some(p), Some(u)) = (&a.metadata.published_at, &a.metadata.updated_at) {
                assert!(p.len() >= 20 && u.len() >= 20, "{p} {u}");
            }
        }
    }
}
