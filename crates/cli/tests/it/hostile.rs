//! Hostile input against the terminal: ids, keys, values and file names
//! holding `ESC ] 0;…BEL` (window title), `ESC [2J` (clear screen), CR, LF,
//! the C1 CSI U+009B and the bidi override U+202E must reach stdout and
//! stderr escaped (`\u{1b}`), never raw; and CSV records bigger than
//! `--max-record-bytes` must be reported, not lost.

use std::fs;

use crate::{articlekit, root};

const FIXTURE: &str = "fixtures/bad/terminal-injection.ndjson";

/// Exit code, stdout and stderr as bytes.
fn run_bytes(cmd: &mut assert_cmd::Command) -> (i32, Vec<u8>, Vec<u8>) {
    let output = cmd.output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        output.stdout,
        output.stderr,
    )
}

/// Asserts that `bytes` hold none of the characters a terminal obeys.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (c, name) in [
        ('\u{1b}', "ESC"),
        ('\u{7}', "BEL"),
        ('\r', "CR"),
        ('\u{9b}', "C1 CSI"),
        ('\u{202e}', "RLO"),
        ('\u{7f}', "DEL"),
    ] {
        assert!(!text.contains(c), "{what} holds a raw {name}:\n{text:?}");
    }
    assert!(
        !text.chars().any(|c| c != '\n' && c.is_control()),
        "{what} holds a raw control character:\n{text:?}"
    );
}

#[test]
fn text_report_escapes_hostile_ids_keys_and_values() {
    let (code, stdout, stderr) =
        run_bytes(articlekit().args(["validate", "--report", "text", FIXTURE]));
    assert_eq!(code, 1);
    assert_inert("stdout", &stdout);
    assert_inert("stderr", &stderr);
    let text = String::from_utf8_lossy(&stdout);
    // No injected line break: every line is an error of the fixture or the summary.
    for line in text.lines() {
        assert!(
            line.starts_with(&format!("{FIXTURE}:")) || line.ends_with(" errors)"),
            "a line not made by the report: {line:?}"
        );
    }
    for escaped in [
        r"record 1 (a-1\u{1b}]0;pwned\u{7})",
        r"/\u{1b}[2J: \u{1b}[2J is not a field",
        r"record 2 (a-2\u{d}\u{a}FAKE ok\u{202e})",
        r"metadata.k\u{9b}2J\u{202e} is not a field",
    ] {
        assert!(text.contains(escaped), "missing {escaped}:\n{text}");
    }
    assert!(text.contains("4 records: 1 valid, 3 invalid"), "{text}");
}

#[test]
fn github_report_escapes_hostile_ids_keys_and_values() {
    let (code, stdout, stderr) =
        run_bytes(articlekit().args(["validate", "--report", "github", FIXTURE]));
    assert_eq!(code, 1);
    assert_inert("stdout", &stdout);
    assert_inert("stderr", &stderr);
    let text = String::from_utf8_lossy(&stdout);
    // One workflow command per line; CR and LF as GitHub's %0D/%0A.
    for line in text.lines() {
        assert!(line.starts_with("::error file="), "{line:?}");
    }
    assert!(
        text.contains(r"record 2 (a-2%0D%0AFAKE ok\u{202e})"),
        "{text}"
    );
    assert!(
        text.contains(r"record 1 (a-1\u{1b}]0;pwned\u{7})"),
        "{text}"
    );
    assert!(text.contains(r"metadata.k\u{9b}2J\u{202e}"), "{text}");
}

#[test]
fn json_report_keeps_the_exact_data() {
    let (code, stdout, _) = run_bytes(articlekit().args(["validate", "--report", "json", FIXTURE]));
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_slice(&stdout).expect("JSON");
    let ids: Vec<&str> = value["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert!(ids.contains(&"a-1\u{1b}]0;pwned\u{7}"), "{ids:?}");
    assert!(ids.contains(&"a-2\r\nFAKE ok\u{202e}"), "{ids:?}");
}

#[cfg(unix)]
#[test]
fn file_names_with_escapes_are_shown_escaped() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir
        .path()
        .join(OsStr::from_bytes(b"miss\x1b]0;t\x07.ndjson"));
    // Not UTF-8 (a lone 0x9B byte), with an ESC: shown lossily, escaped.
    let invalid = dir.path().join(OsStr::from_bytes(b"bad\x1b[2J\x9b.ndjson"));
    fs::write(&invalid, "not json\n").expect("write");
    for report in ["text", "github"] {
        let (code, stdout, stderr) = run_bytes(
            articlekit()
                .args(["validate", "--report", report])
                .arg(&missing)
                .arg(&invalid),
        );
        assert_eq!(code, 2, "{report}");
        assert_inert("stdout", &stdout);
        assert_inert("stderr", &stderr);
        let all = String::from_utf8_lossy(&[stdout, stderr].concat()).into_owned();
        assert!(all.contains(r"miss\u{1b}]0;t\u{7}.ndjson"), "{all}");
        assert!(all.contains("bad\\u{1b}[2J\u{fffd}.ndjson"), "{all}");
    }
    // A failed output: the final `error:` message of the CLI.
    let out = dir.path().join("no\x1b[2Jdir").join("x.csv");
    let (code, stdout, stderr) = run_bytes(
        articlekit()
            .args(["export", "--to", "csv", "-o"])
            .arg(&out)
            .arg(root().join("fixtures/articles.ndjson")),
    );
    assert_eq!(code, 2);
    assert_inert("stdout", &stdout);
    assert_inert("stderr", &stderr);
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(stderr.contains(r"no\u{1b}[2Jdir"), "{stderr}");
}

/// A CSV of three rows under the header of `fixtures/validate/bad.csv`,
/// row 2 with `cell` as its summary.
fn csv_with_summary(cell: &str) -> String {
    let fixture = fs::read_to_string(root().join("fixtures/validate/bad.csv")).expect("fixture");
    let header = fixture.lines().next().expect("header");
    format!(
        "{header}\nc-1,Bài một,vi,https://news.example/1,Tóm tắt.,Ý một,3\n\
         c-2,Bài hai,vi,https://news.example/2,{cell},Ý một,4\n\
         c-3,Bài ba,vi,https://news.example/3,Tóm tắt.,Ý một,5\n"
    )
}

#[test]
fn csv_row_far_over_the_limit_is_reported_and_the_next_row_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("big.csv");
    // 3 MiB unquoted, under a 1 MiB limit: far past what the reader keeps.
    // The row is 51 bytes besides the cell (UTF-8), line ending included.
    fs::write(&input, csv_with_summary(&"x".repeat(3 << 20))).expect("write");
    let (valid, invalid) = (dir.path().join("v.ndjson"), dir.path().join("i.ndjson"));
    let (code, stdout, stderr) = run_bytes(
        articlekit()
            .args(["validate", "--max-record-bytes", "1048576", "--valid-out"])
            .arg(&valid)
            .arg("--invalid-out")
            .arg(&invalid)
            .arg(&input),
    );
    let (stdout, stderr) = (
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr),
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("3 records: 2 valid, 1 invalid (1 error)"),
        "{stdout}"
    );
    let error = stdout
        .lines()
        .find(|l| l.ends_with("[size]"))
        .expect("a size error");
    assert!(
        error.contains("big.csv:3: record 2: the row is 3145779 bytes"),
        "{error}"
    );
    let valid = fs::read_to_string(&valid).expect("valid out");
    let ids: Vec<String> = valid
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["metadata"]["id"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    assert_eq!(ids, ["c-1", "c-3"]);
    let invalid = fs::read_to_string(&invalid).expect("invalid out");
    let lines: Vec<serde_json::Value> = invalid
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 1, "{invalid}");
    assert_eq!(
        (&lines[0]["record"], &lines[0]["line"]),
        (&2.into(), &3.into())
    );
}

#[test]
fn csv_quoted_cell_that_never_closes_stops_with_the_lines_not_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("open.csv");
    let cell = format!("\"{}", "x".repeat(3 << 20));
    fs::write(&input, csv_with_summary(&cell)).expect("write");
    let (valid, invalid) = (dir.path().join("v.ndjson"), dir.path().join("i.ndjson"));
    let (code, stdout, stderr) = run_bytes(
        articlekit()
            .args(["validate", "--max-record-bytes", "1048576", "--valid-out"])
            .arg(&valid)
            .arg("--invalid-out")
            .arg(&invalid)
            .arg(&input),
    );
    let all = String::from_utf8_lossy(&[stdout, stderr].concat()).into_owned();
    assert_eq!(code, 2, "{all}");
    assert!(
        all.contains("the rest of the file from line 3 on was not read"),
        "{all}"
    );
    assert!(all.contains("open.csv"), "{all}");
    assert_eq!(
        fs::read_to_string(&valid)
            .expect("valid out")
            .lines()
            .count(),
        1
    );
}
