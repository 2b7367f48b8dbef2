//! `articlekit validate`: reports, locations, quarantine split, bad input, exit codes.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::{articlekit, outcome, root, run};

/// The hand-made bad batch: one fault of each kind (see `fixtures/validate/README.md`).
const BAD: &str = "fixtures/validate/bad.ndjson";
const LIMIT: &str = "4096";

#[test]
fn text_report_of_the_bad_batch() {
    let (code, stdout, stderr) = run(&["validate", "--max-record-bytes", LIMIT, BAD]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "");
    insta::assert_snapshot!(stdout);
}

#[test]
fn json_report_of_the_bad_batch() {
    let (code, stdout, stderr) = run(&[
        "validate",
        "--max-record-bytes",
        LIMIT,
        "--report",
        "json",
        BAD,
    ]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "17 records: 2 valid, 15 invalid (16 errors)\n");
    let report: Value = serde_json::from_str(&stdout).expect("one JSON document");
    insta::assert_json_snapshot!(report);
}

#[test]
fn github_report_of_the_bad_batch() {
    let (code, stdout, _) = run(&[
        "validate",
        "--max-record-bytes",
        LIMIT,
        "--report",
        "github",
        BAD,
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn csv_and_json_inputs_are_located_by_row_column_name_and_line_column() {
    let (code, stdout, _) = run(&[
        "validate",
        "fixtures/validate/bad.csv",
        "fixtures/validate/bad.json",
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

/// Every error's line and column point at the text the error is about.
#[test]
fn locations_point_at_the_offending_value() {
    let (_, stdout, _) = run(&[
        "validate",
        "--max-record-bytes",
        LIMIT,
        "--report",
        "json",
        "--max-errors",
        "100",
        BAD,
    ]);
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    let bytes = std::fs::read(root().join(BAD)).expect("fixture");
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let expected = [
        ("type", "\"10\""),
        ("required", "{\"id\":\"a-3\""),
        ("additionalProperties", "\"titel\":"),
        ("format", "\"not a url\""),
        ("format", "\"2025-13-45 08:00\""),
        ("not", "\"Tiêu đề có ký tự\\u0007"),
        ("maxItems", "[\"Ý 0\""),
        ("duplicate-id", "\"a-1\",\"title\":\"Bài 8"),
        ("date-order", "\"2025-07-20T00:30:00Z\""),
        ("parse", "\"language\""),
        ("utf8", "\u{FFFD}u"),
        ("parse", "1e400"),
        ("maximum", "4294967296"),
        ("parse", "[[["),
        ("size", "{\"metadata\":{\"id\":\"a-15\""),
        ("parse", "b"),
    ];
    let errors = report["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), expected.len());
    for (error, (keyword, text)) in errors.iter().zip(expected) {
        assert_eq!(error["keyword"], keyword, "{error}");
        let line = usize::try_from(error["line"].as_u64().expect("line")).expect("usize") - 1;
        let column = usize::try_from(error["column"].as_u64().expect("column")).expect("usize") - 1;
        let line = lines[line]
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(lines[line]);
        let at: String = String::from_utf8_lossy(line).chars().skip(column).collect();
        assert!(
            at.starts_with(text),
            "{keyword} at {}:{}: `{at:.40}` does not start with `{text}`",
            error["line"],
            error["column"]
        );
    }
}

/// valid-out and invalid-out hold every input line exactly once, byte for
/// byte, each in input order; each is valid / invalid when checked again.
#[test]
fn quarantine_split_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let valid = dir.path().join("valid.ndjson");
    let invalid = dir.path().join("invalid.ndjson");
    let (code, _, _) = run(&[
        "validate",
        "--max-record-bytes",
        LIMIT,
        "--valid-out",
        valid.to_str().expect("path"),
        "--invalid-out",
        invalid.to_str().expect("path"),
        BAD,
    ]);
    assert_eq!(code, 1);
    let input = std::fs::read(root().join(BAD)).expect("fixture");
    let valid_bytes = std::fs::read(&valid).expect("valid-out");
    let invalid_bytes = std::fs::read(&invalid).expect("invalid-out");
    assert_eq!(
        valid_bytes.len() + invalid_bytes.len(),
        input.len(),
        "bytes"
    );

    let input_lines = lines(&input);
    let valid_lines = lines(&valid_bytes);
    let invalid_lines = lines(&invalid_bytes);
    // 2 valid records and the 2 blank lines; 15 invalid records.
    assert_eq!((valid_lines.len(), invalid_lines.len()), (4, 15));
    let mut together: Vec<&[u8]> = valid_lines.iter().chain(&invalid_lines).copied().collect();
    let mut expected = input_lines.clone();
    together.sort_unstable();
    expected.sort_unstable();
    assert!(
        together == expected,
        "valid-out + invalid-out are not the input's lines"
    );
    assert!(
        is_subsequence(&valid_lines, &input_lines),
        "valid-out is out of order"
    );
    assert!(
        is_subsequence(&invalid_lines, &input_lines),
        "invalid-out is out of order"
    );

    let again = |path: &std::path::Path| {
        run(&[
            "validate",
            "--max-record-bytes",
            LIMIT,
            path.to_str().expect("path"),
        ])
    };
    let (code, stdout, _) = again(&valid);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with("2 records: 2 valid, 0 invalid (0 errors)\n"),
        "{stdout}"
    );
    let (code, stdout, _) = again(&invalid);
    assert_eq!(code, 1);
    // Record 8 (a duplicate of record 1) is valid on its own.
    assert!(
        stdout.ends_with("15 records: 1 valid, 14 invalid (15 errors)\n"),
        "{stdout}"
    );
}

#[test]
fn quarantine_of_several_inputs_never_merges_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.ndjson");
    let b = dir.path().join("b.ndjson");
    let valid = dir.path().join("valid.ndjson");
    let record = |id: &str| {
        format!(
            r#"{{"metadata":{{"id":"{id}","title":"T","language":"vi"}},"summary":"S","bullets":["B"],"discussion_count":0}}"#
        )
    };
    std::fs::write(&a, record("a")).expect("write");
    std::fs::write(&b, format!("{}\n", record("b"))).expect("write");
    let (code, _, stderr) = run(&[
        "validate",
        "--valid-out",
        valid.to_str().expect("path"),
        a.to_str().expect("path"),
        b.to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&valid).expect("valid-out"),
        format!("{}\n{}\n", record("a"), record("b"))
    );
}

#[test]
fn json_and_csv_quarantine_as_ndjson() {
    let dir = tempfile::tempdir().expect("temp dir");
    let valid = dir.path().join("valid.ndjson");
    let invalid = dir.path().join("invalid.ndjson");
    let (code, _, _) = run(&[
        "validate",
        "--valid-out",
        valid.to_str().expect("path"),
        "--invalid-out",
        invalid.to_str().expect("path"),
        "fixtures/validate/bad.json",
        "fixtures/validate/bad.csv",
    ]);
    assert_eq!(code, 1);
    let valid = std::fs::read_to_string(&valid).expect("valid-out");
    let ids: Vec<String> = valid
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("JSON line")["metadata"]["id"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ["j-1", "c-1"]);
    let invalid = std::fs::read_to_string(&invalid).expect("invalid-out");
    let invalid: Vec<Value> = invalid
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(invalid.len(), 7);
    // A record that could not be parsed keeps its raw text.
    assert_eq!(invalid[2]["record"], 4);
    assert!(
        invalid[2]["raw"]
            .as_str()
            .is_some_and(|raw| raw.contains(r#"} "summary""#)),
        "{}",
        invalid[2]
    );
    // A parsed record is kept as it was, unknown fields included.
    assert_eq!(invalid[1]["extra"], true);
}

#[test]
fn every_error_streams_to_errors_out_without_a_cap() {
    let dir = tempfile::tempdir().expect("temp dir");
    let errors = dir.path().join("errors.ndjson");
    let (code, stdout, _) = run(&[
        "validate",
        "--max-record-bytes",
        LIMIT,
        "--report",
        "json",
        "--max-errors",
        "3",
        "--errors-out",
        errors.to_str().expect("path"),
        BAD,
    ]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(3));
    assert_eq!(report["summary"]["errors"], 16);
    let streamed: Vec<Value> = std::fs::read_to_string(&errors)
        .expect("errors-out")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(streamed.len(), 16);
    let keys: Vec<&str> = streamed[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "input", "line", "column", "record", "id", "pointer", "keyword", "message"
        ]
    );
}

#[test]
fn exit_code_is_0_when_all_records_are_valid() {
    let (code, stdout, _) = run(&["validate", "fixtures/articles.ndjson"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "60 records: 60 valid, 0 invalid (0 errors)\n");
}

#[test]
fn missing_files_and_directories_are_reported_and_the_run_goes_on() {
    let (code, stdout, stderr) = run(&[
        "validate",
        "fixtures/validate/none.ndjson",
        "fixtures/validate",
        "fixtures/articles.ndjson",
    ]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(stdout);
    assert_eq!(
        stderr,
        "error: 2 inputs could not be read: cannot open `fixtures/validate/none.ndjson`: No such file or directory (os error 2); `fixtures/validate` is a directory, not a file\n"
    );
}

#[test]
fn unknown_extensions_need_from() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("batch.data");
    std::fs::copy(root().join("fixtures/articles.ndjson"), &path).expect("copy");
    let path = path.to_str().expect("path");
    let (code, stdout, _) = run(&["validate", path]);
    assert_eq!(code, 2);
    assert!(stdout.contains("cannot tell the format"), "{stdout}");
    let (code, _, _) = run(&["validate", "--from", "ndjson", path]);
    assert_eq!(code, 0);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_, plain, _) = run(&["validate", "fixtures/validate/bad.json"]);
    assert!(!plain.contains('\x1b'), "piped output is not coloured");
    let (_, coloured, _) = run(&[
        "validate",
        "--color",
        "always",
        "fixtures/validate/bad.json",
    ]);
    assert!(
        coloured.contains("\x1b[1mfixtures/validate/bad.json:9:63:\x1b[0m record 2 (j-2)"),
        "{coloured}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["validate", "--report", "xml", BAD]).0, 2);
    assert_eq!(run(&["validate", "--no-such-flag"]).0, 2);
}

#[test]
fn refuses_to_overwrite_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.ndjson");
    std::fs::copy(root().join(BAD), &input).expect("copy");
    let before = std::fs::read(&input).expect("read");
    // The same file under another name.
    let other_name = dir.path().join(".").join("in.ndjson");
    for flag in ["--valid-out", "--invalid-out", "--errors-out"] {
        let (code, _, stderr) = run(&[
            "validate",
            flag,
            other_name.to_str().expect("path"),
            input.to_str().expect("path"),
        ]);
        assert_eq!(code, 2, "{flag}");
        assert!(stderr.contains("is one of the inputs"), "{stderr}");
    }
    let out = dir.path().join("out.ndjson");
    let out = out.to_str().expect("path");
    let (code, _, stderr) = run(&[
        "validate",
        "--valid-out",
        out,
        "--invalid-out",
        out,
        input.to_str().expect("path"),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("name the same file"), "{stderr}");
    assert_eq!(std::fs::read(&input).expect("read"), before);
}

#[test]
fn standard_input_and_deep_nesting() {
    let deep = format!("{}\n", "[".repeat(100_000));
    let output = articlekit()
        .args(["validate", "--report", "json"])
        .write_stdin(deep.clone())
        .output()
        .expect("runs");
    let (code, stdout, _) = outcome(&output);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["errors"][0]["input"], "<stdin>");
    assert_eq!(report["errors"][0]["keyword"], "parse");
    assert_eq!(report["errors"][0]["column"], 128);
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nested too deeply"))
    );

    // The same as a JSON document, whose elements are found without recursion.
    let deep = format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000));
    let output = articlekit()
        .args(["validate", "--from", "json", "-"])
        .write_stdin(deep)
        .output()
        .expect("runs");
    let (code, stdout, _) = outcome(&output);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("<stdin>:1:129: record 1: not valid JSON: nested too deeply"),
        "{stdout}"
    );
}

#[test]
fn oversize_lines_are_reported_without_reading_them_whole() {
    let line = format!("{{\"summary\":\"{}\"}}\n", "x".repeat(1 << 20));
    let output = articlekit()
        .args(["validate", "--max-record-bytes", "1000", "-"])
        .write_stdin(line.repeat(3))
        .output()
        .expect("runs");
    let (code, stdout, _) = outcome(&output);
    assert_eq!(code, 1);
    assert_eq!(
        stdout.matches("over the limit of 1000 bytes").count(),
        3,
        "{stdout}"
    );
}

/// A closed pipe stops the report, not the verdict: 200,000 invalid lines are exit 1.
#[test]
fn a_closed_pipe_keeps_the_verdict() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_articlekit"))
        .args(["validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawns");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all("not json\n".repeat(200_000).as_bytes());
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let status = child.wait().expect("exits");
    let _ = writer.join();
    assert_eq!(status.code(), Some(1));
}

/// Lines with their terminators (the last one may have none).
fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|b| *b == b'\n').collect()
}

fn is_subsequence(part: &[&[u8]], whole: &[&[u8]]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|line| rest.any(|w| w == line))
}

/// NDJSON taken by default (standard input, no `--from`) that is clearly CSV
/// or a page is one input error naming the `--from` to give (exit 2), not
/// one `expected value` error per line.
#[test]
fn csv_or_a_page_on_ndjson_stdin_says_which_from_to_use() {
    let csv = "title,url,summary\nA,https://a.example/,S\nB,https://b.example/,T\n";
    let out = crate::articlekit()
        .args(["validate"])
        .write_stdin(csv)
        .output()
        .expect("runs");
    let (code, stdout, stderr) = crate::outcome(&out);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stdout.contains("this looks like CSV: use `--from csv`"),
        "{stdout}"
    );
    assert!(!stdout.contains("expected value"), "{stdout}");
    let page = std::fs::read(crate::root().join("fixtures/pages/000_b0960e193d69778f.txt"))
        .expect("page fixture");
    let out = crate::articlekit()
        .args(["import"])
        .write_stdin(page)
        .output()
        .expect("runs");
    let (code, _, stderr) = crate::outcome(&out);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("use `--from page`"), "{stderr}");
}
