//! Integration tests of the CSV layout: snapshots, round trips, spreadsheet
//! mode, reader errors and the Frictionless sidecar.
#![allow(clippy::unwrap_used)] // a test fails loudly on bad data, which is its job

mod datapackage;
mod excel;
mod reader_errors;
mod roundtrip;
mod snapshot;

use articlekit_csv::{CsvOptions, CsvReader, CsvRecord, CsvRowError, CsvWriter};
use articlekit_model::{Article, Attachment, Author, Metadata, Publisher, Source};

/// Writes the articles in the given mode.
pub fn write(articles: &[Article], excel: bool) -> Vec<u8> {
    let mut writer = CsvWriter::new(Vec::new(), CsvOptions { excel });
    for article in articles {
        writer.write(article).unwrap();
    }
    writer.finish().unwrap()
}

/// Every item the reader yields, with the mode detected from the file.
pub fn read(bytes: &[u8]) -> Vec<Result<CsvRecord, CsvRowError>> {
    CsvReader::new(bytes).collect()
}

/// The articles of a file that must read back without errors.
pub fn read_articles(bytes: &[u8]) -> Vec<Article> {
    read(bytes)
        .into_iter()
        .map(|item| serde_json::from_value(item.unwrap().value).unwrap())
        .collect()
}

/// Three articles with hostile text in every column, the last with nothing optional.
pub fn hostile_articles() -> Vec<Article> {
    vec![seed(), formulas(), minimal()]
}

/// Like the seed page, with quotes and commas everywhere.
fn seed() -> Article {
    Article {
        metadata: Metadata {
            id: "scmp-3318837".into(),
            title: "Trung Quốc có thể phản công Mỹ bằng cách hợp tác với \"Nam bán cầu\"".into(),
            language: "vi".into(),
            url: Some("https://publisher.example/bai-viet/ai?a=1&b=2".into()),
            published_at: Some("2025-07-20T08:00:00+07:00".into()),
            updated_at: Some("2025-07-21T09:30:00+07:00".into()),
            authors: vec![
                Author {
                    name: "Nguyễn Văn \"An\", Jr.".into(),
                    url: Some("https://p.example/an".into()),
                },
                Author {
                    name: "O'Brien".into(),
                    url: None,
                },
            ],
            tags: vec!["quản trị AI".into(), "a,b".into(), "\"quoted\"".into()],
            publisher: Some(Publisher {
                name: "Sóng AI".into(),
                tagline: Some("Tóm tắt tin, bài trí tuệ nhân tạo".into()),
                url: Some("https://songai.example/".into()),
            }),
            source: Some(Source {
                url: "https://www.scmp.com/news/article/3318837/china".into(),
                title: Some("China could counter US tech curbs, analysts say".into()),
                subtitle: Some("America risks being ‘sidelined’".into()),
                publisher: Some("South China Morning Post".into()),
                language: Some("en".into()),
                text: Some(
                    "First paragraph, \"quoted\".\n\nSecond\tparagraph.\r\n\r\nThird.".into(),
                ),
            }),
        },
        summary: "Trung Quốc đang tận dụng khoảng trống; \"dấu ngoặc\", dấu phẩy.".into(),
        bullets: vec!["Ý một, có dấu phẩy.".into(), "Ý hai \"trích dẫn\".".into()],
        attachments: vec![Attachment {
            name: "báo cáo, \"bản 2\".pdf".into(),
            url: "https://cdn.example/bao-cao.pdf".into(),
            media_type: Some("application/pdf".into()),
            size_bytes: Some(482_113),
        }],
        discussion_count: 10,
    }
}

/// Spreadsheet formulas, HTML and XML breakers, emoji, combining marks, RTL.
fn formulas() -> Article {
    Article {
        metadata: Metadata {
            id: "hostile-1".into(),
            title: "=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")".into(),
            language: "en".into(),
            url: None,
            published_at: None,
            updated_at: None,
            authors: vec![Author {
                name: "@attacker".into(),
                url: None,
            }],
            tags: vec!["-1".into()],
            publisher: Some(Publisher {
                name: "+Publisher".into(),
                tagline: None,
                url: None,
            }),
            source: None,
        },
        summary: "-2+3 </script><script>alert(1)</script> ]]> <!-- &".into(),
        bullets: vec![
            "@SUM(1+1)*cmd|' /C calc'!A0".into(),
            "+1 (555) 0100".into(),
            "'=already quoted".into(),
            "🚀 e\u{301} عربي \u{202E}RTL".into(),
        ],
        attachments: vec![],
        discussion_count: 0,
    }
}

/// Nothing optional but a source with tabs, CRLF and a lone CR.
fn minimal() -> Article {
    Article {
        metadata: Metadata {
            id: "minimal.2:x".into(),
            title: "  spaces around  ".into(),
            language: "zh-Hans".into(),
            url: None,
            published_at: None,
            updated_at: None,
            authors: vec![],
            tags: vec![],
            publisher: None,
            source: Some(Source {
                url: "http://example.com/a".into(),
                title: None,
                subtitle: None,
                publisher: None,
                language: None,
                text: Some("\tTab first\r\nCRLF\rlone CR\n\n  trailing  ".into()),
            }),
        },
        summary: "\rCR first".into(),
        bullets: vec!["Một".into()],
        attachments: vec![],
        discussion_count: u32::MAX,
    }
}
