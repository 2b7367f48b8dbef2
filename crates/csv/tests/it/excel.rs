//! Spreadsheet mode: BOM, CRLF, no cell a spreadsheet would run, and still exact.

use proptest::prelude::*;

use crate::roundtrip::articles;
use crate::{hostile_articles, read_articles, write};

const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Every cell of the file as a spreadsheet sees it (header excluded).
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap();
    csv::Reader::from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn assert_neutralised(bytes: &[u8]) {
    for row in cells(bytes) {
        for cell in &row[..row.len() - 1] {
            assert!(!cell.starts_with(FORMULA_START), "formula cell {cell:?}");
        }
        assert!(
            row[row.len() - 1].bytes().all(|b| b.is_ascii_digit()),
            "count {row:?}"
        );
    }
}

#[test]
fn hostile_cells_are_neutralised_and_restored() {
    let articles = hostile_articles();
    let bytes = write(&articles, true);
    assert_neutralised(&bytes);
    let rows = cells(&bytes);
    assert_eq!(
        rows[1][1],
        "'=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")"
    );
    assert_eq!(
        rows[1][17],
        "'-2+3 </script><script>alert(1)</script> ]]> <!-- &"
    );
    assert_eq!(rows[2][16], "'\tTab first\r\nCRLF\rlone CR\n\n  trailing  ");
    assert_eq!(read_articles(&bytes), articles);
}

#[test]
fn plain_mode_is_untouched() {
    let bytes = write(&hostile_articles(), false);
    assert!(bytes.starts_with(b"metadata.id,"));
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(&bytes[..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        rows[1][1],
        "=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_formula_cell_is_neutralised(articles in articles()) {
        let bytes = write(&articles, true);
        assert_neutralised(&bytes);
        prop_assert_eq!(read_articles(&bytes), articles);
    }
}
