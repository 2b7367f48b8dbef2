//! `articlekit import`: any format to canonical NDJSON of the valid records.

use serde_json::Value;

use crate::{articlekit, outcome, root, run};

#[test]
fn pages_import_to_their_canonical_json() {
    let (code, stdout, stderr) = run(&["import", "fixtures/pages/000_b0960e193d69778f.txt"]);
    assert_eq!(code, 0, "{stderr}");
    let canonical =
        std::fs::read_to_string(root().join("fixtures/canonical/000_b0960e193d69778f.json"))
            .expect("fixture");
    let expected: Value = serde_json::from_str(&canonical).expect("JSON");
    assert_eq!(stdout.lines().count(), 1);
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).expect("JSON line"),
        expected
    );
}

#[test]
fn good_records_come_out_and_bad_ones_are_reported() {
    let (code, stdout, stderr) = run(&[
        "import",
        "--max-record-bytes",
        "4096",
        "fixtures/validate/bad.ndjson",
    ]);
    assert_eq!(code, 1);
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("JSON")["metadata"]["id"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ["a-1", "a-16"]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn bad_pages_are_refused_and_good_ones_still_import() {
    let (code, stdout, stderr) = run(&[
        "import",
        "fixtures/pages-bad/no-summary.txt",
        "fixtures/pages/000_b0960e193d69778f.txt",
    ]);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1);
    assert!(
        stderr.starts_with("fixtures/pages-bad/no-summary.txt:11:1: record 1: expected"),
        "{stderr}"
    );
}

#[test]
fn output_file_is_written_whole_and_missing_inputs_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.ndjson");
    let output = articlekit()
        .args([
            "import",
            "-o",
            out.to_str().expect("path"),
            "fixtures/articles.ndjson",
            "fixtures/none.ndjson",
        ])
        .output()
        .expect("runs");
    let (code, stdout, stderr) = outcome(&output);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("fixtures/none.ndjson: cannot open `fixtures/none.ndjson`"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&out)
            .expect("written")
            .lines()
            .count(),
        60
    );
    let leftovers = std::fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn import_output_round_trips_through_validate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.ndjson");
    let (code, _, _) = run(&[
        "import",
        "-o",
        out.to_str().expect("path"),
        "fixtures/validate/bad.json",
        "fixtures/validate/bad.csv",
    ]);
    assert_eq!(code, 1);
    let (code, stdout, _) = run(&["validate", out.to_str().expect("path")]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "2 records: 2 valid, 0 invalid (0 errors)\n")
    );
}

#[test]
fn page_language_options_are_applied() {
    let (code, stdout, _) = run(&[
        "import",
        "--language",
        "en",
        "--source-language",
        "fr",
        "fixtures/pages/000_b0960e193d69778f.txt",
    ]);
    assert_eq!(code, 0);
    let article: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(article["metadata"]["language"], "en");
    assert_eq!(article["metadata"]["source"]["language"], "fr");
}

/// A CSV whose header uses short names gets, in one run, the nearest known
/// column for each unknown name and every missing required column.
#[test]
fn csv_header_faults_are_listed_at_once_with_suggestions() {
    let out = crate::articlekit()
        .args(["import", "--from", "csv"])
        .write_stdin("title,url,summary\nT,https://a.example/,S\n")
        .output()
        .expect("runs");
    let (code, stdout, stderr) = crate::outcome(&out);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("`title` (did you mean `metadata.title`?)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`url` (did you mean `metadata.url`?)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "required columns `metadata.id`, `metadata.title`, `metadata.language`, `bullets`, `discussion_count` are missing"
        ),
        "{stderr}"
    );
}
