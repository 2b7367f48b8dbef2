//! Small edits of a record's JSON, used to break records and to take them to
//! the edges of the rules. Each accessor creates what it needs, so an edit
//! applies to any generated article.

use serde_json::{Map, Value, json};

use crate::rng::Rng;

/// `value` as an object, replacing it with `{}` if it is not one.
pub(crate) fn obj(value: &mut Value) -> &mut Map<String, Value> {
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
    match value {
        Value::Object(map) => map,
        _ => unreachable!("made an object above"),
    }
}

/// The record's `metadata` object, added if absent.
pub(crate) fn metadata(record: &mut Value) -> &mut Map<String, Value> {
    obj(obj(record).entry("metadata").or_insert_with(|| json!({})))
}

/// The record's `metadata.source` object, added (with a URL) if absent.
pub(crate) fn source(record: &mut Value) -> &mut Map<String, Value> {
    let source = metadata(record)
        .entry("source")
        .or_insert_with(|| json!({ "url": "https://www.scmp.com/tech/article/3300000/ai" }));
    obj(source)
}

/// The first element of the array at `key` (of `map`), adding `default` if the array is absent or empty.
pub(crate) fn first<'a>(
    map: &'a mut Map<String, Value>,
    key: &str,
    default: Value,
) -> &'a mut Map<String, Value> {
    let list = map.entry(key).or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    let Value::Array(items) = list else {
        unreachable!("made an array above")
    };
    if items.is_empty() {
        items.push(default);
    }
    obj(&mut items[0])
}

/// The record's first attachment, added if there is none.
pub(crate) fn attachment(record: &mut Value) -> &mut Map<String, Value> {
    first(
        obj(record),
        "attachments",
        json!({ "name": "Báo cáo.pdf", "url": "https://cdn.songai.example/files/2025/07/bao-cao.pdf" }),
    )
}

/// The record's first author, added if there is none.
pub(crate) fn author(record: &mut Value) -> &mut Map<String, Value> {
    first(
        metadata(record),
        "authors",
        json!({ "name": "Nguyễn Minh Anh" }),
    )
}

/// The record's `metadata.publisher`, added if absent.
pub(crate) fn publisher(record: &mut Value) -> &mut Map<String, Value> {
    obj(metadata(record)
        .entry("publisher")
        .or_insert_with(|| json!({ "name": "Sóng AI" })))
}

/// The record's bullets, made a non-empty array if they are not one.
pub(crate) fn bullets(record: &mut Value) -> &mut Vec<Value> {
    let list = obj(record).entry("bullets").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    let Value::Array(items) = list else {
        unreachable!("made an array above")
    };
    if items.is_empty() {
        items.push(json!("Ý chính"));
    }
    items
}

/// Inserts `extra` into the string at `map[key]` (a filler if absent) at character `at`.
pub(crate) fn spoil_at(map: &mut Map<String, Value>, key: &str, extra: &str, at: usize) {
    let mut text = map
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or("Văn bản")
        .to_owned();
    let at = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
    text.insert_str(at, extra);
    map.insert(key.to_owned(), Value::String(text));
}

/// Inserts `extra` in the middle of the string at `map[key]`.
pub(crate) fn spoil(map: &mut Map<String, Value>, key: &str, extra: &str) {
    let middle = map
        .get(key)
        .and_then(Value::as_str)
        .map_or(0, |t| t.chars().count() / 2);
    spoil_at(map, key, extra, middle);
}

/// Sets `map[key]` to `value`.
pub(crate) fn set(map: &mut Map<String, Value>, key: &str, value: Value) {
    map.insert(key.to_owned(), value);
}

/// Removes `map[key]`.
pub(crate) fn unset(map: &mut Map<String, Value>, key: &str) {
    map.remove(key);
}

/// Inserts `extra` in the middle of a random bullet.
pub(crate) fn spoil_bullet(record: &mut Value, rng: &mut Rng, extra: &str) {
    let items = bullets(record);
    let i = rng.index(items.len());
    let mut item = Map::new();
    item.insert("b".into(), items[i].take());
    spoil(&mut item, "b", extra);
    items[i] = item.remove("b").unwrap_or_default();
}

/// Replaces a random bullet with `value`.
pub(crate) fn replace_bullet(record: &mut Value, rng: &mut Rng, value: Value) {
    let items = bullets(record);
    let i = rng.index(items.len());
    items[i] = value;
}
