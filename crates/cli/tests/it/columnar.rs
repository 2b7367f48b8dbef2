//! `export --to parquet|xlsx` and `import --from parquet` through the CLI:
//! a Parquet round trip gives back the canonical NDJSON byte for byte, and
//! the strict rule holds for binary outputs too.

use std::fs;

use crate::{assert_no_temporaries, root, run, run_in};

/// `import`s the fixture `batch` (a path from the repository root) to its
/// canonical NDJSON, exports that `--to FORMAT -o NAME` in `dir`, and gives
/// the canonical NDJSON back for the round trip to be compared with.
fn export_canonical(dir: &std::path::Path, batch: &str, format: &str, name: &str) -> String {
    let batch = root().join(batch);
    let batch = batch.to_str().expect("utf-8 path");
    let (code, canonical, stderr) = run(&["import", batch]);
    assert_eq!(code, 0, "{stderr}");
    fs::write(dir.join("c.ndjson"), &canonical).expect("write");
    let (code, _, stderr) = run_in(dir, &["export", "--to", format, "-o", name, "c.ndjson"]);
    assert_eq!(code, 0, "{stderr}");
    canonical
}

#[test]
fn parquet_round_trips_to_the_same_canonical_ndjson() {
    let dir = tempfile::tempdir().expect("temp dir");
    let canonical = export_canonical(
        dir.path(),
        "fixtures/articles.ndjson",
        "parquet",
        "a.parquet",
    );
    let bytes = fs::read(dir.path().join("a.parquet")).expect("read");
    assert_eq!(&bytes[..4], b"PAR1");
    assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
    let (code, back, stderr) = run_in(dir.path(), &["import", "a.parquet"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(back, canonical);
}

#[test]
fn xlsx_is_a_workbook_and_the_same_bytes_every_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = root().join("fixtures/articles.ndjson");
    let batch = batch.to_str().expect("utf-8 path");
    for name in ["a.xlsx", "b.xlsx"] {
        let (code, _, stderr) = run_in(dir.path(), &["export", "--to", "xlsx", "-o", name, batch]);
        assert_eq!(code, 0, "{stderr}");
    }
    let a = fs::read(dir.path().join("a.xlsx")).expect("read");
    assert_eq!(&a[..2], b"PK");
    assert_eq!(a, fs::read(dir.path().join("b.xlsx")).expect("read"));
}

#[test]
fn an_invalid_record_leaves_a_binary_output_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = root().join("fixtures/validate/bad.ndjson");
    let bad = bad.to_str().expect("utf-8 path");
    for (to, name) in [("parquet", "a.parquet"), ("xlsx", "a.xlsx")] {
        fs::write(dir.path().join(name), "old").expect("write");
        let (code, stdout, stderr) = run_in(dir.path(), &["export", "--to", to, "-o", name, bad]);
        assert_eq!(code, 1, "{to}: {stderr}");
        assert_eq!(stdout, "");
        assert_eq!(
            fs::read_to_string(dir.path().join(name)).expect("read"),
            "old",
            "{to}"
        );
        assert_no_temporaries(dir.path());
    }
}

#[test]
fn xlsx_round_trips_to_the_same_canonical_ndjson() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The fixture batch and the hostile one: formulas, quotes, CR, tabs,
    // leading and trailing spaces, Vietnamese.
    for batch in ["fixtures/articles.ndjson", "fixtures/csv/hostile.ndjson"] {
        let canonical = export_canonical(dir.path(), batch, "xlsx", "a.xlsx");
        // Told from the extension, and from standard input with --from.
        let (code, back, stderr) = run_in(dir.path(), &["import", "a.xlsx"]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(back, canonical, "{batch}");
        let output = crate::articlekit()
            .current_dir(dir.path())
            .args(["import", "--from", "xlsx", "-"])
            .write_stdin(fs::read(dir.path().join("a.xlsx")).expect("read"))
            .output()
            .expect("runs");
        let (code, back, stderr) = crate::outcome(&output);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(back, canonical, "{batch} from stdin");
    }
}

#[test]
fn a_workbook_taken_for_ndjson_is_told_to_use_from_xlsx() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = root().join("fixtures/articles.ndjson");
    let batch = batch.to_str().expect("utf-8 path");
    let (code, _, stderr) = run_in(
        dir.path(),
        &["export", "--to", "xlsx", "-o", "a.xlsx", batch],
    );
    assert_eq!(code, 0, "{stderr}");
    let output = crate::articlekit()
        .current_dir(dir.path())
        .args(["validate", "-"])
        .write_stdin(fs::read(dir.path().join("a.xlsx")).expect("read"))
        .output()
        .expect("runs");
    let (code, stdout, _) = crate::outcome(&output);
    assert_eq!(code, 2);
    assert!(stdout.contains("use `--from xlsx`"), "{stdout}");
}
