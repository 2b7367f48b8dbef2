//! Integration tests of the `articlekit` binary.

mod bad;
mod columnar;
mod export;
mod feeds;
mod help;
mod hostile;
mod html;
mod import;
mod outputs;
mod reports;
mod safety;
mod schema;
mod streaming;
mod validate;
mod verdicts;

use std::path::{Path, PathBuf};
use std::process::Output;

/// The workspace root, where the fixtures are.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The binary, run from the workspace root (so input names in reports are
/// the relative paths given) with a fixed environment.
pub fn articlekit() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_articlekit"));
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("TERM", "dumb");
    cmd
}

/// Exit code, stdout and stderr of a finished run.
pub fn outcome(output: &Output) -> (i32, String, String) {
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// No `*.tmp` file is left in `dir`.
pub fn assert_no_temporaries(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("tmp"))
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// Runs `articlekit` with `args` and returns exit code, stdout and stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    outcome(&articlekit().args(args).output().expect("runs"))
}

/// `articlekit ARGS` run in `dir`: exit code, stdout, stderr.
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(
        &articlekit()
            .current_dir(dir)
            .args(args)
            .output()
            .expect("runs"),
    )
}
