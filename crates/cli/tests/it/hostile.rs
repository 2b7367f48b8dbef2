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
