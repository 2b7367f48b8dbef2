use articlekit_page::{PageErrorKind, PageOptions, parse_page};

use crate::{fixture, read};

use PageErrorKind::{Binary, Empty, Structure, Truncated, Utf8};

/// Every file in `fixtures/pages-bad/`: the line it must be refused at, the
/// kind of error, and a phrase of what was expected.
const BAD_PAGES: &[(&str, u64, PageErrorKind, &str)] = &[
    ("bad-attachment.txt", 25, Structure, "attachment line"),
    ("binary-png.txt", 1, Utf8, "UTF-8 text"),
    ("blank-lines-only.txt", 4, Empty, "the headline"),
    (
        "bullet-without-space.txt",
        7,
        Structure,
        "a space after the bullet sign",
    ),
    (
        "count-badly-grouped.txt",
        26,
        Structure,
        "thousands separators every three digits",
    ),
    (
        "count-not-a-number.txt",
        26,
        Structure,
        "the discussion count (digits",
    ),
    ("count-too-large.txt", 26, Structure, "at most 4294967295"),
    (
        "cr-line-endings.txt",
        1,
        Structure,
        "LF or CRLF line endings",
    ),
    ("empty-summary.txt", 11, Structure, "the summary's text"),
    ("empty.txt", 1, Empty, "the headline"),
    ("footer-without-copyright.txt", 30, Structure, "the footer"),
    ("invalid-utf8.txt", 7, Utf8, "UTF-8 text"),
    (
        "no-attachments-line.txt",
        24,
        Structure,
        "the attachments line",
    ),
    ("no-bullet.txt", 5, Structure, "at least one bullet line"),
    ("no-footer.txt", 28, Truncated, "the footer"),
    ("no-headline.txt", 1, Structure, "the headline"),
    ("no-summary.txt", 11, Structure, "the summary line"),
    ("no-thao-luan.txt", 28, Structure, "the line `Thảo luận`"),
    ("no-url.txt", 13, Structure, "the source URL"),
    ("nul-bytes.txt", 31, Binary, "text"),
    ("relative-url.txt", 13, Structure, "the source URL"),
    (
        "text-after-footer.txt",
        32,
        Structure,
        "the end of the page after the footer",
    ),
    ("truncated.txt", 22, Truncated, "the attachments line"),
    ("utf16.txt", 1, Utf8, "UTF-8 text"),
];

#[test]
fn every_bad_page_is_refused_at_its_line() {
    for (name, line, kind, phrase) in BAD_PAGES {
        let error = parse_page(&read(&format!("pages-bad/{name}")), &PageOptions::default())
            .err()
            .unwrap_or_else(|| panic!("{name} was accepted"));
        assert_eq!((error.line, error.kind), (*line, *kind), "{name}: {error}");
        assert!(error.expected.contains(phrase), "{name}: {error}");
    }
}

#[test]
fn every_file_in_pages_bad_is_listed() {
    let dir = fixture("pages-bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures/pages-bad exists")
        .map(|entry| {
            entry
                .expect("readable")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| {
            std::path::Path::new(name)
                .extension()
                .is_some_and(|e| e == "txt")
        })
        .collect();
    names.sort();
    let listed: Vec<&str> = BAD_PAGES.iter().map(|(name, ..)| *name).collect();
    assert_eq!(names, listed, "add new bad pages to BAD_PAGES (sorted)");
}

#[test]
fn bad_page_messages_snapshot() {
    let messages: Vec<String> = BAD_PAGES
        .iter()
        .map(|(name, ..)| {
            let error = parse_page(&read(&format!("pages-bad/{name}")), &PageOptions::default())
                .err()
                .map_or_else(|| "accepted".to_owned(), |e| e.to_string());
            format!("{name}: {error}")
        })
        .collect();
    insta::assert_snapshot!("bad_page_messages", messages.join("\n"));
}
