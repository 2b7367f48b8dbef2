//! `--help` of every command, so that a change to the interface shows up in review.

use crate::run;

fn help(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn top_level_help() {
    insta::assert_snapshot!(help(&["--help"]));
}

#[test]
fn schema_help() {
    insta::assert_snapshot!(help(&["schema", "--help"]));
}

#[test]
fn import_help() {
    insta::assert_snapshot!(help(&["import", "--help"]));
}

#[test]
fn validate_help() {
    insta::assert_snapshot!(help(&["validate", "--help"]));
}

#[test]
fn export_help() {
    insta::assert_snapshot!(help(&["export", "--help"]));
}
