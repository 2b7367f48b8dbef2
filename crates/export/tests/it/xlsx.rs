//! The workbook read back with calamine: the CSV columns, every text a
//! string cell equal to the CSV layout's cell, formulas never made.

use std::io::Cursor;

use articlekit_export::xlsx::{SHEET_NAME, XlsxWriter};
use articlekit_model::Article;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::articles::{full, repo_file, seed};

fn batch() -> Vec<Article> {
    let mut articles = vec![seed(), full()];
    for line in repo_file("fixtures/csv/hostile.ndjson")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        articles.push(serde_json::from_str(line).expect("hostile fixture article"));
    }
    let mut formula = full();
    formula.metadata.id = "formula".into();
    formula.metadata.title = r#"=HYPERLINK("http://evil.example","bấm vào")"#.into();
    formula.summary = "+1+2\n-3".into();
    formula.bullets = vec![
        "@SUM(A1:A2)".into(),
        "=1+1".into(),
        "Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ".into(),
    ];
    articles.push(formula);
    articles
}

fn workbook(articles: &[Article]) -> Vec<u8> {
    let mut writer = XlsxWriter::new(Cursor::new(Vec::new())).expect("writer");
    for a in articles {
        writer.write(a).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

#[test]
fn cells_are_the_csv_cells_as_strings() {
    let articles = batch();
    let bytes = workbook(&articles);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx");
    let range = book.worksheet_range(SHEET_NAME).expect("the sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), articles.len() + 1);
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(header, articlekit_csv::COLUMNS);
    for (article, row) in articles.iter().zip(&rows[1..]) {
        let expected = articlekit_csv::cells(article).expect("cells");
        for ((cell, want), name) in row.iter().zip(expected.iter()).zip(articlekit_csv::COLUMNS) {
            match cell {
                Data::Empty => assert!(want.is_empty(), "{name}: empty cell for `{want}`"),
                Data::String(s) => assert_eq!(s, want, "{name} of {}", article.metadata.id),
                Data::Float(n) if *name == "discussion_count" => {
                    assert_eq!(n.to_string(), want.as_ref());
                }
                other => panic!(
                    "{name} of {}: {other:?} is not a string cell",
                    article.metadata.id
                ),
            }
        }
    }
}

#[test]
fn no_cell_is_a_formula() {
    let bytes = workbook(&batch());
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx");
    let formulas = book
        .worksheet_formula(SHEET_NAME)
        .expect("the sheet's formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a formula was written"
    );
    let range = book.worksheet_range(SHEET_NAME).expect("the sheet");
    let texts: Vec<String> = range.used_cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        texts.iter().any(|t| t.starts_with("=HYPERLINK(")),
        "the text is kept as text"
    );
    assert!(
        texts
            .iter()
            .any(|t| t == "@SUM(A1:A2)\n=1+1\nTiếng Việt có dấu: ắ ằ ẳ ẵ ặ")
    );
}

#[test]
fn a_text_too_long_for_a_cell_is_refused() {
    let mut a = full();
    if let Some(source) = a.metadata.source.as_mut() {
        source.text = Some("x".repeat(40_000));
    }
    let mut writer = XlsxWriter::new(Cursor::new(Vec::new())).expect("writer");
    let err = writer.write(&a).expect_err("refused");
    assert!(
        err.to_string().contains(
            "`metadata.source.text` of article `songai-2025-07-21-openai` is 40000 characters long"
        ),
        "{err}"
    );
}
