//! Any bytes, read as NDJSON, a JSON array or CSV: the fast path and the
//! full path give every record the same verdict, the same errors (messages
//! and locations), the same id, article and dates, with articles built and
//! without. The corpus is seeded with valid records and records at the
//! edges of the rules, so the fuzzer mutates records the fast path accepts.
#![no_main]

use std::io::Cursor;
use std::sync::OnceLock;

use articlekit_read::{Format, Item, ReadOptions, Record, from_reader};
use articlekit_validate::{Checked, Checker};
use libfuzzer_sys::fuzz_target;

fn checkers() -> &'static (Checker, Checker) {
    static CHECKERS: OnceLock<(Checker, Checker)> = OnceLock::new();
    CHECKERS.get_or_init(|| {
        let fast = Checker::new().expect("the schema compiles");
        assert!(fast.has_fast_path(), "every schema keyword has a fast-path rule");
        let full = Checker::new().expect("the schema compiles").with_fast_path(false);
        (fast, full)
    })
}

fn records(input: &[u8], format: Format) -> Vec<Record> {
    let options = ReadOptions {
        format: Some(format),
        max_record_bytes: 8192,
        ..ReadOptions::default()
    };
    let source = Box::new(Cursor::new(input.to_vec()));
    from_reader(source, "fuzz".into(), format, &options)
        .map_while(Result::ok)
        .filter_map(|item| match item {
            Item::Record(record) => Some(record),
            Item::Blank(_) => None,
        })
        .collect()
}

fn outcome(checked: &Checked) -> String {
    format!(
        "{} {:?} {:?} {:?} {:?} {:?}",
        checked.is_valid(),
        checked.id(),
        checked.article,
        checked.dates,
        checked.value,
        checked.errors
    )
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let format = match (selector & 0x0f) % 3 {
        0 => Format::Ndjson,
        1 => Format::Json,
        _ => Format::Csv,
    };
    let build = selector & 0x80 == 0;
    let (fast, full) = checkers();
    for (a, b) in records(input, format).into_iter().zip(records(input, format)) {
        let by_fast = fast.check_building(a, build);
        let by_full = full.check_building(b, build);
        assert_eq!(outcome(&by_fast), outcome(&by_full), "the paths disagree");
    }
});
