//! Articles and the channel the tests export.

use std::path::Path;

use articlekit_export::rss::Channel;
use articlekit_model::Article;
use serde_json::json;

fn article(value: serde_json::Value) -> Article {
    serde_json::from_value(value).expect("test article matches the model")
}

/// A file of the repository, by its path from the root.
pub fn repo_file(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{} is readable: {e}", path.display()))
}

/// The seed page as the page importer gives it (`fixtures/canonical/`).
pub fn seed() -> Article {
    serde_json::from_str(&repo_file("fixtures/canonical/000_b0960e193d69778f.json"))
        .expect("the canonical seed is an article")
}

/// Every optional field set: URL, dates, two authors, tags, publisher, source, three attachments.
pub fn full() -> Article {
    article(json!({
        "metadata": {
            "id": "songai-2025-07-21-openai",
            "title": "OpenAI ra mắt mô hình mới",
            "language": "vi",
            "url": "https://songai.example/bai-viet/openai-mo-hinh-moi",
            "published_at": "2025-07-21T09:15:00+07:00",
            "updated_at": "2025-07-22T10:00:00.250+07:00",
            "authors": [
                {"name": "Nguyễn Văn A", "url": "https://songai.example/tac-gia/nguyen-van-a"},
                {"name": "Trần Thị B"}
            ],
            "tags": ["OpenAI", "mô hình ngôn ngữ", "AI, chính sách"],
            "publisher": {"name": "Sóng AI", "tagline": "Tóm tắt tin, bài trí tuệ nhân tạo", "url": "https://songai.example/"},
            "source": {
                "url": "https://news.example/openai-new-model?utm=1&ref=x",
                "title": "OpenAI unveils a new model",
                "subtitle": "The company says it reasons better",
                "publisher": "News Example",
                "language": "en",
                "text": "Paragraph one.\n\nParagraph two."
            }
        },
        "summary": "OpenAI công bố mô hình mới với khả năng suy luận tốt hơn.",
        "bullets": ["Mô hình mới suy luận tốt hơn.", "Giá rẻ hơn 50%."],
        "attachments": [
            {"name": "bao-cao.pdf", "url": "https://cdn.example/bao-cao.pdf", "media_type": "application/pdf", "size_bytes": 482_113},
            {"name": "bieu-do.png", "url": "https://cdn.example/bieu-do.png", "media_type": "image/png"},
            {"name": "du-lieu", "url": "https://cdn.example/du-lieu"}
        ],
        "discussion_count": 42
    }))
}

/// Markup, CDATA terminators, script ends, comments, emoji, combining marks,
/// right-to-left text, and characters XML forbids (which the model would
/// refuse, but the writer must survive).
pub fn hostile() -> Article {
    article(json!({
        "metadata": {
            "id": "hostile-1",
            "title": "<b>\"Quotes\" & 'apostrophes'</b> ]]> </script> <!-- \u{7}",
            "language": "ar",
            "url": "https://evil.example/a?x=1&y=\"2\"#frag",
            "published_at": "2024-02-29T23:59:59.999-05:30",
            "authors": [{"name": "</dc:creator><x>", "url": "https://evil.example/u?a=<b>"}],
            "tags": ["a]]>b", "مرحبا بالعالم", "e\u{301}\u{302} 👩‍👩‍👧"],
            "source": {"url": "https://evil.example/src]]>", "title": "]]><script>alert(1)</script>"}
        },
        "summary": "Line one\r\nline two ]]]]> <![CDATA[ x ]]> \u{FFFE}\u{FFFF} \u{2028}\u{2029} end",
        "bullets": ["</li></ul><script>alert(1)</script>", "\u{202E}RTL override\u{202C} שלום", "nul\u{0}bel\u{7}esc\u{1B}"],
        "attachments": [
            {"name": "x\"y.png", "url": "https://evil.example/x?a=1&b=\"2\"", "media_type": "image/png", "size_bytes": 9_007_199_254_740_991_u64}
        ],
        "discussion_count": 4_294_967_295_u32
    }))
}

/// Only the required fields: no dates, no URL, no source, so no link.
pub fn minimal() -> Article {
    article(json!({
        "metadata": {"id": "m-1", "title": "Minimal", "language": "en"},
        "summary": "Only what is required.",
        "bullets": ["One bullet."],
        "discussion_count": 0
    }))
}

/// The articles of an NDJSON file of the repository.
pub fn ndjson(path: &str) -> Vec<Article> {
    repo_file(path)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("an article"))
        .collect()
}

/// The batch the batch snapshots export, in this input order.
pub fn batch() -> Vec<Article> {
    vec![seed(), full(), hostile(), minimal()]
}

/// The shipped channel file.
pub fn channel() -> Channel {
    let channel = Channel::from_toml_str(&repo_file("fixtures/channel.toml"))
        .expect("fixtures/channel.toml parses");
    channel
        .validate()
        .expect("fixtures/channel.toml is complete");
    channel
}
