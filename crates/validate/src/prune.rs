//! Listing the errors of a record with very long arrays in bounded memory.
//!
//! `jsonschema` gathers every error of a record before handing the first
//! one back, so a 16 MiB array of wrong items (millions of errors) would
//! take gigabytes. An invalid record's errors are therefore listed from a
//! copy of it whose arrays are cut to their first [`MAX_CHECKED_ITEMS`]
//! items; the verdict itself is always taken on the whole record.

use articlekit_read::span::escape_token;
use serde_json::{Map, Value};

/// Items of an array checked for the list of errors.
pub const MAX_CHECKED_ITEMS: usize = 1000;

/// A record with its long arrays cut, and which were cut.
#[derive(Debug)]
pub(crate) struct Pruned {
    /// The record with every array cut to [`MAX_CHECKED_ITEMS`] items.
    pub value: Value,
    /// `(pointer, length)` of each array that was cut, in document order.
    pub cut: Vec<(String, usize)>,
}

impl Pruned {
    /// The length of the array at `pointer` before it was cut, if it was.
    pub(crate) fn length(&self, pointer: &str) -> Option<usize> {
        self.cut.iter().find(|(p, _)| p == pointer).map(|(_, n)| *n)
    }
}

/// The record with its long arrays cut, or `None` when it has none.
pub(crate) fn prune(value: &Value) -> Option<Pruned> {
    if !has_long_array(value) {
        return None;
    }
    let mut cut = Vec::new();
    let mut pointer = String::new();
    let value = copy(value, &mut pointer, &mut cut);
    Some(Pruned { value, cut })
}

fn has_long_array(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.len() > MAX_CHECKED_ITEMS || items.iter().any(has_long_array),
        Value::Object(map) => map.values().any(has_long_array),
        _ => false,
    }
}

/// A copy of `value` (at `pointer`) with its long arrays cut. Recursion is
/// bounded by the parser's nesting limit (128).
fn copy(value: &Value, pointer: &mut String, cut: &mut Vec<(String, usize)>) -> Value {
    let len = pointer.len();
    match value {
        Value::Array(items) => {
            if items.len() > MAX_CHECKED_ITEMS {
                cut.push((pointer.clone(), items.len()));
            }
            let kept = items.iter().take(MAX_CHECKED_ITEMS).enumerate();
            Value::Array(
                kept.map(|(i, item)| {
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    let item = copy(item, pointer, cut);
                    pointer.truncate(len);
                    item
                })
                .collect(),
            )
        }
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, item) in map {
                pointer.push('/');
                pointer.push_str(&escape_token(key));
                out.insert(key.clone(), copy(item, pointer, cut));
                pointer.truncate(len);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_long_arrays_are_cut() {
        assert!(prune(&json!({"a": [1, 2, 3], "b": {"c": "x"}})).is_none());
        let long: Vec<u32> = (0..5000).collect();
        let value = json!({"a/b": {"tags": long}, "bullets": [["x"], long]});
        let pruned = prune(&value).expect("cut");
        assert_eq!(
            pruned.cut,
            [
                ("/a~1b/tags".to_owned(), 5000),
                ("/bullets/1".to_owned(), 5000)
            ]
        );
        assert_eq!(
            pruned.value["a/b"]["tags"].as_array().map(Vec::len),
            Some(MAX_CHECKED_ITEMS)
        );
        assert_eq!(pruned.value["bullets"][0], json!(["x"]));
        assert_eq!(pruned.value["bullets"][1][999], json!(999));
        assert_eq!(pruned.length("/bullets/1"), Some(5000));
        assert_eq!(pruned.length("/bullets"), None);
    }
}
