//! The `articlekit-gen` binary.

use std::process::Command;

fn gen_bin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_articlekit-gen"))
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn writes_count_lines_deterministically() {
    let a = gen_bin(&[
        "--count",
        "25",
        "--seed",
        "4",
        "--broken-rate",
        "0.2",
        "--kinds",
        "schema-only",
    ]);
    let b = gen_bin(&[
        "--count",
        "25",
        "--seed",
        "4",
        "--broken-rate",
        "0.2",
        "--kinds",
        "schema-only",
    ]);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(String::from_utf8_lossy(&a.stdout).lines().count(), 25);
}

#[test]
fn labels_name_every_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    let labels = dir.path().join("labels.ndjson");
    let labels_arg = labels.to_str().expect("UTF-8 path");
    let out = gen_bin(&[
        "--count",
        "20",
        "--broken-rate",
        "0.5",
        "--labels",
        labels_arg,
    ]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&labels).expect("labels written");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 20);
    assert_eq!(lines[0]["record"], 1);
    assert_eq!(lines.iter().filter(|l| l["fault"].is_string()).count(), 10);
    assert!(
        lines
            .iter()
            .all(|l| l["fault"].is_null() == l["scope"].is_null())
    );
}

#[test]
fn a_bad_rate_is_a_usage_error() {
    let out = gen_bin(&["--count", "5", "--broken-rate", "1.5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken rate `1.5`"));
    assert_eq!(gen_bin(&[]).status.code(), Some(2), "--count is required");
}

#[test]
fn parse_only_counts_lines_and_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("batch.ndjson");
    let batch = gen_bin(&["--count", "30", "--broken-rate", "1", "--seed", "1"]);
    std::fs::write(&file, &batch.stdout).expect("written");
    let path = file.to_str().expect("UTF-8 path");
    for threads in ["1", "2"] {
        let out = gen_bin(&["parse-only", path, "--threads", threads]);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with("lines=30 errors="), "{text}");
        assert!(text.contains(&format!("threads={threads} ")), "{text}");
    }
}

#[test]
fn first_puts_a_given_article_first_in_canonical_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("seed.json");
    // Out of canonical order and pretty-printed.
    let pretty = "{\n  \"discussion_count\": 10,\n  \"bullets\": [\"Ý chính\"],\n  \"summary\": \"Tóm tắt.\",\n  \
                  \"metadata\": {\"language\": \"vi\", \"title\": \"Tiêu đề\", \"id\": \"scmp-3318837\"}\n}\n";
    std::fs::write(&file, pretty).expect("written");
    let out = gen_bin(&[
        "--count",
        "5",
        "--first",
        file.to_str().expect("UTF-8 path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[0],
        r#"{"metadata":{"id":"scmp-3318837","title":"Tiêu đề","language":"vi"},"summary":"Tóm tắt.","bullets":["Ý chính"],"discussion_count":10}"#
    );

    std::fs::write(&file, "{\"not\": \"an article\"}").expect("written");
    let out = gen_bin(&[
        "--count",
        "5",
        "--first",
        file.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an article"));
}
