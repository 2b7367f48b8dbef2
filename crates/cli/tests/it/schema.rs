//! The committed schema is what `articlekit schema` prints, and is a valid
//! draft 2020-12 schema.

use crate::{root, run};

const REGENERATE: &str = "cargo run -p articlekit-cli -- schema -o schemas/article.schema.json";

#[test]
fn committed_schema_matches_the_generated_one() {
    let (code, generated, stderr) = run(&["schema"]);
    assert_eq!(code, 0, "{stderr}");
    let committed =
        std::fs::read_to_string(root().join("schemas/article.schema.json")).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/article.schema.json is out of date with the model; regenerate it with:\n    {REGENERATE}"
    );
}

#[test]
fn committed_schema_passes_the_draft_2020_12_metaschema() {
    let text = std::fs::read_to_string(root().join("schemas/article.schema.json"))
        .expect("committed schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!(
            "the schema fails the draft 2020-12 metaschema at {}: {e}",
            e.instance_path()
        );
    }
}

#[test]
fn schema_can_be_written_to_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("s.json");
    let (code, stdout, _) = run(&["schema", "-o", path.to_str().expect("utf-8 path")]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert_eq!(
        std::fs::read_to_string(&path).expect("written"),
        run(&["schema"]).1
    );
}
