//! The bytes of a small export, with the invisible ones made visible:
//! `␍` is CR, `␉` tab, `<BOM>` the byte order mark; every other line break is LF.

use crate::{hostile_articles, write};

fn visible(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .replace('\u{FEFF}', "<BOM>")
        .replace('\r', "␍")
        .replace('\t', "␉")
}

#[test]
fn plain_export() {
    insta::assert_snapshot!(visible(&write(&hostile_articles(), false)));
}

#[test]
fn excel_export() {
    insta::assert_snapshot!(visible(&write(&hostile_articles(), true)));
}

#[test]
fn no_articles_is_a_header_alone() {
    assert_eq!(
        visible(&write(&[], false)),
        format!("{}␍\n", articlekit_csv::COLUMNS.join(","))
    );
    assert!(write(&[], true).starts_with(b"\xEF\xBB\xBFmetadata.id,"));
}
