//! The sidecar describes the file a writer produced.

use articlekit_csv::datapackage_json;

#[test]
fn plain_sidecar() {
    insta::assert_snapshot!(datapackage_json("articles.csv", false));
}

#[test]
fn excel_sidecar_differs_only_in_text_room_and_notes() {
    let plain: serde_json::Value = serde_json::from_str(&datapackage_json("a.csv", false)).unwrap();
    let excel: serde_json::Value = serde_json::from_str(&datapackage_json("a.csv", true)).unwrap();
    let fields = |p: &serde_json::Value| {
        p["resources"][0]["schema"]["fields"]
            .as_array()
            .unwrap()
            .clone()
    };
    for (p, e) in fields(&plain).iter().zip(fields(&excel)) {
        assert_eq!(p["name"], e["name"]);
        assert_eq!(p["type"], e["type"]);
        assert_eq!(p["constraints"]["pattern"], e["constraints"]["pattern"]);
    }
    assert_eq!(
        plain["resources"][0]["dialect"],
        excel["resources"][0]["dialect"]
    );
}
