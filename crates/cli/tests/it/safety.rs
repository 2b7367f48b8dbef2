//! Data safety: atomic outputs survive a process killed mid-write (and the
//! next run clears what it left), no output ever replaces an input, and a
//! run that fails part way says exactly what was written and what was not.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{assert_no_temporaries, outcome, run_in};

/// A valid record with the given id.
fn record(id: &str) -> String {
    format!(
        r#"{{"metadata":{{"id":"{id}","title":"Tiêu đề {id}","language":"vi"}},"summary":"Tóm tắt.","bullets":["Ý một","Ý hai"],"discussion_count":1}}"#
    )
}

/// `n` valid records as NDJSON, ids `PREFIX-0`, `PREFIX-1`, ...
fn records(prefix: &str, n: usize) -> String {
    (0..n)
        .map(|i| record(&format!("{prefix}-{i}")) + "\n")
        .collect()
}

/// The temporary files of `name` in `dir` (`.NAME.PID.XXXXXX.tmp`).
fn temporaries(dir: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!(".{name}.");
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
                && p.extension().is_some_and(|e| e == "tmp")
        })
        .collect();
    found.sort();
    found
}

/// Records fed to an export killed mid-write.
const FED: usize = 12_000;

/// `articlekit export --to csv --skip-invalid -o out.csv -` in `dir`, fed
/// records on standard input until its temporary file holds data; the
/// child is left running with its standard input open.
fn export_mid_write(dir: &Path, prefix: &str) -> (Child, PathBuf) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_articlekit"))
        .current_dir(dir)
        .args([
            "export",
            "--to",
            "csv",
            "--skip-invalid",
            "-o",
            "out.csv",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawns");
    let pid = child.id();
    let mut stdin = child.stdin.take().expect("stdin");
    // Enough records that the pipeline must hand some back while standard
    // input is still open (over 2 × cores + 1 chunks of 1024 records), and
    // more CSV than the output buffer (64 KiB): some must reach the file.
    stdin
        .write_all(records(prefix, FED).as_bytes())
        .expect("feed");
    stdin.flush().expect("flush");
    let deadline = Instant::now() + Duration::from_secs(60);
    let temp = loop {
        let ours = temporaries(dir, "out.csv").into_iter().find(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.starts_with(&format!(".out.csv.{pid}."))
                && fs::metadata(p).is_ok_and(|m| m.len() > 0)
        });
        if let Some(temp) = ours {
            break temp;
        }
        assert!(
            Instant::now() < deadline,
            "no temporary file with data appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    // Standard input stays open: the export is mid-way.
    child.stdin = Some(stdin);
    (child, temp)
}

/// Killed mid-write (SIGKILL: no code runs), the previous `out.csv`
/// survives byte for byte. The temporary file is left (nothing can remove
/// it when the process gets no chance to run); the next run to the same
/// target removes it, since nobody holds its lock any more. (SIGTERM and
/// SIGINT are handled: see `outputs::sigterm_during_import_...`.)
#[test]
#[cfg(unix)]
fn an_export_killed_mid_write_leaves_the_old_file_and_the_next_run_cleans_up() {
    use std::os::unix::process::ExitStatusExt;

    {
        let (signal, number) = ("KILL", 9);
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("out.csv");
        let old = "metadata.id,metadata.title,metadata.language,summary,bullets,discussion_count\r\nold,Cũ,vi,S,B,1\r\n";
        fs::write(&out, old).expect("old file");

        let (mut child, temp) = export_mid_write(dir.path(), signal);
        let status = Command::new("kill")
            .args(["-s", signal, &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let status = child.wait().expect("waits");
        assert_eq!(status.signal(), Some(number), "{signal}: {status:?}");

        assert_eq!(fs::read_to_string(&out).expect("out.csv"), old, "{signal}");
        assert_eq!(
            temporaries(dir.path(), "out.csv"),
            std::slice::from_ref(&temp),
            "{signal}"
        );

        let input = dir.path().join("new.ndjson");
        fs::write(&input, records("new", 3)).expect("write");
        let (code, _, stderr) = run_in(
            dir.path(),
            &["export", "--to", "csv", "-o", "out.csv", "new.ndjson"],
        );
        assert_eq!(code, 0, "{stderr}");
        // (Whether a process still runs is told from /proc.)
        if Path::new("/proc/self").exists() {
            assert!(
                !temp.exists(),
                "{signal}: the stale temporary file is still there"
            );
            assert!(temporaries(dir.path(), "out.csv").is_empty());
        }
        let csv = fs::read_to_string(&out).expect("out.csv");
        assert_eq!(csv.matches("\r\nnew-").count(), 3, "{csv}");
    }
}

/// A run never removes the temporary file of another run still going.
#[test]
#[cfg(unix)]
fn a_running_export_keeps_its_temporary_file_while_another_one_finishes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut child, temp) = export_mid_write(dir.path(), "first");
    let input = dir.path().join("second.ndjson");
    fs::write(&input, records("second", 2)).expect("write");
    let (code, _, stderr) = run_in(
        dir.path(),
        &["export", "--to", "csv", "-o", "out.csv", "second.ndjson"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        temp.exists(),
        "the running export's temporary file was removed"
    );
    assert!(
        fs::read_to_string(dir.path().join("out.csv"))
            .expect("out.csv")
            .contains("second-1,")
    );
    // The first run ends normally: its file replaces the second's.
    drop(child.stdin.take());
    let status = child.wait().expect("waits");
    assert!(status.success(), "{status:?}");
    let csv = fs::read_to_string(dir.path().join("out.csv")).expect("out.csv");
    assert_eq!(csv.matches("\r\nfirst-").count(), FED);
    assert!(temporaries(dir.path(), "out.csv").is_empty());
}

/// Every way of naming an input as an output is refused (exit 2), and the
/// input is left exactly as it was.
#[test]
fn outputs_never_replace_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let input = d.join("input.ndjson");
    let content = records("in", 3) + "not json\n";
    fs::write(&input, &content).expect("write");
    fs::create_dir(d.join("sub")).expect("mkdir");
    let mut names = vec![
        "input.ndjson".to_owned(),
        "./input.ndjson".to_owned(),
        "sub/../input.ndjson".to_owned(),
        ".//input.ndjson".to_owned(),
        input.to_str().expect("UTF-8").to_owned(),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("input.ndjson", d.join("link.ndjson")).expect("symlink");
        fs::hard_link(&input, d.join("hard.ndjson")).expect("hard link");
        names.push("link.ndjson".to_owned());
        names.push("hard.ndjson".to_owned());
    }
    let modified = fs::metadata(&input)
        .and_then(|m| m.modified())
        .expect("mtime");
    for name in &names {
        let n = name.as_str();
        let runs: [&[&str]; 6] = [
            &["validate", "--valid-out", n, "input.ndjson"],
            &["validate", "--invalid-out", n, "input.ndjson"],
            &["validate", "--errors-out", n, "input.ndjson"],
            &["import", "-o", n, "input.ndjson"],
            &[
                "export",
                "--to",
                "csv",
                "--skip-invalid",
                "-o",
                n,
                "input.ndjson",
            ],
            &["export", "--to", "jsonld", "-o", n, "input.ndjson"],
        ];
        for args in runs {
            let (code, stdout, stderr) = run_in(d, args);
            assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
            assert!(
                stderr.contains("is one of the inputs; refusing to overwrite it"),
                "{args:?}: {stderr}"
            );
            assert_eq!(
                fs::read_to_string(&input).expect("input"),
                content,
                "{args:?}"
            );
        }
    }
    let after = fs::metadata(&input)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(after, modified);
    #[cfg(unix)]
    assert!(
        fs::symlink_metadata(d.join("link.ndjson"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_no_temporaries(d);
}

/// The channel file is an input of the RSS export, and the CSV's sidecar
/// may not replace an input either; two outputs may not name one file.
#[test]
fn other_inputs_and_outputs_are_not_replaced_either() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::write(d.join("input.ndjson"), records("in", 3)).expect("write");
    fs::copy(
        crate::root().join("fixtures/channel.toml"),
        d.join("channel.toml"),
    )
    .expect("copy");
    let channel = fs::read_to_string(d.join("channel.toml")).expect("channel");
    fs::write(d.join("out.csv.datapackage.json"), "[]").expect("write");
    let refused: [&[&str]; 3] = [
        &[
            "export",
            "--to",
            "rss",
            "--channel",
            "channel.toml",
            "-o",
            "channel.toml",
            "input.ndjson",
        ],
        &[
            "export",
            "--to",
            "csv",
            "-o",
            "out.csv",
            "out.csv.datapackage.json",
        ],
        &[
            "validate",
            "--valid-out",
            "same.ndjson",
            "--invalid-out",
            "./same.ndjson",
            "input.ndjson",
        ],
    ];
    for args in refused {
        let (code, _, stderr) = run_in(d, args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains("refusing to overwrite it") || stderr.contains("name the same file"),
            "{stderr}"
        );
    }
    assert_eq!(
        fs::read_to_string(d.join("channel.toml")).expect("channel"),
        channel
    );
    assert_eq!(
        fs::read_to_string(d.join("out.csv.datapackage.json")).expect("sidecar"),
        "[]"
    );
    assert!(!d.join("out.csv").exists() && !d.join("same.ndjson").exists());
    assert_no_temporaries(d);
}

/// `--skip-invalid` and `import` say which records were skipped, and what
/// they wrote is exactly the valid records.
#[test]
fn skipped_records_are_named_and_the_others_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let mut batch = records("a", 4);
    batch = batch.replacen("\"discussion_count\":1", "\"discussion_count\":-1", 1);
    batch.push_str("not json\n");
    batch.push_str(&records("b", 2));
    batch.push_str(&record("a-3"));
    batch.push('\n');
    fs::write(d.join("batch.ndjson"), &batch).expect("write");
    fs::write(d.join("more.ndjson"), "{}\n").expect("write");

    let (code, stdout, stderr) = run_in(d, &["import", "batch.ndjson", "more.ndjson"]);
    assert_eq!(code, 1);
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            v["metadata"]["id"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    assert_eq!(ids, ["a-1", "a-2", "a-3", "b-0", "b-1"]);
    assert!(stderr.contains("imported 5 articles\n"), "{stderr}");
    assert!(
        stderr.contains(
            "skipped 4 invalid records (listed above): `batch.ndjson` records 1, 5, 8; `more.ndjson` record 1\n"
        ),
        "{stderr}"
    );

    let (code, stdout, stderr) = run_in(
        d,
        &[
            "export",
            "--to",
            "csv",
            "--skip-invalid",
            "batch.ndjson",
            "more.ndjson",
        ],
    );
    assert_eq!(code, 1);
    // (A cell of two bullets spans two lines.)
    let rows: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split(',').next())
        .filter(|id| id.starts_with("a-") || id.starts_with("b-"))
        .collect();
    assert_eq!(rows, ["a-1", "a-2", "a-3", "b-0", "b-1"]);
    assert!(stderr.contains("exported 5 articles\n"), "{stderr}");
    assert!(
        stderr.contains("`batch.ndjson` records 1, 5, 8; `more.ndjson` record 1"),
        "{stderr}"
    );
    // Each skipped record is also listed with where it is and why.
    for line in [
        "batch.ndjson:1:",
        "batch.ndjson:5:2: record 5",
        "batch.ndjson:8:",
        "more.ndjson:1:1: record 1",
    ] {
        assert!(stderr.contains(line), "{line}: {stderr}");
    }
}

/// An output that fails part way (a full device, a file too large) exits 2
/// and says how far it got: an atomic `-o FILE` is left as it was (and no
/// temporary file remains); standard output or a device is incomplete.
#[test]
#[cfg(unix)]
fn a_failing_output_says_how_far_it_got() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::write(d.join("batch.ndjson"), records("r", 2000)).expect("write");

    for args in [
        &["import", "-o", "/dev/full", "batch.ndjson"][..],
        &[
            "export",
            "--to",
            "jsonld",
            "-o",
            "/dev/full",
            "batch.ndjson",
        ],
    ] {
        let (code, _, stderr) = run_in(d, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(
            stderr.starts_with("error: cannot write `/dev/full`: No space left on device")
                && stderr.contains("the output is incomplete: it stops within the first"),
            "{stderr}"
        );
    }
    let (code, _, stderr) = run_in(d, &["validate", "--valid-out", "/dev/full", "batch.ndjson"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: cannot write `/dev/full` (it is incomplete): No space left"),
        "{stderr}"
    );
    // /dev/full is still the device, not a file put in its place.
    assert!(!fs::metadata(full).expect("/dev/full").is_file());

    // Standard output on a full device, streamed (import) or staged (strict export).
    for args in [
        &["import", "batch.ndjson"][..],
        &["export", "--to", "csv", "batch.ndjson"],
        &[
            "export",
            "--to",
            "rss",
            "--channel",
            "channel.toml",
            "batch.ndjson",
        ],
    ] {
        fs::copy(
            crate::root().join("fixtures/channel.toml"),
            d.join("channel.toml"),
        )
        .expect("copy");
        let sink = fs::OpenOptions::new()
            .write(true)
            .open(full)
            .expect("/dev/full");
        let output = Command::new(env!("CARGO_BIN_EXE_articlekit"))
            .current_dir(d)
            .args(args)
            .stdout(sink)
            .output()
            .expect("runs");
        let (code, _, stderr) = outcome(&output);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: cannot write standard output: No space left on device")
                && stderr.trim_end().ends_with("; nothing was written to it"),
            "{args:?}: {stderr}"
        );
    }

    // An atomic -o FILE that cannot grow (a file size limit): the old file stays.
    fs::write(d.join("out.csv"), "old\n").expect("write");
    let output = Command::new("sh")
        .current_dir(d)
        .args(["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_articlekit"))
        .args(["export", "--to", "csv", "-o", "out.csv", "batch.ndjson"])
        .output()
        .expect("runs");
    let (code, _, stderr) = outcome(&output);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("nothing was written (`out.csv` is as it was), after ")
            && stderr.contains(" articles (the last: `batch.ndjson` line "),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(d.join("out.csv")).expect("out.csv"),
        "old\n"
    );
    assert!(temporaries(d, "out.csv").is_empty());
}
