//! Every planted fault is caught by what is supposed to decide it, and only by that.

use std::collections::{HashMap, HashSet};

use articlekit_gen::{Fault, Kinds, Scope};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::{batch, validator};

fn pointer<'a>(value: &'a Value, path: &str) -> Option<&'a str> {
    value.pointer(path).and_then(Value::as_str)
}

#[test]
fn every_fault_breaks_its_record_and_is_decided_by_its_scope() {
    let validator = validator();
    let faults = Kinds::All.faults();
    let count = u64::try_from(faults.len() * 6).unwrap_or(0);
    let mut seen: HashMap<Fault, usize> = HashMap::new();
    let mut valid_ids = HashSet::new();
    for record in batch(count, 77, 500_000, Kinds::All) {
        let Some(fault) = record.fault else {
            let value: Value = serde_json::from_slice(&record.bytes).expect("valid JSON");
            valid_ids.insert(pointer(&value, "/metadata/id").expect("id").to_owned());
            continue;
        };
        *seen.entry(fault).or_default() += 1;
        let parsed = serde_json::from_slice::<Value>(&record.bytes);
        let line = String::from_utf8_lossy(&record.bytes);
        assert!(
            !record.bytes.contains(&b'\n'),
            "{}: a record is one line",
            fault.name()
        );
        match fault.scope() {
            Scope::Schema => {
                let value =
                    parsed.unwrap_or_else(|e| panic!("{}: not JSON ({e}): {line}", fault.name()));
                assert!(
                    !validator.is_valid(&value),
                    "{}: the schema accepts {line}",
                    fault.name()
                );
                // Python's json module must load it too (no NaN, no huge numbers, shallow).
                assert!(std::str::from_utf8(&record.bytes).is_ok());
            }
            Scope::Batch => {
                let value = parsed.unwrap_or_else(|e| panic!("{}: not JSON ({e})", fault.name()));
                assert!(
                    validator.is_valid(&value),
                    "{}: schema-valid, broken by a batch rule",
                    fault.name()
                );
                let id = pointer(&value, "/metadata/id").expect("id");
                if fault == Fault::DuplicateId {
                    assert!(
                        valid_ids.contains(id),
                        "duplicate-id reuses an earlier valid id"
                    );
                } else {
                    let at = |p| {
                        OffsetDateTime::parse(pointer(&value, p).expect("date"), &Rfc3339)
                            .expect("RFC 3339")
                    };
                    assert!(at("/metadata/updated_at") < at("/metadata/published_at"));
                    assert!(!valid_ids.contains(id));
                }
            }
            Scope::Bytes => assert!(parsed.is_err(), "{}: serde_json accepts it", fault.name()),
        }
    }
    let missing: Vec<_> = faults
        .iter()
        .filter(|f| !seen.contains_key(f))
        .map(|f| f.name())
        .collect();
    assert!(missing.is_empty(), "never planted: {missing:?}");
}

#[test]
fn schema_only_batches_load_as_json_everywhere() {
    for record in batch(600, 3, 300_000, Kinds::SchemaOnly) {
        let value: Value = serde_json::from_slice(&record.bytes).expect("JSON");
        if record.fault.is_none() {
            assert!(value.pointer("/metadata/id").is_some());
        }
    }
}

#[test]
fn non_utf8_records_really_are_not_utf8() {
    let record = batch(200, 5, 1_000_000, Kinds::All)
        .into_iter()
        .find(|r| r.fault == Some(Fault::NonUtf8))
        .expect("planted within 200 records");
    assert!(std::str::from_utf8(&record.bytes).is_err());
}
