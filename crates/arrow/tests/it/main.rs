//! Integration tests of articlekit-arrow.

mod foreign;
mod roundtrip;
mod schema;

use articlekit_model::Article;

/// The shipped fixture batch plus articles with every optional field
/// present, odd dates, hostile text and the largest sizes.
pub fn sample_lines() -> Vec<String> {
    let fixture = include_str!("../../../../fixtures/articles.ndjson");
    let hostile = include_str!("../../../../fixtures/csv/hostile.ndjson");
    let mut lines: Vec<String> = fixture
        .lines()
        .chain(hostile.lines())
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let a: Article = serde_json::from_str(l).expect("fixture article");
            a.to_canonical_json()
        })
        .collect();
    let full = r#"{"metadata":{"id":"full-1","title":"=HYPERLINK(\"http://evil.example\") \"quoted\", comma","language":"vi","url":"https://publisher.example/bai-viet/1","published_at":"2025-07-20T08:00:00+07:00","updated_at":"2025-07-21T09:30:00.123456-09:30","authors":[{"name":"Nguyễn Văn A","url":"https://a.example/"},{"name":"B"}],"tags":["quản trị AI","Global South"],"publisher":{"name":"Sóng AI","tagline":"Tóm tắt tin","url":"https://song.example/"},"source":{"url":"https://www.scmp.com/x","title":"T","subtitle":"S","publisher":"SCMP","language":"en","text":"P1\n\nP2\r\n\tindent"}},"summary":"Tóm tắt\nhai dòng","bullets":["Ý một","@cmd","+1","-2"],"attachments":[{"name":"bao-cao.pdf","url":"https://cdn.example/bao-cao.pdf","media_type":"application/pdf","size_bytes":9007199254740991},{"name":"n","url":"https://cdn.example/n"}],"discussion_count":4294967295}"#;
    let odd_dates = [
        "2025-07-20T01:00:00+00:00",
        "2025-07-20T01:00:00-00:00",
        "2025-07-20t01:00:00z",
        "2025-07-20T01:00:00.500Z",
        "2025-07-20T01:00:00.123456789+05:45",
        "2016-12-31T23:59:60Z",
        "0001-01-01T00:00:00-23:59",
    ];
    lines.push(full.to_owned());
    for (i, date) in odd_dates.iter().enumerate() {
        lines.push(format!(
            r#"{{"metadata":{{"id":"odd-{i}","title":"T","language":"vi","published_at":"{date}","updated_at":"{date}"}},"summary":"S","bullets":["B"],"discussion_count":0}}"#
        ));
    }
    lines
}

/// The sample batch as articles.
pub fn sample() -> Vec<Article> {
    sample_lines()
        .iter()
        .map(|l| serde_json::from_str(l).expect("sample article"))
        .collect()
}
