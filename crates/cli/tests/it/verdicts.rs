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
