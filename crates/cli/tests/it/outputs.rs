//! Outputs: an interrupted run leaves no temporary file and no target
//! changed; paths naming an open descriptor are written in place (appended
//! to); standard output redirected onto an input is refused; a CSV and its
//! Data Package sidecar are replaced together or not at all.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::outcome;

/// A valid record with the given id.
fn record(id: &str) -> String {
    format!(
        r#"{{"metadata":{{"id":"{id}","title":"Tiêu đề {id}","language":"vi"}},"summary":"Tóm tắt.","bullets":["Ý một","Ý hai"],"discussion_count":1}}"#
    )
}

/// Every `*.tmp` file in `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect()
}

/// Starts `articlekit ARGS` in `dir` reading standard input from a pipe the
/// test keeps open (so the run stays in progress), feeds it some records,
/// waits until its temporary files exist, sends `signal` with kill(1), and
/// returns exit code and stderr.
fn interrupt(dir: &Path, args: &[&str], temps: usize, signal: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_articlekit"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdin = child.stdin.take().expect("stdin");
    for i in 0..100 {
        stdin
            .write_all((record(&format!("r-{i}")) + "\n").as_bytes())
            .expect("feed");
    }
    stdin.flush().expect("flush");
    let deadline = Instant::now() + Duration::from_secs(20);
    while temporaries(dir).len() < temps {
        assert!(Instant::now() < deadline, "no temporary files appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Give the handler's thread time to be waiting (it is installed first thing).
    std::thread::sleep(Duration::from_millis(100));
    let killed = Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let out = child.wait_with_output().expect("waits");
    drop(stdin);
    let (code, _, stderr) = outcome(&out);
    (code, stderr)
}

#[test]
fn sigterm_during_import_removes_the_temporary_file_and_keeps_the_target() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("out.ndjson"), "OLD\n").expect("write");
    let (code, stderr) = interrupt(dir.path(), &["import", "-o", "out.ndjson", "-"], 1, "TERM");
    assert_eq!(code, 143, "{stderr}");
    assert!(
        stderr.contains("interrupted (SIGTERM)") && stderr.contains("no output was replaced"),
        "{stderr}"
    );
    assert!(
        temporaries(dir.path()).is_empty(),
        "{:?}",
        temporaries(dir.path())
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("out.ndjson")).expect("read"),
        "OLD\n"
    );
}

#[test]
fn sigint_during_validate_removes_every_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("valid.ndjson"), "OLD VALID\n").expect("write");
    let (code, stderr) = interrupt(
        dir.path(),
        &[
            "validate",
            "--valid-out",
            "valid.ndjson",
            "--invalid-out",
            "invalid.ndjson",
            "--errors-out",
            "errors.ndjson",
            "-",
        ],
        3,
        "INT",
    );
    assert_eq!(code, 130, "{stderr}");
    assert!(stderr.contains("interrupted (SIGINT)"), "{stderr}");
    assert!(
        temporaries(dir.path()).is_empty(),
        "{:?}",
        temporaries(dir.path())
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("valid.ndjson")).expect("read"),
        "OLD VALID\n"
    );
    assert!(!dir.path().join("invalid.ndjson").exists());
    assert!(!dir.path().join("errors.ndjson").exists());
}

#[test]
fn sighup_exits_129() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = interrupt(dir.path(), &["import", "-o", "o.ndjson", "-"], 1, "HUP");
    assert_eq!(code, 129, "{stderr}");
    assert!(temporaries(dir.path()).is_empty());
    assert!(!dir.path().join("o.ndjson").exists());
}

/// Every other signal that would end the process is handled the same way:
/// no temporary file is left, the target is not created, exit 128 + N.
#[test]
fn other_terminating_signals_remove_the_temporary_file() {
    for (signal, code) in [("QUIT", 131), ("USR1", 138), ("USR2", 140), ("ALRM", 142)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (got, stderr) = interrupt(dir.path(), &["import", "-o", "o.ndjson", "-"], 1, signal);
        assert_eq!(got, code, "SIG{signal}: {stderr}");
        assert!(
            stderr.contains(&format!("interrupted (SIG{signal})")),
            "{stderr}"
        );
        assert!(temporaries(dir.path()).is_empty(), "SIG{signal}");
        assert!(!dir.path().join("o.ndjson").exists(), "SIG{signal}");
    }
}

/// `articlekit ARGS` in `dir` with standard output appended to `log`.
fn run_appending_to(dir: &Path, log: &Path, args: &[&str]) -> (i32, String) {
    let file = OpenOptions::new().append(true).open(log).expect("log");
    let out = Command::new(env!("CARGO_BIN_EXE_articlekit"))
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::from(file))
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    let (code, _, stderr) = outcome(&out);
    (code, stderr)
}

#[test]
fn descriptor_paths_append_to_the_file_behind_stdout() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("in.ndjson"), record("a") + "\n").expect("write");
    for path in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
        let log = dir.path().join("log");
        fs::write(&log, "OLD\n").expect("write");
        let (code, stderr) =
            run_appending_to(dir.path(), &log, &["import", "-o", path, "in.ndjson"]);
        assert_eq!(code, 0, "{path}: {stderr}");
        let text = fs::read_to_string(&log).expect("read");
        assert!(
            text.starts_with("OLD\n"),
            "{path} replaced the log: {text:?}"
        );
        assert!(text.contains(r#""id":"a""#), "{path}: {text:?}");
        assert!(temporaries(dir.path()).is_empty());
    }
    // --valid-out too, and /proc/self/fd/N for another descriptor (stderr).
    let log = dir.path().join("log");
    fs::write(&log, "OLD\n").expect("write");
    let (code, stderr) = run_appending_to(
        dir.path(),
        &log,
        &["validate", "--valid-out", "/dev/stdout", "in.ndjson"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(fs::read_to_string(&log).expect("read").starts_with("OLD\n"));
}

#[test]
fn standard_output_onto_an_input_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("c.ndjson");
    let before = record("a") + "\n";
    fs::write(&input, &before).expect("write");
    for args in [
        &["import", "c.ndjson"][..],
        &["export", "--to", "csv", "c.ndjson"][..],
    ] {
        let (code, stderr) = run_appending_to(dir.path(), &input, args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("standard output is the input"), "{stderr}");
        assert_eq!(fs::read_to_string(&input).expect("read"), before);
    }
}

#[cfg(unix)]
#[test]
fn a_csv_is_not_replaced_when_its_sidecar_cannot_be_written() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("in.ndjson"), record("a") + "\n").expect("write");
    fs::write(dir.path().join("out.csv"), "OLD CSV\n").expect("write");
    // A sidecar that runs out of room when written (ENOSPC), as on a full disk.
    std::os::unix::fs::symlink("/dev/full", dir.path().join("out.csv.datapackage.json"))
        .expect("symlink");
    let out = Command::new(env!("CARGO_BIN_EXE_articlekit"))
        .current_dir(dir.path())
        .args(["export", "--to", "csv", "-o", "out.csv", "in.ndjson"])
        .output()
        .expect("runs");
    let (code, _, stderr) = outcome(&out);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no output was replaced"), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("out.csv")).expect("read"),
        "OLD CSV\n"
    );
    assert!(temporaries(dir.path()).is_empty());
}
