//! The fast path against the full path, record by record: every fixture,
//! generated batches with every planted fault and edge, and hand-written
//! edge cases. Verdicts, errors (messages and locations), ids, articles
//! and dates must be equal; and the fast path must take most valid records
//! (a fast path that refuses everything would pass the rest trivially).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use articlekit_gen::{Batch, BatchConfig, Kinds};
use articlekit_read::{Format, Item, ReadOptions, Record, from_reader, open};

use super::FastPath;
use crate::checker::{Checked, Checker};

fn checkers() -> (Checker, Checker) {
    let fast = Checker::new().expect("schema");
    assert!(
        fast.has_fast_path(),
        "every keyword of the schema has a fast-path rule"
    );
    (fast, Checker::new().expect("schema").with_fast_path(false))
}

fn records(bytes: &[u8], format: Format) -> Vec<Record> {
    let source = Box::new(Cursor::new(bytes.to_vec()));
    from_reader(source, "batch".into(), format, &ReadOptions::default())
        .filter_map(|item| match item {
            Ok(Item::Record(record)) => Some(record),
            _ => None,
        })
        .collect()
}

fn file_records(path: &Path) -> Vec<Record> {
    let Ok(reader) = open(path, &ReadOptions::default()) else {
        return Vec::new();
    };
    reader
        .filter_map(|item| match item {
            Ok(Item::Record(record)) => Some(record),
            _ => None,
        })
        .collect()
}

/// What must be equal between the paths.
fn outcome(checked: &Checked) -> String {
    format!(
        "valid {} id {:?} article {:?} dates {:?} value {:?} errors {:?}",
        checked.is_valid(),
        checked.id(),
        checked.article,
        checked.dates,
        checked.value,
        checked.errors
    )
}

/// Checks both record lists with both checkers (articles built and not);
/// returns how many the fast path accepted of those the full path found valid.
fn compare(fast_records: Vec<Record>, full_records: Vec<Record>, what: &str) -> (usize, usize) {
    let (fast, full) = checkers();
    let raws: Vec<Vec<u8>> = fast_records
        .iter()
        .map(|r| r.raw.bytes().map(<[u8]>::to_vec).unwrap_or_default())
        .collect();
    let (mut accepted, mut valid) = (0, 0);
    for ((a, b), raw) in fast_records.into_iter().zip(full_records).zip(&raws) {
        let index = a.index;
        let by_fast = fast.check_building(a, true);
        let by_full = full.check_building(b, true);
        assert_eq!(
            outcome(&by_fast),
            outcome(&by_full),
            "{what}, record {index}: {}",
            String::from_utf8_lossy(raw)
        );
        if by_full.is_valid() {
            valid += 1;
            if by_fast.fast {
                accepted += 1;
            }
        }
    }
    (accepted, valid)
}

fn compare_bytes(bytes: &[u8], format: Format, what: &str) -> (usize, usize) {
    let (a, b) = (records(bytes, format), records(bytes, format));
    // Without articles too (what `validate` runs).
    let (fast, full) = checkers();
    for (a, b) in records(bytes, format)
        .into_iter()
        .zip(records(bytes, format))
    {
        let index = a.index;
        let (x, y) = (fast.check_building(a, false), full.check_building(b, false));
        assert_eq!(
            outcome(&x),
            outcome(&y),
            "{what} (no articles), record {index}"
        );
    }
    compare(a, b, what)
}

#[test]
fn fast_and_full_paths_agree_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("ndjson" | "json" | "csv" | "txt")
            ) {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 30, "{}", files.len());
    let (mut accepted, mut valid) = (0, 0);
    for file in &files {
        let (a, v) = compare(
            file_records(file),
            file_records(file),
            &file.display().to_string(),
        );
        accepted += a;
        valid += v;
    }
    assert!(
        valid > 50 && accepted * 10 >= valid * 9,
        "{accepted} of {valid}"
    );
}

#[test]
fn fast_and_full_paths_agree_on_generated_batches_with_every_fault() {
    for (seed, kinds) in [(1, Kinds::All), (2, Kinds::SchemaOnly), (3, Kinds::All)] {
        let config = BatchConfig {
            count: 600,
            seed,
            broken_ppm: 500_000,
            edge_ppm: 300_000,
            kinds,
        };
        let mut bytes = Vec::new();
        for record in Batch::new(config) {
            bytes.extend_from_slice(&record.bytes);
            bytes.push(b'\n');
        }
        let (accepted, valid) = compare_bytes(&bytes, Format::Ndjson, &format!("seed {seed}"));
        // Edge records the fast path leaves to the full path (`10.0`, an
        // IPv6 host) are a few percent.
        assert!(
            valid > 200 && accepted * 10 >= valid * 8,
            "{accepted} of {valid}"
        );
    }
}

/// A valid record with `metadata` fields replaced by `fields`.
fn with_metadata(fields: &str) -> String {
    format!(
        r#"{{"metadata":{{"id":"a-1","title":"T","language":"vi"{fields}}},"summary":"S","bullets":["B"],"discussion_count":0}}"#
    )
}

#[test]
fn fast_and_full_paths_agree_on_edge_cases() {
    let mut lines = vec![
        // Date-time spellings validators disagree on.
        with_metadata(r#","published_at":"2016-12-31T23:59:60Z""#),
        with_metadata(r#","published_at":"2025-07-20T23:59:60Z""#),
        with_metadata(r#","published_at":"2025-07-20T16:59:60-07:00""#),
        with_metadata(r#","published_at":"2025-07-20T12:00:60Z""#),
        with_metadata(r#","published_at":"2025-07-20t08:00:00z""#),
        with_metadata(r#","published_at":"2025-07-20T08:00:00+0700""#),
        with_metadata(r#","published_at":"2025-07-20 08:00:00+07:00""#),
        with_metadata(r#","published_at":"2025-07-20T08:00:00.123456789123+07:00""#),
        with_metadata(r#","published_at":"2025-07-20T08:00:00+24:00""#),
        with_metadata(
            r#","published_at":"2024-02-29T08:00:00Z","updated_at":"2024-02-29T07:00:00Z""#,
        ),
        with_metadata(
            r#","published_at":"2024-02-29T08:00:00+01:00","updated_at":"2024-02-29T07:00:00Z""#,
        ),
        // Nulls, repeats, escapes.
        with_metadata(r#","url":null"#),
        with_metadata(r#","tags":null"#),
        with_metadata(r#","title":"U""#),
        with_metadata(r#","\u0074itle":"U""#),
        with_metadata(r#","tags":["a","\u0061"]"#),
        with_metadata(r#","tags":["a","A","a "]"#),
        with_metadata(r#","tags":[]"#),
        with_metadata(r#","authors":[]"#),
        with_metadata(r#","url":"https://[::1]:8080/x""#),
        with_metadata(r#","url":"https://\u00e9.vn/x""#),
        with_metadata(r#","url":"https://é.vn/x""#),
        with_metadata(r#","url":"https://a.vn/x y""#),
        with_metadata(r#","url":"https://a.vn/\u0000""#),
        with_metadata(r#","url":"https://a.vn/%zz""#),
        with_metadata(r#","url":"https:// a.vn""#),
        with_metadata(r#","url":"https://\u3000a.vn""#),
        with_metadata(r#","language":"en-""#),
        with_metadata(r#","language":"en-US\n""#),
        with_metadata(r#","title":"\ud83d\ude00""#),
        with_metadata(r#","title":"\ud800""#),
        with_metadata(r#","title":" \u00a0\u3000""#),
        with_metadata(r#","title":"a\u2028b""#),
        with_metadata(r#","source":{"url":"https://a.vn","text":"a\r\n\tb"}"#),
        with_metadata(r#","source":{"url":"https://a.vn","text":"a\u000bb"}"#),
        with_metadata(r#","publisher":{"name":"P","tagline":""}"#),
    ];
    for count in [
        "10.0",
        "1e1",
        "-0",
        "0",
        "4294967295",
        "4294967296",
        "-1",
        "1.5",
        "\"1\"",
        "1e400",
        "18446744073709551616",
    ] {
        lines.push(format!(
            r#"{{"metadata":{{"id":"n","title":"T","language":"vi"}},"summary":"S","bullets":["B"],"discussion_count":{count}}}"#
        ));
        lines.push(format!(
            r#"{{"metadata":{{"id":"m","title":"T","language":"vi"}},"summary":"S","bullets":["B"],"attachments":[{{"name":"n","url":"https://a.b","size_bytes":{count}}}],"discussion_count":0}}"#
        ));
    }
    for media in [
        "application/pdf",
        "a/b/c",
        "image / png",
        "x/-",
        "application/vnd.a+json",
    ] {
        lines.push(format!(
            r#"{{"metadata":{{"id":"p","title":"T","language":"vi"}},"summary":"S","bullets":["B"],"attachments":[{{"name":"n","url":"https://a.b","media_type":"{media}"}}],"discussion_count":0}}"#
        ));
    }
    lines.push(r#"{"metadata":{"id":"a","title":"T","language":"vi"},"summary":"S","bullets":["B"],"discussion_count":0} x"#.to_owned());
    lines.push(r#"{"metadata":{"id":"a","title":"T","language":"vi"},"summary":"S","bullets":["B"],"discussion_count":0,"discussion_count":1}"#.to_owned());
    let mut text = String::new();
    for (n, line) in lines.iter().enumerate() {
        // Distinct ids, so that the duplicate rule does not mix in (it is the pipeline's).
        text.push_str(&line.replacen("\"id\":\"", &format!("\"id\":\"r{n}"), 1));
        text.push('\n');
    }
    let (accepted, valid) = compare_bytes(text.as_bytes(), Format::Ndjson, "edge cases");
    assert!(accepted > 10 && valid > accepted, "{accepted} of {valid}");
    // The same records as one JSON array.
    let array = format!("[{}]", text.trim_end().replace('\n', ",\n"));
    compare_bytes(array.as_bytes(), Format::Json, "edge cases as a JSON array");
}

#[test]
fn the_value_limit_is_the_full_paths() {
    let line = with_metadata(r#","tags":["a","b","c"]"#);
    let path = FastPath::from_schema(&articlekit_model::schema()).expect("fast path");
    // Root, metadata, id, title, language, tags and 3 tags, summary, bullets and 1 bullet, count: 13.
    assert!(path.check_text(&line, true, 13).is_some());
    assert!(path.check_text(&line, true, 12).is_none());
    assert!(crate::strict::from_str(&line, 13).is_ok());
    assert!(crate::strict::from_str(&line, 12).is_err());
}

/// `sonic-rs` reads the text on the fast path; whatever it accepts,
/// `serde_json` (the full path's parser) must accept too, as the same
/// article. Syntax that JSON parsers are known to differ on:
#[test]
fn sonic_rs_accepts_no_text_serde_json_refuses() {
    let path = FastPath::from_schema(&articlekit_model::schema()).expect("fast path");
    let good = r#"{"metadata":{"id":"a","title":"T","language":"vi"},"summary":"S","bullets":["B"],"discussion_count":7}"#;
    let mut texts: Vec<String> = Vec::new();
    for summary in [
        "S\tx",
        "S\nx",
        "S\rx",
        "S\u{1}x",
        "S\u{7f}x",
        r"S\x41",
        r"S\'",
        r"S\U0041",
        r"S\u004",
        r"S\u00zz",
        r"S\/x",
        r"S\u0041",
        r"S\ud83d\ude00",
        r"S\ud800",
        r"S\udc00x",
        r"S\\ud800",
        "S\u{2028}",
    ] {
        texts.push(good.replace(r#""summary":"S""#, &format!(r#""summary":"{summary}""#)));
    }
    for count in [
        "01",
        "00",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "1e+",
        "0x10",
        "NaN",
        "Infinity",
        "1_0",
        "7 7",
        "99999999999999999999",
        "4294967295",
        "07",
        "-0",
        "1E1",
        "7,",
    ] {
        texts.push(good.replace(":7}", &format!(":{count}}}")));
    }
    for (from, to) in [
        ("{", "{,"),
        ("]", ",]"),
        (":7}", ":7,}"),
        ("{", " \u{b}{"),
        ("{", "\u{c}{"),
        ("{", "\u{a0}{"),
        ("{", "\u{feff}{"),
        (":7}", ":7}\u{0}"),
        (":7}", ":7} x"),
        (":7}", ":7}}"),
        (":7}", ":7}\t\r\n "),
        ("\"summary\"", "summary"),
        ("\"summary\"", "'summary'"),
        ("\"S\"", "'S'"),
        (":7}", ":7/**/}"),
        ("\"bullets\":[\"B\"]", "\"bullets\":[\"B\",]"),
        ("\"summary\"", "\"summ\\u0061ry\""),
        (
            "\"summary\":\"S\",",
            "\"summary\":\"S\",\"summ\\u0061ry\":\"S\",",
        ),
        ("\"id\":\"a\"", "\"id\":\"a\",\"i\\u0064\":\"b\""),
        (":7}", ":true}"),
        (":7}", ":tru}"),
        ("\"vi\"", "\"vi\"\u{1}"),
    ] {
        texts.push(good.replacen(from, to, 1));
    }
    let mut accepted = 0;
    for text in &texts {
        let by_sonic = path.check_text(text, true, usize::MAX);
        let by_serde = path.check_text_serde(text, true, usize::MAX);
        if by_sonic.is_some() {
            accepted += 1;
            assert_eq!(by_sonic, by_serde, "{text}");
        }
        // And the record's verdict is the full path's.
        let (fast, full) = checkers();
        let a = records(format!("{text}\n").as_bytes(), Format::Ndjson);
        let b = records(format!("{text}\n").as_bytes(), Format::Ndjson);
        for (a, b) in a.into_iter().zip(b) {
            assert_eq!(outcome(&fast.check(a)), outcome(&full.check(b)), "{text}");
        }
    }
    assert!(accepted >= 5, "{accepted}");
}

/// The date-time spellings of docs/validation.md, with the verdict the
/// table there gives, on both paths; and whether the date is parsed.
#[test]
fn date_time_edge_cases_as_documented() {
    let (fast, full) = checkers();
    for (date, valid, parsed) in [
        ("2016-12-31T23:59:60Z", true, true),
        ("2025-07-20T16:59:60-07:00", true, true),
        ("2025-07-20T12:00:60Z", false, false),
        ("2025-07-20T23:59:60Z", true, true),
        ("2025-07-20t08:00:00z", true, true),
        ("2025-07-20T08:00:00+0700", false, false),
        ("2025-07-20 08:00:00+07:00", false, false),
        ("2025-07-20T08:00:00+24:00", false, false),
        ("2025-07-20T08:00:00.123456789123+07:00", true, true),
    ] {
        let line = format!(
            "{}\n",
            with_metadata(&format!(r#","published_at":"{date}""#))
        );
        for checker in [&fast, &full] {
            let checked = checker.check(records(line.as_bytes(), Format::Ndjson).remove(0));
            assert_eq!(checked.is_valid(), valid, "{date}: {:?}", checked.errors);
            if valid {
                assert_eq!(checked.dates.published.is_some(), parsed, "{date}");
            }
        }
    }
}
