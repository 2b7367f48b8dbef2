//! `export --to atom|jsonfeed|news-sitemap`, `--hub`, `--now`, and the
//! outputs made of files (`--out-dir`: a news sitemap past 1,000 articles,
//! RFC 5005 archives), committed all together or not at all.

use std::fs;
use std::path::Path;

use crate::{outcome, root, run, run_in};

const BATCH: &str = "fixtures/articles.ndjson";
const BAD: &str = "fixtures/validate/bad.ndjson";
const CHANNEL: &str = "fixtures/channel.toml";

fn abs(path: &str) -> String {
    root().join(path).to_string_lossy().into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `n` articles published 30 s apart, each with a URL.
fn fresh(n: usize) -> String {
    (0..n)
        .map(|i| {
            let minute = i / 2 % 60;
            let hour = i / 120 % 24;
            let second = if i % 2 == 0 { 0 } else { 30 };
            format!(
                r#"{{"metadata":{{"id":"fresh-{i}","title":"Tin {i}","language":"vi","url":"https://songai.example/tin/{i}","published_at":"2025-07-20T{hour:02}:{minute:02}:{second:02}+07:00"}},"summary":"S","bullets":["B"],"discussion_count":{i}}}"#
            ) + "\n"
        })
        .collect()
}

#[test]
fn atom_and_json_feed_go_to_standard_output_with_every_valid_article() {
    let (code, atom, stderr) = run(&["export", "--to", "atom", "--channel", CHANNEL, BATCH]);
    assert_eq!(code, 0, "{stderr}");
    assert!(atom.starts_with("<?xml"), "{atom}");
    assert_eq!(atom.matches("<entry ").count(), 60);
    assert!(stderr.contains("exported 60 articles"), "{stderr}");

    let (code, json, stderr) = run(&["export", "--to", "jsonfeed", "--channel", CHANNEL, BATCH]);
    assert_eq!(code, 0, "{stderr}");
    let feed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["items"].as_array().map(Vec::len), Some(60));
}

#[test]
fn hubs_from_the_command_line_are_announced() {
    let (code, atom, stderr) = run(&[
        "export",
        "--to",
        "atom",
        "--channel",
        CHANNEL,
        "--hub",
        "https://hub.example/",
        BATCH,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        atom.contains(r#"rel="hub" href="https://hub.example/""#)
            || atom.contains(r#"href="https://hub.example/" rel="hub""#),
        "{}",
        &atom[..atom.len().min(1500)]
    );
}

#[test]
fn a_strict_feed_writes_nothing_when_a_record_is_invalid() {
    for to in ["atom", "jsonfeed"] {
        let (code, stdout, stderr) = run(&["export", "--to", to, "--channel", CHANNEL, BAD]);
        assert_eq!(code, 1, "{to}: {stderr}");
        assert_eq!(stdout, "", "{to}");
        assert!(stderr.contains("nothing exported"), "{to}: {stderr}");
    }
}

#[test]
fn a_big_news_sitemap_is_several_files_and_an_index_in_out_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("fresh.ndjson"), fresh(2100)).expect("write");
    let channel = abs(CHANNEL);
    let args = [
        "export",
        "--to",
        "news-sitemap",
        "--channel",
        &channel,
        "--out-dir",
        "out",
        "fresh.ndjson",
    ];
    let (code, _, stderr) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{stderr}");
    let out = dir.path().join("out");
    assert_eq!(
        names(&out),
        [
            "news-sitemap-1.xml",
            "news-sitemap-2.xml",
            "news-sitemap-3.xml",
            "news-sitemap-index.xml"
        ]
    );
    let urls: usize = (1..=3)
        .map(|n| {
            fs::read_to_string(out.join(format!("news-sitemap-{n}.xml")))
                .expect("read")
                .matches("<news:news>")
                .count()
        })
        .sum();
    // The window is the two days up to the newest article: every one is in it.
    assert_eq!(urls, 2100);
    assert!(stderr.contains("wrote 2100 URLs"), "{stderr}");
    assert!(stderr.contains("3 sitemaps and their index"), "{stderr}");

    // Without --out-dir it cannot be one document: refused, nothing written.
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &[
            "export",
            "--to",
            "news-sitemap",
            "--channel",
            &channel,
            "fresh.ndjson",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("give --out-dir DIR"), "{stderr}");
}

#[test]
fn a_failed_many_file_export_leaves_the_directory_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    fs::create_dir(&out).expect("mkdir");
    fs::write(out.join("news-sitemap-1.xml"), "old").expect("write");
    // 1,500 fresh articles and one invalid record: strict mode writes nothing.
    let mut batch = fresh(1500);
    batch.push_str("not json\n");
    fs::write(dir.path().join("batch.ndjson"), batch).expect("write");
    let channel = abs(CHANNEL);
    let (code, _, stderr) = run_in(
        dir.path(),
        &[
            "export",
            "--to",
            "news-sitemap",
            "--channel",
            &channel,
            "--out-dir",
            "out",
            "batch.ndjson",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(names(&out), ["news-sitemap-1.xml"]);
    assert_eq!(
        fs::read_to_string(out.join("news-sitemap-1.xml")).expect("read"),
        "old"
    );
}

#[test]
fn archives_are_written_in_out_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    let channel_text = format!(
        "archive_base = \"https://songai.example/archive/\"\n{}",
        fs::read_to_string(root().join(CHANNEL)).expect("channel")
    );
    fs::write(dir.path().join("channel.toml"), channel_text).expect("write");
    let batch = abs(BATCH);
    for to in ["atom", "rss"] {
        let (code, _, stderr) = run_in(
            dir.path(),
            &[
                "export",
                "--to",
                to,
                "--channel",
                "channel.toml",
                "--archive-size",
                "25",
                "--out-dir",
                to,
                &batch,
            ],
        );
        assert_eq!(code, 0, "{to}: {stderr}");
        let files = names(&dir.path().join(to));
        assert_eq!(
            files,
            [
                format!("{to}-archive-1.xml"),
                format!("{to}-archive-2.xml"),
                format!("{to}.xml")
            ],
            "{to}"
        );
        assert!(stderr.contains("wrote 2 archives"), "{to}: {stderr}");
    }
}

#[test]
fn options_of_other_formats_are_refused() {
    let cases: &[&[&str]] = &[
        &[
            "export",
            "--to",
            "csv",
            "--hub",
            "https://hub.example/",
            BATCH,
        ],
        &[
            "export",
            "--to",
            "atom",
            "--channel",
            CHANNEL,
            "--now",
            "now",
            BATCH,
        ],
        &[
            "export",
            "--to",
            "jsonfeed",
            "--channel",
            CHANNEL,
            "--archive-size",
            "3",
            "--out-dir",
            "x",
            BATCH,
        ],
        &[
            "export",
            "--to",
            "rss",
            "--channel",
            CHANNEL,
            "--out-dir",
            "x",
            BATCH,
        ],
        &[
            "export",
            "--to",
            "rss",
            "--channel",
            CHANNEL,
            "--archive-size",
            "3",
            "--limit",
            "2",
            "--out-dir",
            "x",
            BATCH,
        ],
    ];
    for args in cases {
        let output = crate::articlekit().args(*args).output().expect("runs");
        let (code, stdout, stderr) = outcome(&output);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
    assert!(!root().join("x").exists());
}

/// A record `validate` accepts is exported by every format: a leap second
/// on a day `time` does not know as one used to fail the whole feed.
#[test]
fn a_leap_second_mid_month_exports_in_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = dir.path().join("leap.ndjson");
    std::fs::write(
        &batch,
        r#"{"metadata":{"id":"leap","title":"T","language":"vi","url":"https://example.com/leap","published_at":"2016-06-15T23:59:60Z","updated_at":"2016-06-15T23:59:60Z"},"summary":"S","bullets":["B"],"discussion_count":0}"#,
    )
    .expect("write");
    let batch = batch.to_str().expect("utf-8 path");
    let channel = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/channel.toml");
    let (code, _, stderr) = run(&["validate", batch]);
    assert_eq!(code, 0, "{stderr}");
    for format in ["rss", "atom", "jsonfeed", "jsonld", "csv"] {
        let mut args = vec!["export", "--to", format, batch];
        if ["rss", "atom", "jsonfeed"].contains(&format) {
            args.extend(["--channel", channel]);
        }
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(stdout.contains("leap"), "{format}: {stdout}");
    }
    let (_, rss, _) = run(&["export", "--to", "rss", "--channel", channel, batch]);
    assert!(
        rss.contains("<pubDate>Wed, 15 Jun 2016 23:59:59 +0000</pubDate>"),
        "{rss}"
    );
}

/// A setting the writer refuses is a settings error, said before any
/// record is read: not "cannot write" the output, which is left as it was.
#[test]
fn a_wrong_setting_is_not_called_a_write_failure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("feed.xml");
    fs::write(&out, "before").expect("write");
    let out = out.to_str().expect("utf-8 path");
    let channel = abs(CHANNEL);
    let batch = abs(BATCH);
    for to in ["rss", "atom"] {
        let (code, stdout, stderr) = run(&[
            "export",
            "--to",
            to,
            "--channel",
            &channel,
            "--last-build-date",
            "2025-13-01T00:00:00Z",
            &batch,
            "-o",
            out,
        ]);
        assert_eq!(code, 2, "{to}: {stderr}");
        assert!(stdout.is_empty(), "{to}: {stdout}");
        assert!(
            stderr.starts_with(
                "error: cannot export: a setting is wrong: option `last_build_date` is not an RFC 3339 date-time with an offset: `2025-13-01T00:00:00Z`"
            ),
            "{to}: {stderr}"
        );
        assert!(!stderr.contains("cannot write"), "{to}: {stderr}");
        assert_eq!(fs::read_to_string(out).expect("read"), "before", "{to}");
    }
    crate::assert_no_temporaries(dir.path());
    // A channel value that is present but wrong is not a missing key.
    let bad = dir.path().join("channel.toml");
    fs::write(
        &bad,
        fs::read_to_string(&channel).expect("channel")
            + "\n[image]\nurl = \"ftp://songai.example/logo.png\"\n",
    )
    .expect("write");
    let (code, _, stderr) = run(&[
        "export",
        "--to",
        "atom",
        "--channel",
        bad.to_str().expect("utf-8"),
        &batch,
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: the channel cannot make an Atom feed: ")
            && stderr.contains("image.url")
            && !stderr.contains("incomplete"),
        "{stderr}"
    );
}
