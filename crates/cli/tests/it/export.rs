//! `articlekit export`: strict by default (an invalid record means nothing
//! is written), `--skip-invalid`, exit codes, the RSS channel, the CSV
//! sidecar and Excel mode, determinism, RSS ordering and limits, and
//! snapshots of the three exports of the seed page and the sample batch.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::{articlekit, outcome, run};

const BAD: &str = "fixtures/validate/bad.ndjson";
const BATCH: &str = "fixtures/articles.ndjson";
const PAGE: &str = "fixtures/pages/000_b0960e193d69778f.txt";
const CHANNEL: &str = "fixtures/channel.toml";

/// `export ARGS` run in `dir`.
fn export_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = articlekit()
        .current_dir(dir)
        .arg("export")
        .args(args)
        .output()
        .expect("runs");
    outcome(&output)
}

/// The fixture's absolute path (for runs in a temporary directory).
fn fixture(path: &str) -> String {
    crate::root().join(path).to_string_lossy().into_owned()
}

/// The names in a directory (temporary files included).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn strict_mode_writes_nothing_when_a_record_is_invalid() {
    let bad = fixture(BAD);
    let channel = fixture(CHANNEL);
    for to in ["csv", "jsonld", "rss"] {
        let mut args = vec!["--to", to, "--max-record-bytes", "4096"];
        if to == "rss" {
            args.extend(["--channel", &channel]);
        }
        // Standard output: nothing at all.
        let dir = tempfile::tempdir().expect("temp dir");
        let mut stdout_args = args.clone();
        stdout_args.push(&bad);
        let (code, stdout, stderr) = export_in(dir.path(), &stdout_args);
        assert_eq!(code, 1, "{to}: {stderr}");
        assert_eq!(stdout, "", "{to}");
        // Errors as validate reports them, with their locations.
        assert!(
            stderr.contains("bad.ndjson:2:297: record 2 (a-2): /discussion_count:"),
            "{stderr}"
        );
        assert!(
            stderr.contains("bad.ndjson:19:115: record 17: not valid JSON"),
            "{stderr}"
        );
        assert!(
            stderr.ends_with(
                "17 records: 2 valid, 15 invalid (16 errors)\nnothing exported: fix the records above, or pass --skip-invalid to export the valid ones\n"
            ),
            "{stderr}"
        );

        // -o FILE: not created when new, untouched when it exists; no temporary file left.
        let mut file_args = args.clone();
        file_args.extend(["-o", "out", &bad]);
        let (code, _, _) = export_in(dir.path(), &file_args);
        assert_eq!(code, 1);
        assert!(
            names(dir.path()).is_empty(),
            "{to}: {:?}",
            names(dir.path())
        );
        fs::write(dir.path().join("out"), "old").expect("write");
        let (code, _, _) = export_in(dir.path(), &file_args);
        assert_eq!(code, 1);
        assert_eq!(names(dir.path()), ["out"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("out")).expect("out"),
            "old"
        );
    }
}

#[test]
fn skip_invalid_writes_exactly_the_valid_records() {
    let (code, stdout, stderr) = run(&[
        "export",
        "--to",
        "jsonld",
        "--skip-invalid",
        "--max-record-bytes",
        "4096",
        BAD,
    ]);
    assert_eq!(code, 1);
    let graph: Value = serde_json::from_str(&stdout).expect("JSON-LD");
    let ids: Vec<&str> = graph["@graph"]
        .as_array()
        .expect("graph")
        .iter()
        .filter_map(|a| a["identifier"].as_str())
        .collect();
    assert_eq!(ids, ["a-1", "a-16"], "{stdout}");
    assert!(stderr.contains("exported 2 articles\n"), "{stderr}");
    assert!(
        stderr.contains("skipped 15 invalid records (listed above): `fixtures/validate/bad.ndjson` records 2-15, 17"),
        "{stderr}"
    );
}

#[test]
fn a_valid_batch_exits_0() {
    for to in ["csv", "jsonld"] {
        let (code, stdout, stderr) = run(&["export", "--to", to, BATCH]);
        assert_eq!(code, 0, "{stderr}");
        assert!(!stdout.is_empty());
        assert_eq!(
            stderr,
            "60 records: 60 valid, 0 invalid (0 errors)\nexported 60 articles\n"
        );
    }
}

#[test]
fn an_incomplete_channel_is_a_configuration_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = fixture(BATCH);
    let partial = dir.path().join("partial.toml");
    fs::write(&partial, "title = \"T\"\ndescription = \"D\"\n").expect("write");
    let cases: [(&[&str], &str); 3] = [
        (&[], "missing required key `title`"),
        (
            &[
                "--title",
                "T",
                "--link",
                "https://a.example/",
                "--description",
                "D",
            ],
            "missing required key `self_link`",
        ),
        (
            &["--channel", "partial.toml"],
            "missing required key `link`",
        ),
    ];
    for (extra, key) in cases {
        let mut args = vec!["--to", "rss", "-o", "feed.xml"];
        args.extend_from_slice(extra);
        args.push(&batch);
        let (code, stdout, stderr) = export_in(dir.path(), &args);
        assert_eq!(code, 2, "{extra:?}");
        assert_eq!(stdout, "");
        assert!(
            stderr.starts_with("error: the RSS channel is incomplete") && stderr.contains(key),
            "{extra:?}: {stderr}"
        );
        assert_eq!(names(dir.path()), ["partial.toml"]);
    }
}

#[test]
fn csv_gets_its_data_package_beside_it_unless_asked_not_to() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = fixture(BATCH);
    let (code, _, _) = export_in(dir.path(), &["--to", "csv", "-o", "out.csv", &batch]);
    assert_eq!(code, 0);
    assert_eq!(names(dir.path()), ["out.csv", "out.csv.datapackage.json"]);
    let package: Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("out.csv.datapackage.json")).expect("sidecar"),
    )
    .expect("JSON");
    assert_eq!(package["resources"][0]["path"], "out.csv", "{package:#}");

    let (code, _, _) = export_in(
        dir.path(),
        &["--to", "csv", "--no-datapackage", "-o", "plain.csv", &batch],
    );
    assert_eq!(code, 0);
    assert!(!dir.path().join("plain.csv.datapackage.json").exists());
    // Standard output has no place beside it.
    let (code, _, _) = export_in(dir.path(), &["--to", "csv", &batch]);
    assert_eq!(code, 0);
    assert_eq!(names(dir.path()).len(), 3);
}

#[test]
fn excel_mode_has_a_bom_crlf_and_neutralised_formulas() {
    let output = articlekit()
        .args([
            "export",
            "--to",
            "csv",
            "--excel",
            "fixtures/csv/hostile.ndjson",
        ])
        .output()
        .expect("runs");
    let (code, _, stderr) = outcome(&output);
    assert_eq!(code, 0, "{stderr}");
    let csv = output.stdout;
    assert!(csv.starts_with(b"\xEF\xBB\xBFmetadata.id,"));
    let text = String::from_utf8(csv).expect("UTF-8");
    let header = text.split('\n').next().expect("header");
    assert!(header.ends_with('\r'), "{header}");
    assert!(
        text.contains(",'-2+3 "),
        "a formula-like cell is not neutralised"
    );
    assert!(text.contains("\"'=HYPERLINK("), "{text:.2000}");
    // Without --excel: no BOM, and the cell is as it was.
    let (_, plain, _) = run(&["export", "--to", "csv", "fixtures/csv/hostile.ndjson"]);
    assert!(plain.starts_with("metadata.id,") && plain.contains(",-2+3 "));
}

#[test]
fn exports_are_byte_identical_across_runs() {
    for args in [
        &["export", "--to", "rss", "--channel", CHANNEL, BATCH][..],
        &["export", "--to", "jsonld", BATCH],
        &["export", "--to", "csv", BATCH],
        &["export", "--to", "jsonld", "--html", BATCH],
    ] {
        let first = articlekit().args(args).output().expect("runs").stdout;
        let second = articlekit().args(args).output().expect("runs").stdout;
        assert!(!first.is_empty());
        assert!(first == second, "{args:?} differs between runs");
    }
}

/// Seconds since 1970 of an RFC 3339 date-time with an offset.
fn epoch(date: &str) -> i64 {
    let field = |range: std::ops::Range<usize>| -> i64 { date[range].parse().expect("digits") };
    let (year, month, day) = (field(0..4), field(5..7), field(8..10));
    let (hour, minute, second) = (field(11..13), field(14..16), field(17..19));
    // Days from civil (Howard Hinnant's algorithm).
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let shifted = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * shifted + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let zone = &date[date.rfind(['Z', '+', '-']).expect("offset")..];
    let offset = if zone == "Z" {
        0
    } else {
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        sign * (zone[1..3].parse::<i64>().expect("hours") * 3600
            + zone[4..6].parse::<i64>().expect("minutes") * 60)
    };
    days * 86_400 + hour * 3600 + minute * 60 + second - offset
}

/// The guids of a feed's items, in order.
fn guids(feed: &str) -> Vec<String> {
    feed.split("<guid isPermaLink=\"false\">")
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn rss_items_can_be_newest_first_and_limited() {
    let (_, ndjson, _) = run(&["import", BATCH]);
    let mut dated: Vec<(i64, String)> = ndjson
        .lines()
        .filter_map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON");
            let date = v["metadata"]["published_at"].as_str()?;
            Some((epoch(date), v["metadata"]["id"].as_str()?.to_owned()))
        })
        .collect();
    let in_order: Vec<String> = ndjson
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON");
            v["metadata"]["id"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    dated.sort_by_key(|d| std::cmp::Reverse(d.0));
    let newest: Vec<String> = dated.iter().map(|(_, id)| id.clone()).collect();

    let (code, feed, _) = run(&["export", "--to", "rss", "--channel", CHANNEL, BATCH]);
    assert_eq!(code, 0);
    assert_eq!(guids(&feed), in_order);

    let (code, feed, _) = run(&[
        "export",
        "--to",
        "rss",
        "--channel",
        CHANNEL,
        "--newest-first",
        BATCH,
    ]);
    assert_eq!(code, 0);
    assert_eq!(guids(&feed)[..newest.len()], newest[..]);

    let (code, feed, _) = run(&[
        "export",
        "--to",
        "rss",
        "--channel",
        CHANNEL,
        "--newest-first",
        "--limit",
        "5",
        BATCH,
    ]);
    assert_eq!(code, 0);
    assert_eq!(guids(&feed), newest[..5]);
    assert_eq!(feed.matches("<item>").count(), 5);
}

#[test]
fn a_page_exports_to_rss() {
    let (code, feed, stderr) = run(&["export", "--to", "rss", "--channel", CHANNEL, PAGE]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(guids(&feed), ["scmp-3318837"]);
    assert!(feed.contains("<slash:comments>10</slash:comments>"));
}

#[test]
fn snapshots_of_the_seed_page_exports() {
    let (_, rss, _) = run(&["export", "--to", "rss", "--channel", CHANNEL, PAGE]);
    insta::assert_snapshot!("seed_page_rss", rss);
    let (_, jsonld, _) = run(&["export", "--to", "jsonld", PAGE]);
    insta::assert_snapshot!("seed_page_jsonld", jsonld);
    let (_, csv, _) = run(&["export", "--to", "csv", PAGE]);
    insta::assert_snapshot!("seed_page_csv", csv);
}

#[test]
fn snapshots_of_the_sample_batch_exports() {
    let (_, rss, _) = run(&["export", "--to", "rss", "--channel", CHANNEL, BATCH]);
    insta::assert_snapshot!("batch_rss", rss);
    let (_, jsonld, _) = run(&["export", "--to", "jsonld", BATCH]);
    insta::assert_snapshot!("batch_jsonld", jsonld);
    let (_, csv, _) = run(&["export", "--to", "csv", BATCH]);
    insta::assert_snapshot!("batch_csv", csv);
}

/// An option of one format given with another `--to` is a usage error
/// (exit 2) before any input is read, not silently ignored.
#[test]
fn options_of_another_format_are_refused() {
    let (code, stdout, stderr) = run(&[
        "export",
        "--to",
        "csv",
        "--channel",
        "fixtures/channel.toml",
        BATCH,
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(
        stderr,
        "error: `--channel` is for `--to rss|atom|jsonfeed|news-sitemap`: `--to csv` does not use it\n"
    );
    let (code, _, stderr) = run(&["export", "--to", "rss", "--excel", "--html", BATCH]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`--excel` is for `--to csv`, `--html` is for `--to jsonld`"),
        "{stderr}"
    );
}
