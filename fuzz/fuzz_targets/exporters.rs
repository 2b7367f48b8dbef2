//! Arbitrary text in every field of a structurally valid article, through
//! every exporter: the RSS is always well-formed XML, the JSON-LD always
//! parses, an HTML snippet never ends its script early, and plain CSV reads
//! back to the same article.
#![no_main]

use arbitrary::{Result, Unstructured};
use articlekit_csv::{CsvOptions, CsvReader, CsvWriter};
use articlekit_export::jsonld::{JsonLdMode, JsonLdWriter, html_snippet};
use articlekit_export::rss::{Channel, LastBuild, RssOptions, RssWriter};
use articlekit_model::{Article, Attachment, Author, Metadata, Publisher, Source};
use libfuzzer_sys::fuzz_target;
use quick_xml::events::Event;

/// Text that fits the model's minimum (non-empty); the schema's other rules
/// are deliberately not applied, so exporters see worse than valid data.
fn text(u: &mut Unstructured) -> Result<String> {
    let s: String = u.arbitrary()?;
    Ok(if s.is_empty() { "x".to_owned() } else { s })
}

fn opt(u: &mut Unstructured) -> Result<Option<String>> {
    Ok(if u.arbitrary()? { Some(text(u)?) } else { None })
}

fn line(u: &mut Unstructured) -> Result<String> {
    // Bullets cannot hold line breaks in any valid article (CSV relies on it).
    Ok(text(u)?.replace(['\n', '\r'], " "))
}

fn date(u: &mut Unstructured) -> Result<Option<String>> {
    Ok(match u.int_in_range(0..=2)? {
        0 => None,
        1 => Some(format!(
            "20{:02}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00",
            u.int_in_range(0..=99)?,
            u.int_in_range(1..=12)?,
            u.int_in_range(1..=28)?,
            u.int_in_range(0..=23)?,
            u.int_in_range(0..=59)?,
            u.int_in_range(0..=59)?
        )),
        _ => Some(text(u)?),
    })
}

fn article(u: &mut Unstructured) -> Result<Article> {
    let bullets = (0..u.int_in_range(1..=4)?).map(|_| line(u)).collect::<Result<_>>()?;
    let authors = (0..u.int_in_range(0..=2)?)
        .map(|_| Ok(Author { name: text(u)?, url: opt(u)? }))
        .collect::<Result<_>>()?;
    let mut tags: Vec<String> = (0..u.int_in_range(0..=3)?).map(|_| text(u)).collect::<Result<_>>()?;
    tags.dedup();
    let attachments = (0..u.int_in_range(0..=2)?)
        .map(|_| {
            Ok(Attachment {
                name: text(u)?,
                url: text(u)?,
                media_type: opt(u)?,
                size_bytes: u.arbitrary::<Option<u32>>()?.map(u64::from),
            })
        })
        .collect::<Result<_>>()?;
    Ok(Article {
        metadata: Metadata {
            id: text(u)?,
            title: text(u)?,
            language: if u.arbitrary()? { "vi".to_owned() } else { text(u)? },
            url: opt(u)?,
            published_at: date(u)?,
            updated_at: date(u)?,
            authors,
            tags,
            publisher: if u.arbitrary()? {
                Some(Publisher { name: text(u)?, tagline: opt(u)?, url: opt(u)? })
            } else {
                None
            },
            source: if u.arbitrary()? {
                Some(Source {
                    url: text(u)?,
                    title: opt(u)?,
                    subtitle: opt(u)?,
                    publisher: opt(u)?,
                    language: opt(u)?,
                    text: opt(u)?,
                })
            } else {
                None
            },
        },
        summary: text(u)?,
        bullets,
        attachments,
        discussion_count: u.arbitrary()?,
    })
}

fn assert_well_formed_xml(xml: &[u8]) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(Event::GeneralRef(r)) if r.is_char_ref() => {
                // No character XML 1.0 forbids, not even as a reference.
                let c = r.resolve_char_ref().ok().flatten();
                assert!(
                    matches!(c, Some('\t' | '\n' | '\r' | '\u{20}'..='\u{fffd}' | '\u{10000}'..)),
                    "forbidden character reference {c:?}"
                );
            }
            Ok(_) => {}
            Err(e) => panic!("RSS is not well-formed at {}: {e}", reader.buffer_position()),
        }
        buf.clear();
    }
    let text = String::from_utf8_lossy(xml);
    assert!(
        !text.chars().any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')),
        "forbidden character in the feed"
    );
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(articles) = (0..3).map(|_| article(&mut u)).collect::<Result<Vec<_>>>() else {
        return;
    };

    let channel = Channel::from_toml_str(
        "title = \"t\"\nlink = \"https://a.example/\"\ndescription = \"d\"\nself_link = \"https://a.example/rss\"\n",
    )
    .expect("fixed channel");
    for options in [
        RssOptions::default(),
        RssOptions { last_build_date: Some(LastBuild::Fixed("2025-01-01T00:00:00Z".into())), ..RssOptions::default() },
        RssOptions { newest_first: true, limit: Some(2), ..RssOptions::default() },
    ] {
        let Ok(mut rss) = RssWriter::new(Vec::new(), &channel, &options) else { continue };
        let mut ok = true;
        for a in &articles {
            ok &= rss.write_item(a).is_ok();
        }
        if let (true, Ok(xml)) = (ok, rss.finish()) {
            assert_well_formed_xml(&xml);
        }
    }

    let mut jsonld = JsonLdWriter::new(Vec::new(), JsonLdMode::Graph);
    for a in &articles {
        jsonld.write_article(a).expect("JSON-LD writes to memory");
    }
    let doc = jsonld.finish().expect("JSON-LD finishes");
    serde_json::from_slice::<serde_json::Value>(&doc).expect("JSON-LD parses");

    for a in &articles {
        let html = html_snippet(a);
        let body = html
            .strip_prefix("<script type=\"application/ld+json\">")
            .and_then(|h| h.trim_end().strip_suffix("</script>"))
            .expect("snippet is one script element");
        assert!(!body.contains('<') && !body.contains('>'), "raw angle bracket inside the script");
        serde_json::from_str::<serde_json::Value>(body).expect("snippet JSON parses");
    }

    let mut csv = CsvWriter::new(Vec::new(), CsvOptions { excel: false });
    let mut written = Vec::new();
    for a in &articles {
        if csv.write(a).is_ok() {
            written.push(a.clone());
        }
    }
    let bytes = csv.finish().expect("CSV writes to memory");
    let back: Vec<Article> = CsvReader::new(bytes.as_slice())
        .map(|r| {
            let r = r.expect("exported CSV reads back");
            serde_json::from_value(r.value).expect("a read-back row is an article")
        })
        .collect();
    assert_eq!(back, written, "CSV round trip changed an article");
});
