use articlekit_model::{Attachment, Publisher};

use super::*;
use crate::{PageErrorKind, parse_page};

/// A small page in the format, one part per line (line numbers in comments).
const GOOD: [&str; 16] = [
    "Tiêu đề bài viết",                              // 1
    "",                                              // 2
    "  • Ý thứ nhất",                                // 3
    "  • Ý thứ hai",                                 // 4
    "",                                              // 5
    "📌 Tóm tắt bài viết.",                          // 6
    "",                                              // 7
    "https://www.example.com/tin/bai-viet-12345",    // 8
    "The source title of the article",               // 9
    "The subtitle of the source",                    // 10
    "First paragraph of the text.",                  // 11
    "Second paragraph of the text.",                 // 12
    "Không có file đính kèm.",                       // 13
    "10",                                            // 14
    "Thảo luận",                                     // 15
    "© Sóng AI - Tóm tắt tin, bài trí tuệ nhân tạo", // 16
];

fn good() -> Vec<String> {
    GOOD.iter().map(|l| (*l).to_owned()).collect()
}

fn text(lines: &[String]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The good page with line `n` (1-based) replaced by `with` (which may hold
/// several lines, or none when empty).
fn with_line(n: usize, with: &str) -> String {
    let mut lines = good();
    lines.splice(n - 1..n, with.lines().map(str::to_owned));
    text(&lines)
}

fn import(text: &str) -> Page {
    match parse_page(text.as_bytes(), &PageOptions::default()) {
        Ok(page) => page,
        Err(e) => panic!("page refused: {e}\n{text}"),
    }
}

fn refuse(text: &str) -> PageError {
    match parse_page(text.as_bytes(), &PageOptions::default()) {
        Ok(page) => panic!("page accepted: {page:?}\n{text}"),
        Err(e) => e,
    }
}

/// Refused at `line` with `kind` and exactly `expected`.
fn assert_refused(text: &str, line: u64, kind: PageErrorKind, expected: &str) -> PageError {
    let error = refuse(text);
    assert_eq!(
        (error.line, error.kind, error.expected.as_str()),
        (line, kind, expected),
        "{error}"
    );
    error
}

fn source(page: &Page) -> &Source {
    page.article.metadata.source.as_ref().expect("source")
}

// ---- what a good page becomes -------------------------------------------

#[test]
fn every_part_of_a_good_page_lands_in_its_field() {
    let page = import(&text(&good()));
    let a = &page.article;
    assert_eq!(a.metadata.id, "example-12345");
    assert_eq!(a.metadata.title, "Tiêu đề bài viết");
    assert_eq!(a.metadata.language, "vi");
    assert_eq!(
        (
            &a.metadata.url,
            &a.metadata.published_at,
            &a.metadata.updated_at
        ),
        (&None, &None, &None)
    );
    assert!(a.metadata.authors.is_empty() && a.metadata.tags.is_empty());
    assert_eq!(
        a.metadata.publisher,
        Some(Publisher {
            name: "Sóng AI".into(),
            tagline: Some("Tóm tắt tin, bài trí tuệ nhân tạo".into()),
            url: None
        })
    );
    assert_eq!(
        a.metadata.source,
        Some(Source {
            url: "https://www.example.com/tin/bai-viet-12345".into(),
            title: Some("The source title of the article".into()),
            subtitle: Some("The subtitle of the source".into()),
            publisher: None,
            language: Some("en".into()),
            text: Some("First paragraph of the text.\n\nSecond paragraph of the text.".into()),
        })
    );
    assert_eq!(a.summary, "Tóm tắt bài viết.");
    assert_eq!(a.bullets, ["Ý thứ nhất", "Ý thứ hai"]);
    assert!(a.attachments.is_empty());
    assert_eq!(a.discussion_count, 10);
}

#[test]
fn every_field_from_the_page_has_its_line() {
    let page = import(&text(&good()));
    let lines: Vec<(&str, u64)> = page.lines.iter().map(|(p, l)| (p.as_str(), *l)).collect();
    assert_eq!(
        lines,
        [
            ("/metadata/title", 1),
            ("/bullets", 3),
            ("/bullets/0", 3),
            ("/bullets/1", 4),
            ("/summary", 6),
            ("/metadata/source", 8),
            ("/metadata/source/url", 8),
            ("/metadata/id", 8),
            ("/metadata/source/title", 9),
            ("/metadata/source/subtitle", 10),
            ("/metadata/source/text", 11),
            ("/discussion_count", 14),
            ("/metadata/publisher", 16),
            ("/metadata/publisher/name", 16),
            ("/metadata/publisher/tagline", 16),
        ]
    );
    assert_eq!(page.line_for("/bullets/1"), Some(4));
    assert_eq!(page.line_for("/metadata/source/language"), Some(8));
    assert_eq!(page.line_for("/metadata/language"), None);
}

#[test]
fn crlf_and_lf_give_the_same_article() {
    let lf = text(&good());
    let crlf = lf.replace('\n', "\r\n");
    assert_eq!(import(&crlf), import(&lf));
    // Without a final line ending, and with a lone CR ending the last line.
    assert_eq!(import(lf.trim_end()), import(&lf));
    assert_eq!(import(&format!("{}\r", lf.trim_end())), import(&lf));
}

#[test]
fn a_leading_bom_is_ignored() {
    let lf = text(&good());
    assert_eq!(import(&format!("\u{FEFF}{lf}")), import(&lf));
}

#[test]
fn whitespace_only_lines_of_any_kind_are_blank() {
    let blank = [
        "\u{A0}",
        " \u{A0} ",
        "\t",
        "\u{3000}",
        "\u{FEFF}",
        "\u{2007}\u{202F}",
    ];
    let mut lines = Vec::new();
    for (i, line) in good().into_iter().enumerate() {
        lines.push(blank[i % blank.len()].to_owned());
        lines.push(line);
    }
    lines.push("\u{A0}".to_owned());
    let article = import(&text(&lines)).article;
    assert_eq!(article, import(&text(&good())).article);
}

#[test]
fn values_are_trimmed_but_inner_whitespace_is_kept() {
    let page = with_line(11, "\u{A0} the\u{A0}Global South\u{A0}on AI \u{A0}");
    assert_eq!(
        source(&import(&page)).text.as_deref(),
        Some("the\u{A0}Global South\u{A0}on AI\n\nSecond paragraph of the text.")
    );
}

#[test]
fn one_bullet_is_enough() {
    let page = with_line(4, "");
    assert_eq!(import(&page).article.bullets, ["Ý thứ nhất"]);
}

#[test]
fn bullets_may_have_blank_lines_between_and_any_indent() {
    let page = with_line(4, "\n\u{A0}\n•\tÝ thứ hai\n\n\u{A0}\u{A0}•  Ý thứ ba  ");
    assert_eq!(
        import(&page).article.bullets,
        ["Ý thứ nhất", "Ý thứ hai", "Ý thứ ba"]
    );
}

#[test]
fn a_hundred_thousand_bullets_import_and_leave_the_limit_to_the_schema() {
    let many: Vec<String> = (0..100_000).map(|i| format!("• Ý số {i}")).collect();
    let page = import(&with_line(4, &many.join("\n")));
    assert_eq!(page.article.bullets.len(), 100_001);
    assert_eq!(page.article.bullets[100_000], "Ý số 99999");
    assert_eq!(page.line_for("/bullets/100000"), Some(100_003));
}

#[test]
fn the_summary_may_follow_the_pin_directly() {
    assert_eq!(
        import(&with_line(6, "📌Tóm tắt.")).article.summary,
        "Tóm tắt."
    );
    assert_eq!(
        import(&with_line(6, "  📌\u{FE0F}  Tóm tắt."))
            .article
            .summary,
        "Tóm tắt."
    );
}

#[test]
fn counts_read_plain_and_grouped() {
    for (count, value) in [
        ("0", 0),
        ("1", 1),
        ("1.234", 1234),
        ("1,234,567", 1_234_567),
        ("4.294.967.295", u32::MAX),
    ] {
        assert_eq!(
            import(&with_line(14, count)).article.discussion_count,
            value,
            "{count}"
        );
    }
}

#[test]
fn hostile_text_passes_through_unchanged() {
    let hostile = [
        "</script><script>alert(1)</script>",
        "]]><![CDATA[x]]>",
        "=HYPERLINK(\"https://evil.example\",\"x\")",
        "Ý kiến 🙂👍🏽 \u{1F1FB}\u{1F1F3}",
        "مرحبا بالعالم \u{202E}txt.exe",
        "שלום, \"quoted\", 'single' & <b>bold</b>",
        "e\u{301}\u{323} combining \\ backslash {braces} %s $x",
    ];
    for h in hostile {
        let mut lines = good();
        lines[0] = h.to_owned();
        lines[2] = format!("• {h}");
        lines[5] = format!("📌 {h}");
        lines[8] = h.to_owned();
        lines[9] = h.to_owned();
        lines[10] = h.to_owned();
        lines[15] = format!("© {h}");
        let a = import(&text(&lines)).article;
        let s = a.metadata.source.as_ref().expect("source");
        assert_eq!(a.metadata.title, h);
        assert_eq!(a.bullets[0], h);
        assert_eq!(a.summary, h);
        assert_eq!(
            (s.title.as_deref(), s.subtitle.as_deref()),
            (Some(h), Some(h))
        );
        assert_eq!(
            s.text.as_deref(),
            Some(format!("{h}\n\nSecond paragraph of the text.").as_str())
        );
        assert_eq!(
            a.metadata.publisher.as_ref().map(|p| p.name.as_str()),
            Some(h)
        );
    }
}

#[test]
fn control_characters_are_left_for_the_schema_to_report() {
    let page = import(&with_line(3, "• bell\u{7} and escape\u{1b}[0m"));
    assert_eq!(page.article.bullets[0], "bell\u{7} and escape\u{1b}[0m");
}

#[test]
fn a_page_without_source_text_leaves_it_out() {
    let page = with_line(11, "");
    let page = page.replace("Second paragraph of the text.\n", "");
    let page = import(&page);
    assert_eq!(source(&page).text, None);
    assert_eq!(page.line_for("/metadata/source/text"), Some(8));
}

#[test]
fn an_attachments_block_lists_every_file() {
    let block = "File đính kèm:\n\
                 • Báo cáo - bản cuối.pdf - https://cdn.example/bao-cao.pdf (application/pdf, 482.113 bytes)\n\
                 \n\
                 • so-lieu.csv - https://cdn.example/so-lieu.csv\n\
                 • anh.png - https://cdn.example/anh.png (image/png)\n\
                 • ghi-chu.txt - https://cdn.example/ghi-chu.txt (12 bytes)";
    let page = import(&with_line(13, block));
    let attachment = |name: &str, url: &str, media: Option<&str>, size: Option<u64>| Attachment {
        name: name.into(),
        url: url.into(),
        media_type: media.map(Into::into),
        size_bytes: size,
    };
    assert_eq!(
        page.article.attachments,
        [
            attachment(
                "Báo cáo - bản cuối.pdf",
                "https://cdn.example/bao-cao.pdf",
                Some("application/pdf"),
                Some(482_113)
            ),
            attachment("so-lieu.csv", "https://cdn.example/so-lieu.csv", None, None),
            attachment(
                "anh.png",
                "https://cdn.example/anh.png",
                Some("image/png"),
                None
            ),
            attachment(
                "ghi-chu.txt",
                "https://cdn.example/ghi-chu.txt",
                None,
                Some(12)
            ),
        ]
    );
    assert_eq!(page.article.discussion_count, 10);
    assert_eq!(page.line_for("/attachments"), Some(13));
    assert_eq!(page.line_for("/attachments/0/size_bytes"), Some(14));
    assert_eq!(page.line_for("/attachments/1"), Some(16));
    assert_eq!(page.line_for("/attachments/3/url"), Some(18));
    assert_eq!(page.line_for("/discussion_count"), Some(19));
}

#[test]
fn decomposed_vietnamese_fixed_lines_are_recognised() {
    let mut lines = good();
    lines[12] = "Kho\u{302}ng co\u{301} file \u{111}i\u{301}nh ke\u{300}m.".into();
    lines[14] = "Tha\u{309}o lua\u{323}\u{302}n".into();
    assert_eq!(
        import(&text(&lines)).article,
        import(&text(&good())).article
    );
}

#[test]
fn a_footer_without_tagline_has_only_a_name() {
    let publisher = import(&with_line(16, "©Sóng AI"))
        .article
        .metadata
        .publisher;
    assert_eq!(
        publisher,
        Some(Publisher {
            name: "Sóng AI".into(),
            tagline: None,
            url: None
        })
    );
    // Only the first ` - ` splits.
    let publisher = import(&with_line(16, "© Sóng AI - Tin - bài AI"))
        .article
        .metadata
        .publisher;
    assert_eq!(
        publisher.and_then(|p| p.tagline).as_deref(),
        Some("Tin - bài AI")
    );
}

#[test]
fn blank_lines_may_follow_the_footer() {
    let page = format!("{}\n\u{A0}\n\n  \n", text(&good()));
    assert_eq!(import(&page).article, import(&text(&good())).article);
}

#[test]
fn options_set_language_source_language_and_id() {
    let options = PageOptions {
        language: "en".into(),
        source_language: Some("zh-Hans".into()),
        id: Some("my-id".into()),
    };
    let page = parse_page(text(&good()).as_bytes(), &options).expect("imports");
    assert_eq!(page.article.metadata.language, "en");
    assert_eq!(page.article.metadata.id, "my-id");
    assert_eq!(source(&page).language.as_deref(), Some("zh-Hans"));
    assert_eq!(
        page.line_for("/metadata/id"),
        None,
        "a given id is not from the page"
    );
}

#[test]
fn the_source_language_is_detected_or_left_out() {
    let mut lines = good();
    lines[8] = "Trung Quốc có thể phản công Mỹ".into();
    lines[9] = "Giới phân tích cho rằng Mỹ đang tự loại mình".into();
    lines[10] = "Trung Quốc cần hợp tác hiệu quả hơn với các nước phía Nam.".into();
    lines[11] = "Họ cũng cho rằng Mỹ có thể bị gạt ra ngoài lề.".into();
    assert_eq!(
        source(&import(&text(&lines))).language.as_deref(),
        Some("vi")
    );
    for line in &mut lines[8..12] {
        *line = "中国可以通过在人工智能方面与全球南方合作来反击美国".into();
    }
    assert_eq!(source(&import(&text(&lines))).language, None);
}

#[test]
fn ids_are_deterministic() {
    let a = import(&text(&good())).article.metadata.id;
    let b = import(&text(&good()).replace('\n', "\r\n"))
        .article
        .metadata
        .id;
    assert_eq!(a, b);
    let other = import(&with_line(8, "https://www.example.com/tin/bai-khac-67890"))
        .article
        .metadata
        .id;
    assert_eq!(other, "example-67890");
}

// ---- refusals ---------------------------------------------------------------

#[test]
fn an_empty_page_is_refused() {
    let error = assert_refused("", 1, PageErrorKind::Empty, HEADLINE);
    assert_eq!(
        error.to_string(),
        "line 1: expected the headline (the first non-blank line), found an empty page"
    );
    let error = assert_refused("\u{FEFF}", 1, PageErrorKind::Empty, HEADLINE);
    assert_eq!(error.found, "an empty page");
    let error = assert_refused("\n \u{A0}\n\r\n\t", 4, PageErrorKind::Empty, HEADLINE);
    assert_eq!(error.found, "only blank lines");
}

#[test]
fn binary_data_is_refused() {
    let error =
        parse_page(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &PageOptions::default()).expect_err("refused");
    assert_eq!(
        (error.kind, error.line, error.column),
        (PageErrorKind::Utf8, 1, 1)
    );
    let error = parse_page(b"title\n\0\0\0\0", &PageOptions::default()).expect_err("refused");
    assert_eq!(
        (error.kind, error.line, error.column),
        (PageErrorKind::Binary, 2, 1)
    );
    assert_eq!(
        error.to_string(),
        "line 2, column 1: expected text, found a NUL byte (binary data)"
    );
}

#[test]
fn invalid_utf8_is_refused_at_the_first_bad_byte() {
    let mut bytes = text(&good()).into_bytes();
    let at = text(&good()).find("Ý thứ hai").expect("present") + "Ý thứ ".len();
    bytes[at] = 0xFF;
    let error = parse_page(&bytes, &PageOptions::default()).expect_err("refused");
    assert_eq!(
        (error.kind, error.line, error.column),
        (PageErrorKind::Utf8, 4, 11)
    );
    // Latin-1 text: the first non-ASCII byte.
    let error = parse_page(b"Ti\xEAu \xF0\xE8", &PageOptions::default()).expect_err("refused");
    assert_eq!(
        (error.kind, error.line, error.column),
        (PageErrorKind::Utf8, 1, 3)
    );
}

#[test]
fn a_lone_carriage_return_inside_a_line_is_refused() {
    let error = refuse(&with_line(9, "old\rmac"));
    assert_eq!(
        (error.line, error.column, error.kind),
        (9, 4, PageErrorKind::Structure)
    );
}

#[test]
fn a_page_without_headline_is_refused() {
    let page = text(&good()[2..]);
    let error = assert_refused(
        &page,
        1,
        PageErrorKind::Structure,
        "the headline (the first non-blank line) before the bullets",
    );
    assert_eq!(error.column, 3);
    assert_eq!(error.found, "`• Ý thứ nhất`");
}

#[test]
fn a_page_without_bullets_is_refused() {
    let page = with_line(3, "").replace("  • Ý thứ hai\n", "");
    assert_refused(&page, 4, PageErrorKind::Structure, BULLET_BEFORE_SUMMARY);
    // A text line where the first bullet should be.
    assert_refused(
        &with_line(3, "Trung Quốc đang đẩy mạnh"),
        3,
        PageErrorKind::Structure,
        FIRST_BULLET,
    );
}

#[test]
fn malformed_bullets_are_refused() {
    assert_refused(
        &with_line(4, "  • "),
        4,
        PageErrorKind::Structure,
        BULLET_TEXT,
    );
    assert_refused(&with_line(4, "•"), 4, PageErrorKind::Structure, BULLET_TEXT);
    assert_refused(
        &with_line(4, "•Ý thứ hai"),
        4,
        PageErrorKind::Structure,
        BULLET_SPACE,
    );
    assert_refused(
        &with_line(4, "- Ý thứ hai"),
        4,
        PageErrorKind::Structure,
        BULLET_OR_SUMMARY,
    );
}

#[test]
fn a_page_without_summary_is_refused() {
    let error = assert_refused(
        &with_line(6, ""),
        7,
        PageErrorKind::Structure,
        BULLET_OR_SUMMARY,
    );
    assert_eq!(error.found, "`https://www.example.com/tin/bai-viet-12345`");
    assert_refused(
        &with_line(6, "📌  "),
        6,
        PageErrorKind::Structure,
        SUMMARY_TEXT,
    );
}

#[test]
fn a_page_without_source_url_is_refused() {
    let error = assert_refused(&with_line(8, ""), 8, PageErrorKind::Structure, SOURCE_URL);
    assert_eq!(
        error.to_string(),
        "line 8: expected the source URL (an absolute http or https URL), found `The source title of the article`"
    );
    for bad in [
        "ftp://example.com/x",
        "www.example.com/tin/1",
        "/tin/1",
        "https://",
        "https://a.example/x y",
        "javascript:alert(1)",
    ] {
        assert_refused(&with_line(8, bad), 8, PageErrorKind::Structure, SOURCE_URL);
    }
}

#[test]
fn a_source_title_or_subtitle_that_is_the_attachments_line_is_refused() {
    let page = text(
        &[&GOOD[..8], &GOOD[12..]]
            .concat()
            .iter()
            .map(|l| (*l).to_owned())
            .collect::<Vec<_>>(),
    );
    assert_refused(&page, 9, PageErrorKind::Structure, SOURCE_TITLE);
    let page = with_line(10, "").replace(
        "First paragraph of the text.\nSecond paragraph of the text.\n",
        "",
    );
    assert_refused(&page, 10, PageErrorKind::Structure, SOURCE_SUBTITLE);
}

#[test]
fn a_page_without_attachments_line_is_refused_at_its_count() {
    let error = assert_refused(
        &with_line(13, ""),
        13,
        PageErrorKind::Structure,
        ATTACHMENTS_BEFORE_COUNT,
    );
    assert_eq!(error.found, "`10`");
    // Nothing that even looks like the end: refused where the page ends.
    let page = text(&good()[..12]);
    assert_refused(&page, 12, PageErrorKind::Truncated, ATTACHMENTS_LINE);
}

#[test]
fn malformed_attachment_blocks_are_refused() {
    assert_refused(
        &with_line(13, "File đính kèm:"),
        14,
        PageErrorKind::Structure,
        FIRST_ATTACHMENT,
    );
    assert_refused(
        &with_line(13, "File đính kèm:\n• a.pdf"),
        14,
        PageErrorKind::Structure,
        crate::attachments::EXPECTED_LINE,
    );
    assert_refused(
        &with_line(
            13,
            "File đính kèm:\n• a.pdf - https://cdn.example/a.pdf\na.pdf - https://cdn.example/b.pdf",
        ),
        15,
        PageErrorKind::Structure,
        ATTACHMENT_OR_COUNT,
    );
    assert_refused(
        &with_line(13, "File đính kèm:\n•a.pdf - https://cdn.example/a.pdf"),
        14,
        PageErrorKind::Structure,
        BULLET_SPACE,
    );
    // After "no attachments", an attachment line is not the count.
    assert_refused(
        &with_line(14, "• a.pdf - https://cdn.example/a.pdf\n10"),
        14,
        PageErrorKind::Structure,
        COUNT,
    );
}

#[test]
fn a_count_that_is_not_a_number_is_refused() {
    let error = assert_refused(&with_line(14, "mười"), 14, PageErrorKind::Structure, COUNT);
    assert_eq!(
        error.to_string(),
        "line 14: expected the discussion count (digits, optionally with . or , thousands separators), found `mười`"
    );
    for bad in ["-1", "10 bình luận", "1 234", "1e3", "Thảo luận"] {
        assert_refused(&with_line(14, bad), 14, PageErrorKind::Structure, COUNT);
    }
}

#[test]
fn a_badly_grouped_or_too_large_count_is_refused() {
    for bad in ["1.23", "1,5", "12.34.567", "1.234,567", "0.123"] {
        assert_refused(
            &with_line(14, bad),
            14,
            PageErrorKind::Structure,
            COUNT_GROUPS,
        );
    }
    assert_refused(
        &with_line(14, "4294967296"),
        14,
        PageErrorKind::Structure,
        COUNT_MAX,
    );
}

#[test]
fn a_page_without_thao_luan_is_refused() {
    let error = assert_refused(&with_line(15, ""), 15, PageErrorKind::Structure, DISCUSSION);
    assert!(error.found.starts_with("`© Sóng AI"), "{}", error.found);
    assert_refused(
        &with_line(15, "Thảo luận (10)"),
        15,
        PageErrorKind::Structure,
        DISCUSSION,
    );
}

#[test]
fn a_page_without_footer_is_refused() {
    assert_refused(&text(&good()[..15]), 15, PageErrorKind::Truncated, FOOTER);
    assert_refused(
        &with_line(16, "Sóng AI - Tóm tắt tin"),
        16,
        PageErrorKind::Structure,
        FOOTER,
    );
    assert_refused(
        &with_line(16, "© "),
        16,
        PageErrorKind::Structure,
        FOOTER_NAME,
    );
}

#[test]
fn text_after_the_footer_is_refused() {
    let page = format!("{}\n\nQuảng cáo\n", text(&good()));
    let error = assert_refused(&page, 19, PageErrorKind::Structure, END);
    assert_eq!(error.found, "`Quảng cáo`");
}

#[test]
fn a_page_cut_short_is_refused_where_it_ends_with_what_comes_next() {
    let expected_after = [
        HEADLINE,          // nothing
        FIRST_BULLET,      // headline
        FIRST_BULLET,      // blank
        BULLET_OR_SUMMARY, // bullet 1
        BULLET_OR_SUMMARY, // bullet 2
        BULLET_OR_SUMMARY, // blank
        SOURCE_URL,        // summary
        SOURCE_URL,        // blank
        SOURCE_TITLE,      // url
        SOURCE_SUBTITLE,   // title
        ATTACHMENTS_LINE,  // subtitle
        ATTACHMENTS_LINE,  // paragraph 1
        ATTACHMENTS_LINE,  // paragraph 2
        COUNT,             // attachments line
        DISCUSSION,        // count
        FOOTER,            // Thảo luận
    ];
    for (kept, expected) in expected_after.iter().enumerate() {
        let page = text(&good()[..kept]);
        let page = if kept == 0 { String::new() } else { page };
        let error = refuse(&page);
        let kind = if kept == 0 {
            PageErrorKind::Empty
        } else {
            PageErrorKind::Truncated
        };
        let line = u64::try_from(kept.max(1)).expect("small");
        assert_eq!(
            (error.line, error.kind, error.expected.as_str()),
            (line, kind, *expected),
            "after {kept} lines"
        );
        if kept > 0 {
            assert_eq!(error.found, "the end of the page");
            let last = GOOD[kept - 1].chars().count() as u64;
            assert_eq!(error.column, last + 1, "after {kept} lines");
        }
    }
    // Cut inside a multi-byte character.
    let full = text(&good());
    let cut = full.find("Thảo").expect("present") + 3;
    let error = parse_page(&full.as_bytes()[..cut], &PageOptions::default()).expect_err("refused");
    assert_eq!(
        (error.kind, error.line, error.column),
        (PageErrorKind::Utf8, 15, 3)
    );
}
