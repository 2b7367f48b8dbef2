//! The adversarial corpus `fixtures/bad/` (see its README): every file's
//! `validate` report, as text and as JSON, snapshotted with its exit code;
//! every error's line and column checked against the text it points at;
//! and the big inputs (a 20 MB line, 200,000 `[`, a page of 100,000
//! bullets, a million newlines), generated into a temporary directory at
//! test time, through `validate`, `import` and `export`.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::{articlekit, outcome, root, run};

/// `(file, extra arguments, exit code)` of every small file of the corpus.
const CASES: &[(&str, &[&str], i32)] = &[
    ("invalid-utf8.ndjson", &[], 1),
    ("bom.ndjson", &[], 0),
    ("bom-middle.ndjson", &[], 1),
    ("blank-lines.ndjson", &[], 0),
    ("only-newlines.ndjson", &[], 0),
    ("empty.ndjson", &[], 0),
    ("empty.json", &[], 1),
    ("truncated.ndjson", &[], 1),
    ("oversize.ndjson", &["--max-record-bytes", "2048"], 1),
    ("deep-nesting.ndjson", &[], 1),
    ("numbers.ndjson", &[], 1),
    ("surrogates.ndjson", &[], 1),
    ("duplicate-keys.ndjson", &[], 1),
    ("duplicate-keys.json", &[], 1),
    ("not-an-object.ndjson", &[], 1),
    ("not-an-object.json", &[], 1),
    ("utf16le-bom.ndjson", &[], 2),
    ("utf16be-bom.ndjson", &[], 2),
    ("utf16le.ndjson", &[], 2),
    ("ragged.csv", &[], 1),
    ("unclosed-quote.csv", &[], 1),
    ("no-final-newline.ndjson", &[], 1),
    ("wrong-cells.xlsx", &[], 1),
    ("bad-header.xlsx", &[], 2),
];

/// Both reports of `validate ARGS FILES` as one text, exit codes asserted.
fn reports(args: &[&str], files: &[&str], code: i32) -> String {
    let mut snapshot = String::new();
    for report in ["text", "json"] {
        let mut all = vec!["validate", "--report", report];
        all.extend_from_slice(args);
        all.extend_from_slice(files);
        let (got, stdout, stderr) = run(&all);
        assert_eq!(got, code, "{all:?}: {stdout}{stderr}");
        let stdout = if report == "json" {
            let value: Value = serde_json::from_str(&stdout).expect("one JSON document");
            serde_json::to_string_pretty(&value).expect("JSON") + "\n"
        } else {
            stdout
        };
        let _ = write!(
            snapshot,
            "$ articlekit {}\nexit {got}\n--- stdout\n{stdout}--- stderr\n{stderr}\n",
            all.join(" ")
        );
    }
    snapshot
}

#[test]
fn every_file_of_the_corpus_is_reported_as_expected() {
    for &(file, args, code) in CASES {
        let path = format!("fixtures/bad/{file}");
        let snapshot = reports(args, &[&path], code);
        insta::assert_snapshot!(file.replace(['.', '-'], "_"), snapshot);
    }
}

#[test]
fn a_missing_file_and_a_directory_are_reported_and_the_run_goes_on() {
    let snapshot = reports(
        &[],
        &[
            "fixtures/bad/missing.ndjson",
            "fixtures/bad",
            "fixtures/bad/bom.ndjson",
        ],
        2,
    );
    assert!(snapshot.contains("2 records: 2 valid, 0 invalid (2 errors)"));
    insta::assert_snapshot!(snapshot);
}

/// `(file, record, keyword, text at the error's line and column)`: "" is the end of the line.
const LOCATIONS: &[(&str, u64, &str, &str)] = &[
    ("invalid-utf8.ndjson", 2, "utf8", "\u{FFFD}u đề"),
    ("invalid-utf8.ndjson", 3, "utf8", "\u{FFFD}.\""),
    ("bom-middle.ndjson", 2, "parse", "\u{FEFF}{\"metadata\""),
    // The last character read before the input ends.
    ("truncated.ndjson", 2, "parse", "t"),
    (
        "oversize.ndjson",
        2,
        "size",
        "{\"metadata\":{\"id\":\"o-2\"",
    ),
    // The 128th nested array or object is the one refused.
    ("deep-nesting.ndjson", 1, "parse", "[[[["),
    ("deep-nesting.ndjson", 2, "parse", "{\"a\":{\"a\":"),
    ("deep-nesting.ndjson", 3, "parse", "[\"x\"]"),
    ("deep-nesting.ndjson", 4, "type", "[[[["),
    ("numbers.ndjson", 1, "parse", "1e400}"),
    ("numbers.ndjson", 4, "minimum", "-1}"),
    ("numbers.ndjson", 5, "type", "1.5}"),
    ("numbers.ndjson", 6, "maximum", "4294967296}"),
    ("numbers.ndjson", 7, "maximum", "18446744073709551616}"),
    ("numbers.ndjson", 8, "parse", "1e400}]"),
    ("numbers.ndjson", 10, "maximum", "9007199254740992}]"),
    ("numbers.ndjson", 12, "parse", "-1e400}"),
    ("surrogates.ndjson", 1, "parse", "\\ud800 đề"),
    ("surrogates.ndjson", 2, "parse", "\\udc00 đề"),
    ("surrogates.ndjson", 3, "parse", "\\ud800\\u0041"),
    ("surrogates.ndjson", 5, "parse", "\\ud83d\"]"),
    (
        "duplicate-keys.ndjson",
        1,
        "duplicate-key",
        "\"title\":\"Hai\"",
    ),
    (
        "duplicate-keys.ndjson",
        2,
        "duplicate-key",
        "\"discussion_count\":5",
    ),
    (
        "duplicate-keys.ndjson",
        3,
        "duplicate-key",
        "\"url\":\"https://news.example/b.pdf\"",
    ),
    (
        "duplicate-keys.ndjson",
        4,
        "duplicate-key",
        "\"t\\u0069tle\":",
    ),
    (
        "duplicate-keys.json",
        1,
        "duplicate-key",
        "\"summary\": \"Tóm tắt khác.\"",
    ),
    ("not-an-object.ndjson", 1, "type", "[{\"metadata\""),
    ("not-an-object.ndjson", 2, "type", "\"Tiêu đề\""),
    ("not-an-object.ndjson", 3, "type", "42"),
    ("not-an-object.ndjson", 4, "type", "null"),
    ("not-an-object.ndjson", 5, "type", "{\"name\":\"A\"}"),
    ("not-an-object.json", 1, "type", "[{\"metadata\""),
    ("not-an-object.json", 3, "type", "\"x\""),
];

/// Each error's line and column point at the text the error is about, and
/// every error of the corpus's JSON and NDJSON files is in the table.
#[test]
fn every_error_points_at_its_fault() {
    let mut files: Vec<&str> = LOCATIONS.iter().map(|l| l.0).collect();
    files.dedup();
    for file in files {
        let path = format!("fixtures/bad/{file}");
        let args = if file == "oversize.ndjson" {
            vec![
                "validate",
                "--report",
                "json",
                "--max-record-bytes",
                "2048",
                &path,
            ]
        } else {
            vec!["validate", "--report", "json", &path]
        };
        let (_, stdout, _) = run(&args);
        let report: Value = serde_json::from_str(&stdout).expect("JSON");
        let bytes = fs::read(root().join(&path)).expect("fixture");
        let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
        let expected: Vec<_> = LOCATIONS.iter().filter(|l| l.0 == file).collect();
        let errors = report["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), expected.len(), "{file}: {errors:#?}");
        for (error, &&(_, record, keyword, text)) in errors.iter().zip(&expected) {
            assert_eq!(error["record"], record, "{file}: {error}");
            assert_eq!(error["keyword"], keyword, "{file}: {error}");
            let line = error["line"].as_u64().expect("line");
            let column = error["column"].as_u64().expect("column");
            let raw = lines[usize::try_from(line - 1).expect("usize")];
            // A BOM that starts an input is not counted in its first line's columns.
            let raw = if line == 1 {
                raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
            } else {
                raw
            };
            let skip = usize::try_from(column - 1).expect("usize");
            let at: String = String::from_utf8_lossy(raw).chars().skip(skip).collect();
            if text.is_empty() {
                assert!(
                    at.is_empty(),
                    "{file} {line}:{column}: `{at:.40}` is not the end"
                );
            } else {
                assert!(
                    at.starts_with(text),
                    "{file} {keyword} at {line}:{column}: `{at:.40}` does not start with `{text}`"
                );
            }
        }
    }
}

/// Numbers that are valid come out as the integers they stand for.
#[test]
fn minus_zero_and_exponents_are_read_as_the_integers_they_are() {
    let (code, stdout, _) = run(&["import", "fixtures/bad/numbers.ndjson"]);
    assert_eq!(code, 1);
    let got: Vec<(String, Value)> = stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON");
            let size = v["attachments"][0]["size_bytes"].clone();
            let n = if size.is_null() {
                v["discussion_count"].clone()
            } else {
                size
            };
            (
                v["metadata"]["id"].as_str().unwrap_or_default().to_owned(),
                n,
            )
        })
        .collect();
    let expected: Vec<(String, Value)> = [("n-2", 0), ("n-3", 0), ("n-9", 0), ("n-11", 1000)]
        .iter()
        .map(|(id, n)| ((*id).to_owned(), Value::from(*n)))
        .collect();
    assert_eq!(got, expected);
}

const RECORD: &str = r#"{"metadata":{"id":"ID","title":"Tiêu đề","language":"vi"},"summary":"Tóm tắt.","bullets":["Ý một"],"discussion_count":0}"#;

fn record(id: &str) -> String {
    RECORD.replace("ID", id)
}

/// A 20 MB line: refused as `size` without being held, copied to
/// invalid-out byte for byte, the records around it read and exported.
#[test]
fn a_20_mb_line_is_reported_and_the_records_around_it_go_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut huge = String::from(r#"{"metadata":{"id":"big","title":""#);
    huge.push_str(&"x".repeat(20_000_000));
    huge.push_str(r#"","language":"vi"},"summary":"S","bullets":["B"],"discussion_count":0}"#);
    let ndjson = dir.path().join("big.ndjson");
    let input = format!("{}\n{huge}\n{}\n", record("a"), record("b"));
    fs::write(&ndjson, &input).expect("write");
    let valid = dir.path().join("valid.ndjson");
    let invalid = dir.path().join("invalid.ndjson");
    let (code, stdout, _) = run(&[
        "validate",
        "--report",
        "json",
        "--valid-out",
        path(&valid),
        "--invalid-out",
        path(&invalid),
        path(&ndjson),
    ]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["summary"]["valid"], 2);
    let error = &report["errors"][0];
    assert_eq!(
        (error["line"].as_u64(), error["keyword"].as_str()),
        (Some(2), Some("size"))
    );
    assert_eq!(
        fs::read(&invalid).expect("invalid-out"),
        format!("{huge}\n").as_bytes()
    );
    assert_eq!(
        fs::read_to_string(&valid).expect("valid-out"),
        format!("{}\n{}\n", record("a"), record("b"))
    );

    // The same element in a JSON array, and as a CSV row (unquoted: the row
    // is skipped to its line end and reported as a `size` error, and the
    // rows after it are read on).
    let json = dir.path().join("big.json");
    fs::write(&json, format!("[{}, {huge}, {}]", record("a"), record("b"))).expect("write");
    let (code, stdout, _) = run(&["export", "--to", "jsonld", "--skip-invalid", path(&json)]);
    assert_eq!(code, 1);
    let graph: Value = serde_json::from_str(&stdout).expect("JSON-LD");
    assert_eq!(graph["@graph"].as_array().map(Vec::len), Some(2));
    let csv = dir.path().join("big.csv");
    let header = "metadata.id,metadata.title,metadata.language,summary,bullets,discussion_count";
    let row = "x".repeat(20_000_000);
    fs::write(
        &csv,
        format!("{header}\na,T,vi,S,B,1\nbig,{row},vi,S,B,1\n"),
    )
    .expect("write");
    let (code, stdout, _) = run(&["validate", "--report", "json", path(&csv)]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["summary"]["valid"], 1);
    assert_eq!(report["errors"][0]["keyword"], "size", "{report:#}");
    assert_eq!(report["errors"][0]["line"], 3);
}

/// 200,000 `[` (the benchmark runs ten million): refused at the 128th, as
/// NDJSON and as JSON, whose reader scans brackets without recursion.
#[test]
fn a_wall_of_brackets_is_refused_where_it_gets_too_deep() {
    let dir = tempfile::tempdir().expect("temp dir");
    let brackets = "[".repeat(200_000);
    for name in ["brackets.ndjson", "brackets.json"] {
        let file = dir.path().join(name);
        fs::write(&file, &brackets).expect("write");
        let (code, stdout, stderr) = run(&["validate", "--report", "json", path(&file)]);
        assert_eq!(code, 1, "{stderr}");
        let report: Value = serde_json::from_str(&stdout).expect("JSON");
        let error = &report["errors"][0];
        assert_eq!(error["keyword"], "parse");
        // The JSON reader takes the first `[` as the array of records.
        let column = if Path::new(name).extension().is_some_and(|e| e == "json") {
            129
        } else {
            128
        };
        assert_eq!(
            (error["line"].as_u64(), error["column"].as_u64()),
            (Some(1), Some(column))
        );
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains("at most 127")),
            "{error}"
        );
    }
}

/// A page of 100,000 bullets: one `maxItems` error at the bullets' line.
#[test]
fn a_page_of_100000_bullets_is_one_error_at_their_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = fs::read_to_string(root().join("fixtures/pages/000_b0960e193d69778f.txt"))
        .expect("seed page");
    let lines: Vec<&str> = seed.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.trim_start().starts_with('•'))
        .expect("bullets");
    let last = lines
        .iter()
        .rposition(|l| l.trim_start().starts_with('•'))
        .expect("bullets");
    let mut page: Vec<String> = lines[..first].iter().map(|l| (*l).to_owned()).collect();
    for k in 0..100_000 {
        page.push(format!("  • Ý số {k}: một ý ngắn."));
        page.push(String::new());
    }
    page.extend(lines[last + 1..].iter().map(|l| (*l).to_owned()));
    let file = dir.path().join("bullets.txt");
    fs::write(&file, page.join("\n")).expect("write");
    let (code, stdout, _) = run(&["validate", "--report", "json", path(&file)]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    let errors = report["errors"].as_array().expect("errors");
    // The error, and the note that only the first 1000 bullets were checked for the list.
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[1]["keyword"], "too-many-errors");
    assert_eq!(errors[0]["keyword"], "maxItems");
    assert_eq!(errors[0]["pointer"], "/bullets");
    assert_eq!(errors[0]["line"], first as u64 + 1);
    assert!(
        errors[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("100000 items")),
        "{}",
        errors[0]
    );
    let (code, stdout, stderr) = run(&[
        "export",
        "--to",
        "rss",
        "--channel",
        "fixtures/channel.toml",
        "--skip-invalid",
        path(&file),
    ]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("<channel>") && !stdout.contains("<item>"),
        "{stdout}"
    );
    assert!(stderr.contains("skipped 1 invalid record"), "{stderr}");
}

/// A million newlines: no record, nothing lost (valid-out gets every byte).
#[test]
fn a_million_newlines_are_no_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("newlines.ndjson");
    let valid = dir.path().join("valid.ndjson");
    fs::write(&file, "\n".repeat(1_000_000)).expect("write");
    let (code, stdout, _) = run(&["validate", "--valid-out", path(&valid), path(&file)]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "0 records: 0 valid, 0 invalid (0 errors)\n");
    assert_eq!(fs::read(&valid).expect("valid-out").len(), 1_000_000);
    let output = articlekit()
        .args(["import", "-"])
        .write_stdin("\n".repeat(1_000_000))
        .output()
        .expect("runs");
    let (code, stdout, _) = outcome(&output);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}
