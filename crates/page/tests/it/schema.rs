use articlekit_model::{Article, schema};
use articlekit_page::{Page, PageOptions, parse_page};
use serde_json::Value;

use crate::{SEED, read};

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema())
        .expect("the article schema compiles")
}

/// Every schema error as `line pointer keyword`, the line found through the page.
fn errors(page: &Page) -> Vec<String> {
    let instance = serde_json::to_value(&page.article).expect("serialises");
    let index = page.line_index();
    validator()
        .iter_errors(&instance)
        .map(|e| {
            let pointer = e.instance_path().as_str().to_owned();
            let line = index
                .line_for(&pointer)
                .map_or("-".to_owned(), |l| l.to_string());
            format!("{line} {pointer} {}", e.kind().keyword())
        })
        .collect()
}

#[test]
fn the_imported_seed_validates() {
    let page = parse_page(&read(SEED), &PageOptions::default()).expect("the seed imports");
    assert_eq!(errors(&page), Vec::<String>::new());
}

/// A page with everything the format allows: CRLF, attachments, a grouped
/// count, hostile text.
const FULL_PAGE: &str = "\u{FEFF}Tiêu đề có </script> và ]]>\r\n\
\r\n\
\u{A0}\r\n\
  • =HYPERLINK(\"https://evil.example\") 🙂\r\n\
\r\n\
  • مرحبا — văn bản từ phải sang trái\r\n\
📌 Tóm tắt với \"ngoặc kép\" & <thẻ>.\r\n\
https://www.example.com/tin/ai-20250721\r\n\
The source title\r\n\
The source subtitle\r\n\
First paragraph.\r\n\
Second paragraph.\r\n\
File đính kèm:\r\n\
• Báo cáo - bản cuối.pdf - https://cdn.example/bao-cao.pdf (application/pdf, 482.113 bytes)\r\n\
• so-lieu.csv - https://cdn.example/so-lieu.csv\r\n\
1.234\r\n\
Thảo luận\r\n\
© Sóng AI - Tóm tắt tin, bài trí tuệ nhân tạo\r\n";

#[test]
fn a_page_with_attachments_and_hostile_text_validates() {
    let page = parse_page(FULL_PAGE.as_bytes(), &PageOptions::default()).expect("imports");
    assert_eq!(errors(&page), Vec::<String>::new());
    let a = &page.article;
    assert_eq!(a.metadata.title, "Tiêu đề có </script> và ]]>");
    assert_eq!(a.bullets[0], "=HYPERLINK(\"https://evil.example\") 🙂");
    assert_eq!(a.attachments.len(), 2);
    assert_eq!(a.attachments[0].size_bytes, Some(482_113));
    assert_eq!(a.discussion_count, 1234);
    assert_eq!(a.metadata.id, "example-20250721");
}

#[test]
fn schema_limits_are_reported_by_validation_at_the_page_line() {
    // The importer reads any number of bullets; the schema allows 50.
    let bullets = (1..=100_000)
        .map(|i| format!("• Ý số {i}\n"))
        .collect::<Vec<_>>()
        .concat();
    let text = format!(
        "Tiêu đề\n{bullets}📌 Tóm tắt.\nhttps://a.example/1234\nTitle\nDek\nKhông có file đính kèm.\n0\nThảo luận\n© Sóng AI\n"
    );
    let page = parse_page(text.as_bytes(), &PageOptions::default()).expect("imports");
    assert_eq!(page.article.bullets.len(), 100_000);
    assert_eq!(errors(&page), ["2 /bullets maxItems"]);

    // Text the format accepts but the schema does not: pinned to its line.
    let text = "Tiêu đề\n• một\n• hai\u{7}\n📌 Tóm tắt.\nhttps://a.example/1234\nTitle\nDek\n\
                Không có file đính kèm.\n0\nThảo luận\n© Sóng AI\n";
    let page = parse_page(text.as_bytes(), &PageOptions::default()).expect("imports");
    assert_eq!(errors(&page), ["3 /bullets/1 not"]);
}

#[test]
fn canonical_json_of_an_import_reads_back_as_the_same_article() {
    let page = parse_page(FULL_PAGE.as_bytes(), &PageOptions::default()).expect("imports");
    let json = page.article.to_canonical_json();
    let value: Value = serde_json::from_str(&json).expect("JSON");
    assert!(validator().is_valid(&value));
    assert_eq!(
        serde_json::from_value::<Article>(value).expect("article"),
        page.article
    );
}
