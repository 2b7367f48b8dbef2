//! Verdicts: the exit code and the messages say what happened to the data.

use crate::run;

/// `--jobs` above the documented maximum (256), or 0, is a usage error
/// (exit 2) before any input is read, instead of starting that many threads.
#[test]
fn jobs_out_of_range_is_a_usage_error() {
    for jobs in ["0", "257", "100000"] {
        let (code, stdout, stderr) = run(&["validate", "--jobs", jobs, "fixtures/none.ndjson"]);
        assert_eq!(code, 2, "--jobs {jobs}: {stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains("--jobs"), "{stderr}");
        assert!(
            stderr.contains("1..=256") || stderr.contains("256"),
            "{stderr}"
        );
    }
    let (code, _, stderr) = run(&["validate", "-j", "256", "fixtures/articles.ndjson"]);
    assert_eq!(code, 0, "{stderr}");
    // `schema` reads no records: it has neither `--jobs` nor `--color`.
    let (code, _, stderr) = run(&["schema", "-j", "2"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, stdout, _) = run(&["schema", "--help"]);
    assert_eq!(code, 0);
    assert!(
        !stdout.contains("--jobs") && !stdout.contains("--color"),
        "{stdout}"
    );
}

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// The sample batch 20 times over: the first 60 records are valid, the
/// 1,140 copies after them are duplicates (invalid), so the text report is
/// far past a pipe's 64 KiB buffer.
fn batch_with_duplicates(dir: &Path) -> (std::path::PathBuf, Vec<u8>) {
    let sample = fs::read(crate::root().join("fixtures/articles.ndjson")).expect("sample");
    let batch = sample.repeat(20);
    let path = dir.join("batch.ndjson");
    fs::write(&path, &batch).expect("write batch");
    (path, sample)
}

/// Runs the binary in `dir` with its standard output a pipe whose reader
/// is gone before the first byte is written (as `| head -c0`, `| grep -q`).
fn run_with_closed_stdout(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_articlekit"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // The only read end: closing it makes every write to stdout fail with EPIPE.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A closed stdout only stops what goes to stdout: the split files are
/// written in full, files already there are replaced, and the exit code is
/// the data's (1: invalid records). Before, the run exited 0 and wrote
/// neither file.
#[test]
fn a_closed_stdout_never_changes_the_verdict_of_validate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (batch, sample) = batch_with_duplicates(dir.path());
    fs::write(dir.path().join("v"), "OLD\n").expect("old v");
    fs::write(dir.path().join("i"), "OLD\n").expect("old i");
    for quiet in [false, true] {
        let mut args = vec!["validate", "--valid-out", "v", "--invalid-out", "i"];
        if quiet {
            args.insert(0, "-q");
        }
        args.push("batch.ndjson");
        let (code, stderr) = run_with_closed_stdout(dir.path(), &args);
        assert_eq!(code, 1, "quiet {quiet}: {stderr}");
        let valid = fs::read(dir.path().join("v")).expect("v");
        let invalid = fs::read(dir.path().join("i")).expect("i");
        assert_eq!(valid, sample, "the first copy is the valid side");
        assert_eq!(invalid, sample.repeat(19), "every later copy is invalid");
        assert_eq!(
            (valid.len() + invalid.len()) as u64,
            fs::metadata(&batch).expect("batch").len()
        );
    }
    // All valid: still 0 with a closed stdout, --errors-out written (empty).
    let (code, stderr) = run_with_closed_stdout(
        dir.path(),
        &[
            "validate",
            "--from",
            "ndjson",
            "--errors-out",
            "e.ndjson",
            "v",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(fs::read(dir.path().join("e.ndjson")).expect("e").len(), 0);
    // An unreadable input is still exit 2.
    let (code, stderr) = run_with_closed_stdout(
        dir.path(),
        &["validate", "--from", "ndjson", "missing.ndjson", "v"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("missing.ndjson"), "{stderr}");
}

/// `import … | head` and `export --skip-invalid … | head`: exit 1 for a
/// batch with invalid records, however early the reader went; the records
/// are still all checked and the skipped ones reported on stderr.
#[test]
fn a_closed_stdout_never_changes_the_verdict_of_import_and_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    batch_with_duplicates(dir.path());
    let channel = crate::root().join("fixtures/channel.toml");
    let channel = channel.to_str().expect("utf-8 path");
    let cases: [&[&str]; 4] = [
        &["import", "batch.ndjson"],
        &["export", "--to", "jsonld", "--skip-invalid", "batch.ndjson"],
        &["export", "--to", "csv", "--skip-invalid", "batch.ndjson"],
        &[
            "export",
            "--to",
            "rss",
            "--channel",
            channel,
            "--skip-invalid",
            "batch.ndjson",
        ],
    ];
    for args in cases {
        let (code, stderr) = run_with_closed_stdout(dir.path(), args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains("skipped 1140 invalid records"),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("standard output was closed by its reader"),
            "{args:?}: {stderr}"
        );
    }
    // Strict export of that batch: nothing is exported, still exit 1.
    let (code, stderr) =
        run_with_closed_stdout(dir.path(), &["export", "--to", "jsonld", "batch.ndjson"]);
    assert_eq!(code, 1, "{stderr}");
    // A valid batch into a closed pipe is a success: the data was fine.
    fs::copy(
        crate::root().join("fixtures/articles.ndjson"),
        dir.path().join("ok.ndjson"),
    )
    .expect("copy");
    let (code, stderr) = run_with_closed_stdout(dir.path(), &["import", "ok.ndjson"]);
    assert_eq!(code, 0, "{stderr}");
}

/// `--limit 5` says how many items the feed holds, not how many were valid.
#[test]
fn the_export_count_is_what_the_feed_holds() {
    let (code, stdout, stderr) = run(&[
        "export",
        "--to",
        "rss",
        "--channel",
        "fixtures/channel.toml",
        "--limit",
        "5",
        "fixtures/articles.ndjson",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.matches("<item>").count(), 5);
    assert_eq!(
        stderr.lines().last(),
        Some("exported 5 articles: the newest 5 of 60 valid (--limit 5)")
    );
    let (code, _, stderr) = run(&[
        "export",
        "--to",
        "rss",
        "--channel",
        "fixtures/channel.toml",
        "--limit",
        "500",
        "fixtures/articles.ndjson",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.lines().last(), Some("exported 60 articles"));
}

/// An unreadable input makes the batch incomplete: export says so, and does
/// not advise `--skip-invalid` (which cannot help, and may have been given).
#[test]
fn an_unreadable_input_is_not_answered_with_skip_invalid() {
    for skip in [false, true] {
        let mut args = vec!["export", "--to", "jsonld"];
        if skip {
            args.push("--skip-invalid");
        }
        args.extend(["fixtures/bad/missing.ndjson", "fixtures/articles.ndjson"]);
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 2, "{stderr}");
        assert!(stdout.is_empty(), "nothing exported: {stdout}");
        assert!(!stderr.contains("--skip-invalid"), "{stderr}");
        assert!(stderr.contains("the batch is incomplete"), "{stderr}");
        assert!(
            stderr.contains(
                "error: 1 input could not be read: cannot open `fixtures/bad/missing.ndjson`: No such file or directory"
            ),
            "{stderr}"
        );
    }
}

/// With the report in a file, the terminal still learns which input could
/// not be read, and why.
#[test]
fn unreadable_inputs_are_named_on_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("a-directory")).expect("dir");
    let (code, stdout, stderr) =
        crate::run_in(dir.path(), &["validate", "missing.ndjson", "a-directory"]);
    assert_eq!(code, 2);
    assert!(stdout.contains("missing.ndjson"), "{stdout}");
    assert_eq!(
        stderr.trim_end(),
        "error: 2 inputs could not be read: cannot open `missing.ndjson`: No such file or directory (os error 2); `a-directory` is a directory, not a file"
    );
}

/// A temporary file that fails (here TMPDIR does not exist) while a
/// limited feed is buffered: the message names the temporary file, not
/// standard output, and says that nothing reached standard output.
#[test]
fn a_failed_temporary_file_says_nothing_reached_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let channel = crate::root().join("fixtures/channel.toml");
    let sample = crate::root().join("fixtures/articles.ndjson");
    let export = |extra: &[&str]| {
        crate::articlekit()
            .current_dir(dir.path())
            .env("TMPDIR", dir.path().join("no-such-dir"))
            .args(["export", "--to", "rss", "--channel"])
            .arg(&channel)
            .args(extra)
            .arg(&sample)
            .output()
            .expect("runs")
    };
    // Held in memory within the budget: no temporary file is needed.
    let (code, stdout, stderr) = crate::outcome(&export(&["--limit", "100000"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.ends_with("</rss>\n"), "{stdout}");
    // No memory: the first item goes to the temporary file, which fails.
    for extra in [
        &["--limit", "100000", "--buffer-bytes", "0"][..],
        &["--buffer-bytes", "0"][..],
    ] {
        let (code, stdout, stderr) = crate::outcome(&export(extra));
        assert_eq!(code, 2, "{extra:?}: {stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(
            stderr.starts_with("error: cannot use the temporary file that holds the feed's items (in TMPDIR): No such file or directory"),
            "{extra:?}: {stderr}"
        );
        assert!(
            stderr
                .trim_end()
                .ends_with("; nothing was written to standard output"),
            "{stderr}"
        );
    }
}

/// Standard output is staged in memory up to `--buffer-bytes`, then in a
/// temporary file: within the budget a missing TMPDIR does not matter;
/// past it the run fails before anything reaches standard output.
#[test]
fn staged_output_spills_past_its_budget() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = crate::root().join("fixtures/articles.ndjson");
    let export = |tmpdir: &std::path::Path, extra: &[&str]| {
        crate::articlekit()
            .current_dir(dir.path())
            .env("TMPDIR", tmpdir)
            .args(["export", "--to", "jsonld"])
            .args(extra)
            .arg(&sample)
            .output()
            .expect("runs")
    };
    let (code, whole, stderr) = crate::outcome(&export(dir.path(), &[]));
    assert_eq!(code, 0, "{stderr}");
    assert!(whole.len() > 1000, "{whole}");
    let missing = dir.path().join("no-such-dir");
    let (code, held, stderr) = crate::outcome(&export(&missing, &[]));
    assert_eq!((code, held.as_str()), (0, whole.as_str()), "{stderr}");
    // Partly in memory, partly in the temporary file: the same bytes.
    for budget in ["0", "1", "700", "1K"] {
        let (code, spilled, stderr) =
            crate::outcome(&export(dir.path(), &["--buffer-bytes", budget]));
        assert_eq!(
            (code, spilled.as_str()),
            (0, whole.as_str()),
            "{budget}: {stderr}"
        );
    }
    let (code, stdout, stderr) = crate::outcome(&export(&missing, &["--buffer-bytes", "700"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.starts_with("error: cannot write the temporary file that stages the export"),
        "{stderr}"
    );
    assert!(stderr.contains("No such file or directory"), "{stderr}");
}

/// Standard output on the null device is not staged: nothing reads it, so
/// no temporary file is written (a missing TMPDIR does not matter even with
/// no memory budget), and the verdict is still the data's. A pipe is staged.
#[test]
fn stdout_on_the_null_device_is_not_staged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = crate::root().join("fixtures/articles.ndjson");
    let missing = dir.path().join("no-such-dir");
    let export = |input: &std::path::Path, null: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_articlekit"));
        command
            .current_dir(dir.path())
            .env("TMPDIR", &missing)
            .env("TERM", "dumb")
            .env_remove("NO_COLOR")
            .args(["export", "--to", "jsonld", "--buffer-bytes", "0"])
            .arg(input);
        if null {
            command.stdout(fs::File::create("/dev/null").expect("null device"));
        }
        command.output().expect("runs")
    };
    let (code, _, stderr) = crate::outcome(&export(&sample, true));
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = crate::outcome(&export(&sample, false));
    assert_eq!(code, 2, "a pipe is staged, and TMPDIR is missing: {stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.starts_with("error: cannot write the temporary file that stages the export"),
        "{stderr}"
    );
    // Invalid data on the null device is still exit 1, with its errors.
    let bad = dir.path().join("bad.ndjson");
    fs::write(&bad, "{\"metadata\":{}}\n").expect("written");
    let (code, _, stderr) = crate::outcome(&export(&bad, true));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("bad.ndjson:1:"), "{stderr}");
}

/// Every feed that holds its items gives the same bytes whether they are
/// held in memory, spilled to the temporary file, or split between them.
#[test]
fn held_feeds_are_the_same_in_memory_and_spilled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let channel = crate::root().join("fixtures/channel.toml");
    let channel = channel.to_str().expect("path");
    // Undated articles too: Atom writes their <updated> into the held entries.
    // The same articles undated and freshly dated are added.
    let sample =
        fs::read_to_string(crate::root().join("fixtures/articles.ndjson")).expect("sample");
    let mut batch = sample.clone();
    for (i, line) in sample.lines().enumerate() {
        let mut value: serde_json::Value = serde_json::from_str(line).expect("json");
        let meta = value["metadata"].as_object_mut().expect("metadata");
        meta.remove("published_at");
        meta.remove("updated_at");
        let id = format!("undated-{i}");
        meta.insert("id".to_owned(), id.into());
        batch.push_str(&value.to_string());
        batch.push('\n');
        // And fresh ones, for the news sitemap's two days.
        let meta = value["metadata"].as_object_mut().expect("metadata");
        meta.insert("id".to_owned(), format!("fresh-{i}").into());
        let published = format!("2025-12-06T12:{:02}:00Z", i % 60);
        meta.insert("published_at".to_owned(), published.into());
        batch.push_str(&value.to_string());
        batch.push('\n');
    }
    fs::write(dir.path().join("batch.ndjson"), &batch).expect("write");
    let cases: [&[&str]; 5] = [
        &["--to", "rss"],
        &["--to", "rss", "--newest-first"],
        &["--to", "rss", "--limit", "4"],
        &["--to", "atom"],
        &["--to", "news-sitemap"],
    ];
    for case in cases {
        let run = |budget: &str| {
            let mut args = vec!["export", "--channel", channel, "--buffer-bytes", budget];
            args.extend_from_slice(case);
            args.push("batch.ndjson");
            crate::run_in(dir.path(), &args)
        };
        let (code, memory, stderr) = run("16777216");
        assert_eq!(code, 0, "{case:?}: {stderr}");
        assert!(memory.len() > 500, "{case:?}: {memory}");
        for budget in ["0", "1500", "5000"] {
            let (code, out, stderr) = run(budget);
            assert_eq!(code, 0, "{case:?} {budget}: {stderr}");
            assert_eq!(out, memory, "{case:?} with --buffer-bytes {budget}");
        }
    }
}

/// `--max-errors` caps the text and GitHub reports too; the counts and the
/// verdict cover the whole batch.
#[test]
fn max_errors_caps_every_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    batch_with_duplicates(dir.path());
    let run_in = |args: &[&str]| crate::run_in(dir.path(), args);
    let (code, stdout, _) = run_in(&["validate", "--max-errors", "3", "batch.ndjson"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    assert!(
        lines[..3].iter().all(|l| l.ends_with("[duplicate-id]")),
        "{stdout}"
    );
    assert_eq!(
        lines[3],
        "1137 more errors not listed (--max-errors 3); the counts cover all"
    );
    assert_eq!(
        lines[4],
        "1200 records: 60 valid, 1140 invalid (1140 errors)"
    );
    let (code, stdout, _) = run_in(&[
        "validate",
        "--report",
        "github",
        "--max-errors",
        "2",
        "batch.ndjson",
    ]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[..2].iter().all(|l| l.starts_with("::error ")),
        "{stdout}"
    );
    assert_eq!(
        lines[2],
        "::notice title=articlekit::1138 more errors not listed (--max-errors 2); the counts cover all"
    );
    // Under the cap nothing is said.
    let (_, stdout, _) = run_in(&["validate", "--max-errors", "5000", "batch.ndjson"]);
    assert_eq!(stdout.lines().count(), 1141);
}

/// Several NDJSON inputs without a final line feed: `--valid-out` holds
/// each input's bytes exactly, with one line feed added between inputs
/// whose last line had none, and nothing added at the very end.
#[test]
fn inputs_without_a_final_newline_are_joined_by_one_line_feed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = fs::read_to_string(crate::root().join("fixtures/articles.ndjson")).expect("s");
    let lines: Vec<&str> = sample.lines().collect();
    let a = format!("{}\n{}", lines[0], lines[1]);
    let b = format!("{}\n{}", lines[2], lines[3]);
    let c = format!("{}\n", lines[4]);
    fs::write(dir.path().join("a.ndjson"), &a).expect("a");
    fs::write(dir.path().join("b.ndjson"), &b).expect("b");
    fs::write(dir.path().join("c.ndjson"), &c).expect("c");
    let run_in = |args: &[&str]| crate::run_in(dir.path(), args);
    let (code, _, stderr) = run_in(&["validate", "--valid-out", "v", "a.ndjson", "b.ndjson"]);
    assert_eq!(code, 0, "{stderr}");
    let v = fs::read_to_string(dir.path().join("v")).expect("v");
    assert_eq!(v, format!("{a}\n{b}"), "one LF between, none at the end");
    assert_eq!(v.len(), a.len() + b.len() + 1);
    let (code, _, stderr) = run_in(&[
        "validate",
        "--valid-out",
        "v",
        "a.ndjson",
        "c.ndjson",
        "b.ndjson",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let v = fs::read_to_string(dir.path().join("v")).expect("v");
    // c ends with its own line feed: nothing is added after it.
    assert_eq!(v, format!("{a}\n{c}{b}"));
    // One input: its split sides hold its bytes exactly, nothing added.
    let fixture = crate::root().join("fixtures/bad/no-final-newline.ndjson");
    let bytes = fs::read(&fixture).expect("fixture");
    let (code, _, _) = run_in(&[
        "validate",
        "--valid-out",
        "v",
        "--invalid-out",
        "i",
        fixture.to_str().expect("path"),
    ]);
    assert_eq!(code, 1);
    let (valid, invalid) = (
        fs::read(dir.path().join("v")).expect("v"),
        fs::read(dir.path().join("i")).expect("i"),
    );
    assert_eq!([valid.as_slice(), invalid.as_slice()].concat(), bytes);
    assert!(valid.ends_with(b"\n") && !invalid.ends_with(b"\n"));
}

/// The report goes to standard output: appending it to an input is refused.
#[test]
fn the_report_is_never_appended_to_an_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.ndjson");
    fs::write(&input, "{\"not\": \"an article\"}\n").expect("write");
    let before = fs::read(&input).expect("read");
    let append = fs::OpenOptions::new()
        .append(true)
        .open(&input)
        .expect("open");
    let out = Command::new(env!("CARGO_BIN_EXE_articlekit"))
        .current_dir(dir.path())
        .args(["validate", "in.ndjson"])
        .stdout(append)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "standard output is the input `in.ndjson`; refusing to write the report over it"
        ),
        "{stderr}"
    );
    assert_eq!(
        fs::read(&input).expect("read"),
        before,
        "the input is untouched"
    );
}
