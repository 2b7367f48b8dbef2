//! The CSV writer is reachable through this crate, as the CLI uses it.

use articlekit_export::csv::{CsvOptions, CsvWriter, datapackage_json};

use crate::articles::{full, seed};

#[test]
fn csv_is_reexported_and_writes_one_row_per_article() {
    let mut writer = CsvWriter::new(Vec::new(), CsvOptions { excel: false });
    writer.write(&seed()).expect("written");
    writer.write(&full()).expect("written");
    let bytes = writer.finish().expect("finished");
    let mut rows = articlekit_csv::CsvReader::new(&bytes[..]);
    let ids: Vec<String> = rows
        .by_ref()
        .map(|r| {
            r.expect("row reads back").value["metadata"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ["scmp-3318837", "songai-2025-07-21-openai"]);
    assert!(datapackage_json("articles.csv", false).contains("articles.csv"));
}
