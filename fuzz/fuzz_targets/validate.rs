//! Any bytes, read as NDJSON, JSON, CSV or a page and validated end to end:
//! never a panic; every error has a keyword, a message and a 1-based line;
//! and for NDJSON nothing is lost: the records' and blank lines' raw bytes
//! put back together are exactly the input (what the quarantine split relies on).
#![no_main]

use std::io::Cursor;
use std::sync::OnceLock;

use articlekit_read::{Format, Item, ReadOptions, from_reader};
use articlekit_validate::Checker;
use libfuzzer_sys::fuzz_target;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new().expect("the schema compiles"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let format = match selector % 4 {
        0 => Format::Ndjson,
        1 => Format::Json,
        2 => Format::Csv,
        _ => Format::Page,
    };
    let options = ReadOptions {
        format: Some(format),
        // Small enough that the fuzzer reaches the size limit too.
        max_record_bytes: 4096,
        keep_oversize: true,
        ..ReadOptions::default()
    };
    let source = Box::new(Cursor::new(input.to_vec()));
    let reader = from_reader(source, "fuzz".into(), format, &options);
    let mut rebuilt = Vec::new();
    let mut last_index = 0;
    for item in reader {
        match item {
            Ok(Item::Blank(blank)) => rebuilt.extend_from_slice(&blank.raw),
            Ok(Item::Record(record)) => {
                assert!(record.index > last_index, "record numbers go up");
                last_index = record.index;
                assert!(record.line >= 1, "lines are 1-based");
                record.raw.write_to(&mut rebuilt).expect("memory write");
                let checked = checker().check(record);
                for error in &checked.errors {
                    assert!(!error.keyword.as_str().is_empty(), "error without keyword");
                    assert!(!error.message.is_empty(), "error without message");
                    assert!(error.line.is_none_or(|l| l >= 1), "0 line in {error:?}");
                }
                if let Some(article) = checked.valid_article() {
                    // A valid record is a model article that serialises and reads back.
                    let json = article.to_canonical_json();
                    let back: articlekit_model::Article =
                        serde_json::from_str(&json).expect("canonical JSON reads back");
                    assert_eq!(&back, article);
                }
            }
            Err(_) => return,
        }
    }
    if format == Format::Ndjson {
        assert_eq!(rebuilt, input, "NDJSON records and blank lines do not add up to the input");
    }
});
