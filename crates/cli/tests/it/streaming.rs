//! A record comes out while its input is still open: a pipe that waits
//! (`tail -f … |`, a message queue) gets each verdict or canonical line as
//! its record arrives, not when a chunk of 1,024 records is full or the
//! input ends.

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::root;

fn record(id: &str) -> String {
    format!(
        r#"{{"metadata":{{"id":"{id}","title":"T","language":"vi"}},"summary":"S","bullets":["B"],"discussion_count":0}}"#
    )
}

/// Lines of `stdout` as they come, read on a thread.
fn lines(stdout: ChildStdout) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Runs `articlekit ARGS` on a pipe: writes `first`, waits for one line of
/// output while the pipe stays open, then writes `second` and closes it.
/// Returns the line seen before the end, and the rest.
fn one_at_a_time(args: &[&str], first: &str, second: &str) -> (String, Vec<String>, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_articlekit"))
        .current_dir(root())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let out = lines(child.stdout.take().expect("stdout"));
    writeln!(stdin, "{first}").expect("writes");
    stdin.flush().expect("flushes");
    // Generous: the point is that it comes before the input ends, which
    // is never here while the line is awaited.
    let early = out
        .recv_timeout(Duration::from_secs(20))
        .expect("the first record comes out while the input is still open");
    writeln!(stdin, "{second}").expect("writes");
    drop(stdin);
    let status = child.wait().expect("exits");
    let rest: Vec<String> = out.iter().collect();
    (early, rest, status.code().unwrap_or(-1))
}

#[test]
fn import_writes_each_line_as_its_record_arrives() {
    let (early, rest, code) =
        one_at_a_time(&["import", "-"], &record("first-1"), &record("second-2"));
    assert!(early.contains(r#""id":"first-1""#), "{early}");
    assert_eq!(rest.len(), 1, "{rest:?}");
    assert!(rest[0].contains(r#""id":"second-2""#), "{rest:?}");
    assert_eq!(code, 0);
}

#[test]
fn validate_reports_each_error_as_its_record_arrives() {
    let bad = record("bad-1").replace(r#""discussion_count":0"#, r#""discussion_count":-1"#);
    let (early, rest, code) = one_at_a_time(&["validate", "-"], &bad, &record("good-2"));
    assert!(
        early.starts_with("<stdin>:1:105: record 1 (bad-1): /discussion_count:")
            && early.ends_with("[minimum]"),
        "{early}"
    );
    assert_eq!(rest, ["2 records: 1 valid, 1 invalid (1 error)"]);
    assert_eq!(code, 1);
}
